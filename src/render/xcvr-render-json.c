/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-json.c: the JSON form of a module: every decoded field under its stable key
 * (numbers as numbers, units named), the verified checksums and the warnings, written once
 * by the streaming writer (xcvr-json-writer.c).
 */
#include <xcvrmap/xcvr-render.h>

#include <math.h>

#include <xcvrmap/xcvr-error.h>

#include "render/xcvr-json-writer-private.h"
#include "render/xcvr-render-private.h"
#include "sff/xcvr-module-private.h"

static void
json_number_with_unit(XcvrJsonWriter *w, double value, const char *unit)
{
    xcvr_json_writer_begin_object(w);
    xcvr_json_writer_key(w, "value");
    xcvr_json_writer_double(w, value);
    xcvr_json_writer_key(w, "unit");
    xcvr_json_writer_string(w, unit != NULL ? unit : "");
    xcvr_json_writer_end_object(w);
}

static void
json_value(XcvrJsonWriter *w, GString *scratch, const XcvrModule *module, const XcvrValue *v)
{
    const XcvrFieldDesc *d = v->desc;
    guint i;

    switch (d->kind) {
    case XCVR_KIND_ENUM:
        xcvr_json_writer_begin_object(w);
        xcvr_json_writer_key(w, "code");
        xcvr_json_writer_int(w, (gint64)v->raw);
        xcvr_json_writer_key(w, "name");
        xcvr_json_writer_string(w, v->text);
        xcvr_json_writer_end_object(w);
        break;
    case XCVR_KIND_BITS:
        xcvr_json_writer_begin_array(w);
        for (i = 0; i < v->n_items; i++) {
            g_string_truncate(scratch, 0);
            (void)xcvr_item_append(scratch, xcvr_module_item(module, v, i), FALSE);
            xcvr_json_writer_string(w, scratch->str);
        }
        xcvr_json_writer_end_array(w);
        break;
    case XCVR_KIND_HEXBYTES:
        xcvr_json_writer_begin_array(w);
        for (i = 0; i < v->n_bytes; i++)
            xcvr_json_writer_int(w, v->bytes[i]);
        xcvr_json_writer_end_array(w);
        break;
    case XCVR_KIND_UINT:
        json_number_with_unit(w, v->number, d->unit);
        break;
    case XCVR_KIND_ASCII:
    case XCVR_KIND_OUI:
        xcvr_json_writer_string(w, v->text);
        break;
    case XCVR_KIND_BOOL:
    case XCVR_KIND_FLAG:
        xcvr_json_writer_boolean(w, v->raw != 0);
        break;
    case XCVR_KIND_LANE_BITS:
        /* one boolean per lane, lane 1 first */
        xcvr_json_writer_begin_array(w);
        for (i = 0; i < v->n_bytes; i++)
            xcvr_json_writer_boolean(w, ((v->raw >> i) & 1) != 0);
        xcvr_json_writer_end_array(w);
        break;
    case XCVR_KIND_MEASURE:
        xcvr_json_writer_begin_object(w);
        xcvr_json_writer_key(w, "value");
        xcvr_json_writer_double(w, v->number);
        xcvr_json_writer_key(w, "unit");
        xcvr_json_writer_string(w, xcvr_quantity_unit(d->quantity));
        if (d->quantity == XCVR_QTY_TX_POWER || d->quantity == XCVR_QTY_RX_POWER) {
            double dbm = 10. * log10(v->number);

            xcvr_json_writer_key(w, "dbm");
            /* JSON has no -inf: no light is null. */
            if (isfinite(dbm))
                xcvr_json_writer_double(w, round(dbm * 100.) / 100.);
            else
                xcvr_json_writer_null(w);
        }
        if (d->quantity == XCVR_QTY_TEMPERATURE) {
            xcvr_json_writer_key(w, "fahrenheit");
            xcvr_json_writer_double(w, v->number * 1.8 + 32.);
        }
        xcvr_json_writer_end_object(w);
        break;
    case _XCVR_KIND_LAST:
    default:
        xcvr_json_writer_null(w);
        break;
    }
}

