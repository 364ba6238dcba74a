/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvrmap-xapi.c: the XAPI host plugin (installed as /etc/xapi.d/plugins/xcvrmap): xapi
 * execs it with the methodCall as its one argument, no stdin and PATH as its only
 * environment, waits for it without a timeout, and parses stdout as the methodResponse.
 * Functions: map, module, health, version.
 *
 * The work runs on a worker thread; the main thread waits for it until the deadline, and
 * past it prints the XCVRMAP_TIMEOUT Failure and exits, so a hung xapi, ovsdb-server,
 * sysfs file or driver never hangs the API call that runs the plugin. Whatever happens,
 * stdout gets exactly one methodResponse and the exit status is 0.
 *
 * The JSON answers are written by the library's streaming writer, on one line as
 * json-glib's generator wrote them before.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <xcvrmap/xcvrmap.h>
#include <xcvrmap/xcvr-xapi.h>

#include "core/xcvr-json-private.h"
#include "render/xcvr-json-writer-private.h"
#include "render/xcvr-json-writer-tree-private.h"
#include "xcvr-plugin-rpc.h"

#define DEFAULT_TIMEOUT_S 30

typedef struct {
    const XcvrPluginCall *call;
    const char *xapi;
    const char *root;
    const char *ovsdb;
    const char *eeprom_dir;
    guint timeout_ms;
    gint64 work_deadline; /* the inventory's: 4/5 of the call's, so its per-item errors
                           * come back before the call's own XCVRMAP_TIMEOUT */

    /* the answer, set once by the worker under the lock */
    GMutex lock;
    GCond done_cond;
    gboolean done;
    char *response;
} Job;

static char *
failure(const char *code, const char *message)
{
    const char *params[] = { message, NULL };

    return xcvr_plugin_response_failure(code, message != NULL ? params : NULL);
}

static char *
failure_from_error(const GError *e, const char *fallback)
{
    const char *code = fallback;

    if (e->domain == XCVR_ERROR && e->code == XCVR_ERROR_TIMEOUT)
        code = "XCVRMAP_TIMEOUT";
    return failure(code, e->message);
}

/* A writer of an answer: on one line, strings by the one rule of every output
 * (xcvr_escape_bytes(), the writer's default). */
static void
answer_begin(XcvrJsonWriter *w, GString *out)
{
    xcvr_json_writer_init(w, out, FALSE, 0);
}

static char *
success_json(GString *out)
{
    return xcvr_plugin_response_success(out->str, out->len);
}

/* What is left of the worker's budget, for a client that takes a timeout: every call to
 * xapi or ovsdb ends by the work deadline, so one that hangs is named in the answer, well
 * before the call's own XCVRMAP_TIMEOUT (which is only for a worker stuck in the kernel). */
static guint
work_left_ms(const Job *job)
{
    gint64 left = (job->work_deadline - g_get_monotonic_time()) / 1000;

    return left < 1 ? 1 : (guint)MIN(left, (gint64)G_MAXUINT);
}

/* The map of this host: the VMs from xapi (the caller's session), the walk, the modules. */
static XcvrInventory *
build_inventory(Job *job, char **ret_failure)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrOvs) ovs = NULL;
    g_autoptr(XcvrXapi) xapi = NULL;
    g_autoptr(GPtrArray) vnics = NULL;
    g_autoptr(XcvrInventoryOptions) opts = xcvr_inventory_options_new();
    g_autofree char *host = NULL;
    g_autofree char *ovs_path = NULL;
    const char *session = job->call->session;
    XcvrInventory *inv;

    host = xcvr_xapi_this_host_uuid(job->root, &error);
    if (host == NULL) {
        *ret_failure = failure("XCVRMAP_HOST_UNREADABLE", error->message);
        return NULL;
    }
    if (job->ovsdb != NULL)
        ovs_path = g_strdup(job->ovsdb);
    else
        ovs_path = g_build_filename(job->root != NULL ? job->root : "/",
                                    XCVR_OVS_DEFAULT_SOCKET, NULL);
    if (ovs_path[0] != '\0' &&
        (job->ovsdb != NULL || g_file_test(ovs_path, G_FILE_TEST_EXISTS))) {
        ovs = xcvr_ovs_open(ovs_path, work_left_ms(job), &error);
        if (ovs == NULL) {
            g_prefix_error(&error, "Open vSwitch (%s): ", ovs_path);
            *ret_failure = failure_from_error(error, "XCVRMAP_HOST_UNREADABLE");
            return NULL;
        }
    }
    /* the session xapi handed over is the caller's: reused, never logged out */
    xapi = xcvr_xapi_open(job->xapi, g_str_has_prefix(session, "OpaqueRef:") ? session : NULL,
                          work_left_ms(job), &error);
    if (xapi != NULL)
        vnics = xcvr_xapi_list_vnics(xapi, job->root, ovs, NULL, &error);
    if (vnics == NULL) {
        *ret_failure = failure_from_error(error, "XCVRMAP_XAPI_UNREACHABLE");
        return NULL;
    }
    xcvr_inventory_options_set_root(opts, job->root);
    xcvr_inventory_options_set_ovsdb(opts, ovs_path);
    xcvr_inventory_options_set_eeprom_dir(opts, job->eeprom_dir);
    xcvr_inventory_options_set_timeout_ms(opts, MIN(job->timeout_ms, 2000));
    xcvr_inventory_options_set_deadline(opts, job->work_deadline);
    inv = xcvr_inventory_new(vnics, opts, &error);
    if (inv == NULL) {
        *ret_failure = failure_from_error(error, "XCVRMAP_HOST_UNREADABLE");
        return NULL;
    }
    return inv;
}

