/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-eeprom-cache-private.h: a reader's memory of each module between polls — the page
 * map of its last full read — and the few spans a poll reads again (monitors, flags,
 * states). A poll patches those spans into a copy of the cached map, so the decoder gets
 * the bytes a full read would have given it. Not installed.
 */
#pragma once

#include <glib.h>

#include <xcvrmap/xcvr-eeprom.h>
#include <xcvrmap/xcvr-module.h>
#include <xcvrmap/xcvr-page-map.h>

/* What a poll does with one span. A SENTINEL span holds what says "this may be another
 * module, or another configuration" (identifier, serial checksum, module or data-path
 * state): when it differs from the cached bytes (outside @volatile_last, bits of its last
 * byte that may change freely), the poll is dropped for a full read. A FLAGS span holds
 * latched, clear-on-read flags whose every bit the module's interrupt reports: it is read
 * only when the status the poll has read so far says an interrupt is pending, and is
 * zeros otherwise. */
typedef enum {
    XCVR_SPAN_DATA,
    XCVR_SPAN_SENTINEL,
    XCVR_SPAN_FLAGS,
} XcvrSpanKind;

typedef struct {
    XcvrPageRequest req;
    XcvrSpanKind kind;
    guint8 volatile_last;
} XcvrEepromSpan;

typedef struct _XcvrEepromCache XcvrEepromCache;

/* Reference-counted and locked: a read abandoned on its thread may store after its reader
 * is gone. */
XcvrEepromCache *xcvr_eeprom_cache_new(void);
XcvrEepromCache *xcvr_eeprom_cache_ref(XcvrEepromCache *cache);
void xcvr_eeprom_cache_unref(XcvrEepromCache *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrEepromCache, xcvr_eeprom_cache_unref)

/* Forgets @ifname's module (NULL: every module), so its next read is a full one. */
void xcvr_eeprom_cache_invalidate(XcvrEepromCache *cache, const char *ifname);

/* Keeps the page map of a full read of @ifname's @family module over @source, read with
 * @flags (XCVR_DECODE_VDM: the VDM pages too). */
void xcvr_eeprom_cache_store(XcvrEepromCache *cache, const char *ifname, XcvrEepromSource source,
                             XcvrFamily family, XcvrDecodeFlags flags, const XcvrPageMap *map);

/* A copy of the cached map and, in @ret_spans (XcvrEepromSpan), what a poll decoded with
 * @flags reads; NULL when nothing is cached for @ifname over @source, or the full read
 * did not read what @flags asks for (VDM): read it in full. */
XcvrPageMap *xcvr_eeprom_cache_begin(XcvrEepromCache *cache, const char *ifname,
                                     XcvrEepromSource source, XcvrDecodeFlags flags,
                                     XcvrFamily *ret_family, GArray *ret_spans);

/* Writes a poll's @buf (span->req.length bytes) over @map's bytes; FALSE when the span is a
 * sentinel and its bytes differ from the cached ones. */
gboolean xcvr_eeprom_cache_patch(XcvrPageMap *map, const XcvrEepromSpan *span,
                                 const guint8 *buf);

/* Zeros @span's bytes in @map: a FLAGS span not read because no interrupt is pending. */
void xcvr_eeprom_cache_clear(XcvrPageMap *map, const XcvrEepromSpan *span);

/* Whether @map's status bytes, as patched so far, say the @family module's interrupt is
 * asserted (SFF-8636 byte 2 bit 1 IntL low; CMIS byte 3 bit 0 clear). TRUE when unknown. */
gboolean xcvr_eeprom_cache_interrupt_pending(const XcvrPageMap *map, XcvrFamily family);
