/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-nodedev.c: a libvirt node-device document annotated with what the inventory knows:
 * which device it is (its net capability's interface, its PCI address or its parent's), is
 * it an uplink or a VF of one, and libvirt's text with our element inserted before the
 * closing </device>, so that everything libvirt wrote stays byte for byte.
 */
#include <stdio.h>
#include <string.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-nodedev.h>

#include "inventory/xcvr-inventory-private.h"
#include "render/xcvr-render-nodedev-private.h"

XcvrNodedevDoc *
xcvr_nodedev_doc_new(const char *name, const char *xml)
{
    XcvrNodedevDoc *doc = g_new0(XcvrNodedevDoc, 1);

    doc->name = g_strdup(name);
    doc->xml = g_strdup(xml);
    return doc;
}

void
xcvr_nodedev_doc_free(XcvrNodedevDoc *doc)
{
    if (doc == NULL)
        return;
    g_free(doc->name);
    g_free(doc->xml);
    g_free(doc);
}

/* What a node-device document says about the device that matters here. */
typedef struct {
    GPtrArray *stack;      /* element names, outermost first */
    char *cap;             /* type of the <device>'s own <capability> open, owned */
    gboolean pci_cap;
    char *name;
    char *parent;
    char *interface;       /* capability net: the netdev */
    guint64 pci[4];        /* capability pci: domain, bus, slot, function */
    guint n_pci;
} DeviceInfo;

static const char *const pci_parts[] = { "domain", "bus", "slot", "function" };

static void
on_start(GMarkupParseContext *ctx, const char *element, const char **names,
         const char **values, gpointer data, GError **error)
{
    DeviceInfo *d = data;
    guint i;

    if (d->stack->len == 0 && strcmp(element, "device") != 0) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "not a node-device document: <%s>", element);
        return;
    }
    if (strcmp(element, "capability") == 0) {
        for (i = 0; names[i] != NULL; i++) {
            if (strcmp(names[i], "type") == 0) {
                /* only the device's own capabilities (children of <device>) */
                if (d->stack->len == 1 && strcmp(values[i], "pci") == 0)
                    d->pci_cap = TRUE;
                /* a copy, not g_intern_string(): a hostile document would grow
                 * GLib's quark table for the life of the process */
                if (d->stack->len == 1) {
                    g_free(d->cap);
                    d->cap = g_strdup(values[i]);
                }
            }
        }
    }
    g_ptr_array_add(d->stack, g_strdup(element));
}

static void
on_end(GMarkupParseContext *ctx, const char *element, gpointer data, GError **error)
{
    DeviceInfo *d = data;

    g_ptr_array_remove_index(d->stack, d->stack->len - 1);
    if (d->stack->len == 1 && strcmp(element, "capability") == 0)
        g_clear_pointer(&d->cap, g_free);
}

static void
on_text(GMarkupParseContext *ctx, const char *text, gsize len, gpointer data, GError **error)
{
    DeviceInfo *d = data;
    const char *el;
    g_autofree char *value = NULL;
    guint i;

    if (d->stack->len < 2)
        return;
    el = g_ptr_array_index(d->stack, d->stack->len - 1);
    value = g_strstrip(g_strndup(text, len));
    if (d->stack->len == 2 && strcmp(el, "name") == 0) {
        g_free(d->name);
        d->name = g_steal_pointer(&value);
    } else if (d->stack->len == 2 && strcmp(el, "parent") == 0) {
        g_free(d->parent);
        d->parent = g_steal_pointer(&value);
    } else if (d->stack->len == 3 && g_strcmp0(d->cap, "net") == 0 &&
               strcmp(el, "interface") == 0) {
        g_free(d->interface);
        d->interface = g_steal_pointer(&value);
    } else if (d->stack->len == 3 && g_strcmp0(d->cap, "pci") == 0) {
        for (i = 0; i < G_N_ELEMENTS(pci_parts); i++) {
            if (strcmp(el, pci_parts[i]) == 0) {
                /* libvirt writes these in decimal; base 0 also takes 0x… */
                d->pci[i] = g_ascii_strtoull(value, NULL, 0);
                d->n_pci |= 1u << i;
            }
        }
    }
}

