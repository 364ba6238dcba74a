#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# test-ovsdb.sh: the Open vSwitch reader against a real ovsdb-server (database only, no
# ovs-vswitchd, no root) and against fake servers that misbehave.
#
# Usage: test-ovsdb.sh OVS-PROBE FAKE-OVSDB.PY
#
# Builds the topology of ovs-topology.sh with ovs-vsctl in a private ovsdb-server, then checks
# that ovs-probe prints expected-topology.txt (a) over the socket, (b) from
# `ovsdb-client dump --format=json` saved to a file, plain and --pretty, and from the three
# single-table dumps concatenated, and (c) from the committed tests/data/ovs/dump.json. Then
# the failures: a server that never answers (timeout within the deadline), a refused socket,
# a missing path, garbage, a closed connection, JSON-RPC and operation errors, an endless
# reply; and the good odd cases: an echo request first, a reply in 7-byte pieces, replies to
# other ids. Without ovsdb-server the real-server part is skipped (exit 77 when nothing ran).
# Prints "N passed, M failed" last; exit status 1 when a check failed.
set -u

if [ $# -ne 2 ]; then
    echo "Usage: $0 OVS-PROBE FAKE-OVSDB.PY" >&2
    exit 2
fi
probe=$1
fake=$2
here=$(cd "$(dirname "$0")" && pwd)
srcdir=${G_TEST_SRCDIR:-$here/..}
expected=$here/expected-topology.txt
schema=/usr/share/openvswitch/vswitch.ovsschema
PATH=$PATH:/usr/sbin:/sbin

# A unix socket path must fit in 108 bytes, so stay in /tmp when TMPDIR is deep.
base=${TMPDIR:-/tmp}
[ ${#base} -gt 60 ] && base=/tmp
tmp=$(mktemp -d "$base/xcvr-ovs.XXXXXX")
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do
        kill "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
    rm -rf "$tmp"
}
trap cleanup EXIT

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }

# check_same NAME EXPECTED-FILE ACTUAL-FILE
check_same() {
    if diff -u "$2" "$3" >"$tmp/diff"; then
        ok "$1"
    else
        not_ok "$1"
        cat "$tmp/diff"
    fi
}

# check_error NAME CODE OUTPUT-FILE [MESSAGE-PATTERN]: one "error CODE MESSAGE" line
check_error() {
    local line
    line=$(cat "$3")
    if [[ "$line" == error$'\t'"$2"$'\t'* ]] && [ "$(wc -l <"$3")" -eq 1 ] &&
       { [ $# -lt 4 ] || grep -q -- "$4" "$3"; }; then
        ok "$1: $line"
    else
        not_ok "$1: want error $2${4:+ matching '$4'}, got: $line"
    fi
}

now_ms() { date +%s%3N; }

# start_fakes MODE...: one fake server process serving $tmp/fake-MODE.sock for each MODE
start_fakes() {
    python3 "$fake" "$tmp" "$@" >"$tmp/fake.out" 2>"$tmp/fake.err" &
    pids+=($!)
    local i
    for i in $(seq 400); do
        grep -q ready "$tmp/fake.out" 2>/dev/null && return 0
        sleep 0.05
    done
    echo "fake server did not start:" >&2
    cat "$tmp/fake.err" >&2
    return 1
}

queries=(--vhostuser /var/run/vhost/vhuc1.sock --vhostuser /var/run/openvswitch/vhu1
         --vhostuser /tmp/nobody.sock --external-id attached-mac=52:54:00:ab:cd:ef
         --external-id iface-id=5a1f1c1e-7bd8-4d54-9a3e-0a4f3c9b2d11
         --external-id vm-uuid=0D3C4A4E-1F6B-4C8E-8A4E-2F0B9D7C6E55)

# ---- a real ovsdb-server ----

real=yes
for tool in ovsdb-server ovsdb-tool ovsdb-client ovs-vsctl; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "# SKIP real-server checks: $tool not found"
        real=no
    fi
done
if [ "$real" = yes ] && [ ! -r "$schema" ]; then
    echo "# SKIP real-server checks: no $schema"
    real=no
fi

if [ "$real" = yes ]; then
    sock=$tmp/db.sock
    ovsdb-tool create "$tmp/conf.db" "$schema" || exit 1
    ovsdb-server --remote="punix:$sock" --unixctl="$tmp/ctl" --pidfile="$tmp/pid" \
        --no-chdir --log-file="$tmp/ovsdb.log" "$tmp/conf.db" 2>"$tmp/ovsdb.err" &
    pids+=($!)
    for _ in $(seq 100); do
        [ -S "$sock" ] && break
        sleep 0.05
    done
    vsctl=(ovs-vsctl --db="unix:$sock" --no-wait --timeout=5)
    # shellcheck source=ovs-topology.sh
    . "$here/ovs-topology.sh"
    if "${vsctl[@]}" init && ovs_build_topology "${vsctl[@]}"; then
        ok "ovs-vsctl built the topology"
    else
        not_ok "ovs-vsctl built the topology"
        cat "$tmp/ovsdb.err" "$tmp/ovsdb.log" 2>/dev/null
    fi

    "$probe" "${queries[@]}" "$sock" >"$tmp/socket.out"
    check_same "model over the socket" "$expected" "$tmp/socket.out"

    ovsdb-client dump --format=json "unix:$sock" >"$tmp/dump.json"
    "$probe" "${queries[@]}" "$tmp/dump.json" >"$tmp/dump.out"
    check_same "model from ovsdb-client dump --format=json" "$tmp/socket.out" "$tmp/dump.out"

    ovsdb-client dump --format=json --pretty "unix:$sock" >"$tmp/pretty.json"
    "$probe" "${queries[@]}" "$tmp/pretty.json" >"$tmp/pretty.out"
    check_same "model from a --pretty dump" "$tmp/socket.out" "$tmp/pretty.out"

    for t in Interface Bridge Port; do
        ovsdb-client dump --format=json "unix:$sock" Open_vSwitch "$t"
    done >"$tmp/tables.json"
    "$probe" "${queries[@]}" "$tmp/tables.json" >"$tmp/tables.out"
    check_same "model from three single-table dumps" "$tmp/socket.out" "$tmp/tables.out"

    # Columns named on the command line leave out _uuid: refused, with the reason.
    ovsdb-client dump --format=json "unix:$sock" Open_vSwitch Bridge name ports >"$tmp/cols.json"
    ovsdb-client dump --format=json "unix:$sock" Open_vSwitch Port >>"$tmp/cols.json"
    ovsdb-client dump --format=json "unix:$sock" Open_vSwitch Interface >>"$tmp/cols.json"
    "$probe" "$tmp/cols.json" >"$tmp/cols.out"
    check_error "dump without _uuid" invalid-data "$tmp/cols.out" "_uuid"

    # The reader's own deadline holds against the real server too.
    start=$(now_ms)
    "$probe" --timeout 2000 "$sock" >/dev/null
    elapsed=$(($(now_ms) - start))
    if [ "$elapsed" -lt 2000 ]; then
        ok "real server answers in ${elapsed} ms"
    else
        not_ok "real server took ${elapsed} ms"
    fi
fi

"$probe" "${queries[@]}" "$srcdir/data/ovs/dump.json" >"$tmp/fixture.out"
check_same "model from the committed tests/data/ovs/dump.json" "$expected" "$tmp/fixture.out"

# ---- failures ----

"$probe" "$tmp/missing.sock" >"$tmp/out"
check_error "missing path" no-device "$tmp/out" "missing.sock"

"$probe" "$tmp" >"$tmp/out"
check_error "a directory" invalid-argument "$tmp/out"

printf 'not json at all\n' >"$tmp/garbage.json"
"$probe" "$tmp/garbage.json" >"$tmp/out"
check_error "garbage file" invalid-data "$tmp/out" "garbage.json"

if ! command -v python3 >/dev/null 2>&1; then
    echo "# SKIP fake-server checks: python3 not found"
else
    start_fakes hang refuse garbage close rpc-error op-error flood echo other-id
    fsock=$tmp/fake-hang.sock
    start=$(now_ms)
    "$probe" --timeout 500 "$fsock" >"$tmp/out"
    elapsed=$(($(now_ms) - start))
    check_error "server never answers" timeout "$tmp/out" "fake-hang.sock"
    if [ "$elapsed" -ge 450 ] && [ "$elapsed" -lt 2500 ]; then
        ok "timeout after ${elapsed} ms (deadline 500 ms)"
    else
        not_ok "timeout after ${elapsed} ms (deadline 500 ms)"
    fi

    fsock=$tmp/fake-refuse.sock
    "$probe" "$fsock" >"$tmp/out"
    check_error "refused socket" io "$tmp/out" "refused"

    fsock=$tmp/fake-garbage.sock
    "$probe" "$fsock" >"$tmp/out"
    check_error "server sends garbage" invalid-data "$tmp/out" "not JSON"

    fsock=$tmp/fake-close.sock
    "$probe" "$fsock" >"$tmp/out"
    check_error "server closes without answering" io "$tmp/out" "closed"

    fsock=$tmp/fake-rpc-error.sock
    "$probe" "$fsock" >"$tmp/out"
    check_error "JSON-RPC error" invalid-data "$tmp/out" "unknown database"

    fsock=$tmp/fake-op-error.sock
    "$probe" "$fsock" >"$tmp/out"
    check_error "operation error" invalid-data "$tmp/out" "select on Port: syntax error"

    fsock=$tmp/fake-flood.sock
    "$probe" --timeout 20000 "$fsock" >"$tmp/out"
    check_error "endless reply" invalid-data "$tmp/out" "MiB"

    printf '%s\n' \
        "bridge	br9	datapath=system	ports=eth9" \
        "port	eth9	bridge=br9	ifaces=eth9	tag=-	trunks=-	bond_mode=-	lacp=-	bond_active=-	fake_bridge=no" \
        "iface	eth9	port=eth9	kind=system	type=-	mac=52:54:00:00:00:99	link=up	peer=-	devargs=-	vhost_server_path=-	remote_ip=-	external_ids=attached-mac=52:54:00:00:00:99" \
        >"$tmp/fake.expected"
    fsock=$tmp/fake-echo.sock
    "$probe" "$fsock" >"$tmp/out"
    check_same "echo answered, reply in 7-byte pieces" "$tmp/fake.expected" "$tmp/out"

    fsock=$tmp/fake-other-id.sock
    "$probe" "$fsock" >"$tmp/out"
    check_same "other ids and notifications skipped" "$tmp/fake.expected" "$tmp/out"
    if [ -s "$tmp/fake.err" ]; then
        not_ok "the fake servers saw a client break the protocol: $(cat "$tmp/fake.err")"
    fi
fi

echo "$passed passed, $failed failed"
if [ "$failed" -ne 0 ]; then
    exit 1
fi
if [ "$passed" -eq 0 ]; then
    exit 77
fi
exit 0
