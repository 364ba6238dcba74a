#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""test-xapi-map.py: `xcvrmap map --xapi=SOCKET` against a fake xapi serving a two-host pool
(every case of the XAPI VM source), host A's dom0 from hostgen and a real ovsdb-server
holding the vif ports and their external_ids; then the failures: socket absent, a reply that
is not XML-RPC, an endless reply, a libvirt-only flag beside --xapi.

    test-xapi-map.py --xcvrmap EXE --hostgen HOSTGEN.py --schema MAP.schema.json
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xapi_pool  # noqa: E402

failures = 0


def check(cond, what):
    global failures
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failures += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--xcvrmap", required=True)
    ap.add_argument("--hostgen", required=True)
    ap.add_argument("--schema", required=True)
    a = ap.parse_args()
    base = "/tmp" if len(os.environ.get("TMPDIR", "/tmp")) > 40 else None
    with tempfile.TemporaryDirectory(prefix="xcvr-xapi.", dir=base) as tmp:
        dom0 = xapi_pool.Dom0(tmp, a.hostgen)
        classes = xapi_pool.pool_classes()
        fake = xapi_pool.FakeXapi(tmp, "xapi", classes)
        try:
            run(a, tmp, dom0, fake, classes)
        finally:
            fake.close()
            dom0.close()
    print("%d failed" % failures)
    return 1 if failures else 0


def run(a, tmp, dom0, fake, classes):
    base = [a.xcvrmap, "map", "--root", dom0.root, "--ovsdb", dom0.ovsdb,
            "--eeprom-dir", os.path.join(dom0.root, "eeprom")]
    r = subprocess.run(base + ["--xapi=" + fake.socket, "--format", "json"],
                       capture_output=True, text=True, timeout=60)
    check(r.returncode == 0, "map --xapi=SOCKET exits 0 (%s)" % r.stderr.strip())
    if r.returncode != 0:
        return
    doc = json.loads(r.stdout)
    xapi_pool.check_map(doc, check, "map --xapi")
    try:
        import jsonschema
        with open(a.schema) as f:
            jsonschema.validate(doc, json.load(f))
        check(True, "the map validates against the map schema")
    except ImportError:
        print("# jsonschema not installed: schema not checked")
    except Exception as e:  # noqa: BLE001
        check(False, "schema: %s" % e)

    calls = fake.calls()
    methods = [c["method"] for c in calls]
    check(methods.count("session.login_with_password") == 1 and
          methods.count("session.logout") == 1 and methods[-1] == "session.logout",
          "logs in once as XenAPI.py does locally and logs its own session out")
    check(all(m.endswith(".get_all_records") for m in methods[1:-1]) and
          len(methods) - 2 == len(set(methods[1:-1])) <= 10,
          "reads with one get_all_records per class (%s)" % methods[1:-1])

    # text view works on the same source
    r = subprocess.run(base + ["--xapi=" + fake.socket], capture_output=True, text=True,
                       timeout=60)
    check(r.returncode == 0 and "halted-here" in r.stdout and "on-b" not in r.stdout,
          "text view from xapi")

    # one VM only
    r = subprocess.run(base + ["--xapi=" + fake.socket, "--format", "json", "-d", "sriov"],
                       capture_output=True, text=True, timeout=60)
    check(r.returncode == 0 and
          [v["domain"] for v in json.loads(r.stdout)["vnics"]] == ["sriov", "sriov"],
          "-d VM keeps one VM")

    # failures
    r = subprocess.run(base + ["--xapi=" + os.path.join(tmp, "absent.sock")],
                       capture_output=True, text=True, timeout=60)
    check(r.returncode == 1 and "cannot reach xapi" in r.stderr,
          "socket absent: exit 1, says so (%s)" % r.stderr.strip())
    if not os.path.exists("/var/lib/xcp/xapi"):
        r = subprocess.run(base + ["--xapi"], capture_output=True, text=True, timeout=60)
        check(r.returncode == 1 and "/var/lib/xcp/xapi" in r.stderr,
              "--xapi without a socket means /var/lib/xcp/xapi (%s)" % r.stderr.strip())
    r = subprocess.run(base + ["--xapi", "-c", "test:///default"], capture_output=True,
                       text=True, timeout=60)
    check(r.returncode == 2, "--xapi with -c is a usage error")
    for mode, want in (("garbage", "not XML"), ("huge", "cap")):
        f = xapi_pool.FakeXapi(tmp, mode, classes, mode=mode)
        try:
            t0 = time.monotonic()
            r = subprocess.run(base + ["--xapi=" + f.socket], capture_output=True, text=True,
                               timeout=120)
            check(r.returncode == 1 and want in r.stderr,
                  "xapi answering %s: exit 1 in %.1fs (%s)" % (
                      mode, time.monotonic() - t0, r.stderr.strip()[:200]))
        finally:
            f.close()
    # no inventory: this host's uuid must come from etc/xensource-inventory
    inv = os.path.join(dom0.root, "etc", "xensource-inventory")
    os.rename(inv, inv + ".away")
    r = subprocess.run(base + ["--xapi=" + fake.socket], capture_output=True, text=True,
                       timeout=60)
    os.rename(inv + ".away", inv)
    check(r.returncode == 1 and "xensource-inventory" in r.stderr,
          "no etc/xensource-inventory under the root: exit 1 (%s)" % r.stderr.strip())


if __name__ == "__main__":
    sys.exit(main())
