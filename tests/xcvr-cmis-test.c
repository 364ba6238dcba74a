/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-cmis-test.c: CMIS decoding facts on hand-built images: identity, module state and
 * flags, application descriptors, page 01h advertisement (bias multiplier, monitors,
 * banks), page 02h thresholds, page 11h lane monitors, flags and data-path states of every
 * bank, flat memory against paged memory (decode and page plan), the page 00h checksum,
 * and truncated or corrupt input.
 * Byte offsets are CMIS Rev 5.2 Tables 8-4 (lower memory), 8-28 to 8-32 (page 00h), 8-37 to
 * 8-45 (01h), 8-62 (02h), 8-77 to 8-88 (11h).
 */
#include "xcvr-test-model.h"

#include <string.h>

/* The flat image layout without a segment map: lower, 00h, 01h, 02h, then 11h per bank. */
#define P00 128
#define P01 256
#define P02 384
#define P11(bank) (512 + 128 * (bank))
#define IMG_LEN(banks) (512 + 128 * (banks))
#define MAX_LEN IMG_LEN(4)

static void
ascii(guint8 *img, guint at, guint len, const char *s)
{
    memset(img + at, ' ', len);
    memcpy(img + at, s, strlen(s));
}

static void
fix_checksum(guint8 *img)
{
    img[P00 + 94] = xcvr_test_sum(img, P00, P00 + 93); /* 128-221 at 222 */
}

/* Page 11h of @bank: lane L (1-8 of the bank) gets bias 500·L·(bank+1) raw, Tx power
 * 1000·L, Rx power 2000·L; data-path state DPActivated except lane 2 (DPInit). */
static void
build_bank(guint8 *img, guint bank)
{
    guint8 *p = img + P11(bank) - 128; /* so p[offset] is the page's byte */
    guint lane;

    for (lane = 1; lane <= 8; lane++) {
        guint8 state = lane == 2 ? 0x02 : 0x04;
        guint at = 128 + (lane - 1) / 2;

        p[at] |= (lane % 2 == 1) ? state : (guint8)(state << 4);
        xcvr_test_put_u16(p + 154 + 2 * (lane - 1), 1000 * lane);
        xcvr_test_put_u16(p + 170 + 2 * (lane - 1), 500 * lane * (bank + 1));
        xcvr_test_put_u16(p + 186 + 2 * (lane - 1), 2000 * lane);
    }
}

/* A paged QSFP-DD 400G-SR8 with @banks banks of page 11h (1 or 2). */
static gsize
build_qsfpdd(guint8 *img, guint banks)
{
    guint bank;

    memset(img, 0, MAX_LEN);
    img[0] = 0x18;                         /* QSFP-DD (SFF-8024 Table 4-1) */
    img[1] = 0x52;                         /* CMIS 5.2 */
    img[2] = 0x00;                         /* paged */
    img[3] = 0x03 << 1;                    /* ModuleReady (Table 8-7) */
    img[9] = 0x01 | 0x40;                  /* temperature high alarm, Vcc high warning */
    xcvr_test_put_u16(img + 14, 30 * 256); /* 30 C */
    xcvr_test_put_u16(img + 16, 33000);    /* 3.3 V */
    img[39] = 2;
    img[40] = 7;    /* active firmware 2.7 */
    img[85] = 0x01; /* media type: MMF (SFF-8024 Table 4-11) */
    /* application descriptors (Table 8-23): host ID, media ID, lane counts, options */
    img[86] = 0x11;
    img[87] = 0x10;
    img[88] = 0x88;
    img[89] = 0x01;
    img[90] = 0x0d;
    img[91] = 0x0c;
    img[92] = 0x22;
    img[93] = 0x55;
    img[94] = 0xff; /* end of the list */

    img[P00 + 0] = 0x18;
    ascii(img, P00 + 1, 16, "ACME OPTICS");
    img[P00 + 17] = 0x00;
    img[P00 + 18] = 0x90;
    img[P00 + 19] = 0x65;
    ascii(img, P00 + 20, 16, "QDD-400G-SR8");
    ascii(img, P00 + 36, 2, "B0");
    ascii(img, P00 + 38, 16, "SN987654");
    ascii(img, P00 + 54, 8, "250301");
    img[P00 + 72] = 0x05 << 5; /* byte 200: power class 6 */
    img[P00 + 73] = 48;        /* byte 201: 12.00 W */
    img[P00 + 75] = 0x0c;      /* byte 203: MPO 1x12 */
    img[P00 + 84] = 0x00;      /* byte 212: 850 nm VCSEL: optical */

    /* page 01h */
    img[P01 + 0] = 1;
    img[P01 + 1] = 3;                         /* inactive firmware 1.3 */
    xcvr_test_put_u16(img + P01 + 10, 17000); /* 138: 850 nm */
    img[P01 + 14] = banks == 2 ? 0x01 : 0x00; /* 142: banks */
    img[P01 + 23] = 0x10;                     /* 151: Rx power is average */
    img[P01 + 32] = 0x07 | (0x01 << 3);       /* 160: bias, Tx and Rx power monitored; bias x2 */

    /* page 02h thresholds (Table 8-62) */
    xcvr_test_put_u16(img + P02 + 0, 80 * 256); /* temperature high alarm 80 C */
    xcvr_test_put_u16(img + P02 + 10, 29700);   /* Vcc low alarm 2.97 V */
    xcvr_test_put_u16(img + P02 + 56, 5000);    /* bias high alarm 5000 x 2 uA x 2 = 20 mA */
    xcvr_test_put_u16(img + P02 + 64, 15849);   /* Rx power high alarm 1.5849 mW */

    for (bank = 0; bank < banks; bank++)
        build_bank(img, bank);
    /* bank 0 flags: Rx LOS lanes 1 and 8, Tx fault lane 3, Tx power high alarm lane 3 */
    img[P11(0) - 128 + 147] = 0x81;
    img[P11(0) - 128 + 135] = 0x04;
    img[P11(0) - 128 + 139] = 0x04;
    if (banks == 2)
        img[P11(1) - 128 + 147] = 0x02; /* bank 1: Rx LOS on its lane 2, module lane 10 */
    fix_checksum(img);
    return IMG_LEN(banks);
}

