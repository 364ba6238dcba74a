/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-field-walk.c: the field walker — builds a module's values from its family's field
 * table: which fields a module has (conditions, advertisement bits, lanes, banks), the
 * generic decoding of each field kind, and the units of measured quantities.
 * SFF-8472 Rev 12.4 §9, SFF-8636 Rev 2.10a §6, CMIS 5.2 §8 (monitor units and scales).
 */
#include "sff/xcvr-module-private.h"

#include <math.h>
#include <string.h>

#include "core/xcvr-string-private.h"
#include "sff/sff8024.h"

const char *
xcvr_quantity_unit(XcvrQuantity qty)
{
    switch (qty) {
    case XCVR_QTY_TEMPERATURE:
        return "degrees C";
    case XCVR_QTY_VOLTAGE:
        return "V";
    case XCVR_QTY_CURRENT:
        return "mA";
    case XCVR_QTY_TX_POWER:
    case XCVR_QTY_RX_POWER:
        return "mW";
    case XCVR_QTY_TEC_CURRENT:
    case XCVR_QTY_PERCENT:
        return "%";
    case XCVR_QTY_DB256:
        return "dB";
    case XCVR_QTY_FREQ_ERROR:
        return "MHz";
    case XCVR_QTY_F16:
        return "";
    case XCVR_QTY_NONE:
    case _XCVR_QTY_LAST:
    default:
        return "";
    }
}

/* Raw register units to the unit above (SFF-8472 §9.2, SFF-8636 §6.2.4, CMIS §8.2.4). */
double
xcvr_quantity_scale(XcvrQuantity qty, gint64 raw)
{
    switch (qty) {
    case XCVR_QTY_TEMPERATURE:
        return raw / 256.0;
    case XCVR_QTY_VOLTAGE:
        return raw / 10000.0;
    case XCVR_QTY_CURRENT:
        return raw / 500.0;
    case XCVR_QTY_TX_POWER:
    case XCVR_QTY_RX_POWER:
        return raw / 10000.0;
    case XCVR_QTY_TEC_CURRENT:
        return raw * 100.0 / 32767.0;
    case XCVR_QTY_DB256:
        return raw / 256.0;
    case XCVR_QTY_PERCENT:
        return (double)raw;
    case XCVR_QTY_FREQ_ERROR:
        return raw * 10.0;
    case XCVR_QTY_F16: {
        /* divided by a power of ten that is exact, so 300 × 10^-9 reads 3e-07 */
        int e = (int)((raw >> 11) & 0x1f) - 24;
        double m = (double)(raw & 0x7ff);

        return e < 0 ? m / pow(10.0, -e) : m * pow(10.0, e);
    }
    case XCVR_QTY_NONE:
    case _XCVR_QTY_LAST:
    default:
        return (double)raw;
    }
}

/* Labels and the few texts a decoder makes are written without printf. */
#define XCVR_UINT_DIGITS 10

/* Writes @n in decimal at @buf (at most XCVR_UINT_DIGITS bytes, no NUL); returns the
 * length. */
static gsize
xcvr_format_uint(char *buf, guint n)
{
    char digits[XCVR_UINT_DIGITS];
    gsize i = sizeof(digits);

    do {
        digits[--i] = (char)('0' + n % 10);
        n /= 10;
    } while (n != 0);
    memcpy(buf, digits + i, sizeof(digits) - i);
    return sizeof(digits) - i;
}

/* Writes @byte as two lower-case hex digits at @buf (no NUL). */
static void
xcvr_format_hex_byte(char *buf, guint8 byte)
{
    static const char hex[] = "0123456789abcdef";

    buf[0] = hex[byte >> 4];
    buf[1] = hex[byte & 0x0f];
}

static void
xcvr_append_uint(GString *out, guint n)
{
    char buf[XCVR_UINT_DIGITS];

    xcvr_string_append_len(out, buf, xcvr_format_uint(buf, n));
}

