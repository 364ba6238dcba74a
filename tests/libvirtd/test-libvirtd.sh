#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# test-libvirtd.sh: xcvrmap against a real libvirtd with the QEMU driver (libvirtd-lib.sh):
# guests defined and run under TCG on this machine's real NIC (macvtap) and on a bridge of
# the test's own through a libvirt network; `map` with a running guest (its macvtap and tap
# in the map) and with guests defined but not running; `publish` writing domain metadata
# live and persistent, read back by virsh from another process, valid against our RelaxNG
# and libvirt's domain.rng, unchanged on a second run, removed with --remove; node devices
# from the real /sys: libvirt's document byte for byte with our element appended, valid
# against libvirt's nodedev.rng extended with ours; a daemon that stops answering (SIGSTOP)
# bounded by --timeout, and one that has gone.
#
# Usage: test-libvirtd.sh XCVRMAP SCHEMA_DIR   (root; skips, status 77, where it cannot run)
set -u

here=$(cd "$(dirname "$0")" && pwd)
if [ $# -ne 2 ] || [ ! -x "$1" ] || [ ! -f "$2/xcvrmap-domain.rng" ]; then
    echo "Usage: $0 XCVRMAP SCHEMA_DIR" >&2
    exit 99
fi
. "$here/libvirtd-lib.sh"
libvirtd_enter "$0" "$@"

xcvrmap=$1
schemas=$2
libvirt_schemas=/usr/share/libvirt/schemas
for f in domain.rng nodedev.rng; do
    [ -f "$libvirt_schemas/$f" ] || { echo "SKIP: no $libvirt_schemas/$f"; exit 77; }
done
command -v xmllint >/dev/null || { echo "SKIP: no xmllint (libxml2-utils)"; exit 77; }
ns_domain=urn:xcvrmap:domain:1

# This machine's uplink: the NIC the default route leaves through (a real PCI function).
nic=$(ip -o route show default 2>/dev/null | sed -n 's/.* dev \([^ ]*\).*/\1/p' | head -n1)
if [ -z "$nic" ] || [ ! -e "/sys/class/net/$nic/device" ]; then
    echo "SKIP: no physical NIC with a default route here for the guests' macvtap"
    exit 77
fi

libvirtd_start
w=$LIBVIRTD_WORK
lv_bridge_network xcvrnet xcvrbr

macvtap="<interface type='direct'><source dev='$nic' mode='bridge'/><model type='virtio'/>"
onnet="<interface type='network'><source network='xcvrnet'/><model type='virtio'/>"
norom="<rom enabled='no'/></interface>"
# g-run: defined and running; g-def: defined, never started; g-temp: transient, running
lv_define_guest g-run 64 "$macvtap<mac address='52:54:00:aa:00:01'/>$norom" \
    "$onnet<mac address='52:54:00:aa:00:02'/>$norom" >/dev/null
lv_define_guest g-def 64 "$macvtap<mac address='52:54:00:aa:00:03'/>$norom" >/dev/null
lv_guest_xml g-temp 64 "$onnet<mac address='52:54:00:aa:00:04'/>$norom" > "$w/g-temp.xml"
lv_start_guest g-run > "$w/start.out" 2>&1 && lv_create_guest "$w/g-temp.xml" >> "$w/start.out" 2>&1
report $? "TCG guests start (one persistent, one transient)" "$w/start.out" \
    /var/log/libvirt/qemu/g-run.log
[ "$failed" -eq 0 ] || exit 1

# ---- map: the running guest's real macvtap and tap, the defined guest's wish ----
"$xcvrmap" map -c "$LIBVIRTD_URI" --no-modules --format json > "$w/map.json" 2> "$w/map.err"
report $? "map -c qemu:///system" "$w/map.err"
python3 - "$w/map.json" "$nic" "$br" > "$w/map.check" 2>&1 <<'EOF'
import json, os, sys
doc, nic, br = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
by_mac = {v["mac"]: v for v in doc["vnics"]}
problems = []
def want(cond, what):
    if not cond:
        problems.append(what)
run_mt, run_tap, dfn, tmp = (by_mac.get("52:54:00:aa:00:0%d" % i) for i in (1, 2, 3, 4))
want(None not in (run_mt, run_tap, dfn, tmp), "every vNIC of the three guests is mapped")
if run_mt:
    t = run_mt["target"]
    want(run_mt["running"] and run_mt["type"] == "direct", "g-run's macvtap: running, direct")
    want(t and os.path.exists("/sys/class/net/%s" % t), "g-run's target %s is a real netdev" % t)
    want([h["kind"] for h in run_mt["path"]][0] == "macvtap", "g-run's path starts at the macvtap")
    want([u["netdev"] for u in run_mt["uplinks"]] == [nic] and run_mt["status"] == "ok",
         "g-run's macvtap leaves through %s" % nic)
if run_tap:
    t = run_tap["target"]
    want(run_tap["type"] == "network" and t and
         os.path.realpath("/sys/class/net/%s/master" % t).endswith("/" + br),
         "g-run's tap %s is a port of %s" % (t, br))
    want(run_tap["status"] == "no-uplink" and run_tap["uplinks"] == [] and
         any(h["name"] == br for h in run_tap["path"]),
         "the bridge without a physical port is no-uplink, reached through %s" % br)
if dfn:
    want(not dfn["running"] and [u["netdev"] for u in dfn["uplinks"]] == [nic],
         "g-def (defined, not running) would leave through %s" % nic)
if tmp:
    want(tmp["running"] and tmp["status"] == "no-uplink", "g-temp (transient) is mapped")
ups = [u for u in doc["uplinks"] if u["netdev"] == nic]
want(len(ups) == 1 and ups[0]["link"]["state"] == "up", "the uplink %s is up" % nic)
for p in problems:
    print(p)
print(json.dumps(doc, indent=1)[:3000] if problems else "")
sys.exit(1 if problems else 0)
EOF
report $? "map: running guest's macvtap and tap, defined guest, transient guest" "$w/map.check"

"$xcvrmap" map -c "$LIBVIRTD_URI" --no-modules -d g-def > "$w/map-def.txt" 2>&1
grep -q "^g-def .*52:54:00:aa:00:03 .*direct .*ok .*$nic" "$w/map-def.txt"
report $? "map -d g-def: a guest that never ran, as text" "$w/map-def.txt"

# ---- publish: metadata live and persistent, through the daemon ----
"$xcvrmap" publish -c "$LIBVIRTD_URI" > "$w/publish.out" 2> "$w/publish.err"
st=$?
grep -qx "g-run: written (live, config)" "$w/publish.out" &&
    grep -qx "g-def: written (config)" "$w/publish.out" &&
    grep -qx "g-temp: written (live)" "$w/publish.out"
report $((st + $?)) "publish writes live and config, config only, live only" \
    "$w/publish.out" "$w/publish.err"

check_metadata() { # DOMAIN FLAG: virsh reads our element; it validates; dumpxml validates
    local dom=$1 flag=$2 out=$w/meta-$1$2
    lv_virsh metadata "$dom" "$ns_domain" $flag > "$out.xml" 2> "$out.err"
    report $? "virsh metadata $dom $flag" "$out.err"
    if [ "$dom" = g-temp ]; then
        grep -q "status=\"no-uplink\"" "$out.xml"
    else
        grep -q "<uplink netdev=\"$nic\"" "$out.xml"
    fi && grep -q "<vnics host=\"$(hostname)\"" "$out.xml"
    report $? "$dom $flag: the map's facts, computed here" "$out.xml"
    xmllint --noout --relaxng "$schemas/xcvrmap-domain.rng" "$out.xml" > "$out.rng" 2>&1
    report $? "$dom $flag: valid against xcvrmap-domain.rng" "$out.rng" "$out.xml"
    lv_virsh dumpxml $([ "$flag" = --config ] && echo --inactive) "$dom" > "$out.dom.xml"
    grep -q "<xcvrmap:vnics xmlns:xcvrmap=\"$ns_domain\"" "$out.dom.xml"
    report $? "$dom $flag: dumpxml holds it in <metadata>" "$out.dom.xml"
    xmllint --noout --relaxng "$libvirt_schemas/domain.rng" "$out.dom.xml" > "$out.dom" 2>&1
    report $? "$dom $flag: the domain document is valid against libvirt's domain.rng" \
        "$out.dom"
}
check_metadata g-run --live
check_metadata g-run --config
check_metadata g-def --config
check_metadata g-temp --live
lv_virsh metadata g-def "$ns_domain" --live > /dev/null 2>&1
report $((! $?)) "g-def has no live definition to write"

"$xcvrmap" publish -c "$LIBVIRTD_URI" > "$w/publish2.out" 2>&1
[ $? -eq 0 ] && [ "$(grep -c ': unchanged$' "$w/publish2.out")" -eq 3 ]
report $? "a second publish rewrites nothing" "$w/publish2.out"

"$xcvrmap" publish -c "$LIBVIRTD_URI" -d no-such-guest > "$w/publish3.out" 2>&1
[ $? -eq 1 ] && grep -q "no-such-guest" "$w/publish3.out"
report $? "publish -d of a domain that does not exist fails naming it" "$w/publish3.out"

"$xcvrmap" publish -c "$LIBVIRTD_URI" --remove -d g-run > "$w/remove.out" 2>&1
st=$?
grep -qx "g-run: removed (live, config)" "$w/remove.out" &&
    ! lv_virsh metadata g-run "$ns_domain" --live > /dev/null 2>&1 &&
    ! lv_virsh metadata g-run "$ns_domain" --config > /dev/null 2>&1 &&
    lv_virsh metadata g-def "$ns_domain" --config > /dev/null 2>&1
report $((st + $?)) "publish --remove -d g-run removes ours there only" "$w/remove.out"

# ---- the daemon changes under publish: a domain undefined mid-run, a write that hangs ----
proxy_start() { # ARGS…: stall-proxy.py in front of the daemon's socket; sets $proxy_uri
    rm -f "$w/proxy.out"
    python3 "$here/stall-proxy.py" "$w/proxy.sock" /run/libvirt/libvirt-sock "$@" \
        > "$w/proxy.out" 2>&1 &
    proxy_pid=$!
    for _ in $(seq 100); do
        grep -q ready "$w/proxy.out" 2>/dev/null && break
        sleep 0.1
    done
    proxy_uri="qemu+unix:///system?socket=$w/proxy.sock"
}
proxy_stop() {
    kill "$proxy_pid" 2>/dev/null
    wait "$proxy_pid" 2>/dev/null
}

lv_define_guest g-gone 64 "$macvtap<mac address='52:54:00:aa:00:05'/>$norom" >/dev/null
# g-def is written first (name order): before its metadata is read, g-gone is undefined
proxy_start --before 265 "virsh -c $LIBVIRTD_URI undefine g-gone >/dev/null"
"$xcvrmap" publish -c "$proxy_uri" > "$w/gone.out" 2> "$w/gone.err"
st=$?
proxy_stop
[ $st -eq 1 ] && grep -qx "g-gone: failed" "$w/gone.out" &&
    grep -q "g-gone: no such domain" "$w/gone.err" &&
    grep -qx "g-run: written (live, config)" "$w/gone.out" &&
    ! lv_virsh dominfo g-gone > /dev/null 2>&1
report $? "publish: a domain undefined mid-run fails alone, the others are written" \
    "$w/gone.out" "$w/gone.err"

"$xcvrmap" publish -c "$LIBVIRTD_URI" --remove -d g-run > /dev/null 2>&1
proxy_start --stall 264,265
"$xcvrmap" map -c "$proxy_uri" --no-modules -d g-run > "$w/proxied.out" 2>&1
report $? "map through the proxy (which relays everything but metadata calls)" \
    "$w/proxied.out" "$w/proxy.out"
start=$(date +%s%N)
"$xcvrmap" publish -c "$proxy_uri" --timeout 3 > "$w/stall.out" 2> "$w/stall.err"
st=$?
ms=$((($(date +%s%N) - start) / 1000000))
proxy_stop
[ $st -eq 1 ] && [ $ms -lt 4500 ] && [ "$(grep -c ': failed$' "$w/stall.out")" -eq 3 ] &&
    grep -q "did not answer before the deadline" "$w/stall.err"
report $? "publish --timeout 3 with a daemon that stops answering its writes ends in $ms ms" \
    "$w/stall.out" "$w/stall.err"

# ---- node devices of this machine ----
lv_virsh nodedev-list | sed '/^$/d' | sort > "$w/virsh-nodedevs"
"$xcvrmap" nodedev-list -c "$LIBVIRTD_URI" > "$w/nodedevs" 2>&1
cmp -s "$w/virsh-nodedevs" "$w/nodedevs"
report $? "nodedev-list is virsh nodedev-list" "$w/nodedevs" "$w/virsh-nodedevs"

pci=$(basename "$(readlink -f "/sys/class/net/$nic/device")")
case $pci in
*:*) ;;
*) pci=$(basename "$(dirname "$(readlink -f "/sys/class/net/$nic/device")")") ;;
esac
pci_dev=pci_$(echo "$pci" | tr ':.' '__')
net_dev=$(grep "^net_${nic}_" "$w/nodedevs" | head -n1)
"$xcvrmap" nodedev-list -c "$LIBVIRTD_URI" --annotated > "$w/annotated" 2>&1
grep -qx "$net_dev" "$w/annotated" && grep -qx "$pci_dev" "$w/annotated"
report $? "nodedev-list --annotated names $net_dev and $pci_dev" "$w/annotated"

