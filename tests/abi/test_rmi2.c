/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 2.0 (beta) tables against numbers written out from TF-RMM main
 * 9a7f8ef46378320ad69140a42e51c1ccf5914661 (2026-07-22):
 * lib/smc/include/smc-rmi.h (FIDs, statuses, RmiResultDataIncomplete,
 * RmiOpMemDonateReq, RmiRealmFlags0/1, FEATURE_REGISTER_0..4 SHIFT/WIDTH)
 * and runtime/core/handler.c (HANDLER(id, in, out) rows; out counts X0, so
 * result registers are out - 1).
 */
#include "test_util.h"

#include <string.h>

#include <realm/realm.h>

struct exp_cmd {
	const char *name;
	uint64_t fid;
	int in, out;
};

static const struct exp_cmd v2_expected[] = {
	{ "RMI_VERSION", UINT64_C(0xc4000150), 1, 2 },
	{ "RMI_RTT_DATA_MAP_INIT", UINT64_C(0xc4000153), 5, 0 },
	{ "RMI_REALM_ACTIVATE", UINT64_C(0xc4000157), 1, 0 },
	{ "RMI_REALM_CREATE", UINT64_C(0xc4000158), 2, 0 },
	{ "RMI_REALM_DESTROY", UINT64_C(0xc4000159), 1, 0 },
	{ "RMI_REC_CREATE", UINT64_C(0xc400015a), 3, 0 },
	{ "RMI_REC_DESTROY", UINT64_C(0xc400015b), 1, 0 },
	{ "RMI_REC_ENTER", UINT64_C(0xc400015c), 2, 0 },
	{ "RMI_RTT_CREATE", UINT64_C(0xc400015d), 4, 0 },
	{ "RMI_RTT_DESTROY", UINT64_C(0xc400015e), 3, 2 },
	{ "RMI_RTT_READ_ENTRY", UINT64_C(0xc4000161), 3, 4 },
	{ "RMI_RTT_DEV_VALIDATE", UINT64_C(0xc4000163), 4, 1 },
	{ "RMI_PSCI_COMPLETE", UINT64_C(0xc4000164), 3, 0 },
	{ "RMI_FEATURES", UINT64_C(0xc4000165), 1, 1 },
	{ "RMI_RTT_FOLD", UINT64_C(0xc4000166), 3, 1 },
	{ "RMI_RTT_INIT_RIPAS", UINT64_C(0xc4000168), 3, 1 },
	{ "RMI_RTT_SET_RIPAS", UINT64_C(0xc4000169), 4, 1 },
	{ "RMI_VSMMU_CREATE", UINT64_C(0xc400016a), -1, -1 },
	{ "RMI_VSMMU_DESTROY", UINT64_C(0xc400016b), -1, -1 },
	{ "RMI_VSMMU_MAP", UINT64_C(0xc400016c), -1, -1 },
	{ "RMI_VSMMU_UNMAP", UINT64_C(0xc400016d), -1, -1 },
	{ "RMI_RMM_CONFIG_SET", UINT64_C(0xc400016e), 1, 0 },
	{ "RMI_PSMMU_IRQ_NOTIFY", UINT64_C(0xc400016f), -1, -1 },
	{ "RMI_PDEV_ABORT", UINT64_C(0xc4000174), 1, 0 },
	{ "RMI_PDEV_COMMUNICATE", UINT64_C(0xc4000175), 2, 0 },
	{ "RMI_PDEV_CREATE", UINT64_C(0xc4000176), 2, 0 },
	{ "RMI_PDEV_DESTROY", UINT64_C(0xc4000177), 1, 0 },
	{ "RMI_PDEV_GET_STATE", UINT64_C(0xc4000178), 1, 1 },
	{ "RMI_PDEV_STREAM_KEY_REFRESH", UINT64_C(0xc400017a), 3, 0 },
	{ "RMI_PDEV_SET_PUBKEY", UINT64_C(0xc400017b), 2, 0 },
	{ "RMI_PDEV_STOP", UINT64_C(0xc400017c), 1, 0 },
	{ "RMI_RTT_AUX_CREATE", UINT64_C(0xc400017d), 5, 0 },
	{ "RMI_RTT_AUX_DESTROY", UINT64_C(0xc400017e), 4, 2 },
	{ "RMI_RTT_AUX_FOLD", UINT64_C(0xc400017f), 4, 1 },
	{ "RMI_RTT_AUX_MAP_PROTECTED", UINT64_C(0xc4000180), 3, 4 },
	{ "RMI_RTT_AUX_MAP_UNPROTECTED", UINT64_C(0xc4000181), 3, 3 },
	{ "RMI_RTT_AUX_UNMAP_PROTECTED", UINT64_C(0xc4000183), 3, 1 },
	{ "RMI_RTT_AUX_UNMAP_UNPROTECTED", UINT64_C(0xc4000184), 3, 2 },
	{ "RMI_VDEV_ABORT", UINT64_C(0xc4000185), 3, 0 },
	{ "RMI_VDEV_COMMUNICATE", UINT64_C(0xc4000186), 4, 0 },
	{ "RMI_VDEV_CREATE", UINT64_C(0xc4000187), 4, 0 },
	{ "RMI_VDEV_DESTROY", UINT64_C(0xc4000188), 3, 0 },
	{ "RMI_VDEV_GET_STATE", UINT64_C(0xc4000189), 1, 1 },
	{ "RMI_VDEV_UNLOCK", UINT64_C(0xc400018a), 3, 1 },
	{ "RMI_RTT_SET_S2AP", UINT64_C(0xc400018b), 4, 1 },
	{ "RMI_VDEV_COMPLETE", UINT64_C(0xc400018e), 2, 0 },
	{ "RMI_VDEV_GET_INTERFACE_REPORT", UINT64_C(0xc40001d0), 3, 0 },
	{ "RMI_VDEV_GET_MEASUREMENTS", UINT64_C(0xc40001d1), 4, 0 },
	{ "RMI_VDEV_LOCK", UINT64_C(0xc40001d2), 3, 0 },
	{ "RMI_VDEV_START", UINT64_C(0xc40001d3), 3, 0 },
	{ "RMI_PSMMU_ACTIVATE", UINT64_C(0xc40001d7), 2, 0 },
	{ "RMI_PSMMU_DEACTIVATE", UINT64_C(0xc40001d8), 1, 0 },
	{ "RMI_PSMMU_ST_L2_CREATE", UINT64_C(0xc40001db), 2, 0 },
	{ "RMI_PSMMU_ST_L2_DESTROY", UINT64_C(0xc40001dc), 2, 0 },
	{ "RMI_GRANULE_TRACKING_GET", UINT64_C(0xc40001e1), 2, 3 },
	{ "RMI_GRANULE_TRACKING_SET", UINT64_C(0xc40001e3), 3, 0 },
	{ "RMI_RMM_CONFIG_GET", UINT64_C(0xc40001ec), 1, 0 },
	{ "RMI_GRANULE_RANGE_DELEGATE", UINT64_C(0xc40001f1), 2, 1 },
	{ "RMI_GRANULE_RANGE_UNDELEGATE", UINT64_C(0xc40001f2), 2, 1 },
	{ "RMI_GPT_L1_CREATE", UINT64_C(0xc40001f3), 1, 0 },
	{ "RMI_GPT_L1_DESTROY", UINT64_C(0xc40001f4), 1, 0 },
	{ "RMI_RTT_DATA_MAP", UINT64_C(0xc40001f5), 5, 1 },
	{ "RMI_RTT_DATA_UNMAP", UINT64_C(0xc40001f6), 5, 3 },
	{ "RMI_RTT_DEV_MAP", UINT64_C(0xc40001f7), 6, 1 },
	{ "RMI_RTT_DEV_UNMAP", UINT64_C(0xc40001f8), 5, 3 },
	{ "RMI_RTT_UNPROT_MAP", UINT64_C(0xc40001fb), 5, 1 },
	{ "RMI_RTT_UNPROT_UNMAP", UINT64_C(0xc40001fc), 5, 3 },
	{ "RMI_REALM_TERMINATE", UINT64_C(0xc4000201), 1, 0 },
	{ "RMI_RMM_ACTIVATE", UINT64_C(0xc4000202), 0, 0 },
	{ "RMI_OP_CONTINUE", UINT64_C(0xc4000203), 2, 2 },
	{ "RMI_PDEV_STREAM_CONNECT", UINT64_C(0xc4000204), 1, 1 },
	{ "RMI_PDEV_STREAM_DISCONNECT", UINT64_C(0xc4000205), 3, 0 },
	{ "RMI_PDEV_STREAM_COMPLETE", UINT64_C(0xc4000206), 3, 0 },
	{ "RMI_PDEV_STREAM_KEY_PURGE", UINT64_C(0xc4000207), 3, 0 },
	{ "RMI_OP_MEM_DONATE", UINT64_C(0xc4000208), 3, 2 },
	{ "RMI_OP_MEM_RECLAIM", UINT64_C(0xc4000209), 3, 1 },
	{ "RMI_OP_CANCEL", UINT64_C(0xc400020a), 1, 0 },
};

