/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-timeout.c: one meaning of `--timeout SECONDS` for every command that waits on a
 * device or a daemon: the deadline of the whole command, taken when it starts; each wait
 * inside gets what is left of it.
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

gint64
xcvr_cli_deadline(double seconds)
{
    if (seconds <= 0)
        return 0;
    return g_get_monotonic_time() + (gint64)(seconds * G_USEC_PER_SEC);
}

guint
xcvr_cli_time_left_ms(gint64 deadline, guint timeout_ms)
{
    gint64 left;

    if (deadline == 0)
        return timeout_ms;
    /* rounded up: a wait cut to the deadline must not end before it, or the next port
     * would be read in the fraction of a millisecond left */
    left = (deadline - g_get_monotonic_time() + 999) / 1000;
    if (left < 1)
        return 1;
    return (guint64)left < timeout_ms ? (guint)left : timeout_ms;
}
