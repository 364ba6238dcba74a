/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-demo-host.c: the bundled demo host (sysfs/procfs tree, libvirt test-driver XML, ovsdb
 * dump, module EEPROMs) written out from its embedded text manifest into a private
 * temporary directory, and removed again.
 *
 * Manifest format: tests/hostgen/pack.py (which writes it) and tests/hostgen/README.md.
 * Every entry is checked before anything is written: paths are relative with no empty,
 * "." or ".." component; directories are created first, then regular files (O_EXCL |
 * O_NOFOLLOW, inside listed directories only), then symbolic links, whose targets must be
 * relative and, read component by component, stay inside the tree and pass only through
 * listed directories, so no link can lead out of it.
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

#include <gio/gio.h>
#include <pthread.h>
#include <glib/gstdio.h>

#include <xcvrmap/xcvr-error.h>

#include "cli.h"

#define DEMO_HOST_RESOURCE "/org/xcvrmap/demo/host/demo-host.manifest"
#define MANIFEST_MAGIC "xcvrmap-host-manifest 1"
#define TMP_PREFIX "xcvrmap-demo-host-"
#define MAX_PATH_LEN 1024

typedef enum {
    ENTRY_DIR,
    ENTRY_TEXT,
    ENTRY_BASE64,
    ENTRY_LINK,
} EntryKind;

typedef struct {
    EntryKind kind;
    guint line;
    char *path;
    GBytes *contents; /* TEXT and BASE64 */
    char *target;     /* LINK */
} Entry;

static void
entry_free(Entry *e)
{
    if (e == NULL)
        return;
    g_free(e->path);
    g_clear_pointer(&e->contents, g_bytes_unref);
    g_free(e->target);
    g_free(e);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Entry, entry_free)

/* Reverses pack.py's escape(): "\\", "\n", "\t", "\r" and "\NNN" (three octal digits).
 * Anything else after a backslash is an error. */
static gboolean
unescape(const char *s, GByteArray *out)
{
    while (*s != '\0') {
        guint8 c = (guint8)*s;

        if (c != '\\') {
            g_byte_array_append(out, &c, 1);
            s++;
            continue;
        }
        switch (s[1]) {
        case '\\':
            c = '\\';
            break;
        case 'n':
            c = '\n';
            break;
        case 't':
            c = '\t';
            break;
        case 'r':
            c = '\r';
            break;
        default:
            if (s[1] < '0' || s[1] > '3' || s[2] < '0' || s[2] > '7' || s[3] < '0' ||
                s[3] > '7')
                return FALSE;
            c = (guint8)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
            g_byte_array_append(out, &c, 1);
            s += 4;
            continue;
        }
        g_byte_array_append(out, &c, 1);
        s += 2;
    }
    return TRUE;
}

/* An unescaped path or link target: no NUL, no control character. */
static char *
unescape_name(const char *s)
{
    g_autoptr(GByteArray) out = g_byte_array_new();
    guint i;

    if (!unescape(s, out))
        return NULL;
    for (i = 0; i < out->len; i++) {
        if (out->data[i] < 0x20 || out->data[i] == 0x7f)
            return NULL;
    }
    if (out->len == 0 || out->len > MAX_PATH_LEN)
        return NULL;
    g_byte_array_append(out, (const guint8 *)"", 1);
    return (char *)g_byte_array_free(g_steal_pointer(&out), FALSE);
}

/* Relative, no empty / "." / ".." component (so no leading, trailing or double slash). */
static gboolean
path_ok(const char *path)
{
    g_auto(GStrv) parts = g_strsplit(path, "/", -1);
    guint i;

    for (i = 0; parts[i] != NULL; i++) {
        if (parts[i][0] == '\0' || strcmp(parts[i], ".") == 0 || strcmp(parts[i], "..") == 0)
            return FALSE;
    }
    return i > 0;
}

static gboolean
base64_ok(const char *s)
{
    size_t n = strlen(s);
    size_t i;

    if (n % 4 != 0)
        return FALSE;
    for (i = 0; i < n; i++) {
        char c = s[i];

        if (c == '=') {
            /* padding: only the last one or two characters */
            if (i < n - 2 || (i == n - 2 && s[n - 1] != '='))
                return FALSE;
        } else if (!g_ascii_isalnum(c) && c != '+' && c != '/') {
            return FALSE;
        }
    }
    return TRUE;
}

static Entry *
parse_line(char *line, guint lineno, GError **error)
{
    g_autoptr(Entry) e = g_new0(Entry, 1);
    char *path_field;
    char *rest;

    e->line = lineno;
    if (line[0] == '\0' || line[1] != ' ')
        goto bad;
    switch (line[0]) {
    case 'd':
        e->kind = ENTRY_DIR;
        break;
    case 't':
        e->kind = ENTRY_TEXT;
        break;
    case 'b':
        e->kind = ENTRY_BASE64;
        break;
    case 'l':
        e->kind = ENTRY_LINK;
        break;
    default:
        goto bad;
    }
    path_field = line + 2;
    rest = strchr(path_field, ' ');
    if (rest != NULL)
        *rest++ = '\0';
    e->path = unescape_name(path_field);
    if (e->path == NULL || !path_ok(e->path)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "manifest line %u: refusing path '%s'", lineno, path_field);
        return NULL;
    }
    if (e->kind == ENTRY_DIR) {
        if (rest != NULL && rest[0] != '\0')
            goto bad;
    } else if (e->kind == ENTRY_TEXT) {
        g_autoptr(GByteArray) out = g_byte_array_new();

        if (rest != NULL && !unescape(rest, out))
            goto bad;
        e->contents = g_byte_array_free_to_bytes(g_steal_pointer(&out));
    } else if (e->kind == ENTRY_BASE64) {
        gsize n = 0;
        guchar *raw;

        if (rest == NULL)
            rest = (char *)"";
        if (!base64_ok(rest))
            goto bad;
        raw = g_base64_decode(rest, &n);
        e->contents = g_bytes_new_take(raw, n);
    } else {
        if (rest == NULL)
            goto bad;
        e->target = unescape_name(rest);
        if (e->target == NULL || e->target[0] == '/') {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "manifest line %u: refusing link target '%s'", lineno, rest);
            return NULL;
        }
    }
    return g_steal_pointer(&e);

