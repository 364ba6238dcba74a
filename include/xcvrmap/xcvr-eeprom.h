/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xcvr-eeprom.h: where module bytes come from: image files (and, later, the kernel). */
#pragma once

#include <glib.h>

#include "xcvr-module.h"
#include "xcvr-version.h"

G_BEGIN_DECLS

/**
 * xcvr_eeprom_file_decode:
 * @path: a module EEPROM image file
 * @segments: (nullable): where its pages are ("lower@0+128 00h@128+128 …", see
 *   xcvr_page_map_new_from_image()), or %NULL to look for a segment map beside the file
 *   (`NAME.segments`, or the `segments` column of an `index.tsv` in the file's directory
 *   or its parent, as the shared EEPROM corpus keeps them) and else to go by the family's
 *   usual layout
 * @flags: #XcvrDecodeFlags
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the module, or %NULL with @error set
 * (%G_FILE_ERROR when the file cannot be read, else as xcvr_module_decode()).
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrModule *xcvr_eeprom_file_decode(const char *path,
                                                const char *segments,
                                                XcvrDecodeFlags flags,
                                                GError **error);

G_END_DECLS
