/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-sff8636-test.c: SFF-8636 (QSFP+/QSFP28) decoding facts on hand-built images: identity
 * and compliance codes, per-lane monitors and flags, page 03h thresholds, flat memory against
 * paged memory (decode and page plan), checksums, and truncated or corrupt input.
 * Byte offsets are SFF-8636 Rev 2.10a Table 6-2 (lower page), 6-15 (page 00h), 6-43 (03h).
 */
#include "xcvr-test-model.h"

#include <string.h>

/* The ioctl layout ethtool uses: lower page, upper pages 00h, 01h, 02h, 03h. */
#define IMG_LEN 640
#define P00 128 /* where page 00h's byte 128 sits in the image */
#define P03 512 /* where page 03h's byte 128 sits */

static void
ascii(guint8 *img, guint at, guint len, const char *s)
{
    memset(img + at, ' ', len);
    memcpy(img + at, s, strlen(s));
}

static void
fix_checksums(guint8 *img)
{
    img[P00 + 63] = xcvr_test_sum(img, P00, P00 + 62);      /* CC_BASE: 128-190 at 191 */
    img[P00 + 95] = xcvr_test_sum(img, P00 + 64, P00 + 94); /* CC_EXT: 192-222 at 223 */
}

/* A paged QSFP28 100G-SR4 optic with live monitors, some flags raised and thresholds. */
static void
build_qsfp28(guint8 *img)
{
    guint lane;

    memset(img, 0, IMG_LEN);
    img[0] = 0x11;                       /* QSFP28 (SFF-8024 Table 4-1) */
    img[1] = 0x07;                       /* SFF-8636 Rev 2.5/2.6/2.7 */
    img[2] = 0x00;                       /* paged, data ready */
    img[3] = 0x21;                       /* Rx LOS lane 1, Tx LOS lane 2 (Table 6-4) */
    img[4] = 0x04;                       /* Tx fault lane 3 */
    img[6] = 0x80;                       /* temperature high alarm (Table 6-7) */
    img[7] = 0x10;                       /* Vcc low warning */
    img[9] = 0x08;                       /* Rx power high alarm, lane 2 (low nibble) */
    img[12] = 0x40;                      /* Tx bias low alarm, lane 3 (high nibble) */
    xcvr_test_put_u16(img + 22, 0x1980); /* 25.5 degrees C */
    xcvr_test_put_u16(img + 26, 33000);  /* 3.3 V in 100 uV */
    for (lane = 0; lane < 4; lane++) {
        xcvr_test_put_u16(img + 34 + 2 * lane, 5000 + 1000 * lane); /* Rx 0.5, 0.6 … mW */
        xcvr_test_put_u16(img + 42 + 2 * lane, 1000 * (lane + 1));  /* bias 2, 4, 6, 8 mA */
        xcvr_test_put_u16(img + 50 + 2 * lane, 7000 + 100 * lane);  /* Tx 0.70, 0.71 … mW */
    }
    img[86] = 0x02; /* Tx disable on lane 2 (Table 6-9) */

    img[P00 + 0] = 0x11;  /* page 00h identifier */
    img[P00 + 1] = 0x00;  /* ext. identifier: power class 1 */
    img[P00 + 2] = 0x0c;  /* MPO 1x12 (SFF-8024 Table 4-3) */
    img[P00 + 3] = 0x80;  /* 10/40G compliance: extended (see byte 192) */
    img[P00 + 11] = 0x06; /* encoding: 64B/66B (SFF-8024 Table 4-2) */
    img[P00 + 12] = 0xff; /* BR nominal: see byte 222 */
    img[P00 + 15] = 70;   /* OM3: 70 x 2 m */
    img[P00 + 19] = 0x00; /* 850 nm VCSEL (Table 6-19): optical */
    ascii(img, P00 + 20, 16, "ACME OPTICS");
    img[P00 + 37] = 0x00;
    img[P00 + 38] = 0x90;
    img[P00 + 39] = 0x65; /* OUI 00:90:65 */
    ascii(img, P00 + 40, 16, "QSFP-100G-SR4");
    ascii(img, P00 + 56, 2, "A1");
    xcvr_test_put_u16(img + P00 + 58, 17000); /* 850 nm in 0.05 nm */
    xcvr_test_put_u16(img + P00 + 60, 200);   /* +/- 10 nm in 0.005 nm */
    img[P00 + 64] = 0x02;                     /* extended compliance: 100GBASE-SR4 (Table 4-4) */
    ascii(img, P00 + 68, 16, "SN0123456789");
    ascii(img, P00 + 84, 8, "240115");
    img[P00 + 92] = 0x0c; /* diagnostics: Rx power is average power, Tx power measured */
    img[P00 + 94] = 103;  /* extended BR: 103 x 250 MBd */

    /* page 03h thresholds (Table 6-43) */
    xcvr_test_put_u16(img + P03 + 0, 75 * 256); /* temperature high alarm 75 C */
    xcvr_test_put_u16(img + P03 + 18, 29700);   /* Vcc low alarm 2.97 V */
    xcvr_test_put_u16(img + P03 + 48, 20000);   /* Rx power high alarm 2.0 mW */
    xcvr_test_put_u16(img + P03 + 56, 7500);    /* bias high alarm 15 mA */
    xcvr_test_put_u16(img + P03 + 64, 12589);   /* Tx power high alarm 1.2589 mW */
    fix_checksums(img);
}

