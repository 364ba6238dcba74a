/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-topo-sysfs.c: what one netdev or PCI function is, read from sysfs and procfs under a
 * root: kind, lower devices, master, bond state, VLAN id, SR-IOV PF and VF index.
 *
 * Sources: Documentation/ABI/testing/sysfs-class-net (ifindex, iflink, lower_*, master,
 * brif/, bonding/, tun_flags, uevent DEVTYPE); Documentation/networking/bonding.rst §"Querying
 * Bonding Configuration" (/proc/net/bonding); net/8021q/vlanproc.c (/proc/net/vlan/config);
 * Documentation/PCI/pci-iov-howto.rst (physfn, virtfnN).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <xcvrmap/xcvr-error.h>

#include "xcvr-topo-private.h"

#include "core/xcvr-host-file-private.h"

/* include/uapi/linux/if_tun.h */
#define XCVR_IFF_TUN 0x0001

static int
compare_names(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(const char *const *)a, *(const char *const *)b);
}

gboolean
xcvr_topo_name_ok(const char *name)
{
    return name != NULL && name[0] != '\0' && strchr(name, '/') == NULL && strcmp(name, ".") != 0 &&
           strcmp(name, "..") != 0;
}

gboolean
xcvr_topo_is_pci_address(const char *s)
{
    const char *colon;
    size_t n;

    if (s == NULL)
        return FALSE;
    colon = strchr(s, ':');
    if (colon == NULL || colon - s < 4)
        return FALSE;
    for (n = 0; s + n < colon; n++) {
        if (!g_ascii_isxdigit(s[n]))
            return FALSE;
    }
    s = colon + 1;
    /* BB:DD.F */
    if (strlen(s) != 7 || s[2] != ':' || s[5] != '.')
        return FALSE;
    return g_ascii_isxdigit(s[0]) && g_ascii_isxdigit(s[1]) && g_ascii_isxdigit(s[3]) &&
           g_ascii_isxdigit(s[4]) && s[6] >= '0' && s[6] <= '7';
}

void
xcvr_topo_dev_free(XcvrTopoDev *dev)
{
    if (dev == NULL)
        return;
    g_free(dev->name);
    g_free(dev->detail);
    g_free(dev->master);
    g_clear_pointer(&dev->lowers, g_ptr_array_unref);
    g_free(dev->pci);
    g_free(dev->pf_pci);
    g_clear_pointer(&dev->pf_netdevs, g_ptr_array_unref);
    g_free(dev->bond_mode);
    g_free(dev->bond_active);
    g_clear_pointer(&dev->bond_members, g_hash_table_unref);
    g_free(dev);
}

/* ---- small readers: absence is data (NULL / -1) ---- */

/* The contents of attribute @path without surrounding white space, or NULL: through the
 * bounded reader, so a FIFO, a link or a huge file there is absence, not a hang. */
static char *
read_text(const XcvrTopo *topo, const char *path)
{
    return xcvr_host_file_read_text(path, xcvr_host_file_sysfs_max(), topo->deadline);
}

static char *
read_attr(const XcvrTopo *topo, const char *dir, const char *attr)
{
    g_autofree char *path = g_build_filename(dir, attr, NULL);

    return read_text(topo, path);
}

static int
read_int_attr(const XcvrTopo *topo, const char *dir, const char *attr)
{
    g_autofree char *text = read_attr(topo, dir, attr);
    char *end = NULL;
    gint64 v;

    if (text == NULL || text[0] == '\0')
        return -1;
    v = g_ascii_strtoll(text, &end, 0);
    if (*end != '\0' || v < 0 || v > G_MAXINT)
        return -1;
    return (int)v;
}

static gboolean
has_entry(const char *dir, const char *entry)
{
    g_autofree char *path = g_build_filename(dir, entry, NULL);

    return g_file_test(path, G_FILE_TEST_EXISTS);
}

/* The last component of the target of symlink @dir/@entry, or NULL when there is none. */
static char *
link_basename(const char *dir, const char *entry)
{
    g_autofree char *path = g_build_filename(dir, entry, NULL);
    g_autofree char *target = g_file_read_link(path, NULL);

    if (target == NULL)
        return NULL;
    return g_path_get_basename(target);
}

/* The last component of the canonical path of @dir/@entry (all links resolved), or NULL. */
static char *
real_basename(const char *dir, const char *entry)
{
    g_autofree char *path = g_build_filename(dir, entry, NULL);
    char *real = realpath(path, NULL);
    char *base;

    if (real == NULL)
        return NULL;
    base = g_path_get_basename(real);
    free(real);
    return base;
}

/* Entries of @dir (those starting with @prefix, the prefix cut off), sorted; an empty array
 * when @dir cannot be read. */
static GPtrArray *
list_dir(const char *dir, const char *prefix)
{
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;

    if (d == NULL)
        return g_steal_pointer(&names);
    while ((name = g_dir_read_name(d)) != NULL) {
        if (prefix == NULL)
            g_ptr_array_add(names, g_strdup(name));
        else if (g_str_has_prefix(name, prefix) && name[strlen(prefix)] != '\0')
            g_ptr_array_add(names, g_strdup(name + strlen(prefix)));
    }
    g_ptr_array_sort(names, compare_names);
    return g_steal_pointer(&names);
}

