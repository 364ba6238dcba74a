/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-virt-test.c: the libvirt VM source: the pure domain/network XML parser on snippets
 * (every interface type and forward mode, running and defined-only, hostile documents) and
 * the whole source against libvirt's real test driver on tests/data/virt/ (see README.md
 * there for what the test driver does to the fixtures).
 */
#include "xcvr-test-util.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-virt.h>

#include "virt/xcvr-virt-private.h"

#ifdef WITH_LIBVIRT
# include <libvirt/libvirt.h>
# include <libvirt/virterror.h>
#endif

/* ---- helpers ---- */

/* Networks by name for the pure parser, parsed on first use as the libvirt half does. */
typedef struct {
    GHashTable *xml;    /* name → network XML */
    GHashTable *parsed; /* name → XcvrVirtNetwork* */
    guint lookups;
} Nets;

static Nets *
nets_new(void)
{
    Nets *nets = g_new0(Nets, 1);

    nets->xml = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    nets->parsed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)xcvr_virt_network_free);
    return nets;
}

static void
nets_free(Nets *nets)
{
    g_hash_table_unref(nets->xml);
    g_hash_table_unref(nets->parsed);
    g_free(nets);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Nets, nets_free)

static void
nets_add(Nets *nets, const char *name, const char *xml)
{
    g_hash_table_insert(nets->xml, g_strdup(name), g_strdup(xml));
}

static const XcvrVirtNetwork *
nets_lookup(const char *name, gpointer data, GError **error)
{
    Nets *nets = data;
    XcvrVirtNetwork *net = g_hash_table_lookup(nets->parsed, name);
    const char *xml;

    nets->lookups++;
    if (net != NULL)
        return net;
    xml = g_hash_table_lookup(nets->xml, name);
    if (xml == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE, "no network %s", name);
        return NULL;
    }
    net = xcvr_virt_parse_network(xml, strlen(xml), error);
    if (net == NULL)
        return NULL;
    g_hash_table_insert(nets->parsed, g_strdup(name), net);
    return net;
}

/* The standard set of networks, as the test driver's fixture has them. */
static Nets *
nets_standard(void)
{
    Nets *nets = nets_new();

    nets_add(nets, "default",
             "<network><name>default</name><forward mode='nat'/>"
             "<bridge name='virbr0' stp='on' delay='0'/></network>");
    nets_add(nets, "nat-nomode",
             "<network><name>nat-nomode</name><forward/><bridge name='virbr9'/></network>");
    nets_add(nets, "isolated",
             "<network><name>isolated</name><bridge name='virbr1'/></network>");
    nets_add(nets, "routed",
             "<network><name>routed</name><forward mode='route' dev='eno1'/>"
             "<bridge name='virbr2'/></network>");
    nets_add(nets, "opennet",
             "<network><name>opennet</name><forward mode='open'/>"
             "<bridge name='virbr3'/></network>");
    nets_add(nets, "host-bridge",
             "<network><name>host-bridge</name><forward mode='bridge'/>"
             "<bridge name='br0'/></network>");
    nets_add(nets, "ovs-net",
             "<network><name>ovs-net</name><forward mode='bridge'/><bridge name='ovsbr0'/>"
             "<vlan><tag id='42'/><tag id='43'/></vlan>"
             "<virtualport type='openvswitch'/></network>");
    nets_add(nets, "vepa-pool",
             "<network><name>vepa-pool</name><forward mode='vepa'>"
             "<interface dev='enp65s0f0'/><interface dev='enp65s0f1'/></forward></network>");
    nets_add(nets, "private-pool",
             "<network><name>private-pool</name><forward dev='enp66s0f0' mode='private'/>"
             "</network>");
    nets_add(nets, "passthrough-pool",
             "<network><name>passthrough-pool</name><forward mode='passthrough'>"
             "<interface dev='enp67s0f2'/><interface dev='enp67s0f3'/></forward></network>");
    nets_add(nets, "macvtap-bridge",
             "<network><name>macvtap-bridge</name><forward mode='bridge'>"
             "<interface dev='eno2'/></forward></network>");
    nets_add(nets, "vf-pool",
             "<network><name>vf-pool</name><forward mode='hostdev' managed='yes'>"
             "<address type='pci' domain='0x0000' bus='0x41' slot='0x02' function='0x1'/>"
             "<address type='pci' domain='0' bus='65' slot='2' function='2'/>"
             "</forward></network>");
    nets_add(nets, "pf-pool",
             "<network><name>pf-pool</name><forward mode='hostdev' managed='yes'>"
             "<pf dev='enp65s0f1'/></forward></network>");
    nets_add(nets, "broken", "<network><name>broken</name><forward mode='warp'/></network>");
    return nets;
}

/* Parses a domain that must parse; its vNICs. */
static GPtrArray *
parse_ok(const char *xml, gboolean running, Nets *nets)
{
    g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_vnic_free);
    g_autoptr(GError) error = NULL;

    if (!xcvr_virt_parse_domain(xml, strlen(xml), running, nets != NULL ? nets_lookup : NULL,
                                nets, out, &error))
        fail_msg("parse failed: %s", error->message);
    return g_steal_pointer(&out);
}

/* Parses a domain that must not parse; the message. */
static char *
parse_fail(const char *xml, gsize len)
{
    g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_vnic_free);
    g_autoptr(GError) error = NULL;

    assert_false(xcvr_virt_parse_domain(xml, len, TRUE, NULL, NULL, out, &error));
    assert_non_null(error);
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA));
    assert_int_equal(out->len, 0);
    return g_strdup(error->message);
}

/* One interface in a domain called "vm": its vNIC. */
static XcvrVnic *
one(const char *iface_xml, gboolean running, Nets *nets)
{
    g_autofree char *xml = g_strdup_printf("<domain type='kvm'><name>vm</name>"
                                           "<uuid>0D7E2C3A-0000-4000-8000-00000000ABCD</uuid>"
                                           "<devices>%s</devices></domain>",
                                           iface_xml);
    g_autoptr(GPtrArray) vnics = parse_ok(xml, running, nets);
    XcvrVnic *vnic;

    assert_int_equal(vnics->len, 1);
    /* GLib 2.56 has no g_ptr_array_steal_index(). */
    vnic = g_ptr_array_index(vnics, 0);
    g_ptr_array_index(vnics, 0) = NULL;
    assert_string_equal(vnic->domain, "vm");
    assert_string_equal(vnic->domain_uuid, "0d7e2c3a-0000-4000-8000-00000000abcd");
    assert_string_equal(vnic->vm_source, "libvirt");
    assert_null(vnic->vif_uuid);
    assert_int_equal(vnic->running, running);
    return vnic;
}

static void
check_attach(const XcvrVnic *vnic, guint i, XcvrVnicAttachKind kind, const char *name,
             gboolean ovs)
{
    const XcvrVnicAttach *a;

    assert_true(i < vnic->attach->len);
    a = g_ptr_array_index(vnic->attach, i);
    assert_int_equal(a->kind, kind);
    assert_string_equal(a->name, name);
    assert_int_equal(a->ovs, ovs);
}

/* Asserts every field a test names; NULL means "must be NULL". */
static void
check_vnic(const XcvrVnic *vnic, XcvrVnicType type, const char *mac, const char *model,
           const char *source, const char *target, int vlan, const char *reason,
           const char *error, guint n_attach)
{
    assert_int_equal(vnic->type, type);
    if (mac == NULL)
        assert_null(vnic->mac);
    else
        assert_string_equal(vnic->mac, mac);
    if (model == NULL)
        assert_null(vnic->model);
    else
        assert_string_equal(vnic->model, model);
    if (source == NULL)
        assert_null(vnic->source);
    else
        assert_string_equal(vnic->source, source);
    if (target == NULL)
        assert_null(vnic->target);
    else
        assert_string_equal(vnic->target, target);
    assert_int_equal(vnic->vlan, vlan);
    if (reason == NULL)
        assert_null(vnic->no_uplink_reason);
    else
        assert_string_equal(vnic->no_uplink_reason, reason);
    if (error == NULL)
        assert_null(vnic->error);
    else
        assert_string_equal(vnic->error, error);
    assert_int_equal(vnic->attach->len, n_attach);
}

/* Runs @fn with stderr going to a file; returns what was written there. */
static char *
capture_stderr(void (*fn)(gpointer), gpointer data)
{
    g_autofree char *path = NULL;
    g_autoptr(GError) error = NULL;
    char *contents = NULL;
    int fd = g_file_open_tmp("xcvr-virt-stderr-XXXXXX", &path, &error);
    int saved;

    assert_true(fd >= 0);
    fflush(stderr);
    saved = dup(STDERR_FILENO);
    assert_true(saved >= 0);
    assert_true(dup2(fd, STDERR_FILENO) >= 0);
    close(fd);

    fn(data);

    fflush(stderr);
    assert_true(dup2(saved, STDERR_FILENO) >= 0);
    close(saved);
    assert_true(g_file_get_contents(path, &contents, NULL, NULL));
    (void)g_unlink(path);
    return contents;
}

/* ---- networks ---- */

static void
test_forward_names(void **state)
{
    assert_string_equal(xcvr_virt_forward_to_string(XCVR_VIRT_FORWARD_NONE), "isolated");
    assert_string_equal(xcvr_virt_forward_to_string(XCVR_VIRT_FORWARD_HOSTDEV), "hostdev");
    assert_string_equal(xcvr_virt_forward_to_string(_XCVR_VIRT_FORWARD_LAST), "unknown");
}

