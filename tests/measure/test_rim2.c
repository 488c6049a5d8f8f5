/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMM 2.0 RIM rules (TF-RMM main 9a7f8ef46378320ad69140a42e51c1ccf5914661):
 * the rules tables, bad input, what is and is not measured, and the
 * planner's abi option.  The digests themselves are checked against
 * Python's hashlib by rim2_check.py.
 */
#include "test_util.h"
#include <realm/realm.h>

static void fill2_(struct rlm_realm_params2 *p, uint8_t algo)
{
	memset(p, 0, sizeof(*p));
	p->flags0 = RLM_RMI_REALM_FLAGS0_SVE | RLM_RMI_REALM_FLAGS0_LPA2;
	p->s2sz = 52;
	p->sve_vl = 2;
	p->num_bps = 3;
	p->num_wps = 5;
	p->pmu_num_ctrs = 7;
	p->hash_algo = algo;
}

static void test_rules_tables(void **state)
{
	const struct rlm_rim_rules *r1, *r2;

	(void)state;
	assert_int_equal(rlm_rim_rules(RLM_RMI_V1_0, &r1), 0);
	assert_int_equal(rlm_rim_rules(RLM_RMI_V2_0, &r2), 0);
	assert_int_equal(r1->abi, RLM_RMI_V1_0);
	assert_int_equal(r2->abi, RLM_RMI_V2_0);
	assert_true(r1->ripas_measured);
	assert_false(r2->ripas_measured);   /* runtime/rmi/rtt.c */
	assert_int_equal(r1->hash_algos, (1u << RLM_HASH_SHA256) | (1u << RLM_HASH_SHA512));
	assert_int_equal(r2->hash_algos, (1u << RLM_HASH_SHA256) | (1u << RLM_HASH_SHA512) |
					 (1u << RLM_HASH_SHA384));
	/* smc-rmi.h at the pin: flags0..algorithm where 1.0 had them. */
	assert_int_equal(r2->realm_flags_off, 0x0);
	assert_int_equal(r2->s2sz_off, 0x8);
	assert_int_equal(r2->pmu_num_ctrs_off, 0x28);
	assert_int_equal(r2->hash_algo_off, 0x30);
	assert_int_equal(r2->rec_pc_off, 0x200);
	assert_int_equal(r2->rec_gprs_off, 0x300);
	assert_int_equal(rlm_rim_rules((enum rlm_rmi_abi)2, &r1), RLM_EINVAL);
	assert_int_equal(rlm_rim_rules((enum rlm_rmi_abi)-1, &r1), RLM_EINVAL);
	assert_int_equal(rlm_rim_rules(RLM_RMI_V1_0, NULL), RLM_EINVAL);
}

