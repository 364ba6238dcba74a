/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-metadata.h: the element xcvrmap keeps in a domain's libvirt <metadata>: which
 * uplinks and modules each of its vNICs leaves through, computed on which host. Only
 * stable facts: no temperature, power or bias.
 */
#pragma once

#include <glib.h>

#include "xcvr-inventory.h"
#include "xcvr-version.h"

G_BEGIN_DECLS

/**
 * xcvr_metadata_domains:
 * @inventory: an inventory
 *
 * Returns: (transfer full) (element-type utf8): the names of the domains whose vNICs the
 * inventory maps, each once, in the inventory's order.
 *
 * Since: 0.1
 */
XCVR_PUBLIC GPtrArray *xcvr_metadata_domains(const XcvrInventory *inventory);

/**
 * xcvr_metadata_build:
 * @inventory: an inventory
 * @domain: a domain's name
 * @host: the host name the inventory was computed on (so that a copy that travelled with
 *   a migrated domain is recognisable as stale)
 *
 * Returns: (transfer full): `<vnics host=…>` with one `<vnic mac=… status=…>` per
 * interface of @domain, each holding one `<uplink netdev=… pci=… active=… media=…
 * speed-mbps=…>` per uplink with its `<module vendor=… pn=… sn=…/>` and `<health
 * verdict=…/>`, and the vNIC's `<placement …/>`; without a prefix or namespace, as
 * virDomainSetMetadata() takes it (libvirt puts it in the namespace it is given,
 * `urn:xcvrmap:domain:1`). Schema: `xcvrmap-domain.rng`.
 *
 * Since: 0.1
 */
XCVR_PUBLIC char *xcvr_metadata_build(const XcvrInventory *inventory, const char *domain,
                                      const char *host);

G_END_DECLS
