/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The mock RMM's 2.0 personality (cfg.abi = RLM_RMI_V2_0), driven through
 * the typed rlm_rmi2_* calls and raw registers.  The expected answers and
 * the order of the failure checks are those of TF-RMM main
 * 9a7f8ef46378320ad69140a42e51c1ccf5914661 (the handler each test names).
 */
#include "mock_fx.h"

#include <realm/realm.h>
#include "mock/mock_int.h"

#define C2(f, n, a, b, c, d, e) fx_call(f, RLM_SMC_RMI2_##n, a, b, c, d, e)
#define CFG_NS 1000
#define RP_NS 1001

static void fx2_init(struct fx *f, bool bootstrap)
{
	struct rlm_mock_config cfg;

	rlm_mock_config_default(&cfg);
	cfg.abi = RLM_RMI_V2_0;
	fx_init_cfg(f, &cfg);
	if (bootstrap) {
		struct rlm_conduit c;
		struct rlm_rmm_config2 rc = { 0, RLM_RMI_GRANULE_SIZE_4KB };
		uint8_t *p = rlm_mock_ns_ptr(f->m, NS(f, CFG_NS), RLM_GRANULE_SIZE);
		struct rlm_rmi_result res;
		unsigned int step = 0;

		assert_non_null(p);
		assert_int_equal(rlm_pack_rmm_config2(&rc, p, RLM_GRANULE_SIZE), 0);
		rlm_mock_conduit(f->m, &c);
		assert_int_equal(rlm_rmi2_rmm_bootstrap(&c, NS(f, CFG_NS), &step, &res), 0);
		assert_int_equal(step, 2);
	}
}

static uint64_t del2(struct fx *f, uint64_t pa)
{
	return C2(f, GRANULE_RANGE_DELEGATE, pa, pa + RLM_GRANULE_SIZE, 0, 0, 0);
}

static uint64_t del2_undo(struct fx *f, uint64_t pa)
{
	return C2(f, GRANULE_RANGE_UNDELEGATE, pa, pa + RLM_GRANULE_SIZE, 0, 0, 0);
}

#define ADDR_SINGLE_ 1	/* RmiRttUnmapFlags.oaddr_type SINGLE */

static void fx2_params(struct rlm_realm_params2 *p, uint64_t rtt_base)
{
	memset(p, 0, sizeof(*p));
	p->s2sz = 40;
	p->num_bps = 1;
	p->num_wps = 1;
	p->hash_algo = RLM_RMI_HASH_SHA_256;
	p->rtt_base = rtt_base;
	p->rtt_level_start = 1;
	p->rtt_num_start = 2;
}

static uint64_t realm2_p(struct fx *f, uint64_t rd, const struct rlm_realm_params2 *p)
{
	unsigned int i;
	uint8_t *page = rlm_mock_ns_ptr(f->m, NS(f, RP_NS), RLM_GRANULE_SIZE);

	assert_non_null(page);
	memset(page, 0, RLM_GRANULE_SIZE);
	/* pack2 refuses undefined flag bits: write them raw */
	rlm_put_le64(page + RLM_RMI2_REALM_PARAMS_FLAGS0_OFF, p->flags0);
	rlm_put_le32(page + RLM_RMI2_REALM_PARAMS_S2SZ_OFF, p->s2sz);
	rlm_put_le32(page + RLM_RMI2_REALM_PARAMS_SVE_VL_OFF, p->sve_vl);
	rlm_put_le32(page + RLM_RMI2_REALM_PARAMS_NUM_BPS_OFF, p->num_bps);
	rlm_put_le32(page + RLM_RMI2_REALM_PARAMS_NUM_WPS_OFF, p->num_wps);
	rlm_put_le32(page + RLM_RMI2_REALM_PARAMS_PMU_NUM_CTRS_OFF, p->pmu_num_ctrs);
	page[RLM_RMI2_REALM_PARAMS_HASH_ALGO_OFF] = p->hash_algo;
	rlm_put_le32(page + RLM_RMI2_REALM_PARAMS_NUM_AUX_PLANES_OFF, p->num_aux_planes);
	memcpy(page + RLM_RMI2_REALM_PARAMS_RPV_OFF, p->rpv, RLM_RPV_SIZE);
	rlm_put_le64(page + RLM_RMI2_REALM_PARAMS_ATS_PLANE_OFF, p->ats_plane);
	rlm_put_le64(page + RLM_RMI2_REALM_PARAMS_RTT_BASE_OFF, p->rtt_base);
	rlm_put_le64(page + RLM_RMI2_REALM_PARAMS_RTT_LEVEL_START_OFF, (uint64_t)p->rtt_level_start);
	rlm_put_le32(page + RLM_RMI2_REALM_PARAMS_RTT_NUM_START_OFF, p->rtt_num_start);
	rlm_put_le64(page + RLM_RMI2_REALM_PARAMS_FLAGS1_OFF, p->flags1);
	for (i = 0; i < RLM_RMI2_MAX_AUX_PLANES; i++)
		rlm_put_le64(page + RLM_RMI2_REALM_PARAMS_AUX_RTT_BASE_OFF + 8 * i, p->aux_rtt_base[i]);
	return C2(f, REALM_CREATE, rd, NS(f, RP_NS), 0, 0, 0);
}

/* A default realm: RD pool granule rd_g, roots rtt_g, rtt_g + 1. */
static void realm2(struct fx *f, uint64_t rd_g, uint64_t rtt_g)
{
	struct rlm_realm_params2 p;

	assert_int_equal(del2(f, G(f, rd_g)), FX_OK);
	assert_int_equal(del2(f, G(f, rtt_g)), FX_OK);
	assert_int_equal(del2(f, G(f, rtt_g + 1)), FX_OK);
	fx2_params(&p, G(f, rtt_g));
	assert_int_equal(realm2_p(f, G(f, rd_g), &p), FX_OK);
}

/* ---- configuration ------------------------------------------------------ */

static void test_config(void **state)
{
	struct rlm_mock_config cfg;
	struct rlm_mock *m;

	(void)state;
	rlm_mock_config_default(&cfg);
	cfg.abi = RLM_RMI_V2_0;
	assert_true(rlm_mock_size(&cfg) > 0);
	assert_int_equal(rlm_mock_new(&cfg, &m), 0);
	rlm_mock_free(m);
	cfg.abi = (enum rlm_rmi_abi)2;
	assert_int_equal(rlm_mock_size(&cfg), 0);
	assert_int_not_equal(rlm_mock_new(&cfg, &m), 0);
}

/* ---- runtime/core/handler.c: before RMM_ACTIVATE ---------------------- */

static void test_before_activate(void **state)
{
	struct fx f;
	uint8_t *p;
	struct rlm_rmm_config2 rc;

	(void)state;
	fx2_init(&f, false);
	/* only VERSION, FEATURES, RMM_CONFIG_GET, GRANULE_TRACKING_GET */
	assert_int_equal(del2(&f, G(&f, 0)), RLM_RMI_ERROR_GLOBAL);
	assert_int_equal(f.r.x[1], 0);
	assert_int_equal(C2(&f, REALM_CREATE, G(&f, 0), NS(&f, 1), 0, 0, 0), RLM_RMI_ERROR_GLOBAL);
	assert_int_equal(C2(&f, REC_ENTER, G(&f, 0), NS(&f, 1), 0, 0, 0), RLM_RMI_ERROR_GLOBAL);
	assert_int_equal(C2(&f, OP_CANCEL, 1, 0, 0, 0, 0), RLM_RMI_ERROR_GLOBAL);
	assert_int_equal(C2(&f, VERSION, RLM_RMI_ABI_VERSION_2_0, 0, 0, 0, 0), FX_OK);
	assert_int_equal(C2(&f, FEATURES, 0, 0, 0, 0, 0), FX_OK);
	assert_int_equal(C2(&f, GRANULE_TRACKING_GET, G(&f, 0), G(&f, 1), 0, 0, 0), FX_OK);
	/* RMM_CONFIG_GET writes the configuration: 4 KiB, 1 GiB regions */
	p = rlm_mock_ns_ptr(f.m, NS(&f, CFG_NS), RLM_GRANULE_SIZE);
	memset(p, 0xff, RLM_GRANULE_SIZE);
	assert_int_equal(C2(&f, RMM_CONFIG_GET, NS(&f, CFG_NS), 0, 0, 0, 0), FX_OK);
	assert_int_equal(rlm_unpack_rmm_config2(&rc, p, RLM_GRANULE_SIZE), 0);
	assert_int_equal(rc.granule_size, RLM_RMI_GRANULE_SIZE_4KB);
	assert_int_equal(rc.tracking_region_size, 0);
	/* granule.c smc_rmm_config_get / _set: 0, unaligned, untracked, not NS */
	assert_int_equal(C2(&f, RMM_CONFIG_GET, 0, 0, 0, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, RMM_CONFIG_GET, NS(&f, CFG_NS) + 8, 0, 0, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, RMM_CONFIG_GET, UINT64_C(0x7000), 0, 0, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, RMM_CONFIG_SET, 0, 0, 0, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, RMM_CONFIG_SET, NS(&f, CFG_NS) + 8, 0, 0, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, RMM_CONFIG_SET, UINT64_C(0x7000), 0, 0, 0, 0), FX_INPUT);
	rc.granule_size = RLM_RMI_GRANULE_SIZE_16KB;
	rlm_pack_rmm_config2(&rc, p, RLM_GRANULE_SIZE);
	assert_int_equal(C2(&f, RMM_CONFIG_SET, NS(&f, CFG_NS), 0, 0, 0, 0), FX_INPUT);
	rc.granule_size = RLM_RMI_GRANULE_SIZE_4KB;
	rc.tracking_region_size = 1;
	rlm_pack_rmm_config2(&rc, p, RLM_GRANULE_SIZE);
	assert_int_equal(C2(&f, RMM_CONFIG_SET, NS(&f, CFG_NS), 0, 0, 0, 0), FX_INPUT);
	rc.tracking_region_size = 0;
	rlm_pack_rmm_config2(&rc, p, RLM_GRANULE_SIZE);
	assert_int_equal(C2(&f, RMM_CONFIG_SET, NS(&f, CFG_NS), 0, 0, 0, 0), FX_OK);
	/* activate.c: once; then CONFIG_SET / ACTIVATE are ERROR_GLOBAL */
	assert_int_equal(C2(&f, RMM_ACTIVATE, 0, 0, 0, 0, 0), FX_OK);
	assert_int_equal(C2(&f, RMM_ACTIVATE, 0, 0, 0, 0, 0), RLM_RMI_ERROR_GLOBAL);
	assert_int_equal(C2(&f, RMM_CONFIG_SET, NS(&f, CFG_NS), 0, 0, 0, 0), RLM_RMI_ERROR_GLOBAL);
	assert_int_equal(del2(&f, G(&f, 0)), FX_OK);
	/* reset: back to the init state */
	assert_int_equal(rlm_mock_reset(f.m), 0);
	assert_int_equal(rlm_mock_delegated_count(f.m), 0);
	assert_int_equal(del2(&f, G(&f, 0)), RLM_RMI_ERROR_GLOBAL);
	fx_fini(&f);
}

