/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * topo-memo-check.c: the walks of one whole-host pass give the same answers whether they
 * share what lies below each bridge (xcvr-topo-memo.c) or walk every port again, and the
 * same as walks that share nothing, on a whole generated host: every netdev, every PCI
 * function, every Open vSwitch interface and a few vhost-vdpa devices, in listing order and
 * in reverse (the hubs are then built by other walks). For tests/topo/test-topo-memo.py.
 *
 *   topo-memo-check ROOT [OVSDB_DUMP]
 *
 * Prints the walks and steps of each pass; exit status 1 at the first walk that differs
 * (printed with both answers).
 */
#include <stdio.h>
#include <string.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-topo.h>

#include "topo/xcvr-ovs-private.h"
#include "topo/xcvr-topo-private.h"

typedef struct {
    XcvrTopoStart start;
    char *name;
} Start;

static void
start_free(gpointer p)
{
    Start *s = p;

    g_free(s->name);
    g_free(s);
}

static int
compare_strings(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Entries of ROOT/@rel, sorted. */
static GPtrArray *
list_sorted(const char *root, const char *rel)
{
    g_autofree char *dir = g_build_filename(root, rel, NULL);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *name;

    while (d != NULL && (name = g_dir_read_name(d)) != NULL)
        g_ptr_array_add(names, g_strdup(name));
    g_ptr_array_sort(names, compare_strings);
    return names;
}

static void
add_starts(GPtrArray *starts, XcvrTopoStart kind, GPtrArray *names)
{
    guint i;

    for (i = 0; i < names->len; i++) {
        Start *s = g_new0(Start, 1);

        s->start = kind;
        s->name = g_strdup(g_ptr_array_index(names, i));
        g_ptr_array_add(starts, s);
    }
}

static void
append_hops(GString *out, GPtrArray *hops)
{
    guint i;

    for (i = 0; i < hops->len; i++) {
        const XcvrHop *h = g_ptr_array_index(hops, i);

        g_string_append_printf(out, " %s:%s(%s)", xcvr_hop_kind_to_string(h->kind), h->name,
                               h->detail != NULL ? h->detail : "");
    }
}

/* One walk, as one line. */
static char *
walk_line(XcvrTopo *topo, const Start *s)
{
    g_autoptr(GString) out = g_string_new(NULL);
    g_autoptr(GPtrArray) uplinks = NULL;
    g_autoptr(GPtrArray) path = NULL;
    g_autoptr(GPtrArray) notes = NULL;
    g_autoptr(GError) error = NULL;
    guint i;

    g_string_append_printf(out, "%s %s:", xcvr_topo_start_to_string(s->start), s->name);
    if (!xcvr_topo_walk_with_notes(topo, s->start, s->name, &uplinks, &path, &notes, &error)) {
        g_string_append_printf(out, " error %s: %s", xcvr_error_to_string(error->code),
                               error->message);
        return g_string_free(g_steal_pointer(&out), FALSE);
    }
    for (i = 0; i < uplinks->len; i++) {
        const XcvrUplink *up = g_ptr_array_index(uplinks, i);

        g_string_append_printf(out, " [%s %s %d %s", up->netdev != NULL ? up->netdev : "-",
                               up->pci != NULL ? up->pci : "-", up->active,
                               xcvr_bond_rule_to_string(up->active_rule));
        append_hops(out, up->path);
        g_string_append(out, "]");
    }
    g_string_append(out, " path");
    append_hops(out, path);
    for (i = 0; i < notes->len; i++)
        g_string_append_printf(out, " note %s", (const char *)g_ptr_array_index(notes, i));
    return g_string_free(g_steal_pointer(&out), FALSE);
}

typedef enum {
    PASS_EACH_ALONE, /* no whole-host cache: each walk reads for itself */
    PASS_NO_MEMO,    /* a whole-host pass walking every port of every bridge */
    PASS_MEMO,       /* a whole-host pass sharing hubs and PFs */
} PassKind;

/* The walks of @starts in @order (1 or -1), each line indexed by its start. */
static GPtrArray *
run_pass(const char *root, const XcvrOvs *ovs, GPtrArray *starts, PassKind kind, int order,
         guint64 *ret_steps)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrTopo) topo = xcvr_topo_new(root, &error);
    GPtrArray *lines = g_ptr_array_new_full(starts->len, g_free);
    guint i;

    if (topo == NULL) {
        fprintf(stderr, "topo-memo-check: %s\n", error->message);
        exit(2);
    }
    xcvr_topo_set_ovs(topo, ovs);
    if (kind != PASS_EACH_ALONE) {
        xcvr_topo_cache_devices(topo);
        xcvr_topo_set_memo(topo, kind == PASS_MEMO);
    }
    g_ptr_array_set_size(lines, starts->len);
    for (i = 0; i < starts->len; i++) {
        guint at = order > 0 ? i : starts->len - 1 - i;

        g_ptr_array_index(lines, at) = walk_line(topo, g_ptr_array_index(starts, at));
    }
    *ret_steps = xcvr_topo_walk_steps(topo);
    return lines;
}

