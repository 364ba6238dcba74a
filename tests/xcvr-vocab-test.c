/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-vocab-test.c: the vocabulary table keeps its own rules (XML names are the JSON keys
 * hyphenated, a quantity's unit ends its key, derived facts have a base, the map's keys
 * stay), the published vocabulary.md is what the table says, derived quantities are
 * computed once (dBm, °F, no light is null), and the XML escaper yields well-formed XML.
 */
#include "xcvr-test-util.h"

#include <libxml/parser.h>
#include <math.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

#include "inventory/xcvr-vocab-private.h"
#include "render/xcvr-render-private.h"

static const XcvrVocabFact *
find(const char *json_key)
{
    guint n = 0;
    const XcvrVocabFact *f = xcvr_vocab_facts(&n);
    guint i;

    for (i = 0; i < n; i++) {
        if (strcmp(f[i].json_key, json_key) == 0)
            return &f[i];
    }
    return NULL;
}

static void
test_table_rules(void **state)
{
    /* the unit a key ends in, for each unit the table uses */
    static const struct {
        const char *unit;
        const char *suffix;
    } units[] = {
        { "nm", "_nm" }, { "MBd", "_mbd" }, { "°C", "_c" }, { "°F", "_f" }, { "V", "_v" },
        { "mA", "_ma" }, { "mW", "_mw" }, { "dBm", "_dbm" }, { "Mb/s", "_mbps" },
    };
    guint n = 0;
    const XcvrVocabFact *f = xcvr_vocab_facts(&n);
    guint i;
    guint j;

    (void)state;
    assert_true(n > 0);
    for (i = 0; i < n; i++) {
        g_autofree char *hyphenated = g_strdelimit(g_strdup(f[i].json_key), "_", '-');
        gboolean unit_ok = f[i].unit == NULL;

        if (f[i].kind != XCVR_VOCAB_STRINGS)
            assert_string_equal(f[i].xml_name, hyphenated);
        for (j = 0; f[i].unit != NULL && j < G_N_ELEMENTS(units); j++) {
            if (strcmp(units[j].unit, f[i].unit) == 0 &&
                g_str_has_suffix(f[i].json_key, units[j].suffix))
                unit_ok = TRUE;
        }
        if (!unit_ok)
            fail_msg("%s: its unit %s is not at the end of its key", f[i].json_key, f[i].unit);
        assert_non_null(xcvr_vocab_kind_to_string(f[i].kind));
        assert_non_null(xcvr_vocab_group_json_key(f[i].group));
        if (f[i].origin == XCVR_VOCAB_FROM_FACT) {
            const XcvrVocabFact *base = find(f[i].source);

            assert_non_null(base);
            assert_int_equal(base->group, f[i].group);
            assert_true(base < &f[i]); /* evaluated before what derives from it */
            assert_int_equal(base->kind, f[i].kind);
            assert_int_not_equal(f[i].derive, XCVR_VOCAB_DERIVE_NONE);
        }
        for (j = 0; j < i; j++) {
            if (f[j].group == f[i].group && strcmp(f[j].json_key, f[i].json_key) == 0)
                fail_msg("%s twice in one group", f[i].json_key);
        }
    }
}

/* The map JSON's module keys before the vocabulary: its contract only ever adds keys. */
static void
test_map_keys_stay(void **state)
{
    static const char *const keys[] = {
        "vendor", "pn", "sn", "rev", "oui", "date_code", "family", "identifier", "connector",
        "media_type", "transceiver_type", "wavelength_nm", "br_nominal_mbd", "source",
        "checksums_ok", "temperature_c", "voltage_v", "tx_bias_ma", "tx_power_mw",
        "rx_power_mw", "alarms", "warnings",
    };
    static const char *const link_keys[] = { "state", "carrier", "speed_mbps", "duplex", "mac" };
    guint i;

    (void)state;
    for (i = 0; i < G_N_ELEMENTS(keys); i++) {
        const XcvrVocabFact *f = find(keys[i]);

        assert_non_null(f);
        assert_int_equal(f->group, XCVR_VOCAB_MODULE);
    }
    for (i = 0; i < G_N_ELEMENTS(link_keys); i++)
        assert_int_equal(find(link_keys[i])->group, XCVR_VOCAB_LINK);
    assert_int_equal(find("verdict")->group, XCVR_VOCAB_HEALTH);
    assert_int_equal(find("reasons")->group, XCVR_VOCAB_HEALTH);
}

