#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""fake-ovsdb.py: unix-socket peers that misbehave the ways tests/ovs/test-ovsdb.sh needs,
to check how xcvr_ovs_open() copes with a server that is not a healthy ovsdb-server.

Usage: fake-ovsdb.py DIR MODE...
Serves each MODE on DIR/fake-MODE.sock from a thread of its own (one interpreter start for
all of them: they are slow on a loaded machine), prints "ready" on stdout once every socket
can be connected to (or, for "refuse", exists with nobody listening), and runs until killed.
A client that breaks the protocol is reported on stderr.

Modes:
  hang       accept, read, never answer
  refuse     bind, do not listen (connect() gets ECONNREFUSED)
  garbage    answer with bytes that are not JSON
  close      accept, read, close without answering
  echo       send an echo request first, check the client's echo reply, then answer the
             transact with one bridge/port/interface in small pieces with pauses between them
  rpc-error  answer with a JSON-RPC error
  op-error   answer with an ovsdb operation error for the second select
  other-id   answer with a reply to another id and a notification, then the right reply
  flood      send an endless JSON string (the reader must stop at its size cap)
"""
import json
import os
import socket
import sys
import threading
import time

ROWS = [
    [{"_uuid": ["uuid", "b1"], "name": "br9", "datapath_type": "",
      "ports": ["set", [["uuid", "p1"]]]}],
    [{"_uuid": ["uuid", "p1"], "name": "eth9", "interfaces": ["uuid", "i1"],
      "tag": ["set", []], "trunks": ["set", []], "bond_mode": ["set", []],
      "bond_active_slave": ["set", []], "lacp": ["set", []], "fake_bridge": False}],
    [{"_uuid": ["uuid", "i1"], "name": "eth9", "type": "", "options": ["map", []],
      "external_ids": ["map", [["attached-mac", "52:54:00:00:00:99"]]],
      "mac_in_use": "52:54:00:00:00:99", "link_state": "up"}],
]


def read_request(conn):
    """Reads until one complete JSON object arrived; returns it parsed."""
    buf = b""
    dec = json.JSONDecoder()
    while True:
        chunk = conn.recv(65536)
        if not chunk:
            raise SystemExit("fake-ovsdb: client closed before a full request")
        buf += chunk
        try:
            obj, _ = dec.raw_decode(buf.decode())
            return obj
        except ValueError:
            continue


def send(conn, obj):
    conn.sendall(json.dumps(obj).encode())


def serve(mode, conn):
    if mode == "hang":
        read_request(conn)
        time.sleep(60)
        return
    if mode == "close":
        read_request(conn)
        return
    req = read_request(conn)
    if req.get("method") != "transact" or req["params"][0] != "Open_vSwitch":
        raise SystemExit("fake-ovsdb: unexpected request %r" % req)
    rid = req["id"]
    if mode == "garbage":
        conn.sendall(b"HTTP/1.0 400 Bad Request\r\n\r\n")
        time.sleep(1)
    elif mode == "rpc-error":
        send(conn, {"id": rid, "result": None,
                    "error": {"error": "unknown database",
                              "details": "transact request specifies unknown database"}})
    elif mode == "op-error":
        send(conn, {"id": rid, "error": None,
                    "result": [{"rows": []},
                               {"error": "syntax error",
                                "details": "bond_active_member is not a valid column name"},
                               {"rows": []}]})
    elif mode == "other-id":
        send(conn, {"id": rid + 1000, "result": [], "error": None})
        send(conn, {"method": "update", "params": [None, {}], "id": None})
        send(conn, {"id": rid, "error": None, "result": [{"rows": r} for r in ROWS]})
    elif mode == "echo":
        send(conn, {"method": "echo", "params": ["probe"], "id": "echo"})
        reply = read_request(conn)
        if reply != {"id": "echo", "result": ["probe"], "error": None}:
            raise SystemExit("fake-ovsdb: bad echo reply %r" % reply)
        text = json.dumps({"id": rid, "error": None,
                           "result": [{"rows": r} for r in ROWS]}).encode()
        # Pieces that cut through strings, escapes and numbers: the reader must reassemble.
        for i in range(0, len(text), 7):
            conn.sendall(text[i:i + 7])
            time.sleep(0.001)
    elif mode == "flood":
        conn.sendall(b'{"id": 1, "result": "')
        chunk = b"x" * 1048576
        try:
            while True:
                conn.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
    else:
        raise SystemExit("fake-ovsdb: unknown mode " + mode)


def serve_forever(mode, sock):
    while True:
        conn, _ = sock.accept()
        with conn:
            try:
                serve(mode, conn)
            except SystemExit as e:
                print(e, file=sys.stderr, flush=True)
            except OSError:
                pass


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    directory = sys.argv[1]
    socks = []
    for mode in sys.argv[2:]:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.bind(os.path.join(directory, "fake-%s.sock" % mode))
        if mode != "refuse":
            sock.listen(4)
            threading.Thread(target=serve_forever, args=(mode, sock), daemon=True).start()
        socks.append(sock)
    print("ready", flush=True)
    while True:
        time.sleep(60)


if __name__ == "__main__":
    main()
