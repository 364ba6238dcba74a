#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# test-libvirtd-watch.sh: `xcvrmap watch` against a real libvirtd with the QEMU driver
# (libvirtd-lib.sh): while the watch runs with a one-hour interval, a TCG guest on a libvirt
# network (a bridge of the test's own) is started, has an interface hot-plugged
# (virsh attach-interface --live) and is destroyed; map.json follows each change within
# seconds — through events (libvirt's, and the kernel's for the guest's taps: a burst is
# one cycle, named by its first event), never the interval. SIGTERM ends the watch with 0.
#
# Usage: test-libvirtd-watch.sh XCVRMAP   (root; skips, status 77, where it cannot run, and
# with XCVR_SKIP_LIBVIRTD=1)
set -u

here=$(cd "$(dirname "$0")" && pwd)
if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "Usage: $0 XCVRMAP" >&2
    exit 99
fi
. "$here/libvirtd-lib.sh"
libvirtd_enter "$0" "$@"

xcvrmap=$1
libvirtd_start
w=$LIBVIRTD_WORK
lv_bridge_network xcvrwnet xcvrbw
# ACPI on: the pc machine's PCI bus takes hot-plugged devices only through it
lv_guest_xml g-watch 64 "<interface type='network'><source network='xcvrwnet'/><mac \
address='52:54:00:cc:00:01'/><model type='virtio'/><rom enabled='no'/></interface>" |
    sed 's:</os>:</os><features><acpi/></features>:' > "$w/g-watch.xml"
lv_virsh define "$w/g-watch.xml" > "$w/define.out" 2>&1
report $? "a TCG guest defined" "$w/define.out"
[ "$failed" -eq 0 ] || exit 1

# the watch: events only in practice (one-hour interval); GLib prints debug on stdout
G_MESSAGES_DEBUG=all "$xcvrmap" watch -c "$LIBVIRTD_URI" --no-modules --ovsdb "" \
    --state-dir "$w/st" --interval 3600 > "$w/watch.out" 2> "$w/watch.err" &
watch_pid=$!
# the watch goes before the daemon, whatever the exit
trap 'st=$?; kill "$watch_pid" 2>/dev/null; wait "$watch_pid" 2>/dev/null; (exit $st); _lv_teardown' EXIT

# wait_map WHAT PYTHON-EXPRESSION: until map.json (as `doc`, vNICs by MAC as `by_mac`)
# satisfies the expression, 20 s at most; reports how long it took
wait_map() {
    local what=$1 expr=$2 t0 t1 ok
    t0=$(date +%s.%N)
    python3 - "$w/st/map.json" "$expr" > "$w/wait.out" 2>&1 <<'EOF'
import json, sys, time
path, expr = sys.argv[1], sys.argv[2]
end = time.monotonic() + 20
doc = None
while time.monotonic() < end:
    try:
        with open(path) as f:
            doc = json.load(f)
        by_mac = {v["mac"]: v for v in doc["vnics"]}
        if eval("(" + expr + ")"):
            sys.exit(0)
    except (OSError, ValueError, KeyError):
        pass
    time.sleep(0.05)
print("map.json never satisfied: %s" % expr)
print(json.dumps(doc, indent=1)[:2000] if doc else "(no map.json)")
sys.exit(1)
EOF
    ok=$?
    t1=$(date +%s.%N)
    report $ok "$what ($(python3 -c "print('%.2f' % ($t1 - $t0))") s)" "$w/wait.out" \
        "$w/watch.err"
}

wait_map "watch: the defined guest in map.json, not running" \
    'by_mac.get("52:54:00:cc:00:01", {}).get("running") is False'

lv_start_guest g-watch > "$w/start.out" 2>&1
report $? "the guest starts" "$w/start.out" /var/log/libvirt/qemu/g-watch.log
wait_map "started: map.json has it running on its tap in $br" \
    'by_mac["52:54:00:cc:00:01"]["running"] and by_mac["52:54:00:cc:00:01"]["target"] and
any(h["name"] == "'"$br"'" for h in by_mac["52:54:00:cc:00:01"]["path"])'

lv_virsh attach-interface g-watch network xcvrwnet --mac 52:54:00:cc:00:02 --model virtio \
    --live > "$w/attach.out" 2>&1
report $? "virsh attach-interface --live" "$w/attach.out"
_lv_guest_netdevs g-watch
wait_map "hot-plugged: map.json has the new interface, running, on $br" \
    'by_mac.get("52:54:00:cc:00:02", {}).get("running") is True and
any(h["name"] == "'"$br"'" for h in by_mac["52:54:00:cc:00:02"]["path"])'

lv_virsh destroy g-watch > "$w/destroy.out" 2>&1
report $? "virsh destroy" "$w/destroy.out"
wait_map "destroyed: map.json has it not running, the live-only interface gone" \
    'by_mac["52:54:00:cc:00:01"]["running"] is False and "52:54:00:cc:00:02" not in by_mac'

grep -o 'cycle [0-9]* ([^)]*)' "$w/watch.out" > "$w/cycles.txt"
! grep -q '(interval)' "$w/cycles.txt" && [ "$(grep -c . "$w/cycles.txt")" -ge 4 ]
report $? "every cycle came from an event (libvirt's or the kernel's), none from the interval" \
    "$w/cycles.txt"

kill -TERM "$watch_pid"
wait "$watch_pid"
report $? "SIGTERM ends the watch with 0" "$w/watch.err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
