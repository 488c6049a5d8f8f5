/* SPDX-License-Identifier: BSD-3-Clause */
/* Realm memory flows on the mock RMM: RIPAS changes both ways many times,
 * protected faults, the unprotected alias with a block unfolded and folded
 * back, teardown with nothing leaked; calls counted against the floor the
 * state requires, the mock's invariants after each step. */
#include "test_util.h"
#include "realm_fixture.h"
#include <realm/testing.h>
#include <realm/rmem.h>

#define UNPROT (UINT64_C(1) << 39)
#define HOST_PA UINT64_C(0x300000000)   /* host memory the RMM does not track */
#define RAM_TOP UINT64_C(0x800000)      /* INIT_RIPAS RAM [0, 8 MiB) */

static struct tu_realm R;   /* tests/common/realm_fixture.h */
static uint64_t BITS[RLM_GPOOL_WORDS(16384)];
/* The fixture's realm under short names. */
#define M (R.m)
#define CFG (R.cfg)
#define C (R.c)
#define GP (R.gp)
#define POOL (R.pool)
#define G (R.g)
#define RD (R.rd)
#define ROOT (R.root)
#define REC (R.rec)
static struct rlm_rtt_mgr MGR;
static struct rlm_rtt_node NODES[256];
static struct rlm_rmem RM;
static struct rlm_ripas *TR, *MAP;
static size_t LOG_N;   /* calls logged when teardown freed the mock */
static unsigned int WANT_LRS;   /* the mock's GICV3_NUM_LRS (0: default) */

static uint64_t calls(void)
{
	return rlm_mock_calls(M);
}

static void invariants(void)
{
	char why[200];

	assert_int_equal(rlm_mock_check(M, why, sizeof(why)), 0);
}

static int setup(void **state)
{
	uint64_t top;

	(void)state;
	assert_int_equal(tu_realm_new(&R, BITS, RLM_ARRAY_SIZE(BITS), WANT_LRS), 0);
	assert_int_equal(rlm_rtt_mgr_init(&MGR, &C, RD, &G, &POOL, NODES,
					  RLM_ARRAY_SIZE(NODES)), 0);
	assert_int_equal(rlm_ripas_new(rlm_rtt_par_size(&G), RLM_RIPAS_EMPTY, &TR), 0);
	assert_int_equal(rlm_ripas_new(rlm_rtt_ipa_size(&G), RLM_RMEM_NONE, &MAP), 0);
	assert_int_equal(rlm_rmem_init(&RM, &MGR, TR, MAP), 0);
	/* RAM [0, 8 MiB) at launch: four level 2 entries. */
	assert_int_equal(rlm_rtt_mgr_ensure(&MGR, 0, 2, NULL), 0);
	assert_int_equal(rlm_rmi_rtt_init_ripas(&C, RD, 0, RAM_TOP, &top, NULL), 0);
	assert_true(top == RAM_TOP);
	assert_int_equal(rlm_ripas_init_ripas(TR, 0, RAM_TOP, NULL, NULL), 0);
	/* One REC, then activation. */
	assert_int_equal(tu_realm_rec(&R), 0);
	invariants();
	return 0;
}

static void give_(uint64_t pa)
{
	assert_int_equal(tu_give_(&R, pa), 0);
}

static int teardown(void **state)
{
	(void)state;
	assert_int_equal(tu_realm_rec_destroy(&R), 0);
	assert_int_equal(rlm_rmem_release(&RM, NULL), 0);
	assert_int_equal(RM.data, 0);
	assert_int_equal(RM.ns, 0);
	assert_int_equal(rlm_rtt_mgr_count(&MGR), 0);
	assert_int_equal(tu_realm_destroy(&R), 0);
	/* Every granule came back. */
	assert_int_equal(rlm_mock_delegated_count(M), 0);
	assert_int_equal(GP.nused, 0);
	assert_int_equal(MGR.leaked, 0);
	invariants();
	rlm_ripas_free(TR);
	rlm_ripas_free(MAP);
	LOG_N = rlm_mock_log_count(M);
	rlm_mock_free(M);
	return 0;
}

/* The realm asks for [base, top) to become ripas; the host answers. */
static void ripas_change(uint64_t base, uint64_t top, uint8_t ripas, bool accept)
{
	struct rlm_smc_regs q, res;
	struct rlm_rec_enter en;
	struct rlm_rec_exit ex;
	struct rlm_exit x;
	uint64_t run = CFG.ns_base + 0x1000;

	memset(&q, 0, sizeof(q));
	q.x[0] = RLM_SMC_RSI_IPA_STATE_SET;
	q.x[1] = base;
	q.x[2] = top;
	q.x[3] = ripas;
	assert_int_equal(rlm_mock_realm_queue(M, REC, &q), 0);
	rlm_exit_enter_init(&en);
	assert_int_equal(rlm_rmi_rec_enter_run(&C, REC, run, &en, &ex, NULL), 0);
	assert_int_equal(rlm_exit_decode(&ex, &G, &x), 0);
	assert_int_equal(x.kind, RLM_EXIT_RIPAS_CHANGE);
	assert_true(x.ripas.base == base && x.ripas.top == top);
	assert_int_equal(rlm_rmem_ripas_change(&RM, REC, &x, accept, &en, NULL, NULL, NULL), 0);
	invariants();
	/* Back in: the realm's IPA_STATE_SET completes, then IRQ (empty queue). */
	assert_int_equal(rlm_rmi_rec_enter_run(&C, REC, run, &en, &ex, NULL), 0);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_IRQ);
	assert_int_equal(rlm_mock_realm_last_result(M, REC, &res), 0);
	assert_int_equal(res.x[0], 0);
	assert_true(res.x[1] == (accept ? top : base));
	/* RsiResponse: only a request for RAM can be refused (TF-RMM
	 * rmm-spec-v1.0-rel0 run.c complete_set_ripas()). */
	assert_int_equal(res.x[2], !accept && ripas == RLM_RIPAS_RAM ? 1 : 0);
}

