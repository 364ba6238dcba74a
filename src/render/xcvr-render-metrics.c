/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-metrics.c: the inventory (and its history) in the Prometheus text exposition
 * format 0.0.4, for node_exporter's textfile collector and `xcvrmap metrics`. Pure: the
 * model in, text out.
 *
 * Conventions (prometheus.io "Metric and label naming"): every name starts `xcvrmap_`,
 * values are in base units named in the suffix (celsius, volts, amperes, watts), a counter
 * ends in `_total`. Only what a module advertises and the decoder read becomes a sample:
 * no zero stands for "unknown". Interfaces are the uplinks' netdevs (PCI address without
 * one); domains and MACs appear only in `xcvrmap_vnic_info`, so the health series do not
 * multiply with every guest that starts or migrates.
 */
#include <math.h>
#include <string.h>

#include <xcvrmap/xcvr-escape.h>
#include <xcvrmap/xcvr-history.h>

#include "inventory/xcvr-history-private.h"
#include "inventory/xcvr-inventory-private.h"
#include "render/xcvr-render-private.h"
#include "sff/xcvr-module-private.h"

typedef enum {
    FAM_TEMPERATURE,
    FAM_VOLTAGE,
    FAM_BIAS,
    FAM_TX_POWER,
    FAM_RX_POWER,
    FAM_THRESHOLD,
    FAM_FLAG,
    FAM_HEALTH,
    FAM_LINK_UP,
    FAM_RAISED,
    FAM_VNIC,
    FAM_VDM,

    FAM_LAST
} Family;

typedef struct {
    const char *name;
    const char *type;
    const char *help;
} FamilyDesc;

static const FamilyDesc families[FAM_LAST] = {
    [FAM_TEMPERATURE] = { "xcvrmap_module_temperature_celsius", "gauge",
                          "Module temperature, from its diagnostics." },
    [FAM_VOLTAGE] = { "xcvrmap_module_supply_voltage_volts", "gauge",
                      "Module supply voltage, from its diagnostics." },
    [FAM_BIAS] = { "xcvrmap_lane_tx_bias_amperes", "gauge",
                   "Laser bias current per lane (lane 1 first)." },
    [FAM_TX_POWER] = { "xcvrmap_lane_tx_power_watts", "gauge",
                       "Transmitted optical power per lane." },
    [FAM_RX_POWER] = { "xcvrmap_lane_rx_power_watts", "gauge",
                       "Received optical power per lane (average or OMA, as the module "
                       "measures it)." },
    [FAM_THRESHOLD] = { "xcvrmap_threshold", "gauge",
                        "Alarm and warning thresholds the module advertises, in the unit of "
                        "the series named by quantity." },
    [FAM_FLAG] = { "xcvrmap_flag", "gauge",
                   "A warning or alarm flag of the module as read (1 set, 0 clear); no lane "
                   "label for a module-wide flag." },
    [FAM_HEALTH] = { "xcvrmap_uplink_health", "gauge",
                     "Verdict on the uplink as a state set (1 for the current state); with "
                     "the history, after hysteresis." },
    [FAM_LINK_UP] = { "xcvrmap_link_up", "gauge",
                      "1 when the link is up with carrier, else 0." },
    [FAM_RAISED] = { "xcvrmap_alarm_raised_total", "counter",
                     "Times a warning or alarm flag was raised (after hysteresis) for the "
                     "module now in the cage, all lanes together." },
    [FAM_VNIC] = { "xcvrmap_vnic_info", "gauge",
                   "A VM network interface and the uplink it leaves the host through." },
    [FAM_VDM] = { "xcvrmap_vdm_value", "gauge",
                  "A CMIS VDM observable's sample per lane (read with --vdm), in the unit of its "
                  "type: % (laser_age, tec_current), MHz (laser_frequency_error), degrees C "
                  "(laser_temperature), dB (esnr_*, pam4_ltp_*), a ratio (pre_fec_ber_*, "
                  "errored_frames_*)." },
};

/* mA and mW to amperes and watts: a division, which (unlike × 1e-3) gives the double
 * nearest the decimal value, so 62.228 mA prints 0.062228, not 0.062228000000000006 */
#define MILLI 1000.0

/* Thresholds: the module field prefix, the series it bounds, and the divisor to base units. */
static const struct {
    const char *prefix;
    const char *quantity;
    double divisor;
} thresholds[] = {
    { "module_temperature", "module_temperature_celsius", 1.0 },
    { "module_voltage", "module_supply_voltage_volts", 1.0 },
    { "laser_bias_current", "lane_tx_bias_amperes", MILLI },
    { "laser_output_power", "lane_tx_power_watts", MILLI },
    { "laser_rx_power", "lane_rx_power_watts", MILLI },
};

