/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmis.c: CMIS memory map (QSFP-DD, OSFP, DSFP, and QSFP+/SFP+ managed through CMIS): lower
 * memory, page 00h identity, page 01h advertising, page 02h thresholds, page 11h per-lane
 * monitors, flags and states of every bank — described once, in ethtool 6.1's order, with
 * what ethtool does not print (application descriptors, lane states) after it.
 *
 * Specs: CMIS Rev 5.2 (OIF-CMIS-05.2) Tables 8-4 to 8-90; CMIS 3.0/4.0 share the layout of
 * every field decoded here. SFF-8024 Rev 4.x for code tables.
 */
#include "sff/cmis.h"

#include <string.h>

#include <xcvrmap/xcvr-error.h>

#include "sff/sff8024.h"

/* Lower memory (CMIS Table 8-4), upper page offsets as 128-255. */
enum {
    CMIS_ID = 0,
    CMIS_REVISION = 1,
    CMIS_MEMORY_MODEL = 2,    /* bit 7: flat memory */
    CMIS_MODULE_STATE = 3,    /* bits 3-1 */
    CMIS_MODULE_FLAGS = 9,    /* temperature and Vcc alarm/warning flags */
    CMIS_AUX_FLAGS = 10,      /* 10: aux1 (bits 3-0), aux2 (7-4); 11: aux3 (3-0) */
    CMIS_AUX1 = 18,           /* 18-23: aux monitors 1-3, 2 bytes each */
    CMIS_TEMP = 14,
    CMIS_VCC = 16,
    CMIS_MODULE_CONTROL = 26,
    CMIS_FW_ACTIVE = 39,      /* 39-40 major.minor */
    CMIS_FAULT_CAUSE = 41,
    CMIS_MEDIA_TYPE = 85,
    CMIS_APPS = 86,           /* 86-117: 8 application descriptors of 4 bytes */
    /* page 00h */
    CMIS_POWER_CLASS = 200,
    CMIS_MAX_POWER = 201,
    CMIS_CABLE_LENGTH = 202,
    CMIS_CONNECTOR = 203,
    CMIS_COPPER_ATT = 204,    /* 204-207 */
    CMIS_MEDIA_TECH = 212,
    CMIS_CC_PAGE00 = 222,
    /* page 01h */
    CMIS_FW_INACTIVE = 128,
    CMIS_SMF_LENGTH = 132,
    CMIS_WAVELENGTH = 138,
    CMIS_WAVELENGTH_TOL = 140,
    CMIS_HW_REV = 130,        /* 130-131 major.minor */
    CMIS_BANKS = 142,         /* bits 1-0: banks; bit 6: VDM pages 20h-2Fh */
    CMIS_DP_DURATIONS = 144,  /* bits 3-0: DPInit, 7-4: DPDeinit */
    CMIS_AUX_TYPES = 145,     /* bit 0: aux1 is TEC current (else custom); bit 1: aux2 is
                               * TEC current (else laser temperature); bit 2: aux3 is Vcc2
                               * (else laser temperature) */
    CMIS_TX_CONTROLS_ADV = 155, /* bit 1: OutputDisableTx supported */
    CMIS_RX_CONTROLS_ADV = 156, /* bit 1: OutputDisableRx supported */
    CMIS_MODULE_MONITORS = 159, /* bits 2-4: aux1-aux3 monitors implemented */
    CMIS_RX_POWER_TYPE = 151, /* bit 4: average power */
    CMIS_LANE_MONITORS = 160, /* bits 0-2: bias, TX power, RX power; bits 4-3: bias mult */
    CMIS_TX_SI = 161,         /* bit 1: Tx CDR bypass control, 2: fixed input eq,
                               * 3: adaptive input eq */
    CMIS_RX_SI = 162,         /* bit 1: Rx CDR bypass control, 2: output amplitude,
                               * 3: output eq pre-cursor, 4: post-cursor */
    CMIS_CDB = 163,           /* bits 7-6: CDB instances */
    CMIS_MODULE_DURATIONS = 167, /* bits 3-0: ModulePwrUp, 7-4: ModulePwrDn */
    CMIS_TX_DURATIONS = 168,  /* bits 3-0: DPTxTurnOn, 7-4: DPTxTurnOff */
    CMIS_MEDIA_LANE_OPTS = 176, /* 176-190: media lane assignment of applications 1-15 */
    CMIS_APPS_MORE = 223,     /* 223-250: descriptors 9-15 */
    /* page 10h (a copy per bank): lane controls and Staged Control Set 0, as read */
    CMIS_OUTPUT_DISABLE_TX = 130, /* a bit per lane */
    CMIS_OUTPUT_DISABLE_RX = 138,
    CMIS_SCS0_DPCONFIG = 145, /* 145-152: ApSel (7-4), DataPathID (3-1), explicit (0) */
    CMIS_SCS0_ADAPTIVE_EQ_TX = 153, /* a bit per lane */
    CMIS_SCS0_FIXED_EQ_TX = 156, /* 156-159: a nibble per lane */
    CMIS_SCS0_CDR_TX = 160,
    CMIS_SCS0_CDR_RX = 161,
    CMIS_SCS0_PRE_CURSOR_RX = 162, /* 162-165: a nibble per lane */
    CMIS_SCS0_POST_CURSOR_RX = 166, /* 166-169 */
    CMIS_SCS0_AMPLITUDE_RX = 170, /* 170-173 */
    /* page 11h */
    CMIS_DP_STATE = 128,      /* 128-131: a nibble per lane */
    CMIS_OUTPUT_RX = 132,     /* a bit per lane: Rx output valid */
    CMIS_OUTPUT_TX = 133,
    CMIS_TX_FAULT = 135,
    CMIS_TX_LOS = 136,
    CMIS_TX_CDR_LOL = 137,
    CMIS_TX_EQ_FAULT = 138,
    CMIS_TX_PWR_FLAGS = 139,  /* 139-142: high/low alarm, high/low warning */
    CMIS_TX_BIAS_FLAGS = 143, /* 143-146 */
    CMIS_RX_LOS = 147,
    CMIS_RX_CDR_LOL = 148,
    CMIS_RX_PWR_FLAGS = 149,  /* 149-152 */
    CMIS_TX_PWR = 154,        /* 154-169 */
    CMIS_TX_BIAS = 170,       /* 170-185 */
    CMIS_RX_PWR = 186,        /* 186-201 */
    CMIS_CONFIG_STATUS = 202, /* 202-205: a nibble per lane */
    CMIS_ACTIVE_DPCONFIG = 206, /* 206-213: ApSel (7-4), DataPathID (3-1), explicit (0) */
};

#define P00 0x00
#define P01 0x01
#define P02 0x02
#define P10 0x10
#define P11 0x11
#define VDM_DESC 0x20   /* 20h-23h: descriptors of groups 1-4 */
#define VDM_VALUE 0x24  /* 24h-27h: samples */
#define VDM_THRESH 0x28 /* 28h-2Bh: threshold sets */
#define VDM_FLAGS 0x2c  /* 2Ch: flags of every group */
#define VDM_CONTROL 0x2f /* 2Fh byte 128 bits 1-0: groups supported - 1 */
#define CMIS_IMAGE_FLAT_LEN 256

/* ---- code tables ----------------------------------------------------------------------- */

/* CMIS Table 8-31 Media Interface Technology (byte 212). */
static const XcvrCodeName tech_names[] = {
    [0x00] = { "850 nm VCSEL", NULL },
    [0x01] = { "1310 nm VCSEL", NULL },
    [0x02] = { "1550 nm VCSEL", NULL },
    [0x03] = { "1310 nm FP", NULL },
    [0x04] = { "1310 nm DFB", NULL },
    [0x05] = { "1550 nm DFB", NULL },
    [0x06] = { "1310 nm EML", NULL },
    [0x07] = { "1550 nm EML", NULL },
    [0x08] = { "Others/Undefined", NULL },
    [0x09] = { "1490 nm DFB", NULL },
    [0x0a] = { "Copper cable, unequalized", NULL },
    [0x0b] = { "Copper cable, passive equalized", NULL },
    [0x0c] = { "Copper cable, near and far end limiting active equalizers", NULL },
    [0x0d] = { "Copper cable, far end limiting active equalizers", NULL },
    [0x0e] = { "Copper cable, near end limiting active equalizers", NULL },
    [0x0f] = { "Copper cable, linear active equalizers", NULL },
    [0x10] = { "C-band tunable laser", XCVR_NO_LABEL },
    [0x11] = { "L-band tunable laser", XCVR_NO_LABEL },
};
static const XcvrCodeTable tech_table = {
    tech_names, G_N_ELEMENTS(tech_names), "reserved or unknown"
};

/* CMIS Table 8-6 Module State Encodings (byte 3 bits 3-1). */
static const XcvrCodeName state_names[] = {
    [0x01] = { "ModuleLowPwr", NULL },
    [0x02] = { "ModulePwrUp", NULL },
    [0x03] = { "ModuleReady", NULL },
    [0x04] = { "ModulePwrDn", NULL },
    [0x05] = { "ModuleFault", NULL },
};
static const XcvrCodeTable state_table = {
    state_names, G_N_ELEMENTS(state_names), "reserved or unknown"
};

/* CMIS Table 8-15 Module Fault Cause (byte 41). */
static const XcvrCodeName fault_names[] = {
    [0x00] = { "No fault detected / not supported", NULL },
    [0x01] = { "TEC runaway", NULL },
    [0x02] = { "Data memory corrupted", NULL },
    [0x03] = { "Program memory corrupted", NULL },
};
static const XcvrCodeTable fault_table = {
    fault_names, G_N_ELEMENTS(fault_names), "reserved or unknown"
};

/* CMIS Table 8-78 Data Path State encodings (page 11h, a nibble per lane). */
static const XcvrCodeName dp_state_names[] = {
    [0x01] = { "DPDeactivated", NULL },
    [0x02] = { "DPInit", NULL },
    [0x03] = { "DPDeinit", NULL },
    [0x04] = { "DPActivated", NULL },
    [0x05] = { "DPTxTurnOn", NULL },
    [0x06] = { "DPTxTurnOff", NULL },
    [0x07] = { "DPInitialized", NULL },
};
static const XcvrCodeTable dp_state_table = {
    dp_state_names, G_N_ELEMENTS(dp_state_names), "reserved or unknown"
};

