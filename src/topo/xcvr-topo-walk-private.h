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

/* What every walk through one device with many ports shares, for a whole-host pass
 * (xcvr-topo-memo.c): which of its ports may lead anywhere. The others (other guests' taps)
 * lead nowhere from it; a walk passes over them without entering each. */
typedef struct {
    GArray *ways; /* guint: indexes of the ports that may lead somewhere, ascending; NULL:
                   * nothing to pass over, every port is walked */
} XcvrTopoHub;

/* A port that leads nowhere from its hub, and where it is among the hub's ports. */
typedef struct {
    const XcvrTopoHub *hub;
    guint index;
} XcvrTopoLeaf;

typedef struct {
    XcvrTopo *topo;
    const char *start;
    GHashTable *visited; /* netdev names */
    GHashTable *passed;  /* XcvrTopoHub* → GUINT_TO_POINTER(i): the hub's ports before i
                          * have been passed over (G_MAXUINT: all of them) */
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

/* ---- shared between walks (xcvr-topo-memo.c) ---- */

/* A netdev's facts: from the whole-host cache, or read once for this walk. */
const XcvrTopoDev *xcvr_topo_walk_dev_get(XcvrTopoWalk *w, const char *name, GError **error);

/* TRUE when this walk has been at netdev @name: entered it, or passed over it as a port that
 * leads nowhere in a hub's loop (in the order the ports are walked). */
gboolean xcvr_topo_walk_seen(XcvrTopoWalk *w, const char *name);

/* The hub of @dev (its lowers walked from it as branches when @branch), or NULL when every
 * lower is to be walked: no whole-host pass, not below a bridge, nothing to pass over, or a
 * walk that is at the depth bound or past the deadline (the plain loop then says so at the
 * device it always named). */
const XcvrTopoHub *xcvr_topo_walk_hub(XcvrTopoWalk *w, const XcvrTopoDev *dev,
                                      gboolean branch);

/* The same for the ports of Open vSwitch bridge @bridge. */
const XcvrTopoHub *xcvr_topo_walk_ovs_hub(XcvrTopoWalk *w, const XcvrOvsBridge *bridge);

/* The walk is about to enter port @index of @hub (G_MAXUINT: it is done with the hub). */
void xcvr_topo_walk_hub_at(XcvrTopoWalk *w, const XcvrTopoHub *hub, guint index);

/* Counts one device or port entered (tests read the sum). */
void xcvr_topo_walk_step(XcvrTopoWalk *w);

/* Frees what the whole-host pass shares (on a new Open vSwitch source, or at the end). */
void xcvr_topo_memo_clear(XcvrTopo *topo);

/* Starts sharing (with xcvr_topo_cache_devices()). */
void xcvr_topo_memo_init(XcvrTopo *topo);
