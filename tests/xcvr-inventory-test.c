/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-inventory-test.c: the inventory walked through its public getters only, as an
 * orchestrator linking the library would: a host made by tests/hostgen/hostgen.py from
 * tests/data/inventory/host.json (an active-backup bond under a bridge, a port with a
 * vfio VF, modules from the corpus), the vNICs described in C (no libvirt), and every
 * value the getters give checked against that host.
 */
#include "xcvr-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

static const char *hostgen_py;
static const char *host_spec;

typedef struct {
    char *dir;
    XcvrInventory *inv;
} Fixture;

static XcvrVnic *
vnic_on(const char *domain, XcvrVnicType type, const char *mac, XcvrVnicAttachKind kind,
        const char *name)
{
    XcvrVnic *v = xcvr_vnic_new(domain, type);

    v->running = TRUE;
    v->domain_uuid = g_strdup_printf("00000000-0000-4000-8000-%012x", g_str_hash(domain));
    v->mac = g_strdup(mac);
    v->model = g_strdup("virtio");
    if (name != NULL)
        xcvr_vnic_add_attach(v, kind, name, FALSE);
    return v;
}

static int
setup(void **state)
{
    Fixture *f = g_new0(Fixture, 1);
    g_autoptr(GPtrArray) vnics = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_vnic_free);
    g_autoptr(XcvrInventoryOptions) options = xcvr_inventory_options_new();
    g_autoptr(GError) error = NULL;
    g_autofree char *out = NULL;
    g_autofree char *eeprom = NULL;
    g_autofree char *err = NULL;
    int status = 0;
    XcvrVnic *v;
    const char *argv[] = { "python3", hostgen_py, host_spec, NULL, NULL };

    f->dir = g_dir_make_tmp("xcvr-inventory-XXXXXX", &error);
    assert_non_null(f->dir);
    out = g_build_filename(f->dir, "host", NULL);
    argv[3] = out;
    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &err,
                      &status, &error) ||
        !g_spawn_check_exit_status(status, &error))
        fail_msg("hostgen: %s: %s", error->message, err != NULL ? err : "");

    g_ptr_array_add(vnics, vnic_on("web1", XCVR_VNIC_BRIDGE, "52:54:00:00:00:01",
                                   XCVR_VNIC_ATTACH_NETDEV, "web1-eth0"));
    g_ptr_array_add(vnics, vnic_on("app1", XCVR_VNIC_BRIDGE, "52:54:00:00:00:02",
                                   XCVR_VNIC_ATTACH_NETDEV, "app1-eth0"));
    g_ptr_array_add(vnics, vnic_on("vf1", XCVR_VNIC_HOSTDEV, "52:54:00:00:00:03",
                                   XCVR_VNIC_ATTACH_PCI, "0000:41:02.0"));
    v = vnic_on("nat1", XCVR_VNIC_USER, "52:54:00:00:00:04", XCVR_VNIC_ATTACH_NETDEV, NULL);
    v->no_uplink_reason = g_strdup("user-mode networking");
    g_ptr_array_add(vnics, v);
    g_ptr_array_add(vnics, vnic_on("ghost", XCVR_VNIC_ETHERNET, NULL,
                                   XCVR_VNIC_ATTACH_NETDEV, "ghost-eth0"));

    eeprom = g_build_filename(out, "eeprom", NULL);
    xcvr_inventory_options_set_root(options, out);
    xcvr_inventory_options_set_ovsdb(options, "");
    xcvr_inventory_options_set_eeprom_dir(options, eeprom);
    f->inv = xcvr_inventory_new(vnics, options, &error);
    if (f->inv == NULL)
        fail_msg("inventory: %s", error->message);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    Fixture *f = *state;

    xcvr_inventory_free(f->inv);
    xcvr_test_rm_rf(f->dir);
    g_free(f->dir);
    g_free(f);
    return 0;
}

static const XcvrInvVnic *
vnic_of(const XcvrInventory *inv, const char *domain)
{
    for (guint i = 0; i < xcvr_inventory_get_n_vnics(inv); i++) {
        const XcvrInvVnic *v = xcvr_inventory_get_vnic(inv, i);

        if (strcmp(xcvr_inv_vnic_get_domain(v), domain) == 0)
            return v;
    }
    fail_msg("no vNIC of %s", domain);
    return NULL;
}

static void
assert_hop(const GPtrArray *hops, guint i, XcvrHopKind kind, const char *name)
{
    const XcvrHop *h;

    assert_true(i < hops->len);
    h = g_ptr_array_index(hops, i);
    assert_string_equal(xcvr_hop_kind_to_string(h->kind), xcvr_hop_kind_to_string(kind));
    assert_string_equal(h->name, name);
}

