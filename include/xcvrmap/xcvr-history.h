/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-history.h: health over time. The warning and alarm flags of every uplink's module,
 * polled again and again, turned into verdicts that do not flap (a flag is raised after it
 * holds for N polls and cleared after M clean polls) and into a history per uplink, lane
 * and flag (first and last set, last clear, how often), kept per module (vendor, part
 * number, serial number) so that a swapped optic starts afresh. Kept across restarts as
 * `history.json` in a state directory; the Prometheus text exposition of an inventory.
 */
#pragma once

#include <glib.h>

#include "xcvr-inventory.h"
#include "xcvr-version.h"

G_BEGIN_DECLS

/**
 * XCVR_HISTORY_DEFAULT_RAISE_POLLS:
 *
 * Polls a flag must be seen set in a row before it is raised. Two: SFF-8636 and CMIS
 * latch a flag on any excursion, however brief, and modules latch some at power-up and
 * laser turn-on; one poll is no evidence, two in a row (a poll interval apart) is a
 * condition that lasts.
 *
 * Since: 0.1
 */
#define XCVR_HISTORY_DEFAULT_RAISE_POLLS 2

/**
 * XCVR_HISTORY_DEFAULT_CLEAR_POLLS:
 *
 * Clean polls in a row before a raised flag is cleared. Three, more than it takes to
 * raise: a value hovering at a threshold sets and clears its flag poll after poll, and
 * clearing slower than raising keeps such a flag raised (one raise counted, not one per
 * poll) instead of flapping the verdict.
 *
 * Since: 0.1
 */
#define XCVR_HISTORY_DEFAULT_CLEAR_POLLS 3

/**
 * XCVR_HISTORY_FILE:
 *
 * The name of the history in a state directory.
 *
 * Since: 0.1
 */
#define XCVR_HISTORY_FILE "history.json"

/**
 * XcvrFlagState:
 * @XCVR_FLAG_STATE_CLEAR: not raised
 * @XCVR_FLAG_STATE_RISING: seen set, for fewer polls than it takes to raise it
 * @XCVR_FLAG_STATE_RAISED: raised
 * @XCVR_FLAG_STATE_FALLING: raised, seen clear for fewer polls than it takes to clear it
 *   (still counts as raised)
 *
 * Where one flag stands in its hysteresis.
 *
 * Since: 0.1
 */
typedef enum {
    XCVR_FLAG_STATE_CLEAR,
    XCVR_FLAG_STATE_RISING,
    XCVR_FLAG_STATE_RAISED,
    XCVR_FLAG_STATE_FALLING,

#ifdef XCVR_ENUM_SENTINELS
    _XCVR_FLAG_STATE_LAST
#endif
} XcvrFlagState;

/**
 * xcvr_flag_state_to_string:
 * @state: an #XcvrFlagState
 *
 * Returns: "clear", "rising", "raised" or "falling"; "clear" for a value out of range.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_flag_state_to_string(XcvrFlagState state);

/**
 * xcvr_flag_state_from_string:
 * @str: (nullable): a name xcvr_flag_state_to_string() returns
 *
 * Returns: the #XcvrFlagState named @str, or -1 when @str is %NULL or names none.
 *
 * Since: 0.1
 */
XCVR_PUBLIC int xcvr_flag_state_from_string(const char *str);

/**
 * XcvrHistory:
 *
 * The health history of a host's uplinks: one record per uplink and module seen in it.
 * Opaque. Not thread-safe: one thread updates it; distinct histories are independent.
 *
 * Since: 0.1
 */
typedef struct _XcvrHistory XcvrHistory;

/**
 * XcvrHistoryRecord:
 *
 * The history of one module in one uplink's cage. Opaque; a `const` pointer that belongs
 * to its history and stays valid until the next xcvr_history_update() or
 * xcvr_history_free().
 *
 * Since: 0.1
 */
typedef struct _XcvrHistoryRecord XcvrHistoryRecord;

/**
 * XcvrHistoryFlag:
 *
 * The history of one flag (on one lane) of a record. Opaque, valid as its record.
 *
 * Since: 0.1
 */
