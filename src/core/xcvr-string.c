/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-string.c: GString helpers for the renderers' hot paths (see xcvr-string-private.h).
 */
#include "core/xcvr-string-private.h"

#include <stdarg.h>

void
xcvr_string_append_printf(GString *out, const char *format, ...)
{
    /* a render's formatted pieces are a number, a unit, a short label: far below this */
    char buf[256];
    va_list args;
    int n;

    va_start(args, format);
    n = g_vsnprintf(buf, sizeof(buf), format, args);
    va_end(args);
    if (n < 0)
        return;
    if ((gsize)n < sizeof(buf)) {
        g_string_append_len(out, buf, n);
        return;
    }
    va_start(args, format);
    g_string_append_vprintf(out, format, args);
    va_end(args);
}
