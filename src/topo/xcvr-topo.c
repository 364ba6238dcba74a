/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-topo.c: the topology walker: from a netdev (or a PCI function) toward the wire,
 * through taps, macvtaps, veth pairs, bridges, VLANs, bonds, SR-IOV VFs and Open vSwitch
 * bridges, bonds and patch ports, to every physical uplink reached.
 *
 * The facts about each device come from xcvr-topo-sysfs.c; this file only decides where to
 * go next. A device is visited once per walk (cycles end there).
 */
#include <string.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-topo.h>

#include "xcvr-topo-private.h"
#include "xcvr-ovs-private.h"

#include "core/xcvr-enum.h"

XCVR_ENUM_IMPL(hop_kind, XcvrHopKind, _XCVR_HOP_LAST, "other",
    [XCVR_HOP_TAP] = "tap",
    [XCVR_HOP_MACVTAP] = "macvtap",
    [XCVR_HOP_MACVLAN] = "macvlan",
    [XCVR_HOP_VETH] = "veth",
    [XCVR_HOP_BRIDGE] = "bridge",
    [XCVR_HOP_VLAN] = "vlan",
    [XCVR_HOP_BOND] = "bond",
    [XCVR_HOP_VF] = "vf",
    [XCVR_HOP_VXLAN] = "vxlan",
    [XCVR_HOP_PHYSICAL] = "physical",
    [XCVR_HOP_OTHER] = "other",
    [XCVR_HOP_OVS_BRIDGE] = "ovs-bridge",
    [XCVR_HOP_OVS_BOND] = "ovs-bond",
    [XCVR_HOP_OVS_PATCH] = "ovs-patch",
    [XCVR_HOP_VHOSTUSER] = "vhostuser",
    [XCVR_HOP_DPDK] = "dpdk",
    [XCVR_HOP_VDPA] = "vdpa",
    [XCVR_HOP_TUNNEL] = "tunnel",
)

XCVR_ENUM_IMPL(topo_start, XcvrTopoStart, _XCVR_TOPO_START_LAST, "netdev",
    [XCVR_TOPO_START_NETDEV] = "netdev",
    [XCVR_TOPO_START_PCI] = "pci",
    [XCVR_TOPO_START_OVS_PORT] = "ovs-port",
    [XCVR_TOPO_START_VDPA] = "vdpa",
)

void
xcvr_hop_free(XcvrHop *hop)
{
    if (hop == NULL)
        return;
    g_free(hop->name);
    g_free(hop->detail);
    g_free(hop);
}

void
xcvr_uplink_free(XcvrUplink *uplink)
{
    if (uplink == NULL)
        return;
    g_free(uplink->netdev);
    g_free(uplink->pci);
    g_clear_pointer(&uplink->path, g_ptr_array_unref);
    g_free(uplink);
}

static XcvrHop *
hop_new(XcvrHopKind kind, const char *name, const char *detail)
{
    XcvrHop *hop = g_new0(XcvrHop, 1);

    hop->kind = kind;
    hop->name = g_strdup(name);
    hop->detail = g_strdup(detail);
    return hop;
}

XcvrHop *
xcvr_hop_copy(const XcvrHop *hop)
{
    return hop_new(hop->kind, hop->name, hop->detail);
}

gboolean
xcvr_hop_same_device(const XcvrHop *a, const XcvrHop *b)
{
    return a->kind == b->kind && strcmp(a->name, b->name) == 0;
}

static GPtrArray *
path_copy_n(GPtrArray *hops, guint n)
{
    GPtrArray *copy = g_ptr_array_new_full(n, (GDestroyNotify)xcvr_hop_free);
    guint i;

    for (i = 0; i < n && i < hops->len; i++) {
        const XcvrHop *h = g_ptr_array_index(hops, i);

        g_ptr_array_add(copy, hop_new(h->kind, h->name, h->detail));
    }
    return copy;
}

static GPtrArray *
path_copy(GPtrArray *hops)
{
    return path_copy_n(hops, hops->len);
}

/* ---- XcvrTopo ---- */

