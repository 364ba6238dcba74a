/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-watch.h: the map kept true over time: a watch rebuilds the inventory when the host
 * or the VM source says something changed (rtnetlink link events here; libvirt's domain
 * events through libxcvrmap-virt, see xcvr_virt_watch_attach()), and at an interval, and
 * keeps the result in a state directory.
 */
#pragma once

#include <glib.h>

#include "xcvr-history.h"
#include "xcvr-inventory.h"
#include "xcvr-nodedev.h"
#include "xcvr-version.h"

G_BEGIN_DECLS

/**
 * XcvrWatch:
 *
 * One watched host. Opaque. Not thread-safe, except xcvr_watch_trigger() and
 * xcvr_watch_trigger_domain(), which any thread may call while the watch is started.
 *
 * Since: 0.1
 */
typedef struct _XcvrWatch XcvrWatch;

/**
 * XcvrWatchListFunc:
 * @user_data: the data given with the function
 * @error: return location for a #GError
 *
 * Lists the vNICs of the VM source at the start of a cycle (called in the thread whose
 * main context runs the watch).
 *
 * Returns: (transfer full) (element-type XcvrVnic) (nullable): the vNICs, or %NULL with
 * @error set: the cycle then fails and the state directory keeps the last map.
 *
 * Since: 0.1
 */
typedef GPtrArray *(*XcvrWatchListFunc)(gpointer user_data, GError **error);

/**
 * XcvrWatchListDomainsFunc:
 * @domains: (array zero-terminated=1): the names of the domains events named
 * @user_data: the data given to xcvr_watch_new()
 * @error: return location for a #GError
 *
 * Lists the vNICs of @domains only, described and ordered as the #XcvrWatchListFunc of
 * the same watch describes and orders them (by domain name, then domain UUID); a domain
 * that is gone lists none, and a restriction of the source to some domains still holds.
 *
 * Returns: (transfer full) (element-type XcvrVnic) (nullable): the vNICs, or %NULL with
 * @error set.
 *
 * Since: 0.1
 */
typedef GPtrArray *(*XcvrWatchListDomainsFunc)(const char *const *domains, gpointer user_data,
                                               GError **error);

/**
 * XcvrWatchNodedevFunc:
 * @user_data: the data given with the function
 * @error: return location for a #GError
 *
 * Lists the VM source's node devices, as xcvr_virt_list_nodedevs() does, for the
 * annotated documents kept under `STATE_DIR/nodedev/`.
 *
 * Returns: (transfer full) (element-type XcvrNodedevDoc) (nullable): the documents, or
 * %NULL with @error set.
 *
 * Since: 0.1
 */
typedef GPtrArray *(*XcvrWatchNodedevFunc)(gpointer user_data, GError **error);

/**
 * XcvrWatchMetadataFunc:
 * @domain: the domain's name
 * @element: the element to keep in its metadata (xcvr_metadata_build())
 * @user_data: the data given with the function
 * @error: return location for a #GError
 *
 * Writes @element into @domain's metadata, as xcvr_virt_set_domain_metadata() does.
 *
 * Returns: %TRUE when the domain holds @element afterwards; %FALSE with @error set.
 *
 * Since: 0.1
 */
typedef gboolean (*XcvrWatchMetadataFunc)(const char *domain, const char *element,
                                          gpointer user_data, GError **error);

/**
 * XcvrWatchCycleFunc:
 * @watch: the watch
 * @inventory: (nullable): the inventory this cycle made, or %NULL when it failed before
 *   making one
 * @error: (nullable): why the cycle failed (the first failure: the VM source, the
 *   inventory, the state directory, publishing), or %NULL
 * @user_data: the data given with the function
 *
 * Called after each cycle, once the state directory and publishing are done: where
 * history, metrics (`--textfile`) and logging plug in. @inventory stays valid until the
 * next cycle ends (xcvr_watch_get_inventory()).
 *
 * Since: 0.1
 */
