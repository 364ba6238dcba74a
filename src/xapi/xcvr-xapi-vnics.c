/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-xapi-vnics.c: XAPI as a VM source: the VIFs of the VMs on this host as #XcvrVnic,
 * each with where its host side starts (its Open vSwitch port, or the bridge or devices its
 * network's PIF on this host leads to), so the core's walker takes it from there.
 *
 * Sources: XAPI's data model (VM, VIF, network, PIF, Bond, VLAN, tunnel, network_sriov,
 * PCI classes); xapi_pif_helpers' PIF classification order (tunnel access, VLAN untagged,
 * SR-IOV logical, bond master, physical); xenopsd's dom0 names vif<domid>.<device> and
 * tap<domid>.<device>; the external_ids xenopsd puts on Open vSwitch ports (xs-vif-uuid,
 * attached-mac).
 */
#include <string.h>

#include <xcvrmap/xcvr-error.h>

#include "xcvr-xapi-private.h"

#define NULL_REF "OpaqueRef:NULL"
/* A PIF chain longer than this is a loop in the database, not a network. */
#define MAX_PIF_DEPTH 8

typedef struct {
    XcvrXapi *xapi;
    const char *root;
    const XcvrOvs *ovs;
    const char *host_ref;
    GHashTable *classes; /* class name -> a{sv} of ref -> record (loaded on first use) */
} Ctx;

/* Where a PIF leads on this host. */
typedef struct {
    GPtrArray *devices;     /* physical netdevs (PIF.device) */
    char *bridge;           /* the bridge holding the physical or bond port */
    char *pf;               /* SR-IOV: the PF netdev */
    GString *how;           /* for people: "bond bond0 (eth1, eth2)", "VLAN 100 on …" */
    int vlan;
    gboolean tunnel;
} Lead;

static void
lead_clear(Lead *l)
{
    g_clear_pointer(&l->devices, g_ptr_array_unref);
    g_clear_pointer(&l->bridge, g_free);
    g_clear_pointer(&l->pf, g_free);
    if (l->how != NULL)
        g_string_free(l->how, TRUE);
    l->how = NULL;
}

static gboolean
is_ref(const char *ref)
{
    return ref != NULL && ref[0] != '\0' && strcmp(ref, NULL_REF) != 0;
}

/* All records of @cls (one get_all_records per class per listing). */
static GVariant *
class_records(Ctx *ctx, const char *cls, GError **error)
{
    GVariant *all = g_hash_table_lookup(ctx->classes, cls);
    g_autofree char *method = NULL;

    if (all != NULL)
        return all;
    method = g_strdup_printf("%s.get_all_records", cls);
    all = xcvr_xapi_call(ctx->xapi, method, NULL, error);
    if (all == NULL)
        return NULL;
    if (!g_variant_is_of_type(all, G_VARIANT_TYPE_VARDICT)) {
        g_variant_unref(all);
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "%s: the records are not a map of refs", method);
        return NULL;
    }
    g_hash_table_insert(ctx->classes, g_strdup(cls), all);
    return all;
}

/* The record of @ref in @cls, or NULL (a dangling ref). */
static GVariant *
record(Ctx *ctx, const char *cls, const char *ref, GError **error)
{
    GVariant *all;

    if (!is_ref(ref))
        return NULL;
    all = class_records(ctx, cls, error);
    if (all == NULL)
        return NULL;
    return g_variant_lookup_value(all, ref, G_VARIANT_TYPE_VARDICT);
}

/* The first ref of a Set(Ref) field, or NULL. */
static char *
first_ref(GVariant *rec, const char *key)
{
    g_autoptr(GVariant) set = xcvr_xapi_rec_get(rec, key);
    g_autoptr(GVariant) item = NULL;

    if (set == NULL || !g_variant_is_of_type(set, G_VARIANT_TYPE("av")) ||
        g_variant_n_children(set) == 0)
        return NULL;
    item = g_variant_get_child_value(set, 0);
    {
        g_autoptr(GVariant) inner = g_variant_get_variant(item);

        if (!g_variant_is_of_type(inner, G_VARIANT_TYPE_STRING) ||
            !is_ref(g_variant_get_string(inner, NULL)))
            return NULL;
        return g_variant_dup_string(inner, NULL);
    }
}

