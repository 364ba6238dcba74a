/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-inventory.c: joins the sources into the one model: each vNIC walked from where its
 * host side starts to its uplinks (topology + Open vSwitch), each uplink's link state and
 * module read once, and each uplink told which vNICs ride it.
 */
#include <string.h>
#include <sys/stat.h>

#include <xcvrmap/xcvr-eeprom.h>
#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-inventory.h>
#include <xcvrmap/xcvr-ovs.h>
#include <xcvrmap/xcvr-topo.h>

#include "xcvr-inventory-private.h"
#include "core/xcvr-enum.h"
#include "core/xcvr-host-file-private.h"
#include "topo/xcvr-topo-internal.h"

#define DEFAULT_MODULE_TIMEOUT_MS 5000

XCVR_ENUM_IMPL(vnic_status, XcvrVnicStatus, _XCVR_VNIC_STATUS_LAST, "error",
    [XCVR_VNIC_STATUS_OK] = "ok",
    [XCVR_VNIC_STATUS_NO_UPLINK] = "no-uplink",
    [XCVR_VNIC_STATUS_ERROR] = "error",
)

/* ---- model lifetime ---- */

static void
inv_uplink_free(XcvrInvUplink *up)
{
    if (up == NULL)
        return;
    g_free(up->netdev);
    g_free(up->pci);
    xcvr_link_state_free(up->link);
    xcvr_module_free(up->module);
    g_free(up->module_source);
    g_clear_error(&up->module_error);
    g_clear_pointer(&up->health_reasons, g_ptr_array_unref);
    g_clear_pointer(&up->vnics, g_ptr_array_unref);
    g_free(up);
}

static void
inv_reach_free(XcvrInvReach *reach)
{
    if (reach == NULL)
        return;
    g_clear_pointer(&reach->via, g_ptr_array_unref);
    g_free(reach);
}

static void
inv_vnic_free(XcvrInvVnic *iv)
{
    if (iv == NULL)
        return;
    g_free(iv->reason);
    g_clear_pointer(&iv->path, g_ptr_array_unref);
    g_clear_pointer(&iv->reaches, g_ptr_array_unref);
    g_free(iv);
}

void
xcvr_inventory_free(XcvrInventory *inv)
{
    if (inv == NULL)
        return;
    g_clear_pointer(&inv->vnics, g_ptr_array_unref);
    g_clear_pointer(&inv->uplinks, g_ptr_array_unref);
    g_clear_pointer(&inv->source, g_ptr_array_unref);
    g_free(inv->ovsdb);
    g_clear_pointer(&inv->notes, g_ptr_array_unref);
    g_free(inv);
}

guint
xcvr_inventory_count(const XcvrInventory *inv, XcvrVnicStatus status)
{
    guint n = 0;
    guint i;

    g_return_val_if_fail(inv != NULL, 0);
    for (i = 0; i < inv->vnics->len; i++) {
        const XcvrInvVnic *iv = g_ptr_array_index(inv->vnics, i);

        if (iv->status == status)
            n++;
    }
    return n;
}

static GPtrArray *
hops_new(void)
{
    return g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_hop_free);
}

/* ---- building ---- */

typedef struct {
    XcvrTopo *topo;
    XcvrOvs *ovs; /* NULL without Open vSwitch */
    const char *topo_root;
    const XcvrInventoryOptions *options;
    XcvrInventory *inv;
    GHashTable *uplink_by_key; /* netdev, or "pci:ADDR" → XcvrInvUplink* (borrowed) */
    XcvrEepromReader *reader;  /* the caller's, or this build's own */
} Builder;

static char *
uplink_key(const char *netdev, const char *pci)
{
    return netdev != NULL ? g_strdup(netdev) : g_strconcat("pci:", pci, NULL);
}

