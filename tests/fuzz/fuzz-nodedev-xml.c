/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz-nodedev-xml.c: fuzz target for xcvr_nodedev_annotate()'s reading of a libvirt
 * node-device document: the blob is annotated against a fixed inventory (a host of one
 * physical uplink, eth0 at 0000:41:00.0, with one VF, and one vNIC on it, made once in a
 * temporary root), so the net, pci and VF paths and the renderer are all reachable.
 *
 * Errors are expected and ignored; the target aborts only on a broken contract: a failure
 * without a GError, a success with one, or an annotated document that lost libvirt's text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <xcvrmap/xcvrmap.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static XcvrInventory *inventory;
static char *root;

static void
file(const char *rel, const char *text)
{
    g_autofree char *path = g_build_filename(root, rel, NULL);
    g_autofree char *dir = g_path_get_dirname(path);

    g_mkdir_with_parents(dir, 0700);
    if (!g_file_set_contents(path, text, -1, NULL))
        abort();
}

static void
link_to(const char *rel, const char *target)
{
    g_autofree char *path = g_build_filename(root, rel, NULL);
    g_autofree char *dir = g_path_get_dirname(path);

    g_mkdir_with_parents(dir, 0700);
    if (symlink(target, path) != 0)
        abort();
}

static void
remove_tree(const char *path)
{
    g_autoptr(GDir) dir = NULL;
    const char *name;

    if (!g_file_test(path, G_FILE_TEST_IS_SYMLINK))
        dir = g_dir_open(path, 0, NULL);
    while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
        g_autofree char *child = g_build_filename(path, name, NULL);

        remove_tree(child);
    }
    g_remove(path);
}

static void
remove_host(void)
{
    remove_tree(root);
}

static void
make_host(void)
{
    g_autoptr(GPtrArray) vnics = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_vnic_free);
    g_autoptr(XcvrInventoryOptions) opts = xcvr_inventory_options_new();
    XcvrVnic *v = xcvr_vnic_new("vm", XCVR_VNIC_ETHERNET);

    root = g_dir_make_tmp("fuzz-nodedev-XXXXXX", NULL);
    if (root == NULL)
        abort();
    atexit(remove_host);
    file("sys/devices/pci0000:40/0000:41:00.0/net/eth0/operstate", "up\n");
    file("sys/devices/pci0000:40/0000:41:00.0/net/eth0/carrier", "1\n");
    file("sys/devices/pci0000:40/0000:41:00.0/net/eth0/speed", "25000\n");
    file("sys/devices/pci0000:40/0000:41:00.0/net/eth0/address", "b8:ce:f6:00:00:01\n");
    file("sys/devices/pci0000:40/0000:41:00.0/net/eth0/type", "1\n");
    file("sys/devices/pci0000:40/0000:41:00.0/vendor", "0x15b3\n");
    file("sys/devices/pci0000:40/0000:41:02.0/vendor", "0x15b3\n");
    link_to("sys/devices/pci0000:40/0000:41:00.0/net/eth0/device", "../../../0000:41:00.0");
    link_to("sys/class/net/eth0", "../../devices/pci0000:40/0000:41:00.0/net/eth0");
    link_to("sys/bus/pci/devices/0000:41:00.0", "../../../devices/pci0000:40/0000:41:00.0");
    link_to("sys/bus/pci/devices/0000:41:02.0", "../../../devices/pci0000:40/0000:41:02.0");
    link_to("sys/devices/pci0000:40/0000:41:00.0/virtfn0", "../0000:41:02.0");
    link_to("sys/devices/pci0000:40/0000:41:02.0/physfn", "../0000:41:00.0");

    v->mac = g_strdup("52:54:00:00:00:01");
    xcvr_vnic_add_attach(v, XCVR_VNIC_ATTACH_NETDEV, "eth0", FALSE);
    g_ptr_array_add(vnics, v);
    xcvr_inventory_options_set_root(opts, root);
    xcvr_inventory_options_set_ovsdb(opts, "");
    xcvr_inventory_options_set_no_modules(opts, TRUE);
    inventory = xcvr_inventory_new(vnics, opts, NULL);
    /* the fixture must give the uplink, or only the parser would be fuzzed */
    if (inventory == NULL || xcvr_inventory_get_n_uplinks(inventory) != 1)
        abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *xml = NULL;
    g_autofree char *out = NULL;
    g_autoptr(GError) error = NULL;
    gboolean annotated = FALSE;

    if (inventory == NULL)
        make_host();
    if (size > 65536)
        return 0;
    xml = g_strndup((const char *)data, size);
    out = xcvr_nodedev_annotate(inventory, root, xml, &annotated, &error);
    if ((out == NULL) != (error != NULL))
        abort();
    if (out != NULL && !annotated && strcmp(out, xml) != 0)
        abort();
    if (out != NULL && annotated && strlen(out) <= strlen(xml))
        abort();
    return 0;
}
