#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# test-netns.sh: `xcvrmap module` against the real kernel, in a network namespace of its own
# holding only virtual devices (a bridge, a veth pair, a tap, lo), no shim.
#
# Usage: test-netns.sh XCVRMAP
#
# Checks: each virtual device gives error code not-supported (the kernel answers
# ETHTOOL_MSG_MODULE_EEPROM_GET and ETHTOOL_GMODULEINFO with EOPNOTSUPP for drivers without
# module EEPROM operations); a name no device has gives no-device (ENODEV); `--all` lists
# no interface (none has a `device` link): {"modules": []} with exit status 0. Needs root
# (CAP_SYS_ADMIN for `ip netns add`); without it prints a skip message and exits 77.
# The namespace is removed on exit. Prints "N passed, M failed" last; exit status 1 when
# a check failed.
set -u

if [ $# -ne 1 ]; then
    echo "Usage: $0 XCVRMAP" >&2
    exit 2
fi
xcvrmap=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
if [ ! -x "$xcvrmap" ]; then
    echo "$0: $1 is not an executable" >&2
    exit 2
fi
for tool in ip python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIP: $tool not found"
        exit 77
    fi
done

# shellcheck source=../netns-lib.sh
. "$(dirname "$0")/../netns-lib.sh"
netns_setup xcvrtest

# The devices: a bridge, a veth pair, a tap (if the kernel has tun), and lo.
devices=(lo)
if in_ns ip link add xbr0 type bridge 2>"$work/err"; then
    devices+=(xbr0)
else
    echo "NOTE: no bridge: $(cat "$work/err")"
fi
if in_ns ip link add xveth0 type veth peer name xveth1 2>"$work/err"; then
    devices+=(xveth0 xveth1)
else
    echo "NOTE: no veth: $(cat "$work/err")"
fi
if in_ns ip tuntap add dev xtap0 mode tap 2>"$work/err"; then
    devices+=(xtap0)
else
    echo "NOTE: no tap: $(cat "$work/err")"
fi
for dev in "${devices[@]}"; do
    in_ns ip link set "$dev" up 2>/dev/null
done
echo "devices in $ns: $(in_ns ip -br link | awk '{ print $1 }' | tr '\n' ' ')"

# check_json FILE PYTHON-EXPR: evaluates EXPR with `doc` the parsed JSON of FILE.
check_json() {
    python3 - "$1" "$2" <<'EOF'
import json, sys
try:
    with open(sys.argv[1]) as f:
        doc = json.load(f)
except (OSError, ValueError) as e:
    print("not JSON: %s" % e)
    sys.exit(1)
ok = eval(sys.argv[2], {"doc": doc})
if not ok:
    print(json.dumps(doc, indent=1)[:3000])
sys.exit(0 if ok else 1)
EOF
}

# 1. Every virtual device: not-supported, one entry each, in order; exit status 1.
in_ns "$xcvrmap" module --format json --verbose "${devices[@]}" >"$work/out" 2>"$work/err"
rc=$?
want=$(printf '"%s",' "${devices[@]}")
check_json "$work/out" "[e.get('name') for e in doc['modules']] == [${want%,}] and \
all(e.get('error') == 'not-supported' and e.get('message') for e in doc['modules'])" \
    >"$work/why"
report $? "virtual devices (${devices[*]}): each not-supported" "$work/why" "$work/err"
report $((rc == 1 ? 0 : 1)) "virtual devices: exit status 1 (got $rc)" "$work/err"
sed 's/^/    /' "$work/err"

# 2. The same in text: nothing on stdout (no heading without a module under it), each
#    error once on stderr with the device's name and code.
in_ns "$xcvrmap" module "${devices[@]}" >"$work/out" 2>"$work/err"
bad=0
for dev in "${devices[@]}"; do
    [ "$(grep -c "^xcvrmap: $dev: .* (not-supported)$" "$work/err")" -eq 1 ] || bad=1
done
[ -s "$work/out" ] && bad=1
report $bad "virtual devices, text: each error once on stderr, nothing on stdout" \
    "$work/out" "$work/err"

# 3. A name no device has: no-device (ENODEV from the kernel).
in_ns "$xcvrmap" module --format json xnosuch0 >"$work/out" 2>"$work/err"
rc=$?
check_json "$work/out" "doc['modules'][0].get('error') == 'no-device'" >"$work/why"
ok=$?
[ $rc -eq 1 ] || ok=1
report $ok "a name no device has: no-device, exit status 1 (got $rc)" "$work/why" "$work/err"

# 4. --all: nothing in this namespace has a device link.
in_ns "$xcvrmap" module --all --format json >"$work/out" 2>"$work/err"
rc=$?
check_json "$work/out" "doc == {'modules': []}" >"$work/why"
ok=$?
[ $rc -eq 0 ] || ok=1
report $ok "--all lists no interface: {\"modules\": []}, exit status 0 (got $rc)" \
    "$work/why" "$work/out" "$work/err"

in_ns "$xcvrmap" module --all >"$work/out" 2>"$work/err"
rc=$?
report $((rc == 0 ? 0 : 1)) "--all in text: exit status 0 (got $rc)" "$work/out" "$work/err"
echo "    --all text output: stdout '$(head -c 200 "$work/out")'" \
    "stderr '$(head -c 200 "$work/err")'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
