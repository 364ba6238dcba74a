/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-vocab.c: the vocabulary table of a module summary, a link and a health verdict, and
 * its evaluation against what was read. The map's `module` keys existed before this table
 * and stay as they were (its contract only adds keys); derived quantities come last.
 */
#include <math.h>
#include <string.h>

#include "xcvr-vocab-private.h"

#define MOD XCVR_VOCAB_MODULE
#define LNK XCVR_VOCAB_LINK
#define HLT XCVR_VOCAB_HEALTH
#define PLC XCVR_VOCAB_PLACEMENT

static const XcvrVocabFact facts[] = {
    { MOD, "vendor", "vendor", NULL, XCVR_VOCAB_STRING, XCVR_VOCAB_FROM_FIELD, "vendor_name",
      XCVR_VOCAB_DERIVE_NONE, FALSE, "vendor name, trailing blanks removed" },
    { MOD, "pn", "pn", NULL, XCVR_VOCAB_STRING, XCVR_VOCAB_FROM_FIELD, "vendor_pn",
      XCVR_VOCAB_DERIVE_NONE, FALSE, "vendor part number" },
    { MOD, "sn", "sn", NULL, XCVR_VOCAB_STRING, XCVR_VOCAB_FROM_FIELD, "vendor_sn",
      XCVR_VOCAB_DERIVE_NONE, FALSE, "vendor serial number" },
    { MOD, "rev", "rev", NULL, XCVR_VOCAB_STRING, XCVR_VOCAB_FROM_FIELD, "vendor_rev",
      XCVR_VOCAB_DERIVE_NONE, FALSE, "vendor revision" },
    { MOD, "oui", "oui", NULL, XCVR_VOCAB_STRING, XCVR_VOCAB_FROM_FIELD, "vendor_oui",
      XCVR_VOCAB_DERIVE_NONE, FALSE, "vendor IEEE OUI, xx:xx:xx" },
    { MOD, "date_code", "date-code", NULL, XCVR_VOCAB_STRING, XCVR_VOCAB_FROM_FIELD,
      "date_code", XCVR_VOCAB_DERIVE_NONE, FALSE, "manufacturing date code as printed" },
    { MOD, "family", "family", NULL, XCVR_VOCAB_STRING, XCVR_VOCAB_FROM_FAMILY, NULL,
      XCVR_VOCAB_DERIVE_NONE, FALSE, "memory-map family: sff8472, sff8636 or cmis" },
    { MOD, "identifier", "identifier", NULL, XCVR_VOCAB_STRING, XCVR_VOCAB_FROM_FIELD,
      "identifier", XCVR_VOCAB_DERIVE_NONE, FALSE, "SFF-8024 identifier (form factor)" },
    { MOD, "connector", "connector", NULL, XCVR_VOCAB_STRING, XCVR_VOCAB_FROM_FIELD,
      "connector", XCVR_VOCAB_DERIVE_NONE, FALSE, "SFF-8024 connector type" },
    { MOD, "media_type", "media-type", NULL, XCVR_VOCAB_STRING, XCVR_VOCAB_FROM_FIELD,
      "media_type", XCVR_VOCAB_DERIVE_NONE, TRUE, "CMIS media type; absent before CMIS" },
    { MOD, "transceiver_type", "transceiver-type", NULL, XCVR_VOCAB_STRINGS,
      XCVR_VOCAB_FROM_FIELD, "transceiver_type", XCVR_VOCAB_DERIVE_NONE, FALSE,
      "compliance codes that are set" },
    { MOD, "wavelength_nm", "wavelength-nm", "nm", XCVR_VOCAB_NUMBER, XCVR_VOCAB_FROM_FIELD,
      "laser_wavelength", XCVR_VOCAB_DERIVE_NONE, TRUE, "nominal laser wavelength" },
    { MOD, "br_nominal_mbd", "br-nominal-mbd", "MBd", XCVR_VOCAB_NUMBER, XCVR_VOCAB_FROM_FIELD,
      "br_nominal", XCVR_VOCAB_DERIVE_NONE, TRUE, "nominal signalling rate" },
    { MOD, "source", "source", NULL, XCVR_VOCAB_STRING, XCVR_VOCAB_FROM_READ, NULL,
      XCVR_VOCAB_DERIVE_NONE, FALSE, "how the bytes were read: netlink, ioctl or file" },
    { MOD, "checksums_ok", "checksums-ok", NULL, XCVR_VOCAB_BOOLEAN, XCVR_VOCAB_FROM_CHECKSUMS,
      NULL, XCVR_VOCAB_DERIVE_NONE, FALSE,
      "false: a checksum does not match, the identity is not to be trusted" },
    { MOD, "temperature_c", "temperature-c", "°C", XCVR_VOCAB_NUMBER, XCVR_VOCAB_FROM_FIELD,
      "module_temperature", XCVR_VOCAB_DERIVE_NONE, TRUE, "module temperature" },
    { MOD, "voltage_v", "voltage-v", "V", XCVR_VOCAB_NUMBER, XCVR_VOCAB_FROM_FIELD,
      "module_voltage", XCVR_VOCAB_DERIVE_NONE, TRUE, "module supply voltage" },
    { MOD, "tx_bias_ma", "tx-bias-ma", "mA", XCVR_VOCAB_LANES, XCVR_VOCAB_FROM_FIELD,
      "laser_bias_current", XCVR_VOCAB_DERIVE_NONE, TRUE, "laser bias current per lane" },
    { MOD, "tx_power_mw", "tx-power-mw", "mW", XCVR_VOCAB_LANES, XCVR_VOCAB_FROM_FIELD,
      "laser_output_power", XCVR_VOCAB_DERIVE_NONE, TRUE, "transmitted optical power per lane" },
    { MOD, "rx_power_mw", "rx-power-mw", "mW", XCVR_VOCAB_LANES, XCVR_VOCAB_FROM_FIELD,
      "rx_power", XCVR_VOCAB_DERIVE_NONE, TRUE, "received optical power per lane" },
    { MOD, "alarms", "alarm", NULL, XCVR_VOCAB_STRINGS, XCVR_VOCAB_FROM_FLAGS, "_alarm",
      XCVR_VOCAB_DERIVE_NONE, FALSE,
      "raised alarm flags: the flag's key, \" lane N\" after it for a per-lane flag" },
    { MOD, "warnings", "warning", NULL, XCVR_VOCAB_STRINGS, XCVR_VOCAB_FROM_FLAGS, "_warning",
      XCVR_VOCAB_DERIVE_NONE, FALSE, "raised warning flags, as alarms" },
    { MOD, "temperature_f", "temperature-f", "°F", XCVR_VOCAB_NUMBER, XCVR_VOCAB_FROM_FACT,
      "temperature_c", XCVR_VOCAB_DERIVE_FAHRENHEIT, TRUE, "module temperature" },
    { MOD, "tx_power_dbm", "tx-power-dbm", "dBm", XCVR_VOCAB_LANES, XCVR_VOCAB_FROM_FACT,
      "tx_power_mw", XCVR_VOCAB_DERIVE_DBM, TRUE,
      "transmitted optical power per lane; null for a lane with no light" },
    { MOD, "rx_power_dbm", "rx-power-dbm", "dBm", XCVR_VOCAB_LANES, XCVR_VOCAB_FROM_FACT,
      "rx_power_mw", XCVR_VOCAB_DERIVE_DBM, TRUE,
      "received optical power per lane; null for a lane with no light" },
    { MOD, "media", "media", NULL, XCVR_VOCAB_STRING, XCVR_VOCAB_FROM_MEDIA, NULL,
      XCVR_VOCAB_DERIVE_NONE, FALSE,
      "medium class (as placement `media`): from the decoded compliance codes, never vendor "
      "strings" },

    { LNK, "state", "state", NULL, XCVR_VOCAB_STRING, XCVR_VOCAB_FROM_LINK, "operstate",
      XCVR_VOCAB_DERIVE_NONE, FALSE, "operstate: up, down, lowerlayerdown, dormant, unknown…" },
    { LNK, "carrier", "carrier", NULL, XCVR_VOCAB_BOOLEAN, XCVR_VOCAB_FROM_LINK, "carrier",
      XCVR_VOCAB_DERIVE_NONE, FALSE, "carrier; null while the kernel refuses to say" },
    { LNK, "speed_mbps", "speed-mbps", "Mb/s", XCVR_VOCAB_INTEGER, XCVR_VOCAB_FROM_LINK,
      "speed", XCVR_VOCAB_DERIVE_NONE, FALSE, "negotiated speed; null when unknown" },
    { LNK, "duplex", "duplex", NULL, XCVR_VOCAB_STRING, XCVR_VOCAB_FROM_LINK, "duplex",
      XCVR_VOCAB_DERIVE_NONE, FALSE, "full or half; null when unknown" },
    { LNK, "mac", "mac", NULL, XCVR_VOCAB_STRING, XCVR_VOCAB_FROM_LINK, "address",
      XCVR_VOCAB_DERIVE_NONE, FALSE, "the netdev's hardware address" },

    { HLT, "verdict", "verdict", NULL, XCVR_VOCAB_STRING, XCVR_VOCAB_FROM_HEALTH, "verdict",
      XCVR_VOCAB_DERIVE_NONE, FALSE,
      "ok, unknown, warning, alarm or down (worst of link, module read, checksums, flags)" },
    { HLT, "reasons", "reason", NULL, XCVR_VOCAB_STRINGS, XCVR_VOCAB_FROM_HEALTH, "reasons",
      XCVR_VOCAB_DERIVE_NONE, FALSE, "one sentence per finding behind the verdict" },

    { PLC, "media", "media", NULL, XCVR_VOCAB_STRING, XCVR_VOCAB_FROM_PLACEMENT, "media",
      XCVR_VOCAB_DERIVE_NONE, FALSE,
      "medium class: sr, lr, er, zr, dwdm, dac, aoc, base-t, other or unknown; from the "
      "decoded compliance codes, CMIS media type and media interface, transmitter "
      "technology and single-mode reach (never vendor strings); a vNIC's is its weakest "
      "uplink's" },
    { PLC, "speed_mbps", "speed-mbps", "Mb/s", XCVR_VOCAB_INTEGER, XCVR_VOCAB_FROM_PLACEMENT,
      "speed", XCVR_VOCAB_DERIVE_NONE, FALSE,
      "negotiated link speed; null when unknown; a vNIC's is its slowest uplink's" },
    { PLC, "lanes", "lanes", NULL, XCVR_VOCAB_INTEGER, XCVR_VOCAB_FROM_PLACEMENT, "lanes",
      XCVR_VOCAB_DERIVE_NONE, FALSE,
      "lanes of the module: 1 SFF-8472, 4 SFF-8636, CMIS media lanes; null when unknown" },
    { PLC, "redundancy", "redundancy", NULL, XCVR_VOCAB_STRING, XCVR_VOCAB_FROM_PLACEMENT,
      "redundancy", XCVR_VOCAB_DERIVE_NONE, FALSE,
      "single, active-backup, lacp or balance: from the bond's mode as the inventory read "
      "it; several uplinks without a bond count as active-backup" },
};

