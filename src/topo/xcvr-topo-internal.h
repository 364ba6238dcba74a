/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-topo-internal.h: the narrow part of src/topo/ that other layers of the library
 * (src/inventory/, src/cli/ through the library) may use beyond the public xcvr-topo.h:
 * the root path builder, the whole-host cache switch, and hop helpers. Not installed, not
 * exported; the walker's own state stays in xcvr-topo-private.h, which only src/topo/ and
 * its unit test include.
 */
#pragma once

#include <glib.h>

#include <xcvrmap/xcvr-topo.h>

/* ROOT/first/… : every host path (sys/, proc/, etc/, run/) is built here from the one root
 * prefix; @root NULL or "" means "/". @first and the rest are relative components (a leading
 * '/' is ignored, so an absolute default path such as "/run/openvswitch/db.sock" lands under
 * ROOT too). Caller frees. */
char *xcvr_root_path(const char *root, const char *first, ...) G_GNUC_NULL_TERMINATED;

/* From now on, each netdev is read once for the life of @topo, not once per walk: for one
 * pass over a whole host, where a device that vanishes afterwards no longer matters. The
 * walks also share which ports of each bridge lead anywhere, and each PF's VF indexes
 * (xcvr-topo-memo.c), so mapping N guests of a bridge costs N walks, not N². */
void xcvr_topo_cache_devices(XcvrTopo *topo);

/* A copy of @hop, for paths built from walk results. */
XcvrHop *xcvr_hop_copy(const XcvrHop *hop);

/* TRUE when @a and @b are the same device on two paths (details may differ). */
gboolean xcvr_hop_same_device(const XcvrHop *a, const XcvrHop *b);

/* xcvr_topo_walk(), and in *@ret_notes (char*, may be NULL) what the walk passed over
 * that a caller should show: a bond member that vanished, with its role. */
gboolean xcvr_topo_walk_with_notes(XcvrTopo *topo, XcvrTopoStart start, const char *name,
                                   GPtrArray **ret_uplinks, GPtrArray **ret_path,
                                   GPtrArray **ret_notes, GError **error);
