/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-modules-json.c: the document `xcvrmap module --format json` prints, whatever
 * the source and however many modules: `{"modules": [...]}`, each entry the module's
 * vocabulary summary beside its per-field detail, or its error in the map's
 * `module_error` shape. Schema: schemas/xcvrmap-module.schema.json.
 */
#include <xcvrmap/xcvr-render.h>

#include <json-glib/json-glib.h>

#include <xcvrmap/xcvr-error.h>

#include "inventory/xcvr-vocab-private.h"
#include "render/xcvr-render-private.h"

static void
add_entry(JsonBuilder *b, const XcvrModuleEntry *e)
{
    json_builder_begin_object(b);
    xcvr_render_json_string(b, "name", e->name);
    xcvr_render_json_string(b, "source", e->source);
    if (e->module != NULL) {
        XcvrVocabSubject s = { .module = e->module, .module_source = e->source };
        g_autoptr(GArray) values = xcvr_vocab_evaluate(XCVR_VOCAB_MODULE, &s);

        json_builder_set_member_name(b, "summary");
        json_builder_begin_object(b);
        xcvr_render_vocab_json_members(b, values);
        json_builder_end_object(b);
        xcvr_render_json_module_members(b, e->module);
    } else {
        const char *code = xcvr_render_error_code(e->error);
        const char *message = e->error != NULL ? e->error->message : "no module was read";

        json_builder_set_member_name(b, "module_error");
        json_builder_begin_object(b);
        xcvr_render_json_string(b, "code", code);
        xcvr_render_json_string(b, "message", message);
        json_builder_end_object(b);
        /* the keys of the entry before the envelope was one: kept for compatibility */
        xcvr_render_json_string(b, "error", code);
        xcvr_render_json_string(b, "message", message);
    }
    json_builder_end_object(b);
}

char *
xcvr_render_modules_json(const XcvrModuleEntry *entries, guint n_entries, gboolean pretty)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    guint i;

    g_return_val_if_fail(entries != NULL || n_entries == 0, NULL);

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "modules");
    json_builder_begin_array(b);
    for (i = 0; i < n_entries; i++)
        add_entry(b, &entries[i]);
    json_builder_end_array(b);
    json_builder_end_object(b);

    return xcvr_render_json_finish(b, pretty, 2);
}
