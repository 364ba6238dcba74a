/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-publish-test.c: domain metadata on libvirt's test driver, in one process (the test
 * driver keeps its state per connection): the demo host made by tests/hostgen/hostgen.py,
 * its vNICs from libvirt, every domain's element built, valid against xcvrmap-domain.rng,
 * written (live for running domains, persistent for defined ones) and read back with
 * virDomainGetMetadata(); a second run writes nothing (every domain unchanged); a changed
 * fact is rewritten; a domain that does not exist fails alone; --remove's path removes and
 * then finds nothing to remove; a URI that does not answer is an error.
 */
#include "xcvr-test-util.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>
#include <xcvrmap/xcvr-virt.h>

static const char *hostgen_py;
static const char *host_spec;
static const char *schema_path;

typedef struct {
    char *dir;
    char *uri;
    XcvrInventory *inv;
    GPtrArray *domains;
    XcvrVirtConn *conn;
} Fixture;

static int
setup(void **state)
{
    Fixture *f = g_new0(Fixture, 1);
    g_autoptr(GPtrArray) vnics = NULL;
    g_autoptr(XcvrInventoryOptions) opts = xcvr_inventory_options_new();
    g_autoptr(GError) error = NULL;
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *sub = NULL;
    int status = 0;
    const char *argv[] = { "python3", hostgen_py, host_spec, NULL, NULL };

    f->dir = g_dir_make_tmp("xcvr-publish-XXXXXX", &error);
    assert_non_null(f->dir);
    out = g_build_filename(f->dir, "host", NULL);
    argv[3] = out;
    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &err,
                      &status, &error) ||
        !g_spawn_check_exit_status(status, &error))
        fail_msg("hostgen: %s: %s", error->message, err != NULL ? err : "");
    f->uri = g_strdup_printf("test://%s/libvirt.xml", out);
    xcvr_virt_quiet_default_errors();
    vnics = xcvr_virt_list_vnics(f->uri, NULL, NULL, &error);
    if (vnics == NULL)
        fail_msg("vnics: %s", error->message);
    xcvr_inventory_options_set_root(opts, out);
    sub = g_build_filename(out, "ovsdb.json", NULL);
    xcvr_inventory_options_set_ovsdb(opts, g_file_test(sub, G_FILE_TEST_EXISTS) ? sub : "");
    g_free(sub);
    sub = g_build_filename(out, "eeprom", NULL);
    xcvr_inventory_options_set_eeprom_dir(opts, sub);
    f->inv = xcvr_inventory_new(vnics, opts, &error);
    if (f->inv == NULL)
        fail_msg("inventory: %s", error->message);
    f->domains = xcvr_metadata_domains(f->inv);
    assert_true(f->domains->len >= 3);
    f->conn = xcvr_virt_conn_open(f->uri, &error);
    if (f->conn == NULL)
        fail_msg("connection: %s", error->message);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    Fixture *f = *state;

    xcvr_virt_conn_free(f->conn);
    g_ptr_array_unref(f->domains);
    xcvr_inventory_free(f->inv);
    xcvr_test_rm_rf(f->dir);
    g_free(f->dir);
    g_free(f->uri);
    g_free(f);
    return 0;
}

static void
assert_valid(const char *xml)
{
    xmlRelaxNGParserCtxtPtr pctx = xmlRelaxNGNewParserCtxt(schema_path);
    xmlRelaxNGPtr schema = xmlRelaxNGParse(pctx);
    xmlRelaxNGValidCtxtPtr vctx = xmlRelaxNGNewValidCtxt(schema);
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "metadata.xml", NULL, XML_PARSE_NONET);
    int rc;

    assert_non_null(schema);
    assert_non_null(doc);
    rc = xmlRelaxNGValidateDoc(vctx, doc);
    if (rc != 0)
        fail_msg("not valid against %s:\n%s", schema_path, xml);
    xmlFreeDoc(doc);
    xmlRelaxNGFreeValidCtxt(vctx);
    xmlRelaxNGFree(schema);
    xmlRelaxNGFreeParserCtxt(pctx);
}

/* @a and @b without the whitespace between elements. */
static char *
squeeze(const char *xml)
{
    g_autoptr(GRegex) re = g_regex_new(">\\s+<", 0, 0, NULL);

    return g_strstrip(g_regex_replace_literal(re, xml, -1, 0, "><", 0, NULL));
}

