/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-xapi-watch.c: XAPI's events for a #XcvrWatch, as libvirt's are in
 * libxcvrmap-virt. A thread holds one session and loops on event.from over the VM, VIF and
 * PIF classes; a change that concerns this host (a VM resident here or whose affinity is
 * here, a VIF of one, a PIF of this host, or one of those going away) asks the watch for a
 * cycle naming the VM. Changes to fields the map never reads (XAPI rewrites a VM's
 * current_operations many times per operation) are told apart by a digest of the fields it
 * does read. When event.from fails, the watch is asked to re-list at once and event.from is
 * tried again after 1 s, doubling to 60 s, each failed try re-listing again.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>

#include <xcvrmap/xcvr-error.h>

#include "xcvr-xapi-private.h"

/* How long one event.from waits for something to happen (XAPI's own clients use 30 s):
 * the session stays in use, so xapi never expires it. */
#define EVENT_TIMEOUT_S 30.0
#define BACKOFF_MIN_MS 1000
#define BACKOFF_MAX_MS 60000

/* The fields of each class the map reads (xcvr-xapi-vnics.c): a change to any other field
 * asks for nothing. */
static const char *const vm_fields[] = {
    "name_label", "power_state", "resident_on", "affinity", "domid", "VIFs",
    "attached_PCIs", "is_a_template", "is_a_snapshot", "is_control_domain",
    "HVM_boot_policy", "uuid", NULL,
};
static const char *const vif_fields[] = {
    "VM", "device", "network", "MAC", "currently_attached", "uuid", NULL,
};
static const char *const pif_fields[] = {
    "host", "device", "network", "VLAN", "physical", "currently_attached", "bond_slave_of",
    "bond_master_of", "VLAN_master_of", "VLAN_slave_of", "tunnel_access_PIF_of",
    "tunnel_transport_PIF_of", "sriov_physical_PIF_of", "sriov_logical_PIF_of", "PCI",
    "MAC", NULL,
};

typedef struct {
    char *name;   /* the VM's name_label: the domain the watch is told about */
    char *digest;
} Known;

struct _XcvrXapiWatch {
    char *socket_path;
    char *root;
    guint timeout_ms;
    XcvrWatch *watch;
    GThread *thread;
    int stop_fds[2]; /* a pipe: written to once to stop the thread */

    /* the thread's own */
    XcvrXapi *xapi;
    char *host_ref;
    GHashTable *vms;  /* VM ref → Known, the VMs that concern this host */
    GHashTable *vifs; /* VIF ref → Known (name: its VM's ref), the VIFs of those VMs */
    GHashTable *pifs; /* PIF ref → Known, this host's PIFs */

    /* read by any thread */
    gint batches;     /* event.from answers with events that asked for a cycle */
};

static void
known_free(gpointer p)
{
    Known *k = p;

    g_free(k->name);
    g_free(k->digest);
    g_free(k);
}

static GHashTable *
known_table(void)
{
    return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, known_free);
}

XcvrXapiWatch *
xcvr_xapi_watch_new(const char *socket_path, const char *root, guint timeout_ms)
{
    XcvrXapiWatch *xw = g_new0(XcvrXapiWatch, 1);

    xw->socket_path = g_strdup(socket_path != NULL ? socket_path : XCVR_XAPI_DEFAULT_SOCKET);
    xw->root = g_strdup(root);
    xw->timeout_ms = timeout_ms;
    xw->stop_fds[0] = xw->stop_fds[1] = -1;
    xw->vms = known_table();
    xw->vifs = known_table();
    xw->pifs = known_table();
    return xw;
}

void
xcvr_xapi_watch_free(XcvrXapiWatch *xw)
{
    if (xw == NULL)
        return;
    if (xw->thread != NULL) {
        ssize_t r;

        do
            r = write(xw->stop_fds[1], "x", 1);
        while (r < 0 && errno == EINTR);
        g_thread_join(xw->thread);
    }
    for (guint i = 0; i < 2; i++)
        if (xw->stop_fds[i] >= 0)
            close(xw->stop_fds[i]);
    xcvr_xapi_free(xw->xapi);
    g_free(xw->host_ref);
    g_hash_table_unref(xw->vms);
    g_hash_table_unref(xw->vifs);
    g_hash_table_unref(xw->pifs);
    g_free(xw->socket_path);
    g_free(xw->root);
    g_free(xw);
}

