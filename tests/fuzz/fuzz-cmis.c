/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz-cmis.c: fuzz target: every blob is also decoded as a CMIS memory map, whatever its
 * identifier says, so random bytes reach that decoder's every branch; then rendered with every
 * renderer, as fuzz-module.c does.
 */
#define FUZZ_FORCED_FAMILY XCVR_FAMILY_CMIS
#include "fuzz-module.c"