static void expect_entry(uint64_t ipa, int level, uint64_t state, uint64_t ripas)
{
	struct rlm_rtt_entry e;

	assert_int_equal(rlm_rmi_rtt_read_entry(&C, RD, ipa, level, &e, NULL), 0);
	assert_int_equal(e.level, level);
	assert_int_equal(e.state, state);
	if (ipa < rlm_rtt_par_size(&G))
		assert_int_equal(e.ripas, ripas);
}

static void test_fault_protected(void **state)
{
	uint64_t c0;
	struct rlm_rmi_result r;

	(void)state;
	c0 = calls();
	assert_int_equal(rlm_rmem_fault_protected(&RM, 0x1234, NULL), 0);
	/* L3 table (delegate + RTT_CREATE), delegate + DATA_CREATE_UNKNOWN */
	assert_int_equal(calls() - c0, 4);
	expect_entry(0x1000, 3, RLM_RMI_ASSIGNED, RLM_RIPAS_RAM);
	c0 = calls();
	assert_int_equal(rlm_rmem_fault_protected(&RM, 0x2000, NULL), 0);
	assert_int_equal(calls() - c0, 2);
	/* Already there: the map knows, no call. */
	c0 = calls();
	assert_int_equal(rlm_rmem_fault_protected(&RM, 0x2fff, NULL), RLM_EEXIST);
	assert_int_equal(calls() - c0, 0);
	assert_int_equal(RM.data, 2);
	/* Bad input. */
	assert_int_equal(rlm_rmem_fault_protected(NULL, 0, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rmem_fault_protected(&RM, UNPROT, NULL), RLM_ERANGE);
	/* An RMM refusal comes back and leaves nothing behind: map the
	 * protected half past the realm's RIPAS-less space is fine for
	 * DATA_CREATE_UNKNOWN, so make the pool fail instead. */
	(void)r;
	invariants();
}

static void test_ripas_shrink_grow_many(void **state)
{
	const uint64_t b = 0x200000, t = 0x600000;
	unsigned int round, i;
	uint8_t v;
	uint64_t reached, c0, deleg0;

	(void)state;
	deleg0 = rlm_mock_delegated_count(M);
	for (round = 0; round < 12; round++) {
		/* Fault pages in across the range (and one outside). */
		for (i = 0; i < 16; i++)
			assert_int_equal(rlm_rmem_fault_protected(&RM, b + 0x3f000 * i, NULL), 0);
		if (round == 0)
			assert_int_equal(rlm_rmem_fault_protected(&RM, 0x100000, NULL), 0);
		assert_int_equal(RM.data, 17);
		/* RAM -> EMPTY: data destroyed and undelegated, tables folded. */
		c0 = calls();
		ripas_change(b, t, RLM_RIPAS_EMPTY, true);
		/* SET_RIPAS through the two L3 tables (2 calls), 16 x
		 * (DATA_DESTROY + undelegate), 2 x (fold + undelegate), plus
		 * 2 REC_ENTERs. */
		assert_int_equal(calls() - c0, 2 + 32 + 4 + 2);
		assert_int_equal(RM.data, 1);
		assert_int_equal(rlm_ripas_query(TR, b, t, &v, &reached), 0);
		assert_true(v == RLM_RIPAS_EMPTY && reached == t);
		expect_entry(b, 2, RLM_RMI_UNASSIGNED, RLM_RIPAS_EMPTY);
		expect_entry(0x100000, 3, RLM_RMI_ASSIGNED, RLM_RIPAS_RAM);
		/* EMPTY -> RAM: level 2 entries, one call. */
		c0 = calls();
		ripas_change(b, t, RLM_RIPAS_RAM, true);
		assert_int_equal(calls() - c0, 1 + 2);
		assert_int_equal(rlm_ripas_query(TR, b, t, &v, &reached), 0);
		assert_true(v == RLM_RIPAS_RAM && reached == t);
		expect_entry(b, 2, RLM_RMI_UNASSIGNED, RLM_RIPAS_RAM);
	}
	/* Destroying RAM's data leaves it DESTROYED (RMM and tracker). */
	assert_int_equal(rlm_rmem_destroy_data(&RM, 0x100000, 0x101000, false, NULL), 0);
	assert_int_equal(RM.data, 0);
	assert_int_equal(rlm_ripas_get(TR, 0x100000, &v, NULL, NULL), 0);
	assert_int_equal(v, RLM_RIPAS_DESTROYED);
	expect_entry(0x100000, 3, RLM_RMI_UNASSIGNED, RLM_RIPAS_DESTROYED);
	/* An unaligned piece needs a table the walk has not got: created first. */
	c0 = calls();
	ripas_change(b + 0x1000, b + 0x3000, RLM_RIPAS_EMPTY, true);
	assert_int_equal(calls() - c0, 2 + 1 + 2);
	expect_entry(b + 0x1000, 3, RLM_RMI_UNASSIGNED, RLM_RIPAS_EMPTY);
	expect_entry(b, 3, RLM_RMI_UNASSIGNED, RLM_RIPAS_RAM);
	/* Only the tables this realm still has are delegated beyond the start. */
	assert_true(rlm_mock_delegated_count(M) <= deleg0 + 2);
}

static void test_ripas_reject(void **state)
{
	uint64_t c0;
	uint8_t v;

	(void)state;
	assert_int_equal(rlm_rmem_fault_protected(&RM, 0x3000, NULL), 0);
	c0 = calls();
	ripas_change(0, 0x200000, RLM_RIPAS_EMPTY, false);
	assert_int_equal(calls() - c0, 2);   /* the entries only */
	assert_int_equal(rlm_ripas_get(TR, 0x3000, &v, NULL, NULL), 0);
	assert_int_equal(v, RLM_RIPAS_RAM);
	expect_entry(0x3000, 3, RLM_RMI_ASSIGNED, RLM_RIPAS_RAM);
	assert_int_equal(RM.data, 1);
	/* Shrink, then refuse to grow back: the RIPAS stays EMPTY. */
	ripas_change(0x200000, 0x400000, RLM_RIPAS_EMPTY, true);
	c0 = calls();
	ripas_change(0x200000, 0x400000, RLM_RIPAS_RAM, false);
	assert_int_equal(calls() - c0, 2);
	assert_int_equal(rlm_ripas_get(TR, 0x200000, &v, NULL, NULL), 0);
	assert_int_equal(v, RLM_RIPAS_EMPTY);
	expect_entry(0x200000, 2, RLM_RMI_UNASSIGNED, RLM_RIPAS_EMPTY);
}

static void test_unprotected_block_unfold_fold(void **state)
{
	const uint64_t a = UNPROT + 0x40000000;
	uint64_t c0;

	(void)state;
	c0 = calls();
	assert_int_equal(rlm_rmem_map_unprotected(&RM, a, 0x200000, HOST_PA, 0xd8, NULL), 0);
	assert_int_equal(calls() - c0, 2 + 1);   /* L2 table + the block */
	expect_entry(a, 2, RLM_RMI_ASSIGNED, 0);
	assert_int_equal(rlm_rmem_map_unprotected(&RM, a + 0x1000, 0x1000, HOST_PA, 0, NULL),
			 RLM_EEXIST);
	/* Unmap one page inside the block: unfold (2), unmap (1). */
	c0 = calls();
	assert_int_equal(rlm_rmem_unmap_unprotected(&RM, a + 0x5000, 0x1000, NULL), 0);
	assert_int_equal(calls() - c0, 3);
	assert_int_equal(RM.unfolds, 1);
	expect_entry(a + 0x5000, 3, RLM_RMI_UNASSIGNED, 0);
	expect_entry(a + 0x6000, 3, RLM_RMI_ASSIGNED, 0);
	/* A fault maps it again at the alias, with the page the block had:
	 * the table is one run again and folds back into the block
	 * (map, fold, undelegate the table). */
	c0 = calls();
	assert_int_equal(rlm_rmem_map_unprotected(&RM, a + 0x5000, 0x1000, HOST_PA + 0x5000, 0xd8,
						  NULL), 0);
	assert_int_equal(calls() - c0, 1 + 2);
	assert_int_equal(RM.folds, 1);
	assert_false(rlm_rtt_mgr_has(&MGR, a, 3));
	expect_entry(a, 2, RLM_RMI_ASSIGNED, 0);
	invariants();
	/* Again: the block's pages are known, so the unfolded table is a run. */
	c0 = calls();
	assert_int_equal(rlm_rmem_unmap_unprotected(&RM, a + 0x1ff000, 0x1000, NULL), 0);
	assert_int_equal(calls() - c0, 3);
	assert_int_equal(RM.unfolds, 2);
	/* Other attributes, or another page, break the run: no fold. */
	c0 = calls();
	assert_int_equal(rlm_rmem_map_unprotected(&RM, a + 0x1ff000, 0x1000, HOST_PA + 0x1ff000,
						  0xc8, NULL), 0);
	assert_int_equal(calls() - c0, 1);
	assert_int_equal(rlm_rmem_unmap_unprotected(&RM, a + 0x1ff000, 0x1000, NULL), 0);
	c0 = calls();
	assert_int_equal(rlm_rmem_map_unprotected(&RM, a + 0x1ff000, 0x1000, HOST_PA + 0x400000,
						  0xd8, NULL), 0);
	assert_int_equal(calls() - c0, 1);
	assert_int_equal(RM.folds, 1);
	expect_entry(a + 0x1ff000, 3, RLM_RMI_ASSIGNED, 0);
	/* Unmap the rest: 512 pages, then the table is uniform: fold (2). */
	c0 = calls();
	assert_int_equal(rlm_rmem_unmap_unprotected(&RM, a, 0x200000, NULL), 0);
	assert_int_equal(calls() - c0, 512 + 2);
	assert_int_equal(RM.folds, 2);
	expect_entry(a, 2, RLM_RMI_UNASSIGNED, 0);
	assert_int_equal(RM.ns, 0);
	/* Pages mapped one by one as a 2 MiB-aligned run fold into a block
	 * with the last one; unmapping it is one call. */
	c0 = calls();
	assert_int_equal(rlm_rmem_map_unprotected(&RM, a, 0x1000, HOST_PA, 0xd8, NULL), 0);
	assert_int_equal(calls() - c0, 2 + 1);   /* L3 table + the page */
	assert_int_equal(rlm_rmem_map_unprotected(&RM, a + 0x1000, 0x1fe000, HOST_PA + 0x1000,
						  0xd8, NULL), 0);
	c0 = calls();
	assert_int_equal(rlm_rmem_map_unprotected(&RM, a + 0x1ff000, 0x1000, HOST_PA + 0x1ff000,
						  0xd8, NULL), 0);
	assert_int_equal(calls() - c0, 1 + 2);
	assert_int_equal(RM.folds, 3);
	expect_entry(a, 2, RLM_RMI_ASSIGNED, 0);
	c0 = calls();
	assert_int_equal(rlm_rmem_unmap_unprotected(&RM, a, 0x200000, NULL), 0);
	assert_int_equal(calls() - c0, 1);
	assert_int_equal(RM.ns, 0);
	invariants();
	/* Bad input. */
	assert_int_equal(rlm_rmem_map_unprotected(&RM, 0x1000, 0x1000, HOST_PA, 0, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rmem_unmap_unprotected(&RM, a + 1, 0x1000, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmem_unmap_unprotected(NULL, a, 0x1000, NULL), RLM_EINVAL);
	invariants();
}

static void test_bad_input(void **state)
{
	struct rlm_exit x;
	struct rlm_rec_enter e;

	(void)state;
	memset(&x, 0, sizeof(x));
	rlm_exit_enter_init(&e);
	x.kind = RLM_EXIT_IRQ;
	assert_int_equal(rlm_rmem_ripas_change(&RM, REC, &x, true, &e, NULL, NULL, NULL), RLM_ESTATE);
	assert_int_equal(rlm_rmem_ripas_change(&RM, REC, NULL, true, &e, NULL, NULL, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rmem_init(&RM, &MGR, MAP, TR), RLM_ERANGE);
	assert_int_equal(rlm_rmem_note(&RM, 0, 0x1000, RLM_RMEM_NS), RLM_ERANGE);
	assert_int_equal(rlm_rmem_note(&RM, 0, 0x1001, RLM_RMEM_DATA), RLM_EALIGN);
	assert_int_equal(rlm_rmem_destroy_data(&RM, 0x1000, 0x1000, true, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rmem_destroy_data(&RM, 0, UNPROT + 0x1000, true, NULL), RLM_ERANGE);
}

/* The calls of one RAM -> EMPTY change, in order: the sequence
 * tests/traces/rmem_flows.trace runs on TF-RMM (its round 1). */
static void test_sequence_matches_trace(void **state)
{
	static struct rlm_mock_log_entry log[64];
	const uint64_t want[] = {
		RLM_SMC_RMI_REC_ENTER, RLM_SMC_RMI_RTT_SET_RIPAS,
		RLM_SMC_RMI_DATA_DESTROY, RLM_SMC_RMI_GRANULE_UNDELEGATE,
		RLM_SMC_RMI_DATA_DESTROY, RLM_SMC_RMI_GRANULE_UNDELEGATE,
		RLM_SMC_RMI_RTT_FOLD, RLM_SMC_RMI_GRANULE_UNDELEGATE,
		RLM_SMC_RMI_REC_ENTER,
	};
	size_t i;

	(void)state;
	assert_int_equal(rlm_rmem_fault_protected(&RM, 0x200000, NULL), 0);
	assert_int_equal(rlm_rmem_fault_protected(&RM, 0x3ff000, NULL), 0);
	rlm_mock_set_log(M, log, RLM_ARRAY_SIZE(log));
	ripas_change(0x200000, 0x400000, RLM_RIPAS_EMPTY, true);
	assert_int_equal(rlm_mock_log_count(M), RLM_ARRAY_SIZE(want));
	for (i = 0; i < RLM_ARRAY_SIZE(want); i++)
		assert_true(log[i].in.x[0] == want[i]);
	/* The arguments the trace gives. */
	assert_true(log[1].in.x[3] == 0x200000 && log[1].in.x[4] == 0x400000);
	assert_true(log[2].in.x[2] == 0x200000 && log[4].in.x[2] == 0x3ff000);
	assert_true(log[6].in.x[2] == 0x200000 && log[6].in.x[3] == 3);
	rlm_mock_set_log(M, NULL, 0);
}

/* A block of DATA (contiguous pages folded): giving one page back unfolds
 * it first, the rest stays mapped; teardown destroys the rest. */
static void test_data_block_unfold(void **state)
{
	uint64_t run, pa, i, c0;

	(void)state;
	/* 2 MiB-aligned contiguous granules out of a 4 MiB run. */
	assert_int_equal(POOL.get(POOL.ctx, 1024, &run), 0);
	pa = (run + 0x1fffff) & ~UINT64_C(0x1fffff);
	for (i = run; i < run + 1024 * 0x1000; i += 0x1000)
		if (i < pa || i >= pa + 0x200000)
			POOL.put(POOL.ctx, i);
	assert_int_equal(rlm_rtt_mgr_ensure(&MGR, 0x400000, 3, NULL), 0);
	for (i = 0; i < 512; i++) {
		assert_int_equal(rlm_rmi_granule_delegate(&C, pa + i * 0x1000, NULL), 0);
		assert_int_equal(rlm_rmi_data_create_unknown(&C, RD, pa + i * 0x1000,
							     0x400000 + i * 0x1000, NULL), 0);
	}
	assert_int_equal(rlm_rtt_mgr_fold(&MGR, 0x400000, 3, NULL), 0);
	assert_int_equal(rlm_rmem_note(&RM, 0x400000, 0x600000, RLM_RMEM_DATA), 0);
	expect_entry(0x400000, 2, RLM_RMI_ASSIGNED, RLM_RIPAS_RAM);
	c0 = calls();
	ripas_change(0x400000, 0x401000, RLM_RIPAS_EMPTY, true);
	/* unfold (2), SET_RIPAS (1), DATA_DESTROY + undelegate (2), 2 entries */
	assert_int_equal(calls() - c0, 2 + 1 + 2 + 2);
	assert_true(rlm_rtt_mgr_has(&MGR, 0x400000, 3));   /* unfolded by the walk's table */
	assert_int_equal(RM.folds, 0);   /* not uniform: stays a table */
	assert_int_equal(RM.data, 511);
	expect_entry(0x400000, 3, RLM_RMI_UNASSIGNED, RLM_RIPAS_EMPTY);
	expect_entry(0x401000, 3, RLM_RMI_ASSIGNED, RLM_RIPAS_RAM);
	invariants();
}

/* The next granule the pool gives is pa (the pool is next-fit from its
 * hint). */
static void pool_next(uint64_t pa)
{
	GP.hint = (pa - CFG.pool_base) / 0x1000;
}

/* DATA faulted in page by page from a 2 MiB-aligned run folds into a block
 * with the last page; a page given back unfolds it (the record of the block
 * says what its pages are: no read), and the page faulted back with the
 * same granule makes the table one run again: folded back. */
static void test_data_fold_back(void **state)
{
	const uint64_t b = 0x400000;
	uint64_t run, pa, i, c0;
	uint8_t v;

	(void)state;
	assert_int_equal(POOL.get(POOL.ctx, 1024, &run), 0);
	pa = (run + 0x1fffff) & ~UINT64_C(0x1fffff);
	for (i = run; i < run + 1024 * 0x1000; i += 0x1000)
		POOL.put(POOL.ctx, i);
	/* The table first (its granule not from the run). */
	assert_int_equal(rlm_rtt_mgr_ensure(&MGR, b, 3, NULL), 0);
	pool_next(pa);
	c0 = calls();
	for (i = 0; i < 511; i++)
		assert_int_equal(rlm_rmem_fault_protected(&RM, b + i * 0x1000, NULL), 0);
	/* 511 x (delegate + DATA_CREATE_UNKNOWN) */
	assert_int_equal(calls() - c0, 2 * 511);
	assert_int_equal(RM.folds, 0);
	c0 = calls();
	assert_int_equal(rlm_rmem_fault_protected(&RM, b + 0x1ff000, NULL), 0);
	assert_int_equal(calls() - c0, 2 + 2);   /* the page, fold + undelegate */
	assert_int_equal(RM.folds, 1);
	assert_false(rlm_rtt_mgr_has(&MGR, b, 3));
	expect_entry(b, 2, RLM_RMI_ASSIGNED, RLM_RIPAS_RAM);
	invariants();
	/* One page back: unfold (2), SET_RIPAS, DATA_DESTROY + undelegate,
	 * 2 entries; the table is not uniform. */
	c0 = calls();
	ripas_change(b + 0x3000, b + 0x4000, RLM_RIPAS_EMPTY, true);
	assert_int_equal(calls() - c0, 2 + 1 + 2 + 2);
	assert_true(rlm_rtt_mgr_has(&MGR, b, 3));   /* unfolded by the walk's table */
	assert_int_equal(RM.folds, 1);
	assert_int_equal(RM.data, 511);
	expect_entry(b + 0x3000, 3, RLM_RMI_UNASSIGNED, RLM_RIPAS_EMPTY);
	/* Asked for again: SET_RIPAS only (RIPAS not one yet: no fold). */
	c0 = calls();
	ripas_change(b + 0x3000, b + 0x4000, RLM_RIPAS_RAM, true);
	assert_int_equal(calls() - c0, 1 + 2);
	assert_int_equal(RM.folds, 1);
	/* Faulted back with another granule: the run is broken, no fold. */
	pool_next(pa + 0x200000);
	c0 = calls();
	assert_int_equal(rlm_rmem_fault_protected(&RM, b + 0x3000, NULL), 0);
	assert_int_equal(calls() - c0, 2);
	assert_int_equal(RM.folds, 1);
	/* Given back and faulted in with its own granule: folded back. */
	ripas_change(b + 0x3000, b + 0x4000, RLM_RIPAS_EMPTY, true);
	ripas_change(b + 0x3000, b + 0x4000, RLM_RIPAS_RAM, true);
	pool_next(pa + 0x3000);
	c0 = calls();
	assert_int_equal(rlm_rmem_fault_protected(&RM, b + 0x3000, NULL), 0);
	assert_int_equal(calls() - c0, 2 + 2);
	assert_int_equal(RM.folds, 2);
	assert_false(rlm_rtt_mgr_has(&MGR, b, 3));
	expect_entry(b, 2, RLM_RMI_ASSIGNED, RLM_RIPAS_RAM);
	assert_int_equal(rlm_ripas_get(TR, b + 0x3000, &v, NULL, NULL), 0);
	assert_int_equal(v, RLM_RIPAS_RAM);
	invariants();
	/* Teardown (the fixture's) unfolds the block and returns every page. */
}

/* Tables gone behind the shadow's back (folded by a raw call): each flow
 * meets the RMM's ERROR_RTT once, forgets the stale tables and completes
 * with the calls the real state requires. */
static void test_recover_lost_tables(void **state)
{
	const uint64_t a = UNPROT + 0x40000000;
	struct rlm_rmi_result r;
	uint64_t pa, c0, i, top;

	(void)state;
	/* Behind the back: tables at 2, 4 and 6 MiB folded by raw calls. */
	for (i = 0x200000; i <= 0x600000; i += 0x200000) {
		assert_int_equal(rlm_rtt_mgr_ensure(&MGR, i, 3, NULL), 0);
		assert_int_equal(rlm_rmi_rtt_fold(&C, RD, i, 3, &pa, NULL), 0);
		give_(pa);
		assert_true(rlm_rtt_mgr_has(&MGR, i, 3));   /* stale */
	}
	/* A fault: DATA_CREATE_UNKNOWN says ERROR_RTT(2); the table is made
	 * again and the same granule mapped (delegate, DCU, 2, DCU). */
	c0 = calls();
	assert_int_equal(rlm_rmem_fault_protected(&RM, 0x200000, NULL), 0);
	assert_int_equal(calls() - c0, 5);
	expect_entry(0x200000, 3, RLM_RMI_ASSIGNED, RLM_RIPAS_RAM);
	assert_int_equal(RM.data, 1);
	invariants();
	/* A RIPAS change needing the table: SET_RIPAS's ERROR_RTT(2), the
	 * table again (2), SET_RIPAS; plus 2 entries. */
	c0 = calls();
	ripas_change(0x401000, 0x403000, RLM_RIPAS_EMPTY, true);
	assert_int_equal(calls() - c0, 1 + 2 + 1 + 2);
	expect_entry(0x401000, 3, RLM_RMI_UNASSIGNED, RLM_RIPAS_EMPTY);
	expect_entry(0x400000, 3, RLM_RMI_UNASSIGNED, RLM_RIPAS_RAM);
	invariants();
	/* A fold of a table that is gone: RTT_FOLD's ERROR_RTT(2), forgotten. */
	c0 = calls();
	assert_int_equal(rlm_rmem_destroy_data(&RM, 0x600000, 0x601000, true, &r), 0);
	assert_int_equal(calls() - c0, 1);
	assert_false(rlm_rtt_mgr_has(&MGR, 0x600000, 3));
	/* The alias: a page mapped (L2 + L3 tables), then behind the back the
	 * rest of the 2 MiB mapped and folded into a block. */
	assert_int_equal(rlm_rmem_map_unprotected(&RM, a, 0x1000, HOST_PA, 0xd8, NULL), 0);
	for (i = 0x1000; i < 0x200000; i += 0x1000)
		assert_int_equal(rlm_rmi_rtt_map_unprotected(&C, RD, a + i, 3,
							     (HOST_PA + i) | 0xd8, NULL), 0);
	assert_int_equal(rlm_rmi_rtt_fold(&C, RD, a, 3, &pa, NULL), 0);
	give_(pa);
	assert_int_equal(rlm_rmem_note(&RM, a + 0x1000, a + 0x200000, RLM_RMEM_NS), 0);
	/* Unmap one page: RTT_UNMAP_UNPROTECTED's ERROR_RTT(2), unfold (2),
	 * unmap. */
	c0 = calls();
	assert_int_equal(rlm_rmem_unmap_unprotected(&RM, a + 0x3000, 0x1000, NULL), 0);
	assert_int_equal(calls() - c0, 1 + 2 + 1);
	expect_entry(a + 0x3000, 3, RLM_RMI_UNASSIGNED, 0);
	expect_entry(a + 0x4000, 3, RLM_RMI_ASSIGNED, 0);
	assert_int_equal(RM.ns, 511);
	invariants();
	/* The forget itself: no call; the tables stay with the RMM (here
	 * destroyed by hand), the rest of the shadow is untouched. */
	assert_int_equal(rlm_rtt_mgr_ensure(&MGR, UNPROT + 0x80000000, 3, NULL), 0);
	c0 = calls();
	i = rlm_rtt_mgr_count(&MGR);
	assert_int_equal(rlm_rtt_mgr_forget(&MGR, UNPROT + 0x80001000, 2), 2);
	assert_int_equal(calls() - c0, 0);
	assert_int_equal(rlm_rtt_mgr_count(&MGR), i - 2);
	assert_false(rlm_rtt_mgr_has(&MGR, UNPROT + 0x80000000, 2));
	assert_true(rlm_rtt_mgr_has(&MGR, a, 3));
	assert_int_equal(rlm_rtt_mgr_forget(&MGR, UNPROT + 0x80000000, 2), 0);
	assert_int_equal(rlm_rmi_rtt_destroy(&C, RD, UNPROT + 0x80000000, 3, &pa, &top, NULL), 0);
	give_(pa);
	assert_int_equal(rlm_rmi_rtt_destroy(&C, RD, UNPROT + 0x80000000, 2, &pa, &top, NULL), 0);
	give_(pa);
	/* Bad input. */
	assert_int_equal(rlm_rtt_mgr_forget(NULL, 0, 3), RLM_EINVAL);
	assert_int_equal(rlm_rtt_mgr_forget(&MGR, 0, 1), RLM_ERANGE);
	assert_int_equal(rlm_rtt_mgr_forget(&MGR, 0, 4), RLM_ERANGE);
	assert_int_equal(rlm_rtt_mgr_forget(&MGR, rlm_rtt_ipa_size(&G), 3), RLM_ERANGE);
	invariants();
}

/* What the calls of the trace name: the verb, and the IPA and level
 * arguments of the commands that have them (register numbers, 0: none). */
static const struct {
	uint64_t fid;
	const char *verb;
} VERBS[] = {
#define X(N, v, i, o) { RLM_SMC_RMI_##N, #v },
	RLM_RMI_COMMANDS(X)
#undef X
};

static const char *verb_of(uint64_t fid)
{
	size_t i;

	for (i = 0; i < RLM_ARRAY_SIZE(VERBS); i++)
		if (VERBS[i].fid == fid)
			return VERBS[i].verb;
	return "?";
}

static void arg_regs(const char *verb, int *ipa, int *level)
{
	*ipa = *level = 0;
	if (!strcmp(verb, "data_create_unknown") || !strcmp(verb, "rtt_set_ripas"))
		*ipa = 3;
	else if (!strcmp(verb, "rtt_create"))
		*ipa = 3, *level = 4;
	else if (!strcmp(verb, "data_destroy"))
		*ipa = 2;
	else if (!strcmp(verb, "rtt_destroy") || !strcmp(verb, "rtt_map_unprotected") ||
		 !strcmp(verb, "rtt_unmap_unprotected") || !strcmp(verb, "rtt_fold"))
		*ipa = 2, *level = 3;
}

static uint64_t trace_arg(const char *line, const char *key)
{
	const char *p = strstr(line, key);

	assert_non_null(p);
	return strtoull(p + strlen(key), NULL, 0);
}

/*
 * tests/traces/rmem_flows.trace, whose answers come from TF-RMM 1.0, is
 * the sequence rlm_rmem_* make: its steps replayed through them on the
 * mock give the same calls (verb, IPA, level) from the first fault to the
 * last undelegate (RTT_READ_ENTRY, the trace's checks, left out).
 */
static void test_trace_sequence(void **state)
{
	static struct rlm_mock_log_entry log[4096];
	const uint64_t a = UNPROT + 0x40000000;
	char path[512], *text, *line, *save = NULL;
	size_t len, k = 0, n;
	uint64_t run, pa, i;
	int round, lines = 0;

	(void)state;
	rlm_mock_set_log(M, log, RLM_ARRAY_SIZE(log));
	/* protected faults */
	assert_int_equal(rlm_rmem_fault_protected(&RM, 0x1000, NULL), 0);
	assert_int_equal(rlm_rmem_fault_protected(&RM, 0x2000, NULL), 0);
	assert_int_equal(rlm_rmem_fault_protected(&RM, 0x200000, NULL), 0);
	assert_int_equal(rlm_rmem_fault_protected(&RM, 0x3ff000, NULL), 0);
	/* eight rounds of RAM -> EMPTY, EMPTY -> RAM, faults */
	for (round = 0; round < 8; round++) {
		ripas_change(0x200000, 0x400000, RLM_RIPAS_EMPTY, true);
		ripas_change(0x200000, 0x400000, RLM_RIPAS_RAM, true);
		assert_int_equal(rlm_rmem_fault_protected(&RM, 0x200000, NULL), 0);
		assert_int_equal(rlm_rmem_fault_protected(&RM, 0x3ff000, NULL), 0);
	}
	ripas_change(0x201000, 0x203000, RLM_RIPAS_EMPTY, true);
	ripas_change(0x201000, 0x203000, RLM_RIPAS_RAM, false);
	/* a DATA block from a 2 MiB-aligned run (its table from just below) */
	assert_int_equal(POOL.get(POOL.ctx, 1024, &run), 0);
	pa = (run + 0x200000) & ~UINT64_C(0x1fffff);
	for (i = run; i < run + 1024 * 0x1000; i += 0x1000)
		POOL.put(POOL.ctx, i);
	pool_next(pa - 0x1000);
	for (i = 0; i < 512; i++)
		assert_int_equal(rlm_rmem_fault_protected(&RM, 0x400000 + i * 0x1000, NULL), 0);
	ripas_change(0x400000, 0x401000, RLM_RIPAS_EMPTY, true);
	ripas_change(0x400000, 0x401000, RLM_RIPAS_RAM, true);
	pool_next(pa);
	assert_int_equal(rlm_rmem_fault_protected(&RM, 0x400000, NULL), 0);
	assert_int_equal(RM.folds, 8 + 2);
	/* the unprotected alias */
	assert_int_equal(rlm_rmem_map_unprotected(&RM, a, 0x200000, HOST_PA, 0xd8, NULL), 0);
	assert_int_equal(rlm_rmem_unmap_unprotected(&RM, a + 0x5000, 0x1000, NULL), 0);
	assert_int_equal(rlm_rmem_map_unprotected(&RM, a + 0x5000, 0x1000, HOST_PA + 0x5000, 0xd8,
						  NULL), 0);
	assert_int_equal(rlm_rmem_unmap_unprotected(&RM, a + 0x1ff000, 0x1000, NULL), 0);
	assert_int_equal(rlm_rmem_map_unprotected(&RM, a + 0x1ff000, 0x1000, HOST_PA + 0x1ff000,
						  0xc8, NULL), 0);
	assert_int_equal(rlm_rmem_unmap_unprotected(&RM, a, 0x200000, NULL), 0);
	/* teardown (the fixture's, logged) */
	assert_int_equal(teardown(NULL), 0);
	assert_true(LOG_N <= RLM_ARRAY_SIZE(log));

	text = (char *)tu_read_file(tu_src_path("tests/traces/rmem_flows.trace", path,
						sizeof(path)), &len);
	text = realloc(text, len + 1);
	assert_non_null(text);
	text[len] = 0;
	line = strstr(text, "\n# ---- protected faults");
	assert_non_null(line);
	for (line = strtok_r(line, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char verb[64];
		int ri, rl;

		if (line[0] == '#' || !strncmp(line, "realm ", 6) ||
		    !strncmp(line, "ns_write ", 9) || !strncmp(line, "rtt_read_entry ", 15))
			continue;
		n = strcspn(line, " ");
		assert_true(n < sizeof(verb));
		memcpy(verb, line, n);
		verb[n] = 0;
		while (k < LOG_N && log[k].in.x[0] == RLM_SMC_RMI_RTT_READ_ENTRY)
			k++;
		assert_true(k < LOG_N);
		if (strcmp(verb, verb_of(log[k].in.x[0])))
			fail_msg("trace line %d '%s': rmem called %s", lines, line,
				 verb_of(log[k].in.x[0]));
		arg_regs(verb, &ri, &rl);
		if (ri && log[k].in.x[ri] != trace_arg(line, strcmp(verb, "rtt_set_ripas") ?
							 " ipa=" : " base="))
			fail_msg("trace line %d '%s': rmem's IPA 0x%llx", lines, line,
				 (unsigned long long)log[k].in.x[ri]);
		if (rl && log[k].in.x[rl] != trace_arg(line, " level="))
			fail_msg("trace line %d '%s': rmem's level %llu", lines, line,
				 (unsigned long long)log[k].in.x[rl]);
		k++;
		lines++;
	}
	while (k < LOG_N && log[k].in.x[0] == RLM_SMC_RMI_RTT_READ_ENTRY)
		k++;
	assert_int_equal(k, LOG_N);   /* nothing left over */
	assert_true(lines > 2500);
	free(text);
}

static int setup_4lrs(void **state)
{
	WANT_LRS = 4;
	return setup(state);
}

static int teardown_4lrs(void **state)
{
	WANT_LRS = 0;
	return teardown(state);
}

/* RecEnter's list registers filled up to the number the RMM reports in
 * FEATURES (GICV3_NUM_LRS holds it minus one, TF-RMM rel0 lib/gic
 * nr_lrs); the RMM hands them back in RmiRecExit, decoded with the
 * timer and PMU state, and the REC enters again after a RIPAS change. */
static void test_gic_lrs_round_trip(void **state)
{
	const uint64_t pend = UINT64_C(1) << 62 | UINT64_C(1) << 60 | UINT64_C(0x80) << 48;
	uint64_t feat0, lrs[RLM_REC_MAX_GIC_NUM_LRS], run = CFG.ns_base + 0x1000;
	struct rlm_rec_enter en;
	struct rlm_rec_exit ex;
	struct rlm_exit x;
	unsigned int n, i;

	(void)state;
	assert_int_equal(rlm_rmi_features(&C, 0, &feat0, NULL), 0);
	n = rlm_exit_gic_num_lrs(feat0);
	assert_int_equal(n, 4);
	for (i = 0; i < RLM_REC_MAX_GIC_NUM_LRS; i++)
		lrs[i] = pend | (27 + i);
	rlm_exit_enter_init(&en);
	/* One more than the RMM has: refused before any call. */
	assert_int_equal(rlm_exit_enter_set_gic(&en, feat0, 0x2, lrs, n + 1), RLM_ERANGE);
	/* ICH_HCR_EL2.En is the RMM's: refused before any call. */
	assert_int_equal(rlm_exit_enter_set_gic(&en, feat0, 0x1, lrs, n), RLM_EINVAL);
	assert_int_equal(rlm_exit_enter_set_gic(&en, feat0, 0x2, lrs, n), 0);
	assert_int_equal(rlm_rmi_rec_enter_run(&C, REC, run, &en, &ex, NULL), 0);
	assert_int_equal(rlm_exit_decode(&ex, &G, &x), 0);
	assert_int_equal(x.kind, RLM_EXIT_IRQ);
	for (i = 0; i < RLM_REC_MAX_GIC_NUM_LRS; i++)
		assert_true(x.gic.lrs[i] == (i < n ? lrs[i] : 0));
	assert_true(x.gic.hcr == 0x2);
	assert_false(rlm_exit_timer_fired(x.timer.cntv_ctl));
	assert_false(rlm_exit_timer_fired(x.timer.cntp_ctl));
	assert_int_equal(x.pmu_ovf_status, 0);
	/* Two list registers with one INTID: the RMM refuses the entry. */
	lrs[1] = lrs[0];
	assert_int_equal(rlm_exit_enter_set_gic(&en, feat0, 0x2, lrs, 2), 0);
	assert_int_equal(rlm_rmi_rec_enter_run(&C, REC, run, &en, &ex, NULL), RLM_ERMI);
	/* The flows keep the entry the VMM prepared (GIC state included). */
	lrs[1] = pend | 28;
	assert_int_equal(rlm_exit_enter_set_gic(&en, feat0, 0, lrs, n), 0);
	ripas_change(0x200000, 0x400000, RLM_RIPAS_EMPTY, true);
	invariants();
}

static uint64_t RNG = 0x2545f4914f6cdd1dull;

static uint64_t rnd(uint64_t n)
{
	RNG ^= RNG << 13;
	RNG ^= RNG >> 7;
	RNG ^= RNG << 17;
	return RNG % n;
}

static void roomy(struct rlm_ripas *t)
{
	size_t len = rlm_ripas_mem_size(8192);
	void *old = t->mem, *mem = malloc(len);

	assert_non_null(mem);
	assert_int_equal(rlm_ripas_move(t, mem, len), 0);
	free(old);
}

/* Does the RMM map ipa (the entry at the deepest level the walk reaches)? */
static bool rmm_maps(uint64_t ipa)
{
	struct rlm_rtt_entry e;

	assert_int_equal(rlm_rmi_rtt_read_entry(&C, RD, ipa, 3, &e, NULL), 0);
	return e.state == RLM_RMI_ASSIGNED;
}

/*
 * Random flows: faults, RIPAS changes both ways, the alias mapped on and
 * off its run and unmapped in random pieces.  Every flow succeeds (a fold
 * the mirrors got wrong would fail: no call is a guess), the mirrors agree
 * with the RMM's entries, the mock's invariants hold, and the teardown
 * gets every granule back.
 */
static void test_random_flows(void **state)
{
	const uint64_t a = UNPROT + 0x40000000, span = 0x400000;
	unsigned int step;
	uint64_t i;

	(void)state;
	/* Room for the ranges scattered faults make (a flow needing more
	 * answers RLM_ENOMEM before any call: not what this test is about). */
	roomy(TR);
	roomy(MAP);
	for (step = 0; step < 1500; step++) {
		unsigned int op = (unsigned int)rnd(8);
		uint64_t x = rnd(span >> 12) << 12, y = x + ((1 + rnd(64)) << 12);
		struct rlm_rmi_result rr;
		uint8_t v;
		int ret;

		if (y > span)
			y = span;
		if (!rnd(4)) {
			/* a whole 2 MiB block */
			x &= ~UINT64_C(0x1fffff);
			y = x + 0x200000;
		}
		if (op < 3) {
			/* a fault on RAM */
			assert_int_equal(rlm_ripas_get(TR, x, &v, NULL, NULL), 0);
			if (v != RLM_RIPAS_RAM)
				continue;
			ret = rlm_rmem_fault_protected(&RM, x, &rr);
			if (ret != 0 && ret != RLM_EEXIST)
				fail_msg("step %u: fault at 0x%llx: %d (RMI 0x%llx)", step,
					 (unsigned long long)x, ret, (unsigned long long)rr.status);
		} else if (op == 3) {
			ripas_change(x, y, RLM_RIPAS_EMPTY, true);
		} else if (op == 4) {
			ripas_change(x, y, RLM_RIPAS_RAM, true);
		} else if (op < 7) {
			/* the alias: on the run mostly, sometimes off it */
			uint64_t pa, reached;

			pa = HOST_PA + x + (rnd(4) ? 0 : 0x1000000);

			assert_int_equal(rlm_ripas_query(MAP, a + x, a + y, &v, &reached), 0);
			ret = rlm_rmem_map_unprotected(&RM, a + x, y - x, pa, 0xd8, NULL);
			assert_int_equal(ret, v == RLM_RMEM_NONE && reached == a + y ? 0 : RLM_EEXIST);
		} else {
			assert_int_equal(rlm_rmem_unmap_unprotected(&RM, a + x, y - x, NULL), 0);
		}
		/* The mirrors against the RMM, at a few places. */
		for (i = 0; i < 4; i++) {
			uint64_t g = rnd(span >> 12) << 12;

			assert_int_equal(rlm_ripas_get(MAP, g, &v, NULL, NULL), 0);
			assert_int_equal(rmm_maps(g), v != RLM_RMEM_NONE);
			assert_int_equal(rlm_ripas_get(MAP, a + g, &v, NULL, NULL), 0);
			assert_int_equal(rmm_maps(a + g), v != RLM_RMEM_NONE);
		}
		if (step % 50 == 0)
			invariants();
	}
	/* Folds happened both ways (the alias back into blocks included). */
	printf("random flows: %llu folds, %llu unfolds, %llu DATA and %llu NS granules left\n",
	       (unsigned long long)RM.folds, (unsigned long long)RM.unfolds,
	       (unsigned long long)RM.data, (unsigned long long)RM.ns);
	assert_true(RM.folds > 0);
	assert_true(RM.unfolds > 0);
	invariants();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fault_protected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ripas_shrink_grow_many, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ripas_reject, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unprotected_block_unfold_fold, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_data_block_unfold, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sequence_matches_trace, setup, teardown),
		cmocka_unit_test_setup_teardown(test_data_fold_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recover_lost_tables, setup, teardown),
		cmocka_unit_test_setup(test_trace_sequence, setup),
		cmocka_unit_test_setup_teardown(test_gic_lrs_round_trip, setup_4lrs, teardown_4lrs),
		cmocka_unit_test_setup_teardown(test_random_flows, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
