/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-plan-test.c: decoders ask only for the pages they decode: a plan → read → plan loop
 * over a simulated module reads the expected pages, never one twice, and decodes to the
 * same module as the flat image.
 */
#include "xcvr-test-util.h"

#include <string.h>

#include <xcvrmap/xcvrmap.h>

/* Serves reads from an image laid out as the corpus stores it. */
typedef struct {
    const guint8 *img;
    gsize len;
    XcvrFamily family;
} FakeModule;

static gboolean
fake_read(const FakeModule *m, const XcvrPageRequest *r, const guint8 **ret_data)
{
    gsize at;

    if (m->family == XCVR_FAMILY_SFF8472)
        at = (r->i2c == 0x51 ? 256 : 0) + r->offset;
    else if (r->offset == 0)
        at = 0;
    else if (r->page == 0)
        at = 128;
    else if (r->page == 3 && m->len >= 640)
        at = 512;
    else
        return FALSE; /* the module has no such page */
    if (at + r->length > m->len)
        return FALSE;
    *ret_data = m->img + at;
    return TRUE;
}

/* Runs the loop; returns the module and how many reads it took. */
static XcvrModule *
read_and_decode(const FakeModule *m, guint *ret_reads)
{
    g_autoptr(XcvrPageMap) map = xcvr_page_map_new();
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GError) error = NULL;
    guint reads = 0;
    guint round;

    for (round = 0; round < 16; round++) {
        g_autoptr(GArray) reqs = g_array_new(FALSE, FALSE, sizeof(XcvrPageRequest));
        guint added = 0;
        guint i;

        xcvr_module_plan(map, XCVR_FAMILY_UNKNOWN, reqs);
        for (i = 0; i < reqs->len; i++) {
            const XcvrPageRequest *r = &g_array_index(reqs, XcvrPageRequest, i);
            g_autofree char *key = g_strdup_printf("%x/%x/%x/%x", r->i2c, r->bank, r->page,
                                                   r->offset);
            const guint8 *data = NULL;

            assert_true(r->length > 0 && r->offset + r->length <= (r->offset < 128 ? 128 : 256));
            if (g_hash_table_contains(seen, key))
                continue; /* asked again for a page that could not be read */
            g_hash_table_add(seen, g_steal_pointer(&key));
            reads++;
            if (fake_read(m, r, &data)) {
                xcvr_page_map_add(map, r->i2c, r->bank, r->page, r->offset, data, r->length);
                added++;
            }
        }
        if (added == 0)
            break;
    }
    assert_true(round < 16);
    *ret_reads = reads;
    {
        XcvrModule *mod = xcvr_module_decode_map(map, XCVR_FAMILY_UNKNOWN, 0, &error);

        if (mod == NULL)
            fail_msg("decode_map: %s", error->message);
        return mod;
    }
}

static char *
text_of(const XcvrModule *m)
{
    GString *out = g_string_new(NULL);

    assert_true(xcvr_render_text(m, out, NULL));
    return g_string_free(out, FALSE);
}

static void
check_family(const char *family, XcvrFamily fam)
{
    g_autoptr(GPtrArray) names = xcvr_test_list(family);
    guint i;

    for (i = 0; i < names->len; i++) {
        g_autoptr(GBytes) b = xcvr_test_load(names->pdata[i]);
        FakeModule m = { .family = fam };
        g_autoptr(XcvrModule) flat = NULL;
        g_autoptr(XcvrModule) paged = NULL;
        g_autofree char *flat_text = NULL;
        g_autofree char *paged_text = NULL;
        guint reads = 0;

        m.img = g_bytes_get_data(b, &m.len);
        flat = xcvr_module_decode(m.img, m.len, XCVR_FAMILY_UNKNOWN, 0, NULL);
        if (flat == NULL || xcvr_module_get_family(flat) != fam || m.len < 256 ||
            (m.len > 256 && m.len < 512))
            continue; /* partial or broken images: covered elsewhere */
        paged = read_and_decode(&m, &reads);
        flat_text = text_of(flat);
        paged_text = text_of(paged);
        if (strcmp(flat_text, paged_text) != 0)
            fail_msg("%s: decoding the pages read differs from the flat image",
                     (char *)names->pdata[i]);
        if (fam == XCVR_FAMILY_SFF8472) {
            /* A0h's lower half, and A2h's lower half only with diagnostics (byte 92) */
            assert_int_equal(reads, (m.img[92] & 0x40) != 0 ? 2 : 1);
        } else {
            /* lower, 00h, and 03h unless flat memory (byte 2 bit 2) */
            assert_int_equal(reads, (m.img[2] & 0x04) != 0 ? 2 : 3);
        }
    }
}

