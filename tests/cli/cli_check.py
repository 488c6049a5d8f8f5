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
VECTORS = os.environ.get("RLM_VECTORS", os.path.join(SRC, "tests", "vectors"))


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
    # the CC MR index (1..4 = REM0..3), as a CC event log stores it
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
# ---- event logs: an independent encoder and RIM/REM model (from the
# formats: DEN0137 1.0-rel0 measurement descriptors, TCG PC Client PFP
# crypto-agile log, cca-realm-measurements' launch log) to check realmctl
# against. ----
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
    # A TPM log (--pcr): REM events in PCRs 1, 7, 2, 8, 16 -> REM0, REM0,
    # REM1, REM2, REM3
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
        rc, out, err = run("eventlog", "replay", path, "--json", "--pcr")
        assert rc == 0, err
        doc = json.loads(out)
        assert doc == {"events": 6, "hash": algo, "rem": [r.hex() for r in rem]}, doc
        # read as a CC log (the default), PCR 7 is no CC MR index
        rc, out, err = run("eventlog", "replay", path, "--json")
        assert rc == 2 and "MR index out of range" in err, (rc, err)
        # the same events as a CC log writes them (MR index), with
        # EV_NO_ACTION events of unknown signature among them: the same REMs
        cc = tcg_header([algo_id])
        for i, pcr in enumerate((1, 7, 2, 8, 16, 23)):
            mr = {1: 0, 7: 0, 2: 1, 8: 2, 16: 3, 23: 3}[pcr]
            cc += tcg_event(1 + mr, 0xD, [algo_id], b"event %d" % i)
            if i == 2:
                cc += tcg_event(0xFFFFFFFF, 3, [algo_id], b"Vendor NoAction\0\1\2",
                                measured=b"")
        ccp = tmpfile(cc + bytes(4096))
        rc, out, err = run("eventlog", "replay", ccp, "--json")
        assert rc == 0, err
        doc = json.loads(out)
        assert doc == {"events": 7, "hash": algo, "rem": [r.hex() for r in rem]}, doc
        os.unlink(ccp)
        # compare against the values "read from the realm"
        rc, out, err = run("eventlog", "compare", path, "--pcr", "--rem",
                           ",".join(r.hex() for r in rem))
        assert rc == 0 and out.strip() == "match", (rc, out, err)
        # the log gains an event the realm never saw: named
        path2 = tmpfile(log + tcg_event(8, 0xD, [algo_id], b"late"))
        rc, out, err = run("eventlog", "compare", path2, "--pcr", "--json", "--rem",
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
    # compare with only a RIM (the REMs are then not compared)
    rc, out, err = run("eventlog", "compare", path, "--rim", doc["rim"])
    assert rc == 0 and out.strip() == "match", (rc, out, err)
    rc, out, err = run("eventlog", "compare", path, "--json", "--rim", "00" * 32)
    assert rc == 1 and json.loads(out) == {"match": False, "mr": "rim", "event": 0,
                                           "offset": 69, "type": 6,
                                           "matched_before": True}, out
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
# ---- token and secret ----------------------------------------------------

def _vectors():
    """The test vectors: $RLM_VECTORS, or tests/vectors of the source tree."""
    if os.path.isdir(os.path.join(VECTORS, "tokens")):
        return VECTORS
    raise AssertionError(f"test vectors not found in {VECTORS}")


def _cbor(b, i=0):
    """Minimal CBOR reader for the independent check (definite lengths)."""
    ib = b[i]; mt, ai = ib >> 5, ib & 31; i += 1
    if ai < 24:
        v = ai
    else:
        n = 1 << (ai - 24)
        v = int.from_bytes(b[i:i + n], "big"); i += n
    if mt == 0:
        return v, i
    if mt == 1:
        return -1 - v, i
    if mt == 2:
        return bytes(b[i:i + v]), i + v
    if mt == 3:
        return bytes(b[i:i + v]).decode(), i + v
    if mt == 4:
        out = []
        for _ in range(v):
            x, i = _cbor(b, i); out.append(x)
        return out, i
    if mt == 5:
        out = {}
        for _ in range(v):
            k, i = _cbor(b, i); x, i = _cbor(b, i); out[k] = x
        return out, i
    if mt == 6:
        x, i = _cbor(b, i)
        return ("tag", v, x), i
    raise AssertionError("unexpected CBOR major type %d" % mt)


def _head(mt, n):
    if n < 24:
        return bytes([mt << 5 | n])
    for ai, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < (1 << (8 * size)):
            return bytes([mt << 5 | ai]) + n.to_bytes(size, "big")


def _der_int(x):
    b = x.to_bytes((x.bit_length() + 7) // 8 or 1, "big")
    if b[0] & 0x80:
        b = b"\0" + b
    return b"\x02" + bytes([len(b)]) + b


def _openssl_verify(tmp, name, spki_pem, sign1, digest):
    """Verify a tagged COSE_Sign1 with the openssl command line tool."""
    tag, num, (prot, _unprot, payload, sig) = sign1
    assert tag == "tag" and num == 18
    tbs = (_head(4, 4) + _head(3, 10) + b"Signature1" + _head(2, len(prot)) + prot +
           _head(2, 0) + _head(2, len(payload)) + payload)
    n = len(sig) // 2
    body = _der_int(int.from_bytes(sig[:n], "big")) + _der_int(int.from_bytes(sig[n:], "big"))
    der = b"\x30" + bytes([len(body)]) + body
    paths = {k: os.path.join(tmp, name + k) for k in (".tbs", ".sig", ".pem")}
    open(paths[".tbs"], "wb").write(tbs)
    open(paths[".sig"], "wb").write(der)
    open(paths[".pem"], "w").write(spki_pem)
    p = subprocess.run(["openssl", "dgst", "-" + digest, "-verify", paths[".pem"],
                        "-signature", paths[".sig"], paths[".tbs"]], capture_output=True)
    return p.returncode == 0


def _spki_pem(point):
    import base64
    prefix = {97: "3076301006072a8648ce3d020106052b81040022036200",
              65: "3059301306072a8648ce3d020106082a8648ce3d030107034200"}[len(point)]
    der = bytes.fromhex(prefix) + point
    b64 = base64.b64encode(der).decode()
    return ("-----BEGIN PUBLIC KEY-----\n" +
            "\n".join(b64[i:i + 64] for i in range(0, len(b64), 64)) +
            "\n-----END PUBLIC KEY-----\n")


def _independent_check(tmp, token_path, platform_pem):
    """Check a token without librealm: python CBOR + openssl dgst + hashlib."""
    import hashlib
    coll, end = _cbor(open(token_path, "rb").read())
    assert coll[0] == "tag" and coll[1] == 907, coll[:2]
    assert end == os.path.getsize(token_path)
    entries = coll[2]
    ptok, _ = _cbor(entries[44234][1])
    rtok, _ = _cbor(entries[44241][1])
    assert entries[44234][0] == 263 and entries[44241][0] == 263
    pclaims, _ = _cbor(ptok[2][2])
    rclaims, _ = _cbor(rtok[2][2])
    palg, _ = _cbor(ptok[2][0])
    digest = {-7: "sha256", -35: "sha384"}[palg[1]]
    assert _openssl_verify(tmp, "platform", open(platform_pem).read(), ptok, digest)
    rak = rclaims[44237]
    key, _ = _cbor(rak)
    assert key[1] == 2 and key[-1] == 2, key  # EC2, P-384
    point = b"\x04" + key[-2] + key[-3]
    assert _openssl_verify(tmp, "realm", _spki_pem(point), rtok, "sha384")
    h = {"sha-256": hashlib.sha256, "sha-384": hashlib.sha384,
         "sha-512": hashlib.sha512}[rclaims[44240]]
    assert pclaims[10] == h(rak).digest(), "binding"
    # and a tampered signature must fail the same independent check
    bad = (ptok[0], ptok[1], [ptok[2][0], ptok[2][1], ptok[2][2],
                              bytes([ptok[2][3][0] ^ 1]) + ptok[2][3][1:]])
    assert not _openssl_verify(tmp, "tampered", open(platform_pem).read(), bad, digest)
    return rclaims


def check_token():
    import tempfile
    V = _vectors()
    vt = os.path.join(V, "tokens", "veraison-ccatoken")
    rt = os.path.join(V, "tokens", "rust-ccatoken")
    # token, key, exit code, platform, realm, binding (docs/attestation.md)
    cases = [
        (vt, "testGoodCCAToken.cbor", vt, "testIAK.jwk.json", 0, "ok", "ok", "ok"),
        (vt, "testGoodLegacyCCAToken.cbor", rt, "ta-02-ok.json", 0, "ok", "ok", "ok"),
        (vt, "testRMMLegacyEvidence.cbor", vt, "testRMMCPAK.jwk.json", 0, "ok", "ok", "ok"),
        (vt, "tf-rmm_cca_token.cbor", vt, "tf-rmm_cca_platform.pub", 0, "ok", "ok", "ok"),
        (vt, "tf-rmm_cca_token.cbor", vt, "tf-rmm_cca_platform.pem", 0, "ok", "ok", "ok"),
        (rt, "cca-token-01.cbor", rt, "ta-tfa.json", 0, "ok", "ok", "ok"),
        (rt, "cca-token-02.cbor", rt, "ta-02-ok.json", 0, "ok", "ok", "ok"),
        (rt, "cca-token-02.cbor", rt, "ta-02-ok.pkey.jwk", 0, "ok", "ok", "ok"),
        (rt, "cca-token-02.cbor", rt, "ta-02-bad.json", 1, "bad", "ok", "ok"),
        (rt, "cca-token-02.cbor", rt, "ta.json", 1, "bad", "ok", "ok"),
        (rt, "cca-token-draft-ffm-00.cbor", rt, "ta-tfa.pkey.jwk", 0, "ok", "ok", "ok"),
        (rt, "bug-33-repro.cbor", rt, "ta-tfa.json", 1, "ok", "ok", "bad"),
        (vt, "tf-rmm_cca_token.cbor", vt, "testAltIAK.jwk.json", 1, "bad", "ok", "ok"),
    ]
    for td, tok, kd, key, code, plat, realm, binding in cases:
        rc, out, err = run("token", "verify", os.path.join(td, tok),
                           "--platform-key", os.path.join(kd, key), "--json")
        assert rc == code, (tok, key, rc, out, err)
        doc = json.loads(out)
        got = (doc["platform_signature"], doc["realm_signature"], doc["binding"])
        assert got == (plat, realm, binding), (tok, key, got)
        assert doc["verdict"] == ("ok" if code == 0 else "bad"), doc
        r, p = doc["realm"], doc["platform"]
        assert len(r["rem"]) == 4 and len(r["challenge"]) == 128, r
        assert r["hash_algo"] in ("sha-256", "sha-512") and r["rim"] == r["rim"].lower()
        assert len(p["instance_id"]) == 66 and p["instance_id"].startswith("01"), p
        assert len(p["implementation_id"]) == 64 and p["sw_components"], p
        assert "profile" in r and "profile" in p and "lifecycle" in p
        # text mode agrees
        rc2, out2, _ = run("token", "verify", os.path.join(td, tok),
                           "--platform-key", os.path.join(kd, key))
        assert rc2 == code and ("verdict:            " + doc["verdict"]) in out2, out2
    # tf-rmm sample claims (challenge 0xAB x 64, the TF-RMM sample RPV)
    rc, out, err = run("token", "verify", os.path.join(vt, "tf-rmm_cca_token.cbor"), "--json")
    assert rc == 1, (rc, err)
    doc = json.loads(out)
    assert doc["platform_signature"] == "skipped" and doc["verdict"] == "bad"
    assert doc["realm"]["challenge"] == "ab" * 64
    assert bytes.fromhex(doc["realm"]["rpv"]).startswith(b"The quick brown fox jumps over 13 lazy dogs.")
    assert doc["realm"]["rim"] == "00" * 32 and doc["realm"]["rem"] == ["00" * 32] * 4
    assert doc["realm"]["hash_algo"] == "sha-256" and doc["realm"]["profile"] is None
    assert doc["platform"]["profile"] == "http://arm.com/CCA-SSD/1.0.0"
    # reference values name the claim that differs
    key = os.path.join(vt, "tf-rmm_cca_platform.pub")
    tf = os.path.join(vt, "tf-rmm_cca_token.cbor")
    rc, out, err = run("token", "verify", tf, "--platform-key", key, "--json",
                       "--ref-rim", "00" * 32, "--ref-rem2", "00" * 32, "--ref-hash-algo", "sha-256",
                       "--ref-challenge", "ab" * 64)
    assert rc == 0 and json.loads(out)["reference"] == {"result": "ok", "claim": None}, out
    rc, out, err = run("token", "verify", tf, "--platform-key", key, "--json",
                       "--ref-rem1", "01" * 32)
    assert rc == 1 and json.loads(out)["reference"]["claim"] == "rem1", out
    rc, out, err = run("token", "verify", tf, "--platform-key", key, "--ref-hash-algo", "sha-512")
    assert rc == 1 and "hash_algo differs" in out, out
    # malformed tokens: exit 2 with the reason
    rc, out, err = run("token", "verify", os.path.join(vt, "testBadUnwrappedTokens.cbor"),
                       "--platform-key", os.path.join(rt, "ta-02-ok.json"), "--json")
    assert rc == 2 and "not wrapped" in err and json.loads(out)["verdict"] == "malformed", (rc, out, err)
    for bad in ("realm-claims.cbor", "platform-claims.cbor", "ta.json"):
        rc, out, err = run("token", "verify", os.path.join(rt, bad))
        assert rc == 2 and "malformed" in err, (bad, rc, err)
    rc, out, err = run("token", "verify", "/nonexistent/token.cbor")
    assert rc == 2 and "cannot read" in err
    rc, out, err = run("token", "verify", tf, "--platform-key", os.path.join(rt, "realm-claims.cbor"))
    assert rc == 2 and "unreadable platform key" in err, err
    rc, out, err = run("token", "verify")
    assert rc == 2 and "usage" in err
    rc, out, err = run("token", "verify", tf, "--ref-rim", "xyz")
    assert rc == 2
    rc, out, err = run("token")
    assert rc == 2 and "usage" in err
    # show: every decodable token, human readable
    for td, tok in ((vt, "testGoodCCAToken.cbor"), (rt, "cca-token-draft-ffm-00.cbor"),
                    (rt, "bug-33-repro.cbor")):
        rc, out, err = run("token", "show", os.path.join(td, tok))
        assert rc == 0 and "realm token (ES384)" in out and "REM3" in out, (tok, out, err)
    rc, out, err = run("token", "show", os.path.join(vt, "testBadUnwrappedTokens.cbor"))
    assert rc == 2 and "malformed" in err
    # tokens the mock RMM builds: our verifier and an independent check
    with tempfile.TemporaryDirectory() as tmp:
        # only P-256 and P-384 platform keys; a bad --curve is a usage error
        for bad in ("300", "384x", "-256", ""):
            rc, out, err = run("token", "build-mock", os.path.join(tmp, "x.cbor"),
                               "--curve", bad)
            assert rc == 2 and not os.path.exists(os.path.join(tmp, "x.cbor")), (bad, rc, err)
        # the OpenSSL provider, and the core's portable one (its own ECDSA)
        for curve, h, extra in (("384", "sha256", []), ("256", "sha512", []),
                                ("384", "sha512", ["--portable"]),
                                ("256", "sha256", ["--portable"])):
            tok = os.path.join(tmp, "mock-%s%s.cbor" % (curve, "".join(extra)))
            pem = os.path.join(tmp, "mock-%s%s.pem" % (curve, "".join(extra)))
            rc, out, err = run("token", "build-mock", tok, "--platform-pem", pem,
                               "--curve", curve, "--hash", h, "--challenge", "5a" * 64,
                               *extra)
            assert rc == 0, err
            rc, out, err = run("token", "verify", tok, "--platform-key", pem, "--json",
                               "--ref-challenge", "5a" * 64)
            assert rc == 0, (out, err)
            doc = json.loads(out)
            assert doc["collection"] == 907 and doc["realm"]["rak_format"] == "cose_key"
            assert doc["realm"]["hash_algo"] == {"sha256": "sha-256", "sha512": "sha-512"}[h]
            rclaims = _independent_check(tmp, tok, pem)
            assert rclaims[10] == bytes.fromhex("5a" * 64)
            assert rclaims[265] == "tag:arm.com,2023:realm#1.0.0"
    check_token_2_0_and_appraise()


def check_token_2_0_and_appraise():
    import tempfile
    V = _vectors()
    rt = os.path.join(V, "tokens", "rust-ccatoken")
    tm = os.path.join(V, "tokens", "tf-m-tools")
    tr = os.path.join(V, "tokens", "trustee")
    pem = os.path.join(tm, "cca_platform.pem")
    # TF-M tools' 2.0-profile token and its legacy twin verify
    for tok in ("cca_example_token.cbor", "cca_example_token_legacy.cbor"):
        rc, out, err = run("token", "verify", os.path.join(tm, tok), "--platform-key", pem, "--json")
        assert rc == 0, (tok, out, err)
        r = json.loads(out)["realm"]
        assert r["mec_policy"] == "private" and len(r["instance_id"]) == 66, r
    rc, out, err = run("token", "verify", os.path.join(tm, "cca_example_token.cbor"), "--json")
    assert json.loads(out)["realm"]["profile"] == "tag:arm.com,2024:realm#2.0.0"
    # a bare platform token verifies on its own
    bare = os.path.join(tm, "cca_example_platform_token.cbor")
    rc, out, err = run("token", "verify", bare, "--platform-key", pem, "--json")
    assert rc == 0, (out, err)
    doc = json.loads(out)
    assert doc["form"] == "platform" and doc["realm"] is None and doc["collection"] == 18, doc
    assert (doc["platform_signature"], doc["realm_signature"], doc["binding"]) == ("ok", "skipped", "skipped")
    rc, out, err = run("token", "verify", bare, "--platform-key", os.path.join(V, "tokens", "veraison-ccatoken", "testIAK.jwk.json"))
    assert rc == 1 and "platform signature: bad" in out, out
    rc, out, err = run("token", "show", bare)
    assert rc == 0 and "platform token on its own" in out and "realm token" not in out, out
    # appraisal: stores of rust-ccatoken and Trustee pass
    for tok, ta, rv in ((os.path.join(rt, "cca-token-01.cbor"), os.path.join(rt, "ta-tfa.json"), os.path.join(rt, "rv.json")),
                        (os.path.join(tr, "cca-example-token.cbor"), os.path.join(tr, "tastore.json"), os.path.join(tr, "rvstore.json"))):
        rc, out, err = run("token", "appraise", tok, "--ta-store", ta, "--rv-store", rv, "--json")
        assert rc == 0, (tok, out, err)
        doc = json.loads(out)
        assert doc["verdict"] == "pass" and doc["first_claim"] is None, doc
        assert set(doc["groups"].values()) <= {"ok", "skipped"}, doc
        ear = doc["ear"]
        assert ear["eat_profile"] == "tag:github.com,2023:veraison/ear"
        sub = ear["submods"]
        assert sub["CCA_REALM"]["ear.status"] == "affirming", sub
        assert sub["CCA_REALM"]["ear.trustworthiness-vector"] == {"instance-identity": 2, "executables": 2}, sub
        assert sub["CCA_SSD_PLATFORM"]["ear.trustworthiness-vector"] == {
            "instance-identity": 2, "configuration": 2, "executables": 3,
            "hardware": 2, "runtime-opaque": 32}, sub
        rc2, out2, _ = run("token", "appraise", tok, "--ta-store", ta, "--rv-store", rv)
        assert rc2 == 0 and "verdict:                   pass" in out2, out2
    tok, ta = os.path.join(rt, "cca-token-01.cbor"), os.path.join(rt, "ta-tfa.json")
    rv = os.path.join(rt, "rv.json")
    # the nonce: the realm challenge (0xAB x 64) or not
    rc, out, err = run("token", "appraise", tok, "--ta-store", ta, "--rv-store", rv, "--nonce", "ab" * 64, "--json")
    assert rc == 0 and json.loads(out)["ear"]["eat_nonce"] == "ab" * 64, out
    rc, out, err = run("token", "appraise", tok, "--ta-store", ta, "--rv-store", rv, "--nonce", "ac" * 64, "--json")
    assert rc == 1 and json.loads(out)["first_claim"] == "realm.challenge", out
    with tempfile.TemporaryDirectory() as tmp:
        src = json.load(open(rv))
        # a REM that differs is named
        bad = json.loads(json.dumps(src))
        bad["realm"][0]["extensible-measurements"][1] = "11" * 32
        f = os.path.join(tmp, "rv-rem.json")
        json.dump(bad, open(f, "w"))
        rc, out, err = run("token", "appraise", tok, "--ta-store", ta, "--rv-store", f, "--json")
        doc = json.loads(out)
        assert rc == 1 and doc["first_claim"] == "realm.extensible-measurements[1]", out
        assert doc["ear"]["submods"]["CCA_REALM"]["ear.status"] == "contraindicated", doc
        rc, out, err = run("token", "appraise", tok, "--ta-store", ta, "--rv-store", f)
        assert rc == 1 and "realm.extensible-measurements[1] differs" in out, out
        # librealm's own reference values (measure/predict JSON) plug in
        r0 = src["realm"][0]
        ours = {"hash_algo": "sha-256", "rim": r0["initial-measurement"],
                "rem": r0["extensible-measurements"], "rpv": r0["personalization-value"]}
        f = os.path.join(tmp, "rv-ours.json")
        json.dump(ours, open(f, "w"))
        rc, out, err = run("token", "appraise", tok, "--ta-store", ta, "--rv-store", f, "--json")
        doc = json.loads(out)
        assert rc == 0 and doc["groups"]["platform-reference-values"] == "skipped", out
        # bad stores: exit 2 naming the problem
        for text, msg in (("{\"realm\": [", "malformed JSON"),
                          ('{"realm": [{"initial-measurement": "00"}]}', "realm[0].initial-measurement: wrong length"),
                          ('{"realm": [{"initial-measurement": "%s", "rak-hash-algorithm": "sha-1024"}]}' % ("00" * 32),
                           "unknown hash algorithm")):
            f = os.path.join(tmp, "bad.json")
            open(f, "w").write(text)
            rc, out, err = run("token", "appraise", tok, "--ta-store", ta, "--rv-store", f)
            assert rc == 2 and msg in err and "bad reference value store" in err, (text, err)
        f = os.path.join(tmp, "ta-bad.json")
        open(f, "w").write('[{"instance-id": "01", "pkey": {}}]')
        rc, out, err = run("token", "appraise", tok, "--ta-store", f, "--rv-store", rv)
        assert rc == 2 and "ta-store[0].instance-id" in err, err
    # no anchor for the platform: verification fails (exit 1)
    rc, out, err = run("token", "appraise", tok, "--ta-store", os.path.join(rt, "ta.json"), "--rv-store", rv, "--json")
    doc = json.loads(out)
    assert rc == 1 and doc["groups"]["platform-signature"] == "bad", out
    assert doc["ear"]["submods"]["CCA_SSD_PLATFORM"]["ear.trustworthiness-vector"] == {"instance-identity": 97}
    # bare platform token: platform submodule only
    rc, out, err = run("token", "appraise", bare, "--ta-store", ta, "--rv-store", os.path.join(tr, "rvstore.json"), "--json")
    doc = json.loads(out)
    assert rc == 0 and list(doc["ear"]["submods"]) == ["CCA_SSD_PLATFORM"], out
    for args in ((), (tok,), (tok, "--ta-store", ta), (tok, "--ta-store", ta, "--rv-store", rv, "--nonce", "zz"),
                 (tok, "--ta-store", ta, "--rv-store", rv, "--nonce", "00" * 65)):
        rc, out, err = run("token", "appraise", *args)
        assert rc == 2, (args, rc, err)


def check_secret():
    import tempfile
    g1 = "736869e5-84f0-4973-92ec-06879ce3da0b"
    g2 = "11111111-2222-3333-4444-555555555555"
    with tempfile.TemporaryDirectory() as tmp:
        f1, f2 = os.path.join(tmp, "s1"), os.path.join(tmp, "s2")
        open(f1, "wb").write(b"luks passphrase")
        open(f2, "wb").write(bytes(range(200)))
        area = os.path.join(tmp, "area.bin")
        rc, out, err = run("secret", "build", area, g1 + "=" + f1, g2 + "=" + f2)
        assert rc == 0, err
        raw = open(area, "rb").read()
        # header GUID in EFI byte order, total length, first entry's length
        assert raw[:16].hex() == "42f5741edd71664d963eef4287ff173b"
        assert int.from_bytes(raw[16:20], "little") == len(raw) == 20 + 35 + 220
        assert int.from_bytes(raw[36:40], "little") == 35
        rc, out, err = run("secret", "list", area, "--json")
        assert rc == 0, err
        assert json.loads(out) == {"entries": [{"guid": g1, "len": 15}, {"guid": g2, "len": 200}]}
        rc, out, err = run("secret", "list", area)
        assert rc == 0 and (g1 + " 15") in out
        p = subprocess.run([*WRAPPER, REALMCTL, "secret", "get", area, g2], capture_output=True)
        assert p.returncode == 0 and p.stdout == bytes(range(200))
        out_file = os.path.join(tmp, "got")
        rc, out, err = run("secret", "get", area, g1.upper(), "--out", out_file)
        assert rc == 0 and open(out_file, "rb").read() == b"luks passphrase"
        rc, out, err = run("secret", "get", area, "00000000-0000-0000-0000-000000000001")
        assert rc == 1 and "no entry" in err
        rc, out, err = run("secret", "get", area, "not-a-guid")
        assert rc == 2
        # inconsistent areas: exit 2
        for name, data in (("short", raw[:19]), ("trunc", raw[:-1]),
                           ("guid", b"\0" + raw[1:]),
                           ("entrylen", raw[:36] + (19).to_bytes(4, "little") + raw[40:]),
                           ("trailing", raw[:16] + (len(raw) + 3).to_bytes(4, "little") + raw[20:] + b"\0\0\0")):
            path = os.path.join(tmp, name)
            open(path, "wb").write(data)
            rc, out, err = run("secret", "list", path, "--json")
            assert rc == 2 and out == "", (name, rc, out, err)
        rc, out, err = run("secret", "build", area, "xyz=" + f1)
        assert rc == 2
        rc, out, err = run("secret", "build", area, g1 + "=/nonexistent")
        assert rc == 2
        rc, out, err = run("secret", "list")
        assert rc == 2 and "usage" in err
def check_abi():
    rc, out, err = run("abi")
    assert rc == 0, (rc, err)
    assert "0xc4000153  RMI_DATA_CREATE" in out, out
    assert "0xc4000199  RSI_HOST_CALL  (SMCCC 1.2)" in out, out
    rc, out, err = run("abi", "--json")
    assert rc == 0, err
    doc = json.loads(out)
    assert len(doc["rmi"]) == 23 and len(doc["rsi"]) == 10, doc
    fids = {c["name"]: c["fid"] for c in doc["rmi"] + doc["rsi"]}
    assert fids["RMI_RTT_SET_RIPAS"] == 0xC4000169, fids
    assert fids["RSI_IPA_STATE_SET"] == 0xC4000197, fids
    assert [c["name"] for c in doc["rmi"] if c["smccc_1_2"]] == ["RMI_RTT_READ_ENTRY"]
    for args, want, code in [
            (("rmi", "0xff04"), "RMI_ERROR_RTT index=255 level=-1", 0),
            (("rmi", "0x0102"), "RMI_ERROR_REALM index=1", 0),
            (("rmi", "0"), "RMI_SUCCESS index=0", 0),
            (("rsi", "3"), "RSI_INCOMPLETE", 0),
            (("rmi", "0xffffffffffffffff"), "SMCCC_NOT_SUPPORTED", 1),
            (("rmi", "0x10004"), "not an RMI 1.0 return value", 1),
            (("rsi", "5"), "not an RSI 1.0 status", 1)]:
        rc, out, err = run("abi", "decode", *args)
        assert rc == code and out.strip().startswith(want), (args, rc, out, err)
    rc, out, err = run("abi", "decode", "xyz", "1")
    assert rc == 2 and "usage" in err, (rc, err)
    rc, out, err = run("abi", "decode", "rmi", "zz")
    assert rc == 2, (rc, err)
    rc, out, err = run("abi", "--bogus")
    assert rc == 2 and "usage" in err, (rc, err)
    # One version's table (TF-RMM 9a7f8ef smc-rmi.h / handler.c numbers)
    rc, out, err = run("abi", "--rmm", "2.0")
    assert rc == 0, (rc, err)
    assert "0xc4000201  RMI_REALM_TERMINATE" in out, out
    assert "RMI_DATA_CREATE " not in out, out
    rc, out, err = run("abi", "--rmm", "2.0", "--json")
    assert rc == 0, (rc, err)
    doc = json.loads(out)
    assert doc["version"] == "2.0" and len(doc["rmi"]) == 77, doc
    byname = {c["name"]: c for c in doc["rmi"]}
    assert byname["RMI_OP_MEM_DONATE"] == {"name": "RMI_OP_MEM_DONATE",
                                           "fid": 0xC4000208, "in": 3,
                                           "out": 2}, byname
    assert "in" not in byname["RMI_VSMMU_CREATE"], byname
    rc, out, err = run("abi", "--rmm", "1.0", "--json")
    assert rc == 0 and len(json.loads(out)["rmi"]) == 23, (rc, out, err)
    rc, out, err = run("abi", "--rmm", "3.0")
    assert rc == 2 and "unknown RMI version" in err, (rc, err)
    rc, out, err = run("abi", "--rmm", "2.0", "--bogus")
    assert rc == 2 and "usage" in err, (rc, err)


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
    # the spec's example, exactly
    rc, out, err = run("rmi", "run", os.path.join(traces, "example.trace"))
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
    # --rmm: 1.0 or 2.0, once; agrees with the trace's rmm line
    for bad in (["--rmm", "3.0"], ["--rmm=2"], ["--rmm", "2.0", "--rmm", "2.0"]):
        rc, out, err = run("rmi", "run", *bad, "-", stdin=b"version\n")
        assert rc == 2 and "--rmm takes 1.0 or 2.0" in err, (bad, rc, err)
    rc, out, err = run("rmi", "run", "--rmm", "2.0", "--features", "lpa2=0",
                       "-", stdin=b"version\n")
    assert rc == 2 and "not available with RMM 2.0" in err, (rc, err)
    rc, out, err = run("rmi", "run", "--rmm", "1.0", "-",
                       stdin=b"# x\nrmm 2.0\nversion\n")
    assert rc == 2 and out == "" and \
        "-:2: the trace is for RMM 2.0 but the runner drives RMM 1.0" in err, \
        (rc, out, err)
    rc, out, err = run("rmi", "run", "--rmm=2.0", "-",
                       stdin=b"granule_delegate addr=g0\n")
    assert rc == 2 and "-:1: an RMI 1.0 command in an RMM 2.0 trace" in err, \
        (rc, err)
    rc, out, err = run("rmi", "run", "-", stdin=b"rmm 1.0\nversion\n")
    assert rc == 0 and \
        out == "2: version -> RMI_SUCCESS lower=0x10000 higher=0x10000\n", \
        (rc, out, err)
    # 2.0 by --rmm or by the trace's line: the mock answers as RMM 2.0
    for args, text in ((["--rmm", "2.0"], b"version\nrmm_activate\n"),
                       ([], b"rmm 2.0\nversion\nrmm_activate\n")):
        rc, out, err = run("rmi", "run", *args, "-", stdin=text)
        n = 1 if args else 2
        assert rc == 0 and out == (
            f"{n}: version -> RMI_SUCCESS lower=0x20000 higher=0x20000\n"
            f"{n + 1}: rmm_activate -> RMI_SUCCESS\n"), (args, rc, out, err)
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
        # The launch log replays (realmctl measure) to the same RIM, at
        # either INIT_RIPAS level.
        for lvl, ref in (("2", doc), ("3", d3)):
            log = os.path.join(tmp, "launch" + lvl + ".log")
            rc, out, err = run(*base, "--json", "--ripas-level", lvl, "--log", log)
            assert rc == 0 and json.loads(out)["log_bytes"] > 0, (rc, out, err)
            rc, out, err = run("measure", "--log", log, "--image", k, "--json")
            assert rc == 0, (rc, out, err)
            assert json.loads(out)["rim"] == ref["rim_realm"], (out, ref)
        # A log cut inside its last event (issue 12 item 3): an error
        # naming the offset; --allow-truncated replays the whole events
        # and says where the cut is.
        log = os.path.join(tmp, "launch2.log")
        with open(log, "rb") as f:
            whole = f.read()
        cutp = os.path.join(tmp, "cut.log")
        with open(cutp, "wb") as f:
            f.write(whole[:-3])
        rc, out, err = run("measure", "--log", cutp, "--image", k, "--json")
        assert rc == 2 and "offset" in err and "--allow-truncated" in err, (rc, err)
        rc, out, err = run("measure", "--log", cutp, "--image", k, "--json",
                           "--allow-truncated")
        assert rc == 0 and "warning" in err and "offset" in err, (rc, out, err)
        dcut = json.loads(out)
        assert 0 < dcut["truncated_at"] < len(whole), dcut
        assert dcut["rim"] != doc["rim_realm"], dcut  # the last event is missing
        rc, out, err = run("measure", "--log", log, "--image", k, "--json",
                           "--allow-truncated")
        assert rc == 0 and "truncated_at" not in json.loads(out) and not err, (out, err)
        rc, out, err = run(*base, "--log", os.path.join(tmp, "no", "such", "dir"))
        assert rc == 2 and "cannot write" in err, (rc, err)
        # Text output.
        rc, out, err = run(*base)
        assert rc == 0 and "match:           yes" in out and "granules leaked: 0" in out, out
        # Bad usage and bad layouts.
        for bad in (["launch"], ["launch", "--mock", "--hash", "md5"],
                    ["launch", "--mock", "--ripas-level", "0"],
                    ["launch", "--mock", "--ripas-level", "4"],
                    ["launch", "--mock", "--ram", "0x1000"],
                    ["launch", "--mock", "--load", "nofile"],
                    ["launch", "--mock", "--ipa-bits", "53"],
                    ["launch", "--mock", "--num-bps", "1"],
                    ["launch", "--mock", "--num-wps", "17"],
                    ["launch", "--mock", "--pmu-num-ctrs", "32"],
                    ["launch", "--mock", "--bogus"]):
            rc, out, err = run(*bad)
            assert rc == 2 and "usage" in err, (bad, rc, err)
            # The message names the argument at fault (issue 12 item 8).
            assert bad == ["launch"] or bad[-1] in err or bad[-2] in err, (bad, err)
        for bad, word in ((["--sve-vl", "200"], "--sve-vl"), (["--rpv", "abc"], "--rpv"),
                          (["--rpv", "zz"], "--rpv"), (["--gpr", "8=1"], "--gpr"),
                          (["--ipa-bits", "52"], "--lpa2"), (["--ripas-level"], "needs a value")):
            rc, out, err = run("launch", "--mock", *bad)
            assert rc == 2 and word in err, (bad, rc, err)
        # Issue 12 item 1: RIPAS at level 1, the host's limits and the
        # VMM's choices, boot registers, firmware flash at IPA 0 outside RAM
        # and an image at a 4-byte aligned address; each launches on the
        # mock with the predicted RIM, and each changes the RIM.
        one = ["launch", "--mock", "--load", k + "@0", "--load", k + "@0x40000004",
               "--json"]
        rc, out, err = run(*one)
        ref = json.loads(out)
        assert rc == 0 and ref["match"], (rc, out, err)
        assert ref["data_granules"] == 3 + 3, ref
        seen = {ref["rim_realm"]}
        for extra in (["--num-bps", "6", "--num-wps", "6"], ["--sve-vl", "512"],
                      ["--pmu-num-ctrs", "6"], ["--lpa2"], ["--ipa-bits", "52", "--lpa2"],
                      ["--gpr", "0=0x42000000"], ["--gpr", "7=1"], ["--entry", "0x40000004"],
                      ["--ripas-level", "1", "--ram", "0x40000000:0x40200000"]):
            rc, out, err = run(*one, *extra)
            d = json.loads(out)
            assert rc == 0 and d["match"], (extra, rc, out, err)
            assert d["rim_realm"] not in seen, extra
            seen.add(d["rim_realm"])
        rc, out, err = run(*one, "--ripas-level", "1", "--ram", "0x40000000:0x40000000")
        d1 = json.loads(out)
        assert rc == 0 and d1["match"] and d1["ripas_measurements"] == 1, d1
        # The RPV is not part of the RIM (TF-RMM measures the parameters
        # without it).
        rc, out, err = run(*one, "--rpv", "00112233")
        assert rc == 0 and json.loads(out)["rim_realm"] == ref["rim_realm"], out
        rc, out, err = run("launch", "--mock", "--load", os.path.join(tmp, "missing") + "@0x40000000")
        assert rc == 2 and "cannot read" in err, (rc, err)
        rc, out, err = run("launch", "--mock", "--load", k + "@0x7ffffff000")
        assert rc == 2 and "invalid layout" in err, (rc, err)
        rc, out, err = run("launch", "--mock", "--load", k + "@0x40000000",
                           "--load", k + "@0x40002004")
        assert rc == 2 and "invalid layout" in err, (rc, err)

        check_launch_kvm(tmp, k, dtb)


def check_launch_kvm(tmp, k, dtb):
    """--kvm-model: the same plan through the KVM backend on each series'
    model; the realm's RIM is the prediction, REC 0 has the entry PC and
    x0 = the DTB, the boot vCPU's exits are counted, its token verifies."""
    rims = {}
    for series in ("v10", "nv", "v12", "v13", "v14"):
        args = ["launch", "--kvm-model", series, "--load", k + "@0x40000000",
                "--dtb", dtb, "--vcpus", "3", "--json"]
        rc, out, err = run(*args)
        assert rc == 0, (series, rc, out, err)
        doc = json.loads(out)
        assert doc["match"] is True, (series, doc)
        assert doc["rim_realm"] == doc["rim_predicted"], (series, doc)
        assert doc["granules_leaked"] == 0, (series, doc)
        assert doc["entry_pc"] == 0x40000000, (series, doc)
        assert doc["x0"] == 0x42000000, (series, doc)      # the DTB's IPA
        assert series in doc["kvm_series"] or (series == "nv" and "NVIDIA" in doc["kvm_series"]), doc
        ex = doc["exits"]
        assert ex == {"total": 2, "memory_fault": 1, "mmio": 0, "hypercall": 0,
                      "shutdown": 1, "reset": 0}, (series, ex)
        assert doc["token_verified"] is True and doc["token_bytes"] > 512, (series, doc)
        assert doc["vgic"] is True, (series, doc)
        rims[series] = doc["rim_realm"]
        # the text report says the same
        rc, out, err = run(*args[:-1])
        assert rc == 0 and "token:           verified" in out, (series, out, err)
        assert "exits handled:   2 (1 memory fault" in out, (series, out)
    # one RIM per measurement order: v10/NV (INIT_RIPAS first), v12+
    # (RIPAS at activation, after data and RECs), each predicted
    assert rims["v10"] == rims["nv"] and rims["v12"] == rims["v13"] == rims["v14"], rims
    assert rims["v10"] != rims["v12"], rims
    # unmeasured images too (v12+ populate them before the RECs)
    for series in ("v10", "v12", "v13", "v14"):
        rc, out, err = run("launch", "--kvm-model", series, "--load", k + "@0x40000000",
                           "--load-unmeasured", dtb + "@0x40200000", "--json")
        assert rc == 0 and json.loads(out)["match"] is True, (series, rc, out, err)
    rc, out, err = run("launch", "--kvm-model", "v11", "--load", k + "@0x40000000")
    assert rc == 2 and "usage" in err, (rc, err)
    # NVIDIA MEC: a private MECID from the kernel's allocator; refused elsewhere
    rc, out, err = run("launch", "--kvm-model", "nv", "--mec", "private", "--json")
    doc = json.loads(out)
    assert rc == 0 and doc["match"] and doc["mec"] == "private" and doc["mecid"] == 1, (rc, out, err)
    rc, out, err = run("launch", "--kvm-model", "v14", "--mec", "shared", "--json")
    assert rc == 1 and "configure MEC" in err and "NVIDIA" in err, (rc, err)


def check_predict():
    # realmctl predict (issue 12 items 2, 8): the QEMU layout, its DTB
    # generated then given; the RIM is the one `launch --mock` gives for the
    # same layout on the mock RMM (firmware flash at 0 outside RAM; direct
    # kernel boot with x0 = the DTB's address).  The upstream command lines
    # and RIMs: tests/cli/predict_vectors.py.
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        fw = os.path.join(tmp, "firmware")
        dtb = os.path.join(tmp, "qemu.dtb")
        kern = os.path.join(tmp, "Image")
        with open(fw, "wb") as f:
            f.write(b"FW CONTENT")
        hdr = bytearray(64)
        hdr[0x38:0x3c] = b"ARM\x64"
        with open(kern, "wb") as f:
            f.write(bytes(hdr) + bytes(range(256)) * 40)
        host = ["predict", "--num-wps", "6", "--num-bps", "6", "--ipa-bits", "52",
                "--pmu-num-ctrs", "6"]
        qemu = ["qemu", "-M", "confidential-guest-support=rme0", "-object",
                "rme-guest,id=rme0,measurement-algorithm=sha256", "-cpu", "host",
                "-M", "virt", "-enable-kvm", "-smp", "2", "-m", "1G", "-nographic"]
        rc, out, err = run(*host, "--output-dtb", dtb, *qemu, "-bios", fw)
        assert rc == 0 and out.startswith("RIM: "), (rc, out, err)
        rim_fw = out.split()[1]
        assert len(rim_fw) == 64 and open(dtb, "rb").read(4) == b"\xd0\x0d\xfe\xed", out
        host += ["--dtb", dtb]
        rc, out, err = run(*host, *qemu, "-bios", fw)
        assert rc == 0 and out.split()[1] == rim_fw, (rc, out, err)
        # 1 GiB of RAM: QEMU's map needs 41 IPA bits; RIPAS one 1 GiB entry.
        rc, out, err = run("launch", "--mock", "--json", "--ipa-bits", "41",
                           "--num-bps", "6", "--num-wps", "6",
                           "--ram", "0x40000000:0x40000000", "--ripas-level", "1",
                           "--load", fw + "@0", "--load", dtb + "@0x40000000",
                           "--entry", "0")
        d = json.loads(out)
        assert rc == 0 and d["match"] and d["rim_realm"] == rim_fw, (d, rim_fw)
        # With -bios the kernel goes through fw_cfg: same RIM.
        rc, out, err = run(*host, *qemu, "-bios", fw, "-kernel", kern)
        assert rc == 0 and out.split()[1] == rim_fw, (out, err)
        # Direct kernel boot: kernel at RAM base, DTB after 128 MiB, x0.
        rc, out, err = run(*host, *qemu, "-kernel", kern)
        rim_k = out.split()[1]
        rc, out, err = run("launch", "--mock", "--json", "--ipa-bits", "41",
                           "--num-bps", "6", "--num-wps", "6",
                           "--ram", "0x40000000:0x40000000", "--ripas-level", "1",
                           "--load", kern + "@0x40000000", "--load", dtb + "@0x48000000",
                           "--entry", "0x40000000", "--gpr", "0=0x48000000")
        d = json.loads(out)
        assert d["match"] and d["rim_realm"] == rim_k, (d, rim_k)
        # Reference values as JSON: REMs zero without firmware, unknown with.
        rc, out, err = run(*host, "--json", *qemu, "-kernel", kern)
        ref = json.loads(out)
        assert rc == 0 and ref["rim"] == rim_k and ref["hash"] == "sha256", ref
        assert ref["rem"] == ["00" * 32] * 4 and ref["rpv"] == "00" * 64, ref
        rc, out, err = run(*host, "--json", "--rpv", "0abc", *qemu, "-bios", fw)
        ref = json.loads(out)
        assert rc == 0 and ref["rem"] == [None] * 4 and ref["rpv"].startswith("0abc00"), ref
        # --output-dtb writes the DTB used.
        od = os.path.join(tmp, "out.dtb")
        rc, out, err = run(*host, "--output-dtb", od, "qemu", "-m", "1G", "-bios", fw)
        assert rc == 0 and open(od, "rb").read() == open(dtb, "rb").read()
        # --log: the launch log of the layout replays to the same RIM.
        lg = os.path.join(tmp, "predict.log")
        rc, out, err = run(*host, "--log", lg, *qemu, "-kernel", kern)
        assert rc == 0 and out.split()[1] == rim_k, (out, err)
        rc, out, err = run("measure", "--log", lg, "--image", kern, "--image", dtb, "--json")
        assert rc == 0 and json.loads(out)["rim"] == rim_k, (rc, out, err)


def check_launch_rmm2():
    """realmctl launch --mock --rmm 2.0: the mock answers as TF-RMM main
    9a7f8ef, the launch negotiates 2.0 and bootstraps the RMM; the realm's
    RIM is the 2.0 prediction and teardown leaks nothing."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        k = os.path.join(tmp, "kernel")
        dtb = os.path.join(tmp, "dtb")
        with open(k, "wb") as f:
            f.write(bytes(range(256)) * 37)          # 3 granules
        with open(dtb, "wb") as f:
            f.write(b"\xd0\x0d\xfe\xed" * 100)
        base = ["launch", "--mock", "--load", k + "@0x40000000",
                "--load-unmeasured", dtb + "@0x40200000", "--vcpus", "2"]
        rc, out, err = run(*base, "--json", "--rmm", "2.0")
        assert rc == 0, (rc, out, err)
        d2 = json.loads(out)
        assert d2["match"] is True and d2["rim_predicted"] == d2["rim_realm"], d2
        assert d2["granules_leaked"] == 0 and d2["recs"] == 2, d2
        assert d2["data_granules"] == 4 and d2["ripas_measurements"] == 0, d2
        # 2.0 does not measure INIT_RIPAS: another RIM than 1.0's
        rc, out, err = run(*base, "--json", "--rmm", "1.0")
        d1 = json.loads(out)
        assert rc == 0 and d1["match"] and d1["rim_realm"] != d2["rim_realm"], d1
        rc, out, err = run(*base, "--json", "--rmm", "2.0", "--hash", "sha512")
        d5 = json.loads(out)
        assert rc == 0 and d5["match"] and len(d5["rim_realm"]) == 128, d5
        rc, out, err = run(*base, "--rmm", "2.0")
        assert rc == 0 and "match:           yes" in out and "granules leaked: 0" in out, out
        for bad in (["--rmm", "3.0"], ["--rmm"]):
            rc, out, err = run(*base, *bad)
            assert rc == 2 and "--rmm" in err, (bad, rc, err)
        for bad, word in ((["--kvm-model", "v13"], "--kvm-model"),):
            rc, out, err = run(*base, "--rmm", "2.0", *bad)
            assert rc == 2 and word in err, (bad, rc, err)
        # The 2.0 launch log (no INIT_RIPAS events) replays to the RIM.
        for h, ref in (("sha256", d2), ("sha512", d5)):
            log = os.path.join(tmp, "l2" + h)
            rc, out, err = run(*base, "--rmm", "2.0", "--hash", h, "--log", log, "--json")
            assert rc == 0 and json.loads(out)["rim_realm"] == ref["rim_realm"], (rc, out, err)
            rc, out, err = run("measure", "--log", log, "--image", k, "--json")
            assert rc == 0 and json.loads(out)["rim"] == ref["rim_realm"], (out, ref)
        # the same log under 1.0 has the INIT_RIPAS events: other bytes
        rc, out, err = run(*base, "--rmm", "1.0", "--log", log + "1", "--json")
        assert rc == 0 and open(log + "1", "rb").read() != open(log, "rb").read()


def check_predict_rmm2():
    """realmctl predict --rmm 2.0: the RIM an RMM 2.0 gives the QEMU layout,
    the one realmctl launch --mock --rmm 2.0 measures for it (2.0 measures
    no INIT_RIPAS: not 1.0's)."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        dtb = os.path.join(tmp, "qemu.dtb")
        kern = os.path.join(tmp, "Image")
        hdr = bytearray(64)
        hdr[0x38:0x3c] = b"ARM\x64"
        with open(kern, "wb") as f:
            f.write(bytes(hdr) + bytes(range(256)) * 40)
        host = ["predict", "--num-wps", "6", "--num-bps", "6", "--ipa-bits", "52"]
        qemu = ["qemu", "-M", "confidential-guest-support=rme0", "-object",
                "rme-guest,id=rme0,measurement-algorithm=sha256", "-cpu", "host",
                "-M", "virt", "-enable-kvm", "-smp", "2", "-m", "1G", "-nographic"]
        rc, out, err = run(*host, "--output-dtb", dtb, *qemu, "-kernel", kern)
        assert rc == 0, (rc, out, err)
        rim1 = out.split()[1]
        rc, out, err = run(*host, "--rmm", "2.0", "--dtb", dtb, *qemu, "-kernel", kern)
        assert rc == 0 and out.startswith("RIM: "), (rc, out, err)
        rim2 = out.split()[1]
        assert len(rim2) == 64 and rim2 != rim1, (rim1, rim2)
        rc, out, err = run("launch", "--mock", "--rmm", "2.0", "--json", "--ipa-bits", "41",
                           "--num-bps", "6", "--num-wps", "6",
                           "--ram", "0x40000000:0x40000000", "--ripas-level", "1",
                           "--load", kern + "@0x40000000", "--load", dtb + "@0x48000000",
                           "--entry", "0x40000000", "--gpr", "0=0x48000000")
        d = json.loads(out)
        assert rc == 0 and d["match"] and d["rim_realm"] == rim2, (d, rim2)
        assert d["granules_leaked"] == 0, d
        rc, out, err = run(*host, "--rmm", "1.0", "--dtb", dtb, *qemu, "-kernel", kern)
        assert rc == 0 and out.split()[1] == rim1, (out, err)
        rc, out, err = run(*host, "--rmm", "3.0", *qemu, "-kernel", kern)
        assert rc == 2 and "--rmm" in err, (rc, err)
        # --log under 2.0: replays to the 2.0 RIM.
        lg = os.path.join(tmp, "p2.log")
        rc, out, err = run(*host, "--rmm", "2.0", "--dtb", dtb, "--log", lg, *qemu,
                           "-kernel", kern)
        assert rc == 0 and out.split()[1] == rim2, (out, err)
        rc, out, err = run("measure", "--log", lg, "--image", kern, "--image", dtb, "--json")
        assert rc == 0 and json.loads(out)["rim"] == rim2, (rc, out, err)


CHECKS = {name[len("check_"):]: fn for name, fn in globals().items()
          if name.startswith("check_")}

if __name__ == "__main__":
    group = sys.argv[2]
    if group not in CHECKS:
        print(f"no checks for group {group}", file=sys.stderr)
        sys.exit(1)
    CHECKS[group]()
    print(f"cli {group}: ok")
