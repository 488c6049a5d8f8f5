/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * librealm umbrella header: #include <realm/realm.h> gives the stable API,
 * the two library tiers a VMM, a guest agent or a verifier links:
 *   librealm-core  the portable core (ABI and typed calls, conduits,
 *                  crypto, measurement, attestation tokens, guest API,
 *                  RTT, RIPAS, exits, launch planner);
 *   librealm       the userspace additions (KVM backend, the shim conduit,
 *                  token verification, device trees, file I/O, OpenSSL).
 * The test tier (mock RMM, trace runner, recording conduit) is not part of
 * it: see <realm/testing.h>.
 */
#ifndef RLM_REALM_H
#define RLM_REALM_H

#include <realm/config.h>
#include <realm/env.h>
#include <realm/error.h>
#include <realm/abi.h>
#include <realm/abi2.h>
#include <realm/pack2.h>
#include <realm/rmi2.h>
#include <realm/pack.h>
#include <realm/conduit.h>
#include <realm/conduit-smc.h>
#include <realm/version.h>
#include <realm/rmi.h>
#include <realm/rsi.h>
#include <realm/hash.h>
#include <realm/hex.h>
#include <realm/measure.h>
#include <realm/dt.h>
#include <realm/dtgen.h>
#include <realm/guest.h>
#include <realm/agent.h>
#include <realm/eventlog.h>
#include <realm/cbor.h>
#include <realm/ecdsa.h>
#include <realm/token.h>
#include <realm/secret.h>
#include <realm/rtt.h>
#include <realm/ripas.h>
#include <realm/kvm.h>
#include <realm/exit.h>
#include <realm/alloc.h>
#include <realm/launch.h>
#include <realm/rtt_mgr.h>
#include <realm/rmem.h>

#endif /* RLM_REALM_H */
