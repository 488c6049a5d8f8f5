#!/usr/bin/env python3
"""Check what the built realm-shim module carries: the in-kernel mock RMM or not.

usage: check_module.py --ko KO --mock yes|no [--nm NM]

A module built for a real realm (meson -Dkmod_mock=false, the default) must
not contain the mock RMM, whose attestation keys are derived from a seed
anyone can read in lib/attest/mock_attest_core.c.  Checked on the .ko
itself, three ways:
  - symbols (nm): nothing named *mock*, and none of what only the mock
    needs: the ECDSA signer and key derivation, the launch executor;
  - the module's .modinfo section: no `mock` parameter;
  - the bytes of the module: no source path of the mock (lib/mock/,
    mock_attest) and no string only the mock's tokens carry.
With --mock yes (the QEMU test's build) the same markers must be present,
so the check is known to see a mock where there is one.
"""
import argparse
import re
import struct
import subprocess
import sys

# What only the in-kernel mock brings into the module.
MOCK_SYMBOL = re.compile(r"mock", re.I)
MOCK_ONLY_SYMBOLS = ("rlm_ecdsa_sign", "rlm_ecdsa_key_from_seed",
                     "rlm_launch_execute", "shim_mock_start")
MOCK_BYTES = (b"lib/mock/", b"mock_attest", b"librealm.invalid/mock-verifier")
MOCK_PARAM = b"parmtype=mock:"


def symbols(nm, ko):
    out = subprocess.run([nm, ko], stdout=subprocess.PIPE, check=True,
                         text=True).stdout
    names = set()
    for line in out.splitlines():
        f = line.split()
        if f:
            names.add(f[-1])
    return names


def modinfo(data):
    """The strings of the .modinfo section (NUL-separated key=value)."""
    # ELF64 little-endian: find the section by name through the section
    # header table (the kernel builds modules as ELF relocatable objects).
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        sys.exit("check_module.py: not a 64-bit little-endian ELF module")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3a)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                for i in range(shnum)]
    strtab = sections[shstrndx]
    for s in sections:
        end = data.index(b"\0", strtab[4] + s[0])
        if data[strtab[4] + s[0]:end] == b".modinfo":
            return [x for x in data[s[4]:s[4] + s[5]].split(b"\0") if x]
    sys.exit("check_module.py: the module has no .modinfo section")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ko", required=True)
    ap.add_argument("--mock", choices=("yes", "no"), required=True)
    ap.add_argument("--nm", default="nm")
    a = ap.parse_args()

    data = open(a.ko, "rb").read()
    syms = symbols(a.nm, a.ko)
    info = modinfo(data)
    if not any(x.startswith(b"license=") for x in info) or len(syms) < 20:
        sys.exit(f"check_module.py: {a.ko} does not look like a built module")

    found = []
    found += [f"symbol {s}" for s in sorted(syms) if MOCK_SYMBOL.search(s)]
    found += [f"symbol {s}" for s in MOCK_ONLY_SYMBOLS
              if s in syms and not MOCK_SYMBOL.search(s)]
    found += [f"modinfo {x.decode()}" for x in info if x.startswith(MOCK_PARAM)]
    found += [f"bytes {b.decode()!r}" for b in MOCK_BYTES if b in data]

    print(f"{a.ko}: {len(syms)} symbols, {len(data)} bytes; "
          f"mock markers: {len(found)}")
    for f in found:
        print("  " + f)
    if a.mock == "no":
        if found:
            sys.exit("FAIL: a module built without kmod_mock carries the mock RMM")
        print("PASS: no mock RMM in the module")
        return
    # With the mock: every kind of marker that does not depend on debug info.
    missing = [s for s in MOCK_ONLY_SYMBOLS if s not in syms]
    if not any(x.startswith(MOCK_PARAM) for x in info):
        missing.append("modinfo parameter mock")
    if b"librealm.invalid/mock-verifier" not in data:
        missing.append("the mock token's verification service string")
    if missing:
        sys.exit("FAIL: a kmod_mock module lacks " + ", ".join(missing))
    print("PASS: the mock RMM is in the module, and the check sees it")


if __name__ == "__main__":
    main()
