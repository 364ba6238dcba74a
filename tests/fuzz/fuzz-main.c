/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fuzz-main.c: standalone driver that replays files and corpus directories through a fuzz
 * target's LLVMFuzzerTestOneInput when the target is not linked against libFuzzer.
 *
 * Usage: fuzz-TARGET PATH…
 * A PATH that is a directory contributes every regular file directly in it, in name order.
 * Arguments starting with '-' are libFuzzer flags and are ignored, so a replay command line
 * works with either build. Each input is named on stderr before it runs, so the last line
 * before a crash names the culprit.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Runs the target on the contents of the file at @path. */
static gboolean
run_file(const char *path, GError **error)
{
    g_autofree char *contents = NULL;
    gsize len = 0;
    uint8_t *data;

    if (!g_file_get_contents(path, &contents, &len, error))
        return FALSE;

    /*
     * Hand over a buffer of exactly @len bytes, as libFuzzer does, so that ASan sees a read
     * past the end (g_file_get_contents() adds a terminating NUL byte).
     */
    data = malloc(len);
    if (data == NULL && len != 0)
        g_error("out of memory");
    if (len != 0)
        memcpy(data, contents, len);

    fprintf(stderr, "Running %s (%" G_GSIZE_FORMAT " bytes)\n", path, len);
    (void)LLVMFuzzerTestOneInput(data, len);
    free(data);
    return TRUE;
}

static int
compare_paths(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Appends to @files every regular file directly in @dir, sorted by name. */
static gboolean
list_dir(const char *dir, GPtrArray *files, GError **error)
{
    g_autoptr(GDir) d = NULL;
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    const char *name;

    d = g_dir_open(dir, 0, error);
    if (d == NULL)
        return FALSE;
    while ((name = g_dir_read_name(d)) != NULL) {
        g_autofree char *path = g_build_filename(dir, name, NULL);

        if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
            g_ptr_array_add(names, g_steal_pointer(&path));
    }
    g_ptr_array_sort(names, compare_paths);
    for (guint i = 0; i < names->len; i++)
        g_ptr_array_add(files, g_strdup(g_ptr_array_index(names, i)));
    return TRUE;
}

int
main(int argc, char **argv)
{
    g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func(g_free);
    guint n_paths = 0;

    for (int i = 1; i < argc; i++) {
        g_autoptr(GError) error = NULL;

        if (argv[i][0] == '-')
            continue;

        n_paths++;
        if (g_file_test(argv[i], G_FILE_TEST_IS_DIR)) {
            if (!list_dir(argv[i], files, &error)) {
                fprintf(stderr, "%s: %s\n", argv[0], error->message);
                return EXIT_FAILURE;
            }
        } else {
            g_ptr_array_add(files, g_strdup(argv[i]));
        }
    }
    if (n_paths == 0) {
        fprintf(stderr, "Usage: %s FILE|DIRECTORY…\n", argv[0]);
        return EXIT_FAILURE;
    }

    for (guint i = 0; i < files->len; i++) {
        g_autoptr(GError) error = NULL;

        if (!run_file(g_ptr_array_index(files, i), &error)) {
            fprintf(stderr, "%s: %s\n", argv[0], error->message);
            return EXIT_FAILURE;
        }
    }

    printf("%s: ran %u inputs from %u paths\n", argv[0], files->len, n_paths);
    return EXIT_SUCCESS;
}
