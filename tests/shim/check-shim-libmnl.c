/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * check-shim-libmnl.c: the LD_PRELOAD shim (ethtool-ioctl-shim.c) driven through libmnl
 * 1.0.x exactly as a libmnl reader such as xcvrmap drives the kernel: mnl_socket_open
 * (socket), mnl_socket_setsockopt (NETLINK_EXT_ACK), mnl_socket_bind (bind +
 * getsockname), mnl_socket_sendto (sendto), mnl_socket_recvfrom (recvmsg), mnl_cb_run
 * (sequence and port-id checks) and mnl_socket_close (close); plus the SIOCETHTOOL ioctl.
 *
 * Kernel interfaces emulated by the shim: CTRL_CMD_GETFAMILY (<linux/genetlink.h>),
 * ETHTOOL_MSG_MODULE_EEPROM_GET (<linux/ethtool_netlink.h>, kernel
 * Documentation/networking/ethtool-netlink.rst), ETHTOOL_GMODULEINFO /
 * ETHTOOL_GMODULEEEPROM (<linux/ethtool.h>).
 *
 * Usage: check-shim-libmnl SHIM.so
 * Writes a directory of images (XCVR_SHIM_EEPROM_DIR), then runs every case in a child
 * process of its own with LD_PRELOAD=SHIM.so and the case's shim environment. The last
 * line printed is "N passed, M failed"; exit status 0 when nothing failed, 1 otherwise,
 * 2 on usage or setup errors.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/ethtool.h>
#include <linux/ethtool_netlink.h>
#include <linux/genetlink.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE_LEN 128

/* ---- The images (written by the parent, read back by the children) ------------------ */

/* Byte @i of image @seed: a pattern no two pages share. */
static unsigned char
pattern(unsigned int seed, size_t i)
{
    return (unsigned char)((i * 7 + i / 256 + seed * 31) & 0xff);
}

static unsigned char sff8636_img[640];   /* eth0: lower, 00h, 01h, 02h, 03h (ioctl layout) */
static unsigned char cmis_img[5 * PAGE_LEN]; /* eth1: lower, 00h, 01h, 11h, bank 1 11h */
static const char cmis_segments[] =
    "lower@0+128 00h@128+128\n01h@256+128 11h@384+128 b1:11h@512+128\n";

static void
images_fill(void)
{
    size_t i;

    for (i = 0; i < sizeof(sff8636_img); i++)
        sff8636_img[i] = pattern(1, i);
    sff8636_img[0] = 0x11;                /* SFF-8024: QSFP28 */
    for (i = 0; i < sizeof(cmis_img); i++)
        cmis_img[i] = pattern(2, i);
    cmis_img[0] = 0x18;                   /* SFF-8024: QSFP-DD */
}

static int
write_file(const char *dir, const char *name, const void *data, size_t len)
{
    char path[4096];
    FILE *f;
    size_t n;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "we");
    if (f == NULL)
        return -1;
    n = fwrite(data, 1, len, f);
    if (fclose(f) != 0 || n != len)
        return -1;
    return 0;
}

/* ---- Checks ---------------------------------------------------------------------------- */

static int failures;

static void check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
check(int ok, const char *fmt, ...)
{
    va_list ap;

    if (ok)
        return;
    failures++;
    fputs("    failed: ", stdout);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    fputc('\n', stdout);
}

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- A libmnl client, as a reader would write it ------------------------------------- */

typedef struct {
    struct mnl_socket *sock;
    unsigned int portid;
    unsigned int seq;
    unsigned int family;
    char buf[8192];              /* MNL_SOCKET_BUFFER_SIZE at most */
} Client;

/* What one transaction brought back. */
typedef struct {
    unsigned int family;      /* CTRL_ATTR_FAMILY_ID */
    int has_eeprom_get;       /* CTRL_ATTR_OPS lists ETHTOOL_MSG_MODULE_EEPROM_GET */
    unsigned char data[PAGE_LEN];
    int data_len;             /* -1: no ETHTOOL_A_MODULE_EEPROM_DATA */
    char dev_name[IF_NAMESIZE];
    int err;                  /* errno from NLMSG_ERROR, 0 after the ack */
    char extack[128];         /* NLMSGERR_ATTR_MSG */
} Reply;

