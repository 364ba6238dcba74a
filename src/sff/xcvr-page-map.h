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

#include <xcvrmap/xcvr-page-map.h>

#define XCVR_I2C_A0 0x50
#define XCVR_I2C_A2 0x51
#define XCVR_HALF_PAGE 128

XcvrPageMap *xcvr_page_map_copy(const XcvrPageMap *map);

/* How many bytes of the half page holding @offset were read (0 when none). */
guint xcvr_page_map_valid(const XcvrPageMap *map, guint8 i2c, guint8 bank, guint8 page,
                          guint offset);

/* Returns the @len bytes at @offset when every one of them was read, else NULL.
 * The range must not cross the lower/upper boundary at 128. */
const guint8 *xcvr_page_map_get(const XcvrPageMap *map,
                                guint8 i2c,
                                guint8 bank,
                                guint8 page,
                                guint offset,
                                guint len);

gboolean xcvr_page_map_get_u8(const XcvrPageMap *map, guint8 i2c, guint8 page, guint offset,
                              guint8 *ret_value);
gboolean xcvr_page_map_get_u16be(const XcvrPageMap *map, guint8 i2c, guint8 page,
                                 guint offset, guint16 *ret_value);
gboolean xcvr_page_map_get_f32be(const XcvrPageMap *map, guint8 i2c, guint8 page,
                                 guint offset, float *ret_value);

/* Sum of bytes [first, last] modulo 256, the SFF checksum; FALSE when any byte is missing. */
gboolean xcvr_page_map_sum(const XcvrPageMap *map, guint8 i2c, guint8 page, guint first,
                           guint last, guint8 *ret_sum);
