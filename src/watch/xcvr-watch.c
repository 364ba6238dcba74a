/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-watch.c: the watch loop: events (rtnetlink here, libvirt's through
 * xcvr_watch_trigger() from libxcvrmap-virt's event thread) and the interval ask for a
 * cycle; a burst of events is served by one cycle after a short debounce; a cycle lists
 * the VM source, builds the inventory (when events alone asked for it, only the domains
 * they named and the vNICs whose walks pass through the netdevs they named are walked
 * again, and only those netdevs' modules read), keeps map.json, publishes, and calls the
 * after-cycle functions (history, metrics, logging).
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-history.h>
#include <xcvrmap/xcvr-metadata.h>
#include <xcvrmap/xcvr-state.h>
#include <xcvrmap/xcvr-watch.h>

#include "inventory/xcvr-inventory-private.h"
#include "watch/xcvr-watch-private.h"

#define MAP_FILE "map.json"
/* With an event-complete VM source, polls keep the walks, but every this many'th one
 * rebuilds in full: what no event reports (an Open vSwitch port added; libvirt's
 * update-device) shows within that many intervals. */
#define POLLS_PER_REWALK 10
#define NODEDEV_DIR "nodedev"

typedef struct {
    XcvrWatchCycleFunc func;
    gpointer user_data;
    GDestroyNotify destroy;
} AfterCycle;

struct _XcvrWatch {
    /* set up before start; used in the context's thread only */
    XcvrWatchListFunc list;
    XcvrWatchListDomainsFunc list_domains; /* or NULL: every cycle lists everything */
    gpointer list_data;
    GDestroyNotify list_destroy;
    XcvrWatchNodedevFunc nodedevs;
    XcvrWatchMetadataFunc metadata;
    gpointer publish_data;
    GDestroyNotify publish_destroy;
    XcvrInventoryOptions *options;
    XcvrEepromReader *reader;  /* one for the life of the watch: it remembers hung ports */
    GArray *after;             /* AfterCycle */
    char *state_dir;
    XcvrHistory *history;      /* verdicts with hysteresis and flag history, or NULL */
    guint interval_ms;
    guint debounce_ms;
    guint timeout_ms;
    gboolean link_events;

    GMainContext *context;
    XcvrLinkMonitor *links;
    GSource *interval;
    GSource *debounce;
    XcvrInventory *inventory;
    GHashTable *published;     /* domain → element last written */
    guint64 cycles;
    char *cycle_reason;
    gboolean map_changed;
    guint n_walked;            /* vNICs the last cycle walked */
    guint n_kept;              /* vNICs whose walk it took from the cycle before */
    int n_listed;              /* domains the last cycle listed; -1: the whole source */
    guint polls_kept;          /* polls since the last full rebuild that kept the walks */

    /* shared with the threads that trigger */
    GMutex lock;
    gboolean started;
    GSource *wakeup;           /* an idle queued by a trigger, not yet run */
    char *pending_reason;      /* the first reason since the last cycle started */
    GHashTable *dirty;         /* domains named by events: walk and publish again */
    GHashTable *dirty_links;   /* netdevs named by link events: walk through them again */
    gboolean dirty_all;        /* every domain: publish again */
    gboolean full_pending;     /* something not named by a domain asked: rebuild in full */
    gboolean poll_pending;     /* the interval asked: poll every module */
};

XcvrWatch *
xcvr_watch_new(XcvrWatchListFunc list, gpointer user_data, GDestroyNotify destroy)
{
    XcvrWatch *w;

    g_return_val_if_fail(list != NULL, NULL);
    w = g_new0(XcvrWatch, 1);
    w->list = list;
    w->list_data = user_data;
    w->list_destroy = destroy;
    w->options = xcvr_inventory_options_new();
    w->reader = xcvr_eeprom_reader_new();
    /* polls read monitors and flags only; a link event forgets the module */
    xcvr_eeprom_reader_set_caching(w->reader, TRUE);
    xcvr_inventory_options_set_reader(w->options, w->reader);
    w->after = g_array_new(FALSE, FALSE, sizeof(AfterCycle));
    w->interval_ms = 60 * 1000;
    w->debounce_ms = 200;
    w->timeout_ms = 30 * 1000;
    w->link_events = TRUE;
    w->published = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    w->dirty = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    w->dirty_links = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    w->full_pending = TRUE;
    w->n_listed = -1;
    g_mutex_init(&w->lock);
    return w;
}

void
xcvr_watch_free(XcvrWatch *w)
{
    guint i;

    if (w == NULL)
        return;
    xcvr_watch_stop(w);
    for (i = 0; i < w->after->len; i++) {
        AfterCycle *a = &g_array_index(w->after, AfterCycle, i);

        if (a->destroy != NULL)
            a->destroy(a->user_data);
    }
    g_array_unref(w->after);
    if (w->list_destroy != NULL)
        w->list_destroy(w->list_data);
    if (w->publish_destroy != NULL)
        w->publish_destroy(w->publish_data);
    xcvr_inventory_free(w->inventory);
    xcvr_inventory_options_free(w->options);
    xcvr_eeprom_reader_free(w->reader);
    g_hash_table_unref(w->published);
    g_hash_table_unref(w->dirty);
    g_hash_table_unref(w->dirty_links);
    g_free(w->state_dir);
    xcvr_history_free(w->history);
    g_free(w->cycle_reason);
    g_free(w->pending_reason);
    g_mutex_clear(&w->lock);
    g_free(w);
}

void
xcvr_watch_set_history(XcvrWatch *w, XcvrHistory *history)
{
    g_return_if_fail(w != NULL);
    xcvr_history_free(w->history);
    w->history = history;
}

const XcvrHistory *
xcvr_watch_get_history(XcvrWatch *w)
{
    g_return_val_if_fail(w != NULL, NULL);
    return w->history;
}

XcvrInventoryOptions *
xcvr_watch_get_inventory_options(XcvrWatch *w)
{
    g_return_val_if_fail(w != NULL, NULL);
    return w->options;
}

void
xcvr_watch_set_state_dir(XcvrWatch *w, const char *dir)
{
    g_return_if_fail(w != NULL);
    g_free(w->state_dir);
    w->state_dir = g_strdup(dir);
}

void
xcvr_watch_set_interval(XcvrWatch *w, guint interval_ms)
{
    g_return_if_fail(w != NULL);
    w->interval_ms = interval_ms;
}

void
xcvr_watch_set_debounce(XcvrWatch *w, guint debounce_ms)
{
    g_return_if_fail(w != NULL);
    w->debounce_ms = debounce_ms;
}

void
xcvr_watch_set_cycle_timeout(XcvrWatch *w, guint timeout_ms)
{
    g_return_if_fail(w != NULL);
    w->timeout_ms = timeout_ms;
}

int
xcvr_watch_get_cycle_listed(XcvrWatch *w)
{
    g_return_val_if_fail(w != NULL, -1);
    return w->n_listed;
}

void
xcvr_watch_set_list_domains(XcvrWatch *w, XcvrWatchListDomainsFunc list_domains)
{
    g_return_if_fail(w != NULL);
    w->list_domains = list_domains;
}

void
xcvr_watch_set_link_events(XcvrWatch *w, gboolean enabled)
{
    g_return_if_fail(w != NULL);
    w->link_events = enabled;
}

void
xcvr_watch_set_publisher(XcvrWatch *w, XcvrWatchNodedevFunc nodedevs,
                         XcvrWatchMetadataFunc metadata, gpointer user_data,
                         GDestroyNotify destroy)
{
    g_return_if_fail(w != NULL);
    if (w->publish_destroy != NULL)
        w->publish_destroy(w->publish_data);
    w->nodedevs = nodedevs;
    w->metadata = metadata;
    w->publish_data = user_data;
    w->publish_destroy = destroy;
}

void
xcvr_watch_add_after_cycle(XcvrWatch *w, XcvrWatchCycleFunc func, gpointer user_data,
                           GDestroyNotify destroy)
{
    AfterCycle a = { func, user_data, destroy };

    g_return_if_fail(w != NULL && func != NULL);
    g_array_append_val(w->after, a);
}

const XcvrInventory *
xcvr_watch_get_inventory(XcvrWatch *w)
{
    g_return_val_if_fail(w != NULL, NULL);
    return w->inventory;
}

guint64
xcvr_watch_get_n_cycles(XcvrWatch *w)
{
    g_return_val_if_fail(w != NULL, 0);
    return w->cycles;
}

const char *
xcvr_watch_get_cycle_reason(XcvrWatch *w)
{
    g_return_val_if_fail(w != NULL, NULL);
    return w->cycle_reason;
}

gboolean
xcvr_watch_get_map_changed(XcvrWatch *w)
{
    g_return_val_if_fail(w != NULL, FALSE);
    return w->map_changed;
}

void
xcvr_watch_get_cycle_walks(XcvrWatch *w, guint *ret_walked, guint *ret_kept)
{
    g_return_if_fail(w != NULL);
    if (ret_walked != NULL)
        *ret_walked = w->n_walked;
    if (ret_kept != NULL)
        *ret_kept = w->n_kept;
}

/* ---- one cycle ---- */

/* Keeps @error as the cycle's first failure, or drops it. */
static void
keep_first(GError **first, GError *error)
{
    if (*first == NULL)
        *first = error;
    else
        g_error_free(error);
}

static gboolean
write_map(XcvrWatch *w, const XcvrInventory *inv, GError **error)
{
    g_autofree char *json = w->history != NULL ? xcvr_render_map_json_with_history(inv, w->history)
                                                : xcvr_render_map_json(inv);
    g_autofree char *doc = g_strconcat(json, "\n", NULL);

    if (!xcvr_state_write_file(w->state_dir, MAP_FILE, doc, strlen(doc), &w->map_changed,
                               error)) {
        g_prefix_error(error, "state directory: ");
        return FALSE;
    }
    return TRUE;
}

/* A node device's name as a file name: libvirt's names are [a-z0-9_], anything else is
 * not written (it would not be a safe path). */
static gboolean
nodedev_name_ok(const char *name)
{
    if (name == NULL || name[0] == '\0' || name[0] == '.' || strlen(name) > 200)
        return FALSE;
    for (const char *p = name; *p != '\0'; p++)
        if (!g_ascii_isalnum(*p) && *p != '_' && *p != '-' && *p != '.' && *p != ':')
            return FALSE;
    return TRUE;
}

/* Every annotated node device as nodedev/NAME.xml; the files of devices no longer
 * annotated are removed. */
static gboolean
write_nodedevs(XcvrWatch *w, const XcvrInventory *inv, GError **error)
{
    g_autofree char *dir = g_build_filename(w->state_dir, NODEDEV_DIR, NULL);
    g_autoptr(GPtrArray) docs = NULL;
    g_autoptr(GHashTable) keep = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GDir) d = NULL;
    GError *first = NULL;
    const char *entry;
    guint i;

    docs = w->nodedevs(w->publish_data, error);
    if (docs == NULL) {
        g_prefix_error(error, "node devices: ");
        return FALSE;
    }
    if (g_mkdir_with_parents(dir, 0755) != 0) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "cannot make %s: %s", dir,
                    g_strerror(errno));
        return FALSE;
    }
    for (i = 0; i < docs->len; i++) {
        const XcvrNodedevDoc *doc = g_ptr_array_index(docs, i);
        g_autoptr(GError) local = NULL;
        g_autofree char *out = NULL;
        g_autofree char *file = NULL;
        gboolean annotated = FALSE;

        if (!nodedev_name_ok(doc->name))
            continue;
        out = w->history != NULL
                  ? xcvr_nodedev_annotate_with_history(inv, w->history, w->options->root,
                                                       doc->xml, &annotated, &local)
                  : xcvr_nodedev_annotate(inv, w->options->root, doc->xml, &annotated, &local);
        if (out == NULL || !annotated)
            continue;
        file = g_strconcat(doc->name, ".xml", NULL);
        if (!xcvr_state_write_file(dir, file, out, strlen(out), NULL, &local))
            keep_first(&first, g_steal_pointer(&local));
        g_hash_table_add(keep, g_steal_pointer(&file));
    }
    d = g_dir_open(dir, 0, NULL);
    while (d != NULL && (entry = g_dir_read_name(d)) != NULL) {
        if (entry[0] != '.' && g_str_has_suffix(entry, ".xml") &&
            !g_hash_table_contains(keep, entry)) {
            g_autofree char *path = g_build_filename(dir, entry, NULL);

            (void)g_unlink(path);
        }
    }
    if (first != NULL) {
        g_propagate_prefixed_error(error, first, "node devices: ");
        return FALSE;
    }
    return TRUE;
}

