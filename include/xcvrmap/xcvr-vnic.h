/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-vnic.h: one VM network interface as a VM source (libvirt today; Open vSwitch
 * external_ids and XAPI on XCP-ng later) describes it: which domain, which MAC, and where
 * its host side starts, so the topology walker can take it from there.
 */
#pragma once

#include <glib.h>

#include "xcvr-version.h"

G_BEGIN_DECLS

/**
 * XcvrVnicType:
 * @XCVR_VNIC_BRIDGE: `<interface type='bridge'>` (a Linux or an Open vSwitch bridge)
 * @XCVR_VNIC_NETWORK: `<interface type='network'>`
 * @XCVR_VNIC_DIRECT: `<interface type='direct'>` (macvtap)
 * @XCVR_VNIC_HOSTDEV: `<interface type='hostdev'>` (an SR-IOV VF given to the guest)
 * @XCVR_VNIC_VDPA: `<interface type='vdpa'>`
 * @XCVR_VNIC_ETHERNET: `<interface type='ethernet'>` (a tap the host routes or scripts)
 * @XCVR_VNIC_VHOSTUSER: `<interface type='vhostuser'>` (an OVS-DPDK port)
 * @XCVR_VNIC_USER: `<interface type='user'>` (user-mode networking: no host device)
 * @XCVR_VNIC_OTHER: any other type (mcast, udp, server, client, vds, null …)
 *
 * Since: 0.1
 */
typedef enum {
    XCVR_VNIC_BRIDGE,
    XCVR_VNIC_NETWORK,
    XCVR_VNIC_DIRECT,
    XCVR_VNIC_HOSTDEV,
    XCVR_VNIC_VDPA,
    XCVR_VNIC_ETHERNET,
    XCVR_VNIC_VHOSTUSER,
    XCVR_VNIC_USER,
    XCVR_VNIC_OTHER,

#ifdef XCVR_ENUM_SENTINELS
    _XCVR_VNIC_LAST
#endif
} XcvrVnicType;

/**
 * xcvr_vnic_type_to_string:
 * @type: an #XcvrVnicType
 *
 * Returns: libvirt's name of @type ("bridge", "network", "direct", "hostdev", "vdpa",
 * "ethernet", "vhostuser", "user"), "other" otherwise: the `type` key in JSON.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_vnic_type_to_string(XcvrVnicType type);

/**
 * xcvr_vnic_type_from_string:
 * @str: (nullable): a name xcvr_vnic_type_to_string() returns
 *
 * Returns: the #XcvrVnicType named @str, or -1 when @str is %NULL or names none.
 *
 * Since: 0.1
 */
XCVR_PUBLIC int xcvr_vnic_type_from_string(const char *str);

/**
 * XcvrVnicAttachKind:
 * @XCVR_VNIC_ATTACH_NETDEV: a host netdev to walk from: the live tap or macvtap, or the
 *   bridge (Linux or Open vSwitch) or device the configuration names
 * @XCVR_VNIC_ATTACH_MACVTAP_ON: a macvtap the domain gets on this lower netdev when it
 *   starts (a defined-only domain's direct interface or direct-pool network)
 * @XCVR_VNIC_ATTACH_PCI: a PCI function ("0000:41:02.1"): a hostdev VF, or a PF of a
 *   hostdev pool
 * @XCVR_VNIC_ATTACH_VDPA: a vhost-vdpa character device ("/dev/vhost-vdpa-0")
 * @XCVR_VNIC_ATTACH_VHOSTUSER: a vhost-user socket path (an Open vSwitch port)
 *
 * Since: 0.1
 */
typedef enum {
    XCVR_VNIC_ATTACH_NETDEV,
    XCVR_VNIC_ATTACH_MACVTAP_ON,
    XCVR_VNIC_ATTACH_PCI,
    XCVR_VNIC_ATTACH_VDPA,
    XCVR_VNIC_ATTACH_VHOSTUSER,

#ifdef XCVR_ENUM_SENTINELS
    _XCVR_VNIC_ATTACH_LAST
#endif
} XcvrVnicAttachKind;

/**
 * xcvr_vnic_attach_kind_to_string:
 * @kind: an #XcvrVnicAttachKind
 *
 * Returns: its stable name ("netdev", "macvtap-on", "pci", "vdpa", "vhostuser");
 * "netdev" for a value out of range.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_vnic_attach_kind_to_string(XcvrVnicAttachKind kind);

/**
 * xcvr_vnic_attach_kind_from_string:
 * @str: (nullable): a name xcvr_vnic_attach_kind_to_string() returns
 *
 * Returns: the #XcvrVnicAttachKind named @str, or -1 when @str is %NULL or names none.
 *
 * Since: 0.1
 */
