/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-topo-memo.c: what the walks of one whole-host pass share, so that mapping every guest
 * of a host costs in proportion to its guests, not to their square.
 *
 * A guest's tap leads into its bridge, and the walk goes on through the bridge's other
 * ports: the uplink (a bond, a VLAN, a NIC) and every other guest's tap. A tap seen from its
 * own bridge leads nowhere (it has nothing below it and its master is where the walk came
 * from), and so does a guest's port seen from its Open vSwitch bridge; walking them for
 * every guest made a host with N guests on a bridge cost N² steps. A hub records, once per
 * pass, which of its ports may lead somewhere (the ways); a walk enters only those, and
 * counts the others as passed over in port order, exactly where the full walk would have
 * entered them. Which ports lead nowhere is decided from the device facts the pass already
 * caches (xcvr_topo_cache_devices()), which do not change during the pass.
 *
 * Kept exact: a port that could lead anywhere, fail, or be counted differently is a way; a
 * walk at the depth bound or past the deadline walks every port, so the error names the
 * device it always named; a netdev is a passed-over port of at most one hub.
 */
#include <string.h>

#include <xcvrmap/xcvr-error.h>

#include "xcvr-topo-walk-private.h"

#include "core/xcvr-host-file-private.h"

/* In a hub's list of names: a port that is a way whatever its name. */
static const char WAY[] = "";

static void
hub_free(gpointer p)
{
    XcvrTopoHub *hub = p;

    if (hub->ways != NULL)
        g_array_unref(hub->ways);
    g_free(hub);
}

void
xcvr_topo_memo_init(XcvrTopo *topo)
{
    if (topo->no_memo || topo->hubs != NULL)
        return;
    topo->hubs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, hub_free);
    topo->ovs_hubs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, hub_free);
    topo->leaf_of = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

void
xcvr_topo_memo_clear(XcvrTopo *topo)
{
    g_clear_pointer(&topo->leaf_of, g_hash_table_unref);
    g_clear_pointer(&topo->hubs, g_hash_table_unref);
    g_clear_pointer(&topo->ovs_hubs, g_hash_table_unref);
}

void
xcvr_topo_set_memo(XcvrTopo *topo, gboolean enabled)
{
    g_return_if_fail(topo != NULL);
    topo->no_memo = !enabled;
    xcvr_topo_memo_clear(topo);
    g_clear_pointer(&topo->pfs, g_hash_table_unref);
    if (enabled && topo->devs != NULL)
        xcvr_topo_memo_init(topo);
}

guint64
xcvr_topo_walk_steps(const XcvrTopo *topo)
{
    return topo->steps;
}

void
xcvr_topo_walk_step(XcvrTopoWalk *w)
{
    w->topo->steps++;
}

gboolean
xcvr_topo_walk_seen(XcvrTopoWalk *w, const char *name)
{
    const XcvrTopoLeaf *leaf;
    gpointer at;

    if (g_hash_table_contains(w->visited, name))
        return TRUE;
    if (w->topo->leaf_of == NULL || g_hash_table_size(w->passed) == 0)
        return FALSE;
    leaf = g_hash_table_lookup(w->topo->leaf_of, name);
    if (leaf == NULL || !g_hash_table_lookup_extended(w->passed, leaf->hub, NULL, &at))
        return FALSE;
    return leaf->index < GPOINTER_TO_UINT(at);
}

void
xcvr_topo_walk_hub_at(XcvrTopoWalk *w, const XcvrTopoHub *hub, guint index)
{
    g_hash_table_insert(w->passed, (gpointer)hub, GUINT_TO_POINTER(index));
}

/* A walk that could stop at a port of the hub (depth bound, deadline) walks them all, so
 * that it stops where it always did. */
static gboolean
walk_may_pass_over(XcvrTopoWalk *w)
{
    return w->topo->leaf_of != NULL && w->stack->len < XCVR_TOPO_MAX_DEPTH &&
           !xcvr_deadline_passed(w->topo->deadline);
}

/* Netdev @name, walked from @from (the hub: a Linux device, or "ovs:BRIDGE") inside a
 * bridge's loop, does nothing but enter itself: it is read, has no lower other than
 * @from, is no uplink and no routed end, and goes back up only to @from. Any doubt (an
 * unreadable device, an Open vSwitch port of another bridge, a name another hub passes
 * over) makes it a way. Only for a loop whose ports are walked as branches (below a
 * bridge), where a dead end is not recorded. */
static gboolean
leads_nowhere(XcvrTopoWalk *w, const char *name, const char *from, gboolean *ret_abandon)
{
    const XcvrOvsIface *iface;
    const XcvrTopoDev *dev;
    g_autoptr(GError) local = NULL;
    guint i;

    /* passed over by another hub: here it is a way, whose walk asks that hub */
    if (name == WAY || g_hash_table_contains(w->topo->leaf_of, name))
        return FALSE;
    if (!g_hash_table_contains(w->topo->listed, name) && xcvr_topo_ovs_knows(w->topo->ovs, name))
        return FALSE;
    /* the device is read as the walk would read it, under the same deadline */
    if (xcvr_deadline_passed(w->topo->deadline)) {
        *ret_abandon = TRUE;
        return FALSE;
    }
    dev = xcvr_topo_walk_dev_get(w, name, &local);
    if (dev == NULL)
        return FALSE;
    if (dev->kind == XCVR_HOP_PHYSICAL || dev->kind == XCVR_HOP_VF ||
        (dev->kind == XCVR_HOP_VXLAN && dev->lowers->len == 0))
        return FALSE;
    if (dev->kind == XCVR_HOP_VETH && dev->master != NULL && g_strcmp0(dev->master, from) != 0)
        return FALSE;
    for (i = 0; i < dev->lowers->len; i++) {
        if (g_strcmp0(g_ptr_array_index(dev->lowers, i), from) != 0)
            return FALSE;
    }
    iface = xcvr_topo_ovs_port_iface(w->topo->ovs, name);
    if (iface != NULL)
        return xcvr_topo_ovs_came_from(iface, from);
    return dev->master == NULL || g_strcmp0(dev->master, from) == 0;
}

