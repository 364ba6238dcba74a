/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz-xapi-reply.c: fuzz target for libxcvrmap-xapi's XML-RPC reply reader: one blob as
 * what xapi answers, then every value that came of it walked and written back as a
 * methodCall.
 *
 * Refusals are expected; the target aborts only on a broken contract: a failure without an
 * XCVR_ERROR, a success with one, a value of a type the reader never makes, or a methodCall
 * written from it that the reader's own rules call malformed (not valid UTF-8).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xcvrmap/xcvr-error.h>

#include "xapi/xcvr-xapi-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
walk(GVariant *v, int depth)
{
    GVariantIter iter;
    GVariant *child;

    if (depth > 200)
        abort();
    if (g_variant_is_of_type(v, G_VARIANT_TYPE_STRING) ||
        g_variant_is_of_type(v, G_VARIANT_TYPE_INT64) ||
        g_variant_is_of_type(v, G_VARIANT_TYPE_BOOLEAN) ||
        g_variant_is_of_type(v, G_VARIANT_TYPE_DOUBLE))
        return;
    if (!g_variant_is_of_type(v, G_VARIANT_TYPE_VARDICT) &&
        !g_variant_is_of_type(v, G_VARIANT_TYPE("av")) &&
        !g_variant_is_of_type(v, G_VARIANT_TYPE_VARIANT) &&
        !g_variant_is_of_type(v, G_VARIANT_TYPE_DICT_ENTRY))
        abort();
    g_variant_iter_init(&iter, v);
    while ((child = g_variant_iter_next_value(&iter)) != NULL) {
        walk(child, depth + 1);
        g_variant_unref(child);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(GVariant) v = xcvr_xmlrpc_parse_response((const char *)data, size, &error);
    g_autofree char *call = NULL;
    g_autoptr(GVariant) params = NULL;

    if (v == NULL) {
        if (error == NULL || error->domain != XCVR_ERROR)
            abort();
        return 0;
    }
    if (error != NULL)
        abort();
    walk(v, 0);
    /* the writer borrows its parameters: the tuple is ours to sink and drop */
    params = g_variant_ref_sink(g_variant_new_tuple(&v, 1));
    call = xcvr_xmlrpc_method_call("x", params);
    if (!g_utf8_validate(call, -1, NULL))
        abort();
    return 0;
}
