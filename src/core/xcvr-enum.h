/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-enum.h: the one enum <-> string mechanism. Not installed.
 *
 * XCVR_ENUM_IMPL() turns one designated-initializer name table into
 * xcvr_<name>_to_string() and xcvr_<name>_from_string(), and refuses to compile when the
 * table's size differs from the enum's sentinel (as libvirt's VIR_ENUM_IMPL does). The
 * names are output contract values (JSON keys' values, XML attributes): change none.
 * Everything here is header-only so a library built from these sources (the core, the
 * libvirt source) carries its own copy and exports nothing extra.
 */
#pragma once

#include <string.h>

#include <glib.h>

#include <xcvrmap/xcvr-version.h>

/* XCVR_ENUM_IMPL() needs the public enums' _LAST sentinels, which only code built with
 * XCVR_COMPILATION sees (xcvr-version.h defines XCVR_ENUM_SENTINELS then). */

static inline const char *
xcvr_enum_name(const char *const *names, gsize n, int value, const char *fallback)
{
    if (value < 0 || (gsize)value >= n || names[value] == NULL)
        return fallback;
    return names[value];
}

static inline int
xcvr_enum_value(const char *const *names, gsize n, const char *str)
{
    gsize i;

    if (str == NULL)
        return -1;
    for (i = 0; i < n; i++) {
        if (names[i] != NULL && strcmp(names[i], str) == 0)
            return (int)i;
    }
    return -1;
}

/* Prototypes for a private enum (public ones are declared, with docs, in their header). */
#define XCVR_ENUM_DECL(name, Type) \
    const char *xcvr_##name##_to_string(Type value); \
    int xcvr_##name##_from_string(const char *str)

/*
 * XCVR_ENUM_IMPL(name, Type, last, fallback, [VALUE] = "string", ...):
 * @last: the enum's sentinel; the table must have exactly that many slots
 * @fallback: what _to_string() answers for a value outside the enum (or a retired hole)
 *
 * _from_string() answers the value, or -1 for NULL or an unknown string.
 */
#define XCVR_ENUM_IMPL(name, Type, last, fallback, ...) \
    static const char *const xcvr_##name##_names[] = { __VA_ARGS__ }; \
    G_STATIC_ASSERT(G_N_ELEMENTS(xcvr_##name##_names) == (gsize)(last)); \
    const char *xcvr_##name##_to_string(Type value) \
    { \
        return xcvr_enum_name(xcvr_##name##_names, G_N_ELEMENTS(xcvr_##name##_names), \
                              (int)value, (fallback)); \
    } \
    int xcvr_##name##_from_string(const char *str) \
    { \
        return xcvr_enum_value(xcvr_##name##_names, G_N_ELEMENTS(xcvr_##name##_names), str); \
    }
