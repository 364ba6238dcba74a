/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-nodedev.h: libvirt node-device documents annotated with what the inventory knows of
 * the device: libvirt's own XML, byte for byte, with one element of ours appended.
 */
#pragma once

#include <glib.h>

#include "xcvr-inventory.h"
#include "xcvr-version.h"

G_BEGIN_DECLS

/**
 * XCVR_NODEDEV_XML_NAMESPACE:
 *
 * The namespace of the elements appended to node-device documents (prefix `xcvrmap`);
 * schema: `xcvrmap-nodedev.rng`, installed under `$datadir/xcvrmap/schemas/`.
 *
 * Since: 0.1
 */
#define XCVR_NODEDEV_XML_NAMESPACE "urn:xcvrmap:nodedev:1"

/**
 * XcvrNodedevDoc:
 * @name: the node device's name (`net_…`, `pci_…`)
 * @xml: its document as libvirt returned it
 *
 * One node device as a VM source read it. Plain data; allocated by the library only.
 *
 * Since: 0.1
 */
typedef struct {
    char *name;
    char *xml;
} XcvrNodedevDoc;

/**
 * xcvr_nodedev_doc_new:
 * @name: the device's name
 * @xml: its document
 *
 * Returns: (transfer full): a copy of both.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrNodedevDoc *xcvr_nodedev_doc_new(const char *name, const char *xml);

/**
 * xcvr_nodedev_doc_free:
 * @doc: (nullable): a #XcvrNodedevDoc
 *
 * Since: 0.1
 */
XCVR_PUBLIC void xcvr_nodedev_doc_free(XcvrNodedevDoc *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrNodedevDoc, xcvr_nodedev_doc_free)

/**
 * xcvr_nodedev_annotate:
 * @inventory: the host's inventory
 * @root: (nullable): the root prefix the inventory was read under (for a VF's PF and
 *   index, from `sys/bus/pci/devices/ADDR/physfn` and the PF's `virtfnN`); %NULL for `/`
 * @device_xml: a node device's document as libvirt's virNodeDeviceGetXMLDesc() returns it
 * @ret_annotated: (out) (optional): whether an element was appended
 * @error: return location for a #GError
 *
 * Appends, as the last child of `<device>`, one element in %XCVR_NODEDEV_XML_NAMESPACE:
 * `<xcvrmap:uplink>` for the `net_` or `pci_` device of a physical uplink of @inventory
 * (its link, module or module error, health with reasons, bond, placement and the vNICs
 * riding it, named by the vocabulary), or `<xcvrmap:vf pf=… index=…>` for an SR-IOV VF of
 * such an uplink (the PF's `<xcvrmap:uplink>`, a health no better than the PF's, and the
 * vNIC using the VF). Nothing else of the document changes: removing the element gives
 * @device_xml back byte for byte. A device the inventory says nothing about is returned
 * unchanged.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 * (%XCVR_ERROR_INVALID_DATA) when @device_xml is not a node-device document.
 *
 * Since: 0.1
 */
XCVR_PUBLIC char *xcvr_nodedev_annotate(const XcvrInventory *inventory, const char *root,
                                        const char *device_xml, gboolean *ret_annotated,
                                        GError **error);

G_END_DECLS
