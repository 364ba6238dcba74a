/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-ovs-test.c: the Open vSwitch model: a dump captured from a real ovsdb-server
 * (tests/data/ovs/dump.json, the topology of tests/ovs/ovs-topology.sh) with every field
 * checked; RFC 7047 notation corners on hand-written rows; dangling and doubled references;
 * and broken dumps (truncated, garbage, wrong types, deep nesting, huge numbers, non-UTF-8).
 */
#include "xcvr-test-util.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-ovs.h>

#include "render/xcvr-json-writer-tree-private.h"
#include "topo/xcvr-ovs-private.h"

/* ---- helpers ---- */

static char *
data_path(const char *rel)
{
    const char *srcdir = g_getenv("G_TEST_SRCDIR");

    return g_build_filename(srcdir != NULL ? srcdir : "tests", "data", "ovs", rel, NULL);
}

static char *
load_fixture(gsize *ret_len)
{
    g_autofree char *path = data_path("dump.json");
    g_autoptr(GError) error = NULL;
    char *data = NULL;

    if (!g_file_get_contents(path, &data, ret_len, &error))
        fail_msg("cannot read %s: %s", path, error->message);
    return data;
}

static XcvrOvs *
load_model(void)
{
    gsize len = 0;
    g_autofree char *data = load_fixture(&len);
    g_autoptr(GError) error = NULL;
    XcvrOvs *ovs = xcvr_ovs_new_from_dump(data, (gssize)len, &error);

    if (ovs == NULL)
        fail_msg("fixture: %s", error->message);
    return ovs;
}

/* "a,b" from the names of an array of model items (each starts with its name). */
static char *
names(GPtrArray *items)
{
    g_autoptr(GString) s = g_string_new(NULL);
    guint i;

    for (i = 0; i < items->len; i++) {
        const char *const *name = g_ptr_array_index(items, i);

        g_string_append_printf(s, "%s%s", i > 0 ? "," : "", *name);
    }
    return g_string_free(g_steal_pointer(&s), FALSE);
}

static char *
vlans(GArray *trunks)
{
    g_autoptr(GString) s = g_string_new(NULL);
    guint i;

    for (i = 0; i < trunks->len; i++)
        g_string_append_printf(s, "%s%u", i > 0 ? "," : "", g_array_index(trunks, guint, i));
    return g_string_free(g_steal_pointer(&s), FALSE);
}

/* Builds the model from {"Bridge": [...], "Port": [...], "Interface": [...]}. */
static XcvrOvs *
from_rows(const char *json, GError **error)
{
    g_autoptr(GError) local_error = NULL;
    g_autoptr(json_t) root = xcvr_json_parse(json, strlen(json), XCVR_JSON_MAX_DEPTH,
                                             "test JSON", &local_error);

    if (root == NULL)
        fail_msg("%s", local_error->message);
    if (!json_is_array(json_object_get(root, "Bridge")) ||
        !json_is_array(json_object_get(root, "Port")) ||
        !json_is_array(json_object_get(root, "Interface")))
        fail_msg("test JSON lacks a Bridge, Port or Interface array");
    return xcvr_ovs_new_from_rows(json_object_get(root, "Bridge"),
                                  json_object_get(root, "Port"),
                                  json_object_get(root, "Interface"), error);
}

static XcvrOvs *
from_rows_ok(const char *json)
{
    g_autoptr(GError) error = NULL;
    XcvrOvs *ovs = from_rows(json, &error);

    if (ovs == NULL)
        fail_msg("rows: %s", error->message);
    return ovs;
}

static void
assert_rows_error(const char *json, const char *message_part)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrOvs) ovs = from_rows(json, &error);

    assert_null(ovs);
    assert_non_null(error);
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA));
    if (strstr(error->message, message_part) == NULL)
        fail_msg("error \"%s\" lacks \"%s\"", error->message, message_part);
}

static void
assert_dump_error(const char *data, gssize len, const char *message_part)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrOvs) ovs = xcvr_ovs_new_from_dump(data, len, &error);

    assert_null(ovs);
    assert_non_null(error);
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA));
    if (message_part != NULL && strstr(error->message, message_part) == NULL)
        fail_msg("error \"%s\" lacks \"%s\"", error->message, message_part);
}

/* ---- the captured dump ---- */

static const struct {
    const char *name;
    const char *datapath;
    const char *ports;
} want_bridges[] = {
    { "br-dpdk", "netdev", "br-dpdk,dpdk0,vhu1,vhuc1" },
    { "br0", "system", "bond0,br0,br0.200,eth0,patch-br0,vnet0,vnet1" },
    { "br1", "system", "br1,mgmt0,patch-br1,tap0,vxlan0" },
};

static const struct {
    const char *name;
    const char *bridge;
    const char *ifaces;
    int tag;
    const char *trunks;
    const char *bond_mode;
    const char *lacp;
    const char *bond_active;
    gboolean fake;
} want_ports[] = {
    { "bond0", "br0", "eth1,eth2", -1, "", "active-backup", "active", "3c:fd:fe:00:00:0a",
      FALSE },
    { "br-dpdk", "br-dpdk", "br-dpdk", -1, "", NULL, NULL, NULL, FALSE },
    { "br0", "br0", "br0", -1, "", NULL, NULL, NULL, FALSE },
    { "br0.200", "br0", "br0.200", 200, "", NULL, NULL, NULL, TRUE },
    { "br1", "br1", "br1", -1, "", NULL, NULL, NULL, FALSE },
    { "dpdk0", "br-dpdk", "dpdk0", -1, "", NULL, NULL, NULL, FALSE },
    { "eth0", "br0", "eth0", -1, "", NULL, NULL, NULL, FALSE },
    { "mgmt0", "br1", "mgmt0", -1, "", NULL, NULL, NULL, FALSE },
    { "patch-br0", "br0", "patch-br0", -1, "", NULL, NULL, NULL, FALSE },
    { "patch-br1", "br1", "patch-br1", -1, "", NULL, NULL, NULL, FALSE },
    { "tap0", "br1", "tap0", -1, "", NULL, NULL, NULL, FALSE },
    { "vhu1", "br-dpdk", "vhu1", -1, "", NULL, NULL, NULL, FALSE },
    { "vhuc1", "br-dpdk", "vhuc1", -1, "", NULL, NULL, NULL, FALSE },
    { "vnet0", "br0", "vnet0", 100, "", NULL, NULL, NULL, FALSE },
    { "vnet1", "br0", "vnet1", -1, "10,20,30", NULL, NULL, NULL, FALSE },
    { "vxlan0", "br1", "vxlan0", -1, "", NULL, NULL, NULL, FALSE },
};

