#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Write synthetic SFF-8436/SFF-8636 (QSFP+/QSFP28) EEPROM images for the ethtool oracle.

Usage: gen-sff8636.py OUTDIR [--clean]

Every image starts from one realistic QSFP28 100GBASE-SR4 module (modelled on a
published Finisar FTLC9551REPM image: lower page + upper page 00h, plus upper
pages 01h, 02h (blank) and 03h with realistic thresholds) and changes one thing,
so that together the images reach every table entry and every branch of the
SFF-8436/SFF-8636 text decoder of `ethtool -m` (6.1) plus the edge cases around
it: identifier (lower byte 0 and upper byte 128, including disagreeing ones),
revision compliance, status byte, extended identifier (power classes, CDR,
high power class enable), connector, every transceiver compliance bit, every
extended compliance code (byte 192), encoding, BR (incl. 0xff / byte 222), rate
identifier, lengths, device technology, wavelength / copper attenuation, vendor
strings with odd bytes, OUI, option bits, live monitors (incl. the values that
suppress the channel monitors), RX power type, every interrupt flag bit, control
bytes, page 03h thresholds present / absent, bad checksums and partial images.

Layout (as ethtool's ioctl returns it): file offset 0 = lower page (bytes
0-127), 128 = upper page 00h (128-255), 256 = page 01h, 384 = page 02h,
512 = page 03h.  640-byte images carry page 03h; 256-byte images do not.
Checksums (CC_BASE = byte 191 = sum(128..190) & 0xff, CC_EXT = byte 223 =
sum(192..222) & 0xff) are recomputed after each change unless the image is
meant to carry a bad one (files named qsfp-cc-*bad*).

Images are written as NAME.bin (all names start with "qsfp-"); the name says
what the image exercises.  Output is deterministic.  Only the Python standard
library is used.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from imagegen import ascii_field, s16be, string_variants, u16be  # noqa: F401
from imagegen import main as imagegen_main

FULL_LEN = 640      # ETH_MODULE_SFF_8636_MAX_LEN: lower + 00h + 01h + 02h + 03h
BASE_LEN = 256      # ETH_MODULE_SFF_8636_LEN: lower + 00h
P03 = 512 - 128     # file offset of page 03h byte N is P03 + N (N = 128..255)

# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------








def put(buf, offset, data):
    if isinstance(data, int):
        buf[offset] = data
    else:
        buf[offset:offset + len(data)] = data


def fix_checksums(img, base=True, ext=True):
    if base:
        img[191] = sum(img[128:191]) & 0xFF
    if ext:
        img[223] = sum(img[192:223]) & 0xFF


# --------------------------------------------------------------------------
# Base image
# --------------------------------------------------------------------------