static void
test_identity(void **state)
{
    guint8 img[MAX_LEN];
    gsize len = build_qsfpdd(img, 1);
    g_autoptr(XcvrModule) m = xcvr_test_decode(img, len, XCVR_DECODE_NONE);
    guint n = 0;
    const XcvrChecksum *ck = xcvr_module_get_checksums(m, &n);

    assert_int_equal(xcvr_module_get_family(m), XCVR_FAMILY_CMIS);
    assert_int_equal(xcvr_test_raw(m, "identifier", 0), 0x18);
    assert_non_null(strstr(xcvr_module_get_string(m, "identifier"), "QSFP-DD"));
    assert_string_equal(xcvr_module_get_string(m, "vendor_name"), "ACME OPTICS");
    assert_string_equal(xcvr_module_get_string(m, "vendor_pn"), "QDD-400G-SR8");
    assert_string_equal(xcvr_module_get_string(m, "vendor_rev"), "B0");
    assert_string_equal(xcvr_module_get_string(m, "vendor_sn"), "SN987654");
    assert_string_equal(xcvr_module_get_string(m, "vendor_oui"), "00:90:65");
    assert_string_equal(xcvr_module_get_string(m, "revision_compliance"), "Rev. 5.2");
    assert_string_equal(xcvr_module_get_string(m, "active_firmware_version"), "2.7");
    assert_string_equal(xcvr_module_get_string(m, "inactive_firmware_version"), "1.3");
    assert_non_null(strstr(xcvr_module_get_string(m, "connector"), "MPO"));
    assert_true(xcvr_test_number(m, "power_class", NULL) == 6);
    assert_true(xcvr_test_number(m, "max_power", "W") == 12.0);
    assert_true(fabs(xcvr_test_number(m, "laser_wavelength", "nm") - 850.0) < 1e-9);
    assert_int_equal(xcvr_test_raw(m, "media_type", 0), 0x01);
    assert_string_equal(xcvr_module_get_string(m, "module_state"), "ModuleReady");
    assert_int_equal(n, 1);
    assert_string_equal(ck[0].key, "cc_page00");
    assert_int_equal(ck[0].status, XCVR_CHECKSUM_OK);
    assert_int_equal(xcvr_module_n_warnings(m), 0);
}

static void
test_applications(void **state)
{
    guint8 img[MAX_LEN];
    gsize len = build_qsfpdd(img, 1);
    g_autoptr(XcvrModule) m = xcvr_test_decode(img, len, XCVR_DECODE_NONE);
    g_autoptr(GPtrArray) apps = xcvr_module_get_items(m, "applications");

    /* the 0xFF host ID ends the list after two */
    assert_int_equal(apps->len, 2);
    assert_string_equal(apps->pdata[0],
                        "1: 400GAUI-8 C2M (Annex 120E) (0x11) / 400GBASE-SR8 (Clause 138) "
                        "(0x10); host lanes 8, media lanes 8, host lane options 0x01, "
                        "media lane options 0x00");
    assert_string_equal(apps->pdata[1],
                        "2: 100GAUI-2 C2M (Annex 135G) (0x0d) / 100GBASE-SR2 (Clause 138) "
                        "(0x0c); host lanes 2, media lanes 2, host lane options 0x55, "
                        "media lane options 0x00");
}

/* What the module runs now and what it advertises about itself: the Active Control Set's
 * application per host lane, configuration and output status per lane (page 11h), hardware
 * revision, state durations, VDM and CDB support and media lane options (page 01h). */
static void
test_active_state(void **state)
{
    guint8 img[MAX_LEN];
    gsize len = build_qsfpdd(img, 2);
    guint8 *p11b1 = img + P11(1) - 128;
    g_autoptr(XcvrModule) m = NULL;
    g_autoptr(GPtrArray) apps = NULL;
    guint lane;

    for (lane = 0; lane < 8; lane++) {
        img[P11(0) + 206 - 128 + lane] = lane < 4 ? 0x12 : 0x23; /* ApSel 1, then 2 */
        p11b1[206 + lane] = 0x00;                               /* bank 1 unused */
    }
    img[P11(0) + 202 - 128] = 0xc1;  /* lane 1 ConfigSuccess, lane 2 ConfigInProgress */
    img[P11(0) + 203 - 128] = 0x53;  /* lane 3 InvalidAppSel, lane 4 InvalidSI */
    p11b1[205] = 0xe0;               /* lane 16: custom */
    img[P11(0) + 132 - 128] = 0x0f;  /* Rx output valid on lanes 1-4 */
    img[P11(0) + 133 - 128] = 0xf0;  /* Tx output valid on lanes 5-8 */
    img[P01 + 130 - 128] = 2;
    img[P01 + 131 - 128] = 11;       /* hardware revision 2.11 */
    img[P01 + 144 - 128] = 0x25;     /* DPDeinit 5 ms-10 ms (2), DPInit 100-500 ms (5) */
    img[P01 + 167 - 128] = 0xd0;     /* ModulePwrDn >= 50 min, ModulePwrUp < 1 ms */
    img[P01 + 168 - 128] = 0x3e;     /* DPTxTurnOff 10-50 ms, DPTxTurnOn reserved */
    img[P01 + 142 - 128] |= 0x40;    /* VDM pages */
    img[P01 + 163 - 128] = 0x80;     /* two CDB instances */
    img[P01 + 177 - 128] = 0x55;     /* application 2 starts on media lanes 1, 3, 5, 7 */
    m = xcvr_test_decode(img, len, XCVR_DECODE_NONE);

    assert_int_equal(xcvr_test_raw(m, "active_application", 1), 1);
    assert_int_equal(xcvr_test_raw(m, "active_application", 4), 1);
    assert_int_equal(xcvr_test_raw(m, "active_application", 5), 2);
    assert_int_equal(xcvr_test_raw(m, "active_application", 9), 0);
    assert_int_equal(xcvr_test_count(m, "active_application"), 16);
    assert_string_equal(xcvr_test_value(m, "config_status", 1)->text, "ConfigSuccess");
    assert_string_equal(xcvr_test_value(m, "config_status", 2)->text, "ConfigInProgress");
    assert_string_equal(xcvr_test_value(m, "config_status", 3)->text,
                        "ConfigRejectedInvalidAppSel");
    assert_string_equal(xcvr_test_value(m, "config_status", 4)->text,
                        "ConfigRejectedInvalidSI");
    assert_string_equal(xcvr_test_value(m, "config_status", 16)->text, "custom");
    assert_int_equal(xcvr_test_raw(m, "rx_output_status", 0) & 0xff, 0x0f);
    assert_int_equal(xcvr_test_raw(m, "tx_output_status", 0) & 0xff, 0xf0);
    assert_string_equal(xcvr_module_get_string(m, "hardware_revision"), "2.11");
    assert_string_equal(xcvr_module_get_string(m, "dp_init_max_duration"), "100 ms to 500 ms");
    assert_string_equal(xcvr_module_get_string(m, "dp_deinit_max_duration"), "5 ms to 10 ms");
    assert_string_equal(xcvr_module_get_string(m, "module_pwr_up_max_duration"),
                        "less than 1 ms");
    assert_string_equal(xcvr_module_get_string(m, "module_pwr_dn_max_duration"),
                        "50 min or more");
    assert_string_equal(xcvr_module_get_string(m, "dp_tx_turn_on_max_duration"), "reserved");
    assert_string_equal(xcvr_module_get_string(m, "dp_tx_turn_off_max_duration"),
                        "10 ms to 50 ms");
    assert_int_equal(xcvr_test_raw(m, "vdm_supported", 0), 1);
    assert_int_equal(xcvr_test_raw(m, "cdb_instances", 0), 2);
    apps = xcvr_module_get_items(m, "applications");
    assert_int_equal(apps->len, 2);
    assert_non_null(strstr(apps->pdata[1], "media lane options 0x55"));
}

