/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xcvr-xapi-private.h: pieces of libxcvrmap-xapi shared between its files. Not installed. */
#pragma once

#include <glib.h>

#include <xcvrmap/xcvr-xapi.h>

/* Largest reply taken from xapi: a pool's get_all_records of VMs runs to a few MiB. */
#define XCVR_XAPI_MAX_REPLY (64u * 1024 * 1024)

/* XML-RPC (xcvr-xapi-xmlrpc.c) */
char *xcvr_xmlrpc_method_call(const char *method, GVariant *params);
GVariant *xcvr_xmlrpc_parse_response(const char *data, gsize len, GError **error);

/* HTTP/1.1 POST over a unix socket under one deadline (xcvr-xapi-http.c): the body of a
 * 200 reply, at most @max_body bytes; @ret_read counts every byte read. */
char *xcvr_xapi_http_post(const char *socket_path, const char *body, gsize body_len,
                          gint64 deadline, gsize max_body, gsize *ret_len, guint64 *ret_read,
                          GError **error);
/* The same, given up (XCVR_ERROR_FAILED) as soon as @cancel_fd is readable (-1: never):
 * a blocking event.from stops when the watch does. */
char *xcvr_xapi_http_post_cancellable(const char *socket_path, const char *body,
                                      gsize body_len, gint64 deadline, int cancel_fd,
                                      gsize max_body, gsize *ret_len, guint64 *ret_read,
                                      GError **error);

/* xcvr_xapi_call() with @extra_ms more than the session's call deadline (a blocking
 * event.from waits its own timeout first) and @cancel_fd as above. */
GVariant *xcvr_xapi_call_full(XcvrXapi *xapi, const char *method, GVariant *params,
                              guint extra_ms, int cancel_fd, GError **error);

/* Struct member helpers over a{sv} records. */
const char *xcvr_xapi_rec_str(GVariant *rec, const char *key);
gint64 xcvr_xapi_rec_int(GVariant *rec, const char *key, gint64 fallback);
gboolean xcvr_xapi_rec_bool(GVariant *rec, const char *key);
GVariant *xcvr_xapi_rec_get(GVariant *rec, const char *key);