bad:
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "manifest line %u: malformed entry",
                lineno);
    return NULL;
}

static char *
parent_of(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash != NULL ? g_strndup(path, (gsize)(slash - path)) : g_strdup("");
}

/* TRUE when @target, read from the directory holding @path, stays inside the tree and
 * passes only through directories the manifest lists (@dirs; "" is the root). */
static gboolean
link_target_ok(const char *path, const char *target, GHashTable *dirs)
{
    g_autofree char *parent = parent_of(path);
    g_auto(GStrv) parts = g_strsplit(target, "/", -1);
    g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func(g_free);
    g_auto(GStrv) base = NULL;
    guint i;

    if (parent[0] != '\0') {
        base = g_strsplit(parent, "/", -1);
        for (i = 0; base[i] != NULL; i++)
            g_ptr_array_add(stack, g_strdup(base[i]));
    }
    for (i = 0; parts[i] != NULL; i++) {
        const char *p = parts[i];

        if (p[0] == '\0' || strcmp(p, ".") == 0)
            return FALSE;
        if (strcmp(p, "..") == 0) {
            if (stack->len == 0)
                return FALSE;
            g_ptr_array_remove_index(stack, stack->len - 1);
            continue;
        }
        g_ptr_array_add(stack, g_strdup(p));
        if (parts[i + 1] != NULL) {
            g_autofree char *joined = NULL;

            g_ptr_array_add(stack, NULL);
            joined = g_strjoinv("/", (char **)stack->pdata);
            g_ptr_array_remove_index(stack, stack->len - 1);
            if (!g_hash_table_contains(dirs, joined))
                return FALSE;
        }
    }
    return TRUE;
}

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
    g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func((GDestroyNotify)entry_free);
    g_autoptr(GHashTable) dirs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    guint i;

    g_return_val_if_fail(data != NULL, FALSE);
    g_return_val_if_fail(dir != NULL, FALSE);
    g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

    if (memchr(data, '\0', len) != NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "manifest holds a NUL byte");
        return FALSE;
    }
    text = g_strndup(data, len);
    lines = g_strsplit(text, "\n", -1);
    if (lines[0] == NULL || strcmp(lines[0], MANIFEST_MAGIC) != 0) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "not a host manifest (the first line is not '%s')", MANIFEST_MAGIC);
        return FALSE;
    }
    g_hash_table_add(dirs, g_strdup(""));

    /* 1. parse and check everything before writing anything */
    for (i = 1; lines[i] != NULL; i++) {
        g_autofree char *parent = NULL;
        Entry *e;

        if (lines[i][0] == '\0' || lines[i][0] == '#')
            continue;
        e = parse_line(lines[i], i + 1, error);
        if (e == NULL)
            return FALSE;
        g_ptr_array_add(entries, e);
        if (g_hash_table_contains(seen, e->path)) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "manifest line %u: %s listed twice", e->line, e->path);
            return FALSE;
        }
        g_hash_table_add(seen, g_strdup(e->path));
        /* a parent must be a directory listed before */
        parent = parent_of(e->path);
        if (!g_hash_table_contains(dirs, parent)) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "manifest line %u: %s is not inside a listed directory", e->line,
                        e->path);
            return FALSE;
        }
        if (e->kind == ENTRY_DIR)
            g_hash_table_add(dirs, g_strdup(e->path));
    }
    for (i = 0; i < entries->len; i++) {
        const Entry *e = g_ptr_array_index(entries, i);

        if (e->kind == ENTRY_LINK && !link_target_ok(e->path, e->target, dirs)) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "manifest line %u: link %s -> %s leaves the tree or passes through "
                        "something that is not a listed directory",
                        e->line, e->path, e->target);
            return FALSE;
        }
    }

    /* 2. directories, then files, then links (nothing is ever written through a link) */
    for (i = 0; i < entries->len; i++) {
        const Entry *e = g_ptr_array_index(entries, i);
        g_autofree char *full = NULL;

        if (e->kind != ENTRY_DIR)
            continue;
        full = g_build_filename(dir, e->path, NULL);
        if (g_mkdir(full, 0755) != 0) {
            int saved = errno;

            g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "%s: %s", full, g_strerror(saved));
            return FALSE;
        }
    }
    for (i = 0; i < entries->len; i++) {
        const Entry *e = g_ptr_array_index(entries, i);
        g_autofree char *full = NULL;

        if (e->kind != ENTRY_TEXT && e->kind != ENTRY_BASE64)
            continue;
        full = g_build_filename(dir, e->path, NULL);
        if (!write_file(full, e->contents, error))
            return FALSE;
    }
    for (i = 0; i < entries->len; i++) {
        const Entry *e = g_ptr_array_index(entries, i);
        g_autofree char *full = NULL;

        if (e->kind != ENTRY_LINK)
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
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) local = NULL;
    g_autofree char *dir = NULL;
    gsize len = 0;
    const char *data;
    sigset_t old_mask;

    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    bytes = g_resources_lookup_data(DEMO_HOST_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &local);
    if (bytes == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NOT_SUPPORTED,
                    "the demo host is not embedded in this build: %s", local->message);
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
