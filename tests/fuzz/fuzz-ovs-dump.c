/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz-ovs-dump.c: fuzz target that reads one blob as `ovsdb-client dump --format=json`
 * output and, when a model comes of it, checks the model's own promises and runs every
 * lookup on it.
 *
 * Errors from the library are expected and ignored; the target aborts only on a broken
 * contract: a failure without a GError (or one outside XCVR_ERROR), a success with one, or
 * a model whose orders, back pointers or lookups disagree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-ovs.h>

#include "topo/xcvr-ovs-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Items of the model arrays start with their name. */
static const char *
item_name(GPtrArray *items, guint i)
{
    return *(const char *const *)g_ptr_array_index(items, i);
}

static void
check_sorted(GPtrArray *items)
{
    guint i;

    for (i = 1; i < items->len; i++) {
        if (strcmp(item_name(items, i - 1), item_name(items, i)) > 0)
            abort();
    }
}

static void
check_model(const XcvrOvs *ovs)
{
    guint i;
    guint j;

    check_sorted(ovs->bridges);
    check_sorted(ovs->ports);
    check_sorted(ovs->ifaces);
    for (i = 0; i < ovs->bridges->len; i++) {
        const XcvrOvsBridge *b = g_ptr_array_index(ovs->bridges, i);

        if (xcvr_ovs_bridge(ovs, b->name) != b || b->datapath_type == NULL)
            abort();
        check_sorted(b->ports);
        for (j = 0; j < b->ports->len; j++) {
            if (((const XcvrOvsPort *)g_ptr_array_index(b->ports, j))->bridge != b)
                abort();
        }
    }
    for (i = 0; i < ovs->ports->len; i++) {
        const XcvrOvsPort *p = g_ptr_array_index(ovs->ports, i);

        check_sorted(p->ifaces);
        if (p->tag < -1 || p->tag > 4095)
            abort();
        for (j = 0; j < p->trunks->len; j++) {
            guint v = g_array_index(p->trunks, guint, j);

            if (v > 4095 || (j > 0 && v <= g_array_index(p->trunks, guint, j - 1)))
                abort();
        }
        for (j = 0; j < p->ifaces->len; j++) {
            if (((const XcvrOvsIface *)g_ptr_array_index(p->ifaces, j))->port != p)
                abort();
        }
    }
    for (i = 0; i < ovs->ifaces->len; i++) {
        const XcvrOvsIface *f = g_ptr_array_index(ovs->ifaces, i);
        GHashTableIter iter;
        gpointer k;
        gpointer v;

        if (xcvr_ovs_iface(ovs, f->name) != f || f->type == NULL || f->external_ids == NULL)
            abort();
        if (f->kind != xcvr_ovs_if_kind_from_type(f->type))
            abort();
        (void)xcvr_ovs_if_kind_to_string(f->kind);
        if (f->vhost_server_path != NULL &&
            xcvr_ovs_find_vhostuser(ovs, f->vhost_server_path) == NULL)
            abort();
        (void)xcvr_ovs_find_vhostuser(ovs, f->name);
        g_hash_table_iter_init(&iter, f->external_ids);
        while (g_hash_table_iter_next(&iter, &k, &v)) {
            if (xcvr_ovs_find_external_id(ovs, k, v) == NULL)
                abort();
        }
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrOvs) ovs = NULL;

    if (size > G_MAXSSIZE)
        return 0;
    ovs = xcvr_ovs_new_from_dump((const char *)data, (gssize)size, &error);
    if ((ovs == NULL) != (error != NULL))
        abort();
    if (error != NULL && error->domain != XCVR_ERROR)
        abort();
    if (ovs != NULL)
        check_model(ovs);
    return 0;
}
