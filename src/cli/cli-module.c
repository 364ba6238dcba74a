/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-module.c: `xcvrmap module`: decode module EEPROMs — of interfaces (the kernel or
 * dumps), files, or the demo host's dumps — and print them as ethtool text, JSON or XML.
 */
#include <stdio.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

#include "cli/cli.h"

typedef enum {
    FORMAT_TEXT,
    FORMAT_JSON,
    FORMAT_XML,
} OutputFormat;

/* One image to decode: where it came from and its bytes (or why there are none). */
typedef struct {
    char *name;   /* interface name, or path for files */
    char *path;   /* a file to read */
    gboolean port; /* @name is an interface: the kernel, or the --eeprom-dir dump */
    XcvrEepromSource source; /* where the bytes came from */
    GError *error;
} Source;

/* How to read what the sources name. */
typedef struct {
    gboolean strict;
    gboolean vdm;
    const char *segments;
    const char *eeprom_dir;
    XcvrEepromOptions *kernel;
    guint timeout_ms; /* each read's own (--timeout) */
    gint64 deadline;  /* the whole command's, 0 for none */
    gboolean verbose;
} ReadOptions;

static void
source_free(Source *s)
{
    g_free(s->name);
    g_free(s->path);
    g_clear_error(&s->error);
    g_free(s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Source, source_free)

static gboolean
parse_format(const char *s, OutputFormat *ret_format)
{
    if (g_strcmp0(s, "text") == 0)
        *ret_format = FORMAT_TEXT;
    else if (g_strcmp0(s, "json") == 0)
        *ret_format = FORMAT_JSON;
    else if (g_strcmp0(s, "xml") == 0)
        *ret_format = FORMAT_XML;
    else
        return FALSE;
    return TRUE;
}

static void
add_file_sources(GPtrArray *sources, char **files)
{
    guint i;

    for (i = 0; files != NULL && files[i] != NULL; i++) {
        g_autoptr(Source) s = g_new0(Source, 1);

        s->name = g_strdup(files[i]);
        s->path = g_strdup(files[i]);
        g_ptr_array_add(sources, g_steal_pointer(&s));
    }
}

static XcvrModule *
decode_source(Source *s, const ReadOptions *o)
{
    XcvrDecodeFlags flags = (o->strict ? XCVR_DECODE_STRICT : XCVR_DECODE_NONE) |
                            (o->vdm ? XCVR_DECODE_VDM : XCVR_DECODE_NONE);
    XcvrModule *m;

    /* once the command's deadline passed, the ports left are not read at all */
    if (s->port && o->deadline != 0 && g_get_monotonic_time() >= o->deadline) {
        g_set_error(&s->error, XCVR_ERROR, XCVR_ERROR_TIMEOUT,
                    "module of %s not read: the --timeout deadline passed", s->name);
        return NULL;
    }
    if (s->port && o->eeprom_dir != NULL) {
        s->source = XCVR_EEPROM_SOURCE_FILE;
        return xcvr_eeprom_dir_read(o->eeprom_dir, s->name, flags, &s->error);
    }
    if (s->port) {
        g_autoptr(XcvrEepromStats) stats = xcvr_eeprom_stats_new();

        /* each read gets its own timeout, cut to what is left of the command's */
        xcvr_eeprom_options_set_timeout_ms(o->kernel,
                                           xcvr_cli_time_left_ms(o->deadline, o->timeout_ms));
        m = xcvr_eeprom_read(s->name, o->kernel, stats, &s->error);
        s->source = xcvr_eeprom_stats_get_source(stats);
        if (o->verbose)
            xcvr_cli_error("xcvrmap: %s: %s, %u requests, %u bytes", s->name,
                    xcvr_eeprom_source_to_string(s->source),
                    xcvr_eeprom_stats_get_requests(stats), xcvr_eeprom_stats_get_bytes(stats));
        return m;
    }
    s->source = XCVR_EEPROM_SOURCE_FILE;
    return xcvr_eeprom_file_decode(s->path, o->segments, flags, &s->error);
}

static void
add_port_sources(GPtrArray *sources, GPtrArray *names)
{
    guint i;

    for (i = 0; i < names->len; i++) {
        g_autoptr(Source) s = g_new0(Source, 1);

        s->name = g_strdup(names->pdata[i]);
        s->port = TRUE;
        g_ptr_array_add(sources, g_steal_pointer(&s));
    }
}

static void
print_error(const Source *s)
{
    xcvr_cli_error("xcvrmap: %s: %s (%s)", s->name, s->error->message,
            s->error->domain == XCVR_ERROR ? xcvr_error_to_string((XcvrError)s->error->code)
                                           : "io");
}

/*
 * Text: a single source, of any kind, prints exactly as `ethtool -m` (and then only the
 * documented extras the renderer adds: Warning: lines);
 * several get a "Module NAME:" heading each. A source that cannot be read is said once, on
 * stderr with its name; its heading is not printed, as there is nothing under it.
 */
static gboolean
print_text(GPtrArray *sources, const ReadOptions *o, gboolean headings)
{
    gboolean ok = TRUE;
    gboolean printed = FALSE;
    guint i;

    for (i = 0; i < sources->len; i++) {
        Source *s = sources->pdata[i];
        g_autoptr(XcvrModule) m = decode_source(s, o);
        g_autoptr(GString) out = g_string_new(NULL);
        gboolean rendered;

        if (m == NULL) {
            print_error(s);
            ok = FALSE;
            continue;
        }
        if (headings) {
            /* the heading is ours: the name in it is escaped; the module text is ethtool's */
            g_autofree char *name = xcvr_escape_text(s->name, -1);

            g_string_append_printf(out, "%sModule %s:\n", printed ? "\n" : "", name);
        }
        rendered = xcvr_render_text(m, out, &s->error);
        /* what was rendered before a failure is printed, as ethtool prints its lines */
        xcvr_cli_write(out->str, out->len);
        printed = TRUE;
        if (!rendered) {
            fflush(stdout);
            print_error(s);
            ok = FALSE;
        }
    }
    return ok;
}

/* JSON: one document whatever the source and however many: {"modules": [...]}, built by
 * the library; a failed entry carries its module_error. */
static gboolean
print_json(GPtrArray *sources, const ReadOptions *o)
{
    g_autoptr(GPtrArray) modules = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_module_free);
    g_autofree XcvrModuleEntry *entries = g_new0(XcvrModuleEntry, MAX(sources->len, 1));
    g_autofree char *text = NULL;
    gboolean ok = TRUE;
    guint i;

    for (i = 0; i < sources->len; i++) {
        Source *s = sources->pdata[i];
        XcvrModule *m = decode_source(s, o);

        if (m == NULL) {
            ok = FALSE;
            print_error(s);
        }
        g_ptr_array_add(modules, m);
        entries[i].name = s->name;
        /* nothing read is null, as the map's module source */
        entries[i].source = s->source != XCVR_EEPROM_SOURCE_NONE
                                ? xcvr_eeprom_source_to_string(s->source)
                                : NULL;
        entries[i].module = m;
        entries[i].error = s->error;
    }
    text = xcvr_render_modules_json(entries, sources->len, TRUE);
    xcvr_cli_printf("%s\n", text);
    return ok;
}