/* Records @hub's passed-over ports in the pass's table; FALSE (nothing recorded) when the
 * deadline passed while the hub was built. */
static gboolean
hub_build(XcvrTopoWalk *w, XcvrTopoHub *hub, GPtrArray *names, const char *from)
{
    g_autoptr(GArray) ways = g_array_new(FALSE, FALSE, sizeof(guint));
    g_autoptr(GHashTable) leaves = g_hash_table_new(g_str_hash, g_str_equal);
    gboolean abandon = FALSE;
    guint i;

    for (i = 0; i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);

        if (name == NULL) {
            continue; /* an Open vSwitch port that does nothing at all */
        } else if (g_hash_table_contains(leaves, name) || leads_nowhere(w, name, from, &abandon)) {
            g_hash_table_add(leaves, (gpointer)name);
            continue;
        }
        if (abandon)
            return FALSE;
        g_array_append_val(ways, i);
    }
    if (g_hash_table_size(leaves) == 0)
        return TRUE; /* nothing to pass over: ways stays NULL */
    /* the first place a name stands is where the full walk enters it */
    for (i = 0; i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);
        XcvrTopoLeaf *leaf;

        if (name == NULL || !g_hash_table_contains(leaves, name) ||
            g_hash_table_contains(w->topo->leaf_of, name))
            continue;
        leaf = g_new0(XcvrTopoLeaf, 1);
        leaf->hub = hub;
        leaf->index = i;
        g_hash_table_insert(w->topo->leaf_of, g_strdup(name), leaf);
    }
    hub->ways = g_steal_pointer(&ways);
    return TRUE;
}

const XcvrTopoHub *
xcvr_topo_walk_hub(XcvrTopoWalk *w, const XcvrTopoDev *dev, gboolean branch)
{
    XcvrTopoHub *hub;
    g_autoptr(GHashTable) distinct = NULL;
    guint i;

    /* outside a bridge a port that leads nowhere is a dead end the walk records */
    if (!branch || !walk_may_pass_over(w) || dev->lowers->len < 2)
        return NULL;
    hub = g_hash_table_lookup(w->topo->hubs, dev->name);
    if (hub != NULL)
        return hub->ways != NULL ? hub : NULL;
    /* the walk goes back up from a device whose lowers are all where it came from; with
     * two names at least, one of them is not, whichever port the walk came in by */
    distinct = g_hash_table_new(g_str_hash, g_str_equal);
    for (i = 0; i < dev->lowers->len && g_hash_table_size(distinct) < 2; i++)
        g_hash_table_add(distinct, g_ptr_array_index(dev->lowers, i));
    hub = g_new0(XcvrTopoHub, 1);
    if (g_hash_table_size(distinct) >= 2 && !hub_build(w, hub, dev->lowers, dev->name)) {
        hub_free(hub);
        return NULL;
    }
    g_hash_table_insert(w->topo->hubs, g_strdup(dev->name), hub);
    return hub->ways != NULL ? hub : NULL;
}

const XcvrTopoHub *
xcvr_topo_walk_ovs_hub(XcvrTopoWalk *w, const XcvrOvsBridge *bridge)
{
    XcvrTopoHub *hub;
    g_autoptr(GPtrArray) names = NULL;
    g_autofree char *from = NULL;
    guint i;

    if (!walk_may_pass_over(w))
        return NULL;
    hub = g_hash_table_lookup(w->topo->ovs_hubs, bridge);
    if (hub != NULL)
        return hub->ways != NULL ? hub : NULL;
    /* per port, the netdev it may pass over (NULL: a port that does nothing, which every
     * walk skips anyway); ports that can lead somewhere get a name that is never a leaf */
    names = g_ptr_array_new();
    for (i = 0; i < bridge->ports->len; i++) {
        const XcvrOvsPort *port = g_ptr_array_index(bridge->ports, i);
        const XcvrOvsIface *iface;

        if (port->fake_bridge || port->ifaces->len == 0) {
            g_ptr_array_add(names, NULL);
            continue;
        }
        iface = g_ptr_array_index(port->ifaces, 0);
        if (port->ifaces->len > 1 || iface->kind == XCVR_OVS_IF_PATCH ||
            iface->kind == XCVR_OVS_IF_DPDK) {
            g_ptr_array_add(names, (gpointer)WAY);
        } else if (iface->kind != XCVR_OVS_IF_SYSTEM ||
                   !g_hash_table_contains(w->topo->listed, iface->name)) {
            g_ptr_array_add(names, NULL);
        } else {
            g_ptr_array_add(names, iface->name);
        }
    }
    from = g_strconcat("ovs:", bridge->name, NULL);
    hub = g_new0(XcvrTopoHub, 1);
    if (!hub_build(w, hub, names, from)) {
        hub_free(hub);
        return NULL;
    }
    g_hash_table_insert(w->topo->ovs_hubs, (gpointer)bridge, hub);
    return hub->ways != NULL ? hub : NULL;
}
