/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-metrics-textfile.c: the metrics as a file for node_exporter's textfile collector,
 * replaced atomically so that a scrape never reads half of one.
 */
#include <string.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-history.h>
#include <xcvrmap/xcvr-state.h>

gboolean
xcvr_metrics_write_textfile(const char *path, const XcvrInventory *inventory,
                            const XcvrHistory *history, GError **error)
{
    g_autofree char *text = NULL;
    g_autofree char *dir = NULL;
    g_autofree char *name = NULL;

    g_return_val_if_fail(path != NULL, FALSE);
    g_return_val_if_fail(inventory != NULL, FALSE);

    dir = g_path_get_dirname(path);
    name = g_path_get_basename(path);
    if (name[0] == '.' || strcmp(name, "/") == 0) {
        /* a hidden name is what the writer's temporary files look like */
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_ARGUMENT,
                    "textfile %s: not a plain file name", path);
        return FALSE;
    }
    text = xcvr_render_metrics(inventory, history);
    return xcvr_state_write_file(dir, name, text, strlen(text), NULL, error);
}
