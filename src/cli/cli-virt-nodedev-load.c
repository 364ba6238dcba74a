/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-virt-nodedev-load.c: libxcvrmap-virt's node-device readers, loaded on first use as
 * cli-virt-load.c loads the VM source (see cli-dlopen.c).
 */
#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-virt.h>

#include "cli/cli.h"

/* Opens the library and finds @symbol into @ret (a function pointer's address). */
static gboolean
load(const char *symbol, void **ret, GError **error)
{
    void *handle = xcvr_cli_dlopen(XCVR_VIRT_SONAME, "virt", XCVR_VIRT_LIBDIR,
                                   "the libvirt VM source",
                                   "this xcvrmap was built without libvirt", error);
    __typeof__(&xcvr_virt_quiet_default_errors) quiet = NULL;

    if (handle == NULL ||
        !xcvr_cli_dlsym(handle, XCVR_VIRT_SONAME, "xcvr_virt_quiet_default_errors",
                        (void **)&quiet, error) ||
        !xcvr_cli_dlsym(handle, XCVR_VIRT_SONAME, symbol, ret, error))
        return FALSE;
    /* the CLI reports every failure itself, once */
    quiet();
    return TRUE;
}

GPtrArray *
xcvr_cli_virt_list_nodedevs(const char *uri, const char *cap, gint64 deadline,
                            GError **error)
{
    __typeof__(&xcvr_virt_list_nodedevs_full) fn = NULL;

    if (!load("xcvr_virt_list_nodedevs_full", (void **)&fn, error))
        return NULL;
    return fn(uri, cap, deadline, error);
}

XcvrNodedevDoc *
xcvr_cli_virt_get_nodedev(const char *uri, const char *device, gint64 deadline,
                          GError **error)
{
    __typeof__(&xcvr_virt_get_nodedev_full) fn = NULL;

    if (!load("xcvr_virt_get_nodedev_full", (void **)&fn, error))
        return NULL;
    return fn(uri, device, deadline, error);
}
