#!/usr/bin/env bash
# Runs librealm's whole test suite.  Idempotent: build directories are
# created on first use and reused afterwards.
#   tests/run.sh            native, ASan+UBSan, and aarch64 under qemu
#   tests/run.sh native     one configuration (native | asan | aarch64)
#   tests/run.sh bench      the benchmarks (README's performance table)
#   tests/run.sh valgrind analysis fuzz coverage
#                           the extra configurations CI also runs:
#                           unit suites under valgrind memcheck, static
#                           analysers, libFuzzer targets (FUZZ_SECONDS each),
#                           and gcovr line coverage of lib/
set -uo pipefail
cd "$(dirname "$0")/.."
configs=("$@")
[ ${#configs[@]} -eq 0 ] && configs=(native asan aarch64)
deps=()
case " ${configs[*]} " in
*" valgrind "*|*" analysis "*|*" fuzz "*|*" coverage "*) deps+=(--analysis) ;;
esac
tests/setup-deps.sh "${deps[@]}" || exit 1

setup() { # dir, args...  (CI builds warning-free: -Dwerror=true)
	local dir=$1; shift
	if [ -f "$dir/build.ninja" ]; then
		meson setup --reconfigure "$dir" -Dwerror=true "$@" >/dev/null
	else
		meson setup "$dir" -Dwerror=true "$@" >/dev/null
	fi
}

# The shim module's QEMU test (tests/kmod): enabled for the native build
# when Debian's amd64 kernel headers and the matching image are installed,
# with the in-kernel mock RMM the test boots (kmod_mock; never for a real realm).
kmod_args=()
for kdir in $(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V -r); do
	rel=$(sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' "$kdir/include/generated/utsrelease.h" 2>/dev/null)
	if [ -n "$rel" ] && [ -f "/boot/vmlinuz-$rel" ]; then
		kmod_args=(-Dkmod=true -Dkmod_mock=true "-Dkernel_dir=$kdir")
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
	valgrind) dir=build-valgrind
		  # The C suites under memcheck (the cli/traces suites are Python
		  # runners: wrapping them would check python3, not librealm).
		  setup build-valgrind -Dmock_invariants=false || { rc=1; continue; }
		  meson compile -C build-valgrind >/dev/null || { meson compile -C build-valgrind; rc=1; continue; }
		  echo "== valgrind (build-valgrind, memcheck)"
		  meson test -C build-valgrind --logbase valgrind \
			--no-suite cli --no-suite traces --no-suite analysis \
			--num-processes 2 --print-errorlogs --timeout-multiplier 20 \
			--wrap 'valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --quiet' \
			| grep -E '^ *[0-9]+/[0-9]+ |^(Ok|Fail|Skipped|Timeout):'
		  st=("${PIPESTATUS[@]}")
		  [ "${st[0]}" -eq 0 ] || rc=1
		  continue ;;
	analysis) dir=build-analysis
		  setup build-analysis -Danalysis=true || { rc=1; continue; } ;;
	fuzz) echo "== fuzz (build-fuzz, ${FUZZ_SECONDS:-60}s per target)"
	      tests/fuzz.sh | grep -E '^ *[0-9]+/[0-9]+ |^(Ok|Fail):'
	      st=("${PIPESTATUS[@]}")
	      [ "${st[0]}" -eq 0 ] || rc=1
	      continue ;;
	bench) dir=build-bench
	       # The performance table: release build, no invariant walk.
	       setup build-bench --buildtype=release -Dmock_invariants=false || { rc=1; continue; }
	       meson compile -C build-bench >/dev/null || { meson compile -C build-bench; rc=1; continue; }
	       echo "== benchmarks (build-bench)"
	       meson test -C build-bench --benchmark --num-processes 1 \
		       --logbase bench >/dev/null || rc=1
	       python3 - build-bench/meson-logs/bench.json <<'PY'
import json, sys
for line in open(sys.argv[1]):
    t = json.loads(line)
    print(f"-- {t['name']} ({t['result']}, {t['duration']:.1f} s)")
    for out in t.get("stdout", "").splitlines():
        if out.strip():
            print("   " + out)
PY
	       continue ;;
	coverage) dir=build-cov
		  setup build-cov -Db_coverage=true || { rc=1; continue; }
		  meson compile -C build-cov >/dev/null || { meson compile -C build-cov; rc=1; continue; }
		  echo "== coverage (build-cov)"
		  meson test -C build-cov --num-processes 2 >/dev/null || rc=1
		  gcovr -r . --filter 'lib/' --object-directory build-cov \
			--exclude 'lib/core/freestanding.c' --print-summary \
			-o build-cov/coverage.txt >/dev/null 2>build-cov/gcovr.err
		  grep -E '^TOTAL' build-cov/coverage.txt || cat build-cov/gcovr.err
		  continue ;;
	*) echo "unknown configuration: $c" >&2; exit 2 ;;
	esac
	echo "== $c ($dir)"
	extra=()
	[ "$c" = aarch64 ] && export ASAN_OPTIONS=detect_leaks=0
	[ "$c" = analysis ] && extra=(--suite analysis)
	meson compile -C "$dir" >/dev/null || { meson compile -C "$dir"; rc=1; continue; }
	meson test -C "$dir" --print-errorlogs --num-processes 2 "${extra[@]}" \
		| grep -E '^ *[0-9]+/[0-9]+ |^(Ok|Fail|Skipped|Timeout):'
	st=("${PIPESTATUS[@]}")
	[ "${st[0]}" -eq 0 ] || rc=1
done
exit $rc
