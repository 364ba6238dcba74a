/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xcvrmap.c: entry point of the `xcvrmap` command: dispatches to a subcommand. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static void
usage(FILE *f)
{
    fprintf(f,
            "Usage: xcvrmap COMMAND [OPTION…]\n"
            "\n"
            "Which physical port, and which optic or cable in it, does each VM NIC use?\n"
            "\n"
            "Commands:\n"
            "  map [-c URI | --xapi[=SOCKET]] [--root DIR] [--ovsdb SOCKET|FILE]\n"
            "      [--eeprom-dir DIR] [--domain NAME] [--format text|json] [--demo]\n"
            "                 every VM NIC: the path out, the uplinks, their modules and health\n"
            "  module [IFACE…|--all|--file IMAGE…|--demo] [--format text|json|xml]\n"
            "                 decode module EEPROMs (text as `ethtool -m` prints it)\n"
            "  pool [--xapi[=SOCKET]] [--format text|json] [--timeout SECONDS]\n"
            "                 XCP-ng: every host's map, through xapi and the xcvrmap plugin\n"
            "  topo [--root DIR] [--ovsdb SOCKET|FILE] NETDEV…|--pci ADDRESS…\n"
            "                 walk a netdev or PCI function to its physical uplinks\n"
            "\n"
            "Run `xcvrmap COMMAND --help` for a command's options.\n");
}

int
main(int argc, char **argv)
{
    /* Numbers must print as ethtool and JSON expect, whatever the user's locale. */
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C");

    if (argc < 2) {
        usage(stderr);
        return XCVR_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return XCVR_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("xcvrmap 0.1.0\n");
        return XCVR_EXIT_OK;
    }
    if (strcmp(argv[1], "module") == 0)
        return xcvr_cli_module(argc - 1, argv + 1);
    if (strcmp(argv[1], "map") == 0)
        return xcvr_cli_map(argc - 1, argv + 1);
    if (strcmp(argv[1], "topo") == 0)
        return xcvr_cli_topo(argc - 1, argv + 1);
    if (strcmp(argv[1], "pool") == 0)
        return xcvr_cli_pool(argc - 1, argv + 1);

    fprintf(stderr, "xcvrmap: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return XCVR_EXIT_USAGE;
}
