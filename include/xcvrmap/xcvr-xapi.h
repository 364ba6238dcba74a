/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-xapi.h: XAPI (XCP-ng, XenServer) as a VM source: a small XML-RPC client for xapi's
 * local unix socket, and every VIF of the VMs on this host as #XcvrVnic descriptions. Its
 * own library, libxcvrmap-xapi (libxml2; never libvirt), so the core library stays free of
 * both.
 */
#pragma once

#include <glib.h>

#include "xcvr-ovs.h"
#include "xcvr-version.h"
#include "xcvr-vnic.h"
#include "xcvr-watch.h"

G_BEGIN_DECLS

/**
 * XCVR_XAPI_DEFAULT_SOCKET:
 *
 * Where xapi listens for local clients in dom0 (XenAPI.py's `xapi_local()`).
 *
 * Since: 0.1
 */
#define XCVR_XAPI_DEFAULT_SOCKET "/var/lib/xcp/xapi"

/**
 * XCVR_XAPI_ERROR:
 *
 * Error domain of errors xapi itself returned (a `Failure` status): the code is
 * %XCVR_XAPI_ERROR_SERVER and the message is XAPI's error code, then its parameters after
 * ": " separated by ", " ("XENAPI_MISSING_PLUGIN: xcvrmap"). Transport failures use the
 * %XCVR_ERROR domain: %XCVR_ERROR_IO (socket absent or refused), %XCVR_ERROR_TIMEOUT,
 * %XCVR_ERROR_INVALID_DATA (not XML-RPC, or larger than the cap).
 *
 * Since: 0.1
 */
#define XCVR_XAPI_ERROR (xcvr_xapi_error_quark())
XCVR_PUBLIC GQuark xcvr_xapi_error_quark(void);

/**
 * XcvrXapiError:
 * @XCVR_XAPI_ERROR_SERVER: xapi answered with a `Failure`
 *
 * Since: 0.1
 */
typedef enum {
    XCVR_XAPI_ERROR_SERVER = 0,
} XcvrXapiError;

/**
 * XcvrXapi:
 *
 * A session with xapi over its local unix socket. Every call opens its own connection and
 * runs under its own deadline. Not thread-safe: one thread at a time.
 *
 * Since: 0.1
 */
typedef struct _XcvrXapi XcvrXapi;

/**
 * xcvr_xapi_open:
 * @socket_path: (nullable): xapi's unix socket; %NULL for %XCVR_XAPI_DEFAULT_SOCKET
 * @session: (nullable): a session ref to reuse ("OpaqueRef:…", as a plugin call hands
 *   over), never logged out by this library; %NULL to log in as XenAPI.py does locally
 *   (`session.login_with_password("root", "")`, which xapi accepts on its local socket)
 *   and log out in xcvr_xapi_free()
 * @timeout_ms: deadline of each call (0: 10000 ms)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the session, or %NULL with @error set
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrXapi *xcvr_xapi_open(const char *socket_path, const char *session,
                                     guint timeout_ms, GError **error);

/**
 * xcvr_xapi_free:
 * @xapi: (nullable): a #XcvrXapi
 *
 * Logs out the session it logged in (within the call deadline; failures are ignored), never
 * one handed to xcvr_xapi_open().
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_xapi_free(XcvrXapi *xapi);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrXapi, xcvr_xapi_free)

/**
 * xcvr_xapi_call:
 * @xapi: a #XcvrXapi
 * @method: an XAPI method ("VM.get_all_records", "host.call_plugin", …)
 * @params: (nullable): a tuple of the parameters after the session ref, made only of
 *   strings, booleans, integers, doubles, arrays (`av`, `as`) and string-keyed
 *   dictionaries (`a{sv}`, `a{ss}`); floating references are sunk
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the `Value` of a `Success`: strings `s`, ints
 * `x`, booleans `b`, doubles `d`, structs `a{sv}`, arrays `av`; %NULL with @error set
 *
 * Since: 0.1
 */
XCVR_PUBLIC GVariant *xcvr_xapi_call(XcvrXapi *xapi, const char *method, GVariant *params,
                                     GError **error);

/**
 * xcvr_xapi_get_session:
 * @xapi: a #XcvrXapi
 *
 * Returns: the session ref in use, owned by @xapi: to share it with other #XcvrXapi
 * opened on other threads (each call opens its own connection), which never log it out
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_xapi_get_session(const XcvrXapi *xapi);

/**
 * xcvr_xapi_get_stats:
 * @xapi: a #XcvrXapi
 * @ret_calls: (out) (optional): calls made so far, login included
 * @ret_bytes: (out) (optional): bytes read from xapi so far
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_xapi_get_stats(const XcvrXapi *xapi, guint *ret_calls,
                                     guint64 *ret_bytes);

/**
 * xcvr_xapi_this_host_uuid:
 * @root: (nullable): the directory holding the host's `etc/`; %NULL for "/"
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): `INSTALLATION_UUID` of `ROOT/etc/xensource-inventory`,
 * as dom0 tools find "this host"; %NULL with @error set (%XCVR_ERROR_IO,
 * %XCVR_ERROR_INVALID_DATA)
 *
 * Since: 0.1
 */
