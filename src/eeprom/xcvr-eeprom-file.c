/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-eeprom-file.c: module EEPROM images read from files, with the segment map that says
 * which page each part of the file is (explicit, a sidecar file, or an index.tsv beside it).
 * Every file goes through the bounded host-file reader: a dump, a sidecar or an index that
 * is a FIFO, a device or oversized is an error, never a hang or a silent change of layout.
 */
#include <string.h>

#include <xcvrmap/xcvr-eeprom.h>
#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-page-map.h>

#include "xcvr-eeprom-private.h"

#include "core/xcvr-host-file-private.h"

char *
xcvr_eeprom_index_segments(const char *text, gsize len, const char *rel)
{
    int file_col = -1;
    int seg_col = -1;
    gboolean header = TRUE;
    gsize pos;

    /* line by line with memchr(): g_strsplit() rescans the rest of a long index for each
     * line under sanitizers' strstr() */
    for (pos = 0; pos < len;) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        gsize line_len = nl != NULL ? (gsize)(nl - line) : len - pos;
        g_autofree char *copy = g_strndup(line, line_len);
        g_auto(GStrv) cols = g_strsplit(copy, "\t", -1);
        guint n = g_strv_length(cols);
        guint c;

        pos += line_len + 1;
        if (header) {
            header = FALSE;
            for (c = 0; c < n; c++) {
                if (strcmp(cols[c], "file") == 0)
                    file_col = (int)c;
                else if (strcmp(cols[c], "segments") == 0)
                    seg_col = (int)c;
            }
            if (file_col < 0 || seg_col < 0)
                return NULL;
            continue;
        }
        if ((guint)MAX(file_col, seg_col) < n && strcmp(cols[file_col], rel) == 0)
            return g_strdup(cols[seg_col]);
    }
    return NULL;
}

/* The "segments" column of @index for the row whose "file" column is @rel; NULL with no
 * error when there is no such index or row, NULL with @error when the index is there but
 * is not a regular file that can be read (a FIFO, a device, too large). */
static char *
segments_from_index(const char *index, const char *rel, GError **error)
{
    g_autofree char *text = NULL;
    g_autoptr(GError) local = NULL;
    gsize len = 0;

    if (!xcvr_host_file_read(index, XCVR_HOST_FILE_FOLLOW, XCVR_HOST_FILE_SIDECAR_MAX, 0, &text,
                             &len, &local)) {
        if (!g_error_matches(local, XCVR_ERROR, XCVR_ERROR_NO_DEVICE))
            g_propagate_error(error, g_steal_pointer(&local));
        return NULL;
    }
    return xcvr_eeprom_index_segments(text, len, rel);
}

/* A segment map kept beside @path: NAME.segments, else a row of DIR/index.tsv, else (with
 * @parent_index, for files named on their own, as the shared corpus keeps them) a row of
 * DIR/../index.tsv. NULL with no error when there is none. */
static char *
find_segments(const char *path, gboolean parent_index, GError **error)
{
    g_autofree char *base = g_path_get_basename(path);
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *stem = g_str_has_suffix(path, ".bin")
                                ? g_strndup(path, strlen(path) - strlen(".bin"))
                                : g_strdup(path);
    g_autofree char *sidecar = g_strconcat(stem, ".segments", NULL);
    g_autofree char *index_here = g_build_filename(dir, "index.tsv", NULL);
    g_autoptr(GError) local = NULL;
    GError *index_error = NULL;
    char *seg = NULL;

    if (xcvr_host_file_read(sidecar, XCVR_HOST_FILE_FOLLOW, XCVR_HOST_FILE_SIDECAR_MAX, 0, &seg,
                            NULL, &local))
        return g_strstrip(seg);
    if (!g_error_matches(local, XCVR_ERROR, XCVR_ERROR_NO_DEVICE)) {
        g_propagate_error(error, g_steal_pointer(&local));
        return NULL;
    }
    seg = segments_from_index(index_here, base, &index_error);
    if (seg == NULL && index_error == NULL && parent_index) {
        g_autofree char *parent = g_path_get_dirname(dir);
        g_autofree char *dirname = g_path_get_basename(dir);
        g_autofree char *index_up = g_build_filename(parent, "index.tsv", NULL);
        g_autofree char *rel_up = g_build_filename(dirname, base, NULL);

        seg = segments_from_index(index_up, rel_up, &index_error);
    }
    if (index_error != NULL)
        g_propagate_error(error, index_error);
    return seg;
}

static XcvrModule *
decode_file(const char *path, const char *segments, gboolean parent_index,
            XcvrDecodeFlags flags, GError **error)
{
    g_autofree char *data = NULL;
    g_autofree char *found = NULL;
    g_autoptr(XcvrPageMap) map = NULL;
    g_autoptr(GError) local = NULL;
    gboolean is_short = FALSE;
    gsize len = 0;

    /* a dump that is a FIFO or a device is a read error (io), never an empty cage */
    if (!xcvr_host_file_read(path, XCVR_HOST_FILE_FOLLOW, XCVR_HOST_FILE_DUMP_MAX, 0, &data,
                             &len, &local)) {
        /* an image that is not there is a file that cannot be read (io), not a missing
         * device: no-device is for interfaces (the dump directory says no-dump itself) */
        if (g_error_matches(local, XCVR_ERROR, XCVR_ERROR_NO_DEVICE))
            local->code = XCVR_ERROR_IO;
        g_propagate_error(error, g_steal_pointer(&local));
        return NULL;
    }
    if (segments == NULL) {
        segments = found = find_segments(path, parent_index, &local);
        if (local != NULL) {
            g_propagate_prefixed_error(error, g_steal_pointer(&local), "segment map of %s: ",
                                       path);
            return NULL;
        }
    }
    if (segments == NULL)
        return xcvr_module_decode((const guint8 *)data, len, XCVR_FAMILY_UNKNOWN, flags, error);

    map = xcvr_page_map_new_from_image((const guint8 *)data, len, segments, &is_short, error);
    if (map == NULL) {
        g_prefix_error(error, "segment map of %s: ", path);
        return NULL;
    }
    if (is_short && (flags & XCVR_DECODE_STRICT) != 0) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_TRUNCATED,
                    "%s holds %" G_GSIZE_FORMAT " bytes, fewer than its segment map (%s) says",
                    path, len, segments);
        return NULL;
    }
    return xcvr_module_decode_map(map, XCVR_FAMILY_UNKNOWN, flags, error);
}

XcvrModule *
xcvr_eeprom_file_decode(const char *path,
                        const char *segments,
                        XcvrDecodeFlags flags,
                        GError **error)
{
    g_return_val_if_fail(path != NULL, NULL);

    return decode_file(path, segments, TRUE, flags, error);
}

XcvrModule *
xcvr_eeprom_dir_file_decode(const char *dir, const char *file, XcvrDecodeFlags flags,
                            GError **error)
{
    g_autofree char *path = NULL;

    g_return_val_if_fail(dir != NULL, NULL);
    g_return_val_if_fail(file != NULL, NULL);

    path = g_build_filename(dir, file, NULL);
    return decode_file(path, NULL, FALSE, flags, error);
}
