/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-state.h: a state directory (`/var/lib/xcvrmap`) whose files are only ever replaced
 * whole, so that a reader never sees half a file, whatever happens to the writer.
 */
#pragma once

#include <glib.h>

#include "xcvr-version.h"

G_BEGIN_DECLS

/**
 * XCVR_STATE_DIR_DEFAULT:
 *
 * Where `xcvrmap watch` keeps its state unless told otherwise.
 *
 * Since: 0.1
 */
#define XCVR_STATE_DIR_DEFAULT "/var/lib/xcvrmap"

/**
 * xcvr_state_dir_prepare:
 * @dir: the state directory
 * @error: return location for a #GError
 *
 * Makes @dir (and its parents, mode 0755) when missing, proves that a file can be created
 * in it (a probe file is created and removed: permission bits alone do not say, for root
 * or on a read-only mount), and removes temporary files a killed writer left behind.
 *
 * Returns: %TRUE when @dir is usable; %FALSE with @error set (%XCVR_ERROR_IO or
 * %XCVR_ERROR_PERMISSION, the message naming @dir and the reason).
 *
 * Since: 0.1
 */
XCVR_PUBLIC gboolean xcvr_state_dir_prepare(const char *dir, GError **error);

/**
 * xcvr_state_write_file:
 * @dir: the directory, which must exist
 * @name: the file's name in @dir (no `/`, not starting with `.`)
 * @data: the new contents
 * @len: their length
 * @ret_changed: (out) (optional): whether the file was written (%FALSE: it already held
 *   exactly @data and was left alone)
 * @error: return location for a #GError
 *
 * Replaces @dir/@name atomically when its contents differ from @data: the new contents go
 * to a temporary file in @dir, are flushed to disk (fsync), renamed over @name, and the
 * directory is flushed; a reader sees the old file or the new one, never a mix, and a
 * crash at any point leaves one of them (plus, at worst, a temporary `.NAME.tmp-XXXXXX`
 * that xcvr_state_dir_prepare() removes). Not for two writers of one file at once.
 *
 * Returns: %TRUE on success; %FALSE with @error set (the old file is then untouched).
 *
 * Since: 0.1
 */
XCVR_PUBLIC gboolean xcvr_state_write_file(const char *dir, const char *name,
                                           const char *data, gsize len,
                                           gboolean *ret_changed, GError **error);

G_END_DECLS
