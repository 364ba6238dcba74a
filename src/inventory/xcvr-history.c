/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-history.c: verdicts with hysteresis and the history of every warning and alarm
 * flag, per uplink, module, flag and lane, updated one poll (one inventory) at a time.
 * The flags are the module vocabulary's `*_alarm` and `*_warning` keys
 * (xcvr_module_get_raised_flags()), the same ones the instantaneous verdict judges.
 */
#include <string.h>

#include <xcvrmap/xcvr-escape.h>
#include <xcvrmap/xcvr-history.h>

#include "core/xcvr-enum.h"
#include "inventory/xcvr-history-private.h"
#include "inventory/xcvr-inventory-private.h"

XCVR_ENUM_IMPL(flag_state, XcvrFlagState, _XCVR_FLAG_STATE_LAST, "clear",
    [XCVR_FLAG_STATE_CLEAR] = "clear",
    [XCVR_FLAG_STATE_RISING] = "rising",
    [XCVR_FLAG_STATE_RAISED] = "raised",
    [XCVR_FLAG_STATE_FALLING] = "falling",
)

XcvrHistoryFlag *
xcvr_history_flag_new(const char *key, guint lane)
{
    XcvrHistoryFlag *f = g_new0(XcvrHistoryFlag, 1);

    f->key = g_strdup(key);
    f->lane = lane;
    return f;
}

void
xcvr_history_flag_free(XcvrHistoryFlag *flag)
{
    if (flag == NULL)
        return;
    g_free(flag->key);
    g_free(flag);
}

XcvrHistoryRecord *
xcvr_history_record_new(const char *interface, const char *vendor, const char *pn,
                        const char *sn)
{
    XcvrHistoryRecord *r = g_new0(XcvrHistoryRecord, 1);

    r->interface = g_strdup(interface);
    r->vendor = g_strdup(vendor != NULL ? vendor : "");
    r->pn = g_strdup(pn != NULL ? pn : "");
    r->sn = g_strdup(sn != NULL ? sn : "");
    r->verdict = XCVR_HEALTH_UNKNOWN;
    r->flags = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_history_flag_free);
    return r;
}

void
xcvr_history_record_free(XcvrHistoryRecord *record)
{
    if (record == NULL)
        return;
    g_free(record->interface);
    g_free(record->vendor);
    g_free(record->pn);
    g_free(record->sn);
    g_ptr_array_unref(record->flags);
    g_free(record);
}

XcvrHistory *
xcvr_history_new(void)
{
    XcvrHistory *h = g_new0(XcvrHistory, 1);

    h->raise_polls = XCVR_HISTORY_DEFAULT_RAISE_POLLS;
    h->clear_polls = XCVR_HISTORY_DEFAULT_CLEAR_POLLS;
    h->records = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_history_record_free);
    return h;
}

void
xcvr_history_free(XcvrHistory *history)
{
    if (history == NULL)
        return;
    g_ptr_array_unref(history->records);
    g_free(history);
}

void
xcvr_history_set_hysteresis(XcvrHistory *history, guint raise_polls, guint clear_polls)
{
    g_return_if_fail(history != NULL);
    history->raise_polls = raise_polls != 0 ? raise_polls : XCVR_HISTORY_DEFAULT_RAISE_POLLS;
    history->clear_polls = clear_polls != 0 ? clear_polls : XCVR_HISTORY_DEFAULT_CLEAR_POLLS;
}

static int
compare_flags(gconstpointer a, gconstpointer b)
{
    const XcvrHistoryFlag *x = *(const XcvrHistoryFlag *const *)a;
    const XcvrHistoryFlag *y = *(const XcvrHistoryFlag *const *)b;
    int c = strcmp(x->key, y->key);

    if (c != 0)
        return c;
    return x->lane < y->lane ? -1 : x->lane > y->lane;
}

static int
compare_records(gconstpointer a, gconstpointer b)
{
    const XcvrHistoryRecord *x = *(const XcvrHistoryRecord *const *)a;
    const XcvrHistoryRecord *y = *(const XcvrHistoryRecord *const *)b;
    int c = strcmp(x->interface, y->interface);

    if (c != 0)
        return c;
    return x->first_seen_us < y->first_seen_us ? -1 : x->first_seen_us > y->first_seen_us;
}

