/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz-proc-bonding.c: fuzz target for the /proc/net/bonding/BOND reader (the text after
 * the bounded file read): its member list and member table must agree, one entry per
 * member, and every state it reports must be one the walker knows.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "topo/xcvr-topo-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_auto(XcvrTopoProcBond) pb = {0};
    guint i;

    xcvr_topo_parse_proc_bond((const char *)data, size, &pb);
    if (pb.members == NULL || pb.info == NULL || pb.aggregator < -1)
        abort();
    if (pb.members->len != g_hash_table_size(pb.info))
        abort();
    if (pb.active != NULL && (pb.active[0] == '\0' || strcmp(pb.active, "None") == 0))
        abort();
    for (i = 0; i < pb.members->len; i++) {
        const XcvrTopoBondMember *m = g_hash_table_lookup(pb.info, pb.members->pdata[i]);

        if (m == NULL || m->mii_up < -1 || m->mii_up > 1 || m->aggregator < -1)
            abort();
    }
    return 0;
}
