#!/bin/sh
# Fails if the freestanding core library has any undefined symbol (a libc
# call that slipped into the portable core) or defines no rlm_ symbol.
nm="$1"; lib="$2"
undef=$("$nm" -D --undefined-only "$lib" | grep -v ' w ' || true)
if [ -n "$undef" ]; then
  echo "freestanding core references undefined symbols:"; echo "$undef"; exit 1
fi
n=$("$nm" -D --defined-only "$lib" | grep -c ' T rlm_')
if [ "$n" -lt 10 ]; then
  echo "freestanding core exports only $n rlm_ functions"; exit 1
fi
echo "freestanding core: $n rlm_ functions, no undefined symbols"