for dev in "$net_dev" "$pci_dev" "$nic"; do
    name=$dev
    [ "$dev" = "$nic" ] && name=$net_dev
    lv_virsh nodedev-dumpxml "$name" > "$w/theirs.xml"
    "$xcvrmap" nodedev-dumpxml -c "$LIBVIRTD_URI" "$dev" > "$w/ours.xml" 2> "$w/ours.err"
    report $? "nodedev-dumpxml $dev" "$w/ours.err"
    python3 - "$w/theirs.xml" "$w/ours.xml" "$nic" "$pci" > "$w/nd.check" 2>&1 <<'EOF'
import re, sys
import xml.etree.ElementTree as ET
theirs, ours = open(sys.argv[1]).read(), open(sys.argv[2]).read()
nic, pci = sys.argv[3], sys.argv[4]
NS = "{urn:xcvrmap:nodedev:1}"
# virsh prints one newline more than libvirt's document holds
if theirs.endswith("\n\n"):
    theirs = theirs[:-1]
problems = []
m = re.search(r"  <xcvrmap:uplink .*?\n  </xcvrmap:uplink>\n", ours, re.S)
if not m:
    problems.append("no <xcvrmap:uplink> element")
else:
    if ours[:m.start()] + ours[m.end():] != theirs:
        problems.append("without our element it is not libvirt's document byte for byte")
    if ours[m.end():] != "</device>\n":
        problems.append("our element is not the last child of <device>")
    root = ET.fromstring(ours)
    up = root[-1]
    if up.get("netdev") != nic or up.get("pci") != pci:
        problems.append("uplink names %s %s" % (up.get("netdev"), up.get("pci")))
    link = up.find(NS + "link")
    if link is None or link.get("state") != "up":
        problems.append("link is not up")
    err = up.find(NS + "module-error")
    if err is None or err.get("code") != "not-supported":
        problems.append("a virtio NIC has no module: expected module-error not-supported")
    vnics = sorted(v.get("mac") for v in up.findall(NS + "vnic"))
    if vnics != ["52:54:00:aa:00:01", "52:54:00:aa:00:03"]:
        problems.append("vnics riding it: %s" % vnics)
