/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xcvr-page-map.c: bounds-checked storage of module memory, keyed by (i2c, bank, page). */
#include "sff/xcvr-page-map.h"

#include <string.h>

typedef struct {
    guint8 i2c;
    guint8 bank;
    guint8 page;     /* 0 for lower halves: the lower page does not depend on the page select */
    gboolean upper;
    guint valid;     /* bytes read, from the start of the half page */
    guint8 data[XCVR_HALF_PAGE];
} XcvrHalfPage;

/* Half pages of bank 0 at the two SFF addresses, which is nearly every read, are found by
 * index; the rest (other banks, other addresses) by a search of @halves. */
#define XCVR_PAGE_MAP_INDEXED(i2c, bank) \
    (((i2c) == XCVR_I2C_A0 || (i2c) == XCVR_I2C_A2) && (bank) == 0)

struct _XcvrPageMap {
    GArray *halves;        /* XcvrHalfPage */
    guint32 lower[2];      /* [i2c - A0]: 1 + index in @halves of the lower half, 0: none */
    guint32 upper[2][256]; /* [i2c - A0][page]: the same for bank 0's upper halves */
};

XcvrPageMap *
xcvr_page_map_new(void)
{
    XcvrPageMap *map = g_new0(XcvrPageMap, 1);

    /* an SFP's A0h and A2h, or a QSFP's lower page and a few upper pages */
    map->halves = g_array_sized_new(FALSE, TRUE, sizeof(XcvrHalfPage), 4);
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

XcvrPageMap *
xcvr_page_map_copy(const XcvrPageMap *map)
{
    XcvrPageMap *copy = g_new(XcvrPageMap, 1);

    memcpy(copy, map, sizeof(*copy));
    copy->halves = g_array_sized_new(FALSE, TRUE, sizeof(XcvrHalfPage), map->halves->len);
    g_array_append_vals(copy->halves, map->halves->data, map->halves->len);
    return copy;
}

static XcvrHalfPage *
xcvr_page_map_find(const XcvrPageMap *map, guint8 i2c, guint8 bank, guint8 page, guint offset)
{
    gboolean upper = offset >= XCVR_HALF_PAGE;
    guint i;

    if (!upper) {
        bank = 0;
        page = 0;
    }
    if (XCVR_PAGE_MAP_INDEXED(i2c, bank)) {
        guint at = upper ? map->upper[i2c - XCVR_I2C_A0][page] : map->lower[i2c - XCVR_I2C_A0];

        return at != 0 ? &g_array_index(map->halves, XcvrHalfPage, at - 1u) : NULL;
    }
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

        g_array_append_val(map->halves, fresh);
        h = &g_array_index(map->halves, XcvrHalfPage, map->halves->len - 1);
        if (XCVR_PAGE_MAP_INDEXED(i2c, fresh.bank)) {
            if (fresh.upper)
                map->upper[i2c - XCVR_I2C_A0][page] = map->halves->len;
            else
                map->lower[i2c - XCVR_I2C_A0] = map->halves->len;
        }
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

const guint8 *
xcvr_page_map_get(const XcvrPageMap *map,
                  guint8 i2c,
                  guint8 bank,
                  guint8 page,
                  guint offset,
                  guint len)
{
    const XcvrHalfPage *h;
    guint start;

    if (len == 0 || offset > 255 || len > 256 - offset)
        return NULL;
    start = offset % XCVR_HALF_PAGE;
    if (start + len > XCVR_HALF_PAGE)
        return NULL;
    h = xcvr_page_map_find(map, i2c, bank, page, offset);
    if (h == NULL || start + len > h->valid)
        return NULL;
    return h->data + start;
}

gboolean
xcvr_page_map_get_u8(const XcvrPageMap *map, guint8 i2c, guint8 page, guint offset,
                     guint8 *ret_value)
{
    const guint8 *p = xcvr_page_map_get(map, i2c, 0, page, offset, 1);

    if (p == NULL)
        return FALSE;
    *ret_value = p[0];
    return TRUE;
}

gboolean
xcvr_page_map_get_u16be(const XcvrPageMap *map, guint8 i2c, guint8 page, guint offset,
                        guint16 *ret_value)
{
    const guint8 *p = xcvr_page_map_get(map, i2c, 0, page, offset, 2);

    if (p == NULL)
        return FALSE;
    *ret_value = (guint16)((p[0] << 8) | p[1]);
    return TRUE;
}

gboolean
xcvr_page_map_get_f32be(const XcvrPageMap *map, guint8 i2c, guint8 page, guint offset,
                        float *ret_value)
{
    const guint8 *p = xcvr_page_map_get(map, i2c, 0, page, offset, 4);
    guint32 bits;
    float f;

    if (p == NULL)
        return FALSE;
    bits = ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
    G_STATIC_ASSERT(sizeof(f) == sizeof(bits));
    memcpy(&f, &bits, sizeof(f));
    *ret_value = f;
    return TRUE;
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
