/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-history-private.h: an uplink's history in the outputs that carry it (map
 * JSON, node-device annotation). Not installed.
 */
#pragma once

#include <glib.h>

#include <xcvrmap/xcvr-history.h>

#include "inventory/xcvr-inventory-private.h"
#include "render/xcvr-json-writer-private.h"

/* The member `history`: the record xcvr_history_find() gives for @up, or null. */
void xcvr_render_history_json(XcvrJsonWriter *w, const XcvrHistory *history,
                              const XcvrInvUplink *up);

/* `<PREFIXhistory verdict=… …>` with one `<PREFIXflag …/>` per flag of the record
 * xcvr_history_find() gives for @up; nothing without one. */
void xcvr_render_history_xml(GString *out, const char *indent, const char *prefix,
                             const XcvrHistory *history, const XcvrInvUplink *up);
