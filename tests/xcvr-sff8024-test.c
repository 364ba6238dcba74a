/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xcvr-sff8024-test.c: SFF-8024 code tables: names, ethtool labels, fallbacks. */
#include "xcvr-test-util.h"

#include "sff/sff8024.h"

static void
test_identifier(void **state)
{
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_identifier, 0x03), "SFP");
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_identifier, 0x11), "QSFP28");
    /* CMIS QSFP+ is in SFF-8024 but not in ethtool 6.1's table */
    assert_string_not_equal(xcvr_code_table_name(&xcvr_sff8024_identifier, 0x1e),
                            "reserved or unknown");
    assert_string_equal(xcvr_code_table_label(&xcvr_sff8024_identifier, 0x1e), "");
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_identifier, 0xfe),
                        "vendor specific");
    assert_string_equal(xcvr_code_table_label(&xcvr_sff8024_identifier, 0xfe),
                        "reserved or unknown");
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_identifier, 1000),
                        "reserved or unknown");
}

static void
test_connector_encoding(void **state)
{
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_connector, 0x07), "LC");
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_connector, 0x21), "Copper pigtail");
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_connector, 0x0e), "reserved");
    assert_string_equal(xcvr_code_table_label(&xcvr_sff8024_connector, 0x0e),
                        "reserved or unknown");
    /* name is the spec's, label is ethtool 6.1's (with its stray parenthesis) */
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_encoding_sff8472, 0x07),
                        "256B/257B (transcoded FEC-enabled data)");
    assert_string_equal(xcvr_code_table_label(&xcvr_sff8024_encoding_sff8472, 0x07),
                        "(256B/257B (transcoded FEC-enabled data)");
}

static void
test_ext_compliance(void **state)
{
    guint code;
    guint named = 0;

    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_ext_compliance, 0x02),
                        "100G Base-SR4 or 25GBase-SR");
    assert_string_equal(xcvr_code_table_label(&xcvr_sff8024_ext_compliance, 0x06), "");
    for (code = 0; code < 256; code++) {
        const char *name = xcvr_code_table_name(&xcvr_sff8024_ext_compliance, code);

        assert_non_null(name);
        assert_true(name[0] != '\0');
        named += g_strcmp0(name, "reserved or unknown") != 0;
    }
    assert_true(named > 40);
}

/* Every code 00h-FFh of @table is named or inside an explicit reserved/custom range: none
 * falls through to the "unknown" fallback. Returns how many carry a real name. */
static guint
assert_covered(const XcvrCodeTable *table)
{
    guint code;
    guint named = 0;

    for (code = 0; code < 256; code++) {
        const char *name = xcvr_code_table_name(table, code);

        assert_non_null(name);
        if (name == table->fallback)
            fail_msg("code 0x%02x has neither a name nor a range", code);
        named += g_strcmp0(name, "reserved") != 0 && g_strcmp0(name, "custom") != 0 &&
                 g_strcmp0(name, "vendor specific") != 0;
    }
    return named;
}

static void
test_coverage_identity(void **state)
{
    assert_true(assert_covered(&xcvr_sff8024_identifier) >= 0x26);
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_identifier, 0x90), "vendor specific");
    /* ethtool 6.1's text is untouched by the ranges */
    assert_string_equal(xcvr_code_table_label(&xcvr_sff8024_identifier, 0x90),
                        "reserved or unknown");
    assert_true(assert_covered(&xcvr_sff8024_connector) == 23);
    assert_true(assert_covered(&xcvr_sff8024_encoding_sff8472) == 9);
    assert_true(assert_covered(&xcvr_sff8024_encoding_sff8636) == 9);
}

