/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sff8636.c: SFF-8436/SFF-8636 memory map (QSFP+, QSFP28): lower page status, flags and
 * monitors, upper page 00h identity, page 03h thresholds — described once, in the order
 * ethtool 6.1 prints them.
 *
 * Specs: SFF-8636 Rev 2.10a (Tables 6-1 to 6-24, 6-4x), SFF-8436 Rev 4.9, SFF-8024 Rev 4.x.
 */
#include "sff/sff8636.h"

#include <string.h>

#include <xcvrmap/xcvr-error.h>

#include "sff/sff8024.h"

/* Lower page (SFF-8636 Table 6-2), decimal as in the spec. */
enum {
    SFF8636_ID = 0,
    SFF8636_REV_COMPLIANCE = 1,
    SFF8636_STATUS = 2,        /* bit 2: flat memory; bit 0: data not ready */
    SFF8636_LOS = 3,
    SFF8636_FAULT = 4,
    SFF8636_LOL = 5,
    SFF8636_TEMP_FLAGS = 6,
    SFF8636_VCC_FLAGS = 7,
    SFF8636_RX_PWR_FLAGS = 9,  /* 9-10 */
    SFF8636_TX_BIAS_FLAGS = 11, /* 11-12 */
    SFF8636_TX_PWR_FLAGS = 13, /* 13-14 */
    SFF8636_TEMP = 22,
    SFF8636_VCC = 26,
    SFF8636_RX_PWR = 34,       /* 34-41 */
    SFF8636_TX_BIAS = 42,      /* 42-49 */
    SFF8636_TX_PWR = 50,       /* 50-57 */
    SFF8636_TX_DISABLE = 86,
    SFF8636_POWER_CONTROL = 93,
    SFF8636_MAX_POWER = 107,   /* power class 8: maximum power in 0.1 W */
};

/* Upper page 00h (SFF-8636 Table 6-15). */
enum {
    SFF8636_EXT_ID = 129,
    SFF8636_CONNECTOR = 130,
    SFF8636_COMPLIANCE = 131,  /* 131-138 */
    SFF8636_ENCODING = 139,
    SFF8636_BR_NOMINAL = 140,
    SFF8636_RATE_ID = 141,
    SFF8636_DEVICE_TECH = 147,
    SFF8636_WAVELENGTH = 186,
    SFF8636_WAVELENGTH_TOL = 188,
    SFF8636_CC_BASE = 191,
    SFF8636_EXT_COMPLIANCE = 192,
    SFF8636_OPTIONS = 193,     /* 193-195 */
    SFF8636_DIAG_TYPE = 220,
    SFF8636_BR_EXTENDED = 222,
    SFF8636_CC_EXT = 223,
};

#define SFF8636_PAGE_00 0
#define SFF8636_PAGE_03 3
#define SFF8636_IMAGE_LEN 256
#define SFF8636_IOCTL_IMAGE_LEN 640 /* lower, 00h, 01h, 02h, 03h: ethtool's ioctl layout */
#define SFF8636_P03_IMAGE_LEN 384   /* lower, 00h, 03h: the shared corpus's layout */

/* ---- code tables ----------------------------------------------------------------------- */

/* SFF-8636 Table 6-3 Revision Compliance */
static const XcvrCodeName revision_names[] = {
    [0x00] = { "Revision not specified", NULL },
    [0x01] = { "SFF-8436 Rev 4.8 or earlier", NULL },
    /* the spec says "Rev 4.8 or earlier with exception of bytes 186-189"; ethtool prints
     * the same text as 01h */
    [0x02] = { "SFF-8436 Rev 4.8 or earlier (except bytes 186-189)",
               "SFF-8436 Rev 4.8 or earlier" },
    [0x03] = { "SFF-8636 Rev 1.3 or earlier", NULL },
    [0x04] = { "SFF-8636 Rev 1.4", NULL },
    [0x05] = { "SFF-8636 Rev 1.5", NULL },
    [0x06] = { "SFF-8636 Rev 2.0", NULL },
    [0x07] = { "SFF-8636 Rev 2.5/2.6/2.7", NULL },
    [0x08] = { "SFF-8636 Rev 2.8/2.9/2.10", "Unallocated" },
};
static const XcvrCodeTable revision_table = {
    revision_names, G_N_ELEMENTS(revision_names), "Unallocated"
};

/* SFF-8636 Table 6-19 Transmitter Technology, byte 147 bits 7-4 (the code is the masked
 * byte, as ethtool prints it). */
static const XcvrCodeName tech_names[] = {
    [0x00] = { "850 nm VCSEL", NULL },
    [0x10] = { "1310 nm VCSEL", NULL },
    [0x20] = { "1550 nm VCSEL", NULL },
    [0x30] = { "1310 nm FP", NULL },
    [0x40] = { "1310 nm DFB", NULL },
    [0x50] = { "1550 nm DFB", NULL },
    [0x60] = { "1310 nm EML", NULL },
    [0x70] = { "1550 nm EML", NULL },
    [0x80] = { "Others/Undefined", NULL },
    [0x90] = { "1490 nm DFB", NULL },
    [0xa0] = { "Copper cable unequalized", NULL },
    [0xb0] = { "Copper cable passive equalized", NULL },
    [0xc0] = { "Copper cable, near and far end limiting active equalizers", NULL },
    [0xd0] = { "Copper cable, far end limiting active equalizers", NULL },
    [0xe0] = { "Copper cable, near end limiting active equalizers", NULL },
    [0xf0] = { "Copper cable, linear active equalizers", NULL },
};
static const XcvrCodeTable tech_table = {
    tech_names, G_N_ELEMENTS(tech_names), "reserved or unknown"
};

/* ---- bit tables ------------------------------------------------------------------------ */

/* SFF-8636 Table 6-17 Specification Compliance Codes, in ethtool 6.1's print order. The
 * entry without a name marks where the extended code (byte 192) is listed. */