/* XML: a single image is a <module> document; several are <modules> of <port>s. */
static gboolean
print_xml(GPtrArray *sources, const ReadOptions *o, gboolean several)
{
    g_autoptr(GString) out = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    gboolean ok = TRUE;
    guint i;

    if (several)
        g_string_append_printf(out, "<modules xmlns=\"%s\">\n", XCVR_XML_NAMESPACE);
    for (i = 0; i < sources->len; i++) {
        Source *s = sources->pdata[i];
        g_autoptr(XcvrModule) m = decode_source(s, o);
        g_autofree char *name = xcvr_escape_xml(s->name, -1);

        if (several)
            g_string_append_printf(out, "<port name=\"%s\">\n", name);
        if (m == NULL || !xcvr_render_xml(m, out, &s->error)) {
            g_autofree char *msg = xcvr_escape_xml(s->error->message, -1);

            ok = FALSE;
            print_error(s);
            if (!several)
                return FALSE; /* no half document on stdout */
            g_string_append_printf(out, "<error code=\"%s\">%s</error>\n",
                                   s->error->domain == XCVR_ERROR
                                       ? xcvr_error_to_string((XcvrError)s->error->code)
                                       : "io",
                                   msg);
        }
        if (several)
            g_string_append(out, "</port>\n");
    }
    if (several)
        g_string_append(out, "</modules>\n");
    xcvr_cli_write(out->str, out->len);
    return ok;
}

/*
 * The exit status of `--all` and `--demo`: the run fails (1) only when a port that can
 * hold a module could not be read: io, timeout, truncated, permission, invalid-data,
 * checksum (--strict), a device that vanished (no-device) or any other error. An empty
 * cage (no-module) and a driver without module access (not-supported, e.g. virtio-net) are
 * answers about the port, reported as such, and do not fail the run.
 */
