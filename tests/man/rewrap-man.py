#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# rewrap-man.py PAGE…: rewraps the text lines of roff pages to at most 80 bytes in place
# (mandoc's style check), leaving request lines and .EX/.EE blocks alone. A maintainer's
# tool for editing the pages; the build does not run it.
import sys

WIDTH = 80


def wrap(line):
    out = []
    while len(line.encode()) > WIDTH:
        cut = line.rfind(" ", 0, WIDTH + 1)
        # a continuation line must not start a request
        while cut > 0 and line[cut + 1:cut + 2] in (".", "'"):
            cut = line.rfind(" ", 0, cut)
        if cut <= 0:
            break
        out.append(line[:cut])
        line = line[cut + 1:]
    out.append(line)
    return out


for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    result = []
    in_example = False
    for line in lines:
        if line.startswith(".EX"):
            in_example = True
        elif line.startswith(".EE"):
            in_example = False
        if in_example or line.startswith((".", "'")):
            result.append(line)
        else:
            result.extend(wrap(line))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(result))