static const XcvrBitDesc compliance_bits[] = {
    { 131, 0x40, "10G Ethernet: 10GBASE-LRM", "10G Ethernet: 10G Base-LRM" },
    { 131, 0x20, "10G Ethernet: 10GBASE-LR", "10G Ethernet: 10G Base-LR" },
    { 131, 0x10, "10G Ethernet: 10GBASE-SR", "10G Ethernet: 10G Base-SR" },
    { 131, 0x08, "40G Ethernet: 40GBASE-CR4", "40G Ethernet: 40G Base-CR4" },
    { 131, 0x04, "40G Ethernet: 40GBASE-SR4", "40G Ethernet: 40G Base-SR4" },
    { 131, 0x02, "40G Ethernet: 40GBASE-LR4", "40G Ethernet: 40G Base-LR4" },
    { 131, 0x01, "40G Ethernet: 40G Active Cable (XLPPI)", NULL },
    { 131, 0x80, NULL, NULL },
    { 132, 0x08, "40G OTN (OTU3B/OTU3C)", NULL },
    { 132, 0x04, "SONET: OC-48, long reach", NULL },
    { 132, 0x02, "SONET: OC-48, intermediate reach", NULL },
    { 132, 0x01, "SONET: OC-48, short reach", NULL },
    { 133, 0x20, "SAS 6.0G", NULL },
    { 133, 0x10, "SAS 3.0G", NULL },
    { 133, 0x80, "SAS 24.0G", XCVR_NO_LABEL },
    { 133, 0x40, "SAS 12.0G", XCVR_NO_LABEL },
    { 134, 0x08, "Ethernet: 1000BASE-T", NULL },
    { 134, 0x04, "Ethernet: 1000BASE-CX", NULL },
    { 134, 0x02, "Ethernet: 1000BASE-LX", NULL },
    { 134, 0x01, "Ethernet: 1000BASE-SX", NULL },
    { 135, 0x80, "FC: very long distance (V)", NULL },
    { 135, 0x40, "FC: short distance (S)", NULL },
    { 135, 0x20, "FC: intermediate distance (I)", NULL },
    { 135, 0x10, "FC: long distance (L)", NULL },
    { 135, 0x08, "FC: medium distance (M)", NULL },
    { 135, 0x02, "FC: Longwave laser (LC)", NULL },
    { 135, 0x01, "FC: Electrical inter-enclosure (EL)", NULL },
    { 136, 0x80, "FC: Electrical intra-enclosure (EL)", NULL },
    { 136, 0x40, "FC: Shortwave laser w/o OFC (SN)", NULL },
    { 136, 0x20, "FC: Shortwave laser with OFC (SL)", NULL },
    { 136, 0x10, "FC: Longwave laser (LL)", NULL },
    { 137, 0x80, "FC: Twin Axial Pair (TW)", NULL },
    { 137, 0x40, "FC: Twisted Pair (TP)", NULL },
    { 137, 0x20, "FC: Miniature Coax (MI)", NULL },
    { 137, 0x10, "FC: Video Coax (TV)", NULL },
    { 137, 0x08, "FC: Multimode, 62.5um (M6)", "FC: Multimode, 62.5m (M6)" },
    { 137, 0x04, "FC: Multimode, 50um (M5)", "FC: Multimode, 50m (M5)" },
    { 137, 0x02, "FC: Multimode, 50um (OM3)", NULL },
    { 137, 0x01, "FC: Single Mode (SM)", NULL },
    { 138, 0x80, "FC: 1200 MBytes/sec", NULL },
    { 138, 0x40, "FC: 800 MBytes/sec", NULL },
    { 138, 0x20, "FC: 1600 MBytes/sec", NULL },
    { 138, 0x10, "FC: 400 MBytes/sec", NULL },
    { 138, 0x08, "FC: 3200 MBytes/sec", XCVR_NO_LABEL },
    { 138, 0x04, "FC: 200 MBytes/sec", NULL },
    { 138, 0x01, "FC: 100 MBytes/sec", NULL },
};

/* SFF-8636 Table 6-22 Option Values, bytes 193-195 (JSON/XML only). */
static const XcvrBitDesc option_bits[] = {
    { 193, 0x10, "Tx input adaptive equalizer freeze capable", NULL },
    { 193, 0x08, "Tx input equalization auto-adaptive capable", NULL },
    { 193, 0x04, "Tx input equalization fixed programmable settings", NULL },
    { 193, 0x02, "Rx output emphasis fixed programmable settings", NULL },
    { 193, 0x01, "Rx output amplitude fixed programmable settings", NULL },
    { 194, 0x80, "Tx CDR on/off control implemented", NULL },
    { 194, 0x40, "Rx CDR on/off control implemented", NULL },
    { 194, 0x20, "Tx CDR loss of lock flag implemented", NULL },
    { 194, 0x10, "Rx CDR loss of lock flag implemented", NULL },
    { 194, 0x08, "Rx squelch disable implemented", NULL },
    { 194, 0x04, "Rx output disable implemented", NULL },
    { 194, 0x02, "Tx squelch disable implemented", NULL },
    { 194, 0x01, "Tx squelch implemented", NULL },
    { 195, 0x80, "Memory page 02h provided", NULL },
    { 195, 0x40, "Memory page 01h provided", NULL },
    { 195, 0x20, "Rate select implemented", NULL },
    { 195, 0x10, "Tx_Disable implemented", NULL },
    { 195, 0x08, "Tx_Fault implemented", NULL },
    { 195, 0x04, "Tx squelch reduces Pave (else OMA)", NULL },
    { 195, 0x02, "Tx loss of signal implemented", NULL },
    { 195, 0x01, "Pages 20h-21h implemented", NULL },
};

/* SFF-8636 Table 6-24 Diagnostic Monitoring Type, byte 220 (JSON/XML only). */
static const XcvrBitDesc diag_type_bits[] = {
    { 220, 0x20, "Temperature monitoring implemented", NULL },
    { 220, 0x10, "Supply voltage monitoring implemented", NULL },
    { 220, 0x08, "Received power measurement type: average power", NULL },
    { 220, 0x04, "Transmitter power measurement supported", NULL },
};

/* ---- hooks ----------------------------------------------------------------------------- */