/* src/render/schemas/vocabulary.md is the table; XCVR_TEST_REGENERATE_OUTPUT=1 rewrites it. */
static void
test_markdown(void **state)
{
    g_autofree char *md = xcvr_vocab_to_markdown();
    g_autofree char *path = g_build_filename(g_getenv("G_TEST_SRCDIR"), "..", "src", "render",
                                             "schemas", "vocabulary.md", NULL);
    g_autofree char *committed = NULL;
    g_autoptr(GError) error = NULL;

    (void)state;
    if (g_strcmp0(g_getenv("XCVR_TEST_REGENERATE_OUTPUT"), "1") == 0) {
        assert_true(g_file_set_contents(path, md, -1, &error));
        return;
    }
    if (!g_file_get_contents(path, &committed, NULL, &error))
        fail_msg("%s: %s (regenerate with XCVR_TEST_REGENERATE_OUTPUT=1)", path,
                 error->message);
    if (strcmp(md, committed) != 0)
        fail_msg("%s is not what the table says: regenerate with "
                 "XCVR_TEST_REGENERATE_OUTPUT=1 and review",
                 path);
}

static const XcvrVocabValue *
value_of(GArray *values, const char *key)
{
    guint i;

    for (i = 0; i < values->len; i++) {
        const XcvrVocabValue *v = &g_array_index(values, XcvrVocabValue, i);

        if (strcmp(v->fact->json_key, key) == 0)
            return v;
    }
    fail_msg("no value for %s", key);
    return NULL;
}

/* An SFP+ SR optic with diagnostics; its rx power zeroed when @dark. */
static XcvrModule *
load_sr(gboolean dark)
{
    g_autoptr(GBytes) bytes = xcvr_test_load("sff8472/oem-sfp-10g-t8-10gbase-t-as-sr-dom.bin");
    gsize len = g_bytes_get_size(bytes);
    g_autofree guint8 *img = g_malloc(len);
    g_autoptr(GError) error = NULL;
    XcvrModule *m;

    assert_true(len >= 512);
    memcpy(img, g_bytes_get_data(bytes, NULL), len);
    if (dark) {
        img[256 + 104] = 0; /* SFF-8472 A2h 104-105: measured rx power */
        img[256 + 105] = 0;
        xcvr_test_fix_checksums(img, len);
    }
    m = xcvr_module_decode(img, len, XCVR_FAMILY_UNKNOWN, XCVR_DECODE_NONE, &error);
    assert_non_null(m);
    return m;
}

static void
test_derived(void **state)
{
    g_autoptr(XcvrModule) m = load_sr(FALSE);
    XcvrVocabSubject s = { .module = m, .module_source = "file" };
    g_autoptr(GArray) values = xcvr_vocab_evaluate(XCVR_VOCAB_MODULE, &s);
    const XcvrVocabValue *mw = value_of(values, "rx_power_mw");
    const XcvrVocabValue *dbm = value_of(values, "rx_power_dbm");
    const XcvrVocabValue *c = value_of(values, "temperature_c");
    const XcvrVocabValue *f = value_of(values, "temperature_f");
    guint i;

    (void)state;
    assert_true(mw->present && dbm->present && c->present && f->present);
    assert_int_equal(mw->lanes->len, dbm->lanes->len);
    for (i = 0; i < mw->lanes->len; i++) {
        double want = round(10. * log10(g_array_index(mw->lanes, double, i)) * 100.) / 100.;

        assert_true(fabs(g_array_index(dbm->lanes, double, i) - want) < 1e-9);
    }
    assert_true(fabs(f->number - (c->number * 1.8 + 32.)) < 1e-9);
    assert_string_equal(value_of(values, "source")->string, "file");
}