/* Laser temperature is aux monitor 2 or 3, as page 01h byte 145 says, when byte 159
 * advertises that monitor; its thresholds follow it in page 02h. */
static void
test_laser_temperature(void **state)
{
    static const struct {
        guint8 types;
        guint8 mons;
        double expect; /* NAN: absent */
    } cases[] = {
        { 0x00, 0x0b, 45.5 },  /* aux2 = laser temperature, implemented */
        { 0x02, 0x13, -3.25 }, /* aux2 = TEC current, aux3 = laser temperature */
        { 0x00, 0x03, NAN },   /* aux2 not implemented */
        { 0x06, 0x1f, NAN },   /* aux2 TEC current, aux3 Vcc2: no laser temperature */
    };
    guint i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        guint8 img[MAX_LEN];
        gsize len = build_qsfpdd(img, 1);
        g_autoptr(XcvrModule) m = NULL;

        xcvr_test_put_u16(img + 20, (guint16)(45.5 * 256));
        xcvr_test_put_u16(img + 22, (guint16)(gint16)(-3.25 * 256));
        xcvr_test_put_u16(img + P02 + 152 - 128, 80 * 256);
        xcvr_test_put_u16(img + P02 + 160 - 128, 70 * 256);
        img[P01 + 145 - 128] = cases[i].types;
        img[P01 + 159 - 128] = cases[i].mons;
        m = xcvr_test_decode(img, len, XCVR_DECODE_NONE);
        if (isnan(cases[i].expect)) {
            assert_int_equal(xcvr_test_count(m, "laser_temperature"), 0);
            assert_int_equal(xcvr_test_count(m, "laser_temperature_high_alarm_threshold"), 0);
            continue;
        }
        assert_true(fabs(xcvr_test_number(m, "laser_temperature", "degrees C") -
                         cases[i].expect) < 1e-9);
        assert_true(xcvr_test_number(m, "laser_temperature_high_alarm_threshold",
                                     "degrees C") == (cases[i].types == 0 ? 80.0 : 70.0));
    }
}

/* TEC current (aux 1 or 2) and Vcc2 (aux 3) as page 01h bytes 145 and 159 advertise them,
 * with their page 02h thresholds and their lower byte 10-11 flags; absent when not
 * advertised. */
static void
test_aux_monitors(void **state)
{
    static const struct {
        guint8 types;
        guint8 mons;
        double tec;    /* % of max; NAN: absent */
        double vcc2;   /* V; NAN: absent */
        double laser;  /* degrees C; NAN: absent */
    } cases[] = {
        { 0x07, 0x1c, 50.0, 1.2, NAN },     /* aux1 TEC current, aux2 TEC, aux3 Vcc2 */
        { 0x02, 0x18, -25.0, NAN, -3.25 },  /* aux2 TEC current, aux3 laser temperature */
        { 0x01, 0x18, NAN, NAN, 45.5 },     /* aux1 TEC current but not implemented */
        { 0x04, 0x10, NAN, 1.2, NAN },      /* aux3 Vcc2 only */
        { 0x00, 0x04, NAN, NAN, NAN },      /* aux1 custom: nothing standard */
        { 0x07, 0x00, NAN, NAN, NAN },      /* no aux monitor implemented */
    };
    guint i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        guint8 img[MAX_LEN];
        gsize len = build_qsfpdd(img, 1);
        g_autoptr(XcvrModule) m = NULL;

        xcvr_test_put_u16(img + 18, 16384);                        /* 50.0 % (16383.5) */
        xcvr_test_put_u16(img + 20, (guint16)(gint16)-8192);       /* -25.0 % */
        xcvr_test_put_u16(img + 22, 12000);                        /* 1.2 V */
        if ((cases[i].types & 0x04) == 0)
            xcvr_test_put_u16(img + 22, (guint16)(gint16)(-3.25 * 256));
        if ((cases[i].types & 0x02) == 0)
            xcvr_test_put_u16(img + 20, (guint16)(45.5 * 256));
        xcvr_test_put_u16(img + P02 + 144 - 128, 32767);           /* aux1 high alarm */
        xcvr_test_put_u16(img + P02 + 152 - 128, 100);             /* aux2 high alarm */
        xcvr_test_put_u16(img + P02 + 166 - 128, 11000);           /* aux3 low warning */
        img[10] = 0x81;  /* aux1 high alarm, aux2 low warning */
        img[11] = 0x08;  /* aux3 low warning */
        img[P01 + 145 - 128] = cases[i].types;
        img[P01 + 159 - 128] = cases[i].mons;
        m = xcvr_test_decode(img, len, XCVR_DECODE_NONE);
        if (isnan(cases[i].tec)) {
            assert_int_equal(xcvr_test_count(m, "tec_current"), 0);
            assert_int_equal(xcvr_test_count(m, "tec_current_high_alarm_threshold"), 0);
            assert_int_equal(xcvr_test_count(m, "tec_current_high_alarm"), 0);
        } else {
            gboolean aux1 = cases[i].tec > 0;

            assert_true(fabs(xcvr_test_number(m, "tec_current", "%") - cases[i].tec) < 0.01);
            assert_true(fabs(xcvr_test_number(m, "tec_current_high_alarm_threshold", "%") -
                             (aux1 ? 100.0 : 100 * 100.0 / 32767)) < 1e-9);
            assert_int_equal(xcvr_test_raw(m, "tec_current_high_alarm", 0), aux1);
            assert_int_equal(xcvr_test_raw(m, "tec_current_low_warning", 0), !aux1);
        }
        if (isnan(cases[i].vcc2)) {
            assert_int_equal(xcvr_test_count(m, "vcc2_voltage"), 0);
            assert_int_equal(xcvr_test_count(m, "vcc2_voltage_low_warning"), 0);
        } else {
            assert_true(fabs(xcvr_test_number(m, "vcc2_voltage", "V") - cases[i].vcc2) < 1e-9);
            assert_true(fabs(xcvr_test_number(m, "vcc2_voltage_low_warning_threshold", "V") -
                             1.1) < 1e-9);
            assert_int_equal(xcvr_test_raw(m, "vcc2_voltage_low_warning", 0), 1);
            assert_int_equal(xcvr_test_raw(m, "vcc2_voltage_high_alarm", 0), 0);
        }
        if (isnan(cases[i].laser))
            assert_int_equal(xcvr_test_count(m, "laser_temperature"), 0);
        else
            assert_true(fabs(xcvr_test_number(m, "laser_temperature", "degrees C") -
                             cases[i].laser) < 1e-9);
    }
}

