/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz-demo-manifest.c: fuzz target for the demo host's manifest parser (the checks that
 * stand between the manifest and the files `--demo` writes): whatever it accepts must be
 * safe to write under a directory, so every path is relative with no empty, "." or ".."
 * component, lies in a directory listed before it, and is listed once; every link target
 * is relative; every file has contents.
 *
 * The target aborts on an entry that breaks those rules, or on a broken GError contract.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli-demo-manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static gboolean
path_safe(const char *path)
{
    g_auto(GStrv) parts = g_strsplit(path, "/", -1);
    guint i;

    for (i = 0; parts[i] != NULL; i++) {
        if (parts[i][0] == '\0' || strcmp(parts[i], ".") == 0 || strcmp(parts[i], "..") == 0)
            return FALSE;
    }
    return i > 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) entries = xcvr_cli_manifest_parse((const char *)data, size, &error);
    g_autoptr(GHashTable) dirs = NULL;
    g_autoptr(GHashTable) seen = NULL;
    guint i;

    if ((entries == NULL) != (error != NULL))
        abort();
    if (entries == NULL)
        return 0;
    dirs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    seen = g_hash_table_new(g_str_hash, g_str_equal);
    g_hash_table_add(dirs, g_strdup(""));
    for (i = 0; i < entries->len; i++) {
        const XcvrCliManifestEntry *e = g_ptr_array_index(entries, i);
        const char *slash = strrchr(e->path, '/');
        g_autofree char *parent =
            slash != NULL ? g_strndup(e->path, (gsize)(slash - e->path)) : g_strdup("");

        if (!path_safe(e->path) || !g_hash_table_contains(dirs, parent) ||
            g_hash_table_contains(seen, e->path))
            abort();
        g_hash_table_add(seen, e->path);
        switch (e->kind) {
        case XCVR_CLI_MANIFEST_DIR:
            g_hash_table_add(dirs, g_strdup(e->path));
            break;
        case XCVR_CLI_MANIFEST_TEXT:
        case XCVR_CLI_MANIFEST_BASE64:
            if (e->contents == NULL)
                abort();
            break;
        case XCVR_CLI_MANIFEST_LINK:
            if (e->target == NULL || e->target[0] == '/' || e->target[0] == '\0')
                abort();
            break;
        default:
            abort();
        }
    }
    return 0;
}