static char *
fn_map(Job *job)
{
    char *fail = NULL;
    g_autoptr(XcvrInventory) inv = build_inventory(job, &fail);
    g_autofree char *json = NULL;

    if (inv == NULL)
        return fail;
    json = xcvr_render_map_json(inv);
    return xcvr_plugin_response_success(json, strlen(json));
}

static char *
fn_health(Job *job)
{
    char *fail = NULL;
    g_autoptr(XcvrInventory) inv = build_inventory(job, &fail);
    g_autoptr(GString) out = NULL;
    XcvrJsonWriter w;
    guint i, j;

    if (inv == NULL)
        return fail;
    out = g_string_sized_new(1024);
    answer_begin(&w, out);
    xcvr_json_writer_begin_object(&w);
    xcvr_json_writer_key(&w, "uplinks");
    xcvr_json_writer_begin_array(&w);
    for (i = 0; i < xcvr_inventory_get_n_uplinks(inv); i++) {
        const XcvrInvUplink *up = xcvr_inventory_get_uplink(inv, i);
        const GPtrArray *reasons = xcvr_inv_uplink_get_health_reasons(up);

        xcvr_json_writer_begin_object(&w);
        /* null when absent */
        xcvr_json_writer_key(&w, "netdev");
        xcvr_json_writer_string(&w, xcvr_inv_uplink_get_netdev(up));
        xcvr_json_writer_key(&w, "pci");
        xcvr_json_writer_string(&w, xcvr_inv_uplink_get_pci(up));
        xcvr_json_writer_key(&w, "health");
        xcvr_json_writer_string(&w, xcvr_health_to_string(xcvr_inv_uplink_get_health(up)));
        xcvr_json_writer_key(&w, "reasons");
        xcvr_json_writer_begin_array(&w);
        for (j = 0; reasons != NULL && j < reasons->len; j++)
            xcvr_json_writer_string(&w, g_ptr_array_index(reasons, j));
        xcvr_json_writer_end_array(&w);
        xcvr_json_writer_end_object(&w);
    }
    xcvr_json_writer_end_array(&w);
    xcvr_json_writer_end_object(&w);
    return success_json(out);
}

