/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-ovsdb-rpc.c: xcvr_ovs_open(): one JSON-RPC `transact` with ovsdb-server over its unix
 * socket (three selects: Bridge, Port, Interface), or a dump file read from disk.
 *
 * Implements: RFC 7047 §4 (JSON-RPC methods: transact, echo) and §5.2.1 (select).
 * The exchange runs under one deadline, on a non-blocking socket driven by poll(), so a
 * server that accepts and then says nothing cannot hang the caller.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-ovs.h>

#include "xcvr-ovs-private.h"

#include "core/xcvr-host-file-private.h"

#define DEFAULT_TIMEOUT_MS 5000
#define RECV_CHUNK 65536
/* Our one request's id; anything else with an id is not our answer. */
#define REQUEST_ID 1

/* Interface and Bridge columns the model reads. Port is selected whole: its active bond
 * member is `bond_active_slave` in every released schema but may be renamed
 * `bond_active_member`, and naming a column the server's schema lacks fails the select. */
static const char *const bridge_columns[] = { "_uuid", "name", "datapath_type", "ports" };
static const char *const iface_columns[] = {
    "_uuid", "name", "type", "options", "external_ids", "mac_in_use", "link_state",
};

typedef struct {
    int fd;
    const char *path; /* borrowed, for messages */
    gint64 deadline;  /* g_get_monotonic_time() units */
} Conn;

static void
conn_free(Conn *conn)
{
    if (conn == NULL)
        return;
    if (conn->fd >= 0)
        close(conn->fd);
    g_free(conn);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Conn, conn_free)

/* Milliseconds left before the deadline, rounded up so poll() never wakes early. */
static int
remaining_ms(const Conn *conn)
{
    gint64 left = conn->deadline - g_get_monotonic_time();

    if (left <= 0)
        return 0;
    left = (left + 999) / 1000;
    return left > INT_MAX ? INT_MAX : (int)left;
}

static gboolean
set_timeout_error(const Conn *conn, GError **error)
{
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_TIMEOUT,
                "%s: ovsdb-server did not answer in time", conn->path);
    return FALSE;
}

/* Waits until @events are ready on the socket, or fails at the deadline. */
static gboolean
conn_wait(const Conn *conn, short events, GError **error)
{
    for (;;) {
        struct pollfd pfd = { .fd = conn->fd, .events = events };
        int ms = remaining_ms(conn);
        int r;

        if (ms == 0)
            return set_timeout_error(conn, error);
        r = poll(&pfd, 1, ms);
        if (r > 0)
            return TRUE;
        if (r == 0)
            return set_timeout_error(conn, error);
        if (errno != EINTR) {
            int err = errno;

            g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "%s: poll: %s", conn->path,
                        g_strerror(err));
            return FALSE;
        }
    }
}

static gboolean
set_connect_error(const char *path, int err, GError **error)
{
    switch (err) {
    case ECONNREFUSED:
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO,
                    "%s: connection refused (is ovsdb-server running?)", path);
        break;
    case EACCES:
    case EPERM:
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_PERMISSION,
                    "%s: %s (ovsdb's socket is usually for root only)", path, g_strerror(err));
        break;
    case ENOENT:
    case ENOTDIR:
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE, "%s: %s", path, g_strerror(err));
        break;
    default:
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "%s: connect: %s", path, g_strerror(err));
        break;
    }
    return FALSE;
}

static Conn *
conn_open(const char *path, guint timeout_ms, GError **error)
{
    g_autoptr(Conn) conn = g_new0(Conn, 1);
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    gsize path_len = strlen(path);

    conn->fd = -1;
    conn->path = path;
    conn->deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;

    if (path_len >= sizeof(addr.sun_path)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_ARGUMENT,
                    "%s: socket path longer than the %zu bytes a unix socket address holds",
                    path, sizeof(addr.sun_path) - 1);
        return NULL;
    }
    memcpy(addr.sun_path, path, path_len);

    conn->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (conn->fd < 0) {
        int err = errno;

        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "socket: %s", g_strerror(err));
        return NULL;
    }

    for (;;) {
        int err;
        socklen_t err_len = sizeof(err);

        if (connect(conn->fd, (const struct sockaddr *)&addr, sizeof(addr)) == 0)
            break;
        err = errno;
        if (err == EAGAIN) {
            /* A unix socket says EAGAIN when the listener's backlog is full, and the
             * attempt is over: try again shortly, within the deadline. */
            if (remaining_ms(conn) == 0) {
                set_timeout_error(conn, error);
                return NULL;
            }
            g_usleep(10 * 1000);
            continue;
        }
        if (err != EINPROGRESS && err != EINTR) {
            set_connect_error(path, err, error);
            return NULL;
        }
        /* In progress (or interrupted, which POSIX says carries on asynchronously). */
        if (!conn_wait(conn, POLLOUT, error))
            return NULL;
        if (getsockopt(conn->fd, SOL_SOCKET, SO_ERROR, &err, &err_len) < 0)
            err = errno;
        if (err != 0) {
            set_connect_error(path, err, error);
            return NULL;
        }
        break;
    }
    return g_steal_pointer(&conn);
}