/* ---- version.c, feature.c, handler.c (unknown FIDs) ---------------------- */

static void test_version_features(void **state)
{
	struct fx f;
	struct rlm_conduit c;
	struct rlm_negotiation n;
	struct rlm_rmi2_features ft;
	struct rlm_rmi_result res;

	(void)state;
	fx2_init(&f, true);
	assert_int_equal(C2(&f, VERSION, RLM_RMI_ABI_VERSION(1, 0), 0, 0, 0, 0), FX_INPUT);
	assert_int_equal(f.r.x[1], RLM_RMI_ABI_VERSION_2_0);
	assert_int_equal(f.r.x[2], RLM_RMI_ABI_VERSION_2_0);
	assert_int_equal(C2(&f, VERSION, RLM_RMI_ABI_VERSION(2, 1), 0, 0, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, VERSION, RLM_RMI_ABI_VERSION_2_0, 0, 0, 0, 0), FX_OK);
	assert_int_equal(f.r.x[1], RLM_RMI_ABI_VERSION_2_0);
	rlm_mock_conduit(f.m, &c);
	assert_int_equal(rlm_rmi_negotiate(&c, RLM_RMI_V1_0, &n), 0);
	assert_int_equal(n.abi, RLM_RMI_V2_0);
	assert_int_equal(n.asked, 2);
	assert_int_equal(rlm_rmi_negotiate(&c, RLM_RMI_V2_0, &n), 0);
	assert_int_equal(n.version, RLM_RMI_ABI_VERSION_2_0);
	assert_int_equal(rlm_rmi2_features_read(&c, &ft, &res), 0);
	assert_int_equal(ft.s2sz, 48);
	assert_true(ft.gran_4k);
	assert_true(ft.sha_256 && ft.sha_512);
	assert_false(ft.sha_384);
	assert_false(ft.pmu_en);
	assert_int_equal(ft.max_recs_order, 10);
	assert_int_equal(ft.pps, 5);
	assert_false(ft.da_en);
	assert_int_equal(ft.max_num_aux_planes, 3);
	assert_int_equal(ft.rtt_plane, 0);	/* a tree per plane */
	assert_false(ft.rtt_s2ap_indirect);
	assert_int_equal(ft.mec_count, 0xfffe);	/* as fake_host */
	assert_int_equal(C2(&f, FEATURES, 5, 0, 0, 0, 0), FX_OK);
	assert_int_equal(f.r.x[1], 0);
	/* 1.0 FIDs 2.0 dropped, handler-less rows: SMC_UNKNOWN */
	assert_int_equal(CALL1(&f, GRANULE_DELEGATE, G(&f, 0)), RLM_SMCCC_NOT_SUPPORTED);
	assert_int_equal(CALL1(&f, REC_AUX_COUNT, G(&f, 0)), RLM_SMCCC_NOT_SUPPORTED);
	assert_int_equal(C2(&f, VSMMU_CREATE, 0, 0, 0, 0, 0), RLM_SMCCC_NOT_SUPPORTED);
	assert_int_equal(C2(&f, GRANULE_TRACKING_SET, 0, 0, 0, 0, 0), RLM_SMCCC_NOT_SUPPORTED);
	assert_int_equal(C2(&f, GPT_L1_DESTROY, 0, 0, 0, 0, 0), RLM_SMCCC_NOT_SUPPORTED);
	assert_int_equal(fx_call(&f, RLM_SMC_RMI_CALL(0x01ff), 0, 0, 0, 0, 0), RLM_SMCCC_NOT_SUPPORTED);
	fx_fini(&f);
}

/* ---- granule.c: tracking, range (un)delegate ----------------------------- */

static void test_granules(void **state)
{
	struct fx f;
	struct rlm_conduit c;
	struct rlm_rmi_result res;
	uint64_t next = 0, done = 0;

	(void)state;
	fx2_init(&f, true);
	rlm_mock_conduit(f.m, &c);
	/* smc_granule_tracking_get */
	assert_int_equal(C2(&f, GRANULE_TRACKING_GET, G(&f, 0), G(&f, 4), 0, 0, 0), FX_OK);
	assert_int_equal(f.r.x[1], 0);
	assert_int_equal(f.r.x[2], 2);
	assert_int_equal(f.r.x[3], G(&f, 4));
	assert_int_equal(C2(&f, GRANULE_TRACKING_GET, 0x7000, 0x9000, 0, 0, 0), FX_OK);
	assert_int_equal(f.r.x[2], 1);
	assert_int_equal(C2(&f, GRANULE_TRACKING_GET, G(&f, 1), G(&f, 0), 0, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, GRANULE_TRACKING_GET, G(&f, 0), G(&f, 0), 0, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, GRANULE_TRACKING_GET, G(&f, 0) + 1, G(&f, 4), 0, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, GRANULE_TRACKING_GET, 0, UINT64_C(1) << 48, 0, 0, 0), FX_INPUT);
	/* smc_granule_range_delegate: one granule a call, X1 the next */
	assert_int_equal(rlm_rmi2_granule_range_delegate(&c, G(&f, 0), G(&f, 4), &next, &res), 0);
	assert_int_equal(next, G(&f, 1));
	assert_int_equal(rlm_mock_delegated_count(f.m), 1);
	/* failures keep X1 = base: unaligned, empty range, state, untracked */
	assert_int_equal(C2(&f, GRANULE_RANGE_DELEGATE, G(&f, 1) + 8, G(&f, 4), 0, 0, 0), FX_INPUT);
	assert_int_equal(f.r.x[1], G(&f, 1) + 8);
	assert_int_equal(C2(&f, GRANULE_RANGE_DELEGATE, G(&f, 1), G(&f, 4) + 8, 0, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, GRANULE_RANGE_DELEGATE, G(&f, 1), G(&f, 1), 0, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, GRANULE_RANGE_DELEGATE, G(&f, 0), G(&f, 4), 0, 0, 0), FX_INPUT);
	assert_int_equal(f.r.x[1], G(&f, 0));
	assert_int_equal(C2(&f, GRANULE_RANGE_DELEGATE, 0x7000, 0x8000, 0, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, GRANULE_RANGE_UNDELEGATE, G(&f, 1), G(&f, 2), 0, 0, 0), FX_INPUT);
	assert_int_equal(rlm_rmi2_granule_range_delegate_all(&c, G(&f, 1), G(&f, 8), 0, &done,
							     &res), 0);
	assert_int_equal(done, G(&f, 8));
	assert_int_equal(rlm_mock_delegated_count(f.m), 8);
	assert_int_equal(rlm_rmi2_granule_range_undelegate_all(&c, G(&f, 0), G(&f, 8), 0, &done,
							       &res), 0);
	assert_int_equal(rlm_mock_delegated_count(f.m), 0);
	fx_fini(&f);
}

/* ---- realm.c: smc_realm_create / activate / terminate / destroy --------- */

static void test_realm_create_order(void **state)
{
	struct fx f;
	struct rlm_realm_params2 p;
	uint64_t rd = 0, rtt = 2;

	(void)state;
	fx2_init(&f, true);
	assert_int_equal(del2(&f, G(&f, rd)), FX_OK);
	assert_int_equal(del2(&f, G(&f, rtt)), FX_OK);
	assert_int_equal(del2(&f, G(&f, rtt + 1)), FX_OK);
	fx2_params(&p, G(&f, rtt));
	/* get_realm_params: the page must be a tracked NS granule */
	assert_int_equal(C2(&f, REALM_CREATE, G(&f, rd), G(&f, rtt), 0, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, REALM_CREATE, G(&f, rd), 0x7000, 0, 0, 0), FX_INPUT);
	/* validate_realm_params, each check alone */
#define BAD(stmt) do { fx2_params(&p, G(&f, rtt)); stmt; \
		assert_int_equal(realm2_p(&f, G(&f, rd), &p), FX_INPUT); } while (0)
	BAD(p.s2sz = 31);
	BAD(p.s2sz = 49);
	BAD(p.num_bps = 0);
	BAD(p.num_wps = 0);
	BAD(p.num_bps = 64);
	BAD(p.flags0 = RLM_RMI_REALM_FLAGS0_PMU);          /* no counters, no HPMN0 */
	BAD(p.flags0 = RLM_RMI_REALM_FLAGS0_PMU; p.pmu_num_ctrs = 1); /* FEATURES: no PMU */
	BAD(p.flags0 = RLM_RMI_REALM_FLAGS0_DA);           /* DA_EN 0 */
	BAD(p.flags0 = RLM_FIELD_PREP(RLM_RMI_REALM_FLAGS0_MEC_POLICY, 2));
	BAD(p.rtt_level_start = 2);                        /* inconsistent SL */
	BAD(p.rtt_num_start = 1);
	BAD(p.num_aux_planes = 4);                         /* FEATURES: 3 */
	BAD(p.num_aux_planes = 1);                         /* no tree per plane */
	BAD(p.num_aux_planes = 1; p.flags1 = 3);           /* indirect S2AP */
	BAD(p.num_aux_planes = 1; p.flags1 = 1; p.aux_rtt_base[0] = G(&f, 7));
	BAD(p.ats_plane = 1);
	BAD(p.num_aux_planes = 1; p.flags1 = 1; p.ats_plane = 2);
	BAD(p.flags1 = RLM_RMI_REALM_FLAGS1_S2AP_ENC);     /* no S2AP indirect */
	BAD(p.rtt_base = G(&f, rtt) + RLM_GRANULE_SIZE);   /* not 8 KiB aligned */
	BAD(p.hash_algo = 3);
