/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-placement.c: placement hints for schedulers — an uplink's medium class, speed, lanes
 * and redundancy, and a vNIC's through the weakest of its uplinks. The medium comes from
 * the names our own spec tables decode (SFF-8472 §5.4 Table 5-3 transceiver codes,
 * SFF-8636 §6.3.4, SFF-8024 Table 4-4 extended compliance, CMIS 5.2 §8.2.2 media type and
 * Table 8-23 application media interfaces, SFF-8636/CMIS transmitter technology), read as
 * words; vendor strings are never looked at.
 */
#include <string.h>

#include <xcvrmap/xcvr-placement.h>

#include "core/xcvr-enum.h"
#include "inventory/xcvr-inventory-private.h"

XCVR_ENUM_IMPL(media, XcvrMedia, _XCVR_MEDIA_LAST, "unknown",
    [XCVR_MEDIA_UNKNOWN] = "unknown",
    [XCVR_MEDIA_SR] = "sr",
    [XCVR_MEDIA_LR] = "lr",
    [XCVR_MEDIA_ER] = "er",
    [XCVR_MEDIA_ZR] = "zr",
    [XCVR_MEDIA_DWDM] = "dwdm",
    [XCVR_MEDIA_DAC] = "dac",
    [XCVR_MEDIA_AOC] = "aoc",
    [XCVR_MEDIA_BASE_T] = "base-t",
    [XCVR_MEDIA_OTHER] = "other",
)

XCVR_ENUM_IMPL(redundancy, XcvrRedundancy, _XCVR_REDUNDANCY_LAST, "single",
    [XCVR_REDUNDANCY_SINGLE] = "single",
    [XCVR_REDUNDANCY_ACTIVE_BACKUP] = "active-backup",
    [XCVR_REDUNDANCY_LACP] = "lacp",
    [XCVR_REDUNDANCY_BALANCE] = "balance",
)

/* What one word of a decoded compliance name says; a word's trailing digits (the lane
 * count of SR4, LR4, CR8 …) are dropped before it is looked up. */
typedef enum {
    CLUE_NONE,
    CLUE_MMF,    /* multimode optics */
    CLUE_SMF,    /* single-mode optics, reach still to be told */
    CLUE_ER,
    CLUE_ZR,
    CLUE_DWDM,
    CLUE_COPPER, /* a copper cable assembly */
    CLUE_AOC,

    CLUE_LAST
} Clue;

typedef struct {
    const char *word;
    Clue clue;
} WordClue;

static const WordClue word_clues[] = {
    /* multimode: IEEE SR/SX/FX/SW, FC shortwave (SN, SL), SWDM, 850 nm VCSELs */
    { "sr", CLUE_MMF }, { "sx", CLUE_MMF }, { "fx", CLUE_MMF }, { "sw", CLUE_MMF },
    { "sn", CLUE_MMF }, { "sl", CLUE_MMF }, { "swdm", CLUE_MMF }, { "shortwave", CLUE_MMF },
    { "multimode", CLUE_MMF }, { "mmf", CLUE_MMF }, { "vcsel", CLUE_MMF }, { "mm", CLUE_MMF },
    { "850", CLUE_MMF },
    /* single mode: LR/LX/LRM/FR/DR/LM/LW/LH, PSM4, CWDM4, FC longwave (LL) and SM */
    { "lr", CLUE_SMF }, { "lx", CLUE_SMF }, { "lrm", CLUE_SMF }, { "fr", CLUE_SMF },
    { "dr", CLUE_SMF }, { "lm", CLUE_SMF }, { "lw", CLUE_SMF }, { "lh", CLUE_SMF },
    { "psm", CLUE_SMF }, { "cwdm", CLUE_SMF }, { "ll", CLUE_SMF }, { "sm", CLUE_SMF },
    { "smf", CLUE_SMF }, { "longwave", CLUE_SMF }, { "1310", CLUE_SMF }, { "1550", CLUE_SMF },
    { "er", CLUE_ER }, { "ew", CLUE_ER },
    { "zr", CLUE_ZR },
    { "dwdm", CLUE_DWDM },
    /* copper assemblies: CR/CX/CA, twinax, FC electrical (EL), passive and copper cables */
    { "cr", CLUE_COPPER }, { "cx", CLUE_COPPER }, { "ca", CLUE_COPPER },
    { "twinax", CLUE_COPPER }, { "copper", CLUE_COPPER }, { "el", CLUE_COPPER },
    { "passive", CLUE_COPPER },
    { "aoc", CLUE_AOC },
};

typedef struct {
    gboolean clues[CLUE_LAST];
    gboolean base_t;       /* a "BASE-T" (1000BASE-T, 10GBASE-T, CMIS media type BASE-T) */
    gboolean active_cable; /* "Active Cable": copper (SFF-8472) or optical (CMIS with a laser) */
    gboolean laser;        /* a transmitter technology in nm */
} Clues;