static gboolean
conn_send(const Conn *conn, const char *data, gsize len, GError **error)
{
    gsize done = 0;

    while (done < len) {
        /* MSG_NOSIGNAL: a peer gone away is an error to report, not a SIGPIPE. */
        ssize_t n = send(conn->fd, data + done, len - done, MSG_NOSIGNAL);

        if (n >= 0) {
            done += (gsize)n;
            continue;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            if (!conn_wait(conn, POLLOUT, error))
                return FALSE;
            continue;
        }
        {
            int err = errno;

            g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "%s: send: %s", conn->path,
                        g_strerror(err));
            return FALSE;
        }
    }
    return TRUE;
}

static char *
node_to_string(JsonNode *node, gsize *ret_len)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();

    json_generator_set_root(gen, node);
    return json_generator_to_data(gen, ret_len);
}

static void
add_select(JsonBuilder *b, const char *table, const char *const *columns, gsize n_columns)
{
    gsize i;

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "op");
    json_builder_add_string_value(b, "select");
    json_builder_set_member_name(b, "table");
    json_builder_add_string_value(b, table);
    json_builder_set_member_name(b, "where");
    json_builder_begin_array(b);
    json_builder_end_array(b);
    if (columns != NULL) {
        json_builder_set_member_name(b, "columns");
        json_builder_begin_array(b);
        for (i = 0; i < n_columns; i++)
            json_builder_add_string_value(b, columns[i]);
        json_builder_end_array(b);
    }
    json_builder_end_object(b);
}

/* {"method": "transact", "params": ["Open_vSwitch", select…], "id": REQUEST_ID} */
static char *
build_request(gsize *ret_len)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(JsonNode) root = NULL;

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "method");
    json_builder_add_string_value(b, "transact");
    json_builder_set_member_name(b, "params");
    json_builder_begin_array(b);
    json_builder_add_string_value(b, "Open_vSwitch");
    add_select(b, "Bridge", bridge_columns, G_N_ELEMENTS(bridge_columns));
    add_select(b, "Port", NULL, 0);
    add_select(b, "Interface", iface_columns, G_N_ELEMENTS(iface_columns));
    json_builder_end_array(b);
    json_builder_set_member_name(b, "id");
    json_builder_add_int_value(b, REQUEST_ID);
    json_builder_end_object(b);
    root = json_builder_get_root(b);
    return node_to_string(root, ret_len);
}

/* RFC 7047 §4.1.11: the server probes idle clients with echo; the answer repeats params. */
static gboolean
answer_echo(const Conn *conn, JsonObject *msg, GError **error)
{
    g_autoptr(JsonObject) reply = json_object_new();
    g_autoptr(JsonArray) no_params = json_array_new();
    g_autoptr(JsonNode) root = json_node_new(JSON_NODE_OBJECT);
    JsonNode *params = json_object_get_member(msg, "params");
    JsonNode *id = json_object_get_member(msg, "id");
    g_autofree char *text = NULL;
    gsize len = 0;

    json_object_set_member(reply, "id", json_node_copy(id));
    if (params != NULL)
        json_object_set_member(reply, "result", json_node_copy(params));
    else
        json_object_set_member(reply, "result", json_node_init_array(json_node_alloc(), no_params));
    json_object_set_member(reply, "error", json_node_new(JSON_NODE_NULL));
    json_node_set_object(root, reply);
    text = node_to_string(root, &len);
    return conn_send(conn, text, len, error);
}

/* A JSON-RPC or ovsdb error value: a string, or {"error": …, "details": …}. */
static char *
describe_error(JsonNode *node)
{
    JsonObject *obj;
    JsonNode *e;
    JsonNode *d;
    const char *what = NULL;
    const char *details = NULL;

    if (JSON_NODE_TYPE(node) == JSON_NODE_VALUE &&
        json_node_get_value_type(node) == G_TYPE_STRING)
        return g_strdup(json_node_get_string(node));
    if (JSON_NODE_TYPE(node) != JSON_NODE_OBJECT)
        return g_strdup("unknown error");
    obj = json_node_get_object(node);
    e = json_object_get_member(obj, "error");
    d = json_object_get_member(obj, "details");
    if (e != NULL && JSON_NODE_TYPE(e) == JSON_NODE_VALUE &&
        json_node_get_value_type(e) == G_TYPE_STRING)
        what = json_node_get_string(e);
    if (d != NULL && JSON_NODE_TYPE(d) == JSON_NODE_VALUE &&
        json_node_get_value_type(d) == G_TYPE_STRING)
        details = json_node_get_string(d);
    if (what == NULL)
        what = "unknown error";
    if (details != NULL)
        return g_strdup_printf("%s (%s)", what, details);
    return g_strdup(what);
}

