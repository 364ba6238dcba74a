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

#ifdef XCVR_ENUM_SENTINELS
    _XCVR_HOP_LAST
#endif
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
 * xcvr_hop_kind_from_string:
 * @str: (nullable): a name xcvr_hop_kind_to_string() returns
 *
 * Returns: the #XcvrHopKind named @str, or -1 when @str is %NULL or names none.
 *
 * Since: 0.1
 */
XCVR_PUBLIC int xcvr_hop_kind_from_string(const char *str);

/**
 * XcvrHop:
 * @kind: what the device is
 * @name: the netdev name, or the PCI address for a function without a netdev
 * @detail: (nullable): e.g. "vlan 100", "mode active-backup", "vf 3 of enp65s0f0",
 *   "peer veth1", "routed (underlay not determinable)"
 *
 * One device on a path. Plain data owned by whoever holds it; no shared state. Allocated by the library only, so members may be appended in later
 * versions: never allocate, embed or copy one by value.
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
 * XcvrBondRule:
 * @XCVR_BOND_RULE_NONE: not below a bond: no role (`active` is -1)
 * @XCVR_BOND_RULE_ACTIVE_BACKUP: a Linux active-backup bond: active when it is the bond's
 *   active member (`bonding/active_slave`, or "Currently Active Slave" in /proc)
 * @XCVR_BOND_RULE_LACP_AGGREGATOR: a Linux 802.3ad bond: active when the member is in the
 *   bond's active aggregator (`bonding_slave/ad_aggregator_id` equals `bonding/ad_aggregator`,
 *   or the "Aggregator ID" lines of /proc/net/bonding/BOND) and its MII status is up
 * @XCVR_BOND_RULE_LACP_MII: a Linux 802.3ad bond whose aggregator ids cannot be read
 *   anywhere: active when its MII status is up (or unknown)
 * @XCVR_BOND_RULE_BALANCE_UP: a Linux balance-rr, balance-xor, balance-tlb, balance-alb or
 *   broadcast bond: every member whose MII status is up (or unknown) is active
 * @XCVR_BOND_RULE_MODE_UNKNOWN: a Linux bond whose mode cannot be read and that names no
 *   active member: every member counts as active
 * @XCVR_BOND_RULE_OVS_ACTIVE_BACKUP: an Open vSwitch active-backup bond: active when its MAC
 *   is the port's `bond_active_slave` (without one: when its link is not down)
 * @XCVR_BOND_RULE_OVS_BALANCE: an Open vSwitch balance-slb or balance-tcp bond: every member
 *   is active
 *
 * Which rule decided an uplink's bond role (#XcvrUplink.active).
 *
 * Since: 0.1
 */
typedef enum {
    XCVR_BOND_RULE_NONE,
    XCVR_BOND_RULE_ACTIVE_BACKUP,
    XCVR_BOND_RULE_LACP_AGGREGATOR,
    XCVR_BOND_RULE_LACP_MII,
    XCVR_BOND_RULE_BALANCE_UP,
    XCVR_BOND_RULE_MODE_UNKNOWN,
    XCVR_BOND_RULE_OVS_ACTIVE_BACKUP,
    XCVR_BOND_RULE_OVS_BALANCE,

#ifdef XCVR_ENUM_SENTINELS
    _XCVR_BOND_RULE_LAST
#endif
} XcvrBondRule;

/**
 * xcvr_bond_rule_to_string:
 * @rule: an #XcvrBondRule
 *
 * Returns: the stable name of @rule, used as `active_rule` in the map JSON:
 * "active-backup", "802.3ad-aggregator", "802.3ad-mii", "balance-up", "mode-unknown",
 * "ovs-active-backup", "ovs-balance"; %NULL for %XCVR_BOND_RULE_NONE and for a value out of
 * range.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_bond_rule_to_string(XcvrBondRule rule);

/**
 * xcvr_bond_rule_from_string:
 * @str: (nullable): a name xcvr_bond_rule_to_string() returns
 *
 * Returns: the #XcvrBondRule named @str, or -1 when @str is %NULL or names none
 * (%XCVR_BOND_RULE_NONE has no name).
 *
 * Since: 0.1
 */
XCVR_PUBLIC int xcvr_bond_rule_from_string(const char *str);

/**
 * XcvrUplink:
 * @netdev: (nullable): the uplink's netdev; %NULL when the function is not a netdev (bound
 *   to vfio or DPDK)
 * @pci: (nullable): the uplink's PCI address ("0000:41:00.0"), or %NULL
 * @active: as a bond member: 1 active, 0 backup; -1 outside a bond
 * @path: (element-type XcvrHop): the hops from the start device toward the wire, the
 *   uplink itself last
 * @active_rule: which rule decided @active (%XCVR_BOND_RULE_NONE outside a bond); for
 *   bonds stacked on bonds, the innermost bond's rule (an inactive outer member makes every
 *   uplink below it inactive under the outer bond's rule)
 *
 * One physical uplink a netdev reaches. Plain data owned by whoever holds it. Allocated by the library only, so members may be appended in later
 * versions: never allocate, embed or copy one by value.
 *
 * Since: 0.1
 */
