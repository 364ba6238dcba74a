#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""`xcvrmap placement --format nova-provider-config` on the demo host: the file is YAML of
the shape nova-compute's provider config loader accepts (schema_version 1.0; each provider
identified by exactly one of uuid or name; additional traits CUSTOM_[A-Z0-9_]+), one
provider per physical NIC with a PCI address, named HOSTNAME_PCI (or by --provider-name),
with one media, at most one speed and one redundancy trait from the placement vocabulary;
--output writes the same text to a file. TAP output."""

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile

import jsonschema
import yaml

# The constraints of Nova's provider config schema 1.0 that a file of ours must meet.
NOVA_SHAPE = {
    "type": "object",
    "required": ["meta", "providers"],
    "properties": {
        "meta": {
            "type": "object",
            "required": ["schema_version"],
            "properties": {"schema_version": {"const": "1.0"}},
        },
        "providers": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["identification"],
                "additionalProperties": False,
                "properties": {
                    "identification": {
                        "type": "object",
                        "additionalProperties": False,
                        "oneOf": [{"required": ["uuid"]}, {"required": ["name"]}],
                        "properties": {
                            "uuid": {"type": "string"},
                            "name": {"type": "string", "minLength": 1, "maxLength": 200},
                        },
                    },
                    "traits": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "additional": {
                                "type": "array",
                                "items": {"type": "string",
                                          "pattern": "^CUSTOM_[A-Z0-9_]+$"},
                            },
                        },
                    },
                },
            },
        },
    },
}

MEDIA = {"SR", "LR", "ER", "ZR", "DWDM", "DAC", "AOC", "BASE_T", "OTHER", "UNKNOWN"}
REDUNDANCY = {"SINGLE", "ACTIVE_BACKUP", "LACP", "BALANCE"}

n = 0
failed = 0


def ok(cond, what, detail=""):
    global n, failed
    n += 1
    print(("ok %d - %s" if cond else "not ok %d - %s") % (n, what))
    if not cond:
        failed += 1
        for line in str(detail).splitlines()[:40]:
            print("# " + line)


def run(args):
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--xcvrmap", required=True)
    a = p.parse_args()
    host = socket.gethostname()

    r = run([a.xcvrmap, "placement", "--demo", "--format", "nova-provider-config"])
    ok(r.returncode == 0, "placement --demo runs", r.stderr)
    doc = yaml.safe_load(r.stdout)
    try:
        jsonschema.validate(doc, NOVA_SHAPE)
        ok(True, "the file has Nova's provider config shape")
    except jsonschema.ValidationError as e:
        ok(False, "the file has Nova's provider config shape", str(e))
    provs = doc.get("providers") or []
    names = [pv["identification"]["name"] for pv in provs]
    ok(len(provs) >= 4 and len(set(names)) == len(names), "one provider per physical NIC",
       names)
    ok(all(re.match(r"^%s_[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$" % re.escape(host), x)
           for x in names), "named HOSTNAME_PCIADDRESS", names)
    for pv in provs:
        t = pv["traits"]["additional"]
        media = [x for x in t if x.startswith("CUSTOM_XCVRMAP_MEDIA_")]
        speed = [x for x in t if x.startswith("CUSTOM_XCVRMAP_SPEED_")]
        red = [x for x in t if x.startswith("CUSTOM_XCVRMAP_REDUNDANCY_")]
        ok(len(media) == 1 and media[0][len("CUSTOM_XCVRMAP_MEDIA_"):] in MEDIA and
           len(speed) <= 1 and all(re.match(r"^CUSTOM_XCVRMAP_SPEED_\d+[GM]$", x) for x in speed)
           and len(red) == 1 and red[0][len("CUSTOM_XCVRMAP_REDUNDANCY_"):] in REDUNDANCY and
           len(t) == len(media) + len(speed) + len(red),
           "%s: one media, at most one speed, one redundancy trait" % pv["identification"]["name"],
           t)
    by_name = {pv["identification"]["name"]: pv["traits"]["additional"] for pv in provs}
    lr = by_name.get(host + "_0000:81:00.1", [])
    ok("CUSTOM_XCVRMAP_MEDIA_LR" in lr and "CUSTOM_XCVRMAP_SPEED_100G" in lr,
       "the demo's 100G LR4 port says so", lr)

    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "provider.yaml")
        r2 = run([a.xcvrmap, "placement", "--demo", "-o", path,
                  "--provider-name", "{netdev}@{hostname}"])
        text = open(path).read() if os.path.exists(path) else ""
        ok(r2.returncode == 0 and r2.stdout == "" and "'enp3s0f0@%s'" % host in text and
           text.replace("'enp3s0f0@%s'" % host, "'%s_0000:03:00.0'" % host) != text,
           "--output writes the file; --provider-name names by template", r2.stderr + text)
    r = run([a.xcvrmap, "placement", "--demo", "--format", "yaml"])
    ok(r.returncode == 2, "an unknown --format is bad usage", r.stderr)
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
