#!/usr/bin/env python3
"""Runs realmctl rmi run on trace files and checks the result.

usage: check.py run REALMCTL TRACE [ARGS...]   exit 0, every line printed
       check.py golden REALMCTL TRACE OUT [ARGS...]  stdout == OUT exactly
       check.py bad REALMCTL DIR   every DIR/*.trace: exit 2, nothing on
                                   stdout, stderr names TRACE:LINE and the
                                   message its first line announces
                                   ("# expect: LINE: message")
"""
import glob
import os
import re
import subprocess
import sys


# Cross builds run the tool under the cross file's wrapper (qemu-aarch64).
WRAPPER = os.environ.get("RLM_EXE_WRAPPER", "").split()


def run(realmctl, trace, extra):
    p = subprocess.run([*WRAPPER, realmctl, "rmi", "run", *extra, trace],
                       capture_output=True)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def main():
    mode, realmctl = sys.argv[1], sys.argv[2]
    if mode == "run":
        trace, extra = sys.argv[3], sys.argv[4:]
        rc, out, err = run(realmctl, trace, extra)
        assert rc == 0, f"{trace}: exit {rc}\n{out}{err}"
        assert "EXPECTATION FAILED" not in out, out
        # every command line of the trace printed one result, in order
        cmds = []
        for n, ln in enumerate(open(trace), 1):
            body = ln.split("#")[0].split()
            if body and body[0] not in ("ns_fill", "ns_write", "realm"):
                cmds.append(n)
        got = [int(l.split(":")[0]) for l in out.splitlines()]
        assert got == cmds, f"{trace}: result lines {got[:5]}... != {cmds[:5]}..."
        print(f"{trace}: {len(cmds)} results, all as expected")
    elif mode == "golden":
        trace, want, extra = sys.argv[3], sys.argv[4], sys.argv[5:]
        rc, out, err = run(realmctl, trace, extra)
        exp = open(want).read()
        if out != exp:
            import difflib
            sys.stdout.writelines(difflib.unified_diff(
                exp.splitlines(True), out.splitlines(True), want, "realmctl"))
            sys.exit(1)
        assert rc == (1 if "EXPECTATION FAILED" in exp else 0), (rc, err)
        print(f"{trace}: output identical to {want}")
    elif mode == "bad":
        files = sorted(glob.glob(os.path.join(sys.argv[3], "*.trace")))
        assert files, "no malformed traces found"
        for f in files:
            m = re.match(r"# expect: (\d+): (.*)", open(f, "rb").readline().decode())
            assert m, f"{f}: no '# expect:' line"
            rc, out, err = run(realmctl, f, [])
            assert rc == 2, f"{f}: exit {rc}, want 2\n{err}"
            assert out == "", f"{f}: printed results for a malformed trace"
            assert f"{f}:{m.group(1)}: " in err and m.group(2) in err, \
                f"{f}: stderr {err!r} lacks line {m.group(1)} / {m.group(2)!r}"
        print(f"{len(files)} malformed traces rejected with their line numbers")
    else:
        sys.exit(f"unknown mode {mode}")


main()
