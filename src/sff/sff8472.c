/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sff8472.c: SFF-8079/SFF-8472 memory map (SFP, SFP+, SFP28): A0h ID fields, A2h
 * diagnostics — described once, in the order ethtool 6.1 prints them.
 *
 * Specs: SFF-8472 Rev 12.4 (Tables 4-1, 5-1 to 5-7, 8-1 to 8-8, 9-x), SFF-8079 Rev 1.7,
 * SFF-8024 Rev 4.x for the shared code tables.
 */
#include "sff/sff8472.h"

#include <math.h>
#include <string.h>

#include <xcvrmap/xcvr-error.h>

#include "sff/sff8024.h"

/* A0h offsets (SFF-8472 Table 4-1), decimal as in the spec. */
enum {
    SFF8472_ID = 0,
    SFF8472_EXT_ID = 1,
    SFF8472_CONNECTOR = 2,
    SFF8472_TRANSCEIVER = 3,   /* 3-10 */
    SFF8472_ENCODING = 11,
    SFF8472_BR_NOMINAL = 12,
    SFF8472_RATE_ID = 13,
    SFF8472_CABLE_TECH = 8,
    SFF8472_EXT_COMPLIANCE = 36,
    SFF8472_CABLE_SPEC = 60,   /* 60-61: wavelength, or cable compliance */
    SFF8472_CC_BASE = 63,
    SFF8472_OPTIONS = 64,      /* 64-65 */
    SFF8472_BR_MAX = 66,
    SFF8472_BR_MIN = 67,
    SFF8472_DIAG_TYPE = 92,
    SFF8472_ENH_OPTIONS = 93,
    SFF8472_COMPLIANCE = 94,
    SFF8472_CC_EXT = 95,
    /* Bytes 0-95 hold every ID field ethtool and we decode. */
    SFF8472_ID_FIELDS_LEN = 96,
};

/* A2h offsets (SFF-8472 Tables 9-5 to 9-17). */
enum {
    SFF8472_A2_TEMP_HALRM = 0,
    SFF8472_A2_CAL_RXPWR4 = 56,
    SFF8472_A2_CAL_RXPWR3 = 60,
    SFF8472_A2_CAL_RXPWR2 = 64,
    SFF8472_A2_CAL_RXPWR1 = 68,
    SFF8472_A2_CAL_RXPWR0 = 72,
    SFF8472_A2_CAL_TXI_SLP = 76,
    SFF8472_A2_CAL_TXPWR_SLP = 80,
    SFF8472_A2_CAL_T_SLP = 84,
    SFF8472_A2_CAL_V_SLP = 88,
    SFF8472_A2_CC_DMI = 95,
    SFF8472_A2_TEMP = 96,
    SFF8472_A2_VCC = 98,
    SFF8472_A2_BIAS = 100,
    SFF8472_A2_TX_PWR = 102,
    SFF8472_A2_RX_PWR = 104,
    SFF8472_A2_STATUS = 110,
    SFF8472_A2_ALRM_FLG = 112,
    SFF8472_A2_WARN_FLG = 116,
};

#define SFF8472_PAGE_LEN 256
#define SFF8472_IMAGE_LEN 512

/* ---- SFF-8472 specific code tables ---------------------------------------------------- */

/* SFF-8472 Table 5-2 Extended Identifier Values */
static const XcvrCodeName ext_id_names[] = {
    [0x00] = { "GBIC definition is not specified", "GBIC not specified / not MOD_DEF compliant" },
    [0x01] = { "GBIC is compliant with MOD_DEF 1", "GBIC compliant with MOD_DEF 1" },
    [0x02] = { "GBIC is compliant with MOD_DEF 2", "GBIC compliant with MOD_DEF 2" },
    [0x03] = { "GBIC is compliant with MOD_DEF 3", "GBIC compliant with MOD_DEF 3" },
    [0x04] = { "GBIC/SFP function is defined by two-wire interface ID only",
               "GBIC/SFP defined by 2-wire interface ID" },
    [0x05] = { "GBIC is compliant with MOD_DEF 5", "GBIC compliant with MOD_DEF 5" },
    [0x06] = { "GBIC is compliant with MOD_DEF 6", "GBIC compliant with MOD_DEF 6" },
    [0x07] = { "GBIC is compliant with MOD_DEF 7", "GBIC compliant with MOD_DEF 7" },
};
static const XcvrCodeTable ext_id_table = { ext_id_names, G_N_ELEMENTS(ext_id_names), "unknown" };

/* SFF-8472 Table 5-6 Rate Identifier */
static const XcvrCodeName rate_id_names[] = {
    [0x00] = { "unspecified", NULL },
    [0x01] = { "4/2/1G Rate_Select & AS0/AS1", NULL },
    [0x02] = { "8/4/2G Rx Rate_Select only", NULL },
    [0x03] = { "8/4/2G Independent Rx & Tx Rate_Select", NULL },
    [0x04] = { "8/4/2G Tx Rate_Select only", NULL },
};
static const XcvrCodeTable rate_id_table = {
    rate_id_names, G_N_ELEMENTS(rate_id_names), "reserved or unknown"
};

/* SFF-8472 Tables 8-1 and 8-2, as the enumeration SFF-8472 rev 10.4 defined. */
static const XcvrCodeName passive_cu_names[] = {
    [0x00] = { "unspecified", NULL },
    [0x01] = { "SFF-8431 appendix E", NULL },
};
static const XcvrCodeTable passive_cu_table = {
    passive_cu_names, G_N_ELEMENTS(passive_cu_names), "unknown"
};