void
xcvr_history_sort(XcvrHistory *history)
{
    guint i;

    g_ptr_array_sort(history->records, compare_records);
    for (i = 0; i < history->records->len; i++) {
        XcvrHistoryRecord *r = g_ptr_array_index(history->records, i);

        g_ptr_array_sort(r->flags, compare_flags);
    }
}

gboolean
xcvr_history_flag_is_raised(const XcvrHistoryFlag *flag)
{
    return flag->state == XCVR_FLAG_STATE_RAISED || flag->state == XCVR_FLAG_STATE_FALLING;
}

const char *
xcvr_history_uplink_name(const XcvrInvUplink *uplink)
{
    return uplink->netdev != NULL ? uplink->netdev : uplink->pci;
}

char *
xcvr_history_format_time(gint64 us)
{
    g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc(us / G_USEC_PER_SEC);

    if (t == NULL)
        return g_strdup("1970-01-01T00:00:00Z");
    return g_date_time_format(t, "%Y-%m-%dT%H:%M:%SZ");
}

/* ---- one poll ---- */

/* Records are keyed by the escaped forms of the names (xcvr_escape_bytes()): what
 * history.json can hold (valid UTF-8, no control character) and reads back unchanged. */
static char *
module_string(const XcvrModule *module, const char *key)
{
    const char *s = xcvr_module_get_string(module, key);

    return xcvr_escape_bytes(s != NULL ? s : "", -1);
}

static XcvrHistoryRecord *
find_record(const XcvrHistory *h, const char *interface, const char *vendor, const char *pn,
            const char *sn)
{
    guint i;

    for (i = 0; i < h->records->len; i++) {
        XcvrHistoryRecord *r = g_ptr_array_index(h->records, i);

        if (strcmp(r->interface, interface) == 0 && strcmp(r->vendor, vendor) == 0 &&
            strcmp(r->pn, pn) == 0 && strcmp(r->sn, sn) == 0)
            return r;
    }
    return NULL;
}

static XcvrHistoryRecord *
find_current(const XcvrHistory *h, const char *interface)
{
    XcvrHistoryRecord *best = NULL;
    guint i;

    for (i = 0; i < h->records->len; i++) {
        XcvrHistoryRecord *r = g_ptr_array_index(h->records, i);

        if (strcmp(r->interface, interface) != 0)
            continue;
        if (r->current)
            return r;
        if (best == NULL || r->last_seen_us > best->last_seen_us)
            best = r;
    }
    return best;
}

/* Drops the oldest records of @interface beyond the ones kept. */
static void
prune(XcvrHistory *h, const char *interface)
{
    for (;;) {
        XcvrHistoryRecord *oldest = NULL;
        guint n = 0;
        guint i;

        for (i = 0; i < h->records->len; i++) {
            XcvrHistoryRecord *r = g_ptr_array_index(h->records, i);

            if (strcmp(r->interface, interface) != 0)
                continue;
            n++;
            if (!r->current && (oldest == NULL || r->last_seen_us < oldest->last_seen_us))
                oldest = r;
        }
        if (n <= XCVR_HISTORY_RECORDS_PER_INTERFACE || oldest == NULL)
            return;
        g_ptr_array_remove(h->records, oldest);
    }
}

static XcvrHistoryFlag *
find_flag(XcvrHistoryRecord *r, const char *key, guint lane)
{
    guint i;

    for (i = 0; i < r->flags->len; i++) {
        XcvrHistoryFlag *f = g_ptr_array_index(r->flags, i);

        if (f->lane == lane && strcmp(f->key, key) == 0)
            return f;
    }
    return NULL;
}

/* "rx_power_low_alarm lane 2" (xcvr_module_get_raised_flags()) into key and lane. */
static char *
split_flag(const char *entry, guint *ret_lane)
{
    const char *sp = strstr(entry, " lane ");

    *ret_lane = 0;
    if (sp == NULL)
        return g_strdup(entry);
    *ret_lane = (guint)g_ascii_strtoull(sp + strlen(" lane "), NULL, 10);
    return g_strndup(entry, (gsize)(sp - entry));
}