static void test_v2_table(void **state)
{
	const struct rlm_abi_table *t;
	const struct rlm_abi_cmd *c;
	size_t i, n = sizeof(v2_expected) / sizeof(v2_expected[0]);

	(void)state;
	assert_int_equal(rlm_abi_table(RLM_RMI_V2_0, &t), 0);
	assert_int_equal(t->abi, RLM_RMI_V2_0);
	assert_int_equal(t->version, 0x20000);
	assert_int_equal(t->count, n);
	assert_int_equal(n, 77);
	for (i = 0; i < n; i++) {
		assert_string_equal(t->cmds[i].name, v2_expected[i].name);
		assert_int_equal(t->cmds[i].fid, v2_expected[i].fid);
		assert_int_equal(t->cmds[i].in, v2_expected[i].in);
		assert_int_equal(t->cmds[i].out, v2_expected[i].out);
		/* verb is the name in lower case */
		assert_int_equal(strlen(t->cmds[i].verb) + 4,
				 strlen(t->cmds[i].name));
		if (i)
			assert_true(t->cmds[i].fid > t->cmds[i - 1].fid);
		assert_int_equal(rlm_abi_find(t, v2_expected[i].fid, &c), 0);
		assert_ptr_equal(c, &t->cmds[i]);
	}
	assert_int_equal(t->cmds[0].fid, RLM_SMC_RMI2_FIRST);
	assert_int_equal(t->cmds[n - 1].fid, RLM_SMC_RMI2_LAST);
	/* 1.0 commands removed in 2.0 */
	assert_int_equal(rlm_abi_find(t, UINT64_C(0xc4000151), &c), RLM_ENOENT);
	assert_null(c);
	assert_int_equal(rlm_abi_find(t, UINT64_C(0xc4000167), &c), RLM_ENOENT);
	assert_int_equal(rlm_abi_find(t, UINT64_C(0xc400015f), &c), RLM_ENOENT);
}

