/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-topo.c: the topology walker: from a netdev (or a PCI function) toward the wire,
 * through taps, macvtaps, veth pairs, bridges, VLANs, bonds and SR-IOV VFs, to every
 * physical uplink reached.
 *
 * The facts about each device come from xcvr-topo-sysfs.c; this file only decides where to
 * go next. A device is visited once per walk (cycles end there).
 */
#include <string.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-topo.h>

#include "xcvr-topo-private.h"

static const char *const hop_kind_names[] = {
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
};
G_STATIC_ASSERT(G_N_ELEMENTS(hop_kind_names) == _XCVR_HOP_LAST);

const char *
xcvr_hop_kind_to_string(XcvrHopKind kind)
{
    if ((guint)kind >= G_N_ELEMENTS(hop_kind_names))
        return "other";
    return hop_kind_names[kind];
}

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

static GPtrArray *
path_copy(GPtrArray *hops)
{
    GPtrArray *copy = g_ptr_array_new_full(hops->len, (GDestroyNotify)xcvr_hop_free);
    guint i;

    for (i = 0; i < hops->len; i++) {
        const XcvrHop *h = g_ptr_array_index(hops, i);

        g_ptr_array_add(copy, hop_new(h->kind, h->name, h->detail));
    }
    return copy;
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
    g_free(topo);
}

/* ---- the walk ---- */

typedef struct {
    XcvrTopo *topo;
    const char *start;
    GHashTable *visited; /* netdev names */
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
    w->stack = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_hop_free);
    w->uplinks = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_uplink_free);
    w->ends = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
}

static void
walk_clear(Walk *w)
{
    g_clear_pointer(&w->visited, g_hash_table_unref);
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

/*
 * Walks @name, reached from @from (NULL at the start). @branch: we came down into a bridge
 * port somewhere above; a dead end below is then another consumer of that bridge (a VM's
 * tap), not where the start device's traffic ends, so it is not recorded.
 */
static gboolean
walk_dev(Walk *w, const char *name, const char *from, gboolean branch, int active,
         GError **error)
{
    g_autoptr(XcvrTopoDev) dev = NULL;
    guint before = walk_found(w);
    gboolean ok = TRUE;

    if (g_hash_table_contains(w->visited, name))
        return TRUE;
    g_hash_table_add(w->visited, g_strdup(name));
    if (!xcvr_topo_dev_read(w->topo, name, &dev, error)) {
        if (from != NULL)
            g_prefix_error(error, "walking from %s: ", w->start);
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
        /* nothing below: a port (tap, veth end) goes on through its bridge */
        if (ok && followed == 0 && dev->master != NULL && g_strcmp0(dev->master, from) != 0)
            ok = walk_dev(w, dev->master, name, branch, active, error);
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

GPtrArray *
xcvr_topo_uplinks(XcvrTopo *topo, const char *netdev, GError **error)
{
    Walk w = { 0 };
    GPtrArray *ret = NULL;

    g_return_val_if_fail(topo != NULL, NULL);
    g_return_val_if_fail(netdev != NULL, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    if (walk_start(&w, topo, netdev, error))
        ret = g_steal_pointer(&w.uplinks);
    walk_clear(&w);
    return ret;
}

GPtrArray *
xcvr_topo_path(XcvrTopo *topo, const char *netdev, GError **error)
{
    Walk w = { 0 };
    GPtrArray *ret = NULL;

    g_return_val_if_fail(topo != NULL, NULL);
    g_return_val_if_fail(netdev != NULL, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    if (walk_start(&w, topo, netdev, error)) {
        if (w.uplinks->len > 0)
            ret = path_copy(((XcvrUplink *)g_ptr_array_index(w.uplinks, 0))->path);
        else if (w.ends->len > 0)
            ret = path_copy(g_ptr_array_index(w.ends, 0));
        else
            ret = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_hop_free);
    }
    walk_clear(&w);
    return ret;
}

GPtrArray *
xcvr_topo_uplinks_for_pci(XcvrTopo *topo, const char *pci, GError **error)
{
    g_autofree char *pf_pci = NULL;
    g_autoptr(GPtrArray) netdevs = NULL;
    Walk w = { 0 };
    GPtrArray *ret = NULL;
    gboolean ok = TRUE;
    int index = -1;
    guint i;

    g_return_val_if_fail(topo != NULL, NULL);
    g_return_val_if_fail(pci != NULL, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    if (!xcvr_topo_pci_read(topo, pci, &pf_pci, &index, &netdevs, error))
        return NULL;
    walk_init(&w, topo, pci);
    if (pf_pci != NULL) {
        g_autofree char *detail = xcvr_topo_vf_detail(index, pf_pci, netdevs);

        walk_push(&w, XCVR_HOP_VF, pci, detail);
        ok = walk_pf(&w, pci, pf_pci, netdevs, -1, error);
    } else if (netdevs->len == 0) {
        /* not a VF and no netdev: the function itself is the uplink (vfio, DPDK) */
        walk_push(&w, XCVR_HOP_PHYSICAL, pci, "no netdev (bound to vfio or DPDK)");
        emit_uplink(&w, NULL, pci, -1);
    } else {
        for (i = 0; ok && i < netdevs->len; i++)
            ok = walk_dev(&w, g_ptr_array_index(netdevs, i), NULL, FALSE, -1, error);
    }
    if (ok)
        ret = g_steal_pointer(&w.uplinks);
    walk_clear(&w);
    return ret;
}
