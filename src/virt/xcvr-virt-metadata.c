/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-virt-metadata.c: our element in a domain's <metadata>, read, compared and written
 * through libvirt (virDomainGetMetadata, virDomainSetMetadata with
 * VIR_DOMAIN_METADATA_ELEMENT; libvirt ≥ 1.1.3), live and persistent.
 */
#include <stdlib.h>
#include <string.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-virt.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "virt/xcvr-virt-bounded-private.h"

#define METADATA_KEY "xcvrmap"

struct _XcvrVirtConn {
    virConnect *conn;
    gint64 deadline; /* of every call on it; 0: none */
    char *what;      /* "libvirt at 'URI'", for a timeout's message */
    gboolean lost;   /* a call was abandoned at the deadline: the connection is its thread's */
};

static void
domain_unref(virDomain *dom)
{
    (void)virDomainFree(dom);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomain, domain_unref)

static const char *
last_message(void)
{
    virErrorPtr err = virGetLastError();

    return err != NULL && err->message != NULL ? err->message : "unknown libvirt error";
}

static void
quiet(void *data, virErrorPtr err)
{
}

static gpointer
open_job_run(gpointer data, GError **error)
{
    const char *uri = data;
    virConnect *conn = virConnectOpen(uri);

    if (conn == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT,
                    "cannot open a read-write connection to libvirt%s%s%s: %s",
                    uri != NULL ? " at '" : "'s default URI", uri != NULL ? uri : "",
                    uri != NULL ? "'" : "", last_message());
        return NULL;
    }
    virConnSetErrorFunc(conn, NULL, quiet);
    return conn;
}

static void
conn_unref(virConnect *conn)
{
    (void)virConnectClose(conn);
}

XcvrVirtConn *
xcvr_virt_conn_open_full(const char *uri, gint64 deadline, GError **error)
{
    g_autofree char *what = xcvr_virt_describe_uri(uri);
    virConnect *conn = xcvr_virt_run_bounded(what, deadline, open_job_run, g_strdup(uri),
                                             g_free, (GDestroyNotify)conn_unref, error);
    XcvrVirtConn *c;

    if (conn == NULL)
        return NULL;
    c = g_new0(XcvrVirtConn, 1);
    c->conn = conn;
    c->deadline = deadline;
    c->what = g_steal_pointer(&what);
    return c;
}

XcvrVirtConn *
xcvr_virt_conn_open(const char *uri, GError **error)
{
    return xcvr_virt_conn_open_full(uri, 0, error);
}

void
xcvr_virt_conn_free(XcvrVirtConn *conn)
{
    if (conn == NULL)
        return;
    /* a lost connection is left to the call still waiting on it: libvirt is not touched */
    if (!conn->lost)
        (void)virConnectClose(conn->conn);
    g_free(conn->what);
    g_free(conn);
}

void
xcvr_publish_result_free(XcvrPublishResult *result)
{
    if (result == NULL)
        return;
    g_free(result->domain);
    g_free(result->message);
    g_free(result);
}

/* @xml re-serialised without the whitespace between elements: two texts are the same
 * element when these are equal. NULL when it does not parse. */
static char *
normalised(const char *xml)
{
    xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), "metadata.xml", NULL,
                                XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
                                XML_PARSE_NOWARNING);
    xmlChar *mem = NULL;
    int len = 0;
    char *out;

    if (doc == NULL)
        return NULL;
    xmlDocDumpMemory(doc, &mem, &len);
    out = g_strndup((const char *)mem, len);
    xmlFree(mem);
    xmlFreeDoc(doc);
    return out;
}

static gboolean
same_element(const char *a, const char *b)
{
    g_autofree char *na = normalised(a);
    g_autofree char *nb = normalised(b);

    return na != NULL && nb != NULL && strcmp(na, nb) == 0;
}

/* What the domain holds under @flags: our element, NULL when absent; FALSE on failure. */
static gboolean
read_current(virDomain *dom, unsigned int flags, char **ret, GError **error)
{
    char *xml = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT,
                                     XCVR_DOMAIN_METADATA_NAMESPACE, flags);
    virErrorPtr err;

    if (xml != NULL) {
        *ret = g_strdup(xml);
        free(xml);
        return TRUE;
    }
    err = virGetLastError();
    if (err != NULL && err->code == VIR_ERR_NO_DOMAIN_METADATA) {
        *ret = NULL;
        return TRUE;
    }
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT, "cannot read its metadata: %s",
                last_message());
    return FALSE;
}

/* Writes @element (NULL: removes ours) under @flags unless it is already so; *@ret_wrote
 * says whether it wrote. */
static gboolean
write_one(virDomain *dom, unsigned int flags, const char *element, gboolean *ret_wrote,
          GError **error)
{
    g_autofree char *current = NULL;
    int rc;

    if (!read_current(dom, flags, &current, error))
        return FALSE;
    if ((element == NULL && current == NULL) ||
        (element != NULL && current != NULL && same_element(element, current))) {
        *ret_wrote = FALSE;
        return TRUE;
    }
    if (element != NULL)
        rc = virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, element, METADATA_KEY,
                                  XCVR_DOMAIN_METADATA_NAMESPACE, flags);
    else
        rc = virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, NULL, NULL,
                                  XCVR_DOMAIN_METADATA_NAMESPACE, flags);
    if (rc < 0) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT, "cannot write its %s metadata: %s",
                    flags == VIR_DOMAIN_AFFECT_LIVE ? "live" : "persistent", last_message());
        return FALSE;
    }
    *ret_wrote = TRUE;
    return TRUE;
}

