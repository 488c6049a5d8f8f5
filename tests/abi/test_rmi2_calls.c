/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Typed RMI 2.0 calls through a realm's life over the recording conduit:
 * every register sent is checked against TF-RMM main 9a7f8ef's argument
 * order (smc-rmi.h) with FIDs written as numbers, the results read from
 * the registers TF-RMM's handler table says, and bad input refused
 * before any call.
 */
#include "rec_util.h"

#include <realm/realm.h>

#define RD 0x81000000ULL
#define REC 0x81001000ULL
#define RTT 0x81002000ULL
#define DATA 0x81003000ULL
#define PARAMS 0x90000000ULL
#define RUN 0x90001000ULL
#define SRC 0x90002000ULL
#define INC 13ULL
#define HANDLE 0x55ULL

static uint64_t list[8];
static uint64_t next_pa = 0x82000000;
static unsigned int given, returned;

static int donate(void *ctx, uint8_t state, bool contig, uint64_t *pa, size_t n)
{
	size_t i;

	(void)ctx;
	(void)state;
	(void)contig;
	for (i = 0; i < n; i++) {
		pa[i] = next_pa;
		next_pa += 0x1000;
	}
	given += (unsigned int)n;
	return (int)n;
}

static void reclaim(void *ctx, uint8_t state, uint64_t base, uint64_t count)
{
	(void)ctx;
	(void)state;
	(void)base;
	returned += (unsigned int)count;
}

static const struct rlm_rmi2_mem_ops ops = { donate, reclaim };

static void op_init(struct rlm_rmi2_op *op, struct rlm_conduit *c)
{
	memset(op, 0, sizeof(*op));
	op->c = c;
	op->mem = &ops;
	op->list = list;
	op->list_pa = 0x9000f000;
	op->list_cap = 8;
	op->max_retries = 1;
}