typedef struct _XcvrHistoryFlag XcvrHistoryFlag;

/**
 * xcvr_history_new:
 *
 * Returns: (transfer full): an empty history with the default hysteresis
 * (%XCVR_HISTORY_DEFAULT_RAISE_POLLS, %XCVR_HISTORY_DEFAULT_CLEAR_POLLS).
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrHistory *xcvr_history_new(void);

/**
 * xcvr_history_free:
 * @history: (nullable): a #XcvrHistory
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_history_free(XcvrHistory *history);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrHistory, xcvr_history_free)

/**
 * xcvr_history_set_hysteresis:
 * @history: a #XcvrHistory
 * @raise_polls: polls in a row a flag must be seen set before it is raised (at least 1;
 *   0 for the default)
 * @clear_polls: clean polls in a row before a raised flag is cleared (at least 1; 0 for
 *   the default)
 *
 * Applies from the next xcvr_history_update(); not kept in the state file (it is the
 * caller's configuration).
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_history_set_hysteresis(XcvrHistory *history, guint raise_polls,
                                             guint clear_polls);

/**
 * xcvr_history_update:
 * @history: a #XcvrHistory
 * @inventory: the host as one poll read it
 * @now_us: the poll's wall-clock time, g_get_real_time() µs
 *
 * Counts one poll: for each uplink of @inventory whose module was read, its warning and
 * alarm flags (every `*_warning` and `*_alarm` flag of the module vocabulary, per lane)
 * move through their hysteresis, and the uplink's verdict becomes the worst of its
 * inventory verdict without the flags (link, module read, checksums) and the flags that
 * are raised. A module with another vendor, part number or serial number than the cage
 * held before gets a record of its own (the previous one is kept, not current). An uplink
 * whose module could not be read this poll keeps its flags as they were: no evidence
 * either way.
 *
 * Returns: %TRUE when what a renderer shows changed: a flag raised or cleared, a verdict,
 * a new record.
 *
 * Since: 0.1
 */
XCVR_PUBLIC gboolean xcvr_history_update(XcvrHistory *history, const XcvrInventory *inventory,
                                         gint64 now_us);

/**
 * xcvr_history_to_json:
 * @history: a #XcvrHistory
 *
 * Returns: (transfer full): the history as the document `history.json` holds
 * (schema `xcvrmap-history.schema.json`).
 *
 * Since: 0.1
 */
XCVR_PUBLIC char *xcvr_history_to_json(const XcvrHistory *history);

/**
 * xcvr_history_from_json:
 * @data: (array length=len): a document xcvr_history_to_json() wrote
 * @len: its length, or -1 when NUL-terminated
 * @now_us: the wall clock, g_get_real_time() µs: a document updated more than an hour
 *   after it is refused as from the future
 * @error: return location for a #GError
 *
 * Pure: no I/O.
 *
 * Returns: (transfer full) (nullable): the history, or %NULL with %XCVR_ERROR_INVALID_DATA
 * when @data is not JSON, not a history (another document, another format version), is
 * truncated or inconsistent, or is from the future.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrHistory *xcvr_history_from_json(const char *data, gssize len, gint64 now_us,
                                                GError **error);

/**
 * xcvr_history_load:
 * @state_dir: the state directory
 * @ret_warning: (out) (optional) (transfer full): set to a sentence for people when a state
 *   file was there but unusable and was moved aside, else to %NULL
 * @error: return location for a #GError
 *
 * Reads `STATE_DIR/history.json`. No file: an empty history. A file that is not a regular
 * file, cannot be parsed, is not a history, is truncated or from the future is renamed
 * `history.json.corrupt-TIME` (TIME: seconds since the epoch) in the same directory and an
 * empty history is returned, with @ret_warning saying so.
 *
 * Returns: (transfer full) (nullable): the history, or %NULL with @error set when the
 * directory cannot be read or the unusable file cannot be moved aside (%XCVR_ERROR_IO).
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrHistory *xcvr_history_load(const char *state_dir, char **ret_warning,
                                           GError **error);

/**
 * xcvr_history_read:
 * @state_dir: the state directory
 * @error: return location for a #GError
 *
 * Reads `STATE_DIR/history.json` for a reader that does not own the state directory
 * (`map`, `metrics`, `nodedev-dumpxml --state-dir` beside a running `watch`): nothing is
 * moved or written. No file (or no directory): an empty history.
 *
 * Returns: (transfer full) (nullable): the history, or %NULL with @error set: the file is
 * unusable (%XCVR_ERROR_INVALID_DATA, as xcvr_history_from_json() says, or
 * %XCVR_ERROR_IO when it is not a regular file) or may not be read
 * (%XCVR_ERROR_PERMISSION).
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrHistory *xcvr_history_read(const char *state_dir, GError **error);

/**
 * xcvr_history_save:
 * @history: a #XcvrHistory
 * @state_dir: the state directory (created, mode 0755, when missing)
 * @error: return location for a #GError
 *
 * Writes `STATE_DIR/history.json` atomically (xcvr_state_write_file()): a reader, or the
 * next start after a crash or power loss mid-write, sees the previous history or this one,
 * never a mix.
 *
 * Returns: %TRUE on success, else %FALSE with %XCVR_ERROR_IO.
 *
 * Since: 0.1
 */
