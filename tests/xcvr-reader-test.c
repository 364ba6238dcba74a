/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-reader-test.c: a module read stuck in its driver, through the LD_PRELOAD shim's
 * "slow" fault (tests/shim/ethtool-ioctl-shim.c; uninterruptible, as a hung driver is):
 * the caller gets `timeout` at the deadline, asking the same port again answers at once
 * without another thread, other ports read at full speed meanwhile, and the abandoned
 * read stops at its next request and releases everything once the kernel lets it go,
 * also when its reader was freed first (the ASan stage checks the memory).
 */
#include "xcvr-test-util.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include <xcvrmap/xcvrmap.h>

#define DEADLINE_MS 300
#define STUCK_MS 1500

static char *images;

static guint
thread_count(void)
{
    g_autoptr(GDir) dir = g_dir_open("/proc/self/task", 0, NULL);
    guint n = 0;

    assert_non_null(dir);
    while (g_dir_read_name(dir) != NULL)
        n++;
    return n;
}

static double
now_s(void)
{
    return g_get_monotonic_time() / 1e6;
}

/* Polls @cond until it holds or @seconds pass; returns how long it took. */
static double
wait_for(gboolean (*cond)(gpointer), gpointer data, double seconds)
{
    double t0 = now_s();

    while (!cond(data) && now_s() - t0 < seconds)
        g_usleep(10 * 1000);
    return now_s() - t0;
}

static gboolean
none_outstanding(gpointer reader)
{
    return xcvr_eeprom_reader_get_n_outstanding(reader) == 0;
}

static guint baseline_threads;

static gboolean
threads_back(gpointer unused)
{
    return thread_count() <= baseline_threads;
}

static void
write_image(const char *ifname, const char *corpus_rel)
{
    g_autoptr(GBytes) bytes = xcvr_test_load(corpus_rel);
    g_autofree char *name = g_strconcat(ifname, ".bin", NULL);
    g_autofree char *path = g_build_filename(images, name, NULL);
    gsize len;
    const char *data = g_bytes_get_data(bytes, &len);

    assert_true(g_file_set_contents(path, data, (gssize)len, NULL));
}

static XcvrModule *
timed_read(XcvrEepromReader *reader, const XcvrEepromOptions *opts, const char *ifname,
           double *ret_seconds, GError **error)
{
    double t0 = now_s();
    XcvrModule *m = xcvr_eeprom_reader_read(reader, ifname, opts, NULL, error);

    *ret_seconds = now_s() - t0;
    return m;
}

static void
test_stuck_port(void **state)
{
    g_autoptr(XcvrEepromReader) reader = xcvr_eeprom_reader_new();
    g_autoptr(XcvrEepromOptions) opts = xcvr_eeprom_options_new();
    double took;
    guint i;

    xcvr_eeprom_options_set_timeout_ms(opts, DEADLINE_MS);
    baseline_threads = thread_count();

    /* the first read of the stuck port costs the deadline, and leaves one read behind */
    {
        g_autoptr(GError) error = NULL;
        g_autoptr(XcvrModule) m = timed_read(reader, opts, "stuck0", &took, &error);

        assert_null(m);
        assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_TIMEOUT));
        assert_true(took >= DEADLINE_MS / 1000.0 - 0.02);
        assert_true(took < STUCK_MS / 1000.0);
        assert_int_equal(xcvr_eeprom_reader_get_n_outstanding(reader), 1);
    }
    /* asked again and again (a watcher's loop): `timeout` at once, no thread more */
    for (i = 0; i < 20; i++) {
        g_autoptr(GError) error = NULL;
        g_autoptr(XcvrEepromStats) stats = xcvr_eeprom_stats_new();
        double t0 = now_s();
        g_autoptr(XcvrModule) m = xcvr_eeprom_reader_read(reader, "stuck0", opts, stats, &error);

        assert_null(m);
        assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_TIMEOUT));
        assert_true(now_s() - t0 < 0.05);
        assert_int_equal(xcvr_eeprom_stats_get_requests(stats), 0);
    }
    assert_int_equal(xcvr_eeprom_reader_get_n_outstanding(reader), 1);
    assert_true(thread_count() <= baseline_threads + 1);

    /* the other ports, meanwhile, read at full speed */
    {
        g_autoptr(GError) error = NULL;
        g_autoptr(XcvrModule) m = timed_read(reader, opts, "fast0", &took, &error);

        if (m == NULL)
            fail_msg("fast0: %s", error->message);
        assert_string_equal(xcvr_module_get_string(m, "vendor_pn"), "NDCCGF-C104");
        assert_true(took < 0.25);
    }
    {
        g_autoptr(GError) error = NULL;
        g_autoptr(XcvrModule) m = timed_read(reader, opts, "fast1", &took, &error);

        if (m == NULL)
            fail_msg("fast1: %s", error->message);
        assert_string_equal(xcvr_module_get_string(m, "vendor_pn"), "SFP-10G-T8");
        assert_true(took < 0.25);
    }

    /* the stuck request returns after STUCK_MS; the abandoned read stops there rather
     * than asking the driver for the rest of its plan (three more stuck requests) */
    took = wait_for(none_outstanding, reader, 10.0);
    assert_int_equal(xcvr_eeprom_reader_get_n_outstanding(reader), 0);
    assert_true(took < 2 * STUCK_MS / 1000.0);
    wait_for(threads_back, NULL, 2.0);
    assert_true(thread_count() <= baseline_threads);

    /* once it has returned, the port is asked again (and is still stuck) */
    {
        g_autoptr(GError) error = NULL;
        g_autoptr(XcvrModule) m = timed_read(reader, opts, "stuck0", &took, &error);

        assert_null(m);
        assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_TIMEOUT));
        assert_true(took >= DEADLINE_MS / 1000.0 - 0.02);
        assert_int_equal(xcvr_eeprom_reader_get_n_outstanding(reader), 1);
    }
}

