#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""check-license.py: LICENSE is the LGPL 2.1 text, and every source file of the project
says so in an SPDX line matching meson's project license."""
import os
import re
import sys

top = sys.argv[1]
expected = "LGPL-2.1-or-later"
failures = []

with open(os.path.join(top, "LICENSE"), encoding="utf-8") as f:
    head = f.read(400)
if "GNU LESSER GENERAL PUBLIC LICENSE" not in head or "Version 2.1" not in head:
    failures.append("LICENSE: not the GNU LGPL version 2.1 text")

with open(os.path.join(top, "meson.build"), encoding="utf-8") as f:
    m = re.search(r"license:\s*'([^']+)'", f.read())
if m is None or m.group(1) != expected:
    failures.append(f"meson.build: project license is {m.group(1) if m else None!r}, "
                    f"not {expected!r}")

suffixes = (".c", ".h", ".py", ".sh")
checked = 0
for sub in ("src", "include", "tests", "plugin", "packaging"):
    for dirpath, dirnames, filenames in os.walk(os.path.join(top, sub)):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not (name.endswith(suffixes) or name == "meson.build"):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read(2000)
            checked += 1
            ids = re.findall(r"SPDX-License-Identifier:\s*(\S+)", text)
            if not ids:
                failures.append(f"{os.path.relpath(path, top)}: no SPDX-License-Identifier")
            elif ids[0].rstrip("*/ ") != expected:
                failures.append(f"{os.path.relpath(path, top)}: SPDX says {ids[0]}")

for f in failures:
    print("FAIL", f)
print(f"{checked} files checked")
print(f"{1 if not failures else 0} passed, {1 if failures else 0} failed")
sys.exit(1 if failures else 0)
