/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ethtool-ioctl-shim.c: test-only LD_PRELOAD library that lets a real, unmodified
 * `ethtool -m IFACE` decode a module EEPROM image file on any interface.
 *
 * It sits at the system-call boundary and nowhere else:
 *  - socket(AF_NETLINK, *, NETLINK_GENERIC) fails with EPROTONOSUPPORT, which makes
 *    ethtool >= 5.13 fall back from its netlink path to the SIOCETHTOOL ioctl;
 *  - ioctl(SIOCETHTOOL) ETHTOOL_GMODULEINFO / ETHTOOL_GMODULEEEPROM are answered from
 *    the image named by XCVR_SHIM_EEPROM, laid out as ethtool's ioctl returns it
 *    (SFF-8472: A0h then A2h; SFF-8636: lower page then upper pages).
 * Every other call goes to the real libc.
 *
 * Environment:
 *   XCVR_SHIM_EEPROM   image file (required for module requests)
 *   XCVR_SHIM_MODTYPE  sff8079 | sff8472 | sff8636 | sff8436 (default: from image size
 *                      and identifier byte)
 *   XCVR_SHIM_FAULT    eio | enodev | eopnotsupp: fail module requests with that errno
 *   XCVR_SHIM_LOG      file to append one line per answered request to
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/ethtool.h>
#include <linux/netlink.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define SHIM_MAX_IMAGE 4096

typedef int (*socket_fn)(int, int, int);
typedef int (*ioctl_fn)(int, unsigned long, ...);

static int
shim_load_image(unsigned char *buf, size_t size, size_t *ret_len)
{
    const char *path = getenv("XCVR_SHIM_EEPROM");
    size_t len = 0;
    ssize_t n;
    int fd;

    if (path == NULL)
        return -EOPNOTSUPP;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    while (len < size && (n = read(fd, buf + len, size - len)) > 0)
        len += (size_t)n;
    close(fd);
    *ret_len = len;
    return 0;
}

static void
shim_log(const char *fmt, ...)
{
    const char *path = getenv("XCVR_SHIM_LOG");
    va_list ap;
    FILE *f;

    if (path == NULL)
        return;
    f = fopen(path, "ae");
    if (f == NULL)
        return;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fputc('\n', f);
    fclose(f);
}

static int
shim_fault(void)
{
    const char *fault = getenv("XCVR_SHIM_FAULT");

    if (fault == NULL)
        return 0;
    if (strcmp(fault, "eio") == 0)
        return EIO;
    if (strcmp(fault, "enodev") == 0)
        return ENODEV;
    if (strcmp(fault, "eopnotsupp") == 0)
        return EOPNOTSUPP;
    return 0;
}

/* Module type and EEPROM length as a kernel driver would report them for this image. */
static void
shim_modinfo(const unsigned char *img, size_t len, __u32 *ret_type, __u32 *ret_len)
{
    const char *forced = getenv("XCVR_SHIM_MODTYPE");
    unsigned char id = len > 0 ? img[0] : 0;

    if (forced != NULL && strcmp(forced, "sff8079") == 0) {
        *ret_type = ETH_MODULE_SFF_8079;
        *ret_len = ETH_MODULE_SFF_8079_LEN;
    } else if (forced != NULL && strcmp(forced, "sff8472") == 0) {
        *ret_type = ETH_MODULE_SFF_8472;
        *ret_len = ETH_MODULE_SFF_8472_LEN;
    } else if ((forced != NULL && strcmp(forced, "sff8636") == 0) ||
               (forced == NULL && (id == 0x0d || id == 0x11))) {
        *ret_type = ETH_MODULE_SFF_8636;
        *ret_len = len > ETH_MODULE_SFF_8636_LEN ? ETH_MODULE_SFF_8636_MAX_LEN
                                                : ETH_MODULE_SFF_8636_LEN;
    } else if ((forced != NULL && strcmp(forced, "sff8436") == 0) ||
               (forced == NULL && id == 0x0c)) {
        *ret_type = ETH_MODULE_SFF_8436;
        *ret_len = len > ETH_MODULE_SFF_8436_LEN ? ETH_MODULE_SFF_8436_MAX_LEN
                                                : ETH_MODULE_SFF_8436_LEN;
    } else if (len >= ETH_MODULE_SFF_8472_LEN) {
        /* A driver reports SFF-8472 only after reading all of A2h; a shorter image is A0h. */
        *ret_type = ETH_MODULE_SFF_8472;
        *ret_len = ETH_MODULE_SFF_8472_LEN;
    } else {
        *ret_type = ETH_MODULE_SFF_8079;
        *ret_len = ETH_MODULE_SFF_8079_LEN;
    }
}

static int
shim_ethtool(struct ifreq *ifr)
{
    unsigned char img[SHIM_MAX_IMAGE];
    size_t len = 0;
    __u32 cmd;
    __u32 type;
    __u32 eeprom_len;
    int r;

    memcpy(&cmd, ifr->ifr_data, sizeof(cmd));
    if (cmd != ETHTOOL_GMODULEINFO && cmd != ETHTOOL_GMODULEEEPROM)
        return -ENOSYS; /* not ours: let the kernel answer */

    if ((r = shim_fault()) != 0)
        return -r;
    if ((r = shim_load_image(img, sizeof(img), &len)) < 0)
        return r;
    shim_modinfo(img, len, &type, &eeprom_len);
    /* Unpublished bytes of a partial image read as zero, as the published C arrays did. */
    if (len < eeprom_len)
        memset(img + len, 0, eeprom_len - len);

    if (cmd == ETHTOOL_GMODULEINFO) {
        struct ethtool_modinfo info;

        memset(&info, 0, sizeof(info));
        info.cmd = cmd;
        info.type = type;
        info.eeprom_len = eeprom_len;
        memcpy(ifr->ifr_data, &info, sizeof(info));
        shim_log("ioctl GMODULEINFO %s type=%u len=%u", ifr->ifr_name, type, eeprom_len);
        return 0;
    } else {
        struct ethtool_eeprom ee;

        memcpy(&ee, ifr->ifr_data, sizeof(ee));
        if (ee.offset > eeprom_len || ee.len > eeprom_len - ee.offset)
            return -EINVAL;
        memcpy((char *)ifr->ifr_data + sizeof(ee), img + ee.offset, ee.len);
        shim_log("ioctl GMODULEEEPROM %s offset=%u len=%u", ifr->ifr_name, ee.offset, ee.len);
        return 0;
    }
}

int
socket(int domain, int type, int protocol)
{
    socket_fn real = (socket_fn)dlsym(RTLD_NEXT, "socket");

    if (domain == AF_NETLINK && protocol == NETLINK_GENERIC && getenv("XCVR_SHIM_NETLINK") == NULL) {
        errno = EPROTONOSUPPORT;
        return -1;
    }
    return real(domain, type, protocol);
}

int
ioctl(int fd, unsigned long request, ...)
{
    ioctl_fn real = (ioctl_fn)dlsym(RTLD_NEXT, "ioctl");
    va_list ap;
    void *arg;

    va_start(ap, request);
    arg = va_arg(ap, void *);
    va_end(ap);

    if (request == SIOCETHTOOL) {
        int r = shim_ethtool(arg);

        if (r != -ENOSYS) {
            if (r < 0) {
                errno = -r;
                return -1;
            }
            return 0;
        }
    }
    return real(fd, request, arg);
}
