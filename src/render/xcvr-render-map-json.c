/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-map-json.c: the inventory as JSON, `{"vnics": [...], "uplinks": [...]}`: a
 * published contract, described by src/render/schemas/xcvrmap-map.schema.json. Keys are
 * only ever added. Written by the streaming writer (xcvr-json-writer.c), byte for byte the
 * text json-glib's builder and generator made of it.
 */
#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-eeprom.h>

#include "inventory/xcvr-inventory-private.h"
#include "inventory/xcvr-vocab-private.h"
#include "render/xcvr-render-history-private.h"
#include "render/xcvr-render-private.h"

static void
add_int_or_null(XcvrJsonWriter *w, const char *key, gint64 value, gboolean known)
{
    xcvr_json_writer_member(w, key);
    if (known)
        xcvr_json_writer_int(w, value);
    else
        xcvr_json_writer_null(w);
}

static void
add_strings(XcvrJsonWriter *w, const char *key, GPtrArray *values)
{
    guint i;

    xcvr_json_writer_member(w, key);
    xcvr_json_writer_begin_array(w);
    for (i = 0; values != NULL && i < values->len; i++)
        xcvr_json_writer_string(w, g_ptr_array_index(values, i));
    xcvr_json_writer_end_array(w);
}

/* One group of the vocabulary as an object under its own key; null when there is
 * nothing it could describe. */
static void
add_group(XcvrJsonWriter *w, XcvrVocabGroup group, const XcvrInvUplink *up, gboolean present)
{
    XcvrVocabSubject s = xcvr_vocab_subject_for_uplink(up);
    g_autoptr(GArray) values = NULL;

    xcvr_json_writer_member(w, xcvr_vocab_group_json_key(group));
    if (!present) {
        xcvr_json_writer_null(w);
        return;
    }
    values = xcvr_vocab_evaluate(group, &s);
    xcvr_json_writer_begin_object(w);
    xcvr_render_vocab_json_write(w, values);
    xcvr_json_writer_end_object(w);
}

/* What a scheduler or an admin asks of a module first: who made it, what it is, how it
 * is doing; the vocabulary's module facts. The full decode is `xcvrmap module IFACE
 * --format json`. */
static void
add_module(XcvrJsonWriter *w, const XcvrInvUplink *up)
{
    add_group(w, XCVR_VOCAB_MODULE, up, up->module != NULL);
}

static void
add_link(XcvrJsonWriter *w, const XcvrInvUplink *up)
{
    add_group(w, XCVR_VOCAB_LINK, up, up->link != NULL);
}

/* The vocabulary's health object, {"verdict", "reasons"}, under @key; @compat_status adds
 * the "status" member the uplinks list carried before the vocabulary (kept). */
static void
add_health(XcvrJsonWriter *w, const char *key, const XcvrInvUplink *up, gboolean compat_status)
{
    XcvrVocabSubject s = xcvr_vocab_subject_for_uplink(up);
    g_autoptr(GArray) values = xcvr_vocab_evaluate(XCVR_VOCAB_HEALTH, &s);

    xcvr_json_writer_member(w, key);
    xcvr_json_writer_begin_object(w);
    if (compat_status)
        xcvr_render_json_write_string(w, "status", xcvr_health_to_string(up->health));
    xcvr_render_vocab_json_write(w, values);
    xcvr_json_writer_end_object(w);
}

/* The vocabulary's placement hints of @placement as the object `placement`. */
static void
add_placement(XcvrJsonWriter *w, const XcvrPlacement *placement)
{
    XcvrVocabSubject s = { .placement = placement };
    g_autoptr(GArray) values = xcvr_vocab_evaluate(XCVR_VOCAB_PLACEMENT, &s);

    xcvr_json_writer_member(w, xcvr_vocab_group_json_key(XCVR_VOCAB_PLACEMENT));
    xcvr_json_writer_begin_object(w);
    xcvr_render_vocab_json_write(w, values);
    xcvr_json_writer_end_object(w);
}

static void
add_uplink_placement(XcvrJsonWriter *w, const XcvrInvUplink *up)
{
    g_autoptr(XcvrPlacement) placement = xcvr_inv_uplink_get_placement(up);

    add_placement(w, placement);
}

