#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Write synthetic CMIS (QSFP-DD/OSFP/DSFP) EEPROM images for the ethtool oracle.

Usage: gen-cmis.py OUTDIR [--clean] [--undecodable]

ethtool 6.1 decodes CMIS only over its netlink path (page by page), so every
image NAME.bin comes with a sidecar NAME.segments: one line holding the
XCVR_SHIM_SEGMENTS value (tests/shim/ethtool-ioctl-shim.c) that maps the file
onto module memory.  Layout of the .bin (the corpus convention): lower memory
(bytes 0-127) at 0, page 00h (128-255) at 128, then for a paged module pages
01h, 02h and 11h of bank 0, then page 11h of bank 1, 2, 3 (labels b1:11h,
b2:11h, b3:11h), each 128 bytes:

    lower@0+128 00h@128+128 01h@256+128 02h@384+128 11h@512+128 [b1:11h@640+128 ...]

A flat-memory module (lower byte 2 bit 7 set) is normally lower + 00h only
(256 bytes, `lower@0+128 00h@128+128`); ethtool never asks for more, and the
few flat images that keep pages 01h-11h in the file show that it ignores them.

The images start from realistic modules and change one thing each:
  * a QSFP-DD 400G-DR4 (CMIS 4.0, paged, one bank: page 01h advertising,
    page 02h thresholds, page 11h lane states, flags and monitors; media lanes
    5-8 idle, so their power reads 0 = -inf dBm),
  * a QSFP-DD 400G-FR4 (CMIS 5.0, LC, CWDM), a QSFP-DD 400G-SR8 (850 nm VCSEL,
    8 lanes, OM lengths), an OSFP 800G-2xDR4 (two banks of page 11h in the
    layout, four with the 4-bank variant), a DSFP, a QSFP-DD 200G-FR4 using
    4 host lanes, a QSFP-DD AOC,
  * a passive copper QSFP-DD 400G-CR8 DAC (flat memory, CMIS 3.0, like the
    published Amphenol NDYYYF-0001 image).
Together they reach every table entry and branch of the CMIS text decoder of
`ethtool -m` (6.1) that was found by sweeping every byte of lower memory and of
pages 00h, 01h, 02h and 11h through the shim (see cmis-ethtool-facts.md):
identifier (0x18/0x19/0x1b decode, other identifiers hex-dump lower memory),
revision, flat/paged, module state and fault cause, low-power controls, module
flags, temperature/voltage, power class, max power, cable length, connector,
media interface technology (optical: wavelength; copper: attenuation; the
out-of-table values), vendor strings, OUI, CLEI presence, page 01h lengths,
CDR controls, RX power type, monitor support bits, TX bias multiplier, banks
(1/2/4), page 02h thresholds, page 11h lane flags (ethtool's lane-bit test
included) and monitors, bytes ethtool ignores (data path state, media type,
application descriptors, LOS/LOL/fault flags), bad page 00h checksum and
short segments (missing bytes read as zero).

Every image written by default is decoded by ethtool 6.1 (exit 0, non-empty
output).  --undecodable also writes the cmis-err-*.bin images for which
ethtool fails ("netlink error: Invalid argument" when a page it reads is
absent from the map; exit 1 with no message for the reserved bank count 3);
the oracle skips those.

Names start with "cmis-"; the name says what the image exercises.  Output is
deterministic.  Only the Python standard library is used.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from imagegen import ascii_field, s16be, string_variants, u16be  # noqa: F401

PAGE = 128

# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------








def u16s(*values):
    return b"".join(u16be(v) for v in values)


def s16s(*values):
    return b"".join(s16be(v) for v in values)


class Module:
    """Module memory as 128-byte segments, in file order.

    Segment labels are those of XCVR_SHIM_SEGMENTS: "lower" (bytes 0-127),
    "00h", "01h", "02h", "11h" (bytes 128-255 of that page, bank 0) and
    "bB:11h" (page 11h of bank B).  Each segment is a bytearray of 128 bytes
    indexed from 0; put() takes CMIS byte addresses (0-127 lower, 128-255
    upper).
    """

    def __init__(self, labels):
        self.labels = list(labels)
        self.seg = {label: bytearray(PAGE) for label in self.labels}
        # label -> bytes of the segment that the file holds (default: all)
        self.cut = {}

    def copy(self):
        m = Module(self.labels)
        m.seg = {k: bytearray(v) for k, v in self.seg.items()}
        m.cut = dict(self.cut)
        return m

    def put(self, page, addr, data):
        """page: "lower"/"00h"/"01h"/"02h"/"11h"/"bB:11h"; addr: CMIS byte address."""
        if page == "lower":
            if not 0 <= addr < PAGE:
                raise ValueError("lower address %d" % addr)
            base = 0
        else:
            if not PAGE <= addr < 2 * PAGE:
                raise ValueError("upper address %d" % addr)
            base = PAGE
        buf = self.seg[page]
        if isinstance(data, int):
            buf[addr - base] = data
        else:
            if addr - base + len(data) > PAGE:
                raise ValueError("data crosses the page end at %s:%d" % (page, addr))
            buf[addr - base:addr - base + len(data)] = data

    def get(self, page, addr):
        return self.seg[page][addr - (0 if page == "lower" else PAGE)]

    def add_page(self, label):
        if label not in self.seg:
            self.labels.append(label)
            self.seg[label] = bytearray(PAGE)

    def drop_page(self, label):
        self.labels.remove(label)
        del self.seg[label]
        self.cut.pop(label, None)

    def fix_checksum(self):
        if "00h" not in self.seg:
            return
        p = self.seg["00h"]
        p[222 - PAGE] = sum(p[0:222 - PAGE]) & 0xFF

    def serialize(self):
        data = bytearray()
        segs = []
        for label in self.labels:
            n = self.cut.get(label, PAGE)
            segs.append("%s@%d+%d" % (label, len(data), n))
            data += self.seg[label][:n]
        return bytes(data), " ".join(segs)


# Change keys for Writer.var: an int 0-255 is lower memory / page 00h (bank 0),
# a tuple (page, addr) is an upper page of bank 0, ("bB:11h", addr) a bank.
def apply(m, changes):
    for key, val in changes.items():
        if isinstance(key, int):
            m.put("lower" if key < PAGE else "00h", key, val)
        else:
            m.put(key[0], key[1], val)
    return m


PAGED = ("lower", "00h", "01h", "02h", "11h")
FLAT = ("lower", "00h")

# --------------------------------------------------------------------------
# Base modules
# --------------------------------------------------------------------------


def common_lower(m, ident=0x18, rev=0x40, flat=False):
    m.put("lower", 0, ident)           # SFF-8024 identifier
    m.put("lower", 1, rev)             # CMIS revision (major.minor nibbles)
    m.put("lower", 2, 0x80 if flat else 0x00)   # bit 7: flat memory
    m.put("lower", 3, 0x07)            # ModuleReady (3 << 1), interrupt deasserted
    m.put("lower", 126, 0x00)          # bank select
    m.put("lower", 127, 0x00)          # page select


def common_ident(m, ident, vendor, oui, pn, rev, sn, date):
    m.put("00h", 128, ident)
    m.put("00h", 129, ascii_field(vendor, 16))
    m.put("00h", 145, bytes(oui))
    m.put("00h", 148, ascii_field(pn, 16))
    m.put("00h", 164, ascii_field(rev, 2))
    m.put("00h", 166, ascii_field(sn, 16))
    m.put("00h", 182, ascii_field(date, 8))
    m.put("00h", 190, ascii_field("", 10))  # CLEI: blank


