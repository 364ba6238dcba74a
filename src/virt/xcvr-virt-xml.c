/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-virt-xml.c: reading libvirt's domain and network XML safely (libxml2, no global
 * state) and the small element/attribute helpers both parsers share.
 *
 * PCI addresses as libvirt's formatdomain "Device Addresses" describes them; netdev names
 * as Linux's dev_valid_name() accepts them.
 */
#include <string.h>

#include <libxml/xmlerror.h>

#include <xcvrmap/xcvr-error.h>

#include "virt/xcvr-virt-private.h"

/*
 * libxml2 falls back to the process-wide error handlers when a context has none of its
 * own; this one keeps the parse quiet whatever the application installed. The message is
 * read back from the context afterwards.
 */
static void
quiet_structured_error(void *data, xmlErrorPtr err)
{
}

xmlDoc *
xcvr_virt_xml_read(const char *xml, gsize len, const char *root, const char *what,
                   GError **error)
{
    g_autoptr(xmlParserCtxt) ctxt = NULL;
    g_autoptr(xmlDoc) doc = NULL;
    const xmlNode *top;

    g_return_val_if_fail(xml != NULL || len == 0, NULL);

    if (len == 0) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "%s is empty", what);
        return NULL;
    }
    if (len > XCVR_VIRT_XML_MAX) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "%s is %" G_GSIZE_FORMAT " bytes, more than the %d accepted", what, len,
                    XCVR_VIRT_XML_MAX);
        return NULL;
    }

    ctxt = xmlNewParserCtxt();
    if (ctxt == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_FAILED, "cannot create an XML parser");
        return NULL;
    }
    ctxt->sax->serror = quiet_structured_error;

    /*
     * No XML_PARSE_NOENT (entities stay references), no DTDLOAD/DTDATTR/DTDVALID (no
     * external subset), NONET: nothing outside @xml is ever read. The encoding is forced
     * because libvirt only writes UTF-8, and the DTD check below must see every byte.
     */
    doc = xmlCtxtReadMemory(ctxt, xml, (int)len, NULL, "UTF-8",
                            XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR |
                                XML_PARSE_NOCDATA);
    if (doc == NULL || ctxt->wellFormed == 0) {
        const xmlError *err = xmlCtxtGetLastError(ctxt);
        g_autofree char *msg = NULL;

        if (err != NULL && err->message != NULL)
            msg = g_strstrip(g_strdup(err->message));
        if (err != NULL && err->line > 0)
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "%s is not well-formed (line %d): %s", what, err->line,
                        msg != NULL ? msg : "parse error");
        else
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "%s is not well-formed: %s", what, msg != NULL ? msg : "parse error");
        return NULL;
    }
    if (doc->intSubset != NULL || doc->extSubset != NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "%s has a document type declaration, which libvirt never writes", what);
        return NULL;
    }

    top = xmlDocGetRootElement(doc);
    if (top == NULL || top->ns != NULL || strcmp((const char *)top->name, root) != 0) {
        g_autofree char *qname = NULL;
        g_autofree char *shown = NULL;

        if (top != NULL && top->ns != NULL && top->ns->prefix != NULL)
            qname = g_strdup_printf("%s:%s", top->ns->prefix, top->name);
        else
            qname = g_strdup(top != NULL ? (const char *)top->name : "");
        shown = xcvr_virt_display(qname);

        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "%s has root element '%s', not '%s'", what, shown, root);
        return NULL;
    }
    return g_steal_pointer(&doc);
}

static gboolean
is_element(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && node->ns == NULL &&
           strcmp((const char *)node->name, name) == 0;
}

xmlNode *
xcvr_virt_xml_child(const xmlNode *parent, const char *name)
{
    if (parent == NULL)
        return NULL;
    for (xmlNode *n = parent->children; n != NULL; n = n->next) {
        if (is_element(n, name))
            return n;
    }
    return NULL;
}

xmlNode *
xcvr_virt_xml_next(const xmlNode *node, const char *name)
{
    for (xmlNode *n = node->next; n != NULL; n = n->next) {
        if (is_element(n, name))
            return n;
    }
    return NULL;
}

char *
xcvr_virt_xml_prop(const xmlNode *node, const char *name)
{
    xmlChar *value;
    char *copy;

    if (node == NULL)
        return NULL;
    value = xmlGetNoNsProp(node, (const xmlChar *)name);
    if (value == NULL)
        return NULL;
    /* xmlFree need not be free(): hand out GLib memory only. */
    copy = g_strdup((const char *)value);
    xmlFree(value);
    return copy;
}

