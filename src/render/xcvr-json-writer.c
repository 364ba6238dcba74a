/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-json-writer.c: a streaming JSON writer, so that a document is written once, straight
 * into its buffer, instead of built as a tree and then generated. Its text is byte for byte
 * what json-glib's generator makes of the same tree (the published form): `"key" : value`
 * and two-space indentation when pretty (an empty array or object as `[]` or `{}`), `"key":value` on one line when not, integers in
 * decimal, doubles as g_ascii_dtostr() with ".0" added when it has no '.', strings through
 * xcvr_escape_bytes() (the one rule: controls and invalid UTF-8 as `\xHH`, a backslash as
 * `\\`) and then JSON's own quoting of '"' and '\'.
 */
#include "render/xcvr-json-writer-private.h"
#include "render/xcvr-json-writer-tree-private.h"

#include <math.h>
#include <string.h>

#include "core/xcvr-dtoa-private.h"
#include "core/xcvr-escape-private.h"
#include "core/xcvr-string-private.h"
#include <xcvrmap/xcvr-escape.h>

void
xcvr_json_writer_init(XcvrJsonWriter *w, GString *out, gboolean pretty, guint indent)
{
    memset(w, 0, sizeof(*w));
    w->out = out;
    w->pretty = pretty;
    w->indent = indent > 0 ? indent : 2;
    w->escape = TRUE;
}

static void
xcvr_json_writer_indent(XcvrJsonWriter *w)
{
    static const char spaces[] = "                                ";
    guint n = w->depth * w->indent;

    while (n > 0) {
        guint k = MIN(n, (guint)sizeof(spaces) - 1);

        xcvr_string_append_len(w->out, spaces, k);
        n -= k;
    }
}

/* How many bytes from @s need no quoting (see xcvr_json_quote()). */
XCVR_NO_COVERAGE static gsize
json_plain_run(const char *s)
{
    const char *p;

    for (p = s; *p != '\0'; p++) {
        guchar c = (guchar)*p;

        if (c == '"' || c == '\\' || c < 0x20 || c == 0x7f)
            break;
    }
    return (gsize)(p - s);
}

/* Printable ASCII but '"' and '\\': what needs neither xcvr_escape_bytes() nor JSON's
 * quoting, so a key or a value made only of these is copied as it is. */
static const guint8 json_plain_byte[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
    /* 0x80-0xff, not ASCII: 0 */
};

/* Writes "@s" when every byte of @s is plain; FALSE, and nothing written, otherwise. */
static gboolean
json_quote_plain(GString *out, const char *s)
{
    const guchar *p = (const guchar *)s;
    gsize n;

    while (json_plain_byte[*p])
        p++;
    if (*p != '\0')
        return FALSE;
    n = (gsize)(p - (const guchar *)s);
    xcvr_string_append_c(out, '"');
    xcvr_string_append_len(out, s, n);
    xcvr_string_append_c(out, '"');
    return TRUE;
}

/* Quotes @s as JSON does (json-glib's rule: '"', '\', C0 controls and DEL; but 0x1f too,
 * which json-glib leaves bare, making text no JSON reader accepts); the
 * callers try json_quote_plain() first. */
static void
xcvr_json_quote(GString *out, const char *s)
{
    const char *run = s;
    const char *p;

    xcvr_string_append_c(out, '"');
    for (p = s + json_plain_run(s); *p != '\0'; p = run + json_plain_run(run)) {
        guchar c = (guchar)*p;

        xcvr_string_append_len(out, run, (gsize)(p - run));
        run = p + 1;
        switch (c) {
        case '"':
        case '\\':
            xcvr_string_append_c(out, '\\');
            xcvr_string_append_c(out, (char)c);
            break;
        case '\b':
            xcvr_string_append(out, "\\b");
            break;
        case '\f':
            xcvr_string_append(out, "\\f");
            break;
        case '\n':
            xcvr_string_append(out, "\\n");
            break;
        case '\r':
            xcvr_string_append(out, "\\r");
            break;
        case '\t':
            xcvr_string_append(out, "\\t");
            break;
        default:
            g_string_append_printf(out, "\\u00%02x", (guint)c);
            break;
        }
    }
    xcvr_string_append_len(out, run, (gsize)(p - run));
    xcvr_string_append_c(out, '"');
}