static int
family_attr_cb(const struct nlattr *attr, void *data)
{
    Reply *r = data;
    const struct nlattr *op;
    const struct nlattr *a;

    if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_ID &&
        mnl_attr_validate(attr, MNL_TYPE_U16) == 0) {
        r->family = mnl_attr_get_u16(attr);
    } else if (mnl_attr_get_type(attr) == CTRL_ATTR_OPS) {
        mnl_attr_for_each_nested(op, attr) {
            mnl_attr_for_each_nested(a, op) {
                if (mnl_attr_get_type(a) == CTRL_ATTR_OP_ID &&
                    mnl_attr_get_u32(a) == ETHTOOL_MSG_MODULE_EEPROM_GET)
                    r->has_eeprom_get = 1;
            }
        }
    }
    return MNL_CB_OK;
}

static int
header_attr_cb(const struct nlattr *attr, void *data)
{
    Reply *r = data;

    if (mnl_attr_get_type(attr) == ETHTOOL_A_HEADER_DEV_NAME &&
        mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
        snprintf(r->dev_name, sizeof(r->dev_name), "%s", mnl_attr_get_str(attr));
    return MNL_CB_OK;
}

static int
eeprom_attr_cb(const struct nlattr *attr, void *data)
{
    Reply *r = data;

    if (mnl_attr_get_type(attr) == ETHTOOL_A_MODULE_EEPROM_DATA) {
        unsigned int n = mnl_attr_get_payload_len(attr);

        r->data_len = (int)n;
        memcpy(r->data, mnl_attr_get_payload(attr), n < PAGE_LEN ? n : PAGE_LEN);
    } else if (mnl_attr_get_type(attr) == ETHTOOL_A_MODULE_EEPROM_HEADER) {
        mnl_attr_parse_nested(attr, header_attr_cb, data);
    }
    return MNL_CB_OK;
}

static int
data_cb(const struct nlmsghdr *nlh, void *data)
{
    const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);

    if (g->cmd == CTRL_CMD_NEWFAMILY)
        return mnl_attr_parse(nlh, sizeof(*g), family_attr_cb, data);
    return mnl_attr_parse(nlh, sizeof(*g), eeprom_attr_cb, data);
}

static int
extack_attr_cb(const struct nlattr *attr, void *data)
{
    Reply *r = data;

    if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG &&
        mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
        snprintf(r->extack, sizeof(r->extack), "%s", mnl_attr_get_str(attr));
    return MNL_CB_OK;
}

/* NLMSG_ERROR: keep the errno and the extended-ack message, as iproute2's mnlu does. */
static int
error_cb(const struct nlmsghdr *nlh, void *data)
{
    const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
    Reply *r = data;

    if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*e)))
        return MNL_CB_ERROR;
    r->err = e->error < 0 ? -e->error : e->error;
    if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) != 0) {
        unsigned int off = sizeof(*e);

        if ((nlh->nlmsg_flags & NLM_F_CAPPED) == 0)
            off += e->msg.nlmsg_len - sizeof(e->msg);
        mnl_attr_parse(nlh, off, extack_attr_cb, data);
    }
    return r->err == 0 ? MNL_CB_STOP : MNL_CB_ERROR;
}

