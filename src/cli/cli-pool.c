/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-pool.c: `xcvrmap pool`: on an XCP-ng pool master, every host's map through xapi
 * itself (host.call_plugin of the xcvrmap plugin on each host, all at once, a deadline
 * each), merged into one document: a host that is down, lacks the plugin or does not
 * answer in time is that host's error, and the others still answer.
 *
 * The hosts' maps are read with jansson (xcvr_json_parse(), nesting bounded) and written
 * back into the pool's document by the streaming writer, in the layout json-glib's
 * generator gave it.
 */
#include <stdio.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

#include "cli/cli.h"
#include "core/xcvr-json-private.h"
#include "render/xcvr-json-writer-private.h"
#include "render/xcvr-json-writer-tree-private.h"

typedef struct {
    const XcvrCliXapiApi *api;
    const char *socket_path;
    const char *session;
    guint timeout_ms;
    char *ref;
    char *name;
    char *uuid;
    json_t *map;      /* the host's map (an object), or NULL */
    char *err_code;   /* else why not */
    char *err_message;
} PoolHost;

static void
pool_host_free(PoolHost *h)
{
    g_free(h->ref);
    g_free(h->name);
    g_free(h->uuid);
    json_decref(h->map);
    g_free(h->err_code);
    g_free(h->err_message);
    g_free(h);
}

static void
set_host_error(PoolHost *h, const GError *e)
{
    const char *colon;

    /* the quark by name: the CLI does not link libxcvrmap-xapi, it loads it */
    if (e->domain == g_quark_from_static_string("xcvr-xapi-error-quark")) {
        /* "CODE: params": the code XAPI (or the plugin) gave */
        colon = strstr(e->message, ": ");
        h->err_code = colon != NULL ? g_strndup(e->message, (gsize)(colon - e->message))
                                    : g_strdup(e->message);
    } else if (e->domain == XCVR_ERROR && e->code == XCVR_ERROR_TIMEOUT) {
        h->err_code = g_strdup("XCVRMAP_TIMEOUT");
    } else {
        h->err_code = g_strdup("XCVRMAP_XAPI_UNREACHABLE");
    }
    h->err_message = g_strdup(e->message);
}

static gpointer
ask_host(gpointer data)
{
    PoolHost *h = data;
    g_autoptr(GError) error = NULL;
    g_autoptr(GVariant) value = NULL;
    g_autoptr(json_t) map = NULL;
    GVariantBuilder args;
    XcvrXapi *xapi;

    xapi = h->api->open(h->socket_path, h->session, h->timeout_ms, &error);
    if (xapi != NULL) {
        char plugin_timeout[G_ASCII_DTOSTR_BUF_SIZE];

        /* xapi never times a plugin out: give it 4/5 of ours, so that a host stuck in its
         * drivers answers with the plugin's own XCVRMAP_TIMEOUT and stops working */
        g_ascii_formatd(plugin_timeout, sizeof plugin_timeout, "%.1f",
                        MAX(h->timeout_ms * 0.8 / 1000.0, 0.1));
        g_variant_builder_init(&args, G_VARIANT_TYPE("a{ss}"));
        g_variant_builder_add(&args, "{ss}", "timeout", plugin_timeout);
        value = h->api->call(xapi, "host.call_plugin",
                             g_variant_new("(sssa{ss})", h->ref, "xcvrmap", "map", &args),
                             &error);
        h->api->free(xapi);
    }
    if (value == NULL) {
        set_host_error(h, error);
        return NULL;
    }
    if (g_variant_is_of_type(value, G_VARIANT_TYPE_STRING)) {
        gsize len = 0;
        const char *reply = g_variant_get_string(value, &len);

        /* another host's text: its nesting bounded, which also leaves the writer room to
         * embed it in the pool's document */
        map = xcvr_json_parse(reply, len, XCVR_JSON_MAX_DEPTH,
                              "the plugin's answer is not a map", &error);
    }
    if (!json_is_object(map)) {
        h->err_code = g_strdup("XCVRMAP_BAD_REPLY");
        h->err_message = error != NULL
                             ? g_strdup(error->message)
                             : g_strdup("the plugin's answer is not a map: not a JSON object");
        return NULL;
    }
    h->map = g_steal_pointer(&map);
    return NULL;
}