static const XcvrCodeName active_cu_names[] = {
    [0x00] = { "unspecified", NULL },
    [0x01] = { "SFF-8431 appendix E", NULL },
    [0x04] = { "SFF-8431 limiting", NULL },
};
static const XcvrCodeTable active_cu_table = {
    active_cu_names, G_N_ELEMENTS(active_cu_names), "unknown"
};

/* SFF-8472 Table 8-8 SFF-8472 Compliance */
static const XcvrCodeName compliance_names[] = {
    [0x00] = { "digital diagnostic monitoring not included", NULL },
    [0x01] = { "SFF-8472 Rev 9.3", NULL },
    [0x02] = { "SFF-8472 Rev 9.5", NULL },
    [0x03] = { "SFF-8472 Rev 10.2", NULL },
    [0x04] = { "SFF-8472 Rev 10.4", NULL },
    [0x05] = { "SFF-8472 Rev 11.0", NULL },
    [0x06] = { "SFF-8472 Rev 11.3", NULL },
    [0x07] = { "SFF-8472 Rev 11.4", NULL },
    [0x08] = { "SFF-8472 Rev 12.3", NULL },
    [0x09] = { "SFF-8472 Rev 12.4", NULL },
};
static const XcvrCodeTable compliance_table = {
    compliance_names, G_N_ELEMENTS(compliance_names), "reserved or unknown"
};

/* ---- bit tables ------------------------------------------------------------------------ */

/* SFF-8472 Table 5-3 Transceiver Compliance Codes, in ethtool 6.1's print order.
 * Entries with XCVR_NO_LABEL are in the spec but ethtool 6.1 prints nothing for them. */
static const XcvrBitDesc transceiver_bits[] = {
    { 3, 0x80, "10G Ethernet: 10GBASE-ER", "10G Ethernet: 10G Base-ER [SFF-8472 rev10.4 onwards]" },
    { 3, 0x40, "10G Ethernet: 10GBASE-LRM", "10G Ethernet: 10G Base-LRM" },
    { 3, 0x20, "10G Ethernet: 10GBASE-LR", "10G Ethernet: 10G Base-LR" },
    { 3, 0x10, "10G Ethernet: 10GBASE-SR", "10G Ethernet: 10G Base-SR" },
    { 3, 0x08, "Infiniband: 1X SX", NULL },
    { 3, 0x04, "Infiniband: 1X LX", NULL },
    { 3, 0x02, "Infiniband: 1X Copper Active", NULL },
    { 3, 0x01, "Infiniband: 1X Copper Passive", NULL },
    { 4, 0x80, "ESCON: ESCON MMF, 1310nm LED", NULL },
    { 4, 0x40, "ESCON: ESCON SMF, 1310nm Laser", NULL },
    { 4, 0x20, "SONET: OC-192, short reach", NULL },
    { 4, 0x10, "SONET: SONET reach specifier bit 1", NULL },
    { 4, 0x08, "SONET: SONET reach specifier bit 2", NULL },
    { 4, 0x04, "SONET: OC-48, long reach", NULL },
    { 4, 0x02, "SONET: OC-48, intermediate reach", NULL },
    { 4, 0x01, "SONET: OC-48, short reach", NULL },
    { 5, 0x80, "reserved (byte 5 bit 7)", XCVR_NO_LABEL },
    { 5, 0x40, "SONET: OC-12, single mode, long reach", NULL },
    { 5, 0x20, "SONET: OC-12, single mode, inter. reach", NULL },
    { 5, 0x10, "SONET: OC-12, short reach", NULL },
    { 5, 0x08, "reserved (byte 5 bit 3)", XCVR_NO_LABEL },
    { 5, 0x04, "SONET: OC-3, single mode, long reach", NULL },
    { 5, 0x02, "SONET: OC-3, single mode, inter. reach", NULL },
    { 5, 0x01, "SONET: OC-3, short reach", NULL },
    { 6, 0x80, "Ethernet: BASE-PX", NULL },
    { 6, 0x40, "Ethernet: BASE-BX10", NULL },
    { 6, 0x20, "Ethernet: 100BASE-FX", NULL },
    { 6, 0x10, "Ethernet: 100BASE-LX/LX10", NULL },
    { 6, 0x08, "Ethernet: 1000BASE-T", NULL },
    { 6, 0x04, "Ethernet: 1000BASE-CX", NULL },
    { 6, 0x02, "Ethernet: 1000BASE-LX", NULL },
    { 6, 0x01, "Ethernet: 1000BASE-SX", NULL },
    { 7, 0x80, "FC: very long distance (V)", NULL },
    { 7, 0x40, "FC: short distance (S)", NULL },
    { 7, 0x20, "FC: intermediate distance (I)", NULL },
    { 7, 0x10, "FC: long distance (L)", NULL },
    { 7, 0x08, "FC: medium distance (M)", NULL },
    { 7, 0x04, "FC: Shortwave laser, linear Rx (SA)", NULL },
    { 7, 0x02, "FC: Longwave laser (LC)", NULL },
    { 7, 0x01, "FC: Electrical inter-enclosure (EL)", NULL },
    { 8, 0x80, "FC: Electrical intra-enclosure (EL)", NULL },
    { 8, 0x40, "FC: Shortwave laser w/o OFC (SN)", NULL },
    { 8, 0x20, "FC: Shortwave laser with OFC (SL)", NULL },
    { 8, 0x10, "FC: Longwave laser (LL)", NULL },
    { 8, 0x08, "Active Cable", NULL },
    { 8, 0x04, "Passive Cable", NULL },
    { 8, 0x02, "FC: Copper FC-BaseT", NULL },
    { 8, 0x01, "reserved (byte 8 bit 0)", XCVR_NO_LABEL },
    { 9, 0x80, "FC: Twin Axial Pair (TW)", NULL },
    { 9, 0x40, "FC: Twisted Pair (TP)", NULL },
    { 9, 0x20, "FC: Miniature Coax (MI)", NULL },
    { 9, 0x10, "FC: Video Coax (TV)", NULL },
    { 9, 0x08, "FC: Multimode, 62.5um (M6)", NULL },
    { 9, 0x04, "FC: Multimode, 50um (M5)", NULL },
    { 9, 0x02, "FC: Multimode, 50um (M5E)", XCVR_NO_LABEL },
    { 9, 0x01, "FC: Single Mode (SM)", NULL },
    { 10, 0x80, "FC: 1200 MBytes/sec", NULL },
    { 10, 0x40, "FC: 800 MBytes/sec", NULL },
    { 10, 0x20, "FC: 1600 MBytes/sec", XCVR_NO_LABEL },
    { 10, 0x10, "FC: 400 MBytes/sec", NULL },
    { 10, 0x08, "FC: 3200 MBytes/sec", XCVR_NO_LABEL },
    { 10, 0x04, "FC: 200 MBytes/sec", NULL },
    { 10, 0x02, "FC: see byte 62 (Fibre Channel speed 2)", XCVR_NO_LABEL },
    { 10, 0x01, "FC: 100 MBytes/sec", NULL },
};

