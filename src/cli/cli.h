/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cli.h: subcommands of the `xcvrmap` command. */
#pragma once

#include <glib.h>

/* Each returns the process exit status. */
int xcvr_cli_module(int argc, char **argv);
int xcvr_cli_map(int argc, char **argv);
int xcvr_cli_topo(int argc, char **argv);
int xcvr_cli_pool(int argc, char **argv);
int xcvr_cli_metrics(int argc, char **argv);

/* Output on stdout (cli-output.c): every command prints through these two, which keep
 * the reason of the first failed write. */
void xcvr_cli_write(const char *data, gsize len);
void xcvr_cli_printf(const char *format, ...) G_GNUC_PRINTF(1, 2);
/* One line on stdout (through xcvr_cli_printf()), one on stderr: the formatted text escaped
 * for a terminal by xcvr_escape_text(), then a newline. Every line that prints a name or a
 * message goes through one of them. */
void xcvr_cli_line(const char *format, ...) G_GNUC_PRINTF(1, 2);
void xcvr_cli_error(const char *format, ...) G_GNUC_PRINTF(1, 2);

/* Flushes and closes stdout after a command returned @status: on a write error (a full
 * disk, a reader gone with SIGPIPE ignored) says so, with the reason, on stderr and
 * returns XCVR_EXIT_FAILURE unless @status already is a failure. */
int xcvr_cli_finish_stdout(int status);

/* The one default deadline of `module`, `map` and `topo`, and its --timeout help text,
 * the same in every command (cli-timeout.c). */
#define XCVR_CLI_DEFAULT_TIMEOUT_S 5.0
#define XCVR_CLI_TIMEOUT_HELP                                                                  \
    "Deadline of the whole command, in SECONDS: libvirt or XAPI, host walk, Open vSwitch "    \
    "and every module read (default 5; 0: no deadline)"

/* Checks --timeout SECONDS (0 to 3600) and stores it as the library's milliseconds in
 * @ret_ms; says what is wrong, as @command, and returns FALSE otherwise. */
gboolean xcvr_cli_timeout_ms(const char *command, double seconds, guint *ret_ms);

/* The g_get_monotonic_time() instant @seconds (a checked --timeout) from now, by which the
 * whole command ends; 0 (none) for 0. */
gint64 xcvr_cli_deadline(double seconds);

/* @timeout_ms (from xcvr_cli_timeout_ms()) cut to what is left before @deadline, at least
 * 1 ms; @timeout_ms itself when @deadline is 0. */
guint xcvr_cli_time_left_ms(gint64 deadline, guint timeout_ms);

/* Parses the options of @command (cli-options.c): -1 to go on, or the exit status to return
 * at once: XCVR_EXIT_OK after printing --help on stdout, XCVR_EXIT_USAGE after saying on
 * stderr what is wrong. The context's main entries gain -h/--help. */
int xcvr_cli_parse(GOptionContext *ctx, const char *command, int *argc, char ***argv);

/* Mutually exclusive sources: -1 when at most one of them was @given, else says that only
 * one of @what ("a, b or c") may be given and returns XCVR_EXIT_USAGE. */
int xcvr_cli_exclusive(const char *command, const char *what, guint given);

/* Exit statuses: 0 success, 1 a failure the user can act on, 2 bad usage. */
#define XCVR_EXIT_OK 0
#define XCVR_EXIT_FAILURE 1
#define XCVR_EXIT_USAGE 2

/* The bundled demo host (cli-demo-host.c): unpacks the embedded manifest into a fresh
 * private temporary directory. Returns the directory (caller frees, and removes it with
 * xcvr_cli_demo_host_remove()), or NULL with @error set. */
char *xcvr_cli_demo_host_unpack(GError **error);

/* Writes the host manifest @data (tests/hostgen/pack.py's format) under the existing,
 * empty directory @dir, after checking every entry; FALSE with @error set otherwise (what
 * was written so far stays, for the caller to remove). */
gboolean xcvr_cli_demo_host_unpack_data(const char *data, gsize len, const char *dir,
                                        GError **error);

/* Deletes @dir, made by xcvr_cli_demo_host_unpack(), without following symbolic links. */
void xcvr_cli_demo_host_remove(const char *dir);

/* `--demo`: the demo host unpacked and made the working directory (cli-demo.c), so that
 * it is read through relative paths (DEMO_ROOT, DEMO_EEPROM_DIR, DEMO_OVSDB) and no output
 * names the temporary directory. */
typedef struct {
    char *dir;   /* the unpacked tree */
    char *uri;   /* its libvirt test-driver URI */
    int old_cwd; /* where to return */
} XcvrCliDemo;

#define XCVR_CLI_DEMO_ROOT "."
#define XCVR_CLI_DEMO_EEPROM_DIR "eeprom"
#define XCVR_CLI_DEMO_OVSDB "ovsdb.json"

/* Unpacks the demo host and enters it; FALSE with @error set (nothing left behind). */
gboolean xcvr_cli_demo_enter(XcvrCliDemo *demo, GError **error);
/* Returns to the previous working directory and removes the tree; safe to repeat. */
void xcvr_cli_demo_leave(XcvrCliDemo *demo);

/* Opens the optional library @soname (cli-dlopen.c): by name, beside the executable in
 * @subdir, then in @libdir; XCVR_ERROR_NOT_SUPPORTED naming @what and @hint otherwise. */
void *xcvr_cli_dlopen(const char *soname, const char *subdir, const char *libdir,
                      const char *what, const char *hint, GError **error);
