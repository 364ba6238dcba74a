#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""A libvirt daemon that accepts and never answers (a unix socket of the test's own, given
as -c qemu+unix:///system?socket=PATH): every command that asks libvirt ends at its
--timeout (or the default 5 s) with exit status 1 and an error that says libvirt did not
answer, instead of hanging in virConnectOpen(). No libvirtd is needed. TAP output."""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

n = 0
failed = 0


def ok(cond, what, detail=""):
    global n, failed
    n += 1
    if cond:
        print("ok %d - %s" % (n, what))
    else:
        failed += 1
        print("not ok %d - %s" % (n, what))
        for line in str(detail).splitlines()[:40]:
            print("# " + line)


class SilentDaemon:
    """Accepts every connection, reads nothing, answers nothing, closes nothing."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(path)
        self.sock.listen(64)
        self.held = []
        self.accepted = 0
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            self.held.append(conn)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--xcvrmap", required=True)
    a = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="xcvr-hung-")
    path = os.path.join(tmp, "libvirt-sock")
    daemon = SilentDaemon(path)
    uri = "qemu+unix:///system?socket=" + path

    cases = [
        (["map", "-c", uri, "--timeout", "2"], 2),
        (["map", "-c", uri, "--timeout", "1", "--format", "json"], 1),
        (["map", "-c", uri], 5),
        (["nodedev-list", "-c", uri, "--timeout", "1"], 1),
        (["nodedev-list", "-c", uri, "--timeout", "1", "--annotated"], 1),
        (["nodedev-dumpxml", "-c", uri, "--timeout", "1", "eth0"], 1),
        (["publish", "-c", uri, "--timeout", "1"], 1),
        (["publish", "-c", uri, "--timeout", "1", "--dry-run"], 1),
        # placement has no --timeout of its own: the default deadline of every command
        (["placement", "-c", uri], 5),
    ]
    for args, seconds in cases:
        before = daemon.accepted
        start = time.monotonic()
        try:
            r = subprocess.run([a.xcvrmap] + args, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, universal_newlines=True,
                               timeout=seconds + 20)
        except subprocess.TimeoutExpired:
            ok(False, "%s: ends" % " ".join(args), "still running %d s later" % (seconds + 20))
            continue
        took = time.monotonic() - start
        what = " ".join(a if a != uri else "URI" for a in args)
        ok(daemon.accepted > before, "%s: connected to the silent daemon" % what)
        # the deadline, plus what a loaded machine (and a sanitizer build) needs to start
        ok(seconds - 0.1 <= took <= seconds + 1.5,
           "%s: ends at its deadline (%d s; took %.2f s)" % (what, seconds, took))
        ok(r.returncode == 1, "%s: exit status 1" % what, r.stderr)
        ok("libvirt at '%s' did not answer before the deadline" % uri in r.stderr and
           r.stdout == "", "%s: says libvirt did not answer, prints nothing else" % what,
           r.stdout + r.stderr)

    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
