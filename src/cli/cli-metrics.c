/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-metrics.c: `xcvrmap metrics`: one poll of the host printed in the Prometheus text
 * exposition format (what `watch --textfile` keeps current), from the same sources as
 * `map`, with the history of a state directory when one is given.
 */
#include <stdio.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

#include "cli/cli.h"

int
xcvr_cli_metrics(int argc, char **argv)
{
    g_autofree char *uri = NULL;
    g_autofree char *root = NULL;
    g_autofree char *ovsdb = NULL;
    g_autofree char *eeprom_dir = NULL;
    g_autofree char *state_dir = NULL;
    g_auto(GStrv) domains = NULL;
    g_autofree char *out = NULL;
    gboolean demo = FALSE;
    gboolean no_netlink = FALSE;
    gboolean vdm = FALSE;
    double timeout = XCVR_CLI_DEFAULT_TIMEOUT_S;
    guint timeout_ms = 0;
    gint64 deadline = 0;
    XcvrCliDemo host = { NULL, NULL, -1 };
    g_autoptr(XcvrInventoryOptions) opts = xcvr_inventory_options_new();
    g_autoptr(GOptionContext) ctx = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) vnics = NULL;
    g_autoptr(XcvrInventory) inv = NULL;
    g_autoptr(XcvrHistory) history = NULL;
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
        { "domain", 'd', 0, G_OPTION_ARG_STRING_ARRAY, &domains,
          "Only this domain's vNICs in xcvrmap_vnic_info (name or UUID); repeat for several",
          "NAME" },
        { "state-dir", 0, 0, G_OPTION_ARG_FILENAME, &state_dir,
          "The history `xcvrmap watch` keeps in DIR: verdicts after hysteresis and "
          "xcvrmap_alarm_raised_total (read only)", "DIR" },
        { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &timeout, XCVR_CLI_TIMEOUT_HELP, "SECONDS" },
        { "vdm", 0, 0, G_OPTION_ARG_NONE, &vdm, "Also read the CMIS VDM pages (SNR, pre-FEC BER…) where modules advertise them: "
          "xcvrmap_vdm_value per lane and observable", NULL },
        { "no-netlink", 0, 0, G_OPTION_ARG_NONE, &no_netlink,
          "Read modules through the SIOCETHTOOL ioctl even where ethtool netlink works",
          NULL },
        { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
          "The bundled demo host; not with -c, --root, --ovsdb or --eeprom-dir", NULL },
        { NULL },
    };
    int status;

    ctx = g_option_context_new("[-c URI | --xapi[=SOCKET] | --demo]");
    g_option_context_set_main_group(ctx, g_option_group_new(NULL, NULL, NULL, &xapi, NULL));
    g_option_context_set_summary(ctx,
        "Every physical uplink's module (temperature, voltage, lane bias and powers,\n"
        "thresholds, flags), link and health, and the VM NICs riding each, in the\n"
        "Prometheus text exposition format.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    status = xcvr_cli_parse(ctx, "metrics", &argc, &argv);
    if (status >= 0)
        return status;
    if (argc > 1) {
        xcvr_cli_error("xcvrmap metrics: unexpected argument '%s'", argv[1]);
        return XCVR_EXIT_USAGE;
    }
    if (!xcvr_cli_timeout_ms("metrics", timeout, &timeout_ms))
        return XCVR_EXIT_USAGE;
    deadline = xcvr_cli_deadline(timeout);
    status = xcvr_cli_exclusive("metrics", "-c, --xapi or --demo",
                                (uri != NULL) + (xapi.enabled != FALSE) + (demo != FALSE));
    if (status >= 0)
        return status;
    if (demo && (root != NULL || ovsdb != NULL || eeprom_dir != NULL)) {
        fprintf(stderr, "xcvrmap metrics: --demo brings its own host: not with -c, --root, "
                        "--ovsdb or --eeprom-dir\n");
        return XCVR_EXIT_USAGE;
    }
    /* the history first: --demo changes the working directory */
    if (state_dir != NULL) {
        history = xcvr_history_read(state_dir, &error);
        if (history == NULL) {
            xcvr_cli_error("xcvrmap metrics: history not used: %s", error->message);
            g_clear_error(&error);
        }
    }
    if (demo && !xcvr_cli_demo_enter(&host, &error)) {
        xcvr_cli_error("xcvrmap metrics: demo host: %s", error->message);
        return XCVR_EXIT_FAILURE;
    }

    if (xapi.enabled)
        vnics = xcvr_cli_xapi_list_vnics(xapi.socket_path, root, ovsdb,
                                         (const char *const *)domains,
                                         xcvr_cli_time_left_ms(deadline, timeout_ms), &error);
    else
        vnics = xcvr_cli_virt_list_vnics(demo ? host.uri : uri, (const char *const *)domains,
                                         NULL, &error);
    if (vnics == NULL) {
        xcvr_cli_error("xcvrmap metrics: %s", error->message);
        xcvr_cli_demo_leave(&host);
        return XCVR_EXIT_FAILURE;
    }
    xcvr_inventory_options_set_root(opts, demo ? XCVR_CLI_DEMO_ROOT : root);
    xcvr_inventory_options_set_ovsdb(opts, demo ? XCVR_CLI_DEMO_OVSDB : ovsdb);
    xcvr_inventory_options_set_eeprom_dir(opts, demo ? XCVR_CLI_DEMO_EEPROM_DIR : eeprom_dir);
    xcvr_inventory_options_set_timeout_ms(opts, timeout_ms);
    xcvr_inventory_options_set_deadline(opts, deadline);
    xcvr_inventory_options_set_no_netlink(opts, no_netlink);
    xcvr_inventory_options_set_decode_flags(opts, vdm ? XCVR_DECODE_VDM : XCVR_DECODE_NONE);
    /* the health of every port, whether a guest rides it now or not */
    xcvr_inventory_options_set_all_uplinks(opts, TRUE);
    inv = xcvr_inventory_new(vnics, opts, &error);
    if (inv == NULL) {
        xcvr_cli_error("xcvrmap metrics: %s", error->message);
        xcvr_cli_demo_leave(&host);
        return XCVR_EXIT_FAILURE;
    }
    out = xcvr_render_metrics(inv, history);
    xcvr_cli_printf("%s", out);
    xcvr_cli_demo_leave(&host);
    return XCVR_EXIT_OK;
}
