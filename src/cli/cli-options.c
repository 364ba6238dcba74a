/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-options.c: option parsing shared by the subcommands, so that `--help` prints through
 * the same checked stdout as any output (GOption's own --help prints and exits on the spot)
 * and a usage error reads the same in every command.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int
xcvr_cli_parse(GOptionContext *ctx, const char *command, int *argc, char ***argv)
{
    g_autoptr(GError) error = NULL;
    gboolean help = FALSE;
    const GOptionEntry entries[] = {
        { "help", 'h', 0, G_OPTION_ARG_NONE, &help, "Show this help", NULL },
        { NULL },
    };

    g_option_context_set_help_enabled(ctx, FALSE);
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!g_option_context_parse(ctx, argc, argv, &error)) {
        xcvr_cli_error("xcvrmap %s: %s (see `xcvrmap help %s`)", command, error->message,
                command);
        return XCVR_EXIT_USAGE;
    }
    if (help) {
        g_autofree char *text = g_option_context_get_help(ctx, TRUE, NULL);

        xcvr_cli_write(text, strlen(text));
        return XCVR_EXIT_OK;
    }
    return -1;
}

int
xcvr_cli_exclusive(const char *command, const char *what, guint given)
{
    if (given <= 1)
        return -1;
    xcvr_cli_error("xcvrmap %s: give only one of %s", command, what);
    return XCVR_EXIT_USAGE;
}
