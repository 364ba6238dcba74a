/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sff8024.c: SFF-8024 code tables (identifier, connector, encoding, extended compliance),
 * the one place they live.
 *
 * Spec: SFF-8024 Rev 4.12, Tables 4-1 to 4-11. @name is the spec's wording; @label is what
 * ethtool 6.1 prints where that differs (XCVR_NO_LABEL where ethtool 6.1 lacks the code).
 * Every code is named or inside an explicit reserved/custom range (XcvrCodeRange), so JSON
 * and XML never say "unknown" for a code the spec assigns; the text keeps ethtool's words.
 */
#include "sff/sff8024.h"

#define TABLE(arr, fb) { (arr), G_N_ELEMENTS(arr), (fb), NULL, 0 }
#define RTABLE(arr, fb, rng) { (arr), G_N_ELEMENTS(arr), (fb), (rng), G_N_ELEMENTS(rng) }
/* A code ethtool 6.1 does not know: JSON/XML name it, both ethtool texts say "unknown". */
#define NEW(n) { (n), XCVR_NO_LABEL, "(reserved or unknown)" }

/* SFF-8024 Table 4-1 Identifier Values */
static const XcvrCodeName identifier_names[] = {
    [0x00] = { "no module present, unknown, or unspecified", NULL },
    [0x01] = { "GBIC", NULL },
    [0x02] = { "module soldered to motherboard", NULL },
    [0x03] = { "SFP", NULL },
    [0x04] = { "300 pin XBI", NULL },
    [0x05] = { "XENPAK", NULL },
    [0x06] = { "XFP", NULL },
    [0x07] = { "XFF", NULL },
    [0x08] = { "XFP-E", NULL },
    [0x09] = { "XPAK", NULL },
    [0x0a] = { "X2", NULL },
    [0x0b] = { "DWDM-SFP", NULL },
    [0x0c] = { "QSFP", NULL },
    [0x0d] = { "QSFP+", NULL },
    [0x0e] = { "CXP", NULL },
    [0x0f] = { "Shielded Mini Multilane HD 4X", NULL },
    [0x10] = { "Shielded Mini Multilane HD 8X", NULL },
    [0x11] = { "QSFP28", NULL },
    [0x12] = { "CXP2/CXP28", NULL },
    [0x13] = { "CDFP Style 1/Style 2", NULL },
    [0x14] = { "Shielded Mini Multilane HD 4X Fanout Cable", NULL },
    [0x15] = { "Shielded Mini Multilane HD 8X Fanout Cable", NULL },
    [0x16] = { "CDFP Style 3", NULL },
    [0x17] = { "microQSFP", NULL },
    [0x18] = { "QSFP-DD Double Density 8X Pluggable Transceiver (INF-8628)", NULL },
    [0x19] = { "OSFP 8X Pluggable Transceiver", NULL },
    [0x1a] = { "SFP-DD Double Density 2X Pluggable Transceiver", XCVR_NO_LABEL },
    [0x1b] = { "DSFP Dual Small Form Factor Pluggable Transceiver", NULL },
    [0x1c] = { "x4 MiniLink/OcuLink", XCVR_NO_LABEL },
    [0x1d] = { "x8 MiniLink", XCVR_NO_LABEL },
    [0x1e] = { "QSFP+ or later with Common Management Interface Specification (CMIS)",
               XCVR_NO_LABEL },
    [0x1f] = { "SFP-DD Double Density 2X Pluggable Transceiver with Common Management "
               "Interface Specification (CMIS)", XCVR_NO_LABEL },
    [0x20] = { "SFP+ and later with Common Management Interface Specification (CMIS)",
               XCVR_NO_LABEL },
    [0x21] = { "OSFP-XD with Common Management Interface Specification (CMIS)",
               XCVR_NO_LABEL },
    [0x22] = { "OIF-ELSFP with Common Management Interface Specification (CMIS)",
               XCVR_NO_LABEL },
    [0x23] = { "CDFP (x4 PCIe) with Common Management Interface Specification (CMIS)",
               XCVR_NO_LABEL },
    [0x24] = { "CDFP (x8 PCIe) with Common Management Interface Specification (CMIS)",
               XCVR_NO_LABEL },
    [0x25] = { "CDFP (x16 PCIe) with Common Management Interface Specification (CMIS)",
               XCVR_NO_LABEL },
};
static const XcvrCodeRange identifier_ranges[] = {
    { 0x26, 0x7f, "reserved" },
    { 0x80, 0xff, "vendor specific" },
};
const XcvrCodeTable xcvr_sff8024_identifier =
    RTABLE(identifier_names, "reserved or unknown", identifier_ranges);

/* SFF-8024 Table 4-3 Connector Types */
static const XcvrCodeName connector_names[] = {
    [0x00] = { "unknown or unspecified", NULL },
    [0x01] = { "SC", NULL },
    [0x02] = { "Fibre Channel Style 1 copper", NULL },
    [0x03] = { "Fibre Channel Style 2 copper", NULL },
    [0x04] = { "BNC/TNC", NULL },
    [0x05] = { "Fibre Channel coaxial headers", NULL },
    [0x06] = { "FibreJack", NULL },
    [0x07] = { "LC", NULL },
    [0x08] = { "MT-RJ", NULL },
    [0x09] = { "MU", NULL },
    [0x0a] = { "SG", NULL },
    [0x0b] = { "Optical pigtail", NULL },
    [0x0c] = { "MPO Parallel Optic", NULL },
    [0x0d] = { "MPO Parallel Optic - 2x16", NULL },
    [0x20] = { "HSSDC II", NULL },
    [0x21] = { "Copper pigtail", NULL },
    [0x22] = { "RJ45", NULL },
    [0x23] = { "No separable connector", NULL },
    [0x24] = { "MXC 2x16", NULL },
    [0x25] = { "CS optical connector", NULL },
    [0x26] = { "Mini CS optical connector", NULL },
    [0x27] = { "MPO 2x12", NULL },
    [0x28] = { "MPO 1x16", NULL },
};
static const XcvrCodeRange connector_ranges[] = {
    { 0x0e, 0x1f, "reserved" },
    { 0x29, 0x7f, "reserved" },
    { 0x80, 0xff, "vendor specific" },
};
const XcvrCodeTable xcvr_sff8024_connector =
    RTABLE(connector_names, "reserved or unknown", connector_ranges);

