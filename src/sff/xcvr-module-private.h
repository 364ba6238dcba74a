/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-module-private.h: the decoded-module model shared by decoders and renderers, and the
 * interface each module family's decoder implements. Not installed.
 */
#pragma once

#include <xcvrmap/xcvr-module.h>

#include "core/xcvr-arena-private.h"
#include "sff/xcvr-field.h"
#include "sff/xcvr-page-map.h"

#define XCVR_MODULE_CHECKSUMS_MAX 4

struct _XcvrModule {
    XcvrFamily family;
    XcvrPageMap *map;     /* &@map_storage: the module's own copy of its bytes */
    /* What the walk builds lives in @arena, laid out once from the table: one allocation
     * for a module's values, items and texts (NULL before the walk). */
    XcvrArena *arena;
    XcvrValue *values;   /* in descriptor-table order */
    guint n_values;
    XcvrItem *items;     /* of every BITS value, each value's in a run */
    guint n_items;
    guint items_cap;     /* room at @items */
    /* as many as a family's memory map has: SFF-8472 three, SFF-8636 two, CMIS one */
    XcvrChecksum checksums[XCVR_MODULE_CHECKSUMS_MAX];
    guint n_checksums;
    /* char *: problems found while decoding, for people; NULL until the first, as most
     * modules have none (xcvr_module_n_warnings()) */
    GPtrArray *warnings;
    /* in the module's own allocation: a decode makes one allocation fewer */
    XcvrPageMap map_storage;
};

static inline guint
xcvr_module_n_warnings(const XcvrModule *module)
{
    return module->warnings != NULL ? module->warnings->len : 0;
}

static inline const char *
xcvr_module_warning(const XcvrModule *module, guint i)
{
    return g_ptr_array_index(module->warnings, i);
}

/* A run of a table's fields that exist only when one of @conds holds: the walk passes them
 * all at once when none does. Every field of the run has its @cond, and its @text_cond
 * where its text follows that, among @conds, and no lane-major run crosses either end
 * (test field-gates, which also holds @first to @first_key). */
typedef struct {
    guint16 first;         /* index of the run's first field in the decoder's @fields */
    guint16 n;
    guint32 conds;         /* XCVR_COND_BIT()s */
    const char *first_key; /* the key of fields[@first] */
} XcvrFieldGate;

#define XCVR_COND_BIT(c) (1u << (c))

typedef struct {
    XcvrFamily family;
    const char *spec;              /* for people: "SFF-8472" */
    const XcvrFieldDesc *fields;
    guint n_fields;
    /* Splits a flat image into the page map; FALSE with @error when it cannot be this family. */
    gboolean (*load)(XcvrModule *module, const guint8 *data, gsize len, GError **error);
    /* Fills what the table conditions need to know about this module, and warns about
     * what does not add up. */
    void (*prepare)(XcvrModule *module, XcvrDecodeCtx *ctx);
    /* Appends every checksum of the memory map to module->checksums. */
    void (*checksums)(XcvrModule *module);
    /* Appends the reads still needed, given the lower page (always present when called). */
    void (*plan)(const XcvrPageMap *map, XcvrDecodeFlags flags, XcvrPageRequests *requests);
    /* As @plan, but also what the plan would ask once pages still missing were read, guessing
     * what they would say (CMIS: one bank without page 01h): whatever it appends for a
     * decoded module was not read (the pages_unread field). NULL: @plan. */
    void (*wanted)(const XcvrPageMap *map, XcvrDecodeFlags flags, XcvrPageRequests *requests);
    /* Fields walked after @fields only when the decode asked for them (ctx->extra_fields):
     * CMIS VDM observables. */
    const XcvrFieldDesc *extra_fields;
    guint n_extra_fields;
    /* Runs of @fields behind a gate, in table order, none overlapping. */
    const XcvrFieldGate *gates;
    guint n_gates;
} XcvrFamilyDecoder;

/* The pages_unread field's hook: the pages in ctx->unread, named as in segment maps. */
gboolean xcvr_field_pages_unread(const XcvrDecodeCtx *ctx, const XcvrFieldDesc *desc,
                                 XcvrValue *value);
