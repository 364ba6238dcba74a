#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# test-topo-netns.sh: the topology walker over a real kernel topology, in a network
# namespace of its own, read through that namespace's /sys (root "/").
#
# Usage: test-topo-netns.sh TOPO-PROBE
#
# Builds: bridge xbr0 with tap xtap0, a 15-character tap and veth end xveth1 (peer xveth0);
# veth pair xvb0/xvb1 with macvtap xmvt0 on xvb0 and macvlan xmv0 on xvb1; vxlan xvx0 with
# no underlay device (routed) as a port of bridge xbr1 with tap xtap1; vxlan xvx1 on xvb0.
# Every device here is virtual (no `device` link), so every walk finds no uplink; the
# checks are on the path reported before giving up. Needs root (CAP_SYS_ADMIN for
# `ip netns add`); without it prints a skip message and exits 77. A device type the kernel
# cannot create here is noted and its checks skipped. Prints "N passed, M failed" last; exit
# status 1 when a check failed.
set -u

if [ $# -ne 1 ]; then
    echo "Usage: $0 TOPO-PROBE" >&2
    exit 2
fi
probe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
if [ ! -x "$probe" ]; then
    echo "$0: $1 is not an executable" >&2
    exit 2
fi
if ! command -v ip >/dev/null 2>&1; then
    echo "SKIP: ip not found"
    exit 77
fi

# shellcheck source=../netns-lib.sh
. "$(dirname "$0")/../netns-lib.sh"
netns_setup xtopo

# have[NAME]=1 for each device made
declare -A have
mk() { # mk NAME COMMAND...: runs `ip COMMAND...` in the namespace
    local name=$1
    shift
    if in_ns ip "$@" 2>"$work/err"; then
        have[$name]=1
    else
        echo "NOTE: cannot make $name (ip $*): $(head -n1 "$work/err")"
    fi
}
long=xtap-15-chars-a # IFNAMSIZ - 1 = 15 characters
mk xbr0 link add xbr0 type bridge
mk xbr1 link add xbr1 type bridge
mk xtap0 tuntap add dev xtap0 mode tap
mk "$long" tuntap add dev "$long" mode tap
mk xtap1 tuntap add dev xtap1 mode tap
mk xveth0 link add xveth0 type veth peer name xveth1
[ -n "${have[xveth0]:-}" ] && have[xveth1]=1
mk xvb0 link add xvb0 type veth peer name xvb1
[ -n "${have[xvb0]:-}" ] && have[xvb1]=1
[ -n "${have[xvb0]:-}" ] && mk xmvt0 link add xmvt0 link xvb0 type macvtap mode bridge
[ -n "${have[xvb1]:-}" ] && mk xmv0 link add xmv0 link xvb1 type macvlan mode bridge
mk xvx0 link add xvx0 type vxlan id 42 dstport 4789 local 192.0.2.1
[ -n "${have[xvb0]:-}" ] && mk xvx1 link add xvx1 type vxlan id 43 dstport 4789 dev xvb0
for port in xtap0 "$long" xveth1; do
    [ -n "${have[xbr0]:-}" ] && [ -n "${have[$port]:-}" ] && in_ns ip link set "$port" master xbr0
done
for port in xtap1 xvx0; do
    [ -n "${have[xbr1]:-}" ] && [ -n "${have[$port]:-}" ] && in_ns ip link set "$port" master xbr1
done
echo "devices in $ns: $(in_ns ls /sys/class/net | tr '\n' ' ')"

# 0. `ip netns exec` shows the namespace's own netdevs in /sys: lo and ours, not the host's.
in_ns ls /sys/class/net >"$work/ls"
bad=0
grep -qx lo "$work/ls" || bad=1
[ -n "${have[xbr0]:-}" ] && { grep -qx xbr0 "$work/ls" || bad=1; }
for dev in $(ls /sys/class/net); do
    [ "$dev" = lo ] && continue
    grep -qxF "$dev" "$work/ls" && bad=1
done
report $bad "/sys in the namespace lists the namespace's netdevs only" "$work/ls"

# check_path DEV EXPECTED: the probe's path for DEV, as "kind:name kind:name …", is
# EXPECTED, and the walk found no uplink.
check_path() {
    local dev=$1 want=$2 got
    in_ns "$probe" "$dev" >"$work/out" 2>"$work/err"
    local rc=$?
    got=$(awk -F'\t' '$1 == "path" { printf "%s%s:%s", sep, $2, $3; sep = " " }' "$work/out")
    local ok=0
    [ $rc -eq 0 ] || ok=1
    [ "$got" = "$want" ] || ok=1
    grep -qx "uplinks	0" "$work/out" || ok=1
    echo "expected: $want" >"$work/why"
    echo "got:      $got (exit $rc)" >>"$work/why"
    report $ok "$dev: path '$want', no uplink" "$work/why" "$work/out" "$work/err"
}
# check_detail DEV NAME DETAIL: the path hop NAME has detail DETAIL.
check_detail() {
    local dev=$1 name=$2 want=$3
    in_ns "$probe" "$dev" >"$work/out" 2>"$work/err"
    awk -F'\t' -v n="$name" -v d="$want" '$1 == "path" && $3 == n && $4 == d { f = 1 }
        END { exit f ? 0 : 1 }' "$work/out"
    report $? "$dev: hop $name has detail '$want'" "$work/out" "$work/err"
}
needs() { # needs DEV...: all were made
    local d
    for d in "$@"; do
        if [ -z "${have[$d]:-}" ]; then
            echo "SKIPPED CHECK: needs $d"
            return 1
        fi
    done
}

# 1. tap → bridge (the bridge's other ports, a tap and a veth end, lead nowhere)
needs xtap0 xbr0 && check_path xtap0 "tap:xtap0 bridge:xbr0"
needs "$long" xbr0 && check_path "$long" "tap:$long bridge:xbr0"
# 2. veth → its peer → the peer's bridge
needs xveth0 xbr0 && check_path xveth0 "veth:xveth0 veth:xveth1 bridge:xbr0"
needs xveth0 && check_detail xveth0 xveth0 "peer xveth1"
# 3. a bridge port that is a veth end: straight to its bridge
needs xveth1 xbr0 && check_path xveth1 "veth:xveth1 bridge:xbr0"
# 4. macvtap → its lower veth → the peer
needs xmvt0 && check_path xmvt0 "macvtap:xmvt0 veth:xvb0 veth:xvb1"
# 5. macvlan → its lower veth → the peer
needs xmv0 && check_path xmv0 "macvlan:xmv0 veth:xvb1 veth:xvb0"
# 6. vxlan without an underlay device: routed
needs xvx0 && check_path xvx0 "vxlan:xvx0"
needs xvx0 && check_detail xvx0 xvx0 "routed (underlay not determinable)"
# 7. a tap on a bridge whose only other port is a routed vxlan
needs xtap1 xbr1 xvx0 && check_path xtap1 "tap:xtap1 bridge:xbr1 vxlan:xvx0"
# 8. vxlan with an underlay device: to it, and on to its peer
needs xvx1 && check_path xvx1 "vxlan:xvx1 veth:xvb0 veth:xvb1"
needs xvx1 && check_detail xvx1 xvx1 "underlay xvb0"
# 9. the bridge itself, and lo
needs xbr0 && check_path xbr0 "bridge:xbr0"
check_path lo "other:lo"

# 10. a name no device has: no-device; a name with '/': invalid-argument; exit status 1
in_ns "$probe" xnosuch0 >"$work/out" 2>"$work/err"
rc=$?
grep -q "^error	no-device	" "$work/out"
ok=$?
[ $rc -eq 1 ] || ok=1
report $ok "a name no device has: no-device, exit status 1 (got $rc)" "$work/out" "$work/err"
in_ns "$probe" ../xbr0 >"$work/out" 2>"$work/err"
grep -q "^error	invalid-argument	" "$work/out"
report $? "a name holding '/': invalid-argument" "$work/out" "$work/err"

# 11. one bad name among good ones: only that one fails
if needs xtap0; then
    in_ns "$probe" xtap0 xnosuch0 lo >"$work/out" 2>"$work/err"
    ok=0
    [ "$(grep -c '^uplinks	0$' "$work/out")" -eq 2 ] || ok=1
    [ "$(grep -c '^error	' "$work/out")" -eq 1 ] || ok=1
    report $ok "xtap0 xnosuch0 lo: two walks, one error" "$work/out" "$work/err"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
