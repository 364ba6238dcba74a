/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-state.c: whole-file replacement in the state directory: write a temporary file
 * beside the target, fsync it, rename it over the target, fsync the directory (POSIX
 * rename() is atomic within one file system, which is why the temporary file lives in the
 * same directory and not in /tmp).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-state.h>

#define TMP_MARK ".tmp-"
/* our own files are a map of a host: far below this; anything larger is not ours */
#define STATE_FILE_MAX (256 * 1024 * 1024)

static void
set_errno_error(GError **error, int err, const char *what, const char *path)
{
    XcvrError code = (err == EACCES || err == EPERM || err == EROFS) ? XCVR_ERROR_PERMISSION
                                                                     : XCVR_ERROR_IO;

    g_set_error(error, XCVR_ERROR, code, "%s %s: %s", what, path, g_strerror(err));
}

static gboolean
name_valid(const char *name)
{
    return name[0] != '\0' && name[0] != '.' && strchr(name, '/') == NULL;
}

/* Flushes the directory entry of a rename; a file system without fsync on directories is
 * not an error (the rename itself has happened). */
static void
sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    if (fd < 0)
        return;
    (void)fsync(fd);
    close(fd);
}

/* TRUE when @path holds exactly @data (a file that cannot be read differs). */
static gboolean
same_contents(const char *path, const char *data, gsize len)
{
    g_autofree char *old = NULL;
    gsize old_len = 0;
    GStatBuf st;

    if (g_lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || (gsize)st.st_size != len ||
        st.st_size > STATE_FILE_MAX)
        return FALSE;
    if (!g_file_get_contents(path, &old, &old_len, NULL))
        return FALSE;
    return old_len == len && memcmp(old, data, len) == 0;
}

static gboolean
write_all(int fd, const char *data, gsize len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return FALSE;
        data += n;
        len -= (gsize)n;
    }
    return TRUE;
}

gboolean
xcvr_state_write_file(const char *dir, const char *name, const char *data, gsize len,
                      gboolean *ret_changed, GError **error)
{
    g_autofree char *path = NULL;
    g_autofree char *tmp = NULL;
    int fd;
    int err;

    g_return_val_if_fail(dir != NULL, FALSE);
    g_return_val_if_fail(name != NULL && name_valid(name), FALSE);
    g_return_val_if_fail(data != NULL || len == 0, FALSE);

    path = g_build_filename(dir, name, NULL);
    if (same_contents(path, data, len)) {
        if (ret_changed != NULL)
            *ret_changed = FALSE;
        return TRUE;
    }
    tmp = g_strdup_printf("%s/.%s" TMP_MARK "XXXXXX", dir, name);
    fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0644);
    if (fd < 0) {
        set_errno_error(error, errno, "cannot create a file in", dir);
        return FALSE;
    }
    /* mkstemp's 0600 whatever the umask: the map is for every local reader */
    if (!write_all(fd, data, len) || fchmod(fd, 0644) != 0 || fsync(fd) != 0) {
        err = errno;
        close(fd);
        (void)g_unlink(tmp);
        set_errno_error(error, err, "cannot write", tmp);
        return FALSE;
    }
    if (close(fd) != 0) {
        err = errno;
        (void)g_unlink(tmp);
        set_errno_error(error, err, "cannot write", tmp);
        return FALSE;
    }
    if (g_rename(tmp, path) != 0) {
        err = errno;
        (void)g_unlink(tmp);
        set_errno_error(error, err, "cannot replace", path);
        return FALSE;
    }
    sync_dir(dir);
    if (ret_changed != NULL)
        *ret_changed = TRUE;
    return TRUE;
}

/* Removes the temporary files of writers that died between creating and renaming them. */
static void
remove_stale_temporaries(const char *dir)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *entry;

    if (d == NULL)
        return;
    while ((entry = g_dir_read_name(d)) != NULL) {
        if (entry[0] == '.' && strstr(entry, TMP_MARK) != NULL) {
            g_autofree char *path = g_build_filename(dir, entry, NULL);

            (void)g_unlink(path);
        }
    }
}

gboolean
xcvr_state_dir_prepare(const char *dir, GError **error)
{
    g_autofree char *probe = NULL;
    GStatBuf st;
    int fd;

    g_return_val_if_fail(dir != NULL, FALSE);

    if (dir[0] == '\0') {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_ARGUMENT,
                    "the state directory is an empty name");
        return FALSE;
    }
    if (g_mkdir_with_parents(dir, 0755) != 0) {
        set_errno_error(error, errno, "cannot make the state directory", dir);
        return FALSE;
    }
    if (g_stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "state directory %s: not a directory",
                    dir);
        return FALSE;
    }
    remove_stale_temporaries(dir);
    probe = g_strdup_printf("%s/.probe" TMP_MARK "XXXXXX", dir);
    fd = g_mkstemp_full(probe, O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0) {
        set_errno_error(error, errno, "cannot write in the state directory", dir);
        return FALSE;
    }
    close(fd);
    (void)g_unlink(probe);
    return TRUE;
}
