#!/bin/sh
# Fetches Debian's arm64 kernel headers, kernel image and busybox-static for
# the arm64 kernel-module test (kmod-qemu-arm64) and unpacks them into DIR
# with `apt-get download` + `dpkg-deb -x` (they do not co-install with the
# amd64 ones).  The headers use the host's linux-kbuild tools (the amd64
# build of the same release).
#   arm64-deps.sh DIR RELEASE   (RELEASE: e.g. 6.1.0-57, the amd64 headers')
# Idempotent and offline once done: nothing is fetched when DIR/.done names
# the same release.  All or nothing: the tree is unpacked beside DIR/root and
# moved into place only when complete, so an interrupted or failed run
# leaves no half tree that a later run would take as done.  Exit 1 with one
# line on stderr saying what failed.
set -eu
dir=$1 rel=$2
[ -f "$dir/.done" ] && [ "$(cat "$dir/.done")" = "$rel" ] && [ -d "$dir/root" ] && exit 0
fail() { echo "arm64-deps: $*" >&2; exit 1; }
pkgs="linux-headers-$rel-arm64:arm64 linux-image-$rel-arm64-unsigned:arm64 busybox-static:arm64"
mkdir -p "$dir"
tmp=$(mktemp -d "$dir/.fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
# A package list older than the archive names .debs that are gone: one
# `apt-get update` and a second try.
# shellcheck disable=SC2086
if ! apt-get download $pkgs >/dev/null 2>&1; then
	dpkg --print-foreign-architectures | grep -qx arm64 ||
		fail "arm64 is not a dpkg architecture (tests/setup-deps.sh adds it)"
	apt-get update >/dev/null 2>&1 || fail "apt-get update failed (offline?)"
	apt-get download $pkgs >/dev/null 2>&1 ||
		fail "apt-get download of $pkgs failed"
fi
mkdir root
for d in ./*.deb; do dpkg-deb -x "$d" root || fail "dpkg-deb -x $d failed"; done
kb=$(ls -d /usr/lib/linux-kbuild-* 2>/dev/null | sort -V | tail -1)
[ -n "$kb" ] || fail "no /usr/lib/linux-kbuild-* (install linux-headers-$rel-amd64)"
mkdir -p root/usr/lib
ln -sfn "$kb" "root/usr/lib/$(basename "$kb")"
[ -f "root/boot/vmlinuz-$rel-arm64" ] || fail "linux-image-$rel-arm64 has no /boot/vmlinuz-$rel-arm64"
rm -rf "$dir/root" "$dir/.done"
mv root "$dir/root"
echo "$rel" > "$dir/.done"
