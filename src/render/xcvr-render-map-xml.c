/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-map-xml.c: the inventory as XML in namespace urn:xcvrmap:map:1, the same
 * model as the map JSON with the vocabulary's XML names. Schema: schemas/xcvrmap-map.rng.
 */
#include <xcvrmap/xcvr-error.h>

#include "inventory/xcvr-inventory-private.h"
#include "inventory/xcvr-vocab-private.h"
#include "render/xcvr-render-private.h"

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
text_element(GString *out, const char *indent, const char *name, const char *text)
{
    g_string_append_printf(out, "%s<%s>", indent, name);
    xcvr_xml_escape_append(out, text);
    g_string_append_printf(out, "</%s>\n", name);
}

static void
add_hops(GString *out, const char *indent, GPtrArray *hops)
{
    guint i;

    for (i = 0; i < hops->len; i++) {
        const XcvrHop *h = g_ptr_array_index(hops, i);

        g_string_append_printf(out, "%s<hop", indent);
        attr(out, "kind", xcvr_hop_kind_to_string(h->kind));
        attr(out, "name", h->name);
        attr(out, "detail", h->detail);
        g_string_append(out, "/>\n");
    }
}

static void
add_group(GString *out, const char *indent, XcvrVocabGroup group, const XcvrInvUplink *up)
{
    XcvrVocabSubject s = xcvr_vocab_subject_for_uplink(up);
    g_autoptr(GArray) values = xcvr_vocab_evaluate(group, &s);

    xcvr_render_vocab_xml_element(out, indent, xcvr_vocab_group_json_key(group), values);
}

static void
add_placement(GString *out, const char *indent, const XcvrPlacement *placement)
{
    XcvrVocabSubject s = { .placement = placement };
    g_autoptr(GArray) values = xcvr_vocab_evaluate(XCVR_VOCAB_PLACEMENT, &s);

    xcvr_render_vocab_xml_element(out, indent, xcvr_vocab_group_json_key(XCVR_VOCAB_PLACEMENT),
                                  values);
}

static void
add_vnic(GString *out, const XcvrInvVnic *iv)
{
    const XcvrVnic *v = iv->vnic;
    g_autoptr(XcvrPlacement) placement = xcvr_inv_vnic_get_placement(iv);
    g_autofree char *vlan = v->vlan >= 0 ? g_strdup_printf("%d", v->vlan) : NULL;
    guint i;

    g_string_append(out, "    <vnic");
    attr(out, "domain", v->domain);
    attr(out, "domain-uuid", v->domain_uuid);
    attr(out, "running", v->running ? "true" : "false");
    attr(out, "mac", v->mac);
    attr(out, "model", v->model);
    attr(out, "type", xcvr_vnic_type_to_string(v->type));
    attr(out, "source", v->source);
    attr(out, "target", v->target);
    attr(out, "vlan", vlan);
    attr(out, "status", xcvr_vnic_status_to_string(iv->status));
    g_string_append(out, ">\n");
    if (iv->reason != NULL)
        text_element(out, "      ", "reason", iv->reason);
    g_string_append(out, "      <path>\n");
    add_hops(out, "        ", iv->path);
    g_string_append(out, "      </path>\n");
    for (i = 0; i < iv->reaches->len; i++) {
        const XcvrInvReach *r = g_ptr_array_index(iv->reaches, i);

        /* the uplink's module, link and health are told once, under <uplinks> */
        g_string_append(out, "      <uplink");
        attr(out, "netdev", r->uplink->netdev);
        attr(out, "pci", r->uplink->pci);
        if (r->active >= 0)
            attr(out, "active", r->active == 1 ? "true" : "false");
        attr(out, "health", xcvr_health_to_string(r->uplink->health));
        if (r->via->len == 0) {
            g_string_append(out, "/>\n");
            continue;
        }
        g_string_append(out, ">\n");
        add_hops(out, "        ", r->via);
        g_string_append(out, "      </uplink>\n");
    }
    add_placement(out, "      ", placement);
    g_string_append(out, "    </vnic>\n");
}

static void
add_uplink(GString *out, const XcvrInvUplink *up)
{
    g_autoptr(XcvrPlacement) placement = NULL;
    guint i;

    g_string_append(out, "    <uplink");
    attr(out, "netdev", up->netdev);
    attr(out, "pci", up->pci);
    g_string_append(out, ">\n");
    if (up->link != NULL)
        add_group(out, "      ", XCVR_VOCAB_LINK, up);
    if (up->module != NULL)
        add_group(out, "      ", XCVR_VOCAB_MODULE, up);
    if (up->module_error != NULL) {
        g_string_append(out, "      <module-error");
        attr(out, "code", xcvr_render_error_code(up->module_error));
        g_string_append(out, ">");
        xcvr_xml_escape_append(out, up->module_error->message);
        g_string_append(out, "</module-error>\n");
    }
    add_group(out, "      ", XCVR_VOCAB_HEALTH, up);
    placement = xcvr_inv_uplink_get_placement(up);
    add_placement(out, "      ", placement);
    for (i = 0; i < up->vnics->len; i++) {
        const XcvrInvVnic *iv = g_ptr_array_index(up->vnics, i);

        g_string_append(out, "      <rider");
        attr(out, "domain", iv->vnic->domain);
        attr(out, "mac", iv->vnic->mac);
        g_string_append(out, "/>\n");
    }
    g_string_append(out, "    </uplink>\n");
}

char *
xcvr_render_map_xml(const XcvrInventory *inv)
{
    GString *out = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    guint i;

    g_return_val_if_fail(inv != NULL, NULL);

    g_string_append(out, "<map xmlns=\"" XCVR_MAP_XML_NAMESPACE "\"");
    attr(out, "ovsdb", inv->ovsdb);
    g_string_append(out, ">\n  <vnics>\n");
    for (i = 0; i < inv->vnics->len; i++)
        add_vnic(out, g_ptr_array_index(inv->vnics, i));
    g_string_append(out, "  </vnics>\n  <uplinks>\n");
    for (i = 0; i < inv->uplinks->len; i++)
        add_uplink(out, g_ptr_array_index(inv->uplinks, i));
    g_string_append(out, "  </uplinks>\n");
    for (i = 0; inv->notes != NULL && i < inv->notes->len; i++)
        text_element(out, "  ", "note", g_ptr_array_index(inv->notes, i));
    g_string_append(out, "</map>\n");
    return g_string_free(out, FALSE);
}
