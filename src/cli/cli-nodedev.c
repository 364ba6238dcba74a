/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-nodedev.c: `xcvrmap nodedev-dumpxml` and `xcvrmap nodedev-list`, the faces of
 * xcvr_nodedev_annotate(): libvirt's node devices as virsh shows them, with what xcvrmap
 * knows of the uplinks and VFs among them.
 */
#include <stdio.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

#include "cli/cli.h"

/* The host's sources, as `map` takes them. */
typedef struct {
    char *uri;
    char *root;
    char *ovsdb;
    char *eeprom_dir;
    gboolean no_modules;
    gboolean demo;
    double timeout;   /* --timeout SECONDS */
    guint timeout_ms; /* as the library takes it */
    gint64 deadline;  /* of the whole command: libvirt, the walk, the module reads */
    XcvrCliDemo host;
} Sources;

static void
sources_clear(Sources *s)
{
    xcvr_cli_demo_leave(&s->host);
    g_clear_pointer(&s->uri, g_free);
    g_clear_pointer(&s->root, g_free);
    g_clear_pointer(&s->ovsdb, g_free);
    g_clear_pointer(&s->eeprom_dir, g_free);
}

/* --demo: the demo host entered, its URI and files in place of the options; -1 to go on,
 * or the exit status. */
static int
sources_enter(Sources *s, const char *command)
{
    g_autoptr(GError) error = NULL;

    if (!xcvr_cli_timeout_ms(command, s->timeout, &s->timeout_ms))
        return XCVR_EXIT_USAGE;
    s->deadline = xcvr_cli_deadline(s->timeout);
    if (!s->demo)
        return -1;
    if (s->uri != NULL || s->root != NULL || s->ovsdb != NULL || s->eeprom_dir != NULL) {
        fprintf(stderr, "xcvrmap %s: --demo brings its own host: not with -c, --root, "
                        "--ovsdb or --eeprom-dir\n", command);
        return XCVR_EXIT_USAGE;
    }
    if (!xcvr_cli_demo_enter(&s->host, &error)) {
        fprintf(stderr, "xcvrmap %s: demo host: %s\n", command, error->message);
        return XCVR_EXIT_FAILURE;
    }
    s->uri = g_strdup(s->host.uri);
    s->root = g_strdup(XCVR_CLI_DEMO_ROOT);
    s->ovsdb = g_strdup(XCVR_CLI_DEMO_OVSDB);
    s->eeprom_dir = g_strdup(XCVR_CLI_DEMO_EEPROM_DIR);
    return -1;
}

/* The inventory of every domain's vNICs at @s->uri on the host under @s->root. */
static XcvrInventory *
host_inventory(const Sources *s, gboolean with_modules, GError **error)
{
    g_autoptr(GPtrArray) vnics =
        xcvr_cli_virt_list_vnics_until(s->uri, NULL, s->deadline, NULL, error);
    g_autoptr(XcvrInventoryOptions) opts = xcvr_inventory_options_new();

    if (vnics == NULL)
        return NULL;
    xcvr_inventory_options_set_root(opts, s->root);
    xcvr_inventory_options_set_ovsdb(opts, s->ovsdb);
    xcvr_inventory_options_set_eeprom_dir(opts, s->eeprom_dir);
    xcvr_inventory_options_set_timeout_ms(opts, s->timeout_ms);
    xcvr_inventory_options_set_deadline(opts, s->deadline);
    xcvr_inventory_options_set_no_modules(opts, s->no_modules || !with_modules);
    xcvr_inventory_options_set_all_uplinks(opts, TRUE);
    return xcvr_inventory_new(vnics, opts, error);
}

#define SOURCE_ENTRIES(s)                                                                     \
    { "connect", 'c', 0, G_OPTION_ARG_STRING, &(s).uri,                                       \
      "libvirt URI, as for virsh (default: libvirt's choice)", "URI" },                       \
    { "root", 0, 0, G_OPTION_ARG_FILENAME, &(s).root,                                         \
      "Read the host's sysfs and procfs under DIR/sys and DIR/proc (default /)", "DIR" },     \
    { "ovsdb", 0, 0, G_OPTION_ARG_FILENAME, &(s).ovsdb,                                       \
      "Open vSwitch: ovsdb-server's unix socket, or a file of `ovsdb-client dump "            \
      "--format=json` (\"\" for none)", "SOCKET|FILE" },                                      \
    { "demo", 0, 0, G_OPTION_ARG_NONE, &(s).demo,                                             \
      "The bundled demo host; not with -c, --root, --ovsdb or --eeprom-dir", NULL },          \
    { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &(s).timeout, XCVR_CLI_TIMEOUT_HELP, "SECONDS" }

