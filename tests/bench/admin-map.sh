#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# admin-map.sh: what an admin writes to answer "which physical port does each VM NIC leave
# through, and is its link up": virsh for the domains and their interfaces, sysfs for the
# way down (master, brif/, bonding/slaves, lower_*, device/physfn), ovs-vsctl for Open
# vSwitch ports, cat for link state. The benchmark's baseline (tests/bench/bench-map.sh).
#
#   admin-map.sh URI ROOT [OVSDB_SOCKET]
#
# Prints one line per interface: DOMAIN MAC TYPE -> PORT(operstate,speed) ...
# ROOT is where sys/ lives ("/" on a real host).

uri=$1
root=${2:-/}
ovsdb=$3
net=$root/sys/class/net
pci=$root/sys/bus/pci/devices

vsctl() {
    if [ -n "$ovsdb" ]; then
        ovs-vsctl --db="unix:$ovsdb" "$@"
    else
        ovs-vsctl "$@"
    fi
}

port_state() {
    printf ' %s(%s,%s)' "$1" "$(cat "$net/$1/operstate" 2>/dev/null)" \
        "$(cat "$net/$1/speed" 2>/dev/null)"
}

# Physical ports under netdev $1 (toward the wire).
down() {
    d=$net/$1
    if [ ! -e "$d" ]; then
        printf ' ?%s' "$1"
    elif [ -d "$d/bridge" ]; then
        for p in "$d"/brif/*; do
            p=${p##*/}
            # a tap in the bridge is another VM, not a way out
            [ -e "$net/$p/tun_flags" ] && continue
            [ "$p" = "*" ] || down "$p"
        done
    elif [ -d "$d/bonding" ]; then
        for m in $(cat "$d/bonding/slaves"); do
            down "$m"
        done
    elif [ -e "$d/device/physfn" ]; then
        for p in "$d"/device/physfn/net/*; do
            down "${p##*/}"
        done
    elif [ -e "$d/device" ]; then
        port_state "$1"
    else
        found=
        for l in "$d"/lower_*; do
            [ -e "$l" ] || continue
            found=1
            down "${l##*/lower_}"
        done
        if [ -z "$found" ] && [ -e "$d/master" ]; then
            m=$(basename "$(readlink "$d/master")")
            if [ "$m" = ovs-system ]; then
                br=$(vsctl iface-to-br "$1")
                for i in $(vsctl list-ifaces "$br"); do
                    [ -e "$net/$i/device" ] && down "$i"
                done
            else
                down "$m"
            fi
        fi
    fi
}

# The PCI address of domain $1's first hostdev interface.
hostdev_addr() {
    virsh -c "$uri" dumpxml "$1" |
        sed -n "/<interface type='hostdev'/,/<\/interface>/p" |
        sed -n "s/.*domain='0x\(....\)' bus='0x\(..\)' slot='0x\(..\)' function='0x\(.\)'.*/\1:\2:\3.\4/p" |
        head -n 1
}

# One line for interface $2 (type $3, source $4, MAC $5) of domain $1.
show_iface() {
    printf '%s %s %s ->' "$1" "$5" "$3"
    case $3 in
    hostdev)
        addr=$(hostdev_addr "$1")
        for p in "$pci/$addr"/physfn/net/*; do
            [ -e "$p" ] && port_state "${p##*/}"
        done
        ;;
    user)
        printf ' (user-mode)'
        ;;
    *)
        if [ -e "$net/$2" ]; then
            down "$2"
        elif [ "$3" = bridge ] || [ "$3" = direct ]; then
            down "$4"
        else
            printf ' (not running)'
        fi
        ;;
    esac
    printf '\n'
}

# admin-map-batched.sh runs its own loop over these functions
[ "${ADMIN_MAP_FUNCTIONS_ONLY:-}" = 1 ] && return 0

for dom in $(virsh -c "$uri" list --all --name); do
    virsh -c "$uri" domiflist "$dom" | tail -n +3 | while read -r ifname type source model mac; do
        [ -n "$mac" ] || continue
        show_iface "$dom" "$ifname" "$type" "$source" "$mac"
    done
done
