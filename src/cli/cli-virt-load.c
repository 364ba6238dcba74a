/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-virt-load.c: opens libxcvrmap-virt (and so libvirt) only when `xcvrmap map` needs
 * the VM list, so that `module` and `topo` never pay for mapping libvirt and its
 * dependencies, and a host without libvirt still runs them.
 *
 * dlopen() is called from here, the executable's own code, because the loader searches the
 * RUNPATH of the object that calls it: the build tree's RUNPATH finds the library there.
 * Where dlopen() is intercepted (AddressSanitizer calls the real one from its own runtime,
 * whose RUNPATH is not ours) the same place is tried by path, beside the executable.
 */
#include <dlfcn.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-virt.h>

#include "cli/cli.h"

/* The library's functions, typed from its own header so that a change there is caught. */
typedef struct {
    __typeof__(&xcvr_virt_quiet_default_errors) quiet_default_errors;
    __typeof__(&xcvr_virt_list_vnics) list_vnics;
} VirtApi;

/*
 * The library stays loaded for the life of the process: libvirt starts threads and keeps
 * process-wide state (its error handler, one-time initialisation) that unloading would
 * leave dangling, so there is deliberately no dlclose().
 */
static void *
open_library(GError **error)
{
    g_autofree char *installed = g_build_filename(XCVR_VIRT_LIBDIR, XCVR_VIRT_SONAME, NULL);
    g_autofree char *first = NULL;
    void *handle;

    handle = dlopen(XCVR_VIRT_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (handle != NULL)
        return handle;
    first = g_strdup(dlerror());

    /* the build tree's layout, as $ORIGIN/virt in the RUNPATH says */
    {
        g_autofree char *exe = g_file_read_link("/proc/self/exe", NULL);
        g_autofree char *dir = exe != NULL ? g_path_get_dirname(exe) : NULL;
        g_autofree char *beside = dir != NULL
                                      ? g_build_filename(dir, "virt", XCVR_VIRT_SONAME, NULL)
                                      : NULL;

        if (beside != NULL && g_file_test(beside, G_FILE_TEST_EXISTS)) {
            handle = dlopen(beside, RTLD_NOW | RTLD_LOCAL);
            if (handle != NULL)
                return handle;
        }
    }

    /* installed outside the loader's search path: beside the core library, by full path */
    if (g_file_test(installed, G_FILE_TEST_EXISTS)) {
        handle = dlopen(installed, RTLD_NOW | RTLD_LOCAL);
        if (handle != NULL)
            return handle;
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NOT_SUPPORTED,
                    "the libvirt VM source cannot be loaded: %s", dlerror());
        return NULL;
    }
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_NOT_SUPPORTED,
                "the libvirt VM source is not available (%s): this xcvrmap was built without "
                "libvirt, or %s is not installed", first, XCVR_VIRT_SONAME);
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
                    "%s has no %s (%s): it does not match this xcvrmap", XCVR_VIRT_SONAME,
                    name, why != NULL ? why : "no such symbol");
        return FALSE;
    }
    *ret = sym;
    return TRUE;
}

GPtrArray *
xcvr_cli_virt_list_vnics(const char *uri, const char *const *domains, char **ret_uri,
                         GError **error)
{
    VirtApi api = { 0 };
    void *handle = open_library(error);

    if (handle == NULL)
        return NULL;
    if (!resolve(handle, "xcvr_virt_quiet_default_errors", (void **)&api.quiet_default_errors,
                 error) ||
        !resolve(handle, "xcvr_virt_list_vnics", (void **)&api.list_vnics, error))
        return NULL;

    /* the CLI reports every failure itself, once */
    api.quiet_default_errors();
    return api.list_vnics(uri, domains, ret_uri, error);
}