static XcvrVirtNetwork *
net_parse(Nets *nets, const char *name)
{
    const char *xml = g_hash_table_lookup(nets->xml, name);
    g_autoptr(GError) error = NULL;
    XcvrVirtNetwork *net;

    assert_non_null(xml);
    net = xcvr_virt_parse_network(xml, strlen(xml), &error);
    if (net == NULL)
        fail_msg("%s: %s", name, error->message);
    assert_string_equal(net->name, name);
    return net;
}

static void
test_network_modes(void **state)
{
    g_autoptr(Nets) nets = nets_standard();
    struct {
        const char *name;
        XcvrVirtForward forward;
        const char *bridge;
        gboolean ovs;
        int vlan;
        const char *devs;
        const char *pcis;
        const char *pf;
    } cases[] = {
        { "default", XCVR_VIRT_FORWARD_NAT, "virbr0", FALSE, -1, "", "", NULL },
        { "nat-nomode", XCVR_VIRT_FORWARD_NAT, "virbr9", FALSE, -1, "", "", NULL },
        { "isolated", XCVR_VIRT_FORWARD_NONE, "virbr1", FALSE, -1, "", "", NULL },
        { "routed", XCVR_VIRT_FORWARD_ROUTE, "virbr2", FALSE, -1, "eno1", "", NULL },
        { "opennet", XCVR_VIRT_FORWARD_OPEN, "virbr3", FALSE, -1, "", "", NULL },
        { "host-bridge", XCVR_VIRT_FORWARD_BRIDGE, "br0", FALSE, -1, "", "", NULL },
        { "ovs-net", XCVR_VIRT_FORWARD_BRIDGE, "ovsbr0", TRUE, 42, "", "", NULL },
        { "vepa-pool", XCVR_VIRT_FORWARD_VEPA, NULL, FALSE, -1, "enp65s0f0 enp65s0f1", "",
          NULL },
        { "private-pool", XCVR_VIRT_FORWARD_PRIVATE, NULL, FALSE, -1, "enp66s0f0", "", NULL },
        { "passthrough-pool", XCVR_VIRT_FORWARD_PASSTHROUGH, NULL, FALSE, -1,
          "enp67s0f2 enp67s0f3", "", NULL },
        { "macvtap-bridge", XCVR_VIRT_FORWARD_BRIDGE, NULL, FALSE, -1, "eno2", "", NULL },
        { "vf-pool", XCVR_VIRT_FORWARD_HOSTDEV, NULL, FALSE, -1, "",
          "0000:41:02.1 0000:41:02.2", NULL },
        { "pf-pool", XCVR_VIRT_FORWARD_HOSTDEV, NULL, FALSE, -1, "", "", "enp65s0f1" },
    };

    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(XcvrVirtNetwork) net = net_parse(nets, cases[i].name);
        g_autofree char *devs = NULL;
        g_autofree char *pcis = NULL;

        g_ptr_array_add(net->devs, NULL);
        g_ptr_array_add(net->pcis, NULL);
        devs = g_strjoinv(" ", (char **)net->devs->pdata);
        pcis = g_strjoinv(" ", (char **)net->pcis->pdata);
        assert_int_equal(net->forward, cases[i].forward);
        if (cases[i].bridge == NULL)
            assert_null(net->bridge);
        else
            assert_string_equal(net->bridge, cases[i].bridge);
        assert_int_equal(net->ovs, cases[i].ovs);
        assert_int_equal(net->vlan, cases[i].vlan);
        assert_string_equal(devs, cases[i].devs);
        assert_string_equal(pcis, cases[i].pcis);
        if (cases[i].pf == NULL)
            assert_null(net->pf);
        else
            assert_string_equal(net->pf, cases[i].pf);
    }
}

static void
test_network_bad(void **state)
{
    struct {
        const char *xml;
        const char *message;
    } cases[] = {
        { "<network><name>x</name><forward mode='warp'/></network>",
          "unknown forward mode 'warp'" },
        { "<network><forward mode='nat'/></network>", "network XML has no <name>" },
        { "<network><name>  </name></network>", "network XML has no <name>" },
        { "<domain><name>x</name></domain>",
          "network XML has root element 'domain', not 'network'" },
        { "<network><name>x</name><bridge name='br/../../x'/></network>",
          "invalid bridge device name 'br/../../x'" },
        { "<network><name>x</name><forward mode='vepa'><interface dev='a b'/></forward>"
          "</network>",
          "invalid pool device name 'a b'" },
        { "<network><name>x</name><forward mode='hostdev'>"
          "<address type='pci' domain='0' bus='0x100' slot='0' function='0'/></forward>"
          "</network>",
          "invalid PCI address in the hostdev pool" },
        { "<network><name>x</name><forward mode='hostdev'><pf dev=''/></forward></network>",
          "invalid PF device name ''" },
        { "<network><name>x</name>", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(GError) error = NULL;
        g_autoptr(XcvrVirtNetwork) net =
            xcvr_virt_parse_network(cases[i].xml, strlen(cases[i].xml), &error);

        assert_null(net);
        assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA));
        if (cases[i].message != NULL)
            assert_string_equal(error->message, cases[i].message);
        else
            assert_non_null(strstr(error->message, "network XML is not well-formed"));
    }
}

/* ---- domains: one interface type at a time ---- */

static void
test_bridge(void **state)
{
    const char *linux_br = "<interface type='bridge'><mac address='52:54:00:AB:CD:EF'/>"
                           "<source bridge='br0'/><target dev='vnet3'/>"
                           "<model type='e1000e'/><vlan trunk='no'><tag id='100'/>"
                           "<tag id='200'/></vlan></interface>";
    const char *ovs_br = "<interface type='bridge'><mac address='52:54:00:00:00:02'/>"
                         "<source bridge='ovsbr0'/><virtualport type='openvswitch'>"
                         "<parameters interfaceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f'/>"
                         "</virtualport><target dev='vm-ovs0'/></interface>";
    g_autoptr(XcvrVnic) run = one(linux_br, TRUE, NULL);
    g_autoptr(XcvrVnic) def = one(linux_br, FALSE, NULL);
    g_autoptr(XcvrVnic) ovs_run = one(ovs_br, TRUE, NULL);
    g_autoptr(XcvrVnic) ovs_def = one(ovs_br, FALSE, NULL);
    g_autoptr(XcvrVnic) none = one("<interface type='bridge'><source/></interface>", FALSE,
                                   NULL);

    check_vnic(run, XCVR_VNIC_BRIDGE, "52:54:00:ab:cd:ef", "e1000e", "bridge br0", "vnet3",
               100, NULL, NULL, 1);
    check_attach(run, 0, XCVR_VNIC_ATTACH_NETDEV, "vnet3", FALSE);
    check_vnic(def, XCVR_VNIC_BRIDGE, "52:54:00:ab:cd:ef", "e1000e", "bridge br0", NULL, 100,
               NULL, NULL, 1);
    check_attach(def, 0, XCVR_VNIC_ATTACH_NETDEV, "br0", FALSE);
    check_vnic(ovs_run, XCVR_VNIC_BRIDGE, "52:54:00:00:00:02", NULL,
               "openvswitch bridge ovsbr0", "vm-ovs0", -1, NULL, NULL, 1);
    check_attach(ovs_run, 0, XCVR_VNIC_ATTACH_NETDEV, "vm-ovs0", TRUE);
    check_attach(ovs_def, 0, XCVR_VNIC_ATTACH_NETDEV, "ovsbr0", TRUE);
    assert_null(ovs_def->target);
    check_vnic(none, XCVR_VNIC_BRIDGE, NULL, NULL, NULL, NULL, -1, NULL,
               "bridge interface without <source bridge>", 0);
}

static void
test_network_routed(void **state)
{
    g_autoptr(Nets) nets = nets_standard();
    struct {
        const char *net;
        const char *source;
        const char *reason;
        const char *bridge;
    } cases[] = {
        { "default", "network default (nat, bridge virbr0)",
          "network 'default' forwards by NAT", "virbr0" },
        { "nat-nomode", "network nat-nomode (nat, bridge virbr9)",
          "network 'nat-nomode' forwards by NAT", "virbr9" },
        { "isolated", "network isolated (isolated, bridge virbr1)",
          "network 'isolated' is isolated", "virbr1" },
        { "routed", "network routed (route, bridge virbr2)", "network 'routed' routes",
          "virbr2" },
        { "opennet", "network opennet (open, bridge virbr3)",
          "network 'opennet' is open (routed)", "virbr3" },
    };

    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *xml = g_strdup_printf("<interface type='network'>"
                                               "<mac address='52:54:00:00:00:01'/>"
                                               "<source network='%s'/>"
                                               "<target dev='tap-x'/><model type='virtio'/>"
                                               "</interface>",
                                               cases[i].net);
        g_autoptr(XcvrVnic) run = one(xml, TRUE, nets);
        g_autoptr(XcvrVnic) def = one(xml, FALSE, nets);

        check_vnic(run, XCVR_VNIC_NETWORK, "52:54:00:00:00:01", "virtio", cases[i].source,
                   "tap-x", -1, cases[i].reason, NULL, 1);
        check_attach(run, 0, XCVR_VNIC_ATTACH_NETDEV, "tap-x", FALSE);
        check_vnic(def, XCVR_VNIC_NETWORK, "52:54:00:00:00:01", "virtio", cases[i].source,
                   NULL, -1, cases[i].reason, NULL, 1);
        check_attach(def, 0, XCVR_VNIC_ATTACH_NETDEV, cases[i].bridge, FALSE);
    }
}

