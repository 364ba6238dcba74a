/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cli-module.c: `xcvrmap module`: decode module EEPROM images and print them. */
#include <stdio.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

#include "cli/cli.h"

typedef enum {
    FORMAT_TEXT,
    FORMAT_JSON,
} OutputFormat;

static gboolean
parse_format(const char *s, OutputFormat *ret_format)
{
    if (g_strcmp0(s, "text") == 0)
        *ret_format = FORMAT_TEXT;
    else if (g_strcmp0(s, "json") == 0)
        *ret_format = FORMAT_JSON;
    else
        return FALSE;
    return TRUE;
}

static gboolean
module_print_file(const char *path, OutputFormat format, gboolean strict, GError **error)
{
    g_autofree char *data = NULL;
    gsize len = 0;
    g_autoptr(XcvrModule) module = NULL;

    if (!g_file_get_contents(path, &data, &len, error))
        return FALSE;
    module = xcvr_module_decode((const guint8 *)data, len, XCVR_FAMILY_UNKNOWN,
                                strict ? XCVR_DECODE_STRICT : XCVR_DECODE_NONE, error);
    if (module == NULL)
        return FALSE;

    if (format == FORMAT_JSON) {
        g_autofree char *json = xcvr_render_json(module, TRUE, error);

        if (json == NULL)
            return FALSE;
        printf("%s\n", json);
    } else {
        g_autoptr(GString) out = g_string_new(NULL);

        if (!xcvr_render_text(module, out, error))
            return FALSE;
        fwrite(out->str, 1, out->len, stdout);
    }
    return TRUE;
}

int
xcvr_cli_module(int argc, char **argv)
{
    g_autofree char *file = NULL;
    g_autofree char *format_s = NULL;
    gboolean strict = FALSE;
    OutputFormat format = FORMAT_TEXT;
    g_autoptr(GOptionContext) ctx = NULL;
    g_autoptr(GError) error = NULL;
    const GOptionEntry entries[] = {
        { "file", 'f', 0, G_OPTION_ARG_FILENAME, &file,
          "Decode the module EEPROM image in FILE (A0h then A2h for SFF-8472)", "FILE" },
        { "format", 0, 0, G_OPTION_ARG_STRING, &format_s,
          "Output format: text (as ethtool -m) or json", "text|json" },
        { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
          "Fail on a bad checksum or a truncated page instead of warning", NULL },
        { NULL },
    };

    ctx = g_option_context_new("--file IMAGE");
    g_option_context_set_summary(ctx, "Decode a transceiver module's EEPROM.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
        fprintf(stderr, "xcvrmap module: %s\n", error->message);
        return XCVR_EXIT_USAGE;
    }
    if (format_s != NULL && !parse_format(format_s, &format)) {
        fprintf(stderr, "xcvrmap module: unknown format '%s' (text or json)\n", format_s);
        return XCVR_EXIT_USAGE;
    }
    if (file == NULL) {
        fprintf(stderr, "xcvrmap module: --file IMAGE is required (reading from interfaces "
                        "is not available yet)\n");
        return XCVR_EXIT_USAGE;
    }
    if (argc > 1) {
        fprintf(stderr, "xcvrmap module: unexpected argument '%s'\n", argv[1]);
        return XCVR_EXIT_USAGE;
    }
    if (!module_print_file(file, format, strict, &error)) {
        fprintf(stderr, "xcvrmap: %s: %s (%s)\n", file, error->message,
                error->domain == XCVR_ERROR ? xcvr_error_to_string((XcvrError)error->code)
                                            : "io");
        return XCVR_EXIT_FAILURE;
    }
    return XCVR_EXIT_OK;
}
