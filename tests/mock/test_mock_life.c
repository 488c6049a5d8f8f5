/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Mock RMM lifecycle, invariants, footprint, fault injection, call log and
 * the API's handling of bad input.
 */
#define _DEFAULT_SOURCE 1	/* mincore(2) */
#include "mock_fx.h"
#include "mock/mock_int.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

/* Build a realm, run it, tear it all down; every granule goes back. */
static void lifecycle(struct fx *f, uint64_t first)
{
	struct rlm_rec_exit ex;
	const uint64_t rd = first, r1 = first + 1, l2 = first + 3, l3 = first + 4;
	const uint64_t data = first + 5, rec = first + 20, aux = first + 32;
	unsigned int i;

	fx_realm(f, rd, r1, (uint16_t)(1 + first % 15));
	fx_rtt(f, rd, l2, 0, 2);
	fx_rtt(f, rd, l3, 0, 3);
	assert_int_equal(CALL3(f, RTT_INIT_RIPAS, G(f, rd), 0, 0x10000), FX_OK);
	for (i = 0; i < 8; i++) {
		fx_delegate(f, G(f, data + i));
		assert_int_equal(CALL5(f, DATA_CREATE, G(f, rd), G(f, data + i), 0x1000ull * i,
				       NS(f, 1), i & 1), FX_OK);
	}
	fx_rec(f, rd, rec, 0, true, aux);
	assert_int_equal(CALL1(f, REALM_ACTIVATE, G(f, rd)), FX_OK);
	fx_queue(f, G(f, rec), RLM_SMC_RSI_IPA_STATE_SET, 0x10000, 0x20000, RLM_RIPAS_RAM, 0);
	assert_int_equal(fx_enter(f, G(f, rec), 2, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_RIPAS_CHANGE);
	assert_int_equal(CALL4(f, RTT_SET_RIPAS, G(f, rd), G(f, rec), 0x10000, 0x20000), FX_OK);
	assert_int_equal(fx_enter(f, G(f, rec), 2, &ex), FX_OK);
	fx_queue(f, G(f, rec), RLM_PSCI_SYSTEM_OFF, 0, 0, 0, 0);
	assert_int_equal(fx_enter(f, G(f, rec), 2, &ex), FX_OK);
	/* teardown in the order a VMM uses */
	assert_int_equal(CALL1(f, REALM_DESTROY, G(f, rd)), FX_REALM);
	assert_int_equal(CALL1(f, REC_DESTROY, G(f, rec)), FX_OK);
	for (i = 0; i < 8; i++)
		assert_int_equal(CALL2(f, DATA_DESTROY, G(f, rd), 0x1000ull * i), FX_OK);
	assert_int_equal(CALL1(f, REALM_DESTROY, G(f, rd)), FX_REALM); /* RTTs left */
	assert_int_equal(CALL3(f, RTT_DESTROY, G(f, rd), 0, 3), FX_OK);
	assert_int_equal(CALL3(f, RTT_DESTROY, G(f, rd), 0, 2), FX_OK);
	assert_int_equal(CALL1(f, REALM_DESTROY, G(f, rd)), FX_OK);
}

static void undelegate_all(struct fx *f)
{
	uint64_t i, n = 0;

	for (i = 0; i < f->cfg.pool_granules; i++)
		if (CALL1(f, GRANULE_UNDELEGATE, G(f, i)) == FX_OK)
			n++;
	assert_true(n > 0);
	assert_int_equal(rlm_mock_delegated_count(f->m), 0);
}

static void test_lifecycle_teardown(void **state)
{
	struct fx f;

	(void)state;
	fx_init(&f);
	lifecycle(&f, 0);
	lifecycle(&f, 100);
	fx_check(&f);
	/* after a full teardown every delegated granule can be undelegated */
	assert_true(rlm_mock_delegated_count(f.m) >= 2 * (3 + 2 + 8 + 1 + 16));
	undelegate_all(&f);
	/* granules and VMIDs can be used again */
	lifecycle(&f, 0);
	undelegate_all(&f);
	fx_fini(&f);
}

/* The check catches each kind of inconsistency (state corrupted behind
 * the mock's back through its internal structures). */
static void test_invariants_detect(void **state)
{
	struct fx f;
	struct rlm_mock *m;
	char why[200];
	uint8_t saved;
	uint32_t rc;

	(void)state;
	fx_init(&f);
	m = f.m;
	fx_realm(&f, 0, 1, 1);
	fx_rtt(&f, 0, 3, 0, 2);
	fx_rec(&f, 0, 10, 0, true, 100);
	assert_int_equal(rlm_mock_check(m, why, sizeof(why)), 0);
	assert_string_equal(why, "");
	/* a granule in an owned state without an owner */
	saved = (uint8_t)mock_gstate_(m, G(&f, 50));
	mock_gset_(m, G(&f, 50), G_DATA);
	assert_int_equal(rlm_mock_check(m, why, sizeof(why)), RLM_ESTATE);
	assert_non_null(strstr(why, "without an owner"));
	mock_gset_(m, G(&f, 50), saved);
	assert_int_equal(rlm_mock_check(m, why, sizeof(why)), 0);
	/* an owner whose granule is in another state */
	mock_gset_(m, G(&f, 3), G_DELEGATED);
	assert_int_equal(rlm_mock_check(m, why, sizeof(why)), RLM_ESTATE);
	assert_non_null(strstr(why, "wrong state"));
	mock_gset_(m, G(&f, 3), G_RTT);
	/* an RTT refcount that does not match its entries */
	rc = m->rtts[m->realms[0].roots[0]].refcount;
	m->rtts[m->realms[0].roots[0]].refcount = rc + 1;
	assert_int_equal(rlm_mock_check(m, why, sizeof(why)), RLM_ESTATE);
	assert_non_null(strstr(why, "refcount"));
	m->rtts[m->realms[0].roots[0]].refcount = rc;
	/* the RD's refcount against its RECs */
	m->realms[0].refcount = 2;
	assert_int_equal(rlm_mock_check(m, why, sizeof(why)), RLM_ESTATE);
	assert_non_null(strstr(why, "RD refcount"));
	m->realms[0].refcount = 1;
	/* a REC left behind by a destroyed realm */
	m->realms[0].used = 0;
	assert_int_equal(rlm_mock_check(m, why, sizeof(why)), RLM_ESTATE);
	m->realms[0].used = 1;
	/* a granule claimed twice (aux also used as REC) */
	m->recs[0].aux[3] = G(&f, 10);
	assert_int_equal(rlm_mock_check(m, why, sizeof(why)), RLM_ESTATE);
	m->recs[0].aux[3] = G(&f, 103);
	/* an entry of the wrong kind for its half */
	m->rtts[m->realms[0].roots[1]].e[5] = E_MAKE(K_UNASSIGNED, RLM_RIPAS_RAM, 0);
	assert_int_equal(rlm_mock_check(m, why, sizeof(why)), RLM_ESTATE);
	assert_non_null(strstr(why, "unprotected half"));
	m->rtts[m->realms[0].roots[1]].e[5] = E_MAKE(K_UNASSIGNED_NS, 0, 0);
	/* the delegated count */
	m->pool_delegated++;
	assert_int_equal(rlm_mock_check(m, why, sizeof(why)), RLM_ESTATE);
	m->pool_delegated--;
	/* a short buffer still gets a terminated message; NULL is fine */
	m->pool_delegated++;
	assert_int_equal(rlm_mock_check(m, why, 8), RLM_ESTATE);
	assert_int_equal(strlen(why), 7);
	assert_int_equal(rlm_mock_check(m, NULL, 0), RLM_ESTATE);
	m->pool_delegated--;
	assert_int_equal(rlm_mock_check(m, why, sizeof(why)), 0);
	assert_int_equal(rlm_mock_check(NULL, why, sizeof(why)), RLM_EINVAL);
	assert_false(rlm_mock_violated(m));
	fx_fini(&f);
}

static int violations;

static void count_violation(void *arg, const char *why)
{
	(void)arg;
	assert_non_null(why);
	violations++;
}

/* With invariant checking built in, a violation is reported on the next
 * command: handler called, X0 replaced, sticky flag. */
static void test_invariants_after_every_command(void **state)
{
	struct fx f;

	(void)state;
	fx_init(&f);
	fx_realm(&f, 0, 1, 1);
	rlm_mock_set_violation_handler(f.m, count_violation, NULL);
	f.m->pool_delegated += 5;
	violations = 0;
	if (RLM_MOCK_CHECK_INVARIANTS) {
		assert_int_equal(CALL1(&f, VERSION, 0x10000), RLM_MOCK_X0_INVARIANT_VIOLATION);
		assert_int_equal(violations, 1);
		assert_true(rlm_mock_violated(f.m));
	} else {
		assert_int_equal(CALL1(&f, VERSION, 0x10000), FX_OK);
		assert_int_equal(violations, 0);
		assert_false(rlm_mock_violated(f.m));
		printf("(mock_invariants off in this build: no check after commands)\n");
	}
	f.m->pool_delegated -= 5;
	rlm_mock_set_violation_handler(f.m, fx_violation_, NULL);
	fx_fini(&f);
}

static void test_fault_injection_and_log(void **state)
{
	struct fx f;
	struct rlm_mock_log_entry log[4];
	uint64_t calls;

	(void)state;
	fx_init(&f);
	calls = rlm_mock_calls(f.m);
	/* the 2nd DELEGATE from now fails with the chosen status, without effect */
	assert_int_equal(rlm_mock_inject(f.m, RLM_SMC_RMI_GRANULE_DELEGATE, 2, FX_RTT(7)), 0);
	assert_int_equal(rlm_mock_inject(f.m, RLM_SMC_RMI_VERSION, 1, 0x55), 0);
	rlm_mock_set_log(f.m, log, 4);
	assert_int_equal(CALL1(&f, GRANULE_DELEGATE, G(&f, 0)), FX_OK);
	assert_int_equal(CALL1(&f, FEATURES, 0), FX_OK);
	assert_int_equal(CALL1(&f, GRANULE_DELEGATE, G(&f, 1)), FX_RTT(7));
	assert_int_equal(CALL1(&f, GRANULE_DELEGATE, G(&f, 1)), FX_OK); /* not delegated before */
	assert_int_equal(CALL1(&f, VERSION, 0x10000), 0x55);
	assert_int_equal(CALL1(&f, VERSION, 0x10000), FX_OK);
	assert_int_equal(rlm_mock_calls(f.m), calls + 6);
	/* the log: a ring of 4, count keeps going */
	assert_int_equal(rlm_mock_log_count(f.m), 6);
	assert_int_equal(log[(6 - 1) % 4].in.x[0], RLM_SMC_RMI_VERSION);
	assert_int_equal(log[(6 - 1) % 4].out.x[0], FX_OK);
	assert_int_equal(log[(5 - 1) % 4].out.x[0], 0x55);
	assert_int_equal(log[(3 - 1) % 4].in.x[1], G(&f, 1));
	assert_int_equal(log[(3 - 1) % 4].out.x[0], FX_RTT(7));
	rlm_mock_set_log(f.m, NULL, 0);
	assert_int_equal(CALL1(&f, FEATURES, 0), FX_OK);
	assert_int_equal(rlm_mock_log_count(f.m), 0);
	/* clear; the SVE hint bit names the same command */
	assert_int_equal(rlm_mock_inject(f.m, RLM_SMC_RMI_FEATURES, 1, 9), 0);
	rlm_mock_inject_clear(f.m);
	assert_int_equal(CALL1(&f, FEATURES, 0), FX_OK);
	assert_int_equal(rlm_mock_inject(f.m, RLM_SMC_RMI_FEATURES | RLM_BIT(16), 1, 9), 0);
	assert_int_equal(CALL1(&f, FEATURES, 0), 9);
	/* bad arguments; capacity */
	assert_int_equal(rlm_mock_inject(f.m, RLM_SMC_RMI_FEATURES, 0, 9), RLM_EINVAL);
	assert_int_equal(rlm_mock_inject(NULL, RLM_SMC_RMI_FEATURES, 1, 9), RLM_EINVAL);
	for (int i = 0; i < 16; i++)
		assert_int_equal(rlm_mock_inject(f.m, RLM_SMC_RMI_REC_ENTER, 100, 1), 0);
	assert_int_equal(rlm_mock_inject(f.m, RLM_SMC_RMI_REC_ENTER, 100, 1), RLM_ENOMEM);
	rlm_mock_inject_clear(f.m);
	assert_int_equal(rlm_mock_calls(NULL), 0);
	assert_int_equal(rlm_mock_log_count(NULL), 0);
	fx_fini(&f);
}

static void test_config_and_init_errors(void **state)
{
	struct rlm_mock_config c, d;
	struct rlm_mock *m;
	static uint64_t small[64];
	void *mem;
	size_t sz;

	(void)state;
	rlm_mock_config_default(&d);
	/* the default platform of rmi-trace.md */
	assert_int_equal(d.feat_reg0, UINT64_C(0x283fc104130));
	assert_int_equal(d.pa_bits, 48);
	assert_int_equal(d.vmid_bits, 8);
	assert_int_equal(d.rec_aux_count, 16);
	assert_false(d.feat_hpmn0);
	assert_true(d.pool_granules >= 16384 && d.ns_granules >= 1024);
	assert_int_equal(d.pool_base & 0x1fffff, 0);
	assert_int_equal(d.ns_base & 0x1fffff, 0);
	/* outside the trace format's forbidden ranges */
	{
		const uint64_t pe = d.pool_base + d.pool_granules * 4096;
		const uint64_t ne = d.ns_base + d.ns_granules * 4096;

		assert_true(pe <= 0x40000000 || d.pool_base >= 0x100000000);
		assert_true(ne <= 0x40000000 || d.ns_base >= 0x100000000);
		assert_true(pe <= 0x8000000000 || d.pool_base >= 0x10000000000);
		assert_true(ne <= 0x8000000000 || d.ns_base >= 0x10000000000);
		assert_true(pe <= 0xfffffffff000 && ne <= 0xfffffffff000);
	}
	sz = rlm_mock_size(&d);
	assert_true(sz > 0);
	assert_int_equal(rlm_mock_size(NULL), 0);
	mem = aligned_alloc(64, sz);
	assert_int_equal(rlm_mock_init(&m, mem, sz - 1, &d), RLM_ENOSPC);
	assert_int_equal(rlm_mock_init(&m, (uint8_t *)mem + 8, sz, &d), RLM_EALIGN);
	assert_int_equal(rlm_mock_init(NULL, mem, sz, &d), RLM_EINVAL);
	assert_int_equal(rlm_mock_init(&m, NULL, sz, &d), RLM_EINVAL);
	assert_int_equal(rlm_mock_init(&m, mem, sz, NULL), RLM_EINVAL);
	/* rlm_mock_init on a block full of garbage: arenas are used from
	 * their high-water marks, so nothing stale is ever read */
	memset(mem, 0xa5, sz);
	assert_int_equal(rlm_mock_init(&m, mem, sz, &d), 0);
	assert_ptr_equal(m, mem);
	assert_int_equal(rlm_mock_check(m, NULL, 0), 0);
	{
		struct fx g = { .m = m, .cfg = d };

		lifecycle(&g, 0);
		assert_int_equal(rlm_mock_check(m, NULL, 0), 0);
	}
	/* rlm_mock_init_zeroed: the same checks of its arguments */
	assert_int_equal(rlm_mock_init_zeroed(&m, mem, sz - 1, &d), RLM_ENOSPC);
	assert_int_equal(rlm_mock_init_zeroed(&m, (uint8_t *)mem + 8, sz, &d), RLM_EALIGN);
	assert_int_equal(rlm_mock_init_zeroed(NULL, mem, sz, &d), RLM_EINVAL);
	assert_int_equal(rlm_mock_init_zeroed(&m, mem, sz, NULL), RLM_EINVAL);
	c = d; c.max_granules = (UINT32_C(1) << 28) + 1;
	assert_int_equal(rlm_mock_size(&c), 0);
	memset(mem, 0, sz);
	assert_int_equal(rlm_mock_init_zeroed(&m, mem, sz, &d), 0);
	assert_int_equal(rlm_mock_check(m, NULL, 0), 0);
	free(mem);
	assert_int_equal(rlm_mock_init(&m, small, sizeof(small), &d), RLM_ENOSPC);
	/* invalid configurations */
	c = d; c.pool_base += 4096;
	assert_int_equal(rlm_mock_size(&c), 0);
	c = d; c.ns_base = d.pool_base + 4096 * 512;
	assert_int_equal(rlm_mock_size(&c), 0); /* overlap */
	c = d; c.pa_bits = 60;
	assert_int_equal(rlm_mock_size(&c), 0);
	c = d; c.vmid_bits = 12;
	assert_int_equal(rlm_mock_size(&c), 0);
	c = d; c.rec_aux_count = 17;
	assert_int_equal(rlm_mock_size(&c), 0);
	c = d; c.max_realms = 0;
	assert_int_equal(rlm_mock_size(&c), 0);
	c = d; c.pa_bits = 32; /* the pool is above 4 GiB */
	assert_int_equal(rlm_mock_size(&c), 0);
	assert_int_equal(rlm_mock_new(&c, &m), RLM_EINVAL);
	assert_int_equal(rlm_mock_new(NULL, NULL), RLM_EINVAL);
	/* defaults through rlm_mock_new(NULL) */
	assert_int_equal(rlm_mock_new(NULL, &m), 0);
	assert_int_equal(rlm_mock_set_features(NULL, 1), RLM_EINVAL);
	rlm_mock_free(m);
}

static void test_set_features_and_ns_ptr(void **state)
{
	struct fx f;

	(void)state;
	fx_init(&f);
	fx_realm(&f, 0, 1, 1);
	/* not once a realm exists */
	assert_int_equal(rlm_mock_set_features(f.m, 0), RLM_ESTATE);
	/* ns_ptr: NS area (may span granules), undelegated pool granule
	 * (one granule), nothing else */
	assert_non_null(rlm_mock_ns_ptr(f.m, NS(&f, 0), 4096 * f.cfg.ns_granules));
	assert_null(rlm_mock_ns_ptr(f.m, NS(&f, 0), 4096 * f.cfg.ns_granules + 1));
	assert_non_null(rlm_mock_ns_ptr(f.m, NS(&f, 5) + 100, 9000));
	assert_null(rlm_mock_ns_ptr(f.m, NS(&f, 0), 0));
	assert_null(rlm_mock_ns_ptr(f.m, G(&f, 0), 16));       /* RD */
	assert_null(rlm_mock_ns_ptr(f.m, G(&f, 9) + 4000, 200)); /* crosses */
	assert_non_null(rlm_mock_ns_ptr(f.m, G(&f, 9) + 4000, 96));
	assert_null(rlm_mock_ns_ptr(f.m, UINT64_C(0x80000000), 16));
	assert_null(rlm_mock_ns_ptr(NULL, NS(&f, 0), 16));
	/* the conduit */
	{
		struct rlm_conduit c;
		struct rlm_smc_regs r;

		rlm_mock_conduit(f.m, &c);
		memset(&r, 0, sizeof(r));
		r.x[0] = RLM_SMC_RMI_VERSION;
		r.x[1] = 0x10000;
		assert_int_equal(rlm_conduit_call(&c, &r), 0);
		assert_int_equal(r.x[0], 0);
		assert_ptr_equal(rlm_conduit_ns_map(&c, NS(&f, 3), 16),
				 rlm_mock_ns_ptr(f.m, NS(&f, 3), 16));
	}
	fx_fini(&f);
}

/* Capacity of the model (not an RMM condition) is reported by the check. */
static void test_capacity(void **state)
{
	struct rlm_mock_config c;
	struct fx f;
	char why[200];

	(void)state;
	rlm_mock_config_default(&c);
	c.max_rtts = 3;
	fx_init_cfg(&f, &c);
	rlm_mock_set_violation_handler(f.m, count_violation, NULL);
	fx_realm(&f, 0, 1, 1);
	fx_rtt(&f, 0, 3, 0, 2);
	fx_delegate(&f, G(&f, 4));
	violations = 0;
	assert_int_equal(CALL4(&f, RTT_CREATE, G(&f, 0), G(&f, 4), 0, 3),
			 RLM_MOCK_CHECK_INVARIANTS ? RLM_MOCK_X0_INVARIANT_VIOLATION : FX_INPUT);
	assert_int_equal(rlm_mock_check(f.m, why, sizeof(why)), RLM_ESTATE);
	assert_non_null(strstr(why, "capacity"));
	rlm_mock_free(f.m);
}

/* 64 GiB of delegable memory costs under 64 MiB of host memory. */
static void test_footprint_64g(void **state)
{
	struct rlm_mock_config c;
	size_t sz;

	(void)state;
	rlm_mock_config_default(&c);
	c.pool_granules = (UINT64_C(64) << 30) / 4096;
	c.max_rtts = 4096;
	c.max_recs = 256;
	c.max_realms = 64;
	c.max_pages = 1024;
	sz = rlm_mock_size(&c);
	printf("mock for a 64 GiB pool: %zu bytes (%.1f MiB)\n", sz, sz / 1048576.0);
	assert_true(sz > 0);
	assert_true(sz < (size_t)64 << 20);
}

/*
 * Resident bytes of the mock's block (it lives in one anonymous mapping that
 * starts at the mock; mincore(2) counts its pages in memory).  The block's
 * own pages, not the process's RSS: under qemu-user the RSS is the
 * emulator's, which grows as it translates code run for the first time.
 */
static size_t block_resident(const struct rlm_mock *m, size_t block_bytes)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE), n, i, res = 0;
	uintptr_t start = (uintptr_t)m & ~(uintptr_t)(pg - 1);
	size_t len = (uintptr_t)m + block_bytes - start;
	unsigned char *vec;

	n = (len + pg - 1) / pg;
	vec = malloc(n);
	assert_non_null(vec);
	assert_int_equal(mincore((void *)start, len, vec), 0);
	for (i = 0; i < n; i++)
		res += vec[i] & 1;
	free(vec);
	return res * pg;
}

