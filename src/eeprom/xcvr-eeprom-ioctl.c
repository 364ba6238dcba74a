/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-eeprom-ioctl.c: module memory over the SIOCETHTOOL ioctl (ETHTOOL_GMODULEINFO,
 * ETHTOOL_GMODULEEEPROM), which every kernel has: the driver serves a flat image (SFF-8079:
 * A0h; SFF-8472: A0h then A2h; SFF-8636: lower, 00h, then 01h-03h), onto which page
 * requests are mapped.
 */
#include "eeprom/xcvr-eeprom-private.h"

#include <errno.h>
#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>

static int
ethtool_ioctl(int fd, const char *ifname, void *data)
{
    struct ifreq ifr;

    if (strlen(ifname) >= IFNAMSIZ)
        return -ENODEV;
    memset(&ifr, 0, sizeof(ifr));
    memcpy(ifr.ifr_name, ifname, strlen(ifname));
    ifr.ifr_data = data;
    return ioctl(fd, SIOCETHTOOL, &ifr) < 0 ? -errno : 0;
}

int
xcvr_ioctl_modinfo(int fd, const char *ifname, XcvrIoctlModInfo *ret_info)
{
    struct ethtool_modinfo info;
    int r;

    memset(&info, 0, sizeof(info));
    info.cmd = ETHTOOL_GMODULEINFO;
    r = ethtool_ioctl(fd, ifname, &info);
    if (r < 0)
        return r;
    if (info.eeprom_len == 0 || info.eeprom_len > 4096)
        return -EIO;
    ret_info->type = info.type;
    ret_info->eeprom_len = info.eeprom_len;
    return 0;
}

/* Where @req's bytes are in the driver's flat image, or -1. */
static gint64
flat_offset(const XcvrIoctlModInfo *info, const XcvrPageRequest *req)
{
    switch (info->type) {
    case ETH_MODULE_SFF_8079:
    case ETH_MODULE_SFF_8472:
        if (req->bank != 0 || (req->offset >= 128 && req->page != 0))
            return -1;
        return (req->i2c == 0x51 ? 256 : 0) + req->offset;
    case ETH_MODULE_SFF_8636:
    case ETH_MODULE_SFF_8436:
    default:
        /* lower page, then upper pages 00h, 01h, … each 128 bytes (CMIS through this path
         * gets only the first two halves) */
        if (req->i2c != 0x50 || req->bank != 0)
            return -1;
        if (req->offset < 128)
            return req->offset;
        return 128 + (gint64)req->page * 128 + (req->offset - 128);
    }
}

int
xcvr_ioctl_read(int fd, const char *ifname, const XcvrIoctlModInfo *info,
                const XcvrPageRequest *req, guint8 *buf, guint *ret_len)
{
    gint64 at = flat_offset(info, req);
    g_autofree struct ethtool_eeprom *ee = NULL;
    int r;

    if (at < 0 || at + req->length > info->eeprom_len)
        return -ERANGE; /* the driver's image does not hold this page: nothing is sent */
    ee = g_malloc0(sizeof(*ee) + req->length);
    ee->cmd = ETHTOOL_GMODULEEEPROM;
    ee->offset = (guint32)at;
    ee->len = req->length;
    r = ethtool_ioctl(fd, ifname, ee);
    if (r < 0)
        return r;
    *ret_len = MIN(ee->len, (guint32)req->length);
    memcpy(buf, ee->data, *ret_len);
    return 0;
}
