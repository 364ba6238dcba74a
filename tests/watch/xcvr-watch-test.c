/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-watch-test.c: the watch in one process: the state directory's atomic replacement;
 * a burst of triggers from another thread served by one cycle; a failing VM source that
 * leaves the last map.json alone; and libvirt's test driver (test:///default, whose state
 * every connection of the process shares) with domains started, destroyed, defined and
 * undefined while the watch runs with no interval: each change reaches map.json through
 * libvirt's events alone, only the domain an event names is walked again (map.json byte
 * for byte what a full rebuild writes), and the domain metadata is written for the domains
 * that changed only.
 */
#include "../xcvr-test-util.h"

#include <json-glib/json-glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <unistd.h>

#include <xcvrmap/xcvrmap.h>
#include <xcvrmap/xcvr-virt.h>

/* ---- helpers ---- */

static char *
make_tmp(void)
{
    g_autoptr(GError) error = NULL;
    char *dir = g_dir_make_tmp("xcvr-watch-XXXXXX", &error);

    if (dir == NULL)
        fail_msg("tmp: %s", error->message);
    return dir;
}

static ino_t
inode_of(const char *path)
{
    GStatBuf st;

    assert_int_equal(g_stat(path, &st), 0);
    return st.st_ino;
}

/* Iterates @ctx until @done(@data) holds or @seconds pass; whether it held. */
static gboolean
iterate_until(GMainContext *ctx, gboolean (*done)(gpointer), gpointer data, double seconds)
{
    gint64 end = g_get_monotonic_time() + (gint64)(seconds * G_USEC_PER_SEC);

    while (g_get_monotonic_time() < end) {
        if (done(data))
            return TRUE;
        if (!g_main_context_iteration(ctx, FALSE))
            g_usleep(5000);
    }
    return done(data);
}

/* The domains of STATE/map.json, sorted and joined with ",", or NULL when unreadable. */
static char *
map_domains(const char *state_dir)
{
    g_autofree char *path = g_build_filename(state_dir, "map.json", NULL);
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autoptr(GPtrArray) names = g_ptr_array_new();
    g_autoptr(GString) out = g_string_new(NULL);
    JsonArray *vnics;
    guint i;

    if (!json_parser_load_from_file(parser, path, NULL))
        return NULL;
    vnics = json_object_get_array_member(json_node_get_object(json_parser_get_root(parser)),
                                         "vnics");
    for (i = 0; i < json_array_get_length(vnics); i++) {
        const char *d = json_object_get_string_member(json_array_get_object_element(vnics, i),
                                                      "domain");
        gboolean dup = FALSE;

        for (guint j = 0; j < names->len; j++)
            dup = dup || strcmp(names->pdata[j], d) == 0;
        if (!dup)
            g_ptr_array_add(names, (gpointer)d);
    }
    g_ptr_array_sort(names, xcvr_test_compare_names);
    for (i = 0; i < names->len; i++)
        g_string_append_printf(out, "%s%s", i > 0 ? "," : "", (const char *)names->pdata[i]);
    return g_string_free(g_steal_pointer(&out), FALSE);
}

/* ---- the state directory ---- */

static void
test_state_write(void **state)
{
    g_autofree char *dir = make_tmp();
    g_autofree char *file = g_build_filename(dir, "map.json", NULL);
    g_autofree char *stale = g_build_filename(dir, ".map.json.tmp-ABCDEF", NULL);
    g_autofree char *plain = g_build_filename(dir, "plain", NULL);
    g_autofree char *under = g_build_filename(plain, "state", NULL);
    g_autoptr(GError) error = NULL;
    g_autofree char *back = NULL;
    gboolean changed = FALSE;
    GStatBuf st;
    ino_t first;

    assert_true(xcvr_state_dir_prepare(dir, &error));
    assert_true(xcvr_state_write_file(dir, "map.json", "{}\n", 3, &changed, &error));
    assert_true(changed);
    assert_true(g_file_get_contents(file, &back, NULL, NULL));
    assert_string_equal(back, "{}\n");
    assert_int_equal(g_stat(file, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    first = inode_of(file);

    /* the same contents: not rewritten (same inode, changed FALSE) */
    assert_true(xcvr_state_write_file(dir, "map.json", "{}\n", 3, &changed, &error));
    assert_false(changed);
    assert_true(inode_of(file) == first);

    /* new contents: a new file renamed over the old one */
    assert_true(xcvr_state_write_file(dir, "map.json", "{\"a\":1}\n", 8, &changed, &error));
    assert_true(changed);
    assert_true(inode_of(file) != first);

    /* a killed writer's temporary is removed by the next start; nothing else is */
    assert_true(g_file_set_contents(stale, "half", 4, NULL));
    assert_true(xcvr_state_dir_prepare(dir, &error));
    assert_false(g_file_test(stale, G_FILE_TEST_EXISTS));
    assert_true(g_file_test(file, G_FILE_TEST_EXISTS));

    /* a state directory under a regular file fails clearly */
    assert_true(g_file_set_contents(plain, "x", 1, NULL));
    assert_false(xcvr_state_dir_prepare(under, &error));
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_IO));
    assert_non_null(strstr(error->message, under));
    g_clear_error(&error);
    assert_false(xcvr_state_dir_prepare("", &error));
    g_clear_error(&error);

    /* a directory that vanished: the write fails, nothing is left behind */
    xcvr_test_rm_rf(dir);
    assert_false(xcvr_state_write_file(dir, "map.json", "{}", 2, NULL, &error));
    assert_non_null(error);
}