typedef void (*XcvrWatchCycleFunc)(XcvrWatch *watch, const XcvrInventory *inventory,
                                   const GError *error, gpointer user_data);

/**
 * xcvr_watch_new:
 * @list: the VM source
 * @user_data: (closure): its data
 * @destroy: (nullable): frees @user_data with the watch
 *
 * Returns: (transfer full): a watch with no state directory, an interval of 60 s, a
 * debounce of 200 ms, a cycle deadline of 30 s and link events on.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrWatch *xcvr_watch_new(XcvrWatchListFunc list, gpointer user_data,
                                      GDestroyNotify destroy);

/**
 * xcvr_watch_free:
 * @watch: (nullable): a #XcvrWatch
 *
 * Stops it and frees it. Whatever calls xcvr_watch_trigger() from other threads (a
 * #XcvrVirtWatch) must be freed first.
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_watch_free(XcvrWatch *watch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrWatch, xcvr_watch_free)

/**
 * xcvr_watch_get_inventory_options:
 * @watch: a #XcvrWatch
 *
 * The options every cycle's inventory is made with (root, Open vSwitch, dump directory,
 * module reads …), to set before the watch starts. Their deadline is the watch's: each
 * cycle sets it from xcvr_watch_set_cycle_timeout().
 *
 * Returns: (transfer none): the watch's own options.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrInventoryOptions *xcvr_watch_get_inventory_options(XcvrWatch *watch);

/**
 * xcvr_watch_set_state_dir:
 * @watch: a #XcvrWatch
 * @dir: (nullable): the state directory (prepared with xcvr_state_dir_prepare()), or %NULL
 *   to keep nothing
 *
 * Each cycle then keeps its map as @dir/`map.json` (the document of xcvr_render_map_json(),
 * valid against `xcvrmap-map.schema.json`), replaced atomically and only when it changed.
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_watch_set_state_dir(XcvrWatch *watch, const char *dir);

/**
 * xcvr_watch_set_interval:
 * @watch: a #XcvrWatch
 * @interval_ms: milliseconds between cycles that no event asked for (module and health
 *   re-reads, and the VM source of a source without events); 0 for none
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_watch_set_interval(XcvrWatch *watch, guint interval_ms);

/**
 * xcvr_watch_set_debounce:
 * @watch: a #XcvrWatch
 * @debounce_ms: how long after the first event of a burst the cycle runs; every event in
 *   between is served by that one cycle
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_watch_set_debounce(XcvrWatch *watch, guint debounce_ms);

/**
 * xcvr_watch_set_cycle_timeout:
 * @watch: a #XcvrWatch
 * @timeout_ms: the deadline of one cycle's inventory (walk, Open vSwitch, module reads);
 *   0 for none
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_watch_set_cycle_timeout(XcvrWatch *watch, guint timeout_ms);

/**
 * xcvr_watch_set_list_domains:
 * @watch: a #XcvrWatch
 * @list_domains: (nullable): lists some domains' vNICs, with the list function's data
 *
 * For a VM source whose events name every domain that changes (libvirt's): a cycle only
 * events naming domains or netdevs asked for then lists those domains alone and takes
 * every other vNIC from the last cycle, instead of listing every domain again; and a poll
 * (the interval's cycle) keeps every walk too: it lists nothing, reads every module and
 * link state, and updates the history — but every tenth poll in a row rebuilds in full,
 * so what no event reports (an Open vSwitch port added, libvirt's update-device) shows
 * within ten intervals. Without it (the default) every cycle lists the whole source and
 * every poll rebuilds in full.
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_watch_set_list_domains(XcvrWatch *watch,
                                             XcvrWatchListDomainsFunc list_domains);

/**
 * xcvr_watch_set_link_events:
 * @watch: a #XcvrWatch
 * @enabled: whether rtnetlink link events (a link added or removed, its carrier,
 *   operstate, up flag, master or name changed) of the calling process's network
 *   namespace start a cycle
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_watch_set_link_events(XcvrWatch *watch, gboolean enabled);

/**
 * xcvr_watch_set_publisher:
 * @watch: a #XcvrWatch
 * @nodedevs: (nullable): the node-device source, or %NULL
 * @metadata: (nullable): the domain-metadata writer, or %NULL
 * @user_data: (closure): their data
 * @destroy: (nullable): frees @user_data with the watch
 *
 * Publishing: with @nodedevs, each cycle keeps every annotated node device
 * (xcvr_nodedev_annotate()) as `STATE_DIR/nodedev/NAME.xml`, rewritten when it changed, and
 * removes the files of devices no longer annotated; with @metadata, each domain's element
 * (xcvr_metadata_build()) is written when it differs from the one last written, or when an
 * event named the domain (xcvr_watch_trigger_domain()): a domain that restarted lost its
 * live metadata. xcvr_virt_watch_attach() sets both from libvirt.
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_watch_set_publisher(XcvrWatch *watch, XcvrWatchNodedevFunc nodedevs,
                                          XcvrWatchMetadataFunc metadata,
                                          gpointer user_data, GDestroyNotify destroy);

/**
 * xcvr_watch_set_history:
 * @watch: a #XcvrWatch
 * @history: (transfer full) (nullable): the history to keep, usually from
 *   xcvr_history_load() on the state directory, or %NULL for none
 *
 * Keeps verdicts with hysteresis and the flag history: every cycle that made an inventory
 * updates @history with it before anything is written, `map.json` and the node-device
 * documents carry it (as `map --state-dir` and `nodedev-dumpxml --state-dir` show it),
 * and `STATE_DIR/history.json` is saved.
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_watch_set_history(XcvrWatch *watch, XcvrHistory *history);

/**
 * xcvr_watch_get_history:
 * @watch: a #XcvrWatch
 *
 * Returns: (transfer none) (nullable): the history xcvr_watch_set_history() gave, as the
 *   last cycle left it
 *
 * Since: 0.1
 */