/* Turns the transact reply into the model. */
static XcvrOvs *
handle_reply(const Conn *conn, JsonObject *msg, GError **error)
{
    static const char *const tables[] = { "Bridge", "Port", "Interface" };
    JsonNode *err = json_object_get_member(msg, "error");
    JsonNode *result = json_object_get_member(msg, "result");
    JsonArray *rows[G_N_ELEMENTS(tables)] = { NULL };
    JsonArray *ops;
    gsize i;

    if (err != NULL && JSON_NODE_TYPE(err) != JSON_NODE_NULL) {
        g_autofree char *what = describe_error(err);

        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "%s: ovsdb-server: %s",
                    conn->path, what);
        return NULL;
    }
    if (result == NULL || JSON_NODE_TYPE(result) != JSON_NODE_ARRAY ||
        json_array_get_length(json_node_get_array(result)) < G_N_ELEMENTS(tables)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "%s: the transact reply has no result for each of the three selects",
                    conn->path);
        return NULL;
    }
    ops = json_node_get_array(result);
    for (i = 0; i < G_N_ELEMENTS(tables); i++) {
        JsonNode *op = json_array_get_element(ops, (guint)i);
        JsonObject *obj;
        JsonNode *op_err;
        JsonNode *op_rows;

        if (JSON_NODE_TYPE(op) != JSON_NODE_OBJECT) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "%s: the select on %s returned no object", conn->path, tables[i]);
            return NULL;
        }
        obj = json_node_get_object(op);
        op_err = json_object_get_member(obj, "error");
        if (op_err != NULL && JSON_NODE_TYPE(op_err) != JSON_NODE_NULL) {
            g_autofree char *what = describe_error(op);

            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "%s: ovsdb-server: select on %s: %s", conn->path, tables[i], what);
            return NULL;
        }
        op_rows = json_object_get_member(obj, "rows");
        if (op_rows == NULL || JSON_NODE_TYPE(op_rows) != JSON_NODE_ARRAY) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "%s: the select on %s returned no rows array", conn->path, tables[i]);
            return NULL;
        }
        rows[i] = json_node_get_array(op_rows);
    }
    return xcvr_ovs_new_from_rows(rows[0], rows[1], rows[2], error);
}

static gboolean
is_our_id(JsonNode *id)
{
    return id != NULL && JSON_NODE_TYPE(id) == JSON_NODE_VALUE &&
           json_node_get_value_type(id) == G_TYPE_INT64 && json_node_get_int(id) == REQUEST_ID;
}

/* Handles one message from the server. Returns TRUE with *ret_ovs set (or @error set)
 * once the reply to our request has come; FALSE to keep reading. */
static gboolean
handle_message(const Conn *conn, JsonNode *node, XcvrOvs **ret_ovs, GError **error)
{
    JsonObject *msg;
    JsonNode *method;

    if (JSON_NODE_TYPE(node) != JSON_NODE_OBJECT) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "%s: the server sent a JSON-RPC message that is not an object", conn->path);
        return TRUE;
    }
    msg = json_node_get_object(node);
    method = json_object_get_member(msg, "method");
    if (method != NULL && JSON_NODE_TYPE(method) != JSON_NODE_NULL) {
        const char *name = NULL;
        JsonNode *id = json_object_get_member(msg, "id");

        if (JSON_NODE_TYPE(method) == JSON_NODE_VALUE &&
            json_node_get_value_type(method) == G_TYPE_STRING)
            name = json_node_get_string(method);
        /* Requests (with an id) other than echo and notifications need no answer here:
         * ovsdb-server sends only echo, and "update"/"locked" after requests we never make. */
        if (g_strcmp0(name, "echo") == 0 && id != NULL && JSON_NODE_TYPE(id) != JSON_NODE_NULL) {
            if (!answer_echo(conn, msg, error))
                return TRUE;
        }
        return FALSE;
    }
    if (!is_our_id(json_object_get_member(msg, "id")))
        return FALSE;
    *ret_ovs = handle_reply(conn, msg, error);
    return TRUE;
}

