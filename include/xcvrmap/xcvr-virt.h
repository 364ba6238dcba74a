/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-virt.h: libvirt as a VM source: every domain's `<interface>`s, networks resolved,
 * as #XcvrVnic descriptions. libvirt is an optional build feature (XCP-ng has none).
 */
#pragma once

#include <glib.h>

#include "xcvr-version.h"
#include "xcvr-vnic.h"

G_BEGIN_DECLS

/**
 * XCVR_VIRT_DEFAULT_URI:
 *
 * The URI `xcvrmap map` connects to when given none, as `virsh` on a KVM host.
 *
 * Since: 0.1
 */
#define XCVR_VIRT_DEFAULT_URI "qemu:///system"

/**
 * xcvr_virt_available:
 *
 * Returns: %TRUE when the library was built with libvirt.
 *
 * Since: 0.1
 */
XCVR_PUBLIC gboolean xcvr_virt_available(void);

/**
 * xcvr_virt_quiet_default_errors:
 *
 * Stops libvirt printing errors it has no connection to report through (a connection that
 * fails to open) on stderr: xcvr_virt_list_vnics() returns them in its #GError anyway.
 * libvirt's default error handler is process-wide, so the library never changes it by
 * itself; an application that does not install its own calls this once, early.
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_virt_quiet_default_errors(void);

/**
 * xcvr_virt_list_vnics:
 * @uri: (nullable): a libvirt URI ("qemu:///system", "test:///path/host.xml", …);
 *   %NULL for %XCVR_VIRT_DEFAULT_URI
 * @domain: (nullable): only this domain (by name or UUID); %NULL for all
 * @error: return location for a #GError
 *
 * Connects read-only and describes every `<interface>` of every domain, running (live
 * configuration: the actual target devices, the network port libvirt chose) and defined
 * only (persistent configuration: where it will attach). A network is resolved through its
 * own XML: NAT, route, open and isolated networks attach to their bridge with a
 * no-uplink reason (route and open too: they reach the wire only by routing); `forward
 * mode='bridge'` to the bridge (Linux or Open vSwitch) or the device pool; private, vepa,
 * passthrough and bridge device pools to macvtaps on the pool's devices; hostdev pools to
 * the VFs (or the PF) listed. A domain whose XML cannot be read or parsed gives one vNIC
 * with @error set and no MAC; the others are still listed.
 *
 * Returns: (transfer full) (element-type XcvrVnic) (nullable): the vNICs, domains in name
 * order and interfaces in document order; %NULL with @error set:
 * %XCVR_ERROR_LIBVIRT when the connection fails (message with libvirt's reason),
 * %XCVR_ERROR_NO_DEVICE when @domain does not exist, %XCVR_ERROR_NOT_SUPPORTED when
 * built without libvirt.
 *
 * Since: 0.1
 */
XCVR_PUBLIC GPtrArray *xcvr_virt_list_vnics(const char *uri, const char *domain,
                                            GError **error);

G_END_DECLS
