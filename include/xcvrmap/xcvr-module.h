/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-module.h: a decoded transceiver module: the bytes of its EEPROM turned into typed
 * values described by per-spec field tables.
 */
#pragma once

#include <glib.h>

#include "xcvr-version.h"

G_BEGIN_DECLS

/**
 * XcvrFamily:
 * @XCVR_FAMILY_UNKNOWN: not known yet.
 * @XCVR_FAMILY_SFF8472: SFP/SFP+/SFP28 (SFF-8079 A0h, SFF-8472 A2h diagnostics).
 * @XCVR_FAMILY_SFF8636: QSFP+/QSFP28 (SFF-8436/SFF-8636).
 * @XCVR_FAMILY_CMIS: QSFP-DD/OSFP and others managed through CMIS.
 *
 * The memory-map family of a module.
 *
 * Since: 0.1
 */
typedef enum {
    XCVR_FAMILY_UNKNOWN,
    XCVR_FAMILY_SFF8472,
    XCVR_FAMILY_SFF8636,
    XCVR_FAMILY_CMIS,

#ifdef XCVR_ENUM_SENTINELS
    _XCVR_FAMILY_LAST
#endif
} XcvrFamily;

/**
 * XcvrDecodeFlags:
 * @XCVR_DECODE_NONE: defaults: bad checksums are reported in the result.
 * @XCVR_DECODE_STRICT: fail with %XCVR_ERROR_CHECKSUM when any checksum is bad.
 * @XCVR_DECODE_VDM: also plan and decode the CMIS VDM pages (20h-2Fh) where page 01h
 *   advertises them; without it no VDM page is ever asked for.
 *
 * Since: 0.1
 */
typedef enum {
    XCVR_DECODE_NONE = 0,
    XCVR_DECODE_STRICT = 1 << 0,
    XCVR_DECODE_VDM = 1 << 1,
} XcvrDecodeFlags;

/**
 * XcvrChecksumStatus:
 * @XCVR_CHECKSUM_OK: stored and computed checksums agree.
 * @XCVR_CHECKSUM_BAD: they differ: the covered bytes cannot be trusted.
 * @XCVR_CHECKSUM_ABSENT: the covered bytes or the checksum byte were not read.
 *
 * Since: 0.1
 */
typedef enum {
    XCVR_CHECKSUM_OK,
    XCVR_CHECKSUM_BAD,
    XCVR_CHECKSUM_ABSENT,

#ifdef XCVR_ENUM_SENTINELS
    _XCVR_CHECKSUM_LAST
#endif
} XcvrChecksumStatus;

/**
 * XcvrChecksum:
 * @key: stable key ("cc_base", "cc_ext", "cc_dmi").
 * @description: what the checksum covers, for people.
 * @status: the verdict.
 * @stored: the checksum byte in the EEPROM (valid unless @status is ABSENT).
 * @computed: the checksum computed over the covered bytes (valid unless ABSENT).
 *
 * Part of its (immutable) module, returned as an array: its size is frozen, and new
 * facts about a checksum would come through new getters.
 *
 * Since: 0.1
 */
typedef struct {
    const char *key;
    const char *description;
    XcvrChecksumStatus status;
    guint8 stored;
    guint8 computed;
} XcvrChecksum;

/**
 * xcvr_checksum_status_to_string:
 * @status: an #XcvrChecksumStatus
 *
 * Returns: its stable name ("ok", "bad", "absent"), as in JSON and XML output; "absent"
 * for a value out of range.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_checksum_status_to_string(XcvrChecksumStatus status);

/**
 * xcvr_checksum_status_from_string:
 * @str: (nullable): a name xcvr_checksum_status_to_string() returns
 *
 * Returns: the #XcvrChecksumStatus named @str, or -1 when @str is %NULL or names none.
 *
 * Since: 0.1
 */
XCVR_PUBLIC int xcvr_checksum_status_from_string(const char *str);

/**
 * XcvrModule:
 *
 * A decoded module: its values, with the descriptors every renderer walks. Opaque.
 * Immutable after decode: several threads may read one module (getters, renderers) at
 * once; only xcvr_module_free() must wait for them.
 *
 * Since: 0.1
 */
typedef struct _XcvrModule XcvrModule;

/**
 * xcvr_module_decode:
 * @data: (array length=len): a module EEPROM image
 * @len: its size in bytes
 * @family: the memory map of @data, or %XCVR_FAMILY_UNKNOWN to tell from the identifier byte
 * @flags: #XcvrDecodeFlags
 * @error: return location for a #GError
 *
 * Decodes an image laid out as `ethtool -m … raw on` and the shared EEPROM corpus store it:
 * SFF-8472 is A0h's 256 bytes then, optionally, A2h's 256 bytes. An A0h shorter than 256
 * bytes decodes as long as it holds the 96 bytes of the base and extended ID fields.
 *
 * Pure: no I/O, no global state; safe to call from several threads at once.
 *
 * Returns: (transfer full) (nullable): the decoded module, or %NULL with @error set
 * (%XCVR_ERROR_TRUNCATED, %XCVR_ERROR_NO_MODULE, %XCVR_ERROR_INVALID_DATA,
 * or %XCVR_ERROR_CHECKSUM under %XCVR_DECODE_STRICT).
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrModule *xcvr_module_decode(const guint8 *data,
                                           gsize len,
                                           XcvrFamily family,
                                           XcvrDecodeFlags flags,
                                           GError **error);

XCVR_PUBLIC void xcvr_module_free(XcvrModule *module);

/**
 * xcvr_module_get_family:
 * @module: a decoded module
 *
 * Returns: its memory-map family.
 *
 * Since: 0.1
 */
