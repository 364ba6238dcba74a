/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xcvr-version.h: symbol visibility and version macros for the public API. */
#pragma once

#if defined(XCVR_COMPILATION) && defined(__GNUC__)
# define XCVR_PUBLIC __attribute__((visibility("default")))
#else
# define XCVR_PUBLIC
#endif

/* The enums' _LAST sentinels are not part of the ABI: only the project's own code sees them
 * (libvirt keeps its VIR_*_LAST out of the public API the same way). */
#if defined(XCVR_COMPILATION) && !defined(XCVR_ENUM_SENTINELS)
# define XCVR_ENUM_SENTINELS 1
#endif

#define XCVR_MAJOR_VERSION 0
#define XCVR_MINOR_VERSION 1