static void
test_identity(void **state)
{
    guint8 img[IMG_LEN];
    g_autoptr(XcvrModule) m = NULL;
    g_autoptr(GPtrArray) types = NULL;

    build_qsfp28(img);
    m = xcvr_test_decode(img, sizeof(img), XCVR_DECODE_NONE);
    assert_int_equal(xcvr_module_get_family(m), XCVR_FAMILY_SFF8636);
    assert_int_equal(xcvr_test_raw(m, "identifier", 0), 0x11);
    assert_non_null(strstr(xcvr_module_get_string(m, "identifier"), "QSFP28"));
    assert_int_equal(xcvr_test_raw(m, "connector", 0), 0x0c);
    assert_non_null(strstr(xcvr_module_get_string(m, "connector"), "MPO"));
    assert_int_equal(xcvr_test_raw(m, "encoding", 0), 0x06);
    assert_string_equal(xcvr_module_get_string(m, "vendor_name"), "ACME OPTICS");
    assert_string_equal(xcvr_module_get_string(m, "vendor_pn"), "QSFP-100G-SR4");
    assert_string_equal(xcvr_module_get_string(m, "vendor_rev"), "A1");
    assert_string_equal(xcvr_module_get_string(m, "vendor_sn"), "SN0123456789");
    assert_string_equal(xcvr_module_get_string(m, "vendor_oui"), "00:90:65");
    assert_true(xcvr_test_number(m, "br_nominal", "MBd") == 103 * 250);
    assert_true(xcvr_test_number(m, "length_om3", "m") == 140);
    assert_true(fabs(xcvr_test_number(m, "laser_wavelength", "nm") - 850.0) < 1e-9);
    assert_true(fabs(xcvr_test_number(m, "laser_wavelength_tolerance", "nm") - 1.0) < 1e-9);
    /* the extended compliance code names the PMD */
    types = xcvr_module_get_items(m, "transceiver_type");
    assert_true(types->len >= 1);
    {
        g_autofree char *all = NULL;

        g_ptr_array_add(types, NULL);
        all = g_strjoinv("|", (char **)types->pdata);
        assert_non_null(strstr(all, "100G"));
        assert_non_null(strstr(all, "SR4"));
    }
}

