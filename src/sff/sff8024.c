/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sff8024.c: SFF-8024 code tables (identifier, connector, encoding, extended compliance),
 * the one place they live.
 *
 * Spec: SFF-8024 Rev 4.x, Tables 4-1 to 4-4. @name is the spec's wording; @label is what
 * ethtool 6.1 prints where that differs (XCVR_NO_LABEL where ethtool 6.1 lacks the code).
 */
#include "sff/sff8024.h"

#define TABLE(arr, fb) { (arr), G_N_ELEMENTS(arr), (fb) }

/* SFF-8024 Table 4-1 Identifier Values */
static const XcvrCodeName identifier_names[256] = {
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
};
const XcvrCodeTable xcvr_sff8024_identifier = TABLE(identifier_names, "reserved or unknown");

/* SFF-8024 Table 4-3 Connector Types */
static const XcvrCodeName connector_names[256] = {
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
const XcvrCodeTable xcvr_sff8024_connector = TABLE(connector_names, "reserved or unknown");

/* SFF-8024 Table 4-2 Encoding Values, as SFF-8472 reads codes 04h-06h. */
static const XcvrCodeName encoding_sff8472_names[256] = {
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
    TABLE(encoding_sff8472_names, "reserved or unknown");

/* SFF-8024 Table 4-2 Encoding Values, as SFF-8636 reads codes 04h-06h. */
static const XcvrCodeName encoding_sff8636_names[256] = {
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
    TABLE(encoding_sff8636_names, "reserved or unknown");

/* SFF-8024 Table 4-4 Extended Specification Compliance Codes. ethtool 6.1 prints only some;
 * the others are named here for JSON and XML. */
static const XcvrCodeName ext_compliance_names[256] = {
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
    [0x50] = { "64GFC EA", NULL },
    [0x51] = { "64GFC SW", NULL },
    [0x52] = { "64GFC LW", NULL },
    [0x53] = { "128GFC EA", NULL },
    [0x54] = { "128GFC SW", NULL },
    [0x55] = { "128GFC LW", NULL },
};
const XcvrCodeTable xcvr_sff8024_ext_compliance =
    { ext_compliance_names, G_N_ELEMENTS(ext_compliance_names), "reserved or unknown" };

G_STATIC_ASSERT(G_N_ELEMENTS(identifier_names) == 256);
G_STATIC_ASSERT(G_N_ELEMENTS(connector_names) == 256);
G_STATIC_ASSERT(G_N_ELEMENTS(encoding_sff8472_names) == 256);
G_STATIC_ASSERT(G_N_ELEMENTS(ext_compliance_names) == 256);
G_STATIC_ASSERT(G_N_ELEMENTS(encoding_sff8636_names) == 256);

const char *
xcvr_code_table_name(const XcvrCodeTable *table, guint code)
{
    if (code < table->n_entries && table->entries[code].name != NULL)
        return table->entries[code].name;
    return table->fallback;
}

/* ethtool 6.1's SFF-8636 wording of @code (its QSFP tables word some codes differently). */
const char *
xcvr_code_table_label_qsfp(const XcvrCodeTable *table, guint code, const char *fallback)
{
    if (code < table->n_entries && table->entries[code].name != NULL) {
        const XcvrCodeName *e = &table->entries[code];

        return e->label_qsfp != NULL ? e->label_qsfp : e->name;
    }
    return fallback;
}

/* What ethtool 6.1 prints for @code, or NULL where its table has nothing for it (a code
 * without an entry here, or one marked XCVR_NO_LABEL). */
const char *
xcvr_code_table_ethtool_label(const XcvrCodeTable *table, guint code)
{
    const char *label;

    if (code >= table->n_entries || table->entries[code].name == NULL)
        return NULL;
    label = xcvr_code_table_label(table, code);
    return label[0] != '\0' ? label : NULL;
}

/* The ethtool 6.1 text of @code; XCVR_NO_LABEL when ethtool lacks it. */
const char *
xcvr_code_table_label(const XcvrCodeTable *table, guint code)
{
    if (code < table->n_entries && table->entries[code].name != NULL) {
        const XcvrCodeName *e = &table->entries[code];

        return e->label != NULL ? e->label : e->name;
    }
    return table->fallback;
}

/* SFF-8024 Table 4-5 Host Electrical Interface IDs (CMIS application descriptors). */
static const XcvrCodeName host_if_names[256] = {
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
    [0x1a] = { "100GBASE-CR4 (Clause 92)", NULL },
    [0x1b] = { "100GBASE-CR2 (Clause 136)", NULL },
    [0x1c] = { "200GBASE-CR4 (Clause 136)", NULL },
    [0x1d] = { "400G CR8", NULL },
    [0x4b] = { "100GAUI-1-S C2M (Annex 120G)", NULL },
    [0x4c] = { "100GAUI-1-L C2M (Annex 120G)", NULL },
    [0x4d] = { "200GAUI-2-S C2M (Annex 120G)", NULL },
    [0x4e] = { "200GAUI-2-L C2M (Annex 120G)", NULL },
    [0x4f] = { "400GAUI-4-S C2M (Annex 120G)", NULL },
    [0x50] = { "400GAUI-4-L C2M (Annex 120G)", NULL },
    [0x51] = { "800GAUI-8 S C2M (Annex 120G)", NULL },
    [0x52] = { "800GAUI-8 L C2M (Annex 120G)", NULL },
    [0xff] = { "End of list", NULL },
};
const XcvrCodeTable xcvr_sff8024_host_interface =
    { host_if_names, G_N_ELEMENTS(host_if_names), "reserved or unknown" };

/* SFF-8024 Table 4-6 MMF Media Interface IDs. */
static const XcvrCodeName mmf_names[256] = {
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
    [0x1a] = { "400GBASE-SR4.2 (Clause 150)", NULL },
};
const XcvrCodeTable xcvr_sff8024_media_mmf =
    { mmf_names, G_N_ELEMENTS(mmf_names), "reserved or unknown" };

/* SFF-8024 Table 4-7 SMF Media Interface IDs. */
static const XcvrCodeName smf_names[256] = {
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
    [0x1f] = { "8GFC-LW", NULL },
    [0x43] = { "400GBASE-ZR (Clause 155)", NULL },
    [0x45] = { "100G-ZR", NULL },
};
const XcvrCodeTable xcvr_sff8024_media_smf =
    { smf_names, G_N_ELEMENTS(smf_names), "reserved or unknown" };

/* SFF-8024 Table 4-8 Passive Copper Cable Media Interface IDs. */
static const XcvrCodeName copper_names[256] = {
    [0x00] = { "Undefined", NULL },
    [0x01] = { "Copper cable", NULL },
    [0xbf] = { "Custom", NULL },
};
const XcvrCodeTable xcvr_sff8024_media_copper =
    { copper_names, G_N_ELEMENTS(copper_names), "reserved or unknown" };

/* SFF-8024 Table 4-9 Active Cable Assembly Media Interface IDs. */
static const XcvrCodeName active_names[256] = {
    [0x00] = { "Undefined", NULL },
    [0x01] = { "Active Cable assembly with BER < 10^-12", NULL },
    [0x02] = { "Active Cable assembly with BER < 5x10^-5", NULL },
    [0x03] = { "Active Cable assembly with BER < 2.6x10^-4", NULL },
    [0x04] = { "Active Cable assembly with BER < 10^-6", NULL },
    [0xbf] = { "Custom", NULL },
};
const XcvrCodeTable xcvr_sff8024_media_active =
    { active_names, G_N_ELEMENTS(active_names), "reserved or unknown" };

/* SFF-8024 Table 4-11 Module Media Type Encodings (CMIS byte 85). */
static const XcvrCodeName media_type_names[256] = {
    [0x00] = { "Undefined", NULL },
    [0x01] = { "Optical interfaces: MMF", NULL },
    [0x02] = { "Optical interfaces: SMF", NULL },
    [0x03] = { "Passive copper cables", NULL },
    [0x04] = { "Active cables", NULL },
    [0x05] = { "BASE-T", NULL },
};
const XcvrCodeTable xcvr_sff8024_media_type =
    { media_type_names, G_N_ELEMENTS(media_type_names), "reserved or unknown" };
