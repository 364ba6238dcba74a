/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-json-test.c: the JSON reader (jansson behind xcvr_json_parse()) and the writer of
 * what it reads (xcvr_json_writer_tree()): the nesting bound counts only brackets outside
 * strings; malformed documents are errors that say where; and every tree read is written
 * back byte for byte as json-glib's generator writes the same document (the goldens, and
 * random documents of every kind of value; but 0x1f quoted, which json-glib leaves bare), so a document that passes through a reader
 * (a pool's host maps) keeps its published form.
 */
#include "xcvr-test-util.h"

#include <xcvrmap/xcvr-error.h>

#include "core/xcvr-json-private.h"
#include "render/xcvr-json-writer-tree-private.h"
#include "xcvr-json-oracle.h"

static json_t *
parse(const char *text, guint max_depth, GError **error)
{
    return xcvr_json_parse(text, strlen(text), max_depth, "test", error);
}

static char *
nested(guint depth, const char *inner)
{
    GString *s = g_string_new(NULL);
    guint i;

    for (i = 0; i < depth; i++)
        g_string_append(s, i % 2 ? "{\"k\":" : "[");
    g_string_append(s, inner);
    for (i = depth; i > 0; i--)
        g_string_append(s, (i - 1) % 2 ? "}" : "]");
    return g_string_free(s, FALSE);
}

static void
test_depth(void **state)
{
    g_autofree char *at_bound = nested(XCVR_JSON_MAX_DEPTH, "1");
    g_autofree char *past = nested(XCVR_JSON_MAX_DEPTH + 1, "1");
    g_autofree char *huge = g_strnfill(100000, '[');
    g_autoptr(json_t) ok = NULL;
    g_autoptr(json_t) quoted = NULL;
    g_autoptr(GError) error = NULL;
    json_t *bad;

    (void)state;
    ok = parse(at_bound, XCVR_JSON_MAX_DEPTH, &error);
    assert_null(error);
    assert_non_null(ok);

    bad = parse(past, XCVR_JSON_MAX_DEPTH, &error);
    assert_null(bad);
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA));
    assert_non_null(strstr(error->message, "nested deeper than 24 levels"));
    g_clear_error(&error);

    /* a bound above the library's is the library's */
    bad = parse(past, 1000, &error);
    assert_null(bad);
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA));
    g_clear_error(&error);

    /* a hundred thousand levels: refused before a parser recurses into them */
    bad = parse(huge, XCVR_JSON_MAX_DEPTH, &error);
    assert_null(bad);
    assert_non_null(strstr(error->message, "at byte 24"));
    g_clear_error(&error);

    /* brackets in strings, escaped quotes among them, are text */
    quoted = parse("[[\"[[[[\\\"[[[[\", {\"{{{{\": \"]]]]\\\\\"}]]", 3, &error);
    assert_null(error);
    assert_non_null(quoted);
    assert_string_equal(json_string_value(json_array_get(json_array_get(quoted, 0), 0)),
                        "[[[[\"[[[[");
}

static void
test_malformed(void **state)
{
    static const struct {
        const char *text;
        gsize len; /* 0: strlen */
        const char *where;
    } cases[] = {
        { "", 0, "line 1" },
        { "{", 0, "line 1" },
        { "[1,]", 0, "line 1, column 4" },
        { "{\"a\" 1}", 0, "line 1" },
        { "[1]\n[2]", 0, "line 2" },
        { "\"abc", 0, "line 1" },
        { "[\"\\u0000\"]", 0, "line 1" },          /* NUL inside a string */
        { "[\"a\0b\"]", 7, "line 1" },              /* a raw NUL byte */
        { "[\"\xc3\x28\"]", 0, "line 1" },          /* invalid UTF-8 */
        { "[\"\\ud800\"]", 0, "line 1" },           /* a lone surrogate */
        { "[99999999999999999999]", 0, "line 1" },  /* past gint64 */
        { "[1e999]", 0, "line 1" },                 /* past double */
        { "[NaN]", 0, "line 1" },
        { "[01]", 0, "line 1" },
        { "{\"a\":1}}", 0, "line 1" },
    };
    gsize i;

    (void)state;
    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(GError) error = NULL;
        gsize len = cases[i].len > 0 ? cases[i].len : strlen(cases[i].text);
        json_t *root = xcvr_json_parse(cases[i].text, len, 8, "doc.json", &error);

        if (root != NULL)
            fail_msg("case %" G_GSIZE_FORMAT " parsed", i);
        assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA));
        assert_true(g_str_has_prefix(error->message, "doc.json: "));
        if (strstr(error->message, cases[i].where) == NULL)
            fail_msg("case %" G_GSIZE_FORMAT ": %s", i, error->message);
    }
}