/* The strings of a Set field. */
static GPtrArray *
ref_set(GVariant *rec, const char *key)
{
    g_autoptr(GVariant) set = xcvr_xapi_rec_get(rec, key);
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    GVariantIter iter;
    GVariant *item;

    if (set == NULL || !g_variant_is_of_type(set, G_VARIANT_TYPE("av")))
        return out;
    g_variant_iter_init(&iter, set);
    while (g_variant_iter_next(&iter, "v", &item)) {
        if (g_variant_is_of_type(item, G_VARIANT_TYPE_STRING))
            g_ptr_array_add(out, g_variant_dup_string(item, NULL));
        g_variant_unref(item);
    }
    return out;
}

/* xx:xx:xx:xx:xx:xx, as the map's schema has MACs; XAPI stores whatever it was given */
static gboolean
mac_valid(const char *mac)
{
    int i;

    for (i = 0; i < 17; i++) {
        if (i % 3 == 2 ? mac[i] != ':' : !g_ascii_isxdigit(mac[i]))
            return FALSE;
    }
    return mac[17] == '\0';
}

static const char *
str_or(const char *s, const char *fallback)
{
    return s != NULL && s[0] != '\0' ? s : fallback;
}

static const char *
pif_bridge(Ctx *ctx, GVariant *pif, GError **error)
{
    g_autoptr(GVariant) net = record(ctx, "network", xcvr_xapi_rec_str(pif, "network"), error);

    /* the string lives in the cached class records, which outlive this call */
    if (net == NULL)
        return NULL;
    return xcvr_xapi_rec_str(net, "bridge");
}

/* ", " between two steps of @how; nothing after a step that leads on ("… on "). */
static const char *
how_sep(const GString *how)
{
    return how->len > 0 && how->str[how->len - 1] != ' ' ? ", " : "";
}

