/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-placement.c: `xcvrmap placement`, the face of xcvr_render_nova_provider_config():
 * the host's placement hints as a scheduler consumes them.
 */
#include <stdio.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

#include "cli/cli.h"

int
xcvr_cli_placement(int argc, char **argv)
{
    g_autofree char *uri = NULL;
    g_autofree char *root = NULL;
    g_autofree char *ovsdb = NULL;
    g_autofree char *eeprom_dir = NULL;
    g_autofree char *format_s = NULL;
    g_autofree char *output = NULL;
    g_autofree char *name_template = NULL;
    gboolean no_modules = FALSE;
    gboolean demo = FALSE;
    XcvrCliDemo host = { NULL, NULL, -1 };
    g_autoptr(GOptionContext) ctx = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) vnics = NULL;
    g_autoptr(XcvrInventoryOptions) opts = xcvr_inventory_options_new();
    g_autoptr(XcvrInventory) inv = NULL;
    g_autofree char *text = NULL;
    guint timeout_ms = 0;
    gint64 deadline = 0;
    const GOptionEntry entries[] = {
        { "connect", 'c', 0, G_OPTION_ARG_STRING, &uri,
          "libvirt URI, as for virsh (default: libvirt's choice)", "URI" },
        { "root", 0, 0, G_OPTION_ARG_FILENAME, &root,
          "Read the host's sysfs and procfs under DIR/sys and DIR/proc (default /)", "DIR" },
        { "ovsdb", 0, 0, G_OPTION_ARG_FILENAME, &ovsdb,
          "Open vSwitch: ovsdb-server's unix socket, or a file of `ovsdb-client dump "
          "--format=json` (\"\" for none)", "SOCKET|FILE" },
        { "eeprom-dir", 0, 0, G_OPTION_ARG_FILENAME, &eeprom_dir,
          "Read each uplink's module from DIR/IFNAME.bin instead of the kernel", "DIR" },
        { "no-modules", 0, 0, G_OPTION_ARG_NONE, &no_modules,
          "Do not read the uplinks' modules (media unknown)", NULL },
        { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
          "The bundled demo host; not with -c, --root, --ovsdb or --eeprom-dir", NULL },
        { "format", 0, 0, G_OPTION_ARG_STRING, &format_s,
          "Output format (the only one: an OpenStack Nova provider config file)",
          "nova-provider-config" },
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
          "Write to FILE instead of stdout", "FILE" },
        { "provider-name", 0, 0, G_OPTION_ARG_STRING, &name_template,
          "Provider name; {hostname}, {pci} and {netdev} are replaced (default "
          "{hostname}_{pci})", "TEMPLATE" },
        { NULL },
    };
    int status;

    ctx = g_option_context_new(NULL);
    g_option_context_set_summary(ctx,
        "The placement hints of every physical NIC (media, speed, redundancy) as traits of\n"
        "one Nova resource provider each: a provider config file for nova-compute.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    status = xcvr_cli_parse(ctx, "placement", &argc, &argv);
    if (status >= 0)
        return status;
    if (argc > 1) {
        fprintf(stderr, "xcvrmap placement: unexpected argument '%s'\n", argv[1]);
        return XCVR_EXIT_USAGE;
    }
    if (format_s != NULL && strcmp(format_s, "nova-provider-config") != 0) {
        fprintf(stderr, "xcvrmap placement: unknown format '%s' (nova-provider-config)\n",
                format_s);
        return XCVR_EXIT_USAGE;
    }
    if (demo && (uri != NULL || root != NULL || ovsdb != NULL || eeprom_dir != NULL)) {
        fprintf(stderr, "xcvrmap placement: --demo brings its own host: not with -c, --root, "
                        "--ovsdb or --eeprom-dir\n");
        return XCVR_EXIT_USAGE;
    }
    if (demo && !xcvr_cli_demo_enter(&host, &error)) {
        fprintf(stderr, "xcvrmap placement: demo host: %s\n", error->message);
        return XCVR_EXIT_FAILURE;
    }
    /* the default deadline of every command bounds libvirt, the walk and the reads */
    (void)xcvr_cli_timeout_ms("placement", XCVR_CLI_DEFAULT_TIMEOUT_S, &timeout_ms);
    deadline = xcvr_cli_deadline(XCVR_CLI_DEFAULT_TIMEOUT_S);
    vnics = xcvr_cli_virt_list_vnics_until(demo ? host.uri : uri, NULL, deadline, NULL, &error);
    xcvr_inventory_options_set_root(opts, demo ? XCVR_CLI_DEMO_ROOT : root);
    xcvr_inventory_options_set_ovsdb(opts, demo ? XCVR_CLI_DEMO_OVSDB : ovsdb);
    xcvr_inventory_options_set_eeprom_dir(opts, demo ? XCVR_CLI_DEMO_EEPROM_DIR : eeprom_dir);
    xcvr_inventory_options_set_timeout_ms(opts, timeout_ms);
    xcvr_inventory_options_set_deadline(opts, deadline);
    xcvr_inventory_options_set_no_modules(opts, no_modules);
    xcvr_inventory_options_set_all_uplinks(opts, TRUE);
    if (vnics != NULL)
        inv = xcvr_inventory_new(vnics, opts, &error);
    if (inv != NULL)
        text = xcvr_render_nova_provider_config(inv, g_get_host_name(), name_template);
    xcvr_cli_demo_leave(&host);
    if (text == NULL) {
        fprintf(stderr, "xcvrmap placement: %s\n", error->message);
        return XCVR_EXIT_FAILURE;
    }
    if (output == NULL) {
        xcvr_cli_printf("%s", text);
        return XCVR_EXIT_OK;
    }
    if (!g_file_set_contents(output, text, -1, &error)) {
        fprintf(stderr, "xcvrmap placement: %s\n", error->message);
        return XCVR_EXIT_FAILURE;
    }
    return XCVR_EXIT_OK;
}
