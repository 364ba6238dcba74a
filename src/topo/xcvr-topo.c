/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-topo.c: the topology walker: from a netdev (or a PCI function) toward the wire,
 * through taps, macvtaps, veth pairs, bridges, VLANs, bonds, SR-IOV VFs and Open vSwitch
 * bridges, bonds and patch ports, to every physical uplink reached.
 *
 * The facts about each device come from xcvr-topo-sysfs.c; this file only decides where to
 * go next. A device is visited once per walk (cycles end there). In a whole-host pass, the
 * ports of a bridge that lead nowhere are passed over (xcvr-topo-memo.c).
 */
#include <string.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-topo.h>

#include "xcvr-topo-walk-private.h"

#include "core/xcvr-enum.h"
#include "core/xcvr-host-file-private.h"

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

XCVR_ENUM_IMPL(bond_rule, XcvrBondRule, _XCVR_BOND_RULE_LAST, NULL,
    [XCVR_BOND_RULE_NONE] = NULL,
    [XCVR_BOND_RULE_ACTIVE_BACKUP] = "active-backup",
    [XCVR_BOND_RULE_LACP_AGGREGATOR] = "802.3ad-aggregator",
    [XCVR_BOND_RULE_LACP_MII] = "802.3ad-mii",
    [XCVR_BOND_RULE_BALANCE_UP] = "balance-up",
    [XCVR_BOND_RULE_MODE_UNKNOWN] = "mode-unknown",
    [XCVR_BOND_RULE_OVS_ACTIVE_BACKUP] = "ovs-active-backup",
    [XCVR_BOND_RULE_OVS_BALANCE] = "ovs-balance",
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
    return xcvr_topo_new_full(root, 0, error);
}

XcvrTopo *
xcvr_topo_new_full(const char *root, gint64 deadline, GError **error)
{
    g_autoptr(XcvrTopo) topo = g_new0(XcvrTopo, 1);
    g_autoptr(GDir) d = NULL;
    g_autoptr(GError) local = NULL;
    const char *name;

    topo->deadline = deadline;
    topo->root = g_strdup(root != NULL && root[0] != '\0' ? root : "/");
    topo->class_net = xcvr_root_path(topo->root, "sys", "class", "net", NULL);
    topo->pci_devices = xcvr_root_path(topo->root, "sys", "bus", "pci", "devices", NULL);
    topo->proc_net = xcvr_root_path(topo->root, "proc", "net", NULL);
    topo->listed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    topo->name_by_ifindex = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);

    d = g_dir_open(topo->class_net, 0, &local);
    if (d == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "cannot list netdevs: %s", local->message);
        return NULL;
    }
    while ((name = g_dir_read_name(d)) != NULL) {
        g_autofree char *path = NULL;
        g_autofree char *text = NULL;
        char *end = NULL;
        gint64 ifindex;

        if (xcvr_deadline_passed(deadline)) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_TIMEOUT,
                        "listing netdevs (%s): the deadline passed", topo->class_net);
            return NULL;
        }
        if (!xcvr_topo_name_ok(name))
            continue;
        g_hash_table_add(topo->listed, g_strdup(name));
        path = g_build_filename(topo->class_net, name, "ifindex", NULL);
        text = xcvr_host_file_read_text(path, xcvr_host_file_sysfs_max(), deadline);
        if (text == NULL)
            continue;
        ifindex = g_ascii_strtoll(text, &end, 10);
        if (text[0] == '\0' || *end != '\0' || ifindex <= 0 || ifindex > G_MAXINT)
            continue;
        /* ifindexes are unique within a namespace; a fixture that repeats one keeps the
         * first listed */
        if (!g_hash_table_contains(topo->name_by_ifindex, GINT_TO_POINTER((int)ifindex)))
            g_hash_table_insert(topo->name_by_ifindex, GINT_TO_POINTER((int)ifindex),
                                g_strdup(name));
    }
    topo->vlans = xcvr_topo_read_vlans(topo->proc_net, deadline);
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
    xcvr_topo_memo_clear(topo);
    g_clear_pointer(&topo->pfs, g_hash_table_unref);
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

