/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-dtoa.c: "%.17g" of a double, exactly as the C library writes it, for the values a
 * module reports (6.1e-5 to 1.1e15 written without an exponent): its 17 significant digits
 * are the binary value times a power of ten, rounded half to even, in 128-bit integers. The
 * C library gets there through multi-precision arithmetic, which was the largest cost of a
 * module's JSON render. Every other value (an exponent form, zero, a subnormal, infinity,
 * NaN, or no 128-bit integers) goes to g_ascii_dtostr(), whose result this matches.
 */
#include "core/xcvr-dtoa-private.h"

#include <string.h>

#ifdef __SIZEOF_INT128__
__extension__ typedef unsigned __int128 u128;

static const guint64 pow10_u64[20] = {
    1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
    100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL,
    10000000000000ULL, 100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
    100000000000000000ULL, 1000000000000000000ULL, 10000000000000000000ULL,
};

/* 10^k for 0 <= k <= 21 */
static u128
pow10_u128(int k)
{
    if (k < 20)
        return pow10_u64[k];
    return (u128)pow10_u64[19] * pow10_u64[k - 19];
}

/* The fixed-point "%.17g" of @v, or FALSE where this does not apply. */
static gboolean
dtoa_fixed(char *buf, gsize *len, double v)
{
    const guint64 lo17 = pow10_u64[16];
    const guint64 hi17 = pow10_u64[17];
    guint64 bits;
    guint64 m;
    guint64 q;
    u128 num;
    u128 half;
    u128 rest;
    char digits[17];
    char *p = buf;
    int be;
    int s;
    int x;
    int nd;

    memcpy(&bits, &v, sizeof(bits));
    be = (int)((bits >> 52) & 0x7ff);
    if (be == 0 || be == 0x7ff)
        return FALSE;
    m = (bits & ((1ULL << 52) - 1)) | (1ULL << 52);
    /* |v| = m / 2^s; 3 <= s <= 66 is 2^-14 <= |v| < 2^50, where m * 10^(16 - x) < 2^128 */
    s = 1075 - be;
    if (s < 3 || s > 66)
        return FALSE;

    /* x, the decimal exponent: floor(log10(2) * binary exponent), or one more */
    x = ((52 - s) * 78913) >> 18;
    for (;;) {
        if (16 - x < 0 || 16 - x > 21)
            return FALSE;
        num = (u128)m * pow10_u128(16 - x);
        q = (guint64)(num >> s);
        if (q >= hi17)
            x++;
        else if (q < lo17)
            x--;
        else
            break;
    }
    /* to nearest, a tie to even, as printf rounds */
    rest = num & (((u128)1 << s) - 1);
    half = (u128)1 << (s - 1);
    if (rest > half || (rest == half && (q & 1) != 0))
        q++;
    if (q == hi17) {
        q = lo17;
        x++;
    }
    /* "%g" writes an exponent below 1e-4 and from 1e17 */
    if (x < -4 || x > 16)
        return FALSE;

    for (int i = 16; i >= 0; i--) {
        digits[i] = (char)('0' + q % 10);
        q /= 10;
    }
    /* "%g" drops trailing zeros, and the point when nothing follows it */
    for (nd = 17; digits[nd - 1] == '0'; nd--)
        ;

    if ((bits >> 63) != 0)
        *p++ = '-';
    if (x >= 0) {
        memcpy(p, digits, (gsize)x + 1);
        p += x + 1;
        if (nd > x + 1) {
            *p++ = '.';
            memcpy(p, digits + x + 1, (gsize)(nd - x - 1));
            p += nd - x - 1;
        }
    } else {
        *p++ = '0';
        *p++ = '.';
        for (int i = -1; i > x; i--)
            *p++ = '0';
        memcpy(p, digits, (gsize)nd);
        p += nd;
    }
    *p = '\0';
    *len = (gsize)(p - buf);
    return TRUE;
}
#endif

gsize
xcvr_dtoa(char buf[XCVR_DTOA_BUF_SIZE], double v)
{
#ifdef __SIZEOF_INT128__
    gsize len;

    if (dtoa_fixed(buf, &len, v))
        return len;
#endif
    g_ascii_dtostr(buf, XCVR_DTOA_BUF_SIZE, v);
    return strlen(buf);
}
