/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-nodedev.c: the xcvrmap elements of an annotated node-device document, in
 * namespace urn:xcvrmap:nodedev:1 with the vocabulary's names (schema:
 * schemas/xcvrmap-nodedev.rng). Pure: the inventory in, text out.
 */
#include <string.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-nodedev.h>
#include <xcvrmap/xcvr-placement.h>

#include "inventory/xcvr-vocab-private.h"
#include "render/xcvr-render-history-private.h"
#include "render/xcvr-render-nodedev-private.h"
#include "render/xcvr-render-private.h"

#define NS "xcvrmap:"

static void
attr(GString *out, const char *name, const char *value)
{
    if (value == NULL)
        return;
    g_string_append_printf(out, " %s=\"", name);
    xcvr_xml_escape_append(out, value);
    g_string_append_c(out, '"');
}

static void
group(GString *out, const char *indent, XcvrVocabGroup g, const XcvrInvUplink *up,
      const XcvrPlacement *placement)
{
    XcvrVocabSubject s = {
        .module = up->module,
        .module_source = up->module_source,
        .link = up->link,
        .has_health = TRUE,
        .health = up->health,
        .health_reasons = up->health_reasons,
        .placement = placement,
    };
    g_autoptr(GArray) values = xcvr_vocab_evaluate(g, &s);

    xcvr_render_vocab_xml_element_ns(out, indent, NS, xcvr_vocab_group_json_key(g), values);
}

static const XcvrHop *
last_bond_hop(GPtrArray *hops)
{
    guint i;

    for (i = hops->len; i > 0; i--) {
        const XcvrHop *h = g_ptr_array_index(hops, i - 1);

        if (h->kind == XCVR_HOP_BOND || h->kind == XCVR_HOP_OVS_BOND)
            return h;
    }
    return NULL;
}

/* The bond @up is a member of, as the first vNIC that reaches it through one saw it. */
static void
add_bond(GString *out, const char *indent, const XcvrInvUplink *up)
{
    guint i;
    guint j;

    for (i = 0; i < up->vnics->len; i++) {
        const XcvrInvVnic *iv = g_ptr_array_index(up->vnics, i);

        for (j = 0; j < iv->reaches->len; j++) {
            const XcvrInvReach *r = g_ptr_array_index(iv->reaches, j);
            const XcvrHop *bond;
            const char *mode;

            if (r->uplink != up || r->active < 0)
                continue;
            bond = last_bond_hop(r->via);
            if (bond == NULL)
                bond = last_bond_hop(iv->path);
            mode = bond != NULL ? bond->detail : NULL;
            if (mode != NULL && g_str_has_prefix(mode, "mode "))
                mode += strlen("mode ");
            g_string_append_printf(out, "%s<" NS "bond", indent);
            attr(out, "name", bond != NULL ? bond->name : NULL);
            attr(out, "mode", mode);
            attr(out, "role", r->active == 1 ? "active" : "backup");
            attr(out, "rule", xcvr_bond_rule_to_string(r->active_rule));
            g_string_append(out, "/>\n");
            return;
        }
    }
}

static void
add_vnic(GString *out, const char *indent, const XcvrInvVnic *iv)
{
    g_string_append_printf(out, "%s<" NS "vnic", indent);
    attr(out, "domain", iv->vnic->domain);
    attr(out, "uuid", iv->vnic->domain_uuid);
    attr(out, "mac", iv->vnic->mac);
    attr(out, "type", xcvr_vnic_type_to_string(iv->vnic->type));
    g_string_append(out, "/>\n");
}

void
xcvr_render_nodedev_uplink(GString *out, const char *indent, const XcvrInvUplink *up,
                           const XcvrHistory *history, gboolean declare_ns)
{
    g_autofree char *inner = g_strconcat(indent, "  ", NULL);
    g_autoptr(XcvrPlacement) placement = xcvr_inv_uplink_get_placement(up);
    guint i;

    g_string_append_printf(out, "%s<" NS "uplink", indent);
    if (declare_ns)
        attr(out, "xmlns:xcvrmap", XCVR_NODEDEV_XML_NAMESPACE);
    attr(out, "netdev", up->netdev);
    attr(out, "pci", up->pci);
    g_string_append(out, ">\n");
    if (up->link != NULL)
        group(out, inner, XCVR_VOCAB_LINK, up, NULL);
    if (up->module != NULL) {
        group(out, inner, XCVR_VOCAB_MODULE, up, NULL);
    } else {
        g_string_append_printf(out, "%s<" NS "module-error", inner);
        attr(out, "code", up->module_error != NULL ? xcvr_render_error_code(up->module_error)
                                                   : "not-read");
        g_string_append_c(out, '>');
        xcvr_xml_escape_append(out, up->module_error != NULL ? up->module_error->message
                                                             : "modules were not read");
        g_string_append(out, "</" NS "module-error>\n");
    }
    group(out, inner, XCVR_VOCAB_HEALTH, up, NULL);
    if (history != NULL)
        xcvr_render_history_xml(out, inner, NS, history, up);
    add_bond(out, inner, up);
    group(out, inner, XCVR_VOCAB_PLACEMENT, up, placement);
    for (i = 0; i < up->vnics->len; i++)
        add_vnic(out, inner, g_ptr_array_index(up->vnics, i));
    g_string_append_printf(out, "%s</" NS "uplink>\n", indent);
}

void
xcvr_render_nodedev_vf(GString *out, const char *indent, const XcvrInvUplink *pf,
                       const XcvrHistory *history, guint index, GPtrArray *vnics)
{
    g_autofree char *inner = g_strconcat(indent, "  ", NULL);
    g_autofree char *index_text = g_strdup_printf("%u", index);
    guint i;

    g_string_append_printf(out, "%s<" NS "vf", indent);
    attr(out, "xmlns:xcvrmap", XCVR_NODEDEV_XML_NAMESPACE);
    attr(out, "pf", pf->pci != NULL ? pf->pci : pf->netdev);
    attr(out, "index", index_text);
    g_string_append(out, ">\n");
    xcvr_render_nodedev_uplink(out, inner, pf, history, FALSE);
    /* the VF's own wire is the PF's: its verdict and reasons are the PF's */
    group(out, inner, XCVR_VOCAB_HEALTH, pf, NULL);
    for (i = 0; vnics != NULL && i < vnics->len; i++)
        add_vnic(out, inner, g_ptr_array_index(vnics, i));
    g_string_append_printf(out, "%s</" NS "vf>\n", indent);
}
