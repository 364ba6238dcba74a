/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xcvr-sff8472-test.c: SFF-8472 decoding facts on real images and hand-built ones. */
#include "xcvr-test-model.h"

#include <string.h>

#define DOM_IMAGE "sff8472/oem-sfp-10g-t8-10gbase-t-as-sr-dom.bin"
#define BAD_BASE_IMAGE "sff8472/broken-cc-base-oem-sfp-10g-sr-it-dom.bin"

static XcvrModule *
decode_file(const char *rel)
{
    g_autoptr(GBytes) b = xcvr_test_load(rel);
    gsize len = 0;
    const guint8 *p = g_bytes_get_data(b, &len);

    return xcvr_test_decode(p, len, XCVR_DECODE_NONE);
}

static void
test_corpus_identity(void **state)
{
    g_autoptr(XcvrModule) m = decode_file("sff8472/finisar-ftlx8571d3bcl-sfpp-10g-sr.bin");

    assert_int_equal(xcvr_module_get_family(m), XCVR_FAMILY_SFF8472);
    assert_string_equal(xcvr_module_get_string(m, "vendor_name"), "FINISAR CORP.");
    assert_string_equal(xcvr_module_get_string(m, "vendor_pn"), "FTLX8571D3BCL");
    assert_string_equal(xcvr_module_get_string(m, "connector"), "LC");
    assert_true(xcvr_test_number(m, "laser_wavelength", "nm") == 850);
    assert_true(xcvr_test_number(m, "br_nominal", "MBd") == 10300);
    assert_true(xcvr_module_checksums_ok(m));
    assert_null(xcvr_module_get_string(m, "no_such_key"));
    /* A0h only: no diagnostics fields at all */
    {
        double v;
        assert_false(xcvr_module_get_number(m, "module_temperature", &v, NULL));
    }
}

static void
test_every_corpus_image_decodes(void **state)
{
    g_autoptr(GPtrArray) names = xcvr_test_list("sff8472");
    guint i;

    for (i = 0; i < names->len; i++) {
        g_autoptr(XcvrModule) m = decode_file(names->pdata[i]);
        guint n = 0;
        const XcvrChecksum *ck = xcvr_module_get_checksums(m, &n);
        gboolean broken = strstr(names->pdata[i], "/broken-") != NULL;

        assert_true(n >= 2);
        assert_string_equal(ck[0].key, "cc_base");
        /* only the images published as broken have a bad checksum */
        assert_int_equal(xcvr_module_checksums_ok(m), !broken);
    }
}

static void
test_dom_values(void **state)
{
    g_autoptr(XcvrModule) m = decode_file(BAD_BASE_IMAGE);
    guint n = 0;
    const XcvrChecksum *ck = xcvr_module_get_checksums(m, &n);

    assert_int_equal(n, 3);
    assert_int_equal(ck[0].status, XCVR_CHECKSUM_BAD);
    assert_int_equal(ck[0].stored, 0x24);
    assert_int_equal(ck[0].computed, 0xc7);
    assert_int_equal(ck[1].status, XCVR_CHECKSUM_OK);
    assert_string_equal(ck[2].key, "cc_dmi");
    assert_int_equal(ck[2].status, XCVR_CHECKSUM_OK);
    /* values ethtool prints for this image: 44.35 C, 3.3034 V, 10.126 mA, 0.5970 mW */
    assert_true(fabs(xcvr_test_number(m, "module_temperature", "degrees C") - 44.35) < 0.01);
    assert_true(fabs(xcvr_test_number(m, "module_voltage", "V") - 3.3034) < 0.00005);
    assert_true(fabs(xcvr_test_number(m, "laser_bias_current", "mA") - 10.126) < 0.001);
    assert_true(fabs(xcvr_test_number(m, "laser_output_power", "mW") - 0.5970) < 0.00005);
    assert_true(fabs(xcvr_test_number(m, "module_temperature_low_alarm_threshold", "degrees C") +
                     5.0) < 0.001);
}

static void
test_strict(void **state)
{
    g_autoptr(GBytes) b = xcvr_test_load(BAD_BASE_IMAGE);
    g_autoptr(GError) error = NULL;
    gsize len = 0;
    const guint8 *p = g_bytes_get_data(b, &len);
    g_autoptr(XcvrModule) m = xcvr_module_decode(p, len, XCVR_FAMILY_UNKNOWN,
                                                 XCVR_DECODE_STRICT, &error);

    assert_null(m);
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_CHECKSUM));
    assert_non_null(strstr(error->message, "cc_base"));
}

/* A copy of the DOM image that tests may edit; checksums fixed afterwards. */
static guint8 *
dom_image(gsize *ret_len)
{
    g_autoptr(GBytes) b = xcvr_test_load(DOM_IMAGE);
    gsize len = 0;
    const guint8 *p = g_bytes_get_data(b, &len);

    assert_int_equal(len, 512);
    *ret_len = len;
    return g_memdup(p, (guint)len);
}