static void
test_network_live_bridge(void **state)
{
    g_autoptr(Nets) nets = nets_standard();
    /* qemu's live XML: the network's bridge on <source>, the port's id. */
    g_autoptr(XcvrVnic) live = one("<interface type='network'>"
                                   "<mac address='52:54:00:00:00:01'/>"
                                   "<source network='default' "
                                   "portid='6b1f5d42-7e43-4b4b-9b73-1b8f8a3f0c11' "
                                   "bridge='virbr7'/>"
                                   "<target dev='vnet0'/><alias name='net0'/></interface>",
                                   TRUE, nets);
    /* A bridge-typed live port that still names its network is that network's. */
    g_autoptr(XcvrVnic) typed = one("<interface type='bridge'>"
                                    "<source network='host-bridge' bridge='br0'/>"
                                    "<target dev='vnet1'/></interface>",
                                    TRUE, nets);

    check_vnic(live, XCVR_VNIC_NETWORK, "52:54:00:00:00:01", NULL,
               "network default (nat, bridge virbr7)", "vnet0", -1,
               "network 'default' forwards by NAT", NULL, 1);
    check_attach(live, 0, XCVR_VNIC_ATTACH_NETDEV, "vnet0", FALSE);
    check_vnic(typed, XCVR_VNIC_NETWORK, NULL, NULL, "network host-bridge (bridge, bridge br0)",
               "vnet1", -1, NULL, NULL, 1);
    check_attach(typed, 0, XCVR_VNIC_ATTACH_NETDEV, "vnet1", FALSE);
}

static void
test_network_bridged(void **state)
{
    g_autoptr(Nets) nets = nets_standard();
    g_autoptr(XcvrVnic) lin_run = one("<interface type='network'><source network='host-bridge'/>"
                                      "<target dev='t0'/></interface>", TRUE, nets);
    g_autoptr(XcvrVnic) lin_def = one("<interface type='network'><source network='host-bridge'/>"
                                      "<target dev='t0'/></interface>", FALSE, nets);
    g_autoptr(XcvrVnic) ovs_run = one("<interface type='network'><source network='ovs-net'/>"
                                      "<target dev='t1'/></interface>", TRUE, nets);
    g_autoptr(XcvrVnic) ovs_def = one("<interface type='network'><source network='ovs-net'/>"
                                      "<vlan><tag id='7'/></vlan></interface>", FALSE, nets);

    check_vnic(lin_run, XCVR_VNIC_NETWORK, NULL, NULL,
               "network host-bridge (bridge, bridge br0)", "t0", -1, NULL, NULL, 1);
    check_attach(lin_run, 0, XCVR_VNIC_ATTACH_NETDEV, "t0", FALSE);
    check_vnic(lin_def, XCVR_VNIC_NETWORK, NULL, NULL,
               "network host-bridge (bridge, bridge br0)", NULL, -1, NULL, NULL, 1);
    check_attach(lin_def, 0, XCVR_VNIC_ATTACH_NETDEV, "br0", FALSE);
    /* The network's VLAN when the interface asks for none; the interface's otherwise. */
    check_vnic(ovs_run, XCVR_VNIC_NETWORK, NULL, NULL,
               "network ovs-net (bridge, openvswitch bridge ovsbr0)", "t1", 42, NULL, NULL, 1);
    check_attach(ovs_run, 0, XCVR_VNIC_ATTACH_NETDEV, "t1", TRUE);
    check_vnic(ovs_def, XCVR_VNIC_NETWORK, NULL, NULL,
               "network ovs-net (bridge, openvswitch bridge ovsbr0)", NULL, 7, NULL, NULL, 1);
    check_attach(ovs_def, 0, XCVR_VNIC_ATTACH_NETDEV, "ovsbr0", TRUE);
}

static void
test_network_macvtap_pools(void **state)
{
    g_autoptr(Nets) nets = nets_standard();
    g_autoptr(XcvrVnic) vepa_def = one("<interface type='network'><source network='vepa-pool'/>"
                                       "<target dev='macvtap0'/></interface>", FALSE, nets);
    g_autoptr(XcvrVnic) vepa_run = one("<interface type='network'><source network='vepa-pool'/>"
                                       "<target dev='mvt0'/></interface>", TRUE, nets);
    /* qemu's live XML shows the port's type and the pool device libvirt chose. */
    g_autoptr(XcvrVnic) vepa_live = one("<interface type='direct'>"
                                        "<source network='vepa-pool' portid='p' "
                                        "dev='enp65s0f1' mode='vepa'/>"
                                        "<target dev='macvtap4'/></interface>", TRUE, nets);
    /* Older status XML: the choice in <actual>, and (here) no target yet. */
    g_autoptr(XcvrVnic) actual = one("<interface type='network'>"
                                     "<source network='passthrough-pool'/>"
                                     "<actual type='direct'><source dev='enp67s0f3' "
                                     "mode='passthrough'/></actual></interface>", TRUE, nets);
    g_autoptr(XcvrVnic) priv = one("<interface type='network'><source network='private-pool'/>"
                                   "</interface>", FALSE, nets);
    g_autoptr(XcvrVnic) pass = one("<interface type='network'>"
                                   "<source network='passthrough-pool'/></interface>", FALSE,
                                   nets);
    g_autoptr(XcvrVnic) mbr = one("<interface type='network'>"
                                  "<source network='macvtap-bridge'/></interface>", FALSE, nets);

    check_vnic(vepa_def, XCVR_VNIC_NETWORK, NULL, NULL,
               "network vepa-pool (vepa, pool enp65s0f0 enp65s0f1)", NULL, -1, NULL, NULL, 2);
    check_attach(vepa_def, 0, XCVR_VNIC_ATTACH_MACVTAP_ON, "enp65s0f0", FALSE);
    check_attach(vepa_def, 1, XCVR_VNIC_ATTACH_MACVTAP_ON, "enp65s0f1", FALSE);
    check_vnic(vepa_run, XCVR_VNIC_NETWORK, NULL, NULL,
               "network vepa-pool (vepa, pool enp65s0f0 enp65s0f1)", "mvt0", -1, NULL, NULL, 1);
    check_attach(vepa_run, 0, XCVR_VNIC_ATTACH_NETDEV, "mvt0", FALSE);
    check_vnic(vepa_live, XCVR_VNIC_NETWORK, NULL, NULL,
               "network vepa-pool (vepa, dev enp65s0f1)", "macvtap4", -1, NULL, NULL, 1);
    check_attach(vepa_live, 0, XCVR_VNIC_ATTACH_NETDEV, "macvtap4", FALSE);
    check_vnic(actual, XCVR_VNIC_NETWORK, NULL, NULL,
               "network passthrough-pool (passthrough, dev enp67s0f3)", NULL, -1, NULL, NULL,
               1);
    check_attach(actual, 0, XCVR_VNIC_ATTACH_MACVTAP_ON, "enp67s0f3", FALSE);
    check_vnic(priv, XCVR_VNIC_NETWORK, NULL, NULL,
               "network private-pool (private, pool enp66s0f0)", NULL, -1, NULL, NULL, 1);
    check_attach(priv, 0, XCVR_VNIC_ATTACH_MACVTAP_ON, "enp66s0f0", FALSE);
    check_vnic(pass, XCVR_VNIC_NETWORK, NULL, NULL,
               "network passthrough-pool (passthrough, pool enp67s0f2 enp67s0f3)", NULL, -1,
               NULL, NULL, 2);
    check_attach(pass, 1, XCVR_VNIC_ATTACH_MACVTAP_ON, "enp67s0f3", FALSE);
    check_vnic(mbr, XCVR_VNIC_NETWORK, NULL, NULL, "network macvtap-bridge (bridge, pool eno2)",
               NULL, -1, NULL, NULL, 1);
    check_attach(mbr, 0, XCVR_VNIC_ATTACH_MACVTAP_ON, "eno2", FALSE);
}

/*
 * A macvtap network whose pool is `<pf dev>`: the VFs of that PF. A defined domain maps to
 * the PF (before this, it was "no bridge and no device pool"); a running one keeps the device
 * its live XML names; a network that runs lists the VFs, and they are the pool.
 */
