#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Write synthetic SFF-8079/SFF-8472 EEPROM images for the ethtool oracle.

Usage: gen-sff8472.py [--clean] OUTDIR

Every image starts from one realistic SFP+ 10GBASE-SR module with digital
diagnostics (A0h 256 bytes + A2h 256 bytes = 512 bytes) and changes one thing,
so that together the images reach every table entry and every branch of the
SFF-8079 / SFF-8472 text decoder of `ethtool -m` (6.1) plus the edge cases
around it: every identifier, extended identifier, connector, transceiver
compliance bit, extended compliance code (byte 36), encoding, rate identifier,
BR / length / wavelength / cable-compliance edge values, vendor strings with
odd bytes, option bits, DOM (internal and external calibration, alarm and
warning flags, thresholds, extreme live values) and bad checksums.

Checksums (CC_BASE = A0h[63], CC_EXT = A0h[95], CC_DMI = A2h[95]) are
recomputed after each change unless the image is meant to carry a bad one
(files named cc-*bad*; all other images
have valid checksums).

Images are written as NAME.bin; the file name says what the image exercises.
Files longer than 256 bytes are A0h followed by A2h; 256 bytes or fewer are
A0h only (possibly truncated: partial-a0-*.bin).
Only the Python standard library is used.
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from imagegen import ascii_field, s16be, string_variants, u16be  # noqa: F401
from imagegen import main as imagegen_main

# --------------------------------------------------------------------------
# Base image
# --------------------------------------------------------------------------








def f32be(value):
    return struct.pack(">f", value)


def put(buf, offset, data):
    buf[offset:offset + len(data)] = data


def base_a0():
    """A0h of a plausible 10GBASE-SR SFP+ with internally calibrated DOM."""
    a0 = bytearray(256)
    a0[0] = 0x03          # identifier: SFP/SFP+/SFP28
    a0[1] = 0x04          # extended identifier: defined by 2-wire ID
    a0[2] = 0x07          # connector: LC
    put(a0, 3, bytes([0x10, 0, 0, 0, 0, 0, 0, 0]))  # 10GBASE-SR
    a0[11] = 0x06         # encoding: 64B/66B
    a0[12] = 103          # BR nominal: 10300 MBd
    a0[13] = 0x00         # rate identifier: unspecified
    a0[14] = 0            # length SMF km
    a0[15] = 0            # length SMF 100 m
    a0[16] = 8            # length OM2 (50 um) 10 m units -> 80 m
    a0[17] = 3            # length OM1 (62.5 um) -> 30 m
    a0[18] = 0            # length copper / OM4
    a0[19] = 30           # length OM3 -> 300 m
    put(a0, 20, ascii_field("ACME OPTICS", 16))
    a0[36] = 0x00         # extended compliance
    put(a0, 37, bytes([0x00, 0x90, 0x65]))
    put(a0, 40, ascii_field("XM-SFP10G-SR", 16))
    put(a0, 56, ascii_field("A1", 4))
    put(a0, 60, u16be(850))
    a0[62] = 0x00
    a0[64] = 0x00
    a0[65] = 0x1A         # RX_LOS, TX_FAULT, TX_DISABLE
    a0[66] = 0
    a0[67] = 0
    put(a0, 68, ascii_field("XM24011500017", 16))
    put(a0, 84, ascii_field("240115", 8))
    a0[92] = 0x68         # DOM implemented, internally calibrated, avg power
    a0[93] = 0xF0         # alarm/warning flags, soft TX_DISABLE, TX_FAULT, RX_LOS
    a0[94] = 0x08         # SFF-8472 rev 12.3
    # 96..127 vendor specific, 128..255 reserved: left as zero.
    return a0