XCVR_PUBLIC gboolean xcvr_history_save(const XcvrHistory *history, const char *state_dir,
                                       GError **error);

/**
 * xcvr_history_get_polls:
 * @history: a #XcvrHistory
 *
 * Returns: how many polls xcvr_history_update() has counted, across restarts.
 *
 * Since: 0.1
 */
XCVR_PUBLIC guint64 xcvr_history_get_polls(const XcvrHistory *history);

/**
 * xcvr_history_get_updated:
 * @history: a #XcvrHistory
 *
 * Returns: the wall-clock time of the last poll (µs since the epoch), 0 before any.
 *
 * Since: 0.1
 */
XCVR_PUBLIC gint64 xcvr_history_get_updated(const XcvrHistory *history);

/**
 * xcvr_history_find:
 * @history: a #XcvrHistory
 * @uplink: an uplink of an inventory
 *
 * Returns: (transfer none) (nullable): the record of the module @uplink holds (by vendor,
 * part number and serial number); when no module was read from it, the record of the
 * module its cage last held; %NULL when there is none.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const XcvrHistoryRecord *xcvr_history_find(const XcvrHistory *history,
                                                       const XcvrInvUplink *uplink);

/**
 * xcvr_history_get_verdict:
 * @history: a #XcvrHistory
 * @uplink: an uplink of an inventory
 *
 * The verdict on @uplink with hysteresis, for an inventory read now (at a poll or
 * between two): the worst of the uplink's verdict without its module's flags (link,
 * module read, checksums, as read now) and the flags raised (or falling) in the history of
 * the module it holds. Without a module read now, or without a record of it: the
 * inventory's own verdict, xcvr_inv_uplink_get_health().
 *
 * Returns: the verdict.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrHealth xcvr_history_get_verdict(const XcvrHistory *history,
                                                const XcvrInvUplink *uplink);

/**
 * xcvr_history_get_n_records:
 * @history: a #XcvrHistory
 *
 * Returns: how many records it holds (current and past modules of every uplink).
 *
 * Since: 0.1
 */
XCVR_PUBLIC guint xcvr_history_get_n_records(const XcvrHistory *history);

