/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-topo-test.c: the topology walker over sysfs/procfs fixture trees built at test time
 * the way the kernel lays them out (class/net links into devices/, PCI functions with
 * virtfnN/physfn, master/lower_* links, brif/, bonding/, /proc/net/vlan/config,
 * /proc/net/bonding/BOND): bridges, bonds, VLANs, macvtap, veth, SR-IOV, cycles, odd names
 * and a device that vanishes between the snapshot and the walk.
 */
#include "xcvr-test-util.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-topo.h>

#include "topo/xcvr-topo-private.h"

#define PCI_PARENT "devices/pci0000:40/0000:40:01.1"

/* ---- fixture trees ---- */

typedef struct {
    char *root;
    GHashTable *devdirs; /* netdev name → its directory relative to ROOT/sys */
} Fx;

static Fx *
fx_new(void)
{
    Fx *fx = g_new0(Fx, 1);

    fx->root = g_dir_make_tmp("xcvr-topo-XXXXXX", NULL);
    assert_non_null(fx->root);
    fx->devdirs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    return fx;
}

static void
rm_rf(const char *path)
{
    GStatBuf st;

    if (g_lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        g_autoptr(GDir) d = g_dir_open(path, 0, NULL);
        const char *name;

        while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
            g_autofree char *child = g_build_filename(path, name, NULL);

            rm_rf(child);
        }
        assert_int_equal(g_rmdir(path), 0);
    } else {
        assert_int_equal(g_unlink(path), 0);
    }
}

static void
fx_free(Fx *fx)
{
    rm_rf(fx->root);
    g_free(fx->root);
    g_hash_table_unref(fx->devdirs);
    g_free(fx);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Fx, fx_free)

static void
fx_dir(Fx *fx, const char *rel)
{
    g_autofree char *p = g_build_filename(fx->root, rel, NULL);

    assert_int_equal(g_mkdir_with_parents(p, 0755), 0);
}

static void
fx_file(Fx *fx, const char *rel, const char *contents)
{
    g_autofree char *p = g_build_filename(fx->root, rel, NULL);
    g_autofree char *dir = g_path_get_dirname(p);

    assert_int_equal(g_mkdir_with_parents(dir, 0755), 0);
    assert_true(g_file_set_contents(p, contents, -1, NULL));
}

static void
fx_link(Fx *fx, const char *rel, const char *target)
{
    g_autofree char *p = g_build_filename(fx->root, rel, NULL);
    g_autofree char *dir = g_path_get_dirname(p);

    assert_int_equal(g_mkdir_with_parents(dir, 0755), 0);
    if (symlink(target, p) != 0)
        fail_msg("symlink %s -> %s: %s", p, target, g_strerror(errno));
}

static guint
n_components(const char *rel)
{
    g_auto(GStrv) parts = g_strsplit(rel, "/", -1);

    return g_strv_length(parts);
}

static char *
ups(guint n)
{
    GString *s = g_string_new(NULL);

    while (n-- > 0)
        g_string_append(s, "../");
    return g_string_free(s, FALSE);
}

static const char *
fx_devdir(Fx *fx, const char *name)
{
    const char *d = g_hash_table_lookup(fx->devdirs, name);

    if (d == NULL)
        fail_msg("fixture has no netdev %s", name);
    return d;
}

/* A netdev NAME in sys/PARENT/NAME, with sys/class/net/NAME pointing at it. */
static void
fx_netdev(Fx *fx, const char *parent, const char *name, int ifindex, int iflink)
{
    g_autofree char *devdir = g_build_filename(parent, name, NULL);
    g_autofree char *dir = g_build_filename("sys", devdir, NULL);
    g_autofree char *f_ifindex = g_build_filename(dir, "ifindex", NULL);
    g_autofree char *f_iflink = g_build_filename(dir, "iflink", NULL);
    g_autofree char *v_ifindex = g_strdup_printf("%d\n", ifindex);
    g_autofree char *v_iflink = g_strdup_printf("%d\n", iflink);
    g_autofree char *cls = g_build_filename("sys", "class", "net", name, NULL);
    g_autofree char *up = ups(2);
    g_autofree char *target = g_strconcat(up, devdir, NULL);

    fx_dir(fx, dir);
    fx_file(fx, f_ifindex, v_ifindex);
    fx_file(fx, f_iflink, v_iflink);
    fx_link(fx, cls, target); /* class/net/X -> ../../devices/… */
    g_hash_table_replace(fx->devdirs, g_strdup(name), g_strdup(devdir));
}

static void
fx_virtual(Fx *fx, const char *name, int ifindex)
{
    fx_netdev(fx, "devices/virtual/net", name, ifindex, ifindex);
}

/* A file in netdev NAME's directory. */
static void
fx_attr(Fx *fx, const char *name, const char *attr, const char *contents)
{
    g_autofree char *rel = g_build_filename("sys", fx_devdir(fx, name), attr, NULL);

    fx_file(fx, rel, contents);
}

static void
fx_attr_dir(Fx *fx, const char *name, const char *attr)
{
    g_autofree char *rel = g_build_filename("sys", fx_devdir(fx, name), attr, NULL);

    fx_dir(fx, rel);
}

/* A link ENTRY in netdev FROM's directory to netdev TO's directory (+ SUFFIX). */
static void
fx_devlink(Fx *fx, const char *from, const char *entry, const char *to, const char *suffix)
{
    const char *from_dir = fx_devdir(fx, from);
    g_autofree char *rel = g_build_filename("sys", from_dir, entry, NULL);
    g_autofree char *up = ups(n_components(from_dir) + n_components(entry) - 1);
    g_autofree char *target = g_strconcat(up, fx_devdir(fx, to), suffix, NULL);

    fx_link(fx, rel, target);
}

static void
fx_tap(Fx *fx, const char *name, int ifindex)
{
    fx_virtual(fx, name, ifindex);
    fx_attr(fx, name, "tun_flags", "0x1002\n");
}

static void
fx_bridge(Fx *fx, const char *name, int ifindex)
{
    g_autofree char *brif = g_build_filename("sys", "devices/virtual/net", name, "brif", NULL);

    fx_virtual(fx, name, ifindex);
    fx_attr(fx, name, "uevent", "DEVTYPE=bridge\nINTERFACE=x\n");
    fx_attr_dir(fx, name, "bridge");
    fx_dir(fx, brif);
}

/* PORT enslaved to MASTER: master and upper_ links on the port, lower_ on the master. */
static void
fx_enslave(Fx *fx, const char *port, const char *master)
{
    g_autofree char *upper = g_strconcat("upper_", master, NULL);
    g_autofree char *lower = g_strconcat("lower_", port, NULL);

    fx_devlink(fx, port, "master", master, NULL);
    fx_devlink(fx, port, upper, master, NULL);
    fx_devlink(fx, master, lower, port, NULL);
}

static void
fx_bridge_port(Fx *fx, const char *bridge, const char *port)
{
    g_autofree char *entry = g_build_filename("brif", port, NULL);

    fx_enslave(fx, port, bridge);
    fx_attr_dir(fx, port, "brport");
    fx_devlink(fx, bridge, entry, port, "/brport");
}

/* A PCI function under PCI_PARENT, listed in sys/bus/pci/devices. */
static void
fx_pci(Fx *fx, const char *pci)
{
    g_autofree char *dir = g_build_filename("sys", PCI_PARENT, pci, NULL);
    g_autofree char *bus = g_build_filename("sys/bus/pci/devices", pci, NULL);
    g_autofree char *target = g_strconcat("../../../", PCI_PARENT, "/", pci, NULL);
    g_autofree char *vendor = g_build_filename(dir, "vendor", NULL);

    fx_dir(fx, dir);
    fx_file(fx, vendor, "0x8086\n");
    fx_link(fx, bus, target);
}