static void
test_module_monitors_and_flags(void **state)
{
    guint8 img[MAX_LEN];
    gsize len = build_qsfpdd(img, 1);
    g_autoptr(XcvrModule) m = xcvr_test_decode(img, len, XCVR_DECODE_NONE);
    g_autoptr(GPtrArray) alarms = xcvr_module_get_raised_flags(m, "_alarm");
    g_autoptr(GPtrArray) warnings = xcvr_module_get_raised_flags(m, "_warning");

    assert_true(xcvr_test_number(m, "module_temperature", "degrees C") == 30.0);
    assert_true(fabs(xcvr_test_number(m, "module_voltage", "V") - 3.3) < 1e-9);
    assert_int_equal(alarms->len, 2);
    assert_true(xcvr_test_has_string(alarms, "module_temperature_high_alarm"));
    assert_true(xcvr_test_has_string(alarms, "laser_tx_power_high_alarm lane 3"));
    assert_int_equal(warnings->len, 1);
    assert_true(xcvr_test_has_string(warnings, "module_voltage_high_warning"));
}

static void
test_thresholds(void **state)
{
    guint8 img[MAX_LEN];
    gsize len = build_qsfpdd(img, 1);
    g_autoptr(XcvrModule) m = xcvr_test_decode(img, len, XCVR_DECODE_NONE);

    assert_true(xcvr_test_number(m, "module_temperature_high_alarm_threshold", "degrees C") ==
                80.0);
    assert_true(fabs(xcvr_test_number(m, "module_voltage_low_alarm_threshold", "V") - 2.97) < 1e-9);
    /* the bias multiplier of page 01h byte 160 applies to thresholds too */
    assert_true(fabs(xcvr_test_number(m, "laser_bias_current_high_alarm_threshold", "mA") - 20.0) <
                1e-9);
    assert_true(fabs(xcvr_test_number(m, "laser_rx_power_high_alarm_threshold", "mW") - 1.5849) <
                1e-9);
}

/* One bank: eight lanes of monitors, flags and data-path states from page 11h. */
static void
test_lanes_one_bank(void **state)
{
    guint8 img[MAX_LEN];
    gsize len = build_qsfpdd(img, 1);
    g_autoptr(XcvrModule) m = xcvr_test_decode(img, len, XCVR_DECODE_NONE);
    g_autoptr(GArray) bias = xcvr_module_get_lane_numbers(m, "laser_bias_current", NULL);
    g_autoptr(GArray) tx = xcvr_module_get_lane_numbers(m, "laser_output_power", NULL);
    g_autoptr(GArray) rx = xcvr_module_get_lane_numbers(m, "rx_power", NULL);
    guint lane;

    assert_int_equal(bias->len, 8);
    assert_int_equal(tx->len, 8);
    assert_int_equal(rx->len, 8);
    for (lane = 1; lane <= 8; lane++) {
        /* 500·L raw in 2 uA units, times 2: 2·L mA */
        assert_true(fabs(g_array_index(bias, double, lane - 1) - 2.0 * lane) < 1e-9);
        assert_true(fabs(g_array_index(tx, double, lane - 1) - 0.1 * lane) < 1e-9);
        assert_true(fabs(g_array_index(rx, double, lane - 1) - 0.2 * lane) < 1e-9);
        assert_string_equal(xcvr_test_value(m, "data_path_state", lane)->text,
                            lane == 2 ? "DPInit" : "DPActivated");
    }
    assert_int_equal(xcvr_test_raw(m, "rx_los", 0), 0x81);
    assert_int_equal(xcvr_test_raw(m, "tx_fault", 0), 0x04);
    assert_int_equal(xcvr_test_raw(m, "tx_los", 0), 0x00);
    /* a bit per lane: lane 3 is bit 2 */
    assert_int_equal(xcvr_test_raw(m, "laser_tx_power_high_alarm", 3), 1);
    assert_int_equal(xcvr_test_raw(m, "laser_tx_power_high_alarm", 1), 0);
    assert_int_equal(xcvr_test_raw(m, "laser_tx_power_high_alarm", 4), 0);
    assert_int_equal(xcvr_test_count(m, "laser_tx_power_high_alarm"), 8);
}