static const GMarkupParser device_parser = {
    .start_element = on_start,
    .end_element = on_end,
    .text = on_text,
};

static void
device_info_clear(DeviceInfo *d)
{
    g_clear_pointer(&d->stack, g_ptr_array_unref);
    g_clear_pointer(&d->cap, g_free);
    g_clear_pointer(&d->name, g_free);
    g_clear_pointer(&d->parent, g_free);
    g_clear_pointer(&d->interface, g_free);
}

/* The device's PCI address: its own pci capability, or its parent's name
 * (pci_DDDD_BB_SS_F) for a net device. */
static char *
device_pci(const DeviceInfo *d)
{
    guint dom;
    guint bus;
    guint slot;
    guint fn;

    if (d->pci_cap && d->n_pci == 0xf)
        return g_strdup_printf("%04x:%02x:%02x.%x", (guint)d->pci[0], (guint)d->pci[1],
                               (guint)d->pci[2], (guint)d->pci[3]);
    if (d->interface != NULL && d->parent != NULL &&
        sscanf(d->parent, "pci_%4x_%2x_%2x_%1x", &dom, &bus, &slot, &fn) == 4)
        return g_strdup_printf("%04x:%02x:%02x.%x", dom, bus, slot, fn);
    return NULL;
}

static const XcvrInvUplink *
uplink_by_pci(const XcvrInventory *inv, const char *pci)
{
    guint i;

    for (i = 0; pci != NULL && i < inv->uplinks->len; i++) {
        const XcvrInvUplink *up = g_ptr_array_index(inv->uplinks, i);

        if (g_strcmp0(up->pci, pci) == 0)
            return up;
    }
    return NULL;
}

/* The PF of the VF at @pci and the VF's index, from sysfs under @root: the VF's `physfn`
 * link and the PF's `virtfnN` links (absence is data: not a VF). */
static char *
vf_parent(const char *root, const char *pci, guint *ret_index)
{
    g_autofree char *physfn = g_build_filename(root, "sys/bus/pci/devices", pci, "physfn",
                                               NULL);
    g_autofree char *target = g_file_read_link(physfn, NULL);
    g_autofree char *pf = NULL;
    g_autofree char *pf_dir = NULL;
    guint i;

    if (target == NULL)
        return NULL;
    pf = g_path_get_basename(target);
    pf_dir = g_build_filename(root, "sys/bus/pci/devices", pf, NULL);
    for (i = 0; i < 4096; i++) {
        g_autofree char *link = g_strdup_printf("%s/virtfn%u", pf_dir, i);
        g_autofree char *vf = g_file_read_link(link, NULL);
        g_autofree char *base = NULL;

        if (vf == NULL)
            break;
        base = g_path_get_basename(vf);
        if (strcmp(base, pci) == 0) {
            *ret_index = i;
            return g_steal_pointer(&pf);
        }
    }
    return NULL;
}

static gboolean
hops_name(GPtrArray *hops, const char *a, const char *b)
{
    guint i;

    for (i = 0; i < hops->len; i++) {
        const XcvrHop *h = g_ptr_array_index(hops, i);

        if (h->name != NULL && (g_strcmp0(h->name, a) == 0 || g_strcmp0(h->name, b) == 0))
            return TRUE;
    }
    return FALSE;
}

/* The vNICs of @pf that use the VF (@vf_pci, or its netdev @vf_netdev): it is on their way
 * out, or where they start. */
