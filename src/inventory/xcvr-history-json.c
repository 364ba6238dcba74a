/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-history-json.c: the history as the document `history.json` holds, and back (schema:
 * src/render/schemas/xcvrmap-history.schema.json). Pure. The reader trusts nothing: the
 * file may be truncated by a full disk, edited by hand, written by another program or
 * another version, or come from a clock that was wrong; anything it cannot vouch for is
 * refused whole, never half-loaded. Written by the streaming writer, read through jansson
 * (xcvr_json_parse(), which bounds the nesting first).
 */
#include <string.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-history.h>

#include "core/xcvr-json-private.h"
#include "inventory/xcvr-history-private.h"
#include "render/xcvr-json-writer-private.h"

/* The document nests four levels (root, records, a record, its flags…); anything deeper is
 * not ours, and is refused before the parser builds a tree of it. */
#define MAX_DEPTH 8
/* Bounds on what one document may hold, far above a real host (64 ports × 4 modules,
 * 5 quantities × 4 flags × 8 lanes each). */
#define MAX_FLAGS 4096
#define MAX_LANE 255

static void
write_int(XcvrJsonWriter *w, const char *key, gint64 v)
{
    xcvr_json_writer_key(w, key);
    xcvr_json_writer_int(w, v);
}

/* A time: µs since the epoch, null for never. */
static void
write_time(XcvrJsonWriter *w, const char *key, gint64 us)
{
    xcvr_json_writer_key(w, key);
    if (us != 0)
        xcvr_json_writer_int(w, us);
    else
        xcvr_json_writer_null(w);
}

/* A string member, null for %NULL. */
static void
write_string(XcvrJsonWriter *w, const char *key, const char *value)
{
    xcvr_json_writer_key(w, key);
    xcvr_json_writer_string(w, value);
}

static void
write_flag(XcvrJsonWriter *w, const XcvrHistoryFlag *f)
{
    xcvr_json_writer_begin_object(w);
    write_string(w, "flag", f->key);
    write_int(w, "lane", f->lane);
    write_string(w, "state", xcvr_flag_state_to_string(f->state));
    write_int(w, "streak", f->streak);
    write_time(w, "onset_us", f->onset_us);
    write_int(w, "count", (gint64)f->count);
    write_time(w, "first_set_us", f->first_set_us);
    write_time(w, "last_set_us", f->last_set_us);
    write_time(w, "last_clear_us", f->last_clear_us);
    xcvr_json_writer_end_object(w);
}

static void
write_record(XcvrJsonWriter *w, const XcvrHistoryRecord *r)
{
    guint i;

    xcvr_json_writer_begin_object(w);
    write_string(w, "interface", r->interface);
    write_string(w, "vendor", r->vendor);
    write_string(w, "pn", r->pn);
    write_string(w, "sn", r->sn);
    xcvr_json_writer_key(w, "current");
    xcvr_json_writer_boolean(w, r->current);
    write_string(w, "verdict", xcvr_health_to_string(r->verdict));
    write_int(w, "first_seen_us", r->first_seen_us);
    write_int(w, "last_seen_us", r->last_seen_us);
    write_int(w, "polls", (gint64)r->polls);
    xcvr_json_writer_key(w, "flags");
    xcvr_json_writer_begin_array(w);
    for (i = 0; i < r->flags->len; i++)
        write_flag(w, g_ptr_array_index(r->flags, i));
    xcvr_json_writer_end_array(w);
    xcvr_json_writer_end_object(w);
}

/* About what a record takes, and a flag, to size the buffer once. */
#define RECORD_BYTES 320
#define FLAG_BYTES 256

char *
xcvr_history_to_json(const XcvrHistory *history)
{
    g_autoptr(GString) out = NULL;
    XcvrJsonWriter w;
    gsize size = 256;
    guint i;

    g_return_val_if_fail(history != NULL, NULL);

    for (i = 0; i < history->records->len; i++) {
        const XcvrHistoryRecord *r = g_ptr_array_index(history->records, i);

        size += RECORD_BYTES + (gsize)r->flags->len * FLAG_BYTES;
    }
    out = g_string_sized_new(size);
    /* one space a level: the layout history.json has always had */
    xcvr_json_writer_init(&w, out, TRUE, 1);
    /* every string is already in its escaped form (xcvr-history.c keys records by
     * xcvr_escape_bytes() of the names): only quoted, so that it reads back the same */
    w.escape = FALSE;
    xcvr_json_writer_begin_object(&w);
    write_string(&w, "format", XCVR_HISTORY_FORMAT);
    write_int(&w, "version", XCVR_HISTORY_VERSION);
    write_int(&w, "updated_us", history->updated_us);
    write_int(&w, "polls", (gint64)history->polls);
    xcvr_json_writer_key(&w, "records");
    xcvr_json_writer_begin_array(&w);
    for (i = 0; i < history->records->len; i++)
        write_record(&w, g_ptr_array_index(history->records, i));
    xcvr_json_writer_end_array(&w);
    xcvr_json_writer_end_object(&w);
    return g_string_free(g_steal_pointer(&out), FALSE);
}

