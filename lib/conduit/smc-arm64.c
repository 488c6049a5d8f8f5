/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The arm64 SMC conduit: `smc #0` (see realm/conduit-smc.h for who may
 * use it -- EL1/EL2 only; EL0 gets SIGILL).  Built only for aarch64.
 *
 * Register use follows Arm DEN0028 (SMCCC): the 1.1 path passes X0..X7 and
 * reads back X0..X3, treating X4..X17 as clobbered; the 1.2 path passes and
 * reads back X0..X17.  X18 (platform register) and above are untouched.
 */
#include <realm/conduit-smc.h>
#include <realm/error.h>

#if !defined(__aarch64__)
#error "smc-arm64.c is built for aarch64 only"
#endif

#define RLM_REG_(n, r) register uint64_t x##n __asm__("x" #n) = (r)->x[n]

static void smc_1_1_(struct rlm_smc_regs *r)
{
	RLM_REG_(0, r);
	RLM_REG_(1, r);
	RLM_REG_(2, r);
	RLM_REG_(3, r);
	RLM_REG_(4, r);
	RLM_REG_(5, r);
	RLM_REG_(6, r);
	RLM_REG_(7, r);

	__asm__ volatile("smc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4),
			   "+r"(x5), "+r"(x6), "+r"(x7)
			 :
			 : "x8", "x9", "x10", "x11", "x12", "x13", "x14",
			   "x15", "x16", "x17", "memory");
	r->x[0] = x0;
	r->x[1] = x1;
	r->x[2] = x2;
	r->x[3] = x3;
}

static void smc_1_2_(struct rlm_smc_regs *r)
{
	RLM_REG_(0, r);
	RLM_REG_(1, r);
	RLM_REG_(2, r);
	RLM_REG_(3, r);
	RLM_REG_(4, r);
	RLM_REG_(5, r);
	RLM_REG_(6, r);
	RLM_REG_(7, r);
	RLM_REG_(8, r);
	RLM_REG_(9, r);
	RLM_REG_(10, r);
	RLM_REG_(11, r);
	RLM_REG_(12, r);
	RLM_REG_(13, r);
	RLM_REG_(14, r);
	RLM_REG_(15, r);
	RLM_REG_(16, r);
	RLM_REG_(17, r);

	__asm__ volatile("smc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4),
			   "+r"(x5), "+r"(x6), "+r"(x7), "+r"(x8), "+r"(x9),
			   "+r"(x10), "+r"(x11), "+r"(x12), "+r"(x13),
			   "+r"(x14), "+r"(x15), "+r"(x16), "+r"(x17)
			 :
			 : "memory");
	r->x[0] = x0;
	r->x[1] = x1;
	r->x[2] = x2;
	r->x[3] = x3;
	r->x[4] = x4;
	r->x[5] = x5;
	r->x[6] = x6;
	r->x[7] = x7;
	r->x[8] = x8;
	r->x[9] = x9;
	r->x[10] = x10;
	r->x[11] = x11;
	r->x[12] = x12;
	r->x[13] = x13;
	r->x[14] = x14;
	r->x[15] = x15;
	r->x[16] = x16;
	r->x[17] = x17;
}

static int smc_call_(void *ctx, struct rlm_smc_regs *regs)
{
	(void)ctx;
	if (!regs)
		return RLM_EINVAL;
	if (rlm_smc_needs_smccc_1_2(regs->x[0]))
		smc_1_2_(regs);
	else
		smc_1_1_(regs);
	return 0;
}

const struct rlm_conduit_ops rlm_smc_arm64_ops = {
	.name = "smc-arm64",
	.call = smc_call_,
	.ns_map = NULL,
};

void rlm_smc_arm64_conduit(struct rlm_conduit *c)
{
	if (!c)
		return;
	c->ops = &rlm_smc_arm64_ops;
	c->ctx = NULL;
}
