/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xcvr-ovs-private.h: the parts of the Open_vSwitch database the walker follows, and the
 * ovsdb JSON-RPC exchange that fills them. Column meanings: ovs-vswitchd.conf.db(5).
 * Not installed.
 */
#pragma once

#include <glib.h>

#include <xcvrmap/xcvr-ovs.h>

#include "core/xcvr-enum.h"
#include "core/xcvr-json-private.h"

typedef struct _XcvrOvsBridge XcvrOvsBridge;
typedef struct _XcvrOvsPort XcvrOvsPort;

/* Interface.type, sorted into what the walker does with it. */
typedef enum {
    XCVR_OVS_IF_SYSTEM,    /* "" or "system": a kernel netdev of the same name */
    XCVR_OVS_IF_INTERNAL,  /* "internal": the bridge's own (or a fake bridge's) port */
    XCVR_OVS_IF_TAP,       /* "tap": a tap ovs-vswitchd opened itself */
    XCVR_OVS_IF_PATCH,     /* "patch": options:peer names the other end */
    XCVR_OVS_IF_DPDK,      /* "dpdk": a NIC owned by DPDK; options:dpdk-devargs */
    XCVR_OVS_IF_VHOSTUSER, /* "dpdkvhostuser" (OVS is the socket server) and
                            * "dpdkvhostuserclient" (options:vhost-server-path) */
    XCVR_OVS_IF_TUNNEL,    /* vxlan, geneve, gre, stt, lisp, erspan, ip6*, gtpu, bareudp, srv6 */
    XCVR_OVS_IF_OTHER,     /* anything else (afxdp, …) */

    _XCVR_OVS_IF_LAST
} XcvrOvsIfKind;

typedef struct {
    char *name;
    char *type;               /* as ovsdb has it ("" for system) */
    XcvrOvsIfKind kind;
    char *mac_in_use;         /* nullable, lower case */
    char *link_state;         /* "up", "down", or NULL */
    char *peer;               /* PATCH: options:peer, or NULL */
    char *dpdk_devargs;       /* DPDK: options:dpdk-devargs ("0000:41:00.0", …), or NULL */
    char *vhost_server_path;  /* VHOSTUSER client mode: options:vhost-server-path, or NULL */
    char *remote_ip;          /* TUNNEL: options:remote_ip, or NULL */
    GHashTable *external_ids; /* char* → char*, never NULL */
    XcvrOvsPort *port;        /* borrowed: the port holding it, or NULL when none does */
} XcvrOvsIface;

struct _XcvrOvsPort {
    char *name;
    GPtrArray *ifaces;        /* XcvrOvsIface* (borrowed from XcvrOvs) in name order; >1: a bond */
    char *bond_mode;          /* "active-backup", "balance-slb", "balance-tcp", or NULL */
    char *bond_active_mac;    /* bond_active_slave / bond_active_member (a MAC), or NULL */
    char *lacp;               /* "active", "passive", "off", or NULL */
    int tag;                  /* access VLAN, or -1 */
    GArray *trunks;           /* guint VLAN ids; empty: all */
    gboolean fake_bridge;
    XcvrOvsBridge *bridge;    /* borrowed, or NULL when no bridge holds the port */
};

struct _XcvrOvsBridge {
    char *name;
    char *datapath_type;      /* "system" (also for ""), "netdev" (userspace / DPDK) */
    GPtrArray *ports;         /* XcvrOvsPort* (borrowed from XcvrOvs) in name order */
};

struct _XcvrOvs {
    GPtrArray *bridges;       /* XcvrOvsBridge* (owned), name order */
    GPtrArray *ports;         /* XcvrOvsPort* (owned) */
    GPtrArray *ifaces;        /* XcvrOvsIface* (owned) */
    GHashTable *iface_by_name;  /* name → XcvrOvsIface* (borrowed) */
    GHashTable *bridge_by_name; /* name → XcvrOvsBridge* (borrowed) */
};

const XcvrOvsIface *xcvr_ovs_iface(const XcvrOvs *ovs, const char *name);
const XcvrOvsBridge *xcvr_ovs_bridge(const XcvrOvs *ovs, const char *name);

/* Builds the model from the three tables' rows, each a JSON array of row objects keyed by
 * column name with values in RFC 7047 notation (["uuid", …], ["set", …], ["map", …]),
 * every row holding "_uuid". The model copies what it keeps, so the rows may go once this
 * returns. Shared by the socket and the dump-file readers. */
XcvrOvs *xcvr_ovs_new_from_rows(const json_t *bridges, const json_t *ports,
                                const json_t *ifaces, GError **error);

/* Caps what one reader accepts (a dump file or a socket reply), so a broken peer or file
 * cannot exhaust memory; real databases are a few MiB at most. */
#define XCVR_OVS_MAX_BYTES (64u * 1024u * 1024u)

/* ovsdb speaks JSON texts back to back with no framing (RFC 7047 §4), and a dump is the
 * same: one table object after another. This finds where each complete object or array
 * ends, keeping its state between calls so a socket reader can feed it bytes as they
 * arrive. Nesting is capped (ovsdb values nest less than ten deep) to keep the recursive
 * JSON parser's stack bounded; the cap is the parser's own, so that a text deeper than it
 * is refused here, with its offset in the stream, rather than after it is whole. */
#define XCVR_JSON_SPLIT_MAX_DEPTH XCVR_JSON_MAX_DEPTH

typedef struct {
    gsize pos;          /* next byte to look at */
    gsize start;        /* where the value being scanned begins */
    guint depth;        /* 0: between values */
    gboolean in_string;
    gboolean escaped;
} XcvrJsonSplit;

/* Scans @buf[0..@len) from where the previous call stopped. Returns 1 with the value at
 * @buf[*ret_start..*ret_end) when one is complete, 0 when more bytes are needed, -1 with
 * @error (XCVR_ERROR_INVALID_DATA) when the bytes cannot be JSON texts. A caller dropping
 * the first N bytes of its buffer calls xcvr_json_split_shift(split, N). */
int xcvr_json_split_next(XcvrJsonSplit *split, const char *buf, gsize len, gsize *ret_start,
                         gsize *ret_end, GError **error);
void xcvr_json_split_shift(XcvrJsonSplit *split, gsize n);

/* Parses one JSON text found by the splitter (UTF-8 checked first) into a new tree. */
json_t *xcvr_ovs_parse_json(const char *data, gsize len, GError **error);

/* Which Interface.type strings land in which XcvrOvsIfKind; "" and NULL are system. */
XcvrOvsIfKind xcvr_ovs_if_kind_from_type(const char *type);
/* "system", "internal", "tap", "patch", "dpdk", "vhostuser", "tunnel", "other". */
XCVR_ENUM_DECL(ovs_if_kind, XcvrOvsIfKind);
