/* SPDX-License-Identifier: BSD-3-Clause */
/* Test helpers for the mock RMM suites: raw RMI calls and small builders. */
#ifndef RLM_MOCK_FX_H
#define RLM_MOCK_FX_H

#include "test_util.h"

#include <realm/testing.h>
#include <core/bytes.h>
#include <abi/call.h>
#include <rlm_config.h>

struct fx {
	struct rlm_mock *m;
	struct rlm_mock_config cfg;
	struct rlm_smc_regs r; /* registers of the last call */
};

#define FX_OK RLM_RMI_SUCCESS
#define FX_INPUT RLM_RMI_ERROR_INPUT
#define FX_REALM RLM_RMI_ERROR_REALM
#define FX_REC RLM_RMI_ERROR_REC
#define FX_RTT(l) RLM_RMI_RETURN(RLM_RMI_ERROR_RTT, (uint8_t)(int8_t)(l))

static inline uint64_t G(const struct fx *f, uint64_t n)
{
	return f->cfg.pool_base + n * RLM_GRANULE_SIZE;
}

static inline uint64_t NS(const struct fx *f, uint64_t n)
{
	return f->cfg.ns_base + n * RLM_GRANULE_SIZE;
}

static inline void fx_violation_(void *arg, const char *why)
{
	(void)arg;
	fail_msg("mock invariant violated: %s", why);
}

static inline void fx_init_cfg(struct fx *f, const struct rlm_mock_config *cfg)
{
	memset(f, 0, sizeof(*f));
	if (cfg)
		f->cfg = *cfg;
	else
		rlm_mock_config_default(&f->cfg);
	assert_int_equal(rlm_mock_new(&f->cfg, &f->m), 0);
	rlm_mock_set_violation_handler(f->m, fx_violation_, NULL);
}

static inline void fx_init(struct fx *f)
{
	fx_init_cfg(f, NULL);
}

static inline void fx_fini(struct fx *f)
{
	char why[200];

	assert_int_equal(rlm_mock_check(f->m, why, sizeof(why)), 0);
	rlm_mock_free(f->m);
	f->m = NULL;
}

static inline uint64_t fx_call(struct fx *f, uint64_t fid, uint64_t a1, uint64_t a2,
			       uint64_t a3, uint64_t a4, uint64_t a5)
{
	rlm_regs_set_(&f->r, fid, a1, a2, a3, a4, a5);
	rlm_mock_rmi(f->m, &f->r);
	return f->r.x[0];
}

#define CALL0(f, n) fx_call(f, RLM_SMC_RMI_##n, 0, 0, 0, 0, 0)
#define CALL1(f, n, a) fx_call(f, RLM_SMC_RMI_##n, a, 0, 0, 0, 0)
#define CALL2(f, n, a, b) fx_call(f, RLM_SMC_RMI_##n, a, b, 0, 0, 0)
#define CALL3(f, n, a, b, c) fx_call(f, RLM_SMC_RMI_##n, a, b, c, 0, 0)
#define CALL4(f, n, a, b, c, d) fx_call(f, RLM_SMC_RMI_##n, a, b, c, d, 0)
#define CALL5(f, n, a, b, c, d, e) fx_call(f, RLM_SMC_RMI_##n, a, b, c, d, e)

static inline void fx_delegate(struct fx *f, uint64_t pa)
{
	assert_int_equal(CALL1(f, GRANULE_DELEGATE, pa), FX_OK);
}

static inline void fx_delegate_range(struct fx *f, uint64_t first, uint64_t n)
{
	uint64_t i;

	for (i = 0; i < n; i++)
		fx_delegate(f, G(f, first + i));
}

/* Realm parameters with a valid default: s2sz 40, start level 1, 2 roots. */
static inline void fx_params(struct rlm_realm_params *p, uint64_t rtt_base)
{
	memset(p, 0, sizeof(*p));
	p->s2sz = 40;
	p->num_bps = 1;
	p->num_wps = 1;
	p->hash_algo = RLM_RMI_HASH_SHA_256;
	p->vmid = 1;
	p->rtt_base = rtt_base;
	p->rtt_level_start = 1;
	p->rtt_num_start = 2;
}

/* Params page: NS granule 1020 (kept away from the granules tests use). */
#define FX_PARAMS_NS 1020
#define FX_RECPARAMS_NS 1021

static inline uint64_t fx_realm_create_p(struct fx *f, uint64_t rd,
					 const struct rlm_realm_params *p)
{
	uint64_t pa = NS(f, FX_PARAMS_NS);
	uint8_t *page = rlm_mock_ns_ptr(f->m, pa, RLM_GRANULE_SIZE);

	assert_non_null(page);
	assert_int_equal(rlm_pack_realm_params(p, page, RLM_GRANULE_SIZE), 0);
	return CALL2(f, REALM_CREATE, rd, pa);
}

