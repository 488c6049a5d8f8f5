/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Arm RMM compliance suite's RMI conditions (tests/vectors/
 * rmm-acs-1.0/CHECKLIST.md), row by row, against the mock.  Every row runs
 * in a fresh "world": three realms (A NEW, B ACTIVE, C SYSTEM_OFF) with
 * granules in every state, RTTs, data, NS mappings, RECs with a pending
 * RIPAS request and a pending PSCI request.  A row overrides one or two
 * arguments of a call that would otherwise succeed (or uses a scenario
 * function) and states the answer of the reference RMM, TF-RMM
 * rmm-spec-v1.0-rel0 (checked against its fake_host build).  Rows the
 * model cannot express are listed with the reason.
 */
#include "mock_fx.h"

/* World layout (pool granule numbers). */
enum {
	A_RD = 0, A_ROOT = 1, A_L1 = 2, A_L2 = 3, A_L3 = 4, A_DATA = 5, A_REC = 6,
	A_NSL2 = 7, A_NSL3 = 8, SPARE1 = 9, UNDEL = 10, SPARE2 = 11, SPARE3 = 12,
	A_NSL1 = 13,
	B_RD = 20, B_ROOT = 21, B_L2 = 26, B_L3 = 27, B_REC0 = 23, B_REC1 = 24,
	B_REC2 = 25, B_REC3 = 28, B_REC4 = 29,
	C_RD = 30, C_ROOT = 31, C_REC = 33,
	AUX = 100,     /* 7 RECs x 16 aux: 100..211 */
	SPARE_AUX = 300 /* 16 delegated spare aux granules */
};

#define A_NS_BASE UINT64_C(0x10000000000) /* s2sz 41: unprotected half */
#define RUN_NS 2
#define RUN_MMIO_NS 3
#define RUN_BADGIC_NS 4
#define SRC_NS 1
#define NSMAP_NS 5

