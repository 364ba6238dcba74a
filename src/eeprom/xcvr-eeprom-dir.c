/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-eeprom-dir.c: a source that is not the kernel's reads: a directory of dumps, one
 * IFNAME.bin per interface.
 */
#include <string.h>

#include <xcvrmap/xcvr-eeprom.h>
#include <xcvrmap/xcvr-error.h>

#include "xcvr-eeprom-private.h"

/* g_ptr_array_sort() hands over pointers to the elements */
static int
compare_names(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(const char *const *)a, *(const char *const *)b);
}

XcvrModule *
xcvr_eeprom_dir_read(const char *dir, const char *ifname, XcvrDecodeFlags flags,
                     GError **error)
{
    g_autofree char *file = NULL;
    g_autofree char *path = NULL;

    g_return_val_if_fail(dir != NULL, NULL);
    g_return_val_if_fail(ifname != NULL, NULL);

    /* an interface name is one path component: "../x" or "a/b" name no dump */
    if (ifname[0] == '\0' || strchr(ifname, '/') != NULL || strcmp(ifname, ".") == 0 ||
        strcmp(ifname, "..") == 0) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE, "'%s' is not an interface name",
                    ifname);
        return NULL;
    }
    file = g_strconcat(ifname, ".bin", NULL);
    path = g_build_filename(dir, file, NULL);
    if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
        /* not recorded: neither an empty cage (all 0xFF) nor a missing interface; a FIFO
         * or a device in its place goes on to the reader, which says it is not a file */
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DUMP, "no dump of %s in %s (%s)", ifname,
                    dir, file);
        return NULL;
    }
    return xcvr_eeprom_dir_file_decode(dir, file, flags, error);
}

GPtrArray *
xcvr_eeprom_dir_list(const char *dir, GError **error)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, error);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *name;

    if (d == NULL)
        return NULL;
    while ((name = g_dir_read_name(d)) != NULL) {
        if (g_str_has_suffix(name, ".bin") && strlen(name) > strlen(".bin"))
            g_ptr_array_add(names, g_strndup(name, strlen(name) - strlen(".bin")));
    }
    g_ptr_array_sort(names, compare_names);
    return g_steal_pointer(&names);
}
