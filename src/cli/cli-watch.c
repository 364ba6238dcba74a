/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-watch.c: `xcvrmap watch`, the face of #XcvrWatch: `map`'s sources, a state
 * directory, libvirt's events (libxcvrmap-virt) or XAPI's event.from (libxcvrmap-xapi),
 * each loaded on demand, and SIGTERM/SIGINT/SIGHUP ending the loop between cycles, so that
 * a state file is never left half written (each is replaced by rename anyway).
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <glib-unix.h>

#include <xcvrmap/xcvrmap.h>

#include "cli/cli.h"

#define DEFAULT_INTERVAL_S 60.0
#define MAX_INTERVAL_S 86400.0
#define DEFAULT_CYCLE_TIMEOUT_S 30.0

/* What the command was given, as `map` takes it, plus the watch's own. */
typedef struct {
    char *uri;
    XcvrCliXapiOption xapi;
    char *root;
    char *ovsdb;
    char *eeprom_dir;
    char **domains;
    gboolean demo;
    gboolean no_modules;
    gboolean no_netlink;
    gboolean vdm;
    double interval;
    double timeout;
    char *state_dir;
    char *textfile;
    gboolean publish;
    gboolean once;
} Options;

static void
options_clear(Options *o)
{
    g_free(o->uri);
    xcvr_cli_xapi_option_clear(&o->xapi);
    g_free(o->root);
    g_free(o->ovsdb);
    g_free(o->eeprom_dir);
    g_strfreev(o->domains);
    g_free(o->state_dir);
    g_free(o->textfile);
}

/* ---- sources ---- */

/* XAPI: the VM list is read again at each cycle, which libxcvrmap-xapi's event.from
 * thread and the interval ask for. */
typedef struct {
    const Options *o;
    guint timeout_ms;
} XapiSource;

static GPtrArray *
list_xapi(gpointer data, GError **error)
{
    XapiSource *s = data;

    return xcvr_cli_xapi_list_vnics(s->o->xapi.socket_path, s->o->root, s->o->ovsdb,
                                    (const char *const *)s->o->domains, s->timeout_ms, error);
}

/* XAPI's events (VM, VIF and PIF classes) name every change the map reads, so the watch
 * may keep its walks between them; a listing costs the same few get_all_records calls
 * whatever it is for, so the domains named are taken from a whole listing. */
static GPtrArray *
list_xapi_domains(const char *const *domains, gpointer data, GError **error)
{
    g_autoptr(GPtrArray) all = list_xapi(data, error);
    GPtrArray *out;

    if (all == NULL)
        return NULL;
    out = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_vnic_free);
    for (guint i = 0; i < all->len; i++) {
        XcvrVnic *vnic = g_ptr_array_index(all, i);

        if (g_strv_contains(domains, vnic->domain)) {
            g_ptr_array_add(out, vnic);
            all->pdata[i] = NULL; /* moved into @out */
        }
    }
    return out;
}

/* ---- after each cycle ---- */

/* Says on stderr (the journal, under systemd) what a cycle changed or why it failed. */
static void
log_after_cycle(XcvrWatch *watch, const XcvrInventory *inv, const GError *error, gpointer data)
{
    const char *reason = xcvr_watch_get_cycle_reason(watch);

    guint walked = 0;
    guint kept = 0;
    int listed;
    char domains[16];

    /* every cycle, with G_MESSAGES_DEBUG=all */
    xcvr_watch_get_cycle_walks(watch, &walked, &kept);
    listed = xcvr_watch_get_cycle_listed(watch);
    if (listed >= 0)
        g_snprintf(domains, sizeof domains, "%d", listed);
    g_debug("cycle %" G_GUINT64_FORMAT " (%s): map.json %s; %u vNICs walked, %u kept; "
            "domains listed: %s",
            xcvr_watch_get_n_cycles(watch), reason != NULL ? reason : "-",
            xcvr_watch_get_map_changed(watch) ? "updated" : "unchanged", walked, kept,
            listed >= 0 ? domains : "all");
    if (error != NULL)
        xcvr_cli_error("xcvrmap watch: cycle %" G_GUINT64_FORMAT " (%s): %s",
                       xcvr_watch_get_n_cycles(watch), reason != NULL ? reason : "-",
                       error->message);
    else if (xcvr_watch_get_map_changed(watch))
        xcvr_cli_error("xcvrmap watch: map.json updated: %u vNICs, %u uplinks (%s)",
                       xcvr_inventory_get_n_vnics(inv), xcvr_inventory_get_n_uplinks(inv),
                       reason != NULL ? reason : "-");
}