static void test_init2(void **state)
{
	struct rlm_realm_params2 p, q;
	struct rlm_realm_params p1;
	struct rlm_rim a, b;

	(void)state;
	fill2_(&p, RLM_HASH_SHA256);
	assert_int_equal(rlm_rim_init2(NULL, &p), RLM_EINVAL);
	assert_int_equal(rlm_rim_init2(&a, NULL), RLM_EINVAL);
	p.hash_algo = 3;
	assert_int_equal(rlm_rim_init2(&a, &p), RLM_EINVAL);
	p.hash_algo = 0xFF;
	assert_int_equal(rlm_rim_init2(&a, &p), RLM_EINVAL);

	/* SHA-384: 2.0 only. */
	fill2_(&p, RLM_HASH_SHA384);
	assert_int_equal(rlm_rim_init2(&a, &p), 0);
	assert_int_equal(a.algo, RLM_HASH_SHA384);
	memset(&p1, 0, sizeof(p1));
	p1.hash_algo = RLM_HASH_SHA384;
	assert_int_equal(rlm_rim_init(&b, &p1), RLM_EINVAL);

	/* Unmeasured: flags1, planes, RPV, ATS plane, RTT fields. */
	fill2_(&p, RLM_HASH_SHA512);
	assert_int_equal(rlm_rim_init2(&a, &p), 0);
	q = p;
	q.flags1 = RLM_RMI_REALM_FLAGS1_DEFINED;
	q.num_aux_planes = 3;
	memset(q.rpv, 0x77, sizeof(q.rpv));
	q.ats_plane = 2;
	q.rtt_base = 0x88000000;
	q.rtt_level_start = -1;
	q.rtt_num_start = 16;
	q.aux_rtt_base[2] = 0x1000;
	assert_int_equal(rlm_rim_init2(&b, &q), 0);
	assert_memory_equal(a.value, b.value, RLM_HASH_MAX_SIZE);
	/* Measured: every field of flags0..algorithm changes it. */
	q = p;
	q.flags0 |= RLM_RMI_REALM_FLAGS0_DA;
	assert_int_equal(rlm_rim_init2(&b, &q), 0);
	assert_memory_not_equal(a.value, b.value, RLM_HASH_MAX_SIZE);
	q = p;
	q.pmu_num_ctrs++;
	assert_int_equal(rlm_rim_init2(&b, &q), 0);
	assert_memory_not_equal(a.value, b.value, RLM_HASH_MAX_SIZE);

	/* At the pin the measured page of 2.0 equals 1.0's for the same
	 * values (flags0 where flags was): the same RIM. */
	memset(&p1, 0, sizeof(p1));
	p1.flags = p.flags0;
	p1.s2sz = p.s2sz;
	p1.sve_vl = p.sve_vl;
	p1.num_bps = p.num_bps;
	p1.num_wps = p.num_wps;
	p1.pmu_num_ctrs = p.pmu_num_ctrs;
	p1.hash_algo = p.hash_algo;
	assert_int_equal(rlm_rim_init(&b, &p1), 0);
	assert_memory_equal(a.value, b.value, RLM_HASH_MAX_SIZE);
}

static void test_rec2_and_ripas(void **state)
{
	struct rlm_realm_params2 p;
	struct rlm_rec_params2 r2;
	struct rlm_rec_params r1;
	struct rlm_rim base, a, b;
	unsigned int i;

	(void)state;
	fill2_(&p, RLM_HASH_SHA384);
	assert_int_equal(rlm_rim_init2(&base, &p), 0);
	memset(&r2, 0, sizeof(r2));
	a = base;
	assert_int_equal(rlm_rim_extend_rec2(&a, &r2), RLM_EINVAL); /* not runnable */
	assert_memory_equal(a.value, base.value, RLM_HASH_MAX_SIZE);
	assert_int_equal(rlm_rim_extend_rec2(NULL, &r2), RLM_EINVAL);
	assert_int_equal(rlm_rim_extend_rec2(&a, NULL), RLM_EINVAL);
	r2.flags = RLM_REC_PARAMS_FLAG_RUNNABLE;
	r2.pc = 0x80000000;
	for (i = 0; i < RLM_REC_CREATE_NR_GPRS; i++)
		r2.gprs[i] = i * 3;
	r2.mpidr = 1;
	assert_int_equal(rlm_rim_extend_rec2(&a, &r2), 0);
	assert_memory_not_equal(a.value, base.value, RLM_HASH_MAX_SIZE);
	/* MPIDR is not measured. */
	b = base;
	r2.mpidr = 0x10203;
	assert_int_equal(rlm_rim_extend_rec2(&b, &r2), 0);
	assert_memory_equal(a.value, b.value, RLM_HASH_MAX_SIZE);
	/* The 1.0 REC_CREATE has no SHA-384 realm to measure. */
	memset(&r1, 0, sizeof(r1));
	r1.flags = r2.flags;
	r1.pc = r2.pc;
	memcpy(r1.gprs, r2.gprs, sizeof(r1.gprs));
	r1.num_aux = 16;
	b = base;
	assert_int_equal(rlm_rim_extend_rec(&b, &r1), RLM_EINVAL);
	assert_memory_equal(b.value, base.value, RLM_HASH_MAX_SIZE);
	/* A 1.0 RmiRecParams with the same values (SHA-512): the same
	 * descriptor as 2.0's (aux granules are not measured). */
	b.algo = a.algo = RLM_HASH_SHA512;
	memcpy(a.value, base.value, sizeof(a.value));
	memcpy(b.value, base.value, sizeof(b.value));
	assert_int_equal(rlm_rim_extend_rec(&b, &r1), 0);
	assert_int_equal(rlm_rim_extend_rec2(&a, &r2), 0);
	assert_memory_equal(a.value, b.value, RLM_HASH_MAX_SIZE);
	/* A bad algorithm in a hand-made RIM. */
	b.algo = (enum rlm_hash_algo)9;
	assert_int_equal(rlm_rim_extend_rec2(&b, &r2), RLM_EINVAL);

	/* No RIPAS measurement exists for a SHA-384 (2.0-only) RIM. */
	b = base;
	assert_int_equal(rlm_rim_extend_ripas(&b, 0x1000, 0x2000), RLM_EINVAL);
	assert_int_equal(rlm_rim_extend_ripas_range(&b, 40, 0x1000, 0x2000), RLM_EINVAL);
	assert_memory_equal(b.value, base.value, RLM_HASH_MAX_SIZE);
	/* ... but RTT_DATA_MAP_INIT measures under SHA-384. */
	assert_int_equal(rlm_rim_extend_data(&b, 0x1000, RLM_RMI_NO_MEASURE_CONTENT, NULL), 0);
	assert_memory_not_equal(b.value, base.value, RLM_HASH_MAX_SIZE);
}