/* Two banks (page 01h byte 142 = 1): sixteen lanes, lanes 9-16 from bank 1's page 11h. */
static void
test_lanes_two_banks(void **state)
{
    guint8 img[MAX_LEN];
    gsize len = build_qsfpdd(img, 2);
    g_autoptr(XcvrModule) m = xcvr_test_decode(img, len, XCVR_DECODE_NONE);
    g_autoptr(GArray) bias = xcvr_module_get_lane_numbers(m, "laser_bias_current", NULL);

    assert_int_equal(bias->len, 16);
    /* bank 1 doubles its bias: its lane 1 (module lane 9) is 2·1·2 = 4 mA */
    assert_true(fabs(g_array_index(bias, double, 0) - 2.0) < 1e-9);
    assert_true(fabs(g_array_index(bias, double, 8) - 4.0) < 1e-9);
    assert_true(fabs(g_array_index(bias, double, 15) - 32.0) < 1e-9);
    /* lane bits of bank 1 follow bank 0's: module lane 10 is bit 9 */
    assert_int_equal(xcvr_test_raw(m, "rx_los", 0), 0x81 | (0x02 << 8));
    assert_string_equal(xcvr_test_value(m, "data_path_state", 10)->text, "DPInit");
    assert_string_equal(xcvr_test_value(m, "data_path_state", 9)->text, "DPActivated");
    assert_int_equal(xcvr_test_count(m, "laser_tx_power_high_alarm"), 16);
    assert_int_equal(xcvr_module_n_warnings(m), 0);

    /* the same module with bank 1's page missing: said so, lanes 9-16 not decoded */
    {
        g_autoptr(XcvrModule) cut = xcvr_test_decode(img, IMG_LEN(1), XCVR_DECODE_NONE);
        g_autoptr(GArray) b = xcvr_module_get_lane_numbers(cut, "laser_bias_current", NULL);

        assert_true(xcvr_test_has_warning(cut, "page 11h of bank 1 was not read: lanes 9-16"));
        assert_int_equal(b->len, 8);
    }
}

/* Monitors page 01h byte 160 does not advertise are not decoded. */
static void
test_advertisement(void **state)
{
    guint8 img[MAX_LEN];
    gsize len = build_qsfpdd(img, 1);
    g_autoptr(XcvrModule) m = NULL;

    img[P01 + 32] = 0x04; /* Rx power only */
    m = xcvr_test_decode(img, len, XCVR_DECODE_NONE);
    assert_int_equal(xcvr_test_count(m, "laser_bias_current"), 0);
    assert_int_equal(xcvr_test_count(m, "laser_output_power"), 0);
    assert_int_equal(xcvr_test_count(m, "rx_power"), 8);
    assert_int_equal(xcvr_test_count(m, "laser_bias_current_high_alarm"), 0);
}

/* Flat memory (byte 2 bit 7): lower memory and page 00h only. */
static void
test_flat_memory(void **state)
{
    guint8 img[MAX_LEN];
    g_autoptr(XcvrModule) m = NULL;
    double v;

    build_qsfpdd(img, 1);
    img[2] = 0x80;
    m = xcvr_test_decode(img, 256, XCVR_DECODE_NONE);
    assert_string_equal(xcvr_module_get_string(m, "vendor_pn"), "QDD-400G-SR8");
    assert_true(xcvr_test_number(m, "module_temperature", "degrees C") == 30.0);
    assert_int_equal(xcvr_test_count(m, "laser_bias_current"), 0);
    assert_int_equal(xcvr_test_count(m, "data_path_state"), 0);
    assert_false(xcvr_module_get_number(m, "module_temperature_high_alarm_threshold", &v, NULL));
    assert_int_equal(xcvr_module_n_warnings(m), 0);
}

/* The page 10h control values as read: a flat image has no page 10h, so the pages are laid
 * into a map as a paged read brings them (bank 0's page 10h; bank 1's when @bank1). */
static XcvrModule *
decode_with_page10(guint8 *img, const guint8 *p10, gboolean bank1)
{
    g_autoptr(XcvrPageMap) map = xcvr_page_map_new();
    guint bank;

    xcvr_page_map_add(map, XCVR_I2C_A0, 0, 0, 0, img, 128);
    xcvr_page_map_add(map, XCVR_I2C_A0, 0, 0x00, 128, img + P00, 128);
    xcvr_page_map_add(map, XCVR_I2C_A0, 0, 0x01, 128, img + P01, 128);
    xcvr_page_map_add(map, XCVR_I2C_A0, 0, 0x02, 128, img + P02, 128);
    for (bank = 0; bank < 2; bank++)
        xcvr_page_map_add(map, XCVR_I2C_A0, (guint8)bank, 0x11, 128, img + P11(bank), 128);
    if (p10 != NULL)
        xcvr_page_map_add(map, XCVR_I2C_A0, 0, 0x10, 128, p10, 128);
    if (p10 != NULL && bank1)
        xcvr_page_map_add(map, XCVR_I2C_A0, 1, 0x10, 128, p10, 128);
    return xcvr_module_decode_map(map, XCVR_FAMILY_UNKNOWN, XCVR_DECODE_NONE, NULL);
}