int
xcvr_cli_nodedev_dumpxml(int argc, char **argv)
{
    Sources s = { .timeout = XCVR_CLI_DEFAULT_TIMEOUT_S, .host = { NULL, NULL, -1 } };
    g_autoptr(GOptionContext) ctx = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrNodedevDoc) doc = NULL;
    g_autoptr(XcvrInventory) inv = NULL;
    g_autoptr(XcvrHistory) history = NULL;
    g_autofree char *state_dir = NULL;
    g_autofree char *out = NULL;
    const GOptionEntry entries[] = {
        SOURCE_ENTRIES(s),
        { "eeprom-dir", 0, 0, G_OPTION_ARG_FILENAME, &s.eeprom_dir,
          "Read each uplink's module from DIR/IFNAME.bin instead of the kernel", "DIR" },
        { "no-modules", 0, 0, G_OPTION_ARG_NONE, &s.no_modules,
          "Do not read the uplinks' modules", NULL },
        { "state-dir", 0, 0, G_OPTION_ARG_FILENAME, &state_dir,
          "Add <xcvrmap:history> from the history `xcvrmap watch` keeps in DIR (read only)",
          "DIR" },
        { NULL },
    };
    int status;

    ctx = g_option_context_new("DEVICE");
    g_option_context_set_summary(ctx,
        "libvirt's XML of a node device (a net_… or pci_… name, or a netdev), with\n"
        "<xcvrmap:uplink> (namespace " XCVR_NODEDEV_XML_NAMESPACE ") appended for a physical\n"
        "uplink, <xcvrmap:vf> for an SR-IOV VF of one; other devices unchanged.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    status = xcvr_cli_parse(ctx, "nodedev-dumpxml", &argc, &argv);
    if (status >= 0) {
        sources_clear(&s);
        return status;
    }
    if (argc != 2) {
        fprintf(stderr, "xcvrmap nodedev-dumpxml: give one DEVICE\n");
        sources_clear(&s);
        return XCVR_EXIT_USAGE;
    }
    /* the history first: --demo changes the working directory */
    if (state_dir != NULL) {
        history = xcvr_history_read(state_dir, &error);
        if (history == NULL) {
            xcvr_cli_error("xcvrmap nodedev-dumpxml: history not shown: %s", error->message);
            g_clear_error(&error);
        }
    }
    status = sources_enter(&s, "nodedev-dumpxml");
    if (status >= 0) {
        sources_clear(&s);
        return status;
    }
    doc = xcvr_cli_virt_get_nodedev(s.uri, argv[1], s.deadline, &error);
    if (doc != NULL)
        inv = host_inventory(&s, TRUE, &error);
    if (inv != NULL)
        out = xcvr_nodedev_annotate_with_history(inv, history, s.root, doc->xml, NULL, &error);
    if (out == NULL) {
        fprintf(stderr, "xcvrmap nodedev-dumpxml: %s\n", error->message);
        sources_clear(&s);
        return XCVR_EXIT_FAILURE;
    }
    xcvr_cli_printf("%s", out);
    sources_clear(&s);
    return XCVR_EXIT_OK;
}

int
xcvr_cli_nodedev_list(int argc, char **argv)
{
    Sources s = { .timeout = XCVR_CLI_DEFAULT_TIMEOUT_S, .host = { NULL, NULL, -1 } };
    g_autofree char *cap = NULL;
    gboolean annotated = FALSE;
    g_autoptr(GOptionContext) ctx = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) docs = NULL;
    g_autoptr(XcvrInventory) inv = NULL;
    const GOptionEntry entries[] = {
        SOURCE_ENTRIES(s),
        { "cap", 0, 0, G_OPTION_ARG_STRING, &cap,
          "Only devices with this capability", "net|pci" },
        { "annotated", 0, 0, G_OPTION_ARG_NONE, &annotated,
          "Only the devices nodedev-dumpxml annotates (uplinks and their VFs)", NULL },
        { NULL },
    };
    int status;
    guint i;

    ctx = g_option_context_new(NULL);
    g_option_context_set_summary(ctx, "libvirt's node devices, one name per line, as virsh "
                                      "nodedev-list prints them.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    status = xcvr_cli_parse(ctx, "nodedev-list", &argc, &argv);
    if (status < 0 && argc > 1) {
        fprintf(stderr, "xcvrmap nodedev-list: unexpected argument '%s'\n", argv[1]);
        status = XCVR_EXIT_USAGE;
    }
    if (status < 0 && cap != NULL && strcmp(cap, "net") != 0 && strcmp(cap, "pci") != 0) {
        fprintf(stderr, "xcvrmap nodedev-list: unknown capability '%s' (net or pci)\n", cap);
        status = XCVR_EXIT_USAGE;
    }
    if (status < 0)
        status = sources_enter(&s, "nodedev-list");
    if (status >= 0) {
        sources_clear(&s);
        return status;
    }
    docs = xcvr_cli_virt_list_nodedevs(s.uri, cap, s.deadline, &error);
    /* which devices get our element does not depend on modules: none are read */
    if (docs != NULL && annotated)
        inv = host_inventory(&s, FALSE, &error);
    if (docs == NULL || (annotated && inv == NULL)) {
        fprintf(stderr, "xcvrmap nodedev-list: %s\n", error->message);
        sources_clear(&s);
        return XCVR_EXIT_FAILURE;
    }
    for (i = 0; i < docs->len; i++) {
        const XcvrNodedevDoc *doc = g_ptr_array_index(docs, i);
        gboolean yes = TRUE;

        if (annotated) {
            g_autoptr(GError) local = NULL;
            g_autofree char *out = xcvr_nodedev_annotate(inv, s.root, doc->xml, &yes, &local);

            if (out == NULL)
                yes = FALSE;
        }
        if (yes)
            xcvr_cli_printf("%s\n", doc->name);
    }
    sources_clear(&s);
    return XCVR_EXIT_OK;
}
