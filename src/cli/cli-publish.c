/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-publish.c: `xcvrmap publish`, the face of xcvr_metadata_build() and
 * xcvr_virt_set_domain_metadata(): every domain's map kept in its libvirt <metadata>.
 */
#include <stdio.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

#include "cli/cli.h"

static void
say(const XcvrPublishResult *r, gboolean remove)
{
    if (r->outcome == XCVR_PUBLISH_FAILED) {
        fprintf(stderr, "xcvrmap publish: %s: %s\n", r->domain, r->message);
        xcvr_cli_printf("%s: failed\n", r->domain);
    } else if (r->outcome == XCVR_PUBLISH_UNCHANGED) {
        xcvr_cli_printf("%s: unchanged\n", r->domain);
    } else {
        xcvr_cli_printf("%s: %s (%s%s%s)\n", r->domain, remove ? "removed" : "written",
                        r->live ? "live" : "", r->live && r->config ? ", " : "",
                        r->config ? "config" : "");
    }
}

int
xcvr_cli_publish(int argc, char **argv)
{
    g_autofree char *uri = NULL;
    g_autofree char *root = NULL;
    g_autofree char *ovsdb = NULL;
    g_autofree char *eeprom_dir = NULL;
    g_auto(GStrv) domains = NULL;
    gboolean dry_run = FALSE;
    gboolean remove = FALSE;
    double timeout = XCVR_CLI_DEFAULT_TIMEOUT_S;
    g_autoptr(GOptionContext) ctx = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) vnics = NULL;
    g_autoptr(XcvrInventoryOptions) opts = xcvr_inventory_options_new();
    g_autoptr(XcvrInventory) inv = NULL;
    g_autoptr(GPtrArray) names = NULL;
    XcvrCliVirtPublishApi api = { 0 };
    XcvrVirtConn *conn = NULL;
    const char *host = g_get_host_name();
    const GOptionEntry entries[] = {
        { "connect", 'c', 0, G_OPTION_ARG_STRING, &uri,
          "libvirt URI, as for virsh (default: libvirt's choice); needs read-write access",
          "URI" },
        { "root", 0, 0, G_OPTION_ARG_FILENAME, &root,
          "Read the host's sysfs and procfs under DIR/sys and DIR/proc (default /)", "DIR" },
        { "ovsdb", 0, 0, G_OPTION_ARG_FILENAME, &ovsdb,
          "Open vSwitch: ovsdb-server's unix socket, or a file of `ovsdb-client dump "
          "--format=json` (\"\" for none)", "SOCKET|FILE" },
        { "eeprom-dir", 0, 0, G_OPTION_ARG_FILENAME, &eeprom_dir,
          "Read each uplink's module from DIR/IFNAME.bin instead of the kernel", "DIR" },
        { "domain", 'd', 0, G_OPTION_ARG_STRING_ARRAY, &domains,
          "Only this domain; repeat for several", "NAME" },
        { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
          "Print what would be written, write nothing", NULL },
        { "remove", 0, 0, G_OPTION_ARG_NONE, &remove,
          "Remove xcvrmap's element from the domains' metadata", NULL },
        { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &timeout, XCVR_CLI_TIMEOUT_HELP, "SECONDS" },
        { NULL },
    };
    int status;
    guint timeout_ms = 0;
    gint64 deadline = 0;
    guint i;

    ctx = g_option_context_new(NULL);
    g_option_context_set_summary(ctx,
        "Keep each domain's map in its libvirt <metadata> (namespace "
        XCVR_DOMAIN_METADATA_NAMESPACE "),\nlive for a running domain, persistent for a "
        "defined one; a domain already current is not\nrewritten. `virsh metadata DOMAIN "
        XCVR_DOMAIN_METADATA_NAMESPACE "` shows it.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    status = xcvr_cli_parse(ctx, "publish", &argc, &argv);
    if (status >= 0)
        return status;
    if (argc > 1) {
        fprintf(stderr, "xcvrmap publish: unexpected argument '%s'\n", argv[1]);
        return XCVR_EXIT_USAGE;
    }
    status = xcvr_cli_exclusive("publish", "--dry-run or --remove", dry_run + remove);
    if (status >= 0)
        return status;

    if (!xcvr_cli_timeout_ms("publish", timeout, &timeout_ms))
        return XCVR_EXIT_USAGE;
    /* the listing, the walk and every write */
    deadline = xcvr_cli_deadline(timeout);

    vnics = xcvr_cli_virt_list_vnics_until(uri, (const char *const *)domains, deadline, NULL,
                                           &error);
    if (vnics == NULL) {
        fprintf(stderr, "xcvrmap publish: %s\n", error->message);
        return XCVR_EXIT_FAILURE;
    }
    xcvr_inventory_options_set_root(opts, root);
    xcvr_inventory_options_set_ovsdb(opts, ovsdb);
    xcvr_inventory_options_set_eeprom_dir(opts, eeprom_dir);
    xcvr_inventory_options_set_timeout_ms(opts, timeout_ms);
    xcvr_inventory_options_set_deadline(opts, deadline);
    inv = xcvr_inventory_new(vnics, opts, &error);
    if (inv == NULL) {
        fprintf(stderr, "xcvrmap publish: %s\n", error->message);
        return XCVR_EXIT_FAILURE;
    }
    names = xcvr_metadata_domains(inv);
    if (dry_run) {
        for (i = 0; i < names->len; i++) {
            g_autofree char *doc = xcvr_metadata_build(inv, names->pdata[i], host);

            xcvr_cli_printf("<!-- %s -->\n%s", (const char *)names->pdata[i], doc);
        }
        return XCVR_EXIT_OK;
    }
    if (!xcvr_cli_virt_publish_load(&api, &error) ||
        (conn = api.conn_open(uri, deadline, &error)) == NULL) {
        fprintf(stderr, "xcvrmap publish: %s\n", error->message);
        return XCVR_EXIT_FAILURE;
    }
    status = XCVR_EXIT_OK;
    for (i = 0; i < names->len; i++) {
        g_autofree char *doc = remove ? NULL : xcvr_metadata_build(inv, names->pdata[i], host);
        XcvrPublishResult *r = api.set_domain_metadata(conn, names->pdata[i], doc);

        /* one domain that refuses is said; the others are still written */
        if (r->outcome == XCVR_PUBLISH_FAILED)
            status = XCVR_EXIT_FAILURE;
        say(r, remove);
        api.result_free(r);
    }
    api.conn_free(conn);
    return status;
}
