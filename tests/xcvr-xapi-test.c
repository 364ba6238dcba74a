/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-xapi-test.c: libxcvrmap-xapi's own parts: the XML-RPC reply reader (every value form
 * xapi and Python's xmlrpc send, faults, and the documents it must refuse: DTDs, entity
 * bombs, deep nesting), the methodCall writer, the HTTP framing over a real unix socket
 * served by a thread (Content-Length, chunked, close-delimited, the size cap, a server that
 * never answers), and /etc/xensource-inventory.
 */
#include "xcvr-test-util.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <xcvrmap/xcvr-error.h>

#include "xapi/xcvr-xapi-private.h"

static GVariant *
parse(const char *doc, GError **error)
{
    return xcvr_xmlrpc_parse_response(doc, strlen(doc), error);
}

#define RESP(v) "<?xml version='1.0'?>\n<methodResponse><params><param>" v \
                "</param></params></methodResponse>"

static void
test_values(void **state)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(GVariant) v = parse(RESP(
        "<value><struct>"
        "<member><name>bare</name><value>OpaqueRef:1 &amp; 2</value></member>"
        "<member><name>typed</name><value><string>x</string></value></member>"
        "<member><name>empty</name><value/></member>"
        "<member><name>empty2</name><value><string/></value></member>"
        "<member><name>i</name><value><int>-3</int></value></member>"
        "<member><name>i8</name><value><i8>9007199254740993</i8></value></member>"
        "<member><name>b</name><value><boolean>1</boolean></value></member>"
        "<member><name>d</name><value><double>1.5</double></value></member>"
        "<member><name>set</name><value><array><data><value>a</value>"
        "<value><string>b</string></value></data></array></value></member>"
        "<member><name>map</name><value><struct/></value></member>"
        "</struct></value>"), &error);
    const char *s = NULL;
    gint64 n = 0;
    gboolean b = FALSE;
    double d = 0;
    g_autoptr(GVariant) set = NULL;

    (void)state;
    assert_non_null(v);
    assert_true(g_variant_lookup(v, "bare", "&s", &s));
    assert_string_equal(s, "OpaqueRef:1 & 2");
    assert_true(g_variant_lookup(v, "typed", "&s", &s));
    assert_string_equal(s, "x");
    assert_true(g_variant_lookup(v, "empty", "&s", &s));
    assert_string_equal(s, "");
    assert_true(g_variant_lookup(v, "empty2", "&s", &s));
    assert_string_equal(s, "");
    assert_true(g_variant_lookup(v, "i", "x", &n));
    assert_int_equal(n, -3);
    assert_true(g_variant_lookup(v, "i8", "x", &n));
    assert_true(n == G_GINT64_CONSTANT(9007199254740993));
    assert_true(g_variant_lookup(v, "b", "b", &b));
    assert_true(b);
    assert_true(g_variant_lookup(v, "d", "d", &d));
    assert_true(d == 1.5);
    set = g_variant_lookup_value(v, "set", G_VARIANT_TYPE("av"));
    assert_non_null(set);
    assert_int_equal(g_variant_n_children(set), 2);
    /* the record helpers: XenAPI sends ints as strings */
    assert_int_equal(xcvr_xapi_rec_int(v, "i", 0), -3);
    assert_int_equal(xcvr_xapi_rec_int(v, "typed", 7), 7);
    assert_true(xcvr_xapi_rec_bool(v, "b"));
    assert_false(xcvr_xapi_rec_bool(v, "bare"));
}

static void
test_refused(void **state)
{
    static const char *const bad[] = {
        "",
        "not xml",
        "<methodCall/>",
        RESP("<value><struct><member><name>a</name></member></struct></value>"),
        RESP("<value><array></array></value>"),
        RESP("<value><int>12x</int></value>"),
        RESP("<value><boolean>2</boolean></value>"),
        RESP("<value><blob>1</blob></value>"),
        RESP("<value>text<string>x</string></value>"),
        RESP("<value><string>a</string><string>b</string></value>"),
        "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;'>]>"
        "<methodResponse><params><param><value>&b;</value></param></params></methodResponse>",
        "<methodResponse><fault><value><struct><member><name>faultString</name>"
        "<value>boom</value></member></struct></value></fault></methodResponse>",
        /* a fault whose value does not parse: still a fault (found by fuzz-xapi-reply) */
        "<methodResponse><fault><value><int>x</int></value></fault></methodResponse>",
    };
    guint i;

    (void)state;
    for (i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autoptr(GError) error = NULL;
        g_autoptr(GVariant) v = parse(bad[i], &error);

        if (v != NULL)
            fail_msg("accepted: %s", bad[i]);
        assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA));
    }
}

