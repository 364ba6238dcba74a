/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-virt-watch.c: libvirt's events for a #XcvrWatch: domain lifecycle (defined,
 * started, stopped, migrated …), device added and removed, and network lifecycle, each
 * asking the watch for a cycle; the vNIC list read through the same connection; a lost
 * connection re-opened with backoff (1 s doubling to 60 s); and the publisher the watch
 * calls for node devices and domain metadata.
 *
 * libvirt's event loop is process-wide: its default implementation
 * (virEventRegisterDefaultImpl, registered once per process, before the connection opens)
 * runs in one thread of ours (virEventRunDefaultImpl) for as long as a watch exists.
 * libvirt API: virConnectDomainEventRegisterAny (0.8.0), virConnectNetworkEventRegisterAny
 * (1.2.1), virConnectRegisterCloseCallback (0.10.0), virConnectSetKeepAlive (0.9.8).
 */
#include <string.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-virt.h>
#include <xcvrmap/xcvr-watch.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "virt/xcvr-virt-conn-private.h"

#define BACKOFF_FIRST_MS 1000
#define BACKOFF_MAX_MS 60000

enum { EV_LIFECYCLE, EV_DEVICE_ADDED, EV_DEVICE_REMOVED, N_DOMAIN_EVENTS };

struct _XcvrVirtWatch {
    char *uri;
    char **domains;          /* only these, or NULL */

    GMutex lock;             /* guards what the event thread and the watch's thread share */
    XcvrWatch *watch;        /* borrowed; NULL until attached and once freeing */
    virConnect *conn;        /* read-only, our callbacks on it; NULL while lost */
    int domain_ids[N_DOMAIN_EVENTS];
    int network_id;
    gboolean lost;
    int reconnect_timer;     /* libvirt timer id, -1 none */
    guint backoff_ms;

    XcvrVirtConn *rw;        /* read-write, for metadata: the watch's thread only */
};

/* ---- the process's libvirt event loop ---- */

G_LOCK_DEFINE_STATIC(event_loop);
static guint loop_users;
static GThread *loop_thread;
static gint loop_quit;
static int loop_wake = -1;

static void
on_loop_wake(int timer, void *opaque)
{
    virEventUpdateTimeout(timer, -1);
}

static gpointer
run_event_loop(gpointer data)
{
    while (!g_atomic_int_get(&loop_quit))
        if (virEventRunDefaultImpl() < 0)
            g_usleep(100 * 1000); /* never spin on a broken loop */
    return NULL;
}

static void
event_loop_ref(void)
{
    static gsize registered;

    if (g_once_init_enter(&registered)) {
        virEventRegisterDefaultImpl();
        g_once_init_leave(&registered, 1);
    }
    G_LOCK(event_loop);
    if (loop_users++ == 0) {
        g_atomic_int_set(&loop_quit, 0);
        loop_wake = virEventAddTimeout(-1, on_loop_wake, NULL, NULL);
        loop_thread = g_thread_new("xcvr-virt-events", run_event_loop, NULL);
    }
    G_UNLOCK(event_loop);
}

static void
event_loop_unref(void)
{
    G_LOCK(event_loop);
    if (--loop_users == 0) {
        g_atomic_int_set(&loop_quit, 1);
        /* a timer due now ends the thread's current wait */
        virEventUpdateTimeout(loop_wake, 0);
        g_thread_join(loop_thread);
        loop_thread = NULL;
        virEventRemoveTimeout(loop_wake);
        loop_wake = -1;
    }
    G_UNLOCK(event_loop);
}

/* ---- events ---- */

static const char *
last_message(void)
{
    virErrorPtr err = virGetLastError();

    return err != NULL && err->message != NULL ? err->message : "unknown libvirt error";
}

static void
quiet_error(void *data, virErrorPtr err)
{
}

/* virDomainEventType, as words for the cycle's reason. */
static const char *const lifecycle_names[] = {
    [VIR_DOMAIN_EVENT_DEFINED] = "defined",
    [VIR_DOMAIN_EVENT_UNDEFINED] = "undefined",
    [VIR_DOMAIN_EVENT_STARTED] = "started",
    [VIR_DOMAIN_EVENT_SUSPENDED] = "suspended",
    [VIR_DOMAIN_EVENT_RESUMED] = "resumed",
    [VIR_DOMAIN_EVENT_STOPPED] = "stopped",
    [VIR_DOMAIN_EVENT_SHUTDOWN] = "shut down",
    [VIR_DOMAIN_EVENT_PMSUSPENDED] = "pm-suspended",
    [VIR_DOMAIN_EVENT_CRASHED] = "crashed",
};

