/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-xapi-xmlrpc.c: the XML-RPC of XAPI's wire: a methodCall written from a GVariant
 * tuple, a methodResponse read into GVariants with libxml2 (no network, no DTD, no entity
 * expansion, bounded nesting).
 *
 * Implements: the XML-RPC specification (value types string, int/i4, i8 as xapi sends
 * 64-bit ints, boolean, double, struct, array, base64 and dateTime.iso8601 kept as text,
 * nil); a <value> without a type element is a string.
 */
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <xcvrmap/xcvr-error.h>

#include "xcvr-xapi-private.h"

#define MAX_DEPTH 64

static void
append_escaped(GString *s, const char *text)
{
    for (; *text != '\0'; text++) {
        switch (*text) {
        case '&':
            g_string_append(s, "&amp;");
            break;
        case '<':
            g_string_append(s, "&lt;");
            break;
        case '>':
            g_string_append(s, "&gt;");
            break;
        default:
            g_string_append_c(s, *text);
        }
    }
}

static void
append_value(GString *s, GVariant *v)
{
    GVariantIter iter;
    GVariant *child;

    if (g_variant_is_of_type(v, G_VARIANT_TYPE_VARIANT)) {
        g_autoptr(GVariant) inner = g_variant_get_variant(v);

        append_value(s, inner);
        return;
    }
    g_string_append(s, "<value>");
    if (g_variant_is_of_type(v, G_VARIANT_TYPE_STRING)) {
        g_string_append(s, "<string>");
        append_escaped(s, g_variant_get_string(v, NULL));
        g_string_append(s, "</string>");
    } else if (g_variant_is_of_type(v, G_VARIANT_TYPE_BOOLEAN)) {
        g_string_append_printf(s, "<boolean>%d</boolean>", g_variant_get_boolean(v) ? 1 : 0);
    } else if (g_variant_is_of_type(v, G_VARIANT_TYPE_INT64)) {
        g_string_append_printf(s, "<i8>%" G_GINT64_FORMAT "</i8>", g_variant_get_int64(v));
    } else if (g_variant_is_of_type(v, G_VARIANT_TYPE_INT32)) {
        g_string_append_printf(s, "<int>%d</int>", g_variant_get_int32(v));
    } else if (g_variant_is_of_type(v, G_VARIANT_TYPE_DOUBLE)) {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        g_string_append_printf(s, "<double>%s</double>",
                               g_ascii_dtostr(buf, sizeof buf, g_variant_get_double(v)));
    } else if (g_variant_is_of_type(v, G_VARIANT_TYPE_DICTIONARY)) {
        g_string_append(s, "<struct>");
        g_variant_iter_init(&iter, v);
        while ((child = g_variant_iter_next_value(&iter)) != NULL) {
            g_autoptr(GVariant) key = g_variant_get_child_value(child, 0);
            g_autoptr(GVariant) val = g_variant_get_child_value(child, 1);

            g_string_append(s, "<member><name>");
            append_escaped(s, g_variant_get_string(key, NULL));
            g_string_append(s, "</name>");
            append_value(s, val);
            g_string_append(s, "</member>");
            g_variant_unref(child);
        }
        g_string_append(s, "</struct>");
    } else if (g_variant_is_container(v)) {
        g_string_append(s, "<array><data>");
        g_variant_iter_init(&iter, v);
        while ((child = g_variant_iter_next_value(&iter)) != NULL) {
            append_value(s, child);
            g_variant_unref(child);
        }
        g_string_append(s, "</data></array>");
    } else {
        g_string_append(s, "<nil/>");
    }
    g_string_append(s, "</value>");
}

char *
xcvr_xmlrpc_method_call(const char *method, GVariant *params)
{
    GString *s = g_string_new("<?xml version=\"1.0\"?>\n<methodCall><methodName>");
    GVariantIter iter;
    GVariant *child;

    append_escaped(s, method);
    g_string_append(s, "</methodName><params>");
    if (params != NULL) {
        g_variant_iter_init(&iter, params);
        while ((child = g_variant_iter_next_value(&iter)) != NULL) {
            g_string_append(s, "<param>");
            append_value(s, child);
            g_string_append(s, "</param>");
            g_variant_unref(child);
        }
    }
    g_string_append(s, "</params></methodCall>\n");
    return g_string_free(s, FALSE);
}

