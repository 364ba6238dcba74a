/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-test.c: golden files, one test case per module image, and the JSON contract
 * (numbers are numbers, units are named, checksums are reported).
 *
 * A case is a module image: each corpus image (../shared/eeprom-corpus/<family>/<case>.bin)
 * and each synthetic image committed beside its goldens (tests/data/golden/<family>/
 * <case>.bin, with a <case>.segments map where it has upper pages). Its expected outputs
 * sit side by side in tests/data/golden/<family>/:
 *   <case>.txt   xcvr_render_text(), what `xcvrmap module --file IMAGE` prints; the
 *                ethtool-oracle-golden test (suite oracle) holds it to the real `ethtool -m`
 *   <case>.json  xcvr_render_json(), pretty
 *   <case>.xml   xcvr_render_xml() as a document, what `--format xml` prints; the
 *                xml-schema test validates it against xcvrmap-module.rng
 * A case named cmis-vdm-* is decoded as `module --vdm --file IMAGE` does (XCVR_DECODE_VDM).
 * A mismatch prints a diff. XCVR_TEST_REGENERATE_OUTPUT=1 rewrites the expected files that
 * differ (review them with git diff); an argument selects cases by glob, e.g. cmis/hisense-*.
 */
#include "xcvr-test-util.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

static const char *const families[] = {"sff8472", "sff8636", "cmis"};

typedef struct {
    char *name;   /* <family>/<case> */
    char *image;  /* the image file */
    char *golden; /* tests/data/golden/<family>/<case>, without the extension */
} GoldenCase;

static void
golden_case_free(GoldenCase *c)
{
    g_free(c->name);
    g_free(c->image);
    g_free(c->golden);
    g_free(c);
}

static char *
golden_dir(void)
{
    const char *srcdir = g_getenv("G_TEST_SRCDIR");

    return g_build_filename(srcdir != NULL ? srcdir : ".", "data", "golden", NULL);
}

static void
add_case(GPtrArray *cases, const char *family, const char *image)
{
    GoldenCase *c = g_new0(GoldenCase, 1);
    g_autofree char *base = g_path_get_basename(image);
    g_autofree char *stem = g_strndup(base, strlen(base) - strlen(".bin"));
    g_autofree char *dir = golden_dir();

    c->name = g_build_filename(family, stem, NULL);
    c->image = g_strdup(image);
    c->golden = g_build_filename(dir, family, stem, NULL);
    g_ptr_array_add(cases, c);
}

/* Every case: the corpus images, then the committed synthetic ones, family by family. */
static GPtrArray *
list_cases(void)
{
    GPtrArray *cases = g_ptr_array_new_with_free_func((GDestroyNotify)golden_case_free);
    g_autofree char *dir = golden_dir();
    guint f, i;

    for (f = 0; f < G_N_ELEMENTS(families); f++) {
        g_autoptr(GPtrArray) corpus = xcvr_test_list(families[f]);
        g_autofree char *fdir = g_build_filename(dir, families[f], NULL);
        g_autoptr(GDir) d = g_dir_open(fdir, 0, NULL);
        g_autoptr(GPtrArray) synthetic = g_ptr_array_new_with_free_func(g_free);
        const char *name;

        for (i = 0; i < corpus->len; i++) {
            g_autofree char *path =
                g_build_filename(xcvr_test_corpus_dir(), corpus->pdata[i], NULL);

            add_case(cases, families[f], path);
        }
        while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
            if (g_str_has_suffix(name, ".bin"))
                g_ptr_array_add(synthetic, g_build_filename(fdir, name, NULL));
        }
        g_ptr_array_sort(synthetic, xcvr_test_compare_names);
        for (i = 0; i < synthetic->len; i++)
            add_case(cases, families[f], synthetic->pdata[i]);
    }
    return cases;
}

static void
test_golden_case(void **state)
{
    const GoldenCase *c = *state;
    g_autoptr(GError) error = NULL;
    /* through the file reader, so segment maps (index.tsv, NAME.segments) apply */
    XcvrDecodeFlags flags = g_str_has_prefix(c->name, "cmis/cmis-vdm-") ? XCVR_DECODE_VDM
                                                                          : XCVR_DECODE_NONE;
    g_autoptr(XcvrModule) m = xcvr_eeprom_file_decode(c->image, NULL, flags, &error);
    g_autoptr(GString) text = g_string_new(NULL);
    g_autoptr(GString) xml = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    g_autofree char *json = NULL;
    g_autofree char *json_nl = NULL;
    g_autofree char *txt_path = g_strconcat(c->golden, ".txt", NULL);
    g_autofree char *json_path = g_strconcat(c->golden, ".json", NULL);
    g_autofree char *xml_path = g_strconcat(c->golden, ".xml", NULL);
    gboolean ok = TRUE;

    if (m == NULL)
        fail_msg("%s: %s", c->image, error->message);
    assert_true(xcvr_render_text(m, text, &error));
    json = xcvr_render_json(m, TRUE, &error);
    assert_non_null(json);
    json_nl = g_strconcat(json, "\n", NULL);
    assert_true(xcvr_render_xml(m, xml, &error));

    /* all three, so one run shows every difference of the case */
    ok = xcvr_test_compare_golden(txt_path, text->str) && ok;
    ok = xcvr_test_compare_golden(json_path, json_nl) && ok;
    ok = xcvr_test_compare_golden(xml_path, xml->str) && ok;
    if (!ok)
        fail_msg("%s: output differs from its golden files", c->name);
}