XCVR_PUBLIC int xcvr_vnic_attach_kind_from_string(const char *str);

/**
 * XcvrVnicAttach:
 * @kind: what @name is
 * @name: the netdev, PCI address, character device or socket path
 * @ovs: %TRUE when the configuration says the port is on Open vSwitch
 *   (`<virtualport type='openvswitch'>`)
 *
 * Where a vNIC's host side starts. Made by xcvr_vnic_add_attach() only, so members may
 * be appended in later versions: never allocate, embed or copy one by value.
 *
 * Since: 0.1
 */
typedef struct {
    XcvrVnicAttachKind kind;
    char *name;
    gboolean ovs;
} XcvrVnicAttach;

/**
 * XcvrVnic:
 * @domain: the domain's name
 * @domain_uuid: (nullable): its UUID
 * @running: %TRUE when the description comes from a running domain's live configuration
 * @mac: (nullable): the MAC address, lower case; %NULL when unknown
 * @model: (nullable): the guest-side model ("virtio", "e1000e", …)
 * @type: the interface type
 * @source: (nullable): what the configuration says, for people: "bridge br0",
 *   "network default (nat, bridge virbr0)", "dev enp65s0f0 mode vepa", "pci 0000:41:02.1"
 * @target: (nullable): the live host device (running domains), or %NULL
 * @vlan: the `<vlan><tag id>` the configuration asks for, or -1
 * @attach: (element-type XcvrVnicAttach): where to walk from; several are alternatives
 *   (a pool the domain picks from when it starts), none when nothing on the host side
 *   carries the traffic (user-mode networking)
 * @no_uplink_reason: (nullable): why the source already knows no physical port carries
 *   it, e.g. "network 'default' forwards by NAT", "user-mode networking"; used as the
 *   reason when the walk finds no uplink
 * @error: (nullable): why the interface cannot be resolved (a missing network, a domain
 *   whose XML cannot be parsed); such a vNIC has status `error`
 * @vm_source: (nullable): which VM source described it: "libvirt" or "xapi" (the
 *   `vm_source` key in JSON)
 * @vif_uuid: (nullable): XAPI's VIF uuid (`vif_uuid` in JSON); %NULL from libvirt
 * @note: (nullable): what the source says about a vNIC that maps all the same, used as the
 *   reason when nothing else explains it, e.g. "VIF unplugged (currently_attached is
 *   false): the uplinks it uses when plugged"
 *
 * Made by xcvr_vnic_new() only, so members may be appended in later versions: never
 * allocate, embed or copy one by value. A VM source fills it on one thread; once handed to
 * xcvr_inventory_new() it must not change while the inventory lives (the inventory
 * borrows it), and may then be read from several threads at once.
 *
 * Since: 0.1
 */
typedef struct {
    char *domain;
    char *domain_uuid;
    gboolean running;
    char *mac;
    char *model;
    XcvrVnicType type;
    char *source;
    char *target;
    int vlan;
    GPtrArray *attach;
    char *no_uplink_reason;
    char *error;
    char *vm_source;
    char *vif_uuid;
    char *note;
} XcvrVnic;

/**
 * xcvr_vnic_new:
 * @domain: the domain's name
 * @type: the interface type
 *
 * Returns: (transfer full): a vNIC with @vlan -1, an empty @attach and everything else
 * unset
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrVnic *xcvr_vnic_new(const char *domain, XcvrVnicType type);

/**
 * xcvr_vnic_add_attach:
 * @vnic: a #XcvrVnic
 * @kind: what @name is
 * @name: the netdev, PCI address, character device or socket path
 * @ovs: whether the configuration puts it on Open vSwitch
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_vnic_add_attach(XcvrVnic *vnic, XcvrVnicAttachKind kind,
                                      const char *name, gboolean ovs);

/**
 * xcvr_vnic_copy:
 * @vnic: a #XcvrVnic
 *
 * Returns: (transfer full): a deep copy of @vnic
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrVnic *xcvr_vnic_copy(const XcvrVnic *vnic);

/**
 * xcvr_vnic_free:
 * @vnic: (nullable): a #XcvrVnic
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_vnic_free(XcvrVnic *vnic);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrVnic, xcvr_vnic_free)

G_END_DECLS
