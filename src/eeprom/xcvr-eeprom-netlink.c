/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-eeprom-netlink.c: module memory read a page at a time over ethtool's generic netlink
 * family (ETHTOOL_MSG_MODULE_EEPROM_GET: I2C address, bank, page, offset, length), with
 * libmnl. Kernel interface: Documentation/networking/ethtool-netlink.rst, "MODULE_EEPROM_GET".
 */
#include "eeprom/xcvr-eeprom-private.h"

#include <errno.h>
#include <poll.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/ethtool.h>
#include <linux/genetlink.h>

/* Older uapi headers (CentOS 7's) predate the paged read: the kernel numbers are stable. */
#ifdef HAVE_ETHTOOL_MODULE_EEPROM_NL
# include <linux/ethtool_netlink.h>
#else
# define ETHTOOL_GENL_VERSION 1
# define ETHTOOL_A_HEADER_DEV_NAME 2
# define ETHTOOL_MSG_MODULE_EEPROM_GET 31
enum {
    ETHTOOL_A_MODULE_EEPROM_UNSPEC,
    ETHTOOL_A_MODULE_EEPROM_HEADER,
    ETHTOOL_A_MODULE_EEPROM_OFFSET,
    ETHTOOL_A_MODULE_EEPROM_LENGTH,
    ETHTOOL_A_MODULE_EEPROM_PAGE,
    ETHTOOL_A_MODULE_EEPROM_BANK,
    ETHTOOL_A_MODULE_EEPROM_I2C_ADDRESS,
    ETHTOOL_A_MODULE_EEPROM_DATA,
};
#endif

struct _XcvrNetlink {
    struct mnl_socket *sock;
    guint32 portid;
    guint32 seq;
    guint16 family;
    guint8 *buf; /* MNL_SOCKET_BUFFER_SIZE */
};

void
xcvr_netlink_close(XcvrNetlink *nl)
{
    if (nl == NULL)
        return;
    if (nl->sock != NULL)
        mnl_socket_close(nl->sock);
    g_free(nl->buf);
    g_free(nl);
}

/* What the family lookup tells: the family id and whether the paged read exists. */
typedef struct {
    guint16 family;
    gboolean has_eeprom_get;
} FamilyInfo;

static int
family_op_cb(const struct nlattr *op, void *data)
{
    FamilyInfo *info = data;
    const struct nlattr *a;

    mnl_attr_for_each_nested(a, op) {
        if (mnl_attr_get_type(a) == CTRL_ATTR_OP_ID &&
            mnl_attr_validate(a, MNL_TYPE_U32) == 0 &&
            mnl_attr_get_u32(a) == ETHTOOL_MSG_MODULE_EEPROM_GET)
            info->has_eeprom_get = TRUE;
    }
    return MNL_CB_OK;
}

static int
family_attr_cb(const struct nlattr *attr, void *data)
{
    FamilyInfo *info = data;
    const struct nlattr *op;

    switch (mnl_attr_get_type(attr)) {
    case CTRL_ATTR_FAMILY_ID:
        if (mnl_attr_validate(attr, MNL_TYPE_U16) == 0)
            info->family = mnl_attr_get_u16(attr);
        break;
    case CTRL_ATTR_OPS:
        if (mnl_attr_validate(attr, MNL_TYPE_NESTED) == 0) {
            mnl_attr_for_each_nested(op, attr)
                family_op_cb(op, data);
        }
        break;
    default:
        break;
    }
    return MNL_CB_OK;
}

static int
family_cb(const struct nlmsghdr *nlh, void *data)
{
    return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), family_attr_cb, data);
}

/* Sends @nlh and runs @cb over the answers until the ACK, an error, or @deadline. */
static int
transact(XcvrNetlink *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data, gint64 deadline)
{
    guint32 seq = nlh->nlmsg_seq;
    int ret;

    if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
        return -errno;
    do {
        ssize_t n;

        if (deadline > 0) {
            struct pollfd pfd = { mnl_socket_get_fd(nl->sock), POLLIN, 0 };
            gint64 left = deadline - g_get_monotonic_time();
            int r;

            if (left <= 0)
                return -ETIMEDOUT;
            r = poll(&pfd, 1, (int)MIN(left / 1000 + 1, (gint64)G_MAXINT));
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0)
                return -errno;
            if (r == 0)
                return -ETIMEDOUT;
        }
        n = mnl_socket_recvfrom(nl->sock, nl->buf, MNL_SOCKET_BUFFER_SIZE);
        if (n < 0)
            return -errno;
        ret = mnl_cb_run(nl->buf, (size_t)n, seq, nl->portid, cb, data);
    } while (ret > MNL_CB_STOP);
    return ret < 0 ? -errno : 0;
}

