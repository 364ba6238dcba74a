/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-history-test.c: verdicts with hysteresis and the flag history, through the public
 * API only, on a host tests/hostgen/hostgen.py makes from tests/health/host.json: between
 * polls the test rewrites the module dump the inventory reads (the A2h flag bytes of a real
 * corpus SFP, its serial number for a swapped optic), builds a real inventory each poll
 * and feeds it to the history. Then the state file: saved atomically, read back, and
 * every kind of unusable file (corrupt, truncated, foreign, from the future, not a regular
 * file) moved aside with a warning.
 */
#include "../xcvr-test-util.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xcvrmap/xcvrmap.h>

static const char *hostgen_py;
static const char *host_spec;

#define PORT "enp3s0f0"
/* SFF-8472 Table 9-12: A2h bytes 112-113 alarm flags, 116-117 warning flags */
#define A2(off) (256 + (off))
#define RX_LOW_ALARM_BYTE A2(113)
#define RX_LOW_ALARM_MASK 0x40
#define TEMP_HIGH_WARNING_BYTE A2(116)
#define TEMP_HIGH_WARNING_MASK 0x80
/* SFF-8472 Table 4-1: vendor SN at A0h 68-83, CC_EXT at 95 over 64-94 */
#define SN_OFFSET 68
#define CC_EXT 95

/* One second, in the µs the history counts in; polls are a minute apart from T0. */
#define T0 ((gint64)1764792000 * G_USEC_PER_SEC) /* 2025-12-03T20:00:00Z */
#define AT(n) (T0 + (gint64)(n) * 60 * G_USEC_PER_SEC)

typedef struct {
    char *dir;      /* the temporary directory */
    char *host;     /* the generated host */
    char *dump;     /* host/eeprom/PORT.bin */
    char *state;    /* a state directory */
    guint8 *image;  /* the original dump */
    gsize len;
} Fixture;

static int
setup(void **state)
{
    Fixture *f = g_new0(Fixture, 1);
    g_autoptr(GError) error = NULL;
    g_autofree char *err = NULL;
    int status = 0;
    const char *argv[] = { "python3", hostgen_py, host_spec, NULL, NULL };

    f->dir = g_dir_make_tmp("xcvr-history-XXXXXX", &error);
    assert_non_null(f->dir);
    f->host = g_build_filename(f->dir, "host", NULL);
    f->state = g_build_filename(f->dir, "state", NULL);
    argv[3] = f->host;
    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &err,
                      &status, &error) ||
        !g_spawn_check_exit_status(status, &error))
        fail_msg("hostgen: %s: %s", error->message, err != NULL ? err : "");
    f->dump = g_build_filename(f->host, "eeprom", PORT ".bin", NULL);
    if (!g_file_get_contents(f->dump, (char **)&f->image, &f->len, &error))
        fail_msg("%s", error->message);
    assert_int_equal(f->len, 512);
    /* the module implements alarm and warning flags (A0h byte 93 bit 7) */
    assert_true((f->image[93] & 0x80) != 0);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    Fixture *f = *state;

    xcvr_test_rm_rf(f->dir);
    g_free(f->dir);
    g_free(f->host);
    g_free(f->dump);
    g_free(f->state);
    g_free(f->image);
    g_free(f);
    return 0;
}

/* Writes the dump: the original image with every flag clear, then @rx_low_alarm and
 * @temp_high_warning set as asked, and serial number @sn (NULL: the original). */
static void
write_module(const Fixture *f, gboolean rx_low_alarm, gboolean temp_high_warning,
             const char *sn)
{
    g_autofree guint8 *img = g_malloc(f->len);
    g_autoptr(GError) error = NULL;
    guint i;

    memcpy(img, f->image, f->len);
    for (i = 112; i <= 117; i++)
        img[A2(i)] = 0;
    if (rx_low_alarm)
        img[RX_LOW_ALARM_BYTE] |= RX_LOW_ALARM_MASK;
    if (temp_high_warning)
        img[TEMP_HIGH_WARNING_BYTE] |= TEMP_HIGH_WARNING_MASK;
    if (sn != NULL) {
        guint8 sum = 0;

        memset(img + SN_OFFSET, ' ', 16);
        memcpy(img + SN_OFFSET, sn, MIN(strlen(sn), 16));
        for (i = 64; i < CC_EXT; i++)
            sum += img[i];
        img[CC_EXT] = sum;
    }
    if (!g_file_set_contents(f->dump, (const char *)img, (gssize)f->len, &error))
        fail_msg("%s", error->message);
}