static void
collect_raised(const XcvrModule *module, GHashTable *seen)
{
    static const char *const suffixes[] = { "_alarm", "_warning" };
    guint s;

    for (s = 0; s < G_N_ELEMENTS(suffixes); s++) {
        g_autoptr(GPtrArray) raised = xcvr_module_get_raised_flags(module, suffixes[s]);
        guint i;

        for (i = 0; i < raised->len; i++)
            g_hash_table_add(seen, g_strdup(g_ptr_array_index(raised, i)));
    }
}

/* One flag's step through its hysteresis; TRUE when it was raised or cleared. */
static gboolean
step_flag(const XcvrHistory *h, XcvrHistoryFlag *f, gboolean set, gint64 now_us)
{
    switch (f->state) {
    case XCVR_FLAG_STATE_CLEAR:
    case XCVR_FLAG_STATE_RISING:
        if (!set) {
            f->state = XCVR_FLAG_STATE_CLEAR;
            f->streak = 0;
            f->onset_us = 0;
            return FALSE;
        }
        if (f->state == XCVR_FLAG_STATE_CLEAR) {
            f->streak = 0;
            f->onset_us = now_us;
        }
        f->streak++;
        if (f->streak < h->raise_polls) {
            f->state = XCVR_FLAG_STATE_RISING;
            return FALSE;
        }
        f->state = XCVR_FLAG_STATE_RAISED;
        f->streak = 0;
        f->count++;
        if (f->first_set_us == 0)
            f->first_set_us = f->onset_us;
        f->last_set_us = f->onset_us;
        f->onset_us = 0;
        return TRUE;
    case XCVR_FLAG_STATE_RAISED:
    case XCVR_FLAG_STATE_FALLING:
    default:
        if (set) {
            f->state = XCVR_FLAG_STATE_RAISED;
            f->streak = 0;
            f->onset_us = 0;
            return FALSE;
        }
        if (f->state == XCVR_FLAG_STATE_RAISED) {
            f->streak = 0;
            f->onset_us = now_us;
        }
        f->streak++;
        if (f->streak < h->clear_polls) {
            f->state = XCVR_FLAG_STATE_FALLING;
            return FALSE;
        }
        f->state = XCVR_FLAG_STATE_CLEAR;
        f->streak = 0;
        f->last_clear_us = f->onset_us;
        f->onset_us = 0;
        return TRUE;
    }
}

static XcvrHealth
record_verdict(const XcvrHistoryRecord *r, XcvrHealth base)
{
    XcvrHealth v = base;
    guint i;

    for (i = 0; i < r->flags->len; i++) {
        const XcvrHistoryFlag *f = g_ptr_array_index(r->flags, i);
        XcvrHealth level;

        if (!xcvr_history_flag_is_raised(f))
            continue;
        level = g_str_has_suffix(f->key, "_alarm") ? XCVR_HEALTH_ALARM : XCVR_HEALTH_WARNING;
        if (level > v)
            v = level;
    }
    return v;
}

