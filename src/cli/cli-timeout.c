/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-timeout.c: one meaning of `--timeout SECONDS` for every command that waits on a
 * device or a daemon.
 */
#include <stdio.h>

#include "cli/cli.h"

#define MAX_TIMEOUT_S 3600.0

gboolean
xcvr_cli_timeout_ms(const char *command, double seconds, guint *ret_ms)
{
    if (!(seconds >= 0 && seconds <= MAX_TIMEOUT_S)) {
        xcvr_cli_error("xcvrmap %s: --timeout must be between 0 (no deadline) and %.0f "
                        "seconds", command, MAX_TIMEOUT_S);
        return FALSE;
    }
    /*
     * 0 is "no deadline". The library's options read 0 differently (the eeprom reader: no
     * deadline; the inventory and Open vSwitch: their default), so "none" is passed as the
     * farthest deadline they hold (G_MAXUINT ms, 49 days), which means the same to all.
     */
    if (seconds == 0) {
        *ret_ms = G_MAXUINT;
        return TRUE;
    }
    /* a positive deadline below a millisecond must not become 0 */
    *ret_ms = MAX((guint)(seconds * 1000), 1);
    return TRUE;
}