static XcvrPublishResult *
set_metadata(virConnect *conn, const char *domain, const char *element)
{
    XcvrPublishResult *r = g_new0(XcvrPublishResult, 1);
    g_autoptr(virDomain) dom = NULL;
    g_autoptr(GError) error = NULL;
    int active;
    int persistent;

    r->domain = g_strdup(domain);
    r->outcome = XCVR_PUBLISH_FAILED;
    dom = virDomainLookupByName(conn, domain);
    if (dom == NULL) {
        r->message = g_strdup_printf("no such domain (%s)", last_message());
        return r;
    }
    active = virDomainIsActive(dom);
    persistent = virDomainIsPersistent(dom);
    if (active < 0 || persistent < 0) {
        r->message = g_strdup_printf("cannot read its state: %s", last_message());
        return r;
    }
    if (active == 1 && !write_one(dom, VIR_DOMAIN_AFFECT_LIVE, element, &r->live, &error)) {
        r->message = g_strdup(error->message);
        return r;
    }
    if (persistent == 1 &&
        !write_one(dom, VIR_DOMAIN_AFFECT_CONFIG, element, &r->config, &error)) {
        r->message = g_strdup(error->message);
        return r;
    }
    r->outcome = r->live || r->config ? XCVR_PUBLISH_WRITTEN : XCVR_PUBLISH_UNCHANGED;
    return r;
}

static char *
get_metadata(virConnect *conn, const char *domain, gboolean config, GError **error)
{
    g_autoptr(virDomain) dom = NULL;
    char *xml = NULL;

    dom = virDomainLookupByName(conn, domain);
    if (dom == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE, "no domain '%s': %s", domain,
                    last_message());
        return NULL;
    }
    if (!read_current(dom, config ? VIR_DOMAIN_AFFECT_CONFIG : VIR_DOMAIN_AFFECT_LIVE, &xml,
                      error))
        return NULL;
    return xml;
}

/* One call on a connection handed to a worker thread: its own reference to the
 * connection, copies of the arguments. */
typedef struct {
    virConnect *conn;
    char *domain;
    char *element;
    gboolean config;
} MetadataJob;

static void
metadata_job_free(MetadataJob *job)
{
    (void)virConnectClose(job->conn);
    g_free(job->domain);
    g_free(job->element);
    g_free(job);
}

static MetadataJob *
metadata_job_new(XcvrVirtConn *conn, const char *domain, const char *element,
                 gboolean config)
{
    MetadataJob *job = g_new0(MetadataJob, 1);

    (void)virConnectRef(conn->conn);
    job->conn = conn->conn;
    job->domain = g_strdup(domain);
    job->element = g_strdup(element);
    job->config = config;
    return job;
}

static gpointer
set_job_run(gpointer data, GError **error)
{
    MetadataJob *job = data;

    return set_metadata(job->conn, job->domain, job->element);
}

static gpointer
get_job_run(gpointer data, GError **error)
{
    MetadataJob *job = data;

    return get_metadata(job->conn, job->domain, job->config, error);
}

/* A call abandoned earlier still waits on the connection: nothing more goes through it. */
static gboolean
check_lost(XcvrVirtConn *conn, GError **error)
{
    if (!conn->lost)
        return TRUE;
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_TIMEOUT, "%s did not answer before the deadline",
                conn->what);
    return FALSE;
}

static XcvrPublishResult *
failed_result(const char *domain, const char *message)
{
    XcvrPublishResult *r = g_new0(XcvrPublishResult, 1);

    r->domain = g_strdup(domain);
    r->outcome = XCVR_PUBLISH_FAILED;
    r->message = g_strdup(message);
    return r;
}

XcvrPublishResult *
xcvr_virt_set_domain_metadata(XcvrVirtConn *conn, const char *domain, const char *element)
{
    g_autoptr(GError) error = NULL;
    XcvrPublishResult *r;

    g_return_val_if_fail(conn != NULL && domain != NULL,
                         failed_result(domain, "no connection or no domain"));

    if (conn->deadline == 0)
        return set_metadata(conn->conn, domain, element);
    if (!check_lost(conn, &error))
        return failed_result(domain, error->message);
    r = xcvr_virt_run_bounded(conn->what, conn->deadline, set_job_run,
                              metadata_job_new(conn, domain, element, FALSE),
                              (GDestroyNotify)metadata_job_free,
                              (GDestroyNotify)xcvr_publish_result_free, &error);
    if (r != NULL)
        return r;
    if (g_error_matches(error, XCVR_ERROR, XCVR_ERROR_TIMEOUT))
        conn->lost = TRUE;
    return failed_result(domain, error->message);
}

char *
xcvr_virt_get_domain_metadata(XcvrVirtConn *conn, const char *domain, gboolean config,
                              GError **error)
{
    g_autoptr(GError) local = NULL;
    char *xml;

    g_return_val_if_fail(conn != NULL && domain != NULL, NULL);

    if (conn->deadline == 0)
        return get_metadata(conn->conn, domain, config, error);
    if (!check_lost(conn, error))
        return NULL;
    xml = xcvr_virt_run_bounded(conn->what, conn->deadline, get_job_run,
                                metadata_job_new(conn, domain, NULL, config),
                                (GDestroyNotify)metadata_job_free, g_free, &local);
    if (g_error_matches(local, XCVR_ERROR, XCVR_ERROR_TIMEOUT))
        conn->lost = TRUE;
    if (local != NULL)
        g_propagate_error(error, g_steal_pointer(&local));
    return xml;
}
