/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The arm64 SMC conduit: `smc #0` straight to the RMM.
 *
 * Who can use it: code running at EL1 or EL2 on an arm64 CPU with RME --
 * a realm's kernel (RSI, from EL1), a hypervisor or the librealm shim
 * kernel module (RMI, from EL2).  An SMC from EL0 is UNDEFINED (the CPU
 * raises an exception and Linux kills the process with SIGILL), so a
 * userspace program cannot use this conduit: it reaches the RMM through
 * the shim's ioctl conduit, KVM, or the mock RMM.
 *
 * Register sets (Arm DEN0028 SMCCC):
 *   - SMCCC 1.1: arguments X1..X7, results X0..X3; X4..X17 may be
 *     clobbered by the callee.
 *   - SMCCC 1.2: arguments X1..X17, results X0..X17.  Needed by the calls
 *     that use more than X0..X3 for results or more than X1..X7 for
 *     arguments: RSI_MEASUREMENT_READ (X1..X8 out),
 *     RSI_MEASUREMENT_EXTEND (X3..X10 in), RSI_ATTESTATION_TOKEN_INIT
 *     (X1..X8 in), RSI_HOST_CALL (SMCCC 1.2 preserves X4..X17 across it)
 *     and RMI_RTT_READ_ENTRY (X1..X4 out).  rlm_smc_needs_smccc_1_2()
 *     decides; the conduit uses the 1.1 path for everything else and then
 *     leaves X4..X17 of the register set as they were on entry.
 *
 * The conduit itself is built only for aarch64 (inline assembly); the
 * register-set decision is portable and tested everywhere.
 */
#ifndef RLM_CONDUIT_SMC_H
#define RLM_CONDUIT_SMC_H

#include <realm/env.h>
#include <realm/conduit.h>

#ifdef __cplusplus
extern "C" {
#endif

/* True if fid must be made with the SMCCC 1.2 register set (X0..X17). */
bool rlm_smc_needs_smccc_1_2(uint64_t fid);

#if defined(__aarch64__)
#define RLM_HAVE_SMC_ARM64 1
/* ops: name "smc-arm64", call = smc #0, no ns_map. */
extern const struct rlm_conduit_ops rlm_smc_arm64_ops;
/* A conduit making real SMCs (EL1/EL2 only; see above). */
void rlm_smc_arm64_conduit(struct rlm_conduit *c);
#endif

#ifdef __cplusplus
}
#endif

#endif /* RLM_CONDUIT_SMC_H */
