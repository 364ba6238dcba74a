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
#include <xcvrmap/xcvr-page-map.h>

/* One poll read. A sentinel span holds what says "this may be another module, or another
 * configuration" (identifier, status, module or data-path state): when it differs from the
 * cached bytes, the poll is dropped for a full read. */
typedef struct {
    XcvrPageRequest req;
    gboolean sentinel;
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

/* Keeps the page map of a full read of @ifname's @family module over @source. */
void xcvr_eeprom_cache_store(XcvrEepromCache *cache, const char *ifname, XcvrEepromSource source,
                             XcvrFamily family, const XcvrPageMap *map);

/* A copy of the cached map and, in @ret_spans (XcvrEepromSpan), what a poll reads; NULL
 * when nothing is cached for @ifname over @source (read it in full). */
XcvrPageMap *xcvr_eeprom_cache_begin(XcvrEepromCache *cache, const char *ifname,
                                     XcvrEepromSource source, XcvrFamily *ret_family,
                                     GArray *ret_spans);

/* Writes a poll's @buf (span->req.length bytes) over @map's bytes; FALSE when the span is a
 * sentinel and its bytes differ from the cached ones. */
gboolean xcvr_eeprom_cache_patch(XcvrPageMap *map, const XcvrEepromSpan *span,
                                 const guint8 *buf);
