#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""check-readme-demo.py: the README's description of the bundled demo host (domains, vNICs,
uplinks, modules) is what `xcvrmap map --demo` maps."""
import json
import re
import subprocess
import sys

xcvrmap, readme = sys.argv[1], sys.argv[2]
text = re.sub(r"\s+", " ", open(readme, encoding="utf-8").read())
m = re.search(r"A bundled demo host\*\*.*?: (\d+) domains and (\d+) vNICs.*?; (\d+) uplinks: "
              r"(\w+) modules", text)
words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
r = subprocess.run([xcvrmap, "map", "--demo", "--format", "json"], capture_output=True,
                   text=True, timeout=120)
failed = 0
if m is None:
    print("FAIL: the README has no '… N domains and M vNICs …; K uplinks: five modules' line")
    failed = 1
elif r.returncode != 0:
    print("FAIL: map --demo:", r.stderr)
    failed = 1
else:
    doc = json.loads(r.stdout)
    said = (int(m.group(1)), int(m.group(2)), int(m.group(3)),
            words.get(m.group(4), m.group(4)))
    real = (len({v["domain"] for v in doc["vnics"]}), len(doc["vnics"]), len(doc["uplinks"]),
            sum(1 for u in doc["uplinks"] if u["module"]))
    if said != real:
        print(f"FAIL: the README says (domains, vNICs, uplinks, modules) = {said}, "
              f"map --demo has {real}")
        failed = 1
print(f"{1 - failed} passed, {failed} failed")
sys.exit(failed)