static gboolean
check_names(const char *dev, const char *what, GPtrArray *names, GError **error)
{
    guint i;

    for (i = 0; i < names->len; i++) {
        const char *n = g_ptr_array_index(names, i);

        if (!xcvr_topo_name_ok(n)) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                        "%s: sysfs names a %s '%s', which is not a netdev name", dev, what, n);
            return FALSE;
        }
    }
    return TRUE;
}

/* ---- procfs ---- */

static void
vlan_free(gpointer p)
{
    XcvrTopoVlan *v = p;

    g_free(v->real_dev);
    g_free(v);
}

/* net/8021q/vlanproc.c vlan_seq_show(): "%-15s| %u  | %s\n" after two header lines. Names
 * are trimmed; a name holding '|' cannot be told apart and is skipped. */
GHashTable *
xcvr_topo_parse_vlans(const char *text, gsize len)
{
    GHashTable *vlans = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, vlan_free);
    gsize pos;

    /* line by line with memchr(): the file may hold many thousand lines, and g_strsplit()
     * rescans the rest of the text for each under sanitizers' strstr() */
    for (pos = 0; pos < len;) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        gsize line_len = nl != NULL ? (gsize)(nl - line) : len - pos;
        g_autofree char *copy = g_strndup(line, line_len);
        g_auto(GStrv) cols = g_strsplit(copy, "|", -1);
        XcvrTopoVlan *v;
        char *end = NULL;
        guint64 vid;

        pos += line_len + 1;
        if (g_strv_length(cols) != 3)
            continue;
        g_strstrip(cols[0]);
        g_strstrip(cols[1]);
        g_strstrip(cols[2]);
        vid = g_ascii_strtoull(cols[1], &end, 10);
        if (cols[1][0] == '\0' || *end != '\0' || vid > 4095 || !xcvr_topo_name_ok(cols[0]) ||
            !xcvr_topo_name_ok(cols[2]))
            continue; /* the "VLAN Dev name | VLAN ID" header, or garbage */
        v = g_new0(XcvrTopoVlan, 1);
        v->vid = (guint)vid;
        v->real_dev = g_strdup(cols[2]);
        g_hash_table_replace(vlans, g_strdup(cols[0]), v);
    }
    return vlans;
}

GHashTable *
xcvr_topo_read_vlans(const char *proc_net, gint64 deadline)
{
    g_autofree char *path = g_build_filename(proc_net, "vlan", "config", NULL);
    g_autofree char *text = NULL;
    gsize len = 0;

    if (!xcvr_host_file_read(path, XCVR_HOST_FILE_NOFOLLOW, XCVR_HOST_FILE_PROCFS_MAX, deadline,
                             &text, &len, NULL))
        return xcvr_topo_parse_vlans("", 0);
    return xcvr_topo_parse_vlans(text, len);
}

void
xcvr_topo_proc_bond_clear(XcvrTopoProcBond *pb)
{
    g_clear_pointer(&pb->mode, g_free);
    g_clear_pointer(&pb->active, g_free);
    g_clear_pointer(&pb->members, g_ptr_array_unref);
    g_clear_pointer(&pb->info, g_hash_table_unref);
}

static GHashTable *
bond_members_new(void)
{
    return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

static XcvrTopoBondMember *
bond_member_get(GHashTable *members, const char *name)
{
    XcvrTopoBondMember *m = g_hash_table_lookup(members, name);

    if (m == NULL) {
        m = g_new0(XcvrTopoBondMember, 1);
        m->mii_up = -1;
        m->aggregator = -1;
        g_hash_table_insert(members, g_strdup(name), m);
    }
    return m;
}

/* bond_mode_name() in drivers/net/bonding/bond_main.c prints these; sysfs `bonding/mode`
 * prints the short names we keep. */
static char *
proc_mode_name(const char *text)
{
    static const struct {
        const char *proc;
        const char *sysfs;
    } names[] = {
        {"load balancing (round-robin)", "balance-rr"},
        {"fault-tolerance (active-backup)", "active-backup"},
        {"load balancing (xor)", "balance-xor"},
        {"fault-tolerance (broadcast)", "broadcast"},
        {"IEEE 802.3ad Dynamic link aggregation", "802.3ad"},
        {"transmit load balancing", "balance-tlb"},
        {"adaptive load balancing", "balance-alb"},
    };
    const char *open = strrchr(text, '(');
    const char *close = strrchr(text, ')');
    guint i;

    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        if (strcmp(text, names[i].proc) == 0)
            return g_strdup(names[i].sysfs);
    }
    if (open != NULL && close != NULL && close > open)
        return g_strndup(open + 1, (gsize)(close - open - 1));
    return g_strdup(text);
}

static int
parse_id(const char *text)
{
    char *end = NULL;
    gint64 v;

    if (text == NULL || text[0] == '\0')
        return -1;
    v = g_ascii_strtoll(text, &end, 10);
    if (*end != '\0' || v < 0 || v > G_MAXINT)
        return -1;
    return (int)v;
}