static const XcvrCodeRange encoding_ranges[] = {
    { 0x09, 0xff, "reserved" },
};

/* SFF-8024 Table 4-2 Encoding Values, as SFF-8472 reads codes 04h-06h. */
static const XcvrCodeName encoding_sff8472_names[] = {
    [0x00] = { "unspecified", NULL },
    [0x01] = { "8B/10B", NULL },
    [0x02] = { "4B/5B", NULL },
    [0x03] = { "NRZ", NULL },
    [0x04] = { "Manchester", NULL },
    [0x05] = { "SONET Scrambled", NULL },
    [0x06] = { "64B/66B", NULL },
    /* ethtool 6.1 prints an extra opening parenthesis for this one. */
    [0x07] = { "256B/257B (transcoded FEC-enabled data)",
               "(256B/257B (transcoded FEC-enabled data)" },
    [0x08] = { "PAM4", NULL },
};
const XcvrCodeTable xcvr_sff8024_encoding_sff8472 =
    RTABLE(encoding_sff8472_names, "reserved or unknown", encoding_ranges);

/* SFF-8024 Table 4-2 Encoding Values, as SFF-8636 reads codes 04h-06h. */
static const XcvrCodeName encoding_sff8636_names[] = {
    [0x00] = { "unspecified", NULL },
    [0x01] = { "8B/10B", NULL },
    [0x02] = { "4B/5B", NULL },
    [0x03] = { "NRZ", NULL },
    [0x04] = { "SONET Scrambled", NULL },
    [0x05] = { "64B/66B", NULL },
    [0x06] = { "Manchester", NULL },
    [0x07] = { "256B/257B (transcoded FEC-enabled data)",
               "(256B/257B (transcoded FEC-enabled data)" },
    [0x08] = { "PAM4", NULL },
};
const XcvrCodeTable xcvr_sff8024_encoding_sff8636 =
    RTABLE(encoding_sff8636_names, "reserved or unknown", encoding_ranges);

/* SFF-8024 Table 4-4 Extended Specification Compliance Codes. ethtool 6.1 prints only some;
 * the others are named here for JSON and XML. */
