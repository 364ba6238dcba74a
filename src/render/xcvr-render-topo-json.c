/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-topo-json.c: `xcvrmap topo --format json`: for each netdev or PCI function
 * asked about, the path toward the wire and the physical uplinks it reaches, hops shaped
 * as the map's, written by the streaming writer. Schema: schemas/xcvrmap-topo.schema.json.
 */
#include <xcvrmap/xcvr-topo.h>

#include "render/xcvr-render-private.h"

static void
add_walk(XcvrJsonWriter *w, const XcvrTopoWalkEntry *walk)
{
    guint i;

    xcvr_json_writer_begin_object(w);
    xcvr_render_json_write_string(w, "start", walk->start);
    xcvr_render_json_write_string(w, "start_kind", xcvr_topo_start_to_string(walk->start_kind));
    if (walk->error != NULL) {
        xcvr_render_json_write_error(w, "error", walk->error);
        xcvr_json_writer_end_object(w);
        return;
    }
    xcvr_render_json_write_hops(w, "path", walk->path);
    xcvr_json_writer_member(w, "uplinks");
    xcvr_json_writer_begin_array(w);
    for (i = 0; walk->uplinks != NULL && i < walk->uplinks->len; i++) {
        const XcvrUplink *up = g_ptr_array_index(walk->uplinks, i);

        xcvr_json_writer_begin_object(w);
        xcvr_render_json_write_string(w, "netdev", up->netdev);
        xcvr_render_json_write_string(w, "pci", up->pci);
        xcvr_json_writer_member(w, "active");
        if (up->active >= 0)
            xcvr_json_writer_boolean(w, up->active == 1);
        else
            xcvr_json_writer_null(w);
        xcvr_render_json_write_hops(w, "path", up->path);
        xcvr_json_writer_end_object(w);
    }
    xcvr_json_writer_end_array(w);
    xcvr_json_writer_end_object(w);
}

char *
xcvr_render_topo_json(const XcvrTopoWalkEntry *walks, guint n_walks)
{
    XcvrJsonWriter writer;
    XcvrJsonWriter *w = &writer;
    GString *out;
    guint i;

    g_return_val_if_fail(walks != NULL || n_walks == 0, NULL);

    xcvr_render_json_document(w, &out, 1024 * (gsize)n_walks);

    xcvr_json_writer_begin_object(w);
    xcvr_json_writer_member(w, "walks");
    xcvr_json_writer_begin_array(w);
    for (i = 0; i < n_walks; i++)
        add_walk(w, &walks[i]);
    xcvr_json_writer_end_array(w);
    xcvr_json_writer_end_object(w);

    return g_string_free(out, FALSE);
}