/* ---- the loop, without libvirt ---- */

typedef struct {
    guint listed;
    gboolean fail;
    guint after;
    guint failures;
    guint list_ms; /* each listing takes this long */
} Counts;

static GPtrArray *
list_nothing(gpointer data, GError **error)
{
    Counts *c = data;

    c->listed++;
    if (c->list_ms != 0)
        g_usleep(c->list_ms * 1000);
    if (c->fail) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT, "the VM source is away");
        return NULL;
    }
    return g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_vnic_free);
}

static void
count_after(XcvrWatch *watch, const XcvrInventory *inv, const GError *error, gpointer data)
{
    Counts *c = data;

    c->after++;
    if (error != NULL) {
        c->failures++;
        assert_null(inv);
    } else {
        assert_non_null(inv);
    }
}

typedef struct {
    XcvrWatch *watch;
    guint n;
} Burst;

static gpointer
trigger_burst(gpointer data)
{
    Burst *b = data;

    for (guint i = 0; i < b->n; i++)
        xcvr_watch_trigger(b->watch, "burst");
    return NULL;
}

static gboolean
after_at_least_one(gpointer data)
{
    return ((Counts *)data)->after >= 1;
}

static gboolean
never(gpointer data)
{
    return FALSE;
}

static XcvrWatch *
plain_watch(Counts *c, const char *root)
{
    XcvrWatch *w = xcvr_watch_new(list_nothing, c, NULL);
    XcvrInventoryOptions *o = xcvr_watch_get_inventory_options(w);

    xcvr_inventory_options_set_root(o, root);
    xcvr_inventory_options_set_ovsdb(o, "");
    xcvr_inventory_options_set_no_modules(o, TRUE);
    xcvr_watch_set_link_events(w, FALSE);
    xcvr_watch_set_interval(w, 0);
    xcvr_watch_add_after_cycle(w, count_after, c, NULL);
    return w;
}

static void
test_debounce(void **state)
{
    g_autofree char *dir = make_tmp();
    g_autofree char *root = g_build_filename(dir, "root", NULL);
    g_autofree char *net = g_build_filename(root, "sys", "class", "net", NULL);
    g_autoptr(GMainContext) ctx = g_main_context_new();
    Counts c = { 0 };
    g_autoptr(XcvrWatch) w = NULL;
    Burst b;
    GThread *t;

    /* an empty host: no netdevs */
    assert_int_equal(g_mkdir_with_parents(net, 0755), 0);
    w = plain_watch(&c, root);
    xcvr_watch_set_debounce(w, 300);
    assert_true(xcvr_watch_start(w, ctx, NULL));
    assert_true(iterate_until(ctx, after_at_least_one, &c, 10));
    assert_int_equal(c.after, 1);
    assert_string_equal(xcvr_watch_get_cycle_reason(w), "start");

    /* 200 triggers from another thread, within the debounce: one cycle serves them */
    b.watch = w;
    b.n = 200;
    t = g_thread_new("burst", trigger_burst, &b);
    g_thread_join(t);
    (void)iterate_until(ctx, never, NULL, 1.0);
    assert_int_equal(c.after, 2);
    assert_string_equal(xcvr_watch_get_cycle_reason(w), "burst");

    /* stopped: a trigger runs nothing */
    xcvr_watch_stop(w);
    xcvr_watch_trigger(w, "late");
    (void)iterate_until(ctx, never, NULL, 0.5);
    assert_int_equal(c.after, 2);
    xcvr_test_rm_rf(dir);
}