/* ---- reading ---- */

static gboolean G_GNUC_PRINTF(2, 3)
invalid(GError **error, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "not a usable history: %s", msg);
    return FALSE;
}

static json_t *
member(const json_t *o, const char *key, const char *where, GError **error)
{
    json_t *n = json_object_get(o, key);

    if (n == NULL)
        invalid(error, "%s has no \"%s\"", where, key);
    return n;
}

/* An integer in [@min, @max]: a number with a fraction or an exponent (5.0, 5e0) is not
 * one, as the writer never writes one so. */
static gboolean
get_int(const json_t *o, const char *key, const char *where, gint64 min, gint64 max,
        gint64 *ret, GError **error)
{
    const json_t *n = member(o, key, where, error);
    gint64 v;

    if (n == NULL)
        return FALSE;
    if (!json_is_integer(n))
        return invalid(error, "%s: \"%s\" is not an integer", where, key);
    v = (gint64)json_integer_value(n);
    if (v < min || v > max)
        return invalid(error, "%s: \"%s\" out of range", where, key);
    *ret = v;
    return TRUE;
}

/* A time: a positive integer or null (0). */
static gboolean
get_time(const json_t *o, const char *key, const char *where, gint64 *ret, GError **error)
{
    const json_t *n = member(o, key, where, error);

    if (n == NULL)
        return FALSE;
    if (json_is_null(n)) {
        *ret = 0;
        return TRUE;
    }
    return get_int(o, key, where, 1, G_MAXINT64, ret, error);
}

/* A string as the writer leaves it: escaped (no control character), at most @max bytes. */
static const char *
get_string(const json_t *o, const char *key, const char *where, gsize max, GError **error)
{
    const json_t *n = member(o, key, where, error);
    const char *s;
    const guchar *p;

    if (n == NULL)
        return NULL;
    if (!json_is_string(n)) {
        invalid(error, "%s: \"%s\" is not a string", where, key);
        return NULL;
    }
    s = json_string_value(n);
    for (p = (const guchar *)s; *p != '\0'; p++) {
        if (*p < 0x20 || *p == 0x7F || (gsize)(p - (const guchar *)s) >= max) {
            invalid(error, "%s: \"%s\" is too long or holds a control character", where,
                    key);
            return NULL;
        }
    }
    return s;
}

/* A flag key of the module vocabulary: lower-case words, an alarm or a warning. */
static gboolean
flag_key_ok(const char *key)
{
    const char *p;

    if (!g_str_has_suffix(key, "_alarm") && !g_str_has_suffix(key, "_warning"))
        return FALSE;
    for (p = key; *p != '\0'; p++) {
        if (!g_ascii_islower(*p) && !g_ascii_isdigit(*p) && *p != '_')
            return FALSE;
    }
    return TRUE;
}

static const json_t *
get_object(const json_t *n, const char *where, GError **error)
{
    if (!json_is_object(n)) {
        invalid(error, "%s is not an object", where);
        return NULL;
    }
    return n;
}

static const json_t *
get_array(const json_t *o, const char *key, const char *where, gsize max, GError **error)
{
    const json_t *n = member(o, key, where, error);

    if (n == NULL)
        return NULL;
    if (!json_is_array(n)) {
        invalid(error, "%s: \"%s\" is not an array", where, key);
        return NULL;
    }
    if (json_array_size(n) > max) {
        invalid(error, "%s: \"%s\" has more than %" G_GSIZE_FORMAT " entries", where, key,
                max);
        return NULL;
    }
    return n;
}

