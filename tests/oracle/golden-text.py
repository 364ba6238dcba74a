#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""golden-text.py: stands in for `xcvrmap module --file IMAGE --format text` and prints
IMAGE's expected text from tests/data/golden/<family>/<case>.txt, so that ethtool-oracle.py
(unchanged) holds the committed goldens to the real `ethtool -m`, divergence list and all.

The golden directory is $XCVR_GOLDEN_DIR; <family> is the name of IMAGE's directory and
<case> its name without ".bin". A case without a golden text exits 1 with a message, which
the oracle reports as a failure wherever ethtool decodes the image.
"""
import os
import sys

args = sys.argv[1:]
if len(args) < 3 or args[0] != "module" or "--file" not in args:
    sys.exit("golden-text.py: expected `module --file IMAGE --format text`")
image = args[args.index("--file") + 1]
family = os.path.basename(os.path.dirname(os.path.abspath(image)))
case = os.path.basename(image)
if case.endswith(".bin"):
    case = case[:-4]
golden = os.path.join(os.environ.get("XCVR_GOLDEN_DIR", "."), family, case + ".txt")
try:
    with open(golden, "rb") as f:
        sys.stdout.buffer.write(f.read())
except OSError as e:
    sys.exit("golden-text.py: %s: no golden text (%s)" % (image, e.strerror))
