/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-nova.c: the placement hints as an OpenStack Nova provider config file
 * (nova-compute's [compute] provider_config_location; schema_version 1.0): one provider
 * per physical NIC, identified by name, with CUSTOM_XCVRMAP_* traits a scheduler can
 * require or forbid. Written as YAML with every string quoted. Pure.
 */
#include <string.h>

#include <xcvrmap/xcvr-placement.h>

#include "inventory/xcvr-inventory-private.h"

/* CUSTOM_ traits are [A-Z0-9_]: upper case, anything else as '_'. */
static void
append_trait(GString *out, const char *kind, const char *value)
{
    const char *p;

    g_string_append_printf(out, "        - 'CUSTOM_XCVRMAP_%s_", kind);
    for (p = value; *p != '\0'; p++)
        g_string_append_c(out, g_ascii_isalnum(*p) ? g_ascii_toupper(*p) : '_');
    g_string_append(out, "'\n");
}

/* A single-quoted YAML scalar: a quote is doubled. */
static void
append_quoted(GString *out, const char *text)
{
    const char *p;

    g_string_append_c(out, '\'');
    for (p = text; *p != '\0'; p++) {
        if (*p == '\'')
            g_string_append_c(out, '\'');
        if ((guchar)*p >= 0x20)
            g_string_append_c(out, *p);
    }
    g_string_append_c(out, '\'');
}

static char *
provider_name(const char *tmpl, const char *hostname, const XcvrInvUplink *up)
{
    GString *out = g_string_new(NULL);
    const char *p = tmpl;

    while (*p != '\0') {
        if (g_str_has_prefix(p, "{hostname}")) {
            g_string_append(out, hostname);
            p += strlen("{hostname}");
        } else if (g_str_has_prefix(p, "{pci}")) {
            g_string_append(out, up->pci);
            p += strlen("{pci}");
        } else if (g_str_has_prefix(p, "{netdev}")) {
            g_string_append(out, up->netdev != NULL ? up->netdev : up->pci);
            p += strlen("{netdev}");
        } else {
            g_string_append_c(out, *p++);
        }
    }
    return g_string_free(out, FALSE);
}

char *
xcvr_render_nova_provider_config(const XcvrInventory *inv, const char *hostname,
                                 const char *name_template)
{
    GString *out = g_string_new(NULL);
    guint n = 0;
    guint i;

    g_return_val_if_fail(inv != NULL && hostname != NULL, g_string_free(out, FALSE));
    if (name_template == NULL)
        name_template = "{hostname}_{pci}";

    g_string_append(out, "# Nova provider config written by xcvrmap: one provider per physical "
                         "NIC,\n# with its transceiver placement hints as traits.\n"
                         "meta:\n  schema_version: '1.0'\nproviders:\n");
    for (i = 0; i < inv->uplinks->len; i++) {
        const XcvrInvUplink *up = g_ptr_array_index(inv->uplinks, i);
        g_autoptr(XcvrPlacement) p = NULL;
        g_autofree char *name = NULL;
        g_autofree char *speed = NULL;

        if (up->pci == NULL)
            continue; /* Nova's PCI-backed providers are named by address */
        p = xcvr_inv_uplink_get_placement(up);
        name = provider_name(name_template, hostname, up);
        g_string_append(out, "  - identification:\n      name: ");
        append_quoted(out, name);
        g_string_append(out, "\n    traits:\n      additional:\n");
        append_trait(out, "MEDIA", xcvr_media_to_string(p->media));
        if (p->speed_mbps >= 1000 && p->speed_mbps % 1000 == 0)
            speed = g_strdup_printf("%uG", p->speed_mbps / 1000);
        else if (p->speed_mbps > 0)
            speed = g_strdup_printf("%uM", p->speed_mbps);
        if (speed != NULL)
            append_trait(out, "SPEED", speed);
        append_trait(out, "REDUNDANCY", xcvr_redundancy_to_string(p->redundancy));
        n++;
    }
    if (n == 0) {
        /* an empty list, not a null: Nova checks that providers is a list */
        g_string_truncate(out, out->len - 1);
        g_string_append(out, " []\n");
    }
    return g_string_free(out, FALSE);
}