/* "Bonding Mode: fault-tolerance (active-backup)", "Currently Active Slave: X"; for 802.3ad
 * an "Active Aggregator Info:" block whose indented "Aggregator ID: N" is the active one;
 * then per member "Slave Interface: X" followed by its "MII Status:" and (802.3ad)
 * "Aggregator ID:". The bond's own "MII Status:" comes before the first member. */
void
xcvr_topo_parse_proc_bond(const char *text, gsize len, XcvrTopoProcBond *pb)
{
    XcvrTopoBondMember *member = NULL;
    gboolean in_active_agg = FALSE;
    gsize pos;

    pb->aggregator = -1;
    pb->members = g_ptr_array_new_with_free_func(g_free);
    pb->info = bond_members_new();
    /* line by line with memchr(), as for /proc/net/vlan/config */
    for (pos = 0; pos < len;) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        gsize line_len = nl != NULL ? (gsize)(nl - line) : len - pos;
        gboolean indented = line_len > 0 && (line[0] == ' ' || line[0] == '\t');
        g_autofree char *l = g_strstrip(g_strndup(line, line_len));
        const char *colon = strchr(l, ':');
        g_autofree char *value = NULL;

        pos += line_len + 1;
        /* the active aggregator's lines are indented under their heading */
        if (l[0] == '\0' || !indented)
            in_active_agg = FALSE;
        if (colon == NULL)
            continue;
        value = g_strstrip(g_strdup(colon + 1));
        if (g_str_has_prefix(l, "Bonding Mode:")) {
            g_free(pb->mode);
            pb->mode = proc_mode_name(value);
        } else if (g_str_has_prefix(l, "Currently Active Slave:")) {
            g_free(pb->active);
            pb->active =
                strcmp(value, "None") != 0 && value[0] != '\0' ? g_steal_pointer(&value) : NULL;
        } else if (g_str_has_prefix(l, "Active Aggregator Info:")) {
            in_active_agg = TRUE;
        } else if (g_str_has_prefix(l, "Slave Interface:")) {
            in_active_agg = FALSE;
            /* a member is in pb->info exactly when it is in pb->members */
            if (!g_hash_table_contains(pb->info, value))
                g_ptr_array_add(pb->members, g_strdup(value));
            member = bond_member_get(pb->info, value);
        } else if (g_str_has_prefix(l, "Aggregator ID:")) {
            if (in_active_agg)
                pb->aggregator = parse_id(value);
            else if (member != NULL)
                member->aggregator = parse_id(value);
        } else if (g_str_has_prefix(l, "MII Status:") && member != NULL) {
            member->mii_up = strcmp(value, "up") == 0 ? 1 : 0;
        }
    }
}

static gboolean
read_proc_bond(XcvrTopo *topo, const char *bond, XcvrTopoProcBond *pb)
{
    g_autofree char *path = g_build_filename(topo->proc_net, "bonding", bond, NULL);
    g_autofree char *text = NULL;
    gsize len = 0;

    if (!xcvr_host_file_read(path, XCVR_HOST_FILE_NOFOLLOW, XCVR_HOST_FILE_PROCFS_MAX,
                             topo->deadline, &text, &len, NULL))
        return FALSE;
    xcvr_topo_parse_proc_bond(text, len, pb);
    return TRUE;
}

/* ---- classification ---- */

static char *
uevent_devtype(const XcvrTopo *topo, const char *dir)
{
    g_autofree char *text = read_attr(topo, dir, "uevent");
    g_auto(GStrv) lines = NULL;
    guint i;

    if (text == NULL)
        return NULL;
    lines = g_strsplit(text, "\n", -1);
    for (i = 0; lines[i] != NULL; i++) {
        if (g_str_has_prefix(lines[i], "DEVTYPE="))
            return g_strdup(lines[i] + strlen("DEVTYPE="));
    }
    return NULL;
}

/* The PCI address of the function behind @dir/device: the function itself, or its parent
 * for a bus stacked on PCI (virtio-pci: .../0000:00:03.0/virtio2). */
static char *
device_pci(const char *dir)
{
    g_autofree char *dev = g_build_filename(dir, "device", NULL);
    char *real = realpath(dev, NULL);
    g_autofree char *base = NULL;
    g_autofree char *parent = NULL;
    g_autofree char *parent_base = NULL;

    if (real == NULL)
        return NULL;
    base = g_path_get_basename(real);
    parent = g_path_get_dirname(real);
    free(real);
    if (xcvr_topo_is_pci_address(base))
        return g_steal_pointer(&base);
    parent_base = g_path_get_basename(parent);
    if (xcvr_topo_is_pci_address(parent_base))
        return g_steal_pointer(&parent_base);
    return NULL;
}

