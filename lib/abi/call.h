/* SPDX-License-Identifier: BSD-3-Clause */
/* Internal helpers of the typed RMI/RSI calls (lib/abi). */
#ifndef RLM_ABI_CALL_H
#define RLM_ABI_CALL_H

#include <realm/env.h>
#include <realm/abi.h>
#include <realm/conduit.h>
#include <realm/error.h>
#include "core/bytes.h"

static inline bool rlm_conduit_ok_(const struct rlm_conduit *c)
{
	return c && c->ops && c->ops->call;
}

static inline bool rlm_granule_aligned_(uint64_t addr)
{
	return (addr & RLM_GRANULE_MASK) == 0;
}

/*
 * The one register filler (the typed calls, the trace runner and the tests
 * use it): X0 = x0, X1..X<n> = args[0..n), every other register zero.
 */
static inline void rlm_regs_fill_(struct rlm_smc_regs *r, uint64_t x0,
				  const uint64_t *args, size_t n)
{
	size_t i;

	rlm_memset(r, 0, sizeof(*r));
	r->x[0] = x0;
	for (i = 0; i < n && i + 1 < RLM_SMC_NREGS; i++)
		r->x[i + 1] = args[i];
}

/* rlm_regs_fill_ with X1..X5 written out. */
static inline void rlm_regs_set_(struct rlm_smc_regs *r, uint64_t fid,
				 uint64_t a1, uint64_t a2, uint64_t a3,
				 uint64_t a4, uint64_t a5)
{
	const uint64_t a[5] = { a1, a2, a3, a4, a5 };

	rlm_regs_fill_(r, fid, a, 5);
}

/*
 * Up to 64 bytes (a measurement, a challenge) little-endian into the eight
 * registers x[first..first+7], zero-padded.
 */
static inline void rlm_regs_pack_le_(struct rlm_smc_regs *r, unsigned int first,
				     const uint8_t *bytes, size_t n)
{
	uint8_t buf[RLM_MEASUREMENT_MAX_SIZE];
	unsigned int i;

	rlm_memset(buf, 0, sizeof(buf));
	if (n > sizeof(buf))
		n = sizeof(buf);
	if (n)
		rlm_memcpy(buf, bytes, n);
	for (i = 0; i < RLM_MEASUREMENT_MAX_SIZE / 8; i++)
		r->x[first + i] = rlm_get_le64(buf + 8 * i);
}

/* Make the call; 0 if the conduit says the call reached the RMM. */
static inline int rlm_call_raw_(const struct rlm_conduit *c,
				struct rlm_smc_regs *r)
{
	return c->ops->call(c->ctx, r) ? RLM_ECONDUIT : 0;
}

#endif /* RLM_ABI_CALL_H */