static int
client_open(Client *c)
{
    int one = 1;

    memset(c, 0, sizeof(*c));
    c->sock = mnl_socket_open(NETLINK_GENERIC);
    if (c->sock == NULL)
        return -errno;
    mnl_socket_setsockopt(c->sock, NETLINK_EXT_ACK, &one, sizeof(one));
    mnl_socket_setsockopt(c->sock, NETLINK_CAP_ACK, &one, sizeof(one));
    if (mnl_socket_bind(c->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
        int err = errno;

        mnl_socket_close(c->sock);
        c->sock = NULL;
        return -err;
    }
    c->portid = mnl_socket_get_portid(c->sock);
    c->seq = 1000;
    return 0;
}

static void
client_close(Client *c)
{
    if (c->sock != NULL)
        mnl_socket_close(c->sock);
    c->sock = NULL;
}

static struct nlmsghdr *
client_put(Client *c, unsigned int type, unsigned int cmd, unsigned int version)
{
    struct nlmsghdr *nlh = mnl_nlmsg_put_header(c->buf);
    struct genlmsghdr *g;

    nlh->nlmsg_type = (__u16)type;
    nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
    nlh->nlmsg_seq = ++c->seq;
    g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
    g->cmd = (__u8)cmd;
    g->version = (__u8)version;
    return nlh;
}

/* Sends @nlh, then runs libmnl's callbacks until the ack or an error. 0 or -errno. */
static int
client_transact(Client *c, struct nlmsghdr *nlh, Reply *r)
{
    mnl_cb_t ctl[NLMSG_MIN_TYPE] = { [NLMSG_ERROR] = error_cb };
    unsigned int seq = nlh->nlmsg_seq;
    int ret;

    memset(r, 0, sizeof(*r));
    r->data_len = -1;
    if (mnl_socket_sendto(c->sock, nlh, nlh->nlmsg_len) < 0)
        return -errno;
    do {
        ssize_t n = mnl_socket_recvfrom(c->sock, c->buf, sizeof(c->buf));

        if (n < 0)
            return -errno;
        ret = mnl_cb_run2(c->buf, (size_t)n, seq, c->portid, data_cb, r, ctl, NLMSG_MIN_TYPE);
    } while (ret > MNL_CB_STOP);
    if (ret < 0)
        return r->err != 0 ? -r->err : -errno;
    return 0;
}

static int
client_family(Client *c, const char *name, Reply *r)
{
    struct nlmsghdr *nlh = client_put(c, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1);
    int ret;

    mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, name);
    ret = client_transact(c, nlh, r);
    if (ret == 0 && strcmp(name, "ethtool") == 0)
        c->family = r->family;
    return ret;
}

static int
client_read(Client *c, const char *ifname, unsigned int i2c, unsigned int bank,
            unsigned int page, unsigned int offset, unsigned int len, Reply *r)
{
    struct nlmsghdr *nlh = client_put(c, c->family, ETHTOOL_MSG_MODULE_EEPROM_GET,
                                      ETHTOOL_GENL_VERSION);
    struct nlattr *nest = mnl_attr_nest_start(nlh, ETHTOOL_A_MODULE_EEPROM_HEADER);

    mnl_attr_put_strz(nlh, ETHTOOL_A_HEADER_DEV_NAME, ifname);
    mnl_attr_nest_end(nlh, nest);
    mnl_attr_put_u32(nlh, ETHTOOL_A_MODULE_EEPROM_OFFSET, offset);
    mnl_attr_put_u32(nlh, ETHTOOL_A_MODULE_EEPROM_LENGTH, len);
    mnl_attr_put_u8(nlh, ETHTOOL_A_MODULE_EEPROM_PAGE, (__u8)page);
    mnl_attr_put_u8(nlh, ETHTOOL_A_MODULE_EEPROM_BANK, (__u8)bank);
    mnl_attr_put_u8(nlh, ETHTOOL_A_MODULE_EEPROM_I2C_ADDRESS, (__u8)i2c);
    return client_transact(c, nlh, r);
}

/* An open client with the ethtool family resolved, or a failed check. */
static int
client_ready(Client *c)
{
    Reply r;
    int ret = client_open(c);

    check(ret == 0, "mnl_socket_open/bind: %s", strerror(-ret));
    if (ret < 0)
        return -1;
    ret = client_family(c, "ethtool", &r);
    check(ret == 0 && c->family != 0, "CTRL_CMD_GETFAMILY ethtool: %s", strerror(-ret));
    return ret == 0 && c->family != 0 ? 0 : -1;
}

