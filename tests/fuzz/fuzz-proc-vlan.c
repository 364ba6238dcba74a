/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz-proc-vlan.c: fuzz target for the /proc/net/vlan/config reader (the text after the
 * bounded file read): every VLAN it keeps must have a name and a real device that can be
 * path components, and an id the kernel allows.
 */
#include <stdint.h>
#include <stdlib.h>

#include "topo/xcvr-topo-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autoptr(GHashTable) vlans = xcvr_topo_parse_vlans((const char *)data, size);
    GHashTableIter it;
    gpointer key;
    gpointer value;

    g_hash_table_iter_init(&it, vlans);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        const XcvrTopoVlan *v = value;

        if (!xcvr_topo_name_ok(key) || !xcvr_topo_name_ok(v->real_dev) || v->vid > 4095)
            abort();
    }
    return 0;
}
