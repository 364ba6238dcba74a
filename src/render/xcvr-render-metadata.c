/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-metadata.c: a domain's metadata element (xcvr_metadata_build()): its vNICs,
 * their uplinks with module identity, media, speed and health verdict, with the
 * vocabulary's names. Only facts that stay put between runs go in, so that a second
 * publish finds every domain current. Pure: the inventory in, text out.
 */
#include <string.h>

#include <xcvrmap/xcvr-metadata.h>
#include <xcvrmap/xcvr-placement.h>

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

GPtrArray *
xcvr_metadata_domains(const XcvrInventory *inv)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    guint i;

    g_return_val_if_fail(inv != NULL, names);
    for (i = 0; i < inv->vnics->len; i++) {
        const XcvrInvVnic *iv = g_ptr_array_index(inv->vnics, i);

        if (iv->vnic->domain == NULL || g_hash_table_contains(seen, iv->vnic->domain))
            continue;
        g_hash_table_add(seen, iv->vnic->domain);
        g_ptr_array_add(names, g_strdup(iv->vnic->domain));
    }
    return names;
}

static void
add_uplink(GString *out, const XcvrInvReach *r)
{
    const XcvrInvUplink *up = r->uplink;
    g_autoptr(XcvrPlacement) p = xcvr_inv_uplink_get_placement(up);
    g_autofree char *speed = p->speed_mbps > 0 ? g_strdup_printf("%u", p->speed_mbps) : NULL;

    g_string_append(out, "    <uplink");
    attr(out, "netdev", up->netdev);
    attr(out, "pci", up->pci);
    if (r->active >= 0)
        attr(out, "active", r->active == 1 ? "true" : "false");
    attr(out, "media", xcvr_media_to_string(p->media));
    attr(out, "speed-mbps", speed);
    g_string_append(out, ">\n");
    if (up->module != NULL) {
        g_string_append(out, "      <module");
        attr(out, "vendor", xcvr_module_get_string(up->module, "vendor_name"));
        attr(out, "pn", xcvr_module_get_string(up->module, "vendor_pn"));
        attr(out, "sn", xcvr_module_get_string(up->module, "vendor_sn"));
        g_string_append(out, "/>\n");
    }
    g_string_append(out, "      <health");
    attr(out, "verdict", xcvr_health_to_string(up->health));
    g_string_append(out, "/>\n    </uplink>\n");
}

char *
xcvr_metadata_build(const XcvrInventory *inv, const char *domain, const char *host)
{
    GString *out = g_string_new("<vnics");
    guint i;
    guint j;

    g_return_val_if_fail(inv != NULL && domain != NULL, g_string_free(out, FALSE));

    attr(out, "host", host);
    g_string_append(out, ">\n");
    for (i = 0; i < inv->vnics->len; i++) {
        const XcvrInvVnic *iv = g_ptr_array_index(inv->vnics, i);
        g_autoptr(XcvrPlacement) p = NULL;
        XcvrVocabSubject s = { 0 };
        g_autoptr(GArray) values = NULL;

        if (g_strcmp0(iv->vnic->domain, domain) != 0)
            continue;
        g_string_append(out, "  <vnic");
        attr(out, "mac", iv->vnic->mac);
        attr(out, "status", xcvr_vnic_status_to_string(iv->status));
        g_string_append(out, ">\n");
        for (j = 0; j < iv->reaches->len; j++)
            add_uplink(out, g_ptr_array_index(iv->reaches, j));
        p = xcvr_inv_vnic_get_placement(iv);
        s.placement = p;
        values = xcvr_vocab_evaluate(XCVR_VOCAB_PLACEMENT, &s);
        xcvr_render_vocab_xml_element(out, "    ", "placement", values);
        g_string_append(out, "  </vnic>\n");
    }
    g_string_append(out, "</vnics>\n");
    return g_string_free(out, FALSE);
}
