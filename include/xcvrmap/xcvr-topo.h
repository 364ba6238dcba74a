/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-topo.h: the host's netdev graph read from sysfs and procfs under a root: for any
 * netdev (or PCI function), the physical uplinks it reaches and the hops on the way.
 *
 * Sources: Documentation/ABI/testing/sysfs-class-net (iflink, ifindex, lower_*, upper_*,
 * master, brif, bonding/), Documentation/networking/bonding.rst (/proc/net/bonding),
 * Documentation/PCI/pci-iov-howto.rst (physfn, virtfnN).
 */
#pragma once

#include <glib.h>

#include "xcvr-version.h"
#include "xcvr-ovs.h"

G_BEGIN_DECLS

/**
 * XcvrHopKind:
 * @XCVR_HOP_TAP: a tun/tap device (a VM's or a VPN's end).
 * @XCVR_HOP_MACVTAP: a macvtap device on a lower device.
 * @XCVR_HOP_MACVLAN: a macvlan (or another device stacked on one lower device).
 * @XCVR_HOP_VETH: one end of a veth pair.
 * @XCVR_HOP_BRIDGE: a Linux bridge.
 * @XCVR_HOP_VLAN: an 802.1Q VLAN device on its real device.
 * @XCVR_HOP_BOND: a bonding master.
 * @XCVR_HOP_VF: an SR-IOV virtual function (netdev or PCI function).
 * @XCVR_HOP_VXLAN: a vxlan device.
 * @XCVR_HOP_PHYSICAL: a netdev backed by a bus function that is not a VF: an uplink.
 * @XCVR_HOP_OTHER: anything else (lo, dummy, a tunnel, the `ovs-system` master …): the walk
 *   ends there.
 * @XCVR_HOP_OVS_BRIDGE: an Open vSwitch bridge (detail: the port's VLAN tag, the datapath)
 * @XCVR_HOP_OVS_BOND: an Open vSwitch bond port (detail: its mode and LACP)
 * @XCVR_HOP_OVS_PATCH: an Open vSwitch patch port, on to its peer's bridge
 * @XCVR_HOP_VHOSTUSER: an Open vSwitch vhost-user port (a DPDK guest's end; no netdev)
 * @XCVR_HOP_DPDK: an Open vSwitch `dpdk` port: a NIC owned by DPDK (no netdev): an uplink
 * @XCVR_HOP_VDPA: a vDPA device (named by its vhost-vdpa character device) on a PCI function
 * @XCVR_HOP_TUNNEL: an Open vSwitch tunnel port (vxlan, geneve, gre…): routed, the walk
 *   ends there
 *
 * Since: 0.1
 */
typedef enum {
    XCVR_HOP_TAP,
    XCVR_HOP_MACVTAP,
    XCVR_HOP_MACVLAN,
    XCVR_HOP_VETH,
    XCVR_HOP_BRIDGE,
    XCVR_HOP_VLAN,
    XCVR_HOP_BOND,
    XCVR_HOP_VF,
    XCVR_HOP_VXLAN,
    XCVR_HOP_PHYSICAL,
    XCVR_HOP_OTHER,
    XCVR_HOP_OVS_BRIDGE,
    XCVR_HOP_OVS_BOND,
    XCVR_HOP_OVS_PATCH,
    XCVR_HOP_VHOSTUSER,
    XCVR_HOP_DPDK,
    XCVR_HOP_VDPA,
    XCVR_HOP_TUNNEL,

    _XCVR_HOP_LAST
} XcvrHopKind;

/**
 * xcvr_hop_kind_to_string:
 * @kind: an #XcvrHopKind
 *
 * Returns: the stable name of @kind ("tap", "macvtap", "bridge", "vlan", "bond", "vf",
 * "ovs-bridge", "ovs-bond", "ovs-patch", "vhostuser", "dpdk", "vdpa", "tunnel", …),
 * used as the `kind` key in JSON output; "other" for a value out of range.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_hop_kind_to_string(XcvrHopKind kind);

/**
 * XcvrHop:
 * @kind: what the device is
 * @name: the netdev name, or the PCI address for a function without a netdev
 * @detail: (nullable): e.g. "vlan 100", "mode active-backup", "vf 3 of enp65s0f0",
 *   "peer veth1", "routed (underlay not determinable)"
 *
 * One device on a path.
 *
 * Since: 0.1
 */
typedef struct {
    XcvrHopKind kind;
    char *name;
    char *detail;
} XcvrHop;

XCVR_PUBLIC void xcvr_hop_free(XcvrHop *hop);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrHop, xcvr_hop_free)

/**
 * XcvrUplink:
 * @netdev: (nullable): the uplink's netdev; %NULL when the function is not a netdev (bound
 *   to vfio or DPDK)
 * @pci: (nullable): the uplink's PCI address ("0000:41:00.0"), or %NULL
 * @active: as a bond member: 1 active, 0 backup; -1 outside a bond
 * @path: (element-type XcvrHop): the hops from the start device toward the wire, the
 *   uplink itself last
 *
 * One physical uplink a netdev reaches.
 *
 * Since: 0.1
 */