def app_descriptors(m, apps):
    """Lower bytes 86-117: up to 8 application descriptors (4 bytes each)."""
    blob = b"".join(bytes(a) for a in apps)
    if len(apps) < 8:
        blob += b"\xff"            # host interface ID 0xff: end of list
    m.put("lower", 86, blob[:32])


def lane_monitors(m, page, tx, bias, rx):
    m.put(page, 154, u16s(*tx))    # TX optical power, 0.1 uW
    m.put(page, 170, u16s(*bias))  # TX bias, 2 uA (x multiplier)
    m.put(page, 186, u16s(*rx))    # RX optical power, 0.1 uW


def optical_thresholds(m):
    # Page 02h: each group high alarm, low alarm, high warning, low warning.
    m.put("02h", 128, s16s(75 * 256, -5 * 256, 70 * 256, 0))       # temperature
    m.put("02h", 136, u16s(34650, 31350, 34000, 32000))            # Vcc, 100 uV
    m.put("02h", 176, u16s(25119, 2291, 19953, 2884))              # TX power
    m.put("02h", 184, u16s(7500, 1000, 6500, 1500))                # TX bias
    m.put("02h", 192, u16s(28184, 1023, 22387, 1288))              # RX power


def base_dr4():
    """QSFP-DD 400G-DR4, CMIS 4.0, paged, 1 bank, 4 media lanes (lanes 5-8 idle)."""
    m = Module(PAGED)
    common_lower(m, 0x18, 0x40)
    m.put("lower", 14, s16be(int(36.75 * 256)))   # temperature 36.75 C
    m.put("lower", 16, u16be(32871))              # Vcc 3.2871 V
    m.put("lower", 85, 0x02)                      # media type: SMF
    # 400GAUI-8 C2M -> 400GBASE-DR4, 8 host / 4 media lanes;
    # 100GAUI-2 C2M -> 100GBASE-DR, 2 host / 1 media lane, lanes 1,3,5,7.
    app_descriptors(m, [(0x11, 0x1C, 0x84, 0x01), (0x0D, 0x14, 0x21, 0x55)])
    common_ident(m, 0x18, "XQ OPTICS", (0x00, 0x1B, 0x21), "XQ-QDD-400G-DR4",
                 "A1", "XQDR4240115001", "240115  ")
    m.put("00h", 200, 0xC0)        # power class 7 (bits 7-5 = 6)
    m.put("00h", 201, 48)          # max power 12.00 W (0.25 W units)
    m.put("00h", 202, 0x00)        # cable assembly length: separable module
    m.put("00h", 203, 0x0C)        # MPO 1x12
    m.put("00h", 210, 0x00)
    m.put("00h", 211, 0x00)
    m.put("00h", 212, 0x06)        # 1310 nm EML
    # page 01h
    m.put("01h", 128, bytes([3, 2]))      # active firmware 3.2
    m.put("01h", 130, bytes([1, 0]))      # hardware revision 1.0
    m.put("01h", 132, 0x05)               # SMF length 0.5 km (x0.1 km)
    m.put("01h", 138, u16be(1311 * 20))   # nominal wavelength 1311 nm
    m.put("01h", 140, u16be(13 * 100))    # tolerance 6.5 nm (0.005 nm units)
    m.put("01h", 142, 0x00)               # 1 bank, no page 03h
    m.put("01h", 145, 0x70)               # durations (ignored by ethtool)
    m.put("01h", 151, 0x00)               # RX power measured as OMA
    m.put("01h", 155, 0x81)               # module characteristics (ignored)
    m.put("01h", 157, 0x00)
    m.put("01h", 159, 0x03)               # temperature + Vcc monitors
    m.put("01h", 160, 0x07)               # TX bias, TX power, RX power; bias x1
    m.put("01h", 161, 0x00)               # TX signal integrity: no CDR
    m.put("01h", 162, 0x00)               # RX: no CDR
    m.put("01h", 176, bytes([0x01, 0x01, 0xFF]))   # media lane assignment
    optical_thresholds(m)
    # page 11h: data path state 4 = DPActivated for the 8 host lanes
    m.put("11h", 128, bytes([0x44] * 4))
    lane_monitors(m, "11h",
                  (12589, 12023, 13183, 11749, 0, 0, 0, 0),
                  (3605, 3540, 3712, 3488, 0, 0, 0, 0),
                  (10965, 9772, 11482, 10471, 0, 0, 0, 0))
    m.put("11h", 202, bytes([0x11] * 4))  # config status: accepted (ignored)
    m.fix_checksum()
    return m


def base_fr4():
    """QSFP-DD 400G-FR4, CMIS 5.0, LC duplex, CWDM 1271 nm, 2 km."""
    m = base_dr4()
    m.put("lower", 1, 0x50)
    app_descriptors(m, [(0x11, 0x1D, 0x84, 0x01)])   # 400GAUI-8 -> 400GBASE-FR4
    m.put("00h", 148, ascii_field("XQ-QDD-400G-FR4", 16))
    m.put("00h", 166, ascii_field("XQFR4240301007", 16))
    m.put("00h", 182, ascii_field("240301  ", 8))
    m.put("00h", 201, 46)          # 11.50 W
    m.put("00h", 203, 0x07)        # LC
    m.put("00h", 212, 0x04)        # 1310 nm DFB (CWDM DML)
    m.put("01h", 132, 0x42)        # SMF 2 km (x1 km)
    m.put("01h", 138, u16be(1271 * 20))
    m.put("01h", 140, u16be(13 * 200))   # 13 nm
    m.put("01h", 161, 0x03)        # TX CDR + CDR bypass
    m.put("01h", 162, 0x03)
    lane_monitors(m, "11h",
                  (15136, 14791, 13804, 14454, 0, 0, 0, 0),
                  (2950, 3010, 2895, 3102, 0, 0, 0, 0),
                  (8128, 7413, 9120, 8511, 0, 0, 0, 0))
    m.fix_checksum()
    return m


def base_sr8():
    """QSFP-DD 400G-SR8, 850 nm VCSEL, MPO-16, 8 media lanes, OM lengths."""
    m = base_dr4()
    m.put("lower", 85, 0x01)       # MMF
    app_descriptors(m, [(0x11, 0x10, 0x88, 0x01)])
    m.put("00h", 148, ascii_field("XQ-QDD-400G-SR8", 16))
    m.put("00h", 166, ascii_field("XQSR8231120042", 16))
    m.put("00h", 182, ascii_field("231120  ", 8))
    m.put("00h", 200, 0x80)        # power class 5
    m.put("00h", 201, 40)          # 10.00 W
    m.put("00h", 203, 0x0D)        # MPO 2x16
    m.put("00h", 212, 0x00)        # 850 nm VCSEL
    m.put("01h", 132, 0x00)
    m.put("01h", 133, 50)          # OM5 100 m
    m.put("01h", 134, 50)          # OM4 100 m
    m.put("01h", 135, 35)          # OM3 70 m
    m.put("01h", 136, 0)
    m.put("01h", 138, u16be(850 * 20))
    m.put("01h", 140, u16be(10 * 200))
    m.put("01h", 151, 0x10)        # RX power measured as average
    lane_monitors(m, "11h",
                  tuple(7079 + 97 * i for i in range(8)),
                  tuple(3300 + 25 * i for i in range(8)),
                  tuple(6310 + 131 * i for i in range(8)))
    m.fix_checksum()
    return m


