/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-json-writer-test.c: the streaming JSON writer's strings and member names are byte
 * for byte what json-glib's generator makes: a string value after the one escaping rule
 * (xcvr_escape_bytes()), a member name (always ours: a table's key) as it is; for random
 * strings of every length with a byte of every class anywhere, where the writer's plain
 * copy must give way to quoting (but 0x1f, which json-glib leaves bare, is quoted as JSON
 * requires). Its doubles are json-glib's too.
 */
#include "xcvr-test-util.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <xcvrmap/xcvr-escape.h>

#include "render/xcvr-json-writer-private.h"
#include "sff/cmis.h"
#include "sff/sff8472.h"
#include "sff/sff8636.h"
#include "sff/xcvr-module-private.h"

/* What json-glib writes for {"<name>": "<value>"}, the value escaped first as the writer
 * does. */
static char *
reference(const char *name, const char *value, gboolean pretty)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(JsonGenerator) gen = json_generator_new();
    g_autoptr(JsonNode) root = NULL;
    g_autofree char *esc_value = xcvr_escape_bytes(value, -1);
    g_autofree char *text = NULL;
    g_auto(GStrv) parts = NULL;

    json_builder_begin_object(b);
    json_builder_set_member_name(b, name);
    json_builder_add_string_value(b, esc_value);
    json_builder_end_object(b);
    root = json_builder_get_root(b);
    json_generator_set_root(gen, root);
    json_generator_set_pretty(gen, pretty);
    text = json_generator_to_data(gen, NULL);
    /* the one place we differ on purpose: json-glib leaves 0x1f bare, which is no JSON */
    parts = g_strsplit(text, "\x1f", -1);
    return g_strjoinv("\\u001f", parts);
}

static char *
written(const char *name, const char *value, gboolean pretty)
{
    GString *out = g_string_new(NULL);
    XcvrJsonWriter w;

    xcvr_json_writer_init(&w, out, pretty, 2);
    xcvr_json_writer_begin_object(&w);
    xcvr_json_writer_member(&w, name);
    xcvr_json_writer_string(&w, value);
    xcvr_json_writer_end_object(&w);
    return g_string_free(out, FALSE);
}

static void
check(const char *name, const char *value)
{
    for (int pretty = 0; pretty <= 1; pretty++) {
        g_autofree char *want = reference(name, value, pretty);
        g_autofree char *got = written(name, value, pretty);

        assert_string_equal(got, want);
    }
}

static void
test_chosen(void **state)
{
    static const char *const values[] = {
        "", "a", "vendor name", "FINISAR CORP.   ", "12345678", "1234567\"", "\"2345678",
        "1234567\\", "abcdefgh\x01", "abcdefgh\x7f", "abcdefg\x1f", "abcdefgh\x80\xc3\xa9",
        "caf\xc3\xa9 au lait", "0123456789abcdef\t", "0123456789abcdef~", " !#$%&'()*+,-./",
        ":;<=>?@[]^_`{|}~", "\xff\xff\xff\xff\xff\xff\xff\xff", "~~~~~~~~\x7f",
    };

    (void)state;
    for (gsize i = 0; i < G_N_ELEMENTS(values); i++) {
        check("key", values[i]);
        if (g_str_is_ascii(values[i]))
            check(values[i][0] != '\0' ? values[i] : "k", "v");
    }
}

/* Random strings: plain ASCII, or with one hostile byte at a random place. */
static void
test_random(void **state)
{
    static const guchar hostile[] = { '"', '\\', 0x01, 0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xc3, 0xff,
                                      '\t', '\n' };
    g_autoptr(GRand) rand = g_rand_new_with_seed(8);

    (void)state;
    for (int i = 0; i < 20000; i++) {
        char s[48];
        guint len = (guint)g_rand_int_range(rand, 1, (gint32)sizeof(s));

        for (guint j = 0; j < len; j++)
            s[j] = (char)g_rand_int_range(rand, 0x20, 0x7f);
        if (g_rand_boolean(rand))
            s[g_rand_int_range(rand, 0, (gint32)len)] =
                (char)hostile[g_rand_int_range(rand, 0, G_N_ELEMENTS(hostile))];
        s[len] = '\0';
        check("key", s);
        if (g_str_is_ascii(s))
            check(s, "value");
    }
}

static void
test_doubles(void **state)
{
    static const double values[] = { 0.0, -0.0, 1.0, -40.0, 0.597, 36.12890625, 1e-5, 1e17,
                                     1e20, -3e22, 123456789012345.67, 3.3, 0.1, 2.5e-3 };

    (void)state;
    for (gsize i = 0; i < G_N_ELEMENTS(values); i++) {
        g_autoptr(JsonGenerator) gen = json_generator_new();
        g_autoptr(JsonNode) node = json_node_new(JSON_NODE_VALUE);
        g_autofree char *want = NULL;
        g_autoptr(GString) out = g_string_new(NULL);
        XcvrJsonWriter w;

        json_node_set_double(node, values[i]);
        json_generator_set_root(gen, node);
        want = json_generator_to_data(gen, NULL);
        /* json-glib appends ".0" to an exponent too ("1e+17.0"): no JSON; ours does not */
        if (strchr(want, 'e') != NULL && g_str_has_suffix(want, ".0"))
            want[strlen(want) - 2] = '\0';
        xcvr_json_writer_init(&w, out, FALSE, 2);
        xcvr_json_writer_double(&w, values[i]);
        assert_string_equal(out->str, want);
    }
}

static void
assert_key(const char *key)
{
    assert_non_null(key);
    assert_true(key[0] != '\0');
    for (const char *p = key; *p != '\0'; p++) {
        if (!(g_ascii_islower(*p) || g_ascii_isdigit(*p) || *p == '_'))
            fail_msg("key \"%s\" has '%c'", key, *p);
    }
}

static void
test_keys(void **state)
{
    static const XcvrFamilyDecoder *const decoders[] = {
        &xcvr_sff8472_decoder, &xcvr_sff8636_decoder, &xcvr_cmis_decoder,
    };
    static const char *const families[] = { "sff8472", "sff8636", "cmis" };

    (void)state;
    for (gsize i = 0; i < G_N_ELEMENTS(decoders); i++) {
        for (guint j = 0; j < decoders[i]->n_fields; j++)
            assert_key(decoders[i]->fields[j].key);
        for (guint j = 0; j < decoders[i]->n_extra_fields; j++)
            assert_key(decoders[i]->extra_fields[j].key);
    }
    for (gsize f = 0; f < G_N_ELEMENTS(families); f++) {
        g_autoptr(GPtrArray) names = xcvr_test_list(families[f]);

        for (guint i = 0; i < names->len; i++) {
            g_autoptr(GBytes) bytes = xcvr_test_load(g_ptr_array_index(names, i));
            g_autoptr(XcvrModule) m = NULL;
            const XcvrChecksum *ck;
            gsize len = 0;
            const guint8 *data = g_bytes_get_data(bytes, &len);
            guint n = 0;

            m = xcvr_module_decode(data, len, XCVR_FAMILY_UNKNOWN, XCVR_DECODE_NONE, NULL);
            if (m == NULL)
                continue;
            ck = xcvr_module_get_checksums(m, &n);
            for (guint k = 0; k < n; k++)
                assert_key(ck[k].key);
        }
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chosen),
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_doubles),
        cmocka_unit_test(test_keys),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
