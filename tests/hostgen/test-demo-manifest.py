#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""test-demo-manifest.py: the committed demo-host manifest is what the generator makes.

    test-demo-manifest.py --unpacker BUILD/tests/demo-host-unpack --manifest MANIFEST
                          [--spec tests/hostgen/demo-host.json] [--virsh virsh]

1. Regenerates the demo host from its spec (a real ovsdb-server makes ovsdb.json) and packs
   it: it must equal the committed manifest byte for byte. Where this machine's OVS schema
   differs from the one the manifest was made with, ovsdb.json is left out of the
   comparison (said on stdout). Skips (77) without the Open vSwitch tools.
2. The CLI's C materializer unpacks the committed manifest (from the file, and the copy
   embedded in the build) into a tree that packs back to the same manifest; removing it
   leaves what its links point at alone.
3. The materializer refuses hostile manifests without writing outside its directory.
4. The host itself: every running domain's tap/macvtap target exists in sysfs, and, with
   virsh, the libvirt test driver loads every domain in its intended state.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import hostgen  # noqa: E402
import pack  # noqa: E402

failures = []


def check(cond, what):
    print("%s - %s" % ("ok" if cond else "not ok", what))
    if not cond:
        failures.append(what)


def manifest_without(text, path):
    return "\n".join(l for l in text.split("\n") if not l.startswith("t %s " % path)) + "\n"