/* SFF-8472 Table 8-3 Option Values, in ethtool 6.1's print order. */
static const XcvrBitDesc option_bits[] = {
    { 65, 0x02, "RX_LOS implemented", NULL },
    { 65, 0x04, "RX_LOS implemented, inverted", NULL },
    { 65, 0x08, "TX_FAULT implemented", NULL },
    { 65, 0x10, "TX_DISABLE implemented", NULL },
    { 65, 0x20, "RATE_SELECT implemented", NULL },
    { 65, 0x40, "Tunable transmitter technology", NULL },
    { 65, 0x80, "Receiver decision threshold implemented", NULL },
    { 64, 0x01, "Linear receiver output implemented", NULL },
    { 64, 0x02, "Power level 2 requirement", NULL },
    { 64, 0x04, "Cooled transceiver implemented", NULL },
    { 64, 0x08, "Retimer or CDR implemented", NULL },
    { 64, 0x10, "Paging implemented", NULL },
    { 64, 0x20, "Power level 3 requirement", NULL },
    { 64, 0x40, "Paging implemented (byte 64 bit 6, High Power Level Declaration)", XCVR_NO_LABEL },
    { 65, 0x01, "reserved (byte 65 bit 0)", XCVR_NO_LABEL },
};

/* SFF-8472 Table 8-5 Diagnostic Monitoring Type (JSON/XML only). */
static const XcvrBitDesc diag_type_bits[] = {
    { 92, 0x40, "Digital diagnostic monitoring implemented", NULL },
    { 92, 0x20, "Internally calibrated", NULL },
    { 92, 0x10, "Externally calibrated", NULL },
    { 92, 0x08, "Received power measurement type: average power", NULL },
    { 92, 0x04, "Address change required", NULL },
};

/* SFF-8472 Table 8-6 Enhanced Options (JSON/XML only). */
static const XcvrBitDesc enh_option_bits[] = {
    { 93, 0x80, "Alarm/warning flags implemented", NULL },
    { 93, 0x40, "Soft TX_DISABLE implemented", NULL },
    { 93, 0x20, "Soft TX_FAULT monitoring implemented", NULL },
    { 93, 0x10, "Soft RX_LOS monitoring implemented", NULL },
    { 93, 0x08, "Soft RATE_SELECT implemented", NULL },
    { 93, 0x04, "Application select control (SFF-8079) implemented", NULL },
    { 93, 0x02, "Soft Rate Select control (SFF-8431) implemented", NULL },
};

/* SFF-8472 Table 9-11 Status/Control bits, A2h byte 110 (JSON/XML only). */
static const XcvrBitDesc status_bits[] = {
    { 110, 0x80, "TX_DISABLE state", NULL },
    { 110, 0x40, "Soft TX_DISABLE select", NULL },
    { 110, 0x20, "RS(1) state", NULL },
    { 110, 0x10, "Rate_Select state", NULL },
    { 110, 0x08, "Soft Rate_Select select", NULL },
    { 110, 0x04, "TX_FAULT state", NULL },
    { 110, 0x02, "RX_LOS state", NULL },
    { 110, 0x01, "Data_Ready_Bar state", NULL },
};

/* ---- hooks: what a table row cannot say ------------------------------------------------- */

static guint8
a0(const XcvrDecodeCtx *ctx, guint offset)
{
    guint8 v = 0;

    (void)xcvr_page_map_get_u8(ctx->map, XCVR_I2C_A0, 0, offset, &v);
    return v;
}