static void
test_network_macvtap_pf(void **state)
{
    static const char *const modes[] = { "passthrough", "private", "vepa", "bridge" };
    g_autoptr(Nets) nets = nets_new();
    g_autoptr(XcvrVnic) live = NULL;
    g_autoptr(XcvrVnic) actual = NULL;
    g_autoptr(XcvrVnic) test_driver = NULL;
    g_autoptr(XcvrVnic) expanded = NULL;
    g_autoptr(XcvrVnic) empty = NULL;

    for (guint i = 0; i < G_N_ELEMENTS(modes); i++) {
        g_autofree char *name = g_strdup_printf("pf-%s", modes[i]);
        g_autofree char *xml = g_strdup_printf("<network><name>%s</name>"
                                               "<forward mode='%s'><pf dev='enp65s0f0'/>"
                                               "</forward></network>", name, modes[i]);

        nets_add(nets, name, xml);
    }
    nets_add(nets, "pf-running",
             "<network><name>pf-running</name><forward mode='passthrough'>"
             "<pf dev='enp65s0f0'/><interface dev='enp65s0f0v0'/>"
             "<interface dev='enp65s0f0v1'/></forward></network>");
    nets_add(nets, "no-pool",
             "<network><name>no-pool</name><forward mode='vepa'/></network>");

    for (guint i = 0; i < G_N_ELEMENTS(modes); i++) {
        g_autofree char *xml = g_strdup_printf("<interface type='network'>"
                                               "<source network='pf-%s'/>"
                                               "<target dev='macvtap9'/></interface>",
                                               modes[i]);
        g_autofree char *source = g_strdup_printf("network pf-%s (%s, VFs of pf enp65s0f0)",
                                                  modes[i], modes[i]);
        g_autoptr(XcvrVnic) defined = one(xml, FALSE, nets);

        check_vnic(defined, XCVR_VNIC_NETWORK, NULL, NULL, source, NULL, -1, NULL, NULL, 1);
        check_attach(defined, 0, XCVR_VNIC_ATTACH_NETDEV, "enp65s0f0", FALSE);
    }

    /* qemu's live XML: the VF libvirt chose and the macvtap on it. */
    live = one("<interface type='direct'><source network='pf-passthrough' portid='p' "
               "dev='enp65s0f0v3' mode='passthrough'/><target dev='macvtap3'/></interface>",
               TRUE, nets);
    check_vnic(live, XCVR_VNIC_NETWORK, NULL, NULL,
               "network pf-passthrough (passthrough, dev enp65s0f0v3)", "macvtap3", -1, NULL,
               NULL, 1);
    check_attach(live, 0, XCVR_VNIC_ATTACH_NETDEV, "macvtap3", FALSE);
    actual = one("<interface type='network'><source network='pf-private'/>"
                 "<actual type='direct'><source dev='enp65s0f0v2' mode='private'/></actual>"
                 "</interface>", TRUE, nets);
    check_vnic(actual, XCVR_VNIC_NETWORK, NULL, NULL,
               "network pf-private (private, dev enp65s0f0v2)", NULL, -1, NULL, NULL, 1);
    check_attach(actual, 0, XCVR_VNIC_ATTACH_MACVTAP_ON, "enp65s0f0v2", FALSE);
    /* Running without a chosen device (libvirt's test driver): its tap, as for any pool. */
    test_driver = one("<interface type='network'><source network='pf-vepa'/>"
                      "<target dev='testnet0'/></interface>", TRUE, nets);
    check_vnic(test_driver, XCVR_VNIC_NETWORK, NULL, NULL,
               "network pf-vepa (vepa, VFs of pf enp65s0f0)", "testnet0", -1, NULL, NULL, 1);
    check_attach(test_driver, 0, XCVR_VNIC_ATTACH_NETDEV, "testnet0", FALSE);

    expanded = one("<interface type='network'><source network='pf-running'/></interface>",
                   FALSE, nets);
    check_vnic(expanded, XCVR_VNIC_NETWORK, NULL, NULL,
               "network pf-running (passthrough, pool enp65s0f0v0 enp65s0f0v1)", NULL, -1, NULL,
               NULL, 2);
    check_attach(expanded, 0, XCVR_VNIC_ATTACH_MACVTAP_ON, "enp65s0f0v0", FALSE);
    check_attach(expanded, 1, XCVR_VNIC_ATTACH_MACVTAP_ON, "enp65s0f0v1", FALSE);

    empty = one("<interface type='network'><source network='no-pool'/></interface>", FALSE,
                nets);
    check_vnic(empty, XCVR_VNIC_NETWORK, NULL, NULL, "network no-pool (vepa)", NULL, -1, NULL,
               "network 'no-pool' (vepa) has no bridge and no device pool", 0);
}

static void
test_network_hostdev_pools(void **state)
{
    g_autoptr(Nets) nets = nets_standard();
    g_autoptr(XcvrVnic) vf_def = one("<interface type='network'><source network='vf-pool'/>"
                                     "</interface>", FALSE, nets);
    g_autoptr(XcvrVnic) vf_run = one("<interface type='network'><source network='vf-pool'/>"
                                     "<target dev='testnet2'/></interface>", TRUE, nets);
    g_autoptr(XcvrVnic) vf_live = one("<interface type='hostdev' managed='yes'>"
                                      "<source network='vf-pool'>"
                                      "<address type='pci' domain='0x0000' bus='0x41' "
                                      "slot='0x02' function='0x2'/></source></interface>",
                                      TRUE, nets);
    g_autoptr(XcvrVnic) vf_actual = one("<interface type='network'>"
                                        "<source network='vf-pool'/>"
                                        "<actual type='hostdev'><source><address type='pci' "
                                        "bus='0x41' slot='0x02' function='0x1'/></source>"
                                        "</actual></interface>", TRUE, nets);
    g_autoptr(XcvrVnic) pf_def = one("<interface type='network'><source network='pf-pool'/>"
                                     "</interface>", FALSE, nets);

    check_vnic(vf_def, XCVR_VNIC_NETWORK, NULL, NULL,
               "network vf-pool (hostdev, pool 0000:41:02.1 0000:41:02.2)", NULL, -1, NULL,
               NULL, 2);
    check_attach(vf_def, 0, XCVR_VNIC_ATTACH_PCI, "0000:41:02.1", FALSE);
    check_attach(vf_def, 1, XCVR_VNIC_ATTACH_PCI, "0000:41:02.2", FALSE);
    /* A running domain's target says nothing about which VF it got: still the pool. */
    check_vnic(vf_run, XCVR_VNIC_NETWORK, NULL, NULL,
               "network vf-pool (hostdev, pool 0000:41:02.1 0000:41:02.2)", "testnet2", -1,
               NULL, NULL, 2);
    check_vnic(vf_live, XCVR_VNIC_NETWORK, NULL, NULL,
               "network vf-pool (hostdev, pci 0000:41:02.2)", NULL, -1, NULL, NULL, 1);
    check_attach(vf_live, 0, XCVR_VNIC_ATTACH_PCI, "0000:41:02.2", FALSE);
    check_attach(vf_actual, 0, XCVR_VNIC_ATTACH_PCI, "0000:41:02.1", FALSE);
    assert_int_equal(vf_actual->attach->len, 1);
    check_vnic(pf_def, XCVR_VNIC_NETWORK, NULL, NULL, "network pf-pool (hostdev, pf enp65s0f1)",
               NULL, -1, NULL, NULL, 1);
    check_attach(pf_def, 0, XCVR_VNIC_ATTACH_NETDEV, "enp65s0f1", FALSE);
}

static void
test_network_unresolved(void **state)
{
    g_autoptr(Nets) nets = nets_standard();
    const char *missing = "<interface type='network'><source network='nope'/></interface>";
    const char *broken = "<interface type='network'><source network='broken'/></interface>";
    g_autoptr(XcvrVnic) a = one(missing, TRUE, nets);
    g_autoptr(XcvrVnic) b = one(broken, FALSE, nets);
    g_autoptr(XcvrVnic) c = one(missing, FALSE, NULL);
    g_autoptr(XcvrVnic) d = one("<interface type='network'><source/></interface>", FALSE, nets);

    check_vnic(a, XCVR_VNIC_NETWORK, NULL, NULL, "network nope", NULL, -1, NULL,
               "network 'nope' not found", 0);
    check_vnic(b, XCVR_VNIC_NETWORK, NULL, NULL, "network broken", NULL, -1, NULL,
               "network 'broken': unknown forward mode 'warp'", 0);
    check_vnic(c, XCVR_VNIC_NETWORK, NULL, NULL, "network nope", NULL, -1, NULL,
               "network 'nope' not found", 0);
    check_vnic(d, XCVR_VNIC_NETWORK, NULL, NULL, NULL, NULL, -1, NULL,
               "network interface without <source network>", 0);
}

static void
test_network_cached(void **state)
{
    g_autoptr(Nets) nets = nets_standard();
    g_autoptr(GPtrArray) vnics =
        parse_ok("<domain><name>d</name><devices>"
                 "<interface type='network'><source network='default'/></interface>"
                 "<interface type='network'><source network='default'/></interface>"
                 "</devices></domain>",
                 FALSE, nets);

    assert_int_equal(vnics->len, 2);
    assert_int_equal(nets->lookups, 2);
    assert_int_equal(g_hash_table_size(nets->parsed), 1);
}

static void
test_direct(void **state)
{
    const char *xml = "<interface type='direct'><mac address='52:54:00:00:00:09'/>"
                      "<source dev='enp65s0f0' mode='passthrough'/><target dev='macvtap2'/>"
                      "<model type='virtio'/></interface>";
    g_autoptr(XcvrVnic) run = one(xml, TRUE, NULL);
    g_autoptr(XcvrVnic) def = one(xml, FALSE, NULL);
    g_autoptr(XcvrVnic) nomode = one("<interface type='direct'><source dev='eno1'/></interface>",
                                     FALSE, NULL);
    g_autoptr(XcvrVnic) notarget = one("<interface type='direct'><source dev='eno1' "
                                       "mode='bridge'/></interface>", TRUE, NULL);
    g_autoptr(XcvrVnic) nodev = one("<interface type='direct'><source mode='bridge'/>"
                                    "</interface>", TRUE, NULL);

    check_vnic(run, XCVR_VNIC_DIRECT, "52:54:00:00:00:09", "virtio",
               "dev enp65s0f0 mode passthrough", "macvtap2", -1, NULL, NULL, 1);
    check_attach(run, 0, XCVR_VNIC_ATTACH_NETDEV, "macvtap2", FALSE);
    check_vnic(def, XCVR_VNIC_DIRECT, "52:54:00:00:00:09", "virtio",
               "dev enp65s0f0 mode passthrough", NULL, -1, NULL, NULL, 1);
    check_attach(def, 0, XCVR_VNIC_ATTACH_MACVTAP_ON, "enp65s0f0", FALSE);
    check_vnic(nomode, XCVR_VNIC_DIRECT, NULL, NULL, "dev eno1 mode vepa", NULL, -1, NULL, NULL,
               1);
    check_attach(notarget, 0, XCVR_VNIC_ATTACH_MACVTAP_ON, "eno1", FALSE);
    check_vnic(nodev, XCVR_VNIC_DIRECT, NULL, NULL, NULL, NULL, -1, NULL,
               "direct interface without <source dev>", 0);
}

