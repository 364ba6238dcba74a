#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""test-reader.py: `xcvrmap module IFACE...` end to end, reading modules "from the kernel".

Usage:
  test-reader.py --xcvrmap PATH --shim PATH --corpus DIR
                 [--ethtool /usr/sbin/ethtool] [--verbose] [--keep]

The kernel side is the LD_PRELOAD shim tests/shim/ethtool-ioctl-shim.c: each case fills
a directory with corpus images named eth0.bin, eth1.bin, ... (segment maps as
ethN.segments) and points XCVR_SHIM_EEPROM_DIR at it, so xcvrmap reads them through
ethtool netlink (XCVR_SHIM_NETLINK=1, libmnl) or the SIOCETHTOOL ioctl (netlink sockets
refused), on interface names the real kernel does not have.

Every image is first completed to the memory a real module would serve: pages the
decoders ask for that the published dump lacks (SFF-8636 01h-03h of paged memory, CMIS
01h/02h, the A2h of an SFF-8472 module with diagnostics) read as zero, the way
`xcvrmap module --file` reads the same completed image, so any difference is the reader's.

Cases (the contract of `xcvrmap module`):
  - netlink: every image decodes exactly as `xcvrmap module --file` (text, and the JSON
    module fields), "source": "netlink", exit status 0; --verbose's request and byte
    counts match the shim's request log; no half page is read twice; no more half
    pages than ethtool 6.1 reads for the same image through the same shim (SFF-8472,
    SFF-8636, CMIS: images whose identifier ethtool 6.1 does not decode are compared as
    a QSFP-DD, identifier 0x18, or left out);
  - ioctl (netlink refused): SFF-8472, SFF-8636 and flat CMIS images decode as --file,
    "source": "ioctl"; no byte range read twice, no more bytes than ethtool's ioctl read;
    an ethtool family without MODULE_EEPROM_GET (kernel < 5.13) also ends on the ioctl;
  - one interface failing among good ones, on both paths, in JSON and text: no image →
    not-supported; IFNAME.empty → no-module; EIO → io with a seating/compatibility
    hint; ENODEV after one read → no-device; a short read → truncated; EPERM →
    permission; exit status 1, the others decoded;
  - a module taking 3 s per read with --timeout 1 → timeout, well under 3 s per
    interface;
  - --eeprom-dir DIR decodes DIR/IFNAME.bin as --file does ("source": "file"), and --all
    with it lists DIR/*.bin; --all without it lists /sys/class/net's ports;
  - --all --root DIR lists the ports of DIR/sys/class/net (not VFs, bridges, bonds, taps);
    its exit status: 0 when every port decoded or is an answer about the port (no-module:
    an empty cage; not-supported: a driver without module access), 1 when a port could
    not be read (io, no-device, truncated, permission, timeout);
  - bad usage exits 2.

The last line printed is "N passed, M failed". Exit status: 0 if nothing failed, 1
otherwise, 2 on setup errors. Only the Python standard library is used.
"""

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

TIMEOUT = 120
SHIM_KNOBS = ("XCVR_SHIM_MODTYPE", "XCVR_SHIM_FAULT", "XCVR_SHIM_NETLINK", "XCVR_SHIM_LOG",
              "XCVR_SHIM_EEPROM", "XCVR_SHIM_SEGMENTS", "XCVR_SHIM_EEPROM_DIR",
              "XCVR_SHIM_FAULT_IFACE", "XCVR_SHIM_FAULT_AFTER", "XCVR_SHIM_SLOW_MS")
PRELOAD_ERROR = re.compile(r"ld\.so: object .* cannot be preloaded")
CODES = ("not-supported", "no-module", "no-dump", "io", "no-device", "truncated", "permission",
         "timeout", "invalid-data")
HEADING = re.compile(r"^Module (\S+):$")
VERBOSE = re.compile(r"^xcvrmap: (\S+): (\w+), (\d+) requests?, (\d+) bytes?$")

ID_SFP = (0x01, 0x02, 0x03)            # ethtool 6.1 decodes these over netlink
ID_QSFP = (0x0c, 0x0d, 0x11)
ID_CMIS_ETHTOOL61 = (0x18, 0x19, 0x1b)

HALF = 128


class SetupError(Exception):
    pass


# ---- Images ------------------------------------------------------------------------------

def parse_label(label):
    """Segment label → (i2c, bank, page, first offset, span), as the shim reads them."""
    if label == "lower":
        return (0x50, 0, 0, 0, HALF)
    if label.lower() in ("a0h", "a2h"):
        return (0x50 if label[1] == "0" else 0x51, 0, 0, 0, 2 * HALF)
    m = re.fullmatch(r"(?:[bB](\d+):)?([0-9a-fA-F]+)[hH]", label)
    if m is None:
        raise SetupError("bad segment label %r" % label)
    return (0x50, int(m.group(1) or 0), int(m.group(2), 16), HALF, HALF)


class Dump:
    """A corpus image and its segment map: what it holds of module memory."""

    def __init__(self, data, segments):
        self.data = data
        self.segs = []
        for tok in segments.split():
            label, rest = tok.split("@")
            off, length = (int(x) for x in rest.split("+"))
            self.segs.append(parse_label(label) + (off, length))

    def get(self, i2c, bank, page, start, span):
        """The bytes at (i2c, bank, page, start .. start+span), zero past what the dump
        holds, or None when no segment covers that memory."""
        for (si2c, sbank, spage, sstart, sspan, off, length) in self.segs:
            if si2c != i2c or start < sstart or start + span > sstart + sspan:
                continue
            if start >= HALF and (sbank, spage) != (bank, page):
                continue
            rel = start - sstart
            out = bytearray(span)
            for k in range(span):
                pos = off + rel + k
                if rel + k < length and pos < len(self.data):
                    out[k] = self.data[pos]
            return bytes(out)
        return None


def complete(family, dump):
    """→ (image bytes, segment map) holding every page the decoders may ask for."""
    zero = bytes(HALF)
    if family == "sff8472":
        a0 = dump.get(0x50, 0, 0, 0, 2 * HALF) or bytes(2 * HALF)
        a2 = dump.get(0x51, 0, 0, 0, 2 * HALF)
        if a2 is None and a0[92] & 0x40:
            a2 = bytes(2 * HALF)                 # SFF-8472 byte 92 bit 6: diagnostics
        if a2 is None:
            return a0, "A0h@0+256"
        return a0 + a2, "A0h@0+256 A2h@256+256"
    lower = dump.get(0x50, 0, 0, 0, HALF) or zero
    pages = [("lower", lower), ("00h", dump.get(0x50, 0, 0, HALF, HALF) or zero)]
    if family == "sff8636":
        if not lower[2] & 0x04:                  # SFF-8636 byte 2 bit 2: flat memory
            for p in (1, 2, 3):
                pages.append(("%02xh" % p, dump.get(0x50, 0, p, HALF, HALF) or zero))
    elif family == "cmis":
        if not lower[2] & 0x80:                  # CMIS byte 2 bit 7: flat memory
            p01 = dump.get(0x50, 0, 1, HALF, HALF) or zero
            pages.append(("01h", p01))
            pages.append(("02h", dump.get(0x50, 0, 2, HALF, HALF) or zero))
            banks = {0: 1, 1: 2, 2: 4}.get(p01[142 - HALF] & 0x03, 1)
            for b in range(banks):
                pages.append(("11h" if b == 0 else "b%d:11h" % b,
                              dump.get(0x50, b, 0x11, HALF, HALF) or zero))
            for b in range(banks):               # page 10h: the control values as read
                pages.append(("10h" if b == 0 else "b%d:10h" % b,
                              dump.get(0x50, b, 0x10, HALF, HALF) or zero))
    else:
        raise SetupError("unknown family %r" % family)
    data = b"".join(p for _, p in pages)
    segs = " ".join("%s@%d+%d" % (label, i * HALF, HALF) for i, (label, _) in
                    enumerate(pages))
    return data, segs


class Image:
    def __init__(self, row, corpus):
        self.name = row["file"]
        self.family = row["family"]
        with open(os.path.join(corpus, self.name), "rb") as f:
            raw = f.read()
        self.data, self.segments = complete(self.family, Dump(raw, row["segments"]))
        self.ident = self.data[0]

    @property
    def cmis_paged(self):
        return self.family == "cmis" and not self.data[2] & 0x80

    def write(self, directory, ifname, data=None):
        with open(os.path.join(directory, ifname + ".bin"), "wb") as f:
            f.write(self.data if data is None else data)
        with open(os.path.join(directory, ifname + ".segments"), "w") as f:
            f.write(self.segments + "\n")


# ---- The shim's request log ----------------------------------------------------------------

class Request:
    """One module request the shim answered: netlink page read or ioctl."""

    def __init__(self, line):
        tok = line.split()
        self.kind = tok[0]                        # netlink | ioctl
        self.cmd = tok[1]
        kv = {}
        rest = tok[2:]
        if self.kind == "ioctl" and rest:
            kv["dev"] = rest[0]
            rest = rest[1:]
        for t in rest:
            if "=" in t:
                k, v = t.split("=", 1)
                kv[k] = v
        self.dev = kv.get("dev")
        self.error = kv.get("error")
        self.i2c = int(kv["i2c"], 16) if "i2c" in kv else None
        self.bank = int(kv.get("bank", 0))
        self.page = int(kv["page"], 16) if "page" in kv else None
        self.offset = int(kv["offset"]) if "offset" in kv else None
        self.length = int(kv["len"]) if "len" in kv else None
        self.short = int(kv["short"]) if "short" in kv else None

    @property
    def is_read(self):
        return self.cmd in ("MODULE_EEPROM_GET", "GMODULEEEPROM") and self.offset is not None

    def half(self):
        """The half page a netlink read touches: lower memory is the same in every bank."""
        if self.offset < HALF:
            return (self.i2c, 0, 0, 0)
        return (self.i2c, self.bank, self.page, 1)

    def bytes_served(self):
        if self.error is not None:
            return 0
        return self.short if self.short is not None else self.length


def read_log(path):
    out = []
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                if line.startswith(("netlink MODULE_EEPROM_GET dev=", "ioctl GMODULE")):
                    out.append(Request(line))
    return out


def by_dev(reqs):
    out = {}
    for r in reqs:
        if r.is_read:
            out.setdefault(r.dev, []).append(r)
    return out


# ---- Running programs --------------------------------------------------------------------

# Every module JSON document the cases parse is validated against the published schema.
SCHEMA = {"validator": None, "documents": 0, "errors": []}


class Result:
    def __init__(self, rc, out, err, seconds, log):
        self.rc = rc
        self.out = out
        self.err = err
        self.seconds = seconds
        self.log = log

    def json(self):
        try:
            doc = json.loads(self.out)
        except ValueError:
            return None
        if SCHEMA["validator"] is not None:
            SCHEMA["documents"] += 1
            for e in SCHEMA["validator"].iter_errors(doc):
                SCHEMA["errors"].append("%s: %s" % (list(e.path), e.message))
        return doc

    def describe(self):
        return "exit %s after %.2f s\nstdout:\n%s\nstderr:\n%s" % (
            self.rc, self.seconds, self.out[:3000], self.err[:2000])


class Runner:
    def __init__(self, opts, tmpdir):
        self.opts = opts
        self.tmpdir = tmpdir
        self.base_env = {k: v for k, v in os.environ.items() if k not in SHIM_KNOBS}
        self.base_env.pop("LD_PRELOAD", None)
        self.base_env["LC_ALL"] = "C"
        # An ASan build of xcvrmap would refuse a preloaded library before its runtime.
        asan = self.base_env.get("ASAN_OPTIONS", "")
        self.base_env["ASAN_OPTIONS"] = (asan + ":" if asan else "") + "verify_asan_link_order=0"
        self.count = 0

    def newdir(self, what):
        self.count += 1
        d = os.path.join(self.tmpdir, "%03d-%s" % (self.count, what))
        os.makedirs(d)
        return d

    def run(self, argv, shim_env=None, preload=True):
        """Runs @argv; with @shim_env (a dict) under the shim, logging to a fresh file."""
        self.count += 1
        env = dict(self.base_env)
        log = os.path.join(self.tmpdir, "req-%03d.log" % self.count)
        if shim_env is not None:
            if preload:
                env["LD_PRELOAD"] = self.opts.shim
            env["XCVR_SHIM_LOG"] = log
            env.update(shim_env)
        start = time.monotonic()
        try:
            p = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=TIMEOUT)
            rc, out, err = p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired as e:
            rc, out, err = "timeout", e.stdout or b"", e.stderr or b""
        seconds = time.monotonic() - start
        out = out.decode("utf-8", "surrogateescape")
        err = err.decode("utf-8", "surrogateescape")
        if PRELOAD_ERROR.search(err):
            raise SetupError("the shim could not be preloaded: %s" % err.strip())
        return Result(rc, out, err, seconds, read_log(log))

    def xcvrmap(self, args, shim_env=None):
        return self.run([self.opts.xcvrmap, "module"] + list(args), shim_env)

    def ethtool(self, ifname, shim_env):
        return self.run([self.opts.ethtool, "-m", ifname], shim_env)


class Results:
    def __init__(self, verbose):
        self.passed = 0
        self.failed = 0
        self.verbose = verbose

    def report(self, ok, name, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print("%s: %s" % ("PASS" if ok else "FAIL", name))
        if detail and (not ok or self.verbose):
            for line in detail.rstrip("\n").splitlines():
                print("    " + line)
        sys.stdout.flush()


# ---- Output parsing -----------------------------------------------------------------------

def strip_blank(text):
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def text_sections(out):
    """Text output → {iface: body}, headings removed; one module without any → {None: body}."""
    sections = {}
    name = None
    body = []
    for line in out.splitlines():
        m = HEADING.match(line)
        if m:
            if name is not None or any(x.strip() for x in body):
                sections[name] = strip_blank("\n".join(body))
            name = m.group(1)
            body = []
        else:
            body.append(line)
    sections[name] = strip_blank("\n".join(body))
    return sections


def module_of(doc):
    """A --file JSON document ({"modules": [one entry]}) → the module entry."""
    if isinstance(doc, dict) and isinstance(doc.get("modules"), list) and doc["modules"]:
        return doc["modules"][0]
    return doc


def json_modules(res):
    """{"modules": [...]} → ({name: entry}, [names in order]) or (None, reason)."""
    doc = res.json()
    if not isinstance(doc, dict) or not isinstance(doc.get("modules"), list):
        return None, "not {\"modules\": [...]}"
    entries = {}
    order = []
    for e in doc["modules"]:
        if not isinstance(e, dict) or "name" not in e:
            return None, "an entry without \"name\": %r" % (e,)
        entries[e["name"]] = e
        order.append(e["name"])
    return entries, order


def module_diff(ref, got):
    """Keys of the --file module that the interface's entry lacks or has otherwise."""
    bad = []
    for k, v in ref.items():
        if k in ("name", "source", "file", "path"):
            continue
        if k == "summary" and isinstance(v, dict) and isinstance(got.get(k), dict):
            # the summary names how the bytes were read, as the entry does
            v = {kk: vv for kk, vv in v.items() if kk != "source"}
            g = {kk: vv for kk, vv in got[k].items() if kk != "source"}
            if g != v:
                bad.append(k)
            continue
        if got.get(k) != v:
            bad.append(k)
    return bad


def short_diff(a, b, la="--file", lb="interface"):
    import difflib
    return "".join(difflib.unified_diff(a.splitlines(True), b.splitlines(True), la, lb, n=1))


# ---- Cases --------------------------------------------------------------------------------

class Suite:
    def __init__(self, opts, run, res, images):
        self.opts = opts
        self.run = run
        self.res = res
        self.images = images
        self.ref_text = {}
        self.ref_json = {}

    # -- references: `xcvrmap module --file` on the completed images --

    def references(self):
        d = self.run.newdir("reference")
        for i, img in enumerate(self.images):
            img.write(d, "eth%d" % i)
            path = os.path.join(d, "eth%d.bin" % i)
            t = self.run.xcvrmap(["--file", path])
            j = self.run.xcvrmap(["--format", "json", "--file", path])
            doc = j.json()
            if t.rc != 0 or j.rc != 0 or doc is None:
                raise SetupError("xcvrmap module --file %s (%s) fails: %s"
                                 % (path, img.name, t.describe()))
            sections = text_sections(t.out)
            self.ref_text[img.name] = sections.get(None) or list(sections.values())[-1]
            self.ref_json[img.name] = module_of(doc)

    # -- decoding every image through one path --

    def decode_all(self, path, images, shim):
        """Runs text, JSON and --verbose over @images as eth0..N; → (dir, JSON result)."""
        d = self.run.newdir("decode-" + path)
        names = []
        for i, img in enumerate(images):
            img.write(d, "eth%d" % i)
            names.append("eth%d" % i)
        env = dict(shim, XCVR_SHIM_EEPROM_DIR=d)
        t = self.run.xcvrmap(names, env)
        j = self.run.xcvrmap(["--format", "json", "--verbose"] + names, env)
        tag = "%s path" % path

        self.res.report(t.rc == 0 and j.rc == 0, "%s: %d images decode, exit status 0"
                        % (tag, len(images)), "text: %s\njson: %s" % (t.describe(),
                                                                     j.describe()))
        sections = text_sections(t.out)
        entries, order = json_modules(j)
        for i, img in enumerate(images):
            ifname = names[i]
            body = sections.get(ifname)
            want = self.ref_text[img.name]
            self.res.report(body == want, "%s: %s (%s): text equals `module --file`"
                            % (tag, ifname, img.name),
                            "no 'Module %s:' section in:\n%s" % (ifname, t.out[:2000])
                            if body is None else short_diff(want, body))
            if entries is None:
                self.res.report(False, "%s: %s (%s): JSON" % (tag, ifname, img.name),
                                order + "\n" + j.describe())
                continue
            e = entries.get(ifname, {})
            bad = module_diff(self.ref_json[img.name], e)
            self.res.report(e.get("source") == path and not bad and "error" not in e,
                            "%s: %s (%s): JSON \"source\": \"%s\", module equals `module "
                            "--file --format json`" % (tag, ifname, img.name, path),
                            "source=%r error=%r message=%r differing keys: %s"
                            % (e.get("source"), e.get("error"), e.get("message"),
                               ", ".join(bad)))
        if entries is not None:
            self.res.report(order == names, "%s: JSON lists the interfaces in command-line "
                            "order" % tag, "got %s" % order)
        self.check_verbose(tag, j, names)
        return d, j

    def check_verbose(self, tag, res, names):
        """--verbose's per-interface counts against the shim log."""
        stats = {}
        for line in res.err.splitlines():
            m = VERBOSE.match(line)
            if m:
                stats[m.group(1)] = (m.group(2), int(m.group(3)), int(m.group(4)))
        reads = by_dev(res.log)
        bad = []
        for ifname in names:
            got = stats.get(ifname)
            rs = reads.get(ifname, [])
            want = (None, len(rs), sum(r.bytes_served() for r in rs))
            if got is None or got[1:] != want[1:]:
                bad.append("%s: stderr says %s; the shim answered %d requests, %d bytes"
                           % (ifname, "nothing" if got is None else
                              "%s, %d requests, %d bytes" % got, want[1], want[2]))
        self.res.report(not bad, "%s: --verbose request and byte counts match the shim's "
                        "request log" % tag, "\n".join(bad) + "\nstderr:\n" + res.err[:1500])

    # -- netlink --

    def netlink(self):
        shim = {"XCVR_SHIM_NETLINK": "1"}
        d, j = self.decode_all("netlink", self.images, shim)
        reads = by_dev(j.log)

        # No half page read twice (and every interface read at all).
        twice = ["%s: no module read in the shim's log" % "eth%d" % i
                 for i in range(len(self.images)) if "eth%d" % i not in reads]
        for dev, rs in sorted(reads.items()):
            seen = {}
            for r in rs:
                seen[r.half()] = seen.get(r.half(), 0) + 1
            dup = ["i2c=0x%02x bank=%d page=0x%02x %s" % (h[0], h[1], h[2],
                                                         "upper" if h[3] else "lower")
                   for h, n in seen.items() if n > 1]
            if dup:
                twice.append("%s: %s" % (dev, "; ".join(dup)))
        self.res.report(not twice, "netlink path: no half page read twice",
                        "\n".join(twice))
        self.vdm()

        # Against ethtool 6.1 through the same shim.
        if not os.access(self.opts.ethtool, os.X_OK):
            print("SKIP: ethtool not found at %s: no page-count comparison" % self.opts.ethtool)
            return
        self.compare_ethtool_netlink()

    def vdm(self):
        """VDM pages (20h-2Fh) cost nothing unless asked for: a paged CMIS module that
        advertises VDM is read without any of them by a plain `module`, and with page 2Fh,
        the descriptor, sample and threshold pages of each group and page 2Ch by `module
        --vdm`, which decodes what `module --vdm --file` decodes from the same bytes."""
        paged = [img for img in self.images if img.cmis_paged]
        if not paged:
            print("NOTE: no paged CMIS image: no VDM read check")
            return
        img = paged[0]
        data = bytearray(img.data)
        segs = img.segments.split()
        p01 = [t for t in segs if t.startswith("01h@")][0]
        off = int(p01.split("@")[1].split("+")[0])
        data[off + 142 - HALF] |= 0x40                  # VDM advertised
        pages = {0x2F: bytearray(HALF), 0x20: bytearray(HALF), 0x24: bytearray(HALF),
                 0x28: bytearray(HALF), 0x2C: bytearray(HALF)}
        pages[0x20][0:4] = bytes([0x00, 5, 0x01, 15])   # lane 1 eSNR, lane 2 pre-FEC BER
        pages[0x24][0:4] = bytes([18, 0x80, (20 << 3) | 0, 3])
        pages[0x28][0:2] = bytes([35, 0])
        pages[0x2C][0] = 0x01
        for page, body in sorted(pages.items()):
            segs.append("%02Xh@%d+%d" % (page, len(data), HALF))
            data += body
        d = self.run.newdir("vdm")
        with open(os.path.join(d, "eth0.bin"), "wb") as f:
            f.write(bytes(data))
        with open(os.path.join(d, "eth0.segments"), "w") as f:
            f.write(" ".join(segs) + "\n")
        env = {"XCVR_SHIM_NETLINK": "1", "XCVR_SHIM_EEPROM_DIR": d}
        plain = self.run.xcvrmap(["--format", "json", "eth0"], env)
        asked = self.run.xcvrmap(["--format", "json", "--vdm", "eth0"], env)
        ref = self.run.xcvrmap(["--format", "json", "--vdm", "--file",
                                os.path.join(d, "eth0.bin")], {})
        vdm_reads = lambda res: sorted({r.page for r in res.log if r.is_read and
                                        r.offset >= HALF and 0x20 <= r.page <= 0x2F})
        bad = []
        if vdm_reads(plain):
            bad.append("plain read asked for VDM pages %s" % vdm_reads(plain))
        if vdm_reads(asked) != [0x20, 0x24, 0x28, 0x2C, 0x2F]:
            bad.append("--vdm read VDM pages %s" % vdm_reads(asked))
        got, _ = json_modules(asked)
        want = (ref.json() or {}).get("modules", [{}])[0]
        e = (got or {}).get("eth0", {})
        fields = e.get("fields") or {}
        if fields.get("vdm_groups") != {"value": 1.0, "unit": ""}:
            bad.append("vdm_groups %r" % fields.get("vdm_groups"))
        if module_diff(want, e):
            bad.append("--vdm read differs from --vdm --file: %s" % ", ".join(module_diff(want, e)))
        pf = ((json_modules(plain)[0] or {}).get("eth0") or {}).get("fields") or {}
        if any(k.startswith("vdm_") and k != "vdm_supported" for k in pf):
            bad.append("plain read decoded VDM fields")
        self.res.report(not bad and plain.rc == 0 and asked.rc == 0 and ref.rc == 0,
                        "VDM: a plain read asks for no VDM page; --vdm reads 2Fh, 20h, 24h, "
                        "28h, 2Ch and decodes as --vdm --file",
                        "\n".join(bad) + "\n" + asked.describe())

    def compare_ethtool_netlink(self):
        d = self.run.newdir("ethtool-netlink")
        shim = {"XCVR_SHIM_NETLINK": "1", "XCVR_SHIM_EEPROM_DIR": d}
        names = []
        plan = []
        for i, img in enumerate(self.images):
            data = img.data
            note = ""
            if img.family == "cmis" and img.ident not in ID_CMIS_ETHTOOL61:
                data = b"\x18" + data[1:]
                note = " as identifier 0x18"
            elif img.family == "sff8636" and img.ident not in ID_QSFP:
                print("NOTE: %s: identifier 0x%02x: ethtool 6.1 hex-dumps it, no page count "
                      "comparison" % (img.name, img.ident))
                continue
            elif img.family == "sff8472" and img.ident not in ID_SFP:
                print("NOTE: %s: identifier 0x%02x: ethtool 6.1 hex-dumps it, no page count "
                      "comparison" % (img.name, img.ident))
                continue
            ifname = "eth%d" % i
            img.write(d, ifname, data)
            names.append(ifname)
            plan.append((ifname, img, note))
        x = self.run.xcvrmap(["--format", "json"] + names, shim)
        xreads = by_dev(x.log)
        per_family = {}
        worse = []
        for ifname, img, note in plan:
            e = self.run.ethtool(ifname, shim)
            ereads = [r for r in e.log if r.is_read and r.dev == ifname]
            e_halves = len({r.half() for r in ereads})
            x_all = {r.half() for r in xreads.get(ifname, [])}
            # page 10h of each bank (the control values as read) is the one page ethtool
            # 6.1 does not read and xcvrmap does, on paged CMIS modules only
            x_p10 = {h for h in x_all if h[2] == 0x10 and h[3] == 1}
            e_banks = len({r.half() for r in ereads if r.page == 0x11 and r.offset >= HALF})
            x_halves = len(x_all - x_p10)
            x_reqs = len(xreads.get(ifname, []))
            fam = per_family.setdefault(img.family, [])
            fam.append("  %-60s ethtool %d requests / %d half pages, xcvrmap %d / %d%s%s"
                       % (img.name, len(ereads), e_halves, x_reqs, x_halves,
                          " + %d of page 10h" % len(x_p10) if x_p10 else "", note))
            if (x_halves > e_halves or x_halves == 0 or
                    len(x_p10) != (e_banks if img.cmis_paged else 0)):
                worse.append(fam[-1].strip())
        detail = "\n".join("%s:\n%s" % (f, "\n".join(v)) for f, v in sorted(per_family.items()))
        print("NOTE: module reads per image over netlink (requests / distinct half pages):")
        print(detail)
        self.res.report(not worse and x.rc == 0,
                        "netlink path: xcvrmap reads no more half pages than ethtool 6.1 "
                        "but page 10h of each bank of a paged CMIS module "
                        "(%d images)" % len(plan),
                        ("exceeds ethtool:\n" + "\n".join(worse) if worse else "") +
                        ("" if x.rc == 0 else "\n" + x.describe()))

    # -- ioctl --

    def ioctl(self):
        # Left out: paged CMIS (the ioctl's flat layout has no page 01h), and SFF-8636
        # memory whose identifier byte is not a QSFP one: the shim, like a driver, reports
        # the module type from that byte (SFF-8472 for 0x00), so page 03h is not served.
        images = [img for img in self.images
                  if not img.cmis_paged and not (img.family == "sff8636" and
                                                 img.ident not in ID_QSFP)]
        skipped = [img.name for img in self.images if img not in images]
        if skipped:
            print("NOTE: ioctl path: left out (paged CMIS; SFF-8636 with a non-QSFP "
                  "identifier): %s" % ", ".join(skipped))
        d, j = self.decode_all("ioctl", images, {})
        reads = by_dev(j.log)
        bad = ["%s: no module read in the shim's log" % "eth%d" % i
               for i in range(len(images)) if "eth%d" % i not in reads]
        for dev, rs in sorted(reads.items()):
            covered = set()
            for r in rs:
                span = set(range(r.offset, r.offset + r.length))
                if covered & span:
                    bad.append("%s: offset %d len %d read again" % (dev, r.offset, r.length))
                covered |= span
        self.res.report(not bad, "ioctl path: no byte read twice", "\n".join(bad))

        if os.access(self.opts.ethtool, os.X_OK):
            more = []
            lines = []
            for i, img in enumerate(images):
                ifname = "eth%d" % i
                e = self.run.ethtool(ifname, {"XCVR_SHIM_EEPROM_DIR": d})
                eb = sum(r.bytes_served() for r in e.log if r.is_read)
                xb = sum(r.bytes_served() for r in reads.get(ifname, []))
                xn = len(reads.get(ifname, []))
                lines.append("  %-60s ethtool %d bytes in %d reads, xcvrmap %d bytes in %d"
                             % (img.name, eb, len([r for r in e.log if r.is_read]), xb, xn))
                if xb > eb or xb == 0:
                    more.append(lines[-1].strip())
            self.res.report(not more, "ioctl path: xcvrmap reads no more bytes than ethtool",
                            "\n".join(more) + "\n" + "\n".join(lines))

        self.ioctl_only_cmis()

        # --no-netlink: the ioctl even where netlink works; the netlink socket stays unused.
        d = self.run.newdir("no-netlink")
        img = images[0]
        img.write(d, "eth0")
        r = self.run.xcvrmap(["--format", "json", "--no-netlink", "eth0"],
                             {"XCVR_SHIM_NETLINK": "1", "XCVR_SHIM_EEPROM_DIR": d})
        entries, _ = json_modules(r)
        e = (entries or {}).get("eth0", {})
        self.res.report(r.rc == 0 and e.get("source") == "ioctl" and
                        not any(x.kind == "netlink" for x in r.log),
                        "--no-netlink: the ioctl, no netlink request",
                        "entry %r\n%s" % ({k: e.get(k) for k in ("source", "error")},
                                          r.describe()))

        # A kernel whose ethtool family predates MODULE_EEPROM_GET: the ioctl it is.
        d = self.run.newdir("old-kernel")
        img = images[0]
        img.write(d, "eth0")
        r = self.run.xcvrmap(["--format", "json", "eth0"],
                             {"XCVR_SHIM_NETLINK": "old", "XCVR_SHIM_EEPROM_DIR": d})
        entries, _ = json_modules(r)
        e = (entries or {}).get("eth0", {})
        self.res.report(r.rc == 0 and e.get("source") == "ioctl" and
                        any(x.cmd == "GMODULEEEPROM" for x in r.log),
                        "ethtool family without MODULE_EEPROM_GET (kernel < 5.13): falls back "
                        "to the ioctl", "entry %r\n%s" % (e, r.describe()))

    def ioctl_only_cmis(self):
        """A paged CMIS module on a kernel with only the ioctl (XCP-ng's 4.19 serves lower
        memory and page 00h): it decodes, and the pages it could not read are named in JSON
        (fields.pages_unread), XML and the text's Also-decoded section, not guessed."""
        paged = [img for img in self.images if img.cmis_paged]
        if not paged:
            print("NOTE: no paged CMIS image: no ioctl-only CMIS check")
            return
        d = self.run.newdir("ioctl-only-cmis")
        names = []
        for i, img in enumerate(paged):
            img.write(d, "eth%d" % i)
            names.append("eth%d" % i)
        env = {"XCVR_SHIM_EEPROM_DIR": d}
        j = self.run.xcvrmap(["--format", "json"] + names, env)
        t = self.run.xcvrmap(names, env)
        x = self.run.xcvrmap(["--format", "xml"] + names, env)
        entries, order = json_modules(j)
        bad = []
        if entries is None:
            bad.append("JSON: " + order)
            entries = {}
        want = ["01h", "02h", "11h", "10h"]
        for ifname in names:
            e = entries.get(ifname, {})
            got = (e.get("fields") or {}).get("pages_unread")
            if e.get("source") != "ioctl" or got != want:
                bad.append("%s: source %r, pages_unread %r (want %r)"
                           % (ifname, e.get("source"), got, want))
        # one interface gets no "Module NAME:" heading
        sections = text_sections(t.out) if len(names) > 1 else {names[0]: t.out}
        for ifname in names:
            body = sections.get(ifname) or ""
            lines = [ln.split(":", 1)[1].strip() for ln in body.splitlines()
                     if ln.strip().startswith("Page not read")]
            if lines != want:
                bad.append("%s: text says %r not read" % (ifname, lines))
        if x.out.count("<item>10h</item>") != len(names):
            bad.append("XML: <item>10h</item> %d times for %d modules"
                       % (x.out.count("<item>10h</item>"), len(names)))
        beyond = [r for r in j.log if r.is_read and r.offset + r.length > 2 * HALF]
        if beyond:
            bad.append("ioctl reads beyond lower memory and page 00h: %r" % beyond[:3])
        self.res.report(not bad and j.rc == 0 and t.rc == 0 and x.rc == 0,
                        "ioctl-only host: %d paged CMIS modules decode and name pages 01h, "
                        "02h, 11h and 10h as not read" % len(names),
                        "\n".join(bad) + "\n" + j.describe())

    # -- one failing interface among good ones --

    def failure(self, path, code, what, setup, shim, hint=None):
        """eth0 and eth2 hold good images; eth1 is set up by @setup(dir) to fail."""
        d = self.run.newdir("fail-%s-%s" % (path, code))
        good = [self.images[0], self.images[-1]]
        good[0].write(d, "eth0")
        good[1].write(d, "eth2")
        setup(d)
        env = dict(shim, XCVR_SHIM_EEPROM_DIR=d)
        if path == "netlink":
            env["XCVR_SHIM_NETLINK"] = "1"
        names = ["eth0", "eth1", "eth2"]
        tag = "%s path: %s → %s" % (path, what, code)

        j = self.run.xcvrmap(["--format", "json"] + names, env)
        entries, order = json_modules(j)
        problems = []
        if entries is None:
            problems.append("JSON: " + order)
            entries = {}
        e1 = entries.get("eth1", {})
        if e1.get("error") != code:
            problems.append("eth1: error %r, expected %r" % (e1.get("error"), code))
        if not isinstance(e1.get("message"), str) or not e1.get("message"):
            problems.append("eth1: no message")
        if hint is not None and not re.search(hint, e1.get("message") or "", re.I):
            problems.append("eth1: the message %r lacks the hint /%s/" % (e1.get("message"),
                                                                          hint))
        for n in ("eth0", "eth2"):
            e = entries.get(n, {})
            if "error" in e or e.get("source") != path:
                problems.append("%s: not decoded over %s: %r" % (n, path, {
                    k: e.get(k) for k in ("source", "error", "message")}))
        if j.rc != 1:
            problems.append("exit status %s, expected 1" % j.rc)
        self.res.report(not problems, tag + " (JSON; the others decode; exit 1)",
                        "\n".join(problems) + "\n" + j.describe())

        t = self.run.xcvrmap(names, env)
        sections = text_sections(t.out)
        problems = []
        msg = e1.get("message") or ""
        # the error is said once, on stderr: no section (heading or '\tError:' line) on stdout
        if "eth1" in sections:
            problems.append("a 'Module eth1:' section on stdout: %r" % sections["eth1"])
        if "Error:" in t.out:
            problems.append("an 'Error:' line on stdout")
        want_err = "xcvrmap: eth1: %s (%s)" % (msg, code)
        if want_err not in t.err.splitlines():
            problems.append("stderr lacks the line %r" % want_err)
        elif t.err.count(msg) != 1:
            problems.append("the message is on stderr %d times" % t.err.count(msg))
        for n, img in (("eth0", good[0]), ("eth2", good[1])):
            if sections.get(n) != self.ref_text[img.name]:
                problems.append("%s: text differs from `module --file`" % n)
        if t.rc != 1:
            problems.append("exit status %s, expected 1" % t.rc)
        self.res.report(not problems, tag + " (text: no section for eth1, its error once on stderr)",
                        "\n".join(problems) + "\n" + t.describe())
        return j

    def failures(self):
        img = self.images[len(self.images) // 2]

        def nothing(d):
            pass

        def empty(d):
            open(os.path.join(d, "eth1.empty"), "w").close()

        def good(d):
            img.write(d, "eth1")

        for path in ("netlink", "ioctl"):
            one = {"XCVR_SHIM_FAULT_IFACE": "eth1"}
            self.failure(path, "not-supported", "no module support (no image)", nothing, {})
            self.failure(path, "no-module", "empty cage (IFNAME.empty, reads 0xff)", empty, {})
            self.failure(path, "io", "EIO", good, dict(one, XCVR_SHIM_FAULT="eio"),
                         hint=r"seat|incompatib")
            self.failure(path, "no-device", "ENODEV after 1 read", good,
                         dict(one, XCVR_SHIM_FAULT="enodev", XCVR_SHIM_FAULT_AFTER="1"))
            self.failure(path, "truncated", "short read", good,
                         dict(one, XCVR_SHIM_FAULT="short"))
            self.failure(path, "permission", "EPERM", good, dict(one, XCVR_SHIM_FAULT="eperm"))

    # -- deadline --

    def timeouts(self):
        slow = {"XCVR_SHIM_FAULT": "slow", "XCVR_SHIM_SLOW_MS": "3000"}
        for path in ("netlink", "ioctl"):
            d = self.run.newdir("slow-" + path)
            self.images[0].write(d, "eth0")
            self.images[-1].write(d, "eth1")
            env = dict(slow, XCVR_SHIM_EEPROM_DIR=d)
            if path == "netlink":
                env["XCVR_SHIM_NETLINK"] = "1"
            r = self.run.xcvrmap(["--format", "json", "--timeout", "1", "eth0", "eth1"], env)
            entries, order = json_modules(r)
            codes = [(entries or {}).get(n, {}).get("error") for n in ("eth0", "eth1")]
            per_iface = r.seconds / 2
            self.res.report(codes == ["timeout", "timeout"] and r.rc == 1 and per_iface < 2.0,
                            "%s path: 3 s per read with --timeout 1 → timeout on both "
                            "interfaces, %.2f s per interface (limit 2.0)"
                            % (path, per_iface), "codes %s\n%s" % (codes, r.describe()))

        # One slow interface among good ones.
        d = self.run.newdir("slow-one")
        for i in range(3):
            self.images[i].write(d, "eth%d" % i)
        env = dict(slow, XCVR_SHIM_EEPROM_DIR=d, XCVR_SHIM_NETLINK="1",
                   XCVR_SHIM_FAULT_IFACE="eth1")
        # --timeout bounds the whole command: the slow one, read last, eats what is left
        r = self.run.xcvrmap(["--timeout", "1", "eth0", "eth2", "eth1"], env)
        sections = text_sections(r.out)
        ok = (r.rc == 1 and "eth1" not in sections and r.err.count("(timeout)") == 1 and
              sections.get("eth0") == self.ref_text[self.images[0].name] and
              sections.get("eth2") == self.ref_text[self.images[2].name] and r.seconds < 2.5)
        self.res.report(ok, "netlink path: one slow interface times out (%.2f s in all, limit "
                        "2.5), the two others decode (text)" % r.seconds, r.describe())
        # ... read in the middle, the one after it is past the deadline: said as timeout too
        r = self.run.xcvrmap(["--timeout", "1", "eth0", "eth1", "eth2"], env)
        sections = text_sections(r.out)
        ok = (r.rc == 1 and "eth1" not in sections and "eth2" not in sections and
              r.err.count("(timeout)") == 2 and
              sections.get("eth0") == self.ref_text[self.images[0].name] and r.seconds < 2.5)
        self.res.report(ok, "netlink path: past the --timeout deadline the next interface is "
                        "not read (%.2f s in all, limit 2.5)" % r.seconds, r.describe())

    # -- --eeprom-dir and --all --

    def eeprom_dir(self):
        d = self.run.newdir("eeprom-dir")
        names = []
        for i, img in enumerate(self.images):
            img.write(d, "eth%d" % i)
            names.append("eth%d" % i)
        open(os.path.join(d, "eth99.empty"), "w").close()
        with open(os.path.join(d, "notes.txt"), "w") as f:
            f.write("not an image\n")
        t = self.run.xcvrmap(["--eeprom-dir", d] + names)
        j = self.run.xcvrmap(["--eeprom-dir", d, "--format", "json"] + names)
        sections = text_sections(t.out)
        entries, order = json_modules(j)
        bad = []
        for i, img in enumerate(self.images):
            n = names[i]
            if sections.get(n) != self.ref_text[img.name]:
                bad.append("%s (%s): text differs from `module --file`" % (n, img.name))
            e = (entries or {}).get(n, {})
            if e.get("source") != "file" or module_diff(self.ref_json[img.name], e):
                bad.append("%s (%s): JSON source %r, differing keys %s"
                           % (n, img.name, e.get("source"),
                              module_diff(self.ref_json[img.name], e)))
        self.res.report(not bad and t.rc == 0 and j.rc == 0,
                        "--eeprom-dir: %d dumps decode as `module --file`, \"source\": \"file\""
                        % len(names), "\n".join(bad) + "\n" + t.describe()[:1500])

        a = self.run.xcvrmap(["--eeprom-dir", d, "--all", "--format", "json"])
        entries, order = json_modules(a)
        want = sorted(names)
        self.res.report(a.rc == 0 and entries is not None and sorted(order) == want,
                        "--eeprom-dir --all: every DIR/*.bin, nothing else",
                        "listed %s\nwanted %s\n%s" % (order, want, a.describe()[:1500]))

        m = self.run.xcvrmap(["--eeprom-dir", d, "--format", "json", "eth0", "nosuch0"])
        entries, order = json_modules(m)
        e = (entries or {}).get("nosuch0", {})
        # a missing dump is "not recorded" (no-dump), as in `map`: neither an empty cage
        # (no-module) nor a missing interface (no-device)
        self.res.report(m.rc == 1 and e.get("module_error", {}).get("code") == "no-dump" and
                        e.get("error") == "no-dump" and
                        "module_error" not in (entries or {}).get("eth0", {"module_error": 1}),
                        "--eeprom-dir: an interface without a dump is no-dump (%s), the "
                        "other decodes" % e.get("module_error"), m.describe())
        with open(os.path.join(d, "cage0.bin"), "wb") as f:
            f.write(b"\xff" * 256)
        m = self.run.xcvrmap(["--eeprom-dir", d, "--format", "json", "cage0"])
        entries, order = json_modules(m)
        e = (entries or {}).get("cage0", {})
        self.res.report(m.rc == 1 and e.get("module_error", {}).get("code") == "no-module",
                        "--eeprom-dir: a dump of 0xFF bytes is an empty cage (no-module)",
                        m.describe())
        os.unlink(os.path.join(d, "cage0.bin"))

    def all_ports(self):
        """--all without --eeprom-dir: /sys/class/net's ports, each not-supported here."""
        want = []
        base = "/sys/class/net"
        for n in sorted(os.listdir(base)):
            p = os.path.join(base, n)
            if not os.path.exists(os.path.join(p, "device")):
                continue
            if os.path.exists(os.path.join(p, "device", "physfn")):
                continue
            if any(os.path.exists(os.path.join(p, x)) for x in ("bridge", "bonding",
                                                               "tun_flags", "phy80211",
                                                               "wireless")):
                continue
            devtype = ""
            try:
                with open(os.path.join(p, "uevent")) as f:
                    for line in f:
                        if line.startswith("DEVTYPE="):
                            devtype = line.strip().split("=", 1)[1]
            except OSError:
                pass
            if devtype in ("bridge", "bond", "vlan", "wlan"):
                continue
            want.append(n)
        d = self.run.newdir("all-empty")
        r = self.run.xcvrmap(["--all", "--format", "json"],
                             {"XCVR_SHIM_NETLINK": "1", "XCVR_SHIM_EEPROM_DIR": d})
        entries, order = json_modules(r)
        codes = sorted({e.get("error") for e in (entries or {}).values()})
        ok = (entries is not None and sorted(order) == want and
              all(c == "not-supported" for c in codes) and r.rc == 0)
        self.res.report(ok, "--all: the ports of /sys/class/net (%s), each not-supported "
                        "with no module image, exit status 0" % (", ".join(want) or "none"),
                        "listed %s, codes %s\n%s" % (order, codes, r.describe()))

    def all_root(self):
        """--all --root: the ports of a fixture host; which per-port codes fail the run."""
        root = self.run.newdir("all-root")
        net = os.path.join(root, "sys", "class", "net")
        for n in ("eth0", "eth1", "eth2", "eth3"):
            os.makedirs(os.path.join(net, n, "device"))
        os.makedirs(os.path.join(net, "eth0v0", "device", "physfn"))  # an SR-IOV VF
        os.makedirs(os.path.join(net, "br0", "bridge"))
        os.makedirs(os.path.join(net, "bond0", "bonding"))
        os.makedirs(os.path.join(net, "tap0", "tun_flags"))
        os.makedirs(os.path.join(net, "lo"))
        d = self.run.newdir("all-root-dumps")
        self.images[0].write(d, "eth0")
        open(os.path.join(d, "eth1.empty"), "w").close()  # an empty cage
        self.images[-1].write(d, "eth3")                   # eth2: no module access
        want = {"eth0": None, "eth1": "no-module", "eth2": "not-supported", "eth3": None}
        env = {"XCVR_SHIM_NETLINK": "1", "XCVR_SHIM_EEPROM_DIR": d}
        r = self.run.xcvrmap(["--all", "--root", root, "--format", "json"], env)
        entries, order = json_modules(r)
        got = {n: e.get("error") for n, e in (entries or {}).items()}
        self.res.report(r.rc == 0 and got == want,
                        "--all --root: the fixture's ports only; no-module and not-supported "
                        "are answers, exit status 0",
                        "got %s\nwanted %s\n%s" % (got, want, r.describe()))
        t = self.run.xcvrmap(["--all", "--root", root], env)
        self.res.report(t.rc == 0 and "(not-supported)" in t.err and "(no-module)" in t.err,
                        "--all --root (text): each port's answer reported, exit status 0",
                        t.describe())
        for fault, code in (("eio", "io"), ("enodev", "no-device"), ("short", "truncated"),
                            ("eperm", "permission")):
            f = self.run.xcvrmap(["--all", "--root", root, "--format", "json"],
                                 dict(env, XCVR_SHIM_FAULT=fault, XCVR_SHIM_FAULT_IFACE="eth3"))
            entries, order = json_modules(f)
            e3 = (entries or {}).get("eth3", {}).get("error")
            self.res.report(f.rc == 1 and e3 == code,
                            "--all --root: a port that cannot be read (%s) fails the run, "
                            "exit status 1" % code, "eth3: %s\n%s" % (e3, f.describe()))
        s = self.run.xcvrmap(["--all", "--root", root, "--format", "json", "--timeout", "1"],
                             dict(env, XCVR_SHIM_FAULT="slow", XCVR_SHIM_SLOW_MS="3000",
                                  XCVR_SHIM_FAULT_IFACE="eth3"))
        entries, order = json_modules(s)
        e3 = (entries or {}).get("eth3", {}).get("error")
        self.res.report(s.rc == 1 and e3 == "timeout",
                        "--all --root: a port that times out fails the run, exit status 1",
                        "eth3: %s\n%s" % (e3, s.describe()))

    def usage(self):
        for args, what in ((["--format", "json"], "no interface and no --all"),
                           (["--format", "bogus", "eth0"], "--format bogus"),
                           (["--all", "eth0"], "--all with an interface"),
                           (["--root", "/", "eth0"], "--root without --all")):
            r = self.run.xcvrmap(args, {"XCVR_SHIM_NETLINK": "1",
                                        "XCVR_SHIM_EEPROM_DIR": self.tmpdir_empty()})
            self.res.report(r.rc == 2, "bad usage (%s) exits 2" % what, r.describe())

    def tmpdir_empty(self):
        return self.run.newdir("empty")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--xcvrmap", required=True)
    ap.add_argument("--shim", required=True)
    ap.add_argument("--corpus", default=os.environ.get("XCVR_CORPUS_DIR",
                                                       "/work/shared/eeprom-corpus"))
    ap.add_argument("--ethtool", default="/usr/sbin/ethtool")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("--schema", help="xcvrmap-module.schema.json: validate every JSON output")
    opts = ap.parse_args()
    if opts.schema:
        import jsonschema
        with open(opts.schema) as f:
            SCHEMA["validator"] = jsonschema.Draft202012Validator(json.load(f))
    opts.shim = os.path.abspath(opts.shim)
    opts.xcvrmap = os.path.abspath(opts.xcvrmap)
    for f in (opts.shim, opts.xcvrmap):
        if not os.path.isfile(f):
            print("not found: %s" % f, file=sys.stderr)
            return 2
    index = os.path.join(opts.corpus, "index.tsv")
    try:
        with open(index, newline="") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
    except OSError as e:
        print("cannot read %s: %s" % (index, e), file=sys.stderr)
        return 2

    res = Results(opts.verbose)
    tmpdir = tempfile.mkdtemp(prefix="xcvr-reader-")
    try:
        run = Runner(opts, tmpdir)
        images = [Image(row, opts.corpus) for row in rows]
        if len(images) < 3:
            raise SetupError("the corpus needs at least 3 images")
        suite = Suite(opts, run, res, images)
        suite.references()
        suite.usage()
        suite.netlink()
        suite.ioctl()
        suite.failures()
        suite.timeouts()
        suite.eeprom_dir()
        suite.all_ports()
        suite.all_root()
        if opts.schema:
            res.report(SCHEMA["documents"] > 0 and not SCHEMA["errors"],
                       "%d module JSON documents valid against the schema" % SCHEMA["documents"],
                       "\n".join(SCHEMA["errors"][:10]))
    except SetupError as e:
        print("setup error: %s" % e, file=sys.stderr)
        print("%d passed, %d failed" % (res.passed, res.failed + 1))
        return 2
    finally:
        if opts.keep:
            print("work directory kept: %s" % tmpdir)
        else:
            shutil.rmtree(tmpdir, ignore_errors=True)
    print("%d passed, %d failed" % (res.passed, res.failed))
    return 0 if res.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
