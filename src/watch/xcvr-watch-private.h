/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-watch-private.h: the rtnetlink link monitor the watch subscribes to. Not installed.
 */
#pragma once

#include <glib.h>

typedef struct _XcvrLinkMonitor XcvrLinkMonitor;

/* Called in @context's thread when a link appeared, vanished or changed what the map
 * depends on — once for the link, and once for each other name the change concerns (the
 * link's name before a rename, a master it left or joined); @ifname is NULL when events
 * were lost (the socket overran) and anything may have changed. */
typedef void (*XcvrLinkChangedFunc)(const char *ifname, gpointer user_data);

/* Subscribes to RTMGRP_LINK of the calling thread's network namespace, after reading every
 * link's current state (so only real changes are reported). NULL with @error set when the
 * socket cannot be opened or bound. */
XcvrLinkMonitor *xcvr_link_monitor_new(GMainContext *context, XcvrLinkChangedFunc func,
                                       gpointer user_data, GError **error);
void xcvr_link_monitor_free(XcvrLinkMonitor *monitor);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrLinkMonitor, xcvr_link_monitor_free)