static XcvrInvUplink *
uplink_get_by(Builder *b, const char *netdev, const char *pci)
{
    g_autofree char *key = uplink_key(netdev, pci);
    XcvrInvUplink *up = g_hash_table_lookup(b->uplink_by_key, key);

    if (up != NULL) {
        if (up->pci == NULL && pci != NULL)
            up->pci = g_strdup(pci);
        return up;
    }
    up = g_new0(XcvrInvUplink, 1);
    up->netdev = g_strdup(netdev);
    up->pci = g_strdup(pci);
    up->health_reasons = g_ptr_array_new_with_free_func(g_free);
    up->vnics = g_ptr_array_new();
    g_ptr_array_add(b->inv->uplinks, up);
    g_hash_table_insert(b->uplink_by_key, g_steal_pointer(&key), up);
    return up;
}

static XcvrInvUplink *
uplink_get(Builder *b, const XcvrUplink *found)
{
    return uplink_get_by(b, found->netdev, found->pci);
}

/* One place the vNIC's host side starts: walk it, and return its uplinks and path. */
static gboolean
walk_attach(Builder *b, const XcvrVnicAttach *attach, GPtrArray **ret_uplinks,
            GPtrArray **ret_path, GPtrArray **ret_notes, GError **error)
{
    g_autoptr(GPtrArray) uplinks = NULL;
    g_autoptr(GPtrArray) path = NULL;
    g_autoptr(GPtrArray) notes = NULL;
    XcvrTopoStart start = XCVR_TOPO_START_NETDEV;
    g_autofree char *ovs_port = NULL;
    const char *name = attach->name;

    switch (attach->kind) {
    case XCVR_VNIC_ATTACH_PCI:
        start = XCVR_TOPO_START_PCI;
        break;
    case XCVR_VNIC_ATTACH_VDPA:
        start = XCVR_TOPO_START_VDPA;
        break;
    case XCVR_VNIC_ATTACH_VHOSTUSER:
        if (b->ovs != NULL)
            ovs_port = g_strdup(xcvr_ovs_find_vhostuser(b->ovs, attach->name));
        if (ovs_port == NULL) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE,
                        b->ovs != NULL ? "no Open vSwitch vhost-user port serves %s"
                                       : "vhost-user socket %s: no Open vSwitch configuration "
                                         "to find its port in (--ovsdb)",
                        attach->name);
            return FALSE;
        }
        start = XCVR_TOPO_START_OVS_PORT;
        name = ovs_port;
        break;
    case XCVR_VNIC_ATTACH_NETDEV:
    case XCVR_VNIC_ATTACH_MACVTAP_ON:
    default:
        break;
    }
    if (!xcvr_topo_walk_with_notes(b->topo, start, name, &uplinks, &path, &notes, error))
        return FALSE;

    if (attach->kind == XCVR_VNIC_ATTACH_MACVTAP_ON) {
        /* the macvtap does not exist until the domain starts: show where it will be */
        XcvrHop *hop = g_new0(XcvrHop, 1);
        guint i;

        hop->kind = XCVR_HOP_MACVTAP;
        hop->name = g_strdup_printf("(macvtap on %s)", attach->name);
        hop->detail = g_strdup("created when the domain starts");
        g_ptr_array_insert(path, 0, hop);
        for (i = 0; i < uplinks->len; i++) {
            XcvrUplink *up = g_ptr_array_index(uplinks, i);

            g_ptr_array_insert(up->path, 0, xcvr_hop_copy(hop));
        }
    }
    *ret_uplinks = g_steal_pointer(&uplinks);
    *ret_path = g_steal_pointer(&path);
    *ret_notes = g_steal_pointer(&notes);
    return TRUE;
}

static void
add_reach(Builder *b, XcvrInvVnic *iv, const XcvrUplink *found, guint shown)
{
    XcvrInvUplink *up = uplink_get(b, found);
    XcvrInvReach *reach;
    guint i;

    for (i = 0; i < iv->reaches->len; i++) {
        reach = g_ptr_array_index(iv->reaches, i);
        if (reach->uplink == up)
            return; /* two ways to one port (a pool, a bond under a bridge twice) */
    }
    reach = g_new0(XcvrInvReach, 1);
    reach->uplink = up;
    reach->active = found->active;
    reach->active_rule = found->active_rule;
    reach->via = hops_new();
    for (i = shown; i < found->path->len; i++)
        g_ptr_array_add(reach->via, xcvr_hop_copy(g_ptr_array_index(found->path, i)));
    g_ptr_array_add(iv->reaches, reach);
    if (up->vnics->len == 0 || g_ptr_array_index(up->vnics, up->vnics->len - 1) != iv)
        g_ptr_array_add(up->vnics, iv);
}

