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


CHECKS = {name[len("check_"):]: fn for name, fn in globals().items()
          if name.startswith("check_")}

if __name__ == "__main__":
    group = sys.argv[2]
    if group not in CHECKS:
        print(f"no checks for group {group}", file=sys.stderr)
        sys.exit(1)
    CHECKS[group]()
    print(f"cli {group}: ok")