#define XCVR_FIELD_PAGES_UNREAD(spec) \
    { .key = "pages_unread", .xlabel = "Page not read", .kind = XCVR_KIND_BITS, \
      .i2c = XCVR_I2C_A0, .cond = XCVR_COND_PAGES_UNREAD, .hook = xcvr_field_pages_unread, \
      .ref = spec ": pages the decoder reads that the read did not bring" }

void xcvr_plan_page(const XcvrPageMap *map, XcvrPageRequests *requests, guint8 i2c, guint8 bank,
                    guint8 page, guint offset);

void xcvr_module_add_checksum(XcvrModule *module,
                              const char *key,
                              const char *description,
                              guint8 i2c,
                              guint8 page,
                              guint first,
                              guint last,
                              guint at);
void xcvr_module_warn(XcvrModule *module, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* The field walker (xcvr-field-walk.c): appends to module->values every field of the
 * family's table that this module has, in table order. */
void xcvr_module_walk(XcvrModule *module, const XcvrFamilyDecoder *dec, const XcvrDecodeCtx *ctx);

/* Generic decoding of one value by kind; hooks may call it for the plain part. */
gboolean xcvr_field_decode_generic(const XcvrDecodeCtx *ctx,
                                   const XcvrFieldDesc *desc,
                                   XcvrValue *value);

/* Where a value lies (bank, offset, mask): inline, as the walk asks for every value.
 * Which bank holds a value: banked lanes come 8 to a bank. */
static inline guint8
xcvr_field_bank(const XcvrFieldDesc *desc, const XcvrValue *value)
{
    if (value->lane == 0 || (desc->flags & XCVR_FIELD_LANES_BANKED) == 0)
        return 0;
    return (guint8)((value->lane - 1) / XCVR_LANES_PER_BANK);
}

/* Where a value's byte is: per-lane fields step by stride, or two lanes to a byte. */
static inline guint
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

static inline guint8
xcvr_field_mask(const XcvrFieldDesc *desc, const XcvrValue *value)
{
    /* @mask names lane 1's bit, in the high nibble; even lanes use the low nibble. */
    if (value->lane > 0 && (desc->flags & XCVR_FIELD_LANES_NIBBLE) != 0 && value->lane % 2 == 0)
        return (guint8)(desc->mask >> 4);
    if (value->lane > 0 && (desc->flags & XCVR_FIELD_LANES_BIT) != 0)
        return (guint8)(1u << ((value->lane - 1) % XCVR_LANES_PER_BANK));
    return desc->mask;
}

char *xcvr_value_label(const XcvrValue *value);

/* Appends to @value an item of static strings (referenced, not copied). */
void xcvr_value_add_item(const XcvrDecodeCtx *ctx, XcvrValue *value, const char *name,
                         const char *label);
/* Appends to @value an empty item for the caller to fill. */
XcvrItem *xcvr_value_add_item_full(const XcvrDecodeCtx *ctx, XcvrValue *value);
/* Keeps @len bytes of @text (no NUL needed) for the life of the module; returns the copy. */
const char *xcvr_ctx_keep(const XcvrDecodeCtx *ctx, const char *text, gsize len);
/* "N.NN" and @unit, from N.NN × 100: %.2f without printf. */
const char *xcvr_ctx_keep_hundredths(const XcvrDecodeCtx *ctx, guint hundredths,
                                     const char *unit);
/* @prefix, then "MAJOR.MINOR". */
const char *xcvr_ctx_keep_version(const XcvrDecodeCtx *ctx, const char *prefix, guint major,
                                  guint minor);

/* Item @i of the BITS value @value. */
static inline const XcvrItem *
xcvr_module_item(const XcvrModule *module, const XcvrValue *value, guint i)
{
    return &module->items[value->first_item + i];
}

/* Appends the text of @item: its label (@label TRUE; the name where it has none) or its
 * name. Returns FALSE, appending nothing, when that text is empty (a label ethtool 6.1
 * lacks is ""). */
gboolean xcvr_item_append(GString *out, const XcvrItem *item, gboolean label);
/* Appends the ethtool label of @value (per-lane labels carry the lane number); @xlabel:
 * the "also decoded" label instead. */
void xcvr_value_append_label(GString *out, const XcvrValue *value, gboolean xlabel);
