/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-json.c: the JSON form of a module: every decoded field under its stable key
 * (numbers as numbers, units named), the verified checksums and the warnings.
 */
#include <xcvrmap/xcvr-render.h>

#include <json-glib/json-glib.h>
#include <math.h>

#include <xcvrmap/xcvr-error.h>

#include "render/xcvr-render-private.h"
#include "sff/xcvr-module-private.h"

static void
json_number_with_unit(JsonBuilder *b, double value, const char *unit)
{
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "value");
    json_builder_add_double_value(b, value);
    json_builder_set_member_name(b, "unit");
    json_builder_add_string_value(b, unit != NULL ? unit : "");
    json_builder_end_object(b);
}

static void
json_value(JsonBuilder *b, GString *scratch, const XcvrModule *module, const XcvrValue *v)
{
    const XcvrFieldDesc *d = v->desc;
    guint i;

    switch (d->kind) {
    case XCVR_KIND_ENUM:
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "code");
        json_builder_add_int_value(b, (gint64)v->raw);
        json_builder_set_member_name(b, "name");
        json_builder_add_string_value(b, v->text);
        json_builder_end_object(b);
        break;
    case XCVR_KIND_BITS:
        json_builder_begin_array(b);
        for (i = 0; i < v->n_items; i++) {
            g_string_truncate(scratch, 0);
            (void)xcvr_item_append(scratch, xcvr_module_item(module, v, i), FALSE);
            json_builder_add_string_value(b, scratch->str);
        }
        json_builder_end_array(b);
        break;
    case XCVR_KIND_HEXBYTES:
        json_builder_begin_array(b);
        for (i = 0; i < v->n_bytes; i++)
            json_builder_add_int_value(b, v->bytes[i]);
        json_builder_end_array(b);
        break;
    case XCVR_KIND_UINT:
        json_number_with_unit(b, v->number, d->unit);
        break;
    case XCVR_KIND_ASCII:
    case XCVR_KIND_OUI:
        json_builder_add_string_value(b, v->text);
        break;
    case XCVR_KIND_BOOL:
    case XCVR_KIND_FLAG:
        json_builder_add_boolean_value(b, v->raw != 0);
        break;
    case XCVR_KIND_LANE_BITS:
        /* one boolean per lane, lane 1 first */
        json_builder_begin_array(b);
        for (i = 0; i < v->n_bytes; i++)
            json_builder_add_boolean_value(b, ((v->raw >> i) & 1) != 0);
        json_builder_end_array(b);
        break;
    case XCVR_KIND_MEASURE:
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "value");
        json_builder_add_double_value(b, v->number);
        json_builder_set_member_name(b, "unit");
        json_builder_add_string_value(b, xcvr_quantity_unit(d->quantity));
        if (d->quantity == XCVR_QTY_TX_POWER || d->quantity == XCVR_QTY_RX_POWER) {
            double dbm = 10. * log10(v->number);

            json_builder_set_member_name(b, "dbm");
            /* JSON has no -inf: no light is null. */
            if (isfinite(dbm))
                json_builder_add_double_value(b, round(dbm * 100.) / 100.);
            else
                json_builder_add_null_value(b);
        }
        if (d->quantity == XCVR_QTY_TEMPERATURE) {
            json_builder_set_member_name(b, "fahrenheit");
            json_builder_add_double_value(b, v->number * 1.8 + 32.);
        }
        json_builder_end_object(b);
        break;
    case _XCVR_KIND_LAST:
    default:
        json_builder_add_null_value(b);
        break;
    }
}

static void
json_checksums(JsonBuilder *b, const XcvrModule *module)
{
    guint i;

    json_builder_set_member_name(b, "checksums");
    json_builder_begin_object(b);
    for (i = 0; i < module->checksums->len; i++) {
        const XcvrChecksum *ck = &g_array_index(module->checksums, XcvrChecksum, i);

        json_builder_set_member_name(b, ck->key);
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "status");
        json_builder_add_string_value(b, xcvr_checksum_status_to_string(ck->status));
        json_builder_set_member_name(b, "covers");
        json_builder_add_string_value(b, ck->description);
        if (ck->status != XCVR_CHECKSUM_ABSENT) {
            json_builder_set_member_name(b, "stored");
            json_builder_add_int_value(b, ck->stored);
            json_builder_set_member_name(b, "computed");
            json_builder_add_int_value(b, ck->computed);
        }
        json_builder_end_object(b);
    }
    json_builder_end_object(b);
}

void
xcvr_render_json_module_members(JsonBuilder *b, const XcvrModule *module)
{
    g_autoptr(GString) scratch = g_string_new(NULL);
    guint i;

    json_builder_set_member_name(b, "family");
    json_builder_add_string_value(b, xcvr_family_to_string(module->family));
    json_checksums(b, module);
    json_builder_set_member_name(b, "checksums_ok");
    json_builder_add_boolean_value(b, xcvr_module_checksums_ok(module));

    json_builder_set_member_name(b, "fields");
    json_builder_begin_object(b);
    for (i = 0; i < module->values->len; i++) {
        const XcvrValue *v = &g_array_index(module->values, XcvrValue, i);

        guint j;

        /* A per-lane field is one array under its key, lane 1 first, wherever its lanes
         * stand in the walk (lane-major runs interleave them). */
        if (v->lane > 1 || v->text_only)
            continue;
        json_builder_set_member_name(b, v->desc->key);
        if (v->lane == 0) {
            if (v->state == XCVR_VALUE_OK)
                json_value(b, scratch, module, v);
            else
                json_builder_add_null_value(b);
            continue;
        }
        json_builder_begin_array(b);
        for (j = i; j < module->values->len; j++) {
            const XcvrValue *w = &g_array_index(module->values, XcvrValue, j);

            if (w->desc != v->desc)
                continue;
            if (w->state == XCVR_VALUE_OK)
                json_value(b, scratch, module, w);
            else
                json_builder_add_null_value(b);
        }
        json_builder_end_array(b);
    }
    json_builder_end_object(b);

    json_builder_set_member_name(b, "warnings");
    json_builder_begin_array(b);
    for (i = 0; i < module->warnings->len; i++)
        json_builder_add_string_value(b, g_ptr_array_index(module->warnings, i));
    json_builder_end_array(b);
}

char *
xcvr_render_json(const XcvrModule *module, gboolean pretty, GError **error)
{
    g_autoptr(JsonBuilder) b = json_builder_new();

    g_return_val_if_fail(module != NULL, NULL);

    json_builder_begin_object(b);
    xcvr_render_json_module_members(b, module);
    json_builder_end_object(b);

    return xcvr_render_json_finish(b, pretty, 0);
}
