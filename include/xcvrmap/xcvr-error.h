/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xcvr-error.h: the XCVR_ERROR GError domain and the codes a caller can act on. */
#pragma once

#include <glib.h>

#include "xcvr-version.h"

G_BEGIN_DECLS

/**
 * XCVR_ERROR:
 *
 * Error domain of libxcvrmap. Errors in this domain are from the #XcvrError enumeration.
 */
#define XCVR_ERROR (xcvr_error_quark())

/**
 * XcvrError:
 * @XCVR_ERROR_FAILED: generic failure.
 * @XCVR_ERROR_IO: reading the bytes failed (file, I2C bus, kernel).
 * @XCVR_ERROR_NOT_SUPPORTED: not supported here: the interface or driver cannot read module
 *   EEPROMs, a device sits where we cannot follow it (a vDPA device off PCI), a feature
 *   the build lacks.
 * @XCVR_ERROR_NO_MODULE: no module is plugged in (empty cage: all bytes read 0xFF).
 * @XCVR_ERROR_TRUNCATED: fewer bytes than the memory map needs.
 * @XCVR_ERROR_INVALID_DATA: the bytes do not describe a module we can decode.
 * @XCVR_ERROR_CHECKSUM: a checksum does not match (only raised in strict mode).
 * @XCVR_ERROR_LIBVIRT: libvirt failed or is unreachable.
 * @XCVR_ERROR_INVALID_ARGUMENT: a caller-supplied value is not acceptable.
 * @XCVR_ERROR_NO_DEVICE: the interface does not exist, or vanished while being read.
 * @XCVR_ERROR_PERMISSION: reading the module needs privileges the caller lacks.
 * @XCVR_ERROR_TIMEOUT: the module did not answer before the deadline.
 * @XCVR_ERROR_NO_DUMP: a dump directory holds no dump for the interface: nothing was
 *   recorded for it, which says neither that its cage is empty nor that it does not exist
 *   (an empty cage is recorded as a dump whose bytes are all 0xFF: %XCVR_ERROR_NO_MODULE).
 *
 * The numeric values are stable; 7 was XCVR_ERROR_UNSUPPORTED, a synonym of
 * %XCVR_ERROR_NOT_SUPPORTED, and is never raised.
 *
 * Since: 0.1
 */
typedef enum {
    XCVR_ERROR_FAILED = 0,
    XCVR_ERROR_IO = 1,
    XCVR_ERROR_NOT_SUPPORTED = 2,
    XCVR_ERROR_NO_MODULE = 3,
    XCVR_ERROR_TRUNCATED = 4,
    XCVR_ERROR_INVALID_DATA = 5,
    XCVR_ERROR_CHECKSUM = 6,
    /* 7: retired (XCVR_ERROR_UNSUPPORTED) */
    XCVR_ERROR_LIBVIRT = 8,
    XCVR_ERROR_INVALID_ARGUMENT = 9,
    XCVR_ERROR_NO_DEVICE = 10,
    XCVR_ERROR_PERMISSION = 11,
    XCVR_ERROR_TIMEOUT = 12,
    XCVR_ERROR_NO_DUMP = 13,

#ifdef XCVR_ENUM_SENTINELS
    _XCVR_ERROR_LAST
#endif
} XcvrError;

#ifndef XCVR_DISABLE_DEPRECATED
/**
 * XCVR_ERROR_UNSUPPORTED:
 *
 * Deprecated: 0.1: use %XCVR_ERROR_NOT_SUPPORTED, which this now names.
 */
# define XCVR_ERROR_UNSUPPORTED XCVR_ERROR_NOT_SUPPORTED
#endif

XCVR_PUBLIC GQuark xcvr_error_quark(void);

/**
 * xcvr_error_to_string:
 * @code: an #XcvrError
 *
 * Returns: a stable machine-readable name for @code ("truncated", "checksum", …),
 * used as the `error` key in JSON output; "failed" for a value outside #XcvrError.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_error_to_string(XcvrError code);

/**
 * xcvr_error_from_string:
 * @str: (nullable): a name xcvr_error_to_string() returns
 *
 * Returns: the #XcvrError named @str, or -1 when @str is %NULL or names none.
 *
 * Since: 0.1
 */
XCVR_PUBLIC int xcvr_error_from_string(const char *str);

/**
 * xcvr_error_from_errno:
 * @err: an errno value from a module read
 *
 * Returns: the #XcvrError a caller can act on (EOPNOTSUPP: not supported; ENODEV: no
 * device; EPERM/EACCES: permission; ETIMEDOUT: timeout; anything else: I/O).
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrError xcvr_error_from_errno(int err);

G_END_DECLS