/* No light has no dBm: null in JSON, no attribute in XML, never -inf. */
static void
test_no_light(void **state)
{
    g_autoptr(XcvrModule) m = load_sr(TRUE);
    XcvrVocabSubject s = { .module = m };
    g_autoptr(GArray) values = xcvr_vocab_evaluate(XCVR_VOCAB_MODULE, &s);
    const XcvrVocabValue *dbm = value_of(values, "rx_power_dbm");
    g_autoptr(GString) json = g_string_new(NULL);
    XcvrJsonWriter w;
    g_autoptr(GString) xml = g_string_new(NULL);

    (void)state;
    assert_float_equal(g_array_index(value_of(values, "rx_power_mw")->lanes, double, 0), 0.,
                       1e-12);
    assert_true(dbm->present);
    assert_true(isnan(g_array_index(dbm->lanes, double, 0)));
    xcvr_json_writer_init(&w, json, FALSE, 0);
    xcvr_json_writer_begin_object(&w);
    xcvr_render_vocab_json_write(&w, values);
    xcvr_json_writer_end_object(&w);
    assert_non_null(strstr(json->str, "\"rx_power_dbm\":[null]"));
    assert_null(strstr(json->str, "inf"));
    xcvr_render_vocab_xml_element(xml, "", "module", values);
    assert_non_null(strstr(xml->str, "<lane number=\"1\""));
    assert_null(strstr(xml->str, "rx-power-dbm"));
    assert_non_null(strstr(xml->str, "tx-power-dbm"));
}

/* Hostile names (netdevs, domains, module strings) still make well-formed XML, and what a
 * parser reads back is the one rule's text (xcvr_escape_bytes()): controls, tab and newline
 * included, as \xHH. */
static void
test_xml_escape(void **state)
{
    static const char *const inputs[] = {
        "a<b>&\"'c", "tab\there\nline\rcr", "ctl\x01\x1f\x7f", "bad \xff\xfe utf8 \xc3",
        "ok \xc3\xa9 \xe2\x80\xae bidi", "\xef\xbf\xbe",
    };
    guint i;

    (void)state;
    for (i = 0; i < G_N_ELEMENTS(inputs); i++) {
        g_autoptr(GString) doc = g_string_new("<r a=\"");
        xmlDocPtr parsed;
        xmlChar *attr;

        xcvr_xml_escape_append(doc, inputs[i]);
        g_string_append(doc, "\">");
        xcvr_xml_escape_append(doc, inputs[i]);
        g_string_append(doc, "</r>");
        assert_true(g_utf8_validate(doc->str, -1, NULL));
        parsed = xmlReadMemory(doc->str, (int)doc->len, "t.xml", "UTF-8",
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        if (parsed == NULL)
            fail_msg("not well-formed: %s", doc->str);
        attr = xmlGetProp(xmlDocGetRootElement(parsed), (const xmlChar *)"a");
        {
            g_autofree char *want = xcvr_escape_bytes(inputs[i], -1);
            xmlChar *content = xmlNodeGetContent(xmlDocGetRootElement(parsed));

            assert_string_equal((const char *)attr, want);
            assert_string_equal((const char *)content, want);
            xmlFree(content);
        }
        xmlFree(attr);
        xmlFreeDoc(parsed);
    }
}

/* Numbers in XML attributes read as people write them and back as the same double. */
static void
test_numbers(void **state)
{
    static const struct {
        double v;
        const char *text;
    } cases[] = {
        { 1310, "1310" }, { 25750, "25750" }, { 0, "0" }, { -40, "-40" },
        { 0.597, "0.597" }, { 25.17578125, "25.17578125" }, { -3.14, "-3.14" },
        { 1e-05, "1e-05" },
    };
    guint i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(GString) out = g_string_new(NULL);

        xcvr_render_append_double(out, cases[i].v);
        assert_string_equal(out->str, cases[i].text);
        assert_true(g_ascii_strtod(out->str, NULL) == cases[i].v);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_rules),
        cmocka_unit_test(test_map_keys_stay),
        cmocka_unit_test(test_markdown),
        cmocka_unit_test(test_derived),
        cmocka_unit_test(test_no_light),
        cmocka_unit_test(test_xml_escape),
        cmocka_unit_test(test_numbers),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
