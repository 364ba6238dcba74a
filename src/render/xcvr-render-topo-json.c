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
add_walk(JsonBuilder *b, const XcvrTopoWalkEntry *w)
{
    guint i;

    json_builder_begin_object(b);
    xcvr_render_json_string(b, "start", w->start);
    xcvr_render_json_string(b, "start_kind", xcvr_topo_start_to_string(w->start_kind));
    if (w->error != NULL) {
        xcvr_render_json_error(b, "error", w->error);
        json_builder_end_object(b);
        return;
    }
    xcvr_render_json_hops(b, "path", w->path);
    json_builder_set_member_name(b, "uplinks");
    json_builder_begin_array(b);
    for (i = 0; w->uplinks != NULL && i < w->uplinks->len; i++) {
        const XcvrUplink *up = g_ptr_array_index(w->uplinks, i);

        json_builder_begin_object(b);
        xcvr_render_json_string(b, "netdev", up->netdev);
        xcvr_render_json_string(b, "pci", up->pci);
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
    guint i;

    g_return_val_if_fail(walks != NULL || n_walks == 0, NULL);

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "walks");
    json_builder_begin_array(b);
    for (i = 0; i < n_walks; i++)
        add_walk(b, &walks[i]);
    json_builder_end_array(b);
    json_builder_end_object(b);

    return xcvr_render_json_finish(b, TRUE, 2);
}
