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


# ---- event logs: an independent encoder and RIM/REM model (from the
# formats in cca-facts.md sections 4 and 6) to check realmctl against. ----
import hashlib
import struct
import tempfile

ALG = {0xB: ("sha256", 32), 0xD: ("sha512", 64)}


def tcg_header(algs):
    body = b"Spec ID Event03\0" + struct.pack("<IBBBBI", 0, 0, 2, 106, 2, len(algs))
    for a in algs:
        body += struct.pack("<HH", a, ALG[a][1])
    body += b"\0"
    return struct.pack("<II", 0, 3) + bytes(20) + struct.pack("<I", len(body)) + body


def tcg_event(pcr, typ, algs, data, measured=None, digests=True):
    out = struct.pack("<III", pcr, typ, len(algs) if digests else 0)
    if digests:
        for a in algs:
            out += struct.pack("<H", a) + hashlib.new(ALG[a][0], data if measured is None else measured).digest()
    return out + struct.pack("<I", len(data)) + data


def tagged(tag, payload):
    return struct.pack("<II", tag, len(payload)) + payload


def blob(desc, base, size):
    d = desc.encode() + b"\0"
    return bytes([len(d)]) + d + struct.pack("<QQ", base, size)


def H(algo, b):
    h = hashlib.new(algo, b).digest()
    return h + bytes(64 - len(h))


def rim_create(algo, flags, s2sz, sve, bps, wps, pmu):
    page = bytearray(4096)
    struct.pack_into("<QQQQQQB", page, 0, flags, s2sz, sve, bps, wps, pmu,
                     0 if algo == "sha256" else 1)
    return H(algo, bytes(page))


def desc(algo, rim, typ, body):
    d = bytearray(256)
    d[0] = typ
    struct.pack_into("<Q", d, 8, 256)
    d[0x10:0x50] = rim
    d[0x50:0x50 + len(body)] = body
    return H(algo, bytes(d))


def rim_data(algo, rim, ipa, content):
    return desc(algo, rim, 0, struct.pack("<QQ", ipa, 1) + H(algo, content))


def rim_ripas(algo, rim, base, top):
    return desc(algo, rim, 2, struct.pack("<QQ", base, top))


def rim_rec(algo, rim, flags, pc, gprs):
    page = bytearray(4096)
    struct.pack_into("<Q", page, 0, flags)
    struct.pack_into("<Q", page, 0x200, pc)
    struct.pack_into("<8Q", page, 0x300, *gprs)
    return desc(algo, rim, 1, H(algo, bytes(page)))


def tmpfile(data):
    f = tempfile.NamedTemporaryFile(delete=False)
    f.write(data)
    f.close()
    return f.name


def launch_log(algo_id, kernel, kbase):
    algo = ALG[algo_id][0]
    log = tcg_header([algo_id])
    log += tcg_event(0, 6, [algo_id], tagged(1, struct.pack("<QBBBBBB", 0, 40, 0, 1, 1, 0,
                                                              0 if algo == "sha256" else 1)))
    log += tcg_event(0, 6, [algo_id], tagged(2, struct.pack("<QQ", kbase, 0x400000)))
    log += tcg_event(0, 0x13, [algo_id], blob("KERNEL", kbase, len(kernel)), measured=kernel)
    log += tcg_event(0, 0x13, [algo_id], blob("DTB", kbase + 0x200000, 0x1000), digests=False)
    log += tcg_event(0, 6, [algo_id], tagged(3, struct.pack("<QQ8Q", 1, kbase, *range(8))))
    # the model: REALM_CREATE, two 2 MiB RIPAS entries, the kernel's pages,
    # one unmeasured DTB page, the REC
    rim = rim_create(algo, 0, 40, 0, 1, 1, 0)
    rim = rim_ripas(algo, rim, kbase, kbase + 0x200000)
    rim = rim_ripas(algo, rim, kbase + 0x200000, kbase + 0x400000)
    for off in range(0, len(kernel), 4096):
        page = kernel[off:off + 4096]
        rim = rim_data(algo, rim, kbase + off, page + bytes(4096 - len(page)))
    rim = desc(algo, rim, 0, struct.pack("<QQ", kbase + 0x200000, 0))
    rim = rim_rec(algo, rim, 1, kbase, list(range(8)))
    return log, rim[:ALG[algo_id][1]].hex()