#undef BAD
	/* an undefined flags0 bit and flags1 RTT_TREE_PP alone pass */
	fx2_params(&p, G(&f, rtt));
	p.flags0 = RLM_BIT(20);
	p.flags1 = RLM_RMI_REALM_FLAGS1_RTT_TREE_PP;
	p.hash_algo = RLM_RMI_HASH_SHA_384;
	assert_int_equal(realm2_p(&f, G(&f, rd), &p), FX_OK);
	assert_int_equal(C2(&f, REALM_TERMINATE, G(&f, rd), 0, 0, 0, 0), FX_OK);
	assert_int_equal(C2(&f, REALM_DESTROY, G(&f, rd), 0, 0, 0, 0), FX_OK);
	/* transition_sl_rtts before the RD: roots not delegated, RD among the
	 * roots, RD not delegated */
	fx2_params(&p, G(&f, 4));
	assert_int_equal(realm2_p(&f, G(&f, rd), &p), FX_INPUT);
	fx2_params(&p, G(&f, rtt));
	assert_int_equal(del2(&f, G(&f, 1)), FX_OK);
	assert_int_equal(realm2_p(&f, G(&f, rtt + 1), &p), FX_INPUT);	/* RD a root */
	assert_int_equal(realm2_p(&f, G(&f, 5), &p), FX_INPUT);	/* RD not delegated */
	assert_int_equal(realm2_p(&f, G(&f, rd), &p), FX_OK);
	/* everything failed above left the granules as they were */
	assert_int_equal(rlm_mock_delegated_count(f.m), 4);	/* 0, 1, 2, 3 */
	/* the RD and root RTTs are no longer DELEGATED */
	assert_int_equal(realm2_p(&f, G(&f, rd), &p), FX_INPUT);
	fx_fini(&f);
}

static void test_realm_vmids(void **state)
{
	struct rlm_mock_config cfg;
	struct fx f;
	struct rlm_realm_params2 p;
	unsigned int i;

	(void)state;
	rlm_mock_config_default(&cfg);
	cfg.abi = RLM_RMI_V2_0;
	cfg.max_realms = 300;
	cfg.max_rtts = 1024;
	fx_init_cfg(&f, &cfg);
	{
		struct rlm_rmm_config2 rc = { 0, 0 };
		uint8_t *pg = rlm_mock_ns_ptr(f.m, NS(&f, CFG_NS), RLM_GRANULE_SIZE);

		rlm_pack_rmm_config2(&rc, pg, RLM_GRANULE_SIZE);
		assert_int_equal(C2(&f, RMM_CONFIG_SET, NS(&f, CFG_NS), 0, 0, 0, 0), FX_OK);
		assert_int_equal(C2(&f, RMM_ACTIVATE, 0, 0, 0, 0, 0), FX_OK);
	}
	/* 8-bit VMIDs: 256 realms, then vmid_alloc fails: ERROR_GLOBAL (before
	 * the granules are looked at) */
	for (i = 0; i < 256; i++) {
		assert_int_equal(del2(&f, G(&f, 3 * i)), FX_OK);
		assert_int_equal(del2(&f, G(&f, 3 * i + 1)), FX_OK);
		fx2_params(&p, G(&f, 3 * i + 1));
		p.rtt_level_start = 1;
		p.s2sz = 32;
		p.rtt_num_start = 1;
		assert_int_equal(realm2_p(&f, G(&f, 3 * i), &p), FX_OK);
	}
	fx2_params(&p, G(&f, 3 * 300));
	p.rtt_level_start = 1;
	p.s2sz = 32;
	p.rtt_num_start = 1;
	assert_int_equal(realm2_p(&f, G(&f, 3 * 301), &p), RLM_RMI_ERROR_GLOBAL);
	/* a destroyed realm's VMID is free again */
	assert_int_equal(C2(&f, REALM_TERMINATE, G(&f, 3 * 7), 0, 0, 0, 0), FX_OK);
	assert_int_equal(C2(&f, REALM_DESTROY, G(&f, 3 * 7), 0, 0, 0, 0), FX_OK);
	assert_int_equal(del2(&f, G(&f, 3 * 300)), FX_OK);
	assert_int_equal(del2(&f, G(&f, 3 * 301)), FX_OK);
	assert_int_equal(realm2_p(&f, G(&f, 3 * 301), &p), FX_OK);
	fx_fini(&f);
}

static void test_realm_states(void **state)
{
	struct fx f;
	struct rlm_conduit c;
	struct rlm_rmi_result res;

	(void)state;
	fx2_init(&f, true);
	rlm_mock_conduit(f.m, &c);
	realm2(&f, 0, 2);
	/* smc_realm_activate: RD (INPUT), NEW (REALM) */
	assert_int_equal(del2(&f, G(&f, 1)), FX_OK);
	assert_int_equal(rlm_rmi2_realm_activate(&c, G(&f, 1), &res), RLM_ERMI);
	assert_int_equal(res.status, FX_INPUT);
	/* smc_realm_destroy: RD, no RECs, ZOMBIE */
	assert_int_equal(C2(&f, REALM_DESTROY, G(&f, 1), 0, 0, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, REALM_DESTROY, G(&f, 0), 0, 0, 0, 0), FX_REALM);
	assert_int_equal(rlm_rmi2_realm_activate(&c, G(&f, 0), &res), 0);
	assert_int_equal(C2(&f, REALM_ACTIVATE, G(&f, 0), 0, 0, 0, 0), FX_REALM);
	assert_int_equal(C2(&f, REALM_DESTROY, G(&f, 0), 0, 0, 0, 0), FX_REALM);
	/* smc_realm_terminate: RD (INPUT); any state, twice */
	assert_int_equal(C2(&f, REALM_TERMINATE, G(&f, 1), 0, 0, 0, 0), FX_INPUT);
	assert_int_equal(rlm_rmi2_realm_terminate(&c, G(&f, 0), &res), 0);
	assert_int_equal(C2(&f, REALM_TERMINATE, G(&f, 0), 0, 0, 0, 0), FX_OK);
	assert_int_equal(C2(&f, REALM_ACTIVATE, G(&f, 0), 0, 0, 0, 0), FX_REALM);
	assert_int_equal(rlm_rmi2_realm_destroy(&c, G(&f, 0), &res), 0);
	assert_int_equal(C2(&f, REALM_DESTROY, G(&f, 0), 0, 0, 0, 0), FX_INPUT);
	assert_int_equal(rlm_rmi2_granule_range_undelegate_all(&c, G(&f, 0), G(&f, 4), 0, NULL,
							       &res), 0);
	assert_int_equal(rlm_mock_delegated_count(f.m), 0);
	fx_fini(&f);
}


/* ---- rtt.c / rtt_map.c: RTTs, INIT_RIPAS, RTT_DATA_MAP_INIT ------------- */

#define SRC_NS 1002

