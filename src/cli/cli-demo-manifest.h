/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-demo-manifest.h: the demo host's manifest parser (cli-demo-manifest.c), apart from
 * the code that writes the tree (cli-demo-host.c), so that it can be fuzzed on its own.
 */
#pragma once

#include <glib.h>

typedef enum {
    XCVR_CLI_MANIFEST_DIR,
    XCVR_CLI_MANIFEST_TEXT,
    XCVR_CLI_MANIFEST_BASE64,
    XCVR_CLI_MANIFEST_LINK,
} XcvrCliManifestKind;

/* One entry; every path and target has been checked (see cli-demo-manifest.c). */
typedef struct {
    XcvrCliManifestKind kind;
    guint line;
    char *path;
    GBytes *contents; /* TEXT and BASE64 */
    char *target;     /* LINK */
} XcvrCliManifestEntry;

void xcvr_cli_manifest_entry_free(XcvrCliManifestEntry *e);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrCliManifestEntry, xcvr_cli_manifest_entry_free)

/* The entries of manifest @data (@len bytes), in order, all checked: a GPtrArray of
 * XcvrCliManifestEntry*, or NULL with @error (XCVR_ERROR_INVALID_DATA, naming the line). */
GPtrArray *xcvr_cli_manifest_parse(const char *data, gsize len, GError **error);