def base_osfp_2bank():
    """OSFP 800G-2xDR4 style, 2 banks of page 11h (16 channels)."""
    m = base_dr4()
    m.put("lower", 0, 0x19)
    m.put("lower", 1, 0x50)
    app_descriptors(m, [(0x11, 0x1C, 0x84, 0x11)])
    m.put("00h", 128, 0x19)
    m.put("00h", 148, ascii_field("XQ-OSFP-2X400DR4", 16))
    m.put("00h", 166, ascii_field("XQOS8240510003", 16))
    m.put("00h", 200, 0xE0)        # class 8
    m.put("00h", 201, 66)          # 16.50 W
    m.put("01h", 142, 0x01)        # 2 banks
    lane_monitors(m, "11h",
                  (12589, 12023, 13183, 11749, 12882, 12303, 11885, 13490),
                  (3605, 3540, 3712, 3488, 3650, 3577, 3498, 3701),
                  (10965, 9772, 11482, 10471, 10715, 9977, 11220, 10233))
    m.add_page("b1:11h")
    m.put("b1:11h", 128, bytes([0x44] * 4))
    lane_monitors(m, "b1:11h",
                  (11220, 12589, 0, 13804, 12023, 11749, 12303, 0),
                  (3402, 3619, 0, 3755, 3511, 3470, 3588, 0),
                  (9120, 10471, 0, 11482, 9772, 10233, 10965, 0))
    m.fix_checksum()
    return m


def base_4bank():
    """Paged module with 4 banks (32 channels), page 11h per bank."""
    m = base_osfp_2bank()
    m.put("00h", 148, ascii_field("XQ-OSFP-4BANK", 16))
    m.put("01h", 142, 0x02)        # 4 banks
    for b in (2, 3):
        label = "b%d:11h" % b
        m.add_page(label)
        m.put(label, 128, bytes([0x44] * 4))
        lane_monitors(m, label,
                      tuple(10000 + 1000 * b + 37 * i for i in range(8)),
                      tuple(3000 + 100 * b + 11 * i for i in range(8)),
                      tuple(9000 + 700 * b + 53 * i for i in range(8)))
    m.fix_checksum()
    return m


def base_dac():
    """QSFP-DD 400G-CR8 passive copper DAC, 2 m, CMIS 3.0, flat memory."""
    m = Module(FLAT)
    common_lower(m, 0x18, 0x30, flat=True)
    m.put("lower", 3, 0x07)
    m.put("lower", 85, 0x03)       # passive copper
    app_descriptors(m, [(0x11, 0x03, 0x88, 0x01), (0x0D, 0x03, 0x22, 0x55)])
    common_ident(m, 0x18, "XQ CABLES", (0x78, 0xA7, 0x14), "XQ-QDD-400G-CU2M",
                 "B", "XQCU8230614077", "230614  ")
    m.put("00h", 190, bytes(10))   # CLEI: zeros (not shown)
    m.put("00h", 200, 0x00)        # class 1
    m.put("00h", 201, 0x01)        # 0.25 W
    m.put("00h", 202, 0x42)        # 2 m (x1 m)
    m.put("00h", 203, 0x23)        # no separable connector
    m.put("00h", 204, bytes([6, 8, 13, 19]))   # attenuation 5/7/12.9/25.8 GHz
    m.put("00h", 210, 0x00)
    m.put("00h", 211, 0x00)
    m.put("00h", 212, 0x0A)        # copper cable unequalized
    m.fix_checksum()
    return m


def base_dsfp():
    m = base_dr4()
    m.put("lower", 0, 0x1B)
    m.put("lower", 1, 0x41)
    app_descriptors(m, [(0x0D, 0x14, 0x21, 0x01)])   # 100GAUI-2 -> 100G-DR
    m.put("00h", 128, 0x1B)
    m.put("00h", 148, ascii_field("XQ-DSFP-100G-DR", 16))
    m.put("00h", 200, 0x20)
    m.put("00h", 201, 14)          # 3.50 W
    m.put("00h", 203, 0x07)
    lane_monitors(m, "11h", (11220, 0, 0, 0, 0, 0, 0, 0),
                  (3560, 0, 0, 0, 0, 0, 0, 0), (9550, 0, 0, 0, 0, 0, 0, 0))
    m.fix_checksum()
    return m


def base_200g_fr4():
    """QSFP-DD 200G-FR4 on 4 host lanes (lanes 5-8 unused, data path deactivated)."""
    m = base_fr4()
    app_descriptors(m, [(0x0F, 0x18, 0x44, 0x01)])   # 200GAUI-4 -> 200GBASE-FR4
    m.put("00h", 148, ascii_field("XQ-QDD-200G-FR4", 16))
    m.put("00h", 201, 26)
    m.put("11h", 128, bytes([0x44, 0x44, 0x11, 0x11]))
    m.fix_checksum()
    return m


def base_aoc():
    """QSFP-DD 400G active optical cable, 10 m (850 nm VCSEL, no connector)."""
    m = base_sr8()
    m.put("lower", 85, 0x04)       # active cable
    app_descriptors(m, [(0x11, 0x01, 0x88, 0x01)])
    m.put("00h", 148, ascii_field("XQ-QDD-400G-AOC", 16))
    m.put("00h", 202, 0x4A)        # 10 m
    m.put("00h", 203, 0x23)
    m.put("01h", 133, bytes(4))
    m.fix_checksum()
    return m


BASES = {
    "dr4": base_dr4, "fr4": base_fr4, "sr8": base_sr8, "osfp2": base_osfp_2bank,
    "bank4": base_4bank, "dac": base_dac, "dsfp": base_dsfp,
    "fr4-200g": base_200g_fr4, "aoc": base_aoc,
}

# --------------------------------------------------------------------------
# Writer
# --------------------------------------------------------------------------


class Writer:
    def __init__(self, outdir, undecodable=False):
        self.outdir = outdir
        self.undecodable = undecodable
        self.names = set()

    def emit(self, name, m, *, checksum=True):
        name = "cmis-" + name
        if name in self.names:
            raise SystemExit("duplicate image name: " + name)
        self.names.add(name)
        if checksum:
            m.fix_checksum()
        data, segs = m.serialize()
        with open(os.path.join(self.outdir, name + ".bin"), "wb") as f:
            f.write(data)
        with open(os.path.join(self.outdir, name + ".segments"), "w",
                  encoding="ascii") as f:
            f.write(segs + "\n")

    def var(self, name, changes, base="dr4", **kw):
        m = apply(BASES[base](), changes)
        self.emit(name, m, **kw)
        return m

    def err(self, name, m, **kw):
        """An image ethtool does not decode: written only with --undecodable."""
        if self.undecodable:
            self.emit("err-" + name, m, **kw)


# --------------------------------------------------------------------------
# Image set
# --------------------------------------------------------------------------


