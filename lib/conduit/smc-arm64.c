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

/* Meson builds this file only for aarch64; elsewhere (static analysers
 * scanning lib/) it is empty. */
#if defined(__aarch64__)

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

/*
 * 18 in/out registers exceed GCC's 30 asm operands, so this path loads and
 * stores them itself.  The pointer lives in a register the compiler picks
 * outside x0..x17 (they are clobbered), i.e. one of x18..x30, which SMCCC
 * preserves across the call.
 */
static void smc_1_2_(struct rlm_smc_regs *r)
{
	RLM_STATIC_ASSERT(sizeof(r->x[0]) == 8 && RLM_SMC_NREGS == 18,
			  "the offsets below");
	__asm__ volatile("ldp x0, x1, [%0, #0]\n\t"
			 "ldp x2, x3, [%0, #16]\n\t"
			 "ldp x4, x5, [%0, #32]\n\t"
			 "ldp x6, x7, [%0, #48]\n\t"
			 "ldp x8, x9, [%0, #64]\n\t"
			 "ldp x10, x11, [%0, #80]\n\t"
			 "ldp x12, x13, [%0, #96]\n\t"
			 "ldp x14, x15, [%0, #112]\n\t"
			 "ldp x16, x17, [%0, #128]\n\t"
			 "smc #0\n\t"
			 "stp x0, x1, [%0, #0]\n\t"
			 "stp x2, x3, [%0, #16]\n\t"
			 "stp x4, x5, [%0, #32]\n\t"
			 "stp x6, x7, [%0, #48]\n\t"
			 "stp x8, x9, [%0, #64]\n\t"
			 "stp x10, x11, [%0, #80]\n\t"
			 "stp x12, x13, [%0, #96]\n\t"
			 "stp x14, x15, [%0, #112]\n\t"
			 "stp x16, x17, [%0, #128]"
			 :
			 : "r"(r)
			 : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8",
			   "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16",
			   "x17", "memory");
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

#else
typedef int rlm_smc_arm64_not_this_cpu_; /* ISO C: no empty translation unit */
#endif /* __aarch64__ */
