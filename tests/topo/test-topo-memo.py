#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""test-topo-memo.py: on whole generated hosts, a whole-host pass whose walks share what lies
below each bridge answers every walk as walks that share nothing do (topo-memo-check.c).

    test-topo-memo.py --check BUILD/tests/topo-memo-check --hostgen hostgen.py SPEC... [--large N]

Each host comes from tests/hostgen/hostgen.py (with its Open vSwitch dump when the Open
vSwitch tools are there; without, the host is made and checked without it).
"""
import argparse
import os
import subprocess
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", required=True)
    ap.add_argument("--hostgen", required=True)
    ap.add_argument("--large", type=int, action="append", default=[])
    ap.add_argument("specs", nargs="*")
    a = ap.parse_args()

    failed = 0
    with tempfile.TemporaryDirectory(prefix="xcvr-topo-memo-") as tmp:
        hosts = [(os.path.basename(s), [s]) for s in a.specs]
        hosts += [("large-%d" % n, ["--large", str(n)]) for n in a.large]
        for i, (label, gen_args) in enumerate(hosts):
            out = os.path.join(tmp, "h%d" % i)
            r = subprocess.run([sys.executable, a.hostgen] + gen_args + [out])
            if r.returncode == 77:
                os.rmdir(out) if os.path.isdir(out) and not os.listdir(out) else None
                r = subprocess.run([sys.executable, a.hostgen, "--no-ovs"] + gen_args + [out])
            if r.returncode != 0:
                print("FAIL: %s: hostgen exit %d" % (label, r.returncode))
                failed += 1
                continue
            cmd = [a.check, out]
            if os.path.exists(os.path.join(out, "ovsdb.json")):
                cmd.append(os.path.join(out, "ovsdb.json"))
            r = subprocess.run(cmd, capture_output=True, text=True)
            head = "\n".join(r.stdout.splitlines()[:3])
            if r.returncode != 0:
                print("FAIL: %s\n%s\n%s" % (label, r.stdout[-4000:], r.stderr[-2000:]))
                failed += 1
            else:
                print("PASS: %s\n%s" % (label, head))
    print("%d hosts, %d failed" % (len(hosts), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
