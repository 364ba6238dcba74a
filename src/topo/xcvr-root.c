/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-root.c: the one builder of host paths: ROOT (a prefix, "/" by default) with `sys/`,
 * `proc/`, `etc/` and `run/` under it, so a fixture tree or a copied host reads exactly as
 * the live one does.
 */
#include <stdarg.h>

#include "xcvr-topo-internal.h"

char *
xcvr_root_path(const char *root, const char *first, ...)
{
    g_autoptr(GPtrArray) parts = g_ptr_array_new();
    const char *part;
    va_list ap;

    g_ptr_array_add(parts, (gpointer)(root != NULL && root[0] != '\0' ? root : "/"));
    va_start(ap, first);
    for (part = first; part != NULL; part = va_arg(ap, const char *)) {
        /* an absolute default ("/run/openvswitch/db.sock") is relative to ROOT too */
        while (part[0] == '/')
            part++;
        if (part[0] != '\0')
            g_ptr_array_add(parts, (gpointer)part);
    }
    va_end(ap);
    g_ptr_array_add(parts, NULL);
    return g_build_filenamev((char **)parts->pdata);
}