static char *
end_reason(GPtrArray *path)
{
    const XcvrHop *last;

    if (path == NULL || path->len == 0)
        return g_strdup("no host device leads to a physical port");
    last = g_ptr_array_index(path, path->len - 1);
    return g_strdup_printf("the path ends at %s %s without a physical port",
                           xcvr_hop_kind_to_string(last->kind), last->name);
}

static XcvrInvVnic *
map_vnic(Builder *b, const XcvrVnic *vnic)
{
    XcvrInvVnic *iv = g_new0(XcvrInvVnic, 1);
    g_autoptr(GString) errors = g_string_new(NULL);
    g_autoptr(GString) notes = g_string_new(NULL);
    guint walked = 0;
    guint i, j;

    iv->vnic = vnic;
    iv->reaches = g_ptr_array_new_with_free_func((GDestroyNotify)inv_reach_free);
    if (vnic->error != NULL) {
        iv->status = XCVR_VNIC_STATUS_ERROR;
        iv->reason = g_strdup(vnic->error);
        iv->path = hops_new();
        return iv;
    }

    for (i = 0; i < vnic->attach->len; i++) {
        const XcvrVnicAttach *attach = g_ptr_array_index(vnic->attach, i);
        g_autoptr(GPtrArray) uplinks = NULL;
        g_autoptr(GPtrArray) path = NULL;
        g_autoptr(GPtrArray) walk_notes = NULL;
        g_autoptr(GError) local = NULL;

        if (!walk_attach(b, attach, &uplinks, &path, &walk_notes, &local)) {
            g_string_append_printf(errors, "%s%s", errors->len > 0 ? "; " : "",
                                   local->message);
            continue;
        }
        walked++;
        for (j = 0; j < walk_notes->len; j++) {
            const char *note = g_ptr_array_index(walk_notes, j);

            /* two alternatives over one bond say it once */
            if (strstr(notes->str, note) == NULL)
                g_string_append_printf(notes, "%s%s", notes->len > 0 ? "; " : "", note);
        }
        /* alternatives (a pool): the first one's path is the one shown */
        if (iv->path == NULL)
            iv->path = g_ptr_array_ref(path);
        for (j = 0; j < uplinks->len; j++) {
            const XcvrUplink *found = g_ptr_array_index(uplinks, j);
            guint shown = 0;

            /* the hops after the shown path, where this uplink's path still follows it */
            while (shown < iv->path->len && shown < found->path->len) {
                const XcvrHop *a = g_ptr_array_index(iv->path, shown);
                const XcvrHop *h = g_ptr_array_index(found->path, shown);

                if (!xcvr_hop_same_device(a, h))
                    break;
                shown++;
            }
            add_reach(b, iv, found, shown);
        }
    }
    if (iv->path == NULL)
        iv->path = hops_new();

    if (vnic->attach->len > 0 && walked == 0) {
        iv->status = XCVR_VNIC_STATUS_ERROR;
        iv->reason = g_string_free(g_steal_pointer(&errors), FALSE);
    } else if (iv->reaches->len > 0) {
        iv->status = XCVR_VNIC_STATUS_OK;
        if (errors->len > 0)
            iv->reason = g_strdup_printf("some alternatives could not be walked: %s",
                                         errors->str);
        else if (vnic->attach->len > 1)
            iv->reason = g_strdup_printf("one of %u alternatives, chosen when the domain starts",
                                         vnic->attach->len);
        else if (vnic->note != NULL)
            iv->reason = g_strdup(vnic->note);
    } else {
        iv->status = XCVR_VNIC_STATUS_NO_UPLINK;
        iv->reason = vnic->no_uplink_reason != NULL ? g_strdup(vnic->no_uplink_reason)
                                                    : end_reason(iv->path);
    }
    /* what the walk passed over (a vanished bond member) is said, whatever the status */
    if (notes->len > 0) {
        char *joined = iv->reason != NULL ? g_strdup_printf("%s; %s", iv->reason, notes->str)
                                          : g_strdup(notes->str);

        g_free(iv->reason);
        iv->reason = joined;
    }
    return iv;
}