/* Each domain's element, written where it differs from the one last written (or an event
 * named the domain); domains gone are forgotten. */
static gboolean
write_metadata(XcvrWatch *w, const XcvrInventory *inv, GHashTable *dirty, gboolean dirty_all,
               GError **error)
{
    g_autoptr(GPtrArray) names = xcvr_metadata_domains(inv);
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    const char *host = g_get_host_name();
    GHashTableIter iter;
    gpointer key;
    GError *first = NULL;
    guint i;

    if (dirty_all)
        g_hash_table_remove_all(w->published);
    g_hash_table_iter_init(&iter, dirty);
    while (g_hash_table_iter_next(&iter, &key, NULL))
        g_hash_table_remove(w->published, key);

    for (i = 0; i < names->len; i++) {
        const char *name = names->pdata[i];
        g_autofree char *doc = xcvr_metadata_build(inv, name, host);
        const char *last = g_hash_table_lookup(w->published, name);
        GError *local = NULL;

        g_hash_table_add(seen, (gpointer)name);
        if (last != NULL && strcmp(last, doc) == 0)
            continue;
        if (w->metadata(name, doc, w->publish_data, &local))
            g_hash_table_replace(w->published, g_strdup(name), g_steal_pointer(&doc));
        else
            keep_first(&first, local);
    }
    g_hash_table_iter_init(&iter, w->published);
    while (g_hash_table_iter_next(&iter, &key, NULL))
        if (!g_hash_table_contains(seen, key))
            g_hash_table_iter_remove(&iter);
    if (first != NULL) {
        g_propagate_prefixed_error(error, first, "domain metadata: ");
        return FALSE;
    }
    return TRUE;
}

