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
                        "reserved or unknown");
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_identifier, 1000),
                        "reserved or unknown");
}

static void
test_connector_encoding(void **state)
{
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_connector, 0x07), "LC");
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_connector, 0x21), "Copper pigtail");
    assert_string_equal(xcvr_code_table_name(&xcvr_sff8024_connector, 0x0e),
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

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identifier),
        cmocka_unit_test(test_connector_encoding),
        cmocka_unit_test(test_ext_compliance),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