/* --textfile PATH: each cycle's Prometheus metrics, replaced atomically for
 * node_exporter's textfile collector; a cycle that made no inventory leaves the last file
 * (a scrape then sees the last poll, and the failure is in the journal). */
static void
textfile_after_cycle(XcvrWatch *watch, const XcvrInventory *inv, const GError *error,
                     gpointer data)
{
    const char *path = data;
    g_autoptr(GError) local = NULL;

    (void)error;
    if (inv == NULL)
        return;
    if (!xcvr_metrics_write_textfile(path, inv, xcvr_watch_get_history(watch), &local))
        xcvr_cli_error("xcvrmap watch: --textfile: %s", local->message);
}

/* ---- the loop ---- */

/* The watch's own main context: libvirt's default event loop iterates the default one
 * from its thread, which would then run the watch's cycles there whenever this thread is
 * not in the loop (before it starts, after it quits). */
typedef struct {
    GMainContext *context;
    GMainLoop *loop;
    GSource *sources[3];
    int signal;
} Stop;

static gboolean
on_signal(gpointer data, int sig)
{
    Stop *stop = data;

    stop->signal = sig;
    g_main_loop_quit(stop->loop);
    return G_SOURCE_CONTINUE;
}

static gboolean
on_sigterm(gpointer data)
{
    return on_signal(data, SIGTERM);
}

static gboolean
on_sigint(gpointer data)
{
    return on_signal(data, SIGINT);
}

static gboolean
on_sighup(gpointer data)
{
    return on_signal(data, SIGHUP);
}

/* Catches SIGTERM, SIGINT and SIGHUP from here on (before libvirt is loaded and the
 * source opened, which take a while: a signal meanwhile ends the loop once it runs,
 * instead of killing the process). */
static void
catch_signals(Stop *stop)
{
    static const int sigs[3] = { SIGTERM, SIGINT, SIGHUP };
    static const GSourceFunc funcs[3] = { on_sigterm, on_sigint, on_sighup };

    stop->context = g_main_context_new();
    stop->loop = g_main_loop_new(stop->context, FALSE);
    for (guint i = 0; i < 3; i++) {
        stop->sources[i] = g_unix_signal_source_new(sigs[i]);
        g_source_set_callback(stop->sources[i], funcs[i], stop, NULL);
        g_source_attach(stop->sources[i], stop->context);
    }
}

static void
release_signals(Stop *stop)
{
    for (guint i = 0; i < 3; i++) {
        if (stop->sources[i] != NULL) {
            g_source_destroy(stop->sources[i]);
            g_clear_pointer(&stop->sources[i], g_source_unref);
        }
    }
    g_clear_pointer(&stop->loop, g_main_loop_unref);
    g_clear_pointer(&stop->context, g_main_context_unref);
}

/* Runs @watch until a signal: cycles run inside the loop's dispatch, so a signal that
 * arrives during one is handled once it has finished writing. */
static int
run_loop(XcvrWatch *watch, Stop *stop)
{
    g_autoptr(GError) error = NULL;

    if (!xcvr_watch_start(watch, stop->context, &error)) {
        xcvr_cli_error("xcvrmap watch: %s", error->message);
        return XCVR_EXIT_FAILURE;
    }
    g_main_loop_run(stop->loop);
    xcvr_watch_stop(watch);
    xcvr_cli_error("xcvrmap watch: stopped by %s after %" G_GUINT64_FORMAT " cycles",
                   g_strsignal(stop->signal), xcvr_watch_get_n_cycles(watch));
    return XCVR_EXIT_OK;
}

/* ---- the command ---- */

/* @path made absolute against the current directory (before --demo changes it). */
static char *
absolute(const char *path)
{
    g_autofree char *cwd = NULL;

    if (path == NULL || g_path_is_absolute(path))
        return g_strdup(path);
    cwd = g_get_current_dir();
    return g_build_filename(cwd, path, NULL);
}