def gen_basics(w):
    w.var("base-400g-dr4", {})
    w.var("base-400g-fr4", {}, base="fr4")
    w.var("base-400g-sr8", {}, base="sr8")
    w.var("base-osfp-800g-2bank", {}, base="osfp2")
    w.var("base-4bank", {}, base="bank4")
    w.var("base-400g-cr8-dac-flat", {}, base="dac")
    w.var("base-dsfp-100g-dr", {}, base="dsfp")
    w.var("base-200g-fr4-4lane", {}, base="fr4-200g")
    w.var("base-400g-aoc", {}, base="aoc")
    # Copper cable with paged memory: page 01h lengths and CDR lines, but
    # attenuation instead of wavelength.
    w.var("base-400g-acc-paged", {2: 0x00, 85: 0x04, 203: 0x23, 202: 0x43,
                                  212: 0x0C, 204: bytes([4, 5, 7, 11]),
                                  148: ascii_field("XQ-QDD-400G-ACC3", 16)})
    # Flat-memory optical module (no page 01h: no wavelength, no monitors).
    m = apply(base_dr4(), {2: 0x80})
    for label in ("01h", "02h", "11h"):
        m.drop_page(label)
    w.emit("base-flat-optical", m)
    # Flat module whose file also holds pages 01h-11h (ethtool reads none).
    w.var("base-flat-with-pages", {2: 0x80})


def gen_identifier(w):
    for ident in (0x18, 0x19, 0x1B):
        w.var("id-0x%02x" % ident, {0: ident})
        w.var("id-0x%02x-flat" % ident, {0: ident}, base="dac")
        # Page 00h byte 128 is never read by ethtool.
        w.var("id-0x%02x-upper-0x00" % ident, {0: ident, 128: 0x00})
    w.var("id-0x18-upper-0x19", {0: 0x18, 128: 0x19})
    w.var("id-0x19-upper-0xff", {0: 0x19, 128: 0xFF})
    # Identifiers ethtool 6.1 does not decode as CMIS: hex dump of lower memory.
    for ident in (0x00, 0x01, 0x1E, 0x1F, 0x20, 0x21, 0x7F, 0x80, 0xFF):
        w.var("hexdump-id-0x%02x" % ident, {0: ident})
    w.var("hexdump-id-0x1e-flat", {0: 0x1E}, base="dac")
    m = apply(base_dr4(), {0: 0x1E})
    m.put("lower", 1, b"\xff" * 127)
    w.emit("hexdump-id-0x1e-all-ff-lower", m)
    # Lower memory only: enough for a hex dump.
    m = apply(base_dr4(), {0: 0x1E})
    for label in ("00h", "01h", "02h", "11h"):
        m.drop_page(label)
    w.emit("hexdump-id-0x1e-lower-only", m, checksum=False)
    # The corpus Hisense layout (lower, 00h, 11h).
    m = apply(base_dr4(), {0: 0x1E, 1: 0x52})
    for label in ("01h", "02h"):
        m.drop_page(label)
    w.emit("hexdump-id-0x1e-lower-00h-11h", m)
    # Short lower segment: the missing bytes read as zero.
    m = apply(base_dr4(), {0: 0x1E})
    m.cut["lower"] = 40
    w.emit("hexdump-id-0x1e-lower-40", m)


def gen_revision(w):
    for v in (0x00, 0x01, 0x0F, 0x10, 0x21, 0x30, 0x40, 0x41, 0x50, 0x52,
              0x99, 0xA5, 0xF0, 0xFF):
        w.var("rev-0x%02x" % v, {1: v})
    w.var("rev-0x52-flat", {1: 0x52}, base="dac")


def gen_lower_byte2(w):
    # Only bit 7 (flat memory) matters.
    for bit in range(7):
        w.var("lower2-bit%d" % bit, {2: 1 << bit})
    w.var("lower2-0x7f", {2: 0x7F})
    w.var("lower2-0x80", {2: 0x80})
    w.var("lower2-0xff", {2: 0xFF})
    for v in (0x00, 0x7F):
        m = apply(base_dac(), {2: v})
        w.err("lower2-0x%02x-flat-file" % v, m)


def gen_module_state(w):
    for v in range(16):
        w.var("state-0x%02x" % v, {3: v})
    for v in (0x10, 0x36, 0xF0, 0xFF):
        w.var("state-0x%02x" % v, {3: v})
    for v in (0x00, 0x01, 0x02, 0x03, 0x04, 0x0F, 0x10, 0x20, 0x2F, 0x30,
              0x40, 0x80, 0xFF):
        w.var("fault-cause-0x%02x" % v, {3: 0x0A, 41: v})
    w.var("fault-cause-0x0b-state", {3: 0x0B, 41: 0x02})
    w.var("fault-cause-0x02-not-fault", {3: 0x07, 41: 0x02})
    w.var("fault-cause-0x01-flat", {3: 0x0A, 41: 0x01}, base="dac")
    for v in (0x00, 0x02, 0x04, 0x08):
        w.var("state-0x%02x-flat" % v, {3: v}, base="dac")


def gen_controls(w):
    for v in (0x00, 0x10, 0x40, 0x50, 0xAF, 0xFF, 0x01, 0x20):
        w.var("ctrl26-0x%02x" % v, {26: v})
    w.var("ctrl26-0x50-flat", {26: 0x50}, base="dac")


def gen_module_flags(w):
    for bit in range(8):
        w.var("modflag9-bit%d" % bit, {9: 1 << bit})
    w.var("modflag9-0xff", {9: 0xFF})
    w.var("modflag9-0xff-flat", {9: 0xFF}, base="dac")
    # Other lower flag bytes ethtool ignores.
    w.var("modflag8-0xff", {8: 0xFF})
    w.var("modflag10-11-0xff", {10: b"\xff\xff"})
    w.var("modflags-4-13-0xff", {4: b"\xff" * 10})
    w.var("modflags-all-on", {4: b"\xff" * 10, ("11h", 134): b"\xff" * 19})


def gen_module_monitors(w):
    for label, raw in (("0", 0x0000), ("ffff", 0xFFFF), ("0001", 0x0001),
                       ("fffe", 0xFFFE), ("8000", 0x8000), ("7fff", 0x7FFF),
                       ("neg-1", 0xFF00), ("neg-40", 0xD800),
                       ("25.50", 0x1980)):
        w.var("mon-temp-%s" % label, {14: u16be(raw)})
    for label, raw in (("0", 0), ("1", 1), ("ffff", 0xFFFF), ("3.135", 31350),
                       ("8000", 0x8000)):
        w.var("mon-vcc-%s" % label, {16: u16be(raw)})
    w.var("mon-temp-vcc-0", {14: bytes(4)})
    w.var("mon-temp-vcc-ff", {14: b"\xff" * 4})
    # Monitor support bits of page 01h byte 159 do not gate the lines.
    for v in (0x00, 0xFC, 0xFF):
        w.var("mon-159-0x%02x" % v, {("01h", 159): v})
    w.var("mon-temp-flat-ignored", {14: u16be(0x1980)}, base="dac")


def gen_power(w):
    for cls in range(8):
        w.var("power-class-%d" % (cls + 1), {200: cls << 5})
    w.var("power-200-0x1f", {200: 0x1F})
    w.var("power-200-0xff", {200: 0xFF})
    for v in (0, 1, 3, 4, 40, 0x80, 0xFE, 0xFF):
        w.var("max-power-%d" % v, {201: v})
    w.var("power-class-8-flat", {200: 0xE0, 201: 0xFF}, base="dac")