/* VF index of @fn_dir on the PF at @pf_dir: N of the virtfnN link that resolves to it. */
static int
vf_index(const char *pf_dir, const char *fn_dir)
{
    g_autoptr(GPtrArray) links = list_dir(pf_dir, "virtfn");
    char *want = realpath(fn_dir, NULL);
    int found = -1;
    guint i;

    if (want == NULL)
        return -1;
    for (i = 0; i < links->len && found < 0; i++) {
        const char *num = g_ptr_array_index(links, i);
        g_autofree char *entry = g_strconcat("virtfn", num, NULL);
        g_autofree char *path = g_build_filename(pf_dir, entry, NULL);
        char *real = realpath(path, NULL);
        char *end = NULL;
        guint64 n = g_ascii_strtoull(num, &end, 10);

        if (real != NULL && *end == '\0' && n <= G_MAXINT && strcmp(real, want) == 0)
            found = (int)n;
        free(real);
    }
    free(want);
    return found;
}

/* The netdevs a PCI function at @fn_dir has, validated: those in its net/ directory, and
 * those of the devices a bus driver stacks on the function (virtio-pci: FN/virtioN/net/X).
 * Child devices are real directories; links (virtfnN, physfn, driver …) lead elsewhere. */
static GPtrArray *
list_function_netdevs(const char *fn_dir)
{
    g_autofree char *net = g_build_filename(fn_dir, "net", NULL);
    g_autoptr(GPtrArray) names = list_dir(net, NULL);
    g_autoptr(GPtrArray) children = NULL;
    guint i, j;

    if (names->len == 0) {
        children = list_dir(fn_dir, NULL);
        for (i = 0; i < children->len; i++) {
            const char *child = g_ptr_array_index(children, i);
            g_autofree char *child_dir = g_build_filename(fn_dir, child, NULL);
            g_autofree char *child_net = g_build_filename(child_dir, "net", NULL);
            g_autoptr(GPtrArray) more = NULL;

            if (strcmp(child, "net") == 0 || g_file_test(child_dir, G_FILE_TEST_IS_SYMLINK) ||
                !g_file_test(child_net, G_FILE_TEST_IS_DIR))
                continue;
            more = list_dir(child_net, NULL);
            for (j = 0; j < more->len; j++)
                g_ptr_array_add(names, g_strdup(g_ptr_array_index(more, j)));
        }
        g_ptr_array_sort(names, compare_names);
    }
    return g_steal_pointer(&names);
}

static gboolean
function_netdevs(const char *fn_dir, const char *who, GPtrArray **ret, GError **error)
{
    g_autoptr(GPtrArray) names = list_function_netdevs(fn_dir);

    if (!check_names(who, "PF netdev", names, error))
        return FALSE;
    *ret = g_steal_pointer(&names);
    return TRUE;
}

/* ---- what every VF of one PF shares ---- */

/* Read once per whole-host pass (the PF's virtfnN links are as many as its VFs, and each
 * VF looked for itself among them). The netdevs are kept as listed: each VF checks them,
 * so a bad name stays an error of every VF that meets it, in that VF's words. */
typedef struct {
    GHashTable *index_by_fn; /* canonical function directory → GINT_TO_POINTER(N) */
    GPtrArray *netdevs;      /* as list_function_netdevs() lists them (char*, owned) */
} XcvrTopoPf;

static void
pf_free(gpointer p)
{
    XcvrTopoPf *pf = p;

    g_hash_table_unref(pf->index_by_fn);
    g_ptr_array_unref(pf->netdevs);
    g_free(pf);
}

/* The PF at @pf_dir, read now or earlier in the pass; NULL outside a whole-host pass (or
 * when @pf_dir does not resolve), where the callers read it themselves. */
static const XcvrTopoPf *
pf_get(XcvrTopo *topo, const char *pf_dir)
{
    g_autoptr(GPtrArray) links = NULL;
    XcvrTopoPf *pf;
    char *real;
    guint i;

    if (topo->devs == NULL || topo->no_memo)
        return NULL;
    real = realpath(pf_dir, NULL);
    if (real == NULL)
        return NULL;
    if (topo->pfs == NULL)
        topo->pfs = g_hash_table_new_full(g_str_hash, g_str_equal, free, pf_free);
    pf = g_hash_table_lookup(topo->pfs, real);
    if (pf != NULL) {
        free(real);
        return pf;
    }
    pf = g_new0(XcvrTopoPf, 1);
    pf->index_by_fn = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
    pf->netdevs = list_function_netdevs(pf_dir);
    /* as vf_index() goes: the first virtfnN (in name order) that resolves to a function */
    links = list_dir(pf_dir, "virtfn");
    for (i = 0; i < links->len; i++) {
        const char *num = g_ptr_array_index(links, i);
        g_autofree char *entry = g_strconcat("virtfn", num, NULL);
        g_autofree char *path = g_build_filename(pf_dir, entry, NULL);
        char *fn = realpath(path, NULL);
        char *end = NULL;
        guint64 n = g_ascii_strtoull(num, &end, 10);

        if (fn != NULL && *end == '\0' && n <= G_MAXINT &&
            !g_hash_table_contains(pf->index_by_fn, fn))
            g_hash_table_insert(pf->index_by_fn, g_steal_pointer(&fn), GINT_TO_POINTER((int)n));
        free(fn);
    }
    g_hash_table_insert(topo->pfs, real, pf);
    return pf;
}