/* A netdev of PCI function PCI (a PF port, or a VF's netdev). */
static void
fx_pci_netdev(Fx *fx, const char *pci, const char *name, int ifindex)
{
    g_autofree char *parent = g_build_filename(PCI_PARENT, pci, "net", NULL);
    g_autofree char *device = g_build_filename("sys", parent, name, "device", NULL);
    g_autofree char *target = g_strconcat("../../../", pci, NULL);

    fx_netdev(fx, parent, name, ifindex, ifindex);
    fx_link(fx, device, target);
}

/* VF number INDEX of PF: virtfnINDEX on the PF, physfn on the VF. */
static void
fx_vf(Fx *fx, const char *pf, const char *vf, int index)
{
    g_autofree char *virtfn = g_strdup_printf("sys/" PCI_PARENT "/%s/virtfn%d", pf, index);
    g_autofree char *physfn = g_strdup_printf("sys/" PCI_PARENT "/%s/physfn", vf);
    g_autofree char *to_vf = g_strconcat("../", vf, NULL);
    g_autofree char *to_pf = g_strconcat("../", pf, NULL);

    fx_pci(fx, vf);
    fx_link(fx, virtfn, to_vf);
    fx_link(fx, physfn, to_pf);
}

/* Two PF ports enp65s0f0 (0000:41:00.0, ifindex 2) and enp65s0f1 (0000:41:00.1, 3), with
 * four VFs 0000:41:02.0-3 on the first. */
static void
fx_two_pfs(Fx *fx)
{
    int i;

    fx_pci(fx, "0000:41:00.0");
    fx_pci(fx, "0000:41:00.1");
    fx_pci_netdev(fx, "0000:41:00.0", "enp65s0f0", 2);
    fx_pci_netdev(fx, "0000:41:00.1", "enp65s0f1", 3);
    for (i = 0; i < 4; i++) {
        g_autofree char *vf = g_strdup_printf("0000:41:02.%d", i);

        fx_vf(fx, "0000:41:00.0", vf, i);
    }
}

static XcvrTopo *
fx_topo(Fx *fx)
{
    g_autoptr(GError) error = NULL;
    XcvrTopo *topo = xcvr_topo_new(fx->root, &error);

    if (topo == NULL)
        fail_msg("xcvr_topo_new: %s", error->message);
    return topo;
}

/* ---- checks ---- */

/* The path as "kind:name kind:name …". */
static char *
path_string(GPtrArray *path)
{
    GString *s = g_string_new(NULL);
    guint i;

    for (i = 0; i < path->len; i++) {
        const XcvrHop *h = g_ptr_array_index(path, i);

        g_string_append_printf(s, "%s%s:%s", i > 0 ? " " : "", xcvr_hop_kind_to_string(h->kind),
                               h->name);
    }
    return g_string_free(s, FALSE);
}

static GPtrArray *
uplinks_ok(XcvrTopo *topo, const char *netdev)
{
    g_autoptr(GError) error = NULL;
    GPtrArray *ups_ = xcvr_topo_uplinks(topo, netdev, &error);

    if (ups_ == NULL)
        fail_msg("xcvr_topo_uplinks(%s): %s", netdev, error->message);
    return ups_;
}

static void
assert_uplink(GPtrArray *uplinks, guint i, const char *netdev, const char *pci, int active,
              const char *path)
{
    const XcvrUplink *up;
    g_autofree char *got = NULL;

    assert_true(i < uplinks->len);
    up = g_ptr_array_index(uplinks, i);
    assert_string_equal(up->netdev != NULL ? up->netdev : "(null)",
                        netdev != NULL ? netdev : "(null)");
    assert_string_equal(up->pci != NULL ? up->pci : "(null)", pci != NULL ? pci : "(null)");
    assert_int_equal(up->active, active);
    got = path_string(up->path);
    assert_string_equal(got, path);
}

/* The role and rule of uplink @i. */
static void
assert_role(GPtrArray *uplinks, guint i, const char *netdev, int active, XcvrBondRule rule)
{
    const XcvrUplink *up;

    assert_true(i < uplinks->len);
    up = g_ptr_array_index(uplinks, i);
    assert_string_equal(up->netdev, netdev);
    if (up->active != active || up->active_rule != rule)
        fail_msg("%s: active %d by %s, want %d by %s", netdev, up->active,
                 xcvr_bond_rule_to_string(up->active_rule), active,
                 xcvr_bond_rule_to_string(rule));
}

static const char *
hop_detail(GPtrArray *path, guint i)
{
    const XcvrHop *h;

    assert_true(i < path->len);
    h = g_ptr_array_index(path, i);
    return h->detail != NULL ? h->detail : "(null)";
}

static void
assert_path(XcvrTopo *topo, const char *netdev, const char *want)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) path = xcvr_topo_path(topo, netdev, &error);
    g_autofree char *got = NULL;

    if (path == NULL)
        fail_msg("xcvr_topo_path(%s): %s", netdev, error->message);
    got = path_string(path);
    assert_string_equal(got, want);
}

static void
assert_walk_error(XcvrTopo *topo, const char *netdev, int code, const char *needle)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) ups_ = xcvr_topo_uplinks(topo, netdev, &error);

    assert_null(ups_);
    assert_non_null(error);
    if (!g_error_matches(error, XCVR_ERROR, code))
        fail_msg("%s: want code %d, got %d: %s", netdev, code, error->code, error->message);
    if (needle != NULL && strstr(error->message, needle) == NULL)
        fail_msg("%s: '%s' not in '%s'", netdev, needle, error->message);
}

/* ---- tests ---- */

static void
test_kind_names(void **state)
{
    assert_string_equal(xcvr_hop_kind_to_string(XCVR_HOP_TAP), "tap");
    assert_string_equal(xcvr_hop_kind_to_string(XCVR_HOP_MACVTAP), "macvtap");
    assert_string_equal(xcvr_hop_kind_to_string(XCVR_HOP_BRIDGE), "bridge");
    assert_string_equal(xcvr_hop_kind_to_string(XCVR_HOP_VLAN), "vlan");
    assert_string_equal(xcvr_hop_kind_to_string(XCVR_HOP_BOND), "bond");
    assert_string_equal(xcvr_hop_kind_to_string(XCVR_HOP_VF), "vf");
    assert_string_equal(xcvr_hop_kind_to_string(XCVR_HOP_PHYSICAL), "physical");
    assert_string_equal(xcvr_hop_kind_to_string(_XCVR_HOP_LAST), "other");
    assert_true(xcvr_topo_is_pci_address("0000:41:02.1"));
    assert_true(xcvr_topo_is_pci_address("10000:00:1f.7"));
    assert_false(xcvr_topo_is_pci_address("0000:41:02.8"));
    assert_false(xcvr_topo_is_pci_address("41:02.1"));
    assert_false(xcvr_topo_is_pci_address("virtio2"));
    assert_false(xcvr_topo_name_ok(".."));
    assert_false(xcvr_topo_name_ok("a/b"));
    assert_false(xcvr_topo_name_ok(""));
    assert_true(xcvr_topo_name_ok("..."));
}

/* vnet0 (tap) on br0, whose other ports are the bond bond0 of the two PFs
 * (active-backup, enp65s0f1 active) and another VM's tap. */
