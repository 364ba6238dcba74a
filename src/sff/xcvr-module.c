/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-module.c: decoding a module image or page map into the model — family detection,
 * dead reads, the decode entry points — and planning which pages a module still needs.
 * The family from the identifier byte: SFF-8024 Rev 4.11 Table 4-1.
 */
#include "sff/xcvr-module-private.h"

#include <xcvrmap/xcvr-error.h>

#include "sff/sff8472.h"
#include "sff/sff8636.h"
#include "sff/cmis.h"

#include "core/xcvr-enum.h"

XCVR_ENUM_IMPL(family, XcvrFamily, _XCVR_FAMILY_LAST, "unknown",
    [XCVR_FAMILY_UNKNOWN] = "unknown",
    [XCVR_FAMILY_SFF8472] = "sff8472",
    [XCVR_FAMILY_SFF8636] = "sff8636",
    [XCVR_FAMILY_CMIS] = "cmis",
)

XCVR_ENUM_IMPL(checksum_status, XcvrChecksumStatus, _XCVR_CHECKSUM_LAST, "absent",
    [XCVR_CHECKSUM_OK] = "ok",
    [XCVR_CHECKSUM_BAD] = "bad",
    [XCVR_CHECKSUM_ABSENT] = "absent",
)

void
xcvr_module_free(XcvrModule *module)
{
    if (module == NULL)
        return;
    xcvr_arena_free(module->arena);
    if (module->warnings != NULL)
        g_ptr_array_unref(module->warnings);
    xcvr_page_map_clear(&module->map_storage);
    g_free(module);
}

void
xcvr_module_warn(XcvrModule *module, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if (module->warnings == NULL)
        module->warnings = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(module->warnings, g_strdup_vprintf(fmt, ap));
    va_end(ap);
}

void
xcvr_module_add_checksum(XcvrModule *module,
                         const char *key,
                         const char *description,
                         guint8 i2c,
                         guint8 page,
                         guint first,
                         guint last,
                         guint at)
{
    XcvrChecksum ck = { key, description, XCVR_CHECKSUM_ABSENT, 0, 0 };

    if (xcvr_page_map_sum(module->map, i2c, page, first, last, &ck.computed) &&
        xcvr_page_map_get_u8(module->map, i2c, page, at, &ck.stored)) {
        ck.status = ck.stored == ck.computed ? XCVR_CHECKSUM_OK : XCVR_CHECKSUM_BAD;
        if (ck.status == XCVR_CHECKSUM_BAD)
            xcvr_module_warn(module,
                             "%s checksum mismatch over %s: stored 0x%02x, computed 0x%02x; "
                             "these fields may be corrupt",
                             key, description, ck.stored, ck.computed);
    }
    g_assert(module->n_checksums < G_N_ELEMENTS(module->checksums));
    module->checksums[module->n_checksums++] = ck;
}

/* Which memory map an identifier byte (SFF-8024 Table 4-1) implies. */
static XcvrFamily
xcvr_family_from_identifier(guint8 id)
{
    switch (id) {
    case 0x0c: /* QSFP */
    case 0x0d: /* QSFP+ */
    case 0x11: /* QSFP28 */
        return XCVR_FAMILY_SFF8636;
    case 0x18: /* QSFP-DD */
    case 0x19: /* OSFP */
    case 0x1b: /* DSFP */
    case 0x1e: /* QSFP+ with CMIS */
    case 0x1f: /* SFP-DD with CMIS */
    case 0x20: /* SFP+ with CMIS */
    case 0x21: /* OSFP-XD */
    case 0x22: /* OIF-ELSFP */
        return XCVR_FAMILY_CMIS;
    default:
        /* SFP-class cages (and whatever else the kernel hands over as SFF-8079) */
        return XCVR_FAMILY_SFF8472;
    }
}

static gboolean
xcvr_all_bytes(const guint8 *data, gsize len, guint8 v)
{
    gsize i;

    for (i = 0; i < len; i++) {
        if (data[i] != v)
            return FALSE;
    }
    return TRUE;
}

/* Which family an image or page map is, from its identifier bytes; the QSFP whose lower
 * page reads wrong still names itself in page 00h, while an SFP's byte 128 is vendor data. */
static XcvrFamily
xcvr_family_detect(guint8 id, gboolean have_128, guint8 id_128)
{
    XcvrFamily family = xcvr_family_from_identifier(id);

    if (family == XCVR_FAMILY_SFF8472 && id != 0x02 && id != 0x03 && have_128 &&
        xcvr_family_from_identifier(id_128) == XCVR_FAMILY_SFF8636)
        family = XCVR_FAMILY_SFF8636;
    return family;
}