static void test_v1_table(void **state)
{
	const struct rlm_abi_table *t;
	const struct rlm_abi_cmd *c;

	(void)state;
	assert_int_equal(rlm_abi_table(RLM_RMI_V1_0, &t), 0);
	assert_int_equal(t->version, 0x10000);
	assert_int_equal(t->count, 23);
	assert_int_equal(rlm_abi_find(t, UINT64_C(0xc4000153), &c), 0);
	assert_string_equal(c->name, "RMI_DATA_CREATE");
	assert_int_equal(c->in, 5);
	assert_int_equal(rlm_abi_find(t, UINT64_C(0xc4000201), &c), RLM_ENOENT);
}

static void test_table_bad(void **state)
{
	const struct rlm_abi_table *t = (const struct rlm_abi_table *)&t;
	const struct rlm_abi_cmd *c;

	(void)state;
	assert_int_equal(rlm_abi_table((enum rlm_rmi_abi)2, &t), RLM_EINVAL);
	assert_null(t);
	assert_int_equal(rlm_abi_table((enum rlm_rmi_abi)-1, &t), RLM_EINVAL);
	assert_int_equal(rlm_abi_table(RLM_RMI_V2_0, NULL), RLM_EINVAL);
	assert_int_equal(rlm_abi_find(NULL, 0, &c), RLM_EINVAL);
	assert_int_equal(rlm_abi_table(RLM_RMI_V2_0, &t), 0);
	assert_int_equal(rlm_abi_find(t, 0, NULL), RLM_EINVAL);
}

static void test_statuses(void **state)
{
	(void)state;
	assert_int_equal(RLM_RMI_ERROR_PSMMU_ST, 8);
	assert_int_equal(RLM_RMI_ERROR_DPT, 9);
	assert_int_equal(RLM_RMI_BUSY, 10);
	assert_int_equal(RLM_RMI_ERROR_GLOBAL, 11);
	assert_int_equal(RLM_RMI_ERROR_TRACKING, 12);
	assert_int_equal(RLM_RMI_INCOMPLETE, 13);
	assert_int_equal(RLM_RMI_BLOCKED, 14);
	assert_int_equal(RLM_RMI_ERROR_GPT, 15);
	assert_int_equal(RLM_RMI_ERROR_GRANULE, 16);
	assert_int_equal(RLM_RMI_STATUS_LAST + 1, 17); /* RMI_ERROR_COUNT_MAX */
	assert_string_equal(rlm_rmi_status_name(13), "RMI_INCOMPLETE");
}

