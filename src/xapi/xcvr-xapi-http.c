/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-xapi-http.c: one HTTP/1.1 POST to `/` on xapi's unix socket, on a non-blocking
 * socket driven by poll() under one deadline, so that an xapi that accepts and then never
 * answers cannot hang the caller; the reply is capped.
 *
 * Implements: RFC 9112 §6 (message body length: Content-Length, chunked, or until close).
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <xcvrmap/xcvr-error.h>

#include "xcvr-xapi-private.h"

#define MAX_HEADER (64 * 1024)

typedef struct {
    int fd;
    const char *path;
    gint64 deadline;
    guint64 *read;
    int cancel_fd; /* readable: give up now (-1: none) */
} Conn;

static int
remaining_ms(const Conn *c)
{
    gint64 left = c->deadline - g_get_monotonic_time();

    if (left <= 0)
        return 0;
    left = (left + 999) / 1000;
    return left > INT_MAX ? INT_MAX : (int)left;
}

static gboolean
conn_wait(const Conn *c, short events, GError **error)
{
    for (;;) {
        struct pollfd pfd[2] = { { .fd = c->fd, .events = events },
                                 { .fd = c->cancel_fd, .events = POLLIN } };
        int ms = remaining_ms(c);
        int r;

        if (ms == 0) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_TIMEOUT,
                        "%s: xapi did not answer in time", c->path);
            return FALSE;
        }
        r = poll(pfd, c->cancel_fd >= 0 ? 2 : 1, ms);
        if (r > 0 && c->cancel_fd >= 0 && pfd[1].revents != 0) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_FAILED, "%s: call cancelled", c->path);
            return FALSE;
        }
        if (r > 0)
            return TRUE;
        if (r < 0 && errno != EINTR) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "%s: poll: %s", c->path,
                        g_strerror(errno));
            return FALSE;
        }
    }
}

static gboolean
conn_open(Conn *c, GError **error)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int saved;

    if (strlen(c->path) >= sizeof addr.sun_path) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_ARGUMENT,
                    "%s: socket path too long", c->path);
        return FALSE;
    }
    strcpy(addr.sun_path, c->path);
    c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c->fd < 0) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "socket: %s", g_strerror(errno));
        return FALSE;
    }
    if (connect(c->fd, (struct sockaddr *)&addr, sizeof addr) == 0)
        return TRUE;
    saved = errno;
    if (saved == EINPROGRESS || saved == EAGAIN) {
        int err = 0;
        socklen_t len = sizeof err;

        if (!conn_wait(c, POLLOUT, error))
            return FALSE;
        if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0)
            return TRUE;
        saved = err;
    }
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "cannot reach xapi at %s: %s", c->path,
                g_strerror(saved));
    return FALSE;
}

static gboolean
conn_write(Conn *c, const char *data, gsize len, GError **error)
{
    while (len > 0) {
        ssize_t n = send(c->fd, data, len, MSG_NOSIGNAL);

        if (n > 0) {
            data += n;
            len -= (gsize)n;
        } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            if (!conn_wait(c, POLLOUT, error))
                return FALSE;
        } else {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "%s: send: %s", c->path,
                        g_strerror(errno));
            return FALSE;
        }
    }
    return TRUE;
}

/* Appends what arrives to @buf; FALSE at end of stream (with @error unset) or failure. */
static gboolean
conn_read_some(Conn *c, GByteArray *buf, GError **error)
{
    guint8 chunk[65536];

    for (;;) {
        ssize_t n = recv(c->fd, chunk, sizeof chunk, 0);

        if (n > 0) {
            g_byte_array_append(buf, chunk, (guint)n);
            *c->read += (guint64)n;
            return TRUE;
        }
        if (n == 0)
            return FALSE;
        if (errno == EAGAIN || errno == EINTR) {
            if (!conn_wait(c, POLLIN, error))
                return FALSE;
            continue;
        }
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "%s: recv: %s", c->path,
                    g_strerror(errno));
        return FALSE;
    }
}

static const char *
find_header_end(const GByteArray *buf)
{
    const char *d = (const char *)buf->data;
    guint i;

    for (i = 0; i + 3 < buf->len; i++) {
        if (memcmp(d + i, "\r\n\r\n", 4) == 0)
            return d + i + 4;
    }
    return NULL;
}

/* The value of header @name in @head (lines after the status line), or NULL. */
static char *
header_value(char **lines, const char *name)
{
    gsize n = strlen(name);
    guint i;

    for (i = 1; lines[i] != NULL; i++) {
        if (g_ascii_strncasecmp(lines[i], name, n) == 0 && lines[i][n] == ':')
            return g_strstrip(g_strdup(lines[i] + n + 1));
    }
    return NULL;
}

