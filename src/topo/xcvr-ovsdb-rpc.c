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
#include "core/xcvr-json-private.h"
#include "render/xcvr-json-writer-private.h"
#include "render/xcvr-json-writer-tree-private.h"

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

/* A request is protocol, not text for people: its strings go as they are, quoted only as
 * JSON needs, never through the display escaping the writer does by default. */
static void
writer_init(XcvrJsonWriter *w, GString *out)
{
    xcvr_json_writer_init(w, out, FALSE, 0);
    w->escape = FALSE;
}

static void
add_select(XcvrJsonWriter *w, const char *table, const char *const *columns, gsize n_columns)
{
    gsize i;

    xcvr_json_writer_begin_object(w);
    xcvr_json_writer_key(w, "op");
    xcvr_json_writer_string(w, "select");
    xcvr_json_writer_key(w, "table");
    xcvr_json_writer_string(w, table);
    xcvr_json_writer_key(w, "where");
    xcvr_json_writer_begin_array(w);
    xcvr_json_writer_end_array(w);
    if (columns != NULL) {
        xcvr_json_writer_key(w, "columns");
        xcvr_json_writer_begin_array(w);
        for (i = 0; i < n_columns; i++)
            xcvr_json_writer_string(w, columns[i]);
        xcvr_json_writer_end_array(w);
    }
    xcvr_json_writer_end_object(w);
}

/* {"method": "transact", "params": ["Open_vSwitch", select…], "id": REQUEST_ID} */
static GString *
build_request(void)
{
    GString *out = g_string_new(NULL);
    XcvrJsonWriter w;

    writer_init(&w, out);
    xcvr_json_writer_begin_object(&w);
    xcvr_json_writer_key(&w, "method");
    xcvr_json_writer_string(&w, "transact");
    xcvr_json_writer_key(&w, "params");
    xcvr_json_writer_begin_array(&w);
    xcvr_json_writer_string(&w, "Open_vSwitch");
    add_select(&w, "Bridge", bridge_columns, G_N_ELEMENTS(bridge_columns));
    add_select(&w, "Port", NULL, 0);
    add_select(&w, "Interface", iface_columns, G_N_ELEMENTS(iface_columns));
    xcvr_json_writer_end_array(&w);
    xcvr_json_writer_key(&w, "id");
    xcvr_json_writer_int(&w, REQUEST_ID);
    xcvr_json_writer_end_object(&w);
    return out;
}

/* RFC 7047 §4.1.11: the server probes idle clients with echo; the answer repeats params. */
static gboolean
answer_echo(const Conn *conn, const json_t *msg, GError **error)
{
    g_autoptr(GString) text = g_string_new(NULL);
    const json_t *params = json_object_get(msg, "params");
    XcvrJsonWriter w;

    writer_init(&w, text);
    xcvr_json_writer_begin_object(&w);
    xcvr_json_writer_key(&w, "id");
    /* the message was read with xcvr_json_parse()'s bound, well within the writer's */
    xcvr_json_writer_tree(&w, json_object_get(msg, "id"));
    xcvr_json_writer_key(&w, "result");
    if (params != NULL) {
        xcvr_json_writer_tree(&w, params);
    } else {
        xcvr_json_writer_begin_array(&w);
        xcvr_json_writer_end_array(&w);
    }
    xcvr_json_writer_key(&w, "error");
    xcvr_json_writer_null(&w);
    xcvr_json_writer_end_object(&w);
    return conn_send(conn, text->str, text->len, error);
}

/* A JSON-RPC or ovsdb error value: a string, or {"error": …, "details": …}. */
static char *
describe_error(const json_t *node)
{
    const char *what;
    const char *details;

    if (json_is_string(node))
        return g_strdup(json_string_value(node));
    if (!json_is_object(node))
        return g_strdup("unknown error");
    what = xcvr_json_get_string(node, "error");
    details = xcvr_json_get_string(node, "details");
    if (what == NULL)
        what = "unknown error";
    if (details != NULL)
        return g_strdup_printf("%s (%s)", what, details);
    return g_strdup(what);
}

/* Turns the transact reply into the model. */
static XcvrOvs *
handle_reply(const Conn *conn, const json_t *msg, GError **error)
{
    static const char *const tables[] = { "Bridge", "Port", "Interface" };
    const json_t *err = json_object_get(msg, "error");
    const json_t *result = json_object_get(msg, "result");
    const json_t *rows[G_N_ELEMENTS(tables)] = { NULL };
    gsize i;

    if (err != NULL && !json_is_null(err)) {
        g_autofree char *what = describe_error(err);

        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "%s: ovsdb-server: %s",
                    conn->path, what);
        return NULL;
    }
    if (!json_is_array(result) || json_array_size(result) < G_N_ELEMENTS(tables)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "%s: the transact reply has no result for each of the three selects",
                    conn->path);
        return NULL;
    }
    for (i = 0; i < G_N_ELEMENTS(tables); i++) {
        const json_t *op = json_array_get(result, i);
        const json_t *op_err;
        const json_t *op_rows;

        if (!json_is_object(op)) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "%s: the select on %s returned no object", conn->path, tables[i]);
            return NULL;
        }
        op_err = json_object_get(op, "error");
        if (op_err != NULL && !json_is_null(op_err)) {
            g_autofree char *what = describe_error(op);

            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "%s: ovsdb-server: select on %s: %s", conn->path, tables[i], what);
            return NULL;
        }
        op_rows = json_object_get(op, "rows");
        if (!json_is_array(op_rows)) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "%s: the select on %s returned no rows array", conn->path, tables[i]);
            return NULL;
        }
        rows[i] = op_rows;
    }
    return xcvr_ovs_new_from_rows(rows[0], rows[1], rows[2], error);
}

static gboolean
is_our_id(const json_t *id)
{
    return json_is_integer(id) && json_integer_value(id) == REQUEST_ID;
}

/* Handles one message from the server. Returns TRUE with *ret_ovs set (or @error set)
 * once the reply to our request has come; FALSE to keep reading. */
static gboolean
handle_message(const Conn *conn, const json_t *msg, XcvrOvs **ret_ovs, GError **error)
{
    const json_t *method;

    if (!json_is_object(msg)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "%s: the server sent a JSON-RPC message that is not an object", conn->path);
        return TRUE;
    }
    method = json_object_get(msg, "method");
    if (method != NULL && !json_is_null(method)) {
        const char *name = json_string_value(method);
        const json_t *id = json_object_get(msg, "id");

        /* Requests (with an id) other than echo and notifications need no answer here:
         * ovsdb-server sends only echo, and "update"/"locked" after requests we never make. */
        if (g_strcmp0(name, "echo") == 0 && id != NULL && !json_is_null(id)) {
            if (!answer_echo(conn, msg, error))
                return TRUE;
        }
        return FALSE;
    }
    if (!is_our_id(json_object_get(msg, "id")))
        return FALSE;
    *ret_ovs = handle_reply(conn, msg, error);
    return TRUE;
}

static XcvrOvs *
ovs_from_socket(const char *path, guint timeout_ms, GError **error)
{
    g_autoptr(Conn) conn = NULL;
    g_autoptr(GByteArray) buf = g_byte_array_new();
    g_autoptr(GString) request = NULL;
    XcvrJsonSplit split = { 0 };
    gsize total = 0;

    conn = conn_open(path, timeout_ms, error);
    if (conn == NULL)
        return NULL;
    request = build_request();
    if (!conn_send(conn, request->str, request->len, error))
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
            g_autoptr(json_t) node = NULL;
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
