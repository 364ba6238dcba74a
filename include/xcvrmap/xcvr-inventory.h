/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-inventory.h: the one answer: every VM network interface, the path its traffic takes
 * out of the host, the physical uplinks it leaves through, and the module and link state of
 * each uplink, with the vNICs that ride it.
 */
#pragma once

#include <glib.h>

#include "xcvr-eeprom.h"
#include "xcvr-module.h"
#include "xcvr-topo.h"
#include "xcvr-version.h"
#include "xcvr-vnic.h"

G_BEGIN_DECLS

/**
 * XcvrInventoryOptions:
 *
 * Where xcvr_inventory_new() reads the host from. Opaque, so options can be added without
 * breaking callers; made with xcvr_inventory_options_new(), which gives the running host's
 * defaults. The strings are copied. Not safe to change while another thread builds an
 * inventory with it.
 *
 * Since: 0.1
 */
typedef struct _XcvrInventoryOptions XcvrInventoryOptions;

/**
 * xcvr_inventory_options_new:
 *
 * Returns: (transfer full): options for the running host: root "/", Open vSwitch from its
 * default socket when there, modules from the kernel with a 2000 ms deadline each.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrInventoryOptions *xcvr_inventory_options_new(void);

/**
 * xcvr_inventory_options_free:
 * @options: (nullable): a #XcvrInventoryOptions
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_inventory_options_free(XcvrInventoryOptions *options);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrInventoryOptions, xcvr_inventory_options_free)

/**
 * xcvr_inventory_options_set_root:
 * @options: a #XcvrInventoryOptions
 * @root: (nullable): the directory holding the host's `sys/` and `proc/`; %NULL for "/"
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_inventory_options_set_root(XcvrInventoryOptions *options,
                                                 const char *root);

/**
 * xcvr_inventory_options_set_ovsdb:
 * @options: a #XcvrInventoryOptions
 * @ovsdb: (nullable): ovsdb-server's unix socket or an `ovsdb-client dump --format=json`
 *   file; %NULL to use %XCVR_OVS_DEFAULT_SOCKET when it exists (under the root when it is
 *   not "/"), "" for none
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_inventory_options_set_ovsdb(XcvrInventoryOptions *options,
                                                  const char *ovsdb);

/**
 * xcvr_inventory_options_set_eeprom_dir:
 * @options: a #XcvrInventoryOptions
 * @eeprom_dir: (nullable): read modules from IFNAME.bin dumps in this directory (PCI
 *   address for a port without a netdev) instead of from the kernel; %NULL: the kernel
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_inventory_options_set_eeprom_dir(XcvrInventoryOptions *options,
                                                       const char *eeprom_dir);

/**
 * xcvr_inventory_options_set_timeout_ms:
 * @options: a #XcvrInventoryOptions
 * @timeout_ms: deadline of each kernel module read and of the Open vSwitch exchange
 *   (0: 5000 ms, as #XcvrEepromOptions and xcvr_ovs_open())
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_inventory_options_set_timeout_ms(XcvrInventoryOptions *options,
                                                       guint timeout_ms);

/**
 * xcvr_inventory_options_set_deadline:
 * @options: a #XcvrInventoryOptions
 * @deadline: a g_get_monotonic_time() instant (µs) by which the whole of
 *   xcvr_inventory_new() ends; 0 (the default) for none
 *
 * Bounds the whole build: listing the host, the Open vSwitch exchange (its socket timeout
 * becomes what is left), every walk and every module read (each one's timeout is cut to
 * what is left). What is not done by then fails on its own item: a vNIC whose walk had not
 * finished is an error with %XCVR_ERROR_TIMEOUT's message, an uplink whose module was not
 * read carries a %XCVR_ERROR_TIMEOUT module error, a link state not read is unknown. Only
 * listing the host's netdevs past @deadline fails the whole call. For a command-line
 * `--timeout S`: g_get_monotonic_time() + S × %G_USEC_PER_SEC, taken when the command
 * starts.
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_inventory_options_set_deadline(XcvrInventoryOptions *options,
                                                     gint64 deadline);

/**
 * xcvr_inventory_options_set_no_netlink:
 * @options: a #XcvrInventoryOptions
 * @no_netlink: %TRUE to read modules with the SIOCETHTOOL ioctl only
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_inventory_options_set_no_netlink(XcvrInventoryOptions *options,
                                                       gboolean no_netlink);

/**
 * xcvr_inventory_options_set_decode_flags:
 * @options: a #XcvrInventoryOptions
 * @flags: #XcvrDecodeFlags every module is read and decoded with (%XCVR_DECODE_VDM: the
 *   CMIS VDM pages too, where advertised; a caching reader then reads such modules in
 *   full on every poll, so their VDM samples are current)
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_inventory_options_set_decode_flags(XcvrInventoryOptions *options,
                                                         XcvrDecodeFlags flags);

/**
 * xcvr_inventory_options_set_all_uplinks:
 * @options: a #XcvrInventoryOptions
 * @all_uplinks: %TRUE to list every physical port of the host among the uplinks, with its
 *   link and module, whether a vNIC rides it or not (what node-device annotation needs)
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_inventory_options_set_all_uplinks(XcvrInventoryOptions *options,
                                                       gboolean all_uplinks);

/**
 * xcvr_inventory_options_set_no_modules:
 * @options: a #XcvrInventoryOptions
 * @no_modules: %TRUE not to read modules at all
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_inventory_options_set_no_modules(XcvrInventoryOptions *options,
                                                       gboolean no_modules);

/**
 * xcvr_inventory_options_set_reader:
 * @options: a #XcvrInventoryOptions
 * @reader: (nullable) (transfer none): the reader context kernel module reads go through,
 *   so that a caller building inventories again and again (a watcher) does not ask a port
 *   whose read is stuck in its driver again; %NULL: a fresh one per inventory. It must
 *   outlive the options.
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_inventory_options_set_reader(XcvrInventoryOptions *options,
                                                   XcvrEepromReader *reader);

/**
 * XcvrInventory:
 *
 * The joined model: vNICs → paths → uplinks ← modules and link state. Built by one thread
 * in xcvr_inventory_new(); after that nothing but xcvr_inventory_free() changes it, so
 * several threads may read one inventory (getters, renderers) at once, provided none
 * frees it meanwhile. Distinct inventories are independent.
 *
 * Since: 0.1
 */
