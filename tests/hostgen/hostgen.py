#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""hostgen.py: make a whole fake KVM host from a compact JSON spec.

    hostgen.py SPEC.json OUTDIR            build the host the spec describes
    hostgen.py --large N OUTDIR            a generated host: N domains x 4 vNICs
    hostgen.py --dump-large-spec N         print the spec --large N builds

OUTDIR receives (no absolute path of OUTDIR is written anywhere, so it can be moved/packed):

    sys/, proc/        sysfs and procfs as the topology walker reads them
                       (src/topo/xcvr-topo-sysfs.c), laid out the way the kernel does
    libvirt.xml        a libvirt test-driver host: virsh -c test:///ABS/OUTDIR/libvirt.xml
    ovsdb.json         `ovsdb-client dump --format=json` of Open_vSwitch, made by a real
                       ovsdb-server + ovs-vsctl, UUIDs renumbered deterministically
                       (only when the spec has an "ovs" part)
    eeprom/IFNAME.bin  module EEPROMs copied from the shared corpus (+ IFNAME.segments);
                       an empty cage is 256 bytes of 0xFF, as it reads
    host.json          the expected answer, per vNIC: status and uplinks

Spec (JSON object; every key optional unless marked *; see tests/hostgen/README.md):

  "hostname": "kvm-demo-01",
  "vhost_vdpa_layout": "class" | "flat",       vdpaN/vhost-vdpa/vhost-vdpa-N (Linux >= 5.17,
                                               the default) or vdpaN/vhost-vdpa-N (older)
  "ports": [                                   physical PCI functions (PFs)
    {"name": "enp65s0f0",                      netdev; omit (or "vfio": true) for a
     "pci"*: "0000:41:00.0",                   function bound to vfio-pci (DPDK)
     "mac": "..", "speed": 25000,              Mb/s
     "operstate": "up" | "down",
     "module": "sff8472/x.bin" | null,         corpus image; null/absent: empty cage
     "driver": "ice", "vendor": "0x8086", "device": "0x159b",
     "vfio": false,
     "vfs": [ {"netdev": "enp65s0f0v0"} | {"vfio": true} | {"vdpa": "vdpa0"}, ... ]}
                                               each VF may give "pci" and "mac"
  ],
  "bonds":    [{"name"*, "mode": "active-backup", "members"*: [..], "active": "..",
                "aggregators": {"member": 1, ..},   802.3ad: each member's aggregator id
                "active_aggregator": 1,             802.3ad: the bond's active aggregator
                "sysfs_ad": true}],                 false: aggregator ids in /proc only
  "vlans":    [{"name"*, "dev"*, "id"*}],
  "bridges":  [{"name"*, "ports": [..]}],      Linux bridges and their non-VM ports
  "macvlans": [{"name"*, "lower"*, "mode": "bridge", "macvtap": false}],
  "vxlans":   [{"name"*, "id"*, "underlay": "bond0.100"}],
  "veths":    [{"name"*, "peer"*, "bridge": "br0", "peer_bridge": null}],
  "ovs": {"kernel_adjacency": false,           also upper_/lower_ links to ovs-system
          "bridges": [{"name"*, "datapath": "system" | "netdev", "ports": [
     {"name"*, "type": "system"|"internal"|"bond"|"patch"|"dpdk"|"vxlan"|"vhostuser",
      "members": [..], "bond_mode": "active-backup", "active": "..", "lacp": "off",
      "peer": "..", "pci": "0000:81:00.0", "remote_ip": "..", "key": 42,
      "socket": "/run/openvswitch/x", "mode": "client"|"server",
      "tag": 10, "trunks": [..]}]}]},
  "networks": [                                libvirt networks
    {"name"*, "forward"*: "nat"|"none"|"route"|"open"|"bridge"|
                          "vepa"|"private"|"passthrough"|"hostdev",
     "bridge": "virbr0",                       own bridge (nat/none/route/open), or the
                                               host bridge (Linux or OVS) for "bridge"
     "ip": "192.168.122.1/24",
     "devs": [..],                             macvtap pools ("bridge" with devs too)
     "pci": [..] | "pf": "enp65s0f0",          hostdev pool; "pf" is also a macvtap pool of
                                               that PF's VFs (a running domain on it names
                                               its VF netdev in "pool_dev")
     "portgroups": [{"name", "vlan", "default"}]}
  ],
  "domains": [
    {"name"*, "state": "running"|"paused"|"shutoff", "uuid": "..",
     "interfaces": [
       {"type": "bridge",    "source"*: "br0"|"ovsbr0", "vlan": 200}
       {"type": "network",   "source"*: "default", "portgroup": "..", "pool_dev": ".."}
       {"type": "direct",    "source"*: "enp129s0f1", "mode": "vepa"}
       {"type": "hostdev",   "pci"*: "0000:41:02.1"}
       {"type": "vdpa",      "dev"*: "/dev/vhost-vdpa-0"}
       {"type": "ethernet",  "bridge": null}    a tap the host scripts (optionally bridged)
       {"type": "vhostuser", "bridge"*: "br-dpdk", "port"*: "vhu-nfv1",
                             "mode": "client" (OVS dpdkvhostuserclient) | "server"}
       {"type": "user"}
     ]}                                         each interface: "mac", "model", "target"
  ]

