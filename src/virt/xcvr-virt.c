/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-virt.c: libvirt as a VM source: the libvirt calls (read-only connection, every
 * domain's live or persistent XML, networks looked up once per call) around the pure
 * parsers of xcvr-virt-domain.c and xcvr-virt-network.c.
 *
 * libvirt public API, floor 1.2.14 (virConnectOpenReadOnly, virConnectGetURI,
 * virConnectListAllDomains, virDomainGetXMLDesc with VIR_DOMAIN_XML_INACTIVE,
 * virNetworkLookupByName, virConnSetErrorFunc). Compiled only into libxcvrmap-virt.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <xcvrmap/xcvr-error.h>
#include <xcvrmap/xcvr-virt.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "virt/xcvr-virt-bounded-private.h"
#include "virt/xcvr-virt-private.h"
#include "virt/xcvr-virt-conn-private.h"

static void
conn_close(virConnect *conn)
{
    (void)virConnectClose(conn);
}

static void
domain_unref(virDomain *dom)
{
    (void)virDomainFree(dom);
}

static void
network_unref(virNetwork *net)
{
    (void)virNetworkFree(net);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virConnect, conn_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virDomain, domain_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNetwork, network_unref)

/* libvirt returns malloc()ed strings; copying keeps every string we hold GLib's. */
static char *
take_libvirt_string(char *s)
{
    char *copy = g_strdup(s);

    free(s);
    return copy;
}

/* libvirt's reason for the call that just failed on this thread. */
static const char *
last_message(void)
{
    virErrorPtr err = virGetLastError();

    if (err == NULL || err->message == NULL)
        return "unknown libvirt error";
    return err->message;
}

static int
last_code(void)
{
    virErrorPtr err = virGetLastError();

    return err != NULL ? err->code : VIR_ERR_OK;
}

/*
 * Every failure on the connection comes back through virGetLastError(); without this,
 * libvirt would print it on stderr as well.
 */
static void
quiet_error(void *data, virErrorPtr err)
{
}

/* What to do about a failed connection, when libvirt's own message leaves it open. */
static const char *
connect_hint(void)
{
    virErrorPtr err = virGetLastError();

    if (err == NULL)
        return "";
    switch (err->code) {
    case VIR_ERR_AUTH_FAILED:
    case VIR_ERR_OPERATION_DENIED:
    case VIR_ERR_ACCESS_DENIED:
        return " (a read-only connection to a system URI can still need polkit's consent or "
               "the libvirt group; run as root or as a member of that group)";
    case VIR_ERR_SYSTEM_ERROR:
        if (err->int1 == EACCES || err->int1 == EPERM)
            return " (this user may not open libvirt's read-only socket; run as root or as "
                   "a member of the libvirt group)";
        if (err->int1 == ENOENT || err->int1 == ECONNREFUSED)
            return " (is libvirtd, or virtqemud, running?)";
        return "";
    default:
        return "";
    }
}

void
xcvr_virt_set_connect_error(const char *uri, GError **error)
{
    if (uri != NULL)
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT,
                    "cannot connect to libvirt at '%s': %s%s", uri, last_message(),
                    connect_hint());
    else
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT,
                    "cannot connect to libvirt's default URI: %s%s", last_message(),
                    connect_hint());
}

typedef struct {
    XcvrVirtNetwork *net;
    GError *error;
} NetworkEntry;

static void
network_entry_free(NetworkEntry *entry)
{
    xcvr_virt_network_free(entry->net);
    g_clear_error(&entry->error);
    g_free(entry);
}

typedef struct {
    virConnect *conn;
    GHashTable *networks; /* name → NetworkEntry*: each network fetched once per call */
} ListContext;

static NetworkEntry *
network_fetch(virConnect *conn, const char *name)
{
    NetworkEntry *entry = g_new0(NetworkEntry, 1);
    g_autoptr(virNetwork) net = NULL;
    g_autofree char *xml = NULL;

    net = virNetworkLookupByName(conn, name);
    if (net == NULL) {
        if (last_code() == VIR_ERR_NO_NETWORK)
            g_set_error(&entry->error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE,
                        "network '%s' not found", name);
        else
            g_set_error(&entry->error, XCVR_ERROR, XCVR_ERROR_LIBVIRT,
                        "cannot look it up: %s", last_message());
        return entry;
    }
    xml = take_libvirt_string(virNetworkGetXMLDesc(net, 0));
    if (xml == NULL) {
        g_set_error(&entry->error, XCVR_ERROR, XCVR_ERROR_LIBVIRT,
                    "cannot read its XML: %s", last_message());
        return entry;
    }
    entry->net = xcvr_virt_parse_network(xml, strlen(xml), &entry->error);
    return entry;
}

