#!/usr/bin/env python3
"""Boot a real kernel in QEMU (TCG, no KVM) with the realm-shim module.

usage: qemu_test.py --qemu QEMU --kernel VMLINUZ --module KO --test PROG
                    --agent PROG --busybox BUSYBOX --workdir DIR
                    --realmctl REALMCTL [--timeout S]

Builds a gzip'd newc initramfs (busybox, the module, the static test
program, an init script), boots it with the serial console on stdout,
and passes when the guest prints "SHIM-TEST: PASS" and unloads the module
with no FAIL line and no kernel oops/BUG/WARNING, and the attestation
token the guest got from the in-kernel mock verifies on the host:
`realmctl token verify` with the platform key the module published (as a
JWK written here), the guest's challenge, and the RIM and REM0 the guest
read.
"""
import argparse
import base64
import gzip
import json
import os
import re
import subprocess
import sys
import time

INIT = """#!/bin/sh
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo "SHIM-TEST: booted"
for m in /modules/*.ko; do [ -e "$m" ] && insmod "$m"; done
@PROBE@
if insmod /realm-shim.ko @MOCK@; then
    /shim_test
    /guest_agent 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f \
        | sed 's/^/AGENT: /'
    ls /sys/devices/virtual/misc/realm-shim/measurements
    if rmmod realm_shim; then
        [ -e /dev/realm-shim ] && echo "SHIM-TEST: FAIL device left after rmmod"
        echo "SHIM-TEST: unloaded"
    else
        echo "SHIM-TEST: FAIL rmmod"
    fi
else
    echo "SHIM-TEST: FAIL insmod"
fi
dmesg | grep "realm-shim:"
if dmesg | grep -E "Oops|BUG:|WARNING:|Call Trace|general protection"; then
    echo "SHIM-TEST: FAIL the kernel complained"
fi
echo "SHIM-TEST: done"
poweroff -f
"""

APPLETS = ["sed", "sh", "mount", "insmod", "rmmod", "dmesg", "grep", "poweroff",
           "echo", "ls", "cat", "["]


class Cpio:
    """Writes a newc ("070701") archive without needing root."""

    def __init__(self):
        self.out = bytearray()
        self.ino = 1

    def add(self, name, mode, data=b"", rdev=(0, 0)):
        name_b = name.encode() + b"\0"
        fields = [self.ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1],
                  len(name_b), 0]
        self.ino += 1
        self.out += b"070701" + b"".join(b"%08X" % f for f in fields)
        self.out += name_b
        self.out += b"\0" * (-len(self.out) % 4)
        self.out += data
        self.out += b"\0" * (-len(self.out) % 4)

    def dir(self, name):
        self.add(name, 0o040755)

    def file(self, name, data, mode=0o100755):
        self.add(name, mode, data)

    def symlink(self, name, target):
        self.add(name, 0o120777, target.encode())

    def chardev(self, name, major, minor):
        self.add(name, 0o020600, rdev=(major, minor))

    def finish(self):
        self.add("TRAILER!!!", 0)
        return bytes(self.out)


def guest_bytes(out, what):
    """Put back together the "SHIM-<what>: <offset> <hex>" lines."""
    data = bytearray()
    for m in re.finditer(r"SHIM-%s: (\d+) ([0-9a-f]+)\s*$" % re.escape(what), out, re.M):
        off = int(m.group(1))
        if off != len(data):
            raise ValueError(f"{what}: chunk at {off}, expected {len(data)}")
        data += bytes.fromhex(m.group(2))
    end = re.search(r"SHIM-%s-END: (\d+)" % re.escape(what), out)
    if not end or int(end.group(1)) != len(data) or not data:
        raise ValueError(f"{what}: incomplete ({len(data)} bytes)")
    return bytes(data)


def jwk(point):
    """A JWK for an uncompressed P-256 / P-384 point."""
    n = (len(point) - 1) // 2
    if point[0] != 4 or n not in (32, 48):
        raise ValueError("not an uncompressed P-256/P-384 point")
    b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
    return {"kty": "EC", "crv": "P-256" if n == 32 else "P-384",
            "x": b64(point[1:1 + n]), "y": b64(point[1 + n:])}