static void
test_depth(void **state)
{
    g_autoptr(GString) doc = g_string_new("<methodResponse><params><param>");
    g_autoptr(GError) error = NULL;
    g_autoptr(GVariant) v = NULL;
    int i;

    (void)state;
    /* 80 levels: past our bound, within libxml2's own element depth limit (256) */
    for (i = 0; i < 80; i++)
        g_string_append(doc, "<value><array><data>");
    for (i = 0; i < 80; i++)
        g_string_append(doc, "</data></array></value>");
    g_string_append(doc, "</param></params></methodResponse>");
    v = parse(doc->str, &error);
    assert_null(v);
    assert_non_null(strstr(error->message, "deeper"));
}

static void
test_method_call(void **state)
{
    g_autofree char *call = NULL;
    GVariantBuilder args;

    (void)state;
    g_variant_builder_init(&args, G_VARIANT_TYPE("a{ss}"));
    g_variant_builder_add(&args, "{ss}", "k<&>", "v");
    call = xcvr_xmlrpc_method_call("host.call_plugin",
                                   g_variant_new("(sbxa{ss})", "OpaqueRef:a&b", TRUE,
                                                 (gint64)5, &args));
    assert_non_null(strstr(call, "<methodName>host.call_plugin</methodName>"));
    assert_non_null(strstr(call, "<string>OpaqueRef:a&amp;b</string>"));
    assert_non_null(strstr(call, "<boolean>1</boolean>"));
    assert_non_null(strstr(call, "<i8>5</i8>"));
    assert_non_null(strstr(call, "<member><name>k&lt;&amp;&gt;</name><value><string>v"));
}

/* ---- HTTP over a unix socket, against a server thread that says what it is told ---- */

typedef struct {
    int listen_fd;
    const char *reply; /* NULL: never answer */
    gsize reply_len;
} Server;

static gpointer
serve(gpointer data)
{
    Server *s = data;
    char buf[65536];
    int fd = accept(s->listen_fd, NULL, NULL);

    if (fd < 0)
        return NULL;
    /* read the request (header and body arrive at once for these sizes) */
    (void)!read(fd, buf, sizeof buf);
    if (s->reply == NULL) {
        g_usleep(3 * G_USEC_PER_SEC);
    } else {
        gsize off = 0;

        while (off < s->reply_len) {
            /* the client may give up first (a reply over the cap): no SIGPIPE then */
            ssize_t n = send(fd, s->reply + off, MIN((gsize)7, s->reply_len - off),
                             MSG_NOSIGNAL);

            if (n <= 0)
                break;
            off += (gsize)n;
        }
    }
    close(fd);
    return NULL;
}

