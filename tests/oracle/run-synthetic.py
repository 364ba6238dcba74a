#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Generates the synthetic SFF-8472 images into --workdir, then runs the ethtool oracle on
them. Every other argument is passed to ethtool-oracle.py unchanged."""

import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
args = sys.argv[1:]
if "--workdir" not in args:
    sys.exit("run-synthetic.py: --workdir DIR is required")
i = args.index("--workdir")
workdir = args[i + 1]
del args[i:i + 2]

subprocess.run([sys.executable, os.path.join(here, "gen-sff8472.py"), workdir, "--clean"],
               check=True, stdout=subprocess.DEVNULL)
os.execv(sys.executable, [sys.executable, os.path.join(here, "ethtool-oracle.py")] + args
         + [workdir])
