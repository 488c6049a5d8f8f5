/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers over the recording conduit for the typed-call suites. */
#ifndef RLM_TEST_REC_UTIL_H
#define RLM_TEST_REC_UTIL_H

#include "test_util.h"

#include <realm/testing.h>

#define RU_LOG 64
#define RU_SCRIPT 64

struct ru {
	struct rlm_record rec;
	struct rlm_record_call log[RU_LOG];
	struct rlm_smc_regs script[RU_SCRIPT];
	size_t nscript;
	struct rlm_conduit c;
};

static struct ru ru_;

/* Fresh recorder with an empty script. */
static inline struct rlm_conduit *ru_reset(void)
{
	memset(&ru_, 0, sizeof(ru_));
	rlm_record_init(&ru_.rec, ru_.log, RU_LOG);
	rlm_record_script(&ru_.rec, ru_.script, 0);
	rlm_record_conduit(&ru_.rec, &ru_.c);
	return &ru_.c;
}

/* Back to answering from the (now empty) script, keeping log and NS window. */
static inline void ru_script_restart(void)
{
	ru_.nscript = 0;
	rlm_record_script(&ru_.rec, ru_.script, 0);
}

/* Append one answer: x0..x4 as given, x5..x17 recognisable junk. */
static inline void ru_answer(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3,
			     uint64_t x4)
{
	struct rlm_smc_regs *r;
	unsigned int i;

	assert_true(ru_.nscript < RU_SCRIPT);
	r = &ru_.script[ru_.nscript++];
	for (i = 0; i < RLM_SMC_NREGS; i++)
		r->x[i] = 0xdead000000000000ULL | i;
	r->x[0] = x0;
	r->x[1] = x1;
	r->x[2] = x2;
	r->x[3] = x3;
	r->x[4] = x4;
	/* keep the position: re-arm with the longer script */
	ru_.rec.script_len = ru_.nscript;
}

/* Append one answer with all 18 registers given. */
static inline void ru_answer_regs(const uint64_t x[RLM_SMC_NREGS])
{
	assert_true(ru_.nscript < RU_SCRIPT);
	memcpy(ru_.script[ru_.nscript++].x, x, sizeof(uint64_t) * RLM_SMC_NREGS);
	ru_.rec.script_len = ru_.nscript;
}

static inline size_t ru_count(void)
{
	return rlm_record_count(&ru_.rec);
}

static inline const struct rlm_smc_regs *ru_in(size_t i)
{
	const struct rlm_record_call *call = rlm_record_get(&ru_.rec, i);

	assert_non_null(call);
	return &call->in;
}

/*
 * Call i went in with FID fid, X1..Xn = args, and every other register
 * zero (so an argument in the wrong register is caught).
 */
static inline void ru_check_in(size_t i, uint64_t fid, const uint64_t *args,
			       size_t n)
{
	const struct rlm_smc_regs *in = ru_in(i);
	size_t k;

	if (in->x[0] != fid)
		fail_msg("call %zu: FID 0x%llx, expected 0x%llx", i,
			 (unsigned long long)in->x[0], (unsigned long long)fid);
	for (k = 1; k < RLM_SMC_NREGS; k++) {
		uint64_t want = k <= n ? args[k - 1] : 0;

		if (in->x[k] != want)
			fail_msg("call %zu: X%zu = 0x%llx, expected 0x%llx", i, k,
				 (unsigned long long)in->x[k],
				 (unsigned long long)want);
	}
}

#define RU_ARGS(...) (const uint64_t[]){ __VA_ARGS__ }, \
	sizeof((const uint64_t[]){ __VA_ARGS__ }) / sizeof(uint64_t)

/* A callback conduit answering SMCCC NOT_SUPPORTED to everything. */
static inline int ru_not_supported(void *arg, size_t index, struct rlm_smc_regs *r)
{
	(void)arg;
	(void)index;
	r->x[0] = RLM_SMCCC_NOT_SUPPORTED;
	return 0;
}

/* A callback conduit whose transport fails. */
static inline int ru_transport_fails(void *arg, size_t index, struct rlm_smc_regs *r)
{
	(void)arg;
	(void)index;
	(void)r;
	return RLM_EIO;
}

#endif /* RLM_TEST_REC_UTIL_H */
