#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# run-libfuzzer.sh: CI job: run the libFuzzer build of fuzz-module for bounded time; fail on crash.
#
# Usage: run-libfuzzer.sh BUILD_DIR SECONDS [TARGET]   (TARGET: fuzz-module by default)
#
# BUILD_DIR is a separate build with libFuzzer and sanitizers, for example:
#   CC=clang meson setup /tmp/build-fuzz -Dfuzzer=true -Db_sanitize=address,undefined \
#       -Db_lundef=false -Doracle=disabled
#   ninja -C /tmp/build-fuzz tests/fuzz/fuzz-module
#
# libFuzzer writes new inputs into its first corpus directory, so that directory is a
# temporary copy of tests/fuzz/fuzz-module/; the repository is never modified. The shared
# EEPROM corpus (XCVR_CORPUS_DIR, default ../shared/eeprom-corpus next to the source tree)
# is passed as extra, read-only seed directories. A crashing input is kept as
# BUILD_DIR/fuzz-artifacts/crash-<sha1>; add it to tests/fuzz/fuzz-module/ once the bug is
# fixed. Exit status: 0 when the time ran out without a finding, libFuzzer's status otherwise.
#
# XCVR_FUZZ_SEED (default 1) fixes libFuzzer's seed so a CI run repeats what the run before
# the push saw; long campaigns outside CI set XCVR_FUZZ_SEED=0 (a random seed each run).
set -eu

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "Usage: $0 BUILD_DIR SECONDS [TARGET]" >&2
    exit 2
fi
build_dir=$(cd "$1" && pwd)
seconds=$2
target=${3:-fuzz-module}

src_dir=$(cd "$(dirname "$0")" && pwd)
corpus_root=${XCVR_CORPUS_DIR:-$src_dir/../../../shared/eeprom-corpus}
fuzzer=$build_dir/tests/fuzz/$target

if [ ! -x "$fuzzer" ]; then
    echo "$0: $fuzzer not found (ninja -C $1 tests/fuzz/$target)" >&2
    exit 2
fi
if ! grep -aq LLVMFuzzerRunDriver "$fuzzer"; then
    echo "$0: $fuzzer is not a libFuzzer build (configure with -Dfuzzer=true)" >&2
    exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/$target-corpus.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -p "$src_dir/$target"/. "$work" -R

seeds=()
# The EEPROM corpus seeds the module decoders only; other targets read other formats.
case $target in
fuzz-module | fuzz-sff8636 | fuzz-cmis | fuzz-module-decode) seed_dirs="sff8472 sff8636 cmis" ;;
*) seed_dirs="" ;;
esac
for d in $seed_dirs; do
    if [ -d "$corpus_root/$d" ]; then
        seeds+=("$corpus_root/$d")
    else
        echo "$0: note: no $corpus_root/$d, not used as seeds" >&2
    fi
done

artifacts=$build_dir/fuzz-artifacts
mkdir -p "$artifacts"

# UBSan reports must stop the run like ASan ones; GLib criticals are bugs too.
# A 16 MiB quarantine (default 256) still catches a use after free within an execution, and
# keeps the freed memory cache-warm instead of faulting in fresh pages on every allocation;
# allocation and free stacks of 10 frames (default 30) are enough to place a finding (rerun
# the reproducer with ASAN_OPTIONS=malloc_context_size=30 for more). Together they took
# ~25% off a module target's execution.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1:strict_string_checks=1:quarantine_size_mb=16:malloc_context_size=10}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export G_DEBUG=fatal-warnings
export G_SLICE=always-malloc
export LC_ALL=C

status=0
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -seed="${XCVR_FUZZ_SEED:-1}" \
    -artifact_prefix="$artifacts/" "$work" ${seeds[@]+"${seeds[@]}"} || status=$?

if [ "$status" -ne 0 ]; then
    echo "$0: $target failed (status $status); reproducer(s) in $artifacts:" >&2
    ls -l "$artifacts" >&2
fi
exit "$status"
