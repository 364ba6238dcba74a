#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""test-large-spec.py: `hostgen.py --large N` makes hosts libvirt accepts at every size.

    test-large-spec.py [--virsh virsh] [--sizes 50,500,2000,5000,20000]

1. For every size: every PCI address of the spec (ports, VFs, hostdev interfaces) is a valid
   one (slot 0x00-0x1f, function 0-7), no two functions share one, and every hostdev
   interface names a VF of the spec, each VF used once.
2. A spec whose VFs do not fit on their PF's bus without addresses is refused, not written
   with slot 0x20 and above (which libvirt rejects).
3. With virsh, the libvirt document of a 2000-domain host (the first size that used to
   overflow) loads in the test driver with every domain and the last domain's VF.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import hostgen  # noqa: E402


def check_spec(n):
    spec = hostgen.large_spec(n)
    seen = {}
    vfs = set()
    for p in spec["ports"]:
        for pci in [p["pci"]] + [v["pci"] for v in p.get("vfs", [])]:
            dom, bus, slot, fn = hostgen.parse_pci(pci)
            assert slot <= 0x1f and fn <= 7 and bus <= 0xff, pci
            assert pci not in seen, "%s twice (%s, %s)" % (pci, seen[pci], p["name"])
            seen[pci] = p["name"]
        vfs.update(v["pci"] for v in p.get("vfs", []))
    used = [i["pci"] for d in spec["domains"] for i in d["interfaces"] if i["type"] == "hostdev"]
    assert len(used) == len(set(used)), "a VF given to two domains"
    missing = set(used) - vfs
    assert not missing, "hostdev interfaces on no VF: %s" % sorted(missing)[:3]
    assert len(spec["domains"]) == n
    return spec


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--virsh", default=shutil.which("virsh"))
    ap.add_argument("--sizes", default="50,500,1200,2000,5000,20000")
    a = ap.parse_args()

    for n in (int(s) for s in a.sizes.split(",")):
        check_spec(n)
        print("ok %d: valid, distinct PCI addresses" % n)

    # a spec that leaves the addresses to the generator and has more VFs than the bus holds
    try:
        hostgen.default_vf_pci("0000:41:00.1", 112)
    except hostgen.SpecError as e:
        print("ok: refused: %s" % e)
    else:
        raise AssertionError("VF 112 of function 1 placed past slot 0x1f")
    assert hostgen.default_vf_pci("0000:41:00.1", 111) == "0000:41:1f.7"
    try:
        hostgen.parse_pci("0000:41:20.0")
    except hostgen.SpecError:
        pass
    else:
        raise AssertionError("slot 0x20 accepted")

    if not a.virsh:
        print("skip: no virsh, the libvirt test driver was not asked")
        return 0
    n = 2000
    host = hostgen.Host(check_spec(n), os.environ.get("XCVR_CORPUS_DIR", hostgen.DEFAULT_CORPUS))
    host.build()
    with tempfile.TemporaryDirectory(prefix="xcvr-large-spec-") as tmp:
        path = os.path.join(tmp, "libvirt.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(hostgen.libvirt_xml(host))
        uri = "test://" + path
        out = subprocess.run([a.virsh, "-c", uri, "list", "--all", "--name"], check=True,
                             capture_output=True, text=True).stdout.split()
        assert len(out) == n, "virsh lists %d domains of %d" % (len(out), n)
        last = [d for d in host.spec["domains"] if any(i["type"] == "hostdev"
                                                       for i in d["interfaces"])][-1]
        xml = subprocess.run([a.virsh, "-c", uri, "dumpxml", last["name"]], check=True,
                             capture_output=True, text=True).stdout
        pci = [i["pci"] for i in last["interfaces"] if i["type"] == "hostdev"][0]
        dom, bus, slot, fn = hostgen.parse_pci(pci)
        want = "bus='0x%02x' slot='0x%02x' function='0x%x'" % (bus, slot, fn)
        assert want in xml, "%s: %s not in its dumpxml" % (last["name"], want)
        print("ok %d: the test driver loads every domain; %s has VF %s" % (n, last["name"], pci))
    return 0


if __name__ == "__main__":
    sys.exit(main())