def base_a2():
    """A2h with realistic thresholds and live readings (35.00 C, 3.3 V ...)."""
    a2 = bytearray(256)
    thresholds = [
        # temperature, signed 1/256 C
        s16be(80 * 256), s16be(-10 * 256), s16be(75 * 256), s16be(-5 * 256),
        # vcc, 100 uV
        u16be(36000), u16be(30000), u16be(35000), u16be(31000),
        # bias, 2 uA
        u16be(7500), u16be(500), u16be(6500), u16be(1000),
        # tx power, 0.1 uW
        u16be(15849), u16be(1000), u16be(10000), u16be(1259),
        # rx power, 0.1 uW
        u16be(10000), u16be(100), u16be(7943), u16be(126),
    ]
    put(a2, 0, b"".join(thresholds))
    # 40..55 optional laser temperature / TEC current thresholds: zero.
    set_extcal(a2)  # identity calibration constants (unused unless bit 4)
    # live values
    put(a2, 96, s16be(35 * 256))   # 35.00 C
    put(a2, 98, u16be(33000))      # 3.3000 V
    put(a2, 100, u16be(3000))      # 6.000 mA
    put(a2, 102, u16be(5000))      # 0.5000 mW
    put(a2, 104, u16be(4000))      # 0.4000 mW
    a2[110] = 0x00                 # status/control
    a2[112] = a2[113] = 0          # alarm flags
    a2[116] = a2[117] = 0          # warning flags
    a2[127] = 0x00                 # page select
    return a2


def set_extcal(a2, rx=(0.0, 0.0, 0.0, 1.0, 0.0),
               txi=(0x0100, 0), txpwr=(0x0100, 0), temp=(0x0100, 0),
               volt=(0x0100, 0)):
    """External calibration constants.

    rx is (RX_PWR(4), RX_PWR(3), RX_PWR(2), RX_PWR(1), RX_PWR(0)) as floats,
    stored big-endian IEEE-754 at A2h 56, 60, 64, 68, 72.  Each other pair is
    (slope as unsigned 8.8 fixed point, signed offset), at 76/78 (TX_I),
    80/82 (TX_PWR), 84/86 (T), 88/90 (V).
    """
    for i, value in enumerate(rx):
        put(a2, 56 + 4 * i, f32be(value))
    for off, (slope, offset) in zip((76, 80, 84, 88), (txi, txpwr, temp, volt)):
        put(a2, off, u16be(slope))
        put(a2, off + 2, s16be(offset))


def fix_checksums(a0, a2=None, base=True, ext=True, dmi=True):
    if base:
        a0[63] = sum(a0[0:63]) & 0xFF
    if ext:
        a0[95] = sum(a0[64:95]) & 0xFF
    if a2 is not None and dmi:
        a2[95] = sum(a2[0:95]) & 0xFF


# --------------------------------------------------------------------------
# Image set
# --------------------------------------------------------------------------


class Writer:
    def __init__(self, outdir):
        self.outdir = outdir
        self.names = set()

    def emit(self, name, a0=None, a2=None, *, with_a2=True, length=None,
             base=True, ext=True, dmi=True):
        """Write NAME.bin.

        a0/a2 default to fresh base pages; with_a2=False writes A0h only.
        Checksums are fixed unless base/ext/dmi is False (then left as they
        were after mutation, i.e. stale).  length truncates the result.
        """
        if name in self.names:
            raise SystemExit("duplicate image name: " + name)
        self.names.add(name)
        a0 = base_a0() if a0 is None else a0
        if with_a2:
            a2 = base_a2() if a2 is None else a2
        else:
            a2 = None
        fix_checksums(a0, a2, base=base, ext=ext, dmi=dmi)
        data = bytes(a0) + (bytes(a2) if a2 is not None else b"")
        if length is not None:
            data = data[:length]
        with open(os.path.join(self.outdir, name + ".bin"), "wb") as f:
            f.write(data)

    def a0_variant(self, name, changes, **kw):
        """Base image with A0h bytes changed: changes is {offset: bytes|int}."""
        a0 = base_a0()
        for off, val in changes.items():
            if isinstance(val, int):
                a0[off] = val
            else:
                put(a0, off, val)
        self.emit(name, a0, **kw)

    def a2_variant(self, name, changes, a0_changes=None, **kw):
        a0 = base_a0()
        for off, val in (a0_changes or {}).items():
            if isinstance(val, int):
                a0[off] = val
            else:
                put(a0, off, val)
        a2 = base_a2()
        for off, val in changes.items():
            if isinstance(val, int):
                a2[off] = val
            else:
                put(a2, off, val)
        self.emit(name, a0, a2, **kw)