static struct nlmsghdr *
put_genl(XcvrNetlink *nl, guint16 type, guint8 cmd, guint8 version)
{
    struct nlmsghdr *nlh = mnl_nlmsg_put_header(nl->buf);
    struct genlmsghdr *genl;

    nlh->nlmsg_type = type;
    nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
    nlh->nlmsg_seq = ++nl->seq;
    genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
    genl->cmd = cmd;
    genl->version = version;
    return nlh;
}

int
xcvr_netlink_open(XcvrNetlink **ret_nl)
{
    g_autoptr(XcvrNetlink) nl = g_new0(XcvrNetlink, 1);
    FamilyInfo info = { 0, FALSE };
    struct nlmsghdr *nlh;
    int one = 1;
    int r;

    nl->buf = g_malloc(MNL_SOCKET_BUFFER_SIZE);
    nl->sock = mnl_socket_open(NETLINK_GENERIC);
    if (nl->sock == NULL)
        return -EOPNOTSUPP; /* no generic netlink at all: the ioctl it is */
    /* Extended acks carry the kernel's reason; older kernels ignore the option. */
    (void)mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
    if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0)
        return -errno;
    nl->portid = mnl_socket_get_portid(nl->sock);
    nl->seq = (guint32)g_get_monotonic_time();

    nlh = put_genl(nl, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1);
    mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, "ethtool");
    r = transact(nl, nlh, family_cb, &info, g_get_monotonic_time() + 2 * G_USEC_PER_SEC);
    if (r == -ENOENT || (r == 0 && (info.family == 0 || !info.has_eeprom_get)))
        return -EOPNOTSUPP; /* kernel < 5.6, or < 5.13 without the paged read */
    if (r < 0)
        return r;
    nl->family = info.family;
    *ret_nl = g_steal_pointer(&nl);
    return 0;
}

typedef struct {
    guint8 *buf;
    guint want;
    guint got;
    gboolean seen;
} EepromReply;

static int
eeprom_attr_cb(const struct nlattr *attr, void *data)
{
    EepromReply *reply = data;

    if (mnl_attr_get_type(attr) == ETHTOOL_A_MODULE_EEPROM_DATA) {
        guint len = mnl_attr_get_payload_len(attr);

        reply->seen = TRUE;
        reply->got = MIN(len, reply->want);
        memcpy(reply->buf, mnl_attr_get_payload(attr), reply->got);
    }
    return MNL_CB_OK;
}

static int
eeprom_cb(const struct nlmsghdr *nlh, void *data)
{
    return mnl_attr_parse(nlh, sizeof(struct genlmsghdr), eeprom_attr_cb, data);
}

int
xcvr_netlink_read(XcvrNetlink *nl, const char *ifname, const XcvrPageRequest *req,
                  guint8 *buf, guint *ret_len, gint64 deadline)
{
    EepromReply reply = { buf, req->length, 0, FALSE };
    struct nlmsghdr *nlh;
    struct nlattr *nest;
    int r;

    nlh = put_genl(nl, nl->family, ETHTOOL_MSG_MODULE_EEPROM_GET, ETHTOOL_GENL_VERSION);
    nest = mnl_attr_nest_start(nlh, ETHTOOL_A_MODULE_EEPROM_HEADER);
    mnl_attr_put_strz(nlh, ETHTOOL_A_HEADER_DEV_NAME, ifname);
    mnl_attr_nest_end(nlh, nest);
    mnl_attr_put_u32(nlh, ETHTOOL_A_MODULE_EEPROM_OFFSET, req->offset);
    mnl_attr_put_u32(nlh, ETHTOOL_A_MODULE_EEPROM_LENGTH, req->length);
    mnl_attr_put_u8(nlh, ETHTOOL_A_MODULE_EEPROM_PAGE, req->page);
    mnl_attr_put_u8(nlh, ETHTOOL_A_MODULE_EEPROM_BANK, req->bank);
    mnl_attr_put_u8(nlh, ETHTOOL_A_MODULE_EEPROM_I2C_ADDRESS, req->i2c);
    r = transact(nl, nlh, eeprom_cb, &reply, deadline);
    if (r < 0)
        return r;
    if (!reply.seen)
        return -EIO; /* an answer without data */
    *ret_len = reply.got;
    return 0;
}