/**
 * xcvr_history_get_record:
 * @history: a #XcvrHistory
 * @index: 0 to xcvr_history_get_n_records() - 1 (by interface, then first seen)
 *
 * Returns: (transfer none): the @index-th record.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const XcvrHistoryRecord *xcvr_history_get_record(const XcvrHistory *history,
                                                             guint index);

/**
 * xcvr_history_record_get_interface:
 * @record: a #XcvrHistoryRecord
 *
 * Returns: (transfer none): the uplink's netdev, or its PCI address without one, as
 * xcvr_escape_bytes() writes it (records are keyed by the escaped names, which
 * `history.json` holds unchanged).
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_history_record_get_interface(const XcvrHistoryRecord *record);

/**
 * xcvr_history_record_get_module:
 * @record: a #XcvrHistoryRecord
 * @ret_vendor: (out) (optional) (transfer none): vendor name ("" when the module has none)
 * @ret_pn: (out) (optional) (transfer none): part number ("" when none)
 * @ret_sn: (out) (optional) (transfer none): serial number ("" when none)
 *
 * The module the record is about, each string as xcvr_escape_bytes() writes it.
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_history_record_get_module(const XcvrHistoryRecord *record,
                                                const char **ret_vendor, const char **ret_pn,
                                                const char **ret_sn);

/**
 * xcvr_history_record_is_current:
 * @record: a #XcvrHistoryRecord
 *
 * Returns: %TRUE when its module is the one its cage held at the last poll that read it.
 *
 * Since: 0.1
 */
XCVR_PUBLIC gboolean xcvr_history_record_is_current(const XcvrHistoryRecord *record);

/**
 * xcvr_history_record_get_verdict:
 * @record: a #XcvrHistoryRecord
 *
 * Returns: the verdict with hysteresis at the last poll that read the module: the worst
 * of the inventory's verdict without the flags and the flags raised (or falling).
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrHealth xcvr_history_record_get_verdict(const XcvrHistoryRecord *record);

/**
 * xcvr_history_record_get_times:
 * @record: a #XcvrHistoryRecord
 * @ret_first_seen: (out) (optional): first poll that read this module (µs since the epoch)
 * @ret_last_seen: (out) (optional): last poll that read it
 * @ret_polls: (out) (optional): how many polls read it
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_history_record_get_times(const XcvrHistoryRecord *record,
                                               gint64 *ret_first_seen, gint64 *ret_last_seen,
                                               guint64 *ret_polls);

/**
 * xcvr_history_record_get_n_flags:
 * @record: a #XcvrHistoryRecord
 *
 * Returns: how many flags it has a history of (every flag ever seen set; a flag never
 * seen set has none).
 *
 * Since: 0.1
 */
XCVR_PUBLIC guint xcvr_history_record_get_n_flags(const XcvrHistoryRecord *record);

/**
 * xcvr_history_record_get_flag:
 * @record: a #XcvrHistoryRecord
 * @index: 0 to xcvr_history_record_get_n_flags() - 1 (by flag key, then lane)
 *
 * Returns: (transfer none): the @index-th flag's history.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const XcvrHistoryFlag *xcvr_history_record_get_flag(const XcvrHistoryRecord *record,
                                                                guint index);

/**
 * xcvr_history_flag_get_key:
 * @flag: a #XcvrHistoryFlag
 *
 * Returns: (transfer none): the flag's key in the module vocabulary
 * ("rx_power_low_alarm", "module_temperature_high_warning" …).
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_history_flag_get_key(const XcvrHistoryFlag *flag);

/**
 * xcvr_history_flag_get_lane:
 * @flag: a #XcvrHistoryFlag
 *
 * Returns: its lane, 1 first; 0 for a module-wide flag.
 *
 * Since: 0.1
 */
XCVR_PUBLIC guint xcvr_history_flag_get_lane(const XcvrHistoryFlag *flag);

/**
 * xcvr_history_flag_get_state:
 * @flag: a #XcvrHistoryFlag
 *
 * Returns: where it stands in its hysteresis.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrFlagState xcvr_history_flag_get_state(const XcvrHistoryFlag *flag);

/**
 * xcvr_history_flag_get_count:
 * @flag: a #XcvrHistoryFlag
 *
 * Returns: how many times it was raised (after hysteresis) for this module.
 *
 * Since: 0.1
 */
XCVR_PUBLIC guint64 xcvr_history_flag_get_count(const XcvrHistoryFlag *flag);