/* A 1 TiB pool costs under 1 MiB until granules are used, and then about
 * what rlm_mock_mem_stats says per granule (nothing for untouched ones). */
static void test_footprint_1t_sparse(void **state)
{
	struct rlm_mock_config c;
	struct rlm_mock_mem_stats st;
	struct fx f;
	size_t before, after;
	const uint64_t top = (UINT64_C(1) << 40) / 4096;
	uint64_t i;

	(void)state;
	rlm_mock_config_default(&c);
	c.pool_granules = top;
	c.max_granules = 1u << 16;
	c.max_rtts = 1u << 16;
	c.max_pages = 1u << 16;
	fx_init_cfg(&f, &c);
	assert_int_equal(rlm_mock_mem_stats(f.m, &st), 0);
	assert_true(st.block_bytes == rlm_mock_size(&c));
	before = block_resident(f.m, st.block_bytes);
	printf("1 TiB pool: block %zu MiB reserved, %zu KiB resident after init\n",
	       rlm_mock_size(&c) >> 20, before >> 10);
	assert_true(before < ((size_t)1 << 20));
	assert_int_equal(st.granules, 0);
	assert_true(st.used_bytes < ((size_t)1 << 20));
	/* a realm at the bottom, granules delegated at the top of the pool */
	fx_realm(&f, 0, 1, 1);
	fx_rtt(&f, 0, 3, 0, 2);
	fx_rtt(&f, 0, 4, 0, 3);
	for (i = 0; i < 64; i++) {
		fx_delegate(&f, G(&f, top - 1 - i));
		assert_int_equal(CALL5(&f, DATA_CREATE, G(&f, 0), G(&f, top - 1 - i), i * 4096,
				       NS(&f, 1), 0), FX_OK);
	}
	assert_int_equal(rlm_mock_mem_stats(f.m, &st), 0);
	assert_int_equal(st.data_granules, 64);
	assert_int_equal(st.granules, 64 + 5);
	assert_int_equal(st.rtts, 4);
	assert_true(st.per_delegated >= 8 && st.per_delegated <= 32);
	assert_true(st.per_data > st.per_delegated && st.per_data < 64);
	after = block_resident(f.m, st.block_bytes);
	printf("after 64 DATA granules at the top of the pool: %zu KiB resident\n",
	       after >> 10);
	assert_true(after < ((size_t)2 << 20));
	for (i = 0; i < 64; i++)
		assert_int_equal(CALL2(&f, DATA_DESTROY, G(&f, 0), i * 4096), FX_OK);
	fx_fini(&f);
	/* NULLs */
	assert_int_equal(rlm_mock_mem_stats(NULL, &st), RLM_EINVAL);
}

