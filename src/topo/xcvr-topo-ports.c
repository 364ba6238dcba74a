/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-topo-ports.c: which netdevs of a host can hold a module: the ports of physical
 * functions, read from ROOT/sys/class/net.
 *
 * Sources: Documentation/ABI/testing/sysfs-class-net (device, phy80211, wireless, bridge,
 * bonding, tun_flags), Documentation/PCI/pci-iov-howto.rst (physfn).
 */
#include <string.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-topo.h>

#include "xcvr-topo-internal.h"

static int
compare_names(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(const char *const *)a, *(const char *const *)b);
}

static gboolean
has(const char *dir, const char *name, const char *entry)
{
    g_autofree char *path = g_build_filename(dir, name, entry, NULL);

    return g_file_test(path, G_FILE_TEST_EXISTS);
}

GPtrArray *
xcvr_topo_list_module_ports(const char *root, GError **error)
{
    g_autofree char *net = xcvr_root_path(root, "sys", "class", "net", NULL);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GDir) d = NULL;
    g_autoptr(GError) local = NULL;
    const char *name;

    d = g_dir_open(net, 0, &local);
    if (d == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "cannot list netdevs: %s", local->message);
        return NULL;
    }
    while ((name = g_dir_read_name(d)) != NULL) {
        /* a port with a cage is backed by a bus device (PCI, platform, USB, a virtio device
         * on PCI …); virtual devices have no `device` link; an SR-IOV VF, a radio, a bridge,
         * a bond or a tunnel has no cage of its own */
        if (!has(net, name, "device") || has(net, name, "device/physfn") ||
            has(net, name, "wireless") || has(net, name, "phy80211") || has(net, name, "bridge") ||
            has(net, name, "bonding") || has(net, name, "tun_flags"))
            continue;
        g_ptr_array_add(names, g_strdup(name));
    }
    g_ptr_array_sort(names, compare_names);
    return g_steal_pointer(&names);
}
