/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-map-json.c: the inventory as JSON, `{"vnics": [...], "uplinks": [...]}`: a
 * published contract, described by src/render/schemas/xcvrmap-map.schema.json. Keys are
 * only ever added.
 */
#include <json-glib/json-glib.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-eeprom.h>

#include "inventory/xcvr-inventory-private.h"
#include "inventory/xcvr-vocab-private.h"
#include "render/xcvr-render-history-private.h"
#include "render/xcvr-render-private.h"

static void
add_int_or_null(JsonBuilder *b, const char *key, gint64 value, gboolean known)
{
    json_builder_set_member_name(b, key);
    if (known)
        json_builder_add_int_value(b, value);
    else
        json_builder_add_null_value(b);
}

static void
add_strings(JsonBuilder *b, const char *key, GPtrArray *values)
{
    guint i;

    json_builder_set_member_name(b, key);
    json_builder_begin_array(b);
    for (i = 0; values != NULL && i < values->len; i++)
        json_builder_add_string_value(b, g_ptr_array_index(values, i));
    json_builder_end_array(b);
}

/* One group of the vocabulary as an object under its own key; null when there is
 * nothing it could describe. */
static void
add_group(JsonBuilder *b, XcvrVocabGroup group, const XcvrInvUplink *up, gboolean present)
{
    XcvrVocabSubject s = xcvr_vocab_subject_for_uplink(up);
    g_autoptr(GArray) values = NULL;

    json_builder_set_member_name(b, xcvr_vocab_group_json_key(group));
    if (!present) {
        json_builder_add_null_value(b);
        return;
    }
    values = xcvr_vocab_evaluate(group, &s);
    json_builder_begin_object(b);
    xcvr_render_vocab_json_members(b, values);
    json_builder_end_object(b);
}

/* What a scheduler or an admin asks of a module first: who made it, what it is, how it
 * is doing; the vocabulary's module facts. The full decode is `xcvrmap module IFACE
 * --format json`. */
static void
add_module(JsonBuilder *b, const XcvrInvUplink *up)
{
    add_group(b, XCVR_VOCAB_MODULE, up, up->module != NULL);
}

static void
add_link(JsonBuilder *b, const XcvrInvUplink *up)
{
    add_group(b, XCVR_VOCAB_LINK, up, up->link != NULL);
}

/* The vocabulary's health object, {"verdict", "reasons"}, under @key; @compat_status adds
 * the "status" member the uplinks list carried before the vocabulary (kept). */
static void
add_health(JsonBuilder *b, const char *key, const XcvrInvUplink *up, gboolean compat_status)
{
    XcvrVocabSubject s = xcvr_vocab_subject_for_uplink(up);
    g_autoptr(GArray) values = xcvr_vocab_evaluate(XCVR_VOCAB_HEALTH, &s);

    json_builder_set_member_name(b, key);
    json_builder_begin_object(b);
    if (compat_status)
        xcvr_render_json_string(b, "status", xcvr_health_to_string(up->health));
    xcvr_render_vocab_json_members(b, values);
    json_builder_end_object(b);
}

/* The vocabulary's placement hints of @placement as the object `placement`. */
static void
add_placement(JsonBuilder *b, const XcvrPlacement *placement)
{
    XcvrVocabSubject s = { .placement = placement };
    g_autoptr(GArray) values = xcvr_vocab_evaluate(XCVR_VOCAB_PLACEMENT, &s);

    json_builder_set_member_name(b, xcvr_vocab_group_json_key(XCVR_VOCAB_PLACEMENT));
    json_builder_begin_object(b);
    xcvr_render_vocab_json_members(b, values);
    json_builder_end_object(b);
}

static void
add_uplink_placement(JsonBuilder *b, const XcvrInvUplink *up)
{
    g_autoptr(XcvrPlacement) placement = xcvr_inv_uplink_get_placement(up);

    add_placement(b, placement);
}

