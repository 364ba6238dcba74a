#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# libvirtd-lib.sh: a real libvirtd (QEMU driver, qemu:///system) of the test's own, for the
# tests that need the daemon rather than libvirt's in-process test driver. Source it, then:
#
#   libvirtd_enter "$0" "$@"   re-runs the calling script in a private mount namespace
#                              (unshare -m), once; exits 77 (skip) with the reason where
#                              that or the daemon cannot be had (not root, no libvirtd,
#                              virtlogd or qemu-system-x86_64, no unshare).
#   libvirtd_start             makes libvirt's state, run, log and config directories
#                              private tmpfs mounts, starts virtlogd and `libvirtd -t 600`
#                              and waits until qemu:///system answers (77 if it never does).
#                              Everything is torn down on exit, whatever the exit: guests
#                              destroyed, daemons stopped by their pids, the netdevs the
#                              test registered removed. Nothing of the host's own libvirt
#                              (a running libvirtd, /etc/libvirt, defined guests) is seen
#                              or touched: those paths are other mounts in here.
#   lv_virsh ARGS…             virsh -c qemu:///system ARGS…
#   lv_define_guest NAME MEMMIB INTERFACE-XML…  defines a disk-less TCG guest (domain type
#                              qemu, pc machine, serial console to a log) with these
#                              <interface> elements
#   lv_start_guest NAME        starts a defined guest; lv_create_guest FILE starts a
#                              transient one; either way its netdevs (a macvtap outlives a
#                              daemon that was killed) are removed at teardown
#   lv_netdev_cleanup NAME     removes netdev NAME (a bridge the test made) at teardown
#   report OK NAME [FILE…], with the passed/failed counters, as netns-lib.sh has it.
#
# Environment: LIBVIRTD_URI (qemu:///system), LIBVIRTD_WORK (scratch directory, removed).
# Set XCVR_SKIP_LIBVIRTD=1 to skip (the sanitizer stage of CI does: one daemon per run).

LIBVIRTD_URI=qemu:///system
export LIBVIRTD_URI

_lv_skip() {
    echo "SKIP: $*"
    exit 77
}

libvirtd_enter() {
    local tool
    if [ -n "${XCVR_SKIP_LIBVIRTD:-}" ]; then
        _lv_skip "XCVR_SKIP_LIBVIRTD is set (the real-libvirtd tests run in one CI stage only)"
    fi
    if [ "${_LV_IN_NS:-}" = 1 ]; then
        return 0
    fi
    [ "$(id -u)" -eq 0 ] || _lv_skip "a private libvirtd with the QEMU driver needs root"
    for tool in libvirtd virtlogd virsh qemu-system-x86_64 unshare; do
        command -v "$tool" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin:/sbin command -v "$tool" \
            >/dev/null 2>&1 || _lv_skip "no $tool here (apt-get install libvirt-daemon" \
            "libvirt-daemon-driver-qemu qemu-system-x86 libvirt-clients)"
    done
    export _LV_IN_NS=1
    export PATH=$PATH:/usr/sbin:/sbin
    # a private mount namespace: libvirt's directories become this test's tmpfs mounts, and
    # vanish with it
    exec unshare --mount --propagation private -- "$@"
}

# The directories a system-mode libvirtd and its QEMU driver use (Debian's build).
_LV_DIRS="/run/libvirt /var/lib/libvirt /var/log/libvirt /var/cache/libvirt /etc/libvirt"