static void test_realm_life(void **state)
{
	struct rlm_conduit *c = ru_reset();
	struct rlm_rmi_result res;
	struct rlm_rmi2_features f;
	struct rlm_rmi2_op op;
	struct rlm_rmi2_unmap_out um;
	uint64_t v = 0, rtt = 0, top = 0;
	size_t i = 0;

	(void)state;
	/* FEATURES 0..4: S2SZ 48, LPA2; 4K, SHA-256/384; DA; 3 aux planes; MEC count 7 */
	ru_answer(0, 48 | (1 << 8), 0, 0, 0);
	ru_answer(0, 0x19, 0, 0, 0);
	ru_answer(0, 1, 0, 0, 0);
	ru_answer(0, 3, 0, 0, 0);
	ru_answer(0, 7, 0, 0, 0);
	assert_int_equal(rlm_rmi2_features_read(c, &f, &res), 0);
	for (; i < 5; i++)
		ru_check_in(i, 0xC4000165ULL, RU_ARGS(i));
	assert_int_equal(f.s2sz, 48);
	assert_true(f.lpa2);
	assert_true(f.gran_4k && f.sha_256 && f.sha_384 && !f.sha_512);
	assert_true(f.da_en);
	assert_int_equal(f.max_num_aux_planes, 3);
	assert_int_equal(f.mec_count, 7);

	/* delegate the realm's granules in two steps */
	ru_answer(0, 0x81002000, 0, 0, 0);
	ru_answer(0, 0x81004000, 0, 0, 0);
	assert_int_equal(rlm_rmi2_granule_range_delegate_all(c, RD, 0x81004000, 0,
							     &v, &res), 0);
	assert_int_equal(v, 0x81004000);
	ru_check_in(i++, 0xC40001F1ULL, RU_ARGS(RD, 0x81004000));
	ru_check_in(i++, 0xC40001F1ULL, RU_ARGS(0x81002000, 0x81004000));

	ru_answer(0, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi2_realm_create(c, RD, PARAMS, &res), 0);
	ru_check_in(i++, 0xC4000158ULL, RU_ARGS(RD, PARAMS));

	ru_answer(0, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi2_rtt_create(c, RD, RTT, 0x40000000, 1, &res), 0);
	ru_check_in(i++, 0xC400015DULL, RU_ARGS(RD, RTT, 0x40000000, 1));

	ru_answer(0, 0x40200000, 0, 0, 0);
	assert_int_equal(rlm_rmi2_rtt_init_ripas(c, RD, 0x40000000, 0x40200000,
						 &v, &res), 0);
	assert_int_equal(v, 0x40200000);
	ru_check_in(i++, 0xC4000168ULL, RU_ARGS(RD, 0x40000000, 0x40200000));

	ru_answer(0, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi2_rtt_data_map_init(c, RD, DATA, 0x40000000, SRC,
						    RLM_RMI_MEASURE_CONTENT, &res), 0);
	ru_check_in(i++, 0xC4000153ULL, RU_ARGS(RD, DATA, 0x40000000, SRC, 1));

	/* REC_CREATE asks for 16 granules (TF-RMM main) */
	op_init(&op, c);
	ru_answer(INC | (1 << 8) | (1 << 10), HANDLE, 16 << 2, 0, 0);
	ru_answer(INC | (1 << 10), 16, 0, 0, 0);
	ru_answer(0, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi2_rec_create(&op, RD, REC, PARAMS, &res), 0);
	ru_check_in(i++, 0xC400015AULL, RU_ARGS(RD, REC, PARAMS));
	ru_check_in(i++, 0xC4000208ULL, RU_ARGS(HANDLE, 0x9000f000, 1));
	ru_check_in(i++, 0xC4000203ULL, RU_ARGS(HANDLE, 0));
	assert_int_equal(given, 16);
	assert_int_equal(op.donated, 16);

	ru_answer(0, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi2_realm_activate(c, RD, &res), 0);
	ru_check_in(i++, 0xC4000157ULL, RU_ARGS(RD));

	ru_answer(0, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi2_rec_enter(c, REC, RUN, &res), 0);
	ru_check_in(i++, 0xC400015CULL, RU_ARGS(REC, RUN));

	ru_answer(0, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi2_psci_complete(c, REC, REC + 0x10000, 0, &res), 0);
	ru_check_in(i++, 0xC4000164ULL, RU_ARGS(REC, REC + 0x10000, 0));

	/* RTT_UNPROT_MAP and RTT_DATA_MAP: X1 the next IPA */
	ru_answer(0, 0x80200000, 0, 0, 0);
	assert_int_equal(rlm_rmi2_rtt_unprot_map(c, RD, 0x80000000, 0x80200000,
						 0x5, 0xa0000000, &v, &res), 0);
	assert_int_equal(v, 0x80200000);
	ru_check_in(i++, 0xC40001FBULL, RU_ARGS(RD, 0x80000000, 0x80200000, 5, 0xa0000000));
	/* RTT_DATA_MAP answering INCOMPLETE | NONE (rtt_map.c), then done */
	ru_answer(INC, HANDLE, 0, 0, 0);
	ru_answer(0, 0x40400000, 0, 0, 0);
	assert_int_equal(rlm_rmi2_rtt_data_map(&op, RD, 0x40200000, 0x40400000, 1,
					       0xb0000000, &v, &res), 0);
	assert_int_equal(v, 0x40400000);
	ru_check_in(i++, 0xC40001F5ULL, RU_ARGS(RD, 0x40200000, 0x40400000, 1, 0xb0000000));
	ru_check_in(i++, 0xC4000203ULL, RU_ARGS(HANDLE, 0));

	/* teardown: terminate, unmaps, REC (its granules back), RTT, realm */
	ru_answer(0, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi2_realm_terminate(c, RD, &res), 0);
	ru_check_in(i++, 0xC4000201ULL, RU_ARGS(RD));

	ru_answer(0, 0x40400000, 0x81003000 | (1 << 2), 0, 0);
	assert_int_equal(rlm_rmi2_rtt_data_unmap(&op, RD, 0x40000000, 0x40400000, 1,
						 0, &um, &res), 0);
	assert_int_equal(um.top, 0x40400000);
	assert_int_equal(um.range, 0x81003000 | (1 << 2));
	assert_int_equal(um.count, 0);
	ru_check_in(i++, 0xC40001F6ULL, RU_ARGS(RD, 0x40000000, 0x40400000, 1, 0));

	ru_answer(0, 0x80200000, 0, 3, 0);
	assert_int_equal(rlm_rmi2_rtt_unprot_unmap(&op, RD, 0x80000000, 0x80200000,
						   2, 0x9000e000, &um, &res), 0);
	assert_int_equal(um.count, 3);
	ru_check_in(i++, 0xC40001FCULL, RU_ARGS(RD, 0x80000000, 0x80200000, 2, 0x9000e000));

	ru_answer(INC | (2 << 8), HANDLE, 0, 0, 0);
	ru_answer(INC, 0, 0, 0, 0);
	ru_answer(0, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi2_rec_destroy(&op, REC, &res), 0);
	ru_check_in(i++, 0xC400015BULL, RU_ARGS(REC));
	ru_check_in(i++, 0xC4000209ULL, RU_ARGS(HANDLE, 0x9000f000, 8));
	ru_check_in(i++, 0xC4000203ULL, RU_ARGS(HANDLE, 0));

	ru_answer(0, RTT, 0x40200000, 0, 0);
	assert_int_equal(rlm_rmi2_rtt_destroy(c, RD, 0x40000000, 1, &rtt, &top, &res), 0);
	assert_int_equal(rtt, RTT);
	assert_int_equal(top, 0x40200000);
	ru_check_in(i++, 0xC400015EULL, RU_ARGS(RD, 0x40000000, 1));

	ru_answer(0, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi2_realm_destroy(c, RD, &res), 0);
	ru_check_in(i++, 0xC4000159ULL, RU_ARGS(RD));

	/* undelegate: one BUSY retried */
	ru_answer(RLM_RMI_BUSY, 0, 0, 0, 0);
	ru_answer(0, 0x81004000, 0, 0, 0);
	assert_int_equal(rlm_rmi2_granule_range_undelegate_all(c, RD, 0x81004000, 1,
							       &v, &res), 0);
	ru_check_in(i++, 0xC40001F2ULL, RU_ARGS(RD, 0x81004000));
	ru_check_in(i++, 0xC40001F2ULL, RU_ARGS(RD, 0x81004000));
	assert_int_equal(ru_count(), i);
}

