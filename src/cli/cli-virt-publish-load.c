/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-virt-publish-load.c: libxcvrmap-virt's metadata writer, loaded on first use as
 * cli-virt-load.c loads the VM source (see cli-dlopen.c).
 */
#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-virt.h>

#include "cli/cli.h"

gboolean
xcvr_cli_virt_publish_load(XcvrCliVirtPublishApi *api, GError **error)
{
    void *handle = xcvr_cli_dlopen(XCVR_VIRT_SONAME, "virt", XCVR_VIRT_LIBDIR,
                                   "the libvirt VM source",
                                   "this xcvrmap was built without libvirt", error);
    __typeof__(&xcvr_virt_quiet_default_errors) quiet = NULL;

    if (handle == NULL ||
        !xcvr_cli_dlsym(handle, XCVR_VIRT_SONAME, "xcvr_virt_quiet_default_errors",
                        (void **)&quiet, error) ||
        !xcvr_cli_dlsym(handle, XCVR_VIRT_SONAME, "xcvr_virt_conn_open_full",
                        (void **)&api->conn_open, error) ||
        !xcvr_cli_dlsym(handle, XCVR_VIRT_SONAME, "xcvr_virt_conn_free",
                        (void **)&api->conn_free, error) ||
        !xcvr_cli_dlsym(handle, XCVR_VIRT_SONAME, "xcvr_virt_set_domain_metadata",
                        (void **)&api->set_domain_metadata, error) ||
        !xcvr_cli_dlsym(handle, XCVR_VIRT_SONAME, "xcvr_publish_result_free",
                        (void **)&api->result_free, error))
        return FALSE;
    /* the CLI reports every failure itself, once */
    quiet();
    return TRUE;
}