/* rlm_mock_reset: back to a fresh mock (configuration kept), reusable. */
static void test_reset(void **state)
{
	struct fx f;
	struct rlm_mock_mem_stats st;
	uint64_t feat;
	char why[200];

	(void)state;
	fx_init(&f);
	/* S2SZ 44 instead of 48: still room for the realms below */
	feat = (f.cfg.feat_reg0 & ~RLM_RMI_FEATURE_REGISTER_0_S2SZ) | 44;
	assert_int_equal(rlm_mock_set_features(f.m, feat), 0);
	lifecycle(&f, 0);
	fx_realm(&f, 200, 201, 7);	/* left alive */
	memset(rlm_mock_ns_ptr(f.m, NS(&f, 5), 4096), 0x5a, 4096);
	assert_non_null(rlm_mock_ns_ptr(f.m, G(&f, 300), 16)); /* a stored NS page */
	assert_int_equal(rlm_mock_inject(f.m, RLM_SMC_RMI_VERSION, 1, 77), 0);
	assert_true(rlm_mock_delegated_count(f.m) > 0);
	assert_int_equal(rlm_mock_reset(f.m), 0);
	assert_int_equal(rlm_mock_delegated_count(f.m), 0);
	assert_int_equal(rlm_mock_calls(f.m), 0);
	assert_int_equal(rlm_mock_check(f.m, why, sizeof(why)), 0);
	assert_int_equal(rlm_mock_mem_stats(f.m, &st), 0);
	assert_int_equal(st.granules, 0);
	assert_int_equal(st.rtts, 0);
	assert_int_equal(st.pages, 0);
	/* nothing survives: no RD, no injection, NS content zero */
	assert_int_equal(CALL1(&f, REALM_DESTROY, G(&f, 200)), FX_INPUT);
	assert_int_equal(CALL1(&f, GRANULE_UNDELEGATE, G(&f, 0)), FX_INPUT);
	assert_int_equal(CALL1(&f, VERSION, 0x10000), FX_OK);
	assert_int_equal(((uint8_t *)rlm_mock_ns_ptr(f.m, NS(&f, 5), 4096))[100], 0);
	assert_int_equal(((uint8_t *)rlm_mock_ns_ptr(f.m, G(&f, 300), 16))[0], 0);
	/* the configuration (and features) stay; the same VMID is free */
	assert_int_equal(CALL1(&f, FEATURES, 0), FX_OK);
	assert_int_equal(f.r.x[1], feat);
	lifecycle(&f, 0);
	fx_realm(&f, 200, 201, 7);
	assert_int_equal(CALL1(&f, REALM_DESTROY, G(&f, 200)), FX_OK);
	undelegate_all(&f);
	assert_int_equal(rlm_mock_reset(NULL), RLM_EINVAL);
	fx_fini(&f);
}

