/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-xapi-load.c: `xcvrmap map --xapi[=SOCKET]`: opens libxcvrmap-xapi (and so libxml2)
 * only when asked, as cli-virt-load.c does for libvirt, and lists this host's VIFs from
 * xapi with the Open vSwitch configuration the map will walk.
 */
#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-xapi.h>

#include "cli/cli.h"


gboolean
xcvr_cli_xapi_load(XcvrCliXapiApi *api, GError **error)
{
    const char *so = XCVR_XAPI_SONAME;
    void *handle = xcvr_cli_dlopen(so, "xapi", XCVR_XAPI_LIBDIR, "the XAPI VM source",
                                   "this xcvrmap was built without it", error);

    return handle != NULL &&
           xcvr_cli_dlsym(handle, so, "xcvr_xapi_open", (void **)&api->open, error) &&
           xcvr_cli_dlsym(handle, so, "xcvr_xapi_free", (void **)&api->free, error) &&
           xcvr_cli_dlsym(handle, so, "xcvr_xapi_call", (void **)&api->call, error) &&
           xcvr_cli_dlsym(handle, so, "xcvr_xapi_get_session", (void **)&api->get_session,
                          error) &&
           xcvr_cli_dlsym(handle, so, "xcvr_xapi_list_vnics", (void **)&api->list_vnics,
                          error) &&
           xcvr_cli_dlsym(handle, so, "xcvr_xapi_watch_new", (void **)&api->watch_new, error) &&
           xcvr_cli_dlsym(handle, so, "xcvr_xapi_watch_attach", (void **)&api->watch_attach,
                          error) &&
           xcvr_cli_dlsym(handle, so, "xcvr_xapi_watch_free", (void **)&api->watch_free,
                          error);
}

GPtrArray *
xcvr_cli_xapi_list_vnics(const char *socket_path, const char *root, const char *ovsdb,
                         const char *const *vms, guint timeout_ms, GError **error)
{
    XcvrCliXapiApi api = { 0 };
    g_autoptr(XcvrOvs) ovs = NULL;
    g_autofree char *ovs_path = NULL;
    XcvrXapi *xapi;
    GPtrArray *vnics;

    if (!xcvr_cli_xapi_load(&api, error))
        return NULL;

    /* the same Open vSwitch the inventory reads: given, else the default socket (under
     * the root when there is one), none when "" */
    if (ovsdb != NULL)
        ovs_path = g_strdup(ovsdb);
    else
        ovs_path = g_build_filename(root != NULL ? root : "/", XCVR_OVS_DEFAULT_SOCKET, NULL);
    if (ovs_path[0] != '\0' && (ovsdb != NULL || g_file_test(ovs_path, G_FILE_TEST_EXISTS))) {
        ovs = xcvr_ovs_open(ovs_path, timeout_ms, error);
        if (ovs == NULL) {
            g_prefix_error(error, "Open vSwitch (%s): ", ovs_path);
            return NULL;
        }
    }
    xapi = api.open(socket_path, NULL, timeout_ms, error);
    if (xapi == NULL)
        return NULL;
    vnics = api.list_vnics(xapi, root, ovs, vms, error);
    api.free(xapi);
    return vnics;
}

gboolean
xcvr_cli_xapi_option_cb(const char *name, const char *value, gpointer data, GError **error)
{
    XcvrCliXapiOption *opt = data;

    (void)name;
    (void)error;
    opt->enabled = TRUE;
    g_free(opt->socket_path);
    opt->socket_path = g_strdup(value != NULL && value[0] != '\0' ? value
                                                                  : XCVR_XAPI_DEFAULT_SOCKET);
    return TRUE;
}

void
xcvr_cli_xapi_option_clear(XcvrCliXapiOption *opt)
{
    g_clear_pointer(&opt->socket_path, g_free);
    opt->enabled = FALSE;
}
