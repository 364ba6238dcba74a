#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""bench-reader.py: what reading a module from the kernel costs — requests, bytes and time
per module family — for `xcvrmap module IFACE` beside the real `ethtool -m IFACE`, both
through the same shim, in one run.

Usage: bench-reader.py --xcvrmap PATH --shim PATH --corpus DIR [--ethtool PATH] [--repeat N]

Each corpus image is first completed with the pages a real module would serve (as the
reader tests do), then served as interface "lo" by the shim, over netlink and over the
ioctl. A benchmark, never a test: it prints figures and fails only when a tool fails.
"""
import argparse
import csv
import importlib.util
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "test_reader", os.path.join(HERE, "..", "reader", "test-reader.py"))
tr = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tr)

ap = argparse.ArgumentParser()
ap.add_argument("--xcvrmap", required=True)
ap.add_argument("--shim", required=True)
ap.add_argument("--corpus", required=True)
ap.add_argument("--ethtool", default="/usr/sbin/ethtool")
ap.add_argument("--repeat", type=int, default=5)
opts = ap.parse_args()

rows = list(csv.DictReader(open(os.path.join(opts.corpus, "index.tsv")), delimiter="\t"))
images = [tr.Image(r, opts.corpus) for r in rows]
# ethtool 6.1 decodes CMIS only for 18h/19h/1Bh; give it the QSFP-DD identifier so both
# tools read the same module (the request plan does not depend on which of the three).
for im in images:
    if im.family == "cmis" and im.ident not in (0x18, 0x19, 0x1b):
        im.data = b"\x18" + im.data[1:]
    im.ident = im.data[0]

totals = {}  # (family, tool, path) -> [modules, requests, bytes, seconds, failures]
with tempfile.TemporaryDirectory() as d:
    log = os.path.join(d, "shim.log")
    for im in images:
        if im.ident == 0:
            continue  # an unreadable identifier: ethtool hex-dumps, nothing to compare
        im.write(d, "lo")
        for path in ("netlink", "ioctl"):
            if path == "ioctl" and im.cmis_paged:
                continue  # a driver's ioctl serves no CMIS page past 00h
            for tool in ("ethtool", "xcvrmap"):
                env = dict(os.environ, LC_ALL="C", LD_PRELOAD=opts.shim,
                           XCVR_SHIM_EEPROM_DIR=d, XCVR_SHIM_LOG=log)
                env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0"
                if path == "netlink":
                    env["XCVR_SHIM_NETLINK"] = "1"
                else:
                    env.pop("XCVR_SHIM_NETLINK", None)
                cmd = ([opts.ethtool, "-m", "lo"] if tool == "ethtool"
                       else [opts.xcvrmap, "module", "lo"]
                       + (["--no-netlink"] if path == "ioctl" else []))
                t = totals.setdefault((im.family, tool, path), [0, 0, 0, 0.0, 0])
                start = time.monotonic()
                for i in range(opts.repeat):
                    if os.path.exists(log):
                        os.unlink(log)
                    rc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL).returncode
                    if i == 0:
                        reqs = [r for r in tr.read_log(log) if r.is_read]
                        t[0] += 1
                        t[1] += len(reqs)
                        t[2] += sum(r.bytes_served() for r in reqs)
                        t[4] += rc != 0
                t[3] += (time.monotonic() - start) / opts.repeat

print("%-8s %-8s %-8s %7s %9s %9s %11s %6s" % ("family", "path", "tool", "modules",
                                                "req/mod", "bytes/mod", "ms/process", "failed"))
for (family, tool, path), (n, req, nbytes, secs, failed) in sorted(totals.items()):
    print("%-8s %-8s %-8s %7d %9.2f %9.1f %11.2f %6d" % (family, path, tool, n, req / n,
                                                        nbytes / n, secs / n * 1000, failed))