static XcvrOvs *
ovs_from_socket(const char *path, guint timeout_ms, GError **error)
{
    g_autoptr(Conn) conn = NULL;
    g_autoptr(GByteArray) buf = g_byte_array_new();
    g_autofree char *request = NULL;
    XcvrJsonSplit split = { 0 };
    gsize request_len = 0;
    gsize total = 0;

    conn = conn_open(path, timeout_ms, error);
    if (conn == NULL)
        return NULL;
    request = build_request(&request_len);
    if (!conn_send(conn, request, request_len, error))
        return NULL;

    for (;;) {
        gsize old = buf->len;
        gsize start;
        gsize end;
        gsize consumed = 0;
        ssize_t n;
        int r;

        if (!conn_wait(conn, POLLIN, error))
            return NULL;
        g_byte_array_set_size(buf, (guint)(old + RECV_CHUNK));
        n = recv(conn->fd, buf->data + old, RECV_CHUNK, 0);
        if (n < 0) {
            int err = errno;

            g_byte_array_set_size(buf, (guint)old);
            if (err == EINTR || err == EAGAIN || err == EWOULDBLOCK)
                continue;
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "%s: recv: %s", path,
                        g_strerror(err));
            return NULL;
        }
        g_byte_array_set_size(buf, (guint)(old + (gsize)n));
        if (n == 0) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO,
                        "%s: ovsdb-server closed the connection before answering", path);
            return NULL;
        }
        total += (gsize)n;
        if (total > XCVR_OVS_MAX_BYTES) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "%s: the server sent more than %u MiB without finishing its answer",
                        path, XCVR_OVS_MAX_BYTES >> 20);
            return NULL;
        }

        while ((r = xcvr_json_split_next(&split, (const char *)buf->data, buf->len, &start,
                                         &end, error)) == 1) {
            g_autoptr(JsonNode) node = NULL;
            XcvrOvs *ovs = NULL;

            node = xcvr_ovs_parse_json((const char *)buf->data + start, end - start, error);
            if (node == NULL) {
                g_prefix_error(error, "%s: ", path);
                return NULL;
            }
            if (handle_message(conn, node, &ovs, error))
                return ovs;
            consumed = end;
        }
        if (r < 0) {
            g_prefix_error(error, "%s: ", path);
            return NULL;
        }
        if (consumed > 0) {
            g_byte_array_remove_range(buf, 0, (guint)consumed);
            xcvr_json_split_shift(&split, consumed);
        }
    }
}

static XcvrOvs *
ovs_from_file(const char *path, guint timeout_ms, GError **error)
{
    g_autofree char *data = NULL;
    gsize len = 0;
    gint64 deadline = timeout_ms != 0 ? g_get_monotonic_time() + (gint64)timeout_ms * 1000 : 0;
    XcvrOvs *ovs;

    /* the file the caller named may be a link, but only to a regular file; swapped for a
     * FIFO or grown past the cap since stat(), it is refused */
    if (!xcvr_host_file_read(path, XCVR_HOST_FILE_FOLLOW, XCVR_OVS_MAX_BYTES, deadline, &data,
                             &len, error))
        return NULL;
    ovs = xcvr_ovs_new_from_dump(data, (gssize)len, error);
    if (ovs == NULL)
        g_prefix_error(error, "%s: ", path);
    return ovs;
}

/**
 * xcvr_ovs_open:
 * @path: a unix socket ovsdb-server listens on, or a file holding what
 *   `ovsdb-client dump --format=json` prints (for `Open_vSwitch`)
 * @timeout_ms: deadline for the whole exchange over a socket (0: 5000 ms), or for reading
 *   the file (0: none; a file is read only when regular and at most 64 MiB in any case)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the snapshot, or %NULL with @error set:
 * %XCVR_ERROR_NO_DEVICE when @path does not exist, %XCVR_ERROR_IO when the socket refuses
 * or fails, %XCVR_ERROR_TIMEOUT when ovsdb-server does not answer in time,
 * %XCVR_ERROR_INVALID_DATA when the reply or the file is not what ovsdb speaks.
 *
 * Since: 0.1
 */
XcvrOvs *
xcvr_ovs_open(const char *path, guint timeout_ms, GError **error)
{
    struct stat st;

    g_return_val_if_fail(path != NULL, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    if (stat(path, &st) < 0) {
        int err = errno;

        if (err == ENOENT || err == ENOTDIR)
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE, "%s does not exist", path);
        else if (err == EACCES || err == EPERM)
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_PERMISSION, "%s: %s", path,
                        g_strerror(err));
        else
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "%s: %s", path, g_strerror(err));
        return NULL;
    }
    if (S_ISSOCK(st.st_mode))
        return ovs_from_socket(path, timeout_ms != 0 ? timeout_ms : DEFAULT_TIMEOUT_MS, error);
    if (S_ISREG(st.st_mode))
        return ovs_from_file(path, timeout_ms, error);
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_ARGUMENT,
                "%s is neither a unix socket nor a regular file", path);
    return NULL;
}
