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


def check_launch():
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        k = os.path.join(tmp, "kernel")
        dtb = os.path.join(tmp, "dtb")
        with open(k, "wb") as f:
            f.write(bytes(range(256)) * 37)          # 9472 bytes: 3 granules
        with open(dtb, "wb") as f:
            f.write(b"\xd0\x0d\xfe\xed" * 100)
        base = ["launch", "--mock", "--load", k + "@0x40000000",
                "--load-unmeasured", dtb + "@0x40200000", "--vcpus", "2"]
        rc, out, err = run(*base, "--json")
        assert rc == 0, (rc, out, err)
        doc = json.loads(out)
        assert doc["match"] is True and doc["rim_predicted"] == doc["rim_realm"], doc
        assert len(doc["rim_predicted"]) == 64 and doc["granules_leaked"] == 0, doc
        assert doc["data_granules"] == 4 and doc["recs"] == 2, doc
        assert doc["rmi_calls"] > 4 * 4, doc
        # The RIM depends on what is measured: content, hash, levels.
        rc, out2, err = run(*base, "--json", "--hash", "sha512")
        d2 = json.loads(out2)
        assert rc == 0 and len(d2["rim_realm"]) == 128 and d2["match"], d2
        rc, out3, err = run(*base, "--json", "--ripas-level", "3")
        d3 = json.loads(out3)
        assert rc == 0 and d3["match"] and d3["rim_realm"] != doc["rim_realm"], d3
        assert d3["ripas_measurements"] == 65536, d3
        # Same input, same RIM (deterministic plan).
        rc, out4, err = run(*base, "--json")
        assert json.loads(out4)["rim_realm"] == doc["rim_realm"]
        # Text output.
        rc, out, err = run(*base)
        assert rc == 0 and "match:           yes" in out and "granules leaked: 0" in out, out
        # Bad usage and bad layouts.
        for bad in (["launch"], ["launch", "--mock", "--hash", "md5"],
                    ["launch", "--mock", "--ripas-level", "1"],
                    ["launch", "--mock", "--ram", "0x1000"],
                    ["launch", "--mock", "--load", "nofile"],
                    ["launch", "--mock", "--bogus"]):
            rc, out, err = run(*bad)
            assert rc == 2 and "usage" in err, (bad, rc, err)
        rc, out, err = run("launch", "--mock", "--load", os.path.join(tmp, "missing") + "@0x40000000")
        assert rc == 2 and "cannot read" in err, (rc, err)
        rc, out, err = run("launch", "--mock", "--load", k + "@0x90000000")
        assert rc == 2 and "invalid layout" in err, (rc, err)


CHECKS = {name[len("check_"):]: fn for name, fn in globals().items()
          if name.startswith("check_")}

if __name__ == "__main__":
    group = sys.argv[2]
    if group not in CHECKS:
        print(f"no checks for group {group}", file=sys.stderr)
        sys.exit(1)
    CHECKS[group]()
    print(f"cli {group}: ok")
