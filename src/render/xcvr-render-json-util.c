/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-json-util.c: the JSON pieces every JSON renderer writes the same way: a
 * string-or-null member, the `{code, message}` error object, the hop list, and the
 * finished document.
 */
#include <json-glib/json-glib.h>

#include <xcvrmap/xcvr-topo.h>

#include "render/xcvr-render-private.h"

void
xcvr_render_json_string(JsonBuilder *b, const char *key, const char *value)
{
    json_builder_set_member_name(b, key);
    if (value != NULL)
        json_builder_add_string_value(b, value);
    else
        json_builder_add_null_value(b);
}

void
xcvr_render_json_error(JsonBuilder *b, const char *key, const GError *error)
{
    json_builder_set_member_name(b, key);
    if (error == NULL) {
        json_builder_add_null_value(b);
        return;
    }
    json_builder_begin_object(b);
    xcvr_render_json_string(b, "code", xcvr_render_error_code(error));
    xcvr_render_json_string(b, "message", error->message);
    json_builder_end_object(b);
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
        xcvr_render_json_string(b, "kind", xcvr_hop_kind_to_string(h->kind));
        xcvr_render_json_string(b, "name", h->name);
        if (h->detail != NULL)
            xcvr_render_json_string(b, "detail", h->detail);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

char *
xcvr_render_json_finish(JsonBuilder *b, gboolean pretty, guint indent)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();
    g_autoptr(JsonNode) root = json_builder_get_root(b);

    json_generator_set_root(gen, root);
    json_generator_set_pretty(gen, pretty);
    if (pretty && indent > 0)
        json_generator_set_indent(gen, indent);
    return json_generator_to_data(gen, NULL);
}
