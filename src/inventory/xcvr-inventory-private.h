/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-inventory-private.h: the joined model the map renderers walk. Not installed.
 */
#pragma once

#include <glib.h>

#include <xcvrmap/xcvr-inventory.h>
#include <xcvrmap/xcvr-module.h>
#include <xcvrmap/xcvr-ovs.h>
#include <xcvrmap/xcvr-placement.h>
#include <xcvrmap/xcvr-topo.h>

/* One physical uplink of the host, shared by every vNIC that rides it. */
struct _XcvrInvUplink {
    char *netdev;             /* NULL for a port bound to DPDK or vfio */
    char *pci;                /* NULL when unknown */
    XcvrLinkState *link;      /* NULL without a netdev or when unreadable */
    XcvrModule *module;       /* NULL when none was read */
    char *module_source;      /* "netlink", "ioctl", "file" when read */
    GError *module_error;     /* why there is no module (or why it is suspect) */
    XcvrHealth health;
    GPtrArray *health_reasons; /* char* */
    GPtrArray *vnics;         /* XcvrInvVnic* (borrowed) that ride it, in vNIC order */
    XcvrHealth health_base;   /* the verdict without the module's flags (the history's base) */
    /* @module's medium class and lane count, worked out once (every vNIC's placement and
     * the vocabulary ask for them): xcvr_inv_uplink_read_hints() */
    XcvrMedia media;
    guint lanes;
};

/* One uplink as one vNIC reaches it. */
typedef struct {
    XcvrInvUplink *uplink;    /* borrowed from the inventory */
    int active;               /* bond role: 1 active, 0 backup, -1 outside a bond */
    XcvrBondRule active_rule; /* which rule decided @active; NONE outside a bond */
    GPtrArray *via;           /* XcvrHop*: the hops after the vNIC's shown path */
} XcvrInvReach;

struct _XcvrInvVnic {
    const XcvrVnic *vnic;     /* borrowed from the inventory's array */
    XcvrVnicStatus status;
    char *reason;             /* NULL, or why not ok (or a note: a pool's alternatives) */
    GPtrArray *path;          /* XcvrHop* */
    GPtrArray *reaches;       /* XcvrInvReach* */
};

struct _XcvrInventoryOptions {
    char *root;
    char *ovsdb;
    char *eeprom_dir;
    guint timeout_ms;
    gint64 deadline;          /* g_get_monotonic_time() µs the whole build ends by; 0 */
    gboolean no_netlink;
    XcvrDecodeFlags decode_flags;
    gboolean no_modules;
    gboolean all_uplinks;     /* every physical port, ridden or not */
    XcvrEepromReader *reader; /* borrowed, or NULL */
};

struct _XcvrInventory {
    GPtrArray *source;        /* XcvrVnic* (a reference on the caller's array) */
    GPtrArray *vnics;         /* XcvrInvVnic* */
    GPtrArray *uplinks;       /* XcvrInvUplink*, ordered by netdev, then PCI address */
    char *ovsdb;              /* the Open vSwitch source used, or NULL */
    GPtrArray *notes;         /* char*: host-wide problems (an unreadable default ovsdb) */
    guint n_walked;           /* vNICs walked for this inventory */
    guint n_kept;             /* vNICs whose walk was taken from the previous one */
};

/* xcvr_inventory_new() after @previous, for a change that concerns the domains in
 * @changed (names; a set) and the netdevs in @links (names; a set, or NULL) only: a vNIC of
 * another domain described exactly as one of @previous, whose walk passed through none of
 * @links, keeps that one's walk (path, uplinks, status, reason) instead of walking again;
 * link states are read again. Without @poll, an uplink @previous had and @links does not
 * name keeps its module as read then (taken from @previous, which is to be freed next: no
 * module is read), and only new uplinks and those @links names are read; with @poll,
 * every uplink's module is read. With the host unchanged but for those domains and
 * netdevs, the result is what xcvr_inventory_new() would make. */
XcvrInventory *xcvr_inventory_new_after(GPtrArray *vnics, const XcvrInventoryOptions *options,
                                        XcvrInventory *previous, GHashTable *changed,
                                        GHashTable *links, gboolean poll, GError **error);

/* Module identity summary and health of @uplink, from what was read. */
void xcvr_inv_uplink_judge(XcvrInvUplink *uplink);

/* @uplink's media and lanes, from its module as read. */
void xcvr_inv_uplink_read_hints(XcvrInvUplink *uplink);