/* What comes before a value or a member: the comma after the previous one, the newline
 * and indentation of pretty output. */
static void
xcvr_json_writer_next(XcvrJsonWriter *w)
{
    /* the comma, newline and indentation of the common depths in one append */
    static const char sep[] = ",\n                                ";
    gboolean first;
    guint n;

    if (w->depth == 0)
        return;
    first = w->first[w->depth];
    w->first[w->depth] = FALSE;
    if (!w->pretty) {
        if (!first)
            xcvr_string_append_c(w->out, ',');
        return;
    }
    n = w->depth * w->indent;
    if (n <= sizeof(sep) - 3) {
        xcvr_string_append_len(w->out, sep + (first ? 1 : 0), n + (first ? 1 : 2));
        return;
    }
    if (!first)
        xcvr_string_append_c(w->out, ',');
    xcvr_string_append_c(w->out, '\n');
    xcvr_json_writer_indent(w);
}

/* Starts a value: after its member name, or as the next element of an array. */
static void
xcvr_json_writer_value(XcvrJsonWriter *w)
{
    if (w->named) {
        w->named = FALSE;
        return;
    }
    xcvr_json_writer_next(w);
}

void
xcvr_json_writer_key(XcvrJsonWriter *w, const char *key)
{
    xcvr_json_writer_next(w);
    xcvr_string_append_c(w->out, '"');
    xcvr_string_append(w->out, key);
    xcvr_string_append(w->out, w->pretty ? "\" : " : "\":");
    w->named = TRUE;
}

void
xcvr_json_writer_member(XcvrJsonWriter *w, const char *name)
{
    xcvr_json_writer_next(w);
    if (!json_quote_plain(w->out, name))
        xcvr_json_quote(w->out, name);
    xcvr_string_append(w->out, w->pretty ? " : " : ":");
    w->named = TRUE;
}

static void
xcvr_json_writer_open(XcvrJsonWriter *w, char c)
{
    xcvr_json_writer_value(w);
    xcvr_string_append_c(w->out, c);
    g_assert(w->depth + 1 < G_N_ELEMENTS(w->first));
    w->depth++;
    w->first[w->depth] = TRUE;
}

static void
xcvr_json_writer_close(XcvrJsonWriter *w, char c)
{
    gboolean empty;

    g_assert(w->depth > 0);
    empty = w->first[w->depth];
    w->depth--;
    /* an empty container stays on its line: "[]", "{}" */
    if (w->pretty && !empty) {
        xcvr_string_append_c(w->out, '\n');
        xcvr_json_writer_indent(w);
    }
    xcvr_string_append_c(w->out, c);
}

void
xcvr_json_writer_begin_object(XcvrJsonWriter *w)
{
    xcvr_json_writer_open(w, '{');
}

void
xcvr_json_writer_end_object(XcvrJsonWriter *w)
{
    xcvr_json_writer_close(w, '}');
}

void
xcvr_json_writer_begin_array(XcvrJsonWriter *w)
{
    xcvr_json_writer_open(w, '[');
}

void
xcvr_json_writer_end_array(XcvrJsonWriter *w)
{
    xcvr_json_writer_close(w, ']');
}

void
xcvr_json_writer_string(XcvrJsonWriter *w, const char *s)
{
    xcvr_json_writer_value(w);
    if (s == NULL) {
        xcvr_string_append(w->out, "null");
        return;
    }
    if (json_quote_plain(w->out, s))
        return;
    if (w->escape && xcvr_escape_bytes_needed(s)) {
        g_autofree char *esc = xcvr_escape_bytes(s, -1);

        xcvr_json_quote(w->out, esc);
        return;
    }
    xcvr_json_quote(w->out, s);
}