static const struct {
    const char *name;
    const char *port;
    XcvrOvsIfKind kind;
    const char *type;
    const char *mac;
    const char *link;
    const char *peer;
    const char *devargs;
    const char *vhost;
    const char *remote_ip;
    guint n_external_ids;
} want_ifaces[] = {
    { "br-dpdk", "br-dpdk", XCVR_OVS_IF_INTERNAL, "internal", NULL, NULL, NULL, NULL, NULL,
      NULL, 0 },
    { "br0", "br0", XCVR_OVS_IF_INTERNAL, "internal", NULL, NULL, NULL, NULL, NULL, NULL, 0 },
    { "br0.200", "br0.200", XCVR_OVS_IF_INTERNAL, "internal", NULL, NULL, NULL, NULL, NULL,
      NULL, 0 },
    { "br1", "br1", XCVR_OVS_IF_INTERNAL, "internal", NULL, NULL, NULL, NULL, NULL, NULL, 0 },
    { "dpdk0", "dpdk0", XCVR_OVS_IF_DPDK, "dpdk", NULL, NULL, NULL, "0000:41:00.1", NULL, NULL,
      0 },
    { "eth0", "eth0", XCVR_OVS_IF_SYSTEM, "", "3c:fd:fe:00:00:01", "down", NULL, NULL, NULL,
      NULL, 0 },
    { "eth1", "bond0", XCVR_OVS_IF_SYSTEM, "", "3c:fd:fe:00:00:02", "up", NULL, NULL, NULL,
      NULL, 0 },
    { "eth2", "bond0", XCVR_OVS_IF_SYSTEM, "", "3c:fd:fe:00:00:0a", "up", NULL, NULL, NULL,
      NULL, 0 },
    { "mgmt0", "mgmt0", XCVR_OVS_IF_INTERNAL, "internal", NULL, NULL, NULL, NULL, NULL, NULL,
      0 },
    { "patch-br0", "patch-br0", XCVR_OVS_IF_PATCH, "patch", NULL, NULL, "patch-br1", NULL, NULL,
      NULL, 0 },
    { "patch-br1", "patch-br1", XCVR_OVS_IF_PATCH, "patch", NULL, NULL, "patch-br0", NULL, NULL,
      NULL, 0 },
    { "tap0", "tap0", XCVR_OVS_IF_TAP, "tap", NULL, NULL, NULL, NULL, NULL, NULL, 0 },
    { "vhu1", "vhu1", XCVR_OVS_IF_VHOSTUSER, "dpdkvhostuser", NULL, NULL, NULL, NULL, NULL,
      NULL, 0 },
    { "vhuc1", "vhuc1", XCVR_OVS_IF_VHOSTUSER, "dpdkvhostuserclient", NULL, NULL, NULL, NULL,
      "/var/run/vhost/vhuc1.sock", NULL, 0 },
    { "vnet0", "vnet0", XCVR_OVS_IF_SYSTEM, "", NULL, NULL, NULL, NULL, NULL, NULL, 4 },
    { "vnet1", "vnet1", XCVR_OVS_IF_SYSTEM, "", NULL, NULL, NULL, NULL, NULL, NULL, 0 },
    { "vxlan0", "vxlan0", XCVR_OVS_IF_TUNNEL, "vxlan", NULL, NULL, NULL, NULL, NULL,
      "192.0.2.10", 0 },
};

