# SPDX-License-Identifier: LGPL-2.1-or-later
"""xapi_pool.py: the test pool and its dom0 for the XAPI tests: host A's dom0 made by
tests/hostgen/hostgen.py from dom0-host.json (sysfs, Open vSwitch database, modules), a real
ovsdb-server serving it with the external_ids xenopsd sets on vif ports, and a two-host pool
of XAPI records covering every case of the XAPI VM source. Shared by test-xapi-map.py and
test-xapi-plugin.py."""
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
HOST_A = "3f5d1a8e-0c7b-4d4e-9a51-2c1e6b7d8f00"
HOST_B = "7a2b9c4d-1e3f-4a5b-8c6d-0e1f2a3b4c5d"
OVS_SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema"


def ref(name):
    return "OpaqueRef:" + name


def u(name):
    """A stable uuid per object name."""
    import uuid
    return str(uuid.uuid5(uuid.UUID("0d6b9a57-3a8e-4f0e-9c7e-b1a2c3d4e5f6"), name))


NULL = "OpaqueRef:NULL"


def pif(name, host, device, network, physical=False, vlan="-1", **kw):
    rec = {"uuid": u(name), "device": device, "host": ref(host), "network": ref(network),
           "MAC": "", "MTU": "1500", "VLAN": vlan, "physical": physical,
           "currently_attached": True, "management": False,
           "bond_master_of": [], "bond_slave_of": NULL, "VLAN_master_of": NULL,
           "VLAN_slave_of": [], "tunnel_access_PIF_of": [], "tunnel_transport_PIF_of": [],
           "sriov_physical_PIF_of": [], "sriov_logical_PIF_of": [], "PCI": NULL,
           "other_config": {}}
    for k, v in kw.items():
        rec[k] = v
    return rec


def network(name, label, bridge, pifs, vifs):
    return {"uuid": u(name), "name_label": label, "name_description": "", "bridge": bridge,
            "managed": True, "MTU": "1500", "PIFs": [ref(p) for p in pifs],
            "VIFs": [ref(v) for v in vifs], "other_config": {}, "purpose": []}


def vm(name, state, resident, affinity, domid, vifs, **kw):
    rec = {"uuid": u(name), "name_label": name, "name_description": "",
           "power_state": state, "resident_on": ref(resident) if resident else NULL,
           "affinity": ref(affinity) if affinity else NULL, "domid": str(domid),
           "is_a_template": False, "is_a_snapshot": False, "is_control_domain": False,
           "VIFs": [ref(v) for v in vifs], "attached_PCIs": [], "other_config": {},
           "HVM_boot_policy": ""}
    rec.update(kw)
    return rec


def vif(name, vm_name, device, network_name, mac, attached=True):
    return {"uuid": u(name), "device": str(device), "network": ref(network_name),
            "VM": ref(vm_name), "MAC": mac, "MTU": "1500", "currently_attached": attached,
            "status_code": "0", "status_detail": "", "locking_mode": "network_default",
            "other_config": {}, "qos_algorithm_type": "", "qos_algorithm_params": {}}


