/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The typed calls against the mock RMM (an executable model of TF-RMM
 * rmm-spec-v1.0-rel0): two independent encodings of every register must
 * agree.  A realm's whole life through rlm_rmi_* -- handshake, features,
 * delegate, REALM_CREATE from packed params, RTTs, INIT_RIPAS loop,
 * DATA_CREATE, READ_ENTRY, REC_CREATE, ACTIVATE, REC_ENTER -- then the realm
 * side through rlm_rsi_* on the mock's RSI conduit (handshake, measurements,
 * REALM_CONFIG, IPA_STATE_SET/GET loops), then teardown with the outputs
 * RMI_ERROR_RTT defines.
 */
#include "test_util.h"

#include <realm/testing.h>

struct world {
	struct rlm_mock *m;
	struct rlm_mock_config cfg;
	struct rlm_conduit c;
	uint64_t rd, rtt0, rtt1, l2, l3, data, rec, aux0;
};

static uint64_t G(const struct world *w, uint64_t n)
{
	return w->cfg.pool_base + n * RLM_GRANULE_SIZE;
}

static uint64_t NS(const struct world *w, uint64_t n)
{
	return w->cfg.ns_base + n * RLM_GRANULE_SIZE;
}

static void ok(int rc, const struct rlm_rmi_result *res, const char *what)
{
	if (rc)
		fail_msg("%s: %s (%s, index %u)", what, rlm_errname(rc),
			 rlm_rmi_status_name(res->status), res->index);
}

static void world_up(struct world *w)
{
	struct rlm_realm_params rp;
	struct rlm_rec_params cp;
	struct rlm_rmi_result res;
	struct rlm_version_info vi;
	uint64_t feat = 0, progress = 0, naux = 0, i;
	char desc[96];

	memset(w, 0, sizeof(*w));
	rlm_mock_config_default(&w->cfg);
	assert_int_equal(rlm_mock_new(&w->cfg, &w->m), 0);
	rlm_mock_conduit(w->m, &w->c);

	assert_int_equal(rlm_rmi_handshake(&w->c, &vi), 0);
	assert_int_equal(rlm_version_describe(&vi, desc, sizeof(desc)), 0);
	assert_string_equal(desc, "RMM implements RMI 1.0..1.0; librealm speaks 1.0 (compatible)");
	ok(rlm_rmi_features(&w->c, 0, &feat, &res), &res, "features");
	assert_true(feat == w->cfg.feat_reg0);

	w->rd = G(w, 0);
	w->rtt0 = G(w, 1);
	w->rtt1 = G(w, 2);
	w->l2 = G(w, 3);
	w->l3 = G(w, 4);
	w->data = G(w, 5);
	w->rec = G(w, 6);
	w->aux0 = 10;
	for (i = 0; i < 7; i++)
		ok(rlm_rmi_granule_delegate(&w->c, G(w, i), &res), &res, "delegate");

	/* s2sz 40 at start level 1: two concatenated root tables */
	memset(&rp, 0, sizeof(rp));
	rp.s2sz = 40;
	rp.num_bps = 1;
	rp.num_wps = 1;
	rp.hash_algo = RLM_RMI_HASH_SHA_256;
	rp.vmid = 1;
	rp.rtt_base = w->rtt0;
	rp.rtt_level_start = 1;
	rp.rtt_num_start = 2;
	ok(rlm_rmi_realm_create_params(&w->c, w->rd, NS(w, 1000), &rp, &res), &res,
	   "realm_create");

	ok(rlm_rmi_rtt_create(&w->c, w->rd, w->l2, 0, 2, &res), &res, "rtt L2");
	ok(rlm_rmi_rtt_create(&w->c, w->rd, w->l3, 0, 3, &res), &res, "rtt L3");
	/* RAM over the first 4 MiB: one call per RTT entry the walk reaches */
	ok(rlm_rmi_rtt_init_ripas_range(&w->c, w->rd, 0, 0x400000, &progress, &res),
	   &res, "init_ripas");
	assert_true(progress == 0x400000);

	memset(rlm_mock_ns_ptr(w->m, NS(w, 10), 4096), 0x5a, 4096);
	ok(rlm_rmi_data_create(&w->c, w->rd, w->data, 0, NS(w, 10),
			       RLM_RMI_MEASURE_CONTENT, &res), &res, "data_create");

	ok(rlm_rmi_rec_aux_count(&w->c, w->rd, &naux, &res), &res, "aux_count");
	assert_true(naux == w->cfg.rec_aux_count);
	memset(&cp, 0, sizeof(cp));
	cp.flags = RLM_REC_PARAMS_FLAG_RUNNABLE;
	cp.mpidr = rlm_rmi_index_to_mpidr(0);
	cp.pc = 0x1000;
	cp.num_aux = naux;
	for (i = 0; i < naux; i++) {
		cp.aux[i] = G(w, w->aux0 + i);
		ok(rlm_rmi_granule_delegate(&w->c, cp.aux[i], &res), &res, "aux");
	}
	ok(rlm_rmi_rec_create_params(&w->c, w->rd, w->rec, NS(w, 1001), &cp, &res),
	   &res, "rec_create");
	ok(rlm_rmi_realm_activate(&w->c, w->rd, &res), &res, "activate");
}