static void
assert_fixture_model(const XcvrOvs *ovs)
{
    guint i;

    assert_int_equal(ovs->bridges->len, G_N_ELEMENTS(want_bridges));
    assert_int_equal(g_hash_table_size(ovs->bridge_by_name), G_N_ELEMENTS(want_bridges));
    for (i = 0; i < G_N_ELEMENTS(want_bridges); i++) {
        const XcvrOvsBridge *b = g_ptr_array_index(ovs->bridges, i);
        g_autofree char *ports = names(b->ports);
        guint j;

        assert_string_equal(b->name, want_bridges[i].name);
        assert_string_equal(b->datapath_type, want_bridges[i].datapath);
        assert_string_equal(ports, want_bridges[i].ports);
        assert_ptr_equal(xcvr_ovs_bridge(ovs, b->name), b);
        for (j = 0; j < b->ports->len; j++)
            assert_ptr_equal(((XcvrOvsPort *)g_ptr_array_index(b->ports, j))->bridge, b);
    }

    assert_int_equal(ovs->ports->len, G_N_ELEMENTS(want_ports));
    for (i = 0; i < G_N_ELEMENTS(want_ports); i++) {
        const XcvrOvsPort *p = g_ptr_array_index(ovs->ports, i);
        g_autofree char *ifaces = names(p->ifaces);
        g_autofree char *trunks = vlans(p->trunks);
        guint j;

        assert_string_equal(p->name, want_ports[i].name);
        assert_non_null(p->bridge);
        assert_string_equal(p->bridge->name, want_ports[i].bridge);
        assert_string_equal(ifaces, want_ports[i].ifaces);
        assert_int_equal(p->tag, want_ports[i].tag);
        assert_string_equal(trunks, want_ports[i].trunks);
        assert_true(g_strcmp0(p->bond_mode, want_ports[i].bond_mode) == 0);
        assert_true(g_strcmp0(p->lacp, want_ports[i].lacp) == 0);
        assert_true(g_strcmp0(p->bond_active_mac, want_ports[i].bond_active) == 0);
        assert_int_equal(p->fake_bridge, want_ports[i].fake);
        for (j = 0; j < p->ifaces->len; j++)
            assert_ptr_equal(((XcvrOvsIface *)g_ptr_array_index(p->ifaces, j))->port, p);
    }

    assert_int_equal(ovs->ifaces->len, G_N_ELEMENTS(want_ifaces));
    assert_int_equal(g_hash_table_size(ovs->iface_by_name), G_N_ELEMENTS(want_ifaces));
    for (i = 0; i < G_N_ELEMENTS(want_ifaces); i++) {
        const XcvrOvsIface *f = g_ptr_array_index(ovs->ifaces, i);

        assert_string_equal(f->name, want_ifaces[i].name);
        assert_ptr_equal(xcvr_ovs_iface(ovs, f->name), f);
        assert_non_null(f->port);
        assert_string_equal(f->port->name, want_ifaces[i].port);
        assert_int_equal(f->kind, want_ifaces[i].kind);
        assert_string_equal(f->type, want_ifaces[i].type);
        assert_true(g_strcmp0(f->mac_in_use, want_ifaces[i].mac) == 0);
        assert_true(g_strcmp0(f->link_state, want_ifaces[i].link) == 0);
        assert_true(g_strcmp0(f->peer, want_ifaces[i].peer) == 0);
        assert_true(g_strcmp0(f->dpdk_devargs, want_ifaces[i].devargs) == 0);
        assert_true(g_strcmp0(f->vhost_server_path, want_ifaces[i].vhost) == 0);
        assert_true(g_strcmp0(f->remote_ip, want_ifaces[i].remote_ip) == 0);
        assert_non_null(f->external_ids);
        assert_int_equal(g_hash_table_size(f->external_ids), want_ifaces[i].n_external_ids);
    }
}

static void
test_fixture(void **state)
{
    g_autoptr(XcvrOvs) ovs = load_model();
    const XcvrOvsIface *vnet0;

    assert_fixture_model(ovs);

    vnet0 = xcvr_ovs_iface(ovs, "vnet0");
    assert_string_equal(g_hash_table_lookup(vnet0->external_ids, "attached-mac"),
                        "52:54:00:AB:CD:EF");
    assert_string_equal(g_hash_table_lookup(vnet0->external_ids, "iface-id"),
                        "5a1f1c1e-7bd8-4d54-9a3e-0a4f3c9b2d11");
    assert_string_equal(g_hash_table_lookup(vnet0->external_ids, "vm-uuid"),
                        "0d3c4a4e-1f6b-4c8e-8a4e-2f0b9d7c6e55");
    assert_string_equal(g_hash_table_lookup(vnet0->external_ids, "iface-status"), "active");

    assert_null(xcvr_ovs_iface(ovs, "nope"));
    assert_null(xcvr_ovs_iface(ovs, NULL));
    assert_null(xcvr_ovs_bridge(ovs, "br0.200")); /* a fake bridge is a port, not a Bridge */
    assert_null(xcvr_ovs_bridge(ovs, NULL));
}

static void
test_lookups(void **state)
{
    g_autoptr(XcvrOvs) ovs = load_model();

    /* Client mode: the whole path; server mode: the socket's file name is the iface. */
    assert_string_equal(xcvr_ovs_find_vhostuser(ovs, "/var/run/vhost/vhuc1.sock"), "vhuc1");
    assert_null(xcvr_ovs_find_vhostuser(ovs, "/elsewhere/vhuc1.sock"));
    assert_string_equal(xcvr_ovs_find_vhostuser(ovs, "/var/run/openvswitch/vhu1"), "vhu1");
    assert_string_equal(xcvr_ovs_find_vhostuser(ovs, "vhu1"), "vhu1");
    assert_null(xcvr_ovs_find_vhostuser(ovs, "/var/run/openvswitch/vhuc1"));
    assert_null(xcvr_ovs_find_vhostuser(ovs, "/var/run/openvswitch/eth0"));
    assert_null(xcvr_ovs_find_vhostuser(ovs, ""));
    assert_null(xcvr_ovs_find_vhostuser(ovs, "/"));

    assert_string_equal(xcvr_ovs_find_external_id(ovs, "attached-mac", "52:54:00:ab:cd:ef"),
                        "vnet0");
    assert_string_equal(xcvr_ovs_find_external_id(ovs, "attached-mac", "52:54:00:AB:CD:EF"),
                        "vnet0");
    assert_null(xcvr_ovs_find_external_id(ovs, "attached-mac", "52:54:00:ab:cd:e0"));
    assert_string_equal(
        xcvr_ovs_find_external_id(ovs, "iface-id", "5a1f1c1e-7bd8-4d54-9a3e-0a4f3c9b2d11"),
        "vnet0");
    /* Only MACs fold case. */
    assert_null(xcvr_ovs_find_external_id(ovs, "iface-status", "ACTIVE"));
    assert_null(xcvr_ovs_find_external_id(ovs, "no-such-key", "active"));
    assert_null(xcvr_ovs_find_external_id(ovs, "attached-mac", ""));
}

/* The same tables, as ovsdb-client prints them one table per call, as a JSON array, and
 * pretty-printed, give the same model. */