static gboolean
after_ten(gpointer data)
{
    return ((Counts *)data)->after >= 10;
}

/* An interval shorter than a cycle: the timeout is always due, and the cycle it asks for
 * must still run (it once starved at a lower priority). */
static void
test_interval_shorter_than_cycle(void **state)
{
    g_autofree char *dir = make_tmp();
    g_autofree char *root = g_build_filename(dir, "root", NULL);
    g_autofree char *net = g_build_filename(root, "sys", "class", "net", NULL);
    g_autoptr(GMainContext) ctx = g_main_context_new();
    Counts c = { .list_ms = 20 };
    g_autoptr(XcvrWatch) w = NULL;

    assert_int_equal(g_mkdir_with_parents(net, 0755), 0);
    w = plain_watch(&c, root);
    xcvr_watch_set_interval(w, 1);
    assert_true(xcvr_watch_start(w, ctx, NULL));
    assert_true(iterate_until(ctx, after_ten, &c, 20));
    assert_string_equal(xcvr_watch_get_cycle_reason(w), "interval");
    xcvr_watch_stop(w);
    xcvr_test_rm_rf(dir);
}

static void
test_failed_cycle_keeps_map(void **state)
{
    g_autofree char *dir = make_tmp();
    g_autofree char *root = g_build_filename(dir, "root", NULL);
    g_autofree char *net = g_build_filename(root, "sys", "class", "net", NULL);
    g_autofree char *st = g_build_filename(dir, "state", NULL);
    g_autofree char *map = g_build_filename(st, "map.json", NULL);
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    g_autoptr(GError) error = NULL;
    Counts c = { 0 };
    g_autoptr(XcvrWatch) w = NULL;

    /* an empty host: no netdevs */
    assert_int_equal(g_mkdir_with_parents(net, 0755), 0);
    assert_true(xcvr_state_dir_prepare(st, NULL));
    w = plain_watch(&c, root);
    xcvr_watch_set_state_dir(w, st);
    assert_true(xcvr_watch_run_cycle(w, "once", &error));
    assert_true(xcvr_watch_get_map_changed(w));
    assert_true(g_file_get_contents(map, &before, NULL, NULL));
    assert_non_null(strstr(before, "\"vnics\""));

    /* the VM source fails: the cycle fails, the hooks hear why, map.json stays */
    c.fail = TRUE;
    assert_false(xcvr_watch_run_cycle(w, "again", &error));
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT));
    assert_int_equal(c.failures, 1);
    assert_false(xcvr_watch_get_map_changed(w));
    assert_true(g_file_get_contents(map, &after, NULL, NULL));
    assert_string_equal(before, after);
    assert_int_equal(xcvr_watch_get_n_cycles(w), 2);
    /* the last good inventory is still there for readers */
    assert_non_null(xcvr_watch_get_inventory(w));
    xcvr_test_rm_rf(dir);
}

/* ---- libvirt's test driver, in process ---- */

#define TEST_URI "test:///default"

static const char domain_xml[] =
    "<domain type='test'><name>%s</name><memory>65536</memory>"
    "<os><type>hvm</type></os><devices>"
    "<interface type='bridge'><mac address='52:54:00:77:00:%02x'/>"
    "<source bridge='xwbr0'/><target dev='%s-eth0'/></interface>"
    "</devices></domain>";

typedef struct {
    const char *state_dir;
    const char *expect;
    GHashTable *metadata_events; /* domain → count (event thread writes, under lock) */
    GMutex lock;
    XcvrWatch *watch;
    guint64 cycles_after;
} LibvirtCase;

static gboolean
map_is(gpointer data)
{
    LibvirtCase *lc = data;
    g_autofree char *got = map_domains(lc->state_dir);

    return got != NULL && strcmp(got, lc->expect) == 0;
}

static void
expect_map(GMainContext *ctx, LibvirtCase *lc, const char *domains)
{
    g_autofree char *got = NULL;

    lc->expect = domains;
    /* no interval: only libvirt's events can bring this */
    if (iterate_until(ctx, map_is, lc, 15))
        return;
    got = map_domains(lc->state_dir);
    fail_msg("map.json has domains '%s', expected '%s'", got != NULL ? got : "(none)",
             domains);
}