/* The reader goes away while a read it abandoned is still in the kernel. */
static void
test_reader_freed_first(void **state)
{
    XcvrEepromReader *reader = xcvr_eeprom_reader_new();
    g_autoptr(XcvrEepromOptions) opts = xcvr_eeprom_options_new();
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrModule) m = NULL;
    double took;

    /* what the previous test left in the kernel finishes first */
    wait_for(threads_back, NULL, 2 * STUCK_MS / 1000.0 + 1.0);
    baseline_threads = thread_count();
    xcvr_eeprom_options_set_timeout_ms(opts, DEADLINE_MS);
    m = timed_read(reader, opts, "stuck0", &took, &error);
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_TIMEOUT));
    assert_true(thread_count() == baseline_threads + 1);
    xcvr_eeprom_reader_free(reader);
    /* the read ends on its own and frees its state and the reader's shared part */
    took = wait_for(threads_back, NULL, 10.0);
    assert_true(thread_count() <= baseline_threads);
    assert_true(took < 2 * STUCK_MS / 1000.0);
}

static int
setup(void **state)
{
    g_autofree char *slow = g_strdup_printf("%d", STUCK_MS);

    images = g_dir_make_tmp("xcvr-reader-XXXXXX", NULL);
    assert_non_null(images);
    write_image("fast0", "sff8472/amphenol-ndccgf-c104-sfp28-25g-dac.bin");
    write_image("fast1", "sff8472/oem-sfp-10g-t8-10gbase-t-as-sr-dom.bin");
    write_image("stuck0", "sff8472/oem-sfp-10g-t8-10gbase-t-as-sr-dom.bin");
    /* set before any thread runs: the shim reads these on every request */
    g_setenv("XCVR_SHIM_EEPROM_DIR", images, TRUE);
    g_setenv("XCVR_SHIM_FAULT", "slow", TRUE);
    g_setenv("XCVR_SHIM_FAULT_IFACE", "stuck0", TRUE);
    g_setenv("XCVR_SHIM_SLOW_MS", slow, TRUE);
    g_unsetenv("XCVR_SHIM_NETLINK"); /* the ioctl: a stuck ioctl cannot be polled past */
    return 0;
}

static int
teardown(void **state)
{
    const char *names[] = { "fast0.bin", "fast1.bin", "stuck0.bin" };

    for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
        g_autofree char *p = g_build_filename(images, names[i], NULL);

        g_remove(p);
    }
    g_rmdir(images);
    g_clear_pointer(&images, g_free);
    return 0;
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stuck_port),
        cmocka_unit_test(test_reader_freed_first),
    };

    if (g_getenv("LD_PRELOAD") == NULL || strstr(g_getenv("LD_PRELOAD"), "shim") == NULL) {
        g_printerr("needs LD_PRELOAD=xcvr-ethtool-shim.so\n");
        return 77;
    }
    return cmocka_run_group_tests(tests, setup, teardown);
}