typedef struct _XcvrInventory XcvrInventory;

/**
 * xcvr_inventory_new:
 * @vnics: (element-type XcvrVnic) (transfer none): what the VM source described (the
 *   inventory keeps a reference to the array)
 * @options: (nullable): where to read the host from; %NULL for the running host
 * @error: return location for a #GError
 *
 * Walks every vNIC's host side to its uplinks and reads each uplink's link state and
 * module once. A vNIC that cannot be walked (its device vanished, its network is missing)
 * gets status `error` with the reason; the others still map. A module that cannot be read
 * is recorded on its uplink, with the reason.
 *
 * Returns: (transfer full) (nullable): the inventory, or %NULL with @error set when the
 * host itself cannot be read: the root has no `sys/class/net` (%XCVR_ERROR_IO), or an
 * Open vSwitch source given explicitly cannot be read (its own error).
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrInventory *xcvr_inventory_new(GPtrArray *vnics,
                                              const XcvrInventoryOptions *options,
                                              GError **error);

/**
 * xcvr_inventory_free:
 * @inventory: (nullable): a #XcvrInventory
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_inventory_free(XcvrInventory *inventory);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrInventory, xcvr_inventory_free)

/**
 * XcvrVnicStatus:
 * @XCVR_VNIC_STATUS_OK: reaches at least one physical uplink
 * @XCVR_VNIC_STATUS_NO_UPLINK: reaches none: NAT, routed, isolated, user-mode
 * @XCVR_VNIC_STATUS_ERROR: cannot be resolved
 *
 * Since: 0.1
 */
typedef enum {
    XCVR_VNIC_STATUS_OK,
    XCVR_VNIC_STATUS_NO_UPLINK,
    XCVR_VNIC_STATUS_ERROR,

#ifdef XCVR_ENUM_SENTINELS
    _XCVR_VNIC_STATUS_LAST
#endif
} XcvrVnicStatus;

