/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-vocab-private.h: the one vocabulary of a module summary, a link and a health
 * verdict. Every output (map JSON and XML, module JSON, and the node-device, domain
 * metadata and metrics documents to come) names a fact by this table and takes its value
 * from xcvr_vocab_evaluate(), so keys, units, shapes and derived quantities agree. The
 * published form is src/render/schemas/vocabulary.md, generated from this table. Not
 * installed.
 */
#pragma once

#include <glib.h>

#include <xcvrmap/xcvr-module.h>
#include <xcvrmap/xcvr-placement.h>
#include <xcvrmap/xcvr-topo.h>

#include "xcvr-inventory-private.h"

/* Which object a fact belongs to: its JSON object, its XML element. */
typedef enum {
    XCVR_VOCAB_MODULE,
    XCVR_VOCAB_LINK,
    XCVR_VOCAB_HEALTH,
    XCVR_VOCAB_PLACEMENT,

    _XCVR_VOCAB_GROUP_LAST
} XcvrVocabGroup;

/* The shape of a fact's value. */
typedef enum {
    XCVR_VOCAB_STRING,
    XCVR_VOCAB_NUMBER,
    XCVR_VOCAB_INTEGER,
    XCVR_VOCAB_LANES,   /* numbers per lane, lane 1 first; a lane may be null (no light in dBm) */
    XCVR_VOCAB_STRINGS, /* a list of strings */
    XCVR_VOCAB_BOOLEAN,

    _XCVR_VOCAB_KIND_LAST
} XcvrVocabKind;

/* Where a fact's value comes from. */
typedef enum {
    XCVR_VOCAB_FROM_FIELD,     /* a decoded module field, by its key */
    XCVR_VOCAB_FROM_FLAGS,     /* the module's raised flags whose key ends in @source */
    XCVR_VOCAB_FROM_FAMILY,    /* the module's family */
    XCVR_VOCAB_FROM_CHECKSUMS, /* every checksum verified */
    XCVR_VOCAB_FROM_READ,      /* how the bytes were read: netlink, ioctl, file */
    XCVR_VOCAB_FROM_LINK,      /* the netdev's link state from sysfs, member @source */
    XCVR_VOCAB_FROM_HEALTH,    /* the uplink's verdict (@source "verdict") or its reasons */
    XCVR_VOCAB_FROM_FACT,      /* derived from the fact whose JSON key is @source */
    XCVR_VOCAB_FROM_PLACEMENT, /* the placement hints (xcvr-placement.c), member @source */
    XCVR_VOCAB_FROM_MEDIA,     /* the module's medium class (xcvr_media_of_module()) */

    _XCVR_VOCAB_ORIGIN_LAST
} XcvrVocabOrigin;

/* How a derived fact is computed from its base. */
typedef enum {
    XCVR_VOCAB_DERIVE_NONE,
    XCVR_VOCAB_DERIVE_DBM,        /* 10·log10(mW), 2 decimals; no light (≤ 0 mW) is null */
    XCVR_VOCAB_DERIVE_FAHRENHEIT, /* °C·1.8 + 32 */

    _XCVR_VOCAB_DERIVE_LAST
} XcvrVocabDerive;

typedef struct {
    XcvrVocabGroup group;
    const char *json_key; /* snake_case, the unit last where it carries a quantity */
    const char *xml_name; /* the same words with hyphens: an attribute, or for a list the
                           * element of each item */
    const char *unit;     /* NULL for none */
    XcvrVocabKind kind;
    XcvrVocabOrigin origin;
    const char *source;   /* field key, flag-key suffix, link member, health part, base fact */
    XcvrVocabDerive derive;
    gboolean omit_absent; /* left out when absent (else null, or [] for a list) */
    const char *description;
} XcvrVocabFact;

/* Everything the table can be evaluated against; any member may be NULL. */
typedef struct {
    const XcvrModule *module;
    const char *module_source;      /* "netlink", "ioctl", "file" */
    const XcvrLinkState *link;
    gboolean has_health;
    XcvrHealth health;
    GPtrArray *health_reasons;      /* char* */
    const XcvrPlacement *placement;
    gboolean has_media;             /* @media is @module's, worked out already */
    XcvrMedia media;
} XcvrVocabSubject;

/* What the vocabulary describes of one uplink of the inventory: its module, link and
 * health (borrowed from @uplink). */
XcvrVocabSubject xcvr_vocab_subject_for_uplink(const XcvrInvUplink *uplink);

/* One fact's value for one subject. */
typedef struct {
    const XcvrVocabFact *fact;
    gboolean present;
    const char *string; /* STRING (borrowed from the subject or a static table) */
    double number;     /* NUMBER, INTEGER */
    gboolean boolean;  /* BOOLEAN */
    GArray *lanes;     /* LANES: double; NAN for a null lane */
    GPtrArray *strings; /* STRINGS: char* (owned) */
} XcvrVocabValue;

/* The whole table, in output order: module facts, link facts, health facts. */
const XcvrVocabFact *xcvr_vocab_facts(guint *ret_n);
const char *xcvr_vocab_group_json_key(XcvrVocabGroup group);
const char *xcvr_vocab_kind_to_string(XcvrVocabKind kind);

/* Evaluates every fact of @group for @subject, in table order: a GArray of XcvrVocabValue
 * that frees its values. Derived facts are computed here, from their base's value. */
GArray *xcvr_vocab_evaluate(XcvrVocabGroup group, const XcvrVocabSubject *subject);

/* The published table: src/render/schemas/vocabulary.md. */
char *xcvr_vocab_to_markdown(void);