def gen_basics(w):
    w.emit("base-sfpp-10g-sr-dom")
    w.emit("base-sfpp-10g-sr-a0only", with_a2=False)
    w.a0_variant("base-a0only-nodom", {92: 0x00, 93: 0x00}, with_a2=False)
    # 512 bytes, but A0h says DOM is not implemented.
    w.a0_variant("dom-not-implemented", {92: 0x00})
    w.a0_variant("dom-not-implemented-aw-set", {92: 0x28, 93: 0x80})
    # Typical passive DAC (A0h only) and 1000BASE-T module.
    w.a0_variant("base-sfpp-dac-a0only", {
        2: 0x21, 3: bytes(8), 8: 0x04, 11: 0x00, 12: 103, 16: 0, 17: 0,
        18: 3, 19: 0, 36: 0x00, 60: bytes([0x01, 0x00]), 92: 0, 93: 0,
        40: ascii_field("XM-DAC-3M", 16)}, with_a2=False)
    w.a0_variant("base-sfp-1000base-t-a0only", {
        2: 0x22, 3: bytes(8), 6: 0x08, 11: 0x01, 12: 13, 16: 0, 17: 0,
        18: 100, 19: 0, 60: bytes(2), 92: 0, 93: 0,
        40: ascii_field("XM-SFP-1G-T", 16)}, with_a2=False)


def gen_identifier(w):
    for v in range(256):
        w.a0_variant("id-0x%02x" % v, {0: v})
    # A few identifiers as A0h-only images too.
    for v in (0x00, 0x01, 0x02, 0x03, 0x0b, 0xff):
        w.a0_variant("id-0x%02x-a0only" % v, {0: v}, with_a2=False)
    # 0x02 (module soldered to motherboard) with a full body decodes like SFP;
    # 0x01 (GBIC) does not.
    w.a0_variant("id-0x02-soldered-full", {0: 0x02, 1: 0x04})
    w.a0_variant("id-0x01-gbic-extid-0x04", {0: 0x01, 1: 0x04})


def gen_ext_identifier(w):
    for v in list(range(0x00, 0x09)) + [0x09, 0x0f, 0x10, 0x7f, 0x80, 0xff]:
        w.a0_variant("extid-0x%02x" % v, {1: v})
    # Same with identifier 0x02 (soldered module), also fully decoded.
    for v in (0x00, 0x01, 0x04, 0x07, 0x08):
        w.a0_variant("extid-id02-0x%02x" % v, {0: 0x02, 1: v})


def gen_connector(w):
    values = list(range(0x00, 0x30)) + [0x30, 0x40, 0x7f, 0x80, 0x81, 0xfe, 0xff]
    for v in values:
        w.a0_variant("conn-0x%02x" % v, {2: v})


def gen_transceiver(w):
    for byte in range(3, 11):
        for bit in range(8):
            codes = bytearray(8)
            codes[byte - 3] = 1 << bit
            w.a0_variant("xcvr-byte%d-bit%d" % (byte, bit), {3: bytes(codes)})
    w.a0_variant("xcvr-none", {3: bytes(8)})
    w.a0_variant("xcvr-all-bits", {3: b"\xff" * 8})
    w.a0_variant("xcvr-all-bits-ext36-0x02", {3: b"\xff" * 8, 36: 0x02})
    # Realistic combinations.
    w.a0_variant("xcvr-combo-1g-10g-sr", {3: bytes([0x10, 0, 0, 0x01, 0, 0, 0, 0])})
    w.a0_variant("xcvr-combo-fc-8g-sw", {3: bytes([0, 0, 0, 0, 0x40, 0x40, 0x0c, 0x54])})


def gen_ext36(w):
    for v in range(256):
        w.a0_variant("ext36-0x%02x" % v, {36: v})