/* One read that must succeed with @want (@len bytes). */
static void
expect_read(Client *c, const char *ifname, unsigned int i2c, unsigned int bank,
            unsigned int page, unsigned int offset, unsigned int len,
            const unsigned char *want)
{
    Reply r;
    int ret = client_read(c, ifname, i2c, bank, page, offset, len, &r);

    check(ret == 0, "%s i2c=0x%02x bank=%u page=0x%02x offset=%u: %s", ifname, i2c, bank,
          page, offset, strerror(-ret));
    if (ret != 0)
        return;
    check(r.data_len == (int)len, "%s page 0x%02x: %d bytes, asked %u", ifname, page,
          r.data_len, len);
    check(r.data_len == (int)len && memcmp(r.data, want, len) == 0,
          "%s i2c=0x%02x bank=%u page=0x%02x offset=%u: wrong bytes", ifname, i2c, bank, page,
          offset);
    check(strcmp(r.dev_name, ifname) == 0, "reply header names %s, not %s", r.dev_name,
          ifname);
}

/* One read that must fail with @err and no extended-ack message (a driver's answer). */
static void
expect_error(Client *c, const char *ifname, unsigned int page, unsigned int offset, int err)
{
    Reply r;
    int ret = client_read(c, ifname, 0x50, 0, page, offset, PAGE_LEN, &r);

    check(ret == -err, "%s page 0x%02x: %s, expected %s", ifname, page,
          ret == 0 ? "success" : strerror(-ret), strerror(err));
    check(r.extack[0] == '\0', "%s: unexpected extended ack \"%s\"", ifname, r.extack);
}

/* ---- Cases (each runs in its own child, under the shim) ------------------------------ */

static void
case_family(void)
{
    Client c;
    Reply r;
    int ret;

    if (client_ready(&c) < 0)
        return;
    ret = client_family(&c, "ethtool", &r);
    check(ret == 0 && r.has_eeprom_get, "ethtool family does not list MODULE_EEPROM_GET");
    ret = client_family(&c, "nl80211", &r);
    check(ret == -ENOENT, "CTRL_CMD_GETFAMILY nl80211: %s, expected ENOENT", strerror(-ret));
    check(c.portid != 0, "mnl_socket_get_portid is 0 after bind");
    client_close(&c);
}

/* XCVR_SHIM_NETLINK=old: the family resolves without the paged read, which then fails. */
static void
case_old_kernel(void)
{
    Client c;
    Reply r;
    int ret;

    if (client_ready(&c) < 0)
        return;
    ret = client_family(&c, "ethtool", &r);
    check(ret == 0 && !r.has_eeprom_get, "old ethtool family lists MODULE_EEPROM_GET");
    expect_error(&c, "eth0", 0, 0, EOPNOTSUPP);
    client_close(&c);
}

static void
case_read(void)
{
    unsigned char ff[PAGE_LEN];
    Client c;

    memset(ff, 0xff, sizeof(ff));
    if (client_ready(&c) < 0)
        return;
    /* eth0: default SFF-8636 layout of a 640-byte image */
    expect_read(&c, "eth0", 0x50, 0, 0, 0, 1, sff8636_img);
    expect_read(&c, "eth0", 0x50, 0, 0, 0, PAGE_LEN, sff8636_img);
    expect_read(&c, "eth0", 0x50, 0, 0, 128, PAGE_LEN, sff8636_img + 128);
    expect_read(&c, "eth0", 0x50, 0, 3, 128, PAGE_LEN, sff8636_img + 512);
    expect_read(&c, "eth0", 0x50, 0, 3, 200, 10, sff8636_img + 512 + 72);
    expect_error(&c, "eth0", 0x20, 128, EINVAL);
    /* eth1: CMIS with a segment map beside it, bank 1 */
    expect_read(&c, "eth1", 0x50, 0, 0, 0, PAGE_LEN, cmis_img);
    expect_read(&c, "eth1", 0x50, 0, 0x01, 128, PAGE_LEN, cmis_img + 256);
    expect_read(&c, "eth1", 0x50, 0, 0x11, 128, PAGE_LEN, cmis_img + 384);
    expect_read(&c, "eth1", 0x50, 1, 0x11, 128, PAGE_LEN, cmis_img + 512);
    expect_error(&c, "eth1", 0x02, 128, EINVAL);
    /* eth2: an empty cage reads 0xff everywhere */
    expect_read(&c, "eth2", 0x50, 0, 0, 0, PAGE_LEN, ff);
    expect_read(&c, "eth2", 0x51, 0, 0, 128, PAGE_LEN, ff);
    expect_read(&c, "eth2", 0x50, 3, 0x11, 128, PAGE_LEN, ff);
    /* eth3: no image, no module support */
    expect_error(&c, "eth3", 0, 0, EOPNOTSUPP);
    client_close(&c);
}

