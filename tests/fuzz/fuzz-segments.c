/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz-segments.c: fuzz target for the segment-map parser (`--segments`, NAME.segments and
 * index.tsv's segments column: "LABEL@OFFSET+LENGTH …"): the blob's first line is the map,
 * the rest the image it places; a map that parses is then decoded page by page.
 *
 * Refusals are expected; the target aborts only on a broken contract: a failure without a
 * GError or a success with one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl = memchr(data, '\n', size);
    gsize map_len = nl != NULL ? (gsize)(nl - data) : size;
    g_autofree char *segments = g_strndup((const char *)data, map_len);
    const guint8 *image = data + MIN(map_len + 1, size);
    gsize image_len = size - MIN(map_len + 1, size);
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrPageMap) map = NULL;
    g_autoptr(XcvrModule) module = NULL;
    gboolean is_short = FALSE;

    map = xcvr_page_map_new_from_image(image, image_len, segments, &is_short, &error);
    if ((map == NULL) != (error != NULL))
        abort();
    if (map == NULL)
        return 0;
    /* with VDM: a superset of the plain decode, so the VDM pages of a map are reached too */
    module = xcvr_module_decode_map(map, XCVR_FAMILY_UNKNOWN, XCVR_DECODE_VDM, &error);
    if ((module == NULL) != (error != NULL))
        abort();
    return 0;
}