def gen_encoding(w):
    for v in list(range(0x00, 0x0b)) + [0x10, 0x80, 0xff]:
        w.a0_variant("enc-0x%02x" % v, {11: v})


def gen_rate_id(w):
    for v in list(range(0x00, 0x0a)) + [0x0c, 0x0e, 0x10, 0x20, 0x80, 0xff]:
        w.a0_variant("rateid-0x%02x" % v, {13: v})


def gen_br(w):
    for v in (0, 1, 103, 254):
        w.a0_variant("br-%d" % v, {12: v})
    # 0xFF: nominal rate is in byte 66 (units of 250 MBd), byte 67 is the
    # +/- range in percent.
    w.a0_variant("br-255-b66-100-b67-5", {12: 255, 66: 100, 67: 5})
    w.a0_variant("br-255-b66-0-b67-0", {12: 255, 66: 0, 67: 0})
    w.a0_variant("br-255-b66-255-b67-255", {12: 255, 66: 255, 67: 255})
    w.a0_variant("br-0-b66-10-b67-20", {12: 0, 66: 10, 67: 20})


def gen_br_margin(w):
    for mx, mn in ((0, 0), (5, 10), (1, 0), (0, 1), (255, 255), (100, 200)):
        w.a0_variant("brmargin-%d-%d" % (mx, mn), {66: mx, 67: mn})


def gen_lengths(w):
    for byte in range(14, 20):
        for v in (0, 1, 255):
            w.a0_variant("len-byte%d-%d" % (byte, v), {byte: v})
    w.a0_variant("len-all-0", {14: bytes(6)})
    w.a0_variant("len-all-255", {14: b"\xff" * 6})


def gen_cable(w):
    for kind, bit in (("passive", 0x04), ("active", 0x08), ("both", 0x0c)):
        for v in (0x00, 0x01, 0x04, 0x02, 0x0c, 0x80, 0xff):
            w.a0_variant("cable-%s-b60-0x%02x" % (kind, v), {
                3: bytes([0, 0, 0, 0, 0, bit, 0, 0]), 60: bytes([v, 0x00])})
    # Cable bit with a non-zero byte 61 (should not matter to the compliance
    # line, which only reads byte 60).
    w.a0_variant("cable-passive-b60-0x01-b61-0x8c", {
        3: bytes([0, 0, 0, 0, 0, 0x04, 0, 0]), 60: bytes([0x01, 0x8c])})
    w.a0_variant("cable-active-b60-0x04-b61-0xff", {
        3: bytes([0, 0, 0, 0, 0, 0x08, 0, 0]), 60: bytes([0x04, 0xff])})


def gen_wavelength(w):
    for nm in (0, 1, 850, 1310, 1550, 65535):
        w.a0_variant("wavelength-%d" % nm, {60: u16be(nm)})


def gen_strings(w):
    # (name, offset, length)
    fields = (("vendor", 20, 16), ("pn", 40, 16), ("rev", 56, 4),
              ("sn", 68, 16), ("date", 84, 8))
    for fname, off, n in fields:
        variants = {
            "full": bytes((ord("A") + i % 26) for i in range(n)),
            "trailing-spaces": ascii_field("AB", n),
            "all-spaces": b" " * n,
            "all-nul": bytes(n),
            "nul-padded": ascii_field("AB", n, b"\x00"),
            "leading-spaces": (b"  AB" + b" " * n)[:n],
            "inner-space": ascii_field("A B", n),
            "nul-inside": (b"A\x00B" + b" " * n)[:n],
            "del-inside": (b"A\x7fB" + b" " * n)[:n],
            "ff-inside": (b"A\xffB" + b" " * n)[:n],
            "ctrl-inside": (b"A\x01\x09\x0aB" + b" " * n)[:n],
            "high-bytes": (b"\x80\xa0\xe9\xfe" * n)[:n],
            "all-ff": b"\xff" * n,
            "trailing-ff": (b"AB" + b"\xff" * n)[:n],
            "trailing-tab": (b"AB\x09" + b" " * n)[:n],
            "punct": (b"~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./" * 2)[:n],
        }
        for vname, raw in variants.items():
            assert len(raw) == n, (fname, vname)
            w.a0_variant("str-%s-%s" % (fname, vname), {off: raw})


