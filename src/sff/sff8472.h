/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* sff8472.h: the SFF-8079/SFF-8472 (SFP/SFP+/SFP28) family decoder. */
#pragma once

#include "sff/xcvr-module-private.h"

extern const XcvrFamilyDecoder xcvr_sff8472_decoder;
