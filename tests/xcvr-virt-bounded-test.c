/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-virt-bounded-test.c: the runner that bounds libvirt calls by a deadline, driven by
 * work that blocks until the test lets it go (as a call into a daemon that does not answer
 * blocks): a call that answers in time gives its result and its error; one that does not
 * is given up at the deadline with XCVR_ERROR_TIMEOUT (within a second of it, however
 * loaded), and frees its own result and data when it returns later; no deadline runs
 * inline.
 */
#include "xcvr-test-util.h"

#include <xcvrmap/xcvr-error.h>

#include "virt/xcvr-virt-bounded-private.h"

/* Work that waits for the test's word, then answers. */
typedef struct {
    GMutex lock;
    GCond cond;
    gboolean go;        /* the test lets the work return */
    gboolean fail;      /* it returns an error instead of a result */
    GThread *ran_on;    /* the thread it ran on */
    int data_freed;     /* times the job's data was freed */
    int results_freed;  /* times an abandoned result was freed */
} Gate;

static Gate *
gate_new(void)
{
    Gate *g = g_new0(Gate, 1);

    g_mutex_init(&g->lock);
    g_cond_init(&g->cond);
    return g;
}

static void
gate_free(Gate *g)
{
    g_mutex_clear(&g->lock);
    g_cond_clear(&g->cond);
    g_free(g);
}

static void
gate_open(Gate *g)
{
    g_mutex_lock(&g->lock);
    g->go = TRUE;
    g_cond_broadcast(&g->cond);
    g_mutex_unlock(&g->lock);
}

/* The job's data: the gate, borrowed. */
typedef struct {
    Gate *gate;
} Job;

static Gate *results_gate; /* where an abandoned result reports its release */

static void
job_free(Job *job)
{
    g_mutex_lock(&job->gate->lock);
    job->gate->data_freed++;
    g_cond_broadcast(&job->gate->cond);
    g_mutex_unlock(&job->gate->lock);
    g_free(job);
}

static void
result_free(char *result)
{
    g_mutex_lock(&results_gate->lock);
    results_gate->results_freed++;
    g_cond_broadcast(&results_gate->cond);
    g_mutex_unlock(&results_gate->lock);
    g_free(result);
}

static gpointer
work(gpointer data, GError **error)
{
    Job *job = data;
    Gate *g = job->gate;
    gboolean fail;

    g_mutex_lock(&g->lock);
    g->ran_on = g_thread_self();
    while (!g->go)
        g_cond_wait(&g->cond, &g->lock);
    fail = g->fail;
    g_mutex_unlock(&g->lock);
    if (fail) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT, "refused");
        return NULL;
    }
    return g_strdup("answer");
}

static Job *
job_new(Gate *g)
{
    Job *job = g_new0(Job, 1);

    job->gate = g;
    return job;
}

static void
test_answers_in_time(void **state)
{
    Gate *g = gate_new();
    g_autoptr(GError) error = NULL;
    g_autofree char *answer = NULL;

    results_gate = g;
    gate_open(g);
    answer = xcvr_virt_run_bounded("it", g_get_monotonic_time() + 5 * G_USEC_PER_SEC, work,
                                   job_new(g), (GDestroyNotify)job_free,
                                   (GDestroyNotify)result_free, &error);
    assert_null(error);
    assert_string_equal(answer, "answer");
    assert_true(g->ran_on != g_thread_self());
    /* the caller owns the answer: the runner frees none */
    assert_int_equal(g->results_freed, 0);
    /* the data goes when the last of caller and worker lets go */
    g_mutex_lock(&g->lock);
    while (g->data_freed == 0)
        g_cond_wait(&g->cond, &g->lock);
    g_mutex_unlock(&g->lock);
    assert_int_equal(g->data_freed, 1);
    gate_free(g);
}