static guint8
byte_at(const XcvrDecodeCtx *ctx, guint offset)
{
    guint8 v = 0;

    (void)xcvr_page_map_get_u8(ctx->map, XCVR_I2C_A0, SFF8636_PAGE_00, offset, &v);
    return v;
}

/* "Extended identifier description": power class, CDRs, high power class (Table 6-16). */
static gboolean
hook_ext_id(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    static const char *const classes[] = {
        "1.5W max. Power consumption", "2.0W max. Power consumption",
        "2.5W max. Power consumption", "3.5W max. Power consumption",
    };
    static const char *const cdr[] = {
        "No CDR in TX, No CDR in RX", "No CDR in TX, CDR present in RX",
        "CDR present in TX, No CDR in RX", "CDR present in TX, CDR present in RX",
    };
    /* [class 5-7 or none][enabled]: the name, then ethtool 6.1's wording (two spaces after
     * the comma for classes 6 and 7; class 1-4 modules: the text after an empty prefix) */
    static const char *const high_classes[][2][2] = {
        { { "High Power Class (> 3.5 W) not enabled", "High Power Class (> 3.5 W) not enabled" },
          { "High Power Class (> 3.5 W) enabled", "High Power Class (> 3.5 W) enabled" } },
        { { "4.0W max. Power consumption, High Power Class (> 3.5 W) not enabled",
            "4.0W max. Power consumption, High Power Class (> 3.5 W) not enabled" },
          { "4.0W max. Power consumption, High Power Class (> 3.5 W) enabled",
            "4.0W max. Power consumption, High Power Class (> 3.5 W) enabled" } },
        { { "4.5W max. Power consumption, High Power Class (> 3.5 W) not enabled",
            "4.5W max. Power consumption,  High Power Class (> 3.5 W) not enabled" },
          { "4.5W max. Power consumption, High Power Class (> 3.5 W) enabled",
            "4.5W max. Power consumption,  High Power Class (> 3.5 W) enabled" } },
        { { "5.0W max. Power consumption, High Power Class (> 3.5 W) not enabled",
            "5.0W max. Power consumption,  High Power Class (> 3.5 W) not enabled" },
          { "5.0W max. Power consumption, High Power Class (> 3.5 W) enabled",
            "5.0W max. Power consumption,  High Power Class (> 3.5 W) enabled" } },
    };
    guint8 ext;
    guint8 ctl;
    guint enabled;

    if (xcvr_page_map_get(ctx->map, XCVR_I2C_A0, 0, SFF8636_PAGE_00, SFF8636_EXT_ID, 1) == NULL ||
        xcvr_page_map_get(ctx->map, XCVR_I2C_A0, 0, 0, SFF8636_POWER_CONTROL, 1) == NULL)
        return FALSE;
    ext = byte_at(ctx, SFF8636_EXT_ID);
    ctl = byte_at(ctx, SFF8636_POWER_CONTROL);
    enabled = (ctl & 0x04) != 0 ? 1 : 0;

    xcvr_value_add_item(ctx, value, classes[ext >> 6], NULL);
    xcvr_value_add_item(ctx, value, cdr[(ext >> 2) & 3], NULL);
    xcvr_value_add_item(ctx, value, high_classes[ext & 3][enabled][0],
                        high_classes[ext & 3][enabled][1]);
    return TRUE;
}

/* "Transceiver type": compliance bits, with the SFF-8024 extended code (byte 192) where
 * byte 131 bit 7 says it applies. */
static gboolean
hook_transceiver_type(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    const guint8 *codes =
        xcvr_page_map_get(ctx->map, XCVR_I2C_A0, 0, SFF8636_PAGE_00, SFF8636_COMPLIANCE, 8);
    guint i;

    if (codes == NULL ||
        xcvr_page_map_get(ctx->map, XCVR_I2C_A0, 0, SFF8636_PAGE_00, SFF8636_EXT_COMPLIANCE, 1) ==
            NULL)
        return FALSE;
    for (i = 0; i < desc->n_bits; i++) {
        const XcvrBitDesc *b = &desc->bits[i];
        /* the compliance bytes were read above: no lookup per bit */
        guint8 byte = b->offset >= SFF8636_COMPLIANCE && b->offset < SFF8636_COMPLIANCE + 8
                          ? codes[b->offset - SFF8636_COMPLIANCE]
                          : byte_at(ctx, b->offset);

        if (byte == 0) {
            /* most of them */
            i = xcvr_field_bits_byte_last(desc, i);
            continue;
        }
        if ((byte & b->mask) == 0)
            continue;
        if (b->name == NULL) {
            guint8 ext = byte_at(ctx, SFF8636_EXT_COMPLIANCE);
            XcvrItem *item = xcvr_value_add_item_full(ctx, value);

            item->name = xcvr_code_table_name(&xcvr_sff8024_ext_compliance, ext);
            item->label = xcvr_code_table_label_qsfp(&xcvr_sff8024_ext_compliance, ext,
                                                     "(reserved or unknown)");
            item->prefix = "Extended: ";
            continue;
        }
        xcvr_value_add_item(ctx, value, b->name, b->label);
    }
    return TRUE;
}

/* BR: ethtool prints byte 140 × 100; the spec says 0xFF means "see byte 222, in 250 MBd". */
static gboolean
hook_br(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    guint8 br;

    if (!xcvr_page_map_get_u8(ctx->map, XCVR_I2C_A0, SFF8636_PAGE_00, SFF8636_BR_NOMINAL, &br) ||
        xcvr_page_map_get(ctx->map, XCVR_I2C_A0, 0, SFF8636_PAGE_00, SFF8636_BR_EXTENDED, 1) ==
            NULL)
        return FALSE;
    value->raw = br;
    value->number = br == 0xff ? byte_at(ctx, SFF8636_BR_EXTENDED) * 250.0 : br * 100.0;
    return TRUE;
}

