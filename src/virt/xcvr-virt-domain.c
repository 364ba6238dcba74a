/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-virt-domain.c: a libvirt domain's XML → one XcvrVnic per `<interface>`: its MAC,
 * model, VLAN, and where its host side starts, networks resolved through a lookup the
 * caller provides. Pure: libxml2 only, so it is tested and fuzzed without libvirt.
 *
 * libvirt formatdomain "Network interfaces" (every `type`, `<source>`, `<target>`,
 * `<virtualport>`, `<vlan>`, `<model>`) and "Device Addresses"; a running domain's live XML
 * as libvirt formats it (a network interface's chosen port in `<source>` or `<actual>`).
 */
#include <string.h>

#include <xcvrmap/xcvr-error.h>

#include "virt/xcvr-virt-private.h"

/* What one `<interface>` says, read once, before its type decides the rest. */
typedef struct {
    const xmlNode *node;
    const xmlNode *source;
    const xmlNode *actual_source; /* `<actual><source>` (status XML of older libvirt) */
    gboolean running;
    char *target;                 /* `<target dev>`, even in an inactive configuration */
    gboolean ovs;
} Iface;

static void
iface_clear(Iface *iface)
{
    g_free(iface->target);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Iface, iface_clear)

static void
vnic_set_error(XcvrVnic *vnic, char *message)
{
    /* The first problem is the one to fix first; later ones often follow from it. */
    if (vnic->error == NULL)
        vnic->error = message;
    else
        g_free(message);
}

/* Adds a netdev attach point, or makes a name Linux would refuse the vNIC's error. */
static void
attach_netdev(XcvrVnic *vnic, XcvrVnicAttachKind kind, const char *name, gboolean ovs)
{
    if (!xcvr_virt_netdev_name_valid(name)) {
        g_autofree char *shown = xcvr_virt_display(name);

        vnic_set_error(vnic, g_strdup_printf("invalid host device name '%s'", shown));
        return;
    }
    xcvr_vnic_add_attach(vnic, kind, name, ovs);
}

static gboolean
mac_valid(const char *mac)
{
    if (strlen(mac) != 17)
        return FALSE;
    for (int i = 0; i < 17; i++) {
        if (i % 3 == 2 ? mac[i] != ':' : !g_ascii_isxdigit(mac[i]))
            return FALSE;
    }
    return TRUE;
}

static XcvrVnicType
type_from_string(const char *type)
{
    int t = xcvr_vnic_type_from_string(type);

    return t < 0 ? XCVR_VNIC_OTHER : (XcvrVnicType)t;
}

/* `<source>`, else `<actual><source>`, attribute @name: where a live port shows its choice. */
static char *
live_prop(const Iface *iface, const char *name)
{
    char *value = xcvr_virt_xml_prop(iface->source, name);

    if (value == NULL)
        value = xcvr_virt_xml_prop(iface->actual_source, name);
    return value;
}

static char *
live_pci(const Iface *iface)
{
    char *pci = xcvr_virt_xml_pci(xcvr_virt_xml_child(iface->source, "address"));

    if (pci == NULL)
        pci = xcvr_virt_xml_pci(xcvr_virt_xml_child(iface->actual_source, "address"));
    return pci;
}

static char *
join_names(const GPtrArray *names)
{
    g_autoptr(GString) s = g_string_new(NULL);

    for (guint i = 0; i < names->len; i++) {
        if (i != 0)
            g_string_append_c(s, ' ');
        g_string_append(s, g_ptr_array_index(names, i));
    }
    return g_string_free(g_steal_pointer(&s), FALSE);
}

/* NAT, route, open and isolated networks: a bridge whose traffic the host routes. */
static void
network_routed(XcvrVnic *vnic, const Iface *iface, const XcvrVirtNetwork *net)
{
    g_autofree char *live_bridge = live_prop(iface, "bridge");
    const char *bridge = live_bridge != NULL ? live_bridge : net->bridge;
    const char *mode = xcvr_virt_forward_to_string(net->forward);
    gboolean ovs = net->ovs || iface->ovs;

    if (bridge != NULL)
        vnic->source = g_strdup_printf("network %s (%s, bridge %s)", net->name, mode, bridge);
    else
        vnic->source = g_strdup_printf("network %s (%s)", net->name, mode);

    switch (net->forward) {
    case XCVR_VIRT_FORWARD_NAT:
        vnic->no_uplink_reason = g_strdup_printf("network '%s' forwards by NAT", net->name);
        break;
    case XCVR_VIRT_FORWARD_ROUTE:
        vnic->no_uplink_reason = g_strdup_printf("network '%s' routes", net->name);
        break;
    case XCVR_VIRT_FORWARD_OPEN:
        vnic->no_uplink_reason = g_strdup_printf("network '%s' is open (routed)", net->name);
        break;
    default:
        vnic->no_uplink_reason = g_strdup_printf("network '%s' is isolated", net->name);
        break;
    }

    if (iface->running && iface->target != NULL)
        attach_netdev(vnic, XCVR_VNIC_ATTACH_NETDEV, iface->target, ovs);
    else if (bridge != NULL)
        attach_netdev(vnic, XCVR_VNIC_ATTACH_NETDEV, bridge, ovs);
    else
        vnic_set_error(vnic, g_strdup_printf("network '%s' has no bridge", net->name));
}

/* `forward mode='bridge'` onto a host bridge (Linux or Open vSwitch). */
static void
network_bridged(XcvrVnic *vnic, const Iface *iface, const XcvrVirtNetwork *net,
                const char *bridge)
{
    gboolean ovs = net->ovs || iface->ovs;

    vnic->source = g_strdup_printf("network %s (bridge, %sbridge %s)", net->name,
                                   ovs ? "openvswitch " : "", bridge);
    if (iface->running && iface->target != NULL)
        attach_netdev(vnic, XCVR_VNIC_ATTACH_NETDEV, iface->target, ovs);
    else
        attach_netdev(vnic, XCVR_VNIC_ATTACH_NETDEV, bridge, ovs);
}

/*
 * bridge (without a bridge), private, vepa, passthrough: a macvtap on a pool device. A pool
 * given as `<pf dev>` is that PF's VFs, which libvirt lists only once the network runs (as
 * `<interface dev>`s of its live XML); until then the PF is the port they all leave by,
 * as for a hostdev pool.
 */
static void
network_macvtap_pool(XcvrVnic *vnic, const Iface *iface, const XcvrVirtNetwork *net)
{
    const char *mode = xcvr_virt_forward_to_string(net->forward);
    g_autofree char *chosen = NULL;
    g_autofree char *pool = NULL;

    if (iface->running)
        chosen = live_prop(iface, "dev");
    if (chosen != NULL) {
        vnic->source = g_strdup_printf("network %s (%s, dev %s)", net->name, mode, chosen);
    } else if (net->devs->len != 0) {
        pool = join_names(net->devs);
        vnic->source = g_strdup_printf("network %s (%s, pool %s)", net->name, mode, pool);
    } else if (net->pf != NULL) {
        vnic->source = g_strdup_printf("network %s (%s, VFs of pf %s)", net->name, mode,
                                       net->pf);
    } else {
        vnic->source = g_strdup_printf("network %s (%s)", net->name, mode);
    }

    if (iface->running && iface->target != NULL) {
        attach_netdev(vnic, XCVR_VNIC_ATTACH_NETDEV, iface->target, iface->ovs);
    } else if (chosen != NULL) {
        attach_netdev(vnic, XCVR_VNIC_ATTACH_MACVTAP_ON, chosen, iface->ovs);
    } else if (net->devs->len != 0) {
        for (guint i = 0; i < net->devs->len; i++)
            attach_netdev(vnic, XCVR_VNIC_ATTACH_MACVTAP_ON, g_ptr_array_index(net->devs, i),
                          iface->ovs);
    } else if (net->pf != NULL) {
        attach_netdev(vnic, XCVR_VNIC_ATTACH_NETDEV, net->pf, iface->ovs);
    } else {
        vnic_set_error(vnic, g_strdup_printf("network '%s' (%s) has no bridge and no device "
                                             "pool", net->name, mode));
    }
}

/* hostdev pools: the VF libvirt gave the running domain, else every VF (or the PF). */
static void
network_hostdev_pool(XcvrVnic *vnic, const Iface *iface, const XcvrVirtNetwork *net)
{
    g_autofree char *chosen = NULL;
    g_autofree char *pool = NULL;

    if (iface->running)
        chosen = live_pci(iface);
    if (chosen != NULL) {
        vnic->source = g_strdup_printf("network %s (hostdev, pci %s)", net->name, chosen);
        xcvr_vnic_add_attach(vnic, XCVR_VNIC_ATTACH_PCI, chosen, FALSE);
        return;
    }

    if (net->pf != NULL) {
        vnic->source = g_strdup_printf("network %s (hostdev, pf %s)", net->name, net->pf);
        attach_netdev(vnic, XCVR_VNIC_ATTACH_NETDEV, net->pf, FALSE);
    } else if (net->pcis->len != 0) {
        pool = join_names(net->pcis);
        vnic->source = g_strdup_printf("network %s (hostdev, pool %s)", net->name, pool);
        for (guint i = 0; i < net->pcis->len; i++)
            xcvr_vnic_add_attach(vnic, XCVR_VNIC_ATTACH_PCI, g_ptr_array_index(net->pcis, i),
                                 FALSE);
    } else {
        vnic->source = g_strdup_printf("network %s (hostdev)", net->name);
        vnic_set_error(vnic, g_strdup_printf("network '%s' has an empty hostdev pool",
                                             net->name));
    }
}

static void
describe_network(XcvrVnic *vnic, const Iface *iface, const char *name,
                 XcvrVirtNetworkLookup lookup, gpointer data)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *shown = xcvr_virt_display(name);
    const XcvrVirtNetwork *net = NULL;

    if (lookup != NULL)
        net = lookup(name, data, &error);
    if (net == NULL) {
        vnic->source = g_strdup_printf("network %s", shown);
        if (error == NULL || g_error_matches(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE))
            vnic_set_error(vnic, g_strdup_printf("network '%s' not found", shown));
        else
            vnic_set_error(vnic, g_strdup_printf("network '%s': %s", shown, error->message));
        return;
    }

    if (vnic->vlan < 0)
        vnic->vlan = net->vlan;

    switch (net->forward) {
    case XCVR_VIRT_FORWARD_NONE:
    case XCVR_VIRT_FORWARD_NAT:
    case XCVR_VIRT_FORWARD_ROUTE:
    case XCVR_VIRT_FORWARD_OPEN:
        network_routed(vnic, iface, net);
        break;
    case XCVR_VIRT_FORWARD_BRIDGE:
        if (net->bridge != NULL) {
            network_bridged(vnic, iface, net, net->bridge);
            break;
        }
        network_macvtap_pool(vnic, iface, net);
        break;
    case XCVR_VIRT_FORWARD_PRIVATE:
    case XCVR_VIRT_FORWARD_VEPA:
    case XCVR_VIRT_FORWARD_PASSTHROUGH:
        network_macvtap_pool(vnic, iface, net);
        break;
    case XCVR_VIRT_FORWARD_HOSTDEV:
        network_hostdev_pool(vnic, iface, net);
        break;
    case _XCVR_VIRT_FORWARD_LAST:
    default:
        vnic_set_error(vnic, g_strdup_printf("network '%s' has an unknown forward mode",
                                             net->name));
        break;
    }
}

