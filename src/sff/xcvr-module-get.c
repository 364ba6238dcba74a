/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-module-get.c: the public getters that read a decoded module's values, checksums and
 * flags by their stable keys.
 */
#include "sff/xcvr-module-private.h"

#include <string.h>

XcvrFamily
xcvr_module_get_family(const XcvrModule *module)
{
    g_return_val_if_fail(module != NULL, XCVR_FAMILY_UNKNOWN);
    return module->family;
}

const XcvrChecksum *
xcvr_module_get_checksums(const XcvrModule *module, guint *ret_n)
{
    g_return_val_if_fail(module != NULL, NULL);
    g_return_val_if_fail(ret_n != NULL, NULL);
    *ret_n = module->n_checksums;
    return module->checksums;
}

gboolean
xcvr_module_checksums_ok(const XcvrModule *module)
{
    guint i;

    g_return_val_if_fail(module != NULL, FALSE);
    for (i = 0; i < module->n_checksums; i++) {
        if (module->checksums[i].status == XCVR_CHECKSUM_BAD)
            return FALSE;
    }
    return TRUE;
}

static const XcvrValue *
xcvr_module_find(const XcvrModule *module, const char *key)
{
    guint i;

    for (i = 0; i < module->n_values; i++) {
        const XcvrValue *v = &module->values[i];

        if (v->state == XCVR_VALUE_OK && !v->text_only && g_strcmp0(v->desc->key, key) == 0)
            return v;
    }
    return NULL;
}

const char *
xcvr_module_get_string(const XcvrModule *module, const char *key)
{
    const XcvrValue *v;

    g_return_val_if_fail(module != NULL, NULL);
    g_return_val_if_fail(key != NULL, NULL);
    v = xcvr_module_find(module, key);
    if (v == NULL || (v->desc->kind != XCVR_KIND_ASCII && v->desc->kind != XCVR_KIND_OUI &&
                      v->desc->kind != XCVR_KIND_ENUM))
        return NULL;
    return v->text;
}

GArray *
xcvr_module_get_lane_numbers(const XcvrModule *module, const char *key, const char **ret_unit)
{
    GArray *ret;
    guint i;

    g_return_val_if_fail(module != NULL, NULL);
    g_return_val_if_fail(key != NULL, NULL);

    ret = g_array_new(FALSE, FALSE, sizeof(double));
    for (i = 0; i < module->n_values; i++) {
        const XcvrValue *v = &module->values[i];

        if (strcmp(v->desc->key, key) != 0 || v->state != XCVR_VALUE_OK || v->text_only ||
            (v->desc->kind != XCVR_KIND_UINT && v->desc->kind != XCVR_KIND_MEASURE))
            continue;
        g_array_append_val(ret, v->number);
        if (ret_unit != NULL)
            *ret_unit = v->desc->kind == XCVR_KIND_MEASURE ? xcvr_quantity_unit(v->desc->quantity)
                                                           : v->desc->unit;
    }
    return ret;
}

GPtrArray *
xcvr_module_get_items(const XcvrModule *module, const char *key)
{
    const XcvrValue *v;
    GPtrArray *ret;
    guint i;

    g_return_val_if_fail(module != NULL, NULL);
    g_return_val_if_fail(key != NULL, NULL);

    ret = g_ptr_array_new_with_free_func(g_free);
    v = xcvr_module_find(module, key);
    if (v == NULL || v->state != XCVR_VALUE_OK || v->desc->kind != XCVR_KIND_BITS)
        return ret;
    for (i = 0; i < v->n_items; i++) {
        GString *name = g_string_new(NULL);

        xcvr_item_append(name, xcvr_module_item(module, v, i), FALSE);
        g_ptr_array_add(ret, g_string_free(name, FALSE));
    }
    return ret;
}

GPtrArray *
xcvr_module_get_raised_flags(const XcvrModule *module, const char *suffix)
{
    GPtrArray *ret;
    guint i;

    g_return_val_if_fail(module != NULL, NULL);
    g_return_val_if_fail(suffix != NULL, NULL);

    ret = g_ptr_array_new_with_free_func(g_free);
    for (i = 0; i < module->n_values; i++) {
        const XcvrValue *v = &module->values[i];

        if (v->desc->kind != XCVR_KIND_FLAG || v->state != XCVR_VALUE_OK || v->raw == 0 ||
            v->text_only || !g_str_has_suffix(v->desc->key, suffix))
            continue;
        if (v->lane > 0)
            g_ptr_array_add(ret, g_strdup_printf("%s lane %u", v->desc->key, v->lane));
        else
            g_ptr_array_add(ret, g_strdup(v->desc->key));
    }
    return ret;
}

gboolean
xcvr_module_get_number(const XcvrModule *module,
                       const char *key,
                       double *ret_value,
                       const char **ret_unit)
{
    const XcvrValue *v;

    g_return_val_if_fail(module != NULL, FALSE);
    g_return_val_if_fail(key != NULL, FALSE);
    g_return_val_if_fail(ret_value != NULL, FALSE);
    v = xcvr_module_find(module, key);
    if (v == NULL || (v->desc->kind != XCVR_KIND_UINT && v->desc->kind != XCVR_KIND_MEASURE))
        return FALSE;
    *ret_value = v->number;
    if (ret_unit != NULL)
        *ret_unit = v->desc->kind == XCVR_KIND_MEASURE ? xcvr_quantity_unit(v->desc->quantity)
                                                       : v->desc->unit;
    return TRUE;
}
