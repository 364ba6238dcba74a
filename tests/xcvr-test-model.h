/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-test-model.h: helpers of the decoder unit tests — decoding hand-built images and
 * reading single values of the model, per lane, where the public getters have no accessor
 * (lane-bit lists, one lane of a flag). Uses the private model; tests only.
 */
#pragma once

#include "xcvr-test-util.h"

#include <math.h>

#include <xcvrmap/xcvrmap.h>

#include "sff/xcvr-module-private.h"

static inline XcvrModule *
xcvr_test_decode(const guint8 *data, gsize len, XcvrDecodeFlags flags)
{
    g_autoptr(GError) error = NULL;
    XcvrModule *m = xcvr_module_decode(data, len, XCVR_FAMILY_UNKNOWN, flags, &error);

    if (m == NULL)
        fail_msg("decode failed: %s", error->message);
    return m;
}

/* The decode must fail with @code; returns nothing to check further. */
static inline void
xcvr_test_decode_fails(const guint8 *data, gsize len, XcvrDecodeFlags flags, XcvrError code)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrModule) m = xcvr_module_decode(data, len, XCVR_FAMILY_UNKNOWN, flags, &error);

    assert_null(m);
    assert_non_null(error);
    if (!g_error_matches(error, XCVR_ERROR, code))
        fail_msg("expected error %s, got %s: %s", xcvr_error_to_string(code),
                 error->domain == XCVR_ERROR ? xcvr_error_to_string((XcvrError)error->code)
                                             : "other domain",
                 error->message);
}

/* The value of @key for @lane (0: not per lane), decoded OK; NULL when there is none. */
static inline const XcvrValue *
xcvr_test_value(const XcvrModule *m, const char *key, guint lane)
{
    guint i;

    for (i = 0; i < m->n_values; i++) {
        const XcvrValue *v = &m->values[i];

        if (v->state == XCVR_VALUE_OK && v->lane == lane && strcmp(v->desc->key, key) == 0)
            return v;
    }
    return NULL;
}

/* How many values of @key the module has, any state (lanes count one each). */
static inline guint
xcvr_test_count(const XcvrModule *m, const char *key)
{
    guint i, n = 0;

    for (i = 0; i < m->n_values; i++)
        n += strcmp(m->values[i].desc->key, key) == 0;
    return n;
}

static inline double
xcvr_test_number(const XcvrModule *m, const char *key, const char *unit)
{
    double v = NAN;
    const char *u = NULL;

    if (!xcvr_module_get_number(m, key, &v, &u))
        fail_msg("no numeric field %s", key);
    if (g_strcmp0(u, unit) != 0) /* @unit NULL: a plain count */
        fail_msg("%s: unit %s, expected %s", key, u != NULL ? u : "(none)",
                 unit != NULL ? unit : "(none)");
    return v;
}

/* The raw flag of @key on @lane: 1 raised, 0 clear; fails when the value is absent. */
static inline guint64
xcvr_test_raw(const XcvrModule *m, const char *key, guint lane)
{
    const XcvrValue *v = xcvr_test_value(m, key, lane);

    if (v == NULL)
        fail_msg("no value %s (lane %u)", key, lane);
    return v->raw;
}

static inline gboolean
xcvr_test_has_string(GPtrArray *list, const char *s)
{
    guint i;

    for (i = 0; i < list->len; i++) {
        if (g_strcmp0(list->pdata[i], s) == 0)
            return TRUE;
    }
    return FALSE;
}

static inline gboolean
xcvr_test_has_warning(const XcvrModule *m, const char *part)
{
    guint i;

    for (i = 0; i < m->warnings->len; i++) {
        if (strstr(g_ptr_array_index(m->warnings, i), part) != NULL)
            return TRUE;
    }
    return FALSE;
}

static inline void
xcvr_test_put_u16(guint8 *p, guint v)
{
    p[0] = (guint8)(v >> 8);
    p[1] = (guint8)v;
}

/* The 8-bit sum of bytes @first..@last, as SFF checksums are. */
static inline guint8
xcvr_test_sum(const guint8 *p, guint first, guint last)
{
    guint s = 0, i;

    for (i = first; i <= last; i++)
        s += p[i];
    return (guint8)s;
}