static const XcvrCodeName ext_compliance_names[] = {
    [0x00] = { "unspecified", XCVR_NO_LABEL,
               "(reserved or unknown)" },
    [0x01] = { "100G AOC or 25GAUI C2M AOC with worst BER of 5x10^(-5)", NULL,
               "100G Ethernet: 100G AOC or 25GAUI C2M AOC with worst BER of 5x10^(-5)" },
    [0x02] = { "100G Base-SR4 or 25GBase-SR", NULL,
               "100G Ethernet: 100G Base-SR4 or 25GBase-SR" },
    [0x03] = { "100G Base-LR4 or 25GBase-LR", NULL,
               "100G Ethernet: 100G Base-LR4" },
    [0x04] = { "100G Base-ER4 or 25GBase-ER", NULL,
               "100G Ethernet: 100G Base-ER4" },
    [0x05] = { "100GBASE-SR10", XCVR_NO_LABEL,
               "100G Ethernet: 100G Base-SR10" },
    [0x06] = { "100G CWDM4", XCVR_NO_LABEL,
               "100G Ethernet: 100G CWDM4 MSA with FEC" },
    [0x07] = { "100G PSM4 Parallel SMF", XCVR_NO_LABEL,
               "100G Ethernet: 100G PSM4 Parallel SMF" },
    [0x08] = { "100G ACC or 25GAUI C2M ACC with worst BER of 5x10^(-5)", NULL,
               "100G Ethernet: 100G ACC or 25GAUI C2M ACC with worst BER of 5x10^(-5)" },
    [0x09] = { "100G CWDM4 MSA without FEC (obsolete code)", XCVR_NO_LABEL,
               "100G Ethernet: 100G CWDM4 MSA without FEC" },
    [0x0b] = { "100G Base-CR4 or 25G Base-CR CA-L", NULL,
               "100G Ethernet: 100G Base-CR4 or 25G Base-CR CA-L" },
    [0x0c] = { "25G Base-CR CA-S", NULL,
               "25G Ethernet: 25G Base-CR CA-S" },
    [0x0d] = { "25G Base-CR CA-N", NULL,
               "25G Ethernet: 25G Base-CR CA-N" },
    [0x10] = { "40GBASE-ER4", XCVR_NO_LABEL,
               "40G Ethernet: 40G Base-ER4" },
    [0x11] = { "4 x 10GBASE-SR", XCVR_NO_LABEL,
               "4x10G Ethernet: 10G Base-SR" },
    [0x12] = { "40G PSM4 Parallel SMF", XCVR_NO_LABEL,
               "40G Ethernet: 40G PSM4 Parallel SMF" },
    [0x13] = { "G959.1 profile P1I1-2D1 (10709 MBd, 2km, 1310 nm SM)", XCVR_NO_LABEL,
               "Ethernet: G959.1 profile P1I1-2D1 (10709 MBd, 2km, 1310nm SM)" },
    [0x14] = { "G959.1 profile P1S1-2D2 (10709 MBd, 40km, 1550 nm SM)", XCVR_NO_LABEL,
               "Ethernet: G959.1 profile P1S1-2D2 (10709 MBd, 40km, 1550nm SM)" },
    [0x15] = { "G959.1 profile P1L1-2D2 (10709 MBd, 80km, 1550 nm SM)", XCVR_NO_LABEL,
               "Ethernet: G959.1 profile P1L1-2D2 (10709 MBd, 80km, 1550nm SM)" },
    [0x16] = { "10Gbase-T with SFI electrical interface", NULL,
               "10G Ethernet: 10G Base-T with SFI electrical interface" },
    [0x17] = { "100G CLR4", XCVR_NO_LABEL,
               "100G Ethernet: 100G CLR4" },
    [0x18] = { "100G AOC or 25GAUI C2M AOC with worst BER of 10^(-12)", NULL,
               "100G Ethernet: 100G AOC or 25GAUI C2M AOC with worst BER of 10^(-12)" },
    [0x19] = { "100G ACC or 25GAUI C2M ACC with worst BER of 10^(-12)", NULL,
               "100G Ethernet: 100G ACC or 25GAUI C2M ACC with worst BER of 10^(-12)" },
    [0x1a] = { "100GE-DWDM2 (DWDM transceiver using 2 wavelengths on a 1550 nm DWDM grid "
               "with a reach up to 80 km)", NULL },
    [0x1b] = { "100G 1550nm WDM (4 wavelengths)", NULL },
    [0x1c] = { "10Gbase-T Short Reach", NULL,
               "10GBASE-T Short Reach (30 meters)" },
    [0x1d] = { "5GBASE-T", NULL },
    [0x1e] = { "2.5GBASE-T", NULL },
    [0x1f] = { "40G SWDM4", NULL },
    [0x20] = { "100G SWDM4", NULL },
    [0x21] = { "100G PAM4 BiDi", NULL },
    [0x22] = { "4WDM-10 MSA (10km version of 100G CWDM4 with same RS(528,514) FEC in host "
               "system)", NULL },
    [0x23] = { "4WDM-20 MSA (20km version of 100GBASE-LR4 with RS(528,514) FEC in host "
               "system)", NULL },
    [0x24] = { "4WDM-40 MSA (40km reach with APD receiver and RS(528,514) FEC in host "
               "system)", NULL },
    [0x25] = { "100GBASE-DR (clause 140), CAUI-4 (no FEC)", NULL },
    [0x26] = { "100G-FR or 100GBASE-FR1 (clause 140), CAUI-4 (no FEC)", NULL },
    [0x27] = { "100G-LR or 100GBASE-LR1 (clause 140), CAUI-4 (no FEC)", NULL },
    [0x30] = { "Active Copper Cable with 50GAUI, 100GAUI-2 or 200GAUI-4 C2M. Providing a "
               "worst BER of 10-6 or below", NULL },
    [0x31] = { "Active Optical Cable with 50GAUI, 100GAUI-2 or 200GAUI-4 C2M. Providing a "
               "worst BER of 10-6 or below", NULL },
    [0x32] = { "Active Copper Cable with 50GAUI, 100GAUI-2 or 200GAUI-4 C2M. Providing a "
               "worst BER of 2.6x10-4 for ACC, 10-5 for AUI, or below", NULL },
    [0x33] = { "Active Optical Cable with 50GAUI, 100GAUI-2 or 200GAUI-4 C2M. Providing a "
               "worst BER of 2.6x10-4 for ACC, 10-5 for AUI, or below", NULL },
    [0x40] = { "50GBASE-CR, 100GBASE-CR2, or 200GBASE-CR4", NULL },
    [0x41] = { "50GBASE-SR, 100GBASE-SR2, or 200GBASE-SR4", NULL },
    [0x42] = { "50GBASE-FR or 200GBASE-DR4", NULL },
    [0x43] = { "200GBASE-FR4", NULL },
    [0x44] = { "200G 1550 nm PSM4", NULL },
    [0x45] = { "50GBASE-LR", NULL },
    [0x46] = { "200GBASE-LR4", NULL },
    /* 50h-55h are reserved in SFF-8024 Rev 4.12 (4Dh-7Eh reserved); ethtool 6.1 still names
     * them after an early Fibre Channel draft, and its text keeps those words. */
    [0x50] = { "reserved", "64GFC EA", "64GFC EA" },
    [0x51] = { "reserved", "64GFC SW", "64GFC SW" },
    [0x52] = { "reserved", "64GFC LW", "64GFC LW" },
    [0x53] = { "reserved", "128GFC EA", "128GFC EA" },
    [0x54] = { "reserved", "128GFC SW", "128GFC SW" },
    [0x55] = { "reserved", "128GFC LW", "128GFC LW" },
    /* codes ethtool 6.1 does not know */
    [0x0e] = NEW("10 Mb/s Single Pair Ethernet"),
    [0x28] = NEW("100GBASE-SR1 (Clause 167), CAUI-4 (no FEC on host interface)"),
    [0x29] = NEW("100GBASE-SR1, 200GBASE-SR2 or 400GBASE-SR4 (Clause 167)"),
    [0x2a] = NEW("100GBASE-FR1 (Clause 140)"),
    [0x2b] = NEW("100GBASE-LR1 (Clause 140)"),
    [0x2c] = NEW("100G-LR1-20 MSA, CAUI-4 (no FEC on host interface)"),
    [0x2d] = NEW("100G-ER1-30 MSA, CAUI-4 (no FEC on host interface)"),
    [0x2e] = NEW("100G-ER1-40 MSA, CAUI-4 (no FEC on host interface)"),
    [0x2f] = NEW("100G-LR1-20 MSA"),
    [0x34] = NEW("100G-ER1-30 MSA"),
    [0x35] = NEW("100G-ER1-40 MSA"),
    [0x36] = NEW("100GBASE-VR1, 200GBASE-VR2 or 400GBASE-VR4 (Clause 167)"),
    [0x37] = NEW("10GBASE-BR (Clause 158)"),
    [0x38] = NEW("25GBASE-BR (Clause 159)"),
    [0x39] = NEW("50GBASE-BR (Clause 160)"),
    [0x3a] = NEW("100GBASE-VR1 (Clause 167), CAUI-4 (no FEC on host interface)"),
    [0x3f] = NEW("100GBASE-CR1, 200GBASE-CR2 or 400GBASE-CR4 (Clause 162)"),
    [0x47] = NEW("400GBASE-DR4 (Clause 124), 100GAUI-1 C2M (Annex 120G)"),
    [0x48] = NEW("400GBASE-FR4 (Clause 151)"),
    [0x49] = NEW("400GBASE-LR4-6 (Clause 151)"),
    [0x4a] = NEW("50GBASE-ER (Clause 139)"),
    [0x4b] = NEW("400G-LR4-10"),
    [0x4c] = NEW("400GBASE-ZR (Clause 156)"),
    [0x7f] = NEW("256GFC-SW4 (FC-PI-7P)"),
    [0x80] = NEW("64GFC (FC-PI-7)"),
    [0x81] = NEW("128GFC (FC-PI-8)"),
};
static const XcvrCodeRange ext_compliance_ranges[] = {
    { 0x0a, 0x0a, "reserved" },
    { 0x0f, 0x0f, "reserved" },
    { 0x3b, 0x3e, "reserved" },
    { 0x4d, 0x7e, "reserved" },
    { 0x82, 0xff, "reserved" },
};
const XcvrCodeTable xcvr_sff8024_ext_compliance =
    RTABLE(ext_compliance_names, "reserved or unknown", ext_compliance_ranges);