static char *
post(const char *reply, gsize max, GError **error, gsize *ret_len)
{
    g_autofree char *dir = g_dir_make_tmp("xcvr-xapi-test.XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "s", NULL);
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    Server s = { .reply = reply, .reply_len = reply != NULL ? strlen(reply) : 0 };
    GThread *t;
    guint64 read = 0;
    gint64 deadline;
    char *body;

    g_strlcpy(addr.sun_path, path, sizeof addr.sun_path);
    s.listen_fd = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(bind(s.listen_fd, (struct sockaddr *)&addr, sizeof addr) == 0);
    assert_true(listen(s.listen_fd, 1) == 0);
    t = g_thread_new("server", serve, &s);
    /* a server that answers gets ample time on a loaded machine; a silent one is given up
     * on well before it closes (3 s) */
    deadline = g_get_monotonic_time() + (reply != NULL ? 10 : 1) * G_USEC_PER_SEC / 2;
    body = xcvr_xapi_http_post(path, "x", 1, deadline, max, ret_len, &read, error);
    g_thread_join(t);
    close(s.listen_fd);
    unlink(path);
    rmdir(dir);
    return body;
}

static void
test_http(void **state)
{
    static const char *const ok[] = {
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\ncontent-length:5\r\n\r\nhelloEXTRA",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhel\r\n2;x=y\r\nlo\r\n0\r\n\r\n",
        "HTTP/1.0 200 OK\r\nConnection: close\r\n\r\nhello",
    };
    guint i;

    (void)state;
    for (i = 0; i < G_N_ELEMENTS(ok); i++) {
        g_autoptr(GError) error = NULL;
        gsize len = 0;
        g_autofree char *body = post(ok[i], 1024, &error, &len);

        if (body == NULL)
            fail_msg("%s: %s", ok[i], error->message);
        assert_int_equal(len, 5);
        assert_string_equal(body, "hello");
    }
}

static void
test_http_failures(void **state)
{
    static const struct {
        const char *reply;
        int code;
    } bad[] = {
        { "HTTP/1.1 500 Internal\r\nContent-Length: 0\r\n\r\n", XCVR_ERROR_IO },
        { "HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n", XCVR_ERROR_INVALID_DATA },
        { "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", XCVR_ERROR_INVALID_DATA },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffff\r\n",
          XCVR_ERROR_INVALID_DATA },
        { "SMTP ready\r\n\r\n", XCVR_ERROR_INVALID_DATA },
        { "", XCVR_ERROR_INVALID_DATA },
        { NULL, XCVR_ERROR_TIMEOUT },
    };
    guint i;

    (void)state;
    for (i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autoptr(GError) error = NULL;
        gsize len = 0;
        gint64 t0 = g_get_monotonic_time();
        g_autofree char *body = post(bad[i].reply, 1024, &error, &len);

        if (body != NULL)
            fail_msg("accepted: %s", bad[i].reply);
        if (!g_error_matches(error, XCVR_ERROR, bad[i].code))
            fail_msg("%s: %s", bad[i].reply != NULL ? bad[i].reply : "(silence)",
                     error->message);
        /* the deadline is half a second; the server thread holds on for three */
        assert_true(g_get_monotonic_time() - t0 < 4 * G_USEC_PER_SEC);
    }
}

static void
write_inventory(const char *dir, const char *text)
{
    g_autofree char *etc = g_build_filename(dir, "etc", NULL);
    g_autofree char *path = g_build_filename(etc, "xensource-inventory", NULL);

    g_mkdir_with_parents(etc, 0755);
    unlink(path);
    if (text != NULL)
        assert_true(g_file_set_contents(path, text, -1, NULL));
    else
        assert_true(mkfifo(path, 0600) == 0);
}

static void
test_inventory(void **state)
{
    g_autofree char *dir = g_dir_make_tmp("xcvr-xapi-inv.XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "etc", "xensource-inventory", NULL);
    g_autoptr(GError) error = NULL;
    char *uuid;

    (void)state;
    write_inventory(dir, "BUILD_NUMBER='1'\nINSTALLATION_UUID='3f5d1a8e-0c7b-4d4e-9a51-"
                         "2c1e6b7d8f00'\n");
    uuid = xcvr_xapi_this_host_uuid(dir, &error);
    assert_string_equal(uuid, "3f5d1a8e-0c7b-4d4e-9a51-2c1e6b7d8f00");
    g_free(uuid);
    write_inventory(dir, "INSTALLATION_UUID=3f5d1a8e-0c7b-4d4e-9a51-2c1e6b7d8f00\n");
    uuid = xcvr_xapi_this_host_uuid(dir, &error);
    assert_string_equal(uuid, "3f5d1a8e-0c7b-4d4e-9a51-2c1e6b7d8f00");
    g_free(uuid);
    write_inventory(dir, "INSTALLATION_UUID='../../x'\n");
    assert_null(xcvr_xapi_this_host_uuid(dir, &error));
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA));
    g_clear_error(&error);
    /* a FIFO in its place must not hang the caller */
    write_inventory(dir, NULL);
    assert_null(xcvr_xapi_this_host_uuid(dir, &error));
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_IO));
    unlink(path);
    g_clear_pointer(&path, g_free);
    path = g_build_filename(dir, "etc", NULL);
    rmdir(path);
    rmdir(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_depth),
        cmocka_unit_test(test_method_call),
        cmocka_unit_test(test_http),
        cmocka_unit_test(test_http_failures),
        cmocka_unit_test(test_inventory),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
