/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-field.h: how a spec's fields are described once (XcvrFieldDesc) and what decoding
 * one yields (XcvrValue). Decoders walk descriptor tables to build values; every renderer
 * walks the same values and reads their descriptors — no renderer knows a field by hand.
 */
#pragma once

#include <glib.h>

#include "sff/xcvr-page-map.h"

/* XcvrFieldDesc.lanes: one lane per lane of the module (ctx->n_lanes). */
#define XCVR_LANES_MODULE 0xff
#define XCVR_LANES_PER_BANK 8

/* A label that ethtool 6.1 does not print (its table lacks the code). */
#define XCVR_NO_LABEL ""

/* One entry of a code → name table. @label is ethtool 6.1's text where it differs from
 * the spec's @name; NULL means "same as @name", XCVR_NO_LABEL means ethtool lacks it. */
typedef struct {
    const char *name;
    const char *label;
    const char *label_qsfp; /* ethtool 6.1's SFF-8636 wording, where a table needs one */
} XcvrCodeName;

/* A run of codes the spec leaves unnamed on purpose (reserved, custom, vendor specific). */
typedef struct {
    guint8 first;
    guint8 last;
    const char *name;
} XcvrCodeRange;

typedef struct {
    const XcvrCodeName *entries; /* indexed by code, designated initializers */
    guint n_entries;
    const char *fallback;        /* name and label of codes without an entry */
    const XcvrCodeRange *ranges; /* names of codes without an entry; labels stay @fallback */
    guint n_ranges;
} XcvrCodeTable;

/* One bit of a bit-field table: the field lists one entry per set bit. */
typedef struct {
    guint8 offset; /* byte within the field's page */
    guint8 mask;
    const char *name;
    const char *label;
} XcvrBitDesc;

typedef enum {
    XCVR_KIND_ENUM,      /* one byte looked up in a code table: "0x07 (LC)" */
    XCVR_KIND_BITS,      /* one entry per set bit (and per code of an enum byte) */
    XCVR_KIND_HEXBYTES,  /* raw code bytes: "0x10 0x00 …" */
    XCVR_KIND_UINT,      /* unsigned integer times a multiplier, with a unit */
    XCVR_KIND_ASCII,     /* space-padded text */
    XCVR_KIND_OUI,       /* IEEE company id */
    XCVR_KIND_BOOL,      /* Yes/No */
    XCVR_KIND_FLAG,      /* On/Off */
    XCVR_KIND_MEASURE,   /* a monitored physical quantity, see XcvrQuantity */
    XCVR_KIND_LANE_BITS, /* one bit per lane: "[ Yes, No, No, No ]", or "None" */

    _XCVR_KIND_LAST
} XcvrFieldKind;

typedef enum {
    XCVR_QTY_NONE,
    XCVR_QTY_TEMPERATURE, /* signed 1/256 degree C */
    XCVR_QTY_VOLTAGE,     /* 100 uV */
    XCVR_QTY_CURRENT,     /* 2 uA */
    XCVR_QTY_TX_POWER,    /* 0.1 uW */
    XCVR_QTY_RX_POWER,    /* 0.1 uW */
    XCVR_QTY_TEC_CURRENT, /* signed, 100/32767 % of the maximum TEC current (CMIS) */
    XCVR_QTY_DB256,       /* 1/256 dB (CMIS VDM eSNR, PAM4 level transition) */
    XCVR_QTY_PERCENT,     /* 1 % (CMIS VDM laser age) */
    XCVR_QTY_FREQ_ERROR,  /* signed, 10 MHz (CMIS VDM laser frequency error) */
    XCVR_QTY_F16,         /* CMIS F16: mantissa (bits 10-0) x 10^(exponent (15-11) - 24) */

    _XCVR_QTY_LAST
} XcvrQuantity;