typedef struct {
    char *netdev;
    char *pci;
    int active;
    GPtrArray *path;
} XcvrUplink;

XCVR_PUBLIC void xcvr_uplink_free(XcvrUplink *uplink);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrUplink, xcvr_uplink_free)

/**
 * XcvrTopo:
 *
 * The netdevs of one host (or one network namespace's sysfs), as sysfs and procfs show
 * them under a root. Devices are listed when the #XcvrTopo is made and read as they are
 * walked, so a device that vanishes in between gives %XCVR_ERROR_NO_DEVICE for the walks
 * that reach it only. Not thread-safe; use one per thread.
 *
 * Since: 0.1
 */
typedef struct _XcvrTopo XcvrTopo;

/**
 * xcvr_topo_new:
 * @root: (nullable): the directory holding `sys/` and `proc/`; %NULL means "/"
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the topology, or %NULL with @error set
 * (%XCVR_ERROR_IO when @root/sys/class/net cannot be listed).
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrTopo *xcvr_topo_new(const char *root, GError **error);

/**
 * xcvr_topo_free:
 * @topo: (nullable): a #XcvrTopo
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_topo_free(XcvrTopo *topo);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrTopo, xcvr_topo_free)

/**
 * xcvr_topo_uplinks:
 * @topo: a #XcvrTopo
 * @netdev: the netdev to start from
 * @error: return location for a #GError
 *
 * Follows @netdev toward the wire: tap/macvtap/macvlan to the lower device, veth to its
 * peer, a bridge port to its bridge and on to the bridge's other ports, a VLAN to its real
 * device, a bond to every member, a VF to its PF, a vxlan to its underlay device when sysfs
 * names one. Each device is visited once.
 *
 * Returns: (transfer full) (element-type XcvrUplink) (nullable): every physical uplink
 * reached, in walk order, possibly none (a NAT or isolated bridge, a routed vxlan); %NULL
 * with @error set: %XCVR_ERROR_NO_DEVICE when @netdev or a device on the way does not
 * exist (or vanished), %XCVR_ERROR_INVALID_ARGUMENT when @netdev is not a netdev name,
 * %XCVR_ERROR_INVALID_DATA when sysfs names a device by something that is not a name.
 *
 * Since: 0.1
 */
XCVR_PUBLIC GPtrArray *xcvr_topo_uplinks(XcvrTopo *topo, const char *netdev, GError **error);

/**
 * xcvr_topo_uplinks_for_pci:
 * @topo: a #XcvrTopo
 * @pci: a PCI function ("0000:41:02.1"), e.g. a VF given to a VM as a hostdev
 * @error: return location for a #GError
 *
 * For a VF: the uplink(s) of its PF (through `physfn`), the first hop being the VF named by
 * its PCI address with detail "vf N of PF". For a function that is not a VF: itself, through
 * its netdev(s) if it has any.
 *
 * Returns: (transfer full) (element-type XcvrUplink) (nullable): as xcvr_topo_uplinks();
 * %XCVR_ERROR_NO_DEVICE when @root/sys/bus/pci/devices has no such function.
 *
 * Since: 0.1
 */
XCVR_PUBLIC GPtrArray *xcvr_topo_uplinks_for_pci(XcvrTopo *topo, const char *pci,
                                                 GError **error);

/**
 * xcvr_topo_path:
 * @topo: a #XcvrTopo
 * @netdev: the netdev to start from
 * @error: return location for a #GError
 *
 * The path a caller shows for @netdev, uplink or not: the path of the first uplink
 * xcvr_topo_uplinks() finds; when there is none, the hops from @netdev to where the walk
 * ends toward the wire (a bridge without a physical port, a veth whose peer goes nowhere,
 * a routed vxlan, a tap on no bridge). Bridge ports that lead nowhere (other VMs' taps) are
 * not part of it.
 *
 * Returns: (transfer full) (element-type XcvrHop) (nullable): at least one hop (@netdev
 * itself); %NULL with @error set as for xcvr_topo_uplinks().
 *
 * Since: 0.1
 */
XCVR_PUBLIC GPtrArray *xcvr_topo_path(XcvrTopo *topo, const char *netdev, GError **error);

