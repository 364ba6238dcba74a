/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-arena-test.c: the module arena hands out aligned, disjoint memory that survives
 * until it is freed, in new blocks when the first is full; and a decoded corpus module's
 * values, items and texts fit its first block (the decode's one allocation for them).
 */
#include "xcvr-test-util.h"

#include <stddef.h>
#include <stdint.h>

#include "core/xcvr-arena-private.h"
#include "sff/xcvr-module-private.h"

#if defined(__SANITIZE_ADDRESS__)
#define TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_ASAN 1
#endif
#endif
#ifdef TEST_ASAN
#include <sanitizer/asan_interface.h>
#endif

typedef struct {
    guint8 *p;
    gsize len;
    guint8 tag;
} Piece;

static void
test_disjoint(void **state)
{
    g_autoptr(XcvrArena) arena = xcvr_arena_new(1000);
    g_autoptr(GRand) rand = g_rand_new_with_seed(15);
    g_autoptr(GArray) pieces = g_array_new(FALSE, FALSE, sizeof(Piece));
    gsize total = 0;
    guint i, j;

    assert_int_equal(xcvr_arena_n_blocks(arena), 1);
    assert_true(xcvr_arena_reserved(arena) >= 1000);
    for (i = 0; i < 5000; i++) {
        /* mostly small, now and then larger than a whole block */
        gsize len = g_rand_int_range(rand, 0, 20) == 0 ? (gsize)g_rand_int_range(rand, 900, 4000)
                                                        : (gsize)g_rand_int_range(rand, 0, 64);
        Piece piece = { xcvr_arena_alloc(arena, len), len, (guint8)i };

        assert_non_null(piece.p);
        assert_int_equal((uintptr_t)piece.p % _Alignof(max_align_t), 0);
        memset(piece.p, piece.tag, len);
#ifdef TEST_ASAN
        /* the byte after a piece is out of bounds, as past a malloc'd block */
        assert_true(__asan_address_is_poisoned(piece.p + len));
#endif
        g_array_append_val(pieces, piece);
        total += len;
    }
    for (i = 0; i < pieces->len; i++) {
        const Piece *piece = &g_array_index(pieces, Piece, i);

        for (j = 0; j < piece->len; j++)
            assert_int_equal(piece->p[j], piece->tag);
    }
    assert_int_equal(xcvr_arena_used(arena), total);
    assert_true(xcvr_arena_reserved(arena) >= total);
    assert_true(xcvr_arena_n_blocks(arena) > 1);
}

static void
test_strings(void **state)
{
    g_autoptr(XcvrArena) arena = xcvr_arena_new(16);
    const char *empty = xcvr_arena_strndup(arena, NULL, 0);
    const char *cut = xcvr_arena_strndup(arena, "vendor name here", 6);
    const guint32 *zeros = xcvr_arena_alloc0_n(arena, 100, sizeof(guint32));
    guint i;

    assert_string_equal(empty, "");
    assert_string_equal(cut, "vendor");
    for (i = 0; i < 100; i++)
        assert_int_equal(zeros[i], 0);
    /* a zero-size allocation is still a distinct pointer */
    assert_ptr_not_equal(xcvr_arena_alloc(arena, 0), xcvr_arena_alloc(arena, 0));
}

/* Every corpus module, and its JSON-visible values, fit the block the walk sized from the
 * table: no second allocation for a module we have. */
static void
test_corpus_one_block(void **state)
{
    static const char *const families[] = { "sff8472", "sff8636", "cmis" };
    guint f, i;

    for (f = 0; f < G_N_ELEMENTS(families); f++) {
        g_autoptr(GPtrArray) names = xcvr_test_list(families[f]);

        for (i = 0; i < names->len; i++) {
            g_autoptr(GBytes) bytes = xcvr_test_load(g_ptr_array_index(names, i));
            g_autoptr(GError) error = NULL;
            g_autoptr(XcvrModule) m = NULL;
            gsize len = 0;
            const guint8 *data = g_bytes_get_data(bytes, &len);

            m = xcvr_module_decode(data, len, XCVR_FAMILY_UNKNOWN, XCVR_DECODE_VDM, &error);
            if (m == NULL)
                continue; /* the corpus's empty cages and dead reads */
            assert_non_null(m->arena);
            assert_true(m->n_values > 0);
#ifndef TEST_ASAN
            /* (AddressSanitizer builds put a poisoned gap after every piece) */
            if (xcvr_arena_n_blocks(m->arena) != 1)
                fail_msg("%s: %u blocks (%" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " bytes used)",
                         (const char *)g_ptr_array_index(names, i),
                         xcvr_arena_n_blocks(m->arena), xcvr_arena_used(m->arena),
                         xcvr_arena_reserved(m->arena));
#endif
        }
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_disjoint),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_corpus_one_block),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
