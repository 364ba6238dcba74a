/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-demo-host.c: the bundled demo host (sysfs/procfs tree, libvirt test-driver XML, ovsdb
 * dump, module EEPROMs) written out from its embedded text manifest (compiled in as a C
 * table by src/cli/demo/embed-files.py) into a private temporary directory, and removed
 * again.
 *
 * Manifest format: tests/hostgen/pack.py (which writes it) and tests/hostgen/README.md.
 * Every entry is parsed and checked before anything is written (cli-demo-manifest.c: no
 * path or link target can lead out of the tree); directories are created first, then
 * regular files (O_EXCL | O_NOFOLLOW, inside listed directories only), then symbolic links.
 *
 * While the tree exists, SIGINT, SIGTERM and SIGHUP remove it before the process dies of
 * them: the handler uses only async-signal-safe calls (openat, getdents64, unlinkat) on a
 * path kept in a static buffer, then re-raises the signal with its default action.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib.h>
#include <pthread.h>
#include <glib/gstdio.h>

#include <xcvrmap/xcvr-error.h>

#include "cli.h"
#include "cli-demo-manifest.h"
#include "xcvr-demo-resources.h"

#define DEMO_HOST_MANIFEST "demo-host.manifest"
#define TMP_PREFIX "xcvrmap-demo-host-"

static gboolean
write_file(const char *full, GBytes *contents, GError **error)
{
    gsize len = 0;
    const guint8 *data = g_bytes_get_data(contents, &len);
    int fd = open(full, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);

    if (fd < 0) {
        int saved = errno;

        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "%s: %s", full, g_strerror(saved));
        return FALSE;
    }
    while (len > 0) {
        ssize_t n = write(fd, data, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int saved = n < 0 ? errno : EIO;

            close(fd);
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "%s: %s", full, g_strerror(saved));
            return FALSE;
        }
        data += n;
        len -= (gsize)n;
    }
    if (close(fd) != 0) {
        int saved = errno;

        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "%s: %s", full, g_strerror(saved));
        return FALSE;
    }
    return TRUE;
}

gboolean
xcvr_cli_demo_host_unpack_data(const char *data, gsize len, const char *dir, GError **error)
{
    g_autoptr(GPtrArray) entries = NULL;
    guint i;

    g_return_val_if_fail(data != NULL, FALSE);
    g_return_val_if_fail(dir != NULL, FALSE);
    g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

    /* everything is parsed and checked before anything is written */
    entries = xcvr_cli_manifest_parse(data, len, error);
    if (entries == NULL)
        return FALSE;

    /* 2. directories, then files, then links (nothing is ever written through a link) */
    for (i = 0; i < entries->len; i++) {
        const XcvrCliManifestEntry *e = g_ptr_array_index(entries, i);
        g_autofree char *full = NULL;

        if (e->kind != XCVR_CLI_MANIFEST_DIR)
            continue;
        full = g_build_filename(dir, e->path, NULL);
        if (g_mkdir(full, 0755) != 0) {
            int saved = errno;

            g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "%s: %s", full, g_strerror(saved));
            return FALSE;
        }
    }
    for (i = 0; i < entries->len; i++) {
        const XcvrCliManifestEntry *e = g_ptr_array_index(entries, i);
        g_autofree char *full = NULL;

        if (e->kind != XCVR_CLI_MANIFEST_TEXT && e->kind != XCVR_CLI_MANIFEST_BASE64)
            continue;
        full = g_build_filename(dir, e->path, NULL);
        if (!write_file(full, e->contents, error))
            return FALSE;
    }
    for (i = 0; i < entries->len; i++) {
        const XcvrCliManifestEntry *e = g_ptr_array_index(entries, i);
        g_autofree char *full = NULL;

        if (e->kind != XCVR_CLI_MANIFEST_LINK)
            continue;
        full = g_build_filename(dir, e->path, NULL);
        if (symlink(e->target, full) != 0) {
            int saved = errno;

            g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "%s: %s", full, g_strerror(saved));
            return FALSE;
        }
    }
    return TRUE;
}

/* ---- removal on a fatal signal ---- */

/* The tree a fatal signal removes ("" when none). The CLI is one process with one demo
 * host at a time; this state is the executable's, never the library's. */
static char signal_tree[PATH_MAX];
static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP };
static struct sigaction saved_actions[G_N_ELEMENTS(cleanup_signals)];
static gboolean handlers_installed;

/* The kernel's struct linux_dirent64 (getdents64(2)). */
struct raw_dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

/* Removes @name under @dirfd and everything below it, following no link; only
 * async-signal-safe calls. The demo tree is a dozen levels deep: 32 is a bound, not a
 * limit anyone meets. */