static void world_check(struct world *w)
{
	char why[200];

	if (rlm_mock_check(w->m, why, sizeof(why)))
		fail_msg("mock invariant: %s", why);
}

/* RmiFeatureRegister0 decoded field by field, read through the mock, and
 * realm parameters checked against it with the failing field named. */
static void test_features0(void **state)
{
	struct rlm_rmi_features0 f, g;
	struct rlm_realm_params p;
	struct rlm_mock_config cfg;
	struct rlm_mock *m;
	struct rlm_conduit c;
	const char *field = "unset";
	uint64_t reg;

	(void)state;
	/* every field at a distinct value */
	reg = 44 | RLM_RMI_FEATURE_REGISTER_0_LPA2 | RLM_RMI_FEATURE_REGISTER_0_SVE_EN |
	      RLM_FIELD_PREP(RLM_RMI_FEATURE_REGISTER_0_SVE_VL, 15) |
	      RLM_FIELD_PREP(RLM_RMI_FEATURE_REGISTER_0_NUM_BPS, 5) |
	      RLM_FIELD_PREP(RLM_RMI_FEATURE_REGISTER_0_NUM_WPS, 3) |
	      RLM_RMI_FEATURE_REGISTER_0_PMU_EN |
	      RLM_FIELD_PREP(RLM_RMI_FEATURE_REGISTER_0_PMU_NUM_CTRS, 6) |
	      RLM_RMI_FEATURE_REGISTER_0_HASH_SHA_512 |
	      RLM_FIELD_PREP(RLM_RMI_FEATURE_REGISTER_0_GICV3_NUM_LRS, 7) |
	      RLM_FIELD_PREP(RLM_RMI_FEATURE_REGISTER_0_MAX_RECS_ORDER, 9);
	rlm_rmi_features0_decode(reg, &f);
	assert_int_equal(f.s2sz, 44);
	assert_true(f.lpa2 && f.sve_en && f.pmu_en && f.hash_sha_512 && !f.hash_sha_256);
	assert_int_equal(f.sve_vl, 15);
	assert_int_equal(f.num_bps, 5);
	assert_int_equal(f.num_wps, 3);
	assert_int_equal(f.pmu_num_ctrs, 6);
	assert_int_equal(f.gicv3_num_lrs, 7);
	assert_int_equal(f.max_recs_order, 9);
	rlm_rmi_features0_decode(0, &g);
	assert_true(!g.s2sz && !g.lpa2 && !g.sve_en && !g.pmu_en && !g.hash_sha_256 &&
		    !g.num_bps && !g.num_wps && !g.max_recs_order);

	memset(&p, 0, sizeof(p));
	p.s2sz = 44;
	p.num_bps = 5;
	p.num_wps = 3;
	p.hash_algo = RLM_RMI_HASH_SHA_512;
	p.flags = RLM_RMI_REALM_PARAM_FLAG_SVE | RLM_RMI_REALM_PARAM_FLAG_PMU |
		  RLM_RMI_REALM_PARAM_FLAG_LPA2;
	p.sve_vl = 15;
	p.pmu_num_ctrs = 6;
	assert_int_equal(rlm_rmi_features0_check(&f, &p, &field), 0);
	assert_null(field);
#define BAD(mut, err, name) do { struct rlm_realm_params q = p; mut; \
	field = NULL; \
	assert_int_equal(rlm_rmi_features0_check(&f, &q, &field), err); \
	assert_non_null(field); assert_string_equal(field, name); } while (0)
	BAD(q.s2sz = 45, RLM_ERANGE, "s2sz");
	BAD(q.s2sz = 31, RLM_ERANGE, "s2sz");
	BAD(q.num_bps = 6, RLM_ERANGE, "num_bps");
	BAD(q.num_bps = 0, RLM_ERANGE, "num_bps");
	BAD(q.num_wps = 4, RLM_ERANGE, "num_wps");
	BAD(q.num_wps = 0, RLM_ERANGE, "num_wps");
	BAD(q.sve_vl = 16, RLM_ERANGE, "sve_vl");
	BAD(q.pmu_num_ctrs = 7, RLM_ERANGE, "pmu_num_ctrs");
	BAD(q.hash_algo = RLM_RMI_HASH_SHA_256, RLM_ENOTSUP, "hash_algo");
	BAD(q.hash_algo = 7, RLM_ENOTSUP, "hash_algo");
	g = f;
	g.sve_en = false;
	g.pmu_en = false;
	g.lpa2 = false;
	field = NULL;
	assert_int_equal(rlm_rmi_features0_check(&g, &p, &field), RLM_ENOTSUP);
	assert_string_equal(field, "lpa2");
	p.flags &= ~RLM_RMI_REALM_PARAM_FLAG_LPA2;
	assert_int_equal(rlm_rmi_features0_check(&g, &p, &field), RLM_ENOTSUP);
	assert_string_equal(field, "sve");
	p.flags &= ~RLM_RMI_REALM_PARAM_FLAG_SVE;
	assert_int_equal(rlm_rmi_features0_check(&g, &p, &field), RLM_ENOTSUP);
	assert_string_equal(field, "pmu");
	/* without the flags, the counts they govern are not limits */
	p.flags = 0;
	p.sve_vl = 99;
	p.pmu_num_ctrs = 99;
	assert_int_equal(rlm_rmi_features0_check(&g, &p, NULL), 0);
	assert_int_equal(rlm_rmi_features0_check(NULL, &p, &field), RLM_EINVAL);
	assert_int_equal(rlm_rmi_features0_check(&g, NULL, &field), RLM_EINVAL);

	/* through the mock: what RMI_FEATURES(0) says, decoded */
	rlm_mock_config_default(&cfg);
	assert_int_equal(rlm_mock_new(&cfg, &m), 0);
	rlm_mock_conduit(m, &c);
	assert_int_equal(rlm_mock_set_features(m, reg), 0);
	memset(&g, 0, sizeof(g));
	assert_int_equal(rlm_rmi_features0_read(&c, &g), 0);
	assert_true(g.s2sz == 44 && g.lpa2 && g.sve_en && g.sve_vl == 15 &&
		    g.num_bps == 5 && g.num_wps == 3 && g.pmu_en && g.pmu_num_ctrs == 6 &&
		    !g.hash_sha_256 && g.hash_sha_512 && g.gicv3_num_lrs == 7 &&
		    g.max_recs_order == 9);
	assert_int_equal(rlm_rmi_features0_read(&c, NULL), RLM_EINVAL);
	rlm_mock_free(m);
}

