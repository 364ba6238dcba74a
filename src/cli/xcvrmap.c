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
            "  module --file IMAGE [--format text|json] [--strict]\n"
            "                 decode a module EEPROM image (text as `ethtool -m` prints it)\n"
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

    fprintf(stderr, "xcvrmap: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return XCVR_EXIT_USAGE;
}
