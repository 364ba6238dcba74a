/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-map.c: `xcvrmap map` (every VM NIC → path → uplinks → modules) and `xcvrmap topo`
 * (one netdev or PCI function → uplinks, no VM source needed): argument parsing and
 * printing around the library's inventory and walker.
 */
#include <stdio.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

#include "cli/cli.h"

typedef enum {
    MAP_TEXT,
    MAP_JSON,
} MapFormat;

static gboolean
parse_map_format(const char *s, MapFormat *ret)
{
    if (s == NULL || strcmp(s, "text") == 0)
        *ret = MAP_TEXT;
    else if (strcmp(s, "json") == 0)
        *ret = MAP_JSON;
    else
        return FALSE;
    return TRUE;
}

/* The bundled demo host, unpacked for the length of the command. */
typedef struct {
    char *dir;
    char *uri;
    char *ovsdb;
    char *eeprom_dir;
} DemoHost;

static void
demo_host_clear(DemoHost *demo)
{
    if (demo->dir != NULL)
        xcvr_cli_demo_host_remove(demo->dir);
    g_clear_pointer(&demo->dir, g_free);
    g_clear_pointer(&demo->uri, g_free);
    g_clear_pointer(&demo->ovsdb, g_free);
    g_clear_pointer(&demo->eeprom_dir, g_free);
}

static gboolean
demo_host_unpack(DemoHost *demo, GError **error)
{
    demo->dir = xcvr_cli_demo_host_unpack(error);
    if (demo->dir == NULL)
        return FALSE;
    demo->uri = g_strdup_printf("test://%s/libvirt.xml", demo->dir);
    demo->ovsdb = g_build_filename(demo->dir, "ovsdb.json", NULL);
    demo->eeprom_dir = g_build_filename(demo->dir, "eeprom", NULL);
    return TRUE;
}