/* CMIS state duration encoding (page 01h bytes 144, 167, 168: a nibble each). */
static const XcvrCodeName duration_names[] = {
    [0x00] = { "less than 1 ms", NULL },
    [0x01] = { "1 ms to 5 ms", NULL },
    [0x02] = { "5 ms to 10 ms", NULL },
    [0x03] = { "10 ms to 50 ms", NULL },
    [0x04] = { "50 ms to 100 ms", NULL },
    [0x05] = { "100 ms to 500 ms", NULL },
    [0x06] = { "500 ms to 1 s", NULL },
    [0x07] = { "1 s to 5 s", NULL },
    [0x08] = { "5 s to 10 s", NULL },
    [0x09] = { "10 s to 1 min", NULL },
    [0x0a] = { "1 min to 5 min", NULL },
    [0x0b] = { "5 min to 10 min", NULL },
    [0x0c] = { "10 min to 50 min", NULL },
    [0x0d] = { "50 min or more", NULL },
};
static const XcvrCodeRange duration_ranges[] = { { 0x0e, 0xff, "reserved" } };
static const XcvrCodeTable duration_table = {
    duration_names, G_N_ELEMENTS(duration_names), "reserved or unknown", duration_ranges,
    G_N_ELEMENTS(duration_ranges)
};

/* CMIS configuration status of a lane (page 11h bytes 202-205, a nibble per lane). */
static const XcvrCodeName config_status_names[] = {
    [0x00] = { "ConfigUndefined", NULL },
    [0x01] = { "ConfigSuccess", NULL },
    [0x02] = { "ConfigRejected", NULL },
    [0x03] = { "ConfigRejectedInvalidAppSel", NULL },
    [0x04] = { "ConfigRejectedInvalidDataPath", NULL },
    [0x05] = { "ConfigRejectedInvalidSI", NULL },
    [0x06] = { "ConfigRejectedLanesInUse", NULL },
    [0x07] = { "ConfigRejectedPartialDataPath", NULL },
    [0x0c] = { "ConfigInProgress", NULL },
};
static const XcvrCodeRange config_status_ranges[] = {
    { 0x08, 0x0b, "reserved" },
    { 0x0d, 0x0f, "custom" },
    { 0x10, 0xff, "reserved" },
};
static const XcvrCodeTable config_status_table = {
    config_status_names, G_N_ELEMENTS(config_status_names), "reserved or unknown",
    config_status_ranges, G_N_ELEMENTS(config_status_ranges)
};

/* Signal integrity targets of a lane (page 10h Staged Control Set 0, a nibble per lane):
 * the code tables CMIS Rev 5.2 §6.2.4 gives for Tx input equalization, Rx output pre- and
 * post-cursor equalization and Rx output amplitude. */
static const XcvrCodeName tx_input_eq_names[16] = {
    [0x0] = { "0 dB", NULL },  [0x1] = { "1 dB", NULL },   [0x2] = { "2 dB", NULL },
    [0x3] = { "3 dB", NULL },  [0x4] = { "4 dB", NULL },   [0x5] = { "5 dB", NULL },
    [0x6] = { "6 dB", NULL },  [0x7] = { "7 dB", NULL },   [0x8] = { "8 dB", NULL },
    [0x9] = { "9 dB", NULL },  [0xa] = { "10 dB", NULL },  [0xb] = { "11 dB", NULL },
    [0xc] = { "12 dB", NULL },
};
static const XcvrCodeRange tx_input_eq_ranges[] = { { 0x0d, 0x0f, "reserved" } };
static const XcvrCodeTable tx_input_eq_table = {
    tx_input_eq_names, 16, "reserved", tx_input_eq_ranges, G_N_ELEMENTS(tx_input_eq_ranges)
};

static const XcvrCodeName rx_pre_cursor_names[16] = {
    [0x0] = { "0 dB", NULL },   [0x1] = { "0.5 dB", NULL }, [0x2] = { "1 dB", NULL },
    [0x3] = { "1.5 dB", NULL }, [0x4] = { "2 dB", NULL },   [0x5] = { "2.5 dB", NULL },
    [0x6] = { "3 dB", NULL },   [0x7] = { "3.5 dB", NULL },
};
static const XcvrCodeRange eq_rx_ranges[] = { { 0x08, 0x0f, "reserved" } };
static const XcvrCodeTable rx_pre_cursor_table = {
    rx_pre_cursor_names, 16, "reserved", eq_rx_ranges, G_N_ELEMENTS(eq_rx_ranges)
};

static const XcvrCodeName rx_post_cursor_names[16] = {
    [0x0] = { "0 dB", NULL }, [0x1] = { "1 dB", NULL }, [0x2] = { "2 dB", NULL },
    [0x3] = { "3 dB", NULL }, [0x4] = { "4 dB", NULL }, [0x5] = { "5 dB", NULL },
    [0x6] = { "6 dB", NULL }, [0x7] = { "7 dB", NULL },
};
static const XcvrCodeTable rx_post_cursor_table = {
    rx_post_cursor_names, 16, "reserved", eq_rx_ranges, G_N_ELEMENTS(eq_rx_ranges)
};

static const XcvrCodeName rx_amplitude_names[16] = {
    [0x0] = { "100-400 mV", NULL },
    [0x1] = { "300-600 mV", NULL },
    [0x2] = { "400-800 mV", NULL },
    [0x3] = { "600-1200 mV", NULL },
};
static const XcvrCodeRange rx_amplitude_ranges[] = {
    { 0x04, 0x0e, "reserved" },
    { 0x0f, 0x0f, "custom" },
};
static const XcvrCodeTable rx_amplitude_table = {
    rx_amplitude_names, 16, "reserved", rx_amplitude_ranges, G_N_ELEMENTS(rx_amplitude_ranges)
};

/* ---- hooks ----------------------------------------------------------------------------- */

static guint8
byte_at(const XcvrDecodeCtx *ctx, guint8 page, guint offset)
{
    guint8 v = 0;

    (void)xcvr_page_map_get_u8(ctx->map, XCVR_I2C_A0, page, offset, &v);
    return v;
}

static gboolean
have(const XcvrDecodeCtx *ctx, guint8 page, guint offset)
{
    return xcvr_page_map_get(ctx->map, XCVR_I2C_A0, 0, page, offset, 1) != NULL;
}

/* The identifier: ethtool 6.1 decodes only QSFP-DD, OSFP and DSFP as CMIS (it hex-dumps
 * the others), so for the rest its table's "reserved or unknown" would only mislead. */
static gboolean
hook_identifier(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    if (!xcvr_field_decode_generic(ctx, desc, value))
        return FALSE;
    if (value->raw != 0x18 && value->raw != 0x19 && value->raw != 0x1b)
        value->label = value->text;
    return TRUE;
}

/* Power class: byte 200 bits 7-5, class = value + 1 (Table 8-29). */
static gboolean
hook_power_class(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    if (!have(ctx, P00, CMIS_POWER_CLASS))
        return FALSE;
    value->raw = (byte_at(ctx, P00, CMIS_POWER_CLASS) >> 5) + 1u;
    value->number = (double)value->raw;
    return TRUE;
}

/* Cable assembly length (Table 8-30): bits 5-0 times 0.1/1/10/100 m; 0xFF: longer than 6.3 km. */
static gboolean
hook_cable_length(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    static const double mult[] = { 0.1, 1, 10, 100 };
    static const guint hundredths[] = { 10, 100, 1000, 10000 };
    guint8 b;

    if (!have(ctx, P00, CMIS_CABLE_LENGTH))
        return FALSE;
    b = byte_at(ctx, P00, CMIS_CABLE_LENGTH);
    value->raw = b;
    if (b == 0xff) {
        value->number = 6300; /* "more than": the JSON says so in the text */
        value->text = "> 6.3km";
        return TRUE;
    }
    value->number = (b & 0x3f) * mult[b >> 6];
    value->text = xcvr_ctx_keep_hundredths(ctx, (b & 0x3fu) * hundredths[b >> 6], "m");
    return TRUE;
}

/* Length (SMF) (Table 8-43): bits 5-0 in 0.1 km (multiplier 00) or 1 km. */
static gboolean
hook_smf_length(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    guint8 b;

    if (!have(ctx, P01, CMIS_SMF_LENGTH))
        return FALSE;
    b = byte_at(ctx, P01, CMIS_SMF_LENGTH);
    value->raw = b;
    value->number = (b & 0x3f) * ((b >> 6) == 0 ? 0.1 : 1.0);
    value->text = xcvr_ctx_keep_hundredths(ctx, (b & 0x3fu) * ((b >> 6) == 0 ? 10u : 100u), "km");
    return TRUE;
}

/* "Rev. major.minor" of a byte's two nibbles (revision compliance, Table 8-4). */
static gboolean
hook_revision(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    guint8 b;

    if (!xcvr_page_map_get_u8(ctx->map, XCVR_I2C_A0, 0, CMIS_REVISION, &b))
        return FALSE;
    value->text = xcvr_ctx_keep_version(ctx, "Rev. ", b >> 4, b & 0x0f);
    return TRUE;
}

/* Module state: byte 3 bits 3-1 (Table 8-5). */
static gboolean
hook_module_state(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    guint8 b;
    guint8 state;

    if (!xcvr_page_map_get_u8(ctx->map, XCVR_I2C_A0, 0, CMIS_MODULE_STATE, &b))
        return FALSE;
    state = (b >> 1) & 0x07;
    value->raw = state;
    value->text = xcvr_code_table_name(&state_table, state);
    value->label = xcvr_code_table_label(&state_table, state);
    return TRUE;
}

/* Firmware version "major.minor" (Tables 8-14, 8-37); 0.0 is "not given". */
static gboolean
hook_firmware(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    const guint8 *p = xcvr_page_map_get(ctx->map, XCVR_I2C_A0, 0, desc->page, desc->offset, 2);

    if (p == NULL)
        return FALSE;
    if (p[0] == 0xff && p[1] == 0xff)
        value->text = "invalid";
    else
        value->text = xcvr_ctx_keep_version(ctx, "", p[0], p[1]);
    return TRUE;
}

/* TX bias: the register in 2 uA units times the multiplier of page 01h byte 160 bits 4-3
 * (Table 8-45: 1, 2, 4), for monitors and thresholds alike. */
