#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# installed-test.sh [BUILD_DIR]: xcvrmap works as installed, not only in its build tree.
#   (a) `meson install --destdir` of BUILD_DIR (default build-ci, a build with tests), and
#   (b) the .debs packaging/build-deb.sh makes, installed with dpkg -i (as root),
# then for each: `xcvrmap map --demo` from the installed binary; a C program
# (tests/installed/) built with nothing but pkg-config that decodes corpus images exactly as
# the installed `xcvrmap module -f` does and builds the demo map through the public API
# exactly as `xcvrmap map --demo` prints it (with `pkg-config xcvrmap-virt`: libvirt's test
# driver over the demo host; with `pkg-config xcvrmap` alone: every uplink, no VM source);
# the schemas where `pkg-config --variable=schemasdir xcvrmap` says; `man xcvrmap` renders;
# the completion loads in an interactive bash and completes. For the packages also: the
# systemd unit verified and not enabled; then dpkg --purge, and nothing of them is left.
# The demo host is unpacked by BUILD_DIR's tests/demo-host-unpack (a test tool, not
# installed). Prints TAP-like lines; with XCVR_CI_RESULTS=FILE appends "installed: P passed,
# F failed" to FILE. XCVR_DEB_DIR=DIR uses .debs already built there instead of building.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
build=${1:-build-ci}
corpus=${XCVR_CORPUS_DIR:-$top/../shared/eeprom-corpus}
packages="libxcvrmap0 libxcvrmap-virt0 libxcvrmap-xapi0 libxcvrmap-dev xcvrmap"
# one image per family; the CMIS one finds its page layout in the corpus's index.tsv
images="sff8472/finisar-ftlx8571d3bcl-sfpp-10g-sr.bin
sff8636/3m-9qa0-111-12-qsfpp-40g-cr4-dac.bin
cmis/hisense-def8504-2c02-cmis52-2x100g-aoc-p11.bin"

n=0
failed=0
check() {
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then
        echo "ok $n - $2"
    else
        echo "not ok $n - $2"
        failed=$((failed + 1))
        [ -s "$work/detail" ] && sed 's/^/#   /' "$work/detail" | head -n 30
    fi
    : > "$work/detail"
}

work=$(mktemp -d)
demo=""
cleanup() {
    [ -n "$demo" ] && "$build/tests/demo-host-unpack" --remove "$demo"
    rm -rf "$work"
}
trap cleanup EXIT
: > "$work/detail"

[ -x "$build/tests/demo-host-unpack" ] || ninja -C "$build" tests/demo-host-unpack
for img in $images; do
    [ -f "$corpus/$img" ] || { echo "installed-test.sh: no $corpus/$img" >&2; exit 1; }
done
demo=$("$build/tests/demo-host-unpack" --embedded)
# from here on every step is checked and reported, and a failure does not stop the rest
set +e

