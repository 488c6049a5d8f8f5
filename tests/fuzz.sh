#!/usr/bin/env bash
# Builds the libFuzzer targets with clang + ASan + UBSan and runs each for
# a bounded time (default 60 s; FUZZ_SECONDS overrides).  Idempotent.
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-60}
args=(-Dwerror=true -Dfuzz=true -Dfuzz_seconds="$secs" -Db_sanitize=address,undefined
      -Db_lundef=false -Dtests=disabled -Dexamples=false -Dkmod=false)
if [ -f build-fuzz/build.ninja ]; then
	meson setup --reconfigure build-fuzz "${args[@]}" >/dev/null
else
	CC=clang meson setup build-fuzz "${args[@]}" >/dev/null
fi || exit 1
meson compile -C build-fuzz >/dev/null || { meson compile -C build-fuzz; exit 1; }
meson test -C build-fuzz --suite fuzz --num-processes 2 --print-errorlogs
rc=$?
# each target's executions per second (run_fuzzer.sh's summary line)
grep -h '^fuzz: .* exec/s' build-fuzz/meson-logs/testlog.txt 2>/dev/null || true
exit $rc
