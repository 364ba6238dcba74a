/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-host-file-private.h: the one way the library reads a file of the host (sysfs,
 * procfs, module dumps and their sidecars, Open vSwitch dumps): regular files only, opened
 * without blocking, size-capped, under a deadline. Not installed.
 */
#pragma once

#include <glib.h>

typedef enum {
    /* The last component must not be a symbolic link (O_NOFOLLOW): sysfs and procfs
     * attributes are never links, so one there was put by someone else. Links the kernel
     * does make (`master`, `device`, `physfn` …) are resolved by the walker itself. */
    XCVR_HOST_FILE_NOFOLLOW = 0,
    /* The caller named the file (a dump, an --ovsdb file): a link to a regular file is
     * fine, a link to a FIFO or a device is still refused. */
    XCVR_HOST_FILE_FOLLOW = 1 << 0,
} XcvrHostFileFlags;

/* Caps, in bytes. A sysfs attribute's show() fills at most one page
 * (Documentation/filesystems/sysfs.rst "Reading/Writing Attribute Data"): see
 * xcvr_host_file_sysfs_max(). */
#define XCVR_HOST_FILE_SYSFS_MIN_PAGE 4096u
/* /proc/net/vlan/config is ~40 bytes a VLAN device, /proc/net/bonding/BOND ~300 bytes a
 * member: 16 MiB is some 400 000 VLAN devices, far beyond any host. */
#define XCVR_HOST_FILE_PROCFS_MAX (16u << 20)
/* A module EEPROM image: CMIS with every bank and page is 128 + 8 × 256 × 128 bytes
 * (~260 KiB); 1 MiB leaves room for dumps with headers. */
#define XCVR_HOST_FILE_DUMP_MAX (1u << 20)
/* A segment map sidecar (IFNAME.segments) or an index.tsv beside the dumps. */
#define XCVR_HOST_FILE_SIDECAR_MAX (1u << 20)

/* The cap for one sysfs attribute on this machine: the page size, at least 4096. */
gsize xcvr_host_file_sysfs_max(void);

/* Reads the regular file @path whole into *@ret_data (NUL-terminated, caller frees) and
 * *@ret_len (may be NULL). @max: refuse a file larger than that many bytes. @deadline:
 * g_get_monotonic_time() instant after which the read gives up (0: none).
 *
 * Errors (XCVR_ERROR): NO_DEVICE when @path does not exist; PERMISSION when it may not be
 * read; IO when it is not a regular file (a FIFO, a device, a directory, a socket, or —
 * without XCVR_HOST_FILE_FOLLOW — a symbolic link) or the read fails; INVALID_DATA when it
 * is larger than @max; TIMEOUT when @deadline passed. */
gboolean xcvr_host_file_read(const char *path, XcvrHostFileFlags flags, gsize max,
                             gint64 deadline, char **ret_data, gsize *ret_len, GError **error);

/* xcvr_host_file_read() of a text attribute with surrounding white space removed; NULL on
 * any failure (absence is data). */
char *xcvr_host_file_read_text(const char *path, gsize max, gint64 deadline);

/* TRUE when @deadline (g_get_monotonic_time() µs, 0: none) has passed. */
gboolean xcvr_deadline_passed(gint64 deadline);

/* Milliseconds left until @deadline, at least 1 while it has not passed; 0 when there is
 * no deadline; -1 when it has passed. */
gint64 xcvr_deadline_remaining_ms(gint64 deadline);