/* VF index of the function at @fn_dir on the PF at @pf_dir. */
static int
pf_vf_index(XcvrTopo *topo, const char *pf_dir, const char *fn_dir)
{
    const XcvrTopoPf *pf = pf_get(topo, pf_dir);
    char *want;
    gpointer n;
    int found = -1;

    if (pf == NULL)
        return vf_index(pf_dir, fn_dir);
    want = realpath(fn_dir, NULL);
    if (want != NULL && g_hash_table_lookup_extended(pf->index_by_fn, want, NULL, &n))
        found = GPOINTER_TO_INT(n);
    free(want);
    return found;
}

/* The netdevs of the PF at @pf_dir, checked for VF @who. */
static gboolean
pf_netdevs(XcvrTopo *topo, const char *pf_dir, const char *who, GPtrArray **ret, GError **error)
{
    const XcvrTopoPf *pf = pf_get(topo, pf_dir);
    g_autoptr(GPtrArray) names = NULL;
    guint i;

    if (pf == NULL)
        return function_netdevs(pf_dir, who, ret, error);
    if (!check_names(who, "PF netdev", pf->netdevs, error))
        return FALSE;
    names = g_ptr_array_new_full(pf->netdevs->len, g_free);
    for (i = 0; i < pf->netdevs->len; i++)
        g_ptr_array_add(names, g_strdup(g_ptr_array_index(pf->netdevs, i)));
    *ret = g_steal_pointer(&names);
    return TRUE;
}

char *
xcvr_topo_vf_detail(int index, const char *pf_pci, GPtrArray *pf_netdevs)
{
    const char *pf = pf_netdevs->len > 0 ? g_ptr_array_index(pf_netdevs, 0) : pf_pci;

    if (index >= 0)
        return g_strdup_printf("vf %d of %s", index, pf);
    return g_strdup_printf("vf of %s", pf);
}

static gboolean
read_vf(XcvrTopo *topo, XcvrTopoDev *dev, const char *dir, GError **error)
{
    g_autofree char *fn_dir = g_build_filename(dir, "device", NULL);
    g_autofree char *pf_dir = g_build_filename(dir, "device", "physfn", NULL);
    int index;

    dev->pci = device_pci(dir);
    dev->pf_pci = real_basename(fn_dir, "physfn");
    if (!pf_netdevs(topo, pf_dir, dev->name, &dev->pf_netdevs, error))
        return FALSE;
    index = pf_vf_index(topo, pf_dir, fn_dir);
    dev->detail =
        xcvr_topo_vf_detail(index, dev->pf_pci != NULL ? dev->pf_pci : "?", dev->pf_netdevs);
    return TRUE;
}

/* What sysfs says of member @name: bonding_slave/mii_status and ad_aggregator_id
 * (Documentation/ABI/testing/sysfs-class-net "bonding_slave"). */
static void
read_bond_member(XcvrTopo *topo, GHashTable *members, const char *name)
{
    g_autofree char *dir = NULL;
    g_autofree char *mii = NULL;
    g_autofree char *agg = NULL;
    XcvrTopoBondMember *m = bond_member_get(members, name);

    if (!xcvr_topo_name_ok(name))
        return;
    dir = g_build_filename(topo->class_net, name, "bonding_slave", NULL);
    mii = read_attr(topo, dir, "mii_status");
    agg = read_attr(topo, dir, "ad_aggregator_id");
    if (mii != NULL && mii[0] != '\0')
        m->mii_up = strcmp(mii, "up") == 0 ? 1 : 0;
    m->aggregator = parse_id(agg);
}

/* TRUE when a fact the member rules need is missing from sysfs: then /proc is read. */
static gboolean
bond_needs_proc(const XcvrTopoDev *dev)
{
    GHashTableIter it;
    gpointer value;

    if (dev->lowers->len == 0 || dev->bond_mode == NULL)
        return TRUE;
    if (strcmp(dev->bond_mode, "802.3ad") == 0 && dev->bond_aggregator < 0)
        return TRUE;
    g_hash_table_iter_init(&it, dev->bond_members);
    while (g_hash_table_iter_next(&it, NULL, &value)) {
        const XcvrTopoBondMember *m = value;

        if (m->mii_up < 0 || (strcmp(dev->bond_mode, "802.3ad") == 0 && m->aggregator < 0))
            return TRUE;
    }
    return FALSE;
}

/* Bond members: lower_* links (which handle any name), else bonding/slaves (space
 * separated), else /proc/net/bonding/BOND. Mode, active member, the 802.3ad active
 * aggregator and each member's MII status and aggregator likewise: sysfs first, /proc for
 * what sysfs lacks. */
