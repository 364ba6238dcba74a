/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-render-xml.c: the XML form of a module, in xcvrmap's own namespace, walking the same
 * values and descriptors as the text and JSON forms. Schema: schemas/xcvrmap-module.rng.
 */
#include <xcvrmap/xcvr-escape.h>
#include <xcvrmap/xcvr-render.h>

#include <math.h>

#include "core/xcvr-dtoa-private.h"
#include "core/xcvr-enum.h"
#include "core/xcvr-string-private.h"
#include "sff/xcvr-module-private.h"

/* The `kind` attribute of a value (private: the kinds are the decoders' own). */
XCVR_ENUM_DECL(value_kind, XcvrFieldKind);
XCVR_ENUM_IMPL(value_kind, XcvrFieldKind, _XCVR_KIND_LAST, "number",
    [XCVR_KIND_ENUM] = "enum",
    [XCVR_KIND_BITS] = "bits",
    [XCVR_KIND_HEXBYTES] = "bytes",
    [XCVR_KIND_UINT] = "number",
    [XCVR_KIND_ASCII] = "text",
    [XCVR_KIND_OUI] = "oui",
    [XCVR_KIND_BOOL] = "bool",
    [XCVR_KIND_FLAG] = "flag",
    [XCVR_KIND_MEASURE] = "measure",
    [XCVR_KIND_LANE_BITS] = "lanes",
)

/* "%.17g", as every published double: exact, and the same text as the JSON of the field. */
static void
append_double(GString *out, double v)
{
    char buf[XCVR_DTOA_BUF_SIZE];
    gsize len = xcvr_dtoa(buf, v);

    xcvr_string_append_len(out, buf, len);
}

static void
xml_value(GString *out, GString *scratch, const XcvrModule *module, const XcvrValue *v)
{
    const XcvrFieldDesc *d = v->desc;
    gboolean first;
    guint i;

    xcvr_string_append_printf(out, "  <field key=\"%s\" kind=\"%s\"", d->key, xcvr_value_kind_to_string(d->kind));
    if (d->label != NULL) {
        const char *label;
        gsize len;

        /* the label without its surrounding spaces, built in @scratch */
        g_string_truncate(scratch, 0);
        xcvr_value_append_label(scratch, v, FALSE);
        label = scratch->str;
        len = scratch->len;
        while (len > 0 && g_ascii_isspace(*label)) {
            label++;
            len--;
        }
        while (len > 0 && g_ascii_isspace(label[len - 1]))
            len--;
        g_string_append(out, " label=\"");
        xcvr_escape_xml_append(out, label, (gssize)len);
        g_string_append_c(out, '"');
    }
    if (v->lane > 0)
        xcvr_string_append_printf(out, " lane=\"%u\"", v->lane);
    if (v->state != XCVR_VALUE_OK) {
        g_string_append(out, " state=\"truncated\"/>\n");
        return;
    }

    switch (d->kind) {
    case XCVR_KIND_ENUM:
        xcvr_string_append_printf(out, " code=\"%u\">", (guint)v->raw);
        xcvr_escape_xml_append(out, v->text, -1);
        g_string_append(out, "</field>\n");
        break;
    case XCVR_KIND_BITS:
        if (v->n_items == 0) {
            g_string_append(out, "/>\n");
            break;
        }
        g_string_append(out, ">\n");
        for (i = 0; i < v->n_items; i++) {
            g_string_truncate(scratch, 0);
            (void)xcvr_item_append(scratch, xcvr_module_item(module, v, i), FALSE);
            g_string_append(out, "    <item>");
            xcvr_escape_xml_append(out, scratch->str, (gssize)scratch->len);
            g_string_append(out, "</item>\n");
        }
        g_string_append(out, "  </field>\n");
        break;
    case XCVR_KIND_HEXBYTES:
        g_string_append_c(out, '>');
        for (i = 0; i < v->n_bytes; i++)
            xcvr_string_append_printf(out, "%s0x%02x", i > 0 ? " " : "", v->bytes[i]);
        g_string_append(out, "</field>\n");
        break;
    case XCVR_KIND_UINT:
        xcvr_string_append_printf(out, " unit=\"%s\">", d->unit != NULL ? d->unit : "");
        append_double(out, v->number);
        g_string_append(out, "</field>\n");
        break;
    case XCVR_KIND_ASCII:
    case XCVR_KIND_OUI:
        g_string_append_c(out, '>');
        xcvr_escape_xml_append(out, v->text, -1);
        g_string_append(out, "</field>\n");
        break;
    case XCVR_KIND_BOOL:
    case XCVR_KIND_FLAG:
        xcvr_string_append_printf(out, ">%s</field>\n", v->raw != 0 ? "true" : "false");
        break;
    case XCVR_KIND_LANE_BITS:
        /* lanes whose bit is set, 1-based, space separated */
        g_string_append_c(out, '>');
        for (i = 0, first = TRUE; i < 64 && (v->raw >> i) != 0; i++) {
            if (((v->raw >> i) & 1) == 0)
                continue;
            xcvr_string_append_printf(out, "%s%u", first ? "" : " ", i + 1);
            first = FALSE;
        }
        g_string_append(out, "</field>\n");
        break;
    case XCVR_KIND_MEASURE:
        xcvr_string_append_printf(out, " unit=\"%s\"", xcvr_quantity_unit(d->quantity));
        if (d->quantity == XCVR_QTY_TX_POWER || d->quantity == XCVR_QTY_RX_POWER) {
            double dbm = 10. * log10(v->number);

            /* no light has no dBm: the attribute is left out */
            if (isfinite(dbm)) {
                g_string_append(out, " dbm=\"");
                append_double(out, round(dbm * 100.) / 100.);
                g_string_append_c(out, '"');
            }
        }
        g_string_append_c(out, '>');
        append_double(out, v->number);
        g_string_append(out, "</field>\n");
        break;
    case _XCVR_KIND_LAST:
    default:
        g_string_append(out, "/>\n");
        break;
    }
}