for p in problems:
    print(p)
if problems:
    print("ours:\n" + ours + "\nlibvirt's:\n" + theirs)
sys.exit(1 if problems else 0)
EOF
    report $? "nodedev-dumpxml $dev: libvirt's text, then our uplink (link up, module \
not-supported, the two macvtap vNICs)" "$w/nd.check"
    xmllint --noout --relaxng "$schemas/xcvrmap-nodedev-libvirt.rng" "$w/ours.xml" \
        > "$w/nd.rng" 2>&1
    report $? "nodedev-dumpxml $dev: valid against libvirt's nodedev.rng with ours" "$w/nd.rng"
done

lo_dev=$(grep '^net_lo_' "$w/nodedevs" | head -n1)
if [ -n "$lo_dev" ]; then
    lv_virsh nodedev-dumpxml "$lo_dev" | sed '${/^$/d}' > "$w/lo-theirs.xml"
    "$xcvrmap" nodedev-dumpxml -c "$LIBVIRTD_URI" "$lo_dev" > "$w/lo-ours.xml" 2>&1
    cmp -s "$w/lo-theirs.xml" "$w/lo-ours.xml"
    report $? "nodedev-dumpxml $lo_dev: a device we know nothing of is printed unchanged" \
        "$w/lo-ours.xml"