Running (and paused) domains get their target devices: a tap on the right Linux bridge or
Open vSwitch bridge, a macvtap on the right lower device. Their OVS ports carry
external_ids (attached-mac, iface-id, iface-status, vm-id) as libvirt sets them. The
libvirt test driver renames targets starting with "vnet"/"macvtap", so those are refused.
"""

import argparse
import base64
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "eeprom-corpus"))
OVS_SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema"
UUID_NS = uuid.UUID("6f0c3a52-5d1e-4f57-9a52-8a3b7c1d2e90")
RUNSTATE = {"running": 1, "paused": 3, "shutoff": 5}
MACVTAP_MODES = ("vepa", "private", "passthrough", "bridge")
ROUTED_FORWARDS = ("nat", "none", "route", "open")
IFNAMSIZ = 16


class SpecError(Exception):
    pass


class ToolMissing(Exception):
    pass


def die(msg):
    raise SpecError(msg)


def det_uuid(*parts):
    return str(uuid.uuid5(UUID_NS, "/".join(str(p) for p in parts)))


def det_mac(prefix, *parts):
    h = hashlib.sha1("/".join(str(p) for p in parts).encode()).digest()
    n = 6 - len(prefix)
    return ":".join(["%02x" % b for b in prefix] + ["%02x" % b for b in h[:n]])


def check_ifname(name):
    if not isinstance(name, str) or not name or len(name) >= IFNAMSIZ or "/" in name \
            or ":" in name or any(c.isspace() for c in name) or name in (".", ".."):
        die("'%s' is not a valid netdev name (1-15 chars, no '/', ':' or space)" % (name,))
    return name


def parse_pci(addr):
    try:
        dom, bus, rest = addr.split(":")
        slot, fn = rest.split(".")
        v = (int(dom, 16), int(bus, 16), int(slot, 16), int(fn, 10))
    except (ValueError, AttributeError):
        die("'%s' is not a PCI address (DDDD:BB:DD.F)" % (addr,))
    if len(dom) != 4 or len(bus) != 2 or len(slot) != 2 or not 0 <= v[3] <= 7:
        die("'%s' is not a PCI address (DDDD:BB:DD.F)" % (addr,))
    # PCI has 32 devices per bus; libvirt refuses slot='0x20' and above
    if v[2] > 0x1f:
        die("'%s': PCI slot 0x%02x is out of range (0x00-0x1f)" % (addr, v[2]))
    return v


def default_vf_pci(pf_pci, i):
    """VF I of PF PF_PCI when the spec gives no address: on the PF's bus, function 0's VFs
    from slot 0x02 and function 1's from slot 0x12, eight to a slot (up to 128 and 112 VFs).
    More VFs need explicit addresses (on further buses, as --large gives them)."""
    dom, bus, _, func = parse_pci(pf_pci)
    slot = 0x02 + 0x10 * func + i // 8
    if func > 1 or slot > (0x11 if func == 0 else 0x1f):
        die("PF %s: no room on bus %02x for VF %d: give the VFs \"pci\" addresses"
            % (pf_pci, bus, i))
    return "%04x:%02x:%02x.%d" % (dom, bus, slot, i % 8)


# ---------------------------------------------------------------- the file tree

class Tree:
    """Files, directories and relative symlinks under OUTDIR, written at the end."""

    def __init__(self):
        self.dirs = set()
        self.files = {}
        self.links = {}

    def mkdir(self, rel):
        rel = rel.strip("/")
        while rel and rel not in self.dirs:
            if rel in self.files or rel in self.links:
                die("internal: %s is not a directory" % rel)
            self.dirs.add(rel)
            rel = os.path.dirname(rel)

    def file(self, rel, data):
        if isinstance(data, str):
            data = data.encode()
        if rel in self.dirs or rel in self.links:
            die("internal: %s exists" % rel)
        self.mkdir(os.path.dirname(rel))
        self.files[rel] = data

    def link(self, rel, target_rel):
        """A symlink at REL pointing (relatively) at TARGET_REL, both relative to OUTDIR."""
        if rel in self.dirs or rel in self.files or rel in self.links:
            die("internal: %s exists" % rel)
        self.mkdir(os.path.dirname(rel))
        self.links[rel] = os.path.relpath(target_rel, os.path.dirname(rel))

    def write(self, out):
        for d in sorted(self.dirs):
            os.makedirs(os.path.join(out, d), exist_ok=True)
        for rel, data in sorted(self.files.items()):
            with open(os.path.join(out, rel), "wb") as f:
                f.write(data)
        for rel, target in sorted(self.links.items()):
            os.symlink(target, os.path.join(out, rel))


# ---------------------------------------------------------------- the host model

class Netdev:
    def __init__(self, name, kind, devdir, ifindex, mac):
        self.name = name
        self.kind = kind        # lo phys vf bond vlan bridge macvlan macvtap tap veth vxlan
        # internal ovs-system
        self.devdir = devdir    # relative to OUTDIR ("sys/devices/.../net/NAME")
        self.ifindex = ifindex
        self.iflink = None      # netdev name, resolved at the end
        self.mac = mac
        self.operstate = "up"
        self.speed = None       # None: no speed file (the kernel answers EINVAL)
        self.type = 1
        self.mtu = 1500
        self.devtype = None
        self.master = None
        self.lowers = []        # names, kernel adjacency (lower_*)
        self.uplinks_of = []    # names the expected-uplink model follows
        self.pci = None
        self.bond = None        # spec dict for bonds
        self.vid = None


class Host:
    def __init__(self, spec, corpus, ovs_adjacency=None):
        self.spec = spec
        self.corpus = corpus
        self.t = Tree()
        self.nd = {}            # name -> Netdev
        self.order = []
        self.next_ifindex = 1
        self.pci_fns = {}       # pci -> dict(dir=, netdevs=[], pf=, vfs=[], driver=)
        self.vdpa = {}          # "/dev/vhost-vdpa-N" -> pci of its function
        self.ovs_bridges = {}   # name -> spec dict
        self.ovs_ports = {}     # port name -> (bridge name, spec dict)
        self.ovs_vm_ports = []  # (bridge, port spec) added for running domains
        self.networks = {}
        self.eeprom = []        # host.json port entries
        self.vnics = []
        self.proc_vlan = []
        self.macvtap_minor = 0
        ovs = spec.get("ovs") or {}
        self.ovs_adjacency = bool(ovs.get("kernel_adjacency", False)) \
            if ovs_adjacency is None else ovs_adjacency

    # ---- netdevs ----

    def new_netdev(self, name, kind, parent, mac, **kw):
        check_ifname(name)
        if name in self.nd:
            die("netdev %s defined twice" % name)
        devdir = "sys/%s/%s" % (parent, name)
        nd = Netdev(name, kind, devdir, self.next_ifindex, mac)
        self.next_ifindex += 1
        for k, v in kw.items():
            setattr(nd, k, v)
        self.nd[name] = nd
        self.order.append(name)
        self.t.mkdir(devdir)
        self.t.link("sys/class/net/" + name, devdir)
        return nd

    def need(self, name, what):
        if name not in self.nd:
            die("%s names netdev '%s', which the spec does not define" % (what, name))
        return self.nd[name]

    def adj(self, upper, lower):
        """Kernel adjacency: lower_LOWER on the upper, upper_UPPER on the lower."""
        u, l = self.nd[upper], self.nd[lower]
        if lower not in u.lowers:
            u.lowers.append(lower)
            self.t.link("%s/lower_%s" % (u.devdir, lower), l.devdir)
            self.t.link("%s/upper_%s" % (l.devdir, upper), u.devdir)

    def enslave(self, port, master):
        p = self.nd[port]
        if p.master is not None:
            die("netdev %s has two masters (%s, %s)" % (port, p.master, master))
        p.master = master
        self.t.link("%s/master" % p.devdir, self.nd[master].devdir)
        self.adj(master, port)

    # ---- PCI ----

    def pci_parent(self, pci):
        dom, bus, _, _ = parse_pci(pci)
        root = bus & 0xf0
        base = "devices/pci%04x:%02x" % (dom, root)
        if bus == root:
            return base
        return "%s/%04x:%02x:01.1" % (base, dom, root)

    def pci_function(self, pci, driver, vendor, device):
        if pci in self.pci_fns:
            die("PCI function %s defined twice" % pci)
        d = "sys/%s/%s" % (self.pci_parent(pci), pci)
        self.t.file(d + "/vendor", vendor + "\n")
        self.t.file(d + "/device", device + "\n")
        self.t.file(d + "/class", "0x020000\n")
        self.t.file(d + "/numa_node", "%d\n" % (0 if parse_pci(pci)[1] < 0x80 else 1))
        self.t.file(d + "/uevent", "DRIVER=%s\nPCI_SLOT_NAME=%s\n" % (driver, pci))
        self.t.mkdir("sys/bus/pci/drivers/" + driver)
        self.t.link(d + "/driver", "sys/bus/pci/drivers/" + driver)
        self.t.link("sys/bus/pci/drivers/%s/%s" % (driver, pci), d)
        self.t.link("sys/bus/pci/devices/" + pci, d)
        fn = {"dir": d, "netdevs": [], "pf": None, "vfs": [], "driver": driver}
        self.pci_fns[pci] = fn
        return fn

    def pci_netdev(self, pci, name, kind, mac):
        fn = self.pci_fns[pci]
        nd = self.new_netdev(name, kind, fn["dir"][len("sys/"):] + "/net", mac, pci=pci)
        self.t.link(nd.devdir + "/device", fn["dir"])
        fn["netdevs"].append(name)
        return nd

    # ---- building ----

    def build(self):
        s = self.spec
        lo = self.new_netdev("lo", "lo", "devices/virtual/net", "00:00:00:00:00:00")
        lo.type, lo.mtu, lo.operstate = 772, 65536, "unknown"
        for p in s.get("ports", []):
            self.build_port(p)
        ovs = s.get("ovs") or {}
        for b in ovs.get("bridges", []):
            if b.get("name") in self.ovs_bridges:
                die("OVS bridge %s defined twice" % b.get("name"))
            self.ovs_bridges[b["name"]] = b
            for port in b.get("ports", []):
                if port["name"] in self.ovs_ports:
                    die("OVS port %s defined twice" % port["name"])
                self.ovs_ports[port["name"]] = (b["name"], port)
        if any(b.get("datapath", "system") == "system" for b in self.ovs_bridges.values()):
            o = self.new_netdev("ovs-system", "ovs-system", "devices/virtual/net",
                                det_mac([0x02], "ovs-system"))
            o.operstate = "down"
        for b in s.get("bonds", []):
            self.build_bond(b)
        for v in s.get("vlans", []):
            self.build_vlan(v)
        for b in s.get("bridges", []):
            self.new_bridge(b["name"])
        for m in s.get("macvlans", []):
            self.build_macvlan(m)
        for v in s.get("vxlans", []):
            self.build_vxlan(v)
        for v in s.get("veths", []):
            self.build_veth(v)
        for b in s.get("bridges", []):
            for port in b.get("ports", []):
                self.need(port, "bridge %s" % b["name"])
                self.bridge_port(b["name"], port)
        for v in s.get("veths", []):
            if v.get("bridge"):
                self.bridge_port(v["bridge"], v["name"])
            if v.get("peer_bridge"):
                self.bridge_port(v["peer_bridge"], v["peer"])
        self.build_ovs_kernel()
        for n in s.get("networks", []):
            self.build_network(n)
        for d in s.get("domains", []):
            self.build_domain(d)
        self.finish_netdevs()
        self.write_proc()

    def build_port(self, p):
        pci = p.get("pci") or die("a port without \"pci\": %r" % (p,))
        vfio = p.get("vfio", False) or not p.get("name")
        driver = "vfio-pci" if vfio else p.get("driver", "ice")
        fn = self.pci_function(pci, driver, p.get("vendor", "0x8086"), p.get("device", "0x159b"))
        name = p.get("name")
        up = p.get("operstate", "up") == "up"
        entry = {"name": name if not vfio else None, "pci": pci, "driver": driver}
        if not vfio:
            mac = p.get("mac") or det_mac([0x3c, 0xfd, 0xfe], "port", pci)
            nd = self.pci_netdev(pci, name, "phys", mac)
            nd.operstate = "up" if up else "down"
            nd.speed = p.get("speed", 10000) if up else -1
            self.t.file(nd.devdir + "/phys_port_name", "p%d\n" % parse_pci(pci)[3])
            entry.update({"mac": mac, "operstate": nd.operstate, "carrier": 1 if up else 0,
                          "speed": nd.speed})
            entry.update(self.copy_module(name, p.get("module")))
        else:
            if p.get("module"):
                die("port %s is bound to vfio: its module cannot be read" % pci)
            entry.update({"module": None, "cage": "unreadable (no netdev)"})
        self.eeprom.append(entry)
        vfs = p.get("vfs", [])
        if vfs:
            self.t.file(fn["dir"] + "/sriov_totalvfs", "%d\n" % max(64, len(vfs)))
            self.t.file(fn["dir"] + "/sriov_numvfs", "%d\n" % len(vfs))
        for i, vf in enumerate(vfs):
            vpci = vf.get("pci") or default_vf_pci(pci, i)
            if vf.get("vfio"):
                vdrv = "vfio-pci"
            else:
                vdrv = vf.get("driver", "iavf" if driver == "ice" else driver)
            vfn = self.pci_function(vpci, vdrv, p.get("vendor", "0x8086"),
                                    vf.get("device", "0x1889"))
            vfn["pf"] = pci
            fn["vfs"].append(vpci)
            self.t.link("%s/virtfn%d" % (fn["dir"], i), vfn["dir"])
            self.t.link(vfn["dir"] + "/physfn", fn["dir"])
            if vf.get("netdev"):
                mac = vf.get("mac") or det_mac([0x02], "vf", vpci)
                nd = self.pci_netdev(vpci, vf["netdev"], "vf", mac)
                nd.operstate = "up" if up else "down"
                nd.speed = p.get("speed", 10000) if up else -1
            if vf.get("vdpa"):
                self.build_vdpa(vf["vdpa"], vpci, vfn)

    def build_vdpa(self, name, pci, fn):
        if not name.startswith("vdpa") or not name[4:].isdigit():
            die("vdpa device name '%s' is not vdpaN" % name)
        n = int(name[4:])
        chardev = "/dev/vhost-vdpa-%d" % n
        if chardev in self.vdpa:
            die("vdpa device %s defined twice" % name)
        # drivers/vdpa/vdpa.c: the device on the vdpa bus, child of its parent device;
        # drivers/vhost/vdpa.c: "vhost-vdpa-N" under it. Since Linux 5.17 ("vdpa: regist
        # vhost-vdpa dev class") it is a class device, so it sits in the class's glue
        # directory (vdpa0/vhost-vdpa/vhost-vdpa-0, as net/ holds a NIC's netdevs) and in
        # /sys/class/vhost-vdpa; before, directly in vdpa0/ ("vhost_vdpa_layout": "flat").
        d = fn["dir"] + "/" + name
        self.t.file(d + "/uevent", "DRIVER=vhost_vdpa\n")
        self.t.mkdir("sys/bus/vdpa/drivers/vhost_vdpa")
        self.t.link(d + "/driver", "sys/bus/vdpa/drivers/vhost_vdpa")
        self.t.link(d + "/subsystem", "sys/bus/vdpa")
        self.t.link("sys/bus/vdpa/devices/" + name, d)
        layout = self.spec.get("vhost_vdpa_layout", "class")
        if layout not in ("class", "flat"):
            die("vhost_vdpa_layout %s (class or flat)" % layout)
        if layout == "class":
            c = "%s/vhost-vdpa/vhost-vdpa-%d" % (d, n)
            self.t.file(c + "/dev", "506:%d\n" % n)
            self.t.file(c + "/uevent", "MAJOR=506\nMINOR=%d\nDEVNAME=vhost-vdpa-%d\n" % (n, n))
            self.t.link("sys/class/vhost-vdpa/vhost-vdpa-%d" % n, c)
        else:
            c = "%s/vhost-vdpa-%d" % (d, n)
            self.t.file(c + "/dev", "506:%d\n" % n)
            self.t.file(c + "/uevent", "")
        self.vdpa[chardev] = pci

    def copy_module(self, name, image):
        if not image:
            # an empty cage reads as 0xFF everywhere; a missing dump is "not recorded"
            self.t.file("eeprom/%s.bin" % name, b"\xff" * 256)
            return {"module": None, "cage": "empty"}
        src = os.path.join(self.corpus, image)
        if not os.path.isfile(src):
            die("module image %s not found in the corpus %s" % (image, self.corpus))
        with open(src, "rb") as f:
            data = f.read()
        info = corpus_index(self.corpus).get(image, {})
        self.t.file("eeprom/%s.bin" % name, data)
        family = image.split("/")[0]
        seg = info.get("segments")
        if family in ("sff8636", "cmis") and seg:
            # the reader's default layout for those families is ethtool's; say exactly
            # which page each part is (src/eeprom/xcvr-eeprom-file.c: NAME.segments)
            self.t.file("eeprom/%s.segments" % name, seg + "\n")
        return {"module": {"image": image, "file": "eeprom/%s.bin" % name,
                           "kind": info.get("kind"), "checksums": info.get("checksums"),
                           "checksum_ok": "BAD" not in (info.get("checksums") or "")},
                "cage": "module"}

    def build_bond(self, b):
        name = b["name"]
        members = b.get("members") or die("bond %s has no members" % name)
        mode = b.get("mode", "active-backup")
        modes = {"balance-rr": 0, "active-backup": 1, "balance-xor": 2, "broadcast": 3,
                 "802.3ad": 4, "balance-tlb": 5, "balance-alb": 6}
        if mode not in modes:
            die("bond %s: unknown mode %s" % (name, mode))
        first = self.need(members[0], "bond " + name)
        nd = self.new_netdev(name, "bond", "devices/virtual/net", first.mac, devtype="bond",
                             bond=b)
        active = b.get("active") if mode == "active-backup" else None
        if mode == "active-backup" and active is None:
            active = next((m for m in members if self.nd[m].operstate == "up"), None)
        b["_active"] = active
        ups = [m for m in members if self.need(m, "bond " + name).operstate == "up"]
        nd.operstate = "up" if ups else "down"
        if mode == "active-backup":
            nd.speed = self.nd[active].speed if active in ups else -1
        else:
            nd.speed = sum(self.nd[m].speed for m in ups) if ups else -1
        d = nd.devdir + "/bonding"
        self.t.file(d + "/mode", "%s %d\n" % (mode, modes[mode]))
        self.t.file(d + "/slaves", " ".join(members) + "\n")
        self.t.file(d + "/active_slave", (active or "") + "\n")
        self.t.file(d + "/miimon", "100\n")
        # 802.3ad: bonding/ad_aggregator and bonding_slave/ad_aggregator_id (sysfs-class-net)
        aggs = b.get("aggregators", {}) if mode == "802.3ad" else {}
        active_agg = b.get("active_aggregator") if mode == "802.3ad" else None
        sysfs_ad = b.get("sysfs_ad", True)
        if active_agg is not None and sysfs_ad:
            self.t.file(d + "/ad_aggregator", "%d\n" % active_agg)
        for m in members:
            self.enslave(m, name)
            st = "active" if active in (None, m) else "backup"
            self.t.file(self.nd[m].devdir + "/bonding_slave/state", st + "\n")
            self.t.file(self.nd[m].devdir + "/bonding_slave/perm_hwaddr", self.nd[m].mac + "\n")
            self.t.file(self.nd[m].devdir + "/bonding_slave/mii_status",
                        ("up" if self.nd[m].operstate == "up" else "down") + "\n")
            if m in aggs and sysfs_ad:
                self.t.file(self.nd[m].devdir + "/bonding_slave/ad_aggregator_id",
                            "%d\n" % aggs[m])
        nd.uplinks_of = list(members)
        # drivers/net/bonding/bond_procfs.c
        mode_text = {"active-backup": "fault-tolerance (active-backup)",
                     "802.3ad": "IEEE 802.3ad Dynamic link aggregation",
                     "balance-rr": "load balancing (round-robin)",
                     "balance-xor": "load balancing (xor)",
                     "broadcast": "fault-tolerance (broadcast)",
                     "balance-tlb": "transmit load balancing",
                     "balance-alb": "adaptive load balancing"}[mode]
        lines = ["Ethernet Channel Bonding Driver: v6.1.0", "",
                 "Bonding Mode: " + mode_text]
        if mode == "active-backup":
            lines += ["Primary Slave: None",
                      "Currently Active Slave: %s" % (active or "None")]
        lines += ["MII Status: %s" % nd.operstate, "MII Polling Interval (ms): 100",
                  "Up Delay (ms): 0", "Down Delay (ms): 0", "Peer Notification Delay (ms): 0"]
        if mode == "802.3ad":
            lines += ["", "802.3ad info", "LACP active: on", "LACP rate: slow",
                      "Aggregator selection policy (ad_select): stable"]
            if active_agg is not None:
                lines += ["Active Aggregator Info:", "\tAggregator ID: %d" % active_agg,
                          "\tNumber of ports: %d" % sum(1 for v in aggs.values()
                                                        if v == active_agg),
                          "\tActor Key: 15", "\tPartner Key: 1",
                          "\tPartner Mac Address: 00:00:00:00:00:00"]
        for m in members:
            mn = self.nd[m]
            lines += ["", "Slave Interface: " + m,
                      "MII Status: " + ("up" if mn.operstate == "up" else "down"),
                      "Speed: %s" % ("%d Mbps" % mn.speed if mn.speed and mn.speed > 0
                                     else "Unknown"),
                      "Duplex: %s" % ("full" if mn.operstate == "up" else "unknown"),
                      "Link Failure Count: 0", "Permanent HW addr: " + mn.mac,
                      "Slave queue ID: 0"]
            if m in aggs:
                lines += ["Aggregator ID: %d" % aggs[m], "Actor Churn State: none"]
        self.t.file("proc/net/bonding/" + name, "\n".join(lines) + "\n")

    def build_vlan(self, v):
        name, real = v["name"], v["dev"]
        r = self.need(real, "vlan " + name)
        vid = int(v["id"])
        nd = self.new_netdev(name, "vlan", "devices/virtual/net", r.mac, devtype="vlan",
                             vid=vid)
        nd.iflink = real
        nd.operstate, nd.speed = r.operstate, r.speed
        nd.uplinks_of = [real]
        self.adj(name, real)
        self.proc_vlan.append((name, vid, real))

    def new_bridge(self, name):
        nd = self.new_netdev(name, "bridge", "devices/virtual/net", det_mac([0x02], "br", name),
                             devtype="bridge")
        self.t.file(nd.devdir + "/bridge/stp_state", "0\n")
        self.t.file(nd.devdir + "/bridge/forward_delay", "1500\n")
        self.t.file(nd.devdir + "/bridge/vlan_filtering", "0\n")
        self.t.mkdir(nd.devdir + "/brif")
        return nd

    def bridge_port(self, bridge, port, uplink=True):
        br = self.nd[bridge]
        if br.kind != "bridge":
            die("%s is not a Linux bridge" % bridge)
        p = self.nd[port]
        self.enslave(port, bridge)
        self.t.file(p.devdir + "/brport/state", "3\n")
        self.t.link("%s/brif/%s" % (br.devdir, port), p.devdir + "/brport")
        if uplink:
            br.uplinks_of.append(port)
        if any(self.nd[q].operstate == "up" for q in br.lowers):
            br.operstate = "up"

    def build_macvlan(self, m):
        lower = self.need(m["lower"], "macvlan " + m["name"])
        kind = "macvtap" if m.get("macvtap") else "macvlan"
        self.new_macv(m["name"], kind, m["lower"], m.get("mac") or det_mac([0x02], "mv", m["name"]),
                      m.get("mode", "bridge"))
        return lower

    def new_macv(self, name, kind, lower, mac, mode):
        lo = self.nd[lower]
        nd = self.new_netdev(name, kind, "devices/virtual/net", mac)
        nd.iflink = lower
        nd.operstate, nd.speed = lo.operstate, lo.speed
        nd.uplinks_of = [lower]
        self.adj(name, lower)
        if kind == "macvtap":
            # drivers/net/macvtap.c: class device "tapIFINDEX" in the "macvtap" glue dir
            c = "%s/macvtap/tap%d" % (nd.devdir, nd.ifindex)
            self.macvtap_minor += 1
            self.t.file(c + "/dev", "240:%d\n" % self.macvtap_minor)
            self.t.file(c + "/uevent", "MAJOR=240\nMINOR=%d\nDEVNAME=tap%d\n"
                        % (self.macvtap_minor, nd.ifindex))
            self.t.link("sys/class/macvtap/tap%d" % nd.ifindex, c)
        return nd

    def build_vxlan(self, v):
        nd = self.new_netdev(v["name"], "vxlan", "devices/virtual/net",
                             det_mac([0x02], "vx", v["name"]), devtype="vxlan")
        nd.speed = None
        if v.get("underlay"):
            self.need(v["underlay"], "vxlan " + v["name"])
            nd.iflink = v["underlay"]
            self.adj(v["name"], v["underlay"])

    def build_veth(self, v):
        a = self.new_netdev(v["name"], "veth", "devices/virtual/net",
                            det_mac([0x02], "veth", v["name"]))
        b = self.new_netdev(v["peer"], "veth", "devices/virtual/net",
                            det_mac([0x02], "veth", v["peer"]))
        a.iflink, b.iflink = v["peer"], v["name"]
        a.speed = b.speed = 10000
        a.uplinks_of, b.uplinks_of = ["@veth:" + v["peer"]], ["@veth:" + v["name"]]

    def new_tap(self, name, mac):
        nd = self.new_netdev(name, "tap", "devices/virtual/net", mac, devtype="tun")
        nd.speed = 10
        self.t.file(nd.devdir + "/tun_flags", "0x1002\n")
        self.t.file(nd.devdir + "/owner", "-1\n")
        self.t.file(nd.devdir + "/group", "-1\n")
        return nd

    # ---- Open vSwitch, kernel side ----

    def ovs_kernel_port(self, name):
        nd = self.nd[name]
        if nd.master is not None:
            die("netdev %s is both in %s and on Open vSwitch" % (name, nd.master))
        nd.master = "ovs-system"
        self.t.link(nd.devdir + "/master", self.nd["ovs-system"].devdir)
        if self.ovs_adjacency:
            self.adj("ovs-system", name)

    def build_ovs_kernel(self):
        for bname, b in self.ovs_bridges.items():
            dp = b.get("datapath", "system")
            if dp not in ("system", "netdev"):
                die("OVS bridge %s: datapath %s" % (bname, dp))
            if dp == "system":
                br = self.new_netdev(bname, "internal", "devices/virtual/net",
                                     det_mac([0x02], "ovsbr", bname))
                br.operstate = "unknown"
            for port in b.get("ports", []):
                ptype = port.get("type", "system")
                pname = port["name"]
                if ptype == "system":
                    self.need(pname, "OVS port")
                    if dp == "system":
                        self.ovs_kernel_port(pname)
                elif ptype == "bond":
                    if len(port.get("members", [])) < 2:
                        die("OVS bond %s needs two members" % pname)
                    for m in port["members"]:
                        self.need(m, "OVS bond " + pname)
                        if dp == "system":
                            self.ovs_kernel_port(m)
                elif ptype == "internal":
                    if dp == "system":
                        nd = self.new_netdev(pname, "internal", "devices/virtual/net",
                                             det_mac([0x02], "ovsint", pname))
                        nd.operstate = "unknown"
                elif ptype == "vxlan":
                    if dp == "system" and "vxlan_sys_4789" not in self.nd:
                        nd = self.new_netdev("vxlan_sys_4789", "vxlan", "devices/virtual/net",
                                             det_mac([0x02], "vxsys"), devtype="vxlan")
                        nd.mtu = 65000
                        self.ovs_kernel_port("vxlan_sys_4789")
                elif ptype == "dpdk":
                    pci = port.get("pci") or die("OVS dpdk port %s has no pci" % pname)
                    if pci not in self.pci_fns:
                        die("OVS dpdk port %s: no PCI function %s" % (pname, pci))
                    if dp != "netdev":
                        die("OVS dpdk port %s needs datapath netdev" % pname)
                elif ptype == "patch":
                    if port.get("peer") not in self.ovs_ports:
                        die("OVS patch %s: peer %s is no OVS port" % (pname, port.get("peer")))
                elif ptype == "vhostuser":
                    pass
                else:
                    die("OVS port %s: unknown type %s" % (pname, ptype))

    # ---- libvirt ----

    def build_network(self, n):
        name = n["name"]
        if name in self.networks:
            die("network %s defined twice" % name)
        fwd = n.get("forward", "nat")
        self.networks[name] = n
        if fwd in ROUTED_FORWARDS:
            br = n.get("bridge") or die("network %s needs a bridge name" % name)
            self.new_bridge(br)
        elif fwd == "bridge" and n.get("bridge"):
            if n["bridge"] not in self.ovs_bridges:
                self.need(n["bridge"], "network " + name)
        elif fwd in MACVTAP_MODES:
            if n.get("pf"):
                self.need(n["pf"], "network " + name)
            elif not n.get("devs"):
                die("network %s has no devs (nor pf)" % name)
            for dev in n.get("devs", []):
                self.need(dev, "network " + name)
        elif fwd == "hostdev":
            if n.get("pf"):
                self.need(n["pf"], "network " + name)
            for pci in n.get("pci", []):
                if pci not in self.pci_fns:
                    die("network %s: no PCI function %s" % (name, pci))
        else:
            die("network %s: forward mode %s" % (name, fwd))

    def build_domain(self, d):
        name = d["name"]
        state = d.get("state", "running")
        if state not in RUNSTATE:
            die("domain %s: state %s" % (name, state))
        d["_uuid"] = d.get("uuid") or det_uuid("domain", name)
        live = state != "shutoff"
        for i, itf in enumerate(d.get("interfaces", [])):
            itf["_mac"] = (itf.get("mac") or det_mac([0x52, 0x54, 0x00], name, i)).lower()
            itf["_ifaceid"] = det_uuid("iface", name, i)
            t = itf.get("type")
            target = itf.get("target")
            if target and (target.startswith("vnet") or target.startswith("macvtap")):
                die("domain %s: target %s: the test driver renames vnet*/macvtap*" % (name, target))
            needs_target = t in ("bridge", "direct", "ethernet") or (
                t == "network" and self.network_kind(itf) in ("tap", "macvtap"))
            if needs_target and not target:
                prefix = "mvt-" if self.iface_is_macvtap(itf) else ""
                target = (prefix + name)[:15 - len("-n%d" % i)] + "-n%d" % i
            if t == "vhostuser":
                target = itf.get("port")
            itf["_target"] = target if live or t == "vhostuser" else None
            self.build_iface(d, itf, live)

    def network_of(self, itf):
        n = self.networks.get(itf.get("source"))
        return n

    def network_kind(self, itf):
        n = self.network_of(itf)
        if n is None:
            return "missing"
        fwd = n.get("forward", "nat")
        if fwd in ROUTED_FORWARDS or (fwd == "bridge" and n.get("bridge")):
            return "tap"
        if fwd in MACVTAP_MODES:
            return "macvtap"
        return "hostdev"

    def iface_is_macvtap(self, itf):
        return itf.get("type") == "direct" or (
            itf.get("type") == "network" and self.network_kind(itf) == "macvtap")

    def tap_on(self, d, itf, bridge):
        """A running domain's tap on a Linux or an OVS bridge."""
        nd = self.new_tap(itf["_target"], "fe" + itf["_mac"][2:])
        if bridge in self.ovs_bridges:
            self.ovs_kernel_port(itf["_target"])
            port = {"name": itf["_target"], "type": "vm",
                    "external_ids": {"attached-mac": itf["_mac"], "iface-id": itf["_ifaceid"],
                                     "iface-status": "active", "vm-id": d["_uuid"]}}
            tag = itf.get("vlan")
            n = self.network_of(itf) if itf.get("type") == "network" else None
            if tag is None and n is not None:
                for pg in n.get("portgroups", []):
                    if pg["name"] == itf.get("portgroup") or (
                            itf.get("portgroup") is None and pg.get("default")):
                        tag = pg.get("vlan")
            if tag is not None:
                port["tag"] = tag
            self.ovs_vm_ports.append((bridge, port))
        elif bridge is not None:
            self.need(bridge, "domain %s" % d["name"])
            self.bridge_port(bridge, itf["_target"], uplink=False)
        return nd

    def build_iface(self, d, itf, live):
        t = itf.get("type")
        what = "domain %s" % d["name"]
        if t == "bridge":
            src = itf.get("source") or die(what + ": bridge interface without source")
            if src not in self.ovs_bridges:
                self.need(src, what)
            if live:
                self.tap_on(d, itf, src)
        elif t == "network":
            n = self.network_of(itf)
            if n is None or not live:
                return
            kind = self.network_kind(itf)
            if kind == "tap":
                self.tap_on(d, itf, n["bridge"])
            elif kind == "macvtap":
                pool = n.get("devs", [])
                dev = itf.get("pool_dev") or (pool[0] if pool else None)
                if dev is None:
                    die(what + ": network %s is a PF's VFs: name one in pool_dev" % n["name"])
                if pool and dev not in pool:
                    die(what + ": pool_dev %s is not in network %s" % (dev, n["name"]))
                self.need(dev, what)
                itf["_pool_dev"] = dev
                self.new_macv(itf["_target"], "macvtap", dev, itf["_mac"], n["forward"])
        elif t == "direct":
            src = itf.get("source") or die(what + ": direct interface without source")
            self.need(src, what)
            if live:
                self.new_macv(itf["_target"], "macvtap", src, itf["_mac"], itf.get("mode", "vepa"))
        elif t == "hostdev":
            if itf.get("pci") not in self.pci_fns:
                die(what + ": hostdev %s is no PCI function of the spec" % itf.get("pci"))
        elif t == "vdpa":
            if itf.get("dev") not in self.vdpa:
                die(what + ": vdpa %s is no vdpa device of the spec" % itf.get("dev"))
        elif t == "ethernet":
            if live:
                self.tap_on(d, itf, itf.get("bridge"))
        elif t == "vhostuser":
            br = itf.get("bridge")
            if br not in self.ovs_bridges:
                die(what + ": vhostuser bridge %s is no OVS bridge" % br)
            if self.ovs_bridges[br].get("datapath") != "netdev":
                die(what + ": vhostuser needs an OVS bridge with datapath netdev")
            mode = itf.get("mode", "client")
            sock = itf.get("socket") or "/run/openvswitch/" + itf["port"]
            itf["_socket"] = sock
            if itf["port"] in self.ovs_ports:
                die(what + ": OVS port %s exists" % itf["port"])
            port = {"name": itf["port"], "type": "vhostuser", "mode": mode, "socket": sock}
            self.ovs_ports[itf["port"]] = (br, port)
            self.ovs_vm_ports.append((br, port))
        elif t == "user":
            pass
        else:
            die(what + ": interface type %s" % t)

    # ---- final sysfs attributes ----

    def finish_netdevs(self):
        for name in self.order:
            nd = self.nd[name]
            d = nd.devdir
            iflink = self.nd[nd.iflink].ifindex if nd.iflink else nd.ifindex
            up = nd.operstate in ("up", "unknown")
            self.t.file(d + "/ifindex", "%d\n" % nd.ifindex)
            self.t.file(d + "/iflink", "%d\n" % iflink)
            self.t.file(d + "/type", "%d\n" % nd.type)
            self.t.file(d + "/address", nd.mac + "\n")
            self.t.file(d + "/addr_len", "6\n")
            self.t.file(d + "/mtu", "%d\n" % nd.mtu)
            self.t.file(d + "/operstate", nd.operstate + "\n")
            self.t.file(d + "/carrier", ("1" if up else "0") + "\n")
            self.t.file(d + "/flags", "0x%x\n" % (0x1003 if nd.kind != "ovs-system" else 0x1002))
            if nd.speed is not None and nd.kind not in ("bridge", "internal", "ovs-system", "lo"):
                self.t.file(d + "/speed", "%d\n" % nd.speed)
                self.t.file(d + "/duplex", ("full" if nd.speed > 0 else "unknown") + "\n")
            ue = "INTERFACE=%s\nIFINDEX=%d\n" % (name, nd.ifindex)
            if nd.devtype:
                ue = "DEVTYPE=%s\n" % nd.devtype + ue
            self.t.file(d + "/uevent", ue)

    def write_proc(self):
        if self.proc_vlan:
            # net/8021q/vlanproc.c
            text = "VLAN Dev name\t | VLAN ID\nName-Type: VLAN_NAME_TYPE_RAW_PLUS_VID_NO_PAD\n"
            for name, vid, real in self.proc_vlan:
                text += "%-15s| %u  | %s\n" % (name, vid, real)
                self.t.file("proc/net/vlan/" + name,
                            "%s  VID: %d\t REORDER_HDR: 1  dev->priv_flags: 1021\n" % (name, vid))
            self.t.file("proc/net/vlan/config", text)
        self.t.mkdir("proc/net")