def gen_cable_length(w):
    for v in (0x00, 0x01, 0x0A, 0x3E, 0x3F, 0x40, 0x41, 0x7F, 0x80, 0x81,
              0xBF, 0xC0, 0xC1, 0xFE, 0xFF):
        w.var("cablelen-0x%02x" % v, {202: v})
    for v in (0x01, 0x45, 0x83, 0xFF):
        w.var("cablelen-0x%02x-flat" % v, {202: v}, base="dac")


def gen_connector(w):
    for v in list(range(0x00, 0x2A)) + [0x2F, 0x30, 0x7F, 0x80, 0xFE, 0xFF]:
        w.var("conn-0x%02x" % v, {203: v})
    w.var("conn-0x07-flat", {203: 0x07}, base="dac")


def gen_media_tech(w):
    for v in list(range(0x10)) + [0x10, 0x11, 0x1F, 0x80, 0xFF]:
        w.var("tech-0x%02x" % v, {212: v})
    for v in list(range(0x10)) + [0x10, 0x80, 0xFF]:
        w.var("tech-0x%02x-flat" % v, {212: v}, base="dac")
    # Attenuation bytes 204-207 (bytes 208-211 never shown).
    for label, att in (("0-0-0-0", bytes(4)), ("1-2-3-4", bytes([1, 2, 3, 4])),
                       ("255", b"\xff" * 4), ("10-20-30-40", bytes([10, 20, 30, 40]))):
        w.var("atten-%s" % label, {204: att}, base="dac")
        w.var("atten-%s-paged" % label, {212: 0x0B, 204: att})
    w.var("atten-208-211-ff", {208: b"\xff" * 4}, base="dac")
    w.var("atten-optical-ignored", {204: b"\xff" * 8})
    w.var("tech-0x10-atten-1-2-3-4", {212: 0x10, 204: bytes([1, 2, 3, 4])})




def gen_strings(w):
    for fname, off, n in (("vendor", 129, 16), ("pn", 148, 16),
                          ("sn", 166, 16), ("date", 182, 8)):
        for vname, raw in string_variants(n).items():
            assert len(raw) == n, (fname, vname)
            w.var("str-%s-%s" % (fname, vname), {off: raw})
    for vname, raw in (("full", b"B2"), ("one-char", b"A "),
                       ("all-spaces", b"  "), ("all-nul", b"\x00\x00"),
                       ("nul-padded", b"A\x00"), ("leading-space", b" A"),
                       ("high-bytes", b"\x80\xff")):
        w.var("str-rev-%s" % vname, {164: raw})
    w.var("str-vendor-all-nul-flat", {129: bytes(16)}, base="dac")
    # CLEI (190-199): shown unless byte 190 is 0x00 or all ten bytes are spaces.
    for vname, raw in (("full", b"WMOTB00ARA"), ("trailing-spaces", b"CLEI"),
                       ("all-spaces", b" " * 10), ("all-nul", bytes(10)),
                       ("first-nul", b"\x00CLEICODE1"),
                       ("leading-space", b" CLEICODE1"),
                       ("nul-padded", b"A" + bytes(9)),
                       ("last-nul", b" " * 9 + b"\x00"),
                       ("ctrl-first", b"\x01" + b" " * 9),
                       ("all-ff", b"\xff" * 10),
                       ("spaces-then-nul", b"  " + bytes(8)),
                       ("high-bytes", b"A\x01B\x7f\x80     ")):
        raw = ascii_field(raw, 10)
        w.var("str-clei-%s" % vname, {190: raw})
    w.var("str-clei-full-flat", {190: ascii_field("WMOTB00ARA", 10)}, base="dac")


def gen_oui(w):
    for oui in ((0, 0, 0), (0xFF, 0xFF, 0xFF), (0x00, 0x02, 0xC9),
                (0x78, 0xA7, 0x14), (0x0A, 0xB0, 0xC1)):
        w.var("oui-%02x%02x%02x" % oui, {145: bytes(oui)})


def gen_page01(w):
    P = "01h"
    # SMF length: bits 7-6 multiplier (00: 0.1 km, otherwise 1 km), 5-0 value.
    for v in (0x00, 0x01, 0x3F, 0x40, 0x41, 0x7F, 0x80, 0x81, 0xBF, 0xC1, 0xFF):
        w.var("len-smf-0x%02x" % v, {(P, 132): v})
    for byte, name in ((133, "om5"), (134, "om4"), (135, "om3"), (136, "om2")):
        for v in (1, 255):
            w.var("len-%s-%d" % (name, v), {(P, byte): v})
    w.var("len-all-0", {(P, 132): bytes(5)})
    w.var("len-all-ff", {(P, 132): b"\xff" * 5})
    w.var("len-137-ignored", {(P, 137): 0xFF})
    for label, nm20 in (("0", 0), ("1310", 1310 * 20), ("1550", 1550 * 20),
                        ("1270.55", 25411), ("0.05", 1), ("ffff", 0xFFFF)):
        w.var("wavelength-%s" % label, {(P, 138): u16be(nm20)})
    for label, tol in (("0", 0), ("0.005", 1), ("ffff", 0xFFFF)):
        w.var("wavelength-tol-%s" % label, {(P, 140): u16be(tol)})
    # CDR / CDR bypass lines: bytes 161 (TX) and 162 (RX), bits 0 and 1.
    for byte, side in ((161, "tx"), (162, "rx")):
        for v in (0x01, 0x02, 0x03, 0xFC, 0xFF):
            w.var("sigint-%s-0x%02x" % (side, v), {(P, byte): v})
    w.var("sigint-both-0x03", {(P, 161): 0x03, (P, 162): 0x03})
    # RX power type: byte 151 bit 4 (1 = average power, 0 = OMA).
    for v in (0x00, 0x10, 0xEF, 0xFF):
        w.var("rxtype-151-0x%02x" % v, {(P, 151): v})
    w.var("rxtype-151-0x10-sr8", {(P, 151): 0x10}, base="sr8")
    w.var("rxtype-151-0x00-sr8", {(P, 151): 0x00}, base="sr8")
    # Monitor support (byte 160 bits 0-2) and TX bias multiplier (bits 4-3).
    for v in range(0x20):
        w.var("mon160-0x%02x" % v, {(P, 160): v})
    for v in (0x27, 0x47, 0x87, 0xE0, 0xFF):
        w.var("mon160-0x%02x" % v, {(P, 160): v})
    # Bytes of page 01h that do not change the output.
    w.var("p01-ignored-ff", {(P, 128): b"\xff" * 4, (P, 143): b"\xff" * 8,
                             (P, 152): b"\xff" * 7, (P, 163): b"\xff" * 93})
    w.var("p01-142-0xfc-one-bank", {(P, 142): 0xFC})
    w.var("p01-142-0x04-page03h", {(P, 142): 0x04})


def gen_bias_multiplier(w):
    P = "01h"
    for code in range(4):
        for label, raw in (("odd", (1, 3, 5, 7, 4095, 4097, 65535, 65534)),
                           ("realistic", (3605, 3540, 3712, 3488, 3333, 2, 1, 0))):
            w.var("bias-mult%d-%s" % (code, label),
                  {(P, 160): 0x07 | (code << 3), ("11h", 170): u16s(*raw),
                   ("02h", 184): u16s(*raw[:4])})
        w.var("bias-mult%d-osfp2" % code, {(P, 160): 0x07 | (code << 3),
                                           ("01h", 142): 0x01}, base="osfp2")
    w.var("bias-mult1-bias-unsupported", {(P, 160): 0x0E})