static void
test_tap_bridge_bond(void **state)
{
    g_autoptr(Fx) fx = fx_new();
    g_autoptr(XcvrTopo) topo = NULL;
    g_autoptr(GPtrArray) ups_ = NULL;
    const XcvrUplink *up;

    fx_two_pfs(fx);
    fx_virtual(fx, "bond0", 4);
    fx_attr(fx, "bond0", "uevent", "DEVTYPE=bond\nINTERFACE=bond0\n");
    fx_attr(fx, "bond0", "bonding/mode", "active-backup 1\n");
    fx_attr(fx, "bond0", "bonding/active_slave", "enp65s0f1\n");
    fx_attr(fx, "bond0", "bonding/slaves", "enp65s0f0 enp65s0f1\n");
    fx_enslave(fx, "enp65s0f0", "bond0");
    fx_enslave(fx, "enp65s0f1", "bond0");
    fx_bridge(fx, "br0", 5);
    fx_tap(fx, "vnet0", 6);
    fx_tap(fx, "vnet1", 7);
    fx_bridge_port(fx, "br0", "bond0");
    fx_bridge_port(fx, "br0", "vnet0");
    fx_bridge_port(fx, "br0", "vnet1");
    topo = fx_topo(fx);

    ups_ = uplinks_ok(topo, "vnet0");
    assert_int_equal(ups_->len, 2);
    assert_uplink(ups_, 0, "enp65s0f0", "0000:41:00.0", 0,
                  "tap:vnet0 bridge:br0 bond:bond0 physical:enp65s0f0");
    assert_uplink(ups_, 1, "enp65s0f1", "0000:41:00.1", 1,
                  "tap:vnet0 bridge:br0 bond:bond0 physical:enp65s0f1");
    assert_role(ups_, 0, "enp65s0f0", 0, XCVR_BOND_RULE_ACTIVE_BACKUP);
    assert_role(ups_, 1, "enp65s0f1", 1, XCVR_BOND_RULE_ACTIVE_BACKUP);
    up = g_ptr_array_index(ups_, 0);
    assert_string_equal(hop_detail(up->path, 2), "mode active-backup");
    assert_string_equal(hop_detail(up->path, 3), "pci 0000:41:00.0");
    assert_path(topo, "vnet0", "tap:vnet0 bridge:br0 bond:bond0 physical:enp65s0f0");

    /* from the bridge, the bond, a member */
    g_ptr_array_unref(ups_);
    ups_ = uplinks_ok(topo, "br0");
    assert_int_equal(ups_->len, 2);
    assert_uplink(ups_, 1, "enp65s0f1", "0000:41:00.1", 1,
                  "bridge:br0 bond:bond0 physical:enp65s0f1");
    g_ptr_array_unref(ups_);
    ups_ = uplinks_ok(topo, "bond0");
    assert_int_equal(ups_->len, 2);
    assert_uplink(ups_, 0, "enp65s0f0", "0000:41:00.0", 0, "bond:bond0 physical:enp65s0f0");
    g_ptr_array_unref(ups_);
    ups_ = uplinks_ok(topo, "enp65s0f1");
    assert_int_equal(ups_->len, 1);
    assert_uplink(ups_, 0, "enp65s0f1", "0000:41:00.1", -1, "physical:enp65s0f1");
    assert_role(ups_, 0, "enp65s0f1", -1, XCVR_BOND_RULE_NONE);
}

/* A bond whose sysfs has no bonding/ directory and no lower_ links: members, mode and the
 * active member from /proc/net/bonding/BOND; an 802.3ad bond: every member active. */
static void
test_bond_procfs(void **state)
{
    g_autoptr(Fx) fx = fx_new();
    g_autoptr(XcvrTopo) topo = NULL;
    g_autoptr(GPtrArray) ups_ = NULL;

    fx_two_pfs(fx);
    fx_virtual(fx, "bond1", 4);
    fx_attr(fx, "bond1", "uevent", "DEVTYPE=bond\nINTERFACE=bond1\nIFINDEX=4\n");
    fx_file(fx, "proc/net/bonding/bond1",
            "Ethernet Channel Bonding Driver: v6.1.0\n\n"
            "Bonding Mode: fault-tolerance (active-backup)\n"
            "Primary Slave: None\n"
            "Currently Active Slave: enp65s0f0\n"
            "MII Status: up\n\n"
            "Slave Interface: enp65s0f0\nMII Status: up\n\n"
            "Slave Interface: enp65s0f1\nMII Status: up\n");
    fx_tap(fx, "vnet2", 5);
    fx_bridge(fx, "br1", 6);
    fx_bridge_port(fx, "br1", "vnet2");
    fx_link(fx, "sys/devices/virtual/net/br1/brif/bond1", "../../bond1/brport");
    topo = fx_topo(fx);

    ups_ = uplinks_ok(topo, "vnet2");
    assert_int_equal(ups_->len, 2);
    assert_uplink(ups_, 0, "enp65s0f0", "0000:41:00.0", 1,
                  "tap:vnet2 bridge:br1 bond:bond1 physical:enp65s0f0");
    assert_uplink(ups_, 1, "enp65s0f1", "0000:41:00.1", 0,
                  "tap:vnet2 bridge:br1 bond:bond1 physical:enp65s0f1");
    assert_string_equal(hop_detail(((XcvrUplink *)ups_->pdata[0])->path, 2),
                        "mode active-backup");

    /* LACP without aggregator ids or MII lines anywhere: by MII status, unknown counts
     * as up */
    fx_file(fx, "proc/net/bonding/bond1",
            "Bonding Mode: IEEE 802.3ad Dynamic link aggregation\n"
            "Slave Interface: enp65s0f0\n\nSlave Interface: enp65s0f1\n");
    fx_attr(fx, "bond1", "bonding/mode", "802.3ad 4\n");
    g_ptr_array_unref(ups_);
    ups_ = uplinks_ok(topo, "bond1");
    assert_int_equal(ups_->len, 2);
    assert_role(ups_, 0, "enp65s0f0", 1, XCVR_BOND_RULE_LACP_MII);
    assert_role(ups_, 1, "enp65s0f1", 1, XCVR_BOND_RULE_LACP_MII);
    assert_string_equal(hop_detail(((XcvrUplink *)ups_->pdata[0])->path, 0), "mode 802.3ad");
}

/* macvtap0 on the VLAN enp65s0f0.100 (known from /proc/net/vlan/config only) on a PF;
 * macvtap0 has no lower_ link, so its lower device comes from iflink. */
static void
test_macvtap_vlan_pf(void **state)
{
    g_autoptr(Fx) fx = fx_new();
    g_autoptr(XcvrTopo) topo = NULL;
    g_autoptr(GPtrArray) ups_ = NULL;
    const XcvrUplink *up;

    fx_two_pfs(fx);
    fx_virtual(fx, "enp65s0f0.100", 10);
    fx_attr(fx, "enp65s0f0.100", "iflink", "2\n");
    fx_file(fx, "proc/net/vlan/config",
            "VLAN Dev name\t | VLAN ID\n"
            "Name-Type: VLAN_NAME_TYPE_RAW_PLUS_VID_NO_PAD\n"
            "enp65s0f0.100  | 100  | enp65s0f0\n");
    fx_netdev(fx, "devices/virtual/net", "macvtap0", 11, 10);
    fx_attr_dir(fx, "macvtap0", "macvtap/tap11");
    /* macvtap1 on the same VLAN through a lower_ link */
    fx_netdev(fx, "devices/virtual/net", "macvtap1", 12, 10);
    fx_attr_dir(fx, "macvtap1", "macvtap/tap12");
    fx_devlink(fx, "macvtap1", "lower_enp65s0f0.100", "enp65s0f0.100", NULL);
    topo = fx_topo(fx);

    ups_ = uplinks_ok(topo, "macvtap0");
    assert_int_equal(ups_->len, 1);
    assert_uplink(ups_, 0, "enp65s0f0", "0000:41:00.0", -1,
                  "macvtap:macvtap0 vlan:enp65s0f0.100 physical:enp65s0f0");
    up = g_ptr_array_index(ups_, 0);
    assert_string_equal(hop_detail(up->path, 1), "vlan 100");
    g_ptr_array_unref(ups_);
    ups_ = uplinks_ok(topo, "macvtap1");
    assert_int_equal(ups_->len, 1);
    assert_uplink(ups_, 0, "enp65s0f0", "0000:41:00.0", -1,
                  "macvtap:macvtap1 vlan:enp65s0f0.100 physical:enp65s0f0");
}