XcvrTopo *
xcvr_topo_new(const char *root, GError **error)
{
    g_autoptr(XcvrTopo) topo = g_new0(XcvrTopo, 1);
    g_autoptr(GDir) d = NULL;
    g_autoptr(GError) local = NULL;
    const char *name;

    topo->root = g_strdup(root != NULL ? root : "/");
    topo->class_net = g_build_filename(topo->root, "sys", "class", "net", NULL);
    topo->pci_devices = g_build_filename(topo->root, "sys", "bus", "pci", "devices", NULL);
    topo->proc_net = g_build_filename(topo->root, "proc", "net", NULL);
    topo->listed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    topo->name_by_ifindex = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);

    d = g_dir_open(topo->class_net, 0, &local);
    if (d == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "cannot list netdevs: %s",
                    local->message);
        return NULL;
    }
    while ((name = g_dir_read_name(d)) != NULL) {
        g_autofree char *path = NULL;
        g_autofree char *text = NULL;
        char *end = NULL;
        gint64 ifindex;

        if (!xcvr_topo_name_ok(name))
            continue;
        g_hash_table_add(topo->listed, g_strdup(name));
        path = g_build_filename(topo->class_net, name, "ifindex", NULL);
        if (!g_file_get_contents(path, &text, NULL, NULL))
            continue;
        g_strstrip(text);
        ifindex = g_ascii_strtoll(text, &end, 10);
        if (text[0] == '\0' || *end != '\0' || ifindex <= 0 || ifindex > G_MAXINT)
            continue;
        /* ifindexes are unique within a namespace; a fixture that repeats one keeps the
         * first listed */
        if (!g_hash_table_contains(topo->name_by_ifindex, GINT_TO_POINTER((int)ifindex)))
            g_hash_table_insert(topo->name_by_ifindex, GINT_TO_POINTER((int)ifindex),
                                g_strdup(name));
    }
    topo->vlans = xcvr_topo_read_vlans(topo->proc_net);
    return g_steal_pointer(&topo);
}

void
xcvr_topo_free(XcvrTopo *topo)
{
    if (topo == NULL)
        return;
    g_free(topo->root);
    g_free(topo->class_net);
    g_free(topo->pci_devices);
    g_free(topo->proc_net);
    g_clear_pointer(&topo->listed, g_hash_table_unref);
    g_clear_pointer(&topo->name_by_ifindex, g_hash_table_unref);
    g_clear_pointer(&topo->vlans, g_hash_table_unref);
    g_clear_pointer(&topo->devs, g_hash_table_unref);
    g_free(topo);
}

/* ---- the walk ---- */

/* A netdev's facts, read from sysfs once per walk, or once per #XcvrTopo when the caller
 * maps a whole host in one go (every guest on a bridge walks the bridge's other ports, and
 * re-reading them per guest makes a large host quadratic). */
static const XcvrTopoDev *
dev_get(XcvrTopo *topo, GHashTable *cache, const char *name, GError **error)
{
    XcvrTopoDev *dev = g_hash_table_lookup(cache, name);

    if (dev != NULL)
        return dev;
    if (!xcvr_topo_dev_read(topo, name, &dev, error))
        return NULL;
    g_hash_table_insert(cache, g_strdup(name), dev);
    return dev;
}

void
xcvr_topo_cache_devices(XcvrTopo *topo)
{
    if (topo->devs == NULL)
        topo->devs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify)xcvr_topo_dev_free);
}

typedef struct {
    XcvrTopo *topo;
    const char *start;
    GHashTable *visited; /* netdev names */
    GHashTable *devs;    /* name → XcvrTopoDev*, read during this walk */
    GPtrArray *stack;    /* XcvrHop*: the path to the device being walked */
    GPtrArray *uplinks;  /* XcvrUplink* */
    GPtrArray *ends;     /* GPtrArray* of XcvrHop*: paths that end short of an uplink */
} Walk;

static void
walk_init(Walk *w, XcvrTopo *topo, const char *start)
{
    w->topo = topo;
    w->start = start;
    w->visited = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    w->devs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify)xcvr_topo_dev_free);
    w->stack = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_hop_free);
    w->uplinks = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_uplink_free);
    w->ends = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
}

