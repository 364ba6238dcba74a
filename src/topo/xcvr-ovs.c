/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-ovs.c: the Open vSwitch model: Bridge, Port and Interface rows turned into bridges
 * holding ports holding interfaces, and the lookups the topology walker and the VM sources
 * make in it.
 *
 * Implements: RFC 7047 §5.1 (value notation: atoms, "uuid", "named-uuid", "set", "map");
 * column meanings from ovs-vswitchd.conf.db(5) (Open vSwitch 2.5 to 3.x).
 *
 * Rows come from a live server or from a file someone may have edited, so every value is
 * type-checked: a column of the wrong shape counts as unset, a reference to a row that is
 * not there is dropped, and only what breaks the model itself (a row without a name or a
 * _uuid, two rows with one name or one _uuid) fails the whole snapshot.
 */
#include <string.h>

#include <xcvrmap/xcvr-error.h>

#include "xcvr-ovs-private.h"

#include "core/xcvr-enum.h"

/* IEEE 802.1Q VLAN ids are 12 bits; ovsdb's schema caps tag and trunks at 4095 too. */
#define VLAN_ID_MAX 4095

/* ---- Interface.type ---- */

XCVR_ENUM_IMPL(ovs_if_kind, XcvrOvsIfKind, _XCVR_OVS_IF_LAST, "other",
    [XCVR_OVS_IF_SYSTEM] = "system",
    [XCVR_OVS_IF_INTERNAL] = "internal",
    [XCVR_OVS_IF_TAP] = "tap",
    [XCVR_OVS_IF_PATCH] = "patch",
    [XCVR_OVS_IF_DPDK] = "dpdk",
    [XCVR_OVS_IF_VHOSTUSER] = "vhostuser",
    [XCVR_OVS_IF_TUNNEL] = "tunnel",
    [XCVR_OVS_IF_OTHER] = "other",
)

/* ovs-vswitchd.conf.db(5), Interface table, "type" column. */
static const struct {
    const char *type;
    XcvrOvsIfKind kind;
} if_types[] = {
    { "", XCVR_OVS_IF_SYSTEM },
    { "system", XCVR_OVS_IF_SYSTEM },
    { "internal", XCVR_OVS_IF_INTERNAL },
    { "tap", XCVR_OVS_IF_TAP },
    { "patch", XCVR_OVS_IF_PATCH },
    { "dpdk", XCVR_OVS_IF_DPDK },
    { "dpdkvhostuser", XCVR_OVS_IF_VHOSTUSER },
    { "dpdkvhostuserclient", XCVR_OVS_IF_VHOSTUSER },
    { "vxlan", XCVR_OVS_IF_TUNNEL },
    { "geneve", XCVR_OVS_IF_TUNNEL },
    { "gre", XCVR_OVS_IF_TUNNEL },
    { "stt", XCVR_OVS_IF_TUNNEL },
    { "lisp", XCVR_OVS_IF_TUNNEL },
    { "erspan", XCVR_OVS_IF_TUNNEL },
    { "gtpu", XCVR_OVS_IF_TUNNEL },
    { "bareudp", XCVR_OVS_IF_TUNNEL },
    { "srv6", XCVR_OVS_IF_TUNNEL },
};

XcvrOvsIfKind
xcvr_ovs_if_kind_from_type(const char *type)
{
    gsize i;

    if (type == NULL)
        return XCVR_OVS_IF_SYSTEM;
    for (i = 0; i < G_N_ELEMENTS(if_types); i++) {
        if (strcmp(if_types[i].type, type) == 0)
            return if_types[i].kind;
    }
    /* ip6gre, ip6erspan and whatever IPv6 tunnel comes next share the prefix. */
    if (g_str_has_prefix(type, "ip6"))
        return XCVR_OVS_IF_TUNNEL;
    return XCVR_OVS_IF_OTHER;
}

/* ---- RFC 7047 §5.1 values ---- */

static const char *
atom_string(const json_t *node)
{
    return json_string_value(node);
}

/* The X of ["TAG", X], or NULL when @node is not that. */
static const json_t *
tagged(const json_t *node, const char *tag)
{
    if (!json_is_array(node) || json_array_size(node) != 2)
        return NULL;
    if (g_strcmp0(atom_string(json_array_get(node, 0)), tag) != 0)
        return NULL;
    return json_array_get(node, 1);
}

