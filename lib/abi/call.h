/* SPDX-License-Identifier: BSD-3-Clause */
/* Internal helpers of the typed RMI/RSI calls (lib/abi). */
#ifndef RLM_ABI_CALL_H
#define RLM_ABI_CALL_H

#include <realm/env.h>
#include <realm/abi.h>
#include <realm/conduit.h>
#include <realm/error.h>

static inline bool rlm_conduit_ok_(const struct rlm_conduit *c)
{
	return c && c->ops && c->ops->call;
}

static inline bool rlm_granule_aligned_(uint64_t addr)
{
	return (addr & RLM_GRANULE_MASK) == 0;
}

/* FID in X0, arguments in X1..X5, everything else zero. */
static inline void rlm_regs_set_(struct rlm_smc_regs *r, uint64_t fid,
				 uint64_t a1, uint64_t a2, uint64_t a3,
				 uint64_t a4, uint64_t a5)
{
	rlm_memset(r, 0, sizeof(*r));
	r->x[0] = fid;
	r->x[1] = a1;
	r->x[2] = a2;
	r->x[3] = a3;
	r->x[4] = a4;
	r->x[5] = a5;
}

/* Make the call; 0 if the conduit says the call reached the RMM. */
static inline int rlm_call_raw_(const struct rlm_conduit *c,
				struct rlm_smc_regs *r)
{
	return c->ops->call(c->ctx, r) ? RLM_ECONDUIT : 0;
}

#endif /* RLM_ABI_CALL_H */
