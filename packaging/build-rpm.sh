#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# build-rpm.sh OUTDIR: checks packaging/rpm/xcvrmap.spec by building it here with Debian's
# rpmbuild (package rpm): --nodeps (CentOS's BuildRequires are not Debian packages) and the
# macros CentOS 7, EPEL and XCP-ng define (packaging/rpm/macros.centos). Leaves the source
# and binary RPMs in OUTDIR and checks that the plugin and the command are in the package
# and that nothing of it links libvirt. In XCP-ng's build container the spec builds as is.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)

version=$(sed -n "s/^ *version: '\([^']*\)'.*/\1/p" "$top/meson.build" | head -n 1)
spec_version=$(sed -n 's/^Version: *//p' "$top/packaging/rpm/xcvrmap.spec")
if [ "$spec_version" != "$version" ]; then
    echo "build-rpm.sh: meson.build says $version, xcvrmap.spec $spec_version" >&2
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/SOURCES" "$work/stage/xcvrmap-$version"
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$top" && git ls-files -z --cached --others --exclude-standard |
        xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
        tar --null -T - -cf -) | tar -C "$work/stage/xcvrmap-$version" -xf -
else
    (cd "$top" && tar --exclude='./build*' --exclude=./.git -cf - .) |
        tar -C "$work/stage/xcvrmap-$version" -xf -
fi
tar -C "$work/stage" -czf "$work/SOURCES/xcvrmap-$version.tar.gz" "xcvrmap-$version"

rpmbuild --nodeps --load "$top/packaging/rpm/macros.centos" \
    --define "_topdir $work" -ba "$top/packaging/rpm/xcvrmap.spec"

cp "$work"/RPMS/*/*.rpm "$work"/SRPMS/*.rpm "$out/"
echo "build-rpm.sh: packages in $out:"
ls -1 "$out"/*.rpm

rpm=$(ls "$out"/xcvrmap-"$version"-*.x86_64.rpm "$out"/xcvrmap-"$version"-*.$(uname -m).rpm \
      2>/dev/null | grep -v devel | head -n 1)
rpm -qlp "$rpm" > "$work/files"
for f in /etc/xapi.d/plugins/xcvrmap /usr/bin/xcvrmap /usr/lib/systemd/system/xcvrmap-watch.service; do
    grep -qx "$f" "$work/files" || { echo "build-rpm.sh: $f is not in $rpm" >&2; exit 1; }
done
rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\n]' "$rpm" |
    grep -q '^-rwxr-xr-x /etc/xapi.d/plugins/xcvrmap$' ||
    { echo "build-rpm.sh: the plugin is not mode 0755" >&2; exit 1; }
if rpm -qp --requires "$rpm" | grep -i libvirt; then
    echo "build-rpm.sh: $rpm requires libvirt" >&2
    exit 1
fi
echo "build-rpm.sh: $rpm holds the plugin, the command and the unit; no libvirt"