static void
read_bond(XcvrTopo *topo, XcvrTopoDev *dev, const char *dir)
{
    g_autofree char *mode = read_attr(topo, dir, "bonding/mode");
    g_autofree char *slaves = NULL;
    g_autofree char *agg = read_attr(topo, dir, "bonding/ad_aggregator");
    guint i;

    dev->bond_active = read_attr(topo, dir, "bonding/active_slave");
    if (dev->bond_active != NULL && dev->bond_active[0] == '\0')
        g_clear_pointer(&dev->bond_active, g_free);
    dev->bond_aggregator = parse_id(agg);
    if (mode != NULL) {
        char *sp = strchr(mode, ' ');

        /* "active-backup 1" */
        if (sp != NULL)
            *sp = '\0';
        if (mode[0] != '\0')
            dev->bond_mode = g_steal_pointer(&mode);
    }
    dev->lowers = list_dir(dir, "lower_");
    if (dev->lowers->len == 0 && (slaves = read_attr(topo, dir, "bonding/slaves")) != NULL) {
        g_auto(GStrv) names = g_strsplit(slaves, " ", -1);

        for (i = 0; names[i] != NULL; i++) {
            if (names[i][0] != '\0')
                g_ptr_array_add(dev->lowers, g_strdup(names[i]));
        }
    }
    dev->bond_members = bond_members_new();
    for (i = 0; i < dev->lowers->len; i++)
        read_bond_member(topo, dev->bond_members, g_ptr_array_index(dev->lowers, i));
    if (bond_needs_proc(dev)) {
        g_auto(XcvrTopoProcBond) pb = {0};

        if (read_proc_bond(topo, dev->name, &pb)) {
            GHashTableIter it;
            gpointer key, value;

            if (dev->lowers->len == 0) {
                g_ptr_array_unref(dev->lowers);
                dev->lowers = g_steal_pointer(&pb.members);
            }
            if (dev->bond_mode == NULL)
                dev->bond_mode = g_steal_pointer(&pb.mode);
            if (dev->bond_active == NULL)
                dev->bond_active = g_steal_pointer(&pb.active);
            if (dev->bond_aggregator < 0)
                dev->bond_aggregator = pb.aggregator;
            g_hash_table_iter_init(&it, pb.info);
            while (g_hash_table_iter_next(&it, &key, &value)) {
                const XcvrTopoBondMember *from = value;
                XcvrTopoBondMember *m = bond_member_get(dev->bond_members, key);

                if (m->mii_up < 0)
                    m->mii_up = from->mii_up;
                if (m->aggregator < 0)
                    m->aggregator = from->aggregator;
            }
        }
    }
    if (dev->bond_mode != NULL)
        dev->detail = g_strdup_printf("mode %s", dev->bond_mode);
}

/* The one lower device of a stacked device: lower_* links, else the device whose ifindex
 * is our iflink. */
static void
read_stacked_lower(XcvrTopo *topo, XcvrTopoDev *dev, const char *dir)
{
    dev->lowers = list_dir(dir, "lower_");
    if (dev->lowers->len == 0 && dev->iflink > 0 && dev->iflink != dev->ifindex) {
        const char *lower =
            g_hash_table_lookup(topo->name_by_ifindex, GINT_TO_POINTER(dev->iflink));

        if (lower != NULL)
            g_ptr_array_add(dev->lowers, g_strdup(lower));
    }
}

/* A device whose iflink names another ifindex and that has no lower_* link: a veth end when
 * the device with that ifindex names us back; else its peer is in another namespace. */
static void
read_veth_or_other(XcvrTopo *topo, XcvrTopoDev *dev)
{
    const char *peer = NULL;

    dev->lowers = g_ptr_array_new_with_free_func(g_free);
    if (dev->iflink <= 0 || dev->iflink == dev->ifindex) {
        dev->kind = XCVR_HOP_OTHER;
        return;
    }
    peer = g_hash_table_lookup(topo->name_by_ifindex, GINT_TO_POINTER(dev->iflink));
    if (peer == NULL) {
        dev->kind = XCVR_HOP_VETH;
        dev->detail = g_strdup_printf("peer in another namespace (ifindex %d)", dev->iflink);
        return;
    }
    if (xcvr_topo_name_ok(peer)) {
        g_autofree char *peer_dir = g_build_filename(topo->class_net, peer, NULL);

        if (read_int_attr(topo, peer_dir, "iflink") == dev->ifindex) {
            dev->kind = XCVR_HOP_VETH;
            dev->detail = g_strdup_printf("peer %s", peer);
            g_ptr_array_add(dev->lowers, g_strdup(peer));
            return;
        }
    }
    dev->kind = XCVR_HOP_OTHER;
    dev->detail = g_strdup_printf("linked to %s", peer);
}