static const char *
str_member(GVariant *rec, const char *key)
{
    const char *s = NULL;

    if (rec == NULL || !g_variant_lookup(rec, key, "&s", &s))
        return NULL;
    return s;
}

static int
host_cmp(gconstpointer a, gconstpointer b)
{
    const PoolHost *x = *(PoolHost *const *)a;
    const PoolHost *y = *(PoolHost *const *)b;
    int c = g_strcmp0(x->name, y->name);

    return c != 0 ? c : g_strcmp0(x->uuid, y->uuid);
}

/* A string another host sent that holds a control character or invalid UTF-8 is written by
 * the one rule (xcvr_escape_bytes()); a clean one is kept as sent, so the maps of our own
 * plugin, already escaped there, are not escaped twice. Returns the escaped copy, or %NULL
 * to keep @s. */
static char *
clean_string(const char *s)
{
    g_autofree char *esc = xcvr_escape_bytes(s, -1);
    gsize n_backslash = 0;

    for (const char *p = s; *p != '\0'; p++)
        n_backslash += *p == '\\';
    /* each escaped byte grows by three, each backslash by one */
    return strlen(esc) != strlen(s) + n_backslash ? g_steal_pointer(&esc) : NULL;
}

/* clean_string() on every string of a host's map, in place. Recursion is bounded by
 * xcvr_json_parse()'s nesting bound. */
static void
clean_node(json_t *node)
{
    if (json_is_object(node)) {
        for (void *it = json_object_iter(node); it != NULL; it = json_object_iter_next(node, it))
            clean_node(json_object_iter_value(it));
    } else if (json_is_array(node)) {
        for (gsize i = 0; i < json_array_size(node); i++)
            clean_node(json_array_get(node, i));
    } else if (json_is_string(node)) {
        g_autofree char *esc = clean_string(json_string_value(node));

        /* the escaped text is ASCII: jansson takes it */
        if (esc != NULL)
            json_string_set(node, esc);
    }
}

/* A string of xapi's records or of an error, cleaned as the maps are; null for %NULL. */
static void
write_clean(XcvrJsonWriter *w, const char *key, const char *s)
{
    g_autofree char *esc = s != NULL ? clean_string(s) : NULL;

    xcvr_json_writer_key(w, key);
    xcvr_json_writer_string(w, esc != NULL ? esc : s);
}

static void
print_json(const char *pool_uuid, GPtrArray *hosts)
{
    g_autoptr(GString) out = g_string_sized_new(4096);
    XcvrJsonWriter w;
    guint i;

    /* pretty with two spaces: json-glib's layout, which the document had */
    xcvr_json_writer_init(&w, out, TRUE, 2);
    /* every string here is cleaned first (clean_string()), the maps' in their trees */
    w.escape = FALSE;
    xcvr_json_writer_begin_object(&w);
    write_clean(&w, "pool", pool_uuid);
    xcvr_json_writer_key(&w, "hosts");
    xcvr_json_writer_begin_array(&w);
    for (i = 0; i < hosts->len; i++) {
        const PoolHost *h = g_ptr_array_index(hosts, i);

        xcvr_json_writer_begin_object(&w);
        write_clean(&w, "host", h->name);
        write_clean(&w, "uuid", h->uuid);
        if (h->map != NULL) {
            clean_node(h->map);
            xcvr_json_writer_key(&w, "map");
            /* cannot fail: xcvr_json_parse() bounded the map's nesting */
            (void)xcvr_json_writer_tree(&w, h->map);
        } else {
            xcvr_json_writer_key(&w, "error");
            xcvr_json_writer_begin_object(&w);
            write_clean(&w, "code", h->err_code);
            write_clean(&w, "message", h->err_message);
            xcvr_json_writer_end_object(&w);
        }
        xcvr_json_writer_end_object(&w);
    }
    xcvr_json_writer_end_array(&w);
    xcvr_json_writer_end_object(&w);
    xcvr_cli_printf("%s\n", out->str);
}

