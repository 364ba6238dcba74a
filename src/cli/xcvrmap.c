/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xcvrmap.c: entry point of the `xcvrmap` command: dispatches to a subcommand. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

#include "cli/cli.h"

typedef int (*CommandFunc)(int argc, char **argv);

static const struct {
    const char *name;
    CommandFunc run;
} commands[] = {
    { "map", xcvr_cli_map },
    { "metrics", xcvr_cli_metrics },
    { "module", xcvr_cli_module },
    { "nodedev-dumpxml", xcvr_cli_nodedev_dumpxml },
    { "nodedev-list", xcvr_cli_nodedev_list },
    { "placement", xcvr_cli_placement },
    { "pool", xcvr_cli_pool },
    { "publish", xcvr_cli_publish },
    { "topo", xcvr_cli_topo },
    { "watch", xcvr_cli_watch },
};

static const char usage_text[] =
    "Usage: xcvrmap COMMAND [OPTION…]\n"
    "       xcvrmap help [COMMAND]\n"
    "       xcvrmap -V|--version\n"
    "\n"
    "Which physical port, and which optic or cable in it, does each VM NIC use?\n"
    "\n"
    "Commands:\n"
    "  map [-c|--connect URI | --xapi[=SOCKET]] [-d|--domain NAME]… [--root DIR]\n"
    "      [--ovsdb SOCKET|FILE] [--eeprom-dir DIR] [--no-modules] [--no-netlink]\n"
    "      [--timeout SECONDS] [--format text|json|xml] [--state-dir DIR] [--vdm]\n"
    "  map --demo [-d|--domain NAME]… [--no-modules] [--format text|json|xml]\n"
    "                 every VM NIC: the path out, the uplinks, their modules and health\n"
    "  metrics [-c|--connect URI | --xapi[=SOCKET]] [-d|--domain NAME]… [--root DIR]\n"
    "      [--ovsdb SOCKET|FILE] [--eeprom-dir DIR] [--no-netlink] [--timeout SECONDS]\n"
    "      [--state-dir DIR] [--vdm]\n"
    "  metrics --demo [-d|--domain NAME]… [--state-dir DIR]\n"
    "                 every port's module, link and health as Prometheus metrics\n"
    "  module IFACE… [--eeprom-dir DIR] [--no-netlink] [--timeout SECONDS] [-v|--verbose]\n"
    "  module -a|--all [--root DIR] [--eeprom-dir DIR] [--no-netlink] [--timeout SECONDS]\n"
    "      [-v|--verbose]\n"
    "  module -f|--file IMAGE… [--segments MAP]\n"
    "  module --demo\n"
    "      each also [--format text|json|xml] [--strict] [--vdm]\n"
    "                 decode module EEPROMs (text as ethtool prints it)\n"
    "  nodedev-dumpxml [-c|--connect URI] [--root DIR] [--ovsdb SOCKET|FILE]\n"
    "      [--eeprom-dir DIR] [--no-modules] [--timeout SECONDS]\n"
    "      [--state-dir DIR] DEVICE\n"
    "  nodedev-dumpxml --demo [--no-modules] DEVICE\n"
    "                 libvirt's node-device XML with xcvrmap's element for an uplink or VF\n"
    "  nodedev-list [-c|--connect URI] [--root DIR] [--ovsdb SOCKET|FILE] [--cap net|pci]\n"
    "      [--annotated] [--timeout SECONDS]\n"
    "  nodedev-list --demo [--cap net|pci] [--annotated]\n"
    "                 libvirt's node devices; --annotated: the ones xcvrmap annotates\n"
    "  placement [-c|--connect URI] [--root DIR] [--ovsdb SOCKET|FILE] [--eeprom-dir DIR]\n"
    "      [--no-modules] [--format nova-provider-config] [-o|--output FILE]\n"
    "      [--provider-name TEMPLATE]\n"
    "  placement --demo [--no-modules] [--format nova-provider-config] [-o|--output FILE]\n"
    "      [--provider-name TEMPLATE]\n"
    "                 every physical NIC's placement hints as a Nova provider config\n"
    "  pool [--xapi[=SOCKET]] [--format text|json] [--timeout SECONDS]\n"
    "                 XCP-ng: every host's map, through xapi and the xcvrmap plugin\n"
    "  publish [-c|--connect URI] [--root DIR] [--ovsdb SOCKET|FILE] [--eeprom-dir DIR]\n"
    "      [-d|--domain NAME]… [--dry-run | --remove] [--timeout SECONDS]\n"
    "                 keep each domain's map in its libvirt <metadata>\n"
    "  topo [--root DIR] [--ovsdb SOCKET|FILE] [--timeout SECONDS] [--format text|json]\n"
    "      NETDEV…|--pci ADDRESS…\n"
    "  topo --demo [--timeout SECONDS] [--format text|json] [NETDEV…|--pci ADDRESS…]\n"
    "                 walk a netdev or PCI function to its physical uplinks\n"
    "  watch [-c|--connect URI | --xapi[=SOCKET] | --demo] [--root DIR]\n"
    "      [--ovsdb SOCKET|FILE] [--eeprom-dir DIR] [-d|--domain NAME]… [--no-modules]\n"
    "      [--no-netlink] [--interval SECONDS] [--timeout SECONDS] [--state-dir DIR]\n"
    "      [--textfile PATH] [--publish] [--once] [--vdm]\n"
    "                 keep the map true: rebuilt on libvirt and link events, kept in\n"
    "                 STATE_DIR/map.json (default /var/lib/xcvrmap)\n"
    "  help [COMMAND] this help, or a command's (as `xcvrmap COMMAND --help`)\n"
    "\n"
    "Options:\n"
    "  -h, --help     this help\n"
    "  -V, --version  the version\n"
    "\n"
    "--timeout SECONDS: the deadline of the whole command (walk, Open vSwitch, XAPI,\n"
    "every module read); default 5, 0 for no deadline.\n"
    "Exit status: 0 success, 1 failure, 2 bad usage.\n";