static void
json_checksums(XcvrJsonWriter *w, const XcvrModule *module)
{
    guint i;

    xcvr_json_writer_key(w, "checksums");
    xcvr_json_writer_begin_object(w);
    for (i = 0; i < module->n_checksums; i++) {
        const XcvrChecksum *ck = &module->checksums[i];

        xcvr_json_writer_key(w, ck->key);
        xcvr_json_writer_begin_object(w);
        xcvr_json_writer_key(w, "status");
        xcvr_json_writer_string(w, xcvr_checksum_status_to_string(ck->status));
        xcvr_json_writer_key(w, "covers");
        xcvr_json_writer_string(w, ck->description);
        if (ck->status != XCVR_CHECKSUM_ABSENT) {
            xcvr_json_writer_key(w, "stored");
            xcvr_json_writer_int(w, ck->stored);
            xcvr_json_writer_key(w, "computed");
            xcvr_json_writer_int(w, ck->computed);
        }
        xcvr_json_writer_end_object(w);
    }
    xcvr_json_writer_end_object(w);
}

void
xcvr_render_json_module_write(XcvrJsonWriter *w, const XcvrModule *module)
{
    g_autoptr(GString) scratch = g_string_new(NULL);
    guint i;

    xcvr_json_writer_key(w, "family");
    xcvr_json_writer_string(w, xcvr_family_to_string(module->family));
    json_checksums(w, module);
    xcvr_json_writer_key(w, "checksums_ok");
    xcvr_json_writer_boolean(w, xcvr_module_checksums_ok(module));

    xcvr_json_writer_key(w, "fields");
    xcvr_json_writer_begin_object(w);
    for (i = 0; i < module->n_values; i++) {
        const XcvrValue *v = &module->values[i];
        guint j;
        guint last;

        /* A per-lane field is one array under its key, lane 1 first, wherever its lanes
         * stand in the walk (lane-major runs interleave them). */
        if (v->lane > 1 || v->text_only)
            continue;
        xcvr_json_writer_key(w, v->desc->key);
        if (v->lane == 0) {
            if (v->state == XCVR_VALUE_OK)
                json_value(w, scratch, module, v);
            else
                xcvr_json_writer_null(w);
            continue;
        }
        xcvr_json_writer_begin_array(w);
        /* the field's next lane is at most a lane-major run further: no scan to the end */
        for (j = i, last = i; j < module->n_values && j - last <= XCVR_LANE_MAJOR_RUN_MAX;
             j++) {
            const XcvrValue *u = &module->values[j];

            if (u->desc != v->desc)
                continue;
            last = j;
            if (u->state == XCVR_VALUE_OK)
                json_value(w, scratch, module, u);
            else
                xcvr_json_writer_null(w);
        }
        xcvr_json_writer_end_array(w);
    }
    xcvr_json_writer_end_object(w);

    xcvr_json_writer_key(w, "warnings");
    xcvr_json_writer_begin_array(w);
    for (i = 0; i < xcvr_module_n_warnings(module); i++)
        xcvr_json_writer_string(w, xcvr_module_warning(module, i));
    xcvr_json_writer_end_array(w);
}

char *
xcvr_render_json(const XcvrModule *module, gboolean pretty, GError **error)
{
    GString *out;
    XcvrJsonWriter w;

    g_return_val_if_fail(module != NULL, NULL);

    out = g_string_sized_new(pretty ? 8192 : 4096);
    xcvr_json_writer_init(&w, out, pretty, 0);
    xcvr_json_writer_begin_object(&w);
    xcvr_render_json_module_write(&w, module);
    xcvr_json_writer_end_object(&w);
    return g_string_free(out, FALSE);
}
