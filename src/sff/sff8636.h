/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sff8636.h: the SFF-8436/SFF-8636 (QSFP+/QSFP28) family decoder. */
#pragma once

#include "sff/xcvr-module-private.h"

extern const XcvrFamilyDecoder xcvr_sff8636_decoder;