/* When a field exists. Conditions are about the module, evaluated at decode time. */
typedef enum {
    XCVR_COND_ALWAYS,
    XCVR_COND_OPTICAL,     /* neither passive nor active cable (SFF-8472 byte 8) */
    XCVR_COND_PASSIVE_CU,
    XCVR_COND_ACTIVE_CU,
    XCVR_COND_A2_READ,     /* the A2h page was read */
    XCVR_COND_DOM,         /* … and diagnostics are implemented (A0h byte 92 bit 6) */
    XCVR_COND_DOM_RX_OMA,  /* … and RX power is OMA (byte 92 bit 3 clear) */
    XCVR_COND_DOM_RX_AVG,  /* … and RX power is average power */
    XCVR_COND_DOM_AW,      /* … and alarm/warning flags are implemented (byte 93 bit 7) */
    XCVR_COND_COPPER,      /* SFF-8636 transmitter technology: copper cable */
    XCVR_COND_NOT_COPPER,
    XCVR_COND_MONITORS,    /* SFF-8636: the temperature reads as a real value */
    XCVR_COND_MONITORS_OMA,
    XCVR_COND_MONITORS_AVG,
    XCVR_COND_THRESHOLDS,  /* SFF-8636: page 03h was read */
    XCVR_COND_PAGED,       /* CMIS: paged memory, pages 01h/02h/11h read */
    XCVR_COND_PAGED_OPTICAL, /* … and the media is not copper */
    XCVR_COND_FAULT_STATE, /* CMIS: module state is ModuleFault */
    XCVR_COND_CLEI,        /* CMIS: a CLEI code is given */
    XCVR_COND_RX_OMA,      /* SFF-8636: RX power is OMA (byte 220 bit 3 clear) */
    XCVR_COND_RX_AVG,      /* SFF-8636: RX power is average power */
    XCVR_COND_PAGE03,      /* SFF-8636: page 03h (thresholds) was read */
    XCVR_COND_LASER_TEMP,  /* CMIS: an aux monitor advertised as laser temperature */
    XCVR_COND_PAGE10,      /* CMIS: paged, and page 10h (bank 0) was read */
    XCVR_COND_TEC_CURRENT, /* CMIS: an aux monitor advertised as TEC current */
    XCVR_COND_VCC2,        /* CMIS: aux monitor 3 advertised as Vcc2 */
    XCVR_COND_PAGES_UNREAD, /* a page the decoder wants was not read (ctx->unread) */
    XCVR_COND_VDM,         /* CMIS: VDM asked for, advertised, and its pages read */

    _XCVR_COND_LAST
} XcvrCond;

typedef enum {
    XCVR_FIELD_FLAG_NONE = 0,
    /* ethtool prints the field only when the identifier is one its decoder for this family
     * takes (SFF-8472: GBIC/SFP with a two-wire ID, §5.2; SFF-8636: QSFP/QSFP+/QSFP28 in
     * the lower page). JSON and XML carry the field regardless. */
    XCVR_FIELD_TEXT_NEEDS_ID = 1 << 0,
    /* ENUM: the text form is the name alone, without "0x.. ( )". */
    XCVR_FIELD_TEXT_NAME_ONLY = 1 << 1,
    /* The field exists only when the advertisement bit (adv_*) is set. */
    XCVR_FIELD_ADVERTISED = 1 << 2,
    /* Lanes share bytes two to a byte: lane 1 in the high nibble of the first byte, lane 2
     * in its low nibble, lane 3 in the next byte's high nibble… (SFF-8636 flag bytes). */
    XCVR_FIELD_LANES_NIBBLE = 1 << 3,
    /* A run of consecutive per-lane fields with this flag is walked lane by lane: every
     * field of the run for lane 1, then for lane 2… (ethtool's order for channel flags). */
    XCVR_FIELD_LANE_MAJOR = 1 << 4,
    /* Starts a new lane-major run even right after another one. */
    XCVR_FIELD_RUN_START = 1 << 5,
    /* Lanes come 8 to a bank, each bank's in its own copy of the page (CMIS 10h-1Fh). */
    XCVR_FIELD_LANES_BANKED = 1 << 6,
    /* Per-lane flag: lane n of its bank is bit n-1 of the byte (CMIS Table 8-77). */
    XCVR_FIELD_LANES_BIT = 1 << 7,
    /* The text shows the field exactly when @text_cond holds (ethtool's own test, which may
     * be a value heuristic), whatever @cond and the advertisement say; JSON and XML show it
     * exactly when @cond holds and it is advertised. A value only the text shows is marked
     * text_only. */
    XCVR_FIELD_TEXT_OWN_COND = 1 << 8,
    /* CMIS VDM: the field exists when the module's VDM descriptors hold the observable type
     * @offset (ctx->vdm_types). */
    XCVR_FIELD_VDM_TYPE = 1 << 9,
} XcvrFieldFlags;

/* The longest lane-major run a walk takes: so the values of one per-lane field stand at
 * most this far apart in a module's values. */
#define XCVR_LANE_MAJOR_RUN_MAX 32

