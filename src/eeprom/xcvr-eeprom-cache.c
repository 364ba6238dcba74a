/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-eeprom-cache.c: what a poll of an unchanged module needs to read. ID fields,
 * thresholds, calibration, masks and application tables do not change while a module
 * stays seated, so they are read once; each poll then reads the monitors and states
 * (SFF-8472 A2h 96-117; SFF-8636 lower bytes 0-2, 22-23, 26-27, 34-57; CMIS lower bytes
 * 0-3 and 12-25 and, per bank read, page 11h 128-133 and the advertised lane monitors of
 * 154-201) and patches them into the cached page map. The latched flags (SFF-8636 3-14,
 * CMIS 8-11 and page 11h 134-152) are read only when the module's interrupt says one is
 * set: SFF-8636 and CMIS assert it while any unmasked flag is latched, so a quiet module
 * costs no flag bytes. That shortcut is taken only where it is sound: every mask over
 * those flags clear, and the full read not showing a latched flag beside a deasserted
 * interrupt (a module that does not drive its interrupt status). With VDM asked for, the
 * samples and flags of the VDM instances in use are read too (pages 24h-27h, 2Ch). A swap
 * is caught by the identifier and by the checksum byte over the serial number and date
 * code (one byte where the serial is 16); a link event, which a swap causes, makes the
 * watch forget the module as well.
 */
#include <string.h>

#include "eeprom/xcvr-eeprom-cache-private.h"

#include "sff/xcvr-page-map.h"

/* The interrupt status bits (SFF-8636 byte 2 bit 1, IntL, low when asserted; CMIS byte 3
 * bit 0, InterruptDeasserted): they may change between polls of one module. */
#define SFF8636_STATUS 2
#define SFF8636_INTL 0x02
#define CMIS_STATUS 3
#define CMIS_INT_DEASSERTED 0x01

typedef struct {
    XcvrEepromSource source;
    XcvrFamily family;
    XcvrDecodeFlags flags; /* what the full read was made for */
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
                        XcvrFamily family, XcvrDecodeFlags flags, const XcvrPageMap *map)
{
    Entry *e = g_new0(Entry, 1);

    e->source = source;
    e->family = family;
    e->flags = flags;
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
         XcvrSpanKind kind, guint8 volatile_last)
{
    XcvrEepromSpan s = {
        .req = { .i2c = i2c, .bank = bank, .page = page, .offset = (guint8)first,
                 .length = (guint8)(last - first + 1) },
        .kind = kind,
        .volatile_last = volatile_last,
    };

    g_array_append_val(spans, s);
}

/* TRUE when every one of @map's bytes @first-@last (of one half page) was read and is 0;
 * FALSE when one is set or was not read. */
static gboolean
all_zero(const XcvrPageMap *map, guint8 bank, guint8 page, guint first, guint last)
{
    const guint8 *p = xcvr_page_map_get(map, XCVR_I2C_A0, bank, page, first, last - first + 1);
    guint i;

    if (p == NULL)
        return FALSE;
    for (i = 0; i <= last - first; i++) {
        if (p[i] != 0)
            return FALSE;
    }
    return TRUE;
}

/* SFF-8472 Table 4-1 and §9: the identifier, CC_EXT (byte 95, over the serial number and
 * date code), and the A2h real-time diagnostics, status and alarm/warning flags when A2h
 * was read at all. */
static void
plan_sff8472(const XcvrPageMap *map, GArray *spans)
{
    add_span(spans, XCVR_I2C_A0, 0, 0, 0, 0, XCVR_SPAN_SENTINEL, 0);
    if (xcvr_page_map_valid(map, XCVR_I2C_A0, 0, 0, 0) > 95)
        add_span(spans, XCVR_I2C_A0, 0, 0, 95, 95, XCVR_SPAN_SENTINEL, 0);
    if (have_half(map, XCVR_I2C_A2, 0, 0, 0))
        add_span(spans, XCVR_I2C_A2, 0, 0, 96, 117, XCVR_SPAN_DATA, 0);
}

/* SFF-8636 §6.2.3 and Table 6-2: IntL (byte 2 bit 1) is low while any unmasked flag of
 * bytes 3-14 is latched. Masks: lower bytes 100-104 (LOS, Tx fault and adaptive EQ, CDR
 * LOL, temperature, Vcc; Table 6-12) and page 03h 242-247 (Rx power, Tx bias, Tx power;
 * Table 6-28). */
static gboolean
sff8636_interrupt_sound(const XcvrPageMap *map)
{
    if (!all_zero(map, 0, 0, 100, 104))
        return FALSE;
    if (have_half(map, XCVR_I2C_A0, 0, 0x03, XCVR_HALF_PAGE) && !all_zero(map, 0, 0x03, 242, 247))
        return FALSE;
    return xcvr_eeprom_cache_interrupt_pending(map, XCVR_FAMILY_SFF8636) ||
           all_zero(map, 0, 0, 3, 14);
}