static gboolean
same(const char *what, GPtrArray *want, GPtrArray *got)
{
    guint i;

    for (i = 0; i < want->len; i++) {
        const char *a = g_ptr_array_index(want, i);
        const char *b = g_ptr_array_index(got, i);

        if (strcmp(a, b) != 0) {
            printf("DIFFER (%s):\n  want %s\n  got  %s\n", what, a, b);
            return FALSE;
        }
    }
    return TRUE;
}

int
main(int argc, char **argv)
{
    g_autoptr(GPtrArray) starts = g_ptr_array_new_with_free_func(start_free);
    g_autoptr(GPtrArray) netdevs = NULL;
    g_autoptr(GPtrArray) pcis = NULL;
    g_autoptr(GPtrArray) ports = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) vdpas = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) alone = NULL;
    g_autoptr(XcvrOvs) ovs = NULL;
    g_autoptr(GError) error = NULL;
    const char *root;
    gboolean ok = TRUE;
    guint64 steps = 0;
    guint i;
    int order;

    if (argc < 2 || argc > 3) {
        fprintf(stderr, "Usage: topo-memo-check ROOT [OVSDB_DUMP]\n");
        return 2;
    }
    root = argv[1];
    if (argc == 3) {
        ovs = xcvr_ovs_open(argv[2], 5000, &error);
        if (ovs == NULL) {
            fprintf(stderr, "topo-memo-check: %s\n", error->message);
            return 2;
        }
        for (i = 0; i < ovs->ifaces->len; i++) {
            const XcvrOvsIface *iface = g_ptr_array_index(ovs->ifaces, i);

            g_ptr_array_add(ports, g_strdup(iface->name));
        }
        g_ptr_array_sort(ports, compare_strings);
    }
    for (i = 0; i < 4; i++)
        g_ptr_array_add(vdpas, g_strdup_printf("/dev/vhost-vdpa-%u", i));
    netdevs = list_sorted(root, "sys/class/net");
    pcis = list_sorted(root, "sys/bus/pci/devices");
    add_starts(starts, XCVR_TOPO_START_NETDEV, netdevs);
    add_starts(starts, XCVR_TOPO_START_PCI, pcis);
    add_starts(starts, XCVR_TOPO_START_OVS_PORT, ports);
    add_starts(starts, XCVR_TOPO_START_VDPA, vdpas);

    alone = run_pass(root, ovs, starts, PASS_EACH_ALONE, 1, &steps);
    printf("%u walks (%u netdevs, %u PCI functions, %u OVS interfaces); ", starts->len,
           netdevs->len, pcis->len, ports->len);
    printf("each alone: %" G_GUINT64_FORMAT " steps\n", steps);
    for (order = 1; order >= -1 && ok; order -= 2) {
        g_autoptr(GPtrArray) every = NULL;
        g_autoptr(GPtrArray) shared = NULL;
        guint64 every_steps = 0;
        guint64 shared_steps = 0;

        every = run_pass(root, ovs, starts, PASS_NO_MEMO, order, &every_steps);
        shared = run_pass(root, ovs, starts, PASS_MEMO, order, &shared_steps);
        printf("%s: every port %" G_GUINT64_FORMAT " steps, shared %" G_GUINT64_FORMAT " steps\n",
               order > 0 ? "listing order" : "reverse order", every_steps, shared_steps);
        ok = same("a pass walking every port vs each walk alone", alone, every) &&
             same("a pass sharing hubs vs walking every port", every, shared);
        if (ok && shared_steps > every_steps) {
            printf("the shared pass took more steps\n");
            ok = FALSE;
        }
    }
    if (ok) {
        for (i = 0; i < alone->len; i++)
            printf("%s\n", (const char *)g_ptr_array_index(alone, i));
    }
    return ok ? 0 : 1;
}
