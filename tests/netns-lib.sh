#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# netns-lib.sh: what the real-kernel namespace tests share; source it, then `netns_setup
# PREFIX`: makes a network namespace of the test's own (removed on exit, with the $work
# scratch directory), or exits 77 (skip) where one cannot be made. Gives in_ns COMMAND…,
# report OK NAME [FILE…] and the passed/failed counters.

netns_setup() {
    ns=$1$$
    work=$(mktemp -d "${TMPDIR:-/tmp}/$1-netns-XXXXXX")
    trap 'ip netns del "$ns" 2>/dev/null; rm -rf "$work"' EXIT
    trap 'exit 130' INT TERM
    if ! ip netns add "$ns" 2>"$work/err"; then
        echo "SKIP: cannot create a network namespace ($(head -n1 "$work/err")); run as root"
        exit 77
    fi
    passed=0
    failed=0
}

in_ns() {
    ip netns exec "$ns" "$@"
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