/* "Transceiver codes": bytes 3-10 then the extended compliance byte 36. */
static gboolean
hook_transceiver_codes(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    const guint8 *p = xcvr_page_map_get(ctx->map, XCVR_I2C_A0, 0, 0, SFF8472_TRANSCEIVER, 8);

    if (p == NULL || xcvr_page_map_get(ctx->map, XCVR_I2C_A0, 0, 0, 36, 1) == NULL)
        return FALSE;
    memcpy(value->bytes, p, 8);
    value->bytes[8] = a0(ctx, SFF8472_EXT_COMPLIANCE);
    value->n_bytes = 9;
    return TRUE;
}

/* "Transceiver type": one entry per compliance bit, then the SFF-8024 extended code. */
static gboolean
hook_transceiver_type(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    guint8 ext;

    if (!xcvr_field_decode_generic(ctx, desc, value))
        return FALSE;
    ext = a0(ctx, SFF8472_EXT_COMPLIANCE);
    if (ext != 0) {
        const char *label = xcvr_code_table_ethtool_label(&xcvr_sff8024_ext_compliance, ext);
        XcvrItem *item = xcvr_value_add_item_full(ctx, value);

        /* "Extended: " before the name, and before the label where ethtool has one */
        item->name = xcvr_code_table_name(&xcvr_sff8024_ext_compliance, ext);
        item->label = label != NULL ? label : XCVR_NO_LABEL;
        item->prefix = "Extended: ";
        item->prefix_label = label != NULL;
    }
    return TRUE;
}

/* SFF-8472 §5.6/§8.4: byte 12 is the nominal rate in 100 MBd; 0xFF means "see byte 66",
 * which then holds it in 250 MBd units and byte 67 the range in percent. */
static gboolean
hook_br(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    guint8 br = a0(ctx, SFF8472_BR_NOMINAL);
    guint v;

    if (desc->offset == SFF8472_BR_NOMINAL) {
        if (br == 0xff)
            v = a0(ctx, SFF8472_BR_MAX) * 250u;
        else
            v = br * 100u;
    } else if (br == 0) {
        v = 0;
    } else if (br == 0xff) {
        v = a0(ctx, SFF8472_BR_MIN);
    } else {
        v = a0(ctx, desc->offset);
    }
    value->raw = v;
    value->number = v;
    return TRUE;
}

static double
a2_slope(const XcvrDecodeCtx *ctx, guint offset)
{
    const guint8 *p = xcvr_page_map_get(ctx->map, XCVR_I2C_A2, 0, 0, offset, 2);

    /* unsigned fixed point 8.8 (SFF-8472 §9.3) */
    return p != NULL ? p[0] + p[1] / 256.0 : 1.0;
}

static gint
a2_offset(const XcvrDecodeCtx *ctx, guint offset)
{
    guint16 v = 0;

    (void)xcvr_page_map_get_u16be(ctx->map, XCVR_I2C_A2, 0, offset, &v);
    return (gint16)v;
}

static double
a2_float(const XcvrDecodeCtx *ctx, guint offset)
{
    float f = 0;

    (void)xcvr_page_map_get_f32be(ctx->map, XCVR_I2C_A2, 0, offset, &f);
    return f;
}

/* SFF-8472 §9.3 external calibration, applied to readings and thresholds alike. */
static gint64
sff8472_calibrate(const XcvrDecodeCtx *ctx, XcvrQuantity qty, gint64 raw)
{
    guint slope_at;
    double v;

    switch (qty) {
    case XCVR_QTY_RX_POWER: {
        double r = (double)raw;

        v = a2_float(ctx, SFF8472_A2_CAL_RXPWR4) * r * r * r * r +
            a2_float(ctx, SFF8472_A2_CAL_RXPWR3) * r * r * r +
            a2_float(ctx, SFF8472_A2_CAL_RXPWR2) * r * r +
            a2_float(ctx, SFF8472_A2_CAL_RXPWR1) * r +
            a2_float(ctx, SFF8472_A2_CAL_RXPWR0);
        if (!isfinite(v) || v < 0)
            return 0;
        return v > G_MAXUINT16 ? G_MAXUINT16 : (gint64)v;
    }
    case XCVR_QTY_CURRENT:
        slope_at = SFF8472_A2_CAL_TXI_SLP;
        break;
    case XCVR_QTY_TX_POWER:
        slope_at = SFF8472_A2_CAL_TXPWR_SLP;
        break;
    case XCVR_QTY_TEMPERATURE:
        slope_at = SFF8472_A2_CAL_T_SLP;
        break;
    case XCVR_QTY_VOLTAGE:
        slope_at = SFF8472_A2_CAL_V_SLP;
        break;
    case XCVR_QTY_NONE:
    case XCVR_QTY_TEC_CURRENT:
    case XCVR_QTY_DB256:
    case XCVR_QTY_PERCENT:
    case XCVR_QTY_FREQ_ERROR:
    case XCVR_QTY_F16:
    case _XCVR_QTY_LAST:
    default:
        return raw;
    }
    /* The product is truncated before the integer offset is added, as the spec's worked
     * examples (and every decoder in the field) do. */
    raw = (gint64)(raw * a2_slope(ctx, slope_at)) + a2_offset(ctx, slope_at + 2);
    if (qty == XCVR_QTY_TEMPERATURE)
        return CLAMP(raw, G_MININT16, G_MAXINT16);
    return CLAMP(raw, 0, G_MAXUINT16);
}