/* The changed-only check sees what a call broke; the full walk sees
 * what it does not track (a granule claimed twice). */
static void test_check_changed(void **state)
{
	struct fx f;
	struct rlm_mock *m;
	char why[200];
	uint32_t root;

	(void)state;
	fx_init(&f);
	m = f.m;
	fx_realm(&f, 0, 1, 1);
	fx_rtt(&f, 0, 3, 0, 2);
	assert_int_equal(rlm_mock_check_changed(m, why, sizeof(why)), 0);
	/* an RTT the last call wrote, broken behind the mock's back */
	root = m->realms[0].roots[0];
	m->rtts[root].refcount++;
	assert_int_equal(rlm_mock_check_changed(m, why, sizeof(why)), RLM_ESTATE);
	assert_non_null(strstr(why, "refcount"));
	m->rtts[root].refcount--;
	/* a granule state without its owner: counted */
	mock_gset_(m, G(&f, 3), G_DELEGATED);
	assert_int_equal(rlm_mock_check_changed(m, why, sizeof(why)), RLM_ESTATE);
	mock_gset_(m, G(&f, 3), G_RTT);
	/* the delegated count */
	m->pool_delegated++;
	assert_int_equal(rlm_mock_check_changed(m, NULL, 0), RLM_ESTATE);
	m->pool_delegated--;
	/* an RTT table entry naming an RTT of the wrong level */
	m->rtts[m->rtts[root].e[0] & 0xffffff].level = 3;
	assert_int_equal(rlm_mock_check_changed(m, why, sizeof(why)), RLM_ESTATE);
	m->rtts[m->rtts[root].e[0] & 0xffffff].level = 2;
	assert_int_equal(rlm_mock_check_changed(m, why, sizeof(why)), 0);
	/* set_full_checks: the changed check walks everything */
	fx_rec(&f, 0, 10, 0, true, 100);
	m->recs[0].aux[3] = G(&f, 10);	/* claimed twice: the REC granule */
	mock_gset_(m, G(&f, 103), G_DELEGATED);
	mock_gset_(m, G(&f, 10), G_REC);
	rlm_mock_set_full_checks(m, true);
	assert_int_equal(rlm_mock_check_changed(m, why, sizeof(why)), RLM_ESTATE);
	rlm_mock_set_full_checks(m, false);
	m->recs[0].aux[3] = G(&f, 103);
	mock_gset_(m, G(&f, 103), G_REC_AUX);
	assert_int_equal(rlm_mock_check_changed(m, why, sizeof(why)), 0);
	assert_int_equal(rlm_mock_check_changed(NULL, why, sizeof(why)), RLM_EINVAL);
	rlm_mock_set_full_checks(NULL, true);
	fx_fini(&f);
}

