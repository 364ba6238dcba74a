/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-json-oracle.h: json-glib as an independent oracle for the JSON reader tests, behind
 * plain C types: json-glib's and jansson's headers cannot meet in one file (both declare
 * json_object_iter_next()).
 */
#pragma once

#include <glib.h>

/* json-glib's parse of @json, generated again (pretty with two spaces, or compact); %NULL
 * when json-glib does not accept it. */
char *xcvr_json_oracle_regenerate(const char *json, gboolean pretty);

/* A random JSON document from @rand, as json-glib generates it (compact): objects, arrays,
 * integers of the whole gint64 range, finite doubles of every scale, booleans, nulls and
 * strings with controls, quotes, backslashes and multi-byte UTF-8, at most @depth deep. */
char *xcvr_json_oracle_random(GRand *rand, guint depth);
