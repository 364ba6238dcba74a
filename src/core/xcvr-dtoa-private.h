/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-dtoa-private.h: a double as "%.17g" writes it in the C locale (what g_ascii_dtostr()
 * gives, the published form of every double in JSON and XML), without the C library's
 * multi-precision printf for the values modules report. Not installed.
 */
#pragma once

#include <glib.h>

/* Room for any result, sign, exponent and NUL included. */
#define XCVR_DTOA_BUF_SIZE 40

/* Writes @v into @buf as g_ascii_dtostr() does ("%.17g"); returns its length. */
gsize xcvr_dtoa(char buf[XCVR_DTOA_BUF_SIZE], double v);