static void
add_vnic(JsonBuilder *b, const XcvrInvVnic *iv)
{
    const XcvrVnic *v = iv->vnic;
    g_autoptr(XcvrPlacement) placement = xcvr_inv_vnic_get_placement(iv);
    guint i;

    json_builder_begin_object(b);
    xcvr_render_json_string(b, "domain", v->domain);
    xcvr_render_json_string(b, "domain_uuid", v->domain_uuid);
    xcvr_render_json_string(b, "vm_source", v->vm_source);
    xcvr_render_json_string(b, "vif_uuid", v->vif_uuid);
    json_builder_set_member_name(b, "running");
    json_builder_add_boolean_value(b, v->running);
    xcvr_render_json_string(b, "mac", v->mac);
    xcvr_render_json_string(b, "model", v->model);
    xcvr_render_json_string(b, "type", xcvr_vnic_type_to_string(v->type));
    xcvr_render_json_string(b, "source", v->source);
    xcvr_render_json_string(b, "target", v->target);
    add_int_or_null(b, "vlan", v->vlan, v->vlan >= 0);
    xcvr_render_json_string(b, "status", xcvr_vnic_status_to_string(iv->status));
    xcvr_render_json_string(b, "reason", iv->reason);
    xcvr_render_json_hops(b, "path", iv->path);
    json_builder_set_member_name(b, "uplinks");
    json_builder_begin_array(b);
    for (i = 0; i < iv->reaches->len; i++) {
        const XcvrInvReach *r = g_ptr_array_index(iv->reaches, i);

        json_builder_begin_object(b);
        xcvr_render_json_string(b, "netdev", r->uplink->netdev);
        xcvr_render_json_string(b, "pci", r->uplink->pci);
        json_builder_set_member_name(b, "active");
        if (r->active >= 0)
            json_builder_add_boolean_value(b, r->active == 1);
        else
            json_builder_add_null_value(b);
        xcvr_render_json_string(b, "active_rule", xcvr_bond_rule_to_string(r->active_rule));
        xcvr_render_json_hops(b, "via", r->via);
        add_module(b, r->uplink);
        add_link(b, r->uplink);
        /* "health" was the verdict alone: kept as it was; the vocabulary's object beside */
        xcvr_render_json_string(b, "health", xcvr_health_to_string(r->uplink->health));
        add_health(b, "health_detail", r->uplink, FALSE);
        add_uplink_placement(b, r->uplink);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    add_placement(b, placement);
    json_builder_end_object(b);
}

static void
add_uplink(JsonBuilder *b, const XcvrInvUplink *up, const XcvrHistory *history)
{
    guint i;

    json_builder_begin_object(b);
    xcvr_render_json_string(b, "netdev", up->netdev);
    xcvr_render_json_string(b, "pci", up->pci);
    add_link(b, up);
    add_module(b, up);
    xcvr_render_json_error(b, "module_error", up->module_error);
    add_health(b, "health", up, TRUE);
    add_uplink_placement(b, up);
    json_builder_set_member_name(b, "vnics");
    json_builder_begin_array(b);
    for (i = 0; i < up->vnics->len; i++) {
        const XcvrInvVnic *iv = g_ptr_array_index(up->vnics, i);

        /* a vNIC without a MAC (unparsable domain) rides nothing; keep the array flat */
        if (iv->vnic->mac != NULL)
            json_builder_add_string_value(b, iv->vnic->mac);
    }
    json_builder_end_array(b);
    json_builder_set_member_name(b, "riders");
    json_builder_begin_array(b);
    for (i = 0; i < up->vnics->len; i++) {
        const XcvrInvVnic *iv = g_ptr_array_index(up->vnics, i);

        json_builder_begin_object(b);
        xcvr_render_json_string(b, "domain", iv->vnic->domain);
        xcvr_render_json_string(b, "mac", iv->vnic->mac);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    /* only with a state directory: without one the document is what it always was */
    if (history != NULL)
        xcvr_render_history_json(b, history, up);
    json_builder_end_object(b);
}

char *
xcvr_render_map_json(const XcvrInventory *inv)
{
    return xcvr_render_map_json_with_history(inv, NULL);
}

char *
xcvr_render_map_json_with_history(const XcvrInventory *inv, const XcvrHistory *history)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    guint i;

    g_return_val_if_fail(inv != NULL, NULL);

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "vnics");
    json_builder_begin_array(b);
    for (i = 0; i < inv->vnics->len; i++)
        add_vnic(b, g_ptr_array_index(inv->vnics, i));
    json_builder_end_array(b);
    json_builder_set_member_name(b, "uplinks");
    json_builder_begin_array(b);
    for (i = 0; i < inv->uplinks->len; i++)
        add_uplink(b, g_ptr_array_index(inv->uplinks, i), history);
    json_builder_end_array(b);
    xcvr_render_json_string(b, "ovsdb", inv->ovsdb);
    add_strings(b, "notes", inv->notes);
    json_builder_end_object(b);

    return xcvr_render_json_finish(b, TRUE, 2);
}