def base_image():
    """640 bytes of a QSFP28 100GBASE-SR4 with page 03h thresholds."""
    img = bytearray(FULL_LEN)

    # ---- lower page ----
    img[0] = 0x11          # identifier: QSFP28
    img[1] = 0x07          # revision compliance: SFF-8636 rev 2.5-2.7
    img[2] = 0x00          # status: paged memory (page 03h present), data ready
    # 3..14 interrupt flags: all clear
    put(img, 22, s16be(0x1A68))            # temperature 26.41 C
    put(img, 26, u16be(0x7F42))            # Vcc 3.2578 V
    # per-channel monitors (channel 1..4)
    for i, v in enumerate((13327, 7411, 13399, 13263)):   # RX power, 0.1 uW
        put(img, 34 + 2 * i, u16be(v))
    for i, v in enumerate((3539, 3577, 3587, 3551)):      # TX bias, 2 uA
        put(img, 42 + 2 * i, u16be(v))
    for i, v in enumerate((9958, 11731, 11736, 12500)):   # TX power, 0.1 uW
        put(img, 50 + 2 * i, u16be(v))
    img[86] = 0x00         # TX disable: none
    img[87] = 0x01         # RX rate select
    img[88] = 0xCC         # TX rate select
    img[93] = 0x00         # power control
    img[98] = 0xFF         # CDR control: all lanes on
    img[127] = 0x00        # page select

    # ---- upper page 00h ----
    img[128] = 0x11        # identifier
    img[129] = 0xCC        # ext id: 3.5 W class, CDR in TX and RX
    img[130] = 0x0C        # connector: MPO
    put(img, 131, bytes([0x80, 0, 0, 0, 0, 0, 0, 0]))  # extended compliance
    img[139] = 0x07        # encoding: 256B/257B
    img[140] = 0xFF        # BR nominal: see byte 222
    img[141] = 0x00        # rate identifier
    img[142] = 0           # length SMF km
    img[143] = 35          # length OM3, 2 m units -> 70 m
    img[144] = 0           # length OM2
    img[145] = 0           # length OM1
    img[146] = 50          # length OM4 / copper -> 50 m
    img[147] = 0x00        # device technology: 850 nm VCSEL
    put(img, 148, ascii_field("FINISAR CORP", 16))
    img[164] = 0x00        # extended module codes
    put(img, 165, bytes([0x00, 0x90, 0x65]))
    put(img, 168, ascii_field("FTLC9551REPM", 16))
    put(img, 184, ascii_field("A0", 2))
    put(img, 186, u16be(850 * 20))         # wavelength 850 nm (1/20 nm)
    put(img, 188, u16be(10 * 200))         # tolerance 10 nm (1/200 nm)
    img[190] = 0x00        # max case temperature
    img[192] = 0x02        # extended compliance: 100GBASE-SR4
    img[193] = 0x07        # options
    img[194] = 0xFF
    img[195] = 0xDE
    put(img, 196, ascii_field("XQ8636SYN0001", 16))
    put(img, 212, ascii_field("240115", 8))
    img[220] = 0x0C        # diag monitoring type: avg RX power, TX power
    img[221] = 0x10        # enhanced options
    img[222] = 0x67        # extended BR: 103 x 250 MBd

    # ---- page 03h thresholds (HA, LA, HW, LW each) ----
    put(img, P03 + 128, s16be(75 * 256) + s16be(-5 * 256) + s16be(70 * 256)
        + s16be(0))                                        # temperature
    put(img, P03 + 144, u16be(36300) + u16be(29700) + u16be(34650)
        + u16be(31350))                                    # Vcc
    put(img, P03 + 176, u16be(21878) + u16be(363) + u16be(17378)
        + u16be(724))                                      # RX power
    put(img, P03 + 184, u16be(6000) + u16be(1500) + u16be(5500)
        + u16be(2000))                                     # TX bias
    put(img, P03 + 192, u16be(22387) + u16be(912) + u16be(17783)
        + u16be(1445))                                     # TX power
    return img


# --------------------------------------------------------------------------
# Writer
# --------------------------------------------------------------------------


class Writer:
    def __init__(self, outdir):
        self.outdir = outdir
        self.names = set()

    def emit(self, name, img=None, *, length=FULL_LEN, base=True, ext=True):
        """Write qsfp-NAME.bin; checksums fixed unless base/ext is False."""
        name = "qsfp-" + name
        if name in self.names:
            raise SystemExit("duplicate image name: " + name)
        self.names.add(name)
        img = base_image() if img is None else img
        fix_checksums(img, base=base, ext=ext)
        with open(os.path.join(self.outdir, name + ".bin"), "wb") as f:
            f.write(bytes(img[:length]))

    def var(self, name, changes, **kw):
        """Base image with bytes changed: changes is {file offset: int|bytes}."""
        img = base_image()
        for off, val in changes.items():
            put(img, off, val)
        self.emit(name, img, **kw)


# --------------------------------------------------------------------------
# Image set
# --------------------------------------------------------------------------


