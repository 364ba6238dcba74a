#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# test-unit.sh SYSTEMD-ANALYZE UNIT XCVRMAP MANPAGE: the unit of `xcvrmap watch` is one
# systemd accepts (systemd-analyze verify: every directive known, the command executable,
# man:xcvrmap-watch(1) found), runs the command the packages describe, and keeps the
# hardening it was given (systemd-analyze security --offline, exposure at most 3.0).
# The configured unit names the installed command; the copy verified here names XCVRMAP.
set -u
analyze=$1 unit=$2 manpage=$4
xcvrmap=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
n=0 failed=0
check() {
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/man/man1"
cp "$manpage" "$tmp/man/man1/"
sed "s|^ExecStart=[^ ]*/xcvrmap |ExecStart=$xcvrmap |" "$unit" > "$tmp/xcvrmap-watch.service"

echo 1..6
grep -q "^ExecStart=$xcvrmap watch " "$tmp/xcvrmap-watch.service"
check $? "the copy runs the built command"
out=$(MANPATH="$tmp/man" "$analyze" verify "$tmp/xcvrmap-watch.service" 2>&1)
rc=$?
[ $rc -eq 0 ] && [ -z "$out" ]
check $? "systemd-analyze verify: no complaint"
[ -n "$out" ] && echo "$out" | sed 's/^/#   /'
grep -q '^ExecStart=.*/xcvrmap watch --state-dir /var/lib/xcvrmap --textfile /var/lib/prometheus/node-exporter/xcvrmap.prom$' "$unit"
check $? "ExecStart: xcvrmap watch with the state dir and the node_exporter text file"
grep -q '^StateDirectory=xcvrmap$' "$unit" && grep -q '^Type=simple$' "$unit"
check $? "Type=simple, StateDirectory=xcvrmap"
grep -q '^CapabilityBoundingSet=CAP_NET_ADMIN$' "$unit" && ! grep -q '^PrivateNetwork=yes' "$unit"
check $? "module reads keep CAP_NET_ADMIN and the host's network namespace"
if "$analyze" security --help 2>/dev/null | grep -q -- --offline; then
    exposure=$("$analyze" security --offline=true "$tmp/xcvrmap-watch.service" 2>/dev/null |
               sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
    [ -n "$exposure" ] && awk "BEGIN { exit !($exposure <= 3.0) }"
    check $? "systemd-analyze security --offline: exposure ${exposure:-?} <= 3.0"
else
    echo "ok 6 - systemd-analyze security --offline # SKIP not in this systemd"
fi
exit $failed
