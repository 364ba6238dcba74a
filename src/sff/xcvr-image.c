/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-image.c: a flat EEPROM image and a segment map ("lower@0+128 00h@128+128
 * b1:11h@256+128", "A0h@0+256 A2h@256+256") turned into a page map — the layout notation of
 * the shared EEPROM corpus (its README, "Layout convention").
 */
#include <string.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-page-map.h>

#include "sff/xcvr-page-map.h"

/* Where one segment's bytes go. */
typedef struct {
    guint8 i2c;
    guint8 bank;
    guint8 page;
    guint offset;  /* 0: starts at the lower half; 128: an upper page */
    guint span;    /* the most bytes the label can hold */
} SegmentTarget;

static gboolean
parse_label(const char *label, SegmentTarget *ret, GError **error)
{
    SegmentTarget t = { XCVR_I2C_A0, 0, 0, 0, 128 };
    const char *p = label;
    char *end = NULL;
    guint64 v;

    if (g_ascii_strcasecmp(label, "lower") == 0) {
        *ret = t;
        return TRUE;
    }
    if (g_ascii_strcasecmp(label, "A0h") == 0 || g_ascii_strcasecmp(label, "A2h") == 0) {
        t.i2c = g_ascii_toupper(label[1]) == '2' ? XCVR_I2C_A2 : XCVR_I2C_A0;
        t.span = 256;
        *ret = t;
        return TRUE;
    }
    if (g_ascii_tolower(p[0]) == 'b') {
        v = g_ascii_strtoull(p + 1, &end, 10);
        if (end == p + 1 || *end != ':' || v > 255)
            goto bad;
        t.bank = (guint8)v;
        p = end + 1;
    }
    v = g_ascii_strtoull(p, &end, 16);
    if (end == p || g_ascii_tolower(*end) != 'h' || end[1] != '\0' || v > 255)
        goto bad;
    t.page = (guint8)v;
    t.offset = 128;
    *ret = t;
    return TRUE;

bad:
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_ARGUMENT,
                "bad segment label '%s' (expected lower, A0h, A2h, NNh or bB:NNh)", label);
    return FALSE;
}

static void
add_span(XcvrPageMap *map, const SegmentTarget *t, const guint8 *data, gsize len)
{
    xcvr_page_map_add(map, t->i2c, t->bank, t->page, t->offset, data, MIN(len, (gsize)128));
    /* A0h/A2h segments run on into their upper half (page 0). */
    if (t->offset == 0 && len > 128)
        xcvr_page_map_add(map, t->i2c, t->bank, 0, 128, data + 128, MIN(len - 128, (gsize)128));
}

/**
 * xcvr_page_map_new_from_image:
 * @data: (array length=len): the image
 * @len: its size
 * @segments: where each page sits in @data, as "LABEL@OFFSET+LENGTH …"
 * @ret_short: (out) (optional): set to %TRUE when a segment ran past the end of @data
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the page map, or %NULL with @error set when
 * @segments cannot be parsed.
 */
XcvrPageMap *
xcvr_page_map_new_from_image(const guint8 *data,
                             gsize len,
                             const char *segments,
                             gboolean *ret_short,
                             GError **error)
{
    g_autoptr(XcvrPageMap) map = xcvr_page_map_new();
    g_auto(GStrv) parts = NULL;
    gboolean is_short = FALSE;
    guint i;

    g_return_val_if_fail(segments != NULL, NULL);

    parts = g_strsplit_set(segments, " \t\n,", -1);
    for (i = 0; parts[i] != NULL; i++) {
        g_autofree char *label = NULL;
        const char *at;
        char *end = NULL;
        guint64 off;
        guint64 n;
        SegmentTarget t;

        if (parts[i][0] == '\0')
            continue;
        at = strchr(parts[i], '@');
        if (at == NULL)
            goto bad;
        label = g_strndup(parts[i], (gsize)(at - parts[i]));
        off = g_ascii_strtoull(at + 1, &end, 10);
        if (end == at + 1 || *end != '+')
            goto bad;
        n = g_ascii_strtoull(end + 1, &end, 10);
        if (*end != '\0' || n == 0)
            goto bad;
        if (!parse_label(label, &t, error))
            return NULL;
        if (n > t.span) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_ARGUMENT,
                        "segment '%s' is longer than its page (%u bytes)", parts[i], t.span);
            return NULL;
        }
        if (off >= len) {
            is_short = TRUE;
            continue;
        }
        if (off + n > len) {
            is_short = TRUE;
            n = len - off;
        }
        add_span(map, &t, data + off, (gsize)n);
    }
    if (ret_short != NULL)
        *ret_short = is_short;
    return g_steal_pointer(&map);

bad:
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_ARGUMENT,
                "bad segment '%s' (expected LABEL@OFFSET+LENGTH)", parts[i]);
    return NULL;
}
