/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * history-probe.c: one poll of a host into a state directory, as `xcvrmap watch` does
 * after each cycle, through the public API: history.json loaded (an unusable one moved
 * aside, the warning on stderr), one inventory of the host, xcvr_history_update() at the
 * time given, history.json saved. Lets the script tests drive the history over real
 * inventories without the watcher.
 *
 * Usage: history-probe --root DIR [--eeprom-dir DIR] --state-dir DIR --now-us US
 *        [--raise N --clear M]
 * Prints "changed" or "unchanged"; exit 0, or 1 with the error on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

int
main(int argc, char **argv)
{
    g_autofree char *root = NULL;
    g_autofree char *eeprom_dir = NULL;
    g_autofree char *state_dir = NULL;
    gint64 now_us = 0;
    gint raise_polls = 0;
    gint clear_polls = 0;
    const GOptionEntry entries[] = {
        { "root", 0, 0, G_OPTION_ARG_FILENAME, &root, "host root", "DIR" },
        { "eeprom-dir", 0, 0, G_OPTION_ARG_FILENAME, &eeprom_dir, "module dumps", "DIR" },
        { "state-dir", 0, 0, G_OPTION_ARG_FILENAME, &state_dir, "state directory", "DIR" },
        { "now-us", 0, 0, G_OPTION_ARG_INT64, &now_us, "the poll's time", "US" },
        { "raise", 0, 0, G_OPTION_ARG_INT, &raise_polls, "polls to raise", "N" },
        { "clear", 0, 0, G_OPTION_ARG_INT, &clear_polls, "polls to clear", "M" },
        { NULL },
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new(NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrHistory) history = NULL;
    g_autoptr(XcvrInventory) inv = NULL;
    g_autoptr(XcvrInventoryOptions) opts = xcvr_inventory_options_new();
    g_autoptr(GPtrArray) vnics = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_vnic_free);
    g_autofree char *warning = NULL;
    gboolean changed;

    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!g_option_context_parse(ctx, &argc, &argv, &error) || root == NULL ||
        state_dir == NULL || now_us <= 0 || raise_polls < 0 || clear_polls < 0) {
        fprintf(stderr, "history-probe: %s\n",
                error != NULL ? error->message : "--root, --state-dir and --now-us needed");
        return 2;
    }
    history = xcvr_history_load(state_dir, &warning, &error);
    if (history == NULL) {
        fprintf(stderr, "history-probe: %s\n", error->message);
        return 1;
    }
    if (warning != NULL)
        fprintf(stderr, "history-probe: warning: %s\n", warning);
    xcvr_history_set_hysteresis(history, (guint)raise_polls, (guint)clear_polls);
    xcvr_inventory_options_set_root(opts, root);
    xcvr_inventory_options_set_ovsdb(opts, "");
    xcvr_inventory_options_set_eeprom_dir(opts, eeprom_dir);
    xcvr_inventory_options_set_all_uplinks(opts, TRUE);
    inv = xcvr_inventory_new(vnics, opts, &error);
    if (inv == NULL) {
        fprintf(stderr, "history-probe: %s\n", error->message);
        return 1;
    }
    changed = xcvr_history_update(history, inv, now_us);
    if (!xcvr_history_save(history, state_dir, &error)) {
        fprintf(stderr, "history-probe: %s\n", error->message);
        return 1;
    }
    printf("%s\n", changed ? "changed" : "unchanged");
    return 0;
}
