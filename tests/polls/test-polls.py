#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""test-polls.py: cached health polls through the LD_PRELOAD shim, on corpus modules
completed as tests/reader/test-reader.py completes them (SFF-8472 with A2h, SFF-8636, paged
CMIS), over ethtool netlink and over the ioctl. A caching reader (tests/polls/poll-probe.c,
as the watch holds one) must decode exactly what a full read of the same bytes decodes
while monitors and flags change, read a swapped module (new serial number) in full, cost an
exact number of requests and bytes per poll, read latched flags only while the module's
interrupt says one is set (unless a mask is set or the module does not drive it), read the
VDM samples and flags in use when asked for VDM, and not let a hung port hold the others up.

Usage: test-polls.py --probe PATH --shim PATH --corpus DIR
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

MODULES = {
    "sfp0": "sff8472/oem-sfp-10g-t8-10gbase-t-as-sr-dom.bin",
    "qsfp0": "sff8636/finisar-ftlc9551repm-qsfp28-100g-sr4.bin",
    "cmis0": "cmis/hisense-def8504-2c02-cmis52-2x100g-aoc-p11.bin",
}
# (requests, bytes) of a poll of an unchanged module whose interrupt is asserted, or which
# cannot be trusted to drive it: the spans xcvr-eeprom-cache.c reads, those read back to
# back in one request.
POLL_COST = {
    ("sfp0", "netlink"): (3, 1 + 1 + 22),            # A0h 0, A0h 95, A2h 96-117
    ("sfp0", "ioctl"): (3, 1 + 1 + 22),
    # 0-2, flags 3-14, 22-23, 26-27, 34-57, 223
    ("qsfp0", "netlink"): (6, 3 + 12 + 2 + 2 + 24 + 1),
    ("qsfp0", "ioctl"): (6, 3 + 12 + 2 + 2 + 24 + 1),
    # lower 0-3, 8-25, page 00h 222; page 11h 128-131, 132-152, monitors 154-201
    ("cmis0", "netlink"): (6, 4 + 18 + 1 + 4 + 21 + 48),
    ("cmis0", "ioctl"): (3, 4 + 18 + 1),             # the ioctl serves no page 11h
}
# A quiet module (no flag latched, interrupt deasserted): no flag bytes. cmis0's module
# masks (bytes 31-36) are not all clear, so its module flags 8-11 are read all the same;
# its lane masks (page 10h 213-232) are, so its lane flags 134-152 are not.
QUIET_COST = {
    ("qsfp0", "netlink"): (5, 3 + 2 + 2 + 24 + 1),
    ("qsfp0", "ioctl"): (5, 3 + 2 + 2 + 24 + 1),
    ("cmis0", "netlink"): (6, 4 + 18 + 1 + 4 + 2 + 48),
    ("cmis0", "ioctl"): (3, 4 + 18 + 1),
}
P11 = 512 - 128  # page 11h byte N of the completed paged CMIS image is at P11 + N

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL: " + what)


class Probe:
    def __init__(self, path, shim, directory, netlink, extra_env=None, args=()):
        env = dict(os.environ, LC_ALL="C", LD_PRELOAD=shim, XCVR_SHIM_EEPROM_DIR=directory)
        env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0"
        env.pop("XCVR_SHIM_NETLINK", None)
        if netlink:
            env["XCVR_SHIM_NETLINK"] = "1"
        env.update(extra_env or {})
        argv = [path] + ([] if netlink else ["--no-netlink"]) + list(args)
        self.p = subprocess.Popen(argv, env=env, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)

    def run(self, line):
        """One command; → {ifname: result} of its reads."""
        self.p.stdin.write(line + "\nsync\n")
        self.p.stdin.flush()
        out = {}
        while True:
            got = self.p.stdout.readline()
            if not got:
                raise SystemExit("poll-probe died on %r" % line)
            r = json.loads(got)
            if r.get("sync"):
                return out
            out[r["ifname"]] = r

    def close(self):
        self.p.stdin.close()
        check(self.p.wait() == 0, "poll-probe exit status")


def cc(data, first, last):
    return sum(data[first:last + 1]) & 0xff


def change_monitors(name, d, step):
    """New live values and flags, as a module reports them from one poll to the next."""
    if name == "sfp0":
        d[256 + 96] = (d[256 + 96] + step) & 0x7f    # A2h temperature MSB
        d[256 + 104] ^= 0x21                          # A2h rx power
        d[256 + 112] ^= 0x80                          # temperature high alarm
    elif name == "qsfp0":
        d[22] = (d[22] + step) & 0x7f                 # temperature MSB
        d[35] ^= 0x5a                                 # rx power lane 1
        d[6] ^= 0x80                                  # temperature high alarm
        d[3] ^= 0x01                                  # rx LOS lane 1
    else:
        d[14] = (d[14] + step) & 0x7f                 # temperature MSB
        d[9] ^= 0x01                                  # temperature high alarm
        d[512 + 154 - 128] ^= 0x33                    # page 11h tx power lane 1
        d[512 + 147 - 128] ^= 0x01                    # page 11h rx LOS lane 1


