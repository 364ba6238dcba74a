/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz-domain-xml.c: fuzz target for the libvirt VM source's pure half: one blob is parsed
 * as a network's XML and as a domain's XML, live and inactive, with its networks resolved
 * against a fixed set of every forward mode (and against the blob itself, when it is a
 * network), and every field of every vNIC is read.
 *
 * Errors are expected and ignored; the target aborts only on a broken contract: a failure
 * without a GError, a success with one, a failed domain parse that added vNICs, or a vNIC
 * without a domain or with an attach point without a name.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xcvrmap/xcvr-vnic.h>

#include "virt/xcvr-virt-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fixed_networks[] = {
    "<network><name>default</name><forward mode='nat'/><bridge name='virbr0'/></network>",
    "<network><name>isolated</name><bridge name='virbr1'/></network>",
    "<network><name>routed</name><forward mode='route'/><bridge name='virbr2'/></network>",
    "<network><name>opennet</name><forward mode='open'/><bridge name='virbr3'/></network>",
    "<network><name>host-bridge</name><forward mode='bridge'/><bridge name='br0'/></network>",
    "<network><name>ovs-net</name><forward mode='bridge'/><bridge name='ovsbr0'/>"
    "<virtualport type='openvswitch'/><vlan><tag id='42'/></vlan></network>",
    "<network><name>vepa-pool</name><forward mode='vepa'><interface dev='eth0'/>"
    "<interface dev='eth1'/></forward></network>",
    "<network><name>vf-pool</name><forward mode='hostdev'>"
    "<address type='pci' domain='0' bus='0x41' slot='2' function='1'/></forward></network>",
    "<network><name>pf-pool</name><forward mode='hostdev'><pf dev='eth2'/></forward></network>",
    "<network><name>vf-macvtap</name><forward mode='passthrough'><pf dev='eth3'/></forward>"
    "</network>",
};

typedef struct {
    GPtrArray *networks;         /* XcvrVirtNetwork*, the fixed ones */
    const XcvrVirtNetwork *blob; /* the input as a network, or NULL */
} Lookup;

static const XcvrVirtNetwork *
lookup(const char *name, gpointer data, GError **error)
{
    Lookup *l = data;

    if (l->blob != NULL && strcmp(l->blob->name, name) == 0)
        return l->blob;
    for (guint i = 0; i < l->networks->len; i++) {
        const XcvrVirtNetwork *net = g_ptr_array_index(l->networks, i);

        if (strcmp(net->name, name) == 0)
            return net;
    }
    g_set_error(error, g_quark_from_static_string("fuzz"), 1, "no network %s", name);
    return NULL;
}

static gsize
len0(const char *s)
{
    return s != NULL ? strlen(s) : 0;
}

/* Reads every field, so that ASan sees any dangling or unterminated string. */
static void
touch(const XcvrVnic *vnic)
{
    gsize n = 0;

    if (vnic->domain == NULL || vnic->attach == NULL)
        abort();
    n += len0(vnic->domain) + len0(vnic->domain_uuid) + len0(vnic->mac) + len0(vnic->model);
    n += len0(vnic->source) + len0(vnic->target) + len0(vnic->no_uplink_reason);
    n += len0(vnic->error) + strlen(xcvr_vnic_type_to_string(vnic->type));
    for (guint i = 0; i < vnic->attach->len; i++) {
        const XcvrVnicAttach *a = g_ptr_array_index(vnic->attach, i);

        if (a->name == NULL)
            abort();
        n += strlen(a->name);
    }
    if (vnic->vlan < -1 || vnic->vlan > 4095 || n == 0)
        abort();
}

static void
parse_domain(const char *xml, gsize len, gboolean running, Lookup *l)
{
    g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_vnic_free);
    g_autoptr(GError) error = NULL;
    gboolean ok = xcvr_virt_parse_domain(xml, len, running, lookup, l, out, &error);

    if (ok == (error != NULL) || (!ok && out->len != 0))
        abort();
    for (guint i = 0; i < out->len; i++)
        touch(g_ptr_array_index(out, i));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autoptr(GPtrArray) networks =
        g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_virt_network_free);
    g_autoptr(XcvrVirtNetwork) blob = NULL;
    g_autoptr(GError) error = NULL;
    const char *xml = (const char *)data;
    Lookup l;

    for (guint i = 0; i < G_N_ELEMENTS(fixed_networks); i++) {
        XcvrVirtNetwork *net =
            xcvr_virt_parse_network(fixed_networks[i], strlen(fixed_networks[i]), NULL);

        if (net == NULL)
            abort();
        g_ptr_array_add(networks, net);
    }

    blob = xcvr_virt_parse_network(xml, size, &error);
    if ((blob == NULL) != (error != NULL))
        abort();

    l.networks = networks;
    l.blob = blob;
    parse_domain(xml, size, TRUE, &l);
    parse_domain(xml, size, FALSE, &l);
    return 0;
}