def check_eventlog():
    boot = os.path.join(VECTORS, "measurements", "realm-bootlog.bin")
    rc, out, err = run("eventlog", "replay", boot, "--json")
    assert rc == 0, (rc, err)
    doc = json.loads(out)
    assert doc["events"] == 3 and doc["hash"] == "sha256", doc
    assert doc["rem"] == ["00" * 32] * 4 and "rim" not in doc, doc
    rc, out, err = run("eventlog", "show", boot)
    assert rc == 0 and 'blob "INITRD" base 0x8addd3fc length 0x5022c00' in out, out
    # REM events in PCRs 1, 7, 2, 8, 16 -> REM0, REM0, REM1, REM2, REM3
    for algo_id in (0xB, 0xD):
        algo, size = ALG[algo_id]
        log = tcg_header([algo_id])
        rem = [bytes(size)] * 4
        for i, pcr in enumerate((1, 7, 2, 8, 16, 23)):
            data = b"event %d" % i
            log += tcg_event(pcr, 0xD, [algo_id], data)
            mr = {1: 0, 7: 0, 2: 1, 8: 2, 16: 3, 23: 3}[pcr]
            rem[mr] = hashlib.new(algo, rem[mr] + hashlib.new(algo, data).digest()).digest()
        path = tmpfile(log + bytes(100))
        rc, out, err = run("eventlog", "replay", path, "--json")
        assert rc == 0, err
        doc = json.loads(out)
        assert doc == {"events": 6, "hash": algo, "rem": [r.hex() for r in rem]}, doc
        # compare against the values "read from the realm"
        rc, out, err = run("eventlog", "compare", path, "--rem", ",".join(r.hex() for r in rem))
        assert rc == 0 and out.strip() == "match", (rc, out, err)
        # the log gains an event the realm never saw: named
        path2 = tmpfile(log + tcg_event(8, 0xD, [algo_id], b"late"))
        rc, out, err = run("eventlog", "compare", path2, "--json", "--rem",
                           ",".join(r.hex() for r in rem))
        doc = json.loads(out)
        assert rc == 1 and doc["mr"] == "rem2" and doc["event"] == 6 and doc["matched_before"], (rc, out)
        # malformed: every truncation inside an event, garbage, bad digest counts
        for cut in (len(log) - 1, len(log) - 20, 70, 40, 10):
            rc, out, err = run("eventlog", "replay", tmpfile(log[:cut]))
            assert rc == 2 and "offset" in err and out == "", (cut, rc, out, err)
        rc, out, err = run("eventlog", "replay", tmpfile(log + b"\x01garbage"))
        assert rc == 2 and "malformed event log" in err, (rc, err)
        bad = bytearray(log)
        struct.pack_into("<I", bad, len(tcg_header([algo_id])) + 8, 7)
        rc, out, err = run("eventlog", "replay", tmpfile(bytes(bad)), "--json")
        assert rc == 2 and "digest count exceeds" in err, err
        for p in (path, path2):
            os.unlink(p)
    # an ACPI CCEL table
    t = bytearray(b"CCEL" + struct.pack("<IBB6s8sIII", 56, 1, 0, b"LINARO", b"QEMUVIRT", 1, 0, 0)
                  + struct.pack("<BBHQQ", 3, 0, 0, 0x10000, 0x100000000))
    t[9] = (-sum(t)) & 0xFF
    rc, out, err = run("eventlog", "ccel", tmpfile(bytes(t)), "--json")
    assert rc == 0, err
    doc = json.loads(out)
    assert doc["cc_type"] == 3 and doc["log_min_length"] == 0x10000 and \
        doc["log_start"] == 0x100000000 and doc["oem_id"] == "LINARO", doc
    t[50] ^= 1
    rc, out, err = run("eventlog", "ccel", tmpfile(bytes(t)))
    assert rc == 2 and "bad checksum" in err, err
    rc, out, err = run("eventlog", "ccel", tmpfile(bytes(t[:40])))
    assert rc == 2 and "truncated" in err, err
    rc, out, err = run("eventlog", "replay", "/nonexistent/log")
    assert rc == 2 and "cannot read" in err, err
    rc, out, err = run("eventlog", "replay")
    assert rc == 2 and "usage" in err
    rc, out, err = run("eventlog", "frobnicate", boot)
    assert rc == 2 and "usage" in err


def check_measure():
    # the upstream known answer (tests/event_log.rs of cca-realm-measurements)
    log = tcg_header([0xB, 0xD]) + tcg_event(0, 6, [0xB, 0xD], tagged(1, struct.pack(
        "<QBBBBBB", 0, 48, 0, 5, 3, 0, 0)))
    path = tmpfile(log)
    rc, out, err = run("measure", "--log", path, "--json")
    assert rc == 0, err
    doc = json.loads(out)
    assert doc["rim"] == "8960d56826370aaa6fc9b3a041d4240689582ba41e2ad8bb8f9adf6d2a0cd5e7", doc
    assert doc["hash"] == "sha256"
    rc, out, err = run("measure", "--log", path)
    assert rc == 0 and out.strip() == doc["rim"], out
    # a full launch against the Python model, both hashes
    kernel = bytes((i * 7 + 3) & 0xFF for i in range(3 * 4096 + 100))
    for algo_id in (0xB, 0xD):
        log, want = launch_log(algo_id, kernel, 0x80000000)
        lp, kp = tmpfile(log), tmpfile(kernel)
        rc, out, err = run("measure", "--log", lp, "--image", kp, "--json")
        assert rc == 0, err
        assert json.loads(out)["rim"] == want, (out, want)
        rc, out, err = run("eventlog", "replay", lp, "--image", kp, "--json")
        assert rc == 0 and json.loads(out)["rim"] == want and json.loads(out)["events"] == 5, out
        rc, out, err = run("measure", "--log", lp, "--image", kp, "--refvals", "--rpv", "ab" * 64)
        assert rc == 0, err
        ref = json.loads(out)
        assert ref["rim"] == want and ref["rpv"] == "ab" * 64, ref
        assert ref["hash_algo"] == ("sha-256" if algo_id == 0xB else "sha-512"), ref
        assert len(ref["rem"]) == 4
        # no image, or a wrong one: a clear error
        rc, out, err = run("measure", "--log", lp, "--json")
        assert rc == 2 and "no image matches" in err, err
        other = tmpfile(kernel[:-1] + b"x")
        rc, out, err = run("measure", "--log", lp, "--image", other)
        assert rc == 2 and "no image matches" in err, err
        for p in (lp, kp, other):
            os.unlink(p)
    # the shared boot log describes no RIM
    boot = os.path.join(VECTORS, "measurements", "realm-bootlog.bin")
    rc, out, err = run("measure", "--log", boot)
    assert rc == 2 and "no REALM_CREATE" in err, err
    rc, out, err = run("measure", "--log", tmpfile(open(path, "rb").read()[:-3]))
    assert rc == 2 and "truncated" in err, err
    rc, out, err = run("measure")
    assert rc == 2 and "usage" in err
    os.unlink(path)


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