/* The string member @key of @o for a terminal, or @fallback when there is none. */
static char *
member_text(const json_t *o, const char *key, const char *fallback)
{
    const char *s = xcvr_json_get_string(o, key);

    return xcvr_escape_text(s != NULL ? s : fallback, -1);
}

/* Text: one row per vNIC with the host first; a host's error in place of its rows. The
 * names come from other hosts: control characters never reach the terminal. */
static void
print_text(const char *pool_uuid, GPtrArray *hosts)
{
    g_autofree char *pool = xcvr_escape_text(pool_uuid, -1);
    guint i, j, k;

    xcvr_cli_printf("pool %s\n%-16s %-20s %-17s %-9s %s\n", pool, "HOST", "VM", "MAC", "STATUS",
           "UPLINKS");
    for (i = 0; i < hosts->len; i++) {
        const PoolHost *h = g_ptr_array_index(hosts, i);
        g_autofree char *host = xcvr_escape_text(h->name != NULL ? h->name : "?", -1);
        const json_t *vnics;

        if (h->map == NULL) {
            g_autofree char *msg = xcvr_escape_text(h->err_message, -1);

            /* the message starts with the code when xapi gave one */
            if (g_str_has_prefix(h->err_message, h->err_code))
                xcvr_cli_printf("%-16s error %s\n", host, msg);
            else
                xcvr_cli_printf("%-16s error %s: %s\n", host, h->err_code, msg);
            continue;
        }
        /* json_array_size() is 0 for what is not an array, json_object_get() NULL for
         * what is not an object: a map of another shape prints as much as it has */
        vnics = json_object_get(h->map, "vnics");
        if (json_array_size(vnics) == 0)
            xcvr_cli_printf("%-16s (no VMs)\n", host);
        for (j = 0; j < json_array_size(vnics); j++) {
            const json_t *v = json_array_get(vnics, j);
            const json_t *ups = json_object_get(v, "uplinks");
            g_autoptr(GString) list = g_string_new(NULL);
            g_autofree char *vm = member_text(v, "domain", "?");
            g_autofree char *listed = NULL;
            g_autofree char *mac = member_text(v, "mac", "-");
            g_autofree char *status = member_text(v, "status", "?");

            for (k = 0; k < json_array_size(ups); k++) {
                const char *nd = xcvr_json_get_string(json_array_get(ups, k), "netdev");

                g_string_append_printf(list, "%s%s", k > 0 ? "," : "", nd != NULL ? nd : "?");
            }
            listed = xcvr_escape_text(list->str, -1);
            xcvr_cli_printf("%-16s %-20s %-17s %-9s %s\n", host, vm, mac, status,
                   listed[0] != '\0' ? listed : "-");
        }
    }
}