static const char *const group_keys[] = {
    [XCVR_VOCAB_MODULE] = "module",
    [XCVR_VOCAB_LINK] = "link",
    [XCVR_VOCAB_HEALTH] = "health",
    [XCVR_VOCAB_PLACEMENT] = "placement",
};
G_STATIC_ASSERT(G_N_ELEMENTS(group_keys) == _XCVR_VOCAB_GROUP_LAST);

static const char *const kind_names[] = {
    [XCVR_VOCAB_STRING] = "string",
    [XCVR_VOCAB_NUMBER] = "number",
    [XCVR_VOCAB_INTEGER] = "integer",
    [XCVR_VOCAB_LANES] = "numbers per lane",
    [XCVR_VOCAB_STRINGS] = "list of strings",
    [XCVR_VOCAB_BOOLEAN] = "boolean",
};
G_STATIC_ASSERT(G_N_ELEMENTS(kind_names) == _XCVR_VOCAB_KIND_LAST);

const XcvrVocabFact *
xcvr_vocab_facts(guint *ret_n)
{
    *ret_n = G_N_ELEMENTS(facts);
    return facts;
}

const char *
xcvr_vocab_group_json_key(XcvrVocabGroup group)
{
    if ((guint)group >= G_N_ELEMENTS(group_keys))
        return NULL;
    return group_keys[group];
}

