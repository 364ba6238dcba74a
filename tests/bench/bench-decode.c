/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * bench-decode.c: benchmark of in-process throughput: module decodes, text renders and JSON
 * renders per second over every *.bin image under the directories given.
 *
 * Usage: bench-decode [--min-seconds=S] DIRECTORY…
 * Each figure repeats passes over all images until at least S seconds (default 1) have
 * elapsed, after one untimed warm-up pass, and is the median rate of ~10 ms slices of them
 * (the mean over the run beside it). Renders are timed on modules decoded beforehand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xcvrmap/xcvrmap.h>

typedef struct {
    char *path;
    GBytes *bytes;
} Image;

static void
image_free(gpointer p)
{
    Image *image = p;

    g_free(image->path);
    g_bytes_unref(image->bytes);
    g_free(image);
}

/* Everything a timed pass produces is folded in here so the work cannot be optimised out. */
static volatile gsize sink;

static int
compare_images(gconstpointer a, gconstpointer b)
{
    const Image *ia = *(const Image *const *)a;
    const Image *ib = *(const Image *const *)b;

    return strcmp(ia->path, ib->path);
}

/* Appends to @images every *.bin file under @dir, recursively. */
static gboolean
load_dir(const char *dir, GPtrArray *images, GError **error)
{
    g_autoptr(GDir) d = NULL;
    const char *name;

    d = g_dir_open(dir, 0, error);
    if (d == NULL)
        return FALSE;
    while ((name = g_dir_read_name(d)) != NULL) {
        g_autofree char *path = g_build_filename(dir, name, NULL);
        g_autofree char *contents = NULL;
        gsize len = 0;
        Image *image;

        if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
            if (!load_dir(path, images, error))
                return FALSE;
            continue;
        }
        if (!g_str_has_suffix(name, ".bin") || !g_file_test(path, G_FILE_TEST_IS_REGULAR))
            continue;
        if (!g_file_get_contents(path, &contents, &len, error))
            return FALSE;
        image = g_new0(Image, 1);
        image->path = g_steal_pointer(&path);
        image->bytes = g_bytes_new_take(g_steal_pointer(&contents), len);
        g_ptr_array_add(images, image);
    }
    return TRUE;
}

/* One pass of the decode benchmark; returns how many images decoded. */
static guint
pass_decode(GPtrArray *images)
{
    guint n_ok = 0;

    for (guint i = 0; i < images->len; i++) {
        const Image *image = g_ptr_array_index(images, i);
        g_autoptr(GError) error = NULL;
        g_autoptr(XcvrModule) module = NULL;
        gsize len = 0;
        const guint8 *data = g_bytes_get_data(image->bytes, &len);

        module = xcvr_module_decode(data, len, XCVR_FAMILY_UNKNOWN, XCVR_DECODE_NONE, &error);
        if (module != NULL) {
            sink += (gsize)xcvr_module_get_family(module);
            n_ok++;
        }
    }
    return n_ok;
}

static void
pass_render_text(GPtrArray *modules)
{
    g_autoptr(GString) out = g_string_sized_new(8192);

    for (guint i = 0; i < modules->len; i++) {
        g_autoptr(GError) error = NULL;

        g_string_truncate(out, 0);
        if (!xcvr_render_text(g_ptr_array_index(modules, i), out, &error))
            g_error("text render failed: %s", error->message);
        sink += out->len;
    }
}

static void
pass_render_json(GPtrArray *modules, gboolean pretty)
{
    for (guint i = 0; i < modules->len; i++) {
        g_autoptr(GError) error = NULL;
        g_autofree char *json = xcvr_render_json(g_ptr_array_index(modules, i), pretty, &error);

        if (json == NULL)
            g_error("JSON render failed: %s", error->message);
        sink += strlen(json);
    }
}

typedef enum {
    BENCH_DECODE,
    BENCH_TEXT,
    BENCH_JSON_PRETTY,
    BENCH_JSON_COMPACT,
} BenchKind;

static void
run_pass(BenchKind kind, GPtrArray *images, GPtrArray *modules)
{
    switch (kind) {
    case BENCH_DECODE:
        (void)pass_decode(images);
        break;
    case BENCH_TEXT:
        pass_render_text(modules);
        break;
    case BENCH_JSON_PRETTY:
        pass_render_json(modules, TRUE);
        break;
    case BENCH_JSON_COMPACT:
        pass_render_json(modules, FALSE);
        break;
    }
}

static int
compare_doubles(gconstpointer a, gconstpointer b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;

    return (x > y) - (x < y);
}

/* The length of one timed slice: long against the clock's resolution, short against the
 * bursts in which a shared machine runs something else. */
#define SLICE_US 10000

