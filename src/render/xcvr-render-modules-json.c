/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-modules-json.c: the document `xcvrmap module --format json` prints, whatever
 * the source and however many modules: `{"modules": [...]}`, each entry the module's
 * vocabulary summary beside its per-field detail, or its error in the map's
 * `module_error` shape, written by the streaming writer. Schema:
 * schemas/xcvrmap-module.schema.json.
 */
#include <xcvrmap/xcvr-render.h>

#include <xcvrmap/xcvr-error.h>

#include "inventory/xcvr-vocab-private.h"
#include "render/xcvr-render-private.h"

static void
write_entry(XcvrJsonWriter *w, const XcvrModuleEntry *e)
{
    xcvr_json_writer_begin_object(w);
    xcvr_render_json_write_string(w, "name", e->name);
    xcvr_render_json_write_string(w, "source", e->source);
    if (e->module != NULL) {
        XcvrVocabSubject s = { .module = e->module, .module_source = e->source };
        g_autoptr(GArray) values = xcvr_vocab_evaluate(XCVR_VOCAB_MODULE, &s);

        xcvr_json_writer_member(w, "summary");
        xcvr_json_writer_begin_object(w);
        xcvr_render_vocab_json_write(w, values);
        xcvr_json_writer_end_object(w);
        xcvr_render_json_module_write(w, e->module);
    } else {
        const char *code = xcvr_render_error_code(e->error);
        const char *message = e->error != NULL ? e->error->message : "no module was read";

        xcvr_json_writer_member(w, "module_error");
        xcvr_json_writer_begin_object(w);
        xcvr_render_json_write_string(w, "code", code);
        xcvr_render_json_write_string(w, "message", message);
        xcvr_json_writer_end_object(w);
        /* the keys of the entry before the envelope was one: kept for compatibility */
        xcvr_render_json_write_string(w, "error", code);
        xcvr_render_json_write_string(w, "message", message);
    }
    xcvr_json_writer_end_object(w);
}

char *
xcvr_render_modules_json(const XcvrModuleEntry *entries, guint n_entries, gboolean pretty)
{
    GString *out;
    XcvrJsonWriter w;
    guint i;

    g_return_val_if_fail(entries != NULL || n_entries == 0, NULL);

    /* written once: the module's detail is no longer rendered, parsed and regenerated */
    out = g_string_sized_new(8192 * (gsize)MAX(n_entries, 1u));
    xcvr_json_writer_init(&w, out, pretty, 2);
    xcvr_json_writer_begin_object(&w);
    xcvr_json_writer_member(&w, "modules");
    xcvr_json_writer_begin_array(&w);
    for (i = 0; i < n_entries; i++)
        write_entry(&w, &entries[i]);
    xcvr_json_writer_end_array(&w);
    xcvr_json_writer_end_object(&w);
    return g_string_free(out, FALSE);
}