/* max_granules bounds the granules out of UNDELEGATED at once: beyond it
 * DELEGATE fails and the check reports the model's capacity. */
static void test_max_granules(void **state)
{
	struct rlm_mock_config c;
	struct rlm_mock *m;
	struct rlm_smc_regs r;
	char why[200];
	unsigned int i;

	(void)state;
	rlm_mock_config_default(&c);
	c.max_granules = 4;
	assert_int_equal(rlm_mock_new(&c, &m), 0);
	rlm_mock_set_violation_handler(m, NULL, NULL);
	for (i = 0; i < 5; i++) {
		rlm_regs_set_(&r, RLM_SMC_RMI_GRANULE_DELEGATE, c.pool_base + i * 4096ull, 0, 0, 0, 0);
		rlm_mock_rmi(m, &r);
		if (i < 4)
			assert_int_equal(r.x[0], RLM_RMI_SUCCESS);
		else
			assert_true(r.x[0] == RLM_RMI_ERROR_INPUT ||
				    r.x[0] == RLM_MOCK_X0_INVARIANT_VIOLATION);
	}
	assert_int_equal(rlm_mock_delegated_count(m), 4);
	assert_int_equal(rlm_mock_check(m, why, sizeof(why)), RLM_ESTATE);
	assert_non_null(strstr(why, "capacity"));
	/* undelegating frees room; reset clears the condition */
	rlm_regs_set_(&r, RLM_SMC_RMI_GRANULE_UNDELEGATE, c.pool_base, 0, 0, 0, 0);
	rlm_mock_rmi(m, &r);
	assert_int_equal(rlm_mock_reset(m), 0);
	assert_int_equal(rlm_mock_check(m, why, sizeof(why)), 0);
	rlm_mock_free(m);
}