def gen_basics(w):
    w.emit("base-100g-sr4-p03")
    w.emit("base-100g-sr4-256", length=BASE_LEN)
    # QSFP+ 40GBASE-SR4, SFF-8636 rev 1.3, 1.5 W, no CDR, 64B/66B.
    w.var("base-40g-sr4", {
        0: 0x0D, 1: 0x03, 128: 0x0D, 129: 0x00, 131: 0x04, 139: 0x05,
        140: 103, 143: 50, 146: 0, 192: 0x00, 220: 0x08, 222: 0x00,
        168: ascii_field("XQ-QSFPP-40G-SR4", 16)})
    # QSFP+ 40GBASE-CR4 passive DAC (SFF-8436, no monitors: temperature 0).
    w.var("base-40g-cr4-dac-sff8436", {
        0: 0x0C, 1: 0x01, 128: 0x0C, 129: 0x00, 130: 0x23, 131: 0x08,
        139: 0x00, 140: 0, 143: 0, 146: 1, 147: 0xA0,
        186: bytes([6, 10, 0, 0]), 192: 0x00, 220: 0x00, 222: 0x00,
        22: bytes(2), 26: bytes(2), 34: bytes(24),
        168: ascii_field("XQ-QSFPP-CU1M", 16)}, length=BASE_LEN)
    # QSFP28 100G passive DAC (copper, attenuation instead of wavelength).
    w.var("base-100g-cr4-dac", {
        129: 0x00, 130: 0x23, 131: 0x80, 139: 0x07, 143: 0, 146: 3,
        147: 0xA0, 186: bytes([5, 8, 10, 15]), 192: 0x0B, 220: 0x00,
        22: bytes(2), 26: bytes(2), 34: bytes(24),
        168: ascii_field("XQ-QSFP28-CU3M", 16)})
    # QSFP28 100GBASE-LR4 (1310 nm DFB, LC, 10 km, 4.5 W class).
    w.var("base-100g-lr4", {
        129: 0xCE, 130: 0x07, 192: 0x03, 142: 10, 143: 0, 146: 0,
        147: 0x40, 186: u16be(1310 * 20), 188: u16be(65 * 200),
        168: ascii_field("XQ-QSFP28-LR4", 16)})
    # QSFP28 100G active optical cable (BER 1e-12), no separable connector.
    w.var("base-100g-aoc", {
        129: 0xCC, 130: 0x23, 192: 0x18, 143: 0, 146: 3,
        168: ascii_field("XQ-QSFP28-AOC3M", 16)})


def gen_identifier(w):
    for v in (0x0C, 0x0D, 0x11):
        w.var("id-0x%02x" % v, {0: v, 128: v})
        w.var("id-0x%02x-256" % v, {0: v, 128: v}, length=BASE_LEN)
    # Lower byte 0 and upper byte 128 disagree.
    for lower, upper, length in ((0x00, 0x0D, BASE_LEN), (0x00, 0x11, BASE_LEN),
                                 (0x0D, 0x00, FULL_LEN), (0x11, 0x00, FULL_LEN),
                                 (0x0D, 0x11, FULL_LEN), (0x11, 0x0D, FULL_LEN),
                                 (0x0C, 0x11, FULL_LEN), (0x11, 0x0C, FULL_LEN),
                                 (0x0C, 0x0D, FULL_LEN), (0x0D, 0x0C, FULL_LEN),
                                 (0x11, 0xFF, FULL_LEN), (0x11, 0x03, FULL_LEN),
                                 (0x0D, 0x00, BASE_LEN)):
        w.var("id-lower-0x%02x-upper-0x%02x%s"
              % (lower, upper, "-256" if length == BASE_LEN else ""),
              {0: lower, 128: upper}, length=length)


def gen_revision(w):
    for v in list(range(0x00, 0x0B)) + [0x0B, 0x7F, 0x80, 0xFF]:
        w.var("rev-0x%02x" % v, {1: v})


def gen_status(w):
    for bit in range(8):
        w.var("status-bit%d" % bit, {2: 1 << bit})
    w.var("status-0x05", {2: 0x05})
    w.var("status-0xff", {2: 0xFF})
    w.var("status-0x04-256", {2: 0x04}, length=BASE_LEN)
    w.var("status-0x01-256", {2: 0x01}, length=BASE_LEN)


def gen_ext_id(w):
    # Bits 7-6 (power class 1-4), 3-2 (CDR), 1-0 (power class 5-7) all
    # change the text; bits 5-4 do not.
    for hi in (0x00, 0x40, 0x80, 0xC0):
        for cdr in (0x00, 0x04, 0x08, 0x0C):
            for lo in range(4):
                v = hi | cdr | lo
                w.var("ext-id-0x%02x" % v, {129: v})
    for v in (0x10, 0x20, 0x30, 0xFF):
        w.var("ext-id-0x%02x" % v, {129: v})
    # High power class enabled (lower byte 93 bit 2).
    for v in (0x00, 0x01, 0x02, 0x03, 0xCC):
        w.var("ext-id-0x%02x-hpc-enabled" % v, {129: v, 93: 0x04})
    # Power class 8 (byte 129 bit 5): its maximum power in byte 107 (0.1 W), its enable in
    # byte 93 bit 3. ethtool 6.1 decodes neither; the decoder's JSON/XML do.
    for v, enable, watts in ((0x20, 0x00, 120), (0xE3, 0x08, 255), (0xE3, 0x0C, 0)):
        w.var("ext-id-0x%02x-class8-93-0x%02x-107-%d" % (v, enable, watts),
              {129: v, 93: enable, 107: watts})


