/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-xapi.c: a session with xapi: log in as XenAPI.py's xapi_local() does (or reuse the
 * caller's session ref), calls under a deadline each, XAPI's Success/Failure envelope.
 */
#include <string.h>

#include <xcvrmap/xcvr-error.h>

#include "xcvr-xapi-private.h"

#define DEFAULT_TIMEOUT_MS 10000

G_DEFINE_QUARK(xcvr-xapi-error-quark, xcvr_xapi_error)

struct _XcvrXapi {
    char *socket_path;
    char *session;
    gboolean logged_in; /* ours to log out */
    guint timeout_ms;
    guint calls;
    guint64 bytes;
};

static char *
failure_message(GVariant *desc)
{
    GString *s = g_string_new(NULL);
    GVariantIter iter;
    GVariant *item;
    guint i = 0;

    if (desc != NULL && g_variant_is_of_type(desc, G_VARIANT_TYPE("av"))) {
        g_variant_iter_init(&iter, desc);
        while (g_variant_iter_next(&iter, "v", &item)) {
            g_autofree char *text = g_variant_is_of_type(item, G_VARIANT_TYPE_STRING)
                                        ? g_variant_dup_string(item, NULL)
                                        : g_variant_print(item, FALSE);

            g_string_append(s, i == 0 ? "" : i == 1 ? ": " : ", ");
            g_string_append(s, text);
            g_variant_unref(item);
            i++;
        }
    }
    if (s->len == 0)
        g_string_append(s, "xapi failed without an error description");
    return g_string_free(s, FALSE);
}

/* One call with explicit leading params (the session ref or the login credentials). */
static GVariant *
call_raw_full(XcvrXapi *xapi, const char *method, GVariant *params, guint extra_ms,
              int cancel_fd, GError **error)
{
    g_autofree char *body = xcvr_xmlrpc_method_call(method, params);
    g_autofree char *reply = NULL;
    g_autoptr(GVariant) resp = NULL;
    g_autoptr(GVariant) desc = NULL;
    const char *status = NULL;
    gsize len = 0;
    gint64 deadline = g_get_monotonic_time() + ((gint64)xapi->timeout_ms + extra_ms) * 1000;

    xapi->calls++;
    reply = xcvr_xapi_http_post_cancellable(xapi->socket_path, body, strlen(body), deadline,
                                            cancel_fd, XCVR_XAPI_MAX_REPLY, &len,
                                            &xapi->bytes, error);
    if (reply == NULL) {
        g_prefix_error(error, "%s: ", method);
        return NULL;
    }
    resp = xcvr_xmlrpc_parse_response(reply, len, error);
    if (resp == NULL) {
        g_prefix_error(error, "%s: ", method);
        return NULL;
    }
    if (!g_variant_is_of_type(resp, G_VARIANT_TYPE_VARDICT) ||
        !g_variant_lookup(resp, "Status", "&s", &status)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "%s: reply has no Status", method);
        return NULL;
    }
    if (strcmp(status, "Success") == 0) {
        GVariant *value = g_variant_lookup_value(resp, "Value", NULL);

        return value != NULL ? value : g_variant_ref_sink(g_variant_new_string(""));
    }
    desc = g_variant_lookup_value(resp, "ErrorDescription", NULL);
    {
        g_autofree char *msg = failure_message(desc);

        g_set_error_literal(error, XCVR_XAPI_ERROR, XCVR_XAPI_ERROR_SERVER, msg);
    }
    return NULL;
}

static GVariant *
call_raw(XcvrXapi *xapi, const char *method, GVariant *params, GError **error)
{
    return call_raw_full(xapi, method, params, 0, -1, error);
}

XcvrXapi *
xcvr_xapi_open(const char *socket_path, const char *session, guint timeout_ms, GError **error)
{
    g_autoptr(XcvrXapi) xapi = g_new0(XcvrXapi, 1);
    g_autoptr(GVariant) ref = NULL;

    xapi->socket_path = g_strdup(socket_path != NULL ? socket_path : XCVR_XAPI_DEFAULT_SOCKET);
    xapi->timeout_ms = timeout_ms > 0 ? timeout_ms : DEFAULT_TIMEOUT_MS;
    if (session != NULL) {
        xapi->session = g_strdup(session);
        return g_steal_pointer(&xapi);
    }
    ref = call_raw(xapi, "session.login_with_password",
                   g_variant_new("(ssss)", "root", "", "1.0", "xcvrmap"), error);
    if (ref == NULL)
        return NULL;
    if (!g_variant_is_of_type(ref, G_VARIANT_TYPE_STRING)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "session.login_with_password: the session ref is not a string");
        return NULL;
    }
    xapi->session = g_variant_dup_string(ref, NULL);
    xapi->logged_in = TRUE;
    return g_steal_pointer(&xapi);
}

void
xcvr_xapi_free(XcvrXapi *xapi)
{
    if (xapi == NULL)
        return;
    if (xapi->logged_in) {
        /* best effort: a session xapi no longer knows is gone either way */
        g_autoptr(GVariant) r = call_raw(xapi, "session.logout",
                                         g_variant_new("(s)", xapi->session), NULL);

        (void)r;
    }
    g_free(xapi->socket_path);
    g_free(xapi->session);
    g_free(xapi);
}

