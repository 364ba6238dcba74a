/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-escape.h: one escaping function per output kind, so that no name, message or module
 * string read from a host (sysfs names, libvirt domains, sidecar bytes, EEPROM strings) can
 * act on the terminal, split a table row, or make a JSON or XML document invalid.
 */
#pragma once

#include <glib.h>

#include "xcvr-version.h"

G_BEGIN_DECLS

/**
 * xcvr_escape_bytes:
 * @data: (array length=len): the bytes, not necessarily UTF-8
 * @len: the length of @data, or -1 when @data is NUL-terminated
 *
 * The one rule of every machine-readable output (JSON, XML, XML-RPC): @data as valid UTF-8
 * in which every byte that is not part of valid UTF-8, and every byte of a control character
 * (C0, DEL, C1 U+0080–U+009F) or of a noncharacter XML 1.0 cannot carry (U+FFFE, U+FFFF), is
 * written as the four characters `\xHH` (lower-case hex), and a backslash as `\\`. Every
 * other character is kept. The result reads back to @data without
 * ambiguity, and carries no control character at all.
 *
 * Returns: (transfer full): the escaped text
 *
 * Since: 0.1
 */
XCVR_PUBLIC
char *xcvr_escape_bytes(const char *data, gssize len);

/**
 * xcvr_escape_text:
 * @data: (array length=len): the bytes, not necessarily UTF-8
 * @len: the length of @data, or -1 when @data is NUL-terminated
 *
 * A name or message made safe for a terminal, the way ls, systemd and iproute2 do it,
 * visibly and unambiguously: a C0 control (tab and newline included), DEL, or a byte that is
 * not part of valid UTF-8 as `\xHH`; a C1 control (U+0080–U+009F, the 8-bit CSI U+009B
 * among them), a bidirectional mark, embedding, override or isolate (U+061C, U+200E,
 * U+200F, U+202A–U+202E, U+2066–U+2069) or a line/paragraph separator (U+2028, U+2029) as
 * `\uXXXX`; a backslash as `\\`. Every other character is kept.
 *
 * Returns: (transfer full): the escaped text
 *
 * Since: 0.1
 */
XCVR_PUBLIC
char *xcvr_escape_text(const char *data, gssize len);

/**
 * xcvr_escape_xml_append:
 * @out: the string to append to
 * @data: (array length=len): the bytes, not necessarily UTF-8
 * @len: the length of @data, or -1 when @data is NUL-terminated
 *
 * Appends @data to @out as XML 1.0 character data or attribute value: the rule of
 * xcvr_escape_bytes() (which leaves no character XML 1.0 cannot carry), then `&`, `<`, `>`,
 * `"` and `'` as entities. A parser reads back exactly xcvr_escape_bytes() of @data.
 *
 * Since: 0.1
 */
XCVR_PUBLIC
void xcvr_escape_xml_append(GString *out, const char *data, gssize len);

/**
 * xcvr_escape_xml:
 * @data: (array length=len): the bytes, not necessarily UTF-8
 * @len: the length of @data, or -1 when @data is NUL-terminated
 *
 * xcvr_escape_xml_append() into a new string.
 *
 * Returns: (transfer full): the escaped text
 *
 * Since: 0.1
 */
XCVR_PUBLIC
char *xcvr_escape_xml(const char *data, gssize len);

/**
 * xcvr_escape_prometheus_append:
 * @out: the string to append to
 * @data: (array length=len): the bytes, not necessarily UTF-8
 * @len: the length of @data, or -1 when @data is NUL-terminated
 *
 * Appends @data to @out as a label value of the Prometheus text exposition format (between
 * its double quotes): the rule of xcvr_escape_bytes() (which leaves no line feed, no control
 * and no invalid UTF-8), then the format's own escapes, a backslash as `\\` and a double
 * quote as `\"`. A parser of the format reads back exactly xcvr_escape_bytes() of @data,
 * as a JSON or XML reader of the other outputs does.
 *
 * Since: 0.1
 */
XCVR_PUBLIC
void xcvr_escape_prometheus_append(GString *out, const char *data, gssize len);

/**
 * xcvr_escape_prometheus:
 * @data: (array length=len): the bytes, not necessarily UTF-8
 * @len: the length of @data, or -1 when @data is NUL-terminated
 *
 * xcvr_escape_prometheus_append() into a new string.
 *
 * Returns: (transfer full): the escaped text
 *
 * Since: 0.1
 */
XCVR_PUBLIC
char *xcvr_escape_prometheus(const char *data, gssize len);

G_END_DECLS