gboolean
xcvr_render_xml(const XcvrModule *module, GString *out, GError **error)
{
    g_autoptr(GString) scratch = g_string_new(NULL);
    guint i;

    g_return_val_if_fail(module != NULL, FALSE);
    g_return_val_if_fail(out != NULL, FALSE);

    xcvr_string_append_printf(out, "<module xmlns=\"%s\" family=\"%s\">\n", XCVR_XML_NAMESPACE,
                           xcvr_family_to_string(module->family));
    xcvr_string_append_printf(out, "  <checksums ok=\"%s\">\n",
                           xcvr_module_checksums_ok(module) ? "true" : "false");
    for (i = 0; i < module->n_checksums; i++) {
        const XcvrChecksum *ck = &module->checksums[i];

        xcvr_string_append_printf(out, "    <checksum key=\"%s\" status=\"%s\" covers=\"",
                                  ck->key, xcvr_checksum_status_to_string(ck->status));
        xcvr_escape_xml_append(out, ck->description, -1);
        g_string_append_c(out, '"');
        if (ck->status != XCVR_CHECKSUM_ABSENT)
            xcvr_string_append_printf(out, " stored=\"%u\" computed=\"%u\"", ck->stored,
                                   ck->computed);
        g_string_append(out, "/>\n");
    }
    g_string_append(out, "  </checksums>\n");
    for (i = 0; i < module->n_values; i++) {
        if (!module->values[i].text_only)
            xml_value(out, scratch, module, &module->values[i]);
    }
    for (i = 0; i < xcvr_module_n_warnings(module); i++) {
        g_string_append(out, "  <warning>");
        xcvr_escape_xml_append(out, xcvr_module_warning(module, i), -1);
        g_string_append(out, "</warning>\n");
    }
    g_string_append(out, "</module>\n");
    return TRUE;
}