static gboolean
hook_bias(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    static const guint mult[] = { 1, 2, 4, 1 };

    if (!xcvr_field_decode_generic(ctx, desc, value) || !have(ctx, P01, CMIS_LANE_MONITORS))
        return FALSE;
    value->raw *= mult[(byte_at(ctx, P01, CMIS_LANE_MONITORS) >> 3) & 3];
    value->number = xcvr_quantity_scale(XCVR_QTY_CURRENT, (gint64)value->raw);
    return TRUE;
}

/* Data path state of a lane: a nibble of page 11h bytes 128-131 (Table 8-77). */
static gboolean
hook_dp_state(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    guint idx = (value->lane - 1) % XCVR_LANES_PER_BANK;
    const guint8 *p = xcvr_page_map_get(ctx->map, XCVR_I2C_A0, xcvr_field_bank(desc, value),
                                        P11, CMIS_DP_STATE + idx / 2, 1);
    guint8 state;

    if (p == NULL)
        return FALSE;
    state = (idx % 2 == 0) ? (p[0] & 0x0f) : (p[0] >> 4);
    value->raw = state;
    value->text = xcvr_code_table_name(&dp_state_table, state);
    value->label = value->text;
    return TRUE;
}

/* A code in the nibble @desc->mask (0x0f or 0xf0) of one byte, looked up in @desc->codes. */
static gboolean
hook_nibble(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    guint8 b;

    if (!have(ctx, desc->page, desc->offset))
        return FALSE;
    b = byte_at(ctx, desc->page, desc->offset);
    value->raw = desc->mask == 0xf0 ? b >> 4 : b & 0x0f;
    value->text = xcvr_code_table_name(desc->codes, (guint)value->raw);
    value->label = value->text;
    return TRUE;
}

/* A per-lane code, a nibble per lane of a banked page 11h run (lane 1 in the low nibble of
 * the first byte), looked up in @desc->codes. */
static gboolean
hook_lane_nibble(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    guint idx = (value->lane - 1) % XCVR_LANES_PER_BANK;
    const guint8 *p = xcvr_page_map_get(ctx->map, XCVR_I2C_A0, xcvr_field_bank(desc, value),
                                        desc->page, desc->offset + idx / 2, 1);

    if (p == NULL)
        return FALSE;
    value->raw = (idx % 2 == 0) ? (p[0] & 0x0f) : (p[0] >> 4);
    value->text = xcvr_code_table_name(desc->codes, (guint)value->raw);
    value->label = value->text;
    return TRUE;
}

/* The application a host lane runs now: the ApSel code of its Active Control Set entry
 * (page 11h bytes 206-213, bits 7-4; 0 = lane unused). */
static gboolean
hook_active_apsel(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    guint idx = (value->lane - 1) % XCVR_LANES_PER_BANK;
    const guint8 *p = xcvr_page_map_get(ctx->map, XCVR_I2C_A0, xcvr_field_bank(desc, value),
                                        P11, CMIS_ACTIVE_DPCONFIG + idx, 1);

    if (p == NULL)
        return FALSE;
    value->raw = p[0] >> 4;
    value->number = (double)value->raw;
    return TRUE;
}

/* One of the bit groups @desc->mask of a lane's own byte in a banked page (page 10h Staged
 * Control Set 0 DPConfigLane, bytes 145-152: ApSel 7-4, DataPathID 3-1, explicit 0). */
static gboolean
hook_lane_byte_bits(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    guint idx = (value->lane - 1) % XCVR_LANES_PER_BANK;
    const guint8 *p = xcvr_page_map_get(ctx->map, XCVR_I2C_A0, xcvr_field_bank(desc, value),
                                        desc->page, desc->offset + idx, 1);

    if (p == NULL)
        return FALSE;
    value->raw = (guint64)(p[0] & desc->mask) >> g_bit_nth_lsf(desc->mask, -1);
    value->number = (double)value->raw;
    return TRUE;
}

/* The aux monitor (1-3) that page 01h bytes 145 and 159 say holds the quantity of @desc:
 * laser temperature, TEC current or Vcc2 (cmis_prepare worked them out). */
static guint
aux_of(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc)
{
    switch (desc->quantity) {
    case XCVR_QTY_TEMPERATURE:
        return ctx->laser_temp_aux;
    case XCVR_QTY_TEC_CURRENT:
        return ctx->tec_current_aux;
    case XCVR_QTY_VOLTAGE:
        return ctx->vcc2_aux;
    case XCVR_QTY_NONE:
    case XCVR_QTY_DB256:
    case XCVR_QTY_PERCENT:
    case XCVR_QTY_FREQ_ERROR:
    case XCVR_QTY_F16:
    case XCVR_QTY_CURRENT:
    case XCVR_QTY_TX_POWER:
    case XCVR_QTY_RX_POWER:
    case _XCVR_QTY_LAST:
    default:
        return 0;
    }
}

/* An aux monitor reading (lower 18 + 2·(aux-1)) or threshold (page 02h 144 + 8·(aux-1)):
 * @desc->offset is aux 1's, @desc->lane_stride the step from one aux monitor to the next. */
static gboolean
hook_aux(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    guint aux = aux_of(ctx, desc);
    const guint8 *p;
    guint16 u;
    gint64 raw;

    if (aux == 0)
        return FALSE;
    p = xcvr_page_map_get(ctx->map, XCVR_I2C_A0, 0, desc->page,
                          desc->offset + desc->lane_stride * (aux - 1u), 2);
    if (p == NULL)
        return FALSE;
    u = (guint16)((p[0] << 8) | p[1]);
    /* temperature and TEC current are signed (CMIS Table 8-10), Vcc2 is not */
    raw = desc->quantity == XCVR_QTY_VOLTAGE ? (gint64)u : (gint64)(gint16)u;
    value->raw = (guint64)raw;
    value->number = xcvr_quantity_scale(desc->quantity, raw);
    return TRUE;
}

/* An aux monitor's alarm or warning flag: lower byte 10 (aux 1 in bits 3-0, aux 2 in 7-4) or
 * 11 (aux 3 in bits 3-0), @desc->mask the bit in the low nibble (Table 8-9). */
static gboolean
hook_aux_flag(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    guint aux = aux_of(ctx, desc);
    guint8 b;

    if (aux == 0 || !xcvr_page_map_get_u8(ctx->map, XCVR_I2C_A0, 0,
                                          CMIS_AUX_FLAGS + (aux - 1u) / 2, &b))
        return FALSE;
    value->raw = (b & (desc->mask << ((aux - 1u) % 2 * 4))) != 0;
    return TRUE;
}

/* CDB instances supported: page 01h byte 163 bits 7-6 (0, 1 or 2; 3 reserved). */
static gboolean
hook_cdb_instances(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    if (!have(ctx, P01, CMIS_CDB))
        return FALSE;
    value->raw = byte_at(ctx, P01, CMIS_CDB) >> 6;
    value->number = (double)value->raw;
    return TRUE;
}

/* The descriptor's bytes are kept; its line is written when rendered. */
static void
add_application(const XcvrDecodeCtx *ctx, XcvrValue *value, guint n, const guint8 *d)
{
    XcvrItem *item = xcvr_value_add_item_full(ctx, value);

    item->format = XCVR_ITEM_APPLICATION;
    item->args[0] = (guint8)n;
    memcpy(item->args + 1, d, 4);
    item->args[5] = byte_at(ctx, 0, CMIS_MEDIA_TYPE);
    /* page 01h bytes 176-190: which media lanes each application may start on */
    if (have(ctx, P01, CMIS_MEDIA_LANE_OPTS + n - 1)) {
        item->args[6] = byte_at(ctx, P01, CMIS_MEDIA_LANE_OPTS + n - 1);
        item->args[7] = 1;
    }
}

/* Application descriptors (Table 8-23): lower 86-117, page 01h 223-250; a host interface
 * ID of 0xFF ends the list. ethtool 6.1 prints none of them. */
static gboolean
hook_applications(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    const guint8 *lower = xcvr_page_map_get(ctx->map, XCVR_I2C_A0, 0, 0, CMIS_APPS, 32);
    const guint8 *more = xcvr_page_map_get(ctx->map, XCVR_I2C_A0, 0, P01, CMIS_APPS_MORE, 28);
    guint i;

    if (lower == NULL)
        return FALSE;
    for (i = 0; i < 8; i++) {
        if (lower[i * 4] == 0xff || lower[i * 4] == 0x00)
            return TRUE;
        add_application(ctx, value, i + 1, lower + i * 4);
    }
    for (i = 0; more != NULL && i < 7; i++) {
        if (more[i * 4] == 0xff || more[i * 4] == 0x00)
            break;
        add_application(ctx, value, i + 9, more + i * 4);
    }
    return TRUE;
}

/* ---- VDM (pages 20h-2Fh, bank 0) ------------------------------------------------------- */

/* Where an observable of type @type on @lane is described: its group (page 20h + group) and
 * index (bytes 128 + 2·index: threshold set ID in bits 7-4 and lane - 1 in bits 3-0 of the
 * first byte, the type ID the second). FALSE when no descriptor has it. */
static gboolean
vdm_find(const XcvrDecodeCtx *ctx, guint type, guint lane, guint *ret_group, guint *ret_index,
         guint *ret_tsid)
{
    guint g;
    guint i;

    for (g = 0; g < ctx->vdm_groups; g++) {
        const guint8 *d = xcvr_page_map_get(ctx->map, XCVR_I2C_A0, 0, VDM_DESC + g, 128, 128);

        for (i = 0; d != NULL && i < 64; i++) {
            if (d[2 * i + 1] == type && (d[2 * i] & 0x0f) + 1u == lane) {
                *ret_group = g;
                *ret_index = i;
                *ret_tsid = d[2 * i] >> 4;
                return TRUE;
            }
        }
    }
    return FALSE;
}

/* A VDM observable's sample (@desc->page VDM_VALUE: page 24h + group, 2 bytes an index) or
 * one of its thresholds (VDM_THRESH: page 28h + group, 8 bytes a threshold set, @desc->mask
 * the threshold 0-3: high alarm, low alarm, high warning, low warning), in the format of its
 * quantity; or its flag (VDM_FLAGS: page 2Ch, 4 bits an observable across the groups, bit
 * @desc->mask of its nibble). */