const XcvrTopoDev *
xcvr_topo_walk_dev_get(XcvrTopoWalk *w, const char *name, GError **error)
{
    return dev_get(w->topo, w->topo->devs != NULL ? w->topo->devs : w->devs, name, error);
}

void
xcvr_topo_cache_devices(XcvrTopo *topo)
{
    if (topo->devs == NULL)
        topo->devs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify)xcvr_topo_dev_free);
    /* the walks of the pass also share what lies below each bridge */
    xcvr_topo_memo_init(topo);
}

static void
walk_init(XcvrTopoWalk *w, XcvrTopo *topo, const char *start)
{
    w->topo = topo;
    w->start = start;
    w->visited = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    w->passed = g_hash_table_new(g_direct_hash, g_direct_equal);
    w->devs =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)xcvr_topo_dev_free);
    w->stack = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_hop_free);
    w->uplinks = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_uplink_free);
    w->ends = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
    w->notes = g_ptr_array_new_with_free_func(g_free);
}

static void
walk_clear(XcvrTopoWalk *w)
{
    g_clear_pointer(&w->visited, g_hash_table_unref);
    g_clear_pointer(&w->passed, g_hash_table_unref);
    g_clear_pointer(&w->devs, g_hash_table_unref);
    g_clear_pointer(&w->stack, g_ptr_array_unref);
    g_clear_pointer(&w->uplinks, g_ptr_array_unref);
    g_clear_pointer(&w->ends, g_ptr_array_unref);
    g_clear_pointer(&w->notes, g_ptr_array_unref);
}

guint
xcvr_topo_walk_found(const XcvrTopoWalk *w)
{
    return w->uplinks->len + w->ends->len;
}

void
xcvr_topo_walk_push(XcvrTopoWalk *w, XcvrHopKind kind, const char *name, const char *detail)
{
    g_ptr_array_add(w->stack, hop_new(kind, name, detail));
}

void
xcvr_topo_walk_pop(XcvrTopoWalk *w)
{
    g_ptr_array_remove_index(w->stack, w->stack->len - 1);
}

void
xcvr_topo_walk_emit_uplink(XcvrTopoWalk *w, const char *netdev, const char *pci, XcvrTopoRole role)
{
    XcvrUplink *up = g_new0(XcvrUplink, 1);

    up->netdev = g_strdup(netdev);
    up->pci = g_strdup(pci);
    up->active = role.active;
    up->active_rule = role.rule;
    up->path = path_copy(w->stack);
    g_ptr_array_add(w->uplinks, up);
}

void
xcvr_topo_walk_emit_end(XcvrTopoWalk *w)
{
    g_ptr_array_add(w->ends, path_copy(w->stack));
}

/* The role of bond member @member: bonding.rst "Bonding Driver Options" (mode) and
 * "802.3ad": active-backup carries traffic on one member; 802.3ad only on the members of the
 * active aggregator whose link is up; the balance modes and broadcast on every member whose
 * link is up. Below a member that is itself inactive (a bond on a bond), nothing is active. */