/* DATA granules created from equal contents share one stored page; a
 * write through one of them copies it (the other keeps the original). */
static void test_data_pages_shared(void **state)
{
	struct rlm_mock_mem_stats st;
	struct fx f;
	uint8_t *a, *b;
	unsigned int i;

	(void)state;
	fx_init(&f);
	fx_realm(&f, 0, 1, 1);
	fx_rtt(&f, 0, 3, 0, 2);
	fx_rtt(&f, 0, 4, 0, 3);
	memset(rlm_mock_ns_ptr(f.m, NS(&f, 1), 4096), 0x3c, 4096);
	for (i = 0; i < 8; i++) {
		fx_delegate(&f, G(&f, 10 + i));
		assert_int_equal(CALL5(&f, DATA_CREATE, G(&f, 0), G(&f, 10 + i), 0x1000ull * i,
				       NS(&f, 1), 1), FX_OK);
	}
	assert_int_equal(rlm_mock_mem_stats(f.m, &st), 0);
	assert_int_equal(st.data_granules, 8);
	assert_int_equal(st.pages, 1);	/* one copy shared by the 8 (the NS area is apart) */
	a = rlm_mock_realm_mem(f.m, G(&f, 0), 0x1000, 4096);
	assert_non_null(a);
	assert_int_equal(a[7], 0x3c);
	a[7] = 0x11;
	assert_int_equal(rlm_mock_mem_stats(f.m, &st), 0);
	assert_int_equal(st.pages, 2);
	b = rlm_mock_realm_mem(f.m, G(&f, 0), 0x2000, 4096);
	assert_non_null(b);
	assert_int_equal(b[7], 0x3c);
	assert_int_equal(((uint8_t *)rlm_mock_realm_mem(f.m, G(&f, 0), 0x1000, 4096))[7], 0x11);
	/* destroying the sharers frees the page with the last of them */
	for (i = 0; i < 8; i++)
		assert_int_equal(CALL2(&f, DATA_DESTROY, G(&f, 0), 0x1000ull * i), FX_OK);
	assert_int_equal(rlm_mock_mem_stats(f.m, &st), 0);
	assert_int_equal(st.pages, 0);
	fx_fini(&f);
}