/* Power class 1-8 (Table 6-16): class 8 (bit 5) over classes 5-7 (bits 1-0) over 1-4. */
static gboolean
hook_power_class(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    guint8 ext;

    if (xcvr_page_map_get(ctx->map, XCVR_I2C_A0, 0, SFF8636_PAGE_00, SFF8636_EXT_ID, 1) == NULL)
        return FALSE;
    ext = byte_at(ctx, SFF8636_EXT_ID);
    value->raw = (ext & 0x20) != 0 ? 8u : (ext & 0x03) != 0 ? 4u + (ext & 0x03) : (ext >> 6) + 1u;
    value->number = (double)value->raw;
    return TRUE;
}

/* No bit says whether the lane monitors exist; ethtool's text takes a temperature of 0x0000
 * or 0xFFFF for "none". JSON and XML keep the readings and say the temperature is suspect. */
static gboolean
hook_temp_suspect(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    if (xcvr_page_map_get(ctx->map, XCVR_I2C_A0, 0, 0, SFF8636_TEMP, 2) == NULL)
        return FALSE;
    value->raw = !ctx->monitors;
    return TRUE;
}

/* ethtool reports alarm and warning flags exactly when it has page 03h's thresholds. */
static gboolean
hook_aw_implemented(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    value->raw = ctx->thresholds;
    return TRUE;
}

/* ---- the field table ------------------------------------------------------------------- */

#define A0 XCVR_I2C_A0
#define P00 SFF8636_PAGE_00
#define REF(s) "SFF-8636 Rev 2.10a " s

#define GATE XCVR_FIELD_TEXT_NEEDS_ID
#define U00(k, l, off, n, m, u, c, r) \
    { .key = k, .label = l, .kind = XCVR_KIND_UINT, .i2c = A0, .page = P00, .offset = off, \
      .len = n, .mult = m, .unit = u, .cond = c, .flags = GATE, .ref = REF(r) }
#define ASCII00(k, l, off, n, r) \
    { .key = k, .label = l, .kind = XCVR_KIND_ASCII, .i2c = A0, .page = P00, .offset = off, \
      .len = n, .flags = GATE, .ref = REF(r) }
#define LANEBITS(k, off, m, r) \
    { .key = k, .kind = XCVR_KIND_LANE_BITS, .i2c = A0, .offset = off, .len = 1, .mask = m, \
      .lanes = 4, .ref = REF(r) }
/* per-channel monitor, 4 lanes, 2 bytes apart */
/* JSON/XML follow byte 220 (TXP: Tx power advertised, bit 2) and the pages read; the text
 * keeps ethtool's test (@tc), which reads a temperature of 0 or 0xFFFF as "no monitors". */
#define DIAG_ADV .adv_page = P00, .adv_offset = SFF8636_DIAG_TYPE, .adv_mask = 0x04
#define TXP XCVR_FIELD_ADVERTISED
#define MON(k, l, off, q, c, tc, fl) \
    { .key = k, .label = l, .kind = XCVR_KIND_MEASURE, .i2c = A0, .offset = off, .len = 2, \
      .quantity = q, .lanes = 4, .lane_stride = 2, .cond = c, .text_cond = tc, \
      .flags = GATE | XCVR_FIELD_TEXT_OWN_COND | (fl), DIAG_ADV, .ref = REF("Table 6-10") }
/* per-channel flag, two channels to a byte, lane-major like ethtool */
#define CHFLAG(k, l, off, m, fl) \
    { .key = k, .label = l, .kind = XCVR_KIND_FLAG, .i2c = A0, .offset = off, .len = 1, \
      .mask = m, .lanes = 4, .cond = XCVR_COND_PAGE03, .text_cond = XCVR_COND_THRESHOLDS, \
      .flags = GATE | XCVR_FIELD_LANES_NIBBLE | XCVR_FIELD_LANE_MAJOR | \
               XCVR_FIELD_TEXT_OWN_COND | (fl), DIAG_ADV, .ref = REF("Table 6-8") }
#define MODFLAG(k, l, off, m) \
    { .key = k, .label = l, .kind = XCVR_KIND_FLAG, .i2c = A0, .offset = off, .len = 1, \
      .mask = m, .cond = XCVR_COND_PAGE03, .text_cond = XCVR_COND_THRESHOLDS, \
      .flags = GATE | XCVR_FIELD_TEXT_OWN_COND, .ref = REF("Table 6-7") }
#define THRESHF(k, l, off, q, fl) \
    { .key = k, .label = l, .kind = XCVR_KIND_MEASURE, .i2c = A0, .page = SFF8636_PAGE_03, \
      .offset = off, .len = 2, .quantity = q, .cond = XCVR_COND_PAGE03, \
      .text_cond = XCVR_COND_THRESHOLDS, .flags = GATE | XCVR_FIELD_TEXT_OWN_COND | (fl), \
      DIAG_ADV, .ref = REF("Table 6-43") }
#define THRESH(k, l, off, q) THRESHF(k, l, off, q, 0)

/* Where the flags and thresholds start in the table below: they are shown with page 03h
 * only, so without it the walk passes all of them at once. */
#define SFF8636_P03_FIRST 49
#define SFF8636_P03_FIELDS 40

