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

/**
 * XcvrEepromSource:
 * @XCVR_EEPROM_SOURCE_NONE: nothing was read.
 * @XCVR_EEPROM_SOURCE_NETLINK: ethtool netlink paged reads (kernel >= 5.13).
 * @XCVR_EEPROM_SOURCE_IOCTL: the SIOCETHTOOL ioctl.
 * @XCVR_EEPROM_SOURCE_FILE: a dump file.
 *
 * Since: 0.1
 */
typedef enum {
    XCVR_EEPROM_SOURCE_NONE,
    XCVR_EEPROM_SOURCE_NETLINK,
    XCVR_EEPROM_SOURCE_IOCTL,
    XCVR_EEPROM_SOURCE_FILE,

    _XCVR_EEPROM_SOURCE_LAST
} XcvrEepromSource;

XCVR_PUBLIC const char *xcvr_eeprom_source_to_string(XcvrEepromSource source);

/**
 * XcvrEepromOptions:
 * @flags: #XcvrDecodeFlags for the decode
 * @timeout_ms: the most one interface may take; 0 waits for ever
 * @no_netlink: read through the ioctl even where netlink works
 *
 * Since: 0.1
 */
typedef struct {
    XcvrDecodeFlags flags;
    guint timeout_ms;
    gboolean no_netlink;
} XcvrEepromOptions;

/**
 * XcvrEepromStats:
 * @source: where the bytes came from
 * @requests: reads issued (netlink messages or ioctls, module-info excluded)
 * @bytes: bytes read
 *
 * Since: 0.1
 */
typedef struct {
    XcvrEepromSource source;
    guint requests;
    guint bytes;
} XcvrEepromStats;

/**
 * xcvr_eeprom_read:
 * @ifname: a network interface
 * @options: (nullable): how to read; %NULL: defaults, a 5 s deadline
 * @ret_stats: (out) (optional): what the read took, filled on failure too
 * @error: return location for a #GError
 *
 * Reads the module plugged into @ifname's port from the kernel and decodes it, reading
 * only the pages xcvr_module_plan() asks for, never one twice: over ethtool netlink when
 * the kernel has it, else over the SIOCETHTOOL ioctl. A driver that hangs costs at most
 * the deadline (the read then finishes in the background and is discarded).
 *
 * Returns: (transfer full) (nullable): the module, or %NULL with @error set:
 * %XCVR_ERROR_NOT_SUPPORTED (no module support on this interface), %XCVR_ERROR_NO_MODULE
 * (empty cage), %XCVR_ERROR_IO (module present but unreadable), %XCVR_ERROR_NO_DEVICE,
 * %XCVR_ERROR_PERMISSION, %XCVR_ERROR_TIMEOUT, %XCVR_ERROR_TRUNCATED (short read), or a
 * decode error.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrModule *xcvr_eeprom_read(const char *ifname,
                                         const XcvrEepromOptions *options,
                                         XcvrEepromStats *ret_stats,
                                         GError **error);

/**
 * xcvr_eeprom_dir_read:
 * @dir: a directory of dumps, one `IFNAME.bin` per interface (segment maps beside them)
 * @ifname: the interface
 * @flags: #XcvrDecodeFlags
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the module, or %NULL with @error set
 * (%XCVR_ERROR_NO_DUMP when there is no dump for @ifname: nothing was recorded for it;
 * %XCVR_ERROR_NO_MODULE when its dump reads 0xFF everywhere, as an empty cage does).
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrModule *xcvr_eeprom_dir_read(const char *dir,
                                             const char *ifname,
                                             XcvrDecodeFlags flags,
                                             GError **error);

/**
 * xcvr_eeprom_list_ports:
 * @sysfs_root: (nullable): the sysfs mount, %NULL for `/sys`
 * @error: return location for a #GError
 *
 * Lists the network interfaces that can hold a module: those backed by a device (a `device`
 * link), except SR-IOV VFs, wireless interfaces, bridges, bonds and tunnels.
 *
 * Returns: (transfer full) (element-type utf8): interface names, sorted; %NULL with @error
 * set when the sysfs directory cannot be read.
 *
 * Since: 0.1
 */
XCVR_PUBLIC GPtrArray *xcvr_eeprom_list_ports(const char *sysfs_root, GError **error);

/**
 * xcvr_eeprom_dir_list:
 * @dir: a directory of dumps
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type utf8): the interface names of its `*.bin` files,
 * sorted; %NULL with @error set when @dir cannot be read.
 *
 * Since: 0.1
 */
XCVR_PUBLIC GPtrArray *xcvr_eeprom_dir_list(const char *dir, GError **error);

G_END_DECLS