static const XcvrVirtNetwork *
network_lookup(const char *name, gpointer data, GError **error)
{
    ListContext *ctx = data;
    NetworkEntry *entry = g_hash_table_lookup(ctx->networks, name);

    if (entry == NULL) {
        entry = network_fetch(ctx->conn, name);
        g_hash_table_insert(ctx->networks, g_strdup(name), entry);
    }
    if (entry->error != NULL) {
        g_propagate_error(error, g_error_copy(entry->error));
        return NULL;
    }
    return entry->net;
}

/* The one vNIC that stands for a domain whose interfaces cannot be read. */
static XcvrVnic *
domain_error_vnic(const char *name, const char *uuid, gboolean running, char *message)
{
    XcvrVnic *vnic = xcvr_vnic_new(name, XCVR_VNIC_OTHER);

    vnic->vm_source = g_strdup("libvirt");
    vnic->domain_uuid = g_strdup(uuid);
    vnic->running = running;
    vnic->error = message;
    return vnic;
}

static void
describe_domain(ListContext *ctx, virDomain *dom, GPtrArray *out)
{
    g_autoptr(GError) error = NULL;
    g_autofree char *xml = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    const char *name = virDomainGetName(dom);
    int active;

    if (virDomainGetUUIDString(dom, uuid) < 0)
        uuid[0] = '\0';
    active = virDomainIsActive(dom);
    if (active < 0) {
        g_ptr_array_add(out, domain_error_vnic(name, uuid[0] != '\0' ? uuid : NULL, FALSE,
                                               g_strdup_printf("cannot tell whether the "
                                                               "domain runs: %s",
                                                               last_message())));
        return;
    }

    /* A defined-only domain's live XML is its persistent one, but say so to libvirt. */
    xml = take_libvirt_string(
        virDomainGetXMLDesc(dom, active != 0 ? 0 : VIR_DOMAIN_XML_INACTIVE));
    if (xml == NULL) {
        g_ptr_array_add(out, domain_error_vnic(name, uuid[0] != '\0' ? uuid : NULL,
                                               active != 0,
                                               g_strdup_printf("cannot read the domain's "
                                                               "XML: %s", last_message())));
        return;
    }
    if (!xcvr_virt_parse_domain(xml, strlen(xml), active != 0, network_lookup, ctx, out,
                                &error)) {
        g_ptr_array_add(out, domain_error_vnic(name, uuid[0] != '\0' ? uuid : NULL,
                                               active != 0,
                                               g_strdup_printf("cannot parse the domain's "
                                                               "XML: %s", error->message)));
    }
}

static int
compare_domains(gconstpointer a, gconstpointer b)
{
    virDomain *da = *(virDomain *const *)a;
    virDomain *db = *(virDomain *const *)b;

    return g_strcmp0(virDomainGetName(da), virDomainGetName(db));
}

/* libvirt accepts UUIDs with or without dashes; anything else is a name only. */
static gboolean
looks_like_uuid(const char *s)
{
    guint hex = 0;

    for (const char *p = s; *p != '\0'; p++) {
        if (g_ascii_isxdigit(*p))
            hex++;
        else if (*p != '-')
            return FALSE;
    }
    return hex == 32;
}

static virDomain *
find_domain(virConnect *conn, const char *domain, GError **error)
{
    virDomain *dom = virDomainLookupByName(conn, domain);

    if (dom != NULL)
        return dom;
    if (last_code() != VIR_ERR_NO_DOMAIN) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT, "cannot look up domain '%s': %s",
                    domain, last_message());
        return NULL;
    }
    if (looks_like_uuid(domain)) {
        dom = virDomainLookupByUUIDString(conn, domain);
        if (dom != NULL)
            return dom;
        if (last_code() != VIR_ERR_NO_DOMAIN && last_code() != VIR_ERR_INVALID_ARG) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT,
                        "cannot look up domain '%s': %s", domain, last_message());
            return NULL;
        }
    }
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE, "domain '%s' not found", domain);
    return NULL;
}

void
xcvr_virt_quiet_default_errors(void)
{
    /* only on the application's request: the handler is process-wide */
    virSetErrorFunc(NULL, quiet_error);
}

/* The URI libvirt chose or was given, as it says it (NULL when it cannot say). */
static char *
connected_uri(virConnect *conn)
{
    char *uri = virConnectGetURI(conn);

    return uri != NULL ? take_libvirt_string(uri) : NULL;
}

/* Two names of one domain (its name and its UUID, say) list it once. */
static gboolean
has_domain(GPtrArray *doms, virDomain *dom)
{
    unsigned char uuid[VIR_UUID_BUFLEN];
    unsigned char other[VIR_UUID_BUFLEN];

    if (virDomainGetUUID(dom, uuid) != 0)
        return FALSE;
    for (guint i = 0; i < doms->len; i++)
        if (virDomainGetUUID(g_ptr_array_index(doms, i), other) == 0 &&
            memcmp(uuid, other, sizeof uuid) == 0)
            return TRUE;
    return FALSE;
}