def gen_connector(w):
    for v in list(range(0x00, 0x2B)) + [0x30, 0x7F, 0x80, 0xFE, 0xFF]:
        w.var("conn-0x%02x" % v, {130: v})


def gen_transceiver(w):
    for byte in range(131, 139):
        for bit in range(8):
            codes = bytearray(8)
            codes[byte - 131] = 1 << bit
            w.var("xcvr-%d-bit%d" % (byte, bit), {131: bytes(codes)})
    w.var("xcvr-none", {131: bytes(8)})
    w.var("xcvr-all-bits", {131: b"\xff" * 8})
    w.var("xcvr-all-bits-ext192-0x00", {131: b"\xff" * 8, 192: 0x00})
    w.var("xcvr-131-0x7f", {131: 0x7F})
    w.var("xcvr-combo-40g-sr4-10g-sr", {131: 0x14})
    w.var("xcvr-combo-100g-and-40g-cr4", {131: 0x88, 192: 0x0B})
    w.var("xcvr-combo-fc-bytes", {131: bytes([0, 0, 0, 0, 0x40, 0x40, 0x0C, 0x54])})


def gen_ext192(w):
    for v in range(256):
        w.var("ext192-0x%02x" % v, {192: v})
    # Byte 192 without byte 131 bit 7 (must be ignored).
    w.var("ext192-0x02-no-131-bit7", {131: 0x00, 192: 0x02})
    w.var("ext192-0x0b-131-0x04", {131: 0x04, 192: 0x0B})


def gen_encoding(w):
    for v in list(range(0x00, 0x0A)) + [0x10, 0x80, 0xFF]:
        w.var("enc-0x%02x" % v, {139: v})


def gen_br(w):
    for v in (0, 1, 103, 254, 255):
        w.var("br-%d" % v, {140: v})
    for v in (0, 1, 103, 255):
        w.var("br-255-b222-%d" % v, {140: 255, 222: v})
    w.var("br-103-b222-255", {140: 103, 222: 255})


def gen_rate_id(w):
    for v in (0x00, 0x01, 0x02, 0x03, 0x0C, 0x10, 0x80, 0xFF):
        w.var("rateid-0x%02x" % v, {141: v})


def gen_lengths(w):
    for byte in range(142, 147):
        for v in (0, 1, 255):
            w.var("len-%d-%d" % (byte, v), {byte: v})
    w.var("len-all-0", {142: bytes(5)})
    w.var("len-all-255", {142: b"\xff" * 5})


def gen_device_tech(w):
    for hi in range(16):
        w.var("devtech-0x%02x" % (hi << 4), {147: hi << 4})
    for v in (0x01, 0x02, 0x04, 0x08, 0x0F, 0xAF, 0xFF):
        w.var("devtech-0x%02x" % v, {147: v})


def gen_wavelength(w):
    for label, nm20 in (("0", 0), ("1310", 1310 * 20), ("1550", 1550 * 20),
                        ("1270.55", 25411), ("0.05", 1), ("ffff", 0xFFFF)):
        w.var("wavelength-%s" % label, {186: u16be(nm20)})
    for label, tol in (("0", 0), ("0.005", 1), ("ffff", 0xFFFF)):
        w.var("wavelength-tol-%s" % label, {188: u16be(tol)})
    # Copper: the same four bytes are attenuation at 2.5/5/7/12.9 GHz.
    for label, att in (("0-0-0-0", bytes(4)), ("1-2-3-4", bytes([1, 2, 3, 4])),
                       ("255", b"\xff" * 4)):
        w.var("copper-atten-%s" % label, {147: 0xA0, 186: att})
    w.var("copper-atten-1-2-3-4-0xf0", {147: 0xF0, 186: bytes([1, 2, 3, 4])})