void
xcvr_value_append_label(GString *out, const XcvrValue *value, gboolean xlabel)
{
    const XcvrFieldDesc *d = value->desc;
    const char *label = xlabel ? d->xlabel : d->label != NULL ? d->label : d->key;
    const char *at;

    /* a per-lane label holds one "%u", the lane */
    if (value->lane > 0 && (at = strstr(label, "%u")) != NULL) {
        xcvr_string_append_len(out, label, (gsize)(at - label));
        xcvr_append_uint(out, value->lane);
        xcvr_string_append(out, at + 2);
        return;
    }
    xcvr_string_append(out, label);
}

/* The ethtool label of a value; per-lane labels carry the lane number. */
char *
xcvr_value_label(const XcvrValue *value)
{
    GString *out = g_string_sized_new(48);

    xcvr_value_append_label(out, value, FALSE);
    return g_string_free(out, FALSE);
}

/* Makes room for more items than the walk reserved (hooks add items the table does not
 * count: CMIS applications, pages not read). */
static void
xcvr_module_grow_items(XcvrModule *module)
{
    guint cap = MAX(module->items_cap * 2, 16u);
    XcvrItem *items = xcvr_arena_alloc(module->arena, (gsize)cap * sizeof(XcvrItem));

    if (module->n_items > 0)
        memcpy(items, module->items, module->n_items * sizeof(XcvrItem));
    module->items = items;
    module->items_cap = cap;
}

XcvrItem *
xcvr_value_add_item_full(const XcvrDecodeCtx *ctx, XcvrValue *value)
{
    XcvrModule *module = ctx->module;
    XcvrItem *item;

    /* a value's items are one run: the walker set first_item to the end before the hook */
    g_assert(value->first_item + value->n_items == module->n_items);
    if (G_UNLIKELY(module->n_items == module->items_cap))
        xcvr_module_grow_items(module);
    item = &module->items[module->n_items++];
    memset(item, 0, sizeof(*item));
    value->n_items++;
    return item;
}

void
xcvr_value_add_item(const XcvrDecodeCtx *ctx, XcvrValue *value, const char *name,
                    const char *label)
{
    XcvrItem *item = xcvr_value_add_item_full(ctx, value);

    item->name = name;
    item->label = label;
}

const char *
xcvr_ctx_keep(const XcvrDecodeCtx *ctx, const char *text, gsize len)
{
    return xcvr_arena_strndup(ctx->module->arena, text, len);
}

const char *
xcvr_ctx_keep_hundredths(const XcvrDecodeCtx *ctx, guint hundredths, const char *unit)
{
    char buf[64];
    gsize n = xcvr_format_uint(buf, hundredths / 100);
    gsize unit_len = MIN(strlen(unit), sizeof(buf) - n - 3);

    buf[n++] = '.';
    buf[n++] = (char)('0' + hundredths % 100 / 10);
    buf[n++] = (char)('0' + hundredths % 10);
    memcpy(buf + n, unit, unit_len);
    return xcvr_ctx_keep(ctx, buf, n + unit_len);
}

const char *
xcvr_ctx_keep_version(const XcvrDecodeCtx *ctx, const char *prefix, guint major, guint minor)
{
    char buf[64];
    gsize n = MIN(strlen(prefix), sizeof(buf) - 2 * XCVR_UINT_DIGITS - 1);

    memcpy(buf, prefix, n);
    n += xcvr_format_uint(buf + n, major);
    buf[n++] = '.';
    n += xcvr_format_uint(buf + n, minor);
    return xcvr_ctx_keep(ctx, buf, n);
}

/* " (0xNN)" and the like: a byte as two lower-case hex digits after @prefix. */
static void
xcvr_append_hex_byte(GString *out, const char *prefix, guint8 byte)
{
    char buf[2];

    xcvr_format_hex_byte(buf, byte);
    xcvr_string_append(out, prefix);
    xcvr_string_append_len(out, buf, sizeof(buf));
}