/* A realm with 4 GiB of populated RAM: 1M DATA_CREATEs from one source
 * page, run, torn down.  (With mock_invariants, every command checks the
 * whole model; then a 64 MiB realm stands in for it.) */
static void test_4g_realm(void **state)
{
	struct rlm_mock_config c;
	struct fx f;
	const uint64_t pages = RLM_MOCK_CHECK_INVARIANTS ? 16384 : (UINT64_C(4) << 30) / 4096;
	const uint64_t base = 8192; /* data granules from here */
	struct rlm_rec_exit ex;
	struct timespec t0, t1;
	uint64_t i, ipa;
	double secs;

	(void)state;
	rlm_mock_config_default(&c);
	c.pool_granules = base + pages;
	c.max_rtts = 4096;
	fx_init_cfg(&f, &c);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	fx_realm(&f, 0, 1, 1);
	memset(rlm_mock_ns_ptr(f.m, NS(&f, 1), 4096), 0x3c, 4096);
	for (ipa = 0; ipa < pages * 4096; ipa += 0x40000000)
		fx_rtt(&f, 0, 10 + ipa / 0x40000000, ipa, 2);
	for (i = 0; i < pages; i++) {
		ipa = i * 4096;
		if (!(ipa & 0x1fffff))
			fx_rtt(&f, 0, 100 + i / 512, ipa, 3);
		fx_delegate(&f, G(&f, base + i));
		if (CALL5(&f, DATA_CREATE, G(&f, 0), G(&f, base + i), ipa, NS(&f, 1), 0) != FX_OK)
			fail_msg("DATA_CREATE %llu", (unsigned long long)i);
	}
	fx_rec(&f, 0, 20, 0, true, 30);
	assert_int_equal(CALL1(&f, REALM_ACTIVATE, G(&f, 0)), FX_OK);
	fx_queue(&f, G(&f, 20), RLM_SMC_RSI_IPA_STATE_GET, 0, pages * 4096, 0, 0);
	assert_int_equal(fx_enter(&f, G(&f, 20), 2, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_IRQ);
	assert_int_equal(CALL1(&f, REC_DESTROY, G(&f, 20)), FX_OK);
	for (i = 0; i < pages; i++)
		if (CALL2(&f, DATA_DESTROY, G(&f, 0), i * 4096) != FX_OK)
			fail_msg("DATA_DESTROY %llu", (unsigned long long)i);
	for (i = 0; i < pages / 512; i++)
		assert_int_equal(CALL3(&f, RTT_DESTROY, G(&f, 0), i * 0x200000, 3), FX_OK);
	for (ipa = 0; ipa < pages * 4096; ipa += 0x40000000)
		assert_int_equal(CALL3(&f, RTT_DESTROY, G(&f, 0), ipa, 2), FX_OK);
	assert_int_equal(CALL1(&f, REALM_DESTROY, G(&f, 0)), FX_OK);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("realm with %llu MiB populated: built, run and torn down in %.2f s "
	       "(%llu RMI calls); mock size %zu bytes\n",
	       (unsigned long long)(pages * 4096 >> 20), secs,
	       (unsigned long long)rlm_mock_calls(f.m), rlm_mock_size(&c));
	assert_true(rlm_mock_size(&c) < (size_t)64 << 20);
	undelegate_all(&f);
	fx_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lifecycle_teardown),
		cmocka_unit_test(test_invariants_detect),
		cmocka_unit_test(test_invariants_after_every_command),
		cmocka_unit_test(test_fault_injection_and_log),
		cmocka_unit_test(test_config_and_init_errors),
		cmocka_unit_test(test_set_features_and_ns_ptr),
		cmocka_unit_test(test_capacity),
		cmocka_unit_test(test_footprint_64g),
		cmocka_unit_test(test_footprint_1t_sparse),
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_check_changed),
		cmocka_unit_test(test_data_pages_shared),
		cmocka_unit_test(test_max_granules),
		cmocka_unit_test(test_4g_realm),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