static gboolean
all_read_ok(GPtrArray *sources)
{
    guint i;

    for (i = 0; i < sources->len; i++) {
        const Source *s = sources->pdata[i];

        if (s->error == NULL)
            continue;
        if (s->error->domain == XCVR_ERROR && (s->error->code == XCVR_ERROR_NO_MODULE ||
                                               s->error->code == XCVR_ERROR_NOT_SUPPORTED))
            continue;
        return FALSE;
    }
    return TRUE;
}

/* @listed: the sources are a listing (--all, --demo), whose exit rule forgives empty cages;
 * @ports: they name interfaces. */
static int
print_sources(GPtrArray *sources, const ReadOptions *o, OutputFormat format, gboolean listed,
              gboolean ports)
{
    gboolean ok;

    switch (format) {
    case FORMAT_JSON:
        ok = print_json(sources, o);
        break;
    case FORMAT_XML:
        /* interfaces and listings are <modules> even of one, so that a failed read is still
         * an entry (data), as in JSON; one --file image is a <module> document */
        ok = print_xml(sources, o, listed || ports || sources->len > 1);
        break;
    case FORMAT_TEXT:
    default:
        ok = print_text(sources, o, sources->len > 1);
        break;
    }
    if (listed)
        ok = all_read_ok(sources);
    return ok ? XCVR_EXIT_OK : XCVR_EXIT_FAILURE;
}

/* `--demo`: every dump of the demo host, under the names `map --demo` gives its uplinks. */
static int
run_demo(GPtrArray *sources, ReadOptions *o, OutputFormat format)
{
    XcvrCliDemo host = { NULL, NULL, -1 };
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) names = NULL;
    int status;

    if (!xcvr_cli_demo_enter(&host, &error)) {
        xcvr_cli_error("xcvrmap module: demo host: %s", error->message);
        return XCVR_EXIT_FAILURE;
    }
    names = xcvr_eeprom_dir_list(XCVR_CLI_DEMO_EEPROM_DIR, &error);
    if (names == NULL) {
        xcvr_cli_error("xcvrmap module: demo host: %s", error->message);
        xcvr_cli_demo_leave(&host);
        return XCVR_EXIT_FAILURE;
    }
    add_port_sources(sources, names);
    o->eeprom_dir = XCVR_CLI_DEMO_EEPROM_DIR;
    status = print_sources(sources, o, format, TRUE, TRUE);
    xcvr_cli_demo_leave(&host);
    return status;
}