/**
 * xcvr_history_flag_get_times:
 * @flag: a #XcvrHistoryFlag
 * @ret_first_set: (out) (optional): when it was first raised: the first poll of the run of
 *   polls that raised it (µs since the epoch); 0: never raised
 * @ret_last_set: (out) (optional): the same for its latest raise; 0: never
 * @ret_last_clear: (out) (optional): the first clean poll of the run that last cleared it;
 *   0: never cleared
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_history_flag_get_times(const XcvrHistoryFlag *flag,
                                             gint64 *ret_first_set, gint64 *ret_last_set,
                                             gint64 *ret_last_clear);

/**
 * xcvr_render_map_json_with_history:
 * @inventory: a #XcvrInventory
 * @history: (nullable): its history
 *
 * xcvr_render_map_json() with, when @history is given, a `history` member in each entry of
 * `uplinks` (the verdict with hysteresis, the module, and each flag's state, count and
 * times; null when @history has no record of the uplink). Without @history, exactly
 * xcvr_render_map_json().
 *
 * Returns: (transfer full): the JSON document.
 *
 * Since: 0.1
 */
XCVR_PUBLIC char *xcvr_render_map_json_with_history(const XcvrInventory *inventory,
                                                    const XcvrHistory *history);

/**
 * xcvr_render_map_text_with_history:
 * @inventory: a #XcvrInventory
 * @history: (nullable): its history
 *
 * xcvr_render_map_text() with, when @history is given, a short section per uplink with a
 * record: its verdict with hysteresis and its flags that are not clear or were raised.
 *
 * Returns: (transfer full): the text.
 *
 * Since: 0.1
 */
XCVR_PUBLIC char *xcvr_render_map_text_with_history(const XcvrInventory *inventory,
                                                    const XcvrHistory *history);

/**
 * xcvr_nodedev_annotate_with_history:
 * @inventory: the host's inventory
 * @history: (nullable): its history
 * @root: (nullable): as for xcvr_nodedev_annotate()
 * @device_xml: as for xcvr_nodedev_annotate()
 * @ret_annotated: (out) (optional): as for xcvr_nodedev_annotate()
 * @error: return location for a #GError
 *
 * xcvr_nodedev_annotate() with, when @history has a record of the uplink, an
 * `<xcvrmap:history verdict=… vendor=… pn=… sn=… current=… first-seen=… last-seen=…
 * polls=…>` element after `<xcvrmap:health>`, holding one `<xcvrmap:flag name=… lane=…
 * state=… count=… first-set=… last-set=… last-clear=…/>` per flag (schema
 * `xcvrmap-nodedev.rng`). Without @history, exactly xcvr_nodedev_annotate().
 *
 * Returns: (transfer full): the document, or %NULL with @error set.
 *
 * Since: 0.1
 */
XCVR_PUBLIC char *xcvr_nodedev_annotate_with_history(const XcvrInventory *inventory,
                                                     const XcvrHistory *history,
                                                     const char *root, const char *device_xml,
                                                     gboolean *ret_annotated, GError **error);

/**
 * xcvr_render_metrics:
 * @inventory: a #XcvrInventory
 * @history: (nullable): its history, for `xcvrmap_alarm_raised_total` and the verdicts
 *   with hysteresis
 *
 * The inventory in the Prometheus text exposition format (version 0.0.4), every series
 * named `xcvrmap_…` in base units, label values escaped by
 * xcvr_escape_prometheus_append(); only what the modules advertise. Pure.
 *
 * Returns: (transfer full): the exposition.
 *
 * Since: 0.1
 */
XCVR_PUBLIC char *xcvr_render_metrics(const XcvrInventory *inventory,
                                      const XcvrHistory *history);

/**
 * xcvr_metrics_write_textfile:
 * @path: the file node_exporter's textfile collector reads (`….prom`)
 * @inventory: a #XcvrInventory
 * @history: (nullable): its history
 * @error: return location for a #GError
 *
 * Writes xcvr_render_metrics() to @path atomically (xcvr_state_write_file()), so the
 * collector never reads half a file.
 *
 * Returns: %TRUE on success, else %FALSE with %XCVR_ERROR_IO.
 *
 * Since: 0.1
 */
XCVR_PUBLIC gboolean xcvr_metrics_write_textfile(const char *path,
                                                 const XcvrInventory *inventory,
                                                 const XcvrHistory *history, GError **error);

G_END_DECLS
