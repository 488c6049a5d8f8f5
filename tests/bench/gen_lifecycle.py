#!/usr/bin/env python3
"""Writes a large RMI lifecycle trace (docs/rmi-trace.md) for the trace
runner's benchmark and for comparing `realmctl rmi run` with another RMM
model side by side (docs/mock.md).

usage: gen_lifecycle.py [--seed N] [--granules N] [--realms N]
                        [--recs N] [--expect] [-o FILE]

Several realms live at once.  Each gets an RD, two concatenated root RTTs
(s2sz=40, start level 1), a level-2 RTT, the level-3 RTTs its data needs,
RIPAS RAM over them and RECs with 16 auxiliary granules each.  The data
granules (15,000 by default: 4 commands each, delegate, data_create,
data_destroy, undelegate, so about 60,000 commands) go to the realms at
random IPAs, measured or not, from a few filled host granules, with the
realms' creation interleaved.  Then every realm is activated and entered
once (an empty queue: an IRQ exit), and everything is torn down and every
granule undelegated, in a shuffled order.  The same seed always gives the
same trace.  Every command succeeds on an RMM 1.0 model; --expect appends
`=> RMI_SUCCESS` to every command line.

It stays within the portable pools (16384 g, 1024 ns granules).
"""
import argparse
import random
import sys

L3_SLOTS = 512          # granules an L3 RTT maps
BLOCK = L3_SLOTS * 4096  # 2 MiB
POOL = 16384            # portable g pool
AUX = 16                # REC_AUX_COUNT of the reference platform


def generate(seed, granules, realms, recs, expect):
    rng = random.Random(seed)
    out = []
    ncmd = 0

    def cmd(s):
        nonlocal ncmd
        ncmd += 1
        out.append(s + (" => RMI_SUCCESS" if expect else ""))

    def raw(s):
        out.append(s)

    # granule numbers, handed out in order
    nxt = [0]

    def take(n=1):
        g = nxt[0]
        nxt[0] += n
        if nxt[0] > POOL:
            sys.exit("gen_lifecycle: more granules than the portable pool")
        return g

    # split the data granules among the realms (each at least one)
    cuts = sorted(rng.sample(range(1, granules), realms - 1))
    share = [b - a for a, b in zip([0] + cuts, cuts + [granules])]

    raw(f"# lifecycle: {granules} data granules over {realms} realms, "
        f"{recs} RECs each, seed {seed} (tests/bench/gen_lifecycle.py)")
    cmd("version req=0x10000")
    cmd("features index=0")
    # host data sources: a few filled granules, one with a pattern
    srcs = []
    for i in range(1, 5):
        raw(f"ns_fill ns{i} {rng.randrange(256):#x}")
        srcs.append(f"ns{i}")
    raw("ns_write ns4 off=0x20 hex=" +
        "".join(f"{rng.randrange(256):02x}" for _ in range(32)))

    R = []
    for r in range(realms):
        rd = take()
        root = take(2)
        cmd(f"granule_delegate addr=g{rd}")
        cmd(f"granule_delegate addr=g{root}")
        cmd(f"granule_delegate addr=g{root + 1}")
        cmd(f"realm_create rd=g{rd} rtt_base=g{root} s2sz=40 "
            f"rtt_level_start=1 rtt_num_start=2 hash="
            f"{rng.choice(['sha256', 'sha512'])} vmid={r + 1}")
        l2 = take()
        cmd(f"granule_delegate addr=g{l2}")
        cmd(f"rtt_create rd=g{rd} rtt=g{l2} ipa=0 level=2")
        nblk = (share[r] + L3_SLOTS - 1) // L3_SLOTS
        l3 = []
        for b in range(nblk):
            t = take()
            cmd(f"granule_delegate addr=g{t}")
            cmd(f"rtt_create rd=g{rd} rtt=g{t} ipa={b * BLOCK:#x} level=3")
            l3.append(t)
        for b in range(nblk):
            cmd(f"rtt_init_ripas rd=g{rd} base={b * BLOCK:#x} "
                f"top={(b + 1) * BLOCK:#x}")
        rl = []
        for k in range(recs):
            rec = take()
            aux = take(AUX)
            cmd(f"granule_delegate addr=g{rec}")
            for a in range(aux, aux + AUX):
                cmd(f"granule_delegate addr=g{a}")
            cmd(f"rec_create rd=g{rd} rec=g{rec} mpidr={k} pc=0x1000 "
                f"runnable={1 if k == 0 else 0} aux=g{aux}..g{aux + AUX - 1}")
            rl.append((rec, aux))
        ipas = rng.sample(range(nblk * L3_SLOTS), share[r])
        R.append(dict(rd=rd, root=root, l2=l2, l3=l3, recs=rl,
                      todo=[i * 4096 for i in ipas], data={}))

    # data: the realms' populations interleaved
    live = [r for r in R if r["todo"]]
    while live:
        r = rng.choice(live)
        ipa = r["todo"].pop()
        g = take()
        cmd(f"granule_delegate addr=g{g}")
        if rng.randrange(8) == 0:
            cmd(f"data_create_unknown rd=g{r['rd']} data=g{g} ipa={ipa:#x}")
        else:
            cmd(f"data_create rd=g{r['rd']} data=g{g} ipa={ipa:#x} "
                f"src={rng.choice(srcs)} flags={rng.randrange(2)}")
        r["data"][ipa] = g
        if not r["todo"]:
            live.remove(r)

    for i, r in enumerate(R):
        cmd(f"measurement rd=g{r['rd']} index=0")
        cmd(f"realm_activate rd=g{r['rd']}")
        cmd(f"rec_enter rec=g{r['recs'][0][0]} run=ns{10 + i}")

    # teardown: data (interleaved), RECs, RTTs, realms; then undelegate
    pending = [(r, ipa) for r in R for ipa in r["data"]]
    rng.shuffle(pending)
    for r, ipa in pending:
        cmd(f"data_destroy rd=g{r['rd']} ipa={ipa:#x}")
        cmd(f"granule_undelegate addr=g{r['data'][ipa]}")
    for r in R:
        for rec, aux in r["recs"]:
            cmd(f"rec_destroy rec=g{rec}")
            cmd(f"granule_undelegate addr=g{rec}")
            for a in range(aux, aux + AUX):
                cmd(f"granule_undelegate addr=g{a}")
        for b, t in enumerate(r["l3"]):
            cmd(f"rtt_destroy rd=g{r['rd']} ipa={b * BLOCK:#x} level=3")
            cmd(f"granule_undelegate addr=g{t}")
        cmd(f"rtt_destroy rd=g{r['rd']} ipa=0 level=2")
        cmd(f"granule_undelegate addr=g{r['l2']}")
        cmd(f"realm_destroy rd=g{r['rd']}")
        for g in (r["rd"], r["root"], r["root"] + 1):
            cmd(f"granule_undelegate addr=g{g}")
    return out, ncmd


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--granules", type=int, default=15000)
    ap.add_argument("--realms", type=int, default=4)
    ap.add_argument("--recs", type=int, default=2)
    ap.add_argument("--expect", action="store_true")
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args()
    if a.realms < 1 or a.granules < a.realms or a.recs < 1:
        ap.error("need realms >= 1, granules >= realms, recs >= 1")
    lines, n = generate(a.seed, a.granules, a.realms, a.recs, a.expect)
    text = "\n".join(lines) + "\n"
    if a.output == "-":
        sys.stdout.write(text)
    else:
        with open(a.output, "w") as f:
            f.write(text)
    print(f"gen_lifecycle: {n} commands, {len(lines)} lines", file=sys.stderr)


if __name__ == "__main__":
    main()