/* Every golden file belongs to a case: a removed image takes its goldens with it. */
static void
test_no_orphans(void **state)
{
    GPtrArray *cases = *state;
    g_autoptr(GHashTable) known = g_hash_table_new(g_str_hash, g_str_equal);
    g_autofree char *dir = golden_dir();
    guint f, i, orphans = 0;

    for (i = 0; i < cases->len; i++)
        g_hash_table_add(known, ((GoldenCase *)cases->pdata[i])->name);
    for (f = 0; f < G_N_ELEMENTS(families); f++) {
        g_autofree char *fdir = g_build_filename(dir, families[f], NULL);
        g_autoptr(GDir) d = g_dir_open(fdir, 0, NULL);
        const char *name;

        while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
            const char *dot = strrchr(name, '.');
            g_autofree char *stem = dot != NULL ? g_strndup(name, (gsize)(dot - name)) : NULL;
            g_autofree char *key = NULL;

            if (dot == NULL ||
                (strcmp(dot, ".txt") != 0 && strcmp(dot, ".json") != 0 && strcmp(dot, ".xml") != 0))
                continue;
            key = g_build_filename(families[f], stem, NULL);
            if (!g_hash_table_contains(known, key)) {
                print_error("%s/%s: no image for this golden file\n", fdir, name);
                orphans++;
            }
        }
    }
    assert_int_equal(orphans, 0);
}

static char *
render_json(const char *rel)
{
    g_autofree char *path = g_build_filename(xcvr_test_corpus_dir(), rel, NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrModule) m = xcvr_eeprom_file_decode(path, NULL, 0, &error);
    char *json;

    if (m == NULL)
        fail_msg("%s: %s", rel, error->message);
    json = xcvr_render_json(m, TRUE, &error);
    assert_non_null(json);
    return json;
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
    ck = json_object_get_object_member(json_object_get_object_member(root, "checksums"), "cc_base");
    assert_string_equal(json_object_get_string_member(ck, "status"), "bad");
    assert_int_equal(json_object_get_int_member(ck, "stored"), 0x24);

    fields = json_object_get_object_member(root, "fields");
    temp = json_object_get_object_member(fields, "module_temperature");
    assert_int_equal(json_node_get_value_type(json_object_get_member(temp, "value")),
                     G_TYPE_DOUBLE);
    assert_string_equal(json_object_get_string_member(temp, "unit"), "degrees C");
    assert_string_equal(
        json_object_get_string_member(json_object_get_object_member(fields, "br_nominal"), "unit"),
        "MBd");
    assert_int_equal(
        json_object_get_int_member(json_object_get_object_member(fields, "connector"), "code"), 7);
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
    fields =
        json_object_get_object_member(json_node_get_object(json_parser_get_root(parser)), "fields");
    bias = json_object_get_array_member(fields, "laser_bias_current");
    assert_int_equal(json_array_get_length(bias), 4);
    /* ethtool prints 7.078 mA for channel 1 */
    assert_true(json_object_get_double_member(json_array_get_object_element(bias, 0), "value") >
                7.077);
    assert_int_equal(json_array_get_length(json_object_get_array_member(fields, "rx_los")), 4);
    assert_string_equal(json_object_get_string_member(fields, "vendor_pn"), "FTLC9551REPM");
}

int
main(int argc, char **argv)
{
    g_autoptr(GPtrArray) cases = list_cases();
    g_autoptr(GArray) tests = g_array_new(FALSE, TRUE, sizeof(struct CMUnitTest));
    const struct CMUnitTest fixed[] = {
        cmocka_unit_test_prestate(test_no_orphans, cases),
        cmocka_unit_test(test_json_contract),
        cmocka_unit_test(test_json_lanes),
    };
    const char *pattern = argc > 1 ? argv[1] : NULL;
    guint i;

    for (i = 0; i < cases->len; i++) {
        GoldenCase *c = cases->pdata[i];
        struct CMUnitTest t = {c->name, test_golden_case, NULL, NULL, c};

        if (pattern == NULL || g_pattern_match_simple(pattern, c->name))
            g_array_append_val(tests, t);
    }
    if (pattern == NULL)
        g_array_append_vals(tests, fixed, G_N_ELEMENTS(fixed));
    return _cmocka_run_group_tests("render", (const struct CMUnitTest *)(void *)tests->data,
                                   tests->len, NULL, NULL);
}