# ---------------------------------------------------------------- corpus

_CORPUS_INDEX = {}


def corpus_index(corpus):
    if corpus not in _CORPUS_INDEX:
        rows = {}
        path = os.path.join(corpus, "index.tsv")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                head = f.readline().rstrip("\n").split("\t")
                for line in f:
                    cols = line.rstrip("\n").split("\t")
                    row = dict(zip(head, cols))
                    rows[row.get("file")] = row
        _CORPUS_INDEX[corpus] = rows
    return _CORPUS_INDEX[corpus]


# ---------------------------------------------------------------- expected answers

class Expect:
    """The expected uplinks, computed from the spec's model (not from the written tree)."""

    def __init__(self, host):
        self.h = host

    def netdev(self, name, active, seen):
        """[(name, netdev, pci, active)] reached from netdev NAME toward the wire."""
        if name in seen:
            return []
        seen = seen | {name}
        nd = self.h.nd[name]
        if nd.kind == "phys":
            return [(name, name, nd.pci, active)]
        if nd.kind == "vf":
            return self.pci(nd.pci, active, seen)
        if nd.kind == "bond":
            b = nd.bond
            out = []
            mode = b.get("mode", "active-backup")
            for m in b["members"]:
                a = active
                up = self.h.nd[m].operstate == "up"
                if active is False:
                    a = False
                elif mode == "active-backup":
                    a = m == b["_active"]
                elif mode == "802.3ad" and "active_aggregator" in b:
                    # bonding.rst "802.3ad": only the active aggregator's up members carry
                    a = up and b.get("aggregators", {}).get(m) == b["active_aggregator"]
                else:
                    a = up  # the balance modes and broadcast: every up member
                out += self.netdev(m, a, seen)
            return out
        if nd.master == "ovs-system" and nd.kind in ("tap",):
            for br, port in self.h.ovs_vm_ports:
                if port["name"] == name:
                    return self.ovs_bridge(br, active, set())
            return []
        out = []
        for u in nd.uplinks_of:
            if u.startswith("@veth:"):
                peer = self.h.nd[u[6:]]
                if peer.master and peer.master != "ovs-system":
                    out += self.netdev(peer.master, active, seen | {peer.name})
            else:
                out += self.netdev(u, active, seen)
        if not nd.uplinks_of and nd.master and nd.master != "ovs-system" \
                and nd.kind in ("tap", "veth"):
            out += self.netdev(nd.master, active, seen)
        return out

    def pci(self, pci, active, seen):
        fn = self.h.pci_fns[pci]
        if fn["pf"] is not None:
            pf = self.h.pci_fns[fn["pf"]]
            if pf["netdevs"]:
                out = []
                for n in pf["netdevs"]:
                    out += self.netdev(n, active, seen)
                return out
            return [(fn["pf"], None, fn["pf"], active)]
        if fn["netdevs"]:
            out = []
            for n in fn["netdevs"]:
                out += self.netdev(n, active, seen)
            return out
        return [(pci, None, pci, active)]

    def ovs_bridge(self, bname, active, seen):
        if bname in seen:
            return []
        seen = seen | {bname}
        out = []
        for port in self.h.ovs_bridges[bname].get("ports", []):
            ptype = port.get("type", "system")
            if ptype == "system":
                out += self.netdev(port["name"], active, set())
            elif ptype == "bond":
                ab = port.get("bond_mode", "active-backup") == "active-backup"
                act = port.get("active") or port["members"][0]
                for m in port["members"]:
                    out += self.netdev(m, (m == act) if ab else active, set())
            elif ptype == "patch":
                peer_br = self.h.ovs_ports[port["peer"]][0]
                out += self.ovs_bridge(peer_br, active, seen)
            elif ptype == "dpdk":
                out += self.pci(port["pci"], active, set())
        return out

    def bridge_like(self, name):
        if name in self.h.ovs_bridges:
            return self.ovs_bridge(name, None, set())
        return self.netdev(name, None, set())

    def vnic(self, d, itf):
        """(status, uplinks, reason)"""
        t = itf["type"]
        live = d.get("state", "running") != "shutoff"
        if t == "user":
            return "no-uplink", [], "user-mode networking"
        if t == "bridge":
            if live:
                return self.walk_tap(itf["_target"], itf["source"])
            return self.judge(self.bridge_like(itf["source"]), "bridge %s has no uplink"
                              % itf["source"])
        if t == "network":
            n = self.h.network_of(itf)
            if n is None:
                return "error", [], "network '%s' is not defined" % itf.get("source")
            fwd = n.get("forward", "nat")
            if fwd in ROUTED_FORWARDS:
                return "no-uplink", [], {"nat": "network '%s' forwards by NAT",
                                         "none": "network '%s' is isolated",
                                         "route": "network '%s' forwards by routing",
                                         "open": "network '%s' forwards by routing (open)"}[fwd] \
                    % n["name"]
            if fwd == "bridge" and n.get("bridge"):
                return self.judge(self.bridge_like(n["bridge"]), "bridge %s has no uplink"
                                  % n["bridge"])
            if fwd in MACVTAP_MODES:
                # defined only: any device of the pool, or the PF whose VFs are the pool
                devs = [itf["_pool_dev"]] if live else (n.get("devs") or [n["pf"]])
                ups = []
                for dev in devs:
                    ups += self.netdev(dev, None, set())
                return self.judge(ups, "no uplink")
            ups = []
            if n.get("pf"):
                ups += self.netdev(n["pf"], None, set())
            for pci in n.get("pci", []):
                ups += self.pci(pci, None, set())
            return self.judge(ups, "no uplink")
        if t == "direct":
            return self.judge(self.netdev(itf["source"], None, set()), "no uplink")
        if t == "hostdev":
            return self.judge(self.pci(itf["pci"], None, set()), "no uplink")
        if t == "vdpa":
            return self.judge(self.pci(self.h.vdpa[itf["dev"]], None, set()), "no uplink")
        if t == "ethernet":
            if itf.get("bridge"):
                return self.judge(self.bridge_like(itf["bridge"]), "bridge has no uplink")
            return "no-uplink", [], "a tap the host routes (type ethernet)"
        if t == "vhostuser":
            return self.judge(self.ovs_bridge(itf["bridge"], None, set()), "no uplink")
        return "error", [], "unknown interface type"

    def walk_tap(self, tap, bridge):
        return self.judge(self.bridge_like(bridge), "bridge %s has no uplink" % bridge)

    @staticmethod
    def judge(ups, reason):
        if ups:
            return "ok", ups, None
        return "no-uplink", [], reason


