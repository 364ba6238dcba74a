#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""check-xml-schema.py: every image's XML form validates against our RelaxNG schema.

Usage: check-xml-schema.py --xcvrmap PATH --schema RNG [--xmllint PATH]
                           [--generate GEN.py --workdir DIR]... [--golden DIR]... IMAGE_DIR...

Each image is validated alone (the single <module> document), and all of them together
(the <modules> document, which also carries <error> entries for images that do not
decode). Every golden XML file (--golden: tests/data/golden/<family>/*.xml) is validated
too, so the reviewed expected documents are schema-valid as well. Prints "N passed, M failed" last; exits 1 on any failure.
"""
import argparse
import glob
import os
import subprocess
import sys

ap = argparse.ArgumentParser()
ap.add_argument("--xcvrmap", required=True)
ap.add_argument("--schema", required=True)
ap.add_argument("--xmllint", default="xmllint")
ap.add_argument("--generate", action="append", default=[],
                help="generator script writing synthetic images into --workdir/<name>")
ap.add_argument("--workdir")
ap.add_argument("--golden", action="append", default=[],
                help="directory of golden <case>.xml files to validate")
ap.add_argument("dirs", nargs="*")
opts = ap.parse_args()

dirs = list(opts.dirs)
for gen in opts.generate:
    out = os.path.join(opts.workdir, os.path.splitext(os.path.basename(gen))[0])
    subprocess.run([sys.executable, gen, out, "--clean"], check=True, stdout=subprocess.DEVNULL)
    dirs.append(out)

images = sorted(f for d in dirs for f in glob.glob(os.path.join(d, "*.bin")))
passed = failed = 0


def validate(xml, what):
    global passed, failed
    r = subprocess.run([opts.xmllint, "--noout", "--relaxng", opts.schema, "-"], input=xml,
                       capture_output=True)
    if r.returncode == 0:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {what}:\n{r.stderr.decode(errors='replace')[:2000]}")


# Alone: the corpus images (each is a real module).
for img in images:
    if "/synthetic" in img or "/gen-" in img:
        continue
    r = subprocess.run([opts.xcvrmap, "module", "--format", "xml", "--file", img],
                       capture_output=True)
    if r.returncode == 0:
        validate(r.stdout, img)
    elif r.stdout:
        failed += 1
        print(f"FAIL {img}: a failed decode printed a partial document")

# The golden documents (tests/data/golden/<family>/<case>.xml).
for d in opts.golden:
    for xml in sorted(glob.glob(os.path.join(d, "*.xml"))):
        with open(xml, "rb") as f:
            validate(f.read(), xml)

# Together, in chunks: every image, including those that fail to decode.
CHUNK = 200
for i in range(0, len(images), CHUNK):
    chunk = images[i:i + CHUNK]
    args = [opts.xcvrmap, "module", "--format", "xml"]
    for img in chunk:
        args += ["--file", img]
    r = subprocess.run(args, capture_output=True)
    validate(r.stdout, f"{len(chunk)} images from {chunk[0]}")

if not images:
    print("no images found")
    failed += 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