def verify_token(out, realmctl, workdir):
    """The guest's token, checked on the host with realmctl; returns
    problems (empty when it verifies and its claims are the guest's)."""
    try:
        tok = guest_bytes(out, "TOKEN")
        key = guest_bytes(out, "PLATFORM-KEY")
        chal = guest_bytes(out, "CHALLENGE")
        rim = guest_bytes(out, "RIM")
        rem0 = guest_bytes(out, "REM0")
        key_jwk = jwk(key)
    except ValueError as e:
        return [f"token from the guest: {e}"]
    tpath = os.path.join(workdir, "guest-token.cbor")
    kpath = os.path.join(workdir, "guest-platform-key.jwk")
    open(tpath, "wb").write(tok)
    with open(kpath, "w") as f:
        json.dump(key_jwk, f)
    p = subprocess.run([realmctl, "token", "verify", tpath, "--platform-key", kpath,
                        "--json", "--ref-challenge", chal.hex(), "--ref-rim", rim.hex(),
                        "--ref-rem0", rem0.hex()],
                       capture_output=True, text=True)
    bad = []
    try:
        doc = json.loads(p.stdout)
    except ValueError:
        return [f"realmctl token verify: rc {p.returncode}, no JSON: {p.stderr.strip()}"]
    if p.returncode != 0:
        bad.append(f"realmctl token verify: rc {p.returncode}: {p.stdout.strip()} "
                   f"{p.stderr.strip()}")
    for k in ("platform_signature", "realm_signature", "binding", "verdict"):
        if doc.get(k) != "ok":
            bad.append(f"token {k}: {doc.get(k)}")
    r = doc.get("realm", {})
    if r.get("challenge") != chal.hex():
        bad.append("token challenge is not the guest's")
    if r.get("rim") != rim.hex() or (r.get("rem") or [None])[0] != rem0.hex():
        bad.append("token RIM/REM0 are not what the guest read")
    # The check must be able to fail: one flipped bit of the realm
    # signature (the token's last byte) and the same command says bad.
    bpath = os.path.join(workdir, "guest-token-tampered.cbor")
    open(bpath, "wb").write(tok[:-1] + bytes([tok[-1] ^ 1]))
    p = subprocess.run([realmctl, "token", "verify", bpath, "--platform-key", kpath,
                        "--json"], capture_output=True, text=True)
    try:
        tampered = json.loads(p.stdout).get("realm_signature")
    except ValueError:
        tampered = None
    if p.returncode != 1 or tampered != "bad":
        bad.append(f"a tampered token did not fail: rc {p.returncode} {p.stdout.strip()}")
    if not bad:
        print(f"qemu_test: the guest's token ({len(tok)} bytes) verifies with the "
              f"module's platform key ({key_jwk['crv']}); challenge, RIM, REM0 match")
    return bad


