#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# test-watch-netns.sh: `xcvrmap watch` kept true by rtnetlink link events of a real kernel,
# in a network namespace of the test's own, with an interval of an hour (so no change can
# come from polling):
#
#  1. carrier: a host made by tests/hostgen/hostgen.py (one physical uplink enp1s0f0 under
#     a bridge, a domain riding it, libvirt's test driver) whose uplink's `carrier` and
#     `operstate` attributes are the real ones of a veth in the namespace (bind-mounted over
#     the tree's files, in the private mount namespace `ip netns exec` makes); the veth's
#     peer is set down and up, and map.json's uplink follows (link, carrier, health) within
#     seconds; the time each change took is printed;
#  2. master: a real tap in a real bridge (--root /: the namespace's own sysfs) leaves the
#     bridge and joins it again, and the vNIC's path in map.json follows;
#     only the vNICs whose walks pass through a netdev an event names are walked again,
#     and the result is what a full map makes;
#  3. polls (the interval's cycles) keep every walk, every tenth in a row a full one;
#  4. SIGTERM ends the watch with exit status 0 and a map.json valid against the schema.
#
# Usage: test-watch-netns.sh XCVRMAP HOSTGEN SCHEMA
# Needs root (`ip netns add`, mount); exits 77 (skip) without it. Prints "N passed, M
# failed" last; exit status 1 when a check failed.
set -u

if [ $# -ne 3 ]; then
    echo "Usage: $0 XCVRMAP HOSTGEN SCHEMA" >&2
    exit 2
fi
xcvrmap=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
hostgen=$2
schema=$3
command -v ip >/dev/null 2>&1 || { echo "SKIP: ip not found"; exit 77; }

# shellcheck source=../netns-lib.sh
. "$(dirname "$0")/../netns-lib.sh"
netns_setup xwatch
# (started with `ip netns exec … &` directly, never through in_ns, so that $! is the
# watch itself: ip execs it)
watch_pids=()
trap 'for p in "${watch_pids[@]}"; do kill "$p" 2>/dev/null; done; ip netns del "$ns" 2>/dev/null; rm -rf "$work"' EXIT

in_ns ip link add xup0 type veth peer name xup1 || { echo "SKIP: no veth in a namespace"; exit 77; }
in_ns ip link set xup0 up
in_ns ip link set xup1 up

# query FILE PYTHON-EXPRESSION: prints the expression's value over map.json (m)
query() {
    python3 - "$1" "$2" <<'PY' 2>/dev/null
import json, sys
try:
    m = json.load(open(sys.argv[1]))
except Exception:
    print("unreadable")
    sys.exit(0)
def up(name):
    return next(u for u in m["uplinks"] if u["netdev"] == name)
def vnic(domain):
    return next(v for v in m["vnics"] if v["domain"] == domain)
def path(v):
    return " ".join("%s:%s" % (h["kind"], h["name"]) for h in v["path"])
print(eval(sys.argv[2]))
PY
}

# wait_for FILE EXPRESSION EXPECTED SECONDS: polls map.json until the expression reads
# EXPECTED; prints the milliseconds from the call to the file's modification (what the
# watch took, not this loop's polling); status 1 on timeout
wait_for() {
    local start now got
    start=$(date +%s%N)
    while :; do
        got=$(query "$1" "$2")
        if [ "$got" = "$3" ]; then
            now=$(date -r "$1" +%s%N)
            echo $(((now - start) / 1000000))
            return 0
        fi
        now=$(date +%s%N)
        if [ $(((now - start) / 1000000000)) -ge "$4" ]; then
            echo "timeout (last: $got)"
            return 1
        fi
        sleep 0.02
    done
}

# ---- 1. carrier ----
cat >"$work/spec.json" <<'JSON'
{
 "hostname": "watch-netns",
 "ports": [
  {"name": "enp1s0f0", "pci": "0000:01:00.0", "driver": "ixgbe", "vendor": "0x8086",
   "device": "0x10fb", "mac": "90:e2:ba:00:00:01", "speed": 10000, "operstate": "up",
   "module": null}
 ],
 "bridges": [{"name": "br0", "ports": ["enp1s0f0"]}],
 "networks": [],
 "domains": [
  {"name": "web1", "state": "running",
   "interfaces": [{"type": "bridge", "source": "br0", "target": "web1-eth0"}]}
 ]
}
JSON
if ! python3 "$hostgen" "$work/spec.json" "$work/host" >"$work/err" 2>&1; then
    report 1 "hostgen made the host" "$work/err"
    echo "$passed passed, $failed failed"
    exit 1
fi
updir=$(readlink -f "$work/host/sys/class/net/enp1s0f0")
mkdir -p "$work/state1"
# the watch sees the veth's carrier and operstate as the uplink's own
G_MESSAGES_DEBUG=all ip netns exec "$ns" sh -c 'mount --bind /sys/class/net/xup0/carrier "$1/carrier" &&
             mount --bind /sys/class/net/xup0/operstate "$1/operstate" && shift &&
             exec "$@"' sh "$updir" \
    "$xcvrmap" watch -c "test://$work/host/libvirt.xml" --root "$work/host" --ovsdb "" \
    --eeprom-dir "$work/host/eeprom" --interval 3600 --state-dir "$work/state1" \
    >"$work/watch1.out" 2>"$work/watch1.err" &
watch_pids+=($!)
pid1=$!

t=$(wait_for "$work/state1/map.json" 'up("enp1s0f0")["link"]["carrier"]' True 20)
report $? "carrier: the first map shows the veth's carrier on the uplink" "$work/watch1.err"

in_ns ip link set xup1 down
t=$(wait_for "$work/state1/map.json" \
    '(up("enp1s0f0")["link"]["carrier"], up("enp1s0f0")["health"]["verdict"])' \
    "(False, 'down')" 10)
ok=$?
echo "carrier lost -> map.json: $t ms"
report $ok "carrier lost: map.json's uplink is down with no carrier, by the link event ($t ms)" \
    "$work/watch1.err"

in_ns ip link set xup1 up
t=$(wait_for "$work/state1/map.json" 'up("enp1s0f0")["link"]["carrier"]' True 10)
ok=$?
echo "carrier back -> map.json: $t ms"
report $ok "carrier back: map.json follows again ($t ms)" "$work/watch1.err"

# a change the map does not show (an MTU) starts no cycle (G_MESSAGES_DEBUG: one line
# per cycle, on stdout); a real one afterwards does, so the count is not stuck
sleep 0.5
cycles_before=$(grep -c ": cycle " "$work/watch1.out")
in_ns ip link set xup0 mtu 1400
sleep 1
cycles_after=$(grep -c ": cycle " "$work/watch1.out")
[ "$cycles_before" -gt 0 ] && [ "$cycles_after" -eq "$cycles_before" ]
report $? "an MTU change is not a change the map depends on: no cycle for it ($cycles_before, $cycles_after cycles)" "$work/watch1.out"
in_ns ip link set xup0 down
t=$(wait_for "$work/state1/map.json" 'up("enp1s0f0")["link"]["state"]' down 10)
report $? "the uplink set down: map.json follows ($t ms)" "$work/watch1.err"

kill -TERM "$pid1"
wait "$pid1"
rc=$?
report $((rc != 0)) "SIGTERM: exit status 0 (got $rc)" "$work/watch1.err"
grep -q "stopped by" "$work/watch1.err"
report $? "SIGTERM: the watch says it stopped" "$work/watch1.err"
ls -a "$work/state1" | grep -q '\.tmp-'
report $((1 - $?)) "SIGTERM: no temporary file left in the state directory"

if python3 -c 'import jsonschema' 2>/dev/null; then
    python3 - "$schema" "$work/state1/map.json" >"$work/why" 2>&1 <<'PY'
import json, sys, jsonschema
jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))
PY
    report $? "map.json after SIGTERM validates against the map schema" "$work/why"
