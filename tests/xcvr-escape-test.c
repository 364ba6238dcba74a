/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-escape-test.c: the escapers of every output kind: each class of hostile character
 * (C0, DEL, C1 with the 8-bit CSI, bidi controls, newline and tab, invalid UTF-8 of every
 * shape) written as the documented escape; clean text kept; and, over random bytes, every
 * result valid UTF-8 with no control character, which reads back to exactly the input.
 */
#include "xcvr-test-util.h"

#include <string.h>

#include <libxml/parser.h>
#include <xcvrmap/xcvr-escape.h>

typedef struct {
    const char *in;
    gssize len;
    const char *bytes; /* xcvr_escape_bytes() */
    const char *text;  /* xcvr_escape_text() */
    const char *xml;   /* xcvr_escape_xml() */
} Case;

static const Case cases[] = {
    { "eth0.100", -1, "eth0.100", "eth0.100", "eth0.100" },
    { "caf\xc3\xa9 \xe6\x97\xa5", -1, "caf\xc3\xa9 \xe6\x97\xa5", "caf\xc3\xa9 \xe6\x97\xa5",
      "caf\xc3\xa9 \xe6\x97\xa5" },
    { "a\\b", -1, "a\\\\b", "a\\\\b", "a\\\\b" },
    { "\x1b[2J", -1, "\\x1b[2J", "\\x1b[2J", "\\x1b[2J" },
    { "\x1b]0;title\x07", -1, "\\x1b]0;title\\x07", "\\x1b]0;title\\x07", "\\x1b]0;title\\x07" },
    { "a\tb\nc\rd", -1, "a\\x09b\\x0ac\\x0dd", "a\\x09b\\x0ac\\x0dd", "a\\x09b\\x0ac\\x0dd" },
    { "nul\0x", 5, "nul\\x00x", "nul\\x00x", "nul\\x00x" },
    { "del\x7f", -1, "del\\x7f", "del\\x7f", "del\\x7f" },
    /* C1: U+009B, the 8-bit CSI, and U+0085 (NEL) */
    { "\xc2\x9b" "31m\xc2\x85", -1, "\\xc2\\x9b31m\\xc2\\x85", "\\u009b31m\\u0085",
      "\\xc2\\x9b31m\\xc2\\x85" },
    /* bidi: U+202E (RLO), U+2066 (LRI), U+200F (RLM), U+2028 (LS) */
    { "x\xe2\x80\xae" "y\xe2\x81\xa6z\xe2\x80\x8f\xe2\x80\xa8", -1,
      "x\xe2\x80\xae" "y\xe2\x81\xa6z\xe2\x80\x8f\xe2\x80\xa8", "x\\u202ey\\u2066z\\u200f\\u2028",
      "x\xe2\x80\xae" "y\xe2\x81\xa6z\xe2\x80\x8f\xe2\x80\xa8" },
    /* invalid UTF-8: a lone 0xff, a truncated sequence, an overlong '/', a surrogate */
    { "\xff" "a\xc3", -1, "\\xffa\\xc3", "\\xffa\\xc3", "\\xffa\\xc3" },
    { "\xc0\xaf", -1, "\\xc0\\xaf", "\\xc0\\xaf", "\\xc0\\xaf" },
    { "\xed\xa0\x80", -1, "\\xed\\xa0\\x80", "\\xed\\xa0\\x80", "\\xed\\xa0\\x80" },
    /* a byte that starts a sequence the next byte does not continue: the next is kept */
    { "\xe2(", -1, "\\xe2(", "\\xe2(", "\\xe2(" },
    /* noncharacters XML 1.0 cannot carry */
    { "\xef\xbf\xbe", -1, "\\xef\\xbf\\xbe", "\xef\xbf\xbe", "\\xef\\xbf\\xbe" },
    { "<a href=\"x\">&'", -1, "<a href=\"x\">&'", "<a href=\"x\">&'",
      "&lt;a href=&quot;x&quot;&gt;&amp;&apos;" },
};