static void
test_monitors(void **state)
{
    guint8 img[IMG_LEN];
    g_autoptr(XcvrModule) m = NULL;
    g_autoptr(GArray) bias = NULL;
    g_autoptr(GArray) rx = NULL;
    g_autoptr(GArray) tx = NULL;
    const char *unit = NULL;
    guint lane;

    build_qsfp28(img);
    m = xcvr_test_decode(img, sizeof(img), XCVR_DECODE_NONE);
    assert_true(fabs(xcvr_test_number(m, "module_temperature", "degrees C") - 25.5) < 1e-9);
    assert_true(fabs(xcvr_test_number(m, "module_voltage", "V") - 3.3) < 1e-9);
    bias = xcvr_module_get_lane_numbers(m, "laser_bias_current", &unit);
    assert_string_equal(unit, "mA");
    rx = xcvr_module_get_lane_numbers(m, "rx_power", &unit);
    assert_string_equal(unit, "mW");
    tx = xcvr_module_get_lane_numbers(m, "laser_output_power", NULL);
    assert_int_equal(bias->len, 4);
    assert_int_equal(rx->len, 4);
    assert_int_equal(tx->len, 4);
    for (lane = 0; lane < 4; lane++) {
        assert_true(fabs(g_array_index(bias, double, lane) - 2.0 * (lane + 1)) < 1e-9);
        assert_true(fabs(g_array_index(rx, double, lane) - (0.5 + 0.1 * lane)) < 1e-9);
        assert_true(fabs(g_array_index(tx, double, lane) - (0.70 + 0.01 * lane)) < 1e-9);
    }
    /* byte 220 bit 3 says average power: the OMA form is not decoded */
    assert_int_equal(xcvr_test_count(m, "rx_power"), 4);
}

/* Values of @key that JSON and XML carry, and those the ethtool-identical text prints. */
static guint
count_json(const XcvrModule *m, const char *key)
{
    guint i, n = 0;

    for (i = 0; i < m->n_values; i++) {
        const XcvrValue *v = &m->values[i];

        n += strcmp(v->desc->key, key) == 0 && !v->text_only;
    }
    return n;
}

static guint
count_text(const XcvrModule *m, const char *key)
{
    guint i, n = 0;

    for (i = 0; i < m->n_values; i++) {
        const XcvrValue *v = &m->values[i];

        n += strcmp(v->desc->key, key) == 0 && v->in_text;
    }
    return n;
}

/* A temperature of 0 is what ethtool takes for "no monitors" (no bit says so): its text drops
 * the lane monitors and the flag summary. JSON and XML keep every reading the module has, and
 * say the temperature is suspect. */
static void
test_no_monitors(void **state)
{
    guint8 img[IMG_LEN];
    g_autoptr(XcvrModule) m = NULL;
    g_autoptr(GArray) bias = NULL;

    build_qsfp28(img);
    img[22] = img[23] = 0;
    m = xcvr_test_decode(img, sizeof(img), XCVR_DECODE_NONE);
    assert_int_equal(count_text(m, "laser_bias_current"), 0);
    assert_int_equal(count_text(m, "rx_power"), 0);
    assert_int_equal(count_text(m, "alarm_warning_flags_implemented"), 0);
    assert_int_equal(count_text(m, "laser_output_power_high_alarm_threshold"), 0);
    assert_int_equal(count_json(m, "laser_bias_current"), 4);
    assert_int_equal(count_json(m, "rx_power"), 4);
    assert_int_equal(count_json(m, "laser_output_power"), 4);
    assert_int_equal(count_json(m, "laser_output_power_high_alarm_threshold"), 1);
    assert_int_equal(count_json(m, "laser_tx_power_high_alarm"), 4);
    bias = xcvr_module_get_lane_numbers(m, "laser_bias_current", NULL);
    assert_int_equal(bias->len, 4);
    assert_int_equal(xcvr_test_raw(m, "temperature_reading_suspect", 0), 1);
    assert_true(xcvr_test_number(m, "module_temperature", "degrees C") == 0.0);
    assert_true(fabs(xcvr_test_number(m, "module_voltage", "V") - 3.3) < 1e-9);
    assert_string_equal(xcvr_module_get_string(m, "vendor_pn"), "QSFP-100G-SR4");
}

/* Byte 220 bit 2 clear: Tx power is not measured. ethtool's text still prints the register
 * (0.0 mW on every lane); JSON and XML have no Tx power monitor, threshold or flag at all. */