static void test_host_side(void **state)
{
	struct world w;
	struct rlm_rmi_result res;
	struct rlm_rtt_entry e;
	struct rlm_rec_enter en;
	struct rlm_rec_exit ex;
	uint64_t top = 0, pa = 0, rtt = 0;

	(void)state;
	world_up(&w);

	/* READ_ENTRY decodes level, state, desc and RIPAS */
	ok(rlm_rmi_rtt_read_entry(&w.c, w.rd, 0, 3, &e, &res), &res, "read_entry");
	assert_int_equal(e.level, 3);
	assert_int_equal(e.state, RLM_RMI_ASSIGNED);
	assert_true(e.desc == w.data);
	assert_int_equal(e.ripas, RLM_RIPAS_RAM);
	ok(rlm_rmi_rtt_read_entry(&w.c, w.rd, 0x200000, 2, &e, &res), &res, "read L2");
	assert_int_equal(e.level, 2);
	assert_int_equal(e.state, RLM_RMI_UNASSIGNED);
	assert_int_equal(e.ripas, RLM_RIPAS_RAM);
	/* an IPA whose walk stops at level 1 */
	ok(rlm_rmi_rtt_read_entry(&w.c, w.rd, 0x40000000, 3, &e, &res), &res, "read L1");
	assert_int_equal(e.level, 1);
	assert_int_equal(e.ripas, RLM_RIPAS_EMPTY);

	/* RMM errors come back decoded: DATA_CREATE on an assigned entry */
	assert_int_equal(rlm_rmi_granule_delegate(&w.c, G(&w, 40), &res), 0);
	assert_int_equal(rlm_rmi_data_create_unknown(&w.c, w.rd, G(&w, 40), 0, &res),
			 RLM_ERMI);
	assert_int_equal(res.status, RLM_RMI_ERROR_RTT);
	/* (the realm is active: DATA_CREATE is refused with ERROR_REALM) */
	assert_int_equal(rlm_rmi_data_create(&w.c, w.rd, G(&w, 40), 0x1000, NS(&w, 10), 0,
					     &res), RLM_ERMI);
	assert_int_equal(res.status, RLM_RMI_ERROR_REALM);

	/* REC_ENTER through the run page: nothing queued, so an IRQ exit */
	memset(&en, 0, sizeof(en));
	ok(rlm_rmi_rec_enter_run(&w.c, w.rec, NS(&w, 1002), &en, &ex, &res), &res,
	   "rec_enter");
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_IRQ);

	/* teardown: RTT_DESTROY of a table with live children is ERROR_RTT,
	 * and the top output is still defined */
	top = 0x5e5e;
	assert_int_equal(rlm_rmi_rtt_destroy(&w.c, w.rd, 0, 3, &rtt, &top, &res), RLM_ERMI);
	assert_int_equal(res.status, RLM_RMI_ERROR_RTT);
	assert_true(top != 0x5e5e);
	ok(rlm_rmi_data_destroy(&w.c, w.rd, 0, &pa, &top, &res), &res, "data_destroy");
	assert_true(pa == w.data);
	assert_true(top > 0);
	ok(rlm_rmi_rtt_destroy(&w.c, w.rd, 0, 3, &rtt, &top, &res), &res, "rtt_destroy");
	assert_true(rtt == w.l3);
	ok(rlm_rmi_rec_destroy(&w.c, w.rec, &res), &res, "rec_destroy");
	ok(rlm_rmi_rtt_destroy(&w.c, w.rd, 0, 2, &rtt, &top, &res), &res, "rtt_destroy L2");
	assert_true(rtt == w.l2);
	ok(rlm_rmi_realm_destroy(&w.c, w.rd, &res), &res, "realm_destroy");
	ok(rlm_rmi_granule_undelegate(&w.c, w.data, &res), &res, "undelegate");
	world_check(&w);
	rlm_mock_free(w.m);
}

