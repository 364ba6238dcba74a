#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# install-plugin.sh DIR FROM TO: renames the installed plugin DIR/FROM to DIR/TO (mode
# 0755), under DESTDIR when meson installs into one.
set -eu
dir=${DESTDIR:-}$1
mv -f "$dir/$2" "$dir/$3"
chmod 0755 "$dir/$3"
