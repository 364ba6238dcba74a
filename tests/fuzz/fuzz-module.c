/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz-module.c: fuzz target that decodes one blob as a module EEPROM image and renders the
 * module it gets. The blob's last byte picks the decode mode (detected or forced family,
 * strict or not) and the renderer (text, XML, JSON, or both JSON forms compared), so each
 * execution does one decode and one render: under ASan+UBSan every mode at every renderer
 * cost ~100 executions/s, too slow for a campaign to matter. The mutator reaches every pair
 * by changing that byte; the image keeps its meaning (the byte stays part of it).
 * With FUZZ_DECODE_ONLY (fuzz-module-decode.c) nothing is rendered.
 *
 * Errors from the library are expected and ignored; the target aborts only on a broken API
 * contract: a failure without a GError, a success with one, or JSON that does not parse back.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <xcvrmap/xcvrmap.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The family forced on every blob besides detection; the per-family targets set it. */
#ifndef FUZZ_FORCED_FAMILY
# define FUZZ_FORCED_FAMILY XCVR_FAMILY_SFF8472
#endif

/* Every way a caller can ask for a decode. */
static const struct {
    XcvrFamily family;
    XcvrDecodeFlags flags;
} decode_modes[] = {
    { XCVR_FAMILY_UNKNOWN, XCVR_DECODE_NONE },
    { FUZZ_FORCED_FAMILY, XCVR_DECODE_NONE },
    { XCVR_FAMILY_UNKNOWN, XCVR_DECODE_STRICT },
    { FUZZ_FORCED_FAMILY, XCVR_DECODE_STRICT },
};

/* A failing call must set @error and a succeeding one must not. */
static void
check_result(gboolean ok, GError **error)
{
    if (ok == (*error != NULL))
        abort();
    g_clear_error(error);
}

#ifndef FUZZ_DECODE_ONLY
/* Renders @module as JSON and returns the parsed document, or NULL when rendering failed. */
static JsonNode *
render_json_and_parse(const XcvrModule *module, gboolean pretty)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *json = NULL;
    g_autoptr(JsonParser) parser = NULL;

    json = xcvr_render_json(module, pretty, &error);
    check_result(json != NULL, &error);
    if (json == NULL)
        return NULL;

    parser = json_parser_new();
    if (!json_parser_load_from_data(parser, json, (gssize)strlen(json), &error))
        abort();
    if (json_parser_get_root(parser) == NULL)
        abort();
    return json_node_copy(json_parser_get_root(parser));
}

/* Each renderer on its own; the last compares the two JSON forms. */
static void
render_one(const XcvrModule *module, guint which)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(GString) out = g_string_new(NULL);
    g_autoptr(JsonNode) pretty = NULL;
    g_autoptr(JsonNode) compact = NULL;

    switch (which) {
    case 0:
        check_result(xcvr_render_text(module, out, &error), &error);
        break;
    case 1:
        check_result(xcvr_render_xml(module, out, &error), &error);
        /* One element, closed: the schema test checks the rest on real images. */
        if (out->len > 0 &&
            (!g_str_has_prefix(out->str, "<module ") || !g_str_has_suffix(out->str, "</module>\n")))
            abort();
        break;
    case 2:
        pretty = render_json_and_parse(module, TRUE);
        break;
    default:
        pretty = render_json_and_parse(module, TRUE);
        compact = render_json_and_parse(module, FALSE);
        /* Indentation is the only difference the two JSON forms may have. */
        if (pretty != NULL && compact != NULL && !json_node_equal(pretty, compact))
            abort();
        break;
    }
}
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    guint8 sel = size > 0 ? data[size - 1] : 0;
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrModule) module = NULL;
    const XcvrChecksum *checksums;
    guint n_checksums = 0;

    module = xcvr_module_decode(data, size, decode_modes[sel % G_N_ELEMENTS(decode_modes)].family,
                                decode_modes[sel % G_N_ELEMENTS(decode_modes)].flags, &error);
    check_result(module != NULL, &error);
    if (module == NULL)
        return 0;
    /* The accessors read the same fields the renderers do. */
    (void)xcvr_family_to_string(xcvr_module_get_family(module));
    (void)xcvr_module_checksums_ok(module);
    checksums = xcvr_module_get_checksums(module, &n_checksums);
    if (n_checksums != 0 && checksums == NULL)
        abort();
#ifndef FUZZ_DECODE_ONLY
    render_one(module, (sel / G_N_ELEMENTS(decode_modes)) % 4);
#endif
    return 0;
}