static void test_errors(void **state)
{
	struct rlm_conduit *c = ru_reset();
	struct rlm_rmi_result res;
	struct rlm_rmi2_op op;
	struct rlm_rmi2_unmap_out um;
	uint64_t v = 0, rtt = 0, top = 0;

	(void)state;
	op_init(&op, c);
	/* refused before any call */
	assert_int_equal(rlm_rmi2_realm_create(c, RD + 8, PARAMS, &res), RLM_EALIGN);
	assert_int_equal(rlm_rmi2_realm_create(NULL, RD, PARAMS, &res), RLM_EINVAL);
	assert_int_equal(rlm_rmi2_rtt_create(c, RD, RTT, 0, 4, &res), RLM_ERANGE);
	assert_int_equal(rlm_rmi2_rtt_create(c, RD, RTT, 0, -2, &res), RLM_ERANGE);
	assert_int_equal(rlm_rmi2_rtt_destroy(c, RD, 0, 1, NULL, &top, &res), RLM_EINVAL);
	assert_int_equal(rlm_rmi2_granule_range_delegate(c, RD, RD, &v, &res), RLM_ERANGE);
	assert_int_equal(rlm_rmi2_granule_range_delegate(c, RD, RD + 0x800, &v, &res),
			 RLM_EALIGN);
	assert_int_equal(rlm_rmi2_granule_range_delegate(c, RD, RD + 0x1000, NULL, &res),
			 RLM_EINVAL);
	assert_int_equal(rlm_rmi2_rtt_data_map_init(c, RD, DATA, 0, SRC, 2, &res),
			 RLM_EINVAL);
	assert_int_equal(rlm_rmi2_rtt_init_ripas(c, RD, 0x2000, 0x1000, &v, &res),
			 RLM_ERANGE);
	assert_int_equal(rlm_rmi2_rec_create(NULL, RD, REC, PARAMS, &res), RLM_EINVAL);
	assert_int_equal(rlm_rmi2_rec_create(&op, RD, REC + 4, PARAMS, &res), RLM_EALIGN);
	assert_int_equal(rlm_rmi2_rtt_data_unmap(&op, RD, 0, 0x1000, 0, 0, NULL, &res),
			 RLM_EINVAL);
	assert_int_equal(rlm_rmi2_features_read(c, NULL, &res), RLM_EINVAL);
	assert_int_equal(ru_count(), 0);

	/* ERROR_RTT from RTT_DESTROY still gives top, not rtt */
	ru_answer(RLM_RMI_ERROR_RTT | (2 << 8), 0x1234000, 0x40200000, 0, 0);
	rtt = 0xabc;
	assert_int_equal(rlm_rmi2_rtt_destroy(c, RD, 0x40000000, 2, &rtt, &top, &res),
			 RLM_ERMI);
	assert_int_equal(res.status, RLM_RMI_ERROR_RTT);
	assert_int_equal(res.index, 2);
	assert_int_equal(rtt, 0xabc);
	assert_int_equal(top, 0x40200000);

	/* a 2.0 status 1.0 does not know */
	ru_answer(RLM_RMI_ERROR_GLOBAL, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi2_realm_terminate(c, RD, &res), RLM_ERMI);
	assert_int_equal(res.status, RLM_RMI_ERROR_GLOBAL);

	/* a range answer going backwards is malformed */
	ru_answer(0, RD, 0, 0, 0);
	assert_int_equal(rlm_rmi2_granule_range_delegate_all(c, RD, RD + 0x2000, 0,
							     &v, &res), RLM_EMALFORMED);
	assert_int_equal(v, RD);
	/* BUSY past the retries */
	ru_answer(RLM_RMI_BUSY, 0, 0, 0, 0);
	ru_answer(RLM_RMI_BUSY, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi2_granule_range_undelegate_all(c, RD, RD + 0x2000, 1,
							       &v, &res), RLM_EBUSY);
	/* a failing unmap leaves the output untouched */
	memset(&um, 0x11, sizeof(um));
	ru_answer(RLM_RMI_ERROR_RTT | (3 << 8), 0x40001000, 0, 0, 0);
	assert_int_equal(rlm_rmi2_rtt_unprot_unmap(&op, RD, 0x40000000, 0x40002000, 0,
						   0, &um, &res), RLM_ERMI);
	assert_int_equal(um.top, 0x1111111111111111ULL);
}

