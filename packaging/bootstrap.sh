#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# bootstrap.sh: one command from a fresh Debian 12 machine to a result.
#   packaging/bootstrap.sh demo   install what is missing, build, map the bundled demo host's
#                                 VM NICs to their uplinks and modules (xcvrmap map --demo)
#   packaging/bootstrap.sh test   install what is missing, build, run every test: a -Werror
#                                 build, the same suite under ASan+UBSan, the suite of a build
#                                 without libvirt (XCP-ng dom0's), a bounded libFuzzer run, and
#                                 the packages: the .debs and the XCP-ng RPM built, the .debs
#                                 and a destdir install checked as installed, then purged
# Runs as root, or through sudo when not root.
set -eu

mode=${1:-demo}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

build_pkgs="gcc pkg-config meson ninja-build libglib2.0-dev libjansson-dev libmnl-dev libxml2-dev libvirt-dev"
test_pkgs="$build_pkgs libjson-glib-dev libcmocka-dev ethtool python3 clang libclang-rt-dev libxml2-utils iproute2 openvswitch-common openvswitch-switch libvirt-clients python3-jsonschema dpkg-dev debhelper fakeroot lintian rpm mandoc man-db bash-completion systemd libvirt-daemon libvirt-daemon-driver-qemu qemu-system-x86 python3-prometheus-client"

case "$mode" in
demo) pkgs=$build_pkgs ;;
test) pkgs=$test_pkgs ;;
*) echo "usage: $0 demo|test" >&2; exit 2 ;;
esac

# Install only what is missing, so a ready machine does not touch apt.
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
if [ -n "$missing" ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    echo "bootstrap: installing$missing"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

setup() {
    dir=$1
    shift
    if [ -f "$dir/build.ninja" ]; then
        meson setup --reconfigure "$dir" "$@" >/dev/null
    else
        meson setup "$dir" "$@" >/dev/null
    fi
}

if [ "$mode" = demo ]; then
    setup build -Dtests=false
    ninja -C build
    # the main job: every VM NIC of the bundled demo host → path → uplink → module, health
    exec build/src/xcvrmap map --demo
fi

# test: everything, as CI runs it. Each stage prints its results; run-summary adds the total.
rm -f .ci-results.txt
export LC_ALL=C

echo "== stage 1: warnings as errors, full suite"
setup build-ci -Dwerror=true -Dtests=true -Doracle=enabled
ninja -C build-ci
meson test -C build-ci --print-errorlogs --num-processes 2
python3 packaging/test-summary.py build-ci >> .ci-results.txt

echo "== stage 2: the same suite under AddressSanitizer + UndefinedBehaviorSanitizer"
setup build-asan -Dwerror=true -Dtests=true -Doracle=enabled \
    -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
ninja -C build-asan
# the real libvirtd (tests/libvirtd/) is started once per CI run, in stage 1 only
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
LSAN_OPTIONS=suppressions=$top/tests/lsan.supp:print_suppressions=0 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
XCVR_SKIP_LIBVIRTD=1 \
    meson test -C build-asan --print-errorlogs --num-processes 2 --timeout-multiplier 3
python3 packaging/test-summary.py build-asan >> .ci-results.txt

echo "== stage 3: the XCP-ng dom0 configuration: no libvirt, every test that does not need it"
setup build-nolibvirt -Dwerror=true -Dtests=true -Doracle=disabled -Dlibvirt=disabled
ninja -C build-nolibvirt
meson test -C build-nolibvirt --print-errorlogs --num-processes 2
python3 packaging/test-summary.py build-nolibvirt >> .ci-results.txt

echo "== stage 4: libFuzzer under ASan+UBSan, bounded time"
CC=clang setup build-fuzz -Dfuzzer=true -Dtests=true -Doracle=disabled \
    -Db_sanitize=address,undefined -Db_lundef=false
for target in fuzz-module fuzz-sff8636 fuzz-cmis fuzz-ovs-dump fuzz-domain-xml fuzz-plugin-call \
        fuzz-xapi-reply fuzz-nodedev-xml fuzz-module-decode fuzz-segments fuzz-index-tsv \
        fuzz-proc-bonding fuzz-proc-vlan fuzz-demo-manifest fuzz-history-json fuzz-dtoa fuzz-json-tree; do
    ninja -C build-fuzz tests/fuzz/$target
    tests/fuzz/run-libfuzzer.sh build-fuzz "${XCVR_FUZZ_SECONDS:-25}" $target
    echo "$target 1 passed" >> .ci-results.txt
done

echo "== stage 5: packages: .debs (lintian clean) and the XCP-ng RPM built; a destdir install"
echo "   and the .debs installed, used through the command, pkg-config, man and completion, purged"
packaging/build-rpm.sh build-packages/rpm
echo "build-rpm 1 passed" >> .ci-results.txt
XCVR_CI_RESULTS=.ci-results.txt packaging/installed-test.sh build-ci

python3 packaging/test-summary.py --total .ci-results.txt
