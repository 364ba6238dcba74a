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
    MAP_XML,
} MapFormat;

static gboolean
parse_map_format(const char *s, MapFormat *ret)
{
    if (s == NULL || strcmp(s, "text") == 0)
        *ret = MAP_TEXT;
    else if (strcmp(s, "json") == 0)
        *ret = MAP_JSON;
    else if (strcmp(s, "xml") == 0)
        *ret = MAP_XML;
    else
        return FALSE;
    return TRUE;
}

int
xcvr_cli_map(int argc, char **argv)
{
    g_autofree char *uri = NULL;
    g_autofree char *root = NULL;
    g_autofree char *ovsdb = NULL;
    g_autofree char *eeprom_dir = NULL;
    g_auto(GStrv) domains = NULL;
    g_autofree char *format_s = NULL;
    g_autofree char *out = NULL;
    g_autofree char *state_dir = NULL;
    g_autoptr(XcvrHistory) history = NULL;
    gboolean demo = FALSE;
    gboolean no_modules = FALSE;
    gboolean no_netlink = FALSE;
    gboolean vdm = FALSE;
    double timeout = XCVR_CLI_DEFAULT_TIMEOUT_S;
    guint timeout_ms = 0;
    gint64 deadline = 0;
    MapFormat format = MAP_TEXT;
    XcvrCliDemo host = { NULL, NULL, -1 };
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
        { "domain", 'd', 0, G_OPTION_ARG_STRING_ARRAY, &domains,
          "Only this domain (name or UUID); repeat for several", "NAME" },
        { "format", 0, 0, G_OPTION_ARG_STRING, &format_s,
          "Output format: text (tables), json (the full model) or xml (the same, namespace "
          XCVR_MAP_XML_NAMESPACE ")", "text|json|xml" },
        { "no-modules", 0, 0, G_OPTION_ARG_NONE, &no_modules,
          "Do not read the uplinks' modules", NULL },
        { "state-dir", 0, 0, G_OPTION_ARG_FILENAME, &state_dir,
          "Add each uplink's history (verdict after hysteresis, flags with times and "
          "counts) from the history `xcvrmap watch` keeps in DIR (read only)", "DIR" },
        { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &timeout, XCVR_CLI_TIMEOUT_HELP, "SECONDS" },
        { "vdm", 0, 0, G_OPTION_ARG_NONE, &vdm, "Also read the CMIS VDM pages (SNR, pre-FEC BER…) where modules advertise them "
          "(the map's module summary does not show them; `module --vdm` and `metrics --vdm` "
          "do)", NULL },
        { "no-netlink", 0, 0, G_OPTION_ARG_NONE, &no_netlink,
          "Read modules through the SIOCETHTOOL ioctl even where ethtool netlink works",
          NULL },
        { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
          "Map the bundled demo host (its libvirt, sysfs, Open vSwitch and modules); not with "
          "-c, --root, --ovsdb or --eeprom-dir", NULL },
        { NULL },
    };
    int status;

    ctx = g_option_context_new("[-c URI | --xapi[=SOCKET] | --demo] [-d NAME]…");
    /* the main group carries --xapi's data to its callback */
    g_option_context_set_main_group(ctx, g_option_group_new(NULL, NULL, NULL, &xapi, NULL));
    g_option_context_set_summary(ctx,
        "Which physical port, and which module in it, does every VM NIC leave the host\n"
        "through, and is that link healthy?");
    g_option_context_add_main_entries(ctx, entries, NULL);
    status = xcvr_cli_parse(ctx, "map", &argc, &argv);
    if (status >= 0)
        return status;
    if (argc > 1) {
        xcvr_cli_error("xcvrmap map: unexpected argument '%s'", argv[1]);
        return XCVR_EXIT_USAGE;
    }
    if (!parse_map_format(format_s, &format)) {
        xcvr_cli_error("xcvrmap map: unknown format '%s' (text, json or xml)", format_s);
        return XCVR_EXIT_USAGE;
    }
    if (!xcvr_cli_timeout_ms("map", timeout, &timeout_ms))
        return XCVR_EXIT_USAGE;
    /* --timeout bounds the whole command: libvirt or XAPI, the walk, Open vSwitch, the
     * module reads */
    deadline = xcvr_cli_deadline(timeout);
    status = xcvr_cli_exclusive("map", "-c, --xapi or --demo",
                                (uri != NULL) + (xapi.enabled != FALSE) + (demo != FALSE));
    if (status >= 0)
        return status;
    if (demo && (uri != NULL || root != NULL || ovsdb != NULL || eeprom_dir != NULL)) {
        fprintf(stderr, "xcvrmap map: --demo brings its own host: not with -c, --root, "
                        "--ovsdb or --eeprom-dir\n");
        return XCVR_EXIT_USAGE;
    }
    /* the history first: --demo changes the working directory */
    if (state_dir != NULL) {
        history = xcvr_history_read(state_dir, &error);
        if (history == NULL) {
            xcvr_cli_error("xcvrmap map: history not shown: %s", error->message);
            g_clear_error(&error);
        }
    }
    if (demo && !xcvr_cli_demo_enter(&host, &error)) {
        xcvr_cli_error("xcvrmap map: demo host: %s", error->message);
        return XCVR_EXIT_FAILURE;
    }

    if (xapi.enabled)
        vnics = xcvr_cli_xapi_list_vnics(xapi.socket_path, root, ovsdb,
                                         (const char *const *)domains,
                                         xcvr_cli_time_left_ms(deadline, timeout_ms), &error);
    else
        vnics = xcvr_cli_virt_list_vnics_until(demo ? host.uri : uri,
                                               (const char *const *)domains, deadline,
                                               &connected, &error);
    if (vnics == NULL) {
        xcvr_cli_error("xcvrmap map: %s", error->message);
        if (g_error_matches(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT) ||
            g_error_matches(error, XCVR_ERROR, XCVR_ERROR_NOT_SUPPORTED))
            fprintf(stderr, "xcvrmap map: without the VM list, `xcvrmap topo NETDEV` still "
                            "walks the host and `xcvrmap module IFACE` still reads modules\n");
        xcvr_cli_demo_leave(&host);
        return XCVR_EXIT_FAILURE;
    }
    /* An empty map from a URI nobody typed: say whose (a user's qemu:///session, say). */
    if (vnics->len == 0 && uri == NULL && !demo && !xapi.enabled)
        xcvr_cli_error("xcvrmap map: no domains at %s (libvirt's default URI; choose "
                        "another with -c or LIBVIRT_DEFAULT_URI)",
                connected != NULL ? connected : "(unknown)");

    xcvr_inventory_options_set_root(opts, demo ? XCVR_CLI_DEMO_ROOT : root);
    xcvr_inventory_options_set_ovsdb(opts, demo ? XCVR_CLI_DEMO_OVSDB : ovsdb);
    xcvr_inventory_options_set_eeprom_dir(opts, demo ? XCVR_CLI_DEMO_EEPROM_DIR : eeprom_dir);
    xcvr_inventory_options_set_timeout_ms(opts, timeout_ms);
    xcvr_inventory_options_set_deadline(opts, deadline);
    xcvr_inventory_options_set_no_netlink(opts, no_netlink);
    xcvr_inventory_options_set_decode_flags(opts, vdm ? XCVR_DECODE_VDM : XCVR_DECODE_NONE);
    xcvr_inventory_options_set_no_modules(opts, no_modules);
    inv = xcvr_inventory_new(vnics, opts, &error);
    if (inv == NULL) {
        xcvr_cli_error("xcvrmap map: %s", error->message);
        xcvr_cli_demo_leave(&host);
        return XCVR_EXIT_FAILURE;
    }
    if (format == MAP_JSON)
        out = xcvr_render_map_json_with_history(inv, history);
    else if (format == MAP_XML)
        out = xcvr_render_map_xml(inv);
    else
        out = xcvr_render_map_text_with_history(inv, history);
    /* a write error is the caller's to see (xcvr_cli_finish_stdout) */
    xcvr_cli_printf("%s%s", out, format == MAP_JSON ? "\n" : "");
    xcvr_cli_demo_leave(&host);
    return XCVR_EXIT_OK;
}

