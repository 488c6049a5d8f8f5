/* SPDX-License-Identifier: BSD-3-Clause */
#include <realm/conduit.h>
#include <realm/error.h>

int rlm_conduit_call(const struct rlm_conduit *c, struct rlm_smc_regs *regs)
{
	if (!c || !c->ops || !c->ops->call || !regs)
		return RLM_EINVAL;
	return c->ops->call(c->ctx, regs);
}

void *rlm_conduit_ns_map(const struct rlm_conduit *c, uint64_t pa, size_t len)
{
	if (!c || !c->ops || !c->ops->ns_map)
		return NULL;
	return c->ops->ns_map(c->ctx, pa, len);
}