guint
xcvr_xapi_watch_get_n_batches(XcvrXapiWatch *xw)
{
    g_return_val_if_fail(xw != NULL, 0);
    return (guint)g_atomic_int_get(&xw->batches);
}

/* Waits @ms, or less when asked to stop; TRUE when asked to stop. */
static gboolean
wait_stop(XcvrXapiWatch *xw, int ms)
{
    struct pollfd pfd = { .fd = xw->stop_fds[0], .events = POLLIN };
    int r;

    do
        r = poll(&pfd, 1, ms);
    while (r < 0 && errno == EINTR);
    return r > 0;
}

static char *
digest(GVariant *rec, const char *const *fields)
{
    GString *s = g_string_new(NULL);

    for (guint i = 0; fields[i] != NULL; i++) {
        g_autoptr(GVariant) v = xcvr_xapi_rec_get(rec, fields[i]);

        if (v != NULL)
            g_variant_print_string(v, s, FALSE);
        g_string_append_c(s, '\n');
    }
    return g_string_free(s, FALSE);
}

/* Logs in (again) and finds this host's ref. */
static gboolean
connect_xapi(XcvrXapiWatch *xw, GError **error)
{
    g_autofree char *uuid = NULL;
    g_autoptr(GVariant) hosts = NULL;
    GVariantIter iter;
    const char *ref;
    GVariant *rec;

    uuid = xcvr_xapi_this_host_uuid(xw->root, error);
    if (uuid == NULL)
        return FALSE;
    if (xw->xapi == NULL && (xw->xapi = xcvr_xapi_open(xw->socket_path, NULL, xw->timeout_ms,
                                                        error)) == NULL)
        return FALSE;
    hosts = xcvr_xapi_call(xw->xapi, "host.get_all_records", NULL, error);
    if (hosts == NULL)
        return FALSE;
    g_clear_pointer(&xw->host_ref, g_free);
    if (g_variant_is_of_type(hosts, G_VARIANT_TYPE_VARDICT)) {
        g_variant_iter_init(&iter, hosts);
        while (xw->host_ref == NULL && g_variant_iter_next(&iter, "{&sv}", &ref, &rec)) {
            if (g_strcmp0(xcvr_xapi_rec_str(rec, "uuid"), uuid) == 0)
                xw->host_ref = g_strdup(ref);
            g_variant_unref(rec);
        }
    }
    if (xw->host_ref == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE,
                    "this host (INSTALLATION_UUID %s) is not a host of this pool", uuid);
        return FALSE;
    }
    return TRUE;
}

/* Whether a VM record concerns this host, as xcvr_xapi_list_vnics() chooses (a little
 * wider: a suspended VM whose affinity is here is counted). */
static gboolean
vm_here(XcvrXapiWatch *xw, GVariant *vm)
{
    if (xcvr_xapi_rec_bool(vm, "is_a_template") || xcvr_xapi_rec_bool(vm, "is_a_snapshot") ||
        xcvr_xapi_rec_bool(vm, "is_control_domain"))
        return FALSE;
    return g_strcmp0(xcvr_xapi_rec_str(vm, "resident_on"), xw->host_ref) == 0 ||
           g_strcmp0(xcvr_xapi_rec_str(vm, "affinity"), xw->host_ref) == 0;
}

typedef enum { CLASS_VM, CLASS_VIF, CLASS_PIF, N_CLASSES } Class;

static const char *
str_or_empty(const char *s)
{
    return s != NULL ? s : "";
}

static const char *
vm_name(XcvrXapiWatch *xw, const char *vm_ref)
{
    const Known *vm = vm_ref != NULL ? g_hash_table_lookup(xw->vms, vm_ref) : NULL;

    return vm != NULL ? vm->name : NULL;
}