static XcvrInventory *
inventory(const Fixture *f)
{
    g_autoptr(GPtrArray) vnics = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_vnic_free);
    g_autoptr(XcvrInventoryOptions) options = xcvr_inventory_options_new();
    g_autoptr(GError) error = NULL;
    g_autofree char *eeprom = g_build_filename(f->host, "eeprom", NULL);
    XcvrInventory *inv;

    xcvr_inventory_options_set_root(options, f->host);
    xcvr_inventory_options_set_ovsdb(options, "");
    xcvr_inventory_options_set_eeprom_dir(options, eeprom);
    xcvr_inventory_options_set_all_uplinks(options, TRUE);
    inv = xcvr_inventory_new(vnics, options, &error);
    if (inv == NULL)
        fail_msg("inventory: %s", error->message);
    return inv;
}

/* One poll of the module as written; returns what xcvr_history_update() said. */
static gboolean
poll_module(const Fixture *f, XcvrHistory *h, gint64 now, gboolean rx_low_alarm,
            gboolean temp_high_warning, const char *sn)
{
    g_autoptr(XcvrInventory) inv = NULL;

    write_module(f, rx_low_alarm, temp_high_warning, sn);
    inv = inventory(f);
    return xcvr_history_update(h, inv, now);
}

/* The record of the module the port holds now. */
static const XcvrHistoryRecord *
current_record(const Fixture *f, const XcvrHistory *h, XcvrInventory **ret_inv)
{
    XcvrInventory *inv = inventory(f);
    const XcvrInvUplink *up = xcvr_inventory_find_uplink(inv, PORT);

    assert_non_null(up);
    *ret_inv = inv;
    return xcvr_history_find(h, up);
}

static const XcvrHistoryFlag *
flag_of(const XcvrHistoryRecord *r, const char *key, guint lane)
{
    for (guint i = 0; i < xcvr_history_record_get_n_flags(r); i++) {
        const XcvrHistoryFlag *fl = xcvr_history_record_get_flag(r, i);

        if (strcmp(xcvr_history_flag_get_key(fl), key) == 0 &&
            xcvr_history_flag_get_lane(fl) == lane)
            return fl;
    }
    return NULL;
}

static void
assert_flag(const XcvrHistoryFlag *fl, XcvrFlagState state, guint64 count, gint64 first_set,
            gint64 last_set, gint64 last_clear)
{
    gint64 fs = -1;
    gint64 ls = -1;
    gint64 lc = -1;

    assert_non_null(fl);
    assert_string_equal(xcvr_flag_state_to_string(xcvr_history_flag_get_state(fl)),
                        xcvr_flag_state_to_string(state));
    assert_int_equal(xcvr_history_flag_get_count(fl), count);
    xcvr_history_flag_get_times(fl, &fs, &ls, &lc);
    assert_int_equal(fs, first_set);
    assert_int_equal(ls, last_set);
    assert_int_equal(lc, last_clear);
}

static XcvrHealth
verdict_now(const Fixture *f, const XcvrHistory *h)
{
    g_autoptr(XcvrInventory) inv = NULL;
    const XcvrHistoryRecord *r = current_record(f, h, &inv);

    assert_non_null(r);
    return xcvr_history_record_get_verdict(r);
}

/* Raised after two polls set, held through a clean poll, cleared after three clean polls;
 * a one-poll blip never counts; a second raise counts again. Times are the first poll of
 * each run. */
