/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-placement.h: placement hints for schedulers: what kind of medium an uplink (or a
 * vNIC, through the weakest of its uplinks) leaves the host on, how fast, over how many
 * lanes, and with what redundancy. One vocabulary for map JSON, the XML documents and the
 * Nova provider config.
 */
#pragma once

#include <glib.h>

#include "xcvr-inventory.h"
#include "xcvr-module.h"
#include "xcvr-topo.h"
#include "xcvr-version.h"

G_BEGIN_DECLS

/**
 * XcvrMedia:
 * @XCVR_MEDIA_UNKNOWN: nothing to say: no module was read
 * @XCVR_MEDIA_SR: multimode optics (SR, SX, shortwave, 850 nm VCSEL)
 * @XCVR_MEDIA_LR: single-mode optics of ordinary reach (LR, LX, FR, DR, PSM4, CWDM4 …)
 * @XCVR_MEDIA_ER: single-mode optics of extended reach (ER; 30 km and more)
 * @XCVR_MEDIA_ZR: single-mode optics of very long reach (ZR; 70 km and more)
 * @XCVR_MEDIA_DWDM: tunable or fixed DWDM optics
 * @XCVR_MEDIA_DAC: direct-attach copper, passive or active
 * @XCVR_MEDIA_AOC: active optical cable
 * @XCVR_MEDIA_BASE_T: twisted pair (BASE-T)
 * @XCVR_MEDIA_OTHER: a module whose compliance codes name none of the above
 *
 * The medium class of a module, derived from its decoded compliance codes (SFF-8472 and
 * SFF-8636 transceiver codes, SFF-8024 extended compliance, CMIS media type and media
 * interface), its transmitter technology and its single-mode reach; never from vendor
 * strings.
 *
 * Since: 0.1
 */
typedef enum {
    XCVR_MEDIA_UNKNOWN,
    XCVR_MEDIA_SR,
    XCVR_MEDIA_LR,
    XCVR_MEDIA_ER,
    XCVR_MEDIA_ZR,
    XCVR_MEDIA_DWDM,
    XCVR_MEDIA_DAC,
    XCVR_MEDIA_AOC,
    XCVR_MEDIA_BASE_T,
    XCVR_MEDIA_OTHER,

#ifdef XCVR_ENUM_SENTINELS
    _XCVR_MEDIA_LAST
#endif
} XcvrMedia;

/**
 * xcvr_media_to_string:
 * @media: an #XcvrMedia
 *
 * Returns: "sr", "lr", "er", "zr", "dwdm", "dac", "aoc", "base-t", "other" or "unknown"
 * (also for a value out of range).
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_media_to_string(XcvrMedia media);

/**
 * xcvr_media_from_string:
 * @str: (nullable): a name xcvr_media_to_string() returns
 *
 * Returns: the #XcvrMedia named @str, or -1 when @str is %NULL or names none.
 *
 * Since: 0.1
 */
XCVR_PUBLIC int xcvr_media_from_string(const char *str);

/**
 * xcvr_media_of_module:
 * @module: (nullable): a decoded module
 *
 * Returns: the medium class of @module; %XCVR_MEDIA_UNKNOWN for %NULL.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrMedia xcvr_media_of_module(const XcvrModule *module);

/**
 * xcvr_module_get_lanes:
 * @module: (nullable): a decoded module
 *
 * Returns: how many lanes the module carries: 1 for SFF-8472, 4 for SFF-8636, the media
 * lane count of the first CMIS application; 0 when unknown.
 *
 * Since: 0.1
 */
XCVR_PUBLIC guint xcvr_module_get_lanes(const XcvrModule *module);

/**
 * XcvrRedundancy:
 * @XCVR_REDUNDANCY_SINGLE: one uplink, no bond
 * @XCVR_REDUNDANCY_ACTIVE_BACKUP: a bond (Linux or Open vSwitch) with one active member
 *   at a time, or several uplinks whose bond mode cannot be read
 * @XCVR_REDUNDANCY_LACP: an 802.3ad (LACP) bond
 * @XCVR_REDUNDANCY_BALANCE: a bond balancing without LACP (balance-rr/-xor/-tlb/-alb,
 *   broadcast, Open vSwitch balance-slb/-tcp)
 *
 * How a path out of the host survives the loss of one uplink; ordered weakest first.
 *
 * Since: 0.1
 */
