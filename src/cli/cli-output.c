/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-output.c: everything `xcvrmap` prints on stdout goes through here, so that a write
 * error (a full disk, a reader gone with SIGPIPE ignored) is noticed whichever command
 * printed, and said once with its reason. stdio keeps only an error flag, and drops the
 * reason (errno) by the time the command ends, so the reason of the first failed write is
 * kept here; the last buffered block is flushed, and checked, at the end.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include <xcvrmap/xcvr-escape.h>

#include "cli/cli.h"

/* errno of the first failed write to stdout, 0 while none failed. A command is one thread
 * printing once through, so one process-wide value is all the state there is. */
static int first_error;

static void
note_error(void)
{
    if (first_error == 0)
        first_error = errno != 0 ? errno : EIO;
}

void
xcvr_cli_write(const char *data, gsize len)
{
    if (len > 0 && fwrite(data, 1, len, stdout) != len)
        note_error();
}

void
xcvr_cli_printf(const char *format, ...)
{
    va_list ap;
    int n;

    va_start(ap, format);
    n = vfprintf(stdout, format, ap);
    va_end(ap);
    if (n < 0)
        note_error();
}

int
xcvr_cli_finish_stdout(int status)
{
    if (fflush(stdout) != 0)
        note_error();
    else if (ferror(stdout) && first_error == 0)
        first_error = EIO;
    /* a write error that only close(2) reports (NFS, say) is a write error too */
    if (close(STDOUT_FILENO) != 0 && errno != EBADF)
        note_error();
    if (first_error == 0)
        return status;
    fprintf(stderr, "xcvrmap: write error on standard output: %s\n", g_strerror(first_error));
    return status == XCVR_EXIT_OK ? XCVR_EXIT_FAILURE : status;
}

/* @format's text escaped for a terminal (xcvr_escape_text()): names from the host, libvirt or
 * other hosts can hold control characters, newlines and bidi overrides. */
static G_GNUC_PRINTF(1, 0) char *
escaped_vprintf(const char *format, va_list ap)
{
    g_autofree char *text = g_strdup_vprintf(format, ap);

    return xcvr_escape_text(text, -1);
}

void
xcvr_cli_line(const char *format, ...)
{
    g_autofree char *esc = NULL;
    va_list ap;

    va_start(ap, format);
    esc = escaped_vprintf(format, ap);
    va_end(ap);
    xcvr_cli_printf("%s\n", esc);
}

void
xcvr_cli_error(const char *format, ...)
{
    g_autofree char *esc = NULL;
    va_list ap;

    va_start(ap, format);
    esc = escaped_vprintf(format, ap);
    va_end(ap);
    fprintf(stderr, "%s\n", esc);
}
