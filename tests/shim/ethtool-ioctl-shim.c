/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ethtool-ioctl-shim.c: test-only LD_PRELOAD library that lets a real, unmodified
 * `ethtool -m IFACE` decode a module EEPROM image file on any interface, over either
 * of ethtool's two kernel interfaces (the SIOCETHTOOL ioctl or ethtool netlink).
 *
 * Implements the user-visible kernel side of: the SIOCETHTOOL ETHTOOL_GMODULEINFO /
 * ETHTOOL_GMODULEEEPROM ioctls (<linux/ethtool.h>); generic netlink family resolution
 * (CTRL_CMD_GETFAMILY, <linux/genetlink.h>); ETHTOOL_MSG_MODULE_EEPROM_GET
 * (<linux/ethtool_netlink.h>, kernel Documentation/networking/ethtool-netlink.rst
 * "MODULE_EEPROM_GET"); netlink acks and extended acks (<linux/netlink.h>). Module
 * memory follows SFF-8472 rev 12.4 (A0h/A2h), SFF-8636 rev 2.10a and CMIS 5.2
 * (lower memory plus 128-byte upper pages, CMIS banks).
 *
 * It sits at the system-call boundary and nowhere else:
 *  - ioctl path (XCVR_SHIM_NETLINK unset): socket(AF_NETLINK, *, NETLINK_GENERIC)
 *    fails with EPROTONOSUPPORT, which makes ethtool >= 5.13 fall back from its netlink
 *    path to the SIOCETHTOOL ioctl; ETHTOOL_GMODULEINFO / ETHTOOL_GMODULEEEPROM are
 *    answered from the image, laid out as ethtool's ioctl returns it (SFF-8472: A0h then
 *    A2h; SFF-8636: lower page then upper pages).
 *  - netlink path (XCVR_SHIM_NETLINK=1): socket(AF_NETLINK, SOCK_RAW|SOCK_DGRAM,
 *    NETLINK_GENERIC) returns one end of an AF_UNIX datagram socketpair, so poll/select
 *    keep working; the shim plays the kernel on the other end. It answers
 *    CTRL_CMD_GETFAMILY for "ethtool" (advertising ETHTOOL_MSG_MODULE_EEPROM_GET only,
 *    so ethtool falls back to the real ioctl for every other command) and
 *    ETHTOOL_MSG_MODULE_EEPROM_GET from the image; every other request gets an
 *    NLMSG_ERROR (-EOPNOTSUPP for other ethtool commands, -ENOENT for other families).
 *    Acks, sequence numbers, port ids, NETLINK_CAP_ACK and NETLINK_EXT_ACK messages
 *    behave as the kernel's do. bind, getsockname, setsockopt, getsockopt, send, sendto,
 *    sendmsg, recvfrom, recvmsg and close are intercepted on that descriptor only
 *    (read and recv reach the socketpair directly and work, without an address; a
 *    request written with write() is not seen).
 *    The ioctl stays answered too: `ethtool -m IFACE hex on` / `raw on` still use it.
 * Every other call goes to the real libc. The shim's state (sockets, image, read counts)
 * is under one lock, so a threaded reader works too; a "slow" fault sleeps without it.
 * As in the kernel, a netlink request is answered inside the send call that carries it
 * (genetlink runs in the sender's sendmsg), so a slow module read blocks that send, not
 * the recv after it: a deadline kept only by poll() before recv never fires; likewise
 * the ioctl blocks. The sleep resumes after a signal handler returns, as an
 * uninterruptible driver read would.
 *
 * Interface names. Nothing here asks the kernel whether an interface exists: the
 * ioctl answers any ifr_name, and a netlink request naming a device by
 * ETHTOOL_A_HEADER_DEV_NAME is answered for any name. Under XCVR_SHIM_EEPROM_DIR a
 * request with a device index alone must name a real device (if_indextoname), else it
 * fails with -ENODEV and the kernel's "no device matches ifindex".
 *
 * Netlink page map. A request (I2C address, bank, page, offset, length) never crosses
 * offset 128. Offsets 0-127 are lower memory (any bank, page 0); offsets 128-255 are the
 * upper half of (bank, page). The image is a concatenation of segments described by
 * XCVR_SHIM_SEGMENTS, "LABEL@FILEOFFSET+LENGTH ..." (decimal numbers), labels:
 *   lower      I2C 0x50 bytes 0-127 (SFF-8636 / CMIS lower memory)
 *   NNh        upper page NN (hex) of bank 0, bytes 128-255
 *   bB:NNh     upper page NN of bank B (decimal)
 *   A0h, A2h   SFF-8472 I2C 0x50 / 0x51 bytes 0-255 (page 0)
 * A segment shorter than its span (e.g. "A0h@0+144") reads as zero past its end, as the
 * ioctl path zero-pads a short image. Without XCVR_SHIM_SEGMENTS the layout follows the
 * identifier byte (or XCVR_SHIM_MODTYPE) and the size:
 *   SFF-8472 (any identifier other than below): A0h at 0, A2h at 256 if the file has
 *     512 bytes or more;
 *   SFF-8636 (0x0c, 0x0d, 0x11): lower at 0, 00h at 128, and for a file of 640 bytes or
 *     more (ethtool's ioctl layout) 01h, 02h, 03h at 256, 384, 512;
 *   CMIS (0x18, 0x19, 0x1b, 0x1e, 0x1f, 0x20): as SFF-8636 for 640 bytes or more, else
 *     lower, 00h, then 01h, 02h, 11h (the pages ethtool 6.1 reads, ascending) for as many
 *     whole 128-byte pages as the file holds.
 * A page the image does not hold fails with -EINVAL and no extended-ack message: that
 * is what the kernel's generic fallback (drivers without get_module_eeprom_by_page, e.g.
 * mlx4 reporting a 256-byte SFF-8636 EEPROM) answers for a page past the driver's
 * EEPROM length; ethtool 6.1 then prints "netlink error: Invalid argument".
 *
 * One image per interface (XCVR_SHIM_EEPROM_DIR=DIR). Interface IFNAME is served from
 * DIR/IFNAME.bin, with the netlink page map read from DIR/IFNAME.segments when that exists
 * (same syntax as XCVR_SHIM_SEGMENTS, any whitespace between tokens) and the default
 * layout otherwise; XCVR_SHIM_EEPROM and XCVR_SHIM_SEGMENTS are then ignored. Without
 * IFNAME.bin:
 *   DIR/IFNAME.empty   an empty cage: every module read answers 0xff bytes, at any I2C
 *                      address, bank and page (an SFP cage with nothing on its I2C bus
 *                      reads as the pulled-up bus), and GMODULEINFO reports SFF-8079,
 *                      256 bytes (the identifier byte, 0xff, names nothing). The file's
 *                      contents are ignored. Real drivers differ (many fail with EIO or
 *                      ENODEV instead); those are XCVR_SHIM_FAULT=eio / enodev.
 *   neither            no module support: every module request fails with EOPNOTSUPP
 *                      (ioctl errno; netlink NLMSG_ERROR -EOPNOTSUPP with no extended-ack
 *                      message), as the kernel answers for a device whose driver has no
 *                      module EEPROM operations (virtual devices, most NICs without
 *                      cages).
 *
 * Faults (XCVR_SHIM_FAULT) apply to module requests: GMODULEINFO, GMODULEEEPROM and
 * MODULE_EEPROM_GET. XCVR_SHIM_FAULT_IFACE=IFNAME limits them to that interface;
 * XCVR_SHIM_FAULT_AFTER=N lets the first N successful module reads of each interface
 * (GMODULEEEPROM or MODULE_EEPROM_GET answers; GMODULEINFO does not count) through and
 * faults every request after them, e.g. XCVR_SHIM_FAULT=enodev XCVR_SHIM_FAULT_AFTER=2
 * for an interface that vanishes after two pages. Counts are per process.
 *
 * Environment:
 *   XCVR_SHIM_EEPROM    image file (required for module requests unless
 *                       XCVR_SHIM_EEPROM_DIR is set)
 *   XCVR_SHIM_EEPROM_DIR  one image per interface, see above
 *   XCVR_SHIM_NETLINK   1: emulate ethtool netlink as above; unset: netlink sockets fail
 *                       (ioctl path); old: emulate a kernel 5.6-5.12 ethtool family,
 *                       which resolves but has no MODULE_EEPROM_GET (not in its ops;
 *                       the request fails with -EOPNOTSUPP as an unknown genetlink
 *                       command does); any other value: netlink reaches the real kernel
 *   XCVR_SHIM_SEGMENTS  netlink page map of the image (see above)
 *   XCVR_SHIM_MODTYPE   sff8079 | sff8472 | sff8636 | sff8436 (default: from image size
 *                       and identifier byte)
 *   XCVR_SHIM_FAULT     eio | enodev | eopnotsupp | eperm: fail module requests with that
 *                       errno (ioctl: the ioctl fails; netlink: NLMSG_ERROR with that
 *                       errno, no extended-ack message, as from a driver; eperm is what
 *                       the kernel answers a caller without CAP_NET_ADMIN);
 *                       short: answer fewer bytes than asked, half the length rounded
 *                       down (netlink: a shorter ETHTOOL_A_MODULE_EEPROM_DATA; ioctl: a
 *                       smaller ee.len, as the kernel reports a driver's short read);
 *                       slow: sleep XCVR_SHIM_SLOW_MS before answering each module
 *                       request, then answer normally
 *   XCVR_SHIM_FAULT_IFACE  only this interface gets XCVR_SHIM_FAULT
 *   XCVR_SHIM_FAULT_AFTER  N: the fault starts after N successful module reads
 *   XCVR_SHIM_SLOW_MS   milliseconds a "slow" request takes (default 2000)
 *   XCVR_SHIM_LOG       file to append one line per answered request to, e.g.
 *                       "netlink MODULE_EEPROM_GET dev=eth0 i2c=0x50 bank=0 page=0x11
 *                       offset=128 len=128" (dev=#N when the request named only a device
 *                       index N that has no name; " short=N" appended when a short
 *                       fault answered N bytes, " error=EINVAL" when it failed), or
 *                       "ioctl GMODULEEEPROM eth0 offset=0 len=256" (" short=N",
 *                       " error=EIO" likewise)
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/ethtool.h>
#include <linux/ethtool_netlink.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define SHIM_MAX_IMAGE 4096

/*
 * Under _GNU_SOURCE glibc declares the address arguments of bind, getsockname, sendto
 * and recvfrom as transparent unions; the definitions below use the same types and
 * SHIM_SA() to reach the pointer inside.
 */
#if defined(__GLIBC__) && defined(__USE_GNU) && !defined(__cplusplus)
#define SHIM_SA(arg) ((arg).__sockaddr__)
#else
#define SHIM_SA(arg) (arg)
#endif

typedef int (*socket_fn)(int, int, int);
typedef int (*socketpair_fn)(int, int, int, int *);
typedef int (*ioctl_fn)(int, unsigned long, ...);
typedef int (*bind_fn)(int, const struct sockaddr *, socklen_t);
typedef int (*getsockname_fn)(int, struct sockaddr *, socklen_t *);
typedef int (*setsockopt_fn)(int, int, int, const void *, socklen_t);
typedef int (*getsockopt_fn)(int, int, int, void *, socklen_t *);
typedef ssize_t (*send_fn)(int, const void *, size_t, int);
typedef ssize_t (*sendto_fn)(int, const void *, size_t, int, const struct sockaddr *,
                             socklen_t);
typedef ssize_t (*sendmsg_fn)(int, const struct msghdr *, int);
typedef ssize_t (*recvfrom_fn)(int, void *, size_t, int, struct sockaddr *, socklen_t *);
typedef ssize_t (*recvmsg_fn)(int, struct msghdr *, int);
typedef int (*close_fn)(int);

/* The next definition of @name; memcpy keeps ISO C's object/function pointer rule. */
static void
shim_real(const char *name, void *ret_fn, size_t size)
{
    void *sym = dlsym(RTLD_NEXT, name);

    memcpy(ret_fn, &sym, size);
}

#define SHIM_REAL(type, name, var) \
    type var; \
    shim_real(name, &var, sizeof(var))

/* One lock for all of the shim's state; recursive because the shim's own close() and
 * friends resolve to its interposers. */
static pthread_mutex_t shim_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

#define SHIM_LOCK() pthread_mutex_lock(&shim_lock)
#define SHIM_UNLOCK() pthread_mutex_unlock(&shim_lock)

#define SHIM_MAX_SEGMENTS_TEXT 4096

/* Where one interface's module memory comes from (see "One image per interface"). */
typedef struct {
    char path[PATH_MAX];         /* the image file */
    const char *segments;        /* the netlink page map, NULL: the default layout */
    char segments_buf[SHIM_MAX_SEGMENTS_TEXT];
    int empty;                   /* an empty cage: every byte reads 0xff */
} ShimSource;

/* Reads a whole small text file into @buf as one NUL-terminated line. */
static int
shim_read_text(const char *path, char *buf, size_t size)
{
    size_t len = 0;
    ssize_t n;
    size_t i;
    int fd;

    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    while (len < size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
        len += (size_t)n;
    close(fd);
    buf[len] = '\0';
    for (i = 0; i < len; i++) {
        if (buf[i] == '\n' || buf[i] == '\r')
            buf[i] = ' ';
    }
    return 0;
}

/* The image serving @ifname: -EOPNOTSUPP when there is none (no module support). */
static int
shim_source_find(const char *ifname, ShimSource *ret_src)
{
    const char *dir = getenv("XCVR_SHIM_EEPROM_DIR");
    const char *path;
    char seg[PATH_MAX];
    int n;

    ret_src->segments = NULL;
    ret_src->empty = 0;
    if (dir == NULL) {
        path = getenv("XCVR_SHIM_EEPROM");
        if (path == NULL)
            return -EOPNOTSUPP;
        if (strlen(path) >= sizeof(ret_src->path))
            return -ENAMETOOLONG;
        strcpy(ret_src->path, path);
        ret_src->segments = getenv("XCVR_SHIM_SEGMENTS");
        return 0;
    }
    if (ifname[0] == '\0' || strchr(ifname, '/') != NULL)
        return -EOPNOTSUPP;
    n = snprintf(ret_src->path, sizeof(ret_src->path), "%s/%s.bin", dir, ifname);
    if (n < 0 || (size_t)n >= sizeof(ret_src->path))
        return -ENAMETOOLONG;
    if (access(ret_src->path, F_OK) == 0) {
        n = snprintf(seg, sizeof(seg), "%s/%s.segments", dir, ifname);
        if (n > 0 && (size_t)n < sizeof(seg) &&
            shim_read_text(seg, ret_src->segments_buf, sizeof(ret_src->segments_buf)) == 0)
            ret_src->segments = ret_src->segments_buf;
        return 0;
    }
    snprintf(ret_src->path, sizeof(ret_src->path), "%s/%s.empty", dir, ifname);
    if (access(ret_src->path, F_OK) == 0) {
        ret_src->empty = 1;
        return 0;
    }
    return -EOPNOTSUPP;
}

static int
shim_load_image(const ShimSource *src, unsigned char *buf, size_t size, size_t *ret_len)
{
    size_t len = 0;
    ssize_t n;
    int fd;

    if (src->empty) {
        /* What the ioctl path sees of an empty cage: one SFF-8079 page of 0xff. */
        len = size < 2 * 128 ? size : 2 * 128;
        memset(buf, 0xff, len);
        *ret_len = len;
        return 0;
    }
    fd = open(src->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    while (len < size && (n = read(fd, buf + len, size - len)) > 0)
        len += (size_t)n;
    close(fd);
    *ret_len = len;
    return 0;
}

static void shim_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

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

/* What XCVR_SHIM_FAULT does to one module request. */
typedef struct {
    int err;                     /* fail with this errno; 0: answer */
    int short_read;              /* answer half the bytes asked for */
    unsigned int slow_ms;        /* sleep this long first */
} ShimFault;

/* Successful module reads per interface, for XCVR_SHIM_FAULT_AFTER. */
#define SHIM_MAX_IFACES 64

typedef struct {
    char name[IF_NAMESIZE];
    unsigned long reads;
} ShimIfaceReads;

static ShimIfaceReads shim_iface_reads[SHIM_MAX_IFACES];

/* @ifname's counter, created on first use (NULL when the table is full). Under the lock. */
static ShimIfaceReads *
shim_iface_reads_get(const char *ifname)
{
    size_t i;

    for (i = 0; i < SHIM_MAX_IFACES; i++) {
        ShimIfaceReads *r = &shim_iface_reads[i];

        if (r->name[0] == '\0') {
            snprintf(r->name, sizeof(r->name), "%s", ifname);
            return r;
        }
        if (strncmp(r->name, ifname, sizeof(r->name) - 1) == 0)
            return r;
    }
    return NULL;
}

/* Counts one successful module read of @ifname. */
static void
shim_iface_read_done(const char *ifname)
{
    ShimIfaceReads *r;

    SHIM_LOCK();
    r = shim_iface_reads_get(ifname);
    if (r != NULL)
        r->reads++;
    SHIM_UNLOCK();
}

/* The fault for the next module request on @ifname (see XCVR_SHIM_FAULT). */
static void
shim_fault_get(const char *ifname, ShimFault *ret_fault)
{
    const char *fault = getenv("XCVR_SHIM_FAULT");
    const char *only = getenv("XCVR_SHIM_FAULT_IFACE");
    const char *after = getenv("XCVR_SHIM_FAULT_AFTER");
    const char *slow = getenv("XCVR_SHIM_SLOW_MS");

    memset(ret_fault, 0, sizeof(*ret_fault));
    if (fault == NULL)
        return;
    if (only != NULL && strcmp(only, ifname) != 0)
        return;
    if (after != NULL) {
        unsigned long n = strtoul(after, NULL, 10);
        ShimIfaceReads *r;
        unsigned long done;

        SHIM_LOCK();
        r = shim_iface_reads_get(ifname);
        done = r != NULL ? r->reads : 0;
        SHIM_UNLOCK();
        if (done < n)
            return;
    }
    if (strcmp(fault, "eio") == 0)
        ret_fault->err = EIO;
    else if (strcmp(fault, "enodev") == 0)
        ret_fault->err = ENODEV;
    else if (strcmp(fault, "eopnotsupp") == 0)
        ret_fault->err = EOPNOTSUPP;
    else if (strcmp(fault, "eperm") == 0)
        ret_fault->err = EPERM;
    else if (strcmp(fault, "short") == 0)
        ret_fault->short_read = 1;
    else if (strcmp(fault, "slow") == 0)
        ret_fault->slow_ms = slow != NULL ? (unsigned int)strtoul(slow, NULL, 10) : 2000;
}

/* Sleeps @ms milliseconds whatever signals arrive, as a driver's I2C read would. */
static void
shim_sleep_ms(unsigned int ms)
{
    struct timespec ts;
    int saved = errno;

    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
    errno = saved;
}

static const char *shim_errno_name(int err);

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
    char ifname[IF_NAMESIZE];
    ShimSource src;
    ShimFault fault;
    struct ethtool_eeprom ee;
    size_t len = 0;
    __u32 cmd;
    __u32 type;
    __u32 eeprom_len;
    __u32 got;
    int r;

    memcpy(&cmd, ifr->ifr_data, sizeof(cmd));
    if (cmd != ETHTOOL_GMODULEINFO && cmd != ETHTOOL_GMODULEEEPROM)
        return -ENOSYS; /* not ours: let the kernel answer */
    memcpy(ifname, ifr->ifr_name, sizeof(ifname));
    ifname[sizeof(ifname) - 1] = '\0';
    if (cmd == ETHTOOL_GMODULEEEPROM)
        memcpy(&ee, ifr->ifr_data, sizeof(ee));

    /* The "driver": fault injection, then the image. */
    shim_fault_get(ifname, &fault);
    if (fault.slow_ms != 0)
        shim_sleep_ms(fault.slow_ms);
    r = -fault.err;
    if (r == 0)
        r = shim_source_find(ifname, &src);
    if (r == 0)
        r = shim_load_image(&src, img, sizeof(img), &len);
    if (r < 0) {
        if (cmd == ETHTOOL_GMODULEINFO)
            shim_log("ioctl GMODULEINFO %s error=%s", ifname, shim_errno_name(-r));
        else
            shim_log("ioctl GMODULEEEPROM %s offset=%u len=%u error=%s", ifname, ee.offset,
                     ee.len, shim_errno_name(-r));
        return r;
    }
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
        shim_log("ioctl GMODULEINFO %s type=%u len=%u", ifname, type, eeprom_len);
        return 0;
    }

    if (ee.offset > eeprom_len || ee.len > eeprom_len - ee.offset) {
        shim_log("ioctl GMODULEEEPROM %s offset=%u len=%u error=EINVAL", ifname, ee.offset,
                 ee.len);
        return -EINVAL;
    }
    got = fault.short_read ? ee.len / 2 : ee.len;
    memcpy((char *)ifr->ifr_data + sizeof(ee), img + ee.offset, got);
    if (fault.short_read) {
        __u32 asked = ee.len;

        /* The kernel reports the bytes the driver read in ee.len. */
        ee.len = got;
        memcpy(ifr->ifr_data, &ee, sizeof(ee));
        shim_log("ioctl GMODULEEEPROM %s offset=%u len=%u short=%u", ifname, ee.offset,
                 asked, got);
    } else {
        shim_log("ioctl GMODULEEEPROM %s offset=%u len=%u", ifname, ee.offset, ee.len);
    }
    shim_iface_read_done(ifname);
    return 0;
}

/* ---- Netlink path: the image as module memory pages ---------------------------------- */

#define SHIM_NL_MAX_IMAGE (64 * 1024)
#define SHIM_MAX_SEGMENTS 64
#define SHIM_PAGE_LEN 128        /* ETH_MODULE_EEPROM_PAGE_LEN */
#define SHIM_I2C_LOW 0x50        /* SFF-8472 A0h, SFF-8636 / CMIS */
#define SHIM_I2C_HIGH 0x51       /* SFF-8472 A2h */
#define SHIM_I2C_MAX 0x7f

/* One run of image bytes and the module memory it holds (see the file comment). */
typedef struct {
    unsigned int i2c;
    unsigned int bank;
    unsigned int page;
    unsigned int mem_start;      /* first module-memory offset held: 0 or 128 */
    unsigned int mem_span;       /* 128, or 256 for a whole A0h / A2h */
    size_t file_off;
    size_t len;                  /* bytes the image holds; the rest of the span reads 0 */
} ShimSegment;

typedef struct {
    unsigned char data[SHIM_NL_MAX_IMAGE];
    size_t len;
    ShimSegment seg[SHIM_MAX_SEGMENTS];
    size_t n_seg;
    int empty;                   /* an empty cage: every read answers 0xff */
} ShimImage;

static ShimImage shim_image;

static int
shim_segment_add(ShimImage *im, unsigned int i2c, unsigned int bank, unsigned int page,
                 unsigned int mem_start, unsigned int mem_span, size_t file_off, size_t len)
{
    ShimSegment *s;

    if (im->n_seg >= SHIM_MAX_SEGMENTS)
        return -E2BIG;
    s = &im->seg[im->n_seg++];
    s->i2c = i2c;
    s->bank = bank;
    s->page = page;
    s->mem_start = mem_start;
    s->mem_span = mem_span;
    s->file_off = file_off;
    s->len = len;
    return 0;
}

/* "lower", "A0h", "A2h", "NNh" or "bB:NNh" → where the segment sits in module memory. */
static int
shim_segment_label_parse(const char *label, size_t n, unsigned int *ret_i2c,
                         unsigned int *ret_bank, unsigned int *ret_page,
                         unsigned int *ret_start, unsigned int *ret_span)
{
    unsigned long bank = 0;
    unsigned long page;
    char buf[32];
    char *end;
    const char *p;

    if (n == 0 || n >= sizeof(buf))
        return -EINVAL;
    memcpy(buf, label, n);
    buf[n] = '\0';

    if (strcmp(buf, "lower") == 0) {
        *ret_i2c = SHIM_I2C_LOW;
        *ret_bank = 0;
        *ret_page = 0;
        *ret_start = 0;
        *ret_span = SHIM_PAGE_LEN;
        return 0;
    }
    if (strcasecmp(buf, "A0h") == 0 || strcasecmp(buf, "A2h") == 0) {
        *ret_i2c = (buf[1] == '0') ? SHIM_I2C_LOW : SHIM_I2C_HIGH;
        *ret_bank = 0;
        *ret_page = 0;
        *ret_start = 0;
        *ret_span = 2 * SHIM_PAGE_LEN;
        return 0;
    }

    p = buf;
    if (p[0] == 'b' || p[0] == 'B') {
        errno = 0;
        bank = strtoul(p + 1, &end, 10);
        if (end == p + 1 || *end != ':' || errno != 0 || bank > 255)
            return -EINVAL;
        p = end + 1;
    }
    errno = 0;
    page = strtoul(p, &end, 16);
    if (end == p || (*end != 'h' && *end != 'H') || end[1] != '\0' || errno != 0 ||
        page > 255)
        return -EINVAL;
    *ret_i2c = SHIM_I2C_LOW;
    *ret_bank = (unsigned int)bank;
    *ret_page = (unsigned int)page;
    *ret_start = SHIM_PAGE_LEN;
    *ret_span = SHIM_PAGE_LEN;
    return 0;
}

/* Parse XCVR_SHIM_SEGMENTS; on error @ret_bad points at the offending token. */
static int
shim_segments_parse(ShimImage *im, const char *spec, const char **ret_bad)
{
    const char *p = spec;

    while (*p != '\0') {
        unsigned int i2c, bank, page, start, span;
        unsigned long off, len;
        const char *tok, *at;
        char *end;
        int r;

        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (*p == '\0')
            break;
        tok = p;
        *ret_bad = tok;
        at = strchr(tok, '@');
        if (at == NULL)
            return -EINVAL;
        r = shim_segment_label_parse(tok, (size_t)(at - tok), &i2c, &bank, &page, &start,
                                     &span);
        if (r < 0)
            return r;
        errno = 0;
        off = strtoul(at + 1, &end, 10);
        if (end == at + 1 || *end != '+' || errno != 0)
            return -EINVAL;
        p = end + 1;
        len = strtoul(p, &end, 10);
        if (end == p || errno != 0 || len > span ||
            (*end != '\0' && *end != ' ' && *end != '\t' && *end != ','))
            return -EINVAL;
        p = end;
        r = shim_segment_add(im, i2c, bank, page, start, span, off, len);
        if (r < 0)
            return r;
    }
    return 0;
}

static int
shim_id_is_cmis(unsigned char id)
{
    /* SFF-8024 Table 4-1: QSFP-DD, OSFP, DSFP, QSFP+ with CMIS, SFP-DD, SFP+ with CMIS */
    return id == 0x18 || id == 0x19 || id == 0x1b || id == 0x1e || id == 0x1f || id == 0x20;
}

static int
shim_id_is_qsfp(unsigned char id)
{
    /* SFF-8024 Table 4-1: QSFP, QSFP+, QSFP28 */
    return id == 0x0c || id == 0x0d || id == 0x11;
}

/* How many of the @want bytes at file offset @off the image holds. */
static size_t
shim_bytes_at(const ShimImage *im, size_t off, size_t want)
{
    if (im->len <= off)
        return 0;
    return im->len - off < want ? im->len - off : want;
}

/* The default page map when XCVR_SHIM_SEGMENTS is unset (see the file comment). */
static void
shim_segments_default(ShimImage *im)
{
    static const unsigned int ioctl_pages[] = { 0x01, 0x02, 0x03 };
    static const unsigned int cmis_pages[] = { 0x01, 0x02, 0x11 };
    const char *forced = getenv("XCVR_SHIM_MODTYPE");
    unsigned char id = im->len > 0 ? im->data[0] : 0;
    const unsigned int *pages;
    size_t n_pages;
    size_t i;
    int paged;

    if (forced != NULL)
        paged = strcmp(forced, "sff8636") == 0 || strcmp(forced, "sff8436") == 0;
    else
        paged = shim_id_is_qsfp(id) || shim_id_is_cmis(id);

    if (!paged) {
        shim_segment_add(im, SHIM_I2C_LOW, 0, 0, 0, 2 * SHIM_PAGE_LEN, 0,
                         shim_bytes_at(im, 0, 2 * SHIM_PAGE_LEN));
        if (im->len >= 4 * SHIM_PAGE_LEN)
            shim_segment_add(im, SHIM_I2C_HIGH, 0, 0, 0, 2 * SHIM_PAGE_LEN,
                             2 * SHIM_PAGE_LEN, 2 * SHIM_PAGE_LEN);
        return;
    }

    /* Lower memory and page 00h are always present; a short image reads as zero. */
    shim_segment_add(im, SHIM_I2C_LOW, 0, 0, 0, SHIM_PAGE_LEN, 0,
                     shim_bytes_at(im, 0, SHIM_PAGE_LEN));
    shim_segment_add(im, SHIM_I2C_LOW, 0, 0, SHIM_PAGE_LEN, SHIM_PAGE_LEN, SHIM_PAGE_LEN,
                     shim_bytes_at(im, SHIM_PAGE_LEN, SHIM_PAGE_LEN));

    if (im->len >= (size_t)ETH_MODULE_SFF_8636_MAX_LEN) {
        pages = ioctl_pages;
        n_pages = sizeof(ioctl_pages) / sizeof(ioctl_pages[0]);
    } else if (forced == NULL && shim_id_is_cmis(id)) {
        pages = cmis_pages;
        n_pages = sizeof(cmis_pages) / sizeof(cmis_pages[0]);
    } else {
        return;
    }
    for (i = 0; i < n_pages; i++) {
        size_t off = (i + 2) * SHIM_PAGE_LEN;

        if (off + SHIM_PAGE_LEN > im->len)
            break;
        shim_segment_add(im, SHIM_I2C_LOW, 0, pages[i], SHIM_PAGE_LEN, SHIM_PAGE_LEN, off,
                         SHIM_PAGE_LEN);
    }
}

static int
shim_image_load(ShimImage *im, const ShimSource *src)
{
    const char *spec = src->segments;
    const char *bad = NULL;
    int r;

    im->len = 0;
    im->n_seg = 0;
    im->empty = src->empty;
    if (src->empty)
        return 0;
    r = shim_load_image(src, im->data, sizeof(im->data), &im->len);
    if (r < 0)
        return r;
    if (spec == NULL) {
        shim_segments_default(im);
        return 0;
    }
    r = shim_segments_parse(im, spec, &bad);
    if (r < 0) {
        /* A harness mistake: say so loudly rather than answer from a wrong map. */
        if (spec == src->segments_buf)
            fprintf(stderr, "xcvr-ethtool-shim: bad segment map beside %s at \"%s\"\n",
                    src->path, bad != NULL ? bad : spec);
        else
            fprintf(stderr, "xcvr-ethtool-shim: bad XCVR_SHIM_SEGMENTS at \"%s\"\n",
                    bad != NULL ? bad : spec);
        return -EINVAL;
    }
    return 0;
}

/* Copy @len bytes at module memory (@i2c, @bank, @page, @offset) into @out. */
static int
shim_image_read(const ShimImage *im, unsigned int i2c, unsigned int bank, unsigned int page,
                unsigned int offset, unsigned int len, unsigned char *out)
{
    size_t i;

    if (im->empty) {
        memset(out, 0xff, len);
        return 0;
    }
    for (i = 0; i < im->n_seg; i++) {
        const ShimSegment *s = &im->seg[i];
        size_t rel, k;

        if (s->i2c != i2c || offset < s->mem_start ||
            offset + len > s->mem_start + s->mem_span)
            continue;
        /* Lower memory is the same whatever the bank; upper memory is per (bank, page). */
        if (offset >= SHIM_PAGE_LEN && (s->page != page || s->bank != bank))
            continue;
        rel = offset - s->mem_start;
        for (k = 0; k < len; k++) {
            size_t pos = s->file_off + rel + k;

            out[k] = (rel + k < s->len && pos < im->len) ? im->data[pos] : 0;
        }
        return 0;
    }
    return -EINVAL;
}

/* ---- Netlink path: the socket and the kernel's side of it ---------------------------- */

#define SHIM_NL_MAX_SOCKETS 8
#define SHIM_NL_BUF 8192
#define SHIM_NL_ETHTOOL_FAMILY 0x15       /* any id >= GENL_MIN_ID would do */
#define SHIM_NL_MONITOR_GROUP 6
#define SHIM_NL_CTRL_VERSION 2
#define SHIM_NL_PORTID_BASE 4096u         /* later sockets get -4096, -4097, ... */

typedef struct {
    int used;
    int fd;                  /* the application's end */
    int peer;                /* the end the shim writes replies into */
    int type;                /* SOCK_RAW or SOCK_DGRAM, as the application asked */
    __u32 portid;
    int bound;
    int ext_ack;
    int cap_ack;
} ShimNlSocket;

typedef struct {
    unsigned char buf[SHIM_NL_BUF];
    size_t len;
    int overflow;
} ShimNlBuf;

/* Extended-ack detail for an error: a message and the offending attribute's offset. */
typedef struct {
    const char *msg;
    size_t attr_off;         /* from the start of the request's nlmsghdr; 0: none */
} ShimNlExtack;

static ShimNlSocket shim_nl_sockets[SHIM_NL_MAX_SOCKETS];
static unsigned int shim_nl_autobinds;

static ShimNlSocket *
shim_nl_lookup(int fd)
{
    size_t i;

    if (fd < 0)
        return NULL;
    for (i = 0; i < SHIM_NL_MAX_SOCKETS; i++) {
        if (shim_nl_sockets[i].used && shim_nl_sockets[i].fd == fd)
            return &shim_nl_sockets[i];
    }
    return NULL;
}

static const char *
shim_errno_name(int err)
{
    static char other[24];

    switch (err) {
    case 0:
        return "OK";
    case EINVAL:
        return "EINVAL";
    case EIO:
        return "EIO";
    case ENODEV:
        return "ENODEV";
    case EOPNOTSUPP:
        return "EOPNOTSUPP";
    case ERANGE:
        return "ERANGE";
    case ENOENT:
        return "ENOENT";
    case E2BIG:
        return "E2BIG";
    case EMSGSIZE:
        return "EMSGSIZE";
    case ENOMEM:
        return "ENOMEM";
    case EACCES:
        return "EACCES";
    case EPERM:
        return "EPERM";
    case ENAMETOOLONG:
        return "ENAMETOOLONG";
    default:
        snprintf(other, sizeof(other), "errno%d", err);
        return other;
    }
}

/* Reserve @len bytes (4-byte aligned, zeroed) and return their offset. */
static size_t
shim_nl_reserve(ShimNlBuf *b, size_t len)
{
    size_t off = b->len;
    size_t total = NLMSG_ALIGN(len);

    if (b->overflow || total > sizeof(b->buf) - b->len) {
        b->overflow = 1;
        return 0;
    }
    memset(b->buf + off, 0, total);
    b->len += total;
    return off;
}

static void
shim_nl_put_bytes(ShimNlBuf *b, const void *data, size_t len)
{
    size_t off = shim_nl_reserve(b, len);

    if (!b->overflow && len > 0)
        memcpy(b->buf + off, data, len);
}

static size_t
shim_nl_msg_start(ShimNlBuf *b, __u16 type, __u16 flags, __u32 seq, __u32 portid)
{
    struct nlmsghdr h;
    size_t off = b->len;

    memset(&h, 0, sizeof(h));
    h.nlmsg_type = type;
    h.nlmsg_flags = flags;
    h.nlmsg_seq = seq;
    h.nlmsg_pid = portid;
    shim_nl_put_bytes(b, &h, sizeof(h));
    return off;
}

static void
shim_nl_msg_end(ShimNlBuf *b, size_t start)
{
    __u32 len = (__u32)(b->len - start);

    if (!b->overflow)
        memcpy(b->buf + start, &len, sizeof(len));
}

static void
shim_nl_put_genl(ShimNlBuf *b, __u8 cmd, __u8 version)
{
    struct genlmsghdr g;

    memset(&g, 0, sizeof(g));
    g.cmd = cmd;
    g.version = version;
    shim_nl_put_bytes(b, &g, sizeof(g));
}

static void
shim_nl_put_attr(ShimNlBuf *b, __u16 type, const void *data, size_t len)
{
    struct nlattr a;
    size_t off;

    a.nla_len = (__u16)(NLA_HDRLEN + len);
    a.nla_type = type;
    off = shim_nl_reserve(b, NLA_HDRLEN + len);
    if (b->overflow)
        return;
    memcpy(b->buf + off, &a, sizeof(a));
    if (len > 0)
        memcpy(b->buf + off + NLA_HDRLEN, data, len);
}

static void
shim_nl_put_u32(ShimNlBuf *b, __u16 type, __u32 v)
{
    shim_nl_put_attr(b, type, &v, sizeof(v));
}

static void
shim_nl_put_u16(ShimNlBuf *b, __u16 type, __u16 v)
{
    shim_nl_put_attr(b, type, &v, sizeof(v));
}

static void
shim_nl_put_string(ShimNlBuf *b, __u16 type, const char *s)
{
    shim_nl_put_attr(b, type, s, strlen(s) + 1);
}

static size_t
shim_nl_nest_start(ShimNlBuf *b, __u16 type)
{
    size_t off = b->len;

    shim_nl_put_attr(b, type | NLA_F_NESTED, NULL, 0);
    return off;
}

static void
shim_nl_nest_end(ShimNlBuf *b, size_t start)
{
    __u16 len = (__u16)(b->len - start);

    if (!b->overflow)
        memcpy(b->buf + start, &len, sizeof(len));
}

/* Queue one datagram (one kernel skb) for the application to receive. */
static void
shim_nl_deliver(const ShimNlSocket *s, const ShimNlBuf *b)
{
    SHIM_REAL(send_fn, "send", real_send);
    int saved = errno;

    if (b->len > 0 && !b->overflow)
        (void)real_send(s->peer, b->buf, b->len, MSG_DONTWAIT | MSG_NOSIGNAL);
    errno = saved;
}

/* NLMSG_ERROR for @req: an ack when @err is 0, as net/netlink does for NLM_F_ACK. */
static void
shim_nl_send_error(const ShimNlSocket *s, const struct nlmsghdr *req, int err,
                   const ShimNlExtack *ext)
{
    ShimNlBuf b;
    struct nlmsgerr e;
    __u16 flags = 0;
    /* Acks never echo the payload; errors do unless NETLINK_CAP_ACK (or it cannot fit). */
    int capped = (err == 0 || s->cap_ack || req->nlmsg_len > SHIM_NL_BUF / 2);
    int tlvs = (s->ext_ack && err != 0 && ext != NULL &&
                (ext->msg != NULL || ext->attr_off != 0));
    size_t start;

    b.len = 0;
    b.overflow = 0;
    if (capped)
        flags |= NLM_F_CAPPED;
    if (tlvs)
        flags |= NLM_F_ACK_TLVS;
    start = shim_nl_msg_start(&b, NLMSG_ERROR, flags, req->nlmsg_seq, s->portid);
    memset(&e, 0, sizeof(e));
    e.error = err;
    memcpy(&e.msg, req, sizeof(e.msg));
    if (capped) {
        shim_nl_put_bytes(&b, &e, sizeof(e));
    } else {
        /* struct nlmsgerr then the rest of the request, in one aligned run. */
        size_t body = req->nlmsg_len - sizeof(*req);
        size_t off = shim_nl_reserve(&b, sizeof(e) + body);

        if (!b.overflow) {
            memcpy(b.buf + off, &e, sizeof(e));
            memcpy(b.buf + off + sizeof(e), (const unsigned char *)req + sizeof(*req), body);
        }
    }
    if (tlvs) {
        if (ext->msg != NULL)
            shim_nl_put_string(&b, NLMSGERR_ATTR_MSG, ext->msg);
        if (ext->attr_off != 0)
            shim_nl_put_u32(&b, NLMSGERR_ATTR_OFFS, (__u32)ext->attr_off);
    }
    shim_nl_msg_end(&b, start);
    shim_nl_deliver(s, &b);
}

/* Walk the attributes in [@base, @base + @len) into @tb (indexed by type, up to @max). */
static int
shim_nl_parse_attrs(const unsigned char *base, size_t len, const struct nlattr **tb,
                    unsigned int max, const unsigned char *msg_start, ShimNlExtack *ext)
{
    size_t off = 0;

    memset(tb, 0, sizeof(*tb) * (max + 1));
    while (off + NLA_HDRLEN <= len) {
        const struct nlattr *a = (const struct nlattr *)(const void *)(base + off);
        unsigned int type = a->nla_type & NLA_TYPE_MASK;

        if (a->nla_len < NLA_HDRLEN || a->nla_len > len - off) {
            ext->msg = "xcvr-shim: malformed attribute";
            ext->attr_off = (size_t)(base + off - msg_start);
            return -EINVAL;
        }
        if (type == 0 || type > max) {
            ext->msg = "xcvr-shim: unknown attribute type";
            ext->attr_off = (size_t)(base + off - msg_start);
            return -EINVAL;
        }
        tb[type] = a;
        off += NLA_ALIGN(a->nla_len);
    }
    return 0;
}

static int
shim_nl_attr_check_len(const struct nlattr *a, size_t want, const unsigned char *msg_start,
                       ShimNlExtack *ext)
{
    if (a != NULL && (size_t)a->nla_len - NLA_HDRLEN != want) {
        ext->msg = "xcvr-shim: attribute has the wrong length";
        ext->attr_off = (size_t)((const unsigned char *)a - msg_start);
        return -EINVAL;
    }
    return 0;
}

static const void *
shim_nl_attr_data(const struct nlattr *a)
{
    return (const unsigned char *)a + NLA_HDRLEN;
}

static __u32
shim_nl_attr_u32(const struct nlattr *a)
{
    __u32 v;

    memcpy(&v, shim_nl_attr_data(a), sizeof(v));
    return v;
}

static __u8
shim_nl_attr_u8(const struct nlattr *a)
{
    return *(const __u8 *)shim_nl_attr_data(a);
}

/* XCVR_SHIM_NETLINK=old: an ethtool family from before MODULE_EEPROM_GET (kernel < 5.13). */
static int
shim_nl_old_kernel(void)
{
    const char *nl = getenv("XCVR_SHIM_NETLINK");

    return nl != NULL && strcmp(nl, "old") == 0;
}

/* Append the "ethtool" family description (CTRL_CMD_NEWFAMILY) to @b. */
static void
shim_nl_put_family(ShimNlBuf *b, const struct nlmsghdr *req, __u16 flags, __u32 portid)
{
    size_t msg, ops, op, grps, grp;

    msg = shim_nl_msg_start(b, GENL_ID_CTRL, flags, req->nlmsg_seq, portid);
    shim_nl_put_genl(b, CTRL_CMD_NEWFAMILY, SHIM_NL_CTRL_VERSION);
    shim_nl_put_string(b, CTRL_ATTR_FAMILY_NAME, ETHTOOL_GENL_NAME);
    shim_nl_put_u16(b, CTRL_ATTR_FAMILY_ID, SHIM_NL_ETHTOOL_FAMILY);
    shim_nl_put_u32(b, CTRL_ATTR_VERSION, ETHTOOL_GENL_VERSION);
    shim_nl_put_u32(b, CTRL_ATTR_HDRSIZE, 0);
    shim_nl_put_u32(b, CTRL_ATTR_MAXATTR, 0);   /* per-command policies, as ethtool's */
    /* Only what the shim answers: ethtool uses the ioctl for every other command. */
    ops = shim_nl_nest_start(b, CTRL_ATTR_OPS);
    if (!shim_nl_old_kernel()) {
        op = shim_nl_nest_start(b, 1);
        shim_nl_put_u32(b, CTRL_ATTR_OP_ID, ETHTOOL_MSG_MODULE_EEPROM_GET);
        shim_nl_put_u32(b, CTRL_ATTR_OP_FLAGS,
                        GENL_CMD_CAP_DO | GENL_CMD_CAP_HASPOL | GENL_UNS_ADMIN_PERM);
        shim_nl_nest_end(b, op);
    }
    shim_nl_nest_end(b, ops);
    grps = shim_nl_nest_start(b, CTRL_ATTR_MCAST_GROUPS);
    grp = shim_nl_nest_start(b, 1);
    shim_nl_put_u32(b, CTRL_ATTR_MCAST_GRP_ID, SHIM_NL_MONITOR_GROUP);
    shim_nl_put_string(b, CTRL_ATTR_MCAST_GRP_NAME, ETHTOOL_MCGRP_MONITOR_NAME);
    shim_nl_nest_end(b, grp);
    shim_nl_nest_end(b, grps);
    shim_nl_msg_end(b, msg);
}

/* CTRL_CMD_GETFAMILY: only "ethtool" exists here. Returns 0 or -errno. */
static int
shim_nl_ctrl(const ShimNlSocket *s, const struct nlmsghdr *req, ShimNlBuf *reply,
             ShimNlExtack *ext)
{
    const unsigned char *msg = (const unsigned char *)req;
    const struct genlmsghdr *g = (const struct genlmsghdr *)(const void *)(msg + NLMSG_HDRLEN);
    const struct nlattr *tb[CTRL_ATTR_MAX + 1];
    const char *name = NULL;
    int found;
    int r;

    if (g->cmd != CTRL_CMD_GETFAMILY) {
        shim_log("netlink nlctrl cmd=%u error=EOPNOTSUPP", g->cmd);
        return -EOPNOTSUPP;
    }
    if ((req->nlmsg_flags & NLM_F_DUMP) != 0) {
        size_t done;
        int zero = 0;

        shim_nl_put_family(reply, req, NLM_F_MULTI, s->portid);
        done = shim_nl_msg_start(reply, NLMSG_DONE, NLM_F_MULTI, req->nlmsg_seq, s->portid);
        shim_nl_put_bytes(reply, &zero, sizeof(zero));
        shim_nl_msg_end(reply, done);
        shim_log("netlink CTRL_GETFAMILY dump");
        return 0;
    }
    r = shim_nl_parse_attrs(msg + NLMSG_HDRLEN + GENL_HDRLEN,
                            req->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN, tb, CTRL_ATTR_MAX,
                            msg, ext);
    if (r < 0)
        return r;
    if (tb[CTRL_ATTR_FAMILY_NAME] != NULL) {
        const struct nlattr *a = tb[CTRL_ATTR_FAMILY_NAME];
        size_t n = a->nla_len - NLA_HDRLEN;

        name = shim_nl_attr_data(a);
        found = n > 0 && name[n - 1] == '\0' && strcmp(name, ETHTOOL_GENL_NAME) == 0;
    } else if (tb[CTRL_ATTR_FAMILY_ID] != NULL) {
        __u16 id;

        if (shim_nl_attr_check_len(tb[CTRL_ATTR_FAMILY_ID], sizeof(id), msg, ext) < 0)
            return -EINVAL;
        memcpy(&id, shim_nl_attr_data(tb[CTRL_ATTR_FAMILY_ID]), sizeof(id));
        found = id == SHIM_NL_ETHTOOL_FAMILY;
    } else {
        return -EINVAL;
    }
    shim_log("netlink CTRL_GETFAMILY name=%s%s", name != NULL ? name : "(by id)",
             found ? "" : " error=ENOENT");
    if (!found)
        return -ENOENT;
    shim_nl_put_family(reply, req, 0, s->portid);
    return 0;
}

/* ETHTOOL_MSG_MODULE_EEPROM_GET: one read of at most 128 bytes from the image. */
static int
shim_nl_module_eeprom(const ShimNlSocket *s, const struct nlmsghdr *req, ShimNlBuf *reply,
                      ShimNlExtack *ext)
{
    const unsigned char *msg = (const unsigned char *)req;
    const struct nlattr *tb[ETHTOOL_A_MODULE_EEPROM_MAX + 1];
    const struct nlattr *hb[ETHTOOL_A_HEADER_MAX + 1];
    unsigned char data[SHIM_PAGE_LEN];
    char ifname[IF_NAMESIZE] = "";
    char dev[IF_NAMESIZE + 16];
    char shortened[24] = "";
    unsigned int ifindex = 0;
    ShimSource src;
    ShimFault fault;
    __u32 offset, length, got;
    __u8 page, bank = 0, i2c;
    size_t m, hdr;
    int r;

    if ((req->nlmsg_flags & NLM_F_DUMP) != 0) {
        shim_log("netlink MODULE_EEPROM_GET dump error=EOPNOTSUPP");
        return -EOPNOTSUPP;      /* no dumpit, as advertised */
    }
    r = shim_nl_parse_attrs(msg + NLMSG_HDRLEN + GENL_HDRLEN,
                            req->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN, tb,
                            ETHTOOL_A_MODULE_EEPROM_MAX, msg, ext);
    if (r < 0)
        return r;

    /* The request header names the device (kernel: ethnl_parse_header_dev_get). */
    if (tb[ETHTOOL_A_MODULE_EEPROM_HEADER] == NULL) {
        ext->msg = "xcvr-shim: request header missing";
        return -EINVAL;
    }
    r = shim_nl_parse_attrs(shim_nl_attr_data(tb[ETHTOOL_A_MODULE_EEPROM_HEADER]),
                            tb[ETHTOOL_A_MODULE_EEPROM_HEADER]->nla_len - NLA_HDRLEN, hb,
                            ETHTOOL_A_HEADER_MAX, msg, ext);
    if (r < 0)
        return r;
    if (shim_nl_attr_check_len(hb[ETHTOOL_A_HEADER_DEV_INDEX], 4, msg, ext) < 0 ||
        shim_nl_attr_check_len(hb[ETHTOOL_A_HEADER_FLAGS], 4, msg, ext) < 0)
        return -EINVAL;
    if (hb[ETHTOOL_A_HEADER_DEV_NAME] != NULL) {
        const struct nlattr *a = hb[ETHTOOL_A_HEADER_DEV_NAME];
        size_t n = a->nla_len - NLA_HDRLEN;
        const char *name = shim_nl_attr_data(a);

        if (n == 0 || n > sizeof(ifname) || name[n - 1] != '\0') {
            ext->msg = "xcvr-shim: bad device name";
            ext->attr_off = (size_t)((const unsigned char *)a - msg);
            return -EINVAL;
        }
        memcpy(ifname, name, n);
        ifindex = if_nametoindex(ifname);
    }
    if (hb[ETHTOOL_A_HEADER_DEV_INDEX] != NULL) {
        ifindex = shim_nl_attr_u32(hb[ETHTOOL_A_HEADER_DEV_INDEX]);
        if (ifname[0] == '\0' && if_indextoname(ifindex, ifname) == NULL)
            ifname[0] = '\0';
    }
    if (ifname[0] == '\0' && ifindex == 0) {
        ext->msg = "xcvr-shim: no device specified";
        return -EINVAL;
    }
    if (ifname[0] == '\0' && getenv("XCVR_SHIM_EEPROM_DIR") != NULL) {
        /* Images are per name: an index must name a real device (kernel's wording). */
        ext->msg = "no device matches ifindex";
        ext->attr_off = (size_t)((const unsigned char *)hb[ETHTOOL_A_HEADER_DEV_INDEX] - msg);
        return -ENODEV;
    }
    if (ifname[0] != '\0')
        snprintf(dev, sizeof(dev), "%s", ifname);
    else
        snprintf(dev, sizeof(dev), "#%u", ifindex);

    /* Policy: u32 offset <= 255, u32 length 1..128, u8 page, u8 bank, u8 i2c <= 0x7f. */
    if (shim_nl_attr_check_len(tb[ETHTOOL_A_MODULE_EEPROM_OFFSET], 4, msg, ext) < 0 ||
        shim_nl_attr_check_len(tb[ETHTOOL_A_MODULE_EEPROM_LENGTH], 4, msg, ext) < 0 ||
        shim_nl_attr_check_len(tb[ETHTOOL_A_MODULE_EEPROM_PAGE], 1, msg, ext) < 0 ||
        shim_nl_attr_check_len(tb[ETHTOOL_A_MODULE_EEPROM_BANK], 1, msg, ext) < 0 ||
        shim_nl_attr_check_len(tb[ETHTOOL_A_MODULE_EEPROM_I2C_ADDRESS], 1, msg, ext) < 0)
        return -EINVAL;
    if (tb[ETHTOOL_A_MODULE_EEPROM_OFFSET] == NULL ||
        tb[ETHTOOL_A_MODULE_EEPROM_LENGTH] == NULL ||
        tb[ETHTOOL_A_MODULE_EEPROM_PAGE] == NULL ||
        tb[ETHTOOL_A_MODULE_EEPROM_I2C_ADDRESS] == NULL) {
        ext->msg = "xcvr-shim: offset, length, page and i2c address are required";
        return -EINVAL;
    }
    offset = shim_nl_attr_u32(tb[ETHTOOL_A_MODULE_EEPROM_OFFSET]);
    length = shim_nl_attr_u32(tb[ETHTOOL_A_MODULE_EEPROM_LENGTH]);
    page = shim_nl_attr_u8(tb[ETHTOOL_A_MODULE_EEPROM_PAGE]);
    i2c = shim_nl_attr_u8(tb[ETHTOOL_A_MODULE_EEPROM_I2C_ADDRESS]);
    if (tb[ETHTOOL_A_MODULE_EEPROM_BANK] != NULL)
        bank = shim_nl_attr_u8(tb[ETHTOOL_A_MODULE_EEPROM_BANK]);
    if (offset > 2 * SHIM_PAGE_LEN - 1) {
        ext->msg = "xcvr-shim: offset out of range";
        ext->attr_off = (size_t)((const unsigned char *)tb[ETHTOOL_A_MODULE_EEPROM_OFFSET] - msg);
        return -ERANGE;
    }
    if (length < 1 || length > SHIM_PAGE_LEN) {
        ext->msg = "xcvr-shim: length out of range";
        ext->attr_off = (size_t)((const unsigned char *)tb[ETHTOOL_A_MODULE_EEPROM_LENGTH] - msg);
        return -ERANGE;
    }
    if (i2c > SHIM_I2C_MAX) {
        ext->msg = "xcvr-shim: i2c address out of range";
        ext->attr_off =
            (size_t)((const unsigned char *)tb[ETHTOOL_A_MODULE_EEPROM_I2C_ADDRESS] - msg);
        return -ERANGE;
    }
    /* Reads stay inside one half page; lower memory is only addressed as page 0. */
    if (page != 0 && offset < SHIM_PAGE_LEN) {
        ext->msg = "xcvr-shim: lower memory is read as page 0 only";
        ext->attr_off = (size_t)((const unsigned char *)tb[ETHTOOL_A_MODULE_EEPROM_PAGE] - msg);
        return -EINVAL;
    }
    if ((offset < SHIM_PAGE_LEN && offset + length > SHIM_PAGE_LEN) ||
        offset + length > 2 * SHIM_PAGE_LEN) {
        ext->msg = "xcvr-shim: a read may not cross a half-page boundary";
        ext->attr_off = (size_t)((const unsigned char *)tb[ETHTOOL_A_MODULE_EEPROM_LENGTH] - msg);
        return -EINVAL;
    }

    /* The "driver": fault injection, then the image. No extack, as from a driver. */
    ext->msg = NULL;
    ext->attr_off = 0;
    shim_fault_get(ifname, &fault);
    if (fault.slow_ms != 0) {
        /* Other threads go on meanwhile; this request is answered when the sleep ends. */
        SHIM_UNLOCK();
        shim_sleep_ms(fault.slow_ms);
        SHIM_LOCK();
    }
    r = -fault.err;
    if (r == 0)
        r = shim_source_find(ifname, &src);
    if (r == 0)
        r = shim_image_load(&shim_image, &src);
    if (r == 0)
        r = shim_image_read(&shim_image, i2c, bank, page, offset, length, data);
    got = (r == 0 && fault.short_read) ? length / 2 : length;
    if (got != length)
        snprintf(shortened, sizeof(shortened), " short=%u", got);
    shim_log("netlink MODULE_EEPROM_GET dev=%s i2c=0x%02x bank=%u page=0x%02x offset=%u "
             "len=%u%s%s%s", dev, i2c, bank, page, offset, length, shortened,
             r < 0 ? " error=" : "", r < 0 ? shim_errno_name(-r) : "");
    if (r < 0)
        return r;
    shim_iface_read_done(ifname);

    m = shim_nl_msg_start(reply, SHIM_NL_ETHTOOL_FAMILY, 0, req->nlmsg_seq, s->portid);
    shim_nl_put_genl(reply, ETHTOOL_MSG_MODULE_EEPROM_GET_REPLY, ETHTOOL_GENL_VERSION);
    hdr = shim_nl_nest_start(reply, ETHTOOL_A_MODULE_EEPROM_HEADER);
    if (ifindex != 0)
        shim_nl_put_u32(reply, ETHTOOL_A_HEADER_DEV_INDEX, ifindex);
    if (ifname[0] != '\0')
        shim_nl_put_string(reply, ETHTOOL_A_HEADER_DEV_NAME, ifname);
    shim_nl_nest_end(reply, hdr);
    shim_nl_put_attr(reply, ETHTOOL_A_MODULE_EEPROM_DATA, data, got);
    shim_nl_msg_end(reply, m);
    return 0;
}

/* One request message from the application: reply, then error or ack. */
static void
shim_nl_handle(const ShimNlSocket *s, const struct nlmsghdr *req)
{
    ShimNlBuf reply;
    ShimNlExtack ext = { NULL, 0 };
    int r = 0;

    reply.len = 0;
    reply.overflow = 0;
    if ((req->nlmsg_flags & NLM_F_REQUEST) == 0 || req->nlmsg_type < NLMSG_MIN_TYPE) {
        r = 0;   /* control messages and non-requests are not processed, only acked */
    } else if (req->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN) {
        r = -EINVAL;
    } else if (req->nlmsg_type == GENL_ID_CTRL) {
        r = shim_nl_ctrl(s, req, &reply, &ext);
    } else if (req->nlmsg_type == SHIM_NL_ETHTOOL_FAMILY) {
        const struct genlmsghdr *g =
            (const struct genlmsghdr *)(const void *)((const unsigned char *)req + NLMSG_HDRLEN);

        if (g->cmd == ETHTOOL_MSG_MODULE_EEPROM_GET && !shim_nl_old_kernel()) {
            r = shim_nl_module_eeprom(s, req, &reply, &ext);
            /* A rejected request carries a message; answered ones were logged already. */
            if (r < 0 && ext.msg != NULL)
                shim_log("netlink MODULE_EEPROM_GET rejected (%s) error=%s", ext.msg,
                         shim_errno_name(-r));
        } else {
            shim_log("netlink ethtool cmd=%u error=EOPNOTSUPP", g->cmd);
            r = -EOPNOTSUPP;
        }
    } else {
        shim_log("netlink family=0x%x error=ENOENT", req->nlmsg_type);
        r = -ENOENT;
    }
    if (reply.overflow)
        r = -EMSGSIZE;

    if (r == 0 && reply.len > 0)
        shim_nl_deliver(s, &reply);
    if (r < 0)
        shim_nl_send_error(s, req, r, &ext);
    else if ((req->nlmsg_flags & NLM_F_ACK) != 0 &&
             !(req->nlmsg_type >= NLMSG_MIN_TYPE && (req->nlmsg_flags & NLM_F_DUMP) != 0))
        shim_nl_send_error(s, req, 0, NULL);
}

static void
shim_nl_autobind(ShimNlSocket *s)
{
    if (s->bound)
        return;
    s->portid = shim_nl_autobinds == 0 ? (__u32)getpid()
                                        : (__u32)0 - (SHIM_NL_PORTID_BASE + shim_nl_autobinds);
    shim_nl_autobinds++;
    s->bound = 1;
}

/* Everything the application sends is a batch of netlink messages for the "kernel". */
static ssize_t
shim_nl_send(ShimNlSocket *s, const unsigned char *buf, size_t len)
{
    size_t off = 0;

    shim_nl_autobind(s);
    while (len - off >= NLMSG_HDRLEN) {
        struct nlmsghdr h;
        unsigned char msg[SHIM_NL_BUF] __attribute__((aligned(8)));

        memcpy(&h, buf + off, sizeof(h));
        if (h.nlmsg_len < NLMSG_HDRLEN || h.nlmsg_len > len - off)
            break;   /* the kernel silently drops a truncated tail */
        if (h.nlmsg_len <= sizeof(msg)) {
            /* An aligned private copy, so attributes can be read in place. */
            memcpy(msg, buf + off, h.nlmsg_len);
            shim_nl_handle(s, (const struct nlmsghdr *)(const void *)msg);
        } else {
            shim_nl_send_error(s, &h, -EMSGSIZE, NULL);   /* capped: header only */
        }
        off += NLMSG_ALIGN(h.nlmsg_len);
        if (off > len)
            break;
    }
    return (ssize_t)len;
}

static void
shim_nl_fill_addr(__u32 portid, struct sockaddr *addr, socklen_t *addrlen)
{
    struct sockaddr_nl nl;
    socklen_t n;

    if (addr == NULL || addrlen == NULL)
        return;
    memset(&nl, 0, sizeof(nl));
    nl.nl_family = AF_NETLINK;
    nl.nl_pid = portid;
    n = *addrlen < (socklen_t)sizeof(nl) ? *addrlen : (socklen_t)sizeof(nl);
    memcpy(addr, &nl, n);
    *addrlen = sizeof(nl);
}

static int
shim_nl_socket(int type)
{
    SHIM_REAL(socketpair_fn, "socketpair", real_socketpair);
    SHIM_REAL(close_fn, "close", real_close);
    int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    ShimNlSocket *s = NULL;
    int sv[2];
    size_t i;
    int hi;

    if (base != SOCK_RAW && base != SOCK_DGRAM) {
        errno = ESOCKTNOSUPPORT;
        return -1;
    }
    SHIM_LOCK();
    for (i = 0; i < SHIM_NL_MAX_SOCKETS && s == NULL; i++) {
        if (!shim_nl_sockets[i].used)
            s = &shim_nl_sockets[i];
    }
    if (s == NULL) {
        SHIM_UNLOCK();
        errno = ENOBUFS;
        return -1;
    }
    if (real_socketpair(AF_UNIX, SOCK_DGRAM | (type & (SOCK_NONBLOCK | SOCK_CLOEXEC)), 0,
                        sv) < 0) {
        SHIM_UNLOCK();
        return -1;
    }
    /* Keep the shim's end out of the low descriptor numbers the application sees. */
    hi = fcntl(sv[1], F_DUPFD_CLOEXEC, 512);
    if (hi >= 0) {
        real_close(sv[1]);
        sv[1] = hi;
    } else {
        fcntl(sv[1], F_SETFD, FD_CLOEXEC);
    }
    memset(s, 0, sizeof(*s));
    s->used = 1;
    s->fd = sv[0];
    s->peer = sv[1];
    s->type = base;
    SHIM_UNLOCK();
    return sv[0];
}

/* ---- Interposed entry points ------------------------------------------------------- */

int
socket(int domain, int type, int protocol)
{
    SHIM_REAL(socket_fn, "socket", real);
    const char *nl = getenv("XCVR_SHIM_NETLINK");

    if (domain == AF_NETLINK && protocol == NETLINK_GENERIC) {
        if (nl == NULL) {
            errno = EPROTONOSUPPORT;
            return -1;
        }
        if (strcmp(nl, "1") == 0 || strcmp(nl, "old") == 0)
            return shim_nl_socket(type);
    }
    return real(domain, type, protocol);
}

int
ioctl(int fd, unsigned long request, ...)
{
    SHIM_REAL(ioctl_fn, "ioctl", real);
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

/*
 * The entry points below look the descriptor up and act on the shim's state under the
 * lock, and call the real libc without it (a blocking recv must not stall other threads).
 */

int
bind(int fd, __CONST_SOCKADDR_ARG addr_arg, socklen_t addrlen)
{
    const struct sockaddr *addr = SHIM_SA(addr_arg);
    SHIM_REAL(bind_fn, "bind", real);
    ShimNlSocket *s;
    struct sockaddr_nl nl;

    SHIM_LOCK();
    s = shim_nl_lookup(fd);
    if (s == NULL) {
        SHIM_UNLOCK();
        return real(fd, addr, addrlen);
    }
    if (addr == NULL || addrlen < (socklen_t)sizeof(nl)) {
        SHIM_UNLOCK();
        errno = EINVAL;
        return -1;
    }
    memcpy(&nl, addr, sizeof(nl));
    if (nl.nl_family != AF_NETLINK || (s->bound && nl.nl_pid != 0 && nl.nl_pid != s->portid)) {
        SHIM_UNLOCK();
        errno = EINVAL;
        return -1;
    }
    if (nl.nl_pid != 0 && !s->bound) {
        s->portid = nl.nl_pid;
        s->bound = 1;
    }
    shim_nl_autobind(s);
    SHIM_UNLOCK();
    return 0;
}

int
getsockname(int fd, __SOCKADDR_ARG addr_arg, socklen_t *addrlen)
{
    struct sockaddr *addr = SHIM_SA(addr_arg);
    SHIM_REAL(getsockname_fn, "getsockname", real);
    ShimNlSocket *s;
    __u32 portid;

    SHIM_LOCK();
    s = shim_nl_lookup(fd);
    if (s == NULL) {
        SHIM_UNLOCK();
        return real(fd, addr, addrlen);
    }
    portid = s->bound ? s->portid : 0;
    SHIM_UNLOCK();
    if (addr == NULL || addrlen == NULL) {
        errno = EFAULT;
        return -1;
    }
    shim_nl_fill_addr(portid, addr, addrlen);
    return 0;
}

int
setsockopt(int fd, int level, int optname, const void *optval, socklen_t optlen)
{
    SHIM_REAL(setsockopt_fn, "setsockopt", real);
    ShimNlSocket *s;
    int v = 0;

    SHIM_LOCK();
    s = shim_nl_lookup(fd);
    if (s == NULL || level == SOL_SOCKET) {
        SHIM_UNLOCK();
        return real(fd, level, optname, optval, optlen);
    }
    if (level != SOL_NETLINK) {
        SHIM_UNLOCK();
        errno = ENOPROTOOPT;
        return -1;
    }
    if (optval != NULL && optlen >= (socklen_t)sizeof(int))
        memcpy(&v, optval, sizeof(v));
    if (optname == NETLINK_EXT_ACK)
        s->ext_ack = v != 0;
    else if (optname == NETLINK_CAP_ACK)
        s->cap_ack = v != 0;
    /* Group membership, strict checking, ...: accepted; no notifications are ever sent. */
    SHIM_UNLOCK();
    return 0;
}

int
getsockopt(int fd, int level, int optname, void *optval, socklen_t *optlen)
{
    SHIM_REAL(getsockopt_fn, "getsockopt", real);
    ShimNlSocket *s;
    int v;

    SHIM_LOCK();
    s = shim_nl_lookup(fd);
    if (s == NULL) {
        SHIM_UNLOCK();
        return real(fd, level, optname, optval, optlen);
    }
    if (level == SOL_SOCKET && optname == SO_DOMAIN)
        v = AF_NETLINK;
    else if (level == SOL_SOCKET && optname == SO_PROTOCOL)
        v = NETLINK_GENERIC;
    else if (level == SOL_SOCKET && optname == SO_TYPE)
        v = s->type;
    else if (level == SOL_SOCKET) {
        SHIM_UNLOCK();
        return real(fd, level, optname, optval, optlen);
    } else if (level == SOL_NETLINK && optname == NETLINK_EXT_ACK)
        v = s->ext_ack;
    else if (level == SOL_NETLINK && optname == NETLINK_CAP_ACK)
        v = s->cap_ack;
    else {
        SHIM_UNLOCK();
        errno = ENOPROTOOPT;
        return -1;
    }
    SHIM_UNLOCK();
    if (optval == NULL || optlen == NULL || *optlen < (socklen_t)sizeof(v)) {
        errno = EINVAL;
        return -1;
    }
    memcpy(optval, &v, sizeof(v));
    *optlen = sizeof(v);
    return 0;
}

/* A batch for the emulated kernel: handled under the lock (see shim_nl_module_eeprom). */
static ssize_t
shim_nl_send_locked(int fd, const void *buf, size_t len, int *ret_handled)
{
    ShimNlSocket *s;
    ssize_t n = -1;

    SHIM_LOCK();
    s = shim_nl_lookup(fd);
    *ret_handled = s != NULL;
    if (s != NULL)
        n = shim_nl_send(s, buf, len);
    SHIM_UNLOCK();
    return n;
}

ssize_t
send(int fd, const void *buf, size_t len, int flags)
{
    SHIM_REAL(send_fn, "send", real);
    int handled;
    ssize_t n = shim_nl_send_locked(fd, buf, len, &handled);

    return handled ? n : real(fd, buf, len, flags);
}

ssize_t
sendto(int fd, const void *buf, size_t len, int flags, __CONST_SOCKADDR_ARG addr_arg,
       socklen_t addrlen)
{
    const struct sockaddr *addr = SHIM_SA(addr_arg);
    SHIM_REAL(sendto_fn, "sendto", real);
    int handled;
    ssize_t n = shim_nl_send_locked(fd, buf, len, &handled);

    return handled ? n : real(fd, buf, len, flags, addr, addrlen);
}

ssize_t
sendmsg(int fd, const struct msghdr *msg, int flags)
{
    SHIM_REAL(sendmsg_fn, "sendmsg", real);
    const size_t cap = 64 * 1024;
    unsigned char *buf;
    size_t len = 0;
    size_t i;
    int handled;
    ssize_t n;

    SHIM_LOCK();
    handled = shim_nl_lookup(fd) != NULL;
    SHIM_UNLOCK();
    if (!handled)
        return real(fd, msg, flags);
    buf = malloc(cap);
    if (buf == NULL) {
        errno = ENOBUFS;
        return -1;
    }
    for (i = 0; i < msg->msg_iovlen; i++) {
        size_t k = msg->msg_iov[i].iov_len;

        if (k > cap - len) {
            free(buf);
            errno = EMSGSIZE;
            return -1;
        }
        memcpy(buf + len, msg->msg_iov[i].iov_base, k);
        len += k;
    }
    n = shim_nl_send_locked(fd, buf, len, &handled);
    free(buf);
    if (!handled) {
        errno = EBADF;   /* closed meanwhile by another thread */
        return -1;
    }
    return n;
}

static int
shim_nl_is_ours(int fd)
{
    int ours;

    SHIM_LOCK();
    ours = shim_nl_lookup(fd) != NULL;
    SHIM_UNLOCK();
    return ours;
}

ssize_t
recvfrom(int fd, void *buf, size_t len, int flags, __SOCKADDR_ARG addr_arg,
         socklen_t *addrlen)
{
    struct sockaddr *addr = SHIM_SA(addr_arg);
    SHIM_REAL(recvfrom_fn, "recvfrom", real);
    ssize_t n;

    if (!shim_nl_is_ours(fd))
        return real(fd, buf, len, flags, addr, addrlen);
    n = real(fd, buf, len, flags, NULL, NULL);
    if (n >= 0)
        shim_nl_fill_addr(0, addr, addrlen);   /* every message comes from the kernel */
    return n;
}

ssize_t
recvmsg(int fd, struct msghdr *msg, int flags)
{
    SHIM_REAL(recvmsg_fn, "recvmsg", real);
    void *name;
    socklen_t namelen;
    ssize_t n;

    if (msg == NULL || !shim_nl_is_ours(fd))
        return real(fd, msg, flags);
    name = msg->msg_name;
    namelen = msg->msg_namelen;
    msg->msg_name = NULL;
    msg->msg_namelen = 0;
    n = real(fd, msg, flags);
    msg->msg_name = name;
    msg->msg_namelen = namelen;
    if (n >= 0)
        shim_nl_fill_addr(0, name, &msg->msg_namelen);
    return n;
}

int
close(int fd)
{
    SHIM_REAL(close_fn, "close", real);
    ShimNlSocket *s;

    SHIM_LOCK();
    s = shim_nl_lookup(fd);
    if (s != NULL) {
        real(s->peer);
        memset(s, 0, sizeof(*s));
    }
    SHIM_UNLOCK();
    return real(fd);
}