def gen_strings(w):
    for fname, off, n in (("vendor", 148, 16), ("pn", 168, 16),
                          ("sn", 196, 16), ("date", 212, 8)):
        for vname, raw in string_variants(n).items():
            assert len(raw) == n, (fname, vname)
            w.var("str-%s-%s" % (fname, vname), {off: raw})
    for vname, raw in (("full", b"B2"), ("one-char", b"A "),
                       ("all-spaces", b"  "), ("all-nul", b"\x00\x00"),
                       ("nul-padded", b"A\x00"), ("leading-space", b" A"),
                       ("high-bytes", b"\x80\xff")):
        w.var("str-rev-%s" % vname, {184: raw})


def gen_oui(w):
    for oui in ((0, 0, 0), (0xFF, 0xFF, 0xFF), (0x00, 0x02, 0xC9),
                (0x00, 0x17, 0x6A), (0x0A, 0xB0, 0xC1)):
        w.var("oui-%02x%02x%02x" % oui, {165: bytes(oui)})


def gen_options(w):
    for byte in (193, 194, 195):
        for bit in range(8):
            w.var("opt-%d-bit%d" % (byte, bit),
                  {193: 0, 194: 0, 195: 0, byte: 1 << bit})
    w.var("opt-none", {193: bytes(3)})
    w.var("opt-all", {193: b"\xff" * 3})
    w.var("enhopt-221-0x00", {221: 0x00})
    w.var("enhopt-221-0xff", {221: 0xFF})
    w.var("extmod-164-0xff", {164: 0xFF})
    w.var("maxcase-190-0xff", {190: 0xFF})


def gen_monitors(w):
    for label, raw in (("0", 0x0000), ("ffff", 0xFFFF), ("0001", 0x0001),
                       ("fffe", 0xFFFE), ("8000", 0x8000), ("7fff", 0x7FFF),
                       ("neg-1", 0xFF00), ("neg-40", 0xD800),
                       ("25.50", 0x1980), ("1", 0x0100)):
        w.var("mon-temp-%s" % label, {22: u16be(raw)})
    w.var("mon-temp-0-256", {22: u16be(0)}, length=BASE_LEN)
    for label, raw in (("0", 0), ("1", 1), ("ffff", 0xFFFF),
                       ("3.135", 31350)):
        w.var("mon-vcc-%s" % label, {26: u16be(raw)})
    for fname, off in (("rxpwr", 34), ("bias", 42), ("txpwr", 50)):
        for label, raw in (("0", 0), ("1", 1), ("ffff", 0xFFFF),
                           ("8000", 0x8000)):
            w.var("mon-%s-all-%s" % (fname, label), {off: u16be(raw) * 4})
    for label, raw in (("10", 10), ("10000", 10000)):
        w.var("mon-txpwr-all-%s" % label, {50: u16be(raw) * 4})
    # Just below 1 mW: the dBm value rounds to "-0.00".
    w.var("mon-txpwr-all-9999-neg-zero-dbm", {50: u16be(9999) * 4})
    w.var("mon-rxpwr-all-9998-neg-zero-dbm", {34: u16be(9998) * 4})
    # One channel at zero (-inf dBm) among normal ones.
    w.var("mon-rxpwr-ch3-0", {38: u16be(0)})
    w.var("mon-txpwr-ch2-0", {52: u16be(0)})
    # Zero power with OMA receiver type.
    w.var("mon-rxpwr-all-0-oma", {34: bytes(8), 220: 0x04})
    w.var("mon-all-0", {22: bytes(6), 34: bytes(24)})
    w.var("mon-all-ff", {22: b"\xff" * 6, 34: b"\xff" * 24})
    w.var("mon-channels-0-temp-ok", {34: bytes(24)})


def gen_diag_type(w):
    for bit in range(8):
        w.var("diag220-bit%d" % bit, {220: 1 << bit})
    for v in (0x00, 0x04, 0x08, 0xF7, 0xFF):
        w.var("diag220-0x%02x" % v, {220: v})
    w.var("diag220-0x00-256", {220: 0x00}, length=BASE_LEN)


def gen_flags(w):
    for byte in range(3, 15):
        for bit in range(8):
            w.var("flag-%d-bit%d" % (byte, bit), {byte: 1 << bit})
    allflags = {3: b"\xff" * 12}
    w.var("flags-all-on", allflags)
    w.var("flags-all-on-256", allflags, length=BASE_LEN)
    w.var("flags-all-on-flat", {3: b"\xff" * 12, 2: 0x04})
    w.var("flags-all-on-temp-0", {3: b"\xff" * 12, 22: bytes(2)})


