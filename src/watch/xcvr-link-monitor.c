/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-link-monitor.c: rtnetlink link events (RTMGRP_LINK) through libmnl, filtered down
 * to what the map depends on. The kernel sends RTM_NEWLINK for many changes the map does
 * not show (statistics, queue settings, an address of a peer): each link's last known
 * flags, operstate, carrier, master and name are kept, and only a difference in them (or a
 * link appearing or vanishing) is reported — by the link's name, and by the names of what
 * the change concerns besides (its name before a rename, the masters it left or joined).
 *
 * rtnetlink(7): RTM_NEWLINK/RTM_DELLINK, struct ifinfomsg, IFLA_IFNAME, IFLA_OPERSTATE,
 * IFLA_CARRIER, IFLA_MASTER.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <libmnl/libmnl.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include <glib-unix.h>

#include <xcvrmap/xcvr-error.h>

#include "watch/xcvr-watch-private.h"

/* What of a link the map reads (flags kept to the ones that say up, running, carrier). */
typedef struct {
    guint flags;
    int operstate; /* -1: not sent */
    int carrier;   /* -1: not sent */
    guint master;  /* 0: none */
    char name[IFNAMSIZ];
} LinkState;

#define FLAGS_OF_INTEREST (IFF_UP | IFF_RUNNING | IFF_LOWER_UP)

struct _XcvrLinkMonitor {
    struct mnl_socket *nl;
    GSource *source;
    GHashTable *links; /* ifindex → LinkState* */
    XcvrLinkChangedFunc func;
    gpointer user_data;
};

typedef struct {
    XcvrLinkMonitor *monitor;
    gboolean report;   /* FALSE while reading the initial dump */
} ParseContext;

static int
attr_cb(const struct nlattr *attr, void *data)
{
    const struct nlattr **tb = data;
    int type = mnl_attr_get_type(attr);

    if (mnl_attr_type_valid(attr, IFLA_MAX) < 0)
        return MNL_CB_OK;
    switch (type) {
    case IFLA_IFNAME:
        if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0)
            return MNL_CB_OK;
        break;
    case IFLA_OPERSTATE:
    case IFLA_CARRIER:
        if (mnl_attr_validate(attr, MNL_TYPE_U8) < 0)
            return MNL_CB_OK;
        break;
    case IFLA_MASTER:
        if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
            return MNL_CB_OK;
        break;
    default:
        return MNL_CB_OK;
    }
    tb[type] = attr;
    return MNL_CB_OK;
}

/* The link itself and, so that whoever walked through them looks again, the name it had
 * before a rename and the masters it left and joined. */
static void
report_change(XcvrLinkMonitor *m, const LinkState *old, const LinkState *now)
{
    m->func(now->name, m->user_data);
    if (old == NULL)
        return;
    if (old->name[0] != '\0' && strcmp(old->name, now->name) != 0)
        m->func(old->name, m->user_data);
    if (old->master != now->master) {
        guint masters[] = { old->master, now->master };

        for (guint i = 0; i < G_N_ELEMENTS(masters); i++) {
            const LinkState *ms = masters[i] != 0
                ? g_hash_table_lookup(m->links, GINT_TO_POINTER((gint)masters[i]))
                : NULL;

            if (ms != NULL && ms->name[0] != '\0')
                m->func(ms->name, m->user_data);
        }
    }
}

static int
link_cb(const struct nlmsghdr *nlh, void *data)
{
    ParseContext *ctx = data;
    XcvrLinkMonitor *m = ctx->monitor;
    const struct nlattr *tb[IFLA_MAX + 1] = { NULL };
    const struct ifinfomsg *ifi;
    LinkState now = { 0 };
    LinkState *old;
    gpointer key;

    if (nlh->nlmsg_type != RTM_NEWLINK && nlh->nlmsg_type != RTM_DELLINK)
        return MNL_CB_OK;
    if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*ifi)))
        return MNL_CB_OK;
    ifi = mnl_nlmsg_get_payload(nlh);
    if (mnl_attr_parse(nlh, sizeof(*ifi), attr_cb, tb) < 0)
        return MNL_CB_OK;
    key = GINT_TO_POINTER(ifi->ifi_index);
    old = g_hash_table_lookup(m->links, key);

    now.flags = ifi->ifi_flags & FLAGS_OF_INTEREST;
    now.operstate = tb[IFLA_OPERSTATE] != NULL ? mnl_attr_get_u8(tb[IFLA_OPERSTATE]) : -1;
    now.carrier = tb[IFLA_CARRIER] != NULL ? mnl_attr_get_u8(tb[IFLA_CARRIER]) : -1;
    now.master = tb[IFLA_MASTER] != NULL ? mnl_attr_get_u32(tb[IFLA_MASTER]) : 0;
    if (tb[IFLA_IFNAME] != NULL)
        g_strlcpy(now.name, mnl_attr_get_str(tb[IFLA_IFNAME]), sizeof now.name);
    else if (old != NULL)
        memcpy(now.name, old->name, sizeof now.name);

    if (nlh->nlmsg_type == RTM_DELLINK) {
        if (g_hash_table_remove(m->links, key) && ctx->report)
            m->func(now.name, m->user_data);
        return MNL_CB_OK;
    }
    if (old != NULL && memcmp(old, &now, sizeof now) == 0)
        return MNL_CB_OK;
    if (ctx->report)
        report_change(m, old, &now);
    g_hash_table_replace(m->links, key, g_memdup(&now, sizeof now));
    return MNL_CB_OK;
}

