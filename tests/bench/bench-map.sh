#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# bench-map.sh: `xcvrmap map` on a large generated host beside the shell loop an admin
# would write for the same answer (tests/bench/admin-map.sh). A benchmark, not a test.
#
#   tests/bench/bench-map.sh [BUILD_DIR [DOMAINS]]     (defaults: build, 500)
#
# Generates DOMAINS x 4 vNICs (tests/hostgen/hostgen.py --large), then times, in one run:
#   (a) xcvrmap map -c test:///…/libvirt.xml --root ROOT --ovsdb ROOT/ovsdb.json
#       --eeprom-dir ROOT/eeprom --format json
#   (b) admin-map.sh: virsh list, virsh domiflist per domain, sysfs per interface, ovs-vsctl
#       against an ovsdb-server serving the same database
# and checks (a) against the generator's expectations (host.json).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=${1:-$src/build}
n=${2:-500}
xcvrmap=$build/src/xcvrmap

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

if ! "$xcvrmap" map --help >/dev/null 2>&1; then
    echo "bench-map: $xcvrmap has no 'map' command (build first)" >&2
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/xcvr-bench-map-XXXXXX")
ovs_pid=
cleanup() {
    if [ -n "$ovs_pid" ]; then
        kill "$ovs_pid" 2>/dev/null || true
        wait "$ovs_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

host=$work/host
echo "== generating $n domains x 4 vNICs"
t0=$(now)
python3 "$src/tests/hostgen/hostgen.py" --large "$n" --keep-ovsdb-db --timing "$host"
t1=$(now)
echo "   hostgen: $(elapsed "$t0" "$t1") s"
uri="test://$host/libvirt.xml"
vnics=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["vnics"]))' \
    "$host/host.json")

echo "== (a) xcvrmap map"
t0=$(now)
"$xcvrmap" map -c "$uri" --root "$host" --ovsdb "$host/ovsdb.json" \
    --eeprom-dir "$host/eeprom" --format json >"$work/map.json"
t1=$(now)
ta=$(elapsed "$t0" "$t1")

python3 - "$host/host.json" "$work/map.json" <<'EOF'
import json, sys
exp = json.load(open(sys.argv[1]))["vnics"]
got = {(v["domain"], v["mac"]): v for v in json.load(open(sys.argv[2]))["vnics"]}
bad = 0
for e in exp:
    v = got.get((e["domain"], e["mac"]))
    names = sorted(u.get("netdev") or u.get("pci") for u in (v or {}).get("uplinks") or [])
    if v is None or v["status"] != e["status"] or names != e["uplinks"]:
        bad += 1
print("   %d of %d vNICs as host.json expects" % (len(exp) - bad, len(exp)))
EOF

echo "== (b) admin shell loop (virsh + sysfs + ovs-vsctl)"
# the test driver parses libvirt.xml on every connection, which qemu:///system does not:
# one call's cost, to read (b) with
t0=$(now)
virsh -c "$uri" list --all --name >/dev/null
t1=$(now)
tv=$(elapsed "$t0" "$t1")
ovs_sock=
if command -v ovsdb-server >/dev/null 2>&1 && [ -f "$host/ovsdb.db" ]; then
    ovs_sock=$work/db.sock
    ovsdb-server --remote="punix:$ovs_sock" --no-chdir --unixctl="$work/ovs.ctl" \
        --log-file="$work/ovsdb.log" -vconsole:off "$host/ovsdb.db" 2>/dev/null &
    ovs_pid=$!
    i=0
    while [ ! -S "$ovs_sock" ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
fi
t0=$(now)
sh "$here/admin-map.sh" "$uri" "$host" "$ovs_sock" >"$work/admin.txt"
t1=$(now)
tb=$(elapsed "$t0" "$t1")
echo "   $(wc -l <"$work/admin.txt") lines"

echo
printf '%-44s %10s %14s\n' "" "wall s" "ms per vNIC"
printf '%-44s %10s %14s\n' "(a) xcvrmap map --format json" "$ta" \
    "$(awk -v t="$ta" -v n="$vnics" 'BEGIN { printf "%.2f", 1000 * t / n }')"
printf '%-44s %10s %14s\n' "(b) admin loop: virsh + sysfs + ovs-vsctl" "$tb" \
    "$(awk -v t="$tb" -v n="$vnics" 'BEGIN { printf "%.2f", 1000 * t / n }')"
echo "($n domains, $vnics vNICs; (a) also reads and decodes every uplink's module, which"
echo " (b) does not; one virsh call on this test:// host costs $tv s of connecting and"
echo " parsing, paid by (b) once per domain and per hostdev interface)"
