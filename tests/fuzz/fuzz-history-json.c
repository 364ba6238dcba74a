/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz-history-json.c: fuzz target for the reader of a state directory's history.json
 * (xcvr_history_from_json()): whatever the bytes, a history or an error; a history that is
 * read writes back a document that reads back to the same document (the reader accepts
 * nothing its writer would not keep), and every getter works on it.
 *
 * The target aborts only on a broken contract: a failure without a GError (or outside
 * XCVR_ERROR), a success with one, a document written that does not read back the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-history.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A fixed clock (2030-01-01), so that "from the future" is decided the same every run. */
#define NOW_US ((gint64)1893456000 * G_USEC_PER_SEC)

static void
walk(const XcvrHistory *h)
{
    guint i;
    guint j;

    for (i = 0; i < xcvr_history_get_n_records(h); i++) {
        const XcvrHistoryRecord *r = xcvr_history_get_record(h, i);
        const char *vendor = NULL;
        gint64 first = 0;
        gint64 last = 0;
        guint64 polls = 0;

        if (xcvr_history_record_get_interface(r) == NULL)
            abort();
        xcvr_history_record_get_module(r, &vendor, NULL, NULL);
        xcvr_history_record_get_times(r, &first, &last, &polls);
        if (vendor == NULL || first > last || polls > xcvr_history_get_polls(h))
            abort();
        (void)xcvr_health_to_string(xcvr_history_record_get_verdict(r));
        for (j = 0; j < xcvr_history_record_get_n_flags(r); j++) {
            const XcvrHistoryFlag *f = xcvr_history_record_get_flag(r, j);

            if (xcvr_flag_state_from_string(
                    xcvr_flag_state_to_string(xcvr_history_flag_get_state(f))) < 0)
                abort();
            (void)xcvr_history_flag_get_count(f);
        }
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(GError) again_error = NULL;
    g_autoptr(XcvrHistory) h = NULL;
    g_autoptr(XcvrHistory) again = NULL;
    g_autofree char *written = NULL;
    g_autofree char *rewritten = NULL;

    if (size > G_MAXSSIZE)
        return 0;
    h = xcvr_history_from_json((const char *)data, (gssize)size, NOW_US, &error);
    if ((h == NULL) != (error != NULL))
        abort();
    if (error != NULL && error->domain != XCVR_ERROR)
        abort();
    if (h == NULL)
        return 0;
    walk(h);
    written = xcvr_history_to_json(h);
    again = xcvr_history_from_json(written, -1, NOW_US, &again_error);
    if (again == NULL)
        abort();
    rewritten = xcvr_history_to_json(again);
    if (strcmp(written, rewritten) != 0)
        abort();
    return 0;
}
