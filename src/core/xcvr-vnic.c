/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xcvr-vnic.c: the VM-source-neutral description of one VM network interface. */
#include <xcvrmap/xcvr-vnic.h>

#include "core/xcvr-enum.h"

XCVR_ENUM_IMPL(vnic_type, XcvrVnicType, _XCVR_VNIC_LAST, "other",
    [XCVR_VNIC_BRIDGE] = "bridge",
    [XCVR_VNIC_NETWORK] = "network",
    [XCVR_VNIC_DIRECT] = "direct",
    [XCVR_VNIC_HOSTDEV] = "hostdev",
    [XCVR_VNIC_VDPA] = "vdpa",
    [XCVR_VNIC_ETHERNET] = "ethernet",
    [XCVR_VNIC_VHOSTUSER] = "vhostuser",
    [XCVR_VNIC_USER] = "user",
    [XCVR_VNIC_OTHER] = "other",
)

XCVR_ENUM_IMPL(vnic_attach_kind, XcvrVnicAttachKind, _XCVR_VNIC_ATTACH_LAST, "netdev",
    [XCVR_VNIC_ATTACH_NETDEV] = "netdev",
    [XCVR_VNIC_ATTACH_MACVTAP_ON] = "macvtap-on",
    [XCVR_VNIC_ATTACH_PCI] = "pci",
    [XCVR_VNIC_ATTACH_VDPA] = "vdpa",
    [XCVR_VNIC_ATTACH_VHOSTUSER] = "vhostuser",
)

static void
attach_free(XcvrVnicAttach *attach)
{
    if (attach == NULL)
        return;
    g_free(attach->name);
    g_free(attach);
}

XcvrVnic *
xcvr_vnic_new(const char *domain, XcvrVnicType type)
{
    XcvrVnic *vnic = g_new0(XcvrVnic, 1);

    vnic->domain = g_strdup(domain);
    vnic->type = type;
    vnic->vlan = -1;
    vnic->attach = g_ptr_array_new_with_free_func((GDestroyNotify)attach_free);
    return vnic;
}

void
xcvr_vnic_add_attach(XcvrVnic *vnic, XcvrVnicAttachKind kind, const char *name, gboolean ovs)
{
    XcvrVnicAttach *attach;

    g_return_if_fail(vnic != NULL);
    g_return_if_fail(name != NULL);

    attach = g_new0(XcvrVnicAttach, 1);
    attach->kind = kind;
    attach->name = g_strdup(name);
    attach->ovs = ovs;
    g_ptr_array_add(vnic->attach, attach);
}

XcvrVnic *
xcvr_vnic_copy(const XcvrVnic *vnic)
{
    XcvrVnic *copy;

    g_return_val_if_fail(vnic != NULL, NULL);

    copy = xcvr_vnic_new(vnic->domain, vnic->type);
    copy->domain_uuid = g_strdup(vnic->domain_uuid);
    copy->running = vnic->running;
    copy->mac = g_strdup(vnic->mac);
    copy->model = g_strdup(vnic->model);
    copy->source = g_strdup(vnic->source);
    copy->target = g_strdup(vnic->target);
    copy->vlan = vnic->vlan;
    for (guint i = 0; vnic->attach != NULL && i < vnic->attach->len; i++) {
        const XcvrVnicAttach *a = g_ptr_array_index(vnic->attach, i);

        xcvr_vnic_add_attach(copy, a->kind, a->name, a->ovs);
    }
    copy->no_uplink_reason = g_strdup(vnic->no_uplink_reason);
    copy->error = g_strdup(vnic->error);
    copy->vm_source = g_strdup(vnic->vm_source);
    copy->vif_uuid = g_strdup(vnic->vif_uuid);
    copy->note = g_strdup(vnic->note);
    return copy;
}

void
xcvr_vnic_free(XcvrVnic *vnic)
{
    if (vnic == NULL)
        return;
    g_free(vnic->domain);
    g_free(vnic->domain_uuid);
    g_free(vnic->mac);
    g_free(vnic->model);
    g_free(vnic->source);
    g_free(vnic->target);
    g_clear_pointer(&vnic->attach, g_ptr_array_unref);
    g_free(vnic->no_uplink_reason);
    g_free(vnic->error);
    g_free(vnic->vm_source);
    g_free(vnic->vif_uuid);
    g_free(vnic->note);
    g_free(vnic);
}