static gboolean
iface_name_ok(const char *name)
{
    gsize n = strlen(name);
    gsize i;

    if (n == 0 || n > 15 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        return FALSE;
    for (i = 0; i < n; i++) {
        if (!g_ascii_isalnum(name[i]) && strchr("_.:-", name[i]) == NULL)
            return FALSE;
    }
    return TRUE;
}

/* The document `xcvrmap module IFACE --format json` prints. */
static char *
fn_module(Job *job)
{
    const char *iface = g_hash_table_lookup(job->call->args, "iface");
    g_autofree char *sysdir = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrModule) m = NULL;
    g_autoptr(XcvrEepromStats) stats = xcvr_eeprom_stats_new();
    g_autoptr(GString) out = NULL;
    g_autofree char *json = NULL;
    XcvrJsonWriter w;
    const char *source;

    if (iface == NULL || !iface_name_ok(iface))
        return failure("XCVRMAP_BAD_ARGS",
                       iface == NULL ? "module needs the argument iface (an interface name)"
                                     : "iface is not an interface name");
    sysdir = g_build_filename(job->root != NULL ? job->root : "/", "sys", "class", "net", iface,
                              NULL);
    if (job->eeprom_dir != NULL) {
        m = xcvr_eeprom_dir_read(job->eeprom_dir, iface, XCVR_DECODE_NONE, &error);
        source = "file";
        if (m == NULL && g_error_matches(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE) &&
            !g_file_test(sysdir, G_FILE_TEST_EXISTS)) {
            return failure("XCVRMAP_NO_SUCH_INTERFACE", error->message);
        }
    } else {
        g_autoptr(XcvrEepromOptions) eo = xcvr_eeprom_options_new();

        if (!g_file_test(sysdir, G_FILE_TEST_EXISTS)) {
            g_autofree char *msg = g_strdup_printf("no interface %s on this host", iface);

            return failure("XCVRMAP_NO_SUCH_INTERFACE", msg);
        }
        xcvr_eeprom_options_set_timeout_ms(eo, job->timeout_ms);
        m = xcvr_eeprom_read(iface, eo, stats, &error);
        source = xcvr_eeprom_source_to_string(xcvr_eeprom_stats_get_source(stats));
    }
    if (m != NULL)
        json = xcvr_render_json(m, FALSE, &error);
    out = g_string_sized_new(json != NULL ? strlen(json) + 256 : 256);
    answer_begin(&w, out);
    xcvr_json_writer_begin_object(&w);
    xcvr_json_writer_key(&w, "modules");
    xcvr_json_writer_begin_array(&w);
    if (json != NULL) {
        /* the module's document with "name" and "source" set: replaced where it has them,
         * added after its members where not (json-glib's rule before, and jansson's) */
        g_autoptr(json_t) node = xcvr_json_parse(json, strlen(json), XCVR_JSON_MAX_DEPTH,
                                                 "the module's JSON", &error);

        if (node == NULL)
            return failure("XCVRMAP_INTERNAL", error->message);
        if (!json_is_object(node))
            return failure("XCVRMAP_INTERNAL", "the module's JSON is not an object");
        json_object_set_new(node, "name", json_string(iface));
        json_object_set_new(node, "source", json_string(source));
        /* cannot fail: the tree is no deeper than xcvr_json_parse() allows */
        (void)xcvr_json_writer_tree(&w, node);
    } else {
        xcvr_json_writer_begin_object(&w);
        xcvr_json_writer_key(&w, "name");
        xcvr_json_writer_string(&w, iface);
        xcvr_json_writer_key(&w, "error");
        xcvr_json_writer_string(&w, error->domain == XCVR_ERROR
                                        ? xcvr_error_to_string((XcvrError)error->code)
                                        : "io");
        xcvr_json_writer_key(&w, "message");
        xcvr_json_writer_string(&w, error->message);
        xcvr_json_writer_key(&w, "source");
        xcvr_json_writer_string(&w, source);
        xcvr_json_writer_end_object(&w);
    }
    xcvr_json_writer_end_array(&w);
    xcvr_json_writer_end_object(&w);
    return success_json(out);
}

static char *
fn_version(Job *job)
{
    g_autofree char *text = g_strdup_printf("{\"version\": \"%s\"}", XCVR_PLUGIN_VERSION);

    (void)job;
    return xcvr_plugin_response_success(text, strlen(text));
}

typedef struct {
    const char *name;
    char *(*run)(Job *job);
} Function;

static const Function functions[] = {
    { "map", fn_map },
    { "module", fn_module },
    { "health", fn_health },
    { "version", fn_version },
};

static const char *const known_args[] = {
    "xapi", "root", "ovsdb", "eeprom_dir", "timeout", "iface", NULL,
};

/* Sets the answer once; later ones (a worker finishing after the deadline) are dropped. */
static void
job_answer(Job *job, char *response)
{
    g_mutex_lock(&job->lock);
    if (!job->done) {
        job->done = TRUE;
        job->response = response;
        response = NULL;
        g_cond_signal(&job->done_cond);
    }
    g_mutex_unlock(&job->lock);
    g_free(response);
}

static gpointer
worker(gpointer data)
{
    Job *job = data;
    guint i;

    for (i = 0; i < G_N_ELEMENTS(functions); i++) {
        if (strcmp(job->call->fn, functions[i].name) == 0) {
            job_answer(job, functions[i].run(job));
            return NULL;
        }
    }
    job_answer(job, failure("XCVRMAP_INTERNAL", "no such function"));
    return NULL;
}

