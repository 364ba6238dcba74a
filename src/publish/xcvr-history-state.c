/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-history-state.c: the history in its state directory: `history.json` read back at
 * start (an unusable one moved aside, never fatal) and written atomically after a poll.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-history.h>
#include <xcvrmap/xcvr-state.h>

#include "core/xcvr-host-file-private.h"

/* A history of a large host is some hundreds of kilobytes; a bigger file is not ours. */
#define HISTORY_MAX (16u << 20)

/* Renames @path to PATH.corrupt-SECONDS (a free name) beside it; FALSE with @error. */
static gboolean
move_aside(const char *path, char **ret_aside, GError **error)
{
    gint64 now = g_get_real_time() / G_USEC_PER_SEC;
    guint i;

    for (i = 0; i < 100; i++) {
        g_autofree char *aside = i == 0
            ? g_strdup_printf("%s.corrupt-%" G_GINT64_FORMAT, path, now)
            : g_strdup_printf("%s.corrupt-%" G_GINT64_FORMAT ".%u", path, now, i);
        struct stat st;

        if (lstat(aside, &st) == 0)
            continue;
        if (rename(path, aside) == 0) {
            *ret_aside = g_steal_pointer(&aside);
            return TRUE;
        }
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "cannot move %s aside: %s", path,
                    g_strerror(errno));
        return FALSE;
    }
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "cannot move %s aside: no free name",
                path);
    return FALSE;
}

XcvrHistory *
xcvr_history_load(const char *state_dir, char **ret_warning, GError **error)
{
    g_autofree char *path = NULL;
    g_autofree char *data = NULL;
    g_autofree char *aside = NULL;
    g_autoptr(GError) local = NULL;
    XcvrHistory *h;
    gsize len = 0;

    g_return_val_if_fail(state_dir != NULL, NULL);
    if (ret_warning != NULL)
        *ret_warning = NULL;

    path = g_build_filename(state_dir, XCVR_HISTORY_FILE, NULL);
    if (!g_file_test(state_dir, G_FILE_TEST_IS_DIR)) {
        if (g_file_test(state_dir, G_FILE_TEST_EXISTS)) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "%s: not a directory", state_dir);
            return NULL;
        }
        return xcvr_history_new(); /* made by the first save */
    }
    if (!xcvr_host_file_read(path, XCVR_HOST_FILE_NOFOLLOW, HISTORY_MAX, 0, &data, &len,
                             &local)) {
        if (g_error_matches(local, XCVR_ERROR, XCVR_ERROR_NO_DEVICE))
            return xcvr_history_new();
        if (g_error_matches(local, XCVR_ERROR, XCVR_ERROR_PERMISSION)) {
            g_propagate_error(error, g_steal_pointer(&local));
            return NULL;
        }
        /* not a regular file, a link, too large, unreadable: not a history we wrote */
    } else {
        h = xcvr_history_from_json(data, (gssize)len, g_get_real_time(), &local);
        if (h != NULL)
            return h;
    }
    if (!move_aside(path, &aside, error))
        return NULL;
    if (ret_warning != NULL)
        *ret_warning = g_strdup_printf("%s was unusable (%s); moved aside to %s, history "
                                       "starts afresh",
                                       path, local->message, aside);
    return xcvr_history_new();
}

XcvrHistory *
xcvr_history_read(const char *state_dir, GError **error)
{
    g_autofree char *path = NULL;
    g_autofree char *data = NULL;
    g_autoptr(GError) local = NULL;
    XcvrHistory *h;
    gsize len = 0;

    g_return_val_if_fail(state_dir != NULL, NULL);

    path = g_build_filename(state_dir, XCVR_HISTORY_FILE, NULL);
    if (!xcvr_host_file_read(path, XCVR_HOST_FILE_NOFOLLOW, HISTORY_MAX, 0, &data, &len,
                             &local)) {
        if (g_error_matches(local, XCVR_ERROR, XCVR_ERROR_NO_DEVICE))
            return xcvr_history_new();
        g_propagate_prefixed_error(error, g_steal_pointer(&local), "%s: ", path);
        return NULL;
    }
    h = xcvr_history_from_json(data, (gssize)len, g_get_real_time(), &local);
    if (h == NULL)
        g_propagate_prefixed_error(error, g_steal_pointer(&local), "%s: ", path);
    return h;
}

gboolean
xcvr_history_save(const XcvrHistory *history, const char *state_dir, GError **error)
{
    g_autofree char *json = NULL;

    g_return_val_if_fail(history != NULL, FALSE);
    g_return_val_if_fail(state_dir != NULL, FALSE);

    if (g_mkdir_with_parents(state_dir, 0755) < 0) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "cannot create %s: %s", state_dir,
                    g_strerror(errno));
        return FALSE;
    }
    json = xcvr_history_to_json(history);
    return xcvr_state_write_file(state_dir, XCVR_HISTORY_FILE, json, strlen(json), NULL, error);
}