static void
test_sff8472(void **state)
{
    check_family("sff8472", XCVR_FAMILY_SFF8472);
}

static void
test_sff8636(void **state)
{
    check_family("sff8636", XCVR_FAMILY_SFF8636);
}

/* Runs plan rounds against a CMIS module held as pages; returns the reads, in order. */
static GPtrArray *
cmis_reads(gboolean flat, guint8 bank_code)
{
    g_autoptr(XcvrPageMap) map = xcvr_page_map_new();
    GPtrArray *reads = g_ptr_array_new_with_free_func(g_free);
    guint8 page[128];
    guint round;

    for (round = 0; round < 8; round++) {
        g_autoptr(GArray) reqs = g_array_new(FALSE, FALSE, sizeof(XcvrPageRequest));
        guint i;

        xcvr_module_plan(map, XCVR_FAMILY_UNKNOWN, reqs);
        if (reqs->len == 0)
            break;
        for (i = 0; i < reqs->len; i++) {
            const XcvrPageRequest *r = &g_array_index(reqs, XcvrPageRequest, i);

            memset(page, 0, sizeof(page));
            if (r->offset == 0) {
                page[0] = 0x18;           /* QSFP-DD */
                page[2] = flat ? 0x80 : 0; /* memory model */
            } else if (r->page == 1) {
                page[142 - 128] = bank_code;
            }
            g_ptr_array_add(reads, g_strdup_printf("%u:%02xh@%u", r->bank, r->page, r->offset));
            xcvr_page_map_add(map, r->i2c, r->bank, r->page, r->offset, page, r->length);
        }
    }
    assert_true(round < 8);
    return reads;
}

static void
test_cmis(void **state)
{
    g_autoptr(GPtrArray) flat = cmis_reads(TRUE, 0);
    g_autoptr(GPtrArray) two = cmis_reads(FALSE, 1);
    g_autoptr(GPtrArray) four = cmis_reads(FALSE, 2);
    guint i;

    assert_int_equal(flat->len, 2); /* lower, page 00h */
    assert_string_equal(flat->pdata[1], "0:00h@128");
    /* lower, 00h, 01h, 02h, then 11h of banks 0 and 1, then their 10h */
    assert_int_equal(two->len, 8);
    assert_string_equal(two->pdata[4], "0:11h@128");
    assert_string_equal(two->pdata[5], "1:11h@128");
    assert_string_equal(two->pdata[6], "0:10h@128");
    assert_string_equal(two->pdata[7], "1:10h@128");
    assert_int_equal(four->len, 12);
    for (i = 0; i < four->len; i++) {
        guint j;

        for (j = i + 1; j < four->len; j++)
            assert_string_not_equal(four->pdata[i], four->pdata[j]); /* never twice */
    }
}

static void
test_empty_cage_stops(void **state)
{
    g_autoptr(XcvrPageMap) map = xcvr_page_map_new();
    g_autoptr(GArray) reqs = g_array_new(FALSE, FALSE, sizeof(XcvrPageRequest));
    guint8 ff[128];
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrModule) m = NULL;

    memset(ff, 0xff, sizeof(ff));
    xcvr_page_map_add(map, 0x50, 0, 0, 0, ff, sizeof(ff));
    xcvr_module_plan(map, XCVR_FAMILY_UNKNOWN, reqs);
    assert_int_equal(reqs->len, 0);
    m = xcvr_module_decode_map(map, XCVR_FAMILY_UNKNOWN, 0, &error);
    assert_null(m);
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_NO_MODULE));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sff8472),
        cmocka_unit_test(test_sff8636),
        cmocka_unit_test(test_cmis),
        cmocka_unit_test(test_empty_cage_stops),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