static void
test_hostdev_pci(void **state)
{
    struct {
        const char *attrs;
        const char *pci;
    } cases[] = {
        { "type='pci' domain='0x0000' bus='0x41' slot='0x02' function='0x3'", "0000:41:02.3" },
        { "type='pci' domain='0x000A' bus='0XAF' slot='0x1F' function='0x7'", "000a:af:1f.7" },
        { "type='pci' domain='1' bus='65' slot='2' function='1'", "0001:41:02.1" },
        { "type='pci' bus='0x3b' slot='0x00' function='0x0'", "0000:3b:00.0" },
        { "domain='0xffff' bus='0xff' slot='0x1f' function='7'", "ffff:ff:1f.7" },
        { "type='pci' domain='010' bus='0x01' slot='0' function='0'", "0008:01:00.0" },
        { "type='pci' domain='0' bus='0x01' slot='0x20' function='0'", NULL },
        { "type='pci' domain='0' bus='0x01' slot='0' function='8'", NULL },
        { "type='pci' domain='0x10000' bus='0' slot='0' function='0'", NULL },
        { "type='pci' domain='0' bus='-1' slot='0' function='0'", NULL },
        { "type='pci' domain='0' bus=' 1' slot='0' function='0'", NULL },
        { "type='pci' domain='0' bus='1x' slot='0' function='0'", NULL },
        { "type='pci' domain='0' bus='99999999999999999999999' slot='0' function='0'", NULL },
        { "type='pci' domain='0' slot='0' function='0'", NULL },
        { "type='usb' bus='1' device='2'", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *xml = g_strdup_printf("<interface type='hostdev' managed='yes'>"
                                               "<mac address='52:54:00:00:00:0a'/>"
                                               "<source><address %s/></source></interface>",
                                               cases[i].attrs);
        g_autoptr(XcvrVnic) vnic = one(xml, i % 2 == 0, NULL);

        if (cases[i].pci != NULL) {
            g_autofree char *source = g_strdup_printf("pci %s", cases[i].pci);

            check_vnic(vnic, XCVR_VNIC_HOSTDEV, "52:54:00:00:00:0a", NULL, source, NULL, -1,
                       NULL, NULL, 1);
            check_attach(vnic, 0, XCVR_VNIC_ATTACH_PCI, cases[i].pci, FALSE);
        } else {
            check_vnic(vnic, XCVR_VNIC_HOSTDEV, "52:54:00:00:00:0a", NULL, NULL, NULL, -1, NULL,
                       "hostdev interface without a valid PCI address in <source>", 0);
        }
    }
}

static void
test_vdpa_ethernet_vhostuser(void **state)
{
    g_autoptr(XcvrVnic) vdpa = one("<interface type='vdpa'><source dev='/dev/vhost-vdpa-0'/>"
                                   "</interface>", TRUE, NULL);
    g_autoptr(XcvrVnic) vdpa_bad = one("<interface type='vdpa'><source dev='/dev/../etc/x'/>"
                                       "</interface>", TRUE, NULL);
    g_autoptr(XcvrVnic) eth_run = one("<interface type='ethernet'><target dev='tap7' "
                                      "managed='no'/></interface>", TRUE, NULL);
    g_autoptr(XcvrVnic) eth_def = one("<interface type='ethernet'><target dev='tap7' "
                                      "managed='no'/></interface>", FALSE, NULL);
    g_autoptr(XcvrVnic) eth_none = one("<interface type='ethernet'/>", TRUE, NULL);
    g_autoptr(XcvrVnic) vhu = one("<interface type='vhostuser'>"
                                  "<source type='unix' path='/run/openvswitch/vhu0' "
                                  "mode='server'/><model type='virtio'/></interface>", FALSE,
                                  NULL);
    g_autoptr(XcvrVnic) vhu_none = one("<interface type='vhostuser'><source type='unix'/>"
                                       "</interface>", FALSE, NULL);

    check_vnic(vdpa, XCVR_VNIC_VDPA, NULL, NULL, "vdpa /dev/vhost-vdpa-0", NULL, -1, NULL, NULL,
               1);
    check_attach(vdpa, 0, XCVR_VNIC_ATTACH_VDPA, "/dev/vhost-vdpa-0", FALSE);
    check_vnic(vdpa_bad, XCVR_VNIC_VDPA, NULL, NULL, NULL, NULL, -1, NULL,
               "vdpa interface without a valid <source dev> ('/dev/../etc/x')", 0);
    check_vnic(eth_run, XCVR_VNIC_ETHERNET, NULL, NULL, NULL, "tap7", -1, NULL, NULL, 1);
    check_attach(eth_run, 0, XCVR_VNIC_ATTACH_NETDEV, "tap7", FALSE);
    /* Defined only: the configured name is where it will be, not a live target. */
    check_vnic(eth_def, XCVR_VNIC_ETHERNET, NULL, NULL, NULL, NULL, -1, NULL, NULL, 1);
    check_attach(eth_def, 0, XCVR_VNIC_ATTACH_NETDEV, "tap7", FALSE);
    check_vnic(eth_none, XCVR_VNIC_ETHERNET, NULL, NULL, NULL, NULL, -1,
               "ethernet interface without a host device name", NULL, 0);
    check_vnic(vhu, XCVR_VNIC_VHOSTUSER, NULL, "virtio", "vhostuser /run/openvswitch/vhu0 (server)",
               NULL, -1, NULL, NULL, 1);
    check_attach(vhu, 0, XCVR_VNIC_ATTACH_VHOSTUSER, "/run/openvswitch/vhu0", TRUE);
    check_vnic(vhu_none, XCVR_VNIC_VHOSTUSER, NULL, NULL, NULL, NULL, -1, NULL,
               "vhostuser interface without a valid <source path> ('')", 0);
}

static void
test_user_and_other(void **state)
{
    g_autoptr(XcvrVnic) user = one("<interface type='user'><mac address='52:54:00:12:34:56'/>"
                                   "<model type='rtl8139'/></interface>", TRUE, NULL);
    g_autoptr(XcvrVnic) mcast = one("<interface type='mcast'><source address='230.0.0.1' "
                                    "port='5558'/></interface>", TRUE, NULL);
    g_autoptr(XcvrVnic) notype = one("<interface><mac address='52:54:00:12:34:57'/>"
                                     "</interface>", FALSE, NULL);

    check_vnic(user, XCVR_VNIC_USER, "52:54:00:12:34:56", "rtl8139", NULL, NULL, -1,
               "user-mode networking (no host device)", NULL, 0);
    check_vnic(mcast, XCVR_VNIC_OTHER, NULL, NULL, NULL, NULL, -1,
               "interface type 'mcast' has no host device", NULL, 0);
    check_vnic(notype, XCVR_VNIC_OTHER, "52:54:00:12:34:57", NULL, NULL, NULL, -1, NULL,
               "interface without a type", 0);
}

/* ---- domains: shape, odd names, hostile input ---- */

static void
test_document_order_and_shape(void **state)
{
    g_autoptr(GPtrArray) vnics =
        parse_ok("<domain type='kvm' xmlns:x='urn:x'>"
                 "<name>  odd name \xc3\xa9 &amp; co  </name>"
                 "<interface type='user'/>"
                 "<devices>"
                 "<x:interface type='user'/>"
                 "<disk type='file'/>"
                 "<interface type='user'><mac address='52:54:00:00:00:01'/></interface>"
                 "<!-- a comment -->"
                 "<hostdev/>"
                 "<interface type='bridge'><source bridge='br0'/>"
                 "<mac address='52:54:00:00:00:02'/></interface>"
                 "</devices>"
                 "<devices><interface type='user'/></devices>"
                 "</domain>",
                 FALSE, NULL);
    g_autoptr(GPtrArray) empty = parse_ok("<domain><name>e</name></domain>", TRUE, NULL);
    XcvrVnic *first;

    /* Only the first <devices>' own, un-namespaced <interface>s, in order. */
    assert_int_equal(vnics->len, 2);
    first = g_ptr_array_index(vnics, 0);
    assert_string_equal(first->domain, "odd name \xc3\xa9 & co");
    assert_null(first->domain_uuid);
    assert_string_equal(first->mac, "52:54:00:00:00:01");
    assert_string_equal(((XcvrVnic *)g_ptr_array_index(vnics, 1))->mac, "52:54:00:00:00:02");
    assert_int_equal(empty->len, 0);
}

static void
test_odd_values(void **state)
{
    g_autofree char *huge = g_strnfill(1 << 20, 'b');
    g_autofree char *huge_xml = g_strdup_printf("<interface type='bridge'>"
                                                "<source bridge='%s'/></interface>",
                                                huge);
    g_autoptr(XcvrVnic) big = one(huge_xml, FALSE, NULL);
    g_autoptr(XcvrVnic) badmac = one("<interface type='bridge'><mac address='52:54:00:zz:00:01'/>"
                                     "<source bridge='br0'/></interface>", FALSE, NULL);
    g_autoptr(XcvrVnic) climb = one("<interface type='bridge'><source bridge='..'/>"
                                    "<target dev='../../etc'/></interface>", TRUE, NULL);
    g_autoptr(XcvrVnic) ctrl = one("<interface type='bridge'><source bridge='br&#9;0'/>"
                                   "</interface>", FALSE, NULL);
    g_autoptr(XcvrVnic) vlan = one("<interface type='bridge'><source bridge='br0'/>"
                                   "<vlan><tag id='4096'/></vlan></interface>", FALSE, NULL);
    g_autoptr(XcvrVnic) vlan2 = one("<interface type='bridge'><source bridge='br0'/>"
                                    "<vlan><tag id='0x10'/></vlan></interface>", FALSE, NULL);
    g_autoptr(XcvrVnic) fifteen = one("<interface type='bridge'><source bridge='abcdefghijklmno'/>"
                                      "</interface>", FALSE, NULL);
    g_autofree char *expected = NULL;
    g_autofree char *cut = g_strnfill(64, 'b');

    expected = g_strdup_printf("invalid host device name '%s...'", cut);
    assert_string_equal(big->error, expected);
    assert_int_equal(big->attach->len, 0);
    assert_null(badmac->mac);
    assert_string_equal(badmac->error, "invalid MAC address '52:54:00:zz:00:01'");
    assert_int_equal(badmac->attach->len, 1);
    assert_string_equal(climb->error, "invalid host device name '../../etc'");
    assert_int_equal(climb->attach->len, 0);
    assert_string_equal(ctrl->error, "invalid host device name 'br\\t0'");
    assert_int_equal(vlan->vlan, -1);
    assert_int_equal(vlan2->vlan, -1);
    assert_null(fifteen->error);
    check_attach(fifteen, 0, XCVR_VNIC_ATTACH_NETDEV, "abcdefghijklmno", FALSE);
}

static void
test_malformed(void **state)
{
    const char *good = "<domain><name>d</name><devices><interface type='user'/></devices>"
                       "</domain>";
    struct {
        const char *xml;
        const char *prefix;
    } cases[] = {
        { "<domain><name>d</name><devices>", "domain XML is not well-formed (line 1): " },
        { "<domain><name>d</name></domian>", "domain XML is not well-formed (line 1): " },
        { "not xml at all", "domain XML is not well-formed (line 1): " },
        { "<network><name>n</name></network>",
          "domain XML has root element 'network', not 'domain'" },
        { "<x:domain xmlns:x='urn:x'><name>d</name></x:domain>",
          "domain XML has root element 'x:domain', not 'domain'" },
        { "<domain><devices/></domain>", "domain XML has no <name>" },
        { "<domain><name>d</name><devices><interface type='user' type='user'/></devices>"
          "</domain>", "domain XML is not well-formed" },
        { "<domain><name>&undefined;</name></domain>", "domain XML is not well-formed" },
        { "\xff\xfe<\0d\0", "domain XML is not well-formed" },
    };
    g_autofree char *empty = parse_fail("", 0);
    g_autofree char *too_big = parse_fail(good, XCVR_VIRT_XML_MAX + 1);
    static const char with_nul[] = "<domain><name>d\0</name></domain>";
    g_autofree char *nul = parse_fail(with_nul, sizeof(with_nul) - 1);

    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *msg = parse_fail(cases[i].xml, strlen(cases[i].xml));

        if (!g_str_has_prefix(msg, cases[i].prefix))
            fail_msg("case %u: '%s' does not start with '%s'", i, msg, cases[i].prefix);
    }
    /* Every truncation of a good document is refused, never half-read. */
    for (gsize len = 1; len < strlen(good); len++) {
        g_autofree char *msg = parse_fail(good, len);

        assert_true(g_str_has_prefix(msg, "domain XML is not well-formed"));
    }
    assert_string_equal(empty, "domain XML is empty");
    assert_non_null(strstr(too_big, "more than the 16777216 accepted"));
    assert_true(g_str_has_prefix(nul, "domain XML is not well-formed"));
}