XCVR_PUBLIC char *xcvr_xapi_this_host_uuid(const char *root, GError **error);

/**
 * xcvr_xapi_list_vnics:
 * @xapi: a #XcvrXapi
 * @root: (nullable): the directory holding the host's `etc/` and `sys/`; %NULL for "/"
 * @ovs: (nullable): Open vSwitch's configuration, to find each running VIF's port (by
 *   `external_ids:xs-vif-uuid`, then `attached-mac`); %NULL when there is none
 * @vms: (nullable) (array zero-terminated=1): only these VMs (each a name_label or a uuid;
 *   one that names no VM of the pool is an error); %NULL or empty for all
 * @error: return location for a #GError
 *
 * Reads the pool's objects with one `get_all_records` per class and describes every VIF of
 * the VMs resident on this host (running or paused) and of halted VMs whose `affinity` is
 * this host (not running: where they would attach here). The control domain, templates and
 * snapshots are left out. A VIF's host side: its `vif<domid>.<device>` (or
 * `tap<domid>.<device>`) port when Open vSwitch has it, else the bridge (or, without Open
 * vSwitch, the physical devices) its network's PIF on this host leads to through bonds,
 * VLANs, tunnels and SR-IOV (the VF from `VM.attached_PCIs`). A network without a PIF here
 * has no uplink; an unplugged VIF of a running VM still maps, with a note saying so.
 *
 * Returns: (transfer full) (element-type XcvrVnic) (nullable): the vNICs, VMs in name
 * order and VIFs by device number, with @vm_source "xapi"; %NULL with @error set
 * (%XCVR_ERROR_NO_DEVICE when this host or @vm is not in the pool)
 *
 * Since: 0.1
 */
XCVR_PUBLIC GPtrArray *xcvr_xapi_list_vnics(XcvrXapi *xapi, const char *root,
                                            const XcvrOvs *ovs, const char *const *vms,
                                            GError **error);

/**
 * XcvrXapiWatch:
 *
 * XAPI's events (`event.from` on the VM, VIF and PIF classes) for a #XcvrWatch, as
 * #XcvrVirtWatch gives libvirt's: a thread of its own holds one session. Opaque.
 *
 * Since: 0.1
 */
typedef struct _XcvrXapiWatch XcvrXapiWatch;

/**
 * xcvr_xapi_watch_new:
 * @socket_path: (nullable): xapi's unix socket; %NULL for %XCVR_XAPI_DEFAULT_SOCKET
 * @root: (nullable): the directory holding the host's `etc/` (this host's uuid); %NULL
 *   for "/"
 * @timeout_ms: deadline of each call but event.from's wait (0: 10000 ms)
 *
 * Nothing is asked of xapi before xcvr_xapi_watch_attach().
 *
 * Returns: (transfer full): the watch
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrXapiWatch *xcvr_xapi_watch_new(const char *socket_path, const char *root,
                                               guint timeout_ms);

/**
 * xcvr_xapi_watch_attach:
 * @xw: a #XcvrXapiWatch
 * @watch: the #XcvrWatch its events ask for cycles; it must outlive @xw
 * @error: return location for a #GError
 *
 * Starts the thread: it logs in, subscribes with `event.from` (then asks @watch for one
 * cycle: what changed before the subscription is in no event), and asks @watch for a cycle
 * naming the VM (xcvr_watch_trigger_domain()) whenever a VM that is resident on this host
 * or whose affinity is this host, a VIF of such a VM, or a PIF of this host is added,
 * removed, or changes a field the map reads, or stops being one of those (a migration
 * away). When a call fails, @watch is asked for a cycle (listing again stands in for the
 * events missed) and a new session subscribes after 1 s, doubling to 60 s.
 *
 * Returns: %FALSE with @error set when the thread cannot be started
 *
 * Since: 0.1
 */
XCVR_PUBLIC gboolean xcvr_xapi_watch_attach(XcvrXapiWatch *xw, XcvrWatch *watch,
                                            GError **error);

/**
 * xcvr_xapi_watch_get_n_batches:
 * @xw: a #XcvrXapiWatch
 *
 * Returns: how many `event.from` answers asked for a cycle so far (any thread may ask)
 *
 * Since: 0.1
 */
XCVR_PUBLIC guint xcvr_xapi_watch_get_n_batches(XcvrXapiWatch *xw);

/**
 * xcvr_xapi_watch_free:
 * @xw: (nullable): a #XcvrXapiWatch
 *
 * Stops the thread (a blocked `event.from` is abandoned at once) and logs out. Free it
 * before the #XcvrWatch it was attached to.
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_xapi_watch_free(XcvrXapiWatch *xw);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrXapiWatch, xcvr_xapi_watch_free)

G_END_DECLS
