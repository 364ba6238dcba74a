/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-module.c: decoding a module image into the model — family detection, the walk over
 * a family's field table, generic decoding per field kind, checksums — and the getters.
 */
#include "sff/xcvr-module-private.h"

#include <math.h>
#include <string.h>

#include <xcvrmap/xcvr-error.h>

#include "sff/sff8024.h"
#include "sff/sff8472.h"
#include "sff/sff8636.h"
#include "sff/cmis.h"

#include "core/xcvr-enum.h"

XCVR_ENUM_IMPL(family, XcvrFamily, _XCVR_FAMILY_LAST, "unknown",
    [XCVR_FAMILY_UNKNOWN] = "unknown",
    [XCVR_FAMILY_SFF8472] = "sff8472",
    [XCVR_FAMILY_SFF8636] = "sff8636",
    [XCVR_FAMILY_CMIS] = "cmis",
)

XCVR_ENUM_IMPL(checksum_status, XcvrChecksumStatus, _XCVR_CHECKSUM_LAST, "absent",
    [XCVR_CHECKSUM_OK] = "ok",
    [XCVR_CHECKSUM_BAD] = "bad",
    [XCVR_CHECKSUM_ABSENT] = "absent",
)

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

static void
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

void
xcvr_module_free(XcvrModule *module)
{
    guint i;

    if (module == NULL)
        return;
    if (module->values != NULL) {
        for (i = 0; i < module->values->len; i++)
            xcvr_value_clear(&g_array_index(module->values, XcvrValue, i));
        g_array_unref(module->values);
    }
    if (module->checksums != NULL)
        g_array_unref(module->checksums);
    if (module->warnings != NULL)
        g_ptr_array_unref(module->warnings);
    xcvr_page_map_free(module->map);
    g_free(module);
}

void
xcvr_module_warn(XcvrModule *module, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    g_ptr_array_add(module->warnings, g_strdup_vprintf(fmt, ap));
    va_end(ap);
}

void
xcvr_module_add_checksum(XcvrModule *module,
                         const char *key,
                         const char *description,
                         guint8 i2c,
                         guint8 page,
                         guint first,
                         guint last,
                         guint at)
{
    XcvrChecksum ck = { key, description, XCVR_CHECKSUM_ABSENT, 0, 0 };

    if (xcvr_page_map_sum(module->map, i2c, page, first, last, &ck.computed) &&
        xcvr_page_map_get_u8(module->map, i2c, page, at, &ck.stored)) {
        ck.status = ck.stored == ck.computed ? XCVR_CHECKSUM_OK : XCVR_CHECKSUM_BAD;
        if (ck.status == XCVR_CHECKSUM_BAD)
            xcvr_module_warn(module,
                             "%s checksum mismatch over %s: stored 0x%02x, computed 0x%02x; "
                             "these fields may be corrupt",
                             key, description, ck.stored, ck.computed);
    }
    g_array_append_val(module->checksums, ck);
}

static gboolean
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

static void
xcvr_module_add_value(XcvrModule *module,
                      const XcvrDecodeCtx *ctx,
                      const XcvrFieldDesc *desc,
                      guint lane)
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
    value.in_text = desc->label != NULL && xcvr_cond_holds(ctx, desc->text_cond) &&
                    ((desc->flags & XCVR_FIELD_TEXT_NEEDS_ID) == 0 || ctx->id_known);
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

static gboolean
xcvr_field_present(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc)
{
    return xcvr_cond_holds(ctx, desc->cond) && xcvr_field_advertised(ctx, desc);
}

static void
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
            /* a lane-major run: every field for lane 1, then for lane 2, … */
            while (end < dec->n_fields && (dec->fields[end].flags & XCVR_FIELD_LANE_MAJOR) != 0 &&
                   (dec->fields[end].flags & XCVR_FIELD_RUN_START) == 0 &&
                   dec->fields[end].lanes == desc->lanes)
                end++;
            for (lane = 1; lane <= n_lanes; lane++) {
                for (j = i; j < end; j++) {
                    if (xcvr_field_present(ctx, &dec->fields[j]))
                        xcvr_module_add_value(module, ctx, &dec->fields[j], lane);
                }
            }
        } else if (xcvr_field_present(ctx, desc)) {
            if (n_lanes == 0)
                xcvr_module_add_value(module, ctx, desc, 0);
            for (lane = 1; lane <= n_lanes; lane++)
                xcvr_module_add_value(module, ctx, desc, lane);
        }
        i = end;
    }
}

