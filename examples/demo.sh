#!/usr/bin/env bash
# librealm's main demo, from a fresh Debian 12 machine (as root):
# installs what is missing, builds, then plans a realm, launches it on the
# mock RMM, checks its measurement against the prediction, attests it
# (token fetched by the guest, verified by a verifier), runs a few guest
# exits, tears it down and prints a summary.  Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
tests/setup-deps.sh --native-only
# A user's build: no -Dwerror (tests/run.sh, what CI runs, turns it on).
if [ ! -f build/build.ninja ]; then
	meson setup build >/dev/null
fi
meson compile -C build >/dev/null
exec build/examples/launch-demo