/* Follows @pif_ref down to physical ports, as xapi_pif_helpers classifies PIFs. */
static gboolean
follow_pif(Ctx *ctx, const char *pif_ref, Lead *lead, int depth, GError **error)
{
    g_autoptr(GVariant) pif = NULL;
    g_autofree char *via = NULL;
    const char *device;

    if (depth > MAX_PIF_DEPTH) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "XAPI: the PIFs below %s loop", pif_ref);
        return FALSE;
    }
    pif = record(ctx, "PIF", pif_ref, error);
    if (pif == NULL) {
        if (error != NULL && *error == NULL)
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "XAPI: PIF %s is not in the database", pif_ref);
        return FALSE;
    }
    device = str_or(xcvr_xapi_rec_str(pif, "device"), "?");

    if ((via = first_ref(pif, "tunnel_access_PIF_of")) != NULL) {
        g_autoptr(GVariant) tunnel = record(ctx, "tunnel", via, error);
        const char *transport = xcvr_xapi_rec_str(tunnel, "transport_PIF");

        if (tunnel == NULL || !is_ref(transport))
            goto dangling;
        lead->tunnel = TRUE;
        g_string_append_printf(lead->how, "%stunnel %s over ", how_sep(lead->how),
                               str_or(xcvr_xapi_rec_str(tunnel, "protocol"), "gre"));
        return follow_pif(ctx, transport, lead, depth + 1, error);
    }
    if (is_ref(xcvr_xapi_rec_str(pif, "VLAN_master_of"))) {
        g_autoptr(GVariant) vlan = record(ctx, "VLAN", xcvr_xapi_rec_str(pif, "VLAN_master_of"),
                                          error);
        const char *tagged = xcvr_xapi_rec_str(vlan, "tagged_PIF");

        if (vlan == NULL || !is_ref(tagged))
            goto dangling;
        if (!lead->tunnel) /* a tunnel's underlay VLAN tags the tunnel, not the guest */
            lead->vlan = (int)xcvr_xapi_rec_int(vlan, "tag", xcvr_xapi_rec_int(pif, "VLAN", -1));
        g_string_append_printf(lead->how, "%sVLAN %" G_GINT64_FORMAT " on ", how_sep(lead->how),
                               xcvr_xapi_rec_int(vlan, "tag", -1));
        return follow_pif(ctx, tagged, lead, depth + 1, error);
    }
    if ((via = first_ref(pif, "sriov_logical_PIF_of")) != NULL) {
        g_autoptr(GVariant) sriov = record(ctx, "network_sriov", via, error);
        const char *physical = xcvr_xapi_rec_str(sriov, "physical_PIF");
        g_autoptr(GVariant) pf = NULL;

        if (sriov == NULL || !is_ref(physical))
            goto dangling;
        pf = record(ctx, "PIF", physical, error);
        if (pf == NULL)
            goto dangling;
        lead->pf = g_strdup(str_or(xcvr_xapi_rec_str(pf, "device"), "?"));
        g_string_append_printf(lead->how, "%sSR-IOV on %s", how_sep(lead->how), lead->pf);
        g_ptr_array_add(lead->devices, g_strdup(lead->pf));
        return TRUE;
    }
    if ((via = first_ref(pif, "bond_master_of")) != NULL) {
        g_autoptr(GVariant) bond = record(ctx, "Bond", via, error);
        g_autoptr(GPtrArray) slaves = NULL;
        guint i;

        if (bond == NULL)
            goto dangling;
        slaves = ref_set(bond, "slaves");
        g_string_append_printf(lead->how, "%sbond %s (%s", how_sep(lead->how), device,
                               str_or(xcvr_xapi_rec_str(bond, "mode"), "balance-slb"));
        for (i = 0; i < slaves->len; i++) {
            g_autoptr(GVariant) slave = record(ctx, "PIF", g_ptr_array_index(slaves, i), error);

            if (slave == NULL) {
                if (error != NULL && *error != NULL)
                    return FALSE;
                continue;
            }
            g_ptr_array_add(lead->devices,
                            g_strdup(str_or(xcvr_xapi_rec_str(slave, "device"), "?")));
            g_string_append_printf(lead->how, "%s%s", i == 0 ? ": " : ", ",
                                   (const char *)g_ptr_array_index(lead->devices,
                                                                   lead->devices->len - 1));
        }
        g_string_append(lead->how, ")");
        lead->bridge = g_strdup(pif_bridge(ctx, pif, error));
        return error == NULL || *error == NULL;
    }
    /* physical (or anything else: its own device is the way out) */
    g_ptr_array_add(lead->devices, g_strdup(device));
    g_string_append_printf(lead->how, "%s%s", how_sep(lead->how), device);
    lead->bridge = g_strdup(pif_bridge(ctx, pif, error));
    return error == NULL || *error == NULL;

dangling:
    if (error != NULL && *error == NULL)
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "XAPI: PIF %s (%s) refers to an object that is not in the database",
                    pif_ref, device);
    return FALSE;
}