/* A VF netdev (VF 3 of enp65s0f0) → its PF. */
static void
test_vf_netdev(void **state)
{
    g_autoptr(Fx) fx = fx_new();
    g_autoptr(XcvrTopo) topo = NULL;
    g_autoptr(GPtrArray) ups_ = NULL;
    const XcvrUplink *up;

    fx_two_pfs(fx);
    fx_pci_netdev(fx, "0000:41:02.3", "enp65s0f0v3", 20);
    topo = fx_topo(fx);

    ups_ = uplinks_ok(topo, "enp65s0f0v3");
    assert_int_equal(ups_->len, 1);
    assert_uplink(ups_, 0, "enp65s0f0", "0000:41:00.0", -1,
                  "vf:enp65s0f0v3 physical:enp65s0f0");
    up = g_ptr_array_index(ups_, 0);
    assert_string_equal(hop_detail(up->path, 0), "vf 3 of enp65s0f0");
}

/* A hostdev VF given by PCI address → its PF; a VF whose PF is bound to vfio (no netdev);
 * a PF itself; bad addresses. */
static void
test_vf_pci(void **state)
{
    g_autoptr(Fx) fx = fx_new();
    g_autoptr(XcvrTopo) topo = NULL;
    g_autoptr(GPtrArray) ups_ = NULL;
    g_autoptr(GError) error = NULL;
    const XcvrUplink *up;

    fx_two_pfs(fx);
    fx_pci(fx, "0000:42:00.0"); /* a PF without a netdev */
    fx_vf(fx, "0000:42:00.0", "0000:42:02.0", 0);
    topo = fx_topo(fx);

    ups_ = xcvr_topo_uplinks_for_pci(topo, "0000:41:02.1", &error);
    assert_non_null(ups_);
    assert_int_equal(ups_->len, 1);
    assert_uplink(ups_, 0, "enp65s0f0", "0000:41:00.0", -1,
                  "vf:0000:41:02.1 physical:enp65s0f0");
    up = g_ptr_array_index(ups_, 0);
    assert_string_equal(hop_detail(up->path, 0), "vf 1 of enp65s0f0");
    g_ptr_array_unref(ups_);

    ups_ = xcvr_topo_uplinks_for_pci(topo, "0000:42:02.0", &error);
    assert_non_null(ups_);
    assert_int_equal(ups_->len, 1);
    assert_uplink(ups_, 0, NULL, "0000:42:00.0", -1, "vf:0000:42:02.0 physical:0000:42:00.0");
    assert_string_equal(hop_detail(((XcvrUplink *)ups_->pdata[0])->path, 0),
                        "vf 0 of 0000:42:00.0");
    g_ptr_array_unref(ups_);

    ups_ = xcvr_topo_uplinks_for_pci(topo, "0000:41:00.1", &error);
    assert_non_null(ups_);
    assert_int_equal(ups_->len, 1);
    assert_uplink(ups_, 0, "enp65s0f1", "0000:41:00.1", -1, "physical:enp65s0f1");
    g_ptr_array_unref(ups_);
    ups_ = NULL;

    assert_null(xcvr_topo_uplinks_for_pci(topo, "0000:99:00.0", &error));
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE));
    g_clear_error(&error);
    assert_null(xcvr_topo_uplinks_for_pci(topo, "../../../etc", &error));
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_INVALID_ARGUMENT));
}

/* A container's veth0, whose peer veth1 is a port of br2 on the physical port eno1 (behind
 * virtio, as on a VM: the PCI function is the device's parent). */
static void
test_veth_bridge_physical(void **state)
{
    g_autoptr(Fx) fx = fx_new();
    g_autoptr(XcvrTopo) topo = NULL;
    g_autoptr(GPtrArray) ups_ = NULL;
    const XcvrUplink *up;

    fx_dir(fx, "sys/devices/pci0000:00/0000:00:03.0/virtio2");
    fx_netdev(fx, "devices/pci0000:00/0000:00:03.0/virtio2/net", "eno1", 2, 2);
    fx_link(fx, "sys/devices/pci0000:00/0000:00:03.0/virtio2/net/eno1/device", "../../../virtio2");
    fx_netdev(fx, "devices/virtual/net", "veth0", 8, 9);
    fx_netdev(fx, "devices/virtual/net", "veth1", 9, 8);
    fx_bridge(fx, "br2", 10);
    fx_bridge_port(fx, "br2", "eno1");
    fx_bridge_port(fx, "br2", "veth1");
    topo = fx_topo(fx);

    ups_ = uplinks_ok(topo, "veth0");
    assert_int_equal(ups_->len, 1);
    assert_uplink(ups_, 0, "eno1", "0000:00:03.0", -1,
                  "veth:veth0 veth:veth1 bridge:br2 physical:eno1");
    up = g_ptr_array_index(ups_, 0);
    assert_string_equal(hop_detail(up->path, 0), "peer veth1");
    assert_string_equal(hop_detail(up->path, 1), "peer veth0");
    g_ptr_array_unref(ups_);

    /* the host end, a bridge port: into the bridge, not back to the container */
    ups_ = uplinks_ok(topo, "veth1");
    assert_int_equal(ups_->len, 1);
    assert_uplink(ups_, 0, "eno1", "0000:00:03.0", -1, "veth:veth1 bridge:br2 physical:eno1");
}

/* A NAT bridge with no physical port: no uplink and no error; the path stops at the bridge
 * (another VM's tap and a container's veth on it are not part of it). */
static void
test_nat_bridge(void **state)
{
    g_autoptr(Fx) fx = fx_new();
    g_autoptr(XcvrTopo) topo = NULL;
    g_autoptr(GPtrArray) ups_ = NULL;

    fx_bridge(fx, "virbr0", 2);
    fx_tap(fx, "vnet5", 3);
    fx_tap(fx, "vnet6", 4);
    fx_netdev(fx, "devices/virtual/net", "vethc0", 5, 6);
    fx_netdev(fx, "devices/virtual/net", "vethc1", 6, 5);
    fx_bridge_port(fx, "virbr0", "vnet5");
    fx_bridge_port(fx, "virbr0", "vnet6");
    fx_bridge_port(fx, "virbr0", "vethc0");
    fx_tap(fx, "tap-lonely", 7); /* on no bridge: routed */
    topo = fx_topo(fx);

    ups_ = uplinks_ok(topo, "vnet5");
    assert_int_equal(ups_->len, 0);
    assert_path(topo, "vnet5", "tap:vnet5 bridge:virbr0");
    assert_path(topo, "vethc1", "veth:vethc1 veth:vethc0 bridge:virbr0");
    assert_path(topo, "tap-lonely", "tap:tap-lonely");
    assert_path(topo, "virbr0", "bridge:virbr0");
}

/* Loops: two devices each the other's lower; a bridge listed among its own ports; a veth
 * pair in one bridge. Every walk ends. */
