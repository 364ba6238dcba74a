/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-json-private.h: reading JSON documents we did not write (ovsdb's replies and dumps,
 * history.json, the hosts' maps of a pool) into jansson trees, with a bound on nesting.
 * Writing JSON is xcvr-json-writer-private.h's; this is only the reading side and the few
 * accessors the readers share. Not installed.
 */
#pragma once

#include <glib.h>
#include <jansson.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC(json_t, json_decref)

/* The deepest nesting any reader accepts: ours are at most 12 deep (a pool map), and a
 * tree read back is written out again by a writer with a fixed depth. */
#define XCVR_JSON_MAX_DEPTH 24

/*
 * Parses @len bytes of @data (any JSON value at the top) into a new tree. Arrays and
 * objects may nest at most @max_depth levels (at most %XCVR_JSON_MAX_DEPTH): jansson
 * before 2.13, which XCP-ng dom0 has, recurses once per level without a bound of its own.
 * Strings must be valid UTF-8 without NUL; an integer outside gint64 is an error (as
 * json-glib's was not: it rounded to a double). On failure, %XCVR_ERROR_INVALID_DATA
 * whose message says where ("line L, column C: …") prefixed by @what.
 */
json_t *xcvr_json_parse(const char *data, gsize len, guint max_depth, const char *what,
                        GError **error);

/* The string member @key of @object, or %NULL when @object is not an object, has no
 * such member, or it is not a string. */
const char *xcvr_json_get_string(const json_t *object, const char *key);