static void
test_tx_power_not_advertised(void **state)
{
    guint8 img[IMG_LEN];
    g_autoptr(XcvrModule) m = NULL;
    g_autoptr(GArray) tx = NULL;

    build_qsfp28(img);
    img[P00 + 92] = 0x08;
    fix_checksums(img);
    m = xcvr_test_decode(img, sizeof(img), XCVR_DECODE_NONE);
    assert_int_equal(count_text(m, "laser_output_power"), 4);
    assert_int_equal(count_json(m, "laser_output_power"), 0);
    assert_int_equal(count_text(m, "laser_output_power_low_warning_threshold"), 1);
    assert_int_equal(count_json(m, "laser_output_power_low_warning_threshold"), 0);
    assert_int_equal(count_json(m, "laser_tx_power_low_alarm"), 0);
    tx = xcvr_module_get_lane_numbers(m, "laser_output_power", NULL);
    assert_int_equal(tx->len, 0);
    assert_int_equal(count_json(m, "laser_bias_current"), 4);
    assert_int_equal(xcvr_test_raw(m, "temperature_reading_suspect", 0), 0);
}

/* Power classes (Table 6-16) and their enables (byte 93). */
static void
test_power_class(void **state)
{
    static const struct {
        guint8 ext;
        guint cls;
    } cases[] = { { 0x00, 1 }, { 0xc0, 4 }, { 0xc1, 5 }, { 0xc3, 7 }, { 0xe3, 8 }, { 0x20, 8 } };
    guint i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        guint8 img[IMG_LEN];
        g_autoptr(XcvrModule) m = NULL;

        build_qsfp28(img);
        img[P00 + 1] = cases[i].ext;
        img[93] = 0x0c;
        img[107] = 120;
        fix_checksums(img);
        m = xcvr_test_decode(img, sizeof(img), XCVR_DECODE_NONE);
        assert_int_equal(xcvr_test_raw(m, "power_class", 0), cases[i].cls);
        assert_int_equal(xcvr_test_raw(m, "high_power_class_enable", 0), 1);
        assert_int_equal(xcvr_test_raw(m, "power_class_8_enable", 0), 1);
        if ((cases[i].ext & 0x20) != 0)
            assert_true(fabs(xcvr_test_number(m, "max_power_class_8", "W") - 12.0) < 1e-9);
        else
            assert_int_equal(count_json(m, "max_power_class_8"), 0);
    }
}

/* Byte 220 bit 3 clear: the receiver reports OMA, under its own label, same key. */
static void
test_rx_oma(void **state)
{
    guint8 img[IMG_LEN];
    g_autoptr(XcvrModule) m = NULL;
    const XcvrValue *v;

    build_qsfp28(img);
    img[P00 + 92] = 0x00;
    fix_checksums(img);
    m = xcvr_test_decode(img, sizeof(img), XCVR_DECODE_NONE);
    assert_int_equal(xcvr_test_count(m, "rx_power"), 4);
    v = xcvr_test_value(m, "rx_power", 3);
    assert_non_null(v);
    assert_non_null(strstr(v->desc->label, "OMA"));
    assert_true(fabs(v->number - 0.7) < 1e-9);
}

static void
test_flags(void **state)
{
    guint8 img[IMG_LEN];
    g_autoptr(XcvrModule) m = NULL;
    g_autoptr(GPtrArray) alarms = NULL;
    g_autoptr(GPtrArray) warnings = NULL;

    build_qsfp28(img);
    m = xcvr_test_decode(img, sizeof(img), XCVR_DECODE_NONE);
    /* lane bit lists: lane 1 is the lowest bit */
    assert_int_equal(xcvr_test_raw(m, "rx_los", 0), 0x1);
    assert_int_equal(xcvr_test_raw(m, "tx_los", 0), 0x2);
    assert_int_equal(xcvr_test_raw(m, "tx_fault", 0), 0x4);
    assert_int_equal(xcvr_test_raw(m, "tx_disable", 0), 0x2);
    assert_int_equal(xcvr_test_raw(m, "rx_cdr_lol", 0), 0x0);
    /* two lanes to a byte: lane 1 in the high nibble, lane 2 in the low one */
    assert_int_equal(xcvr_test_raw(m, "laser_rx_power_high_alarm", 1), 0);
    assert_int_equal(xcvr_test_raw(m, "laser_rx_power_high_alarm", 2), 1);
    assert_int_equal(xcvr_test_raw(m, "laser_bias_current_low_alarm", 3), 1);
    assert_int_equal(xcvr_test_raw(m, "laser_bias_current_low_alarm", 4), 0);

    alarms = xcvr_module_get_raised_flags(m, "_alarm");
    assert_int_equal(alarms->len, 3);
    assert_true(xcvr_test_has_string(alarms, "module_temperature_high_alarm"));
    assert_true(xcvr_test_has_string(alarms, "laser_rx_power_high_alarm lane 2"));
    assert_true(xcvr_test_has_string(alarms, "laser_bias_current_low_alarm lane 3"));
    warnings = xcvr_module_get_raised_flags(m, "_warning");
    assert_int_equal(warnings->len, 1);
    assert_true(xcvr_test_has_string(warnings, "module_voltage_low_warning"));
}

