/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-virt.h: libvirt as a VM source: every domain's `<interface>`s, networks resolved,
 * as #XcvrVnic descriptions. Its own library, libxcvrmap-virt, built only where libvirt is
 * (XCP-ng has none).
 */
#pragma once

#include <glib.h>

#include "xcvr-version.h"
#include "xcvr-vnic.h"
#include "xcvr-nodedev.h"
#include "xcvr-watch.h"

G_BEGIN_DECLS

/*
 * These functions live in libxcvrmap-virt (pkg-config `xcvrmap-virt`), built only where
 * libvirt is; the core libxcvrmap never links libvirt.
 *
 * Thread-safety: xcvr_virt_list_vnics() may run in several threads at once (each call
 * opens its own connection, and libvirt keeps its last error per thread);
 * xcvr_virt_quiet_default_errors() changes libvirt's process-wide handler: call it once,
 * before other threads use libvirt.
 */

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
 *   %NULL lets libvirt choose, as virsh without `-c` does: `LIBVIRT_DEFAULT_URI`, then
 *   `uri_default` in libvirt.conf (the user's `$XDG_CONFIG_HOME/libvirt/libvirt.conf`
 *   unless root), then the hypervisor it finds
 * @domains: (nullable) (array zero-terminated=1): only these domains (each by name or
 *   UUID; one named twice is listed once), a %NULL-terminated array; %NULL or empty for all
 * @ret_uri: (out) (optional) (transfer full): where to store the URI libvirt connected
 *   to (virConnectGetURI()), or %NULL; written only on success
 * @error: return location for a #GError
 *
 * Connects read-only and describes every `<interface>` of every domain, running (live
 * configuration: the actual target devices, the network port libvirt chose) and defined
 * only (persistent configuration: where it will attach). A network is resolved through its
 * own XML: NAT, route, open and isolated networks attach to their bridge with a
 * no-uplink reason (route and open too: they reach the wire only by routing); `forward
 * mode='bridge'` to the bridge (Linux or Open vSwitch) or the device pool; private, vepa,
 * passthrough and bridge device pools to macvtaps on the pool's devices, and such a
 * network whose `<forward>` names a PF (`<pf dev>`: a pool of that PF's VFs) to the PF;
 * hostdev pools to the VFs (or the PF) listed. A domain whose XML cannot be read or parsed
 * gives one vNIC with @error set and no MAC; the others are still listed.
 *
 * Returns: (transfer full) (element-type XcvrVnic) (nullable): the vNICs, domains in name
 * order and interfaces in document order; %NULL with @error set:
 * %XCVR_ERROR_LIBVIRT when the connection fails (message with libvirt's reason),
 * %XCVR_ERROR_NO_DEVICE when a domain of @domains does not exist (the message names the
 * first such).
 *
 * Since: 0.1
 */
XCVR_PUBLIC GPtrArray *xcvr_virt_list_vnics(const char *uri, const char *const *domains,
                                            char **ret_uri, GError **error);

/**
 * xcvr_virt_list_nodedevs:
 * @uri: (nullable): a libvirt URI, as for xcvr_virt_list_vnics()
 * @cap: (nullable): only devices with this capability ("net", "pci"); %NULL for all
 * @error: return location for a #GError
 *
 * Connects read-only and reads every node device's document (virNodeDeviceGetXMLDesc()).
 * A device that vanishes between the listing and its document is left out.
 *
 * Returns: (transfer full) (element-type XcvrNodedevDoc) (nullable): the devices in name
 * order; %NULL with @error set (%XCVR_ERROR_LIBVIRT) when the connection or the listing
 * fails, or %XCVR_ERROR_INVALID_ARGUMENT for a @cap libvirt does not know.
 *
 * Since: 0.1
 */
XCVR_PUBLIC GPtrArray *xcvr_virt_list_nodedevs(const char *uri, const char *cap,
                                               GError **error);

/**
 * xcvr_virt_get_nodedev:
 * @uri: (nullable): a libvirt URI, as for xcvr_virt_list_vnics()
 * @device: a node device's name (`net_…`, `pci_…`), or a netdev's name (the `net`
 *   device whose interface it is)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the device's name and document; %NULL with @error
 * set: %XCVR_ERROR_NO_DEVICE when there is no such device, %XCVR_ERROR_LIBVIRT when libvirt
 * fails.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrNodedevDoc *xcvr_virt_get_nodedev(const char *uri, const char *device,
                                                  GError **error);

/**
 * xcvr_virt_list_vnics_full:
 * @uri: (nullable): a libvirt URI, as for xcvr_virt_list_vnics()
 * @domains: (nullable) (array zero-terminated=1): as for xcvr_virt_list_vnics()
 * @deadline: a g_get_monotonic_time() instant (µs) by which the listing ends, or 0 for
 *   none (then it is xcvr_virt_list_vnics())
 * @ret_uri: (out) (optional) (transfer full): as for xcvr_virt_list_vnics()
 * @error: return location for a #GError
 *
 * As xcvr_virt_list_vnics(), bounded by @deadline: connecting, listing the domains and
 * reading their XML and their networks' run on a worker thread; a daemon that has not
 * answered when @deadline passes is given up on (libvirt's calls cannot be cancelled, so
 * the thread is left to return, or not, on its own, and frees what it made itself).
 * After a timeout, the caller should not use libvirt at that URI again in this process:
 * an application that may retry should expect the abandoned thread and its connection to
 * stay until the daemon answers or the process ends.
 *
 * Returns: (transfer full) (element-type XcvrVnic) (nullable): as xcvr_virt_list_vnics();
 * %NULL with %XCVR_ERROR_TIMEOUT when the deadline passed first.
 *
 * Since: 0.1
 */
XCVR_PUBLIC GPtrArray *xcvr_virt_list_vnics_full(const char *uri, const char *const *domains,
                                                 gint64 deadline, char **ret_uri,
                                                 GError **error);

/**
 * xcvr_virt_list_nodedevs_full:
 * @uri: (nullable): a libvirt URI, as for xcvr_virt_list_vnics()
 * @cap: (nullable): as for xcvr_virt_list_nodedevs()
 * @deadline: a g_get_monotonic_time() instant (µs), or 0 for none
 * @error: return location for a #GError
 *
 * xcvr_virt_list_nodedevs() bounded by @deadline, as xcvr_virt_list_vnics_full() is.
 *
 * Returns: (transfer full) (element-type XcvrNodedevDoc) (nullable): as
 * xcvr_virt_list_nodedevs(); %NULL with %XCVR_ERROR_TIMEOUT when the deadline passed first.
 *
 * Since: 0.1
 */
XCVR_PUBLIC GPtrArray *xcvr_virt_list_nodedevs_full(const char *uri, const char *cap,
                                                    gint64 deadline, GError **error);

/**
 * xcvr_virt_get_nodedev_full:
 * @uri: (nullable): a libvirt URI, as for xcvr_virt_list_vnics()
 * @device: as for xcvr_virt_get_nodedev()
 * @deadline: a g_get_monotonic_time() instant (µs), or 0 for none
 * @error: return location for a #GError
 *
 * xcvr_virt_get_nodedev() bounded by @deadline, as xcvr_virt_list_vnics_full() is.
 *
 * Returns: (transfer full) (nullable): as xcvr_virt_get_nodedev(); %NULL with
 * %XCVR_ERROR_TIMEOUT when the deadline passed first.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrNodedevDoc *xcvr_virt_get_nodedev_full(const char *uri, const char *device,
                                                       gint64 deadline, GError **error);

/**
 * XCVR_DOMAIN_METADATA_NAMESPACE:
 *
 * The namespace of the element xcvrmap keeps in a domain's `<metadata>` (prefix
 * `xcvrmap`); schema: `xcvrmap-domain.rng`, installed under `$datadir/xcvrmap/schemas/`.
 *
 * Since: 0.1
 */
#define XCVR_DOMAIN_METADATA_NAMESPACE "urn:xcvrmap:domain:1"

/**
 * XcvrVirtConn:
 *
 * A read-write libvirt connection, kept across calls so that what one call writes the
 * next reads (libvirt's test driver keeps a state per connection). Opaque.
 *
 * Since: 0.1
 */
typedef struct _XcvrVirtConn XcvrVirtConn;

/**
 * xcvr_virt_conn_open:
 * @uri: (nullable): a libvirt URI, as for xcvr_virt_list_vnics()
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a read-write connection, or %NULL with @error set
 * (%XCVR_ERROR_LIBVIRT).
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrVirtConn *xcvr_virt_conn_open(const char *uri, GError **error);

/**
 * xcvr_virt_conn_open_full:
 * @uri: (nullable): a libvirt URI, as for xcvr_virt_list_vnics()
 * @deadline: a g_get_monotonic_time() instant (µs) by which opening it and every call on
 *   it end, or 0 for none (then it is xcvr_virt_conn_open())
 * @error: return location for a #GError
 *
 * As xcvr_virt_conn_open(), with every call bounded by @deadline as
 * xcvr_virt_list_vnics_full() bounds its listing: a call libvirt has not answered by then
 * is abandoned on its worker thread and fails (xcvr_virt_set_domain_metadata(): a
 * %XCVR_PUBLISH_FAILED result saying so; xcvr_virt_get_domain_metadata():
 * %XCVR_ERROR_TIMEOUT). The connection is then lost: later calls on it fail at once the
 * same way, and xcvr_virt_conn_free() leaves libvirt's connection to the abandoned call.
 *
 * Returns: (transfer full) (nullable): a read-write connection, or %NULL with @error set
 * (%XCVR_ERROR_LIBVIRT, or %XCVR_ERROR_TIMEOUT when the deadline passed first).
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrVirtConn *xcvr_virt_conn_open_full(const char *uri, gint64 deadline,
                                                   GError **error);

/**
 * xcvr_virt_conn_free:
 * @conn: (nullable): a #XcvrVirtConn
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_virt_conn_free(XcvrVirtConn *conn);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrVirtConn, xcvr_virt_conn_free)

/**
 * XcvrPublishOutcome:
 * @XCVR_PUBLISH_WRITTEN: our element was written (or removed) where it differed
 * @XCVR_PUBLISH_UNCHANGED: it was already current (or already absent): nothing written
 * @XCVR_PUBLISH_FAILED: the domain refused or is gone; see the message
 *
 * Since: 0.1
 */
typedef enum {
    XCVR_PUBLISH_WRITTEN,
    XCVR_PUBLISH_UNCHANGED,
    XCVR_PUBLISH_FAILED,

#ifdef XCVR_ENUM_SENTINELS
    _XCVR_PUBLISH_LAST
#endif
} XcvrPublishOutcome;

/**
 * XcvrPublishResult:
 * @domain: the domain's name
 * @outcome: what happened
 * @live: the running domain's live definition was written
 * @config: the persistent definition was written
 * @message: (nullable): why it failed
 *
 * Plain data; allocated by the library only.
 *
 * Since: 0.1
 */
typedef struct {
    char *domain;
    XcvrPublishOutcome outcome;
    gboolean live;
    gboolean config;
    char *message;
} XcvrPublishResult;

/**
 * xcvr_publish_result_free:
 * @result: (nullable): a #XcvrPublishResult
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_publish_result_free(XcvrPublishResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrPublishResult, xcvr_publish_result_free)

/**
 * xcvr_virt_set_domain_metadata:
 * @conn: a read-write connection
 * @domain: a domain's name
 * @element: (nullable): the element to keep in its `<metadata>` in
 *   %XCVR_DOMAIN_METADATA_NAMESPACE, written without a prefix (libvirt puts the whole
 *   element in the namespace, prefix `xcvrmap`); %NULL removes ours
 *
 * Writes @element where it differs from what the domain holds: the live definition of a
 * running domain, the persistent one of a defined domain (both when both). What is there
 * is read first and compared as XML (whitespace between elements aside), so a current
 * domain is not rewritten.
 *
 * Returns: (transfer full): what happened; a domain that is gone or refuses is a
 * %XCVR_PUBLISH_FAILED result with libvirt's reason, never a #GError.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrPublishResult *xcvr_virt_set_domain_metadata(XcvrVirtConn *conn,
                                                             const char *domain,
                                                             const char *element);

/**
 * xcvr_virt_get_domain_metadata:
 * @conn: a connection
 * @domain: a domain's name
 * @config: %TRUE for the persistent definition, %FALSE for the live one
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): our element as libvirt returns it, or %NULL: with
 * @error unset when there is none, with @error set (%XCVR_ERROR_LIBVIRT,
 * %XCVR_ERROR_NO_DEVICE for a domain that does not exist) when it cannot be read.
 *
 * Since: 0.1
 */
XCVR_PUBLIC char *xcvr_virt_get_domain_metadata(XcvrVirtConn *conn, const char *domain,
                                                gboolean config, GError **error);

/**
 * XcvrVirtWatch:
 *
 * libvirt's events for a #XcvrWatch, and its VM source (xcvr-virt-watch.c). Opaque.
 *
 * Since: 0.1
 */
typedef struct _XcvrVirtWatch XcvrVirtWatch;

/**
 * xcvr_virt_watch_new:
 * @uri: (nullable): a libvirt URI, as for xcvr_virt_list_vnics()
 * @domains: (nullable) (array zero-terminated=1): only these domains, as for
 *   xcvr_virt_list_vnics()
 * @error: return location for a #GError
 *
 * Opens a read-only connection subscribed to domain lifecycle, device added/removed and
 * network lifecycle events. libvirt's event loop is process-wide: this registers
 * libvirt's default event implementation (once per process, so call this before the
 * application opens other libvirt connections it wants events on, and do not register
 * another implementation) and runs it in a thread of the library's for as long as a
 * #XcvrVirtWatch exists. A connection that closes (libvirtd restarted, the keepalive of a
 * remote one failed) is re-opened in that thread, after 1 s, doubling to 60 s between
 * attempts; meanwhile xcvr_virt_watch_list_vnics() fails saying so.
 *
 * Returns: (transfer full) (nullable): the watch, or %NULL with @error set
 * (%XCVR_ERROR_LIBVIRT) when the connection or the lifecycle subscription fails.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrVirtWatch *xcvr_virt_watch_new(const char *uri, const char *const *domains,
                                               GError **error);

/**
 * xcvr_virt_watch_free:
 * @watch: (nullable): a #XcvrVirtWatch
 *
 * Unsubscribes and closes; free it before the #XcvrWatch it was attached to.
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_virt_watch_free(XcvrVirtWatch *watch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrVirtWatch, xcvr_virt_watch_free)

/**
 * xcvr_virt_watch_list_vnics:
 * @user_data: a #XcvrVirtWatch
 * @error: return location for a #GError
 *
 * A #XcvrWatchListFunc: xcvr_virt_list_vnics() through the watch's own connection, to
 * give to xcvr_watch_new() with the #XcvrVirtWatch as its data.
 *
 * Returns: (transfer full) (element-type XcvrVnic) (nullable): the vNICs, or %NULL with
 * @error set (%XCVR_ERROR_LIBVIRT, also while the connection is lost).
 *
 * Since: 0.1
 */
XCVR_PUBLIC GPtrArray *xcvr_virt_watch_list_vnics(gpointer user_data, GError **error);

/**
 * xcvr_virt_watch_attach:
 * @vwatch: a #XcvrVirtWatch
 * @watch: the #XcvrWatch its events ask for cycles
 * @publish: also make @watch publish through libvirt: annotated node devices
 *   (xcvr_virt_list_nodedevs() of the `net` and `pci` capabilities) and each domain's
 *   metadata (xcvr_virt_set_domain_metadata() on a read-write connection opened when first
 *   needed)
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_virt_watch_attach(XcvrVirtWatch *vwatch, XcvrWatch *watch,
                                        gboolean publish);

G_END_DECLS
