/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The conduit: how an RMI or RSI call reaches an RMM.  A conduit is a small
 * table of function pointers plus a context, so a backend (arm64 SMC, the
 * mock RMM, the shim's ioctl, KVM, a test's recorder) lives in its own source
 * file and tests can substitute any of them.
 *
 * Register convention (SMCCC 1.2): on entry x[0] is the FID and x[1..17]
 * the arguments; on return x[0..17] hold the results.  A conduit must leave
 * result registers the RMM does not define as they were on entry or zero.
 */
#ifndef RLM_CONDUIT_H
#define RLM_CONDUIT_H

#include <realm/env.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RLM_SMC_NREGS 18

struct rlm_smc_regs {
	uint64_t x[RLM_SMC_NREGS];
};

struct rlm_conduit_ops {
	const char *name;
	/*
	 * Make one call.  Returns 0 when the call reached the RMM (whatever
	 * status the RMM gave back in x[0]), or a negative RLM_E* code when
	 * the transport failed and the registers are meaningless.
	 */
	int (*call)(void *ctx, struct rlm_smc_regs *regs);
	/*
	 * Optional: map a host (non-secure) physical address for the CPU, so
	 * library code that prepares parameter pages (REALM_CREATE params,
	 * REC_CREATE params, REC run pages) can write them.  NULL when the
	 * conduit has no such view (then callers pass their own PAs).
	 */
	void *(*ns_map)(void *ctx, uint64_t pa, size_t len);
};

struct rlm_conduit {
	const struct rlm_conduit_ops *ops;
	void *ctx;
};

/* Make one raw call through a conduit (checks the conduit, not the call). */
int rlm_conduit_call(const struct rlm_conduit *c, struct rlm_smc_regs *regs);

/* Map host memory through the conduit, or NULL if it cannot. */
void *rlm_conduit_ns_map(const struct rlm_conduit *c, uint64_t pa, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* RLM_CONDUIT_H */