/* ---- the planner's abi option ---------------------------------------- */

static uint8_t img_[6000];
static const struct rlm_launch_ram ram_[] = { { 0x80000000, 0x400000 } };

static void desc_(struct rlm_launch_desc *d, struct rlm_launch_image *im,
		  struct rlm_launch_vcpu *v, enum rlm_rmi_abi abi, uint8_t algo)
{
	size_t i;

	for (i = 0; i < sizeof(img_); i++)
		img_[i] = (uint8_t)(i ^ (i >> 8));
	memset(im, 0, sizeof(*im));
	im->ipa = 0x80000000;
	im->data = img_;
	im->len = sizeof(img_);
	im->measured = true;
	memset(v, 0, 2 * sizeof(*v));
	v[0].runnable = true;
	v[0].pc = 0x80000000;
	v[1].mpidr = 1;
	memset(d, 0, sizeof(*d));
	d->params.s2sz = 40;
	d->params.hash_algo = algo;
	d->params.flags = RLM_RMI_REALM_FLAGS0_PMU;
	d->params.pmu_num_ctrs = 3;
	d->ram = ram_;
	d->nram = 1;
	d->images = im;
	d->nimages = 1;
	d->vcpus = v;
	d->nvcpus = 2;
	d->ripas_level = 2;
	d->abi = abi;
}

struct seen_ {
	size_t realm_create, ripas_measure, init_ripas, data, rec;
	struct rlm_realm_params2 p2;
	bool had_p2;
};

static int seen_visit_(void *arg, const struct rlm_launch_op *op)
{
	struct seen_ *s = arg;

	switch (op->type) {
	case RLM_LOP_REALM_CREATE:
		s->realm_create++;
		s->had_p2 = op->params2 != NULL;
		if (op->params2)
			s->p2 = *op->params2;
		break;
	case RLM_LOP_RIPAS_MEASURE: s->ripas_measure++; break;
	case RLM_LOP_INIT_RIPAS: s->init_ripas++; break;
	case RLM_LOP_DATA: s->data++; break;
	case RLM_LOP_REC_CREATE: s->rec++; break;
	default: break;
	}
	return 0;
}

