/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-topo-json.c: `xcvrmap topo --format json`: for each netdev or PCI function
 * asked about, the path toward the wire and the physical uplinks it reaches, hops shaped
 * as the map's. Schema: schemas/xcvrmap-topo.schema.json.
 */
#include <xcvrmap/xcvr-topo.h>

#include <json-glib/json-glib.h>

#include "render/xcvr-render-private.h"

static void
add_string(JsonBuilder *b, const char *key, const char *value)
{
    json_builder_set_member_name(b, key);
    if (value != NULL)
        json_builder_add_string_value(b, value);
    else
        json_builder_add_null_value(b);
}

void
xcvr_render_json_hops(JsonBuilder *b, const char *key, GPtrArray *hops)
{
    guint i;

    json_builder_set_member_name(b, key);
    json_builder_begin_array(b);
    for (i = 0; hops != NULL && i < hops->len; i++) {
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

static void
add_walk(JsonBuilder *b, const XcvrTopoWalkEntry *w)
{
    guint i;

    json_builder_begin_object(b);
    add_string(b, "start", w->start);
    add_string(b, "start_kind", w->start_kind == XCVR_TOPO_START_PCI ? "pci" : "netdev");
    if (w->error != NULL) {
        json_builder_set_member_name(b, "error");
        json_builder_begin_object(b);
        add_string(b, "code", xcvr_render_error_code(w->error));
        add_string(b, "message", w->error->message);
        json_builder_end_object(b);
        json_builder_end_object(b);
        return;
    }
    xcvr_render_json_hops(b, "path", w->path);
    json_builder_set_member_name(b, "uplinks");
    json_builder_begin_array(b);
    for (i = 0; w->uplinks != NULL && i < w->uplinks->len; i++) {
        const XcvrUplink *up = g_ptr_array_index(w->uplinks, i);

        json_builder_begin_object(b);
        add_string(b, "netdev", up->netdev);
        add_string(b, "pci", up->pci);
        json_builder_set_member_name(b, "active");
        if (up->active >= 0)
            json_builder_add_boolean_value(b, up->active == 1);
        else
            json_builder_add_null_value(b);
        xcvr_render_json_hops(b, "path", up->path);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
}

char *
xcvr_render_topo_json(const XcvrTopoWalkEntry *walks, guint n_walks)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(JsonGenerator) gen = json_generator_new();
    g_autoptr(JsonNode) root = NULL;
    guint i;

    g_return_val_if_fail(walks != NULL || n_walks == 0, NULL);

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "walks");
    json_builder_begin_array(b);
    for (i = 0; i < n_walks; i++)
        add_walk(b, &walks[i]);
    json_builder_end_array(b);
    json_builder_end_object(b);

    root = json_builder_get_root(b);
    json_generator_set_root(gen, root);
    json_generator_set_pretty(gen, TRUE);
    json_generator_set_indent(gen, 2);
    return json_generator_to_data(gen, NULL);
}
