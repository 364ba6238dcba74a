#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# test-map-netns.sh: `xcvrmap map` end to end over real parts: libvirt's test driver
# describing domains whose target devices are real taps, macvtaps and bridges the test makes
# in a network namespace of its own, walked through that namespace's /sys.
#
# Usage: test-map-netns.sh XCVRMAP SCHEMA
#
# Every netdev in a namespace is virtual (no `device` link), so no vNIC reaches a physical
# uplink here: the checks are on status, reason and path (uplinks come from the fixture
# trees of the hostgen tests). Needs root for `ip netns add`; exits 77 (skip) without it.
# Prints "N passed, M failed" last; exit status 1 when a check failed.
set -u

if [ $# -ne 2 ]; then
    echo "Usage: $0 XCVRMAP SCHEMA" >&2
    exit 2
fi
xcvrmap=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
schema=$2
command -v ip >/dev/null 2>&1 || { echo "SKIP: ip not found"; exit 77; }

# shellcheck source=../netns-lib.sh
. "$(dirname "$0")/../netns-lib.sh"
netns_setup xmap

in_ns ip link add xbr0 type bridge || { echo "SKIP: no bridge in a namespace"; exit 77; }
in_ns ip tuntap add dev xvm0 mode tap
in_ns ip link set xvm0 master xbr0
in_ns ip tuntap add dev xeth0 mode tap
in_ns ip link add xvb0 type veth peer name xvb1
in_ns ip link add xmvt0 link xvb0 type macvtap mode bridge 2>/dev/null ||
    echo "NOTE: no macvtap here"

cat >"$work/host.xml" <<XML
<node>
  <domain type='test'>
    <name>alpha</name>
    <uuid>11111111-2222-3333-4444-555555555501</uuid>
    <memory>65536</memory>
    <os><type>hvm</type></os>
    <devices>
      <interface type='bridge'>
        <mac address='52:54:00:AA:00:01'/>
        <source bridge='xbr0'/>
        <target dev='xvm0'/>
        <model type='virtio'/>
      </interface>
      <interface type='ethernet'>
        <mac address='52:54:00:aa:00:02'/>
        <target dev='xeth0'/>
      </interface>
      <interface type='direct'>
        <mac address='52:54:00:aa:00:03'/>
        <source dev='xvb0' mode='bridge'/>
        <target dev='xmvt0'/>
      </interface>
    </devices>
  </domain>
  <domain type='test'>
    <name>beta</name>
    <uuid>11111111-2222-3333-4444-555555555502</uuid>
    <memory>65536</memory>
    <os><type>hvm</type></os>
    <devices>
      <interface type='bridge'>
        <mac address='52:54:00:bb:00:01'/>
        <source bridge='xbr0'/>
        <target dev='xgone0'/>
      </interface>
      <interface type='user'>
        <mac address='52:54:00:bb:00:02'/>
      </interface>
    </devices>
  </domain>
</node>
XML

in_ns "$xcvrmap" map -c "test://$work/host.xml" --ovsdb "" --no-modules --format json \
    >"$work/map.json" 2>"$work/err"
rc=$?
report $rc "map over the namespace: exit status 0 (got $rc)" "$work/err"

# check PYTHON-EXPRESSION NAME: the expression holds for m (the map) and v(domain, mac)
check() {
    python3 - "$work/map.json" "$1" >"$work/why" 2>&1 <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
def v(domain, mac):
    for x in m["vnics"]:
        if x["domain"] == domain and x["mac"] == mac:
            return x
    raise SystemExit("no vnic %s %s in %s" % (domain, mac, [(x["domain"], x["mac"]) for x in m["vnics"]]))
def path(x):
    return " ".join("%s:%s" % (h["kind"], h["name"]) for h in x["path"])
ok = eval(sys.argv[2])
if not ok:
    print(json.dumps(m, indent=1)[:3000])
sys.exit(0 if ok else 1)
PY
    report $? "$2" "$work/why"
}

check 'len(m["vnics"]) == 5 and m["uplinks"] == []' "five vNICs, no physical uplink in a namespace"
check 'v("alpha", "52:54:00:aa:00:01")["status"] == "no-uplink"' "bridge vNIC: no-uplink"
check 'path(v("alpha", "52:54:00:aa:00:01")) == "tap:xvm0 bridge:xbr0"' "bridge vNIC: path tap xvm0 > bridge xbr0"
check '"xbr0" in v("alpha", "52:54:00:aa:00:01")["reason"]' "bridge vNIC: the reason names where the path ends"
check 'v("alpha", "52:54:00:aa:00:01")["type"] == "bridge" and v("alpha", "52:54:00:aa:00:01")["model"] == "virtio"' "bridge vNIC: type and model"
check 'path(v("alpha", "52:54:00:aa:00:02")) == "tap:xeth0" and v("alpha", "52:54:00:aa:00:02")["status"] == "no-uplink"' "ethernet vNIC: a tap on no bridge"
if in_ns test -e /sys/class/net/xmvt0; then
    check 'path(v("alpha", "52:54:00:aa:00:03")) == "macvtap:xmvt0 veth:xvb0 veth:xvb1"' "direct vNIC: macvtap on its lower device"
fi
check 'v("beta", "52:54:00:bb:00:01")["status"] == "error" and "xgone0" in v("beta", "52:54:00:bb:00:01")["reason"]' "a target device that does not exist: that vNIC is an error"
check 'v("beta", "52:54:00:bb:00:02")["status"] == "no-uplink" and v("beta", "52:54:00:bb:00:02")["path"] == []' "user-mode vNIC: no-uplink, no path"

if python3 -c 'import jsonschema' 2>/dev/null; then
    python3 - "$schema" "$work/map.json" >"$work/why" 2>&1 <<'PY'
import json, sys, jsonschema
jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))
PY
    report $? "the map validates against the JSON Schema" "$work/why"
fi

# the text form: one row per vNIC
in_ns "$xcvrmap" map -c "test://$work/host.xml" --ovsdb "" --no-modules >"$work/map.txt" 2>"$work/err"
ok=$?
[ "$(grep -c '^alpha ' "$work/map.txt")" -eq 3 ] || ok=1
report $ok "text: a row per vNIC" "$work/map.txt" "$work/err"

# libvirt going away: a clear error, exit status 1, and the topology still walks
in_ns "$xcvrmap" map -c "qemu+unix:///system?socket=$work/no-such-socket" --no-modules \
    >"$work/out" 2>"$work/err"
rc=$?
ok=0
[ $rc -eq 1 ] || ok=1
grep -q "xcvrmap topo" "$work/err" || ok=1
report $ok "libvirt unreachable: exit status 1 with a clear error (got $rc)" "$work/err"
in_ns "$xcvrmap" topo xvm0 >"$work/out" 2>"$work/err"
ok=$?
grep -q "bridge *xbr0" "$work/out" || ok=1
report $ok "topo still walks without libvirt" "$work/out" "$work/err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
