/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-virt-load.c: opens libxcvrmap-virt (and so libvirt) only when `xcvrmap map` needs
 * the VM list, so that `module` and `topo` never pay for mapping libvirt and its
 * dependencies, and a host without libvirt still runs them (see cli-dlopen.c).
 */
#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-virt.h>

#include "cli/cli.h"

/* The library's functions, typed from its own header so that a change there is caught. */
typedef struct {
    __typeof__(&xcvr_virt_quiet_default_errors) quiet_default_errors;
    __typeof__(&xcvr_virt_list_vnics_full) list_vnics;
} VirtApi;

GPtrArray *
xcvr_cli_virt_list_vnics(const char *uri, const char *const *domains, char **ret_uri,
                         GError **error)
{
    return xcvr_cli_virt_list_vnics_until(uri, domains, 0, ret_uri, error);
}

GPtrArray *
xcvr_cli_virt_list_vnics_until(const char *uri, const char *const *domains, gint64 deadline,
                               char **ret_uri, GError **error)
{
    VirtApi api = { 0 };
    void *handle = xcvr_cli_dlopen(XCVR_VIRT_SONAME, "virt", XCVR_VIRT_LIBDIR,
                                   "the libvirt VM source",
                                   "this xcvrmap was built without libvirt", error);

    if (handle == NULL)
        return NULL;
    if (!xcvr_cli_dlsym(handle, XCVR_VIRT_SONAME, "xcvr_virt_quiet_default_errors",
                        (void **)&api.quiet_default_errors, error) ||
        !xcvr_cli_dlsym(handle, XCVR_VIRT_SONAME, "xcvr_virt_list_vnics_full",
                        (void **)&api.list_vnics, error))
        return NULL;

    /* the CLI reports every failure itself, once */
    api.quiet_default_errors();
    return api.list_vnics(uri, domains, deadline, ret_uri, error);
}