int
xcvr_cli_module(int argc, char **argv)
{
    g_auto(GStrv) files = NULL;
    g_autofree char *format_s = NULL;
    g_autofree char *segments = NULL;
    g_autofree char *eeprom_dir = NULL;
    g_autofree char *root = NULL;
    gboolean strict = FALSE;
    gboolean vdm = FALSE;
    gboolean demo = FALSE;
    gboolean all = FALSE;
    gboolean verbose = FALSE;
    gboolean no_netlink = FALSE;
    double timeout = XCVR_CLI_DEFAULT_TIMEOUT_S;
    guint timeout_ms = 0;
    ReadOptions ro = { 0 };
    g_autoptr(XcvrEepromOptions) kernel = xcvr_eeprom_options_new();
    OutputFormat format = FORMAT_TEXT;
    g_autoptr(GOptionContext) ctx = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func((GDestroyNotify)source_free);
    int status;
    const GOptionEntry entries[] = {
        { "file", 'f', 0, G_OPTION_ARG_FILENAME_ARRAY, &files,
          "Decode the module EEPROM image in FILE (SFF-8472: A0h's 256 bytes, then A2h's); "
          "may be repeated", "FILE" },
        { "segments", 0, 0, G_OPTION_ARG_STRING, &segments,
          "With --file: where each page sits in the image files (\"lower@0+128 00h@128+128 "
          "11h@256+128\"); default: a NAME.segments or index.tsv beside the file, else the "
          "usual layout",
          "MAP" },
        { "all", 'a', 0, G_OPTION_ARG_NONE, &all,
          "Every interface that can hold a module (with --eeprom-dir: every dump there)",
          NULL },
        { "root", 0, 0, G_OPTION_ARG_FILENAME, &root,
          "With --all: list the ports of the host whose sys/ is under DIR (default /); "
          "modules are still read from this kernel, or --eeprom-dir", "DIR" },
        { "eeprom-dir", 0, 0, G_OPTION_ARG_FILENAME, &eeprom_dir,
          "Read interface IFNAME from DIR/IFNAME.bin instead of the kernel", "DIR" },
        { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &timeout, XCVR_CLI_TIMEOUT_HELP, "SECONDS" },
        { "no-netlink", 0, 0, G_OPTION_ARG_NONE, &no_netlink,
          "Read through the SIOCETHTOOL ioctl even where ethtool netlink works", NULL },
        { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
          "Say on stderr how each module was read (netlink or ioctl, requests, bytes)", NULL },
        { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
          "Decode every module of the bundled demo host (the uplinks of `map --demo`)", NULL },
        { "format", 0, 0, G_OPTION_ARG_STRING, &format_s,
          "Output format: text (as ethtool -m prints it), json or xml", "text|json|xml" },
        { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
          "Fail on a bad checksum or a truncated page instead of warning", NULL },
        { "vdm", 0, 0, G_OPTION_ARG_NONE, &vdm,
          "Also read and decode the CMIS VDM pages (20h-2Fh: SNR, pre-FEC BER…) where the "
          "module advertises them", NULL },
        { NULL },
    };

    ctx = g_option_context_new("IFACE… | --all | --file IMAGE… | --demo");
    g_option_context_set_summary(
        ctx, "Decode transceiver module EEPROMs. One interface or image prints as `ethtool -m`\n"
             "does, followed only by Warning: lines (a bad checksum, say); several get a\n"
             "\"Module NAME:\" heading each. An error is said once, on stderr. Exit status:\n"
             "1 when a module could not be read, except that with --all and --demo an empty\n"
             "cage (no-module) or a driver without module access (not-supported) is reported\n"
             "but does not fail the run; 2 for bad usage.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    status = xcvr_cli_parse(ctx, "module", &argc, &argv);
    if (status >= 0)
        return status;
    if (format_s != NULL && !parse_format(format_s, &format)) {
        xcvr_cli_error("xcvrmap module: unknown format '%s' (text, json or xml)", format_s);
        return XCVR_EXIT_USAGE;
    }
    if (!xcvr_cli_timeout_ms("module", timeout, &timeout_ms))
        return XCVR_EXIT_USAGE;
    /* one source of modules per run: which of them a name or an entry came from must be
     * clear, and so must the exit rule (--all and --demo forgive an empty cage) */
    status = xcvr_cli_exclusive("module", "interfaces, --all, --file or --demo",
                                (argc > 1) + (all != FALSE) + (files != NULL) + (demo != FALSE));
    if (status >= 0)
        return status;
    if (segments != NULL && files == NULL) {
        fprintf(stderr, "xcvrmap module: --segments describes --file images; give --file\n");
        return XCVR_EXIT_USAGE;
    }
    if (root != NULL && !all) {
        fprintf(stderr, "xcvrmap module: --root says where --all lists ports; give --all\n");
        return XCVR_EXIT_USAGE;
    }
    if (eeprom_dir != NULL && (files != NULL || demo)) {
        fprintf(stderr, "xcvrmap module: --eeprom-dir says where interfaces are read; not "
                        "with --file or --demo\n");
        return XCVR_EXIT_USAGE;
    }
    ro.strict = strict;
    ro.vdm = vdm;
    ro.segments = segments;
    ro.eeprom_dir = eeprom_dir;
    ro.verbose = verbose;
    xcvr_eeprom_options_set_flags(kernel, (strict ? XCVR_DECODE_STRICT : XCVR_DECODE_NONE) |
                                              (vdm ? XCVR_DECODE_VDM : XCVR_DECODE_NONE));
    xcvr_eeprom_options_set_timeout_ms(kernel, timeout_ms);
    xcvr_eeprom_options_set_no_netlink(kernel, no_netlink);
    ro.kernel = kernel;
    ro.timeout_ms = timeout_ms;
    /* --timeout bounds the whole command: every interface's read within it */
    ro.deadline = xcvr_cli_deadline(timeout);

    if (demo)
        return run_demo(sources, &ro, format);
    add_file_sources(sources, files);
    if (argc > 1) {
        g_autoptr(GPtrArray) names = g_ptr_array_new();
        int i;

        for (i = 1; i < argc; i++)
            g_ptr_array_add(names, argv[i]);
        add_port_sources(sources, names);
    }
    if (all) {
        g_autoptr(GPtrArray) names = eeprom_dir != NULL && root == NULL
                                         ? xcvr_eeprom_dir_list(eeprom_dir, &error)
                                         : xcvr_topo_list_module_ports(root, &error);

        if (names == NULL) {
            xcvr_cli_error("xcvrmap module: cannot list interfaces: %s", error->message);
            return XCVR_EXIT_FAILURE;
        }
        add_port_sources(sources, names);
    }
    if (sources->len == 0 && !all) {
        fprintf(stderr, "xcvrmap module: nothing to decode: give interfaces, --all, "
                        "--file IMAGE or --demo\n");
        return XCVR_EXIT_USAGE;
    }
    return print_sources(sources, &ro, format, all, all || argc > 1);
}
