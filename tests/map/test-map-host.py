#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""test-map-host.py: `xcvrmap map` on whole generated hosts, checked against what the
generator says each vNIC must reach (host.json), independently of the implementation.

A host comes from tests/hostgen/hostgen.py: a sysfs/procfs tree (bridges, bonds, VLANs,
macvtaps, SR-IOV, vDPA), a libvirt test-driver document read through the real libvirt
API, an Open vSwitch dump made by a real ovsdb-server, and module EEPROM dumps from the
corpus. Then the failures a real host has: a device that vanishes, an Open vSwitch file
that is garbage, a module dump that is cut short, a libvirt that is not there.

Prints PASS/FAIL lines and "N passed, M failed"; exit status 1 when a check failed, 77
when the generator's tools (ovsdb-server) are missing.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

passed = 0
failed = 0


def report(ok, name, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("PASS: " + name)
    else:
        failed += 1
        print("FAIL: " + name)
        for line in str(detail).splitlines()[:40]:
            print("    " + line)


def run_map(args, host, *extra, root=None, ovsdb=None, fmt="json"):
    files = host["files"]
    base = host["_dir"]
    cmd = [args.xcvrmap, "map", "-c", "test://" + os.path.join(base, files["libvirt"]),
           "--root", root or os.path.join(base, files["root"]),
           "--eeprom-dir", os.path.join(base, files["eeprom_dir"]),
           "--format", fmt]
    if ovsdb is not None:
        cmd += ["--ovsdb", ovsdb]
    elif files.get("ovsdb"):
        cmd += ["--ovsdb", os.path.join(base, files["ovsdb"])]
    else:
        cmd += ["--ovsdb", ""]
    cmd += list(extra)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def vnic_key(v):
    return (v["domain"], v["mac"])


def check_against_expectations(args, host, got, label):
    want = {vnic_key(v): v for v in host["vnics"]}
    have = {vnic_key(v): v for v in got["vnics"]}
    report(set(want) == set(have), label + ": every vNIC of every domain, no other",
           "missing %s\nextra %s" % (sorted(set(want) - set(have)), sorted(set(have) - set(want))))
    for key in sorted(want, key=str):
        w, g = want[key], have.get(key)
        if g is None:
            continue
        name = "%s: %s %s (%s)" % (label, key[0], key[1], w["type"])
        problems = []
        if g["status"] != w["status"]:
            problems.append("status %s, expected %s (reason: %s)" % (g["status"], w["status"], g["reason"]))
        if g["type"] != w["type"]:
            problems.append("type %s, expected %s" % (g["type"], w["type"]))
        got_up = sorted((u["netdev"] or u["pci"]) for u in g["uplinks"])
        if got_up != sorted(w["uplinks"]):
            problems.append("uplinks %s, expected %s" % (got_up, sorted(w["uplinks"])))
        got_active = sorted((u["netdev"] or u["pci"]) for u in g["uplinks"] if u["active"] is not False)
        if w["status"] == "ok" and got_active != sorted(w["active_uplinks"]):
            problems.append("active %s, expected %s" % (got_active, sorted(w["active_uplinks"])))
        # the rule that decided a bond role is named exactly when there is a role
        for u in g["uplinks"]:
            if (u.get("active_rule") is None) != (u["active"] is None):
                problems.append("%s: active %s decided by rule %s" % (u["netdev"] or u["pci"],
                                                                      u["active"], u.get("active_rule")))
        for d in w.get("uplink_detail", []):
            u = next((u for u in g["uplinks"] if (u["netdev"] or u["pci"]) == d["name"]), None)
            if u is not None and d.get("pci") and u["pci"] != d["pci"]:
                problems.append("%s pci %s, expected %s" % (d["name"], u["pci"], d["pci"]))
            if u is not None and u["netdev"] != d.get("netdev"):
                problems.append("%s netdev %s, expected %s" % (d["name"], u["netdev"], d.get("netdev")))
        if w["status"] != "ok" and not g["reason"]:
            problems.append("no reason given")
        # wording is the implementation's; a reason about a network must name it
        quoted = w.get("reason", "").split("'")
        if w["status"] != "ok" and len(quoted) >= 3 and quoted[1] not in (g["reason"] or ""):
            problems.append("reason %r does not name %r" % (g["reason"], quoted[1]))
        if w["status"] == "ok" and not g["path"]:
            problems.append("empty path")
        report(not problems, name, "\n".join(problems))


def check_uplinks(host, got, label):
    ports = {p["name"]: p for p in host["ports"]}
    riders = {}
    for v in got["vnics"]:
        for u in v["uplinks"]:
            riders.setdefault(u["netdev"] or u["pci"], set()).add(v["mac"])
    problems = []
    for u in got["uplinks"]:
        name = u["netdev"] or u["pci"]
        if set(u["vnics"]) != riders.get(name, set()):
            problems.append("%s: vnics %s, but %s ride it" % (name, u["vnics"], sorted(riders.get(name, []))))
        p = ports.get(name)
        if p is None:
            continue
        m = p.get("module")
        if m and u["module"] is None:
            problems.append("%s: module not read: %s" % (name, u["module_error"]))
        if m and u["module"] is not None:
            if u["module"]["checksums_ok"] != m["checksum_ok"]:
                problems.append("%s: checksums_ok %s, expected %s" % (name, u["module"]["checksums_ok"], m["checksum_ok"]))
            if not u["module"]["vendor"] and not u["module"]["pn"]:
                problems.append("%s: module without vendor or part number" % name)
            if not m["checksum_ok"] and u["health"]["status"] == "ok":
                problems.append("%s: a bad checksum left the health ok" % name)
        if not m and p.get("netdev", True) and u["netdev"] and u["module"] is not None:
            problems.append("%s: a module where the cage is empty" % name)
        if not m and u["netdev"] and u["module_error"] and u["module_error"]["code"] != "no-module":
            problems.append("%s: empty cage reported as %s" % (name, u["module_error"]))
        if u["netdev"] and p.get("operstate") and (u["link"] or {}).get("state") != p["operstate"]:
            problems.append("%s: link %s, expected %s" % (name, u["link"], p["operstate"]))
        if p.get("operstate") == "down" and u["health"]["status"] != "down":
            problems.append("%s: link down, health %s" % (name, u["health"]["status"]))
    report(not problems, label + ": uplinks list their riders, modules, link state and health",
           "\n".join(problems))


def validate(schema, doc, label):
    try:
        import jsonschema
    except ImportError:
        print("NOTE: python3-jsonschema missing; schema check skipped")
        return
    try:
        jsonschema.Draft202012Validator(schema).validate(doc)
        report(True, label + ": validates against the JSON Schema")
    except jsonschema.ValidationError as e:
        report(False, label + ": validates against the JSON Schema",
               "%s at %s" % (e.message, list(e.absolute_path)))


NS = "{urn:xcvrmap:map:1}"


def check_xml(args, xml, got, label):
    """The XML form: valid against the RelaxNG schema, and the same map as the JSON."""
    if not args.rng:
        return
    r = subprocess.run([args.xmllint, "--noout", "--relaxng", args.rng, "-"], input=xml,
                       capture_output=True, text=True)
    report(r.returncode == 0, label + ": XML validates against xcvrmap-map.rng", r.stderr)
    import xml.etree.ElementTree as ET
    try:
        root = ET.fromstring(xml.encode())
    except ET.ParseError as e:
        report(False, label + ": XML parses", e)
        return
    vn = [(v.get("domain"), v.get("mac"), v.get("status"),
           sorted(u.get("netdev") or u.get("pci") for u in v.findall(NS + "uplink")))
          for v in root.find(NS + "vnics")]
    vj = [(v["domain"], v["mac"], v["status"], sorted(u["netdev"] or u["pci"] for u in v["uplinks"]))
          for v in got["vnics"]]
    report(vn == vj, label + ": XML vNICs are the JSON's", "xml %s\njson %s" % (vn[:3], vj[:3]))
    problems = []
    ups = root.find(NS + "uplinks").findall(NS + "uplink")
    if len(ups) != len(got["uplinks"]):
        problems.append("%d uplinks in XML, %d in JSON" % (len(ups), len(got["uplinks"])))
    for x, j in zip(ups, got["uplinks"]):
        name = j["netdev"] or j["pci"]
        h = x.find(NS + "health")
        if h.get("verdict") != j["health"]["verdict"] or \
                [e.text for e in h.findall(NS + "reason")] != j["health"]["reasons"]:
            problems.append("%s: health differs" % name)
        m, jm = x.find(NS + "module"), j["module"]
        if (m is None) != (jm is None):
            problems.append("%s: module in one form only" % name)
        elif m is not None:
            for key in ("vendor", "pn", "sn", "rev", "identifier", "connector", "family"):
                if m.get(key.replace("_", "-")) != jm.get(key):
                    problems.append("%s: module %s %r != %r" % (name, key, m.get(key), jm.get(key)))
            lanes = m.findall(NS + "lane")
            for key in ("rx_power_mw", "rx_power_dbm", "tx_bias_ma"):
                xs = [l.get(key.replace("_", "-")) for l in lanes]
                js = jm.get(key, [])
                if [float(v) if v is not None else None for v in xs[:len(js)]] != js:
                    problems.append("%s: %s %s != %s" % (name, key, xs, js))
        e, je = x.find(NS + "module-error"), j["module_error"]
        if (e is None) != (je is None) or (e is not None and e.get("code") != je["code"]):
            problems.append("%s: module error differs" % name)
        link, jl = x.find(NS + "link"), j["link"]
        if jl is not None and (link is None or link.get("state") != jl["state"] or
                               (link.get("speed-mbps") and int(link.get("speed-mbps"))) != jl["speed_mbps"]):
            problems.append("%s: link differs" % name)
    report(not problems, label + ": XML uplinks (module, link, health) are the JSON's",
           "\n".join(problems))


def check_topo(args, host, got, label):
    """`topo --format json` on every running vNIC's host device: valid, the map's hop
    shape, and the same path and uplinks as the map found for that vNIC."""
    if not args.topo_schema:
        return
    base = host["_dir"]
    root = os.path.join(base, host["files"]["root"])
    vnics = [v for v in got["vnics"] if v["status"] == "ok" and v["target"] and v["type"] in ("bridge", "direct")
             and os.path.lexists(os.path.join(root, "sys/class/net", v["target"]))]
    if not vnics:
        return
    ovsdb = os.path.join(base, host["files"]["ovsdb"]) if host["files"].get("ovsdb") else ""
    r = subprocess.run([args.xcvrmap, "topo", "--root", root, "--ovsdb", ovsdb, "--format", "json"] +
                       [v["target"] for v in vnics] + ["xcvr-nosuch0"],
                       capture_output=True, text=True, timeout=120)
    try:
        doc = json.loads(r.stdout)
    except ValueError:
        report(False, label + ": topo --format json prints JSON", r.stdout[:500] + r.stderr)
        return
    with open(args.topo_schema) as f:
        validate(json.load(f), doc, label + " topo --format json")
    walks = doc["walks"]
    report(r.returncode == 1 and len(walks) == len(vnics) + 1 and
           walks[-1].get("error", {}).get("code") == "no-device",
           label + ": topo: one walk per argument, a missing netdev is an error entry, exit 1",
           (r.returncode, walks[-1]))
    problems = []
    for v, w in zip(vnics, walks):
        if w.get("path") != v["path"]:
            problems.append("%s: path %s != map %s" % (v["target"], w.get("path"), v["path"]))
        ups = sorted((u["netdev"] or u["pci"], u["active"]) for u in w.get("uplinks", []))
        want = sorted((u["netdev"] or u["pci"], u["active"]) for u in v["uplinks"])
        if ups != want:
            problems.append("%s: uplinks %s != map %s" % (v["target"], ups, want))
    report(not problems, label + ": topo JSON has the map's paths and uplinks for %d vNICs" % len(vnics),
           "\n".join(problems))


def generate(args, spec, out):
    r = subprocess.run([sys.executable, args.hostgen, spec, out], capture_output=True,
                       text=True, timeout=300)
    if r.returncode == 77:
        print("SKIP: " + r.stdout + r.stderr)
        sys.exit(77)
    if r.returncode != 0:
        report(False, "hostgen %s" % os.path.basename(spec), r.stdout + r.stderr)
        return None
    with open(os.path.join(out, "host.json")) as f:
        host = json.load(f)
    host["_dir"] = out
    return host


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--xcvrmap", required=True)
    p.add_argument("--hostgen", required=True)
    p.add_argument("--schema", required=True)
    p.add_argument("--rng", help="xcvrmap-map.rng: check the XML form too")
    p.add_argument("--xmllint", default="xmllint")
    p.add_argument("--topo-schema", help="xcvrmap-topo.schema.json: check topo --format json")
    p.add_argument("specs", nargs="+")
    args = p.parse_args()
    if shutil.which("ovsdb-server") is None and not os.path.exists("/usr/sbin/ovsdb-server"):
        print("SKIP: ovsdb-server not installed (the generator needs it)")
        return 77
    with open(args.schema) as f:
        schema = json.load(f)

    work = tempfile.mkdtemp(prefix="xcvr-map-host-")
    try:
        first = None
        for spec in args.specs:
            label = os.path.splitext(os.path.basename(spec))[0]
            host = generate(args, spec, os.path.join(work, label))
            if host is None:
                continue
            first = first or host
            r = run_map(args, host)
            report(r.returncode == 0, label + ": map exits 0", r.stderr)
            if r.returncode != 0:
                continue
            got = json.loads(r.stdout)
            validate(schema, got, label)
            check_against_expectations(args, host, got, label)
            check_uplinks(host, got, label)
            x = run_map(args, host, fmt="xml")
            report(x.returncode == 0, label + ": map --format xml exits 0", x.stderr)
            check_xml(args, x.stdout, got, label)
            check_topo(args, host, got, label)
            t = run_map(args, host, fmt="text")
            rows = [l for l in t.stdout.splitlines() if l and not l.startswith((" ", "DOMAIN", "UPLINK", "Note"))]
            report(t.returncode == 0 and len(rows) >= len(got["vnics"]) + len(got["uplinks"]),
                   label + ": text has a row per vNIC and per uplink", t.stdout + t.stderr)
            for v in host["vnics"][:1]:
                d = run_map(args, host, "--domain", v["domain"])
                ok = d.returncode == 0 and {x["domain"] for x in json.loads(d.stdout)["vnics"]} == {v["domain"]}
                report(ok, label + ": --domain %s maps that domain only" % v["domain"], d.stderr)
        if first is None:
            return 1

        # Failures, on a copy of the first host.
        host = first
        base = host["_dir"]
        broken = os.path.join(work, "broken")
        shutil.copytree(base, broken, symlinks=True)
        victim = next((v for v in host["vnics"] if v["running"] and v.get("target") and v["status"] == "ok"
                       and os.path.lexists(os.path.join(broken, "sys/class/net", v["target"]))), None)
        if victim is not None:
            link = os.path.join(broken, "sys/class/net", victim["target"])
            if os.path.islink(link):
                os.unlink(link)
            else:
                shutil.rmtree(link)
            r = run_map(args, host, root=broken)
            got = json.loads(r.stdout) if r.returncode == 0 else {"vnics": []}
            bad = [v for v in got["vnics"] if v["status"] == "error" and vnic_key(v) != (victim["domain"], victim["mac"])]
            gone = next((v for v in got["vnics"] if vnic_key(v) == (victim["domain"], victim["mac"])), None)
            ok = (r.returncode == 0 and gone is not None and gone["status"] == "error"
                  and victim["target"] in (gone["reason"] or ""))
            expected_errors = {vnic_key(v) for v in host["vnics"] if v["status"] == "error"}
            ok = ok and all(vnic_key(v) in expected_errors for v in bad)
            report(ok, "a vanished device (%s): that vNIC is an error, the rest still map" % victim["target"],
                   r.stderr + json.dumps(gone))

        if host["files"].get("ovsdb"):
            junk = os.path.join(work, "junk-ovsdb.json")
            with open(junk, "w") as f:
                f.write('[{"caption": "Bridge table", "data": [[1, 2')
            r = run_map(args, host, ovsdb=junk)
            report(r.returncode == 1 and "Open vSwitch" in r.stderr and "Traceback" not in r.stderr,
                   "an Open vSwitch dump that is garbage: exit status 1, a clear error", r.stderr)
            r = run_map(args, host, ovsdb=os.path.join(work, "no-such-db.sock"))
            report(r.returncode == 1 and "no-such-db.sock" in r.stderr,
                   "an --ovsdb that does not exist: exit status 1, the path named", r.stderr)

        eeprom = os.path.join(broken, host["files"]["eeprom_dir"])
        dumps = sorted(f for f in os.listdir(eeprom) if f.endswith(".bin"))
        if dumps:
            cut = os.path.join(eeprom, dumps[0])
            with open(cut, "rb") as f:
                data = f.read()
            with open(cut, "wb") as f:
                f.write(data[:20])
            broken_host = dict(host)
            broken_host["_dir"] = broken
            r = run_map(args, broken_host)
            got = json.loads(r.stdout) if r.returncode == 0 else {"uplinks": []}
            name = dumps[0][:-4]
            u = next((u for u in got["uplinks"] if (u["netdev"] or u["pci"]) == name), None)
            ok = (r.returncode == 0 and (u is None or (u["module"] is None and u["module_error"]
                                                        and u["health"]["status"] != "ok")))
            report(ok, "a module dump cut short (%s): reported on its uplink, the map goes on" % name,
                   r.stderr + json.dumps(u))

        # a missing dump is "not recorded" (no-dump), not an empty cage: no warning for it
        if dumps:
            gone = os.path.join(work, "no-dump")
            shutil.copytree(base, gone, symlinks=True)
            name = dumps[-1][:-4]
            os.unlink(os.path.join(gone, host["files"]["eeprom_dir"], dumps[-1]))
            gone_host = dict(host)
            gone_host["_dir"] = gone
            r = run_map(args, gone_host)
            got = json.loads(r.stdout) if r.returncode == 0 else {"uplinks": []}
            u = next((u for u in got["uplinks"] if (u["netdev"] or u["pci"]) == name), None)
            ok = (r.returncode == 0 and u is not None and u["module"] is None and
                  (u["module_error"] or {}).get("code") == ("no-dump" if u["netdev"] else "not-supported") and
                  not any("cage" in x or "unreadable" in x for x in u["health"]["reasons"]))
            report(ok, "a missing module dump (%s): no-dump, neither an empty cage nor a warning" % name,
                   r.stderr + json.dumps(u))
            m = subprocess.run([args.xcvrmap, "module", "--eeprom-dir",
                                os.path.join(gone, host["files"]["eeprom_dir"]), "--format", "json", name],
                               capture_output=True, text=True, timeout=60)
            e = (json.loads(m.stdout)["modules"] or [{}])[0] if m.stdout else {}
            report(m.returncode == 1 and (e.get("module_error") or {}).get("code") ==
                   (u or {}).get("module_error", {}).get("code", "?"),
                   "the same missing dump (%s): the same code in `module` as in `map`" % name,
                   m.stdout + m.stderr)

        # the bundled demo host, unpacked from the binary: the same answers as the spec's
        r = subprocess.run([args.xcvrmap, "map", "--demo", "--format", "json"], capture_output=True,
                           text=True, timeout=120)
        demo = json.loads(r.stdout) if r.returncode == 0 else None
        demo_spec = next((h for h in [first] if os.path.basename(h["_dir"]) == "demo-host"), None)
        if demo is not None:
            validate(schema, demo, "map --demo")
            x = subprocess.run([args.xcvrmap, "map", "--demo", "--format", "xml"],
                               capture_output=True, text=True, timeout=120)
            report(x.returncode == 0, "map --demo --format xml exits 0", x.stderr)
            check_xml(args, x.stdout, demo, "map --demo")
            if demo_spec is not None:
                check_against_expectations(args, demo_spec, demo, "map --demo")
        report(demo is not None, "map --demo: exit status 0", r.stderr)

        r = subprocess.run([args.xcvrmap, "map", "-c", "test:///nonexistent/host.xml", "--root", base],
                           capture_output=True, text=True, timeout=60)
        report(r.returncode == 1 and r.stderr.strip() != "" and "xcvrmap topo" in r.stderr,
               "libvirt cannot open the host: exit status 1 with a clear error", r.stderr)
        r = subprocess.run([args.xcvrmap, "map", "-c", "test://" + os.path.join(base, "libvirt.xml"),
                            "--root", os.path.join(work, "nowhere")], capture_output=True, text=True, timeout=60)
        report(r.returncode == 1 and "nowhere" in r.stderr, "a --root without sys/class/net: exit status 1",
               r.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