/* A CMIS application descriptor (CMIS 5.2 Table 8-23) as one line: "N: host (0xHH) /
 * media (0xMM); host lanes H, media lanes M, host lane options 0xOO" and, when the module
 * gives them, ", media lane options 0xOO". */
static void
xcvr_item_append_application(GString *out, const XcvrItem *item)
{
    const guint8 *a = item->args;

    xcvr_append_uint(out, a[0]);
    xcvr_string_append(out, ": ");
    xcvr_string_append(out, xcvr_code_table_name(&xcvr_sff8024_host_interface, a[1]));
    xcvr_append_hex_byte(out, " (0x", a[1]);
    xcvr_string_append(out, ") / ");
    xcvr_string_append(out, xcvr_code_table_name(xcvr_sff8024_media_table(a[5]), a[2]));
    xcvr_append_hex_byte(out, " (0x", a[2]);
    xcvr_string_append(out, "); host lanes ");
    xcvr_append_uint(out, a[3] >> 4);
    xcvr_string_append(out, ", media lanes ");
    xcvr_append_uint(out, a[3] & 0x0f);
    xcvr_append_hex_byte(out, ", host lane options 0x", a[4]);
    if (a[7] != 0)
        xcvr_append_hex_byte(out, ", media lane options 0x", a[6]);
}

gboolean
xcvr_item_append(GString *out, const XcvrItem *item, gboolean label)
{
    const char *text = label && item->label != NULL ? item->label : item->name;
    const char *prefix = item->prefix;

    if (item->format == XCVR_ITEM_APPLICATION) {
        xcvr_item_append_application(out, item);
        return TRUE;
    }
    if (label && item->label != NULL && !item->prefix_label)
        prefix = NULL; /* the label is ethtool's whole wording */
    if (text[0] == '\0' && (prefix == NULL || prefix[0] == '\0'))
        return FALSE;
    if (prefix != NULL)
        xcvr_string_append(out, prefix);
    xcvr_string_append(out, text);
    return TRUE;
}

/* The pages the decoder wanted and the read did not bring (ctx->unread), one item each,
 * named as in segment maps: "lower", "A0h"/"A2h" (SFF-8472), "NNh", "bB:NNh". */
gboolean
xcvr_field_pages_unread(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    static const char hex[] = "0123456789ABCDEF";
    guint i;

    for (i = 0; ctx->unread != NULL && i < ctx->unread->n; i++) {
        const XcvrPageRequest *r = &ctx->unread->reqs[i];
        char buf[16];
        gsize n = 0;

        if (r->i2c == XCVR_I2C_A2 || ctx->a0h_names) {
            buf[n++] = 'A';
            buf[n++] = r->i2c == XCVR_I2C_A2 ? '2' : '0';
            buf[n++] = 'h';
        } else if (r->offset < XCVR_HALF_PAGE) {
            memcpy(buf, "lower", 5);
            n = 5;
        } else {
            if (r->bank != 0) {
                buf[n++] = 'b';
                n += xcvr_format_uint(buf + n, r->bank);
                buf[n++] = ':';
            }
            buf[n++] = hex[r->page >> 4];
            buf[n++] = hex[r->page & 0x0f];
            buf[n++] = 'h';
        }
        xcvr_value_add_item(ctx, value, xcvr_ctx_keep(ctx, buf, n), NULL);
    }
    return TRUE;
}

