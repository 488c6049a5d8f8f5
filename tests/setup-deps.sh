#!/usr/bin/env bash
# Installs what librealm's build and tests need on Debian 12, if missing.
# Idempotent: does nothing when everything is already there.
set -euo pipefail

want_native=(meson ninja-build gcc pkg-config libcmocka-dev libssl-dev libfdt-dev zlib1g-dev
	     device-tree-compiler python3 binutils qemu-system-arm
	     linux-headers-amd64 linux-image-amd64 qemu-system-x86 busybox-static cpio)
want_cross=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user
	    libcmocka-dev:arm64 libssl-dev:arm64)
want_extra=()
case " ${*:-} " in
*" --analysis "*) want_extra+=(clang libclang-rt-14-dev valgrind cppcheck clang-tidy gcovr) ;;
esac

# Installed?  With a package present for two architectures (libssl-dev
# for amd64 and arm64), a bare name is ambiguous to dpkg: ask for the
# native architecture's copy too.
native_arch=$(dpkg --print-architecture)
installed() {
	dpkg -s "$1" >/dev/null 2>&1 && return 0
	[[ $1 == *:* ]] && return 1
	dpkg -s "$1:$native_arch" >/dev/null 2>&1
}
missing=()
for p in "${want_native[@]}" "${want_extra[@]}"; do
	installed "$p" || missing+=("$p")
done
if [[ " ${*:-} " != *" --native-only "* ]]; then
	for p in "${want_cross[@]}"; do
		installed "$p" || missing+=("$p")
	done
fi
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [[ " ${missing[*]} " == *":arm64"* ]] &&
   ! dpkg --print-foreign-architectures | grep -qx arm64; then
	$SUDO dpkg --add-architecture arm64
fi
echo "setup-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