static const XcvrFieldDesc sff8636_fields[] = {
    { .key = "identifier", .label = "Identifier", .kind = XCVR_KIND_ENUM, .i2c = A0,
      .offset = SFF8636_ID, .len = 1, .codes = &xcvr_sff8024_identifier,
      .ref = REF("Table 6-2; SFF-8024 Table 4-1") },
    { .key = "extended_identifier", .label = "Extended identifier", .kind = XCVR_KIND_HEXBYTES,
      .i2c = A0, .page = P00, .offset = SFF8636_EXT_ID, .len = 1, .flags = GATE,
      .ref = REF("Table 6-16") },
    { .key = "extended_identifier_description", .label = "Extended identifier description",
      .kind = XCVR_KIND_BITS, .i2c = A0, .page = P00, .flags = GATE,
      .hook = hook_ext_id, .ref = REF("Table 6-16, byte 93") },
    { .key = "power_set", .label = "Power set", .kind = XCVR_KIND_FLAG, .i2c = A0,
      .offset = SFF8636_POWER_CONTROL, .len = 1, .mask = 0x02, .flags = GATE,
      .ref = REF("Table 6-9") },
    { .key = "power_override", .label = "Power override", .kind = XCVR_KIND_FLAG, .i2c = A0,
      .offset = SFF8636_POWER_CONTROL, .len = 1, .mask = 0x01, .flags = GATE,
      .ref = REF("Table 6-9") },
    { .key = "connector", .label = "Connector", .kind = XCVR_KIND_ENUM, .i2c = A0, .page = P00,
      .offset = SFF8636_CONNECTOR, .len = 1, .codes = &xcvr_sff8024_connector,
      .flags = GATE, .ref = REF("SFF-8024 Table 4-3") },
    { .key = "transceiver_codes", .label = "Transceiver codes", .kind = XCVR_KIND_HEXBYTES,
      .i2c = A0, .page = P00, .offset = SFF8636_COMPLIANCE, .len = 8,
      .flags = GATE, .ref = REF("Table 6-17") },
    { .key = "transceiver_type", .label = "Transceiver type", .kind = XCVR_KIND_BITS,
      .i2c = A0, .page = P00, .bits = compliance_bits, .n_bits = G_N_ELEMENTS(compliance_bits),
      .flags = GATE, .hook = hook_transceiver_type,
      .ref = REF("Table 6-17; SFF-8024 Table 4-4") },
    { .key = "encoding", .label = "Encoding", .kind = XCVR_KIND_ENUM, .i2c = A0, .page = P00,
      .offset = SFF8636_ENCODING, .len = 1, .codes = &xcvr_sff8024_encoding_sff8636,
      .flags = GATE, .ref = REF("SFF-8024 Table 4-2") },
    { .key = "br_nominal", .label = "BR, Nominal", .kind = XCVR_KIND_UINT, .i2c = A0,
      .page = P00, .offset = SFF8636_BR_NOMINAL, .len = 1, .mult = 100, .unit = "MBd",
      .text_unit = "Mbps", .flags = GATE, .hook = hook_br,
      .ref = REF("§6.3.10, bytes 140 and 222") },
    { .key = "rate_identifier", .label = "Rate identifier", .kind = XCVR_KIND_HEXBYTES,
      .i2c = A0, .page = P00, .offset = SFF8636_RATE_ID, .len = 1,
      .flags = GATE, .ref = REF("§6.3.11") },
    U00("length_smf_km", "Length (SMF,km)", 142, 1, 1, "km", XCVR_COND_ALWAYS, "§6.3.12"),
    U00("length_om3", "Length (OM3 50um)", 143, 1, 2, "m", XCVR_COND_ALWAYS, "§6.3.13"),
    U00("length_om2", "Length (OM2 50um)", 144, 1, 1, "m", XCVR_COND_ALWAYS, "§6.3.14"),
    U00("length_om1", "Length (OM1 62.5um)", 145, 1, 1, "m", XCVR_COND_ALWAYS, "§6.3.15"),
    U00("length_copper", "Length (Copper or Active cable)", 146, 1, 1, "m",
        XCVR_COND_ALWAYS, "§6.3.16"),
    { .key = "transmitter_technology", .label = "Transmitter technology",
      .kind = XCVR_KIND_ENUM, .i2c = A0, .page = P00, .offset = SFF8636_DEVICE_TECH, .len = 1,
      .mask = 0xf0, .codes = &tech_table, .flags = GATE,
      .ref = REF("Table 6-19") },
    { .key = "laser_wavelength", .label = "Laser wavelength", .kind = XCVR_KIND_UINT,
      .i2c = A0, .page = P00, .offset = SFF8636_WAVELENGTH, .len = 2, .scale = 0.05,
      .decimals = 3, .unit = "nm", .cond = XCVR_COND_NOT_COPPER, .flags = GATE,
      .ref = REF("§6.3.19") },
    { .key = "laser_wavelength_tolerance", .label = "Laser wavelength tolerance",
      .kind = XCVR_KIND_UINT, .i2c = A0, .page = P00, .offset = SFF8636_WAVELENGTH_TOL,
      .len = 2, .scale = 0.005, .decimals = 3, .unit = "nm", .cond = XCVR_COND_NOT_COPPER,
      .flags = GATE, .ref = REF("§6.3.20") },
    U00("attenuation_2_5ghz", "Attenuation at 2.5GHz", 186, 1, 1, "db", XCVR_COND_COPPER,
        "§6.3.19"),
    U00("attenuation_5ghz", "Attenuation at 5.0GHz", 187, 1, 1, "db", XCVR_COND_COPPER,
        "§6.3.19"),
    U00("attenuation_7ghz", "Attenuation at 7.0GHz", 188, 1, 1, "db", XCVR_COND_COPPER,
        "§6.3.20"),
    U00("attenuation_12_9ghz", "Attenuation at 12.9GHz", 189, 1, 1, "db", XCVR_COND_COPPER,
        "§6.3.20"),
    ASCII00("vendor_name", "Vendor name", 148, 16, "§6.3.18"),
    { .key = "vendor_oui", .label = "Vendor OUI", .kind = XCVR_KIND_OUI, .i2c = A0,
      .page = P00, .offset = 165, .len = 3, .flags = GATE, .ref = REF("§6.3.18") },
    ASCII00("vendor_pn", "Vendor PN", 168, 16, "§6.3.18"),
    ASCII00("vendor_rev", "Vendor rev", 184, 2, "§6.3.18"),
    ASCII00("vendor_sn", "Vendor SN", 196, 16, "§6.3.24"),
    ASCII00("date_code", "Date code", 212, 8, "Table 6-23"),
    { .key = "revision_compliance", .label = "Revision Compliance", .kind = XCVR_KIND_ENUM,
      .i2c = A0, .offset = SFF8636_REV_COMPLIANCE, .len = 1, .codes = &revision_table,
      .flags = GATE | XCVR_FIELD_TEXT_NAME_ONLY, .ref = REF("Table 6-3") },

    /* JSON/XML only: what ethtool 6.1 does not print */
    U00("max_case_temperature", NULL, 190, 1, 1, "degrees C", XCVR_COND_ALWAYS, "§6.3.21"),
    { .key = "options", .kind = XCVR_KIND_BITS, .i2c = A0, .page = P00, .bits = option_bits,
      .n_bits = G_N_ELEMENTS(option_bits), .ref = REF("Table 6-22") },
    { .key = "diagnostic_monitoring_type", .kind = XCVR_KIND_BITS, .i2c = A0, .page = P00,
      .bits = diag_type_bits, .n_bits = G_N_ELEMENTS(diag_type_bits), .ref = REF("Table 6-24") },
    { .key = "flat_memory", .kind = XCVR_KIND_BOOL, .i2c = A0, .offset = SFF8636_STATUS,
      .len = 1, .mask = 0x04, .ref = REF("Table 6-2") },
    { .key = "data_not_ready", .kind = XCVR_KIND_BOOL, .i2c = A0, .offset = SFF8636_STATUS,
      .len = 1, .mask = 0x01, .ref = REF("Table 6-2") },
    LANEBITS("rx_los", SFF8636_LOS, 0x0f, "Table 6-4"),
    LANEBITS("tx_los", SFF8636_LOS, 0xf0, "Table 6-4"),
    LANEBITS("tx_fault", SFF8636_FAULT, 0x0f, "Table 6-5"),
    LANEBITS("tx_adaptive_eq_fault", SFF8636_FAULT, 0xf0, "Table 6-5"),
    LANEBITS("rx_cdr_lol", SFF8636_LOL, 0x0f, "Table 6-6"),
    LANEBITS("tx_cdr_lol", SFF8636_LOL, 0xf0, "Table 6-6"),
    LANEBITS("tx_disable", SFF8636_TX_DISABLE, 0x0f, "Table 6-9"),

    /* monitors (lower page) */
    { .key = "module_temperature", .label = "Module temperature", .kind = XCVR_KIND_MEASURE,
      .i2c = A0, .offset = SFF8636_TEMP, .len = 2, .quantity = XCVR_QTY_TEMPERATURE,
      .flags = GATE, .ref = REF("Table 6-7") },
    { .key = "module_voltage", .label = "Module voltage", .kind = XCVR_KIND_MEASURE,
      .i2c = A0, .offset = SFF8636_VCC, .len = 2, .quantity = XCVR_QTY_VOLTAGE,
      .flags = GATE, .ref = REF("Table 6-7") },
    { .key = "alarm_warning_flags_implemented", .label = "Alarm/warning flags implemented",
      .kind = XCVR_KIND_BOOL, .text_cond = XCVR_COND_MONITORS,
      .flags = GATE | XCVR_FIELD_TEXT_OWN_COND, .hook = hook_aw_implemented,
      .ref = REF("§6.2.4; page 03h") },
    MON("laser_bias_current", "Laser tx bias current (Channel %u)", SFF8636_TX_BIAS,
        XCVR_QTY_CURRENT, XCVR_COND_ALWAYS, XCVR_COND_MONITORS, 0),
    MON("laser_output_power", "Transmit avg optical power (Channel %u)", SFF8636_TX_PWR,
        XCVR_QTY_TX_POWER, XCVR_COND_ALWAYS, XCVR_COND_MONITORS, TXP),
    MON("rx_power", "Rcvr signal avg optical power(Channel %u)", SFF8636_RX_PWR,
        XCVR_QTY_RX_POWER, XCVR_COND_RX_AVG, XCVR_COND_MONITORS_AVG, 0),
    MON("rx_power", "Receiver signal OMA(Channel %u)", SFF8636_RX_PWR, XCVR_QTY_RX_POWER,
        XCVR_COND_RX_OMA, XCVR_COND_MONITORS_OMA, 0),

    /* flags (lower page), shown with page 03h's thresholds */
    CHFLAG("laser_bias_current_high_alarm", "Laser bias current high alarm   (Chan %u)",
           SFF8636_TX_BIAS_FLAGS, 0x80, XCVR_FIELD_RUN_START),
    CHFLAG("laser_bias_current_low_alarm", "Laser bias current low alarm    (Chan %u)",
           SFF8636_TX_BIAS_FLAGS, 0x40, 0),
    CHFLAG("laser_bias_current_high_warning", "Laser bias current high warning (Chan %u)",
           SFF8636_TX_BIAS_FLAGS, 0x20, 0),
    CHFLAG("laser_bias_current_low_warning", "Laser bias current low warning  (Chan %u)",
           SFF8636_TX_BIAS_FLAGS, 0x10, 0),
    MODFLAG("module_temperature_high_alarm", "Module temperature high alarm", SFF8636_TEMP_FLAGS, 0x80),
    MODFLAG("module_temperature_low_alarm", "Module temperature low alarm", SFF8636_TEMP_FLAGS, 0x40),
    MODFLAG("module_temperature_high_warning", "Module temperature high warning", SFF8636_TEMP_FLAGS, 0x20),
    MODFLAG("module_temperature_low_warning", "Module temperature low warning", SFF8636_TEMP_FLAGS, 0x10),
    MODFLAG("module_voltage_high_alarm", "Module voltage high alarm", SFF8636_VCC_FLAGS, 0x80),
    MODFLAG("module_voltage_low_alarm", "Module voltage low alarm", SFF8636_VCC_FLAGS, 0x40),
    MODFLAG("module_voltage_high_warning", "Module voltage high warning", SFF8636_VCC_FLAGS, 0x20),
    MODFLAG("module_voltage_low_warning", "Module voltage low warning", SFF8636_VCC_FLAGS, 0x10),
    CHFLAG("laser_tx_power_high_alarm", "Laser tx power high alarm   (Channel %u)",
           SFF8636_TX_PWR_FLAGS, 0x80, XCVR_FIELD_RUN_START | TXP),
    CHFLAG("laser_tx_power_low_alarm", "Laser tx power low alarm    (Channel %u)",
           SFF8636_TX_PWR_FLAGS, 0x40, TXP),
    CHFLAG("laser_tx_power_high_warning", "Laser tx power high warning (Channel %u)",
           SFF8636_TX_PWR_FLAGS, 0x20, TXP),
    CHFLAG("laser_tx_power_low_warning", "Laser tx power low warning  (Channel %u)",
           SFF8636_TX_PWR_FLAGS, 0x10, TXP),
    CHFLAG("laser_rx_power_high_alarm", "Laser rx power high alarm   (Channel %u)",
           SFF8636_RX_PWR_FLAGS, 0x80, XCVR_FIELD_RUN_START),
    CHFLAG("laser_rx_power_low_alarm", "Laser rx power low alarm    (Channel %u)",
           SFF8636_RX_PWR_FLAGS, 0x40, 0),
    CHFLAG("laser_rx_power_high_warning", "Laser rx power high warning (Channel %u)",
           SFF8636_RX_PWR_FLAGS, 0x20, 0),
    CHFLAG("laser_rx_power_low_warning", "Laser rx power low warning  (Channel %u)",
           SFF8636_RX_PWR_FLAGS, 0x10, 0),

    /* thresholds (page 03h) */
    THRESH("laser_bias_current_high_alarm_threshold", "Laser bias current high alarm threshold", 184, XCVR_QTY_CURRENT),
    THRESH("laser_bias_current_low_alarm_threshold", "Laser bias current low alarm threshold", 186, XCVR_QTY_CURRENT),
    THRESH("laser_bias_current_high_warning_threshold", "Laser bias current high warning threshold", 188, XCVR_QTY_CURRENT),
    THRESH("laser_bias_current_low_warning_threshold", "Laser bias current low warning threshold", 190, XCVR_QTY_CURRENT),
    THRESHF("laser_output_power_high_alarm_threshold", "Laser output power high alarm threshold", 192,
            XCVR_QTY_TX_POWER, TXP),
    THRESHF("laser_output_power_low_alarm_threshold", "Laser output power low alarm threshold", 194,
            XCVR_QTY_TX_POWER, TXP),
    THRESHF("laser_output_power_high_warning_threshold", "Laser output power high warning threshold", 196,
            XCVR_QTY_TX_POWER, TXP),
    THRESHF("laser_output_power_low_warning_threshold", "Laser output power low warning threshold", 198,
            XCVR_QTY_TX_POWER, TXP),
    THRESH("module_temperature_high_alarm_threshold", "Module temperature high alarm threshold", 128, XCVR_QTY_TEMPERATURE),
    THRESH("module_temperature_low_alarm_threshold", "Module temperature low alarm threshold", 130, XCVR_QTY_TEMPERATURE),
    THRESH("module_temperature_high_warning_threshold", "Module temperature high warning threshold", 132, XCVR_QTY_TEMPERATURE),
    THRESH("module_temperature_low_warning_threshold", "Module temperature low warning threshold", 134, XCVR_QTY_TEMPERATURE),
    THRESH("module_voltage_high_alarm_threshold", "Module voltage high alarm threshold", 144, XCVR_QTY_VOLTAGE),
    THRESH("module_voltage_low_alarm_threshold", "Module voltage low alarm threshold", 146, XCVR_QTY_VOLTAGE),
    THRESH("module_voltage_high_warning_threshold", "Module voltage high warning threshold", 148, XCVR_QTY_VOLTAGE),
    THRESH("module_voltage_low_warning_threshold", "Module voltage low warning threshold", 150, XCVR_QTY_VOLTAGE),
    THRESH("laser_rx_power_high_alarm_threshold", "Laser rx power high alarm threshold", 176, XCVR_QTY_RX_POWER),
    THRESH("laser_rx_power_low_alarm_threshold", "Laser rx power low alarm threshold", 178, XCVR_QTY_RX_POWER),
    THRESH("laser_rx_power_high_warning_threshold", "Laser rx power high warning threshold", 180, XCVR_QTY_RX_POWER),
    THRESH("laser_rx_power_low_warning_threshold", "Laser rx power low warning threshold", 182, XCVR_QTY_RX_POWER),

    /* what ethtool 6.1 does not print: JSON/XML, and the text's "also decoded" section */
    { .key = "power_class", .xlabel = "Power class", .kind = XCVR_KIND_UINT, .i2c = A0,
      .page = P00, .offset = SFF8636_EXT_ID, .len = 1, .hook = hook_power_class,
      .ref = REF("Table 6-16") },
    { .key = "max_power_class_8", .xlabel = "Max power (power class 8)", .kind = XCVR_KIND_UINT,
      .i2c = A0, .offset = SFF8636_MAX_POWER, .len = 1, .scale = 0.1, .decimals = 1,
      .unit = "W", .flags = XCVR_FIELD_ADVERTISED, .adv_page = P00,
      .adv_offset = SFF8636_EXT_ID, .adv_mask = 0x20, .ref = REF("Table 6-4 byte 107") },
    { .key = "high_power_class_enable", .xlabel = "High power class (5-7) enable",
      .kind = XCVR_KIND_FLAG, .i2c = A0, .offset = SFF8636_POWER_CONTROL, .len = 1,
      .mask = 0x04, .ref = REF("Table 6-9 byte 93 bit 2") },
    { .key = "power_class_8_enable", .xlabel = "Power class 8 enable", .kind = XCVR_KIND_FLAG,
      .i2c = A0, .offset = SFF8636_POWER_CONTROL, .len = 1, .mask = 0x08,
      .ref = REF("Table 6-9 byte 93 bit 3") },
    { .key = "temperature_reading_suspect", .xlabel = "Temperature reads 0x0000 or 0xFFFF",
      .kind = XCVR_KIND_BOOL, .i2c = A0, .offset = SFF8636_TEMP, .len = 2,
      .hook = hook_temp_suspect, .ref = REF("Table 6-7 bytes 22-23") },
    XCVR_FIELD_PAGES_UNREAD("SFF-8636"),
};