static void
add_vnic(XcvrJsonWriter *w, const XcvrInvVnic *iv)
{
    const XcvrVnic *v = iv->vnic;
    g_autoptr(XcvrPlacement) placement = xcvr_inv_vnic_get_placement(iv);
    guint i;

    xcvr_json_writer_begin_object(w);
    xcvr_render_json_write_string(w, "domain", v->domain);
    xcvr_render_json_write_string(w, "domain_uuid", v->domain_uuid);
    xcvr_render_json_write_string(w, "vm_source", v->vm_source);
    xcvr_render_json_write_string(w, "vif_uuid", v->vif_uuid);
    xcvr_json_writer_member(w, "running");
    xcvr_json_writer_boolean(w, v->running);
    xcvr_render_json_write_string(w, "mac", v->mac);
    xcvr_render_json_write_string(w, "model", v->model);
    xcvr_render_json_write_string(w, "type", xcvr_vnic_type_to_string(v->type));
    xcvr_render_json_write_string(w, "source", v->source);
    xcvr_render_json_write_string(w, "target", v->target);
    add_int_or_null(w, "vlan", v->vlan, v->vlan >= 0);
    xcvr_render_json_write_string(w, "status", xcvr_vnic_status_to_string(iv->status));
    xcvr_render_json_write_string(w, "reason", iv->reason);
    xcvr_render_json_write_hops(w, "path", iv->path);
    xcvr_json_writer_member(w, "uplinks");
    xcvr_json_writer_begin_array(w);
    for (i = 0; i < iv->reaches->len; i++) {
        const XcvrInvReach *r = g_ptr_array_index(iv->reaches, i);

        xcvr_json_writer_begin_object(w);
        xcvr_render_json_write_string(w, "netdev", r->uplink->netdev);
        xcvr_render_json_write_string(w, "pci", r->uplink->pci);
        xcvr_json_writer_member(w, "active");
        if (r->active >= 0)
            xcvr_json_writer_boolean(w, r->active == 1);
        else
            xcvr_json_writer_null(w);
        xcvr_render_json_write_string(w, "active_rule", xcvr_bond_rule_to_string(r->active_rule));
        xcvr_render_json_write_hops(w, "via", r->via);
        add_module(w, r->uplink);
        add_link(w, r->uplink);
        /* "health" was the verdict alone: kept as it was; the vocabulary's object beside */
        xcvr_render_json_write_string(w, "health", xcvr_health_to_string(r->uplink->health));
        add_health(w, "health_detail", r->uplink, FALSE);
        add_uplink_placement(w, r->uplink);
        xcvr_json_writer_end_object(w);
    }
    xcvr_json_writer_end_array(w);
    add_placement(w, placement);
    xcvr_json_writer_end_object(w);
}

static void
add_uplink(XcvrJsonWriter *w, const XcvrInvUplink *up, const XcvrHistory *history)
{
    guint i;

    xcvr_json_writer_begin_object(w);
    xcvr_render_json_write_string(w, "netdev", up->netdev);
    xcvr_render_json_write_string(w, "pci", up->pci);
    add_link(w, up);
    add_module(w, up);
    xcvr_render_json_write_error(w, "module_error", up->module_error);
    add_health(w, "health", up, TRUE);
    add_uplink_placement(w, up);
    xcvr_json_writer_member(w, "vnics");
    xcvr_json_writer_begin_array(w);
    for (i = 0; i < up->vnics->len; i++) {
        const XcvrInvVnic *iv = g_ptr_array_index(up->vnics, i);

        /* a vNIC without a MAC (unparsable domain) rides nothing; keep the array flat */
        if (iv->vnic->mac != NULL)
            xcvr_json_writer_string(w, iv->vnic->mac);
    }
    xcvr_json_writer_end_array(w);
    xcvr_json_writer_member(w, "riders");
    xcvr_json_writer_begin_array(w);
    for (i = 0; i < up->vnics->len; i++) {
        const XcvrInvVnic *iv = g_ptr_array_index(up->vnics, i);

        xcvr_json_writer_begin_object(w);
        xcvr_render_json_write_string(w, "domain", iv->vnic->domain);
        xcvr_render_json_write_string(w, "mac", iv->vnic->mac);
        xcvr_json_writer_end_object(w);
    }
    xcvr_json_writer_end_array(w);
    /* only with a state directory: without one the document is what it always was */
    if (history != NULL)
        xcvr_render_history_json(w, history, up);
    xcvr_json_writer_end_object(w);
}

char *
xcvr_render_map_json(const XcvrInventory *inv)
{
    return xcvr_render_map_json_with_history(inv, NULL);
}

char *
xcvr_render_map_json_with_history(const XcvrInventory *inv, const XcvrHistory *history)
{
    XcvrJsonWriter writer;
    XcvrJsonWriter *w = &writer;
    GString *out;
    guint i;

    g_return_val_if_fail(inv != NULL, NULL);

    /* written once, straight into its buffer (about 2 KiB a vNIC and an uplink) */
    xcvr_render_json_document(w, &out, 2048 * ((gsize)inv->vnics->len + inv->uplinks->len));

    xcvr_json_writer_begin_object(w);
    xcvr_json_writer_member(w, "vnics");
    xcvr_json_writer_begin_array(w);
    for (i = 0; i < inv->vnics->len; i++)
        add_vnic(w, g_ptr_array_index(inv->vnics, i));
    xcvr_json_writer_end_array(w);
    xcvr_json_writer_member(w, "uplinks");
    xcvr_json_writer_begin_array(w);
    for (i = 0; i < inv->uplinks->len; i++)
        add_uplink(w, g_ptr_array_index(inv->uplinks, i), history);
    xcvr_json_writer_end_array(w);
    xcvr_render_json_write_string(w, "ovsdb", inv->ovsdb);
    add_strings(w, "notes", inv->notes);
    xcvr_json_writer_end_object(w);

    return g_string_free(out, FALSE);
}