/* Delegate rd and the roots, create a default realm with this VMID. */
static inline void fx_realm(struct fx *f, uint64_t rd_g, uint64_t rtt_g, uint16_t vmid)
{
	struct rlm_realm_params p;

	fx_delegate(f, G(f, rd_g));
	fx_delegate_range(f, rtt_g, 2);
	fx_params(&p, G(f, rtt_g));
	p.vmid = vmid;
	assert_int_equal(fx_realm_create_p(f, G(f, rd_g), &p), FX_OK);
}

static inline uint64_t fx_rec_create_p(struct fx *f, uint64_t rd, uint64_t rec,
				       const struct rlm_rec_params *p)
{
	uint64_t pa = NS(f, FX_RECPARAMS_NS);
	uint8_t *page = rlm_mock_ns_ptr(f->m, pa, RLM_GRANULE_SIZE);

	assert_non_null(page);
	assert_int_equal(rlm_pack_rec_params(p, page, RLM_GRANULE_SIZE), 0);
	return CALL3(f, REC_CREATE, rd, rec, pa);
}

/* REC params with 16 aux granules starting at pool granule aux_g. */
static inline void fx_rec_params(struct fx *f, struct rlm_rec_params *p, uint64_t mpidr,
				 bool runnable, uint64_t aux_g)
{
	unsigned int i;

	memset(p, 0, sizeof(*p));
	p->flags = runnable ? RLM_REC_PARAMS_FLAG_RUNNABLE : 0;
	p->mpidr = mpidr;
	p->num_aux = 16;
	for (i = 0; i < 16; i++)
		p->aux[i] = G(f, aux_g + i);
}

/* Delegate rec and its aux granules and create it. */
static inline void fx_rec(struct fx *f, uint64_t rd_g, uint64_t rec_g, uint64_t mpidr,
			  bool runnable, uint64_t aux_g)
{
	struct rlm_rec_params p;

	fx_delegate(f, G(f, rec_g));
	fx_delegate_range(f, aux_g, 16);
	fx_rec_params(f, &p, mpidr, runnable, aux_g);
	assert_int_equal(fx_rec_create_p(f, G(f, rd_g), G(f, rec_g), &p), FX_OK);
}

static inline void fx_rtt(struct fx *f, uint64_t rd_g, uint64_t rtt_g, uint64_t ipa, int level)
{
	fx_delegate(f, G(f, rtt_g));
	assert_int_equal(CALL4(f, RTT_CREATE, G(f, rd_g), G(f, rtt_g), ipa, (uint64_t)(int64_t)level),
			 FX_OK);
}

/* REC_ENTER with run page NS granule run_ns; returns X0, exit in *ex. */
static inline uint64_t fx_enter(struct fx *f, uint64_t rec, uint64_t run_ns,
				struct rlm_rec_exit *ex)
{
	uint64_t ret = CALL2(f, REC_ENTER, rec, NS(f, run_ns));

	if (ex) {
		uint8_t *page = rlm_mock_ns_ptr(f->m, NS(f, run_ns), RLM_GRANULE_SIZE);

		assert_non_null(page);
		assert_int_equal(rlm_unpack_rec_exit(ex, page + RLM_REC_RUN_EXIT_OFF,
						     RLM_REC_EXIT_SIZE), 0);
	}
	return ret;
}

static inline void fx_enter_flags(struct fx *f, uint64_t run_ns, uint64_t flags)
{
	uint8_t *page = rlm_mock_ns_ptr(f->m, NS(f, run_ns), RLM_GRANULE_SIZE);

	assert_non_null(page);
	rlm_put_le64(page + RLM_REC_ENTER_FLAGS_OFF, flags);
}

static inline void fx_queue(struct fx *f, uint64_t rec, uint64_t fid, uint64_t a1,
			    uint64_t a2, uint64_t a3, uint64_t a4)
{
	struct rlm_smc_regs c;

	rlm_regs_set_(&c, fid, a1, a2, a3, a4, 0);
	assert_int_equal(rlm_mock_realm_queue(f->m, rec, &c), 0);
}

static inline void fx_last(struct fx *f, uint64_t rec, struct rlm_smc_regs *res)
{
	assert_int_equal(rlm_mock_realm_last_result(f->m, rec, res), 0);
}

static inline void fx_check(struct fx *f)
{
	char why[200];
	int r = rlm_mock_check(f->m, why, sizeof(why));

	if (r)
		fail_msg("invariant: %s", why);
}

#endif /* RLM_MOCK_FX_H */
