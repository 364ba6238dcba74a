/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-host-file-test.c: the bounded host-file reader (regular files only, no blocking
 * open, no link where none belongs, a cap, a deadline) and the deadlines the topology and
 * the inventory carry: each refusal is checked with the real thing (a FIFO with no writer,
 * /dev/zero, a sparse file, a unix socket), not a mock.
 */
#include "xcvr-test-util.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-inventory.h>
#include <xcvrmap/xcvr-topo.h>

#include "core/xcvr-host-file-private.h"

typedef struct {
    char *dir;
} Fx;

static int
setup(void **state)
{
    Fx *fx = g_new0(Fx, 1);

    fx->dir = g_dir_make_tmp("xcvr-host-file-XXXXXX", NULL);
    assert_non_null(fx->dir);
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    Fx *fx = *state;

    xcvr_test_rm_rf(fx->dir);
    g_free(fx->dir);
    g_free(fx);
    return 0;
}

static char *
fx_path(Fx *fx, const char *name)
{
    return g_build_filename(fx->dir, name, NULL);
}

static char *
fx_write(Fx *fx, const char *name, const char *text)
{
    char *path = fx_path(fx, name);

    assert_true(g_file_set_contents(path, text, -1, NULL));
    return path;
}

/* Reads @path and checks the error code (or success when @code is -1). */
static void
expect(const char *path, XcvrHostFileFlags flags, gsize max, gint64 deadline, int code)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *data = NULL;
    gsize len = 0;
    gboolean ok = xcvr_host_file_read(path, flags, max, deadline, &data, &len, &error);

    if (code < 0) {
        if (!ok)
            fail_msg("%s: %s", path, error->message);
        return;
    }
    if (ok)
        fail_msg("%s: read %" G_GSIZE_FORMAT " bytes, expected error %d", path, len, code);
    if (!g_error_matches(error, XCVR_ERROR, code))
        fail_msg("%s: error %d (%s), expected %d", path, error->code, error->message, code);
    assert_null(data);
}

static void
test_regular(void **state)
{
    Fx *fx = *state;
    g_autofree char *path = fx_write(fx, "operstate", "up\n");
    g_autoptr(GError) error = NULL;
    g_autofree char *data = NULL;
    g_autofree char *text = NULL;
    gsize len = 0;

    assert_true(xcvr_host_file_read(path, XCVR_HOST_FILE_NOFOLLOW, 4096, 0, &data, &len,
                                    &error));
    assert_int_equal(len, 3);
    assert_string_equal(data, "up\n");
    text = xcvr_host_file_read_text(path, 4096, 0);
    assert_string_equal(text, "up");
}

/* A regular file past the first page, read at its size; a file that does not say its
 * size (procfs: 0) read through several doublings of the buffer; every byte kept, and the
 * cap still counts. */
static void
test_unsized(void **state)
{
    g_autofree char *path = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *want = NULL;
    g_autofree char *data = NULL;
    g_autofree char *text = NULL;
    GString *big = NULL;
    gsize want_len = 0;
    gsize len = 0;
    guint i;

    (void)state;
    /* a regular file past the first page: read whole at the size it says */
    big = g_string_new(NULL);
    for (i = 0; i < 4000; i++)
        g_string_append_printf(big, "line %u\n", i);
    text = g_strdup_printf("%s/big", ((Fx *)*state)->dir);
    assert_true(g_file_set_contents(text, big->str, (gssize)big->len, NULL));
    assert_true(xcvr_host_file_read(text, XCVR_HOST_FILE_NOFOLLOW, big->len, 0, &data, &len,
                                    &error));
    assert_int_equal(len, big->len);
    assert_memory_equal(data, big->str, len);
    assert_int_equal(data[len], '\0');
    g_clear_pointer(&data, g_free);
    g_string_free(big, TRUE);
    expect(text, XCVR_HOST_FILE_NOFOLLOW, len - 1, 0, XCVR_ERROR_INVALID_DATA);

    /* procfs: a child's environment of 20 000 bytes and more, which stays as it is while
     * the child sleeps, and /proc says it is 0 bytes long */
    {
        g_autofree char *value = g_strnfill(20000, 'e');
        g_autofree char *var = g_strdup_printf("XCVR_BIG=%s", value);
        char *argv[] = { (char *)"/bin/sleep", (char *)"30", NULL };
        char *envp[] = { var, (char *)"XCVR_SMALL=1", NULL };
        GPid pid = 0;

        assert_true(g_spawn_async(NULL, argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                  &error));
        path = g_strdup_printf("/proc/%d/environ", (int)pid);
        want_len = strlen(var) + 1 + strlen("XCVR_SMALL=1") + 1;
        want = g_malloc(want_len);
        memcpy(want, var, strlen(var) + 1);
        memcpy(want + strlen(var) + 1, "XCVR_SMALL=1", strlen("XCVR_SMALL=1") + 1);
        /* until the child has exec()ed, its environment is ours */
        for (i = 0; i < 200; i++) {
            g_clear_pointer(&data, g_free);
            if (xcvr_host_file_read(path, XCVR_HOST_FILE_FOLLOW, XCVR_HOST_FILE_PROCFS_MAX, 0,
                                    &data, &len, NULL) &&
                len == want_len)
                break;
            g_usleep(10000);
        }
        assert_int_equal(len, want_len);
        assert_memory_equal(data, want, len);
        assert_int_equal(data[len], '\0');
        expect(path, XCVR_HOST_FILE_FOLLOW, want_len - 1, 0, XCVR_ERROR_INVALID_DATA);
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        g_spawn_close_pid(pid);
    }
}

