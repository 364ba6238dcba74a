/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-ovs-dump.c: reads what `ovsdb-client dump --format=json` prints for the Open_vSwitch
 * database, and splits a stream of back-to-back JSON texts (the dump, and ovsdb's JSON-RPC).
 *
 * The dump is not one JSON document: ovsdb-client (checked with 2.x and 3.1) prints one
 * object per table, {"caption": "Bridge table", "headings": [column…], "data": [[value…]…]},
 * each followed by a newline (or spread over lines with --pretty); values are in RFC 7047
 * §5.1 notation. Dumping one table (`… Open_vSwitch Port`) prints just that object, so three
 * such dumps concatenated also work. A JSON array holding the table objects is accepted too.
 */
#include <string.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-ovs.h>

#include "xcvr-ovs-private.h"

/* ---- splitting a byte stream into JSON texts ---- */

static gboolean
is_json_space(char c)
{
    /* RFC 8259 §2: the only insignificant whitespace. */
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int
xcvr_json_split_next(XcvrJsonSplit *split, const char *buf, gsize len, gsize *ret_start,
                     gsize *ret_end, GError **error)
{
    g_return_val_if_fail(split != NULL, -1);
    g_return_val_if_fail(buf != NULL || len == 0, -1);

    for (; split->pos < len; split->pos++) {
        char c = buf[split->pos];

        if (split->depth == 0) {
            if (is_json_space(c))
                continue;
            /* ovsdb only ever sends objects at the top level (and arrays of them). */
            if (c != '{' && c != '[') {
                g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                            "not JSON from ovsdb: byte 0x%02x at offset %" G_GSIZE_FORMAT
                            " where an object should start",
                            (guint)(guchar)c, split->pos);
                return -1;
            }
            split->start = split->pos;
            split->depth = 1;
            continue;
        }
        if (split->in_string) {
            if (split->escaped)
                split->escaped = FALSE;
            else if (c == '\\')
                split->escaped = TRUE;
            else if (c == '"')
                split->in_string = FALSE;
            continue;
        }
        switch (c) {
        case '"':
            split->in_string = TRUE;
            break;
        case '{':
        case '[':
            if (split->depth >= XCVR_JSON_SPLIT_MAX_DEPTH) {
                g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                            "JSON nested deeper than %d levels at offset %" G_GSIZE_FORMAT,
                            XCVR_JSON_SPLIT_MAX_DEPTH, split->pos);
                return -1;
            }
            split->depth++;
            break;
        case '}':
        case ']':
            split->depth--;
            if (split->depth == 0) {
                *ret_start = split->start;
                *ret_end = ++split->pos;
                return 1;
            }
            break;
        default:
            break;
        }
    }
    return 0;
}

void
xcvr_json_split_shift(XcvrJsonSplit *split, gsize n)
{
    g_return_if_fail(split != NULL);
    g_return_if_fail(n <= split->pos);

    split->pos -= n;
    split->start = split->start >= n ? split->start - n : 0;
}

json_t *
xcvr_ovs_parse_json(const char *data, gsize len, GError **error)
{
    const char *bad = NULL;

    if (len > G_MAXSSIZE) {
        g_set_error_literal(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "JSON text too large");
        return NULL;
    }
    /* RFC 7047 §3.1 says UTF-8; checked here too, though jansson checks it, so that the
     * message says which byte in the text. Embedded NULs fail too. */
    if (!g_utf8_validate(data, (gssize)len, &bad)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "not UTF-8 JSON (bad byte at offset %" G_GSSIZE_FORMAT ")",
                    (gssize)(bad - data));
        return NULL;
    }
    return xcvr_json_parse(data, len, XCVR_JSON_SPLIT_MAX_DEPTH, "not valid JSON", error);
}

/* ---- the dump ---- */

/* The three tables the model is built from. */
typedef enum {
    DUMP_BRIDGE,
    DUMP_PORT,
    DUMP_INTERFACE,
    _DUMP_LAST,
} DumpTable;

static const char *const dump_tables[] = {
    [DUMP_BRIDGE] = "Bridge",
    [DUMP_PORT] = "Port",
    [DUMP_INTERFACE] = "Interface",
};
G_STATIC_ASSERT(G_N_ELEMENTS(dump_tables) == _DUMP_LAST);

/* Turns a table object's "data" (one array of values per row, in "headings" order) into row
 * objects keyed by column, which is what a JSON-RPC select returns. */