static XcvrTopoRole
bond_member_role(const XcvrTopoDev *bond, const char *member, XcvrTopoRole above)
{
    const char *mode = bond->bond_mode;
    const XcvrTopoBondMember *m = NULL;
    XcvrTopoRole role = {1, XCVR_BOND_RULE_MODE_UNKNOWN};
    int mii_up = -1;

    if (above.active == 0)
        return above;
    if (bond->bond_members != NULL)
        m = g_hash_table_lookup(bond->bond_members, member);
    if (m != NULL)
        mii_up = m->mii_up;
    if (g_strcmp0(mode, "active-backup") == 0 || (mode == NULL && bond->bond_active != NULL)) {
        role.rule = XCVR_BOND_RULE_ACTIVE_BACKUP;
        role.active = g_strcmp0(bond->bond_active, member) == 0 ? 1 : 0;
    } else if (g_strcmp0(mode, "802.3ad") == 0) {
        if (bond->bond_aggregator >= 0 && m != NULL && m->aggregator >= 0) {
            role.rule = XCVR_BOND_RULE_LACP_AGGREGATOR;
            role.active = m->aggregator == bond->bond_aggregator && mii_up != 0 ? 1 : 0;
        } else {
            role.rule = XCVR_BOND_RULE_LACP_MII;
            role.active = mii_up != 0 ? 1 : 0;
        }
    } else if (mode != NULL) {
        /* balance-rr, balance-xor, broadcast, balance-tlb, balance-alb */
        role.rule = XCVR_BOND_RULE_BALANCE_UP;
        role.active = mii_up != 0 ? 1 : 0;
    }
    return role;
}

gboolean
xcvr_topo_walk_may_descend(XcvrTopoWalk *w, const char *name, GError **error)
{
    if (w->stack->len >= XCVR_TOPO_MAX_DEPTH) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "walking from %s: more than %d devices stacked (at %s), deeper than any "
                    "kernel stacks them: walk abandoned",
                    w->start, XCVR_TOPO_MAX_DEPTH, name);
        return FALSE;
    }
    if (xcvr_deadline_passed(w->topo->deadline)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_TIMEOUT,
                    "walking from %s: the deadline passed (at %s)", w->start, name);
        return FALSE;
    }
    return TRUE;
}

/* FALSE when bond member @member is gone from sysfs: the bond still lists it, so that is
 * said (with its role) rather than passed over as a bridge's vanished port is. */
static gboolean
bond_member_present(XcvrTopoWalk *w, const XcvrTopoDev *bond, const char *member,
                    XcvrTopoRole role)
{
    GHashTable *cache = w->topo->devs != NULL ? w->topo->devs : w->devs;
    g_autoptr(GError) local = NULL;
    const char *what = "";

    if (xcvr_topo_walk_seen(w, member) || g_hash_table_contains(cache, member))
        return TRUE;
    if (!g_hash_table_contains(w->topo->listed, member) &&
        xcvr_topo_ovs_knows(w->topo->ovs, member))
        return TRUE;
    if (dev_get(w->topo, cache, member, &local) != NULL ||
        !g_error_matches(local, XCVR_ERROR, XCVR_ERROR_NO_DEVICE))
        return TRUE;
    if (role.active == 1)
        what = "active ";
    else if (role.active == 0)
        what = "backup ";
    g_ptr_array_add(w->notes, g_strdup_printf("bond %s: %smember %s vanished (%s)", bond->name,
                                              what, member, local->message));
    return FALSE;
}

static gboolean
walk_pf(XcvrTopoWalk *w, const char *vf, const char *pf_pci, GPtrArray *pf_netdevs,
        XcvrTopoRole role, GError **error)
{
    guint i;

    if (pf_netdevs != NULL && pf_netdevs->len > 0) {
        for (i = 0; i < pf_netdevs->len; i++) {
            if (!xcvr_topo_walk_dev(w, g_ptr_array_index(pf_netdevs, i), vf, FALSE, role, error))
                return FALSE;
        }
        return TRUE;
    }
    if (pf_pci == NULL) {
        xcvr_topo_walk_emit_end(w);
        return TRUE;
    }
    xcvr_topo_walk_push(w, XCVR_HOP_PHYSICAL, pf_pci, "no netdev (bound to vfio or DPDK)");
    xcvr_topo_walk_emit_uplink(w, NULL, pf_pci, role);
    xcvr_topo_walk_pop(w);
    return TRUE;
}

/*
 * Walks @name, reached from @from (NULL at the start). @branch: we came down into a bridge
 * port somewhere above; a dead end below is then another consumer of that bridge (a VM's
 * tap), not where the start device's traffic ends, so it is not recorded.
 */