/* What the walk of @vnic depends on, besides the host: two vNICs of one domain with the
 * same key map alike. */
static char *
walk_key(const XcvrVnic *vnic)
{
    GString *k = g_string_new(NULL);
    guint i;

    g_string_append_printf(k, "%s\x1f%s\x1f%s\x1f%s\x1f%s", vnic->domain,
                           vnic->error != NULL ? vnic->error : "\x1e",
                           vnic->note != NULL ? vnic->note : "\x1e",
                           vnic->no_uplink_reason != NULL ? vnic->no_uplink_reason : "\x1e",
                           vnic->attach != NULL ? "" : "\x1e");
    for (i = 0; vnic->attach != NULL && i < vnic->attach->len; i++) {
        const XcvrVnicAttach *a = g_ptr_array_index(vnic->attach, i);

        g_string_append_printf(k, "\x1f%d:%d:%s", (int)a->kind, a->ovs ? 1 : 0, a->name);
    }
    return g_string_free(k, FALSE);
}

static GPtrArray *
hops_copy(const GPtrArray *hops)
{
    GPtrArray *out = hops_new();

    for (guint i = 0; i < hops->len; i++)
        g_ptr_array_add(out, xcvr_hop_copy(g_ptr_array_index(hops, i)));
    return out;
}

/* @vnic mapped as @old was: its walk is not made again. */
static XcvrInvVnic *
keep_vnic(Builder *b, const XcvrVnic *vnic, const XcvrInvVnic *old)
{
    XcvrInvVnic *iv = g_new0(XcvrInvVnic, 1);
    guint i;

    iv->vnic = vnic;
    iv->status = old->status;
    iv->reason = g_strdup(old->reason);
    iv->path = hops_copy(old->path);
    iv->reaches = g_ptr_array_new_with_free_func((GDestroyNotify)inv_reach_free);
    for (i = 0; i < old->reaches->len; i++) {
        const XcvrInvReach *o = g_ptr_array_index(old->reaches, i);
        XcvrInvUplink *up = uplink_get_by(b, o->uplink->netdev, o->uplink->pci);
        XcvrInvReach *reach = g_new0(XcvrInvReach, 1);

        reach->uplink = up;
        reach->active = o->active;
        reach->active_rule = o->active_rule;
        reach->via = hops_copy(o->via);
        g_ptr_array_add(iv->reaches, reach);
        if (up->vnics->len == 0 || g_ptr_array_index(up->vnics, up->vnics->len - 1) != iv)
            g_ptr_array_add(up->vnics, iv);
    }
    return iv;
}

