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
 * contract: a failure without a GError, a success with one, or JSON that is not valid.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
/*
 * The JSON check is the harness's own grammar walk rather than json-glib's parser: the
 * parser built a tree of nodes for every value (a GScanner, hash tables, one allocation per
 * node), which under ASan cost more than the decode and the render together. The walk
 * allocates nothing and is as strict: RFC 8259's grammar, valid UTF-8 (checked by GLib on
 * the whole document), one value and nothing after it.
 */
typedef struct {
    const char *p;
    const char *end;
} JsonCursor;

/* The checks run uninstrumented: their branches say nothing about the code under test. */
#if defined(__clang__) && __clang_major__ >= 13
# define FUZZ_CHECK __attribute__((no_sanitize("coverage")))
#else
# define FUZZ_CHECK
#endif

FUZZ_CHECK static void
json_skip_ws(JsonCursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\n' || *c->p == '\t' || *c->p == '\r'))
        c->p++;
}

FUZZ_CHECK static gboolean
json_literal(JsonCursor *c, const char *word)
{
    size_t n = strlen(word);

    if ((size_t)(c->end - c->p) < n || memcmp(c->p, word, n) != 0)
        return FALSE;
    c->p += n;
    return TRUE;
}

FUZZ_CHECK static gboolean
json_digits(JsonCursor *c)
{
    const char *start = c->p;

    while (c->p < c->end && g_ascii_isdigit(*c->p))
        c->p++;
    return c->p > start;
}

FUZZ_CHECK static gboolean
json_number(JsonCursor *c)
{
    if (c->p < c->end && *c->p == '-')
        c->p++;
    if (c->p < c->end && *c->p == '0')
        c->p++;
    else if (!json_digits(c))
        return FALSE;
    if (c->p < c->end && *c->p == '.') {
        c->p++;
        if (!json_digits(c))
            return FALSE;
    }
    if (c->p < c->end && (*c->p == 'e' || *c->p == 'E')) {
        c->p++;
        if (c->p < c->end && (*c->p == '+' || *c->p == '-'))
            c->p++;
        if (!json_digits(c))
            return FALSE;
    }
    return TRUE;
}

FUZZ_CHECK static gboolean
json_string(JsonCursor *c)
{
    c->p++; /* the opening quote */
    while (c->p < c->end) {
        guchar b = (guchar)*c->p++;

        if (b == '"')
            return TRUE;
        if (b < 0x20)
            return FALSE;
        if (b != '\\')
            continue;
        if (c->p >= c->end)
            return FALSE;
        b = (guchar)*c->p++;
        if (b == 'u') {
            for (int i = 0; i < 4; i++) {
                if (c->p >= c->end || !g_ascii_isxdigit(*c->p))
                    return FALSE;
                c->p++;
            }
        } else if (strchr("\"\\/bfnrt", b) == NULL || b == '\0') {
            return FALSE;
        }
    }
    return FALSE;
}

FUZZ_CHECK static gboolean
json_value_ok(JsonCursor *c, guint depth)
{
    gboolean object;

    json_skip_ws(c);
    if (c->p >= c->end || depth > 64)
        return FALSE;
    switch (*c->p) {
    case '"':
        return json_string(c);
    case 't':
        return json_literal(c, "true");
    case 'f':
        return json_literal(c, "false");
    case 'n':
        return json_literal(c, "null");
    case '{':
    case '[':
        break;
    default:
        return json_number(c);
    }
    object = *c->p++ == '{';
    json_skip_ws(c);
    if (c->p < c->end && *c->p == (object ? '}' : ']')) {
        c->p++;
        return TRUE;
    }
    for (;;) {
        if (object) {
            json_skip_ws(c);
            if (c->p >= c->end || *c->p != '"' || !json_string(c))
                return FALSE;
            json_skip_ws(c);
            if (c->p >= c->end || *c->p++ != ':')
                return FALSE;
        }
        if (!json_value_ok(c, depth + 1))
            return FALSE;
        json_skip_ws(c);
        if (c->p >= c->end)
            return FALSE;
        if (*c->p == ',') {
            c->p++;
            continue;
        }
        return *c->p++ == (object ? '}' : ']');
    }
}

/* Aborts unless @json is one valid JSON document in valid UTF-8. */
FUZZ_CHECK static void
check_json(const char *json)
{
    JsonCursor c = { json, json + strlen(json) };

    if (!g_utf8_validate(json, -1, NULL) || !json_value_ok(&c, 0))
        abort();
    json_skip_ws(&c);
    if (c.p != c.end)
        abort();
}

/* Renders @module as JSON, checks it and returns it, or NULL when rendering failed. */
static char *
render_json_checked(const XcvrModule *module, gboolean pretty)
{
    g_autoptr(GError) error = NULL;
    char *json = xcvr_render_json(module, pretty, &error);

    check_result(json != NULL, &error);
    if (json != NULL)
        check_json(json);
    return json;
}

/* TRUE when @compact is @pretty without the whitespace between tokens. */
FUZZ_CHECK static gboolean
json_same_but_layout(const char *pretty, const char *compact)
{
    gboolean in_string = FALSE;
    const char *p;
    const char *q = compact;

    for (p = pretty; *p != '\0'; p++) {
        if (!in_string && (*p == ' ' || *p == '\n'))
            continue;
        if (*p != *q++)
            return FALSE;
        if (in_string && *p == '\\') {
            if (*++p != *q++)
                return FALSE;
        } else if (*p == '"') {
            in_string = !in_string;
        }
    }
    return *q == '\0';
}

/* Each renderer on its own; the last compares the two JSON forms. */
static void
render_one(const XcvrModule *module, guint which)
{
    /* one buffer for every execution, sized for the largest render: growing a new one by
     * doubling cost a handful of reallocations per execution */
    static GString *out;
    g_autoptr(GError) error = NULL;
    g_autofree char *pretty = NULL;
    g_autofree char *compact = NULL;

    if (out == NULL)
        out = g_string_sized_new(64 * 1024);
    g_string_truncate(out, 0);
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
        pretty = render_json_checked(module, TRUE);
        break;
    default:
        pretty = render_json_checked(module, TRUE);
        compact = render_json_checked(module, FALSE);
        /* Indentation is the only difference the two JSON forms may have. */
        if ((pretty == NULL) != (compact == NULL) ||
            (pretty != NULL && !json_same_but_layout(pretty, compact)))
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