static void
test_vnics(void **state)
{
    Fixture *f = *state;
    const XcvrInvVnic *web1, *nat1, *ghost;
    const GPtrArray *path;

    assert_int_equal(xcvr_inventory_get_n_vnics(f->inv), 5);
    /* the order the vNICs were given in */
    assert_string_equal(xcvr_inv_vnic_get_domain(xcvr_inventory_get_vnic(f->inv, 2)), "vf1");

    web1 = vnic_of(f->inv, "web1");
    assert_string_equal(xcvr_inv_vnic_get_mac(web1), "52:54:00:00:00:01");
    assert_string_equal(xcvr_inv_vnic_get_model(web1), "virtio");
    assert_non_null(xcvr_inv_vnic_get_domain_uuid(web1));
    assert_int_equal(xcvr_inv_vnic_get_vnic_type(web1), XCVR_VNIC_BRIDGE);
    assert_true(xcvr_inv_vnic_is_running(web1));
    assert_int_equal(xcvr_inv_vnic_get_status(web1), XCVR_VNIC_STATUS_OK);
    assert_null(xcvr_inv_vnic_get_reason(web1));
    assert_string_equal(xcvr_inv_vnic_get_description(web1)->domain, "web1");

    /* tap → bridge → bond, then each member on its own */
    path = xcvr_inv_vnic_get_path(web1);
    assert_int_equal(path->len, 3);
    assert_hop(path, 0, XCVR_HOP_TAP, "web1-eth0");
    assert_hop(path, 1, XCVR_HOP_BRIDGE, "br0");
    assert_hop(path, 2, XCVR_HOP_BOND, "bond0");
    assert_int_equal(xcvr_inv_vnic_get_n_uplinks(web1), 2);
    assert_string_equal(xcvr_inv_uplink_get_netdev(xcvr_inv_vnic_get_uplink(web1, 0)),
                        "enp3s0f0");
    assert_int_equal(xcvr_inv_vnic_get_uplink_role(web1, 0), 1);
    assert_hop(xcvr_inv_vnic_get_uplink_via(web1, 0), 0, XCVR_HOP_PHYSICAL, "enp3s0f0");
    assert_string_equal(xcvr_inv_uplink_get_netdev(xcvr_inv_vnic_get_uplink(web1, 1)),
                        "enp3s0f1");
    assert_int_equal(xcvr_inv_vnic_get_uplink_role(web1, 1), 0);
    assert_int_equal(xcvr_inv_vnic_get_uplink_rule(web1, 0), XCVR_BOND_RULE_ACTIVE_BACKUP);
    assert_int_equal(xcvr_inv_vnic_get_uplink_rule(web1, 1), XCVR_BOND_RULE_ACTIVE_BACKUP);
    /* the pointer a vNIC gives is the inventory's own uplink */
    assert_ptr_equal(xcvr_inv_vnic_get_uplink(web1, 0),
                     xcvr_inventory_find_uplink(f->inv, "enp3s0f0"));

    nat1 = vnic_of(f->inv, "nat1");
    assert_int_equal(xcvr_inv_vnic_get_status(nat1), XCVR_VNIC_STATUS_NO_UPLINK);
    assert_string_equal(xcvr_inv_vnic_get_reason(nat1), "user-mode networking");
    assert_int_equal(xcvr_inv_vnic_get_n_uplinks(nat1), 0);
    assert_int_equal(xcvr_inv_vnic_get_path(nat1)->len, 0);

    ghost = vnic_of(f->inv, "ghost");
    assert_int_equal(xcvr_inv_vnic_get_status(ghost), XCVR_VNIC_STATUS_ERROR);
    assert_non_null(strstr(xcvr_inv_vnic_get_reason(ghost), "ghost-eth0"));
    assert_null(xcvr_inv_vnic_get_mac(ghost));
    assert_int_equal(xcvr_inventory_count(f->inv, XCVR_VNIC_STATUS_OK), 3);
}