static const char *const levels[] = { "high_alarm", "high_warning", "low_warning", "low_alarm" };

typedef struct {
    GString *body[FAM_LAST];
} Out;

/* A value with the fewest digits within 1e-12 of it: the registers' resolution is far
 * coarser (0.1 µW, 2 µA, 100 µV, 1/256 °C), so 0.001122 W is written, not the
 * 0.0011220000000000002 that mW → W leaves in the double. */
static void
append_value(GString *out, double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    int precision;

    if (v == floor(v) && fabs(v) < 1e15) {
        xcvr_render_append_double(out, v);
        return;
    }
    for (precision = 1; precision < 17; precision++) {
        g_autofree char *fmt = g_strdup_printf("%%.%dg", precision);

        g_ascii_formatd(buf, sizeof(buf), fmt, v);
        if (fabs(g_ascii_strtod(buf, NULL) - v) <= fabs(v) * 1e-12) {
            g_string_append(out, buf);
            return;
        }
    }
    xcvr_render_append_double(out, v);
}

/* One sample: `NAME{l1="v1",…} VALUE`; @labels is NULL-terminated name/value pairs, a pair
 * whose value is NULL left out. */
static void
sample(Out *o, Family fam, double value, const char *const *labels)
{
    GString *s = o->body[fam];
    gboolean first = TRUE;
    guint i;

    if (!isfinite(value))
        return;
    g_string_append(s, families[fam].name);
    for (i = 0; labels[i] != NULL; i += 2) {
        if (labels[i + 1] == NULL)
            continue;
        g_string_append_c(s, first ? '{' : ',');
        first = FALSE;
        g_string_append(s, labels[i]);
        g_string_append(s, "=\"");
        xcvr_escape_prometheus_append(s, labels[i + 1], -1);
        g_string_append_c(s, '"');
    }
    if (!first)
        g_string_append_c(s, '}');
    g_string_append_c(s, ' ');
    append_value(s, value);
    g_string_append_c(s, '\n');
}

static void
module_number(Out *o, Family fam, const char *ifname, const XcvrModule *m, const char *key)
{
    double v;

    if (xcvr_module_get_number(m, key, &v, NULL)) {
        const char *labels[] = { "interface", ifname, NULL };

        sample(o, fam, v, labels);
    }
}

static void
lane_numbers(Out *o, Family fam, const char *ifname, const XcvrModule *m, const char *key,
             double divisor)
{
    g_autoptr(GArray) lanes = xcvr_module_get_lane_numbers(m, key, NULL);
    guint i;

    for (i = 0; i < lanes->len; i++) {
        g_autofree char *lane = g_strdup_printf("%u", i + 1);
        const char *labels[] = { "interface", ifname, "lane", lane, NULL };

        sample(o, fam, g_array_index(lanes, double, i) / divisor, labels);
    }
}

static void
module_thresholds(Out *o, const char *ifname, const XcvrModule *m)
{
    guint t;
    guint l;

    for (t = 0; t < G_N_ELEMENTS(thresholds); t++) {
        for (l = 0; l < G_N_ELEMENTS(levels); l++) {
            g_autofree char *key = g_strdup_printf("%s_%s_threshold", thresholds[t].prefix,
                                                   levels[l]);
            const char *labels[] = { "interface", ifname, "quantity", thresholds[t].quantity,
                                     "level", levels[l], NULL };
            double v;

            if (xcvr_module_get_number(m, key, &v, NULL))
                sample(o, FAM_THRESHOLD, v / thresholds[t].divisor, labels);
        }
    }
}

/* Every warning and alarm flag the module has (advertised and read), set or not. */
static void
module_flags(Out *o, const char *ifname, const XcvrModule *m)
{
    guint i;

    for (i = 0; i < m->n_values; i++) {
        const XcvrValue *v = &m->values[i];
        g_autofree char *lane = NULL;

        if (v->desc->kind != XCVR_KIND_FLAG || v->state != XCVR_VALUE_OK || v->text_only ||
            (!g_str_has_suffix(v->desc->key, "_alarm") &&
             !g_str_has_suffix(v->desc->key, "_warning")))
            continue;
        if (v->lane > 0)
            lane = g_strdup_printf("%u", v->lane);
        {
            const char *labels[] = { "interface", ifname, "lane", lane, "flag", v->desc->key,
                                     NULL };

            sample(o, FAM_FLAG, v->raw != 0 ? 1 : 0, labels);
        }
    }
}

/* Every VDM observable's sample the module was read with (`--vdm`), per lane: the
 * observable is its field key without "vdm_" (e.g. esnr_media_input). */