static void world(struct fx *w)
{
	struct rlm_realm_params p;
	struct rlm_rec_exit ex;
	uint8_t *pg;
	unsigned int aux = AUX;

	fx_init(w);
	/* Realm A: NEW, s2sz 41 at start level 0 (one root) */
	fx_delegate(w, G(w, A_RD));
	fx_delegate(w, G(w, A_ROOT));
	fx_params(&p, G(w, A_ROOT));
	p.s2sz = 41;
	p.rtt_level_start = 0;
	p.rtt_num_start = 1;
	p.vmid = 1;
	assert_int_equal(fx_realm_create_p(w, G(w, A_RD), &p), FX_OK);
	fx_rtt(w, A_RD, A_L1, 0, 1);
	fx_rtt(w, A_RD, A_L2, 0, 2);
	fx_rtt(w, A_RD, A_L3, 0, 3);
	assert_int_equal(CALL3(w, RTT_INIT_RIPAS, G(w, A_RD), 0, 0x4000), FX_OK);
	pg = rlm_mock_ns_ptr(w->m, NS(w, SRC_NS), RLM_GRANULE_SIZE);
	memset(pg, 0x5a, RLM_GRANULE_SIZE);
	fx_delegate(w, G(w, A_DATA));
	assert_int_equal(CALL5(w, DATA_CREATE, G(w, A_RD), G(w, A_DATA), 0x1000,
			       NS(w, SRC_NS), 1), FX_OK);
	fx_rec(w, A_RD, A_REC, 0, true, aux);
	aux += 16;
	fx_rtt(w, A_RD, A_NSL1, A_NS_BASE, 1);
	fx_rtt(w, A_RD, A_NSL2, A_NS_BASE, 2);
	fx_rtt(w, A_RD, A_NSL3, A_NS_BASE, 3);
	assert_int_equal(CALL4(w, RTT_MAP_UNPROTECTED, G(w, A_RD), A_NS_BASE, 3,
			       NS(w, NSMAP_NS) | 0xd8), FX_OK);
	assert_int_equal(CALL4(w, RTT_MAP_UNPROTECTED, G(w, A_RD), A_NS_BASE + 0x200000, 2,
			       NS(w, 512) | 0xd8), FX_OK);
	fx_delegate(w, G(w, SPARE1));
	fx_delegate(w, G(w, SPARE2));
	fx_delegate(w, G(w, SPARE3));
	fx_delegate_range(w, SPARE_AUX, 16);

	/* Realm B: ACTIVE, default geometry, five RECs */
	fx_realm(w, B_RD, B_ROOT, 2);
	fx_rtt(w, B_RD, B_L2, 0, 2);
	fx_rtt(w, B_RD, B_L3, 0, 3);
	fx_rec(w, B_RD, B_REC0, 0, true, aux);
	aux += 16;
	fx_rec(w, B_RD, B_REC1, 1, false, aux);
	aux += 16;
	fx_rec(w, B_RD, B_REC2, 2, true, aux);
	aux += 16;
	fx_rec(w, B_RD, B_REC3, 3, true, aux);
	aux += 16;
	fx_rec(w, B_RD, B_REC4, 4, true, aux);
	aux += 16;
	assert_int_equal(CALL1(w, REALM_ACTIVATE, G(w, B_RD)), FX_OK);
	/* REC2 asks to start REC1: PSCI pending */
	fx_queue(w, G(w, B_REC2), RLM_PSCI_CPU_ON_AARCH64, 1, 0x1000, 0, 0);
	assert_int_equal(fx_enter(w, G(w, B_REC2), RUN_NS, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_PSCI);
	/* RIPAS requests: REC0 [0x1000,0x3000) RAM, REC3 [0x201000,0x203000),
	 * REC4 [0x400000,0x401000) */
	fx_queue(w, G(w, B_REC0), RLM_SMC_RSI_IPA_STATE_SET, 0x1000, 0x3000, RLM_RIPAS_RAM, 0);
	assert_int_equal(fx_enter(w, G(w, B_REC0), RUN_NS, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_RIPAS_CHANGE);
	fx_queue(w, G(w, B_REC3), RLM_SMC_RSI_IPA_STATE_SET, 0x201000, 0x203000, RLM_RIPAS_RAM, 0);
	assert_int_equal(fx_enter(w, G(w, B_REC3), RUN_NS, NULL), FX_OK);
	fx_queue(w, G(w, B_REC4), RLM_SMC_RSI_IPA_STATE_SET, 0x400000, 0x401000, RLM_RIPAS_RAM, 0);
	assert_int_equal(fx_enter(w, G(w, B_REC4), RUN_NS, NULL), FX_OK);

	/* Realm C: SYSTEM_OFF */
	fx_realm(w, C_RD, C_ROOT, 3);
	fx_rec(w, C_RD, C_REC, 0, true, aux);
	assert_int_equal(CALL1(w, REALM_ACTIVATE, G(w, C_RD)), FX_OK);
	fx_queue(w, G(w, C_REC), RLM_PSCI_SYSTEM_OFF, 0, 0, 0, 0);
	assert_int_equal(fx_enter(w, G(w, C_REC), RUN_NS, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_PSCI);

	/* Run pages: EMULATED_MMIO flag; invalid GICv3 HCR (EN is not the host's) */
	fx_enter_flags(w, RUN_MMIO_NS, RLM_REC_ENTER_FLAG_EMULATED_MMIO);
	pg = rlm_mock_ns_ptr(w->m, NS(w, RUN_BADGIC_NS), RLM_GRANULE_SIZE);
	rlm_put_le64(pg + RLM_REC_ENTER_GICV3_HCR_OFF, 1);
	fx_check(w);
}

/* Symbolic argument values resolved against the world. */
#define SYM_G 0xA1u
#define SYM_NS 0xA2u
#define AG(n) (((uint64_t)SYM_G << 56) | (uint64_t)(n))
#define AGO(n, off) (AG(n) | ((uint64_t)(off) << 32))
#define ANS(n) (((uint64_t)SYM_NS << 56) | (uint64_t)(n))
#define ANSO(n, off) (ANS(n) | ((uint64_t)(off) << 32))
#define OUTPA (UINT64_C(1) << 48)         /* beyond the PA width */
#define UNTRACKED UINT64_C(0x80000000)    /* host memory the RMM does not track */

static uint64_t res_(const struct fx *w, uint64_t v)
{
	unsigned int tag = (unsigned int)(v >> 56);
	uint64_t n = v & 0xffffffff, off = (v >> 32) & 0xffffff;

	if (tag == SYM_G)
		return G(w, n) + off;
	if (tag == SYM_NS)
		return NS(w, n) + off;
	return v;
}

struct row {
	const char *file, *label;
	uint64_t fid;
	unsigned int s1;  /* argument slot overridden (1..5), 0 none */
	uint64_t v1;
	unsigned int s2;
	uint64_t v2;
	uint64_t expect;
	uint64_t (*scenario)(struct fx *w); /* instead of fid/slots */
	const char *na;   /* not expressible in the model: why */
};

/* A call that succeeds in the world, per command. */
static void defaults_(const struct fx *w, uint64_t fid, uint64_t *a)
{
	memset(a, 0, 6 * sizeof(*a));
	switch (fid) {
	case RLM_SMC_RMI_DATA_CREATE:
		a[1] = AG(A_RD); a[2] = AG(SPARE1); a[3] = 0x2000; a[4] = ANS(SRC_NS); a[5] = 0;
		break;
	case RLM_SMC_RMI_DATA_CREATE_UNKNOWN:
		a[1] = AG(A_RD); a[2] = AG(SPARE1); a[3] = 0x2000;
		break;
	case RLM_SMC_RMI_DATA_DESTROY:
		a[1] = AG(A_RD); a[2] = 0x1000;
		break;
	case RLM_SMC_RMI_GRANULE_DELEGATE:
		a[1] = AG(UNDEL);
		break;
	case RLM_SMC_RMI_GRANULE_UNDELEGATE:
		a[1] = AG(SPARE1);
		break;
	case RLM_SMC_RMI_PSCI_COMPLETE:
		a[1] = AG(B_REC2); a[2] = AG(B_REC1); a[3] = 0;
		break;
	case RLM_SMC_RMI_REALM_ACTIVATE:
	case RLM_SMC_RMI_REALM_DESTROY:
	case RLM_SMC_RMI_REC_AUX_COUNT:
		a[1] = AG(A_RD);
		break;
	case RLM_SMC_RMI_REC_DESTROY:
		a[1] = AG(A_REC);
		break;
	case RLM_SMC_RMI_REC_ENTER:
		a[1] = AG(B_REC0); a[2] = ANS(RUN_NS);
		break;
	case RLM_SMC_RMI_RTT_CREATE:
		a[1] = AG(A_RD); a[2] = AG(SPARE1); a[3] = 0x200000; a[4] = 3;
		break;
	case RLM_SMC_RMI_RTT_DESTROY:
	case RLM_SMC_RMI_RTT_FOLD:
		a[1] = AG(A_RD); a[2] = 0; a[3] = 3;
		break;
	case RLM_SMC_RMI_RTT_INIT_RIPAS:
		a[1] = AG(A_RD); a[2] = 0x4000; a[3] = 0x8000;
		break;
	case RLM_SMC_RMI_RTT_MAP_UNPROTECTED:
		a[1] = AG(A_RD); a[2] = A_NS_BASE + 0x1000; a[3] = 3; a[4] = ANSO(6, 0xd8);
		break;
	case RLM_SMC_RMI_RTT_READ_ENTRY:
		a[1] = AG(A_RD); a[2] = 0x1000; a[3] = 3;
		break;
	case RLM_SMC_RMI_RTT_SET_RIPAS:
		a[1] = AG(B_RD); a[2] = AG(B_REC0); a[3] = 0x1000; a[4] = 0x3000;
		break;
	case RLM_SMC_RMI_RTT_UNMAP_UNPROTECTED:
		a[1] = AG(A_RD); a[2] = A_NS_BASE; a[3] = 3;
		break;
	default:
		fail_msg("no defaults for fid %llx", (unsigned long long)fid);
	}
	(void)w;
}

static uint64_t run_row_(struct fx *w, const struct row *r)
{
	uint64_t a[6];
	unsigned int i;

	if (r->scenario)
		return r->scenario(w);
	defaults_(w, r->fid, a);
	if (r->s1)
		a[r->s1] = r->v1;
	if (r->s2)
		a[r->s2] = r->v2;
	for (i = 1; i < 6; i++)
		a[i] = res_(w, a[i]);
	return fx_call(w, r->fid, a[1], a[2], a[3], a[4], a[5]);
}

/* ---- scenarios: REALM_CREATE and REC_CREATE (parameter pages) ----------- */

static uint64_t realm_create_with_(struct fx *w, uint64_t rd, uint64_t params_pa,
				   void (*mut)(struct fx *, struct rlm_realm_params *))
{
	struct rlm_realm_params p;
	uint8_t *pg = rlm_mock_ns_ptr(w->m, NS(w, FX_PARAMS_NS), RLM_GRANULE_SIZE);

	fx_params(&p, G(w, SPARE2));
	p.vmid = 9;
	if (mut)
		mut(w, &p);
	rlm_pack_realm_params(&p, pg, RLM_GRANULE_SIZE);
	return CALL2(w, REALM_CREATE, rd, params_pa);
}

#define RC_SCEN(name, rdexpr, paramsexpr, body)                                   \
	static void name##_mut(struct fx *w, struct rlm_realm_params *p)           \
	{                                                                          \
		(void)w; (void)p;                                                  \
		body;                                                              \
	}                                                                          \
	static uint64_t name(struct fx *w)                                         \
	{                                                                          \
		return realm_create_with_(w, rdexpr, paramsexpr, name##_mut);      \
	}

#define RD9 G(w, SPARE1)
#define PNS NS(w, FX_PARAMS_NS)
RC_SCEN(rc_ok, RD9, PNS, )
RC_SCEN(rc_params_unaligned, RD9, PNS + 0x10, )
RC_SCEN(rc_params_outside, RD9, OUTPA, )
RC_SCEN(rc_params_untracked, RD9, UNTRACKED, )
RC_SCEN(rc_params_realm_pas, RD9, G(w, SPARE3), )
RC_SCEN(rc_hash_invalid, RD9, PNS, p->hash_algo = 2)
RC_SCEN(rc_s2sz_invalid, RD9, PNS, p->s2sz = 60)
RC_SCEN(rc_sve_unsupported, RD9, PNS, p->flags |= RLM_RMI_REALM_PARAM_FLAG_SVE)
RC_SCEN(rc_bps, RD9, PNS, p->num_bps = 2)
RC_SCEN(rc_wps, RD9, PNS, p->num_wps = 2)
RC_SCEN(rc_alias, G(w, SPARE2), PNS, )
RC_SCEN(rc_rd_unaligned, RD9 + 0x10, PNS, )
RC_SCEN(rc_rd_outside, OUTPA, PNS, )
RC_SCEN(rc_rd_undel, G(w, UNDEL), PNS, )
RC_SCEN(rc_rd_rd, G(w, A_RD), PNS, )
RC_SCEN(rc_rd_rec, G(w, A_REC), PNS, )
RC_SCEN(rc_rd_rtt, G(w, A_L2), PNS, )
RC_SCEN(rc_rd_data, G(w, A_DATA), PNS, )
RC_SCEN(rc_rtt_unaligned, RD9, PNS, p->rtt_base += 0x10)
RC_SCEN(rc_rtt_start_invalid, RD9, PNS, p->rtt_level_start = 0)
RC_SCEN(rc_rtt_undel, RD9, PNS, p->rtt_base = G(w, UNDEL))
RC_SCEN(rc_vmid_invalid, RD9, PNS, p->vmid = 256)
RC_SCEN(rc_vmid_used, RD9, PNS, p->vmid = 1)
/* compare: parameter checks come before the RD/RTT granule checks */
RC_SCEN(rc_cmp_hash_rd, G(w, UNDEL), PNS, p->hash_algo = 7)
RC_SCEN(rc_cmp_vmid_alias, G(w, SPARE2), PNS, p->vmid = 1)

static uint64_t rc_lpa2_unsupported(struct fx *w)
{
	struct rlm_realm_params p;
	uint8_t *pg = rlm_mock_ns_ptr(w->m, NS(w, FX_PARAMS_NS), RLM_GRANULE_SIZE);
	struct fx w2;
	uint64_t ret;

	/* a fresh mock whose feature register has no LPA2 */
	fx_init(&w2);
	assert_int_equal(rlm_mock_set_features(w2.m, w2.cfg.feat_reg0 &
					       ~RLM_RMI_FEATURE_REGISTER_0_LPA2), 0);
	fx_delegate(&w2, G(&w2, 0));
	fx_delegate_range(&w2, 1, 1);
	fx_params(&p, G(&w2, 1));
	p.flags = RLM_RMI_REALM_PARAM_FLAG_LPA2;
	p.s2sz = 40;
	p.rtt_level_start = 0;
	p.rtt_num_start = 1;
	ret = fx_realm_create_p(&w2, G(&w2, 0), &p);
	fx_fini(&w2);
	(void)pg;
	return ret;
}

static uint64_t rc_pmu_unsupported(struct fx *w)
{
	struct fx w2;
	struct rlm_realm_params p;
	uint64_t ret;

	fx_init(&w2);
	assert_int_equal(rlm_mock_set_features(w2.m, w2.cfg.feat_reg0 &
		~(RLM_RMI_FEATURE_REGISTER_0_PMU_EN | RLM_RMI_FEATURE_REGISTER_0_PMU_NUM_CTRS)), 0);
	fx_delegate(&w2, G(&w2, 0));
	fx_delegate_range(&w2, 1, 2);
	fx_params(&p, G(&w2, 1));
	p.flags = RLM_RMI_REALM_PARAM_FLAG_PMU;
	p.pmu_num_ctrs = 1;
	ret = fx_realm_create_p(&w2, G(&w2, 0), &p);
	fx_fini(&w2);
	(void)w;
	return ret;
}

static uint64_t rc_hash_unsupported(struct fx *w)
{
	struct fx w2;
	struct rlm_realm_params p;
	uint64_t ret;

	fx_init(&w2);
	assert_int_equal(rlm_mock_set_features(w2.m, w2.cfg.feat_reg0 &
					       ~RLM_RMI_FEATURE_REGISTER_0_HASH_SHA_512), 0);
	fx_delegate(&w2, G(&w2, 0));
	fx_delegate_range(&w2, 1, 2);
	fx_params(&p, G(&w2, 1));
	p.hash_algo = RLM_RMI_HASH_SHA_512;
	ret = fx_realm_create_p(&w2, G(&w2, 0), &p);
	fx_fini(&w2);
	(void)w;
	return ret;
}

static uint64_t rec_create_with_(struct fx *w, uint64_t rd, uint64_t rec, uint64_t params_pa,
				 void (*mut)(struct fx *, struct rlm_rec_params *))
{
	struct rlm_rec_params p;
	uint8_t *pg = rlm_mock_ns_ptr(w->m, NS(w, FX_RECPARAMS_NS), RLM_GRANULE_SIZE);

	fx_rec_params(w, &p, 1, true, SPARE_AUX);
	if (mut)
		mut(w, &p);
	rlm_pack_rec_params(&p, pg, RLM_GRANULE_SIZE);
	return CALL3(w, REC_CREATE, rd, rec, params_pa);
}

#define RE_SCEN(name, rdexpr, recexpr, paramsexpr, body)                          \
	static void name##_mut(struct fx *w, struct rlm_rec_params *p)             \
	{                                                                          \
		(void)w; (void)p;                                                  \
		body;                                                              \
	}                                                                          \
	static uint64_t name(struct fx *w)                                         \
	{                                                                          \
		return rec_create_with_(w, rdexpr, recexpr, paramsexpr, name##_mut); \
	}

#define ARD G(w, A_RD)
#define REC9 G(w, SPARE1)
#define RNS NS(w, FX_RECPARAMS_NS)
RE_SCEN(re_ok, ARD, REC9, RNS, )
RE_SCEN(re_params_unaligned, ARD, REC9, RNS + 0x10, )
RE_SCEN(re_params_outside, ARD, REC9, OUTPA, )
RE_SCEN(re_params_realm_pas, ARD, REC9, G(w, SPARE3), )
RE_SCEN(re_rec_unaligned, ARD, REC9 + 0x10, RNS, )
RE_SCEN(re_rec_outside, ARD, OUTPA, RNS, )
RE_SCEN(re_rec_undel, ARD, G(w, UNDEL), RNS, )
RE_SCEN(re_rec_rd, ARD, G(w, B_RD), RNS, )
RE_SCEN(re_rec_rec, ARD, G(w, A_REC), RNS, )
RE_SCEN(re_rec_rtt, ARD, G(w, A_L2), RNS, )
RE_SCEN(re_rec_data, ARD, G(w, A_DATA), RNS, )
RE_SCEN(re_rd_unaligned, ARD + 0x10, REC9, RNS, )
RE_SCEN(re_rd_outside, OUTPA, REC9, RNS, )
RE_SCEN(re_rd_undel, G(w, UNDEL), REC9, RNS, )
RE_SCEN(re_rd_deleg, G(w, SPARE2), REC9, RNS, )
RE_SCEN(re_rd_rec, G(w, A_REC), REC9, RNS, )
RE_SCEN(re_rd_rtt, G(w, A_L2), REC9, RNS, )
RE_SCEN(re_rd_data, G(w, A_DATA), REC9, RNS, )
RE_SCEN(re_realm_active, G(w, B_RD), REC9, RNS, )
RE_SCEN(re_realm_off, G(w, C_RD), REC9, RNS, )
RE_SCEN(re_mpidr_skipped, ARD, REC9, RNS, p->mpidr = 2)
RE_SCEN(re_mpidr_invalid, ARD, REC9, RNS, p->mpidr = 0x10)
RE_SCEN(re_num_aux, ARD, REC9, RNS, p->num_aux = 15)
RE_SCEN(re_num_aux_over, ARD, REC9, RNS, p->num_aux = 17)
RE_SCEN(re_aux_unaligned, ARD, REC9, RNS, p->aux[0] += 0x10)
RE_SCEN(re_aux_aliased, ARD, REC9, RNS, p->aux[1] = p->aux[0])
RE_SCEN(re_aux_rec, ARD, REC9, RNS, p->aux[5] = REC9)
RE_SCEN(re_aux_undel, ARD, REC9, RNS, p->aux[3] = G(w, UNDEL))
RE_SCEN(re_aux_rd, ARD, REC9, RNS, p->aux[3] = G(w, A_RD))
RE_SCEN(re_aux_recstate, ARD, REC9, RNS, p->aux[3] = G(w, A_REC))
RE_SCEN(re_aux_rtt, ARD, REC9, RNS, p->aux[3] = G(w, A_L2))
RE_SCEN(re_aux_data, ARD, REC9, RNS, p->aux[15] = G(w, A_DATA))
/* compare rows (TF-RMM order): aux before rec/rd, realm state before mpidr */
RE_SCEN(re_cmp_realm_mpidr, G(w, B_RD), REC9, RNS, p->mpidr = 7)
RE_SCEN(re_cmp_mpidr_aux_count, ARD, REC9, RNS, p->mpidr = 5; p->num_aux = 16)
RE_SCEN(re_cmp_aux_realm, G(w, B_RD), REC9, RNS, p->aux[0] = G(w, UNDEL))

/* After a failed REC_CREATE every aux granule is DELEGATED again. */
static uint64_t re_aux_rollback(struct fx *w)
{
	uint64_t r = re_aux_data(w);
	unsigned int i;

	for (i = 0; i < 16; i++)
		assert_int_equal(CALL1(w, GRANULE_UNDELEGATE, G(w, SPARE_AUX + i)), FX_OK);
	return r;
}

/* SET_RIPAS scenarios needing the other RECs' requests */
static uint64_t sr_base_unaligned(struct fx *w)
{
	return CALL4(w, RTT_SET_RIPAS, G(w, B_RD), G(w, B_REC3), 0x201000, 0x203000);
}

static uint64_t sr_no_progress(struct fx *w)
{
	return CALL4(w, RTT_SET_RIPAS, G(w, B_RD), G(w, B_REC4), 0x400000, 0x401000);
}

static uint64_t sr_cmp_mismatch_unaligned(struct fx *w)
{
	return CALL4(w, RTT_SET_RIPAS, G(w, B_RD), G(w, B_REC3), 0x202000, 0x203000);
}

static uint64_t sr_cmp_topgran_noprogress(struct fx *w)
{
	return CALL4(w, RTT_SET_RIPAS, G(w, B_RD), G(w, B_REC4), 0x400000, 0x400010);
}

static uint64_t sr_top_gran_unaligned(struct fx *w)
{
	uint64_t r = CALL4(w, RTT_SET_RIPAS, G(w, B_RD), G(w, B_REC0), 0x1000, 0x2010);

	/* progress up to the last whole granule */
	if (r == FX_OK)
		assert_int_equal(w->r.x[1], 0x2000);
	return r;
}

/* REC_ENTER with a NEW realm and a non-runnable REC: REALM wins */
static uint64_t en_cmp_new_runnable(struct fx *w)
{
	struct rlm_rec_params p;
	uint64_t r;

	fx_rec_params(w, &p, 1, false, SPARE_AUX);
	assert_int_equal(fx_rec_create_p(w, G(w, A_RD), G(w, SPARE1), &p), FX_OK);
	r = CALL2(w, REC_ENTER, G(w, SPARE1), NS(w, RUN_NS));
	return r;
}

#define ROW(f, l, fid_, s1_, v1_, e) { f, l, RLM_SMC_RMI_##fid_, s1_, v1_, 0, 0, e, NULL, NULL }
#define ROW2(f, l, fid_, s1_, v1_, s2_, v2_, e) \
	{ f, l, RLM_SMC_RMI_##fid_, s1_, v1_, s2_, v2_, e, NULL, NULL }
#define SCEN(f, l, fn, e) { f, l, 0, 0, 0, 0, 0, e, fn, NULL }
#define NA(f, l, why) { f, l, 0, 0, 0, 0, 0, 0, NULL, why }

#define WHY_DEV "the model has no device (MMIO) memory"
#define WHY_SECURE "the model has no Secure PAS (no GPT)"
#define WHY_11 "RMM 1.1 feature (planes / auxiliary RTTs / ERROR_RTT_AUX)"
#define WHY_GPT "granule protection tables are not modelled"

/* The rd_* rows, shared by every command whose first argument is an RD. */
#define RD_ROWS(file, fid, slot)                                                 \
	ROW(file, "RD_UNALIGNED", fid, slot, AGO(A_RD, 0x10), FX_INPUT),        \
	NA(file, "RD_DEV_MEM", WHY_DEV),                                         \
	ROW(file, "RD_OUTSIDE_OF_PERMITTED_PA", fid, slot, OUTPA, FX_INPUT),    \
	ROW(file, "RD_OUTSIDE_OF_PERMITTED_PA (untracked)", fid, slot, UNTRACKED, FX_INPUT), \
	ROW(file, "RD_STATE_UNDELEGATED", fid, slot, AG(UNDEL), FX_INPUT),      \
	ROW(file, "RD_STATE_DELEGATED", fid, slot, AG(SPARE2), FX_INPUT),       \
	ROW(file, "RD_STATE_REC", fid, slot, AG(A_REC), FX_INPUT),              \
	ROW(file, "RD_STATE_RTT", fid, slot, AG(A_L2), FX_INPUT),               \
	ROW(file, "RD_STATE_DATA", fid, slot, AG(A_DATA), FX_INPUT)

#define F_DC "rmi_data_create_data.h"
#define F_DCU "rmi_data_create_unknown_data.h"
#define F_DD "rmi_data_destroy_data.h"
#define F_GD "rmi_granule_delegate_data.h"
#define F_GU "rmi_granule_undelegate_data.h"
#define F_PC "rmi_psci_complete_data.h"
#define F_RA "rmi_realm_activate_data.h"
#define F_RC "rmi_realm_create_data.h"
#define F_RDS "rmi_realm_destroy_data.h"
#define F_AUX "rmi_rec_aux_count_data.h"
#define F_REC "rmi_rec_create_data.h"
#define F_RECD "rmi_rec_destroy_data.h"
#define F_EN "rmi_rec_enter_data.h"
#define F_RTC "rmi_rtt_create_data.h"
#define F_RTD "rmi_rtt_destroy_data.h"
#define F_RTF "rmi_rtt_fold_data.h"
#define F_IR "rmi_rtt_init_ripas_data.h"
#define F_MU "rmi_rtt_map_unprotected_data.h"
#define F_RE "rmi_rtt_read_entry_data.h"
#define F_SR "rmi_rtt_set_ripas_data.h"
#define F_UU "rmi_rtt_unmap_unprotected_data.h"

static const struct row rows[] = {
	/* ---- DATA_CREATE ---- */
	ROW(F_DC, "(valid call)", DATA_CREATE, 0, 0, FX_OK),
	ROW(F_DC, "SRC_UNALIGNED", DATA_CREATE, 4, ANSO(SRC_NS, 0x10), FX_INPUT),
	NA(F_DC, "SRC_DEV_MEM_MMIO", WHY_DEV),
	ROW(F_DC, "SRC_OUTSIDE_OF_PERMITTED_PA", DATA_CREATE, 4, OUTPA, FX_INPUT),
	ROW(F_DC, "SRC_PAS_REALM", DATA_CREATE, 4, AG(SPARE2), FX_INPUT),
	NA(F_DC, "SRC_PAS_SECURE", WHY_SECURE),
	ROW(F_DC, "DATA_UNALIGNED", DATA_CREATE, 2, AGO(SPARE1, 0x10), FX_INPUT),
	NA(F_DC, "DATA_DEV_MEM_MMIO", WHY_DEV),
	ROW(F_DC, "DATA_OUTSIDE_OF_PERMITTED_PA", DATA_CREATE, 2, OUTPA, FX_INPUT),
	ROW(F_DC, "DATA_STATE_UNDELEGATED", DATA_CREATE, 2, AG(UNDEL), FX_INPUT),
	ROW(F_DC, "DATA_STATE_RD", DATA_CREATE, 2, AG(B_RD), FX_INPUT),
	ROW(F_DC, "DATA_STATE_REC", DATA_CREATE, 2, AG(A_REC), FX_INPUT),
	ROW(F_DC, "DATA_STATE_RTT", DATA_CREATE, 2, AG(A_L2), FX_INPUT),
	ROW(F_DC, "DATA_STATE_DATA", DATA_CREATE, 2, AG(A_DATA), FX_INPUT),
	ROW(F_DC, "DATA_LPA2_PA", DATA_CREATE, 2, UINT64_C(1) << 50, FX_INPUT),
	RD_ROWS(F_DC, DATA_CREATE, 1),
	ROW(F_DC, "IPA_UNALIGNED", DATA_CREATE, 3, 0x2010, FX_INPUT),
	ROW(F_DC, "IPA_UNPROTECTED", DATA_CREATE, 3, A_NS_BASE + 0x2000, FX_INPUT),
	ROW(F_DC, "IPA_OUTSIDE_OF_PERMITTED_IPA", DATA_CREATE, 3, UINT64_C(1) << 41, FX_INPUT),
	ROW(F_DC, "REALM_ACTIVE", DATA_CREATE, 1, AG(B_RD), FX_REALM),
	ROW(F_DC, "REALM_SYSTEM_OFF", DATA_CREATE, 1, AG(C_RD), FX_REALM),
	ROW(F_DC, "REALM_NULL", DATA_CREATE, 1, AG(SPARE2), FX_INPUT),
	ROW(F_DC, "IPA_NOT_MAPPED", DATA_CREATE, 3, 0x200000, FX_RTT(2)),
	ROW(F_DC, "RTTE_STATE_ASSIGNED", DATA_CREATE, 3, 0x1000, FX_RTT(3)),
	ROW(F_DC, "IPA_UNPROTECTED_NOT_MAPPED (compare)", DATA_CREATE, 3, A_NS_BASE + 0x400000, FX_INPUT),
	ROW(F_DC, "IPA_UNPROTECTED_RTTE_ASSIGNED (compare)", DATA_CREATE, 3, A_NS_BASE, FX_INPUT),
	ROW(F_DC, "flags invalid", DATA_CREATE, 5, 2, FX_INPUT),
	ROW2(F_DC, "flags invalid + src not NS (compare)", DATA_CREATE, 5, 2, 4, AG(A_DATA), FX_INPUT),
	ROW2(F_DC, "REALM_ACTIVE + IPA_UNALIGNED (compare: realm first)", DATA_CREATE, 1, AG(B_RD), 3, 0x2010, FX_REALM),
	ROW2(F_DC, "src undelegated pool granule is NS memory", DATA_CREATE, 4, AG(UNDEL), 5, 1, FX_OK),

	/* ---- DATA_CREATE_UNKNOWN ---- */
	ROW(F_DCU, "(valid call)", DATA_CREATE_UNKNOWN, 0, 0, FX_OK),
	ROW(F_DCU, "DATA_UNALIGNED", DATA_CREATE_UNKNOWN, 2, AGO(SPARE1, 0x10), FX_INPUT),
	NA(F_DCU, "DATA_DEV_MEM_MMIO", WHY_DEV),
	ROW(F_DCU, "DATA_OUTSIDE_OF_PERMITTED_PA", DATA_CREATE_UNKNOWN, 2, OUTPA, FX_INPUT),
	ROW(F_DCU, "DATA_STATE_UNDELEGATED", DATA_CREATE_UNKNOWN, 2, AG(UNDEL), FX_INPUT),
	ROW(F_DCU, "DATA_STATE_RD", DATA_CREATE_UNKNOWN, 2, AG(B_RD), FX_INPUT),
	ROW(F_DCU, "DATA_STATE_REC", DATA_CREATE_UNKNOWN, 2, AG(A_REC), FX_INPUT),
	ROW(F_DCU, "DATA_STATE_RTT", DATA_CREATE_UNKNOWN, 2, AG(A_L2), FX_INPUT),
	ROW(F_DCU, "DATA_STATE_DATA", DATA_CREATE_UNKNOWN, 2, AG(A_DATA), FX_INPUT),
	ROW(F_DCU, "DATA_LPA2_PA", DATA_CREATE_UNKNOWN, 2, UINT64_C(1) << 50, FX_INPUT),
	RD_ROWS(F_DCU, DATA_CREATE_UNKNOWN, 1),
	ROW(F_DCU, "IPA_UNALIGNED", DATA_CREATE_UNKNOWN, 3, 0x2010, FX_INPUT),
	ROW(F_DCU, "IPA_UNPROTECTED", DATA_CREATE_UNKNOWN, 3, A_NS_BASE + 0x2000, FX_INPUT),
	ROW(F_DCU, "IPA_OUTSIDE_OF_PERMITTED_IPA", DATA_CREATE_UNKNOWN, 3, UINT64_C(1) << 41, FX_INPUT),
	ROW(F_DCU, "IPA_NOT_MAPPED", DATA_CREATE_UNKNOWN, 3, 0x200000, FX_RTT(2)),
	ROW(F_DCU, "RTTE_STATE_ASSIGNED", DATA_CREATE_UNKNOWN, 3, 0x1000, FX_RTT(3)),
	ROW(F_DCU, "IPA_UNPROTECTED_NOT_MAPPED (compare)", DATA_CREATE_UNKNOWN, 3, A_NS_BASE + 0x400000, FX_INPUT),
	ROW(F_DCU, "IPA_UNPROTECTED_RTTE_ASSIGNED (compare)", DATA_CREATE_UNKNOWN, 3, A_NS_BASE, FX_INPUT),
	ROW(F_DCU, "active realm accepts DATA_CREATE_UNKNOWN", DATA_CREATE_UNKNOWN, 1, AG(B_RD), FX_OK),

	/* ---- DATA_DESTROY ---- */
	ROW(F_DD, "(valid call)", DATA_DESTROY, 0, 0, FX_OK),
	RD_ROWS(F_DD, DATA_DESTROY, 1),
	ROW(F_DD, "IPA_UNALIGNED", DATA_DESTROY, 2, 0x1010, FX_INPUT),
	ROW(F_DD, "IPA_UNPROTECTED", DATA_DESTROY, 2, A_NS_BASE, FX_INPUT),
	ROW(F_DD, "IPA_OUTSIDE_OF_PERMITTED_IPA", DATA_DESTROY, 2, UINT64_C(1) << 41, FX_INPUT),
	ROW(F_DD, "IPA_NOT_MAPPED", DATA_DESTROY, 2, 0x200000, FX_RTT(2)),
	ROW(F_DD, "RTTE_STATE_UNASSIGNED", DATA_DESTROY, 2, 0x2000, FX_RTT(3)),
	ROW(F_DD, "IPA_UNPROTECTED_NOT_MAPPED (compare)", DATA_DESTROY, 2, A_NS_BASE + 0x400000, FX_INPUT),
	ROW(F_DD, "IPA_UNPROTECTED_RTTE_UNASSIGNED (compare)", DATA_DESTROY, 2, A_NS_BASE + 0x1000, FX_INPUT),
	NA(F_DD, "IPA_AUX_LIVE", WHY_11),

	/* ---- GRANULE_DELEGATE ---- */
	ROW(F_GD, "(valid call)", GRANULE_DELEGATE, 0, 0, FX_OK),
	ROW(F_GD, "ADDR_UNALIGNED", GRANULE_DELEGATE, 1, AGO(UNDEL, 0x10), FX_INPUT),
	NA(F_GD, "ADDR_DEV_MEM_MMIO", WHY_DEV),
	ROW(F_GD, "ADDR_OUTSIDE_OF_PERMITTED_PA", GRANULE_DELEGATE, 1, OUTPA, FX_INPUT),
	ROW(F_GD, "ADDR_OUTSIDE_OF_PERMITTED_PA (untracked)", GRANULE_DELEGATE, 1, UNTRACKED, FX_INPUT),
	ROW(F_GD, "ADDR_DELEGATED", GRANULE_DELEGATE, 1, AG(SPARE1), FX_INPUT),
	ROW(F_GD, "ADDR_REC", GRANULE_DELEGATE, 1, AG(A_REC), FX_INPUT),
	ROW(F_GD, "ADDR_DATA", GRANULE_DELEGATE, 1, AG(A_DATA), FX_INPUT),
	ROW(F_GD, "ADDR_RTT", GRANULE_DELEGATE, 1, AG(A_L2), FX_INPUT),
	ROW(F_GD, "ADDR_RD", GRANULE_DELEGATE, 1, AG(A_RD), FX_INPUT),
	ROW(F_GD, "ADDR_REC_AUX", GRANULE_DELEGATE, 1, AG(AUX), FX_INPUT),
	ROW(F_GD, "NS area granule can be delegated", GRANULE_DELEGATE, 1, ANS(7), FX_OK),
	NA(F_GD, "GRANULE_GPT_REALM", WHY_GPT),
	NA(F_GD, "GRANULE_GPT_SECURE", WHY_GPT),

	/* ---- GRANULE_UNDELEGATE ---- */
	ROW(F_GU, "(valid call)", GRANULE_UNDELEGATE, 0, 0, FX_OK),
	ROW(F_GU, "ADDR_UNALIGNED", GRANULE_UNDELEGATE, 1, AGO(SPARE1, 0x10), FX_INPUT),
	NA(F_GU, "ADDR_DEV_MEM_MMIO", WHY_DEV),
	ROW(F_GU, "ADDR_OUTSIDE_OF_PERMITTED_PA", GRANULE_UNDELEGATE, 1, OUTPA, FX_INPUT),
	ROW(F_GU, "ADDR_UNDELEGATED", GRANULE_UNDELEGATE, 1, AG(UNDEL), FX_INPUT),
	ROW(F_GU, "ADDR_REC", GRANULE_UNDELEGATE, 1, AG(A_REC), FX_INPUT),
	ROW(F_GU, "ADDR_DATA", GRANULE_UNDELEGATE, 1, AG(A_DATA), FX_INPUT),
	ROW(F_GU, "ADDR_RTT", GRANULE_UNDELEGATE, 1, AG(A_L2), FX_INPUT),
	ROW(F_GU, "ADDR_RD", GRANULE_UNDELEGATE, 1, AG(A_RD), FX_INPUT),
	ROW(F_GU, "ADDR_REC_AUX", GRANULE_UNDELEGATE, 1, AG(AUX), FX_INPUT),

	/* ---- PSCI_COMPLETE ---- */
	ROW(F_PC, "(valid call)", PSCI_COMPLETE, 0, 0, FX_OK),
	ROW(F_PC, "ALIAS", PSCI_COMPLETE, 2, AG(B_REC2), FX_INPUT),
	ROW(F_PC, "CALLING_UNALIGNED", PSCI_COMPLETE, 1, AGO(B_REC2, 0x10), FX_INPUT),
	NA(F_PC, "CALLING_DEV_MEM", WHY_DEV),
	ROW(F_PC, "CALLING_OUT_OF_PERMITTED_PA", PSCI_COMPLETE, 1, OUTPA, FX_INPUT),
	ROW(F_PC, "CALLING_GRAN_STATE_UNDELEGATED", PSCI_COMPLETE, 1, AG(UNDEL), FX_INPUT),
	ROW(F_PC, "CALLING_GRAN_STATE_DELEGATED", PSCI_COMPLETE, 1, AG(SPARE1), FX_INPUT),
	ROW(F_PC, "CALLING_GRAN_STATE_RD", PSCI_COMPLETE, 1, AG(B_RD), FX_INPUT),
	ROW(F_PC, "CALLING_GRAN_STATE_RTT", PSCI_COMPLETE, 1, AG(A_L2), FX_INPUT),
	ROW(F_PC, "CALLING_GRAN_STATE_DATA", PSCI_COMPLETE, 1, AG(A_DATA), FX_INPUT),
	ROW(F_PC, "TARGET_UNALIGNED", PSCI_COMPLETE, 2, AGO(B_REC1, 0x10), FX_INPUT),
	NA(F_PC, "TARGET_DEV_MEM", WHY_DEV),
	ROW(F_PC, "TARGET_OUT_OF_PERMITTED_PA", PSCI_COMPLETE, 2, OUTPA, FX_INPUT),
	ROW(F_PC, "TARGET_GRAN_STATE_UNDELEGATED", PSCI_COMPLETE, 2, AG(UNDEL), FX_INPUT),
	ROW(F_PC, "TARGET_GRAN_STATE_DELEGATED", PSCI_COMPLETE, 2, AG(SPARE1), FX_INPUT),
	ROW(F_PC, "TARGET_GRAN_STATE_RD", PSCI_COMPLETE, 2, AG(B_RD), FX_INPUT),
	ROW(F_PC, "TARGET_GRAN_STATE_RTT", PSCI_COMPLETE, 2, AG(A_L2), FX_INPUT),
	ROW(F_PC, "TARGET_GRAN_STATE_DATA", PSCI_COMPLETE, 2, AG(A_DATA), FX_INPUT),
	ROW(F_PC, "NO_PSCI_REQUEST", PSCI_COMPLETE, 1, AG(B_REC0), FX_INPUT),
	ROW(F_PC, "TARGET_OTHER_OWNER", PSCI_COMPLETE, 2, AG(A_REC), FX_INPUT),
	ROW(F_PC, "TARGET_OTHER_MPIDR", PSCI_COMPLETE, 2, AG(B_REC0), FX_INPUT),
	ROW(F_PC, "STATUS_NOT_PERMITTED", PSCI_COMPLETE, 3, 1, FX_INPUT),
	ROW(F_PC, "status DENIED accepted for CPU_ON", PSCI_COMPLETE, 3, (uint64_t)-3, FX_OK),

	/* ---- REALM_ACTIVATE ---- */
	ROW(F_RA, "(valid call)", REALM_ACTIVATE, 0, 0, FX_OK),
	RD_ROWS(F_RA, REALM_ACTIVATE, 1),
	ROW(F_RA, "REALM_ACTIVE", REALM_ACTIVATE, 1, AG(B_RD), FX_REALM),
	ROW(F_RA, "REALM_SYSTEM_OFF", REALM_ACTIVATE, 1, AG(C_RD), FX_REALM),
	ROW(F_RA, "REALM_NULL", REALM_ACTIVATE, 1, AG(SPARE2), FX_INPUT),

	/* ---- REALM_CREATE ---- */
	SCEN(F_RC, "(valid call)", rc_ok, FX_OK),
	SCEN(F_RC, "PARAMS_UNALIGNED", rc_params_unaligned, FX_INPUT),
	NA(F_RC, "PARAMS_DEV_MEM", WHY_DEV),
	SCEN(F_RC, "PARAMS_OUTSIDE_OF_PERMITTED_PA", rc_params_outside, FX_INPUT),
	SCEN(F_RC, "PARAMS_OUTSIDE_OF_PERMITTED_PA (untracked)", rc_params_untracked, FX_INPUT),
	SCEN(F_RC, "PARAMS_PAS_REALM", rc_params_realm_pas, FX_INPUT),
	NA(F_RC, "PARAMS_PAS_SECURE", WHY_SECURE),
	SCEN(F_RC, "HASH_ALGO_INVALID", rc_hash_invalid, FX_INPUT),
	SCEN(F_RC, "S2SZ_INVALID", rc_s2sz_invalid, FX_INPUT),
	/* TF-RMM rel0 does not check the feature register's hash bits */
	SCEN(F_RC, "HASH_ALGO_UNSUPPORTED (reference accepts)", rc_hash_unsupported, FX_OK),
	SCEN(F_RC, "PMU_UNSUPPORTED (via PMU_NUM_CTRS)", rc_pmu_unsupported, FX_INPUT),
	SCEN(F_RC, "SVE_UNSUPPORTED", rc_sve_unsupported, FX_INPUT),
	SCEN(F_RC, "LPA2_UNSUPPORTED", rc_lpa2_unsupported, FX_INPUT),
	SCEN(F_RC, "BPS_UNSUPPORTED", rc_bps, FX_INPUT),
	SCEN(F_RC, "WPS_UNSUPPORTED", rc_wps, FX_INPUT),
	NA(F_RC, "NUM_AUX_PLANES_INVALID", WHY_11),
	SCEN(F_RC, "RTT_BASE_RD_ALIASED", rc_alias, FX_INPUT),
	SCEN(F_RC, "RD_UNALIGNED", rc_rd_unaligned, FX_INPUT),
	NA(F_RC, "RD_DEV_MEM", WHY_DEV),
	SCEN(F_RC, "RD_OUTSIDE_OF_PERMITTED_PA", rc_rd_outside, FX_INPUT),
	SCEN(F_RC, "RD_STATE_UNDELEGATED", rc_rd_undel, FX_INPUT),
	SCEN(F_RC, "RD_STATE_RD", rc_rd_rd, FX_INPUT),
	SCEN(F_RC, "RD_STATE_REC", rc_rd_rec, FX_INPUT),
	SCEN(F_RC, "RD_STATE_RTT", rc_rd_rtt, FX_INPUT),
	SCEN(F_RC, "RD_STATE_DATA", rc_rd_data, FX_INPUT),
	SCEN(F_RC, "RTT_UNALIGNED", rc_rtt_unaligned, FX_INPUT),
	NA(F_RC, "AUX_RTT_UNALIGNED", WHY_11),
	SCEN(F_RC, "RTT_START_INVALID", rc_rtt_start_invalid, FX_INPUT),
	SCEN(F_RC, "RTT_BASE_UNDELEGATED", rc_rtt_undel, FX_INPUT),
	NA(F_RC, "AUX_RTT_BASE_UNDELEGATED", WHY_11),
	NA(F_RC, "AUX_VMID_INVALID", WHY_11),
	NA(F_RC, "AUX_VMID_USED", WHY_11),
	SCEN(F_RC, "VMID_INVALID", rc_vmid_invalid, FX_INPUT),
	SCEN(F_RC, "VMID_USED", rc_vmid_used, FX_INPUT),
	SCEN(F_RC, "HASH_INVALID + RD undelegated (compare)", rc_cmp_hash_rd, FX_INPUT),
	SCEN(F_RC, "VMID_USED + RTT_BASE_RD_ALIASED (compare)", rc_cmp_vmid_alias, FX_INPUT),

	/* ---- REALM_DESTROY ---- */
	RD_ROWS(F_RDS, REALM_DESTROY, 1),
	ROW(F_RDS, "REALM_LIVE", REALM_DESTROY, 1, AG(A_RD), FX_REALM),

	/* ---- REC_AUX_COUNT ---- */
	ROW(F_AUX, "(valid call)", REC_AUX_COUNT, 0, 0, FX_OK),
	RD_ROWS(F_AUX, REC_AUX_COUNT, 1),

	/* ---- REC_CREATE ---- */
	SCEN(F_REC, "(valid call)", re_ok, FX_OK),
	SCEN(F_REC, "PARAMS_UNALIGNED", re_params_unaligned, FX_INPUT),
	NA(F_REC, "PARAMS_DEV_MEM", WHY_DEV),
	SCEN(F_REC, "PARAMS_OUTSIDE_OF_PERMITTED_PA", re_params_outside, FX_INPUT),
	SCEN(F_REC, "PARAMS_PAS_REALM", re_params_realm_pas, FX_INPUT),
	NA(F_REC, "PARAMS_PAS_SECURE", WHY_SECURE),
	SCEN(F_REC, "REC_UNALIGNED", re_rec_unaligned, FX_INPUT),
	NA(F_REC, "REC_DEV_MEM", WHY_DEV),
	SCEN(F_REC, "REC_OUTSIDE_OF_PERMITTED_PA", re_rec_outside, FX_INPUT),
	SCEN(F_REC, "REC_GRAN_STATE_UNDELEGATED", re_rec_undel, FX_INPUT),
	SCEN(F_REC, "REC_GRAN_STATE_RD", re_rec_rd, FX_INPUT),
	SCEN(F_REC, "REC_GRAN_STATE_REC", re_rec_rec, FX_INPUT),
	SCEN(F_REC, "REC_GRAN_STATE_RTT", re_rec_rtt, FX_INPUT),
	SCEN(F_REC, "REC_GRAN_STATE_DATA", re_rec_data, FX_INPUT),
	SCEN(F_REC, "RD_UNALIGNED", re_rd_unaligned, FX_INPUT),
	NA(F_REC, "RD_DEV_MEM", WHY_DEV),
	SCEN(F_REC, "RD_OUTSIDE_OF_PERMITTED_PA", re_rd_outside, FX_INPUT),
	SCEN(F_REC, "RD_STATE_UNDELEGATED", re_rd_undel, FX_INPUT),
	SCEN(F_REC, "RD_STATE_DELEGATED", re_rd_deleg, FX_INPUT),
	SCEN(F_REC, "RD_STATE_REC", re_rd_rec, FX_INPUT),
	SCEN(F_REC, "RD_STATE_RTT", re_rd_rtt, FX_INPUT),
	SCEN(F_REC, "RD_STATE_DATA", re_rd_data, FX_INPUT),
	SCEN(F_REC, "REALM_ACTIVE", re_realm_active, FX_REALM),
	SCEN(F_REC, "REALM_SYSTEM_OFF", re_realm_off, FX_REALM),
	SCEN(F_REC, "MPIDR_SKIPPED", re_mpidr_skipped, FX_INPUT),
	SCEN(F_REC, "MPIDR invalid bits", re_mpidr_invalid, FX_INPUT),
	SCEN(F_REC, "NUM_AUX_INVALID", re_num_aux, FX_INPUT),
	SCEN(F_REC, "NUM_AUX over 16", re_num_aux_over, FX_INPUT),
	SCEN(F_REC, "AUX_UNALIGNED", re_aux_unaligned, FX_INPUT),
	SCEN(F_REC, "AUX_ALIASED", re_aux_aliased, FX_INPUT),
	SCEN(F_REC, "AUX equals REC", re_aux_rec, FX_INPUT),
	SCEN(F_REC, "AUX_UNDELEGATED", re_aux_undel, FX_INPUT),
	SCEN(F_REC, "AUX_RD", re_aux_rd, FX_INPUT),
	SCEN(F_REC, "AUX_REC", re_aux_recstate, FX_INPUT),
	SCEN(F_REC, "AUX_RTT", re_aux_rtt, FX_INPUT),
	SCEN(F_REC, "AUX_DATA", re_aux_data, FX_INPUT),
	SCEN(F_REC, "failed create gives the aux granules back", re_aux_rollback, FX_INPUT),
	SCEN(F_REC, "REALM_ACTIVE + MPIDR wrong (compare)", re_cmp_realm_mpidr, FX_REALM),
	SCEN(F_REC, "MPIDR wrong + aux fine (compare)", re_cmp_mpidr_aux_count, FX_INPUT),
	SCEN(F_REC, "AUX_UNDELEGATED + REALM_ACTIVE (compare: aux first)", re_cmp_aux_realm, FX_INPUT),

	/* ---- REC_DESTROY ---- */
	ROW(F_RECD, "(valid call)", REC_DESTROY, 0, 0, FX_OK),
	ROW(F_RECD, "REC_UNALIGNED", REC_DESTROY, 1, AGO(A_REC, 0x10), FX_INPUT),
	ROW(F_RECD, "REC_OUTSIDE_OF_PERMITTED_PA", REC_DESTROY, 1, OUTPA, FX_INPUT),
	NA(F_RECD, "REC_DEV_MEM", WHY_DEV),
	ROW(F_RECD, "REC_GRAN_STATE_UNDELEGATED", REC_DESTROY, 1, AG(UNDEL), FX_INPUT),
	ROW(F_RECD, "REC_GRAN_STATE_RD", REC_DESTROY, 1, AG(A_RD), FX_INPUT),
	ROW(F_RECD, "REC_GRAN_STATE_REC_AUX", REC_DESTROY, 1, AG(AUX), FX_INPUT),
	ROW(F_RECD, "REC_GRAN_STATE_RTT", REC_DESTROY, 1, AG(A_L2), FX_INPUT),
	ROW(F_RECD, "REC_GRAN_STATE_DATA", REC_DESTROY, 1, AG(A_DATA), FX_INPUT),

	/* ---- REC_ENTER ---- */
	ROW(F_EN, "(valid call)", REC_ENTER, 0, 0, FX_OK),
	ROW(F_EN, "RUN_PTR_UNALIGNED", REC_ENTER, 2, ANSO(RUN_NS, 0x10), FX_INPUT),
	NA(F_EN, "RUN_PTR_DEV_MEM", WHY_DEV),
	ROW(F_EN, "RUN_PTR_OUSIDE_OF_PERMITTED_PA", REC_ENTER, 2, OUTPA, FX_INPUT),
	ROW(F_EN, "RUN_PTR_PAS_REALM", REC_ENTER, 2, AG(SPARE1), FX_INPUT),
	NA(F_EN, "RUN_PTR_PAS_SECURE", WHY_SECURE),
	ROW(F_EN, "REC_UNALIGNED", REC_ENTER, 1, AGO(B_REC0, 0x10), FX_INPUT),
	NA(F_EN, "REC_DEV_MEM", WHY_DEV),
	ROW(F_EN, "REC_OUTSIDE_OF_PERMITTED_PA", REC_ENTER, 1, OUTPA, FX_INPUT),
	ROW(F_EN, "REC_GRAN_STATE_UNDELEGATED", REC_ENTER, 1, AG(UNDEL), FX_INPUT),
	ROW(F_EN, "REC_GRAN_STATE_DELEGATED", REC_ENTER, 1, AG(SPARE1), FX_INPUT),
	ROW(F_EN, "REC_GRAN_STATE_RD", REC_ENTER, 1, AG(B_RD), FX_INPUT),
	ROW(F_EN, "REC_GRAN_STATE_RTT", REC_ENTER, 1, AG(A_L2), FX_INPUT),
	ROW(F_EN, "REC_GRAN_STATE_DATA", REC_ENTER, 1, AG(A_DATA), FX_INPUT),
	ROW(F_EN, "REC_GRAN_STATE_REC_AUX", REC_ENTER, 1, AG(AUX), FX_INPUT),
	ROW(F_EN, "REALM_NEW", REC_ENTER, 1, AG(A_REC), RLM_RMI_RETURN(RLM_RMI_ERROR_REALM, 0)),
	ROW(F_EN, "REC_EMULATED_MMIO", REC_ENTER, 2, ANS(RUN_MMIO_NS), FX_REC),
	ROW(F_EN, "REC_PSCI_PENDING", REC_ENTER, 1, AG(B_REC2), FX_REC),
	ROW(F_EN, "REALM_SYSTEM_OFF", REC_ENTER, 1, AG(C_REC), RLM_RMI_RETURN(RLM_RMI_ERROR_REALM, 1)),
	ROW(F_EN, "REC_NOT_RUNNABLE", REC_ENTER, 1, AG(B_REC1), FX_REC),
	ROW(F_EN, "RUN_PTR_INVALID_GIV3_HCR", REC_ENTER, 2, ANS(RUN_BADGIC_NS), FX_REC),
	ROW2(F_EN, "REC_UNALIGNED_INVALID_GICV3 (compare)", REC_ENTER, 1, AGO(B_REC0, 0x10), 2, ANS(RUN_BADGIC_NS), FX_INPUT),
	NA(F_EN, "REC_DEV_MEM_INVALID_GICV3 (compare)", WHY_DEV),
	ROW2(F_EN, "REC_GRAN_STATE_UNDELEGATED_INVALID_GICV3 (compare)", REC_ENTER, 1, AG(UNDEL), 2, ANS(RUN_BADGIC_NS), FX_INPUT),
	NA(F_EN, "RUN_PAS_SECURE_REC_NOT_RUNNABLE (compare)", WHY_SECURE),
	NA(F_EN, "RUN_PAS_SECURE_REALM_NEW (compare)", WHY_SECURE),
	NA(F_EN, "RUN_PAS_SECURE_REALM_SYSTEM_OFF (compare)", WHY_SECURE),
	NA(F_EN, "RUN_DEV_MEM_REC_NOT_RUNNABLE (compare)", WHY_DEV),
	NA(F_EN, "RUN_DEV_MEM_REALM_NEW (compare)", WHY_DEV),
	NA(F_EN, "RUN_DEV_MEM_REALM_SYSTEM_OFF (compare)", WHY_DEV),
	ROW2(F_EN, "RUN_PAS_REALM_REC_NOT_RUNNABLE (compare)", REC_ENTER, 1, AG(B_REC1), 2, AG(SPARE1), FX_INPUT),
	ROW2(F_EN, "RUN_PAS_REALM_REALM_NEW (compare)", REC_ENTER, 1, AG(A_REC), 2, AG(SPARE1), FX_INPUT),
	ROW2(F_EN, "RUN_PAS_REALM_REALM_SYSTEM_OFF (compare)", REC_ENTER, 1, AG(C_REC), 2, AG(SPARE1), FX_INPUT),
	ROW2(F_EN, "REALM_SYSTEM_OFF + INVALID_GICV3 (compare)", REC_ENTER, 1, AG(C_REC), 2, ANS(RUN_BADGIC_NS), RLM_RMI_RETURN(RLM_RMI_ERROR_REALM, 1)),
	SCEN(F_EN, "REALM_NEW + REC_NOT_RUNNABLE (compare)", en_cmp_new_runnable, RLM_RMI_RETURN(RLM_RMI_ERROR_REALM, 0)),

	/* ---- RTT_CREATE ---- */
	ROW(F_RTC, "(valid call)", RTT_CREATE, 0, 0, FX_OK),
	RD_ROWS(F_RTC, RTT_CREATE, 1),
	ROW(F_RTC, "LEVEL_STARTING", RTT_CREATE, 4, 0, FX_INPUT),
	ROW(F_RTC, "LEVEL_OOB", RTT_CREATE, 4, 4, FX_INPUT),
	ROW(F_RTC, "IPA_UNALIGNED", RTT_CREATE, 3, 0x201000, FX_INPUT),
	ROW(F_RTC, "IPA_OOB", RTT_CREATE, 3, UINT64_C(1) << 41, FX_INPUT),
	ROW(F_RTC, "RTT_UNALIGNED", RTT_CREATE, 2, AGO(SPARE1, 0x10), FX_INPUT),
	NA(F_RTC, "RTT_DEV_MEM", WHY_DEV),
	ROW(F_RTC, "RTT_OUTSIDE_PERMITTED_PA", RTT_CREATE, 2, OUTPA, FX_INPUT),
	ROW(F_RTC, "RTT_STATE_UNDELEGATED", RTT_CREATE, 2, AG(UNDEL), FX_INPUT),
	ROW(F_RTC, "RTT_STATE_RD", RTT_CREATE, 2, AG(B_RD), FX_INPUT),
	ROW(F_RTC, "RTT_STATE_REC", RTT_CREATE, 2, AG(A_REC), FX_INPUT),
	ROW(F_RTC, "RTT_STATE_RTT", RTT_CREATE, 2, AG(A_L2), FX_INPUT),
	ROW(F_RTC, "RTT_STATE_DATA", RTT_CREATE, 2, AG(A_DATA), FX_INPUT),
	ROW(F_RTC, "RTT_LPA2_PA", RTT_CREATE, 2, UINT64_C(1) << 50, FX_INPUT),
	ROW2(F_RTC, "LEVEL_NO_PARENT_RTTE", RTT_CREATE, 3, 0x40000000, 4, 3, FX_RTT(1)),
	ROW2(F_RTC, "RTTE_STATE_TABLE", RTT_CREATE, 3, 0, 4, 2, FX_RTT(1)),
	ROW2(F_RTC, "LEVEL_OOB + RTT undelegated (compare)", RTT_CREATE, 4, 9, 2, AG(UNDEL), FX_INPUT),
	ROW2(F_RTC, "under an NS block: unfold", RTT_CREATE, 3, A_NS_BASE + 0x200000, 4, 3, FX_OK),

	/* ---- RTT_DESTROY ---- */
	RD_ROWS(F_RTD, RTT_DESTROY, 1),
	ROW(F_RTD, "LEVEL_INVALID", RTT_DESTROY, 3, 4, FX_INPUT),
	ROW(F_RTD, "LEVEL_STARTING_LEVEL", RTT_DESTROY, 3, 0, FX_INPUT),
	ROW(F_RTD, "IPA_LEVEL_UNALIGNED", RTT_DESTROY, 2, 0x1000, FX_INPUT),
	ROW(F_RTD, "IPA_OUT_OF_PERMITTED_IPA", RTT_DESTROY, 2, UINT64_C(1) << 41, FX_INPUT),
	ROW(F_RTD, "IPA_NO_PARENT_RTTE", RTT_DESTROY, 2, 0x40000000, FX_RTT(1)),
	ROW(F_RTD, "RTTE_STATE_UNASSIGNED", RTT_DESTROY, 2, 0x200000, FX_RTT(2)),
	ROW(F_RTD, "RTTE_STATE_ASSIGNED", RTT_DESTROY, 2, A_NS_BASE + 0x200000, FX_RTT(2)),
	ROW(F_RTD, "RTT_LIVE", RTT_DESTROY, 2, 0, FX_RTT(3)),
	ROW(F_RTD, "NS RTT with a mapping is not live", RTT_DESTROY, 2, A_NS_BASE, FX_OK),

	/* ---- RTT_FOLD ---- */
	RD_ROWS(F_RTF, RTT_FOLD, 1),
	ROW(F_RTF, "LEVEL_STARTING_LEVLE", RTT_FOLD, 3, 0, FX_INPUT),
	ROW(F_RTF, "LEVEL_OUT_OF_BOUND", RTT_FOLD, 3, 4, FX_INPUT),
	ROW(F_RTF, "IPA_L2_UNALIGNED", RTT_FOLD, 2, 0x1000, FX_INPUT),
	ROW(F_RTF, "IPA_OUT_OF_BOUND", RTT_FOLD, 2, UINT64_C(1) << 41, FX_INPUT),
	ROW2(F_RTF, "IPA_NOT_MAPPED", RTT_FOLD, 2, UINT64_C(0x8000000000), 3, 2, FX_RTT(0)),
	ROW(F_RTF, "RTTE_UNASSIGED", RTT_FOLD, 2, 0x200000, FX_RTT(2)),
	ROW(F_RTF, "RTTE_ASSIGNED", RTT_FOLD, 2, A_NS_BASE + 0x200000, FX_RTT(2)),
	ROW(F_RTF, "RTT_NON_HOMOGENEOUS", RTT_FOLD, 2, 0, FX_RTT(3)),
	ROW2(F_RTF, "LEVEL_BOUND_RTT_WALK (compare)", RTT_FOLD, 3, 4, 2, UINT64_C(0x8000000000), FX_INPUT),
	ROW2(F_RTF, "LEVEL_BOUND_RTTE_STATE (compare)", RTT_FOLD, 3, 0, 2, 0x200000, FX_INPUT),

	/* ---- RTT_INIT_RIPAS ---- */
	ROW(F_IR, "(valid call)", RTT_INIT_RIPAS, 0, 0, FX_OK),
	RD_ROWS(F_IR, RTT_INIT_RIPAS, 1),
	ROW(F_IR, "SIZE_INVALID", RTT_INIT_RIPAS, 3, 0x4000, FX_INPUT),
	ROW(F_IR, "TOP_UNPROTECTED", RTT_INIT_RIPAS, 3, A_NS_BASE + 0x1000, FX_INPUT),
	ROW(F_IR, "REALM_SYSTEM_OFF", RTT_INIT_RIPAS, 1, AG(C_RD), FX_REALM),
	ROW(F_IR, "REALM_ACTIVE", RTT_INIT_RIPAS, 1, AG(B_RD), FX_REALM),
	ROW(F_IR, "REALM_NULL", RTT_INIT_RIPAS, 1, AG(SPARE2), FX_INPUT),
	ROW2(F_IR, "BASE_LEVEL_UNALIGNED", RTT_INIT_RIPAS, 2, 0x201000, 3, 0x202000, FX_RTT(2)),
	ROW2(F_IR, "RTTE_STATE_ASSIGNED", RTT_INIT_RIPAS, 2, 0x1000, 3, 0x2000, FX_RTT(3)),
	ROW(F_IR, "TOP_GRAN_UNALIGNED", RTT_INIT_RIPAS, 3, 0x8010, FX_INPUT),
	ROW2(F_IR, "TOP_LEVEL_UNALIGNED", RTT_INIT_RIPAS, 2, 0x200000, 3, 0x201000, FX_RTT(2)),
	ROW2(F_IR, "TOP_GRAN_UNALIGNED_TOP_LEVEL_UNALIGNED (compare)", RTT_INIT_RIPAS, 2, 0x200000, 3, 0x200010, FX_INPUT),
	ROW2(F_IR, "SIZE_INVALID + RD undelegated (compare)", RTT_INIT_RIPAS, 1, AG(UNDEL), 3, 0x1000, FX_INPUT),

	/* ---- RTT_MAP_UNPROTECTED ---- */
	ROW(F_MU, "(valid call)", RTT_MAP_UNPROTECTED, 0, 0, FX_OK),
	ROW(F_MU, "MEM_ATTR_INVALID", RTT_MAP_UNPROTECTED, 4, ANSO(6, 0x10), FX_INPUT),
	RD_ROWS(F_MU, RTT_MAP_UNPROTECTED, 1),
	ROW(F_MU, "LEVEL_STARTING", RTT_MAP_UNPROTECTED, 3, 0, FX_INPUT),
	ROW(F_MU, "LEVEL_OOB", RTT_MAP_UNPROTECTED, 3, 4, FX_INPUT),
	ROW(F_MU, "ADDR_UNALIGNED", RTT_MAP_UNPROTECTED, 4, ANSO(6, 0x800), FX_INPUT),
	ROW(F_MU, "ADDR_LPA2_PA", RTT_MAP_UNPROTECTED, 4, (UINT64_C(1) << 48) | 0xd8, FX_INPUT),
	ROW(F_MU, "IPA_UNALIGNED", RTT_MAP_UNPROTECTED, 2, A_NS_BASE + 0x1010, FX_INPUT),
	ROW(F_MU, "IPA_PROTECTED", RTT_MAP_UNPROTECTED, 2, 0x1000, FX_INPUT),
	ROW(F_MU, "IPA_OOB", RTT_MAP_UNPROTECTED, 2, UINT64_C(1) << 41, FX_INPUT),
	ROW(F_MU, "IPA_NOT_MAPPED", RTT_MAP_UNPROTECTED, 2, A_NS_BASE + 0x400000, FX_RTT(2)),
	ROW(F_MU, "RTTE_STATE_ASSIGNED_NS", RTT_MAP_UNPROTECTED, 2, A_NS_BASE, FX_RTT(3)),
	ROW2(F_MU, "LEVEL_OOB + RD undelegated (compare: level first)", RTT_MAP_UNPROTECTED, 3, 0, 1, AG(UNDEL), FX_INPUT),

	/* ---- RTT_READ_ENTRY ---- */
	ROW(F_RE, "(valid call)", RTT_READ_ENTRY, 0, 0, FX_OK),
	RD_ROWS(F_RE, RTT_READ_ENTRY, 1),
	ROW(F_RE, "LEVEL_OOB", RTT_READ_ENTRY, 3, 4, FX_INPUT),
	ROW(F_RE, "LEVEL_OOB (below start)", RTT_READ_ENTRY, 3, (uint64_t)-1, FX_INPUT),
	ROW(F_RE, "IPA_UNALIGNED", RTT_READ_ENTRY, 2, 0x1010, FX_INPUT),
	ROW(F_RE, "IPA_OOB", RTT_READ_ENTRY, 2, UINT64_C(1) << 41, FX_INPUT),

	/* ---- RTT_SET_RIPAS ---- */
	ROW(F_SR, "(valid call)", RTT_SET_RIPAS, 0, 0, FX_OK),
	ROW(F_SR, "RD_UNALIGNED", RTT_SET_RIPAS, 1, AGO(B_RD, 0x10), FX_INPUT),
	ROW(F_SR, "RD_OUTSIDE_OF_PERMITTED_PA", RTT_SET_RIPAS, 1, OUTPA, FX_INPUT),
	NA(F_SR, "RD_DEV_MEM", WHY_DEV),
	ROW(F_SR, "RD_STATE_UNDELEGATED", RTT_SET_RIPAS, 1, AG(UNDEL), FX_INPUT),
	ROW(F_SR, "RD_STATE_DELEGATED", RTT_SET_RIPAS, 1, AG(SPARE1), FX_INPUT),
	ROW(F_SR, "RD_STATE_REC", RTT_SET_RIPAS, 1, AG(A_REC), FX_INPUT),
	ROW(F_SR, "RD_STATE_RTT", RTT_SET_RIPAS, 1, AG(A_L2), FX_INPUT),
	ROW(F_SR, "RD_STATE_DATA", RTT_SET_RIPAS, 1, AG(A_DATA), FX_INPUT),
	ROW(F_SR, "REC_UNALIGNED", RTT_SET_RIPAS, 2, AGO(B_REC0, 0x10), FX_INPUT),
	ROW(F_SR, "REC_OUTSIDE_OF_PERMITTED_PA", RTT_SET_RIPAS, 2, OUTPA, FX_INPUT),
	NA(F_SR, "REC_DEV_MEM", WHY_DEV),
	ROW(F_SR, "REC_GRAN_STATE_UNDELEGATED", RTT_SET_RIPAS, 2, AG(UNDEL), FX_INPUT),
	ROW(F_SR, "REC_GRAN_STATE_DELEGATED", RTT_SET_RIPAS, 2, AG(SPARE1), FX_INPUT),
	ROW(F_SR, "REC_GRAN_STATE_RD", RTT_SET_RIPAS, 2, AG(A_RD), FX_INPUT),
	ROW(F_SR, "REC_GRAN_STATE_RTT", RTT_SET_RIPAS, 2, AG(A_L2), FX_INPUT),
	ROW(F_SR, "REc_GRAN_STATE_DATA", RTT_SET_RIPAS, 2, AG(A_DATA), FX_INPUT),
	ROW(F_SR, "REC_OTHER_OWNER", RTT_SET_RIPAS, 2, AG(A_REC), FX_REC),
	ROW(F_SR, "INVALID_SIZE", RTT_SET_RIPAS, 4, 0x1000, FX_INPUT),
	ROW(F_SR, "BASE_MISMATCH", RTT_SET_RIPAS, 3, 0x2000, FX_INPUT),
	ROW(F_SR, "TOP_OUT_OF_BOUND", RTT_SET_RIPAS, 4, 0x4000, FX_INPUT),
	SCEN(F_SR, "BASE_UNALIGNED", sr_base_unaligned, FX_RTT(2)),
	/* TF-RMM rel0 does not check top's granule alignment: it makes
	 * progress up to the last whole granule (the ACS expects INPUT). */
	SCEN(F_SR, "TOP_GRAN_UNALIGNED (reference: progress)", sr_top_gran_unaligned, FX_OK),
	SCEN(F_SR, "TOP_LEVEL_UNALIGNED", sr_no_progress, FX_RTT(2)),
	NA(F_SR, "IPA_AUX_LIVE", WHY_11),
	SCEN(F_SR, "BASE_MISMATCH_BASE_UNALIGNED (compare)", sr_cmp_mismatch_unaligned, FX_INPUT),
	SCEN(F_SR, "TOP_GRAN_UNALIGNED_TOP_LEVEL_UNALIGNED (compare; reference: no progress)", sr_cmp_topgran_noprogress, FX_RTT(2)),
	ROW2(F_SR, "REC_OTHER_OWNER + BASE_MISMATCH (compare)", RTT_SET_RIPAS, 2, AG(A_REC), 3, 0x2000, FX_REC),

	/* ---- RTT_UNMAP_UNPROTECTED ---- */
	ROW(F_UU, "(valid call)", RTT_UNMAP_UNPROTECTED, 0, 0, FX_OK),
	RD_ROWS(F_UU, RTT_UNMAP_UNPROTECTED, 1),
	ROW(F_UU, "LEVEL_STARTING", RTT_UNMAP_UNPROTECTED, 3, 0, FX_INPUT),
	ROW(F_UU, "LEVEL_OOB", RTT_UNMAP_UNPROTECTED, 3, 4, FX_INPUT),
	ROW(F_UU, "IPA_UNALIGNED", RTT_UNMAP_UNPROTECTED, 2, A_NS_BASE + 0x10, FX_INPUT),
	ROW(F_UU, "IPA_PROTECTED", RTT_UNMAP_UNPROTECTED, 2, 0x1000, FX_INPUT),
	ROW(F_UU, "IPA_OOB", RTT_UNMAP_UNPROTECTED, 2, UINT64_C(1) << 41, FX_INPUT),
	ROW(F_UU, "IPA_NOT_MAPPED", RTT_UNMAP_UNPROTECTED, 2, A_NS_BASE + 0x400000, FX_RTT(2)),
	ROW(F_UU, "RTTE_STATE_UNASSIGNED_NS", RTT_UNMAP_UNPROTECTED, 2, A_NS_BASE + 0x1000, FX_RTT(3)),
	ROW2(F_UU, "LEVEL_OOB_IPA_NOT_MAPPED (compare)", RTT_UNMAP_UNPROTECTED, 3, 4, 2, A_NS_BASE + 0x400000, FX_INPUT),
	ROW2(F_UU, "LEVEL_OOB_RTTE_STATE_UNASSIGNED_NS (compare)", RTT_UNMAP_UNPROTECTED, 3, 0, 2, A_NS_BASE + 0x1000, FX_INPUT),
	ROW(F_UU, "IPA_PROTECTED_IPA_NOT_MAPPED (compare)", RTT_UNMAP_UNPROTECTED, 2, 0x200000, FX_INPUT),

	/* RMM 1.1 commands in the checklist: not RMI 1.0 */
	NA("rmi_rtt_aux_create_data.h", "(all rows)", WHY_11),
	NA("rmi_rtt_aux_destroy_data.h", "(all rows)", WHY_11),
	NA("rmi_rtt_aux_fold_data.h", "(all rows)", WHY_11),
	NA("rmi_rtt_aux_map_protected_data.h", "(all rows)", WHY_11),
	NA("rmi_rtt_aux_map_unprotected_data.h", "(all rows)", WHY_11),
	NA("rmi_rtt_aux_unmap_protected_data.h", "(all rows)", WHY_11),
	NA("rmi_rtt_aux_unmap_unprotected_data.h", "(all rows)", WHY_11),
	NA("rmi_rtt_set_s2ap_data.h", "(all rows)", WHY_11),
};

static void test_checklist(void **state)
{
	size_t i, run = 0, na = 0;

	(void)state;
	for (i = 0; i < RLM_ARRAY_SIZE(rows); i++) {
		const struct row *r = &rows[i];
		struct fx w;
		uint64_t got;

		if (r->na) {
			na++;
			continue;
		}
		world(&w);
		got = run_row_(&w, r);
		if (got != r->expect)
			fail_msg("%s %s: got 0x%llx, expected 0x%llx", r->file, r->label,
				 (unsigned long long)got, (unsigned long long)r->expect);
		fx_fini(&w);
		run++;
	}
	printf("checklist: %zu rows checked, %zu not expressible in the model\n", run, na);
	assert_true(run > 250);
}

/* Every NA row says why. */
static void test_checklist_na_reasons(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < RLM_ARRAY_SIZE(rows); i++) {
		assert_non_null(rows[i].file);
		assert_non_null(rows[i].label);
		if (rows[i].na)
			assert_true(strlen(rows[i].na) > 10);
		else
			assert_true(rows[i].fid || rows[i].scenario);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checklist),
		cmocka_unit_test(test_checklist_na_reasons),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