/* Which memory map an identifier byte (SFF-8024 Table 4-1) implies. */
static XcvrFamily
xcvr_family_from_identifier(guint8 id)
{
    switch (id) {
    case 0x0c: /* QSFP */
    case 0x0d: /* QSFP+ */
    case 0x11: /* QSFP28 */
        return XCVR_FAMILY_SFF8636;
    case 0x18: /* QSFP-DD */
    case 0x19: /* OSFP */
    case 0x1b: /* DSFP */
    case 0x1e: /* QSFP+ with CMIS */
    case 0x1f: /* SFP-DD with CMIS */
    case 0x20: /* SFP+ with CMIS */
    case 0x21: /* OSFP-XD */
    case 0x22: /* OIF-ELSFP */
        return XCVR_FAMILY_CMIS;
    default:
        /* SFP-class cages (and whatever else the kernel hands over as SFF-8079) */
        return XCVR_FAMILY_SFF8472;
    }
}

static gboolean
xcvr_all_bytes(const guint8 *data, gsize len, guint8 v)
{
    gsize i;

    for (i = 0; i < len; i++) {
        if (data[i] != v)
            return FALSE;
    }
    return TRUE;
}

/* Which family an image or page map is, from its identifier bytes; the QSFP whose lower
 * page reads wrong still names itself in page 00h, while an SFP's byte 128 is vendor data. */
static XcvrFamily
xcvr_family_detect(guint8 id, gboolean have_128, guint8 id_128)
{
    XcvrFamily family = xcvr_family_from_identifier(id);

    if (family == XCVR_FAMILY_SFF8472 && id != 0x02 && id != 0x03 && have_128 &&
        xcvr_family_from_identifier(id_128) == XCVR_FAMILY_SFF8636)
        family = XCVR_FAMILY_SFF8636;
    return family;
}

static const XcvrFamilyDecoder *
xcvr_family_decoder(XcvrFamily family, guint8 id, GError **error)
{
    switch (family) {
    case XCVR_FAMILY_SFF8472:
        return &xcvr_sff8472_decoder;
    case XCVR_FAMILY_SFF8636:
        return &xcvr_sff8636_decoder;
    case XCVR_FAMILY_CMIS:
        return &xcvr_cmis_decoder;
    case XCVR_FAMILY_UNKNOWN:
    case _XCVR_FAMILY_LAST:
    default:
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_ARGUMENT, "unknown module family %d",
                    (int)family);
        return NULL;
    }
}

/* Reads that answer nothing: an empty cage (0xff) or a dead bus (0x00). */
static gboolean
xcvr_check_dead_read(const guint8 *data, gsize len, GError **error)
{
    if (xcvr_all_bytes(data, len, 0xff)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_MODULE,
                    "no module: every byte read is 0xff, as an empty cage reads");
        return FALSE;
    }
    if (xcvr_all_bytes(data, len, 0x00)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "every byte read is 0x00: no identifier, no ID fields (a module that "
                    "did not answer, or a bus fault)");
        return FALSE;
    }
    return TRUE;
}

static XcvrModule *
xcvr_module_new(XcvrFamily family, XcvrPageMap *map)
{
    XcvrModule *module = g_new0(XcvrModule, 1);

    module->family = family;
    module->map = map;
    module->values = g_array_new(FALSE, TRUE, sizeof(XcvrValue));
    module->checksums = g_array_new(FALSE, TRUE, sizeof(XcvrChecksum));
    module->warnings = g_ptr_array_new_with_free_func(g_free);
    return module;
}

/* Everything after the bytes are in the page map: the same for images and page reads. */
static XcvrModule *
xcvr_module_finish(XcvrModule *module_in, const XcvrFamilyDecoder *dec, XcvrDecodeFlags flags,
                   GError **error)
{
    g_autoptr(XcvrModule) module = module_in;
    XcvrDecodeCtx ctx = { 0 };

    dec->prepare(module, &ctx);
    dec->checksums(module);
    xcvr_module_walk(module, dec, &ctx);

    if ((flags & XCVR_DECODE_STRICT) != 0 && module->warnings->len > 0) {
        g_set_error(error, XCVR_ERROR,
                    xcvr_module_checksums_ok(module) ? XCVR_ERROR_INVALID_DATA
                                                     : XCVR_ERROR_CHECKSUM,
                    "strict decoding refused the image: %s",
                    (const char *)g_ptr_array_index(module->warnings, 0));
        return NULL;
    }
    return g_steal_pointer(&module);
}