static void
test_page10(void **state)
{
    guint8 img[MAX_LEN];
    guint8 p10[128] = { 0 };
    g_autoptr(XcvrModule) none = NULL;
    g_autoptr(XcvrModule) m = NULL;
    g_autoptr(XcvrModule) unadvertised = NULL;
    g_autoptr(XcvrModule) half = NULL;
    guint lane;

    build_qsfpdd(img, 2);
    p10[130 - 128] = 0x81;            /* Tx output disabled on lanes 1 and 8 */
    p10[138 - 128] = 0x0f;            /* Rx output disabled on lanes 1-4 */
    for (lane = 0; lane < 8; lane++)  /* ApSel 1, DataPathID 0 on lanes 1-4; 2, 4 on 5-8 */
        p10[145 - 128 + lane] = lane < 4 ? 0x10 : 0x29;
    p10[152 - 128] = 0xf1;            /* lane 8: ApSel 15, DataPathID 0, explicit */
    p10[153 - 128] = 0x0f;            /* adaptive Tx input eq on lanes 1-4 */
    p10[156 - 128] = 0xc3;            /* fixed Tx eq: lane 1 3 dB, lane 2 12 dB */
    p10[157 - 128] = 0x0d;            /* lane 3: reserved */
    p10[160 - 128] = 0xff;            /* Tx CDR enabled on every lane */
    p10[162 - 128] = 0x71;            /* Rx pre-cursor: lane 1 0.5 dB, lane 2 3.5 dB */
    p10[166 - 128] = 0x27;            /* Rx post-cursor: lane 1 7 dB, lane 2 2 dB */
    p10[170 - 128] = 0xf3;            /* Rx amplitude: lane 1 600-1200 mV, lane 2 custom */

    none = decode_with_page10(img, NULL, FALSE);
    assert_int_equal(xcvr_test_count(none, "staged_application"), 0);
    assert_int_equal(xcvr_test_count(none, "tx_output_disable"), 0);

    /* nothing advertised: the DPConfig bytes are there, controls and SI targets are not */
    img[P01 + 155 - 128] = 0x00;
    img[P01 + 156 - 128] = 0x00;
    img[P01 + 161 - 128] = 0x00;
    img[P01 + 162 - 128] = 0x00;
    unadvertised = decode_with_page10(img, p10, TRUE);
    assert_int_equal(xcvr_test_count(unadvertised, "staged_application"), 16);
    assert_int_equal(xcvr_test_count(unadvertised, "tx_output_disable"), 0);
    assert_int_equal(xcvr_test_count(unadvertised, "staged_tx_fixed_eq_target"), 0);
    assert_int_equal(xcvr_test_count(unadvertised, "staged_rx_amplitude_target"), 0);

    img[P01 + 155 - 128] = 0x02;      /* OutputDisableTx supported */
    img[P01 + 156 - 128] = 0x02;      /* OutputDisableRx supported */
    img[P01 + 161 - 128] = 0x0e;      /* Tx CDR bypass, fixed and adaptive input eq */
    img[P01 + 162 - 128] = 0x1e;      /* Rx CDR bypass, amplitude, pre- and post-cursor */
    m = decode_with_page10(img, p10, TRUE);
    assert_int_equal(xcvr_test_raw(m, "staged_application", 1), 1);
    assert_int_equal(xcvr_test_raw(m, "staged_application", 5), 2);
    assert_int_equal(xcvr_test_raw(m, "staged_application", 8), 15);
    assert_int_equal(xcvr_test_raw(m, "staged_data_path_id", 1), 0);
    assert_int_equal(xcvr_test_raw(m, "staged_data_path_id", 5), 4);
    assert_int_equal(xcvr_test_raw(m, "staged_explicit_control", 5), 1);
    assert_int_equal(xcvr_test_raw(m, "staged_explicit_control", 1), 0);
    assert_int_equal(xcvr_test_raw(m, "staged_application", 13), 2); /* bank 1 */
    assert_int_equal(xcvr_test_raw(m, "tx_output_disable", 0), 0x8181);
    assert_int_equal(xcvr_test_raw(m, "rx_output_disable", 0), 0x0f0f);
    assert_int_equal(xcvr_test_raw(m, "staged_tx_adaptive_eq_enable", 0), 0x0f0f);
    assert_int_equal(xcvr_test_raw(m, "staged_tx_cdr_enable", 0), 0xffff);
    assert_string_equal(xcvr_test_value(m, "staged_tx_fixed_eq_target", 1)->text, "3 dB");
    assert_string_equal(xcvr_test_value(m, "staged_tx_fixed_eq_target", 2)->text, "12 dB");
    assert_string_equal(xcvr_test_value(m, "staged_tx_fixed_eq_target", 3)->text, "reserved");
    assert_string_equal(xcvr_test_value(m, "staged_rx_pre_cursor_target", 1)->text, "0.5 dB");
    assert_string_equal(xcvr_test_value(m, "staged_rx_pre_cursor_target", 2)->text, "3.5 dB");
    assert_string_equal(xcvr_test_value(m, "staged_rx_post_cursor_target", 1)->text, "7 dB");
    assert_string_equal(xcvr_test_value(m, "staged_rx_post_cursor_target", 2)->text, "2 dB");
    assert_string_equal(xcvr_test_value(m, "staged_rx_amplitude_target", 1)->text,
                        "600-1200 mV");
    assert_string_equal(xcvr_test_value(m, "staged_rx_amplitude_target", 2)->text, "custom");
    assert_int_equal(xcvr_test_count(m, "staged_rx_cdr_enable"), 1);

    /* bank 1's page 10h unread: its lanes are there, without values */
    half = decode_with_page10(img, p10, FALSE);
    assert_int_equal(xcvr_test_count(half, "staged_application"), 16);
    assert_non_null(xcvr_test_value(half, "staged_application", 8));
    assert_null(xcvr_test_value(half, "staged_application", 9)); /* not decoded */
}

/* The pages the decoder reads and the read did not bring are named, not guessed: lower
 * memory and page 00h alone (an ioctl-only kernel) lack 01h, 02h, 11h and 10h; a two-bank
 * image without page 10h lacks it in both banks; nothing is missing, nothing is listed. */
static void
test_pages_unread(void **state)
{
    guint8 img[MAX_LEN];
    gsize len = build_qsfpdd(img, 2);
    guint8 p10[128] = { 0 };
    g_autoptr(XcvrModule) ioctl_only = xcvr_test_decode(img, 256, XCVR_DECODE_NONE);
    g_autoptr(XcvrModule) no_p10 = xcvr_test_decode(img, len, XCVR_DECODE_NONE);
    g_autoptr(XcvrModule) full = decode_with_page10(img, p10, TRUE);
    g_autoptr(XcvrModule) half = decode_with_page10(img, p10, FALSE);
    g_autoptr(GPtrArray) a = xcvr_module_get_items(ioctl_only, "pages_unread");
    g_autoptr(GPtrArray) b = xcvr_module_get_items(no_p10, "pages_unread");
    g_autoptr(GPtrArray) c = xcvr_module_get_items(half, "pages_unread");

    assert_int_equal(a->len, 4);
    assert_string_equal(a->pdata[0], "01h");
    assert_string_equal(a->pdata[1], "02h");
    assert_string_equal(a->pdata[2], "11h");
    assert_string_equal(a->pdata[3], "10h");
    assert_int_equal(b->len, 2);
    assert_string_equal(b->pdata[0], "10h");
    assert_string_equal(b->pdata[1], "b1:10h");
    assert_int_equal(c->len, 1);
    assert_string_equal(c->pdata[0], "b1:10h");
    assert_int_equal(xcvr_test_count(full, "pages_unread"), 0);
}

static GArray *
plan(const guint8 *img, gboolean with_p01)
{
    g_autoptr(XcvrPageMap) map = xcvr_page_map_new();
    GArray *reqs = g_array_new(FALSE, FALSE, sizeof(XcvrPageRequest));

    xcvr_page_map_add(map, XCVR_I2C_A0, 0, 0, 0, img, 128);
    if (with_p01)
        xcvr_page_map_add(map, XCVR_I2C_A0, 0, 0x01, 128, img + P01, 128);
    xcvr_module_plan(map, XCVR_FAMILY_UNKNOWN, reqs);
    return reqs;
}