void
xcvr_json_writer_int(XcvrJsonWriter *w, gint64 v)
{
    char buf[24];
    guint64 u = v < 0 ? (guint64)0 - (guint64)v : (guint64)v;
    gsize i = sizeof(buf);

    xcvr_json_writer_value(w);
    do {
        buf[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (v < 0)
        buf[--i] = '-';
    xcvr_string_append_len(w->out, buf + i, sizeof(buf) - i);
}

void
xcvr_json_writer_double(XcvrJsonWriter *w, double v)
{
    char buf[XCVR_DTOA_BUF_SIZE];
    gsize len;

    /* a whole number below 2^53 is its digits and ".0", as "%.17g" then ".0" write it
     * (but -0, which keeps its sign) */
    if (fabs(v) < 9007199254740992.0 && v == (double)(gint64)v && (v != 0 || !signbit(v))) {
        xcvr_json_writer_int(w, (gint64)v);
        xcvr_string_append(w->out, ".0");
        return;
    }
    xcvr_json_writer_value(w);
    len = xcvr_dtoa(buf, v);
    xcvr_string_append_len(w->out, buf, len);
    /* a double stays a double when read back; an exponent says so already ("1e+20.0", as
     * json-glib writes it, is no JSON) */
    if (memchr(buf, '.', len) == NULL && memchr(buf, 'e', len) == NULL)
        xcvr_string_append(w->out, ".0");
}

void
xcvr_json_writer_boolean(XcvrJsonWriter *w, gboolean v)
{
    xcvr_json_writer_value(w);
    xcvr_string_append(w->out, v ? "true" : "false");
}

void
xcvr_json_writer_null(XcvrJsonWriter *w)
{
    xcvr_json_writer_value(w);
    xcvr_string_append(w->out, "null");
}

static gboolean
xcvr_json_writer_tree_at(XcvrJsonWriter *w, const json_t *node)
{
    gboolean ok = TRUE;

    switch (json_typeof(node)) {
    case JSON_OBJECT: {
        const char *key;
        void *iter;

        if (w->depth + 2 >= XCVR_JSON_WRITER_DEPTH) {
            xcvr_json_writer_null(w);
            return FALSE;
        }
        xcvr_json_writer_begin_object(w);
        /* jansson keeps members in the order they were read or set */
        for (iter = json_object_iter((json_t *)node); iter != NULL;
             iter = json_object_iter_next((json_t *)node, iter)) {
            key = json_object_iter_key(iter);
            xcvr_json_writer_member(w, key);
            ok = xcvr_json_writer_tree_at(w, json_object_iter_value(iter)) && ok;
        }
        xcvr_json_writer_end_object(w);
        break;
    }
    case JSON_ARRAY: {
        gsize i;

        if (w->depth + 2 >= XCVR_JSON_WRITER_DEPTH) {
            xcvr_json_writer_null(w);
            return FALSE;
        }
        xcvr_json_writer_begin_array(w);
        for (i = 0; i < json_array_size(node); i++)
            ok = xcvr_json_writer_tree_at(w, json_array_get(node, i)) && ok;
        xcvr_json_writer_end_array(w);
        break;
    }
    case JSON_STRING:
        xcvr_json_writer_string(w, json_string_value(node));
        break;
    case JSON_INTEGER:
        xcvr_json_writer_int(w, json_integer_value(node));
        break;
    case JSON_REAL:
        xcvr_json_writer_double(w, json_real_value(node));
        break;
    case JSON_TRUE:
    case JSON_FALSE:
        xcvr_json_writer_boolean(w, json_is_true(node));
        break;
    case JSON_NULL:
    default:
        xcvr_json_writer_null(w);
        break;
    }
    return ok;
}

gboolean
xcvr_json_writer_tree(XcvrJsonWriter *w, const json_t *node)
{
    gboolean escape = w->escape;
    gboolean ok;

    w->escape = FALSE;
    ok = xcvr_json_writer_tree_at(w, node);
    w->escape = escape;
    return ok;
}
