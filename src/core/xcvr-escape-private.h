/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-escape-private.h: the escapers' quick test, so a renderer skips the copy for the
 * common string that needs no escape. Not installed.
 */
#pragma once

#include <glib.h>

/*
 * For the scans over plain text that precede each escape: kept out of SanitizerCoverage's
 * instrumentation (and not inlined into a function that has it), because a compare callback
 * for every byte of every string made the fuzz targets spend most of their executions in
 * those scans, whose one branch teaches a fuzzer nothing. ASan and UBSan still check them.
 */
#if defined(__clang__) && __clang_major__ >= 13
# define XCVR_NO_COVERAGE __attribute__((no_sanitize("coverage"), noinline))
#else
# define XCVR_NO_COVERAGE
#endif

/* TRUE when xcvr_escape_bytes() of the NUL-terminated @s might differ from @s: a
 * backslash, a control, or any byte past ASCII (checked in full by the escaper). */
gboolean xcvr_escape_bytes_needed(const char *s);