# verify_install LABEL XCVRMAP PKG_CONFIG_PATH MANPATH COMPLETION_FILE
# (LD_LIBRARY_PATH is the caller's: the destdir's library dir, or nothing for /usr)
verify_install() {
    label=$1 exe=$2 pcpath=$3 manpath=$4 completion=$5

    "$exe" map --demo > "$work/map-cli.txt" 2> "$work/detail"
    rc=$?
    [ $rc -eq 0 ] && grep -q '^UPLINK ' "$work/map-cli.txt" &&
        grep -q 'DELL 3MFXG sn CN03MFXG56I0001' "$work/map-cli.txt"
    check $? "$label: xcvrmap map --demo from the installed binary"

    cflags=$(PKG_CONFIG_PATH=$pcpath pkg-config --cflags --libs xcvrmap 2> "$work/detail") &&
        cc -o "$work/check-core" tests/installed/xcvrmap-installed-check.c $cflags \
            2>> "$work/detail"
    check $? "$label: a program builds with pkg-config --cflags --libs xcvrmap alone"
    cflags=$(PKG_CONFIG_PATH=$pcpath pkg-config --cflags --libs xcvrmap-virt \
             2> "$work/detail") &&
        cc -DWITH_VIRT -o "$work/check-virt" tests/installed/xcvrmap-installed-check.c \
            $cflags 2>> "$work/detail"
    check $? "$label: and with pkg-config --cflags --libs xcvrmap-virt"

    for img in $images; do
        "$work/check-core" module "$corpus/$img" > "$work/mod-api.txt" 2> "$work/detail" &&
            "$exe" module -f "$corpus/$img" > "$work/mod-cli.txt" 2>> "$work/detail" &&
            [ -s "$work/mod-api.txt" ] &&
            diff -u "$work/mod-cli.txt" "$work/mod-api.txt" >> "$work/detail"
        check $? "$label: the public API decodes $img as xcvrmap module -f does"
    done

    "$work/check-virt" map "$demo" > "$work/map-api.txt" 2> "$work/detail" &&
        diff -u "$work/map-cli.txt" "$work/map-api.txt" >> "$work/detail"
    check $? "$label: the public API (xcvrmap-virt) builds the demo map: map --demo's text"
    "$work/check-core" map "$demo" > "$work/uplinks-api.txt" 2> "$work/detail"
    ok=$?
    # every uplink with a netdev (a DPDK function is reached only through a vNIC's switch)
    for up in $(sed -n '/^UPLINK /,/^$/p' "$work/map-cli.txt" |
                awk 'NR > 1 && NF && $1 !~ /^[0-9a-f]+:[0-9a-f]+:/ { print $1 }'); do
        grep -q "^$up " "$work/uplinks-api.txt" || { echo "no uplink $up" >> "$work/detail"; ok=1; }
    done
    check $ok "$label: the core API alone (no VM source) builds the demo host's uplinks"

    schemas=$(PKG_CONFIG_PATH=$pcpath pkg-config --variable=schemasdir xcvrmap)
    ok=0
    for s in src/render/schemas/*; do
        cmp -s "$s" "$schemas/${s##*/}" || { echo "$schemas/${s##*/}: not installed" >> "$work/detail"; ok=1; }
    done
    check $ok "$label: every schema where pkg-config --variable=schemasdir says ($schemas)"

    env ${manpath:+MANPATH=$manpath} MANWIDTH=80 man -P cat xcvrmap > "$work/man.txt" \
        2> "$work/detail" &&
        grep -q 'xcvrmap *- *map *VM *network' "$work/man.txt" &&
        env ${manpath:+MANPATH=$manpath} man -P cat xcvrmap-map 2>> "$work/detail" |
        grep -q -- '--eeprom-dir'
    check $? "$label: man xcvrmap and man xcvrmap-map render"

    # an interactive bash as Debian sets one up (/etc/skel/.bashrc loads bash-completion)
    cat > "$work/complete.sh" <<EOF
if [ -n "$completion" ]; then . "$completion"; else __load_completion xcvrmap; fi
complete -p xcvrmap
COMP_WORDS=(xcvrmap map --format "")
COMP_CWORD=3
COMP_LINE="xcvrmap map --format "
COMP_POINT=\${#COMP_LINE}
_xcvrmap xcvrmap "" --format
echo "\${COMPREPLY[*]}"
EOF
    HOME=$work bash --rcfile /etc/skel/.bashrc -i "$work/complete.sh" > "$work/complete.txt" \
        2> "$work/detail" < /dev/null
    grep -q '^complete -F _xcvrmap xcvrmap$' "$work/complete.txt" &&
        grep -q '^text json xml$' "$work/complete.txt"
    rc=$?
    [ $rc -ne 0 ] && cat "$work/complete.txt" >> "$work/detail"
    check $rc "$label: the completion loads in bash -i and completes map --format"
}

echo "== (a) meson install --destdir of $build"
dest=$work/dest
DESTDIR=$dest meson install -C "$build" --no-rebuild --quiet > "$work/detail" 2>&1
check $? "meson install --destdir"
eval "$(meson introspect "$build" --buildoptions | python3 -c '
import json, sys
o = {x["name"]: x["value"] for x in json.load(sys.stdin)}
for k in ("prefix", "libdir", "bindir", "mandir"):
    print("%s=%s" % (k, o[k] if o[k].startswith("/") else o["prefix"] + "/" + o[k]))
')"
mkdir "$work/pc"
for pc in "$dest$libdir"/pkgconfig/*.pc; do
    # the .pc files name the real prefix: point them into the destdir
    sed "s|^prefix=.*|prefix=$dest$prefix|" "$pc" > "$work/pc/${pc##*/}"