static void
test_dump_shapes(void **state)
{
    gsize len = 0;
    g_autofree char *data = load_fixture(&len);
    g_auto(GStrv) lines = g_strsplit(data, "\n", -1);
    g_autoptr(GString) only3 = g_string_new(NULL);
    g_autoptr(GString) array = g_string_new("[");
    g_autoptr(GString) pretty = g_string_new(NULL);
    guint i;

    for (i = 0; lines[i] != NULL; i++) {
        if (lines[i][0] == '\0')
            continue;
        if (g_str_has_prefix(lines[i], "{\"caption\":\"Bridge table\"") ||
            g_str_has_prefix(lines[i], "{\"caption\":\"Port table\"") ||
            g_str_has_prefix(lines[i], "{\"caption\":\"Interface table\""))
            g_string_append_printf(only3, "%s\n", lines[i]);
        g_string_append_printf(array, "%s%s", array->len > 1 ? ",\n" : "", lines[i]);
        {
            g_autoptr(json_t) table = xcvr_json_parse(lines[i], strlen(lines[i]),
                                                      XCVR_JSON_MAX_DEPTH, "fixture", NULL);
            XcvrJsonWriter w;

            assert_non_null(table);
            xcvr_json_writer_init(&w, pretty, TRUE, 0);
            assert_true(xcvr_json_writer_tree(&w, table));
            g_string_append(pretty, "\r\n\t ");
        }
    }
    g_string_append(array, "]");

    {
        g_autoptr(XcvrOvs) a = xcvr_ovs_new_from_dump(only3->str, -1, NULL);
        g_autoptr(XcvrOvs) b = xcvr_ovs_new_from_dump(array->str, (gssize)array->len, NULL);
        g_autoptr(XcvrOvs) c = xcvr_ovs_new_from_dump(pretty->str, -1, NULL);

        assert_non_null(a);
        assert_non_null(b);
        assert_non_null(c);
        assert_fixture_model(a);
        assert_fixture_model(b);
        assert_fixture_model(c);
    }
}

/* ---- RFC 7047 notation on hand-written rows ---- */

static void
test_notation(void **state)
{
    g_autoptr(XcvrOvs) ovs = from_rows_ok(
        "{\"Bridge\": ["
        " {\"_uuid\": [\"uuid\", \"b1\"], \"name\": \"brA\", \"datapath_type\": \"\","
        "  \"ports\": [\"named-uuid\", \"p1\"]},"
        " {\"_uuid\": [\"uuid\", \"b2\"], \"name\": \"brB\", \"datapath_type\": [\"set\", []],"
        "  \"ports\": [\"set\", [[\"uuid\", \"p2\"], 7, \"p3\", [\"uuid\", 8]]]}"
        "],"
        "\"Port\": ["
        " {\"_uuid\": [\"uuid\", \"p1\"], \"name\": \"bond9\","
        "  \"interfaces\": [\"set\", [[\"uuid\", \"i2\"], [\"uuid\", \"i1\"]]],"
        "  \"bond_mode\": [\"set\", [\"balance-tcp\"]], \"lacp\": \"passive\","
        "  \"bond_active_slave\": \"AA:BB:CC:00:00:01\","
        "  \"bond_active_member\": [\"set\", [\"AA:BB:CC:00:00:02\"]],"
        "  \"tag\": [\"set\", [4095]], \"trunks\": [\"set\", [30, 10, 4096, -1, \"x\", 10, 2.5,"
        "   0, 20]], \"fake_bridge\": [\"set\", [true]]},"
        " {\"_uuid\": [\"uuid\", \"p2\"], \"name\": \"p2\", \"interfaces\": [\"uuid\", \"i3\"],"
        "  \"tag\": 4096, \"trunks\": 5, \"bond_mode\": 3, \"lacp\": [\"set\", [\"a\", \"b\"]],"
        "  \"bond_active_slave\": [\"set\", []], \"fake_bridge\": \"true\"},"
        " {\"_uuid\": [\"uuid\", \"p3\"], \"name\": \"p3\", \"interfaces\": \"i4\","
        "  \"tag\": -5, \"trunks\": [\"map\", [[1, 2]]]}"
        "],"
        "\"Interface\": ["
        " {\"_uuid\": [\"uuid\", \"i1\"], \"name\": \"z1\", \"type\": \"system\","
        "  \"mac_in_use\": [\"set\", [\"AA:BB:CC:00:00:01\"]], \"link_state\": \"unknown\","
        "  \"options\": [\"map\", [[\"peer\", \"x\"]]],"
        "  \"external_ids\": [\"map\", [[\"k\", \"v\"], [\"k\", \"w\"], [\"n\", 1],"
        "   [\"short\"], 5, [2, \"x\"]]]},"
        " {\"_uuid\": [\"uuid\", \"i2\"], \"name\": \"a1\", \"type\": \"geneve\","
        "  \"options\": [\"map\", [[\"remote_ip\", \"flow\"]]], \"external_ids\": [\"set\", []],"
        "  \"link_state\": [\"set\", [\"down\"]]},"
        " {\"_uuid\": [\"uuid\", \"i3\"], \"name\": \"m1\", \"type\": \"ip6gre\","
        "  \"options\": {\"remote_ip\": \"::1\"}, \"external_ids\": \"k=v\", \"mac_in_use\": 5},"
        " {\"_uuid\": [\"uuid\", \"i4\"], \"name\": \"x1\", \"type\": \"afxdp\"},"
        " {\"_uuid\": [\"uuid\", \"i5\"], \"name\": \"x2\", \"type\": [\"set\", []]},"
        " {\"_uuid\": [\"uuid\", \"i6\"], \"name\": \"x3\", \"type\": 17}"
        "]}");
    const XcvrOvsBridge *a = xcvr_ovs_bridge(ovs, "brA");
    const XcvrOvsBridge *b = xcvr_ovs_bridge(ovs, "brB");
    const XcvrOvsPort *bond;
    const XcvrOvsPort *p2;
    const XcvrOvsPort *p3;
    const XcvrOvsIface *f;
    g_autofree char *a_ports = NULL;
    g_autofree char *b_ports = NULL;
    g_autofree char *bond_ifaces = NULL;
    g_autofree char *trunks = NULL;

    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(a->datapath_type, "system");
    assert_string_equal(b->datapath_type, "system");
    a_ports = names(a->ports);
    b_ports = names(b->ports);
    /* A named-uuid resolves; atoms that are not references are no references. */
    assert_string_equal(a_ports, "bond9");
    assert_string_equal(b_ports, "p2");

    bond = g_ptr_array_index(a->ports, 0);
    bond_ifaces = names(bond->ifaces);
    assert_string_equal(bond_ifaces, "a1,z1");
    assert_string_equal(bond->bond_mode, "balance-tcp");
    assert_string_equal(bond->lacp, "passive");
    assert_string_equal(bond->bond_active_mac, "aa:bb:cc:00:00:02");
    assert_int_equal(bond->tag, 4095);
    trunks = vlans(bond->trunks);
    assert_string_equal(trunks, "0,10,20,30");
    assert_true(bond->fake_bridge);

    p2 = g_ptr_array_index(b->ports, 0);
    assert_int_equal(p2->tag, -1);
    g_free(trunks);
    trunks = vlans(p2->trunks);
    assert_string_equal(trunks, "5");
    assert_null(p2->bond_mode);
    assert_null(p2->lacp);
    assert_null(p2->bond_active_mac);
    assert_false(p2->fake_bridge);

    /* p3 is in no bridge; its interfaces column holds a bare string, not a reference. */
    p3 = g_ptr_array_index(ovs->ports, 2);
    assert_string_equal(p3->name, "p3");
    assert_null(p3->bridge);
    assert_int_equal(p3->ifaces->len, 0);
    assert_int_equal(p3->tag, -1);
    assert_int_equal(p3->trunks->len, 0);

    f = xcvr_ovs_iface(ovs, "z1");
    assert_int_equal(f->kind, XCVR_OVS_IF_SYSTEM);
    assert_string_equal(f->type, "system");
    assert_string_equal(f->mac_in_use, "aa:bb:cc:00:00:01");
    assert_null(f->link_state);
    assert_null(f->peer); /* options:peer only means something on a patch port */
    assert_int_equal(g_hash_table_size(f->external_ids), 1);
    assert_string_equal(g_hash_table_lookup(f->external_ids, "k"), "v");
    assert_ptr_equal(f->port, bond);

    f = xcvr_ovs_iface(ovs, "a1");
    assert_int_equal(f->kind, XCVR_OVS_IF_TUNNEL);
    assert_string_equal(f->remote_ip, "flow");
    assert_string_equal(f->link_state, "down");
    assert_int_equal(g_hash_table_size(f->external_ids), 0);

    f = xcvr_ovs_iface(ovs, "m1");
    assert_int_equal(f->kind, XCVR_OVS_IF_TUNNEL);
    assert_null(f->remote_ip);
    assert_null(f->mac_in_use);
    assert_int_equal(g_hash_table_size(f->external_ids), 0);
    assert_ptr_equal(f->port, p2);

    f = xcvr_ovs_iface(ovs, "x1");
    assert_int_equal(f->kind, XCVR_OVS_IF_OTHER);
    assert_null(f->port);
    f = xcvr_ovs_iface(ovs, "x2");
    assert_int_equal(f->kind, XCVR_OVS_IF_SYSTEM);
    assert_string_equal(f->type, "");
    f = xcvr_ovs_iface(ovs, "x3");
    assert_int_equal(f->kind, XCVR_OVS_IF_SYSTEM);
}

