/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-topo-walk-private.h: the state of one walk and the steps the sysfs walk
 * (xcvr-topo.c) and the Open vSwitch walk (xcvr-topo-ovs.c) share. Not installed; only
 * src/topo/ includes it.
 */
#pragma once

#include <glib.h>

#include <xcvrmap/xcvr-topo.h>

#include "xcvr-ovs-private.h"
#include "xcvr-topo-private.h"

/* How a device below a bond is used: its role and the rule that decided it. Outside a bond:
 * { -1, XCVR_BOND_RULE_NONE }. */
typedef struct {
    int active;
    XcvrBondRule rule;
} XcvrTopoRole;

#define XCVR_TOPO_ROLE_NONE ((XcvrTopoRole){ -1, XCVR_BOND_RULE_NONE })

typedef struct {
    XcvrTopo *topo;
    const char *start;
    GHashTable *visited; /* netdev names */
    GHashTable *devs;    /* name → XcvrTopoDev*, read during this walk */
    GPtrArray *stack;    /* XcvrHop*: the path to the device being walked */
    GPtrArray *uplinks;  /* XcvrUplink* */
    GPtrArray *ends;     /* GPtrArray* of XcvrHop*: paths that end short of an uplink */
    GPtrArray *notes;    /* char*: what the walk passed over (a vanished bond member) */
} XcvrTopoWalk;

/* Before going down into @name: FALSE with @error set when the stack is already
 * XCVR_TOPO_MAX_DEPTH deep (XCVR_ERROR_INVALID_DATA) or the topology's deadline passed
 * (XCVR_ERROR_TIMEOUT). */
gboolean xcvr_topo_walk_may_descend(XcvrTopoWalk *w, const char *name, GError **error);

/* Uplinks and dead ends found so far: a step that adds none found nothing. */
guint xcvr_topo_walk_found(const XcvrTopoWalk *w);

void xcvr_topo_walk_push(XcvrTopoWalk *w, XcvrHopKind kind, const char *name,
                         const char *detail);
void xcvr_topo_walk_pop(XcvrTopoWalk *w);

/* Records the stack as the path to an uplink (@netdev and/or @pci). */
void xcvr_topo_walk_emit_uplink(XcvrTopoWalk *w, const char *netdev, const char *pci,
                                XcvrTopoRole role);

/* Records the stack as a path that ends short of an uplink. */
void xcvr_topo_walk_emit_end(XcvrTopoWalk *w);

/* Walks netdev @name, reached from @from (NULL at the start). @branch: we came down into a
 * bridge port somewhere above, so a dead end below is not recorded. */
gboolean xcvr_topo_walk_dev(XcvrTopoWalk *w, const char *name, const char *from,
                            gboolean branch, XcvrTopoRole role, GError **error);

/* ---- the Open vSwitch part (xcvr-topo-ovs.c) ---- */

/* The interface @name when it is a port of a bridge, else NULL (also without @ovs). */
const XcvrOvsIface *xcvr_topo_ovs_port_iface(const XcvrOvs *ovs, const char *name);

/* TRUE when Open vSwitch knows @name as a bridge or as a port of one. */
gboolean xcvr_topo_ovs_knows(const XcvrOvs *ovs, const char *name);

/* TRUE when @from is the walk's name for the OVS bridge holding @iface. */
gboolean xcvr_topo_ovs_came_from(const XcvrOvsIface *iface, const char *from);

/* Into @bridge (from its port @from_port, or NULL) and out through its other ports. */
gboolean xcvr_topo_walk_ovs_bridge(XcvrTopoWalk *w, const XcvrOvsBridge *bridge,
                                   const XcvrOvsPort *from_port, gboolean branch,
                                   XcvrTopoRole role, GError **error);

/* A name sysfs does not list but Open vSwitch knows: a userspace-datapath bridge, or a
 * port without a netdev (vhost-user). */
gboolean xcvr_topo_walk_ovs_entry(XcvrTopoWalk *w, const char *name, gboolean branch,
                                  XcvrTopoRole role, GError **error);

/* The walk from an Open vSwitch interface by name (XCVR_TOPO_START_OVS_PORT). */
gboolean xcvr_topo_walk_ovs_port_start(XcvrTopoWalk *w, const char *name, GError **error);
