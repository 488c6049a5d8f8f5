#!/bin/sh
# Fetches Debian's arm64 kernel headers, kernel image and busybox-static for
# the arm64 kernel-module test (kmod-qemu-arm64) and unpacks them into DIR
# with `apt-get download` + `dpkg-deb -x` (they do not co-install with the
# amd64 ones).  The headers use the host's linux-kbuild tools (the amd64
# build of the same release).  Idempotent: does nothing when DIR/.done
# names the same release.
#   arm64-deps.sh DIR RELEASE   (RELEASE: e.g. 6.1.0-57, the amd64 headers')
set -eu
dir=$1 rel=$2
[ -f "$dir/.done" ] && [ "$(cat "$dir/.done")" = "$rel" ] && exit 0
mkdir -p "$dir/debs" "$dir/root/usr/lib"
cd "$dir/debs"
rm -f ./*.deb
apt-get download "linux-headers-$rel-arm64:arm64" \
	"linux-image-$rel-arm64-unsigned:arm64" busybox-static:arm64 >/dev/null 2>&1 ||
	{ echo "arm64-deps: apt-get download failed (is arm64 a dpkg architecture? tests/setup-deps.sh adds it)" >&2; exit 1; }
for d in ./*.deb; do dpkg-deb -x "$d" "$dir/root"; done
kb=$(ls -d /usr/lib/linux-kbuild-* | head -1)
ln -sfn "$kb" "$dir/root/usr/lib/$(basename "$kb")"
echo "$rel" > "$dir/.done"