const char *
xcvr_vocab_kind_to_string(XcvrVocabKind kind)
{
    if ((guint)kind >= G_N_ELEMENTS(kind_names))
        return NULL;
    return kind_names[kind];
}

static void
value_clear(XcvrVocabValue *v)
{
    g_clear_pointer(&v->lanes, g_array_unref);
    g_clear_pointer(&v->strings, g_ptr_array_unref);
}

static const XcvrVocabValue *
find_value(GArray *values, const char *json_key)
{
    guint i;

    for (i = 0; i < values->len; i++) {
        const XcvrVocabValue *v = &g_array_index(values, XcvrVocabValue, i);

        if (strcmp(v->fact->json_key, json_key) == 0)
            return v;
    }
    return NULL;
}

static double
derive(XcvrVocabDerive how, double base)
{
    double dbm;

    switch (how) {
    case XCVR_VOCAB_DERIVE_DBM:
        /* no light has no dBm: -inf is not a number JSON or XML can carry */
        dbm = 10. * log10(base);
        return isfinite(dbm) ? round(dbm * 100.) / 100. : NAN;
    case XCVR_VOCAB_DERIVE_FAHRENHEIT:
        return base * 1.8 + 32.;
    case XCVR_VOCAB_DERIVE_NONE:
    case _XCVR_VOCAB_DERIVE_LAST:
    default:
        return base;
    }
}

