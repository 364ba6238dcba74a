/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cli.h: subcommands of the `xcvrmap` command. */
#pragma once

#include <glib.h>

/* Each returns the process exit status. */
int xcvr_cli_module(int argc, char **argv);

/* Exit statuses: 0 success, 1 a failure the user can act on, 2 bad usage. */
#define XCVR_EXIT_OK 0
#define XCVR_EXIT_FAILURE 1
#define XCVR_EXIT_USAGE 2