static inline gboolean
xcvr_cond_holds(const XcvrDecodeCtx *ctx, XcvrCond cond)
{
    switch (cond) {
    case XCVR_COND_ALWAYS:
        return TRUE;
    case XCVR_COND_OPTICAL:
        return ctx->cable == 0;
    case XCVR_COND_PASSIVE_CU:
        return (ctx->cable & 0x04) != 0;
    case XCVR_COND_ACTIVE_CU:
        return ctx->cable == 0x08;
    case XCVR_COND_A2_READ:
        return ctx->a2_read;
    case XCVR_COND_DOM:
        return ctx->dom;
    case XCVR_COND_DOM_RX_OMA:
        return ctx->dom && !ctx->dom_rx_avg;
    case XCVR_COND_DOM_RX_AVG:
        return ctx->dom && ctx->dom_rx_avg;
    case XCVR_COND_DOM_AW:
        return ctx->dom_aw;
    case XCVR_COND_COPPER:
        return ctx->copper;
    case XCVR_COND_NOT_COPPER:
        return !ctx->copper;
    case XCVR_COND_MONITORS:
        return ctx->monitors;
    case XCVR_COND_MONITORS_OMA:
        return ctx->monitors && !ctx->dom_rx_avg;
    case XCVR_COND_MONITORS_AVG:
        return ctx->monitors && ctx->dom_rx_avg;
    case XCVR_COND_THRESHOLDS:
        return ctx->monitors && ctx->thresholds;
    case XCVR_COND_PAGED:
        return ctx->paged;
    case XCVR_COND_PAGED_OPTICAL:
        return ctx->paged && !ctx->copper;
    case XCVR_COND_FAULT_STATE:
        return ctx->fault_state;
    case XCVR_COND_CLEI:
        return ctx->clei;
    case XCVR_COND_RX_OMA:
        return !ctx->dom_rx_avg;
    case XCVR_COND_RX_AVG:
        return ctx->dom_rx_avg;
    case XCVR_COND_PAGE03:
        return ctx->thresholds;
    case XCVR_COND_LASER_TEMP:
        return ctx->laser_temp_aux != 0;
    case XCVR_COND_PAGE10:
        return ctx->page10;
    case XCVR_COND_TEC_CURRENT:
        return ctx->tec_current_aux != 0;
    case XCVR_COND_VCC2:
        return ctx->vcc2_aux != 0;
    case XCVR_COND_PAGES_UNREAD:
        return ctx->unread != NULL && ctx->unread->n > 0;
    case XCVR_COND_VDM:
        return ctx->vdm_groups != 0;
    case _XCVR_COND_LAST:
    default:
        return FALSE;
    }
}

/* Printable ASCII as ethtool shows it: trailing blanks dropped, anything else as '_';
 * written straight into the module's arena. */
static const char *
xcvr_ascii_clean(const XcvrDecodeCtx *ctx, const guint8 *p, guint len)
{
    char *out;
    guint i;

    while (len > 0 && p[len - 1] == ' ')
        len--;
    out = xcvr_arena_alloc(ctx->module->arena, (gsize)len + 1);
    for (i = 0; i < len; i++)
        out[i] = p[i] >= 32 && p[i] <= 126 ? (char)p[i] : '_';
    out[len] = '\0';
    return out;
}

/* "xx:xx:xx", the form of an IEEE company id. */
static const char *
xcvr_ctx_keep_oui(const XcvrDecodeCtx *ctx, const guint8 *p)
{
    char buf[8];
    guint i;

    for (i = 0; i < 3; i++) {
        xcvr_format_hex_byte(buf + i * 3, p[i]);
        if (i < 2)
            buf[i * 3 + 2] = ':';
    }
    return xcvr_ctx_keep(ctx, buf, 8);
}

/* A BITS field of the table: an item per set bit, one read per byte (a table lists a
 * byte's bits together). Apart from the other kinds so their common path stays short. */
static gboolean
xcvr_field_decode_bits(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    guint at = G_MAXUINT;
    guint8 byte = 0;
    guint i;

    for (i = 0; i < desc->n_bits; i++) {
        const XcvrBitDesc *b = &desc->bits[i];

        if (b->offset != at) {
            if (!xcvr_page_map_get_u8(ctx->map, desc->i2c, desc->page, b->offset, &byte))
                return FALSE;
            at = b->offset;
        }
        if (byte == 0) {
            i = xcvr_field_bits_byte_last(desc, i);
            continue;
        }
        if ((byte & b->mask) != 0)
            xcvr_value_add_item(ctx, value, b->name, b->label);
    }
    return TRUE;
}

