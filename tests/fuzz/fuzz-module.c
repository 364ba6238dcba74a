/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz-module.c: fuzz target that decodes one blob as a module EEPROM image, in every decode
 * mode, and renders every module it gets with every renderer.
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

static void
render_all(const XcvrModule *module)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(GString) text = g_string_new(NULL);
    g_autoptr(GString) xml = g_string_new(NULL);
    g_autoptr(JsonNode) pretty = NULL;
    g_autoptr(JsonNode) compact = NULL;
    const XcvrChecksum *checksums;
    guint n_checksums = 0;

    check_result(xcvr_render_text(module, text, &error), &error);
    check_result(xcvr_render_xml(module, xml, &error), &error);
    /* One element, closed: the schema test checks the rest on real images. */
    if (!g_str_has_prefix(xml->str, "<module ") || !g_str_has_suffix(xml->str, "</module>\n"))
        abort();

    pretty = render_json_and_parse(module, TRUE);
    compact = render_json_and_parse(module, FALSE);
    /* Indentation is the only difference the two JSON forms may have. */
    if (pretty != NULL && compact != NULL && !json_node_equal(pretty, compact))
        abort();

    /* The accessors read the same fields the renderers do. */
    (void)xcvr_family_to_string(xcvr_module_get_family(module));
    (void)xcvr_module_checksums_ok(module);
    checksums = xcvr_module_get_checksums(module, &n_checksums);
    if (n_checksums != 0 && checksums == NULL)
        abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (gsize i = 0; i < G_N_ELEMENTS(decode_modes); i++) {
        g_autoptr(GError) error = NULL;
        g_autoptr(XcvrModule) module = NULL;

        module = xcvr_module_decode(data, size, decode_modes[i].family, decode_modes[i].flags,
                                    &error);
        check_result(module != NULL, &error);
        if (module != NULL)
            render_all(module);
    }
    return 0;
}