static void
test_xxe(void **state)
{
    g_autofree char *dir = g_dir_make_tmp("xcvr-virt-xxe-XXXXXX", NULL);
    g_autofree char *secret = g_build_filename(dir, "secret", NULL);
    g_autofree char *dtd = g_build_filename(dir, "ext.dtd", NULL);
    g_autofree char *x1 = NULL;
    g_autofree char *x2 = NULL;
    g_autofree char *x3 = NULL;
    g_autofree char *m1 = NULL;
    g_autofree char *m2 = NULL;
    g_autofree char *m3 = NULL;

    assert_true(g_file_set_contents(secret, "52:54:00:de:ad:01", -1, NULL));
    assert_true(g_file_set_contents(dtd, "<!ENTITY leak SYSTEM 'secret'>", -1, NULL));
    x1 = g_strdup_printf("<?xml version='1.0'?>"
                         "<!DOCTYPE domain [<!ENTITY xxe SYSTEM 'file://%s'>]>"
                         "<domain><name>&xxe;</name><devices><interface type='user'>"
                         "<mac address='&xxe;'/></interface></devices></domain>",
                         secret);
    x2 = g_strdup_printf("<!DOCTYPE domain SYSTEM 'file://%s'>"
                         "<domain><name>&leak;</name></domain>", dtd);
    x3 = g_strdup_printf("<!DOCTYPE domain [<!ENTITY %% p SYSTEM 'file://%s'> %%p;]>"
                         "<domain><name>d</name></domain>", dtd);
    m1 = parse_fail(x1, strlen(x1));
    m2 = parse_fail(x2, strlen(x2));
    m3 = parse_fail(x3, strlen(x3));
    /* Refused outright: never a document whose text came from elsewhere. */
    assert_true(g_str_has_prefix(m1, "domain XML "));
    assert_null(strstr(m1, "de:ad"));
    assert_null(strstr(m2, "de:ad"));
    assert_null(strstr(m3, "de:ad"));
    assert_int_equal(g_unlink(secret), 0);
    assert_int_equal(g_unlink(dtd), 0);
    assert_int_equal(g_rmdir(dir), 0);
}

static void
test_billion_laughs(void **state)
{
    g_autoptr(GString) xml = g_string_new("<?xml version='1.0'?><!DOCTYPE domain ["
                                          "<!ENTITY lol0 'lollollollollollollollollollol'>");
    g_autofree char *msg = NULL;
    gint64 start = g_get_monotonic_time();

    for (int i = 1; i <= 12; i++) {
        g_string_append_printf(xml, "<!ENTITY lol%d '", i);
        for (int j = 0; j < 10; j++)
            g_string_append_printf(xml, "&lol%d;", i - 1);
        g_string_append(xml, "'>");
    }
    g_string_append(xml, "]><domain><name>&lol12;</name><devices><interface type='bridge'>"
                         "<source bridge='&lol12;'/></interface></devices></domain>");
    msg = parse_fail(xml->str, xml->len);
    assert_true(g_str_has_prefix(msg, "domain XML"));
    /* Refused in well under a second, not expanded to 10^13 bytes. */
    assert_true(g_get_monotonic_time() - start < 5 * G_USEC_PER_SEC);
}

static void
parse_garbage_cb(gpointer data)
{
    const char *bad = "<domain><name>x</name";
    const char *net = "<!DOCTYPE d [<!ENTITY e SYSTEM 'http://127.0.0.1:9/x'>]>"
                      "<domain><name>&e;</name></domain>";
    g_autofree char *a = parse_fail(bad, strlen(bad));
    g_autofree char *b = parse_fail(net, strlen(net));

    (void)a; /* what they say is another test's: here, only that they stay quiet */
    (void)b;
}

static void
test_parser_quiet(void **state)
{
    g_autofree char *printed = capture_stderr(parse_garbage_cb, NULL);

    assert_string_equal(printed, "");
}

/* ---- the real libvirt test driver (libxcvrmap-virt is built only where libvirt is) ---- */

#ifdef WITH_LIBVIRT

static char *
fixture_uri(const char *name)
{
    const char *srcdir = g_getenv("G_TEST_SRCDIR");
    g_autofree char *path = g_build_filename(srcdir != NULL ? srcdir : "tests", "data", "virt",
                                             name, NULL);
    g_autofree char *abs = NULL;

    if (!g_path_is_absolute(path)) {
        g_autofree char *cwd = g_get_current_dir();

        abs = g_build_filename(cwd, path, NULL);
    } else {
        abs = g_strdup(path);
    }
    return g_strconcat("test://", abs, NULL);
}

static GPtrArray *
list_some(const char *const *domains)
{
    g_autofree char *uri = fixture_uri("host-all-types.xml");
    g_autoptr(GError) error = NULL;
    GPtrArray *vnics = xcvr_virt_list_vnics(uri, domains, NULL, &error);

    if (vnics == NULL)
        fail_msg("%s: %s", uri, error->message);
    return vnics;
}

static GPtrArray *
list_ok(const char *domain)
{
    const char *const domains[] = { domain, NULL };
    g_autofree char *uri = fixture_uri("host-all-types.xml");
    g_autoptr(GError) error = NULL;
    GPtrArray *vnics = xcvr_virt_list_vnics(uri, domain != NULL ? domains : NULL, NULL, &error);

    if (vnics == NULL)
        fail_msg("%s: %s", uri, error->message);
    return vnics;
}

static const XcvrVnic *
by_mac(GPtrArray *vnics, const char *mac)
{
    for (guint i = 0; i < vnics->len; i++) {
        const XcvrVnic *vnic = g_ptr_array_index(vnics, i);

        if (g_strcmp0(vnic->mac, mac) == 0)
            return vnic;
    }
    fail_msg("no vNIC with MAC %s", mac);
    return NULL;
}

#define UUID_WEB "a0d5c0de-1111-4222-8333-000000000001"
#define UUID_DB "a0d5c0de-1111-4222-8333-000000000002"
#define UUID_ARCHIVE "a0d5c0de-1111-4222-8333-000000000003"