def pool_classes():
    c = {}
    c["pool"] = {ref("pool"): {"uuid": u("pool"), "name_label": "test-pool",
                               "master": ref("hA")}}
    c["host"] = {
        ref("hA"): {"uuid": HOST_A, "name_label": "xcp-a", "hostname": "xcp-a",
                    "enabled": True, "PIFs": [], "resident_VMs": []},
        ref("hB"): {"uuid": HOST_B, "name_label": "xcp-b", "hostname": "xcp-b",
                    "enabled": True, "PIFs": [], "resident_VMs": []},
    }
    c["PIF"] = {
        ref("pA0"): pif("pA0", "hA", "eth0", "n0", True, tunnel_transport_PIF_of=[ref("tun")]),
        ref("pA1"): pif("pA1", "hA", "eth1", "n1", True, bond_slave_of=ref("bond")),
        ref("pA2"): pif("pA2", "hA", "eth2", "n2", True, bond_slave_of=ref("bond")),
        ref("pAbond"): pif("pAbond", "hA", "bond0", "nbond", bond_master_of=[ref("bond")],
                           VLAN_slave_of=[ref("vlan")]),
        ref("pAvlan"): pif("pAvlan", "hA", "bond0", "nvlan", vlan="100",
                           VLAN_master_of=ref("vlan")),
        ref("pAtun"): pif("pAtun", "hA", "tunnel0", "ntun", tunnel_access_PIF_of=[ref("tun")]),
        ref("pA3"): pif("pA3", "hA", "eth3", "n3", True, sriov_physical_PIF_of=[ref("sriov")]),
        ref("pAsriov"): pif("pAsriov", "hA", "eth3", "nsriov",
                            sriov_logical_PIF_of=[ref("sriov")]),
        ref("pB0"): pif("pB0", "hB", "eth0", "n0", True),
    }
    c["Bond"] = {ref("bond"): {"uuid": u("bond"), "master": ref("pAbond"),
                               "slaves": [ref("pA1"), ref("pA2")], "mode": "active-backup",
                               "primary_slave": ref("pA1"), "properties": {},
                               "links_up": "1"}}
    c["VLAN"] = {ref("vlan"): {"uuid": u("vlan"), "tagged_PIF": ref("pAbond"),
                               "untagged_PIF": ref("pAvlan"), "tag": "100",
                               "other_config": {}}}
    c["tunnel"] = {ref("tun"): {"uuid": u("tun"), "access_PIF": ref("pAtun"),
                                "transport_PIF": ref("pA0"), "status": {},
                                "protocol": "gre", "other_config": {}}}
    c["network_sriov"] = {ref("sriov"): {"uuid": u("sriov"), "physical_PIF": ref("pA3"),
                                         "logical_PIF": ref("pAsriov"),
                                         "requires_reboot": False,
                                         "configuration_mode": "sysfs"}}
    c["PCI"] = {
        ref("pci_vf0"): {"uuid": u("pci_vf0"), "pci_id": "0000:41:02.0", "host": ref("hA"),
                         "class_name": "Ethernet controller", "driver_name": "pciback",
                         "dependencies": [], "other_config": {}},
        ref("pci_vf1"): {"uuid": u("pci_vf1"), "pci_id": "0000:41:02.1", "host": ref("hA"),
                         "class_name": "Ethernet controller", "driver_name": "pciback",
                         "dependencies": [], "other_config": {}},
    }
    vifs = {
        "v10": vif("v10", "web", 0, "n0", "aa:00:00:00:01:00"),
        "v11": vif("v11", "web", 1, "nvlan", "AA:00:00:00:01:01"),
        "v12": vif("v12", "web", 2, "npriv", "aa:00:00:00:01:02"),
        "v13": vif("v13", "web", 3, "n0", "aa:00:00:00:01:03", attached=False),
        "v14": vif("v14", "web", 4, "npriv", "AA-00-00-00-01-04 & <x>"),
        "v20": vif("v20", "tun", 0, "ntun", "aa:00:00:00:02:00"),
        "v30": vif("v30", "hvm", 0, "nbond", "aa:00:00:00:03:00"),
        "v40": vif("v40", "sriov", 0, "nsriov", "aa:00:00:00:04:00"),
        "v41": vif("v41", "sriov", 1, "nsriov", "aa:00:00:00:04:01"),
        "va0": vif("va0", "moved", 0, "n0", "aa:00:00:00:0a:00"),
        "v50": vif("v50", "halted-here", 0, "n0", "aa:00:00:00:05:00"),
        "v51": vif("v51", "halted-here", 1, "nbond", "aa:00:00:00:05:01"),
        "v52": vif("v52", "halted-here", 2, "nsriov", "aa:00:00:00:05:02"),
        "v60": vif("v60", "halted-there", 0, "n0", "aa:00:00:00:06:00"),
        "v70": vif("v70", "on-b", 0, "n0", "aa:00:00:00:07:00"),
        "v80": vif("v80", "tmpl", 0, "n0", "aa:00:00:00:08:00"),
        "v90": vif("v90", "snap", 0, "n0", "aa:00:00:00:09:00"),
        "vd0": vif("vd0", "dom0", 0, "n0", "aa:00:00:00:0d:00"),
    }
    c["VIF"] = {ref(k): v for k, v in vifs.items()}
    c["network"] = {
        ref("n0"): network("n0", "Pool-wide network associated with eth0", "xenbr0",
                           ["pA0", "pB0"], ["v10", "v13", "va0", "v50", "v60", "v70"]),
        ref("n1"): network("n1", "eth1", "xenbr1", ["pA1"], []),
        ref("n2"): network("n2", "eth2", "xenbr2", ["pA2"], []),
        ref("nbond"): network("nbond", "Bond 1+2", "xapi1", ["pAbond"], ["v30", "v51"]),
        ref("nvlan"): network("nvlan", "VLAN 100", "xapi3", ["pAvlan"], ["v11"]),
        ref("npriv"): network("npriv", "private", "xapi4", [], ["v12", "v14"]),
        ref("ntun"): network("ntun", "overlay", "xapi2", ["pAtun"], ["v20"]),
        ref("n3"): network("n3", "eth3", "xenbr3", ["pA3"], []),
        ref("nsriov"): network("nsriov", "SR-IOV eth3", "", ["pAsriov"], ["v40", "v41", "v52"]),
    }
    c["VM"] = {
        ref("dom0"): vm("dom0", "Running", "hA", None, 0, ["vd0"], is_control_domain=True),
        ref("web"): vm("web", "Running", "hA", "hA", 1, ["v13", "v11", "v14", "v10", "v12"]),
        ref("tun"): vm("tun", "Running", "hA", None, 2, ["v20"]),
        ref("hvm"): vm("hvm", "Paused", "hA", None, 3, ["v30"], HVM_boot_policy="BIOS order"),
        ref("sriov"): vm("sriov", "Running", "hA", None, 4, ["v41", "v40"],
                         attached_PCIs=[ref("pci_vf1"), ref("pci_vf0")]),
        ref("moved"): vm("moved", "Running", "hA", None, 10, ["va0"]),
        ref("halted-here"): vm("halted-here", "Halted", None, "hA", -1, ["v50", "v51", "v52"]),
        ref("halted-there"): vm("halted-there", "Halted", None, "hB", -1, ["v60"]),
        ref("on-b"): vm("on-b", "Running", "hB", "hB", 1, ["v70"]),
        ref("tmpl"): vm("tmpl", "Halted", None, "hA", -1, ["v80"], is_a_template=True),
        ref("snap"): vm("snap", "Halted", None, "hA", -1, ["v90"], is_a_snapshot=True),
    }
    return c