/* Link state and module of one uplink. */
static void
read_uplink(Builder *b, XcvrInvUplink *up)
{
    const XcvrInventoryOptions *o = b->options;
    const char *dump_name = up->netdev != NULL ? up->netdev : up->pci;
    g_autoptr(GError) local = NULL;

    if (up->netdev != NULL) {
        up->link = xcvr_topo_link_state(b->topo, up->netdev, NULL);
    }
    if (o->no_modules)
        return;
    if (xcvr_deadline_passed(o->deadline)) {
        g_set_error(&up->module_error, XCVR_ERROR, XCVR_ERROR_TIMEOUT,
                    "module of %s not read: the deadline passed",
                    dump_name != NULL ? dump_name : "the port");
        return;
    }
    if (o->eeprom_dir != NULL && dump_name != NULL) {
        up->module = xcvr_eeprom_dir_read(o->eeprom_dir, dump_name, o->decode_flags, &local);
        if (up->module != NULL) {
            up->module_source = g_strdup("file");
        } else if (g_error_matches(local, XCVR_ERROR, XCVR_ERROR_NO_DUMP) &&
                   up->netdev == NULL) {
            /* nothing was ever going to read it: the kernel has no netdev to ask */
            g_set_error(&up->module_error, XCVR_ERROR, XCVR_ERROR_NOT_SUPPORTED,
                        "%s has no netdev (bound to DPDK or vfio) and no dump in %s",
                        dump_name, o->eeprom_dir);
        } else {
            up->module_error = g_steal_pointer(&local);
        }
        return;
    }
    if (up->netdev == NULL) {
        g_set_error(&up->module_error, XCVR_ERROR, XCVR_ERROR_NOT_SUPPORTED,
                    "%s has no netdev (bound to DPDK or vfio): the kernel cannot read its "
                    "module",
                    up->pci != NULL ? up->pci : "the port");
        return;
    }
    if (strcmp(b->topo_root, "/") != 0) {
        /* a host read from a copy of its sysfs: the kernel here is not that host's */
        g_set_error(&up->module_error, XCVR_ERROR, XCVR_ERROR_NOT_SUPPORTED,
                    "module of %s not read: the host comes from %s (give --eeprom-dir)",
                    up->netdev, b->topo_root);
        return;
    }
    {
        g_autoptr(XcvrEepromOptions) eo = xcvr_eeprom_options_new();
        g_autoptr(XcvrEepromStats) stats = xcvr_eeprom_stats_new();

        guint timeout_ms = o->timeout_ms != 0 ? o->timeout_ms : DEFAULT_MODULE_TIMEOUT_MS;
        gint64 left = xcvr_deadline_remaining_ms(o->deadline);

        /* each read gets its own timeout, cut to what is left of the whole build */
        if (left > 0 && (guint64)left < timeout_ms)
            timeout_ms = (guint)left;
        xcvr_eeprom_options_set_timeout_ms(eo, timeout_ms);
        xcvr_eeprom_options_set_no_netlink(eo, o->no_netlink);
        xcvr_eeprom_options_set_flags(eo, o->decode_flags);
        up->module = xcvr_eeprom_reader_read(b->reader, up->netdev, eo, stats, &local);
        if (up->module != NULL)
            up->module_source =
                g_strdup(xcvr_eeprom_source_to_string(xcvr_eeprom_stats_get_source(stats)));
        else
            up->module_error = g_steal_pointer(&local);
    }
}

/* Every netdev of the host that is its own physical uplink (not a VF, bond, bridge …). */
static void
add_every_port(Builder *b)
{
    g_autofree char *dir_path = g_build_filename(b->topo_root, "sys/class/net", NULL);
    g_autoptr(GDir) dir = g_dir_open(dir_path, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
        g_autoptr(GPtrArray) found = xcvr_topo_uplinks(b->topo, name, NULL);

        if (found != NULL && found->len == 1 &&
            g_strcmp0(((XcvrUplink *)g_ptr_array_index(found, 0))->netdev, name) == 0)
            (void)uplink_get(b, g_ptr_array_index(found, 0));
    }
}

static int
compare_uplinks(gconstpointer a, gconstpointer b)
{
    const XcvrInvUplink *x = *(const XcvrInvUplink *const *)a;
    const XcvrInvUplink *y = *(const XcvrInvUplink *const *)b;

    /* netdevs first, by name; then ports without one, by PCI address */
    if ((x->netdev == NULL) != (y->netdev == NULL))
        return x->netdev == NULL ? 1 : -1;
    if (x->netdev != NULL)
        return strcmp(x->netdev, y->netdev);
    return g_strcmp0(x->pci, y->pci);
}

