/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-state-file.c: files that must never be seen half-written (the state directory's
 * history.json and map.json, node_exporter textfiles): written beside their final name,
 * fsync()ed, renamed over it, and the directory fsync()ed, so a crash or power loss at
 * any point leaves the old file or the new one (rename(2) is atomic within a file system;
 * the directory's fsync makes the rename itself durable).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-history.h>

static gboolean G_GNUC_PRINTF(3, 4)
io_error(GError **error, int err, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "%s: %s", msg, g_strerror(err));
    return FALSE;
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

/* fsync of the directory holding @path, so the rename into it survives a power loss. */
static gboolean
sync_dir(const char *path, GError **error)
{
    g_autofree char *dir = g_path_get_dirname(path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int err;

    if (fd < 0)
        return io_error(error, errno, "%s", dir);
    if (fsync(fd) < 0 && errno != EINVAL) {
        err = errno;
        close(fd);
        return io_error(error, err, "fsync %s", dir);
    }
    close(fd);
    return TRUE;
}

gboolean
xcvr_state_write_file(const char *path, const char *data, gssize len, GError **error)
{
    g_autofree char *dir = NULL;
    g_autofree char *base = NULL;
    g_autofree char *tmp = NULL;
    int fd;
    int err;

    g_return_val_if_fail(path != NULL, FALSE);
    g_return_val_if_fail(data != NULL || len == 0, FALSE);
    if (len < 0)
        len = (gssize)strlen(data);

    dir = g_path_get_dirname(path);
    base = g_path_get_basename(path);
    /* hidden and ending in .tmp: no textfile collector (*.prom) or reader takes it */
    tmp = g_strdup_printf("%s/.%s.XXXXXX.tmp", dir, base);
    fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0644);
    if (fd < 0)
        return io_error(error, errno, "cannot create a file in %s", dir);
    if (!write_all(fd, data, (gsize)len)) {
        err = errno != 0 ? errno : EIO;
        goto fail;
    }
    /* g_mkstemp_full() honours the umask only through its mode; state files are 0644 */
    if (fchmod(fd, 0644) < 0 || fsync(fd) < 0) {
        err = errno;
        goto fail;
    }
    if (close(fd) < 0) {
        err = errno;
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) < 0) {
        err = errno;
        goto fail;
    }
    return sync_dir(path, error);

fail:
    if (fd >= 0)
        close(fd);
    (void)unlink(tmp);
    return io_error(error, err, "cannot write %s", path);
}