static void test_plan_check(void **state)
{
	struct rlm_launch_desc d;
	struct rlm_launch_image im;
	struct rlm_launch_vcpu v[2];
	struct rlm_rtt_geom g;

	(void)state;
	desc_(&d, &im, v, RLM_RMI_V2_0, RLM_HASH_SHA384);
	assert_int_equal(rlm_launch_check(&d, &g), 0);
	d.params.vmid = 5;          /* the RMM allocates VMIDs under 2.0 */
	assert_int_equal(rlm_launch_check(&d, &g), RLM_EINVAL);
	d.params.vmid = 0;
	d.params.flags |= RLM_BIT(4); /* not an RmiRealmFlags0 bit */
	assert_int_equal(rlm_launch_check(&d, &g), RLM_EINVAL);
	d.params.flags = RLM_RMI_REALM_FLAGS0_DA | RLM_RMI_REALM_FLAGS0_MEC_POLICY;
	assert_int_equal(rlm_launch_check(&d, &g), 0);
	d.params.hash_algo = 3;
	assert_int_equal(rlm_launch_check(&d, &g), RLM_EINVAL);
	d.params.hash_algo = 0;
	d.abi = (enum rlm_rmi_abi)2;
	assert_int_equal(rlm_launch_check(&d, &g), RLM_EINVAL);
	/* 1.0: no SHA-384, and a VMID is the host's. */
	desc_(&d, &im, v, RLM_RMI_V1_0, RLM_HASH_SHA384);
	assert_int_equal(rlm_launch_check(&d, &g), RLM_EINVAL);
	d.params.hash_algo = RLM_HASH_SHA256;
	d.params.vmid = 5;
	assert_int_equal(rlm_launch_check(&d, &g), 0);
}

static void test_plan_walk_predict(void **state)
{
	struct rlm_launch_desc d;
	struct rlm_launch_image im;
	struct rlm_launch_vcpu v[2];
	struct rlm_launch_counts c1, c2;
	struct rlm_realm_params2 p2;
	struct rlm_rec_params2 r2;
	struct rlm_rim rim, mt, want;
	struct seen_ s;
	uint8_t page[RLM_GRANULE_SIZE];

	(void)state;
	desc_(&d, &im, v, RLM_RMI_V1_0, RLM_HASH_SHA256);
	memset(&s, 0, sizeof(s));
	assert_int_equal(rlm_launch_walk(&d, seen_visit_, &s), 0);
	assert_false(s.had_p2);
	assert_true(s.ripas_measure > 0);
	assert_int_equal(rlm_launch_predict(&d, &rim, &c1), 0);

	d.abi = RLM_RMI_V2_0;
	memset(&s, 0, sizeof(s));
	assert_int_equal(rlm_launch_walk(&d, seen_visit_, &s), 0);
	assert_true(s.had_p2);
	assert_int_equal(s.ripas_measure, 0);
	assert_int_equal(s.init_ripas, 1);  /* RIPAS is still set */
	assert_int_equal(s.realm_create, 1);
	assert_int_equal(s.data, 2);
	assert_int_equal(s.rec, 2);
	assert_int_equal(s.p2.flags0, RLM_RMI_REALM_FLAGS0_PMU);
	assert_int_equal(s.p2.flags1, 0);
	assert_int_equal(s.p2.num_aux_planes, 0);
	assert_int_equal(s.p2.s2sz, 40);
	assert_int_equal(s.p2.pmu_num_ctrs, 3);
	assert_int_equal(s.p2.rtt_num_start, 2);     /* default geometry ... */
	assert_int_equal(s.p2.rtt_level_start, 1);   /* ... for 40 bits */
	assert_int_equal(rlm_launch_predict(&d, &rim, &c2), 0);
	assert_int_equal(c2.ripas_entries, 0);
	assert_int_equal(c2.ripas_ranges, 1);
	assert_int_equal(c2.data_measured, c1.data_measured);
	assert_int_equal(c2.recs_runnable, 1);

	/* The same RIM by hand: REALM_CREATE, two data granules, the REC. */
	fill2_(&p2, RLM_HASH_SHA256);
	p2.flags0 = RLM_RMI_REALM_FLAGS0_PMU;
	p2.s2sz = 40;
	p2.sve_vl = 0;
	p2.num_bps = 0;
	p2.num_wps = 0;
	p2.pmu_num_ctrs = 3;
	assert_int_equal(rlm_rim_init2(&want, &p2), 0);
	assert_int_equal(rlm_rim_extend_data(&want, 0x80000000, 1, img_), 0);
	memset(page, 0, sizeof(page));
	memcpy(page, img_ + 4096, sizeof(img_) - 4096);
	assert_int_equal(rlm_rim_extend_data(&want, 0x80001000, 1, page), 0);
	memset(&r2, 0, sizeof(r2));
	r2.flags = RLM_REC_PARAMS_FLAG_RUNNABLE;
	r2.pc = 0x80000000;
	assert_int_equal(rlm_rim_extend_rec2(&want, &r2), 0);
	assert_memory_equal(rim.value, want.value, RLM_HASH_MAX_SIZE);

	/* The threaded prediction follows the same rules. */
	assert_int_equal(rlm_launch_predict_threads(&d, &mt, NULL, 2), 0);
	assert_memory_equal(rim.value, mt.value, RLM_HASH_MAX_SIZE);

	/* SHA-384 plans too. */
	d.params.hash_algo = RLM_HASH_SHA384;
	assert_int_equal(rlm_launch_predict(&d, &rim, NULL), 0);
	assert_int_equal(rim.algo, RLM_HASH_SHA384);
}

