/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-plugin-rpc.h: the XAPI host plugin's side of xapi's invocation: the methodCall xapi
 * passes as argv[1], and the methodResponse the plugin prints (XenAPIPlugin.py's
 * convention: one struct param, Status Success with a string Value, or Failure with an
 * ErrorDescription of strings).
 */
#pragma once

#include <glib.h>

/* Largest methodCall taken (the kernel caps one argv string at 128 KiB anyway). */
#define XCVR_PLUGIN_MAX_CALL (1024 * 1024)

typedef struct {
    char *fn;          /* methodName, verbatim */
    char *session;     /* params[0], the caller's session ref ("" when absent) */
    GHashTable *args;  /* params[1]: string -> string */
} XcvrPluginCall;

void xcvr_plugin_call_free(XcvrPluginCall *call);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrPluginCall, xcvr_plugin_call_free)

/* Parses @data (@len bytes) as xapi builds a plugin call: bare or <string> values,
 * <value/>, <struct/>, members in any order. NULL with a message in @error when it is not
 * one. */
XcvrPluginCall *xcvr_plugin_call_parse(const char *data, gsize len, GError **error);

/* The methodResponse documents, valid UTF-8 XML 1.0 whatever bytes they are given
 * (invalid sequences and characters XML cannot carry become U+FFFD). */
char *xcvr_plugin_response_success(const char *value, gsize len);
char *xcvr_plugin_response_failure(const char *code, const char *const *params);
