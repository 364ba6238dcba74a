/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cli-module.c: `xcvrmap module`: decode module EEPROM images — files, or the demo host's
 * embedded modules — and print them as ethtool text or JSON.
 */
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <xcvrmap/xcvrmap.h>

#include "cli/cli.h"

#define DEMO_PREFIX "/org/xcvrmap/demo/eeprom"

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
    GBytes *bytes; /* embedded demo bytes */
    XcvrEepromSource source; /* where the bytes came from */
    GError *error;
} Source;

/* How to read what the sources name. */
typedef struct {
    gboolean strict;
    const char *segments;
    const char *eeprom_dir;
    const XcvrEepromOptions *kernel;
    gboolean verbose;
} ReadOptions;

static void
source_free(Source *s)
{
    g_free(s->name);
    g_free(s->path);
    if (s->bytes != NULL)
        g_bytes_unref(s->bytes);
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

static int
compare_sources(gconstpointer a, gconstpointer b)
{
    const Source *sa = *(Source *const *)a;
    const Source *sb = *(Source *const *)b;

    return g_strcmp0(sa->name, sb->name);
}

static gboolean
add_demo_sources(GPtrArray *sources, GError **error)
{
    g_auto(GStrv) names = g_resources_enumerate_children(DEMO_PREFIX, 0, error);
    guint i;

    if (names == NULL)
        return FALSE;
    for (i = 0; names[i] != NULL; i++) {
        g_autofree char *path = g_strconcat(DEMO_PREFIX "/", names[i], NULL);
        g_autoptr(Source) s = g_new0(Source, 1);

        if (!g_str_has_suffix(names[i], ".bin"))
            continue;
        s->name = g_strndup(names[i], strlen(names[i]) - strlen(".bin"));
        s->bytes = g_resources_lookup_data(path, 0, &s->error);
        g_ptr_array_add(sources, g_steal_pointer(&s));
    }
    /* Resource order is arbitrary: list uplinks by name, as `ip link` users expect. */
    g_ptr_array_sort(sources, compare_sources);
    return TRUE;
}

static XcvrModule *
decode_source(Source *s, const ReadOptions *o)
{
    XcvrDecodeFlags flags = o->strict ? XCVR_DECODE_STRICT : XCVR_DECODE_NONE;
    XcvrModule *m;
    gsize len = 0;
    const guint8 *data;

    if (s->port && o->eeprom_dir != NULL) {
        s->source = XCVR_EEPROM_SOURCE_FILE;
        return xcvr_eeprom_dir_read(o->eeprom_dir, s->name, flags, &s->error);
    }
    if (s->port) {
        g_autoptr(XcvrEepromStats) stats = xcvr_eeprom_stats_new();

        m = xcvr_eeprom_read(s->name, o->kernel, stats, &s->error);
        s->source = xcvr_eeprom_stats_get_source(stats);
        if (o->verbose)
            fprintf(stderr, "xcvrmap: %s: %s, %u requests, %u bytes\n", s->name,
                    xcvr_eeprom_source_to_string(s->source),
                    xcvr_eeprom_stats_get_requests(stats), xcvr_eeprom_stats_get_bytes(stats));
        return m;
    }
    s->source = XCVR_EEPROM_SOURCE_FILE;
    if (s->path != NULL)
        return xcvr_eeprom_file_decode(s->path, o->segments, flags, &s->error);
    if (s->bytes == NULL)
        return NULL;
    data = g_bytes_get_data(s->bytes, &len);
    return xcvr_module_decode(data != NULL ? data : (const guint8 *)"", len,
                              XCVR_FAMILY_UNKNOWN, flags, &s->error);
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
    fprintf(stderr, "xcvrmap: %s: %s (%s)\n", s->name, s->error->message,
            s->error->domain == XCVR_ERROR ? xcvr_error_to_string((XcvrError)s->error->code)
                                           : "io");
}

/* Text: a single image prints exactly as `ethtool -m`; several get a heading each. */
static gboolean
print_text(GPtrArray *sources, const ReadOptions *o, gboolean headings)
{
    gboolean ok = TRUE;
    guint i;

    for (i = 0; i < sources->len; i++) {
        Source *s = sources->pdata[i];
        g_autoptr(XcvrModule) m = decode_source(s, o);
        g_autoptr(GString) out = g_string_new(NULL);

        if (headings)
            g_string_append_printf(out, "%sModule %s:\n", i > 0 ? "\n" : "", s->name);
        if (m == NULL || !xcvr_render_text(m, out, &s->error)) {
            fwrite(out->str, 1, out->len, stdout);
            fflush(stdout);
            print_error(s);
            if (headings)
                printf("\tError: %s\n", s->error->message);
            ok = FALSE;
            continue;
        }
        fwrite(out->str, 1, out->len, stdout);
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
    printf("%s\n", text);
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
        g_autofree char *name = g_markup_escape_text(s->name, -1);

        if (several)
            g_string_append_printf(out, "<port name=\"%s\">\n", name);
        if (m == NULL || !xcvr_render_xml(m, out, &s->error)) {
            g_autofree char *msg = g_markup_escape_text(s->error->message, -1);

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
    fwrite(out->str, 1, out->len, stdout);
    return ok;
}

/*
 * The exit status of `--all`: the run fails (1) only when a port that can hold a module
 * could not be read: io, timeout, truncated, permission, invalid-data, checksum (--strict),
 * a device that vanished (no-device) or any other error. An empty cage (no-module) and a
 * driver without module access (not-supported, e.g. virtio-net) are answers about the port,
 * reported as such, and do not fail the run.
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

int
xcvr_cli_module(int argc, char **argv)
{
    g_auto(GStrv) files = NULL;
    g_autofree char *format_s = NULL;
    g_autofree char *segments = NULL;
    g_autofree char *eeprom_dir = NULL;
    g_autofree char *root = NULL;
    gboolean strict = FALSE;
    gboolean demo = FALSE;
    gboolean all = FALSE;
    gboolean verbose = FALSE;
    gboolean no_netlink = FALSE;
    double timeout = 5.0;
    ReadOptions ro = { 0 };
    g_autoptr(XcvrEepromOptions) kernel = xcvr_eeprom_options_new();
    OutputFormat format = FORMAT_TEXT;
    g_autoptr(GOptionContext) ctx = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func((GDestroyNotify)source_free);
    gboolean several;
    gboolean ok;
    const GOptionEntry entries[] = {
        { "file", 'f', 0, G_OPTION_ARG_FILENAME_ARRAY, &files,
          "Decode the module EEPROM image in FILE (SFF-8472: A0h's 256 bytes, then A2h's); "
          "may be repeated", "FILE" },
        { "segments", 0, 0, G_OPTION_ARG_STRING, &segments,
          "Where each page sits in the image files (\"lower@0+128 00h@128+128 11h@256+128\"); "
          "default: a NAME.segments or index.tsv beside the file, else the usual layout",
          "MAP" },
        { "all", 'a', 0, G_OPTION_ARG_NONE, &all,
          "Every interface that can hold a module (with --eeprom-dir: every dump there)",
          NULL },
        { "root", 0, 0, G_OPTION_ARG_FILENAME, &root,
          "With --all: list the ports of the host whose sys/ is under DIR (default /); "
          "modules are still read from this kernel, or --eeprom-dir", "DIR" },
        { "eeprom-dir", 0, 0, G_OPTION_ARG_FILENAME, &eeprom_dir,
          "Read interface IFNAME from DIR/IFNAME.bin instead of the kernel", "DIR" },
        { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &timeout,
          "Give up on an interface after SECONDS (default 5)", "SECONDS" },
        { "no-netlink", 0, 0, G_OPTION_ARG_NONE, &no_netlink,
          "Read through the SIOCETHTOOL ioctl even where ethtool netlink works", NULL },
        { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
          "Say on stderr how each module was read (netlink or ioctl, requests, bytes)", NULL },
        { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
          "Decode the bundled demo host's uplink modules", NULL },
        { "format", 0, 0, G_OPTION_ARG_STRING, &format_s,
          "Output format: text (as ethtool -m prints it), json or xml", "text|json|xml" },
        { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
          "Fail on a bad checksum or a truncated page instead of warning", NULL },
        { NULL },
    };

    ctx = g_option_context_new("[IFACE… | --all | --file IMAGE… | --demo]");
    g_option_context_set_summary(ctx, "Decode transceiver module EEPROMs.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
        fprintf(stderr, "xcvrmap module: %s\n", error->message);
        return XCVR_EXIT_USAGE;
    }
    if (format_s != NULL && !parse_format(format_s, &format)) {
        fprintf(stderr, "xcvrmap module: unknown format '%s' (text, json or xml)\n", format_s);
        return XCVR_EXIT_USAGE;
    }
    if (timeout < 0 || timeout > 3600) {
        fprintf(stderr, "xcvrmap module: --timeout must be between 0 and 3600 seconds\n");
        return XCVR_EXIT_USAGE;
    }
    if (all && argc > 1) {
        fprintf(stderr, "xcvrmap module: give interfaces or --all, not both\n");
        return XCVR_EXIT_USAGE;
    }
    if (root != NULL && !all) {
        fprintf(stderr, "xcvrmap module: --root says where --all lists ports; give --all\n");
        return XCVR_EXIT_USAGE;
    }
    ro.strict = strict;
    ro.segments = segments;
    ro.eeprom_dir = eeprom_dir;
    ro.verbose = verbose;
    xcvr_eeprom_options_set_flags(kernel, strict ? XCVR_DECODE_STRICT : XCVR_DECODE_NONE);
    xcvr_eeprom_options_set_timeout_ms(kernel, (guint)(timeout * 1000));
    xcvr_eeprom_options_set_no_netlink(kernel, no_netlink);
    ro.kernel = kernel;

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
            fprintf(stderr, "xcvrmap: cannot list interfaces: %s\n", error->message);
            return XCVR_EXIT_FAILURE;
        }
        add_port_sources(sources, names);
    }
    if (demo && !add_demo_sources(sources, &error)) {
        fprintf(stderr, "xcvrmap: demo modules: %s\n", error->message);
        return XCVR_EXIT_FAILURE;
    }
    if (sources->len == 0 && !all) {
        fprintf(stderr, "xcvrmap module: nothing to decode: give interfaces, --all, "
                        "--file IMAGE or --demo\n");
        return XCVR_EXIT_USAGE;
    }

    /* interfaces always get the {"modules": [...]} form, so a failure still has its entry */
    several = sources->len > 1 || demo || all || argc > 1;
    switch (format) {
    case FORMAT_JSON:
        ok = print_json(sources, &ro);
        break;
    case FORMAT_XML:
        ok = print_xml(sources, &ro, several);
        break;
    case FORMAT_TEXT:
    default:
        ok = print_text(sources, &ro, several);
        break;
    }
    if (all)
        ok = all_read_ok(sources);
    return ok ? XCVR_EXIT_OK : XCVR_EXIT_FAILURE;
}