static void
test_kinds(void **state)
{
    static const struct {
        const char *type;
        XcvrOvsIfKind kind;
        const char *name;
    } cases[] = {
        { NULL, XCVR_OVS_IF_SYSTEM, "system" },
        { "", XCVR_OVS_IF_SYSTEM, "system" },
        { "system", XCVR_OVS_IF_SYSTEM, "system" },
        { "internal", XCVR_OVS_IF_INTERNAL, "internal" },
        { "tap", XCVR_OVS_IF_TAP, "tap" },
        { "patch", XCVR_OVS_IF_PATCH, "patch" },
        { "dpdk", XCVR_OVS_IF_DPDK, "dpdk" },
        { "dpdkvhostuser", XCVR_OVS_IF_VHOSTUSER, "vhostuser" },
        { "dpdkvhostuserclient", XCVR_OVS_IF_VHOSTUSER, "vhostuser" },
        { "vxlan", XCVR_OVS_IF_TUNNEL, "tunnel" },
        { "geneve", XCVR_OVS_IF_TUNNEL, "tunnel" },
        { "gre", XCVR_OVS_IF_TUNNEL, "tunnel" },
        { "stt", XCVR_OVS_IF_TUNNEL, "tunnel" },
        { "lisp", XCVR_OVS_IF_TUNNEL, "tunnel" },
        { "erspan", XCVR_OVS_IF_TUNNEL, "tunnel" },
        { "ip6erspan", XCVR_OVS_IF_TUNNEL, "tunnel" },
        { "ip6gre", XCVR_OVS_IF_TUNNEL, "tunnel" },
        { "gtpu", XCVR_OVS_IF_TUNNEL, "tunnel" },
        { "bareudp", XCVR_OVS_IF_TUNNEL, "tunnel" },
        { "srv6", XCVR_OVS_IF_TUNNEL, "tunnel" },
        { "afxdp", XCVR_OVS_IF_OTHER, "other" },
        { "VXLAN", XCVR_OVS_IF_OTHER, "other" },
    };
    gsize i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        XcvrOvsIfKind kind = xcvr_ovs_if_kind_from_type(cases[i].type);

        assert_int_equal(kind, cases[i].kind);
        assert_string_equal(xcvr_ovs_if_kind_to_string(kind), cases[i].name);
    }
    assert_string_equal(xcvr_ovs_if_kind_to_string((XcvrOvsIfKind)99), "other");
}

