#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""test-watch-cli.py: `xcvrmap watch` as a command, on real parts (libvirt's test driver
over hosts made by tests/hostgen/hostgen.py, corpus modules, the bundled demo host):

- `--once` writes STATE_DIR/map.json, byte for byte what `map --state-dir STATE_DIR
  --format json` prints for the same sources (the map with the history the cycle saved), valid against the map schema, and exits 0; `--demo --once` likewise;
  `--demo --once --publish` also keeps the annotated node devices as nodedev/NAME.xml;
- an unreachable VM source: `--once` exits 1 saying why, and a map.json already there is
  left as it was;
- a bad --state-dir (under a regular file, a regular file itself) fails clearly (exit 1),
  usage errors exit 2;
- signals: the watch rewriting map.json as fast as it can (the test swaps the uplink's
  module dump between two corpus images all the while) is sent SIGTERM, SIGINT or SIGHUP
  at random moments: it exits 0, says it stopped, map.json is complete and valid, no
  temporary file is left; SIGKILL at random moments still leaves a complete map.json (each
  is replaced by rename), and the next start removes the temporaries a kill left.

Prints PASS/FAIL lines and "N passed, M failed"; exit status 1 when a check failed.
"""
import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

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
    sys.stdout.flush()


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kw)


class Schema:
    def __init__(self, path):
        try:
            import jsonschema
            self.validator = jsonschema.Draft202012Validator(json.load(open(path)))
        except ImportError:
            self.validator = None

    def problems(self, doc):
        if self.validator is None:
            return []
        return [e.message for e in self.validator.iter_errors(doc)]


def load_map(path):
    """The parsed map.json, or the reason it is not a complete JSON document."""
    try:
        with open(path) as f:
            return json.load(f), None
    except (OSError, ValueError) as e:
        return None, str(e)


def temporaries(state):
    return [n for n in os.listdir(state) if ".tmp-" in n]


SPEC = {
    "hostname": "watch-cli",
    "ports": [
        {"name": "enp1s0f0", "pci": "0000:01:00.0", "driver": "ixgbe", "vendor": "0x8086",
         "device": "0x10fb", "mac": "90:e2:ba:00:00:01", "speed": 10000, "operstate": "up",
         "module": "sff8472/amphenol-571540007-sfpp-dac.bin"},
        {"name": "enp1s0f1", "pci": "0000:01:00.1", "driver": "ixgbe", "vendor": "0x8086",
         "device": "0x10fb", "mac": "90:e2:ba:00:00:02", "speed": 10000, "operstate": "up",
         "module": "sff8472/amphenol-616740003-dell-sfpp-dac.bin"},
    ],
    "bonds": [{"name": "bond0", "mode": "active-backup", "members": ["enp1s0f0", "enp1s0f1"],
               "active": "enp1s0f0"}],
    "bridges": [{"name": "br0", "ports": ["bond0"]}],
    "networks": [],
    "domains": [
        {"name": "web1", "state": "running",
         "interfaces": [{"type": "bridge", "source": "br0", "target": "web1-eth0"}]},
        {"name": "db1", "state": "shutoff",
         "interfaces": [{"type": "bridge", "source": "br0", "target": "db1-eth0"}]},
    ],
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--xcvrmap", required=True)
    ap.add_argument("--hostgen", required=True)
    ap.add_argument("--schema", required=True)
    ap.add_argument("--corpus", required=True)
    args = ap.parse_args()
    xcvrmap = os.path.abspath(args.xcvrmap)
    schema = Schema(args.schema)
    work = tempfile.mkdtemp(prefix="xcvr-watch-cli-")
    try:
        run_checks(xcvrmap, args, schema, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


def run_checks(xcvrmap, args, schema, work):
    host = os.path.join(work, "host")
    with open(os.path.join(work, "spec.json"), "w") as f:
        json.dump(SPEC, f)
    r = run([sys.executable, args.hostgen, os.path.join(work, "spec.json"), host])
    if r.returncode != 0:
        report(False, "hostgen made the host", r.stderr)
        return
    sources = ["-c", "test://%s/libvirt.xml" % host, "--root", host, "--ovsdb", "",
               "--eeprom-dir", os.path.join(host, "eeprom")]

    # ---- --once ----
    state = os.path.join(work, "state-once")
    r = run([xcvrmap, "watch", "--once", "--state-dir", state] + sources)
    report(r.returncode == 0, "--once: exit status 0 (got %d)" % r.returncode, r.stderr)
    m = run([xcvrmap, "map", "--format", "json", "--state-dir", state] + sources)
    got = open(os.path.join(state, "map.json")).read() if os.path.exists(
        os.path.join(state, "map.json")) else ""
    report(got == m.stdout and m.stdout != "",
           "--once: map.json is what `map --state-dir STATE --format json` prints for the "
           "same sources",
           got[:1500])
    doc, why = load_map(os.path.join(state, "map.json"))
    report(doc is not None and not schema.problems(doc),
           "--once: map.json is valid against the map schema", why or schema.problems(doc))
    report(doc is not None and sorted({v["domain"] for v in doc["vnics"]}) == ["db1", "web1"]
           and len(doc["uplinks"]) == 2, "--once: both domains and both uplinks mapped",
           json.dumps(doc)[:800])
    report(not temporaries(state), "--once: no temporary file left", os.listdir(state))
    report(os.path.exists(os.path.join(state, "history.json")),
           "--once: the history is kept as history.json", os.listdir(state))

    # a relative --state-dir is the caller's, not the demo tree's
    rel = os.path.join(work, "rel")
    os.mkdir(rel)
    r = run([xcvrmap, "watch", "--demo", "--once", "--state-dir", "st"], cwd=rel)
    report(r.returncode == 0 and os.path.exists(os.path.join(rel, "st", "map.json")),
           "--demo --once: a relative --state-dir is taken from the working directory",
           r.stderr)
    demo_map = run([xcvrmap, "map", "--demo", "--format", "json", "--state-dir",
                    os.path.join(rel, "st")])
    got = open(os.path.join(rel, "st", "map.json")).read() if os.path.exists(
        os.path.join(rel, "st", "map.json")) else ""
    report(got == demo_map.stdout and got != "",
           "--demo --once: map.json is what `map --demo --state-dir ST --format json` prints",
           got[:800])

    # --publish: the annotated node devices of the uplinks
    pub = os.path.join(work, "state-publish")
    r = run([xcvrmap, "watch", "--demo", "--once", "--publish", "--state-dir", pub])
    nodedev = os.path.join(pub, "nodedev")
    names = sorted(os.listdir(nodedev)) if os.path.isdir(nodedev) else []
    report(r.returncode == 0 and any(n.startswith("net_enp129s0f1_") for n in names)
           and "pci_0000_81_00_1.xml" in names,
           "--demo --once --publish: annotated node devices kept as nodedev/NAME.xml",
           r.stderr + "\n" + " ".join(names))
    same = True
    for n in names:
        dev = n[:-len(".xml")]
        want = run([xcvrmap, "nodedev-dumpxml", "--demo", "--state-dir", pub, dev]).stdout
        have = open(os.path.join(nodedev, n)).read()
        if want != have:
            same = False
            report(False, "nodedev/%s is what nodedev-dumpxml --demo prints" % n, have[:800])
            break
    report(same and names, "every nodedev/NAME.xml is what `nodedev-dumpxml --demo "
           "--state-dir STATE NAME` "
           "prints (%d documents)" % len(names))

    # --textfile: what `metrics --state-dir` prints for the same poll, replaced atomically
    st_tf = os.path.join(work, "st-tf")
    prom = os.path.join(work, "metrics.prom")
    r = run([xcvrmap, "watch", "--demo", "--once", "--state-dir", st_tf, "--textfile", prom])
    have = open(prom).read() if os.path.exists(prom) else ""
    want = run([xcvrmap, "metrics", "--demo", "--state-dir", st_tf]).stdout
    report(r.returncode == 0 and have == want and "xcvrmap_link_up{" in have
           and "xcvrmap_alarm_raised_total" in have,
           "--textfile PATH: the metrics of the cycle, with the history's counters, as "
           "`metrics --state-dir` prints them", r.stderr + have[:400])
    report(not temporaries(work), "--textfile: no temporary file left", os.listdir(work))

    # ---- failures ----
    bad_uri = "qemu+unix:///system?socket=%s/no-such-socket" % work
    r = run([xcvrmap, "watch", "--once", "--state-dir", state, "-c", bad_uri,
             "--root", host, "--ovsdb", ""])
    after = open(os.path.join(state, "map.json")).read()
    report(r.returncode == 1 and "no-such-socket" in r.stderr and after == m.stdout,
           "an unreachable libvirt: exit status 1, said, the last map.json kept (got %d)"
           % r.returncode, r.stderr)
    r = run([xcvrmap, "watch", "--once", "--xapi=%s/no-xapi" % work, "--state-dir",
             os.path.join(work, "st-xapi"), "--root", host, "--ovsdb", ""])
    report(r.returncode == 1 and "xcvrmap watch" in r.stderr,
           "--xapi with no xapi: exit status 1 with a message (got %d)" % r.returncode,
           r.stderr)

    plain = os.path.join(work, "plain-file")
    with open(plain, "w") as f:
        f.write("x")
    for d, what in ((os.path.join(plain, "state"), "under a regular file"),
                    (plain, "a regular file")):
        r = run([xcvrmap, "watch", "--demo", "--once", "--state-dir", d])
        report(r.returncode == 1 and "xcvrmap watch:" in r.stderr and d in r.stderr,
               "--state-dir %s: exit status 1, naming it (got %d)" % (what, r.returncode),
               r.stderr)
    for bad, why in ((["--state-dir", ""], "empty --state-dir"),
                     (["--interval", "-1"], "negative --interval"),
                     (["--timeout", "99999"], "--timeout past an hour"),
                     (["--demo", "-c", "test:///default"], "--demo with -c"),
                     (["--demo", "--root", "/"], "--demo with --root"),
                     (["--xapi", "--publish"], "--publish with --xapi"),
                     (["--demo", "extra"], "an argument"),
                     (["--no-such-flag"], "an unknown flag")):
        r = run([xcvrmap, "watch", "--once"] + bad)
        report(r.returncode == 2 and "xcvrmap watch" in r.stderr,
               "usage: %s: exit status 2 (got %d)" % (why, r.returncode), r.stderr)
    r = run([xcvrmap, "help", "watch"])
    flags = ["--connect", "--xapi", "--root", "--ovsdb", "--eeprom-dir", "--no-modules",
             "--demo", "--interval", "--state-dir", "--textfile", "--publish", "--once",
             "--timeout"]
    report(r.returncode == 0 and all(f in r.stdout for f in flags),
           "`xcvrmap help watch` lists every flag", r.stdout)

    # ---- signals ----
    signals_check(xcvrmap, args, schema, work, host, sources)


def swapper(dump, images, stop):
    """Replaces @dump by each of @images in turn (by rename, as a reader must see a whole
    image) until @stop is set."""
    i = 0
    while not stop.is_set():
        tmp = dump + ".swap"
        shutil.copyfile(images[i % len(images)], tmp)
        os.rename(tmp, dump)
        i += 1
        time.sleep(0.005)


def signals_check(xcvrmap, args, schema, work, host, sources):
    dump = os.path.join(host, "eeprom", "enp1s0f0.bin")
    images = [os.path.join(args.corpus, "sff8472", n) for n in
              ("amphenol-571540007-sfpp-dac.bin", "amphenol-616740003-dell-sfpp-dac.bin")]
    stop = threading.Event()
    t = threading.Thread(target=swapper, args=(dump, images, stop))
    t.start()
    rng = random.Random(13)
    try:
        state = os.path.join(work, "state-signals")
        graceful = [signal.SIGTERM] * 8 + [signal.SIGINT] * 2 + [signal.SIGHUP] * 2
        bad = []
        updates = 0
        for sig in graceful:
            p = subprocess.Popen([xcvrmap, "watch", "--interval", "0.01", "--state-dir",
                                  state] + sources,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            time.sleep(rng.uniform(0.3, 1.2))
            p.send_signal(sig)
            try:
                _, err = p.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                _, err = p.communicate()
                bad.append("%s: did not end" % sig.name)
                continue
            updates += err.count("map.json updated")
            doc, why = load_map(os.path.join(state, "map.json"))
            if p.returncode != 0:
                bad.append("%s: exit status %d: %s" % (sig.name, p.returncode, err[-300:]))
            elif "stopped by" not in err:
                bad.append("%s: did not say it stopped: %s" % (sig.name, err[-300:]))
            elif doc is None and "after 0 cycles" in err and not os.path.exists(
                    os.path.join(state, "map.json")):
                pass  # stopped before its first cycle (a slow sanitizer start): nothing to keep
            elif doc is None or schema.problems(doc):
                bad.append("%s: map.json: %s" % (sig.name, why or schema.problems(doc)[:3]))
            elif temporaries(state):
                bad.append("%s: left %s" % (sig.name, temporaries(state)))
        report(not bad, "SIGTERM/SIGINT/SIGHUP at random moments of a watch rewriting "
               "map.json: exit 0, said, map.json complete and valid, nothing left (%d runs)"
               % len(graceful), "\n".join(bad))
        # the runs did rewrite the map (the changing module), or the check proved nothing
        report(updates > len(graceful),
               "the signalled watches were rewriting map.json (%d updates in %d runs)"
               % (updates, len(graceful)))

        bad = []
        for _ in range(8):
            p = subprocess.Popen([xcvrmap, "watch", "--interval", "0.01", "--state-dir",
                                  state] + sources,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.3, 1.0))
            p.kill()
            p.wait()
            doc, why = load_map(os.path.join(state, "map.json"))
            if doc is None or schema.problems(doc):
                bad.append("map.json after SIGKILL: %s" % (why or schema.problems(doc)[:3]))
        report(not bad, "SIGKILL at random moments: map.json always complete and valid "
               "(8 runs)", "\n".join(bad))
    finally:
        stop.set()
        t.join()
    # what a kill may have left is removed by the next start
    with open(os.path.join(state, ".map.json.tmp-KILLED"), "w") as f:
        f.write("{")
    r = run([xcvrmap, "watch", "--once", "--state-dir", state] + sources)
    report(r.returncode == 0 and not temporaries(state),
           "the next start removes temporaries a killed watch left", os.listdir(state))


if __name__ == "__main__":
    sys.exit(main())