def first_difference(a, b):
    la, lb = a.split("\n"), b.split("\n")
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return "line %d:\n  committed: %s\n  generated: %s" % (i + 1, x[:200], y[:200])
    return "lengths differ (%d vs %d lines)" % (len(la), len(lb))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--unpacker", required=True)
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--spec", default=os.path.join(HERE, "demo-host.json"))
    ap.add_argument("--virsh", default=shutil.which("virsh"))
    a = ap.parse_args()

    for tool in ("ovsdb-tool", "ovsdb-server", "ovs-vsctl", "ovsdb-client"):
        if shutil.which(tool) is None:
            print("SKIP: %s not found" % tool)
            return 77
    with open(a.manifest, encoding="utf-8") as f:
        committed = f.read()

    tmp = tempfile.mkdtemp(prefix="xcvr-hostgen-test-")
    try:
        # 1. regenerate
        out = os.path.join(tmp, "gen")
        with open(a.spec, encoding="utf-8") as f:
            spec = json.load(f)
        hostgen.generate(spec, out, os.environ.get("XCVR_CORPUS_DIR", hostgen.DEFAULT_CORPUS))
        generated = pack.pack(out)
        with open(os.path.join(out, "host.json")) as f:
            here_schema = json.load(f)["ovs_schema"]
        pack_committed = committed
        for line in committed.split("\n"):
            if line.startswith("t host.json "):
                doc = json.loads(pack.unescape(line[len("t host.json "):]))
                if doc.get("ovs_schema") != here_schema:
                    print("# OVS schema %s here, %s in the manifest: ovsdb.json not compared"
                          % (here_schema, doc.get("ovs_schema")))
                    pack_committed = manifest_without(committed, "ovsdb.json")
                    generated = manifest_without(generated, "ovsdb.json")
        same = pack_committed == generated
        check(same, "regenerated demo host equals the committed manifest")
        if not same:
            print("# " + first_difference(pack_committed, generated).replace("\n", "\n# "))
            print("# regenerate: tests/hostgen/hostgen.py tests/hostgen/demo-host.json OUT && "
                  "tests/hostgen/pack.py OUT > src/cli/demo/demo-host.manifest")

        # 2. the C materializer, from the file and from the build
        c_out = os.path.join(tmp, "c")
        os.mkdir(c_out)
        r = subprocess.run([a.unpacker, a.manifest, c_out], capture_output=True, text=True)
        check(r.returncode == 0, "C materializer unpacks the manifest (%s)" % r.stderr.strip())
        check(pack.pack(c_out) == committed, "C-unpacked tree packs back to the manifest")
        r = subprocess.run([a.unpacker, "--embedded"], capture_output=True, text=True)
        check(r.returncode == 0, "C materializer unpacks the embedded manifest")
        if r.returncode == 0:
            emb = r.stdout.strip()
            check(os.path.basename(emb).startswith("xcvrmap-demo-host-")
                  and (os.stat(emb).st_mode & 0o077) == 0, "embedded host in a private dir")
            check(pack.pack(emb) == committed, "embedded manifest is the committed one")
            outside = os.path.join(tmp, "outside")
            os.mkdir(outside)
            with open(os.path.join(outside, "keep"), "w") as f:
                f.write("keep\n")
            os.symlink(outside, os.path.join(emb, "planted-link"))
            subprocess.run([a.unpacker, "--remove", emb], check=True)
            check(not os.path.lexists(emb) and os.path.exists(os.path.join(outside, "keep")),
                  "remove deletes the tree and nothing a link points at")

        # 3. hostile manifests
        hostile = {
            "dotdot path": "d a\nt a/../x hi\n",
            "absolute path": "t /tmp/x hi\n",
            "empty component": "d a\nt a//x hi\n",
            "dot component": "d a\nt a/./x hi\n",
            "absolute link": "l x /etc\n",
            "link escaping": "d a\nl a/x ../../etc\n",
            "link through a link": "d a\nl a/up ..\nl a/x up/../../etc\n",
            "file through a link": "d a\nl b a\nt b/x hi\n",
            "file in an unlisted dir": "t a/x hi\n",
            "duplicate": "d a\nd a\n",
            "bad escape": "t x a\\qb\n",
            "bad base64": "b x ab$=\n",
            "escaped NUL in a path": "t x\\000y hi\n",
            "unknown entry": "z x\n",
            "no magic": None,
        }
        for name, body in hostile.items():
            d = os.path.join(tmp, "hostile")
            os.mkdir(d)
            mf = os.path.join(tmp, "hostile.manifest")
            with open(mf, "w") as f:
                f.write("something else\n" if body is None else pack.MAGIC + "\n" + body)
            before = set(os.listdir(tmp))
            r = subprocess.run([a.unpacker, mf, d], capture_output=True, text=True)
            check(r.returncode == 1 and set(os.listdir(tmp)) == before,
                  "refuses a manifest with a %s (%s)" % (name, r.stderr.strip()))
            shutil.rmtree(d)
        d = os.path.join(tmp, "nul")
        os.mkdir(d)
        mf = os.path.join(tmp, "nul.manifest")
        with open(mf, "wb") as f:
            f.write(pack.MAGIC.encode() + b"\nt x a\0b\n")
        r = subprocess.run([a.unpacker, mf, d], capture_output=True, text=True)
        check(r.returncode == 1, "refuses a manifest holding a NUL byte")

        # 4. the host: targets in sysfs, libvirt's view
        with open(os.path.join(c_out, "host.json")) as f:
            doc = json.load(f)
        for v in doc["vnics"]:
            if v["running"] and v["type"] in ("bridge", "network", "direct", "ethernet") \
                    and v["target"]:
                check(os.path.isdir(os.path.join(c_out, "sys/class/net", v["target"])),
                      "%s %s: target %s in sysfs" % (v["domain"], v["mac"], v["target"]))
        if a.virsh:
            uri = "test://" + os.path.join(c_out, "libvirt.xml")
            r = subprocess.run([a.virsh, "-c", uri, "list", "--all"], capture_output=True,
                               text=True)
            check(r.returncode == 0, "virsh loads the host (%s)" % r.stderr.strip())
            states = {}
            for line in r.stdout.splitlines()[2:]:
                cols = line.split(None, 2)
                if len(cols) == 3:
                    states[cols[1]] = cols[2].strip()
            want = {"running": "running", "paused": "paused", "shutoff": "shut off"}
            for dom in {v["domain"]: v["state"] for v in doc["vnics"]}.items():
                check(states.get(dom[0]) == want[dom[1]],
                      "virsh: %s is %s" % (dom[0], want[dom[1]]))
        else:
            print("# virsh not found: libvirt's view not checked")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d failure(s)" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
