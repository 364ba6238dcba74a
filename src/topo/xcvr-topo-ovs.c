/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-topo-ovs.c: the Open vSwitch part of the topology walk: a netdev that is an OVS port
 * leads into its bridge and out through the bridge's other ports (system interfaces, bonds,
 * patch ports to the peer bridge, dpdk ports); guests' ports and internal ports lead
 * nowhere, tunnels end the walk (routed).
 *
 * Sources: ovs-vswitchd.conf.db(5) (Bridge, Port: bond_mode, bond_active_slave, lacp, tag;
 * Interface: type, options:peer, options:dpdk-devargs, mac_in_use, link_state).
 */
#include <string.h>

#include <xcvrmap/xcvr-error.h>

#include "xcvr-topo-walk-private.h"

static const XcvrOvsIface *
ovs_iface(const XcvrOvs *ovs, const char *name)
{
    return ovs != NULL ? g_hash_table_lookup(ovs->iface_by_name, name) : NULL;
}

/* The interface @name when it is a port of a bridge. */
const XcvrOvsIface *
xcvr_topo_ovs_port_iface(const XcvrOvs *ovs, const char *name)
{
    const XcvrOvsIface *iface = ovs_iface(ovs, name);

    if (iface == NULL || iface->port == NULL || iface->port->bridge == NULL)
        return NULL;
    return iface;
}

gboolean
xcvr_topo_ovs_knows(const XcvrOvs *ovs, const char *name)
{
    return xcvr_topo_ovs_port_iface(ovs, name) != NULL ||
           (ovs != NULL && g_hash_table_contains(ovs->bridge_by_name, name));
}

/* @from is the walk's name for the OVS bridge holding @iface: we came down from there */
gboolean
xcvr_topo_ovs_came_from(const XcvrOvsIface *iface, const char *from)
{
    g_autofree char *key = NULL;

    if (from == NULL)
        return FALSE;
    key = g_strconcat("ovs:", iface->port->bridge->name, NULL);
    return strcmp(key, from) == 0;
}

/* Whether bond member @iface carries traffic (ovs-vswitchd.conf.db(5): only active-backup
 * keeps members idle; bond_active_slave names the active one by MAC). */
static XcvrTopoRole
ovs_member_role(const XcvrOvsPort *port, const XcvrOvsIface *iface)
{
    XcvrTopoRole role = {1, XCVR_BOND_RULE_OVS_BALANCE};

    if (g_strcmp0(port->bond_mode, "active-backup") != 0)
        return role;
    role.rule = XCVR_BOND_RULE_OVS_ACTIVE_BACKUP;
    if (port->bond_active_mac == NULL || iface->mac_in_use == NULL)
        role.active = g_strcmp0(iface->link_state, "down") == 0 ? 0 : 1;
    else
        role.active = g_ascii_strcasecmp(port->bond_active_mac, iface->mac_in_use) == 0 ? 1 : 0;
    return role;
}

static gboolean walk_ovs_port(XcvrTopoWalk *w, const XcvrOvsPort *port, const char *from,
                              XcvrTopoRole role, GError **error);

gboolean
xcvr_topo_walk_ovs_bridge(XcvrTopoWalk *w, const XcvrOvsBridge *bridge,
                          const XcvrOvsPort *from_port, gboolean branch, XcvrTopoRole role,
                          GError **error)
{
    g_autofree char *key = g_strconcat("ovs:", bridge->name, NULL);
    g_autoptr(GString) detail = g_string_new(NULL);
    guint before = xcvr_topo_walk_found(w);
    const XcvrTopoHub *hub;
    gboolean ok = TRUE;
    guint n, k;

    if (g_hash_table_contains(w->visited, key))
        return TRUE;
    if (!xcvr_topo_walk_may_descend(w, key, error))
        return FALSE;
    g_hash_table_add(w->visited, g_strdup(key));
    xcvr_topo_walk_step(w);

    if (from_port != NULL && from_port->tag >= 0)
        g_string_append_printf(detail, "tag %d", from_port->tag);
    if (g_strcmp0(bridge->datapath_type, "netdev") == 0)
        g_string_append_printf(detail, "%suserspace datapath", detail->len > 0 ? ", " : "");
    xcvr_topo_walk_push(w, XCVR_HOP_OVS_BRIDGE, bridge->name, detail->len > 0 ? detail->str : NULL);
    /* the other guests' ports lead nowhere: through a hub, only its ways are entered */
    hub = xcvr_topo_walk_ovs_hub(w, bridge);
    n = hub != NULL ? hub->ways->len : bridge->ports->len;
    for (k = 0; ok && k < n; k++) {
        guint i = hub != NULL ? g_array_index(hub->ways, guint, k) : k;
        const XcvrOvsPort *port = g_ptr_array_index(bridge->ports, i);

        if (port == from_port)
            continue;
        if (hub != NULL)
            xcvr_topo_walk_hub_at(w, hub, i);
        ok = walk_ovs_port(w, port, key, role, error);
    }
    if (hub != NULL)
        xcvr_topo_walk_hub_at(w, hub, G_MAXUINT);
    if (ok && !branch && xcvr_topo_walk_found(w) == before)
        xcvr_topo_walk_emit_end(w);
    xcvr_topo_walk_pop(w);
    return ok;
}