/* Checks what parsing cannot; -1 to go on, else the exit status. */
static int
check_options(Options *o, int argc, char **argv)
{
    int status;

    if (argc > 1) {
        xcvr_cli_error("xcvrmap watch: unexpected argument '%s'", argv[1]);
        return XCVR_EXIT_USAGE;
    }
    status = xcvr_cli_exclusive("watch", "-c, --xapi or --demo",
                                (o->uri != NULL) + (o->xapi.enabled != FALSE) +
                                    (o->demo != FALSE));
    if (status >= 0)
        return status;
    if (o->demo && (o->root != NULL || o->ovsdb != NULL || o->eeprom_dir != NULL)) {
        fprintf(stderr, "xcvrmap watch: --demo brings its own host: not with -c, --root, "
                        "--ovsdb or --eeprom-dir\n");
        return XCVR_EXIT_USAGE;
    }
    if (o->publish && o->xapi.enabled) {
        fprintf(stderr, "xcvrmap watch: --publish writes into libvirt; on XCP-ng only the "
                        "state directory is written (the host plugin serves the rest)\n");
        return XCVR_EXIT_USAGE;
    }
    if (!(o->interval >= 0 && o->interval <= MAX_INTERVAL_S)) {
        xcvr_cli_error("xcvrmap watch: --interval must be between 0 (none) and %.0f seconds",
                       MAX_INTERVAL_S);
        return XCVR_EXIT_USAGE;
    }
    if (o->state_dir != NULL && o->state_dir[0] == '\0') {
        fprintf(stderr, "xcvrmap watch: --state-dir needs a directory\n");
        return XCVR_EXIT_USAGE;
    }
    if (o->textfile != NULL && o->textfile[0] == '\0') {
        fprintf(stderr, "xcvrmap watch: --textfile needs a file name\n");
        return XCVR_EXIT_USAGE;
    }
    return -1;
}

/* Everything after the options are checked and the demo host (if any) entered. */
static int
watch_host(Options *o, const XcvrCliDemo *host, guint timeout_ms, Stop *stop)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrWatch) watch = NULL;
    XcvrCliVirtWatchApi api = { 0 };
    XcvrVirtWatch *vwatch = NULL;
    XcvrCliXapiApi xapi_api = { 0 };
    XcvrXapiWatch *xwatch = NULL;
    XapiSource xapi = { o, timeout_ms };
    XcvrInventoryOptions *opts;
    XcvrHistory *history;
    g_autofree char *warning = NULL;
    int status;

    if (o->xapi.enabled) {
        if (!xcvr_cli_xapi_load(&xapi_api, &error)) {
            xcvr_cli_error("xcvrmap watch: %s", error->message);
            return XCVR_EXIT_FAILURE;
        }
        watch = xcvr_watch_new(list_xapi, &xapi, NULL);
        xcvr_watch_set_list_domains(watch, list_xapi_domains);
    } else {
        if (!xcvr_cli_virt_watch_load(&api, &error) ||
            (vwatch = api.watch_new(o->demo ? host->uri : o->uri,
                                    (const char *const *)o->domains, &error)) == NULL) {
            xcvr_cli_error("xcvrmap watch: %s", error->message);
            return XCVR_EXIT_FAILURE;
        }
        watch = xcvr_watch_new(api.watch_list_vnics, vwatch, NULL);
        api.watch_attach(vwatch, watch, o->publish);
    }
    opts = xcvr_watch_get_inventory_options(watch);
    xcvr_inventory_options_set_root(opts, o->demo ? XCVR_CLI_DEMO_ROOT : o->root);
    xcvr_inventory_options_set_ovsdb(opts, o->demo ? XCVR_CLI_DEMO_OVSDB : o->ovsdb);
    xcvr_inventory_options_set_eeprom_dir(opts,
                                          o->demo ? XCVR_CLI_DEMO_EEPROM_DIR : o->eeprom_dir);
    xcvr_inventory_options_set_timeout_ms(opts, timeout_ms);
    xcvr_inventory_options_set_no_netlink(opts, o->no_netlink);
    xcvr_inventory_options_set_decode_flags(opts, o->vdm ? XCVR_DECODE_VDM : XCVR_DECODE_NONE);
    xcvr_inventory_options_set_no_modules(opts, o->no_modules);
    xcvr_watch_set_cycle_timeout(watch, timeout_ms);
    xcvr_watch_set_state_dir(watch, o->state_dir);
    xcvr_watch_set_interval(watch, o->interval > 0 ? MAX((guint)(o->interval * 1000), 1) : 0);
    /* the demo host is files: nothing on this machine's links concerns it */
    xcvr_watch_set_link_events(watch, !o->demo);
    /* the state directory's history.json: an unusable one is moved aside with a warning */
    history = xcvr_history_load(o->state_dir, &warning, &error);
    if (warning != NULL)
        xcvr_cli_error("xcvrmap watch: %s", warning);
    if (history == NULL) {
        xcvr_cli_error("xcvrmap watch: %s", error->message);
        if (vwatch != NULL)
            api.watch_free(vwatch);
        return XCVR_EXIT_FAILURE;
    }
    /* XAPI's events only for a watch that runs on (--once lists once) */
    if (o->xapi.enabled && !o->once) {
        xwatch = xapi_api.watch_new(o->xapi.socket_path, o->root, timeout_ms);
        if (!xapi_api.watch_attach(xwatch, watch, &error)) {
            xcvr_cli_error("xcvrmap watch: XAPI events: %s", error->message);
            xapi_api.watch_free(xwatch);
            return XCVR_EXIT_FAILURE;
        }
    }
    xcvr_watch_set_history(watch, history);
    /* the after-cycle hooks, in order */
    if (o->textfile != NULL)
        xcvr_watch_add_after_cycle(watch, textfile_after_cycle, o->textfile, NULL);
    xcvr_watch_add_after_cycle(watch, log_after_cycle, NULL, NULL);

    if (o->once)
        status = xcvr_watch_run_cycle(watch, "once", NULL) ? XCVR_EXIT_OK : XCVR_EXIT_FAILURE;
    else
        status = run_loop(watch, stop);
    /* libvirt's and XAPI's event threads call into the watch: they go first */
    if (vwatch != NULL)
        api.watch_free(vwatch);
    if (xwatch != NULL)
        xapi_api.watch_free(xwatch);
    return status;
}