static void
test_cycle(void **state)
{
    g_autoptr(Fx) fx = fx_new();
    g_autoptr(XcvrTopo) topo = NULL;
    g_autoptr(GPtrArray) ups_ = NULL;

    fx_pci(fx, "0000:41:00.0");
    fx_pci_netdev(fx, "0000:41:00.0", "enp65s0f0", 2);
    fx_netdev(fx, "devices/virtual/net", "mvA", 3, 4);
    fx_netdev(fx, "devices/virtual/net", "mvB", 4, 3);
    fx_devlink(fx, "mvA", "lower_mvB", "mvB", NULL);
    fx_devlink(fx, "mvB", "lower_mvA", "mvA", NULL);
    fx_bridge(fx, "brc", 5);
    fx_devlink(fx, "brc", "brif/brc", "brc", "/brport");
    fx_netdev(fx, "devices/virtual/net", "vl0", 6, 7);
    fx_netdev(fx, "devices/virtual/net", "vl1", 7, 6);
    fx_bridge_port(fx, "brc", "vl0");
    fx_bridge_port(fx, "brc", "vl1");
    fx_bridge_port(fx, "brc", "enp65s0f0");
    topo = fx_topo(fx);

    ups_ = uplinks_ok(topo, "mvA");
    assert_int_equal(ups_->len, 0);
    assert_path(topo, "mvA", "macvlan:mvA macvlan:mvB");
    g_ptr_array_unref(ups_);
    ups_ = uplinks_ok(topo, "vl0");
    assert_int_equal(ups_->len, 1);
    assert_uplink(ups_, 0, "enp65s0f0", "0000:41:00.0", -1,
                  "veth:vl0 bridge:brc physical:enp65s0f0");
    g_ptr_array_unref(ups_);
    ups_ = uplinks_ok(topo, "brc");
    assert_int_equal(ups_->len, 1);
}

/* Names with spaces and unicode, a 15-character name, "...", and names that are not names:
 * sysfs entries "lower_.." and a master link to "../.."; arguments "..", "a/b", "". */
static void
test_odd_names(void **state)
{
    g_autoptr(Fx) fx = fx_new();
    g_autoptr(XcvrTopo) topo = NULL;
    g_autoptr(GPtrArray) ups_ = NULL;
    const char *tap = "vnet \xc3\xbc 0"; /* "vnet ü 0" */

    fx_pci(fx, "0000:41:00.1");
    fx_pci_netdev(fx, "0000:41:00.1", "enp65s0f1np1abc", 2); /* 15 characters */
    fx_virtual(fx, "bond with space", 3);
    fx_attr(fx, "bond with space", "bonding/mode", "balance-xor 2\n");
    fx_attr(fx, "bond with space", "bonding/slaves", "enp65s0f1np1abc\n");
    fx_enslave(fx, "enp65s0f1np1abc", "bond with space");
    fx_bridge(fx, "br with space", 4);
    fx_tap(fx, tap, 5);
    fx_tap(fx, "...", 6);
    fx_bridge_port(fx, "br with space", tap);
    fx_bridge_port(fx, "br with space", "...");
    fx_bridge_port(fx, "br with space", "bond with space");
    fx_netdev(fx, "devices/virtual/net", "bad-lower", 7, 7);
    fx_link(fx, "sys/devices/virtual/net/bad-lower/lower_..", "../../../..");
    fx_tap(fx, "bad-master", 8);
    fx_link(fx, "sys/devices/virtual/net/bad-master/master", "../..");
    topo = fx_topo(fx);

    ups_ = uplinks_ok(topo, tap);
    assert_int_equal(ups_->len, 1);
    assert_uplink(ups_, 0, "enp65s0f1np1abc", "0000:41:00.1", 1,
                  "tap:vnet \xc3\xbc 0 bridge:br with space bond:bond with space "
                  "physical:enp65s0f1np1abc");
    g_ptr_array_unref(ups_);
    ups_ = uplinks_ok(topo, "...");
    assert_int_equal(ups_->len, 1);

    assert_walk_error(topo, "bad-lower", XCVR_ERROR_INVALID_DATA, "'..'");
    assert_walk_error(topo, "bad-master", XCVR_ERROR_INVALID_DATA, "'..'");
    assert_walk_error(topo, "..", XCVR_ERROR_INVALID_ARGUMENT, NULL);
    assert_walk_error(topo, ".", XCVR_ERROR_INVALID_ARGUMENT, NULL);
    assert_walk_error(topo, "br0/../../..", XCVR_ERROR_INVALID_ARGUMENT, NULL);
    assert_walk_error(topo, "", XCVR_ERROR_INVALID_ARGUMENT, NULL);
    assert_walk_error(topo, "nosuch0", XCVR_ERROR_NO_DEVICE, "no netdev nosuch0");
}

/* A bridge that vanishes after the snapshot: walks through it fail with NO_DEVICE, walks
 * elsewhere still work; the vanished device itself fails likewise. */
static void
test_vanish(void **state)
{
    g_autoptr(Fx) fx = fx_new();
    g_autoptr(XcvrTopo) topo = NULL;
    g_autoptr(GPtrArray) ups_ = NULL;

    fx_two_pfs(fx);
    fx_bridge(fx, "br9", 4);
    fx_tap(fx, "vnet9", 5);
    fx_tap(fx, "vnet8", 6);
    fx_bridge_port(fx, "br9", "vnet9");
    fx_bridge_port(fx, "br9", "enp65s0f0");
    fx_bridge_port(fx, "br9", "vnet8");
    topo = fx_topo(fx);
    ups_ = uplinks_ok(topo, "vnet9");
    assert_int_equal(ups_->len, 1);
    g_ptr_array_unref(ups_);

    /* ip link del br9: its directory and class/net link go */
    {
        g_autofree char *dir = g_build_filename(fx->root, "sys/devices/virtual/net/br9", NULL);
        g_autofree char *cls = g_build_filename(fx->root, "sys/class/net/br9", NULL);

        rm_rf(dir);
        assert_int_equal(g_unlink(cls), 0);
    }
    assert_walk_error(topo, "vnet9", XCVR_ERROR_NO_DEVICE, "br9 vanished");
    assert_walk_error(topo, "vnet9", XCVR_ERROR_NO_DEVICE, "walking from vnet9");
    assert_walk_error(topo, "br9", XCVR_ERROR_NO_DEVICE, "br9 vanished");
    ups_ = uplinks_ok(topo, "enp65s0f1");
    assert_int_equal(ups_->len, 1);
    g_ptr_array_unref(ups_);
    ups_ = uplinks_ok(topo, "enp65s0f0");
    assert_int_equal(ups_->len, 1);
}

/* bond0 over the two PFs in @mode, with members as the kernel shows them in sysfs. */
static void
fx_bond(Fx *fx, const char *mode)
{
    fx_two_pfs(fx);
    fx_virtual(fx, "bond0", 4);
    fx_attr(fx, "bond0", "uevent", "DEVTYPE=bond\nINTERFACE=bond0\n");
    fx_attr(fx, "bond0", "bonding/mode", mode);
    fx_attr(fx, "bond0", "bonding/slaves", "enp65s0f0 enp65s0f1\n");
    fx_enslave(fx, "enp65s0f0", "bond0");
    fx_enslave(fx, "enp65s0f1", "bond0");
}

/* 802.3ad from sysfs: a member carries traffic only in the bond's active aggregator
 * (bonding/ad_aggregator) and with MII up; one in another aggregator, or down, does not. */