def gen_control(w):
    for bit in range(8):
        w.var("ctrl-86-txdis-bit%d" % bit, {86: 1 << bit})
        w.var("ctrl-93-power-bit%d" % bit, {93: 1 << bit})
    # Rate select (87, 88) and CDR control (98, 99); base: 0x01 0xcc 0xff 0x00.
    for byte, v in ((87, 0x00), (87, 0xFF), (88, 0x00), (88, 0xFF),
                    (98, 0x00), (98, 0x55), (99, 0xFF)):
        w.var("ctrl-%d-0x%02x" % (byte, v), {byte: v})
    w.var("ctrl-93-0x03", {93: 0x03})
    w.var("ctrl-93-0x07", {93: 0x07})
    w.var("ctrl-93-0xff", {93: 0xFF})


def gen_thresholds(w):
    p = P03
    w.var("p03-thresholds", {})          # same as base, named for the feature
    w.var("p03-zero", {p + 128: bytes(128)})
    w.var("p03-ff", {p + 128: b"\xff" * 128})
    w.var("p03-temp-negative", {p + 128: s16be(-1 * 256) + s16be(-40 * 256 - 128)
                                + s16be(-3) + s16be(-32768)})
    w.var("p03-temp-extreme", {p + 128: s16be(32767) + s16be(-32768)
                               + s16be(127 * 256) + s16be(1)})
    w.var("p03-power-small", {p + 176: u16be(1) + u16be(0) + u16be(10) + u16be(100),
                              p + 192: u16be(0xFFFF) + u16be(0) + u16be(1)
                              + u16be(10000)})
    w.var("p03-power-neg-zero-dbm", {p + 176: u16be(9999) * 4,
                                     p + 192: u16be(9990) * 4})
    w.var("p03-bias-vcc-edge", {p + 144: u16be(0xFFFF) + u16be(0) + u16be(1)
                                + u16be(0x8000),
                                p + 184: u16be(0xFFFF) + u16be(0) + u16be(1)
                                + u16be(0x8000)})
    # Bytes of page 03h that ethtool 6.1 does not show (reserved, vendor,
    # channel-mask areas): must not change the output.
    w.var("p03-unused-bytes-ff", {p + 136: b"\xff" * 8, p + 152: b"\xff" * 24,
                                  p + 200: b"\xff" * 56})
    # Page 03h absent.
    w.var("p03-absent-256", {}, length=BASE_LEN)
    w.var("p03-absent-flat", {2: 0x04})
    # Shorter files: the missing bytes read as zero.
    w.var("p03-truncated-576", {}, length=576)
    w.var("p03-missing-512", {}, length=512)


def gen_checksums(w):
    def bad(name, base_bad, ext_bad, length=FULL_LEN, mutate=None):
        img = base_image()
        fix_checksums(img)
        if base_bad:
            img[191] ^= 0x5A
        if ext_bad:
            img[223] ^= 0x5A
        if mutate:
            mutate(img)
        w.emit(name, img, length=length, base=False, ext=False)

    bad("cc-base-bad", True, False)
    bad("cc-ext-bad", False, True)
    bad("cc-both-bad", True, True)
    bad("cc-base-bad-256", True, False, BASE_LEN)
    bad("cc-ext-bad-256", False, True, BASE_LEN)
    # Stale checksum after rebranding the vendor name.
    bad("cc-base-bad-rebranded", False, False,
        mutate=lambda img: put(img, 148, ascii_field("OEM", 16)))


def gen_partial(w):
    for n in (128, 129, 200, 255, 257, 384):
        w.emit("partial-%d" % n, length=n)


GENERATORS = (gen_basics, gen_identifier, gen_revision, gen_status, gen_ext_id,
              gen_connector, gen_transceiver, gen_ext192, gen_encoding, gen_br,
              gen_rate_id, gen_lengths, gen_device_tech, gen_wavelength,
              gen_strings, gen_oui, gen_options, gen_monitors, gen_diag_type,
              gen_flags, gen_control, gen_thresholds, gen_checksums,
              gen_partial)


def main(argv=None):
    return imagegen_main(argv, __doc__, Writer, GENERATORS)


if __name__ == "__main__":
    sys.exit(main())