static gboolean
hook_vdm(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    guint g;
    guint i;
    guint tsid;
    const guint8 *p;
    guint16 u;
    gint64 raw;

    if (!vdm_find(ctx, desc->offset, value->lane, &g, &i, &tsid))
        return FALSE;
    if (desc->page == VDM_FLAGS) {
        guint n = g * 64 + i;

        p = xcvr_page_map_get(ctx->map, XCVR_I2C_A0, 0, VDM_FLAGS, 128 + n / 2, 1);
        if (p == NULL)
            return FALSE;
        value->raw = (p[0] >> (4 * (n % 2) + desc->mask)) & 1u;
        return TRUE;
    }
    if (desc->page == VDM_VALUE)
        p = xcvr_page_map_get(ctx->map, XCVR_I2C_A0, 0, VDM_VALUE + g, 128 + 2 * i, 2);
    else
        p = xcvr_page_map_get(ctx->map, XCVR_I2C_A0, 0, VDM_THRESH + g,
                              128 + 8 * tsid + 2 * desc->mask, 2);
    if (p == NULL)
        return FALSE;
    u = (guint16)((p[0] << 8) | p[1]);
    switch (desc->quantity) {
    case XCVR_QTY_TEMPERATURE:
    case XCVR_QTY_TEC_CURRENT:
    case XCVR_QTY_FREQ_ERROR:
        raw = (gint16)u;
        break;
    case XCVR_QTY_NONE:
    case XCVR_QTY_VOLTAGE:
    case XCVR_QTY_CURRENT:
    case XCVR_QTY_TX_POWER:
    case XCVR_QTY_RX_POWER:
    case XCVR_QTY_DB256:
    case XCVR_QTY_PERCENT:
    case XCVR_QTY_F16:
    case _XCVR_QTY_LAST:
    default:
        raw = u;
        break;
    }
    value->raw = (guint64)raw;
    value->number = xcvr_quantity_scale(desc->quantity, raw);
    return TRUE;
}

static gboolean
hook_vdm_groups(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    value->raw = ctx->vdm_groups;
    value->number = ctx->vdm_groups;
    return TRUE;
}

/* ---- the field table ------------------------------------------------------------------- */

#define A0 XCVR_I2C_A0
#define REF(s) "CMIS Rev 5.2 " s
#define ADV(bit) .flags = XCVR_FIELD_ADVERTISED, .adv_page = P01, .adv_offset = CMIS_LANE_MONITORS, \
    .adv_mask = (bit)

#define ASCII00(k, l, off, n, r) \
    { .key = k, .label = l, .kind = XCVR_KIND_ASCII, .i2c = A0, .page = P00, .offset = off, \
      .len = n, .ref = REF(r) }
#define ATT(k, l, off) \
    { .key = k, .label = l, .kind = XCVR_KIND_UINT, .i2c = A0, .page = P00, .offset = off, \
      .len = 1, .unit = "db", .cond = XCVR_COND_COPPER, .ref = REF("Table 8-32") }
#define LEN01(k, l, off, m) \
    { .key = k, .label = l, .kind = XCVR_KIND_UINT, .i2c = A0, .page = P01, .offset = off, \
      .len = 1, .mult = m, .unit = "m", .cond = XCVR_COND_PAGED, .ref = REF("Table 8-43") }
#define MODFLAG(k, l, m) \
    { .key = k, .label = l, .kind = XCVR_KIND_FLAG, .i2c = A0, .offset = CMIS_MODULE_FLAGS, \
      .len = 1, .mask = m, .text_cond = XCVR_COND_PAGED, .ref = REF("Table 8-9") }
/* per-lane monitor: 8 lanes per bank in page 11h, 2 bytes apart */
#define MON(k, l, off, q, c, bit, h) \
    { .key = k, .label = l, .kind = XCVR_KIND_MEASURE, .i2c = A0, .page = P11, .offset = off, \
      .len = 2, .quantity = q, .lanes = XCVR_LANES_MODULE, .lane_stride = 2, .cond = c, \
      .flags = XCVR_FIELD_ADVERTISED | XCVR_FIELD_LANES_BANKED, .adv_page = P01, \
      .adv_offset = CMIS_LANE_MONITORS, .adv_mask = (bit), .hook = h, .ref = REF("Table 8-88") }
/* per-lane flag: a bit per lane, ethtool's channel-major order */
#define LANEFLAG(k, l, off, bit, fl) \
    { .key = k, .label = l, .kind = XCVR_KIND_FLAG, .i2c = A0, .page = P11, .offset = off, \
      .len = 1, .lanes = XCVR_LANES_MODULE, .cond = XCVR_COND_PAGED, \
      .flags = XCVR_FIELD_ADVERTISED | XCVR_FIELD_LANES_BANKED | XCVR_FIELD_LANES_BIT | \
               XCVR_FIELD_LANE_MAJOR | (fl), \
      .adv_page = P01, .adv_offset = CMIS_LANE_MONITORS, .adv_mask = (bit), \
      .ref = REF("Table 8-84") }
#define LANEBITS(k, xl, off, r) \
    { .key = k, .xlabel = xl, .kind = XCVR_KIND_LANE_BITS, .i2c = A0, .page = P11, \
      .offset = off, .len = 1, .mask = 0xff, .lanes = XCVR_LANES_MODULE, \
      .cond = XCVR_COND_PAGED, .flags = XCVR_FIELD_LANES_BANKED, .ref = REF(r) }
#define DURATION(k, xl, off, m) \
    { .key = k, .xlabel = xl, .kind = XCVR_KIND_ENUM, .i2c = A0, .page = P01, .offset = off, \
      .len = 1, .mask = m, .codes = &duration_table, .cond = XCVR_COND_PAGED, \
      .flags = XCVR_FIELD_TEXT_NAME_ONLY, .hook = hook_nibble, \
      .ref = REF("page 01h bytes 144, 167, 168") }
/* An aux monitor's reading, thresholds and flags, for the aux monitor (1-3) page 01h
 * advertises for the quantity @q (reading and thresholds @stride bytes apart per aux). */
#define AUX(k, xl, pg, off, stride, q, c) \
    { .key = k, .xlabel = xl, .kind = XCVR_KIND_MEASURE, .i2c = A0, .page = pg, .offset = off, \
      .len = 2, .lane_stride = stride, .quantity = q, .cond = c, .hook = hook_aux, \
      .ref = REF("lower 18-23, page 02h 144-167; page 01h bytes 145, 159") }
#define AUX_FLAG(k, xl, m, q, c) \
    { .key = k, .xlabel = xl, .kind = XCVR_KIND_FLAG, .i2c = A0, .offset = CMIS_AUX_FLAGS, \
      .len = 1, .mask = m, .quantity = q, .cond = c, .hook = hook_aux_flag, \
      .ref = REF("Table 8-9 lower bytes 10-11; page 01h bytes 145, 159") }
/* All of one aux observable: reading, four thresholds (page 02h), four flags (lower 10-11). */
#define AUX_ALL(k, xl, q, c) \
    AUX(k, xl, 0, CMIS_AUX1, 2, q, c), \
    AUX(k "_high_alarm_threshold", xl " high alarm threshold", P02, 144, 8, q, c), \
    AUX(k "_low_alarm_threshold", xl " low alarm threshold", P02, 146, 8, q, c), \
    AUX(k "_high_warning_threshold", xl " high warning threshold", P02, 148, 8, q, c), \
    AUX(k "_low_warning_threshold", xl " low warning threshold", P02, 150, 8, q, c), \
    AUX_FLAG(k "_high_alarm", xl " high alarm", 0x01, q, c), \
    AUX_FLAG(k "_low_alarm", xl " low alarm", 0x02, q, c), \
    AUX_FLAG(k "_high_warning", xl " high warning", 0x04, q, c), \
    AUX_FLAG(k "_low_warning", xl " low warning", 0x08, q, c)
/* page 10h, Staged Control Set 0 per lane; @adv_off/@adv_bit: where page 01h advertises it
 * (0: always there) */
#define SCS0_LANE(k, xl, kd, off, m) \
    { .key = k, .xlabel = xl, .kind = kd, .i2c = A0, .page = P10, .offset = off, .len = 1, \
      .mask = m, .lanes = XCVR_LANES_MODULE, .cond = XCVR_COND_PAGE10, \
      .flags = XCVR_FIELD_LANES_BANKED, .hook = hook_lane_byte_bits, \
      .ref = REF("page 10h bytes 145-152 (Staged Control Set 0)") }
#define CTRL_BITS(k, xl, off, adv_off, adv_bit, r) \
    { .key = k, .xlabel = xl, .kind = XCVR_KIND_LANE_BITS, .i2c = A0, .page = P10, \
      .offset = off, .len = 1, .mask = 0xff, .lanes = XCVR_LANES_MODULE, \
      .cond = XCVR_COND_PAGE10, .flags = XCVR_FIELD_LANES_BANKED | XCVR_FIELD_ADVERTISED, \
      .adv_page = P01, .adv_offset = adv_off, .adv_mask = adv_bit, .ref = REF(r) }
#define SI_TARGET(k, xl, off, tbl, adv_off, adv_bit) \
    { .key = k, .xlabel = xl, .kind = XCVR_KIND_ENUM, .i2c = A0, .page = P10, .offset = off, \
      .len = 1, .codes = tbl, .lanes = XCVR_LANES_MODULE, .cond = XCVR_COND_PAGE10, \
      .flags = XCVR_FIELD_LANES_BANKED | XCVR_FIELD_TEXT_NAME_ONLY | XCVR_FIELD_ADVERTISED, \
      .adv_page = P01, .adv_offset = adv_off, .adv_mask = adv_bit, .hook = hook_lane_nibble, \
      .ref = REF("page 10h bytes 156-173 (Staged Control Set 0 SI)") }
#define THRESH(k, l, off, q, h) \
    { .key = k, .label = l, .kind = XCVR_KIND_MEASURE, .i2c = A0, .page = P02, .offset = off, \
      .len = 2, .quantity = q, .cond = XCVR_COND_PAGED, .hook = h, .ref = REF("Table 8-62") }