static void test_rtts_data(void **state)
{
	struct fx f;
	struct rlm_conduit c;
	struct rlm_rmi_result res;
	struct rlm_rmi2_rtt_entry en;
	struct rlm_realm_params2 p;
	struct rlm_rim want;
	uint8_t meas[64], *src;
	size_t hs = 0;
	uint64_t top = 0, rtt = 0, t2 = 0;
	unsigned int i;

	(void)state;
	fx2_init(&f, true);
	rlm_mock_conduit(f.m, &c);
	realm2(&f, 0, 2);
	fx2_params(&p, G(&f, 2));
	assert_int_equal(rlm_rim_init2(&want, &p), 0);
	for (i = 4; i < 8; i++)
		assert_int_equal(del2(&f, G(&f, i)), FX_OK);
	/* rtt.c rtt_create as 1.0: the RTT granule, the RD, the level */
	assert_int_equal(C2(&f, RTT_CREATE, G(&f, 0), G(&f, 1), 0, 2, 0), FX_INPUT);
	assert_int_equal(C2(&f, RTT_CREATE, G(&f, 4), G(&f, 5), 0, 2, 0), FX_INPUT);
	assert_int_equal(C2(&f, RTT_CREATE, G(&f, 0), G(&f, 4), 0, 1, 0), FX_INPUT);
	assert_int_equal(C2(&f, RTT_CREATE, G(&f, 0), G(&f, 4), 0, 3, 0), FX_RTT(1));
	assert_int_equal(rlm_rmi2_rtt_create(&c, G(&f, 0), G(&f, 4), 0, 2, &res), 0);
	assert_int_equal(rlm_rmi2_rtt_create(&c, G(&f, 0), G(&f, 5), 0, 3, &res), 0);
	assert_int_equal(rlm_rmi2_rtt_read_entry(&c, G(&f, 0), 0, 2, &en, &res), 0);
	assert_int_equal(en.state, RLM_RMI_TABLE);
	assert_int_equal(en.desc, G(&f, 5));
	/* smc_rtt_init_ripas: range, RD, alignment and PAR, NEW, the walk */
	assert_int_equal(C2(&f, RTT_INIT_RIPAS, G(&f, 0), 0x2000, 0x2000, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, RTT_INIT_RIPAS, G(&f, 4), 0, 0x2000, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, RTT_INIT_RIPAS, G(&f, 0), 0x800, 0x2000, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, RTT_INIT_RIPAS, G(&f, 0), 0, UINT64_C(1) << 39 | 0x1000, 0, 0),
			 FX_INPUT);
	assert_int_equal(C2(&f, RTT_INIT_RIPAS, G(&f, 0), 0x40001000, 0x40002000, 0, 0), FX_RTT(1));
	assert_int_equal(rlm_rmi2_rtt_init_ripas(&c, G(&f, 0), 0, 0x3000, &top, &res), 0);
	assert_int_equal(top, 0x3000);
	/* not measured under 2.0 */
	assert_int_equal(rlm_mock_measurement(f.m, G(&f, 0), 0, meas, &hs), 0);
	assert_int_equal(hs, 32);
	assert_memory_equal(meas, want.value, 32);
	assert_int_equal(rlm_rmi2_rtt_read_entry(&c, G(&f, 0), 0x1000, 3, &en, &res), 0);
	assert_int_equal(en.state, RLM_RMI_UNASSIGNED);
	assert_int_equal(en.ripas, RLM_RIPAS_RAM);
	/* smc_rtt_data_map_init, each check with the later ones failing too */
	src = rlm_mock_ns_ptr(f.m, NS(&f, SRC_NS), RLM_GRANULE_SIZE);
	for (i = 0; i < RLM_GRANULE_SIZE; i++)
		src[i] = (uint8_t)(i * 7);
	assert_int_equal(C2(&f, RTT_DATA_MAP_INIT, G(&f, 9), G(&f, 9), 3, G(&f, 9), 2), FX_INPUT);
	assert_int_equal(C2(&f, RTT_DATA_MAP_INIT, G(&f, 0), G(&f, 0), 0x1000, NS(&f, SRC_NS), 1),
			 FX_INPUT);
	assert_int_equal(C2(&f, RTT_DATA_MAP_INIT, G(&f, 0), G(&f, 6), 0x1000, G(&f, 7), 1),
			 FX_INPUT);
	assert_int_equal(C2(&f, RTT_DATA_MAP_INIT, G(&f, 4), G(&f, 6), 0x1000, NS(&f, SRC_NS), 1),
			 FX_INPUT);
	assert_int_equal(C2(&f, RTT_DATA_MAP_INIT, G(&f, 0), G(&f, 9), 0x1800, NS(&f, SRC_NS), 1),
			 FX_INPUT);
	assert_int_equal(C2(&f, RTT_DATA_MAP_INIT, G(&f, 0), G(&f, 9), UINT64_C(1) << 39,
			    NS(&f, SRC_NS), 1), FX_INPUT);
	assert_int_equal(C2(&f, RTT_DATA_MAP_INIT, G(&f, 0), G(&f, 9), 0x40000000,
			    NS(&f, SRC_NS), 1), FX_RTT(1));
	assert_int_equal(C2(&f, RTT_DATA_MAP_INIT, G(&f, 0), G(&f, 5), 0x1000, NS(&f, SRC_NS), 1),
			 FX_INPUT);	/* the leaf RTT itself */
	assert_int_equal(C2(&f, RTT_DATA_MAP_INIT, G(&f, 0), G(&f, 9), 0x1000, NS(&f, SRC_NS), 1),
			 FX_INPUT);	/* not delegated */
	assert_int_equal(rlm_rmi2_rtt_data_map_init(&c, G(&f, 0), G(&f, 6), 0x1000, NS(&f, SRC_NS),
						    RLM_RMI_MEASURE_CONTENT, &res), 0);
	assert_int_equal(rlm_rim_extend_data(&want, 0x1000, RLM_RMI_MEASURE_CONTENT, src), 0);
	assert_int_equal(C2(&f, RTT_DATA_MAP_INIT, G(&f, 0), G(&f, 7), 0x1000, NS(&f, SRC_NS), 1),
			 FX_RTT(3));
	assert_int_equal(rlm_rmi2_rtt_data_map_init(&c, G(&f, 0), G(&f, 7), 0x5000, NS(&f, SRC_NS),
						    RLM_RMI_NO_MEASURE_CONTENT, &res), 0);
	assert_int_equal(rlm_rim_extend_data(&want, 0x5000, RLM_RMI_NO_MEASURE_CONTENT, src), 0);
	assert_int_equal(rlm_mock_measurement(f.m, G(&f, 0), 0, meas, &hs), 0);
	assert_memory_equal(meas, want.value, 32);
	assert_int_equal(rlm_rmi2_rtt_read_entry(&c, G(&f, 0), 0x1000, 3, &en, &res), 0);
	assert_int_equal(en.state, RLM_RMI_ASSIGNED);
	assert_int_equal(en.desc, G(&f, 6));
	assert_int_equal(en.ripas, RLM_RIPAS_RAM);
	/* INIT_RIPAS passes RAM entries over: up to the top asked */
	assert_int_equal(rlm_rmi2_rtt_init_ripas(&c, G(&f, 0), 0x1000, 0x6000, &top, &res), 0);
	assert_int_equal(top, 0x6000);
	/* rtt_fold / rtt_destroy as 1.0: a live L3 table is not destroyed */
	assert_int_equal(rlm_rmi2_rtt_destroy(&c, G(&f, 0), 0, 3, &rtt, &t2, &res), RLM_ERMI);
	assert_int_equal(res.status, RLM_RMI_ERROR_RTT);
	/* after ACTIVATE: REALM */
	assert_int_equal(C2(&f, REALM_ACTIVATE, G(&f, 0), 0, 0, 0, 0), FX_OK);
	assert_int_equal(C2(&f, RTT_DATA_MAP_INIT, G(&f, 0), G(&f, 9), 0x1000, NS(&f, SRC_NS), 1),
			 FX_REALM);
	assert_int_equal(C2(&f, RTT_INIT_RIPAS, G(&f, 0), 0x8000, 0x9000, 0, 0), FX_REALM);
	fx_fini(&f);
}


/* ---- a whole realm life through the planner and rlm_rmi2_op_run ------- */

#define LIST_NS 1003
#define RECP_NS 1004
#define RUN_NS 1005

/* The test's granule allocator: pool granules from next, delegated here. */
struct alloc2 {
	struct fx *f;
	uint64_t next;
	uint64_t given, back;
	uint64_t back_pa[64];
	bool dry;
};

static int a2_donate(void *ctx, uint8_t state, bool contig, uint64_t *pa, size_t n)
{
	struct alloc2 *a = ctx;
	size_t i;

	assert_int_equal(state, RLM_RMI_OP_MEM_DELEGATED);
	assert_false(contig);
	if (a->dry)
		return RLM_ENOMEM;
	for (i = 0; i < n; i++) {
		pa[i] = G(a->f, a->next++);
		assert_int_equal(del2(a->f, pa[i]), FX_OK);
	}
	a->given += n;
	return (int)n;
}

static void a2_reclaim(void *ctx, uint8_t state, uint64_t base, uint64_t count)
{
	struct alloc2 *a = ctx;
	uint64_t i;

	assert_int_equal(state, RLM_RMI_OP_MEM_DELEGATED);
	for (i = 0; i < count; i++) {
		if (a->back < 64)
			a->back_pa[a->back] = base + i * RLM_GRANULE_SIZE;
		a->back++;
	}
}

static const struct rlm_rmi2_mem_ops a2_ops = { a2_donate, a2_reclaim };

static void op2_init(struct fx *f, struct rlm_rmi2_op *op, struct rlm_conduit *c,
		     struct alloc2 *a)
{
	memset(op, 0, sizeof(*op));
	op->c = c;
	op->mem = &a2_ops;
	op->mem_ctx = a;
	op->list = rlm_mock_ns_ptr(f->m, NS(f, LIST_NS), RLM_GRANULE_SIZE);
	assert_non_null(op->list);
	op->list_pa = NS(f, LIST_NS);
	op->list_cap = 64;
}

static uint64_t recp2(struct fx *f, uint64_t flags, uint64_t mpidr, uint64_t pc,
		      const uint64_t *gprs)
{
	struct rlm_rec_params2 p;
	uint8_t *page = rlm_mock_ns_ptr(f->m, NS(f, RECP_NS), RLM_GRANULE_SIZE);
	unsigned int i;

	memset(&p, 0, sizeof(p));
	p.flags = flags;
	p.mpidr = mpidr;
	p.pc = pc;
	for (i = 0; gprs && i < RLM_REC_CREATE_NR_GPRS; i++)
		p.gprs[i] = gprs[i];
	assert_int_equal(rlm_pack_rec_params2(&p, page, RLM_GRANULE_SIZE), 0);
	return NS(f, RECP_NS);
}

/* The planner's visitor executing each step on the mock. */
struct life2 {
	struct fx *f;
	struct rlm_conduit c;
	const struct rlm_launch_desc *d;
	struct alloc2 a;
	uint64_t rd, next, recs[4];
	size_t nrecs;
	uint64_t data[8], data_ipa[8];
	size_t ndata;
	uint64_t rtt_ipa[16];
	int rtt_level[16];
	size_t nrtt;
};

static uint64_t take(struct life2 *l)
{
	uint64_t pa = G(l->f, l->next++);

	assert_int_equal(del2(l->f, pa), FX_OK);
	return pa;
}

static int life_visit(void *arg, const struct rlm_launch_op *op)
{
	struct life2 *l = arg;
	struct fx *f = l->f;
	struct rlm_rmi_result res;
	struct rlm_realm_params2 p;
	struct rlm_rmi2_op o;
	uint64_t top = 0, addr, data;
	uint8_t *src;
	unsigned int i;

	switch (op->type) {
	case RLM_LOP_REALM_CREATE:
		assert_non_null(op->params2);
		p = *op->params2;
		l->next = (l->next + 15) & ~(uint64_t)15;	/* root alignment */
		p.rtt_base = G(f, l->next);
		for (i = 0; i < p.rtt_num_start; i++)
			(void)take(l);
		l->rd = take(l);
		assert_int_equal(realm2_p(f, l->rd, &p), FX_OK);
		break;
	case RLM_LOP_RTT_CREATE:
		assert_int_equal(rlm_rmi2_rtt_create(&l->c, l->rd, take(l), op->ipa, op->level,
						     &res), 0);
		assert_true(l->nrtt < 16);
		l->rtt_ipa[l->nrtt] = op->ipa;
		l->rtt_level[l->nrtt++] = op->level;
		break;
	case RLM_LOP_INIT_RIPAS:
		for (addr = op->ipa; addr < op->top; addr = top)
			assert_int_equal(rlm_rmi2_rtt_init_ripas(&l->c, l->rd, addr, op->top, &top,
								 &res), 0);
		break;
	case RLM_LOP_DATA:
		src = rlm_mock_ns_ptr(f->m, NS(f, SRC_NS), RLM_GRANULE_SIZE);
		memset(src, 0, RLM_GRANULE_SIZE);
		memcpy(src + op->content_off, op->content, op->content_len);
		data = take(l);
		assert_int_equal(rlm_rmi2_rtt_data_map_init(&l->c, l->rd, data, op->ipa,
							    NS(f, SRC_NS), op->flags, &res), 0);
		assert_true(l->ndata < 8);
		l->data_ipa[l->ndata] = op->ipa;
		l->data[l->ndata++] = data;
		break;
	case RLM_LOP_REC_CREATE: {
		const struct rlm_launch_vcpu *v = &l->d->vcpus[op->vcpu];
		uint64_t rec = take(l);

		l->a.next = l->next + 64;
		op2_init(f, &o, &l->c, &l->a);
		assert_int_equal(rlm_rmi2_rec_create(&o, l->rd, rec,
						     recp2(f, v->runnable ? RLM_REC_PARAMS_FLAG_RUNNABLE : 0,
							   v->mpidr, v->pc, v->gprs), &res), 0);
		assert_true(o.started);
		assert_int_equal(o.donated, 16);
		assert_int_equal(o.reclaimed, 0);
		l->next = l->a.next;
		l->recs[l->nrecs++] = rec;
		break;
	}
	case RLM_LOP_ACTIVATE:
		assert_int_equal(rlm_rmi2_realm_activate(&l->c, l->rd, &res), 0);
		break;
	default:
		fail_msg("unexpected planner step %d", (int)op->type);
	}
	return 0;
}