gboolean
xcvr_topo_walk_dev(XcvrTopoWalk *w, const char *name, const char *from, gboolean branch,
                   XcvrTopoRole role, GError **error)
{
    const XcvrTopoDev *dev = NULL;
    g_autoptr(GError) local = NULL;
    guint before = xcvr_topo_walk_found(w);
    gboolean ok = TRUE;

    if (xcvr_topo_walk_seen(w, name))
        return TRUE;
    if (!xcvr_topo_walk_may_descend(w, name, error))
        return FALSE;
    g_hash_table_add(w->visited, g_strdup(name));
    xcvr_topo_walk_step(w);
    /* a userspace-datapath bridge or port has no netdev: Open vSwitch alone knows it */
    if (!g_hash_table_contains(w->topo->listed, name) && xcvr_topo_ovs_knows(w->topo->ovs, name))
        return xcvr_topo_walk_ovs_entry(w, name, branch, role, error);
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
    xcvr_topo_walk_push(w, dev->kind, name, dev->detail);

    if (dev->kind == XCVR_HOP_PHYSICAL) {
        xcvr_topo_walk_emit_uplink(w, name, dev->pci, role);
    } else if (dev->kind == XCVR_HOP_VF) {
        ok = walk_pf(w, name, dev->pf_pci, dev->pf_netdevs, role, error);
    } else if (dev->kind == XCVR_HOP_VXLAN && dev->lowers->len == 0) {
        xcvr_topo_walk_emit_end(w); /* routed: the underlay is whatever the routing table says */
    } else if (dev->kind == XCVR_HOP_VETH && dev->master != NULL &&
               g_strcmp0(dev->master, from) != 0) {
        /* a veth end in a bridge is the host side: its traffic goes into the bridge; the
         * peer is the container (or the other bridge) it serves */
        ok = xcvr_topo_walk_dev(w, dev->master, name, branch, role, error);
    } else {
        gboolean child_branch = branch || dev->kind == XCVR_HOP_BRIDGE;
        const XcvrTopoHub *hub = xcvr_topo_walk_hub(w, dev, child_branch);
        guint n = hub != NULL ? hub->ways->len : dev->lowers->len;
        guint followed = 0;
        guint k;

        /* through a hub, only its ways are entered; with two names among its ports one
         * is not @from, so the device is followed whichever way the walk came in */
        if (hub != NULL)
            followed = 1;
        for (k = 0; ok && k < n; k++) {
            guint i = hub != NULL ? g_array_index(hub->ways, guint, k) : k;
            const char *lower = g_ptr_array_index(dev->lowers, i);
            XcvrTopoRole child_role = role;

            if (g_strcmp0(lower, from) == 0)
                continue;
            followed++;
            if (hub != NULL)
                xcvr_topo_walk_hub_at(w, hub, i);
            if (dev->kind == XCVR_HOP_BOND) {
                child_role = bond_member_role(dev, lower, role);
                if (!bond_member_present(w, dev, lower, child_role))
                    continue;
            }
            ok = xcvr_topo_walk_dev(w, lower, name, child_branch, child_role, error);
        }
        if (hub != NULL)
            xcvr_topo_walk_hub_at(w, hub, G_MAXUINT);
        /* nothing below: a port (tap, veth end) goes on through its bridge; for an Open
         * vSwitch port the kernel master is only `ovs-system`, ovsdb knows the bridge */
        if (ok && followed == 0) {
            const XcvrOvsIface *iface = xcvr_topo_ovs_port_iface(w->topo->ovs, name);

            if (iface != NULL) {
                if (!xcvr_topo_ovs_came_from(iface, from))
                    ok = xcvr_topo_walk_ovs_bridge(w, iface->port->bridge, iface->port, branch,
                                                   role, error);
            } else if (dev->master != NULL && g_strcmp0(dev->master, from) != 0) {
                ok = xcvr_topo_walk_dev(w, dev->master, name, branch, role, error);
            }
        }
    }

    if (ok && !branch && xcvr_topo_walk_found(w) == before)
        xcvr_topo_walk_emit_end(w);
    xcvr_topo_walk_pop(w);
    return ok;
}