/* SFF-8636 Tables 6-2 to 6-8: identifier and status (data not ready; IntL may change), the
 * interrupt flags, the free-side monitors (temperature, Vcc) and the channel monitors;
 * page 00h CC_EXT (byte 223, over the serial number and date code). */
static void
plan_sff8636(const XcvrPageMap *map, GArray *spans)
{
    add_span(spans, XCVR_I2C_A0, 0, 0, 0, SFF8636_STATUS, XCVR_SPAN_SENTINEL, SFF8636_INTL);
    add_span(spans, XCVR_I2C_A0, 0, 0, 3, 14,
             sff8636_interrupt_sound(map) ? XCVR_SPAN_FLAGS : XCVR_SPAN_DATA, 0);
    add_span(spans, XCVR_I2C_A0, 0, 0, 22, 23, XCVR_SPAN_DATA, 0);
    add_span(spans, XCVR_I2C_A0, 0, 0, 26, 27, XCVR_SPAN_DATA, 0);
    add_span(spans, XCVR_I2C_A0, 0, 0, 34, 57, XCVR_SPAN_DATA, 0);
    if (have_half(map, XCVR_I2C_A0, 0, 0, XCVR_HALF_PAGE))
        add_span(spans, XCVR_I2C_A0, 0, 0, 223, 223, XCVR_SPAN_SENTINEL, 0);
}

/* CMIS 5 §8.2.7: the interrupt (byte 3 bit 0 clear) is asserted while any unmasked flag is
 * latched. A deasserted interrupt in the full read beside a latched flag means the module
 * does not drive it: every flag is then read at every poll. */
static gboolean
cmis_interrupt_consistent(const XcvrPageMap *map)
{
    guint bank;

    if (xcvr_eeprom_cache_interrupt_pending(map, XCVR_FAMILY_CMIS))
        return TRUE;
    if (!all_zero(map, 0, 0, 8, 11))
        return FALSE;
    for (bank = 0; bank < 4; bank++) {
        if (have_half(map, XCVR_I2C_A0, (guint8)bank, 0x11, XCVR_HALF_PAGE) &&
            !all_zero(map, (guint8)bank, 0x11, 134, 152))
            return FALSE;
    }
    return TRUE;
}

/* CMIS 5 Tables 8-4 to 8-10 and 8-76 to 8-94: identifier to module state (the interrupt
 * may change), the module flags (masked by bytes 31-36) and monitors; per bank, the
 * data-path states (a change means a reconfiguration: read in full), the output status,
 * the lane flags (masked by the same bank's page 10h bytes 213-232) and the lane monitors
 * page 01h byte 160 advertises. */
static void
plan_cmis(const XcvrPageMap *map, GArray *spans)
{
    gboolean sound = cmis_interrupt_consistent(map);
    guint8 adv = 0x07;
    guint bank;

    add_span(spans, XCVR_I2C_A0, 0, 0, 0, CMIS_STATUS, XCVR_SPAN_SENTINEL, CMIS_INT_DEASSERTED);
    add_span(spans, XCVR_I2C_A0, 0, 0, 8, 11,
             sound && all_zero(map, 0, 0, 31, 36) ? XCVR_SPAN_FLAGS : XCVR_SPAN_DATA, 0);
    add_span(spans, XCVR_I2C_A0, 0, 0, 12, 25, XCVR_SPAN_DATA, 0);
    /* page 00h byte 222: the checksum over 128-221, the serial number among them */
    if (have_half(map, XCVR_I2C_A0, 0, 0, XCVR_HALF_PAGE))
        add_span(spans, XCVR_I2C_A0, 0, 0, 222, 222, XCVR_SPAN_SENTINEL, 0);
    (void)xcvr_page_map_get_u8(map, XCVR_I2C_A0, 0x01, 160, &adv);
    for (bank = 0; bank < 4; bank++) {
        /* tx power 154-169 (bit 1), bias 170-185 (bit 0), rx power 186-201 (bit 2) */
        static const struct { guint8 bit; guint first; } mon[] = {
            { 0x02, 154 }, { 0x01, 170 }, { 0x04, 186 },
        };
        gboolean masked;
        guint first = 0;
        guint i;

        if (!have_half(map, XCVR_I2C_A0, (guint8)bank, 0x11, XCVR_HALF_PAGE))
            continue;
        masked = !all_zero(map, (guint8)bank, 0x10, 213, 232);
        add_span(spans, XCVR_I2C_A0, (guint8)bank, 0x11, 128, 131, XCVR_SPAN_SENTINEL, 0);
        add_span(spans, XCVR_I2C_A0, (guint8)bank, 0x11, 132, 133, XCVR_SPAN_DATA, 0);
        add_span(spans, XCVR_I2C_A0, (guint8)bank, 0x11, 134, 152,
                 sound && !masked ? XCVR_SPAN_FLAGS : XCVR_SPAN_DATA, 0);
        for (i = 0; i <= G_N_ELEMENTS(mon); i++) {
            gboolean on = i < G_N_ELEMENTS(mon) && (adv & mon[i].bit) != 0;

            if (on && first == 0)
                first = mon[i].first;
            if (!on && first != 0) {
                add_span(spans, XCVR_I2C_A0, (guint8)bank, 0x11, first, 154 + 16 * i - 1,
                         XCVR_SPAN_DATA, 0);
                first = 0;
            }
        }
    }
}

