# SPDX-License-Identifier: LGPL-2.1-or-later
"""imagegen.py: what the synthetic-image generators (gen-*.py) share: field encoders, the
odd string contents every vendor field is tried with, and the command-line entry point."""

import argparse
import os
import struct


def ascii_field(text, length, pad=b" "):
    """@text (str or bytes) padded to @length with @pad, as SFF ASCII fields are."""
    raw = text.encode("ascii") if isinstance(text, str) else bytes(text)
    if len(raw) > length:
        raise ValueError("field too long: %r" % (raw,))
    return raw + pad * (length - len(raw))


def u16be(value):
    return struct.pack(">H", value & 0xFFFF)


def s16be(value):
    return struct.pack(">h", value)


def string_variants(n):
    """Contents of an n-byte vendor field that exercise the text rules (trailing blanks
    trimmed, non-printables shown as '_', NUL not a terminator)."""
    return {
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
        "trailing-ff": (b"AB" + b"\xff" * n)[:n],
        "punct": (b"~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./" * 2)[:n],
    }


def main(argv, doc, writer_class, generators):
    """`gen-X.py OUTDIR [--clean]`: runs every generator with a writer into OUTDIR."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--clean", action="store_true",
                    help="remove existing *.bin in OUTDIR first")
    args = ap.parse_args(argv)
    os.makedirs(args.outdir, exist_ok=True)
    if args.clean:
        for name in os.listdir(args.outdir):
            if name.endswith(".bin"):
                os.unlink(os.path.join(args.outdir, name))
    w = writer_class(args.outdir)
    for gen in generators:
        gen(w)
    print("%d images written to %s" % (len(w.names), args.outdir))
    return 0