/* ---- family interface ------------------------------------------------------------------ */

static void
add_upper(XcvrModule *module, guint8 page, const guint8 *data, gsize len)
{
    xcvr_page_map_add(module->map, XCVR_I2C_A0, 0, page, XCVR_HALF_PAGE, data,
                      MIN(len, (gsize)XCVR_HALF_PAGE));
}

static gboolean
sff8636_load(XcvrModule *module, const guint8 *data, gsize len, GError **error)
{
    guint page;

    if (len < XCVR_HALF_PAGE) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_TRUNCATED,
                    "SFF-8636 image truncated: %" G_GSIZE_FORMAT " bytes, but the lower page "
                    "needs bytes 0-127 (128 bytes)", len);
        return FALSE;
    }
    xcvr_page_map_add(module->map, XCVR_I2C_A0, 0, 0, 0, data, XCVR_HALF_PAGE);
    if (len < SFF8636_IMAGE_LEN) {
        if (len > XCVR_HALF_PAGE)
            add_upper(module, SFF8636_PAGE_00, data + XCVR_HALF_PAGE, len - XCVR_HALF_PAGE);
        xcvr_module_warn(module, "upper page 00h truncated (%" G_GSIZE_FORMAT " of 128 bytes): "
                         "its fields are not decoded", len - XCVR_HALF_PAGE);
        return TRUE;
    }
    add_upper(module, SFF8636_PAGE_00, data + XCVR_HALF_PAGE, XCVR_HALF_PAGE);

    if (len == SFF8636_P03_IMAGE_LEN) {
        add_upper(module, SFF8636_PAGE_03, data + SFF8636_IMAGE_LEN, XCVR_HALF_PAGE);
    } else if (len >= SFF8636_IOCTL_IMAGE_LEN) {
        for (page = 1; page <= 3; page++)
            add_upper(module, (guint8)page, data + (page + 1) * XCVR_HALF_PAGE, XCVR_HALF_PAGE);
        if (len > SFF8636_IOCTL_IMAGE_LEN)
            xcvr_module_warn(module, "%" G_GSIZE_FORMAT " bytes after page 03h ignored",
                             len - SFF8636_IOCTL_IMAGE_LEN);
    } else if (len > SFF8636_IMAGE_LEN) {
        xcvr_module_warn(module,
                         "%" G_GSIZE_FORMAT " bytes after page 00h are neither page 03h "
                         "(128 bytes) nor pages 01h-03h (384 bytes): ignored",
                         len - SFF8636_IMAGE_LEN);
    }
    return TRUE;
}