static void
tell(XcvrVirtWatch *vw, const char *domain, const char *reason)
{
    g_mutex_lock(&vw->lock);
    if (vw->watch != NULL)
        xcvr_watch_trigger_domain(vw->watch, domain, reason);
    g_mutex_unlock(&vw->lock);
}

static int
on_lifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    const char *name = virDomainGetName(dom);
    const char *what = event >= 0 && event < (int)G_N_ELEMENTS(lifecycle_names) &&
                               lifecycle_names[event] != NULL
                           ? lifecycle_names[event]
                           : "changed";
    g_autofree char *reason = g_strdup_printf("libvirt: domain %s %s", name, what);

    tell(opaque, name, reason);
    return 0;
}

static void
on_device(virConnectPtr conn, virDomainPtr dom, const char *alias, const char *what,
          void *opaque)
{
    const char *name = virDomainGetName(dom);
    g_autofree char *reason =
        g_strdup_printf("libvirt: domain %s device %s %s", name, alias, what);

    tell(opaque, name, reason);
}

static void
on_device_added(virConnectPtr conn, virDomainPtr dom, const char *alias, void *opaque)
{
    on_device(conn, dom, alias, "added", opaque);
}

static void
on_device_removed(virConnectPtr conn, virDomainPtr dom, const char *alias, void *opaque)
{
    on_device(conn, dom, alias, "removed", opaque);
}

static void
on_network(virConnectPtr conn, virNetworkPtr net, int event, int detail, void *opaque)
{
    g_autofree char *reason =
        g_strdup_printf("libvirt: network %s changed", virNetworkGetName(net));

    tell(opaque, NULL, reason);
}

static void on_close(virConnectPtr conn, int reason, void *opaque);

/* Opens a read-only connection with our callbacks on it; NULL with @error set. */
static virConnect *
open_conn(XcvrVirtWatch *vw, int *domain_ids, int *network_id, GError **error)
{
    virConnect *conn = virConnectOpenReadOnly(vw->uri);

    if (conn == NULL) {
        xcvr_virt_set_connect_error(vw->uri, error);
        return NULL;
    }
    virConnSetErrorFunc(conn, NULL, quiet_error);
    /* a remote libvirtd that stops answering is noticed (local drivers refuse: fine) */
    (void)virConnectSetKeepAlive(conn, 5, 3);
    domain_ids[EV_LIFECYCLE] = virConnectDomainEventRegisterAny(
        conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE, VIR_DOMAIN_EVENT_CALLBACK(on_lifecycle), vw,
        NULL);
    if (domain_ids[EV_LIFECYCLE] < 0) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT,
                    "cannot subscribe to libvirt's domain events at '%s': %s",
                    vw->uri != NULL ? vw->uri : "(default)", last_message());
        virConnectClose(conn);
        return NULL;
    }
    /* drivers without device or network events still have lifecycle events */
    domain_ids[EV_DEVICE_ADDED] = virConnectDomainEventRegisterAny(
        conn, NULL, VIR_DOMAIN_EVENT_ID_DEVICE_ADDED,
        VIR_DOMAIN_EVENT_CALLBACK(on_device_added), vw, NULL);
    domain_ids[EV_DEVICE_REMOVED] = virConnectDomainEventRegisterAny(
        conn, NULL, VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED,
        VIR_DOMAIN_EVENT_CALLBACK(on_device_removed), vw, NULL);
    *network_id = virConnectNetworkEventRegisterAny(conn, NULL, VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                                    VIR_NETWORK_EVENT_CALLBACK(on_network), vw,
                                                    NULL);
    (void)virConnectRegisterCloseCallback(conn, on_close, vw, NULL);
    return conn;
}

static void
close_conn(virConnect *conn, const int *domain_ids, int network_id)
{
    guint i;

    if (conn == NULL)
        return;
    for (i = 0; i < N_DOMAIN_EVENTS; i++)
        if (domain_ids[i] >= 0)
            (void)virConnectDomainEventDeregisterAny(conn, domain_ids[i]);
    if (network_id >= 0)
        (void)virConnectNetworkEventDeregisterAny(conn, network_id);
    (void)virConnectUnregisterCloseCallback(conn, on_close);
    (void)virConnectClose(conn);
}

/* With vw->lock held: the next attempt in vw->backoff_ms. */
static void
schedule_reconnect_locked(XcvrVirtWatch *vw);