/* One event of @cls: TRUE when it changes what the map reads, with *@ret_domain the VM it
 * concerns (NULL: not known, or a PIF: every domain) and *@ret_renamed the name that VM
 * had before, when the event renames it (its vNICs are listed under that name so far). */
static gboolean
take_event(XcvrXapiWatch *xw, Class cls, const char *op, const char *ref, GVariant *snap,
           char **ret_domain, char **ret_renamed)
{
    GHashTable *table = cls == CLASS_VM ? xw->vms : cls == CLASS_VIF ? xw->vifs : xw->pifs;
    const Known *was = g_hash_table_lookup(table, ref);
    const char *const *fields = cls == CLASS_VM    ? vm_fields
                                : cls == CLASS_VIF ? vif_fields
                                                   : pif_fields;
    gboolean here = FALSE;
    g_autofree char *d = NULL;
    Known *k;

    *ret_domain = NULL;
    *ret_renamed = NULL;
    if (g_strcmp0(op, "del") != 0) {
        if (snap == NULL || !g_variant_is_of_type(snap, G_VARIANT_TYPE_VARDICT))
            return FALSE; /* XAPI sends the record with every add and mod */
        here = cls == CLASS_VM    ? vm_here(xw, snap)
               : cls == CLASS_VIF ? g_hash_table_contains(xw->vms,
                                                          str_or_empty(xcvr_xapi_rec_str(snap,
                                                                                         "VM")))
                                  : g_strcmp0(xcvr_xapi_rec_str(snap, "host"), xw->host_ref) == 0;
        d = digest(snap, fields);
    }
    if (!here && was == NULL)
        return FALSE; /* nothing to do with this host, before or now */
    if (here && was != NULL && g_strcmp0(was->digest, d) == 0)
        return FALSE; /* only fields the map does not read */

    if (cls == CLASS_VM) {
        *ret_domain = g_strdup(here ? xcvr_xapi_rec_str(snap, "name_label") : was->name);
        if (here && was != NULL && g_strcmp0(was->name, *ret_domain) != 0)
            *ret_renamed = g_strdup(was->name);
    }
    else if (cls == CLASS_VIF)
        *ret_domain = g_strdup(vm_name(xw, here ? xcvr_xapi_rec_str(snap, "VM") : was->name));
    if (!here) {
        g_hash_table_remove(table, ref);
        return TRUE;
    }
    k = g_new0(Known, 1);
    k->name = g_strdup(cls == CLASS_VM    ? xcvr_xapi_rec_str(snap, "name_label")
                       : cls == CLASS_VIF ? xcvr_xapi_rec_str(snap, "VM")
                                          : NULL);
    k->digest = g_steal_pointer(&d);
    g_hash_table_replace(table, g_strdup(ref), k);
    return TRUE;
}

static int
class_of(const char *name)
{
    /* XAPI names the class in lower case in events */
    if (g_ascii_strcasecmp(name, "vm") == 0)
        return CLASS_VM;
    if (g_ascii_strcasecmp(name, "vif") == 0)
        return CLASS_VIF;
    if (g_ascii_strcasecmp(name, "pif") == 0)
        return CLASS_PIF;
    return -1;
}

/* Takes one event.from answer; @seeding: the first after (re)subscribing, which holds
 * every object and only fills the tables. */
static void
take_batch(XcvrXapiWatch *xw, GVariant *events, gboolean seeding)
{
    g_autoptr(GPtrArray) domains = g_ptr_array_new_with_free_func(g_free);
    gboolean any = FALSE;
    gboolean every = FALSE;

    /* VMs first: whether a VIF concerns this host depends on its VM */
    for (int cls = 0; cls < N_CLASSES; cls++) {
        GVariantIter iter;
        GVariant *ev;

        g_variant_iter_init(&iter, events);
        while (g_variant_iter_next(&iter, "v", &ev)) {
            g_autoptr(GVariant) snap = xcvr_xapi_rec_get(ev, "snapshot");
            const char *name = xcvr_xapi_rec_str(ev, "class");
            const char *ref = xcvr_xapi_rec_str(ev, "ref");
            char *domain = NULL;
            char *renamed = NULL;

            if (name != NULL && ref != NULL && class_of(name) == cls &&
                take_event(xw, (Class)cls, xcvr_xapi_rec_str(ev, "operation"), ref, snap,
                           &domain, &renamed)) {
                any = TRUE;
                if (domain != NULL)
                    g_ptr_array_add(domains, domain);
                else
                    every = TRUE;
                if (renamed != NULL)
                    g_ptr_array_add(domains, renamed);
            }
            g_variant_unref(ev);
        }
    }
    if (seeding || !any)
        return;
    g_atomic_int_inc(&xw->batches);
    if (every)
        xcvr_watch_trigger_domain(xw->watch, NULL, "xapi: event");
    for (guint i = 0; i < domains->len; i++) {
        g_autofree char *reason = g_strdup_printf("xapi: event on VM %s",
                                                  (char *)domains->pdata[i]);

        xcvr_watch_trigger_domain(xw->watch, domains->pdata[i], reason);
    }
}

