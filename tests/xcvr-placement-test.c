/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-placement-test.c: placement hints. The medium class and lane count of real corpus
 * modules (SR, LR, LR4, ER-by-reach, ZR, DAC, AOC, BASE-T, CMIS copper and active cables),
 * a module advertising SR that the codes call SR whatever its vendor says; then an
 * inventory on a host tests/hostgen/hostgen.py makes (an LACP bond of a 100G LR4 and a 40G
 * SR4, a ZR port alone): each uplink's hints, a vNIC's weakest-uplink hints, and the
 * map JSON `placement` objects and XML `<placement>` elements that carry them.
 */
#include "xcvr-test-util.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

static const char *hostgen_py;
static const char *host_spec;

static const struct {
    const char *image;
    XcvrMedia media;
    guint lanes;
} cases[] = {
    { "sff8472/finisar-ftlx8571d3bcl-sfpp-10g-sr.bin", XCVR_MEDIA_SR, 1 },
    { "sff8472/jdsu-plrxplscs4322n-sfpp-10g-sr.bin", XCVR_MEDIA_SR, 1 },
    { "sff8472/finisar-ftrj8519p1bnl-1000base-sx.bin", XCVR_MEDIA_SR, 1 },
    /* a 10GBASE-T module whose codes say 10GBASE-SR: the codes are what we go by */
    { "sff8472/oem-sfp-10g-t8-10gbase-t-as-sr-dom.bin", XCVR_MEDIA_SR, 1 },
    /* FC longwave single mode with an 80 km single-mode reach: ZR */
    { "sff8472/finisar-ftlx1871m3bcl-10g-zr.bin", XCVR_MEDIA_ZR, 1 },
    { "sff8472/finisar-fclf8522p2btl-1000base-t.bin", XCVR_MEDIA_BASE_T, 1 },
    { "sff8472/amphenol-ndccgf-c104-sfp28-25g-dac.bin", XCVR_MEDIA_DAC, 1 },
    { "sff8472/fs-10gsfp-pc-30-1-sfpp-dac.bin", XCVR_MEDIA_DAC, 1 },
    { "sff8636/dell-3mfxg-qsfp28-100g-lr4.bin", XCVR_MEDIA_LR, 4 },
    { "sff8636/finisar-ftl4c1qe1c-qsfpp-40g-lr4.bin", XCVR_MEDIA_LR, 4 },
    { "sff8636/innolight-tr-vc13t-n00-qsfp28-100g-psm4.bin", XCVR_MEDIA_LR, 4 },
    { "sff8636/avago-afbr-79eqdz-qsfpp-40g-sr4.bin", XCVR_MEDIA_SR, 4 },
    { "sff8636/finisar-ftlc9551repm-qsfp28-100g-sr4.bin", XCVR_MEDIA_SR, 4 },
    { "sff8636/finisar-fcbn425qb1c03-qsfp28-100g-aoc.bin", XCVR_MEDIA_AOC, 4 },
    { "sff8636/mellanox-mc2206130-001-qsfpp-dac.bin", XCVR_MEDIA_DAC, 4 },
    { "sff8636/3m-9qa0-111-12-qsfpp-40g-cr4-dac.bin", XCVR_MEDIA_DAC, 4 },
    { "cmis/amphenol-ndyyyf-0001-qsfpdd-400g-cr8-dac.bin", XCVR_MEDIA_DAC, 8 },
    { "cmis/hisense-def8504-2c02-cmis52-2x100g-aoc-p11.bin", XCVR_MEDIA_AOC, 4 },
};

static void
test_media_of_corpus(void **state)
{
    guint i;

    (void)state;
    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autoptr(GBytes) img = xcvr_test_load(cases[i].image);
        g_autoptr(GError) error = NULL;
        g_autoptr(XcvrModule) m = xcvr_module_decode(g_bytes_get_data(img, NULL),
                                                     g_bytes_get_size(img),
                                                     XCVR_FAMILY_UNKNOWN, XCVR_DECODE_NONE,
                                                     &error);
        XcvrMedia media;

        if (m == NULL)
            fail_msg("%s: %s", cases[i].image, error->message);
        media = xcvr_media_of_module(m);
        if (media != cases[i].media || xcvr_module_get_lanes(m) != cases[i].lanes)
            fail_msg("%s: media %s lanes %u, expected %s lanes %u", cases[i].image,
                     xcvr_media_to_string(media), xcvr_module_get_lanes(m),
                     xcvr_media_to_string(cases[i].media), cases[i].lanes);
    }
    assert_int_equal(xcvr_media_of_module(NULL), XCVR_MEDIA_UNKNOWN);
    assert_int_equal(xcvr_module_get_lanes(NULL), 0);
}