def main():
    ap = argparse.ArgumentParser()
    for a in ("qemu", "kernel", "module", "test", "agent", "busybox", "workdir",
              "realmctl"):
        ap.add_argument("--" + a, required=True)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--arch", choices=("x86_64", "arm64"), default="x86_64",
                    help="arm64: qemu-system-aarch64 -M virt -cpu max; the module "
                    "first loads without mock=1 and must say 'not a realm'")
    ap.add_argument("--kmod", action="append", default=[],
                    help="a kernel module to load first (e.g. sha512_generic.ko)")
    ap.add_argument("--expect", action="append", default=[],
                    help="a line the guest must print")
    a = ap.parse_args()

    for f in (a.kernel, a.module, a.test, a.busybox):
        if not os.path.exists(f):
            sys.exit(f"qemu_test: missing {f} (tests/setup-deps.sh installs the kernel, "
                     "busybox-static and qemu-system-x86)")
    os.makedirs(a.workdir, exist_ok=True)
    c = Cpio()
    for d in ("bin", "dev", "proc", "sys", "tmp"):
        c.dir(d)
    c.chardev("dev/console", 5, 1)
    c.chardev("dev/null", 1, 3)
    c.file("bin/busybox", open(a.busybox, "rb").read())
    for ap_ in APPLETS:
        c.symlink("bin/" + ap_, "busybox")
    probe = mockarg = ""
    if a.arch == "arm64":
        # A non-realm guest: the RSI backend must refuse cleanly (the
        # kernel-complaint check at the end covers oopses).
        probe = ("if insmod /realm-shim.ko; then echo 'SHIM-TEST: FAIL loaded outside a realm'; "
                 "rmmod realm_shim; fi\n"
                 "if dmesg | grep -q 'realm-shim: not a realm'; then "
                 "echo 'SHIM-TEST: not a realm, refused'; "
                 "else echo 'SHIM-TEST: FAIL no not-a-realm message'; fi")
        mockarg = "mock=1"
    c.file("init", INIT.replace("@PROBE@", probe).replace("@MOCK@", mockarg).encode())
    c.file("realm-shim.ko", open(a.module, "rb").read(), 0o100644)
    c.dir("modules")
    for m in a.kmod:
        c.file("modules/" + os.path.basename(m), open(m, "rb").read(), 0o100644)
    c.file("shim_test", open(a.test, "rb").read())
    c.file("guest_agent", open(a.agent, "rb").read())
    initrd = os.path.join(a.workdir, "initramfs.cpio.gz")
    with open(initrd, "wb") as f:
        f.write(gzip.compress(c.finish(), compresslevel=1))

    if a.arch == "arm64":
        cmd = [a.qemu, "-M", "virt", "-cpu", "max", "-accel", "tcg", "-m", "256M",
               "-smp", "2", "-nodefaults", "-nographic", "-no-reboot", "-serial", "stdio",
               "-kernel", a.kernel, "-initrd", initrd, "-append",
               "console=ttyAMA0 panic=-1 loglevel=5 rdinit=/init nokaslr"]
    else:
        cmd = [a.qemu, "-accel", "tcg", "-m", "256M", "-smp", "2", "-nodefaults",
               "-nographic", "-no-reboot", "-serial", "stdio", "-kernel", a.kernel,
               "-initrd", initrd, "-append",
               "console=ttyS0 panic=-1 loglevel=5 rdinit=/init mitigations=off "
               "nokaslr tsc=reliable"]
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           stdin=subprocess.DEVNULL, timeout=a.timeout)
        out = p.stdout.decode(errors="replace")
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace")
        print(out)
        sys.exit(f"qemu_test: FAIL: the guest did not power off in {a.timeout:.0f} s")
    dt = time.monotonic() - t0
    with open(os.path.join(a.workdir, "serial.log"), "w") as f:
        f.write(out)
    lines = [l.strip() for l in out.splitlines()]
    shim = [l for l in lines if "SHIM-TEST:" in l]
    print("\n".join(l for l in lines if "SHIM-TEST" in l or "realm-shim" in l
                    or re.match(r"SHIM-[A-Z0-9-]+-END:", l)
                    or l.startswith("AGENT:")
                    or "Oops" in l or "BUG" in l))
    fails = [l for l in shim if "FAIL" in l]
    ok = (not fails and any(l.endswith("SHIM-TEST: PASS") for l in shim)
          and any(l.endswith("SHIM-TEST: unloaded") for l in shim)
          and any(l.endswith("SHIM-TEST: done") for l in shim)
          # The example agent (static, no OpenSSL: it cannot check the
          # signatures itself): a token, a log that replays to the REMs.
          and "AGENT: event log: " in out and "replay matches the REMs" in out
          and re.search(r"AGENT: token: \d+ bytes", out) is not None
          and "AGENT: VERDICT: attestable" in out
          and all(e in out for e in a.expect)
          and (a.arch != "arm64"
               or any(l.endswith("SHIM-TEST: not a realm, refused") for l in shim)))
    token_problems = verify_token(out, a.realmctl, a.workdir)
    for t in token_problems:
        print("qemu_test: FAIL " + t)
    ok = ok and not token_problems
    print(f"qemu_test: guest ran {dt:.1f} s (boot, tests, unload, power off)")
    if not ok:
        print(out[-6000:])
        sys.exit("qemu_test: FAIL")
    print("qemu_test: PASS")


if __name__ == "__main__":
    main()