static void
test_cap(void **state)
{
    Fx *fx = *state;
    g_autofree char *page = g_strnfill(4096, 'x');
    g_autofree char *more = g_strnfill(4097, 'x');
    g_autofree char *exact = fx_write(fx, "page", page);
    g_autofree char *over = fx_write(fx, "over", more);
    g_autofree char *sparse = fx_path(fx, "sparse");
    int fd;

    expect(exact, XCVR_HOST_FILE_NOFOLLOW, 4096, 0, -1);
    expect(over, XCVR_HOST_FILE_NOFOLLOW, 4096, 0, XCVR_ERROR_INVALID_DATA);
    /* 64 GiB that cost nothing on disk, and must cost nothing to refuse */
    fd = open(sparse, O_WRONLY | O_CREAT | O_EXCL, 0644);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)64 << 30), 0);
    close(fd);
    expect(sparse, XCVR_HOST_FILE_NOFOLLOW, XCVR_HOST_FILE_PROCFS_MAX, 0,
           XCVR_ERROR_INVALID_DATA);
    assert_true(xcvr_host_file_sysfs_max() >= 4096);
}

static void
test_not_regular(void **state)
{
    Fx *fx = *state;
    g_autofree char *fifo = fx_path(fx, "fifo");
    g_autofree char *sock_path = fx_path(fx, "sock");
    g_autofree char *dir = fx_path(fx, "dir");
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    gint64 start;
    int sock;

    /* a FIFO nobody writes: refused at once, not waited on */
    assert_int_equal(mkfifo(fifo, 0644), 0);
    start = g_get_monotonic_time();
    expect(fifo, XCVR_HOST_FILE_NOFOLLOW, 4096, 0, XCVR_ERROR_IO);
    expect(fifo, XCVR_HOST_FILE_FOLLOW, 4096, 0, XCVR_ERROR_IO);
    assert_true(g_get_monotonic_time() - start < G_USEC_PER_SEC);

    expect("/dev/zero", XCVR_HOST_FILE_FOLLOW, 4096, 0, XCVR_ERROR_IO);
    expect("/dev/urandom", XCVR_HOST_FILE_FOLLOW, 4096, 0, XCVR_ERROR_IO);

    assert_int_equal(g_mkdir(dir, 0755), 0);
    expect(dir, XCVR_HOST_FILE_FOLLOW, 4096, 0, XCVR_ERROR_IO);

    assert_true(strlen(sock_path) < sizeof sa.sun_path);
    strcpy(sa.sun_path, sock_path);
    sock = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(sock >= 0);
    assert_int_equal(bind(sock, (struct sockaddr *)&sa, sizeof sa), 0);
    expect(sock_path, XCVR_HOST_FILE_FOLLOW, 4096, 0, XCVR_ERROR_IO);
    close(sock);
}

static void
test_links(void **state)
{
    Fx *fx = *state;
    g_autofree char *real = fx_write(fx, "real", "42\n");
    g_autofree char *link = fx_path(fx, "link");
    g_autofree char *zero = fx_path(fx, "zero");
    g_autofree char *loop = fx_path(fx, "loop");

    assert_non_null(real);
    assert_int_equal(symlink("real", link), 0);
    assert_int_equal(symlink("/dev/zero", zero), 0);
    assert_int_equal(symlink("loop", loop), 0);
    /* sysfs and procfs attributes are never links: one there is refused */
    expect(link, XCVR_HOST_FILE_NOFOLLOW, 4096, 0, XCVR_ERROR_IO);
    expect(zero, XCVR_HOST_FILE_NOFOLLOW, 4096, 0, XCVR_ERROR_IO);
    expect(loop, XCVR_HOST_FILE_NOFOLLOW, 4096, 0, XCVR_ERROR_IO);
    /* a file the caller names may be a link, to a regular file only */
    expect(link, XCVR_HOST_FILE_FOLLOW, 4096, 0, -1);
    expect(zero, XCVR_HOST_FILE_FOLLOW, 4096, 0, XCVR_ERROR_IO);
    expect(loop, XCVR_HOST_FILE_FOLLOW, 4096, 0, XCVR_ERROR_IO);
}