static void
walk_clear(Walk *w)
{
    g_clear_pointer(&w->visited, g_hash_table_unref);
    g_clear_pointer(&w->devs, g_hash_table_unref);
    g_clear_pointer(&w->stack, g_ptr_array_unref);
    g_clear_pointer(&w->uplinks, g_ptr_array_unref);
    g_clear_pointer(&w->ends, g_ptr_array_unref);
}

static guint
walk_found(const Walk *w)
{
    return w->uplinks->len + w->ends->len;
}

static void
walk_push(Walk *w, XcvrHopKind kind, const char *name, const char *detail)
{
    g_ptr_array_add(w->stack, hop_new(kind, name, detail));
}

static void
walk_pop(Walk *w)
{
    g_ptr_array_remove_index(w->stack, w->stack->len - 1);
}

static void
emit_uplink(Walk *w, const char *netdev, const char *pci, int active)
{
    XcvrUplink *up = g_new0(XcvrUplink, 1);

    up->netdev = g_strdup(netdev);
    up->pci = g_strdup(pci);
    up->active = active;
    up->path = path_copy(w->stack);
    g_ptr_array_add(w->uplinks, up);
}

static void
emit_end(Walk *w)
{
    g_ptr_array_add(w->ends, path_copy(w->stack));
}

/* 1 when @member carries traffic, 0 when it is a backup (bonding.rst: only active-backup
 * has backups that carry nothing; the other modes use every member). */
static int
bond_member_active(const XcvrTopoDev *bond, const char *member)
{
    if (bond->bond_mode != NULL && strcmp(bond->bond_mode, "active-backup") != 0)
        return 1;
    if (bond->bond_active == NULL)
        return bond->bond_mode != NULL ? 0 : 1;
    return strcmp(bond->bond_active, member) == 0 ? 1 : 0;
}

static gboolean walk_dev(Walk *w, const char *name, const char *from, gboolean branch,
                         int active, GError **error);

/* A VF's way out: its PF's netdev(s), or the PF function itself when it has none. */
static gboolean
walk_pf(Walk *w, const char *vf, const char *pf_pci, GPtrArray *pf_netdevs, int active,
        GError **error)
{
    guint i;

    if (pf_netdevs != NULL && pf_netdevs->len > 0) {
        for (i = 0; i < pf_netdevs->len; i++) {
            if (!walk_dev(w, g_ptr_array_index(pf_netdevs, i), vf, FALSE, active, error))
                return FALSE;
        }
        return TRUE;
    }
    if (pf_pci == NULL) {
        emit_end(w);
        return TRUE;
    }
    walk_push(w, XCVR_HOP_PHYSICAL, pf_pci, "no netdev (bound to vfio or DPDK)");
    emit_uplink(w, NULL, pf_pci, active);
    walk_pop(w);
    return TRUE;
}

/* ---- Open vSwitch ---- */

static const XcvrOvsIface *
ovs_iface(const XcvrOvs *ovs, const char *name)
{
    return ovs != NULL ? g_hash_table_lookup(ovs->iface_by_name, name) : NULL;
}

/* The interface @name when it is a port of a bridge. */
static const XcvrOvsIface *
ovs_port_iface(const XcvrOvs *ovs, const char *name)
{
    const XcvrOvsIface *iface = ovs_iface(ovs, name);

    if (iface == NULL || iface->port == NULL || iface->port->bridge == NULL)
        return NULL;
    return iface;
}

static gboolean
ovs_knows(const XcvrOvs *ovs, const char *name)
{
    return ovs_port_iface(ovs, name) != NULL ||
           (ovs != NULL && g_hash_table_contains(ovs->bridge_by_name, name));
}

/* @from is the walk's name for the OVS bridge holding @iface: we came down from there */
static gboolean
ovs_came_from(const XcvrOvsIface *iface, const char *from)
{
    g_autofree char *key = NULL;

    if (from == NULL)
        return FALSE;
    key = g_strconcat("ovs:", iface->port->bridge->name, NULL);
    return strcmp(key, from) == 0;
}

/* 1 when bond member @iface carries traffic (ovs-vswitchd.conf.db(5): only active-backup
 * keeps members idle; bond_active_slave names the active one by MAC), 0 for a backup. */
