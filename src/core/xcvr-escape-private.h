/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-escape-private.h: the escapers' quick test, so a renderer skips the copy for the
 * common string that needs no escape. Not installed.
 */
#pragma once

#include <glib.h>

/* TRUE when xcvr_escape_bytes() of the NUL-terminated @s might differ from @s: a
 * backslash, a control, or any byte past ASCII (checked in full by the escaper). */
gboolean xcvr_escape_bytes_needed(const char *s);
