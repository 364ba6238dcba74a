/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-eeprom-dir.c: sources that are not the kernel's reads: a directory of dumps, one
 * IFNAME.bin per interface; and, from sysfs, which interfaces can hold a module at all.
 */
#include <string.h>

#include <xcvrmap/xcvr-eeprom.h>
#include <xcvrmap/xcvr-error.h>

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
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        /* not recorded: neither an empty cage (all 0xFF) nor a missing interface */
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DUMP, "no dump of %s in %s (%s)", ifname,
                    dir, file);
        return NULL;
    }
    return xcvr_eeprom_file_decode(path, NULL, flags, error);
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

static gboolean
has(const char *dir, const char *name, const char *entry)
{
    g_autofree char *path = g_build_filename(dir, name, entry, NULL);

    return g_file_test(path, G_FILE_TEST_EXISTS);
}

GPtrArray *
xcvr_eeprom_list_ports(const char *sysfs_root, GError **error)
{
    g_autofree char *net = g_build_filename(sysfs_root != NULL ? sysfs_root : "/sys", "class",
                                            "net", NULL);
    g_autoptr(GDir) d = g_dir_open(net, 0, error);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *name;

    if (d == NULL)
        return NULL;
    while ((name = g_dir_read_name(d)) != NULL) {
        /* a port with a cage is backed by a device (PCI, platform, USB …); an SR-IOV VF,
         * a radio, a bridge, a bond or a tunnel has no cage of its own */
        if (!has(net, name, "device") || has(net, name, "device/physfn") ||
            has(net, name, "wireless") || has(net, name, "phy80211") ||
            has(net, name, "bridge") || has(net, name, "bonding") ||
            has(net, name, "tun_flags"))
            continue;
        g_ptr_array_add(names, g_strdup(name));
    }
    g_ptr_array_sort(names, compare_names);
    return g_steal_pointer(&names);
}