static void
eval_derived(XcvrVocabValue *v, GArray *values)
{
    const XcvrVocabValue *base = find_value(values, v->fact->source);
    guint i;

    if (base == NULL || !base->present)
        return;
    v->present = TRUE;
    if (v->fact->kind != XCVR_VOCAB_LANES) {
        v->number = derive(v->fact->derive, base->number);
        v->present = !isnan(v->number);
        return;
    }
    v->lanes = g_array_sized_new(FALSE, FALSE, sizeof(double), base->lanes->len);
    for (i = 0; i < base->lanes->len; i++) {
        double d = derive(v->fact->derive, g_array_index(base->lanes, double, i));

        g_array_append_val(v->lanes, d);
    }
}

static void
eval_field(XcvrVocabValue *v, const XcvrModule *m)
{
    const char *key = v->fact->source;

    switch (v->fact->kind) {
    case XCVR_VOCAB_STRING:
        v->string = xcvr_module_get_string(m, key);
        v->present = v->string != NULL;
        break;
    case XCVR_VOCAB_NUMBER:
    case XCVR_VOCAB_INTEGER:
        v->present = xcvr_module_get_number(m, key, &v->number, NULL);
        break;
    case XCVR_VOCAB_LANES:
        v->lanes = xcvr_module_get_lane_numbers(m, key, NULL);
        v->present = v->lanes->len > 0;
        break;
    case XCVR_VOCAB_STRINGS:
        v->strings = xcvr_module_get_items(m, key);
        v->present = TRUE;
        break;
    case XCVR_VOCAB_BOOLEAN:
    case _XCVR_VOCAB_KIND_LAST:
    default:
        break;
    }
}

static void
eval_link(XcvrVocabValue *v, const XcvrLinkState *link)
{
    const char *member = v->fact->source;

    if (strcmp(member, "operstate") == 0) {
        v->string = link->operstate;
    } else if (strcmp(member, "carrier") == 0) {
        v->present = link->carrier >= 0;
        v->boolean = link->carrier == 1;
        return;
    } else if (strcmp(member, "speed") == 0) {
        v->present = link->speed_mbps > 0;
        v->number = link->speed_mbps;
        return;
    } else if (strcmp(member, "duplex") == 0) {
        v->string = link->duplex;
    } else if (strcmp(member, "address") == 0) {
        v->string = link->mac;
    }
    v->present = v->string != NULL;
}