static const XcvrFieldDesc cmis_fields[] = {
    { .key = "identifier", .label = "Identifier", .kind = XCVR_KIND_ENUM, .i2c = A0,
      .offset = CMIS_ID, .len = 1, .codes = &xcvr_sff8024_identifier, .hook = hook_identifier,
      .ref = REF("Table 8-4; SFF-8024 Table 4-1") },
    { .key = "power_class", .label = "Power class", .kind = XCVR_KIND_UINT, .i2c = A0,
      .page = P00, .offset = CMIS_POWER_CLASS, .len = 1, .hook = hook_power_class,
      .ref = REF("Table 8-29") },
    { .key = "max_power", .label = "Max power", .kind = XCVR_KIND_UINT, .i2c = A0, .page = P00,
      .offset = CMIS_MAX_POWER, .len = 1, .scale = 0.25, .decimals = 2, .unit = "W",
      .ref = REF("Table 8-29") },
    { .key = "connector", .label = "Connector", .kind = XCVR_KIND_ENUM, .i2c = A0, .page = P00,
      .offset = CMIS_CONNECTOR, .len = 1, .codes = &xcvr_sff8024_connector,
      .ref = REF("SFF-8024 Table 4-3") },
    { .key = "cable_assembly_length", .label = "Cable assembly length", .kind = XCVR_KIND_UINT,
      .i2c = A0, .page = P00, .offset = CMIS_CABLE_LENGTH, .len = 1, .unit = "m",
      .hook = hook_cable_length, .ref = REF("Table 8-30") },
    { .key = "tx_cdr_bypass_control", .label = "Tx CDR bypass control", .kind = XCVR_KIND_BOOL,
      .i2c = A0, .page = P01, .offset = CMIS_TX_SI, .len = 1, .mask = 0x02,
      .cond = XCVR_COND_PAGED, .ref = REF("Table 8-52") },
    { .key = "rx_cdr_bypass_control", .label = "Rx CDR bypass control", .kind = XCVR_KIND_BOOL,
      .i2c = A0, .page = P01, .offset = CMIS_RX_SI, .len = 1, .mask = 0x02,
      .cond = XCVR_COND_PAGED, .ref = REF("Table 8-53") },
    { .key = "tx_cdr", .label = "Tx CDR", .kind = XCVR_KIND_BOOL, .i2c = A0, .page = P01,
      .offset = CMIS_TX_SI, .len = 1, .mask = 0x01, .cond = XCVR_COND_PAGED,
      .ref = REF("Table 8-52") },
    { .key = "rx_cdr", .label = "Rx CDR", .kind = XCVR_KIND_BOOL, .i2c = A0, .page = P01,
      .offset = CMIS_RX_SI, .len = 1, .mask = 0x01, .cond = XCVR_COND_PAGED,
      .ref = REF("Table 8-53") },
    { .key = "transmitter_technology", .label = "Transmitter technology",
      .kind = XCVR_KIND_ENUM, .i2c = A0, .page = P00, .offset = CMIS_MEDIA_TECH, .len = 1,
      .codes = &tech_table, .ref = REF("Table 8-31") },
    ATT("attenuation_5ghz", "Attenuation at 5GHz", 204),
    ATT("attenuation_7ghz", "Attenuation at 7GHz", 205),
    ATT("attenuation_12_9ghz", "Attenuation at 12.9GHz", 206),
    ATT("attenuation_25_8ghz", "Attenuation at 25.8GHz", 207),
    { .key = "laser_wavelength", .label = "Laser wavelength", .kind = XCVR_KIND_UINT,
      .i2c = A0, .page = P01, .offset = CMIS_WAVELENGTH, .len = 2, .scale = 0.05,
      .decimals = 3, .unit = "nm", .cond = XCVR_COND_PAGED_OPTICAL, .ref = REF("Table 8-44") },
    { .key = "laser_wavelength_tolerance", .label = "Laser wavelength tolerance",
      .kind = XCVR_KIND_UINT, .i2c = A0, .page = P01, .offset = CMIS_WAVELENGTH_TOL, .len = 2,
      .scale = 0.005, .decimals = 3, .unit = "nm", .cond = XCVR_COND_PAGED_OPTICAL,
      .ref = REF("Table 8-44") },
    { .key = "length_smf", .label = "Length (SMF)", .kind = XCVR_KIND_UINT, .i2c = A0,
      .page = P01, .offset = CMIS_SMF_LENGTH, .len = 1, .unit = "km", .cond = XCVR_COND_PAGED,
      .hook = hook_smf_length, .ref = REF("Table 8-43") },
    LEN01("length_om5", "Length (OM5)", 133, 2),
    LEN01("length_om4", "Length (OM4)", 134, 2),
    LEN01("length_om3", "Length (OM3 50/125um)", 135, 2),
    LEN01("length_om2", "Length (OM2 50/125um)", 136, 1),
    ASCII00("vendor_name", "Vendor name", 129, 16, "Table 8-28"),
    { .key = "vendor_oui", .label = "Vendor OUI", .kind = XCVR_KIND_OUI, .i2c = A0, .page = P00,
      .offset = 145, .len = 3, .ref = REF("Table 8-28") },
    ASCII00("vendor_pn", "Vendor PN", 148, 16, "Table 8-28"),
    ASCII00("vendor_rev", "Vendor rev", 164, 2, "Table 8-28"),
    ASCII00("vendor_sn", "Vendor SN", 166, 16, "Table 8-28"),
    ASCII00("date_code", "Date code", 182, 8, "Table 8-28"),
    { .key = "clei_code", .label = "CLEI code", .kind = XCVR_KIND_ASCII, .i2c = A0,
      .page = P00, .offset = 190, .len = 10, .cond = XCVR_COND_CLEI, .ref = REF("Table 8-28") },
    { .key = "revision_compliance", .label = "Revision compliance", .kind = XCVR_KIND_ASCII,
      .i2c = A0, .offset = CMIS_REVISION, .len = 1, .hook = hook_revision,
      .ref = REF("Table 8-4") },
    { .key = "module_state", .label = "Module State", .kind = XCVR_KIND_ENUM, .i2c = A0,
      .offset = CMIS_MODULE_STATE, .len = 1, .codes = &state_table, .hook = hook_module_state,
      .ref = REF("Table 8-5") },
    { .key = "module_fault_cause", .label = "Module Fault Cause", .kind = XCVR_KIND_ENUM,
      .i2c = A0, .offset = CMIS_FAULT_CAUSE, .len = 1, .codes = &fault_table,
      .cond = XCVR_COND_FAULT_STATE, .ref = REF("Table 8-15") },
    { .key = "low_pwr_allow_request_hw", .label = "LowPwrAllowRequestHW",
      .kind = XCVR_KIND_FLAG, .i2c = A0, .offset = CMIS_MODULE_CONTROL, .len = 1, .mask = 0x40,
      .ref = REF("Table 8-10") },
    { .key = "low_pwr_request_sw", .label = "LowPwrRequestSW", .kind = XCVR_KIND_FLAG,
      .i2c = A0, .offset = CMIS_MODULE_CONTROL, .len = 1, .mask = 0x10,
      .ref = REF("Table 8-10") },

    /* monitors: lower memory, per lane in page 11h of every bank */
    { .key = "module_temperature", .label = "Module temperature", .kind = XCVR_KIND_MEASURE,
      .i2c = A0, .offset = CMIS_TEMP, .len = 2, .quantity = XCVR_QTY_TEMPERATURE,
      .text_cond = XCVR_COND_PAGED, .ref = REF("Table 8-10") },
    { .key = "module_voltage", .label = "Module voltage", .kind = XCVR_KIND_MEASURE,
      .i2c = A0, .offset = CMIS_VCC, .len = 2, .quantity = XCVR_QTY_VOLTAGE,
      .text_cond = XCVR_COND_PAGED, .ref = REF("Table 8-10") },
    MON("laser_bias_current", "Laser tx bias current (Channel %u)", CMIS_TX_BIAS,
        XCVR_QTY_CURRENT, XCVR_COND_PAGED, 0x01, hook_bias),
    MON("laser_output_power", "Transmit avg optical power (Channel %u)", CMIS_TX_PWR,
        XCVR_QTY_TX_POWER, XCVR_COND_PAGED, 0x02, NULL),
    MON("rx_power", "Rcvr signal avg optical power (Channel %u)", CMIS_RX_PWR,
        XCVR_QTY_RX_POWER, XCVR_COND_MONITORS_AVG, 0x04, NULL),
    MON("rx_power", "Receiver signal OMA (Channel %u)", CMIS_RX_PWR, XCVR_QTY_RX_POWER,
        XCVR_COND_MONITORS_OMA, 0x04, NULL),

    /* flags */
    MODFLAG("module_temperature_high_alarm", "Module temperature high alarm", 0x01),
    MODFLAG("module_temperature_low_alarm", "Module temperature low alarm", 0x02),
    MODFLAG("module_temperature_high_warning", "Module temperature high warning", 0x04),
    MODFLAG("module_temperature_low_warning", "Module temperature low warning", 0x08),
    MODFLAG("module_voltage_high_alarm", "Module voltage high alarm", 0x10),
    MODFLAG("module_voltage_low_alarm", "Module voltage low alarm", 0x20),
    MODFLAG("module_voltage_high_warning", "Module voltage high warning", 0x40),
    MODFLAG("module_voltage_low_warning", "Module voltage low warning", 0x80),
    LANEFLAG("laser_bias_current_high_alarm", "Laser bias current high alarm   (Chan %u)",
             CMIS_TX_BIAS_FLAGS, 0x01, XCVR_FIELD_RUN_START),
    LANEFLAG("laser_bias_current_low_alarm", "Laser bias current low alarm    (Chan %u)",
             CMIS_TX_BIAS_FLAGS + 1, 0x01, 0),
    LANEFLAG("laser_bias_current_high_warning", "Laser bias current high warning (Chan %u)",
             CMIS_TX_BIAS_FLAGS + 2, 0x01, 0),
    LANEFLAG("laser_bias_current_low_warning", "Laser bias current low warning  (Chan %u)",
             CMIS_TX_BIAS_FLAGS + 3, 0x01, 0),
    LANEFLAG("laser_tx_power_high_alarm", "Laser tx power high alarm   (Channel %u)",
             CMIS_TX_PWR_FLAGS, 0x02, 0),
    LANEFLAG("laser_tx_power_low_alarm", "Laser tx power low alarm    (Channel %u)",
             CMIS_TX_PWR_FLAGS + 1, 0x02, 0),
    LANEFLAG("laser_tx_power_high_warning", "Laser tx power high warning (Channel %u)",
             CMIS_TX_PWR_FLAGS + 2, 0x02, 0),
    LANEFLAG("laser_tx_power_low_warning", "Laser tx power low warning  (Channel %u)",
             CMIS_TX_PWR_FLAGS + 3, 0x02, 0),
    LANEFLAG("laser_rx_power_high_alarm", "Laser rx power high alarm   (Channel %u)",
             CMIS_RX_PWR_FLAGS, 0x04, 0),
    LANEFLAG("laser_rx_power_low_alarm", "Laser rx power low alarm    (Channel %u)",
             CMIS_RX_PWR_FLAGS + 1, 0x04, 0),
    LANEFLAG("laser_rx_power_high_warning", "Laser rx power high warning (Channel %u)",
             CMIS_RX_PWR_FLAGS + 2, 0x04, 0),
    LANEFLAG("laser_rx_power_low_warning", "Laser rx power low warning  (Channel %u)",
             CMIS_RX_PWR_FLAGS + 3, 0x04, 0),

    /* thresholds (page 02h) */
    THRESH("laser_bias_current_high_alarm_threshold", "Laser bias current high alarm threshold", 184, XCVR_QTY_CURRENT, hook_bias),
    THRESH("laser_bias_current_low_alarm_threshold", "Laser bias current low alarm threshold", 186, XCVR_QTY_CURRENT, hook_bias),
    THRESH("laser_bias_current_high_warning_threshold", "Laser bias current high warning threshold", 188, XCVR_QTY_CURRENT, hook_bias),
    THRESH("laser_bias_current_low_warning_threshold", "Laser bias current low warning threshold", 190, XCVR_QTY_CURRENT, hook_bias),
    THRESH("laser_output_power_high_alarm_threshold", "Laser output power high alarm threshold", 176, XCVR_QTY_TX_POWER, NULL),
    THRESH("laser_output_power_low_alarm_threshold", "Laser output power low alarm threshold", 178, XCVR_QTY_TX_POWER, NULL),
    THRESH("laser_output_power_high_warning_threshold", "Laser output power high warning threshold", 180, XCVR_QTY_TX_POWER, NULL),
    THRESH("laser_output_power_low_warning_threshold", "Laser output power low warning threshold", 182, XCVR_QTY_TX_POWER, NULL),
    THRESH("module_temperature_high_alarm_threshold", "Module temperature high alarm threshold", 128, XCVR_QTY_TEMPERATURE, NULL),
    THRESH("module_temperature_low_alarm_threshold", "Module temperature low alarm threshold", 130, XCVR_QTY_TEMPERATURE, NULL),
    THRESH("module_temperature_high_warning_threshold", "Module temperature high warning threshold", 132, XCVR_QTY_TEMPERATURE, NULL),
    THRESH("module_temperature_low_warning_threshold", "Module temperature low warning threshold", 134, XCVR_QTY_TEMPERATURE, NULL),
    THRESH("module_voltage_high_alarm_threshold", "Module voltage high alarm threshold", 136, XCVR_QTY_VOLTAGE, NULL),
    THRESH("module_voltage_low_alarm_threshold", "Module voltage low alarm threshold", 138, XCVR_QTY_VOLTAGE, NULL),
    THRESH("module_voltage_high_warning_threshold", "Module voltage high warning threshold", 140, XCVR_QTY_VOLTAGE, NULL),
    THRESH("module_voltage_low_warning_threshold", "Module voltage low warning threshold", 142, XCVR_QTY_VOLTAGE, NULL),
    THRESH("laser_rx_power_high_alarm_threshold", "Laser rx power high alarm threshold", 192, XCVR_QTY_RX_POWER, NULL),
    THRESH("laser_rx_power_low_alarm_threshold", "Laser rx power low alarm threshold", 194, XCVR_QTY_RX_POWER, NULL),
    THRESH("laser_rx_power_high_warning_threshold", "Laser rx power high warning threshold", 196, XCVR_QTY_RX_POWER, NULL),
    THRESH("laser_rx_power_low_warning_threshold", "Laser rx power low warning threshold", 198, XCVR_QTY_RX_POWER, NULL),

    /* what ethtool 6.1 does not print: JSON/XML, and the text's "also decoded" section */
    { .key = "media_type", .xlabel = "Media type", .kind = XCVR_KIND_ENUM, .i2c = A0,
      .offset = CMIS_MEDIA_TYPE, .len = 1, .codes = &xcvr_sff8024_media_type,
      .ref = REF("Table 8-19; SFF-8024 Table 4-11") },
    { .key = "applications", .xlabel = "Application", .kind = XCVR_KIND_BITS, .i2c = A0,
      .hook = hook_applications, .ref = REF("Table 8-23; SFF-8024 Tables 4-5 to 4-10") },
    { .key = "active_firmware_version", .xlabel = "Active firmware version",
      .kind = XCVR_KIND_ASCII, .i2c = A0, .offset = CMIS_FW_ACTIVE, .len = 2,
      .hook = hook_firmware, .ref = REF("Table 8-14") },
    { .key = "inactive_firmware_version", .xlabel = "Inactive firmware version",
      .kind = XCVR_KIND_ASCII, .i2c = A0, .page = P01, .offset = CMIS_FW_INACTIVE, .len = 2,
      .cond = XCVR_COND_PAGED, .hook = hook_firmware, .ref = REF("Table 8-37") },
    { .key = "data_path_state", .xlabel = "Data path state (Lane %u)", .kind = XCVR_KIND_ENUM,
      .i2c = A0, .page = P11, .offset = CMIS_DP_STATE, .len = 1, .codes = &dp_state_table,
      .lanes = XCVR_LANES_MODULE, .cond = XCVR_COND_PAGED, .flags = XCVR_FIELD_LANES_BANKED |
      XCVR_FIELD_TEXT_NAME_ONLY, .hook = hook_dp_state, .ref = REF("Table 8-77") },
    LANEBITS("tx_fault", "Tx fault", CMIS_TX_FAULT, "Table 8-80"),
    LANEBITS("tx_los", "Tx loss of signal", CMIS_TX_LOS, "Table 8-80"),
    LANEBITS("tx_cdr_lol", "Tx loss of lock", CMIS_TX_CDR_LOL, "Table 8-80"),
    LANEBITS("tx_adaptive_eq_fault", "Tx adaptive eq fault", CMIS_TX_EQ_FAULT, "Table 8-80"),
    LANEBITS("rx_los", "Rx loss of signal", CMIS_RX_LOS, "Table 8-83"),
    LANEBITS("rx_cdr_lol", "Rx loss of lock", CMIS_RX_CDR_LOL, "Table 8-83"),
    LANEBITS("rx_output_status", "Rx output valid", CMIS_OUTPUT_RX, "page 11h byte 132"),
    LANEBITS("tx_output_status", "Tx output valid", CMIS_OUTPUT_TX, "page 11h byte 133"),
    { .key = "config_status", .xlabel = "Configuration status (Lane %u)",
      .kind = XCVR_KIND_ENUM, .i2c = A0, .page = P11, .offset = CMIS_CONFIG_STATUS, .len = 1,
      .codes = &config_status_table, .lanes = XCVR_LANES_MODULE, .cond = XCVR_COND_PAGED,
      .flags = XCVR_FIELD_LANES_BANKED | XCVR_FIELD_TEXT_NAME_ONLY, .hook = hook_lane_nibble,
      .ref = REF("page 11h bytes 202-205") },
    { .key = "active_application", .xlabel = "Active application (Lane %u)",
      .kind = XCVR_KIND_UINT, .i2c = A0, .page = P11, .offset = CMIS_ACTIVE_DPCONFIG,
      .len = 1, .lanes = XCVR_LANES_MODULE, .cond = XCVR_COND_PAGED,
      .flags = XCVR_FIELD_LANES_BANKED, .hook = hook_active_apsel,
      .ref = REF("page 11h bytes 206-213 (Active Control Set)") },
    { .key = "hardware_revision", .xlabel = "Hardware revision", .kind = XCVR_KIND_ASCII,
      .i2c = A0, .page = P01, .offset = CMIS_HW_REV, .len = 2, .cond = XCVR_COND_PAGED,
      .hook = hook_firmware, .ref = REF("page 01h bytes 130-131") },
    DURATION("dp_init_max_duration", "Max duration DPInit", CMIS_DP_DURATIONS, 0x0f),
    DURATION("dp_deinit_max_duration", "Max duration DPDeinit", CMIS_DP_DURATIONS, 0xf0),
    DURATION("module_pwr_up_max_duration", "Max duration ModulePwrUp", CMIS_MODULE_DURATIONS,
             0x0f),
    DURATION("module_pwr_dn_max_duration", "Max duration ModulePwrDn", CMIS_MODULE_DURATIONS,
             0xf0),
    DURATION("dp_tx_turn_on_max_duration", "Max duration DPTxTurnOn", CMIS_TX_DURATIONS, 0x0f),
    DURATION("dp_tx_turn_off_max_duration", "Max duration DPTxTurnOff", CMIS_TX_DURATIONS,
             0xf0),
    AUX_ALL("laser_temperature", "Laser temperature", XCVR_QTY_TEMPERATURE,
            XCVR_COND_LASER_TEMP),
    AUX_ALL("tec_current", "TEC current", XCVR_QTY_TEC_CURRENT, XCVR_COND_TEC_CURRENT),
    AUX_ALL("vcc2_voltage", "Vcc2 voltage", XCVR_QTY_VOLTAGE, XCVR_COND_VCC2),
    /* page 10h as read: what the host staged and the output controls it set */
    SCS0_LANE("staged_application", "Staged application (Lane %u)", XCVR_KIND_UINT,
              CMIS_SCS0_DPCONFIG, 0xf0),
    SCS0_LANE("staged_data_path_id", "Staged data path ID (Lane %u)", XCVR_KIND_UINT,
              CMIS_SCS0_DPCONFIG, 0x0e),
    SCS0_LANE("staged_explicit_control", "Staged explicit control (Lane %u)", XCVR_KIND_BOOL,
              CMIS_SCS0_DPCONFIG, 0x01),
    CTRL_BITS("tx_output_disable", "Tx output disabled", CMIS_OUTPUT_DISABLE_TX,
              CMIS_TX_CONTROLS_ADV, 0x02, "page 10h byte 130; page 01h byte 155 bit 1"),
    CTRL_BITS("rx_output_disable", "Rx output disabled", CMIS_OUTPUT_DISABLE_RX,
              CMIS_RX_CONTROLS_ADV, 0x02, "page 10h byte 138; page 01h byte 156 bit 1"),
    CTRL_BITS("staged_tx_adaptive_eq_enable", "Staged Tx adaptive input eq enabled",
              CMIS_SCS0_ADAPTIVE_EQ_TX, CMIS_TX_SI, 0x08,
              "page 10h byte 153; page 01h byte 161 bit 3"),
    CTRL_BITS("staged_tx_cdr_enable", "Staged Tx CDR enabled", CMIS_SCS0_CDR_TX, CMIS_TX_SI,
              0x02, "page 10h byte 160; page 01h byte 161 bit 1"),
    CTRL_BITS("staged_rx_cdr_enable", "Staged Rx CDR enabled", CMIS_SCS0_CDR_RX, CMIS_RX_SI,
              0x02, "page 10h byte 161; page 01h byte 162 bit 1"),
    SI_TARGET("staged_tx_fixed_eq_target", "Staged Tx fixed input eq target (Lane %u)",
              CMIS_SCS0_FIXED_EQ_TX, &tx_input_eq_table, CMIS_TX_SI, 0x04),
    SI_TARGET("staged_rx_pre_cursor_target", "Staged Rx output pre-cursor target (Lane %u)",
              CMIS_SCS0_PRE_CURSOR_RX, &rx_pre_cursor_table, CMIS_RX_SI, 0x08),
    SI_TARGET("staged_rx_post_cursor_target", "Staged Rx output post-cursor target (Lane %u)",
              CMIS_SCS0_POST_CURSOR_RX, &rx_post_cursor_table, CMIS_RX_SI, 0x10),
    SI_TARGET("staged_rx_amplitude_target", "Staged Rx output amplitude target (Lane %u)",
              CMIS_SCS0_AMPLITUDE_RX, &rx_amplitude_table, CMIS_RX_SI, 0x04),
    { .key = "vdm_supported", .xlabel = "VDM pages (20h-2Fh) supported", .kind = XCVR_KIND_BOOL,
      .i2c = A0, .page = P01, .offset = CMIS_BANKS, .len = 1, .mask = 0x40,
      .cond = XCVR_COND_PAGED, .ref = REF("page 01h byte 142 bit 6") },
    { .key = "cdb_instances", .xlabel = "CDB instances supported", .kind = XCVR_KIND_UINT,
      .i2c = A0, .page = P01, .offset = CMIS_CDB, .len = 1, .cond = XCVR_COND_PAGED,
      .hook = hook_cdb_instances, .ref = REF("page 01h byte 163 bits 7-6") },
    XCVR_FIELD_PAGES_UNREAD("CMIS"),
};

