#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""test-xapi-watch.py: `xcvrmap watch --xapi` follows XAPI's event.from. The fake xapi
(tests/xapi/fake-xapi.py: xapi's generations, blocking event.from, tokens) serves the
two-host pool of xapi_pool.py; while `watch` runs with a one-hour interval, a halted VM is
started here, a running one migrates away, a VIF is unplugged — each reaches map.json in
seconds, through events alone, walking only that VM's vNICs — while a VM of the other host stopping asks for no cycle;
SIGTERM ends a watch blocked in event.from at once and logs out. At a 0.1 s interval, polls
keep the walks and ask xapi for no VM but every tenth. Against an xapi whose event.from
fails, the watch lists again after 1, 2, 4 … s.

    test-xapi-watch.py --xcvrmap EXE --hostgen HOSTGEN.py
"""
import argparse
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import xmlrpc.client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xapi_pool  # noqa: E402
from xapi_pool import ref, u  # noqa: E402

failures = 0


def check(cond, what):
    global failures
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failures += 1


class UnixTransport(xmlrpc.client.Transport):
    """XML-RPC over xapi's unix socket, as XenAPI.py's xapi_local() speaks it."""

    def __init__(self, path):
        super().__init__()
        self.path = path

    def make_connection(self, host):
        conn = http.client.HTTPConnection("localhost")
        path = self.path

        def connect():
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(path)
            conn.sock = s
        conn.connect = connect
        return conn


class Client:
    def __init__(self, sock):
        self.proxy = xmlrpc.client.ServerProxy("http://localhost/",
                                               transport=UnixTransport(sock))
        r = self.proxy.session.login_with_password("root", "", "1.0", "test")
        self.session = r["Value"]

    def call(self, method, *args):
        fn = self.proxy
        for part in method.split("."):
            fn = getattr(fn, part)
        r = fn(self.session, *args)
        if r["Status"] != "Success":
            raise RuntimeError("%s: %s" % (method, r["ErrorDescription"]))
        return r["Value"]


def read_map(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def wait_for(pred, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(0.02)
    return pred()


def n_calls(fake, method):
    return sum(1 for c in fake.calls() if c["method"] == method)


def vnic(doc, key):
    for v in (doc or {}).get("vnics", []):
        if v.get("vif_uuid") == u(key):
            return v
    return None


def isolated():
    """A network namespace of the watch's own where one can be had: the dom0 is a copy,
    and this machine's link events (other tests making netdevs) would ask for full cycles
    the checks below count."""
    if os.geteuid() == 0 and subprocess.run(["unshare", "-n", "true"],
                                            stderr=subprocess.DEVNULL).returncode == 0:
        return ["unshare", "-n"]
    return []


def watch_cmd(a, dom0, fake, state):
    return isolated() + [a.xcvrmap, "watch", "--xapi=" + fake.socket, "--root", dom0.root,
            "--ovsdb", dom0.ovsdb, "--eeprom-dir", os.path.join(dom0.root, "eeprom"),
            "--state-dir", state, "--interval", "3600"]


def stop(p, fake, debug):
    """Whatever a case left: the watch killed, the fake xapi and the debug file closed."""
    if p.poll() is None:
        p.kill()
        p.wait()
    fake.close()
    debug.close()


def events(a, tmp, dom0):
    fake = xapi_pool.FakeXapi(tmp, "xapi", xapi_pool.pool_classes())
    state = os.path.join(tmp, "st")
    mapf = os.path.join(state, "map.json")
    debug = open(os.path.join(tmp, "watch-debug.out"), "w")
    # GLib prints debug messages (one per cycle) on stdout
    p = subprocess.Popen(watch_cmd(a, dom0, fake, state), stdout=debug,
                         stderr=subprocess.PIPE, text=True,
                         env=dict(os.environ, G_MESSAGES_DEBUG="all"))
    try:
        # the start cycle, then the one the subscription asks for (what changed before it)
        ok = wait_for(lambda: n_calls(fake, "event.from") >= 1 and
                      n_calls(fake, "VM.get_all_records") >= 2 and read_map(mapf), 30)
        check(bool(ok), "watch --xapi subscribes with event.from and writes map.json")
        if not ok:
            return
        time.sleep(0.5)
        doc = read_map(mapf)
        xapi_pool.check_map(doc, check, "watch --xapi, first map.json")
        lists = n_calls(fake, "VM.get_all_records")
        cli = Client(fake.socket)

        # a VM of the other host stops: nothing here changes, no cycle
        cli.call("VM.hard_shutdown", ref("on-b"))
        time.sleep(1.5)
        check(n_calls(fake, "VM.get_all_records") == lists or not isolated(),
              "a VM of another host stopping asks for no cycle (%d lists, then %d)" % (
                  lists, n_calls(fake, "VM.get_all_records")))

        steps = [
            ("VM.start_on", (ref("halted-here"), ref("hA"), False, False),
             "a halted VM started here",
             lambda d: (vnic(d, "v50") or {}).get("running") is True),
            ("VM.pool_migrate", (ref("web"), ref("hB"), {}),
             "a running VM migrated to the other host",
             lambda d: d is not None and vnic(d, "v10") is None and vnic(d, "v50") is not None),
            ("VIF.unplug", (ref("v20"),), "a VIF unplugged",
             lambda d: "unplugged" in ((vnic(d, "v20") or {}).get("reason") or "")),
            # renamed: its vNICs under the new name only (none left under the old one)
            ("VM.set_name_label", (ref("halted-here"), "renamed-vm"), "a VM renamed",
             lambda d: (vnic(d, "v50") or {}).get("domain") == "renamed-vm" and
             sum(1 for v in d["vnics"] if v.get("vif_uuid") == u("v50")) == 1),
        ]
        for method, args, what, pred in steps:
            t0 = time.monotonic()
            cli.call(method, *args)
            got = wait_for(lambda: pred(read_map(mapf)), 10)
            dt = time.monotonic() - t0
            check(bool(got), "%s reaches map.json through event.from in %.2f s (interval "
                  "3600 s)" % (what, dt))

        # map.json is what `map --xapi` says of the pool as it now is
        r = subprocess.run([a.xcvrmap, "map", "--xapi=" + fake.socket, "--root", dom0.root,
                            "--ovsdb", dom0.ovsdb, "--eeprom-dir",
                            os.path.join(dom0.root, "eeprom"), "--format", "json"],
                           capture_output=True, text=True, timeout=60)
        check(r.returncode == 0 and
              json.loads(r.stdout)["vnics"] == read_map(mapf)["vnics"],
              "map.json after the events equals map --xapi (%s)" % r.stderr.strip())

        # a VM's event walks that VM's vNICs only, the others keep their walks
        debug.flush()
        with open(debug.name) as f:
            vm_cycles = [line.rsplit("): ", 1)[1].strip() for line in f
                         if "(xapi: event on VM" in line]
        check(len(vm_cycles) >= 3 and (not isolated() or all(
                  re.search(r"[1-9][0-9]* kept;", c) for c in vm_cycles)),
              "cycles asked for by VM events walk only those VMs' vNICs (%s)" % vm_cycles)

        # SIGTERM while event.from blocks (30 s): the watch ends at once and logs out
        t0 = time.monotonic()
        p.send_signal(signal.SIGTERM)
        try:
            rc = p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            rc = None
        dt = time.monotonic() - t0
        check(rc == 0 and dt < 5, "SIGTERM ends a watch blocked in event.from in %.2f s "
              "(exit %s)" % (dt, rc))
        sessions = {c["session"] for c in fake.calls() if c["method"] == "event.from"}
        out = {c["session"] for c in fake.calls() if c["method"] == "session.logout"}
        check(len(sessions) == 1 and sessions <= out,
              "one session for the events, logged out at the end")
    finally:
        stop(p, fake, debug)


def fallback(a, tmp, dom0):
    fake = xapi_pool.FakeXapi(tmp, "old", xapi_pool.pool_classes(), mode="noevents")
    state = os.path.join(tmp, "st-old")
    p = subprocess.Popen(watch_cmd(a, dom0, fake, state), stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: n_calls(fake, "event.from") >= 4, 20)
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=20)
        calls = fake.calls()
        tries = [c["t"] for c in calls if c["method"] == "event.from"]
        gaps = [round(b - a_, 2) for a_, b in zip(tries, tries[1:])]
        check(len(tries) >= 4 and all(1.0 * 0.9 * 2 ** i <= g < 1.0 * 2 ** i + 1.5
                                      for i, g in enumerate(gaps[:3])),
              "event.from failing is tried again after 1, 2, 4 s (gaps %s)" % gaps)
        lists = [c["t"] for c in calls if c["method"] == "VM.get_all_records"]
        check(len(lists) >= len(tries), "each failed event.from lists the VMs again "
              "(%d lists for %d tries, interval 3600 s)" % (len(lists), len(tries)))
        check(os.path.exists(os.path.join(state, "map.json")),
              "map.json is kept without events")
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
        fake.close()


def polls(a, tmp, dom0):
    """Polls (the interval's cycles) keep the walks and ask xapi nothing, but every tenth in
    a row, a full cycle, lists the VMs again."""
    fake = xapi_pool.FakeXapi(tmp, "polls", xapi_pool.pool_classes())
    state = os.path.join(tmp, "st-polls")
    debug = open(os.path.join(tmp, "watch-polls.out"), "w")
    cmd = watch_cmd(a, dom0, fake, state)
    cmd[cmd.index("--interval") + 1] = "0.1"
    p = subprocess.Popen(cmd, stdout=debug, stderr=subprocess.PIPE, text=True,
                         env=dict(os.environ, G_MESSAGES_DEBUG="all"))
    try:
        def n_polls():
            debug.flush()
            with open(debug.name) as f:
                return sum(1 for line in f if "(interval)" in line)
        wait_for(lambda: n_calls(fake, "event.from") >= 1 and n_polls() >= 25, 60)
        before = n_calls(fake, "VM.get_all_records")
        start = n_polls()
        wait_for(lambda: n_polls() >= start + 20, 60)
        done = n_polls() - start
        lists = n_calls(fake, "VM.get_all_records") - before
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=20)
        with open(debug.name) as f:
            rows = [line.rsplit("): ", 1)[1].strip() for line in f if "(interval)" in line]
        kept = [r for r in rows if r.endswith("domains listed: 0")]
        check(done >= 20 and lists <= done // 10 + 2 and len(kept) >= len(rows) * 0.8,
              "polls keep the walks and list no VM but every tenth (%d polls, %d VM listings, "
              "%d of %d kept)" % (done, lists, len(kept), len(rows)))
    finally:
        stop(p, fake, debug)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--xcvrmap", required=True)
    ap.add_argument("--hostgen", required=True)
    a = ap.parse_args()
    base = "/tmp" if len(os.environ.get("TMPDIR", "/tmp")) > 40 else None
    with tempfile.TemporaryDirectory(prefix="xcvr-xapiw.", dir=base) as tmp:
        dom0 = xapi_pool.Dom0(tmp, a.hostgen)
        try:
            events(a, tmp, dom0)
            polls(a, tmp, dom0)
            fallback(a, tmp, dom0)
        finally:
            dom0.close()
    print("%d failed" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
