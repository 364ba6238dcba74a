#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""check-netlink-shim.py: the shim's emulated ethtool netlink against its ioctl path.

Usage:
  check-netlink-shim.py --shim PATH [--ethtool /usr/sbin/ethtool]
                        [--corpus DIR] [--verbose]

Runs the real ethtool 6.1 (`ethtool -m lo`) through the LD_PRELOAD shim
(tests/shim/ethtool-ioctl-shim.c) on every image listed in the corpus index
(DIR/index.tsv; default $XCVR_CORPUS_DIR or /work/shared/eeprom-corpus),
once over the ioctl path (XCVR_SHIM_NETLINK unset) and once over the emulated
netlink path (XCVR_SHIM_NETLINK=1, XCVR_SHIM_SEGMENTS from the index), and checks:

  (a) CMIS images decode fully over netlink (not a hex dump) when ethtool 6.1
      knows the identifier (0x18 QSFP-DD, 0x19 OSFP, 0x1b DSFP); for other
      identifiers ethtool 6.1 itself hex-dumps the lower page, which must then
      equal the ioctl `hex on offset 0 length 128` dump. A synthetic variant of
      each paged CMIS image (identifier 0x18, zero-filled pages 01h/02h, four
      banks of page 11h) exercises the paged read sequence.
  (b) SFF-8636 and (c) SFF-8472 images give the same stdout both ways, except
      where ethtool 6.1's netlink path legitimately differs; those cases are
      checked for the exact expected behaviour instead:
        - identifier byte not SFP/QSFP: netlink dispatches on byte 0 and
          hex-dumps the lower page (equal to the ioctl hex dump), while the
          ioctl path dispatches on the driver-reported type;
        - SFF-8636 paged memory without page 03h in the image: ethtool 6.1
          aborts ("netlink error: Invalid argument", nothing on stdout), as it
          does on a real driver that cannot read page 03h;
        - SFF-8472 with the DOM bit (A0h byte 92 bit 6) but no A2h in the
          image: same stdout, then the A2h read fails (exit 1, "netlink error:
          Invalid argument"); the ioctl driver reported SFF-8079 and ethtool
          never asked.
      For the last two, a zero-completed variant (SFF-8636: 640 bytes with
      pages 01h-03h zero; SFF-8472: A0h padded to 256 bytes plus a zero A2h)
      must give identical stdout both ways.
  (d) The shim's request log (XCVR_SHIM_LOG) equals the reads ethtool 6.1 is
      expected to make for the image, in order (computed below), and every
      half page the image holds reads back byte-exact through
      `ethtool -m lo hex on i2c I bank B page P offset O length 128`.

Plus XCVR_SHIM_FAULT (eio, enodev, eopnotsupp) on the netlink path,
`raw on` with XCVR_SHIM_NETLINK=1 (ethtool falls back to the ioctl), and
XCVR_SHIM_EEPROM_DIR: `ethtool -m eth7` on an interface the kernel does not have
decodes DIR/eth7.bin (segment map from DIR/eth7.segments) exactly as
XCVR_SHIM_EEPROM does, over both paths, with dev=eth7 in the log; an interface
with no image is "Operation not supported" both ways.

The last line printed is "N passed, M failed". Exit status: 0 if nothing
failed, 1 otherwise, 2 on usage or setup errors, 77 if ethtool is missing.
Only the Python standard library is used.
"""

import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile

TIMEOUT = 60
PRELOAD_ERROR = re.compile(r"ld\.so: object .* cannot be preloaded")
LOG_LINE = re.compile(r"netlink MODULE_EEPROM_GET dev=\S+ i2c=0x([0-9a-f]{2}) bank=(\d+) "
                      r"page=0x([0-9a-f]{2}) offset=(\d+) len=(\d+)(?: short=\d+)?"
                      r"(?: error=(\w+))?$")
SHIM_KNOBS = ("XCVR_SHIM_MODTYPE", "XCVR_SHIM_FAULT", "XCVR_SHIM_NETLINK",
              "XCVR_SHIM_LOG", "XCVR_SHIM_EEPROM", "XCVR_SHIM_SEGMENTS",
              "XCVR_SHIM_EEPROM_DIR", "XCVR_SHIM_FAULT_IFACE", "XCVR_SHIM_FAULT_AFTER",
              "XCVR_SHIM_SLOW_MS")
NL_EINVAL = "netlink error: Invalid argument"

ID_SFP = (0x01, 0x02, 0x03)            # GBIC, soldered, SFP: ethtool sff8079_show_all_nl
ID_QSFP = (0x0c, 0x0d, 0x11)           # QSFP, QSFP+, QSFP28: sff8636_show_all_nl
ID_CMIS_ETHTOOL61 = (0x18, 0x19, 0x1b)  # QSFP-DD, OSFP, DSFP: cmis_show_all_nl in 6.1
ID_CMIS = (0x18, 0x19, 0x1b, 0x1e, 0x1f, 0x20)


class SetupError(Exception):
    pass


# ---- The shim's page map, mirrored (see the comment at the top of the shim) ----------

class PageMap:
    def __init__(self, data, segments):
        self.data = data
        self.segs = []  # (i2c, bank, page, mem_start, mem_span, file_off, length)
        if segments is None:
            self._default()
        else:
            for tok in segments.split():
                label, rest = tok.split("@")
                off, length = (int(x) for x in rest.split("+"))
                self.segs.append(self._label(label) + (off, length))

    @staticmethod
    def _label(label):
        if label == "lower":
            return (0x50, 0, 0, 0, 128)
        if label.lower() in ("a0h", "a2h"):
            return (0x50 if label[1] == "0" else 0x51, 0, 0, 0, 256)
        m = re.fullmatch(r"(?:b(\d+):)?([0-9a-fA-F]+)[hH]", label)
        if m is None:
            raise SetupError("bad segment label %r" % label)
        return (0x50, int(m.group(1) or 0), int(m.group(2), 16), 128, 128)

    def _default(self):
        n = len(self.data)
        ident = self.data[0] if n else 0
        if ident not in ID_QSFP and ident not in ID_CMIS:
            self.segs.append((0x50, 0, 0, 0, 256, 0, min(n, 256)))
            if n >= 512:
                self.segs.append((0x51, 0, 0, 0, 256, 256, 256))
            return
        self.segs.append((0x50, 0, 0, 0, 128, 0, min(n, 128)))
        self.segs.append((0x50, 0, 0, 128, 128, 128, max(0, min(n - 128, 128))))
        if n >= 640:
            pages = (0x01, 0x02, 0x03)
        elif ident in ID_CMIS:
            pages = (0x01, 0x02, 0x11)
        else:
            pages = ()
        for i, page in enumerate(pages):
            off = (i + 2) * 128
            if off + 128 > n:
                break
            self.segs.append((0x50, 0, page, 128, 128, off, 128))

    def read(self, i2c, bank, page, offset, length):
        """Bytes the shim serves, or None where it answers -EINVAL."""
        for (si2c, sbank, spage, start, span, foff, slen) in self.segs:
            if si2c != i2c or offset < start or offset + length > start + span:
                continue
            if offset >= 128 and (spage != page or sbank != bank):
                continue
            rel = offset - start
            out = bytearray()
            for k in range(length):
                pos = foff + rel + k
                ok = rel + k < slen and pos < len(self.data)
                out.append(self.data[pos] if ok else 0)
            return bytes(out)
        return None

    def halves(self):
        """Every (i2c, bank, page, offset) half page the map holds."""
        out = []
        for (i2c, bank, page, start, span, _, _) in self.segs:
            for off in range(start, start + span, 128):
                out.append((i2c, bank, page, off))
        return out


def ethtool61_reads(pmap):
    """The module-memory reads ethtool 6.1 makes over netlink, in order, with
    whether the shim answers each; ethtool stops at the first failed read."""
    reads = []

    def read(i2c, bank, page, offset, length):
        data = pmap.read(i2c, bank, page, offset, length)
        reads.append((i2c, bank, page, offset, length, data is not None))
        return data

    first = read(0x50, 0, 0, 0, 1)
    if first is None:
        return reads
    ident = first[0]
    if ident in ID_SFP:
        a0 = read(0x50, 0, 0, 0, 128)
        if a0 is not None and a0[92] & 0x40:
            read(0x51, 0, 0, 0, 128)
    elif ident in ID_QSFP:
        lower = read(0x50, 0, 0, 0, 128)
        if lower is None or read(0x50, 0, 0, 128, 128) is None:
            return reads
        if not lower[2] & 0x04:             # SFF-8636 byte 2 bit 2: flat memory
            read(0x50, 0, 3, 128, 128)
    elif ident in ID_CMIS_ETHTOOL61:
        lower = read(0x50, 0, 0, 0, 128)
        if lower is None or read(0x50, 0, 0, 128, 128) is None:
            return reads
        if lower[2] & 0x80:                 # CMIS byte 2 bit 7: flat memory
            return reads
        p01 = read(0x50, 0, 1, 128, 128)
        if p01 is None or read(0x50, 0, 2, 128, 128) is None:
            return reads
        banks = {0: 1, 1: 2, 2: 4}.get(p01[142 - 128] & 0x03, 1)
        for bank in range(banks):
            if read(0x50, bank, 0x11, 128, 128) is None:
                break
    else:
        read(0x50, 0, 0, 0, 128)            # unknown memory map: hex dump
    return reads


def parse_log(text):
    reads = []
    for line in text.splitlines():
        m = LOG_LINE.match(line)
        if m:
            reads.append((int(m.group(1), 16), int(m.group(2)), int(m.group(3), 16),
                          int(m.group(4)), int(m.group(5)), m.group(6) is None))
    return reads


def fmt_reads(reads):
    return "\n".join("    i2c=0x%02x bank=%d page=0x%02x offset=%d len=%d%s"
                     % (r[:5] + ("" if r[5] else " error",)) for r in reads)


def parse_hexdump(text):
    """ethtool's dump_hex text → bytes."""
    out = bytearray()
    for line in text.splitlines():
        m = re.match(r"0x[0-9a-f]{4}:\s+((?:[0-9a-f]{2} ?)+)$", line.strip())
        if m:
            out.extend(bytes.fromhex(m.group(1).replace(" ", "")))
    return bytes(out)


# ---- Running ethtool ---------------------------------------------------------------------

class Runner:
    def __init__(self, opts, tmpdir):
        self.opts = opts
        self.tmpdir = tmpdir
        self.base_env = {k: v for k, v in os.environ.items() if k not in SHIM_KNOBS}
        self.base_env["LC_ALL"] = "C"
        self.count = 0

    def run(self, image, args=(), netlink=False, segments=None, fault=None, ifname="lo",
            eeprom_dir=None):
        """→ (rc, stdout, stderr, log text)."""
        self.count += 1
        log = os.path.join(self.tmpdir, "req-%d.log" % self.count)
        env = dict(self.base_env)
        env["LD_PRELOAD"] = self.opts.shim
        if eeprom_dir is not None:
            env["XCVR_SHIM_EEPROM_DIR"] = eeprom_dir
        else:
            env["XCVR_SHIM_EEPROM"] = image
        env["XCVR_SHIM_LOG"] = log
        if netlink:
            env["XCVR_SHIM_NETLINK"] = "1"
        if segments is not None:
            env["XCVR_SHIM_SEGMENTS"] = segments
        if fault is not None:
            env["XCVR_SHIM_FAULT"] = fault
        try:
            p = subprocess.run([self.opts.ethtool, "-m", ifname] + list(args), env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return -1, "", "timeout", ""
        out = p.stdout.decode("utf-8", "surrogateescape")
        err = p.stderr.decode("utf-8", "surrogateescape")
        if PRELOAD_ERROR.search(err):
            raise SetupError("the shim could not be preloaded: %s" % err.strip())
        text = ""
        if os.path.exists(log):
            with open(log) as f:
                text = f.read()
        return p.returncode, out, err, text

    def write_variant(self, name, data):
        path = os.path.join(self.tmpdir, name)
        with open(path, "wb") as f:
            f.write(data)
        return path


class Results:
    def __init__(self, verbose):
        self.passed = 0
        self.failed = 0
        self.verbose = verbose

    def report(self, ok, name, what, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print("%s: %s: %s" % ("PASS" if ok else "FAIL", name, what))
        if detail and (not ok or self.verbose):
            for line in detail.rstrip("\n").splitlines():
                print("    " + line)


def short_diff(a, b):
    import difflib
    return "".join(difflib.unified_diff(a.splitlines(True), b.splitlines(True),
                                        "ioctl", "netlink", n=1))


def check_reads(res, name, pmap, log):
    """(d): the log shows exactly the reads ethtool 6.1 should make."""
    want = ethtool61_reads(pmap)
    got = parse_log(log)
    res.report(got == want, name, "(d) request log: %d reads as expected" % len(want)
               if got == want else "(d) request log differs from the expected reads",
               "expected:\n%s\nlogged:\n%s" % (fmt_reads(want), fmt_reads(got)))
    return want


def check_pages(res, run, name, image, segments, pmap):
    """(d): every half page of the map reads back byte-exact as a netlink hex dump."""
    bad = []
    for (i2c, bank, page, off) in pmap.halves():
        args = ("hex", "on", "i2c", "0x%02x" % i2c, "bank", str(bank), "page", str(page),
                "offset", str(off), "length", "128")
        rc, out, err, _ = run.run(image, args, netlink=True, segments=segments)
        want = pmap.read(i2c, bank, page, off, 128)
        if rc != 0 or parse_hexdump(out) != want:
            bad.append("i2c=0x%02x bank=%d page=0x%02x offset=%d: rc=%d %s"
                       % (i2c, bank, page, off, rc, err.strip()))
    res.report(not bad, name, "(d) %d half pages read back exactly via netlink hex"
               % len(pmap.halves()), "\n".join(bad))


def check_image(res, run, row, corpus):
    rel = row["file"]
    family = row["family"]
    name = rel
    image = os.path.join(corpus, rel)
    segments = row["segments"]
    with open(image, "rb") as f:
        data = f.read()
    pmap = PageMap(data, segments)
    ident = data[0] if data else 0

    nrc, nout, nerr, nlog = run.run(image, netlink=True, segments=segments)
    irc, iout, ierr, ilog = run.run(image)
    if "netlink" in ilog:
        res.report(False, name, "ioctl run reached the netlink emulation", ilog)
    want = check_reads(res, name, pmap, nlog)
    failed_read = any(not r[5] for r in want)
    check_pages(res, run, name, image, segments, pmap)

    if ident not in ID_SFP + ID_QSFP + ID_CMIS_ETHTOOL61:
        # ethtool 6.1 netlink: unknown memory map → hex dump of the lower page.
        hrc, hout, _, _ = run.run(image, ("hex", "on", "offset", "0", "length", "128"))
        ok = nrc == 0 and hrc == 0 and nout == hout and nout.startswith("Offset")
        tag = "(a)" if family == "cmis" else ("(b)" if family == "sff8636" else "(c)")
        res.report(ok, name, "%s identifier 0x%02x unknown to ethtool 6.1 netlink: lower "
                   "page hex dump, equal to the ioctl hex dump (expected difference "
                   "from the ioctl decode)" % (tag, ident), short_diff(hout, nout))
        return

    if family == "cmis":
        ok = (nrc == 0 and not nout.startswith("Offset") and "\tIdentifier" in nout
              and not failed_read)
        res.report(ok, name, "(a) CMIS decodes fully over netlink (%d lines)"
                   % len(nout.splitlines()), "rc=%d stderr=%s\n%s" % (nrc, nerr, nout))
        return

    if not failed_read:
        ok = nrc == 0 and irc == 0 and nout == iout and nout != ""
        res.report(ok, name, "%s same text via netlink and ioctl (%d lines)"
                   % ("(b)" if family == "sff8636" else "(c)", len(nout.splitlines())),
                   "rc netlink=%d ioctl=%d\nnetlink stderr: %s\n%s"
                   % (nrc, irc, nerr, short_diff(iout, nout)))
        return

    if family == "sff8636":
        ok = nrc == 1 and nout == "" and nerr.strip() == NL_EINVAL and irc == 0
        res.report(ok, name, "(b) paged memory without page 03h: ethtool 6.1 netlink "
                   "aborts with '%s' (expected difference)" % NL_EINVAL,
                   "rc=%d stderr=%s\n%s" % (nrc, nerr, nout))
        completed = data[:256].ljust(256, b"\0") + bytes(384)
    else:
        ok = nrc == 1 and nout == iout and nerr.strip() == NL_EINVAL and irc == 0
        res.report(ok, name, "(c) DOM bit set, no A2h: same text, then ethtool 6.1 fails "
                   "the A2h read with '%s' (expected difference)" % NL_EINVAL,
                   "rc=%d stderr=%s\n%s" % (nrc, nerr, short_diff(iout, nout)))
        completed = data[:256].ljust(256, b"\0") + bytes(256)

    # The same image with the missing pages present (zero): both paths must agree.
    variant = run.write_variant(os.path.basename(rel) + ".completed", completed)
    vmap = PageMap(completed, None)
    vrc, vout, verr, vlog = run.run(variant, netlink=True)
    wrc, wout, _, _ = run.run(variant)
    vname = name + " [zero-completed to %d bytes]" % len(completed)
    check_reads(res, vname, vmap, vlog)
    ok = vrc == 0 and wrc == 0 and vout == wout and vout != ""
    res.report(ok, vname, "%s same text via netlink and ioctl (%d lines)"
               % ("(b)" if family == "sff8636" else "(c)", len(vout.splitlines())),
               "rc netlink=%d ioctl=%d stderr=%s\n%s" % (vrc, wrc, verr,
                                                         short_diff(wout, vout)))


def check_cmis_variant(res, run, row, corpus):
    """A paged CMIS image as ethtool 6.1 would decode it: identifier 0x18, pages 01h and
    02h zero except four banks advertised, page 11h repeated in banks 0-3."""
    image = os.path.join(corpus, row["file"])
    with open(image, "rb") as f:
        data = bytearray(f.read())
    pmap = PageMap(bytes(data), row["segments"])
    lower = pmap.read(0x50, 0, 0, 0, 128)
    p11 = pmap.read(0x50, 0, 0x11, 128, 128) or bytes(128)
    if lower is None or lower[2] & 0x80:
        return
    p00 = pmap.read(0x50, 0, 0, 128, 128)
    lower = bytearray(lower)
    lower[0] = 0x18
    p01 = bytearray(128)
    p01[142 - 128] = 0x02                    # CMIS page 01h byte 142: banks 0-3
    blob = bytes(lower) + p00 + p11 + bytes(p01) + bytes(128) + p11 * 3
    segs = ("lower@0+128 00h@128+128 11h@256+128 01h@384+128 02h@512+128 "
            "b1:11h@640+128 b2:11h@768+128 b3:11h@896+128")
    variant = run.write_variant(os.path.basename(row["file"]) + ".cmis-paged", blob)
    vmap = PageMap(blob, segs)
    name = row["file"] + " [synthetic: id 0x18, pages 01h/02h, 4 banks]"
    rc, out, err, log = run.run(variant, netlink=True, segments=segs)
    check_reads(res, name, vmap, log)
    ok = rc == 0 and "\tIdentifier" in out and not out.startswith("Offset")
    res.report(ok, name, "(a) paged CMIS decodes fully over netlink (%d lines)"
               % len(out.splitlines()), "rc=%d stderr=%s\n%s" % (rc, err, out))


def check_page_maps(res, run):
    """(d) The page map alone, on patterned synthetic blobs (no decoder involved): every
    mapped half page reads back exactly, every absent one fails with -EINVAL."""
    cases = (
        ("explicit segments, CMIS banks", 0x18, 1024,
         "lower@0+128 00h@128+128 01h@256+128 02h@384+128 11h@512+128 b1:11h@640+128 "
         "b3:11h@768+128 9fh@896+100",
         ((0x50, 2, 0x11), (0x50, 0, 0x03), (0x50, 1, 0x01), (0x51, 0, 0x00))),
        ("explicit segments, short A0h + A2h", 0x03, 456, "A0h@0+200 A2h@200+256",
         ((0x50, 0, 0x01), (0x52, 0, 0x00))),
        ("default layout, SFF-8636 640 bytes", 0x0d, 640, None,
         ((0x50, 0, 0x04), (0x51, 0, 0x00))),
        ("default layout, CMIS 512 bytes", 0x18, 512, None,
         ((0x50, 0, 0x03), (0x50, 0, 0x11))),
        ("default layout, CMIS 640 bytes", 0x19, 640, None, ((0x50, 0, 0x11),)),
        ("default layout, SFF-8472 512 bytes", 0x03, 512, None, ((0x50, 0, 0x01),)),
        ("default layout, SFF-8472 300 bytes", 0x03, 300, None, ((0x51, 0, 0x00),)),
    )
    for (what, ident, size, segments, absent) in cases:
        blob = bytearray((i * 7 + i // 256) & 0xff for i in range(size))
        blob[0] = ident
        name = "page map: " + what
        image = run.write_variant("pattern-%d-%d.bin" % (ident, size), bytes(blob))
        pmap = PageMap(bytes(blob), segments)
        check_pages(res, run, name, image, segments, pmap)
        bad = []
        for (i2c, bank, page) in absent:
            off = 0 if i2c != 0x50 else 128
            args = ("hex", "on", "i2c", "0x%02x" % i2c, "bank", str(bank), "page",
                    str(page), "offset", str(off), "length", "128")
            rc, out, err, log = run.run(image, args, netlink=True, segments=segments)
            if (pmap.read(i2c, bank, page, off, 128) is not None or rc == 0
                    or err.strip() != NL_EINVAL or "error=EINVAL" not in log):
                bad.append("i2c=0x%02x bank=%d page=0x%02x: rc=%d %s"
                           % (i2c, bank, page, rc, err.strip()))
        res.report(not bad, name, "%d absent pages fail with '%s'"
                   % (len(absent), NL_EINVAL), "\n".join(bad))


def check_faults(res, run, image):
    msgs = {"eio": ("Input/output error", "EIO"),
            "enodev": ("No such device", "ENODEV"),
            "eopnotsupp": ("Operation not supported", "EOPNOTSUPP")}
    for fault, (text, name) in msgs.items():
        rc, out, err, log = run.run(image, netlink=True, fault=fault)
        ok = (rc != 0 and out == "" and err.strip() == "netlink error: " + text
              and "error=" + name in log)
        res.report(ok, "XCVR_SHIM_FAULT=" + fault, "netlink NLMSG_ERROR -%s" % name,
                   "rc=%d stderr=%s log=%s" % (rc, err, log))


def check_eeprom_dir(res, run, row, corpus):
    """XCVR_SHIM_EEPROM_DIR serves a per-interface image just as XCVR_SHIM_EEPROM does."""
    image = os.path.join(corpus, row["file"])
    d = os.path.join(run.tmpdir, "dir-" + row["family"])
    os.makedirs(d)
    shutil.copyfile(image, os.path.join(d, "eth7.bin"))
    with open(os.path.join(d, "eth7.segments"), "w") as f:
        f.write(row["segments"] + "\n")
    for netlink in (False, True):
        path = "netlink" if netlink else "ioctl"
        want = run.run(image, netlink=netlink, segments=row["segments"])
        got = run.run(None, netlink=netlink, ifname="eth7", eeprom_dir=d)
        devs = set(re.findall(r"(?:dev=|GMODULE\w+ )(\S+)", got[3]))
        ok = got[:3] == want[:3] and devs == {"eth7"}
        res.report(ok, row["file"], "XCVR_SHIM_EEPROM_DIR: ethtool -m eth7 over %s equals "
                   "XCVR_SHIM_EEPROM on lo" % path,
                   "rc %s vs %s; log devices %s\n%s" % (got[0], want[0], sorted(devs),
                                                       short_diff(want[1], got[1])))
        rc, out, err, log = run.run(None, netlink=netlink, ifname="eth8", eeprom_dir=d)
        ok = (rc != 0 and out == "" and "Operation not supported" in err and
              "error=EOPNOTSUPP" in log)
        res.report(ok, "XCVR_SHIM_EEPROM_DIR", "no eth8 image: %s answers EOPNOTSUPP" % path,
                   "rc=%d stderr=%s log=%s" % (rc, err, log))


def check_raw_fallback(res, run, image):
    rc, out, err, log = run.run(image, ("raw", "on"), netlink=True)
    irc, iout, _, _ = run.run(image, ("raw", "on"))
    ok = rc == 0 and out == iout and "ioctl GMODULEEEPROM" in log and "netlink" in log
    res.report(ok, os.path.basename(image), "'raw on' with XCVR_SHIM_NETLINK=1 falls back "
               "to the ioctl and gives the same bytes", "rc=%d %s\n%s" % (rc, err, log))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shim", required=True)
    ap.add_argument("--ethtool", default="/usr/sbin/ethtool")
    ap.add_argument("--corpus", default=os.environ.get("XCVR_CORPUS_DIR",
                                                       "/work/shared/eeprom-corpus"))
    ap.add_argument("--verbose", action="store_true")
    opts = ap.parse_args()
    if not os.access(opts.ethtool, os.X_OK):
        print("ethtool not found at %s: skipped" % opts.ethtool)
        return 77
    opts.shim = os.path.abspath(opts.shim)
    if not os.path.isfile(opts.shim):
        print("shim not found: %s" % opts.shim, file=sys.stderr)
        return 2
    index = os.path.join(opts.corpus, "index.tsv")
    try:
        with open(index, newline="") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
    except OSError as e:
        print("cannot read %s: %s" % (index, e), file=sys.stderr)
        return 2

    res = Results(opts.verbose)
    with tempfile.TemporaryDirectory(prefix="xcvr-nl-shim-") as tmpdir:
        run = Runner(opts, tmpdir)
        try:
            for row in rows:
                check_image(res, run, row, opts.corpus)
                if row["family"] == "cmis":
                    check_cmis_variant(res, run, row, opts.corpus)
            check_page_maps(res, run)
            first = {}
            for row in rows:
                first.setdefault(row["family"], os.path.join(opts.corpus, row["file"]))
            for family in sorted(first):
                check_raw_fallback(res, run, first[family])
            done = set()
            for row in rows:
                if row["family"] not in done:
                    done.add(row["family"])
                    check_eeprom_dir(res, run, row, opts.corpus)
            if first:
                check_faults(res, run, first[sorted(first)[0]])
        except SetupError as e:
            print("setup error: %s" % e, file=sys.stderr)
            return 2
    print("%d passed, %d failed" % (res.passed, res.failed))
    return 0 if res.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
