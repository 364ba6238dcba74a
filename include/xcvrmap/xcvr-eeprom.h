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
 * The image, a sidecar and an index are read only when they are regular files (a link to
 * one is followed): at most 1 MiB for the image and for each sidecar or index.
 *
 * Returns: (transfer full) (nullable): the module, or %NULL with @error set
 * (%XCVR_ERROR_NO_DEVICE when the file does not exist, %XCVR_ERROR_PERMISSION when it may
 * not be read, %XCVR_ERROR_IO when it — or a sidecar or index that exists — is a FIFO, a
 * device or a directory or cannot be read, %XCVR_ERROR_INVALID_DATA when it is larger than
 * the cap, else as xcvr_module_decode()).
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

#ifdef XCVR_ENUM_SENTINELS
    _XCVR_EEPROM_SOURCE_LAST
#endif
} XcvrEepromSource;

/**
 * xcvr_eeprom_source_to_string:
 * @source: an #XcvrEepromSource
 *
 * Returns: its stable name ("none", "netlink", "ioctl", "file"), the `source` key in JSON;
 * "none" for a value out of range.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_eeprom_source_to_string(XcvrEepromSource source);

/**
 * xcvr_eeprom_source_from_string:
 * @str: (nullable): a name xcvr_eeprom_source_to_string() returns
 *
 * Returns: the #XcvrEepromSource named @str, or -1 when @str is %NULL or names none.
 *
 * Since: 0.1
 */
XCVR_PUBLIC int xcvr_eeprom_source_from_string(const char *str);

/**
 * XcvrEepromOptions:
 *
 * How to read a module from the kernel: decode flags, a deadline, the kernel path. Opaque,
 * so options can be added without breaking callers; made with xcvr_eeprom_options_new().
 * Not safe to change while another thread reads with it; reading with one from several
 * threads at once is safe.
 *
 * Since: 0.1
 */
typedef struct _XcvrEepromOptions XcvrEepromOptions;

/**
 * xcvr_eeprom_options_new:
 *
 * Returns: (transfer full): the defaults: %XCVR_DECODE_NONE, a 5000 ms deadline, ethtool
 * netlink where the kernel has it.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrEepromOptions *xcvr_eeprom_options_new(void);

/**
 * xcvr_eeprom_options_free:
 * @options: (nullable): a #XcvrEepromOptions
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_eeprom_options_free(XcvrEepromOptions *options);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrEepromOptions, xcvr_eeprom_options_free)

/**
 * xcvr_eeprom_options_set_flags:
 * @options: a #XcvrEepromOptions
 * @flags: #XcvrDecodeFlags for the decode
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_eeprom_options_set_flags(XcvrEepromOptions *options,
                                               XcvrDecodeFlags flags);

/**
 * xcvr_eeprom_options_set_timeout_ms:
 * @options: a #XcvrEepromOptions
 * @timeout_ms: the most one interface's read may take; 0 waits for ever
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_eeprom_options_set_timeout_ms(XcvrEepromOptions *options,
                                                    guint timeout_ms);

/**
 * xcvr_eeprom_options_get_timeout_ms:
 * @options: a #XcvrEepromOptions
 *
 * Returns: the deadline of one interface's read, in milliseconds (0: none).
 *
 * Since: 0.1
 */
XCVR_PUBLIC guint xcvr_eeprom_options_get_timeout_ms(const XcvrEepromOptions *options);

/**
 * xcvr_eeprom_options_set_no_netlink:
 * @options: a #XcvrEepromOptions
 * @no_netlink: %TRUE to read through the SIOCETHTOOL ioctl even where netlink works
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_eeprom_options_set_no_netlink(XcvrEepromOptions *options,
                                                    gboolean no_netlink);

/**
 * XcvrEepromStats:
 *
 * What one read took: where the bytes came from, how many requests, how many bytes.
 * Opaque (it can grow); made with xcvr_eeprom_stats_new() and filled by a read. One
 * #XcvrEepromStats per thread.
 *
 * Since: 0.1
 */
typedef struct _XcvrEepromStats XcvrEepromStats;

/**
 * xcvr_eeprom_stats_new:
 *
 * Returns: (transfer full): empty statistics (source %XCVR_EEPROM_SOURCE_NONE, zeros).
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrEepromStats *xcvr_eeprom_stats_new(void);

/**
 * xcvr_eeprom_stats_free:
 * @stats: (nullable): a #XcvrEepromStats
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_eeprom_stats_free(XcvrEepromStats *stats);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrEepromStats, xcvr_eeprom_stats_free)

/**
 * xcvr_eeprom_stats_get_source:
 * @stats: a #XcvrEepromStats
 *
 * Returns: where the bytes came from.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrEepromSource xcvr_eeprom_stats_get_source(const XcvrEepromStats *stats);

/**
 * xcvr_eeprom_stats_get_requests:
 * @stats: a #XcvrEepromStats
 *
 * Returns: the reads issued (netlink messages or ioctls, module-info excluded).
 *
 * Since: 0.1
 */
XCVR_PUBLIC guint xcvr_eeprom_stats_get_requests(const XcvrEepromStats *stats);

/**
 * xcvr_eeprom_stats_get_bytes:
 * @stats: a #XcvrEepromStats
 *
 * Returns: the bytes read.
 *
 * Since: 0.1
 */
XCVR_PUBLIC guint xcvr_eeprom_stats_get_bytes(const XcvrEepromStats *stats);