# What the map must say per VIF uuid of host A: (domain, status, uplinks, target, extra)
EXPECTED = {
    "v10": ("web", True, "ok", ["eth0"], "vif1.0", None),
    "v11": ("web", True, "ok", ["eth1", "eth2"], "vif1.1", None),
    "v12": ("web", True, "no-uplink", [], "vif1.2", "no PIF on this host"),
    "v13": ("web", True, "ok", ["eth0"], None, "unplugged"),
    # a MAC XAPI stores as given, not one a MAC can be: no MAC in the map
    "v14": ("web", True, "no-uplink", [], None, "no PIF on this host"),
    "v20": ("tun", True, "ok", ["eth0"], "vif2.0", "tunnel"),
    "v30": ("hvm", True, "ok", ["eth1", "eth2"], "tap3.0", None),
    # two VFs of one PF: the n-th SR-IOV VIF by device takes the n-th VF by address
    "v40": ("sriov", True, "ok", ["eth3"], "0000:41:02.0", None),
    "v41": ("sriov", True, "ok", ["eth3"], "0000:41:02.1", None),
    # a port the switch has elsewhere than XAPI's network: the live switch wins, and says so
    "va0": ("moved", True, "ok", ["eth3"], "vif10.0", "Open vSwitch has vif10.0 on xenbr3"),
    "v50": ("halted-here", False, "ok", ["eth0"], None, "halted"),
    "v51": ("halted-here", False, "ok", ["eth1", "eth2"], None, "halted"),
    "v52": ("halted-here", False, "ok", ["eth3"], None, "halted"),
}