static void
test_raise_hold_clear(void **state)
{
    Fixture *f = *state;
    g_autoptr(XcvrHistory) h = xcvr_history_new();
    g_autoptr(XcvrInventory) inv = NULL;
    const XcvrHistoryRecord *r;

    /* clean: a record, no flag, verdict ok (the link is up) */
    assert_true(poll_module(f, h, AT(0), FALSE, FALSE, NULL));
    r = current_record(f, h, &inv);
    assert_non_null(r);
    assert_int_equal(xcvr_history_record_get_n_flags(r), 0);
    assert_int_equal(xcvr_history_record_get_verdict(r), XCVR_HEALTH_OK);
    g_clear_pointer(&inv, xcvr_inventory_free);

    /* poll 1 set: rising, not raised; the instantaneous map verdict is alarm already */
    assert_false(poll_module(f, h, AT(1), TRUE, FALSE, NULL));
    r = current_record(f, h, &inv);
    assert_int_equal(xcvr_inv_uplink_get_health(xcvr_inventory_find_uplink(inv, PORT)),
                     XCVR_HEALTH_ALARM);
    assert_int_equal(xcvr_history_record_get_verdict(r), XCVR_HEALTH_OK);
    assert_flag(flag_of(r, "laser_rx_power_low_alarm", 0), XCVR_FLAG_STATE_RISING, 0, 0, 0, 0);
    g_clear_pointer(&inv, xcvr_inventory_free);

    /* poll 2 set: raised, counted once, set since poll 1 */
    assert_true(poll_module(f, h, AT(2), TRUE, FALSE, NULL));
    assert_int_equal(verdict_now(f, h), XCVR_HEALTH_ALARM);
    r = current_record(f, h, &inv);
    assert_flag(flag_of(r, "laser_rx_power_low_alarm", 0), XCVR_FLAG_STATE_RAISED, 1, AT(1),
                AT(1), 0);
    g_clear_pointer(&inv, xcvr_inventory_free);

    /* one clean poll: falling, still an alarm; set again: raised, not counted again */
    assert_false(poll_module(f, h, AT(3), FALSE, FALSE, NULL));
    assert_int_equal(verdict_now(f, h), XCVR_HEALTH_ALARM);
    r = current_record(f, h, &inv);
    /* the inventory alone says ok (the flag reads clear), with the history: alarm; the
     * empty cage has no record: its own verdict */
    assert_int_equal(xcvr_inv_uplink_get_health(xcvr_inventory_find_uplink(inv, PORT)),
                     XCVR_HEALTH_OK);
    assert_int_equal(xcvr_history_get_verdict(h, xcvr_inventory_find_uplink(inv, PORT)),
                     XCVR_HEALTH_ALARM);
    assert_int_equal(xcvr_history_get_verdict(h, xcvr_inventory_find_uplink(inv, "enp3s0f1")),
                     xcvr_inv_uplink_get_health(xcvr_inventory_find_uplink(inv, "enp3s0f1")));
    assert_flag(flag_of(r, "laser_rx_power_low_alarm", 0), XCVR_FLAG_STATE_FALLING, 1, AT(1),
                AT(1), 0);
    g_clear_pointer(&inv, xcvr_inventory_free);
    assert_false(poll_module(f, h, AT(4), TRUE, FALSE, NULL));
    r = current_record(f, h, &inv);
    assert_flag(flag_of(r, "laser_rx_power_low_alarm", 0), XCVR_FLAG_STATE_RAISED, 1, AT(1),
                AT(1), 0);
    g_clear_pointer(&inv, xcvr_inventory_free);

    /* three clean polls clear it, as of the first of them */
    assert_false(poll_module(f, h, AT(5), FALSE, FALSE, NULL));
    assert_false(poll_module(f, h, AT(6), FALSE, FALSE, NULL));
    assert_int_equal(verdict_now(f, h), XCVR_HEALTH_ALARM);
    assert_true(poll_module(f, h, AT(7), FALSE, FALSE, NULL));
    assert_int_equal(verdict_now(f, h), XCVR_HEALTH_OK);
    r = current_record(f, h, &inv);
    assert_flag(flag_of(r, "laser_rx_power_low_alarm", 0), XCVR_FLAG_STATE_CLEAR, 1, AT(1),
                AT(1), AT(5));
    g_clear_pointer(&inv, xcvr_inventory_free);

    /* a one-poll blip: rising, then clear, never counted; a warning beside it */
    assert_false(poll_module(f, h, AT(8), TRUE, TRUE, NULL));
    assert_true(poll_module(f, h, AT(9), FALSE, TRUE, NULL)); /* the warning raised */
    assert_int_equal(verdict_now(f, h), XCVR_HEALTH_WARNING);
    r = current_record(f, h, &inv);
    assert_flag(flag_of(r, "laser_rx_power_low_alarm", 0), XCVR_FLAG_STATE_CLEAR, 1, AT(1),
                AT(1), AT(5));
    assert_flag(flag_of(r, "module_temperature_high_warning", 0), XCVR_FLAG_STATE_RAISED, 1,
                AT(8), AT(8), 0);
    g_clear_pointer(&inv, xcvr_inventory_free);

    /* raised a second time: counted, last set moves, first set stays */
    assert_false(poll_module(f, h, AT(10), TRUE, TRUE, NULL));
    assert_true(poll_module(f, h, AT(11), TRUE, TRUE, NULL));
    assert_int_equal(verdict_now(f, h), XCVR_HEALTH_ALARM);
    r = current_record(f, h, &inv);
    assert_flag(flag_of(r, "laser_rx_power_low_alarm", 0), XCVR_FLAG_STATE_RAISED, 2, AT(1),
                AT(10), AT(5));
    {
        gint64 first = 0;
        gint64 last = 0;
        guint64 polls = 0;

        xcvr_history_record_get_times(r, &first, &last, &polls);
        assert_int_equal(first, AT(0));
        assert_int_equal(last, AT(11));
        assert_int_equal(polls, 12);
    }
    assert_int_equal(xcvr_history_get_polls(h), 12);
    assert_int_equal(xcvr_history_get_updated(h), AT(11));
}

