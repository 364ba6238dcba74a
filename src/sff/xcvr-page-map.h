/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-page-map.h: a module's memory as read so far — (I2C address, bank, page) → bytes —
 * with bounds-checked accessors, so no decoder ever indexes past what was read.
 *
 * Addressing follows the specs: offsets 0-127 are the lower page of an I2C address (the
 * same whatever page is selected), offsets 128-255 the selected upper page. SFF-8472's
 * A0h and A2h are I2C addresses 0x50 and 0x51 with upper page 0.
 */
#pragma once

#include <glib.h>
#include <string.h>

#include <xcvrmap/xcvr-page-map.h>

#define XCVR_I2C_A0 0x50
#define XCVR_I2C_A2 0x51
#define XCVR_HALF_PAGE 128

XcvrPageMap *xcvr_page_map_copy(const XcvrPageMap *map);

/* A page map inside another structure (a module's): made empty, filled with a copy of
 * @src, and emptied again before its storage goes. */
void xcvr_page_map_init(XcvrPageMap *map);
void xcvr_page_map_copy_to(const XcvrPageMap *src, XcvrPageMap *dst);
void xcvr_page_map_clear(XcvrPageMap *map);

/* How many bytes of the half page holding @offset were read (0 when none). */
guint xcvr_page_map_valid(const XcvrPageMap *map, guint8 i2c, guint8 bank, guint8 page,
                          guint offset);

typedef struct {
    guint8 i2c;
    guint8 bank;
    guint8 page;     /* 0 for lower halves: the lower page does not depend on the page select */
    gboolean upper;
    guint valid;     /* bytes read, from the start of the half page */
    guint8 data[XCVR_HALF_PAGE];
} XcvrHalfPage;

/* The halves of bank 0's first pages at the two SFF addresses, which are nearly every
 * read, are found by index; the rest (other banks, pages and addresses) by a search. */
#define XCVR_PAGE_MAP_INDEX_PAGES 32

/* Halves held in the map itself: an SFP's A0h and A2h, or a QSFP's lower page and its
 * four upper pages (00h-03h), need no allocation of their own. */
#define XCVR_PAGE_MAP_INLINE_HALVES 8

struct _XcvrPageMap {
    XcvrHalfPage *halves; /* @n_halves of @cap: @inline_halves until more are read */
    guint n_halves;
    guint cap;
    /* Where the indexed halves are in @halves, NULL: not read. [i2c - A0][0] is the lower
     * half, [i2c - A0][1 + page] bank 0's upper page. Pointers, not positions: a lookup is
     * one load, and every decoded value makes one; re-pointed when @halves moves. */
    XcvrHalfPage *index[2][1 + XCVR_PAGE_MAP_INDEX_PAGES];
    XcvrHalfPage inline_halves[XCVR_PAGE_MAP_INLINE_HALVES];
};

static inline gboolean
xcvr_page_map_indexed(guint8 i2c, guint8 bank, guint8 page)
{
    return (i2c == XCVR_I2C_A0 || i2c == XCVR_I2C_A2) && bank == 0 &&
           page < XCVR_PAGE_MAP_INDEX_PAGES;
}

XcvrHalfPage *xcvr_page_map_search(const XcvrPageMap *map, guint8 i2c, guint8 bank,
                                   guint8 page, gboolean upper);

static inline XcvrHalfPage *
xcvr_page_map_find(const XcvrPageMap *map, guint8 i2c, guint8 bank, guint8 page, guint offset)
{
    gboolean upper = offset >= XCVR_HALF_PAGE;

    if (!upper) {
        bank = 0;
        page = 0;
    }
    if (xcvr_page_map_indexed(i2c, bank, page))
        return map->index[i2c - XCVR_I2C_A0][upper ? 1u + page : 0u];
    return xcvr_page_map_search(map, i2c, bank, page, upper);
}

/* Returns the @len bytes at @offset when every one of them was read, else NULL.
 * The range must not cross the lower/upper boundary at 128. */
static inline const guint8 *
xcvr_page_map_get(const XcvrPageMap *map,
                  guint8 i2c,
                  guint8 bank,
                  guint8 page,
                  guint offset,
                  guint len)
{
    const XcvrHalfPage *h;
    guint start = offset % XCVR_HALF_PAGE;

    if (len == 0 || offset > 255 || len > XCVR_HALF_PAGE - start)
        return NULL;
    h = xcvr_page_map_find(map, i2c, bank, page, offset);
    if (h == NULL || start + len > h->valid)
        return NULL;
    return h->data + start;
}

static inline gboolean
xcvr_page_map_get_u8(const XcvrPageMap *map, guint8 i2c, guint8 page, guint offset,
                     guint8 *ret_value)
{
    const guint8 *p = xcvr_page_map_get(map, i2c, 0, page, offset, 1);

    if (p == NULL)
        return FALSE;
    *ret_value = p[0];
    return TRUE;
}

static inline gboolean
xcvr_page_map_get_u16be(const XcvrPageMap *map, guint8 i2c, guint8 page, guint offset,
                        guint16 *ret_value)
{
    const guint8 *p = xcvr_page_map_get(map, i2c, 0, page, offset, 2);

    if (p == NULL)
        return FALSE;
    *ret_value = (guint16)((p[0] << 8) | p[1]);
    return TRUE;
}

static inline gboolean
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

/* Sum of bytes [first, last] modulo 256, the SFF checksum; FALSE when any byte is missing. */
gboolean xcvr_page_map_sum(const XcvrPageMap *map, guint8 i2c, guint8 page, guint first,
                           guint last, guint8 *ret_sum);

/* The reads a plan asks for, in order: a few held in the structure itself, so a decode
 * works out which pages are missing without an allocation. Declare one zeroed
 * (g_auto(XcvrPageRequests) r = { 0 }): adding and clearing take that as empty. */
#define XCVR_PAGE_REQUESTS_INLINE 8

typedef struct {
    XcvrPageRequest *reqs; /* @n of @cap: @inline_reqs until more are asked */
    guint n;
    guint cap;
    XcvrPageRequest inline_reqs[XCVR_PAGE_REQUESTS_INLINE];
} XcvrPageRequests;

void xcvr_page_requests_init(XcvrPageRequests *requests);
void xcvr_page_requests_add(XcvrPageRequests *requests, const XcvrPageRequest *req);
void xcvr_page_requests_clear(XcvrPageRequests *requests);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(XcvrPageRequests, xcvr_page_requests_clear)