gboolean
xcvr_field_decode_generic(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    const guint8 *p;
    guint i;

    if (desc->kind == XCVR_KIND_BITS)
        return xcvr_field_decode_bits(ctx, desc, value);

    p = xcvr_page_map_get(ctx->map, desc->i2c, xcvr_field_bank(desc, value), desc->page,
                          xcvr_field_offset(desc, value), desc->len);
    if (p == NULL)
        return FALSE;

    switch (desc->kind) {
    case XCVR_KIND_ENUM: {
        guint8 code = desc->mask != 0 ? (guint8)(p[0] & desc->mask) : p[0];
        /* the entry once, inline: a named code, nearly every one read, takes no call */
        const XcvrCodeName *e = xcvr_code_table_entry(desc->codes, code);
        const char *label = e != NULL ? xcvr_code_name_label(e) : XCVR_NO_LABEL;

        value->raw = code;
        value->text = e != NULL ? e->name : xcvr_code_table_name(desc->codes, code);
        /* xcvr_code_table_ethtool_label(), or the fallback where ethtool has nothing */
        value->label = label[0] != '\0' ? label : desc->codes->fallback;
        break;
    }
    case XCVR_KIND_HEXBYTES:
        value->n_bytes = MIN(desc->len, (guint16)sizeof(value->bytes));
        memcpy(value->bytes, p, value->n_bytes);
        break;
    case XCVR_KIND_UINT:
        value->raw = 0;
        for (i = 0; i < desc->len; i++)
            value->raw = (value->raw << 8) | p[i];
        if (desc->scale != 0)
            value->number = (double)value->raw * desc->scale;
        else
            value->number = (double)value->raw * (desc->mult != 0 ? desc->mult : 1);
        break;
    case XCVR_KIND_ASCII:
        value->text = xcvr_ascii_clean(ctx, p, desc->len);
        break;
    case XCVR_KIND_OUI:
        value->raw = ((guint64)p[0] << 16) | ((guint64)p[1] << 8) | p[2];
        value->text = xcvr_ctx_keep_oui(ctx, p);
        break;
    case XCVR_KIND_BOOL:
    case XCVR_KIND_FLAG:
        value->raw = (p[0] & xcvr_field_mask(desc, value)) != 0;
        break;
    case XCVR_KIND_LANE_BITS:
        /* lane 1 is the lowest bit of the mask; banked lanes take a byte per bank */
        value->n_bytes = desc->lanes == XCVR_LANES_MODULE ? ctx->n_lanes : desc->lanes;
        value->raw = desc->mask != 0 ? (guint64)(p[0] & desc->mask) >> g_bit_nth_lsf(desc->mask, -1)
                                     : 0;
        if ((desc->flags & XCVR_FIELD_LANES_BANKED) != 0) {
            guint bank;

            for (bank = 1; bank * XCVR_LANES_PER_BANK < ctx->n_lanes; bank++) {
                const guint8 *q = xcvr_page_map_get(ctx->map, desc->i2c, (guint8)bank,
                                                    desc->page, desc->offset, 1);

                if (q == NULL)
                    return FALSE;
                value->raw |= (guint64)q[0] << (bank * XCVR_LANES_PER_BANK);
            }
        }
        break;
    case XCVR_KIND_MEASURE: {
        /* Internally calibrated: the register is the value (SFF-8636 §6.2.4, CMIS §8.2.4);
         * SFF-8472's external calibration is its decoder's hook. */
        guint16 u = (guint16)((p[0] << 8) | p[1]);
        gint64 raw = desc->quantity == XCVR_QTY_TEMPERATURE ? (gint64)(gint16)u : (gint64)u;

        value->raw = (guint64)raw;
        value->number = xcvr_quantity_scale(desc->quantity, raw);
        break;
    }
    case XCVR_KIND_BITS:
    case _XCVR_KIND_LAST:
    default:
        return FALSE;
    }
    return TRUE;
}

