/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-escape.c: the escapers of every output kind (see xcvr-escape.h). One byte-level walk
 * decides what each character is; the kinds differ only in how they write what they refuse.
 */
#include <string.h>

#include <xcvrmap/xcvr-escape.h>

#include "core/xcvr-escape-private.h"

typedef enum {
    ESC_BYTES, /* JSON, XML: \xHH for each byte of a control or of invalid UTF-8 */
    ESC_TEXT,  /* terminals: also bidi controls and separators, characters as \uXXXX */
    ESC_XML,   /* ESC_BYTES, then XML markup as entities */
    ESC_PROM,  /* ESC_BYTES, then the exposition format's label-value escapes */
} EscKind;

/* Characters a terminal or a bidi-aware viewer acts on although they are not C0/C1. */
static gboolean
is_text_hazard(gunichar c)
{
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x2028 && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

static void
append_bytes_hex(GString *out, const char *p, gsize n, EscKind kind)
{
    for (gsize i = 0; i < n; i++) {
        /* in a label value the backslash of \xHH is itself escaped */
        if (kind == ESC_PROM)
            g_string_append_c(out, '\\');
        g_string_append_printf(out, "\\x%02x", (guint)(guchar)p[i]);
    }
}

/* How many bytes from @p (at most @n) @kind copies as they are: printable ASCII but the
 * kind's own special characters. */
XCVR_NO_COVERAGE static gsize
plain_run(const char *p, gsize n, EscKind kind)
{
    gsize i;

    for (i = 0; i < n; i++) {
        guchar b = (guchar)p[i];

        if (b < 0x20 || b >= 0x7F || b == '\\')
            break;
        if (kind == ESC_PROM && b == '"')
            break;
        if (kind == ESC_XML && (b == '&' || b == '<' || b == '>' || b == '"' || b == '\''))
            break;
    }
    return i;
}

static void
escape_append(GString *out, const char *data, gssize len, EscKind kind)
{
    const char *p;
    const char *end;

    if (data == NULL)
        return;
    if (len < 0)
        len = (gssize)strlen(data);
    p = data;
    end = data + len;
    while (p < end) {
        guchar b = (guchar)*p;
        gunichar c;
        gsize n = plain_run(p, (gsize)(end - p), kind);

        /* the common case, a run of printable ASCII, copied at once */
        if (n > 0) {
            g_string_append_len(out, p, (gssize)n);
            p += n;
            continue;
        }
        if (b >= 0x20 && b < 0x7F) { /* a special character of the kind */
            if (b == '\\' && kind == ESC_PROM)
                g_string_append(out, "\\\\\\\\"); /* \\ of ESC_BYTES, each escaped */
            else if (b == '\\')
                g_string_append(out, "\\\\");
            else if (kind == ESC_PROM && b == '"')
                g_string_append(out, "\\\"");
            else if (kind == ESC_XML && b == '&')
                g_string_append(out, "&amp;");
            else if (kind == ESC_XML && b == '<')
                g_string_append(out, "&lt;");
            else if (kind == ESC_XML && b == '>')
                g_string_append(out, "&gt;");
            else if (kind == ESC_XML && b == '"')
                g_string_append(out, "&quot;");
            else if (kind == ESC_XML && b == '\'')
                g_string_append(out, "&apos;");
            else
                g_string_append_c(out, (char)b);
            p++;
            continue;
        }
        if (b < 0x80) { /* C0 (NUL included) and DEL */
            append_bytes_hex(out, p, 1, kind);
            p++;
            continue;
        }
        c = g_utf8_get_char_validated(p, end - p);
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            /* one byte at a time: the next may start a character */
            append_bytes_hex(out, p, 1, kind);
            p++;
            continue;
        }
        n = (gsize)(g_utf8_next_char(p) - p);
        if (c <= 0x9F) { /* C1 */
            if (kind == ESC_TEXT)
                g_string_append_printf(out, "\\u%04x", c);
            else
                append_bytes_hex(out, p, n, kind);
        } else if (kind == ESC_TEXT && is_text_hazard(c)) {
            g_string_append_printf(out, "\\u%04x", c);
        } else if (kind != ESC_TEXT && (c == 0xFFFE || c == 0xFFFF)) {
            append_bytes_hex(out, p, n, kind); /* not an XML 1.0 Char: the same in JSON */
        } else {
            g_string_append_len(out, p, (gssize)n);
        }
        p += n;
    }
}

XCVR_NO_COVERAGE gboolean
xcvr_escape_bytes_needed(const char *s)
{
    for (const guchar *p = (const guchar *)s; *p != '\0'; p++) {
        if (*p < 0x20 || *p >= 0x7F || *p == '\\')
            return TRUE;
    }
    return FALSE;
}

char *
xcvr_escape_bytes(const char *data, gssize len)
{
    GString *out = g_string_sized_new(data != NULL && len > 0 ? (gsize)len + 8 : 16);

    escape_append(out, data, len, ESC_BYTES);
    return g_string_free(out, FALSE);
}

char *
xcvr_escape_text(const char *data, gssize len)
{
    GString *out = g_string_sized_new(data != NULL && len > 0 ? (gsize)len + 8 : 16);

    escape_append(out, data, len, ESC_TEXT);
    return g_string_free(out, FALSE);
}

void
xcvr_escape_xml_append(GString *out, const char *data, gssize len)
{
    escape_append(out, data, len, ESC_XML);
}

char *
xcvr_escape_xml(const char *data, gssize len)
{
    GString *out = g_string_sized_new(data != NULL && len > 0 ? (gsize)len + 8 : 16);

    escape_append(out, data, len, ESC_XML);
    return g_string_free(out, FALSE);
}

void
xcvr_escape_prometheus_append(GString *out, const char *data, gssize len)
{
    escape_append(out, data, len, ESC_PROM);
}

char *
xcvr_escape_prometheus(const char *data, gssize len)
{
    GString *out = g_string_sized_new(data != NULL && len > 0 ? (gsize)len + 8 : 16);

    escape_append(out, data, len, ESC_PROM);
    return g_string_free(out, FALSE);
}