static void test_decode(void **state)
{
	uint8_t st = 0xff, ix = 0xff, mr = 0xff;
	bool cc = false;

	(void)state;
	/* INCOMPLETE, donate (1 << 8), can cancel (1 << 10) */
	assert_int_equal(rlm_rmi2_decode(13 | 0x100 | 0x400, &st, &ix, &mr, &cc), 0);
	assert_int_equal(st, 13);
	assert_int_equal(ix, 0);
	assert_int_equal(mr, 1);
	assert_true(cc);
	assert_int_equal(rlm_rmi2_decode(13 | 0x200, &st, &ix, &mr, &cc), 0);
	assert_int_equal(mr, 2);
	assert_false(cc);
	assert_int_equal(rlm_rmi2_decode(13, &st, NULL, &mr, NULL), 0);
	assert_int_equal(mr, 0);
	/* ERROR_RTT with level index 2 */
	assert_int_equal(rlm_rmi2_decode(4 | 0x200, &st, &ix, &mr, &cc), 0);
	assert_int_equal(st, 4);
	assert_int_equal(ix, 2);
	assert_int_equal(mr, 0);
	assert_false(cc);
	assert_int_equal(rlm_rmi2_decode(16, &st, &ix, NULL, NULL), 0);
	assert_int_equal(st, 16);
	/* bad */
	assert_int_equal(rlm_rmi2_decode(17, &st, &ix, &mr, &cc), RLM_EMALFORMED);
	assert_int_equal(rlm_rmi2_decode(13 | 0x300, &st, &ix, &mr, &cc),
			 RLM_EMALFORMED);
	assert_int_equal(rlm_rmi2_decode(13 | 0x800, &st, &ix, &mr, &cc),
			 RLM_EMALFORMED);
	assert_int_equal(rlm_rmi2_decode(0x100, &st, &ix, &mr, &cc),
			 RLM_EMALFORMED);
	assert_int_equal(rlm_rmi2_decode(UINT64_C(0x10000), NULL, NULL, NULL,
					 NULL), RLM_EMALFORMED);
	assert_int_equal(rlm_rmi2_decode(UINT64_MAX, &st, &ix, &mr, &cc),
			 RLM_ECONDUIT);
}

static void test_donate_req(void **state)
{
	uint8_t bs = 0, mst = 0;
	uint16_t cnt = 0;
	bool contig = false;

	(void)state;
	/* 16 pages (REC_CREATE's request): size 0, count 16 << 2 */
	assert_int_equal(rlm_rmi2_donate_req_decode(16 << 2, &bs, &cnt, &contig,
						    &mst), 0);
	assert_int_equal(bs, 0);
	assert_int_equal(cnt, 16);
	assert_false(contig);
	assert_int_equal(mst, 0);
	/* every field at its maximum: size [1:0], count [15:2], 16, 17 */
	assert_int_equal(rlm_rmi2_donate_req_decode(0x3ffff, &bs, &cnt, &contig,
						    &mst), 0);
	assert_int_equal(bs, 3);
	assert_int_equal(cnt, 0x3fff);
	assert_true(contig);
	assert_int_equal(mst, 1);
	assert_int_equal(rlm_rmi2_donate_req_decode(0x40000, &bs, &cnt, &contig,
						    &mst), RLM_EMALFORMED);
	assert_int_equal(rlm_rmi2_donate_req_decode(1, NULL, NULL, NULL, NULL), 0);
}

static void test_flags(void **state)
{
	(void)state;
	assert_int_equal(RLM_RMI_REALM_FLAGS0_LPA2, 1);
	assert_int_equal(RLM_RMI_REALM_FLAGS0_SVE, 2);
	assert_int_equal(RLM_RMI_REALM_FLAGS0_PMU, 4);
	assert_int_equal(RLM_RMI_REALM_FLAGS0_DA, 8);
	assert_int_equal(RLM_RMI_REALM_FLAGS0_MEC_POLICY, 0x180);
	assert_int_equal(RLM_RMI_REALM_FLAGS1_RTT_TREE_PP, 1);
	assert_int_equal(RLM_RMI_REALM_FLAGS1_S2AP_ENC, 2);
	assert_int_equal(RLM_RMI2_RETURN_MEM_REQ, 0x300);
	assert_int_equal(RLM_RMI2_RETURN_CAN_CANCEL, 0x400);
	assert_int_equal(RLM_RMI_OP_DONATE_BLK_COUNT, 0xfffc);
	assert_int_equal(RLM_RMI_HASH_SHA_384, 2);
}

