/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-json-oracle.c: json-glib's side of the JSON reader tests (its parser and generator
 * as the reference, and the random documents they compare).
 */
#include "xcvr-json-oracle.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

/* json-glib's generator leaves 0x1f bare, which no JSON reader accepts; ours quotes it as
 * JSON requires: the one difference, taken out here. */
static char *
quote_1f(char *text)
{
    g_auto(GStrv) parts = NULL;

    if (text == NULL || strchr(text, 0x1f) == NULL)
        return text;
    parts = g_strsplit(text, "\x1f", -1);
    g_free(text);
    return g_strjoinv("\\u001f", parts);
}

char *
xcvr_json_oracle_regenerate(const char *json, gboolean pretty)
{
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autoptr(JsonGenerator) gen = json_generator_new();
    char *text;

    if (!json_parser_load_from_data(parser, json, -1, NULL))
        return NULL;
    json_generator_set_root(gen, json_parser_get_root(parser));
    json_generator_set_pretty(gen, pretty);
    json_generator_set_indent(gen, 2);
    text = quote_1f(json_generator_to_data(gen, NULL));
    if (pretty) {
        /* json-glib pads an empty object read from text with spaces ("{  }", more when
         * deeper) when pretty; every document of ours has "{}" (as json-glib writes one
         * built by JsonBuilder). Outside strings only: '{' in a string is followed by no
         * space in these documents. */
        g_autoptr(GRegex) empty = g_regex_new("\\{ +\\}", 0, 0, NULL);
        char *tight = g_regex_replace_literal(empty, text, -1, 0, "{}", 0, NULL);

        g_free(text);
        text = tight;
    }
    return text;
}

static char *
random_string(GRand *rand)
{
    /* each piece a class of what a quoter must get right */
    static const char *const pieces[] = {
        "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\b", "\f", "\r", "\x01", "\x1f",
        "\x7f", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "key", "-", "_", "{", "]",
    };
    GString *s = g_string_new(NULL);
    guint n = (guint)g_rand_int_range(rand, 0, 12);

    while (n-- > 0)
        g_string_append(s, pieces[g_rand_int_range(rand, 0, G_N_ELEMENTS(pieces))]);
    return g_string_free(s, FALSE);
}

static double
random_double(GRand *rand)
{
    for (;;) {
        guint64 bits = ((guint64)g_rand_int(rand) << 32) | g_rand_int(rand);
        double d;

        if (g_rand_boolean(rand))
            return g_rand_double_range(rand, -1e4, 1e4);
        memcpy(&d, &bits, sizeof(d));
        if (isfinite(d))
            return d;
    }
}

static void
random_value(JsonBuilder *b, GRand *rand, guint depth)
{
    guint kind = (guint)g_rand_int_range(rand, 0, depth > 0 ? 8 : 6);
    guint n;

    switch (kind) {
    case 0: {
        gint64 v = (gint64)(((guint64)g_rand_int(rand) << 32) | g_rand_int(rand));

        json_builder_add_int_value(b, g_rand_boolean(rand) ? v : v % 1000);
        break;
    }
    case 1:
        json_builder_add_double_value(b, random_double(rand));
        break;
    case 2:
        json_builder_add_boolean_value(b, g_rand_boolean(rand));
        break;
    case 3:
        json_builder_add_null_value(b);
        break;
    case 4:
    case 5: {
        g_autofree char *s = random_string(rand);

        json_builder_add_string_value(b, s);
        break;
    }
    case 6:
        json_builder_begin_array(b);
        for (n = (guint)g_rand_int_range(rand, 0, 5); n > 0; n--)
            random_value(b, rand, depth - 1);
        json_builder_end_array(b);
        break;
    default: {
        /* distinct names: json-glib and jansson both keep the last of duplicates, but in
         * different places of the order */
        g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

        json_builder_begin_object(b);
        for (n = (guint)g_rand_int_range(rand, 0, 5); n > 0; n--) {
            char *name = random_string(rand);

            if (!g_hash_table_add(seen, name))
                continue;
            json_builder_set_member_name(b, name);
            random_value(b, rand, depth - 1);
        }
        json_builder_end_object(b);
        break;
    }
    }
}

char *
xcvr_json_oracle_random(GRand *rand, guint depth)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(JsonGenerator) gen = json_generator_new();
    g_autoptr(JsonNode) root = NULL;

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "doc");
    random_value(b, rand, depth);
    json_builder_end_object(b);
    root = json_builder_get_root(b);
    json_generator_set_root(gen, root);
    return quote_1f(json_generator_to_data(gen, NULL));
}