def swap_serial(name, d):
    """Another module of the same part: a new serial number, its checksum kept right."""
    if name == "sfp0":
        d[68:72] = b"SWAP"
        d[95] = cc(d, 64, 94)
    elif name == "qsfp0":
        d[196:200] = b"SWAP"
        d[223] = cc(d, 192, 222)
    else:
        d[166:170] = b"SWAP"
        d[222] = cc(d, 128, 221)


def same(a, b):
    return a["error"] is None and b["error"] is None and a["module"] == b["module"]


def run_path(opts, images, netlink):
    path = "netlink" if netlink else "ioctl"
    names = " ".join(images)
    with tempfile.TemporaryDirectory() as d:
        data = {}
        for name, im in images.items():
            data[name] = bytearray(im.data)
            im.write(d, name, bytes(data[name]))

        def write_all():
            for name, im in images.items():
                im.write(d, name, bytes(data[name]))

        pr = Probe(opts.probe, opts.shim, d, netlink)
        first = pr.run("poll " + names)
        full = pr.run("full " + names)
        for name in images:
            check(same(first[name], full[name]), "%s %s: first poll is the full read" % (path, name))
            check((first[name]["requests"], first[name]["bytes"]) ==
                  (full[name]["requests"], full[name]["bytes"]),
                  "%s %s: first poll costs a full read" % (path, name))
        for step in (1, 2, 3):
            for name in images:
                change_monitors(name, data[name], step)
            write_all()
            polled = pr.run("poll " + names)
            full = pr.run("full " + names)
            for name in images:
                p, f = polled[name], full[name]
                check(same(p, f), "%s %s step %d: poll decodes as a full read" % (path, name, step))
                check((p["requests"], p["bytes"]) == POLL_COST[(name, path)],
                      "%s %s step %d: poll cost %d requests / %d bytes, want %s"
                      % (path, name, step, p["requests"], p["bytes"], POLL_COST[(name, path)]))
            check(polled["sfp0"]["module"] != first["sfp0"]["module"],
                  "%s: changed monitors show" % path)
        run_interrupt(pr, path, data, write_all)
        # a swapped module: the serial checksum sentinel differs, the poll becomes a full read
        for name in images:
            swap_serial(name, data[name])
        write_all()
        polled = pr.run("poll " + names)
        full = pr.run("full " + names)
        for name in images:
            p, f = polled[name], full[name]
            want = (POLL_COST[(name, path)][0] + f["requests"], POLL_COST[(name, path)][1] + f["bytes"])
            check(same(p, f), "%s %s: swapped module decoded as a full read" % (path, name))
            check(p["error"] is None and "SWAP" in json.dumps(p["module"]),
                  "%s %s: the new serial number shows" % (path, name))
            # sentinels come first, so a swap is caught before the monitor spans are read
            check(p["requests"] <= want[0] and p["requests"] > f["requests"],
                  "%s %s: swap costs the sentinel reads and a full read (%d requests)"
                  % (path, name, p["requests"]))
        again = pr.run("poll " + names)
        for name in images:
            check((again[name]["requests"], again[name]["bytes"]) == POLL_COST[(name, path)],
                  "%s %s: cheap again after the swap" % (path, name))
        # a changed state (CMIS module state, SFF-8636 data not ready): the first span read
        # is the sentinel that holds it, and the poll becomes a full read at once
        data["cmis0"][3] ^= 0x02
        data["qsfp0"][2] ^= 0x01
        write_all()
        polled = pr.run("poll cmis0 qsfp0")
        full = pr.run("full cmis0 qsfp0")
        for name, first_span in (("cmis0", 4), ("qsfp0", 3)):
            p, f = polled[name], full[name]
            check(same(p, f), "%s %s: changed state decoded as a full read" % (path, name))
            check((p["requests"], p["bytes"]) == (1 + f["requests"], first_span + f["bytes"]),
                  "%s %s: changed state costs its sentinel and a full read (%d/%d)"
                  % (path, name, p["requests"], p["bytes"]))
        full = pr.run("full sfp0")
        # a link event: the watch forgets the module, the next poll reads it in full
        pr.run("invalidate sfp0")
        after = pr.run("poll sfp0")["sfp0"]
        check((after["requests"], after["bytes"]) == (full["sfp0"]["requests"], full["sfp0"]["bytes"]),
              "%s: invalidated module read in full" % path)
        # a module pulled out: the failed poll forgets it; the one put back is read in full
        os.unlink(os.path.join(d, "qsfp0.bin"))
        gone = pr.run("poll qsfp0")["qsfp0"]
        check(gone["error"] is not None, "%s: a pulled module fails its poll" % path)
        data["qsfp0"] = bytearray(images["qsfp0"].data)
        write_all()
        back = pr.run("poll qsfp0")["qsfp0"]
        ref = pr.run("full qsfp0")["qsfp0"]
        check(same(back, ref) and (back["requests"], back["bytes"]) ==
              (ref["requests"], ref["bytes"]), "%s: a module put back is read in full" % path)
        pr.close()
        return {name: POLL_COST[(name, path)] for name in images}