static void
describe_bridge(XcvrVnic *vnic, const Iface *iface)
{
    g_autofree char *bridge = xcvr_virt_xml_prop(iface->source, "bridge");
    g_autofree char *shown = xcvr_virt_display(bridge);

    if (bridge == NULL) {
        vnic_set_error(vnic, g_strdup("bridge interface without <source bridge>"));
        return;
    }
    vnic->source = g_strdup_printf("%sbridge %s", iface->ovs ? "openvswitch " : "", shown);
    if (iface->running && iface->target != NULL)
        attach_netdev(vnic, XCVR_VNIC_ATTACH_NETDEV, iface->target, iface->ovs);
    else
        attach_netdev(vnic, XCVR_VNIC_ATTACH_NETDEV, bridge, iface->ovs);
}

static void
describe_direct(XcvrVnic *vnic, const Iface *iface)
{
    g_autofree char *dev = xcvr_virt_xml_prop(iface->source, "dev");
    g_autofree char *mode = xcvr_virt_xml_prop(iface->source, "mode");
    g_autofree char *shown_dev = xcvr_virt_display(dev);
    g_autofree char *shown_mode = xcvr_virt_display(mode);

    if (dev == NULL) {
        vnic_set_error(vnic, g_strdup("direct interface without <source dev>"));
        return;
    }
    /* formatdomain: the macvtap mode defaults to vepa. */
    vnic->source = g_strdup_printf("dev %s mode %s", shown_dev,
                                   mode != NULL ? shown_mode : "vepa");
    if (iface->running && iface->target != NULL)
        attach_netdev(vnic, XCVR_VNIC_ATTACH_NETDEV, iface->target, iface->ovs);
    else
        attach_netdev(vnic, XCVR_VNIC_ATTACH_MACVTAP_ON, dev, iface->ovs);
}