/* In the event thread, when the reconnection timer fires. */
static void
on_reconnect(int timer, void *opaque)
{
    XcvrVirtWatch *vw = opaque;
    g_autoptr(GError) error = NULL;
    int ids[N_DOMAIN_EVENTS] = { -1, -1, -1 };
    int net_id = -1;
    virConnect *old;
    int old_ids[N_DOMAIN_EVENTS];
    int old_net;
    virConnect *conn;

    g_mutex_lock(&vw->lock);
    old = vw->conn;
    memcpy(old_ids, vw->domain_ids, sizeof old_ids);
    old_net = vw->network_id;
    vw->conn = NULL;
    g_mutex_unlock(&vw->lock);
    close_conn(old, old_ids, old_net);

    /* libvirt may take its time; nothing is locked meanwhile */
    conn = open_conn(vw, ids, &net_id, &error);

    g_mutex_lock(&vw->lock);
    if (conn == NULL) {
        vw->backoff_ms = MIN(vw->backoff_ms * 2, BACKOFF_MAX_MS);
        virEventUpdateTimeout(timer, (int)vw->backoff_ms);
        g_mutex_unlock(&vw->lock);
        return;
    }
    vw->conn = conn;
    memcpy(vw->domain_ids, ids, sizeof ids);
    vw->network_id = net_id;
    vw->lost = FALSE;
    vw->backoff_ms = BACKOFF_FIRST_MS;
    virEventUpdateTimeout(timer, -1);
    /* events were missed while away: every domain is published again */
    if (vw->watch != NULL)
        xcvr_watch_trigger_domain(vw->watch, NULL, "libvirt: reconnected");
    g_mutex_unlock(&vw->lock);
}

static void
schedule_reconnect_locked(XcvrVirtWatch *vw)
{
    if (vw->reconnect_timer < 0)
        vw->reconnect_timer = virEventAddTimeout((int)vw->backoff_ms, on_reconnect, vw, NULL);
    else
        virEventUpdateTimeout(vw->reconnect_timer, (int)vw->backoff_ms);
}

/* The connection is gone (libvirtd restarted, the keepalive failed): reconnect. */
static void
mark_lost(XcvrVirtWatch *vw, virConnect *conn)
{
    gboolean tell_watch = FALSE;

    g_mutex_lock(&vw->lock);
    if (vw->conn == conn && !vw->lost) {
        vw->lost = TRUE;
        schedule_reconnect_locked(vw);
        tell_watch = vw->watch != NULL;
        if (tell_watch)
            xcvr_watch_trigger(vw->watch, "libvirt: connection lost");
    }
    g_mutex_unlock(&vw->lock);
}

static void
on_close(virConnectPtr conn, int reason, void *opaque)
{
    mark_lost(opaque, conn);
}

/* ---- the public half ---- */

XcvrVirtWatch *
xcvr_virt_watch_new(const char *uri, const char *const *domains, GError **error)
{
    XcvrVirtWatch *vw = g_new0(XcvrVirtWatch, 1);

    vw->uri = g_strdup(uri);
    vw->domains = domains != NULL && domains[0] != NULL ? g_strdupv((char **)domains) : NULL;
    g_mutex_init(&vw->lock);
    vw->reconnect_timer = -1;
    vw->network_id = -1;
    vw->backoff_ms = BACKOFF_FIRST_MS;
    for (guint i = 0; i < N_DOMAIN_EVENTS; i++)
        vw->domain_ids[i] = -1;

    /* the event implementation must exist before the connection opens */
    event_loop_ref();
    vw->conn = open_conn(vw, vw->domain_ids, &vw->network_id, error);
    if (vw->conn == NULL) {
        event_loop_unref();
        g_mutex_clear(&vw->lock);
        g_strfreev(vw->domains);
        g_free(vw->uri);
        g_free(vw);
        return NULL;
    }
    return vw;
}

void
xcvr_virt_watch_free(XcvrVirtWatch *vw)
{
    virConnect *conn;

    if (vw == NULL)
        return;
    g_mutex_lock(&vw->lock);
    vw->watch = NULL;
    conn = vw->conn;
    vw->conn = NULL;
    if (vw->reconnect_timer >= 0)
        virEventRemoveTimeout(vw->reconnect_timer);
    vw->reconnect_timer = -1;
    g_mutex_unlock(&vw->lock);
    close_conn(conn, vw->domain_ids, vw->network_id);
    /* the last watch of the process joins the event thread: no callback of ours runs
     * after this */
    event_loop_unref();
    xcvr_virt_conn_free(vw->rw);
    g_mutex_clear(&vw->lock);
    g_strfreev(vw->domains);
    g_free(vw->uri);
    g_free(vw);
}