static void
test_bond_lacp_sysfs(void **state)
{
    g_autoptr(Fx) fx = fx_new();
    g_autoptr(GPtrArray) ups_ = NULL;

    fx_bond(fx, "802.3ad 4\n");
    fx_attr(fx, "bond0", "bonding/ad_aggregator", "1\n");
    fx_attr(fx, "enp65s0f0", "bonding_slave/ad_aggregator_id", "1\n");
    fx_attr(fx, "enp65s0f0", "bonding_slave/mii_status", "up\n");
    fx_attr(fx, "enp65s0f1", "bonding_slave/ad_aggregator_id", "2\n");
    fx_attr(fx, "enp65s0f1", "bonding_slave/mii_status", "up\n");
    {
        g_autoptr(XcvrTopo) topo = fx_topo(fx);

        ups_ = uplinks_ok(topo, "bond0");
        assert_int_equal(ups_->len, 2);
        assert_role(ups_, 0, "enp65s0f0", 1, XCVR_BOND_RULE_LACP_AGGREGATOR);
        assert_role(ups_, 1, "enp65s0f1", 0, XCVR_BOND_RULE_LACP_AGGREGATOR);
        g_clear_pointer(&ups_, g_ptr_array_unref);
    }

    /* both in aggregator 1, but the first's link is down */
    fx_attr(fx, "enp65s0f1", "bonding_slave/ad_aggregator_id", "1\n");
    fx_attr(fx, "enp65s0f0", "bonding_slave/mii_status", "down\n");
    {
        g_autoptr(XcvrTopo) topo = fx_topo(fx);

        ups_ = uplinks_ok(topo, "bond0");
        assert_role(ups_, 0, "enp65s0f0", 0, XCVR_BOND_RULE_LACP_AGGREGATOR);
        assert_role(ups_, 1, "enp65s0f1", 1, XCVR_BOND_RULE_LACP_AGGREGATOR);
        g_clear_pointer(&ups_, g_ptr_array_unref);
    }
    assert_string_equal(xcvr_bond_rule_to_string(XCVR_BOND_RULE_LACP_AGGREGATOR),
                        "802.3ad-aggregator");
    assert_null(xcvr_bond_rule_to_string(XCVR_BOND_RULE_NONE));
    assert_null(xcvr_bond_rule_to_string(_XCVR_BOND_RULE_LAST));
}

/* 802.3ad where sysfs has neither ad_aggregator nor the members' bonding_slave/ (an older
 * kernel, a copied tree): the active aggregator and each member's aggregator and MII status
 * come from /proc/net/bonding/BOND, as bond_procfs.c prints them. */
static void
test_bond_lacp_procfs(void **state)
{
    g_autoptr(Fx) fx = fx_new();
    g_autoptr(XcvrTopo) topo = NULL;
    g_autoptr(GPtrArray) ups_ = NULL;

    fx_bond(fx, "802.3ad 4\n");
    fx_file(fx, "proc/net/bonding/bond0",
            "Ethernet Channel Bonding Driver: v6.1.0\n\n"
            "Bonding Mode: IEEE 802.3ad Dynamic link aggregation\n"
            "Transmit Hash Policy: layer2 (0)\n"
            "MII Status: up\n\n"
            "802.3ad info\nLACP active: on\nLACP rate: slow\nMin links: 0\n"
            "Aggregator selection policy (ad_select): stable\n"
            "System priority: 65535\n"
            "Active Aggregator Info:\n"
            "\tAggregator ID: 2\n\tNumber of ports: 1\n\tActor Key: 15\n\tPartner Key: 1\n"
            "\tPartner Mac Address: 00:11:22:33:44:55\n\n"
            "Slave Interface: enp65s0f0\nMII Status: up\nSpeed: 25000 Mbps\n"
            "Aggregator ID: 1\nActor Churn State: none\n"
            "details actor lacp pdu:\n    system priority: 65535\n    port state: 61\n\n"
            "Slave Interface: enp65s0f1\nMII Status: up\nSpeed: 25000 Mbps\n"
            "Aggregator ID: 2\nActor Churn State: none\n");
    topo = fx_topo(fx);

    ups_ = uplinks_ok(topo, "bond0");
    assert_int_equal(ups_->len, 2);
    assert_role(ups_, 0, "enp65s0f0", 0, XCVR_BOND_RULE_LACP_AGGREGATOR);
    assert_role(ups_, 1, "enp65s0f1", 1, XCVR_BOND_RULE_LACP_AGGREGATOR);
}

/* balance-xor (sysfs) and balance-rr (/proc only): every member whose MII status is up. */
static void
test_bond_balance(void **state)
{
    g_autoptr(Fx) fx = fx_new();
    g_autoptr(GPtrArray) ups_ = NULL;

    fx_bond(fx, "balance-xor 2\n");
    fx_attr(fx, "enp65s0f0", "bonding_slave/mii_status", "up\n");
    fx_attr(fx, "enp65s0f1", "bonding_slave/mii_status", "down\n");
    {
        g_autoptr(XcvrTopo) topo = fx_topo(fx);

        ups_ = uplinks_ok(topo, "bond0");
        assert_int_equal(ups_->len, 2);
        assert_role(ups_, 0, "enp65s0f0", 1, XCVR_BOND_RULE_BALANCE_UP);
        assert_role(ups_, 1, "enp65s0f1", 0, XCVR_BOND_RULE_BALANCE_UP);
        g_clear_pointer(&ups_, g_ptr_array_unref);
    }
    {
        g_autoptr(Fx) fx2 = fx_new();
        g_autoptr(XcvrTopo) topo = NULL;
        const XcvrUplink *up;

        fx_two_pfs(fx2);
        fx_virtual(fx2, "bond1", 4);
        fx_attr(fx2, "bond1", "uevent", "DEVTYPE=bond\nINTERFACE=bond1\n");
        fx_file(fx2, "proc/net/bonding/bond1",
                "Bonding Mode: load balancing (round-robin)\nMII Status: up\n\n"
                "Slave Interface: enp65s0f0\nMII Status: down\n\n"
                "Slave Interface: enp65s0f1\nMII Status: up\n");
        topo = fx_topo(fx2);
        ups_ = uplinks_ok(topo, "bond1");
        assert_int_equal(ups_->len, 2);
        assert_role(ups_, 0, "enp65s0f0", 0, XCVR_BOND_RULE_BALANCE_UP);
        assert_role(ups_, 1, "enp65s0f1", 1, XCVR_BOND_RULE_BALANCE_UP);
        up = g_ptr_array_index(ups_, 0);
        /* /proc's long mode name becomes the sysfs name */
        assert_string_equal(hop_detail(up->path, 0), "mode balance-rr");
        g_clear_pointer(&ups_, g_ptr_array_unref);
    }
}

/* A virtio-net NIC: its netdev sits under a virtio device on the PCI function
 * (FN/virtio0/net/eth0); from the function, the walk finds the netdev, not "vfio". */
static void
test_virtio_pci(void **state)
{
    g_autoptr(Fx) fx = fx_new();
    g_autoptr(XcvrTopo) topo = NULL;
    g_autoptr(GPtrArray) ups_ = NULL;
    g_autoptr(GError) error = NULL;
    const XcvrUplink *up;

    fx_pci(fx, "0000:00:03.0");
    fx_dir(fx, "sys/" PCI_PARENT "/0000:00:03.0/virtio0");
    fx_link(fx, "sys/" PCI_PARENT "/0000:00:03.0/driver", "../../../bus/pci/drivers/virtio-pci");
    fx_netdev(fx, PCI_PARENT "/0000:00:03.0/virtio0/net", "eth0", 2, 2);
    fx_link(fx, "sys/" PCI_PARENT "/0000:00:03.0/virtio0/net/eth0/device", "../../../virtio0");
    topo = fx_topo(fx);

    ups_ = xcvr_topo_uplinks_for_pci(topo, "0000:00:03.0", &error);
    if (ups_ == NULL)
        fail_msg("%s", error->message);
    assert_int_equal(ups_->len, 1);
    assert_uplink(ups_, 0, "eth0", "0000:00:03.0", -1, "physical:eth0");
    up = g_ptr_array_index(ups_, 0);
    assert_string_equal(hop_detail(up->path, 0), "pci 0000:00:03.0");
}