static int
usage_error(void)
{
    fputs(usage_text, stderr);
    return XCVR_EXIT_USAGE;
}

static int
usage(void)
{
    xcvr_cli_write(usage_text, strlen(usage_text));
    return XCVR_EXIT_OK;
}

static CommandFunc
find_command(const char *name)
{
    guint i;

    for (i = 0; i < G_N_ELEMENTS(commands); i++)
        if (strcmp(commands[i].name, name) == 0)
            return commands[i].run;
    return NULL;
}

static int
unknown_command(const char *name)
{
    xcvr_cli_error("xcvrmap: unknown command '%s'", name);
    fputc('\n', stderr);
    return usage_error();
}

/* Runs command @name; its --help and messages from GLib then say "xcvrmap NAME". */
static int
run_command(CommandFunc run, const char *name, int argc, char **argv)
{
    g_autofree char *prgname = g_strdup_printf("xcvrmap %s", name);

    g_set_prgname(prgname);
    return run(argc, argv);
}

/* `xcvrmap help [COMMAND]`: the main usage, or the command's own --help. */
static int
help(int argc, char **argv)
{
    char *args[3];
    CommandFunc run;

    if (argc < 3)
        return usage();
    if (argc > 3) {
        fprintf(stderr, "xcvrmap help: give one command\n");
        return XCVR_EXIT_USAGE;
    }
    run = find_command(argv[2]);
    if (run == NULL)
        return unknown_command(argv[2]);
    args[0] = argv[2];
    args[1] = (char *)"--help";
    args[2] = NULL;
    return run_command(run, argv[2], 2, args);
}

static int
dispatch(int argc, char **argv)
{
    CommandFunc run;

    if (argc < 2)
        return usage_error();
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return usage();
    if (strcmp(argv[1], "help") == 0)
        return help(argc, argv);
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        xcvr_cli_printf("xcvrmap %s\n", XCVR_CLI_VERSION);
        return XCVR_EXIT_OK;
    }
    run = find_command(argv[1]);
    if (run == NULL)
        return unknown_command(argv[1]);
    return run_command(run, argv[1], argc - 1, argv + 1);
}

int
main(int argc, char **argv)
{
    /* The user's character set (what GLib converts messages and file names to) and
     * their language for the C library's messages: nothing else of the locale reaches
     * the output (numbers must print as ethtool and JSON expect; times are ISO 8601), and
     * loading every category is a dozen files opened by every process. */
    setlocale(LC_CTYPE, "");
    setlocale(LC_MESSAGES, "");

    /* every command's output, help and version included, is checked once it is all out */
    return xcvr_cli_finish_stdout(dispatch(argc, argv));
}