def gen_thresholds(w):
    p = "02h"
    w.var("p02-zero", {(p, 128): bytes(128)})
    w.var("p02-ff", {(p, 128): b"\xff" * 128})
    w.var("p02-temp-negative", {(p, 128): s16s(-256, -40 * 256 - 128, -3, -32768)})
    w.var("p02-temp-extreme", {(p, 128): s16s(32767, -32768, 127 * 256, 1)})
    w.var("p02-vcc-edge", {(p, 136): u16s(0xFFFF, 0, 1, 0x8000)})
    w.var("p02-power-small", {(p, 176): u16s(1, 0, 10, 100),
                              (p, 192): u16s(0xFFFF, 0, 1, 10000)})
    w.var("p02-power-neg-zero-dbm", {(p, 176): u16s(9999, 9999, 9999, 9999),
                                     (p, 192): u16s(9990, 9999, 9998, 9995)})
    w.var("p02-bias-edge", {(p, 184): u16s(0xFFFF, 0, 1, 0x8000)})
    # Aux monitor thresholds (144-175) and the rest of page 02h: never shown.
    w.var("p02-unused-bytes-ff", {(p, 144): b"\xff" * 32, (p, 200): b"\xff" * 56})
    w.var("p02-thresholds-monitors-unsupported", {("01h", 160): 0x00})
    w.var("p02-thresholds-sr8", {(p, 176): u16s(15849, 0, 12589, 316)}, base="sr8")


def gen_lane_flags(w):
    q = "11h"
    # Shown: TX power (139-142), TX bias (143-146), RX power (149-152).
    for byte in list(range(139, 147)) + list(range(149, 153)):
        for v in (0x01, 0x02, 0x04, 0x08, 0x80, 0x06, 0xFF):
            w.var("laneflag%d-0x%02x" % (byte, v), {(q, byte): v})
    # Lane flags ethtool ignores: data path state changed (134), TX fault, LOS,
    # CDR LOL, adaptive EQ fault (135-138), RX LOS/LOL (147-148).
    for byte in (134, 135, 136, 137, 138, 147, 148):
        w.var("laneflag%d-0xff" % byte, {(q, byte): 0xFF})
    w.var("laneflags-all-on", {(q, 134): b"\xff" * 19})
    w.var("laneflags-all-on-monitors-unsupported",
          {(q, 134): b"\xff" * 19, ("01h", 160): 0x00})
    w.var("laneflags-all-on-bias-only", {(q, 134): b"\xff" * 19, ("01h", 160): 0x01})
    w.var("laneflags-all-on-rx-only", {(q, 134): b"\xff" * 19, ("01h", 160): 0x04})
    w.var("laneflags-all-on-sr8", {(q, 134): b"\xff" * 19}, base="sr8")


def gen_lane_monitors(w):
    q = "11h"
    for fname, off in (("txpwr", 154), ("bias", 170), ("rxpwr", 186)):
        for label, raw in (("0", 0), ("1", 1), ("ffff", 0xFFFF), ("8000", 0x8000)):
            w.var("lanemon-%s-all-%s" % (fname, label), {(q, off): u16be(raw) * 8})
        w.var("lanemon-%s-ch8-0" % fname, {(q, off + 14): u16be(0)}, base="sr8")
    for label, raw in (("10", 10), ("10000", 10000)):
        w.var("lanemon-txpwr-all-%s" % label, {(q, 154): u16be(raw) * 8})
    w.var("lanemon-txpwr-all-9999-neg-zero-dbm", {(q, 154): u16be(9999) * 8})
    w.var("lanemon-rxpwr-all-9998-neg-zero-dbm", {(q, 186): u16be(9998) * 8})
    w.var("lanemon-all-0", {(q, 154): bytes(48)})
    w.var("lanemon-all-ff", {(q, 154): b"\xff" * 48})
    w.var("lanemon-ramp", {(q, 154): bytes(range(48))})
    # Bytes of page 11h that ethtool ignores: data path state, lane config,
    # control / status areas after the monitors.
    for v in (0x00, 0x11, 0x22, 0x33, 0x55, 0x66, 0x77, 0x88, 0xFF):
        w.var("dpstate-0x%02x" % v, {(q, 128): bytes([v] * 4)})
    w.var("dpstate-mixed", {(q, 128): bytes([0x41, 0x32, 0x16, 0x75])})
    w.var("p11-ignored-ff", {(q, 129 + 3): b"\xff" * 2, (q, 202): b"\xff" * 54})
    w.var("p11-ignored-fr4-200g", {(q, 202): b"\xff" * 54}, base="fr4-200g")


def gen_banks(w):
    for base in ("osfp2", "bank4"):
        nbanks = 2 if base == "osfp2" else 4
        for b in range(nbanks):
            label = "11h" if b == 0 else "b%d:11h" % b
            for byte in (139, 143, 149, 152):
                for v in (0x01, 0x08, 0x10, 0xFF):
                    if nbanks == 2 and v == 0x10 and byte != 139:
                        continue
                    w.var("bank%d-%s-flag%d-0x%02x" % (nbanks, label.replace(":", "-"),
                                                       byte, v),
                          {(label, byte): v}, base=base)
            w.var("bank%d-%s-monitors-ff" % (nbanks, label.replace(":", "-")),
                  {(label, 154): b"\xff" * 48}, base=base)
            w.var("bank%d-%s-monitors-0" % (nbanks, label.replace(":", "-")),
                  {(label, 154): bytes(48)}, base=base)
        w.var("bank%d-all-flags-on" % nbanks,
              dict((("11h" if b == 0 else "b%d:11h" % b, 134), b"\xff" * 19)
                   for b in range(nbanks)), base=base)
        w.var("bank%d-rx-avg" % nbanks, {("01h", 151): 0x10}, base=base)
        w.var("bank%d-monitors-unsupported" % nbanks, {("01h", 160): 0x00}, base=base)
        w.var("bank%d-tx-power-only" % nbanks, {("01h", 160): 0x02}, base=base)
        w.var("bank%d-flat" % nbanks, {2: 0x80}, base=base)
        w.var("bank%d-142-upper-bits" % nbanks,
              {("01h", 142): 0xFC | (1 if nbanks == 2 else 2)}, base=base)
    # Bank count smaller than the file: ethtool reads only what 142 says.
    w.var("bank1-file-with-2-banks", {("01h", 142): 0x00}, base="osfp2")
    w.var("bank2-file-with-4-banks", {("01h", 142): 0x01}, base="bank4")
    w.var("bank4-osfp-ident-0x19", {0: 0x19}, base="bank4")
    w.var("bank2-dsfp-ident-0x1b", {0: 0x1B}, base="osfp2")


