/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-dtoa-test.c: xcvr_dtoa() writes exactly what g_ascii_dtostr() ("%.17g", the C
 * library's exact conversion) writes: chosen values, both neighbours of every power of ten
 * where the form changes, exact halfway cases (round half to even), and millions of random
 * doubles of every scale a module reports and beyond, where the fallback must take over.
 */
#include "xcvr-test-util.h"

#include <math.h>
#include <string.h>

#include "core/xcvr-dtoa-private.h"

static void
check(double v)
{
    char want[G_ASCII_DTOSTR_BUF_SIZE];
    char got[XCVR_DTOA_BUF_SIZE];
    gsize len;

    g_ascii_dtostr(want, sizeof(want), v);
    memset(got, 'X', sizeof(got));
    len = xcvr_dtoa(got, v);
    if (strcmp(got, want) != 0 || len != strlen(want))
        fail_msg("%a: \"%s\" (length %zu), want \"%s\"", v, got, len, want);
}

static void
check_both_signs(double v)
{
    check(v);
    check(-v);
}

static void
test_chosen(void **state)
{
    static const double values[] = {
        0.0, 1.0, 0.1, 0.597, 36.12890625, -40.0, 3.3, 0.0001, 0.00001, 6.1035156250000000e-05,
        6.1035156249999993e-05, 65535.0, 6.5535, 1e15, 1125899906842623.75, 1125899906842624.0,
        123456789012345.67, 1e16, 9.9999999999999998e16, 1e17, 5e-324, 2.2250738585072014e-308,
        1.7976931348623157e308, 0.30000000000000004, 2.675, 1.005, 1e-4 * 3, 25.5 / 256,
    };

    (void)state;
    for (gsize i = 0; i < G_N_ELEMENTS(values); i++)
        check_both_signs(values[i]);
    check(-0.0);
    check(INFINITY);
    check(-INFINITY);
    check(NAN);
}

/* Where "%g" changes form (1e-4 and 1e17) and where the digit count moves (every power). */
static void
test_powers_of_ten(void **state)
{
    (void)state;
    for (int e = -8; e <= 18; e++) {
        double p = pow(10.0, e);
        double v = p;

        for (int i = 0; i < 4; i++)
            v = nextafter(v, 0.0);
        for (int i = 0; i < 9; i++) {
            check_both_signs(v);
            v = nextafter(v, INFINITY);
        }
        check_both_signs(p * 0.5);
        check_both_signs(p * 9.5);
    }
}

/* Exact ties at the seventeenth significant digit, which printf rounds to the even
 * neighbour: for a value of decimal exponent x, odd / 2^(17 - x) times 10^(16 - x) is
 * odd * 5^(16 - x) / 2, always something and a half. */
static void
test_ties(void **state)
{
    g_autoptr(GRand) rand = g_rand_new_with_seed(17);

    (void)state;
    for (int x = -4; x <= 15; x++) {
        int t = 17 - x;
        double lo = ceil(ldexp(pow(10.0, x), t));
        double hi = MIN(ldexp(pow(10.0, x + 1), t), 9007199254740992.0);

        for (int i = 0; i < 5000; i++) {
            guint64 odd = (guint64)(lo + g_rand_double(rand) * (hi - lo)) | 1;

            if ((double)odd >= hi)
                continue;
            check_both_signs(ldexp((double)odd, -t));
        }
    }
    check(100000000000000.125);
    check(100000000000000.375);
}

/* Random doubles: any mantissa at binary exponents from well below the fast range to well
 * above it, and the shapes module values take (n / 256, n / 10^k, n * 0.0001). */
static void
test_random(void **state)
{
    g_autoptr(GRand) rand = g_rand_new_with_seed(53);

    (void)state;
    for (int i = 0; i < 1000000; i++) {
        guint64 m = ((guint64)g_rand_int(rand) << 32 | g_rand_int(rand)) & ((1ULL << 53) - 1);
        int e = g_rand_int_range(rand, -75, 66);

        check_both_signs(ldexp((double)(m | (1ULL << 52)), e - 52));
    }
    for (int i = 0; i < 200000; i++) {
        gint32 n = g_rand_int_range(rand, -32768, 65536);

        check(n / 256.0);
        check(n * 0.0001);
        check(n / 10.0);
        check(n / 1000.0);
        check(n * 0.002);
        check(10.0 * log10(((guint32)n & 0xffff) * 0.0001));
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chosen),
        cmocka_unit_test(test_powers_of_ten),
        cmocka_unit_test(test_ties),
        cmocka_unit_test(test_random),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