/**
 * xcvr_vnic_status_to_string:
 * @status: an #XcvrVnicStatus
 *
 * Returns: "ok", "no-uplink" or "error": the `status` key in JSON; "error" for a value
 * out of range.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_vnic_status_to_string(XcvrVnicStatus status);

/**
 * xcvr_vnic_status_from_string:
 * @str: (nullable): a name xcvr_vnic_status_to_string() returns
 *
 * Returns: the #XcvrVnicStatus named @str, or -1 when @str is %NULL or names none.
 *
 * Since: 0.1
 */
XCVR_PUBLIC int xcvr_vnic_status_from_string(const char *str);

/**
 * XcvrHealth:
 * @XCVR_HEALTH_OK: link up, module readable and trusted, no flag raised
 * @XCVR_HEALTH_UNKNOWN: nothing to judge by: no netdev, no module read
 * @XCVR_HEALTH_WARNING: a warning flag, a bad checksum, an unreadable module
 * @XCVR_HEALTH_ALARM: an alarm flag
 * @XCVR_HEALTH_DOWN: no link
 *
 * How an uplink is doing; the values are ordered, worst last, so a larger value is a
 * worse verdict.
 *
 * Since: 0.1
 */
typedef enum {
    XCVR_HEALTH_OK,
    XCVR_HEALTH_UNKNOWN,
    XCVR_HEALTH_WARNING,
    XCVR_HEALTH_ALARM,
    XCVR_HEALTH_DOWN,

#ifdef XCVR_ENUM_SENTINELS
    _XCVR_HEALTH_LAST
#endif
} XcvrHealth;

/**
 * xcvr_health_to_string:
 * @health: an #XcvrHealth
 *
 * Returns: "ok", "unknown", "warning", "alarm" or "down": the `health.status` key in map
 * JSON; "unknown" for a value out of range.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_health_to_string(XcvrHealth health);

/**
 * xcvr_health_from_string:
 * @str: (nullable): a name xcvr_health_to_string() returns
 *
 * Returns: the #XcvrHealth named @str, or -1 when @str is %NULL or names none.
 *
 * Since: 0.1
 */
XCVR_PUBLIC int xcvr_health_from_string(const char *str);

/**
 * xcvr_inventory_count:
 * @inventory: a #XcvrInventory
 * @status: a status
 *
 * Returns: how many vNICs have @status.
 *
 * Since: 0.1
 */
XCVR_PUBLIC guint xcvr_inventory_count(const XcvrInventory *inventory, XcvrVnicStatus status);

/**
 * xcvr_render_map_json:
 * @inventory: a #XcvrInventory
 *
 * Returns: (transfer full): the whole model as JSON, `{"vnics": [...], "uplinks": [...]}`,
 * as the JSON Schema `xcvrmap-map.schema.json` describes it.
 *
 * Since: 0.1
 */
XCVR_PUBLIC char *xcvr_render_map_json(const XcvrInventory *inventory);

/**
 * xcvr_render_map_text:
 * @inventory: a #XcvrInventory
 *
 * Returns: (transfer full): two tables for people: the vNICs with their path and uplinks,
 * then the uplinks with their module, link and health.
 *
 * Since: 0.1
 */
XCVR_PUBLIC char *xcvr_render_map_text(const XcvrInventory *inventory);

/* ---- walking the model (xcvr-inventory-get.c) ---- */

/**
 * XcvrInvVnic:
 *
 * One vNIC of an inventory as it was mapped: its description, status, path and the
 * uplinks it leaves through. Opaque; a `const` pointer that belongs to the inventory and
 * stays valid until xcvr_inventory_free(). Read-only: as thread-safe as its inventory.
 *
 * Since: 0.1
 */
typedef struct _XcvrInvVnic XcvrInvVnic;