static void
eval_health(XcvrVocabValue *v, const XcvrVocabSubject *s)
{
    guint i;

    if (!s->has_health)
        return;
    v->present = TRUE;
    if (v->fact->kind == XCVR_VOCAB_STRING) {
        v->string = xcvr_health_to_string(s->health);
        return;
    }
    v->strings = g_ptr_array_new_with_free_func(g_free);
    for (i = 0; s->health_reasons != NULL && i < s->health_reasons->len; i++)
        g_ptr_array_add(v->strings, g_strdup(g_ptr_array_index(s->health_reasons, i)));
}

static void
eval_placement(XcvrVocabValue *v, const XcvrPlacement *p)
{
    const char *member = v->fact->source;

    if (strcmp(member, "media") == 0) {
        v->string = xcvr_media_to_string(p->media);
    } else if (strcmp(member, "redundancy") == 0) {
        v->string = xcvr_redundancy_to_string(p->redundancy);
    } else {
        v->number = strcmp(member, "speed") == 0 ? p->speed_mbps : p->lanes;
        v->present = v->number > 0;
        return;
    }
    v->present = v->string != NULL;
}

static void
eval_module(XcvrVocabValue *v, const XcvrVocabSubject *s)
{
    const XcvrModule *m = s->module;

    switch (v->fact->origin) {
    case XCVR_VOCAB_FROM_FIELD:
        eval_field(v, m);
        break;
    case XCVR_VOCAB_FROM_FLAGS:
        v->strings = xcvr_module_get_raised_flags(m, v->fact->source);
        v->present = TRUE;
        break;
    case XCVR_VOCAB_FROM_FAMILY:
        v->string = xcvr_family_to_string(xcvr_module_get_family(m));
        v->present = TRUE;
        break;
    case XCVR_VOCAB_FROM_CHECKSUMS:
        v->boolean = xcvr_module_checksums_ok(m);
        v->present = TRUE;
        break;
    case XCVR_VOCAB_FROM_READ:
        v->string = s->module_source;
        v->present = v->string != NULL;
        break;
    case XCVR_VOCAB_FROM_MEDIA:
        v->string = xcvr_media_to_string(s->has_media ? s->media : xcvr_media_of_module(m));
        v->present = TRUE;
        break;
    case XCVR_VOCAB_FROM_LINK:
    case XCVR_VOCAB_FROM_HEALTH:
    case XCVR_VOCAB_FROM_FACT:
    case XCVR_VOCAB_FROM_PLACEMENT:
    case _XCVR_VOCAB_ORIGIN_LAST:
    default:
        break;
    }
}

GArray *
xcvr_vocab_evaluate(XcvrVocabGroup group, const XcvrVocabSubject *s)
{
    GArray *values = g_array_new(FALSE, TRUE, sizeof(XcvrVocabValue));
    guint i;

    g_array_set_clear_func(values, (GDestroyNotify)value_clear);
    for (i = 0; i < G_N_ELEMENTS(facts); i++) {
        XcvrVocabValue v = { .fact = &facts[i] };

        if (facts[i].group != group)
            continue;
        if (facts[i].origin == XCVR_VOCAB_FROM_FACT)
            eval_derived(&v, values);
        else if (facts[i].origin == XCVR_VOCAB_FROM_LINK && s->link != NULL)
            eval_link(&v, s->link);
        else if (facts[i].origin == XCVR_VOCAB_FROM_HEALTH)
            eval_health(&v, s);
        else if (facts[i].origin == XCVR_VOCAB_FROM_PLACEMENT && s->placement != NULL)
            eval_placement(&v, s->placement);
        else if (facts[i].origin != XCVR_VOCAB_FROM_PLACEMENT && s->module != NULL)
            eval_module(&v, s);
        g_array_append_val(values, v);
    }
    return values;
}

