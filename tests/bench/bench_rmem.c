/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI calls per realm-memory operation (rlm_rmem_*) on the mock RMM,
 * against the floor the state requires, in the same run:
 *  - protected fault: delegate + DATA_CREATE_UNKNOWN, plus delegate +
 *    RTT_CREATE for each level 3 table the page's 2 MiB block lacks;
 *  - RIPAS change: one RTT_SET_RIPAS per level 3 table the range crosses
 *    and one per run of level 2 entries without a table (the RMM stops at
 *    a table entry and at the end of a table: TF-RMM rel0
 *    rtt_set_ripas_range()); for RAM -> EMPTY also DATA_DESTROY +
 *    undelegate per page and RTT_FOLD + undelegate per table left uniform;
 *  - unprotected: map a 2 MiB block (a level 2 table the first time + the
 *    map), unmap a page of it (unfold: delegate + RTT_CREATE, + the unmap),
 *    map it again with its page (the map, then the table is one run: fold
 *    + undelegate), unmap a page again, unmap the rest (one per page +
 *    fold + undelegate);
 *  - a DATA block: 512 faults from a 2 MiB-aligned run (a level 3 table,
 *    delegate + DATA_CREATE_UNKNOWN per page, the last one folds: RTT_FOLD
 *    + undelegate), one page given back (unfold, SET_RIPAS, DATA_DESTROY
 *    + undelegate), regained with its granule (SET_RIPAS, the fault, the
 *    fold back), the whole block given back (SET_RIPAS, unfold, 512 x
 *    DATA_DESTROY + undelegate, fold) and asked for again (SET_RIPAS);
 *  - teardown: DATA_DESTROY + undelegate per page, RTT_DESTROY +
 *    undelegate per table.
 * The floor is counted from the workload (which pages were faulted, which
 * 2 MiB blocks they fell in), not from librealm's mirrors.  Goal <= 1.01x.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <realm/realm.h>
#include <realm/testing.h>
#include "bench_util.h"
#include "realm_fixture.h"

#define RAM_TOP (UINT64_C(64) << 20)
#define LO (UINT64_C(16) << 20)
#define HI (UINT64_C(48) << 20)
#define BLK (UINT64_C(2) << 20)
#define NBLK ((HI - LO) / BLK)
#define ROUNDS 20
#define PAGES 256
#define UNPROT (UINT64_C(1) << 39)

static struct tu_realm R;   /* tests/common/realm_fixture.h */
static uint64_t BITS[RLM_GPOOL_WORDS(65536)];
#define M (R.m)
#define CFG (R.cfg)
#define C (R.c)
#define GP (R.gp)
#define POOL (R.pool)
#define G (R.g)
#define RD (R.rd)
#define REC (R.rec)
static struct rlm_rtt_mgr MGR;
static struct rlm_rtt_node NODES[1024];
static struct rlm_rmem RM;
static struct rlm_ripas *TR, *MAP;

struct tally { const char *name; uint64_t calls, floor, ops; };

static void add(struct tally *t, uint64_t calls, uint64_t floor)
{
	t->calls += calls;
	t->floor += floor;
	t->ops++;
}

#define CHECK(x) do { int rc_ = (x); if (rc_ != 0) { fprintf(stderr, "bench_rmem: %s failed at %d: %d round %u\n", #x, __LINE__, rc_, dbg_round); exit(1); } } while (0)
static unsigned int dbg_round;

static void setup(void)
{
	uint64_t top;

	CHECK(tu_realm_new(&R, BITS, RLM_ARRAY_SIZE(BITS), 0));
	CHECK(rlm_rtt_mgr_init(&MGR, &C, RD, &G, &POOL, NODES, RLM_ARRAY_SIZE(NODES)));
	CHECK(rlm_ripas_new(rlm_rtt_par_size(&G), RLM_RIPAS_EMPTY, &TR));
	{
		/* The map holds a range per run of faulted pages. */
		static struct rlm_ripas map;
		size_t len = rlm_ripas_mem_size(256);
		void *mem = malloc(len);

		if (!mem)
			exit(1);
		CHECK(rlm_ripas_init(&map, mem, len, rlm_rtt_ipa_size(&G), RLM_RMEM_NONE));
		MAP = &map;
	}
	CHECK(rlm_rmem_init(&RM, &MGR, TR, MAP));
	CHECK(rlm_rtt_mgr_ensure(&MGR, 0, 2, NULL));
	CHECK(rlm_rmi_rtt_init_ripas(&C, RD, 0, RAM_TOP, &top, NULL));
	CHECK(rlm_ripas_init_ripas(TR, 0, RAM_TOP, NULL, NULL));
	CHECK(tu_realm_rec(&R));
}

/* The realm asks for a change; the host completes it.  Returns the calls
 * rlm_rmem made (the two REC_ENTERs are the realm's, not counted). */
