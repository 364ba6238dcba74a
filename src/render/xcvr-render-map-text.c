/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-map-text.c: the inventory as two tables for people: each vNIC with the path
 * out of the host and the uplinks it reaches; each uplink with its link, module and health.
 * Reasons for anything not fine follow each table. Not a contract: scripts use JSON.
 */
#include <stdarg.h>
#include <string.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-escape.h>

#include "inventory/xcvr-inventory-private.h"

typedef struct {
    guint n_cols;
    GPtrArray *cells; /* char*, row-major */
} Table;

static void
table_init(Table *t, guint n_cols)
{
    t->n_cols = n_cols;
    t->cells = g_ptr_array_new_with_free_func(g_free);
}

/* Takes ownership of @cell (NULL prints "-"), kept escaped for a terminal: a name holding a
 * control character, a newline or a bidi override neither acts on it nor splits the row. */
static void
table_add(Table *t, char *cell)
{
    g_autofree char *raw = cell;

    g_ptr_array_add(t->cells, raw != NULL ? xcvr_escape_text(raw, -1) : g_strdup("-"));
}

/* Appends one line to @notes: @format's text escaped for a terminal, then a newline. */
G_GNUC_PRINTF(2, 3)
static void
note_add(GString *notes, const char *format, ...)
{
    g_autofree char *line = NULL;
    g_autofree char *esc = NULL;
    va_list ap;

    va_start(ap, format);
    line = g_strdup_vprintf(format, ap);
    va_end(ap);
    esc = xcvr_escape_text(line, -1);
    g_string_append_printf(notes, "%s\n", esc);
}

static void
table_print(Table *t, GString *out)
{
    g_autofree guint *width = g_new0(guint, t->n_cols);
    guint i;

    for (i = 0; i < t->cells->len; i++) {
        guint w = (guint)g_utf8_strlen(g_ptr_array_index(t->cells, i), -1);

        if (w > width[i % t->n_cols])
            width[i % t->n_cols] = w;
    }
    for (i = 0; i < t->cells->len; i++) {
        const char *cell = g_ptr_array_index(t->cells, i);
        guint col = i % t->n_cols;

        g_string_append(out, cell);
        if (col + 1 == t->n_cols) {
            g_string_append_c(out, '\n');
        } else {
            guint pad = width[col] - (guint)g_utf8_strlen(cell, -1) + 2;

            while (pad-- > 0)
                g_string_append_c(out, ' ');
        }
    }
    g_clear_pointer(&t->cells, g_ptr_array_unref);
}

static char *
path_text(GPtrArray *hops)
{
    GString *s = g_string_new(NULL);
    guint i;

    for (i = 0; i < hops->len; i++) {
        const XcvrHop *h = g_ptr_array_index(hops, i);

        g_string_append_printf(s, "%s%s %s", i > 0 ? " > " : "", xcvr_hop_kind_to_string(h->kind),
                               h->name);
        if (h->detail != NULL && (h->kind == XCVR_HOP_VLAN || h->kind == XCVR_HOP_OVS_BRIDGE))
            g_string_append_printf(s, " (%s)", h->detail);
    }
    return g_string_free(s, s->len == 0);
}

static const char *
uplink_name(const XcvrInvUplink *up)
{
    return up->netdev != NULL ? up->netdev : up->pci != NULL ? up->pci : "?";
}

static char *
reaches_text(GPtrArray *reaches)
{
    GString *s = g_string_new(NULL);
    guint i;

    for (i = 0; i < reaches->len; i++) {
        const XcvrInvReach *r = g_ptr_array_index(reaches, i);

        g_string_append_printf(s, "%s%s", i > 0 ? ", " : "", uplink_name(r->uplink));
        if (r->active >= 0)
            g_string_append(s, r->active == 1 ? " (active)" : " (backup)");
    }
    return g_string_free(s, s->len == 0);
}

static char *
link_text(const XcvrLinkState *link)
{
    if (link == NULL || link->operstate == NULL)
        return NULL;
    if (link->speed_mbps > 0)
        return g_strdup_printf("%s %dMb/s", link->operstate, link->speed_mbps);
    return g_strdup(link->operstate);
}

