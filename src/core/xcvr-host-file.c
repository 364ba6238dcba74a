/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-host-file.c: the bounded reader every sysfs, procfs and dump read goes through, so
 * that a FIFO, a link to /dev/zero or a huge file planted under --root costs nothing:
 * checked to be a regular file before and after open(), opened with O_NONBLOCK (a FIFO
 * does not wait for a writer) and O_NOFOLLOW where the kernel makes no links, read up to a
 * cap, and only while the run's deadline has not passed.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xcvrmap/xcvr-error.h>

#include "xcvr-host-file-private.h"

/* The first buffer of a file that does not say its size (procfs says 0, sysfs a page for
 * every attribute): one page, doubled as the file goes on. */
#define FIRST_READ 4096u

gboolean
xcvr_deadline_passed(gint64 deadline)
{
    return deadline != 0 && g_get_monotonic_time() >= deadline;
}

gint64
xcvr_deadline_remaining_ms(gint64 deadline)
{
    gint64 left;

    if (deadline == 0)
        return 0;
    left = deadline - g_get_monotonic_time();
    if (left <= 0)
        return -1;
    return MAX(left / 1000, 1);
}

gsize
xcvr_host_file_sysfs_max(void)
{
    long page = sysconf(_SC_PAGESIZE);

    return page > (long)XCVR_HOST_FILE_SYSFS_MIN_PAGE ? (gsize)page
                                                      : XCVR_HOST_FILE_SYSFS_MIN_PAGE;
}

static const char *
file_kind(mode_t mode)
{
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISLNK(mode))
        return "a symbolic link";
    return "not a regular file";
}

static void
set_errno_error(GError **error, int err, const char *path)
{
    XcvrError code = XCVR_ERROR_IO;

    if (err == ENOENT || err == ENOTDIR)
        code = XCVR_ERROR_NO_DEVICE;
    else if (err == EACCES || err == EPERM)
        code = XCVR_ERROR_PERMISSION;
    g_set_error(error, XCVR_ERROR, code, "%s: %s", path, g_strerror(err));
}

static gboolean
check_mode(const char *path, mode_t mode, GError **error)
{
    if (S_ISREG(mode))
        return TRUE;
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "%s: %s, not a regular file: not read",
                path, file_kind(mode));
    return FALSE;
}

static gboolean
too_large(const char *path, gsize max, GError **error)
{
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                "%s: larger than the %" G_GSIZE_FORMAT " bytes accepted for it: not read", path,
                max);
    return FALSE;
}

static gboolean
timed_out(const char *path, GError **error)
{
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_TIMEOUT, "%s: not read: the deadline passed",
                path);
    return FALSE;
}

gboolean
xcvr_host_file_read(const char *path, XcvrHostFileFlags flags, gsize max, gint64 deadline,
                    char **ret_data, gsize *ret_len, GError **error)
{
    g_autofree char *data = NULL;
    gsize len = 0;
    gsize cap;
    struct stat st;
    int oflags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
    int fd;

    g_return_val_if_fail(path != NULL, FALSE);
    g_return_val_if_fail(ret_data != NULL, FALSE);
    g_return_val_if_fail(max < G_MAXSIZE - 1, FALSE);

    if (xcvr_deadline_passed(deadline))
        return timed_out(path, error);
    /* Refuse before open(): opening a device can have effects of its own. */
    if (((flags & XCVR_HOST_FILE_FOLLOW) != 0 ? stat(path, &st) : lstat(path, &st)) != 0) {
        set_errno_error(error, errno, path);
        return FALSE;
    }
    if (!check_mode(path, st.st_mode, error))
        return FALSE;
    if ((flags & XCVR_HOST_FILE_FOLLOW) == 0)
        oflags |= O_NOFOLLOW;
    do {
        fd = open(path, oflags);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        int err = errno;

        if (err == ELOOP && (flags & XCVR_HOST_FILE_FOLLOW) == 0)
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO,
                        "%s: a symbolic link where a file is expected: not read", path);
        else
            set_errno_error(error, err, path);
        return FALSE;
    }
    /* ... and after it: the path may have been swapped in between */
    if (fstat(fd, &st) != 0) {
        set_errno_error(error, errno, path);
        close(fd);
        return FALSE;
    }
    if (!check_mode(path, st.st_mode, error)) {
        close(fd);
        return FALSE;
    }
    /* sysfs says 4096 (a page) for every attribute, procfs says 0: the size is a hint, the
     * read below is what counts */
    if (st.st_size > 0 && (guint64)st.st_size > max) {
        close(fd);
        return too_large(path, max, error);
    }

    /* A regular file's size is read into one buffer of that size and a byte more, where
     * the end shows, so that a small file costs one small allocation: every process of
     * ours reads some, and a buffer grown and copied by chunks touched dozens of pages. */
    cap = S_ISREG(st.st_mode) && st.st_size > 0 && (guint64)st.st_size < G_MAXSIZE - 1
              ? (gsize)st.st_size + 1
              : FIRST_READ;
    cap = MIN(cap, max + 1);
    data = g_malloc(cap + 1); /* and the NUL */
    for (;;) {
        ssize_t n;

        if (xcvr_deadline_passed(deadline)) {
            close(fd);
            return timed_out(path, error);
        }
        if (len == cap) {
            /* len ≤ max here (checked after each read): the cap can grow */
            cap = cap <= max / 2 ? cap * 2 : max + 1;
            data = g_realloc(data, cap + 1);
        }
        n = read(fd, data + len, cap - len);
        if (n < 0) {
            int err = errno;

            if (err == EINTR)
                continue;
            close(fd);
            set_errno_error(error, err, path);
            return FALSE;
        }
        if (n == 0)
            break;
        len += (gsize)n;
        if (len > max) {
            close(fd);
            return too_large(path, max, error);
        }
    }
    close(fd);
    data[len] = '\0';
    if (ret_len != NULL)
        *ret_len = len;
    *ret_data = g_steal_pointer(&data);
    return TRUE;
}

char *
xcvr_host_file_read_text(const char *path, gsize max, gint64 deadline)
{
    char *text = NULL;

    if (!xcvr_host_file_read(path, XCVR_HOST_FILE_NOFOLLOW, max, deadline, &text, NULL, NULL))
        return NULL;
    return g_strstrip(text);
}
