/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-watch-load.c: libxcvrmap-virt's event watch, loaded when `xcvrmap watch` needs
 * libvirt, as cli-virt-load.c loads the VM source (see cli-dlopen.c).
 */
#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-virt.h>

#include "cli/cli.h"

gboolean
xcvr_cli_virt_watch_load(XcvrCliVirtWatchApi *api, GError **error)
{
    void *handle = xcvr_cli_dlopen(XCVR_VIRT_SONAME, "virt", XCVR_VIRT_LIBDIR,
                                   "the libvirt VM source",
                                   "this xcvrmap was built without libvirt", error);
    __typeof__(&xcvr_virt_quiet_default_errors) quiet = NULL;

    if (handle == NULL ||
        !xcvr_cli_dlsym(handle, XCVR_VIRT_SONAME, "xcvr_virt_quiet_default_errors",
                        (void **)&quiet, error) ||
        !xcvr_cli_dlsym(handle, XCVR_VIRT_SONAME, "xcvr_virt_watch_new",
                        (void **)&api->watch_new, error) ||
        !xcvr_cli_dlsym(handle, XCVR_VIRT_SONAME, "xcvr_virt_watch_free",
                        (void **)&api->watch_free, error) ||
        !xcvr_cli_dlsym(handle, XCVR_VIRT_SONAME, "xcvr_virt_watch_list_vnics",
                        (void **)&api->watch_list_vnics, error) ||
        !xcvr_cli_dlsym(handle, XCVR_VIRT_SONAME, "xcvr_virt_watch_attach",
                        (void **)&api->watch_attach, error))
        return FALSE;
    /* the CLI reports every failure itself, once */
    quiet();
    return TRUE;
}
