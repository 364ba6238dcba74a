#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# bench-scale.sh: how `xcvrmap map --format json` scales with the host, beside the batched
# admin loop (admin-map-batched.sh: one virsh for every domiflist), and the goals' ratios.
# A benchmark that prints figures, not a test: it asserts nothing about time.
#
#   tests/bench/bench-scale.sh [--quick] [--runs N] [--sizes 50,500,2000,5000]
#                              [--admin-sizes 50,500] [--hosts DIR] [--baseline BUILD_DIR]
#                              [BUILD_DIR]
#
# For each size, a host of N domains x 4 vNICs from tests/hostgen/hostgen.py --large N (kept
# in --hosts DIR when given, and reused from there), then --runs interleaved rounds of:
#   xcvrmap map -c test:///…/libvirt.xml --root HOST --ovsdb HOST/ovsdb.json
#               --eeprom-dir HOST/eeprom --format json --timeout 0
#   the same with --baseline's xcvrmap (another build, e.g. before a change)
#   admin-map-batched.sh against an ovsdb-server serving the host's database (--admin-sizes
#   only: it costs ~60 ms of CPU per vNIC)
# and prints per size the medians: CPU (user + system, the process and its children) and
# wall time per vNIC, and xcvrmap's peak RSS. The admin loop's CPU is its own processes'
# (virsh, sh, ovs-vsctl, cat …), not ovsdb-server's. xcvrmap's output is checked against the
# generator's expectations (host.json) on the first round.
#
# Goals (issue 15): at 500 domains xcvrmap is >= 300x faster (CPU) than the batched loop; the
# CPU per vNIC at the largest size is within 1.2x of that at the smallest.
#
# --quick: 20 domains, one round, the admin loop included: runs in seconds (a smoke run).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
runs=3
sizes=50,500,2000,5000
admin_sizes=50,500
hosts=
baseline=
quick=0
while [ $# -gt 0 ]; do
    case $1 in
    --quick) quick=1 ;;
    --runs) runs=$2; shift ;;
    --sizes) sizes=$2; shift ;;
    --admin-sizes) admin_sizes=$2; shift ;;
    --hosts) hosts=$2; shift ;;
    --baseline) baseline=$(cd "$2" && pwd); shift ;;
    -h | --help) sed -n '3,27p' "$0"; exit 0 ;;
    -*) echo "bench-scale: unknown option $1" >&2; exit 2 ;;
    *) break ;;
    esac
    shift
done
if [ $quick = 1 ]; then
    sizes=20
    admin_sizes=20
    runs=1
fi
build=$(cd "${1:-$src/build}" && pwd)
xcvrmap=$build/src/xcvrmap
for x in "$xcvrmap" ${baseline:+"$baseline/src/xcvrmap"}; do
    if ! "$x" map --help >/dev/null 2>&1; then
        echo "bench-scale: $x has no 'map' command (build first)" >&2
        exit 1
    fi
done
if [ ! -x /usr/bin/time ]; then
    echo "bench-scale: needs GNU time (/usr/bin/time)" >&2
    exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/xcvr-bench-scale-XXXXXX")
ovs_pid=
stop_ovsdb() {
    if [ -n "$ovs_pid" ]; then
        kill "$ovs_pid" 2>/dev/null || true
        wait "$ovs_pid" 2>/dev/null || true
        ovs_pid=
    fi
}
cleanup() {
    stop_ovsdb
    rm -rf "$work"
}
trap cleanup EXIT INT TERM
[ -n "$hosts" ] || hosts=$work/hosts
mkdir -p "$hosts"

# measure OUT COMMAND…: "CPU_S WALL_S MAXRSS_KB" of COMMAND (stdout to OUT)
measure() {
    local out=$1
    shift
    /usr/bin/time -f '%U %S %e %M' -o "$work/time" "$@" >"$out" 2>"$work/stderr" || {
        echo "bench-scale: failed: $*" >&2
        tail -n 5 "$work/stderr" >&2
        exit 1
    }
    tail -n 1 "$work/time" | awk '{ printf "%.3f %.3f %d\n", $1 + $2, $3, $4 }'
}

