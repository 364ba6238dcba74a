/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-inventory-get.c: the read-only getters that let a C caller walk the model (vNICs →
 * uplinks → link, module, health, and back) without rendering and parsing JSON. Every
 * pointer returned belongs to the inventory: nothing here allocates.
 */
#include <string.h>

#include <xcvrmap/xcvr-inventory.h>

#include "xcvr-inventory-private.h"

guint
xcvr_inventory_get_n_vnics(const XcvrInventory *inv)
{
    g_return_val_if_fail(inv != NULL, 0);
    return inv->vnics->len;
}

const XcvrInvVnic *
xcvr_inventory_get_vnic(const XcvrInventory *inv, guint index)
{
    g_return_val_if_fail(inv != NULL, NULL);
    g_return_val_if_fail(index < inv->vnics->len, NULL);
    return g_ptr_array_index(inv->vnics, index);
}

guint
xcvr_inventory_get_n_uplinks(const XcvrInventory *inv)
{
    g_return_val_if_fail(inv != NULL, 0);
    return inv->uplinks->len;
}

const XcvrInvUplink *
xcvr_inventory_get_uplink(const XcvrInventory *inv, guint index)
{
    g_return_val_if_fail(inv != NULL, NULL);
    g_return_val_if_fail(index < inv->uplinks->len, NULL);
    return g_ptr_array_index(inv->uplinks, index);
}

const XcvrInvUplink *
xcvr_inventory_find_uplink(const XcvrInventory *inv, const char *name)
{
    guint i;

    g_return_val_if_fail(inv != NULL, NULL);
    g_return_val_if_fail(name != NULL, NULL);
    for (i = 0; i < inv->uplinks->len; i++) {
        const XcvrInvUplink *up = g_ptr_array_index(inv->uplinks, i);

        if (g_strcmp0(up->netdev, name) == 0 ||
            (up->netdev == NULL && g_strcmp0(up->pci, name) == 0))
            return up;
    }
    return NULL;
}

/* ---- one vNIC ---- */

const XcvrVnic *
xcvr_inv_vnic_get_description(const XcvrInvVnic *iv)
{
    g_return_val_if_fail(iv != NULL, NULL);
    return iv->vnic;
}

const char *
xcvr_inv_vnic_get_domain(const XcvrInvVnic *iv)
{
    g_return_val_if_fail(iv != NULL, NULL);
    return iv->vnic->domain;
}

const char *
xcvr_inv_vnic_get_domain_uuid(const XcvrInvVnic *iv)
{
    g_return_val_if_fail(iv != NULL, NULL);
    return iv->vnic->domain_uuid;
}

const char *
xcvr_inv_vnic_get_mac(const XcvrInvVnic *iv)
{
    g_return_val_if_fail(iv != NULL, NULL);
    return iv->vnic->mac;
}

const char *
xcvr_inv_vnic_get_model(const XcvrInvVnic *iv)
{
    g_return_val_if_fail(iv != NULL, NULL);
    return iv->vnic->model;
}

XcvrVnicType
xcvr_inv_vnic_get_vnic_type(const XcvrInvVnic *iv)
{
    g_return_val_if_fail(iv != NULL, XCVR_VNIC_OTHER);
    return iv->vnic->type;
}

gboolean
xcvr_inv_vnic_is_running(const XcvrInvVnic *iv)
{
    g_return_val_if_fail(iv != NULL, FALSE);
    return iv->vnic->running;
}

XcvrVnicStatus
xcvr_inv_vnic_get_status(const XcvrInvVnic *iv)
{
    g_return_val_if_fail(iv != NULL, XCVR_VNIC_STATUS_ERROR);
    return iv->status;
}

const char *
xcvr_inv_vnic_get_reason(const XcvrInvVnic *iv)
{
    g_return_val_if_fail(iv != NULL, NULL);
    return iv->reason;
}

const GPtrArray *
xcvr_inv_vnic_get_path(const XcvrInvVnic *iv)
{
    g_return_val_if_fail(iv != NULL, NULL);
    return iv->path;
}

guint
xcvr_inv_vnic_get_n_uplinks(const XcvrInvVnic *iv)
{
    g_return_val_if_fail(iv != NULL, 0);
    return iv->reaches->len;
}

static const XcvrInvReach *
reach_at(const XcvrInvVnic *iv, guint index)
{
    if (iv == NULL || index >= iv->reaches->len)
        return NULL;
    return g_ptr_array_index(iv->reaches, index);
}

const XcvrInvUplink *
xcvr_inv_vnic_get_uplink(const XcvrInvVnic *iv, guint index)
{
    const XcvrInvReach *reach = reach_at(iv, index);

    g_return_val_if_fail(reach != NULL, NULL);
    return reach->uplink;
}

int
xcvr_inv_vnic_get_uplink_role(const XcvrInvVnic *iv, guint index)
{
    const XcvrInvReach *reach = reach_at(iv, index);

    g_return_val_if_fail(reach != NULL, -1);
    return reach->active;
}

XcvrBondRule
xcvr_inv_vnic_get_uplink_rule(const XcvrInvVnic *iv, guint index)
{
    const XcvrInvReach *reach = reach_at(iv, index);

    g_return_val_if_fail(reach != NULL, XCVR_BOND_RULE_NONE);
    return reach->active_rule;
}

const GPtrArray *
xcvr_inv_vnic_get_uplink_via(const XcvrInvVnic *iv, guint index)
{
    const XcvrInvReach *reach = reach_at(iv, index);

    g_return_val_if_fail(reach != NULL, NULL);
    return reach->via;
}

/* ---- one uplink ---- */

const char *
xcvr_inv_uplink_get_netdev(const XcvrInvUplink *up)
{
    g_return_val_if_fail(up != NULL, NULL);
    return up->netdev;
}

const char *
xcvr_inv_uplink_get_pci(const XcvrInvUplink *up)
{
    g_return_val_if_fail(up != NULL, NULL);
    return up->pci;
}

const XcvrLinkState *
xcvr_inv_uplink_get_link(const XcvrInvUplink *up)
{
    g_return_val_if_fail(up != NULL, NULL);
    return up->link;
}

const XcvrModule *
xcvr_inv_uplink_get_module(const XcvrInvUplink *up)
{
    g_return_val_if_fail(up != NULL, NULL);
    return up->module;
}

const char *
xcvr_inv_uplink_get_module_source(const XcvrInvUplink *up)
{
    g_return_val_if_fail(up != NULL, NULL);
    return up->module_source;
}

const GError *
xcvr_inv_uplink_get_module_error(const XcvrInvUplink *up)
{
    g_return_val_if_fail(up != NULL, NULL);
    return up->module_error;
}

XcvrHealth
xcvr_inv_uplink_get_health(const XcvrInvUplink *up)
{
    g_return_val_if_fail(up != NULL, XCVR_HEALTH_UNKNOWN);
    return up->health;
}

const GPtrArray *
xcvr_inv_uplink_get_health_reasons(const XcvrInvUplink *up)
{
    g_return_val_if_fail(up != NULL, NULL);
    return up->health_reasons;
}

guint
xcvr_inv_uplink_get_n_vnics(const XcvrInvUplink *up)
{
    g_return_val_if_fail(up != NULL, 0);
    return up->vnics->len;
}

const XcvrInvVnic *
xcvr_inv_uplink_get_vnic(const XcvrInvUplink *up, guint index)
{
    g_return_val_if_fail(up != NULL, NULL);
    g_return_val_if_fail(index < up->vnics->len, NULL);
    return g_ptr_array_index(up->vnics, index);
}