static int
ovs_member_active(const XcvrOvsPort *port, const XcvrOvsIface *iface)
{
    if (g_strcmp0(port->bond_mode, "active-backup") != 0)
        return 1;
    if (port->bond_active_mac == NULL || iface->mac_in_use == NULL)
        return g_strcmp0(iface->link_state, "down") == 0 ? 0 : 1;
    return g_ascii_strcasecmp(port->bond_active_mac, iface->mac_in_use) == 0 ? 1 : 0;
}

static gboolean walk_ovs_port(Walk *w, const XcvrOvsPort *port, const char *from, int active,
                              GError **error);

static gboolean
walk_ovs_bridge(Walk *w, const XcvrOvsBridge *bridge, const XcvrOvsPort *from_port,
                gboolean branch, int active, GError **error)
{
    g_autofree char *key = g_strconcat("ovs:", bridge->name, NULL);
    g_autoptr(GString) detail = g_string_new(NULL);
    guint before = walk_found(w);
    gboolean ok = TRUE;
    guint i;

    if (g_hash_table_contains(w->visited, key))
        return TRUE;
    g_hash_table_add(w->visited, g_strdup(key));

    if (from_port != NULL && from_port->tag >= 0)
        g_string_append_printf(detail, "tag %d", from_port->tag);
    if (g_strcmp0(bridge->datapath_type, "netdev") == 0)
        g_string_append_printf(detail, "%suserspace datapath", detail->len > 0 ? ", " : "");
    walk_push(w, XCVR_HOP_OVS_BRIDGE, bridge->name, detail->len > 0 ? detail->str : NULL);
    for (i = 0; ok && i < bridge->ports->len; i++) {
        const XcvrOvsPort *port = g_ptr_array_index(bridge->ports, i);

        if (port != from_port)
            ok = walk_ovs_port(w, port, key, active, error);
    }
    if (ok && !branch && walk_found(w) == before)
        emit_end(w);
    walk_pop(w);
    return ok;
}

/* One interface of a port, seen from its bridge (@from: "ovs:BRIDGE"). */
static gboolean
walk_ovs_member(Walk *w, const XcvrOvsIface *iface, const char *from, int active,
                GError **error)
{
    const XcvrOvsIface *peer;
    g_autofree char *detail = NULL;
    g_autoptr(GError) local = NULL;

    switch (iface->kind) {
    case XCVR_OVS_IF_SYSTEM:
        /* ovsdb holds configuration: an interface that was never plugged in, or went
         * away, is no way out; a device that vanishes while walked below is an error */
        if (!g_hash_table_contains(w->topo->listed, iface->name))
            return TRUE;
        if (!walk_dev(w, iface->name, from, TRUE, active, &local)) {
            g_propagate_error(error, g_steal_pointer(&local));
            return FALSE;
        }
        return TRUE;
    case XCVR_OVS_IF_PATCH:
        peer = iface->peer != NULL ? ovs_port_iface(w->topo->ovs, iface->peer) : NULL;
        if (peer == NULL)
            return TRUE;
        detail = g_strdup_printf("peer %s", peer->name);
        walk_push(w, XCVR_HOP_OVS_PATCH, iface->name, detail);
        if (!walk_ovs_bridge(w, peer->port->bridge, peer->port, TRUE, active, error))
            return FALSE;
        walk_pop(w);
        return TRUE;
    case XCVR_OVS_IF_DPDK:
        walk_push(w, XCVR_HOP_DPDK, iface->name, iface->dpdk_devargs);
        emit_uplink(w, NULL,
                    iface->dpdk_devargs != NULL && xcvr_topo_is_pci_address(iface->dpdk_devargs)
                        ? iface->dpdk_devargs
                        : NULL,
                    active);
        walk_pop(w);
        return TRUE;
    case XCVR_OVS_IF_INTERNAL:  /* the host's own stack */
    case XCVR_OVS_IF_TAP:       /* other guests */
    case XCVR_OVS_IF_VHOSTUSER:
    case XCVR_OVS_IF_TUNNEL:    /* routed: the underlay is the routing table's business */
    case XCVR_OVS_IF_OTHER:
    default:
        return TRUE;
    }
}

