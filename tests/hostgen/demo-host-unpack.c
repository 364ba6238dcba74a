/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * demo-host-unpack.c: drives the CLI's demo-host materializer (src/cli/cli-demo-host.c)
 * for tests/hostgen/test-demo-manifest.py:
 *
 *   demo-host-unpack MANIFEST DIR   unpack a manifest file into the existing directory DIR
 *   demo-host-unpack --embedded     unpack the embedded demo host; print its directory
 *   demo-host-unpack --remove DIR   remove a directory --embedded made
 *
 * Exit status 0 on success, 1 with the error on stderr.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int
main(int argc, char **argv)
{
    g_autoptr(GError) error = NULL;

    if (argc == 2 && strcmp(argv[1], "--embedded") == 0) {
        g_autofree char *dir = xcvr_cli_demo_host_unpack(&error);

        if (dir == NULL) {
            fprintf(stderr, "demo-host-unpack: %s\n", error->message);
            return 1;
        }
        printf("%s\n", dir);
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "--remove") == 0) {
        xcvr_cli_demo_host_remove(argv[2]);
        return 0;
    }
    if (argc == 3) {
        g_autofree char *data = NULL;
        gsize len = 0;

        if (!g_file_get_contents(argv[1], &data, &len, &error) ||
            !xcvr_cli_demo_host_unpack_data(data, len, argv[2], &error)) {
            fprintf(stderr, "demo-host-unpack: %s\n", error->message);
            return 1;
        }
        return 0;
    }
    fprintf(stderr, "usage: demo-host-unpack MANIFEST DIR | --embedded | --remove DIR\n");
    return 2;
}