static void
call_after(XcvrWatch *w, const XcvrInventory *inv, const GError *error)
{
    guint i;

    for (i = 0; i < w->after->len; i++) {
        AfterCycle *a = &g_array_index(w->after, AfterCycle, i);

        a->func(w, inv, error, a->user_data);
    }
}

/* Orders vNICs as the sources list them: by domain name, then UUID. */
static int
vnic_order(const XcvrVnic *a, const XcvrVnic *b)
{
    int c = g_strcmp0(a->domain, b->domain);

    return c != 0 ? c : g_strcmp0(a->domain_uuid, b->domain_uuid);
}

/* The last cycle's vNICs but those of the @dirty domains, which are listed again: both
 * lists are in the source's order, so merging them gives what a full listing gives. */
static GPtrArray *
list_after(XcvrWatch *w, GHashTable *dirty, GError **error)
{
    const GPtrArray *old = w->inventory->source;
    g_autoptr(GPtrArray) fresh = NULL;
    g_autofree const char **names = NULL;
    GPtrArray *out;
    guint i = 0;
    guint j = 0;

    if (g_hash_table_size(dirty) > 0) {
        names = (const char **)g_hash_table_get_keys_as_array(dirty, NULL);
        fresh = w->list_domains(names, w->list_data, error);
        if (fresh == NULL)
            return NULL;
    } else {
        fresh = g_ptr_array_new();
    }
    out = g_ptr_array_new_full(old->len + fresh->len, (GDestroyNotify)xcvr_vnic_free);
    while (i < old->len || j < fresh->len) {
        const XcvrVnic *o = i < old->len ? g_ptr_array_index(old, i) : NULL;
        XcvrVnic *f = j < fresh->len ? g_ptr_array_index(fresh, j) : NULL;

        if (o != NULL && g_hash_table_contains(dirty, o->domain)) {
            i++;
            continue;
        }
        if (f != NULL && (o == NULL || vnic_order(f, o) < 0)) {
            g_ptr_array_add(out, f);
            fresh->pdata[j++] = NULL; /* moved into @out */
        } else {
            g_ptr_array_add(out, xcvr_vnic_copy(o));
            i++;
        }
    }
    return out;
}

