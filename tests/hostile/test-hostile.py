#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""test-hostile.py: `xcvrmap map`, `topo` and `module --eeprom-dir` on a generated host that
an attacker (or an unlucky admin) has tampered with.

A small host comes from tests/hostgen/hostgen.py (hostile-host.json: a bond under a bridge,
a plain bridge, a VLAN under a bridge, a macvtap that is not created yet). Each case copies
it and plants one thing: FIFOs, links to /dev/zero and /dev/urandom, huge sparse files,
symbolic-link loops, a 100 000-deep VLAN chain, control bytes and invalid UTF-8 in netdev
names, netdevs that vanish while the walk runs, a vanished active bond member, an index.tsv
in the dump directory's parent, FIFO and /dev/zero sidecars and dumps. Every command runs
under a hard outer timeout and a memory watchdog, and each case asserts:

  - it ends (no hang: the outer timeout is a failure), without dying of a signal;
  - its peak RSS (getrusage of the child) stays under --max-rss MiB;
  - JSON output is valid UTF-8 and parses;
  - the damage stays with its item: the vNICs the case does not touch map as before.

Then `map --demo` interrupted by SIGINT, SIGTERM and SIGHUP leaves no temporary tree.

Prints PASS/FAIL lines and "N passed, M failed"; exit status 1 when a check failed.
"""
import argparse
import fcntl
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import termios
import threading
import time

passed = 0
failed = 0
args = None
HOST = None          # the pristine generated host (a dict from host.json, plus "_dir")
BASE_STATUS = {}     # domain → status in the pristine host


def report(ok, name, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("PASS: " + name)
    else:
        failed += 1
        print("FAIL: " + name)
        for line in str(detail).splitlines()[:30]:
            print("    " + line)
    sys.stdout.flush()


class Result:
    def __init__(self):
        self.rc = None
        self.out = b""
        self.err = b""
        self.timed_out = False
        self.memory_killed = False
        self.maxrss_mb = 0.0
        self.seconds = 0.0

    def problems(self):
        """What is wrong whatever the command: a hang, a crash, memory."""
        p = []
        if self.timed_out:
            p.append("still running after %.0f s: killed (a hang)" % args.hard_timeout)
        if self.memory_killed:
            p.append("RSS past %d MiB: killed" % (2 * args.max_rss))
        elif self.maxrss_mb > args.max_rss:
            p.append("peak RSS %.0f MiB, more than %d MiB" % (self.maxrss_mb, args.max_rss))
        if self.rc is not None and self.rc < 0 and not (self.timed_out or self.memory_killed):
            p.append("died of signal %d" % -self.rc)
        return p

    def text(self):
        return "rc %s, %.2f s, %.0f MiB\nstderr: %s" % (
            self.rc, self.seconds, self.maxrss_mb, self.err.decode("utf-8", "replace")[-1500:])


def rss_mb(pid):
    try:
        with open("/proc/%d/statm" % pid) as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def run(cmd, limit=None, env=None, stdout=None):
    """Runs @cmd to its end or until the hard timeout, watching its memory."""
    limit = limit or args.hard_timeout
    r = Result()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=stdout or out, stderr=err,
                             env=env)
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid != 0:
                break
            if rss_mb(p.pid) > 2 * args.max_rss:
                r.memory_killed = True
                p.kill()
            elif time.monotonic() - start > limit:
                r.timed_out = True
                p.kill()
            else:
                time.sleep(0.005)
                continue
            pid, status, ru = os.wait4(p.pid, 0)
            break
        r.seconds = time.monotonic() - start
        r.rc = os.waitstatus_to_exitcode(status)
        p.returncode = r.rc
        r.maxrss_mb = ru.ru_maxrss / 1024.0
        out.seek(0)
        err.seek(0)
        r.out = out.read()
        r.err = err.read()
    return r


def parse_json(r):
    """(document, problem): JSON output that is strict UTF-8 and parses."""
    try:
        text = r.out.decode("utf-8", "strict")
    except UnicodeDecodeError as e:
        return None, "output is not valid UTF-8: %s" % e
    try:
        return json.loads(text), None
    except ValueError as e:
        return None, "output is not JSON: %s" % e


# ---- the host and its copies ----

def copy_host(name):
    dst = os.path.join(args.work, name)
    shutil.copytree(HOST["_dir"], dst, symlinks=True)
    return dst


def netdev_dir(root, name):
    return os.path.realpath(os.path.join(root, "sys/class/net", name))


def plant_fifo(path):
    if os.path.lexists(path):
        os.unlink(path)
    os.mkfifo(path)


def plant_link(path, target):
    if os.path.lexists(path):
        os.unlink(path)
    os.symlink(target, path)


def plant_sparse(path, size):
    if os.path.lexists(path):
        os.unlink(path)
    with open(path, "wb") as f:
        f.truncate(size)


def run_map(root, libvirt=None, extra=()):
    return run([args.xcvrmap, "map", "-c", "test://" + (libvirt or os.path.join(root, "libvirt.xml")),
                "--root", root, "--eeprom-dir", os.path.join(root, "eeprom"), "--ovsdb", "",
                "--format", "json"] + list(extra))


def check_map(label, root, touched=(), libvirt=None, more=None, extra=()):
    """map ends, within memory, with valid JSON; the vNICs of domains not in @touched have
    the pristine status. @more(doc) returns a list of further problems."""
    if not args.map:
        return None
    r = run_map(root, libvirt, extra)
    problems = r.problems()
    doc = None
    if not problems:
        doc, bad = parse_json(r)
        if bad:
            problems.append(bad)
        elif r.rc != 0:
            problems.append("exit status %d" % r.rc)
    if doc is not None:
        for v in doc["vnics"]:
            want = BASE_STATUS.get(v["domain"])
            if v["domain"] not in touched and v["status"] != want:
                problems.append("%s: %s (%s), untouched, was %s" % (v["domain"], v["status"],
                                                                   v["reason"], want))
        if more is not None:
            problems += more(doc)
    report(not problems, "map: " + label, "\n".join(problems) + "\n" + r.text())
    return doc


def check_topo(label, root, netdev, want_rc=0, want_err=None):
    r = run([args.xcvrmap, "topo", "--root", root, netdev])
    problems = r.problems()
    if not problems and r.rc != want_rc:
        problems.append("exit status %d, expected %d" % (r.rc, want_rc))
    if not problems and want_err is not None and want_err not in r.err.decode("utf-8", "replace"):
        problems.append("stderr does not say %r" % want_err)
    report(not problems, "topo: " + label, "\n".join(problems) + "\n" + r.text())


def check_module(label, eeprom_dir, iface, want_rc, want_err=None, same_as=None):
    r = run([args.xcvrmap, "module", "--eeprom-dir", eeprom_dir, "--format", "json", iface])
    problems = r.problems()
    if not problems and r.rc != want_rc:
        problems.append("exit status %d, expected %d" % (r.rc, want_rc))
    err = r.err.decode("utf-8", "replace")
    if not problems and want_err is not None and want_err not in err:
        problems.append("stderr does not say %r" % want_err)
    if not problems and r.out:
        _, bad = parse_json(r)
        if bad:
            problems.append(bad)
    if not problems and same_as is not None and r.out != same_as:
        problems.append("decoded differently from the untouched directory")
    report(not problems, "module --eeprom-dir: " + label, "\n".join(problems) + "\n" + r.text())
    return r


def uplink(doc, name):
    return next((u for u in doc["uplinks"] if (u["netdev"] or u["pci"]) == name), None)


def vnic(doc, domain):
    return next((v for v in doc["vnics"] if v["domain"] == domain), None)


def module_error_code(name):
    def more(doc):
        u = uplink(doc, name)
        code = ((u or {}).get("module_error") or {}).get("code")
        if u is None or u["module"] is not None or code != "io":
            return ["%s: module error %s, expected a read error (io)" % (
                name, (u or {}).get("module_error"))]
        return []
    return more


# ---- the cases ----

def case_sysfs_files():
    # a FIFO in place of an attribute: open() must not wait for a writer
    root = copy_host("fifo-operstate")
    plant_fifo(os.path.join(netdev_dir(root, "hp2"), "operstate"))
    plant_fifo(os.path.join(netdev_dir(root, "hp2"), "speed"))

    def no_state(doc):
        u = uplink(doc, "hp2")
        return [] if u is not None and (u["link"] or {}).get("state") is None else \
            ["hp2: link %s read from a FIFO" % (u or {}).get("link")]
    check_map("a FIFO as operstate and speed", root, more=no_state)
    check_topo("a FIFO as operstate and speed", root, "tplain0")

    # links to endless devices: at most a page is read, and a link is not followed
    root = copy_host("zero-attrs")
    plant_link(os.path.join(netdev_dir(root, "hp2"), "operstate"), "/dev/zero")
    plant_link(os.path.join(netdev_dir(root, "hp0"), "speed"), "/dev/urandom")
    plant_link(os.path.join(netdev_dir(root, "tbond0"), "uevent"), "/dev/zero")
    check_map("operstate -> /dev/zero, speed -> /dev/urandom, uevent -> /dev/zero", root,
              touched=("vm-bond",))
    check_topo("uevent -> /dev/zero", root, "tbond0")

    # a huge sparse attribute costs a stat(), not its size
    root = copy_host("sparse-attr")
    plant_sparse(os.path.join(netdev_dir(root, "hp2"), "uevent"), 8 << 30)
    plant_sparse(os.path.join(netdev_dir(root, "hbr1"), "ifindex"), 8 << 30)
    check_map("an 8 GiB sparse uevent and ifindex", root, touched=("vm-plain",))
    check_topo("an 8 GiB sparse uevent", root, "tplain0")

    # symbolic-link loops: an attribute, a netdev, a lower link
    root = copy_host("loops")
    plant_link(os.path.join(netdev_dir(root, "hp2"), "operstate"), "operstate")
    plant_link(os.path.join(root, "sys/class/net/hloop"), "hloop")
    plant_link(os.path.join(netdev_dir(root, "hp3.100"), "lower_hp3.100"), "../hp3.100")
    check_map("link loops (an attribute, a netdev, a lower_ link to itself)", root)
    check_topo("a netdev that is a link to itself", root, "hloop", want_rc=1)


def case_procfs():
    root = copy_host("zero-vlan-config")
    plant_link(os.path.join(root, "proc/net/vlan/config"), "/dev/zero")
    check_map("/proc/net/vlan/config -> /dev/zero", root)
    check_topo("/proc/net/vlan/config -> /dev/zero", root, "tvlan0")

    root = copy_host("fifo-vlan-config")
    plant_fifo(os.path.join(root, "proc/net/vlan/config"))
    check_map("/proc/net/vlan/config a FIFO", root)

    root = copy_host("sparse-vlan-config")
    plant_sparse(os.path.join(root, "proc/net/vlan/config"), 64 << 30)
    check_topo("/proc/net/vlan/config a 64 GiB sparse file", root, "tvlan0")

    # bonding facts from /proc when sysfs lacks them: a FIFO there
    root = copy_host("fifo-bonding")
    bond = netdev_dir(root, "hbond0")
    for attr in ("bonding/mode", "bonding/active_slave"):
        os.unlink(os.path.join(bond, attr))
    os.makedirs(os.path.join(root, "proc/net/bonding"), exist_ok=True)
    plant_fifo(os.path.join(root, "proc/net/bonding/hbond0"))
    check_map("/proc/net/bonding/BOND a FIFO (sysfs without the mode)", root,
              touched=("vm-bond",))


def case_deep_chain():
    """A VLAN on a VLAN on … --chain deep, the bottom one on hp2: no kernel stacks more than
    8 (MAX_NEST_DEV); the walk gives up on that vNIC with a clear error."""
    root = copy_host("deep-chain")
    net = os.path.join(root, "sys/class/net")
    lines = []
    prev = "hp2"
    for i in range(args.chain):
        name = "hv%d" % i
        os.mkdir(os.path.join(net, name))
        lines.append("%-15s| %d  | %s\n" % (name, i % 4094 + 1, prev))
        prev = name
    with open(os.path.join(root, "proc/net/vlan/config"), "a") as f:
        f.writelines(lines)
    check_topo("a %d-deep VLAN chain" % args.chain, root, prev, want_rc=1, want_err="stacked")

    # the not-yet-created macvtap of vm-direct sits on the top of the chain
    with open(os.path.join(root, "libvirt.xml")) as f:
        xml = f.read()
    with open(os.path.join(root, "libvirt-chain.xml"), "w") as f:
        f.write(xml.replace("dev='hp3'", "dev='%s'" % prev).replace('dev="hp3"', 'dev="%s"' % prev))

    def chain_error(doc):
        v = vnic(doc, "vm-direct")
        if v is None or v["status"] != "error" or "stacked" not in (v["reason"] or ""):
            return ["vm-direct on the chain: %s" % json.dumps(v)[:400]]
        return []
    # listing 100 000 netdevs takes seconds in a loaded sanitizer build: a deadline of 15 s
    # (still below the hard timeout) keeps the other vNICs' answers out of the 5 s default's
    # reach; the depth bound, not the deadline, is what this case tests
    check_map("a %d-deep VLAN chain under one vNIC" % args.chain, root, touched=("vm-direct",),
              libvirt=os.path.join(root, "libvirt-chain.xml"), more=chain_error,
              extra=("--timeout", "15"))


def case_names():
    """Control bytes and invalid UTF-8 in netdev names the walk reads."""
    root = copy_host("names")
    evil = b"ev\x1b[2J\xff\x9b\n\t"
    net = os.path.join(root, "sys/class/net").encode()
    # another port of hbr1, beside hp2: read by the walk, a dead end
    d = os.path.join(net, evil)
    os.mkdir(d)
    with open(os.path.join(d, b"ifindex"), "w") as f:
        f.write("99\n")
    with open(os.path.join(d, b"tun_flags"), "w") as f:
        f.write("0x1002\n")
    brif = os.path.join(netdev_dir(root, "hbr1").encode(), b"brif")
    os.symlink(b"../../" + evil + b"/brport", os.path.join(brif, evil))
    check_map("a bridge port named with ESC, 0xff, U+009B bytes, newline, tab", root)
    check_topo("a bridge port named with control bytes and 0xff", root, "tplain0")
    if not args.names_on_path:
        return

    # the same name on vm-vlan's path, so that it is printed: hbr2 → EVIL → hp3
    root = copy_host("names-on-path")
    net = os.path.join(root, "sys/class/net").encode()
    d = os.path.join(net, evil)
    os.mkdir(d)
    os.symlink(b"../hp3", os.path.join(d, b"lower_hp3"))
    brif = os.path.join(netdev_dir(root, "hbr2").encode(), b"brif")
    os.unlink(os.path.join(brif, b"hp3.100"))
    os.symlink(b"../../" + evil + b"/brport", os.path.join(brif, evil))
    check_map("a netdev on the path named with control bytes and 0xff: JSON is UTF-8", root,
              touched=("vm-vlan",))
    base = [args.xcvrmap, "map", "-c", "test://" + os.path.join(root, "libvirt.xml"),
            "--root", root, "--eeprom-dir", os.path.join(root, "eeprom"), "--ovsdb", ""]
    if args.map:
        check_terminal("map text: a netdev named with control bytes is escaped", run(base),
                       want=evil_escaped)
        check_xml("map XML: a netdev named with control bytes, valid UTF-8 and well formed",
                  run(base + ["--format", "xml"]))
    # topo prints the path hop by hop, with the name given on the command line
    check_terminal("topo text: a path through a netdev named with control bytes is escaped",
                   run([args.xcvrmap, "topo", "--root", root, "--ovsdb", "", "hbr2"]),
                   want=evil_escaped)
    check_terminal("topo text: a start named with control bytes is escaped on stderr",
                   run([args.xcvrmap, "topo", "--root", root, "--ovsdb", "", b"x" + evil]),
                   want=None)
    # module: the heading of each port, and the error line of one that cannot be read
    edir = os.path.join(args.work, "names-eeprom")
    os.makedirs(edir, exist_ok=True)
    src = os.path.join(root, "eeprom")
    bins = sorted(f for f in os.listdir(src) if f.endswith(".bin"))
    if bins:
        shutil.copy(os.path.join(src, bins[0]), os.path.join(edir.encode(), evil + b".bin"))
        shutil.copy(os.path.join(src, bins[0]), os.path.join(edir, "eth0.bin"))
        check_terminal("module text: the heading of a port named with control bytes is escaped",
                       run([args.xcvrmap, "module", "--eeprom-dir", edir, evil, "eth0",
                            b"nosuch" + evil]), want=evil_escaped,
                       allowed="\n\t")  # ethtool's own layout has tabs
        check_xml("module XML: a port named with control bytes, valid UTF-8 and well formed",
                  run([args.xcvrmap, "module", "--eeprom-dir", edir, "--format", "xml", evil,
                       "eth0"]))
        r = run([args.xcvrmap, "module", "--eeprom-dir", edir, "--format", "json", evil,
                 b"nosuch" + evil])
        doc, bad = parse_json(r)
        names = [m.get("name") for m in (doc or {}).get("modules", [])]
        report(not bad and not r.problems() and evil_escaped in names,
               "module JSON: a port named with control bytes is written as \\xHH",
               (bad or "") + "\n" + repr(names) + "\n" + r.text())


# xcvr_escape_text() of the hostile name
evil_escaped = "ev\\x1b[2J\\xff\\x9b\\x0a\\x09"


def raw_controls(data, what, allowed="\n"):
    """What is wrong with @data (bytes) on a terminal: not UTF-8, or a raw control or bidi
    character other than the newline ending each line (and the @allowed ones)."""
    try:
        text = data.decode("utf-8", "strict")
    except UnicodeDecodeError as e:
        return ["%s is not UTF-8: %s" % (what, e)]
    raw = [c for c in text if (ord(c) < 0x20 and c not in allowed) or 0x7f <= ord(c) < 0xa0
           or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"]
    return ["raw control characters in %s: %r" % (what, sorted(set(raw)))] if raw else []


def check_terminal(label, r, want=None, allowed="\n"):
    problems = r.problems()
    problems += raw_controls(r.out, "stdout", allowed) + raw_controls(r.err, "stderr")
    if not problems and want is not None and want not in r.out.decode("utf-8"):
        problems.append("stdout does not show the name as %r" % want)
    report(not problems, label, "\n".join(problems) + "\n" + r.text())


def check_xml(label, r):
    problems = r.problems()
    try:
        r.out.decode("utf-8", "strict")
    except UnicodeDecodeError as e:
        problems.append("not UTF-8: %s" % e)
    xmllint = shutil.which("xmllint")
    if not problems and xmllint is not None:
        p = subprocess.run([xmllint, "--noout", "-"], input=r.out, capture_output=True)
        if p.returncode != 0:
            problems.append("xmllint: " + p.stderr.decode("utf-8", "replace")[:400])
    if not problems:
        problems += raw_controls(r.out, "the XML")
    report(not problems, label, "\n".join(problems) + "\n" + r.text())


def case_vanishing():
    """Netdevs and attributes that come and go while the walk runs."""
    root = copy_host("vanishing")
    hp2 = netdev_dir(root, "hp2")
    link = os.path.join(root, "sys/class/net/tplain0")
    target = os.readlink(link)
    stop = threading.Event()

    def churn():
        while not stop.is_set():
            for path in (hp2, ):
                try:
                    os.rename(path, path + ".gone")
                    os.rename(path + ".gone", path)
                except OSError:
                    pass
            try:
                os.unlink(link)
                os.symlink(target, link)
            except OSError:
                pass
    t = threading.Thread(target=churn)
    t.start()
    try:
        for i in range(args.vanish_runs):
            check_map("run %d while hp2 and tplain0 come and go" % (i + 1), root,
                      touched=("vm-plain",))
    finally:
        stop.set()
        t.join()


def case_vanished_bond_member():
    root = copy_host("vanished-member")
    os.unlink(os.path.join(root, "sys/class/net/hp0"))

    def said(doc):
        v = vnic(doc, "vm-bond")
        reason = (v or {}).get("reason") or ""
        if v is None or "hp0" not in reason or "vanished" not in reason:
            return ["vm-bond: the vanished active member is not reported: %s" % json.dumps(v)[:600]]
        if sorted(u["netdev"] for u in v["uplinks"]) != ["hp1"]:
            return ["vm-bond: uplinks %s" % [u["netdev"] for u in v["uplinks"]]]
        return []
    check_map("the active bond member vanished", root, more=said)


def case_eeprom_dir():
    pristine = os.path.join(HOST["_dir"], "eeprom")
    good = run([args.xcvrmap, "module", "--eeprom-dir", pristine, "--format", "json", "hp0"])
    report(good.rc == 0, "module --eeprom-dir on the untouched host", good.text())

    # an index.tsv one level up must not change how the dumps decode
    root = copy_host("parent-index")
    with open(os.path.join(root, "index.tsv"), "w") as f:
        f.write("file\tsegments\neeprom/hp0.bin\tlower@0+64\neeprom/hp2.bin\tnot a map\n")
    check_module("an index.tsv in DIR's parent is not read", os.path.join(root, "eeprom"), "hp0",
                 0, same_as=good.out)
    check_map("an index.tsv in the dump directory's parent", root,
              more=lambda doc: [] if (uplink(doc, "hp2") or {}).get("module") else
              ["hp2: module not decoded: %s" % (uplink(doc, "hp2") or {}).get("module_error")])

    # sidecars: a FIFO, a link to /dev/zero, a huge sparse file
    for label, plant in (("a FIFO", plant_fifo),
                         ("a link to /dev/zero", lambda p: plant_link(p, "/dev/zero")),
                         ("an 8 GiB sparse file", lambda p: plant_sparse(p, 8 << 30))):
        root = copy_host("sidecar-" + label.split()[-1].replace("/", ""))
        eeprom = os.path.join(root, "eeprom")
        plant(os.path.join(eeprom, "hp0.segments"))
        check_module("hp0.segments is %s" % label, eeprom, "hp0", 1, want_err="hp0")
        check_map("hp0.segments is %s" % label, root, more=lambda doc: [] if
                  (uplink(doc, "hp0") or {}).get("module_error") else ["hp0: no module error"])
        plant(os.path.join(eeprom, "index.tsv"))
        check_module("index.tsv is %s" % label, eeprom, "hp2", 1, want_err="index.tsv")

    # dumps: a FIFO or a device is a read error, not an empty cage
    for label, plant in (("a FIFO", plant_fifo),
                         ("a link to /dev/zero", lambda p: plant_link(p, "/dev/zero"))):
        root = copy_host("dump-" + label.split()[-1].replace("/", ""))
        eeprom = os.path.join(root, "eeprom")
        plant(os.path.join(eeprom, "hp2.bin"))
        check_module("hp2.bin is %s" % label, eeprom, "hp2", 1, want_err="not a regular file")
        check_map("hp2.bin is %s" % label, root, more=module_error_code("hp2"))

    root = copy_host("dump-sparse")
    plant_sparse(os.path.join(root, "eeprom", "hp2.bin"), 8 << 30)
    check_module("hp2.bin is an 8 GiB sparse file", os.path.join(root, "eeprom"), "hp2", 1)


def pipe_bytes(fd):
    buf = bytearray(4)
    fcntl.ioctl(fd, termios.FIONREAD, buf)
    return int.from_bytes(buf, sys.byteorder)


def case_demo_signals():
    """`map --demo` stuck writing its output (a full pipe nobody reads) is interrupted."""
    if not args.map:
        return
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        tmp = tempfile.mkdtemp(prefix="xcvr-demo-signal-", dir=args.work)
        env = dict(os.environ, TMPDIR=tmp)
        rfd, wfd = os.pipe()
        try:
            fcntl.fcntl(wfd, 1031, 4096)   # F_SETPIPE_SZ: the smallest pipe
        except OSError:
            pass
        p = subprocess.Popen([args.xcvrmap, "map", "--demo", "--format", "json"],
                             stdin=subprocess.DEVNULL, stdout=wfd, stderr=subprocess.DEVNULL,
                             env=env, restore_signals=True)
        os.close(wfd)
        start = time.monotonic()
        # the tree exists and the output has filled the pipe: map is blocked in write()
        while time.monotonic() - start < args.hard_timeout and p.poll() is None:
            if os.listdir(tmp) and pipe_bytes(rfd) >= 4096:
                break
            time.sleep(0.01)
        stuck = p.poll() is None and bool(os.listdir(tmp))
        time.sleep(0.05)
        p.send_signal(sig)
        try:
            rc = p.wait(timeout=args.hard_timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            rc = p.wait()
        os.close(rfd)
        left = os.listdir(tmp)
        report(stuck and rc == -sig and not left,
               "map --demo killed by %s: dies of it, its temporary tree removed" % sig.name,
               "blocked in write: %s, exit %s, left behind: %s" % (stuck, rc, left))


def sanitized(exe):
    """TRUE when @exe (or the library it was linked with, which ASan builds share) carries
    AddressSanitizer."""
    with open(exe, "rb") as f:
        if b"__asan_init" in f.read():
            return True
    r = subprocess.run(["ldd", exe], capture_output=True, text=True)
    return "libasan" in r.stdout


def main():
    global args, HOST
    p = argparse.ArgumentParser()
    p.add_argument("--xcvrmap", required=True)
    p.add_argument("--hostgen", required=True)
    p.add_argument("--spec", required=True)
    p.add_argument("--no-map", dest="map", action="store_false",
                   help="libxcvrmap-virt is not built: skip the map cases")
    p.add_argument("--hard-timeout", type=float, default=None,
                   help="seconds after which a command counts as hung (20; 60 under ASan)")
    p.add_argument("--max-rss", type=int, default=None,
                   help="MiB of peak RSS allowed (200; 500 under ASan, whose shadow memory "
                        "and quarantine count too)")
    p.add_argument("--chain", type=int, default=100000)
    p.add_argument("--vanish-runs", type=int, default=5)
    p.add_argument("--only", action="append", help="run only these cases")
    p.add_argument("--no-names-on-path", dest="names_on_path", action="store_false",
                   help="skip the hostile name that map, topo and module print")
    args = p.parse_args()
    asan = sanitized(args.xcvrmap)
    if args.hard_timeout is None:
        args.hard_timeout = 60.0 if asan else 20.0
    if args.max_rss is None:
        args.max_rss = 500 if asan else 200

    # a tmpfs when there is one: the deep chain is 100 000 directories
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    args.work = tempfile.mkdtemp(prefix="xcvr-hostile-", dir=base)
    try:
        out = os.path.join(args.work, "host")
        r = subprocess.run([sys.executable, args.hostgen, args.spec, out], capture_output=True,
                           text=True, timeout=300)
        if r.returncode == 77:
            print("SKIP: " + r.stdout + r.stderr)
            return 77
        if r.returncode != 0:
            report(False, "hostgen", r.stdout + r.stderr)
            return 1
        with open(os.path.join(out, "host.json")) as f:
            HOST = json.load(f)
        HOST["_dir"] = out
        for v in HOST["vnics"]:
            BASE_STATUS[v["domain"]] = v["status"]
        check_map("the untouched host", out)

        cases = [case_sysfs_files, case_procfs, case_deep_chain, case_names, case_vanishing,
                 case_vanished_bond_member, case_eeprom_dir, case_demo_signals]
        for case in cases:
            if args.only and case.__name__[len("case_"):] not in args.only:
                continue
            case()
    finally:
        shutil.rmtree(args.work, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