/**
 * XcvrInvUplink:
 *
 * One physical uplink of an inventory, shared by every vNIC that rides it: its netdev and
 * PCI address, link state, module, health verdict with reasons, and its vNICs. Opaque; a
 * `const` pointer that belongs to the inventory and stays valid until
 * xcvr_inventory_free(). Read-only: as thread-safe as its inventory.
 *
 * Since: 0.1
 */
typedef struct _XcvrInvUplink XcvrInvUplink;

/**
 * xcvr_inventory_get_n_vnics:
 * @inventory: a #XcvrInventory
 *
 * Returns: how many vNICs the inventory maps (one per #XcvrVnic it was given).
 *
 * Since: 0.1
 */
XCVR_PUBLIC guint xcvr_inventory_get_n_vnics(const XcvrInventory *inventory);

/**
 * xcvr_inventory_get_vnic:
 * @inventory: a #XcvrInventory
 * @index: 0 to xcvr_inventory_get_n_vnics() - 1, in the order the vNICs were given
 *
 * Returns: (transfer none): the @index-th vNIC, valid while @inventory lives.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const XcvrInvVnic *xcvr_inventory_get_vnic(const XcvrInventory *inventory,
                                                       guint index);

/**
 * xcvr_inventory_get_n_uplinks:
 * @inventory: a #XcvrInventory
 *
 * Returns: how many distinct physical uplinks the vNICs reach.
 *
 * Since: 0.1
 */
XCVR_PUBLIC guint xcvr_inventory_get_n_uplinks(const XcvrInventory *inventory);

/**
 * xcvr_inventory_get_uplink:
 * @inventory: a #XcvrInventory
 * @index: 0 to xcvr_inventory_get_n_uplinks() - 1: netdevs by name, then ports without one
 *   by PCI address
 *
 * Returns: (transfer none): the @index-th uplink, valid while @inventory lives.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const XcvrInvUplink *xcvr_inventory_get_uplink(const XcvrInventory *inventory,
                                                           guint index);

/**
 * xcvr_inventory_find_uplink:
 * @inventory: a #XcvrInventory
 * @name: a netdev name, or the PCI address of an uplink without a netdev
 *
 * Returns: (transfer none) (nullable): that uplink, or %NULL when no vNIC reaches it.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const XcvrInvUplink *xcvr_inventory_find_uplink(const XcvrInventory *inventory,
                                                            const char *name);

/**
 * xcvr_inv_vnic_get_description:
 * @vnic: a #XcvrInvVnic
 *
 * Returns: (transfer none): the #XcvrVnic the VM source gave for it (domain, MAC, source,
 * attachments …), valid while the inventory lives.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const XcvrVnic *xcvr_inv_vnic_get_description(const XcvrInvVnic *vnic);

/**
 * xcvr_inv_vnic_get_domain:
 * @vnic: a #XcvrInvVnic
 *
 * Returns: (transfer none): the domain's name.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_inv_vnic_get_domain(const XcvrInvVnic *vnic);

/**
 * xcvr_inv_vnic_get_domain_uuid:
 * @vnic: a #XcvrInvVnic
 *
 * Returns: (transfer none) (nullable): the domain's UUID, or %NULL when unknown.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_inv_vnic_get_domain_uuid(const XcvrInvVnic *vnic);

/**
 * xcvr_inv_vnic_get_mac:
 * @vnic: a #XcvrInvVnic
 *
 * Returns: (transfer none) (nullable): the MAC address, lower case, or %NULL when unknown.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_inv_vnic_get_mac(const XcvrInvVnic *vnic);

/**
 * xcvr_inv_vnic_get_model:
 * @vnic: a #XcvrInvVnic
 *
 * Returns: (transfer none) (nullable): the guest-side model ("virtio" …), or %NULL.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_inv_vnic_get_model(const XcvrInvVnic *vnic);

/**
 * xcvr_inv_vnic_get_vnic_type:
 * @vnic: a #XcvrInvVnic
 *
 * Returns: the interface type.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrVnicType xcvr_inv_vnic_get_vnic_type(const XcvrInvVnic *vnic);

/**
 * xcvr_inv_vnic_is_running:
 * @vnic: a #XcvrInvVnic
 *
 * Returns: %TRUE when it was described from a running domain's live configuration.
 *
 * Since: 0.1
 */