static void
case_fault_after(void)
{
    Client c;

    /* XCVR_SHIM_FAULT=enodev XCVR_SHIM_FAULT_AFTER=1 XCVR_SHIM_FAULT_IFACE=eth0 */
    if (client_ready(&c) < 0)
        return;
    expect_read(&c, "eth0", 0x50, 0, 0, 0, PAGE_LEN, sff8636_img);
    expect_read(&c, "eth1", 0x50, 0, 0, 0, PAGE_LEN, cmis_img);
    expect_error(&c, "eth0", 0, 128, ENODEV);
    expect_error(&c, "eth0", 0, 0, ENODEV);
    expect_read(&c, "eth1", 0x50, 0, 0, 128, PAGE_LEN, cmis_img + 128);
    client_close(&c);
}

static void
case_errno(int err)
{
    Client c;

    if (client_ready(&c) < 0)
        return;
    expect_error(&c, "eth0", 0, 0, err);
    expect_error(&c, "eth1", 0, 128, err);
    client_close(&c);
}

static void
case_short(void)
{
    Client c;
    Reply r;
    int ret;

    if (client_ready(&c) < 0)
        return;
    ret = client_read(&c, "eth0", 0x50, 0, 0, 128, PAGE_LEN, &r);
    check(ret == 0 && r.data_len == PAGE_LEN / 2 && memcmp(r.data, sff8636_img + 128,
                                                          PAGE_LEN / 2) == 0,
          "short read: ret=%d, %d bytes, expected %d", ret, r.data_len, PAGE_LEN / 2);
    client_close(&c);
}

typedef struct {
    const char *ifname;
    double seconds;
    int ret;
} TimedRead;

static void *
timed_read_thread(void *data)
{
    TimedRead *t = data;
    Client c;
    Reply r;
    double start;

    if (client_ready(&c) < 0) {
        t->ret = -EIO;
        return NULL;
    }
    start = now_s();
    t->ret = client_read(&c, t->ifname, 0x50, 0, 0, 0, PAGE_LEN, &r);
    t->seconds = now_s() - start;
    client_close(&c);
    return NULL;
}

