/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz-module-decode.c: fuzz target for the decoders alone: fuzz-module.c's decode of every
 * blob (the last byte picks the mode) without a renderer, so the executions go to the
 * decoders' branches.
 */
#define FUZZ_DECODE_ONLY 1
#include "fuzz-module.c"