static void
test_cases(void **state)
{
    (void)state;
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        const Case *c = &cases[i];
        g_autofree char *bytes = xcvr_escape_bytes(c->in, c->len);
        g_autofree char *text = xcvr_escape_text(c->in, c->len);
        g_autofree char *xml = xcvr_escape_xml(c->in, c->len);

        assert_string_equal(bytes, c->bytes);
        assert_string_equal(text, c->text);
        assert_string_equal(xml, c->xml);
    }
}

static int
hex(char c)
{
    return g_ascii_xdigit_value(c);
}

/* Reads an escaped text back to bytes: `\\`, `\xHH` and, with @allow_u (text only),
 * `\uXXXX`; FALSE on anything else after a backslash, which would make it ambiguous. */
static gboolean
unescape(const char *s, gboolean allow_u, GByteArray *out)
{
    while (*s != '\0') {
        if (*s != '\\') {
            g_byte_array_append(out, (const guint8 *)s, 1);
            s++;
        } else if (s[1] == '\\') {
            g_byte_array_append(out, (const guint8 *)"\\", 1);
            s += 2;
        } else if (s[1] == 'x' && hex(s[2]) >= 0 && hex(s[3]) >= 0) {
            guint8 b = (guint8)(hex(s[2]) * 16 + hex(s[3]));

            g_byte_array_append(out, &b, 1);
            s += 4;
        } else if (allow_u && s[1] == 'u' && hex(s[2]) >= 0 && hex(s[3]) >= 0 && hex(s[4]) >= 0 &&
                   hex(s[5]) >= 0) {
            char utf8[6];
            gunichar c = (gunichar)((hex(s[2]) << 12) | (hex(s[3]) << 8) | (hex(s[4]) << 4) |
                                    hex(s[5]));
            gint n = g_unichar_to_utf8(c, utf8);

            g_byte_array_append(out, (const guint8 *)utf8, (guint)n);
            s += 6;
        } else {
            return FALSE;
        }
    }
    return TRUE;
}

/* No C0, DEL or C1 character, and valid UTF-8: nothing a terminal acts on. */
static void
assert_clean(const char *s)
{
    assert_true(g_utf8_validate(s, -1, NULL));
    for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);

        assert_false(c < 0x20 || (c >= 0x7F && c <= 0x9F));
    }
}

/* Random bytes weighted towards the hostile ones: every result is clean and reads back. */
static void
test_random_round_trip(void **state)
{
    static const guint8 alphabet[] = { 0x00, 0x07, 0x09, 0x0a, 0x1b, '[', '\\', 'x', 'u', '0',
                                       'a', 0x7f, 0x80, 0x9b, 0xc2, 0xc3, 0xa9, 0xe2, 0x80,
                                       0xae, 0xef, 0xbf, 0xbe, 0xed, 0xa0, 0xf0, 0x9f, 0xff };
    g_autoptr(GRand) rand = g_rand_new_with_seed(16);

    (void)state;
    for (guint round = 0; round < 20000; round++) {
        guint8 in[24];
        guint len = (guint)g_rand_int_range(rand, 0, (gint32)sizeof(in) + 1);
        g_autofree char *bytes = NULL;
        g_autofree char *text = NULL;
        g_autofree char *xml = NULL;
        g_autoptr(GByteArray) back_bytes = g_byte_array_new();
        g_autoptr(GByteArray) back_text = g_byte_array_new();

        for (guint i = 0; i < len; i++)
            in[i] = alphabet[g_rand_int_range(rand, 0, G_N_ELEMENTS(alphabet))];
        bytes = xcvr_escape_bytes((const char *)in, len);
        text = xcvr_escape_text((const char *)in, len);
        xml = xcvr_escape_xml((const char *)in, len);
        assert_clean(bytes);
        assert_clean(text);
        assert_clean(xml);
        assert_true(unescape(bytes, FALSE, back_bytes));
        assert_true(unescape(text, TRUE, back_text));
        assert_int_equal(back_bytes->len, len);
        assert_memory_equal(back_bytes->data, in, len);
        assert_int_equal(back_text->len, len);
        assert_memory_equal(back_text->data, in, len);
    }
}