_lv_teardown() {
    local status=$? dom pid pidfile name
    set +e
    if [ -n "${_lv_libvirtd_pid:-}" ] && kill -0 "$_lv_libvirtd_pid" 2>/dev/null; then
        for dom in $(virsh -c "$LIBVIRTD_URI" list --name 2>/dev/null); do
            timeout 20 virsh -c "$LIBVIRTD_URI" destroy "$dom" >/dev/null 2>&1
        done
        for dom in $(virsh -c "$LIBVIRTD_URI" list --all --name 2>/dev/null); do
            timeout 20 virsh -c "$LIBVIRTD_URI" undefine "$dom" >/dev/null 2>&1
        done
        for name in $(virsh -c "$LIBVIRTD_URI" net-list --all --name 2>/dev/null); do
            timeout 20 virsh -c "$LIBVIRTD_URI" net-destroy "$name" >/dev/null 2>&1
            timeout 20 virsh -c "$LIBVIRTD_URI" net-undefine "$name" >/dev/null 2>&1
        done
    fi
    # any QEMU the daemon left (it writes one pid file per running guest): killed, and
    # waited for, so that its taps are gone before the macvtaps are removed below
    # (one pid per file, without a newline)
    for pidfile in /run/libvirt/qemu/*.pid; do
        [ -f "$pidfile" ] || continue
        pid=$(cat "$pidfile")
        kill -9 "$pid" 2>/dev/null
        for _ in $(seq 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
    done
    for pid in ${_lv_libvirtd_pid:-} ${_lv_virtlogd_pid:-}; do
        kill "$pid" 2>/dev/null
    done
    for pid in ${_lv_libvirtd_pid:-} ${_lv_virtlogd_pid:-}; do
        for _ in $(seq 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$pid" 2>/dev/null
    done
    for name in ${_lv_netdevs:-}; do
        ip link del "$name" 2>/dev/null
    done
    rm -rf "${LIBVIRTD_WORK:-/nonexistent}"
    exit "$status"
}

libvirtd_start() {
    local d i
    [ "${_LV_IN_NS:-}" = 1 ] || { echo "libvirtd_start: call libvirtd_enter first" >&2; exit 99; }
    LIBVIRTD_WORK=$(mktemp -d "${TMPDIR:-/tmp}/xcvr-libvirtd-XXXXXX")
    export LIBVIRTD_WORK
    trap _lv_teardown EXIT
    trap 'exit 130' INT TERM HUP
    passed=0
    failed=0

    # the host's /etc/libvirt (if any) copied, then ours on top: QEMU runs as root with no
    # relabelling, so nothing of the host's ownership or security setup is needed
    mkdir -p "$LIBVIRTD_WORK/etc"
    [ -d /etc/libvirt ] && cp -a /etc/libvirt/. "$LIBVIRTD_WORK/etc/"
    cat > "$LIBVIRTD_WORK/etc/qemu.conf" <<'EOF'
user = "root"
group = "root"
dynamic_ownership = 0
remember_owner = 0
security_driver = "none"
EOF
    cat > "$LIBVIRTD_WORK/etc/libvirtd.conf" <<'EOF'
unix_sock_group = "root"
unix_sock_ro_perms = "0777"
unix_sock_rw_perms = "0770"
auth_unix_ro = "none"
auth_unix_rw = "none"
EOF
    # The QEMU driver resolves its built-in user (Debian: libvirt-qemu) and the kvm group
    # before it reads qemu.conf; the packages that make them (libvirt-daemon-system) bring
    # systemd units this test does not want, so they are made here as system accounts.
    if ! getent group kvm >/dev/null; then
        groupadd -r kvm || _lv_skip "cannot create the system group kvm"
    fi
    if ! getent passwd libvirt-qemu >/dev/null; then
        useradd -r -U -M -d /var/lib/libvirt -s /usr/sbin/nologin -G kvm libvirt-qemu ||
            _lv_skip "cannot create the system user libvirt-qemu"
    fi
    for d in $_LV_DIRS; do
        mkdir -p "$d" 2>/dev/null || _lv_skip "cannot make $d"
        if [ "$d" = /etc/libvirt ]; then
            mount --bind "$LIBVIRTD_WORK/etc" "$d" || _lv_skip "cannot mount over $d"
        else
            mount -t tmpfs -o mode=0755 tmpfs "$d" || _lv_skip "cannot mount a tmpfs on $d"
        fi
    done
    mkdir -p /var/log/libvirt/qemu /var/lib/libvirt/qemu /var/cache/libvirt/qemu

    # pid files of our own: the host's daemons keep theirs in /run, which is not ours
    virtlogd -p "$LIBVIRTD_WORK/virtlogd.pid" >"$LIBVIRTD_WORK/virtlogd.log" 2>&1 &
    _lv_virtlogd_pid=$!
    disown
    libvirtd -t 600 -p "$LIBVIRTD_WORK/libvirtd.pid" >"$LIBVIRTD_WORK/libvirtd.log" 2>&1 &
    _lv_libvirtd_pid=$!
    disown
    for i in $(seq 300); do
        if virsh -c "$LIBVIRTD_URI" version >/dev/null 2>&1; then
            return 0
        fi
        kill -0 "$_lv_libvirtd_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "libvirtd did not come up; its log:"
    sed 's/^/    /' "$LIBVIRTD_WORK/libvirtd.log" | tail -n 20
    _lv_skip "libvirtd could not be started here"
}

lv_virsh() {
    virsh -c "$LIBVIRTD_URI" "$@"
}

lv_netdev_cleanup() {
    _lv_netdevs="${_lv_netdevs:-} $1"
}

# the running guest NAME's host-side netdevs, registered for removal
_lv_guest_netdevs() {
    local dev
    for dev in $(lv_virsh domiflist "$1" 2>/dev/null | awk 'NR > 2 && $1 != "-" { print $1 }'); do
        lv_netdev_cleanup "$dev"
    done
}

lv_start_guest() {
    lv_virsh start "$1" && _lv_guest_netdevs "$1"
}

lv_create_guest() { # FILE: a transient guest from its XML
    local name
    name=$(sed -n 's:.*<name>\(.*\)</name>.*:\1:p' "$1" | head -n1)
    lv_virsh create "$1" && _lv_guest_netdevs "$name"
}

# lv_guest_xml NAME MEMMIB INTERFACE-XML…: a disk-less guest QEMU runs under TCG; its
# serial console goes to a file so the daemon needs no pty.
lv_guest_xml() {
    local name=$1 mem=$2
    shift 2
    cat <<EOF
<domain type='qemu'>
  <name>$name</name>
  <memory unit='MiB'>$mem</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>destroy</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <emulator>$(command -v qemu-system-x86_64)</emulator>
$(printf '    %s\n' "$@")
    <serial type='file'><source path='$LIBVIRTD_WORK/$name.console'/></serial>
    <video><model type='none'/></video>
    <memballoon model='none'/>
  </devices>
</domain>
EOF
}

lv_define_guest() {
    local name=$1
    lv_guest_xml "$@" > "$LIBVIRTD_WORK/$name.xml"
    lv_virsh define "$LIBVIRTD_WORK/$name.xml"
}

# lv_bridge_network NETWORK PREFIX: a Linux bridge (named PREFIX and the shell's pid, at
# most 15 bytes, removed at exit) and a libvirt network NETWORK in bridge mode on it, defined
# and started; sets $br, and reports the setup as one check.
lv_bridge_network() {
    local net=$1
    br=$2$$
    br=${br:0:15}
    ip link add "$br" type bridge && lv_netdev_cleanup "$br" && ip link set "$br" up
    printf "<network>\n  <name>%s</name>\n  <forward mode='bridge'/>\n  <bridge name='%s'/>\n</network>\n" \
        "$net" "$br" > "$LIBVIRTD_WORK/$net.xml"
    lv_virsh net-define "$LIBVIRTD_WORK/$net.xml" >/dev/null &&
        lv_virsh net-start "$net" >/dev/null
    report $? "a libvirt network on the test's bridge" "$LIBVIRTD_WORK/libvirtd.log"
}

report() { # report OK NAME [FILE...]: files are shown when the check failed
    local ok=$1 name=$2 f
    shift 2
    if [ "$ok" = 0 ]; then
        passed=$((passed + 1))
        echo "PASS: $name"
    else
        failed=$((failed + 1))
        echo "FAIL: $name"
        for f in "$@"; do
            [ -s "$f" ] && sed 's/^/    /' "$f" | head -n 40
        done
    fi
}