static void
describe_hostdev(XcvrVnic *vnic, const Iface *iface)
{
    g_autofree char *pci = xcvr_virt_xml_pci(xcvr_virt_xml_child(iface->source, "address"));

    if (pci == NULL) {
        vnic_set_error(vnic, g_strdup("hostdev interface without a valid PCI address in "
                                      "<source>"));
        return;
    }
    vnic->source = g_strdup_printf("pci %s", pci);
    xcvr_vnic_add_attach(vnic, XCVR_VNIC_ATTACH_PCI, pci, FALSE);
}

/* Absolute, and without ".." to climb out of where it claims to be. */
static gboolean
path_valid(const char *path)
{
    g_auto(GStrv) parts = NULL;

    if (path == NULL || path[0] != '/')
        return FALSE;
    parts = g_strsplit(path, "/", -1);
    for (guint i = 0; parts[i] != NULL; i++) {
        if (strcmp(parts[i], "..") == 0)
            return FALSE;
    }
    return TRUE;
}

static void
describe_vdpa(XcvrVnic *vnic, const Iface *iface)
{
    g_autofree char *dev = xcvr_virt_xml_prop(iface->source, "dev");
    g_autofree char *shown = xcvr_virt_display(dev);

    if (!path_valid(dev)) {
        vnic_set_error(vnic, g_strdup_printf("vdpa interface without a valid <source dev> "
                                             "('%s')", shown));
        return;
    }
    vnic->source = g_strdup_printf("vdpa %s", shown);
    xcvr_vnic_add_attach(vnic, XCVR_VNIC_ATTACH_VDPA, dev, FALSE);
}