GPtrArray *
xcvr_virt_list_vnics_conn(virConnect *conn, const char *const *domains, gboolean missing_ok,
                          GError **error)
{
    g_autoptr(GPtrArray) doms = NULL;
    g_autoptr(GPtrArray) out = NULL;
    g_autoptr(GHashTable) networks = NULL;
    ListContext ctx;

    doms = g_ptr_array_new_with_free_func((GDestroyNotify)domain_unref);
    if (domains != NULL && domains[0] != NULL) {
        /* every name must exist: a typo is an error naming it, not a shorter map */
        for (guint i = 0; domains[i] != NULL; i++) {
            g_autoptr(GError) local = NULL;
            virDomain *dom = find_domain(conn, domains[i], &local);

            if (dom == NULL && missing_ok && g_error_matches(local, XCVR_ERROR,
                                                             XCVR_ERROR_NO_DEVICE))
                continue;
            if (dom == NULL) {
                g_propagate_error(error, g_steal_pointer(&local));
                return NULL;
            }
            if (has_domain(doms, dom))
                domain_unref(dom);
            else
                g_ptr_array_add(doms, dom);
        }
        g_ptr_array_sort(doms, compare_domains);
    } else {
        virDomainPtr *list = NULL;
        int n = virConnectListAllDomains(conn, &list, 0);

        if (n < 0) {
            g_set_error(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT, "cannot list domains: %s",
                        last_message());
            return NULL;
        }
        for (int i = 0; i < n; i++)
            g_ptr_array_add(doms, list[i]);
        free(list);
        g_ptr_array_sort(doms, compare_domains);
    }

    networks = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify)network_entry_free);
    ctx.conn = conn;
    ctx.networks = networks;
    out = g_ptr_array_new_with_free_func((GDestroyNotify)xcvr_vnic_free);
    for (guint i = 0; i < doms->len; i++)
        describe_domain(&ctx, g_ptr_array_index(doms, i), out);
    return g_steal_pointer(&out);
}

static GPtrArray *
list_vnics(const char *uri, const char *const *domains, char **ret_uri, GError **error)
{
    g_autoptr(virConnect) conn = NULL;
    g_autoptr(GPtrArray) out = NULL;

    /*
     * Until the connection exists, libvirt reports through its process-wide handler (which
     * prints unless the application set one with virSetErrorFunc); that is the
     * application's to decide, so it is left alone here. A NULL URI stays NULL: libvirt
     * then reads LIBVIRT_DEFAULT_URI and libvirt.conf's uri_default itself, as for virsh.
     */
    conn = virConnectOpenReadOnly(uri);
    if (conn == NULL) {
        xcvr_virt_set_connect_error(uri, error);
        return NULL;
    }
    virConnSetErrorFunc(conn, NULL, quiet_error);

    out = xcvr_virt_list_vnics_conn(conn, domains, FALSE, error);
    if (out == NULL)
        return NULL;
    if (ret_uri != NULL)
        *ret_uri = connected_uri(conn);
    return g_steal_pointer(&out);
}

/* A listing handed to a worker thread: copies of the caller's arguments, and the answer. */
typedef struct {
    char *uri;
    GStrv domains;
} ListJob;

typedef struct {
    GPtrArray *vnics;
    char *uri;
} ListAnswer;

static void
list_job_free(ListJob *job)
{
    g_free(job->uri);
    g_strfreev(job->domains);
    g_free(job);
}

static void
list_answer_free(ListAnswer *answer)
{
    g_clear_pointer(&answer->vnics, g_ptr_array_unref);
    g_free(answer->uri);
    g_free(answer);
}

static gpointer
list_job_run(gpointer data, GError **error)
{
    ListJob *job = data;
    ListAnswer *answer = g_new0(ListAnswer, 1);

    answer->vnics = list_vnics(job->uri, (const char *const *)job->domains, &answer->uri,
                               error);
    if (answer->vnics == NULL) {
        list_answer_free(answer);
        return NULL;
    }
    return answer;
}

GPtrArray *
xcvr_virt_list_vnics_full(const char *uri, const char *const *domains, gint64 deadline,
                          char **ret_uri, GError **error)
{
    ListJob *job = g_new0(ListJob, 1);
    g_autofree char *what = xcvr_virt_describe_uri(uri);
    ListAnswer *answer;
    GPtrArray *vnics;

    job->uri = g_strdup(uri);
    job->domains = g_strdupv((char **)domains);
    answer = xcvr_virt_run_bounded(what, deadline, list_job_run, job,
                                   (GDestroyNotify)list_job_free,
                                   (GDestroyNotify)list_answer_free, error);
    if (answer == NULL)
        return NULL;
    vnics = g_steal_pointer(&answer->vnics);
    if (ret_uri != NULL)
        *ret_uri = g_steal_pointer(&answer->uri);
    list_answer_free(answer);
    return vnics;
}

GPtrArray *
xcvr_virt_list_vnics(const char *uri, const char *const *domains, char **ret_uri,
                     GError **error)
{
    return xcvr_virt_list_vnics_full(uri, domains, 0, ret_uri, error);
}
