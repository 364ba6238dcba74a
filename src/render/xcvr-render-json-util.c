/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-json-util.c: the JSON pieces every JSON renderer writes the same way: a
 * string-or-null member, the `{code, message}` error object, the hop list, and a new
 * document's writer.
 */

#include <xcvrmap/xcvr-topo.h>

#include "render/xcvr-render-private.h"

void
xcvr_render_json_write_string(XcvrJsonWriter *w, const char *key, const char *value)
{
    xcvr_json_writer_member(w, key);
    xcvr_json_writer_string(w, value);
}

void
xcvr_render_json_write_error(XcvrJsonWriter *w, const char *key, const GError *error)
{
    xcvr_json_writer_member(w, key);
    if (error == NULL) {
        xcvr_json_writer_null(w);
        return;
    }
    xcvr_json_writer_begin_object(w);
    xcvr_render_json_write_string(w, "code", xcvr_render_error_code(error));
    xcvr_render_json_write_string(w, "message", error->message);
    xcvr_json_writer_end_object(w);
}

void
xcvr_render_json_write_hops(XcvrJsonWriter *w, const char *key, GPtrArray *hops)
{
    guint i;

    xcvr_json_writer_member(w, key);
    xcvr_json_writer_begin_array(w);
    for (i = 0; hops != NULL && i < hops->len; i++) {
        const XcvrHop *h = g_ptr_array_index(hops, i);

        xcvr_json_writer_begin_object(w);
        xcvr_render_json_write_string(w, "kind", xcvr_hop_kind_to_string(h->kind));
        xcvr_render_json_write_string(w, "name", h->name);
        if (h->detail != NULL)
            xcvr_render_json_write_string(w, "detail", h->detail);
        xcvr_json_writer_end_object(w);
    }
    xcvr_json_writer_end_array(w);
}

void
xcvr_render_json_document(XcvrJsonWriter *w, GString **out, gsize size_hint)
{
    *out = g_string_sized_new(MAX(size_hint, (gsize)256));
    xcvr_json_writer_init(w, *out, TRUE, 2);
}