static void
describe_ethernet(XcvrVnic *vnic, const Iface *iface)
{
    /* An ethernet tap keeps the name its configuration gives, running or not. */
    if (iface->target == NULL) {
        vnic->no_uplink_reason = g_strdup("ethernet interface without a host device name");
        return;
    }
    attach_netdev(vnic, XCVR_VNIC_ATTACH_NETDEV, iface->target, iface->ovs);
}

static void
describe_vhostuser(XcvrVnic *vnic, const Iface *iface)
{
    g_autofree char *path = xcvr_virt_xml_prop(iface->source, "path");
    g_autofree char *mode = xcvr_virt_xml_prop(iface->source, "mode");
    g_autofree char *shown_path = xcvr_virt_display(path);
    g_autofree char *shown_mode = xcvr_virt_display(mode);

    if (!path_valid(path)) {
        vnic_set_error(vnic, g_strdup_printf("vhostuser interface without a valid <source "
                                             "path> ('%s')", shown_path));
        return;
    }
    if (mode != NULL)
        vnic->source = g_strdup_printf("vhostuser %s (%s)", shown_path, shown_mode);
    else
        vnic->source = g_strdup_printf("vhostuser %s", shown_path);
    /* A vhost-user socket is how OVS-DPDK takes a port; nothing else on a host serves one. */
    xcvr_vnic_add_attach(vnic, XCVR_VNIC_ATTACH_VHOSTUSER, path, TRUE);
}

