/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cli.h: subcommands of the `xcvrmap` command. */
#pragma once

#include <glib.h>

/* Each returns the process exit status. */
int xcvr_cli_module(int argc, char **argv);
int xcvr_cli_map(int argc, char **argv);
int xcvr_cli_topo(int argc, char **argv);
int xcvr_cli_pool(int argc, char **argv);

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

/* xcvr_virt_list_vnics() from libxcvrmap-virt, loaded on this first call (cli-virt-load.c);
 * XCVR_ERROR_NOT_SUPPORTED, saying why, when the library or libvirt cannot be loaded. */
GPtrArray *xcvr_cli_virt_list_vnics(const char *uri, const char *domain, char **ret_uri,
                                    GError **error);

/* xcvr_xapi_list_vnics() from libxcvrmap-xapi, loaded on this first call (cli-xapi-load.c),
 * with a session it logs in and out and the Open vSwitch configuration at @ovsdb (NULL: the
 * default socket when present, "" none); XCVR_ERROR_NOT_SUPPORTED when the library cannot
 * be loaded. */
GPtrArray *xcvr_cli_xapi_list_vnics(const char *socket_path, const char *root,
                                    const char *ovsdb, const char *vm, guint timeout_ms,
                                    GError **error);

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
} XcvrCliXapiApi;

gboolean xcvr_cli_xapi_load(XcvrCliXapiApi *api, GError **error);
