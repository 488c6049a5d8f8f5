/* SPDX-License-Identifier: BSD-3-Clause */
/* RTT manager on the mock RMM: tables only where needed and no probing
 * (counted in RMI calls), blocks where alignment allows, unmap, fold,
 * recovery from tables changed behind its back, bottom-up teardown that
 * returns every granule. */
#include "test_util.h"
#include <realm/testing.h>
#include <realm/rtt_mgr.h>

#define UNPROT (UINT64_C(1) << 39)
#define HOST_PA UINT64_C(0x300000000)   /* host memory the RMM does not track */

static struct rlm_mock *M;
static struct rlm_mock_config CFG;
static struct rlm_conduit C;
static struct rlm_gpool GP;
static uint64_t BITS[RLM_GPOOL_WORDS(16384)];
static struct rlm_granule_pool POOL;
static struct rlm_rtt_geom G;
static struct rlm_rtt_mgr MGR;
static struct rlm_rtt_node NODES[256];
static uint64_t RD, ROOT;

static uint64_t calls(void)
{
	return rlm_mock_calls(M);
}

static int setup(void **state)
{
	struct rlm_realm_params p;
	uint8_t *ns;

	(void)state;
	rlm_mock_config_default(&CFG);
	assert_int_equal(rlm_mock_new(&CFG, &M), 0);
	rlm_mock_conduit(M, &C);
	assert_int_equal(rlm_gpool_init(&GP, CFG.pool_base, CFG.pool_granules, BITS,
					RLM_ARRAY_SIZE(BITS)), 0);
	rlm_gpool_ops(&GP, &POOL);
	assert_int_equal(rlm_rtt_geom_init(&G, 40, 1, false), 0);
	/* A realm: RD + two root tables. */
	assert_int_equal(POOL.get(POOL.ctx, 1, &RD), 0);
	assert_int_equal(POOL.get(POOL.ctx, 2, &ROOT), 0);
	assert_int_equal(rlm_rmi_granule_delegate(&C, RD, NULL), 0);
	assert_int_equal(rlm_rmi_granule_delegate(&C, ROOT, NULL), 0);
	assert_int_equal(rlm_rmi_granule_delegate(&C, ROOT + 0x1000, NULL), 0);
	memset(&p, 0, sizeof(p));
	p.num_bps = 1;
	p.num_wps = 1;
	p.rtt_base = ROOT;
	assert_int_equal(rlm_rtt_geom_to_params(&G, &p), 0);
	ns = rlm_mock_ns_ptr(M, CFG.ns_base, 4096);
	assert_int_equal(rlm_pack_realm_params(&p, ns, 4096), 0);
	assert_int_equal(rlm_rmi_realm_create(&C, RD, CFG.ns_base, NULL), 0);
	assert_int_equal(rlm_rtt_mgr_init(&MGR, &C, RD, &G, &POOL, NODES,
					  RLM_ARRAY_SIZE(NODES)), 0);
	return 0;
}

static int teardown(void **state)
{
	char why[200];

	(void)state;
	assert_int_equal(rlm_rtt_mgr_destroy_all(&MGR, NULL), 0);
	assert_int_equal(rlm_rtt_mgr_count(&MGR), 0);
	assert_int_equal(rlm_rmi_realm_destroy(&C, RD, NULL), 0);
	assert_int_equal(rlm_rmi_granule_undelegate(&C, RD, NULL), 0);
	assert_int_equal(rlm_rmi_granule_undelegate(&C, ROOT, NULL), 0);
	assert_int_equal(rlm_rmi_granule_undelegate(&C, ROOT + 0x1000, NULL), 0);
	/* Every granule came back. */
	assert_int_equal(rlm_mock_delegated_count(M), 0);
	POOL.put(POOL.ctx, RD);
	POOL.put(POOL.ctx, ROOT);
	POOL.put(POOL.ctx, ROOT + 0x1000);
	assert_int_equal(GP.nused, 0);
	assert_int_equal(MGR.leaked, 0);
	assert_int_equal(rlm_mock_check(M, why, sizeof(why)), 0);
	rlm_mock_free(M);
	return 0;
}

