/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-page-map.h: module memory as read so far, keyed by (I2C address, bank, page), and
 * the plan of what a decoder still needs — so a reader fetches those pages and no others.
 */
#pragma once

#include <glib.h>

#include "xcvr-module.h"
#include "xcvr-version.h"

G_BEGIN_DECLS

/**
 * XcvrPageMap:
 *
 * Module memory read so far. Opaque. Not safe for concurrent use (one per read); distinct
 * page maps are independent.
 *
 * Since: 0.1
 */
typedef struct _XcvrPageMap XcvrPageMap;

/**
 * XcvrPageRequest:
 * @i2c: 7-bit I2C address (0x50, or 0x51 for SFF-8472's A2h)
 * @bank: bank of a banked page (CMIS pages 10h-FFh), else 0
 * @page: upper page number (ignored for the lower half)
 * @offset: 0 for the lower half page, 128 for the upper page
 * @length: bytes to read: at most 128, never crossing offset 128
 *
 * One read, as ethtool's netlink ETHTOOL_MSG_MODULE_EEPROM_GET asks for it. A plain
 * value; frozen, as the kernel request it mirrors is (arrays of it are handed out).
 *
 * Since: 0.1
 */
typedef struct {
    guint8 i2c;
    guint8 bank;
    guint8 page;
    guint8 offset;
    guint8 length;
} XcvrPageRequest;

XCVR_PUBLIC XcvrPageMap *xcvr_page_map_new(void);
XCVR_PUBLIC void xcvr_page_map_free(XcvrPageMap *map);

/**
 * xcvr_page_map_add:
 * @map: a page map
 * @i2c: I2C address
 * @bank: bank
 * @page: page
 * @offset: 0 (lower half) or 128 (upper page)
 * @data: (array length=len): the bytes read
 * @len: how many, at most 128 (fewer for a short read)
 *
 * Records the answer to a #XcvrPageRequest.
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_page_map_add(XcvrPageMap *map,
                                   guint8 i2c,
                                   guint8 bank,
                                   guint8 page,
                                   guint offset,
                                   const guint8 *data,
                                   gsize len);

/**
 * xcvr_page_map_new_from_image:
 * @data: (array length=len): a flat image
 * @len: its size
 * @segments: where each page sits in @data: space-separated `LABEL@OFFSET+LENGTH`, with
 *   LABEL one of `lower`, `NNh` (upper page NN, bank 0), `bB:NNh` (bank B), `A0h`, `A2h`
 *   (SFF-8472, 256 bytes each) — the shared EEPROM corpus's notation
 * @ret_short: (out) (optional): %TRUE when a segment ran past the end of @data
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the page map, or %NULL with @error set
 * (%XCVR_ERROR_INVALID_ARGUMENT) when @segments does not parse.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrPageMap *xcvr_page_map_new_from_image(const guint8 *data,
                                                      gsize len,
                                                      const char *segments,
                                                      gboolean *ret_short,
                                                      GError **error);

/**
 * xcvr_module_plan:
 * @map: what has been read so far (may be empty)
 * @family: the family, or %XCVR_FAMILY_UNKNOWN to tell from the identifier once read
 * @ret_requests: (element-type XcvrPageRequest): where the reads still needed are appended
 *
 * Says what to read next to decode the module: the lower page first; then only the pages
 * the family's decoder will decode, as the bytes read so far advertise them (flat memory:
 * none beyond page 00h). Call again after adding the answers, until nothing is appended.
 * Never asks for a page the map already holds.
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_module_plan(const XcvrPageMap *map, XcvrFamily family,
                                  GArray *ret_requests);

/**
 * xcvr_module_plan_full:
 * @map: what has been read so far (may be empty)
 * @family: the family, or %XCVR_FAMILY_UNKNOWN to tell from the identifier once read
 * @flags: #XcvrDecodeFlags the module will be decoded with (%XCVR_DECODE_VDM adds the
 *   CMIS VDM pages the module advertises)
 * @ret_requests: (element-type XcvrPageRequest): where the reads still needed are appended
 *
 * As xcvr_module_plan(), for a decode with @flags.
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_module_plan_full(const XcvrPageMap *map, XcvrFamily family,
                                       XcvrDecodeFlags flags, GArray *ret_requests);

/**
 * xcvr_module_decode_map:
 * @map: the pages read (copied; the caller keeps @map)
 * @family: the family, or %XCVR_FAMILY_UNKNOWN to tell from the identifier
 * @flags: #XcvrDecodeFlags
 * @error: return location for a #GError
 *
 * Decodes pages read one by one (see xcvr_module_plan()) rather than a flat image.
 *
 * Returns: (transfer full) (nullable): the module, or %NULL with @error set.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrModule *xcvr_module_decode_map(const XcvrPageMap *map,
                                               XcvrFamily family,
                                               XcvrDecodeFlags flags,
                                               GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrPageMap, xcvr_page_map_free)

G_END_DECLS
