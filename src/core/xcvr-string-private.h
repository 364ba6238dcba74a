/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-string-private.h: GString helpers for the renderers' hot paths. Not installed.
 */
#pragma once

#include <glib.h>

/* What g_string_append_printf() writes, formatted on the stack when it fits: GLib's own
 * allocates and frees a temporary string on every call (through g_vasprintf()), which was
 * most of the allocations of a module's text and XML renders. */
void xcvr_string_append_printf(GString *out, const char *format, ...) G_GNUC_PRINTF(2, 3);
