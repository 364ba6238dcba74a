/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xcvr-error.c: the XCVR_ERROR domain and stable names of its codes. */
#include <errno.h>

#include <xcvrmap/xcvr-error.h>

#include "core/xcvr-enum.h"

G_DEFINE_QUARK(xcvr-error-quark, xcvr_error)

/* XCVR_ERROR_UNSUPPORTED (7, printed "unsupported") is retired: its slot stays empty. */
XCVR_ENUM_IMPL(error, XcvrError, _XCVR_ERROR_LAST, "failed",
    [XCVR_ERROR_FAILED] = "failed",
    [XCVR_ERROR_IO] = "io",
    [XCVR_ERROR_NOT_SUPPORTED] = "not-supported",
    [XCVR_ERROR_NO_MODULE] = "no-module",
    [XCVR_ERROR_TRUNCATED] = "truncated",
    [XCVR_ERROR_INVALID_DATA] = "invalid-data",
    [XCVR_ERROR_CHECKSUM] = "checksum",
    [XCVR_ERROR_LIBVIRT] = "libvirt",
    [XCVR_ERROR_INVALID_ARGUMENT] = "invalid-argument",
    [XCVR_ERROR_NO_DEVICE] = "no-device",
    [XCVR_ERROR_PERMISSION] = "permission",
    [XCVR_ERROR_TIMEOUT] = "timeout",
    [XCVR_ERROR_NO_DUMP] = "no-dump",
)

/* An errno from a module read as an XcvrError code a caller can act on. */
XcvrError
xcvr_error_from_errno(int err)
{
    switch (err) {
    case EOPNOTSUPP:
        return XCVR_ERROR_NOT_SUPPORTED;
    case ENODEV:
    case ENXIO:
        return XCVR_ERROR_NO_DEVICE;
    case EPERM:
    case EACCES:
        return XCVR_ERROR_PERMISSION;
    case ETIMEDOUT:
        return XCVR_ERROR_TIMEOUT;
    default:
        return XCVR_ERROR_IO;
    }
}