class Dom0:
    """Host A's dom0: hostgen tree + a live ovsdb-server + etc/xensource-inventory."""

    def __init__(self, tmp, hostgen):
        self.tmp = tmp
        self.root = os.path.join(tmp, "dom0")
        self.procs = []
        r = subprocess.run([sys.executable, hostgen, "--keep-ovsdb-db",
                            os.path.join(HERE, "dom0-host.json"), self.root],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if r.returncode == 77:
            print("SKIP: hostgen needs the Open vSwitch tools: " + r.stderr.strip())
            sys.exit(77)
        if r.returncode != 0:
            raise RuntimeError("hostgen failed: " + r.stderr)
        os.makedirs(os.path.join(self.root, "etc"))
        with open(os.path.join(self.root, "etc", "xensource-inventory"), "w") as f:
            f.write("PRIMARY_DISK='/dev/sda'\nBUILD_NUMBER='release/yangtze/master/58'\n"
                    "INSTALLATION_UUID='%s'\nCONTROL_DOMAIN_UUID='%s'\n"
                    "MANAGEMENT_INTERFACE='xenbr0'\n" % (HOST_A, u("dom0")))
        self.ovsdb = os.path.join(tmp, "db.sock")
        self.start_ovsdb()
        c = pool_classes()["VIF"]
        # what xenopsd's setup-vif-rules sets; hvm's tap keeps only attached-mac, so the
        # source must fall back to it
        cmds = []
        for port, v in (("vif1.0", "v10"), ("vif1.1", "v11"), ("vif1.2", "v12"),
                        ("vif2.0", "v20"), ("vif10.0", "va0")):
            rec = c[ref(v)]
            cmds += ["--", "set", "Interface", port,
                     "external_ids:xs-vif-uuid=" + rec["uuid"],
                     "external_ids:xs-network-uuid=" + u(rec["network"][10:]),
                     "external_ids:xs-vm-uuid=" + u(rec["VM"][10:]),
                     "external_ids:attached-mac=" + rec["MAC"].lower()]
        # status columns ovs-vswitchd would keep (the bond's active member is matched by MAC)
        for port, mac, state in (("eth0", "00:1b:21:0a:00:00", "up"),
                                 ("eth1", "00:1b:21:0b:00:00", "up"),
                                 ("eth2", "00:1b:21:0b:00:01", "down"),
                                 ("eth3", "b8:ce:f6:4a:20:00", "up")):
            cmds += ["--", "set", "Interface", port, 'mac_in_use="%s"' % mac,
                     "link_state=" + state]
        self.vsctl(cmds)

    def vsctl(self, cmds):
        subprocess.run(["ovs-vsctl", "--db=unix:" + self.ovsdb, "--no-wait", "--timeout=20"]
                       + cmds, check=True, stdout=subprocess.PIPE)

    def start_ovsdb(self):
        p = subprocess.Popen(["ovsdb-server", "--remote=punix:" + self.ovsdb,
                              "--unixctl=" + os.path.join(self.tmp, "ovsdb.ctl"),
                              "--no-chdir", os.path.join(self.root, "ovsdb.db")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.procs.append(p)
        for _ in range(200):
            if os.path.exists(self.ovsdb):
                return
            time.sleep(0.05)
        raise RuntimeError("ovsdb-server did not start")

    def close(self):
        for p in self.procs:
            p.terminate()
            p.wait()


class FakeXapi:
    def __init__(self, tmp, name, classes, mode="normal", plugins=None):
        self.socket = os.path.join(tmp, name + ".sock")
        self.log = os.path.join(tmp, name + ".log")
        pool_file = os.path.join(tmp, name + ".json")
        with open(pool_file, "w") as f:
            json.dump({"classes": classes, "plugins": plugins or {}}, f)
        open(self.log, "w").close()
        self.proc = subprocess.Popen([sys.executable, os.path.join(HERE, "fake-xapi.py"),
                                      self.socket, pool_file, self.log, "--mode", mode],
                                     stdout=subprocess.PIPE, text=True)
        if self.proc.stdout.readline().strip() != "ready":
            raise RuntimeError("fake xapi did not start")

    def calls(self):
        # Only whole lines: a test polling while the fake server writes its log may read a
        # line the server has not finished; that call is counted at the next poll.
        with open(self.log) as f:
            return [json.loads(line) for line in f if line.endswith("\n") and line.strip()]

    def close(self):
        self.proc.terminate()
        self.proc.wait()


def check_map(doc, check, where):
    """The per-VIF expectations against one map JSON document of host A."""
    by_vif = {v.get("vif_uuid"): v for v in doc["vnics"]}
    want_uuids = {u(k): k for k in EXPECTED}
    check(set(by_vif) == set(want_uuids),
          "%s: exactly the VIFs of host A's VMs (got %s)" % (
              where, sorted(want_uuids.get(x, x) for x in by_vif)))
    for key, (domain, running, status, uplinks, target, reason) in EXPECTED.items():
        v = by_vif.get(u(key))
        if v is None:
            continue
        got = sorted(x["netdev"] for x in v["uplinks"])
        ok = (v["domain"] == domain and v["domain_uuid"] == u(domain) and
              v["vm_source"] == "xapi" and v["running"] == running and
              v["status"] == status and got == uplinks and v["target"] == target and
              (reason is None or reason in (v["reason"] or "")))
        check(ok, "%s: %s %s -> %s %s target %s reason %r" % (
            where, domain, key, v["status"], got, v["target"], v["reason"]))
    v11 = by_vif.get(u("v11"))
    if v11:
        active = {x["netdev"]: x["active"] for x in v11["uplinks"]}
        check(v11["vlan"] == 100 and v11["mac"] == "aa:00:00:00:01:01" and
              active == {"eth1": True, "eth2": False},
              "%s: VLAN 100 on the bond, active member from Open vSwitch: %s vlan %s" % (
                  where, active, v11["vlan"]))
    v14 = by_vif.get(u("v14"))
    if v14:
        check(v14["mac"] is None, "%s: a malformed XAPI MAC is left out" % where)
    v40 = by_vif.get(u("v40"))
    if v40:
        check(v40["type"] == "hostdev", "%s: the SR-IOV VIF is a hostdev" % where)


def xapi_call(fn, args, session="OpaqueRef:6f1a2b3c-0000-4000-8000-000000000001"):
    """The methodCall as xapi's Xml.to_string writes it: compact, bare string values,
    <value/> for "", <struct/> for no args."""
    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
            '"', "&quot;")

    def val(s):
        return "<value/>" if s == "" else "<value>%s</value>" % esc(s)
    members = "".join("<member><name>%s</name>%s</member>" % (esc(k), val(v))
                      for k, v in args.items())
    struct = "<struct>%s</struct>" % members if members else "<struct/>"
    return ("<methodCall><methodName>%s</methodName><params><param>%s</param>"
            "<param><value>%s</value></param></params></methodCall>" % (
                esc(fn), val(session), struct))