def expected(host):
    e = Expect(host)
    vnics = []
    for d in host.spec.get("domains", []):
        for itf in d.get("interfaces", []):
            status, ups, reason = e.vnic(d, itf)
            byname = {}
            for name, netdev, pci, active in ups:
                prev = byname.get(name)
                if prev is None or (prev["active"] is False and active is not False):
                    byname[name] = {"name": name, "netdev": netdev, "pci": pci,
                                    "active": active}
            ulist = [byname[k] for k in sorted(byname)]
            v = {"domain": d["name"], "uuid": d["_uuid"],
                 "running": d.get("state", "running") != "shutoff",
                 "state": d.get("state", "running"),
                 "mac": itf["_mac"], "type": itf["type"], "target": itf.get("_target"),
                 "status": status,
                 "uplinks": [u["name"] for u in ulist],
                 "active_uplinks": [u["name"] for u in ulist if u["active"] is not False],
                 "uplink_detail": ulist}
            if reason:
                v["reason"] = reason
            vnics.append(v)
    return vnics


# ---------------------------------------------------------------- libvirt.xml

def nodedev_pci_name(pci):
    return "pci_" + pci.replace(":", "_").replace(".", "_")


def node_devices(host, node):
    """The host's PCI network functions and their netdevs as libvirt node devices (the test
    driver reads <device> elements under <node>): what nodedev-list and nodedev-dumpxml see."""
    for pci in sorted(host.pci_fns):
        fn = host.pci_fns[pci]
        dom, bus, slot, func = parse_pci(pci)
        dev = ET.SubElement(node, "device")
        ET.SubElement(dev, "name").text = nodedev_pci_name(pci)
        ET.SubElement(dev, "parent").text = "computer"
        cap = ET.SubElement(dev, "capability", type="pci")
        ET.SubElement(cap, "class").text = "0x020000"
        ET.SubElement(cap, "domain").text = str(dom)
        ET.SubElement(cap, "bus").text = str(bus)
        ET.SubElement(cap, "slot").text = str(slot)
        ET.SubElement(cap, "function").text = str(func)
        ET.SubElement(cap, "product", id="0x159b")
        ET.SubElement(cap, "vendor", id="0x8086")
        if fn["pf"] is not None:
            pd, pb, ps, pf = parse_pci(fn["pf"])
            c = ET.SubElement(cap, "capability", type="phys_function")
            ET.SubElement(c, "address", domain="0x%04x" % pd, bus="0x%02x" % pb,
                          slot="0x%02x" % ps, function="0x%x" % pf)
        if fn["vfs"]:
            c = ET.SubElement(cap, "capability", type="virt_functions",
                              maxCount=str(len(fn["vfs"])))
            for v in fn["vfs"]:
                vd, vb, vs, vf = parse_pci(v)
                ET.SubElement(c, "address", domain="0x%04x" % vd, bus="0x%02x" % vb,
                              slot="0x%02x" % vs, function="0x%x" % vf)
        for name in fn["netdevs"]:
            nd = host.nd[name]
            dev = ET.SubElement(node, "device")
            ET.SubElement(dev, "name").text = "net_%s_%s" % (name, nd.mac.replace(":", "_"))
            ET.SubElement(dev, "parent").text = nodedev_pci_name(pci)
            cap = ET.SubElement(dev, "capability", type="net")
            ET.SubElement(cap, "interface").text = name
            ET.SubElement(cap, "address").text = nd.mac
            ET.SubElement(cap, "capability", type="80203")


