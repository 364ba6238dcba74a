/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-inventory.h: the one answer: every VM network interface, the path its traffic takes
 * out of the host, the physical uplinks it leaves through, and the module and link state of
 * each uplink, with the vNICs that ride it.
 */
#pragma once

#include <glib.h>

#include "xcvr-version.h"
#include "xcvr-vnic.h"

G_BEGIN_DECLS

/**
 * XcvrInventoryOptions:
 * @root: (nullable): the directory holding the host's `sys/` and `proc/`; %NULL for "/"
 * @ovsdb: (nullable): ovsdb-server's unix socket or an `ovsdb-client dump --format=json`
 *   file; %NULL to use %XCVR_OVS_DEFAULT_SOCKET when it exists (under @root when @root is
 *   not "/"), "" for none
 * @eeprom_dir: (nullable): read modules from IFNAME.bin dumps in this directory (PCI
 *   address for a port without a netdev) instead of from the kernel
 * @timeout_ms: deadline of each kernel module read (0: 2000 ms)
 * @no_netlink: read modules with the SIOCETHTOOL ioctl only
 * @no_modules: do not read modules at all
 *
 * Since: 0.1
 */
typedef struct {
    const char *root;
    const char *ovsdb;
    const char *eeprom_dir;
    guint timeout_ms;
    gboolean no_netlink;
    gboolean no_modules;
} XcvrInventoryOptions;

/**
 * XcvrInventory:
 *
 * The joined model: vNICs → paths → uplinks ← modules and link state.
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
 * host itself cannot be read: @root has no `sys/class/net` (%XCVR_ERROR_IO), or an
 * @ovsdb given explicitly cannot be read (its own error).
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
} XcvrVnicStatus;

/**
 * xcvr_vnic_status_to_string:
 * @status: an #XcvrVnicStatus
 *
 * Returns: "ok", "no-uplink" or "error": the `status` key in JSON.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_vnic_status_to_string(XcvrVnicStatus status);

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