XCVR_PUBLIC XcvrFamily xcvr_module_get_family(const XcvrModule *module);

/**
 * xcvr_module_get_checksums:
 * @module: a decoded module
 * @ret_n: (out): number of entries
 *
 * Returns: (transfer none) (array length=ret_n): every checksum of the memory map,
 * verified; owned by @module.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const XcvrChecksum *xcvr_module_get_checksums(const XcvrModule *module,
                                                          guint *ret_n);

/**
 * xcvr_module_checksums_ok:
 * @module: a decoded module
 *
 * Returns: %TRUE when no checksum is %XCVR_CHECKSUM_BAD.
 *
 * Since: 0.1
 */
XCVR_PUBLIC gboolean xcvr_module_checksums_ok(const XcvrModule *module);

/**
 * xcvr_module_get_string:
 * @module: a decoded module
 * @key: a stable field key ("vendor_name", "vendor_pn", "vendor_sn", "vendor_rev",
 *   "date_code", …, as in the JSON output)
 *
 * Returns: (transfer none) (nullable): the field's text with trailing blanks removed, or
 * %NULL when the field is not a text field or was not read.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_module_get_string(const XcvrModule *module, const char *key);

/**
 * xcvr_module_get_number:
 * @module: a decoded module
 * @key: a stable field key ("br_nominal", "laser_wavelength", "module_temperature", …)
 * @ret_value: (out): the value in the field's unit (after calibration)
 * @ret_unit: (out) (optional) (transfer none): the unit's name ("MBd", "nm", "mW", …)
 *
 * Returns: %TRUE when the field exists, was read and is numeric; @ret_* untouched otherwise.
 *
 * Since: 0.1
 */
XCVR_PUBLIC gboolean xcvr_module_get_number(const XcvrModule *module,
                                            const char *key,
                                            double *ret_value,
                                            const char **ret_unit);

/**
 * xcvr_module_get_lane_numbers:
 * @module: a decoded module
 * @key: a numeric field's key ("rx_power", "laser_output_power", "laser_bias_current", …)
 * @ret_unit: (out) (optional) (transfer none): the unit's name
 *
 * Returns: (transfer full) (element-type gdouble): the field's value per lane, lane 1
 * first (one value for a single-lane module or a module-wide field); empty when the field
 * does not exist, was not read or is not numeric.
 *
 * Since: 0.1
 */
XCVR_PUBLIC GArray *xcvr_module_get_lane_numbers(const XcvrModule *module, const char *key,
                                                 const char **ret_unit);

/**
 * xcvr_module_get_items:
 * @module: a decoded module
 * @key: a bit-field's key ("transceiver_type", "options", …)
 *
 * Returns: (transfer full) (element-type utf8): the names of the bits that are set, in
 * table order; empty when the field does not exist or was not read.
 *
 * Since: 0.1
 */
XCVR_PUBLIC GPtrArray *xcvr_module_get_items(const XcvrModule *module, const char *key);

/**
 * xcvr_module_get_raised_flags:
 * @module: a decoded module
 * @suffix: which flags: "_alarm" or "_warning" (a key suffix)
 *
 * The module's latched alarm or warning flags that are set (temperature, voltage, laser
 * bias, tx and rx power), as read: the health summary of a link.
 *
 * Returns: (transfer full) (element-type utf8): one entry per raised flag: its key, with
 * " lane N" after it for a per-lane flag ("rx_power_low_alarm lane 2"); empty when none
 * is set or the module has no diagnostics.
 *
 * Since: 0.1
 */
XCVR_PUBLIC GPtrArray *xcvr_module_get_raised_flags(const XcvrModule *module,
                                                    const char *suffix);

/**
 * xcvr_family_to_string:
 * @family: an #XcvrFamily
 *
 * Returns: its stable name ("unknown", "sff8472", "sff8636", "cmis"), as in JSON output;
 * "unknown" for a value out of range.
 *
 * Since: 0.1
 */
XCVR_PUBLIC const char *xcvr_family_to_string(XcvrFamily family);

/**
 * xcvr_family_from_string:
 * @str: (nullable): a name xcvr_family_to_string() returns
 *
 * Returns: the #XcvrFamily named @str, or -1 when @str is %NULL or names none.
 *
 * Since: 0.1
 */
XCVR_PUBLIC int xcvr_family_from_string(const char *str);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrModule, xcvr_module_free)

G_END_DECLS