/* N and M are the caller's: raised at once, cleared at once. */
static void
test_hysteresis_configurable(void **state)
{
    Fixture *f = *state;
    g_autoptr(XcvrHistory) h = xcvr_history_new();
    g_autoptr(XcvrInventory) inv = NULL;
    const XcvrHistoryRecord *r;

    xcvr_history_set_hysteresis(h, 1, 1);
    assert_true(poll_module(f, h, AT(0), TRUE, FALSE, NULL));
    assert_int_equal(verdict_now(f, h), XCVR_HEALTH_ALARM);
    assert_true(poll_module(f, h, AT(1), FALSE, FALSE, NULL));
    assert_int_equal(verdict_now(f, h), XCVR_HEALTH_OK);
    r = current_record(f, h, &inv);
    assert_flag(flag_of(r, "laser_rx_power_low_alarm", 0), XCVR_FLAG_STATE_CLEAR, 1, AT(0),
                AT(0), AT(1));
}

/* Another serial number in the cage: a new record, the old one kept but not current;
 * the old module back: its own history again. */
static void
test_swap_starts_new_history(void **state)
{
    Fixture *f = *state;
    g_autoptr(XcvrHistory) h = xcvr_history_new();
    g_autoptr(XcvrInventory) inv = NULL;
    const XcvrHistoryRecord *r;
    const char *sn = NULL;

    assert_true(poll_module(f, h, AT(0), TRUE, FALSE, NULL));
    assert_true(poll_module(f, h, AT(1), TRUE, FALSE, NULL));
    assert_int_equal(verdict_now(f, h), XCVR_HEALTH_ALARM);

    /* swapped: the new optic is clean and its history empty */
    assert_true(poll_module(f, h, AT(2), FALSE, FALSE, "SWAPPED0001"));
    r = current_record(f, h, &inv);
    assert_non_null(r);
    xcvr_history_record_get_module(r, NULL, NULL, &sn);
    assert_string_equal(sn, "SWAPPED0001");
    assert_true(xcvr_history_record_is_current(r));
    assert_int_equal(xcvr_history_record_get_n_flags(r), 0);
    assert_int_equal(xcvr_history_record_get_verdict(r), XCVR_HEALTH_OK);
    g_clear_pointer(&inv, xcvr_inventory_free);
    assert_int_equal(xcvr_history_get_n_records(h), 2);
    for (guint i = 0; i < 2; i++) {
        const XcvrHistoryRecord *x = xcvr_history_get_record(h, i);
        const char *x_sn = NULL;

        assert_string_equal(xcvr_history_record_get_interface(x), PORT);
        xcvr_history_record_get_module(x, NULL, NULL, &x_sn);
        /* the old one holds the alarm raise, not current */
        if (strcmp(x_sn, "SWAPPED0001") != 0) {
            assert_false(xcvr_history_record_is_current(x));
            assert_flag(flag_of(x, "laser_rx_power_low_alarm", 0), XCVR_FLAG_STATE_RAISED, 1,
                        AT(0), AT(0), 0);
        }
    }

    /* the old optic back: its record again, current, still counted once */
    assert_true(poll_module(f, h, AT(3), TRUE, FALSE, NULL));
    r = current_record(f, h, &inv);
    assert_true(xcvr_history_record_is_current(r));
    assert_flag(flag_of(r, "laser_rx_power_low_alarm", 0), XCVR_FLAG_STATE_RAISED, 1, AT(0),
                AT(0), 0);
}