static void
emit(const char *response)
{
    gsize len = strlen(response);
    gsize off = 0;

    while (off < len) {
        ssize_t n = write(STDOUT_FILENO, response + off, len - off);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        off += (gsize)n;
    }
}

static gboolean
is_function(const char *fn)
{
    guint i;

    for (i = 0; i < G_N_ELEMENTS(functions); i++) {
        if (strcmp(fn, functions[i].name) == 0)
            return TRUE;
    }
    return FALSE;
}

/* Checks the args; NULL when fine, else the Failure. */
static char *
check_args(Job *job, double *ret_timeout)
{
    GHashTableIter iter;
    gpointer key;
    const char *timeout_s = g_hash_table_lookup(job->call->args, "timeout");

    g_hash_table_iter_init(&iter, job->call->args);
    while (g_hash_table_iter_next(&iter, &key, NULL)) {
        if (!g_strv_contains(known_args, key)) {
            g_autofree char *msg = g_strdup_printf("unknown argument '%s' (known: xapi, root, "
                                                   "ovsdb, eeprom_dir, timeout, iface)",
                                                   (const char *)key);

            return failure("XCVRMAP_BAD_ARGS", msg);
        }
    }
    *ret_timeout = DEFAULT_TIMEOUT_S;
    if (timeout_s != NULL) {
        char *end = NULL;
        double t = g_ascii_strtod(timeout_s, &end);

        if (timeout_s[0] == '\0' || *end != '\0' || !(t > 0 && t <= 3600))
            return failure("XCVRMAP_BAD_ARGS", "timeout must be a number of seconds in (0, 3600]");
        *ret_timeout = t;
    }
    return NULL;
}

int
main(int argc, char **argv)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrPluginCall) call = NULL;
    Job job = { 0 };
    char *response = NULL;
    double timeout_s = DEFAULT_TIMEOUT_S;
    gint64 deadline;

    if (argc != 2) {
        response = failure("XCVRMAP_BAD_ARGS",
                           "expected one argument, the XML-RPC methodCall xapi passes");
        goto out;
    }
    call = xcvr_plugin_call_parse(argv[1], strlen(argv[1]), &error);
    if (call == NULL) {
        response = failure("XCVRMAP_BAD_ARGS", error->message);
        goto out;
    }
    if (!is_function(call->fn)) {
        const char *params[] = { call->fn, NULL };

        response = xcvr_plugin_response_failure("UNKNOWN_XENAPI_PLUGIN_FUNCTION", params);
        goto out;
    }
    job.call = call;
    response = check_args(&job, &timeout_s);
    if (response != NULL)
        goto out;
    job.xapi = g_hash_table_lookup(call->args, "xapi");
    job.root = g_hash_table_lookup(call->args, "root");
    job.ovsdb = g_hash_table_lookup(call->args, "ovsdb");
    job.eeprom_dir = g_hash_table_lookup(call->args, "eeprom_dir");
    if (job.xapi != NULL && job.xapi[0] == '\0')
        job.xapi = NULL;
    if (job.root != NULL && job.root[0] == '\0')
        job.root = NULL;
    if (job.eeprom_dir != NULL && job.eeprom_dir[0] == '\0')
        job.eeprom_dir = NULL;
    job.timeout_ms = (guint)(timeout_s * 1000);
    job.work_deadline = g_get_monotonic_time() + (gint64)(timeout_s * 0.8 * G_USEC_PER_SEC);
    g_mutex_init(&job.lock);
    g_cond_init(&job.done_cond);

    /* the worker is never joined: past the deadline it is left where it hangs */
    g_thread_unref(g_thread_new("xcvrmap-plugin", worker, &job));
    deadline = g_get_monotonic_time() + (gint64)(timeout_s * G_USEC_PER_SEC);
    g_mutex_lock(&job.lock);
    while (!job.done) {
        if (!g_cond_wait_until(&job.done_cond, &job.lock, deadline))
            break;
    }
    if (job.done) {
        response = g_steal_pointer(&job.response);
    } else {
        g_autofree char *msg = g_strdup_printf("%s did not finish within %g s", call->fn,
                                               timeout_s);

        job.done = TRUE; /* a late answer is dropped */
        response = failure("XCVRMAP_TIMEOUT", msg);
    }
    g_mutex_unlock(&job.lock);
    if (response == NULL)
        response = failure("XCVRMAP_INTERNAL", "no answer");
    emit(response);
    /* the worker may still be stuck in the kernel: leave without waiting for it */
    _exit(0);
out:
    emit(response);
    g_free(response);
    return 0;
}