/* One event.from; @token is "" to subscribe afresh. */
static gboolean
event_from(XcvrXapiWatch *xw, char **token, GError **error)
{
    const char *classes[] = { "VM", "VIF", "PIF", NULL };
    g_autoptr(GVariant) batch = NULL;
    g_autoptr(GVariant) events = NULL;
    const char *next = NULL;
    gboolean seeding = (*token)[0] == '\0';

    batch = xcvr_xapi_call_full(xw->xapi, "event.from",
                                g_variant_new("(^assd)", classes, *token, EVENT_TIMEOUT_S),
                                (guint)(EVENT_TIMEOUT_S * 1000), xw->stop_fds[0], error);
    if (batch == NULL)
        return FALSE;
    events = xcvr_xapi_rec_get(batch, "events");
    if (!g_variant_lookup(batch, "token", "&s", &next) || events == NULL ||
        !g_variant_is_of_type(events, G_VARIANT_TYPE("av"))) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "event.from: the answer is not an event batch");
        return FALSE;
    }
    if (seeding) {
        g_hash_table_remove_all(xw->vms);
        g_hash_table_remove_all(xw->vifs);
        g_hash_table_remove_all(xw->pifs);
    }
    take_batch(xw, events, seeding);
    g_free(*token);
    *token = g_strdup(next);
    if (seeding) {
        /* what changed before the subscription is in no event: list again */
        xcvr_watch_trigger_domain(xw->watch, NULL, "xapi: events subscribed");
    }
    return TRUE;
}

static gpointer
event_thread(gpointer data)
{
    XcvrXapiWatch *xw = data;
    g_autofree char *token = g_strdup("");
    int backoff = 0;

    while (!wait_stop(xw, 0)) {
        g_autoptr(GError) error = NULL;

        if ((xw->host_ref != NULL || connect_xapi(xw, &error)) &&
            event_from(xw, &token, &error)) {
            backoff = 0;
            continue;
        }
        if (wait_stop(xw, 0))
            break;
        {
            g_autofree char *reason =
                g_strdup_printf("xapi: events failed (%s): listing again", error->message);

            xcvr_watch_trigger_domain(xw->watch, NULL, reason);
        }
        /* a new session and a new subscription: the old one may be what failed */
        g_clear_pointer(&xw->xapi, xcvr_xapi_free);
        g_clear_pointer(&xw->host_ref, g_free);
        g_free(token);
        token = g_strdup("");
        backoff = backoff == 0 ? BACKOFF_MIN_MS : MIN(backoff * 2, BACKOFF_MAX_MS);
        if (wait_stop(xw, backoff))
            break;
    }
    return NULL;
}

gboolean
xcvr_xapi_watch_attach(XcvrXapiWatch *xw, XcvrWatch *watch, GError **error)
{
    g_return_val_if_fail(xw != NULL && watch != NULL, FALSE);
    g_return_val_if_fail(xw->thread == NULL, FALSE);

    if (!g_unix_open_pipe(xw->stop_fds, FD_CLOEXEC, error))
        return FALSE;
    xw->watch = watch;
    xw->thread = g_thread_try_new("xcvr-xapi-events", event_thread, xw, error);
    return xw->thread != NULL;
}