def gen_oui(w):
    for oui in ((0, 0, 0), (0xff, 0xff, 0xff), (0x00, 0x90, 0x65),
                (0x00, 0x17, 0x6a), (0x0a, 0xb0, 0xc1)):
        w.a0_variant("oui-%02x%02x%02x" % oui, {37: bytes(oui)})


def gen_options(w):
    for byte in (64, 65):
        for bit in range(8):
            w.a0_variant("opt-byte%d-bit%d" % (byte, bit),
                         {64: 0, 65: 0, byte: 1 << bit})
    w.a0_variant("opt-none", {64: 0, 65: 0})
    w.a0_variant("opt-all", {64: 0xff, 65: 0xff})


def gen_dom(w):
    # ---- A0h byte 92 (diagnostic monitoring type) ----
    for v in (0x40, 0x48, 0x60, 0x68, 0x50, 0x58, 0x70, 0x78, 0x44, 0x4c,
              0xc8, 0x08, 0x20, 0x10, 0xff):
        w.a0_variant("dom-b92-0x%02x" % v, {92: v})
    w.a0_variant("dom-rxpwr-oma", {92: 0x60})
    w.a0_variant("dom-rxpwr-avg", {92: 0x68})
    # ---- A0h byte 93 (enhanced options) ----
    for v in (0x00, 0x80, 0x7f, 0xff):
        w.a0_variant("dom-b93-0x%02x" % v, {93: v})
    # ---- byte 94 (compliance) should not affect the text output ----
    for v in (0x00, 0x01, 0x08, 0xff):
        w.a0_variant("dom-b94-0x%02x" % v, {94: v})

    # ---- Live values ----
    live = {
        "temp": (96, [("35.00", s16be(35 * 256)), ("0", s16be(0)),
                      ("neg-10.50", s16be(-2688)), ("neg-0.004", s16be(-1)),
                      ("0.004", s16be(1)), ("min", s16be(-32768)),
                      ("max", s16be(32767)), ("neg-40", s16be(-40 * 256)),
                      ("25.50", s16be(25 * 256 + 128))]),
        "vcc": (98, [("0", u16be(0)), ("1", u16be(1)), ("ffff", u16be(0xffff)),
                     ("3.135", u16be(31350))]),
        "bias": (100, [("0", u16be(0)), ("1", u16be(1)),
                       ("ffff", u16be(0xffff)), ("8000", u16be(0x8000))]),
        "txpwr": (102, [("0", u16be(0)), ("1", u16be(1)), ("10", u16be(10)),
                        ("10000", u16be(10000)), ("ffff", u16be(0xffff)),
                        ("7fff", u16be(0x7fff))]),
        "rxpwr": (104, [("0", u16be(0)), ("1", u16be(1)), ("10", u16be(10)),
                        ("10000", u16be(10000)), ("ffff", u16be(0xffff)),
                        ("7fff", u16be(0x7fff))]),
    }
    for field, (off, values) in live.items():
        for label, raw in values:
            w.a2_variant("dom-live-%s-%s" % (field, label), {off: raw})
    # rx power 0 with OMA type as well
    w.a2_variant("dom-live-rxpwr-0-oma", {104: u16be(0)}, {92: 0x60})
    w.a2_variant("dom-live-all-zero", {96: bytes(10)})
    w.a2_variant("dom-live-all-ff", {96: b"\xff" * 10})

    # ---- Thresholds ----
    # The base image has a distinct value in every threshold slot, so a
    # swapped offset shows up there; these cover the value edge cases.
    w.a2_variant("dom-thr-temp-ha-0", {0: u16be(0)})
    w.a2_variant("dom-thr-vcc-la-ffff", {10: u16be(0xffff)})
    w.a2_variant("dom-thr-bias-hw-ffff", {20: u16be(0xffff)})
    w.a2_variant("dom-thr-txpwr-lw-0", {30: u16be(0)})
    w.a2_variant("dom-thr-rxpwr-la-0", {34: u16be(0)})
    w.a2_variant("dom-thr-rxpwr-ha-ffff", {32: u16be(0xffff)})
    w.a2_variant("dom-thr-rxpwr-lw-1", {38: u16be(1)})
    w.a2_variant("dom-thr-temp-negative", {
        0: s16be(-1 * 256), 2: s16be(-40 * 256 - 128), 4: s16be(-3),
        6: s16be(-32768)})
    w.a2_variant("dom-thr-temp-extreme", {
        0: s16be(32767), 2: s16be(-32768), 4: s16be(127 * 256), 6: s16be(-128 * 256)})
    w.a2_variant("dom-thr-all-zero", {0: bytes(40)})
    w.a2_variant("dom-thr-all-ff", {0: b"\xff" * 40})

    # ---- Alarm / warning flags ----
    # Every defined flag bit on its own (A2h 112 and 116 bits 7..0, 113 and
    # 117 bits 7..6); the undefined low bits of 113/117 together.
    for byte, bits in ((112, range(8)), (113, (6, 7)), (116, range(8)),
                       (117, (6, 7))):
        for bit in bits:
            w.a2_variant("dom-flag-a2b%d-bit%d" % (byte, bit), {byte: 1 << bit})
    w.a2_variant("dom-flag-a2b113-bits0-5", {113: 0x3f})
    w.a2_variant("dom-flag-a2b117-bits0-5", {117: 0x3f})
    w.a2_variant("dom-flag-all", {112: 0xff, 113: 0xff, 116: 0xff, 117: 0xff})
    w.a2_variant("dom-flag-all-aw-not-impl", {112: 0xff, 113: 0xff, 116: 0xff,
                                             117: 0xff}, {93: 0x70})
    w.a2_variant("dom-flag-reserved-bytes", {114: 0xff, 115: 0xff, 118: 0xff,
                                            119: 0xff, 110: 0xff})

    # ---- External calibration ----
    def extcal(name, a0_92=0x58, a2_extra=None, **cal):
        a2 = base_a2()
        set_extcal(a2, **cal)
        for off, val in (a2_extra or {}).items():
            put(a2, off, val)
        a0 = base_a0()
        a0[92] = a0_92
        w.emit(name, a0, a2)

    extcal("dom-extcal-1")                       # identity constants, avg
    extcal("dom-extcal-1-oma", a0_92=0x50)
    extcal("dom-extcal-1-int-and-ext", a0_92=0x78)
    extcal("dom-extcal-2", txi=(0x0180, 100), txpwr=(0x0180, 100),
           temp=(0x0180, 100), volt=(0x0180, 100))
    extcal("dom-extcal-3", txi=(0x0100, -100), txpwr=(0x0100, -100),
           temp=(0x0100, -100), volt=(0x0100, -100))
    extcal("dom-extcal-4", rx=(0.0, 0.0, 0.0, 0.5, 5.0))
    extcal("dom-extcal-5", rx=(0.0, 0.0, 0.0, 0.5, 5.0),
           txi=(0x0180, -100), txpwr=(0x0080, 100),
           temp=(0x0100, 256), volt=(0x00ff, -100))
    # Slope 0 (everything collapses to the offset).
    extcal("dom-extcal-slope-0", txi=(0, 0), txpwr=(0, 0), temp=(0, 0),
           volt=(0, 0), rx=(0.0, 0.0, 0.0, 0.0, 0.0))
    # Largest slope (255.996) and extreme offsets: results overflow 16 bits.
    extcal("dom-extcal-slope-max", txi=(0xffff, 32767), txpwr=(0xffff, 32767),
           temp=(0xffff, 32767), volt=(0xffff, 32767))
    extcal("dom-extcal-offset-min", txi=(0x0100, -32768),
           txpwr=(0x0100, -32768), temp=(0x0100, -32768),
           volt=(0x0100, -32768))
    # Negative calibrated result for small raw readings.
    extcal("dom-extcal-negative-result", txi=(0x0100, -5000),
           txpwr=(0x0100, -6000), volt=(0x0100, -32000),
           rx=(0.0, 0.0, 0.0, 1.0, -5000.0))
    # Higher-order RX_PWR terms (SFF-8472: polynomial in the raw reading).
    extcal("dom-extcal-rxpwr2", rx=(0.0, 0.0, 1e-4, 1.0, 0.0))
    extcal("dom-extcal-rxpwr3", rx=(0.0, 1e-8, 0.0, 1.0, 0.0))
    extcal("dom-extcal-rxpwr4", rx=(1e-12, 0.0, 0.0, 1.0, 0.0))
    extcal("dom-extcal-rxpwr-fraction", rx=(0.0, 0.0, 0.0, 0.333, 0.7))
    extcal("dom-extcal-rxpwr-huge", rx=(0.0, 0.0, 0.0, 1e6, 0.0))
    extcal("dom-extcal-rxpwr-nan", rx=(0.0, 0.0, 0.0, float("nan"), 0.0))
    extcal("dom-extcal-rxpwr-inf", rx=(0.0, 0.0, 0.0, float("inf"), 0.0))
    # Calibration constants present but the module says internal calibration.
    w.a2_variant("dom-intcal-with-constants", {76: u16be(0x0180), 78: s16be(100)})
    # External calibration flag with all-zero constants (common on bad modules).
    a2 = base_a2()
    put(a2, 56, bytes(36))
    a0 = base_a0()
    a0[92] = 0x58
    w.emit("dom-extcal-all-zero-constants", a0, a2)


