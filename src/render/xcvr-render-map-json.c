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

static void
add_string(JsonBuilder *b, const char *key, const char *value)
{
    json_builder_set_member_name(b, key);
    if (value != NULL)
        json_builder_add_string_value(b, value);
    else
        json_builder_add_null_value(b);
}

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

static void
add_hops(JsonBuilder *b, const char *key, GPtrArray *hops)
{
    guint i;

    json_builder_set_member_name(b, key);
    json_builder_begin_array(b);
    for (i = 0; i < hops->len; i++) {
        const XcvrHop *h = g_ptr_array_index(hops, i);

        json_builder_begin_object(b);
        add_string(b, "kind", xcvr_hop_kind_to_string(h->kind));
        add_string(b, "name", h->name);
        if (h->detail != NULL)
            add_string(b, "detail", h->detail);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

/* Per-lane readings rounded as a monitor shows them. */
static void
add_lanes(JsonBuilder *b, const char *json_key, const XcvrModule *m, const char *key)
{
    g_autoptr(GArray) values = xcvr_module_get_lane_numbers(m, key, NULL);
    guint i;

    if (values->len == 0)
        return;
    json_builder_set_member_name(b, json_key);
    json_builder_begin_array(b);
    for (i = 0; i < values->len; i++)
        json_builder_add_double_value(b, g_array_index(values, double, i));
    json_builder_end_array(b);
}

static void
add_number(JsonBuilder *b, const char *json_key, const XcvrModule *m, const char *key)
{
    double v;

    if (xcvr_module_get_number(m, key, &v, NULL)) {
        json_builder_set_member_name(b, json_key);
        json_builder_add_double_value(b, v);
    }
}

/* What a scheduler or an admin asks of a module first: who made it, what it is, how it
 * is doing. The full decode is `xcvrmap module IFACE --format json`. */
static void
add_module(JsonBuilder *b, const XcvrInvUplink *up)
{
    const XcvrModule *m = up->module;
    g_autoptr(GPtrArray) types = NULL;
    g_autoptr(GPtrArray) alarms = NULL;
    g_autoptr(GPtrArray) warnings = NULL;

    json_builder_set_member_name(b, "module");
    if (m == NULL) {
        json_builder_add_null_value(b);
        return;
    }
    types = xcvr_module_get_items(m, "transceiver_type");
    alarms = xcvr_module_get_raised_flags(m, "_alarm");
    warnings = xcvr_module_get_raised_flags(m, "_warning");

    json_builder_begin_object(b);
    add_string(b, "vendor", xcvr_module_get_string(m, "vendor_name"));
    add_string(b, "pn", xcvr_module_get_string(m, "vendor_pn"));
    add_string(b, "sn", xcvr_module_get_string(m, "vendor_sn"));
    add_string(b, "rev", xcvr_module_get_string(m, "vendor_rev"));
    add_string(b, "oui", xcvr_module_get_string(m, "vendor_oui"));
    add_string(b, "date_code", xcvr_module_get_string(m, "date_code"));
    add_string(b, "family", xcvr_family_to_string(xcvr_module_get_family(m)));
    add_string(b, "identifier", xcvr_module_get_string(m, "identifier"));
    add_string(b, "connector", xcvr_module_get_string(m, "connector"));
    if (xcvr_module_get_string(m, "media_type") != NULL)
        add_string(b, "media_type", xcvr_module_get_string(m, "media_type"));
    add_strings(b, "transceiver_type", types);
    add_number(b, "wavelength_nm", m, "laser_wavelength");
    add_number(b, "br_nominal_mbd", m, "br_nominal");
    add_string(b, "source", up->module_source);
    json_builder_set_member_name(b, "checksums_ok");
    json_builder_add_boolean_value(b, xcvr_module_checksums_ok(m));
    add_number(b, "temperature_c", m, "module_temperature");
    add_number(b, "voltage_v", m, "module_voltage");
    add_lanes(b, "tx_bias_ma", m, "laser_bias_current");
    add_lanes(b, "tx_power_mw", m, "laser_output_power");
    add_lanes(b, "rx_power_mw", m, "rx_power");
    add_strings(b, "alarms", alarms);
    add_strings(b, "warnings", warnings);
    json_builder_end_object(b);
}

static void
add_error(JsonBuilder *b, const char *key, const GError *e)
{
    json_builder_set_member_name(b, key);
    if (e == NULL) {
        json_builder_add_null_value(b);
        return;
    }
    json_builder_begin_object(b);
    add_string(b, "code",
               e->domain == XCVR_ERROR ? xcvr_error_to_string((XcvrError)e->code) : "failed");
    add_string(b, "message", e->message);
    json_builder_end_object(b);
}

static void
add_link(JsonBuilder *b, const XcvrLinkState *link)
{
    json_builder_set_member_name(b, "link");
    if (link == NULL) {
        json_builder_add_null_value(b);
        return;
    }
    json_builder_begin_object(b);
    add_string(b, "state", link->operstate);
    json_builder_set_member_name(b, "carrier");
    if (link->carrier >= 0)
        json_builder_add_boolean_value(b, link->carrier == 1);
    else
        json_builder_add_null_value(b);
    add_int_or_null(b, "speed_mbps", link->speed_mbps, link->speed_mbps > 0);
    add_string(b, "duplex", link->duplex);
    add_string(b, "mac", link->mac);
    json_builder_end_object(b);
}

static void
add_vnic(JsonBuilder *b, const XcvrInvVnic *iv)
{
    const XcvrVnic *v = iv->vnic;
    guint i;

    json_builder_begin_object(b);
    add_string(b, "domain", v->domain);
    add_string(b, "domain_uuid", v->domain_uuid);
    add_string(b, "vm_source", v->vm_source);
    add_string(b, "vif_uuid", v->vif_uuid);
    json_builder_set_member_name(b, "running");
    json_builder_add_boolean_value(b, v->running);
    add_string(b, "mac", v->mac);
    add_string(b, "model", v->model);
    add_string(b, "type", xcvr_vnic_type_to_string(v->type));
    add_string(b, "source", v->source);
    add_string(b, "target", v->target);
    add_int_or_null(b, "vlan", v->vlan, v->vlan >= 0);
    add_string(b, "status", xcvr_vnic_status_to_string(iv->status));
    add_string(b, "reason", iv->reason);
    add_hops(b, "path", iv->path);
    json_builder_set_member_name(b, "uplinks");
    json_builder_begin_array(b);
    for (i = 0; i < iv->reaches->len; i++) {
        const XcvrInvReach *r = g_ptr_array_index(iv->reaches, i);

        json_builder_begin_object(b);
        add_string(b, "netdev", r->uplink->netdev);
        add_string(b, "pci", r->uplink->pci);
        json_builder_set_member_name(b, "active");
        if (r->active >= 0)
            json_builder_add_boolean_value(b, r->active == 1);
        else
            json_builder_add_null_value(b);
        add_string(b, "active_rule", xcvr_bond_rule_to_string(r->active_rule));
        add_hops(b, "via", r->via);
        add_module(b, r->uplink);
        add_link(b, r->uplink->link);
        add_string(b, "health", xcvr_health_to_string(r->uplink->health));
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
}

static void
add_uplink(JsonBuilder *b, const XcvrInvUplink *up)
{
    guint i;

    json_builder_begin_object(b);
    add_string(b, "netdev", up->netdev);
    add_string(b, "pci", up->pci);
    add_link(b, up->link);
    add_module(b, up);
    add_error(b, "module_error", up->module_error);
    json_builder_set_member_name(b, "health");
    json_builder_begin_object(b);
    add_string(b, "status", xcvr_health_to_string(up->health));
    add_strings(b, "reasons", up->health_reasons);
    json_builder_end_object(b);
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
        add_string(b, "domain", iv->vnic->domain);
        add_string(b, "mac", iv->vnic->mac);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
}

char *
xcvr_render_map_json(const XcvrInventory *inv)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(JsonGenerator) gen = json_generator_new();
    g_autoptr(JsonNode) root = NULL;
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
        add_uplink(b, g_ptr_array_index(inv->uplinks, i));
    json_builder_end_array(b);
    add_string(b, "ovsdb", inv->ovsdb);
    add_strings(b, "notes", inv->notes);
    json_builder_end_object(b);

    root = json_builder_get_root(b);
    json_generator_set_root(gen, root);
    json_generator_set_pretty(gen, TRUE);
    json_generator_set_indent(gen, 2);
    return json_generator_to_data(gen, NULL);
}