/* VDM observables (CMIS Rev 5.2 §8.14, observable types 1-24), per lane: the sample, its
 * four thresholds and four flags. Walked only when VDM was asked for and read. */
#define VDM_REF REF("§8.14 pages 20h-2Fh (VDM)")
#define VDM_TYPE(id, k, xl, q) \
    { .key = "vdm_" k, .xlabel = "VDM " xl " (Lane %u)", .kind = XCVR_KIND_MEASURE, .i2c = A0, \
      .page = VDM_VALUE, .offset = id, .len = 2, .quantity = q, .lanes = XCVR_LANES_MODULE, \
      .cond = XCVR_COND_VDM, .flags = XCVR_FIELD_VDM_TYPE, .hook = hook_vdm, .ref = VDM_REF }, \
    VDM_T(id, k, xl, q, 0, "_high_alarm_threshold", " high alarm threshold"), \
    VDM_T(id, k, xl, q, 1, "_low_alarm_threshold", " low alarm threshold"), \
    VDM_T(id, k, xl, q, 2, "_high_warning_threshold", " high warning threshold"), \
    VDM_T(id, k, xl, q, 3, "_low_warning_threshold", " low warning threshold"), \
    VDM_FL(id, k, xl, 0, "_high_alarm", " high alarm"), \
    VDM_FL(id, k, xl, 1, "_low_alarm", " low alarm"), \
    VDM_FL(id, k, xl, 2, "_high_warning", " high warning"), \
    VDM_FL(id, k, xl, 3, "_low_warning", " low warning")