static Clue
clue_of_word(const char *word)
{
    g_autofree char *stem = g_ascii_strdown(word, -1);
    gsize n = strlen(stem);
    guint i;

    /* SR4, LR4, CR8, PSM4, CWDM4, 1000BASE … but keep a number that is the whole word */
    while (n > 1 && g_ascii_isdigit(stem[n - 1]) && !g_ascii_isdigit(stem[0]))
        stem[--n] = '\0';
    for (i = 0; i < G_N_ELEMENTS(word_clues); i++) {
        if (strcmp(word_clues[i].word, stem) == 0)
            return word_clues[i].clue;
    }
    return CLUE_NONE;
}

static void
read_name(Clues *c, const char *name)
{
    g_auto(GStrv) words = g_strsplit_set(name, " -/(),:;", -1);
    guint i;
    const char *prev = "";

    for (i = 0; words[i] != NULL; i++) {
        const char *w = words[i];

        if (*w == '\0')
            continue;
        c->clues[clue_of_word(w)] = TRUE;
        /* 1000BASE-T, 10GBASE-T, BASE-T: "t" after a word ending in "base" */
        if (g_ascii_strcasecmp(w, "t") == 0 && strlen(prev) >= 4 &&
            g_ascii_strcasecmp(prev + strlen(prev) - 4, "base") == 0)
            c->base_t = TRUE;
        if (g_ascii_strcasecmp(w, "cable") == 0 || g_ascii_strcasecmp(w, "cables") == 0) {
            if (g_ascii_strcasecmp(prev, "active") == 0)
                c->active_cable = TRUE;
        }
        if (g_ascii_strcasecmp(prev, "single") == 0 && g_ascii_strcasecmp(w, "mode") == 0)
            c->clues[CLUE_SMF] = TRUE;
        if (g_ascii_strcasecmp(prev, "multi") == 0 && g_ascii_strcasecmp(w, "mode") == 0)
            c->clues[CLUE_MMF] = TRUE;
        prev = w;
    }
}

static void
read_items(Clues *c, const XcvrModule *m, const char *key)
{
    g_autoptr(GPtrArray) items = xcvr_module_get_items(m, key);
    guint i;

    for (i = 0; i < items->len; i++)
        read_name(c, g_ptr_array_index(items, i));
}

/* CMIS applications read "N: HOST (0xHH) / MEDIA (0xHH); host lanes …": only the media
 * interface says what leaves the cage. */
static void
read_applications(Clues *c, const XcvrModule *m)
{
    g_autoptr(GPtrArray) apps = xcvr_module_get_items(m, "applications");
    guint i;

    for (i = 0; i < apps->len; i++) {
        const char *app = g_ptr_array_index(apps, i);
        const char *media = strstr(app, " / ");
        g_autofree char *cut = NULL;
        const char *end;

        if (media == NULL)
            continue;
        media += 3;
        end = strchr(media, ';');
        cut = end != NULL ? g_strndup(media, end - media) : g_strdup(media);
        read_name(c, cut);
    }
}

static XcvrMedia
single_mode_reach(const XcvrModule *m, XcvrMedia named)
{
    double km = 0;

    /* the reach the module states for single-mode fibre (SFF-8472 byte 14, SFF-8636 142) */
    if (!xcvr_module_get_number(m, "length_smf_km", &km, NULL))
        return named;
    if (km >= 70)
        return XCVR_MEDIA_ZR;
    if (km >= 30 && named == XCVR_MEDIA_LR)
        return XCVR_MEDIA_ER;
    return named;
}

XcvrMedia
xcvr_media_of_module(const XcvrModule *m)
{
    Clues c = { { FALSE } };
    const char *media_type;
    const char *tx_tech;

    if (m == NULL)
        return XCVR_MEDIA_UNKNOWN;
    read_items(&c, m, "transceiver_type");
    read_applications(&c, m);
    media_type = xcvr_module_get_string(m, "media_type");
    if (media_type != NULL)
        read_name(&c, media_type);
    tx_tech = xcvr_module_get_string(m, "transmitter_technology");
    if (tx_tech != NULL) {
        c.laser = strstr(tx_tech, " nm") != NULL;
        read_name(&c, tx_tech);
    }

    if (c.clues[CLUE_DWDM])
        return XCVR_MEDIA_DWDM;
    if (c.clues[CLUE_AOC] || (c.active_cable && c.laser))
        return XCVR_MEDIA_AOC;
    if (c.base_t)
        return XCVR_MEDIA_BASE_T;
    if (c.clues[CLUE_COPPER] || c.active_cable)
        return XCVR_MEDIA_DAC;
    if (c.clues[CLUE_ZR])
        return XCVR_MEDIA_ZR;
    if (c.clues[CLUE_ER])
        return single_mode_reach(m, XCVR_MEDIA_ER);
    if (c.clues[CLUE_SMF])
        return single_mode_reach(m, XCVR_MEDIA_LR);
    if (c.clues[CLUE_MMF])
        return XCVR_MEDIA_SR;
    return XCVR_MEDIA_OTHER;
}