/* One uplink's poll; TRUE when what a renderer shows changed. */
static gboolean
update_uplink(XcvrHistory *h, const XcvrInvUplink *up, gint64 now_us)
{
    g_autofree char *name = NULL;
    g_autofree char *vendor = NULL;
    g_autofree char *pn = NULL;
    g_autofree char *sn = NULL;
    XcvrHistoryRecord *r;
    XcvrHistoryRecord *was;
    g_autoptr(GHashTable) seen = NULL;
    GHashTableIter iter;
    gpointer key;
    gboolean changed = FALSE;
    XcvrHealth verdict;
    guint i;

    if (xcvr_history_uplink_name(up) == NULL || up->module == NULL)
        return FALSE; /* nothing read: no evidence either way */
    name = xcvr_escape_bytes(xcvr_history_uplink_name(up), -1);
    vendor = module_string(up->module, "vendor_name");
    pn = module_string(up->module, "vendor_pn");
    sn = module_string(up->module, "vendor_sn");

    was = find_current(h, name);
    r = find_record(h, name, vendor, pn, sn);
    if (r == NULL) {
        r = xcvr_history_record_new(name, vendor, pn, sn);
        r->first_seen_us = now_us;
        g_ptr_array_add(h->records, r);
        changed = TRUE;
    }
    if (was != NULL && was != r) {
        was->current = FALSE;
        changed = TRUE;
    }
    r->current = TRUE;
    r->last_seen_us = now_us;
    r->polls++;

    seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    collect_raised(up->module, seen);
    /* flags with a history: set or clear this poll */
    for (i = 0; i < r->flags->len; i++) {
        XcvrHistoryFlag *f = g_ptr_array_index(r->flags, i);
        g_autofree char *entry = f->lane > 0 ? g_strdup_printf("%s lane %u", f->key, f->lane)
                                             : g_strdup(f->key);
        gboolean set = g_hash_table_remove(seen, entry);

        changed |= step_flag(h, f, set, now_us);
    }
    /* flags seen set for the first time */
    g_hash_table_iter_init(&iter, seen);
    while (g_hash_table_iter_next(&iter, &key, NULL)) {
        guint lane;
        g_autofree char *flag_key = split_flag(key, &lane);
        XcvrHistoryFlag *f = find_flag(r, flag_key, lane);

        if (f != NULL)
            continue; /* a malformed entry that names one we have: counted above */
        f = xcvr_history_flag_new(flag_key, lane);
        g_ptr_array_add(r->flags, f);
        changed |= step_flag(h, f, TRUE, now_us);
    }
    g_ptr_array_sort(r->flags, compare_flags);

    verdict = record_verdict(r, up->health_base);
    if (verdict != r->verdict)
        changed = TRUE;
    r->verdict = verdict;
    prune(h, name);
    return changed;
}

gboolean
xcvr_history_update(XcvrHistory *history, const XcvrInventory *inventory, gint64 now_us)
{
    gboolean changed = FALSE;
    guint i;

    g_return_val_if_fail(history != NULL, FALSE);
    g_return_val_if_fail(inventory != NULL, FALSE);

    for (i = 0; i < inventory->uplinks->len; i++)
        changed |= update_uplink(history, g_ptr_array_index(inventory->uplinks, i), now_us);
    while (history->records->len > XCVR_HISTORY_MAX_RECORDS) {
        guint oldest = 0;

        for (i = 1; i < history->records->len; i++) {
            const XcvrHistoryRecord *r = g_ptr_array_index(history->records, i);
            const XcvrHistoryRecord *o = g_ptr_array_index(history->records, oldest);

            if (r->last_seen_us < o->last_seen_us)
                oldest = i;
        }
        g_ptr_array_remove_index(history->records, oldest);
        changed = TRUE;
    }
    history->polls++;
    history->updated_us = now_us;
    xcvr_history_sort(history);
    return changed;
}

/* ---- getters ---- */

guint64
xcvr_history_get_polls(const XcvrHistory *history)
{
    g_return_val_if_fail(history != NULL, 0);
    return history->polls;
}

gint64
xcvr_history_get_updated(const XcvrHistory *history)
{
    g_return_val_if_fail(history != NULL, 0);
    return history->updated_us;
}

const XcvrHistoryRecord *
xcvr_history_find(const XcvrHistory *history, const XcvrInvUplink *uplink)
{
    g_autofree char *name = NULL;
    g_autofree char *vendor = NULL;
    g_autofree char *pn = NULL;
    g_autofree char *sn = NULL;

    g_return_val_if_fail(history != NULL, NULL);
    g_return_val_if_fail(uplink != NULL, NULL);
    if (xcvr_history_uplink_name(uplink) == NULL)
        return NULL;
    name = xcvr_escape_bytes(xcvr_history_uplink_name(uplink), -1);
    if (uplink->module == NULL)
        return find_current(history, name);
    vendor = module_string(uplink->module, "vendor_name");
    pn = module_string(uplink->module, "vendor_pn");
    sn = module_string(uplink->module, "vendor_sn");
    return find_record(history, name, vendor, pn, sn);
}

