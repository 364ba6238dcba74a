#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""fake-xapi.py: a stand-in for xapi, for the tests: XML-RPC over HTTP on a unix socket,
serving a pool database of records shaped as XAPI's data model has them (OpaqueRefs, enums
as strings, ints as strings as XenAPI sends them, maps as structs, sets as arrays).

    fake-xapi.py SOCKET POOL.json LOG [--mode normal|hang|garbage|huge]

POOL.json: {"classes": {"VM": {"OpaqueRef:…": {…}}, …},
            "plugins": {"OpaqueRef:host": {"path": "/…/xcvrmap-xapi" | null, "down": false,
                                           "hang": false, "args": {"root": …}}}}
Every call is appended to LOG as one JSON line: {"method", "session", "bytes" (of the
reply body), "plugin_seconds", "plugin_host", "plugin_timeout" (host.call_plugin: how long
the plugin ran, on which host, and the timeout argument the caller gave it)}.
host.call_plugin runs the host's plugin exactly as xapi does: one argv (the methodCall with
the session ref and the args), PATH-only environment, stdin /dev/null, no timeout; a host
"down" answers HOST_OFFLINE, a host without the plugin XENAPI_MISSING_PLUGIN.
Modes: hang accepts and never answers; garbage answers with something that is not XML-RPC;
huge sends an endless body.
"""
import json
import os
import socketserver
import subprocess
import sys
import threading
import time
import uuid
import xmlrpc.client
from http.server import BaseHTTPRequestHandler

SOCKET, POOL, LOG = sys.argv[1], sys.argv[2], sys.argv[3]
MODE = "normal"
if "--mode" in sys.argv:
    MODE = sys.argv[sys.argv.index("--mode") + 1]

with open(POOL) as f:
    pool = json.load(f)
classes = pool["classes"]
plugins = pool.get("plugins", {})
sessions = set()
log_lock = threading.Lock()


def log(entry):
    with log_lock, open(LOG, "a") as f:
        f.write(json.dumps(entry) + "\n")


def ok(value):
    return {"Status": "Success", "Value": value}


def fail(*desc):
    return {"Status": "Failure", "ErrorDescription": [str(d) for d in desc]}


def call_plugin(host, plugin, fn, args):
    entry = plugins.get(host)
    if host not in classes.get("host", {}):
        return fail("HANDLE_INVALID", "host", host)
    if entry is None or entry.get("path") is None or plugin != "xcvrmap":
        return fail("XENAPI_MISSING_PLUGIN", plugin)
    if entry.get("down"):
        return fail("HOST_OFFLINE", host)
    if entry.get("hang"):
        time.sleep(3600)
    merged = dict(entry.get("args", {}))
    merged.update(args)
    # what xapi builds: compact, bare string values, the session ref first
    call = xmlrpc.client.dumps(("OpaqueRef:" + str(uuid.uuid4()), merged), fn)
    call = call.replace("<string>", "").replace("</string>", "").replace("\n", "")
    t0 = time.monotonic()
    p = subprocess.run([entry["path"], call], stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env={"PATH": "/sbin:/usr/sbin:/bin:/usr/bin"})
    local.plugin_seconds = time.monotonic() - t0
    local.plugin_host = host
    local.plugin_timeout = args.get("timeout")
    if p.returncode != 0:
        return fail("XENAPI_PLUGIN_FAILURE", "non-zero exit", p.stdout.decode(errors="replace"),
                    p.stderr.decode(errors="replace"))
    try:
        (result,), _ = xmlrpc.client.loads(p.stdout)
    except Exception as e:  # noqa: BLE001 - xapi reports any parse failure the same way
        return fail("XENAPI_PLUGIN_FAILURE", "failed to parse plugin output",
                    p.stdout.decode(errors="replace"), str(e))
    if result.get("Status") == "Success":
        return ok(result["Value"])
    return fail(*result["ErrorDescription"])


local = threading.local()


def dispatch(method, params):
    if method == "session.login_with_password":
        if params[:2] != ("root", ""):
            return fail("SESSION_AUTHENTICATION_FAILED", params[0] if params else "",
                        "Authentication failure")
        ref = "OpaqueRef:" + str(uuid.uuid4())
        sessions.add(ref)
        return ok(ref)
    if not params or not str(params[0]).startswith("OpaqueRef:"):
        return fail("SESSION_INVALID", params[0] if params else "")
    if method == "session.logout":
        sessions.discard(params[0])
        return ok("")
    cls, _, op = method.partition(".")
    if op == "get_all_records" and cls in classes:
        return ok(classes[cls])
    if op == "get_all_records":
        return ok({})
    if method == "pool.get_all_records":
        return ok(classes.get("pool", {}))
    if method == "host.call_plugin":
        return call_plugin(*params[1:5])
    return fail("MESSAGE_METHOD_UNKNOWN", method)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def address_string(self):
        return "unix"

    def log_message(self, *args):
        pass

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n)
        if MODE == "hang":
            time.sleep(3600)
            return
        if MODE == "huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            self.end_headers()
            chunk = b"<value>" * 8192
            try:
                while True:
                    self.wfile.write(chunk)
            except OSError:
                return
        if MODE == "garbage":
            out = b"this is not XML-RPC"
        else:
            params, method = xmlrpc.client.loads(body)
            local.plugin_seconds = None
            local.plugin_host = None
            local.plugin_timeout = None
            out = xmlrpc.client.dumps((dispatch(method, params),), methodresponse=True,
                                      allow_none=False).encode()
            entry = {"method": method, "session": params[0] if params else None,
                     "bytes": len(out)}
            if local.plugin_seconds is not None:
                entry["plugin_seconds"] = local.plugin_seconds
                entry["plugin_host"] = local.plugin_host
                entry["plugin_timeout"] = local.plugin_timeout
            log(entry)
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


if os.path.exists(SOCKET):
    os.unlink(SOCKET)
srv = Server(SOCKET, Handler)
print("ready", flush=True)
srv.serve_forever()
