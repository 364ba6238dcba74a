#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""fake-xapi.py: a stand-in for xapi, for the tests: XML-RPC over HTTP on a unix socket,
serving a pool database of records shaped as XAPI's data model has them (OpaqueRefs, enums
as strings, ints as strings as XenAPI sends them, maps as structs, sets as arrays).

    fake-xapi.py SOCKET POOL.json LOG [--mode normal|hang|garbage|huge]

POOL.json: {"classes": {"VM": {"OpaqueRef:…": {…}}, …},
            "plugins": {"OpaqueRef:host": {"path": "/…/xcvrmap-xapi" | null, "down": false,
                                           "hang": false, "args": {"root": …}}}}
Every call is appended to LOG as one JSON line when it is answered: {"method", "session",
"bytes" (of the reply body), "t" (CLOCK_MONOTONIC seconds), "plugin_seconds", "plugin_host", "plugin_timeout" (host.call_plugin: how long
the plugin ran, on which host, and the timeout argument the caller gave it)}.
host.call_plugin runs the host's plugin exactly as xapi does: one argv (the methodCall with
the session ref and the args), PATH-only environment, stdin /dev/null, no timeout; a host
"down" answers HOST_OFFLINE, a host without the plugin XENAPI_MISSING_PLUGIN.
Modes: hang accepts and never answers; garbage answers with something that is not XML-RPC;
huge sends an endless body; noevents answers event.from with MESSAGE_METHOD_UNKNOWN.