def gen_app_codes(w):
    """SFF-8024 Tables 4-5 to 4-11 through the application descriptors (lower 86-117 and
    page 01h 223-250, 15 to an image): every host interface ID 01h-FEh, every SMF media
    code, the named codes and range edges of the other media tables, reserved and custom
    media types. ethtool 6.1 prints none of them; the oracle checks the rest stays equal,
    the goldens pin the names."""
    host = list(range(0x01, 0xFF))
    edges = [0xBE, 0xBF, 0xC0, 0xFE, 0xFF]
    sweeps = (
        ("smf", 0x02, list(range(0x00, 0x100))),
        ("mmf", 0x01, list(range(0x00, 0x27)) + edges),
        ("copper", 0x03, [0x00, 0x01, 0x02] + edges),
        ("active", 0x04, list(range(0x00, 0x06)) + edges),
        ("base-t", 0x05, list(range(0x00, 0x09)) + edges),
        ("type-0x00", 0x00, [0x01, 0x02]),
        ("type-0x06", 0x06, [0x01]),
        ("type-0x40", 0x40, [0x01]),
        ("type-0x90", 0x90, [0x01]),
    )
    h = 0
    for name, media_type, codes in sweeps:
        for start in range(0, len(codes), 15):
            chunk = codes[start:start + 15]
            apps = []
            for c in chunk:
                apps.append((host[h % len(host)], c, 0x44, 0x01))
                h += 1
            m = apply(base_dr4(), {85: media_type})
            lower = b"".join(bytes(a) for a in apps[:8])
            m.put("lower", 86, lower + b"\xff" * (32 - len(lower)))
            more = b"".join(bytes(a) for a in apps[8:])
            m.put("01h", 223, more + b"\xff" * (28 - len(more)))
            w.emit("apps-%s-%02x" % (name, chunk[0]), m)
    # host IDs the sweep above leaves for a second pass
    while h < len(host):
        apps = [(host[i % len(host)], 0x14, 0x44, 0x01) for i in range(h, h + 8)]
        h += 8
        m = base_dr4()
        m.put("lower", 86, b"".join(bytes(a) for a in apps))
        w.emit("apps-host-%02x" % apps[0][0], m)


def gen_active_state(w):
    """Bytes ethtool 6.1 ignores and the decoder reads: the Active Control Set (page 11h
    206-213: ApSel per host lane), configuration status (202-205) and output status
    (132-133) per lane; page 01h hardware revision (130-131), state durations (144, 167,
    168), VDM (142 bit 6) and CDB (163 bits 7-6) support, media lane options (176-190)."""
    w.var("active-state", {
        ("11h", 206): bytes([0x12, 0x12, 0x12, 0x12, 0x23, 0x23, 0x00, 0xF1]),
        ("11h", 202): bytes([0xC1, 0x53, 0x20, 0xED]),
        ("11h", 132): 0x0F, ("11h", 133): 0xF0,
        ("01h", 130): bytes([2, 11]),
        ("01h", 144): 0x25, ("01h", 167): 0xD0, ("01h", 168): 0x3E,
        ("01h", 142): 0x40, ("01h", 163): 0x80,
        ("01h", 176): bytes([0x01, 0x55]),
    })
    for v in range(16):
        w.var("durations-0x%x" % v, {("01h", 144): v * 0x11, ("01h", 167): v * 0x11,
                                    ("01h", 168): v * 0x11})
    for v in (0x00, 0x40, 0x80, 0xC0):
        w.var("cdb-163-0x%02x" % v, {("01h", 163): v})
    # Laser temperature: aux2 or aux3 (page 01h byte 145 bits 1-2), advertised in byte 159
    # bits 3-4, thresholds in page 02h 152-167.
    aux = {18: s16be(1000), 20: s16be(int(45.5 * 256)), 22: s16be(int(-3.25 * 256)),
           ("02h", 152): s16s(80 * 256, -5 * 256, 75 * 256, 0),
           ("02h", 160): s16s(70 * 256, -10 * 256, 65 * 256, -5 * 256)}
    for types, mons in ((0x00, 0x0B), (0x02, 0x13), (0x00, 0x03), (0x06, 0x1F)):
        w.var("aux-145-0x%02x-159-0x%02x" % (types, mons),
              {**aux, ("01h", 145): types, ("01h", 159): mons})
    # Every aux observable: aux1 TEC current or custom (145 bit 0), aux2 laser temperature
    # or TEC current (bit 1), aux3 laser temperature or Vcc2 (bit 2), each implemented or not
    # (159 bits 2-4); readings, page 02h thresholds 144-167, flags in lower 10-11.
    aux_all = {18: s16be(16384), 20: s16be(-8192), 22: u16be(12000),
               10: 0x81, 11: 0x08,
               ("02h", 144): s16s(32767, -32767, 30000, -30000),
               ("02h", 152): s16s(100, -100, 90, -90),
               ("02h", 160): u16s(13000, 11000, 12500, 11500)}
    for types in range(8):
        for mons in (0x03, 0x1F):
            w.var("aux-all-145-0x%02x-159-0x%02x" % (types, mons),
                  {**aux_all, ("01h", 145): types, ("01h", 159): mons})
    for flags in (0x00, 0xFF):
        w.var("aux-flags-10-11-0x%02x" % flags,
              {**aux_all, 10: flags, 11: flags, ("01h", 145): 0x07, ("01h", 159): 0x1F})


def gen_page10(w):
    """Page 10h of each bank, which ethtool 6.1 never reads and the decoder reads as the
    control values: output disable per lane (130, 138; advertised by page 01h 155/156 bit 1),
    Staged Control Set 0 (145-152 ApSel/DataPathID/explicit per lane), and its signal
    integrity targets (153-173) where page 01h 161/162 advertise them."""
    scs0 = bytes([0x12, 0x12, 0x12, 0x12, 0x25, 0x25, 0x00, 0xF1])
    si = bytes([0x0F, 0x00, 0x00, 0x21, 0x43, 0x65, 0xDC, 0x0F, 0xF0,
                0x10, 0x32, 0x54, 0x76, 0x10, 0x32, 0x54, 0x98, 0x10, 0x32, 0xF4, 0x54])
    for name, base, banks in (("page10", "dr4", 1), ("page10-osfp2", "osfp2", 2),
                              ("page10-4bank", "bank4", 4)):
        for adv in ("all", "none"):
            m = BASES[base]()
            for b in range(banks):
                label = "10h" if b == 0 else "b%d:10h" % b
                m.add_page(label)
                m.put(label, 130, 0x81 >> b)
                m.put(label, 138, 0x0F << b & 0xFF)
                m.put(label, 145, scs0 if b == 0 else bytes([0x30 | b << 1] * 8))
                m.put(label, 153, si)
            if adv == "all":
                apply(m, {("01h", 155): 0x02, ("01h", 156): 0x02,
                          ("01h", 161): 0x0F, ("01h", 162): 0x1F})
            else:
                apply(m, {("01h", 155): 0x00, ("01h", 156): 0x00,
                          ("01h", 161): 0x00, ("01h", 162): 0x00})
            w.emit("%s-adv-%s" % (name, adv), m)
    # page 10h of bank 0 only, on a two-bank module: bank 1's lanes are unread
    m = BASES["osfp2"]()
    m.add_page("10h")
    m.put("10h", 145, scs0)
    w.emit("page10-bank1-missing", m)
    # a flat module keeps no page 10h: its bytes in the file are ignored
    m = BASES["dac"]()
    m.add_page("10h")
    m.put("10h", 130, 0xFF)
    w.emit("page10-flat", m)


