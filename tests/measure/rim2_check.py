#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""RMM 2.0 RIM rules, computed independently of librealm.

Runs rim2_dump (librealm's predictions for fixed inputs) and rebuilds
every hashed byte string here with struct.pack and hashlib, from the
layouts of TF-RMM main 9a7f8ef46378320ad69140a42e51c1ccf5914661:
  lib/smc/include/smc-rmi.h   struct rmi_realm_params (0x1000 bytes:
                              flags0 @0x0, s2sz @0x8, sve_vl @0x10,
                              num_bps @0x18, num_wps @0x20,
                              pmu_num_ctrs @0x28, algorithm @0x30),
                              struct rmi_rec_params (0x1000 bytes: flags
                              @0x0, pc @0x200, gprs[8] @0x300)
  app/attestation/rmm_stub/src/rim.c            which fields are measured
  app/attestation/rmm_stub/src/measurement_descs.h  DATA / REC descriptors
  runtime/rmi/rtt.c smc_rtt_init_ripas()        measures nothing
  runtime/rmi/rtt_map.c smc_rtt_data_map_init() measures the granule
  runtime/rmi/rec.c smc_rec_create()            measures runnable RECs only
  app/attestation/el0_app/src/attest_measurement.c app_do_extend()  REM
The inputs must match rim2_dump.c.
"""
import hashlib
import os
import struct
import subprocess
import sys

ALGOS = {0: "sha256", 1: "sha512", 2: "sha384"}
SVE, PMU, DA = 1 << 1, 1 << 2, 1 << 3


def h(algo, data):
    return hashlib.new(ALGOS[algo], data).digest()


def pad(b, n):
    assert len(b) <= n
    return b + bytes(n - len(b))


def realm_create(algo, flags0, s2sz, sve_vl, bps, wps, pmu):
    page = bytearray(0x1000)
    struct.pack_into("<Q", page, 0x0, flags0)
    struct.pack_into("<I", page, 0x8, s2sz)
    struct.pack_into("<I", page, 0x10, sve_vl)
    struct.pack_into("<I", page, 0x18, bps)
    struct.pack_into("<I", page, 0x20, wps)
    struct.pack_into("<I", page, 0x28, pmu)
    struct.pack_into("<B", page, 0x30, algo)
    return h(algo, bytes(page))


def desc_head(dtype, rim):
    d = bytearray(0x100)
    struct.pack_into("<B", d, 0x0, dtype)
    struct.pack_into("<Q", d, 0x8, 0x100)
    d[0x10:0x10 + len(rim)] = rim
    return d


def data(algo, rim, ipa, flags, content):
    d = desc_head(0, rim)
    struct.pack_into("<Q", d, 0x50, ipa)
    struct.pack_into("<Q", d, 0x58, flags)
    if flags == 1:
        c = h(algo, pad(content, 0x1000))
        d[0x60:0x60 + len(c)] = c
    return h(algo, bytes(d))


def rec(algo, rim, flags, pc, gprs):
    page = bytearray(0x1000)
    struct.pack_into("<Q", page, 0x0, flags)
    struct.pack_into("<Q", page, 0x200, pc)
    for i, g in enumerate(gprs):
        struct.pack_into("<Q", page, 0x300 + 8 * i, g)
    d = desc_head(1, rim)
    c = h(algo, bytes(page))
    d[0x50:0x50 + len(c)] = c
    return h(algo, bytes(d))


def expected():
    out = {}
    for algo in (0, 1, 2):
        # steps_() in rim2_dump.c
        rim = realm_create(algo, SVE | PMU | DA | (2 << 7), 48, 3, 6, 4, 8)
        out[("init2", algo)] = rim
        page = bytes((i * 7 + 3) & 0xFF for i in range(0x1000))
        rim = data(algo, rim, 0x80000000, 1, page)
        out[("data1", algo)] = rim
        rim = data(algo, rim, 0x80001000, 0, b"")
        out[("data0", algo)] = rim
        rim = rec(algo, rim, 1, 0x80000000, [0x1000 + i for i in range(8)])
        out[("rec", algo)] = rim
        # REM = H(REM[0:hash size] || data): el0_app attest_measurement.c
        # app_do_extend() (SHA-384 as well under 2.0)
        ext = bytes(0x40 + i for i in range(64))
        hs = hashlib.new(ALGOS[algo]).digest_size
        rem = h(algo, bytes(hs) + ext[:20])
        rem = h(algo, rem + ext)
        out[("rem", algo)] = rem
        # plan_(): REALM_CREATE, measured data ascending, runnable RECs,
        # unmeasured data; no RIPAS measurement under 2.0.
        img0 = bytes((i * 13 + 1) & 0xFF for i in range(5000))
        rim = realm_create(algo, SVE | PMU, 40, 1, 2, 2, 4)
        rim = data(algo, rim, 0x80000000, 1, img0[:4096])
        rim = data(algo, rim, 0x80001000, 1, img0[4096:])
        gprs = [0x88000000] + [0] * 7
        rim = rec(algo, rim, 1, 0x80000000, gprs)
        rim = data(algo, rim, 0x80100000, 0, b"")
        out[("plan", algo)] = rim
        out[("plan-counts", algo)] = "0 2 1 1"
    return out


def main():
    if len(sys.argv) != 2:
        print("usage: rim2_check.py RIM2_DUMP", file=sys.stderr)
        return 2
    # Cross builds run the dump under the cross file's wrapper (qemu).
    wrapper = os.environ.get("RLM_EXE_WRAPPER", "").split()
    got = subprocess.run(wrapper + [sys.argv[1]], check=True, capture_output=True,
                         text=True).stdout.splitlines()
    exp = expected()
    seen = set()
    bad = 0
    for line in got:
        name, algo, val = line.split(" ", 2)
        key = (name, int(algo))
        if key not in exp:
            print("unexpected line: " + line)
            bad += 1
            continue
        want = exp[key] if isinstance(exp[key], str) else exp[key].hex()
        if val != want:
            print("%s %s: librealm %s, expected %s" % (name, algo, val, want))
            bad += 1
        seen.add(key)
    for key in exp:
        if key not in seen:
            print("missing: %s %d" % key)
            bad += 1
    print("%d values checked, %d differ" % (len(exp), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