/* ---- xcvrmap topo ---- */

static int
compare_names(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
print_hops(GPtrArray *hops, const char *indent)
{
    guint i;

    for (i = 0; i < hops->len; i++) {
        const XcvrHop *h = g_ptr_array_index(hops, i);

        xcvr_cli_line("%s%-10s %s%s%s%s", indent, xcvr_hop_kind_to_string(h->kind), h->name,
               h->detail != NULL ? " (" : "", h->detail != NULL ? h->detail : "",
               h->detail != NULL ? ")" : "");
    }
}

/* The demo host's netdevs, in name order: what `topo --demo` walks when given none. */
static GPtrArray *
demo_netdevs(GError **error)
{
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GDir) d = g_dir_open(XCVR_CLI_DEMO_ROOT "/sys/class/net", 0, error);
    const char *name;

    if (d == NULL)
        return NULL;
    while ((name = g_dir_read_name(d)) != NULL)
        g_ptr_array_add(names, g_strdup(name));
    g_ptr_array_sort(names, compare_names);
    return g_steal_pointer(&names);
}

/* Walks each of @starts and prints it; the exit status. */
static int
topo_walk(const char *root, const char *ovsdb, guint timeout_ms, gint64 deadline, gboolean pci,
          gboolean json, GPtrArray *starts)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrTopo) topo = NULL;
    g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
    g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func((GDestroyNotify)g_error_free);
    g_autoptr(GArray) walks = g_array_new(FALSE, TRUE, sizeof(XcvrTopoWalkEntry));
    g_autoptr(XcvrOvs) ovs = NULL;
    int status = XCVR_EXIT_OK;
    guint i;

    topo = xcvr_topo_new_full(root, deadline, &error);
    if (topo == NULL) {
        xcvr_cli_error("xcvrmap topo: %s", error->message);
        return XCVR_EXIT_FAILURE;
    }
    if (ovsdb != NULL && ovsdb[0] != '\0') {
        ovs = xcvr_ovs_open(ovsdb, xcvr_cli_time_left_ms(deadline, timeout_ms), &error);
        if (ovs == NULL) {
            xcvr_cli_error("xcvrmap topo: Open vSwitch (%s): %s", ovsdb, error->message);
            return XCVR_EXIT_FAILURE;
        }
        xcvr_topo_set_ovs(topo, ovs);
    }
    for (i = 0; i < starts->len; i++) {
        const char *start = starts->pdata[i];
        g_autoptr(GPtrArray) uplinks = NULL;
        g_autoptr(GPtrArray) path = NULL;
        g_autoptr(GError) local = NULL;
        XcvrTopoWalkEntry w = { start, pci ? XCVR_TOPO_START_PCI : XCVR_TOPO_START_NETDEV };
        guint u;

        if (!xcvr_topo_walk(topo, w.start_kind, start, &uplinks, &path, &local)) {
            xcvr_cli_error("xcvrmap topo: %s: %s", start, local->message);
            status = XCVR_EXIT_FAILURE;
            if (json) {
                w.error = local;
                g_ptr_array_add(errors, g_steal_pointer(&local));
                g_array_append_val(walks, w);
            }
            continue;
        }
        if (json) {
            w.path = path;
            w.uplinks = uplinks;
            g_ptr_array_add(keep, g_steal_pointer(&path));
            g_ptr_array_add(keep, g_steal_pointer(&uplinks));
            g_array_append_val(walks, w);
            continue;
        }
        xcvr_cli_line("%s:", start);
        print_hops(path, "  ");
        if (uplinks->len == 0)
            xcvr_cli_printf("  no physical uplink\n");
        for (u = 0; u < uplinks->len; u++) {
            const XcvrUplink *up = g_ptr_array_index(uplinks, u);

            xcvr_cli_line("  uplink %s%s%s%s", up->netdev != NULL ? up->netdev : "(no netdev)",
                   up->pci != NULL ? " pci " : "", up->pci != NULL ? up->pci : "",
                   up->active == 1 ? " (active)" : up->active == 0 ? " (backup)" : "");
        }
    }
    if (json) {
        g_autofree char *out =
            xcvr_render_topo_json((const XcvrTopoWalkEntry *)(void *)walks->data, walks->len);

        xcvr_cli_printf("%s\n", out);
    }
    return status;
}

