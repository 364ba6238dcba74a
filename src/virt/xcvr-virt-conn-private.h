/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-virt-conn-private.h: the libvirt half's pieces that work on a connection the
 * caller keeps (the watch keeps one for its events). Not installed.
 */
#pragma once

#include <glib.h>
#include <libvirt/libvirt.h>

/* xcvr_virt_list_vnics() on @conn, which the caller keeps open; with @missing_ok, a name
 * in @domains that names no domain (one undefined since) lists nothing instead of
 * failing. */
GPtrArray *xcvr_virt_list_vnics_conn(virConnect *conn, const char *const *domains,
                                     gboolean missing_ok, GError **error);

/* The XCVR_ERROR_LIBVIRT error of a failed open of @uri (NULL: the default URI), with
 * libvirt's reason and what to do about it. */
void xcvr_virt_set_connect_error(const char *uri, GError **error);
