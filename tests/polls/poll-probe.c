/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * poll-probe.c: drives one caching XcvrEepromReader as the watch does, one command a line
 * on stdin, so a test or benchmark can change the module bytes the shim serves between
 * polls. Commands: "poll IF…" (through the caching reader), "full IF…" (a fresh reader: a
 * full read, the reference), "invalidate IF" (a link event). Each read prints one JSON line:
 * ifname, mode, requests, bytes, ms, and the decoded module or the error. --vdm reads and
 * decodes the VDM pages too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

static void
print_read(XcvrEepromReader *reader, const char *mode, const char *ifname,
           const XcvrEepromOptions *opts)
{
    g_autoptr(XcvrEepromStats) stats = xcvr_eeprom_stats_new();
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrModule) m = NULL;
    g_autofree char *json = NULL;
    g_autofree char *msg = NULL;
    gint64 t0 = g_get_monotonic_time();
    gint64 took;

    m = xcvr_eeprom_reader_read(reader, ifname, opts, stats, &error);
    took = g_get_monotonic_time() - t0;
    if (m != NULL)
        json = xcvr_render_json(m, FALSE, &error);
    msg = error != NULL ? g_strescape(error->message, NULL) : NULL;
    printf("{\"ifname\": \"%s\", \"mode\": \"%s\", \"requests\": %u, \"bytes\": %u, "
           "\"ms\": %.1f, \"error\": %s%s%s, \"module\": %s}\n",
           ifname, mode, xcvr_eeprom_stats_get_requests(stats),
           xcvr_eeprom_stats_get_bytes(stats), took / 1000.0,
           msg != NULL ? "\"" : "", msg != NULL ? msg : "null", msg != NULL ? "\"" : "",
           json != NULL ? json : "null");
    fflush(stdout);
}

int
main(int argc, char **argv)
{
    g_autoptr(XcvrEepromReader) reader = xcvr_eeprom_reader_new();
    g_autoptr(XcvrEepromOptions) opts = xcvr_eeprom_options_new();
    char line[4096];
    int i;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--no-netlink") == 0)
            xcvr_eeprom_options_set_no_netlink(opts, TRUE);
        else if (strcmp(argv[i], "--vdm") == 0)
            xcvr_eeprom_options_set_flags(opts, XCVR_DECODE_VDM);
        else if (g_str_has_prefix(argv[i], "--timeout-ms="))
            xcvr_eeprom_options_set_timeout_ms(opts, (guint)atoi(argv[i] + 13));
        else {
            fprintf(stderr, "usage: poll-probe [--no-netlink] [--vdm] [--timeout-ms=N] < commands\n");
            return 2;
        }
    }
    xcvr_eeprom_reader_set_caching(reader, TRUE);
    while (fgets(line, sizeof(line), stdin) != NULL) {
        g_auto(GStrv) tok = g_strsplit_set(g_strstrip(line), " \t", -1);
        guint n = g_strv_length(tok);
        guint k;

        if (n == 0 || tok[0][0] == '\0')
            continue;
        for (k = 1; k < n; k++) {
            if (strcmp(tok[0], "poll") == 0) {
                print_read(reader, "poll", tok[k], opts);
            } else if (strcmp(tok[0], "full") == 0) {
                g_autoptr(XcvrEepromReader) fresh = xcvr_eeprom_reader_new();

                print_read(fresh, "full", tok[k], opts);
            } else if (strcmp(tok[0], "invalidate") == 0) {
                xcvr_eeprom_reader_invalidate(reader, tok[k]);
            }
        }
        if (strcmp(tok[0], "sync") == 0) {
            printf("{\"sync\": true}\n");
            fflush(stdout);
        }
    }
    return 0;
}
