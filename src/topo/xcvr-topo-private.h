/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-topo-private.h: the topology walker's sysfs/procfs readers and the per-device facts
 * the walk goes by. Not installed.
 */
#pragma once

#include <glib.h>

#include <xcvrmap/xcvr-topo.h>

#include "xcvr-topo-internal.h"

struct _XcvrTopo {
    char *root;                /* as given ("/" by default) */
    char *class_net;           /* ROOT/sys/class/net */
    char *pci_devices;         /* ROOT/sys/bus/pci/devices */
    char *proc_net;            /* ROOT/proc/net */
    GHashTable *listed;        /* names of the netdevs listed at new() (a set) */
    GHashTable *name_by_ifindex; /* GINT_TO_POINTER(ifindex) → name, listed at new() */
    GHashTable *vlans;         /* name → XcvrTopoVlan*, from /proc/net/vlan/config */
    const XcvrOvs *ovs;        /* borrowed, or NULL */
    GHashTable *devs;          /* name → XcvrTopoDev*, read once; NULL: read once per walk */
    gint64 deadline;           /* g_get_monotonic_time() µs every read and walk ends by; 0 */
    /* With devs (one pass over a whole host), what every walk through a device with many
     * ports shares (xcvr-topo-memo.c); NULL otherwise. */
    GHashTable *hubs;          /* netdev name → XcvrTopoHub* */
    GHashTable *ovs_hubs;      /* const XcvrOvsBridge* → XcvrTopoHub* */
    GHashTable *leaf_of;       /* netdev name → XcvrTopoLeaf* (a port that leads nowhere) */
    GHashTable *pfs;           /* canonical PF directory → XcvrTopoPf* (VF index, netdevs) */
    gboolean no_memo;          /* tests: walk every port even with devs */
    guint64 steps;             /* devices and OVS ports entered by every walk so far */
};

typedef struct {
    guint vid;
    char *real_dev;
} XcvrTopoVlan;

/* What a bond knows of one member (absence is -1). */
typedef struct {
    int mii_up;          /* 1 MII status "up", 0 anything else ("down", "going back" …) */
    int aggregator;      /* 802.3ad: the aggregator the member is in */
} XcvrTopoBondMember;

/* What one netdev is and where it leads, read from sysfs (and procfs) in one go. */
typedef struct {
    char *name;
    XcvrHopKind kind;
    char *detail;        /* the hop's detail */
    int ifindex;         /* -1 when unreadable */
    int iflink;          /* -1 when unreadable */
    char *master;        /* `master` link, or NULL */
    GPtrArray *lowers;   /* names toward the wire: bridge ports, bond members, the real
                          * device, the veth peer, the vxlan underlay (char*, owned) */
    char *pci;           /* PHYSICAL and VF: the function's PCI address, or NULL */
    char *pf_pci;        /* VF: its PF's PCI address */
    GPtrArray *pf_netdevs; /* VF: the PF's netdevs (char*, owned) */
    char *bond_mode;     /* BOND: "active-backup", "802.3ad", …, or NULL */
    char *bond_active;   /* BOND: the active member, or NULL */
    int bond_aggregator; /* BOND, 802.3ad: the active aggregator's id, or -1 */
    GHashTable *bond_members; /* BOND: member name → XcvrTopoBondMember*, or NULL */
} XcvrTopoDev;

void xcvr_topo_dev_free(XcvrTopoDev *dev);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrTopoDev, xcvr_topo_dev_free)

/* TRUE when @name can be one path component: non-empty, no '/', not "." or "..". */
gboolean xcvr_topo_name_ok(const char *name);

/* TRUE for "DDDD:BB:DD.F" (hex domain of 4+ digits, bus, device, function 0-7). */
gboolean xcvr_topo_is_pci_address(const char *s);

/* Reads @name from sysfs. XCVR_ERROR_NO_DEVICE when it is not (or no longer) there,
 * XCVR_ERROR_INVALID_ARGUMENT when @name is not a name, XCVR_ERROR_INVALID_DATA when
 * sysfs names a neighbour by something that is not a name. */
gboolean xcvr_topo_dev_read(XcvrTopo *topo, const char *name, XcvrTopoDev **ret_dev,
                            GError **error);

/* The PCI function @pci under ROOT/sys/bus/pci/devices: its PF (NULL when it is not a VF),
 * its VF index on that PF (-1 when unknown) and its netdevs (possibly none). */
gboolean xcvr_topo_pci_read(XcvrTopo *topo, const char *pci, char **ret_pf_pci,
                            int *ret_vf_index, GPtrArray **ret_netdevs, GError **error);

/* Tests: devices and Open vSwitch ports every walk on @topo entered so far. */
guint64 xcvr_topo_walk_steps(const XcvrTopo *topo);

/* Tests: with @enabled FALSE, a whole-host pass walks every port of every bridge again for
 * each walk, as it did before the walks shared them (the answers must be the same). */
void xcvr_topo_set_memo(XcvrTopo *topo, gboolean enabled);

/* "vf 3 of enp65s0f0" (the PF's first netdev, else its PCI address). */
char *xcvr_topo_vf_detail(int index, const char *pf_pci, GPtrArray *pf_netdevs);

/* Reads /proc/net/vlan/config under @proc_net into name → XcvrTopoVlan*; an empty table
 * when there is none (or it cannot be read by @deadline, or is not a capped regular file). */
GHashTable *xcvr_topo_read_vlans(const char *proc_net, gint64 deadline);

/* The text of /proc/net/vlan/config (@len bytes, NULs and all) as xcvr_topo_read_vlans()
 * gives it: lines that are not "NAME | VID | REAL-DEV" are skipped. */
GHashTable *xcvr_topo_parse_vlans(const char *text, gsize len);

/* What /proc/net/bonding/BOND says (drivers/net/bonding/bond_procfs.c). */
typedef struct {
    char *mode;         /* normalised to the sysfs names, or NULL */
    char *active;       /* "Currently Active Slave", or NULL */
    int aggregator;     /* "Active Aggregator Info" → "Aggregator ID", or -1 */
    GPtrArray *members; /* "Slave Interface" names, in order (char*, owned) */
    GHashTable *info;   /* member → XcvrTopoBondMember* */
} XcvrTopoProcBond;

void xcvr_topo_proc_bond_clear(XcvrTopoProcBond *pb);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(XcvrTopoProcBond, xcvr_topo_proc_bond_clear)

/* Parses the text of /proc/net/bonding/BOND (@len bytes) into the empty @pb (cleared
 * with xcvr_topo_proc_bond_clear()); lines it does not know are skipped. */
void xcvr_topo_parse_proc_bond(const char *text, gsize len, XcvrTopoProcBond *pb);

/* The vDPA device whose vhost-vdpa character device is @chardev ("/dev/vhost-vdpa-0"), and
 * the PCI function it sits on. */
gboolean xcvr_topo_vdpa_read(XcvrTopo *topo, const char *chardev, char **ret_vdpa,
                             char **ret_pci, GError **error);