static gboolean
walk_start(XcvrTopoWalk *w, XcvrTopo *topo, const char *netdev, GError **error)
{
    walk_init(w, topo, netdev);
    if (!xcvr_topo_name_ok(netdev)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_ARGUMENT, "'%s' is not a netdev name",
                    netdev);
        return FALSE;
    }
    return xcvr_topo_walk_dev(w, netdev, NULL, FALSE, XCVR_TOPO_ROLE_NONE, error);
}

/* From a PCI function: a VF through its PF; a function with netdevs through them; one
 * without (vfio, DPDK) is itself the uplink. */
static gboolean
walk_pci(XcvrTopoWalk *w, const char *pci, GError **error)
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

        xcvr_topo_walk_push(w, XCVR_HOP_VF, pci, detail);
        ok = walk_pf(w, pci, pf_pci, netdevs, XCVR_TOPO_ROLE_NONE, error);
        xcvr_topo_walk_pop(w);
        return ok;
    }
    if (netdevs->len == 0) {
        xcvr_topo_walk_push(w, XCVR_HOP_PHYSICAL, pci, "no netdev (bound to vfio or DPDK)");
        xcvr_topo_walk_emit_uplink(w, NULL, pci, XCVR_TOPO_ROLE_NONE);
        xcvr_topo_walk_pop(w);
        return TRUE;
    }
    for (i = 0; i < netdevs->len; i++) {
        if (!xcvr_topo_walk_dev(w, g_ptr_array_index(netdevs, i), NULL, FALSE, XCVR_TOPO_ROLE_NONE,
                                error))
            return FALSE;
    }
    return TRUE;
}

static gboolean
walk_vdpa(XcvrTopoWalk *w, const char *chardev, GError **error)
{
    g_autofree char *vdpa = NULL;
    g_autofree char *pci = NULL;
    g_autofree char *detail = NULL;
    gboolean ok;

    if (!xcvr_topo_vdpa_read(w->topo, chardev, &vdpa, &pci, error))
        return FALSE;
    detail = g_strdup_printf("%s on %s", chardev, pci);
    xcvr_topo_walk_push(w, XCVR_HOP_VDPA, vdpa, detail);
    ok = walk_pci(w, pci, error);
    xcvr_topo_walk_pop(w);
    return ok;
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
xcvr_topo_walk(XcvrTopo *topo, XcvrTopoStart start, const char *name, GPtrArray **ret_uplinks,
               GPtrArray **ret_path, GError **error)
{
    return xcvr_topo_walk_with_notes(topo, start, name, ret_uplinks, ret_path, NULL, error);
}

gboolean
xcvr_topo_walk_with_notes(XcvrTopo *topo, XcvrTopoStart start, const char *name,
                          GPtrArray **ret_uplinks, GPtrArray **ret_path, GPtrArray **ret_notes,
                          GError **error)
{
    XcvrTopoWalk w = {0};
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
        ok = xcvr_topo_walk_ovs_port_start(&w, name, error);
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
        if (ret_notes != NULL)
            *ret_notes = g_steal_pointer(&w.notes);
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
xcvr_topo_set_deadline(XcvrTopo *topo, gint64 deadline)
{
    g_return_if_fail(topo != NULL);
    topo->deadline = deadline;
}

void
xcvr_topo_set_ovs(XcvrTopo *topo, const XcvrOvs *ovs)
{
    g_return_if_fail(topo != NULL);
    topo->ovs = ovs;
    /* which ports lead nowhere depends on Open vSwitch too */
    if (topo->leaf_of != NULL) {
        xcvr_topo_memo_clear(topo);
        xcvr_topo_memo_init(topo);
    }
}