fi

# ---- 2. master ----
# alpha's tap in xbr0; beta's in xbr1: a link event walks again only the vNICs whose walks
# pass through the netdevs it names (the debug line of each cycle says how many were
# walked and kept)
in_ns ip link add xbr0 type bridge
in_ns ip link add xbr1 type bridge
in_ns ip tuntap add dev xvm0 mode tap
in_ns ip tuntap add dev xvm1 mode tap
in_ns ip link set xvm0 master xbr0
in_ns ip link set xvm1 master xbr1
in_ns ip link add xoth0 type veth peer name xoth1
# domain_xml NAME MAC BRIDGE TAP: a test-driver domain with one bridge interface
domain_xml() {
    cat <<XML
  <domain type='test'>
    <name>$1</name>
    <memory>65536</memory>
    <os><type>hvm</type></os>
    <devices>
      <interface type='bridge'>
        <mac address='$2'/>
        <source bridge='$3'/>
        <target dev='$4'/>
      </interface>
    </devices>
  </domain>
XML
}
{
    echo "<node>"
    domain_xml alpha 52:54:00:aa:00:01 xbr0 xvm0
    domain_xml beta 52:54:00:bb:00:01 xbr1 xvm1
    echo "</node>"
} >"$work/host2.xml"
# start_watch2 N INTERVAL: a watch of host2.xml in the namespace, its state in stateN and
# its debug lines (one per cycle) in watchN.out; $! is the watch
start_watch2() {
    mkdir -p "$work/state$1"
    G_MESSAGES_DEBUG=all ip netns exec "$ns" "$xcvrmap" watch -c "test://$work/host2.xml" \
        --ovsdb "" --no-modules --interval "$2" --state-dir "$work/state$1" \
        >"$work/watch$1.out" 2>"$work/watch$1.err" &
}
start_watch2 2 3600
watch_pids+=($!)
pid2=$!