G_STATIC_ASSERT(G_N_ELEMENTS(identifier_names) <= 256);
G_STATIC_ASSERT(G_N_ELEMENTS(connector_names) <= 256);
G_STATIC_ASSERT(G_N_ELEMENTS(encoding_sff8472_names) <= 256);
G_STATIC_ASSERT(G_N_ELEMENTS(ext_compliance_names) <= 256);
G_STATIC_ASSERT(G_N_ELEMENTS(encoding_sff8636_names) <= 256);

const char *
xcvr_code_table_name(const XcvrCodeTable *table, guint code)
{
    const XcvrCodeName *e = xcvr_code_table_entry(table, code);
    guint i;

    if (e != NULL)
        return e->name;
    for (i = 0; i < table->n_ranges; i++) {
        if (code >= table->ranges[i].first && code <= table->ranges[i].last)
            return table->ranges[i].name;
    }
    return table->fallback;
}

/* ethtool 6.1's SFF-8636 wording of @code (its QSFP tables word some codes differently). */
const char *
xcvr_code_table_label_qsfp(const XcvrCodeTable *table, guint code, const char *fallback)
{
    const XcvrCodeName *e = xcvr_code_table_entry(table, code);

    if (e == NULL)
        return fallback;
    return e->label_qsfp != NULL ? e->label_qsfp : e->name;
}

/* What ethtool 6.1 prints for @code, or NULL where its table has nothing for it (a code
 * without an entry here, or one marked XCVR_NO_LABEL). */
const char *
xcvr_code_table_ethtool_label(const XcvrCodeTable *table, guint code)
{
    const XcvrCodeName *e = xcvr_code_table_entry(table, code);
    const char *label;

    if (e == NULL)
        return NULL;
    label = xcvr_code_name_label(e);
    return label[0] != '\0' ? label : NULL;
}

/* The ethtool 6.1 text of @code; XCVR_NO_LABEL when ethtool lacks it. */
const char *
xcvr_code_table_label(const XcvrCodeTable *table, guint code)
{
    const XcvrCodeName *e = xcvr_code_table_entry(table, code);

    return e != NULL ? xcvr_code_name_label(e) : table->fallback;
}

/* The CMIS application tables below are not printed by ethtool 6.1 (it shows no application
 * descriptors), so @label is left NULL throughout: the names reach JSON, XML and the text's
 * "also decoded" section only. */

/* Codes C0h-FEh of the interface ID tables are left to vendors (SFF-8024 §4.6). */
#define CUSTOM_RANGE { 0xc0, 0xfe, "custom" }