static void
test_driver_all(void **state)
{
    g_autoptr(GPtrArray) vnics = NULL;
    const XcvrVnic *v;
    const char *order[] = { "archive", "db", "web" };
    guint counts[] = { 12, 10, 8 };
    guint at = 0;

    vnics = list_ok(NULL);

    /* Domains in name order, each one's interfaces in document order. */
    assert_int_equal(vnics->len, 12 + 10 + 8);
    for (guint d = 0; d < G_N_ELEMENTS(order); d++) {
        for (guint i = 0; i < counts[d]; i++, at++) {
            v = g_ptr_array_index(vnics, at);
            assert_string_equal(v->domain, order[d]);
            assert_int_equal(v->running, d != 0);
            assert_string_equal(v->domain_uuid, d == 0 ? UUID_ARCHIVE
                                                : d == 1 ? UUID_DB : UUID_WEB);
        }
    }
    assert_string_equal(((XcvrVnic *)g_ptr_array_index(vnics, 0))->mac, "52:54:00:cc:00:01");
    assert_string_equal(((XcvrVnic *)g_ptr_array_index(vnics, 29))->mac, "52:54:00:aa:00:08");

    /* web: running; the test driver renamed vnet7 and filled in testnetN targets. */
    v = by_mac(vnics, "52:54:00:aa:00:01");
    check_vnic(v, XCVR_VNIC_NETWORK, "52:54:00:aa:00:01", "virtio",
               "network default (nat, bridge virbr0)", "web-eth0", -1,
               "network 'default' forwards by NAT", NULL, 1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_NETDEV, "web-eth0", FALSE);
    v = by_mac(vnics, "52:54:00:aa:00:02");
    check_vnic(v, XCVR_VNIC_BRIDGE, "52:54:00:aa:00:02", "e1000e", "bridge br0", "testnet0", 100,
               NULL, NULL, 1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_NETDEV, "testnet0", FALSE);
    v = by_mac(vnics, "52:54:00:aa:00:03");
    check_vnic(v, XCVR_VNIC_BRIDGE, "52:54:00:aa:00:03", "virtio", "openvswitch bridge ovsbr0",
               "web-ovs0", -1, NULL, NULL, 1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_NETDEV, "web-ovs0", TRUE);
    v = by_mac(vnics, "52:54:00:aa:00:04");
    check_vnic(v, XCVR_VNIC_DIRECT, "52:54:00:aa:00:04", "virtio", "dev enp65s0f0 mode vepa",
               "mvt-web0", -1, NULL, NULL, 1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_NETDEV, "mvt-web0", FALSE);
    v = by_mac(vnics, "52:54:00:aa:00:05");
    check_vnic(v, XCVR_VNIC_HOSTDEV, "52:54:00:aa:00:05", NULL, "pci 0000:41:02.3", "testnet1",
               -1, NULL, NULL, 1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_PCI, "0000:41:02.3", FALSE);
    v = by_mac(vnics, "52:54:00:aa:00:06");
    check_vnic(v, XCVR_VNIC_NETWORK, "52:54:00:aa:00:06", "virtio",
               "network vepa-pool (vepa, pool enp65s0f0 enp65s0f1)", "mvt-web1", -1, NULL, NULL,
               1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_NETDEV, "mvt-web1", FALSE);
    /* The test driver allocates no VF: no address in the live XML, so the whole pool. */
    v = by_mac(vnics, "52:54:00:aa:00:07");
    check_vnic(v, XCVR_VNIC_NETWORK, "52:54:00:aa:00:07", NULL,
               "network vf-pool (hostdev, pool 0000:41:02.1 0000:41:02.2)", "testnet2", -1, NULL,
               NULL, 2);
    check_attach(v, 0, XCVR_VNIC_ATTACH_PCI, "0000:41:02.1", FALSE);
    check_attach(v, 1, XCVR_VNIC_ATTACH_PCI, "0000:41:02.2", FALSE);
    v = by_mac(vnics, "52:54:00:aa:00:08");
    check_vnic(v, XCVR_VNIC_USER, "52:54:00:aa:00:08", "rtl8139", NULL, "testnet3", -1,
               "user-mode networking (no host device)", NULL, 0);

    /* db: paused, which is running as far as the live XML goes. */
    v = by_mac(vnics, "52:54:00:bb:00:01");
    check_vnic(v, XCVR_VNIC_NETWORK, "52:54:00:bb:00:01", NULL,
               "network isolated (isolated, bridge virbr1)", "db-eth0", -1,
               "network 'isolated' is isolated", NULL, 1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_NETDEV, "db-eth0", FALSE);
    v = by_mac(vnics, "52:54:00:bb:00:02");
    check_vnic(v, XCVR_VNIC_NETWORK, "52:54:00:bb:00:02", NULL,
               "network routed (route, bridge virbr2)", "db-eth1", -1, "network 'routed' routes",
               NULL, 1);
    v = by_mac(vnics, "52:54:00:bb:00:03");
    check_vnic(v, XCVR_VNIC_NETWORK, "52:54:00:bb:00:03", NULL,
               "network opennet (open, bridge virbr3)", "db-eth2", -1,
               "network 'opennet' is open (routed)", NULL, 1);
    v = by_mac(vnics, "52:54:00:bb:00:04");
    check_vnic(v, XCVR_VNIC_NETWORK, "52:54:00:bb:00:04", NULL,
               "network host-bridge (bridge, bridge br0)", "db-eth3", -1, NULL, NULL, 1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_NETDEV, "db-eth3", FALSE);
    v = by_mac(vnics, "52:54:00:bb:00:05");
    check_vnic(v, XCVR_VNIC_NETWORK, "52:54:00:bb:00:05", NULL,
               "network ovs-net (bridge, openvswitch bridge ovsbr0)", "db-eth4", 42, NULL, NULL,
               1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_NETDEV, "db-eth4", TRUE);
    v = by_mac(vnics, "52:54:00:bb:00:06");
    check_vnic(v, XCVR_VNIC_ETHERNET, "52:54:00:bb:00:06", NULL, NULL, "tap-db0", -1, NULL, NULL,
               1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_NETDEV, "tap-db0", FALSE);
    v = by_mac(vnics, "52:54:00:bb:00:07");
    check_vnic(v, XCVR_VNIC_VHOSTUSER, "52:54:00:bb:00:07", "virtio",
               "vhostuser /run/openvswitch/vhu-db0 (client)", "testnet0", -1, NULL, NULL, 1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_VHOSTUSER, "/run/openvswitch/vhu-db0", TRUE);
    v = by_mac(vnics, "52:54:00:bb:00:08");
    check_vnic(v, XCVR_VNIC_VDPA, "52:54:00:bb:00:08", NULL, "vdpa /dev/vhost-vdpa-0", "testnet1",
               -1, NULL, NULL, 1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_VDPA, "/dev/vhost-vdpa-0", FALSE);
    v = by_mac(vnics, "52:54:00:bb:00:09");
    check_vnic(v, XCVR_VNIC_NETWORK, "52:54:00:bb:00:09", NULL, "network no-such-net",
               "testnet2", -1, NULL, "network 'no-such-net' not found", 0);
    v = by_mac(vnics, "52:54:00:bb:00:0a");
    check_vnic(v, XCVR_VNIC_NETWORK, "52:54:00:bb:00:0a", NULL, "network bad-bridge",
               "testnet3", -1, NULL,
               "network 'bad-bridge': invalid bridge device name 'br-longer-than-ifnamsiz'",
               0);

    /* archive: shut off, so its persistent XML; targets there are not devices. */
    v = by_mac(vnics, "52:54:00:cc:00:01");
    check_vnic(v, XCVR_VNIC_BRIDGE, "52:54:00:cc:00:01", "virtio", "bridge br0", NULL, -1, NULL,
               NULL, 1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_NETDEV, "br0", FALSE);
    v = by_mac(vnics, "52:54:00:cc:00:02");
    check_vnic(v, XCVR_VNIC_DIRECT, "52:54:00:cc:00:02", NULL, "dev enp66s0f0 mode private", NULL,
               -1, NULL, NULL, 1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_MACVTAP_ON, "enp66s0f0", FALSE);
    v = by_mac(vnics, "52:54:00:cc:00:03");
    check_vnic(v, XCVR_VNIC_NETWORK, "52:54:00:cc:00:03", NULL,
               "network private-pool (private, pool enp66s0f0)", NULL, -1, NULL, NULL, 1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_MACVTAP_ON, "enp66s0f0", FALSE);
    v = by_mac(vnics, "52:54:00:cc:00:04");
    check_vnic(v, XCVR_VNIC_NETWORK, "52:54:00:cc:00:04", NULL,
               "network passthrough-pool (passthrough, pool enp67s0f2 enp67s0f3)", NULL, -1,
               NULL, NULL, 2);
    check_attach(v, 0, XCVR_VNIC_ATTACH_MACVTAP_ON, "enp67s0f2", FALSE);
    check_attach(v, 1, XCVR_VNIC_ATTACH_MACVTAP_ON, "enp67s0f3", FALSE);
    v = by_mac(vnics, "52:54:00:cc:00:05");
    check_vnic(v, XCVR_VNIC_NETWORK, "52:54:00:cc:00:05", NULL,
               "network macvtap-bridge (bridge, pool eno2)", NULL, -1, NULL, NULL, 1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_MACVTAP_ON, "eno2", FALSE);
    v = by_mac(vnics, "52:54:00:cc:00:06");
    check_vnic(v, XCVR_VNIC_NETWORK, "52:54:00:cc:00:06", NULL,
               "network vf-pool (hostdev, pool 0000:41:02.1 0000:41:02.2)", NULL, -1, NULL, NULL,
               2);
    v = by_mac(vnics, "52:54:00:cc:00:07");
    check_vnic(v, XCVR_VNIC_NETWORK, "52:54:00:cc:00:07", NULL,
               "network pf-pool (hostdev, pf enp65s0f1)", NULL, -1, NULL, NULL, 1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_NETDEV, "enp65s0f1", FALSE);
    v = by_mac(vnics, "52:54:00:cc:00:08");
    check_vnic(v, XCVR_VNIC_NETWORK, "52:54:00:cc:00:08", NULL,
               "network default (nat, bridge virbr0)", NULL, -1,
               "network 'default' forwards by NAT", NULL, 1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_NETDEV, "virbr0", FALSE);
    v = by_mac(vnics, "52:54:00:cc:00:09");
    check_vnic(v, XCVR_VNIC_ETHERNET, "52:54:00:cc:00:09", NULL, NULL, NULL, -1, NULL, NULL, 1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_NETDEV, "tap-arch0", FALSE);
    /* The test driver wrote a testnetN name into the persistent config of this one. */
    v = by_mac(vnics, "52:54:00:cc:00:0a");
    check_vnic(v, XCVR_VNIC_ETHERNET, "52:54:00:cc:00:0a", NULL, NULL, NULL, -1, NULL, NULL, 1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_NETDEV, "testnet5", FALSE);
    v = by_mac(vnics, "52:54:00:cc:00:0b");
    check_vnic(v, XCVR_VNIC_OTHER, "52:54:00:cc:00:0b", NULL, NULL, NULL, -1,
               "interface type 'mcast' has no host device", NULL, 0);
    /* A passthrough network whose pool is a PF's VFs: the PF, as libvirt's real driver says. */
    v = by_mac(vnics, "52:54:00:cc:00:0c");
    check_vnic(v, XCVR_VNIC_NETWORK, "52:54:00:cc:00:0c", NULL,
               "network vf-macvtap (passthrough, VFs of pf enp67s0f0)", NULL, -1, NULL, NULL, 1);
    check_attach(v, 0, XCVR_VNIC_ATTACH_NETDEV, "enp67s0f0", FALSE);
}

