/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xcvr-page-map.c: bounds-checked storage of module memory, keyed by (i2c, bank, page). */
#include "sff/xcvr-page-map.h"

#include <string.h>

XcvrPageMap *
xcvr_page_map_new(void)
{
    XcvrPageMap *map = g_new0(XcvrPageMap, 1);

    /* an SFP's A0h and A2h, or a QSFP's lower page and its four upper pages (00h-03h):
     * room for them all, so reading them never moves the halves */
    map->halves = g_array_sized_new(FALSE, TRUE, sizeof(XcvrHalfPage), 8);
    return map;
}

void
xcvr_page_map_free(XcvrPageMap *map)
{
    if (map == NULL)
        return;
    g_array_unref(map->halves);
    g_free(map);
}

/* Points the index at every indexed half: after @halves moved, or in a copy. */
static void
xcvr_page_map_reindex(XcvrPageMap *map)
{
    guint i;

    memset(map->index, 0, sizeof(map->index));
    for (i = 0; i < map->halves->len; i++) {
        XcvrHalfPage *h = &g_array_index(map->halves, XcvrHalfPage, i);

        if (xcvr_page_map_indexed(h->i2c, h->bank, h->page))
            map->index[h->i2c - XCVR_I2C_A0][h->upper ? 1u + h->page : 0u] = h;
    }
}

XcvrPageMap *
xcvr_page_map_copy(const XcvrPageMap *map)
{
    XcvrPageMap *copy = g_new0(XcvrPageMap, 1);

    copy->halves = g_array_sized_new(FALSE, TRUE, sizeof(XcvrHalfPage), map->halves->len);
    g_array_append_vals(copy->halves, map->halves->data, map->halves->len);
    xcvr_page_map_reindex(copy);
    return copy;
}

XcvrHalfPage *
xcvr_page_map_search(const XcvrPageMap *map, guint8 i2c, guint8 bank, guint8 page, gboolean upper)
{
    guint i;

    for (i = 0; i < map->halves->len; i++) {
        XcvrHalfPage *h = &g_array_index(map->halves, XcvrHalfPage, i);

        if (h->i2c == i2c && h->bank == bank && h->page == page && h->upper == upper)
            return h;
    }
    return NULL;
}

void
xcvr_page_map_add(XcvrPageMap *map,
                  guint8 i2c,
                  guint8 bank,
                  guint8 page,
                  guint offset,
                  const guint8 *data,
                  gsize len)
{
    XcvrHalfPage *h;

    g_return_if_fail(map != NULL);
    g_return_if_fail(offset == 0 || offset == XCVR_HALF_PAGE);
    g_return_if_fail(len <= XCVR_HALF_PAGE);

    h = xcvr_page_map_find(map, i2c, bank, page, offset);
    if (h == NULL) {
        XcvrHalfPage fresh = {
            .i2c = i2c,
            .bank = offset != 0 ? bank : 0,
            .page = offset != 0 ? page : 0,
            .upper = offset != 0,
        };
        const gchar *before = map->halves->data;

        g_array_append_val(map->halves, fresh);
        h = &g_array_index(map->halves, XcvrHalfPage, map->halves->len - 1);
        if (map->halves->data != before)
            xcvr_page_map_reindex(map);
        else if (xcvr_page_map_indexed(i2c, fresh.bank, fresh.page))
            map->index[i2c - XCVR_I2C_A0][fresh.upper ? 1u + fresh.page : 0u] = h;
    }
    memcpy(h->data, data, len);
    h->valid = MAX(h->valid, (guint)len);
}

guint
xcvr_page_map_valid(const XcvrPageMap *map, guint8 i2c, guint8 bank, guint8 page, guint offset)
{
    const XcvrHalfPage *h = xcvr_page_map_find(map, i2c, bank, page, offset);

    return h != NULL ? h->valid : 0;
}

gboolean
xcvr_page_map_sum(const XcvrPageMap *map, guint8 i2c, guint8 page, guint first, guint last,
                  guint8 *ret_sum)
{
    const guint8 *p;
    guint sum = 0;
    guint i;

    if (last < first)
        return FALSE;
    p = xcvr_page_map_get(map, i2c, 0, page, first, last - first + 1);
    if (p == NULL)
        return FALSE;
    for (i = 0; i <= last - first; i++)
        sum += p[i];
    *ret_sum = (guint8)(sum & 0xff);
    return TRUE;
}
