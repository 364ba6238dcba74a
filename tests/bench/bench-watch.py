#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""bench-watch.py: what `xcvrmap watch` costs over many polls of a 64-port host — CPU time
and peak RSS of the process over POLLS cycles (default 1000), and the module requests and
bytes of one poll — beside the cron'd alternative in the same run: one `ethtool -m` per port
per poll (the real ethtool, through the same shim) and one `xcvrmap metrics` per poll (a
full read of every port, nothing cached).

    bench-watch.py --xcvrmap EXE --shim SHIM.so --hostgen HOSTGEN.py --corpus DIR
                   [--ethtool PATH] [--polls N] [--baseline-polls K]

The host (tests/hostgen/hostgen.py): 64 ports, each in a Linux bridge with one running
libvirt test-driver domain on it, modules taken in turn from an SFF-8472 SFP with
diagnostics, an SFF-8636 QSFP28 and a paged CMIS module (completed as
tests/reader/test-reader.py completes them), served over ethtool netlink by the shim
(tests/shim). Modules are read from the kernel only for the host's own sysfs (a --root
copy is never this kernel's), so the watch and `metrics` run in a private mount namespace
with the generated sysfs bound over /sys (root; the benchmark skips otherwise). The watch
runs with `--interval 0.001` (polls back to back: each polls every module and keeps
history.json, map.json and a --textfile; every tenth also lists the domains and walks the
host again, the others keep the walks)
and is stopped after POLLS cycles; the baselines run K polls (default 10) and are given per
poll. A benchmark: it prints figures and fails only when a tool fails.
"""
import argparse
import csv
import importlib.util
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "test_reader", os.path.join(HERE, "..", "reader", "test-reader.py"))
tr = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tr)

MODULES = [
    "sff8472/oem-sfp-10g-t8-10gbase-t-as-sr-dom.bin",
    "sff8636/finisar-ftlc9551repm-qsfp28-100g-sr4.bin",
    "cmis/hisense-def8504-2c02-cmis52-2x100g-aoc-p11.bin",
]
N_PORTS = 64


def host_spec():
    ports, bridges, domains = [], [], []
    for i in range(N_PORTS):
        name = "ens%df%d" % (1 + i // 4, i % 4)
        ports.append({"name": name, "pci": "0000:%02x:00.%d" % (0x10 + i // 4, i % 4),
                      "mac": "00:1b:21:%02x:%02x:00" % (i // 4, i % 4), "speed": 25000,
                      "operstate": "up", "driver": "ice", "vendor": "0x8086",
                      "device": "0x159b", "module": MODULES[i % len(MODULES)]})
        bridges.append({"name": "br%d" % i, "ports": [name]})
        domains.append({"name": "vm%02d" % i, "state": "running", "interfaces": [
            {"type": "bridge", "source": "br%d" % i, "mac": "52:54:00:00:%02x:01" % i}]})
    return {"hostname": "bench-64", "ports": ports, "bridges": bridges, "domains": domains}


def shim_dir(corpus, out, names):
    rows = {r["file"]: r for r in
            csv.DictReader(open(os.path.join(corpus, "index.tsv")), delimiter="\t")}
    d = os.path.join(out, "shim")
    os.makedirs(d)
    for i, name in enumerate(names):
        im = tr.Image(rows[MODULES[i % len(MODULES)]], corpus)
        if im.family == "cmis" and im.ident not in (0x18, 0x19, 0x1b):
            # ethtool 6.1 decodes CMIS for 18h/19h/1Bh only (as bench-polls.py does)
            im.data = b"\x18" + im.data[1:]
        im.write(d, name)
    return d


def shim_env(d, log=None):
    env = dict(os.environ, LC_ALL="C", LD_PRELOAD=a.shim, XCVR_SHIM_EEPROM_DIR=d,
               XCVR_SHIM_NETLINK="1")
    env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0"
    if log:
        env["XCVR_SHIM_LOG"] = log
    else:
        env.pop("XCVR_SHIM_LOG", None)
    return env


def run_watch(cmd, env, polls):
    """Runs the watch until it has finished @polls cycles; (cpu s, peak RSS KiB, wall s)."""
    env = dict(env, G_MESSAGES_DEBUG="all")
    t0 = time.monotonic()
    # GLib prints debug messages on stdout, the rest on stderr
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True)
    done = 0
    for line in p.stdout:
        if "DEBUG" in line and ": cycle " in line:
            done = int(line.split(": cycle ")[1].split()[0])
            if done >= polls:
                p.send_signal(signal.SIGTERM)
                break
    p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - t0
    if done < polls or p.returncode != 0:
        raise RuntimeError("watch stopped after %d cycles (exit %d)" % (done, p.returncode))
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss, wall


def run_once(cmd, env):
    """Runs @cmd to its end; (cpu s, peak RSS KiB)."""
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("%s failed" % " ".join(cmd))
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss


def in_host(host, cmd):
    """@cmd with the generated sysfs as /sys, in a mount namespace of its own."""
    return ["unshare", "-m", "--propagation", "private", "sh", "-c",
            'mount --bind "$0/sys" /sys && exec "$@"', host] + cmd


def count_log(log):
    reqs = [q for q in tr.read_log(log) if q.is_read]
    return len(reqs), sum(q.bytes_served() for q in reqs)


ap = argparse.ArgumentParser()
ap.add_argument("--xcvrmap", required=True)
ap.add_argument("--shim", required=True)
ap.add_argument("--hostgen", required=True)
ap.add_argument("--corpus", required=True)
ap.add_argument("--ethtool", default="/usr/sbin/ethtool")
ap.add_argument("--polls", type=int, default=1000)
ap.add_argument("--baseline-polls", type=int, default=10)
a = ap.parse_args()
if os.geteuid() != 0 or subprocess.run(["unshare", "-m", "true"]).returncode != 0:
    print("SKIP: needs root and a mount namespace (the generated sysfs over /sys)")
    sys.exit(77)

with tempfile.TemporaryDirectory(prefix="xcvr-bench-watch.") as tmp:
    host = os.path.join(tmp, "host")
    spec_file = os.path.join(tmp, "spec.json")
    with open(spec_file, "w") as f:
        json.dump(host_spec(), f)
    subprocess.run([sys.executable, a.hostgen, spec_file, host], check=True,
                   stdout=subprocess.DEVNULL)
    names = [p["name"] for p in host_spec()["ports"]]
    d = shim_dir(a.corpus, tmp, names)
    src = ["-c", "test://" + os.path.join(host, "libvirt.xml"), "--ovsdb", ""]
    state = os.path.join(tmp, "state")
    watch = in_host(host, [a.xcvrmap, "watch"]) + src + ["--interval", "0.001", "--state-dir", state,
                                          "--textfile", os.path.join(tmp, "xcvrmap.prom")]

    # bus cost: a run of 1 cycle (every module read in full) and one of 11 (then 10 polls),
    # each from a fresh state directory
    log1, log11 = os.path.join(tmp, "watch1.log"), os.path.join(tmp, "watch11.log")
    run_watch(watch[:-4] + ["--state-dir", state + "1"] + watch[-2:], shim_env(d, log1), 1)
    run_watch(watch[:-4] + ["--state-dir", state + "11"] + watch[-2:], shim_env(d, log11), 11)
    full_req, full_bytes = count_log(log1)
    n11, b11 = count_log(log11)
    poll_req, poll_bytes = (n11 - full_req) / 10, (b11 - full_bytes) / 10

    cpu, rss, wall = run_watch(watch, shim_env(d), a.polls)

    # baseline 1: one ethtool -m per port per poll (its RSS: the largest of one process)
    elog = os.path.join(tmp, "ethtool.log")
    eth_cpu = eth_rss = 0
    t0 = time.monotonic()
    for k in range(a.baseline_polls):
        for n in names:
            c, r = run_once([a.ethtool, "-m", n], shim_env(d, elog if k == 0 else None))
            eth_cpu += c
            eth_rss = max(eth_rss, r)
    eth_cpu /= a.baseline_polls
    eth_wall = (time.monotonic() - t0) / a.baseline_polls
    eth_req, eth_bytes = count_log(elog)

    # baseline 2: one `xcvrmap metrics` per poll (a full read of every port)
    met_cpu = met_rss = 0
    t0 = time.monotonic()
    for k in range(a.baseline_polls):
        c, r = run_once(in_host(host, [a.xcvrmap, "metrics"] + src), shim_env(d))
        met_cpu += c
        met_rss = max(met_rss, r)
    met_cpu /= a.baseline_polls
    met_wall = (time.monotonic() - t0) / a.baseline_polls

print("host: %d ports (SFF-8472, SFF-8636, CMIS in turn), %d running domains, shim over "
      "ethtool netlink" % (N_PORTS, N_PORTS))
print("%-34s %10s %12s %12s %14s %14s" % ("", "CPU ms/poll", "wall ms/poll", "peak RSS",
                                          "requests/poll", "bytes/poll"))
print("%-34s %10.2f %12.2f %9.1f MB %14.1f %14.1f" % (
    "watch, %d polls (CPU %.1f s)" % (a.polls, cpu), cpu * 1000 / a.polls,
    wall * 1000 / a.polls, rss / 1024, poll_req, poll_bytes))
print("%-34s %10s %12s %12s %14d %14d" % ("watch, its first (full) read", "", "", "",
                                         full_req, full_bytes))
print("%-34s %10.2f %12.2f %9.1f MB %14d %14d" % (
    "64 x ethtool -m, %d polls" % a.baseline_polls, eth_cpu * 1000, eth_wall * 1000,
    eth_rss / 1024, eth_req, eth_bytes))
print("%-34s %10.2f %12.2f %9.1f MB %14s %14s" % (
    "xcvrmap metrics per poll, %d polls" % a.baseline_polls, met_cpu * 1000,
    met_wall * 1000, met_rss / 1024, "(as full)", "(as full)"))
print("ethtool's RSS is one process's (64 run per poll); every watch poll also reads the "
      "link states and writes map.json, history.json and the textfile; every tenth lists "
      "the domains and walks the host again (the others keep the walks)")