static void
test_thresholds(void **state)
{
    guint8 img[IMG_LEN];
    g_autoptr(XcvrModule) m = NULL;

    build_qsfp28(img);
    m = xcvr_test_decode(img, sizeof(img), XCVR_DECODE_NONE);
    assert_int_equal(xcvr_test_raw(m, "alarm_warning_flags_implemented", 0), 1);
    assert_true(fabs(xcvr_test_number(m, "module_temperature_high_alarm_threshold", "degrees C") -
                     75.0) < 1e-9);
    assert_true(fabs(xcvr_test_number(m, "module_voltage_low_alarm_threshold", "V") - 2.97) < 1e-9);
    assert_true(fabs(xcvr_test_number(m, "laser_rx_power_high_alarm_threshold", "mW") - 2.0) <
                1e-9);
    assert_true(fabs(xcvr_test_number(m, "laser_bias_current_high_alarm_threshold", "mA") - 15.0) <
                1e-9);
    assert_true(
        fabs(xcvr_test_number(m, "laser_output_power_high_alarm_threshold", "mW") - 1.2589) < 1e-9);
}

/* The corpus's layout: lower, 00h, 03h (384 bytes) carries the same thresholds. */
static void
test_thresholds_384(void **state)
{
    guint8 img[IMG_LEN];
    guint8 small[384];
    g_autoptr(XcvrModule) m = NULL;

    build_qsfp28(img);
    memcpy(small, img, 256);
    memcpy(small + 256, img + P03, 128);
    m = xcvr_test_decode(small, sizeof(small), XCVR_DECODE_NONE);
    assert_true(fabs(xcvr_test_number(m, "module_temperature_high_alarm_threshold", "degrees C") -
                     75.0) < 1e-9);
    assert_true(xcvr_module_n_warnings(m) == 0);
}

/* Without page 03h (a 256-byte image) no thresholds and no alarm flags are claimed. */
static void
test_no_page03(void **state)
{
    guint8 img[IMG_LEN];
    g_autoptr(XcvrModule) m = NULL;
    g_autoptr(GPtrArray) alarms = NULL;
    double v;

    build_qsfp28(img);
    m = xcvr_test_decode(img, 256, XCVR_DECODE_NONE);
    assert_int_equal(xcvr_test_raw(m, "alarm_warning_flags_implemented", 0), 0);
    assert_false(xcvr_module_get_number(m, "module_temperature_high_alarm_threshold", &v, NULL));
    alarms = xcvr_module_get_raised_flags(m, "_alarm");
    assert_int_equal(alarms->len, 0);
    /* the monitors live in the lower page and stay */
    assert_true(fabs(xcvr_test_number(m, "module_temperature", "degrees C") - 25.5) < 1e-9);
}