def libvirt_xml(host):
    node = ET.Element("node")
    for n in host.spec.get("networks", []):
        net = ET.SubElement(node, "network")
        ET.SubElement(net, "name").text = n["name"]
        ET.SubElement(net, "uuid").text = det_uuid("network", n["name"])
        fwd = n.get("forward", "nat")
        if fwd in ("nat", "route", "open"):
            f = ET.SubElement(net, "forward", mode=fwd)
            if n.get("dev"):
                f.set("dev", n["dev"])
        elif fwd in MACVTAP_MODES:  # "bridge" too
            f = ET.SubElement(net, "forward", mode=fwd)
            if n.get("pf"):
                ET.SubElement(f, "pf", dev=n["pf"])
            for dev in n.get("devs", []):
                ET.SubElement(f, "interface", dev=dev)
        elif fwd == "hostdev":
            f = ET.SubElement(net, "forward", mode="hostdev", managed="yes")
            if n.get("pf"):
                ET.SubElement(f, "pf", dev=n["pf"])
            for pci in n.get("pci", []):
                dom, bus, slot, fn = parse_pci(pci)
                ET.SubElement(f, "address", type="pci", domain="0x%04x" % dom,
                              bus="0x%02x" % bus, slot="0x%02x" % slot, function="0x%x" % fn)
        if n.get("bridge"):
            b = ET.SubElement(net, "bridge", name=n["bridge"])
            if fwd in ROUTED_FORWARDS:
                b.set("stp", "on")
                b.set("delay", "0")
            if n["bridge"] in host.ovs_bridges:
                ET.SubElement(net, "virtualport", type="openvswitch")
        for pg in n.get("portgroups", []):
            g = ET.SubElement(net, "portgroup", name=pg["name"])
            if pg.get("default"):
                g.set("default", "yes")
            if pg.get("vlan") is not None:
                ET.SubElement(ET.SubElement(g, "vlan"), "tag", id=str(pg["vlan"]))
        if n.get("ip"):
            addr, _, prefix = n["ip"].partition("/")
            ET.SubElement(net, "ip", address=addr, prefix=prefix or "24")
    for d in host.spec.get("domains", []):
        dom = ET.SubElement(node, "domain", type="kvm")
        ET.SubElement(dom, "name").text = d["name"]
        ET.SubElement(dom, "uuid").text = d["_uuid"]
        ET.SubElement(dom, "memory", unit="KiB").text = str(d.get("memory_kib", 4194304))
        ET.SubElement(dom, "vcpu").text = str(d.get("vcpus", 2))
        os_ = ET.SubElement(dom, "os")
        ET.SubElement(os_, "type", arch="x86_64", machine="pc-q35-7.2").text = "hvm"
        devs = ET.SubElement(dom, "devices")
        for itf in d.get("interfaces", []):
            devs.append(interface_xml(host, d, itf))
        rs = ET.SubElement(dom, "{http://libvirt.org/schemas/domain/test/1.0}runstate")
        rs.text = str(RUNSTATE[d.get("state", "running")])
    node_devices(host, node)
    ET.register_namespace("test", "http://libvirt.org/schemas/domain/test/1.0")
    ET.indent(node, "  ")
    text = ET.tostring(node, encoding="unicode")
    return text + "\n"


