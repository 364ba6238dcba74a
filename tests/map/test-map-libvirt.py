#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""test-map-libvirt.py: libvirt is loaded only by what needs it, and chosen as virsh chooses.

- Linkage (readelf -d): neither libxcvrmap.so nor the xcvrmap executable names libvirt;
  libxcvrmap-virt.so does.
- Loading (LD_DEBUG=files, the dynamic loader's own account): `module --file` and `topo`
  never map libvirt into the process; `map -c test:///…` does, through libxcvrmap-virt.
- Without libxcvrmap-virt (a build without libvirt, or the library not installed), `map`
  fails with a clear message and exit status 1, and `module` and `topo` still work.
- Without -c, libvirt picks the URI: LIBVIRT_DEFAULT_URI, and a non-root user's
  $XDG_CONFIG_HOME/libvirt/libvirt.conf `uri_default` (as an unprivileged user through
  setpriv when run as root); an empty map from such a URI names it.

Prints PASS/FAIL/SKIP lines and "N passed, M failed"; exit status 1 when a check failed.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

passed = 0
failed = 0


def report(ok, name, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("PASS: " + name)
    else:
        failed += 1
        print("FAIL: " + name)
        for line in str(detail).splitlines()[:40]:
            print("    " + line)


def run(cmd, env=None, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env, **kw)


def needed(path):
    r = run(["readelf", "-d", path])
    return [l.split("[", 1)[1].rstrip("]") for l in r.stdout.splitlines() if "(NEEDED)" in l]


def loaded_libvirt(cmd, env=None):
    """Runs @cmd under LD_DEBUG=files; returns (result, whether libvirt.so was mapped)."""
    e = dict(env if env is not None else os.environ)
    e["LD_DEBUG"] = "files"
    r = run(cmd, env=e)
    return r, any("file=libvirt.so" in l for l in r.stderr.splitlines())


def map_json(r):
    try:
        return json.loads(r.stdout)
    except ValueError:
        return None


def domains_of(doc):
    return sorted({v["domain"] for v in doc["vnics"]}) if doc else None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--xcvrmap", required=True)
    p.add_argument("--core-lib", required=True)
    p.add_argument("--virt-lib", help="libxcvrmap-virt.so (absent: built without libvirt)")
    p.add_argument("--host", required=True, help="a libvirt test-driver host XML")
    p.add_argument("--image", required=True, help="a module EEPROM image")
    args = p.parse_args()
    exe = os.path.abspath(args.xcvrmap)
    host_uri = "test://" + os.path.abspath(args.host)
    with_libvirt = args.virt_lib is not None
    if shutil.which("readelf") is None:
        print("SKIP: readelf not installed")
        return 77

    # ---- linkage
    for path in (args.core_lib, exe):
        libs = needed(path)
        report(libs != [] and not any(l.startswith("libvirt") for l in libs),
               "%s does not link libvirt" % os.path.basename(path), libs)
    report(not any(l.startswith("libxml2") for l in needed(args.core_lib)),
           "libxcvrmap.so does not link libxml2 (only the VM source parses XML)",
           needed(args.core_lib))
    if with_libvirt:
        libs = needed(args.virt_lib)
        report("libvirt.so.0" in libs and "libxcvrmap.so.0" in libs,
               "libxcvrmap-virt.so links libvirt and the core library", libs)

    work = tempfile.mkdtemp(prefix="xcvr-map-libvirt-")
    try:
        os.chmod(work, 0o755)
        root = os.path.join(work, "root")
        os.makedirs(os.path.join(root, "sys", "class", "net"))
        base = ["--root", root, "--ovsdb", "", "--no-modules", "--format", "json"]

        # ---- what loads libvirt
        r, lv = loaded_libvirt([exe, "module", "--file", args.image])
        report(r.returncode == 0 and not lv, "module --file: runs without mapping libvirt",
               r.returncode if r.returncode != 0 else "libvirt.so was mapped")
        r, lv = loaded_libvirt([exe, "topo", "lo"])
        report(r.returncode == 0 and not lv, "topo: runs without mapping libvirt",
               r.returncode if r.returncode != 0 else "libvirt.so was mapped")

        if not with_libvirt:
            for cmd, what in (([exe, "map", "-c", host_uri] + base, "map -c"),
                              ([exe, "map", "--demo"], "map --demo")):
                r = run(cmd)
                report(r.returncode == 1 and "libvirt VM source is not available" in r.stderr
                       and "xcvrmap topo" in r.stderr and r.stdout == "",
                       "built without libvirt: %s fails with exit status 1 and says why" % what,
                       r.stderr)
        else:
            with_virt_lib(args, exe, host_uri, work, base)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


def with_virt_lib(args, exe, host_uri, work, base):
    r, lv = loaded_libvirt([exe, "map", "-c", host_uri] + base)
    doc = map_json(r)
    report(r.returncode == 0 and lv and domains_of(doc) == ["archive", "db", "web"],
           "map -c test:///…: loads libvirt (through libxcvrmap-virt) and maps the host",
           r.stderr[-2000:] if r.returncode != 0 else "libvirt mapped: %s" % lv)

    # the library not where the loader looks: map says so, the rest still works
    alone = os.path.join(work, "alone")
    os.makedirs(alone)
    shutil.copy(exe, alone)
    os.symlink(os.path.realpath(args.core_lib), os.path.join(alone, "libxcvrmap.so.0"))
    lone = os.path.join(alone, os.path.basename(exe))
    e = {k: v for k, v in os.environ.items() if k != "LD_LIBRARY_PATH"}
    r = run([lone, "map", "-c", host_uri] + base, env=e)
    if "cannot be loaded" in r.stderr or r.returncode == 0:
        print("SKIP: a libxcvrmap-virt is installed system-wide; the missing-library "
              "case is not reachable here")
    else:
        report(r.returncode == 1 and "libvirt VM source is not available" in r.stderr
               and "libxcvrmap-virt.so.0" in r.stderr and r.stdout == "",
               "libxcvrmap-virt missing: map fails with exit status 1 and says why",
               r.stderr)
    r = run([lone, "module", "--file", args.image], env=e)
    report(r.returncode == 0 and r.stdout != "",
           "libxcvrmap-virt missing: module --file still works", r.stderr)

    # ---- which URI: LIBVIRT_DEFAULT_URI
    e = dict(os.environ)
    e["LIBVIRT_DEFAULT_URI"] = host_uri
    r = run([exe, "map"] + base, env=e)
    doc = map_json(r)
    report(r.returncode == 0 and domains_of(doc) == ["archive", "db", "web"]
           and len(doc["vnics"]) == 30,
           "LIBVIRT_DEFAULT_URI without -c: that host is mapped", r.stderr)
    e["LIBVIRT_DEFAULT_URI"] = "test:///nonexistent/host.xml"
    r = run([exe, "map", "-c", host_uri] + base, env=e)
    report(r.returncode == 0 and domains_of(map_json(r)) == ["archive", "db", "web"],
           "-c wins over LIBVIRT_DEFAULT_URI", r.stderr)
    # GCC 12's LeakSanitizer crashes ("Tracer caught signal 11") scanning the dynamic TLS
    # of libvirt, dlopen()ed, after libvirt fails to open a connection: no leak of ours is
    # involved (every other case runs with leak detection), so this one run goes without.
    e_noleak = dict(e)
    e_noleak["ASAN_OPTIONS"] = ":".join(
        filter(None, [os.environ.get("ASAN_OPTIONS", ""), "detect_leaks=0"]))
    r = run([exe, "map"] + base, env=e_noleak)
    report(r.returncode == 1 and "default URI" in r.stderr,
           "a default URI libvirt cannot open: exit status 1, the message says it was the "
           "default", r.stderr)

    empty = os.path.join(work, "empty.xml")
    with open(empty, "w") as f:
        f.write("<node>\n</node>\n")
    e["LIBVIRT_DEFAULT_URI"] = "test://" + empty
    r = run([exe, "map"] + base, env=e)
    doc = map_json(r)
    report(r.returncode == 0 and doc is not None and doc["vnics"] == []
           and ("no domains at test://%s" % empty) in r.stderr,
           "an empty map from the default URI names the URI libvirt connected to",
           r.stderr)
    r = run([exe, "map", "-c", "test://" + empty] + base)
    report(r.returncode == 0 and "no domains" not in r.stderr,
           "... but not when the URI was given", r.stderr)

    # ---- which URI: uri_default in the user's libvirt.conf
    conf_dir = os.path.join(work, "xdg", "libvirt")
    os.makedirs(conf_dir)
    with open(os.path.join(conf_dir, "libvirt.conf"), "w") as f:
        f.write('uri_default = "%s"\n' % host_uri)
    for d in (os.path.join(work, "xdg"), conf_dir):
        os.chmod(d, 0o755)
    e = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C",
         "HOME": work, "XDG_CONFIG_HOME": os.path.join(work, "xdg")}
    cmd = [exe, "map"] + base
    if os.geteuid() == 0:
        # libvirt reads the user's libvirt.conf only when not root
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            print("SKIP: uri_default: running as root and setpriv is missing")
            cmd = None
        else:
            cmd = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] + cmd
    if cmd is not None:
        r = run(cmd, env=e)
        if r.returncode != 0 and "Permission denied" in r.stderr:
            print("SKIP: uri_default: the unprivileged user cannot reach the build tree "
                  "(%s)" % r.stderr.strip().splitlines()[-1])
        else:
            doc = map_json(r)
            report(r.returncode == 0 and domains_of(doc) == ["archive", "db", "web"],
                   "uri_default in $XDG_CONFIG_HOME/libvirt/libvirt.conf without -c: that "
                   "host is mapped", r.stderr)


if __name__ == "__main__":
    sys.exit(main())