static gboolean
hook_measure(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    guint16 u;
    gint64 raw;

    if (!xcvr_page_map_get_u16be(ctx->map, desc->i2c, desc->page, desc->offset, &u))
        return FALSE;
    raw = desc->quantity == XCVR_QTY_TEMPERATURE ? (gint64)(gint16)u : (gint64)u;
    if (ctx->dom_ext_cal)
        raw = sff8472_calibrate(ctx, desc->quantity, raw);
    value->raw = (guint64)raw;
    value->number = xcvr_quantity_scale(desc->quantity, raw);
    return TRUE;
}

/* ---- the field table ------------------------------------------------------------------- */

#define A0 XCVR_I2C_A0
#define A2 XCVR_I2C_A2
#define SFPID XCVR_FIELD_TEXT_NEEDS_ID
#define REF(s) "SFF-8472 Rev 12.4 " s

#define ENUM(k, l, off, tbl, fl, r) \
    { .key = k, .label = l, .kind = XCVR_KIND_ENUM, .i2c = A0, .offset = off, .len = 1, \
      .codes = tbl, .flags = fl, .ref = REF(r) }
#define UINT(k, l, off, n, m, u, c, r) \
    { .key = k, .label = l, .kind = XCVR_KIND_UINT, .i2c = A0, .offset = off, .len = n, \
      .mult = m, .unit = u, .cond = c, .flags = SFPID, .ref = REF(r) }
#define ASCII(k, l, off, n, r) \
    { .key = k, .label = l, .kind = XCVR_KIND_ASCII, .i2c = A0, .offset = off, .len = n, \
      .flags = SFPID, .ref = REF(r) }
#define BITS(k, l, i, tbl, c, fl, r) \
    { .key = k, .label = l, .kind = XCVR_KIND_BITS, .i2c = i, .bits = tbl, \
      .n_bits = G_N_ELEMENTS(tbl), .cond = c, .flags = fl, .ref = REF(r) }
#define MEASURE(k, l, off, q, c, r) \
    { .key = k, .label = l, .kind = XCVR_KIND_MEASURE, .i2c = A2, .offset = off, .len = 2, \
      .quantity = q, .unit = NULL, .cond = c, .hook = hook_measure, .ref = REF(r) }
#define FLAG(k, l, off, m) \
    { .key = k, .label = l, .kind = XCVR_KIND_FLAG, .i2c = A2, .offset = off, .len = 1, \
      .mask = m, .cond = XCVR_COND_DOM_AW, .ref = REF("Table 9-12") }

