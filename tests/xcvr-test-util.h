/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xcvr-test-util.h: helpers shared by the unit tests (corpus paths, image loading). */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
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

/* Golden files. XCVR_TEST_REGENERATE_OUTPUT=1 makes xcvr_test_compare_golden() write what
 * the code produces into the expected file (only where it differs or is missing) instead of
 * failing; review the result with `git diff` before committing it. */
static inline gboolean
xcvr_test_regenerate(void)
{
    return g_strcmp0(g_getenv("XCVR_TEST_REGENERATE_OUTPUT"), "1") == 0;
}

/* Lines of @text, each keeping its '\n' (the last may lack one). */
static inline GPtrArray *
xcvr_test_split_lines(const char *text)
{
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    const char *p = text;

    while (*p != '\0') {
        const char *nl = strchr(p, '\n');
        gsize n = nl != NULL ? (gsize)(nl - p) + 1 : strlen(p);

        g_ptr_array_add(lines, g_strndup(p, n));
        p += n;
    }
    return lines;
}

static inline void
xcvr_test_diff_line(GString *out, char tag, const char *line)
{
    g_string_append_c(out, tag);
    g_string_append(out, line);
    if (!g_str_has_suffix(line, "\n"))
        g_string_append(out, "\n\\ No newline at end of file\n");
}

/* A unified diff (three lines of context) from @expected to @actual: the common head and
 * tail are cut off first, the rest is a longest-common-subsequence walk. */
static inline char *
xcvr_test_diff(const char *expected, const char *actual)
{
    enum { CONTEXT = 3 };
    g_autoptr(GPtrArray) a = xcvr_test_split_lines(expected);
    g_autoptr(GPtrArray) b = xcvr_test_split_lines(actual);
    g_autoptr(GArray) ops = g_array_new(FALSE, FALSE, sizeof(char)); /* ' ', '-', '+' */
    g_autoptr(GArray) idx = g_array_new(FALSE, FALSE, sizeof(guint)); /* line of a or b */
    g_autofree guint *lcs = NULL;
    GString *out = g_string_new(NULL);
    guint head = 0, tail = 0, n, m, i, j, k;

    while (head < a->len && head < b->len && strcmp(a->pdata[head], b->pdata[head]) == 0)
        head++;
    while (tail < a->len - head && tail < b->len - head &&
           strcmp(a->pdata[a->len - 1 - tail], b->pdata[b->len - 1 - tail]) == 0)
        tail++;
    n = a->len - head - tail;
    m = b->len - head - tail;
    /* lcs[i][j]: common lines of a[head+i..] and b[head+j..] */
    lcs = g_new0(guint, (gsize)(n + 1) * (m + 1));
    for (i = n; i-- > 0;) {
        for (j = m; j-- > 0;) {
            if (strcmp(a->pdata[head + i], b->pdata[head + j]) == 0)
                lcs[i * (m + 1) + j] = lcs[(i + 1) * (m + 1) + j + 1] + 1;
            else
                lcs[i * (m + 1) + j] = MAX(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
        }
    }
#define XCVR_DIFF_OP(op, line)                                                                    \
    do {                                                                                      \
        char o_ = (op);                                                                       \
        guint l_ = (line);                                                                    \
        g_array_append_val(ops, o_);                                                          \
        g_array_append_val(idx, l_);                                                          \
    } while (0)
    for (k = 0; k < head; k++)
        XCVR_DIFF_OP(' ', k);
    for (i = 0, j = 0; i < n || j < m;) {
        if (i < n && j < m && strcmp(a->pdata[head + i], b->pdata[head + j]) == 0) {
            XCVR_DIFF_OP(' ', head + i);
            i++;
            j++;
        } else if (i < n && (j == m || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1])) {
            XCVR_DIFF_OP('-', head + i);
            i++;
        } else {
            XCVR_DIFF_OP('+', head + j);
            j++;
        }
    }
    for (k = 0; k < tail; k++)
        XCVR_DIFF_OP(' ', a->len - tail + k);
#undef XCVR_DIFF_OP

    /* print the changed lines with their context, "..." between distant hunks */
    for (k = 0; k < ops->len; k++) {
        char op = g_array_index(ops, char, k);
        guint line = g_array_index(idx, guint, k);
        gboolean near = FALSE;
        guint d;

        for (d = k > CONTEXT ? k - CONTEXT : 0; d <= k + CONTEXT && d < ops->len; d++)
            near = near || g_array_index(ops, char, d) != ' ';
        if (!near) {
            if (out->len > 0 && !g_str_has_suffix(out->str, "...\n"))
                g_string_append(out, "...\n");
            continue;
        }
        xcvr_test_diff_line(out, op, op == '+' ? b->pdata[line] : a->pdata[line]);
    }
    return g_string_free(out, FALSE);
}

/* Compares @actual with the expected file @path; TRUE when they are equal (or the file was
 * regenerated). On a difference, prints a diff (- expected, + actual) and returns FALSE. */
static inline gboolean
xcvr_test_compare_golden(const char *path, const char *actual)
{
    g_autofree char *expected = NULL;
    g_autoptr(GError) error = NULL;
    gboolean have = g_file_get_contents(path, &expected, NULL, NULL);

    if (have && strcmp(expected, actual) == 0)
        return TRUE;
    if (xcvr_test_regenerate()) {
        if (!g_file_set_contents(path, actual, -1, &error)) {
            print_error("cannot write %s: %s\n", path, error->message);
            return FALSE;
        }
        print_message("regenerated %s\n", path);
        return TRUE;
    }
    if (!have) {
        print_error("missing expected file %s (XCVR_TEST_REGENERATE_OUTPUT=1 writes it)\n",
                    path);
    } else {
        g_autofree char *diff = xcvr_test_diff(expected, actual);

        /* not print_error(): cmocka cuts its messages at 1 KiB */
        fprintf(stderr,
                "%s differs (- expected, + actual; XCVR_TEST_REGENERATE_OUTPUT=1 rewrites it):\n",
                path);
        fputs(diff, stderr);
    }
    return FALSE;
}

/* Removes @path and, for a directory, all it holds, without following symbolic links: the
 * fixture trees the tests make under a temporary directory. */
static inline void
xcvr_test_rm_rf(const char *path)
{
    GStatBuf st;

    if (g_lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        g_autoptr(GDir) d = g_dir_open(path, 0, NULL);
        const char *name;

        while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
            g_autofree char *child = g_build_filename(path, name, NULL);

            xcvr_test_rm_rf(child);
        }
        g_rmdir(path);
    } else {
        g_unlink(path);
    }
}