/* SFF-8024 Table 4-5 Host Electrical Interface IDs (CMIS application descriptors). */
static const XcvrCodeName host_if_names[] = {
    [0x00] = { "Undefined", NULL },
    [0x01] = { "1000BASE-CX (Clause 39)", NULL },
    [0x02] = { "XAUI (Clause 47)", NULL },
    [0x03] = { "XFI (SFF INF-8071i)", NULL },
    [0x04] = { "SFI (SFF-8431)", NULL },
    [0x05] = { "25GAUI C2M (Annex 109B)", NULL },
    [0x06] = { "XLAUI C2M (Annex 83B)", NULL },
    [0x07] = { "XLPPI (Annex 86A)", NULL },
    [0x08] = { "LAUI-2 C2M (Annex 135C)", NULL },
    [0x09] = { "50GAUI-2 C2M (Annex 135E)", NULL },
    [0x0a] = { "50GAUI-1 C2M (Annex 135G)", NULL },
    [0x0b] = { "CAUI-4 C2M (Annex 83E)", NULL },
    [0x0c] = { "100GAUI-4 C2M (Annex 135E)", NULL },
    [0x0d] = { "100GAUI-2 C2M (Annex 135G)", NULL },
    [0x0e] = { "200GAUI-8 C2M (Annex 120C)", NULL },
    [0x0f] = { "200GAUI-4 C2M (Annex 120E)", NULL },
    [0x10] = { "400GAUI-16 C2M (Annex 120C)", NULL },
    [0x11] = { "400GAUI-8 C2M (Annex 120E)", NULL },
    [0x13] = { "10GBASE-CX4 (Clause 54)", NULL },
    [0x14] = { "25GBASE-CR CA-L (Clause 110)", NULL },
    [0x15] = { "25GBASE-CR CA-S (Clause 110)", NULL },
    [0x16] = { "25GBASE-CR CA-N (Clause 110)", NULL },
    [0x17] = { "40GBASE-CR4 (Clause 85)", NULL },
    [0x18] = { "50GBASE-CR (Clause 126)", NULL },
    [0x19] = { "100GBASE-CR10 (Clause 85)", NULL },
    [0x1a] = { "100GBASE-CR4 (Clause 92)", NULL },
    [0x1b] = { "100GBASE-CR2 (Clause 136)", NULL },
    [0x1c] = { "200GBASE-CR4 (Clause 136)", NULL },
    [0x1d] = { "400G CR8", NULL },
    [0x1e] = { "200GBASE-CR1 (Clause 179)", NULL },
    [0x1f] = { "400GBASE-CR2 (Clause 179)", NULL },
    [0x20] = { "LEI-100G-PAM4-1 (LPO MSA)", NULL },
    [0x21] = { "LEI-200G-PAM4-2 (LPO MSA)", NULL },
    [0x22] = { "LEI-400G-PAM4-4 (LPO MSA)", NULL },
    [0x23] = { "LEI-800G-PAM4-8 (LPO MSA)", NULL },
    [0x25] = { "8GFC (FC-PI-4)", NULL },
    [0x26] = { "10GFC (10GFC)", NULL },
    [0x27] = { "16GFC (FC-PI-5)", NULL },
    [0x28] = { "32GFC (FC-PI-6)", NULL },
    [0x29] = { "64GFC (FC-PI-7)", NULL },
    [0x2a] = { "128GFC (FC-PI-6P)", NULL },
    [0x2b] = { "256GFC (FC-PI-7P)", NULL },
    [0x2c] = { "IB SDR (Arch.Spec.Vol.2)", NULL },
    [0x2d] = { "IB DDR (Arch.Spec.Vol.2)", NULL },
    [0x2e] = { "IB QDR (Arch.Spec.Vol.2)", NULL },
    [0x2f] = { "IB FDR (Arch.Spec.Vol.2)", NULL },
    [0x30] = { "IB EDR (Arch.Spec.Vol.2)", NULL },
    [0x31] = { "IB HDR (Arch.Spec.Vol.2)", NULL },
    [0x32] = { "IB NDR", NULL },
    [0x33] = { "E.96 (CPRI Specification V7.0)", NULL },
    [0x34] = { "E.99 (CPRI Specification V7.0)", NULL },
    [0x35] = { "E.119 (CPRI Specification V7.0)", NULL },
    [0x36] = { "E.238 (CPRI Specification V7.0)", NULL },
    [0x37] = { "OTL3.4 (ITU-T G.709/Y.1331 G.Sup58)", NULL },
    [0x38] = { "OTL4.10 (ITU-T G.709/Y.1331 G.Sup58)", NULL },
    [0x39] = { "OTL4.4 (ITU-T G.709/Y.1331 G.Sup58)", NULL },
    [0x3a] = { "OTLC.4 (ITU-T G.709.1/Y.1331 G.Sup58)", NULL },
    [0x3b] = { "FOIC1.4-MFI (ITU-T G.709.1/Y.1331 G.Sup58)", NULL },
    [0x3c] = { "FOIC1.2-MFI (ITU-T G.709.1/Y.1331 G.Sup58)", NULL },
    [0x3d] = { "FOIC2.8-MFI (ITU-T G.709.1/Y.1331 G.Sup58)", NULL },
    [0x3e] = { "FOIC2.4-MFI (ITU-T G.709.1/Y.1331 G.Sup58)", NULL },
    [0x3f] = { "FOIC4.16-MFI (ITU-T G.709.1 G.Sup58)", NULL },
    [0x40] = { "FOIC4.8-MFI (ITU-T G.709.1 G.Sup58)", NULL },
    [0x41] = { "CAUI-4 C2M (Annex 83E) without FEC", NULL },
    [0x42] = { "CAUI-4 C2M (Annex 83E) with RS(528,514) FEC", NULL },
    [0x43] = { "50GBASE-CR2 with RS(528,514) (Clause 91) FEC", NULL },
    [0x44] = { "50GBASE-CR2 with BASE-R (Clause 74) FEC", NULL },
    [0x45] = { "50GBASE-CR2 with no FEC", NULL },
    [0x46] = { "100GBASE-CR1 (Clause 162)", NULL },
    [0x47] = { "200GBASE-CR2 (Clause 162)", NULL },
    [0x48] = { "400GBASE-CR4 (Clause 162)", NULL },
    [0x49] = { "800G-ETC-CR8", NULL },
    [0x4a] = { "128GFC (FC-PI-8)", NULL },
    [0x4b] = { "100GAUI-1-S C2M (Annex 120G)", NULL },
    [0x4c] = { "100GAUI-1-L C2M (Annex 120G)", NULL },
    [0x4d] = { "200GAUI-2-S C2M (Annex 120G)", NULL },
    [0x4e] = { "200GAUI-2-L C2M (Annex 120G)", NULL },
    [0x4f] = { "400GAUI-4-S C2M (Annex 120G)", NULL },
    [0x50] = { "400GAUI-4-L C2M (Annex 120G)", NULL },
    [0x51] = { "800GAUI-8 S C2M (Annex 120G)", NULL },
    [0x52] = { "800GAUI-8 L C2M (Annex 120G)", NULL },
    [0x53] = { "OTL4.2", NULL },
    [0x55] = { "1.6TAUI-16-S C2M (Annex 120G)", NULL },
    [0x56] = { "1.6TAUI-16-L C2M (Annex 120G)", NULL },
    [0x57] = { "800GBASE-CR4 (Clause 179)", NULL },
    [0x58] = { "1.6TBASE-CR8 (Clause 179)", NULL },
    [0x70] = { "PCIe 4.0", NULL },
    [0x71] = { "PCIe 5.0", NULL },
    [0x72] = { "PCIe 6.0", NULL },
    [0x73] = { "PCIe 7.0", NULL },
    [0x74] = { "CEI-112G-LINEAR-PAM4", NULL },
    [0x80] = { "200GAUI-1 C2M (Annex 176E)", NULL },
    [0x81] = { "400GAUI-2 C2M (Annex 176E)", NULL },
    [0x82] = { "800GAUI-4 C2M (Annex 176E)", NULL },
    [0x83] = { "1.6TAUI-8 C2M (Annex 176E)", NULL },
    [0x90] = { "EEI-100G-RTLR-1-S", NULL },
    [0x91] = { "EEI-100G-RTLR-1-L", NULL },
    [0x92] = { "EEI-200G-RTLR-2-S", NULL },
    [0x93] = { "EEI-200G-RTLR-2-L", NULL },
    [0x94] = { "EEI-400G-RTLR-4-S", NULL },
    [0x95] = { "EEI-400G-RTLR-4-L", NULL },
    [0x96] = { "EEI-800G-RTLR-8-S", NULL },
    [0x97] = { "EEI-800G-RTLR-8-L", NULL },
    [0x98] = { "EEI-200G-RTLR-1", NULL },
    [0x99] = { "EEI-400G-RTLR-2", NULL },
    [0x9a] = { "EEI-800G-RTLR-4", NULL },
    [0x9b] = { "EEI-1.6T-RTLR-8", NULL },
    [0xa0] = { "IB XDR", NULL },
    [0xb0] = { "FOIC1.1-MFI (ITU-T G.709.1 G.Sup58)", NULL },
    [0xb1] = { "FOIC4.4-MFI (ITU-T G.709.1 G.Sup58)", NULL },
    [0xb2] = { "FOIC8.8-MFI (ITU-T G.709.1 G.Sup58)", NULL },
    [0xb3] = { "FOIC1e.1-MFI (ITU-T G.709.1 G.Sup58)", NULL },
    [0xb4] = { "FOIC4e.4-MFI (ITU-T G.709.1 G.Sup58)", NULL },
    [0xb5] = { "FOIC1o.1-MFI (ITU-T G.709.1 G.Sup58)", NULL },
    [0xb6] = { "FOIC4o.4-MFI (ITU-T G.709.1 G.Sup58)", NULL },
    [0xb7] = { "ITU-T G.9804.3", NULL },
    [0xff] = { "End of list", NULL },
};
static const XcvrCodeRange host_if_ranges[] = {
    { 0x12, 0x12, "reserved" },
    { 0x24, 0x24, "reserved" },
    { 0x54, 0x54, "reserved" },
    { 0x59, 0x6f, "reserved" },
    { 0x75, 0x7f, "reserved" },
    { 0x84, 0x8f, "reserved" },
    { 0x9c, 0x9f, "reserved" },
    { 0xa1, 0xaf, "reserved" },
    { 0xb8, 0xbf, "reserved" },
    CUSTOM_RANGE,
};
const XcvrCodeTable xcvr_sff8024_host_interface =
    RTABLE(host_if_names, "reserved or unknown", host_if_ranges);