static void test_realm_side(void **state)
{
	struct world w;
	struct rlm_conduit rc;
	struct rlm_rsi_result res;
	struct rlm_version_info vi;
	struct rlm_rsi_realm_config cfg;
	uint8_t meas[64], want[64], ext[32];
	size_t hsz = 0;
	uint64_t progress = 0, top = 0;
	uint8_t ripas = 0xff;
	const uint8_t *page;
	bool prot = false;

	(void)state;
	world_up(&w);
	assert_int_equal(rlm_mock_rsi_conduit(w.m, w.rec, &rc), 0);

	assert_int_equal(rlm_rsi_handshake(&rc, &vi), 0);

	/* MEASUREMENT_READ: X1..X8 little-endian = the RIM the mock holds */
	assert_int_equal(rlm_rsi_measurement_read(&rc, RLM_MEASUREMENT_RIM, meas, &res), 0);
	assert_int_equal(rlm_mock_measurement(w.m, w.rd, 0, want, &hsz), 0);
	assert_int_equal(hsz, 32);
	assert_memory_equal(meas, want, 64);

	/* MEASUREMENT_EXTEND: X3..X10 little-endian, then REM0 changed */
	memset(ext, 0xc3, sizeof(ext));
	assert_int_equal(rlm_rsi_measurement_extend(&rc, RLM_MEASUREMENT_REM0, ext,
						    sizeof(ext), &res), 0);
	assert_int_equal(rlm_rsi_measurement_read(&rc, RLM_MEASUREMENT_REM0, meas, &res), 0);
	assert_int_equal(rlm_mock_measurement(w.m, w.rd, 1, want, &hsz), 0);
	assert_memory_equal(meas, want, 64);
	assert_false(meas[0] == 0 && meas[1] == 0 && meas[2] == 0 && meas[3] == 0);
	/* RIM is not extendable: refused before the call */
	assert_int_equal(rlm_rsi_measurement_extend(&rc, 0, ext, 8, &res), RLM_ERANGE);

	/* REALM_CONFIG into the DATA granule at IPA 0 */
	page = rlm_mock_realm_mem(w.m, w.rd, 0, 4096);
	assert_non_null(page);
	assert_int_equal(rlm_rsi_realm_config_read(&rc, 0, page, 4096, &cfg, &res), 0);
	assert_int_equal(cfg.ipa_width, 40);
	assert_int_equal(cfg.hash_algo, RLM_RSI_HASH_SHA_256);

	/* IPA_STATE_GET walk: RAM over the initialised 4 MiB */
	assert_int_equal(rlm_rsi_range_is_protected(&rc, 0, 0x400000, &prot, &res), 0);
	assert_true(prot);
	/* IPA_STATE_SET loop: make [0x200000, 0x400000) EMPTY (the mock's
	 * built-in host accepts), then the walk sees it */
	assert_int_equal(rlm_rsi_set_ipa_state_range(&rc, 0x200000, 0x400000,
						     RLM_RIPAS_EMPTY, 0, &progress, &res), 0);
	assert_true(progress == 0x400000);
	assert_int_equal(rlm_rsi_ipa_state_get(&rc, 0x200000, 0x400000, &top, &ripas, &res), 0);
	assert_int_equal(ripas, RLM_RIPAS_EMPTY);
	assert_true(top == 0x400000);
	assert_int_equal(rlm_rsi_range_is_protected(&rc, 0, 0x400000, &prot, &res), 0);
	assert_false(prot);
	/* an IPA_STATE_GET the RMM refuses (unaligned) comes back as RLM_ERSI */
	assert_int_equal(rlm_rsi_ipa_state_get(&rc, 0x10, 0x1000, &top, &ripas, &res),
			 RLM_ERSI);
	assert_int_equal(res.status, RLM_RSI_ERROR_INPUT);

	world_check(&w);
	rlm_mock_free(w.m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_features0),
		cmocka_unit_test(test_host_side),
		cmocka_unit_test(test_realm_side),
	};

	return cmocka_run_group_tests_name("abi-mock", tests, NULL, NULL);
}
