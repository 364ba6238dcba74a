/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-eeprom-test.c: where module bytes come from: dump directories (odd names included),
 * and the real kernel's answers for interfaces that have no module (lo) or do not exist.
 * (Port listing is src/topo/'s: tests/xcvr-topo-test.c.)
 */
#include "xcvr-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

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
    g_autoptr(XcvrEepromOptions) opts = xcvr_eeprom_options_new();
    g_autoptr(GError) e1 = NULL;
    g_autoptr(GError) e2 = NULL;
    g_autoptr(GError) e3 = NULL;
    g_autoptr(XcvrEepromStats) st = xcvr_eeprom_stats_new();
    g_autoptr(XcvrModule) m1 = NULL;
    g_autoptr(XcvrModule) m2 = NULL;
    g_autoptr(XcvrModule) m3 = NULL;

    xcvr_eeprom_options_set_timeout_ms(opts, 3000);
    assert_int_equal(xcvr_eeprom_options_get_timeout_ms(opts), 3000);
    m1 = xcvr_eeprom_read("lo", opts, st, &e1);
    m2 = xcvr_eeprom_read("xcvrnosuch9", opts, NULL, &e2);

    assert_null(m1);
    assert_true(g_error_matches(e1, XCVR_ERROR, XCVR_ERROR_NOT_SUPPORTED));
    assert_true(xcvr_eeprom_stats_get_requests(st) >= 1);
    assert_null(m2);
    assert_true(g_error_matches(e2, XCVR_ERROR, XCVR_ERROR_NO_DEVICE));
    /* the ioctl path answers the same */
    xcvr_eeprom_options_set_no_netlink(opts, TRUE);
    m3 = xcvr_eeprom_read("lo", opts, st, &e3);
    assert_null(m3);
    assert_true(g_error_matches(e3, XCVR_ERROR, XCVR_ERROR_NOT_SUPPORTED));
    assert_int_equal(xcvr_eeprom_stats_get_source(st), XCVR_EEPROM_SOURCE_IOCTL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dump_dir),
        cmocka_unit_test(test_kernel_answers),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