gboolean
xcvr_watch_run_cycle(XcvrWatch *w, const char *reason, GError **error)
{
    g_autoptr(GPtrArray) vnics = NULL;
    g_autoptr(XcvrInventory) inv = NULL;
    g_autoptr(GHashTable) dirty = NULL;
    g_autoptr(GHashTable) links = NULL;
    gboolean dirty_all;
    gboolean partial;
    gboolean poll;
    GError *first = NULL;
    GError *local = NULL;

    g_return_val_if_fail(w != NULL, FALSE);

    w->cycles++;
    w->map_changed = FALSE;
    w->n_walked = w->n_kept = 0;
    w->n_listed = -1;
    g_free(w->cycle_reason);
    w->cycle_reason = g_strdup(reason);

    /* what asked for this cycle; what asks from now on asks for the next one */
    g_mutex_lock(&w->lock);
    dirty = g_steal_pointer(&w->dirty);
    w->dirty = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    links = g_steal_pointer(&w->dirty_links);
    w->dirty_links = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    dirty_all = w->dirty_all;
    /* only domains and netdevs named: the others keep their walks, and the modules of the
     * netdevs not named are not read; a poll reads every module, and keeps the walks too
     * where the VM source's events name every change (but for every POLLS_PER_REWALK'th) */
    poll = w->poll_pending;
    if (w->inventory == NULL || w->full_pending || dirty_all)
        partial = FALSE;
    else if (poll)
        partial = w->list_domains != NULL && w->polls_kept + 1 < POLLS_PER_REWALK;
    else
        partial = g_hash_table_size(dirty) > 0 || g_hash_table_size(links) > 0;
    w->full_pending = FALSE;
    w->poll_pending = FALSE;
    w->dirty_all = FALSE;
    g_mutex_unlock(&w->lock);
    if (!partial)
        poll = TRUE;

    if (partial && w->list_domains != NULL) {
        vnics = list_after(w, dirty, &local);
        w->n_listed = (int)g_hash_table_size(dirty);
    } else {
        vnics = w->list(w->list_data, &local);
    }
    if (vnics == NULL)
        goto failed;
    xcvr_inventory_options_set_deadline(w->options,
                                        w->timeout_ms != 0
                                            ? g_get_monotonic_time() + w->timeout_ms * 1000LL
                                            : 0);
    inv = partial ? xcvr_inventory_new_after(vnics, w->options, w->inventory, dirty, links,
                                             poll, &local)
                  : xcvr_inventory_new(vnics, w->options, &local);
    if (inv == NULL)
        goto failed;
    w->n_walked = inv->n_walked;
    w->n_kept = inv->n_kept;
    if (!partial)
        w->polls_kept = 0;
    else if (poll)
        w->polls_kept++;
    /* the history first, so that map.json and the node devices carry this poll (a cycle
     * of events alone polls nothing) */
    if (w->history != NULL && poll)
        xcvr_history_update(w->history, inv, g_get_real_time());
    if (w->state_dir != NULL && !write_map(w, inv, &local))
        keep_first(&first, g_steal_pointer(&local));
    if (w->state_dir != NULL && w->history != NULL &&
        !xcvr_history_save(w->history, w->state_dir, &local))
        keep_first(&first, g_steal_pointer(&local));
    if (w->state_dir != NULL && w->nodedevs != NULL && !write_nodedevs(w, inv, &local))
        keep_first(&first, g_steal_pointer(&local));
    if (w->metadata != NULL && !write_metadata(w, inv, dirty, dirty_all, &local))
        keep_first(&first, g_steal_pointer(&local));

    xcvr_inventory_free(w->inventory);
    w->inventory = g_steal_pointer(&inv);
    call_after(w, w->inventory, first);
    if (first != NULL) {
        g_propagate_error(error, first);
        return FALSE;
    }
    return TRUE;

failed:
    /* nothing was built: the next cycle rebuilds in full, and publishes these again */
    g_mutex_lock(&w->lock);
    w->full_pending = TRUE;
    w->dirty_all = w->dirty_all || dirty_all;
    {
        GHashTableIter iter;
        gpointer key;

        g_hash_table_iter_init(&iter, dirty);
        while (g_hash_table_iter_next(&iter, &key, NULL))
            g_hash_table_add(w->dirty, g_strdup(key));
    }
    g_mutex_unlock(&w->lock);
    call_after(w, NULL, local);
    g_propagate_error(error, local);
    return FALSE;
}

