#!/usr/bin/env bash
# Runs librealm's whole test suite.  Idempotent: build directories are
# created on first use and reused afterwards.
#   tests/run.sh            native, ASan+UBSan, and aarch64 under qemu
#   tests/run.sh native     one configuration (native | asan | aarch64)
set -uo pipefail
cd "$(dirname "$0")/.."
tests/setup-deps.sh

configs=("$@")
[ ${#configs[@]} -eq 0 ] && configs=(native asan aarch64)

setup() { # dir, args...
	local dir=$1; shift
	if [ -f "$dir/build.ninja" ]; then
		meson setup --reconfigure "$dir" "$@" >/dev/null
	else
		meson setup "$dir" "$@" >/dev/null
	fi
}

# The shim module's QEMU test (tests/kmod): enabled for the native build
# when Debian's amd64 kernel headers and the matching image are installed.
kmod_args=()
for kdir in $(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V -r); do
	rel=$(sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' "$kdir/include/generated/utsrelease.h" 2>/dev/null)
	if [ -n "$rel" ] && [ -f "/boot/vmlinuz-$rel" ]; then
		kmod_args=(-Dkmod=true "-Dkernel_dir=$kdir")
		break
	fi
done

rc=0
for c in "${configs[@]}"; do
	case $c in
	native) dir=build; setup build -Dmock_invariants=true "${kmod_args[@]}" || { rc=1; continue; } ;;
	asan) dir=build-asan
	      setup build-asan -Db_sanitize=address,undefined -Db_lundef=false \
		    -Dmock_invariants=true || { rc=1; continue; } ;;
	aarch64) dir=build-aarch64
		 setup build-aarch64 --cross-file cross/aarch64-linux-gnu.ini \
		       -Dlibfdt=disabled || { rc=1; continue; } ;;
	*) echo "unknown configuration: $c" >&2; exit 2 ;;
	esac
	echo "== $c ($dir)"
	extra=()
	[ "$c" = aarch64 ] && export ASAN_OPTIONS=detect_leaks=0
	meson compile -C "$dir" >/dev/null || { meson compile -C "$dir"; rc=1; continue; }
	meson test -C "$dir" --print-errorlogs --num-processes 2 "${extra[@]}" \
		| grep -E '^ *[0-9]+/[0-9]+ |^(Ok|Fail|Skipped|Timeout):' || true
	[ "${PIPESTATUS[0]}" -eq 0 ] || rc=1
done
exit $rc