XCVR_PUBLIC gboolean xcvr_inv_vnic_is_running(const XcvrInvVnic *vnic);

/**
 * xcvr_inv_vnic_get_status:
 * @vnic: a #XcvrInvVnic
 *
 * Returns: whether it reaches an uplink (see xcvr_vnic_status_to_string()).
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrVnicStatus xcvr_inv_vnic_get_status(const XcvrInvVnic *vnic);

/**
 * xcvr_inv_vnic_get_reason:
 * @vnic: a #XcvrInvVnic
 *
 * Returns: (transfer none) (nullable): why the status is not `ok`, or a note on an `ok`
 * one (a pool's alternatives); %NULL when there is nothing to say.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_inv_vnic_get_reason(const XcvrInvVnic *vnic);

/**
 * xcvr_inv_vnic_get_path:
 * @vnic: a #XcvrInvVnic
 *
 * Returns: (transfer none) (element-type XcvrHop): the hops from the vNIC's host side
 * toward the wire that all its uplinks share (with none: as far as the walk went);
 * possibly empty, never %NULL.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const GPtrArray *xcvr_inv_vnic_get_path(const XcvrInvVnic *vnic);

/**
 * xcvr_inv_vnic_get_n_uplinks:
 * @vnic: a #XcvrInvVnic
 *
 * Returns: how many physical uplinks it leaves through (0 unless its status is `ok`).
 *
 * Since: 0.1
 */
XCVR_PUBLIC guint xcvr_inv_vnic_get_n_uplinks(const XcvrInvVnic *vnic);

/**
 * xcvr_inv_vnic_get_uplink:
 * @vnic: a #XcvrInvVnic
 * @index: 0 to xcvr_inv_vnic_get_n_uplinks() - 1, in walk order
 *
 * Returns: (transfer none): the @index-th uplink it reaches (the same pointer the
 * inventory's uplink list holds).
 *
 * Since: 0.1
 */
XCVR_PUBLIC const XcvrInvUplink *xcvr_inv_vnic_get_uplink(const XcvrInvVnic *vnic,
                                                          guint index);

/**
 * xcvr_inv_vnic_get_uplink_role:
 * @vnic: a #XcvrInvVnic
 * @index: as for xcvr_inv_vnic_get_uplink()
 *
 * Returns: the uplink's bond role for this vNIC: 1 active, 0 backup, -1 not in a bond.
 *
 * Since: 0.1
 */
XCVR_PUBLIC int xcvr_inv_vnic_get_uplink_role(const XcvrInvVnic *vnic, guint index);

/**
 * xcvr_inv_vnic_get_uplink_rule:
 * @vnic: a #XcvrInvVnic
 * @index: as for xcvr_inv_vnic_get_uplink()
 *
 * Returns: which rule decided xcvr_inv_vnic_get_uplink_role() (the map JSON's
 * `active_rule`); %XCVR_BOND_RULE_NONE when the uplink is not in a bond.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrBondRule xcvr_inv_vnic_get_uplink_rule(const XcvrInvVnic *vnic, guint index);

/**
 * xcvr_inv_vnic_get_uplink_via:
 * @vnic: a #XcvrInvVnic
 * @index: as for xcvr_inv_vnic_get_uplink()
 *
 * Returns: (transfer none) (element-type XcvrHop): the hops from the end of
 * xcvr_inv_vnic_get_path() to the uplink, the uplink itself last.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const GPtrArray *xcvr_inv_vnic_get_uplink_via(const XcvrInvVnic *vnic,
                                                          guint index);

/**
 * xcvr_inv_uplink_get_netdev:
 * @uplink: a #XcvrInvUplink
 *
 * Returns: (transfer none) (nullable): its netdev; %NULL for a port bound to vfio or DPDK.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_inv_uplink_get_netdev(const XcvrInvUplink *uplink);

/**
 * xcvr_inv_uplink_get_pci:
 * @uplink: a #XcvrInvUplink
 *
 * Returns: (transfer none) (nullable): its PCI address ("0000:41:00.0"), or %NULL.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_inv_uplink_get_pci(const XcvrInvUplink *uplink);

/**
 * xcvr_inv_uplink_get_link:
 * @uplink: a #XcvrInvUplink
 *
 * Returns: (transfer none) (nullable): its link state (operstate, carrier, speed, duplex,
 * MAC), or %NULL without a netdev or when sysfs could not be read.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const XcvrLinkState *xcvr_inv_uplink_get_link(const XcvrInvUplink *uplink);

/**
 * xcvr_inv_uplink_get_module:
 * @uplink: a #XcvrInvUplink
 *
 * Returns: (transfer none) (nullable): the module read from its cage, for the
 * xcvr_module_get_*() getters and the renderers; %NULL when none was read (see
 * xcvr_inv_uplink_get_module_error()).
 *
 * Since: 0.1
 */