static gboolean
xcvr_field_advertised(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc)
{
    guint8 adv;

    if ((desc->flags & XCVR_FIELD_ADVERTISED) == 0)
        return TRUE;
    return xcvr_page_map_get_u8(ctx->map, desc->i2c, desc->adv_page, desc->adv_offset, &adv) &&
           (adv & desc->adv_mask) != 0;
}

/* The largest field table a walk takes (the longest lane-major run: xcvr-field.h). */
#define XCVR_FIELDS_MAX 512

/* Where a field's values go, decided once per field (page-map lookups included). */
typedef enum {
    XCVR_WALK_NONE = 0,
    XCVR_WALK_DATA = 1 << 0, /* JSON/XML: its condition holds and it is advertised */
    XCVR_WALK_TEXT = 1 << 1, /* the ethtool-identical text */
} XcvrWalkTo;

/* What the first pass decides for a field, for the second to act on. */
typedef struct {
    guint8 to;    /* XcvrWalkTo */
    guint8 lanes; /* values per lane: 0 for a single value (xcvr_field_lanes()) */
} XcvrWalkPlan;

/* Which conditions hold for this module: bit c for XcvrCond c, worked out once per walk
 * rather than once per field. */
static guint32
xcvr_conds_holding(const XcvrDecodeCtx *ctx)
{
    guint32 conds = 0;
    guint c;

    G_STATIC_ASSERT(_XCVR_COND_LAST <= 32);
    for (c = 0; c < _XCVR_COND_LAST; c++) {
        if (xcvr_cond_holds(ctx, (XcvrCond)c))
            conds |= 1u << c;
    }
    return conds;
}

static inline gboolean
xcvr_conds_have(guint32 conds, XcvrCond cond)
{
    /* every table's condition is a named XcvrCond, fewer than 32 (above) */
    return ((conds >> ((guint)cond & 31u)) & 1u) != 0;
}

static inline XcvrWalkTo
xcvr_field_walk_to(const XcvrDecodeCtx *ctx, guint32 conds, const XcvrFieldDesc *desc)
{
    gboolean data = xcvr_conds_have(conds, desc->cond) && xcvr_field_advertised(ctx, desc);
    gboolean text;

    if (data && (desc->flags & XCVR_FIELD_VDM_TYPE) != 0)
        data = desc->offset < 256 &&
               (ctx->vdm_types[desc->offset / 32] & (1u << (desc->offset % 32))) != 0;
    if (!data && (desc->flags & XCVR_FIELD_TEXT_OWN_COND) == 0)
        return XCVR_WALK_NONE;
    text = desc->label != NULL && xcvr_conds_have(conds, desc->text_cond) &&
           ((desc->flags & XCVR_FIELD_TEXT_NEEDS_ID) == 0 || ctx->id_known);
    return (data ? XCVR_WALK_DATA : 0) | (text ? XCVR_WALK_TEXT : 0);
}

/* The walk's own state, beside the module it fills. */
typedef struct {
    XcvrModule *module;
    const XcvrDecodeCtx *ctx;
    guint values_cap; /* room at module->values */
} XcvrWalk;

/* Makes room for more values than the layout counted: a table whose count is off still
 * decodes. */
static void
xcvr_walk_grow_values(XcvrWalk *walk)
{
    XcvrModule *module = walk->module;
    guint cap = MAX(walk->values_cap * 2, 16u);
    XcvrValue *values = xcvr_arena_alloc(module->arena, (gsize)cap * sizeof(XcvrValue));

    if (module->n_values > 0)
        memcpy(values, module->values, module->n_values * sizeof(XcvrValue));
    module->values = values;
    walk->values_cap = cap;
}