static uint8_t img2_[6000];
static const struct rlm_launch_ram ram2_[] = { { 0x80000000, 0x400000 } };

static void desc2(struct rlm_launch_desc *d, struct rlm_launch_image *im,
		  struct rlm_launch_vcpu *v, uint8_t algo)
{
	size_t i;

	for (i = 0; i < sizeof(img2_); i++)
		img2_[i] = (uint8_t)(i ^ (i >> 8));
	memset(im, 0, sizeof(*im));
	im->ipa = 0x80000000;
	im->data = img2_;
	im->len = sizeof(img2_);
	im->measured = true;
	memset(v, 0, 2 * sizeof(*v));
	v[0].runnable = true;
	v[0].pc = 0x80000000;
	v[0].gprs[0] = 0x1234;
	v[0].gprs[7] = 0x77;
	v[1].mpidr = 1;
	memset(d, 0, sizeof(*d));
	d->params.s2sz = 40;
	d->params.num_bps = 1;
	d->params.num_wps = 1;
	d->params.hash_algo = algo;
	d->ram = ram2_;
	d->nram = 1;
	d->images = im;
	d->nimages = 1;
	d->vcpus = v;
	d->nvcpus = 2;
	d->ripas_level = 2;
	d->abi = RLM_RMI_V2_0;
}

static void life2_launch(struct fx *f, struct life2 *l, struct rlm_launch_desc *d, uint8_t algo)
{
	static struct rlm_launch_image im;
	static struct rlm_launch_vcpu v[2];
	struct rlm_rim want;
	uint8_t meas[64];
	size_t hs = 0;

	desc2(d, &im, v, algo);
	memset(l, 0, sizeof(*l));
	l->f = f;
	l->d = d;
	l->a.f = f;
	l->next = 16;
	rlm_mock_conduit(f->m, &l->c);
	assert_int_equal(rlm_launch_walk(d, life_visit, l), 0);
	/* the mock's RIM is the planner's */
	assert_int_equal(rlm_launch_predict(d, &want, NULL), 0);
	assert_int_equal(rlm_mock_measurement(f->m, l->rd, 0, meas, &hs), 0);
	assert_int_equal(hs, rlm_hash_size((enum rlm_hash_algo)algo));
	assert_memory_equal(meas, want.value, hs);
}

static void test_life(void **state)
{
	static const uint8_t algos[] = { RLM_HASH_SHA256, RLM_HASH_SHA512, RLM_HASH_SHA384 };
	unsigned int k;

	(void)state;
	for (k = 0; k < 3; k++) {
		struct fx f;
		struct life2 l;
		struct rlm_launch_desc d;
		struct rlm_rmi_result res;
		struct rlm_smc_regs call, last;
		struct rlm_rec_exit2 ex;
		struct rlm_rmi2_op o;
		uint8_t *run;
		size_t i;

		fx2_init(&f, true);
		rlm_mock_set_full_checks(f.m, k == 1);	/* the full walk after each call */
		life2_launch(&f, &l, &d, algos[k]);
		assert_int_equal(l.nrecs, 2);
		/* REC_ENTER: an RSI call, then nothing left: IRQ */
		memset(&call, 0, sizeof(call));
		call.x[0] = RLM_SMC_RSI_ABI_VERSION;
		call.x[1] = RLM_RSI_ABI_VERSION_1_0;
		assert_int_equal(rlm_mock_realm_queue(f.m, l.recs[0], &call), 0);
		run = rlm_mock_ns_ptr(f.m, NS(&f, RUN_NS), RLM_GRANULE_SIZE);
		memset(run, 0, RLM_GRANULE_SIZE);
		assert_int_equal(rlm_rmi2_rec_enter(&l.c, l.recs[0], NS(&f, RUN_NS), &res), 0);
		assert_int_equal(rlm_unpack_rec_exit2(&ex, run + RLM_RMI2_REC_ENTER_SIZE,
						      RLM_RMI2_REC_EXIT_SIZE), 0);
		assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_IRQ);
		assert_int_equal(rlm_mock_realm_last_result(f.m, l.recs[0], &last), 0);
		assert_int_equal(last.x[0], RLM_RSI_SUCCESS);
		/* not runnable: REC; not a REC: INPUT; run page not NS: INPUT */
		assert_int_equal(C2(&f, REC_ENTER, l.recs[1], NS(&f, RUN_NS), 0, 0, 0), FX_REC);
		assert_int_equal(C2(&f, REC_ENTER, l.rd, NS(&f, RUN_NS), 0, 0, 0), FX_INPUT);
		assert_int_equal(C2(&f, REC_ENTER, l.recs[0], l.rd, 0, 0, 0), FX_INPUT);
		/* REALM_TERMINATE: entering is ERROR_REALM (no index) */
		assert_int_equal(rlm_rmi2_realm_terminate(&l.c, l.rd, &res), 0);
		assert_int_equal(C2(&f, REC_ENTER, l.recs[0], NS(&f, RUN_NS), 0, 0, 0), FX_REALM);
		assert_int_equal(C2(&f, REALM_DESTROY, l.rd, 0, 0, 0, 0), FX_REALM);	/* RECs */
		/* REC_DESTROY through the engine: the 16 aux granules come back */
		for (i = 0; i < l.nrecs; i++) {
			op2_init(&f, &o, &l.c, &l.a);
			l.a.back = 0;
			assert_int_equal(rlm_rmi2_rec_destroy(&o, l.recs[i], &res), 0);
			assert_int_equal(o.reclaimed, 16);
			assert_int_equal(l.a.back, 16);
		}
		assert_int_equal(C2(&f, REC_DESTROY, l.recs[0], 0, 0, 0, 0), FX_INPUT);
		/* RTT_DATA_UNMAP after TERMINATE: one granule with a SINGLE range,
		 * the rest with no output */
		assert_int_equal(C2(&f, RTT_DATA_UNMAP, l.rd, l.data_ipa[0],
				    l.data_ipa[0] + RLM_GRANULE_SIZE, ADDR_SINGLE_, 0), FX_OK);
		assert_int_equal(f.r.x[1], l.data_ipa[0] + RLM_GRANULE_SIZE);
		assert_int_equal(f.r.x[2], l.data[0] | RLM_FIELD_PREP(RLM_RMI_ADDR_RDESC_4K_CNT, 1));
		assert_int_equal(f.r.x[3], 0);
		for (i = 1; i < l.ndata; i++) {
			assert_int_equal(C2(&f, RTT_DATA_UNMAP, l.rd, l.data_ipa[i],
					    l.data_ipa[i] + RLM_GRANULE_SIZE, 0, 0), FX_OK);
			assert_int_equal(f.r.x[2], 0);
		}
		/* rtt_unmap_one_table: nothing live in the range is passed over;
		 * a first entry wider than the range is ERROR_RTT at its level */
		assert_int_equal(C2(&f, RTT_DATA_UNMAP, l.rd, l.data_ipa[0],
				    l.data_ipa[0] + RLM_GRANULE_SIZE, 0, 0), FX_OK);
		assert_int_equal(f.r.x[1], l.data_ipa[0] + RLM_GRANULE_SIZE);
		assert_int_equal(C2(&f, RTT_DATA_UNMAP, l.rd, UINT64_C(0x40000000),
				    UINT64_C(0x40001000), 0, 0), FX_RTT(1));
		/* validate_unmap_inputs: range, IPA, PAR, oaddr for NONE / LIST */
		assert_int_equal(C2(&f, RTT_DATA_UNMAP, l.rd, 0x2000, 0x1000, 0, 0), FX_INPUT);
		assert_int_equal(C2(&f, RTT_DATA_UNMAP, l.rd, 0x1800, 0x3000, 0, 0), FX_INPUT);
		assert_int_equal(C2(&f, RTT_DATA_UNMAP, l.rd, UINT64_C(1) << 39,
				    (UINT64_C(1) << 39) + 0x1000, 0, 0), FX_INPUT);
		assert_int_equal(C2(&f, RTT_UNPROT_UNMAP, l.rd, 0, 0x1000, 0, 0), FX_INPUT);
		assert_int_equal(C2(&f, RTT_DATA_UNMAP, l.rd, 0, 0x1000, 0, NS(&f, LIST_NS)), FX_INPUT);
		assert_int_equal(C2(&f, RTT_DATA_UNMAP, l.rd, 0, 0x1000, 2, NS(&f, LIST_NS)), FX_INPUT);
		assert_int_equal(C2(&f, RTT_DATA_UNMAP, l.rd, 0, 0x1000, 2 | 4, NS(&f, LIST_NS) + 4),
				 FX_INPUT);
		assert_int_equal(C2(&f, RTT_DATA_UNMAP, l.rd, 0, 0x1000, 2 | 4, l.rd), FX_INPUT);
		assert_int_equal(C2(&f, RTT_DATA_UNMAP, l.rd, 0, 0x1000, 3, 0), FX_INPUT);
		assert_int_equal(C2(&f, RTT_DATA_UNMAP, l.recs[0], 0, 0x1000, 0, 0), FX_INPUT);
		/* RTTs, deepest first, then the realm */
		for (i = l.nrtt; i-- > 0;) {
			uint64_t rtt = 0, top = 0;

			assert_int_equal(rlm_rmi2_rtt_destroy(&l.c, l.rd, l.rtt_ipa[i], l.rtt_level[i],
							      &rtt, &top, &res), 0);
			assert_int_equal(C2(&f, GRANULE_RANGE_UNDELEGATE, rtt, rtt + RLM_GRANULE_SIZE,
					    0, 0, 0), FX_OK);
		}
		assert_int_equal(rlm_rmi2_realm_destroy(&l.c, l.rd, &res), 0);
		for (i = 0; i < l.a.next + 16; i++)
			(void)del2_undo(&f, G(&f, i));
		assert_int_equal(rlm_mock_delegated_count(f.m), 0);
		fx_fini(&f);
	}
}


