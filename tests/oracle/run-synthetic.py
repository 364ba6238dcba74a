#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Generates synthetic images with each --generate script into --workdir/<script>, then runs
the ethtool oracle on all of them. Every other argument goes to ethtool-oracle.py."""

import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
args = sys.argv[1:]
gens = []
workdir = None
rest = []
i = 0
while i < len(args):
    if args[i] == "--workdir":
        workdir = args[i + 1]
        i += 2
    elif args[i] == "--generate":
        gens.append(args[i + 1])
        i += 2
    else:
        rest.append(args[i])
        i += 1
if workdir is None or not gens:
    sys.exit("run-synthetic.py: --workdir DIR and at least one --generate SCRIPT are required")

dirs = []
for gen in gens:
    out = os.path.join(workdir, os.path.splitext(os.path.basename(gen))[0])
    subprocess.run([sys.executable, gen, out, "--clean"], check=True, stdout=subprocess.DEVNULL)
    dirs.append(out)
os.execv(sys.executable, [sys.executable, os.path.join(here, "ethtool-oracle.py")] + rest + dirs)