static void
sff8636_prepare(XcvrModule *module, XcvrDecodeCtx *ctx)
{
    guint16 temp = 0;
    guint8 status = 0;

    ctx->map = module->map;
    (void)xcvr_page_map_get_u8(module->map, XCVR_I2C_A0, 0, SFF8636_ID, &ctx->id);
    (void)xcvr_page_map_get_u8(module->map, XCVR_I2C_A0, 0, SFF8636_STATUS, &status);
    /* ethtool decodes by the lower page's identifier alone; so does its text here */
    ctx->id_known = ctx->id == 0x0c || ctx->id == 0x0d || ctx->id == 0x11;
    if (!ctx->id_known)
        xcvr_module_warn(module, "lower-page identifier 0x%02x (%s) is not a QSFP; decoded as "
                         "SFF-8636 from page 00h's identifier 0x%02x",
                         ctx->id, xcvr_code_table_name(&xcvr_sff8024_identifier, ctx->id),
                         byte_at(ctx, 128));
    ctx->copper = (byte_at(ctx, SFF8636_DEVICE_TECH) & 0xf0) >= 0xa0;
    ctx->dom_rx_avg = (byte_at(ctx, SFF8636_DIAG_TYPE) & 0x08) != 0;
    /* Page 03h exists on paged memory only (Table 6-2 byte 2 bit 2). */
    ctx->thresholds = (status & 0x04) == 0 &&
                      xcvr_page_map_valid(module->map, XCVR_I2C_A0, 0, SFF8636_PAGE_03,
                                          XCVR_HALF_PAGE) == XCVR_HALF_PAGE;
    /* No bit says "monitors implemented"; a temperature of 0 or 0xFFFF is read as "none". */
    ctx->monitors = xcvr_page_map_get_u16be(module->map, XCVR_I2C_A0, 0, SFF8636_TEMP, &temp) &&
                    temp != 0 && temp != 0xffff;
}

