/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-output.c: the one place where `xcvrmap` learns whether what it printed on stdout
 * reached its destination. A subcommand's output is buffered by stdio, so a full disk or a
 * reader that went away shows only when the buffer is flushed: checking every printf()
 * would still miss the last block, checking once at the end catches them all.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

int
xcvr_cli_finish_stdout(int status)
{
    int saved = 0;
    gboolean failed = FALSE;

    /* a failed flush knows why; an error seen earlier (buffer already dropped) may not */
    if (fflush(stdout) != 0) {
        failed = TRUE;
        saved = errno;
    } else if (ferror(stdout)) {
        failed = TRUE;
    }
    /* a write error that only close(2) reports (NFS, say) is a write error too */
    if (close(STDOUT_FILENO) != 0 && errno != EBADF && !failed) {
        failed = TRUE;
        saved = errno;
    }
    if (!failed)
        return status;
    if (saved != 0)
        fprintf(stderr, "xcvrmap: write error on standard output: %s\n", g_strerror(saved));
    else
        fprintf(stderr, "xcvrmap: write error on standard output\n");
    return status == XCVR_EXIT_OK ? XCVR_EXIT_FAILURE : status;
}
