/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-json-writer-tree-private.h: a jansson tree written through the streaming writer (a
 * separate header so that the writer's users need no jansson). Not installed.
 */
#pragma once

#include "core/xcvr-json-private.h"
#include "render/xcvr-json-writer-private.h"

/*
 * Writes the tree @node (members in their order) as the value that comes next. Its
 * strings are written as they are, quoted but not passed through xcvr_escape_bytes(): a
 * tree holds text read from a document, whose writer escaped it already. The tree must
 * be no deeper than %XCVR_JSON_WRITER_DEPTH less the writer's depth (xcvr_json_parse()
 * bounds what it reads): returns FALSE, having written null in its place, when it is not.
 */
gboolean xcvr_json_writer_tree(XcvrJsonWriter *w, const json_t *node);
