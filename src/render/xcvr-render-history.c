/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-history.c: an uplink's history (verdict with hysteresis, module, flags with
 * their times and counts) as the map JSON's `history` member, the node-device annotation's
 * `<xcvrmap:history>` element and the map text's closing section. Pure.
 */
#include <string.h>

#include <xcvrmap/xcvr-escape.h>
#include <xcvrmap/xcvr-history.h>

#include "inventory/xcvr-history-private.h"
#include "inventory/xcvr-inventory-private.h"
#include "render/xcvr-render-history-private.h"
#include "render/xcvr-render-private.h"

/* A record's names are kept as xcvr_escape_bytes() wrote them (what history.json can
 * hold); the JSON and XML writers apply that rule themselves, so they get the bytes back,
 * and the document carries each name escaped once, as it carries the module's. */
static char *
unescape_bytes(const char *s)
{
    GString *out = g_string_sized_new(strlen(s));

    while (*s != '\0') {
        if (s[0] == '\\' && s[1] == '\\') {
            g_string_append_c(out, '\\');
            s += 2;
        } else if (s[0] == '\\' && s[1] == 'x' && g_ascii_isxdigit(s[2]) &&
                   g_ascii_isxdigit(s[3])) {
            g_string_append_c(out, (char)(g_ascii_xdigit_value(s[2]) * 16 +
                                          g_ascii_xdigit_value(s[3])));
            s += 4;
        } else {
            g_string_append_c(out, *s);
            s++;
        }
    }
    return g_string_free(out, FALSE);
}

static void
json_name(XcvrJsonWriter *w, const char *key, const char *escaped)
{
    g_autofree char *raw = unescape_bytes(escaped);

    xcvr_render_json_write_string(w, key, raw);
}

static void
json_time(XcvrJsonWriter *w, const char *key, gint64 us)
{
    g_autofree char *text = us != 0 ? xcvr_history_format_time(us) : NULL;

    xcvr_render_json_write_string(w, key, text);
}

void
xcvr_render_history_json(XcvrJsonWriter *w, const XcvrHistory *history,
                         const XcvrInvUplink *up)
{
    const XcvrHistoryRecord *r = xcvr_history_find(history, up);
    guint i;

    xcvr_json_writer_member(w, "history");
    if (r == NULL) {
        xcvr_json_writer_null(w);
        return;
    }
    xcvr_json_writer_begin_object(w);
    xcvr_render_json_write_string(w, "verdict", xcvr_health_to_string(r->verdict));
    xcvr_json_writer_member(w, "module");
    xcvr_json_writer_begin_object(w);
    json_name(w, "vendor", r->vendor);
    json_name(w, "pn", r->pn);
    json_name(w, "sn", r->sn);
    xcvr_json_writer_end_object(w);
    xcvr_json_writer_member(w, "current");
    xcvr_json_writer_boolean(w, r->current);
    json_time(w, "first_seen", r->first_seen_us);
    json_time(w, "last_seen", r->last_seen_us);
    xcvr_json_writer_member(w, "polls");
    xcvr_json_writer_int(w, (gint64)r->polls);
    xcvr_json_writer_member(w, "flags");
    xcvr_json_writer_begin_array(w);
    for (i = 0; i < r->flags->len; i++) {
        const XcvrHistoryFlag *f = g_ptr_array_index(r->flags, i);

        xcvr_json_writer_begin_object(w);
        xcvr_render_json_write_string(w, "flag", f->key);
        xcvr_json_writer_member(w, "lane");
        if (f->lane > 0)
            xcvr_json_writer_int(w, f->lane);
        else
            xcvr_json_writer_null(w);
        xcvr_render_json_write_string(w, "state", xcvr_flag_state_to_string(f->state));
        xcvr_json_writer_member(w, "count");
        xcvr_json_writer_int(w, (gint64)f->count);
        json_time(w, "first_set", f->first_set_us);
        json_time(w, "last_set", f->last_set_us);
        json_time(w, "last_clear", f->last_clear_us);
        xcvr_json_writer_end_object(w);
    }
    xcvr_json_writer_end_array(w);
    xcvr_json_writer_end_object(w);
}

static void
xml_attr(GString *out, const char *name, const char *value)
{
    if (value == NULL)
        return;
    g_string_append_printf(out, " %s=\"", name);
    xcvr_xml_escape_append(out, value);
    g_string_append_c(out, '"');
}

static void
xml_name(GString *out, const char *name, const char *escaped)
{
    g_autofree char *raw = unescape_bytes(escaped);

    xml_attr(out, name, raw);
}