static json_t *
rows_from_table(const json_t *table, const char *name, GError **error)
{
    g_autoptr(json_t) rows = json_array();
    const json_t *headings = json_object_get(table, "headings");
    const json_t *data = json_object_get(table, "data");
    gsize n_columns;
    gsize i;
    gsize j;

    if (!json_is_array(headings) || !json_is_array(data)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "%s table has no \"headings\" or \"data\" array", name);
        return NULL;
    }
    n_columns = json_array_size(headings);
    for (j = 0; j < n_columns; j++) {
        if (!json_is_string(json_array_get(headings, j))) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "%s table: heading %" G_GSIZE_FORMAT " is not a string", name, j);
            return NULL;
        }
    }
    for (i = 0; i < json_array_size(data); i++) {
        const json_t *values = json_array_get(data, i);
        g_autoptr(json_t) row = NULL;

        if (!json_is_array(values) || json_array_size(values) != n_columns) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "%s table: row %" G_GSIZE_FORMAT " is not an array of %" G_GSIZE_FORMAT
                        " values",
                        name, i, n_columns);
            return NULL;
        }
        row = json_object();
        for (j = 0; j < n_columns; j++) {
            const char *column = json_string_value(json_array_get(headings, j));

            /* the row holds a reference to each value, not a copy; as a JSON object does, a
             * heading that repeats keeps its last value */
            if (json_object_set(row, column, json_array_get(values, j)) < 0) {
                g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                            "%s table: row %" G_GSIZE_FORMAT ": cannot store column %s", name,
                            i, column);
                return NULL;
            }
        }
        if (json_array_append(rows, row) < 0) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "%s table: cannot store row %" G_GSIZE_FORMAT, name, i);
            return NULL;
        }
    }
    return g_steal_pointer(&rows);
}

/* Files one table object under its caption; tables other than the three are skipped. */
static gboolean
take_table(const json_t *table, json_t **tables, GError **error)
{
    const char *caption;
    gsize i;

    if (!json_is_object(table)) {
        g_set_error_literal(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                            "not an ovsdb-client dump: a table is not a JSON object");
        return FALSE;
    }
    caption = xcvr_json_get_string(table, "caption");
    if (caption == NULL) {
        g_set_error_literal(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                            "not an ovsdb-client dump --format=json: a table has no caption");
        return FALSE;
    }
    for (i = 0; i < _DUMP_LAST; i++) {
        g_autofree char *want = g_strconcat(dump_tables[i], " table", NULL);

        if (strcmp(caption, want) != 0)
            continue;
        if (tables[i] != NULL) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "the dump holds the %s table twice", dump_tables[i]);
            return FALSE;
        }
        tables[i] = rows_from_table(table, dump_tables[i], error);
        return tables[i] != NULL;
    }
    return TRUE;
}

static void
tables_clear(json_t **tables)
{
    gsize i;

    for (i = 0; i < _DUMP_LAST; i++)
        g_clear_pointer(&tables[i], json_decref);
}

static XcvrOvs *
dump_parse(const char *data, gsize len, json_t **tables, GError **error)
{
    XcvrJsonSplit split = { 0 };
    gboolean any = FALSE;
    gsize start;
    gsize end;
    int r;
    gsize i;

    while ((r = xcvr_json_split_next(&split, data, len, &start, &end, error)) == 1) {
        g_autoptr(json_t) node = xcvr_ovs_parse_json(data + start, end - start, error);

        if (node == NULL)
            return NULL;
        any = TRUE;
        if (json_is_array(node)) {
            for (i = 0; i < json_array_size(node); i++) {
                if (!take_table(json_array_get(node, i), tables, error))
                    return NULL;
            }
        } else if (!take_table(node, tables, error)) {
            return NULL;
        }
    }
    if (r < 0)
        return NULL;
    if (split.depth != 0) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "truncated dump: it ends inside the JSON text starting at offset %"
                    G_GSIZE_FORMAT, split.start);
        return NULL;
    }
    if (!any) {
        g_set_error_literal(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                            "empty dump (no JSON text in it)");
        return NULL;
    }
    for (i = 0; i < _DUMP_LAST; i++) {
        if (tables[i] == NULL) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "no %s table in the dump (want `ovsdb-client dump --format=json` "
                        "of Open_vSwitch)",
                        dump_tables[i]);
            return NULL;
        }
    }
    return xcvr_ovs_new_from_rows(tables[DUMP_BRIDGE], tables[DUMP_PORT],
                                  tables[DUMP_INTERFACE], error);
}

/**
 * xcvr_ovs_new_from_dump:
 * @data: what `ovsdb-client dump --format=json` prints
 * @len: length of @data, or -1 when it is NUL-terminated
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the snapshot, or %NULL with @error set
 * (%XCVR_ERROR_INVALID_DATA).
 *
 * Since: 0.1
 */
XcvrOvs *
xcvr_ovs_new_from_dump(const char *data, gssize len, GError **error)
{
    json_t *tables[_DUMP_LAST] = { NULL };
    XcvrOvs *ovs;
    gsize n;

    g_return_val_if_fail(data != NULL || len == 0, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    n = len < 0 ? strlen(data) : (gsize)len;
    if (n > XCVR_OVS_MAX_BYTES) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "dump of %" G_GSIZE_FORMAT " bytes is larger than the %u MiB accepted", n,
                    XCVR_OVS_MAX_BYTES >> 20);
        return NULL;
    }
    ovs = dump_parse(data, n, tables, error);
    tables_clear(tables);
    return ovs;
}
