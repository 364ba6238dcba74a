/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-eeprom-cache.c: what a poll of an unchanged module needs to read. ID fields,
 * thresholds, calibration and application tables do not change while a module stays
 * seated, so they are read once; each poll then reads the monitors, flags and states
 * (SFF-8472 A2h 96-117; SFF-8636 lower bytes 0-14, 22-27, 34-57; CMIS lower bytes 0-3 and
 * 8-25 and, per bank read, page 11h 128-152 and the advertised lane monitors of 154-201)
 * and patches them into the cached page map. A swap is caught by the identifier and by the
 * checksum byte over the serial number and date code (one byte where the serial is 16); a
 * link event, which a swap causes, makes the watch forget the module as well.
 */
#include <string.h>

#include "eeprom/xcvr-eeprom-cache-private.h"

#include "sff/xcvr-page-map.h"

typedef struct {
    XcvrEepromSource source;
    XcvrFamily family;
    XcvrPageMap *map;
} Entry;

struct _XcvrEepromCache {
    gint refs;
    GMutex lock;
    GHashTable *entries; /* ifname -> Entry */
};

static void
entry_free(gpointer data)
{
    Entry *e = data;

    xcvr_page_map_free(e->map);
    g_free(e);
}

XcvrEepromCache *
xcvr_eeprom_cache_new(void)
{
    XcvrEepromCache *cache = g_new0(XcvrEepromCache, 1);

    cache->refs = 1;
    g_mutex_init(&cache->lock);
    cache->entries = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, entry_free);
    return cache;
}

XcvrEepromCache *
xcvr_eeprom_cache_ref(XcvrEepromCache *cache)
{
    g_atomic_int_inc(&cache->refs);
    return cache;
}

void
xcvr_eeprom_cache_unref(XcvrEepromCache *cache)
{
    if (cache == NULL || !g_atomic_int_dec_and_test(&cache->refs))
        return;
    g_hash_table_unref(cache->entries);
    g_mutex_clear(&cache->lock);
    g_free(cache);
}

void
xcvr_eeprom_cache_invalidate(XcvrEepromCache *cache, const char *ifname)
{
    g_mutex_lock(&cache->lock);
    if (ifname != NULL)
        g_hash_table_remove(cache->entries, ifname);
    else
        g_hash_table_remove_all(cache->entries);
    g_mutex_unlock(&cache->lock);
}

void
xcvr_eeprom_cache_store(XcvrEepromCache *cache, const char *ifname, XcvrEepromSource source,
                        XcvrFamily family, const XcvrPageMap *map)
{
    Entry *e = g_new0(Entry, 1);

    e->source = source;
    e->family = family;
    e->map = xcvr_page_map_copy(map);
    g_mutex_lock(&cache->lock);
    g_hash_table_insert(cache->entries, g_strdup(ifname), e);
    g_mutex_unlock(&cache->lock);
}

static gboolean
have_half(const XcvrPageMap *map, guint8 i2c, guint8 bank, guint8 page, guint offset)
{
    return xcvr_page_map_valid(map, i2c, bank, page, offset) == XCVR_HALF_PAGE;
}

static void
add_span(GArray *spans, guint8 i2c, guint8 bank, guint8 page, guint first, guint last,
         gboolean sentinel)
{
    XcvrEepromSpan s = {
        .req = { .i2c = i2c, .bank = bank, .page = page, .offset = (guint8)first,
                 .length = (guint8)(last - first + 1) },
        .sentinel = sentinel,
    };

    g_array_append_val(spans, s);
}

/* SFF-8472 Table 4-1 and §9: the identifier, CC_EXT (byte 95, over the serial number and
 * date code), and the A2h real-time diagnostics, status and alarm/warning flags when A2h
 * was read at all. */
static void
plan_sff8472(const XcvrPageMap *map, GArray *spans)
{
    add_span(spans, XCVR_I2C_A0, 0, 0, 0, 0, TRUE);
    if (xcvr_page_map_valid(map, XCVR_I2C_A0, 0, 0, 0) > 95)
        add_span(spans, XCVR_I2C_A0, 0, 0, 95, 95, TRUE);
    if (have_half(map, XCVR_I2C_A2, 0, 0, 0))
        add_span(spans, XCVR_I2C_A2, 0, 0, 96, 117, FALSE);
}

/* SFF-8636 Tables 6-2 to 6-8: identifier and status (data not ready), the interrupt flags,
 * the free-side monitors and the channel monitors; page 00h CC_EXT (byte 223, over the
 * serial number and date code). */