/* What an XML parser reads back from xcvr_escape_xml() is the bytes rule's text. */
static void
test_xml_reads_back(void **state)
{
    (void)state;
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(GString) doc = g_string_new("<r a=\"");
        g_autofree char *want = xcvr_escape_bytes(cases[i].in, cases[i].len);
        xmlDocPtr parsed;
        xmlChar *attr;

        xcvr_escape_xml_append(doc, cases[i].in, cases[i].len);
        g_string_append(doc, "\">");
        xcvr_escape_xml_append(doc, cases[i].in, cases[i].len);
        g_string_append(doc, "</r>");
        parsed = xmlReadMemory(doc->str, (int)doc->len, "t.xml", "UTF-8",
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        assert_non_null(parsed);
        attr = xmlGetProp(xmlDocGetRootElement(parsed), (const xmlChar *)"a");
        assert_string_equal((const char *)attr, want);
        xmlFree(attr);
        xmlFreeDoc(parsed);
    }
}

/* A label value of the Prometheus text format read back as its parsers do (`\\`, `\"`,
 * `\n`; any other escape or a bare quote or line feed is malformed): NULL if malformed. */
static char *
prometheus_unescape(const char *s)
{
    g_autoptr(GString) out = g_string_new(NULL);

    for (; *s != '\0'; s++) {
        if (*s == '"' || *s == '\n')
            return NULL;
        if (*s != '\\') {
            g_string_append_c(out, *s);
            continue;
        }
        s++;
        if (*s == '\\' || *s == '"')
            g_string_append_c(out, *s);
        else if (*s == 'n')
            g_string_append_c(out, '\n');
        else
            return NULL;
    }
    return g_string_free(g_steal_pointer(&out), FALSE);
}

/* The exposition format's label values: clean, well formed, and read back as the bytes
 * rule's text (what JSON and XML readers get), for the cases and for random bytes. */
static void
test_prometheus_reads_back(void **state)
{
    static const guint8 alphabet[] = { 0x00, 0x0a, 0x1b, '"', '\\', 'x', 'n', '0', 'a', 0x7f,
                                       0x9b, 0xc2, 0xe2, 0x80, 0xae, 0xff };
    g_autoptr(GRand) rand = g_rand_new_with_seed(13);
    g_autofree char *quote = xcvr_escape_prometheus("q\"uo\\te\n", -1);

    (void)state;
    assert_string_equal(quote, "q\\\"uo\\\\\\\\te\\\\x0a");
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *prom = xcvr_escape_prometheus(cases[i].in, cases[i].len);
        g_autofree char *want = xcvr_escape_bytes(cases[i].in, cases[i].len);
        g_autofree char *back = prometheus_unescape(prom);

        assert_clean(prom);
        assert_non_null(back);
        assert_string_equal(back, want);
    }
    for (guint round = 0; round < 20000; round++) {
        guint8 in[24];
        guint len = (guint)g_rand_int_range(rand, 0, (gint32)sizeof(in) + 1);
        g_autoptr(GString) appended = g_string_new("x");
        g_autofree char *prom = NULL;
        g_autofree char *want = NULL;
        g_autofree char *back = NULL;

        for (guint i = 0; i < len; i++)
            in[i] = alphabet[g_rand_int_range(rand, 0, G_N_ELEMENTS(alphabet))];
        prom = xcvr_escape_prometheus((const char *)in, len);
        want = xcvr_escape_bytes((const char *)in, len);
        back = prometheus_unescape(prom);
        assert_clean(prom);
        assert_non_null(back);
        assert_string_equal(back, want);
        xcvr_escape_prometheus_append(appended, (const char *)in, len);
        assert_string_equal(appended->str + 1, prom);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_random_round_trip),
        cmocka_unit_test(test_xml_reads_back),
        cmocka_unit_test(test_prometheus_reads_back),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