static void
sff8636_checksums(XcvrModule *module)
{
    xcvr_module_add_checksum(module, "cc_base", "page 00h bytes 128-190 (base ID fields)",
                             XCVR_I2C_A0, SFF8636_PAGE_00, 128, 190, SFF8636_CC_BASE);
    xcvr_module_add_checksum(module, "cc_ext", "page 00h bytes 192-222 (extended ID fields)",
                             XCVR_I2C_A0, SFF8636_PAGE_00, 192, 222, SFF8636_CC_EXT);
}

/* Page 00h always; page 03h (thresholds) on paged memory only (Table 6-2 byte 2 bit 2).
 * Pages 01h and 02h hold nothing decoded. */
static void
sff8636_plan(const XcvrPageMap *map, XcvrDecodeFlags flags, XcvrPageRequests *requests)
{
    guint8 status = 0;

    xcvr_plan_page(map, requests, XCVR_I2C_A0, 0, SFF8636_PAGE_00, XCVR_HALF_PAGE);
    if (xcvr_page_map_get_u8(map, XCVR_I2C_A0, 0, SFF8636_STATUS, &status) &&
        (status & 0x04) == 0)
        xcvr_plan_page(map, requests, XCVR_I2C_A0, 0, SFF8636_PAGE_03, XCVR_HALF_PAGE);
}

const XcvrFamilyDecoder xcvr_sff8636_decoder = {
    .family = XCVR_FAMILY_SFF8636,
    .spec = "SFF-8636",
    .fields = sff8636_fields,
    .n_fields = G_N_ELEMENTS(sff8636_fields),
    .load = sff8636_load,
    .prepare = sff8636_prepare,
    .checksums = sff8636_checksums,
    .plan = sff8636_plan,
    .gates = (const XcvrFieldGate[]){
        { SFF8636_P03_FIRST, SFF8636_P03_FIELDS,
          XCVR_COND_BIT(XCVR_COND_PAGE03) | XCVR_COND_BIT(XCVR_COND_THRESHOLDS),
          "laser_bias_current_high_alarm" },
    },
    .n_gates = 1,
};