static const XcvrFamilyDecoder *
xcvr_family_decoder(XcvrFamily family, guint8 id, GError **error)
{
    switch (family) {
    case XCVR_FAMILY_SFF8472:
        return &xcvr_sff8472_decoder;
    case XCVR_FAMILY_SFF8636:
        return &xcvr_sff8636_decoder;
    case XCVR_FAMILY_CMIS:
        return &xcvr_cmis_decoder;
    case XCVR_FAMILY_UNKNOWN:
    case _XCVR_FAMILY_LAST:
    default:
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_ARGUMENT, "unknown module family %d",
                    (int)family);
        return NULL;
    }
}

/* Reads that answer nothing: an empty cage (0xff) or a dead bus (0x00). */
static gboolean
xcvr_check_dead_read(const guint8 *data, gsize len, GError **error)
{
    if (xcvr_all_bytes(data, len, 0xff)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_MODULE,
                    "no module: every byte read is 0xff, as an empty cage reads");
        return FALSE;
    }
    if (xcvr_all_bytes(data, len, 0x00)) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_DATA,
                    "every byte read is 0x00: no identifier, no ID fields (a module that "
                    "did not answer, or a bus fault)");
        return FALSE;
    }
    return TRUE;
}

/* A module of @family with an empty page map of its own; the values, items and strings
 * are laid out by the walk, sized from the table, and warnings are kept from the first. */
static XcvrModule *
xcvr_module_new(XcvrFamily family)
{
    /* not g_new0(): the page map's halves need no clearing, only its header */
    XcvrModule *module = g_malloc(sizeof(*module));

    memset(module, 0, G_STRUCT_OFFSET(XcvrModule, map_storage));
    module->family = family;
    xcvr_page_map_init(&module->map_storage);
    module->map = &module->map_storage;
    return module;
}

/* Everything after the bytes are in the page map: the same for images and page reads. */
static XcvrModule *
xcvr_module_finish(XcvrModule *module_in, const XcvrFamilyDecoder *dec, XcvrDecodeFlags flags,
                   GError **error)
{
    g_autoptr(XcvrModule) module = module_in;
    /* empty as zeroed; it allocates only past eight missing pages */
    g_auto(XcvrPageRequests) unread = { 0 };
    XcvrDecodeCtx ctx = { 0 };

    ctx.flags = flags;
    dec->prepare(module, &ctx);
    (dec->wanted != NULL ? dec->wanted : dec->plan)(module->map, flags, &unread);
    ctx.unread = &unread;
    dec->checksums(module);
    xcvr_module_walk(module, dec, &ctx);

    if ((flags & XCVR_DECODE_STRICT) != 0 && xcvr_module_n_warnings(module) > 0) {
        g_set_error(error, XCVR_ERROR,
                    xcvr_module_checksums_ok(module) ? XCVR_ERROR_INVALID_DATA
                                                     : XCVR_ERROR_CHECKSUM,
                    "strict decoding refused the image: %s",
                    xcvr_module_warning(module, 0));
        return NULL;
    }
    return g_steal_pointer(&module);
}

