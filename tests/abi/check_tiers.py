#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""The tiers are enforced by the linker: a shared object that calls a
function of a higher tier, linked with -z defs against only the tiers
below it, does not link.  For each tier below the top: the control
(tier_up.c with RLM_TIER_OK, calling down) links; the upward call fails
with an undefined reference to the function it called.

  check_tiers.py SRC INCDIR LIBDIR OUTDIR -- CC...
"""
import os
import subprocess
import sys


def link(cc, src, inc, libdir, out, libs, defines):
    cmd = cc + ["-shared", "-fPIC", "-o", out, src, "-I", inc] + \
        [f"-D{d}" for d in defines] + ["-L", libdir] + \
        [f"-l{lib}" for lib in libs] + ["-Wl,-z,defs"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr, cmd


def main():
    sep = sys.argv.index("--")
    src, inc, libdir, outdir = sys.argv[1:sep]
    cc = sys.argv[sep + 1:]
    os.makedirs(outdir, exist_ok=True)
    cases = [
        # tier, libraries below it, defines of the upward call, its target
        ("realm-core", ["realm-core"], ["RLM_TIER_CORE=1"], "rlm_hash_openssl_provider"),
        ("realm", ["realm", "realm-core"], ["RLM_TIER_CORE=0"], "rlm_mock_new"),
    ]
    bad = 0
    for tier, libs, defs, target in cases:
        out = os.path.join(outdir, f"tier_{tier}")
        rc, log, cmd = link(cc, src, inc, libdir, out + "_ok.so", libs, ["RLM_TIER_OK"])
        if rc:
            print(f"{tier}: the control (a downward call) does not link:\n"
                  f"{' '.join(cmd)}\n{log}")
            bad += 1
            continue
        rc, log, cmd = link(cc, src, inc, libdir, out + "_up.so", libs, defs)
        if rc == 0:
            print(f"{tier}: an upward call to {target} linked against "
                  f"{', '.join(libs)}: the tier is not enforced")
            bad += 1
        elif target not in log:
            print(f"{tier}: the upward call failed, but not on {target}:\n{log}")
            bad += 1
        else:
            line = next(l for l in log.splitlines() if target in l)
            print(f"{tier}: upward call refused as it must be: {line.strip()}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