static gboolean
walk_ovs_port(Walk *w, const XcvrOvsPort *port, const char *from, int active, GError **error)
{
    g_autoptr(GString) detail = NULL;
    guint i;

    if (port->fake_bridge || port->ifaces->len == 0)
        return TRUE;
    if (port->ifaces->len == 1)
        return walk_ovs_member(w, g_ptr_array_index(port->ifaces, 0), from, active, error);

    detail = g_string_new(NULL);
    g_string_append_printf(detail, "mode %s",
                           port->bond_mode != NULL ? port->bond_mode : "balance-slb");
    if (port->lacp != NULL)
        g_string_append_printf(detail, ", lacp %s", port->lacp);
    walk_push(w, XCVR_HOP_OVS_BOND, port->name, detail->str);
    for (i = 0; i < port->ifaces->len; i++) {
        const XcvrOvsIface *iface = g_ptr_array_index(port->ifaces, i);

        if (!walk_ovs_member(w, iface, from, ovs_member_active(port, iface), error))
            return FALSE;
    }
    walk_pop(w);
    return TRUE;
}

/* A name sysfs does not list but Open vSwitch knows: a userspace-datapath bridge, or a
 * port without a netdev (vhost-user). */
static gboolean
walk_ovs_entry(Walk *w, const char *name, gboolean branch, int active, GError **error)
{
    const XcvrOvsIface *iface = ovs_port_iface(w->topo->ovs, name);
    const XcvrOvsBridge *bridge = NULL;
    gboolean ok;

    if (w->topo->ovs != NULL)
        bridge = g_hash_table_lookup(w->topo->ovs->bridge_by_name, name);
    if (bridge != NULL) {
        /* a bridge's own port (internal, same name) is where the walk enters it */
        return walk_ovs_bridge(w, bridge, iface != NULL ? iface->port : NULL, branch, active,
                               error);
    }
    if (iface == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE,
                    "no netdev and no Open vSwitch port %s", name);
        return FALSE;
    }
    walk_push(w, iface->kind == XCVR_OVS_IF_VHOSTUSER ? XCVR_HOP_VHOSTUSER : XCVR_HOP_TAP, name,
              iface->vhost_server_path);
    ok = walk_ovs_bridge(w, iface->port->bridge, iface->port, branch, active, error);
    walk_pop(w);
    return ok;
}

/*
 * Walks @name, reached from @from (NULL at the start). @branch: we came down into a bridge
 * port somewhere above; a dead end below is then another consumer of that bridge (a VM's
 * tap), not where the start device's traffic ends, so it is not recorded.
 */
static gboolean
walk_dev(Walk *w, const char *name, const char *from, gboolean branch, int active,
         GError **error)
{
    const XcvrTopoDev *dev = NULL;
    g_autoptr(GError) local = NULL;
    guint before = walk_found(w);
    gboolean ok = TRUE;

    if (g_hash_table_contains(w->visited, name))
        return TRUE;
    g_hash_table_add(w->visited, g_strdup(name));
    /* a userspace-datapath bridge or port has no netdev: Open vSwitch alone knows it */
    if (!g_hash_table_contains(w->topo->listed, name) && ovs_knows(w->topo->ovs, name))
        return walk_ovs_entry(w, name, branch, active, error);
    dev = dev_get(w->topo, w->topo->devs != NULL ? w->topo->devs : w->devs, name, &local);
    if (dev == NULL) {
        /* below a bridge, a port that went away (another guest's tap) is simply no longer
         * a way out; on the start device's own way it is this walk's error */
        if (branch && g_error_matches(local, XCVR_ERROR, XCVR_ERROR_NO_DEVICE))
            return TRUE;
        if (from != NULL)
            g_prefix_error(&local, "walking from %s: ", w->start);
        g_propagate_error(error, g_steal_pointer(&local));
        return FALSE;
    }
    walk_push(w, dev->kind, name, dev->detail);

    if (dev->kind == XCVR_HOP_PHYSICAL) {
        emit_uplink(w, name, dev->pci, active);
    } else if (dev->kind == XCVR_HOP_VF) {
        ok = walk_pf(w, name, dev->pf_pci, dev->pf_netdevs, active, error);
    } else if (dev->kind == XCVR_HOP_VXLAN && dev->lowers->len == 0) {
        emit_end(w); /* routed: the underlay is whatever the routing table says */
    } else if (dev->kind == XCVR_HOP_VETH && dev->master != NULL &&
               g_strcmp0(dev->master, from) != 0) {
        /* a veth end in a bridge is the host side: its traffic goes into the bridge; the
         * peer is the container (or the other bridge) it serves */
        ok = walk_dev(w, dev->master, name, branch, active, error);
    } else {
        guint followed = 0;
        guint i;

        for (i = 0; ok && i < dev->lowers->len; i++) {
            const char *lower = g_ptr_array_index(dev->lowers, i);
            int child_active = active;

            if (g_strcmp0(lower, from) == 0)
                continue;
            followed++;
            if (dev->kind == XCVR_HOP_BOND)
                child_active = bond_member_active(dev, lower);
            ok = walk_dev(w, lower, name, branch || dev->kind == XCVR_HOP_BRIDGE, child_active,
                          error);
        }
        /* nothing below: a port (tap, veth end) goes on through its bridge; for an Open
         * vSwitch port the kernel master is only `ovs-system`, ovsdb knows the bridge */
        if (ok && followed == 0) {
            const XcvrOvsIface *iface = ovs_port_iface(w->topo->ovs, name);

            if (iface != NULL) {
                if (!ovs_came_from(iface, from))
                    ok = walk_ovs_bridge(w, iface->port->bridge, iface->port, branch, active,
                                         error);
            } else if (dev->master != NULL && g_strcmp0(dev->master, from) != 0) {
                ok = walk_dev(w, dev->master, name, branch, active, error);
            }
        }
    }

    if (ok && !branch && walk_found(w) == before)
        emit_end(w);
    walk_pop(w);
    return ok;
}

