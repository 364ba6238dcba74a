/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-plugin-rpc.c: the XML-RPC codec of the plugin invocation: xapi's methodCall in
 * (libxml2, no network, no DTD, no entity expansion), the methodResponse out (written by
 * hand: no attributes, LF only, every character one XML 1.0 and UTF-8 allow).
 *
 * Sources: xapi's plugin call (xapi_plugins.ml: Xml.to_string of XMLRPC.To.methodCall:
 * bare string values, <value/> for "", <struct/> for no args, control characters other
 * than TAB/LF/CR dropped) and how it reads the answer (XMLRPC.From.methodResponse: a
 * struct with Status, Value or ErrorDescription; xmlm rejects invalid UTF-8).
 */
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <xcvrmap/xcvr-escape.h>

#include "xcvr-plugin-rpc.h"

void
xcvr_plugin_call_free(XcvrPluginCall *call)
{
    if (call == NULL)
        return;
    g_free(call->fn);
    g_free(call->session);
    g_clear_pointer(&call->args, g_hash_table_unref);
    g_free(call);
}

static gboolean
name_is(const xmlNode *node, const char *name)
{
    return node != NULL && node->type == XML_ELEMENT_NODE &&
           strcmp((const char *)node->name, name) == 0;
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

/* The element children of @node; FALSE when it also holds non-blank text. */
static gboolean
elements(xmlNode *node, GPtrArray *out)
{
    xmlNode *c;

    for (c = node->children; c != NULL; c = c->next) {
        if (c->type == XML_ELEMENT_NODE)
            g_ptr_array_add(out, c);
        else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
                 !is_blank(c->content))
            return FALSE;
        else if (c->type == XML_ENTITY_REF_NODE)
            return FALSE;
    }
    return TRUE;
}

static char *
content(xmlNode *node)
{
    xmlChar *x = xmlNodeGetContent(node);
    char *s = g_strdup(x != NULL ? (const char *)x : "");

    xmlFree(x);
    return s;
}

/* A string value: <value>text</value>, <value><string>text</string></value>, <value/>. */
static char *
string_value(xmlNode *value, GError **error)
{
    xmlNode *c;
    xmlNode *typed = NULL;

    for (c = value->children; c != NULL; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            if (typed != NULL || !name_is(c, "string"))
                goto bad;
            typed = c;
        } else if (c->type == XML_ENTITY_REF_NODE) {
            goto bad;
        }
    }
    if (typed != NULL) {
        for (c = value->children; c != NULL; c = c->next) {
            if (c->type == XML_TEXT_NODE && !is_blank(c->content))
                goto bad;
        }
        for (c = typed->children; c != NULL; c = c->next) {
            if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE)
                goto bad;
        }
        return content(typed);
    }
    return content(value);
bad:
    g_set_error(error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                "a value that is not a string");
    return NULL;
}

static gboolean
parse_args(xmlNode *value, GHashTable *args, GError **error)
{
    g_autoptr(GPtrArray) kids = g_ptr_array_new();
    g_autoptr(GPtrArray) members = g_ptr_array_new();
    xmlNode *st;
    guint i;

    if (!elements(value, kids) || kids->len != 1 || !name_is(kids->pdata[0], "struct") ||
        !elements(st = kids->pdata[0], members))
        goto bad;
    for (i = 0; i < members->len; i++) {
        g_autoptr(GPtrArray) parts = g_ptr_array_new();
        xmlNode *name = NULL;
        xmlNode *val = NULL;
        char *key;
        char *text;
        guint j;

        if (!name_is(members->pdata[i], "member") || !elements(members->pdata[i], parts))
            goto bad;
        for (j = 0; j < parts->len; j++) {
            if (name_is(parts->pdata[j], "name") && name == NULL)
                name = parts->pdata[j];
            else if (name_is(parts->pdata[j], "value") && val == NULL)
                val = parts->pdata[j];
            else
                goto bad;
        }
        if (name == NULL || val == NULL)
            goto bad;
        text = string_value(val, error);
        if (text == NULL)
            return FALSE;
        key = content(name);
        if (g_hash_table_contains(args, key)) {
            g_set_error(error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                        "argument '%s' given twice", key);
            g_free(key);
            g_free(text);
            return FALSE;
        }
        g_hash_table_insert(args, key, text);
    }
    return TRUE;
bad:
    g_set_error(error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                "the second param is not a struct of string members");
    return FALSE;
}

