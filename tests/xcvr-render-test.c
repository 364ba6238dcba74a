/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-test.c: the JSON form of every corpus image against reviewed golden files
 * (tests/data/eeprom/<family>/<name>.json), and the JSON contract: numbers are numbers,
 * units are named, checksums are reported. XCVR_TEST_REGENERATE_OUTPUT=1 rewrites the
 * golden files; review the diff by hand.
 */
#include "xcvr-test-util.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

static char *
render_json(const char *rel)
{
    g_autofree char *path = g_build_filename(xcvr_test_corpus_dir(), rel, NULL);
    g_autoptr(GError) error = NULL;
    /* through the file reader, so the corpus's segment maps apply */
    g_autoptr(XcvrModule) m = xcvr_eeprom_file_decode(path, NULL, 0, &error);
    char *json;

    if (m == NULL)
        fail_msg("%s: %s", rel, error->message);
    json = xcvr_render_json(m, TRUE, &error);
    assert_non_null(json);
    return json;
}

static void
test_golden_family(const char *family)
{
    const char *srcdir = g_getenv("G_TEST_SRCDIR");
    g_autoptr(GPtrArray) names = xcvr_test_list(family);
    gboolean regen = g_strcmp0(g_getenv("XCVR_TEST_REGENERATE_OUTPUT"), "1") == 0;
    guint i;

    assert_non_null(srcdir);
    for (i = 0; i < names->len; i++) {
        const char *rel = names->pdata[i];
        g_autofree char *json = render_json(rel);
        g_autofree char *base = g_strndup(rel, strlen(rel) - 4);
        g_autofree char *golden = g_strdup_printf("%s/data/eeprom/%s.json", srcdir, base);
        g_autofree char *expected = NULL;
        g_autofree char *actual = g_strconcat(json, "\n", NULL);

        if (regen) {
            g_autofree char *dir = g_path_get_dirname(golden);

            g_mkdir_with_parents(dir, 0755);
            assert_true(g_file_set_contents(golden, actual, -1, NULL));
            continue;
        }
        if (!g_file_get_contents(golden, &expected, NULL, NULL))
            fail_msg("missing golden file %s (XCVR_TEST_REGENERATE_OUTPUT=1 creates it)", golden);
        if (strcmp(expected, actual) != 0)
            fail_msg("%s: JSON differs from %s", rel, golden);
    }
}

static void
test_golden(void **state)
{
    test_golden_family("sff8472");
    test_golden_family("sff8636");
    test_golden_family("cmis");
}

static void
test_json_contract(void **state)
{
    g_autofree char *json = render_json("sff8472/broken-cc-base-oem-sfp-10g-sr-it-dom.bin");
    g_autoptr(JsonParser) parser = json_parser_new();
    JsonObject *root;
    JsonObject *fields;
    JsonObject *temp;
    JsonObject *ck;

    assert_true(json_parser_load_from_data(parser, json, -1, NULL));
    root = json_node_get_object(json_parser_get_root(parser));
    assert_string_equal(json_object_get_string_member(root, "family"), "sff8472");
    assert_false(json_object_get_boolean_member(root, "checksums_ok"));
    ck = json_object_get_object_member(json_object_get_object_member(root, "checksums"),
                                       "cc_base");
    assert_string_equal(json_object_get_string_member(ck, "status"), "bad");
    assert_int_equal(json_object_get_int_member(ck, "stored"), 0x24);

    fields = json_object_get_object_member(root, "fields");
    temp = json_object_get_object_member(fields, "module_temperature");
    assert_int_equal(json_node_get_value_type(json_object_get_member(temp, "value")),
                     G_TYPE_DOUBLE);
    assert_string_equal(json_object_get_string_member(temp, "unit"), "degrees C");
    assert_string_equal(json_object_get_string_member(
                            json_object_get_object_member(fields, "br_nominal"), "unit"),
                        "MBd");
    assert_int_equal(json_object_get_int_member(
                         json_object_get_object_member(fields, "connector"), "code"), 7);
    assert_string_equal(json_object_get_string_member(fields, "vendor_sn"), "WQ160412A115");
    assert_true(json_object_get_boolean_member(fields, "laser_rx_power_low_alarm"));
    assert_false(json_object_get_boolean_member(fields, "laser_rx_power_high_alarm"));
    assert_true(json_array_get_length(json_object_get_array_member(root, "warnings")) >= 1);
}

/* Per-lane fields are arrays, lane 1 first, with their unit. */
static void
test_json_lanes(void **state)
{
    g_autofree char *json = render_json("sff8636/finisar-ftlc9551repm-qsfp28-100g-sr4.bin");
    g_autoptr(JsonParser) parser = json_parser_new();
    JsonObject *fields;
    JsonArray *bias;

    assert_true(json_parser_load_from_data(parser, json, -1, NULL));
    fields = json_object_get_object_member(json_node_get_object(json_parser_get_root(parser)),
                                           "fields");
    bias = json_object_get_array_member(fields, "laser_bias_current");
    assert_int_equal(json_array_get_length(bias), 4);
    /* ethtool prints 7.078 mA for channel 1 */
    assert_true(json_object_get_double_member(json_array_get_object_element(bias, 0), "value") >
                7.077);
    assert_int_equal(json_array_get_length(json_object_get_array_member(fields, "rx_los")), 4);
    assert_string_equal(json_object_get_string_member(fields, "vendor_pn"), "FTLC9551REPM");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden),
        cmocka_unit_test(test_json_contract),
        cmocka_unit_test(test_json_lanes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
