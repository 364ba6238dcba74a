/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmis.h: the CMIS (QSFP-DD, OSFP, DSFP, QSFP+/SFP+ with CMIS) family decoder. */
#pragma once

#include "sff/xcvr-module-private.h"

extern const XcvrFamilyDecoder xcvr_cmis_decoder;
