#!/usr/bin/env python3
"""Write the reference RMM's answers into an RMI trace as expectations.

usage: annotate.py [--oracle PATH] [--check] TRACE...
       annotate.py --strip TRACE...   (drop the oracle's expectations)

Runs each TRACE through the TF-RMM oracle (rmi-oracle, a build of TF-RMM
rmm-spec-v1.0-rel0 fake_host that reads the same trace format) and rewrites
every command line's `=> EXPECTED` with the oracle's status/index.  Lines
whose comment contains `[spec]` are not sent to the oracle (it cannot run
them, e.g. `params=` or REC_ENTER paths it does not model); their
expectation, derived from the TF-RMM source, is kept as written.
It also writes TRACE's golden output NAME.out (the oracle's result lines).
With --check nothing is written: differences are listed and the exit code
is 1 if there are any.  Not run by the test suite (the oracle is not part
of the project); the checked-in expectations are its output.
"""
import os
import re
import subprocess
import sys

ORACLE = os.environ.get("RMI_ORACLE", "/tmp/oracle/rmi-oracle")
COL = 60


def split(line):
    body, hashsign, comment = line.partition("#")
    body, _, exp = body.partition("=>")
    return body.rstrip(), exp.strip(), (hashsign + comment) if hashsign else ""


def annotate(path, check):
    lines = open(path).read().split("\n")
    feed = []
    for ln in lines:
        body, exp, comment = split(ln)
        feed.append("" if "[spec]" in comment else body)
    tmp = path + ".oracle-in"
    open(tmp, "w").write("\n".join(feed))
    p = subprocess.run([ORACLE, tmp], capture_output=True, text=True)
    os.unlink(tmp)
    if p.returncode not in (0, 1):
        sys.exit(f"{path}: oracle failed ({p.returncode}): {p.stderr}")
    got = {}
    for o in p.stdout.splitlines():
        m = re.match(r"(\d+): \S+ -> (\S+)", o)
        if m:
            got[int(m.group(1))] = m.group(2)
    out, diffs = [], 0
    for i, ln in enumerate(lines, 1):
        body, exp, comment = split(ln)
        if i not in got or "[spec]" in comment:
            out.append(ln)
            continue
        want = got[i]
        if exp and exp != want and not (
                "/" not in exp and want.split("/")[0] == exp):
            print(f"{path}:{i}: was {exp}, oracle says {want}")
            diffs += 1
        elif not exp:
            diffs += 1 if check else 0
            if check:
                print(f"{path}:{i}: no expectation, oracle says {want}")
        pad = " " * max(1, COL - len(body))
        new = f"{body}{pad}=> {want}"
        if comment:
            new += "  " + comment.strip()
        out.append(new)
    if not check:
        open(path, "w").write("\n".join(out))
        write_golden(path, lines, got)
    return diffs


def write_golden(path, lines, got):
    """NAME.out: the oracle's result lines; a [spec] line (not run by the
    oracle) must expect an error, whose result line has no outputs, so it
    is written from its expectation.  No .out if one expects success."""
    res = {}
    for i, ln in enumerate(lines, 1):
        body, exp, comment = split(ln)
        if "[spec]" not in comment or not body.strip():
            continue
        if not exp.startswith("RMI_ERROR") or "/" not in exp:
            return
        res[i] = f"{i}: {body.split()[0]} -> {exp}"
    feed = "\n".join("" if i in res else ln for i, ln in enumerate(lines, 1))
    tmp = path + ".oracle-in"
    open(tmp, "w").write(feed)
    p = subprocess.run([ORACLE, tmp], capture_output=True, text=True)
    os.unlink(tmp)
    for o in p.stdout.splitlines():
        res[int(o.split(":")[0])] = o
    open(path[:-len(".trace")] + ".out", "w").write(
        "".join(res[k] + "\n" for k in sorted(res)))


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--strip"]:   # drop the oracle's expectations (editing)
        for a in args[1:]:
            out = []
            for ln in open(a).read().split("\n"):
                body, exp, comment = split(ln)
                if not exp or "[spec]" in comment:
                    out.append(ln)
                    continue
                out.append(body + ("  " + comment.strip() if comment else ""))
            open(a, "w").write("\n".join(out))
        sys.exit(0)
    check = "--check" in args
    args = [a for a in args if a != "--check"]
    if args[:1] == ["--oracle"]:
        ORACLE = args[1]
        args = args[2:]
    n = sum(annotate(a, check) for a in args)
    sys.exit(1 if check and n else 0)