/* Decodes a chunked body in place of @body; FALSE when incomplete, -1 when malformed. */
static int
dechunk(const char *body, gsize len, GByteArray *out, gsize max)
{
    gsize pos = 0;

    g_byte_array_set_size(out, 0);
    for (;;) {
        const char *eol = g_strstr_len(body + pos, (gssize)(len - pos), "\r\n");
        char *end = NULL;
        guint64 size;

        if (eol == NULL)
            return 0;
        size = g_ascii_strtoull(body + pos, &end, 16);
        if (end == body + pos || (*end != '\r' && *end != ';'))
            return -1;
        if (size > max || out->len + size > max)
            return -1;
        pos = (gsize)(eol - body) + 2;
        if (size == 0)
            return 1;
        if (len - pos < size + 2)
            return 0;
        g_byte_array_append(out, (const guint8 *)body + pos, (guint)size);
        pos += size + 2;
    }
}

char *
xcvr_xapi_http_post(const char *socket_path, const char *body, gsize body_len,
                    gint64 deadline, gsize max_body, gsize *ret_len, guint64 *ret_read,
                    GError **error)
{
    return xcvr_xapi_http_post_cancellable(socket_path, body, body_len, deadline, -1,
                                           max_body, ret_len, ret_read, error);
}

char *
xcvr_xapi_http_post_cancellable(const char *socket_path, const char *body, gsize body_len,
                                gint64 deadline, int cancel_fd, gsize max_body,
                                gsize *ret_len, guint64 *ret_read, GError **error)
{
    Conn c = { .fd = -1, .path = socket_path, .deadline = deadline, .read = ret_read,
               .cancel_fd = cancel_fd };
    g_autoptr(GByteArray) buf = g_byte_array_new();
    g_autoptr(GByteArray) chunked = g_byte_array_new();
    g_autofree char *req = NULL;
    g_autofree char *head = NULL;
    g_autofree char *clen = NULL;
    g_autofree char *te = NULL;
    g_auto(GStrv) lines = NULL;
    const char *body_start = NULL;
    char *result = NULL;
    gboolean eof = FALSE;
    gint64 want = -1;
    int status = 0;

    if (!conn_open(&c, error))
        goto out;
    req = g_strdup_printf("POST / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: xcvrmap\r\n"
                          "Content-Type: text/xml\r\nContent-Length: %" G_GSIZE_FORMAT
                          "\r\nConnection: close\r\n\r\n",
                          body_len);
    if (!conn_write(&c, req, strlen(req), error) || !conn_write(&c, body, body_len, error))
        goto out;

    while ((body_start = find_header_end(buf)) == NULL) {
        if (buf->len > MAX_HEADER) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "%s: HTTP header larger than %d bytes", socket_path, MAX_HEADER);
            goto out;
        }
        if (!conn_read_some(&c, buf, error)) {
            if (error == NULL || *error == NULL)
                g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                            "%s: xapi closed the connection without an HTTP reply",
                            socket_path);
            goto out;
        }
    }
    head = g_strndup((const char *)buf->data, (gsize)(body_start - (const char *)buf->data));
    lines = g_strsplit(head, "\r\n", -1);
    if (sscanf(lines[0], "HTTP/1.%*d %d", &status) != 1) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "%s: not an HTTP reply",
                    socket_path);
        goto out;
    }
    if (status != 200) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_IO, "%s: HTTP status %d from xapi",
                    socket_path, status);
        goto out;
    }
    clen = header_value(lines, "Content-Length");
    te = header_value(lines, "Transfer-Encoding");
    if (clen != NULL) {
        char *end = NULL;

        want = g_ascii_strtoll(clen, &end, 10);
        if (*end != '\0' || want < 0) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "%s: bad Content-Length", socket_path);
            goto out;
        }
        if ((guint64)want > max_body) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "%s: reply of %" G_GINT64_FORMAT " bytes is over the %" G_GSIZE_FORMAT
                        "-byte cap", socket_path, want, max_body);
            goto out;
        }
    }
    /* drop the header: buf holds the body from here on */
    g_byte_array_remove_range(buf, 0, (guint)strlen(head));

    for (;;) {
        if (te != NULL && g_ascii_strcasecmp(te, "chunked") == 0) {
            int r = dechunk((const char *)buf->data, buf->len, chunked, max_body);

            if (r < 0) {
                g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                            "%s: bad or oversized chunked body", socket_path);
                goto out;
            }
            if (r > 0) {
                *ret_len = chunked->len;
                g_byte_array_append(chunked, (const guint8 *)"", 1);
                result = (char *)g_byte_array_free(g_steal_pointer(&chunked), FALSE);
                goto out;
            }
        } else if (want >= 0 && buf->len >= (guint64)want) {
            g_byte_array_set_size(buf, (guint)want);
            break;
        } else if (eof) {
            break;
        }
        if (buf->len > max_body + 64) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "%s: reply is over the %" G_GSIZE_FORMAT "-byte cap", socket_path,
                        max_body);
            goto out;
        }
        if (eof || !conn_read_some(&c, buf, error)) {
            if (error != NULL && *error != NULL)
                goto out;
            if (eof || want >= 0 || te != NULL) {
                g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                            "%s: xapi closed the connection mid-reply", socket_path);
                goto out;
            }
            eof = TRUE;
        }
    }
    *ret_len = buf->len;
    g_byte_array_append(buf, (const guint8 *)"", 1);
    result = (char *)g_byte_array_free(g_steal_pointer(&buf), FALSE);
out:
    if (c.fd >= 0)
        close(c.fd);
    return result;
}
