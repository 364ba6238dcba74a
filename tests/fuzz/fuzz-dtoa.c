/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz-dtoa.c: differential fuzz target for xcvr_dtoa(), the "%.17g" of every published
 * double: each eight bytes of the input are a double (every bit pattern: NaNs, infinities,
 * subnormals, both zeros), whose text must be exactly g_ascii_dtostr()'s, the C library's
 * own conversion, and read back as the same value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/xcvr-dtoa-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (size_t at = 0; at + sizeof(double) <= size; at += sizeof(double)) {
        char want[G_ASCII_DTOSTR_BUF_SIZE];
        char got[XCVR_DTOA_BUF_SIZE];
        double v;
        double back;
        gsize len;

        memcpy(&v, data + at, sizeof(v));
        g_ascii_dtostr(want, sizeof(want), v);
        len = xcvr_dtoa(got, v);
        if (len != strlen(got) || strcmp(got, want) != 0)
            abort();
        back = g_ascii_strtod(got, NULL);
        if (v == v && memcmp(&back, &v, sizeof(v)) != 0)
            abort();
    }
    return 0;
}