static void
plan_sff8636(const XcvrPageMap *map, GArray *spans)
{
    add_span(spans, XCVR_I2C_A0, 0, 0, 0, 2, TRUE);
    add_span(spans, XCVR_I2C_A0, 0, 0, 3, 14, FALSE);
    add_span(spans, XCVR_I2C_A0, 0, 0, 22, 27, FALSE);
    add_span(spans, XCVR_I2C_A0, 0, 0, 34, 57, FALSE);
    if (have_half(map, XCVR_I2C_A0, 0, 0, XCVR_HALF_PAGE))
        add_span(spans, XCVR_I2C_A0, 0, 0, 223, 223, TRUE);
}

/* CMIS 5 Tables 8-4 to 8-10 and 8-76 to 8-94: identifier to module state, the module flags
 * and monitors; per bank, the data-path states (a change means a reconfiguration: read in
 * full), the lane flags, and the lane monitors page 01h byte 160 advertises. */
static void
plan_cmis(const XcvrPageMap *map, GArray *spans)
{
    guint8 adv = 0x07;
    guint bank;

    add_span(spans, XCVR_I2C_A0, 0, 0, 0, 3, TRUE);
    add_span(spans, XCVR_I2C_A0, 0, 0, 8, 25, FALSE);
    /* page 00h byte 222: the checksum over 128-221, the serial number among them */
    if (have_half(map, XCVR_I2C_A0, 0, 0, XCVR_HALF_PAGE))
        add_span(spans, XCVR_I2C_A0, 0, 0, 222, 222, TRUE);
    (void)xcvr_page_map_get_u8(map, XCVR_I2C_A0, 0x01, 160, &adv);
    for (bank = 0; bank < 4; bank++) {
        /* tx power 154-169 (bit 1), bias 170-185 (bit 0), rx power 186-201 (bit 2) */
        static const struct { guint8 bit; guint first; } mon[] = {
            { 0x02, 154 }, { 0x01, 170 }, { 0x04, 186 },
        };
        guint first = 0;
        guint i;

        if (!have_half(map, XCVR_I2C_A0, (guint8)bank, 0x11, XCVR_HALF_PAGE))
            continue;
        add_span(spans, XCVR_I2C_A0, (guint8)bank, 0x11, 128, 131, TRUE);
        add_span(spans, XCVR_I2C_A0, (guint8)bank, 0x11, 132, 152, FALSE);
        for (i = 0; i <= G_N_ELEMENTS(mon); i++) {
            gboolean on = i < G_N_ELEMENTS(mon) && (adv & mon[i].bit) != 0;

            if (on && first == 0)
                first = mon[i].first;
            if (!on && first != 0) {
                add_span(spans, XCVR_I2C_A0, (guint8)bank, 0x11, first, 154 + 16 * i - 1, FALSE);
                first = 0;
            }
        }
    }
}

XcvrPageMap *
xcvr_eeprom_cache_begin(XcvrEepromCache *cache, const char *ifname, XcvrEepromSource source,
                        XcvrFamily *ret_family, GArray *ret_spans)
{
    XcvrPageMap *map = NULL;
    Entry *e;

    g_mutex_lock(&cache->lock);
    e = g_hash_table_lookup(cache->entries, ifname);
    if (e != NULL && e->source == source && have_half(e->map, XCVR_I2C_A0, 0, 0, 0)) {
        map = xcvr_page_map_copy(e->map);
        *ret_family = e->family;
    }
    g_mutex_unlock(&cache->lock);
    if (map == NULL)
        return NULL;
    g_array_set_size(ret_spans, 0);
    switch (*ret_family) {
    case XCVR_FAMILY_SFF8472:
        plan_sff8472(map, ret_spans);
        break;
    case XCVR_FAMILY_SFF8636:
        plan_sff8636(map, ret_spans);
        break;
    case XCVR_FAMILY_CMIS:
        plan_cmis(map, ret_spans);
        break;
    default:
        add_span(ret_spans, XCVR_I2C_A0, 0, 0, 0, 0, TRUE);
        break;
    }
    return map;
}

gboolean
xcvr_eeprom_cache_patch(XcvrPageMap *map, const XcvrEepromSpan *span, const guint8 *buf)
{
    const XcvrPageRequest *req = &span->req;
    XcvrHalfPage *h = xcvr_page_map_find(map, req->i2c, req->bank, req->page, req->offset);
    guint at = req->offset % XCVR_HALF_PAGE;

    if (h == NULL || at + req->length > XCVR_HALF_PAGE)
        return FALSE;
    if (span->sentinel && memcmp(h->data + at, buf, req->length) != 0)
        return FALSE;
    memcpy(h->data + at, buf, req->length);
    return TRUE;
}
