/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-vocab.c: the vocabulary's values (inventory/xcvr-vocab.c) written as JSON
 * members and as an XML element, so every document names and shapes a fact the same way;
 * and the one XML escaper of the map documents.
 */
#include <math.h>
#include <string.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-escape.h>

#include "inventory/xcvr-vocab-private.h"
#include "render/xcvr-render-private.h"

void
xcvr_xml_escape_append(GString *out, const char *text)
{
    xcvr_escape_xml_append(out, text, -1);
}

void
xcvr_render_append_double(GString *out, double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    int precision;

    /* a whole number as one (1310, not 1.31e+03) */
    if (v == floor(v) && fabs(v) < 1e15) {
        g_string_append(out, g_ascii_formatd(buf, sizeof(buf), "%.0f", v));
        return;
    }
    /* else the fewest digits that read back as @v: 0.597, not 0.59699999999999998 */
    for (precision = 1; precision < 17; precision++) {
        g_autofree char *fmt = g_strdup_printf("%%.%dg", precision);

        g_ascii_formatd(buf, sizeof(buf), fmt, v);
        if (g_ascii_strtod(buf, NULL) == v) {
            g_string_append(out, buf);
            return;
        }
    }
    g_string_append(out, g_ascii_dtostr(buf, sizeof(buf), v));
}

static void
json_member(XcvrJsonWriter *w, const XcvrVocabValue *v)
{
    const XcvrVocabFact *f = v->fact;
    guint i;

    if (!v->present && f->omit_absent)
        return;
    xcvr_json_writer_member(w, f->json_key);
    if (!v->present && f->kind == XCVR_VOCAB_STRINGS) {
        xcvr_json_writer_begin_array(w);
        xcvr_json_writer_end_array(w);
        return;
    }
    if (!v->present) {
        xcvr_json_writer_null(w);
        return;
    }
    switch (f->kind) {
    case XCVR_VOCAB_STRING:
        xcvr_json_writer_string(w, v->string);
        break;
    case XCVR_VOCAB_NUMBER:
        xcvr_json_writer_double(w, v->number);
        break;
    case XCVR_VOCAB_INTEGER:
        xcvr_json_writer_int(w, (gint64)v->number);
        break;
    case XCVR_VOCAB_BOOLEAN:
        xcvr_json_writer_boolean(w, v->boolean);
        break;
    case XCVR_VOCAB_LANES:
        xcvr_json_writer_begin_array(w);
        for (i = 0; i < v->lanes->len; i++) {
            double d = g_array_index(v->lanes, double, i);

            if (isnan(d))
                xcvr_json_writer_null(w);
            else
                xcvr_json_writer_double(w, d);
        }
        xcvr_json_writer_end_array(w);
        break;
    case XCVR_VOCAB_STRINGS:
        xcvr_json_writer_begin_array(w);
        for (i = 0; i < v->strings->len; i++)
            xcvr_json_writer_string(w, g_ptr_array_index(v->strings, i));
        xcvr_json_writer_end_array(w);
        break;
    case _XCVR_VOCAB_KIND_LAST:
    default:
        xcvr_json_writer_null(w);
        break;
    }
}

void
xcvr_render_vocab_json_write(XcvrJsonWriter *w, GArray *values)
{
    guint i;

    for (i = 0; i < values->len; i++)
        json_member(w, &g_array_index(values, XcvrVocabValue, i));
}

static void
xml_attribute(GString *out, const XcvrVocabValue *v)
{
    const XcvrVocabFact *f = v->fact;

    g_string_append_printf(out, " %s=\"", f->xml_name);
    switch (f->kind) {
    case XCVR_VOCAB_STRING:
        xcvr_xml_escape_append(out, v->string);
        break;
    case XCVR_VOCAB_NUMBER:
        xcvr_render_append_double(out, v->number);
        break;
    case XCVR_VOCAB_INTEGER:
        g_string_append_printf(out, "%" G_GINT64_FORMAT, (gint64)v->number);
        break;
    case XCVR_VOCAB_BOOLEAN:
        g_string_append(out, v->boolean ? "true" : "false");
        break;
    case XCVR_VOCAB_LANES:
    case XCVR_VOCAB_STRINGS:
    case _XCVR_VOCAB_KIND_LAST:
    default:
        break;
    }
    g_string_append_c(out, '"');
}

static guint
lane_count(GArray *values)
{
    guint i;
    guint n = 0;

    for (i = 0; i < values->len; i++) {
        const XcvrVocabValue *v = &g_array_index(values, XcvrVocabValue, i);

        if (v->present && v->fact->kind == XCVR_VOCAB_LANES)
            n = MAX(n, v->lanes->len);
    }
    return n;
}

void
xcvr_render_vocab_xml_element(GString *out, const char *indent, const char *element,
                              GArray *values)
{
    xcvr_render_vocab_xml_element_ns(out, indent, "", element, values);
}

void
xcvr_render_vocab_xml_element_ns(GString *out, const char *indent, const char *prefix,
                                 const char *element, GArray *values)
{
    guint n_lanes = lane_count(values);
    gboolean children = n_lanes > 0;
    guint i;
    guint lane;

    g_string_append_printf(out, "%s<%s%s", indent, prefix, element);
    for (i = 0; i < values->len; i++) {
        const XcvrVocabValue *v = &g_array_index(values, XcvrVocabValue, i);

        if (v->fact->kind == XCVR_VOCAB_STRINGS)
            children = children || (v->present && v->strings->len > 0);
        else if (v->present && v->fact->kind != XCVR_VOCAB_LANES)
            xml_attribute(out, v);
    }
    if (!children) {
        g_string_append(out, "/>\n");
        return;
    }
    g_string_append(out, ">\n");
    /* lists first, in table order, then the lanes */
    for (i = 0; i < values->len; i++) {
        const XcvrVocabValue *v = &g_array_index(values, XcvrVocabValue, i);
        guint j;

        if (v->fact->kind != XCVR_VOCAB_STRINGS || !v->present)
            continue;
        for (j = 0; j < v->strings->len; j++) {
            g_string_append_printf(out, "%s  <%s%s>", indent, prefix, v->fact->xml_name);
            xcvr_xml_escape_append(out, g_ptr_array_index(v->strings, j));
            g_string_append_printf(out, "</%s%s>\n", prefix, v->fact->xml_name);
        }
    }
    for (lane = 0; lane < n_lanes; lane++) {
        g_string_append_printf(out, "%s  <%slane number=\"%u\"", indent, prefix, lane + 1);
        for (i = 0; i < values->len; i++) {
            const XcvrVocabValue *v = &g_array_index(values, XcvrVocabValue, i);
            double d;

            if (v->fact->kind != XCVR_VOCAB_LANES || !v->present || lane >= v->lanes->len)
                continue;
            d = g_array_index(v->lanes, double, lane);
            if (isnan(d))
                continue; /* no light has no dBm: the attribute is left out */
            g_string_append_printf(out, " %s=\"", v->fact->xml_name);
            xcvr_render_append_double(out, d);
            g_string_append_c(out, '"');
        }
        g_string_append(out, "/>\n");
    }
    g_string_append_printf(out, "%s</%s%s>\n", indent, prefix, element);
}

const char *
xcvr_render_error_code(const GError *error)
{
    if (error == NULL)
        return "failed";
    if (error->domain == XCVR_ERROR)
        return xcvr_error_to_string((XcvrError)error->code);
    if (error->domain == G_FILE_ERROR)
        return "io";
    return "failed";
}