typedef struct {
    const char *domain;
    XcvrError code;
    char *message;
    const char *also; /* a second, existing domain named first */
} Lookup;

static void
lookup_cb(gpointer data)
{
    Lookup *l = data;
    g_autofree char *uri = fixture_uri("host-all-types.xml");
    g_autoptr(GError) error = NULL;
    const char *const one[] = { l->domain, NULL };
    const char *const two[] = { l->also, l->domain, NULL };
    g_autoptr(GPtrArray) vnics =
        xcvr_virt_list_vnics(uri, l->also != NULL ? two : one, NULL, &error);

    assert_null(vnics);
    assert_non_null(error);
    assert_int_equal(error->domain, XCVR_ERROR);
    l->code = (XcvrError)error->code;
    l->message = g_strdup(error->message);
}

static void
test_driver_filter(void **state)
{
    g_autoptr(GPtrArray) web = NULL;
    g_autoptr(GPtrArray) archive = NULL;
    g_autoptr(GPtrArray) nodash = NULL;
    g_autoptr(GPtrArray) both = NULL;
    g_autoptr(GPtrArray) empty = NULL;
    g_autoptr(GPtrArray) all = NULL;
    Lookup unknown = { "nope", 0, NULL, NULL };
    Lookup unknown_uuid = { "a0d5c0de-1111-4222-8333-0000000000ff", 0, NULL, NULL };
    Lookup unknown_second = { "nope2", 0, NULL, "web" };
    g_autofree char *printed = NULL;
    g_autofree char *printed_uuid = NULL;
    g_autofree char *printed_second = NULL;
    const char *const web_db_web[] = { "web", UUID_ARCHIVE, "db", "web", NULL };
    const char *const none[] = { NULL };

    web = list_ok("web");
    archive = list_ok(UUID_ARCHIVE);
    nodash = list_ok("a0d5c0de111142228333000000000002");

    assert_int_equal(web->len, 8);
    for (guint i = 0; i < web->len; i++)
        assert_string_equal(((XcvrVnic *)g_ptr_array_index(web, i))->domain, "web");
    assert_int_equal(archive->len, 12);
    assert_string_equal(((XcvrVnic *)g_ptr_array_index(archive, 0))->domain, "archive");
    assert_int_equal(nodash->len, 10);
    assert_string_equal(((XcvrVnic *)g_ptr_array_index(nodash, 0))->domain, "db");

    /* Several domains: each once (web named twice), in name order, nothing else. */
    both = list_some(web_db_web);
    assert_int_equal(both->len, web->len + archive->len + nodash->len);
    for (guint i = 0; i < both->len; i++) {
        const char *d = ((XcvrVnic *)g_ptr_array_index(both, i))->domain;

        assert_true(g_strcmp0(d, "web") == 0 || g_strcmp0(d, "archive") == 0 ||
                    g_strcmp0(d, "db") == 0);
        if (i > 0)
            assert_true(g_strcmp0(((XcvrVnic *)g_ptr_array_index(both, i - 1))->domain, d) <=
                        0);
    }
    /* An empty list is no filter, as NULL. */
    empty = list_some(none);
    all = list_ok(NULL);
    assert_int_equal(empty->len, all->len);

    /* Failures on an open connection reach no stderr, whatever the process-wide handler. */
    printed = capture_stderr(lookup_cb, &unknown);
    printed_uuid = capture_stderr(lookup_cb, &unknown_uuid);
    printed_second = capture_stderr(lookup_cb, &unknown_second);
    /* a missing name after an existing one still fails the call, naming it */
    assert_int_equal(unknown_second.code, XCVR_ERROR_NO_DEVICE);
    assert_string_equal(unknown_second.message, "domain 'nope2' not found");
    assert_string_equal(printed_second, "");
    g_free(unknown_second.message);
    assert_int_equal(unknown.code, XCVR_ERROR_NO_DEVICE);
    assert_string_equal(unknown.message, "domain 'nope' not found");
    assert_int_equal(unknown_uuid.code, XCVR_ERROR_NO_DEVICE);
    assert_string_equal(unknown_uuid.message,
                        "domain 'a0d5c0de-1111-4222-8333-0000000000ff' not found");
    assert_string_equal(printed, "");
    assert_string_equal(printed_uuid, "");
    g_free(unknown.message);
    g_free(unknown_uuid.message);
}

static void
app_quiet_handler(void *data, virErrorPtr err)
{
}

typedef struct {
    const char *uri;
    GError *error;
} Connect;

static void
connect_cb(gpointer data)
{
    Connect *c = data;
    g_autoptr(GPtrArray) vnics = xcvr_virt_list_vnics(c->uri, NULL, NULL, &c->error);

    assert_null(vnics);
}

static void
test_driver_bad_uri(void **state)
{
    Connect sock = { "qemu+unix:///system?socket=/nonexistent/libvirt-sock", NULL };
    Connect missing = { "test:///nonexistent/host.xml", NULL };
    g_autofree char *printed = NULL;

    /*
     * Before a connection exists libvirt reports through its process-wide handler, which
     * is the application's: an application that wants silence sets it, as here.
     */
    virSetErrorFunc(NULL, app_quiet_handler);
    printed = capture_stderr(connect_cb, &sock);
    assert_true(g_error_matches(sock.error, XCVR_ERROR, XCVR_ERROR_LIBVIRT));
    assert_string_equal(sock.error->message,
                        "cannot connect to libvirt at "
                        "'qemu+unix:///system?socket=/nonexistent/libvirt-sock': Failed to "
                        "connect socket to '/nonexistent/libvirt-sock': No such file or "
                        "directory (is libvirtd, or virtqemud, running?)");
    assert_string_equal(printed, "");
    g_clear_error(&sock.error);

    /* The test driver's own libxml2 parse of a missing file prints; that one is libvirt's. */
    g_free(capture_stderr(connect_cb, &missing));
    assert_true(g_error_matches(missing.error, XCVR_ERROR, XCVR_ERROR_LIBVIRT));
    assert_true(g_str_has_prefix(missing.error->message,
                                 "cannot connect to libvirt at 'test:///nonexistent/host.xml': "));
    g_clear_error(&missing.error);
    virSetErrorFunc(NULL, NULL);
}
#endif /* WITH_LIBVIRT */

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forward_names),
        cmocka_unit_test(test_network_modes),
        cmocka_unit_test(test_network_bad),
        cmocka_unit_test(test_bridge),
        cmocka_unit_test(test_network_routed),
        cmocka_unit_test(test_network_live_bridge),
        cmocka_unit_test(test_network_bridged),
        cmocka_unit_test(test_network_macvtap_pools),
        cmocka_unit_test(test_network_macvtap_pf),
        cmocka_unit_test(test_network_hostdev_pools),
        cmocka_unit_test(test_network_unresolved),
        cmocka_unit_test(test_network_cached),
        cmocka_unit_test(test_direct),
        cmocka_unit_test(test_hostdev_pci),
        cmocka_unit_test(test_vdpa_ethernet_vhostuser),
        cmocka_unit_test(test_user_and_other),
        cmocka_unit_test(test_document_order_and_shape),
        cmocka_unit_test(test_odd_values),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_xxe),
        cmocka_unit_test(test_billion_laughs),
        cmocka_unit_test(test_parser_quiet),
#ifdef WITH_LIBVIRT
        cmocka_unit_test(test_driver_all),
        cmocka_unit_test(test_driver_filter),
        cmocka_unit_test(test_driver_bad_uri),
#endif
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