static void
module_vdm(Out *o, const char *ifname, const XcvrModule *m)
{
    guint i;

    for (i = 0; i < m->n_values; i++) {
        const XcvrValue *v = &m->values[i];
        g_autofree char *lane = NULL;

        if ((v->desc->flags & XCVR_FIELD_VDM_TYPE) == 0 || v->desc->kind != XCVR_KIND_MEASURE ||
            v->state != XCVR_VALUE_OK || g_str_has_suffix(v->desc->key, "_threshold"))
            continue;
        lane = g_strdup_printf("%u", v->lane);
        {
            const char *labels[] = { "interface", ifname, "lane", lane, "observable",
                                     v->desc->key + strlen("vdm_"), NULL };

            sample(o, FAM_VDM, v->number, labels);
        }
    }
}

static void
uplink_health(Out *o, const char *ifname, XcvrHealth verdict)
{
    int h;

    for (h = 0; h < _XCVR_HEALTH_LAST; h++) {
        const char *labels[] = { "interface", ifname, "state",
                                 xcvr_health_to_string((XcvrHealth)h), NULL };

        sample(o, FAM_HEALTH, h == (int)verdict ? 1 : 0, labels);
    }
}

/* Raises per flag key (lanes summed) of the uplink's current module. */
static void
raised_totals(Out *o, const char *ifname, const XcvrHistoryRecord *r)
{
    guint i = 0;

    while (i < r->flags->len) {
        const XcvrHistoryFlag *f = g_ptr_array_index(r->flags, i);
        guint64 total = 0;
        const char *labels[] = { "interface", ifname, "flag", f->key, NULL };

        /* flags are sorted by key, then lane */
        for (; i < r->flags->len; i++) {
            const XcvrHistoryFlag *g = g_ptr_array_index(r->flags, i);

            if (strcmp(g->key, f->key) != 0)
                break;
            total += g->count;
        }
        sample(o, FAM_RAISED, (double)total, labels);
    }
}

static void
uplink(Out *o, const XcvrInvUplink *up, const XcvrHistory *history)
{
    const char *ifname = xcvr_history_uplink_name(up);
    const XcvrHistoryRecord *r = NULL;
    const XcvrModule *m = up->module;

    if (ifname == NULL)
        return;
    if (history != NULL)
        r = xcvr_history_find(history, up);
    if (m != NULL) {
        module_number(o, FAM_TEMPERATURE, ifname, m, "module_temperature");
        module_number(o, FAM_VOLTAGE, ifname, m, "module_voltage");
        lane_numbers(o, FAM_BIAS, ifname, m, "laser_bias_current", MILLI);
        lane_numbers(o, FAM_TX_POWER, ifname, m, "laser_output_power", MILLI);
        lane_numbers(o, FAM_RX_POWER, ifname, m, "rx_power", MILLI);
        module_thresholds(o, ifname, m);
        module_flags(o, ifname, m);
        module_vdm(o, ifname, m);
    }
    uplink_health(o, ifname, history != NULL ? xcvr_history_get_verdict(history, up)
                                              : up->health);
    if (up->link != NULL && up->link->operstate != NULL) {
        const char *labels[] = { "interface", ifname, NULL };

        sample(o, FAM_LINK_UP,
               strcmp(up->link->operstate, "up") == 0 && up->link->carrier != 0 ? 1 : 0,
               labels);
    }
    if (r != NULL && m != NULL)
        raised_totals(o, ifname, r);
}

static void
vnic(Out *o, const XcvrInvVnic *iv)
{
    guint i;

    for (i = 0; i < iv->reaches->len; i++) {
        const XcvrInvReach *reach = g_ptr_array_index(iv->reaches, i);
        const char *labels[] = { "domain", iv->vnic->domain, "mac", iv->vnic->mac, "uplink",
                                 xcvr_history_uplink_name(reach->uplink), NULL };

        sample(o, FAM_VNIC, 1, labels);
    }
}

char *
xcvr_render_metrics(const XcvrInventory *inventory, const XcvrHistory *history)
{
    Out o;
    GString *out = g_string_new(NULL);
    guint i;

    g_return_val_if_fail(inventory != NULL, NULL);

    for (i = 0; i < FAM_LAST; i++)
        o.body[i] = g_string_new(NULL);
    for (i = 0; i < inventory->uplinks->len; i++)
        uplink(&o, g_ptr_array_index(inventory->uplinks, i), history);
    for (i = 0; i < inventory->vnics->len; i++)
        vnic(&o, g_ptr_array_index(inventory->vnics, i));

    /* a family without samples is left out whole */
    for (i = 0; i < FAM_LAST; i++) {
        if (o.body[i]->len > 0)
            g_string_append_printf(out, "# HELP %s %s\n# TYPE %s %s\n%s", families[i].name,
                                   families[i].help, families[i].name, families[i].type,
                                   o.body[i]->str);
        g_string_free(o.body[i], TRUE);
    }
    return g_string_free(out, FALSE);
}