/* Every link's state now, from an RTM_GETLINK dump on a socket of its own (the monitor's
 * socket would interleave the dump with events). */
static gboolean
read_initial_state(XcvrLinkMonitor *m, GError **error)
{
    char buf[MNL_SOCKET_BUFFER_SIZE];
    struct mnl_socket *nl = mnl_socket_open(NETLINK_ROUTE);
    struct nlmsghdr *nlh;
    struct rtgenmsg *rt;
    ParseContext ctx = { m, FALSE };
    unsigned int seq = (unsigned int)time(NULL);
    unsigned int portid;
    int ret;

    if (nl == NULL || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
        int err = errno;

        if (nl != NULL)
            mnl_socket_close(nl);
        g_set_error(error, XCVR_ERROR, xcvr_error_from_errno(err),
                    "cannot open an rtnetlink socket: %s", g_strerror(err));
        return FALSE;
    }
    portid = mnl_socket_get_portid(nl);
    nlh = mnl_nlmsg_put_header(buf);
    nlh->nlmsg_type = RTM_GETLINK;
    nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    nlh->nlmsg_seq = seq;
    rt = mnl_nlmsg_put_extra_header(nlh, sizeof(*rt));
    rt->rtgen_family = AF_UNSPEC;
    if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
        int err = errno;

        mnl_socket_close(nl);
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "cannot list links: %s",
                    g_strerror(err));
        return FALSE;
    }
    for (;;) {
        ssize_t n = mnl_socket_recvfrom(nl, buf, sizeof buf);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ret = -1;
            break;
        }
        ret = mnl_cb_run(buf, (size_t)n, seq, portid, link_cb, &ctx);
        if (ret <= MNL_CB_STOP)
            break;
    }
    mnl_socket_close(nl);
    if (ret < 0) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "cannot list links: %s",
                    g_strerror(errno));
        return FALSE;
    }
    return TRUE;
}

static gboolean
on_readable(gint fd, GIOCondition condition, gpointer data)
{
    XcvrLinkMonitor *m = data;
    char buf[MNL_SOCKET_BUFFER_SIZE];
    ParseContext ctx = { m, TRUE };

    for (;;) {
        ssize_t n = mnl_socket_recvfrom(m->nl, buf, sizeof buf);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == ENOBUFS) {
            /* the kernel dropped events: what changed is unknown */
            m->func(NULL, m->user_data);
            continue;
        }
        if (n <= 0)
            break; /* EAGAIN: all read */
        (void)mnl_cb_run(buf, (size_t)n, 0, 0, link_cb, &ctx);
    }
    return G_SOURCE_CONTINUE;
}

XcvrLinkMonitor *
xcvr_link_monitor_new(GMainContext *context, XcvrLinkChangedFunc func, gpointer user_data,
                      GError **error)
{
    g_autoptr(XcvrLinkMonitor) m = g_new0(XcvrLinkMonitor, 1);
    int rcvbuf = 1024 * 1024;
    int fd;

    m->func = func;
    m->user_data = user_data;
    m->links = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    m->nl = mnl_socket_open(NETLINK_ROUTE);
    if (m->nl == NULL || mnl_socket_bind(m->nl, RTMGRP_LINK, MNL_SOCKET_AUTOPID) < 0) {
        int err = errno;

        g_set_error(error, XCVR_ERROR, xcvr_error_from_errno(err),
                    "cannot subscribe to link events (rtnetlink): %s", g_strerror(err));
        return NULL;
    }
    fd = mnl_socket_get_fd(m->nl);
    /* a burst (a bond of 64 VFs coming up) must not overrun the socket */
    (void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "rtnetlink socket: %s",
                    g_strerror(errno));
        return NULL;
    }
    /* subscribed first, then the dump: a change between the two is reported, not lost */
    if (!read_initial_state(m, error))
        return NULL;
    m->source = g_unix_fd_source_new(fd, G_IO_IN);
    g_source_set_callback(m->source, (GSourceFunc)(void (*)(void))on_readable, m, NULL);
    g_source_attach(m->source, context);
    return g_steal_pointer(&m);
}

void
xcvr_link_monitor_free(XcvrLinkMonitor *m)
{
    if (m == NULL)
        return;
    if (m->source != NULL) {
        g_source_destroy(m->source);
        g_source_unref(m->source);
    }
    if (m->nl != NULL)
        mnl_socket_close(m->nl);
    g_hash_table_unref(m->links);
    g_free(m);
}