/*
 * Times passes of @kind until @min_seconds have elapsed and prints
 * "LABEL: N UNIT/s (M ITEMS, K iterations, median of S slices, mean R)", where one iteration
 * is one pass over @n_items. The passes are timed in slices of about 10 ms; N is the median
 * of the slices' rates, so a burst of other work on the machine moves it less than it moves
 * the mean over the whole run (R).
 */
static void
measure(const char *label, const char *unit, const char *items, BenchKind kind,
        GPtrArray *images, GPtrArray *modules, guint n_items, double min_seconds)
{
    gint64 min_us = (gint64)(min_seconds * G_USEC_PER_SEC);
    g_autoptr(GArray) rates = g_array_new(FALSE, FALSE, sizeof(double));
    gint64 start, elapsed;
    guint64 iterations = 0;
    double median;

    run_pass(kind, images, modules);  /* warm-up: caches, lazy GLib setup */

    start = g_get_monotonic_time();
    do {
        gint64 slice_start = g_get_monotonic_time();
        gint64 slice_us;
        guint64 passes = 0;
        double rate;

        do {
            run_pass(kind, images, modules);
            passes++;
            slice_us = g_get_monotonic_time() - slice_start;
        } while (slice_us < SLICE_US);
        iterations += passes;
        rate = (double)passes * n_items * G_USEC_PER_SEC / (double)slice_us;
        g_array_append_val(rates, rate);
        elapsed = g_get_monotonic_time() - start;
    } while (elapsed < min_us);

    g_array_sort(rates, compare_doubles);
    median = rates->len % 2 != 0
                 ? g_array_index(rates, double, rates->len / 2)
                 : (g_array_index(rates, double, rates->len / 2 - 1) +
                    g_array_index(rates, double, rates->len / 2)) / 2;
    printf("%s: %.0f %s/s (%u %s, %" G_GUINT64_FORMAT " iterations, median of %u slices, "
           "mean %.0f)\n",
           label, median, unit, n_items, items, iterations, rates->len,
           (double)iterations * n_items * G_USEC_PER_SEC / (double)elapsed);
    fflush(stdout);
}

int
main(int argc, char **argv)
{
    double min_seconds = 1.0;
    g_autoptr(GOptionContext) context = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func(image_free);
    g_autoptr(GPtrArray) modules = g_ptr_array_new_with_free_func(
        (GDestroyNotify)xcvr_module_free);
    const GOptionEntry entries[] = {
        { "min-seconds", 't', 0, G_OPTION_ARG_DOUBLE, &min_seconds,
          "Time each figure for at least S seconds (default 1)", "S" },
        { NULL },
    };

    context = g_option_context_new("DIRECTORY… - time module decoding and rendering");
    g_option_context_add_main_entries(context, entries, NULL);
    if (!g_option_context_parse(context, &argc, &argv, &error)) {
        fprintf(stderr, "%s: %s\n", g_get_prgname(), error->message);
        return EXIT_FAILURE;
    }
    if (argc < 2 || min_seconds <= 0) {
        fprintf(stderr, "Usage: %s [--min-seconds=S] DIRECTORY…\n", g_get_prgname());
        return EXIT_FAILURE;
    }

    for (int i = 1; i < argc; i++) {
        if (!load_dir(argv[i], images, &error)) {
            fprintf(stderr, "%s: %s\n", g_get_prgname(), error->message);
            return EXIT_FAILURE;
        }
    }
    if (images->len == 0) {
        fprintf(stderr, "%s: no *.bin image found\n", g_get_prgname());
        return EXIT_FAILURE;
    }
    g_ptr_array_sort(images, compare_images);

    for (guint i = 0; i < images->len; i++) {
        const Image *image = g_ptr_array_index(images, i);
        g_autoptr(GError) decode_error = NULL;
        gsize len = 0;
        const guint8 *data = g_bytes_get_data(image->bytes, &len);
        XcvrModule *module;

        module = xcvr_module_decode(data, len, XCVR_FAMILY_UNKNOWN, XCVR_DECODE_NONE,
                                    &decode_error);
        if (module == NULL)
            printf("skipped for renders: %s: %s\n", image->path, decode_error->message);
        else
            g_ptr_array_add(modules, module);
    }

    measure("decode", "modules", "images", BENCH_DECODE, images, modules, images->len,
            min_seconds);
    if (modules->len == 0) {
        printf("render: no image decoded, nothing to render\n");
        return EXIT_SUCCESS;
    }
    measure("render-text", "renders", "modules", BENCH_TEXT, images, modules, modules->len,
            min_seconds);
    measure("render-json-pretty", "renders", "modules", BENCH_JSON_PRETTY, images, modules,
            modules->len, min_seconds);
    measure("render-json-compact", "renders", "modules", BENCH_JSON_COMPACT, images, modules,
            modules->len, min_seconds);
    return EXIT_SUCCESS;
}