static void
assert_request(const GArray *reqs, guint i, guint8 bank, guint8 page)
{
    const XcvrPageRequest *r = &g_array_index(reqs, XcvrPageRequest, i);

    assert_int_equal(r->bank, bank);
    assert_int_equal(r->page, page);
    assert_int_equal(r->offset, 128);
    assert_int_equal(r->length, 128);
}

/* Paged: 00h, 01h, 02h, then pages 11h and 10h of every bank page 01h advertises; flat: 00h
 * only. */
static void
test_plan(void **state)
{
    guint8 img[MAX_LEN];
    g_autoptr(GArray) first = NULL;
    g_autoptr(GArray) two_banks = NULL;
    g_autoptr(GArray) flat = NULL;

    build_qsfpdd(img, 2);
    first = plan(img, FALSE);
    assert_int_equal(first->len, 3);
    assert_request(first, 0, 0, 0x00);
    assert_request(first, 1, 0, 0x01);
    assert_request(first, 2, 0, 0x02);
    two_banks = plan(img, TRUE);
    assert_int_equal(two_banks->len, 6);
    assert_request(two_banks, 0, 0, 0x00);
    assert_request(two_banks, 1, 0, 0x02);
    assert_request(two_banks, 2, 0, 0x11);
    assert_request(two_banks, 3, 1, 0x11);
    assert_request(two_banks, 4, 0, 0x10);
    assert_request(two_banks, 5, 1, 0x10);

    img[2] = 0x80;
    flat = plan(img, FALSE);
    assert_int_equal(flat->len, 1);
    assert_request(flat, 0, 0, 0x00);
}

/* VDM (pages 20h-2Fh): planned only when asked for (XCVR_DECODE_VDM) and advertised (page 01h
 * byte 142 bit 6), groups as page 2Fh says; decoded per lane and type, each in its format. */
static void
test_vdm(void **state)
{
    guint8 img[MAX_LEN];
    guint8 p2f[128] = { 0 };
    guint8 d20[128] = { 0 };
    guint8 v24[128] = { 0 };
    guint8 t28[128] = { 0 };
    guint8 f2c[128] = { 0 };
    g_autoptr(XcvrPageMap) map = xcvr_page_map_new();
    g_autoptr(GArray) plain = g_array_new(FALSE, FALSE, sizeof(XcvrPageRequest));
    g_autoptr(GArray) asked = g_array_new(FALSE, FALSE, sizeof(XcvrPageRequest));
    g_autoptr(GArray) groups = g_array_new(FALSE, FALSE, sizeof(XcvrPageRequest));
    g_autoptr(XcvrModule) without = NULL;
    g_autoptr(XcvrModule) m = NULL;
    guint i;

    build_qsfpdd(img, 1);
    img[P01 + 142 - 128] |= 0x40;              /* VDM advertised */
    xcvr_page_map_add(map, XCVR_I2C_A0, 0, 0, 0, img, 128);
    xcvr_page_map_add(map, XCVR_I2C_A0, 0, 0x00, 128, img + P00, 128);
    xcvr_page_map_add(map, XCVR_I2C_A0, 0, 0x01, 128, img + P01, 128);
    xcvr_page_map_add(map, XCVR_I2C_A0, 0, 0x02, 128, img + P02, 128);
    xcvr_page_map_add(map, XCVR_I2C_A0, 0, 0x11, 128, img + P11(0), 128);
    xcvr_page_map_add(map, XCVR_I2C_A0, 0, 0x10, 128, img + P11(0), 128);
    xcvr_module_plan_full(map, XCVR_FAMILY_UNKNOWN, XCVR_DECODE_NONE, plain);
    assert_int_equal(plain->len, 0);            /* a plain read reads no VDM page */
    xcvr_module_plan_full(map, XCVR_FAMILY_UNKNOWN, XCVR_DECODE_VDM, asked);
    assert_int_equal(asked->len, 1);            /* page 2Fh first: how many groups */
    assert_request(asked, 0, 0, 0x2f);

    d20[0] = 0x00; d20[1] = 5;                  /* lane 1 eSNR media input, threshold set 0 */
    d20[2] = 0x11; d20[3] = 15;                 /* lane 2 pre-FEC BER current, set 1 */
    d20[4] = 0x20; d20[5] = 3;                  /* lane 1 laser frequency error, set 2 */
    xcvr_test_put_u16(v24 + 0, 18 * 256 + 128); /* 18.5 dB */
    xcvr_test_put_u16(v24 + 2, (13u << 11) | 250); /* 250 x 10^-11 = 2.5e-9 */
    xcvr_test_put_u16(v24 + 4, (guint16)(gint16)-15); /* -150 MHz */
    xcvr_test_put_u16(t28 + 0, 35 * 256);       /* set 0 high alarm */
    xcvr_test_put_u16(t28 + 8 + 2, (20u << 11) | 1); /* set 1 low alarm 1e-4 */
    xcvr_test_put_u16(t28 + 16 + 6, (guint16)(gint16)-20); /* set 2 low warning -200 MHz */
    f2c[0] = 0x81;                              /* obs 0 high alarm, obs 1 low warning */
    f2c[1] = 0x02;                              /* obs 2 low alarm */
    p2f[0] = 0x01;                              /* two groups */
    xcvr_page_map_add(map, XCVR_I2C_A0, 0, 0x2f, 128, p2f, 128);
    xcvr_module_plan_full(map, XCVR_FAMILY_UNKNOWN, XCVR_DECODE_VDM, groups);
    assert_int_equal(groups->len, 7);           /* 20h 24h 28h, 21h 25h 29h, 2Ch */
    assert_request(groups, 0, 0, 0x20);
    assert_request(groups, 5, 0, 0x29);
    assert_request(groups, 6, 0, 0x2c);
    for (i = 0; i < groups->len; i++) {
        const XcvrPageRequest *r = &g_array_index(groups, XcvrPageRequest, i);
        const guint8 *src = r->page == 0x20 ? d20 : r->page == 0x24 ? v24 :
                            r->page == 0x28 ? t28 : r->page == 0x2c ? f2c : NULL;

        if (src != NULL)
            xcvr_page_map_add(map, XCVR_I2C_A0, 0, r->page, 128, src, 128);
    }

    without = xcvr_module_decode_map(map, XCVR_FAMILY_UNKNOWN, XCVR_DECODE_NONE, NULL);
    assert_int_equal(xcvr_test_count(without, "vdm_esnr_media_input"), 0);
    assert_int_equal(xcvr_test_count(without, "vdm_groups"), 0);
    m = xcvr_module_decode_map(map, XCVR_FAMILY_UNKNOWN, XCVR_DECODE_VDM, NULL);
    assert_int_equal(xcvr_test_raw(m, "vdm_groups", 0), 1); /* group 2 not read */
    assert_true(fabs(xcvr_test_value(m, "vdm_esnr_media_input", 1)->number - 18.5) < 1e-9);
    assert_null(xcvr_test_value(m, "vdm_esnr_media_input", 2));
    assert_true(fabs(xcvr_test_value(m, "vdm_pre_fec_ber_current_media_input", 2)->number -
                     2.5e-9) < 1e-18);
    assert_true(xcvr_test_value(m, "vdm_laser_frequency_error", 1)->number == -150.0);
    assert_true(xcvr_test_value(m, "vdm_esnr_media_input_high_alarm_threshold", 1)->number ==
                35.0);
    assert_true(fabs(xcvr_test_value(m, "vdm_pre_fec_ber_current_media_input_low_alarm_threshold",
                                     2)->number - 1e-4) < 1e-15);
    assert_true(xcvr_test_value(m, "vdm_laser_frequency_error_low_warning_threshold",
                                1)->number == -200.0);
    assert_int_equal(xcvr_test_raw(m, "vdm_esnr_media_input_high_alarm", 1), 1);
    assert_int_equal(xcvr_test_raw(m, "vdm_pre_fec_ber_current_media_input_low_warning", 2), 1);
    assert_int_equal(xcvr_test_raw(m, "vdm_laser_frequency_error_low_alarm", 1), 1);
    assert_int_equal(xcvr_test_raw(m, "vdm_laser_frequency_error_high_alarm", 1), 0);
    assert_int_equal(xcvr_test_count(m, "vdm_laser_age"), 0); /* type 1 not described */
}