static void
signal_safe_remove(int dirfd, const char *name, int depth)
{
    char buf[1024] __attribute__((aligned(8)));
    int pass;
    int fd;

    if (unlinkat(dirfd, name, 0) == 0 || (errno != EISDIR && errno != EPERM) || depth > 32)
        return;
    fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return;
    /* entries removed while reading may shift the rest: read again until it is empty */
    for (pass = 0; pass < 16; pass++) {
        long n;

        if (lseek(fd, 0, SEEK_SET) != 0)
            break;
        while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
            long off = 0;

            while (off < n) {
                const struct raw_dirent64 *d = (const struct raw_dirent64 *)(buf + off);

                off += d->d_reclen;
                if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
                    continue;
                signal_safe_remove(fd, d->d_name, depth + 1);
            }
        }
        if (unlinkat(dirfd, name, AT_REMOVEDIR) == 0 || errno != ENOTEMPTY)
            break;
    }
    close(fd);
}

static void
on_fatal_signal(int sig)
{
    if (signal_tree[0] != '\0')
        signal_safe_remove(AT_FDCWD, signal_tree, 0);
    signal_tree[0] = '\0';
    /* die of the signal as if we had not caught it (it is blocked until we return) */
    signal(sig, SIG_DFL);
    raise(sig);
}

static void
block_cleanup_signals(sigset_t *ret_old)
{
    sigset_t set;
    guint i;

    sigemptyset(&set);
    for (i = 0; i < G_N_ELEMENTS(cleanup_signals); i++)
        sigaddset(&set, cleanup_signals[i]);
    pthread_sigmask(SIG_BLOCK, &set, ret_old);
}

/* From now until disarm_signal_cleanup(), a fatal signal removes @dir first. A signal the
 * caller ignores (nohup) stays ignored. */
static void
arm_signal_cleanup(const char *dir)
{
    struct sigaction sa;
    guint i;

    if (strlen(dir) >= sizeof signal_tree)
        return;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < G_N_ELEMENTS(cleanup_signals); i++)
        sigaddset(&sa.sa_mask, cleanup_signals[i]);
    g_strlcpy(signal_tree, dir, sizeof signal_tree);
    for (i = 0; i < G_N_ELEMENTS(cleanup_signals); i++) {
        if (sigaction(cleanup_signals[i], NULL, &saved_actions[i]) == 0 &&
            saved_actions[i].sa_handler != SIG_IGN)
            sigaction(cleanup_signals[i], &sa, NULL);
    }
    handlers_installed = TRUE;
}

static void
disarm_signal_cleanup(void)
{
    sigset_t old;
    guint i;

    if (!handlers_installed)
        return;
    block_cleanup_signals(&old);
    signal_tree[0] = '\0';
    for (i = 0; i < G_N_ELEMENTS(cleanup_signals); i++)
        sigaction(cleanup_signals[i], &saved_actions[i], NULL);
    handlers_installed = FALSE;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

char *
xcvr_cli_demo_host_unpack(GError **error)
{
    g_autoptr(GBytes) bytes = xcvr_demo_lookup(DEMO_HOST_MANIFEST);
    g_autoptr(GError) local = NULL;
    g_autofree char *dir = NULL;
    gsize len = 0;
    const char *data;
    sigset_t old_mask;

    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    if (bytes == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NOT_SUPPORTED,
                    "the demo host is not embedded in this build: no %s", DEMO_HOST_MANIFEST);
        return NULL;
    }
    /* no signal between making the directory and arming its removal */
    block_cleanup_signals(&old_mask);
    dir = g_dir_make_tmp(TMP_PREFIX "XXXXXX", &local);
    if (dir != NULL && !handlers_installed)
        arm_signal_cleanup(dir);
    pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
    if (dir == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "cannot make a temporary directory: %s",
                    local->message);
        return NULL;
    }
    data = g_bytes_get_data(bytes, &len);
    if (!xcvr_cli_demo_host_unpack_data(data, len, dir, error)) {
        g_prefix_error(error, "demo host: ");
        xcvr_cli_demo_host_remove(dir);
        return NULL;
    }
    return g_steal_pointer(&dir);
}

/* Removes @path and everything below it without following any symbolic link. */
static void
remove_tree(const char *path)
{
    GStatBuf st;

    if (g_lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        g_autoptr(GDir) d = g_dir_open(path, 0, NULL);
        const char *name;

        while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
            g_autofree char *child = g_build_filename(path, name, NULL);

            remove_tree(child);
        }
        (void)g_rmdir(path);
    } else {
        (void)g_unlink(path);
    }
}

void
xcvr_cli_demo_host_remove(const char *dir)
{
    g_autofree char *base = NULL;

    if (dir == NULL || dir[0] == '\0')
        return;
    base = g_path_get_basename(dir);
    /* only ever what xcvr_cli_demo_host_unpack() made */
    g_return_if_fail(g_str_has_prefix(base, TMP_PREFIX));
    remove_tree(dir);
    /* a signal during remove_tree() still removed the whole tree; now nothing is left */
    if (strcmp(dir, signal_tree) == 0)
        disarm_signal_cleanup();
}