static void
test_absent_and_deadline(void **state)
{
    Fx *fx = *state;
    g_autofree char *missing = fx_path(fx, "missing");
    g_autofree char *path = fx_write(fx, "speed", "10000\n");
    gint64 past = g_get_monotonic_time() - 1;

    expect(missing, XCVR_HOST_FILE_NOFOLLOW, 4096, 0, XCVR_ERROR_NO_DEVICE);
    expect(path, XCVR_HOST_FILE_NOFOLLOW, 4096, past, XCVR_ERROR_TIMEOUT);
    expect(path, XCVR_HOST_FILE_NOFOLLOW, 4096, g_get_monotonic_time() + G_USEC_PER_SEC, -1);
    assert_null(xcvr_host_file_read_text(path, 4096, past));
    assert_true(xcvr_deadline_passed(past));
    assert_false(xcvr_deadline_passed(0));
    assert_int_equal(xcvr_deadline_remaining_ms(0), 0);
    assert_int_equal(xcvr_deadline_remaining_ms(past), -1);
    assert_true(xcvr_deadline_remaining_ms(g_get_monotonic_time() + G_USEC_PER_SEC) > 0);
}

/* ROOT/sys/class/net/NAME as a directory with a tun_flags file (a tap). */
static void
make_tap(Fx *fx, const char *name)
{
    g_autofree char *dir = g_build_filename(fx->dir, "sys", "class", "net", name, NULL);
    g_autofree char *flags = g_build_filename(dir, "tun_flags", NULL);

    assert_int_equal(g_mkdir_with_parents(dir, 0755), 0);
    assert_true(g_file_set_contents(flags, "0x1002\n", -1, NULL));
}

static void
test_topo_deadline(void **state)
{
    Fx *fx = *state;
    g_autoptr(XcvrTopo) topo = NULL;
    g_autoptr(XcvrTopo) late = NULL;
    g_autoptr(GPtrArray) uplinks = NULL;
    g_autoptr(GError) error = NULL;

    make_tap(fx, "tap0");
    late = xcvr_topo_new_full(fx->dir, g_get_monotonic_time() - 1, &error);
    assert_null(late);
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_TIMEOUT));
    g_clear_error(&error);

    topo = xcvr_topo_new_full(fx->dir, g_get_monotonic_time() + 60 * G_USEC_PER_SEC, &error);
    assert_non_null(topo);
    uplinks = xcvr_topo_uplinks(topo, "tap0", &error);
    assert_non_null(uplinks);
    assert_int_equal(uplinks->len, 0);
    g_clear_pointer(&uplinks, g_ptr_array_unref);

    /* the walk itself stops at the deadline, with an error that says so */
    xcvr_topo_set_deadline(topo, g_get_monotonic_time() - 1);
    uplinks = xcvr_topo_uplinks(topo, "tap0", &error);
    assert_null(uplinks);
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_TIMEOUT));
    assert_non_null(strstr(error->message, "tap0"));
}

static void
test_inventory_deadline(void **state)
{
    Fx *fx = *state;
    g_autoptr(XcvrInventoryOptions) opts = xcvr_inventory_options_new();
    g_autoptr(GPtrArray) vnics = g_ptr_array_new();
    g_autoptr(XcvrInventory) inv = NULL;
    g_autoptr(GError) error = NULL;

    make_tap(fx, "tap0");
    xcvr_inventory_options_set_root(opts, fx->dir);
    xcvr_inventory_options_set_ovsdb(opts, "");
    xcvr_inventory_options_set_deadline(opts, g_get_monotonic_time() - 1);
    inv = xcvr_inventory_new(vnics, opts, &error);
    assert_null(inv);
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_TIMEOUT));
    g_clear_error(&error);

    xcvr_inventory_options_set_deadline(opts, g_get_monotonic_time() + 60 * G_USEC_PER_SEC);
    inv = xcvr_inventory_new(vnics, opts, &error);
    assert_non_null(inv);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_regular, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unsized, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_regular, setup, teardown),
        cmocka_unit_test_setup_teardown(test_links, setup, teardown),
        cmocka_unit_test_setup_teardown(test_absent_and_deadline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_topo_deadline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inventory_deadline, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