/* Each field alone at its TF-RMM SHIFT/WIDTH, all ones, then all zero. */
static void test_features(void **state)
{
	uint64_t r[5] = { 0 };
	struct rlm_rmi2_features f;

	(void)state;
	r[0] = UINT64_C(0xff) << 0;
	assert_int_equal(rlm_rmi2_features_decode(r, &f), 0);
	assert_int_equal(f.s2sz, 0xff);
	assert_false(f.lpa2);
	r[0] = UINT64_C(1) << 8 | UINT64_C(1) << 9 | UINT64_C(0xf) << 10 |
	       UINT64_C(0x3f) << 14 | UINT64_C(0x2a) << 20 | UINT64_C(1) << 26 |
	       UINT64_C(0x1f) << 27;
	assert_int_equal(rlm_rmi2_features_decode(r, &f), 0);
	assert_int_equal(f.s2sz, 0);
	assert_true(f.lpa2 && f.sve_en && f.pmu_en);
	assert_int_equal(f.sve_vl, 15);
	assert_int_equal(f.num_bps, 0x3f);
	assert_int_equal(f.num_wps, 0x2a);
	assert_int_equal(f.pmu_num_ctrs, 31);
	r[0] = 0;
	r[1] = UINT64_C(1) << 0 | UINT64_C(1) << 4 | UINT64_C(9) << 6 |
	       UINT64_C(0xc) << 10 | UINT64_C(5) << 14;
	assert_int_equal(rlm_rmi2_features_decode(r, &f), 0);
	assert_true(f.gran_4k && f.sha_384);
	assert_false(f.gran_16k || f.gran_64k || f.sha_256 || f.sha_512);
	assert_int_equal(f.max_recs_order, 9);
	assert_int_equal(f.l0gptsz, 12);
	assert_int_equal(f.pps, 5);
	r[1] = UINT64_C(1) << 1 | UINT64_C(1) << 2 | UINT64_C(1) << 3 |
	       UINT64_C(1) << 5;
	assert_int_equal(rlm_rmi2_features_decode(r, &f), 0);
	assert_true(f.gran_16k && f.gran_64k && f.sha_256 && f.sha_512);
	assert_false(f.gran_4k || f.sha_384);
	r[1] = 0;
	r[2] = UINT64_C(0x3ff);
	assert_int_equal(rlm_rmi2_features_decode(r, &f), 0);
	assert_true(f.da_en && f.da_coh && f.vsmmu && f.ats && f.vdev_krou &&
		    f.non_tee_stream);
	assert_int_equal(f.max_vdevs_order, 15);
	r[2] = UINT64_C(1) << 3;
	assert_int_equal(rlm_rmi2_features_decode(r, &f), 0);
	assert_true(f.ats);
	assert_false(f.vsmmu || f.da_en);
	r[2] = 0;
	r[3] = UINT64_C(0xf) | UINT64_C(2) << 4 | UINT64_C(1) << 6;
	r[4] = UINT64_C(0x123456789abcdef0);
	assert_int_equal(rlm_rmi2_features_decode(r, &f), 0);
	assert_int_equal(f.max_num_aux_planes, 15);
	assert_int_equal(f.rtt_plane, 2);
	assert_true(f.rtt_s2ap_indirect);
	assert_int_equal(f.mec_count, UINT64_C(0x123456789abcdef0));
	assert_int_equal(f.s2sz, 0);
	assert_int_equal(rlm_rmi2_features_decode(NULL, &f), RLM_EINVAL);
	assert_int_equal(rlm_rmi2_features_decode(r, NULL), RLM_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v2_table),
		cmocka_unit_test(test_v1_table),
		cmocka_unit_test(test_table_bad),
		cmocka_unit_test(test_statuses),
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_donate_req),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_features),
	};

	return cmocka_run_group_tests_name("abi-rmi2", tests, NULL, NULL);
}