/* ---- rec.c smc_rec_create / rec_create_continue, sro.c: failure paths --- */

static uint64_t list1(struct fx *f, uint64_t pa, uint64_t cnt, bool undelegated)
{
	uint8_t *l = rlm_mock_ns_ptr(f->m, NS(f, LIST_NS), RLM_GRANULE_SIZE);

	rlm_put_le64(l, pa | RLM_FIELD_PREP(RLM_RMI_ADDR_RDESC_4K_CNT, cnt) |
		     (undelegated ? RLM_RMI_ADDR_RDESC_4K_ST : 0));
	return NS(f, LIST_NS);
}

static void test_rec_ops(void **state)
{
	struct fx f;
	uint64_t h, rd = 0, rec = 4, aux = 32, x2, i;
	uint8_t *l;

	(void)state;
	fx2_init(&f, true);
	realm2(&f, rd, 2);
	for (i = 0; i < 16; i++)
		assert_int_equal(del2(&f, G(&f, aux + i)), FX_OK);
	/* smc_rec_create: only the REC granule is checked at first */
	assert_int_equal(C2(&f, REC_CREATE, G(&f, rd), G(&f, rec), 0, 0, 0), FX_INPUT);
	assert_int_equal(del2(&f, G(&f, rec)), FX_OK);
	assert_int_equal(C2(&f, REC_CREATE, G(&f, 9), G(&f, rec), 0, 0, 0),
			 RLM_RMI_INCOMPLETE | RLM_FIELD_PREP(RLM_RMI2_RETURN_MEM_REQ, 1));
	h = f.r.x[1];
	x2 = f.r.x[2];
	assert_int_equal(h, 0);
	assert_int_equal(x2, 0x40);	/* 16 x 4 KiB, not contiguous, delegated */
	/* the REC granule is PARTIAL: not undelegatable, not a REC */
	assert_int_equal(del2_undo(&f, G(&f, rec)), FX_INPUT);
	assert_int_equal(C2(&f, REC_DESTROY, G(&f, rec), 0, 0, 0, 0), FX_INPUT);
	/* sro.c: unknown handle, wrong step, bad list address */
	assert_int_equal(C2(&f, OP_MEM_DONATE, 99, list1(&f, G(&f, aux), 16, false), 1, 0, 0),
			 FX_INPUT);
	assert_int_equal(C2(&f, OP_MEM_DONATE, 1, list1(&f, G(&f, aux), 16, false), 1, 0, 0),
			 FX_INPUT);
	assert_int_equal(C2(&f, OP_CONTINUE, h, 0, 0, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, OP_MEM_RECLAIM, h, NS(&f, LIST_NS), 8, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, OP_CANCEL, h, 0, 0, 0, 0), FX_INPUT);	/* not cancellable */
	assert_int_equal(C2(&f, OP_MEM_DONATE, h, NS(&f, LIST_NS) + 4, 1, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, OP_MEM_DONATE, h, G(&f, rd), 1, 0, 0), FX_INPUT);	/* not NS */
	assert_int_equal(C2(&f, OP_MEM_DONATE, h, list1(&f, G(&f, aux), 16, true), 1, 0, 0),
			 FX_INPUT);	/* state */
	assert_int_equal(C2(&f, OP_MEM_DONATE, h, list1(&f, G(&f, aux), 17, false), 1, 0, 0),
			 FX_INPUT);	/* more than asked */
	/* an empty list: no progress, the same request again */
	assert_int_equal(C2(&f, OP_MEM_DONATE, h, NS(&f, LIST_NS), 0, 0, 0),
			 RLM_RMI_INCOMPLETE | RLM_FIELD_PREP(RLM_RMI2_RETURN_MEM_REQ, 1));
	assert_int_equal(f.r.x[1], 0);
	assert_int_equal(f.r.x[2], x2);
	/* a partial donation: 4, then a list whose 2nd granule is not delegated */
	assert_int_equal(C2(&f, OP_MEM_DONATE, h, list1(&f, G(&f, aux), 4, false), 1, 0, 0),
			 RLM_RMI_INCOMPLETE | RLM_FIELD_PREP(RLM_RMI2_RETURN_MEM_REQ, 1));
	assert_int_equal(f.r.x[1], 4);
	assert_int_equal(f.r.x[2], RLM_FIELD_PREP(RLM_RMI_OP_DONATE_BLK_COUNT, 12));
	assert_int_equal(C2(&f, OP_MEM_DONATE, h, list1(&f, G(&f, aux + 3), 13, false), 1, 0, 0),
			 FX_INPUT);	/* 13 > 12 asked */
	/* the first granule bad with nothing consumed (aux + 3 is REC_AUX
	 * already): sro_obj_memory_donate turns the op into a reclaim of the 4 */
	assert_int_equal(C2(&f, OP_MEM_DONATE, h, list1(&f, G(&f, aux + 3), 12, false), 1, 0, 0),
			 RLM_RMI_INCOMPLETE | RLM_FIELD_PREP(RLM_RMI2_RETURN_MEM_REQ, 2));
	assert_int_equal(f.r.x[1], 0);
	assert_int_equal(C2(&f, OP_MEM_RECLAIM, h, NS(&f, LIST_NS), 8, 0, 0), RLM_RMI_INCOMPLETE);
	assert_int_equal(f.r.x[1], 1);
	assert_int_equal(C2(&f, OP_CONTINUE, h, 0, 0, 0, 0), FX_INPUT);
	/* again: a partial donation stops at the first bad granule */
	assert_int_equal(C2(&f, REC_CREATE, G(&f, 9), G(&f, rec), 0, 0, 0) & 0xff,
			 RLM_RMI_INCOMPLETE);
	h = f.r.x[1];
	assert_int_equal(C2(&f, OP_MEM_DONATE, h, list1(&f, G(&f, aux), 4, false), 1, 0, 0) & 0xff,
			 RLM_RMI_INCOMPLETE);
	assert_int_equal(C2(&f, OP_MEM_DONATE, h, list1(&f, G(&f, aux + 3), 13, false), 1, 0, 0),
			 FX_INPUT);	/* 13 > 12 asked */
	assert_int_equal(del2_undo(&f, G(&f, aux + 10)), FX_OK);
	assert_int_equal(C2(&f, OP_MEM_DONATE, h, list1(&f, G(&f, aux + 4), 12, false), 1, 0, 0),
			 RLM_RMI_INCOMPLETE | RLM_FIELD_PREP(RLM_RMI2_RETURN_MEM_REQ, 1));
	assert_int_equal(f.r.x[1], 6);	/* aux + 4 .. aux + 9 */
	assert_int_equal(f.r.x[2], RLM_FIELD_PREP(RLM_RMI_OP_DONATE_BLK_COUNT, 6));
	assert_int_equal(del2(&f, G(&f, aux + 10)), FX_OK);
	assert_int_equal(C2(&f, OP_MEM_DONATE, h, list1(&f, G(&f, aux + 10), 6, false), 1, 0, 0),
			 RLM_RMI_INCOMPLETE);	/* all 16: continue */
	assert_int_equal(f.r.x[1], 6);
	/* rec_create_continue: RD bad (rd g9) -> the aux come back, then INPUT */
	assert_int_equal(C2(&f, OP_CONTINUE, h, 0, 0, 0, 0),
			 RLM_RMI_INCOMPLETE | RLM_FIELD_PREP(RLM_RMI2_RETURN_MEM_REQ, 2));
	assert_int_equal(f.r.x[1], 0);
	assert_int_equal(C2(&f, OP_MEM_RECLAIM, h, NS(&f, LIST_NS), 0, 0, 0),
			 RLM_RMI_INCOMPLETE | RLM_FIELD_PREP(RLM_RMI2_RETURN_MEM_REQ, 2));
	l = rlm_mock_ns_ptr(f.m, NS(&f, LIST_NS), RLM_GRANULE_SIZE);
	memset(l, 0, 64);
	assert_int_equal(C2(&f, OP_MEM_RECLAIM, h, NS(&f, LIST_NS), 512, 0, 0), RLM_RMI_INCOMPLETE);
	assert_int_equal(f.r.x[1], 1);	/* one coalesced range */
	assert_int_equal(rlm_get_le64(l), G(&f, aux) | RLM_FIELD_PREP(RLM_RMI_ADDR_RDESC_4K_CNT, 16));
	assert_int_equal(C2(&f, OP_CONTINUE, h, 0, 0, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, OP_CONTINUE, h, 0, 0, 0, 0), FX_INPUT);	/* freed */
	/* the REC granule is DELEGATED again; the same with a good RD but the
	 * MPIDR of the second REC: INPUT; with the realm active: REALM */
	{
		static const struct { uint64_t mpidr; bool act; uint64_t want; } c[] = {
			{ 1, false, RLM_RMI_ERROR_INPUT },
			{ 0x100000000ull, false, RLM_RMI_ERROR_INPUT },
			{ 0, true, RLM_RMI_ERROR_REALM },
		};
		unsigned int k;

		for (k = 0; k < 3; k++) {
			if (c[k].act)
				assert_int_equal(C2(&f, REALM_ACTIVATE, G(&f, rd), 0, 0, 0, 0), FX_OK);
			assert_int_equal(C2(&f, REC_CREATE, G(&f, rd), G(&f, rec),
					    recp2(&f, 1, c[k].mpidr, 0, NULL), 0, 0) & 0xff,
					 RLM_RMI_INCOMPLETE);
			h = f.r.x[1];
			assert_int_equal(C2(&f, OP_MEM_DONATE, h, list1(&f, G(&f, aux), 16, false),
					    1, 0, 0), RLM_RMI_INCOMPLETE);
			/* the parameters are read at the continue, not before */
			assert_int_equal(C2(&f, OP_CONTINUE, h, 0, 0, 0, 0) >> 8 & 3, 2);
			/* sro_obj_memory_reclaim gives back at most list_count
			 * granules a call */
			assert_int_equal(C2(&f, OP_MEM_RECLAIM, h, NS(&f, LIST_NS), 8, 0, 0),
					 RLM_RMI_INCOMPLETE | RLM_FIELD_PREP(RLM_RMI2_RETURN_MEM_REQ, 2));
			assert_int_equal(f.r.x[1], 1);
			assert_int_equal(C2(&f, OP_CONTINUE, h, 0, 0, 0, 0), FX_INPUT);
			assert_int_equal(C2(&f, OP_MEM_RECLAIM, h, NS(&f, LIST_NS), 8, 0, 0),
					 RLM_RMI_INCOMPLETE);
			assert_int_equal(C2(&f, OP_CONTINUE, h, 0, 0, 0, 0), c[k].want);
		}
	}
	for (i = 0; i < 16; i++)
		assert_int_equal(del2_undo(&f, G(&f, aux + i)), FX_OK);
	assert_int_equal(del2_undo(&f, G(&f, rec)), FX_OK);
	fx_fini(&f);
}