GVariant *
xcvr_xapi_call(XcvrXapi *xapi, const char *method, GVariant *params, GError **error)
{
    return xcvr_xapi_call_full(xapi, method, params, 0, -1, error);
}

GVariant *
xcvr_xapi_call_full(XcvrXapi *xapi, const char *method, GVariant *params, guint extra_ms,
                    int cancel_fd, GError **error)
{
    GVariantBuilder b;
    GVariantIter iter;
    GVariant *child;

    g_return_val_if_fail(xapi != NULL && method != NULL, NULL);

    g_variant_builder_init(&b, G_VARIANT_TYPE_TUPLE);
    g_variant_builder_add(&b, "s", xapi->session);
    if (params != NULL) {
        g_variant_ref_sink(params);
        g_variant_iter_init(&iter, params);
        while ((child = g_variant_iter_next_value(&iter)) != NULL)
            g_variant_builder_add_value(&b, child);
        g_variant_unref(params);
    }
    return call_raw_full(xapi, method, g_variant_builder_end(&b), extra_ms, cancel_fd, error);
}

const char *
xcvr_xapi_get_session(const XcvrXapi *xapi)
{
    g_return_val_if_fail(xapi != NULL, NULL);
    return xapi->session;
}

void
xcvr_xapi_get_stats(const XcvrXapi *xapi, guint *ret_calls, guint64 *ret_bytes)
{
    g_return_if_fail(xapi != NULL);
    if (ret_calls != NULL)
        *ret_calls = xapi->calls;
    if (ret_bytes != NULL)
        *ret_bytes = xapi->bytes;
}

/* ---- records ---- */

GVariant *
xcvr_xapi_rec_get(GVariant *rec, const char *key)
{
    if (rec == NULL || !g_variant_is_of_type(rec, G_VARIANT_TYPE_VARDICT))
        return NULL;
    return g_variant_lookup_value(rec, key, NULL);
}

const char *
xcvr_xapi_rec_str(GVariant *rec, const char *key)
{
    const char *s = NULL;

    if (rec == NULL || !g_variant_is_of_type(rec, G_VARIANT_TYPE_VARDICT) ||
        !g_variant_lookup(rec, key, "&s", &s))
        return NULL;
    return s;
}

gint64
xcvr_xapi_rec_int(GVariant *rec, const char *key, gint64 fallback)
{
    g_autoptr(GVariant) v = xcvr_xapi_rec_get(rec, key);
    char *end = NULL;
    gint64 n;

    if (v == NULL)
        return fallback;
    if (g_variant_is_of_type(v, G_VARIANT_TYPE_INT64))
        return g_variant_get_int64(v);
    /* XenAPI sends 64-bit ints as strings */
    if (g_variant_is_of_type(v, G_VARIANT_TYPE_STRING)) {
        const char *s = g_variant_get_string(v, NULL);

        n = g_ascii_strtoll(s, &end, 10);
        if (s[0] != '\0' && *end == '\0')
            return n;
    }
    return fallback;
}

gboolean
xcvr_xapi_rec_bool(GVariant *rec, const char *key)
{
    g_autoptr(GVariant) v = xcvr_xapi_rec_get(rec, key);

    if (v != NULL && g_variant_is_of_type(v, G_VARIANT_TYPE_BOOLEAN))
        return g_variant_get_boolean(v);
    return FALSE;
}

char *
xcvr_xapi_this_host_uuid(const char *root, GError **error)
{
    g_autofree char *path = g_build_filename(root != NULL ? root : "/", "etc",
                                             "xensource-inventory", NULL);
    g_autofree char *data = NULL;
    g_auto(GStrv) lines = NULL;
    gsize len = 0;
    guint i;

    /* a regular file, read with a cap: this runs as root in dom0 */
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "%s: not a regular file", path);
        return NULL;
    }
    if (!g_file_get_contents(path, &data, &len, error))
        return NULL;
    if (len > 65536) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "%s: too large", path);
        return NULL;
    }
    lines = g_strsplit(data, "\n", -1);
    for (i = 0; lines[i] != NULL; i++) {
        const char *v;
        g_autofree char *value = NULL;

        if (!g_str_has_prefix(lines[i], "INSTALLATION_UUID="))
            continue;
        v = lines[i] + strlen("INSTALLATION_UUID=");
        value = g_strstrip(g_strdup(v));
        /* the file quotes values the shell way: INSTALLATION_UUID='…' */
        if (value[0] == '\'' || value[0] == '"') {
            gsize n = strlen(value);

            if (n < 2 || value[n - 1] != value[0])
                break;
            value[n - 1] = '\0';
            memmove(value, value + 1, n - 1);
        }
        if (!g_uuid_string_is_valid(value))
            break;
        return g_steal_pointer(&value);
    }
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                "%s: no valid INSTALLATION_UUID", path);
    return NULL;
}
