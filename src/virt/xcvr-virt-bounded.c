/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-virt-bounded.c: a libvirt call run on a worker thread and waited for until a
 * deadline, then abandoned (see xcvr-virt-bounded-private.h for why a thread).
 */
#include <xcvrmap/xcvr-error.h>

#include "virt/xcvr-virt-bounded-private.h"

/* Shared by the caller and the worker; the last of the two to let go frees it. */
typedef struct {
    GMutex lock;
    GCond done_cond;
    int refs;
    gboolean done;
    XcvrVirtJobFunc func;
    gpointer data;
    GDestroyNotify data_free;
    GDestroyNotify result_free;
    gpointer result;
    GError *error;
} Job;

/* Drops one reference under the lock; frees the job (and, when the caller gave up on it,
 * what the work left) once both have let go. */
static void
job_release(Job *job)
{
    gboolean last;

    g_mutex_lock(&job->lock);
    last = --job->refs == 0;
    g_mutex_unlock(&job->lock);
    if (!last)
        return;
    if (job->result != NULL && job->result_free != NULL)
        job->result_free(job->result);
    g_clear_error(&job->error);
    if (job->data_free != NULL)
        job->data_free(job->data);
    g_mutex_clear(&job->lock);
    g_cond_clear(&job->done_cond);
    g_free(job);
}

static gpointer
worker(gpointer p)
{
    Job *job = p;
    GError *error = NULL;
    gpointer result = job->func(job->data, &error);

    g_mutex_lock(&job->lock);
    job->result = result;
    job->error = error;
    job->done = TRUE;
    g_cond_signal(&job->done_cond);
    g_mutex_unlock(&job->lock);
    job_release(job);
    return NULL;
}

gpointer
xcvr_virt_run_bounded(const char *what, gint64 deadline, XcvrVirtJobFunc func, gpointer data,
                      GDestroyNotify data_free, GDestroyNotify result_free, GError **error)
{
    g_autoptr(GError) local = NULL;
    GThread *thread;
    gpointer result = NULL;
    gboolean abandoned = FALSE;
    Job *job;

    g_return_val_if_fail(func != NULL, NULL);

    if (deadline == 0) {
        result = func(data, error);
        if (data_free != NULL)
            data_free(data);
        return result;
    }

    job = g_new0(Job, 1);
    g_mutex_init(&job->lock);
    g_cond_init(&job->done_cond);
    job->refs = 2;
    job->func = func;
    job->data = data;
    job->data_free = data_free;
    job->result_free = result_free;

    thread = g_thread_try_new("xcvr-virt", worker, job, &local);
    if (thread == NULL) {
        job->refs = 1;
        job_release(job);
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_FAILED, "cannot start a thread for %s: %s",
                    what, local->message);
        return NULL;
    }
    /* never joined: at the deadline it is left to finish (or not) on its own */
    g_thread_unref(thread);

    g_mutex_lock(&job->lock);
    while (!job->done) {
        if (!g_cond_wait_until(&job->done_cond, &job->lock, deadline) && !job->done) {
            abandoned = TRUE;
            break;
        }
    }
    if (!abandoned) {
        result = g_steal_pointer(&job->result);
        if (job->error != NULL)
            g_propagate_error(error, g_steal_pointer(&job->error));
    }
    g_mutex_unlock(&job->lock);
    job_release(job);
    if (abandoned)
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_TIMEOUT,
                    "%s did not answer before the deadline", what);
    return result;
}

char *
xcvr_virt_describe_uri(const char *uri)
{
    /* as the connection errors name it; the CLI escapes every message it prints */
    if (uri == NULL)
        return g_strdup("libvirt at its default URI");
    return g_strdup_printf("libvirt at '%s'", uri);
}
