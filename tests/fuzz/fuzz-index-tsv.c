/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz-index-tsv.c: fuzz target for the index.tsv reader of `--eeprom-dir` and
 * `module --file` (the "segments" column of the row naming a dump): the blob's first line
 * is the dump's name, the rest the index. A segments cell it finds is then parsed as a
 * segment map over a 640-byte image, as the dump reader does.
 *
 * The target aborts only on a broken contract: a cell holding a tab or a newline, or a
 * segment-map failure without a GError (or a success with one).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

#include "eeprom/xcvr-eeprom-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const guint8 image[640];
    const uint8_t *nl = memchr(data, '\n', size);
    gsize name_len = nl != NULL ? (gsize)(nl - data) : size;
    g_autofree char *name = g_strndup((const char *)data, name_len);
    const char *index = (const char *)data + MIN(name_len + 1, size);
    gsize index_len = size - MIN(name_len + 1, size);
    g_autofree char *segments = xcvr_eeprom_index_segments(index, index_len, name);
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrPageMap) map = NULL;
    gboolean is_short = FALSE;

    if (segments == NULL)
        return 0;
    if (strchr(segments, '\t') != NULL || strchr(segments, '\n') != NULL)
        abort();
    map = xcvr_page_map_new_from_image(image, sizeof image, segments, &is_short, &error);
    if ((map == NULL) != (error != NULL))
        abort();
    return 0;
}