static const XcvrFieldDesc sff8472_fields[] = {
    ENUM("identifier", "Identifier", SFF8472_ID, &xcvr_sff8024_identifier, 0,
         "Table 5-1; SFF-8024 Table 4-1"),
    ENUM("extended_identifier", "Extended identifier", SFF8472_EXT_ID, &ext_id_table, SFPID,
         "Table 5-2"),
    ENUM("connector", "Connector", SFF8472_CONNECTOR, &xcvr_sff8024_connector, SFPID,
         "SFF-8024 Table 4-3"),
    { .key = "transceiver_codes", .label = "Transceiver codes", .kind = XCVR_KIND_HEXBYTES,
      .i2c = A0, .offset = SFF8472_TRANSCEIVER, .len = 8, .flags = SFPID,
      .hook = hook_transceiver_codes, .ref = REF("Table 5-3, byte 36") },
    { .key = "transceiver_type", .label = "Transceiver type", .kind = XCVR_KIND_BITS,
      .i2c = A0, .bits = transceiver_bits, .n_bits = G_N_ELEMENTS(transceiver_bits),
      .flags = SFPID, .hook = hook_transceiver_type,
      .ref = REF("Table 5-3; SFF-8024 Table 4-4") },
    ENUM("encoding", "Encoding", SFF8472_ENCODING, &xcvr_sff8024_encoding_sff8472, SFPID,
         "SFF-8024 Table 4-2"),
    { .key = "br_nominal", .label = "BR, Nominal", .kind = XCVR_KIND_UINT, .i2c = A0,
      .offset = SFF8472_BR_NOMINAL, .len = 1, .unit = "MBd", .flags = SFPID, .hook = hook_br,
      .ref = REF("§5.6, bytes 12 and 66") },
    ENUM("rate_identifier", "Rate identifier", SFF8472_RATE_ID, &rate_id_table, SFPID,
         "Table 5-6"),
    UINT("length_smf_km", "Length (SMF,km)", 14, 1, 1, "km", XCVR_COND_ALWAYS, "§6.1"),
    UINT("length_smf", "Length (SMF)", 15, 1, 100, "m", XCVR_COND_ALWAYS, "§6.2"),
    UINT("length_om2", "Length (50um)", 16, 1, 10, "m", XCVR_COND_ALWAYS, "§6.3"),
    UINT("length_om1", "Length (62.5um)", 17, 1, 10, "m", XCVR_COND_ALWAYS, "§6.4"),
    UINT("length_copper", "Length (Copper)", 18, 1, 1, "m", XCVR_COND_ALWAYS, "§6.5"),
    UINT("length_om3", "Length (OM3)", 19, 1, 10, "m", XCVR_COND_ALWAYS, "§6.6"),
    { .key = "passive_cu_compliance", .label = "Passive Cu cmplnce.", .kind = XCVR_KIND_ENUM,
      .i2c = A0, .offset = SFF8472_CABLE_SPEC, .len = 1, .codes = &passive_cu_table,
      .text_suffix = " [SFF-8472 rev10.4 only]", .cond = XCVR_COND_PASSIVE_CU,
      .flags = SFPID, .ref = REF("Table 8-1") },
    { .key = "active_cu_compliance", .label = "Active Cu cmplnce.", .kind = XCVR_KIND_ENUM,
      .i2c = A0, .offset = SFF8472_CABLE_SPEC, .len = 1, .codes = &active_cu_table,
      .text_suffix = " [SFF-8472 rev10.4 only]", .cond = XCVR_COND_ACTIVE_CU,
      .flags = SFPID, .ref = REF("Table 8-2") },
    UINT("laser_wavelength", "Laser wavelength", SFF8472_CABLE_SPEC, 2, 1, "nm",
         XCVR_COND_OPTICAL, "§8.1"),
    ASCII("vendor_name", "Vendor name", 20, 16, "§7.1"),
    { .key = "vendor_oui", .label = "Vendor OUI", .kind = XCVR_KIND_OUI, .i2c = A0,
      .offset = 37, .len = 3, .flags = SFPID, .ref = REF("§7.2") },
    ASCII("vendor_pn", "Vendor PN", 40, 16, "§7.3"),
    ASCII("vendor_rev", "Vendor rev", 56, 4, "§7.4"),
    { .key = "option_values", .label = "Option values", .kind = XCVR_KIND_HEXBYTES, .i2c = A0,
      .offset = SFF8472_OPTIONS, .len = 2, .flags = SFPID, .ref = REF("Table 8-3") },
    BITS("options", "Option", A0, option_bits, XCVR_COND_ALWAYS, SFPID, "Table 8-3"),
    { .key = "br_margin_max", .label = "BR margin, max", .kind = XCVR_KIND_UINT, .i2c = A0,
      .offset = SFF8472_BR_MAX, .len = 1, .unit = "%", .flags = SFPID, .hook = hook_br,
      .ref = REF("§8.4") },
    { .key = "br_margin_min", .label = "BR margin, min", .kind = XCVR_KIND_UINT, .i2c = A0,
      .offset = SFF8472_BR_MIN, .len = 1, .unit = "%", .flags = SFPID, .hook = hook_br,
      .ref = REF("§8.5") },
    ASCII("vendor_sn", "Vendor SN", 68, 16, "§8.6"),
    ASCII("date_code", "Date code", 84, 8, "Table 8-4"),
    BITS("diagnostic_monitoring_type", NULL, A0, diag_type_bits, XCVR_COND_ALWAYS, 0,
         "Table 8-5"),
    BITS("enhanced_options", NULL, A0, enh_option_bits, XCVR_COND_ALWAYS, 0, "Table 8-6"),
    ENUM("sff8472_compliance", NULL, SFF8472_COMPLIANCE, &compliance_table, 0, "Table 8-8"),

    /* A2h: diagnostics (SFF-8472 §9), in ethtool's order */
    { .key = "optical_diagnostics_support", .label = "Optical diagnostics support",
      .kind = XCVR_KIND_BOOL, .i2c = A0, .offset = SFF8472_DIAG_TYPE, .len = 1, .mask = 0x40,
      .cond = XCVR_COND_A2_READ, .ref = REF("Table 8-5") },
    MEASURE("laser_bias_current", "Laser bias current", SFF8472_A2_BIAS, XCVR_QTY_CURRENT,
            XCVR_COND_DOM, "Table 9-11"),
    MEASURE("laser_output_power", "Laser output power", SFF8472_A2_TX_PWR, XCVR_QTY_TX_POWER,
            XCVR_COND_DOM, "Table 9-11"),
    MEASURE("rx_power", "Receiver signal OMA", SFF8472_A2_RX_PWR, XCVR_QTY_RX_POWER,
            XCVR_COND_DOM_RX_OMA, "Table 9-11"),
    MEASURE("rx_power", "Receiver signal average optical power", SFF8472_A2_RX_PWR,
            XCVR_QTY_RX_POWER, XCVR_COND_DOM_RX_AVG, "Table 9-11"),
    MEASURE("module_temperature", "Module temperature", SFF8472_A2_TEMP, XCVR_QTY_TEMPERATURE,
            XCVR_COND_DOM, "Table 9-11"),
    MEASURE("module_voltage", "Module voltage", SFF8472_A2_VCC, XCVR_QTY_VOLTAGE,
            XCVR_COND_DOM, "Table 9-11"),
    BITS("status_control", NULL, A2, status_bits, XCVR_COND_DOM, 0, "Table 9-11"),
    { .key = "alarm_warning_flags_implemented", .label = "Alarm/warning flags implemented",
      .kind = XCVR_KIND_BOOL, .i2c = A0, .offset = SFF8472_ENH_OPTIONS, .len = 1, .mask = 0x80,
      .cond = XCVR_COND_DOM, .ref = REF("Table 8-6") },

    FLAG("laser_bias_current_high_alarm", "Laser bias current high alarm", 112, 0x08),
    FLAG("laser_bias_current_low_alarm", "Laser bias current low alarm", 112, 0x04),
    FLAG("laser_bias_current_high_warning", "Laser bias current high warning", 116, 0x08),
    FLAG("laser_bias_current_low_warning", "Laser bias current low warning", 116, 0x04),
    FLAG("laser_output_power_high_alarm", "Laser output power high alarm", 112, 0x02),
    FLAG("laser_output_power_low_alarm", "Laser output power low alarm", 112, 0x01),
    FLAG("laser_output_power_high_warning", "Laser output power high warning", 116, 0x02),
    FLAG("laser_output_power_low_warning", "Laser output power low warning", 116, 0x01),
    FLAG("module_temperature_high_alarm", "Module temperature high alarm", 112, 0x80),
    FLAG("module_temperature_low_alarm", "Module temperature low alarm", 112, 0x40),
    FLAG("module_temperature_high_warning", "Module temperature high warning", 116, 0x80),
    FLAG("module_temperature_low_warning", "Module temperature low warning", 116, 0x40),
    FLAG("module_voltage_high_alarm", "Module voltage high alarm", 112, 0x20),
    FLAG("module_voltage_low_alarm", "Module voltage low alarm", 112, 0x10),
    FLAG("module_voltage_high_warning", "Module voltage high warning", 116, 0x20),
    FLAG("module_voltage_low_warning", "Module voltage low warning", 116, 0x10),
    FLAG("laser_rx_power_high_alarm", "Laser rx power high alarm", 113, 0x80),
    FLAG("laser_rx_power_low_alarm", "Laser rx power low alarm", 113, 0x40),
    FLAG("laser_rx_power_high_warning", "Laser rx power high warning", 117, 0x80),
    FLAG("laser_rx_power_low_warning", "Laser rx power low warning", 117, 0x40),

#define THRESH(k, l, off, q) MEASURE(k, l, off, q, XCVR_COND_DOM_AW, "Table 9-5")
    THRESH("laser_bias_current_high_alarm_threshold", "Laser bias current high alarm threshold", 16, XCVR_QTY_CURRENT),
    THRESH("laser_bias_current_low_alarm_threshold", "Laser bias current low alarm threshold", 18, XCVR_QTY_CURRENT),
    THRESH("laser_bias_current_high_warning_threshold", "Laser bias current high warning threshold", 20, XCVR_QTY_CURRENT),
    THRESH("laser_bias_current_low_warning_threshold", "Laser bias current low warning threshold", 22, XCVR_QTY_CURRENT),
    THRESH("laser_output_power_high_alarm_threshold", "Laser output power high alarm threshold", 24, XCVR_QTY_TX_POWER),
    THRESH("laser_output_power_low_alarm_threshold", "Laser output power low alarm threshold", 26, XCVR_QTY_TX_POWER),
    THRESH("laser_output_power_high_warning_threshold", "Laser output power high warning threshold", 28, XCVR_QTY_TX_POWER),
    THRESH("laser_output_power_low_warning_threshold", "Laser output power low warning threshold", 30, XCVR_QTY_TX_POWER),
    THRESH("module_temperature_high_alarm_threshold", "Module temperature high alarm threshold", 0, XCVR_QTY_TEMPERATURE),
    THRESH("module_temperature_low_alarm_threshold", "Module temperature low alarm threshold", 2, XCVR_QTY_TEMPERATURE),
    THRESH("module_temperature_high_warning_threshold", "Module temperature high warning threshold", 4, XCVR_QTY_TEMPERATURE),
    THRESH("module_temperature_low_warning_threshold", "Module temperature low warning threshold", 6, XCVR_QTY_TEMPERATURE),
    THRESH("module_voltage_high_alarm_threshold", "Module voltage high alarm threshold", 8, XCVR_QTY_VOLTAGE),
    THRESH("module_voltage_low_alarm_threshold", "Module voltage low alarm threshold", 10, XCVR_QTY_VOLTAGE),
    THRESH("module_voltage_high_warning_threshold", "Module voltage high warning threshold", 12, XCVR_QTY_VOLTAGE),
    THRESH("module_voltage_low_warning_threshold", "Module voltage low warning threshold", 14, XCVR_QTY_VOLTAGE),
    THRESH("laser_rx_power_high_alarm_threshold", "Laser rx power high alarm threshold", 32, XCVR_QTY_RX_POWER),
    THRESH("laser_rx_power_low_alarm_threshold", "Laser rx power low alarm threshold", 34, XCVR_QTY_RX_POWER),
    THRESH("laser_rx_power_high_warning_threshold", "Laser rx power high warning threshold", 36, XCVR_QTY_RX_POWER),
    THRESH("laser_rx_power_low_warning_threshold", "Laser rx power low warning threshold", 38, XCVR_QTY_RX_POWER),
#undef THRESH
    XCVR_FIELD_PAGES_UNREAD("SFF-8472"),
};

