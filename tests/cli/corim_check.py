#!/usr/bin/env python3
"""realmctl --corim/--comid: reference values as CoRIM/CoMID (issue 12 item 4),
and launch --refvals (the JSON form).

usage: corim_check.py REALMCTL

predict (kvmtool, SHA-256; QEMU with firmware, SHA-512), measure (a launch
log) and launch --mock write the CoMID veraison's cca-realm-measurements
writes (its src/realm_comid.rs, testdata/realm-comid.diag), inside an
unsigned CoRIM with the profile veraison's CCA scheme takes.  The files are
decoded here by a small strict CBOR reader and checked against the values the
same command prints.  Bad input: unwritable files, a missing value, a log
that is not one: exit 2, an error naming the option, no file.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

REALMCTL = os.path.abspath(sys.argv[1])
WRAPPER = os.environ.get("RLM_EXE_WRAPPER", "").split()
SRC = os.environ.get("RLM_SRCDIR", ".")
VECTORS = os.environ.get("RLM_VECTORS", os.path.join(SRC, "tests", "vectors"))
MEAS = os.path.join(VECTORS, "measurements")


class Tag:
    def __init__(self, n, v):
        self.n, self.v = n, v


def cbor_item(b, i):
    """(value, next offset); definite lengths only, as the encoder writes."""
    ib = b[i]
    major, ai = ib >> 5, ib & 31
    i += 1
    if ai < 24:
        n = ai
    elif ai in (24, 25, 26, 27):
        k = 1 << (ai - 24)
        n = int.from_bytes(b[i:i + k], "big")
        i += k
    else:
        raise ValueError(f"indefinite or reserved length at {i - 1}")
    if major == 0:
        return n, i
    if major == 1:
        return -1 - n, i
    if major in (2, 3):
        s = bytes(b[i:i + n])
        if len(s) != n:
            raise ValueError("string runs past the end")
        return (s if major == 2 else s.decode()), i + n
    if major == 4:
        out = []
        for _ in range(n):
            v, i = cbor_item(b, i)
            out.append(v)
        return out, i
    if major == 5:
        out = {}
        for _ in range(n):
            k, i = cbor_item(b, i)
            v, i = cbor_item(b, i)
            assert k not in out, f"duplicate key {k}"
            out[k] = v
        return out, i
    if major == 6:
        v, i = cbor_item(b, i)
        return Tag(n, v), i
    raise ValueError(f"simple value at {i - 1}")


def cbor(b):
    v, i = cbor_item(b, 0)
    assert i == len(b), f"{len(b) - i} bytes after the item"
    return v


def run(*args, cwd):
    p = subprocess.run([*WRAPPER, REALMCTL, *args], capture_output=True, cwd=cwd)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def check_comid(c, rim, alg, rems, rpv):
    """rems: 4 hex values, or None (left out)."""
    assert set(c) == {1, 4}, c.keys()
    tid = c[1][0]
    assert isinstance(tid, bytes) and len(tid) == 16, tid
    # No tag-id given: UUIDv8 from the RIM's first bytes.
    r = bytes.fromhex(rim)
    assert tid[:6] == r[:6] and tid[6] >> 4 == 8 and tid[8] >> 6 == 2, (tid.hex(), rim)
    assert list(c[4]) == [0] and len(c[4][0]) == 1, c[4]
    env, mms = c[4][0][0]
    cid = env[0][0]
    assert isinstance(cid, Tag) and cid.n == 560 and cid.v.hex() == rim, cid
    keys = ["cca.rim"] + (["cca.rem%d" % i for i in range(4)] if rems else []) + ["cca.rpv"]
    assert [m[0] for m in mms] == keys, [m[0] for m in mms]
    vals = [rim] + (rems or [])
    for m, v in zip(mms, vals):
        assert m[1] == {2: [[alg, bytes.fromhex(v)]]}, (m, v)
    raw = mms[-1][1][4]
    assert isinstance(raw, Tag) and raw.n == 560 and raw.v.hex() == rpv, raw
    return tid


def check_corim(b, comid_bytes, tid):
    doc = cbor(b)
    assert isinstance(doc, Tag) and doc.n == 501, doc
    m = doc.v
    assert set(m) == {0, 1, 3}, m.keys()
    assert len(m[1]) == 1 and isinstance(m[1][0], Tag) and m[1][0].n == 506, m[1]
    if tid is None:  # the CoMID's own tag-id names the CoRIM
        tid = cbor(m[1][0].v)[1][0]
    h = tid.hex()
    assert m[0] == f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}", m[0]
    assert len(m[1]) == 1 and isinstance(m[1][0], Tag) and m[1][0].n == 506, m[1]
    assert isinstance(m[1][0].v, bytes)
    if comid_bytes is not None:
        assert m[1][0].v == comid_bytes
    assert isinstance(m[3], Tag) and m[3].n == 32 and m[3].v == "http://arm.com/cca/realm/1"
    return cbor(m[1][0].v)


def main():
    tmp = tempfile.mkdtemp(prefix="rlm-corim-")
    try:
        shutil.copy(os.path.join(MEAS, "linux.bin"), tmp)
        with open(os.path.join(tmp, "initrd"), "wb") as f:
            f.write(b"initrd " * 999)
        with open(os.path.join(tmp, "firmware"), "wb") as f:
            f.write(bytes(range(256)) * 300)
        rpv = "5a" * 20 + "00" * 44
        # predict kvmtool, SHA-256: REMs zero at launch.
        k = ["--num-wps", "6", "--num-bps", "6", "--rpv", "5a" * 20]
        kv = ["kvmtool", "--realm", "-c", "2", "-m", "256M", "-k", "linux.bin", "-i",
              "initrd", "--measurement-log"]
        rc, out, err = run("predict", *k, "--corim", "k.corim", "--comid", "k.comid",
                           "--log", "k.log", "--output-dtb", "k.dtb", "--json", *kv, cwd=tmp)
        assert rc == 0, err
        j = json.loads(out)
        assert j["rpv"] == rpv, j
        comid_b = open(os.path.join(tmp, "k.comid"), "rb").read()
        tid = check_comid(cbor(comid_b), j["rim"], "sha-256", j["rem"], rpv)
        inner = check_corim(open(os.path.join(tmp, "k.corim"), "rb").read(), comid_b, tid)
        check_comid(inner, j["rim"], "sha-256", j["rem"], rpv)
        # The same launch, the same bytes (no random tag-id).
        rc, out2, err = run("predict", *k, "--corim", "k2.corim", "--json", *kv, cwd=tmp)
        assert rc == 0 and out2 == out, err
        assert open(os.path.join(tmp, "k2.corim"), "rb").read() == \
            open(os.path.join(tmp, "k.corim"), "rb").read()
        # measure: the launch log predict wrote gives the same CoRIM.
        rc, out3, err = run("measure", "--log", "k.log", "--image", "linux.bin", "--image",
                            "initrd", "--image", "k.dtb", "--rpv", "5a" * 20, "--corim",
                            "m.corim", "--comid", "m.comid", "--json", cwd=tmp)
        assert rc == 0 and json.loads(out3)["rim"] == j["rim"], (out3, err)
        assert open(os.path.join(tmp, "m.comid"), "rb").read() == comid_b
        assert open(os.path.join(tmp, "m.corim"), "rb").read() == \
            open(os.path.join(tmp, "k.corim"), "rb").read()
        # QEMU with firmware, SHA-512: REMs are the firmware's, left out.
        q = ["--num-wps", "6", "--num-bps", "6", "--ipa-bits", "52", "--pmu-num-ctrs", "6",
             "-f", "firmware"]
        qv = ["qemu", "-M", "confidential-guest-support=rme0", "-object",
              "rme-guest,id=rme0,measurement-algorithm=sha512", "-bios", "firmware"]
        rc, out, err = run("predict", *q, "--corim", "q.corim", "--json", *qv, cwd=tmp)
        assert rc == 0, err
        j = json.loads(out)
        assert j["rem"] == [None] * 4 and len(j["rim"]) == 128, j
        b = open(os.path.join(tmp, "q.corim"), "rb").read()
        inner = check_corim(b, None, None)
        check_comid(inner, j["rim"], "sha-512", None, "00" * 64)
        # launch --mock: the RIM the mock realm reached.
        img = os.path.join(tmp, "img")
        with open(img, "wb") as f:
            f.write(bytes(range(256)) * 37)
        rc, out, err = run("launch", "--mock", "--load", img + "@0x40000000", "--vcpus", "1",
                           "--corim", "l.corim", "--refvals", "l.json", "--rpv", "77",
                           "--json", cwd=tmp)
        assert rc == 0, err
        j = json.loads(out)
        assert j["match"] is True
        rv = json.load(open(os.path.join(tmp, "l.json")))
        assert rv == {"hash_algo": "sha-256", "rim": j["rim_realm"], "rem": ["00" * 32] * 4,
                      "rpv": "77" + "00" * 63}, rv
        b = open(os.path.join(tmp, "l.corim"), "rb").read()
        inner = check_corim(b, None, None)
        check_comid(inner, j["rim_realm"], "sha-256", ["00" * 32] * 4, "77" + "00" * 63)
        ok = 4
        # token appraise takes the CoRIM as its RV store: TF-M's example realm
        # is not this launch, so the RIM is the first claim named.
        T = os.path.join(VECTORS, "tokens")
        tok = os.path.join(T, "tf-m-tools", "cca_example_token.cbor")
        ta = os.path.join(T, "rust-ccatoken", "ta-tfa.json")
        for f in ("k.corim", "k.comid"):
            rc, out, err = run("token", "appraise", tok, "--ta-store", ta, "--rv-store", f,
                               "--json", cwd=tmp)
            j = json.loads(out)
            assert rc == 1 and j["verdict"] == "fail", (rc, out, err)
            assert j["first_claim"] == "realm.initial-measurement", j
            assert j["groups"]["realm-signature"] == "ok", j
        with open(os.path.join(tmp, "cut.corim"), "wb") as f:
            f.write(open(os.path.join(tmp, "k.corim"), "rb").read()[:-3])

        # Bad input: exit 2, the option named, nothing written.
        bad = os.path.join(tmp, "no-such-dir", "x.corim")
        cases = [
            (["predict", *k, "--corim", bad, *kv], "--corim"),
            (["predict", *k, "--comid", bad, *kv], "--comid"),
            (["predict", *k, *kv, "--corim"], None),            # a VMM option: kvmtool's error
            (["predict", *k, "--corim"], None),                  # no value
            (["measure", "--log", "k.log", "--image", "linux.bin", "--image", "initrd",
              "--image", "k.dtb", "--corim", bad], "--corim"),
            (["measure", "--log", "initrd", "--corim", "bad.corim"], "initrd"),
            (["measure", "--log", "k.log", "--corim"], None),
            (["launch", "--mock", "--load", img + "@0x40000000", "--corim", bad], "--corim"),
            (["launch", "--mock", "--load", img + "@0x40000000", "--corim"], None),
            (["launch", "--mock", "--load", img + "@0x40000000", "--refvals", bad],
             "--refvals"),
            (["token", "appraise", tok, "--ta-store", ta, "--rv-store", "cut.corim"],
             "CoRIM"),
        ]
        for args, word in cases:
            rc, out, err = run(*args, cwd=tmp)
            assert rc == 2, (args, rc, out, err)
            assert "RIM" not in out and '"rim' not in out, (args, out)
            if word:
                assert word in err, (args, err)
        assert not os.path.exists(os.path.join(tmp, "bad.corim"))
        assert not os.path.exists(os.path.join(tmp, "no-such-dir"))
        # The reader here refuses what it should (it is the test's oracle).
        for b in (b"\xd9\x01\xf5", b"\x5f\x41\x00\xff", b"\xa1\x00\x00\x00"):
            try:
                cbor(b)
            except (ValueError, IndexError, AssertionError):
                continue
            raise AssertionError(f"the CBOR reader took {b.hex()}")
        print(f"CoRIM/CoMID checked for {ok} launches (predict kvmtool and QEMU, measure,"
              f" launch); bad input refused: {len(cases)}")
    finally:
        shutil.rmtree(tmp)


main()
