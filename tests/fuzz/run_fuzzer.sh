#!/bin/sh
# run_fuzzer.sh TARGET SEED_DIR SECONDS
# Runs a libFuzzer target for SECONDS on a scratch copy of its seed corpus
# (the checked-in seeds are never modified).  Fails on any crash, timeout,
# leak or sanitizer report; a reproducer is left in the scratch directory.
set -eu
target=$1 seeds=$2 secs=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/rlm-fuzz.XXXXXX")
mkdir -p "$work/corpus"
[ -d "$seeds" ] && cp -r "$seeds"/. "$work/corpus/" 2>/dev/null || true
cd "$work"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
if "$target" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 corpus >fuzz.log 2>&1; then
	tail -n 12 fuzz.log | grep -E 'stat::number_of_executed_units|stat::new_units_added|cov:' || true
	eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' fuzz.log | tail -n 1)
	echo "fuzz: $(basename "$target"): no crash in ${secs}s, ${eps:-?} exec/s (load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null))"
	rm -rf "$work"
	exit 0
fi
tail -n 60 fuzz.log
echo "fuzz: $(basename "$target") FAILED; reproducer and log in $work"
exit 1
