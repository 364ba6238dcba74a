/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-bad-input-test.c: bad bytes get a clear GError or a flagged result, never a crash:
 * every length 0-512, empty cages, dead reads, random bytes, wrong families.
 */
#include "xcvr-test-util.h"

#include <string.h>

#include <xcvrmap/xcvrmap.h>

#define DOM_IMAGE "sff8472/oem-sfp-10g-t8-10gbase-t-as-sr-dom.bin"

/* Renders with every renderer; both must succeed on anything that decoded. */
static void
render_all(const XcvrModule *m)
{
    g_autoptr(GString) text = g_string_new(NULL);
    g_autoptr(GString) xml = g_string_new(NULL);
    g_autofree char *json = NULL;

    assert_true(xcvr_render_text(m, text, NULL));
    assert_true(xcvr_render_xml(m, xml, NULL));
    assert_true(g_str_has_suffix(xml->str, "</module>\n"));
    json = xcvr_render_json(m, FALSE, NULL);
    assert_non_null(json);
    assert_true(json[0] == '{');
}

static void
test_every_length(void **state)
{
    g_autoptr(GBytes) b = xcvr_test_load(DOM_IMAGE);
    gsize full = 0;
    const guint8 *img = g_bytes_get_data(b, &full);
    gsize len;

    for (len = 0; len <= full; len++) {
        g_autoptr(GError) error = NULL;
        /* a fresh copy of exactly @len bytes, so ASan sees any over-read */
        g_autofree guint8 *copy = g_memdup(img, (guint)len);
        g_autoptr(XcvrModule) m = xcvr_module_decode(len > 0 ? copy : (const guint8 *)"", len,
                                                     XCVR_FAMILY_UNKNOWN, XCVR_DECODE_NONE,
                                                     &error);

        if (len < 96) {
            assert_null(m);
            assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_TRUNCATED));
            assert_true(strlen(error->message) > 20);
            continue;
        }
        assert_non_null(m);
        render_all(m);
        if (len > 256 && len < 512) {
            /* the missing part of A2h is said, and strict mode refuses */
            g_autoptr(GError) strict_error = NULL;
            g_autoptr(XcvrModule) strict = xcvr_module_decode(copy, len, XCVR_FAMILY_UNKNOWN,
                                                              XCVR_DECODE_STRICT, &strict_error);
            g_autofree char *json = xcvr_render_json(m, FALSE, NULL);

            assert_non_null(strstr(json, "diagnostics not decoded"));
            assert_null(strict);
            assert_true(g_error_matches(strict_error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA));
        }
    }
}

static void
test_empty_cage(void **state)
{
    guint8 ff[600];
    gsize len;

    memset(ff, 0xff, sizeof(ff));
    for (len = 1; len <= sizeof(ff); len += 37) {
        g_autoptr(GError) error = NULL;
        g_autoptr(XcvrModule) m = xcvr_module_decode(ff, len, XCVR_FAMILY_UNKNOWN, 0, &error);

        assert_null(m);
        assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_NO_MODULE));
        assert_non_null(strstr(error->message, "0xff"));
    }
}

static void
test_all_zero(void **state)
{
    guint8 zero[512] = { 0 };
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrModule) m = xcvr_module_decode(zero, sizeof(zero), XCVR_FAMILY_UNKNOWN, 0,
                                                 &error);

    assert_null(m);
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA));
    assert_non_null(strstr(error->message, "0x00"));
}

/* CMIS identifiers decode as CMIS; a paged module whose pages are missing says so. */
static void
test_cmis_missing_pages(void **state)
{
    static const guint8 ids[] = { 0x18, 0x19, 0x1b, 0x1e };
    guint i;

    for (i = 0; i < G_N_ELEMENTS(ids); i++) {
        guint8 img[256] = { ids[i], 0x40, 0x00 /* paged */, 0x07 };
        g_autoptr(GError) error = NULL;
        g_autoptr(XcvrModule) m = xcvr_module_decode(img, sizeof(img), XCVR_FAMILY_UNKNOWN, 0,
                                                     &error);
        g_autofree char *json = NULL;

        assert_non_null(m);
        assert_int_equal(xcvr_module_get_family(m), XCVR_FAMILY_CMIS);
        render_all(m);
        json = xcvr_render_json(m, FALSE, NULL);
        assert_non_null(strstr(json, "page 01h was not read"));
        assert_non_null(strstr(json, "page 11h of bank 0 was not read"));
    }
}