XCVR_PUBLIC const XcvrModule *xcvr_inv_uplink_get_module(const XcvrInvUplink *uplink);

/**
 * xcvr_inv_uplink_get_module_source:
 * @uplink: a #XcvrInvUplink
 *
 * Returns: (transfer none) (nullable): where the module came from ("netlink", "ioctl",
 * "file"), or %NULL when none was read.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_inv_uplink_get_module_source(const XcvrInvUplink *uplink);

/**
 * xcvr_inv_uplink_get_module_error:
 * @uplink: a #XcvrInvUplink
 *
 * Returns: (transfer none) (nullable): why there is no module (%XCVR_ERROR_NO_MODULE for
 * an empty cage, %XCVR_ERROR_NOT_SUPPORTED, %XCVR_ERROR_TIMEOUT …), or %NULL; also %NULL
 * when modules were not asked for.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const GError *xcvr_inv_uplink_get_module_error(const XcvrInvUplink *uplink);

/**
 * xcvr_inv_uplink_get_health:
 * @uplink: a #XcvrInvUplink
 *
 * Returns: the verdict on the link.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrHealth xcvr_inv_uplink_get_health(const XcvrInvUplink *uplink);

/**
 * xcvr_inv_uplink_get_health_reasons:
 * @uplink: a #XcvrInvUplink
 *
 * Returns: (transfer none) (element-type utf8): the reasons behind the verdict, for
 * people (empty when it is `ok`), never %NULL.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const GPtrArray *xcvr_inv_uplink_get_health_reasons(const XcvrInvUplink *uplink);

/**
 * xcvr_inv_uplink_get_n_vnics:
 * @uplink: a #XcvrInvUplink
 *
 * Returns: how many vNICs ride it.
 *
 * Since: 0.1
 */
XCVR_PUBLIC guint xcvr_inv_uplink_get_n_vnics(const XcvrInvUplink *uplink);

/**
 * xcvr_inv_uplink_get_vnic:
 * @uplink: a #XcvrInvUplink
 * @index: 0 to xcvr_inv_uplink_get_n_vnics() - 1, in the inventory's vNIC order
 *
 * Returns: (transfer none): the @index-th vNIC that rides it.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const XcvrInvVnic *xcvr_inv_uplink_get_vnic(const XcvrInvUplink *uplink,
                                                        guint index);

/**
 * XCVR_MAP_XML_NAMESPACE:
 *
 * The namespace of the map's XML form; schema: `xcvrmap-map.rng`, installed under
 * `$datadir/xcvrmap/schemas/`.
 *
 * Since: 0.1
 */
#define XCVR_MAP_XML_NAMESPACE "urn:xcvrmap:map:1"

/**
 * xcvr_render_map_xml:
 * @inventory: a #XcvrInventory
 *
 * Returns: (transfer full): the model of xcvr_render_map_json() as an XML document in
 * %XCVR_MAP_XML_NAMESPACE (`<map>` holding `<vnics>` and `<uplinks>`), its module, link
 * and health named by the vocabulary (`speed-mbps`, `rx-power-mw` …), valid against the
 * RelaxNG schema `xcvrmap-map.rng`.
 *
 * Since: 0.1
 */
XCVR_PUBLIC char *xcvr_render_map_xml(const XcvrInventory *inventory);

G_END_DECLS
