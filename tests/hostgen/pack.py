#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""pack.py: a directory tree (a host hostgen.py made) as one text manifest, and back.

    pack.py DIR > MANIFEST           pack
    pack.py --unpack MANIFEST DIR    unpack (for tests; the CLI has its own C reader,
                                     src/cli/cli-demo-host.c)

Manifest format (UTF-8 text, one entry a line, "\\n" line ends):

    xcvrmap-host-manifest 1            first line: magic and version
    # ...                              comments (ignored)
    d PATH                             a directory
    t PATH CONTENT                     a regular file whose content is text
    b PATH BASE64                      a regular file, content in base64 (RFC 4648, padded)
    l PATH TARGET                      a symbolic link and its (relative) target

PATH is relative to the tree's root, components separated by "/", never empty, ".",
"..", absolute or ending in "/". The entry type, PATH and the rest are separated by
exactly one space; CONTENT is everything after the second space (possibly empty, and then
the space may be missing). PATH, TARGET and CONTENT are escaped: "\\\\" for a backslash,
"\\n", "\\t", "\\r", and "\\NNN" (exactly three octal digits) for any other byte below 0x20,
for 0x7f and, in PATH and TARGET, for a space; no other escape exists. Text content never
holds a NUL byte (such files are "b"). Entries are sorted by PATH (bytewise), so a
directory comes before what it holds; every directory is listed, empty or not.
"""

import base64
import os
import sys

MAGIC = "xcvrmap-host-manifest 1"


def escape(data, is_path):
    out = []
    for ch in data:
        o = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20 or o == 0x7f or (is_path and ch == " "):
            out.append("\\%03o" % o)
        else:
            out.append(ch)
    return "".join(out)


def unescape(s):
    out = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        nxt = s[i + 1:i + 2]
        if nxt in ("\\", "n", "t", "r"):
            out.append({"\\": "\\", "n": "\n", "t": "\t", "r": "\r"}[nxt])
            i += 2
        elif len(s) >= i + 4 and all(c in "01234567" for c in s[i + 1:i + 4]):
            out.append(chr(int(s[i + 1:i + 4], 8)))
            i += 4
        else:
            raise ValueError("bad escape at %d in %r" % (i, s))
    return "".join(out)


def is_text(data):
    if b"\0" in data:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    ctrl = sum(1 for c in text if (ord(c) < 0x20 and c not in "\n\t") or ord(c) == 0x7f)
    return ctrl == 0


def pack(root):
    entries = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel_dir = os.path.relpath(dirpath, root)
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            rel = name if rel_dir == "." else rel_dir + "/" + name
            if os.path.islink(full):
                entries.append((rel, "l", os.readlink(full)))
            elif os.path.isdir(full):
                entries.append((rel, "d", None))
            elif os.path.isfile(full):
                with open(full, "rb") as f:
                    entries.append((rel, "f", f.read()))
            else:
                raise SystemExit("pack.py: %s: not a file, directory or symlink" % full)
    entries.sort(key=lambda e: e[0].encode())
    lines = [MAGIC]
    for rel, kind, val in entries:
        p = escape(rel, True)
        if kind == "d":
            lines.append("d " + p)
        elif kind == "l":
            lines.append("l %s %s" % (p, escape(val, True)))
        elif is_text(val):
            lines.append("t %s %s" % (p, escape(val.decode("utf-8"), False)))
        else:
            lines.append("b %s %s" % (p, base64.b64encode(val).decode("ascii")))
    return "\n".join(lines) + "\n"


def unpack(manifest_text, out):
    lines = manifest_text.split("\n")
    if lines[0] != MAGIC:
        raise SystemExit("pack.py: not a manifest (first line %r)" % lines[0])
    os.makedirs(out, exist_ok=True)
    for line in lines[1:]:
        if not line or line.startswith("#"):
            continue
        kind, _, rest = line.partition(" ")
        path, _, val = rest.partition(" ")
        path = unescape(path)
        parts = path.split("/")
        if path.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise SystemExit("pack.py: refusing path %r" % path)
        full = os.path.join(out, path)
        if kind == "d":
            os.mkdir(full)
        elif kind == "t":
            with open(full, "wb") as f:
                f.write(unescape(val).encode("utf-8"))
        elif kind == "b":
            with open(full, "wb") as f:
                f.write(base64.b64decode(val, validate=True))
        elif kind == "l":
            target = unescape(val)
            if target.startswith("/"):
                raise SystemExit("pack.py: refusing absolute link %r" % target)
            os.symlink(target, full)
        else:
            raise SystemExit("pack.py: unknown entry %r" % kind)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--unpack":
        with open(sys.argv[2], encoding="utf-8") as f:
            unpack(f.read(), sys.argv[3])
        return 0
    if len(sys.argv) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    sys.stdout.write(pack(sys.argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
