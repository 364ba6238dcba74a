/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-nodedev-private.h: the elements xcvrmap appends to libvirt node-device
 * documents (namespace urn:xcvrmap:nodedev:1, prefix xcvrmap). Not installed.
 */
#pragma once

#include <glib.h>

#include <xcvrmap/xcvr-history.h>

#include "inventory/xcvr-inventory-private.h"

/* `<xcvrmap:uplink netdev=… pci=…>` with its link, module (or module-error), health, its
 * history when @history has a record of it, bond, placement and one vnic per rider;
 * @declare_ns puts the xmlns:xcvrmap declaration on it. @indent is the element's own
 * indentation; two spaces more per level below. */
void xcvr_render_nodedev_uplink(GString *out, const char *indent, const XcvrInvUplink *up,
                                const XcvrHistory *history, gboolean declare_ns);

/* `<xcvrmap:vf pf=… index=…>` of a VF of @pf: the PF's uplink element, the VF's health (the
 * PF's: a VF is never healthier than its PF) and one vnic per member of @vnics
 * (XcvrInvVnic*, the vNICs using the VF). */
void xcvr_render_nodedev_vf(GString *out, const char *indent, const XcvrInvUplink *pf,
                            const XcvrHistory *history, guint index, GPtrArray *vnics);
