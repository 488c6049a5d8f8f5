#!/usr/bin/env python3
"""End-to-end checks of realmctl's command groups.

usage: cli_check.py REALMCTL GROUP
Runs realmctl, checks exit codes, text and JSON output for GROUP.
Each check function asserts real behaviour; a failed assert fails the test.
"""
import json
import os
import subprocess
import sys

REALMCTL = sys.argv[1]
# Cross builds run the tool under the cross file's wrapper (qemu-aarch64).
WRAPPER = os.environ.get("RLM_EXE_WRAPPER", "").split()
SRC = os.environ.get("RLM_SRCDIR", ".")
VECTORS = os.environ.get("RLM_VECTORS", os.path.join(SRC, "..", "shared", "vectors"))


def run(*args, stdin=None):
    p = subprocess.run([*WRAPPER, REALMCTL, *args], input=stdin,
                       capture_output=True)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def check_version():
    rc, out, err = run("version")
    assert rc == 0 and "RMI 1.0" in out, (rc, out, err)
    rc, out, err = run("version", "--json")
    assert rc == 0, err
    doc = json.loads(out)
    assert doc["rmi"] == "1.0" and doc["hashes"] == ["sha256", "sha512"], doc
    rc, out, err = run("version", "--bogus")
    assert rc == 2 and "usage" in err, (rc, err)
    rc, out, err = run("no-such-command")
    assert rc == 2 and "unknown command" in err, (rc, err)
    rc, out, err = run()
    assert rc == 2 and "usage" in err
    rc, out, err = run("--help")
    assert rc == 0 and "version" in out


def check_rmi():
    traces = os.path.join(SRC, "tests", "traces")
    # usage errors
    rc, out, err = run("rmi")
    assert rc == 2 and "usage" in err, (rc, err)
    rc, out, err = run("rmi", "--help")
    assert rc == 0 and "rmi run" in out and "--features" in out, (rc, out)
    rc, out, err = run("rmi", "walk")
    assert rc == 2 and "unknown subcommand" in err, (rc, err)
    rc, out, err = run("rmi", "run")
    assert rc == 2 and "no TRACE" in err, (rc, err)
    rc, out, err = run("rmi", "run", "--bogus", "x.trace")
    assert rc == 2 and "unknown option" in err, (rc, err)
    rc, out, err = run("rmi", "run", "a.trace", "b.trace")
    assert rc == 2 and "more than one" in err, (rc, err)
    rc, out, err = run("rmi", "run", os.path.join(traces, "no-such.trace"))
    assert rc == 2 and "cannot read" in err, (rc, err)
    for bad in ("s2sz", "s2sz=", "bogus=1", "s2sz=256", "lpa2=2", "raw=zz",
                "s2sz=48,", ",s2sz=48"):
        rc, out, err = run("rmi", "run", "--features", bad,
                           os.path.join(traces, "version.trace"))
        assert rc == 2 and "feature" in err, (bad, rc, err)
    # a malformed trace from stdin: line-numbered, nothing printed
    rc, out, err = run("rmi", "run", "-", stdin=b"version\nversion bogus=1\n")
    assert rc == 2 and "-:2: unknown key 'bogus'" in err and out == "", (rc, out, err)
    # the spec's example (needs the mock RMM in this build)
    rc, out, err = run("rmi", "run", os.path.join(traces, "example.trace"))
    if "no mock RMM" in err:
        assert rc == 2, (rc, err)
        return
    want = open(os.path.join(traces, "example.out")).read()
    assert rc == 0 and out == want, (rc, out, err)
    # a failed expectation: the line says so, exit 1
    rc, out, err = run("rmi", "run", "-",
                       stdin=b"granule_delegate addr=g0 => RMI_ERROR_INPUT\n")
    assert rc == 1, (rc, out, err)
    assert out == "1: granule_delegate -> RMI_SUCCESS EXPECTATION FAILED\n", out
    assert "1 of 1 expectations failed" in err, err
    # --features reaches RMI_FEATURES(0): each field and raw=
    rc, out, err = run("rmi", "run", "--features",
                       "raw=0,s2sz=40,lpa2=1,sve=1,sve_vl=3,num_bps=2,num_wps=3,"
                       "pmu=1,pmu_num_ctrs=7,sha256=1,sha512=0,gicv3_num_lrs=4,"
                       "max_recs_order=5", "-", stdin=b"features index=0\n")
    want = 40 | 1 << 8 | 1 << 9 | 3 << 10 | 2 << 14 | 3 << 20 | 1 << 26 | \
        7 << 27 | 1 << 32 | 4 << 34 | 5 << 38
    assert rc == 0 and out == f"1: features -> RMI_SUCCESS value={want:#x}\n", \
        (rc, out, err)
    rc, out, err = run("rmi", "run", "--features=raw=0x283fc104130", "-",
                       stdin=b"features index=0\n")
    assert out == "1: features -> RMI_SUCCESS value=0x283fc104130\n", out


CHECKS = {name[len("check_"):]: fn for name, fn in globals().items()
          if name.startswith("check_")}

if __name__ == "__main__":
    group = sys.argv[2]
    if group not in CHECKS:
        print(f"no checks for group {group}", file=sys.stderr)
        sys.exit(1)
    CHECKS[group]()
    print(f"cli {group}: ok")
