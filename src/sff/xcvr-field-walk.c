/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-field-walk.c: the field walker — builds a module's values from its family's field
 * table: which fields a module has (conditions, advertisement bits, lanes, banks), the
 * generic decoding of each field kind, and the units of measured quantities.
 * SFF-8472 Rev 12.4 §9, SFF-8636 Rev 2.10a §6, CMIS 5.2 §8 (monitor units and scales).
 */
#include "sff/xcvr-module-private.h"

#include <string.h>

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
    case XCVR_QTY_NONE:
    case _XCVR_QTY_LAST:
    default:
        return (double)raw;
    }
}

/* The ethtool label of a value; per-lane labels carry the lane number. */
char *
xcvr_value_label(const XcvrValue *value)
{
    const char *label = value->desc->label != NULL ? value->desc->label : value->desc->key;

    if (value->lane > 0) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        return g_strdup_printf(label, value->lane);
#pragma GCC diagnostic pop
    }
    return g_strdup(label);
}

void
xcvr_value_clear(XcvrValue *value)
{
    g_free(value->text);
    if (value->items != NULL)
        g_array_unref(value->items);
}

static void
xcvr_item_clear(XcvrItem *item)
{
    g_free(item->name);
    g_free(item->label);
}

void
xcvr_value_add_item(XcvrValue *value, const char *name, const char *label)
{
    XcvrItem item = { g_strdup(name), g_strdup(label) };

    g_array_append_val(value->items, item);
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
    case _XCVR_COND_LAST:
    default:
        return FALSE;
    }
}

/* Printable ASCII as ethtool shows it: trailing blanks dropped, anything else as '_'. */
static char *
xcvr_ascii_clean(const guint8 *p, guint len)
{
    GString *s = g_string_sized_new(len);
    guint i;

    while (len > 0 && p[len - 1] == ' ')
        len--;
    for (i = 0; i < len; i++)
        g_string_append_c(s, p[i] >= 32 && p[i] <= 126 ? (char)p[i] : '_');
    return g_string_free(s, FALSE);
}

/* Which bank holds a value: banked lanes come 8 to a bank. */
guint8
xcvr_field_bank(const XcvrFieldDesc *desc, const XcvrValue *value)
{
    if (value->lane == 0 || (desc->flags & XCVR_FIELD_LANES_BANKED) == 0)
        return 0;
    return (guint8)((value->lane - 1) / XCVR_LANES_PER_BANK);
}

/* Where a value's byte is: per-lane fields step by stride, or two lanes to a byte. */
guint
xcvr_field_offset(const XcvrFieldDesc *desc, const XcvrValue *value)
{
    guint lane0 = value->lane > 0 ? value->lane - 1 : 0;

    if (value->lane == 0)
        return desc->offset;
    if ((desc->flags & XCVR_FIELD_LANES_BANKED) != 0)
        lane0 %= XCVR_LANES_PER_BANK;
    if ((desc->flags & XCVR_FIELD_LANES_BIT) != 0)
        return desc->offset;
    if ((desc->flags & XCVR_FIELD_LANES_NIBBLE) != 0)
        return desc->offset + lane0 / 2;
    return desc->offset + lane0 * desc->lane_stride;
}

guint8
xcvr_field_mask(const XcvrFieldDesc *desc, const XcvrValue *value)
{
    /* @mask names lane 1's bit, in the high nibble; even lanes use the low nibble. */
    if (value->lane > 0 && (desc->flags & XCVR_FIELD_LANES_NIBBLE) != 0 && value->lane % 2 == 0)
        return (guint8)(desc->mask >> 4);
    if (value->lane > 0 && (desc->flags & XCVR_FIELD_LANES_BIT) != 0)
        return (guint8)(1u << ((value->lane - 1) % XCVR_LANES_PER_BANK));
    return desc->mask;
}