static GPtrArray *
vf_users(const XcvrInvUplink *pf, const char *vf_pci, const char *vf_netdev)
{
    GPtrArray *users = g_ptr_array_new();
    guint i;
    guint j;

    for (i = 0; i < pf->vnics->len; i++) {
        const XcvrInvVnic *iv = g_ptr_array_index(pf->vnics, i);
        gboolean uses = hops_name(iv->path, vf_pci, vf_netdev);

        for (j = 0; !uses && j < iv->reaches->len; j++)
            uses = hops_name(((XcvrInvReach *)g_ptr_array_index(iv->reaches, j))->via, vf_pci,
                             vf_netdev);
        for (j = 0; !uses && j < iv->vnic->attach->len; j++) {
            const XcvrVnicAttach *a = g_ptr_array_index(iv->vnic->attach, j);

            uses = g_strcmp0(a->name, vf_pci) == 0 || g_strcmp0(a->name, vf_netdev) == 0;
        }
        if (uses)
            g_ptr_array_add(users, (gpointer)iv);
    }
    return users;
}

/* libvirt's text with @element before the last </device>, indented as its children are. */
static char *
insert_element(const char *xml, const char *element)
{
    const char *close = g_strrstr(xml, "</device>");
    GString *out;

    if (close == NULL)
        return NULL;
    out = g_string_new_len(xml, close - xml);
    g_string_append(out, element);
    g_string_append(out, close);
    return g_string_free(out, FALSE);
}

char *
xcvr_nodedev_annotate(const XcvrInventory *inv, const char *root, const char *device_xml,
                      gboolean *ret_annotated, GError **error)
{
    return xcvr_nodedev_annotate_with_history(inv, NULL, root, device_xml, ret_annotated,
                                              error);
}

char *
xcvr_nodedev_annotate_with_history(const XcvrInventory *inv, const XcvrHistory *history,
                                   const char *root, const char *device_xml,
                                   gboolean *ret_annotated, GError **error)
{
    DeviceInfo d = { .stack = g_ptr_array_new_with_free_func(g_free) };
    g_autoptr(GMarkupParseContext) ctx = NULL;
    g_autoptr(GString) element = g_string_new(NULL);
    g_autofree char *pci = NULL;
    g_autofree char *pf_pci = NULL;
    const XcvrInvUplink *up = NULL;
    char *out;
    guint index = 0;

    g_return_val_if_fail(inv != NULL, NULL);
    g_return_val_if_fail(device_xml != NULL, NULL);

    ctx = g_markup_parse_context_new(&device_parser, 0, &d, NULL);
    if (!g_markup_parse_context_parse(ctx, device_xml, -1, error) ||
        !g_markup_parse_context_end_parse(ctx, error)) {
        device_info_clear(&d);
        g_prefix_error(error, "node-device document: ");
        if (error != NULL && *error != NULL && (*error)->domain != XCVR_ERROR) {
            (*error)->domain = XCVR_ERROR;
            (*error)->code = XCVR_ERROR_INVALID_DATA;
        }
        return NULL;
    }
    if (d.name == NULL || (d.interface == NULL && !d.pci_cap)) {
        /* neither a netdev nor a PCI function: nothing of ours to say */
        device_info_clear(&d);
        if (ret_annotated != NULL)
            *ret_annotated = FALSE;
        return g_strdup(device_xml);
    }

    pci = device_pci(&d);
    if (d.interface != NULL)
        up = xcvr_inventory_find_uplink(inv, d.interface);
    if (up == NULL)
        up = uplink_by_pci(inv, pci);
    if (up != NULL) {
        xcvr_render_nodedev_uplink(element, "  ", up, history, TRUE);
    } else if (pci != NULL &&
               (pf_pci = vf_parent(root != NULL ? root : "/", pci, &index)) != NULL &&
               (up = uplink_by_pci(inv, pf_pci)) != NULL) {
        g_autoptr(GPtrArray) users = vf_users(up, pci, d.interface);

        xcvr_render_nodedev_vf(element, "  ", up, history, index, users);
    }
    device_info_clear(&d);

    if (ret_annotated != NULL)
        *ret_annotated = element->len > 0;
    if (element->len == 0)
        return g_strdup(device_xml);
    out = insert_element(device_xml, element->str);
    if (out == NULL)
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "node-device document has no </device>");
    return out;
}