static void test_rtt_ripas_fold_read(void **state)
{
	struct rlm_conduit *c = ru_reset();
	struct rlm_rmi_result res;
	struct rlm_rmi2_rtt_entry e;
	uint64_t v = 0;

	(void)state;
	ru_answer(0, 0x40100000, 0, 0, 0);
	assert_int_equal(rlm_rmi2_rtt_set_ripas(c, RD, REC, 0x40000000, 0x40200000,
						&v, &res), 0);
	assert_int_equal(v, 0x40100000);
	ru_check_in(0, 0xC4000169ULL, RU_ARGS(RD, REC, 0x40000000, 0x40200000));

	ru_answer(0, RTT, 0, 0, 0);
	assert_int_equal(rlm_rmi2_rtt_fold(c, RD, 0x40000000, 3, &v, &res), 0);
	assert_int_equal(v, RTT);
	ru_check_in(1, 0xC4000166ULL, RU_ARGS(RD, 0x40000000, 3));

	/* level -1 travels sign-extended; ASSIGNED_DEV (3) is a 2.0 state */
	ru_answer(0, (uint64_t)-1, 3, 0x8100374dULL, 1);
	assert_int_equal(rlm_rmi2_rtt_read_entry(c, RD, 0, -1, &e, &res), 0);
	ru_check_in(2, 0xC4000161ULL, RU_ARGS(RD, 0, 0xffffffffffffffffULL));
	assert_true(e.level == -1);
	assert_int_equal(e.state, 3);
	assert_int_equal(e.desc, 0x8100374dULL);
	assert_int_equal(e.ripas, 1);

	/* failures leave outputs alone; bad input makes no call */
	memset(&e, 0x22, sizeof(e));
	ru_answer(RLM_RMI_ERROR_RTT | (1 << 8), 1, 2, 3, 4);
	assert_int_equal(rlm_rmi2_rtt_read_entry(c, RD, 0x40000000, 3, &e, &res),
			 RLM_ERMI);
	assert_int_equal(e.state, 0x2222222222222222ULL);
	assert_int_equal(rlm_rmi2_rtt_set_ripas(c, RD, REC, 0x2000, 0x1000, &v, &res),
			 RLM_ERANGE);
	assert_int_equal(rlm_rmi2_rtt_set_ripas(c, RD, REC + 1, 0x1000, 0x2000, &v, &res),
			 RLM_EALIGN);
	assert_int_equal(rlm_rmi2_rtt_fold(c, RD, 0, 4, &v, &res), RLM_ERANGE);
	assert_int_equal(rlm_rmi2_rtt_fold(c, RD, 0, 2, NULL, &res), RLM_EINVAL);
	assert_int_equal(rlm_rmi2_rtt_read_entry(c, RD, 0, 2, NULL, &res), RLM_EINVAL);
	assert_int_equal(ru_count(), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_realm_life),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_rtt_ripas_fold_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