XcvrPluginCall *
xcvr_plugin_call_parse(const char *data, gsize len, GError **error)
{
    g_autoptr(XcvrPluginCall) call = NULL;
    g_autoptr(GPtrArray) top = g_ptr_array_new();
    g_autoptr(GPtrArray) params = g_ptr_array_new();
    xmlNode *root;
    xmlNode *name = NULL;
    xmlNode *plist = NULL;
    xmlDoc *doc;
    guint i;

    if (len == 0 || len > XCVR_PLUGIN_MAX_CALL) {
        g_set_error(error, G_MARKUP_ERROR, G_MARKUP_ERROR_EMPTY,
                    len == 0 ? "the methodCall is empty" : "the methodCall is too large");
        return NULL;
    }
    doc = xmlReadMemory(data, (int)len, "methodCall.xml", NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (doc == NULL) {
        g_set_error(error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE,
                    "the methodCall is not well-formed XML");
        return NULL;
    }
    if (doc->intSubset != NULL || doc->extSubset != NULL) {
        g_set_error(error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE,
                    "the methodCall has a DTD");
        goto fail;
    }
    root = xmlDocGetRootElement(doc);
    if (!name_is(root, "methodCall") || !elements(root, top))
        goto bad;
    for (i = 0; i < top->len; i++) {
        if (name_is(top->pdata[i], "methodName") && name == NULL)
            name = top->pdata[i];
        else if (name_is(top->pdata[i], "params") && plist == NULL)
            plist = top->pdata[i];
        else
            goto bad;
    }
    if (name == NULL)
        goto bad;
    call = g_new0(XcvrPluginCall, 1);
    call->fn = content(name);
    call->args = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    if (plist != NULL) {
        if (!elements(plist, params) || params->len > 2)
            goto bad;
        for (i = 0; i < params->len; i++) {
            g_autoptr(GPtrArray) v = g_ptr_array_new();

            if (!name_is(params->pdata[i], "param") || !elements(params->pdata[i], v) ||
                v->len != 1 || !name_is(v->pdata[0], "value"))
                goto bad;
            if (i == 0) {
                call->session = string_value(v->pdata[0], error);
                if (call->session == NULL)
                    goto fail;
            } else if (!parse_args(v->pdata[0], call->args, error)) {
                goto fail;
            }
        }
    }
    if (call->session == NULL)
        call->session = g_strdup("");
    xmlFreeDoc(doc);
    return g_steal_pointer(&call);
bad:
    g_set_error(error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                "not an XML-RPC methodCall of a session ref and a struct of strings");
fail:
    xmlFreeDoc(doc);
    return NULL;
}

/* Text escaped for XML by the one rule of every output (xcvr_escape_xml_append()): no
 * control character and no invalid UTF-8 reaches xapi or the caller. */
static void
append_text(GString *out, const char *text, gsize len)
{
    xcvr_escape_xml_append(out, text, (gssize)len);
}

/* A document (the JSON a method answers with) is a text already written by the rule, whose
 * backslashes are its own syntax: only its markup is escaped, so the caller reads back the
 * very document. Anything else (bytes that are not such a document) goes by append_text(). */
static void
append_document(GString *out, const char *doc, gsize len)
{
    const char *end = NULL;

    if (!g_utf8_validate(doc, (gssize)len, &end) || end != doc + len) {
        append_text(out, doc, len);
        return;
    }
    for (gsize i = 0; i < len; i++) {
        guchar c = (guchar)doc[i];

        if ((c < 0x20 && c != '\n') || c == 0x7F ||
            (c == 0xC2 && i + 1 < len && (guchar)doc[i + 1] <= 0x9F)) {
            append_text(out, doc, len);
            return;
        }
    }
    for (gsize i = 0; i < len; i++) {
        if (doc[i] == '&')
            g_string_append(out, "&amp;");
        else if (doc[i] == '<')
            g_string_append(out, "&lt;");
        else if (doc[i] == '>')
            g_string_append(out, "&gt;");
        else
            g_string_append_c(out, doc[i]);
    }
}

static void
append_member(GString *out, const char *name, const char *value, gsize len, gboolean document)
{
    g_string_append_printf(out, "<member><name>%s</name><value><string>", name);
    if (document)
        append_document(out, value, len);
    else
        append_text(out, value, len);
    g_string_append(out, "</string></value></member>\n");
}

#define RESPONSE_HEAD \
    "<?xml version=\"1.0\"?>\n<methodResponse><params><param><value><struct>\n"
#define RESPONSE_TAIL "</struct></value></param></params></methodResponse>\n"

char *
xcvr_plugin_response_success(const char *value, gsize len)
{
    GString *out = g_string_new(RESPONSE_HEAD);

    append_member(out, "Status", "Success", strlen("Success"), FALSE);
    append_member(out, "Value", value, len, TRUE);
    g_string_append(out, RESPONSE_TAIL);
    return g_string_free(out, FALSE);
}

char *
xcvr_plugin_response_failure(const char *code, const char *const *params)
{
    GString *out = g_string_new(RESPONSE_HEAD);
    guint i;

    append_member(out, "Status", "Failure", strlen("Failure"), FALSE);
    g_string_append(out, "<member><name>ErrorDescription</name><value><array><data>\n");
    g_string_append(out, "<value><string>");
    append_text(out, code, strlen(code));
    g_string_append(out, "</string></value>\n");
    for (i = 0; params != NULL && params[i] != NULL; i++) {
        g_string_append(out, "<value><string>");
        append_text(out, params[i], strlen(params[i]));
        g_string_append(out, "</string></value>\n");
    }
    g_string_append(out, "</data></array></value></member>\n");
    g_string_append(out, RESPONSE_TAIL);
    return g_string_free(out, FALSE);
}
