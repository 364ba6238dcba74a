/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-json-writer-private.h: a streaming JSON writer whose text is what json-glib's
 * generator would make of the same document (see xcvr-json-writer.c). Not installed.
 */
#pragma once

#include <glib.h>

#define XCVR_JSON_WRITER_DEPTH 32

typedef struct {
    GString *out;
    gboolean pretty;
    guint indent;
    /* strings through xcvr_escape_bytes() first: FALSE for text already in that form
     * (history.json's strings, escaped when recorded; a tree read from a document) */
    gboolean escape;
    guint depth;
    gboolean named; /* a member name was written, its value comes next */
    gboolean first[XCVR_JSON_WRITER_DEPTH]; /* no element yet at this depth */
} XcvrJsonWriter;

/* Writes to @out: pretty-printed with @indent spaces a level (0: 2, json-glib's default)
 * or on one line. */
void xcvr_json_writer_init(XcvrJsonWriter *w, GString *out, gboolean pretty, guint indent);

void xcvr_json_writer_begin_object(XcvrJsonWriter *w);
void xcvr_json_writer_end_object(XcvrJsonWriter *w);
void xcvr_json_writer_begin_array(XcvrJsonWriter *w);
void xcvr_json_writer_end_array(XcvrJsonWriter *w);
/* The name of the next member of the object being written. */
void xcvr_json_writer_member(XcvrJsonWriter *w, const char *name);
/* As xcvr_json_writer_member() for a name that needs no quoting: one of our own keys, made
 * of [a-z0-9_] (a field table's, a checksum's: xcvr-json-writer-test checks every one),
 * copied without the scan every other name and string gets. */
void xcvr_json_writer_key(XcvrJsonWriter *w, const char *key);
/* A string, or null for %NULL. */
void xcvr_json_writer_string(XcvrJsonWriter *w, const char *s);
void xcvr_json_writer_int(XcvrJsonWriter *w, gint64 v);
void xcvr_json_writer_double(XcvrJsonWriter *w, double v);
void xcvr_json_writer_boolean(XcvrJsonWriter *w, gboolean v);
void xcvr_json_writer_null(XcvrJsonWriter *w);