/* RMM_CONFIG / no free SRO context: REC_CREATE answers BLOCKED */
static void test_sro_blocked(void **state)
{
	struct fx f;
	unsigned int i;

	(void)state;
	fx2_init(&f, true);
	realm2(&f, 0, 2);
	for (i = 0; i < 161; i++)
		assert_int_equal(del2(&f, G(&f, 100 + i)), FX_OK);
	for (i = 0; i < 160; i++) {
		assert_int_equal(C2(&f, REC_CREATE, G(&f, 0), G(&f, 100 + i), 0, 0, 0) & 0xff,
				 RLM_RMI_INCOMPLETE);
		assert_int_equal(f.r.x[1], i);
	}
	assert_int_equal(C2(&f, REC_CREATE, G(&f, 0), G(&f, 260), 0, 0, 0), RLM_RMI_BLOCKED);
	assert_int_equal(C2(&f, REC_DESTROY, G(&f, 260), 0, 0, 0, 0), RLM_RMI_BLOCKED);
	assert_int_equal(C2(&f, RTT_DATA_UNMAP, G(&f, 0), 0, 0x1000, 0, 0), RLM_RMI_BLOCKED);
	/* rlm_mock_reset frees them (and returns to the init state) */
	assert_int_equal(rlm_mock_reset(f.m), 0);
	assert_int_equal(rlm_mock_delegated_count(f.m), 0);
	fx_fini(&f);
}

/* Commands of features the model has not */
static void test_not_modelled(void **state)
{
	struct fx f;
	struct life2 l;
	struct rlm_launch_desc d;

	(void)state;
	fx2_init(&f, true);
	life2_launch(&f, &l, &d, RLM_HASH_SHA256);
	/* pdev.c / vdev.c with DA off: SMC_NOT_SUPPORTED; psmmu.c: ERROR_NOT_SUPPORTED */
	assert_int_equal(C2(&f, PDEV_CREATE, G(&f, 1), NS(&f, 1), 0, 0, 0), RLM_SMCCC_NOT_SUPPORTED);
	assert_int_equal(C2(&f, PDEV_GET_STATE, G(&f, 1), 0, 0, 0, 0), RLM_SMCCC_NOT_SUPPORTED);
	assert_int_equal(C2(&f, VDEV_CREATE, l.rd, 0, 0, 0, 0), RLM_SMCCC_NOT_SUPPORTED);
	assert_int_equal(C2(&f, VDEV_UNLOCK, l.rd, 0, 0, 0, 0), RLM_SMCCC_NOT_SUPPORTED);
	assert_int_equal(f.r.x[1], 0);
	assert_int_equal(C2(&f, PSMMU_ACTIVATE, 0, 0, 0, 0, 0), RLM_RMI_ERROR_NOT_SUPPORTED);
	assert_int_equal(C2(&f, PDEV_STREAM_KEY_PURGE, 0, 0, 0, 0, 0), RLM_RMI_ERROR_NOT_SUPPORTED);
	/* aux RTTs: a realm without auxiliary planes */
	assert_int_equal(C2(&f, RTT_AUX_CREATE, l.rd, G(&f, 1), 0, 2, 1), FX_INPUT);
	assert_int_equal(C2(&f, RTT_AUX_MAP_PROTECTED, l.rd, 0, 1, 0, 0), FX_INPUT);
	/* S2AP change / device validation: the REC has no request pending */
	assert_int_equal(C2(&f, RTT_SET_S2AP, l.rd, l.recs[0], 0, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, RTT_SET_S2AP, l.rd, l.rd, 0, 0x1000, 0), FX_INPUT);
	assert_int_equal(C2(&f, RTT_SET_S2AP, l.rd, l.recs[0], 0, 0x1000, 0), FX_INPUT);
	assert_int_equal(C2(&f, RTT_DEV_VALIDATE, l.rd, l.recs[0], 0, 0x1000, 0), FX_INPUT);
	/* device memory: no VDEV; a DEV unmap finds RAM, not device memory */
	assert_int_equal(C2(&f, RTT_DEV_MAP, l.rd, 0, 0x1000, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, RTT_DEV_UNMAP, l.rd, l.data_ipa[0], l.data_ipa[0] + 0x1000, 0, 0),
			 FX_RTT(3));
	/* granule.c smc_gpt_l1_create: static L1 tables */
	assert_int_equal(C2(&f, GPT_L1_CREATE, UINT64_C(0x40000000), 0, 0, 0, 0), RLM_RMI_ERROR_GPT);
	assert_int_equal(C2(&f, GPT_L1_CREATE, UINT64_C(0x40001000), 0, 0, 0, 0), FX_INPUT);
	/* after TERMINATE the aux map checks the state first */
	assert_int_equal(C2(&f, REALM_TERMINATE, l.rd, 0, 0, 0, 0), FX_OK);
	assert_int_equal(C2(&f, RTT_AUX_MAP_PROTECTED, l.rd, 0, 1, 0, 0), FX_REALM);
	assert_int_equal(C2(&f, RTT_AUX_MAP_UNPROTECTED, l.rd, 0x1000, 1, 0, 0), FX_REALM);
	assert_int_equal(C2(&f, RTT_AUX_UNMAP_PROTECTED, l.rd, 0x1000, 1, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, RTT_DEV_MAP, l.rd, 0, 0x1000, 0, 0), FX_REALM);
	/* rtt_map.c: the realm state first */
	assert_int_equal(C2(&f, RTT_DATA_MAP, l.rd, 0, 0x1000, 0, 0), FX_REALM);
	assert_int_equal(C2(&f, RTT_UNPROT_MAP, l.rd, 0, 0x1000, 0, 0), FX_REALM);
	fx_fini(&f);
}


/* ---- rtt_map.c smc_rtt_data_map / smc_rtt_unprot_map ------------------- */

static uint64_t rdesc(uint64_t pa, uint64_t cnt, int level)
{
	return pa | RLM_FIELD_PREP(RLM_RMI_ADDR_RDESC_4K_CNT, cnt) |
	       RLM_FIELD_PREP(RLM_RMI_ADDR_RDESC_4K_SZ, 3 - level);
}