# last_cycle: the counts of the last cycle line ("W walked K kept L listed": vNICs walked
# and kept, domains listed or "all")
last_cycle() {
    grep ": cycle " "$work/watch2.out" | tail -1 |
        sed -n 's/.* \([0-9]*\) vNICs walked, \([0-9]*\) kept; domains listed: \([a-z0-9]*\).*/\1 walked \2 kept \3 listed/p'
}
# settle: waits until no cycle line has come for half a second
settle() {
    local n m
    n=$(grep -c ": cycle " "$work/watch2.out")
    while :; do
        sleep 0.5
        m=$(grep -c ": cycle " "$work/watch2.out")
        [ "$m" = "$n" ] && return 0
        n=$m
    done
}

t=$(wait_for "$work/state2/map.json" 'path(vnic("alpha"))' "tap:xvm0 bridge:xbr0" 20)
report $? "master: the first map has tap xvm0 in bridge xbr0" "$work/watch2.err"
settle
in_ns ip link set xvm0 nomaster
t=$(wait_for "$work/state2/map.json" 'path(vnic("alpha"))' "tap:xvm0" 10)
ok=$?
echo "master removed -> map.json: $t ms"
report $ok "master removed: the path follows by the link event ($t ms)" "$work/watch2.err"
settle
got=$(last_cycle)
[ "$got" = "1 walked 1 kept 0 listed" ]
report $? "master removed: only alpha's vNIC walked again, beta's kept (got '$got')" "$work/watch2.out"
in_ns ip link set xvm0 master xbr0
t=$(wait_for "$work/state2/map.json" 'path(vnic("alpha"))' "tap:xvm0 bridge:xbr0" 10)
report $? "master back: the path follows ($t ms)" "$work/watch2.err"
settle
got=$(last_cycle)
[ "$got" = "1 walked 1 kept 0 listed" ]
report $? "master back: only alpha's vNIC walked again (got '$got')" "$work/watch2.out"
# beta's bridge set up: beta's vNIC is walked again, alpha's kept
in_ns ip link set xbr1 up
settle
got=$(last_cycle)
[ "$got" = "1 walked 1 kept 0 listed" ]
report $? "beta's bridge up: only beta's vNIC walked again (got '$got')" "$work/watch2.out"
# a netdev no walk passes through: a cycle (link states are read again), no walk
before=$(grep -c ": cycle " "$work/watch2.out")
in_ns ip link set xoth0 up
settle
after=$(grep -c ": cycle " "$work/watch2.out")
got=$(last_cycle)
[ "$after" -gt "$before" ] && [ "$got" = "0 walked 2 kept 0 listed" ]
report $? "a netdev no walk passes through: nothing walked again (got '$got')" "$work/watch2.out"
# what a full map makes of the host now is what the partial cycles made
ip netns exec "$ns" "$xcvrmap" map -c "test://$work/host2.xml" --ovsdb "" --no-modules \
    --format json >"$work/full2.json" 2>"$work/map2.err"
python3 - "$work/full2.json" "$work/state2/map.json" >"$work/why2" 2>&1 <<'PY'
import difflib, json, sys
# (the test driver gives domains without a <uuid> a new one at every connection)
a, b = ([dict(v, domain_uuid=None) for v in json.load(open(p))["vnics"]] for p in sys.argv[1:3])
x, y = (json.dumps(v, indent=1, sort_keys=True).splitlines() for v in (a, b))
print("\n".join(difflib.unified_diff(x, y, "map", "watch", lineterm="")))
sys.exit(0 if a == b else 1)
PY
report $? "the partial cycles' vNICs are what a full map makes" "$work/why2"
kill -TERM "$pid2"
wait "$pid2"
rc=$?
report $((rc != 0)) "SIGTERM: exit status 0 (got $rc)" "$work/watch2.err"

# ---- 3. polls ----
# the interval's cycles (polls) keep every walk and list nothing, but every tenth in a row
# rebuilds in full
start_watch2 3 0.1
watch_pids+=($!)
pid3=$!
for _ in $(seq 100); do
    [ "$(grep -c '(interval)' "$work/watch3.out" 2>/dev/null)" -ge 25 ] && break
    sleep 0.1
done
kill -TERM "$pid3"
wait "$pid3"
grep '(interval)' "$work/watch3.out" |
    sed -n 's/.* \([0-9]*\) vNICs walked, \([0-9]*\) kept; domains listed: \([a-z0-9]*\).*/\1 \2 \3/p' \
    >"$work/polls3.txt"
python3 - "$work/polls3.txt" >"$work/why3" 2>&1 <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
kept = [r == ["0", "2", "0"] for r in rows]
full = [r == ["2", "0", "all"] for r in rows]
print(rows)
# every row is one or the other; at most nine kept polls in a row; some of each
runs, n = [], 0
for k in kept:
    n = n + 1 if k else 0
    runs.append(n)
ok = len(rows) >= 20 and all(k or f for k, f in zip(kept, full)) and max(runs) <= 9 \
    and sum(full) >= 2 and sum(kept) >= 15
sys.exit(0 if ok else 1)
PY
report $? "polls keep the walks and list nothing; every tenth in a row rebuilds in full" "$work/why3"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
