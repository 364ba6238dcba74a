/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-demo.c: `--demo` in every command: the bundled demo host unpacked for the length of
 * the command and made the working directory, so that the command reads it through paths
 * relative to the tree ("sys/…", "eeprom/…", "ovsdb.json"). Whatever the library says
 * about those paths (an ovsdb file, a missing dump) is then the same from run to run, not
 * the name of this run's temporary directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <xcvrmap/xcvr-error.h>

#include "cli/cli.h"

gboolean
xcvr_cli_demo_enter(XcvrCliDemo *demo, GError **error)
{
    int saved;

    demo->old_cwd = -1;
    demo->dir = xcvr_cli_demo_host_unpack(error);
    if (demo->dir == NULL)
        return FALSE;
    demo->old_cwd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (demo->old_cwd < 0 || chdir(demo->dir) != 0) {
        saved = errno;
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "cannot enter the demo host: %s",
                    g_strerror(saved));
        xcvr_cli_demo_leave(demo);
        return FALSE;
    }
    /* libvirt's test driver wants an absolute path; the URI is not part of any output */
    demo->uri = g_strdup_printf("test://%s/libvirt.xml", demo->dir);
    return TRUE;
}

void
xcvr_cli_demo_leave(XcvrCliDemo *demo)
{
    if (demo->old_cwd >= 0) {
        /* back where the user was before the tree goes away (nothing is read after this) */
        if (fchdir(demo->old_cwd) != 0 && chdir("/") != 0) {
            /* nowhere to go: the tree is still removed by its absolute path */
        }
        close(demo->old_cwd);
        demo->old_cwd = -1;
    }
    if (demo->dir != NULL)
        xcvr_cli_demo_host_remove(demo->dir);
    g_clear_pointer(&demo->dir, g_free);
    g_clear_pointer(&demo->uri, g_free);
}
