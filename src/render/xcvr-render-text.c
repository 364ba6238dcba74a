/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-text.c: the text form of a module, line for line what ethtool 6.1's
 * `ethtool -m` prints, then one "Warning: …" line per problem found while decoding.
 *
 * Formats follow ethtool 6.1's printf patterns (facts observed from its output):
 * a tab, the label left-aligned in 41 columns, " : ", the value.
 */
#include <xcvrmap/xcvr-render.h>

#include <math.h>

#include "core/xcvr-string-private.h"
#include "sff/xcvr-module-private.h"

static double
xcvr_mw_to_dbm(double mw)
{
    /* Same arithmetic as ethtool so the rounding of the last digit agrees. */
    return (10. * log10(mw / 1000.)) + 30.;
}

static void
render_measure(GString *out, XcvrQuantity qty, gint64 raw)
{
    double v = xcvr_quantity_scale(qty, raw);

    switch (qty) {
    case XCVR_QTY_TEMPERATURE:
        xcvr_string_append_printf(out, "%.2f degrees C / %.2f degrees F", v, v * 1.8 + 32.);
        break;
    case XCVR_QTY_VOLTAGE:
        xcvr_string_append_printf(out, "%.4f V", v);
        break;
    case XCVR_QTY_CURRENT:
        xcvr_string_append_printf(out, "%.3f mA", v);
        break;
    case XCVR_QTY_TX_POWER:
    case XCVR_QTY_RX_POWER:
        xcvr_string_append_printf(out, "%.4f mW / %.2f dBm", v, xcvr_mw_to_dbm(v));
        break;
    case XCVR_QTY_TEC_CURRENT:
        xcvr_string_append_printf(out, "%.2f %%", v);
        break;
    case XCVR_QTY_PERCENT:
        xcvr_string_append_printf(out, "%.0f %%", v);
        break;
    case XCVR_QTY_DB256:
        xcvr_string_append_printf(out, "%.2f dB", v);
        break;
    case XCVR_QTY_FREQ_ERROR:
        xcvr_string_append_printf(out, "%.0f MHz", v);
        break;
    case XCVR_QTY_F16:
        xcvr_string_append_printf(out, "%.3e", v);
        break;
    case XCVR_QTY_NONE:
    case _XCVR_QTY_LAST:
    default:
        xcvr_string_append_printf(out, "%" G_GINT64_FORMAT, raw);
        break;
    }
}

/* "\t%-41s : " with the value's label: a tab, the label left-aligned in 41 columns. */
static void
render_line_start(GString *out, const XcvrValue *v, gboolean xlabel)
{
    static const char spaces[] = "                                         "; /* 41 */
    gsize start;
    gsize width;

    g_string_append_c(out, '\t');
    start = out->len;
    xcvr_value_append_label(out, v, xlabel);
    width = out->len - start;
    if (width < sizeof(spaces) - 1)
        g_string_append_len(out, spaces, (gssize)(sizeof(spaces) - 1 - width));
    g_string_append(out, " : ");
}

static void
render_value(GString *out, const XcvrModule *module, const XcvrValue *v, gboolean xlabel)
{
    const XcvrFieldDesc *d = v->desc;
    guint i;

    if (d->kind == XCVR_KIND_BITS) {
        for (i = 0; i < v->n_items; i++) {
            const XcvrItem *item = xcvr_module_item(module, v, i);
            gsize line = out->len;

            render_line_start(out, v, xlabel);
            if (!xcvr_item_append(out, item, TRUE)) {
                g_string_truncate(out, line); /* ethtool 6.1 does not know this one */
                continue;
            }
            g_string_append_c(out, '\n');
        }
        return;
    }

    render_line_start(out, v, xlabel);
    switch (d->kind) {
    case XCVR_KIND_ENUM:
        if ((d->flags & XCVR_FIELD_TEXT_NAME_ONLY) != 0)
            g_string_append(out, v->label);
        else
            xcvr_string_append_printf(out, "0x%02x (%s)%s", (guint)v->raw, v->label,
                                   d->text_suffix != NULL ? d->text_suffix : "");
        break;
    case XCVR_KIND_LANE_BITS:
        if (v->raw == 0) {
            g_string_append(out, "None");
            break;
        }
        g_string_append_c(out, '[');
        for (i = 0; i < v->n_bytes; i++)
            xcvr_string_append_printf(out, " %s%c", ((v->raw >> i) & 1) != 0 ? "Yes" : "No",
                                   i + 1 < v->n_bytes ? ',' : ' ');
        g_string_append_c(out, ']');
        break;
    case XCVR_KIND_HEXBYTES:
        for (i = 0; i < v->n_bytes; i++)
            xcvr_string_append_printf(out, "%s0x%02x", i > 0 ? " " : "", v->bytes[i]);
        break;
    case XCVR_KIND_UINT: {
        const char *unit = d->text_unit != NULL ? d->text_unit : d->unit;

        /* ethtool prints the register times its multiplier, even where the spec gives the
         * value elsewhere (the JSON number follows the spec); a hook may word it itself */
        if (v->text != NULL)
            g_string_append(out, v->text);
        else if (d->scale != 0)
            xcvr_string_append_printf(out, "%.*f%s", d->decimals, (double)v->raw * d->scale,
                                   unit != NULL ? unit : "");
        else
            xcvr_string_append_printf(out, "%" G_GUINT64_FORMAT "%s",
                                   v->raw * (d->mult != 0 ? d->mult : 1),
                                   unit != NULL ? unit : "");
        break;
    }
    case XCVR_KIND_ASCII:
    case XCVR_KIND_OUI:
        g_string_append(out, v->text);
        break;
    case XCVR_KIND_BOOL:
        g_string_append(out, v->raw != 0 ? "Yes" : "No");
        break;
    case XCVR_KIND_FLAG:
        g_string_append(out, v->raw != 0 ? "On" : "Off");
        break;
    case XCVR_KIND_MEASURE:
        render_measure(out, d->quantity, (gint64)v->raw);
        break;
    case XCVR_KIND_BITS:
    case _XCVR_KIND_LAST:
    default:
        break;
    }
    g_string_append_c(out, '\n');
}

gboolean
xcvr_render_text(const XcvrModule *module, GString *out, GError **error)
{
    guint i;

    g_return_val_if_fail(module != NULL, FALSE);
    g_return_val_if_fail(out != NULL, FALSE);

    gboolean extra = FALSE;

    for (i = 0; i < module->n_values; i++) {
        const XcvrValue *v = &module->values[i];

        if (!v->in_text || v->state != XCVR_VALUE_OK)
            continue;
        render_value(out, module, v, FALSE);
    }
    /* What the module says and ethtool 6.1 does not print, after ethtool's lines so that
     * part stays identical. */
    for (i = 0; i < module->n_values; i++) {
        const XcvrValue *v = &module->values[i];

        if (v->desc->xlabel == NULL || v->in_text || v->state != XCVR_VALUE_OK)
            continue;
        if (!extra)
            g_string_append(out, XCVR_TEXT_EXTRA_HEADING "\n");
        extra = TRUE;
        render_value(out, module, v, TRUE);
    }
    for (i = 0; i < xcvr_module_n_warnings(module); i++)
        xcvr_string_append_printf(out, "Warning: %s\n",
                               xcvr_module_warning(module, i));
    return TRUE;
}