def run_interrupt(pr, path, data, write_all):
    """Flags read only while the interrupt says one is latched, where that is sound."""
    q, c = data["qsfp0"], data["cmis0"]
    mask103 = q[103]

    def cycle(what, cost):
        write_all()
        polled = pr.run("poll qsfp0 cmis0")
        full = pr.run("full qsfp0 cmis0")
        for name in ("qsfp0", "cmis0"):
            p, f = polled[name], full[name]
            check(same(p, f), "%s %s %s: poll decodes as a full read" % (path, name, what))
            check((p["requests"], p["bytes"]) == cost[(name, path)],
                  "%s %s %s: poll cost %d requests / %d bytes, want %s"
                  % (path, name, what, p["requests"], p["bytes"], cost[(name, path)]))
        return polled

    def quiet():
        q[2] |= 0x02                      # IntL high: not asserted
        q[3:15] = bytes(12)
        c[3] |= 0x01                      # InterruptDeasserted
        c[8:12] = bytes(4)
        c[P11 + 134:P11 + 153] = bytes(19)

    quiet()
    calm = cycle("quiet", QUIET_COST)
    # a flag latched (SFF-8636 temperature high alarm, CMIS lane 1 Rx LOS): the interrupt
    # is asserted, the flags are read and show
    q[2] &= ~0x02
    q[6] = 0x80
    c[3] &= ~0x01
    c[P11 + 147] = 0x01
    raised = cycle("flag latched", POLL_COST)
    check(raised["qsfp0"]["module"] != calm["qsfp0"]["module"], "%s: latched flags show" % path)
    if path == "netlink":  # the ioctl serves no page 11h
        check(raised["cmis0"]["module"] != calm["cmis0"]["module"],
              "%s: latched lane flags show" % path)
    # read, the flags cleared: quiet again
    quiet()
    cycle("cleared", QUIET_COST)
    # a module that does not drive its interrupt (its full read shows a latched flag beside
    # a deasserted interrupt) has its flags read at every poll
    q[6] = 0x80
    write_all()
    pr.run("invalidate qsfp0")
    pr.run("poll qsfp0")
    got = cycle("interrupt not driven", {("qsfp0", path): POLL_COST[("qsfp0", path)],
                                          ("cmis0", path): QUIET_COST[("cmis0", path)]})
    check("temperature" in json.dumps(got["qsfp0"]["module"]).lower(),
          "%s: the flag of a module not driving its interrupt shows" % path)
    # a flag masked (SFF-8636 byte 103, temperature) does not assert the interrupt: with a
    # mask set, the flags are read at every poll
    q[6] = 0
    q[103] = 0x80
    write_all()
    pr.run("invalidate qsfp0")
    pr.run("poll qsfp0")
    q[6] = 0x80
    cycle("masked", {("qsfp0", path): POLL_COST[("qsfp0", path)],
                     ("cmis0", path): QUIET_COST[("cmis0", path)]})
    # back to a module with its interrupt asserted, as the rest of the run expects
    q[103] = mask103
    q[2] &= ~0x02
    c[3] &= ~0x01
    write_all()
    pr.run("invalidate qsfp0")
    pr.run("invalidate cmis0")
    pr.run("poll qsfp0 cmis0")


