/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-eeprom-private.h: the two kernel paths to module memory — ethtool netlink paged
 * reads and the SIOCETHTOOL ioctl — behind one read-a-page call. Internal helpers return
 * -errno (0 on success), as the kernel and libmnl do; the public layer turns that into
 * GErrors. Not installed.
 */
#pragma once

#include <glib.h>

#include <xcvrmap/xcvr-module.h>
#include <xcvrmap/xcvr-page-map.h>

/* ---- ethtool netlink (ETHTOOL_MSG_MODULE_EEPROM_GET, kernel >= 5.13) ---- */

typedef struct _XcvrNetlink XcvrNetlink;

/* Opens a generic-netlink socket and resolves the "ethtool" family. -EOPNOTSUPP when the
 * kernel has no ethtool family or no MODULE_EEPROM_GET command (fall back to the ioctl). */
int xcvr_netlink_open(XcvrNetlink **ret_nl);
void xcvr_netlink_close(XcvrNetlink *nl);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrNetlink, xcvr_netlink_close)

/* Reads one request into @buf (at least req->length bytes); *ret_len gets the bytes the
 * kernel returned. Waits at most until @deadline (g_get_monotonic_time() µs; 0: no limit). */
int xcvr_netlink_read(XcvrNetlink *nl, const char *ifname, const XcvrPageRequest *req,
                      guint8 *buf, guint *ret_len, gint64 deadline);

/* ---- SIOCETHTOOL ioctl (any kernel) ---- */

typedef struct {
    guint32 type;       /* ETH_MODULE_SFF_8079, _8472, _8636, _8436 */
    guint32 eeprom_len; /* bytes the driver serves in its flat layout */
} XcvrIoctlModInfo;

int xcvr_ioctl_modinfo(int fd, const char *ifname, XcvrIoctlModInfo *ret_info);
/* Reads one request, mapped onto the driver's flat layout; -ERANGE, without asking the
 * driver, for a page that layout does not hold. */
int xcvr_ioctl_read(int fd, const char *ifname, const XcvrIoctlModInfo *info,
                    const XcvrPageRequest *req, guint8 *buf, guint *ret_len);

/* ---- dump files (xcvr-eeprom-file.c) ---- */

/* The "segments" column of an index.tsv (@text, @len bytes: a header line naming the
 * tab-separated columns, of which "file" and "segments" are needed, then one row per dump)
 * for the row whose "file" is @rel; NULL when there is no such column or row. */
char *xcvr_eeprom_index_segments(const char *text, gsize len, const char *rel);

/* DIR/FILE decoded with a segment map from inside DIR only (FILE's .segments sidecar or
 * DIR/index.tsv, never DIR's parent): the dump directory source. */
XcvrModule *xcvr_eeprom_dir_file_decode(const char *dir, const char *file,
                                        XcvrDecodeFlags flags, GError **error);