static void test_maps(void **state)
{
	struct fx f;
	struct rlm_conduit c;
	struct rlm_rmi_result res;
	struct rlm_rmi2_rtt_entry en;
	const uint64_t U = UINT64_C(1) << 39;	/* unprotected half of s2sz 40 */
	uint64_t i, single = 1, list = 2 | (2 << 2), unp = U + 0x1000;
	uint8_t *lp;

	(void)state;
	fx2_init(&f, true);
	rlm_mock_conduit(f.m, &c);
	realm2(&f, 0, 2);
	for (i = 4; i < 40; i++)
		assert_int_equal(del2(&f, G(&f, i)), FX_OK);
	assert_int_equal(rlm_rmi2_rtt_create(&c, G(&f, 0), G(&f, 4), 0, 2, &res), 0);
	assert_int_equal(rlm_rmi2_rtt_create(&c, G(&f, 0), G(&f, 5), 0, 3, &res), 0);
	assert_int_equal(rlm_rmi2_rtt_create(&c, G(&f, 0), G(&f, 6), U, 2, &res), 0);
	assert_int_equal(rlm_rmi2_rtt_create(&c, G(&f, 0), G(&f, 7), U, 3, &res), 0);
	/* validate_map_inputs_common, in order */
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 1), 0x1000, 0x4000, single,
			    rdesc(G(&f, 10), 3, 3)), FX_INPUT);	/* not an RD */
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 0), 0x4000, 0x4000, single,
			    rdesc(G(&f, 10), 3, 3)), FX_INPUT);	/* top <= base */
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 0), 0x1000, 0x4000, 0, 0), FX_INPUT);
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 0), 0x1000, 0x4000, 3, 0), FX_INPUT);
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 0), 0x1000, 0x4000, list, NS(&f, LIST_NS) + 4),
			 FX_INPUT);
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 0), 0x1000, 0x4000, list, G(&f, 0)), FX_INPUT);
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 0), 0x1000, 0x4000, single,
			    rdesc(G(&f, 10), 3, 3) | RLM_RMI_ADDR_RDESC_4K_ST), FX_INPUT);
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 0), 0x1800, 0x4000, single,
			    rdesc(G(&f, 10), 3, 3)), FX_INPUT);	/* base unaligned */
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 0), 0x1000, 0x4000, single,
			    rdesc(G(&f, 10), 3, 0)), FX_INPUT);	/* level 0 */
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 0), U, U + 0x3000, single,
			    rdesc(G(&f, 10), 3, 3)), FX_INPUT);	/* unprotected */
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 0), 0, 0x1000, single,
			    rdesc(G(&f, 10), 1, 2)), FX_RTT(2));	/* shorter than a block */
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 0), 0x40000000, 0x40003000, single,
			    rdesc(G(&f, 10), 3, 3)), FX_RTT(1));	/* the walk */
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 0), 0x1000, 0x4000, single,
			    rdesc(G(&f, 10), 0, 3)), FX_INPUT);	/* empty list */
	/* map_pop_next_block / the drain: a granule not DELEGATED stops */
	assert_int_equal(del2_undo(&f, G(&f, 12)), FX_OK);
	assert_int_equal(rlm_mock_delegated_count(f.m), 38);
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 0), 0x1000, 0x5000, single,
			    rdesc(G(&f, 10), 4, 3)), FX_OK);
	assert_int_equal(f.r.x[1], 0x3000);	/* g10, g11 */
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 0), 0x3000, 0x4000, single,
			    rdesc(G(&f, 12), 1, 3)), FX_INPUT);
	assert_int_equal(f.r.x[1], 0);
	/* the same mapping again is progress; another PA ERROR_RTT */
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 0), 0x1000, 0x3000, single,
			    rdesc(G(&f, 10), 2, 3)), FX_OK);
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 0), 0x1000, 0x2000, single,
			    rdesc(G(&f, 13), 1, 3)), FX_RTT(3));
	/* more blocks than the range: progress up to top */
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 0), 0x3000, 0x5000, single,
			    rdesc(G(&f, 13), 3, 3)), FX_OK);
	assert_int_equal(f.r.x[1], 0x5000);
	/* a LIST in an undelegated pool granule never written: all zero */
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 0), 0x5000, 0x8000, list, G(&f, 60) + 8),
			 FX_INPUT);
	/* a LIST of two descriptors */
	lp = rlm_mock_ns_ptr(f.m, NS(&f, LIST_NS), RLM_GRANULE_SIZE);
	rlm_put_le64(lp, rdesc(G(&f, 20), 1, 3));
	rlm_put_le64(lp + 8, rdesc(G(&f, 30), 2, 3));
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 0), 0x5000, 0x8000, list, NS(&f, LIST_NS)),
			 FX_OK);
	assert_int_equal(f.r.x[1], 0x8000);
	assert_int_equal(rlm_rmi2_rtt_read_entry(&c, G(&f, 0), 0x7000, 3, &en, &res), 0);
	assert_int_equal(en.state, RLM_RMI_ASSIGNED);
	assert_int_equal(en.desc, G(&f, 31));
	assert_int_equal(en.ripas, RLM_RIPAS_EMPTY);	/* not measured, RIPAS kept */
	/* RTT_UNPROT_MAP: NS memory, the S2AP and memory attribute checks */
	assert_int_equal(C2(&f, RTT_UNPROT_MAP, G(&f, 0), 0x1000, 0x2000, single,
			    rdesc(NS(&f, 40), 1, 3)), FX_INPUT);	/* protected */
	assert_int_equal(C2(&f, RTT_UNPROT_MAP, G(&f, 0), unp, unp + 0x1000,
			    single | (UINT64_C(4) << 19), rdesc(NS(&f, 40), 1, 3)), FX_INPUT);
	assert_int_equal(C2(&f, RTT_UNPROT_MAP, G(&f, 0), unp, unp + 0x1000,
			    single | (UINT64_C(4) << 16), rdesc(NS(&f, 40), 1, 3)), FX_INPUT);
	assert_int_equal(C2(&f, RTT_UNPROT_MAP, G(&f, 0), unp, unp + 0x2000,
			    single | (UINT64_C(3) << 19) | (UINT64_C(5) << 16),
			    rdesc(NS(&f, 40), 2, 3)), FX_OK);
	assert_int_equal(f.r.x[1], unp + 0x2000);
	assert_int_equal(rlm_rmi2_rtt_read_entry(&c, G(&f, 0), unp, 3, &en, &res), 0);
	assert_int_equal(en.state, RLM_RMI_ASSIGNED);
	assert_int_equal(en.desc, NS(&f, 40) | (5 << 2) | RLM_BIT(6) | RLM_BIT(7));
	assert_int_equal(C2(&f, RTT_UNPROT_MAP, G(&f, 0), unp, unp + 0x1000,
			    single | (UINT64_C(3) << 19) | (UINT64_C(5) << 16),
			    rdesc(NS(&f, 40), 1, 3)), FX_OK);	/* the same again */
	assert_int_equal(C2(&f, RTT_UNPROT_MAP, G(&f, 0), unp, unp + 0x1000, single,
			    rdesc(NS(&f, 40), 1, 3)), FX_RTT(3));	/* other attributes */
	/* unmap both: the unprotected range comes back undelegated */
	assert_int_equal(C2(&f, RTT_UNPROT_UNMAP, G(&f, 0), unp, unp + 0x2000, single, 0), FX_OK);
	assert_int_equal(f.r.x[2], rdesc(NS(&f, 40), 2, 3));
	assert_int_equal(C2(&f, RTT_DATA_UNMAP, G(&f, 0), 0x1000, 0x8000, 0, 0), FX_OK);
	assert_int_equal(f.r.x[1], 0x8000);
	assert_int_equal(C2(&f, REALM_TERMINATE, G(&f, 0), 0, 0, 0, 0), FX_OK);
	assert_int_equal(C2(&f, RTT_DATA_MAP, G(&f, 0), 0x1000, 0x2000, single,
			    rdesc(G(&f, 10), 1, 3)), FX_REALM);
	fx_fini(&f);
}


/* rlm_mock_check / _changed see the 2.0 states: an open operation owns its
 * PARTIAL granule and the aux granules donated; a terminated realm is valid */
static void test_checks2(void **state)
{
	struct fx f;
	char why[200];
	uint64_t i;

	(void)state;
	fx2_init(&f, true);
	realm2(&f, 0, 2);
	assert_int_equal(C2(&f, REALM_TERMINATE, G(&f, 0), 0, 0, 0, 0), FX_OK);
	for (i = 0; i < 17; i++)
		assert_int_equal(del2(&f, G(&f, 10 + i)), FX_OK);
	assert_int_equal(C2(&f, REC_CREATE, G(&f, 0), G(&f, 10), 0, 0, 0) & 0xff, RLM_RMI_INCOMPLETE);
	assert_int_equal(C2(&f, OP_MEM_DONATE, 0, list1(&f, G(&f, 11), 5, false), 1, 0, 0) & 0xff,
			 RLM_RMI_INCOMPLETE);
	assert_int_equal(rlm_mock_check(f.m, why, sizeof(why)), 0);
	assert_int_equal(rlm_mock_check_changed(f.m, why, sizeof(why)), 0);
	/* an operation forgotten: its granules have no owner */
	f.m->sro[0].state = SRO_FREE;
	assert_int_equal(rlm_mock_check(f.m, why, sizeof(why)), RLM_ESTATE);
	assert_non_null(strstr(why, "owner"));
	assert_int_equal(rlm_mock_check_changed(f.m, why, sizeof(why)), RLM_ESTATE);
	f.m->sro[0].state = SRO_SEALED;
	/* an aux granule it holds in another state */
	mock_gset_(f.m, G(&f, 12), G_DELEGATED);
	assert_int_equal(rlm_mock_check_changed(f.m, why, sizeof(why)), RLM_ESTATE);
	assert_non_null(strstr(why, "wrong state"));
	mock_gset_(f.m, G(&f, 12), G_REC_AUX);
	/* a realm state beyond the terminated one */
	f.m->realms[0].state = REALM_ZOMBIE + 1;
	assert_int_equal(rlm_mock_check(f.m, why, sizeof(why)), RLM_ESTATE);
	f.m->realms[0].state = REALM_ZOMBIE;
	assert_int_equal(rlm_mock_check(f.m, why, sizeof(why)), 0);
	fx_fini(&f);
}


/* realm.c with auxiliary planes: a VMID and a root tree per plane */
static void test_planes(void **state)
{
	struct fx f;
	struct rlm_realm_params2 p;
	struct rlm_rim want;
	uint8_t meas[64];
	unsigned int i;

	(void)state;
	fx2_init(&f, true);
	for (i = 0; i < 16; i++)
		assert_int_equal(del2(&f, G(&f, i)), FX_OK);
	fx2_params(&p, G(&f, 2));
	p.num_aux_planes = 3;
	p.flags1 = RLM_RMI_REALM_FLAGS1_RTT_TREE_PP;
	p.ats_plane = 3;
	p.aux_rtt_base[0] = G(&f, 4);
	p.aux_rtt_base[1] = G(&f, 6);
	p.aux_rtt_base[2] = G(&f, 2);	/* an alias of the primary tree */
	assert_int_equal(realm2_p(&f, G(&f, 0), &p), FX_INPUT);
	p.aux_rtt_base[2] = G(&f, 30);	/* not delegated */
	assert_int_equal(realm2_p(&f, G(&f, 0), &p), FX_INPUT);
	p.aux_rtt_base[2] = G(&f, 8);
	assert_int_equal(realm2_p(&f, G(&f, 5), &p), FX_INPUT);	/* RD a root */
	assert_int_equal(realm2_p(&f, G(&f, 0), &p), FX_OK);
	/* the planes are not measured */
	assert_int_equal(rlm_rim_init2(&want, &p), 0);
	assert_int_equal(rlm_mock_measurement(f.m, G(&f, 0), 0, meas, NULL), 0);
	assert_memory_equal(meas, want.value, 32);
	/* the roots are RTTs now; 4 VMIDs taken */
	assert_int_equal(del2_undo(&f, G(&f, 9)), FX_INPUT);
	assert_int_equal(del2_undo(&f, G(&f, 4)), FX_INPUT);
	assert_int_equal(C2(&f, RTT_CREATE, G(&f, 0), G(&f, 6), 0, 2, 0), FX_INPUT);
	assert_int_equal(C2(&f, REALM_TERMINATE, G(&f, 0), 0, 0, 0, 0), FX_OK);
	assert_int_equal(C2(&f, REALM_DESTROY, G(&f, 0), 0, 0, 0, 0), FX_OK);
	for (i = 0; i < 16; i++)
		assert_int_equal(del2_undo(&f, G(&f, i)), FX_OK);
	assert_int_equal(rlm_mock_delegated_count(f.m), 0);
	fx_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_before_activate),
		cmocka_unit_test(test_version_features),
		cmocka_unit_test(test_granules),
		cmocka_unit_test(test_realm_create_order),
		cmocka_unit_test(test_realm_vmids),
		cmocka_unit_test(test_realm_states),
		cmocka_unit_test(test_rtts_data),
		cmocka_unit_test(test_life),
		cmocka_unit_test(test_rec_ops),
		cmocka_unit_test(test_sro_blocked),
		cmocka_unit_test(test_not_modelled),
		cmocka_unit_test(test_maps),
		cmocka_unit_test(test_checks2),
		cmocka_unit_test(test_planes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
