/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ovs-probe.c: prints the Open vSwitch model xcvr_ovs_open() builds from a socket or a dump
 * file, one tab-separated record a line in a stable order, for tests/ovs/test-ovsdb.sh:
 *
 *   bridge  NAME  datapath=TYPE  ports=P,P…
 *   port    NAME  bridge=B  ifaces=I,I…  tag=N  trunks=N,N…  bond_mode=M  lacp=L
 *           bond_active=MAC  fake_bridge=yes|no
 *   iface   NAME  port=P  kind=KIND  type=TYPE  mac=MAC  link=STATE  peer=P  devargs=D
 *           vhost_server_path=S  remote_ip=IP  external_ids=K=V;K=V…  (keys sorted)
 *   vhostuser    SOCKET  NAME              (per --vhostuser SOCKET)
 *   external-id  KEY  VALUE  NAME          (per --external-id KEY=VALUE)
 *   error   CODE  MESSAGE                  (instead of all the above when opening fails)
 *
 * A value that is absent prints as "-" (an empty list too). Bridges, ports and interfaces
 * each come in name order. Usage: ovs-probe [--timeout MS] [--vhostuser SOCKET]…
 * [--external-id KEY=VALUE]… PATH. Exit status 1 when opening failed, 2 on bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-ovs.h>

#include "topo/xcvr-ovs-private.h"

static const char *
or_dash(const char *s)
{
    return s != NULL && s[0] != '\0' ? s : "-";
}

/* "a,b,c" from the names of XcvrOvsPort* / XcvrOvsIface* (each starts with its name). */
static char *
join_names(GPtrArray *items)
{
    g_autoptr(GString) s = g_string_new(NULL);
    guint i;

    for (i = 0; i < items->len; i++) {
        const char *const *name = g_ptr_array_index(items, i);

        if (i > 0)
            g_string_append_c(s, ',');
        g_string_append(s, *name);
    }
    return g_string_free(g_steal_pointer(&s), FALSE);
}

static int
compare_strings(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static char *
join_map(GHashTable *map)
{
    g_autoptr(GPtrArray) keys = g_ptr_array_new();
    g_autoptr(GString) s = g_string_new(NULL);
    GHashTableIter iter;
    gpointer key;
    guint i;

    g_hash_table_iter_init(&iter, map);
    while (g_hash_table_iter_next(&iter, &key, NULL))
        g_ptr_array_add(keys, key);
    g_ptr_array_sort(keys, compare_strings);
    for (i = 0; i < keys->len; i++) {
        const char *k = g_ptr_array_index(keys, i);

        if (i > 0)
            g_string_append_c(s, ';');
        g_string_append_printf(s, "%s=%s", k, (const char *)g_hash_table_lookup(map, k));
    }
    return g_string_free(g_steal_pointer(&s), FALSE);
}

static void
print_model(const XcvrOvs *ovs)
{
    guint i;
    guint j;

    for (i = 0; i < ovs->bridges->len; i++) {
        const XcvrOvsBridge *b = g_ptr_array_index(ovs->bridges, i);
        g_autofree char *ports = join_names(b->ports);

        printf("bridge\t%s\tdatapath=%s\tports=%s\n", b->name, or_dash(b->datapath_type),
               or_dash(ports));
    }
    for (i = 0; i < ovs->ports->len; i++) {
        const XcvrOvsPort *p = g_ptr_array_index(ovs->ports, i);
        g_autofree char *ifaces = join_names(p->ifaces);
        g_autoptr(GString) trunks = g_string_new(NULL);
        g_autofree char *tag = p->tag >= 0 ? g_strdup_printf("%d", p->tag) : NULL;

        for (j = 0; j < p->trunks->len; j++)
            g_string_append_printf(trunks, "%s%u", j > 0 ? "," : "",
                                   g_array_index(p->trunks, guint, j));
        printf("port\t%s\tbridge=%s\tifaces=%s\ttag=%s\ttrunks=%s\tbond_mode=%s\tlacp=%s"
               "\tbond_active=%s\tfake_bridge=%s\n",
               p->name, p->bridge != NULL ? p->bridge->name : "-", or_dash(ifaces),
               or_dash(tag), or_dash(trunks->str), or_dash(p->bond_mode), or_dash(p->lacp),
               or_dash(p->bond_active_mac), p->fake_bridge ? "yes" : "no");
    }
    for (i = 0; i < ovs->ifaces->len; i++) {
        const XcvrOvsIface *f = g_ptr_array_index(ovs->ifaces, i);
        g_autofree char *ext = join_map(f->external_ids);

        printf("iface\t%s\tport=%s\tkind=%s\ttype=%s\tmac=%s\tlink=%s\tpeer=%s\tdevargs=%s"
               "\tvhost_server_path=%s\tremote_ip=%s\texternal_ids=%s\n",
               f->name, f->port != NULL ? f->port->name : "-",
               xcvr_ovs_if_kind_to_string(f->kind), or_dash(f->type), or_dash(f->mac_in_use),
               or_dash(f->link_state), or_dash(f->peer), or_dash(f->dpdk_devargs),
               or_dash(f->vhost_server_path), or_dash(f->remote_ip), or_dash(ext));
    }
}

int
main(int argc, char **argv)
{
    g_autoptr(GPtrArray) vhostusers = g_ptr_array_new();
    g_autoptr(GPtrArray) external_ids = g_ptr_array_new();
    g_autoptr(XcvrOvs) ovs = NULL;
    g_autoptr(GError) error = NULL;
    const char *path = NULL;
    guint timeout_ms = 0;
    gboolean bad = FALSE;
    int i;
    guint j;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc)
            timeout_ms = (guint)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--vhostuser") == 0 && i + 1 < argc)
            g_ptr_array_add(vhostusers, argv[++i]);
        else if (strcmp(argv[i], "--external-id") == 0 && i + 1 < argc &&
                 strchr(argv[i + 1], '=') != NULL)
            g_ptr_array_add(external_ids, argv[++i]);
        else if (path == NULL && argv[i][0] != '-')
            path = argv[i];
        else
            bad = TRUE;
    }
    if (path == NULL || bad) {
        fprintf(stderr, "Usage: %s [--timeout MS] [--vhostuser SOCKET]… "
                        "[--external-id KEY=VALUE]… PATH\n", argv[0]);
        return 2;
    }

    ovs = xcvr_ovs_open(path, timeout_ms, &error);
    if (ovs == NULL) {
        printf("error\t%s\t%s\n", xcvr_error_to_string(error->code), error->message);
        return 1;
    }
    print_model(ovs);
    for (j = 0; j < vhostusers->len; j++) {
        const char *sock = g_ptr_array_index(vhostusers, j);

        printf("vhostuser\t%s\t%s\n", sock, or_dash(xcvr_ovs_find_vhostuser(ovs, sock)));
    }
    for (j = 0; j < external_ids->len; j++) {
        g_auto(GStrv) kv = g_strsplit(g_ptr_array_index(external_ids, j), "=", 2);

        printf("external-id\t%s\t%s\t%s\n", kv[0], kv[1],
               or_dash(xcvr_ovs_find_external_id(ovs, kv[0], kv[1])));
    }
    return 0;
}