static gboolean
walk_start(Walk *w, XcvrTopo *topo, const char *netdev, GError **error)
{
    walk_init(w, topo, netdev);
    if (!xcvr_topo_name_ok(netdev)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_ARGUMENT,
                    "'%s' is not a netdev name", netdev);
        return FALSE;
    }
    return walk_dev(w, netdev, NULL, FALSE, -1, error);
}

/* From a PCI function: a VF through its PF; a function with netdevs through them; one
 * without (vfio, DPDK) is itself the uplink. */
static gboolean
walk_pci(Walk *w, const char *pci, GError **error)
{
    g_autofree char *pf_pci = NULL;
    g_autoptr(GPtrArray) netdevs = NULL;
    int index = -1;
    guint i;

    if (!xcvr_topo_pci_read(w->topo, pci, &pf_pci, &index, &netdevs, error))
        return FALSE;
    if (pf_pci != NULL) {
        g_autofree char *detail = xcvr_topo_vf_detail(index, pf_pci, netdevs);
        gboolean ok;

        walk_push(w, XCVR_HOP_VF, pci, detail);
        ok = walk_pf(w, pci, pf_pci, netdevs, -1, error);
        walk_pop(w);
        return ok;
    }
    if (netdevs->len == 0) {
        walk_push(w, XCVR_HOP_PHYSICAL, pci, "no netdev (bound to vfio or DPDK)");
        emit_uplink(w, NULL, pci, -1);
        walk_pop(w);
        return TRUE;
    }
    for (i = 0; i < netdevs->len; i++) {
        if (!walk_dev(w, g_ptr_array_index(netdevs, i), NULL, FALSE, -1, error))
            return FALSE;
    }
    return TRUE;
}

static gboolean
walk_vdpa(Walk *w, const char *chardev, GError **error)
{
    g_autofree char *vdpa = NULL;
    g_autofree char *pci = NULL;
    g_autofree char *detail = NULL;
    gboolean ok;

    if (!xcvr_topo_vdpa_read(w->topo, chardev, &vdpa, &pci, error))
        return FALSE;
    detail = g_strdup_printf("%s on %s", chardev, pci);
    walk_push(w, XCVR_HOP_VDPA, vdpa, detail);
    ok = walk_pci(w, pci, error);
    walk_pop(w);
    return ok;
}

