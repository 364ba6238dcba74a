#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""A libvirtd that changes under its client in the middle of a session: a unix-socket proxy
in front of the real daemon's socket that relays libvirt's RPC both ways, and
  --stall PROC[,PROC…]   when the client calls one of these procedures, stops relaying
                         that connection and holds it open (the daemon never answers, as
                         a daemon stuck on a lock would not);
  --before PROC CMD      the first time the client calls PROC, runs the shell command CMD
                         (say, `virsh undefine` of a domain the client has listed) and
                         only then relays the call.

Usage: stall-proxy.py LISTEN UPSTREAM [--stall PROCS] [--before PROC CMD]
  PROC: remote protocol procedure numbers (remote_protocol.x: 264 DOMAIN_SET_METADATA,
  265 DOMAIN_GET_METADATA). Each message's header is length, program, version,
  procedure, type, serial, status (XDR, big-endian, 4 bytes each; RFC 4506 / libvirt's
  virnetprotocol.x). Prints "ready" once listening; runs until killed.
"""

import argparse
import os
import socket
import struct
import subprocess
import sys
import threading

REMOTE_PROGRAM = 0x20008086


def pump_server(upstream, client):
    try:
        while True:
            data = upstream.recv(65536)
            if not data:
                break
            client.sendall(data)
    except OSError:
        pass


hook_lock = threading.Lock()
hook_done = []


def serve(client, upstream_path, stall_procs, before, held):
    upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    upstream.connect(upstream_path)
    threading.Thread(target=pump_server, args=(upstream, client), daemon=True).start()
    buf = b""
    try:
        while True:
            data = client.recv(65536)
            if not data:
                break
            buf += data
            # forward whole messages only, so the stalled call never reaches the daemon
            while len(buf) >= 4:
                (length,) = struct.unpack(">I", buf[:4])
                if length < 28 or len(buf) < length:
                    break
                msg, buf = buf[:length], buf[length:]
                prog, _vers, proc = struct.unpack(">III", msg[4:16])
                if prog == REMOTE_PROGRAM and proc in stall_procs:
                    held.append((client, upstream))
                    return
                if prog == REMOTE_PROGRAM and before and proc == before[0]:
                    with hook_lock:
                        if not hook_done:
                            hook_done.append(proc)
                            subprocess.run(before[1], shell=True)
                upstream.sendall(msg)
    except OSError:
        pass
    upstream.close()
    client.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("listen")
    ap.add_argument("upstream")
    ap.add_argument("--stall", default="")
    ap.add_argument("--before", nargs=2, metavar=("PROC", "CMD"))
    a = ap.parse_args()
    listen, upstream_path = a.listen, a.upstream
    stall_procs = {int(p) for p in a.stall.split(",") if p}
    before = (int(a.before[0]), a.before[1]) if a.before else None
    held = []
    if os.path.exists(listen):
        os.unlink(listen)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(listen)
    sock.listen(16)
    print("ready", flush=True)
    while True:
        client, _ = sock.accept()
        threading.Thread(target=serve, args=(client, upstream_path, stall_procs, before, held),
                         daemon=True).start()


if __name__ == "__main__":
    main()
