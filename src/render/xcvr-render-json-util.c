/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-json-util.c: the JSON pieces every JSON renderer writes the same way: a
 * string-or-null member, the `{code, message}` error object, the hop list, and the
 * finished document.
 */
#include <string.h>

#include <json-glib/json-glib.h>

#include <xcvrmap/xcvr-escape.h>
#include <xcvrmap/xcvr-topo.h>

#include "core/xcvr-escape-private.h"
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

static void
escape_member(JsonObject *object, const char *name, JsonNode *member, gpointer user_data)
{
    (void)object;
    (void)name;
    (void)user_data;
    xcvr_render_json_escape_node(member);
}

void
xcvr_render_json_escape_node(JsonNode *node)
{
    if (node == NULL)
        return;
    switch (json_node_get_node_type(node)) {
    case JSON_NODE_OBJECT:
        json_object_foreach_member(json_node_get_object(node), escape_member, NULL);
        break;
    case JSON_NODE_ARRAY: {
        JsonArray *a = json_node_get_array(node);

        for (guint i = 0; i < json_array_get_length(a); i++)
            xcvr_render_json_escape_node(json_array_get_element(a, i));
        break;
    }
    case JSON_NODE_VALUE:
        if (json_node_get_value_type(node) == G_TYPE_STRING) {
            const char *s = json_node_get_string(node);

            if (s != NULL && xcvr_escape_bytes_needed(s)) {
                g_autofree char *esc = xcvr_escape_bytes(s, -1);

                if (strcmp(esc, s) != 0)
                    json_node_set_string(node, esc);
            }
        }
        break;
    case JSON_NODE_NULL:
    default:
        break;
    }
}

char *
xcvr_render_json_finish(JsonBuilder *b, gboolean pretty, guint indent)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();
    g_autoptr(JsonNode) root = json_builder_get_root(b);

    /* every string, field or message, from whatever source: one rule (xcvr_escape_bytes) */
    xcvr_render_json_escape_node(root);
    json_generator_set_root(gen, root);
    json_generator_set_pretty(gen, pretty);
    if (pretty && indent > 0)
        json_generator_set_indent(gen, indent);
    return json_generator_to_data(gen, NULL);
}