/* Every length of a CMIS image, and segment maps that do not add up. */
static void
test_cmis_every_length(void **state)
{
    g_autoptr(GBytes) b = xcvr_test_load("cmis/amphenol-ndyyyf-0001-qsfpdd-400g-cr8-dac.bin");
    gsize full = 0;
    const guint8 *img = g_bytes_get_data(b, &full);
    guint8 big[1200];
    gsize len;

    memset(big, 0xa5, sizeof(big));
    memcpy(big, img, full);
    big[2] = 0x00; /* paged: the pages after 00h come from the filler */
    for (len = 1; len <= sizeof(big); len += 7) {
        g_autoptr(GError) error = NULL;
        g_autofree guint8 *copy = g_memdup(big, (guint)len);
        g_autoptr(XcvrModule) m = xcvr_module_decode(copy, len, XCVR_FAMILY_CMIS, 0, &error);

        if (len < 128) {
            assert_null(m);
            assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_TRUNCATED));
            continue;
        }
        assert_non_null(m);
        render_all(m);
    }
    {
        static const char *const bad[] = { "lower@0", "x@0+128", "11h@0+300", "b:11h@0+1",
                                           "lower@a+1", "lower@0+0" };
        guint i;

        for (i = 0; i < G_N_ELEMENTS(bad); i++) {
            g_autoptr(GError) error = NULL;
            g_autoptr(XcvrPageMap) map = xcvr_page_map_new_from_image(img, full, bad[i], NULL,
                                                                      &error);

            assert_null(map);
            assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_INVALID_ARGUMENT));
        }
    }
}

static void
test_non_sfp_identifier_is_flagged(void **state)
{
    guint8 img[256] = { 0x06 /* XFP */, 0x04, 0x07 };
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrModule) m = xcvr_module_decode(img, sizeof(img), XCVR_FAMILY_UNKNOWN, 0,
                                                 &error);
    g_autofree char *json = NULL;

    assert_non_null(m);
    json = xcvr_render_json(m, FALSE, NULL);
    assert_non_null(strstr(json, "not an SFP-class module"));
}

/* Every length of a QSFP image: an error below the lower page, a flagged result above. */
static void
test_qsfp_every_length(void **state)
{
    g_autoptr(GBytes) b = xcvr_test_load("sff8636/finisar-ftlc9551repm-qsfp28-100g-sr4.bin");
    gsize full = 0;
    const guint8 *img = g_bytes_get_data(b, &full);
    guint8 big[700];
    gsize len;

    memset(big, 0x5a, sizeof(big));
    memcpy(big, img, full);
    for (len = 1; len <= sizeof(big); len++) {
        g_autoptr(GError) error = NULL;
        g_autofree guint8 *copy = g_memdup(big, (guint)len);
        g_autoptr(XcvrModule) m = xcvr_module_decode(copy, len, XCVR_FAMILY_SFF8636, 0, &error);

        if (len < 128) {
            assert_null(m);
            assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_TRUNCATED));
            continue;
        }
        assert_non_null(m);
        render_all(m);
        if (len != 256 && len != 384 && len != 640) {
            g_autofree char *json = xcvr_render_json(m, FALSE, NULL);

            assert_non_null(strstr(json, "\"warnings\":[\""));
        }
    }
}

static void
test_random_bytes(void **state)
{
    g_autoptr(GRand) rand = g_rand_new_with_seed(0x5ff8472);
    guint round;

    for (round = 0; round < 3000; round++) {
        gsize len = (gsize)g_rand_int_range(rand, 0, 700);
        g_autofree guint8 *buf = g_malloc(len + 1);
        g_autoptr(GError) error = NULL;
        g_autoptr(XcvrModule) m = NULL;
        gsize i;

        for (i = 0; i < len; i++)
            buf[i] = (guint8)g_rand_int(rand);
        /* a third of the rounds look like an SFP, to get deep into the decoder */
        if (len > 0 && round % 3 == 0)
            buf[0] = 0x03;
        if (len > 0 && round % 3 == 1)
            buf[0] = round % 2 == 0 ? 0x11 : 0x18;
        m = xcvr_module_decode(buf, len, XCVR_FAMILY_UNKNOWN, 0, &error);
        if (m == NULL) {
            assert_non_null(error);
            assert_true(error->domain == XCVR_ERROR);
            assert_true(error->message[0] != '\0');
        } else {
            assert_null(error);
            render_all(m);
        }
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_length),
        cmocka_unit_test(test_empty_cage),
        cmocka_unit_test(test_all_zero),
        cmocka_unit_test(test_cmis_missing_pages),
        cmocka_unit_test(test_cmis_every_length),
        cmocka_unit_test(test_non_sfp_identifier_is_flagged),
        cmocka_unit_test(test_qsfp_every_length),
        cmocka_unit_test(test_random_bytes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