#define VDM_T(id, k, xl, q, n, ks, xls) \
    { .key = "vdm_" k ks, .xlabel = "VDM " xl xls " (Lane %u)", .kind = XCVR_KIND_MEASURE, \
      .i2c = A0, .page = VDM_THRESH, .offset = id, .len = 2, .mask = n, .quantity = q, \
      .lanes = XCVR_LANES_MODULE, .cond = XCVR_COND_VDM, .flags = XCVR_FIELD_VDM_TYPE, \
      .hook = hook_vdm, .ref = VDM_REF }
#define VDM_FL(id, k, xl, n, ks, xls) \
    { .key = "vdm_" k ks, .xlabel = "VDM " xl xls " (Lane %u)", .kind = XCVR_KIND_FLAG, \
      .i2c = A0, .page = VDM_FLAGS, .offset = id, .len = 1, .mask = n, \
      .lanes = XCVR_LANES_MODULE, .cond = XCVR_COND_VDM, .flags = XCVR_FIELD_VDM_TYPE, \
      .hook = hook_vdm, .ref = VDM_REF }

static const XcvrFieldDesc cmis_vdm_fields[] = {
    { .key = "vdm_groups", .xlabel = "VDM groups", .kind = XCVR_KIND_UINT, .i2c = A0,
      .page = VDM_CONTROL, .offset = 128, .len = 1, .cond = XCVR_COND_VDM,
      .hook = hook_vdm_groups, .ref = REF("page 2Fh byte 128 bits 1-0") },
    VDM_TYPE(1, "laser_age", "laser age", XCVR_QTY_PERCENT),
    VDM_TYPE(2, "tec_current", "TEC current", XCVR_QTY_TEC_CURRENT),
    VDM_TYPE(3, "laser_frequency_error", "laser frequency error", XCVR_QTY_FREQ_ERROR),
    VDM_TYPE(4, "laser_temperature", "laser temperature", XCVR_QTY_TEMPERATURE),
    VDM_TYPE(5, "esnr_media_input", "eSNR media input", XCVR_QTY_DB256),
    VDM_TYPE(6, "esnr_host_input", "eSNR host input", XCVR_QTY_DB256),
    VDM_TYPE(7, "pam4_ltp_media_input", "PAM4 level transition media input", XCVR_QTY_DB256),
    VDM_TYPE(8, "pam4_ltp_host_input", "PAM4 level transition host input", XCVR_QTY_DB256),
    VDM_TYPE(9, "pre_fec_ber_min_media_input", "pre-FEC BER min media input", XCVR_QTY_F16),
    VDM_TYPE(10, "pre_fec_ber_min_host_input", "pre-FEC BER min host input", XCVR_QTY_F16),
    VDM_TYPE(11, "pre_fec_ber_max_media_input", "pre-FEC BER max media input", XCVR_QTY_F16),
    VDM_TYPE(12, "pre_fec_ber_max_host_input", "pre-FEC BER max host input", XCVR_QTY_F16),
    VDM_TYPE(13, "pre_fec_ber_avg_media_input", "pre-FEC BER avg media input", XCVR_QTY_F16),
    VDM_TYPE(14, "pre_fec_ber_avg_host_input", "pre-FEC BER avg host input", XCVR_QTY_F16),
    VDM_TYPE(15, "pre_fec_ber_current_media_input", "pre-FEC BER current media input",
             XCVR_QTY_F16),
    VDM_TYPE(16, "pre_fec_ber_current_host_input", "pre-FEC BER current host input",
             XCVR_QTY_F16),
    VDM_TYPE(17, "errored_frames_min_media_input", "errored frames min media input",
             XCVR_QTY_F16),
    VDM_TYPE(18, "errored_frames_min_host_input", "errored frames min host input",
             XCVR_QTY_F16),
    VDM_TYPE(19, "errored_frames_max_media_input", "errored frames max media input",
             XCVR_QTY_F16),
    VDM_TYPE(20, "errored_frames_max_host_input", "errored frames max host input",
             XCVR_QTY_F16),
    VDM_TYPE(21, "errored_frames_avg_media_input", "errored frames avg media input",
             XCVR_QTY_F16),
    VDM_TYPE(22, "errored_frames_avg_host_input", "errored frames avg host input",
             XCVR_QTY_F16),
    VDM_TYPE(23, "errored_frames_current_media_input", "errored frames current media input",
             XCVR_QTY_F16),
    VDM_TYPE(24, "errored_frames_current_host_input", "errored frames current host input",
             XCVR_QTY_F16),
};

/* ---- family interface ------------------------------------------------------------------ */

static gboolean
cmis_flat(const XcvrPageMap *map)
{
    guint8 model = 0;

    (void)xcvr_page_map_get_u8(map, XCVR_I2C_A0, 0, CMIS_MEMORY_MODEL, &model);
    return (model & 0x80) != 0;
}

/* A flat image without a segment map: lower, 00h, then — paged — 01h, 02h and 11h of each
 * bank, the order ethtool reads them. */
static gboolean
cmis_load(XcvrModule *module, const guint8 *data, gsize len, GError **error)
{
    static const guint8 pages[] = { P01, P02 };
    gsize at = CMIS_IMAGE_FLAT_LEN;
    guint bank = 0;
    guint i;

    if (len < XCVR_HALF_PAGE) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_TRUNCATED,
                    "CMIS image truncated: %" G_GSIZE_FORMAT " bytes, but lower memory needs "
                    "bytes 0-127 (128 bytes)", len);
        return FALSE;
    }
    xcvr_page_map_add(module->map, XCVR_I2C_A0, 0, 0, 0, data, XCVR_HALF_PAGE);
    if (len > XCVR_HALF_PAGE)
        xcvr_page_map_add(module->map, XCVR_I2C_A0, 0, P00, XCVR_HALF_PAGE, data + XCVR_HALF_PAGE,
                          MIN(len - XCVR_HALF_PAGE, (gsize)XCVR_HALF_PAGE));
    if (cmis_flat(module->map) || len <= CMIS_IMAGE_FLAT_LEN)
        return TRUE;
    for (i = 0; i < G_N_ELEMENTS(pages) && at < len; i++, at += XCVR_HALF_PAGE)
        xcvr_page_map_add(module->map, XCVR_I2C_A0, 0, pages[i], XCVR_HALF_PAGE, data + at,
                          MIN(len - at, (gsize)XCVR_HALF_PAGE));
    for (bank = 0; at < len && bank < 4; bank++, at += XCVR_HALF_PAGE)
        xcvr_page_map_add(module->map, XCVR_I2C_A0, (guint8)bank, P11, XCVR_HALF_PAGE, data + at,
                          MIN(len - at, (gsize)XCVR_HALF_PAGE));
    if (at < len)
        xcvr_module_warn(module, "%" G_GSIZE_FORMAT " bytes after page 11h of bank 3 ignored",
                         len - at);
    return TRUE;
}

