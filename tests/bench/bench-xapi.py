#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""bench-xapi.py: the XAPI plugin's `map` on a generated dom0 of N VMs x 4 VIFs (hostgen
sysfs, a real ovsdb-server holding the vif ports, a fake xapi), run as xapi runs it: wall
time (median of several runs), xapi calls made and bytes read from xapi; then `xcvrmap pool`
over H fake hosts (each host.call_plugin runs the plugin on that dom0): wall time against the
sum of the per-host plugin times.

    bench-xapi.py --xcvrmap EXE --plugin PLUGIN --hostgen HOSTGEN.py [--vms 100] [--hosts 8]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "xapi"))
import xapi_pool  # noqa: E402
from xapi_pool import ref, u, vm, vif, network, pif, NULL  # noqa: E402,F401


def dom0_spec(n):
    ports = [{"name": "eth%d" % i, "pci": "0000:%02x:00.0" % (i + 1), "driver": "ixgbe",
              "vendor": "0x8086", "device": "0x10fb", "mac": "00:1b:21:0a:00:%02x" % i,
              "speed": 10000, "operstate": "up",
              "module": "sff8472/amphenol-571540007-sfpp-dac.bin"} for i in range(3)]
    doms = []
    for d in range(1, n + 1):
        itfs = []
        for dev, br in enumerate(("xenbr0", "xenbr0", "xapi1", "xapi1")):
            itf = {"type": "bridge", "source": br, "target": "vif%d.%d" % (d, dev),
                   "mac": "aa:%02x:%02x:00:00:%02x" % (d >> 8, d & 0xff, dev)}
            if dev == 3:
                itf["vlan"] = 100
            itfs.append(itf)
        doms.append({"name": "vm%03d" % d, "state": "running", "interfaces": itfs})
    return {"hostname": "bench", "ports": ports,
            "ovs": {"bridges": [
                {"name": "xenbr0", "datapath": "system",
                 "ports": [{"name": "eth0", "type": "system"}]},
                {"name": "xapi1", "datapath": "system",
                 "ports": [{"name": "bond0", "type": "bond", "members": ["eth1", "eth2"],
                            "bond_mode": "active-backup", "active": "eth1"}]}]},
            "domains": doms}


def pool_classes(n, hosts):
    c = xapi_pool.pool_classes()
    for k in ("VM", "VIF"):
        c[k] = {}
    for h in range(2, hosts):
        c["host"][ref("h%d" % h)] = {"uuid": u("h%d" % h), "name_label": "xcp-%d" % h,
                                     "hostname": "", "enabled": True}
    c["network"][ref("n0")]["VIFs"] = []
    for d in range(1, n + 1):
        names = []
        for dev, net in enumerate(("n0", "n0", "nbond", "nvlan")):
            name = "v%d_%d" % (d, dev)
            c["VIF"][ref(name)] = vif(name, "vm%03d" % d, dev, net,
                                      "aa:%02x:%02x:00:00:%02x" % (d >> 8, d & 0xff, dev))
            names.append(name)
        c["VM"][ref("vm%03d" % d)] = vm("vm%03d" % d, "Running", "hA", "hA", d, names)
    return c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--xcvrmap", required=True)
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--hostgen", required=True)
    ap.add_argument("--vms", type=int, default=100)
    ap.add_argument("--hosts", type=int, default=8)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    plugin = os.path.abspath(a.plugin)
    with tempfile.TemporaryDirectory(prefix="xcvr-bxapi.", dir="/tmp") as tmp:
        spec = os.path.join(tmp, "spec.json")
        with open(spec, "w") as f:
            json.dump(dom0_spec(a.vms), f)
        dom0 = Dom0(tmp, a.hostgen, spec)
        classes = pool_classes(a.vms, a.hosts)
        sock = os.path.join(tmp, "xapi.sock")
        args = {"xapi": sock, "root": dom0.root, "ovsdb": dom0.ovsdb,
                "eeprom_dir": os.path.join(dom0.root, "eeprom"), "timeout": "120"}
        plugins = {h: {"path": plugin, "args": args} for h in classes["host"]}
        fake = xapi_pool.FakeXapi(tmp, "xapi", classes, plugins=plugins)
        try:
            bench(a, plugin, fake, args)
        finally:
            fake.close()
            dom0.close()


class Dom0(xapi_pool.Dom0):
    """The bench dom0: hostgen from a generated spec; xs-vif-uuid left out (the source then
    finds every port by attached-mac)."""

    def __init__(self, tmp, hostgen, spec):
        self.tmp = tmp
        self.root = os.path.join(tmp, "dom0")
        self.procs = []
        t0 = time.monotonic()
        subprocess.run([sys.executable, hostgen, "--keep-ovsdb-db", spec, self.root],
                       check=True, stdout=subprocess.DEVNULL)
        print("# dom0 generated in %.1fs" % (time.monotonic() - t0))
        os.makedirs(os.path.join(self.root, "etc"))
        with open(os.path.join(self.root, "etc", "xensource-inventory"), "w") as f:
            f.write("INSTALLATION_UUID='%s'\n" % xapi_pool.HOST_A)
        self.ovsdb = os.path.join(tmp, "db.sock")
        self.start_ovsdb()


def bench(a, plugin, fake, args):
    call = xapi_pool.xapi_call("map", args)
    times = []
    for i in range(a.runs):
        before = len(fake.calls())
        secs, out = run_plugin(plugin, call)
        calls = fake.calls()[before:]
        (result,), _ = __import__("xmlrpc.client").client.loads(out)
        if result.get("Status") != "Success":
            raise SystemExit("plugin map failed: %s" % result)
        doc = json.loads(result["Value"])
        times.append(secs)
    nvnics = len(doc["vnics"])
    ok = sum(1 for v in doc["vnics"] if v["status"] == "ok")
    print("plugin map, %d VMs x 4 VIFs (%d vNICs, %d ok): median %.3f s over %d runs "
          "(min %.3f), %d xapi calls, %d bytes read from xapi" % (
              a.vms, nvnics, ok, statistics.median(times), a.runs, min(times), len(calls),
              sum(c["bytes"] for c in calls)))

    before = len(fake.calls())
    t0 = time.monotonic()
    r = subprocess.run([a.xcvrmap, "pool", "--xapi=" + fake.socket, "--format", "json",
                        "--timeout", "300"], capture_output=True, text=True)
    wall = time.monotonic() - t0
    if r.returncode != 0:
        raise SystemExit("pool failed: " + r.stderr)
    doc = json.loads(r.stdout)
    per_host = [c["plugin_seconds"] for c in fake.calls()[before:] if "plugin_seconds" in c]
    answered = sum(1 for h in doc["hosts"] if "map" in h)
    print("pool over %d hosts (%d answered, each the %d-VM dom0): wall %.3f s; sum of "
          "the per-host plugin times %.3f s (%.2fx); one after another would take about "
          "%.3f s (hosts x the median above); %d CPUs here, all plugins and the one fake "
          "xapi on them" % (
              len(doc["hosts"]), answered, a.vms, wall, sum(per_host),
              sum(per_host) / wall if wall else 0, len(doc["hosts"]) * statistics.median(times),
              os.cpu_count()))


def run_plugin(plugin, call):
    t0 = time.monotonic()
    p = subprocess.run([plugin, call], stdin=subprocess.DEVNULL, capture_output=True,
                       env={"PATH": "/sbin:/usr/sbin:/bin:/usr/bin"})
    return time.monotonic() - t0, p.stdout


if __name__ == "__main__":
    sys.exit(main())
