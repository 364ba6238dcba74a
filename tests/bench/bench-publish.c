/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * bench-publish.c: node-device annotation and domain metadata publishing on a large
 * generated host (tests/hostgen/hostgen.py --large N, libvirt's test driver), in one
 * process (the test driver keeps its state per connection): the inventory, every node
 * device annotated, a first publish (every domain written) and a second one with nothing
 * changed (reads only, zero writes).
 *
 *   bench-publish HOSTGEN_PY [DOMAINS]
 */
#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include <xcvrmap/xcvrmap.h>
#include <xcvrmap/xcvr-virt.h>

static double
since(gint64 t0)
{
    return (g_get_monotonic_time() - t0) / 1e6;
}

static void
rm_rf(const char *path)
{
    g_autoptr(GDir) dir = NULL;
    const char *name;

    if (!g_file_test(path, G_FILE_TEST_IS_SYMLINK))
        dir = g_dir_open(path, 0, NULL);
    while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
        g_autofree char *child = g_build_filename(path, name, NULL);

        rm_rf(child);
    }
    g_remove(path);
}

static void
publish(XcvrVirtConn *conn, XcvrInventory *inv, GPtrArray *domains, const char *what)
{
    gint64 t0 = g_get_monotonic_time();
    guint written = 0;
    guint unchanged = 0;
    guint failed = 0;
    guint i;

    for (i = 0; i < domains->len; i++) {
        g_autofree char *doc = xcvr_metadata_build(inv, domains->pdata[i], "bench-host");
        g_autoptr(XcvrPublishResult) r = xcvr_virt_set_domain_metadata(conn,
                                                                       domains->pdata[i], doc);

        written += r->outcome == XCVR_PUBLISH_WRITTEN;
        unchanged += r->outcome == XCVR_PUBLISH_UNCHANGED;
        failed += r->outcome == XCVR_PUBLISH_FAILED;
    }
    printf("publish, %s: %.3f s for %u domains: %u written, %u unchanged, %u failed\n", what,
           since(t0), domains->len, written, unchanged, failed);
}

int
main(int argc, char **argv)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = NULL;
    g_autofree char *host = NULL;
    g_autofree char *uri = NULL;
    g_autofree char *eeprom = NULL;
    g_autofree char *ovsdb = NULL;
    g_autoptr(GPtrArray) vnics = NULL;
    g_autoptr(GPtrArray) docs = NULL;
    g_autoptr(GPtrArray) domains = NULL;
    g_autoptr(XcvrInventoryOptions) opts = xcvr_inventory_options_new();
    g_autoptr(XcvrInventory) inv = NULL;
    g_autoptr(XcvrVirtConn) conn = NULL;
    const char *n = argc > 2 ? argv[2] : "500";
    const char *gen[] = { "python3", NULL, "--large", n, NULL, NULL };
    int status = 0;
    guint annotated = 0;
    guint i;
    gint64 t0;

    if (argc < 2) {
        fprintf(stderr, "usage: %s HOSTGEN_PY [DOMAINS]\n", argv[0]);
        return 2;
    }
    dir = g_dir_make_tmp("bench-publish-XXXXXX", &error);
    host = g_build_filename(dir, "host", NULL);
    gen[1] = argv[1];
    gen[4] = host;
    if (!g_spawn_sync(NULL, (char **)gen, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, NULL, NULL, &status, &error) ||
        !g_spawn_check_exit_status(status, &error)) {
        fprintf(stderr, "hostgen: %s\n", error->message);
        return 1;
    }
    uri = g_strdup_printf("test://%s/libvirt.xml", host);
    eeprom = g_build_filename(host, "eeprom", NULL);
    ovsdb = g_build_filename(host, "ovsdb.json", NULL);
    xcvr_virt_quiet_default_errors();

    t0 = g_get_monotonic_time();
    vnics = xcvr_virt_list_vnics(uri, NULL, NULL, &error);
    if (vnics == NULL)
        goto fail;
    xcvr_inventory_options_set_root(opts, host);
    xcvr_inventory_options_set_ovsdb(opts, g_file_test(ovsdb, G_FILE_TEST_EXISTS) ? ovsdb : "");
    xcvr_inventory_options_set_eeprom_dir(opts, eeprom);
    xcvr_inventory_options_set_all_uplinks(opts, TRUE);
    inv = xcvr_inventory_new(vnics, opts, &error);
    if (inv == NULL)
        goto fail;
    printf("inventory: %.3f s, %u vNICs, %u uplinks\n", since(t0), vnics->len,
           xcvr_inventory_get_n_uplinks(inv));

    t0 = g_get_monotonic_time();
    docs = xcvr_virt_list_nodedevs(uri, NULL, &error);
    if (docs == NULL)
        goto fail;
    for (i = 0; i < docs->len; i++) {
        const XcvrNodedevDoc *doc = g_ptr_array_index(docs, i);
        gboolean yes = FALSE;
        g_autofree char *out = xcvr_nodedev_annotate(inv, host, doc->xml, &yes, &error);

        if (out == NULL)
            goto fail;
        annotated += yes;
    }
    printf("nodedev: %.3f s for %u devices (listing and reading included), %u annotated\n",
           since(t0), docs->len, annotated);

    conn = xcvr_virt_conn_open(uri, &error);
    if (conn == NULL)
        goto fail;
    domains = xcvr_metadata_domains(inv);
    publish(conn, inv, domains, "first run");
    publish(conn, inv, domains, "second run, nothing changed");
    rm_rf(dir);
    return 0;

fail:
    fprintf(stderr, "bench-publish: %s\n", error->message);
    rm_rf(dir);
    return 1;
}
