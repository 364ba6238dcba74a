/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-virt-bounded-private.h: libvirt calls bounded by a deadline. libvirt's client calls
 * block with no timeout of their own (a daemon that accepts and never answers holds
 * virConnectOpen() forever, and keepalive only starts once a connection is open), so a
 * bounded call runs on a worker thread that is abandoned at the deadline. Not installed.
 */
#pragma once

#include <glib.h>

/* The work: everything it uses is in @data (owned by the job), never the caller's stack. */
typedef gpointer (*XcvrVirtJobFunc)(gpointer data, GError **error);

/*
 * Runs @func(@data) and returns what it returns (with its @error). With @deadline 0 it
 * runs in the calling thread. Otherwise on a worker thread, waited for until @deadline (a
 * g_get_monotonic_time() instant, µs); if that passes first, returns NULL with @error
 * XCVR_ERROR_TIMEOUT ("@what did not answer before the deadline") and abandons the
 * worker: whenever (if ever) libvirt returns to it, the worker frees its result with
 * @result_free and @data with @data_free, and touches nothing of the caller's. A process
 * that gave up on libvirt this way should not call libvirt again on the same URI: the
 * abandoned connection still holds whatever the daemon holds for it.
 */
gpointer xcvr_virt_run_bounded(const char *what, gint64 deadline, XcvrVirtJobFunc func,
                               gpointer data, GDestroyNotify data_free,
                               GDestroyNotify result_free, GError **error);

/* "libvirt at 'URI'", or "libvirt at its default URI" for NULL: what a timeout names
 * (caller frees). */
char *xcvr_virt_describe_uri(const char *uri);