static inline void
xcvr_walk_add_value(XcvrWalk *walk, const XcvrFieldDesc *desc, guint lane, guint to)
{
    XcvrModule *module = walk->module;
    XcvrValue *value;
    gboolean ok;

    if (G_UNLIKELY(module->n_values == walk->values_cap))
        xcvr_walk_grow_values(walk);
    value = &module->values[module->n_values++];
    *value = (XcvrValue){
        .desc = desc, .state = XCVR_VALUE_OK, .lane = (guint8)lane, .first_item = module->n_items,
        .in_text = (to & XCVR_WALK_TEXT) != 0, .text_only = (to & XCVR_WALK_DATA) == 0,
    };
    ok = desc->hook != NULL ? desc->hook(walk->ctx, desc, value)
                            : xcvr_field_decode_generic(walk->ctx, desc, value);
    if (!ok)
        value->state = XCVR_VALUE_TRUNCATED;
}

/* How many values a field yields: one per lane, except a lane-bit list (one value whose
 * bits are the lanes). */
static guint
xcvr_field_lanes(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc)
{
    if (desc->kind == XCVR_KIND_LANE_BITS)
        return 0;
    return desc->lanes == XCVR_LANES_MODULE ? ctx->n_lanes : desc->lanes;
}

/* Walks @n fields of one table as @plan says: their values in table order, a lane-major run
 * lane by lane. */
static void
xcvr_walk_table(XcvrWalk *walk, const XcvrFieldDesc *fields, guint n, const XcvrWalkPlan *plan)
{
    guint i = 0;

    while (i < n) {
        const XcvrFieldDesc *desc = &fields[i];
        guint end = i + 1;
        guint lane;
        guint j;

        if (xcvr_field_starts_run(desc)) {
            /* a lane-major run: every field for lane 1, then for lane 2, …; its fields have
             * the same lanes (the plan has them of fields with values only) */
            guint run_lanes = xcvr_field_lanes(walk->ctx, desc);

            end = xcvr_field_run_end(fields, n, i);
            for (lane = 1; lane <= run_lanes; lane++) {
                for (j = i; j < end; j++) {
                    if (plan[j].to != XCVR_WALK_NONE)
                        xcvr_walk_add_value(walk, &fields[j], lane, plan[j].to);
                }
            }
        } else if (plan[i].to != XCVR_WALK_NONE) {
            if (plan[i].lanes == 0)
                xcvr_walk_add_value(walk, desc, 0, plan[i].to);
            for (lane = 1; lane <= plan[i].lanes; lane++)
                xcvr_walk_add_value(walk, desc, lane, plan[i].to);
        }
        i = end;
    }
}

/* What a table's fields need, summed by xcvr_walk_plan(). */
typedef struct {
    guint n_values;
    guint n_items;
    gsize n_bytes;
} XcvrWalkSize;

/* The first pass over @n fields: where each goes, how many lanes, and what its values need. */
static void
xcvr_walk_plan(const XcvrDecodeCtx *ctx, guint32 conds, const XcvrFieldDesc *fields, guint n,
               XcvrWalkPlan *plan, XcvrWalkSize *size)
{
    guint i;

    for (i = 0; i < n; i++) {
        const XcvrFieldDesc *desc = &fields[i];
        XcvrWalkTo to = xcvr_field_walk_to(ctx, conds, desc);
        guint lanes;
        guint n_values;

        plan[i].to = (guint8)to;
        if (to == XCVR_WALK_NONE)
            continue;
        /* the second pass reads the lanes of a field that has values only */
        lanes = xcvr_field_lanes(ctx, desc);
        n_values = MAX(lanes, 1u);
        plan[i].lanes = (guint8)lanes;
        size->n_values += n_values;
        size->n_items += desc->n_bits;
        if (desc->kind == XCVR_KIND_ASCII || desc->kind == XCVR_KIND_OUI)
            size->n_bytes += (gsize)n_values * (desc->len + 16u);
    }
}

/* Bytes of the arena beyond the values, items and table texts: texts hooks make (versions,
 * "N.NN unit", page names) and each allocation's rounding. */
#define XCVR_WALK_ARENA_SLACK 512