XcvrHealth
xcvr_history_get_verdict(const XcvrHistory *history, const XcvrInvUplink *uplink)
{
    const XcvrHistoryRecord *r;

    g_return_val_if_fail(history != NULL, XCVR_HEALTH_UNKNOWN);
    g_return_val_if_fail(uplink != NULL, XCVR_HEALTH_UNKNOWN);
    /* a record holds no evidence about a cage whose module was not read now */
    if (uplink->module == NULL || (r = xcvr_history_find(history, uplink)) == NULL)
        return uplink->health;
    return record_verdict(r, uplink->health_base);
}

guint
xcvr_history_get_n_records(const XcvrHistory *history)
{
    g_return_val_if_fail(history != NULL, 0);
    return history->records->len;
}

const XcvrHistoryRecord *
xcvr_history_get_record(const XcvrHistory *history, guint index)
{
    g_return_val_if_fail(history != NULL, NULL);
    g_return_val_if_fail(index < history->records->len, NULL);
    return g_ptr_array_index(history->records, index);
}

const char *
xcvr_history_record_get_interface(const XcvrHistoryRecord *record)
{
    g_return_val_if_fail(record != NULL, NULL);
    return record->interface;
}

void
xcvr_history_record_get_module(const XcvrHistoryRecord *record, const char **ret_vendor,
                               const char **ret_pn, const char **ret_sn)
{
    g_return_if_fail(record != NULL);
    if (ret_vendor != NULL)
        *ret_vendor = record->vendor;
    if (ret_pn != NULL)
        *ret_pn = record->pn;
    if (ret_sn != NULL)
        *ret_sn = record->sn;
}

gboolean
xcvr_history_record_is_current(const XcvrHistoryRecord *record)
{
    g_return_val_if_fail(record != NULL, FALSE);
    return record->current;
}

XcvrHealth
xcvr_history_record_get_verdict(const XcvrHistoryRecord *record)
{
    g_return_val_if_fail(record != NULL, XCVR_HEALTH_UNKNOWN);
    return record->verdict;
}

void
xcvr_history_record_get_times(const XcvrHistoryRecord *record, gint64 *ret_first_seen,
                              gint64 *ret_last_seen, guint64 *ret_polls)
{
    g_return_if_fail(record != NULL);
    if (ret_first_seen != NULL)
        *ret_first_seen = record->first_seen_us;
    if (ret_last_seen != NULL)
        *ret_last_seen = record->last_seen_us;
    if (ret_polls != NULL)
        *ret_polls = record->polls;
}

guint
xcvr_history_record_get_n_flags(const XcvrHistoryRecord *record)
{
    g_return_val_if_fail(record != NULL, 0);
    return record->flags->len;
}

const XcvrHistoryFlag *
xcvr_history_record_get_flag(const XcvrHistoryRecord *record, guint index)
{
    g_return_val_if_fail(record != NULL, NULL);
    g_return_val_if_fail(index < record->flags->len, NULL);
    return g_ptr_array_index(record->flags, index);
}

const char *
xcvr_history_flag_get_key(const XcvrHistoryFlag *flag)
{
    g_return_val_if_fail(flag != NULL, NULL);
    return flag->key;
}

guint
xcvr_history_flag_get_lane(const XcvrHistoryFlag *flag)
{
    g_return_val_if_fail(flag != NULL, 0);
    return flag->lane;
}

XcvrFlagState
xcvr_history_flag_get_state(const XcvrHistoryFlag *flag)
{
    g_return_val_if_fail(flag != NULL, XCVR_FLAG_STATE_CLEAR);
    return flag->state;
}

guint64
xcvr_history_flag_get_count(const XcvrHistoryFlag *flag)
{
    g_return_val_if_fail(flag != NULL, 0);
    return flag->count;
}

void
xcvr_history_flag_get_times(const XcvrHistoryFlag *flag, gint64 *ret_first_set,
                            gint64 *ret_last_set, gint64 *ret_last_clear)
{
    g_return_if_fail(flag != NULL);
    if (ret_first_set != NULL)
        *ret_first_set = flag->first_set_us;
    if (ret_last_set != NULL)
        *ret_last_set = flag->last_set_us;
    if (ret_last_clear != NULL)
        *ret_last_clear = flag->last_clear_us;
}