int
xcvr_cli_map(int argc, char **argv)
{
    g_autofree char *uri = NULL;
    g_autofree char *root = NULL;
    g_autofree char *ovsdb = NULL;
    g_autofree char *eeprom_dir = NULL;
    g_autofree char *domain = NULL;
    g_autofree char *format_s = NULL;
    g_autofree char *out = NULL;
    gboolean demo = FALSE;
    gboolean no_modules = FALSE;
    gboolean no_netlink = FALSE;
    double timeout = 2.0;
    MapFormat format = MAP_TEXT;
    DemoHost host = { 0 };
    g_autoptr(XcvrInventoryOptions) opts = xcvr_inventory_options_new();
    g_autoptr(GOptionContext) ctx = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) vnics = NULL;
    g_autofree char *connected = NULL;
    g_autoptr(XcvrInventory) inv = NULL;
    g_auto(XcvrCliXapiOption) xapi = { 0 };
    const GOptionEntry entries[] = {
        { "connect", 'c', 0, G_OPTION_ARG_STRING, &uri,
          "libvirt URI, as for virsh (default: LIBVIRT_DEFAULT_URI, else libvirt.conf's "
          "uri_default, else libvirt's choice)", "URI" },
        XCVR_CLI_XAPI_OPTION_ENTRY("XCP-ng: the VMs from xapi on its unix socket instead of "
                                   "libvirt (default /var/lib/xcp/xapi)"),
        { "root", 0, 0, G_OPTION_ARG_FILENAME, &root,
          "Read the host's sysfs and procfs under DIR/sys and DIR/proc (default /)", "DIR" },
        { "ovsdb", 0, 0, G_OPTION_ARG_FILENAME, &ovsdb,
          "Open vSwitch: ovsdb-server's unix socket, or a file of `ovsdb-client dump "
          "--format=json` (default " XCVR_OVS_DEFAULT_SOCKET " when present; \"\" for none)",
          "SOCKET|FILE" },
        { "eeprom-dir", 0, 0, G_OPTION_ARG_FILENAME, &eeprom_dir,
          "Read each uplink's module from DIR/IFNAME.bin instead of the kernel", "DIR" },
        { "domain", 'd', 0, G_OPTION_ARG_STRING, &domain,
          "Only this domain (name or UUID)", "NAME" },
        { "format", 0, 0, G_OPTION_ARG_STRING, &format_s,
          "Output format: text (tables) or json (the full model)", "text|json" },
        { "no-modules", 0, 0, G_OPTION_ARG_NONE, &no_modules,
          "Do not read the uplinks' modules", NULL },
        { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &timeout,
          "Give up on a module after SECONDS (default 2)", "SECONDS" },
        { "no-netlink", 0, 0, G_OPTION_ARG_NONE, &no_netlink,
          "Read modules through the SIOCETHTOOL ioctl even where ethtool netlink works",
          NULL },
        { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
          "Map the bundled demo host (its libvirt, sysfs, Open vSwitch and modules)", NULL },
        { NULL },
    };
    int status;

    ctx = g_option_context_new("");
    g_option_context_set_main_group(ctx, g_option_group_new(NULL, NULL, NULL, &xapi, NULL));
    g_option_context_set_summary(ctx,
        "Which physical port, and which module in it, does every VM NIC leave the host\n"
        "through, and is that link healthy?");
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
        fprintf(stderr, "xcvrmap map: %s\n", error->message);
        return XCVR_EXIT_USAGE;
    }
    if (argc > 1) {
        fprintf(stderr, "xcvrmap map: unexpected argument '%s'\n", argv[1]);
        return XCVR_EXIT_USAGE;
    }
    if (!parse_map_format(format_s, &format)) {
        fprintf(stderr, "xcvrmap map: unknown format '%s' (text or json)\n", format_s);
        return XCVR_EXIT_USAGE;
    }
    if (timeout < 0 || timeout > 3600) {
        fprintf(stderr, "xcvrmap map: --timeout must be between 0 and 3600 seconds\n");
        return XCVR_EXIT_USAGE;
    }
    if (xapi.enabled && (uri != NULL || demo)) {
        fprintf(stderr, "xcvrmap map: --xapi is the VM source; drop -c and --demo\n");
        return XCVR_EXIT_USAGE;
    }
    if (demo && (uri != NULL || root != NULL || ovsdb != NULL || eeprom_dir != NULL)) {
        fprintf(stderr, "xcvrmap map: --demo brings its own host; drop -c, --root, --ovsdb "
                        "and --eeprom-dir\n");
        return XCVR_EXIT_USAGE;
    }
    if (demo && !demo_host_unpack(&host, &error)) {
        fprintf(stderr, "xcvrmap map: demo host: %s\n", error->message);
        demo_host_clear(&host);
        return XCVR_EXIT_FAILURE;
    }

    if (xapi.enabled)
        vnics = xcvr_cli_xapi_list_vnics(xapi.socket_path, root, ovsdb, domain, 0, &error);
    else
        vnics = xcvr_cli_virt_list_vnics(demo ? host.uri : uri, domain, &connected, &error);
    if (vnics == NULL) {
        fprintf(stderr, "xcvrmap map: %s\n", error->message);
        if (g_error_matches(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT) ||
            g_error_matches(error, XCVR_ERROR, XCVR_ERROR_NOT_SUPPORTED))
            fprintf(stderr, "xcvrmap map: without the VM list, `xcvrmap topo NETDEV` still "
                            "walks the host and `xcvrmap module IFACE` still reads modules\n");
        demo_host_clear(&host);
        return XCVR_EXIT_FAILURE;
    }
    /* An empty map from a URI nobody typed: say whose (a user's qemu:///session, say). */
    if (vnics->len == 0 && uri == NULL && !demo && !xapi.enabled)
        fprintf(stderr, "xcvrmap map: no domains at %s (libvirt's default URI; choose "
                        "another with -c or LIBVIRT_DEFAULT_URI)\n",
                connected != NULL ? connected : "(unknown)");

    xcvr_inventory_options_set_root(opts, demo ? host.dir : root);
    xcvr_inventory_options_set_ovsdb(opts, demo ? host.ovsdb : ovsdb);
    xcvr_inventory_options_set_eeprom_dir(opts, demo ? host.eeprom_dir : eeprom_dir);
    xcvr_inventory_options_set_timeout_ms(opts, (guint)(timeout * 1000));
    xcvr_inventory_options_set_no_netlink(opts, no_netlink);
    xcvr_inventory_options_set_no_modules(opts, no_modules);
    inv = xcvr_inventory_new(vnics, opts, &error);
    if (inv == NULL) {
        fprintf(stderr, "xcvrmap map: %s\n", error->message);
        demo_host_clear(&host);
        return XCVR_EXIT_FAILURE;
    }
    out = format == MAP_JSON ? xcvr_render_map_json(inv) : xcvr_render_map_text(inv);
    status = fputs(out, stdout) < 0 || (format == MAP_JSON && fputc('\n', stdout) < 0) ||
                     fflush(stdout) != 0
                 ? XCVR_EXIT_FAILURE
                 : XCVR_EXIT_OK;
    demo_host_clear(&host);
    return status;
}