static gboolean
walk_ovs_port_start(Walk *w, const char *name, GError **error)
{
    if (ovs_port_iface(w->topo->ovs, name) == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE,
                    w->topo->ovs == NULL ? "no Open vSwitch configuration to find port %s in"
                                         : "no Open vSwitch port %s",
                    name);
        return FALSE;
    }
    g_hash_table_add(w->visited, g_strdup(name));
    return walk_ovs_entry(w, name, FALSE, -1, error);
}

/* The hops every uplink's path shares; one uplink: its whole path. */
static GPtrArray *
common_path(GPtrArray *uplinks)
{
    const XcvrUplink *first = g_ptr_array_index(uplinks, 0);
    guint n = first->path->len;
    guint i, j;

    for (i = 1; i < uplinks->len; i++) {
        const XcvrUplink *up = g_ptr_array_index(uplinks, i);

        for (j = 0; j < n && j < up->path->len; j++) {
            const XcvrHop *a = g_ptr_array_index(first->path, j);
            const XcvrHop *b = g_ptr_array_index(up->path, j);

            if (!xcvr_hop_same_device(a, b))
                break;
        }
        n = j;
    }
    return path_copy_n(first->path, n);
}

gboolean
xcvr_topo_walk(XcvrTopo *topo, XcvrTopoStart start, const char *name,
               GPtrArray **ret_uplinks, GPtrArray **ret_path, GError **error)
{
    Walk w = { 0 };
    gboolean ok;

    g_return_val_if_fail(topo != NULL, FALSE);
    g_return_val_if_fail(name != NULL, FALSE);
    g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

    switch (start) {
    case XCVR_TOPO_START_PCI:
        walk_init(&w, topo, name);
        ok = walk_pci(&w, name, error);
        break;
    case XCVR_TOPO_START_VDPA:
        walk_init(&w, topo, name);
        ok = walk_vdpa(&w, name, error);
        break;
    case XCVR_TOPO_START_OVS_PORT:
        walk_init(&w, topo, name);
        ok = walk_ovs_port_start(&w, name, error);
        break;
    case XCVR_TOPO_START_NETDEV:
    default:
        ok = walk_start(&w, topo, name, error);
        break;
    }
    if (ok) {
        if (ret_path != NULL) {
            if (w.uplinks->len > 0)
                *ret_path = common_path(w.uplinks);
            else if (w.ends->len > 0)
                *ret_path = path_copy(g_ptr_array_index(w.ends, 0));
            else
                *ret_path = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_hop_free);
        }
        if (ret_uplinks != NULL)
            *ret_uplinks = g_steal_pointer(&w.uplinks);
    }
    walk_clear(&w);
    return ok;
}

GPtrArray *
xcvr_topo_uplinks(XcvrTopo *topo, const char *netdev, GError **error)
{
    GPtrArray *uplinks = NULL;

    g_return_val_if_fail(netdev != NULL, NULL);
    if (!xcvr_topo_walk(topo, XCVR_TOPO_START_NETDEV, netdev, &uplinks, NULL, error))
        return NULL;
    return uplinks;
}

GPtrArray *
xcvr_topo_path(XcvrTopo *topo, const char *netdev, GError **error)
{
    g_autoptr(GPtrArray) uplinks = NULL;
    GPtrArray *path = NULL;

    g_return_val_if_fail(netdev != NULL, NULL);
    if (!xcvr_topo_walk(topo, XCVR_TOPO_START_NETDEV, netdev, &uplinks, &path, error))
        return NULL;
    /* the path of the first uplink, not only what all uplinks share */
    if (uplinks->len > 0) {
        g_ptr_array_unref(path);
        path = path_copy(((XcvrUplink *)g_ptr_array_index(uplinks, 0))->path);
    }
    return path;
}

GPtrArray *
xcvr_topo_uplinks_for_pci(XcvrTopo *topo, const char *pci, GError **error)
{
    GPtrArray *uplinks = NULL;

    g_return_val_if_fail(pci != NULL, NULL);
    if (!xcvr_topo_walk(topo, XCVR_TOPO_START_PCI, pci, &uplinks, NULL, error))
        return NULL;
    return uplinks;
}

void
xcvr_topo_set_ovs(XcvrTopo *topo, const XcvrOvs *ovs)
{
    g_return_if_fail(topo != NULL);
    topo->ovs = ovs;
}