/* The same on this machine, when one of its NICs is virtio-net (skipped otherwise). */
static void
test_virtio_pci_real_host(void **state)
{
    g_autoptr(GDir) d = g_dir_open("/sys/bus/pci/devices", 0, NULL);
    g_autoptr(XcvrTopo) topo = NULL;
    g_autofree char *pci = NULL;
    g_autofree char *netdev = NULL;
    g_autoptr(GPtrArray) ups_ = NULL;
    g_autoptr(GError) error = NULL;
    const char *fn;
    guint i;

    while (d != NULL && pci == NULL && (fn = g_dir_read_name(d)) != NULL) {
        g_autofree char *fn_dir = g_build_filename("/sys/bus/pci/devices", fn, NULL);
        g_autoptr(GDir) sub = g_dir_open(fn_dir, 0, NULL);
        const char *child;

        while (sub != NULL && pci == NULL && (child = g_dir_read_name(sub)) != NULL) {
            g_autofree char *net = NULL;
            g_autoptr(GDir) nets = NULL;
            const char *name;

            if (!g_str_has_prefix(child, "virtio"))
                continue;
            net = g_build_filename(fn_dir, child, "net", NULL);
            nets = g_dir_open(net, 0, NULL);
            if (nets != NULL && (name = g_dir_read_name(nets)) != NULL) {
                pci = g_strdup(fn);
                netdev = g_strdup(name);
            }
        }
    }
    if (pci == NULL)
        skip();
    topo = xcvr_topo_new(NULL, &error);
    assert_non_null(topo);
    ups_ = xcvr_topo_uplinks_for_pci(topo, pci, &error);
    if (ups_ == NULL)
        fail_msg("%s: %s", pci, error->message);
    for (i = 0; i < ups_->len; i++) {
        const XcvrUplink *up = g_ptr_array_index(ups_, i);

        if (g_strcmp0(up->netdev, netdev) == 0)
            return;
    }
    fail_msg("%s: its virtio-net netdev %s is not among its uplinks", pci, netdev);
}

/* The ports that can hold a module, under a root prefix: PCI functions (a virtio-net one
 * too: it will read as not-supported), not VFs, radios, bridges, bonds, taps, lo. */
static void
test_list_module_ports(void **state)
{
    g_autoptr(Fx) fx = fx_new();
    g_autoptr(GPtrArray) ports = NULL;
    g_autoptr(GError) error = NULL;

    fx_two_pfs(fx);
    fx_pci_netdev(fx, "0000:41:02.0", "enp65s0f0v0", 9); /* a VF's netdev (physfn) */
    fx_dir(fx, "sys/" PCI_PARENT "/0000:00:03.0/virtio0");
    fx_netdev(fx, PCI_PARENT "/0000:00:03.0/virtio0/net", "eth0", 10, 10);
    fx_link(fx, "sys/" PCI_PARENT "/0000:00:03.0/virtio0/net/eth0/device", "../../../virtio0");
    fx_bridge(fx, "br0", 11);
    fx_virtual(fx, "bond0", 12);
    fx_attr_dir(fx, "bond0", "bonding");
    fx_tap(fx, "vnet0", 13);
    fx_virtual(fx, "lo", 1);
    fx_pci_netdev(fx, "0000:41:00.1", "wlan0", 14);
    fx_attr_dir(fx, "wlan0", "phy80211");

    ports = xcvr_topo_list_module_ports(fx->root, &error);
    assert_non_null(ports);
    assert_int_equal(ports->len, 3);
    assert_string_equal(ports->pdata[0], "enp65s0f0");
    assert_string_equal(ports->pdata[1], "enp65s0f1");
    assert_string_equal(ports->pdata[2], "eth0");
    g_clear_pointer(&ports, g_ptr_array_unref);

    {
        g_autofree char *missing = g_build_filename(fx->root, "nope", NULL);

        assert_null(xcvr_topo_list_module_ports(missing, &error));
        assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_IO));
    }
}

/* One builder for every host path: ROOT/… whatever ROOT and however the parts are given. */
static void
test_root_path(void **state)
{
    g_autofree char *a = xcvr_root_path(NULL, "sys", "class", "net", NULL);
    g_autofree char *b = xcvr_root_path("", "proc/net", NULL);
    g_autofree char *c = xcvr_root_path("/tmp/host", "/run/openvswitch/db.sock", NULL);
    g_autofree char *d = xcvr_root_path("/tmp/host/", "etc", NULL);

    assert_string_equal(a, "/sys/class/net");
    assert_string_equal(b, "/proc/net");
    assert_string_equal(c, "/tmp/host/run/openvswitch/db.sock");
    assert_string_equal(d, "/tmp/host/etc");
}

/* A root without sys/class/net: an I/O error from xcvr_topo_new. */
static void
test_bad_root(void **state)
{
    g_autoptr(Fx) fx = fx_new();
    g_autoptr(GError) error = NULL;
    g_autoptr(XcvrTopo) topo = xcvr_topo_new(fx->root, &error);

    assert_null(topo);
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_IO));
}

/* ---- one whole-host pass: what every walk shares ---- */

/* Every walk of @names (netdevs) on @topo, one line each: uplinks with their roles and
 * paths, the shown path, the notes, or the error. */
static char *
walk_report(XcvrTopo *topo, const char *const *names)
{
    GString *s = g_string_new(NULL);
    guint n, i;

    for (n = 0; names[n] != NULL; n++) {
        g_autoptr(GPtrArray) uplinks = NULL;
        g_autoptr(GPtrArray) path = NULL;
        g_autoptr(GPtrArray) notes = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *shown = NULL;

        g_string_append_printf(s, "%s:", names[n]);
        if (!xcvr_topo_walk_with_notes(topo, XCVR_TOPO_START_NETDEV, names[n], &uplinks, &path,
                                       &notes, &error)) {
            g_string_append_printf(s, " error %d %s\n", error->code, error->message);
            continue;
        }
        for (i = 0; i < uplinks->len; i++) {
            const XcvrUplink *up = g_ptr_array_index(uplinks, i);
            g_autofree char *p = path_string(up->path);

            g_string_append_printf(s, " [%s %d %s]", up->netdev != NULL ? up->netdev : up->pci,
                                   up->active, p);
        }
        shown = path_string(path);
        g_string_append_printf(s, " path %s", shown);
        for (i = 0; i < notes->len; i++)
            g_string_append_printf(s, " note %s", (const char *)g_ptr_array_index(notes, i));
        g_string_append_c(s, '\n');
    }
    return g_string_free(s, FALSE);
}

/* One pass over @names: with the walks sharing what lies below each bridge, or not. The
 * device steps the walks took in *@ret_steps. */
static char *
pass_report(Fx *fx, const char *const *names, gboolean memo, guint64 *ret_steps)
{
    g_autoptr(XcvrTopo) topo = fx_topo(fx);

    xcvr_topo_cache_devices(topo);
    xcvr_topo_set_memo(topo, memo);
    {
        char *report = walk_report(topo, names);

        *ret_steps = xcvr_topo_walk_steps(topo);
        return report;
    }
}

/* br0 over an active-backup bond of the two PFs, with @n guests' taps vm0 … vmN-1. */
static void
fx_busy_bridge(Fx *fx, guint n)
{
    guint i;

    fx_two_pfs(fx);
    fx_virtual(fx, "bond0", 4);
    fx_attr(fx, "bond0", "uevent", "DEVTYPE=bond\nINTERFACE=bond0\n");
    fx_attr(fx, "bond0", "bonding/mode", "active-backup 1\n");
    fx_attr(fx, "bond0", "bonding/active_slave", "enp65s0f1\n");
    fx_attr(fx, "bond0", "bonding/slaves", "enp65s0f0 enp65s0f1\n");
    fx_enslave(fx, "enp65s0f0", "bond0");
    fx_enslave(fx, "enp65s0f1", "bond0");
    fx_bridge(fx, "br0", 5);
    fx_bridge_port(fx, "br0", "bond0");
    for (i = 0; i < n; i++) {
        g_autofree char *tap = g_strdup_printf("vm%u", i);

        fx_tap(fx, tap, 10 + (int)i);
        fx_bridge_port(fx, "br0", tap);
    }
}