typedef enum {
    XCVR_VALUE_OK,
    XCVR_VALUE_TRUNCATED, /* its bytes were not read */

    _XCVR_VALUE_LAST
} XcvrValueState;

typedef struct _XcvrFieldDesc XcvrFieldDesc;
typedef struct _XcvrValue XcvrValue;
typedef struct _XcvrDecodeCtx XcvrDecodeCtx;

/* Computes a value where the table alone cannot (spec logic, e.g. BR forms, calibration).
 * Returns FALSE when the bytes it needs were not read. */
typedef gboolean (*XcvrFieldHook)(const XcvrDecodeCtx *ctx,
                                  const XcvrFieldDesc *desc,
                                  XcvrValue *value);

struct _XcvrFieldDesc {
    const char *key;      /* stable JSON/XML key */
    const char *label;    /* ethtool 6.1 text label; NULL: not in the text form */
    XcvrFieldKind kind;
    guint8 i2c;
    guint8 page;
    guint16 offset;
    guint16 len;
    guint8 mask;          /* BOOL/FLAG: the bit; ENUM: bits of the byte that hold the code;
                           * LANE_BITS: bits of the lanes, lane 1 lowest */
    guint mult;           /* XCVR_KIND_UINT: integer multiplier to the unit */
    double scale;         /* XCVR_KIND_UINT: fractional multiplier (then @decimals apply) */
    guint8 decimals;      /* XCVR_KIND_UINT with @scale: digits in the text form */
    guint8 lanes;         /* per-lane field: how many lanes (XCVR_LANES_MODULE: as many as
                           * the module has); @label holds one %u */
    guint8 lane_stride;   /* bytes between lanes */
    guint8 adv_page;      /* XCVR_FIELD_ADVERTISED: where the advertisement bit is */
    guint16 adv_offset;
    guint8 adv_mask;
    const char *unit;
    const char *text_unit; /* the unit as ethtool prints it, where that differs */
    XcvrQuantity quantity;
    const XcvrCodeTable *codes;
    const char *text_suffix; /* appended to an ENUM's text form */
    const XcvrBitDesc *bits;
    guint n_bits;
    XcvrCond cond;
    XcvrCond text_cond;   /* further condition for the ethtool-identical text */
    const char *xlabel;   /* label in the text's "also decoded" section, for fields
                           * ethtool does not print */
    XcvrFieldFlags flags;
    XcvrFieldHook hook;
    const char *ref;      /* spec reference */
};

/* What an item's text is made of beyond its static strings. */
typedef enum {
    XCVR_ITEM_PLAIN,       /* @prefix, when set, then @name (or @label) */
    XCVR_ITEM_APPLICATION, /* a CMIS application descriptor, written from @args */

    _XCVR_ITEM_LAST
} XcvrItemFormat;

/* One entry of a BITS value. Every string is static (a table's): the decoder copies none
 * and formats none; what needs formatting is written when rendered (xcvr_item_append). */
typedef struct {
    const char *name;
    const char *label;  /* NULL or "" (ethtool lacks it) as in XcvrCodeName */
    const char *prefix; /* before @name and, with @prefix_label, before @label */
    gboolean prefix_label;
    XcvrItemFormat format;
    guint8 args[8];     /* XCVR_ITEM_APPLICATION: number, the descriptor's four bytes,
                         * the media type, media lane options and whether they were read */
} XcvrItem;

struct _XcvrValue {
    const XcvrFieldDesc *desc;
    guint64 raw;          /* code, integer, or raw reading before scaling */
    double number;        /* UINT: raw × mult; MEASURE: in the unit after calibration */
    const char *text;     /* ASCII/OUI text; ENUM name: static, or in the module's arena */
    const char *label;    /* ENUM: ethtool label of the code */
    guint first_item;     /* BITS: its items are module->items[first_item, + n_items) */
    guint n_items;
    /* small members packed: the walk lays out and initialises every value of a module */
    guint8 lane;          /* 1-based for per-lane fields, else 0 (at most 4 banks of 8) */
    guint8 state;         /* XcvrValueState */
    guint8 in_text;       /* part of the ethtool-identical text */
    guint8 text_only;     /* only the text shows it (XCVR_FIELD_TEXT_OWN_COND): not in JSON/XML */
    guint8 n_bytes;
    guint8 bytes[16];     /* HEXBYTES */
};