/* ---- events ---- */

static gboolean
on_debounce(gpointer data)
{
    XcvrWatch *w = data;
    g_autofree char *reason = NULL;

    g_source_unref(w->debounce);
    w->debounce = NULL;
    g_mutex_lock(&w->lock);
    reason = g_steal_pointer(&w->pending_reason);
    g_mutex_unlock(&w->lock);
    /* a failure is the after-cycle functions' to report; the next event tries again */
    (void)xcvr_watch_run_cycle(w, reason, NULL);
    return G_SOURCE_REMOVE;
}

/* In the context's thread: the first event of a burst starts the debounce; the others
 * are served by the same cycle. */
static gboolean
on_wakeup(gpointer data)
{
    XcvrWatch *w = data;

    g_mutex_lock(&w->lock);
    g_source_unref(w->wakeup);
    w->wakeup = NULL;
    g_mutex_unlock(&w->lock);
    if (w->debounce == NULL) {
        w->debounce = g_timeout_source_new(w->debounce_ms);
        g_source_set_callback(w->debounce, on_debounce, w, NULL);
        g_source_attach(w->debounce, w->context);
    }
    return G_SOURCE_REMOVE;
}

/* Asks for a cycle; @full: not only the domains named so far are concerned. */
static void
trigger(XcvrWatch *w, const char *reason, gboolean full)
{
    g_mutex_lock(&w->lock);
    if (full)
        w->full_pending = TRUE;
    if (w->pending_reason == NULL)
        w->pending_reason = g_strdup(reason != NULL ? reason : "event");
    if (w->started && w->wakeup == NULL) {
        w->wakeup = g_idle_source_new();
        g_source_set_callback(w->wakeup, on_wakeup, w, NULL);
        g_source_attach(w->wakeup, w->context);
    }
    g_mutex_unlock(&w->lock);
}