/**
 * xcvr_topo_set_ovs:
 * @topo: a #XcvrTopo
 * @ovs: (nullable) (transfer none): Open vSwitch's configuration, kept alive by the caller
 *   as long as @topo walks; %NULL for none
 *
 * With it, a netdev that is an Open vSwitch port (its kernel master is only `ovs-system`)
 * leads into its OVS bridge and out through the bridge's other ports: system interfaces
 * (walked on in sysfs), OVS bonds, patch ports to the peer bridge, and `dpdk` ports (uplinks
 * without a netdev). Ports of other guests (taps, vhost-user) and internal ports lead
 * nowhere; tunnel ports end the walk (routed).
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_topo_set_ovs(XcvrTopo *topo, const XcvrOvs *ovs);

/**
 * XcvrTopoStart:
 * @XCVR_TOPO_START_NETDEV: a netdev, or an Open vSwitch bridge or port that has none
 * @XCVR_TOPO_START_PCI: a PCI function ("0000:41:02.1")
 * @XCVR_TOPO_START_OVS_PORT: an Open vSwitch interface by name (a vhost-user port)
 * @XCVR_TOPO_START_VDPA: a vhost-vdpa character device ("/dev/vhost-vdpa-0")
 *
 * Where a walk starts.
 *
 * Since: 0.1
 */
typedef enum {
    XCVR_TOPO_START_NETDEV,
    XCVR_TOPO_START_PCI,
    XCVR_TOPO_START_OVS_PORT,
    XCVR_TOPO_START_VDPA,
} XcvrTopoStart;

/**
 * xcvr_topo_walk:
 * @topo: a #XcvrTopo
 * @start: what @name is
 * @name: where to start
 * @ret_uplinks: (out) (transfer full) (element-type XcvrUplink): every physical uplink
 *   reached, in walk order, possibly none
 * @ret_path: (out) (transfer full) (element-type XcvrHop): the path to show: the hops all
 *   uplinks share (one uplink: its whole path), or, with none, the hops to where the walk
 *   ends toward the wire (see xcvr_topo_path())
 * @error: return location for a #GError
 *
 * One walk, both answers. A vDPA device leads to the PCI function it sits on, and from
 * there as xcvr_topo_uplinks_for_pci().
 *
 * Returns: %TRUE, or %FALSE with @error set as for xcvr_topo_uplinks() (and
 * %XCVR_ERROR_NO_DEVICE for an unknown Open vSwitch port or vDPA device).
 *
 * Since: 0.1
 */
XCVR_PUBLIC gboolean xcvr_topo_walk(XcvrTopo *topo, XcvrTopoStart start, const char *name,
                                    GPtrArray **ret_uplinks, GPtrArray **ret_path,
                                    GError **error);

/**
 * XcvrLinkState:
 * @operstate: (nullable): "up", "down", "lowerlayerdown", "dormant", "unknown" … as the
 *   kernel says, or %NULL when unreadable
 * @carrier: 1, 0, or -1 when unreadable (the kernel refuses it while the device is down)
 * @speed_mbps: the negotiated speed, or -1 when unknown (link down, or not reported)
 * @duplex: (nullable): "full", "half", or %NULL when unknown
 * @mac: (nullable): the hardware address, or %NULL
 *
 * Since: 0.1
 */
typedef struct {
    char *operstate;
    int carrier;
    int speed_mbps;
    char *duplex;
    char *mac;
} XcvrLinkState;

XCVR_PUBLIC void xcvr_link_state_free(XcvrLinkState *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrLinkState, xcvr_link_state_free)

/**
 * xcvr_topo_link_state:
 * @topo: a #XcvrTopo
 * @netdev: a netdev
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): @netdev's link state from sysfs, or %NULL with
 * @error set (%XCVR_ERROR_NO_DEVICE, %XCVR_ERROR_INVALID_ARGUMENT)
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrLinkState *xcvr_topo_link_state(XcvrTopo *topo, const char *netdev,
                                                GError **error);

/**
 * XcvrTopoWalkEntry:
 * @start: the netdev or PCI address the walk started from
 * @start_kind: what @start is
 * @path: (nullable) (element-type XcvrHop): the path xcvr_topo_walk() returned
 * @uplinks: (nullable) (element-type XcvrUplink): the uplinks xcvr_topo_walk() returned
 * @error: (nullable): why the walk failed (then @path and @uplinks are %NULL)
 *
 * One walk of the topo document, borrowed by xcvr_render_topo_json().
 *
 * Since: 0.1
 */
typedef struct {
    const char *start;
    XcvrTopoStart start_kind;
    GPtrArray *path;
    GPtrArray *uplinks;
    const GError *error;
} XcvrTopoWalkEntry;

/**
 * xcvr_render_topo_json:
 * @walks: (array length=n_walks): the walks, in the order asked
 * @n_walks: how many
 *
 * Returns: (transfer full): `{"walks": [{"start", "start_kind", "path", "uplinks"} |
 * {"start", "start_kind", "error": {"code", "message"}}]}`, hops shaped as the map's
 * (`{"kind", "name", "detail"}`), each uplink `{"netdev", "pci", "active", "path"}`; the
 * JSON Schema is `xcvrmap-topo.schema.json`.
 *
 * Since: 0.1
 */
XCVR_PUBLIC char *xcvr_render_topo_json(const XcvrTopoWalkEntry *walks, guint n_walks);

G_END_DECLS
