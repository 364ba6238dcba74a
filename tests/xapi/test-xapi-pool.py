#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""test-xapi-pool.py: `xcvrmap pool` against a fake xapi whose host.call_plugin runs the real
plugin as xapi does: host A answers with its map (hostgen dom0, real ovsdb-server), host B
is down, host C lacks the plugin, host D never answers, host E's plugin hangs on its own
xapi (and stops at the part of the timeout pool hands it); each failure is that host's
error, within the per-host timeout, and A still answers.

    test-xapi-pool.py --xcvrmap EXE --plugin PLUGIN --hostgen HOSTGEN.py
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
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--hostgen", required=True)
    a = ap.parse_args()
    base = "/tmp" if len(os.environ.get("TMPDIR", "/tmp")) > 40 else None
    with tempfile.TemporaryDirectory(prefix="xcvr-pool.", dir=base) as tmp:
        dom0 = xapi_pool.Dom0(tmp, a.hostgen)
        classes = xapi_pool.pool_classes()
        for name, uid in (("hC", xapi_pool.u("hC")), ("hD", xapi_pool.u("hD")),
                          ("hE", xapi_pool.u("hE"))):
            classes["host"][xapi_pool.ref(name)] = {
                "uuid": uid, "name_label": "xcp-" + name[1].lower(), "hostname": "",
                "enabled": True, "PIFs": [], "resident_VMs": []}
        sock = os.path.join(tmp, "xapi.sock")
        plugin = os.path.abspath(a.plugin)
        plugins = {
            xapi_pool.ref("hA"): {"path": plugin, "args": {
                "xapi": sock, "root": dom0.root, "ovsdb": dom0.ovsdb,
                "eeprom_dir": os.path.join(dom0.root, "eeprom")}},
            xapi_pool.ref("hB"): {"path": plugin, "down": True},
            xapi_pool.ref("hC"): {"path": None},
            xapi_pool.ref("hD"): {"path": plugin, "hang": True},
            xapi_pool.ref("hE"): {"path": plugin, "args": {
                "xapi": os.path.join(tmp, "hang.sock"), "root": dom0.root,
                "ovsdb": dom0.ovsdb}},
        }
        hang = xapi_pool.FakeXapi(tmp, "hang", classes, mode="hang")
        fake = xapi_pool.FakeXapi(tmp, "xapi", classes, plugins=plugins)
        try:
            t0 = time.monotonic()
            r = subprocess.run([a.xcvrmap, "pool", "--xapi=" + fake.socket, "--format",
                                "json", "--timeout", "3"], capture_output=True, text=True,
                               timeout=60)
            secs = time.monotonic() - t0
            check(r.returncode == 0, "pool exits 0 (%s)" % r.stderr.strip())
            doc = json.loads(r.stdout)
            check(doc["pool"] == xapi_pool.u("pool"), "the pool's uuid")
            hosts = {h["host"]: h for h in doc["hosts"]}
            check([h["host"] for h in doc["hosts"]] ==
                  ["xcp-a", "xcp-b", "xcp-c", "xcp-d", "xcp-e"],
                  "every host, by name")
            a_ = hosts.get("xcp-a", {})
            check(a_.get("uuid") == xapi_pool.HOST_A and "map" in a_, "host A answers")
            if "map" in a_:
                xapi_pool.check_map(a_["map"], check, "pool host A")
            for name, code in (("xcp-b", "HOST_OFFLINE"), ("xcp-c", "XENAPI_MISSING_PLUGIN"),
                               ("xcp-d", "XCVRMAP_TIMEOUT")):
                err = hosts.get(name, {}).get("error") or {}
                check(err.get("code") == code and err.get("message") and
                      "map" not in hosts.get(name, {}),
                      "%s: error %s (%s)" % (name, code, err))
            # host E: pool hands its plugin 4/5 of the per-host timeout, and the plugin's own
            # budget ends the xapi call that hangs, naming it, before that
            err = hosts.get("xcp-e", {}).get("error") or {}
            check(err.get("code") == "XCVRMAP_TIMEOUT" and
                  "hang.sock: xapi did not answer in time" in err.get("message", ""),
                  "xcp-e: the plugin's own timeout names the xapi that hung (%s)" % err)
            check(secs < 8, "hosts asked at once: %.1fs with a 3 s per-host timeout" % secs)
            calls = fake.calls()
            e_calls = [c for c in calls if c.get("plugin_host") == xapi_pool.ref("hE")]
            check(len(e_calls) == 1 and e_calls[0].get("plugin_timeout") == "2.4" and
                  e_calls[0]["plugin_seconds"] < 2.4,
                  "xcp-e: the plugin was given 4/5 of pool's timeout and ended within it (%s)"
                  % e_calls)
            check([c["method"] for c in calls].count("session.logout") == 1,
                  "one session, logged out once")
            r = subprocess.run([a.xcvrmap, "pool", "--xapi=" + fake.socket, "--timeout", "3"],
                               capture_output=True, text=True, timeout=60)
            lines = r.stdout.splitlines()
            check(r.returncode == 0 and lines[1].split()[:2] == ["HOST", "VM"] and
                  any(l.startswith("xcp-a") and "web" in l for l in lines) and
                  any(l.startswith("xcp-c") and "XENAPI_MISSING_PLUGIN" in l for l in lines),
                  "text view with a host column")
            r = subprocess.run([a.xcvrmap, "pool", "--xapi=" + os.path.join(tmp, "no.sock")],
                               capture_output=True, text=True, timeout=60)
            check(r.returncode == 1 and "cannot reach xapi" in r.stderr,
                  "master's xapi absent: exit 1")
        finally:
            fake.close()
            hang.close()
            dom0.close()
    print("%d failed" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