/* ---- family interface ------------------------------------------------------------------ */

static gboolean
sff8472_load(XcvrModule *module, const guint8 *data, gsize len, GError **error)
{
    gsize a0_len = MIN(len, (gsize)SFF8472_PAGE_LEN);

    if (len < SFF8472_ID_FIELDS_LEN) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_TRUNCATED,
                    "SFF-8472 image truncated: %" G_GSIZE_FORMAT " bytes, but the A0h ID "
                    "fields need bytes 0-%d (%d bytes)",
                    len, SFF8472_ID_FIELDS_LEN - 1, SFF8472_ID_FIELDS_LEN);
        return FALSE;
    }
    xcvr_page_map_add(module->map, XCVR_I2C_A0, 0, 0, 0, data, MIN(a0_len, (gsize)XCVR_HALF_PAGE));
    if (a0_len > XCVR_HALF_PAGE)
        xcvr_page_map_add(module->map, XCVR_I2C_A0, 0, 0, XCVR_HALF_PAGE, data + XCVR_HALF_PAGE,
                          a0_len - XCVR_HALF_PAGE);

    if (len >= SFF8472_IMAGE_LEN) {
        const guint8 *a2 = data + SFF8472_PAGE_LEN;

        xcvr_page_map_add(module->map, XCVR_I2C_A2, 0, 0, 0, a2, XCVR_HALF_PAGE);
        xcvr_page_map_add(module->map, XCVR_I2C_A2, 0, 0, XCVR_HALF_PAGE, a2 + XCVR_HALF_PAGE,
                          XCVR_HALF_PAGE);
        if (len > SFF8472_IMAGE_LEN)
            xcvr_module_warn(module, "%" G_GSIZE_FORMAT " bytes after A2h ignored",
                             len - SFF8472_IMAGE_LEN);
    } else if (len > SFF8472_PAGE_LEN) {
        /* A partial A2h cannot be trusted piecemeal (the checksum covers 0-94, the values
         * and flags lie beyond): keep A0h, say what is missing. */
        xcvr_module_warn(module,
                         "%" G_GSIZE_FORMAT " bytes follow A0h, not the %d of an A2h page: "
                         "diagnostics not decoded",
                         len - SFF8472_PAGE_LEN, SFF8472_PAGE_LEN);
    }
    /* A short A0h (nothing past byte 95 is decoded) is normal for published dumps: no word
     * about it, not even a debug message, whose formatting GLib does before it knows whether
     * anyone listens (it was a twentieth of such a decode). */
    return TRUE;
}