static char *
read_file(const char *path)
{
    char *data = NULL;
    g_autoptr(GError) error = NULL;

    if (!g_file_get_contents(path, &data, NULL, &error))
        fail_msg("%s", error->message);
    return data;
}

/* Saved atomically (no temporary left, mode 0644), read back equal, and the history
 * goes on after a restart as if there had been none. */
static void
test_save_load_roundtrip(void **state)
{
    Fixture *f = *state;
    g_autoptr(XcvrHistory) h = xcvr_history_new();
    g_autoptr(XcvrHistory) back = NULL;
    g_autoptr(XcvrInventory) inv = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *warning = NULL;
    g_autofree char *path = g_build_filename(f->state, XCVR_HISTORY_FILE, NULL);
    g_autofree char *saved = NULL;
    g_autofree char *again = NULL;
    g_autoptr(GDir) d = NULL;
    const char *name;
    struct stat st;
    const XcvrHistoryRecord *r;

    /* no state directory yet: an empty history, no warning */
    back = xcvr_history_load(f->state, &warning, &error);
    assert_non_null(back);
    assert_null(warning);
    assert_int_equal(xcvr_history_get_n_records(back), 0);
    g_clear_pointer(&back, xcvr_history_free);

    assert_true(poll_module(f, h, AT(0), TRUE, FALSE, NULL));
    assert_true(poll_module(f, h, AT(1), TRUE, FALSE, NULL));
    assert_false(poll_module(f, h, AT(2), FALSE, FALSE, NULL));
    assert_true(xcvr_history_save(h, f->state, &error));
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    d = g_dir_open(f->state, 0, NULL);
    while ((name = g_dir_read_name(d)) != NULL)
        assert_string_equal(name, XCVR_HISTORY_FILE);

    back = xcvr_history_load(f->state, &warning, &error);
    assert_non_null(back);
    assert_null(warning);
    saved = read_file(path);
    again = xcvr_history_to_json(back);
    assert_string_equal(saved, again);
    assert_int_equal(xcvr_history_get_polls(back), 3);

    /* after the "restart": falling carries on to clear at the third clean poll */
    assert_false(poll_module(f, back, AT(3), FALSE, FALSE, NULL));
    assert_true(poll_module(f, back, AT(4), FALSE, FALSE, NULL));
    r = current_record(f, back, &inv);
    assert_flag(flag_of(r, "laser_rx_power_low_alarm", 0), XCVR_FLAG_STATE_CLEAR, 1, AT(0),
                AT(0), AT(2));
}

/* The map JSON gets `history` per uplink with a history, and is byte for byte what it
 * was without one. */
static void
test_map_json_history(void **state)
{
    Fixture *f = *state;
    g_autoptr(XcvrHistory) h = xcvr_history_new();
    g_autoptr(XcvrInventory) inv = NULL;
    g_autofree char *plain = NULL;
    g_autofree char *none = NULL;
    g_autofree char *with = NULL;
    g_autofree char *text = NULL;

    assert_true(poll_module(f, h, AT(0), TRUE, FALSE, NULL));
    assert_true(poll_module(f, h, AT(1), TRUE, FALSE, NULL));
    inv = inventory(f);
    plain = xcvr_render_map_json(inv);
    none = xcvr_render_map_json_with_history(inv, NULL);
    assert_string_equal(plain, none);
    assert_null(strstr(plain, "\"history\""));
    with = xcvr_render_map_json_with_history(inv, h);
    assert_non_null(strstr(with, "\"history\" : {"));
    assert_non_null(strstr(with, "\"first_set\" : \"2025-12-03T20:00:00Z\""));
    assert_non_null(strstr(with, "\"history\" : null")); /* the empty cage */
    text = xcvr_render_map_text_with_history(inv, h);
    assert_non_null(strstr(text, "History (2 polls, last 2025-12-03T20:01:00Z"));
    assert_non_null(strstr(text, "laser_rx_power_low_alarm: raised, 1 raise, last set"));

    /* a serial number with a backslash and a quote: the history's module is written once
     * escaped, as the uplink's module is, not escaped twice */
    g_clear_pointer(&inv, xcvr_inventory_free);
    g_clear_pointer(&with, g_free);
    assert_true(poll_module(f, h, AT(2), FALSE, FALSE, "B\\S\"1"));
    inv = inventory(f);
    with = xcvr_render_map_json_with_history(inv, h);
    {
        const char *sn = "\"sn\" : \"B\\\\\\\\S\\\"1\"";
        const char *first = strstr(with, sn);

        if (first == NULL || strstr(first + 1, sn) == NULL)
            fail_msg("the serial number, as the module and the history write it:\n%s", with);
    }
}