static void
case_slow(void)
{
    TimedRead slow = { "eth0", 0, 0 };
    TimedRead fast = { "eth1", 0, 0 };
    pthread_t a, b;
    struct nlmsghdr *nlh;
    struct nlattr *nest;
    Client c;
    double t0, t1, t2;
    ssize_t n;

    /* XCVR_SHIM_FAULT=slow XCVR_SHIM_SLOW_MS=400 XCVR_SHIM_FAULT_IFACE=eth0 */
    if (client_ready(&c) < 0)
        return;
    /* The kernel answers inside sendmsg: the send blocks, the reply is then waiting. */
    nlh = client_put(&c, c.family, ETHTOOL_MSG_MODULE_EEPROM_GET, ETHTOOL_GENL_VERSION);
    nest = mnl_attr_nest_start(nlh, ETHTOOL_A_MODULE_EEPROM_HEADER);
    mnl_attr_put_strz(nlh, ETHTOOL_A_HEADER_DEV_NAME, "eth0");
    mnl_attr_nest_end(nlh, nest);
    mnl_attr_put_u32(nlh, ETHTOOL_A_MODULE_EEPROM_OFFSET, 0);
    mnl_attr_put_u32(nlh, ETHTOOL_A_MODULE_EEPROM_LENGTH, PAGE_LEN);
    mnl_attr_put_u8(nlh, ETHTOOL_A_MODULE_EEPROM_PAGE, 0);
    mnl_attr_put_u8(nlh, ETHTOOL_A_MODULE_EEPROM_I2C_ADDRESS, 0x50);
    t0 = now_s();
    n = mnl_socket_sendto(c.sock, nlh, nlh->nlmsg_len);
    t1 = now_s();
    check(n > 0, "sendto: %s", strerror(errno));
    n = mnl_socket_recvfrom(c.sock, c.buf, sizeof(c.buf));
    t2 = now_s();
    check(n > 0, "recvmsg: %s", strerror(errno));
    check(t1 - t0 >= 0.39, "slow read: sendto returned after %.3f s, expected 0.4 s", t1 - t0);
    check(t2 - t1 < 0.1, "slow read: the reply came %.3f s after sendto", t2 - t1);
    client_close(&c);

    /* Another thread reading another interface is not held up by the sleeping one. */
    pthread_create(&a, NULL, timed_read_thread, &slow);
    usleep(50000);
    pthread_create(&b, NULL, timed_read_thread, &fast);
    pthread_join(b, NULL);
    pthread_join(a, NULL);
    check(slow.ret == 0 && fast.ret == 0, "threaded reads: %d, %d", slow.ret, fast.ret);
    check(slow.seconds >= 0.39, "threaded slow read took %.3f s", slow.seconds);
    check(fast.seconds < 0.2, "eth1 waited %.3f s for eth0's slow read", fast.seconds);
}

/* SIOCETHTOOL with the emulated netlink off: libmnl cannot open a socket at all. */
static int
ethtool_ioctl(const char *ifname, void *data)
{
    struct ifreq ifr;
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    int ret;

    if (fd < 0)
        return -errno;
    memset(&ifr, 0, sizeof(ifr));
    snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
    ifr.ifr_data = data;
    ret = ioctl(fd, SIOCETHTOOL, &ifr) < 0 ? -errno : 0;
    close(fd);
    return ret;
}

static int
ioctl_read(const char *ifname, unsigned int offset, unsigned int len, unsigned char *out,
           unsigned int *ret_len)
{
    /* struct ethtool_eeprom, then its data: 8-byte aligned for the header's fields */
    unsigned char req[sizeof(struct ethtool_eeprom) + 1024] __attribute__((aligned(8)));
    struct ethtool_eeprom ee;
    int ret;

    memset(req, 0, sizeof(req));
    memset(&ee, 0, sizeof(ee));
    ee.cmd = ETHTOOL_GMODULEEEPROM;
    ee.offset = offset;
    ee.len = len;
    memcpy(req, &ee, sizeof(ee));
    ret = ethtool_ioctl(ifname, req);
    if (ret == 0) {
        memcpy(&ee, req, sizeof(ee));
        *ret_len = ee.len;
        memcpy(out, req + sizeof(ee), len);
    }
    return ret;
}