static int pool_get_(void *ctx, unsigned int n, uint64_t *pa)
{
	(void)ctx; (void)n; (void)pa;
	return RLM_ENOMEM;
}

static void pool_put_(void *ctx, uint64_t pa)
{
	(void)ctx; (void)pa;
}

static void test_plan_not_yet(void **state)
{
	struct rlm_launch_desc d;
	struct rlm_launch_image im;
	struct rlm_launch_vcpu v[2];
	struct rlm_launch_op op;
	struct rlm_launch_env env;
	struct rlm_launch_state st;
	struct rlm_conduit c = { NULL, NULL };
	struct rlm_rim rim;
	uint8_t buf[4096], ns[4096];
	size_t len = 0;

	(void)state;
	desc_(&d, &im, v, RLM_RMI_V2_0, RLM_HASH_SHA256);
	/* The launch log of a 2.0 plan: 1.0 pages (same measured fields),
	 * no INIT_RIPAS event (tests/cli cli-launch-rmm2 replays it). */
	assert_int_equal(rlm_launch_log(&d, "x", buf, sizeof(buf), &len), 0);
	assert_true(len > 0);
	assert_int_equal(rlm_launch_log(&d, "x", buf, 16, &len), RLM_ENOSPC);
	/* The 2.0 executor needs the address list of the REC donations
	 * (tests/host/test_launch2.c drives it). */
	memset(&env, 0, sizeof(env));
	env.c = &c;
	env.pool.get = pool_get_;
	env.pool.put = pool_put_;
	env.pool.quarantine = pool_put_;
	env.ns_buf = ns;
	memset(&st, 0, sizeof(st));
	st.rtt = (struct rlm_rtt_mgr *)(void *)buf;
	assert_int_equal(rlm_launch_execute(&d, &env, &st), RLM_EINVAL);
	assert_int_equal(rlm_launch_teardown(&d, &env, &st), RLM_EINVAL);
	/* A 2.0 REALM_CREATE op without its 2.0 page. */
	memset(&op, 0, sizeof(op));
	op.type = RLM_LOP_REALM_CREATE;
	op.params = &d.params;
	assert_int_equal(rlm_launch_rim_step(&rim, &d, &op), RLM_EINVAL);
	d.abi = (enum rlm_rmi_abi)7;
	assert_int_equal(rlm_launch_rim_step(&rim, &d, &op), RLM_EINVAL);
	/* A RIPAS measurement op under 2.0 measures nothing. */
	d.abi = RLM_RMI_V2_0;
	rim.algo = RLM_HASH_SHA256;
	memset(rim.value, 0x3c, sizeof(rim.value));
	op.type = RLM_LOP_RIPAS_MEASURE;
	op.ipa = 0x80000000;
	op.top = 0x80200000;
	assert_int_equal(rlm_launch_rim_step(&rim, &d, &op), 0);
	assert_int_equal(rim.value[0], 0x3c);
	assert_int_equal(rim.value[63], 0x3c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_tables),
		cmocka_unit_test(test_init2),
		cmocka_unit_test(test_rec2_and_ripas),
		cmocka_unit_test(test_plan_check),
		cmocka_unit_test(test_plan_walk_predict),
		cmocka_unit_test(test_plan_not_yet),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
