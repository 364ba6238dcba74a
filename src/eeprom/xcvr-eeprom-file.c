/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-eeprom-file.c: module EEPROM images read from files, with the segment map that says
 * which page each part of the file is (explicit, a sidecar file, or an index.tsv beside it).
 */
#include <string.h>

#include <xcvrmap/xcvr-eeprom.h>
#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-page-map.h>

/* The "segments" column of @index for the row whose "file" column is @rel. */
static char *
segments_from_index(const char *index, const char *rel)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    int file_col = -1;
    int seg_col = -1;
    guint i;

    if (!g_file_get_contents(index, &text, NULL, NULL))
        return NULL;
    lines = g_strsplit(text, "\n", -1);
    for (i = 0; lines[i] != NULL; i++) {
        g_auto(GStrv) cols = g_strsplit(lines[i], "\t", -1);
        guint n = g_strv_length(cols);
        guint c;

        if (i == 0) {
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

/* A segment map kept beside @path, or NULL. */
static char *
find_segments(const char *path)
{
    g_autofree char *base = g_path_get_basename(path);
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *parent = g_path_get_dirname(dir);
    g_autofree char *dirname = g_path_get_basename(dir);
    g_autofree char *stem = g_str_has_suffix(path, ".bin")
                                ? g_strndup(path, strlen(path) - strlen(".bin"))
                                : g_strdup(path);
    g_autofree char *sidecar = g_strconcat(stem, ".segments", NULL);
    g_autofree char *index_here = g_build_filename(dir, "index.tsv", NULL);
    g_autofree char *index_up = g_build_filename(parent, "index.tsv", NULL);
    g_autofree char *rel_up = g_build_filename(dirname, base, NULL);
    char *seg = NULL;

    if (g_file_get_contents(sidecar, &seg, NULL, NULL))
        return g_strstrip(seg);
    seg = segments_from_index(index_here, base);
    if (seg == NULL)
        seg = segments_from_index(index_up, rel_up);
    return seg;
}

XcvrModule *
xcvr_eeprom_file_decode(const char *path,
                        const char *segments,
                        XcvrDecodeFlags flags,
                        GError **error)
{
    g_autofree char *data = NULL;
    g_autofree char *found = NULL;
    g_autoptr(XcvrPageMap) map = NULL;
    gboolean is_short = FALSE;
    gsize len = 0;

    g_return_val_if_fail(path != NULL, NULL);

    if (!g_file_get_contents(path, &data, &len, error))
        return NULL;
    if (segments == NULL)
        segments = found = find_segments(path);
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