XcvrModule *
xcvr_module_decode(const guint8 *data,
                   gsize len,
                   XcvrFamily family,
                   XcvrDecodeFlags flags,
                   GError **error)
{
    g_autoptr(XcvrModule) module = NULL;
    const XcvrFamilyDecoder *dec;

    g_return_val_if_fail(data != NULL || len == 0, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    if (len == 0) {
        g_set_error_literal(error, XCVR_ERROR, XCVR_ERROR_TRUNCATED,
                            "empty module image: not even the identifier byte was read");
        return NULL;
    }
    if (!xcvr_check_dead_read(data, MIN(len, (gsize)256), error))
        return NULL;
    if (family == XCVR_FAMILY_UNKNOWN)
        family = xcvr_family_detect(data[0], len >= 256, len >= 256 ? data[128] : 0);
    dec = xcvr_family_decoder(family, data[0], error);
    if (dec == NULL)
        return NULL;

    module = xcvr_module_new(family, xcvr_page_map_new());
    if (!dec->load(module, data, len, error))
        return NULL;
    return xcvr_module_finish(g_steal_pointer(&module), dec, flags, error);
}

XcvrModule *
xcvr_module_decode_map(const XcvrPageMap *map,
                       XcvrFamily family,
                       XcvrDecodeFlags flags,
                       GError **error)
{
    const XcvrFamilyDecoder *dec;
    const guint8 *lower;
    guint8 id_128 = 0;
    gboolean have_128;

    g_return_val_if_fail(map != NULL, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    /* NULL when nothing of it was read (a zero-length get) */
    lower = xcvr_page_map_get(map, XCVR_I2C_A0, 0, 0, 0,
                              xcvr_page_map_valid(map, XCVR_I2C_A0, 0, 0, 0));
    if (lower == NULL) {
        g_set_error_literal(error, XCVR_ERROR, XCVR_ERROR_TRUNCATED,
                            "the lower page was not read: not even the identifier byte");
        return NULL;
    }
    if (!xcvr_check_dead_read(lower, xcvr_page_map_valid(map, XCVR_I2C_A0, 0, 0, 0), error))
        return NULL;
    have_128 = xcvr_page_map_get_u8(map, XCVR_I2C_A0, 0, 128, &id_128);
    if (family == XCVR_FAMILY_UNKNOWN)
        family = xcvr_family_detect(lower[0], have_128, id_128);
    dec = xcvr_family_decoder(family, lower[0], error);
    if (dec == NULL)
        return NULL;
    return xcvr_module_finish(xcvr_module_new(family, xcvr_page_map_copy(map)), dec, flags,
                              error);
}

void
xcvr_module_plan(const XcvrPageMap *map, XcvrFamily family, GArray *ret_requests)
{
    const XcvrFamilyDecoder *dec;
    guint8 id = 0;
    guint8 id_128 = 0;
    gboolean have_128;
    guint valid;

    g_return_if_fail(map != NULL);
    g_return_if_fail(ret_requests != NULL);

    /* The lower page first: every family starts there, and it names the family. */
    if (!xcvr_page_map_get_u8(map, XCVR_I2C_A0, 0, 0, &id)) {
        XcvrPageRequest lower = { XCVR_I2C_A0, 0, 0, 0, XCVR_HALF_PAGE };

        g_array_append_val(ret_requests, lower);
        return;
    }
    /* An empty cage has nothing more to read. */
    valid = xcvr_page_map_valid(map, XCVR_I2C_A0, 0, 0, 0);
    if (xcvr_all_bytes(xcvr_page_map_get(map, XCVR_I2C_A0, 0, 0, 0, valid), valid, 0xff))
        return;
    have_128 = xcvr_page_map_get_u8(map, XCVR_I2C_A0, 0, 128, &id_128);
    if (family == XCVR_FAMILY_UNKNOWN) {
        /* An identifier of no family: page 00h (A0h's upper half on an SFP) may still
         * name a QSFP, whose lower page read wrong. One read settles it. */
        if (!have_128 && id != 0x02 && id != 0x03 &&
            xcvr_family_from_identifier(id) == XCVR_FAMILY_SFF8472) {
            xcvr_plan_page(map, ret_requests, XCVR_I2C_A0, 0, 0, XCVR_HALF_PAGE);
            return;
        }
        family = xcvr_family_detect(id, have_128, id_128);
    }
    dec = xcvr_family_decoder(family, id, NULL);
    if (dec != NULL && dec->plan != NULL)
        dec->plan(map, ret_requests);
}

/* Appends a request for a whole half page unless the map already holds it. */
void
xcvr_plan_page(const XcvrPageMap *map, GArray *requests, guint8 i2c, guint8 bank, guint8 page,
               guint offset)
{
    XcvrPageRequest r = { i2c, bank, page, (guint8)offset, XCVR_HALF_PAGE };

    if (xcvr_page_map_valid(map, i2c, bank, page, offset) == 0)
        g_array_append_val(requests, r);
}

XcvrFamily
xcvr_module_get_family(const XcvrModule *module)
{
    g_return_val_if_fail(module != NULL, XCVR_FAMILY_UNKNOWN);
    return module->family;
}

const XcvrChecksum *
xcvr_module_get_checksums(const XcvrModule *module, guint *ret_n)
{
    g_return_val_if_fail(module != NULL, NULL);
    g_return_val_if_fail(ret_n != NULL, NULL);
    *ret_n = module->checksums->len;
    return (const XcvrChecksum *)(gconstpointer)module->checksums->data;
}

gboolean
xcvr_module_checksums_ok(const XcvrModule *module)
{
    guint i;

    g_return_val_if_fail(module != NULL, FALSE);
    for (i = 0; i < module->checksums->len; i++) {
        if (g_array_index(module->checksums, XcvrChecksum, i).status == XCVR_CHECKSUM_BAD)
            return FALSE;
    }
    return TRUE;
}

static const XcvrValue *
xcvr_module_find(const XcvrModule *module, const char *key)
{
    guint i;

    for (i = 0; i < module->values->len; i++) {
        const XcvrValue *v = &g_array_index(module->values, XcvrValue, i);

        if (v->state == XCVR_VALUE_OK && g_strcmp0(v->desc->key, key) == 0)
            return v;
    }
    return NULL;
}

const char *
xcvr_module_get_string(const XcvrModule *module, const char *key)
{
    const XcvrValue *v;

    g_return_val_if_fail(module != NULL, NULL);
    g_return_val_if_fail(key != NULL, NULL);
    v = xcvr_module_find(module, key);
    if (v == NULL || (v->desc->kind != XCVR_KIND_ASCII && v->desc->kind != XCVR_KIND_OUI &&
                      v->desc->kind != XCVR_KIND_ENUM))
        return NULL;
    return v->text;
}

GArray *
xcvr_module_get_lane_numbers(const XcvrModule *module, const char *key, const char **ret_unit)
{
    GArray *ret;
    guint i;

    g_return_val_if_fail(module != NULL, NULL);
    g_return_val_if_fail(key != NULL, NULL);

    ret = g_array_new(FALSE, FALSE, sizeof(double));
    for (i = 0; i < module->values->len; i++) {
        const XcvrValue *v = &g_array_index(module->values, XcvrValue, i);

        if (strcmp(v->desc->key, key) != 0 || v->state != XCVR_VALUE_OK ||
            (v->desc->kind != XCVR_KIND_UINT && v->desc->kind != XCVR_KIND_MEASURE))
            continue;
        g_array_append_val(ret, v->number);
        if (ret_unit != NULL)
            *ret_unit = v->desc->kind == XCVR_KIND_MEASURE ? xcvr_quantity_unit(v->desc->quantity)
                                                           : v->desc->unit;
    }
    return ret;
}

GPtrArray *
xcvr_module_get_items(const XcvrModule *module, const char *key)
{
    const XcvrValue *v;
    GPtrArray *ret;
    guint i;

    g_return_val_if_fail(module != NULL, NULL);
    g_return_val_if_fail(key != NULL, NULL);

    ret = g_ptr_array_new_with_free_func(g_free);
    v = xcvr_module_find(module, key);
    if (v == NULL || v->state != XCVR_VALUE_OK || v->items == NULL)
        return ret;
    for (i = 0; i < v->items->len; i++)
        g_ptr_array_add(ret, g_strdup(g_array_index(v->items, XcvrItem, i).name));
    return ret;
}

GPtrArray *
xcvr_module_get_raised_flags(const XcvrModule *module, const char *suffix)
{
    GPtrArray *ret;
    guint i;

    g_return_val_if_fail(module != NULL, NULL);
    g_return_val_if_fail(suffix != NULL, NULL);

    ret = g_ptr_array_new_with_free_func(g_free);
    for (i = 0; i < module->values->len; i++) {
        const XcvrValue *v = &g_array_index(module->values, XcvrValue, i);

        if (v->desc->kind != XCVR_KIND_FLAG || v->state != XCVR_VALUE_OK || v->raw == 0 ||
            !g_str_has_suffix(v->desc->key, suffix))
            continue;
        if (v->lane > 0)
            g_ptr_array_add(ret, g_strdup_printf("%s lane %u", v->desc->key, v->lane));
        else
            g_ptr_array_add(ret, g_strdup(v->desc->key));
    }
    return ret;
}

gboolean
xcvr_module_get_number(const XcvrModule *module,
                       const char *key,
                       double *ret_value,
                       const char **ret_unit)
{
    const XcvrValue *v;

    g_return_val_if_fail(module != NULL, FALSE);
    g_return_val_if_fail(key != NULL, FALSE);
    g_return_val_if_fail(ret_value != NULL, FALSE);
    v = xcvr_module_find(module, key);
    if (v == NULL || (v->desc->kind != XCVR_KIND_UINT && v->desc->kind != XCVR_KIND_MEASURE))
        return FALSE;
    *ret_value = v->number;
    if (ret_unit != NULL)
        *ret_unit = v->desc->kind == XCVR_KIND_MEASURE ? xcvr_quantity_unit(v->desc->quantity)
                                                       : v->desc->unit;
    return TRUE;
}
