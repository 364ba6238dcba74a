/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-virt-nodedev.c: libvirt's node devices, read-only: the listing by capability and
 * each device's document as libvirt writes it (virConnectListAllNodeDevices,
 * virNodeDeviceLookupByName, virNodeDeviceGetXMLDesc; libvirt ≥ 0.10.2).
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

static void
conn_close(virConnect *conn)
{
    (void)virConnectClose(conn);
}

static void
nodedev_unref(virNodeDevice *dev)
{
    (void)virNodeDeviceFree(dev);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(virConnect, conn_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virNodeDevice, nodedev_unref)

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

static virConnect *
open_conn(const char *uri, GError **error)
{
    virConnect *conn = virConnectOpenReadOnly(uri);

    if (conn == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT, "cannot connect to libvirt%s%s%s: %s",
                    uri != NULL ? " at '" : "'s default URI", uri != NULL ? uri : "",
                    uri != NULL ? "'" : "", last_message());
        return NULL;
    }
    virConnSetErrorFunc(conn, NULL, quiet);
    return conn;
}

static XcvrNodedevDoc *
doc_of(virNodeDevice *dev, GError **error)
{
    char *xml = virNodeDeviceGetXMLDesc(dev, 0);
    XcvrNodedevDoc *doc;

    if (xml == NULL) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT,
                    "cannot read node device '%s': %s", virNodeDeviceGetName(dev),
                    last_message());
        return NULL;
    }
    doc = xcvr_nodedev_doc_new(virNodeDeviceGetName(dev), xml);
    free(xml);
    return doc;
}

static int
compare_docs(gconstpointer a, gconstpointer b)
{
    const XcvrNodedevDoc *x = *(XcvrNodedevDoc *const *)a;
    const XcvrNodedevDoc *y = *(XcvrNodedevDoc *const *)b;

    return strcmp(x->name, y->name);
}

static unsigned int
cap_flag(const char *cap, GError **error)
{
    if (cap == NULL)
        return 0;
    if (strcmp(cap, "net") == 0)
        return VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET;
    if (strcmp(cap, "pci") == 0)
        return VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV;
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_INVALID_ARGUMENT,
                "capability '%s': expected net or pci", cap);
    return (unsigned int)-1;
}

static GPtrArray *
list_docs(virConnect *conn, unsigned int flags, GError **error)
{
    g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(
        (GDestroyNotify)xcvr_nodedev_doc_free);
    virNodeDevicePtr *devs = NULL;
    int n = virConnectListAllNodeDevices(conn, &devs, flags);
    int i;

    if (n < 0) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT, "cannot list node devices: %s",
                    last_message());
        return NULL;
    }
    for (i = 0; i < n; i++) {
        XcvrNodedevDoc *doc = doc_of(devs[i], NULL); /* gone since the listing: left out */

        if (doc != NULL)
            g_ptr_array_add(out, doc);
        nodedev_unref(devs[i]);
    }
    free(devs);
    g_ptr_array_sort(out, compare_docs);
    return g_steal_pointer(&out);
}

static GPtrArray *
list_nodedevs(const char *uri, const char *cap, GError **error)
{
    g_autoptr(virConnect) conn = NULL;
    unsigned int flags = cap_flag(cap, error);

    if (flags == (unsigned int)-1)
        return NULL;
    conn = open_conn(uri, error);
    if (conn == NULL)
        return NULL;
    return list_docs(conn, flags, error);
}

/* Is @xml a net device whose interface is @netdev? */
static gboolean
is_net_of(const char *xml, const char *netdev)
{
    xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), "nodedev.xml", NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlNode *root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
    gboolean found = FALSE;

    for (xmlNode *cap = root != NULL ? root->children : NULL; cap != NULL && !found;
         cap = cap->next) {
        if (cap->type != XML_ELEMENT_NODE || !xmlStrEqual(cap->name, BAD_CAST "capability"))
            continue;
        for (xmlNode *c = cap->children; c != NULL && !found; c = c->next) {
            xmlChar *text;

            if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, BAD_CAST "interface"))
                continue;
            text = xmlNodeGetContent(c);
            found = text != NULL && strcmp((const char *)text, netdev) == 0;
            xmlFree(text);
        }
    }
    if (doc != NULL)
        xmlFreeDoc(doc);
    return found;
}

