#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""bench-polls.py: what a health poll of a seated module costs — requests and bytes per
poll of a caching reader (tests/polls/poll-probe.c, as `xcvrmap watch` holds one) beside one
`ethtool -m`, per module family, over ethtool netlink and over the ioctl, through the shim.

Usage: bench-polls.py --probe PATH --shim PATH --corpus DIR [--ethtool PATH]

Images are completed as bench-reader.py completes them. "cmis+mon" is the paged CMIS
module with page 01h byte 160 advertising its bias, Tx and Rx power lane monitors (the
corpus dump's page 01h is not published: zeros). Each SFF-8636 and CMIS module is measured
twice: as dumped (several dumps were taken with the interrupt asserted, or with flags
latched) and quiet ("/quiet": no flag latched, interrupt deasserted, masks as dumped), the
state of a healthy module between polls, where a poll reads no flag bytes. The ratio is
ethtool's bytes over a poll's; the goal is at least 8 for every module. A benchmark: it
prints figures and fails only when a tool fails.
"""
import argparse
import csv
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "test_reader", os.path.join(HERE, "..", "reader", "test-reader.py"))
tr = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tr)

ap = argparse.ArgumentParser()
ap.add_argument("--probe", required=True)
ap.add_argument("--shim", required=True)
ap.add_argument("--corpus", required=True)
ap.add_argument("--ethtool", default="/usr/sbin/ethtool")
opts = ap.parse_args()

rows = list(csv.DictReader(open(os.path.join(opts.corpus, "index.tsv")), delimiter="\t"))
images = []
for r in rows:
    im = tr.Image(r, opts.corpus)
    if im.family == "cmis" and im.ident not in (0x18, 0x19, 0x1b):
        im.data = b"\x18" + im.data[1:]   # ethtool 6.1 decodes CMIS for 18h/19h/1Bh only
    im.ident = im.data[0]
    im.label = im.family
    images.append(im)
    if im.cmis_paged:
        mon = tr.Image(r, opts.corpus)
        d = bytearray(im.data)
        d[256 + 160 - 128] = 0x07
        mon.data, mon.ident, mon.label = bytes(d), d[0], "cmis+mon"
        images.append(mon)



def quiet(im, label):
    """The module with no flag latched and its interrupt deasserted."""
    d = bytearray(im.data)
    if im.family == "sff8636":
        d[2] |= 0x02
        d[3:15] = bytes(12)
    else:
        d[3] |= 0x01
        d[8:12] = bytes(4)
        for seg in im.segments.split():
            name, where = seg.split("@")
            at = int(where.split("+")[0])
            if name == "11h":
                d[at + 134 - 128:at + 153 - 128] = bytes(19)
    q = tr.Image.__new__(tr.Image)
    q.__dict__.update(im.__dict__)
    q.data, q.label = bytes(d), label + "/quiet"
    return q


images += [quiet(im, im.label) for im in list(images) if im.family in ("sff8636", "cmis")]
failed = 0
totals = {}  # (label, path) -> [modules, eth req, eth bytes, full req, full bytes, poll req, poll bytes, worst ratio]
with tempfile.TemporaryDirectory() as d:
    log = os.path.join(d, "shim.log")
    for im in images:
        if im.ident == 0:
            continue
        im.write(d, "lo")
        for path in ("netlink", "ioctl"):
            if path == "ioctl" and im.cmis_paged:
                continue  # ethtool's ioctl reads no CMIS page past 00h: not comparable
            env = dict(os.environ, LC_ALL="C", LD_PRELOAD=opts.shim, XCVR_SHIM_EEPROM_DIR=d,
                       XCVR_SHIM_LOG=log)
            env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0"
            env.pop("XCVR_SHIM_NETLINK", None)
            if path == "netlink":
                env["XCVR_SHIM_NETLINK"] = "1"
            if os.path.exists(log):
                os.unlink(log)
            rc = subprocess.run([opts.ethtool, "-m", "lo"], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL).returncode
            reqs = [q for q in tr.read_log(log) if q.is_read]
            ereq, ebytes = len(reqs), sum(q.bytes_served() for q in reqs)
            out = subprocess.run([opts.probe] + ([] if path == "netlink" else ["--no-netlink"]),
                                 env=dict(env, XCVR_SHIM_LOG=""), input="poll lo\npoll lo\n",
                                 capture_output=True, text=True)
            res = [json.loads(x) for x in out.stdout.splitlines()]
            if rc != 0 or out.returncode != 0 or len(res) != 2 or any(x["error"] for x in res):
                failed += 1
                print("failed: %s over %s" % (im.name, path), file=sys.stderr)
                continue
            full, poll = res
            ratio = ebytes / poll["bytes"] if poll["bytes"] else float("inf")
            t = totals.setdefault((im.label, path), [0, 0, 0, 0, 0, 0, 0, float("inf")])
            for k, v in enumerate((1, ereq, ebytes, full["requests"], full["bytes"],
                                   poll["requests"], poll["bytes"])):
                t[k] += v
            t[7] = min(t[7], ratio)

print("%-15s %-8s %7s | %8s %9s | %8s %9s | %8s %9s | %6s %6s" %
      ("family", "path", "modules", "eth req", "eth bytes", "full req", "full bytes",
       "poll req", "poll bytes", "ratio", "worst"))
for (label, path), (n, er, eb, fr, fb, pr_, pb, worst) in sorted(totals.items()):
    print("%-15s %-8s %7d | %8.2f %9.1f | %8.2f %10.1f | %8.2f %10.1f | %6.1f %6.1f" %
          (label, path, n, er / n, eb / n, fr / n, fb / n, pr_ / n, pb / n,
           eb / pb if pb else float("inf"), worst))
print("ratio: ethtool -m bytes / poll bytes, over all modules of the row; worst: the lowest "
      "ratio of one module (goal: >= 8 for a quiet module)")
sys.exit(1 if failed else 0)