static gboolean
is_blank(const xmlChar *text)
{
    for (; text != NULL && *text != '\0'; text++) {
        if (!g_ascii_isspace(*text))
            return FALSE;
    }
    return TRUE;
}

/* The only element child of @node, skipping whitespace and comments; NULL when none. */
static xmlNode *
only_element(xmlNode *node, gboolean *ret_text, GError **error)
{
    xmlNode *found = NULL;
    xmlNode *c;

    *ret_text = FALSE;
    for (c = node->children; c != NULL; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            if (found != NULL) {
                g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                            "XML-RPC: <%s> holds more than one element", node->name);
                return NULL;
            }
            found = c;
        } else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
                   !is_blank(c->content)) {
            *ret_text = TRUE;
        }
    }
    return found;
}

static gboolean
name_is(const xmlNode *node, const char *name)
{
    return node != NULL && node->type == XML_ELEMENT_NODE &&
           strcmp((const char *)node->name, name) == 0;
}

static char *
text_of(xmlNode *node)
{
    xmlChar *x = xmlNodeGetContent(node);
    char *s = g_strdup(x != NULL ? (const char *)x : "");

    xmlFree(x);
    return s;
}

static GVariant *parse_value(xmlNode *value, int depth, GError **error);

static GVariant *
parse_struct(xmlNode *node, int depth, GError **error)
{
    GVariantBuilder b;
    xmlNode *m;

    g_variant_builder_init(&b, G_VARIANT_TYPE_VARDICT);
    for (m = node->children; m != NULL; m = m->next) {
        xmlNode *name = NULL;
        xmlNode *value = NULL;
        xmlNode *c;
        g_autofree char *key = NULL;
        GVariant *v;

        if (m->type != XML_ELEMENT_NODE)
            continue;
        if (!name_is(m, "member"))
            goto bad;
        for (c = m->children; c != NULL; c = c->next) {
            if (name_is(c, "name"))
                name = c;
            else if (name_is(c, "value"))
                value = c;
        }
        if (name == NULL || value == NULL)
            goto bad;
        v = parse_value(value, depth + 1, error);
        if (v == NULL) {
            g_variant_builder_clear(&b);
            return NULL;
        }
        key = text_of(name);
        g_variant_builder_add(&b, "{sv}", key, v);
    }
    return g_variant_builder_end(&b);
bad:
    g_variant_builder_clear(&b);
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                "XML-RPC: a struct member is not <member><name/><value/></member>");
    return NULL;
}

static GVariant *
parse_array(xmlNode *node, int depth, GError **error)
{
    GVariantBuilder b;
    gboolean text;
    xmlNode *data = only_element(node, &text, error);
    xmlNode *c;

    if (!name_is(data, "data")) {
        if (error != NULL && *error == NULL)
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "XML-RPC: <array> without <data>");
        return NULL;
    }
    g_variant_builder_init(&b, G_VARIANT_TYPE("av"));
    for (c = data->children; c != NULL; c = c->next) {
        GVariant *v;

        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!name_is(c, "value")) {
            g_variant_builder_clear(&b);
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "XML-RPC: <data> holds <%s>", c->name);
            return NULL;
        }
        v = parse_value(c, depth + 1, error);
        if (v == NULL) {
            g_variant_builder_clear(&b);
            return NULL;
        }
        g_variant_builder_add(&b, "v", v);
    }
    return g_variant_builder_end(&b);
}

