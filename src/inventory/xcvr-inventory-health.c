/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-inventory-health.c: is the link healthy? One verdict per uplink from its link state,
 * whether its module could be read and trusted, and the module's own alarm and warning
 * flags, with the reasons behind it.
 */
#include <string.h>

#include <xcvrmap/xcvr-error.h>

#include "xcvr-inventory-private.h"

#include "core/xcvr-enum.h"

XCVR_ENUM_IMPL(health, XcvrHealth, _XCVR_HEALTH_LAST, "unknown",
    [XCVR_HEALTH_OK] = "ok",
    [XCVR_HEALTH_UNKNOWN] = "unknown",
    [XCVR_HEALTH_WARNING] = "warning",
    [XCVR_HEALTH_ALARM] = "alarm",
    [XCVR_HEALTH_DOWN] = "down",
)

static void
worsen(XcvrInvUplink *up, XcvrHealth health, char *reason)
{
    if (health > up->health)
        up->health = health;
    g_ptr_array_add(up->health_reasons, reason);
}

static void
judge_flags(XcvrInvUplink *up, const char *suffix, XcvrHealth health, const char *what)
{
    g_autoptr(GPtrArray) raised = xcvr_module_get_raised_flags(up->module, suffix);
    guint i;

    for (i = 0; i < raised->len; i++)
        worsen(up, health, g_strdup_printf("module %s: %s", what,
                                           (const char *)g_ptr_array_index(raised, i)));
}

void
xcvr_inv_uplink_judge(XcvrInvUplink *up)
{
    gboolean known = FALSE;

    up->health = XCVR_HEALTH_OK;
    if (up->link != NULL && up->link->operstate != NULL) {
        known = TRUE;
        if (strcmp(up->link->operstate, "up") != 0 || up->link->carrier == 0)
            worsen(up, XCVR_HEALTH_DOWN,
                   g_strdup_printf("link %s%s", up->link->operstate,
                                   up->link->carrier == 0 ? ", no carrier" : ""));
    }

    if (up->module != NULL) {
        guint n = 0;
        const XcvrChecksum *sums = xcvr_module_get_checksums(up->module, &n);
        guint i;

        known = TRUE;
        for (i = 0; i < n; i++) {
            if (sums[i].status == XCVR_CHECKSUM_BAD)
                worsen(up, XCVR_HEALTH_WARNING,
                       g_strdup_printf("module checksum %s bad (stored 0x%02x, computed "
                                       "0x%02x): its identity is not to be trusted",
                                       sums[i].key, sums[i].stored, sums[i].computed));
        }
    } else if (up->module_error != NULL) {
        const GError *e = up->module_error;

        if (g_error_matches(e, XCVR_ERROR, XCVR_ERROR_NO_MODULE)) {
            known = TRUE;
            worsen(up, XCVR_HEALTH_WARNING, g_strdup("no module in the cage"));
        } else if (e->domain == XCVR_ERROR && e->code != XCVR_ERROR_NOT_SUPPORTED &&
                   e->code != XCVR_ERROR_PERMISSION && e->code != XCVR_ERROR_NO_DUMP) {
            /* (no dump: nothing recorded, nothing to judge the module by) */
            /* present but unreadable or garbled: suspect */
            worsen(up, XCVR_HEALTH_WARNING,
                   g_strdup_printf("module unreadable: %s", e->message));
        }
    }
    if (!known && up->health == XCVR_HEALTH_OK)
        up->health = XCVR_HEALTH_UNKNOWN;
    /* the flags last, so that the history can debounce them over this base */
    up->health_base = up->health;
    if (up->module != NULL) {
        judge_flags(up, "_alarm", XCVR_HEALTH_ALARM, "alarm");
        judge_flags(up, "_warning", XCVR_HEALTH_WARNING, "warning");
    }
}
