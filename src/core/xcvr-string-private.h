/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-string-private.h: GString helpers for the renderers' hot paths. Not installed.
 */
#pragma once

#include <string.h>

#include <glib.h>

/* What g_string_append_printf() writes, formatted on the stack when it fits: GLib's own
 * allocates and frees a temporary string on every call (through g_vasprintf()), which was
 * most of the allocations of a module's text and XML renders. */
void xcvr_string_append_printf(GString *out, const char *format, ...) G_GNUC_PRINTF(2, 3);

/* g_string_append_len() and g_string_append_c() where the string has room: GLib before 2.76
 * (the API floor here is 2.56) has no inline fast path, and every append goes through
 * g_string_insert_len()'s general case. */
static inline void
xcvr_string_append_len(GString *out, const char *p, gsize n)
{
    if (G_LIKELY(out->len + n < out->allocated_len)) {
        memcpy(out->str + out->len, p, n);
        out->len += n;
        out->str[out->len] = '\0';
        return;
    }
    g_string_append_len(out, p, (gssize)n);
}

static inline void
xcvr_string_append(GString *out, const char *s)
{
    xcvr_string_append_len(out, s, strlen(s));
}

static inline void
xcvr_string_append_c(GString *out, char c)
{
    if (G_LIKELY(out->len + 1 < out->allocated_len)) {
        out->str[out->len++] = c;
        out->str[out->len] = '\0';
        return;
    }
    g_string_append_c(out, c);
}