XCVR_PUBLIC const XcvrHistory *xcvr_watch_get_history(XcvrWatch *watch);

/**
 * xcvr_watch_add_after_cycle:
 * @watch: a #XcvrWatch
 * @func: called after every cycle, in the order added
 * @user_data: (closure): its data
 * @destroy: (nullable): frees @user_data with the watch
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_watch_add_after_cycle(XcvrWatch *watch, XcvrWatchCycleFunc func,
                                            gpointer user_data, GDestroyNotify destroy);

/**
 * xcvr_watch_run_cycle:
 * @watch: a #XcvrWatch
 * @reason: (nullable): why, for xcvr_watch_get_cycle_reason()
 * @error: return location for a #GError
 *
 * One cycle now, in the calling thread: the VM source listed, the inventory made, the
 * state directory and publishing done, the after-cycle functions called. Everything is
 * rebuilt (the vNIC list, every walk, every module read): there is no partial update yet.
 *
 * Returns: %TRUE when every step succeeded; %FALSE with @error set to the first failure
 * (the other steps still ran where they could).
 *
 * Since: 0.1
 */
XCVR_PUBLIC gboolean xcvr_watch_run_cycle(XcvrWatch *watch, const char *reason,
                                          GError **error);

/**
 * xcvr_watch_start:
 * @watch: a #XcvrWatch
 * @context: (nullable): the main context to run in (%NULL: the global default)
 * @error: return location for a #GError
 *
 * Subscribes to link events (when enabled), starts the interval, and queues a first cycle
 * on @context; the caller runs @context (a #GMainLoop) for as long as it wants the watch.
 *
 * Returns: %TRUE when started; %FALSE with @error set (the rtnetlink subscription failed).
 *
 * Since: 0.1
 */
XCVR_PUBLIC gboolean xcvr_watch_start(XcvrWatch *watch, GMainContext *context,
                                      GError **error);