def gen_checksums(w):
    a0 = base_a0()
    fix_checksums(a0)
    a0[63] ^= 0x5a
    w.emit("cc-base-bad", a0, base=False)
    a0 = base_a0()
    fix_checksums(a0)
    a0[95] ^= 0x5a
    w.emit("cc-ext-bad", a0, ext=False)
    a0 = base_a0()
    a2 = base_a2()
    fix_checksums(a0, a2)
    a2[95] ^= 0x5a
    w.emit("cc-dmi-bad", a0, a2, dmi=False)
    a0 = base_a0()
    a2 = base_a2()
    fix_checksums(a0, a2)
    a0[63] ^= 1
    a0[95] ^= 1
    a2[95] ^= 1
    w.emit("cc-all-bad", a0, a2, base=False, ext=False, dmi=False)
    a0 = base_a0()
    fix_checksums(a0)
    a0[63] ^= 0xff
    w.emit("cc-base-bad-a0only", a0, with_a2=False, base=False)
    # Mutation after checksumming (stale checksum, like a rebranded module).
    a0 = base_a0()
    fix_checksums(a0)
    put(a0, 20, ascii_field("OEM", 16))
    w.emit("cc-base-bad-rebranded", a0, base=False)
    # All-zero image (its checksums are valid: zero) and all-0xff images
    # (checksums invalid).
    w.emit("blank-zero", bytearray(256), bytearray(256), base=False, ext=False,
           dmi=False)
    w.emit("cc-all-bad-blank-ff", bytearray(b"\xff" * 256), bytearray(b"\xff" * 256),
           base=False, ext=False, dmi=False)
    w.emit("cc-all-bad-blank-ff-a0only", bytearray(b"\xff" * 256), with_a2=False,
           base=False, ext=False)


def gen_partial(w):
    for n in (96, 100, 112, 128, 144, 200, 240):
        w.emit("partial-a0-%d" % n, with_a2=False, length=n)
    # A0h complete, A2h truncated (the shim zero-fills to 512 bytes).
    w.emit("partial-a2-384", length=384)
    w.emit("partial-a2-257", length=257)


GENERATORS = (gen_basics, gen_identifier, gen_ext_identifier, gen_connector,
              gen_transceiver, gen_ext36, gen_encoding, gen_rate_id, gen_br,
              gen_br_margin, gen_lengths, gen_cable, gen_wavelength,
              gen_strings, gen_oui, gen_options, gen_dom, gen_checksums,
              gen_partial)


def main(argv=None):
    return imagegen_main(argv, __doc__, Writer, GENERATORS)


if __name__ == "__main__":
    sys.exit(main())
