/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-dlopen.c: opens an optional VM-source library (libxcvrmap-virt, libxcvrmap-xapi) the
 * moment a command needs it, so that commands which never use one never pay for loading it
 * and its dependencies, and a host without it still runs them.
 *
 * dlopen() is called from here, the executable's own code, because the loader searches the
 * RUNPATH of the object that calls it: the build tree's RUNPATH ($ORIGIN/virt …) finds the
 * library there. Where dlopen() is intercepted (AddressSanitizer calls the real one from its
 * own runtime, whose RUNPATH is not ours) the same place is tried by path, beside the
 * executable; an install outside the loader's search path is found in the library dir.
 * Libraries stay loaded for the life of the process: libvirt starts threads and keeps
 * process-wide state that unloading would leave dangling, so there is no dlclose().
 */
#include <dlfcn.h>

#include <xcvrmap/xcvr-error.h>

#include "cli/cli.h"

static void *
open_beside_executable(const char *subdir, const char *soname)
{
    g_autofree char *exe = g_file_read_link("/proc/self/exe", NULL);
    g_autofree char *dir = exe != NULL ? g_path_get_dirname(exe) : NULL;
    g_autofree char *path = dir != NULL ? g_build_filename(dir, subdir, soname, NULL) : NULL;

    if (path == NULL || !g_file_test(path, G_FILE_TEST_EXISTS))
        return NULL;
    return dlopen(path, RTLD_NOW | RTLD_LOCAL);
}

void *
xcvr_cli_dlopen(const char *soname, const char *subdir, const char *libdir, const char *what,
                const char *hint, GError **error)
{
    g_autofree char *installed = g_build_filename(libdir, soname, NULL);
    g_autofree char *first = NULL;
    void *handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);

    if (handle != NULL)
        return handle;
    first = g_strdup(dlerror());
    handle = open_beside_executable(subdir, soname);
    if (handle != NULL)
        return handle;
    if (g_file_test(installed, G_FILE_TEST_EXISTS)) {
        handle = dlopen(installed, RTLD_NOW | RTLD_LOCAL);
        if (handle != NULL)
            return handle;
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NOT_SUPPORTED, "%s cannot be loaded: %s",
                    what, dlerror());
        return NULL;
    }
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_NOT_SUPPORTED,
                "%s is not available (%s): %s, or %s is not installed", what, first, hint,
                soname);
    return NULL;
}

gboolean
xcvr_cli_dlsym(void *handle, const char *soname, const char *name, void **ret, GError **error)
{
    void *sym;

    dlerror();
    sym = dlsym(handle, name);
    if (sym == NULL) {
        const char *why = dlerror();

        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NOT_SUPPORTED,
                    "%s has no %s (%s): it does not match this xcvrmap", soname, name,
                    why != NULL ? why : "no such symbol");
        return FALSE;
    }
    *ret = sym;
    return TRUE;
}