static guint
cmis_banks(const XcvrPageMap *map)
{
    guint8 b = 0;

    (void)xcvr_page_map_get_u8(map, XCVR_I2C_A0, P01, CMIS_BANKS, &b);
    switch (b & 0x03) {
    case 1:
        return 2;
    case 2:
        return 4;
    default:
        return 1;
    }
}

static gboolean
all_spaces(const guint8 *p, guint n)
{
    guint i;

    for (i = 0; i < n; i++) {
        if (p[i] != ' ')
            return FALSE;
    }
    return TRUE;
}

/* VDM, asked for and advertised: the groups whose descriptor pages were read (from page 2Fh;
 * groups read past one that was not are left out) and the observable types they hold. */
static void
cmis_prepare_vdm(XcvrDecodeCtx *ctx)
{
    guint8 groups = 0;
    guint g;
    guint i;

    if ((byte_at(ctx, P01, CMIS_BANKS) & 0x40) == 0 ||
        !xcvr_page_map_get_u8(ctx->map, XCVR_I2C_A0, VDM_CONTROL, 128, &groups))
        return;
    for (g = 0; g <= (groups & 0x03u); g++) {
        const guint8 *d = xcvr_page_map_get(ctx->map, XCVR_I2C_A0, 0, VDM_DESC + g, 128, 128);

        if (d == NULL)
            break;
        for (i = 0; i < 64; i++) {
            if (d[2 * i + 1] != 0)
                ctx->vdm_types[d[2 * i + 1] / 32] |= 1u << (d[2 * i + 1] % 32);
        }
        ctx->vdm_groups = (guint8)(g + 1);
    }
    ctx->extra_fields = ctx->vdm_groups != 0;
}

static void
cmis_prepare(XcvrModule *module, XcvrDecodeCtx *ctx)
{
    const guint8 *clei = xcvr_page_map_get(module->map, XCVR_I2C_A0, 0, P00, 190, 10);
    guint8 state = 0;
    guint8 bank_code = 0;
    guint bank;

    ctx->map = module->map;
    ctx->id_known = TRUE;
    (void)xcvr_page_map_get_u8(module->map, XCVR_I2C_A0, 0, CMIS_ID, &ctx->id);
    (void)xcvr_page_map_get_u8(module->map, XCVR_I2C_A0, 0, CMIS_MODULE_STATE, &state);
    ctx->paged = !cmis_flat(module->map);
    ctx->monitors = ctx->paged;
    ctx->copper = byte_at(ctx, P00, CMIS_MEDIA_TECH) >= 0x0a;
    ctx->dom_rx_avg = (byte_at(ctx, P01, CMIS_RX_POWER_TYPE) & 0x10) != 0;
    ctx->fault_state = ((state >> 1) & 0x07) == 0x05;
    ctx->clei = clei != NULL && clei[0] != 0x00 && !all_spaces(clei, 10);
    ctx->n_lanes = cmis_banks(module->map) * XCVR_LANES_PER_BANK;
    /* page 10h (not read by ethtool 6.1, nor on a host with only the ioctl) */
    ctx->page10 = ctx->paged &&
                  xcvr_page_map_valid(module->map, XCVR_I2C_A0, 0, P10, XCVR_HALF_PAGE) != 0;
    if (ctx->paged && have(ctx, P01, CMIS_AUX_TYPES) && have(ctx, P01, CMIS_MODULE_MONITORS)) {
        guint8 types = byte_at(ctx, P01, CMIS_AUX_TYPES);
        guint8 mons = byte_at(ctx, P01, CMIS_MODULE_MONITORS);
        gboolean aux1 = (mons & 0x04) != 0;
        gboolean aux2 = (mons & 0x08) != 0;
        gboolean aux3 = (mons & 0x10) != 0;

        /* where two aux monitors could hold one quantity, the lower numbered one is taken */
        if (aux2 && (types & 0x02) == 0)
            ctx->laser_temp_aux = 2;
        else if (aux3 && (types & 0x04) == 0)
            ctx->laser_temp_aux = 3;
        if (aux1 && (types & 0x01) != 0)
            ctx->tec_current_aux = 1;
        else if (aux2 && (types & 0x02) != 0)
            ctx->tec_current_aux = 2;
        if (aux3 && (types & 0x04) != 0)
            ctx->vcc2_aux = 3;
    }

    if ((ctx->flags & XCVR_DECODE_VDM) != 0 && ctx->paged)
        cmis_prepare_vdm(ctx);

    if (xcvr_page_map_valid(module->map, XCVR_I2C_A0, 0, P00, XCVR_HALF_PAGE) < XCVR_HALF_PAGE)
        xcvr_module_warn(module, "page 00h not read in full: identity fields missing");
    if (!ctx->paged)
        return;
    if (xcvr_page_map_get_u8(module->map, XCVR_I2C_A0, P01, CMIS_BANKS, &bank_code) &&
        (bank_code & 0x03) == 0x03)
        xcvr_module_warn(module, "page 01h byte 142 advertises a reserved bank count (3): "
                         "decoding bank 0 only");
    if (xcvr_page_map_valid(module->map, XCVR_I2C_A0, 0, P01, XCVR_HALF_PAGE) < XCVR_HALF_PAGE)
        xcvr_module_warn(module, "paged module, but page 01h was not read: advertised "
                         "capabilities, lengths and wavelength missing");
    if (xcvr_page_map_valid(module->map, XCVR_I2C_A0, 0, P02, XCVR_HALF_PAGE) < XCVR_HALF_PAGE)
        xcvr_module_warn(module, "paged module, but page 02h was not read: thresholds missing");
    for (bank = 0; bank * XCVR_LANES_PER_BANK < ctx->n_lanes; bank++) {
        if (xcvr_page_map_valid(module->map, XCVR_I2C_A0, (guint8)bank, P11, XCVR_HALF_PAGE) <
            XCVR_HALF_PAGE)
            xcvr_module_warn(module, "paged module, but page 11h of bank %u was not read: "
                             "lanes %u-%u missing", bank, bank * 8 + 1, bank * 8 + 8);
    }
}

static void
cmis_checksums(XcvrModule *module)
{
    xcvr_module_add_checksum(module, "cc_page00", "page 00h bytes 128-221", XCVR_I2C_A0, P00,
                             128, 221, CMIS_CC_PAGE00);
}

/* VDM, asked for: page 2Fh where page 01h byte 142 bit 6 advertises VDM, then for each group
 * 2Fh says is supported its descriptor, sample and threshold pages, and the flag page
 * (@guess: group 1 while page 2Fh is unread). */
static void
cmis_plan_vdm(const XcvrPageMap *map, XcvrPageRequests *requests, gboolean guess)
{
    guint8 adv = 0;
    guint8 groups = 0;
    guint g;

    if (!xcvr_page_map_get_u8(map, XCVR_I2C_A0, P01, CMIS_BANKS, &adv) || (adv & 0x40) == 0)
        return;
    xcvr_plan_page(map, requests, XCVR_I2C_A0, 0, VDM_CONTROL, XCVR_HALF_PAGE);
    if (!xcvr_page_map_get_u8(map, XCVR_I2C_A0, VDM_CONTROL, 128, &groups) && !guess)
        return;
    for (g = 0; g <= (groups & 0x03u); g++) {
        xcvr_plan_page(map, requests, XCVR_I2C_A0, 0, (guint8)(VDM_DESC + g), XCVR_HALF_PAGE);
        xcvr_plan_page(map, requests, XCVR_I2C_A0, 0, (guint8)(VDM_VALUE + g), XCVR_HALF_PAGE);
        xcvr_plan_page(map, requests, XCVR_I2C_A0, 0, (guint8)(VDM_THRESH + g), XCVR_HALF_PAGE);
    }
    xcvr_plan_page(map, requests, XCVR_I2C_A0, 0, VDM_FLAGS, XCVR_HALF_PAGE);
}

/* Page 00h; on paged memory 01h and 02h, then 11h and 10h of every bank page 01h
 * advertises (@guess: of bank 0 while page 01h is unread); VDM when @flags ask for it. */
static void
cmis_plan_pages(const XcvrPageMap *map, XcvrDecodeFlags flags, XcvrPageRequests *requests,
                gboolean guess)
{
    guint bank;

    xcvr_plan_page(map, requests, XCVR_I2C_A0, 0, P00, XCVR_HALF_PAGE);
    if (cmis_flat(map))
        return;
    xcvr_plan_page(map, requests, XCVR_I2C_A0, 0, P01, XCVR_HALF_PAGE);
    xcvr_plan_page(map, requests, XCVR_I2C_A0, 0, P02, XCVR_HALF_PAGE);
    /* the bank count lives in page 01h: ask for banked pages once it is read */
    if (!guess && xcvr_page_map_valid(map, XCVR_I2C_A0, 0, P01, XCVR_HALF_PAGE) == 0)
        return;
    for (bank = 0; bank < cmis_banks(map); bank++)
        xcvr_plan_page(map, requests, XCVR_I2C_A0, (guint8)bank, P11, XCVR_HALF_PAGE);
    /* the control values as read, after what ethtool reads, so a driver that refuses
     * page 10h costs nothing else */
    for (bank = 0; bank < cmis_banks(map); bank++)
        xcvr_plan_page(map, requests, XCVR_I2C_A0, (guint8)bank, P10, XCVR_HALF_PAGE);
    if ((flags & XCVR_DECODE_VDM) != 0)
        cmis_plan_vdm(map, requests, guess);
}

static void
cmis_plan(const XcvrPageMap *map, XcvrDecodeFlags flags, XcvrPageRequests *requests)
{
    cmis_plan_pages(map, flags, requests, FALSE);
}

static void
cmis_wanted(const XcvrPageMap *map, XcvrDecodeFlags flags, XcvrPageRequests *requests)
{
    cmis_plan_pages(map, flags, requests, TRUE);
}

const XcvrFamilyDecoder xcvr_cmis_decoder = {
    .family = XCVR_FAMILY_CMIS,
    .spec = "CMIS",
    .fields = cmis_fields,
    .n_fields = G_N_ELEMENTS(cmis_fields),
    .load = cmis_load,
    .prepare = cmis_prepare,
    .checksums = cmis_checksums,
    .plan = cmis_plan,
    .wanted = cmis_wanted,
    .extra_fields = cmis_vdm_fields,
    .n_extra_fields = G_N_ELEMENTS(cmis_vdm_fields),
};