Events as xapi's database has them: every object carries the generations at which it was
created and last modified (and a deleted one when it was destroyed); event.from(session,
classes, token, timeout) answers, as xapi does, with the objects of the subscribed classes
("*", "vm", "vm/OpaqueRef:…"; any case) created, modified or deleted after the token's
generation — an "add" and a "mod" for one created since, the record as "snapshot", none
with "del" — blocking until there is one or the timeout (a float, seconds) has passed, and
returns {"events", "valid_ref_counts" (live objects per class), "token"} with the token
"%020d,%020d" (generation, message generation; "" is 0). A malformed token fails with
EVENT_FROM_TOKEN_PARSE_FAILURE; a session logged out meanwhile with SESSION_INVALID.
The pool changes through the calls xapi has for it (checked as xapi checks them, enough for
the tests): VM.start(vm, start_paused, force), VM.start_on(vm, host, start_paused, force),
VM.hard_shutdown(vm), VM.pool_migrate(vm, host, options), VIF.plug(vif), VIF.unplug(vif),
VIF.destroy(vif).
"""
import copy
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
logged_out = set()
log_lock = threading.Lock()

# the database's generations: (class, ref) -> [created, modified, deleted or None]
db_cond = threading.Condition()
generation = 0
stats = {}
for _cls in sorted(classes):
    for _ref in sorted(classes[_cls]):
        generation += 1
        stats[(_cls, _ref)] = [generation, generation, None]


def touch(cls, ref):
    """One write to the database: a new generation, and every waiting event.from woken."""
    global generation
    generation += 1
    stats[(cls, ref)][1] = generation
    db_cond.notify_all()


def destroy(cls, ref):
    global generation
    generation += 1
    del classes[cls][ref]
    stats[(cls, ref)][2] = generation
    db_cond.notify_all()


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

NULL_REF = "OpaqueRef:NULL"


def subscriptions(names):
    subs = []
    for x in names:
        if x == "*":
            subs.append(("*", None))
        else:
            cls, _, obj = x.partition("/")
            subs.append((cls.lower(), obj or None))
    return subs


def matches(subs, cls, ref):
    return any(c == "*" or (c == cls.lower() and (o is None or o == ref)) for c, o in subs)


def event_from(session, names, token, timeout):
    if token == "":
        since = 0
    else:
        parts = token.split(",")
        try:
            if len(parts) != 2:
                raise ValueError(token)
            since, _ = int(parts[0]), int(parts[1])
        except ValueError:
            return fail("EVENT_FROM_TOKEN_PARSE_FAILURE", token)
    subs = subscriptions(names)
    deadline = time.monotonic() + float(timeout)
    with db_cond:
        while True:
            if session in logged_out:
                return fail("SESSION_INVALID", session)
            events = []
            last = since
            for (cls, ref), (created, modified, deleted) in sorted(stats.items()):
                if not matches(subs, cls, ref):
                    continue
                last = max(last, modified, deleted or 0)
                if deleted is not None:
                    if deleted > since and created <= since:
                        events.append({"id": str(deleted), "timestamp": "0.0",
                                       "class": cls.lower(), "operation": "del", "ref": ref})
                    continue
                snap = classes[cls][ref]
                if created > since:
                    events.append({"id": str(created), "timestamp": "0.0", "class": cls.lower(),
                                   "operation": "add", "ref": ref, "snapshot": copy.deepcopy(snap)})
                if modified > since:
                    events.append({"id": str(modified), "timestamp": "0.0",
                                   "class": cls.lower(), "operation": "mod", "ref": ref,
                                   "snapshot": copy.deepcopy(snap)})
            left = deadline - time.monotonic()
            if events or left <= 0:
                break
            since = last
            db_cond.wait(left)
        counts = {cls.lower(): len(objs) for cls, objs in classes.items()}
        return ok({"events": events, "valid_ref_counts": counts,
                   "token": "%020d,%020d" % (last, 0)})


def vm_power(vm, state, host):
    """What xapi writes when a VM starts, stops or moves: its power state, where it runs,
    its domid, and its VIFs plugged or not."""
    rec = classes["VM"][vm]
    running = [int(r["domid"]) for r in classes["VM"].values()
               if r["power_state"] in ("Running", "Paused")]
    rec["power_state"] = state
    rec["resident_on"] = host
    rec["domid"] = str(max(running + [0]) + 1) if host != NULL_REF else "-1"
    touch("VM", vm)
    for v in rec["VIFs"]:
        if v in classes["VIF"]:
            classes["VIF"][v]["currently_attached"] = host != NULL_REF
            touch("VIF", v)
    return ok("")


def mutate(method, params):
    cls, _, op = method.partition(".")
    with db_cond:
        if cls == "VM" and op in ("start", "start_on", "hard_shutdown", "pool_migrate"):
            vm = params[1]
            if vm not in classes["VM"]:
                return fail("HANDLE_INVALID", "VM", vm)
            state = classes["VM"][vm]["power_state"]
            if op in ("start", "start_on"):
                if state != "Halted":
                    return fail("VM_BAD_POWER_STATE", vm, "halted", state.lower())
                host = params[2] if op == "start_on" else classes["VM"][vm]["affinity"]
                if host == NULL_REF:
                    host = classes["pool"][next(iter(classes["pool"]))]["master"]
                paused = params[3] if op == "start_on" else params[2]
                return vm_power(vm, "Paused" if paused else "Running", host)
            if state not in ("Running", "Paused"):
                return fail("VM_BAD_POWER_STATE", vm, "running", state.lower())
            if op == "hard_shutdown":
                return vm_power(vm, "Halted", NULL_REF)
            if params[2] not in classes["host"]:
                return fail("HANDLE_INVALID", "host", params[2])
            return vm_power(vm, state, params[2])
        if cls == "VM" and op == "set_name_label":
            vm = params[1]
            if vm not in classes["VM"]:
                return fail("HANDLE_INVALID", "VM", vm)
            classes["VM"][vm]["name_label"] = params[2]
            touch("VM", vm)
            return ok("")
        if cls == "VIF" and op in ("plug", "unplug", "destroy"):
            vif = params[1]
            if vif not in classes["VIF"]:
                return fail("HANDLE_INVALID", "VIF", vif)
            rec = classes["VIF"][vif]
            if op == "destroy":
                if rec["currently_attached"]:
                    return fail("OPERATION_NOT_ALLOWED", "VIF is attached")
                vm = classes["VM"].get(rec["VM"])
                if vm is not None:
                    vm["VIFs"].remove(vif)
                    touch("VM", rec["VM"])
                destroy("VIF", vif)
                return ok("")
            if classes["VM"][rec["VM"]]["power_state"] != "Running":
                return fail("VM_BAD_POWER_STATE", rec["VM"], "running",
                            classes["VM"][rec["VM"]]["power_state"].lower())
            rec["currently_attached"] = op == "plug"
            touch("VIF", vif)
            return ok("")
    return None


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
        with db_cond:
            sessions.discard(params[0])
            logged_out.add(params[0])
            db_cond.notify_all()
        return ok("")
    if method == "event.from":
        if MODE == "noevents":
            return fail("MESSAGE_METHOD_UNKNOWN", method)
        return event_from(params[0], *params[1:4])
    changed = mutate(method, params)
    if changed is not None:
        return changed
    cls, _, op = method.partition(".")
    if op == "get_all_records" and cls in classes:
        with db_cond:
            return ok(json.loads(json.dumps(classes[cls])))
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
                     "bytes": len(out), "t": time.monotonic()}
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

    def handle_error(self, request, client_address):
        # a client that gave up on a blocking event.from has closed its end: as xapi, say
        # nothing
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


if os.path.exists(SOCKET):
    os.unlink(SOCKET)
srv = Server(SOCKET, Handler)
print("ready", flush=True)
srv.serve_forever()
