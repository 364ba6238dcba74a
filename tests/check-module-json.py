#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""check-module-json.py: every module JSON document validates against
xcvrmap-module.schema.json, whatever the source, and speaks the map's vocabulary.

Usage: check-module-json.py --xcvrmap PATH --schema JSON --map-schema JSON
                            [--generate GEN.py --workdir DIR]... IMAGE_DIR...

Checks: each image alone (`--file IMG`: the same {"modules": [...]} envelope as several,
also when it fails to decode); all images together; `--demo`; a missing file (a failed
entry in the map's module_error shape, exit status 1); the summary's keys are the map
schema's module keys; and on the demo host each module's summary equals the map's module
object of the same uplink (one vocabulary, one set of values). Prints "N passed, M failed".
"""
import argparse
import glob
import json
import os
import subprocess
import sys

import jsonschema

ap = argparse.ArgumentParser()
ap.add_argument("--xcvrmap", required=True)
ap.add_argument("--schema", required=True)
ap.add_argument("--map-schema", required=True)
ap.add_argument("--generate", action="append", default=[])
ap.add_argument("--workdir")
ap.add_argument("--no-libvirt", action="store_true",
                help="built without libvirt: `map --demo` cannot run, skip its comparison")
ap.add_argument("dirs", nargs="*")
opts = ap.parse_args()

with open(opts.schema) as f:
    schema = json.load(f)
with open(opts.map_schema) as f:
    map_schema = json.load(f)
validator = jsonschema.Draft202012Validator(schema)
passed = failed = 0


def report(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {what}\n    {str(detail)[:2000]}")


def module_json(*args):
    r = subprocess.run([opts.xcvrmap, "module", "--format", "json"] + list(args),
                       capture_output=True, text=True)
    try:
        return r.returncode, json.loads(r.stdout)
    except ValueError as e:
        return r.returncode, {"unparsable": str(e), "stdout": r.stdout[:300]}


def validate(doc, what):
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    report(not errors, what, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5]))


dirs = list(opts.dirs)
for gen in opts.generate:
    out = os.path.join(opts.workdir, os.path.splitext(os.path.basename(gen))[0])
    subprocess.run([sys.executable, gen, out, "--clean"], check=True, stdout=subprocess.DEVNULL)
    dirs.append(out)
images = sorted(f for d in dirs for f in glob.glob(os.path.join(d, "*.bin")))
report(bool(images), "images found")

# The summary is the map's module object: the same keys, nothing else.
report(set(schema["$defs"]["summary"]["properties"]) ==
       set(map_schema["$defs"]["module"]["properties"]),
       "summary keys == map module keys",
       set(schema["$defs"]["summary"]["properties"]) ^
       set(map_schema["$defs"]["module"]["properties"]))

# Alone: the corpus images (the synthetic ones are many; they are checked together below).
for img in (i for i in images if not i.startswith(opts.workdir or "\0")):
    rc, doc = module_json("--file", img)
    validate(doc, img)
    entries = doc.get("modules") or [{}]
    report(len(entries) == 1 and entries[0].get("name") == img and
           (rc == 0) == ("summary" in entries[0]), img + ": one entry, exit status matches",
           (rc, list(entries[0])))

CHUNK = 200
for i in range(0, len(images), CHUNK):
    chunk = images[i:i + CHUNK]
    args = []
    for img in chunk:
        args += ["--file", img]
    rc, doc = module_json(*args)
    validate(doc, f"{len(chunk)} images from {chunk[0]}")
    report(len(doc.get("modules", [])) == len(chunk), "one entry per image")

rc, doc = module_json("--file", "/nonexistent/xcvrmap-no-such-image.bin")
validate(doc, "a missing file")
e = (doc.get("modules") or [{}])[0]
report(rc == 1 and e.get("module_error", {}).get("code") == "io" and
       e.get("error") == "io", "a missing file: module_error io, exit 1", (rc, e))

rc, demo = module_json("--demo")
validate(demo, "module --demo")
report(rc == 0, "module --demo exits 0", rc)
r = subprocess.run([opts.xcvrmap, "map", "--demo", "--format", "json"], capture_output=True,
                   text=True)
if opts.no_libvirt:
    # the demo's VMs come through libvirt's test driver; without it map says so, exit 1
    report(r.returncode == 1 and "libvirt" in r.stderr,
           "without libvirt, map --demo says libvirt is missing", r.stderr)
elif r.returncode == 0:
    mapped = {u["netdev"]: u["module"] for u in json.loads(r.stdout)["uplinks"]
              if u["netdev"] and u["module"]}
    summaries = {e["name"]: e.get("summary") for e in demo.get("modules", [])}
    # module --demo reads the demo host's own dumps: every module the map reads is there
    common = sorted(set(mapped) & set(summaries))
    report(set(mapped) <= set(summaries) and len(common) >= 5,
           "module --demo holds every module of map --demo", (sorted(mapped), sorted(summaries)))
    for name in common:
        m = mapped[name]
        report(summaries.get(name) == m, f"demo {name}: module summary == map module",
               {k: (summaries.get(name) or {}).get(k) for k in m
                if (summaries.get(name) or {}).get(k) != m[k]})
else:
    report(False, "map --demo", r.stderr)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
