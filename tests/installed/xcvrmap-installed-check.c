/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvrmap-installed-check.c: a program built against the installed xcvrmap with nothing
 * but pkg-config (packaging/installed-test.sh), through the public headers only:
 *
 *   xcvrmap-installed-check module IMAGE   decode a module image, print it as ethtool -m
 *   xcvrmap-installed-check map DEMO_DIR   the map of the demo host unpacked in DEMO_DIR:
 *       built with `pkg-config xcvrmap-virt` (-DWITH_VIRT), every domain's vNICs from
 *       libvirt's test driver, as `xcvrmap map --demo` prints it; built with
 *       `pkg-config xcvrmap` alone, no VM source: every uplink of the host, no vNIC
 *
 * The demo host's files are read as the command reads them: from inside DEMO_DIR, through
 * relative paths. Exit status 0, or 1 with the error on stderr.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <xcvrmap/xcvrmap.h>
#ifdef WITH_VIRT
#include <xcvrmap/xcvr-virt.h>
#endif

static int
fail(const char *what, const GError *error)
{
    fprintf(stderr, "xcvrmap-installed-check: %s: %s\n", what, error->message);
    return 1;
}

static int
check_module(const char *image)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrModule) module = xcvr_eeprom_file_decode(image, NULL, XCVR_DECODE_NONE,
                                                           &error);
    g_autoptr(GString) text = g_string_new(NULL);

    if (module == NULL)
        return fail(image, error);
    if (!xcvr_render_text(module, text, &error))
        return fail("render", error);
    fputs(text->str, stdout);
    return 0;
}

static GPtrArray *
demo_vnics(const char *dir, GError **error)
{
#ifdef WITH_VIRT
    g_autofree char *uri = g_strdup_printf("test://%s/libvirt.xml", dir);

    xcvr_virt_quiet_default_errors();
    return xcvr_virt_list_vnics(uri, NULL, NULL, error);
#else
    (void)dir;
    (void)error;
    return g_ptr_array_new();
#endif
}

static int
check_map(const char *dir)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) vnics = NULL;
    g_autoptr(XcvrInventoryOptions) opts = xcvr_inventory_options_new();
    g_autoptr(XcvrInventory) inv = NULL;
    g_autofree char *abs_dir = g_canonicalize_filename(dir, NULL);
    g_autofree char *text = NULL;

    if (chdir(abs_dir) != 0) {
        perror(abs_dir);
        return 1;
    }
    vnics = demo_vnics(abs_dir, &error);
    if (vnics == NULL)
        return fail("libvirt", error);
    xcvr_inventory_options_set_root(opts, ".");
    xcvr_inventory_options_set_ovsdb(opts, "ovsdb.json");
    xcvr_inventory_options_set_eeprom_dir(opts, "eeprom");
#ifndef WITH_VIRT
    xcvr_inventory_options_set_all_uplinks(opts, TRUE);
#endif
    inv = xcvr_inventory_new(vnics, opts, &error);
    if (inv == NULL)
        return fail("inventory", error);
    text = xcvr_render_map_text(inv);
    fputs(text, stdout);
    return 0;
}

int
main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "module") == 0)
        return check_module(argv[2]);
    if (argc == 3 && strcmp(argv[1], "map") == 0)
        return check_map(argv[2]);
    fprintf(stderr, "usage: xcvrmap-installed-check module IMAGE | map DEMO_DIR\n");
    return 2;
}
