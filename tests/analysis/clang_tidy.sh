#!/bin/sh
# clang_tidy.sh CLANG_TIDY BUILD_DIR SRC_DIR FILE... : fails on any finding.
# Uses the build's compile database without the freestanding-check entries
# (gcc-only flags), so each file is analysed as librealm compiles it.
tidy=$1 build=$2 src=$3; shift 3
db=$(mktemp -d "${TMPDIR:-/tmp}/rlm-tidy.XXXXXX")
trap 'rm -rf "$db"' EXIT
python3 - "$build/compile_commands.json" "$db/compile_commands.json" <<'PY'
import json, sys
cmds = [c for c in json.load(open(sys.argv[1]))
        if "freestanding" not in c.get("output", "") + c.get("command", "")]
json.dump(cmds, open(sys.argv[2], "w"))
PY
cd "$src" || exit 1
status=0
for f in "$@"; do
	out=$("$tidy" -p "$db" --quiet "$f" 2>&1) || { echo "$out"; status=1; }
done
[ $status -eq 0 ] && echo "clang-tidy: $# files clean"
exit $status