def run_vdm(opts, images):
    """With VDM asked for, a poll reads the samples and flags of the VDM instances in use
    (pages 24h, 2Ch) besides the usual spans; descriptors, thresholds and page 2Fh come from
    the cache. cmis0 with page 01h advertising VDM and one group of three observables, as
    xcvr-cmis-test.c's test_vdm describes them."""
    im = images["cmis0"]
    d = bytearray(im.data)
    d[256 + 142 - 128] |= 0x40                      # page 01h: VDM pages supported
    p2f, d20, v24, t28, f2c = (bytearray(128) for _ in range(5))
    d20[0:6] = bytes([0x00, 5, 0x11, 15, 0x20, 3])  # eSNR lane 1, pre-FEC BER lane 2, freq error
    v24[0:6] = bytes([18, 128, 0x68, 250, 0xff, 0xf1])
    t28[0:2] = bytes([35, 0])
    f2c[0:2] = bytes([0x81, 0x02])
    base = len(d)
    d += p2f + d20 + v24 + t28 + f2c
    segs = im.segments + "".join(" %s@%d+128" % (n, base + 128 * k)
                                 for k, n in enumerate(("2fh", "20h", "24h", "28h", "2ch")))
    vdm = tr.Image.__new__(tr.Image)
    vdm.__dict__.update(im.__dict__)
    vdm.segments = segs
    at24, at2c = base + 2 * 128, base + 4 * 128
    # the usual netlink poll of cmis0 (interrupt asserted), then 24h 128-133 and 2Ch 128-129
    want = (POLL_COST[("cmis0", "netlink")][0] + 2, POLL_COST[("cmis0", "netlink")][1] + 6 + 2)
    with tempfile.TemporaryDirectory() as tmp:
        vdm.write(tmp, "dd0", bytes(d))
        pr = Probe(opts.probe, opts.shim, tmp, True, args=["--vdm"])
        first = pr.run("poll dd0")["dd0"]
        full = pr.run("full dd0")["dd0"]
        check(same(first, full) and "vdm_esnr_media_input" in json.dumps(first["module"]),
              "vdm: the first poll is a full read with the VDM observables")
        for step in (1, 2):
            d[at24 + 1] = (d[at24 + 1] + 64 * step) & 0xff   # eSNR sample
            d[at2c] ^= 0x01                                  # its high alarm flag
            vdm.write(tmp, "dd0", bytes(d))
            p, f = pr.run("poll dd0")["dd0"], pr.run("full dd0")["dd0"]
            check(same(p, f), "vdm step %d: poll decodes as a full read" % step)
            check((p["requests"], p["bytes"]) == want,
                  "vdm step %d: poll cost %d requests / %d bytes, want %s"
                  % (step, p["requests"], p["bytes"], want))
        pr.close()
        # without VDM asked for, the same module's polls read no VDM page
        pr = Probe(opts.probe, opts.shim, tmp, True)
        pr.run("poll dd0")
        again = pr.run("poll dd0")["dd0"]
        check("vdm_esnr" not in json.dumps(again["module"]) and
              (again["requests"], again["bytes"]) == POLL_COST[("cmis0", "netlink")],
              "vdm: without --vdm a poll reads no VDM page")
        pr.close()


def run_hung(opts, images):
    """A port whose reads hang: its deadline once, then `timeout` at once; the other ports'
    polls go on at their usual cost in the same cycles."""
    with tempfile.TemporaryDirectory() as d:
        images["sfp0"].write(d, "fast0")
        images["qsfp0"].write(d, "fast1")
        images["sfp0"].write(d, "stuck0")
        pr = Probe(opts.probe, opts.shim, d, False,
                   {"XCVR_SHIM_FAULT": "slow", "XCVR_SHIM_FAULT_IFACE": "stuck0",
                    "XCVR_SHIM_SLOW_MS": "1500"}, ["--timeout-ms=300"])
        pr.run("poll fast0 fast1")
        cyc = pr.run("poll fast0 stuck0 fast1")
        check(cyc["stuck0"]["error"] is not None and "answer" in cyc["stuck0"]["error"],
              "hung: the stuck port times out")
        check(cyc["stuck0"]["ms"] < 1000, "hung: the stuck port costs its deadline, not the hang")
        for i in range(3):
            cyc = pr.run("poll fast0 stuck0 fast1")
            check(cyc["stuck0"]["requests"] == 0 and cyc["stuck0"]["ms"] < 100,
                  "hung: asked again, the stuck port answers at once")
            check((cyc["fast0"]["requests"], cyc["fast0"]["bytes"]) == POLL_COST[("sfp0", "ioctl")]
                  and (cyc["fast1"]["requests"], cyc["fast1"]["bytes"]) ==
                  POLL_COST[("qsfp0", "ioctl")], "hung: the other ports poll as usual")
        pr.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--probe", required=True)
    ap.add_argument("--shim", required=True)
    ap.add_argument("--corpus", required=True)
    opts = ap.parse_args()
    if not os.path.isdir(opts.corpus):
        print("no corpus at %s" % opts.corpus)
        return 77
    rows = {r["file"]: r for r in
            csv.DictReader(open(os.path.join(opts.corpus, "index.tsv")), delimiter="\t")}
    images = {name: tr.Image(rows[f], opts.corpus) for name, f in MODULES.items()}
    cm = bytearray(images["cmis0"].data)
    check(images["cmis0"].cmis_paged and len(cm) == 768, "cmis0: paged, pages 01h 02h 11h 10h")
    cm[256 + 160 - 128] = 0x07   # page 01h byte 160: bias, tx and rx power monitors
    images["cmis0"].data = bytes(cm)
    for netlink in (True, False):
        run_path(opts, images, netlink)
    run_vdm(opts, images)
    run_hung(opts, images)
    print("%d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