/**
 * XcvrEepromReader:
 *
 * A reader context for callers that read modules again and again (a watcher): it
 * remembers the interfaces whose read was abandoned at its deadline and is still stuck in
 * the kernel, and answers %XCVR_ERROR_TIMEOUT at once for them until that read returns,
 * so a stuck driver holds one thread, not one more per call. Reads of other interfaces
 * are not held up. Safe to use from several threads at once. Freeing it does not wait for
 * stuck reads: each releases its own memory when the kernel finally lets it go.
 *
 * Since: 0.1
 */
typedef struct _XcvrEepromReader XcvrEepromReader;

/**
 * xcvr_eeprom_reader_new:
 *
 * Returns: (transfer full): a reader with no read outstanding.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrEepromReader *xcvr_eeprom_reader_new(void);

/**
 * xcvr_eeprom_reader_free:
 * @reader: (nullable): a #XcvrEepromReader
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_eeprom_reader_free(XcvrEepromReader *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrEepromReader, xcvr_eeprom_reader_free)

/**
 * xcvr_eeprom_reader_get_n_outstanding:
 * @reader: a #XcvrEepromReader
 *
 * Returns: how many abandoned reads have not returned from the kernel yet.
 *
 * Since: 0.1
 */
XCVR_PUBLIC guint xcvr_eeprom_reader_get_n_outstanding(XcvrEepromReader *reader);

/**
 * xcvr_eeprom_reader_read:
 * @reader: a #XcvrEepromReader
 * @ifname: a network interface
 * @options: (nullable): how to read; %NULL: the defaults of xcvr_eeprom_options_new()
 * @ret_stats: (optional): filled with what the read took, on failure too
 * @error: return location for a #GError
 *
 * As xcvr_eeprom_read(), and when an earlier read of @ifname through @reader is still
 * stuck in the kernel, fails at once with %XCVR_ERROR_TIMEOUT without asking again.
 *
 * Returns: (transfer full) (nullable): the module, or %NULL with @error set as for
 * xcvr_eeprom_read().
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrModule *xcvr_eeprom_reader_read(XcvrEepromReader *reader,
                                                const char *ifname,
                                                const XcvrEepromOptions *options,
                                                XcvrEepromStats *ret_stats,
                                                GError **error);

/**
 * xcvr_eeprom_reader_set_caching:
 * @reader: a #XcvrEepromReader
 * @caching: whether to remember modules between reads
 *
 * With caching, the first read of an interface through @reader is a full one and its
 * pages are kept; later reads poll: they read only the identifier, status and state bytes,
 * the checksum byte over the serial number, and the monitors and flags (SFF-8472 A0h 0 and
 * 95, A2h 96-117; SFF-8636 lower bytes 0-2, 3-14, 22-23, 26-27 and 34-57, page 00h 223;
 * CMIS lower bytes 0-3, 8-11 and 12-25, page 00h 222, and page 11h 128-133, 134-152 and
 * the advertised lane monitors of each bank read) and decode them with the kept pages,
 * which gives what a full read of the same module gives. The latched flags (SFF-8636
 * 3-14, CMIS 8-11 and page 11h 134-152) are read only while the module's interrupt status
 * (SFF-8636 byte 2 bit 1, CMIS byte 3 bit 0) says one is set, unless a mask over them is
 * set or the full read showed a latched flag beside a deasserted interrupt; otherwise they
 * are zeros. A changed identifier, status (data not ready), module state, data-path state
 * or serial checksum makes the poll a full read; a failed read or
 * xcvr_eeprom_reader_invalidate() makes the next read a full one.
 * Bytes a poll does not read (ID fields, thresholds, host controls such as SFF-8636 byte 86
 * Tx disable) are those of the last full read. Turning caching off forgets every module.
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_eeprom_reader_set_caching(XcvrEepromReader *reader, gboolean caching);

/**
 * xcvr_eeprom_reader_invalidate:
 * @reader: a #XcvrEepromReader
 * @ifname: (nullable): an interface whose module may have changed, or %NULL for all
 *
 * Forgets the kept pages of @ifname's module (a link event: the module may have been
 * swapped), so its next read through @reader is a full one. Nothing when caching is off.
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_eeprom_reader_invalidate(XcvrEepromReader *reader, const char *ifname);

/**
 * xcvr_eeprom_read:
 * @ifname: a network interface
 * @options: (nullable): how to read; %NULL: the defaults of xcvr_eeprom_options_new()
 * @ret_stats: (optional): filled with what the read took, on failure too
 * @error: return location for a #GError
 *
 * Reads the module plugged into @ifname's port from the kernel and decodes it, reading
 * only the pages xcvr_module_plan() asks for, never one twice: over ethtool netlink when
 * the kernel has it, else over the SIOCETHTOOL ioctl. A driver that hangs costs at most
 * the deadline: the read is abandoned on its worker thread, which stops at its next
 * request and frees everything when the kernel lets it go. Callers that read the same
 * ports repeatedly use a #XcvrEepromReader, so a stuck port is not asked again while it
 * is stuck. Safe to call from several threads at once.
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
 * @dir: a directory of dumps, one `IFNAME.bin` per interface (segment maps beside them:
 *   `IFNAME.segments` or @dir/index.tsv; nothing outside @dir is read)
 * @ifname: the interface
 * @flags: #XcvrDecodeFlags
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the module, or %NULL with @error set
 * (%XCVR_ERROR_NO_DUMP when there is no dump for @ifname: nothing was recorded for it;
 * %XCVR_ERROR_NO_MODULE when its dump reads 0xFF everywhere, as an empty cage does;
 * %XCVR_ERROR_IO when the dump or its sidecar is a FIFO, a device or a directory; else as
 * xcvr_eeprom_file_decode()).
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrModule *xcvr_eeprom_dir_read(const char *dir,
                                             const char *ifname,
                                             XcvrDecodeFlags flags,
                                             GError **error);

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
