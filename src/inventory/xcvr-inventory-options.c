/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-inventory-options.c: where an inventory reads its host from, behind setters so
 * that options can be added without changing the size of anything a caller allocates.
 */
#include <xcvrmap/xcvr-inventory.h>

#include "xcvr-inventory-private.h"

XcvrInventoryOptions *
xcvr_inventory_options_new(void)
{
    return g_new0(XcvrInventoryOptions, 1);
}

void
xcvr_inventory_options_free(XcvrInventoryOptions *o)
{
    if (o == NULL)
        return;
    g_free(o->root);
    g_free(o->ovsdb);
    g_free(o->eeprom_dir);
    g_free(o);
}

void
xcvr_inventory_options_set_root(XcvrInventoryOptions *o, const char *root)
{
    g_return_if_fail(o != NULL);
    g_free(o->root);
    o->root = g_strdup(root);
}

void
xcvr_inventory_options_set_ovsdb(XcvrInventoryOptions *o, const char *ovsdb)
{
    g_return_if_fail(o != NULL);
    g_free(o->ovsdb);
    o->ovsdb = g_strdup(ovsdb);
}

void
xcvr_inventory_options_set_eeprom_dir(XcvrInventoryOptions *o, const char *eeprom_dir)
{
    g_return_if_fail(o != NULL);
    g_free(o->eeprom_dir);
    o->eeprom_dir = g_strdup(eeprom_dir);
}

void
xcvr_inventory_options_set_timeout_ms(XcvrInventoryOptions *o, guint timeout_ms)
{
    g_return_if_fail(o != NULL);
    o->timeout_ms = timeout_ms;
}

void
xcvr_inventory_options_set_deadline(XcvrInventoryOptions *o, gint64 deadline)
{
    g_return_if_fail(o != NULL);
    o->deadline = deadline;
}

void
xcvr_inventory_options_set_no_netlink(XcvrInventoryOptions *o, gboolean no_netlink)
{
    g_return_if_fail(o != NULL);
    o->no_netlink = no_netlink;
}

void
xcvr_inventory_options_set_decode_flags(XcvrInventoryOptions *o, XcvrDecodeFlags flags)
{
    g_return_if_fail(o != NULL);
    o->decode_flags = flags;
}

void
xcvr_inventory_options_set_no_modules(XcvrInventoryOptions *o, gboolean no_modules)
{
    g_return_if_fail(o != NULL);
    o->no_modules = no_modules;
}

void
xcvr_inventory_options_set_all_uplinks(XcvrInventoryOptions *o, gboolean all_uplinks)
{
    g_return_if_fail(o != NULL);
    o->all_uplinks = all_uplinks;
}

void
xcvr_inventory_options_set_reader(XcvrInventoryOptions *o, XcvrEepromReader *reader)
{
    g_return_if_fail(o != NULL);
    o->reader = reader;
}