gboolean
xcvr_field_decode_generic(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc, XcvrValue *value)
{
    const guint8 *p;
    guint i;

    if (desc->kind == XCVR_KIND_BITS) {
        for (i = 0; i < desc->n_bits; i++) {
            const XcvrBitDesc *b = &desc->bits[i];
            guint8 byte;

            if (!xcvr_page_map_get_u8(ctx->map, desc->i2c, desc->page, b->offset, &byte))
                return FALSE;
            if ((byte & b->mask) != 0)
                xcvr_value_add_item(value, b->name, b->label);
        }
        return TRUE;
    }

    p = xcvr_page_map_get(ctx->map, desc->i2c, xcvr_field_bank(desc, value), desc->page,
                          xcvr_field_offset(desc, value), desc->len);
    if (p == NULL)
        return FALSE;

    switch (desc->kind) {
    case XCVR_KIND_ENUM: {
        guint8 code = desc->mask != 0 ? (guint8)(p[0] & desc->mask) : p[0];

        value->raw = code;
        value->text = g_strdup(xcvr_code_table_name(desc->codes, code));
        value->label = xcvr_code_table_ethtool_label(desc->codes, code);
        if (value->label == NULL)
            value->label = desc->codes->fallback;
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
        value->text = xcvr_ascii_clean(p, desc->len);
        break;
    case XCVR_KIND_OUI:
        value->raw = ((guint64)p[0] << 16) | ((guint64)p[1] << 8) | p[2];
        value->text = g_strdup_printf("%02x:%02x:%02x", p[0], p[1], p[2]);
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

/* Where a field's values go, decided once per field (page-map lookups included). */
typedef enum {
    XCVR_WALK_NONE = 0,
    XCVR_WALK_DATA = 1 << 0, /* JSON/XML: its condition holds and it is advertised */
    XCVR_WALK_TEXT = 1 << 1, /* the ethtool-identical text */
} XcvrWalkTo;

static inline XcvrWalkTo
xcvr_field_walk_to(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc)
{
    gboolean data = xcvr_cond_holds(ctx, desc->cond) && xcvr_field_advertised(ctx, desc);
    gboolean text;

    if (!data && (desc->flags & XCVR_FIELD_TEXT_OWN_COND) == 0)
        return XCVR_WALK_NONE;
    text = desc->label != NULL && xcvr_cond_holds(ctx, desc->text_cond) &&
           ((desc->flags & XCVR_FIELD_TEXT_NEEDS_ID) == 0 || ctx->id_known);
    return (data ? XCVR_WALK_DATA : 0) | (text ? XCVR_WALK_TEXT : 0);
}

static void
xcvr_module_add_value(XcvrModule *module,
                      const XcvrDecodeCtx *ctx,
                      const XcvrFieldDesc *desc,
                      guint lane,
                      XcvrWalkTo to)
{
    XcvrValue value = { .desc = desc, .state = XCVR_VALUE_OK, .lane = lane };
    gboolean ok;

    if (desc->kind == XCVR_KIND_BITS) {
        value.items = g_array_new(FALSE, TRUE, sizeof(XcvrItem));
        g_array_set_clear_func(value.items, (GDestroyNotify)xcvr_item_clear);
    }
    ok = desc->hook != NULL ? desc->hook(ctx, desc, &value)
                            : xcvr_field_decode_generic(ctx, desc, &value);
    if (!ok)
        value.state = XCVR_VALUE_TRUNCATED;
    value.in_text = (to & XCVR_WALK_TEXT) != 0;
    value.text_only = (to & XCVR_WALK_DATA) == 0;
    g_array_append_val(module->values, value);
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

void
xcvr_module_walk(XcvrModule *module, const XcvrFamilyDecoder *dec, const XcvrDecodeCtx *ctx)
{
    guint i = 0;

    while (i < dec->n_fields) {
        const XcvrFieldDesc *desc = &dec->fields[i];
        guint end = i + 1;
        guint lane;
        guint j;

        guint n_lanes = xcvr_field_lanes(ctx, desc);

        if ((desc->flags & XCVR_FIELD_LANE_MAJOR) != 0 && desc->lanes > 0) {
            XcvrWalkTo to[32];

            /* a lane-major run: every field for lane 1, then for lane 2, … */
            while (end < dec->n_fields && end - i < G_N_ELEMENTS(to) &&
                   (dec->fields[end].flags & XCVR_FIELD_LANE_MAJOR) != 0 &&
                   (dec->fields[end].flags & XCVR_FIELD_RUN_START) == 0 &&
                   dec->fields[end].lanes == desc->lanes)
                end++;
            for (j = i; j < end; j++)
                to[j - i] = xcvr_field_walk_to(ctx, &dec->fields[j]);
            for (lane = 1; lane <= n_lanes; lane++) {
                for (j = i; j < end; j++) {
                    if (to[j - i] != XCVR_WALK_NONE)
                        xcvr_module_add_value(module, ctx, &dec->fields[j], lane, to[j - i]);
                }
            }
        } else {
            XcvrWalkTo to = xcvr_field_walk_to(ctx, desc);

            if (to != XCVR_WALK_NONE && n_lanes == 0)
                xcvr_module_add_value(module, ctx, desc, 0, to);
            for (lane = 1; to != XCVR_WALK_NONE && lane <= n_lanes; lane++)
                xcvr_module_add_value(module, ctx, desc, lane, to);
        }
        i = end;
    }
}