/* A reference: ["uuid", U] in results and dumps, ["named-uuid", N] inside a transaction. */
static const char *
atom_uuid(const json_t *node)
{
    const char *u = atom_string(tagged(node, "uuid"));

    if (u == NULL)
        u = atom_string(tagged(node, "named-uuid"));
    return u;
}

/* A string, number or boolean: null is no atom (it is no ovsdb value at all). */
static gboolean
is_atom(const json_t *node)
{
    return json_is_string(node) || json_is_number(node) || json_is_boolean(node);
}

/* The members of a set column (borrowed nodes). A set of exactly one element may be sent as
 * that element alone (RFC 7047 §5.1), so a bare atom is a set of one. */
static GPtrArray *
set_members(const json_t *value)
{
    GPtrArray *members = g_ptr_array_new();
    const json_t *inner;
    gsize i;

    if (value == NULL)
        return members;
    inner = tagged(value, "set");
    if (inner != NULL) {
        for (i = 0; i < json_array_size(inner); i++)
            g_ptr_array_add(members, json_array_get(inner, i));
        return members;
    }
    if (is_atom(value) || atom_uuid(value) != NULL)
        g_ptr_array_add(members, (gpointer)value);
    return members;
}

/* The only member of an optional column ("min": 0, "max": 1), or NULL when it is empty. */
static const json_t *
column_single(const json_t *row, const char *column)
{
    g_autoptr(GPtrArray) members = set_members(json_object_get(row, column));

    if (members->len != 1)
        return NULL;
    return g_ptr_array_index(members, 0);
}

static const char *
column_string(const json_t *row, const char *column)
{
    return atom_string(column_single(row, column));
}

static gboolean
atom_int(const json_t *node, gint64 *ret_value)
{
    /* a real is no integer here, whatever its value: ovsdb writes integers as integers */
    if (!json_is_integer(node))
        return FALSE;
    *ret_value = json_integer_value(node);
    return TRUE;
}

static gboolean
column_bool(const json_t *row, const char *column)
{
    return json_is_true(column_single(row, column));
}

/* A string→string map column; pairs of any other shape are skipped. Never NULL. */
static GHashTable *
column_map(const json_t *row, const char *column)
{
    GHashTable *map = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    const json_t *pairs = tagged(json_object_get(row, column), "map");
    gsize i;

    /* json_array_size() is 0 for what is not an array */
    for (i = 0; i < json_array_size(pairs); i++) {
        const json_t *kv = json_array_get(pairs, i);
        const char *k;
        const char *v;

        if (!json_is_array(kv) || json_array_size(kv) != 2)
            continue;
        k = atom_string(json_array_get(kv, 0));
        v = atom_string(json_array_get(kv, 1));
        /* Keys are unique in a map (RFC 7047 §5.1); should one repeat, the first stands. */
        if (k != NULL && v != NULL && !g_hash_table_contains(map, k))
            g_hash_table_insert(map, g_strdup(k), g_strdup(v));
    }
    return map;
}

/* The uuids a reference column holds (borrowed strings), in the row's order. */
static GPtrArray *
column_uuids(const json_t *row, const char *column)
{
    g_autoptr(GPtrArray) members = set_members(json_object_get(row, column));
    GPtrArray *uuids = g_ptr_array_new();
    guint i;

    for (i = 0; i < members->len; i++) {
        const char *u = atom_uuid(g_ptr_array_index(members, i));

        if (u != NULL)
            g_ptr_array_add(uuids, (gpointer)u);
    }
    return uuids;
}

/* ---- model ---- */

static void
iface_free(XcvrOvsIface *iface)
{
    if (iface == NULL)
        return;
    g_free(iface->name);
    g_free(iface->type);
    g_free(iface->mac_in_use);
    g_free(iface->link_state);
    g_free(iface->peer);
    g_free(iface->dpdk_devargs);
    g_free(iface->vhost_server_path);
    g_free(iface->remote_ip);
    g_clear_pointer(&iface->external_ids, g_hash_table_unref);
    g_free(iface);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrOvsIface, iface_free)