/* One interface of a port, seen from its bridge (@from: "ovs:BRIDGE"). */
static gboolean
walk_ovs_member(XcvrTopoWalk *w, const XcvrOvsIface *iface, const char *from, XcvrTopoRole role,
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
        if (!xcvr_topo_walk_dev(w, iface->name, from, TRUE, role, &local)) {
            g_propagate_error(error, g_steal_pointer(&local));
            return FALSE;
        }
        return TRUE;
    case XCVR_OVS_IF_PATCH:
        peer = iface->peer != NULL ? xcvr_topo_ovs_port_iface(w->topo->ovs, iface->peer) : NULL;
        if (peer == NULL)
            return TRUE;
        detail = g_strdup_printf("peer %s", peer->name);
        xcvr_topo_walk_push(w, XCVR_HOP_OVS_PATCH, iface->name, detail);
        if (!xcvr_topo_walk_ovs_bridge(w, peer->port->bridge, peer->port, TRUE, role, error))
            return FALSE;
        xcvr_topo_walk_pop(w);
        return TRUE;
    case XCVR_OVS_IF_DPDK:
        xcvr_topo_walk_push(w, XCVR_HOP_DPDK, iface->name, iface->dpdk_devargs);
        xcvr_topo_walk_emit_uplink(w, NULL,
                                   iface->dpdk_devargs != NULL &&
                                           xcvr_topo_is_pci_address(iface->dpdk_devargs)
                                       ? iface->dpdk_devargs
                                       : NULL,
                                   role);
        xcvr_topo_walk_pop(w);
        return TRUE;
    case XCVR_OVS_IF_INTERNAL: /* the host's own stack */
    case XCVR_OVS_IF_TAP:      /* other guests */
    case XCVR_OVS_IF_VHOSTUSER:
    case XCVR_OVS_IF_TUNNEL: /* routed: the underlay is the routing table's business */
    case XCVR_OVS_IF_OTHER:
    default:
        return TRUE;
    }
}

static gboolean
walk_ovs_port(XcvrTopoWalk *w, const XcvrOvsPort *port, const char *from, XcvrTopoRole role,
              GError **error)
{
    g_autoptr(GString) detail = NULL;
    guint i;

    xcvr_topo_walk_step(w);
    if (port->fake_bridge || port->ifaces->len == 0)
        return TRUE;
    if (port->ifaces->len == 1)
        return walk_ovs_member(w, g_ptr_array_index(port->ifaces, 0), from, role, error);

    detail = g_string_new(NULL);
    g_string_append_printf(detail, "mode %s",
                           port->bond_mode != NULL ? port->bond_mode : "balance-slb");
    if (port->lacp != NULL)
        g_string_append_printf(detail, ", lacp %s", port->lacp);
    xcvr_topo_walk_push(w, XCVR_HOP_OVS_BOND, port->name, detail->str);
    for (i = 0; i < port->ifaces->len; i++) {
        const XcvrOvsIface *iface = g_ptr_array_index(port->ifaces, i);

        if (!walk_ovs_member(w, iface, from, ovs_member_role(port, iface), error))
            return FALSE;
    }
    xcvr_topo_walk_pop(w);
    return TRUE;
}

/* A name sysfs does not list but Open vSwitch knows: a userspace-datapath bridge, or a
 * port without a netdev (vhost-user). */
gboolean
xcvr_topo_walk_ovs_entry(XcvrTopoWalk *w, const char *name, gboolean branch, XcvrTopoRole role,
                         GError **error)
{
    const XcvrOvsIface *iface = xcvr_topo_ovs_port_iface(w->topo->ovs, name);
    const XcvrOvsBridge *bridge = NULL;
    gboolean ok;

    if (w->topo->ovs != NULL)
        bridge = g_hash_table_lookup(w->topo->ovs->bridge_by_name, name);
    if (bridge != NULL) {
        /* a bridge's own port (internal, same name) is where the walk enters it */
        return xcvr_topo_walk_ovs_bridge(w, bridge, iface != NULL ? iface->port : NULL, branch,
                                         role, error);
    }
    if (iface == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE,
                    "no netdev and no Open vSwitch port %s", name);
        return FALSE;
    }
    xcvr_topo_walk_push(w, iface->kind == XCVR_OVS_IF_VHOSTUSER ? XCVR_HOP_VHOSTUSER : XCVR_HOP_TAP,
                        name, iface->vhost_server_path);
    ok = xcvr_topo_walk_ovs_bridge(w, iface->port->bridge, iface->port, branch, role, error);
    xcvr_topo_walk_pop(w);
    return ok;
}

gboolean
xcvr_topo_walk_ovs_port_start(XcvrTopoWalk *w, const char *name, GError **error)
{
    if (xcvr_topo_ovs_port_iface(w->topo->ovs, name) == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE,
                    w->topo->ovs == NULL ? "no Open vSwitch configuration to find port %s in"
                                         : "no Open vSwitch port %s",
                    name);
        return FALSE;
    }
    g_hash_table_add(w->visited, g_strdup(name));
    return xcvr_topo_walk_ovs_entry(w, name, FALSE, XCVR_TOPO_ROLE_NONE, error);
}