static XcvrHistoryFlag *
read_flag(const json_t *node, gint64 updated_us, GError **error)
{
    const char *where = "a flag";
    g_autoptr(XcvrHistoryFlag) f = NULL;
    const json_t *o = get_object(node, where, error);
    const char *key;
    const char *state;
    gint64 lane = 0;
    gint64 streak = 0;
    gint64 count = 0;
    int st;

    if (o == NULL || (key = get_string(o, "flag", where, 64, error)) == NULL ||
        (state = get_string(o, "state", where, 16, error)) == NULL ||
        !get_int(o, "lane", where, 0, MAX_LANE, &lane, error) ||
        !get_int(o, "streak", where, 0, G_MAXINT, &streak, error) ||
        !get_int(o, "count", where, 0, G_MAXINT64, &count, error))
        return NULL;
    if (!flag_key_ok(key)) {
        invalid(error, "a flag key that is not an alarm's or a warning's");
        return NULL;
    }
    st = xcvr_flag_state_from_string(state);
    if (st < 0) {
        invalid(error, "unknown flag state");
        return NULL;
    }
    f = xcvr_history_flag_new(key, (guint)lane);
    f->state = (XcvrFlagState)st;
    f->streak = (guint)streak;
    f->count = (guint64)count;
    if (!get_time(o, "onset_us", where, &f->onset_us, error) ||
        !get_time(o, "first_set_us", where, &f->first_set_us, error) ||
        !get_time(o, "last_set_us", where, &f->last_set_us, error) ||
        !get_time(o, "last_clear_us", where, &f->last_clear_us, error))
        return NULL;
    /* what the update keeps true of every flag */
    if (f->onset_us > updated_us || f->last_set_us > updated_us ||
        f->last_clear_us > updated_us || f->first_set_us > f->last_set_us ||
        (f->count == 0) != (f->last_set_us == 0) || (f->first_set_us == 0) != (f->count == 0) ||
        (xcvr_history_flag_is_raised(f) && f->count == 0) ||
        ((f->state == XCVR_FLAG_STATE_RISING || f->state == XCVR_FLAG_STATE_FALLING) !=
         (f->streak != 0 && f->onset_us != 0)) ||
        (f->streak != 0) != (f->onset_us != 0)) {
        invalid(error, "flag %s: times, count and state disagree", key);
        return NULL;
    }
    return g_steal_pointer(&f);
}

static XcvrHistoryRecord *
read_record(const json_t *node, gint64 updated_us, GError **error)
{
    const char *where = "a record";
    g_autoptr(XcvrHistoryRecord) r = NULL;
    const json_t *o = get_object(node, where, error);
    const char *interface;
    const char *vendor;
    const char *pn;
    const char *sn;
    const char *verdict;
    const json_t *current;
    const json_t *flags;
    gint64 polls = 0;
    int v;
    gsize i;

    if (o == NULL || (interface = get_string(o, "interface", where, 1024, error)) == NULL ||
        (vendor = get_string(o, "vendor", where, 256, error)) == NULL ||
        (pn = get_string(o, "pn", where, 256, error)) == NULL ||
        (sn = get_string(o, "sn", where, 256, error)) == NULL ||
        (verdict = get_string(o, "verdict", where, 16, error)) == NULL ||
        (current = member(o, "current", where, error)) == NULL ||
        (flags = get_array(o, "flags", where, MAX_FLAGS, error)) == NULL ||
        !get_int(o, "polls", where, 1, G_MAXINT64, &polls, error))
        return NULL;
    if (interface[0] == '\0') {
        invalid(error, "a record without an interface");
        return NULL;
    }
    if (!json_is_boolean(current)) {
        invalid(error, "a record: \"current\" is not a boolean");
        return NULL;
    }
    v = xcvr_health_from_string(verdict);
    if (v < 0) {
        invalid(error, "a record: unknown verdict");
        return NULL;
    }
    r = xcvr_history_record_new(interface, vendor, pn, sn);
    r->current = json_is_true(current);
    r->verdict = (XcvrHealth)v;
    r->polls = (guint64)polls;
    if (!get_int(o, "first_seen_us", where, 1, G_MAXINT64, &r->first_seen_us, error) ||
        !get_int(o, "last_seen_us", where, 1, G_MAXINT64, &r->last_seen_us, error))
        return NULL;
    if (r->first_seen_us > r->last_seen_us || r->last_seen_us > updated_us) {
        invalid(error, "a record seen before it was first seen, or after the update");
        return NULL;
    }
    for (i = 0; i < json_array_size(flags); i++) {
        XcvrHistoryFlag *f = read_flag(json_array_get(flags, i), updated_us, error);
        guint j;

        if (f == NULL)
            return NULL;
        for (j = 0; j < r->flags->len; j++) {
            const XcvrHistoryFlag *g = g_ptr_array_index(r->flags, j);

            if (g->lane == f->lane && strcmp(g->key, f->key) == 0) {
                xcvr_history_flag_free(f);
                invalid(error, "a flag twice in one record");
                return NULL;
            }
        }
        g_ptr_array_add(r->flags, f);
    }
    return g_steal_pointer(&r);
}