/**
 * xcvr_watch_stop:
 * @watch: a #XcvrWatch
 *
 * Removes every source from the context: no cycle starts after this returns (one running
 * in this thread finishes first, since it runs inside the context's dispatch).
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_watch_stop(XcvrWatch *watch);

/**
 * xcvr_watch_trigger:
 * @watch: a #XcvrWatch
 * @reason: what happened, for xcvr_watch_get_cycle_reason()
 *
 * Asks for a cycle after the debounce; safe from any thread while the watch is started.
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_watch_trigger(XcvrWatch *watch, const char *reason);

/**
 * xcvr_watch_trigger_domain:
 * @watch: a #XcvrWatch
 * @domain: (nullable): the domain an event was about; %NULL for every domain (events
 *   may have been missed)
 * @reason: what happened
 *
 * As xcvr_watch_trigger(), and the domain's metadata is written again whatever was
 * written before.
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_watch_trigger_domain(XcvrWatch *watch, const char *domain,
                                           const char *reason);

/**
 * xcvr_watch_get_inventory:
 * @watch: a #XcvrWatch
 *
 * Returns: (transfer none) (nullable): the inventory of the last successful cycle.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const XcvrInventory *xcvr_watch_get_inventory(XcvrWatch *watch);

/**
 * xcvr_watch_get_n_cycles:
 * @watch: a #XcvrWatch
 *
 * Returns: how many cycles ran (successful or not).
 *
 * Since: 0.1
 */
XCVR_PUBLIC guint64 xcvr_watch_get_n_cycles(XcvrWatch *watch);

/**
 * xcvr_watch_get_cycle_reason:
 * @watch: a #XcvrWatch
 *
 * Returns: (nullable): why the last cycle ran (the first event of its burst: "link eth0",
 * "libvirt: domain web1 started", "interval", "start").
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_watch_get_cycle_reason(XcvrWatch *watch);

/**
 * xcvr_watch_get_map_changed:
 * @watch: a #XcvrWatch
 *
 * Returns: whether the last cycle replaced `map.json`.
 *
 * Since: 0.1
 */
XCVR_PUBLIC gboolean xcvr_watch_get_map_changed(XcvrWatch *watch);

/**
 * xcvr_watch_get_cycle_walks:
 * @watch: a #XcvrWatch
 * @ret_walked: (out) (optional): vNICs the last cycle walked from their host side
 * @ret_kept: (out) (optional): vNICs whose walk it kept from the cycle before
 *
 * A cycle asked for only by events that name domains (xcvr_watch_trigger_domain() with a
 * domain: libvirt's domain events, XAPI's VM and VIF events) or netdevs (the kernel's link
 * events: the link, its name before a rename, the masters it left or joined) walks the
 * vNICs of those domains and the vNICs whose walks pass through those netdevs only; every
 * other vNIC described as before keeps its walk, every uplink seen before but those
 * netdevs keeps its module as last read (the cycle polls no other module and the history
 * is not updated), link states are read again. A poll (the interval) keeps the walks as
 * xcvr_watch_set_list_domains() says. Anything else — a trigger without a domain, lost
 * link events, a change under `ovs-system`, a failed cycle before — makes the next cycle a
 * full one.
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_watch_get_cycle_walks(XcvrWatch *watch, guint *ret_walked,
                                            guint *ret_kept);

/**
 * xcvr_watch_get_cycle_listed:
 * @watch: a #XcvrWatch
 *
 * Returns: -1 when the last cycle listed the whole VM source; otherwise (a cycle of the
 * kind xcvr_watch_get_cycle_walks() describes, with xcvr_watch_set_list_domains()) how many
 * domains it listed, every other vNIC taken from the cycle before (0 for a cycle of link
 * events alone).
 *
 * Since: 0.1
 */
XCVR_PUBLIC int xcvr_watch_get_cycle_listed(XcvrWatch *watch);

G_END_DECLS
