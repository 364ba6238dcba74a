#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""test-xapi-plugin.py: the XAPI host plugin run exactly as xapi runs it (env -i
PATH=/sbin:/usr/sbin:/bin:/usr/bin, the methodCall as the one argument, stdin /dev/null),
its stdout parsed with xmlrpc.client.loads and the Value with json.loads: map and health on
the test pool's host A (fake xapi, real ovsdb-server, hostgen dom0), module, version, and
the failures (unknown fn, malformed and missing methodCall, bad args, xapi socket absent,
an xapi that never answers, a missing interface, non-UTF-8 and control bytes in a module's
strings); ldd naming no libvirt.

    test-xapi-plugin.py --plugin EXE --hostgen HOSTGEN.py --corpus DIR
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xmlrpc.client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xapi_pool  # noqa: E402

failures = 0
PLUGIN = None


def check(cond, what):
    global failures
    print(("ok - " if cond else "not ok - ") + what)
    if not cond:
        failures += 1


xapi_call = xapi_pool.xapi_call


def run_raw(argv, timeout=60):
    t0 = time.monotonic()
    p = subprocess.run([PLUGIN] + argv, stdin=subprocess.DEVNULL, capture_output=True,
                       env={"PATH": "/sbin:/usr/sbin:/bin:/usr/bin"}, timeout=timeout)
    return p, time.monotonic() - t0


def run(fn, args, **kw):
    """(status, value-or-error-description, seconds); checks the response's shape."""
    p, secs = run_raw([xapi_call(fn, args, **kw)])
    return parse(p, fn), secs


def parse(p, what):
    check(p.returncode == 0, "%s: exit 0 (got %d)" % (what, p.returncode))
    p.stdout.decode("utf-8")  # raises on invalid UTF-8
    (result,), method = xmlrpc.client.loads(p.stdout)
    ok = (method is None and isinstance(result, dict) and
          result.get("Status") in ("Success", "Failure"))
    if result.get("Status") == "Success":
        ok = ok and set(result) == {"Status", "Value"} and isinstance(result["Value"], str)
        check(ok, "%s: one struct param, Status Success, a string Value" % what)
        return "Success", result["Value"]
    desc = result.get("ErrorDescription")
    ok = ok and isinstance(desc, list) and len(desc) >= 1 and all(
        isinstance(x, str) for x in desc)
    check(ok, "%s: Failure with an ErrorDescription of strings: %s" % (what, desc))
    return "Failure", desc


def main():
    global PLUGIN
    ap = argparse.ArgumentParser()
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--hostgen", required=True)
    a = ap.parse_args()
    PLUGIN = os.path.abspath(a.plugin)

    # the sonames only: a build directory may well have "libvirt" in its path
    ldd = subprocess.run(["ldd", PLUGIN], capture_output=True, text=True).stdout
    sonames = [line.split()[0] for line in ldd.splitlines() if line.strip()]
    readelf = subprocess.run(["readelf", "-d", PLUGIN], capture_output=True, text=True).stdout
    needed = [line.split("[")[1].rstrip("]") for line in readelf.splitlines()
              if "(NEEDED)" in line]
    check(sonames and needed and "libxcvrmap-xapi.so.0" in needed and
          not any("libvirt" in n or "xcvrmap-virt" in n for n in sonames + needed),
          "ldd and readelf name no libvirt (%s)" % needed)

    base = "/tmp" if len(os.environ.get("TMPDIR", "/tmp")) > 40 else None
    with tempfile.TemporaryDirectory(prefix="xcvr-plugin.", dir=base) as tmp:
        dom0 = xapi_pool.Dom0(tmp, a.hostgen)
        classes = xapi_pool.pool_classes()
        fake = xapi_pool.FakeXapi(tmp, "xapi", classes)
        try:
            scenarios(tmp, dom0, fake, classes)
        finally:
            fake.close()
            dom0.close()
    print("%d failed" % failures)
    return 1 if failures else 0


