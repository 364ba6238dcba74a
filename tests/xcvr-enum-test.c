/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-enum-test.c: every public enum's names, through the installed library's exported
 * symbols only: each value round-trips to its string and back, unknown strings give -1,
 * and the strings are the ones the JSON and XML contracts already carry.
 */
#include "xcvr-test-util.h"

#include <xcvrmap/xcvrmap.h>

/* Built like an outside caller: the _LAST sentinels must not be visible. */
#ifdef XCVR_ENUM_SENTINELS
# error "the enum sentinels leaked into a caller's compilation"
#endif

typedef const char *(*ToString)(int value);
typedef int (*FromString)(const char *str);

typedef struct {
    const char *what;
    ToString to;
    FromString from;
    const char *const *names; /* indexed by value; NULL: a retired value */
    int n;
    const char *fallback;     /* _to_string of a value outside the enum */
} EnumCase;

static const char *const error_names[] = {
    "failed", "io", "not-supported", "no-module", "truncated", "invalid-data", "checksum",
    NULL, /* 7: XCVR_ERROR_UNSUPPORTED, retired */
    "libvirt", "invalid-argument", "no-device", "permission", "timeout", "no-dump",
};
static const char *const family_names[] = { "unknown", "sff8472", "sff8636", "cmis" };
static const char *const checksum_names[] = { "ok", "bad", "absent" };
static const char *const source_names[] = { "none", "netlink", "ioctl", "file" };
static const char *const hop_names[] = {
    "tap", "macvtap", "macvlan", "veth", "bridge", "vlan", "bond", "vf", "vxlan",
    "physical", "other", "ovs-bridge", "ovs-bond", "ovs-patch", "vhostuser", "dpdk", "vdpa",
    "tunnel",
};
static const char *const start_names[] = { "netdev", "pci", "ovs-port", "vdpa" };
static const char *const vnic_type_names[] = {
    "bridge", "network", "direct", "hostdev", "vdpa", "ethernet", "vhostuser", "user",
    "other",
};
static const char *const attach_names[] = { "netdev", "macvtap-on", "pci", "vdpa", "vhostuser" };
static const char *const status_names[] = { "ok", "no-uplink", "error" };
static const char *const health_names[] = { "ok", "unknown", "warning", "alarm", "down" };
static const char *const flag_state_names[] = { "clear", "rising", "raised", "falling" };

#define CASE(what, prefix, table, fallback) \
    { what, (ToString)xcvr_##prefix##_to_string, xcvr_##prefix##_from_string, table, \
      (int)G_N_ELEMENTS(table), fallback }

static const EnumCase cases[] = {
    CASE("XcvrError", error, error_names, "failed"),
    CASE("XcvrFamily", family, family_names, "unknown"),
    CASE("XcvrChecksumStatus", checksum_status, checksum_names, "absent"),
    CASE("XcvrEepromSource", eeprom_source, source_names, "none"),
    CASE("XcvrHopKind", hop_kind, hop_names, "other"),
    CASE("XcvrTopoStart", topo_start, start_names, "netdev"),
    CASE("XcvrVnicType", vnic_type, vnic_type_names, "other"),
    CASE("XcvrVnicAttachKind", vnic_attach_kind, attach_names, "netdev"),
    CASE("XcvrVnicStatus", vnic_status, status_names, "error"),
    CASE("XcvrHealth", health, health_names, "unknown"),
    CASE("XcvrFlagState", flag_state, flag_state_names, "clear"),
};

static void
test_round_trip(void **state)
{
    for (gsize c = 0; c < G_N_ELEMENTS(cases); c++) {
        const EnumCase *e = &cases[c];

        for (int v = 0; v < e->n; v++) {
            if (e->names[v] == NULL) {
                assert_string_equal(e->to(v), e->fallback);
                continue;
            }
            if (g_strcmp0(e->to(v), e->names[v]) != 0)
                fail_msg("%s %d: \"%s\", expected \"%s\"", e->what, v, e->to(v), e->names[v]);
            if (e->from(e->names[v]) != v)
                fail_msg("%s \"%s\": %d, expected %d", e->what, e->names[v],
                         e->from(e->names[v]), v);
        }
    }
}

static void
test_out_of_range(void **state)
{
    for (gsize c = 0; c < G_N_ELEMENTS(cases); c++) {
        const EnumCase *e = &cases[c];

        /* one past the last value (where the private sentinel sits), far out, negative */
        assert_string_equal(e->to(e->n), e->fallback);
        assert_string_equal(e->to(1000), e->fallback);
        assert_string_equal(e->to(-1), e->fallback);
    }
}

static void
test_unknown_strings(void **state)
{
    static const char *const unknown[] = { "", "nope", "OK", "not_supported", " ok", "ok " };

    for (gsize c = 0; c < G_N_ELEMENTS(cases); c++) {
        const EnumCase *e = &cases[c];

        assert_int_equal(e->from(NULL), -1);
        for (gsize u = 0; u < G_N_ELEMENTS(unknown); u++) {
            if (e->from(unknown[u]) != -1)
                fail_msg("%s took \"%s\"", e->what, unknown[u]);
        }
    }
    /* the retired synonym's old name names nothing now */
    assert_int_equal(xcvr_error_from_string("unsupported"), -1);
}

static void
test_retired_error_code(void **state)
{
    /* the old name still compiles, and means the one code that is raised */
    assert_int_equal(XCVR_ERROR_UNSUPPORTED, XCVR_ERROR_NOT_SUPPORTED);
    assert_int_equal(XCVR_ERROR_NOT_SUPPORTED, 2);
    assert_int_equal(XCVR_ERROR_LIBVIRT, 8);
    assert_int_equal(XCVR_ERROR_TIMEOUT, 12);
    assert_int_equal(XCVR_ERROR_NO_DUMP, 13);
}

/* The bond rule is the one enum whose first value has no name: outside a bond the map
 * JSON's `active_rule` is null, not a string. */
static void
test_bond_rule(void **state)
{
    static const char *const names[] = {
        NULL, "active-backup", "802.3ad-aggregator", "802.3ad-mii", "balance-up",
        "mode-unknown", "ovs-active-backup", "ovs-balance",
    };

    assert_null(xcvr_bond_rule_to_string(XCVR_BOND_RULE_NONE));
    for (int v = 1; v < (int)G_N_ELEMENTS(names); v++) {
        assert_string_equal(xcvr_bond_rule_to_string((XcvrBondRule)v), names[v]);
        assert_int_equal(xcvr_bond_rule_from_string(names[v]), v);
    }
    assert_null(xcvr_bond_rule_to_string((XcvrBondRule)G_N_ELEMENTS(names)));
    assert_null(xcvr_bond_rule_to_string((XcvrBondRule)-1));
    assert_int_equal(xcvr_bond_rule_from_string(NULL), -1);
    assert_int_equal(xcvr_bond_rule_from_string("lacp"), -1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_out_of_range),
        cmocka_unit_test(test_unknown_strings),
        cmocka_unit_test(test_retired_error_code),
        cmocka_unit_test(test_bond_rule),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