static const char *
origin_text(const XcvrVocabFact *f, GString *buf)
{
    g_string_truncate(buf, 0);
    switch (f->origin) {
    case XCVR_VOCAB_FROM_FIELD:
        g_string_append_printf(buf, "module field `%s`", f->source);
        break;
    case XCVR_VOCAB_FROM_FLAGS:
        g_string_append_printf(buf, "module flags `*%s` that are set", f->source);
        break;
    case XCVR_VOCAB_FROM_FAMILY:
        g_string_append(buf, "module family");
        break;
    case XCVR_VOCAB_FROM_CHECKSUMS:
        g_string_append(buf, "module checksums");
        break;
    case XCVR_VOCAB_FROM_READ:
        g_string_append(buf, "the read");
        break;
    case XCVR_VOCAB_FROM_LINK:
        g_string_append_printf(buf, "sysfs `%s`", f->source);
        break;
    case XCVR_VOCAB_FROM_HEALTH:
        g_string_append(buf, "health judgement");
        break;
    case XCVR_VOCAB_FROM_FACT:
        g_string_append_printf(buf, "`%s`, %s", f->source,
                               f->derive == XCVR_VOCAB_DERIVE_DBM ? "10·log10(mW)"
                                                                  : "°C × 1.8 + 32");
        break;
    case XCVR_VOCAB_FROM_PLACEMENT:
        g_string_append(buf, "placement hints");
        break;
    case XCVR_VOCAB_FROM_MEDIA:
        g_string_append(buf, "module compliance codes");
        break;
    case _XCVR_VOCAB_ORIGIN_LAST:
    default:
        break;
    }
    return buf->str;
}

static const char *
absent_text(const XcvrVocabFact *f)
{
    if (f->omit_absent)
        return "omitted";
    return f->kind == XCVR_VOCAB_STRINGS ? "empty" : "null";
}

char *
xcvr_vocab_to_markdown(void)
{
    GString *out = g_string_new(NULL);
    g_autoptr(GString) buf = g_string_new(NULL);
    guint i;

    g_string_append(out,
        "<!-- Generated from src/inventory/xcvr-vocab.c by tests/xcvr-vocab-test "
        "(XCVR_TEST_REGENERATE_OUTPUT=1); do not edit. -->\n"
        "# xcvrmap vocabulary: a module, its link and its health\n\n"
        "Every output names these facts the same way: the JSON key (snake_case, the unit "
        "last where the fact carries a quantity) and the XML name (the same words with "
        "hyphens: an attribute of the group's element, or, for a list, the element of each "
        "item; per-lane numbers are attributes of one `<lane number=\"N\">` element per "
        "lane). Groups: `module` (the module summary: map JSON `module`, module JSON "
        "`summary`, XML `<module>`), `link` (map JSON `link`, XML `<link>`), `health` (JSON "
        "`{\"verdict\", \"reasons\"}`, XML `<health verdict=…>` with one `<reason>` per "
        "reason), `placement` (JSON `placement` per uplink and per vNIC, XML "
        "`<placement media=… speed-mbps=… lanes=… redundancy=…/>`: hints for schedulers). "
        "The \"Absent\" column says what stands for a missing value in JSON: "
        "*omitted* (the key is left out), null, or an empty list; XML leaves the attribute "
        "or item out. Derived facts are computed from "
        "their base fact by the library, never by a renderer.\n\n"
        "| Group | JSON key | XML name | Unit | Kind | From | Absent | Meaning |\n"
        "|---|---|---|---|---|---|---|---|\n");
    for (i = 0; i < G_N_ELEMENTS(facts); i++) {
        const XcvrVocabFact *f = &facts[i];

        g_string_append_printf(out, "| %s | `%s` | `%s` | %s | %s | %s | %s | %s |\n",
                               group_keys[f->group], f->json_key, f->xml_name,
                               f->unit != NULL ? f->unit : "", kind_names[f->kind],
                               origin_text(f, buf), absent_text(f),
                               f->description);
    }
    return g_string_free(out, FALSE);
}

XcvrVocabSubject
xcvr_vocab_subject_for_uplink(const XcvrInvUplink *up)
{
    XcvrVocabSubject s = {
        .module = up->module,
        .module_source = up->module_source,
        .link = up->link,
        .has_health = TRUE,
        .health = up->health,
        .health_reasons = up->health_reasons,
        .has_media = TRUE,
        .media = up->media,
    };

    return s;
}
