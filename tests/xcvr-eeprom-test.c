/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-eeprom-test.c: where module bytes come from: ports listed from a sysfs fixture tree,
 * dump directories (odd names included), and the real kernel's answers for interfaces that
 * have no module (lo) or do not exist.
 */
#include "xcvr-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

static void
mkpath(const char *root, const char *rel)
{
    g_autofree char *p = g_build_filename(root, rel, NULL);

    assert_int_equal(g_mkdir_with_parents(p, 0755), 0);
}

static void
test_list_ports(void **state)
{
    g_autofree char *root = g_dir_make_tmp("xcvr-sysfs-XXXXXX", NULL);
    g_autoptr(GPtrArray) ports = NULL;
    g_autoptr(GError) error = NULL;
    guint i;

    assert_non_null(root);
    mkpath(root, "class/net/eth0/device");          /* a PCI port */
    mkpath(root, "class/net/enp65s0f1/device");
    mkpath(root, "class/net/enp65s0f0v3/device/physfn"); /* an SR-IOV VF */
    mkpath(root, "class/net/br0/bridge");
    mkpath(root, "class/net/bond0/bonding");
    mkpath(root, "class/net/wlan0/device");
    mkpath(root, "class/net/wlan0/wireless");
    mkpath(root, "class/net/lo");
    mkpath(root, "class/net/tap0/tun_flags");
    mkpath(root, "class/net/a name with spaces/device");

    ports = xcvr_eeprom_list_ports(root, &error);
    assert_non_null(ports);
    assert_int_equal(ports->len, 3);
    assert_string_equal(ports->pdata[0], "a name with spaces");
    assert_string_equal(ports->pdata[1], "enp65s0f1");
    assert_string_equal(ports->pdata[2], "eth0");
    for (i = 0; i < ports->len; i++)
        assert_string_not_equal(ports->pdata[i], "enp65s0f0v3");

    {
        g_autoptr(GError) e2 = NULL;
        g_autofree char *missing = g_build_filename(root, "nope", NULL);
        g_autoptr(GPtrArray) none = xcvr_eeprom_list_ports(missing, &e2);

        assert_null(none);
        assert_non_null(e2);
    }
}

static void
test_dump_dir(void **state)
{
    g_autofree char *dir = g_dir_make_tmp("xcvr-dumps-XXXXXX", NULL);
    g_autoptr(GBytes) b = xcvr_test_load("sff8472/finisar-ftlx8571d3bcl-sfpp-10g-sr.bin");
    g_autofree char *path = g_build_filename(dir, "eth0.bin", NULL);
    g_autoptr(GPtrArray) names = NULL;
    g_autoptr(XcvrModule) m = NULL;
    g_autoptr(GError) error = NULL;
    gsize len = 0;
    const void *data = g_bytes_get_data(b, &len);
    static const char *const bad[] = { "../eth0", "a/b", "..", ".", "" };
    g_autoptr(GError) missing = NULL;
    guint i;

    assert_true(g_file_set_contents(path, data, (gssize)len, NULL));
    names = xcvr_eeprom_dir_list(dir, &error);
    assert_non_null(names);
    assert_int_equal(names->len, 1);
    assert_string_equal(names->pdata[0], "eth0");
    m = xcvr_eeprom_dir_read(dir, "eth0", 0, &error);
    assert_non_null(m);
    assert_string_equal(xcvr_module_get_string(m, "vendor_pn"), "FTLX8571D3BCL");
    for (i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autoptr(GError) e = NULL;
        g_autoptr(XcvrModule) none = xcvr_eeprom_dir_read(dir, bad[i], 0, &e);

        assert_null(none);
        assert_true(g_error_matches(e, XCVR_ERROR, XCVR_ERROR_NO_DEVICE));
    }
    /* no dump: nothing recorded, neither an empty cage nor a missing interface */
    assert_null(xcvr_eeprom_dir_read(dir, "eth1", 0, &missing));
    assert_true(g_error_matches(missing, XCVR_ERROR, XCVR_ERROR_NO_DUMP));
    g_unlink(path);
    g_rmdir(dir);
}

/* The real kernel: lo has no module; a name no interface has is no device. */
static void
test_kernel_answers(void **state)
{
    XcvrEepromOptions opts = { XCVR_DECODE_NONE, 3000, FALSE };
    g_autoptr(GError) e1 = NULL;
    g_autoptr(GError) e2 = NULL;
    g_autoptr(GError) e3 = NULL;
    XcvrEepromStats st = { 0 };
    g_autoptr(XcvrModule) m1 = xcvr_eeprom_read("lo", &opts, &st, &e1);
    g_autoptr(XcvrModule) m2 = xcvr_eeprom_read("xcvrnosuch9", &opts, NULL, &e2);
    g_autoptr(XcvrModule) m3 = NULL;

    assert_null(m1);
    assert_true(g_error_matches(e1, XCVR_ERROR, XCVR_ERROR_NOT_SUPPORTED));
    assert_true(st.requests >= 1);
    assert_null(m2);
    assert_true(g_error_matches(e2, XCVR_ERROR, XCVR_ERROR_NO_DEVICE));
    /* the ioctl path answers the same */
    opts.no_netlink = TRUE;
    m3 = xcvr_eeprom_read("lo", &opts, &st, &e3);
    assert_null(m3);
    assert_true(g_error_matches(e3, XCVR_ERROR, XCVR_ERROR_NOT_SUPPORTED));
    assert_int_equal(st.source, XCVR_EEPROM_SOURCE_IOCTL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list_ports),
        cmocka_unit_test(test_dump_dir),
        cmocka_unit_test(test_kernel_answers),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