done
! readelf -d "$dest$bindir/xcvrmap" | grep -q "$top" 2> /dev/null
check $? "the installed binary has no RUNPATH into the build tree"
export LD_LIBRARY_PATH="$dest$libdir"
verify_install destdir "$dest$bindir/xcvrmap" "$work/pc" "$dest$mandir" \
    "$(find "$dest" -path '*/completions/xcvrmap')"
unset LD_LIBRARY_PATH
find "$dest" -path '*/systemd/system/xcvrmap-watch.service' > "$work/found"
grep -q "^ExecStart=$bindir/xcvrmap watch " "$(cat "$work/found")" 2> "$work/detail"
check $? "the systemd unit is installed, running the installed command"
rm -f "$work/found"

echo "== (b) the Debian packages"
if [ "$(id -u)" -ne 0 ]; then
    echo "installed-test.sh: (b) needs root (dpkg -i)" >&2
    exit 1
fi
for p in $packages; do
    if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        echo "installed-test.sh: $p is installed already; remove it first" >&2
        exit 1
    fi
done
debs=${XCVR_DEB_DIR:-$work/debs}
if [ -z "${XCVR_DEB_DIR:-}" ]; then
    packaging/build-deb.sh "$debs" > "$work/build-deb.log" 2>&1
    rc=$?
    [ $rc -ne 0 ] && tail -n 40 "$work/build-deb.log" > "$work/detail"
    check $rc "build-deb.sh: packages built, lintian without error or warning"
    grep '^[EWI]: ' "$work/build-deb.log" | sed 's/^/#   lintian: /' || true
fi
files=""
for p in $packages; do
    files="$files $(ls "$debs"/${p}_*.deb)"
done
dpkg -i $files > "$work/detail" 2>&1
check $? "dpkg -i $packages"
for p in $packages; do
    dpkg -L "$p" >> "$work/listed"
done
verify_install deb /usr/bin/xcvrmap "" "" ""

unit=$(dpkg -L xcvrmap | grep '/systemd/system/xcvrmap-watch.service$')
MANPATH=/usr/share/man systemd-analyze verify "$unit" > "$work/detail" 2>&1 &&
    [ ! -s "$work/detail" ]
check $? "systemd-analyze verify $unit"
! ls /etc/systemd/system/*.wants/xcvrmap-watch.service > /dev/null 2>&1
check $? "xcvrmap-watch.service is not enabled"

dpkg --purge $(echo "$packages" | tr ' ' '\n' | tac) > "$work/detail" 2>&1
check $? "dpkg --purge"
ok=0
for p in $packages; do
    if dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -qv "not-installed"; then
        echo "$p: $(dpkg-query -W -f='${Status}' "$p")" >> "$work/detail"
        ok=1
    fi
done
check $ok "no package of ours is known to dpkg any more"
ok=0
while read -r f; do
    # directories others share (/usr/share/man/man1 …) stay; files and our directories go
    if [ -e "$f" ] && { [ ! -d "$f" ] || case $f in *xcvrmap*) true ;; *) false ;; esac; }; then
        echo "left: $f" >> "$work/detail"
        ok=1
    fi
done < "$work/listed"
for f in /var/lib/xcvrmap /usr/share/xcvrmap /usr/include/xcvrmap \
         /var/lib/systemd/deb-systemd-helper-enabled/xcvrmap-watch.service.dsh-also; do
    [ -e "$f" ] && { echo "left: $f" >> "$work/detail"; ok=1; }
done
find /etc/systemd /var/lib/dpkg/info -name '*xcvrmap*' >> "$work/detail" 2>/dev/null
[ -s "$work/detail" ] && ok=1
check $ok "nothing is left: every file dpkg -L listed, the state dir, unit links, dpkg's info"

passed=$((n - failed))
echo "installed-test.sh: $passed passed, $failed failed"
[ -n "${XCVR_CI_RESULTS:-}" ] && echo "installed: $passed passed, $failed failed" >> "$XCVR_CI_RESULTS"
[ $failed -eq 0 ]