def interface_xml(host, d, itf):
    t = itf["type"]
    e = ET.Element("interface", type=t)
    if t == "hostdev":
        e.set("managed", "yes")
    ET.SubElement(e, "mac", address=itf["_mac"])
    if t == "bridge":
        ET.SubElement(e, "source", bridge=itf["source"])
        if itf["source"] in host.ovs_bridges:
            vp = ET.SubElement(e, "virtualport", type="openvswitch")
            ET.SubElement(vp, "parameters", interfaceid=itf["_ifaceid"])
        if itf.get("vlan") is not None:
            ET.SubElement(ET.SubElement(e, "vlan"), "tag", id=str(itf["vlan"]))
    elif t == "network":
        s = ET.SubElement(e, "source", network=itf["source"])
        if itf.get("portgroup"):
            s.set("portgroup", itf["portgroup"])
    elif t == "direct":
        ET.SubElement(e, "source", dev=itf["source"], mode=itf.get("mode", "vepa"))
    elif t == "hostdev":
        s = ET.SubElement(e, "source")
        dom, bus, slot, fn = parse_pci(itf["pci"])
        ET.SubElement(s, "address", type="pci", domain="0x%04x" % dom, bus="0x%02x" % bus,
                      slot="0x%02x" % slot, function="0x%x" % fn)
    elif t == "vdpa":
        ET.SubElement(e, "source", dev=itf["dev"])
    elif t == "vhostuser":
        # libvirt's mode is QEMU's side: OVS dpdkvhostuserclient <-> QEMU server
        mode = "server" if itf.get("mode", "client") == "client" else "client"
        ET.SubElement(e, "source", type="unix", path=itf["_socket"], mode=mode)
    if itf.get("_target"):
        tg = ET.SubElement(e, "target", dev=itf["_target"])
        if t == "ethernet":
            tg.set("managed", "no")
    model = itf.get("model", "virtio")
    if t not in ("hostdev",) and model:
        ET.SubElement(e, "model", type=model)
    return e