static void
port_free(XcvrOvsPort *port)
{
    if (port == NULL)
        return;
    g_free(port->name);
    g_clear_pointer(&port->ifaces, g_ptr_array_unref);
    g_free(port->bond_mode);
    g_free(port->bond_active_mac);
    g_free(port->lacp);
    g_clear_pointer(&port->trunks, g_array_unref);
    g_free(port);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrOvsPort, port_free)

static void
bridge_free(XcvrOvsBridge *bridge)
{
    if (bridge == NULL)
        return;
    g_free(bridge->name);
    g_free(bridge->datapath_type);
    g_clear_pointer(&bridge->ports, g_ptr_array_unref);
    g_free(bridge);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrOvsBridge, bridge_free)

void
xcvr_ovs_free(XcvrOvs *ovs)
{
    if (ovs == NULL)
        return;
    /* The lookups and the containers borrow; the three arrays own. */
    g_clear_pointer(&ovs->iface_by_name, g_hash_table_unref);
    g_clear_pointer(&ovs->bridge_by_name, g_hash_table_unref);
    g_clear_pointer(&ovs->bridges, g_ptr_array_unref);
    g_clear_pointer(&ovs->ports, g_ptr_array_unref);
    g_clear_pointer(&ovs->ifaces, g_ptr_array_unref);
    g_free(ovs);
}

static XcvrOvs *
ovs_new(void)
{
    XcvrOvs *ovs = g_new0(XcvrOvs, 1);

    ovs->bridges = g_ptr_array_new_with_free_func((GDestroyNotify)bridge_free);
    ovs->ports = g_ptr_array_new_with_free_func((GDestroyNotify)port_free);
    ovs->ifaces = g_ptr_array_new_with_free_func((GDestroyNotify)iface_free);
    ovs->iface_by_name = g_hash_table_new(g_str_hash, g_str_equal);
    ovs->bridge_by_name = g_hash_table_new(g_str_hash, g_str_equal);
    return ovs;
}

/* Sorts arrays of XcvrOvsIface*, XcvrOvsPort* or XcvrOvsBridge*: each starts with its name. */
static int
compare_by_name(gconstpointer a, gconstpointer b)
{
    const char *const *na = *(const char *const *const *)a;
    const char *const *nb = *(const char *const *const *)b;

    return strcmp(*na, *nb);
}
G_STATIC_ASSERT(G_STRUCT_OFFSET(XcvrOvsIface, name) == 0);
G_STATIC_ASSERT(G_STRUCT_OFFSET(XcvrOvsPort, name) == 0);
G_STATIC_ASSERT(G_STRUCT_OFFSET(XcvrOvsBridge, name) == 0);

/* MACs in ovsdb are written by different tools in either case; the model holds lower case. */
static char *
mac_dup(const char *mac)
{
    return mac != NULL ? g_ascii_strdown(mac, -1) : NULL;
}

/* Checks what every row needs: to be an object with a _uuid and a name. Sets the borrowed
 * strings on success. */
static const json_t *
row_check(const json_t *rows, guint i, const char *table, const char **ret_uuid,
          const char **ret_name, GError **error)
{
    const json_t *row = json_array_get(rows, i);
    const char *uuid;
    const char *name;

    if (!json_is_object(row)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "%s row %u is not an object",
                    table, i);
        return NULL;
    }
    uuid = atom_uuid(json_object_get(row, "_uuid"));
    if (uuid == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "%s row %u has no _uuid (dump every column, or at least _uuid)", table, i);
        return NULL;
    }
    name = atom_string(json_object_get(row, "name"));
    if (name == NULL || name[0] == '\0') {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "%s row %s has no name", table,
                    uuid);
        return NULL;
    }
    *ret_uuid = uuid;
    *ret_name = name;
    return row;
}

/* Adds @uuid → @item to @by_uuid and @name → @item to @names, refusing repeats of either.
 * @uuid is borrowed from the rows (only used during the build); @name must be the item's
 * own copy, since @names may outlive the rows. */
static gboolean
index_row(GHashTable *by_uuid, GHashTable *names, const char *table, const char *uuid,
          const char *name, gpointer item, GError **error)
{
    if (g_hash_table_contains(by_uuid, uuid)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "two %s rows have _uuid %s",
                    table, uuid);
        return FALSE;
    }
    if (g_hash_table_contains(names, name)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA, "two %s rows are named %s",
                    table, name);
        return FALSE;
    }
    g_hash_table_insert(by_uuid, (gpointer)uuid, item);
    g_hash_table_insert(names, (gpointer)name, item);
    return TRUE;
}