static void
test_names(void **state)
{
    (void)state;
    assert_string_equal(xcvr_media_to_string(XCVR_MEDIA_BASE_T), "base-t");
    assert_int_equal(xcvr_media_from_string("dwdm"), XCVR_MEDIA_DWDM);
    assert_int_equal(xcvr_media_from_string("fibre"), -1);
    assert_string_equal(xcvr_redundancy_to_string(XCVR_REDUNDANCY_ACTIVE_BACKUP),
                        "active-backup");
    assert_int_equal(xcvr_redundancy_from_string("lacp"), XCVR_REDUNDANCY_LACP);
    assert_int_equal(xcvr_redundancy_of_rule(XCVR_BOND_RULE_NONE), XCVR_REDUNDANCY_SINGLE);
    assert_int_equal(xcvr_redundancy_of_rule(XCVR_BOND_RULE_LACP_MII), XCVR_REDUNDANCY_LACP);
    assert_int_equal(xcvr_redundancy_of_rule(XCVR_BOND_RULE_OVS_BALANCE),
                     XCVR_REDUNDANCY_BALANCE);
    assert_int_equal(xcvr_redundancy_of_rule(XCVR_BOND_RULE_OVS_ACTIVE_BACKUP),
                     XCVR_REDUNDANCY_ACTIVE_BACKUP);
}

typedef struct {
    char *dir;
    XcvrInventory *inv;
} Fixture;

static XcvrVnic *
vnic_on(const char *domain, const char *mac, const char *target)
{
    XcvrVnic *v = xcvr_vnic_new(domain, XCVR_VNIC_BRIDGE);

    v->running = TRUE;
    v->mac = g_strdup(mac);
    xcvr_vnic_add_attach(v, XCVR_VNIC_ATTACH_NETDEV, target, FALSE);
    return v;
}

static int
setup(void **state)
{
    Fixture *f = g_new0(Fixture, 1);
    g_autoptr(GPtrArray) vnics = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_vnic_free);
    g_autoptr(XcvrInventoryOptions) options = xcvr_inventory_options_new();
    g_autoptr(GError) error = NULL;
    g_autofree char *out = NULL;
    g_autofree char *eeprom = NULL;
    g_autofree char *err = NULL;
    int status = 0;
    const char *argv[] = { "python3", hostgen_py, host_spec, NULL, NULL };

    f->dir = g_dir_make_tmp("xcvr-placement-XXXXXX", &error);
    assert_non_null(f->dir);
    out = g_build_filename(f->dir, "host", NULL);
    argv[3] = out;
    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &err,
                      &status, &error) ||
        !g_spawn_check_exit_status(status, &error))
        fail_msg("hostgen: %s: %s", error->message, err != NULL ? err : "");
    g_ptr_array_add(vnics, vnic_on("db1", "52:54:00:00:01:01", "db1-eth0"));
    g_ptr_array_add(vnics, vnic_on("edge1", "52:54:00:00:01:02", "edge1-eth0"));

    eeprom = g_build_filename(out, "eeprom", NULL);
    xcvr_inventory_options_set_root(options, out);
    xcvr_inventory_options_set_ovsdb(options, "");
    xcvr_inventory_options_set_eeprom_dir(options, eeprom);
    f->inv = xcvr_inventory_new(vnics, options, &error);
    if (f->inv == NULL)
        fail_msg("inventory: %s", error->message);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    Fixture *f = *state;

    xcvr_inventory_free(f->inv);
    xcvr_test_rm_rf(f->dir);
    g_free(f->dir);
    g_free(f);
    return 0;
}

static void
assert_placement(const XcvrPlacement *p, XcvrMedia media, guint speed, guint lanes,
                 XcvrRedundancy redundancy)
{
    assert_string_equal(xcvr_media_to_string(p->media), xcvr_media_to_string(media));
    assert_int_equal(p->speed_mbps, speed);
    assert_int_equal(p->lanes, lanes);
    assert_string_equal(xcvr_redundancy_to_string(p->redundancy),
                        xcvr_redundancy_to_string(redundancy));
}