XcvrModule *
xcvr_module_decode(const guint8 *data,
                   gsize len,
                   XcvrFamily family,
                   XcvrDecodeFlags flags,
                   GError **error)
{
    g_autoptr(XcvrModule) module = NULL;
    const XcvrFamilyDecoder *dec;

    g_return_val_if_fail(data != NULL || len == 0, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    if (len == 0) {
        g_set_error_literal(error, XCVR_ERROR, XCVR_ERROR_TRUNCATED,
                            "empty module image: not even the identifier byte was read");
        return NULL;
    }
    if (!xcvr_check_dead_read(data, MIN(len, (gsize)256), error))
        return NULL;
    if (family == XCVR_FAMILY_UNKNOWN)
        family = xcvr_family_detect(data[0], len >= 256, len >= 256 ? data[128] : 0);
    dec = xcvr_family_decoder(family, data[0], error);
    if (dec == NULL)
        return NULL;

    module = xcvr_module_new(family);
    if (!dec->load(module, data, len, error))
        return NULL;
    return xcvr_module_finish(g_steal_pointer(&module), dec, flags, error);
}

XcvrModule *
xcvr_module_decode_map(const XcvrPageMap *map,
                       XcvrFamily family,
                       XcvrDecodeFlags flags,
                       GError **error)
{
    g_autoptr(XcvrModule) module = NULL;
    const XcvrFamilyDecoder *dec;
    const guint8 *lower;
    guint8 id_128 = 0;
    gboolean have_128;

    g_return_val_if_fail(map != NULL, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);

    /* NULL when nothing of it was read (a zero-length get) */
    lower = xcvr_page_map_get(map, XCVR_I2C_A0, 0, 0, 0,
                              xcvr_page_map_valid(map, XCVR_I2C_A0, 0, 0, 0));
    if (lower == NULL) {
        g_set_error_literal(error, XCVR_ERROR, XCVR_ERROR_TRUNCATED,
                            "the lower page was not read: not even the identifier byte");
        return NULL;
    }
    if (!xcvr_check_dead_read(lower, xcvr_page_map_valid(map, XCVR_I2C_A0, 0, 0, 0), error))
        return NULL;
    have_128 = xcvr_page_map_get_u8(map, XCVR_I2C_A0, 0, 128, &id_128);
    if (family == XCVR_FAMILY_UNKNOWN)
        family = xcvr_family_detect(lower[0], have_128, id_128);
    dec = xcvr_family_decoder(family, lower[0], error);
    if (dec == NULL)
        return NULL;
    module = xcvr_module_new(family);
    xcvr_page_map_copy_to(map, module->map);
    return xcvr_module_finish(g_steal_pointer(&module), dec, flags, error);
}

void
xcvr_module_plan(const XcvrPageMap *map, XcvrFamily family, GArray *ret_requests)
{
    xcvr_module_plan_full(map, family, XCVR_DECODE_NONE, ret_requests);
}

void
xcvr_module_plan_full(const XcvrPageMap *map, XcvrFamily family, XcvrDecodeFlags flags,
                      GArray *ret_requests)
{
    const XcvrFamilyDecoder *dec;
    g_auto(XcvrPageRequests) requests = { 0 };
    guint8 id = 0;
    guint8 id_128 = 0;
    gboolean have_128;
    guint valid;

    g_return_if_fail(map != NULL);
    g_return_if_fail(ret_requests != NULL);

    /* The lower page first: every family starts there, and it names the family. */
    if (!xcvr_page_map_get_u8(map, XCVR_I2C_A0, 0, 0, &id)) {
        XcvrPageRequest lower = { XCVR_I2C_A0, 0, 0, 0, XCVR_HALF_PAGE };

        g_array_append_val(ret_requests, lower);
        return;
    }
    /* An empty cage has nothing more to read. */
    valid = xcvr_page_map_valid(map, XCVR_I2C_A0, 0, 0, 0);
    if (xcvr_all_bytes(xcvr_page_map_get(map, XCVR_I2C_A0, 0, 0, 0, valid), valid, 0xff))
        return;
    have_128 = xcvr_page_map_get_u8(map, XCVR_I2C_A0, 0, 128, &id_128);
    if (family == XCVR_FAMILY_UNKNOWN) {
        /* An identifier of no family: page 00h (A0h's upper half on an SFP) may still
         * name a QSFP, whose lower page read wrong. One read settles it. */
        if (!have_128 && id != 0x02 && id != 0x03 &&
            xcvr_family_from_identifier(id) == XCVR_FAMILY_SFF8472) {
            xcvr_plan_page(map, &requests, XCVR_I2C_A0, 0, 0, XCVR_HALF_PAGE);
            g_array_append_vals(ret_requests, requests.reqs, requests.n);
            return;
        }
        family = xcvr_family_detect(id, have_128, id_128);
    }
    dec = xcvr_family_decoder(family, id, NULL);
    if (dec != NULL && dec->plan != NULL)
        dec->plan(map, flags, &requests);
    g_array_append_vals(ret_requests, requests.reqs, requests.n);
}

/* Appends a request for a whole half page unless the map already holds it. */
void
xcvr_plan_page(const XcvrPageMap *map, XcvrPageRequests *requests, guint8 i2c, guint8 bank,
               guint8 page, guint offset)
{
    XcvrPageRequest r = { i2c, bank, page, (guint8)offset, XCVR_HALF_PAGE };
    /* the map's inline lookup: every decode plans again, for pages_unread */
    const XcvrHalfPage *h = xcvr_page_map_find(map, i2c, bank, page, offset);

    if (h == NULL || h->valid == 0)
        xcvr_page_requests_add(requests, &r);
}
