#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# build-deb.sh OUTDIR: builds xcvrmap's Debian packages from this source tree and leaves the
# .debs (with the .changes and .buildinfo) in OUTDIR, then runs lintian on them.
#   A copy of the tree (the files git knows, or the tree without build directories when it
#   is not a git checkout) gets packaging/debian as ./debian; dpkg-buildpackage -us -uc -b
#   builds it with DEB_BUILD_OPTIONS=nocheck (CI has run the suite on the tree already).
#   lintian must report no error and no warning (overrides say why where one is accepted);
#   XCVR_LINTIAN=0 skips it.
# Needs: dpkg-dev, debhelper, fakeroot, lintian and the Build-Depends of debian/control.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)

version=$(sed -n "s/^ *version: '\([^']*\)'.*/\1/p" "$top/meson.build" | head -n 1)
deb_version=$(dpkg-parsechangelog -l "$top/packaging/debian/changelog" -S Version)
if [ "${deb_version%-*}" != "$version" ]; then
    echo "build-deb.sh: meson.build says $version, packaging/debian/changelog $deb_version:" \
         "add a changelog entry (dch -v $version-1)" >&2
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src="$work/xcvrmap-$version"
mkdir "$src"
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$top" && git ls-files -z --cached --others --exclude-standard |
        xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
        tar --null -T - -cf -) | tar -C "$src" -xf -
else
    (cd "$top" && tar --exclude='./build*' --exclude=./.git -cf - .) | tar -C "$src" -xf -
fi
rm -rf "$src/debian"
cp -a "$top/packaging/debian" "$src/debian"

echo "build-deb.sh: building xcvrmap $deb_version in $src"
(cd "$src" && DEB_BUILD_OPTIONS="nocheck ${DEB_BUILD_OPTIONS:-}" \
    dpkg-buildpackage -us -uc -b -Pnocheck)

changes="xcvrmap_${deb_version}_$(dpkg-architecture -qDEB_HOST_ARCH).changes"
for f in "$work"/*.deb "$work"/*.changes "$work"/*.buildinfo; do
    cp "$f" "$out/"
done
echo "build-deb.sh: packages in $out:"
ls -1 "$out"/*.deb

if [ "${XCVR_LINTIAN:-1}" != 0 ]; then
    echo "build-deb.sh: lintian"
    lintian --fail-on error,warning --display-info "$out/$changes"
    echo "build-deb.sh: lintian: no error, no warning"
fi
