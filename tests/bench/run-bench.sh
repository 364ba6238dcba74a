#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# run-bench.sh: libxcvrmap throughput, then ethtool vs xcvrmap per-process rates on the same images.
#
# Usage: run-bench.sh BUILD_DIR CORPUS_DIR
# Environment: ETHTOOL (default /usr/sbin/ethtool), REPEAT (passes over the images, default 20),
# ROUNDS (per-process rounds, default 3: each round times ethtool, xcvrmap and the baseline's
# xcvrmap one after the other, and the medians of the rounds are compared),
# BASELINE_BUILD: a build directory of an earlier commit (for example one configured with
# --buildtype=release in a `git worktree` of it); its libxcvrmap is timed by the same
# bench-decode in the same run, and its `xcvrmap module --file` in the same rounds, each
# figure beside the current one with their ratio.
#
# BENCH_CPU: run everything on that CPU (taskset): on a machine whose CPUs are not alike
# (a virtual CPU that shares its core with other work runs at a fraction of another's speed)
# both builds, and ethtool, are then timed on the same one.
#
# The per-process figures include process start-up, dynamic linking and reading the image
# for both programs, so ethtool and `xcvrmap module --file` are compared like with like.
set -eu

if [ -n "${BENCH_CPU:-}" ] && [ -z "${XCVR_BENCH_PINNED:-}" ]; then
    XCVR_BENCH_PINNED=1 exec taskset -c "$BENCH_CPU" "$0" "$@"
fi

