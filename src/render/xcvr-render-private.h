/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-private.h: pieces the renderers share: the vocabulary's values written as
 * JSON members or an XML element, one XML escaper, and a module's per-field JSON detail.
 * Not installed.
 */
#pragma once

#include <glib.h>

#include <xcvrmap/xcvr-module.h>

#include "render/xcvr-json-writer-private.h"

/* Appends @text to @out escaped for XML 1.0 character data and attribute values: the one
 * rule of xcvr_escape_xml_append() (controls and invalid UTF-8 as `\xHH`, markup as
 * entities). */
void xcvr_xml_escape_append(GString *out, const char *text);

/* Writes each value of @values (XcvrVocabValue, from xcvr_vocab_evaluate()) as a member of
 * the object @w is writing. */
void xcvr_render_vocab_json_write(XcvrJsonWriter *w, GArray *values);

/* Appends `<ELEMENT attr…>` for @values: scalars as attributes, per-lane numbers as one
 * `<lane number="N" …/>` per lane, lists as one `<ITEM>text</ITEM>` per item; @indent is
 * the element's own indentation. */
void xcvr_render_vocab_xml_element(GString *out, const char *indent, const char *element,
                                   GArray *values);

/* As xcvr_render_vocab_xml_element(), every element name (the item and lane elements
 * too) after @prefix ("xcvrmap:"). */
void xcvr_render_vocab_xml_element_ns(GString *out, const char *indent, const char *prefix,
                                      const char *element, GArray *values);

/* The per-field detail of a module (family, checksums, checksums_ok, fields, warnings) as
 * members of the object @w is writing: what xcvr_render_json() prints. */
void xcvr_render_json_module_write(XcvrJsonWriter *w, const XcvrModule *module);

/* A double as the shortest text that reads back as the same value. */
void xcvr_render_append_double(GString *out, double v);

/* The stable code of @error for `module_error.code`: the XCVR_ERROR name; "io" for a GLib file
 * error; "failed" otherwise (and for %NULL). */
const char *xcvr_render_error_code(const GError *error);

/* The member @key, written by @w into the object it is writing: the string @value, or null
 * when @value is %NULL. */
void xcvr_render_json_write_string(XcvrJsonWriter *w, const char *key, const char *value);

/* The member @key: `{"code", "message"}` of @error (code from xcvr_render_error_code()),
 * or null when @error is %NULL. */
void xcvr_render_json_write_error(XcvrJsonWriter *w, const char *key, const GError *error);

/* @hops (XcvrHop*) as the array member @key: `{"kind", "name", "detail"?}` each, the one
 * hop shape of the map's `path`/`via` and topo's `path`. */
void xcvr_render_json_write_hops(XcvrJsonWriter *w, const char *key, GPtrArray *hops);

/* A new document's writer: @out is sized for a document of about @size_hint bytes, written
 * pretty with two-space indentation (json-glib's layout of the published documents). */
void xcvr_render_json_document(XcvrJsonWriter *w, GString **out, gsize size_hint);