static void test_ensure_no_probing(void **state)
{
	uint64_t c0;

	(void)state;
	assert_true(rlm_rtt_mgr_has(&MGR, 0x40201000, 1)); /* root */
	assert_false(rlm_rtt_mgr_has(&MGR, 0x40201000, 2));
	c0 = calls();
	assert_int_equal(rlm_rtt_mgr_ensure(&MGR, 0x40201000, 3, NULL), 0);
	assert_int_equal(calls() - c0, 4); /* 2 x (delegate + RTT_CREATE) */
	assert_true(rlm_rtt_mgr_has(&MGR, 0x40000000, 2));
	assert_true(rlm_rtt_mgr_has(&MGR, 0x40200000, 3));
	assert_false(rlm_rtt_mgr_has(&MGR, 0x40400000, 3));
	c0 = calls();
	assert_int_equal(rlm_rtt_mgr_ensure(&MGR, 0x40201000, 3, NULL), 0);
	assert_int_equal(rlm_rtt_mgr_ensure(&MGR, 0x403ff000, 3, NULL), 0);
	assert_int_equal(calls() - c0, 0); /* the shadow knows */
	c0 = calls();
	assert_int_equal(rlm_rtt_mgr_ensure(&MGR, 0x40400000, 3, NULL), 0);
	assert_int_equal(calls() - c0, 2); /* only the missing L3 */
	assert_int_equal(rlm_rtt_mgr_count(&MGR), 3);
	assert_int_equal(rlm_rtt_mgr_ensure(&MGR, UINT64_C(1) << 40, 3, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rtt_mgr_ensure(NULL, 0, 3, NULL), RLM_EINVAL);
}

static void test_map_blocks_unmap_fold(void **state)
{
	struct rlm_rtt_entry e;
	uint64_t c0, base = UNPROT + 0x40000000, size = 0x400000 + 0x2000;

	(void)state;
	c0 = calls();
	assert_int_equal(rlm_rtt_mgr_map_unprotected(&MGR, base, size, HOST_PA, 0xd8, NULL), 0);
	/* L2 table (2), two 2 MiB blocks (2), L3 table (2), two pages (2). */
	assert_int_equal(calls() - c0, 8);
	assert_int_equal(rlm_rmi_rtt_read_entry(&C, RD, base, 2, &e, NULL), 0);
	assert_true(e.level == 2 && e.state == RLM_RMI_ASSIGNED);
	assert_true((e.desc & ~UINT64_C(0xfff)) == HOST_PA);
	assert_int_equal(rlm_rmi_rtt_read_entry(&C, RD, base + 0x401000, 3, &e, NULL), 0);
	assert_true(e.level == 3 && e.state == RLM_RMI_ASSIGNED);
	assert_true((e.desc & ~UINT64_C(0xfff)) == HOST_PA + 0x401000);
	/* Misaligned host memory: pages only. */
	c0 = calls();
	assert_int_equal(rlm_rtt_mgr_map_unprotected(&MGR, base + 0x40000000 - 0x200000,
						     0x200000, HOST_PA + 0x1000, 0, NULL), 0);
	assert_int_equal(rlm_rmi_rtt_read_entry(&C, RD, base + 0x3fe00000, 3, &e, NULL), 0);
	assert_int_equal(e.level, 3);
	/* Mapping twice is the RMM's refusal, reported. */
	struct rlm_rmi_result r;

	assert_int_equal(rlm_rtt_mgr_map_unprotected(&MGR, base + 0x400000, 0x1000, HOST_PA, 0, &r),
			 RLM_ERMI);
	assert_int_equal(r.status, RLM_RMI_ERROR_RTT);
	/* Unmap everything, then fold the now-empty L3 table. */
	assert_int_equal(rlm_rtt_mgr_unmap_unprotected(&MGR, base, size, NULL), 0);
	assert_int_equal(rlm_rmi_rtt_read_entry(&C, RD, base, 2, &e, NULL), 0);
	assert_true(e.state == RLM_RMI_UNASSIGNED);
	assert_int_equal(rlm_rmi_rtt_read_entry(&C, RD, base + 0x401000, 3, &e, NULL), 0);
	assert_true(e.state == RLM_RMI_UNASSIGNED);
	uint32_t n = rlm_rtt_mgr_count(&MGR);

	assert_int_equal(rlm_rtt_mgr_fold(&MGR, base + 0x400000, 3, NULL), 0);
	assert_int_equal(rlm_rtt_mgr_count(&MGR), n - 1);
	assert_false(rlm_rtt_mgr_has(&MGR, base + 0x400000, 3));
	/* Fold of a table the shadow does not have: no call at all. */
	c0 = calls();
	assert_int_equal(rlm_rtt_mgr_fold(&MGR, base + 0x400000, 3, NULL), RLM_ENOENT);
	assert_int_equal(calls(), c0);
	/* Bad input. */
	assert_int_equal(rlm_rtt_mgr_map_unprotected(&MGR, 0x1000, 0x1000, HOST_PA, 0, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rtt_mgr_map_unprotected(&MGR, base, 0x800, HOST_PA, 0, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rtt_mgr_map_unprotected(&MGR, base, 0x1000, HOST_PA + 1, 0, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rtt_mgr_map_unprotected(&MGR, base, 0x1000, HOST_PA, 0x100, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rtt_mgr_unmap_unprotected(&MGR, base, 0, NULL), RLM_ERANGE);
}

static void test_recovery(void **state)
{
	uint64_t l2, l3, pa, top;
	struct rlm_rmi_result r;

	(void)state;
	/* Tables created behind the manager's back are adopted. */
	assert_int_equal(POOL.get(POOL.ctx, 1, &l2), 0);
	assert_int_equal(POOL.get(POOL.ctx, 1, &l3), 0);
	assert_int_equal(rlm_rmi_granule_delegate(&C, l2, NULL), 0);
	assert_int_equal(rlm_rmi_granule_delegate(&C, l3, NULL), 0);
	assert_int_equal(rlm_rmi_rtt_create(&C, RD, l2, 0x80000000, 2, NULL), 0);
	assert_int_equal(rlm_rmi_rtt_create(&C, RD, l3, 0x80000000, 3, NULL), 0);
	assert_int_equal(rlm_rtt_mgr_ensure(&MGR, 0x80000000, 3, &r), 0);
	assert_true(rlm_rtt_mgr_has(&MGR, 0x80000000, 3));
	assert_int_equal(rlm_rtt_mgr_count(&MGR), 2);
	/* A table destroyed behind its back is recreated on demand. */
	uint64_t u = UNPROT + 0x80000000;

	assert_int_equal(rlm_rtt_mgr_map_unprotected(&MGR, u, 0x1000, HOST_PA, 0, NULL), 0);
	assert_int_equal(rlm_rtt_mgr_unmap_unprotected(&MGR, u, 0x1000, NULL), 0);
	assert_int_equal(rlm_rmi_rtt_destroy(&C, RD, u, 3, &pa, &top, NULL), 0);
	assert_int_equal(rlm_rmi_granule_undelegate(&C, pa, NULL), 0);
	POOL.put(POOL.ctx, pa);
	assert_true(rlm_rtt_mgr_has(&MGR, u, 3)); /* the shadow is stale */
	assert_int_equal(rlm_rtt_mgr_map_unprotected(&MGR, u, 0x1000, HOST_PA, 0, NULL), 0);
	assert_true(rlm_rtt_mgr_has(&MGR, u, 3));
	assert_int_equal(rlm_rtt_mgr_unmap_unprotected(&MGR, u, 0x1000, NULL), 0);
	/* Adopt bad input; a live table stops destroy_all with the level. */
	assert_int_equal(rlm_rtt_mgr_adopt(&MGR, 0x80000000, 3, l3), RLM_EEXIST);
	assert_int_equal(rlm_rtt_mgr_adopt(&MGR, 0x80001000, 3, l3), RLM_EALIGN);
	uint64_t data, got;

	assert_int_equal(POOL.get(POOL.ctx, 1, &data), 0);
	assert_int_equal(rlm_rmi_granule_delegate(&C, data, NULL), 0);
	assert_int_equal(rlm_rmi_data_create(&C, RD, data, 0x80000000, CFG.ns_base,
					     RLM_RMI_NO_MEASURE_CONTENT, NULL), 0);
	assert_int_equal(rlm_rtt_mgr_destroy_all(&MGR, &r), RLM_ERMI);
	assert_int_equal(r.status, RLM_RMI_ERROR_RTT);
	assert_int_equal(rlm_rmi_index_level(r.index), 3);
	assert_true(rlm_rtt_mgr_has(&MGR, 0x80000000, 3)); /* kept: still live */
	assert_int_equal(rlm_rmi_data_destroy(&C, RD, 0x80000000, &got, &top, NULL), 0);
	assert_true(got == data);
	assert_int_equal(rlm_rmi_granule_undelegate(&C, data, NULL), 0);
	POOL.put(POOL.ctx, data);
	/* teardown() destroys the rest and checks every granule is back */
}

static void test_init_bad(void **state)
{
	struct rlm_rtt_mgr m;
	struct rlm_rtt_node n[8];

	(void)state;
	assert_int_equal(rlm_rtt_mgr_init(&m, &C, RD, &G, &POOL, n, 6), RLM_ERANGE);
	assert_int_equal(rlm_rtt_mgr_init(&m, NULL, RD, &G, &POOL, n, 8), RLM_EINVAL);
	assert_int_equal(rlm_rtt_mgr_init(&m, &C, RD, &G, &POOL, NULL, 8), RLM_EINVAL);
	assert_int_equal(rlm_rtt_mgr_init(&m, &C, RD, &G, &POOL, n, 8), 0);
	/* Capacity: at most 3/4 of the nodes. */
	for (int i = 0; i < 6; i++)
		assert_int_equal(rlm_rtt_mgr_adopt(&m, 0x40000000 + (uint64_t)i * 0x200000, 3,
						   0x1000), 0);
	assert_int_equal(rlm_rtt_mgr_adopt(&m, 0x50000000, 3, 0x1000), RLM_ENOMEM);
	assert_false(rlm_rtt_mgr_has(NULL, 0, 3));
	assert_int_equal(rlm_rtt_mgr_count(NULL), 0);
}

/* Strict creation: exactly the named table, checks before any call, no
 * recovery (the launch executor's use). */
static void test_create_strict(void **state)
{
	struct rlm_rmi_result r;
	uint64_t c0, used;

	(void)state;
	c0 = calls();
	assert_int_equal(rlm_rtt_mgr_create(&MGR, 0x40000000, 3, &r), RLM_ESTATE);
	assert_int_equal(rlm_rtt_mgr_create(&MGR, 0x40001000, 3, &r), RLM_EALIGN);
	assert_int_equal(rlm_rtt_mgr_create(&MGR, 0x40000000, 1, &r), RLM_ERANGE);
	assert_int_equal(rlm_rtt_mgr_create(&MGR, UINT64_C(1) << 40, 2, &r), RLM_ERANGE);
	assert_int_equal(rlm_rtt_mgr_create(NULL, 0x40000000, 2, &r), RLM_EINVAL);
	assert_int_equal(calls(), c0);
	assert_int_equal(rlm_rtt_mgr_create(&MGR, 0x40000000, 2, &r), 0);
	assert_int_equal(calls() - c0, 2);   /* delegate + RTT_CREATE */
	assert_true(rlm_rtt_mgr_has(&MGR, 0x40000000, 2));
	c0 = calls();
	assert_int_equal(rlm_rtt_mgr_create(&MGR, 0x40000000, 2, &r), RLM_EEXIST);
	assert_int_equal(calls(), c0);
	/* A refusal comes back as it is: no RTT_READ_ENTRY, no adoption, the
	 * granule undelegated and back in the pool. */
	used = GP.nused;
	assert_int_equal(rlm_mock_inject(M, RLM_SMC_RMI_RTT_CREATE, 1,
					 RLM_RMI_RETURN(RLM_RMI_ERROR_RTT, 2)), 0);
	c0 = calls();
	assert_int_equal(rlm_rtt_mgr_create(&MGR, 0x40200000, 3, &r), RLM_ERMI);
	assert_int_equal(r.status, RLM_RMI_ERROR_RTT);
	assert_int_equal(r.index, 2);
	assert_int_equal(calls() - c0, 3);   /* delegate, RTT_CREATE, undelegate */
	assert_int_equal(GP.nused, used);
	assert_false(rlm_rtt_mgr_has(&MGR, 0x40200000, 3));
	assert_int_equal(rlm_rtt_mgr_create(&MGR, 0x40200000, 3, &r), 0);
	assert_int_equal(rlm_rtt_mgr_count(&MGR), 2);
}

/* A full shadow is refused before any RMI call: a table the RMM made but
 * the shadow could not hold would outlive teardown (and the realm). */
static void test_full_shadow_no_orphan(void **state)
{
	struct rlm_rtt_node n[4];
	struct rlm_rtt_mgr m;
	uint64_t c0;

	(void)state;
	assert_int_equal(rlm_rtt_mgr_init(&m, &C, RD, &G, &POOL, n, 4), 0);
	assert_int_equal(rlm_rtt_mgr_ensure(&m, 0x40000000, 3, NULL), 0);
	assert_int_equal(rlm_rtt_mgr_ensure(&m, 0x40200000, 3, NULL), 0);
	assert_int_equal(rlm_rtt_mgr_count(&m), 3);
	c0 = calls();
	assert_int_equal(rlm_rtt_mgr_ensure(&m, 0x40400000, 3, NULL), RLM_ENOMEM);
	assert_int_equal(rlm_rtt_mgr_create(&m, 0x40400000, 3, NULL), RLM_ENOMEM);
	assert_int_equal(calls(), c0);
	/* Everything it made, it destroys (teardown() checks the realm). */
	assert_int_equal(rlm_rtt_mgr_destroy_all(&m, NULL), 0);
	assert_int_equal(rlm_rtt_mgr_count(&m), 0);
}

/* Block records (what an unprotected block maps, kept for folding back)
 * share the nodes: they give way to tables when the nodes are full, and
 * are never counted as tables. */
static void test_block_records_give_way(void **state)
{
	struct rlm_rtt_node n[8];
	struct rlm_rtt_mgr m;
	const uint64_t a = UNPROT + 0x40000000;

	(void)state;
	assert_int_equal(rlm_rtt_mgr_init(&m, &C, RD, &G, &POOL, n, 8), 0);
	/* An L2 table and four 2 MiB blocks: one table, four records. */
	assert_int_equal(rlm_rtt_mgr_map_unprotected(&m, a, 0x800000, HOST_PA, 0xd8, NULL), 0);
	assert_int_equal(rlm_rtt_mgr_count(&m), 1);
	assert_int_equal(m.blocks, 4);
	/* Full (6 of 8): tables still fit, records go. */
	assert_int_equal(rlm_rtt_mgr_ensure(&m, 0x40000000, 3, NULL), 0);
	assert_int_equal(rlm_rtt_mgr_count(&m), 3);
	assert_true(m.count + m.blocks <= 6);
	assert_int_equal(m.blocks, 3);
	/* Unmapping the blocks drops their records. */
	assert_int_equal(rlm_rtt_mgr_unmap_unprotected(&m, a, 0x800000, NULL), 0);
	assert_int_equal(m.blocks, 0);
	assert_int_equal(rlm_rtt_mgr_count(&m), 3);
	assert_int_equal(rlm_rtt_mgr_destroy_all(&m, NULL), 0);
	assert_int_equal(rlm_rtt_mgr_count(&m), 0);
}

struct empty_ctx {
	int called;
	uint64_t ipa;
	int level;
	uint64_t data;
};

static void empty_cb(void *arg, uint64_t ipa, int level)
{
	struct empty_ctx *e = arg;
	uint64_t pa, top;

	e->called++;
	e->ipa = ipa;
	e->level = level;
	assert_int_equal(rlm_rmi_data_destroy(&C, RD, e->data, &pa, &top, NULL), 0);
	assert_int_equal(rlm_rmi_granule_undelegate(&C, pa, NULL), 0);
	POOL.put(POOL.ctx, pa);
}

/* Release: a live table is emptied by the caller and destroyed again;
 * the manager holds nothing afterwards. */
static void test_release_all(void **state)
{
	struct empty_ctx e = { 0, 0, 0, 0x80000000 };
	struct rlm_rmi_result r;
	uint64_t data;

	(void)state;
	assert_int_equal(rlm_rtt_mgr_ensure(&MGR, 0x80000000, 3, NULL), 0);
	assert_int_equal(rlm_rtt_mgr_ensure(&MGR, 0x40000000, 3, NULL), 0);
	assert_int_equal(POOL.get(POOL.ctx, 1, &data), 0);
	assert_int_equal(rlm_rmi_granule_delegate(&C, data, NULL), 0);
	assert_int_equal(rlm_rmi_data_create(&C, RD, data, 0x80000000, CFG.ns_base,
					     RLM_RMI_NO_MEASURE_CONTENT, NULL), 0);
	assert_int_equal(rlm_rtt_mgr_release_all(&MGR, empty_cb, &e, &r), 0);
	assert_int_equal(e.called, 1);
	assert_true(e.ipa == 0x80000000 && e.level == 3);
	assert_int_equal(rlm_rtt_mgr_count(&MGR), 0);
	assert_int_equal(MGR.leaked, 0);
	assert_int_equal(rlm_rtt_mgr_release_all(NULL, NULL, NULL, NULL), RLM_EINVAL);
}

static int teardown_leaky(void **state)
{
	(void)state;
	rlm_mock_free(M);
	return 0;
}

/* Release: what cannot be destroyed, or fails to undelegate, is set
 * aside (quarantined, counted) and forgotten, never kept or reused. */
static void test_release_quarantine(void **state)
{
	struct rlm_rmi_result r;
	uint64_t data;

	(void)state;
	assert_int_equal(rlm_rtt_mgr_ensure(&MGR, 0x80000000, 3, NULL), 0);
	assert_int_equal(rlm_rtt_mgr_ensure(&MGR, 0x40000000, 3, NULL), 0);
	assert_int_equal(POOL.get(POOL.ctx, 1, &data), 0);
	assert_int_equal(rlm_rmi_granule_delegate(&C, data, NULL), 0);
	assert_int_equal(rlm_rmi_data_create(&C, RD, data, 0x80000000, CFG.ns_base,
					     RLM_RMI_NO_MEASURE_CONTENT, NULL), 0);
	/* No one empties the live L3, so its L2 stays live too. */
	assert_int_equal(rlm_rtt_mgr_release_all(&MGR, NULL, NULL, &r), RLM_ERMI);
	assert_int_equal(r.status, RLM_RMI_ERROR_RTT);
	assert_int_equal(rlm_rmi_index_level(r.index), 3);
	assert_int_equal(rlm_rtt_mgr_count(&MGR), 0);
	assert_false(rlm_rtt_mgr_has(&MGR, 0x80000000, 3));
	/* Quarantined: the live L3 and its L2; the others came back. */
	assert_int_equal(MGR.leaked, 2);
	assert_int_equal(GP.quarantined, 2);
	/* A failed undelegate is reported as RLM_EIO, the granule set aside. */
	assert_int_equal(rlm_rtt_mgr_ensure(&MGR, 0x40400000, 3, NULL), 0);
	assert_int_equal(rlm_rtt_mgr_count(&MGR), 2);
	assert_int_equal(rlm_mock_inject(M, RLM_SMC_RMI_GRANULE_UNDELEGATE, 1,
					 RLM_RMI_RETURN(RLM_RMI_ERROR_INPUT, 0)), 0);
	assert_int_equal(rlm_rtt_mgr_release_all(&MGR, NULL, NULL, NULL), RLM_EIO);
	assert_int_equal(MGR.leaked, 3);
	assert_int_equal(GP.quarantined, 3);
	assert_int_equal(rlm_rtt_mgr_count(&MGR), 0);
	rlm_mock_inject_clear(M);
}

static void test_cap_for(void **state)
{
	(void)state;
	assert_int_equal(rlm_rtt_mgr_cap_for(0), 4);
	assert_int_equal(rlm_rtt_mgr_cap_for(3), 4);
	assert_int_equal(rlm_rtt_mgr_cap_for(4), 8);
	assert_int_equal(rlm_rtt_mgr_cap_for(6), 8);
	assert_int_equal(rlm_rtt_mgr_cap_for(7), 16);
	assert_int_equal(rlm_rtt_mgr_cap_for(513), 1024);
	assert_int_equal(rlm_rtt_mgr_cap_for(UINT64_C(3) << 29), UINT32_C(1) << 31);
	assert_int_equal(rlm_rtt_mgr_cap_for((UINT64_C(3) << 29) + 1), 0);
	assert_int_equal(rlm_rtt_mgr_cap_for(UINT64_MAX), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ensure_no_probing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_map_blocks_unmap_fold, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recovery, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_strict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_shadow_no_orphan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_release_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_block_records_give_way, setup, teardown),
		cmocka_unit_test_setup_teardown(test_release_quarantine, setup, teardown_leaky),
		cmocka_unit_test(test_cap_for),
	};

	return cmocka_run_group_tests_name("rtt_mgr", tests, NULL, NULL);
}
