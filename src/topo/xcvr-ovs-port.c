/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-ovs-port.c: where Open vSwitch puts one interface (its bridge and access VLAN), for
 * a VM source that checks its own configuration against the live switch (XAPI's network
 * bridge and VLAN tag against the vif port's).
 */
#include <xcvrmap/xcvr-ovs.h>

#include "xcvr-ovs-private.h"

const char *
xcvr_ovs_get_port_bridge(const XcvrOvs *ovs, const char *iface_name, int *ret_tag)
{
    const XcvrOvsIface *iface;

    g_return_val_if_fail(ovs != NULL && iface_name != NULL, NULL);

    iface = xcvr_ovs_iface(ovs, iface_name);
    if (iface == NULL || iface->port == NULL || iface->port->bridge == NULL)
        return NULL;
    if (ret_tag != NULL)
        *ret_tag = iface->port->tag;
    return iface->port->bridge->name;
}
