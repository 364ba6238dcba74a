#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""test-cli.py: the faces of `xcvrmap` behave like the tools admins know.

Usage:
  test-cli.py --xcvrmap PATH --shim PATH --corpus DIR --virt-host XML [--ethtool PATH]

Each check drives the built `xcvrmap` as a user would:

- one interface (from an --eeprom-dir dump, or "from the kernel" through the LD_PRELOAD
  shim tests/shim/ethtool-ioctl-shim.c) prints what `ethtool -m` prints for it, verbatim
  (the real ethtool through the same shim when --ethtool is given), then only the
  documented extras (Warning: lines; an "Also decoded (not printed by ethtool 6.1):"
  section), with no "Module NAME:" heading; several get headings; an error is said once,
  on stderr, naming the interface;
- every command's stdout is checked: >/dev/full, and a pipe without a reader with SIGPIPE
  ignored (EPIPE), give a message on stderr and exit status 1; with SIGPIPE at its
  default the process dies of it;
- a repeated -d on `map` selects every named domain (libvirt's test driver); a named
  domain that does not exist is an error naming it;
- `xcvrmap help CMD` is `xcvrmap CMD --help`, `help` is `--help`, -V is --version and both
  are in --help; the main usage lists each command with the options it really has;
- one --timeout on module, map and topo: the same help text (default 5, 0: no deadline),
  the deadline of the whole command (four slow ports end within it),
  0 accepted, a negative value refused; a module answering in 3 s is read with the
  default deadline (the map's used to be 2 s);
- mutually exclusive sources are refused with exit status 2 and a message;
- --demo output is byte-identical from run to run in every format, and names no
  temporary directory;
- `module --demo` decodes every module of the demo host under the names `map --demo`
  gives its uplinks, and exits 0 (its empty cage is not a failure).

Prints PASS/FAIL lines and "N passed, M failed"; exit status 1 when a check failed.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

passed = 0
failed = 0
TIMEOUT = 120
SHIM_KNOBS = ("XCVR_SHIM_MODTYPE", "XCVR_SHIM_FAULT", "XCVR_SHIM_NETLINK", "XCVR_SHIM_LOG",
              "XCVR_SHIM_EEPROM", "XCVR_SHIM_SEGMENTS", "XCVR_SHIM_EEPROM_DIR",
              "XCVR_SHIM_FAULT_IFACE", "XCVR_SHIM_FAULT_AFTER", "XCVR_SHIM_SLOW_MS")
EXTRA_SECTION = "Also decoded (not printed by ethtool 6.1):"


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


class Runner:
    def __init__(self, opts):
        self.exe = os.path.abspath(opts.xcvrmap)
        self.shim = os.path.abspath(opts.shim)
        self.env = dict(os.environ)
        for k in SHIM_KNOBS + ("LD_PRELOAD", "LIBVIRT_DEFAULT_URI"):
            self.env.pop(k, None)
        self.env["LC_ALL"] = "C"
        # the shim is preloaded ahead of the ASan runtime in sanitizer builds
        asan = self.env.get("ASAN_OPTIONS", "")
        self.env["ASAN_OPTIONS"] = (asan + ":" if asan else "") + "verify_asan_link_order=0"

    def run(self, args, env=None, shim=False, **kw):
        e = dict(self.env)
        e.update(env or {})
        if shim:
            e["LD_PRELOAD"] = self.shim
        kw.setdefault("capture_output", True)
        return subprocess.run([self.exe] + args, env=e, timeout=TIMEOUT, **kw)

    def text(self, args, **kw):
        r = self.run(args, **kw)
        return r.returncode, r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace")


def describe(rc, out, err):
    return "exit %s\nstdout:\n%s\nstderr:\n%s" % (rc, out[:1500], err[:1500])


def ethtool_extras_ok(ours, theirs):
    """@ours is @theirs verbatim, then only Warning: lines and an "Also decoded" section."""
    if not ours.startswith(theirs):
        return False, "not a verbatim copy of ethtool's lines"
    rest = ours[len(theirs):].splitlines()
    in_section = False
    for line in rest:
        if line == EXTRA_SECTION:
            in_section = True
        elif in_section and line.startswith("\t"):
            continue
        elif line.startswith("Warning: ") and not in_section:
            continue
        else:
            return False, "undocumented extra line %r" % line
    return True, ""


# ---- 1. one interface prints as ethtool -----------------------------------------------------

def single_interface(r, opts, work):
    corpus = opts.corpus
    images = {
        "eth0": os.path.join(corpus, "sff8472", "finisar-fclf8522p2btl-1000base-t.bin"),
        "eth1": os.path.join(corpus, "sff8472", "broken-cc-base-oem-sfp-10g-sr-it-dom.bin"),
    }
    d = os.path.join(work, "eeprom")
    os.makedirs(d)
    for name, src in images.items():
        shutil.copy(src, os.path.join(d, name + ".bin"))

    for name, src in images.items():
        frc, ftext, _ = r.text(["module", "--file", src])
        rc, out, err = r.text(["module", "--eeprom-dir", d, name])
        report(rc == 0 and frc == 0 and out == ftext and not out.startswith("Module "),
               "module %s --eeprom-dir: the text of --file, no heading" % name,
               describe(rc, out, err))
        # "from the kernel": the shim serves DIR/IFNAME.bin to ethtool netlink and the ioctl
        for netlink in ("1", None):
            env = {"XCVR_SHIM_EEPROM_DIR": d}
            if netlink:
                env["XCVR_SHIM_NETLINK"] = netlink
            rc, out, err = r.text(["module", name], env=env, shim=True)
            report(rc == 0 and out == ftext,
                   "module %s through the shim (%s): the text of --file, no heading"
                   % (name, "netlink" if netlink else "ioctl"), describe(rc, out, err))
            if opts.ethtool:
                e = dict(r.env, LD_PRELOAD=r.shim, **env)
                t = subprocess.run([opts.ethtool, "-m", name], env=e, capture_output=True,
                                   text=True, timeout=TIMEOUT)
                ok, why = ethtool_extras_ok(out, t.stdout)
                report(t.returncode == 0 and ok,
                       "module %s (%s): ethtool -m's lines verbatim, then only documented "
                       "extras" % (name, "netlink" if netlink else "ioctl"),
                       why + "\n" + describe(t.returncode, t.stdout, t.stderr))

    # the bad checksum image has a Warning: line, ethtool's text does not: extras only
    rc, out, _ = r.text(["module", "--eeprom-dir", d, "eth1"])
    report(any(l.startswith("Warning: ") for l in out.splitlines()),
           "the extras are there to check (eth1 has a Warning: line)", out[-500:])

    # several: a heading each
    rc, out, err = r.text(["module", "--eeprom-dir", d, "eth0", "eth1"])
    heads = [l for l in out.splitlines() if l.startswith("Module ")]
    report(rc == 0 and heads == ["Module eth0:", "Module eth1:"],
           "two interfaces: a heading each", describe(rc, out, err))
    rc, out, err = r.text(["module", "--file", images["eth0"], "--file", images["eth1"]])
    heads = [l for l in out.splitlines() if l.startswith("Module ")]
    report(rc == 0 and len(heads) == 2, "two files: a heading each", describe(rc, out, err))

    # an error is said once, on stderr, with the name; nothing about it on stdout
    for args, what in ((["module", "--eeprom-dir", d, "eth9"], "one interface"),
                       (["module", "--eeprom-dir", d, "eth0", "eth9"], "among others")):
        rc, out, err = r.text(args)
        lines = [l for l in err.splitlines() if "eth9" in l]
        report(rc == 1 and len(lines) == 1 and lines[0].startswith("xcvrmap: eth9: ") and
               "eth9" not in out and "Error" not in out,
               "a missing dump (%s): said once, on stderr, naming eth9" % what,
               describe(rc, out, err))
    # through the shim too: an interface without module support
    rc, out, err = r.text(["module", "eth0", "eth7"], env={"XCVR_SHIM_EEPROM_DIR": d},
                          shim=True)
    lines = [l for l in err.splitlines() if "eth7" in l]
    report(rc == 1 and len(lines) == 1 and "eth7" not in out and "Module eth0:" in out,
           "an interface without a module (shim): said once, on stderr",
           describe(rc, out, err))
    # JSON and XML keep the failed entry as data
    rc, out, err = r.text(["module", "--eeprom-dir", d, "--format", "json", "eth0", "eth9"])
    doc = json.loads(out) if out.strip() else {}
    names = [(m.get("name"), "module_error" in m) for m in doc.get("modules", [])]
    report(rc == 1 and names == [("eth0", False), ("eth9", True)],
           "JSON keeps the failed entry (module_error)", describe(rc, out, err))
    rc, out, err = r.text(["module", "--eeprom-dir", d, "--format", "xml", "eth0", "eth9"])
    report(rc == 1 and re.search(r'<port name="eth9">\s*<error code=', out) is not None,
           "XML keeps the failed entry (<error>)", describe(rc, out, err))
    rc, out, err = r.text(["module", "--eeprom-dir", d, "--format", "xml", "eth9"])
    report(rc == 1 and re.search(r'<port name="eth9">\s*<error code=', out) is not None,
           "XML of one interface that fails: still a <modules> document with its <error>",
           describe(rc, out, err))
    return images


# ---- 2. write errors ------------------------------------------------------------------------

# False in a build without libvirt: `map --demo` reads the demo host's VMs through libvirt's
# test driver, so there it only says libvirt is missing.
LIBVIRT = True


def demo_map_ok(args):
    return LIBVIRT or args[:2] != ["map", "--demo"]


def write_errors(r, images):
    image = images["eth0"]
    commands = [
        (["module", "--file", image], "module --file"),
        (["module", "--file", image, "--format", "json"], "module --format json"),
        (["module", "--demo"], "module --demo"),
        (["map", "--demo"], "map --demo"),
        (["map", "--demo", "--format", "xml"], "map --demo --format xml"),
        (["topo", "--demo"], "topo --demo"),
        (["topo", "--demo", "--format", "json"], "topo --demo --format json"),
        (["--help"], "--help"),
        (["help", "map"], "help map"),
        (["module", "--help"], "module --help"),
        (["--version"], "--version"),
    ]
    for args, what in [c for c in commands if demo_map_ok(c[0])]:
        with open("/dev/full", "wb") as full:
            p = r.run(args, stdout=full, stderr=subprocess.PIPE, capture_output=False)
        err = p.stderr.decode(errors="replace")
        report(p.returncode == 1 and "write error" in err and "No space left" in err,
               "%s >/dev/full: a message and exit status 1" % what,
               "exit %s, stderr %r" % (p.returncode, err))

        # a pipe whose reader is gone before anything is written
        rd, wr = os.pipe()
        os.close(rd)
        try:
            p = r.run(args, stdout=wr, stderr=subprocess.PIPE, capture_output=False,
                      preexec_fn=lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN))
        finally:
            os.close(wr)
        err = p.stderr.decode(errors="replace")
        report(p.returncode == 1 and "write error" in err and "Broken pipe" in err,
               "%s | (closed pipe, SIGPIPE ignored): EPIPE said, exit status 1" % what,
               "exit %s, stderr %r" % (p.returncode, err))

    demo = "map" if LIBVIRT else "topo"
    rd, wr = os.pipe()
    os.close(rd)
    try:
        p = r.run([demo, "--demo"], stdout=wr, stderr=subprocess.PIPE, capture_output=False,
                  preexec_fn=lambda: signal.signal(signal.SIGPIPE, signal.SIG_DFL))
    finally:
        os.close(wr)
    report(p.returncode == -signal.SIGPIPE,
           "%s --demo | (closed pipe, SIGPIPE default): killed by SIGPIPE" % demo,
           "exit %s" % p.returncode)

    # a working pipe still exits 0 with the whole output
    p = r.run([demo, "--demo", "--format", "json"])
    report(p.returncode == 0 and p.stderr == b"" and json.loads(p.stdout),
           "%s --demo to a pipe that reads: exit 0, nothing on stderr" % demo, p.stderr)
    if not LIBVIRT:
        p = r.run(["map", "--demo"])
        report(p.returncode == 1 and b"libvirt" in p.stderr,
               "without libvirt, map --demo says libvirt is missing, exit 1", p.stderr)


# ---- 3. repeated -d ------------------------------------------------------------------------

def domains(r, opts, work):
    if not opts.virt_host:
        print("SKIP: no --virt-host (built without libvirt)")
        return
    uri = "test://" + os.path.abspath(opts.virt_host)
    root = os.path.join(work, "root")
    os.makedirs(os.path.join(root, "sys", "class", "net"), exist_ok=True)
    # a deadline far from what a loaded sanitizer build needs: -d is tested here, not time
    base = ["map", "-c", uri, "--root", root, "--ovsdb", "", "--no-modules",
            "--format", "json", "--timeout", "120"]

    def doms(args):
        p = r.run(base + args)
        if p.returncode != 0:
            return p.returncode, None, p.stderr.decode()
        return 0, [v["domain"] for v in json.loads(p.stdout)["vnics"]], ""

    rc_all, everything, err = doms([])
    rc1, web, _ = doms(["-d", "web"])
    rc2, two, err2 = doms(["-d", "web", "--domain", "db"])
    report(rc_all == 0 and rc1 == 0 and rc2 == 0 and set(web or []) == {"web"} and
           set(two or []) == {"web", "db"} and len(two) == everything.count("web") +
           everything.count("db"),
           "map -d web --domain db: every vNIC of both domains, and only theirs",
           "%s %s %s %s %s" % (rc_all, rc2, sorted(set(everything or [])), two, err + err2))
    rc3, same, _ = doms(["-d", "db", "-d", "web", "-d", "web"])
    report(rc3 == 0 and same == two, "the order and repetition of -d do not change the map",
           same)
    p = r.run(base + ["-d", "web", "-d", "no-such-domain"])
    err = p.stderr.decode()
    report(p.returncode == 1 and "no-such-domain" in err and p.stdout == b"",
           "map -d web -d no-such-domain: an error naming it, exit 1", err)
    p = r.run(["map", "--demo", "-d", "web1", "-d", "db2", "--format", "json"])
    got = sorted({v["domain"] for v in json.loads(p.stdout)["vnics"]}) if p.returncode == 0 \
        else p.stderr
    report(got == ["db2", "web1"], "map --demo -d web1 -d db2: both demo domains", got)


# ---- 4. help and version -------------------------------------------------------------------

def options_of(help_text):
    """The long and short options a GOption --help lists."""
    opts = set()
    for line in help_text.splitlines():
        m = re.match(r"^\s+(?:(-\w), )?(--[\w-]+)", line)
        if m:
            opts.add(m.group(2))
            if m.group(1):
                opts.add(m.group(1))
    return opts - {"-h", "--help"}


def usage_blocks(usage):
    """Main usage: each command's lines (its forms and their continuation lines)."""
    blocks = {}
    current = None
    in_commands = False
    for line in usage.splitlines():
        if line == "Commands:":
            in_commands = True
            continue
        if in_commands and not line.strip():
            break
        if not in_commands:
            continue
        m = re.match(r"^  (\w[\w-]*)\b", line)
        if m:
            current = m.group(1)
            blocks.setdefault(current, "")
        if current:
            blocks[current] += line + "\n"
    return blocks


def help_and_version(r):
    rc, main_help, err = r.text(["--help"])
    rc2, main_help2, _ = r.text(["help"])
    rc3, main_h, _ = r.text(["-h"])
    report(rc == 0 and rc2 == 0 and rc3 == 0 and main_help == main_help2 == main_h and
           main_help.startswith("Usage: xcvrmap"),
           "xcvrmap help == xcvrmap --help == xcvrmap -h, on stdout, exit 0",
           describe(rc2, main_help2, err))
    rc, v1, _ = r.text(["-V"])
    rc2, v2, _ = r.text(["--version"])
    report(rc == 0 and rc2 == 0 and v1 == v2 and re.match(r"^xcvrmap \d+\.\d+\.\d+\n$", v1),
           "-V and --version print the version", (v1, v2))
    report("-V, --version" in main_help and "help [COMMAND]" in main_help,
           "the main --help lists -V/--version and help COMMAND", main_help)

    blocks = usage_blocks(main_help)
    report(sorted(blocks) == ["help", "map", "metrics", "module", "nodedev-dumpxml",
                              "nodedev-list", "placement", "pool", "publish", "topo",
                              "watch"],
           "the main usage lists every command and help", sorted(blocks))
    for cmd in ("map", "metrics", "module", "nodedev-dumpxml", "nodedev-list", "placement",
                "pool", "publish", "topo", "watch"):
        rc, own, err = r.text([cmd, "--help"])
        rc2, via_help, _ = r.text(["help", cmd])
        report(rc == 0 and rc2 == 0 and own == via_help and own.startswith("Usage:"),
               "xcvrmap help %s == xcvrmap %s --help" % (cmd, cmd), describe(rc2, via_help, err))
        real = options_of(own)
        block = re.sub(r"`[^`]*`", "", blocks.get(cmd, ""))
        listed = set(re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", block))
        report(real and real == listed,
               "the main usage gives %s the options it really has" % cmd,
               "missing from usage: %s\nnot real: %s" % (sorted(real - listed),
                                                         sorted(listed - real)))
    rc, out, err = r.text(["help", "nosuch"])
    report(rc == 2 and "nosuch" in err and out == "", "help nosuch: unknown command, exit 2",
           describe(rc, out, err))


# ---- 5. one timeout ------------------------------------------------------------------------

def timeouts(r, images, work):
    texts = {}
    for cmd in ("module", "map", "topo"):
        _, out, _ = r.text([cmd, "--help"])
        line = [l.strip() for l in out.splitlines() if l.strip().startswith("--timeout")]
        texts[cmd] = re.sub(r"\s+", " ", line[0]) if line else None
    one = set(texts.values())
    report(len(one) == 1 and None not in one and "default 5" in texts["map"] and
           "0: no deadline" in texts["map"],
           "--timeout: the same text on module, map and topo (default 5, 0: no deadline)",
           texts)
    _, main_help, _ = r.text(["--help"])
    report("default 5, 0 for no deadline" in main_help, "the main --help says it too",
           main_help)

    image = images["eth0"]
    for cmd in [c for c in (["module", "--file", image], ["map", "--demo", "--no-modules"],
                            ["topo", "--demo"]) if demo_map_ok(c)]:
        rc0, out0, err0 = r.text(cmd + ["--timeout", "0"])
        rcn, _, errn = r.text(cmd + ["--timeout", "-1"])
        report(rc0 == 0 and rcn == 2 and "--timeout" in errn,
               "%s: --timeout 0 runs, --timeout -1 is bad usage" % cmd[0],
               describe(rc0, out0, err0 + errn))

    # a module answering in 3 s is within the one default (5 s) — `map`'s was 2 s
    d = os.path.join(work, "slow")
    os.makedirs(d)
    shutil.copy(image, os.path.join(d, "eth0.bin"))
    env = {"XCVR_SHIM_EEPROM_DIR": d, "XCVR_SHIM_NETLINK": "1", "XCVR_SHIM_FAULT": "slow",
           "XCVR_SHIM_SLOW_MS": "3000"}
    rc, out, err = r.text(["module", "eth0"], env=env, shim=True)
    report(rc == 0 and "Identifier" in out,
           "module eth0 answering in 3 s: read within the default deadline",
           describe(rc, out, err))
    rc, out, err = r.text(["module", "eth0", "--timeout", "1"], env=env, shim=True)
    report(rc == 1 and err.count("(timeout)") == 1, "... and --timeout 1 gives up",
           describe(rc, out, err))

    # --timeout bounds the whole command, not each read: four ports answering in 2 s each
    # take 8 s one after the other; with --timeout 3 the command ends near 3 s, the first
    # port read, the second cut short, the others not read at all (all said as timeout)
    for name in ("eth1", "eth2", "eth3"):
        shutil.copy(image, os.path.join(d, name + ".bin"))
    env["XCVR_SHIM_SLOW_MS"] = "2000"
    start = time.monotonic()
    rc, out, err = r.text(["module", "eth0", "eth1", "eth2", "eth3", "--timeout", "3"],
                          env=env, shim=True)
    took = time.monotonic() - start
    report(rc == 1 and took < 3 + 1.5 and out.count("Identifier") == 1 and
           err.count("(timeout)") == 3,
           "module of four slow ports, --timeout 3: ends within the deadline (%.1f s), the "
           "ports left said as timeout" % took, describe(rc, out, err))


# ---- 6. exclusive sources ------------------------------------------------------------------

def exclusive(r, images, opts):
    image = images["eth0"]
    cases = [
        (["module", "eth0", "--all"], "only one of"),
        (["module", "eth0", "--file", image], "only one of"),
        (["module", "eth0", "--demo"], "only one of"),
        (["module", "--all", "--file", image], "only one of"),
        (["module", "--all", "--demo"], "only one of"),
        (["module", "--file", image, "--demo"], "only one of"),
        (["module", "eth0", "--segments", "lower@0+128"], "--segments"),
        (["module", "--demo", "--segments", "lower@0+128"], "--segments"),
        (["module", "eth0", "--root", "/"], "--root"),
        (["module", "--demo", "--eeprom-dir", "/tmp"], "--eeprom-dir"),
        (["module", "--file", image, "--eeprom-dir", "/tmp"], "--eeprom-dir"),
        (["map", "--demo", "-c", "test:///default"], "--demo"),
        (["map", "--demo", "--root", "/"], "--demo"),
        (["map", "--demo", "--ovsdb", ""], "--demo"),
        (["map", "--demo", "--eeprom-dir", "/tmp"], "--demo"),
        (["topo", "--pci"], "--pci"),
        (["topo", "--demo", "--root", "/"], "--demo"),
        (["topo", "--demo", "--ovsdb", "x"], "--demo"),
        (["topo", "--format", "yaml", "lo"], "format"),
    ]
    for args, word in cases:
        rc, out, err = r.text(args)
        ok = rc == 2 and out == "" and err.startswith("xcvrmap ") and word in err
        report(ok, "%s: refused, exit 2, a message" % " ".join(args),
               describe(rc, out, err))


# ---- 7. --demo is deterministic -------------------------------------------------------------

def demo_determinism(r):
    runs = [
        ["map", "--demo"], ["map", "--demo", "--format", "json"],
        ["map", "--demo", "--format", "xml"],
        ["module", "--demo"], ["module", "--demo", "--format", "json"],
        ["module", "--demo", "--format", "xml"],
        ["topo", "--demo"], ["topo", "--demo", "--format", "json"],
    ]
    for args in [a for a in runs if demo_map_ok(a)]:
        a = r.run(args)
        b = r.run(args)
        both = a.stdout + a.stderr + b.stdout + b.stderr
        report(a.returncode == 0 and a.stdout == b.stdout and a.stderr == b.stderr and
               a.stdout and b"xcvrmap-demo-host" not in both and b"/tmp/" not in both,
               "%s: two runs byte-identical, no temporary path" % " ".join(args),
               "exit %s; differ: %s; stdout has a temp path: %s\n%s" % (
                   a.returncode, a.stdout != b.stdout, b"xcvrmap-demo-host" in both,
                   a.stderr.decode(errors="replace")[:1000]))


# ---- 8. module --demo covers the demo host ---------------------------------------------------

def demo_modules(r):
    if not LIBVIRT:
        m = r.run(["module", "--demo", "--format", "json"])
        names = [e["name"] for e in json.loads(m.stdout)["modules"]] if m.returncode == 0 else []
        report(len(names) == 6 and "enp3s0f1" in names and "enp129s0f1" in names,
               "module --demo decodes the six cages of the demo host (no libvirt to compare "
               "with map --demo)", (m.returncode, names))
        return
    p = r.run(["map", "--demo", "--format", "json"])
    m = r.run(["module", "--demo", "--format", "json"])
    if p.returncode != 0 or m.returncode != 0:
        report(False, "map --demo and module --demo run", (p.stderr, m.stderr))
        return
    uplinks = json.loads(p.stdout)["uplinks"]
    entries = json.loads(m.stdout)["modules"]
    names = [e["name"] for e in entries]
    # the map names an uplink by its netdev, or by its PCI address when it has none
    mapped = {(u.get("netdev") or u.get("pci")): u for u in uplinks}
    # a port the map could not read a module of for want of a dump (a DPDK function) has
    # nothing for module --demo to decode; every other uplink must be there
    no_dump = sorted(n for n, u in mapped.items()
                     if (u.get("module_error") or {}).get("code") in ("not-supported", "no-dump"))
    report(sorted(names) == names and set(names) == set(mapped) - set(no_dump) and
           len(names) >= 6,
           "module --demo: the ports of map --demo's uplinks (less %s, no dump)" % no_dump,
           "module --demo: %s\nmap uplinks: %s" % (names, sorted(mapped)))
    report(no_dump == ["0000:81:00.0"], "the only uplink without a dump is the DPDK port",
           no_dump)
    codes = {e["name"]: (e.get("module_error") or {}).get("code") for e in entries}
    report(codes.get("enp3s0f1") == "no-module" and
           sum(1 for c in codes.values() if c is None) == len(names) - 1,
           "module --demo: every module decodes, the empty cage is no-module", codes)
    # the same module in both: the map's summary of each uplink is module --demo's
    same = [n for n in names if codes[n] is None and
            mapped[n].get("module") == next(e for e in entries if e["name"] == n).get("summary")]
    report(len(same) == len(names) - 1, "module --demo and map --demo read the same modules",
           same)
    for fmt in ("text", "json", "xml"):
        rc, out, err = r.text(["module", "--demo", "--format", fmt])
        report(rc == 0 and out, "module --demo --format %s exits 0" % fmt,
               describe(rc, out, err))
    _, out, _ = r.text(["module", "--demo"])
    heads = [l[len("Module "):-1] for l in out.splitlines() if l.startswith("Module ")]
    report(heads == [n for n in names if codes[n] is None],
           "module --demo text: a heading per decoded module", heads)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--xcvrmap", required=True)
    ap.add_argument("--shim", required=True, help="ethtool-ioctl-shim.so")
    ap.add_argument("--corpus", required=True, help="../shared/eeprom-corpus")
    ap.add_argument("--virt-host", help="a libvirt test-driver host XML (with libvirt)")
    ap.add_argument("--ethtool", help="the real ethtool, to compare single-interface text")
    opts = ap.parse_args()

    global LIBVIRT
    LIBVIRT = opts.virt_host is not None
    r = Runner(opts)
    work = tempfile.mkdtemp(prefix="xcvr-cli-test-")
    try:
        images = single_interface(r, opts, work)
        write_errors(r, images)
        domains(r, opts, work)
        help_and_version(r)
        timeouts(r, images, work)
        exclusive(r, images, opts)
        demo_determinism(r)
        demo_modules(r)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