/* Dangling references are dropped; a child two parents claim goes to the first by name. */
static void
test_references(void **state)
{
    g_autoptr(XcvrOvs) ovs = from_rows_ok(
        "{\"Bridge\": ["
        " {\"_uuid\": [\"uuid\", \"b2\"], \"name\": \"brZ\","
        "  \"ports\": [\"set\", [[\"uuid\", \"p1\"], [\"uuid\", \"p1\"], [\"uuid\", \"gone\"]]]},"
        " {\"_uuid\": [\"uuid\", \"b1\"], \"name\": \"brA\","
        "  \"ports\": [\"set\", [[\"uuid\", \"p1\"], [\"uuid\", \"i1\"]]]}"
        "],"
        "\"Port\": ["
        " {\"_uuid\": [\"uuid\", \"p2\"], \"name\": \"pB\", \"interfaces\": [\"uuid\", \"i1\"]},"
        " {\"_uuid\": [\"uuid\", \"p1\"], \"name\": \"pA\","
        "  \"interfaces\": [\"set\", [[\"uuid\", \"i1\"], [\"uuid\", \"nowhere\"]]]}"
        "],"
        "\"Interface\": ["
        " {\"_uuid\": [\"uuid\", \"i1\"], \"name\": \"eth0\"},"
        " {\"_uuid\": [\"uuid\", \"p1\"], \"name\": \"odd\"}"
        "]}");
    const XcvrOvsBridge *a = xcvr_ovs_bridge(ovs, "brA");
    const XcvrOvsBridge *z = xcvr_ovs_bridge(ovs, "brZ");
    const XcvrOvsIface *eth0 = xcvr_ovs_iface(ovs, "eth0");
    const XcvrOvsPort *pa = g_ptr_array_index(ovs->ports, 0);
    const XcvrOvsPort *pb = g_ptr_array_index(ovs->ports, 1);

    assert_string_equal(pa->name, "pA");
    assert_string_equal(pb->name, "pB");
    assert_int_equal(a->ports->len, 1);
    assert_ptr_equal(g_ptr_array_index(a->ports, 0), pa);
    assert_ptr_equal(pa->bridge, a);
    assert_int_equal(z->ports->len, 0);
    assert_null(pb->bridge);
    assert_int_equal(pa->ifaces->len, 1);
    assert_ptr_equal(eth0->port, pa);
    assert_int_equal(pb->ifaces->len, 0);
    assert_null(xcvr_ovs_iface(ovs, "odd")->port);
}

static void
test_empty(void **state)
{
    g_autoptr(XcvrOvs) ovs = from_rows_ok("{\"Bridge\": [], \"Port\": [], \"Interface\": []}");
    g_autoptr(XcvrOvs) dumped = xcvr_ovs_new_from_dump(
        "{\"caption\":\"Bridge table\",\"data\":[],\"headings\":[\"_uuid\",\"name\"]}\n"
        "{\"caption\":\"Port table\",\"data\":[],\"headings\":[]}\n"
        "{\"caption\":\"Open_vSwitch table\",\"data\":[[1]],\"headings\":[\"x\"]}\n"
        "{\"caption\":\"Interface table\",\"data\":[],\"headings\":[\"_uuid\"]}\n",
        -1, NULL);

    assert_int_equal(ovs->bridges->len, 0);
    assert_int_equal(ovs->ports->len, 0);
    assert_int_equal(ovs->ifaces->len, 0);
    assert_null(xcvr_ovs_find_vhostuser(ovs, "/x"));
    assert_null(xcvr_ovs_find_external_id(ovs, "k", "v"));
    assert_non_null(dumped);
    assert_int_equal(dumped->ifaces->len, 0);
}

static void
test_bad_rows(void **state)
{
    assert_rows_error("{\"Bridge\": [], \"Port\": [], \"Interface\": ["
                      " {\"_uuid\": [\"uuid\", \"i1\"], \"name\": \"eth0\"},"
                      " {\"_uuid\": [\"uuid\", \"i2\"], \"name\": \"eth0\"}]}",
                      "two Interface rows are named eth0");
    assert_rows_error("{\"Bridge\": [], \"Port\": [], \"Interface\": ["
                      " {\"_uuid\": [\"uuid\", \"i1\"], \"name\": \"eth0\"},"
                      " {\"_uuid\": [\"uuid\", \"i1\"], \"name\": \"eth1\"}]}",
                      "two Interface rows have _uuid i1");
    assert_rows_error("{\"Bridge\": [], \"Interface\": [], \"Port\": ["
                      " {\"_uuid\": [\"uuid\", \"p1\"], \"name\": \"a\"},"
                      " {\"_uuid\": [\"uuid\", \"p2\"], \"name\": \"a\"}]}",
                      "two Port rows are named a");
    assert_rows_error("{\"Port\": [], \"Interface\": [], \"Bridge\": ["
                      " {\"_uuid\": [\"uuid\", \"b1\"], \"name\": \"br0\"},"
                      " {\"_uuid\": [\"uuid\", \"b2\"], \"name\": \"br0\"}]}",
                      "two Bridge rows are named br0");
    assert_rows_error("{\"Bridge\": [], \"Port\": [], \"Interface\": ["
                      " {\"_uuid\": [\"uuid\", \"i1\"]}]}",
                      "Interface row i1 has no name");
    assert_rows_error("{\"Bridge\": [], \"Port\": [], \"Interface\": ["
                      " {\"_uuid\": [\"uuid\", \"i1\"], \"name\": \"\"}]}",
                      "has no name");
    assert_rows_error("{\"Bridge\": [], \"Port\": [], \"Interface\": ["
                      " {\"_uuid\": [\"uuid\", \"i1\"], \"name\": [\"set\", [\"eth0\"]]}]}",
                      "has no name");
    assert_rows_error("{\"Bridge\": [], \"Port\": [], \"Interface\": ["
                      " {\"name\": \"eth0\"}]}",
                      "Interface row 0 has no _uuid");
    assert_rows_error("{\"Bridge\": [], \"Port\": [], \"Interface\": ["
                      " {\"_uuid\": \"i1\", \"name\": \"eth0\"}]}",
                      "has no _uuid");
    assert_rows_error("{\"Bridge\": [], \"Port\": [], \"Interface\": [[1, 2]]}",
                      "Interface row 0 is not an object");
    assert_rows_error("{\"Bridge\": [null], \"Port\": [], \"Interface\": []}",
                      "Bridge row 0 is not an object");
}