static int
str_ptr_cmp(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* This VM's attached PCI function that is a VF of @pf (a netdev under @root), the
 * @nth (0-based) such one; NULL when none. */
static char *
find_vf(Ctx *ctx, GVariant *vm, const char *pf, guint nth, GError **error)
{
    g_autoptr(GPtrArray) pcis = ref_set(vm, "attached_PCIs");
    g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func(g_free);
    const char *root = ctx->root != NULL ? ctx->root : "/";
    guint i;

    for (i = 0; i < pcis->len; i++) {
        g_autoptr(GVariant) pci = record(ctx, "PCI", g_ptr_array_index(pcis, i), error);
        const char *bdf = xcvr_xapi_rec_str(pci, "pci_id");
        g_autofree char *physfn = NULL;
        g_autofree char *net = NULL;
        g_autofree char *target = NULL;

        if (pci == NULL) {
            if (error != NULL && *error != NULL)
                return NULL;
            continue;
        }
        if (bdf == NULL || strchr(bdf, '/') != NULL || bdf[0] == '.')
            continue;
        physfn = g_build_filename(root, "sys", "bus", "pci", "devices", bdf, "physfn", NULL);
        target = g_file_read_link(physfn, NULL);
        if (target == NULL)
            continue;
        {
            g_autofree char *pf_bdf = g_path_get_basename(target);

            net = g_build_filename(root, "sys", "bus", "pci", "devices", pf_bdf, "net", pf,
                                   NULL);
        }
        if (g_file_test(net, G_FILE_TEST_EXISTS))
            g_ptr_array_add(found, g_strdup(bdf));
    }
    if (nth >= found->len)
        return NULL;
    g_ptr_array_sort(found, str_ptr_cmp);
    return g_strdup(g_ptr_array_index(found, nth));
}

/* The dom0 port of a running VIF as Open vSwitch has it, or NULL. */
static char *
find_port(Ctx *ctx, const char *vif_uuid, const char *mac)
{
    const char *name = NULL;

    if (ctx->ovs == NULL)
        return NULL;
    if (vif_uuid != NULL)
        name = xcvr_ovs_find_external_id(ctx->ovs, "xs-vif-uuid", vif_uuid);
    if (name == NULL && mac != NULL)
        name = xcvr_ovs_find_external_id(ctx->ovs, "attached-mac", mac);
    return g_strdup(name);
}

/* The live switch against XAPI: a port on another bridge or VLAN than the network's PIF
 * says is mapped where it is (the walk follows Open vSwitch), and the note says so. */
static void
check_port(Ctx *ctx, XcvrVnic *vnic, const char *port, const char *want_bridge, int want_tag)
{
    int tag = -1;
    const char *on = xcvr_ovs_get_port_bridge(ctx->ovs, port, &tag);
    g_autofree char *has = NULL;
    g_autofree char *says = NULL;

    if (on == NULL || want_bridge == NULL || (strcmp(on, want_bridge) == 0 && tag == want_tag))
        return;
    has = tag >= 0 ? g_strdup_printf("%s VLAN %d", on, tag) : g_strdup(on);
    says = want_tag >= 0 ? g_strdup_printf("%s VLAN %d", want_bridge, want_tag)
                         : g_strdup(want_bridge);
    g_free(vnic->note);
    vnic->note = g_strdup_printf("Open vSwitch has %s on %s, XAPI's network says %s: mapped "
                                 "as the switch has it",
                                 port, has, says);
}

typedef struct {
    const char *ref;
    GVariant *rec;
} Item;

static int
vm_cmp(gconstpointer a, gconstpointer b)
{
    const Item *x = *(Item *const *)a;
    const Item *y = *(Item *const *)b;
    int c = g_strcmp0(xcvr_xapi_rec_str(x->rec, "name_label"),
                      xcvr_xapi_rec_str(y->rec, "name_label"));

    return c != 0 ? c : g_strcmp0(xcvr_xapi_rec_str(x->rec, "uuid"),
                                  xcvr_xapi_rec_str(y->rec, "uuid"));
}

static int
vif_cmp(gconstpointer a, gconstpointer b)
{
    const Item *x = *(Item *const *)a;
    const Item *y = *(Item *const *)b;
    gint64 dx = xcvr_xapi_rec_int(x->rec, "device", G_MAXINT64);
    gint64 dy = xcvr_xapi_rec_int(y->rec, "device", G_MAXINT64);

    return dx < dy ? -1 : dx > dy ? 1 : g_strcmp0(x->ref, y->ref);
}

static void
item_free(Item *item)
{
    g_variant_unref(item->rec);
    g_free(item);
}

static XcvrVnic *
describe_vif(Ctx *ctx, GVariant *vm, gboolean running, GVariant *vif, GHashTable *vfs_taken,
             GError **error)
{
    const char *name = str_or(xcvr_xapi_rec_str(vm, "name_label"), "(unnamed)");
    const char *vif_uuid = xcvr_xapi_rec_str(vif, "uuid");
    const char *device = str_or(xcvr_xapi_rec_str(vif, "device"), "?");
    gint64 domid = xcvr_xapi_rec_int(vm, "domid", -1);
    gboolean plugged = xcvr_xapi_rec_bool(vif, "currently_attached");
    g_autoptr(GVariant) net = record(ctx, "network", xcvr_xapi_rec_str(vif, "network"), error);
    g_autoptr(XcvrVnic) vnic = xcvr_vnic_new(name, XCVR_VNIC_BRIDGE);
    g_autoptr(GPtrArray) pifs = NULL;
    g_autofree char *pif_ref = NULL;
    g_autofree char *port = NULL;
    Lead lead = { 0 };
    const char *net_name;
    const char *bridge;
    guint i;

    if (error != NULL && *error != NULL)
        return NULL;
    vnic->vm_source = g_strdup("xapi");
    vnic->domain_uuid = g_strdup(xcvr_xapi_rec_str(vm, "uuid"));
    vnic->vif_uuid = g_strdup(vif_uuid);
    vnic->running = running;
    vnic->mac = g_ascii_strdown(str_or(xcvr_xapi_rec_str(vif, "MAC"), ""), -1);
    if (!mac_valid(vnic->mac))
        g_clear_pointer(&vnic->mac, g_free);
    if (net == NULL) {
        vnic->error = g_strdup_printf("VIF %s: its network %s is not in the database",
                                      str_or(vif_uuid, "?"),
                                      str_or(xcvr_xapi_rec_str(vif, "network"), "?"));
        return g_steal_pointer(&vnic);
    }
    net_name = str_or(xcvr_xapi_rec_str(net, "name_label"), "?");
    bridge = str_or(xcvr_xapi_rec_str(net, "bridge"), "?");

    pifs = ref_set(net, "PIFs");
    for (i = 0; i < pifs->len && pif_ref == NULL; i++) {
        g_autoptr(GVariant) pif = record(ctx, "PIF", g_ptr_array_index(pifs, i), error);

        if (pif == NULL && error != NULL && *error != NULL)
            return NULL;
        if (g_strcmp0(xcvr_xapi_rec_str(pif, "host"), ctx->host_ref) == 0)
            pif_ref = g_strdup(g_ptr_array_index(pifs, i));
    }
    if (running && plugged && domid >= 0)
        port = find_port(ctx, vif_uuid, vnic->mac);
    vnic->target = g_strdup(port);

    if (pif_ref == NULL) {
        vnic->source = g_strdup_printf("network %s (bridge %s, private)", net_name, bridge);
        vnic->no_uplink_reason = g_strdup_printf(
            "network '%s' has no PIF on this host (a private network)", net_name);
        if (port != NULL)
            xcvr_vnic_add_attach(vnic, XCVR_VNIC_ATTACH_NETDEV, port, TRUE);
        return g_steal_pointer(&vnic);
    }

    lead.devices = g_ptr_array_new_with_free_func(g_free);
    lead.how = g_string_new(NULL);
    lead.vlan = -1;
    if (!follow_pif(ctx, pif_ref, &lead, 0, error)) {
        lead_clear(&lead);
        if (error != NULL && *error != NULL &&
            (*error)->domain == XCVR_ERROR && (*error)->code == XCVR_ERROR_INVALID_DATA) {
            /* one broken chain in the database spoils this VIF, not the map */
            vnic->error = g_strdup((*error)->message);
            g_clear_error(error);
            return g_steal_pointer(&vnic);
        }
        return NULL;
    }
    vnic->vlan = lead.vlan;
    if (strcmp(bridge, "?") == 0) /* SR-IOV networks have no bridge */
        vnic->source = g_strdup_printf("network %s (%s)", net_name, lead.how->str);
    else
        vnic->source = g_strdup_printf("network %s (bridge %s: %s)", net_name, bridge,
                                       lead.how->str);

    if (lead.pf != NULL) {
        /* XAPI's public API does not pair a VIF with its VF (VIF.reserved_pci is
         * internal): the n-th SR-IOV VIF of a PF, by device number, takes the n-th of the
         * VM's attached VFs of that PF, by address */
        guint nth = GPOINTER_TO_UINT(g_hash_table_lookup(vfs_taken, lead.pf));
        g_autofree char *vf = running ? find_vf(ctx, vm, lead.pf, nth, error) : NULL;

        g_hash_table_insert(vfs_taken, g_strdup(lead.pf), GUINT_TO_POINTER(nth + 1));

        if (error != NULL && *error != NULL) {
            lead_clear(&lead);
            return NULL;
        }
        vnic->type = XCVR_VNIC_HOSTDEV;
        if (vf != NULL) {
            xcvr_vnic_add_attach(vnic, XCVR_VNIC_ATTACH_PCI, vf, FALSE);
            g_free(vnic->target);
            vnic->target = g_strdup(vf);
        } else {
            if (running)
                vnic->note = g_strdup_printf("no VF of %s among the VM's attached PCI "
                                             "functions: mapped to the PF",
                                             lead.pf);
            xcvr_vnic_add_attach(vnic, XCVR_VNIC_ATTACH_NETDEV, lead.pf, FALSE);
        }
    } else if (port != NULL && !lead.tunnel) {
        /* the live port: Open vSwitch and sysfs say where it leaves now */
        xcvr_vnic_add_attach(vnic, XCVR_VNIC_ATTACH_NETDEV, port, TRUE);
        check_port(ctx, vnic, port, lead.bridge, lead.vlan);
    } else if (ctx->ovs != NULL && lead.bridge != NULL) {
        /* where it would attach: the bridge (bond activity from Open vSwitch) */
        xcvr_vnic_add_attach(vnic, XCVR_VNIC_ATTACH_NETDEV, lead.bridge, TRUE);
    } else {
        for (i = 0; i < lead.devices->len; i++)
            xcvr_vnic_add_attach(vnic, XCVR_VNIC_ATTACH_NETDEV,
                                 g_ptr_array_index(lead.devices, i), FALSE);
    }
    if (vnic->note == NULL) {
        if (running && !plugged)
            vnic->note = g_strdup("VIF unplugged (currently_attached is false): the uplinks "
                                  "it uses when plugged");
        else if (!running)
            vnic->note = g_strdup("VM halted, its affinity is this host: where it would "
                                  "attach here");
        else if (port == NULL && lead.pf == NULL)
            vnic->note = g_strdup_printf("vif%" G_GINT64_FORMAT ".%s is not in Open vSwitch: "
                                         "mapped through its network's PIF",
                                         domid, device);
        else if (lead.tunnel)
            vnic->note = g_strdup("tunnel network: the uplinks that carry the tunnel");
    }
    if (port != NULL && lead.tunnel)
        check_port(ctx, vnic, port, bridge, -1);
    lead_clear(&lead);
    return g_steal_pointer(&vnic);
}

/* The index in @names of the name @vm answers to (its name_label or uuid), or -1. */
static int
vm_named(GVariant *vm, const char *const *names)
{
    int i;

    for (i = 0; names != NULL && names[i] != NULL; i++) {
        if (g_strcmp0(xcvr_xapi_rec_str(vm, "name_label"), names[i]) == 0 ||
            g_strcmp0(xcvr_xapi_rec_str(vm, "uuid"), names[i]) == 0)
            return i;
    }
    return -1;
}

static gboolean
vm_selected(Ctx *ctx, GVariant *vm, const char *const *only, gboolean *ret_running)
{
    const char *state = xcvr_xapi_rec_str(vm, "power_state");

    if (xcvr_xapi_rec_bool(vm, "is_a_template") || xcvr_xapi_rec_bool(vm, "is_a_snapshot") ||
        xcvr_xapi_rec_bool(vm, "is_control_domain"))
        return FALSE;
    if (only != NULL && only[0] != NULL && vm_named(vm, only) < 0)
        return FALSE;
    if (g_strcmp0(state, "Running") == 0 || g_strcmp0(state, "Paused") == 0) {
        *ret_running = TRUE;
        return g_strcmp0(xcvr_xapi_rec_str(vm, "resident_on"), ctx->host_ref) == 0;
    }
    if (g_strcmp0(state, "Halted") == 0) {
        *ret_running = FALSE;
        return g_strcmp0(xcvr_xapi_rec_str(vm, "affinity"), ctx->host_ref) == 0;
    }
    return FALSE; /* suspended: no VIF is anywhere until it resumes, wherever that is */
}

GPtrArray *
xcvr_xapi_list_vnics(XcvrXapi *xapi, const char *root, const XcvrOvs *ovs,
                     const char *const *names, GError **error)
{
    g_autoptr(GHashTable) classes =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_variant_unref);
    g_autoptr(GPtrArray) vnics = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_vnic_free);
    g_autoptr(GPtrArray) vms = g_ptr_array_new_with_free_func((GDestroyNotify)item_free);
    g_autofree char *host_uuid = NULL;
    g_autofree char *host_ref = NULL;
    Ctx ctx = { .xapi = xapi, .root = root, .ovs = ovs };
    GVariant *hosts;
    GVariant *all_vms;
    GVariantIter iter;
    const char *ref;
    GVariant *rec;
    /* which of @names some VM answers to: a name no VM has is an error, as in libvirt's */
    g_autofree gboolean *seen =
        g_new0(gboolean, names != NULL ? g_strv_length((char **)names) + 1 : 1);
    int named;
    guint i;

    g_return_val_if_fail(xapi != NULL, NULL);
    ctx.classes = classes;

    host_uuid = xcvr_xapi_this_host_uuid(root, error);
    if (host_uuid == NULL)
        return NULL;
    hosts = class_records(&ctx, "host", error);
    if (hosts == NULL)
        return NULL;
    g_variant_iter_init(&iter, hosts);
    while (host_ref == NULL && g_variant_iter_next(&iter, "{&s@v}", &ref, &rec)) {
        g_autoptr(GVariant) r = g_variant_get_variant(rec);

        if (g_strcmp0(xcvr_xapi_rec_str(r, "uuid"), host_uuid) == 0)
            host_ref = g_strdup(ref);
        g_variant_unref(rec);
    }
    if (host_ref == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE,
                    "this host (INSTALLATION_UUID %s) is not a host of this pool", host_uuid);
        return NULL;
    }
    ctx.host_ref = host_ref;

    all_vms = class_records(&ctx, "VM", error);
    if (all_vms == NULL)
        return NULL;
    g_variant_iter_init(&iter, all_vms);
    while (g_variant_iter_next(&iter, "{&s@v}", &ref, &rec)) {
        g_autoptr(GVariant) r = g_variant_get_variant(rec);
        gboolean running = FALSE;

        g_variant_unref(rec);
        if (!g_variant_is_of_type(r, G_VARIANT_TYPE_VARDICT))
            continue;
        named = vm_named(r, names);
        if (named >= 0)
            seen[named] = TRUE;
        if (vm_selected(&ctx, r, names, &running)) {
            Item *item = g_new0(Item, 1);

            item->ref = ref;
            item->rec = g_variant_ref(r);
            g_ptr_array_add(vms, item);
        }
    }
    for (i = 0; names != NULL && names[i] != NULL; i++) {
        if (!seen[i]) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE, "no VM %s in this pool",
                        names[i]);
            return NULL;
        }
    }
    g_ptr_array_sort(vms, vm_cmp);

    for (i = 0; i < vms->len; i++) {
        const Item *item = g_ptr_array_index(vms, i);
        g_autoptr(GPtrArray) vif_refs = ref_set(item->rec, "VIFs");
        g_autoptr(GPtrArray) vifs = g_ptr_array_new_with_free_func((GDestroyNotify)item_free);
        g_autoptr(GHashTable) vfs_taken = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                                                NULL);
        gboolean running = FALSE;
        guint j;

        vm_selected(&ctx, item->rec, NULL, &running);
        for (j = 0; j < vif_refs->len; j++) {
            GVariant *vif = record(&ctx, "VIF", g_ptr_array_index(vif_refs, j), error);
            Item *v;

            if (vif == NULL) {
                if (error != NULL && *error != NULL)
                    return NULL;
                continue;
            }
            v = g_new0(Item, 1);
            v->ref = g_ptr_array_index(vif_refs, j);
            v->rec = vif;
            g_ptr_array_add(vifs, v);
        }
        g_ptr_array_sort(vifs, vif_cmp);
        for (j = 0; j < vifs->len; j++) {
            const Item *v = g_ptr_array_index(vifs, j);
            XcvrVnic *vnic = describe_vif(&ctx, item->rec, running, v->rec, vfs_taken, error);

            if (vnic == NULL)
                return NULL;
            g_ptr_array_add(vnics, vnic);
        }
    }
    return g_steal_pointer(&vnics);
}