/* SFF-8024 Table 4-6 MMF Media Interface IDs. */
static const XcvrCodeName mmf_names[] = {
    [0x00] = { "Undefined", NULL },
    [0x01] = { "10GBASE-SW (Clause 52)", NULL },
    [0x02] = { "10GBASE-SR (Clause 52)", NULL },
    [0x03] = { "25GBASE-SR (Clause 112)", NULL },
    [0x04] = { "40GBASE-SR4 (Clause 86)", NULL },
    [0x05] = { "40GE SWDM4 MSA", NULL },
    [0x06] = { "40GE BiDi", NULL },
    [0x07] = { "50GBASE-SR (Clause 138)", NULL },
    [0x08] = { "100GBASE-SR10 (Clause 86)", NULL },
    [0x09] = { "100GBASE-SR4 (Clause 95)", NULL },
    [0x0a] = { "100GE SWDM4 MSA", NULL },
    [0x0b] = { "100GE BiDi", NULL },
    [0x0c] = { "100GBASE-SR2 (Clause 138)", NULL },
    [0x0d] = { "100G-SR (Clause 167)", NULL },
    [0x0e] = { "200GBASE-SR4 (Clause 138)", NULL },
    [0x0f] = { "400GBASE-SR16 (Clause 123)", NULL },
    [0x10] = { "400GBASE-SR8 (Clause 138)", NULL },
    [0x11] = { "400G-SR4 (Clause 167)", NULL },
    [0x12] = { "800G-SR8 (Clause 167)", NULL },
    [0x13] = { "8GFC-MM (FC-PI-4)", NULL },
    [0x14] = { "10GFC-MM (10GFC)", NULL },
    [0x15] = { "16GFC-MM (FC-PI-5)", NULL },
    [0x16] = { "32GFC-MM (FC-PI-6)", NULL },
    [0x17] = { "64GFC-MM (FC-PI-7)", NULL },
    [0x18] = { "128GFC-MM4 (FC-PI-6P)", NULL },
    [0x19] = { "256GFC-MM4 (FC-PI-7P)", NULL },
    [0x1a] = { "400GBASE-SR4.2 (Clause 150)", NULL },
    [0x1b] = { "200GBASE-SR2 (Clause 167)", NULL },
    [0x1c] = { "128GFC-MM (FC-PI-8)", NULL },
    [0x1d] = { "100GBASE-VR1 (Clause 167)", NULL },
    [0x1e] = { "200GBASE-VR2 (Clause 167)", NULL },
    [0x1f] = { "400GBASE-VR4 (Clause 167)", NULL },
    [0x20] = { "800GBASE-VR8 (Clause 167)", NULL },
    [0x21] = { "800G-VR4.2", NULL },
    [0x22] = { "800G-SR4.2", NULL },
    [0x23] = { "1.6T-VR8.2", NULL },
    [0x24] = { "1.6T-SR8.2", NULL },
};
static const XcvrCodeRange mmf_ranges[] = {
    { 0x25, 0xbf, "reserved" },
    CUSTOM_RANGE,
    { 0xff, 0xff, "reserved" },
};
const XcvrCodeTable xcvr_sff8024_media_mmf =
    RTABLE(mmf_names, "reserved or unknown", mmf_ranges);

/*
 * SFF-8024 Table 4-7 SMF Media Interface IDs.
 *
 * Three codes were named wrongly here before (and still are in some other decoders); the
 * Rev 4.12 rows are: 1Fh "8GFC-SM (FC-PI-4)" — the first of the Fibre Channel block 1Fh-27h,
 * not a "-LW" Ethernet name; 43h "400GBASE-LR4-6 (Clause 151)" — 400GBASE-ZR is 4Dh
 * (Clause 156); 45h "128GFC-SM (FC-PI-8)" — 100GBASE-ZR is 44h (Clause 154).
 */