int
xcvr_cli_pool(int argc, char **argv)
{
    g_autofree char *format_s = NULL;
    double timeout = 60;
    g_auto(XcvrCliXapiOption) xapi_opt = { 0 };
    XcvrCliXapiApi api = { 0 };
    g_autoptr(GOptionContext) ctx = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GVariant) pools = NULL;
    g_autoptr(GVariant) host_recs = NULL;
    g_autoptr(GPtrArray) hosts = g_ptr_array_new_with_free_func((GDestroyNotify)pool_host_free);
    g_autoptr(GPtrArray) threads = g_ptr_array_new();
    g_autofree char *pool_uuid = NULL;
    const char *socket_path;
    gboolean json = FALSE;
    XcvrXapi *xapi;
    GVariantIter iter;
    const char *ref;
    GVariant *rec;
    guint i;
    int status;
    const GOptionEntry entries[] = {
        XCVR_CLI_XAPI_OPTION_ENTRY("xapi's unix socket on the pool master (default "
                                   "/var/lib/xcp/xapi)"),
        { "format", 0, 0, G_OPTION_ARG_STRING, &format_s,
          "Output format: text (a row per VM NIC, host first) or json", "text|json" },
        { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &timeout,
          "Give up on a host after SECONDS (default 60)", "SECONDS" },
        { NULL },
    };

    ctx = g_option_context_new("");
    g_option_context_set_main_group(ctx, g_option_group_new(NULL, NULL, NULL, &xapi_opt, NULL));
    g_option_context_set_summary(ctx,
        "XCP-ng: every host's map, asked of the xcvrmap plugin on each host through xapi\n"
        "(host.call_plugin), all hosts at once. Run on the pool master.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    status = xcvr_cli_parse(ctx, "pool", &argc, &argv);
    if (status >= 0)
        return status;
    socket_path = xapi_opt.socket_path != NULL ? xapi_opt.socket_path : XCVR_XAPI_DEFAULT_SOCKET;
    if (argc > 1 || (format_s != NULL && strcmp(format_s, "text") != 0 &&
                     strcmp(format_s, "json") != 0) ||
        !(timeout > 0 && timeout <= 3600)) {
        fprintf(stderr, "xcvrmap pool: usage: xcvrmap pool [--xapi[=SOCKET]] "
                        "[--format text|json] [--timeout SECONDS (0-3600]]\n");
        return XCVR_EXIT_USAGE;
    }
    json = g_strcmp0(format_s, "json") == 0;

    if (!xcvr_cli_xapi_load(&api, &error) ||
        (xapi = api.open(socket_path, NULL, (guint)(timeout * 1000), &error)) == NULL) {
        xcvr_cli_error("xcvrmap pool: %s", error->message);
        return XCVR_EXIT_FAILURE;
    }
    pools = api.call(xapi, "pool.get_all_records", NULL, &error);
    if (pools != NULL)
        host_recs = api.call(xapi, "host.get_all_records", NULL, &error);
    if (host_recs == NULL || !g_variant_is_of_type(host_recs, G_VARIANT_TYPE_VARDICT) ||
        !g_variant_is_of_type(pools, G_VARIANT_TYPE_VARDICT)) {
        xcvr_cli_error("xcvrmap pool: %s",
                error != NULL ? error->message : "xapi's records are not maps");
        api.free(xapi);
        return XCVR_EXIT_FAILURE;
    }
    g_variant_iter_init(&iter, pools);
    while (pool_uuid == NULL && g_variant_iter_next(&iter, "{&s@v}", &ref, &rec)) {
        g_autoptr(GVariant) r = g_variant_get_variant(rec);

        pool_uuid = g_strdup(str_member(r, "uuid"));
        g_variant_unref(rec);
    }
    g_variant_iter_init(&iter, host_recs);
    while (g_variant_iter_next(&iter, "{&s@v}", &ref, &rec)) {
        g_autoptr(GVariant) r = g_variant_get_variant(rec);
        PoolHost *h = g_new0(PoolHost, 1);

        h->api = &api;
        h->socket_path = socket_path;
        h->session = api.get_session(xapi);
        h->timeout_ms = (guint)(timeout * 1000);
        h->ref = g_strdup(ref);
        h->name = g_strdup(str_member(r, "name_label"));
        h->uuid = g_strdup(str_member(r, "uuid"));
        g_ptr_array_add(hosts, h);
        g_variant_unref(rec);
    }
    g_ptr_array_sort(hosts, host_cmp);
    /* one thread per host, each with its own connection under its own deadline */
    for (i = 0; i < hosts->len; i++)
        g_ptr_array_add(threads, g_thread_new("xcvrmap-pool", ask_host, hosts->pdata[i]));
    for (i = 0; i < threads->len; i++)
        g_thread_join(threads->pdata[i]);

    if (json)
        print_json(pool_uuid != NULL ? pool_uuid : "", hosts);
    else
        print_text(pool_uuid != NULL ? pool_uuid : "", hosts);
    api.free(xapi);
    return fflush(stdout) == 0 ? XCVR_EXIT_OK : XCVR_EXIT_FAILURE;
}