static void
test_error_in_time(void **state)
{
    Gate *g = gate_new();
    g_autoptr(GError) error = NULL;
    gpointer answer;

    results_gate = g;
    g->fail = TRUE;
    gate_open(g);
    answer = xcvr_virt_run_bounded("it", g_get_monotonic_time() + 5 * G_USEC_PER_SEC, work,
                                   job_new(g), (GDestroyNotify)job_free,
                                   (GDestroyNotify)result_free, &error);
    assert_null(answer);
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT));
    assert_string_equal(error->message, "refused");
    g_mutex_lock(&g->lock);
    while (g->data_freed == 0)
        g_cond_wait(&g->cond, &g->lock);
    g_mutex_unlock(&g->lock);
    gate_free(g);
}

static void
test_abandoned_at_deadline(void **state)
{
    Gate *g = gate_new();
    g_autoptr(GError) error = NULL;
    gint64 deadline = g_get_monotonic_time() + 300 * 1000;
    gint64 after;
    gpointer answer;

    results_gate = g;
    answer = xcvr_virt_run_bounded("libvirt at 'x'", deadline, work, job_new(g),
                                   (GDestroyNotify)job_free, (GDestroyNotify)result_free,
                                   &error);
    after = g_get_monotonic_time();
    assert_null(answer);
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_TIMEOUT));
    assert_string_equal(error->message, "libvirt at 'x' did not answer before the deadline");
    assert_true(after >= deadline);
    assert_true(after - deadline < G_USEC_PER_SEC);
    /* the work still waits, and owns its data */
    assert_int_equal(g->data_freed, 0);

    /* when it returns, it frees what it made and what it was given, by itself */
    gate_open(g);
    g_mutex_lock(&g->lock);
    while (g->data_freed == 0 || g->results_freed == 0)
        g_cond_wait(&g->cond, &g->lock);
    g_mutex_unlock(&g->lock);
    assert_int_equal(g->data_freed, 1);
    assert_int_equal(g->results_freed, 1);
    gate_free(g);
}

static void
test_deadline_passed(void **state)
{
    Gate *g = gate_new();
    g_autoptr(GError) error = NULL;
    gpointer answer;

    results_gate = g;
    answer = xcvr_virt_run_bounded("it", g_get_monotonic_time() - 1, work, job_new(g),
                                   (GDestroyNotify)job_free, (GDestroyNotify)result_free,
                                   &error);
    assert_null(answer);
    assert_true(g_error_matches(error, XCVR_ERROR, XCVR_ERROR_TIMEOUT));
    gate_open(g);
    g_mutex_lock(&g->lock);
    while (g->data_freed == 0 || g->results_freed == 0)
        g_cond_wait(&g->cond, &g->lock);
    g_mutex_unlock(&g->lock);
    gate_free(g);
}

static void
test_no_deadline_inline(void **state)
{
    Gate *g = gate_new();
    g_autoptr(GError) error = NULL;
    g_autofree char *answer = NULL;

    results_gate = g;
    gate_open(g);
    answer = xcvr_virt_run_bounded("it", 0, work, job_new(g), (GDestroyNotify)job_free,
                                   (GDestroyNotify)result_free, &error);
    assert_null(error);
    assert_string_equal(answer, "answer");
    assert_true(g->ran_on == g_thread_self());
    assert_int_equal(g->data_freed, 1);
    assert_int_equal(g->results_freed, 0);
    gate_free(g);
}

static void
test_describe_uri(void **state)
{
    g_autofree char *a = xcvr_virt_describe_uri("qemu:///system");
    g_autofree char *b = xcvr_virt_describe_uri(NULL);

    assert_string_equal(a, "libvirt at 'qemu:///system'");
    assert_string_equal(b, "libvirt at its default URI");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_answers_in_time),
        cmocka_unit_test(test_error_in_time),
        cmocka_unit_test(test_abandoned_at_deadline),
        cmocka_unit_test(test_deadline_passed),
        cmocka_unit_test(test_no_deadline_inline),
        cmocka_unit_test(test_describe_uri),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