static XcvrOvsIface *
iface_new_from_row(const json_t *row, const char *name)
{
    g_autoptr(XcvrOvsIface) iface = g_new0(XcvrOvsIface, 1);
    g_autoptr(GHashTable) options = column_map(row, "options");
    const char *type = column_string(row, "type");
    const char *link_state = column_string(row, "link_state");

    iface->name = g_strdup(name);
    iface->type = g_strdup(type != NULL ? type : "");
    iface->kind = xcvr_ovs_if_kind_from_type(iface->type);
    iface->mac_in_use = mac_dup(column_string(row, "mac_in_use"));
    if (g_strcmp0(link_state, "up") == 0 || g_strcmp0(link_state, "down") == 0)
        iface->link_state = g_strdup(link_state);
    switch (iface->kind) {
    case XCVR_OVS_IF_PATCH:
        iface->peer = g_strdup(g_hash_table_lookup(options, "peer"));
        break;
    case XCVR_OVS_IF_DPDK:
        iface->dpdk_devargs = g_strdup(g_hash_table_lookup(options, "dpdk-devargs"));
        break;
    case XCVR_OVS_IF_VHOSTUSER:
        iface->vhost_server_path = g_strdup(g_hash_table_lookup(options, "vhost-server-path"));
        break;
    case XCVR_OVS_IF_TUNNEL:
        iface->remote_ip = g_strdup(g_hash_table_lookup(options, "remote_ip"));
        break;
    case XCVR_OVS_IF_SYSTEM:
    case XCVR_OVS_IF_INTERNAL:
    case XCVR_OVS_IF_TAP:
    case XCVR_OVS_IF_OTHER:
    case _XCVR_OVS_IF_LAST:
        break;
    }
    iface->external_ids = column_map(row, "external_ids");
    return g_steal_pointer(&iface);
}

static XcvrOvsPort *
port_new_from_row(const json_t *row, const char *name)
{
    g_autoptr(XcvrOvsPort) port = g_new0(XcvrOvsPort, 1);
    g_autoptr(GPtrArray) trunks = set_members(json_object_get(row, "trunks"));
    const char *active;
    gint64 v;
    guint i;

    port->name = g_strdup(name);
    port->ifaces = g_ptr_array_new();
    port->bond_mode = g_strdup(column_string(row, "bond_mode"));
    /* OVS kept the column name bond_active_slave through 3.x; prefer the newer name should
     * a schema carry it. */
    active = column_string(row, "bond_active_member");
    if (active == NULL)
        active = column_string(row, "bond_active_slave");
    port->bond_active_mac = mac_dup(active);
    port->lacp = g_strdup(column_string(row, "lacp"));
    port->tag = -1;
    if (atom_int(column_single(row, "tag"), &v) && v >= 0 && v <= VLAN_ID_MAX)
        port->tag = (int)v;
    port->trunks = g_array_new(FALSE, FALSE, sizeof(guint));
    for (i = 0; i < trunks->len; i++) {
        if (atom_int(g_ptr_array_index(trunks, i), &v) && v >= 0 && v <= VLAN_ID_MAX) {
            guint id = (guint)v;

            g_array_append_val(port->trunks, id);
        }
    }
    port->fake_bridge = column_bool(row, "fake_bridge");
    return g_steal_pointer(&port);
}

static int
compare_vlan(gconstpointer a, gconstpointer b)
{
    guint va = *(const guint *)a;
    guint vb = *(const guint *)b;

    return (va > vb) - (va < vb);
}

/* Sorted, each id once: ovsdb sends sets sorted, a file need not. */
static void
trunks_normalise(GArray *trunks)
{
    guint i;

    g_array_sort(trunks, compare_vlan);
    for (i = 1; i < trunks->len;) {
        if (g_array_index(trunks, guint, i) == g_array_index(trunks, guint, i - 1))
            g_array_remove_index(trunks, i);
        else
            i++;
    }
}