# ---------------------------------------------------------------- Open vSwitch

def ovs_q(s):
    return json.dumps(str(s))


def ovs_commands(host):
    """ovs-vsctl commands (each a list of arguments), in an order that works."""
    cmds = []
    sysid = det_uuid("system-id", host.spec.get("hostname", "host"))
    cmds.append(["set", "Open_vSwitch", ".",
                 "external_ids:hostname=" + ovs_q(host.spec.get("hostname", "host")),
                 "external_ids:system-id=" + ovs_q(sysid)])
    vm_by_bridge = {}
    for br, port in host.ovs_vm_ports:
        vm_by_bridge.setdefault(br, []).append(port)
    for bname, b in host.ovs_bridges.items():
        cmds.append(["add-br", bname])
        if b.get("datapath", "system") != "system":
            cmds.append(["set", "Bridge", bname, "datapath_type=" + b["datapath"]])
        for port in list(b.get("ports", [])) + vm_by_bridge.get(bname, []):
            cmds += ovs_port_commands(host, bname, port)
    return cmds


def ovs_iface_status(host, name):
    nd = host.nd.get(name)
    if nd is None:
        return []
    st = ["mac_in_use=" + ovs_q(nd.mac),
          "link_state=" + ("up" if nd.operstate in ("up", "unknown") else "down")]
    if nd.speed and nd.speed > 0:
        st.append("link_speed=%d" % (nd.speed * 1000000))
    return [["set", "Interface", name] + st]


def ovs_port_commands(host, bname, port):
    ptype = port.get("type", "system")
    name = port["name"]
    cmds = []
    pcols = []
    if port.get("tag") is not None:
        pcols.append("tag=%d" % int(port["tag"]))
    if port.get("trunks"):
        pcols.append("trunks=" + ",".join(str(int(t)) for t in port["trunks"]))
    if ptype == "bond":
        mode = port.get("bond_mode", "active-backup")
        cmds.append(["add-bond", bname, name] + list(port["members"]) +
                    ["bond_mode=" + mode, "lacp=" + port.get("lacp", "off")] + pcols)
        if mode == "active-backup":
            act = port.get("active") or port["members"][0]
            cmds.append(["set", "Port", name,
                         "bond_active_slave=" + ovs_q(host.nd[act].mac)])
        for m in port["members"]:
            cmds += ovs_iface_status(host, m)
        return cmds
    cmds.append(["add-port", bname, name] + pcols)
    icols = []
    if ptype == "internal":
        icols.append("type=internal")
    elif ptype == "patch":
        icols += ["type=patch", "options:peer=" + ovs_q(port["peer"])]
    elif ptype == "dpdk":
        icols += ["type=dpdk", "options:dpdk-devargs=" + ovs_q(port["pci"])]
    elif ptype == "vxlan":
        icols += ["type=vxlan", "options:remote_ip=" + ovs_q(port.get("remote_ip", "192.0.2.1"))]
        if port.get("key") is not None:
            icols.append("options:key=" + ovs_q(port["key"]))
    elif ptype == "vhostuser":
        if port.get("mode", "client") == "client":
            icols += ["type=dpdkvhostuserclient",
                      "options:vhost-server-path=" + ovs_q(port["socket"])]
        else:
            icols.append("type=dpdkvhostuser")
    elif ptype == "vm":
        for k, v in port["external_ids"].items():
            icols.append("external_ids:%s=%s" % (k, ovs_q(v)))
    if icols:
        cmds.append(["set", "Interface", name] + icols)
    if ptype in ("system", "vm", "internal"):
        cmds += ovs_iface_status(host, name)
    return cmds


