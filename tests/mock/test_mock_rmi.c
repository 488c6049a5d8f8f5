/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI commands of the mock RMM: outputs and state changes on success, the
 * outputs the reference returns with errors (RTT walk level, top), RTT
 * geometry (blocks, unfold, fold, destroy, concatenated roots, LPA2 start
 * level -1) and the RIM.  Expected values follow TF-RMM rmm-spec-v1.0-rel0
 * (cross-checked against its fake_host build on traces).
 */
#include "mock_fx.h"

static void rd_entry(struct fx *f, uint64_t rd, uint64_t ipa, int level, uint64_t *walk,
		     uint64_t *st, uint64_t *desc, uint64_t *ripas)
{
	assert_int_equal(CALL3(f, RTT_READ_ENTRY, rd, ipa, (uint64_t)(int64_t)level), FX_OK);
	*walk = f->r.x[1];
	*st = f->r.x[2];
	*desc = f->r.x[3];
	*ripas = f->r.x[4];
}

static void expect_entry(struct fx *f, uint64_t rd, uint64_t ipa, int level, int64_t walk,
			 uint64_t st, uint64_t desc, uint64_t ripas)
{
	uint64_t w, s, d, r;

	rd_entry(f, rd, ipa, level, &w, &s, &d, &r);
	assert_int_equal((int64_t)w, walk);
	assert_int_equal(s, st);
	assert_int_equal(d, desc);
	assert_int_equal(r, ripas);
}

static void test_version_features_unknown(void **state)
{
	struct fx f;

	(void)state;
	fx_init(&f);
	assert_int_equal(CALL1(&f, VERSION, 0x10000), FX_OK);
	assert_int_equal(f.r.x[1], 0x10000);
	assert_int_equal(f.r.x[2], 0x10000);
	/* any other version: ERROR_INPUT, still reporting lower = higher */
	assert_int_equal(CALL1(&f, VERSION, 0x10001), FX_INPUT);
	assert_int_equal(f.r.x[1], 0x10000);
	assert_int_equal(f.r.x[2], 0x10000);
	assert_int_equal(CALL1(&f, VERSION, 0x20000), FX_INPUT);
	assert_int_equal(CALL1(&f, VERSION, 0), FX_INPUT);
	assert_int_equal(CALL1(&f, FEATURES, 0), FX_OK);
	assert_int_equal(f.r.x[1], UINT64_C(0x283fc104130));
	assert_int_equal(CALL1(&f, FEATURES, 1), FX_OK);
	assert_int_equal(f.r.x[1], 0);
	assert_int_equal(CALL1(&f, FEATURES, ~UINT64_C(0)), FX_OK);
	assert_int_equal(f.r.x[1], 0);
	/* FIDs with no command: SMCCC NOT_SUPPORTED */
	assert_int_equal(fx_call(&f, RLM_SMC_RMI_CALL(0x156), 0, 0, 0, 0, 0), RLM_SMCCC_NOT_SUPPORTED);
	assert_int_equal(fx_call(&f, RLM_SMC_RMI_CALL(0x160), 0, 0, 0, 0, 0), RLM_SMCCC_NOT_SUPPORTED);
	assert_int_equal(fx_call(&f, RLM_SMC_RMI_CALL(0x163), 0, 0, 0, 0, 0), RLM_SMCCC_NOT_SUPPORTED);
	assert_int_equal(fx_call(&f, RLM_SMC_RMI_CALL(0x16a), 0, 0, 0, 0, 0), RLM_SMCCC_NOT_SUPPORTED);
	assert_int_equal(fx_call(&f, RLM_SMC_RSI_VERSION, 0x10000, 0, 0, 0, 0), RLM_SMCCC_NOT_SUPPORTED);
	assert_int_equal(fx_call(&f, 0, 0, 0, 0, 0, 0), RLM_SMCCC_NOT_SUPPORTED);
	/* the SVE hint bit (16) is ignored; the upper 32 bits of X0 too */
	assert_int_equal(fx_call(&f, RLM_SMC_RMI_VERSION | RLM_BIT(16), 0x10000, 0, 0, 0, 0), FX_OK);
	assert_int_equal(fx_call(&f, RLM_SMC_RMI_VERSION | (UINT64_C(1) << 40), 0x10000, 0, 0, 0, 0),
			 FX_OK);
	/* configured features */
	assert_int_equal(rlm_mock_set_features(f.m, 0x1234), 0);
	assert_int_equal(CALL1(&f, FEATURES, 0), FX_OK);
	assert_int_equal(f.r.x[1], 0x1234);
	fx_fini(&f);
}

static void test_delegate_undelegate(void **state)
{
	struct fx f;
	uint8_t *p;

	(void)state;
	fx_init(&f);
	assert_int_equal(rlm_mock_delegated_count(f.m), 0);
	assert_int_equal(CALL1(&f, GRANULE_DELEGATE, G(&f, 0)), FX_OK);
	assert_int_equal(rlm_mock_delegated_count(f.m), 1);
	assert_int_equal(CALL1(&f, GRANULE_DELEGATE, G(&f, 0)), FX_INPUT);
	assert_int_equal(CALL1(&f, GRANULE_DELEGATE, G(&f, 1) + 8), FX_INPUT);
	assert_int_equal(CALL1(&f, GRANULE_DELEGATE, G(&f, f.cfg.pool_granules)), FX_INPUT);
	assert_int_equal(CALL1(&f, GRANULE_DELEGATE, f.cfg.pool_base - RLM_GRANULE_SIZE), FX_INPUT);
	assert_int_equal(CALL1(&f, GRANULE_DELEGATE, UINT64_C(0xfffffffff000)), FX_INPUT);
	assert_int_equal(CALL1(&f, GRANULE_DELEGATE, UINT64_C(1) << 48), FX_INPUT);
	assert_int_equal(CALL1(&f, GRANULE_UNDELEGATE, G(&f, 0)), FX_OK);
	assert_int_equal(CALL1(&f, GRANULE_UNDELEGATE, G(&f, 0)), FX_INPUT);
	assert_int_equal(rlm_mock_delegated_count(f.m), 0);
	/* the last pool granule */
	assert_int_equal(CALL1(&f, GRANULE_DELEGATE, G(&f, f.cfg.pool_granules - 1)), FX_OK);
	/* an NS-area granule can be delegated; its content is scrubbed */
	p = rlm_mock_ns_ptr(f.m, NS(&f, 3), RLM_GRANULE_SIZE);
	memset(p, 0xee, RLM_GRANULE_SIZE);
	assert_int_equal(CALL1(&f, GRANULE_DELEGATE, NS(&f, 3)), FX_OK);
	assert_int_equal(rlm_mock_delegated_count(f.m), 1); /* pool only */
	assert_int_equal(CALL1(&f, GRANULE_UNDELEGATE, NS(&f, 3)), FX_OK);
	assert_int_equal(p[0], 0);
	assert_int_equal(p[4095], 0);
	/* an undelegated pool granule is host memory: content kept until delegated */
	p = rlm_mock_ns_ptr(f.m, G(&f, 7) + 16, 32);
	assert_non_null(p);
	memset(p, 0x11, 32);
	assert_ptr_equal(rlm_mock_ns_ptr(f.m, G(&f, 7) + 16, 32), p);
	assert_int_equal(CALL1(&f, GRANULE_DELEGATE, G(&f, 7)), FX_OK);
	assert_null(rlm_mock_ns_ptr(f.m, G(&f, 7), 16));
	assert_int_equal(CALL1(&f, GRANULE_UNDELEGATE, G(&f, 7)), FX_OK);
	p = rlm_mock_ns_ptr(f.m, G(&f, 7) + 16, 32);
	assert_int_equal(p[0], 0);
	assert_int_equal(CALL1(&f, GRANULE_UNDELEGATE, G(&f, f.cfg.pool_granules - 1)), FX_OK);
	fx_fini(&f);
}