static void
test_coverage_ext_compliance(void **state)
{
    /* Rev 4.12: 00h-81h less 0Ah, 0Fh, 3Bh-3Eh, 4Dh-7Eh (50h-55h carry ethtool's old text) */
    assert_int_equal(assert_covered(&xcvr_sff8024_ext_compliance), 0x82 - 1 - 1 - 4 - 50);
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_ext_compliance, 0x7f),
                        "256GFC-SW4 (FC-PI-7P)");
    /* a code ethtool 6.1 lacks: named for JSON, unknown in both ethtool texts */
    assert_null(xcvr_code_table_ethtool_label(&xcvr_sff8024_ext_compliance, 0x7f));
    assert_string_equal(xcvr_code_table_label_qsfp(&xcvr_sff8024_ext_compliance, 0x7f, "x"),
                        "(reserved or unknown)");
    /* reserved now, but ethtool 6.1 still prints its old name */
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_ext_compliance, 0x50), "reserved");
    assert_string_equal(xcvr_code_table_ethtool_label(&xcvr_sff8024_ext_compliance, 0x50),
                        "64GFC EA");
    assert_string_equal(xcvr_code_table_label_qsfp(&xcvr_sff8024_ext_compliance, 0x50, "x"),
                        "64GFC EA");
}

static void
test_coverage_host_interface(void **state)
{
    assert_int_equal(assert_covered(&xcvr_sff8024_host_interface), 117);
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_host_interface, 0x82),
                        "800GAUI-4 C2M (Annex 176E)");
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_host_interface, 0xc5), "custom");
}

static void
test_coverage_media(void **state)
{
    assert_int_equal(assert_covered(&xcvr_sff8024_media_mmf), 37);
    assert_int_equal(assert_covered(&xcvr_sff8024_media_smf), 123);
    assert_int_equal(assert_covered(&xcvr_sff8024_media_copper), 3);
    assert_int_equal(assert_covered(&xcvr_sff8024_media_active), 6);
    assert_int_equal(assert_covered(&xcvr_sff8024_media_base_t), 8);
    assert_int_equal(assert_covered(&xcvr_sff8024_media_type), 6);
}

/* The four names other decoders disagree on, as SFF-8024 Rev 4.12 words them. */
static void
test_disputed_codes(void **state)
{
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_media_smf, 0x1f), "8GFC-SM (FC-PI-4)");
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_media_smf, 0x43),
                        "400GBASE-LR4-6 (Clause 151)");
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_media_smf, 0x45),
                        "128GFC-SM (FC-PI-8)");
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_media_smf, 0x44),
                        "100GBASE-ZR (Clause 154)");
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_media_smf, 0x4d),
                        "400GBASE-ZR (Clause 156)");
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_media_active, 0xbf),
                        "Active Loopback module");
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_media_copper, 0xbf),
                        "Passive Loopback module");
}

static void
test_media_table_by_type(void **state)
{
    assert_ptr_equal(xcvr_sff8024_media_table(0x01), &xcvr_sff8024_media_mmf);
    assert_ptr_equal(xcvr_sff8024_media_table(0x02), &xcvr_sff8024_media_smf);
    assert_ptr_equal(xcvr_sff8024_media_table(0x03), &xcvr_sff8024_media_copper);
    assert_ptr_equal(xcvr_sff8024_media_table(0x04), &xcvr_sff8024_media_active);
    assert_ptr_equal(xcvr_sff8024_media_table(0x05), &xcvr_sff8024_media_base_t);
    assert_string_equal(xcvr_code_table_name(xcvr_sff8024_media_table(0x05), 0x04),
                        "10GBASE-T (Clause 55)");
    /* an undefined media type has no table: never a name from the wrong one */
    assert_string_equal(xcvr_code_table_name(xcvr_sff8024_media_table(0x00), 0x01),
                        "unknown (media type not defined)");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identifier),
        cmocka_unit_test(test_connector_encoding),
        cmocka_unit_test(test_ext_compliance),
        cmocka_unit_test(test_coverage_identity),
        cmocka_unit_test(test_coverage_ext_compliance),
        cmocka_unit_test(test_coverage_host_interface),
        cmocka_unit_test(test_coverage_media),
        cmocka_unit_test(test_disputed_codes),
        cmocka_unit_test(test_media_table_by_type),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