/* The Open vSwitch source: given, the default socket when it is there, or none. */
static gboolean
open_ovs(Builder *b, const char *root, GError **error)
{
    const XcvrInventoryOptions *o = b->options;
    g_autofree char *path = NULL;
    g_autoptr(GError) local = NULL;
    struct stat st;

    guint timeout_ms = o->timeout_ms != 0 ? o->timeout_ms : DEFAULT_MODULE_TIMEOUT_MS;
    gint64 left = xcvr_deadline_remaining_ms(o->deadline);

    if (o->ovsdb != NULL && o->ovsdb[0] == '\0')
        return TRUE;
    /* the exchange gets its own timeout, cut to what is left of the whole build */
    if (left < 0) {
        if (o->ovsdb != NULL) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_TIMEOUT,
                        "Open vSwitch (%s): not asked: the deadline passed", o->ovsdb);
            return FALSE;
        }
        g_ptr_array_add(b->inv->notes,
                        g_strdup("Open vSwitch not read: the deadline passed"));
        return TRUE;
    }
    if (left > 0 && (guint64)left < timeout_ms)
        timeout_ms = (guint)left;
    if (o->ovsdb != NULL) {
        b->ovs = xcvr_ovs_open(o->ovsdb, timeout_ms, error);
        if (b->ovs == NULL) {
            g_prefix_error(error, "Open vSwitch (%s): ", o->ovsdb);
            return FALSE;
        }
        b->inv->ovsdb = g_strdup(o->ovsdb);
        return TRUE;
    }
    path = xcvr_root_path(root, XCVR_OVS_DEFAULT_SOCKET, NULL);
    if (stat(path, &st) != 0)
        return TRUE; /* no Open vSwitch on this host */
    b->ovs = xcvr_ovs_open(path, timeout_ms, &local);
    if (b->ovs == NULL) {
        /* the host has OVS but its database does not answer: say so, map the rest */
        g_ptr_array_add(b->inv->notes,
                        g_strdup_printf("Open vSwitch not read (%s): %s", path, local->message));
        return TRUE;
    }
    b->inv->ovsdb = g_steal_pointer(&path);
    return TRUE;
}

static gboolean
hops_name_any(const GPtrArray *hops, GHashTable *names)
{
    for (guint i = 0; hops != NULL && i < hops->len; i++) {
        const XcvrHop *hop = g_ptr_array_index(hops, i);

        if (hop->name != NULL && g_hash_table_contains(names, hop->name))
            return TRUE;
    }
    return FALSE;
}

/* Whether @iv's walk (its attachments, path, uplinks and the hops to them) passed through
 * a netdev @names holds. */
static gboolean
walk_touches(const XcvrInvVnic *iv, GHashTable *names)
{
    const XcvrVnic *vnic = iv->vnic;
    guint i;

    if (names == NULL || g_hash_table_size(names) == 0)
        return FALSE;
    for (i = 0; vnic->attach != NULL && i < vnic->attach->len; i++) {
        const XcvrVnicAttach *a = g_ptr_array_index(vnic->attach, i);

        if (a->name != NULL && g_hash_table_contains(names, a->name))
            return TRUE;
    }
    if (hops_name_any(iv->path, names))
        return TRUE;
    for (i = 0; i < iv->reaches->len; i++) {
        const XcvrInvReach *r = g_ptr_array_index(iv->reaches, i);

        if ((r->uplink->netdev != NULL && g_hash_table_contains(names, r->uplink->netdev)) ||
            hops_name_any(r->via, names))
            return TRUE;
    }
    return FALSE;
}

/* The one builder: with @previous, vNICs of domains not in @changed whose walks @links
 * does not touch keep its walks, and its uplinks @links does not name keep their
 * modules. */