static const XcvrCodeName smf_names[] = {
    [0x00] = { "Undefined", NULL },
    [0x01] = { "10GBASE-LW (Clause 52)", NULL },
    [0x02] = { "10GBASE-EW (Clause 52)", NULL },
    [0x03] = { "10G-ZW", NULL },
    [0x04] = { "10GBASE-LR (Clause 52)", NULL },
    [0x05] = { "10GBASE-ER (Clause 52)", NULL },
    [0x06] = { "10G-ZR", NULL },
    [0x07] = { "25GBASE-LR (Clause 114)", NULL },
    [0x08] = { "25GBASE-ER (Clause 114)", NULL },
    [0x09] = { "40GBASE-LR4 (Clause 87)", NULL },
    [0x0a] = { "40GBASE-FR (Clause 89)", NULL },
    [0x0b] = { "50GBASE-FR (Clause 139)", NULL },
    [0x0c] = { "50GBASE-LR (Clause 139)", NULL },
    [0x0d] = { "100GBASE-LR4 (Clause 88)", NULL },
    [0x0e] = { "100GBASE-ER4 (Clause 88)", NULL },
    [0x0f] = { "100G PSM4 MSA", NULL },
    [0x10] = { "100G CWDM4 MSA", NULL },
    [0x11] = { "100G 4WDM-10 MSA", NULL },
    [0x12] = { "100G 4WDM-20 MSA", NULL },
    [0x13] = { "100G 4WDM-40 MSA", NULL },
    [0x14] = { "100GBASE-DR (Clause 140)", NULL },
    [0x15] = { "100G-FR/100GBASE-FR1 (Clause 140)", NULL },
    [0x16] = { "100G-LR/100GBASE-LR1 (Clause 140)", NULL },
    [0x17] = { "200GBASE-DR4 (Clause 121)", NULL },
    [0x18] = { "200GBASE-FR4 (Clause 122)", NULL },
    [0x19] = { "200GBASE-LR4 (Clause 122)", NULL },
    [0x1a] = { "400GBASE-FR8 (Clause 122)", NULL },
    [0x1b] = { "400GBASE-LR8 (Clause 122)", NULL },
    [0x1c] = { "400GBASE-DR4 (Clause 124)", NULL },
    [0x1d] = { "400G-FR4/400GBASE-FR4 (Clause 151)", NULL },
    [0x1e] = { "400G-LR4-10", NULL },
    [0x1f] = { "8GFC-SM (FC-PI-4)", NULL },
    [0x20] = { "10GFC-SM (10GFC)", NULL },
    [0x21] = { "16GFC-SM (FC-PI-5)", NULL },
    [0x22] = { "32GFC-SM (FC-PI-6)", NULL },
    [0x23] = { "64GFC-SM (FC-PI-7)", NULL },
    [0x24] = { "128GFC-PSM4 (FC-PI-6P)", NULL },
    [0x26] = { "128GFC-CWDM4 (FC-PI-6P)", NULL },
    [0x2c] = { "4I1-9D1F (G.959.1)", NULL },
    [0x2d] = { "4L1-9C1F (G.959.1)", NULL },
    [0x2e] = { "4L1-9D1F (G.959.1)", NULL },
    [0x2f] = { "C4S1-9D1F (G.695)", NULL },
    [0x30] = { "C4S1-4D1F (G.695)", NULL },
    [0x31] = { "4I1-4D1F (G.959.1)", NULL },
    [0x32] = { "8R1-4D1F (G.959.1)", NULL },
    [0x33] = { "8I1-4D1F (G.959.1)", NULL },
    [0x34] = { "100G CWDM4-OCP", NULL },
    [0x35] = { "ZR400-OFEC-16QAM-HA (OpenZR+)", NULL },
    [0x36] = { "ZR400-OFEC-16QAM-HB (OpenZR+)", NULL },
    [0x37] = { "ZR400-OFEC-8QAM-HA (OpenZR+)", NULL },
    [0x38] = { "10G-SR (CPRI)", NULL },
    [0x39] = { "10G-LR (CPRI)", NULL },
    [0x3a] = { "25G-SR (CPRI)", NULL },
    [0x3b] = { "25G-LR (CPRI)", NULL },
    [0x3c] = { "10G-LR-BiDi (CPRI)", NULL },
    [0x3d] = { "25G-LR-BiDi (CPRI)", NULL },
    [0x3e] = { "400ZR, DWDM, amplified", NULL },
    [0x3f] = { "400ZR, Single Wavelength, Unamplified", NULL },
    [0x40] = { "50GBASE-ER (Clause 139)", NULL },
    [0x41] = { "200GBASE-ER4 (Clause 122)", NULL },
    [0x42] = { "400GBASE-ER8 (Clause 122)", NULL },
    [0x43] = { "400GBASE-LR4-6 (Clause 151)", NULL },
    [0x44] = { "100GBASE-ZR (Clause 154)", NULL },
    [0x45] = { "128GFC-SM (FC-PI-8)", NULL },
    [0x46] = { "ZR400-OFEC-16QAM (OpenZR+)", NULL },
    [0x47] = { "ZR300-OFEC-8QAM (OpenZR+)", NULL },
    [0x48] = { "ZR200-OFEC-QPSK (OpenZR+)", NULL },
    [0x49] = { "ZR100-OFEC-QPSK (OpenZR+)", NULL },
    [0x4a] = { "100G-LR1-20 MSA", NULL },
    [0x4b] = { "100G-ER1-30 MSA", NULL },
    [0x4c] = { "100G-ER1-40 MSA", NULL },
    [0x4d] = { "400GBASE-ZR (Clause 156)", NULL },
    [0x4e] = { "10GBASE-BR (Clause 158)", NULL },
    [0x4f] = { "25GBASE-BR (Clause 159)", NULL },
    [0x50] = { "50GBASE-BR (Clause 160)", NULL },
    [0x51] = { "FOIC1.4-DO (G.709.3/Y.1331.3)", NULL },
    [0x52] = { "FOIC2.8-DO (G.709.3/Y.1331.3)", NULL },
    [0x53] = { "FOIC4.8-DO (G.709.3/Y.1331.3)", NULL },
    [0x54] = { "FOIC2.4-DO (G.709.3/Y.1331.3)", NULL },
    [0x55] = { "400GBASE-DR4-2 (Clause 124)", NULL },
    [0x56] = { "800GBASE-DR8 (Clause 124)", NULL },
    [0x57] = { "800GBASE-DR8-2 (Clause 124)", NULL },
    [0x58] = { "ZR400-OFEC-8QAM-HB (OpenZR+)", NULL },
    [0x59] = { "ZR300-OFEC-8QAM-HA (OpenZR+)", NULL },
    [0x5a] = { "ZR300-OFEC-8QAM-HB (OpenZR+)", NULL },
    [0x5b] = { "ZR200-OFEC-QPSK-HA (OpenZR+)", NULL },
    [0x5c] = { "ZR200-OFEC-QPSK-HB (OpenZR+)", NULL },
    [0x5d] = { "ZR100-OFEC-QPSK-HA (OpenZR+)", NULL },
    [0x5e] = { "ZR100-OFEC-QPSK-HB (OpenZR+)", NULL },
    [0x5f] = { "FLEXO-4-DO-16QAM", NULL },
    [0x60] = { "FLEXO-3-DO-8QAM", NULL },
    [0x61] = { "FLEXO-2-DO-QPSK", NULL },
    [0x62] = { "FLEXO-2-DO-16QAM", NULL },
    [0x63] = { "FLEXO-1-DO-QPSK", NULL },
    [0x64] = { "FLEXO-4e-DO-QPSK", NULL },
    [0x65] = { "FLEXO-4-DO-QPSK", NULL },
    [0x66] = { "FLEXO-8e-DO-16QAM", NULL },
    [0x67] = { "FLEXO-8-DO-16QAM", NULL },
    [0x68] = { "FLEXO-8e-DPO-16QAM", NULL },
    [0x69] = { "FLEXO-8-DPO-16QAM", NULL },
    [0x6a] = { "FLEXO-6e-DPO-16QAM", NULL },
    [0x6b] = { "FLEXO-6-DPO-16QAM", NULL },
    [0x6c] = { "800ZR-A (OIF)", NULL },
    [0x6d] = { "800ZR-B (OIF)", NULL },
    [0x6e] = { "800ZR-C (OIF)", NULL },
    [0x6f] = { "400G-ER4-30 MSA", NULL },
    [0x70] = { "1I1-5D1F (G.959.1)", NULL },
    [0x71] = { "1R1-5D1F (G.959.1)", NULL },
    [0x72] = { "FOIC1.1-RS (G.709.1)", NULL },
    [0x73] = { "200GBASE-DR1 (Clause 180)", NULL },
    [0x74] = { "200GBASE-DR1-2 (Clause 181)", NULL },
    [0x75] = { "400GBASE-DR2 (Clause 180)", NULL },
    [0x76] = { "400GBASE-DR2-2 (Clause 181)", NULL },
    [0x77] = { "800GBASE-DR4 (Clause 180)", NULL },
    [0x78] = { "800GBASE-DR4-2 (Clause 181)", NULL },
    [0x79] = { "800GBASE-FR4-500 (Clause 183)", NULL },
    [0x7a] = { "800GBASE-FR4 (Clause 183)", NULL },
    [0x7b] = { "800GBASE-LR4 (Clause 183)", NULL },
    [0x7c] = { "800GBASE-LR1 (Clause 186)", NULL },
    [0x7d] = { "800GBASE-ER1-20 (Clause 187)", NULL },
    [0x7e] = { "800GBASE-ER1 (Clause 187)", NULL },
    [0x7f] = { "1.6TBASE-DR8 (Clause 180)", NULL },
    [0x80] = { "1.6TBASE-DR8-2 (Clause 181)", NULL },
};
static const XcvrCodeRange smf_ranges[] = {
    { 0x25, 0x25, "reserved" }, /* 256GFC-PSM4 until Rev 4.8 */
    { 0x27, 0x2b, "reserved" },
    { 0x81, 0xbf, "reserved" },
    CUSTOM_RANGE,
    { 0xff, 0xff, "reserved" },
};
const XcvrCodeTable xcvr_sff8024_media_smf =
    RTABLE(smf_names, "reserved or unknown", smf_ranges);