if [ $# -ne 2 ]; then
    echo "Usage: $0 BUILD_DIR CORPUS_DIR" >&2
    exit 2
fi
build_dir=$(cd "$1" && pwd)
corpus=$(cd "$2" && pwd)
ethtool=${ETHTOOL:-/usr/sbin/ethtool}
repeat=${REPEAT:-20}
rounds=${ROUNDS:-3}

bench=$build_dir/tests/bench/bench-decode
xcvrmap=$build_dir/src/xcvrmap
shim=$build_dir/tests/xcvr-ethtool-shim.so
for f in "$bench" "$xcvrmap" "$shim" "$ethtool"; do
    if [ ! -x "$f" ] && [ ! -f "$f" ]; then
        echo "$0: $f not found (build first: ninja -C $1)" >&2
        exit 2
    fi
done

shopt -s nullglob
for family in sff8472 sff8636 cmis; do
image_dir=$corpus/$family
images=("$image_dir"/*.bin)
if [ ${#images[@]} -eq 0 ]; then
    echo "$0: no *.bin image in $image_dir" >&2
    exit 2
fi

echo "== $family: in-process (libxcvrmap), ${#images[@]} images from $image_dir, $rounds rounds"
# Each round runs the baseline's library and this one one after the other; every figure is
# the median of the rounds, beside the median of the ratios within rounds (a run can land on
# a slower CPU for seconds: BENCH_CPU above keeps every run on one).
new_all="" base_all=""
for ((round = 1; round <= rounds; round++)); do
    if [ -n "${BASELINE_BUILD:-}" ]; then
        # The same program over both libraries (one ABI): LD_LIBRARY_PATH wins over the
        # build's RUNPATH, so the baseline run loads the earlier commit's libxcvrmap.
        base_out=$(LD_LIBRARY_PATH=$BASELINE_BUILD/src "$bench" "$image_dir")
        base_all+=$(printf '%s\n' "$base_out" | sed "s/^/base|$round|/")$'\n'
    fi
    new_out=$("$bench" "$image_dir")
    printf 'round %d: %s\n' "$round" "$(printf '%s' "$new_out" | grep '^decode:')"
    new_all+=$(printf '%s\n' "$new_out" | sed "s/^/now|$round|/")$'\n'
done
# figures: "BUILD|ROUND|LABEL: RATE unit/s (…)" lines of both builds -> medians, ratios, goal
awk -v family="$family" -v have_base="${BASELINE_BUILD:+1}" '
    function median(list,    v, n, i, j, t) {
        n = split(list, v, " ")
        for (i = 2; i <= n; i++)
            for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
        return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    /^(now|base)\|[0-9]+\|[a-z-]+: [0-9]+ / {
        split($0, parts, "|"); split(parts[3], f, ": "); split(f[2], w, " ")
        label = f[1]
        if (parts[1] == "base") { base[label] = base[label] " " w[1]; baser[label, parts[2]] = w[1] }
        else {
            if (!(label in now)) order[++n] = label
            now[label] = now[label] " " w[1]; nowr[label, parts[2]] = w[1]
        }
    }
    END {
        for (i = 1; i <= n; i++) {
            label = order[i]; m = median(now[label])
            line = sprintf("%s: %.0f/s median of rounds (%s )", label, m, now[label])
            if (have_base && (label in base)) {
                b = median(base[label])
                # the ratio within each round as well: a machine whose speed changes from
                # one minute to the next moves both builds of a round alike
                ratios = ""
                for (key in nowr) {
                    split(key, k, SUBSEP)
                    if (k[1] == label && ((label, k[2]) in baser) && baser[label, k[2]] > 0)
                        ratios = ratios " " nowr[key] / baser[label, k[2]]
                }
                line = line sprintf(", baseline %.0f/s (%.2fx; median ratio within rounds %.2fx)",
                                    b, m / b, median(ratios))
            }
            print line
            if (label == "decode") {
                goal = (family == "cmis") ? 500000 : 1000000
                printf("decode goal %.1f M modules/s per core: %.2f M, %s\n", goal / 1e6,
                       m / 1e6, (m >= goal) ? "met" : "not met")
            }
        }
    }' <(printf '%s%s' "$new_all" "$base_all")

# time_runs LABEL COMMAND…: runs COMMAND IMAGE for every image, $repeat times over, and
# prints invocations per second and the CPU (user + system) each took, which it also leaves
# in $last_cpu_ms. The image path is exported as XCVR_SHIM_EEPROM too.
time_runs() {
    local label=$1 start end n=0 failed=0 img cpu_before cpu_after
    shift
    cpu_before=$(children_cpu_ticks)
    start=$(date +%s%N)
    for ((pass = 0; pass < repeat; pass++)); do
        for img in "${images[@]}"; do
            if ! XCVR_SHIM_EEPROM=$img "$@" "$img" >/dev/null 2>&1; then
                failed=$((failed + 1))
            fi
            n=$((n + 1))
        done
    done
    end=$(date +%s%N)
    cpu_after=$(children_cpu_ticks)
    last_cpu_ms=$(awk -v t="$((cpu_after - cpu_before))" -v hz="$(getconf CLK_TCK)" -v n="$n" \
        'BEGIN { printf "%.3f", t * 1000 / hz / n }')
    awk -v label="$label" -v n="$n" -v ns="$((end - start))" -v failed="$failed" \
        -v images="${#images[@]}" -v repeat="$repeat" -v cpu="$last_cpu_ms" 'BEGIN {
        printf "%s: %.0f invocations/s (%d images, %d iterations, %d invocations, " \
               "%d failed, %.3f ms each, %.3f ms CPU each)\n",
               label, n / (ns / 1e9), images, repeat, n, failed, ns / 1e6 / n, cpu
    }'
}

# CPU ticks (user + system) of this shell's waited-for children so far, from times(2).
children_cpu_ticks() {
    awk '{ print $16 + $17 }' /proc/$$/stat
}

# ethtool takes the interface, not the file: the shim reads XCVR_SHIM_EEPROM. A wrapper keeps
# the timed command lines identical in shape (the trailing image argument is dropped).
# CMIS: ethtool 6.1 decodes it over netlink only, with the page map of the corpus index,
# looked up before the timing so that no helper process is counted as ethtool's.
declare -A segments=()
if [ "$family" = cmis ]; then
    for img in "${images[@]}"; do
        segments[$img]=$(awk -F'\t' -v f="cmis/$(basename "$img")" \
            'NR > 1 && $1 == f { print $5 }' "$corpus/index.tsv")
    done
fi
ethtool_m() {
    if [ "$family" = cmis ]; then
        XCVR_SHIM_NETLINK=1 XCVR_SHIM_SEGMENTS=${segments[$1]} LD_PRELOAD=$shim "$ethtool" -m lo
    else
        LD_PRELOAD=$shim "$ethtool" -m lo
    fi
}
xcvrmap_module() {
    "$xcvrmap" module --file "$1"
}
baseline_module() {
    "$BASELINE_BUILD/src/xcvrmap" module --file "$1"
}

# The cost of starting any process from this loop, for reference.
true_cmd() {
    /bin/true
}

# median V…: the middle value (the mean of the two middle ones for an even count)
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "== $family: per process, process start included ($rounds rounds)"
time_runs "baseline: /bin/true (spawn cost only)" true_cmd
eth=() now=() base=()
for ((round = 1; round <= rounds; round++)); do
    time_runs "round $round: ethtool -m (shim)" ethtool_m
    eth+=("$last_cpu_ms")
    time_runs "round $round: xcvrmap module --file" xcvrmap_module
    now+=("$last_cpu_ms")
    if [ -n "${BASELINE_BUILD:-}" ]; then
        time_runs "round $round: baseline xcvrmap module --file" baseline_module
        base+=("$last_cpu_ms")
    fi
done
eth_ms=$(median "${eth[@]}")
now_ms=$(median "${now[@]}")
awk -v x="$now_ms" -v e="$eth_ms" 'BEGIN {
    printf "median CPU per process: ethtool -m %.3f ms, xcvrmap module --file %.3f ms\n", e, x
    if (e > 0) printf "xcvrmap module --file / ethtool -m, CPU per process: %.2fx (goal 1.5x)\n", x / e
}'
if [ -n "${BASELINE_BUILD:-}" ]; then
    base_ms=$(median "${base[@]}")
    awk -v x="$now_ms" -v b="$base_ms" -v e="$eth_ms" 'BEGIN {
        printf "baseline xcvrmap module --file %.3f ms: %.2fx of ethtool -m; now %.2fx cheaper than the baseline\n",
            b, b / e, b / x
    }'
fi
done