typedef enum {
    XCVR_REDUNDANCY_SINGLE,
    XCVR_REDUNDANCY_ACTIVE_BACKUP,
    XCVR_REDUNDANCY_LACP,
    XCVR_REDUNDANCY_BALANCE,

#ifdef XCVR_ENUM_SENTINELS
    _XCVR_REDUNDANCY_LAST
#endif
} XcvrRedundancy;

/**
 * xcvr_redundancy_to_string:
 * @redundancy: an #XcvrRedundancy
 *
 * Returns: "single", "active-backup", "lacp" or "balance" ("single" for a value out of
 * range).
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_redundancy_to_string(XcvrRedundancy redundancy);

/**
 * xcvr_redundancy_from_string:
 * @str: (nullable): a name xcvr_redundancy_to_string() returns
 *
 * Returns: the #XcvrRedundancy named @str, or -1 when @str is %NULL or names none.
 *
 * Since: 0.1
 */
XCVR_PUBLIC int xcvr_redundancy_from_string(const char *str);

/**
 * xcvr_redundancy_of_rule:
 * @rule: the rule that decided a bond member's role
 *
 * Returns: the redundancy of the bond @rule belongs to; %XCVR_REDUNDANCY_SINGLE for
 * %XCVR_BOND_RULE_NONE.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrRedundancy xcvr_redundancy_of_rule(XcvrBondRule rule);

/**
 * XcvrPlacement:
 * @media: the medium class
 * @speed_mbps: the negotiated link speed in Mb/s, 0 when unknown (no link, no netdev)
 * @lanes: the module's lane count, 0 when unknown
 * @redundancy: the redundancy of the path
 *
 * Placement hints of an uplink or a vNIC. Plain data owned by whoever holds it; allocated
 * by the library only, so members may be appended in later versions.
 *
 * Since: 0.1
 */
typedef struct {
    XcvrMedia media;
    guint speed_mbps;
    guint lanes;
    XcvrRedundancy redundancy;
} XcvrPlacement;

/**
 * xcvr_placement_free:
 * @placement: (nullable): a #XcvrPlacement
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_placement_free(XcvrPlacement *placement);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrPlacement, xcvr_placement_free)

/**
 * xcvr_inv_uplink_get_placement:
 * @uplink: a #XcvrInvUplink
 *
 * The uplink's placement hints: its module's media and lanes, its link speed, and the
 * redundancy of the bond it is a member of as its vNICs reach it (single outside a bond).
 *
 * Returns: (transfer full): the hints; free with xcvr_placement_free().
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrPlacement *xcvr_inv_uplink_get_placement(const XcvrInvUplink *uplink);

/**
 * xcvr_inv_vnic_get_placement:
 * @vnic: a #XcvrInvVnic
 *
 * A vNIC's placement hints are those of the weakest of its uplinks (the slowest; an
 * unknown speed is the slowest; then the fewest lanes), with the redundancy of its own
 * path: its bond's, or single with one uplink. A vNIC that reaches no uplink has media
 * `unknown`, no speed, no lanes and redundancy `single`.
 *
 * Returns: (transfer full): the hints; free with xcvr_placement_free().
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrPlacement *xcvr_inv_vnic_get_placement(const XcvrInvVnic *vnic);

/**
 * xcvr_render_nova_provider_config:
 * @inventory: an inventory (built with xcvr_inventory_options_set_all_uplinks() for every
 *   physical NIC, not only the ridden ones)
 * @hostname: the compute host's name, as Nova knows it
 * @name_template: (nullable): the provider name, with `{hostname}`, `{pci}` and `{netdev}`
 *   replaced; %NULL for `{hostname}_{pci}`
 *
 * An OpenStack Nova provider config file (`meta.schema_version` "1.0", YAML): one provider
 * per physical NIC with a PCI address, identified by name, with the additional traits
 * `CUSTOM_XCVRMAP_MEDIA_<MEDIA>`, `CUSTOM_XCVRMAP_SPEED_<N>G` (`<N>M` below 1 Gb/s; none
 * when the speed is unknown) and `CUSTOM_XCVRMAP_REDUNDANCY_<R>`, upper case with `-` as
 * `_`.
 *
 * Returns: (transfer full): the file's text.
 *
 * Since: 0.1
 */
XCVR_PUBLIC char *xcvr_render_nova_provider_config(const XcvrInventory *inventory,
                                                   const char *hostname,
                                                   const char *name_template);

G_END_DECLS