/*
 * SFF-8024 Table 4-8 Passive Copper Cable Media Interface IDs.
 *
 * BFh is a loopback module (SFF-8024 Rev 4.12, Tables 4-8 and 4-9, row BFh), not "Custom":
 * the custom range of both cable tables starts at C0h.
 */
static const XcvrCodeName copper_names[] = {
    [0x00] = { "Undefined", NULL },
    [0x01] = { "Copper cable", NULL },
    [0xbf] = { "Passive Loopback module", NULL },
};
static const XcvrCodeRange copper_ranges[] = {
    { 0x02, 0xbe, "reserved" },
    CUSTOM_RANGE,
    { 0xff, 0xff, "reserved" },
};
const XcvrCodeTable xcvr_sff8024_media_copper =
    RTABLE(copper_names, "reserved or unknown", copper_ranges);

/* SFF-8024 Table 4-9 Active Cable Assembly Media Interface IDs (BFh: see Table 4-8). */
static const XcvrCodeName active_names[] = {
    [0x00] = { "Undefined", NULL },
    [0x01] = { "Active Cable assembly with BER < 10^-12", NULL },
    [0x02] = { "Active Cable assembly with BER < 5x10^-5", NULL },
    [0x03] = { "Active Cable assembly with BER < 2.6x10^-4", NULL },
    [0x04] = { "Active Cable assembly with BER < 10^-6", NULL },
    [0xbf] = { "Active Loopback module", NULL },
};
static const XcvrCodeRange active_ranges[] = {
    { 0x05, 0xbe, "reserved" },
    CUSTOM_RANGE,
    { 0xff, 0xff, "reserved" },
};
const XcvrCodeTable xcvr_sff8024_media_active =
    RTABLE(active_names, "reserved or unknown", active_ranges);

/* SFF-8024 Table 4-10 BASE-T Media Interface IDs. */
static const XcvrCodeName base_t_names[] = {
    [0x00] = { "Undefined", NULL },
    [0x01] = { "1000BASE-T (Clause 40)", NULL },
    [0x02] = { "2.5GBASE-T (Clause 126)", NULL },
    [0x03] = { "5GBASE-T (Clause 126)", NULL },
    [0x04] = { "10GBASE-T (Clause 55)", NULL },
    [0x05] = { "25GBASE-T (Clause 113)", NULL },
    [0x06] = { "40GBASE-T (Clause 113)", NULL },
    [0x07] = { "50GBASE-T", NULL },
};
static const XcvrCodeRange base_t_ranges[] = {
    { 0x08, 0xbf, "reserved" },
    CUSTOM_RANGE,
    { 0xff, 0xff, "reserved" },
};
const XcvrCodeTable xcvr_sff8024_media_base_t =
    RTABLE(base_t_names, "reserved or unknown", base_t_ranges);

/* Media interface codes of a module whose media type (byte 85) is undefined or reserved:
 * no table applies, so every code says so. */
static const XcvrCodeName no_media_names[1] = { [0] = { NULL, NULL } };
const XcvrCodeTable xcvr_sff8024_media_none =
    TABLE(no_media_names, "unknown (media type not defined)");

/* SFF-8024 Table 4-11 Module Media Type Encodings (CMIS byte 85). */
static const XcvrCodeName media_type_names[] = {
    [0x00] = { "Undefined", NULL },
    [0x01] = { "Optical interfaces: MMF", NULL },
    [0x02] = { "Optical interfaces: SMF", NULL },
    [0x03] = { "Passive copper cables", NULL },
    [0x04] = { "Active cables", NULL },
    [0x05] = { "BASE-T", NULL },
};
static const XcvrCodeRange media_type_ranges[] = {
    { 0x06, 0x3f, "reserved" },
    { 0x40, 0x8f, "custom" },
    { 0x90, 0xff, "reserved" },
};
const XcvrCodeTable xcvr_sff8024_media_type =
    RTABLE(media_type_names, "reserved or unknown", media_type_ranges);

/* The media interface table of CMIS media type @media_type (byte 85). */
const XcvrCodeTable *
xcvr_sff8024_media_table(guint media_type)
{
    switch (media_type) {
    case 0x01:
        return &xcvr_sff8024_media_mmf;
    case 0x02:
        return &xcvr_sff8024_media_smf;
    case 0x03:
        return &xcvr_sff8024_media_copper;
    case 0x04:
        return &xcvr_sff8024_media_active;
    case 0x05:
        return &xcvr_sff8024_media_base_t;
    default:
        return &xcvr_sff8024_media_none;
    }
}