void
xcvr_watch_trigger(XcvrWatch *w, const char *reason)
{
    g_return_if_fail(w != NULL);
    trigger(w, reason, TRUE);
}

void
xcvr_watch_trigger_domain(XcvrWatch *w, const char *domain, const char *reason)
{
    g_return_if_fail(w != NULL);

    g_mutex_lock(&w->lock);
    if (domain != NULL)
        g_hash_table_add(w->dirty, g_strdup(domain));
    else
        w->dirty_all = TRUE;
    g_mutex_unlock(&w->lock);
    trigger(w, reason, FALSE);
}

/* A link event: the walks through that netdev are made again and its module is read in
 * full (a swap takes the link down). Open vSwitch ports hang under `ovs-system` whatever
 * bridge they are in (the bridge is in ovsdb, which sends no event here): a change there
 * rebuilds everything, as do lost events. */
static void
on_link_changed(const char *ifname, gpointer data)
{
    XcvrWatch *w = data;
    g_autofree char *reason =
        ifname != NULL ? g_strdup_printf("link %s", ifname) : g_strdup("link events lost");
    gboolean full = ifname == NULL || strcmp(ifname, "ovs-system") == 0;

    xcvr_eeprom_reader_invalidate(w->reader, ifname);
    if (!full) {
        g_mutex_lock(&w->lock);
        g_hash_table_add(w->dirty_links, g_strdup(ifname));
        g_mutex_unlock(&w->lock);
    }
    trigger(w, reason, full);
}

