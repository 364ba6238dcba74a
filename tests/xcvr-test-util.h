/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xcvr-test-util.h: helpers shared by the unit tests (corpus paths, image loading). */
#pragma once

#include <glib.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

static inline const char *
xcvr_test_corpus_dir(void)
{
    const char *dir = g_getenv("XCVR_CORPUS_DIR");

    return dir != NULL ? dir : "../shared/eeprom-corpus";
}

/* Reads CORPUS/@rel; fails the test when it cannot. */
static inline GBytes *
xcvr_test_load(const char *rel)
{
    g_autofree char *path = g_build_filename(xcvr_test_corpus_dir(), rel, NULL);
    g_autoptr(GError) error = NULL;
    char *data = NULL;
    gsize len = 0;

    if (!g_file_get_contents(path, &data, &len, &error))
        fail_msg("cannot read %s: %s", path, error->message);
    return g_bytes_new_take(data, len);
}

static inline int
xcvr_test_compare_names(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(const char *const *)a, *(const char *const *)b);
}

/* Every *.bin of a corpus family directory, sorted. */
static inline GPtrArray *
xcvr_test_list(const char *family)
{
    g_autofree char *dir = g_build_filename(xcvr_test_corpus_dir(), family, NULL);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;

    assert_non_null(d);
    while ((name = g_dir_read_name(d)) != NULL) {
        if (g_str_has_suffix(name, ".bin"))
            g_ptr_array_add(names, g_build_filename(family, name, NULL));
    }
    g_ptr_array_sort(names, xcvr_test_compare_names);
    assert_true(names->len > 0);
    return names;
}

/* A realistic SFP+ SR optic with diagnostics, built from the corpus image that has A2h;
 * its checksums are recomputed so tests can change bytes and stay valid. */
static inline void
xcvr_test_fix_checksums(guint8 *img, gsize len)
{
    guint s = 0;
    guint i;

    for (s = 0, i = 0; i < 63; i++)
        s += img[i];
    img[63] = (guint8)s;
    for (s = 0, i = 64; i < 95; i++)
        s += img[i];
    img[95] = (guint8)s;
    if (len >= 512) {
        for (s = 0, i = 0; i < 95; i++)
            s += img[256 + i];
        img[256 + 95] = (guint8)s;
    }
}