fi
"$xcvrmap" nodedev-dumpxml -c "$LIBVIRTD_URI" net_no_such_device > "$w/nd-bad.out" 2>&1
[ $? -eq 1 ] && grep -q "no node device 'net_no_such_device'" "$w/nd-bad.out"
report $? "nodedev-dumpxml of a device that does not exist fails naming it" "$w/nd-bad.out"

# ---- the daemon stops answering, then goes ----
kill -STOP "$_lv_libvirtd_pid"
start=$(date +%s%N)
"$xcvrmap" map -c "$LIBVIRTD_URI" --timeout 2 > "$w/hung.out" 2>&1
st=$?
ms=$((($(date +%s%N) - start) / 1000000))
kill -CONT "$_lv_libvirtd_pid"
[ $st -eq 1 ] && [ $ms -lt 3500 ] && grep -q "did not answer before the deadline" "$w/hung.out"
report $? "map --timeout 2 on a stopped libvirtd ends in ${ms} ms with an error" "$w/hung.out"

kill "$_lv_libvirtd_pid"
for _ in $(seq 100); do
    kill -0 "$_lv_libvirtd_pid" 2>/dev/null || break
    sleep 0.1
done
"$xcvrmap" map -c "$LIBVIRTD_URI" > "$w/gone.out" 2>&1
[ $? -eq 1 ] && grep -q "cannot connect to libvirt at 'qemu:///system'" "$w/gone.out"
report $? "map once libvirtd has gone: cannot connect, exit 1" "$w/gone.out"

echo "passed: $passed, failed: $failed"
[ "$failed" -eq 0 ]