static void
case_ioctl(void)
{
    struct ethtool_modinfo info;
    unsigned char buf[1024];
    unsigned int got = 0;
    size_t i;
    int ret;

    check(mnl_socket_open(NETLINK_GENERIC) == NULL && errno == EPROTONOSUPPORT,
          "netlink socket without XCVR_SHIM_NETLINK: expected EPROTONOSUPPORT");
    memset(&info, 0, sizeof(info));
    info.cmd = ETHTOOL_GMODULEINFO;
    ret = ethtool_ioctl("eth0", &info);
    check(ret == 0 && info.type == ETH_MODULE_SFF_8636 && info.eeprom_len == 640,
          "eth0 GMODULEINFO: ret=%d type=%u len=%u", ret, info.type, info.eeprom_len);
    ret = ioctl_read("eth0", 512, 128, buf, &got);
    check(ret == 0 && got == 128 && memcmp(buf, sff8636_img + 512, 128) == 0,
          "eth0 GMODULEEEPROM page 03h: ret=%d len=%u", ret, got);

    memset(&info, 0, sizeof(info));
    info.cmd = ETHTOOL_GMODULEINFO;
    ret = ethtool_ioctl("eth2", &info);
    check(ret == 0 && info.type == ETH_MODULE_SFF_8079 && info.eeprom_len == 256,
          "empty cage GMODULEINFO: ret=%d type=%u len=%u", ret, info.type, info.eeprom_len);
    ret = ioctl_read("eth2", 0, 256, buf, &got);
    for (i = 0; ret == 0 && i < 256; i++)
        ret = buf[i] == 0xff ? 0 : -EBADMSG;
    check(ret == 0, "empty cage GMODULEEEPROM: %s", strerror(-ret));

    memset(&info, 0, sizeof(info));
    info.cmd = ETHTOOL_GMODULEINFO;
    ret = ethtool_ioctl("eth3", &info);
    check(ret == -EOPNOTSUPP, "eth3 (no image) GMODULEINFO: %s", strerror(-ret));
}

static void
case_ioctl_short(void)
{
    unsigned char buf[1024];
    unsigned int got = 0;
    int ret = ioctl_read("eth0", 128, 128, buf, &got);

    check(ret == 0 && got == 64 && memcmp(buf, sff8636_img + 128, 64) == 0,
          "short GMODULEEEPROM: ret=%d ee.len=%u, expected 64", ret, got);
}

static void
case_ioctl_errno(int err)
{
    unsigned char buf[1024];
    unsigned int got = 0;
    struct ethtool_modinfo info;
    int ret;

    memset(&info, 0, sizeof(info));
    info.cmd = ETHTOOL_GMODULEINFO;
    ret = ethtool_ioctl("eth1", &info);
    check(ret == -err, "GMODULEINFO: %s, expected %s", strerror(-ret), strerror(err));
    ret = ioctl_read("eth0", 0, 128, buf, &got);
    check(ret == -err, "GMODULEEEPROM: %s, expected %s", strerror(-ret), strerror(err));
}

/* ---- Driver ---------------------------------------------------------------------------- */

typedef struct {
    const char *name;
    const char *what;
    const char *env[6];          /* NAME=VALUE beyond LD_PRELOAD and the image directory */
} Case;

static const Case cases[] = {
    { "family", "CTRL_CMD_GETFAMILY through libmnl", { "XCVR_SHIM_NETLINK=1" } },
    { "old-kernel", "ethtool family without MODULE_EEPROM_GET (kernel < 5.13)",
      { "XCVR_SHIM_NETLINK=old" } },
    { "read", "MODULE_EEPROM_GET per interface: .bin, .segments, .empty, none",
      { "XCVR_SHIM_NETLINK=1" } },
    { "fault-after", "enodev after 1 read, on eth0 only",
      { "XCVR_SHIM_NETLINK=1", "XCVR_SHIM_FAULT=enodev", "XCVR_SHIM_FAULT_AFTER=1",
        "XCVR_SHIM_FAULT_IFACE=eth0" } },
    { "eio", "NLMSG_ERROR -EIO", { "XCVR_SHIM_NETLINK=1", "XCVR_SHIM_FAULT=eio" } },
    { "eperm", "NLMSG_ERROR -EPERM", { "XCVR_SHIM_NETLINK=1", "XCVR_SHIM_FAULT=eperm" } },
    { "short", "short DATA attribute", { "XCVR_SHIM_NETLINK=1", "XCVR_SHIM_FAULT=short" } },
    { "slow", "slow read blocks sendto, not other threads",
      { "XCVR_SHIM_NETLINK=1", "XCVR_SHIM_FAULT=slow", "XCVR_SHIM_SLOW_MS=400",
        "XCVR_SHIM_FAULT_IFACE=eth0" } },
    { "ioctl", "SIOCETHTOOL per interface", { NULL } },
    { "ioctl-short", "SIOCETHTOOL short read", { "XCVR_SHIM_FAULT=short" } },
    { "ioctl-eperm", "SIOCETHTOOL EPERM", { "XCVR_SHIM_FAULT=eperm" } },
};