/* Both listings: every domain the watch is given (@domains NULL), or those named. */
static GPtrArray *
list_on_conn(XcvrVirtWatch *vw, const char *const *domains, GError **error)
{
    g_autoptr(GPtrArray) vnics = NULL;
    virConnect *conn = NULL;
    guint backoff = 0;

    g_return_val_if_fail(vw != NULL, NULL);

    g_mutex_lock(&vw->lock);
    if (vw->conn != NULL && !vw->lost) {
        conn = vw->conn;
        virConnectRef(conn);
    }
    backoff = vw->backoff_ms;
    g_mutex_unlock(&vw->lock);
    if (conn == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT,
                    "the connection to libvirt%s%s is lost; reconnecting (every %u s at "
                    "most)", vw->uri != NULL ? " at " : "", vw->uri != NULL ? vw->uri : "",
                    backoff / 1000);
        return NULL;
    }
    if (domains == NULL)
        vnics = xcvr_virt_list_vnics_conn(conn, (const char *const *)vw->domains, FALSE, error);
    else if (domains[0] == NULL)
        vnics = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_vnic_free);
    else
        vnics = xcvr_virt_list_vnics_conn(conn, domains, TRUE, error);
    if (vnics == NULL && virConnectIsAlive(conn) == 0)
        mark_lost(vw, conn);
    virConnectClose(conn);
    return g_steal_pointer(&vnics);
}

GPtrArray *
xcvr_virt_watch_list_vnics(gpointer user_data, GError **error)
{
    g_return_val_if_fail(user_data != NULL, NULL);
    return list_on_conn(user_data, NULL, error);
}

/* Libvirt's events name every domain that changes (lifecycle, devices; a network event or
 * a reconnection asks for a full cycle): a cycle for some domains lists them alone. */
static GPtrArray *
list_domain_vnics(const char *const *domains, gpointer user_data, GError **error)
{
    g_return_val_if_fail(domains != NULL, NULL);
    return list_on_conn(user_data, domains, error);
}

/* The node devices of the net and pci capabilities: the ones an annotation can touch. */
static GPtrArray *
list_nodedevs(gpointer user_data, GError **error)
{
    XcvrVirtWatch *vw = user_data;
    g_autoptr(GPtrArray) net = xcvr_virt_list_nodedevs(vw->uri, "net", error);
    g_autoptr(GPtrArray) pci = NULL;

    if (net == NULL)
        return NULL;
    pci = xcvr_virt_list_nodedevs(vw->uri, "pci", error);
    if (pci == NULL)
        return NULL;
    /* the documents move to @net; @pci is left holding nothing to free */
    for (guint i = 0; i < pci->len; i++)
        g_ptr_array_add(net, pci->pdata[i]);
    g_ptr_array_set_free_func(pci, NULL);
    return g_steal_pointer(&net);
}

static gboolean
write_metadata(const char *domain, const char *element, gpointer user_data, GError **error)
{
    XcvrVirtWatch *vw = user_data;
    g_autoptr(XcvrPublishResult) r = NULL;

    if (vw->rw == NULL) {
        vw->rw = xcvr_virt_conn_open(vw->uri, error);
        if (vw->rw == NULL)
            return FALSE;
    }
    r = xcvr_virt_set_domain_metadata(vw->rw, domain, element);
    if (r->outcome == XCVR_PUBLISH_FAILED) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT, "%s: %s", domain,
                    r->message != NULL ? r->message : "failed");
        /* a connection that died is opened afresh next time */
        g_clear_pointer(&vw->rw, xcvr_virt_conn_free);
        return FALSE;
    }
    return TRUE;
}

void
xcvr_virt_watch_attach(XcvrVirtWatch *vw, XcvrWatch *watch, gboolean publish)
{
    g_return_if_fail(vw != NULL && watch != NULL);

    if (publish)
        xcvr_watch_set_publisher(watch, list_nodedevs, write_metadata, vw, NULL);
    /* a watch given some domains (by name or UUID) keeps listing them all each cycle */
    if (vw->domains == NULL || vw->domains[0] == NULL)
        xcvr_watch_set_list_domains(watch, list_domain_vnics);
    g_mutex_lock(&vw->lock);
    vw->watch = watch;
    g_mutex_unlock(&vw->lock);
}
