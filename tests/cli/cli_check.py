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


def check_dt():
    # argv[3:]: QEMU virt DTBs as SIZE:HIGHMEM:PATH (tests/dt/meson.build)
    import tempfile
    specs = sys.argv[3:]
    assert len(specs) >= 3, "no QEMU DTBs (install qemu-system-arm)"
    units = {"M": 1 << 20, "G": 1 << 30}
    tmp = tempfile.mkdtemp()
    for spec in specs:
        size, _, path = spec.split(":", 2)
        mem = int(size[:-1]) * units[size[-1]]
        for bits in (32, 33, 34, 36, 40, 48):
            fits = 0x40000000 + mem <= 1 << (bits - 1)
            rc, out, err = run("dt", "check", "--ipa-bits", str(bits), path, "--json")
            assert rc == 1, (spec, bits, rc, err)
            doc = json.loads(out)
            assert doc["ipa_bits"] == bits and doc["ok"] is False, doc
            assert doc["ram"] == [["0x40000000", hex(mem)]], doc
            assert any("not in the shared half" in f for f in doc["findings"]), doc
            assert any("protected half" in f for f in doc["findings"]) == (not fits), doc
            fixed = os.path.join(tmp, f"fx-{bits}.dtb")
            rc, out, err = run("dt", "fixup", "--ipa-bits", str(bits), path, fixed,
                               "--efi-secret", "0x7fff0000,0x1000")
            assert rc == 0, (rc, err)
            rc, out, err = run("dt", "check", "--ipa-bits", str(bits), fixed, "--json")
            doc = json.loads(out)
            assert rc == (0 if fits else 1) and doc["ok"] == fits, (rc, doc)
            assert doc["console"]["base"] == hex(0x9000000 | 1 << (bits - 1)), doc
            rc, out, err = run("dt", "check", "--ipa-bits", str(bits), fixed)
            assert rc == (0 if fits else 1) and ("ok (IPA" in out) == fits, out
        rc, out, err = run("dt", "ram", path, "--json")
        assert rc == 0 and json.loads(out) == [["0x40000000", hex(mem)]], out
    # Unreadable / invalid: exit 2.
    path = specs[0].split(":", 2)[2]
    data = open(path, "rb").read()
    for name, blob in (("trunc", data[:200]), ("magic", b"\0" + data[1:]),
                       ("empty", b"")):
        bad = os.path.join(tmp, name + ".dtb")
        open(bad, "wb").write(blob)
        rc, out, err = run("dt", "check", "--ipa-bits", "33", bad, "--json")
        assert rc == 2 and "not a valid device tree" in err and out == "", (name, rc, err)
    rc, out, err = run("dt", "check", "--ipa-bits", "33", os.path.join(tmp, "missing"))
    assert rc == 2, rc
    for args in (("check", path), ("check", "--ipa-bits", "31", path),
                 ("check", "--ipa-bits", "x", path), ("bogus",), (),
                 ("fixup", "--ipa-bits", "33", path)):
        rc, out, err = run("dt", *args)
        assert rc == 2 and "usage" in err or "ipa-bits" in err, (args, rc, err)
    rc, out, err = run("dt", "--help")
    assert rc == 0 and "dt check" in out


def _tcg2_log(events, alg=0x000B, hlen=32, hname="sha256"):
    """A TCG2 crypto-agile log written from the TCG PC Client spec layout."""
    import hashlib
    import struct
    spec = (b"Spec ID Event03\0" + struct.pack("<IBBBBI", 0, 0, 2, 2, 2, 1)
            + struct.pack("<HH", alg, hlen) + b"\0")
    out = struct.pack("<II", 0, 3) + b"\0" * 20 + struct.pack("<I", len(spec)) + spec
    rems = [b"\0" * hlen] * 4
    for index, data in events:
        d = hashlib.new(hname, data).digest()
        out += struct.pack("<IIIH", index, 0xD, 1, alg) + d + struct.pack("<I", len(data)) + data
        rems[index - 1] = hashlib.new(hname, rems[index - 1] + d).digest()
    return out, rems


def check_guest():
    import tempfile
    tmp = tempfile.mkdtemp()
    # No module on the build machine: a clear exit 2.
    rc, out, err = run("guest", "--device", os.path.join(tmp, "nope"), "measurements")
    assert rc == 2 and "cannot open" in err, (rc, err)
    rc, out, err = run("guest", "bogus")
    assert rc == 2 and "usage" in err, (rc, err)
    rc, out, err = run("guest", "--help")
    assert rc == 0 and "replay" in out
    # Offline replay of a log built here from the TCG layout.
    for alg, hlen, hname in ((0x000B, 32, "sha256"), (0x000D, 64, "sha512")):
        log, rems = _tcg2_log([(1, b"kernel"), (2, b"initrd"), (1, b"cmdline"),
                               (4, b"")], alg, hlen, hname)
        path = os.path.join(tmp, f"log-{hname}.bin")
        open(path, "wb").write(log)
        rc, out, err = run("guest", "replay", path, "--json")
        assert rc == 0, (rc, err)
        doc = json.loads(out)
        assert doc["hash"] == hname, doc
        assert doc["replay"] == [r.hex() for r in rems], doc
        assert [e["index"] for e in doc["events"]] == [1, 2, 1, 4], doc
        assert doc["events"][1]["event"] == b"initrd".hex(), doc
        assert "matches_rems" not in doc
        rc, out, err = run("guest", "replay", path)
        assert rc == 0 and "4 events" in out and "rem1 type 0xd" in out, out
        # Truncated or corrupted logs are refused.
        for bad in (log[:-1], log[:40], b"\0" * 100, log[:32] + b"X" + log[33:]):
            open(path, "wb").write(bad)
            rc, out, err = run("guest", "replay", path)
            assert rc == 2 and "event log" in err, (rc, err)


CHECKS = {name[len("check_"):]: fn for name, fn in globals().items()
          if name.startswith("check_")}

if __name__ == "__main__":
    group = sys.argv[2]
    if group not in CHECKS:
        print(f"no checks for group {group}", file=sys.stderr)
        sys.exit(1)
    CHECKS[group]()
    print(f"cli {group}: ok")