static void
test_accessors(void **state)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(json_t) root = parse("{\"s\":\"x\",\"i\":-7,\"d\":2.5,\"n\":null}", 4, &error);

    (void)state;
    assert_non_null(root);
    assert_string_equal(xcvr_json_get_string(root, "s"), "x");
    assert_null(xcvr_json_get_string(root, "i"));
    assert_null(xcvr_json_get_string(root, "missing"));
    assert_null(xcvr_json_get_string(json_object_get(root, "s"), "s"));
    assert_null(xcvr_json_get_string(NULL, "s"));
}

/* Ours (read, then written through the writer) must equal json-glib's regeneration. */
static void
assert_regenerates(const char *text, const char *label)
{
    gboolean pretty;

    for (pretty = FALSE; pretty <= TRUE; pretty++) {
        g_autofree char *want = xcvr_json_oracle_regenerate(text, pretty);
        g_autoptr(GError) error = NULL;
        g_autoptr(json_t) root = parse(text, XCVR_JSON_MAX_DEPTH, &error);
        g_autoptr(GString) got = g_string_new(NULL);
        XcvrJsonWriter w;

        if (root == NULL)
            fail_msg("%s: %s", label, error->message);
        assert_non_null(want);
        xcvr_json_writer_init(&w, got, pretty, 2);
        assert_true(xcvr_json_writer_tree(&w, root));
        if (strcmp(got->str, want) != 0)
            fail_msg("%s (%s):\nours:     %s\njson-glib: %s", label,
                     pretty ? "pretty" : "compact", got->str, want);
    }
}

static void
test_goldens(void **state)
{
    static const char *const dirs[] = { "data/golden/sff8472", "data/golden/sff8636",
                                        "data/golden/cmis" };
    const char *srcdir = g_getenv("G_TEST_SRCDIR");
    guint n = 0;
    gsize d;

    (void)state;
    for (d = 0; d < G_N_ELEMENTS(dirs); d++) {
        g_autofree char *dir_path = g_build_filename(srcdir != NULL ? srcdir : ".", dirs[d], NULL);
        g_autoptr(GDir) dir = g_dir_open(dir_path, 0, NULL);
        const char *name;

        if (dir == NULL)
            continue;
        while ((name = g_dir_read_name(dir)) != NULL) {
            g_autofree char *path = NULL;
            g_autofree char *text = NULL;

            if (!g_str_has_suffix(name, ".json"))
                continue;
            path = g_build_filename(dir_path, name, NULL);
            assert_true(g_file_get_contents(path, &text, NULL, NULL));
            assert_regenerates(text, path);
            n++;
        }
    }
    if (n < 20)
        fail_msg("only %u golden documents found (G_TEST_SRCDIR=%s)", n, srcdir);
}

static void
test_random(void **state)
{
    g_autoptr(GRand) rand = g_rand_new_with_seed(20261205);
    guint i;

    (void)state;
    for (i = 0; i < 5000; i++) {
        g_autofree char *text = xcvr_json_oracle_random(rand, 1 + i % 6);
        g_autofree char *label = g_strdup_printf("random document %u", i);

        assert_regenerates(text, label);
    }
}

/* A tree deeper than the writer can take is refused, not overrun: built by hand, since
 * the reader bounds what it reads. */
static void
test_tree_too_deep(void **state)
{
    g_autoptr(json_t) root = json_array();
    g_autoptr(GString) out = g_string_new(NULL);
    json_t *at = root;
    XcvrJsonWriter w;
    guint i;

    (void)state;
    for (i = 0; i < 40; i++) {
        json_t *inner = json_array();

        json_array_append_new(at, inner);
        at = inner;
    }
    xcvr_json_writer_init(&w, out, FALSE, 0);
    assert_false(xcvr_json_writer_tree(&w, root));
    assert_non_null(strstr(out->str, "null"));
    assert_int_equal(w.depth, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_depth),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_accessors),
        cmocka_unit_test(test_goldens),
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_tree_too_deep),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