/* Flat memory (byte 2 bit 2) has no page 03h, whatever bytes follow page 00h. */
static void
test_flat_memory(void **state)
{
    guint8 img[IMG_LEN];
    g_autoptr(XcvrModule) m = NULL;
    double v;

    build_qsfp28(img);
    img[2] = 0x04;
    m = xcvr_test_decode(img, sizeof(img), XCVR_DECODE_NONE);
    assert_int_equal(xcvr_test_raw(m, "flat_memory", 0), 1);
    assert_false(xcvr_module_get_number(m, "module_temperature_high_alarm_threshold", &v, NULL));
    assert_int_equal(xcvr_test_raw(m, "alarm_warning_flags_implemented", 0), 0);
}

static GArray *
plan(const guint8 *img, gsize lower_len, gboolean with_page00)
{
    g_autoptr(XcvrPageMap) map = xcvr_page_map_new();
    GArray *reqs = g_array_new(FALSE, FALSE, sizeof(XcvrPageRequest));

    xcvr_page_map_add(map, XCVR_I2C_A0, 0, 0, 0, img, (guint)lower_len);
    if (with_page00)
        xcvr_page_map_add(map, XCVR_I2C_A0, 0, 0, 128, img + P00, 128);
    xcvr_module_plan(map, XCVR_FAMILY_UNKNOWN, reqs);
    return reqs;
}

static void
assert_request(const GArray *reqs, guint i, guint8 page)
{
    const XcvrPageRequest *r = &g_array_index(reqs, XcvrPageRequest, i);

    assert_int_equal(r->i2c, XCVR_I2C_A0);
    assert_int_equal(r->bank, 0);
    assert_int_equal(r->page, page);
    assert_int_equal(r->offset, 128);
    assert_int_equal(r->length, 128);
}

/* Paged: page 00h and page 03h; flat: page 00h only; nothing held is asked for again. */
static void
test_plan(void **state)
{
    guint8 img[IMG_LEN];
    g_autoptr(GArray) paged = NULL;
    g_autoptr(GArray) flat = NULL;
    g_autoptr(GArray) rest = NULL;
    g_autoptr(GArray) empty = g_array_new(FALSE, FALSE, sizeof(XcvrPageRequest));
    g_autoptr(XcvrPageMap) map = xcvr_page_map_new();

    build_qsfp28(img);
    paged = plan(img, 128, FALSE);
    assert_int_equal(paged->len, 2);
    assert_request(paged, 0, 0x00);
    assert_request(paged, 1, 0x03);
    rest = plan(img, 128, TRUE);
    assert_int_equal(rest->len, 1);
    assert_request(rest, 0, 0x03);

    img[2] = 0x04;
    flat = plan(img, 128, FALSE);
    assert_int_equal(flat->len, 1);
    assert_request(flat, 0, 0x00);

    /* nothing read yet: the lower page first */
    xcvr_module_plan(map, XCVR_FAMILY_UNKNOWN, empty);
    assert_int_equal(empty->len, 1);
    assert_int_equal(g_array_index(empty, XcvrPageRequest, 0).offset, 0);
}

static void
test_checksums(void **state)
{
    guint8 img[IMG_LEN];
    g_autoptr(XcvrModule) good = NULL;
    g_autoptr(XcvrModule) bad = NULL;
    const XcvrChecksum *ck;
    guint n = 0;

    build_qsfp28(img);
    good = xcvr_test_decode(img, sizeof(img), XCVR_DECODE_NONE);
    ck = xcvr_module_get_checksums(good, &n);
    assert_int_equal(n, 2);
    assert_string_equal(ck[0].key, "cc_base");
    assert_string_equal(ck[1].key, "cc_ext");
    assert_int_equal(ck[0].status, XCVR_CHECKSUM_OK);
    assert_int_equal(ck[1].status, XCVR_CHECKSUM_OK);
    assert_true(xcvr_module_checksums_ok(good));

    /* a vendor-name byte flipped after the sum was taken */
    img[P00 + 20] ^= 0x01;
    bad = xcvr_test_decode(img, sizeof(img), XCVR_DECODE_NONE);
    ck = xcvr_module_get_checksums(bad, &n);
    assert_int_equal(ck[0].status, XCVR_CHECKSUM_BAD);
    assert_int_equal(ck[0].stored, img[P00 + 63]);
    assert_int_equal(ck[0].computed, (guint8)(img[P00 + 63] - 1)); /* 'A' 0x41 became 0x40 */
    assert_int_equal(ck[1].status, XCVR_CHECKSUM_OK);
    assert_false(xcvr_module_checksums_ok(bad));
    assert_true(xcvr_test_has_warning(bad, "cc_base checksum mismatch"));
    /* still decoded, as read */
    assert_string_equal(xcvr_module_get_string(bad, "vendor_name"), "@CME OPTICS");
    xcvr_test_decode_fails(img, sizeof(img), XCVR_DECODE_STRICT, XCVR_ERROR_CHECKSUM);
}