/* Writes @data as the state file and loads it: moved aside, a warning, an empty history;
 * xcvr_history_read() refuses it first and leaves it where it is. */
static void
check_moved_aside(const Fixture *f, const char *what)
{
    g_autofree char *path = g_build_filename(f->state, XCVR_HISTORY_FILE, NULL);
    g_autoptr(XcvrHistory) h = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *warning = NULL;
    g_autoptr(GDir) d = NULL;
    const char *name;
    guint aside = 0;

    h = xcvr_history_read(f->state, &error);
    assert_null(h);
    assert_non_null(error);
    assert_true(g_file_test(path, G_FILE_TEST_EXISTS) ||
                g_file_test(path, G_FILE_TEST_IS_SYMLINK));
    g_clear_error(&error);

    h = xcvr_history_load(f->state, &warning, &error);
    if (h == NULL)
        fail_msg("%s: %s", what, error->message);
    assert_int_equal(xcvr_history_get_n_records(h), 0);
    if (warning == NULL)
        fail_msg("%s: no warning", what);
    assert_non_null(strstr(warning, "moved aside"));
    assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
    d = g_dir_open(f->state, 0, NULL);
    while ((name = g_dir_read_name(d)) != NULL) {
        if (g_str_has_prefix(name, XCVR_HISTORY_FILE ".corrupt-"))
            aside++;
    }
    assert_int_equal(aside, 1);
    xcvr_test_rm_rf(f->state);
}

static void
put_state(const Fixture *f, const char *data, gssize len)
{
    g_autofree char *path = g_build_filename(f->state, XCVR_HISTORY_FILE, NULL);
    g_autoptr(GError) error = NULL;

    assert_int_equal(g_mkdir_with_parents(f->state, 0755), 0);
    if (!g_file_set_contents(path, data, len, &error))
        fail_msg("%s", error->message);
}

