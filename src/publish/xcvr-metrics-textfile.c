/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-metrics-textfile.c: the metrics as a file for node_exporter's textfile collector,
 * replaced atomically so that a scrape never reads half of one.
 */
#include <xcvrmap/xcvr-history.h>

gboolean
xcvr_metrics_write_textfile(const char *path, const XcvrInventory *inventory,
                            const XcvrHistory *history, GError **error)
{
    g_autofree char *text = NULL;

    g_return_val_if_fail(path != NULL, FALSE);
    g_return_val_if_fail(inventory != NULL, FALSE);

    text = xcvr_render_metrics(inventory, history);
    return xcvr_state_write_file(path, text, -1, error);
}