char *
xcvr_virt_xml_text(const xmlNode *node)
{
    xmlChar *value;
    char *copy;

    if (node == NULL)
        return NULL;
    value = xmlNodeGetContent(node);
    if (value == NULL)
        return NULL;
    copy = g_strstrip(g_strdup((const char *)value));
    xmlFree(value);
    if (copy[0] == '\0')
        g_clear_pointer(&copy, g_free);
    return copy;
}

/* A decimal number in 0..@max, whole string. */
static gboolean
parse_uint(const char *s, guint64 max, guint64 *ret)
{
    char *end = NULL;
    guint64 v;

    if (s == NULL || !g_ascii_isdigit(s[0]))
        return FALSE;
    v = g_ascii_strtoull(s, &end, 10);
    if (end == s || *end != '\0' || v > max)
        return FALSE;
    *ret = v;
    return TRUE;
}

int
xcvr_virt_xml_vlan(const xmlNode *parent)
{
    const xmlNode *vlan = xcvr_virt_xml_child(parent, "vlan");
    g_autofree char *id = xcvr_virt_xml_prop(xcvr_virt_xml_child(vlan, "tag"), "id");
    guint64 v;

    /* 802.1Q VIDs are 12 bits; libvirt refuses 4096 and up. */
    if (!parse_uint(id, 4095, &v))
        return -1;
    return (int)v;
}

gboolean
xcvr_virt_xml_ovs(const xmlNode *parent)
{
    g_autofree char *type =
        xcvr_virt_xml_prop(xcvr_virt_xml_child(parent, "virtualport"), "type");

    return g_strcmp0(type, "openvswitch") == 0;
}

/*
 * libvirt reads these numbers with base 0 (virStrToLong_uip): "0x41" is hex, "65" decimal,
 * "0101" octal. A sign or trailing junk is refused.
 */
static gboolean
parse_pci_part(const char *s, guint64 max, guint64 *ret)
{
    char *end = NULL;
    guint64 v;

    if (s == NULL || !g_ascii_isdigit(s[0]))
        return FALSE;
    v = g_ascii_strtoull(s, &end, 0);
    if (end == s || *end != '\0' || v > max)
        return FALSE;
    *ret = v;
    return TRUE;
}

char *
xcvr_virt_pci_address(const char *domain, const char *bus, const char *slot,
                      const char *function)
{
    guint64 d = 0, b, s, f;

    /* The domain defaults to 0 in libvirt; the others are required. */
    if (domain != NULL && !parse_pci_part(domain, 0xffff, &d))
        return NULL;
    if (!parse_pci_part(bus, 0xff, &b) || !parse_pci_part(slot, 0x1f, &s) ||
        !parse_pci_part(function, 0x7, &f))
        return NULL;
    return g_strdup_printf("%04x:%02x:%02x.%x", (guint)d, (guint)b, (guint)s, (guint)f);
}

char *
xcvr_virt_xml_pci(const xmlNode *node)
{
    g_autofree char *type = xcvr_virt_xml_prop(node, "type");
    g_autofree char *domain = xcvr_virt_xml_prop(node, "domain");
    g_autofree char *bus = xcvr_virt_xml_prop(node, "bus");
    g_autofree char *slot = xcvr_virt_xml_prop(node, "slot");
    g_autofree char *function = xcvr_virt_xml_prop(node, "function");

    if (node == NULL || (type != NULL && strcmp(type, "pci") != 0))
        return NULL;
    return xcvr_virt_pci_address(domain, bus, slot, function);
}

gboolean
xcvr_virt_netdev_name_valid(const char *name)
{
    gsize len;

    if (name == NULL)
        return FALSE;
    len = strlen(name);
    /* IFNAMSIZ is 16 with the terminating NUL. */
    if (len == 0 || len >= 16 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        return FALSE;
    for (const char *p = name; *p != '\0'; p++) {
        if (*p == '/' || *p == ':' || g_ascii_isspace(*p))
            return FALSE;
    }
    return TRUE;
}

char *
xcvr_virt_display(const char *s)
{
    g_autofree char *cut = NULL;
    g_autofree char *escaped = NULL;

    if (s == NULL)
        return g_strdup("");
    if (strlen(s) <= 64)
        return g_strescape(s, NULL);
    cut = g_strndup(s, 64);
    escaped = g_strescape(cut, NULL);
    return g_strconcat(escaped, "...", NULL);
}