static int
run_case(const char *name)
{
    images_fill();
    if (strcmp(name, "family") == 0)
        case_family();
    else if (strcmp(name, "old-kernel") == 0)
        case_old_kernel();
    else if (strcmp(name, "read") == 0)
        case_read();
    else if (strcmp(name, "fault-after") == 0)
        case_fault_after();
    else if (strcmp(name, "eio") == 0)
        case_errno(EIO);
    else if (strcmp(name, "eperm") == 0)
        case_errno(EPERM);
    else if (strcmp(name, "short") == 0)
        case_short();
    else if (strcmp(name, "slow") == 0)
        case_slow();
    else if (strcmp(name, "ioctl") == 0)
        case_ioctl();
    else if (strcmp(name, "ioctl-short") == 0)
        case_ioctl_short();
    else if (strcmp(name, "ioctl-eperm") == 0)
        case_ioctl_errno(EPERM);
    else
        return 2;
    fflush(stdout);
    return failures == 0 ? 0 : 1;
}

static int
spawn_case(const char *self, const char *shim, const char *dir, const Case *c)
{
    static const char *const knobs[] = {
        "XCVR_SHIM_EEPROM", "XCVR_SHIM_NETLINK", "XCVR_SHIM_SEGMENTS", "XCVR_SHIM_MODTYPE",
        "XCVR_SHIM_FAULT", "XCVR_SHIM_FAULT_IFACE", "XCVR_SHIM_FAULT_AFTER",
        "XCVR_SHIM_SLOW_MS", "XCVR_SHIM_LOG",
    };
    int status = 0;
    pid_t pid;
    size_t i;

    fflush(stdout);
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        for (i = 0; i < sizeof(knobs) / sizeof(knobs[0]); i++)
            unsetenv(knobs[i]);
        setenv("LD_PRELOAD", shim, 1);
        setenv("XCVR_SHIM_EEPROM_DIR", dir, 1);
        for (i = 0; i < sizeof(c->env) / sizeof(c->env[0]) && c->env[i] != NULL; i++)
            putenv((char *)c->env[i]);
        execl(self, self, "--case", c->name, (char *)NULL);
        _exit(127);
    }
    if (waitpid(pid, &status, 0) < 0)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

int
main(int argc, char **argv)
{
    char dir[] = "/tmp/xcvr-shim-libmnl-XXXXXX";
    char self[4096];
    char shim[4096];
    unsigned int passed = 0;
    unsigned int failed = 0;
    char rm[4200];
    ssize_t n;
    size_t i;

    if (argc == 3 && strcmp(argv[1], "--case") == 0)
        return run_case(argv[2]);
    if (argc != 2) {
        fprintf(stderr, "Usage: %s SHIM.so\n", argv[0]);
        return 2;
    }
    if (realpath(argv[1], shim) == NULL) {
        fprintf(stderr, "%s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n < 0 || mkdtemp(dir) == NULL) {
        fprintf(stderr, "setup: %s\n", strerror(errno));
        return 2;
    }
    self[n] = '\0';
    images_fill();
    if (write_file(dir, "eth0.bin", sff8636_img, sizeof(sff8636_img)) < 0 ||
        write_file(dir, "eth1.bin", cmis_img, sizeof(cmis_img)) < 0 ||
        write_file(dir, "eth1.segments", cmis_segments, strlen(cmis_segments)) < 0 ||
        write_file(dir, "eth2.empty", "", 0) < 0) {
        fprintf(stderr, "setup: cannot write images in %s\n", dir);
        return 2;
    }

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int r = spawn_case(self, shim, dir, &cases[i]);

        printf("%s: %s: %s\n", r == 0 ? "PASS" : "FAIL", cases[i].name, cases[i].what);
        if (r == 0)
            passed++;
        else
            failed++;
    }
    snprintf(rm, sizeof(rm), "rm -rf '%s'", dir);
    if (system(rm) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    printf("%u passed, %u failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