static XcvrNodedevDoc *
get_nodedev(const char *uri, const char *device, GError **error)
{
    g_autoptr(virConnect) conn = NULL;
    g_autoptr(virNodeDevice) dev = NULL;
    g_autoptr(GPtrArray) nets = NULL;
    guint i;

    g_return_val_if_fail(device != NULL, NULL);

    conn = open_conn(uri, error);
    if (conn == NULL)
        return NULL;
    dev = virNodeDeviceLookupByName(conn, device);
    if (dev != NULL)
        return doc_of(dev, error);
    if (virGetLastError() != NULL && virGetLastError()->code != VIR_ERR_NO_NODE_DEVICE) {
        g_set_error(error, XCVR_ERROR, XCVR_ERROR_LIBVIRT, "cannot look up node device '%s': %s",
                    device, last_message());
        return NULL;
    }
    /* a netdev's name: the net device whose interface it is */
    nets = list_docs(conn, VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET, error);
    if (nets == NULL)
        return NULL;
    for (i = 0; i < nets->len; i++) {
        XcvrNodedevDoc *doc = g_ptr_array_index(nets, i);

        if (is_net_of(doc->xml, device))
            return xcvr_nodedev_doc_new(doc->name, doc->xml);
    }
    g_set_error(error, XCVR_ERROR, XCVR_ERROR_NO_DEVICE,
                "no node device '%s' (neither a device name nor a netdev libvirt knows)",
                device);
    return NULL;
}

/* A node-device call handed to a worker thread: copies of the caller's arguments. */
typedef struct {
    char *uri;
    char *arg; /* the capability, or the device */
} NodedevJob;

static void
nodedev_job_free(NodedevJob *job)
{
    g_free(job->uri);
    g_free(job->arg);
    g_free(job);
}

static NodedevJob *
nodedev_job_new(const char *uri, const char *arg)
{
    NodedevJob *job = g_new0(NodedevJob, 1);

    job->uri = g_strdup(uri);
    job->arg = g_strdup(arg);
    return job;
}

static gpointer
list_job_run(gpointer data, GError **error)
{
    NodedevJob *job = data;

    return list_nodedevs(job->uri, job->arg, error);
}

static gpointer
get_job_run(gpointer data, GError **error)
{
    NodedevJob *job = data;

    return get_nodedev(job->uri, job->arg, error);
}

GPtrArray *
xcvr_virt_list_nodedevs_full(const char *uri, const char *cap, gint64 deadline,
                             GError **error)
{
    g_autofree char *what = xcvr_virt_describe_uri(uri);

    return xcvr_virt_run_bounded(what, deadline, list_job_run, nodedev_job_new(uri, cap),
                                 (GDestroyNotify)nodedev_job_free,
                                 (GDestroyNotify)g_ptr_array_unref, error);
}

GPtrArray *
xcvr_virt_list_nodedevs(const char *uri, const char *cap, GError **error)
{
    return xcvr_virt_list_nodedevs_full(uri, cap, 0, error);
}

XcvrNodedevDoc *
xcvr_virt_get_nodedev_full(const char *uri, const char *device, gint64 deadline,
                           GError **error)
{
    g_autofree char *what = xcvr_virt_describe_uri(uri);

    g_return_val_if_fail(device != NULL, NULL);

    return xcvr_virt_run_bounded(what, deadline, get_job_run, nodedev_job_new(uri, device),
                                 (GDestroyNotify)nodedev_job_free,
                                 (GDestroyNotify)xcvr_nodedev_doc_free, error);
}

XcvrNodedevDoc *
xcvr_virt_get_nodedev(const char *uri, const char *device, GError **error)
{
    return xcvr_virt_get_nodedev_full(uri, device, 0, error);
}