static void
test_truncated(void **state)
{
    guint8 img[IMG_LEN];
    g_autoptr(XcvrModule) half = NULL;
    const XcvrChecksum *ck;
    guint n = 0;

    build_qsfp28(img);
    xcvr_test_decode_fails(img, 0, XCVR_DECODE_NONE, XCVR_ERROR_TRUNCATED);
    xcvr_test_decode_fails(img, 100, XCVR_DECODE_NONE, XCVR_ERROR_TRUNCATED);
    /* page 00h cut at byte 200: identity is not decoded and the sums cannot be checked */
    half = xcvr_test_decode(img, 200, XCVR_DECODE_NONE);
    assert_int_equal(xcvr_module_get_family(half), XCVR_FAMILY_SFF8636);
    assert_true(xcvr_test_has_warning(half, "upper page 00h truncated (72 of 128 bytes)"));
    assert_null(xcvr_module_get_string(half, "vendor_sn"));
    ck = xcvr_module_get_checksums(half, &n);
    assert_int_equal(n, 2);
    assert_int_equal(ck[0].status, XCVR_CHECKSUM_OK); /* 128-191 were read */
    assert_int_equal(ck[1].status, XCVR_CHECKSUM_ABSENT);
    /* the lower page's monitors are whole */
    assert_true(fabs(xcvr_test_number(half, "module_temperature", "degrees C") - 25.5) < 1e-9);
    xcvr_test_decode_fails(img, 200, XCVR_DECODE_STRICT, XCVR_ERROR_INVALID_DATA);
}

static void
test_dead_reads(void **state)
{
    guint8 img[IMG_LEN];

    memset(img, 0xff, sizeof(img));
    xcvr_test_decode_fails(img, sizeof(img), XCVR_DECODE_NONE, XCVR_ERROR_NO_MODULE);
    memset(img, 0x00, sizeof(img));
    xcvr_test_decode_fails(img, sizeof(img), XCVR_DECODE_NONE, XCVR_ERROR_INVALID_DATA);
}

/* A lower page whose identifier reads 0 is still a QSFP when page 00h says so; the text
 * form then follows ethtool (identity gated), and a warning says why. */
static void
test_lower_identifier_wrong(void **state)
{
    guint8 img[IMG_LEN];
    g_autoptr(XcvrModule) m = NULL;

    build_qsfp28(img);
    img[0] = 0x00;
    m = xcvr_test_decode(img, sizeof(img), XCVR_DECODE_NONE);
    assert_int_equal(xcvr_module_get_family(m), XCVR_FAMILY_SFF8636);
    assert_true(xcvr_test_has_warning(m, "lower-page identifier 0x00"));
    assert_string_equal(xcvr_module_get_string(m, "vendor_pn"), "QSFP-100G-SR4");
    assert_false(xcvr_test_value(m, "vendor_pn", 0)->in_text);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identity),       cmocka_unit_test(test_monitors),
        cmocka_unit_test(test_no_monitors),
        cmocka_unit_test(test_tx_power_not_advertised),
        cmocka_unit_test(test_power_class),    cmocka_unit_test(test_rx_oma),
        cmocka_unit_test(test_flags),          cmocka_unit_test(test_thresholds),
        cmocka_unit_test(test_thresholds_384), cmocka_unit_test(test_no_page03),
        cmocka_unit_test(test_flat_memory),    cmocka_unit_test(test_plan),
        cmocka_unit_test(test_checksums),      cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_dead_reads),     cmocka_unit_test(test_lower_identifier_wrong),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