gboolean
xcvr_topo_dev_read(XcvrTopo *topo, const char *name, XcvrTopoDev **ret_dev, GError **error)
{
    g_autoptr(XcvrTopoDev) dev = NULL;
    g_autofree char *dir = NULL;
    g_autofree char *devtype = NULL;
    XcvrTopoVlan *vlan;

    if (!xcvr_topo_name_ok(name)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_ARGUMENT, "'%s' is not a netdev name",
                    name != NULL ? name : "(null)");
        return FALSE;
    }
    dir = g_build_filename(topo->class_net, name, NULL);
    if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
        if (g_hash_table_contains(topo->listed, name))
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE, "netdev %s vanished (%s: %s)",
                        name, dir, g_strerror(ENOENT));
        else
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE, "no netdev %s (%s: %s)", name, dir,
                        g_strerror(ENOENT));
        return FALSE;
    }

    dev = g_new0(XcvrTopoDev, 1);
    dev->name = g_strdup(name);
    dev->kind = XCVR_HOP_OTHER;
    dev->bond_aggregator = -1;
    dev->ifindex = read_int_attr(topo, dir, "ifindex");
    dev->iflink = read_int_attr(topo, dir, "iflink");
    dev->master = link_basename(dir, "master");
    if (dev->master != NULL && !xcvr_topo_name_ok(dev->master)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "%s: sysfs names a master '%s', which is not a netdev name", name, dev->master);
        return FALSE;
    }
    devtype = uevent_devtype(topo, dir);
    vlan = g_hash_table_lookup(topo->vlans, name);

    if (has_entry(dir, "bridge")) {
        g_autofree char *brif = g_build_filename(dir, "brif", NULL);

        dev->kind = XCVR_HOP_BRIDGE;
        dev->lowers = list_dir(brif, NULL);
        if (dev->lowers->len == 0) {
            g_ptr_array_unref(dev->lowers);
            dev->lowers = list_dir(dir, "lower_");
        }
    } else if (has_entry(dir, "bonding") || g_strcmp0(devtype, "bond") == 0) {
        dev->kind = XCVR_HOP_BOND;
        read_bond(topo, dev, dir);
    } else if (has_entry(dir, "macvtap")) {
        dev->kind = XCVR_HOP_MACVTAP;
        read_stacked_lower(topo, dev, dir);
    } else if (has_entry(dir, "tun_flags")) {
        g_autofree char *flags = read_attr(topo, dir, "tun_flags");
        guint64 f = flags != NULL ? g_ascii_strtoull(flags, NULL, 0) : 0;

        dev->kind = XCVR_HOP_TAP;
        dev->lowers = g_ptr_array_new_with_free_func(g_free);
        if ((f & XCVR_IFF_TUN) != 0)
            dev->detail = g_strdup("tun");
    } else if (vlan != NULL || g_strcmp0(devtype, "vlan") == 0) {
        dev->kind = XCVR_HOP_VLAN;
        dev->lowers = list_dir(dir, "lower_");
        if (dev->lowers->len == 0 && vlan != NULL)
            g_ptr_array_add(dev->lowers, g_strdup(vlan->real_dev));
        if (dev->lowers->len == 0)
            read_stacked_lower(topo, dev, dir);
        if (vlan != NULL)
            dev->detail = g_strdup_printf("vlan %u", vlan->vid);
    } else if (g_strcmp0(devtype, "vxlan") == 0) {
        dev->kind = XCVR_HOP_VXLAN;
        dev->lowers = list_dir(dir, "lower_");
        if (dev->lowers->len > 0)
            dev->detail =
                g_strdup_printf("underlay %s", (const char *)g_ptr_array_index(dev->lowers, 0));
        else
            dev->detail = g_strdup("routed (underlay not determinable)");
    } else if (has_entry(dir, "device")) {
        dev->lowers = g_ptr_array_new_with_free_func(g_free);
        if (has_entry(dir, "device/physfn")) {
            dev->kind = XCVR_HOP_VF;
            if (!read_vf(topo, dev, dir, error))
                return FALSE;
        } else {
            dev->kind = XCVR_HOP_PHYSICAL;
            dev->pci = device_pci(dir);
            if (dev->pci != NULL)
                dev->detail = g_strdup_printf("pci %s", dev->pci);
        }
    } else {
        g_autoptr(GPtrArray) lowers = list_dir(dir, "lower_");

        if (lowers->len > 0 || g_strcmp0(devtype, "macvlan") == 0) {
            /* macvlan sets no DEVTYPE; another device stacked on one lower looks alike */
            dev->kind = XCVR_HOP_MACVLAN;
            read_stacked_lower(topo, dev, dir);
        } else {
            read_veth_or_other(topo, dev);
        }
    }

    if (!check_names(name, "lower device", dev->lowers, error))
        return FALSE;
    *ret_dev = g_steal_pointer(&dev);
    return TRUE;
}

gboolean
xcvr_topo_pci_read(XcvrTopo *topo, const char *pci, char **ret_pf_pci, int *ret_vf_index,
                   GPtrArray **ret_netdevs, GError **error)
{
    g_autofree char *fn_dir = NULL;
    g_autofree char *pf_pci = NULL;
    g_autoptr(GPtrArray) netdevs = NULL;
    int index = -1;

    if (!xcvr_topo_name_ok(pci) || !xcvr_topo_is_pci_address(pci)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_ARGUMENT,
                    "'%s' is not a PCI address (DDDD:BB:DD.F)", pci);
        return FALSE;
    }
    fn_dir = g_build_filename(topo->pci_devices, pci, NULL);
    if (!g_file_test(fn_dir, G_FILE_TEST_IS_DIR)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE, "no PCI function %s (%s: %s)", pci,
                    fn_dir, g_strerror(ENOENT));
        return FALSE;
    }
    pf_pci = real_basename(fn_dir, "physfn");
    if (pf_pci != NULL) {
        g_autofree char *pf_dir = g_build_filename(fn_dir, "physfn", NULL);

        if (!pf_netdevs(topo, pf_dir, pci, &netdevs, error))
            return FALSE;
        index = pf_vf_index(topo, pf_dir, fn_dir);
    } else if (!function_netdevs(fn_dir, pci, &netdevs, error)) {
        return FALSE;
    }
    *ret_pf_pci = g_steal_pointer(&pf_pci);
    *ret_vf_index = index;
    *ret_netdevs = g_steal_pointer(&netdevs);
    return TRUE;
}

