/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xcvr-page-map-test.c: the page map never hands out a byte that was not read. */
#include "xcvr-test-util.h"

#include "sff/xcvr-page-map.h"

static void
test_bounds(void **state)
{
    g_autoptr(XcvrPageMap) map = xcvr_page_map_new();
    guint8 lower[128];
    guint8 upper[40];
    guint16 u16 = 0;
    guint8 u8 = 0;
    guint i;

    for (i = 0; i < sizeof(lower); i++)
        lower[i] = (guint8)i;
    for (i = 0; i < sizeof(upper); i++)
        upper[i] = (guint8)(0x80 + i);
    xcvr_page_map_add(map, XCVR_I2C_A0, 0, 0, 0, lower, sizeof(lower));
    xcvr_page_map_add(map, XCVR_I2C_A0, 0, 0, 128, upper, sizeof(upper));

    assert_non_null(xcvr_page_map_get(map, XCVR_I2C_A0, 0, 0, 0, 128));
    assert_null(xcvr_page_map_get(map, XCVR_I2C_A0, 0, 0, 120, 16)); /* crosses 128 */
    assert_non_null(xcvr_page_map_get(map, XCVR_I2C_A0, 0, 0, 128, 40));
    assert_null(xcvr_page_map_get(map, XCVR_I2C_A0, 0, 0, 128, 41)); /* partial page */
    assert_null(xcvr_page_map_get(map, XCVR_I2C_A0, 0, 0, 255, 2));
    assert_null(xcvr_page_map_get(map, XCVR_I2C_A0, 0, 0, 0, 0));
    assert_null(xcvr_page_map_get(map, XCVR_I2C_A2, 0, 0, 0, 1));  /* never read */
    assert_null(xcvr_page_map_get(map, XCVR_I2C_A0, 0, 3, 128, 1)); /* other page */
    /* the lower page is the same whatever page is selected */
    assert_non_null(xcvr_page_map_get(map, XCVR_I2C_A0, 0, 3, 5, 1));

    assert_true(xcvr_page_map_get_u16be(map, XCVR_I2C_A0, 0, 10, &u16));
    assert_int_equal(u16, 0x0a0b);
    assert_true(xcvr_page_map_get_u8(map, XCVR_I2C_A0, 0, 129, &u8));
    assert_int_equal(u8, 0x81);
    u8 = 7;
    assert_false(xcvr_page_map_get_u8(map, XCVR_I2C_A0, 0, 200, &u8));
    assert_int_equal(u8, 7); /* untouched on failure */
    assert_int_equal(xcvr_page_map_valid(map, XCVR_I2C_A0, 0, 0, 128), 40);
}

static void
test_float_and_sum(void **state)
{
    g_autoptr(XcvrPageMap) map = xcvr_page_map_new();
    /* 1.5f big-endian is 3f c0 00 00 */
    guint8 page[128] = { 0x3f, 0xc0, 0x00, 0x00, 0xff, 0x02 };
    guint8 sum = 0;
    float f = 0;

    xcvr_page_map_add(map, XCVR_I2C_A2, 0, 0, 0, page, sizeof(page));
    assert_true(xcvr_page_map_get_f32be(map, XCVR_I2C_A2, 0, 0, &f));
    assert_true(f == 1.5f);
    assert_true(xcvr_page_map_sum(map, XCVR_I2C_A2, 0, 0, 5, &sum));
    assert_int_equal(sum, (0x3f + 0xc0 + 0xff + 0x02) & 0xff);
    assert_false(xcvr_page_map_sum(map, XCVR_I2C_A2, 0, 5, 4, &sum));
    assert_false(xcvr_page_map_sum(map, XCVR_I2C_A2, 0, 100, 130, &sum));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_float_and_sum),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