static int
on_metadata_change(virConnectPtr conn, virDomainPtr dom, int type, const char *nsuri,
                   void *opaque)
{
    LibvirtCase *lc = opaque;
    const char *name = virDomainGetName(dom);

    g_mutex_lock(&lc->lock);
    g_hash_table_insert(lc->metadata_events, g_strdup(name),
                        GUINT_TO_POINTER(GPOINTER_TO_UINT(g_hash_table_lookup(
                                             lc->metadata_events, name)) + 1));
    g_mutex_unlock(&lc->lock);
    return 0;
}

static guint
metadata_writes(LibvirtCase *lc, const char *domain)
{
    guint n;

    g_mutex_lock(&lc->lock);
    n = GPOINTER_TO_UINT(g_hash_table_lookup(lc->metadata_events, domain));
    g_mutex_unlock(&lc->lock);
    return n;
}

static void
quiet(void *data, virErrorPtr err)
{
}

static gboolean
cycled(gpointer data)
{
    LibvirtCase *lc = data;

    return xcvr_watch_get_n_cycles(lc->watch) > lc->cycles_after;
}

static void
test_libvirt_events(void **state)
{
    g_autofree char *dir = make_tmp();
    g_autofree char *st = g_build_filename(dir, "state", NULL);
    g_autofree char *root = g_build_filename(dir, "root", NULL);
    g_autofree char *net = g_build_filename(root, "sys", "class", "net", NULL);
    g_autofree char *xml = NULL;
    g_autoptr(GMainContext) ctx = g_main_context_new();
    g_autoptr(GError) error = NULL;
    XcvrVirtWatch *vw;
    XcvrWatch *w;
    virConnectPtr conn;
    virDomainPtr dom;
    LibvirtCase lc = { st, NULL, NULL };
    char *meta;
    guint test_writes;
    int cb;

    g_mutex_init(&lc.lock);
    lc.metadata_events = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    /* an empty host: no netdevs */
    assert_int_equal(g_mkdir_with_parents(net, 0755), 0);
    assert_true(xcvr_state_dir_prepare(st, NULL));
    xcvr_virt_quiet_default_errors();

    vw = xcvr_virt_watch_new(TEST_URI, NULL, &error);
    if (vw == NULL)
        fail_msg("virt watch: %s", error->message);
    /* the test's own connection to the same driver state (opened after the event
     * implementation exists, so its own event callback is served too) */
    conn = virConnectOpen(TEST_URI);
    assert_non_null(conn);
    virConnSetErrorFunc(conn, NULL, quiet);
    cb = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_METADATA_CHANGE,
                                          VIR_DOMAIN_EVENT_CALLBACK(on_metadata_change), &lc,
                                          NULL);
    assert_true(cb >= 0);

    w = xcvr_watch_new(xcvr_virt_watch_list_vnics, vw, NULL);
    xcvr_inventory_options_set_root(xcvr_watch_get_inventory_options(w), root);
    xcvr_inventory_options_set_ovsdb(xcvr_watch_get_inventory_options(w), "");
    xcvr_inventory_options_set_no_modules(xcvr_watch_get_inventory_options(w), TRUE);
    xcvr_watch_set_link_events(w, FALSE);
    xcvr_watch_set_interval(w, 0);
    xcvr_watch_set_debounce(w, 50);
    xcvr_watch_set_state_dir(w, st);
    xcvr_virt_watch_attach(vw, w, TRUE);
    assert_true(xcvr_watch_start(w, ctx, &error));

    /* the test driver's own domain, its metadata written (live and persistent: it runs
     * and is defined, one event each) */
    expect_map(ctx, &lc, "test");
    assert_string_equal(xcvr_watch_get_cycle_reason(w), "start");
    (void)iterate_until(ctx, never, NULL, 0.3);
    test_writes = metadata_writes(&lc, "test");
    assert_int_equal(test_writes, 2);

    /* a transient domain started: its lifecycle event, one cycle, its metadata written */
    xml = g_strdup_printf(domain_xml, "w1", 1, "w1");
    dom = virDomainCreateXML(conn, xml, 0);
    assert_non_null(dom);
    expect_map(ctx, &lc, "test,w1");
    assert_non_null(strstr(xcvr_watch_get_cycle_reason(w), "w1"));
    meta = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT,
                                XCVR_DOMAIN_METADATA_NAMESPACE, VIR_DOMAIN_AFFECT_LIVE);
    assert_non_null(meta);
    assert_non_null(strstr(meta, "52:54:00:77:00:01"));
    free(meta);

    /* only w1 was walked again; "test" kept its walk; and map.json is byte for byte what a
     * full rebuild writes */
    {
        g_autofree char *map_path = g_build_filename(st, "map.json", NULL);
        g_autofree char *partial_map = NULL;
        g_autofree char *full_map = NULL;
        guint walked = 99, kept = 99, n;

        (void)iterate_until(ctx, never, NULL, 0.3); /* the metadata event's cycle, if any */
        xcvr_watch_get_cycle_walks(w, &walked, &kept);
        assert_int_equal(walked, 1);  /* w1's one interface */
        assert_true(kept >= 1);       /* every vNIC of "test" */
        /* listed: w1 alone, every other vNIC taken from the cycle before */
        assert_true(xcvr_watch_get_cycle_listed(w) == 1);
        assert_true(g_file_get_contents(map_path, &partial_map, NULL, NULL));
        n = (guint)xcvr_watch_get_n_cycles(w);
        xcvr_watch_trigger(w, "full");
        lc.cycles_after = n;
        lc.watch = w;
        assert_true(iterate_until(ctx, cycled, &lc, 10));
        xcvr_watch_get_cycle_walks(w, &walked, &kept);
        assert_int_equal(kept, 0);
        assert_true(walked >= 2);
        assert_int_equal(xcvr_watch_get_cycle_listed(w), -1);
        assert_false(xcvr_watch_get_map_changed(w));
        assert_true(g_file_get_contents(map_path, &full_map, NULL, NULL));
        assert_string_equal(partial_map, full_map);
    }

    /* destroyed (transient: gone) */
    assert_int_equal(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    expect_map(ctx, &lc, "test");
    assert_non_null(strstr(xcvr_watch_get_cycle_reason(w), "w1"));

    /* a persistent domain defined, then undefined */
    g_free(xml);
    xml = g_strdup_printf(domain_xml, "w2", 2, "w2");
    dom = virDomainDefineXML(conn, xml);
    assert_non_null(dom);
    expect_map(ctx, &lc, "test,w2");
    /* renamed: its vNIC under the new name only (the events name the old and the new) */
    assert_int_equal(virDomainRename(dom, "w3", 0), 0);
    expect_map(ctx, &lc, "test,w3");
    assert_int_equal(virDomainUndefine(dom), 0);
    virDomainFree(dom);
    expect_map(ctx, &lc, "test");

    /* the metadata of "test" never changed: written by the first cycle only, though
     * every later cycle made its element again */
    (void)iterate_until(ctx, never, NULL, 0.3);
    assert_int_equal(metadata_writes(&lc, "test"), test_writes);
    assert_int_equal(metadata_writes(&lc, "w1"), 1);
    assert_true(xcvr_watch_get_n_cycles(w) >= 5);

    virConnectDomainEventDeregisterAny(conn, cb);
    xcvr_virt_watch_free(vw);
    xcvr_watch_free(w);
    virConnectClose(conn);
    g_hash_table_unref(lc.metadata_events);
    g_mutex_clear(&lc.lock);
    xcvr_test_rm_rf(dir);
}

/* A URI that does not answer: the watch cannot start, and says why. */
static void
test_libvirt_unreachable(void **state)
{
    g_autofree char *dir = make_tmp();
    g_autofree char *uri =
        g_strdup_printf("qemu+unix:///system?socket=%s/no-such-socket", dir);
    g_autoptr(GError) error = NULL;
    XcvrVirtWatch *vw = xcvr_virt_watch_new(uri, NULL, &error);

    assert_null(vw);
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT));
    assert_non_null(strstr(error->message, "no-such-socket"));
    xcvr_test_rm_rf(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_state_write),
        cmocka_unit_test(test_debounce),
        cmocka_unit_test(test_interval_shorter_than_cycle),
        cmocka_unit_test(test_failed_cycle_keeps_map),
        cmocka_unit_test(test_libvirt_events),
        cmocka_unit_test(test_libvirt_unreachable),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