/* ---- broken dumps ---- */

static void
test_bad_dumps(void **state)
{
    static const struct {
        const char *data;
        const char *message;
    } cases[] = {
        { "", "empty dump" },
        { " \n\t\r ", "empty dump" },
        { "garbage", "not JSON from ovsdb" },
        { "42", "not JSON from ovsdb" },
        { "\"Bridge table\"", "not JSON from ovsdb" },
        { "{", "truncated" },
        { "{\"caption\": \"Bridge table\", \"data\": [", "truncated" },
        { "{\"a\": \"}\"", "truncated" },
        { "{\"a\": \"\\\"}\"", "truncated" },
        { "{]", "not valid JSON" },
        { "{\"caption\": }", "not valid JSON" },
        { "[] trailing", "not JSON from ovsdb" },
        { "{}", "no caption" },
        { "[1, 2]", "not a JSON object" },
        { "[]", "no Bridge table" },
        { "{\"caption\": 5}", "no caption" },
        { "{\"caption\": \"Bridge table\"}", "Bridge table has no \"headings\" or \"data\"" },
        { "{\"caption\": \"Bridge table\", \"headings\": {}, \"data\": []}", "headings" },
        { "{\"caption\": \"Bridge table\", \"headings\": [1], \"data\": []}",
          "heading 0 is not a string" },
        { "{\"caption\": \"Port table\", \"headings\": [\"a\", \"b\"], \"data\": [[1]]}",
          "Port table: row 0 is not an array of 2 values" },
        { "{\"caption\": \"Port table\", \"headings\": [\"a\"], \"data\": [5]}",
          "Port table: row 0 is not an array of 1 values" },
        { "{\"caption\":\"Bridge table\",\"data\":[],\"headings\":[]}"
          "{\"caption\":\"Bridge table\",\"data\":[],\"headings\":[]}",
          "the Bridge table twice" },
        { "{\"caption\":\"Bridge table\",\"data\":[],\"headings\":[]}"
          "{\"caption\":\"Interface table\",\"data\":[],\"headings\":[]}",
          "no Port table" },
        { "{\"caption\":\"Bridge table\",\"data\":[],\"headings\":[]}"
          "{\"caption\":\"Port table\",\"data\":[],\"headings\":[]}",
          "no Interface table" },
        /* --data=string prints values as strings: no ["uuid", …] anywhere. */
        { "{\"caption\":\"Bridge table\",\"data\":[],\"headings\":[]}"
          "{\"caption\":\"Port table\",\"data\":[],\"headings\":[]}"
          "{\"caption\":\"Interface table\",\"data\":[[\"6c1e\",\"eth0\"]],"
          "\"headings\":[\"_uuid\",\"name\"]}",
          "Interface row 0 has no _uuid" },
    };
    gsize i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++)
        assert_dump_error(cases[i].data, -1, cases[i].message);
    assert_dump_error(NULL, 0, "empty dump");
}

static void
test_truncated_fixture(void **state)
{
    gsize len = 0;
    g_autofree char *data = load_fixture(&len);
    gsize cut;

    /* Every prefix that ends inside a table fails; prefixes ending between tables fail
     * for want of a table, until the Port table (the last of the three) is whole. */
    for (cut = 0; cut < len; cut += 97) {
        g_autoptr(GError) error = NULL;
        g_autoptr(XcvrOvs) ovs = xcvr_ovs_new_from_dump(data, (gssize)cut, &error);

        assert_true((ovs == NULL) == (error != NULL));
        if (ovs == NULL)
            assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA));
    }
    /* Every byte flipped to a brace or a quote, one at a time: no crash, a clean answer. */
    for (cut = 0; cut < len; cut += 13) {
        g_autofree char *copy = g_memdup(data, (guint)len);
        g_autoptr(GError) error = NULL;
        g_autoptr(XcvrOvs) ovs = NULL;

        copy[cut] = "{\"]x\\"[cut % 5];
        ovs = xcvr_ovs_new_from_dump(copy, (gssize)len, &error);
        assert_true((ovs == NULL) == (error != NULL));
    }
}

