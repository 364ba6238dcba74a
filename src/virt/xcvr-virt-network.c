/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-virt-network.c: a libvirt network's XML → where its ports go (forward mode, bridge,
 * Open vSwitch, macvtap device pool, hostdev pool). Pure: libxml2 only.
 *
 * libvirt formatnetwork: "Connectivity" (`<forward>` and its modes, `<interface dev>`,
 * `<pf dev>`, `<address type='pci'>`), `<bridge>`, `<virtualport>`, `<vlan>`.
 */
#include <string.h>

#include <xcvrmap/xcvr-error.h>

#include "virt/xcvr-virt-private.h"

#include "core/xcvr-enum.h"

XCVR_ENUM_IMPL(virt_forward, XcvrVirtForward, _XCVR_VIRT_FORWARD_LAST, "unknown",
    [XCVR_VIRT_FORWARD_NONE] = "isolated",
    [XCVR_VIRT_FORWARD_NAT] = "nat",
    [XCVR_VIRT_FORWARD_ROUTE] = "route",
    [XCVR_VIRT_FORWARD_OPEN] = "open",
    [XCVR_VIRT_FORWARD_BRIDGE] = "bridge",
    [XCVR_VIRT_FORWARD_PRIVATE] = "private",
    [XCVR_VIRT_FORWARD_VEPA] = "vepa",
    [XCVR_VIRT_FORWARD_PASSTHROUGH] = "passthrough",
    [XCVR_VIRT_FORWARD_HOSTDEV] = "hostdev",
)

void
xcvr_virt_network_free(XcvrVirtNetwork *net)
{
    if (net == NULL)
        return;
    g_free(net->name);
    g_free(net->bridge);
    g_clear_pointer(&net->devs, g_ptr_array_unref);
    g_clear_pointer(&net->pcis, g_ptr_array_unref);
    g_free(net->pf);
    g_free(net);
}

/* Checks a device name the network gives and keeps it in @ret (unless absent). */
static gboolean
take_netdev(const char *what, char *name, char **ret,
            GError **error)
{
    g_autofree char *owned = name;

    if (owned == NULL)
        return TRUE;
    if (!xcvr_virt_netdev_name_valid(owned)) {
        g_autofree char *shown = xcvr_virt_display(owned);

        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "invalid %s device name '%s'", what, shown);
        return FALSE;
    }
    *ret = g_steal_pointer(&owned);
    return TRUE;
}

/* `<forward>`'s pools: `<interface dev>` (or the `dev` attribute), `<pf>`, `<address>`. */
static gboolean
parse_forward_pools(XcvrVirtNetwork *net, const xmlNode *forward, GError **error)
{
    for (xmlNode *n = xcvr_virt_xml_child(forward, "interface"); n != NULL;
         n = xcvr_virt_xml_next(n, "interface")) {
        char *dev = NULL;

        if (!take_netdev("pool", xcvr_virt_xml_prop(n, "dev"), &dev, error))
            return FALSE;
        if (dev != NULL)
            g_ptr_array_add(net->devs, dev);
    }
    /* formatnetwork: `dev` alone is a pool of one; with `<interface>`s it is the first. */
    if (net->devs->len == 0) {
        char *dev = NULL;

        if (!take_netdev("forward", xcvr_virt_xml_prop(forward, "dev"), &dev, error))
            return FALSE;
        if (dev != NULL)
            g_ptr_array_add(net->devs, dev);
    }

    if (!take_netdev("PF", xcvr_virt_xml_prop(xcvr_virt_xml_child(forward, "pf"), "dev"),
                     &net->pf, error))
        return FALSE;

    for (xmlNode *n = xcvr_virt_xml_child(forward, "address"); n != NULL;
         n = xcvr_virt_xml_next(n, "address")) {
        char *pci = xcvr_virt_xml_pci(n);

        if (pci == NULL) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "invalid PCI address in the hostdev pool");
            return FALSE;
        }
        g_ptr_array_add(net->pcis, pci);
    }
    return TRUE;
}

XcvrVirtNetwork *
xcvr_virt_parse_network(const char *xml, gsize len, GError **error)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autoptr(XcvrVirtNetwork) net = NULL;
    const xmlNode *root;
    const xmlNode *forward;

    doc = xcvr_virt_xml_read(xml, len, "network", "network XML", error);
    if (doc == NULL)
        return NULL;
    root = xmlDocGetRootElement(doc);

    net = g_new0(XcvrVirtNetwork, 1);
    net->vlan = -1;
    net->devs = g_ptr_array_new_with_free_func(g_free);
    net->pcis = g_ptr_array_new_with_free_func(g_free);

    net->name = xcvr_virt_xml_text(xcvr_virt_xml_child(root, "name"));
    if (net->name == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "network XML has no <name>");
        return NULL;
    }

    forward = xcvr_virt_xml_child(root, "forward");
    if (forward == NULL) {
        net->forward = XCVR_VIRT_FORWARD_NONE;
    } else {
        g_autofree char *mode = xcvr_virt_xml_prop(forward, "mode");
        gboolean found = FALSE;

        /* formatnetwork: `<forward>` without a mode is NAT. */
        if (mode == NULL) {
            net->forward = XCVR_VIRT_FORWARD_NAT;
            found = TRUE;
        }
        if (!found) {
            /* "isolated" is our name for a network without `<forward>`, not a mode */
            int i = xcvr_virt_forward_from_string(mode);

            if (i > XCVR_VIRT_FORWARD_NONE) {
                net->forward = (XcvrVirtForward)i;
                found = TRUE;
            }
        }
        if (!found) {
            g_autofree char *shown = xcvr_virt_display(mode);

            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "unknown forward mode '%s'", shown);
            return NULL;
        }
        if (!parse_forward_pools(net, forward, error))
            return NULL;
    }

    if (!take_netdev("bridge",
                     xcvr_virt_xml_prop(xcvr_virt_xml_child(root, "bridge"), "name"),
                     &net->bridge, error))
        return NULL;
    net->ovs = xcvr_virt_xml_ovs(root);
    net->vlan = xcvr_virt_xml_vlan(root);
    return g_steal_pointer(&net);
}