/* No two records of one module in one cage, at most one current record per cage. */
static gboolean
records_consistent(const XcvrHistory *h, GError **error)
{
    guint i;
    guint j;

    for (i = 0; i < h->records->len; i++) {
        const XcvrHistoryRecord *a = g_ptr_array_index(h->records, i);

        for (j = i + 1; j < h->records->len; j++) {
            const XcvrHistoryRecord *b = g_ptr_array_index(h->records, j);

            if (strcmp(a->interface, b->interface) != 0)
                continue;
            if (a->current && b->current)
                return invalid(error, "two current records for one interface");
            if (strcmp(a->vendor, b->vendor) == 0 && strcmp(a->pn, b->pn) == 0 &&
                strcmp(a->sn, b->sn) == 0)
                return invalid(error, "one module twice in one interface");
        }
    }
    return TRUE;
}

XcvrHistory *
xcvr_history_from_json(const char *data, gssize len, gint64 now_us, GError **error)
{
    g_autoptr(json_t) tree = NULL;
    g_autoptr(GError) local = NULL;
    g_autoptr(XcvrHistory) h = NULL;
    const char *format;
    const json_t *root;
    const json_t *records;
    gint64 version = 0;
    gint64 polls = 0;
    gint64 updated = 0;
    gsize i;

    g_return_val_if_fail(data != NULL || len == 0, NULL);
    if (len < 0)
        len = (gssize)strlen(data);
    if (len == 0) {
        invalid(error, "empty file");
        return NULL;
    }
    if (!g_utf8_validate(data, len, NULL)) {
        invalid(error, "not UTF-8 text");
        return NULL;
    }
    /* nesting bounded before the parser sees it; one value and nothing after it */
    tree = xcvr_json_parse(data, (gsize)len, MAX_DEPTH, "not JSON (truncated?)", &local);
    if (tree == NULL) {
        invalid(error, "%s", local->message);
        return NULL;
    }
    root = get_object(tree, "the document", error);
    if (root == NULL)
        return NULL;
    format = get_string(root, "format", "the document", 64, error);
    if (format == NULL)
        return NULL;
    if (strcmp(format, XCVR_HISTORY_FORMAT) != 0) {
        invalid(error, "another program's document");
        return NULL;
    }
    if (!get_int(root, "version", "the document", 0, G_MAXINT64, &version, error))
        return NULL;
    if (version != XCVR_HISTORY_VERSION) {
        invalid(error, "format version %" G_GINT64_FORMAT ", this xcvrmap reads %d", version,
                XCVR_HISTORY_VERSION);
        return NULL;
    }
    if (!get_int(root, "updated_us", "the document", 0, G_MAXINT64, &updated, error) ||
        !get_int(root, "polls", "the document", 0, G_MAXINT64, &polls, error) ||
        (records = get_array(root, "records", "the document", XCVR_HISTORY_MAX_RECORDS,
                             error)) == NULL)
        return NULL;
    if (now_us > 0 && updated > now_us + XCVR_HISTORY_FUTURE_SLACK_US) {
        invalid(error, "from the future (updated %" G_GINT64_FORMAT " s after now)",
                (updated - now_us) / G_USEC_PER_SEC);
        return NULL;
    }
    h = xcvr_history_new();
    h->updated_us = updated;
    h->polls = (guint64)polls;
    for (i = 0; i < json_array_size(records); i++) {
        XcvrHistoryRecord *r = read_record(json_array_get(records, i), updated, error);

        if (r == NULL)
            return NULL;
        if (r->polls > h->polls) {
            xcvr_history_record_free(r);
            invalid(error, "a record polled more often than the history");
            return NULL;
        }
        g_ptr_array_add(h->records, r);
    }
    if (!records_consistent(h, error))
        return NULL;
    xcvr_history_sort(h);
    return g_steal_pointer(&h);
}