static XcvrOvsBridge *
bridge_new_from_row(const json_t *row, const char *name)
{
    XcvrOvsBridge *bridge = g_new0(XcvrOvsBridge, 1);
    const char *dp = column_string(row, "datapath_type");

    bridge->name = g_strdup(name);
    /* ovs-vswitchd.conf.db(5): an empty datapath_type means the kernel datapath. */
    bridge->datapath_type = g_strdup(dp != NULL && dp[0] != '\0' ? dp : "system");
    bridge->ports = g_ptr_array_new();
    return bridge;
}

XcvrOvs *
xcvr_ovs_new_from_rows(const json_t *bridges, const json_t *ports, const json_t *ifaces,
                       GError **error)
{
    g_autoptr(XcvrOvs) ovs = NULL;
    /* Keys borrow the rows' strings, which outlive this call. */
    g_autoptr(GHashTable) iface_by_uuid = g_hash_table_new(g_str_hash, g_str_equal);
    g_autoptr(GHashTable) port_by_uuid = g_hash_table_new(g_str_hash, g_str_equal);
    g_autoptr(GHashTable) port_names = g_hash_table_new(g_str_hash, g_str_equal);
    g_autoptr(GHashTable) bridge_uuids = g_hash_table_new(g_str_hash, g_str_equal);
    /* XcvrOvsPort* / XcvrOvsBridge* → GPtrArray of the uuids its row references. */
    g_autoptr(GHashTable) refs =
        g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                              (GDestroyNotify)g_ptr_array_unref);
    guint i;
    guint j;

    g_return_val_if_fail(json_is_array(bridges), NULL);
    g_return_val_if_fail(json_is_array(ports), NULL);
    g_return_val_if_fail(json_is_array(ifaces), NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    ovs = ovs_new();
    for (i = 0; i < json_array_size(ifaces); i++) {
        const char *uuid;
        const char *name;
        const json_t *row = row_check(ifaces, i, "Interface", &uuid, &name, error);
        XcvrOvsIface *iface;

        if (row == NULL)
            return NULL;
        iface = iface_new_from_row(row, name);
        g_ptr_array_add(ovs->ifaces, iface);
        if (!index_row(iface_by_uuid, ovs->iface_by_name, "Interface", uuid, iface->name,
                       iface, error))
            return NULL;
    }

    for (i = 0; i < json_array_size(ports); i++) {
        const char *uuid;
        const char *name;
        const json_t *row = row_check(ports, i, "Port", &uuid, &name, error);
        XcvrOvsPort *port;

        if (row == NULL)
            return NULL;
        port = port_new_from_row(row, name);
        g_ptr_array_add(ovs->ports, port);
        if (!index_row(port_by_uuid, port_names, "Port", uuid, port->name, port, error))
            return NULL;
        g_hash_table_insert(refs, port, column_uuids(row, "interfaces"));
    }

    for (i = 0; i < json_array_size(bridges); i++) {
        const char *uuid;
        const char *name;
        const json_t *row = row_check(bridges, i, "Bridge", &uuid, &name, error);
        XcvrOvsBridge *bridge;

        if (row == NULL)
            return NULL;
        bridge = bridge_new_from_row(row, name);
        g_ptr_array_add(ovs->bridges, bridge);
        if (!index_row(bridge_uuids, ovs->bridge_by_name, "Bridge", uuid, bridge->name, bridge,
                       error))
            return NULL;
        g_hash_table_insert(refs, bridge, column_uuids(row, "ports"));
    }

    /* Resolve in name order so that, should two parents claim one child, the same parent
     * wins every time. ovs-vsctl refuses to build that, but the schema does not forbid it
     * and a file can say anything. */
    g_ptr_array_sort(ovs->bridges, compare_by_name);
    g_ptr_array_sort(ovs->ports, compare_by_name);
    g_ptr_array_sort(ovs->ifaces, compare_by_name);

    for (i = 0; i < ovs->bridges->len; i++) {
        XcvrOvsBridge *bridge = g_ptr_array_index(ovs->bridges, i);
        GPtrArray *uuids = g_hash_table_lookup(refs, bridge);

        for (j = 0; j < uuids->len; j++) {
            XcvrOvsPort *port = g_hash_table_lookup(port_by_uuid, g_ptr_array_index(uuids, j));

            if (port == NULL) {
                g_debug("ovs: bridge %s: no Port row %s", bridge->name,
                        (const char *)g_ptr_array_index(uuids, j));
                continue;
            }
            if (port->bridge != NULL) {
                g_debug("ovs: port %s is in %s already, not in %s too", port->name,
                        port->bridge->name, bridge->name);
                continue;
            }
            port->bridge = bridge;
            g_ptr_array_add(bridge->ports, port);
        }
        g_ptr_array_sort(bridge->ports, compare_by_name);
    }

    for (i = 0; i < ovs->ports->len; i++) {
        XcvrOvsPort *port = g_ptr_array_index(ovs->ports, i);
        GPtrArray *uuids = g_hash_table_lookup(refs, port);

        for (j = 0; j < uuids->len; j++) {
            XcvrOvsIface *iface =
                g_hash_table_lookup(iface_by_uuid, g_ptr_array_index(uuids, j));

            if (iface == NULL) {
                g_debug("ovs: port %s: no Interface row %s", port->name,
                        (const char *)g_ptr_array_index(uuids, j));
                continue;
            }
            if (iface->port != NULL) {
                g_debug("ovs: interface %s is in port %s already, not in %s too", iface->name,
                        iface->port->name, port->name);
                continue;
            }
            iface->port = port;
            g_ptr_array_add(port->ifaces, iface);
        }
        g_ptr_array_sort(port->ifaces, compare_by_name);
        trunks_normalise(port->trunks);
    }

    return g_steal_pointer(&ovs);
}