int
xcvr_cli_watch(int argc, char **argv)
{
    Options o = { .interval = DEFAULT_INTERVAL_S, .timeout = DEFAULT_CYCLE_TIMEOUT_S };
    XcvrCliDemo host = { NULL, NULL, -1 };
    g_autoptr(GOptionContext) ctx = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *state_dir = NULL;
    g_autofree char *textfile = NULL;
    guint timeout_ms = 0;
    Stop stop = { 0 };
    int status;
    const GOptionEntry entries[] = {
        { "connect", 'c', 0, G_OPTION_ARG_STRING, &o.uri,
          "libvirt URI, as for virsh (default: LIBVIRT_DEFAULT_URI, else libvirt.conf's "
          "uri_default, else libvirt's choice)", "URI" },
        XCVR_CLI_XAPI_OPTION_ENTRY("XCP-ng: the VMs from xapi on its unix socket instead of "
                                   "libvirt (default /var/lib/xcp/xapi), read again on its "
                                   "events (event.from) and at every --interval"),
        { "root", 0, 0, G_OPTION_ARG_FILENAME, &o.root,
          "Read the host's sysfs and procfs under DIR/sys and DIR/proc (default /)", "DIR" },
        { "ovsdb", 0, 0, G_OPTION_ARG_FILENAME, &o.ovsdb,
          "Open vSwitch: ovsdb-server's unix socket, or a file of `ovsdb-client dump "
          "--format=json` (default " XCVR_OVS_DEFAULT_SOCKET " when present; \"\" for none)",
          "SOCKET|FILE" },
        { "eeprom-dir", 0, 0, G_OPTION_ARG_FILENAME, &o.eeprom_dir,
          "Read each uplink's module from DIR/IFNAME.bin instead of the kernel", "DIR" },
        { "domain", 'd', 0, G_OPTION_ARG_STRING_ARRAY, &o.domains,
          "Only this domain (name or UUID); repeat for several", "NAME" },
        { "no-modules", 0, 0, G_OPTION_ARG_NONE, &o.no_modules,
          "Do not read the uplinks' modules", NULL },
        { "vdm", 0, 0, G_OPTION_ARG_NONE, &o.vdm, "Also read the CMIS VDM pages (SNR, pre-FEC BER…) where modules advertise them, "
          "every cycle (a full read of such modules: no cached poll); --textfile gets "
          "xcvrmap_vdm_value", NULL },
        { "no-netlink", 0, 0, G_OPTION_ARG_NONE, &o.no_netlink,
          "Read modules through the SIOCETHTOOL ioctl even where ethtool netlink works",
          NULL },
        { "demo", 0, 0, G_OPTION_ARG_NONE, &o.demo,
          "Watch the bundled demo host; not with -c, --root, --ovsdb or --eeprom-dir", NULL },
        { "interval", 0, 0, G_OPTION_ARG_DOUBLE, &o.interval,
          "Seconds between cycles no event asked for: modules and health re-read, XAPI "
          "re-listed (default 60; 0: events only)", "SECONDS" },
        { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &o.timeout,
          "Deadline of each cycle, in SECONDS: host walk, Open vSwitch, XAPI and every "
          "module read (default 30; 0: no deadline)", "SECONDS" },
        { "state-dir", 0, 0, G_OPTION_ARG_FILENAME, &o.state_dir,
          "Keep map.json (and nodedev/NAME.xml with --publish) in DIR (default "
          XCVR_STATE_DIR_DEFAULT ")", "DIR" },
        { "textfile", 0, 0, G_OPTION_ARG_FILENAME, &o.textfile,
          "Write the Prometheus metrics of each cycle to PATH, for node_exporter's textfile "
          "collector", "PATH" },
        { "publish", 0, 0, G_OPTION_ARG_NONE, &o.publish,
          "Keep each domain's libvirt metadata current (rewritten only when it changed) and "
          "annotated node devices as STATE_DIR/nodedev/NAME.xml (libvirt only)", NULL },
        { "once", 0, 0, G_OPTION_ARG_NONE, &o.once,
          "Run one cycle and exit (0 when it succeeded, 1 otherwise)", NULL },
        { NULL },
    };

    ctx = g_option_context_new("[-c URI | --xapi[=SOCKET] | --demo]");
    /* the main group carries --xapi's data to its callback */
    g_option_context_set_main_group(ctx, g_option_group_new(NULL, NULL, NULL, &o.xapi, NULL));
    g_option_context_set_summary(ctx,
        "Keep the map true: rebuilt when libvirt or the kernel's links say something\n"
        "changed (and at every --interval), kept as STATE_DIR/map.json, replaced atomically.\n"
        "SIGTERM, SIGINT and SIGHUP end it (exit 0) once the current cycle has finished.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    status = xcvr_cli_parse(ctx, "watch", &argc, &argv);
    if (status < 0)
        status = check_options(&o, argc, argv);
    if (status < 0 && !xcvr_cli_timeout_ms("watch", o.timeout, &timeout_ms))
        status = XCVR_EXIT_USAGE;
    if (status >= 0) {
        options_clear(&o);
        return status;
    }

    if (!o.once)
        catch_signals(&stop);
    /* absolute before --demo changes the working directory */
    state_dir = absolute(o.state_dir != NULL ? o.state_dir : XCVR_STATE_DIR_DEFAULT);
    textfile = absolute(o.textfile);
    g_free(o.state_dir);
    o.state_dir = g_steal_pointer(&state_dir);
    g_free(o.textfile);
    o.textfile = g_steal_pointer(&textfile);
    if (!xcvr_state_dir_prepare(o.state_dir, &error)) {
        xcvr_cli_error("xcvrmap watch: %s", error->message);
        release_signals(&stop);
        options_clear(&o);
        return XCVR_EXIT_FAILURE;
    }
    if (o.demo && !xcvr_cli_demo_enter(&host, &error)) {
        xcvr_cli_error("xcvrmap watch: demo host: %s", error->message);
        release_signals(&stop);
        options_clear(&o);
        return XCVR_EXIT_FAILURE;
    }
    status = watch_host(&o, &host, timeout_ms, &stop);
    xcvr_cli_demo_leave(&host);
    release_signals(&stop);
    options_clear(&o);
    return status;
}