guint
xcvr_module_get_lanes(const XcvrModule *m)
{
    g_autoptr(GPtrArray) apps = NULL;
    const char *at;

    if (m == NULL)
        return 0;
    switch (xcvr_module_get_family(m)) {
    case XCVR_FAMILY_SFF8472:
        return 1;
    case XCVR_FAMILY_SFF8636:
        return 4; /* SFF-8636 manages four channels */
    case XCVR_FAMILY_CMIS:
    default:
        break;
    }
    /* CMIS: the media lane count of the first (the module's default) application */
    apps = xcvr_module_get_items(m, "applications");
    if (apps->len == 0)
        return 0;
    at = strstr(g_ptr_array_index(apps, 0), "media lanes ");
    if (at == NULL)
        return 0;
    return (guint)g_ascii_strtoull(at + strlen("media lanes "), NULL, 10);
}

XcvrRedundancy
xcvr_redundancy_of_rule(XcvrBondRule rule)
{
    switch (rule) {
    case XCVR_BOND_RULE_ACTIVE_BACKUP:
    case XCVR_BOND_RULE_OVS_ACTIVE_BACKUP:
    case XCVR_BOND_RULE_MODE_UNKNOWN: /* only one member is sure to carry traffic */
        return XCVR_REDUNDANCY_ACTIVE_BACKUP;
    case XCVR_BOND_RULE_LACP_AGGREGATOR:
    case XCVR_BOND_RULE_LACP_MII:
        return XCVR_REDUNDANCY_LACP;
    case XCVR_BOND_RULE_BALANCE_UP:
    case XCVR_BOND_RULE_OVS_BALANCE:
        return XCVR_REDUNDANCY_BALANCE;
    case XCVR_BOND_RULE_NONE:
    default:
        return XCVR_REDUNDANCY_SINGLE;
    }
}

void
xcvr_placement_free(XcvrPlacement *placement)
{
    g_free(placement);
}

void
xcvr_inv_uplink_read_hints(XcvrInvUplink *up)
{
    up->media = xcvr_media_of_module(up->module);
    up->lanes = xcvr_module_get_lanes(up->module);
}

static void
uplink_hints(const XcvrInvUplink *up, XcvrPlacement *p)
{
    p->media = up->media;
    p->lanes = up->lanes;
    p->speed_mbps = up->link != NULL && up->link->speed_mbps > 0 ? up->link->speed_mbps : 0;
}

XcvrPlacement *
xcvr_inv_uplink_get_placement(const XcvrInvUplink *up)
{
    XcvrPlacement *p = g_new0(XcvrPlacement, 1);
    guint i;
    guint j;

    g_return_val_if_fail(up != NULL, p);

    uplink_hints(up, p);
    /* the bond this uplink is a member of, as the vNICs that ride it reach it */
    for (i = 0; i < up->vnics->len; i++) {
        const XcvrInvVnic *iv = g_ptr_array_index(up->vnics, i);

        for (j = 0; j < iv->reaches->len; j++) {
            const XcvrInvReach *r = g_ptr_array_index(iv->reaches, j);

            if (r->uplink == up && r->active_rule != XCVR_BOND_RULE_NONE) {
                p->redundancy = xcvr_redundancy_of_rule(r->active_rule);
                return p;
            }
        }
    }
    return p;
}

/* Is @a weaker than @b: slower (an unknown speed is the slowest), then fewer lanes. */
static gboolean
weaker(const XcvrPlacement *a, const XcvrPlacement *b)
{
    if (a->speed_mbps != b->speed_mbps)
        return a->speed_mbps < b->speed_mbps;
    return a->lanes < b->lanes;
}

XcvrPlacement *
xcvr_inv_vnic_get_placement(const XcvrInvVnic *iv)
{
    XcvrPlacement *p = g_new0(XcvrPlacement, 1);
    XcvrRedundancy redundancy = XCVR_REDUNDANCY_SINGLE;
    guint i;

    g_return_val_if_fail(iv != NULL, p);

    for (i = 0; i < iv->reaches->len; i++) {
        const XcvrInvReach *r = g_ptr_array_index(iv->reaches, i);
        XcvrPlacement h = { 0 };

        uplink_hints(r->uplink, &h);
        if (i == 0 || weaker(&h, p))
            *p = h;
        if (r->active_rule != XCVR_BOND_RULE_NONE)
            redundancy = xcvr_redundancy_of_rule(r->active_rule);
    }
    /* several uplinks and no bond that says how they share (a bridge over two ports) */
    if (redundancy == XCVR_REDUNDANCY_SINGLE && iv->reaches->len > 1)
        redundancy = XCVR_REDUNDANCY_ACTIVE_BACKUP;
    p->redundancy = redundancy;
    return p;
}
