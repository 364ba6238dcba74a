#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""test-summary.py: turns meson's test log into counts, and counts into the closing line.

  test-summary.py BUILD_DIR        prints "BUILD_DIR P passed, F failed, S skipped"
  test-summary.py --total FILE     sums such lines and prints "P passed, F failed"
"""
import json
import os
import re
import sys

if sys.argv[1] == "--total":
    p = f = 0
    for line in open(sys.argv[2]):
        m = re.search(r"(\d+) passed", line)
        p += int(m.group(1)) if m else 0
        m = re.search(r"(\d+) failed", line)
        f += int(m.group(1)) if m else 0
    print(f"{p} passed, {f} failed")
    sys.exit(1 if f else 0)

counts = {"OK": 0, "FAIL": 0, "SKIP": 0, "TIMEOUT": 0, "EXPECTEDFAIL": 0, "ERROR": 0,
          "UNEXPECTEDPASS": 0}
with open(os.path.join(sys.argv[1], "meson-logs", "testlog.json")) as log:
    for line in log:
        result = json.loads(line).get("result", "ERROR")
        counts[result] = counts.get(result, 0) + 1
failed = counts["FAIL"] + counts["TIMEOUT"] + counts["ERROR"] + counts["UNEXPECTEDPASS"]
print(f"{sys.argv[1]}: {counts['OK'] + counts['EXPECTEDFAIL']} passed, {failed} failed, "
      f"{counts['SKIP']} skipped")