/* ---- xcvrmap topo ---- */

static void
print_hops(GPtrArray *hops, const char *indent)
{
    guint i;

    for (i = 0; i < hops->len; i++) {
        const XcvrHop *h = g_ptr_array_index(hops, i);

        printf("%s%-10s %s%s%s%s\n", indent, xcvr_hop_kind_to_string(h->kind), h->name,
               h->detail != NULL ? " (" : "", h->detail != NULL ? h->detail : "",
               h->detail != NULL ? ")" : "");
    }
}

int
xcvr_cli_topo(int argc, char **argv)
{
    g_autofree char *root = NULL;
    g_autofree char *ovsdb = NULL;
    gboolean pci = FALSE;
    g_autoptr(GOptionContext) ctx = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrTopo) topo = NULL;
    g_autoptr(XcvrOvs) ovs = NULL;
    const GOptionEntry entries[] = {
        { "root", 0, 0, G_OPTION_ARG_FILENAME, &root,
          "Read the host's sysfs and procfs under DIR/sys and DIR/proc (default /)", "DIR" },
        { "ovsdb", 0, 0, G_OPTION_ARG_FILENAME, &ovsdb,
          "Open vSwitch: ovsdb-server's unix socket or an `ovsdb-client dump --format=json` "
          "file",
          "SOCKET|FILE" },
        { "pci", 0, 0, G_OPTION_ARG_NONE, &pci,
          "The arguments are PCI functions (0000:41:02.1), e.g. a VF given to a guest", NULL },
        { NULL },
    };
    int status = XCVR_EXIT_OK;
    int i;

    ctx = g_option_context_new("NETDEV… | --pci ADDRESS…");
    g_option_context_set_summary(ctx, "Walk from a netdev (or PCI function) to the physical "
                                      "uplinks it leaves the host through.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
        fprintf(stderr, "xcvrmap topo: %s\n", error->message);
        return XCVR_EXIT_USAGE;
    }
    if (argc < 2) {
        fprintf(stderr, "xcvrmap topo: give at least one netdev (or --pci ADDRESS)\n");
        return XCVR_EXIT_USAGE;
    }
    topo = xcvr_topo_new(root, &error);
    if (topo == NULL) {
        fprintf(stderr, "xcvrmap topo: %s\n", error->message);
        return XCVR_EXIT_FAILURE;
    }
    if (ovsdb != NULL && ovsdb[0] != '\0') {
        ovs = xcvr_ovs_open(ovsdb, 0, &error);
        if (ovs == NULL) {
            fprintf(stderr, "xcvrmap topo: Open vSwitch (%s): %s\n", ovsdb, error->message);
            return XCVR_EXIT_FAILURE;
        }
        xcvr_topo_set_ovs(topo, ovs);
    }
    for (i = 1; i < argc; i++) {
        g_autoptr(GPtrArray) uplinks = NULL;
        g_autoptr(GPtrArray) path = NULL;
        g_autoptr(GError) local = NULL;
        guint u;

        if (!xcvr_topo_walk(topo, pci ? XCVR_TOPO_START_PCI : XCVR_TOPO_START_NETDEV, argv[i],
                            &uplinks, &path, &local)) {
            fprintf(stderr, "xcvrmap topo: %s: %s\n", argv[i], local->message);
            status = XCVR_EXIT_FAILURE;
            continue;
        }
        printf("%s:\n", argv[i]);
        print_hops(path, "  ");
        if (uplinks->len == 0)
            printf("  no physical uplink\n");
        for (u = 0; u < uplinks->len; u++) {
            const XcvrUplink *up = g_ptr_array_index(uplinks, u);

            printf("  uplink %s%s%s%s\n", up->netdev != NULL ? up->netdev : "(no netdev)",
                   up->pci != NULL ? " pci " : "", up->pci != NULL ? up->pci : "",
                   up->active == 1 ? " (active)" : up->active == 0 ? " (backup)" : "");
        }
    }
    return status;
}
