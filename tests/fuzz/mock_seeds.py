#!/usr/bin/env python3
"""Writes the hand-built seeds of fuzz_mock (tests/fuzz/corpus/mock/).

The byte format is fuzz_mock.c's decoder: one opcode byte per command
followed by the bytes that command reads."""
import os
import struct
import sys

DELEGATE, REALM_ACTIVATE, REC_ENTER, RTT_CREATE, RTT_FOLD = 0, 3, 7, 9, 11
INIT_RIPAS, DATA_CREATE, DATA_DESTROY, RTT_DESTROY = 12, 17, 19, 10
M_REALM, M_REC, M_PATH = 23, 24, 25
LVL = {-1: 0, 0: 1, 1: 2, 2: 3, 3: 4}


def pool(i):          # arg_pa: a pool granule by index (case 6)
    return struct.pack('<H', 0xC000 | i)


def realm(shape=0):   # macro realm: shape, broken, vmid
    return bytes([M_REALM, shape, 0, 1])


def path(level, ipa_byte=0, data=False, ripas=False):
    what = (level - 1) | (4 if data else 0) | (8 if ripas else 0)
    return bytes([M_PATH, what, 0, ipa_byte])


def rec():            # macro REC: rd 0, runnable, unbroken, pc 0
    return bytes([M_REC, 0, 0, 0, 0])


def enter(calls, resp=0):
    return bytes([REC_ENTER, 0, 0, 0, resp, len(calls)]) + b''.join(calls)


def lifecycle():
    s = realm() + path(3, ripas=True)
    s += bytes([DELEGATE]) + pool(100)
    s += bytes([DATA_CREATE, 0]) + pool(100) + bytes([0x01, 0, 1])
    s += rec() + bytes([REALM_ACTIVATE, 0])
    s += enter([bytes([3, 0]),                       # MEASUREMENT_READ 0
                bytes([2, 1, 32]) + b'\x11' * 8,     # MEASUREMENT_EXTEND 1
                bytes([10]) + struct.pack('<Q', 0x10000)])  # ABI_VERSION
    s += bytes([DATA_DESTROY, 0, 0x01, 1])
    return s


def fold():
    s = realm() + path(3)
    s += bytes([RTT_FOLD, 0, LVL[3], 0])             # fold the level-3 table
    s += bytes([DELEGATE]) + pool(200)
    s += bytes([RTT_CREATE, 0]) + pool(200) + bytes([LVL[3], 0])  # unfold
    s += bytes([RTT_DESTROY, 0, LVL[3], 0])
    return s


def ripas_change():
    s = realm() + path(3)
    s += bytes([INIT_RIPAS, 0, LVL[3], 0, 7])        # 8 pages RAM
    s += path(3, data=True)
    s += rec() + bytes([REALM_ACTIVATE, 0])
    s += enter([bytes([0, 0, 3, 0, 0])])             # IPA_STATE_SET 4 pages EMPTY
    s += enter([bytes([1, 0, 7]), bytes([0, 0, 1, 1, 1])])  # GET, SET RAM
    s += enter([bytes([6, 1, 0]) + struct.pack('<Q', 0)])   # PSCI CPU_ON
    return s


def psci_unprotected():
    s = realm() + rec() + rec() + bytes([REALM_ACTIVATE, 0])
    # REC 0 calls CPU_ON(mpidr 1); the host completes it with REC 1
    s += bytes([REC_ENTER, 0, 0, 0, 0, 1, 6, 1, 0]) + struct.pack('<Q', 7) + bytes([0])
    s += bytes([REC_ENTER, 1, 0, 0, 0, 0])           # REC 1 runs
    # unprotected half: RTTs to level 3, map an NS page, unmap it
    s += bytes([M_PATH, 0xB2, 0, 0])
    s += bytes([M_PATH, 0x92, 0, 1])                  # mapped, left for teardown
    return s


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), 'corpus', 'mock')
    os.makedirs(out, exist_ok=True)
    for name, fn in (('lifecycle', lifecycle), ('fold', fold),
                     ('ripas_change', ripas_change),
                     ('psci_unprotected', psci_unprotected)):
        with open(os.path.join(out, name), 'wb') as f:
            f.write(fn())


if __name__ == '__main__':
    main()
