/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sff8024.h: SFF-8024 code tables shared by every module family. */
#pragma once

#include "sff/xcvr-field.h"

extern const XcvrCodeTable xcvr_sff8024_identifier;       /* Table 4-1 */
extern const XcvrCodeTable xcvr_sff8024_connector;        /* Table 4-3 */
extern const XcvrCodeTable xcvr_sff8024_encoding_sff8472; /* Table 4-2, SFF-8472 column */
extern const XcvrCodeTable xcvr_sff8024_encoding_sff8636; /* Table 4-2, SFF-8636 column */
extern const XcvrCodeTable xcvr_sff8024_ext_compliance;   /* Table 4-4 */

extern const XcvrCodeTable xcvr_sff8024_host_interface;  /* Table 4-5 */
extern const XcvrCodeTable xcvr_sff8024_media_mmf;        /* Table 4-6 */
extern const XcvrCodeTable xcvr_sff8024_media_smf;        /* Table 4-7 */
extern const XcvrCodeTable xcvr_sff8024_media_copper;     /* Table 4-8 */
extern const XcvrCodeTable xcvr_sff8024_media_active;     /* Table 4-9 */
extern const XcvrCodeTable xcvr_sff8024_media_base_t;     /* Table 4-10 */
extern const XcvrCodeTable xcvr_sff8024_media_none;       /* media type undefined */
extern const XcvrCodeTable xcvr_sff8024_media_type;       /* Table 4-11 */

const XcvrCodeTable *xcvr_sff8024_media_table(guint media_type);
const char *xcvr_code_table_ethtool_label(const XcvrCodeTable *table, guint code);
const char *xcvr_code_table_label_qsfp(const XcvrCodeTable *table, guint code,
                                       const char *fallback);