/* dlsym() of @name into @ret; XCVR_ERROR_NOT_SUPPORTED when @soname lacks it. */
gboolean xcvr_cli_dlsym(void *handle, const char *soname, const char *name, void **ret,
                        GError **error);

/* xcvr_virt_list_vnics() from libxcvrmap-virt, loaded on this first call (cli-virt-load.c);
 * XCVR_ERROR_NOT_SUPPORTED, saying why, when the library or libvirt cannot be loaded. */
GPtrArray *xcvr_cli_virt_list_vnics(const char *uri, const char *const *domains,
                                    char **ret_uri, GError **error);
/* The same, given up at @deadline (g_get_monotonic_time() µs; 0: none) with
 * XCVR_ERROR_TIMEOUT; libvirt must not be used again in this process after that. */
GPtrArray *xcvr_cli_virt_list_vnics_until(const char *uri, const char *const *domains,
                                          gint64 deadline, char **ret_uri, GError **error);
/* xcvr_xapi_list_vnics() from libxcvrmap-xapi, loaded on this first call (cli-xapi-load.c),
 * with a session it logs in and out and the Open vSwitch configuration at @ovsdb (NULL: the
 * default socket when present, "" none); XCVR_ERROR_NOT_SUPPORTED when the library cannot
 * be loaded. */
GPtrArray *xcvr_cli_xapi_list_vnics(const char *socket_path, const char *root,
                                    const char *ovsdb, const char *const *vms,
                                    guint timeout_ms, GError **error);

/* `--xapi[=SOCKET]`, parsed by xcvr_cli_xapi_option_cb() into the option group's data. */
typedef struct {
    gboolean enabled;
    char *socket_path;
} XcvrCliXapiOption;

#define XCVR_CLI_XAPI_OPTION_ENTRY(help) \
    { "xapi", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, \
      G_GNUC_EXTENSION (gpointer)xcvr_cli_xapi_option_cb, (help), "SOCKET" }

gboolean xcvr_cli_xapi_option_cb(const char *name, const char *value, gpointer data,
                                 GError **error);
void xcvr_cli_xapi_option_clear(XcvrCliXapiOption *opt);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(XcvrCliXapiOption, xcvr_cli_xapi_option_clear)

/* libxcvrmap-xapi's functions, loaded on demand (cli-xapi-load.c), typed from its header. */
#include <xcvrmap/xcvr-xapi.h>
typedef struct {
    __typeof__(&xcvr_xapi_open) open;
    __typeof__(&xcvr_xapi_free) free;
    __typeof__(&xcvr_xapi_call) call;
    __typeof__(&xcvr_xapi_get_session) get_session;
    __typeof__(&xcvr_xapi_list_vnics) list_vnics;
    __typeof__(&xcvr_xapi_watch_new) watch_new;
    __typeof__(&xcvr_xapi_watch_attach) watch_attach;
    __typeof__(&xcvr_xapi_watch_free) watch_free;
} XcvrCliXapiApi;

gboolean xcvr_cli_xapi_load(XcvrCliXapiApi *api, GError **error);

/* xcvr_virt_list_nodedevs() and xcvr_virt_get_nodedev() from libxcvrmap-virt, loaded on
 * first use (cli-virt-nodedev-load.c), bounded by @deadline (0: none) as
 * xcvr_cli_virt_list_vnics_until() is. */
#include <xcvrmap/xcvr-nodedev.h>
GPtrArray *xcvr_cli_virt_list_nodedevs(const char *uri, const char *cap, gint64 deadline,
                                       GError **error);
XcvrNodedevDoc *xcvr_cli_virt_get_nodedev(const char *uri, const char *device, gint64 deadline,
                                          GError **error);

/* `xcvrmap nodedev-dumpxml` and `xcvrmap nodedev-list` (cli-nodedev.c). */
int xcvr_cli_nodedev_dumpxml(int argc, char **argv);
int xcvr_cli_nodedev_list(int argc, char **argv);

/* libxcvrmap-virt's metadata writer (cli-virt-publish-load.c), typed from its header. */
#include <xcvrmap/xcvr-virt.h>
typedef struct {
    __typeof__(&xcvr_virt_conn_open_full) conn_open;
    __typeof__(&xcvr_virt_conn_free) conn_free;
    __typeof__(&xcvr_virt_set_domain_metadata) set_domain_metadata;
    __typeof__(&xcvr_publish_result_free) result_free;
} XcvrCliVirtPublishApi;
gboolean xcvr_cli_virt_publish_load(XcvrCliVirtPublishApi *api, GError **error);

/* `xcvrmap publish` (cli-publish.c). */
int xcvr_cli_publish(int argc, char **argv);

/* `xcvrmap placement` (cli-placement.c). */
int xcvr_cli_placement(int argc, char **argv);

/* libxcvrmap-virt's event watch (cli-watch-load.c), typed from its header. */
typedef struct {
    __typeof__(&xcvr_virt_watch_new) watch_new;
    __typeof__(&xcvr_virt_watch_free) watch_free;
    __typeof__(&xcvr_virt_watch_list_vnics) watch_list_vnics;
    __typeof__(&xcvr_virt_watch_attach) watch_attach;
} XcvrCliVirtWatchApi;
gboolean xcvr_cli_virt_watch_load(XcvrCliVirtWatchApi *api, GError **error);

/* `xcvrmap watch` (cli-watch.c). */
int xcvr_cli_watch(int argc, char **argv);