# median COLUMN: the median of column COLUMN of stdin
median() {
    sort -g -k "$1,$1" | awk -v c="$1" '{ v[NR] = $c } END {
        if (NR == 0) { print "-"; exit }
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

in_list() {
    case ",$2," in *",$1,"*) return 0 ;; esac
    return 1
}

per_vnic() { awk -v t="$1" -v n="$2" 'BEGIN { if (t == "-") print "-"; else printf "%.3f", 1000 * t / n }'; }

declare -A cpu_map wall_map rss_map cpu_base wall_base rss_base cpu_admin wall_admin nvnics

echo "bench-scale: $xcvrmap${baseline:+ (baseline $baseline/src/xcvrmap)}"
echo "sizes $sizes (x 4 vNICs), admin loop at $admin_sizes, $runs round(s) each, hosts in $hosts"
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
IFS=, read -r -a size_list <<<"$sizes"
for n in "${size_list[@]}"; do
    host=$hosts/large-$n
    admin=0
    in_list "$n" "$admin_sizes" && admin=1
    if [ ! -f "$host/host.json" ] || { [ $admin = 1 ] && [ ! -f "$host/ovsdb.db" ]; }; then
        rm -rf "$host"
        echo "== generating $n domains"
        python3 "$src/tests/hostgen/hostgen.py" --large "$n" --keep-ovsdb-db --timing "$host"
    fi
    uri="test://$host/libvirt.xml"
    vnics=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["vnics"]))' \
        "$host/host.json")
    nvnics[$n]=$vnics
    sock=
    if [ $admin = 1 ]; then
        sock=$work/db.sock
        rm -f "$sock"
        ovsdb-server --remote="punix:$sock" --no-chdir --unixctl="$work/ovs.ctl" \
            --log-file="$work/ovsdb.log" -vconsole:off "$host/ovsdb.db" 2>/dev/null &
        ovs_pid=$!
        i=0
        while [ ! -S "$sock" ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
    fi
    map_args=(map -c "$uri" --root "$host" --ovsdb "$host/ovsdb.json" --eeprom-dir "$host/eeprom"
              --format json --timeout 0)
    : >"$work/m" && : >"$work/b" && : >"$work/a"
    for ((r = 1; r <= runs; r++)); do
        echo "== $n domains ($vnics vNICs), round $r/$runs"
        measure "$work/map.json" "$xcvrmap" "${map_args[@]}" >>"$work/m"
        if [ $r = 1 ]; then
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
        fi
        if [ -n "$baseline" ]; then
            measure "$work/base.json" "$baseline/src/xcvrmap" "${map_args[@]}" >>"$work/b"
            [ $r != 1 ] || cmp -s "$work/map.json" "$work/base.json" ||
                echo "   the baseline's output differs"
        fi
        if [ $admin = 1 ]; then
            measure "$work/admin.txt" sh "$here/admin-map-batched.sh" "$uri" "$host" "$sock" \
                >>"$work/a"
        fi
    done
    stop_ovsdb
    cpu_map[$n]=$(median 1 <"$work/m")
    wall_map[$n]=$(median 2 <"$work/m")
    rss_map[$n]=$(median 3 <"$work/m")
    cpu_base[$n]=$(median 1 <"$work/b")
    wall_base[$n]=$(median 2 <"$work/b")
    rss_base[$n]=$(median 3 <"$work/b")
    cpu_admin[$n]=$(median 1 <"$work/a")
    wall_admin[$n]=$(median 2 <"$work/a")
done

echo
printf '%8s %7s | %-33s |%s %-22s\n' "" "" "xcvrmap map --format json" \
    "${baseline:+ $(printf '%-33s |' 'baseline xcvrmap')}" "batched admin loop"
printf '%8s %7s | %10s %10s %11s |%s %10s %11s\n' domains vNICs "CPU ms/vN" "wall ms/vN" \
    "peak RSS MB" "${baseline:+ $(printf '%10s %10s %11s |' 'CPU ms/vN' 'wall ms/vN' 'peak RSS MB')}" \
    "CPU ms/vN" "wall ms/vN"
for n in "${size_list[@]}"; do
    v=${nvnics[$n]}
    base_cols=
    if [ -n "$baseline" ]; then
        base_cols=$(printf ' %10s %10s %11s |' "$(per_vnic "${cpu_base[$n]}" "$v")" \
            "$(per_vnic "${wall_base[$n]}" "$v")" \
            "$(awk -v k="${rss_base[$n]}" 'BEGIN { printf "%.0f", k / 1024 }')")
    fi
    admin_cpu=$(per_vnic "${cpu_admin[$n]}" "$v")
    admin_wall=$(per_vnic "${wall_admin[$n]}" "$v")
    [ "$admin_cpu" != - ] || { admin_cpu="(not run)"; admin_wall=; }
    printf '%8s %7s | %10s %10s %11s |%s %10s %11s\n' "$n" "$v" \
        "$(per_vnic "${cpu_map[$n]}" "$v")" "$(per_vnic "${wall_map[$n]}" "$v")" \
        "$(awk -v k="${rss_map[$n]}" 'BEGIN { printf "%.0f", k / 1024 }')" "$base_cols" \
        "$admin_cpu" "$admin_wall"
done
echo "(medians of $runs interleaved round(s); CPU = user + system of the process and its"
echo " children; the admin loop runs only at $admin_sizes: at ~60 ms of CPU per vNIC it would"
echo " take hours at the larger sizes. xcvrmap also reads and decodes every uplink's module,"
echo " which the admin loop does not. The libvirt test driver parses libvirt.xml on every"
echo " connection, which qemu:///system does not: both sides pay it.)"

echo
first=${size_list[0]}
last=${size_list[${#size_list[@]} - 1]}
goal_size=500
[ $quick = 0 ] || goal_size=$first
if [ "${cpu_admin[$goal_size]:--}" != - ] && [ -n "${cpu_map[$goal_size]:-}" ]; then
    awk -v a="${cpu_admin[$goal_size]}" -v m="${cpu_map[$goal_size]}" \
        -v aw="${wall_admin[$goal_size]}" -v mw="${wall_map[$goal_size]}" -v n="$goal_size" 'BEGIN {
        r = a / m
        printf "goal 1: at %d domains xcvrmap is %.0fx faster than the batched admin loop " \
               "(CPU; wall %.0fx); goal >= 300x: %s\n", n, r, aw / mw, (r >= 300 ? "met" : "NOT met")
    }'
else
    echo "goal 1: not measured (the admin loop did not run at $goal_size domains)"
fi
if [ "$first" != "$last" ]; then
    awk -v a="${cpu_map[$first]}" -v na="${nvnics[$first]}" -v b="${cpu_map[$last]}" \
        -v nb="${nvnics[$last]}" -v f="$first" -v l="$last" 'BEGIN {
        r = (b / nb) / (a / na)
        printf "goal 2: CPU per vNIC at %d domains is %.2fx that at %d; goal <= 1.2x: %s\n",
               l, r, f, (r <= 1.2 ? "met" : "NOT met")
    }'
    if [ -n "$baseline" ]; then
        awk -v a="${cpu_base[$first]}" -v na="${nvnics[$first]}" -v b="${cpu_base[$last]}" \
            -v nb="${nvnics[$last]}" -v f="$first" -v l="$last" 'BEGIN {
            printf "        (baseline: %.2fx)\n", (b / nb) / (a / na)
        }'
    fi
fi