static char *
module_text(const XcvrInvUplink *up)
{
    const XcvrModule *m = up->module;
    GString *s;
    const char *v;

    if (m == NULL) {
        if (up->module_error == NULL)
            return NULL;
        return g_strdup_printf("(%s)", up->module_error->domain == XCVR_ERROR
                                           ? xcvr_error_to_string(up->module_error->code)
                                           : "failed");
    }
    s = g_string_new(NULL);
    if ((v = xcvr_module_get_string(m, "vendor_name")) != NULL && v[0] != '\0')
        g_string_append(s, v);
    if ((v = xcvr_module_get_string(m, "vendor_pn")) != NULL && v[0] != '\0')
        g_string_append_printf(s, "%s%s", s->len > 0 ? " " : "", v);
    if ((v = xcvr_module_get_string(m, "vendor_sn")) != NULL && v[0] != '\0')
        g_string_append_printf(s, "%ssn %s", s->len > 0 ? " " : "", v);
    if (s->len == 0)
        g_string_append(s, xcvr_family_to_string(xcvr_module_get_family(m)));
    return g_string_free(s, FALSE);
}

char *
xcvr_render_map_text(const XcvrInventory *inv)
{
    g_autoptr(GString) out = g_string_new(NULL);
    g_autoptr(GString) notes = g_string_new(NULL);
    Table t;
    guint i;

    g_return_val_if_fail(inv != NULL, NULL);

    table_init(&t, 6);
    table_add(&t, g_strdup("DOMAIN"));
    table_add(&t, g_strdup("MAC"));
    table_add(&t, g_strdup("TYPE"));
    table_add(&t, g_strdup("STATUS"));
    table_add(&t, g_strdup("UPLINKS"));
    table_add(&t, g_strdup("PATH"));
    for (i = 0; i < inv->vnics->len; i++) {
        const XcvrInvVnic *iv = g_ptr_array_index(inv->vnics, i);

        table_add(&t, g_strdup(iv->vnic->domain));
        table_add(&t, g_strdup(iv->vnic->mac));
        table_add(&t, g_strdup(xcvr_vnic_type_to_string(iv->vnic->type)));
        table_add(&t, g_strdup(xcvr_vnic_status_to_string(iv->status)));
        table_add(&t, reaches_text(iv->reaches));
        table_add(&t, path_text(iv->path));
        if (iv->reason != NULL)
            note_add(notes, "  %s %s: %s", iv->vnic->domain,
                                   iv->vnic->mac != NULL ? iv->vnic->mac : "(no MAC)",
                                   iv->reason);
    }
    table_print(&t, out);
    if (notes->len > 0) {
        g_string_append_printf(out, "\n%s", notes->str);
        g_string_truncate(notes, 0);
    }

    g_string_append_c(out, '\n');
    table_init(&t, 6);
    table_add(&t, g_strdup("UPLINK"));
    table_add(&t, g_strdup("PCI"));
    table_add(&t, g_strdup("LINK"));
    table_add(&t, g_strdup("HEALTH"));
    table_add(&t, g_strdup("VNICS"));
    table_add(&t, g_strdup("MODULE"));
    for (i = 0; i < inv->uplinks->len; i++) {
        const XcvrInvUplink *up = g_ptr_array_index(inv->uplinks, i);
        guint r;

        table_add(&t, g_strdup(uplink_name(up)));
        table_add(&t, g_strdup(up->pci));
        table_add(&t, link_text(up->link));
        table_add(&t, g_strdup(xcvr_health_to_string(up->health)));
        table_add(&t, g_strdup_printf("%u", up->vnics->len));
        table_add(&t, module_text(up));
        for (r = 0; r < up->health_reasons->len; r++)
            note_add(notes, "  %s: %s", uplink_name(up),
                     (const char *)g_ptr_array_index(up->health_reasons, r));
        /* an empty cage is already among the health reasons */
        if (up->module == NULL && up->module_error != NULL &&
            !g_error_matches(up->module_error, XCVR_ERROR, XCVR_ERROR_NO_MODULE))
            note_add(notes, "  %s: %s", uplink_name(up), up->module_error->message);
    }
    table_print(&t, out);
    if (notes->len > 0)
        g_string_append_printf(out, "\n%s", notes->str);
    for (i = 0; i < inv->notes->len; i++) {
        g_autofree char *note = xcvr_escape_text(g_ptr_array_index(inv->notes, i), -1);

        g_string_append_printf(out, "\nNote: %s\n", note);
    }
    return g_string_free(g_steal_pointer(&out), FALSE);
}