/* ---- lookups ---- */

const XcvrOvsIface *
xcvr_ovs_iface(const XcvrOvs *ovs, const char *name)
{
    g_return_val_if_fail(ovs != NULL, NULL);

    if (name == NULL)
        return NULL;
    return g_hash_table_lookup(ovs->iface_by_name, name);
}

const XcvrOvsBridge *
xcvr_ovs_bridge(const XcvrOvs *ovs, const char *name)
{
    g_return_val_if_fail(ovs != NULL, NULL);

    if (name == NULL)
        return NULL;
    return g_hash_table_lookup(ovs->bridge_by_name, name);
}

const char *
xcvr_ovs_find_vhostuser(const XcvrOvs *ovs, const char *socket_path)
{
    g_autofree char *base = NULL;
    const char *server_mode = NULL;
    guint i;

    g_return_val_if_fail(ovs != NULL, NULL);
    g_return_val_if_fail(socket_path != NULL, NULL);

    base = g_path_get_basename(socket_path);
    for (i = 0; i < ovs->ifaces->len; i++) {
        const XcvrOvsIface *iface = g_ptr_array_index(ovs->ifaces, i);

        if (iface->kind != XCVR_OVS_IF_VHOSTUSER)
            continue;
        /* Client mode names the whole path, so it is the surer match and wins. */
        if (strcmp(iface->type, "dpdkvhostuserclient") == 0) {
            if (g_strcmp0(iface->vhost_server_path, socket_path) == 0)
                return iface->name;
        } else if (server_mode == NULL && strcmp(iface->name, base) == 0) {
            /* OVS creates a dpdkvhostuser socket named after the interface in its
             * vhost-sock-dir; the directory is Open_vSwitch other_config, not here. */
            server_mode = iface->name;
        }
    }
    return server_mode;
}

/* "52:54:00:ab:cd:ef": six hex pairs with colons. */
static gboolean
is_mac(const char *s)
{
    guint i;

    if (strlen(s) != 17)
        return FALSE;
    for (i = 0; i < 17; i++) {
        if (i % 3 == 2) {
            if (s[i] != ':')
                return FALSE;
        } else if (!g_ascii_isxdigit(s[i])) {
            return FALSE;
        }
    }
    return TRUE;
}

const char *
xcvr_ovs_find_external_id(const XcvrOvs *ovs, const char *key, const char *value)
{
    gboolean mac;
    guint i;

    g_return_val_if_fail(ovs != NULL, NULL);
    g_return_val_if_fail(key != NULL, NULL);
    g_return_val_if_fail(value != NULL, NULL);

    mac = is_mac(value);
    for (i = 0; i < ovs->ifaces->len; i++) {
        const XcvrOvsIface *iface = g_ptr_array_index(ovs->ifaces, i);
        const char *v = g_hash_table_lookup(iface->external_ids, key);

        if (v == NULL)
            continue;
        if (mac ? g_ascii_strcasecmp(v, value) == 0 : strcmp(v, value) == 0)
            return iface->name;
    }
    return NULL;
}
