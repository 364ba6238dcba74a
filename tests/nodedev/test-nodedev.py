#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""xcvrmap nodedev-dumpxml and nodedev-list on libvirt's test driver, over hosts made by
tests/hostgen/hostgen.py (their libvirt.xml carries the host's PCI functions and netdevs
as node devices): every device's document is libvirt's own (virsh nodedev-dumpxml) with
our element removed, byte for byte; it has at most one element of ours, the last child of
<device>; the uplinks' net_ and pci_ devices and the used VFs get it, the others do not;
every annotated document validates against libvirt's nodedev.rng extended with ours
(xmllint); --annotated lists exactly those; a netdev name finds its net_ device; bad
input fails with status 1 and a message. TAP output."""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = "urn:xcvrmap:nodedev:1"
OURS = re.compile(r"  <xcvrmap:(uplink|vf) .*?\n  </xcvrmap:\1>\n", re.S)

n = 0
failed = 0


def ok(cond, what, detail=""):
    global n, failed
    n += 1
    if cond:
        print("ok %d - %s" % (n, what))
    else:
        failed += 1
        print("not ok %d - %s" % (n, what))
        for line in str(detail).splitlines()[:40]:
            print("# " + line)


def run(args, **kw):
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, **kw)


def check_host(a, spec, vf_expect, expect_annotated=()):
    tmp = tempfile.mkdtemp(prefix="xcvr-nodedev-")
    host = os.path.join(tmp, "host")
    r = run([sys.executable, a.hostgen, spec, host])
    if r.returncode != 0:
        ok(False, "hostgen " + spec, r.stderr)
        return
    uri = "test://" + os.path.join(host, "libvirt.xml")
    src = ["-c", uri, "--root", host, "--ovsdb", ""]
    names = sorted(d.findtext("name") for d in
                   ET.parse(os.path.join(host, "libvirt.xml")).getroot().findall("device"))
    base = os.path.basename(spec)

    r = run([a.xcvrmap, "nodedev-list"] + src)
    ok(r.returncode == 0 and r.stdout.split() == names,
       "%s: nodedev-list names every node device" % base, r.stdout + r.stderr)
    r = run([a.xcvrmap, "nodedev-list", "--cap", "pci"] + src)
    ok(r.returncode == 0 and r.stdout.split() == [x for x in names if x.startswith("pci_")],
       "%s: nodedev-list --cap pci" % base, r.stdout + r.stderr)

    uplinks = set()
    annotated = []
    for name in names:
        virsh = run(["virsh", "-c", uri, "nodedev-dumpxml", name])
        theirs = virsh.stdout[:-1] if virsh.stdout.endswith("\n\n") else virsh.stdout
        r = run([a.xcvrmap, "nodedev-dumpxml", "--eeprom-dir", os.path.join(host, "eeprom")]
                + src + [name])
        if r.returncode != 0:
            ok(False, "%s: nodedev-dumpxml %s" % (base, name), r.stderr)
            continue
        ours = r.stdout
        found = OURS.findall(ours)
        stripped = OURS.sub("", ours)
        ok(stripped == theirs, "%s: %s without our element is libvirt's document" % (base, name),
           "ours:\n%s\nlibvirt's:\n%s" % (ours, theirs))
        root = ET.fromstring(ours)
        mine = [c for c in root if c.tag.startswith("{%s}" % NS)]
        ok(len(mine) <= 1 and len(found) == len(mine) and
           (not mine or root[-1] is mine[0]),
           "%s: %s has at most one element of ours, the last child" % (base, name), ours)
        if not mine:
            continue
        annotated.append(name)
        with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
            f.write(ours)
        v = run(["xmllint", "--noout", "--relaxng", a.schema, f.name])
        os.unlink(f.name)
        ok(v.returncode == 0, "%s: %s validates against libvirt's nodedev.rng + ours"
           % (base, name), v.stderr + ours)
        el = mine[0]
        if el.tag == "{%s}uplink" % NS:
            uplinks.add(el.get("pci"))
            ok(el.find("{%s}placement" % NS) is not None and
               el.find("{%s}health" % NS) is not None,
               "%s: %s's uplink element has health and placement" % (base, name))
        else:
            up = el.find("{%s}uplink" % NS)
            ok(up is not None and up.get("pci") == el.get("pf"),
               "%s: %s's vf element holds its PF's uplink" % (base, name), ours)
            if name in vf_expect:
                pf, index, domain = vf_expect[name]
                vn = [x.get("domain") for x in el.findall("{%s}vnic" % NS)]
                ok(el.get("pf") == pf and el.get("index") == str(index) and vn == [domain],
                   "%s: VF %s is index %d of %s, used by %s" % (base, name, index, pf, domain),
                   ours)
    for name, _ in vf_expect.items():
        ok(name in annotated, "%s: VF %s is annotated" % (base, name))
    for name in expect_annotated:
        ok(name in annotated, "%s: %s is annotated (no vNIC rides it)" % (base, name))
    r = run([a.xcvrmap, "nodedev-list", "--annotated"] + src)
    ok(r.returncode == 0 and r.stdout.split() == annotated,
       "%s: nodedev-list --annotated lists the annotated devices" % base,
       r.stdout + r.stderr + "\nexpected: %s" % annotated)
    return host, uri, src


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--xcvrmap", required=True)
    p.add_argument("--hostgen", required=True)
    p.add_argument("--schema", required=True)
    p.add_argument("--domain-schema", required=True)
    p.add_argument("specs", nargs="+")
    a = p.parse_args()
    if run(["virsh", "--version"]).returncode != 0:
        print("1..0 # SKIP no virsh")
        return 0

    hosts = []
    for spec in a.specs:
        vf = {}
        more = ()
        if os.path.basename(spec) == "demo-host.json":
            vf = {"pci_0000_41_02_1": ("0000:41:00.0", 1, "nfv-fw")}
        if spec.endswith("inventory/host.json"):
            # a port no vNIC rides, its PCI function and its unused VF
            more = ("net_enp65s0f0_b8_ce_f6_4a_10_00", "pci_0000_41_00_0", "pci_0000_41_02_0")
        hosts.append(check_host(a, spec, vf, more))

    host, uri, src = hosts[0]
    r = run([a.xcvrmap, "nodedev-dumpxml"] + src + ["enp3s0f0"])
    ok(r.returncode == 0 and "<name>net_enp3s0f0_" in r.stdout and
       'netdev="enp3s0f0"' in r.stdout, "a netdev name finds its net_ device", r.stdout + r.stderr)
    r = run([a.xcvrmap, "nodedev-dumpxml"] + src + ["net_nosuch_00_00_00_00_00_00"])
    ok(r.returncode == 1 and "no node device 'net_nosuch" in r.stderr and r.stdout == "",
       "a device that does not exist: status 1 and says so", r.stderr)
    gone = ["-c", "test://" + os.path.join(host, "missing.xml"), "--root", host, "--ovsdb", ""]
    r = run([a.xcvrmap, "nodedev-dumpxml"] + gone + ["enp3s0f0"])
    ok(r.returncode == 1 and "libvirt" in r.stderr and r.stdout == "",
       "libvirt unreachable: status 1 and says so", r.stderr)
    r = run([a.xcvrmap, "nodedev-list", "--cap", "usb"] + src)
    ok(r.returncode == 2, "an unknown --cap is bad usage", r.stderr)
    r = run([a.xcvrmap, "nodedev-dumpxml"] + src)
    ok(r.returncode == 2, "nodedev-dumpxml without DEVICE is bad usage", r.stderr)

    # the bundled demo host carries the same node devices
    r = run([a.xcvrmap, "nodedev-list", "--demo", "--annotated"])
    ok(r.returncode == 0 and "net_enp129s0f1_b4_96_91_c2_7e_51" in r.stdout.split(),
       "nodedev-list --demo --annotated", r.stdout + r.stderr)
    r = run([a.xcvrmap, "nodedev-dumpxml", "--demo", "enp129s0f1"])
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
        f.write(r.stdout)
    v = run(["xmllint", "--noout", "--relaxng", a.schema, f.name])
    os.unlink(f.name)
    ok(r.returncode == 0 and v.returncode == 0 and 'media="lr"' in r.stdout,
       "nodedev-dumpxml --demo enp129s0f1: annotated and valid", r.stderr + v.stderr)
    r = run([a.xcvrmap, "nodedev-list", "--demo"] + src)
    ok(r.returncode == 2, "--demo with -c is bad usage", r.stderr)

    # publish: what --dry-run prints is valid; a run writes every domain; a missing domain
    # fails with status 1; the test driver forgets between processes, so read-back is the
    # in-process test's (xcvr-publish-test)
    r = run([a.xcvrmap, "publish", "--dry-run", "--eeprom-dir", os.path.join(host, "eeprom")]
            + src)
    docs = [d for d in re.split(r"<!-- [^>]* -->\n", r.stdout) if d]
    ok(r.returncode == 0 and len(docs) >= 3, "publish --dry-run prints each domain's element",
       r.stdout + r.stderr)
    for d in docs:
        with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
            f.write(d)
        v = run(["xmllint", "--noout", "--relaxng", a.domain_schema, f.name])
        os.unlink(f.name)
        ok(v.returncode == 0 and "temperature" not in d and "power" not in d,
           "publish --dry-run: valid against xcvrmap-domain.rng, only stable facts",
           v.stderr + d)
    r = run([a.xcvrmap, "publish"] + src)
    lines = r.stdout.splitlines()
    ok(r.returncode == 0 and len(lines) == len(docs) and
       all(re.match(r"^\S+: written \((live|config|live, config)\)$", x) for x in lines),
       "publish writes every domain, live and/or config", r.stdout + r.stderr)
    r = run([a.xcvrmap, "publish", "-d", "no-such-domain"] + src)
    ok(r.returncode == 1 and "no-such-domain" in r.stderr, "publish -d of a missing domain: "
       "status 1, named", r.stdout + r.stderr)
    r = run([a.xcvrmap, "publish", "--dry-run", "--remove"] + src)
    ok(r.returncode == 2, "publish --dry-run --remove is bad usage", r.stderr)
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