static uint64_t ripas_change(uint64_t base, uint64_t top, uint8_t ripas)
{
	struct rlm_smc_regs q;
	struct rlm_rec_enter en;
	struct rlm_rec_exit ex;
	struct rlm_exit x;
	uint64_t run = CFG.ns_base + 0x1000, c0;

	memset(&q, 0, sizeof(q));
	q.x[0] = RLM_SMC_RSI_IPA_STATE_SET;
	q.x[1] = base;
	q.x[2] = top;
	q.x[3] = ripas;
	CHECK(rlm_mock_realm_queue(M, REC, &q));
	rlm_exit_enter_init(&en);
	CHECK(rlm_rmi_rec_enter_run(&C, REC, run, &en, &ex, NULL));
	CHECK(rlm_exit_decode(&ex, &G, &x));
	c0 = rlm_mock_calls(M);
	CHECK(rlm_rmem_ripas_change(&RM, REC, &x, true, &en, NULL, NULL, NULL));
	c0 = rlm_mock_calls(M) - c0;
	CHECK(rlm_rmi_rec_enter_run(&C, REC, run, &en, &ex, NULL));
	return c0;
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* SET_RIPAS calls over [LO, HI): one per table, one per run of blocks
 * without one. */
static uint64_t set_ripas_floor(const bool *tbl)
{
	uint64_t n = 0, b;

	for (b = 0; b < NBLK; b++)
		if (tbl[b] || b == 0 || tbl[b - 1])
			n++;
	return n;
}

int main(void)
{
	struct tally fault = {"protected fault", 0, 0, 0}, shrink = {"RIPAS RAM->EMPTY", 0, 0, 0},
		     grow = {"RIPAS EMPTY->RAM", 0, 0, 0}, nsmap = {"unprotected map 2M", 0, 0, 0},
		     nsunf = {"unprotected partial unmap", 0, 0, 0}, nsall = {"unprotected unmap all", 0, 0, 0},
		     nsfold = {"unprotected remap, fold back", 0, 0, 0}, tear = {"teardown", 0, 0, 0},
		     dblk = {"DATA block faulted in", 0, 0, 0}, dgive = {"DATA page given back", 0, 0, 0},
		     dfold = {"DATA page regained, fold back", 0, 0, 0},
		     dall = {"DATA block given back", 0, 0, 0};
	struct tally *all[] = {&fault, &shrink, &grow, &nsmap, &nsunf, &nsfold, &nsall,
			       &dblk, &dgive, &dfold, &dall, &tear};
	uint64_t run, pa;
	static bool faulted[(HI - LO) >> 12];
	bool tbl[NBLK];
	uint64_t c0, tc = 0, tf = 0, tables_now = 1, pages_now = 0;
	unsigned int r, i;
	double t0;

	bench_print_machine("rmem");
	setup();
	/* A 2 MiB-aligned run of the pool for the DATA block, with a free
	 * granule below it for the block's table. */
	CHECK(POOL.get(POOL.ctx, 1024, &run));
	pa = (run + BLK) & ~(BLK - 1);
	for (i = 0; i < 1024; i++)
		POOL.put(POOL.ctx, run + (uint64_t)i * 0x1000);
	t0 = bench_now();
	for (r = 0; r < ROUNDS; r++) {
		uint64_t nt = 0;

		dbg_round = r;
		memset(faulted, 0, sizeof(faulted));
		memset(tbl, 0, sizeof(tbl));
		for (i = 0; i < PAGES; i++) {
			uint64_t g = next_rand() % ((HI - LO) >> 12), ipa = LO + (g << 12);
			uint64_t f = 2;

			if (faulted[g])
				continue;
			faulted[g] = true;
			if (!tbl[(ipa - LO) / BLK]) {
				tbl[(ipa - LO) / BLK] = true;
				f += 2;
				nt++;
			}
			c0 = rlm_mock_calls(M);
			CHECK(rlm_rmem_fault_protected(&RM, ipa, NULL));
			add(&fault, rlm_mock_calls(M) - c0, f);
			pages_now++;
		}
		/* Shrink: SET_RIPAS, 2 per page, 2 per table folded. */
		add(&shrink, ripas_change(LO, HI, RLM_RIPAS_EMPTY),
		    set_ripas_floor(tbl) + 2 * pages_now + 2 * nt);
		pages_now = 0;
		memset(tbl, 0, sizeof(tbl));
		add(&grow, ripas_change(LO, HI, RLM_RIPAS_RAM), set_ripas_floor(tbl));
		/* The unprotected alias: a block, a page out of it, the rest. */
		{
			uint64_t a = UNPROT + (UINT64_C(1) << 30) + r * BLK;

			c0 = rlm_mock_calls(M);
			CHECK(rlm_rmem_map_unprotected(&RM, a, BLK, UINT64_C(0x300000000), 0xd8, NULL));
			add(&nsmap, rlm_mock_calls(M) - c0, 1 + (r == 0 ? 2 : 0));
			c0 = rlm_mock_calls(M);
			CHECK(rlm_rmem_unmap_unprotected(&RM, a + 0x7000, 0x1000, NULL));
			add(&nsunf, rlm_mock_calls(M) - c0, 2 + 1);
			c0 = rlm_mock_calls(M);
			CHECK(rlm_rmem_map_unprotected(&RM, a + 0x7000, 0x1000,
						       UINT64_C(0x300007000), 0xd8, NULL));
			add(&nsfold, rlm_mock_calls(M) - c0, 1 + 2);
			c0 = rlm_mock_calls(M);
			CHECK(rlm_rmem_unmap_unprotected(&RM, a + 0x9000, 0x1000, NULL));
			add(&nsunf, rlm_mock_calls(M) - c0, 2 + 1);
			c0 = rlm_mock_calls(M);
			CHECK(rlm_rmem_unmap_unprotected(&RM, a, BLK, NULL));
			add(&nsall, rlm_mock_calls(M) - c0, 511 + 2);
		}
		/* A DATA block at HI (RAM the RIPAS rounds leave alone). */
		{
			uint64_t n;

			GP.hint = (pa - 0x1000 - CFG.pool_base) / 0x1000;
			c0 = rlm_mock_calls(M);
			for (n = 0; n < BLK >> 12; n++)
				CHECK(rlm_rmem_fault_protected(&RM, HI + (n << 12), NULL));
			add(&dblk, rlm_mock_calls(M) - c0, 2 + 2 * (BLK >> 12) + 2);
			add(&dgive, ripas_change(HI, HI + 0x1000, RLM_RIPAS_EMPTY), 2 + 1 + 2);
			GP.hint = (pa - CFG.pool_base) / 0x1000;
			c0 = ripas_change(HI, HI + 0x1000, RLM_RIPAS_RAM);
			c0 = rlm_mock_calls(M) - c0;
			CHECK(rlm_rmem_fault_protected(&RM, HI, NULL));
			add(&dfold, rlm_mock_calls(M) - c0, 1 + 2 + 2);
			add(&dall, ripas_change(HI, HI + BLK, RLM_RIPAS_EMPTY),
			    1 + 2 + 2 * (BLK >> 12) + 2);
			add(&grow, ripas_change(HI, HI + BLK, RLM_RIPAS_RAM), 1);
		}
		(void)tables_now;
	}
	/* Teardown with a last set of pages in: L3 tables + the two L2. */
	{
		uint64_t nt = 0, np = 0;

		memset(tbl, 0, sizeof(tbl));
		for (i = 0; i < PAGES; i++) {
			uint64_t ipa = LO + ((next_rand() % ((HI - LO) >> 12)) << 12);

			if (rlm_rmem_fault_protected(&RM, ipa, NULL) == 0) {
				np++;
				if (!tbl[(ipa - LO) / BLK]) {
					tbl[(ipa - LO) / BLK] = true;
					nt++;
				}
			}
		}
		CHECK(rlm_rmi_rec_destroy(&C, REC, NULL));
		c0 = rlm_mock_calls(M);
		CHECK(rlm_rmem_release(&RM, NULL));
		/* pages + L3 tables + L2 at 0 + L2 of the alias */
		add(&tear, rlm_mock_calls(M) - c0, 2 * np + 2 * nt + 2 + 2);
	}
	{
		char why[200];

		CHECK(rlm_mock_check(M, why, sizeof(why)));
	}
	printf("rmem: %u rounds of %u faults over 32 MiB, RIPAS shrink and grow, the\n"
	       "unprotected alias block mapped, split, folded back, split and unmapped, a DATA\n"
	       "block faulted in, split, folded back and given back; %.2f s\n",
	       ROUNDS, PAGES, bench_now() - t0);
	printf("figure, baseline, ratio\n");
	for (i = 0; i < RLM_ARRAY_SIZE(all); i++) {
		double ratio = (double)all[i]->calls / (double)all[i]->floor;

		tc += all[i]->calls;
		tf += all[i]->floor;
		printf("rmi calls per %s (calls/op), %.2f, floor %.2f, %.5fx (target <= 1.01x)%s\n",
		       all[i]->name, (double)all[i]->calls / (double)all[i]->ops,
		       (double)all[i]->floor / (double)all[i]->ops, ratio,
		       ratio <= 1.01 ? "" : "  BELOW TARGET");
	}
	printf("rmi calls all operations (calls), %llu, floor %llu, %.5fx (target <= 1.01x)%s\n",
	       (unsigned long long)tc, (unsigned long long)tf, (double)tc / (double)tf,
	       (double)tc / (double)tf <= 1.01 ? "" : "  BELOW TARGET");
	bench_print_load("rmem");
	rlm_ripas_free(TR);
	free(MAP->mem);
	rlm_mock_free(M);
	return (double)tc / (double)tf <= 1.01 ? 0 : 1;
}