def scenarios(tmp, dom0, fake, classes):
    host = {"xapi": fake.socket, "root": dom0.root, "ovsdb": dom0.ovsdb,
            "eeprom_dir": os.path.join(dom0.root, "eeprom")}
    session = "OpaqueRef:6f1a2b3c-0000-4000-8000-0000000000aa"

    (st, value), _ = run("map", host, session=session)
    check(st == "Success", "map succeeds (%s)" % (value if st != "Success" else ""))
    if st == "Success":
        xapi_pool.check_map(json.loads(value), check, "plugin map")
    calls = fake.calls()
    check(calls and all(c["session"] == session for c in calls) and
          not any(c["method"].startswith("session.") for c in calls),
          "map reuses the session xapi hands over, never logs in or out")

    (st, value), _ = run("health", host)
    if st == "Success":
        doc = json.loads(value)
        ups = {u["netdev"]: u for u in doc["uplinks"]}
        check(set(doc) == {"uplinks"} and {"eth0", "eth1", "eth2", "eth3"} <= set(ups) and
              all(set(u) == {"netdev", "pci", "health", "reasons"} and
                  isinstance(u["reasons"], list) for u in doc["uplinks"]),
              "health: every uplink with netdev, pci, health, reasons")
        check(ups.get("eth2", {}).get("health") != "ok",
              "health: the bond member that is down is not ok (%s)" % ups.get("eth2"))
    else:
        check(False, "health succeeds: %s" % value)

    (st, value), _ = run("version", {})
    check(st == "Success" and "version" in json.loads(value), "version: %s" % value)

    (st, value), _ = run("module", {"iface": "eth0", "eeprom_dir": host["eeprom_dir"]})
    if st == "Success":
        doc = json.loads(value)
        m = doc["modules"][0]
        check(m["name"] == "eth0" and m["source"] == "file" and "error" not in m,
              "module eth0: the module document, as `xcvrmap module eth0 --format json`")
    else:
        check(False, "module eth0 succeeds: %s" % value)

    # failures
    (st, d), _ = run("frobnicate", {})
    check(st == "Failure" and d == ["UNKNOWN_XENAPI_PLUGIN_FUNCTION", "frobnicate"],
          "unknown fn: UNKNOWN_XENAPI_PLUGIN_FUNCTION [fn]")
    for name, argv in (("missing methodCall", []),
                       ("two arguments", ["<methodCall/>", "x"]),
                       ("malformed methodCall", ["<methodCall><methodName>map"]),
                       ("not a methodCall", ["<foo/>"]),
                       ("entity bomb", ['<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">'
                                        ']><methodCall><methodName>&a;</methodName>'
                                        '</methodCall>']),
                       ("non-string arg", [xapi_call("map", {}).replace(
                           "<struct/>", "<struct><member><name>root</name><value><int>1"
                           "</int></value></member></struct>")])):
        p, _ = run_raw(argv)
        st, d = parse(p, name)
        check(st == "Failure" and d[0] == "XCVRMAP_BAD_ARGS" and len(d) == 2,
              "%s: XCVRMAP_BAD_ARGS with a message (%s)" % (name, d))
    # the forms xapi and XenAPIPlugin.py accept: <string> values, members in any order
    call = ("<methodCall><methodName>module</methodName><params><param><value><string>"
            "OpaqueRef:x</string></value></param><param><value><struct><member><value>"
            "<string>%s</string></value><name>eeprom_dir</name></member><member><name>iface"
            "</name><value><string>eth0</string></value></member></struct></value></param>"
            "</params></methodCall>" % host["eeprom_dir"])
    p, _ = run_raw([call])
    st, d = parse(p, "<string> values, value before name")
    check(st == "Success", "<string> values and any member order are accepted")
    for args, what in (({"bogus": "1"}, "unknown argument"),
                       ({"timeout": "-1"}, "negative timeout"),
                       ({"timeout": "abc"}, "timeout not a number")):
        (st, d), _ = run("version", args)
        check(st == "Failure" and d[0] == "XCVRMAP_BAD_ARGS", "%s: XCVRMAP_BAD_ARGS" % what)
    (st, d), _ = run("module", {"iface": "../../etc"})
    check(st == "Failure" and d[0] == "XCVRMAP_BAD_ARGS", "iface with a path: XCVRMAP_BAD_ARGS")
    (st, d), _ = run("module", {"iface": "eth9", "root": dom0.root})
    check(st == "Failure" and d[0] == "XCVRMAP_NO_SUCH_INTERFACE",
          "module of a missing interface: XCVRMAP_NO_SUCH_INTERFACE (%s)" % d)
    (st, d), _ = run("map", dict(host, xapi=os.path.join(tmp, "absent.sock")))
    check(st == "Failure" and d[0] == "XCVRMAP_XAPI_UNREACHABLE" and len(d) == 2,
          "xapi socket absent: XCVRMAP_XAPI_UNREACHABLE (%s)" % d)
    (st, d), _ = run("map", dict(host, root=os.path.join(tmp, "nowhere")))
    check(st == "Failure" and d[0] == "XCVRMAP_HOST_UNREADABLE",
          "root without etc/xensource-inventory: XCVRMAP_HOST_UNREADABLE (%s)" % d)
    hang = xapi_pool.FakeXapi(tmp, "hang", classes, mode="hang")
    try:
        (st, d), secs = run("map", dict(host, xapi=hang.socket, timeout="2"))
        check(st == "Failure" and d[0] == "XCVRMAP_TIMEOUT" and secs < 6,
              "xapi that never answers: XCVRMAP_TIMEOUT in %.1fs (%s)" % (secs, d))
    finally:
        hang.close()
    # a sysfs attribute that blocks on open: the hard deadline still answers
    fifo_root = os.path.join(tmp, "fifo-root")
    shutil.copytree(dom0.root, fifo_root, symlinks=True)
    op = os.path.join(fifo_root, "sys", "class", "net", "eth0", "operstate")
    real = os.path.realpath(op)
    os.unlink(real)
    os.mkfifo(real)
    (st, d), secs = run("map", dict(host, root=fifo_root, timeout="2"))
    check((st == "Failure" and d[0] == "XCVRMAP_TIMEOUT" or st == "Success") and secs < 6,
          "a FIFO in sysfs: an answer within the deadline (%s in %.1fs)" % (st, secs))

    # non-UTF-8 and control bytes in a module's strings: still valid UTF-8 XML
    bad = os.path.join(tmp, "bad-eeprom")
    os.makedirs(bad)
    with open(os.path.join(dom0.root, "eeprom", "eth0.bin"), "rb") as f:
        img = bytearray(f.read())
    img[20:36] = b"\xff\xfeAC\x1b[2J\x00\x07\x9b\r\nZ&<>"  # SFF-8472 vendor name
    with open(os.path.join(bad, "eth0.bin"), "wb") as f:
        f.write(img)
    p, _ = run_raw([xapi_call("module", {"iface": "eth0", "eeprom_dir": bad})])
    st, v = parse(p, "module with hostile vendor bytes")
    check(st == "Success" and isinstance(json.loads(v), dict) and b"\x1b" not in p.stdout and
          b"\xff" not in p.stdout,
          "hostile module strings: valid UTF-8 XML, no raw control bytes")


if __name__ == "__main__":
    sys.exit(main())