static void
test_unusable_state_files(void **state)
{
    Fixture *f = *state;
    g_autoptr(XcvrHistory) h = xcvr_history_new();
    g_autoptr(GError) error = NULL;
    g_autofree char *json = NULL;
    g_autofree char *path = g_build_filename(f->state, XCVR_HISTORY_FILE, NULL);
    g_autofree char *future = NULL;
    g_autofree char *newer = NULL;
    gsize half;

    assert_true(poll_module(f, h, AT(0), TRUE, TRUE, NULL));
    assert_true(poll_module(f, h, AT(1), TRUE, TRUE, NULL));
    json = xcvr_history_to_json(h);

    /* corrupt: bytes that are not JSON, and not even UTF-8 */
    put_state(f, "\x89PNG\r\n\x1a\n\xff\xfe garbage", -1);
    check_moved_aside(f, "garbage");
    /* truncated: the first half of a real history (a full disk mid-write of another tool) */
    half = strlen(json) / 2;
    put_state(f, json, (gssize)half);
    check_moved_aside(f, "truncated");
    /* empty */
    put_state(f, "", 0);
    check_moved_aside(f, "empty");
    /* foreign: valid JSON, not a history; another xcvrmap document */
    put_state(f, "{\"vnics\": [], \"uplinks\": []}", -1);
    check_moved_aside(f, "foreign");
    put_state(f, "[1, 2, 3]", -1);
    check_moved_aside(f, "array");
    /* another format version */
    newer = g_strdup(json);
    memcpy(strstr(newer, "\"version\" : 1"), "\"version\" : 9", strlen("\"version\" : 9"));
    put_state(f, newer, -1);
    check_moved_aside(f, "version 9");
    /* from the future: updated in 2100 */
    future = g_strdup_printf("{\"format\": \"xcvrmap-history\", \"version\": 1, "
                             "\"updated_us\": %" G_GINT64_FORMAT ", \"polls\": 1, "
                             "\"records\": []}",
                             (gint64)4102444800 * G_USEC_PER_SEC);
    put_state(f, future, -1);
    check_moved_aside(f, "future");
    /* inconsistent: a record seen after the history's last update */
    {
        g_autofree char *bad = g_strdup(json);
        char *p = strstr(bad, "\"updated_us\" : ");

        assert_non_null(p);
        p += strlen("\"updated_us\" : ");
        *p = '1'; /* 1764… becomes 1764… with a smaller first digit: in the past */
        p[1] = '0';
        put_state(f, bad, -1);
        check_moved_aside(f, "inconsistent");
    }
    /* not a regular file: a directory, a FIFO, a symbolic link to a good history */
    assert_int_equal(g_mkdir_with_parents(path, 0755), 0);
    check_moved_aside(f, "directory");
    assert_int_equal(g_mkdir_with_parents(f->state, 0755), 0);
    assert_int_equal(mkfifo(path, 0644), 0);
    check_moved_aside(f, "fifo");
    {
        g_autofree char *target = g_build_filename(f->dir, "elsewhere.json", NULL);

        assert_true(g_file_set_contents(target, json, -1, NULL));
        assert_int_equal(g_mkdir_with_parents(f->state, 0755), 0);
        assert_int_equal(symlink(target, path), 0);
        check_moved_aside(f, "symlink");
    }

    /* and a good one is read as it was */
    put_state(f, json, -1);
    {
        g_autoptr(XcvrHistory) back = xcvr_history_read(f->state, &error);
        g_autofree char *again = NULL;

        assert_non_null(back);
        again = xcvr_history_to_json(back);
        assert_string_equal(again, json);
    }
}

/* The textfile: written whole, atomically, beside nothing else. */
static void
test_textfile(void **state)
{
    Fixture *f = *state;
    g_autoptr(XcvrHistory) h = xcvr_history_new();
    g_autoptr(XcvrInventory) inv = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *path = g_build_filename(f->dir, "xcvrmap.prom", NULL);
    g_autofree char *text = NULL;
    g_autofree char *rendered = NULL;

    assert_true(poll_module(f, h, AT(0), TRUE, FALSE, NULL));
    assert_true(poll_module(f, h, AT(1), TRUE, FALSE, NULL));
    inv = inventory(f);
    assert_true(xcvr_metrics_write_textfile(path, inv, h, &error));
    text = read_file(path);
    rendered = xcvr_render_metrics(inv, h);
    assert_string_equal(text, rendered);
    assert_non_null(strstr(text, "xcvrmap_alarm_raised_total{interface=\"enp3s0f0\","
                                 "flag=\"laser_rx_power_low_alarm\"} 1\n"));
    assert_non_null(strstr(text, "xcvrmap_uplink_health{interface=\"enp3s0f0\","
                                 "state=\"alarm\"} 1\n"));
    assert_non_null(strstr(text, "xcvrmap_flag{interface=\"enp3s0f0\","
                                 "flag=\"laser_rx_power_low_alarm\"} 1\n"));
    /* a directory that does not exist: an error, nothing half-written */
    {
        g_autofree char *bad = g_build_filename(f->dir, "missing", "x.prom", NULL);

        assert_false(xcvr_metrics_write_textfile(bad, inv, h, &error));
        assert_non_null(error);
    }
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_raise_hold_clear, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hysteresis_configurable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_swap_starts_new_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_load_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_json_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unusable_state_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_textfile, setup, teardown),
    };

    if (argc != 3) {
        fprintf(stderr, "usage: %s HOSTGEN_PY HOST_SPEC\n", argv[0]);
        return 2;
    }
    hostgen_py = argv[1];
    host_spec = argv[2];
    return cmocka_run_group_tests(tests, NULL, NULL);
}