static XcvrInventory *
build(GPtrArray *vnics, const XcvrInventoryOptions *options, XcvrInventory *previous,
      GHashTable *changed, GHashTable *links, gboolean poll, GError **error)
{
    static const XcvrInventoryOptions defaults = { 0 };
    g_autoptr(XcvrInventory) inv = NULL;
    g_autoptr(XcvrTopo) topo = NULL;
    g_autoptr(XcvrOvs) ovs = NULL;
    g_autoptr(GHashTable) by_key = NULL;
    g_autoptr(GHashTable) kept = NULL;     /* walk key → XcvrInvVnic* of @previous */
    g_autoptr(GHashTable) old_ups = NULL;  /* uplink key → XcvrInvUplink* of @previous */
    g_autoptr(XcvrEepromReader) own_reader = NULL;
    Builder b = { 0 };
    const char *root;
    guint i;

    g_return_val_if_fail(vnics != NULL, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    if (options == NULL)
        options = &defaults;
    root = options->root != NULL ? options->root : "/";
    topo = xcvr_topo_new_full(root, options->deadline, error);
    if (topo == NULL)
        return NULL;

    inv = g_new0(XcvrInventory, 1);
    inv->source = g_ptr_array_ref(vnics);
    inv->vnics = g_ptr_array_new_with_free_func((GDestroyNotify)inv_vnic_free);
    inv->uplinks = g_ptr_array_new_with_free_func((GDestroyNotify)inv_uplink_free);
    inv->notes = g_ptr_array_new_with_free_func(g_free);
    by_key = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

    b.topo = topo;
    b.topo_root = root;
    b.options = options;
    b.inv = inv;
    b.uplink_by_key = by_key;
    b.reader = options->reader;
    if (b.reader == NULL)
        b.reader = own_reader = xcvr_eeprom_reader_new();
    if (!open_ovs(&b, root, error))
        return NULL;
    ovs = b.ovs;
    xcvr_topo_set_ovs(topo, ovs);
    xcvr_topo_cache_devices(topo);

    if (previous != NULL) {
        kept = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        old_ups = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        for (i = 0; i < previous->vnics->len; i++) {
            XcvrInvVnic *old = g_ptr_array_index(previous->vnics, i);

            if (!g_hash_table_contains(changed, old->vnic->domain) && !walk_touches(old, links))
                g_hash_table_insert(kept, walk_key(old->vnic), old);
        }
        for (i = 0; i < previous->uplinks->len; i++) {
            XcvrInvUplink *up = g_ptr_array_index(previous->uplinks, i);

            g_hash_table_insert(old_ups, uplink_key(up->netdev, up->pci), up);
        }
    }
    for (i = 0; i < vnics->len; i++) {
        const XcvrVnic *vnic = g_ptr_array_index(vnics, i);
        const XcvrInvVnic *old = NULL;

        if (kept != NULL && !g_hash_table_contains(changed, vnic->domain)) {
            g_autofree char *key = walk_key(vnic);

            old = g_hash_table_lookup(kept, key);
        }
        if (old != NULL) {
            g_ptr_array_add(inv->vnics, keep_vnic(&b, vnic, old));
            inv->n_kept++;
        } else {
            g_ptr_array_add(inv->vnics, map_vnic(&b, vnic));
            inv->n_walked++;
        }
    }
    if (options->all_uplinks)
        add_every_port(&b);
    g_ptr_array_sort(inv->uplinks, compare_uplinks);
    for (i = 0; i < inv->uplinks->len; i++) {
        XcvrInvUplink *up = g_ptr_array_index(inv->uplinks, i);
        g_autofree char *key = old_ups != NULL ? uplink_key(up->netdev, up->pci) : NULL;
        XcvrInvUplink *old = key != NULL ? g_hash_table_lookup(old_ups, key) : NULL;

        if (old != NULL && (poll || (links != NULL && up->netdev != NULL &&
                                      g_hash_table_contains(links, up->netdev))))
            old = NULL; /* polled, or its link changed (the module may have been swapped) */
        if (old != NULL) {
            /* the module as last read (no poll), the link as it is now */
            if (up->netdev != NULL)
                up->link = xcvr_topo_link_state(b.topo, up->netdev, NULL);
            up->module = g_steal_pointer(&old->module);
            up->module_source = g_steal_pointer(&old->module_source);
            up->module_error = g_steal_pointer(&old->module_error);
        } else {
            read_uplink(&b, up);
        }
        xcvr_inv_uplink_judge(up);
        xcvr_inv_uplink_read_hints(up);
    }
    return g_steal_pointer(&inv);
}

XcvrInventory *
xcvr_inventory_new(GPtrArray *vnics, const XcvrInventoryOptions *options, GError **error)
{
    return build(vnics, options, NULL, NULL, NULL, TRUE, error);
}

XcvrInventory *
xcvr_inventory_new_after(GPtrArray *vnics, const XcvrInventoryOptions *options,
                         XcvrInventory *previous, GHashTable *changed, GHashTable *links,
                         gboolean poll, GError **error)
{
    g_return_val_if_fail(previous != NULL && changed != NULL, NULL);
    return build(vnics, options, previous, changed, links, poll, error);
}