int
xcvr_cli_topo(int argc, char **argv)
{
    g_autofree char *root = NULL;
    g_autofree char *ovsdb = NULL;
    g_autofree char *format_s = NULL;
    gboolean pci = FALSE;
    gboolean json = FALSE;
    gboolean demo = FALSE;
    double timeout = XCVR_CLI_DEFAULT_TIMEOUT_S;
    guint timeout_ms = 0;
    gint64 deadline = 0;
    XcvrCliDemo host = { NULL, NULL, -1 };
    g_autoptr(GOptionContext) ctx = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) starts = g_ptr_array_new_with_free_func(g_free);
    const GOptionEntry entries[] = {
        { "root", 0, 0, G_OPTION_ARG_FILENAME, &root,
          "Read the host's sysfs and procfs under DIR/sys and DIR/proc (default /)", "DIR" },
        { "ovsdb", 0, 0, G_OPTION_ARG_FILENAME, &ovsdb,
          "Open vSwitch: ovsdb-server's unix socket or an `ovsdb-client dump --format=json` "
          "file",
          "SOCKET|FILE" },
        { "pci", 0, 0, G_OPTION_ARG_NONE, &pci,
          "The arguments are PCI functions (0000:41:02.1), e.g. a VF given to a guest", NULL },
        { "format", 0, 0, G_OPTION_ARG_STRING, &format_s,
          "Output format: text or json (hops shaped as in the map)", "text|json" },
        { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &timeout, XCVR_CLI_TIMEOUT_HELP, "SECONDS" },
        { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
          "Walk the bundled demo host (its sysfs and Open vSwitch); without arguments, every "
          "netdev of it; not with --root or --ovsdb",
          NULL },
        { NULL },
    };
    int status;
    int i;

    ctx = g_option_context_new("NETDEV… | --pci ADDRESS… | --demo [NETDEV…]");
    g_option_context_set_summary(ctx, "Walk from a netdev (or PCI function) to the physical "
                                      "uplinks it leaves the host through.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    status = xcvr_cli_parse(ctx, "topo", &argc, &argv);
    if (status >= 0)
        return status;
    if (demo && (root != NULL || ovsdb != NULL)) {
        fprintf(stderr, "xcvrmap topo: --demo brings its own host: not with --root or "
                        "--ovsdb\n");
        return XCVR_EXIT_USAGE;
    }
    if (argc < 2 && (pci || !demo)) {
        fprintf(stderr, "xcvrmap topo: give at least one netdev (or --pci ADDRESS)\n");
        return XCVR_EXIT_USAGE;
    }
    if (format_s != NULL && strcmp(format_s, "json") == 0) {
        json = TRUE;
    } else if (format_s != NULL && strcmp(format_s, "text") != 0) {
        xcvr_cli_error("xcvrmap topo: unknown format '%s' (text or json)", format_s);
        return XCVR_EXIT_USAGE;
    }
    if (!xcvr_cli_timeout_ms("topo", timeout, &timeout_ms))
        return XCVR_EXIT_USAGE;
    /* --timeout bounds the whole command: listing the host, Open vSwitch, every walk */
    deadline = xcvr_cli_deadline(timeout);
    for (i = 1; i < argc; i++)
        g_ptr_array_add(starts, g_strdup(argv[i]));
    if (!demo)
        return topo_walk(root, ovsdb, timeout_ms, deadline, pci, json, starts);

    if (!xcvr_cli_demo_enter(&host, &error)) {
        xcvr_cli_error("xcvrmap topo: demo host: %s", error->message);
        return XCVR_EXIT_FAILURE;
    }
    if (starts->len == 0) {
        g_ptr_array_unref(starts);
        starts = demo_netdevs(&error);
    }
    if (starts == NULL) {
        xcvr_cli_error("xcvrmap topo: demo host: %s", error->message);
        status = XCVR_EXIT_FAILURE;
    } else {
        status = topo_walk(XCVR_CLI_DEMO_ROOT, XCVR_CLI_DEMO_OVSDB, timeout_ms, deadline, pci,
                           json, starts);
    }
    xcvr_cli_demo_leave(&host);
    return status;
}