static void
test_deep_and_huge(void **state)
{
    g_autoptr(GString) deep = g_string_new("{\"caption\":\"Bridge table\",\"data\":");
    g_autoptr(GString) huge = g_string_new(NULL);
    guint i;

    for (i = 0; i < 100000; i++)
        g_string_append_c(deep, '[');
    assert_dump_error(deep->str, -1, "nested deeper than");

    /* Numbers too large for any tag: the parser refuses an integer outside gint64 and a
     * double that overflows. */
    g_string_append(huge,
                    "{\"caption\":\"Bridge table\",\"data\":[],\"headings\":[]}\n"
                    "{\"caption\":\"Interface table\",\"data\":[],\"headings\":[]}\n"
                    "{\"caption\":\"Port table\",\"headings\":[\"_uuid\",\"name\",\"tag\","
                    "\"trunks\"],\"data\":[[[\"uuid\",\"p1\"],\"p1\",99999999999999999999999,"
                    "[\"set\",[1e999,-9223372036854775808,9223372036854775807,4095]]]]}\n");
    assert_dump_error(huge->str, -1, "not valid JSON");
    g_string_truncate(huge, 0);
    g_string_append(huge,
                    "{\"caption\":\"Bridge table\",\"data\":[],\"headings\":[]}\n"
                    "{\"caption\":\"Interface table\",\"data\":[],\"headings\":[]}\n"
                    "{\"caption\":\"Port table\",\"headings\":[\"_uuid\",\"name\",\"tag\","
                    "\"trunks\"],\"data\":[[[\"uuid\",\"p1\"],\"p1\",7.0,"
                    "[\"set\",[1e300,-9223372036854775808,9223372036854775807,20.0,4095]]]]}\n");
    {
        g_autoptr(GError) error = NULL;
        g_autoptr(XcvrOvs) ovs = xcvr_ovs_new_from_dump(huge->str, -1, &error);
        const XcvrOvsPort *p;

        /* the ends of gint64 are no VLANs, and a number written as a real is no integer
         * (ovsdb writes integers as integers), whatever its value */
        assert_non_null(ovs);
        p = g_ptr_array_index(ovs->ports, 0);
        assert_int_equal(p->tag, -1);
        assert_int_equal(p->trunks->len, 1);
        assert_int_equal(g_array_index(p->trunks, guint, 0), 4095);
    }
}

static void
test_not_utf8(void **state)
{
    static const char bad_name[] =
        "{\"caption\":\"Bridge table\",\"data\":[[[\"uuid\",\"b1\"],\"br\xff\"]],"
        "\"headings\":[\"_uuid\",\"name\"]}";
    static const char nul[] = "{\"caption\":\"Bridge table\",\"da\0ta\":[]}";

    assert_dump_error(bad_name, -1, "not UTF-8");
    assert_dump_error(nul, (gssize)sizeof(nul) - 1, "not UTF-8");
    assert_dump_error("{\"a\":\"\xc3\x28\"}", -1, "not UTF-8");
}

/* The splitter finds each value's end whatever pieces the bytes arrive in. */
static void
test_splitter(void **state)
{
    static const char stream[] =
        "{\"a\": \"}{\\\"\\\\\"} [1, [2], {\"b\": \"]\"}]\n\n{\"c\": {}}";
    static const char *const want[] = {
        "{\"a\": \"}{\\\"\\\\\"}",
        "[1, [2], {\"b\": \"]\"}]",
        "{\"c\": {}}",
    };
    gsize step;

    for (step = 1; step <= sizeof(stream); step++) {
        g_autoptr(GByteArray) buf = g_byte_array_new();
        XcvrJsonSplit split = { 0 };
        gsize fed = 0;
        guint found = 0;

        while (fed < sizeof(stream) - 1) {
            gsize n = MIN(step, sizeof(stream) - 1 - fed);
            gsize start;
            gsize end;
            gsize consumed = 0;
            int r;

            g_byte_array_append(buf, (const guint8 *)stream + fed, (guint)n);
            fed += n;
            while ((r = xcvr_json_split_next(&split, (const char *)buf->data, buf->len, &start,
                                             &end, NULL)) == 1) {
                assert_true(found < G_N_ELEMENTS(want));
                assert_int_equal(end - start, strlen(want[found]));
                assert_memory_equal(buf->data + start, want[found], end - start);
                found++;
                consumed = end;
            }
            assert_int_equal(r, 0);
            g_byte_array_remove_range(buf, 0, (guint)consumed);
            xcvr_json_split_shift(&split, consumed);
        }
        assert_int_equal(found, G_N_ELEMENTS(want));
        assert_int_equal(split.depth, 0);
    }
}

/* ---- xcvr_ovs_open() on files and paths (sockets: tests/ovs/test-ovsdb.sh) ---- */

static void
test_open_paths(void **state)
{
    g_autofree char *fixture = data_path("dump.json");
    g_autofree char *dir = g_dir_make_tmp("xcvr-ovs-XXXXXX", NULL);
    g_autofree char *missing = g_build_filename(dir, "db.sock", NULL);
    g_autofree char *garbage = g_build_filename(dir, "garbage.json", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrOvs) ovs = NULL;

    ovs = xcvr_ovs_open(fixture, 0, &error);
    assert_non_null(ovs);
    assert_fixture_model(ovs);

    assert_null(xcvr_ovs_open(missing, 100, &error));
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE));
    assert_non_null(strstr(error->message, missing));
    g_clear_error(&error);

    assert_null(xcvr_ovs_open(dir, 100, &error));
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_INVALID_ARGUMENT));
    g_clear_error(&error);

    assert_true(g_file_set_contents(garbage, "{\"caption\": \"Bridge", -1, NULL));
    assert_null(xcvr_ovs_open(garbage, 100, &error));
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA));
    assert_true(g_str_has_prefix(error->message, garbage));
    g_clear_error(&error);

    if (getuid() != 0) {
        assert_int_equal(g_chmod(garbage, 0), 0);
        assert_null(xcvr_ovs_open(garbage, 100, &error));
        assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_PERMISSION));
        g_clear_error(&error);
    }

    assert_int_equal(g_unlink(garbage), 0);
    assert_int_equal(g_rmdir(dir), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture),
        cmocka_unit_test(test_lookups),
        cmocka_unit_test(test_dump_shapes),
        cmocka_unit_test(test_notation),
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_references),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_bad_rows),
        cmocka_unit_test(test_bad_dumps),
        cmocka_unit_test(test_truncated_fixture),
        cmocka_unit_test(test_deep_and_huge),
        cmocka_unit_test(test_not_utf8),
        cmocka_unit_test(test_splitter),
        cmocka_unit_test(test_open_paths),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