def f16(value):
    """CMIS F16 (mantissa bits 10-0, exponent bits 15-11: m x 10^(e - 24)), the mantissa
    nearest 1000."""
    best = None
    for e in range(32):
        m = int(round(value / 10.0 ** (e - 24)))
        if 1 <= m <= 0x7FF and (best is None or abs(m - 1000) < best[0]):
            best = (abs(m - 1000), (e << 11) | m)
    return u16be(best[1] if best else 0)


def vdm_module(groups, observables, base="dr4", flags=b""):
    """A module advertising VDM (page 01h byte 142 bit 6) with @groups groups (page 2Fh byte
    128): page 20h + g descriptors (threshold set << 4 | lane - 1, type ID), 24h + g samples,
    28h + g threshold sets (high/low alarm, high/low warning), 2Ch flags. @observables:
    (group, index, lane, type, threshold set, sample bytes, four threshold bytes)."""
    m = BASES[base]()
    m.put("01h", 142, m.get("01h", 142) | 0x40)
    for label in ["2Fh"] + ["%02Xh" % (0x20 + g + k) for k in (0, 4, 8)
                            for g in range(groups)] + ["2Ch"]:
        m.add_page(label)
    m.put("2Fh", 128, groups - 1)
    for g, i, lane, typ, ts, sample, thresholds in observables:
        m.put("%02Xh" % (0x20 + g), 128 + 2 * i, bytes([ts << 4 | (lane - 1), typ]))
        m.put("%02Xh" % (0x24 + g), 128 + 2 * i, sample)
        m.put("%02Xh" % (0x28 + g), 128 + 8 * ts, thresholds)
    if flags:
        m.put("2Ch", 128, flags)
    return m


def gen_vdm(w):
    """VDM pages 20h-2Fh, which ethtool 6.1 never reads and `--vdm` decodes: one observable
    of every format (U16 %, S16 % and MHz, S16 1/256 C, U16 1/256 dB, F16), per lane, with
    threshold sets and flags, in one group and across two."""
    obs = [
        (0, 0, 1, 5, 0, u16be(18 * 256), u16s(35 * 256, 5 * 256, 30 * 256, 7 * 256)),
        (0, 1, 2, 5, 0, u16be(int(17.5 * 256)), u16s(35 * 256, 5 * 256, 30 * 256, 7 * 256)),
        (0, 2, 1, 15, 1, f16(1.0e-5), f16(1.0e-3) + f16(0) + f16(1.0e-4) + f16(0)),
        (0, 3, 2, 15, 1, f16(2.5e-6), f16(1.0e-3) + f16(0) + f16(1.0e-4) + f16(0)),
        (0, 4, 1, 4, 2, s16be(45 * 256), s16s(80 * 256, -5 * 256, 75 * 256, 0)),
        (0, 5, 1, 1, 3, u16be(12), u16s(90, 0, 80, 0)),
        (0, 6, 1, 2, 4, s16be(-8192), s16s(32767, -32767, 30000, -30000)),
        (0, 7, 1, 3, 5, s16be(-150), s16s(300, -300, 200, -200)),
    ]
    w.emit("vdm-1group", vdm_module(1, obs, flags=bytes([0x00, 0x81, 0x00, 0x04])))
    two = obs + [(1, 0, 3, 6, 0, u16be(21 * 256), u16s(35 * 256, 5 * 256, 30 * 256, 7 * 256)),
                 (1, 1, 3, 16, 1, f16(3.0e-7), f16(1.0e-3) + f16(0) + f16(1.0e-4) + f16(0))]
    w.emit("vdm-2groups", vdm_module(2, two, flags=bytes(32) + bytes([0x12])))
    m = vdm_module(1, obs)
    m.put("01h", 142, m.get("01h", 142) & ~0x40)
    w.emit("vdm-not-advertised", m)


def gen_checksum(w):
    m = base_dr4()
    m.fix_checksum()
    m.put("00h", 222, m.get("00h", 222) ^ 0x5A)
    w.emit("cc-bad", m, checksum=False)
    m = base_dac()
    m.fix_checksum()
    m.put("00h", 222, m.get("00h", 222) ^ 0xFF)
    w.emit("cc-bad-flat", m, checksum=False)
    m = apply(base_dr4(), {129: ascii_field("OEM", 16)})
    m.put("00h", 222, base_dr4().get("00h", 222))
    w.emit("cc-bad-rebranded", m, checksum=False)
    w.var("cc-223-255-ff", {223: b"\xff" * 33})


def gen_partial(w):
    # Short segments: the bytes past the segment's length read as zero.
    for label, n in (("lower", 15), ("lower", 3), ("00h", 64), ("00h", 75),
                     ("00h", 94), ("01h", 32), ("01h", 10), ("02h", 56),
                     ("11h", 64), ("11h", 26)):
        m = base_dr4()
        m.fix_checksum()
        m.cut[label] = n
        w.emit("short-%s-%d" % (label, n), m, checksum=False)
    for label, n in (("lower", 64), ("00h", 100), ("00h", 1)):
        m = base_dac()
        m.fix_checksum()
        m.cut[label] = n
        w.emit("short-%s-%d-flat" % (label, n), m, checksum=False)
    m = base_osfp_2bank()
    m.cut["b1:11h"] = 64
    w.emit("short-b1-11h-64", m, checksum=False)
    # Missing pages: ethtool fails ("netlink error: Invalid argument").
    for drop in (("11h",), ("02h", "11h"), ("01h", "02h", "11h"), ("01h",),
                 ("02h",), ("00h", "01h", "02h", "11h")):
        m = base_dr4()
        for label in drop:
            m.drop_page(label)
        w.err("missing-%s" % "-".join(drop), m)
    m = base_osfp_2bank()
    m.drop_page("b1:11h")
    w.err("missing-b1-11h", m)
    m = base_4bank()
    m.drop_page("b3:11h")
    w.err("missing-b3-11h", m)
    m = base_dac()
    m.drop_page("00h")
    w.err("missing-00h-flat", m)
    m = apply(base_osfp_2bank(), {("01h", 142): 0x03})
    w.err("banks-reserved-0x03", m)
    m = apply(base_osfp_2bank(), {("01h", 142): 0xFF})
    w.err("banks-reserved-0xff", m)


GENERATORS = (gen_basics, gen_identifier, gen_revision, gen_lower_byte2,
              gen_module_state, gen_controls, gen_module_flags,
              gen_module_monitors, gen_power, gen_cable_length, gen_connector,
              gen_media_tech, gen_strings, gen_oui, gen_page01,
              gen_bias_multiplier, gen_thresholds, gen_lane_flags,
              gen_lane_monitors, gen_banks, gen_app_codes, gen_active_state, gen_page10,
              gen_vdm, gen_checksum, gen_partial)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--clean", action="store_true",
                    help="remove existing *.bin and *.segments in OUTDIR first")
    ap.add_argument("--undecodable", action="store_true",
                    help="also write cmis-err-* images that ethtool fails on")
    args = ap.parse_args(argv)
    os.makedirs(args.outdir, exist_ok=True)
    if args.clean:
        for name in os.listdir(args.outdir):
            if name.endswith((".bin", ".segments")):
                os.unlink(os.path.join(args.outdir, name))
    w = Writer(args.outdir, undecodable=args.undecodable)
    for gen in GENERATORS:
        gen(w)
    print("%d images written to %s" % (len(w.names), args.outdir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
