/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xcvr-render.h: renderers of a decoded module: ethtool-identical text, JSON and XML. */
#pragma once

#include <glib.h>

#include "xcvr-module.h"
#include "xcvr-version.h"

G_BEGIN_DECLS

/**
 * xcvr_render_text:
 * @module: a decoded module
 * @out: string to append to
 * @error: return location for a #GError
 *
 * Appends the text form: line for line what Debian 12's `ethtool -m` (6.1) prints for the
 * same bytes; then, where the module says more than ethtool prints (CMIS application
 * descriptors, lane states, …), a line %XCVR_TEXT_EXTRA_HEADING and those fields; then one
 * `Warning: …` line per problem (bad checksum, truncated page, …).
 *
 * Returns: %TRUE on success.
 *
 * Since: 0.1
 */
XCVR_PUBLIC gboolean xcvr_render_text(const XcvrModule *module, GString *out, GError **error);

/**
 * XCVR_TEXT_EXTRA_HEADING:
 *
 * The line that opens the text form's section of fields ethtool 6.1 does not print.
 */
#define XCVR_TEXT_EXTRA_HEADING "Also decoded (not printed by ethtool 6.1):"

/**
 * xcvr_render_json:
 * @module: a decoded module
 * @pretty: indent the output
 * @error: return location for a #GError
 *
 * Renders every decoded field under its stable key, numbers as numbers with their unit
 * named, plus the family and the verified checksums.
 *
 * Returns: (transfer full) (nullable): a JSON document, or %NULL with @error set.
 *
 * Since: 0.1
 */
XCVR_PUBLIC char *xcvr_render_json(const XcvrModule *module, gboolean pretty, GError **error);

/**
 * XcvrModuleEntry:
 * @name: what the module was asked for by: an interface name, a file path, a demo port
 * @source: (nullable): how its bytes were read: "netlink", "ioctl" or "file"
 * @module: (nullable): the decoded module, or %NULL when there is none
 * @error: (nullable): why there is no module (when @module is %NULL)
 *
 * One entry of the module document, borrowed by xcvr_render_modules_json().
 *
 * Since: 0.1
 */
typedef struct {
    const char *name;
    const char *source;
    const XcvrModule *module;
    const GError *error;
} XcvrModuleEntry;

/**
 * xcvr_render_modules_json:
 * @entries: (array length=n_entries): the modules, in output order
 * @n_entries: how many
 * @pretty: indent the output
 *
 * The document `xcvrmap module --format json` prints, one shape whatever the source and
 * however many modules: `{"modules": [...]}`, each entry `{"name", "source", "summary",
 * ...}` with the vocabulary's module summary (the keys of the map's `module` object)
 * beside the per-field detail of xcvr_render_json(), or `{"name", "source",
 * "module_error": {"code", "message"}}` as in the map. Described by the JSON Schema
 * `xcvrmap-module.schema.json`.
 *
 * Returns: (transfer full): the document.
 *
 * Since: 0.1
 */
XCVR_PUBLIC char *xcvr_render_modules_json(const XcvrModuleEntry *entries, guint n_entries,
                                           gboolean pretty);

/**
 * XCVR_XML_NAMESPACE:
 *
 * The XML namespace of xcvrmap's documents; schema: `xcvrmap-module.rng`, installed under
 * `$datadir/xcvrmap/schemas/`.
 */
#define XCVR_XML_NAMESPACE "urn:xcvrmap:module:1"

/**
 * xcvr_render_xml:
 * @module: a decoded module
 * @out: string to append to
 * @error: return location for a #GError
 *
 * Appends the XML form: a `<module>` element in %XCVR_XML_NAMESPACE holding the verified
 * checksums, one `<field>` per decoded field (stable key, kind, ethtool label, unit) and
 * the warnings.
 *
 * Returns: %TRUE on success.
 *
 * Since: 0.1
 */
XCVR_PUBLIC gboolean xcvr_render_xml(const XcvrModule *module, GString *out, GError **error);

G_END_DECLS