/* A tick is one request already: it needs no debounce (a cycle already waiting serves it). */
static gboolean
on_interval(gpointer data)
{
    XcvrWatch *w = data;

    g_mutex_lock(&w->lock);
    w->poll_pending = TRUE;
    if (w->pending_reason == NULL)
        w->pending_reason = g_strdup("interval");
    g_mutex_unlock(&w->lock);
    if (w->debounce == NULL) {
        w->debounce = g_idle_source_new();
        /* not below the interval's own priority: an interval shorter than a cycle would
         * keep the timeout always due and starve the cycle for ever */
        g_source_set_priority(w->debounce, G_PRIORITY_DEFAULT);
        g_source_set_callback(w->debounce, on_debounce, w, NULL);
        g_source_attach(w->debounce, w->context);
    }
    return G_SOURCE_CONTINUE;
}

gboolean
xcvr_watch_start(XcvrWatch *w, GMainContext *context, GError **error)
{
    g_return_val_if_fail(w != NULL, FALSE);
    g_return_val_if_fail(!w->started, FALSE);

    w->context = context != NULL ? g_main_context_ref(context)
                                 : g_main_context_ref_thread_default();
    if (w->link_events) {
        w->links = xcvr_link_monitor_new(w->context, on_link_changed, w, error);
        if (w->links == NULL) {
            g_clear_pointer(&w->context, g_main_context_unref);
            return FALSE;
        }
    }
    if (w->interval_ms != 0) {
        w->interval = g_timeout_source_new(w->interval_ms);
        g_source_set_callback(w->interval, on_interval, w, NULL);
        g_source_attach(w->interval, w->context);
    }
    g_mutex_lock(&w->lock);
    w->started = TRUE;
    if (w->pending_reason == NULL)
        w->pending_reason = g_strdup("start");
    g_mutex_unlock(&w->lock);
    /* the first cycle: no debounce to wait for */
    w->debounce = g_idle_source_new();
    g_source_set_callback(w->debounce, on_debounce, w, NULL);
    g_source_attach(w->debounce, w->context);
    return TRUE;
}

static void
drop_source(GSource **source)
{
    if (*source == NULL)
        return;
    g_source_destroy(*source);
    g_source_unref(*source);
    *source = NULL;
}

void
xcvr_watch_stop(XcvrWatch *w)
{
    g_return_if_fail(w != NULL);

    g_mutex_lock(&w->lock);
    w->started = FALSE;
    drop_source(&w->wakeup);
    g_mutex_unlock(&w->lock);
    g_clear_pointer(&w->links, xcvr_link_monitor_free);
    drop_source(&w->interval);
    drop_source(&w->debounce);
    g_clear_pointer(&w->context, g_main_context_unref);
}