static void
test_inventory_hints(void **state)
{
    Fixture *f = *state;
    const XcvrInvUplink *lr4 = xcvr_inventory_find_uplink(f->inv, "ens1f0");
    const XcvrInvUplink *sr4 = xcvr_inventory_find_uplink(f->inv, "ens1f1");
    const XcvrInvUplink *zr = xcvr_inventory_find_uplink(f->inv, "ens2f0");
    g_autoptr(XcvrPlacement) p_lr4 = NULL;
    g_autoptr(XcvrPlacement) p_sr4 = NULL;
    g_autoptr(XcvrPlacement) p_zr = NULL;
    g_autoptr(XcvrPlacement) p_db = NULL;
    g_autoptr(XcvrPlacement) p_edge = NULL;

    assert_non_null(lr4);
    assert_non_null(sr4);
    assert_non_null(zr);
    p_lr4 = xcvr_inv_uplink_get_placement(lr4);
    p_sr4 = xcvr_inv_uplink_get_placement(sr4);
    p_zr = xcvr_inv_uplink_get_placement(zr);
    assert_placement(p_lr4, XCVR_MEDIA_LR, 100000, 4, XCVR_REDUNDANCY_LACP);
    assert_placement(p_sr4, XCVR_MEDIA_SR, 40000, 4, XCVR_REDUNDANCY_LACP);
    assert_placement(p_zr, XCVR_MEDIA_ZR, 10000, 1, XCVR_REDUNDANCY_SINGLE);

    /* db1 rides the LACP bond: its weakest member is the 40G SR4 */
    p_db = xcvr_inv_vnic_get_placement(xcvr_inventory_get_vnic(f->inv, 0));
    assert_placement(p_db, XCVR_MEDIA_SR, 40000, 4, XCVR_REDUNDANCY_LACP);
    p_edge = xcvr_inv_vnic_get_placement(xcvr_inventory_get_vnic(f->inv, 1));
    assert_placement(p_edge, XCVR_MEDIA_ZR, 10000, 1, XCVR_REDUNDANCY_SINGLE);
}

static JsonObject *
placement_member(JsonObject *o)
{
    assert_true(json_object_has_member(o, "placement"));
    return json_object_get_object_member(o, "placement");
}

static void
test_map_documents(void **state)
{
    Fixture *f = *state;
    g_autofree char *json = xcvr_render_map_json(f->inv);
    g_autofree char *xml = xcvr_render_map_xml(f->inv);
    g_autoptr(JsonParser) parser = json_parser_new();
    JsonObject *root;
    JsonObject *db;
    JsonObject *p;
    JsonArray *uplinks;
    guint i;

    assert_true(json_parser_load_from_data(parser, json, -1, NULL));
    root = json_node_get_object(json_parser_get_root(parser));
    db = json_array_get_object_element(json_object_get_array_member(root, "vnics"), 0);
    p = placement_member(db);
    assert_string_equal(json_object_get_string_member(p, "media"), "sr");
    assert_int_equal(json_object_get_int_member(p, "speed_mbps"), 40000);
    assert_int_equal(json_object_get_int_member(p, "lanes"), 4);
    assert_string_equal(json_object_get_string_member(p, "redundancy"), "lacp");
    /* each uplink a vNIC reaches carries the uplink's own hints */
    p = placement_member(json_array_get_object_element(
        json_object_get_array_member(db, "uplinks"), 0));
    assert_string_equal(json_object_get_string_member(p, "media"), "lr");
    uplinks = json_object_get_array_member(root, "uplinks");
    for (i = 0; i < json_array_get_length(uplinks); i++) {
        JsonObject *u = json_array_get_object_element(uplinks, i);

        p = placement_member(u);
        if (strcmp(json_object_get_string_member(u, "netdev"), "ens2f0") == 0) {
            assert_string_equal(json_object_get_string_member(p, "media"), "zr");
            assert_string_equal(json_object_get_string_member(p, "redundancy"), "single");
        }
    }
    /* the XML carries the vocabulary's names */
    assert_non_null(strstr(xml, "<placement media=\"sr\" speed-mbps=\"40000\" lanes=\"4\" "
                                "redundancy=\"lacp\"/>"));
    assert_non_null(strstr(xml, "<placement media=\"zr\" speed-mbps=\"10000\" lanes=\"1\" "
                                "redundancy=\"single\"/>"));
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest unit[] = {
        cmocka_unit_test(test_media_of_corpus),
        cmocka_unit_test(test_names),
    };
    const struct CMUnitTest host[] = {
        cmocka_unit_test(test_inventory_hints),
        cmocka_unit_test(test_map_documents),
    };
    int failed;

    if (argc != 3) {
        fprintf(stderr, "usage: %s HOSTGEN_PY HOST_JSON\n", argv[0]);
        return 2;
    }
    hostgen_py = argv[1];
    host_spec = argv[2];
    failed = cmocka_run_group_tests_name("placement", unit, NULL, NULL);
    failed += cmocka_run_group_tests_name("placement-host", host, setup, teardown);
    return failed;
}
