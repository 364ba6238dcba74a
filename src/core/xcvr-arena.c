/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xcvr-arena.c: bump allocation in blocks freed together (see xcvr-arena-private.h). */
#include "core/xcvr-arena-private.h"

#include <stddef.h>
#include <string.h>

#define XCVR_ARENA_ALIGN (sizeof(max_align_t))

/* Under AddressSanitizer every piece is followed by poisoned bytes and what is not handed
 * out stays poisoned, so a decoder that writes past a text or an array is caught as it is
 * with one malloc per piece. */
#if defined(__SANITIZE_ADDRESS__)
#define XCVR_ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define XCVR_ARENA_ASAN 1
#endif
#endif

#ifdef XCVR_ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define XCVR_ARENA_REDZONE XCVR_ARENA_ALIGN
#define xcvr_arena_poison(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define xcvr_arena_unpoison(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define XCVR_ARENA_REDZONE 0
#define xcvr_arena_poison(p, n) ((void)(p), (void)(n))
#define xcvr_arena_unpoison(p, n) ((void)(p), (void)(n))
#endif

typedef struct _XcvrArenaBlock XcvrArenaBlock;

struct _XcvrArenaBlock {
    XcvrArenaBlock *next;
    gsize size; /* bytes of @data */
    gsize used;
    max_align_t data[];
};

struct _XcvrArena {
    XcvrArenaBlock *blocks; /* the newest first: the only one still filled */
    gsize first_size;
    gsize used;             /* over every block, for xcvr_arena_used() */
};

static gsize
xcvr_arena_round(gsize size)
{
    if (size > G_MAXSIZE / 2)
        g_error("%s: %" G_GSIZE_FORMAT " bytes cannot be allocated", G_STRLOC, size);
    return (size + XCVR_ARENA_ALIGN - 1) & ~(XCVR_ARENA_ALIGN - 1);
}

static XcvrArenaBlock *
xcvr_arena_block_new(gsize size)
{
    XcvrArenaBlock *block;

    if (size > G_MAXSIZE - sizeof(XcvrArenaBlock))
        g_error("%s: %" G_GSIZE_FORMAT " bytes cannot be allocated", G_STRLOC, size);
    block = g_malloc(sizeof(XcvrArenaBlock) + size);
    block->next = NULL;
    block->size = size;
    block->used = 0;
    xcvr_arena_poison(block->data, size);
    return block;
}

XcvrArena *
xcvr_arena_new(gsize size)
{
    /* the arena's own header lives at the start of its first block: one allocation */
    gsize head = xcvr_arena_round(sizeof(XcvrArena));
    XcvrArenaBlock *block = xcvr_arena_block_new(head + xcvr_arena_round(MAX(size, (gsize)1)));
    XcvrArena *arena = (XcvrArena *)(gpointer)block->data;

    xcvr_arena_unpoison(arena, sizeof(*arena));
    block->used = head;
    arena->blocks = block;
    arena->first_size = block->size - head;
    arena->used = 0;
    return arena;
}

void
xcvr_arena_free(XcvrArena *arena)
{
    XcvrArenaBlock *block;

    if (arena == NULL)
        return;
    block = arena->blocks;
    /* the first block, which holds @arena, goes last */
    while (block != NULL) {
        XcvrArenaBlock *next = block->next;

        xcvr_arena_unpoison(block->data, block->size);
        g_free(block);
        block = next;
    }
}

gpointer
xcvr_arena_alloc(XcvrArena *arena, gsize size)
{
    XcvrArenaBlock *block = arena->blocks;
    gsize want = xcvr_arena_round(MAX(size, (gsize)1)) + XCVR_ARENA_REDZONE;
    gpointer p;

    if (want > block->size - block->used) {
        XcvrArenaBlock *fresh = xcvr_arena_block_new(MAX(want, arena->first_size));

        fresh->next = block;
        arena->blocks = block = fresh;
    }
    p = (char *)block->data + block->used;
    block->used += want;
    xcvr_arena_unpoison(p, size);
    arena->used += size;
    return p;
}

gpointer
xcvr_arena_alloc0_n(XcvrArena *arena, gsize n, gsize elt_size)
{
    gpointer p;

    if (elt_size != 0 && n > G_MAXSIZE / elt_size)
        g_error("%s: %" G_GSIZE_FORMAT " × %" G_GSIZE_FORMAT " bytes cannot be allocated",
                G_STRLOC, n, elt_size);
    p = xcvr_arena_alloc(arena, n * elt_size);
    memset(p, 0, n * elt_size);
    return p;
}

const char *
xcvr_arena_strndup(XcvrArena *arena, const char *text, gsize len)
{
    char *copy;

    if (len == G_MAXSIZE)
        g_error("%s: a text of %" G_GSIZE_FORMAT " bytes cannot be kept", G_STRLOC, len);
    copy = xcvr_arena_alloc(arena, len + 1);
    if (len > 0)
        memcpy(copy, text, len);
    copy[len] = '\0';
    return copy;
}

gsize
xcvr_arena_used(const XcvrArena *arena)
{
    return arena->used;
}

gsize
xcvr_arena_reserved(const XcvrArena *arena)
{
    const XcvrArenaBlock *block;
    gsize n = 0;

    for (block = arena->blocks; block != NULL; block = block->next)
        n += block->size;
    return n;
}

guint
xcvr_arena_n_blocks(const XcvrArena *arena)
{
    const XcvrArenaBlock *block;
    guint n = 0;

    for (block = arena->blocks; block != NULL; block = block->next)
        n++;
    return n;
}