/* A part of a table that a walk visits: fields [first, end). */
typedef struct {
    guint first;
    guint end;
} XcvrWalkSpan;

/* The most gated runs a table has (XcvrFamilyDecoder.gates). */
#define XCVR_GATES_MAX 8

/* The parts of @dec's fields this module's walk visits, in order: all of them but the
 * gated runs none of whose conditions @conds holds. Both passes walk the same parts, so a
 * closed run's fields are neither planned nor read. Returns how many parts. */
static guint
xcvr_walk_spans(const XcvrFamilyDecoder *dec, guint32 conds, XcvrWalkSpan *spans)
{
    guint n_spans = 0;
    guint at = 0;
    guint g;

    g_assert(dec->n_gates <= XCVR_GATES_MAX);
    for (g = 0; g < dec->n_gates; g++) {
        const XcvrFieldGate *gate = &dec->gates[g];

        g_assert(gate->first >= at && (guint)gate->first + gate->n <= dec->n_fields);
        if ((conds & gate->conds) != 0)
            continue; /* open: walked with what comes before and after it */
        if (gate->first > at)
            spans[n_spans++] = (XcvrWalkSpan){ at, gate->first };
        at = gate->first + gate->n;
    }
    if (dec->n_fields > at)
        spans[n_spans++] = (XcvrWalkSpan){ at, dec->n_fields };
    return n_spans;
}

void
xcvr_module_walk(XcvrModule *module, const XcvrFamilyDecoder *dec, const XcvrDecodeCtx *ctx_in)
{
    XcvrDecodeCtx walk_ctx = *ctx_in;
    XcvrWalkPlan plan[XCVR_FIELDS_MAX];
    XcvrWalkSpan spans[XCVR_GATES_MAX + 1];
    guint n_spans;
    guint k;
    XcvrWalk walk = { .module = module, .ctx = &walk_ctx };
    guint32 conds = xcvr_conds_holding(ctx_in);
    guint n_extra = ctx_in->extra_fields ? dec->n_extra_fields : 0;
    /* hooks add a few items of their own: extended codes, applications */
    XcvrWalkSize size = { .n_items = 16 };

    /* Where each field goes, first; then the module's values, items and texts are laid
     * out once, in one allocation sized from the table to what this module has: a value per
     * field and lane, an item per bit, the bytes of every text field. */
    g_assert(dec->n_fields + n_extra <= G_N_ELEMENTS(plan));
    g_assert(ctx_in->n_lanes <= G_MAXUINT8);
    g_assert(module->arena == NULL);
    n_spans = xcvr_walk_spans(dec, conds, spans);
    /* no lane-major run crosses a gated run's ends: the parts walk as the whole would */
    for (k = 0; k < n_spans; k++)
        xcvr_walk_plan(ctx_in, conds, dec->fields + spans[k].first,
                       spans[k].end - spans[k].first, plan + spans[k].first, &size);
    if (n_extra > 0)
        xcvr_walk_plan(ctx_in, conds, dec->extra_fields, n_extra, plan + dec->n_fields, &size);

    module->arena = xcvr_arena_new((gsize)size.n_values * sizeof(XcvrValue) +
                                   (gsize)size.n_items * sizeof(XcvrItem) + size.n_bytes +
                                   XCVR_WALK_ARENA_SLACK);
    module->values = xcvr_arena_alloc(module->arena, (gsize)size.n_values * sizeof(XcvrValue));
    walk.values_cap = size.n_values;
    module->items = xcvr_arena_alloc(module->arena, (gsize)size.n_items * sizeof(XcvrItem));
    module->items_cap = size.n_items;
    walk_ctx.module = module;

    for (k = 0; k < n_spans; k++)
        xcvr_walk_table(&walk, dec->fields + spans[k].first, spans[k].end - spans[k].first,
                        plan + spans[k].first);
    if (n_extra > 0)
        xcvr_walk_table(&walk, dec->extra_fields, n_extra, plan + dec->n_fields);
}