/* What a decoder knows while it walks its table. *//* What a decoder knows while it walks its table. */
struct _XcvrDecodeCtx {
    const XcvrPageMap *map;
    XcvrModule *module;  /* where the walk puts values, items (BITS values') and texts */
    guint8 id;           /* identifier byte */
    gboolean id_known;    /* GBIC/SFP with two-wire ID: ethtool decodes the rest */
    gboolean a2_read;
    gboolean dom;
    gboolean dom_ext_cal;
    gboolean dom_rx_avg;
    gboolean dom_aw;
    guint8 cable;        /* SFF-8472 byte 8 bits 2 (passive) and 3 (active) */
    gboolean copper;     /* SFF-8636/CMIS media is copper */
    gboolean monitors;   /* SFF-8636 monitors read as real values */
    gboolean thresholds; /* SFF-8636 page 03h read */
    gboolean paged;      /* CMIS paged memory with pages 01h, 02h and 11h read */
    gboolean fault_state; /* CMIS module state is ModuleFault */
    gboolean clei;       /* CMIS CLEI code present */
    guint n_lanes;       /* lanes of per-module lane fields (8 per bank on CMIS) */
    guint8 laser_temp_aux; /* CMIS: the aux monitor (2 or 3) that holds laser temperature */
    gboolean page10;     /* CMIS: page 10h (bank 0) was read */
    guint8 tec_current_aux; /* CMIS: the aux monitor (1 or 2) that holds TEC current */
    guint8 vcc2_aux;     /* CMIS: 3 when aux monitor 3 holds Vcc2 */
    const XcvrPageRequests *unread; /* pages the decoder wants that were not read */
    gboolean a0h_names;  /* SFF-8472: pages are named by I2C address (A0h, A2h) */
    guint flags;         /* XcvrDecodeFlags of the decode */
    gboolean extra_fields; /* walk the family's extra fields too (CMIS VDM) */
    guint8 vdm_groups;   /* CMIS: VDM groups decoded (0: none) */
    guint32 vdm_types[8]; /* CMIS: a bit per observable type ID the descriptors hold */
};

/* Whether a walk that reaches @desc walks a lane-major run from it. */
static inline gboolean
xcvr_field_starts_run(const XcvrFieldDesc *desc)
{
    return (desc->flags & XCVR_FIELD_LANE_MAJOR) != 0 && desc->lanes > 0;
}

/* Where the lane-major run from field @i of the @n at @fields ends (one past its last
 * field): the fields after it that are lane-major, start no run of their own and have as
 * many lanes, at most XCVR_LANE_MAJOR_RUN_MAX fields in all. */
static inline guint
xcvr_field_run_end(const XcvrFieldDesc *fields, guint n, guint i)
{
    guint8 lanes = fields[i].lanes;
    guint end = i + 1;

    while (end < n && end - i < XCVR_LANE_MAJOR_RUN_MAX &&
           (fields[end].flags & XCVR_FIELD_LANE_MAJOR) != 0 &&
           (fields[end].flags & XCVR_FIELD_RUN_START) == 0 && fields[end].lanes == lanes)
        end++;
    return end;
}

/* The last of @desc's bits from @i on that lie in the byte bit @i does: a table lists a
 * byte's bits together, so a byte with no bit set is passed at once. */
static inline guint
xcvr_field_bits_byte_last(const XcvrFieldDesc *desc, guint i)
{
    guint8 offset = desc->bits[i].offset;

    while (i + 1 < desc->n_bits && desc->bits[i + 1].offset == offset)
        i++;
    return i;
}

/* @code's entry in @table, NULL when the table names no such code. */
static inline const XcvrCodeName *
xcvr_code_table_entry(const XcvrCodeTable *table, guint code)
{
    return code < table->n_entries && table->entries[code].name != NULL ? &table->entries[code]
                                                                        : NULL;
}

/* An entry's ethtool 6.1 text: its label, else its name (XCVR_NO_LABEL: ethtool lacks it). */
static inline const char *
xcvr_code_name_label(const XcvrCodeName *e)
{
    return e->label != NULL ? e->label : e->name;
}

const char *xcvr_code_table_name(const XcvrCodeTable *table, guint code);
const char *xcvr_code_table_label(const XcvrCodeTable *table, guint code);

/* Units and formats of each quantity, shared by all families and renderers. */
const char *xcvr_quantity_unit(XcvrQuantity qty);
double xcvr_quantity_scale(XcvrQuantity qty, gint64 raw);