static void
put_f32(guint8 *p, float f)
{
    guint32 bits;

    memcpy(&bits, &f, sizeof(bits));
    p[0] = (guint8)(bits >> 24);
    p[1] = (guint8)(bits >> 16);
    p[2] = (guint8)(bits >> 8);
    p[3] = (guint8)bits;
}

static void
test_external_calibration(void **state)
{
    gsize len = 0;
    g_autofree guint8 *img = dom_image(&len);
    guint8 *a2 = img + 256;
    g_autoptr(XcvrModule) m = NULL;

    img[92] = 0x58; /* DOM, externally calibrated, average RX power */
    xcvr_test_put_u16(a2 + 96, 0x1000);  /* temperature 16.0 C raw */
    xcvr_test_put_u16(a2 + 84, 0x0200);  /* temperature slope 2.0 */
    xcvr_test_put_u16(a2 + 86, 0xff00);  /* temperature offset -256 (= -1.0 C) */
    xcvr_test_put_u16(a2 + 100, 1000);   /* bias raw 2.000 mA */
    xcvr_test_put_u16(a2 + 76, 0x0180);  /* bias slope 1.5 */
    xcvr_test_put_u16(a2 + 78, 100);     /* bias offset +100 (0.2 mA) */
    xcvr_test_put_u16(a2 + 104, 100);    /* rx raw */
    put_f32(a2 + 72, 5.0f);    /* RX_PWR(0) */
    put_f32(a2 + 68, 0.5f);    /* RX_PWR(1) */
    put_f32(a2 + 64, 0.015625f); /* RX_PWR(2) = 2^-6: the square term ethtool 6.1 gets wrong */
    put_f32(a2 + 60, 0.0f);
    put_f32(a2 + 56, 0.0f);
    xcvr_test_fix_checksums(img, len);
    m = xcvr_test_decode(img, len, XCVR_DECODE_STRICT);

    assert_true(fabs(xcvr_test_number(m, "module_temperature", "degrees C") - 31.0) < 1e-9);
    assert_true(fabs(xcvr_test_number(m, "laser_bias_current", "mA") - 3.2) < 1e-9);
    /* 5 + 0.5*100 + 2^-6*100^2 = 211.25, truncated: 211 units of 0.1 uW */
    assert_true(fabs(xcvr_test_number(m, "rx_power", "mW") - 0.0211) < 1e-9);
}

static void
test_cable_and_br_forms(void **state)
{
    gsize len = 0;
    g_autofree guint8 *img = dom_image(&len);
    g_autoptr(XcvrModule) m = NULL;
    g_autoptr(XcvrModule) m2 = NULL;
    double v;

    img[8] = 0x04;   /* passive cable: byte 60 is a compliance code, not a wavelength */
    img[60] = 0x01;
    img[12] = 0xff;  /* nominal rate in byte 66, 250 MBd units */
    img[66] = 103;
    img[67] = 5;
    xcvr_test_fix_checksums(img, len);
    m = xcvr_test_decode(img, len, XCVR_DECODE_STRICT);
    assert_false(xcvr_module_get_number(m, "laser_wavelength", &v, NULL));
    assert_string_equal(xcvr_module_get_string(m, "passive_cu_compliance"),
                        "SFF-8431 appendix E");
    assert_true(xcvr_test_number(m, "br_nominal", "MBd") == 25750);
    assert_true(xcvr_test_number(m, "br_margin_max", "%") == 5);
    assert_true(xcvr_test_number(m, "br_margin_min", "%") == 5);

    img[8] = 0x08;   /* active cable */
    img[60] = 0x04;
    img[12] = 0;     /* unspecified rate: margins are meaningless, reported as 0 */
    xcvr_test_fix_checksums(img, len);
    m2 = xcvr_test_decode(img, len, XCVR_DECODE_STRICT);
    assert_string_equal(xcvr_module_get_string(m2, "active_cu_compliance"), "SFF-8431 limiting");
    assert_true(xcvr_test_number(m2, "br_nominal", "MBd") == 0);
    assert_true(xcvr_test_number(m2, "br_margin_max", "%") == 0);
}

static void
test_dom_not_implemented(void **state)
{
    gsize len = 0;
    g_autofree guint8 *img = dom_image(&len);
    g_autoptr(XcvrModule) m = NULL;
    g_autoptr(GString) text = g_string_new(NULL);
    double v;

    img[92] &= (guint8)~0x40;
    xcvr_test_fix_checksums(img, len);
    m = xcvr_test_decode(img, len, XCVR_DECODE_STRICT);
    assert_false(xcvr_module_get_number(m, "module_temperature", &v, NULL));
    assert_true(xcvr_render_text(m, text, NULL));
    assert_non_null(strstr(text->str, "Optical diagnostics support               : No\n"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_identity),
        cmocka_unit_test(test_every_corpus_image_decodes),
        cmocka_unit_test(test_dom_values),
        cmocka_unit_test(test_strict),
        cmocka_unit_test(test_external_calibration),
        cmocka_unit_test(test_cable_and_br_forms),
        cmocka_unit_test(test_dom_not_implemented),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