static void
xml_time(GString *out, const char *name, gint64 us)
{
    g_autofree char *text = us != 0 ? xcvr_history_format_time(us) : NULL;

    xml_attr(out, name, text);
}

void
xcvr_render_history_xml(GString *out, const char *indent, const char *prefix,
                        const XcvrHistory *history, const XcvrInvUplink *up)
{
    const XcvrHistoryRecord *r = xcvr_history_find(history, up);
    g_autofree char *polls = NULL;
    guint i;

    if (r == NULL)
        return;
    polls = g_strdup_printf("%" G_GUINT64_FORMAT, r->polls);
    g_string_append_printf(out, "%s<%shistory", indent, prefix);
    xml_attr(out, "verdict", xcvr_health_to_string(r->verdict));
    xml_name(out, "vendor", r->vendor);
    xml_name(out, "pn", r->pn);
    xml_name(out, "sn", r->sn);
    xml_attr(out, "current", r->current ? "true" : "false");
    xml_time(out, "first-seen", r->first_seen_us);
    xml_time(out, "last-seen", r->last_seen_us);
    xml_attr(out, "polls", polls);
    if (r->flags->len == 0) {
        g_string_append(out, "/>\n");
        return;
    }
    g_string_append(out, ">\n");
    for (i = 0; i < r->flags->len; i++) {
        const XcvrHistoryFlag *f = g_ptr_array_index(r->flags, i);
        g_autofree char *lane = f->lane > 0 ? g_strdup_printf("%u", f->lane) : NULL;
        g_autofree char *count = g_strdup_printf("%" G_GUINT64_FORMAT, f->count);

        g_string_append_printf(out, "%s  <%sflag", indent, prefix);
        xml_attr(out, "name", f->key);
        xml_attr(out, "lane", lane);
        xml_attr(out, "state", xcvr_flag_state_to_string(f->state));
        xml_attr(out, "count", count);
        xml_time(out, "first-set", f->first_set_us);
        xml_time(out, "last-set", f->last_set_us);
        xml_time(out, "last-clear", f->last_clear_us);
        g_string_append(out, "/>\n");
    }
    g_string_append_printf(out, "%s</%shistory>\n", indent, prefix);
}

char *
xcvr_render_map_text_with_history(const XcvrInventory *inventory, const XcvrHistory *history)
{
    g_autofree char *map = NULL;
    g_autofree char *updated = NULL;
    GString *out;
    guint i;

    g_return_val_if_fail(inventory != NULL, NULL);
    map = xcvr_render_map_text(inventory);
    if (history == NULL)
        return g_steal_pointer(&map);

    out = g_string_new(map);
    updated = history->updated_us != 0 ? xcvr_history_format_time(history->updated_us)
                                       : g_strdup("never");
    g_string_append_printf(out, "\nHistory (%" G_GUINT64_FORMAT " polls, last %s; verdicts "
                                "after hysteresis):\n",
                           history->polls, updated);
    for (i = 0; i < inventory->uplinks->len; i++) {
        const XcvrInvUplink *up = g_ptr_array_index(inventory->uplinks, i);
        const XcvrHistoryRecord *r = xcvr_history_find(history, up);
        g_autofree char *name = NULL;
        g_autofree char *since = NULL;
        guint f;

        if (r == NULL)
            continue;
        name = xcvr_escape_text(xcvr_history_uplink_name(up), -1);
        since = xcvr_history_format_time(r->first_seen_us);
        g_string_append_printf(out, "  %s: %s (module seen since %s, %" G_GUINT64_FORMAT
                                    " polls)\n",
                               name, xcvr_health_to_string(r->verdict), since, r->polls);
        for (f = 0; f < r->flags->len; f++) {
            const XcvrHistoryFlag *fl = g_ptr_array_index(r->flags, f);
            g_autofree char *last_set = fl->last_set_us != 0
                ? xcvr_history_format_time(fl->last_set_us) : g_strdup("never");

            g_string_append_printf(out, "    %s", fl->key);
            if (fl->lane > 0)
                g_string_append_printf(out, " lane %u", fl->lane);
            g_string_append_printf(out, ": %s, %" G_GUINT64_FORMAT " raise%s, last set %s",
                                   xcvr_flag_state_to_string(fl->state), fl->count,
                                   fl->count == 1 ? "" : "s", last_set);
            if (fl->last_clear_us != 0) {
                g_autofree char *clear = xcvr_history_format_time(fl->last_clear_us);

                g_string_append_printf(out, ", last clear %s", clear);
            }
            g_string_append_c(out, '\n');
        }
    }
    return g_string_free(out, FALSE);
}