static void
sff8472_prepare(XcvrModule *module, XcvrDecodeCtx *ctx)
{
    guint8 diag;
    guint8 enh;

    ctx->map = module->map;
    ctx->a0h_names = TRUE;
    ctx->id = a0(ctx, SFF8472_ID);
    ctx->id_known = (ctx->id == 0x02 || ctx->id == 0x03) && a0(ctx, SFF8472_EXT_ID) == 0x04;
    ctx->cable = a0(ctx, SFF8472_CABLE_TECH) & 0x0c;
    ctx->a2_read = xcvr_page_map_valid(module->map, XCVR_I2C_A2, 0, 0, 0) == XCVR_HALF_PAGE;
    diag = a0(ctx, SFF8472_DIAG_TYPE);
    enh = a0(ctx, SFF8472_ENH_OPTIONS);
    ctx->dom = ctx->a2_read && (diag & 0x40) != 0;
    ctx->dom_ext_cal = (diag & 0x10) != 0;
    ctx->dom_rx_avg = (diag & 0x08) != 0;
    ctx->dom_aw = ctx->dom && (enh & 0x80) != 0;
    if (ctx->id != 0x02 && ctx->id != 0x03)
        xcvr_module_warn(module,
                         "identifier 0x%02x (%s) is not an SFP-class module: the SFF-8472 "
                         "field layout may not apply",
                         ctx->id, xcvr_code_table_name(&xcvr_sff8024_identifier, ctx->id));
}

static void
sff8472_checksums(XcvrModule *module)
{
    xcvr_module_add_checksum(module, "cc_base", "A0h bytes 0-62 (base ID fields)",
                             XCVR_I2C_A0, 0, 0, 62, SFF8472_CC_BASE);
    xcvr_module_add_checksum(module, "cc_ext", "A0h bytes 64-94 (extended ID fields)",
                             XCVR_I2C_A0, 0, 64, 94, SFF8472_CC_EXT);
    if (xcvr_page_map_valid(module->map, XCVR_I2C_A2, 0, 0, 0) != 0)
        xcvr_module_add_checksum(module, "cc_dmi", "A2h bytes 0-94 (diagnostic thresholds "
                                 "and calibration)", XCVR_I2C_A2, 0, 0, 94, SFF8472_A2_CC_DMI);
}

/* Every field decoded lies in the lower halves: A0h 0-95, A2h 0-119. A2h only when the
 * module says it implements diagnostics (Table 8-5). */
static void
sff8472_plan(const XcvrPageMap *map, XcvrDecodeFlags flags, XcvrPageRequests *requests)
{
    guint8 diag = 0;

    if (xcvr_page_map_valid(map, XCVR_I2C_A0, 0, 0, 0) < SFF8472_ID_FIELDS_LEN) {
        xcvr_plan_page(map, requests, XCVR_I2C_A0, 0, 0, 0);
        return;
    }
    (void)xcvr_page_map_get_u8(map, XCVR_I2C_A0, 0, SFF8472_DIAG_TYPE, &diag);
    if ((diag & 0x40) != 0)
        xcvr_plan_page(map, requests, XCVR_I2C_A2, 0, 0, 0);
}

const XcvrFamilyDecoder xcvr_sff8472_decoder = {
    .family = XCVR_FAMILY_SFF8472,
    .spec = "SFF-8472",
    .fields = sff8472_fields,
    .n_fields = G_N_ELEMENTS(sff8472_fields),
    .load = sff8472_load,
    .prepare = sff8472_prepare,
    .checksums = sff8472_checksums,
    .plan = sff8472_plan,
};
