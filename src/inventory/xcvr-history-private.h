/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-history-private.h: the history model shared by its update (xcvr-history.c), its
 * JSON form (xcvr-history-json.c), the state directory (src/publish/) and the renderers.
 * Not installed.
 */
#pragma once

#include <glib.h>

#include <xcvrmap/xcvr-history.h>

/* The version of history.json this code writes and reads; another is refused. */
#define XCVR_HISTORY_FORMAT "xcvrmap-history"
#define XCVR_HISTORY_VERSION 1

/* A document updated this far after the reader's clock is from the future. */
#define XCVR_HISTORY_FUTURE_SLACK_US (G_USEC_PER_SEC * (gint64)3600)

/* Records kept per interface (the current module and the last ones before it). */
#define XCVR_HISTORY_RECORDS_PER_INTERFACE 4
/* Records kept in all, and the most a history.json may hold: the oldest (by last seen)
 * go first, so the file the update writes is always one its reader takes. */
#define XCVR_HISTORY_MAX_RECORDS 4096

struct _XcvrHistoryFlag {
    char *key;
    guint lane;              /* 0: module-wide */
    XcvrFlagState state;
    guint streak;            /* polls in a row seen set (RISING) or clear (FALLING) */
    gint64 onset_us;         /* the first poll of that run; 0 when CLEAR or RAISED */
    guint64 count;
    gint64 first_set_us;     /* 0: never */
    gint64 last_set_us;
    gint64 last_clear_us;
};

struct _XcvrHistoryRecord {
    char *interface;         /* netdev, or PCI address */
    char *vendor;            /* "" when unknown */
    char *pn;
    char *sn;
    gboolean current;
    XcvrHealth verdict;
    gint64 first_seen_us;
    gint64 last_seen_us;
    guint64 polls;
    GPtrArray *flags;        /* XcvrHistoryFlag*, by key then lane */
};

struct _XcvrHistory {
    guint raise_polls;
    guint clear_polls;
    guint64 polls;
    gint64 updated_us;
    GPtrArray *records;      /* XcvrHistoryRecord*, by interface then first seen */
};

XcvrHistoryRecord *xcvr_history_record_new(const char *interface, const char *vendor,
                                           const char *pn, const char *sn);
void xcvr_history_record_free(XcvrHistoryRecord *record);
XcvrHistoryFlag *xcvr_history_flag_new(const char *key, guint lane);
void xcvr_history_flag_free(XcvrHistoryFlag *flag);
/* Puts records and flags in their documented order. */
void xcvr_history_sort(XcvrHistory *history);
/* A flag that is raised or falling counts as raised. */
gboolean xcvr_history_flag_is_raised(const XcvrHistoryFlag *flag);
/* The interface name a record is keyed by: netdev, else PCI address, else NULL. */
const char *xcvr_history_uplink_name(const XcvrInvUplink *uplink);
/* "2026-12-03T20:05:00Z" of @us since the epoch (second precision, UTC). */
char *xcvr_history_format_time(gint64 us);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrHistoryFlag, xcvr_history_flag_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrHistoryRecord, xcvr_history_record_free)