static GVariant *
parse_scalar(xmlNode *t, GError **error)
{
    const char *name = (const char *)t->name;
    g_autofree char *text = text_of(t);
    g_autofree char *stripped = g_strstrip(g_strdup(text));
    char *end = NULL;

    if (strcmp(name, "string") == 0 || strcmp(name, "base64") == 0 ||
        strcmp(name, "dateTime.iso8601") == 0)
        return g_variant_new_string(text);
    if (strcmp(name, "int") == 0 || strcmp(name, "i4") == 0 || strcmp(name, "i8") == 0) {
        gint64 n = g_ascii_strtoll(stripped, &end, 10);

        if (stripped[0] != '\0' && *end == '\0')
            return g_variant_new_int64(n);
    } else if (strcmp(name, "boolean") == 0) {
        if (strcmp(stripped, "0") == 0 || strcmp(stripped, "1") == 0)
            return g_variant_new_boolean(stripped[0] == '1');
    } else if (strcmp(name, "double") == 0) {
        double d = g_ascii_strtod(stripped, &end);

        if (stripped[0] != '\0' && *end == '\0')
            return g_variant_new_double(d);
    } else if (strcmp(name, "nil") == 0) {
        return g_variant_new_string("");
    } else {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "XML-RPC: unknown value type <%s>", name);
        return NULL;
    }
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "XML-RPC: bad <%s> value", name);
    return NULL;
}

static GVariant *
parse_value(xmlNode *value, int depth, GError **error)
{
    gboolean text;
    xmlNode *t;

    if (depth > MAX_DEPTH) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "XML-RPC: values nested deeper than %d", MAX_DEPTH);
        return NULL;
    }
    t = only_element(value, &text, error);
    if (t == NULL) {
        g_autofree char *s = NULL;

        if (error != NULL && *error != NULL)
            return NULL;
        s = text_of(value); /* a bare value is a string */
        return g_variant_new_string(s);
    }
    if (text) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "XML-RPC: text beside <%s> in a value", t->name);
        return NULL;
    }
    if (name_is(t, "struct"))
        return parse_struct(t, depth, error);
    if (name_is(t, "array"))
        return parse_array(t, depth, error);
    return parse_scalar(t, error);
}

static GVariant *
parse_fault(xmlNode *fault, GError **error)
{
    gboolean text;
    xmlNode *value = only_element(fault, &text, NULL);
    g_autoptr(GVariant) v = NULL;
    const char *msg = NULL;

    GVariant *parsed = name_is(value, "value") ? parse_value(value, 0, NULL) : NULL;

    /* a fault whose value does not parse is still a fault, only without its string */
    if (parsed != NULL)
        v = g_variant_ref_sink(parsed);
    if (v != NULL && g_variant_is_of_type(v, G_VARIANT_TYPE_VARDICT))
        g_variant_lookup(v, "faultString", "&s", &msg);
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "XML-RPC fault: %s",
                msg != NULL ? msg : "(no faultString)");
    return NULL;
}

GVariant *
xcvr_xmlrpc_parse_response(const char *data, gsize len, GError **error)
{
    g_autoptr(GVariant) result = NULL;
    xmlDoc *doc;
    xmlNode *root;
    xmlNode *params;
    xmlNode *param;
    xmlNode *value;
    gboolean text;

    if (len > G_MAXINT) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "XML-RPC reply too large");
        return NULL;
    }
    doc = xmlReadMemory(data, (int)len, "xapi-reply.xml", NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (doc == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "reply is not XML");
        return NULL;
    }
    if (doc->intSubset != NULL || doc->extSubset != NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "reply has a DTD");
        goto out;
    }
    root = xmlDocGetRootElement(doc);
    if (!name_is(root, "methodResponse")) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "reply is not an XML-RPC methodResponse");
        goto out;
    }
    params = only_element(root, &text, NULL);
    if (name_is(params, "fault")) {
        parse_fault(params, error);
        goto out;
    }
    param = name_is(params, "params") ? only_element(params, &text, NULL) : NULL;
    value = name_is(param, "param") ? only_element(param, &text, NULL) : NULL;
    if (!name_is(value, "value")) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "XML-RPC methodResponse without one <params><param><value>");
        goto out;
    }
    result = parse_value(value, 0, error);
    if (result != NULL)
        g_variant_ref_sink(result);
out:
    xmlFreeDoc(doc);
    return g_steal_pointer(&result);
}