/* Mapping every guest of a bridge takes the same steps per guest however many guests the
 * bridge has (tap, bridge, bond, two ports), and the same answers as walking every port of
 * the bridge for every guest, which takes steps in proportion to the guests. */
static void
test_bridge_walked_once(void **state)
{
    static const guint sizes[] = {8, 64};
    guint k;

    for (k = 0; k < G_N_ELEMENTS(sizes); k++) {
        guint n = sizes[k];
        g_autoptr(Fx) fx = fx_new();
        g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
        g_autofree char *shared = NULL;
        g_autofree char *each = NULL;
        guint64 shared_steps = 0;
        guint64 each_steps = 0;
        guint i;

        fx_busy_bridge(fx, n);
        for (i = 0; i < n; i++)
            g_ptr_array_add(names, g_strdup_printf("vm%u", i));
        g_ptr_array_add(names, g_strdup("br0"));
        g_ptr_array_add(names, g_strdup("bond0"));
        g_ptr_array_add(names, NULL);
        shared = pass_report(fx, (const char *const *)names->pdata, TRUE, &shared_steps);
        each = pass_report(fx, (const char *const *)names->pdata, FALSE, &each_steps);
        assert_string_equal(shared, each);
        assert_non_null(strstr(shared, "vm1: [enp65s0f0 0 tap:vm1 bridge:br0 bond:bond0 "
                                       "physical:enp65s0f0] [enp65s0f1 1 "));
        /* 5 per guest, 4 from br0 (no tap entered), 3 from bond0 */
        assert_int_equal(shared_steps, 5 * n + 4 + 3);
        assert_true(each_steps >= (guint64)n * n);
    }
}

/* A port a hub passes over is still entered by a walk that reaches it another way before
 * the hub's loop gets to it, as the full walk does: here the PF netdev "zz" of a VF in the
 * same bridge, a tap (a forged tree) after the VF in port order, is a dead end the walk
 * from "b" records; from "a" the same port stands before the VF and the hub has passed it. */
static void
test_bridge_pass_order(void **state)
{
    static const char *const names[] = {"b", "a", "m-vf", "zz", "br0", NULL};
    g_autoptr(Fx) fx = fx_new();
    g_autofree char *shared = NULL;
    g_autofree char *each = NULL;
    guint64 steps = 0;

    fx_pci(fx, "0000:41:00.0");
    fx_pci_netdev(fx, "0000:41:00.0", "zz", 2);
    fx_attr(fx, "zz", "tun_flags", "0x1002\n");
    fx_vf(fx, "0000:41:00.0", "0000:41:02.0", 0);
    fx_pci_netdev(fx, "0000:41:02.0", "m-vf", 3);
    fx_bridge(fx, "br0", 4);
    fx_tap(fx, "a", 5);
    fx_tap(fx, "b", 6);
    fx_bridge_port(fx, "br0", "a");
    fx_bridge_port(fx, "br0", "b");
    fx_bridge_port(fx, "br0", "m-vf");
    fx_bridge_port(fx, "br0", "zz");

    shared = pass_report(fx, names, TRUE, &steps);
    each = pass_report(fx, names, FALSE, &steps);
    assert_string_equal(shared, each);
    assert_non_null(strstr(shared, "b: path tap:b bridge:br0 vf:m-vf tap:zz\n"));
    assert_non_null(strstr(shared, "a: path tap:a bridge:br0 vf:m-vf tap:zz\n"));
}

/* Outside a bridge a port that leads nowhere is where the walk ends, and is recorded: a
 * bond of two taps (a forged tree) is walked member by member, never passed over. */
static void
test_hub_outside_bridge(void **state)
{
    static const char *const names[] = {"t1", "bond0", "t2", NULL};
    g_autoptr(Fx) fx = fx_new();
    g_autofree char *shared = NULL;
    g_autofree char *each = NULL;
    guint64 steps = 0;

    fx_virtual(fx, "bond0", 2);
    fx_attr(fx, "bond0", "uevent", "DEVTYPE=bond\nINTERFACE=bond0\n");
    fx_attr(fx, "bond0", "bonding/mode", "balance-xor 2\n");
    fx_attr(fx, "bond0", "bonding/slaves", "t1 t2\n");
    fx_tap(fx, "t1", 3);
    fx_tap(fx, "t2", 4);
    fx_enslave(fx, "t1", "bond0");
    fx_enslave(fx, "t2", "bond0");

    shared = pass_report(fx, names, TRUE, &steps);
    each = pass_report(fx, names, FALSE, &steps);
    assert_string_equal(shared, each);
    assert_non_null(strstr(shared, "bond0: path bond:bond0 tap:t1\n"));
}

/* Every VF of a PF finds its index among the PF's virtfnN once per pass; the answers are
 * those of a walk that reads them for itself. */
static void
test_vf_index_shared(void **state)
{
    g_autoptr(Fx) fx = fx_new();
    g_autoptr(XcvrTopo) shared = NULL;
    g_autoptr(XcvrTopo) each = NULL;
    int i;

    fx_two_pfs(fx);
    for (i = 4; i < 12; i++) {
        g_autofree char *vf = g_strdup_printf("0000:41:%02x.%d", 2 + i / 8, i % 8);

        fx_vf(fx, "0000:41:00.0", vf, i);
    }
    shared = fx_topo(fx);
    xcvr_topo_cache_devices(shared);
    each = fx_topo(fx);
    for (i = 0; i < 12; i++) {
        g_autofree char *vf = g_strdup_printf("0000:41:%02x.%d", 2 + i / 8, i % 8);
        g_autofree char *want = g_strdup_printf("vf %d of enp65s0f0", i);
        g_autoptr(GPtrArray) a = xcvr_topo_uplinks_for_pci(shared, vf, NULL);
        g_autoptr(GPtrArray) b = xcvr_topo_uplinks_for_pci(each, vf, NULL);
        const XcvrUplink *ua, *ub;
        g_autofree char *pa = NULL;
        g_autofree char *pb = NULL;

        assert_non_null(a);
        assert_non_null(b);
        assert_int_equal(a->len, 1);
        assert_int_equal(b->len, 1);
        ua = g_ptr_array_index(a, 0);
        ub = g_ptr_array_index(b, 0);
        assert_string_equal(hop_detail(ua->path, 0), want);
        assert_string_equal(hop_detail(ub->path, 0), want);
        pa = path_string(ua->path);
        pb = path_string(ub->path);
        assert_string_equal(pa, pb);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind_names),
        cmocka_unit_test(test_tap_bridge_bond),
        cmocka_unit_test(test_bond_procfs),
        cmocka_unit_test(test_macvtap_vlan_pf),
        cmocka_unit_test(test_vf_netdev),
        cmocka_unit_test(test_vf_pci),
        cmocka_unit_test(test_veth_bridge_physical),
        cmocka_unit_test(test_nat_bridge),
        cmocka_unit_test(test_cycle),
        cmocka_unit_test(test_odd_names),
        cmocka_unit_test(test_vanish),
        cmocka_unit_test(test_bad_root),
        cmocka_unit_test(test_bond_lacp_sysfs),
        cmocka_unit_test(test_bond_lacp_procfs),
        cmocka_unit_test(test_bond_balance),
        cmocka_unit_test(test_virtio_pci),
        cmocka_unit_test(test_virtio_pci_real_host),
        cmocka_unit_test(test_list_module_ports),
        cmocka_unit_test(test_root_path),
        cmocka_unit_test(test_bridge_walked_once),
        cmocka_unit_test(test_bridge_pass_order),
        cmocka_unit_test(test_hub_outside_bridge),
        cmocka_unit_test(test_vf_index_shared),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