/* ---- link state ---- */

void
xcvr_link_state_free(XcvrLinkState *state)
{
    if (state == NULL)
        return;
    g_free(state->operstate);
    g_free(state->duplex);
    g_free(state->mac);
    g_free(state);
}

XcvrLinkState *
xcvr_topo_link_state(XcvrTopo *topo, const char *netdev, GError **error)
{
    g_autoptr(XcvrLinkState) state = NULL;
    g_autofree char *dir = NULL;
    g_autofree char *speed = NULL;
    char *end = NULL;
    gint64 mbps;

    g_return_val_if_fail(topo != NULL, NULL);
    g_return_val_if_fail(netdev != NULL, NULL);

    if (!xcvr_topo_name_ok(netdev)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_ARGUMENT, "'%s' is not a netdev name",
                    netdev);
        return NULL;
    }
    dir = g_build_filename(topo->class_net, netdev, NULL);
    if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE, "no netdev %s (%s: %s)", netdev, dir,
                    g_strerror(ENOENT));
        return NULL;
    }
    state = g_new0(XcvrLinkState, 1);
    state->operstate = read_attr(topo, dir, "operstate");
    state->carrier = read_int_attr(topo, dir, "carrier");
    if (state->carrier > 1)
        state->carrier = -1;
    /* the kernel reports -1 (or refuses the read) when no speed is known */
    speed = read_attr(topo, dir, "speed");
    state->speed_mbps = -1;
    if (speed != NULL && speed[0] != '\0') {
        mbps = g_ascii_strtoll(speed, &end, 10);
        if (*end == '\0' && mbps > 0 && mbps < G_MAXINT)
            state->speed_mbps = (int)mbps;
    }
    state->duplex = read_attr(topo, dir, "duplex");
    if (state->duplex != NULL && strcmp(state->duplex, "full") != 0 &&
        strcmp(state->duplex, "half") != 0)
        g_clear_pointer(&state->duplex, g_free);
    state->mac = read_attr(topo, dir, "address");
    if (state->mac != NULL && state->mac[0] == '\0')
        g_clear_pointer(&state->mac, g_free);
    return g_steal_pointer(&state);
}

/* ---- vDPA ---- */

gboolean
xcvr_topo_vdpa_read(XcvrTopo *topo, const char *chardev, char **ret_vdpa, char **ret_pci,
                    GError **error)
{
    g_autofree char *node = g_path_get_basename(chardev);
    g_autofree char *bus_dir = xcvr_root_path(topo->root, "sys", "bus", "vdpa", "devices", NULL);
    g_autoptr(GPtrArray) devices = NULL;
    guint i;

    /* the kernel names the vhost-vdpa character device after a child of its vdpa device
     * (drivers/vhost/vdpa.c: "vhost-vdpa-%d"); the vdpa device sits on its parent bus
     * function */
    if (!g_str_has_prefix(node, "vhost-vdpa-") || !xcvr_topo_name_ok(node)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_ARGUMENT,
                    "'%s' is not a vhost-vdpa character device", chardev);
        return FALSE;
    }
    devices = list_dir(bus_dir, "");
    for (i = 0; i < devices->len; i++) {
        const char *vdpa = g_ptr_array_index(devices, i);
        g_autofree char *dev_dir = g_build_filename(bus_dir, vdpa, NULL);
        g_autofree char *parent = NULL;
        char *real;

        /* the class device sits in a "vhost-vdpa" class directory under its vdpa device
         * (older layouts put it there directly) */
        g_autofree char *in_class_dir = g_build_filename("vhost-vdpa", node, NULL);

        if (!has_entry(dev_dir, in_class_dir) && !has_entry(dev_dir, node))
            continue;
        real = realpath(dev_dir, NULL);
        if (real != NULL) {
            g_autofree char *up = g_path_get_dirname(real);

            parent = g_path_get_basename(up);
            free(real);
        }
        if (parent == NULL || !xcvr_topo_is_pci_address(parent)) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_NOT_SUPPORTED,
                        "vDPA device %s (%s) does not sit on a PCI function (%s)", vdpa, node,
                        parent != NULL ? parent : "unresolvable");
            return FALSE;
        }
        *ret_vdpa = g_strdup(vdpa);
        *ret_pci = g_steal_pointer(&parent);
        return TRUE;
    }
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE, "no vDPA device has %s (%s)", node,
                bus_dir);
    return FALSE;
}
