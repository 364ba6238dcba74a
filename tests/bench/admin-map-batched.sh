#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# admin-map-batched.sh: admin-map.sh as an admin writes it once one virsh per domain proves
# slow: ONE virsh process runs every `domiflist` (a command list on its stdin), one more
# every `dumpxml` a hostdev interface needs; then each interface is resolved as admin-map.sh
# resolves it (sysfs, ovs-vsctl, cat), with admin-map.sh's own functions. The benchmark's
# baseline (tests/bench/bench-scale.sh). Same output as admin-map.sh.
#
#   admin-map-batched.sh URI ROOT [OVSDB_SOCKET]

here=$(cd "$(dirname "$0")" && pwd)
ADMIN_MAP_FUNCTIONS_ONLY=1
# admin-map.sh reads URI ROOT OVSDB_SOCKET from the positional parameters
. "$here/admin-map.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/xcvr-admin-batched-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

virsh -c "$uri" list --all --name >"$work/domains"

# every domain's interfaces from one virsh, which echoes each command after its prompt
# ("virsh # domiflist DOMAIN") before the table
while read -r dom; do
    [ -n "$dom" ] && printf 'domiflist %s\n' "$dom"
done <"$work/domains" | virsh -c "$uri" >"$work/iflist" 2>/dev/null

# the domains with a hostdev interface: their XML from one more virsh
awk '$1 == "virsh" && $3 == "domiflist" { dom = $4 } $2 == "hostdev" { print dom }' \
    "$work/iflist" | sort -u >"$work/hostdev-domains"
if [ -s "$work/hostdev-domains" ]; then
    while read -r dom; do
        printf 'dumpxml %s\n' "$dom"
    done <"$work/hostdev-domains" | virsh -c "$uri" >"$work/dumpxml" 2>/dev/null
fi

# admin-map.sh asks virsh per domain; here the address comes from the batch
hostdev_addr() {
    awk -v dom="$1" '$1 == "virsh" && $2 == "#" { on = ($3 == "dumpxml" && $4 == dom); next } on' \
        "$work/dumpxml" |
        sed -n "/<interface type='hostdev'/,/<\/interface>/p" |
        sed -n "s/.*domain='0x\(....\)' bus='0x\(..\)' slot='0x\(..\)' function='0x\(.\)'.*/\1:\2:\3.\4/p" |
        head -n 1
}

dom=
while read -r ifname type source model mac; do
    if [ "$ifname $type" = "virsh #" ]; then
        [ "$source" = domiflist ] && dom=$model
        continue
    fi
    case $ifname in
    Interface | -*)
        continue
        ;;
    esac
    # the banner before the first prompt; then the table rows
    [ -n "$dom" ] && [ -n "$mac" ] || continue
    show_iface "$dom" "$ifname" "$type" "$source" "$mac"
done <"$work/iflist"
