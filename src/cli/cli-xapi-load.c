/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-xapi-load.c: `xcvrmap map --xapi[=SOCKET]`: opens libxcvrmap-xapi (and so libxml2)
 * only when asked, as cli-virt-load.c does for libvirt, and lists this host's VIFs from
 * xapi with the Open vSwitch configuration the map will walk.
 */
#include <dlfcn.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-xapi.h>

#include "cli/cli.h"


/* Kept loaded for the life of the process, like the libvirt source: no dlclose(). */
static void *
open_library(GError **error)
{
    g_autofree char *installed = g_build_filename(XCVR_XAPI_LIBDIR, XCVR_XAPI_SONAME, NULL);
    g_autofree char *first = NULL;
    void *handle = dlopen(XCVR_XAPI_SONAME, RTLD_NOW | RTLD_LOCAL);

    if (handle != NULL)
        return handle;
    first = g_strdup(dlerror());
    if (g_file_test(installed, G_FILE_TEST_EXISTS)) {
        handle = dlopen(installed, RTLD_NOW | RTLD_LOCAL);
        if (handle != NULL)
            return handle;
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NOT_SUPPORTED,
                    "the XAPI VM source cannot be loaded: %s", dlerror());
        return NULL;
    }
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_NOT_SUPPORTED,
                "the XAPI VM source is not available (%s): %s is not installed", first,
                XCVR_XAPI_SONAME);
    return NULL;
}

static gboolean
resolve(void *handle, const char *name, void **ret, GError **error)
{
    void *sym;

    dlerror();
    sym = dlsym(handle, name);
    if (sym == NULL) {
        const char *why = dlerror();

        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NOT_SUPPORTED,
                    "%s has no %s (%s): it does not match this xcvrmap", XCVR_XAPI_SONAME,
                    name, why != NULL ? why : "no such symbol");
        return FALSE;
    }
    *ret = sym;
    return TRUE;
}

gboolean
xcvr_cli_xapi_load(XcvrCliXapiApi *api, GError **error)
{
    void *handle = open_library(error);

    return handle != NULL &&
           resolve(handle, "xcvr_xapi_open", (void **)&api->open, error) &&
           resolve(handle, "xcvr_xapi_free", (void **)&api->free, error) &&
           resolve(handle, "xcvr_xapi_call", (void **)&api->call, error) &&
           resolve(handle, "xcvr_xapi_get_session", (void **)&api->get_session, error) &&
           resolve(handle, "xcvr_xapi_list_vnics", (void **)&api->list_vnics, error);
}

GPtrArray *
xcvr_cli_xapi_list_vnics(const char *socket_path, const char *root, const char *ovsdb,
                         const char *vm, guint timeout_ms, GError **error)
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
    vnics = api.list_vnics(xapi, root, ovs, vm, error);
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
