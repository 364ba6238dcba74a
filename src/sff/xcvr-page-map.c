/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xcvr-page-map.c: bounds-checked storage of module memory, keyed by (i2c, bank, page). */
#include "sff/xcvr-page-map.h"

#include <string.h>

/* An empty map: nothing read, room for the usual halves in itself. Only the header is
 * cleared; a half's bytes are written when it is added. */
void
xcvr_page_map_init(XcvrPageMap *map)
{
    map->halves = map->inline_halves;
    map->n_halves = 0;
    map->cap = XCVR_PAGE_MAP_INLINE_HALVES;
    memset(map->index, 0, sizeof(map->index));
}

XcvrPageMap *
xcvr_page_map_new(void)
{
    XcvrPageMap *map = g_malloc(sizeof(*map));

    xcvr_page_map_init(map);
    return map;
}

void
xcvr_page_map_clear(XcvrPageMap *map)
{
    if (map->halves != map->inline_halves)
        g_free(map->halves);
    xcvr_page_map_init(map);
}

void
xcvr_page_map_free(XcvrPageMap *map)
{
    if (map == NULL)
        return;
    xcvr_page_map_clear(map);
    g_free(map);
}

/* Points the index at every indexed half: after @halves moved, or in a copy. */
static void
xcvr_page_map_reindex(XcvrPageMap *map)
{
    guint i;

    memset(map->index, 0, sizeof(map->index));
    for (i = 0; i < map->n_halves; i++) {
        XcvrHalfPage *h = &map->halves[i];

        if (xcvr_page_map_indexed(h->i2c, h->bank, h->page))
            map->index[h->i2c - XCVR_I2C_A0][h->upper ? 1u + h->page : 0u] = h;
    }
}

/* Room for one more half; the halves move (and are re-indexed) past the inline ones. */
static void
xcvr_page_map_reserve(XcvrPageMap *map)
{
    guint cap;
    XcvrHalfPage *halves;

    if (map->n_halves < map->cap)
        return;
    /* a module has at most 2 addresses x 256 banks x 256 pages x 2 halves */
    g_assert(map->cap <= G_MAXUINT / 2);
    cap = map->cap * 2;
    halves = g_new(XcvrHalfPage, cap);
    memcpy(halves, map->halves, (gsize)map->n_halves * sizeof(XcvrHalfPage));
    if (map->halves != map->inline_halves)
        g_free(map->halves);
    map->halves = halves;
    map->cap = cap;
    xcvr_page_map_reindex(map);
}

void
xcvr_page_map_copy_to(const XcvrPageMap *src, XcvrPageMap *dst)
{
    xcvr_page_map_clear(dst);
    if (src->n_halves > dst->cap) {
        dst->halves = g_new(XcvrHalfPage, src->n_halves);
        dst->cap = src->n_halves;
    }
    memcpy(dst->halves, src->halves, (gsize)src->n_halves * sizeof(XcvrHalfPage));
    dst->n_halves = src->n_halves;
    xcvr_page_map_reindex(dst);
}

XcvrPageMap *
xcvr_page_map_copy(const XcvrPageMap *map)
{
    XcvrPageMap *copy = g_malloc(sizeof(*copy));

    xcvr_page_map_init(copy);
    xcvr_page_map_copy_to(map, copy);
    return copy;
}

XcvrHalfPage *
xcvr_page_map_search(const XcvrPageMap *map, guint8 i2c, guint8 bank, guint8 page, gboolean upper)
{
    guint i;

    for (i = 0; i < map->n_halves; i++) {
        XcvrHalfPage *h = &map->halves[i];

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
        xcvr_page_map_reserve(map);
        h = &map->halves[map->n_halves++];
        h->i2c = i2c;
        h->bank = offset != 0 ? bank : 0;
        h->page = offset != 0 ? page : 0;
        h->upper = offset != 0;
        h->valid = 0;
        /* bytes past what was read read as 0, as ever (the cache's patch compares them) */
        if (len < XCVR_HALF_PAGE)
            memset(h->data + len, 0, XCVR_HALF_PAGE - len);
        if (xcvr_page_map_indexed(i2c, h->bank, h->page))
            map->index[i2c - XCVR_I2C_A0][h->upper ? 1u + h->page : 0u] = h;
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
    guint64 lanes = 0;
    guint sum = 0;
    guint i;

    if (last < first)
        return FALSE;
    p = xcvr_page_map_get(map, i2c, 0, page, first, last - first + 1);
    if (p == NULL)
        return FALSE;
    /* eight bytes at a time: each byte into its own 16-bit lane, lanes added up at the end
     * (at most 128 bytes: no lane overflows) */
    for (i = 0; i + 8 <= last - first + 1; i += 8) {
        guint64 w;

        memcpy(&w, p + i, sizeof(w));
        lanes += (w & G_GUINT64_CONSTANT(0x00ff00ff00ff00ff)) +
                 ((w >> 8) & G_GUINT64_CONSTANT(0x00ff00ff00ff00ff));
    }
    sum = (guint)((lanes & 0xffff) + ((lanes >> 16) & 0xffff) + ((lanes >> 32) & 0xffff) +
                  (lanes >> 48));
    for (; i <= last - first; i++)
        sum += p[i];
    *ret_sum = (guint8)(sum & 0xff);
    return TRUE;
}

void
xcvr_page_requests_init(XcvrPageRequests *requests)
{
    requests->reqs = requests->inline_reqs;
    requests->n = 0;
    requests->cap = G_N_ELEMENTS(requests->inline_reqs);
}

void
xcvr_page_requests_add(XcvrPageRequests *requests, const XcvrPageRequest *req)
{
    if (requests->reqs == NULL)
        xcvr_page_requests_init(requests);
    if (requests->n == requests->cap) {
        /* a plan asks for at most a few dozen pages (CMIS: four banks, VDM groups) */
        guint cap = requests->cap * 2;
        XcvrPageRequest *reqs = g_new(XcvrPageRequest, cap);

        g_assert(requests->cap <= G_MAXUINT / 2);
        memcpy(reqs, requests->reqs, requests->n * sizeof(XcvrPageRequest));
        if (requests->reqs != requests->inline_reqs)
            g_free(requests->reqs);
        requests->reqs = reqs;
        requests->cap = cap;
    }
    requests->reqs[requests->n++] = *req;
}

void
xcvr_page_requests_clear(XcvrPageRequests *requests)
{
    /* a zeroed list (= { 0 }) is empty too: nothing of it was allocated */
    if (requests->reqs != requests->inline_reqs)
        g_free(requests->reqs);
    xcvr_page_requests_init(requests);
}
