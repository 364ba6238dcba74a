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
    assert_null(xcvr_page_map_get(map, XCVR_I2C_A0, 0, 0, 129, G_MAXUINT)); /* no wrap */
    assert_null(xcvr_page_map_get(map, XCVR_I2C_A0, 0, 0, 256, 1));
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

/* The checksum sum, eight bytes at a time, against a byte-by-byte sum: every range of both
 * halves of pages of random bytes, and of all-0xff (the largest lane sums). */
static void
test_sum_ranges(void **state)
{
    g_autoptr(GRand) rand = g_rand_new_with_seed(8636);
    guint round;

    for (round = 0; round < 4; round++) {
        g_autoptr(XcvrPageMap) map = xcvr_page_map_new();
        guint8 bytes[256];
        guint first, last, i;

        for (i = 0; i < sizeof(bytes); i++)
            bytes[i] = round == 0 ? 0xff : (guint8)g_rand_int_range(rand, 0, 256);
        xcvr_page_map_add(map, XCVR_I2C_A0, 0, 0, 0, bytes, 128);
        xcvr_page_map_add(map, XCVR_I2C_A0, 0, 0, 128, bytes + 128, 128);
        for (first = 0; first < 256; first++) {
            for (last = first; last < 256; last++) {
                guint8 sum = 0;
                guint want = 0;
                gboolean ok = xcvr_page_map_sum(map, XCVR_I2C_A0, 0, first, last, &sum);

                if (first < 128 && last >= 128) {
                    assert_false(ok); /* a range never crosses the halves */
                    continue;
                }
                for (i = first; i <= last; i++)
                    want += bytes[i];
                assert_true(ok);
                assert_int_equal(sum, want & 0xff);
            }
        }
    }
}

/* Bytes past a short read read as 0 until read (the cache compares them when it patches). */
static void
test_short_read_tail(void **state)
{
    g_autoptr(XcvrPageMap) map = xcvr_page_map_new();
    g_autoptr(XcvrPageMap) copy = NULL;
    guint8 half[128];
    XcvrHalfPage *h;
    guint i;

    memset(half, 0xa5, sizeof(half));
    xcvr_page_map_add(map, XCVR_I2C_A0, 0, 3, 128, half, 20);
    h = xcvr_page_map_find(map, XCVR_I2C_A0, 0, 3, 128);
    assert_non_null(h);
    assert_int_equal(h->valid, 20);
    for (i = 0; i < 20; i++)
        assert_int_equal(h->data[i], 0xa5);
    for (i = 20; i < sizeof(half); i++)
        assert_int_equal(h->data[i], 0);
    copy = xcvr_page_map_copy(map);
    h = xcvr_page_map_find(copy, XCVR_I2C_A0, 0, 3, 128);
    assert_non_null(h);
    assert_int_equal(h->valid, 20);
    assert_int_equal(h->data[127], 0);
    assert_null(xcvr_page_map_get(copy, XCVR_I2C_A0, 0, 3, 148, 1));
    assert_non_null(xcvr_page_map_get(copy, XCVR_I2C_A0, 0, 3, 147, 1));
}

/* A plan's requests: the first few held inline, then moved to the heap, kept in order. */
static void
test_requests(void **state)
{
    g_auto(XcvrPageRequests) requests = { 0 };
    g_auto(XcvrPageRequests) untouched = { 0 };
    g_auto(XcvrPageRequests) zeroed = { 0 };
    XcvrPageRequest first = { XCVR_I2C_A2, 0, 0, 0, XCVR_HALF_PAGE };
    guint i;

    /* a zeroed list is empty: added to as it is, and cleared (untouched) without a fault */
    xcvr_page_requests_add(&zeroed, &first);
    assert_int_equal(zeroed.n, 1);
    assert_ptr_equal(zeroed.reqs, zeroed.inline_reqs);
    assert_int_equal(zeroed.reqs[0].i2c, XCVR_I2C_A2);
    assert_null(untouched.reqs);

    xcvr_page_requests_init(&requests);
    for (i = 0; i < 100; i++) {
        XcvrPageRequest r = { XCVR_I2C_A0, (guint8)(i / 10), (guint8)i, 128, XCVR_HALF_PAGE };

        xcvr_page_requests_add(&requests, &r);
        assert_int_equal(requests.n, i + 1);
        assert_true(requests.n <= requests.cap);
        assert_true((requests.reqs == requests.inline_reqs) == (i < XCVR_PAGE_REQUESTS_INLINE));
    }
    for (i = 0; i < 100; i++) {
        assert_int_equal(requests.reqs[i].page, i);
        assert_int_equal(requests.reqs[i].bank, i / 10);
    }
    xcvr_page_requests_clear(&requests);
    assert_int_equal(requests.n, 0);
    assert_ptr_equal(requests.reqs, requests.inline_reqs);
}

/* The byte every half of test_many holds: which half it is. */
static guint8
many_tag(guint8 i2c, guint8 bank, guint8 page, guint offset)
{
    return (guint8)(i2c * 7 + bank * 31 + page * 3 + (offset != 0 ? 1 : 0));
}

static void
many_check(const XcvrPageMap *map, guint n_banks)
{
    static const guint8 addrs[] = { XCVR_I2C_A0, XCVR_I2C_A2, 0x56 };
    guint a, bank, page;

    for (a = 0; a < G_N_ELEMENTS(addrs); a++) {
        for (bank = 0; bank < n_banks; bank++) {
            for (page = 0; page < 256; page++) {
                const guint8 *lo = xcvr_page_map_get(map, addrs[a], (guint8)bank, (guint8)page, 5, 1);
                const guint8 *up =
                    xcvr_page_map_get(map, addrs[a], (guint8)bank, (guint8)page, 133, 1);

                /* the lower half is one per address, whatever bank and page */
                assert_non_null(lo);
                assert_int_equal(lo[0], many_tag(addrs[a], 0, 0, 0));
                if (page % 5 == 0) {
                    assert_non_null(up);
                    assert_int_equal(up[0], many_tag(addrs[a], (guint8)bank, (guint8)page, 128));
                } else {
                    assert_null(up);
                }
            }
        }
    }
}

/* Hundreds of halves, indexed (bank 0, pages below 32, A0h/A2h) and searched, added while the
 * storage grows and moves: every lookup still finds its own half, in the map and a copy. */
static void
test_many(void **state)
{
    static const guint8 addrs[] = { XCVR_I2C_A0, XCVR_I2C_A2, 0x56 };
    g_autoptr(XcvrPageMap) map = xcvr_page_map_new();
    g_autoptr(XcvrPageMap) copy = NULL;
    guint8 half[128];
    guint a, bank, page;

    for (a = 0; a < G_N_ELEMENTS(addrs); a++) {
        memset(half, many_tag(addrs[a], 0, 0, 0), sizeof(half));
        xcvr_page_map_add(map, addrs[a], 0, 0, 0, half, sizeof(half));
        for (bank = 0; bank < 3; bank++) {
            for (page = 0; page < 256; page += 5) {
                memset(half, many_tag(addrs[a], (guint8)bank, (guint8)page, 128), sizeof(half));
                xcvr_page_map_add(map, addrs[a], (guint8)bank, (guint8)page, 128, half,
                                  sizeof(half));
            }
        }
    }
    many_check(map, 3);
    copy = xcvr_page_map_copy(map);
    g_clear_pointer(&map, xcvr_page_map_free);
    many_check(copy, 3);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_float_and_sum),
        cmocka_unit_test(test_many),
        cmocka_unit_test(test_sum_ranges),
        cmocka_unit_test(test_short_read_tail),
        cmocka_unit_test(test_requests),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