/* tests/vectors/measurements/upstream_rim_vectors.json: the RIM of
 * REALM_CREATE, now out of the mock (features raised for 5 BPs / 3 WPs). */
static void test_rim_vectors(void **state)
{
	static const struct {
		uint32_t bps, wps;
		uint8_t algo;
		const char *rim;
	} v[] = {
		{ 1, 1, 0, "6739dfb22b75ee1268d08dfa8369f501bc0b066243553f069f560d1fa1172973" },
		{ 1, 1, 1, "799e434048fb57eb9d4f0e2a2b98158720377252deab2bdfcd69b5a8f82237f434bd6bb1c75bf160a2d49382f733b3439a3ff769e4ea5dd9a6f72239d44bbbab" },
		{ 5, 3, 0, "8960d56826370aaa6fc9b3a041d4240689582ba41e2ad8bb8f9adf6d2a0cd5e7" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < RLM_ARRAY_SIZE(v); i++) {
		struct fx f;
		struct rlm_realm_params p;
		uint8_t out[64];
		size_t hs;
		char hex[129];
		uint64_t feat;

		fx_init(&f);
		feat = f.cfg.feat_reg0 & ~(RLM_RMI_FEATURE_REGISTER_0_NUM_BPS |
					   RLM_RMI_FEATURE_REGISTER_0_NUM_WPS);
		feat |= RLM_FIELD_PREP(RLM_RMI_FEATURE_REGISTER_0_NUM_BPS, 15) |
			RLM_FIELD_PREP(RLM_RMI_FEATURE_REGISTER_0_NUM_WPS, 15);
		assert_int_equal(rlm_mock_set_features(f.m, feat), 0);
		fx_delegate(&f, G(&f, 0));
		fx_delegate(&f, G(&f, 1));
		fx_params(&p, G(&f, 1));
		p.s2sz = 48;
		p.rtt_level_start = 0;
		p.rtt_num_start = 1;
		p.num_bps = v[i].bps;
		p.num_wps = v[i].wps;
		p.hash_algo = v[i].algo;
		memset(p.rpv, 0x77, sizeof(p.rpv)); /* not measured */
		assert_int_equal(fx_realm_create_p(&f, G(&f, 0), &p), FX_OK);
		assert_int_equal(rlm_mock_measurement(f.m, G(&f, 0), 0, out, &hs), 0);
		tu_hex(out, hs, hex);
		assert_string_equal(hex, v[i].rim);
		fx_fini(&f);
	}
}

/* rmi-trace.md's example, through RMI calls. */
static void test_trace_example(void **state)
{
	struct fx f;
	uint8_t out[64];
	size_t hs;
	char hex[129];

	(void)state;
	fx_init(&f);
	fx_realm(&f, 0, 1, 1);
	fx_rtt(&f, 0, 3, 0, 2);
	assert_int_equal(CALL4(&f, RTT_CREATE, G(&f, 0), G(&f, 3), 0, 2), FX_INPUT);
	fx_rtt(&f, 0, 4, 0x200000, 3);
	fx_delegate(&f, G(&f, 5));
	assert_int_equal(CALL4(&f, RTT_CREATE, G(&f, 0), G(&f, 5), 0x40200000, 3), FX_RTT(1));
	assert_int_equal(CALL3(&f, RTT_INIT_RIPAS, G(&f, 0), 0, 0x200000), FX_OK);
	assert_int_equal(f.r.x[1], 0x200000);
	assert_int_equal(rlm_mock_measurement(f.m, G(&f, 0), 0, out, &hs), 0);
	assert_int_equal(hs, 32);
	tu_hex(out, hs, hex);
	assert_string_equal(hex, "7f8c7d7dd5d0845f56a62190d6d1fd15458a1132897bf0041ea3e0720af799d1");
	/* measurement introspection: bad RD, bad index */
	assert_int_equal(rlm_mock_measurement(f.m, G(&f, 1), 0, out, &hs), RLM_EINVAL);
	assert_int_equal(rlm_mock_measurement(f.m, G(&f, 0), 5, out, &hs), RLM_EINVAL);
	assert_int_equal(rlm_mock_measurement(f.m, G(&f, 0), 0, NULL, &hs), RLM_EINVAL);
	fx_fini(&f);
}

/* RTT_READ_ENTRY in every entry state; descriptors and walk levels. */
static void test_read_entry_states(void **state)
{
	struct fx f;
	const uint64_t ns = UINT64_C(0x8000000000);

	(void)state;
	fx_init(&f);
	fx_realm(&f, 0, 1, 1);
	/* root level entries: protected unassigned EMPTY, unprotected NS */
	expect_entry(&f, G(&f, 0), 0, 1, 1, RLM_RMI_UNASSIGNED, 0, RLM_RIPAS_EMPTY);
	expect_entry(&f, G(&f, 0), ns, 1, 1, RLM_RMI_UNASSIGNED, 0, RLM_RIPAS_EMPTY);
	/* a deeper level: the walk stops at the root */
	expect_entry(&f, G(&f, 0), 0x1000, 3, 1, RLM_RMI_UNASSIGNED, 0, RLM_RIPAS_EMPTY);
	fx_rtt(&f, 0, 3, 0, 2);
	fx_rtt(&f, 0, 4, 0, 3);
	expect_entry(&f, G(&f, 0), 0, 1, 1, RLM_RMI_TABLE, G(&f, 3), RLM_RIPAS_EMPTY);
	expect_entry(&f, G(&f, 0), 0, 2, 2, RLM_RMI_TABLE, G(&f, 4), RLM_RIPAS_EMPTY);
	assert_int_equal(CALL3(&f, RTT_INIT_RIPAS, G(&f, 0), 0x1000, 0x3000), FX_OK);
	expect_entry(&f, G(&f, 0), 0x1000, 3, 3, RLM_RMI_UNASSIGNED, 0, RLM_RIPAS_RAM);
	/* assigned RAM (DATA_CREATE), assigned EMPTY (DATA_CREATE_UNKNOWN on EMPTY) */
	fx_delegate(&f, G(&f, 5));
	fx_delegate(&f, G(&f, 6));
	assert_int_equal(CALL5(&f, DATA_CREATE, G(&f, 0), G(&f, 5), 0x1000, NS(&f, 1), 0), FX_OK);
	assert_int_equal(CALL3(&f, DATA_CREATE_UNKNOWN, G(&f, 0), G(&f, 6), 0x4000), FX_OK);
	expect_entry(&f, G(&f, 0), 0x1000, 3, 3, RLM_RMI_ASSIGNED, G(&f, 5), RLM_RIPAS_RAM);
	expect_entry(&f, G(&f, 0), 0x4000, 3, 3, RLM_RMI_ASSIGNED, G(&f, 6), RLM_RIPAS_EMPTY);
	/* DATA_CREATE_UNKNOWN keeps RIPAS RAM */
	fx_delegate(&f, G(&f, 7));
	assert_int_equal(CALL3(&f, DATA_CREATE_UNKNOWN, G(&f, 0), G(&f, 7), 0x2000), FX_OK);
	expect_entry(&f, G(&f, 0), 0x2000, 3, 3, RLM_RMI_ASSIGNED, G(&f, 7), RLM_RIPAS_RAM);
	/* DATA_DESTROY of RAM leaves unassigned DESTROYED; of EMPTY unassigned EMPTY */
	assert_int_equal(CALL2(&f, DATA_DESTROY, G(&f, 0), 0x1000), FX_OK);
	assert_int_equal(f.r.x[1], G(&f, 5));
	expect_entry(&f, G(&f, 0), 0x1000, 3, 3, RLM_RMI_UNASSIGNED, 0, RLM_RIPAS_DESTROYED);
	assert_int_equal(CALL2(&f, DATA_DESTROY, G(&f, 0), 0x4000), FX_OK);
	expect_entry(&f, G(&f, 0), 0x4000, 3, 3, RLM_RMI_UNASSIGNED, 0, RLM_RIPAS_EMPTY);
	/* assigned DESTROYED reports no address */
	assert_int_equal(CALL3(&f, DATA_CREATE_UNKNOWN, G(&f, 0), G(&f, 5), 0x1000), FX_OK);
	expect_entry(&f, G(&f, 0), 0x1000, 3, 3, RLM_RMI_ASSIGNED, 0, RLM_RIPAS_DESTROYED);
	/* unprotected: NS page and NS block descriptors read back as given */
	fx_rtt(&f, 0, 8, ns, 2);
	fx_rtt(&f, 0, 9, ns, 3);
	assert_int_equal(CALL4(&f, RTT_MAP_UNPROTECTED, G(&f, 0), ns + 0x1000, 3,
			       NS(&f, 5) | 0xd8), FX_OK);
	expect_entry(&f, G(&f, 0), ns + 0x1000, 3, 3, RLM_RMI_ASSIGNED, NS(&f, 5) | 0xd8,
		     RLM_RIPAS_EMPTY);
	expect_entry(&f, G(&f, 0), ns + 0x2000, 3, 3, RLM_RMI_UNASSIGNED, 0, RLM_RIPAS_EMPTY);
	assert_int_equal(CALL4(&f, RTT_MAP_UNPROTECTED, G(&f, 0), ns + 0x200000, 2,
			       NS(&f, 512) | 0x44), FX_OK);
	expect_entry(&f, G(&f, 0), ns + 0x200000, 3, 2, RLM_RMI_ASSIGNED, NS(&f, 512) | 0x44,
		     RLM_RIPAS_EMPTY);
	/* descriptor validation */
	assert_int_equal(CALL4(&f, RTT_MAP_UNPROTECTED, G(&f, 0), ns + 0x2000, 3,
			       NS(&f, 5) | 0x10), FX_INPUT); /* MemAttr 0b100 reserved */
	assert_int_equal(CALL4(&f, RTT_MAP_UNPROTECTED, G(&f, 0), ns + 0x2000, 3,
			       NS(&f, 5) | 0x1), FX_INPUT);  /* valid bit is the RMM's */
	assert_int_equal(CALL4(&f, RTT_MAP_UNPROTECTED, G(&f, 0), ns + 0x2000, 3,
			       NS(&f, 5) | 0x100), FX_INPUT); /* SH is the RMM's */
	assert_int_equal(CALL4(&f, RTT_MAP_UNPROTECTED, G(&f, 0), ns + 0x400000, 2,
			       NS(&f, 5) | 0xd8), FX_INPUT);  /* block OA unaligned */
	/* the output address is not checked against host memory */
	assert_int_equal(CALL4(&f, RTT_MAP_UNPROTECTED, G(&f, 0), ns + 0x2000, 3,
			       UINT64_C(0x7fff0000) | 0xc0), FX_OK);
	fx_fini(&f);
}

/* DATA_DESTROY / RTT_DESTROY / UNMAP top, including on ERROR_RTT. */
static void test_destroy_top(void **state)
{
	struct fx f;
	const uint64_t ns = UINT64_C(0x8000000000);

	(void)state;
	fx_init(&f);
	fx_realm(&f, 0, 1, 1);
	fx_rtt(&f, 0, 3, 0, 2);
	fx_rtt(&f, 0, 4, 0, 3);
	assert_int_equal(CALL3(&f, RTT_INIT_RIPAS, G(&f, 0), 0, 0x10000), FX_OK);
	fx_delegate(&f, G(&f, 5));
	fx_delegate(&f, G(&f, 6));
	assert_int_equal(CALL5(&f, DATA_CREATE, G(&f, 0), G(&f, 5), 0x3000, NS(&f, 1), 1), FX_OK);
	assert_int_equal(CALL5(&f, DATA_CREATE, G(&f, 0), G(&f, 6), 0x8000, NS(&f, 1), 0), FX_OK);
	/* destroying 0x3000: top skips the non-live entries up to 0x8000 */
	assert_int_equal(CALL2(&f, DATA_DESTROY, G(&f, 0), 0x3000), FX_OK);
	assert_int_equal(f.r.x[2], 0x8000);
	/* failing on an unassigned entry: top from there */
	assert_int_equal(CALL2(&f, DATA_DESTROY, G(&f, 0), 0x4000), FX_RTT(3));
	assert_int_equal(f.r.x[2], 0x8000);
	/* failing on a live entry: top is the address itself */
	assert_int_equal(CALL3(&f, RTT_DESTROY, G(&f, 0), 0, 3), FX_RTT(3));
	assert_int_equal(f.r.x[2], 0);
	assert_int_equal(CALL2(&f, DATA_DESTROY, G(&f, 0), 0x8000), FX_OK);
	assert_int_equal(f.r.x[2], 0x200000); /* end of the L3 table */
	/* walk stops at level 2: the 2 MiB entries after it, to the next table */
	assert_int_equal(CALL2(&f, DATA_DESTROY, G(&f, 0), 0x400000), FX_RTT(2));
	assert_int_equal(f.r.x[2], 0x40000000);
	/* RTT_DESTROY: the parent entry becomes unassigned DESTROYED */
	assert_int_equal(CALL3(&f, RTT_DESTROY, G(&f, 0), 0, 3), FX_OK);
	assert_int_equal(f.r.x[1], G(&f, 4));
	assert_int_equal(f.r.x[2], 0x40000000);
	expect_entry(&f, G(&f, 0), 0, 2, 2, RLM_RMI_UNASSIGNED, 0, RLM_RIPAS_DESTROYED);
	/* a table created under DESTROYED inherits it */
	assert_int_equal(CALL4(&f, RTT_CREATE, G(&f, 0), G(&f, 4), 0, 3), FX_OK);
	expect_entry(&f, G(&f, 0), 0x5000, 3, 3, RLM_RMI_UNASSIGNED, 0, RLM_RIPAS_DESTROYED);
	assert_int_equal(CALL3(&f, RTT_DESTROY, G(&f, 0), 0, 3), FX_OK);
	/* no parent table: ERROR_RTT at the walk level, top from there */
	assert_int_equal(CALL3(&f, RTT_DESTROY, G(&f, 0), 0x40000000, 3), FX_RTT(1));
	assert_int_equal(f.r.x[2], UINT64_C(0x8000000000));
	assert_int_equal(CALL3(&f, RTT_DESTROY, G(&f, 0), 0, 2), FX_OK);
	assert_int_equal(f.r.x[2], UINT64_C(0x8000000000));
	expect_entry(&f, G(&f, 0), 0, 1, 1, RLM_RMI_UNASSIGNED, 0, RLM_RIPAS_DESTROYED);
	/* input errors: top = 0 */
	assert_int_equal(CALL3(&f, RTT_DESTROY, G(&f, 0), 0x1000, 3), FX_INPUT);
	assert_int_equal(f.r.x[2], 0);
	/* unprotected: destroy makes the parent unassigned NS; unmap top */
	fx_rtt(&f, 0, 8, ns, 2);
	fx_rtt(&f, 0, 9, ns, 3);
	assert_int_equal(CALL4(&f, RTT_MAP_UNPROTECTED, G(&f, 0), ns + 0x5000, 3, NS(&f, 2)), FX_OK);
	assert_int_equal(CALL3(&f, RTT_UNMAP_UNPROTECTED, G(&f, 0), ns + 0x1000, 3), FX_RTT(3));
	assert_int_equal(f.r.x[1], ns + 0x5000);
	assert_int_equal(CALL3(&f, RTT_UNMAP_UNPROTECTED, G(&f, 0), ns + 0x5000, 3), FX_OK);
	assert_int_equal(f.r.x[1], ns + 0x200000);
	assert_int_equal(CALL3(&f, RTT_UNMAP_UNPROTECTED, G(&f, 0), ns + 0x5000, 2), FX_INPUT);
	assert_int_equal(CALL3(&f, RTT_UNMAP_UNPROTECTED, G(&f, 0), ns + 0x200000, 2), FX_RTT(2));
	assert_int_equal(CALL4(&f, RTT_MAP_UNPROTECTED, G(&f, 0), ns + 0x5000, 3, NS(&f, 2)), FX_OK);
	assert_int_equal(CALL3(&f, RTT_DESTROY, G(&f, 0), ns, 3), FX_OK); /* NS maps are not live */
	expect_entry(&f, G(&f, 0), ns, 2, 2, RLM_RMI_UNASSIGNED, 0, RLM_RIPAS_EMPTY);
	assert_int_equal(CALL3(&f, RTT_DESTROY, G(&f, 0), ns, 2), FX_OK);
	/* teardown */
	assert_int_equal(CALL1(&f, REALM_DESTROY, G(&f, 0)), FX_OK);
	fx_fini(&f);
}

/* Blocks: fold 512 contiguous DATA pages into a 2 MiB block, unfold it again. */
static void test_fold_unfold(void **state)
{
	struct fx f;
	unsigned int i;
	const uint64_t ns = UINT64_C(0x8000000000);

	(void)state;
	fx_init(&f);
	fx_realm(&f, 0, 1, 1);
	fx_rtt(&f, 0, 3, 0, 2);
	fx_rtt(&f, 0, 4, 0, 3);
	/* a homogeneous unassigned table folds */
	assert_int_equal(CALL3(&f, RTT_FOLD, G(&f, 0), 0, 3), FX_OK);
	assert_int_equal(f.r.x[1], G(&f, 4));
	expect_entry(&f, G(&f, 0), 0, 3, 2, RLM_RMI_UNASSIGNED, 0, RLM_RIPAS_EMPTY);
	assert_int_equal(CALL3(&f, RTT_FOLD, G(&f, 0), 0, 3), FX_RTT(2));
	assert_int_equal(CALL4(&f, RTT_CREATE, G(&f, 0), G(&f, 4), 0, 3), FX_OK);
	/* 512 DATA granules 2 MiB aligned at g512.. */
	for (i = 0; i < 512; i++) {
		fx_delegate(&f, G(&f, 512 + i));
		assert_int_equal(CALL5(&f, DATA_CREATE, G(&f, 0), G(&f, 512 + i), i * 4096ull,
				       NS(&f, 1), 0), FX_OK);
	}
	assert_int_equal(CALL3(&f, RTT_FOLD, G(&f, 0), 0, 3), FX_OK);
	expect_entry(&f, G(&f, 0), 0, 3, 2, RLM_RMI_ASSIGNED, G(&f, 512), RLM_RIPAS_RAM);
	/* a level 2 table of one block cannot fold into level 1 (refcount 1) */
	assert_int_equal(CALL3(&f, RTT_FOLD, G(&f, 0), 0, 2), FX_RTT(2));
	/* operations on a block at level 3 stop at level 2 */
	assert_int_equal(CALL2(&f, DATA_DESTROY, G(&f, 0), 0x1000), FX_RTT(2));
	assert_int_equal(f.r.x[2], 0x1000);
	/* unfold: RTT_CREATE under the block */
	assert_int_equal(CALL4(&f, RTT_CREATE, G(&f, 0), G(&f, 4), 0, 3), FX_OK);
	expect_entry(&f, G(&f, 0), 0x5000, 3, 3, RLM_RMI_ASSIGNED, G(&f, 517), RLM_RIPAS_RAM);
	/* a block whose pages are not all the same RIPAS does not fold */
	assert_int_equal(CALL2(&f, DATA_DESTROY, G(&f, 0), 0x5000), FX_OK);
	assert_int_equal(CALL3(&f, RTT_FOLD, G(&f, 0), 0, 3), FX_RTT(3));
	assert_int_equal(CALL3(&f, DATA_CREATE_UNKNOWN, G(&f, 0), G(&f, 517), 0x5000), FX_OK);
	assert_int_equal(CALL3(&f, RTT_FOLD, G(&f, 0), 0, 3), FX_RTT(3)); /* DESTROYED vs RAM */
	/* a non-contiguous mapping does not fold */
	for (i = 0; i < 512; i++)
		assert_int_equal(CALL2(&f, DATA_DESTROY, G(&f, 0), i * 4096ull), FX_OK);
	assert_int_equal(CALL3(&f, RTT_FOLD, G(&f, 0), 0, 3), FX_OK); /* all unassigned DESTROYED */
	expect_entry(&f, G(&f, 0), 0, 2, 2, RLM_RMI_UNASSIGNED, 0, RLM_RIPAS_DESTROYED);
	/* unprotected: 512 contiguous NS pages with the same attributes fold */
	fx_rtt(&f, 0, 8, ns, 2);
	fx_rtt(&f, 0, 9, ns, 3);
	for (i = 0; i < 512; i++)
		assert_int_equal(CALL4(&f, RTT_MAP_UNPROTECTED, G(&f, 0), ns + i * 4096ull, 3,
				       (f.cfg.ns_base + i * 4096ull) | 0xd8), FX_OK);
	assert_int_equal(CALL3(&f, RTT_FOLD, G(&f, 0), ns, 3), FX_OK);
	expect_entry(&f, G(&f, 0), ns, 2, 2, RLM_RMI_ASSIGNED, f.cfg.ns_base | 0xd8, RLM_RIPAS_EMPTY);
	/* and unfold */
	assert_int_equal(CALL4(&f, RTT_CREATE, G(&f, 0), G(&f, 9), ns, 3), FX_OK);
	expect_entry(&f, G(&f, 0), ns + 0x7000, 3, 3, RLM_RMI_ASSIGNED, (f.cfg.ns_base + 0x7000) | 0xd8,
		     RLM_RIPAS_EMPTY);
	assert_int_equal(CALL3(&f, RTT_UNMAP_UNPROTECTED, G(&f, 0), ns + 0x7000, 3), FX_OK);
	assert_int_equal(CALL3(&f, RTT_FOLD, G(&f, 0), ns, 3), FX_RTT(3));
	/* a level 2 table of NS blocks cannot fold into level 1 */
	fx_check(&f);
	fx_fini(&f);
}

/* s2sz 43 at level 1: 16 concatenated root tables. */
static void test_concatenated_roots(void **state)
{
	struct fx f;
	struct rlm_realm_params p;
	const uint64_t top_gb = UINT64_C(0x3ffc0000000); /* last 1 GiB of the protected half */

	(void)state;
	fx_init(&f);
	fx_delegate(&f, G(&f, 0));
	fx_delegate_range(&f, 16, 16);
	fx_params(&p, G(&f, 16));
	p.s2sz = 43;
	p.rtt_num_start = 8;
	assert_int_equal(fx_realm_create_p(&f, G(&f, 0), &p), FX_INPUT);
	p.rtt_num_start = 16;
	assert_int_equal(fx_realm_create_p(&f, G(&f, 0), &p), FX_OK);
	/* the protected half ends at 4 TiB: root 7 holds its last entry */
	fx_rtt(&f, 0, 40, top_gb, 2);
	expect_entry(&f, G(&f, 0), top_gb, 1, 1, RLM_RMI_TABLE, G(&f, 40), RLM_RIPAS_EMPTY);
	expect_entry(&f, G(&f, 0), top_gb + 0x40000000, 1, 1, RLM_RMI_UNASSIGNED, 0, RLM_RIPAS_EMPTY);
	assert_int_equal(CALL3(&f, RTT_INIT_RIPAS, G(&f, 0), top_gb - 0x40000000, top_gb), FX_OK);
	/* roots are busy until their children go */
	assert_int_equal(CALL1(&f, REALM_DESTROY, G(&f, 0)), FX_REALM);
	assert_int_equal(CALL3(&f, RTT_DESTROY, G(&f, 0), top_gb, 2), FX_OK);
	assert_int_equal(CALL1(&f, REALM_DESTROY, G(&f, 0)), FX_OK);
	for (unsigned int i = 16; i < 32; i++)
		assert_int_equal(CALL1(&f, GRANULE_UNDELEGATE, G(&f, i)), FX_OK);
	fx_fini(&f);
}

/* LPA2: s2sz 52 with start level -1 (a 16-entry root). */
static void test_lpa2_level_minus1(void **state)
{
	struct fx f;
	struct rlm_realm_params p;

	(void)state;
	fx_init(&f);
	fx_delegate(&f, G(&f, 0));
	fx_delegate(&f, G(&f, 1));
	fx_params(&p, G(&f, 1));
	p.flags = RLM_RMI_REALM_PARAM_FLAG_LPA2;
	p.s2sz = 52;
	p.rtt_level_start = -1;
	p.rtt_num_start = 1;
	/* the default platform's S2SZ is 48 */
	assert_int_equal(fx_realm_create_p(&f, G(&f, 0), &p), FX_INPUT);
	assert_int_equal(rlm_mock_set_features(f.m, (f.cfg.feat_reg0 & ~UINT64_C(0xff)) | 52), 0);
	p.rtt_level_start = -1;
	p.rtt_num_start = 1;
	assert_int_equal(fx_realm_create_p(&f, G(&f, 0), &p), FX_OK);
	expect_entry(&f, G(&f, 0), 0, -1, -1, RLM_RMI_UNASSIGNED, 0, RLM_RIPAS_EMPTY);
	expect_entry(&f, G(&f, 0), UINT64_C(0x8000000000000), -1, -1, RLM_RMI_UNASSIGNED, 0,
		     RLM_RIPAS_EMPTY);
	assert_int_equal(CALL4(&f, RTT_CREATE, G(&f, 0), G(&f, 1), 0, (uint64_t)-1), FX_INPUT);
	fx_rtt(&f, 0, 2, 0, 0);
	fx_rtt(&f, 0, 3, 0, 1);
	expect_entry(&f, G(&f, 0), 0, 0, 0, RLM_RMI_TABLE, G(&f, 3), RLM_RIPAS_EMPTY);
	/* ERROR_RTT at level -1 is index 255 */
	fx_delegate(&f, G(&f, 4));
	assert_int_equal(CALL4(&f, RTT_CREATE, G(&f, 0), G(&f, 4), UINT64_C(0x1000000000000), 1),
			 RLM_RMI_RETURN(RLM_RMI_ERROR_RTT, 255));
	/* top of a walk ending at level -1 runs to the end of the root granule */
	assert_int_equal(CALL3(&f, RTT_DESTROY, G(&f, 0), UINT64_C(0x1000000000000), 0),
			 RLM_RMI_RETURN(RLM_RMI_ERROR_RTT, 255));
	assert_int_equal(f.r.x[2], UINT64_C(0x1000000000000) * 512);
	/* LPA2 NS descriptors keep OA[51:50] in bits [9:8] */
	fx_rtt(&f, 0, 5, UINT64_C(0x8000000000000), 0);
	fx_rtt(&f, 0, 6, UINT64_C(0x8000000000000), 1);
	fx_rtt(&f, 0, 7, UINT64_C(0x8000000000000), 2);
	fx_rtt(&f, 0, 8, UINT64_C(0x8000000000000), 3);
	assert_int_equal(CALL4(&f, RTT_MAP_UNPROTECTED, G(&f, 0), UINT64_C(0x8000000000000), 3,
			       NS(&f, 3) | 0x3d8), FX_OK);
	expect_entry(&f, G(&f, 0), UINT64_C(0x8000000000000), 3, 3, RLM_RMI_ASSIGNED,
		     NS(&f, 3) | 0x3d8, RLM_RIPAS_EMPTY);
	/* LPA2 realms need start level -1 for 52 bits; s2sz 52 at level 0 takes 16 roots */
	fx_fini(&f);
}

/* realm parameter validation, one field at a time (defaults: a valid realm) */
static void test_realm_params(void **state)
{
	static const struct {
		int s2sz, sl, n, lpa2;
		uint64_t expect;
	} g[] = {
		{ 32, 3, 1, 0, FX_INPUT }, { 32, 2, 4, 0, FX_OK }, { 31, 2, 2, 0, FX_INPUT },
		{ 33, 2, 8, 0, FX_OK }, { 34, 2, 16, 0, FX_OK }, { 35, 2, 32, 0, FX_INPUT },
		{ 25, 3, 1, 0, FX_INPUT }, { 36, 2, 1, 0, FX_INPUT }, { 39, 1, 1, 0, FX_OK },
		{ 40, 1, 2, 0, FX_OK }, { 43, 1, 16, 0, FX_OK }, { 44, 1, 32, 0, FX_INPUT },
		{ 40, 0, 1, 0, FX_OK }, { 48, 0, 1, 0, FX_OK }, { 48, 1, 512, 0, FX_INPUT },
		{ 49, 0, 2, 0, FX_INPUT }, { 49, 0, 2, 1, FX_OK }, { 52, 0, 16, 1, FX_OK },
		{ 52, -1, 1, 1, FX_OK }, { 49, -1, 1, 1, FX_OK }, { 48, -1, 1, 1, FX_INPUT },
		{ 52, -1, 1, 0, FX_INPUT }, { 40, 4, 1, 0, FX_INPUT }, { 40, -2, 1, 1, FX_INPUT },
		{ 32, 2, 1, 0, FX_INPUT }, { 53, -1, 1, 1, FX_INPUT },
	};
	size_t i;

	(void)state;
	for (i = 0; i < RLM_ARRAY_SIZE(g); i++) {
		struct fx f;
		struct rlm_realm_params p;
		uint64_t got;

		fx_init(&f);
		/* S2SZ 52 in the feature register, so LPA2 sizes can be tried */
		assert_int_equal(rlm_mock_set_features(f.m, (f.cfg.feat_reg0 & ~UINT64_C(0xff)) | 52), 0);
		fx_delegate(&f, G(&f, 0));
		fx_delegate_range(&f, 1, 16);
		fx_params(&p, G(&f, 1));
		p.s2sz = (uint32_t)g[i].s2sz;
		p.rtt_level_start = g[i].sl;
		p.rtt_num_start = (uint32_t)g[i].n;
		p.flags = g[i].lpa2 ? RLM_RMI_REALM_PARAM_FLAG_LPA2 : 0;
		got = fx_realm_create_p(&f, G(&f, 0), &p);
		if (got != g[i].expect)
			fail_msg("s2sz %d sl %d n %d lpa2 %d: got %llu", g[i].s2sz, g[i].sl, g[i].n,
				 g[i].lpa2, (unsigned long long)got);
		fx_fini(&f);
	}
}

static void test_realm_params_misc(void **state)
{
	struct fx f;
	struct rlm_realm_params p;

	(void)state;
	fx_init(&f);
	fx_delegate(&f, G(&f, 0));
	fx_delegate_range(&f, 1, 2);
	fx_delegate(&f, G(&f, 10));
	fx_delegate_range(&f, 11, 2);
	fx_params(&p, G(&f, 1));
	/* PMU: with counters up to the feature's; 0 needs FEAT_HPMN0 */
	p.flags = RLM_RMI_REALM_PARAM_FLAG_PMU;
	p.pmu_num_ctrs = 0;
	assert_int_equal(fx_realm_create_p(&f, G(&f, 0), &p), FX_INPUT);
	p.pmu_num_ctrs = 32;
	assert_int_equal(fx_realm_create_p(&f, G(&f, 0), &p), FX_INPUT);
	/* a counter count without the PMU flag is not checked */
	p.flags = 0;
	p.pmu_num_ctrs = 99;
	p.sve_vl = 7; /* nor is sve_vl without SVE */
	assert_int_equal(fx_realm_create_p(&f, G(&f, 0), &p), FX_OK);
	/* VMID in use (below 16 mod 64) and VMID over 8 bits */
	fx_params(&p, G(&f, 11));
	assert_int_equal(fx_realm_create_p(&f, G(&f, 10), &p), FX_INPUT);
	p.vmid = 256;
	assert_int_equal(fx_realm_create_p(&f, G(&f, 10), &p), FX_INPUT);
	/* the host build notices reuse only when vmid % 64 < 16 */
	assert_int_equal(CALL1(&f, REALM_DESTROY, G(&f, 0)), FX_OK);
	fx_params(&p, G(&f, 1));
	p.vmid = 40;
	assert_int_equal(fx_realm_create_p(&f, G(&f, 0), &p), FX_OK);
	fx_params(&p, G(&f, 11));
	p.vmid = 40;
	assert_int_equal(fx_realm_create_p(&f, G(&f, 10), &p), FX_OK);
	assert_int_equal(CALL1(&f, REALM_DESTROY, G(&f, 10)), FX_OK);
	assert_int_equal(CALL1(&f, REALM_DESTROY, G(&f, 0)), FX_OK);
	/* a failed create releases the VMID it reserved */
	fx_params(&p, G(&f, 1));
	p.vmid = 5;
	assert_int_equal(fx_realm_create_p(&f, G(&f, 1), &p), FX_INPUT); /* rd in RTT range */
	assert_int_equal(fx_realm_create_p(&f, G(&f, 30), &p), FX_INPUT); /* rd undelegated */
	assert_int_equal(fx_realm_create_p(&f, G(&f, 0), &p), FX_OK);
	assert_int_equal(CALL1(&f, REALM_DESTROY, G(&f, 0)), FX_OK);
	fx_fini(&f);

	/* vmid_strict: every reuse refused */
	{
		struct rlm_mock_config c;

		rlm_mock_config_default(&c);
		c.vmid_strict = true;
		c.vmid_bits = 16;
		fx_init_cfg(&f, &c);
		fx_realm(&f, 0, 1, 40);
		fx_delegate(&f, G(&f, 10));
		fx_delegate_range(&f, 11, 2);
		fx_params(&p, G(&f, 11));
		p.vmid = 40;
		assert_int_equal(fx_realm_create_p(&f, G(&f, 10), &p), FX_INPUT);
		p.vmid = 300; /* 16-bit VMIDs */
		assert_int_equal(fx_realm_create_p(&f, G(&f, 10), &p), FX_OK);
		fx_fini(&f);
	}
}

/* RTT_INIT_RIPAS measures each entry it changes (and ones already RAM). */
static void test_init_ripas_progress(void **state)
{
	struct fx f, g;
	uint8_t a[64], b[64];
	size_t hs;
	struct rlm_rim rim;
	struct rlm_realm_params p;

	(void)state;
	fx_init(&f);
	fx_realm(&f, 0, 1, 1);
	fx_rtt(&f, 0, 3, 0, 2);
	/* walk ends at level 2: 2 MiB entries, stop at top */
	assert_int_equal(CALL3(&f, RTT_INIT_RIPAS, G(&f, 0), 0, 0x700000), FX_OK);
	assert_int_equal(f.r.x[1], 0x600000);
	assert_int_equal(CALL3(&f, RTT_INIT_RIPAS, G(&f, 0), 0x600000, 0x700000), FX_RTT(2));
	/* RAM again is measured again */
	assert_int_equal(CALL3(&f, RTT_INIT_RIPAS, G(&f, 0), 0, 0x200000), FX_OK);
	/* the same with RLM's calculator */
	fx_params(&p, 0);
	rlm_rim_init(&rim, &p);
	rlm_rim_extend_ripas(&rim, 0, 0x200000);
	rlm_rim_extend_ripas(&rim, 0x200000, 0x400000);
	rlm_rim_extend_ripas(&rim, 0x400000, 0x600000);
	rlm_rim_extend_ripas(&rim, 0, 0x200000);
	assert_int_equal(rlm_mock_measurement(f.m, G(&f, 0), 0, a, &hs), 0);
	assert_memory_equal(a, rim.value, 32);
	/* stops at the end of the table */
	assert_int_equal(CALL3(&f, RTT_INIT_RIPAS, G(&f, 0), 0x3fe00000, 0x40200000), FX_OK);
	assert_int_equal(f.r.x[1], 0x40000000);
	/* active realm: ERROR_REALM after the address checks */
	assert_int_equal(CALL1(&f, REALM_ACTIVATE, G(&f, 0)), FX_OK);
	assert_int_equal(CALL3(&f, RTT_INIT_RIPAS, G(&f, 0), 0, 0x1000), FX_REALM);
	assert_int_equal(CALL3(&f, RTT_INIT_RIPAS, G(&f, 0), 0x10, 0x1000), FX_INPUT);
	fx_fini(&f);
	/* the RIM depends on the RTTs present: one L3 table changes it */
	fx_init(&g);
	fx_realm(&g, 0, 1, 1);
	fx_rtt(&g, 0, 3, 0, 2);
	fx_rtt(&g, 0, 4, 0, 3);
	assert_int_equal(CALL3(&g, RTT_INIT_RIPAS, G(&g, 0), 0, 0x200000), FX_OK);
	assert_int_equal(rlm_mock_measurement(g.m, G(&g, 0), 0, b, &hs), 0);
	rlm_rim_init(&rim, &p);
	for (uint64_t ipa = 0; ipa < 0x200000; ipa += 0x1000)
		rlm_rim_extend_ripas(&rim, ipa, ipa + 0x1000);
	assert_memory_equal(b, rim.value, 32);
	fx_fini(&g);
}

/* DATA_CREATE measurement of content and of the address only. */
static void test_data_measure(void **state)
{
	struct fx f;
	struct rlm_realm_params p;
	struct rlm_rim rim;
	uint8_t out[64], page[4096];
	size_t hs;
	uint8_t *src;
	struct rlm_rec_params rp;

	(void)state;
	fx_init(&f);
	fx_realm(&f, 0, 1, 1);
	fx_rtt(&f, 0, 3, 0, 2);
	fx_rtt(&f, 0, 4, 0, 3);
	src = rlm_mock_ns_ptr(f.m, NS(&f, 1), 4096);
	for (unsigned int i = 0; i < 4096; i++)
		src[i] = (uint8_t)(i * 7);
	memcpy(page, src, sizeof(page));
	fx_delegate_range(&f, 5, 3);
	assert_int_equal(CALL5(&f, DATA_CREATE, G(&f, 0), G(&f, 5), 0x1000, NS(&f, 1), 1), FX_OK);
	assert_int_equal(CALL5(&f, DATA_CREATE, G(&f, 0), G(&f, 6), 0x2000, NS(&f, 1), 0), FX_OK);
	src[0] ^= 1; /* changed content: hashed again */
	assert_int_equal(CALL5(&f, DATA_CREATE, G(&f, 0), G(&f, 7), 0x3000, NS(&f, 1), 1), FX_OK);
	fx_rec(&f, 0, 8, 0, true, 100);
	fx_params(&p, 0);
	rlm_rim_init(&rim, &p);
	rlm_rim_extend_data(&rim, 0x1000, 1, page);
	rlm_rim_extend_data(&rim, 0x2000, 0, NULL);
	page[0] ^= 1;
	rlm_rim_extend_data(&rim, 0x3000, 1, page);
	fx_rec_params(&f, &rp, 0, true, 100);
	rlm_rim_extend_rec(&rim, &rp);
	assert_int_equal(rlm_mock_measurement(f.m, G(&f, 0), 0, out, &hs), 0);
	assert_memory_equal(out, rim.value, 32);
	/* a non-runnable REC is not measured */
	fx_rec(&f, 0, 9, 1, false, 116);
	assert_int_equal(rlm_mock_measurement(f.m, G(&f, 0), 0, out, &hs), 0);
	assert_memory_equal(out, rim.value, 32);
	/* DATA_CREATE_UNKNOWN is not measured */
	fx_delegate(&f, G(&f, 10));
	assert_int_equal(CALL3(&f, DATA_CREATE_UNKNOWN, G(&f, 0), G(&f, 10), 0x4000), FX_OK);
	assert_int_equal(rlm_mock_measurement(f.m, G(&f, 0), 0, out, &hs), 0);
	assert_memory_equal(out, rim.value, 32);
	fx_fini(&f);
}

static void test_rec_create_order_and_destroy(void **state)
{
	struct fx f;
	struct rlm_rec_params p;

	(void)state;
	fx_init(&f);
	fx_realm(&f, 0, 1, 1);
	assert_int_equal(CALL1(&f, REC_AUX_COUNT, G(&f, 0)), FX_OK);
	assert_int_equal(f.r.x[1], 16);
	fx_rec(&f, 0, 10, 0, true, 100);
	/* MPIDR index 1 is Aff0 = 1; index 16 is Aff1 = 1 */
	fx_rec(&f, 0, 11, 1, true, 116);
	fx_delegate(&f, G(&f, 12));
	fx_delegate_range(&f, 132, 16);
	fx_rec_params(&f, &p, 0x100, true, 132);
	assert_int_equal(fx_rec_create_p(&f, G(&f, 0), G(&f, 12), &p), FX_INPUT);
	/* destroying a REC does not give its index back */
	assert_int_equal(CALL1(&f, REC_DESTROY, G(&f, 11)), FX_OK);
	fx_rec_params(&f, &p, 1, true, 132);
	assert_int_equal(fx_rec_create_p(&f, G(&f, 0), G(&f, 12), &p), FX_INPUT);
	fx_rec_params(&f, &p, 2, true, 132);
	assert_int_equal(fx_rec_create_p(&f, G(&f, 0), G(&f, 12), &p), FX_OK);
	/* RD busy while RECs exist */
	assert_int_equal(CALL1(&f, REALM_DESTROY, G(&f, 0)), FX_REALM);
	assert_int_equal(CALL1(&f, REC_DESTROY, G(&f, 12)), FX_OK);
	assert_int_equal(CALL1(&f, REC_DESTROY, G(&f, 12)), FX_INPUT);
	assert_int_equal(CALL1(&f, REC_DESTROY, G(&f, 10)), FX_OK);
	/* aux and REC granules are DELEGATED again */
	assert_int_equal(CALL1(&f, GRANULE_UNDELEGATE, G(&f, 100)), FX_OK);
	assert_int_equal(CALL1(&f, GRANULE_UNDELEGATE, G(&f, 10)), FX_OK);
	assert_int_equal(CALL1(&f, REALM_DESTROY, G(&f, 0)), FX_OK);
	assert_int_equal(CALL1(&f, REALM_DESTROY, G(&f, 0)), FX_INPUT);
	assert_int_equal(CALL1(&f, REALM_ACTIVATE, G(&f, 0)), FX_INPUT);
	fx_fini(&f);

	/* a configured REC_AUX_COUNT */
	{
		struct rlm_mock_config c;

		rlm_mock_config_default(&c);
		c.rec_aux_count = 2;
		fx_init_cfg(&f, &c);
		fx_realm(&f, 0, 1, 1);
		assert_int_equal(CALL1(&f, REC_AUX_COUNT, G(&f, 0)), FX_OK);
		assert_int_equal(f.r.x[1], 2);
		fx_delegate(&f, G(&f, 10));
		fx_delegate_range(&f, 100, 2);
		fx_rec_params(&f, &p, 0, true, 100);
		assert_int_equal(fx_rec_create_p(&f, G(&f, 0), G(&f, 10), &p), FX_INPUT);
		p.num_aux = 2;
		assert_int_equal(fx_rec_create_p(&f, G(&f, 0), G(&f, 10), &p), FX_OK);
		fx_fini(&f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version_features_unknown),
		cmocka_unit_test(test_delegate_undelegate),
		cmocka_unit_test(test_rim_vectors),
		cmocka_unit_test(test_trace_example),
		cmocka_unit_test(test_read_entry_states),
		cmocka_unit_test(test_destroy_top),
		cmocka_unit_test(test_fold_unfold),
		cmocka_unit_test(test_concatenated_roots),
		cmocka_unit_test(test_lpa2_level_minus1),
		cmocka_unit_test(test_realm_params),
		cmocka_unit_test(test_realm_params_misc),
		cmocka_unit_test(test_init_ripas_progress),
		cmocka_unit_test(test_data_measure),
		cmocka_unit_test(test_rec_create_order_and_destroy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