static void
test_checksum(void **state)
{
    guint8 img[MAX_LEN];
    gsize len = build_qsfpdd(img, 1);
    g_autoptr(XcvrModule) m = NULL;
    const XcvrChecksum *ck;
    guint n = 0;

    img[P00 + 20] ^= 0x10; /* 'Q' becomes 'A' in the part number */
    m = xcvr_test_decode(img, len, XCVR_DECODE_NONE);
    ck = xcvr_module_get_checksums(m, &n);
    assert_int_equal(ck[0].status, XCVR_CHECKSUM_BAD);
    assert_int_equal(ck[0].computed, (guint8)(ck[0].stored - 0x10));
    assert_false(xcvr_module_checksums_ok(m));
    assert_true(xcvr_test_has_warning(m, "cc_page00 checksum mismatch"));
    assert_string_equal(xcvr_module_get_string(m, "vendor_pn"), "ADD-400G-SR8");
    xcvr_test_decode_fails(img, len, XCVR_DECODE_STRICT, XCVR_ERROR_CHECKSUM);
}

static void
test_truncated(void **state)
{
    guint8 img[MAX_LEN];
    gsize len = build_qsfpdd(img, 1);
    g_autoptr(XcvrModule) lower = NULL;
    g_autoptr(XcvrModule) short11 = NULL;
    const XcvrChecksum *ck;
    guint n = 0;

    xcvr_test_decode_fails(img, 0, XCVR_DECODE_NONE, XCVR_ERROR_TRUNCATED);
    xcvr_test_decode_fails(img, 127, XCVR_DECODE_NONE, XCVR_ERROR_TRUNCATED);
    /* lower memory only: identity missing, the checksum cannot be checked */
    lower = xcvr_test_decode(img, 128, XCVR_DECODE_NONE);
    assert_int_equal(xcvr_module_get_family(lower), XCVR_FAMILY_CMIS);
    assert_true(xcvr_test_has_warning(lower, "page 00h not read in full"));
    assert_null(xcvr_module_get_string(lower, "vendor_pn"));
    ck = xcvr_module_get_checksums(lower, &n);
    assert_int_equal(ck[0].status, XCVR_CHECKSUM_ABSENT);
    assert_true(xcvr_test_number(lower, "module_temperature", "degrees C") == 30.0);
    /* page 11h cut after its byte 153: flags and states are there, monitors are not */
    short11 = xcvr_test_decode(img, len - 128 + 26, XCVR_DECODE_NONE);
    assert_int_equal(xcvr_test_raw(short11, "rx_los", 0), 0x81);
    assert_int_equal(xcvr_test_count(short11, "laser_bias_current"), 8);
    assert_null(xcvr_test_value(short11, "laser_bias_current", 1));
    xcvr_test_decode_fails(img, 128, XCVR_DECODE_STRICT, XCVR_ERROR_INVALID_DATA);
}

static void
test_dead_reads(void **state)
{
    guint8 img[MAX_LEN];

    memset(img, 0xff, sizeof(img));
    xcvr_test_decode_fails(img, sizeof(img), XCVR_DECODE_NONE, XCVR_ERROR_NO_MODULE);
    memset(img, 0x00, sizeof(img));
    xcvr_test_decode_fails(img, sizeof(img), XCVR_DECODE_NONE, XCVR_ERROR_INVALID_DATA);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identity),
        cmocka_unit_test(test_applications),
        cmocka_unit_test(test_active_state),
        cmocka_unit_test(test_page10),
        cmocka_unit_test(test_aux_monitors),
        cmocka_unit_test(test_pages_unread),
        cmocka_unit_test(test_vdm),
        cmocka_unit_test(test_laser_temperature),
        cmocka_unit_test(test_module_monitors_and_flags),
        cmocka_unit_test(test_thresholds),
        cmocka_unit_test(test_lanes_one_bank),
        cmocka_unit_test(test_lanes_two_banks),
        cmocka_unit_test(test_advertisement),
        cmocka_unit_test(test_flat_memory),
        cmocka_unit_test(test_plan),
        cmocka_unit_test(test_checksum),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_dead_reads),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
