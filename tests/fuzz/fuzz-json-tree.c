/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz-json-tree.c: fuzz target for the JSON reader and the writer of what it reads: any
 * bytes through xcvr_json_parse() (the nesting bound's scan, then jansson); a tree it
 * returns must be no deeper than the bound, must be written whole by
 * xcvr_json_writer_tree(), compact and pretty, and each text must read back as an equal
 * tree.
 */
#include <stdint.h>
#include <stdlib.h>

#include <glib.h>

#include "core/xcvr-json-private.h"
#include "render/xcvr-json-writer-tree-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static guint
tree_depth(const json_t *node)
{
    guint deepest = 0;

    if (json_is_array(node)) {
        for (gsize i = 0; i < json_array_size(node); i++)
            deepest = MAX(deepest, tree_depth(json_array_get(node, i)));
        return deepest + 1;
    }
    if (json_is_object(node)) {
        for (void *it = json_object_iter((json_t *)node); it != NULL;
             it = json_object_iter_next((json_t *)node, it))
            deepest = MAX(deepest, tree_depth(json_object_iter_value(it)));
        return deepest + 1;
    }
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the first byte picks the bound, so shallow bounds are fuzzed too */
    guint max_depth = size > 0 ? data[0] % (XCVR_JSON_MAX_DEPTH + 4) : 0;
    g_autoptr(json_t) root = NULL;

    if (size > 0) {
        data++;
        size--;
    }
    root = xcvr_json_parse((const char *)data, size, max_depth, "fuzz", NULL);
    if (root == NULL)
        return 0;
    if (tree_depth(root) > MIN(max_depth, XCVR_JSON_MAX_DEPTH))
        abort();

    for (int pretty = 0; pretty <= 1; pretty++) {
        g_autoptr(GString) out = g_string_new(NULL);
        g_autoptr(json_t) back = NULL;
        XcvrJsonWriter w;

        xcvr_json_writer_init(&w, out, pretty, 2);
        if (!xcvr_json_writer_tree(&w, root) || w.depth != 0)
            abort();
        back = xcvr_json_parse(out->str, out->len, XCVR_JSON_MAX_DEPTH, "again", NULL);
        if (back == NULL || !json_equal(root, back))
            abort();
    }
    return 0;
}
