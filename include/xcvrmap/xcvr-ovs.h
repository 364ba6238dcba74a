/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-ovs.h: Open vSwitch's configuration (bridges, ports, interfaces) as ovsdb holds it,
 * read over ovsdb's JSON-RPC unix socket (RFC 7047) or from a snapshot file, so the
 * topology walker can follow ports whose kernel master is only `ovs-system`.
 */
#pragma once

#include <glib.h>

#include "xcvr-version.h"

G_BEGIN_DECLS

/**
 * XCVR_OVS_DEFAULT_SOCKET:
 *
 * Where ovsdb-server listens on Debian, RHEL and XCP-ng.
 *
 * Since: 0.1
 */
#define XCVR_OVS_DEFAULT_SOCKET "/run/openvswitch/db.sock"

/**
 * XcvrOvs:
 *
 * A read-only snapshot of the Open_vSwitch database's Bridge, Port and Interface tables.
 * Immutable once made: several threads (and several #XcvrTopo) may use one at once.
 *
 * Since: 0.1
 */
typedef struct _XcvrOvs XcvrOvs;

/**
 * xcvr_ovs_open:
 * @path: a unix socket ovsdb-server listens on, or a file holding what
 *   `ovsdb-client dump --format=json` prints (for `Open_vSwitch`)
 * @timeout_ms: deadline for the whole exchange over a socket (0: 5000 ms)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the snapshot, or %NULL with @error set:
 * %XCVR_ERROR_NO_DEVICE when @path does not exist, %XCVR_ERROR_IO when the socket refuses
 * or fails, %XCVR_ERROR_TIMEOUT when ovsdb-server does not answer in time,
 * %XCVR_ERROR_INVALID_DATA when the reply or the file is not what ovsdb speaks.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrOvs *xcvr_ovs_open(const char *path, guint timeout_ms, GError **error);

/**
 * xcvr_ovs_new_from_dump:
 * @data: what `ovsdb-client dump --format=json` prints
 * @len: length of @data, or -1 when it is NUL-terminated
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the snapshot, or %NULL with @error set
 * (%XCVR_ERROR_INVALID_DATA).
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrOvs *xcvr_ovs_new_from_dump(const char *data, gssize len, GError **error);

/**
 * xcvr_ovs_free:
 * @ovs: (nullable): a #XcvrOvs
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_ovs_free(XcvrOvs *ovs);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrOvs, xcvr_ovs_free)

/**
 * xcvr_ovs_find_vhostuser:
 * @ovs: a #XcvrOvs
 * @socket_path: the vhost-user socket a domain's `<interface type='vhostuser'>` names
 *
 * Finds the `dpdkvhostuserclient` interface whose `options:vhost-server-path` is
 * @socket_path, or the `dpdkvhostuser` interface named like the socket's file name.
 *
 * Returns: (nullable): the interface's name, owned by @ovs
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_ovs_find_vhostuser(const XcvrOvs *ovs, const char *socket_path);

/**
 * xcvr_ovs_find_external_id:
 * @ovs: a #XcvrOvs
 * @key: an `external_ids` key ("attached-mac", "iface-id", "xs-vif-uuid", …)
 * @value: its value (MACs compare case-insensitively)
 *
 * Returns: (nullable): the name of the first interface whose `external_ids:KEY` is @value,
 * owned by @ovs
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_ovs_find_external_id(const XcvrOvs *ovs, const char *key,
                                                  const char *value);

/**
 * xcvr_ovs_get_port_bridge:
 * @ovs: a #XcvrOvs
 * @iface_name: an interface's name ("vif3.0")
 * @ret_tag: (out) (optional): the access VLAN of its port, or -1
 *
 * Returns: (nullable): the name of the bridge whose port holds the interface (a VLAN fake
 * bridge's ports are its parent's), owned by @ovs; %NULL when no port of a bridge holds it
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_ovs_get_port_bridge(const XcvrOvs *ovs, const char *iface_name,
                                                 int *ret_tag);

G_END_DECLS
