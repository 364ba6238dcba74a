/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-json.c: JSON documents read into jansson trees, nesting bounded before the parser
 * sees them.
 */

#include <xcvrmap/xcvr-error.h>

#include "core/xcvr-json-private.h"

/* The first place where nesting passes @max_depth, or -1: brackets inside strings do not
 * count. The parser checks everything else. */
static gssize
xcvr_json_too_deep(const char *data, gsize len, guint max_depth)
{
    gboolean in_string = FALSE;
    guint depth = 0;
    gsize i;

    for (i = 0; i < len; i++) {
        char c = data[i];

        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = FALSE;
            continue;
        }
        switch (c) {
        case '"':
            in_string = TRUE;
            break;
        case '[':
        case '{':
            if (++depth > max_depth)
                return (gssize)i;
            break;
        case ']':
        case '}':
            if (depth > 0)
                depth--;
            break;
        default:
            break;
        }
    }
    return -1;
}

json_t *
xcvr_json_parse(const char *data, gsize len, guint max_depth, const char *what, GError **error)
{
    json_error_t jerr;
    json_t *root;
    gssize deep;

    g_return_val_if_fail(data != NULL || len == 0, NULL);

    max_depth = MIN(max_depth, XCVR_JSON_MAX_DEPTH);
    deep = xcvr_json_too_deep(data, len, max_depth);
    if (deep >= 0) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "%s: nested deeper than %u levels at byte %" G_GSSIZE_FORMAT, what,
                    max_depth, deep);
        return NULL;
    }
    /* jansson takes a length: a NUL inside is a parse error, not the end of the text */
    root = json_loadb(data != NULL ? data : "", len, JSON_DECODE_ANY, &jerr);
    if (root == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "%s: line %d, column %d: %s",
                    what, jerr.line, jerr.column, jerr.text);
        return NULL;
    }
    return root;
}

const char *
xcvr_json_get_string(const json_t *object, const char *key)
{
    return json_string_value(json_object_get(object, key));
}