static XcvrVnic *
describe_interface(const xmlNode *node, const char *domain, const char *uuid,
                   gboolean running, XcvrVirtNetworkLookup lookup, gpointer data)
{
    g_auto(Iface) iface = {
        .node = node,
        .running = running,
    };
    g_autofree char *type_name = xcvr_virt_xml_prop(node, "type");
    g_autofree char *mac = xcvr_virt_xml_prop(xcvr_virt_xml_child(node, "mac"), "address");
    g_autofree char *network = NULL;
    g_autoptr(XcvrVnic) vnic = NULL;
    XcvrVnicType type = type_from_string(type_name);

    iface.source = xcvr_virt_xml_child(node, "source");
    iface.actual_source = xcvr_virt_xml_child(xcvr_virt_xml_child(node, "actual"), "source");
    iface.target = xcvr_virt_xml_prop(xcvr_virt_xml_child(node, "target"), "dev");
    iface.ovs = xcvr_virt_xml_ovs(node);

    /*
     * A running domain's live XML shows a network interface by the type of the port it
     * got (bridge, direct, hostdev), its `<source>` still naming the network.
     */
    network = xcvr_virt_xml_prop(iface.source, "network");
    if (type == XCVR_VNIC_BRIDGE || type == XCVR_VNIC_DIRECT || type == XCVR_VNIC_HOSTDEV) {
        if (running && network != NULL)
            type = XCVR_VNIC_NETWORK;
    }

    vnic = xcvr_vnic_new(domain, type);
    vnic->vm_source = g_strdup("libvirt");
    vnic->domain_uuid = g_strdup(uuid);
    vnic->running = running;
    vnic->model = xcvr_virt_xml_prop(xcvr_virt_xml_child(node, "model"), "type");
    vnic->vlan = xcvr_virt_xml_vlan(node);

    if (mac != NULL) {
        if (mac_valid(mac)) {
            vnic->mac = g_ascii_strdown(mac, -1);
        } else {
            g_autofree char *shown = xcvr_virt_display(mac);

            vnic_set_error(vnic, g_strdup_printf("invalid MAC address '%s'", shown));
        }
    }

    /* An inactive configuration's target is what a start would ask for, not a device. */
    if (!running && type != XCVR_VNIC_ETHERNET)
        g_clear_pointer(&iface.target, g_free);
    if (running && iface.target != NULL)
        vnic->target = g_strdup(iface.target);

    switch (type) {
    case XCVR_VNIC_BRIDGE:
        describe_bridge(vnic, &iface);
        break;
    case XCVR_VNIC_NETWORK:
        if (network == NULL)
            vnic_set_error(vnic, g_strdup("network interface without <source network>"));
        else
            describe_network(vnic, &iface, network, lookup, data);
        break;
    case XCVR_VNIC_DIRECT:
        describe_direct(vnic, &iface);
        break;
    case XCVR_VNIC_HOSTDEV:
        describe_hostdev(vnic, &iface);
        break;
    case XCVR_VNIC_VDPA:
        describe_vdpa(vnic, &iface);
        break;
    case XCVR_VNIC_ETHERNET:
        describe_ethernet(vnic, &iface);
        break;
    case XCVR_VNIC_VHOSTUSER:
        describe_vhostuser(vnic, &iface);
        break;
    case XCVR_VNIC_USER:
        vnic->no_uplink_reason = g_strdup("user-mode networking (no host device)");
        break;
    case XCVR_VNIC_OTHER:
    case _XCVR_VNIC_LAST:
    default:
        if (type_name == NULL) {
            vnic_set_error(vnic, g_strdup("interface without a type"));
        } else {
            g_autofree char *shown = xcvr_virt_display(type_name);

            vnic->no_uplink_reason =
                g_strdup_printf("interface type '%s' has no host device", shown);
        }
        break;
    }
    return g_steal_pointer(&vnic);
}

gboolean
xcvr_virt_parse_domain(const char *xml, gsize len, gboolean running,
                       XcvrVirtNetworkLookup lookup, gpointer data, GPtrArray *out,
                       GError **error)
{
    g_autoptr(xmlDoc) doc = NULL;
    g_autofree char *name = NULL;
    g_autofree char *uuid = NULL;
    const xmlNode *root;
    const xmlNode *devices;

    g_return_val_if_fail(out != NULL, FALSE);

    doc = xcvr_virt_xml_read(xml, len, "domain", "domain XML", error);
    if (doc == NULL)
        return FALSE;
    root = xmlDocGetRootElement(doc);

    name = xcvr_virt_xml_text(xcvr_virt_xml_child(root, "name"));
    if (name == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "domain XML has no <name>");
        return FALSE;
    }
    uuid = xcvr_virt_xml_text(xcvr_virt_xml_child(root, "uuid"));
    if (uuid != NULL) {
        char *lower = g_ascii_strdown(uuid, -1);

        g_free(uuid);
        uuid = lower;
    }

    /* Nothing below fails: @out only grows once the document is known to be good. */
    devices = xcvr_virt_xml_child(root, "devices");
    for (xmlNode *n = xcvr_virt_xml_child(devices, "interface"); n != NULL;
         n = xcvr_virt_xml_next(n, "interface"))
        g_ptr_array_add(out, describe_interface(n, name, uuid, running, lookup, data));
    return TRUE;
}