static void
test_write_read_back(void **state)
{
    Fixture *f = *state;
    guint i;
    guint written = 0;

    for (i = 0; i < f->domains->len; i++) {
        const char *name = f->domains->pdata[i];
        g_autofree char *doc = xcvr_metadata_build(f->inv, name, "host-a");
        g_autoptr(XcvrPublishResult) r = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *live = NULL;
        g_autofree char *config = NULL;
        g_autofree char *want = squeeze(doc);

        assert_valid(doc);
        assert_non_null(strstr(doc, "host=\"host-a\""));
        r = xcvr_virt_set_domain_metadata(f->conn, name, doc);
        if (r->outcome != XCVR_PUBLISH_WRITTEN)
            fail_msg("%s: not written: %s", name, r->message != NULL ? r->message : "");
        written++;
        if (r->live) {
            g_autofree char *got = NULL;

            live = xcvr_virt_get_domain_metadata(f->conn, name, FALSE, &error);
            assert_non_null(live);
            got = squeeze(live);
            assert_string_equal(got, want);
            assert_valid(live);
        }
        if (r->config) {
            g_autofree char *got = NULL;

            config = xcvr_virt_get_domain_metadata(f->conn, name, TRUE, &error);
            assert_non_null(config);
            got = squeeze(config);
            assert_string_equal(got, want);
        }
        assert_true(r->live || r->config);
    }
    assert_int_equal(written, f->domains->len);

    /* nothing changed: nothing is written */
    for (i = 0; i < f->domains->len; i++) {
        g_autofree char *doc = xcvr_metadata_build(f->inv, f->domains->pdata[i], "host-a");
        g_autoptr(XcvrPublishResult) r = xcvr_virt_set_domain_metadata(f->conn,
                                                                       f->domains->pdata[i],
                                                                       doc);

        assert_int_equal(r->outcome, XCVR_PUBLISH_UNCHANGED);
        assert_false(r->live);
        assert_false(r->config);
    }
}

static void
test_changed_gone_removed(void **state)
{
    Fixture *f = *state;
    const char *name = f->domains->pdata[0];
    g_autofree char *moved = xcvr_metadata_build(f->inv, name, "host-b");
    g_autoptr(XcvrPublishResult) r = xcvr_virt_set_domain_metadata(f->conn, name, moved);
    g_autoptr(XcvrPublishResult) gone = NULL;
    g_autoptr(XcvrPublishResult) removed = NULL;
    g_autoptr(XcvrPublishResult) again = NULL;
    g_autoptr(XcvrPublishResult) other = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *back = NULL;
    g_autofree char *doc1 = xcvr_metadata_build(f->inv, f->domains->pdata[1], "host-b");

    /* computed on another host: a different document, rewritten */
    assert_int_equal(r->outcome, XCVR_PUBLISH_WRITTEN);
    back = xcvr_virt_get_domain_metadata(f->conn, name, !r->live, &error);
    assert_non_null(strstr(back, "host=\"host-b\""));

    gone = xcvr_virt_set_domain_metadata(f->conn, "no-such-domain", moved);
    assert_int_equal(gone->outcome, XCVR_PUBLISH_FAILED);
    assert_non_null(gone->message);
    /* ... and the next domain is still written */
    other = xcvr_virt_set_domain_metadata(f->conn, f->domains->pdata[1], doc1);
    assert_int_equal(other->outcome, XCVR_PUBLISH_WRITTEN);

    removed = xcvr_virt_set_domain_metadata(f->conn, name, NULL);
    assert_int_equal(removed->outcome, XCVR_PUBLISH_WRITTEN);
    g_clear_pointer(&back, g_free);
    back = xcvr_virt_get_domain_metadata(f->conn, name, FALSE, &error);
    assert_null(back);
    assert_null(error);
    back = xcvr_virt_get_domain_metadata(f->conn, name, TRUE, &error);
    assert_null(back);
    assert_null(error);
    again = xcvr_virt_set_domain_metadata(f->conn, name, NULL);
    assert_int_equal(again->outcome, XCVR_PUBLISH_UNCHANGED);

    back = xcvr_virt_get_domain_metadata(f->conn, "no-such-domain", FALSE, &error);
    assert_null(back);
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE));
}

static void
test_unreachable(void **state)
{
    g_autofree char *uri = g_strdup_printf("test://%s/missing.xml", ((Fixture *)*state)->dir);
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrVirtConn) conn = xcvr_virt_conn_open(uri, &error);

    assert_null(conn);
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT));
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_read_back),
        cmocka_unit_test(test_changed_gone_removed),
        cmocka_unit_test(test_unreachable),
    };

    if (argc != 4) {
        fprintf(stderr, "usage: %s HOSTGEN_PY HOST_JSON DOMAIN_RNG\n", argv[0]);
        return 2;
    }
    hostgen_py = argv[1];
    host_spec = argv[2];
    schema_path = argv[3];
    return cmocka_run_group_tests_name("publish", tests, setup, teardown);
}
