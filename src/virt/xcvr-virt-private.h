/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-virt-private.h: the libvirt VM source's pure half (domain and network XML → vNICs,
 * libxml2 only, no libvirt calls) as the libvirt half and the tests use it. Not installed.
 *
 * Implements what libvirt's formatdomain and formatnetwork documents describe.
 */
#pragma once

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <xcvrmap/xcvr-vnic.h>

#include "core/xcvr-enum.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlParserCtxt, xmlFreeParserCtxt)

/*
 * libvirt's own documents are a few kilobytes to a few hundred; anything past this is not
 * something libvirt wrote, and is refused before libxml2 sees it.
 */
#define XCVR_VIRT_XML_MAX (16 * 1024 * 1024)

/* `<forward mode>` of a network (formatnetwork "Connectivity"); NONE is an isolated one. */
typedef enum {
    XCVR_VIRT_FORWARD_NONE,
    XCVR_VIRT_FORWARD_NAT,
    XCVR_VIRT_FORWARD_ROUTE,
    XCVR_VIRT_FORWARD_OPEN,
    XCVR_VIRT_FORWARD_BRIDGE,
    XCVR_VIRT_FORWARD_PRIVATE,
    XCVR_VIRT_FORWARD_VEPA,
    XCVR_VIRT_FORWARD_PASSTHROUGH,
    XCVR_VIRT_FORWARD_HOSTDEV,

    _XCVR_VIRT_FORWARD_LAST
} XcvrVirtForward;

/* What of a network's XML says where its ports go. */
typedef struct {
    char *name;
    XcvrVirtForward forward;
    char *bridge;     /* `<bridge name>`, or NULL */
    gboolean ovs;     /* `<virtualport type='openvswitch'>` */
    int vlan;         /* first `<vlan><tag id>`, or -1 */
    GPtrArray *devs;  /* macvtap pool: `<forward><interface dev>` or `<forward dev>` (char*) */
    GPtrArray *pcis;  /* hostdev pool: `<forward><address type='pci'>`, normalised (char*) */
    char *pf;         /* hostdev pool: `<forward><pf dev>`, or NULL */
} XcvrVirtNetwork;

XCVR_ENUM_DECL(virt_forward, XcvrVirtForward);

void xcvr_virt_network_free(XcvrVirtNetwork *net);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrVirtNetwork, xcvr_virt_network_free)

/*
 * Parses one network's XML (virNetworkGetXMLDesc). Returns NULL with @error
 * (XCVR_ERROR_INVALID_DATA) when it is not a network libvirt could have written; the
 * message does not name the network (the caller knows it by the name it looked up).
 */
XcvrVirtNetwork *xcvr_virt_parse_network(const char *xml, gsize len, GError **error);

/*
 * Resolves a network name for the domain parser. Returns a network the callee keeps
 * owning, valid until the parse returns; NULL with @error set when it cannot:
 * XCVR_ERROR_NO_DEVICE when there is no such network, anything else when its XML could not
 * be had or parsed. The vNIC's error is then "network 'NAME' not found", or "network
 * 'NAME': " and the message.
 */
typedef const XcvrVirtNetwork *(*XcvrVirtNetworkLookup)(const char *name, gpointer data,
                                                        GError **error);

/*
 * Appends to @out (element-type XcvrVnic) one vNIC per `<interface>` under `<devices>`, in
 * document order. @running says that @xml is a running domain's live XML, whose `<target
 * dev>` names a real device; an inactive configuration's target is only a wish. @lookup
 * may be NULL: network interfaces then carry an error. Returns FALSE with @error
 * (XCVR_ERROR_INVALID_DATA, message says why) when @xml is not a domain document; @out is
 * then unchanged. Problems of a single interface are that vNIC's error, not a failure.
 */
gboolean xcvr_virt_parse_domain(const char *xml, gsize len, gboolean running,
                                XcvrVirtNetworkLookup lookup, gpointer data, GPtrArray *out,
                                GError **error);

/*
 * Normalises a libvirt `<address type='pci'>`'s attributes to "DDDD:BB:SS.F" (lower case).
 * Returns NULL when one is missing or out of range.
 */
char *xcvr_virt_pci_address(const char *domain, const char *bus, const char *slot,
                            const char *function);

/* ---- shared XML helpers (xcvr-virt-xml.c) ---- */

/*
 * Parses @xml (at most XCVR_VIRT_XML_MAX bytes, UTF-8) whose root element must be @root,
 * without network access, entity substitution or printing, and refuses documents with a
 * document type declaration (libvirt never writes one; it is how entity bombs and external
 * entities get in). @what names the document in messages ("domain XML").
 */
xmlDoc *xcvr_virt_xml_read(const char *xml, gsize len, const char *root, const char *what,
                           GError **error);

/* The first child element of @parent named @name and in no namespace, or NULL. */
xmlNode *xcvr_virt_xml_child(const xmlNode *parent, const char *name);

/* The next sibling element after @node named @name and in no namespace, or NULL. */
xmlNode *xcvr_virt_xml_next(const xmlNode *node, const char *name);

/* A copy of attribute @name of @node (caller frees), or NULL when absent. */
char *xcvr_virt_xml_prop(const xmlNode *node, const char *name);

/* A copy of @node's text content, whitespace stripped (caller frees), or NULL when empty. */
char *xcvr_virt_xml_text(const xmlNode *node);

/* The first `<vlan><tag id>` under @parent, or -1. */
int xcvr_virt_xml_vlan(const xmlNode *parent);

/* TRUE when @parent has `<virtualport type='openvswitch'>`. */
gboolean xcvr_virt_xml_ovs(const xmlNode *parent);

/* `<address type='pci' …>` @node normalised as xcvr_virt_pci_address() does, or NULL. */
char *xcvr_virt_xml_pci(const xmlNode *node);

/*
 * TRUE when @name is a name Linux accepts for a netdev (non-empty, shorter than IFNAMSIZ,
 * not "." or "..", no '/', ':' or whitespace): names go into sysfs paths further on.
 */
gboolean xcvr_virt_netdev_name_valid(const char *name);

/* @s quoted for a message: escaped, and cut at 64 bytes (caller frees). */
char *xcvr_virt_display(const char *s);
