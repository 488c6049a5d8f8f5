#!/bin/sh
# gcc_analyzer.sh SRC_DIR BUILD_DIR FILE... : gcc -fanalyzer over every
# source, with the project's include paths; fails on any diagnostic.
src=$1 build=$2; shift 2
cd "$src" || exit 1
status=0
for f in "$@"; do
	out=$(gcc -std=c11 -D_POSIX_C_SOURCE=200809L -fanalyzer -c -o /dev/null \
		-Werror -Wall -Wextra -Wno-unused-parameter \
		-Iinclude -Ilib -I"$build" -I"$build/include" -Itools/realmctl "$f" 2>&1) ||
		{ echo "$out"; status=1; }
	[ -n "$out" ] && [ $status -eq 0 ] && { echo "$out"; status=1; }
done
[ $status -eq 0 ] && echo "gcc -fanalyzer: $# files clean"
exit $status