static void
test_uplinks(void **state)
{
    Fixture *f = *state;
    const XcvrInvUplink *up;
    const XcvrLinkState *link;
    const XcvrModule *module;
    const GError *merr;

    /* netdevs by name */
    assert_int_equal(xcvr_inventory_get_n_uplinks(f->inv), 3);
    assert_string_equal(xcvr_inv_uplink_get_netdev(xcvr_inventory_get_uplink(f->inv, 0)),
                        "enp3s0f0");
    assert_string_equal(xcvr_inv_uplink_get_netdev(xcvr_inventory_get_uplink(f->inv, 2)),
                        "enp65s0f0");

    /* the active member: link up, module read from its dump, healthy, two riders */
    up = xcvr_inventory_find_uplink(f->inv, "enp3s0f0");
    assert_non_null(up);
    assert_string_equal(xcvr_inv_uplink_get_pci(up), "0000:03:00.0");
    link = xcvr_inv_uplink_get_link(up);
    assert_non_null(link);
    assert_string_equal(link->operstate, "up");
    assert_int_equal(link->carrier, 1);
    assert_int_equal(link->speed_mbps, 10000);
    assert_string_equal(link->duplex, "full");
    assert_string_equal(link->mac, "90:e2:ba:31:5c:a0");
    module = xcvr_inv_uplink_get_module(up);
    assert_non_null(module);
    assert_int_equal(xcvr_module_get_family(module), XCVR_FAMILY_SFF8472);
    assert_string_equal(xcvr_module_get_string(module, "vendor_name"), "OEM");
    assert_string_equal(xcvr_module_get_string(module, "vendor_pn"), "SFP-10G-T8");
    assert_string_equal(xcvr_inv_uplink_get_module_source(up), "file");
    assert_null(xcvr_inv_uplink_get_module_error(up));
    assert_int_equal(xcvr_inv_uplink_get_health(up), XCVR_HEALTH_OK);
    assert_int_equal(xcvr_inv_uplink_get_health_reasons(up)->len, 0);
    assert_int_equal(xcvr_inv_uplink_get_n_vnics(up), 2);
    assert_string_equal(xcvr_inv_vnic_get_domain(xcvr_inv_uplink_get_vnic(up, 0)), "web1");
    assert_string_equal(xcvr_inv_vnic_get_domain(xcvr_inv_uplink_get_vnic(up, 1)), "app1");

    /* the backup: down, an empty cage */
    up = xcvr_inventory_find_uplink(f->inv, "enp3s0f1");
    assert_non_null(up);
    link = xcvr_inv_uplink_get_link(up);
    assert_string_equal(link->operstate, "down");
    assert_int_equal(link->carrier, 0);
    assert_int_equal(link->speed_mbps, -1);
    assert_null(xcvr_inv_uplink_get_module(up));
    assert_null(xcvr_inv_uplink_get_module_source(up));
    merr = xcvr_inv_uplink_get_module_error(up);
    assert_non_null(merr);
    assert_true(g_error_matches(merr, XCVR_ERROR, XCVR_ERROR_NO_MODULE));
    assert_int_equal(xcvr_inv_uplink_get_health(up), XCVR_HEALTH_DOWN);
    assert_string_equal(xcvr_health_to_string(xcvr_inv_uplink_get_health(up)), "down");
    assert_true(xcvr_inv_uplink_get_health_reasons(up)->len > 0);

    /* the PF a vfio VF sits on, reached from the VF's PCI address */
    up = xcvr_inventory_find_uplink(f->inv, "enp65s0f0");
    assert_non_null(up);
    assert_string_equal(xcvr_inv_uplink_get_pci(up), "0000:41:00.0");
    assert_int_equal(xcvr_inv_uplink_get_link(up)->speed_mbps, 25000);
    module = xcvr_inv_uplink_get_module(up);
    assert_non_null(module);
    assert_string_equal(xcvr_module_get_string(module, "vendor_pn"), "NDCCGF-C104");
    assert_int_equal(xcvr_inv_uplink_get_n_vnics(up), 1);
    assert_string_equal(xcvr_inv_vnic_get_domain(xcvr_inv_uplink_get_vnic(up, 0)), "vf1");
    assert_int_equal(xcvr_inv_vnic_get_uplink_role(xcvr_inv_uplink_get_vnic(up, 0), 0), -1);
    assert_int_equal(xcvr_inv_vnic_get_uplink_rule(xcvr_inv_uplink_get_vnic(up, 0), 0),
                     XCVR_BOND_RULE_NONE);

    assert_null(xcvr_inventory_find_uplink(f->inv, "enp99s0"));
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vnics),
        cmocka_unit_test(test_uplinks),
    };

    if (argc != 3) {
        g_printerr("usage: %s HOSTGEN.PY SPEC.JSON\n", argv[0]);
        return 2;
    }
    hostgen_py = argv[1];
    host_spec = argv[2];
    return cmocka_run_group_tests(tests, setup, teardown);
}
