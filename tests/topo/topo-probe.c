/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * topo-probe.c: prints what the topology walker finds for netdevs (or PCI functions), one
 * tab-separated record a line, for tests/topo/test-topo-netns.sh:
 *
 *   device  NAME
 *   path    KIND  NAME  DETAIL        (xcvr_topo_path(), one line per hop)
 *   uplinks N
 *   uplink  NETDEV|-  PCI|-  ACTIVE   (per uplink, then its hops:)
 *   hop     KIND  NAME  DETAIL
 *   error   CODE  MESSAGE             (instead of the above when the walk fails)
 *
 * Usage: topo-probe [--root DIR] [--pci] NAME...   Exit status 1 when any walk failed.
 */
#include <stdio.h>
#include <string.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-topo.h>

static void
print_hop(const char *tag, const XcvrHop *hop)
{
    printf("%s\t%s\t%s\t%s\n", tag, xcvr_hop_kind_to_string(hop->kind), hop->name,
           hop->detail != NULL ? hop->detail : "");
}

static void
print_error(const GError *error)
{
    const char *code = error->domain == XCVR_ERROR ? xcvr_error_to_string(error->code)
                                                   : "other";

    printf("error\t%s\t%s\n", code, error->message);
}

static gboolean
probe(XcvrTopo *topo, const char *name, gboolean pci)
{
    g_autoptr(GPtrArray) path = NULL;
    g_autoptr(GPtrArray) uplinks = NULL;
    g_autoptr(GError) error = NULL;
    guint i;
    guint j;

    printf("device\t%s\n", name);
    if (!pci) {
        path = xcvr_topo_path(topo, name, &error);
        if (path == NULL) {
            print_error(error);
            return FALSE;
        }
        for (i = 0; i < path->len; i++)
            print_hop("path", g_ptr_array_index(path, i));
        uplinks = xcvr_topo_uplinks(topo, name, &error);
    } else {
        uplinks = xcvr_topo_uplinks_for_pci(topo, name, &error);
    }
    if (uplinks == NULL) {
        print_error(error);
        return FALSE;
    }
    printf("uplinks\t%u\n", uplinks->len);
    for (i = 0; i < uplinks->len; i++) {
        const XcvrUplink *up = g_ptr_array_index(uplinks, i);

        printf("uplink\t%s\t%s\t%d\n", up->netdev != NULL ? up->netdev : "-",
               up->pci != NULL ? up->pci : "-", up->active);
        for (j = 0; j < up->path->len; j++)
            print_hop("hop", g_ptr_array_index(up->path, j));
    }
    return TRUE;
}

int
main(int argc, char **argv)
{
    g_autoptr(XcvrTopo) topo = NULL;
    g_autoptr(GError) error = NULL;
    const char *root = NULL;
    gboolean pci = FALSE;
    gboolean ok = TRUE;
    int i = 1;

    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--root") == 0 && i + 1 < argc) {
            root = argv[++i];
        } else if (strcmp(argv[i], "--pci") == 0) {
            pci = TRUE;
        } else {
            fprintf(stderr, "usage: %s [--root DIR] [--pci] NAME...\n", argv[0]);
            return 2;
        }
    }
    topo = xcvr_topo_new(root, &error);
    if (topo == NULL) {
        print_error(error);
        return 1;
    }
    for (; i < argc; i++)
        ok = probe(topo, argv[i], pci) && ok;
    return ok ? 0 : 1;
}
