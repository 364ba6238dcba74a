/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-arena-private.h: a bump allocator whose blocks are all freed together — for what
 * lives exactly as long as one decoded module (its values, items and texts), so a decode
 * makes one allocation instead of one per array and text. Not installed.
 */
#pragma once

#include <glib.h>

typedef struct _XcvrArena XcvrArena;

/* An arena whose first block holds @size bytes; later allocations that do not fit get
 * blocks of their own (at least as large as the first). */
XcvrArena *xcvr_arena_new(gsize size);
void xcvr_arena_free(XcvrArena *arena);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(XcvrArena, xcvr_arena_free)

/* @size bytes aligned for any type, uninitialised; never NULL (aborts on overflow, as
 * g_malloc() does). Valid until the arena is freed. */
gpointer xcvr_arena_alloc(XcvrArena *arena, gsize size);
/* @n elements of @elt_size bytes, zeroed. */
gpointer xcvr_arena_alloc0_n(XcvrArena *arena, gsize n, gsize elt_size);
/* A NUL-terminated copy of the @len bytes at @text. */
const char *xcvr_arena_strndup(XcvrArena *arena, const char *text, gsize len);
/* Bytes handed out so far, and bytes reserved in blocks (for tests and benchmarks). */
gsize xcvr_arena_used(const XcvrArena *arena);
gsize xcvr_arena_reserved(const XcvrArena *arena);
guint xcvr_arena_n_blocks(const XcvrArena *arena);