def run_ovsdb(host, batch=400, keep_db=None):
    """Runs a private ovsdb-server, applies the commands, returns the dump text. With
    @keep_db, the database file is copied there once the server has stopped."""
    for tool in ("ovsdb-tool", "ovsdb-server", "ovs-vsctl", "ovsdb-client"):
        if shutil.which(tool) is None:
            raise ToolMissing(tool)
    tmp = tempfile.mkdtemp(prefix="hostgen-ovs-", dir="/tmp")
    proc = None
    try:
        db = os.path.join(tmp, "conf.db")
        sock = os.path.join(tmp, "db.sock")
        subprocess.run(["ovsdb-tool", "create", db, OVS_SCHEMA], check=True,
                       stdout=subprocess.DEVNULL)
        proc = subprocess.Popen(["ovsdb-server", "--remote=punix:" + sock, "--no-chdir",
                                 "--unixctl=" + os.path.join(tmp, "ctl"),
                                 "--log-file=" + os.path.join(tmp, "log"),
                                 "-vconsole:off", db],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not os.path.exists(sock):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("ovsdb-server did not start (see its log)")
            time.sleep(0.01)
        vsctl = ["ovs-vsctl", "--db=unix:" + sock, "--no-wait", "--timeout=60"]
        subprocess.run(vsctl + ["init"], check=True)
        cmds = ovs_commands(host)
        for i in range(0, len(cmds), batch):
            args = list(vsctl)
            for c in cmds[i:i + batch]:
                args += ["--"] + c
            r = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
            if r.returncode != 0:
                raise RuntimeError("ovs-vsctl failed: %s" % r.stderr.strip())
        r = subprocess.run(["ovsdb-client", "dump", "--format=json", "unix:" + sock,
                            "Open_vSwitch"], check=True, capture_output=True, text=True)
        dump = r.stdout
    finally:
        if proc is not None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if keep_db is not None and proc is not None:
            shutil.copyfile(db, keep_db)
        shutil.rmtree(tmp, ignore_errors=True)
    return dump


def _is_uuid_atom(v):
    return isinstance(v, list) and len(v) == 2 and v[0] == "uuid" and isinstance(v[1], str)


def _map_uuids(v, fn):
    if _is_uuid_atom(v):
        return ["uuid", fn(v[1])]
    if isinstance(v, list):
        return [_map_uuids(x, fn) for x in v]
    return v


def _sort_key(v):
    return json.dumps(v, sort_keys=True)


def _canon_value(v):
    """Sets and maps in ovsdb's sorted order (atoms compare as ovsdb does, close enough:
    UUIDs by text, which matches uuid_compare_3way; strings by bytes; numbers by value)."""
    def atom_key(a):
        if _is_uuid_atom(a):
            return (2, a[1])
        if isinstance(a, bool):
            return (0, int(a))
        if isinstance(a, (int, float)):
            return (0, a)
        return (1, str(a).encode())
    if isinstance(v, list) and len(v) == 2 and v[0] == "set" and isinstance(v[1], list):
        return ["set", sorted(v[1], key=atom_key)]
    if isinstance(v, list) and len(v) == 2 and v[0] == "map" and isinstance(v[1], list):
        return ["map", sorted(v[1], key=lambda kv: atom_key(kv[0]))]
    return v


def canonical_ovsdb_dump(text):
    """ovsdb-client's JSON dump with its random UUIDs renumbered: rows ordered by their
    content with UUIDs masked, then numbered in that order (tables in dump order), every
    reference rewritten, rows re-sorted by the new _uuid as ovsdb-client sorts them, sets
    and maps re-sorted. The result is still a valid `ovsdb-client dump --format=json`."""
    tables = [json.loads(line) for line in text.splitlines() if line.strip()]
    mapping = {}
    counter = [0]
    for t in tables:
        heads = t["headings"]
        if "_uuid" not in heads:
            continue
        ui = heads.index("_uuid")

        def masked(row):
            return _sort_key(_map_uuids([c for i, c in enumerate(row) if i != ui],
                                        lambda u: "x"))
        for row in sorted(t["data"], key=masked):
            old = row[ui][1]
            counter[0] += 1
            mapping[old] = "%08x-0000-4000-8000-%012x" % (counter[0], counter[0])
    out = []
    for t in tables:
        heads = t["headings"]
        rows = [[_canon_value(_map_uuids(c, lambda u: mapping.get(u, u))) for c in row]
                for row in t["data"]]
        if "_uuid" in heads:
            ui = heads.index("_uuid")
            rows.sort(key=lambda r: r[ui][1])
        t2 = dict(t)
        t2["data"] = rows
        out.append(json.dumps(t2, separators=(",", ":"), ensure_ascii=False))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- large hosts

def large_spec(n):
    """N domains x 4 vNICs over bridges, bonds, VLANs, OVS, VFs, macvtaps and NAT."""
    n_vf_pfs = 4
    vfs_per_pf = max(8, -(-((n + 3) // 4) // n_vf_pfs))
    ports = []
    spill = [0]  # VFs placed so far on the spill buses

    def vf_pci(pf_pci, i):
        # the PF's own bus while it has room (as small hosts always had it), then buses
        # 0x50-0x7f, which no port of this spec uses, 32 slots x 8 functions each
        dom, bus, _, func = parse_pci(pf_pci)
        slot = 0x02 + 0x10 * func + i // 8
        if slot <= (0x11 if func == 0 else 0x1f):
            return "%04x:%02x:%02x.%d" % (dom, bus, slot, i % 8)
        k = spill[0]
        spill[0] += 1
        if k >= 0x30 * 256:
            die("--large %d: more VFs than buses 0x50-0x7f hold" % n)
        return "%04x:%02x:%02x.%d" % (dom, 0x50 + k // 256, (k // 8) % 32, k % 8)

    for i in range(n_vf_pfs):
        pf_pci = "0000:%02x:00.%d" % (0x41 + 2 * (i // 2), i % 2)
        ports.append({"name": "enp%ds0f%d" % (65 + 2 * (i // 2), i % 2),
                      "pci": pf_pci,
                      "speed": 25000, "driver": "ice",
                      "module": "sff8472/amphenol-ndccgf-c104-sfp28-25g-dac.bin",
                      "vfs": [{"vfio": True, "pci": vf_pci(pf_pci, j)}
                              for j in range(vfs_per_pf)]})
    ports += [
        {"name": "enp3s0f0", "pci": "0000:03:00.0", "speed": 10000,
         "module": "sff8472/finisar-ftlx8571d3bcl-sfpp-10g-sr.bin"},
        {"name": "enp3s0f1", "pci": "0000:03:00.1", "speed": 10000,
         "module": "sff8472/jdsu-plrxplscs4322n-sfpp-10g-sr.bin"},
        {"name": "enp5s0f0", "pci": "0000:05:00.0", "speed": 10000,
         "module": "sff8472/fs-10gsfp-pc-30-1-sfpp-dac.bin"},
        {"name": "enp5s0f1", "pci": "0000:05:00.1", "speed": 10000,
         "module": "sff8472/amphenol-616740003-dell-sfpp-dac.bin"},
        {"name": "enp129s0f0", "pci": "0000:81:00.0", "speed": 100000,
         "module": "sff8636/finisar-ftlc9551repm-qsfp28-100g-sr4.bin"},
    ]
    spec = {
        "hostname": "kvm-large-%d" % n,
        "ports": ports,
        "bonds": [{"name": "bond0", "mode": "active-backup", "members": ["enp3s0f0", "enp3s0f1"],
                   "active": "enp3s0f0"}],
        "vlans": [{"name": "bond0.100", "dev": "bond0", "id": 100},
                  {"name": "enp129s0f0.300", "dev": "enp129s0f0", "id": 300}],
        "bridges": [{"name": "br0", "ports": ["bond0"]}, {"name": "br100", "ports": ["bond0.100"]}],
        "ovs": {"bridges": [{"name": "ovsbr0", "ports": [
            {"name": "bond1", "type": "bond", "members": ["enp5s0f0", "enp5s0f1"],
             "bond_mode": "balance-slb"}]}]},
        "networks": [{"name": "default", "forward": "nat", "bridge": "virbr0",
                      "ip": "192.168.122.1/24"}],
        "domains": [],
    }
    vf_next = [0] * n_vf_pfs
    for d in range(n):
        name = "vm%04d" % d
        ifs = [{"type": "bridge", "source": "br0", "target": "v%04d-br0" % d},
               {"type": "bridge", "source": "br100", "target": "v%04d-v100" % d},
               {"type": "bridge", "source": "ovsbr0", "vlan": 200 + d % 50,
                "target": "v%04d-ovs" % d}]
        k = d % 4
        if k == 0:
            pf = (d // 4) % n_vf_pfs
            i = vf_next[pf]
            vf_next[pf] += 1
            ifs.append({"type": "hostdev", "pci": ports[pf]["vfs"][i]["pci"]})
        elif k == 1:
            ifs.append({"type": "direct", "source": "enp129s0f0.300", "mode": "bridge",
                        "target": "mvt-%04d" % d})
        elif k == 2:
            ifs.append({"type": "network", "source": "default", "target": "v%04d-nat" % d})
        else:
            ifs.append({"type": "direct", "source": "enp129s0f0", "mode": "vepa",
                        "target": "mvt-%04d" % d})
        state = "shutoff" if d % 10 == 9 else "running"
        spec["domains"].append({"name": name, "state": state, "interfaces": ifs})
    return spec


# ---------------------------------------------------------------- main

def generate(spec, out, corpus, with_ovs=True, timings=None, keep_db=False):
    if os.path.lexists(out) and (not os.path.isdir(out) or os.listdir(out)):
        die("%s exists and is not an empty directory" % out)
    t0 = time.monotonic()
    host = Host(spec, corpus)
    host.build()
    t1 = time.monotonic()
    vnics = expected(host)
    host.t.file("libvirt.xml", libvirt_xml(host))
    ovs_schema = None
    if host.ovs_bridges and with_ovs:
        db_copy = None
        if keep_db:
            os.makedirs(out, exist_ok=True)
            db_copy = os.path.join(out, "ovsdb.db")
        host.t.file("ovsdb.json", canonical_ovsdb_dump(run_ovsdb(host, keep_db=db_copy)))
        with open(OVS_SCHEMA) as f:
            ovs_schema = json.load(f).get("version")
    t2 = time.monotonic()
    doc = {
        "format": 1,
        "hostname": spec.get("hostname", "host"),
        "files": {"libvirt": "libvirt.xml", "ovsdb": "ovsdb.json" if ovs_schema else None,
                  "eeprom_dir": "eeprom", "root": "."},
        "ovs_schema": ovs_schema,
        "ports": host.eeprom,
        "vnics": vnics,
    }
    host.t.file("host.json", json.dumps(doc, indent=1, sort_keys=False) + "\n")
    host.t.mkdir("eeprom")
    os.makedirs(out, exist_ok=True)
    host.t.write(out)
    t3 = time.monotonic()
    if timings is not None:
        timings.update({"model": t1 - t0, "ovsdb": t2 - t1, "write": t3 - t2,
                        "netdevs": len(host.nd), "files": len(host.t.files),
                        "links": len(host.t.links), "vnics": len(vnics),
                        "ovs_ports": sum(len(b.get("ports", [])) for b in
                                         host.ovs_bridges.values()) + len(host.ovs_vm_ports)})
    return doc


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("spec", nargs="?", help="host spec (JSON)")
    ap.add_argument("out", nargs="?", help="output directory (new or empty)")
    ap.add_argument("--large", type=int, metavar="N", help="generate N domains x 4 vNICs")
    ap.add_argument("--dump-large-spec", type=int, metavar="N")
    ap.add_argument("--corpus", default=os.environ.get("XCVR_CORPUS_DIR", DEFAULT_CORPUS))
    ap.add_argument("--no-ovs", action="store_true", help="skip ovsdb.json")
    ap.add_argument("--timing", action="store_true", help="print timings on stderr")
    ap.add_argument("--keep-ovsdb-db", action="store_true",
                    help="also keep the database file as OUTDIR/ovsdb.db (for ovsdb-server)")
    a = ap.parse_args(argv)
    try:
        if a.dump_large_spec is not None:
            json.dump(large_spec(a.dump_large_spec), sys.stdout, indent=1)
            print()
            return 0
        if a.large is not None:
            out = a.out or a.spec
            if out is None:
                ap.error("--large N OUTDIR")
            spec = large_spec(a.large)
        else:
            if a.spec is None or a.out is None:
                ap.error("SPEC OUTDIR")
            out = a.out
            with open(a.spec, encoding="utf-8") as f:
                spec = json.load(f)
        timings = {}
        t0 = time.monotonic()
        generate(spec, out, a.corpus, with_ovs=not a.no_ovs, timings=timings,
                 keep_db=a.keep_ovsdb_db)
        if a.timing:
            print("hostgen: %d netdevs, %d files, %d links, %d vNICs, %d OVS ports; "
                  "model %.2fs, ovsdb %.2fs, write %.2fs, total %.2fs"
                  % (timings["netdevs"], timings["files"], timings["links"], timings["vnics"],
                     timings["ovs_ports"], timings["model"], timings["ovsdb"],
                     timings["write"], time.monotonic() - t0), file=sys.stderr)
    except SpecError as e:
        print("hostgen: %s" % e, file=sys.stderr)
        return 1
    except ToolMissing as e:
        print("hostgen: %s not found (Open vSwitch tools are needed for ovsdb.json)" % e,
              file=sys.stderr)
        return 77
    return 0


if __name__ == "__main__":
    sys.exit(main())