typedef struct {
    char *netdev;
    char *pci;
    int active;
    GPtrArray *path;
    XcvrBondRule active_rule;
} XcvrUplink;

XCVR_PUBLIC void xcvr_uplink_free(XcvrUplink *uplink);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrUplink, xcvr_uplink_free)

/**
 * XcvrTopo:
 *
 * The netdevs of one host (or one network namespace's sysfs), as sysfs and procfs show
 * them under a root. Devices are listed when the #XcvrTopo is made and read as they are
 * walked, so a device that vanishes in between gives %XCVR_ERROR_NO_DEVICE for the walks
 * that reach it only. Not safe for concurrent use (walks fill its caches): use one per
 * thread; distinct topos are independent.
 *
 * Since: 0.1
 */
typedef struct _XcvrTopo XcvrTopo;

/**
 * XCVR_TOPO_MAX_DEPTH:
 *
 * The most hops a walk goes down before it gives up on that start device: far above any
 * stacking the kernel allows (it refuses to nest upper devices more than 8 deep,
 * MAX_NEST_DEV), so only a forged or broken tree reaches it.
 *
 * Since: 0.1
 */
#define XCVR_TOPO_MAX_DEPTH 64

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
 * xcvr_topo_new_full:
 * @root: (nullable): the directory holding `sys/` and `proc/`; %NULL means "/"
 * @deadline: a g_get_monotonic_time() instant (µs) by which listing the host and every
 *   later read and walk of this topology must end; 0 for none
 * @error: return location for a #GError
 *
 * As xcvr_topo_new(), with a deadline: every sysfs and procfs file is read through one
 * bounded reader in any case (regular files only, no blocking open, at most a page for a
 * sysfs attribute, 16 MiB for a procfs file), and once @deadline has passed, a walk fails
 * with %XCVR_ERROR_TIMEOUT, and an attribute not yet read reads as absent.
 *
 * Returns: (transfer full) (nullable): the topology, or %NULL with @error set
 * (%XCVR_ERROR_IO when @root/sys/class/net cannot be listed, %XCVR_ERROR_TIMEOUT when
 * listing it outlasts @deadline).
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrTopo *xcvr_topo_new_full(const char *root, gint64 deadline, GError **error);

/**
 * xcvr_topo_set_deadline:
 * @topo: a #XcvrTopo
 * @deadline: a g_get_monotonic_time() instant (µs) by which every later read and walk of
 *   @topo must end; 0 for none
 *
 * Replaces the deadline given to xcvr_topo_new_full().
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_topo_set_deadline(XcvrTopo *topo, gint64 deadline);

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
 * %XCVR_ERROR_INVALID_DATA when sysfs names a device by something that is not a name, or
 * when more than %XCVR_TOPO_MAX_DEPTH devices are stacked on the way (no kernel builds
 * that), %XCVR_ERROR_TIMEOUT when the topology's deadline passed.
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

#ifdef XCVR_ENUM_SENTINELS
    _XCVR_TOPO_START_LAST
#endif
} XcvrTopoStart;

/**
 * xcvr_topo_start_to_string:
 * @start: an #XcvrTopoStart
 *
 * Returns: its stable name ("netdev", "pci", "ovs-port", "vdpa"); "netdev" for a value
 * out of range.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_topo_start_to_string(XcvrTopoStart start);

/**
 * xcvr_topo_start_from_string:
 * @str: (nullable): a name xcvr_topo_start_to_string() returns
 *
 * Returns: the #XcvrTopoStart named @str, or -1 when @str is %NULL or names none.
 *
 * Since: 0.1
 */
XCVR_PUBLIC int xcvr_topo_start_from_string(const char *str);

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
 * Plain data owned by whoever holds it. Allocated by the library only, so members may be appended in later
 * versions: never allocate, embed or copy one by value.
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
 * xcvr_topo_list_module_ports:
 * @root: (nullable): the prefix holding the host's `sys/`; %NULL means "/"
 * @error: return location for a #GError
 *
 * The netdevs that can hold a module: those of physical functions, backed by a bus device
 * (a `device` link: PCI, platform, USB, a virtio device …), except SR-IOV VFs, radios,
 * bridges, bonds and tunnels. A port whose driver cannot read modules (virtio-net) is
 * listed: reading it then gives %XCVR_ERROR_NOT_SUPPORTED.
 *
 * Returns: (transfer full) (element-type utf8): netdev names, sorted; %NULL with @error set
 * (%XCVR_ERROR_IO) when @root/sys/class/net cannot be listed.
 *
 * Since: 0.1
 */
XCVR_PUBLIC GPtrArray *xcvr_topo_list_module_ports(const char *root, GError **error);

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