/* CMIS §8.14: the VDM samples (pages 24h-27h, 2 bytes an instance) up to the last instance
 * a descriptor (pages 20h-23h, type ID in the second byte, 0 unused) describes, and the
 * flags of page 2Ch (4 bits an instance, the groups one after another) up to the last one;
 * descriptors, thresholds (28h-2Bh) and page 2Fh are as the full read found them. */
static void
plan_cmis_vdm(const XcvrPageMap *map, GArray *spans)
{
    guint last_flag = 0;
    gboolean any = FALSE;
    guint g;

    for (g = 0; g < 4; g++) {
        const guint8 *d = xcvr_page_map_get(map, XCVR_I2C_A0, 0, (guint8)(0x20 + g), 128, 128);
        guint used = 0;
        guint i;

        if (d == NULL || !have_half(map, XCVR_I2C_A0, 0, (guint8)(0x24 + g), XCVR_HALF_PAGE))
            continue;
        for (i = 0; i < 64; i++) {
            if (d[2 * i + 1] != 0)
                used = i + 1;
        }
        if (used == 0)
            continue;
        add_span(spans, XCVR_I2C_A0, 0, (guint8)(0x24 + g), 128, 128 + 2 * used - 1,
                 XCVR_SPAN_DATA, 0);
        last_flag = (g * 64 + used - 1) / 2;
        any = TRUE;
    }
    if (any && have_half(map, XCVR_I2C_A0, 0, 0x2c, XCVR_HALF_PAGE))
        add_span(spans, XCVR_I2C_A0, 0, 0x2c, 128, 128 + last_flag, XCVR_SPAN_DATA, 0);
}

XcvrPageMap *
xcvr_eeprom_cache_begin(XcvrEepromCache *cache, const char *ifname, XcvrEepromSource source,
                        XcvrDecodeFlags flags, XcvrFamily *ret_family, GArray *ret_spans)
{
    XcvrPageMap *map = NULL;
    Entry *e;

    g_mutex_lock(&cache->lock);
    e = g_hash_table_lookup(cache->entries, ifname);
    if (e != NULL && e->source == source && have_half(e->map, XCVR_I2C_A0, 0, 0, 0) &&
        (flags & ~e->flags & XCVR_DECODE_VDM) == 0) {
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
        if ((flags & XCVR_DECODE_VDM) != 0)
            plan_cmis_vdm(map, ret_spans);
        break;
    default:
        add_span(ret_spans, XCVR_I2C_A0, 0, 0, 0, 0, XCVR_SPAN_SENTINEL, 0);
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

    if (h == NULL || req->length == 0 || at + req->length > XCVR_HALF_PAGE)
        return FALSE;
    if (span->kind == XCVR_SPAN_SENTINEL) {
        guint last = req->length - 1u;

        if (memcmp(h->data + at, buf, last) != 0 ||
            ((h->data[at + last] ^ buf[last]) & (guint8)~span->volatile_last) != 0)
            return FALSE;
    }
    memcpy(h->data + at, buf, req->length);
    return TRUE;
}

void
xcvr_eeprom_cache_clear(XcvrPageMap *map, const XcvrEepromSpan *span)
{
    const XcvrPageRequest *req = &span->req;
    XcvrHalfPage *h = xcvr_page_map_find(map, req->i2c, req->bank, req->page, req->offset);
    guint at = req->offset % XCVR_HALF_PAGE;

    if (h != NULL && at + req->length <= XCVR_HALF_PAGE)
        memset(h->data + at, 0, req->length);
}

gboolean
xcvr_eeprom_cache_interrupt_pending(const XcvrPageMap *map, XcvrFamily family)
{
    guint8 b = 0;

    switch (family) {
    case XCVR_FAMILY_SFF8636:
        return !xcvr_page_map_get_u8(map, XCVR_I2C_A0, 0, SFF8636_STATUS, &b) ||
               (b & SFF8636_INTL) == 0;
    case XCVR_FAMILY_CMIS:
        return !xcvr_page_map_get_u8(map, XCVR_I2C_A0, 0, CMIS_STATUS, &b) ||
               (b & CMIS_INT_DEASSERTED) == 0;
    default:
        return TRUE;
    }
}
