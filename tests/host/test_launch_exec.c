/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Launch execution on the mock RMM: for random layouts (IPA sizes, RAM
 * ranges, images, INIT_RIPAS levels, hashes, vCPUs) the predicted RIM is
 * the mock's RIM, step by step; teardown returns every granule
 * (rlm_mock_delegated_count() == 0); the call count is the floor plus a
 * constant; refusals and mismatches are reported at the right step.
 */
#include "test_util.h"
#include <realm/testing.h>
#include <realm/launch.h>
#include <realm/rtt_mgr.h>

struct fx {
	struct rlm_mock *m;
	struct rlm_mock_config cfg;
	struct rlm_conduit c;
	struct rlm_gpool gp;
	uint64_t bits[RLM_GPOOL_WORDS(16384)];
	struct rlm_launch_env env;
	struct rlm_launch_state st;
	struct rlm_rtt_mgr rtt;
	struct rlm_rtt_node rtt_nodes[2048];
	uint64_t recs[8 * 17];
	int checks;
	bool corrupt;   /* make the check see a wrong RIM */
};

static struct fx F;

static int check_rim(void *ctx, uint64_t rd, const struct rlm_rim *predicted)
{
	struct fx *f = ctx;
	uint8_t v[64];
	size_t hs;

	assert_int_equal(rlm_mock_measurement(f->m, rd, 0, v, &hs), 0);
	assert_int_equal(hs, rlm_hash_size(predicted->algo));
	f->checks++;
	if (f->corrupt && f->checks == 3)
		return 1;
	return memcmp(v, predicted->value, 64) != 0;
}

static int setup(void **state)
{
	(void)state;
	memset(&F, 0, sizeof(F));
	rlm_mock_config_default(&F.cfg);
	assert_int_equal(rlm_mock_new(&F.cfg, &F.m), 0);
	rlm_mock_conduit(F.m, &F.c);
	assert_int_equal(rlm_gpool_init(&F.gp, F.cfg.pool_base, F.cfg.pool_granules,
					F.bits, RLM_ARRAY_SIZE(F.bits)), 0);
	F.env.c = &F.c;
	rlm_gpool_ops(&F.gp, &F.env.pool);
	F.env.ns_pa = F.cfg.ns_base;
	F.env.ns_buf = rlm_mock_ns_ptr(F.m, F.cfg.ns_base, 4096);
	assert_non_null(F.env.ns_buf);
	F.env.check = check_rim;
	F.env.check_ctx = &F;
	F.st.rtt = &F.rtt;
	F.st.rtt_nodes = F.rtt_nodes;
	F.st.rtt_cap = RLM_ARRAY_SIZE(F.rtt_nodes);
	F.st.recs = F.recs;
	F.st.recs_cap = RLM_ARRAY_SIZE(F.recs);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rlm_mock_free(F.m);
	return 0;
}

static const struct rlm_launch_desc *LOG_DESC;

static int log_image(void *arg, const struct rlm_tcg_event *ev,
		     const struct rlm_tcg_blob *blob, const uint8_t **data,
		     size_t *len)
{
	(void)arg;
	(void)ev;
	for (size_t i = 0; i < LOG_DESC->nimages; i++)
		if (LOG_DESC->images[i].ipa == blob->base) {
			*data = LOG_DESC->images[i].data;
			*len = LOG_DESC->images[i].len;
			return 0;
		}
	return RLM_ENOENT;
}

/* The launch log replays to the predicted RIM. */
static void check_log(const struct rlm_launch_desc *d, const struct rlm_rim *pred)
{
	static uint8_t buf[1 << 20];
	struct rlm_tcg_replay_opts o;
	struct rlm_realm_mrs mrs;
	struct rlm_tcg_error err;
	size_t len, n;

	assert_int_equal(rlm_launch_log(d, "test", buf, sizeof(buf), &len), 0);
	memset(&o, 0, sizeof(o));
	LOG_DESC = d;
	o.image = log_image;
	memset(&mrs, 0, sizeof(mrs));
	if (rlm_tcg_replay(buf, len, &o, &mrs, &n, &err))
		fail_msg("replay: %s at %zu", err.what, err.offset);
	assert_true(mrs.have_rim);
	assert_memory_equal(mrs.rim, pred->value, 64);
	/* Too small a buffer is refused, not overrun. */
	assert_int_equal(rlm_launch_log(d, "test", buf, len - 1, &n), RLM_ENOSPC);
}

static void launch_and_destroy(const struct rlm_launch_desc *d)
{
	struct rlm_launch_counts cnt;
	struct rlm_rim pred;
	uint8_t v[64];
	size_t hs;
	char why[256];
	uint64_t calls0, calls;
	int ret;

	assert_int_equal(rlm_launch_predict(d, &pred, &cnt), 0);
	check_log(d, &pred);
	calls0 = rlm_mock_calls(F.m);
	F.checks = 0;
	ret = rlm_launch_execute(d, &F.env, &F.st);
	if (ret)
		fail_msg("execute: %s at step %zu (%s), RMI %s/%u", rlm_errname(ret),
			 F.st.failed_step, rlm_launch_op_name(F.st.failed_op),
			 rlm_rmi_status_name(F.st.rmi.status), F.st.rmi.index);
	assert_true(F.checks > 0);
	assert_int_equal(rlm_mock_measurement(F.m, F.st.rd, 0, v, &hs), 0);
	assert_memory_equal(v, pred.value, 64);
	assert_true(rlm_rtt_mgr_count(F.st.rtt) == cnt.rtts_ram + cnt.rtts_data);
	assert_int_equal(rlm_mock_check(F.m, why, sizeof(why)), 0);
	assert_int_equal(rlm_launch_teardown(d, &F.env, &F.st), 0);
	assert_int_equal(rlm_mock_delegated_count(F.m), 0);
	assert_int_equal(F.st.leaked, 0);
	assert_int_equal(F.st.delegated, 0);
	assert_int_equal(F.gp.nused, 0);
	assert_int_equal(rlm_mock_check(F.m, why, sizeof(why)), 0);
	/* Calls: 4 per data granule and per table, plus a constant: RD and
	 * root RTTs (2 each + create/destroy), aux count, REC granules (2 each
	 * + create/destroy), INIT_RIPAS calls, activate. */
	calls = rlm_mock_calls(F.m) - calls0;
	uint64_t floor = 4 * (cnt.data_measured + cnt.data_unmeasured) +
			 4 * (cnt.rtts_ram + cnt.rtts_data);
	uint64_t fixed = 2 + 2 * (F.st.num_root ? F.st.num_root : 16) + 2 + 1 +
			 cnt.recs * (2 * 17 + 2) + 1;
	assert_true(calls >= floor);
	assert_true(calls <= floor + fixed + cnt.ripas_entries / 512 + 4 * cnt.ripas_ranges + 8);
}

static uint64_t rng = 0x123456789abcdefull;

static uint64_t rnd(uint64_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? rng % n : 0;
}

static void test_random_layouts(void **state)
{
	static uint8_t blobs[4][40000];

	(void)state;
	for (size_t i = 0; i < sizeof(blobs); i++)
		((uint8_t *)blobs)[i] = (uint8_t)rnd(256);
	for (int iter = 0; iter < 60; iter++) {
		struct rlm_launch_ram ram[3];
		struct rlm_launch_image img[4];
		struct rlm_launch_vcpu vc[3];
		struct rlm_launch_desc d;
		unsigned int nram = 1 + (unsigned int)rnd(3), nimg = 0, i;
		uint64_t a;

		memset(&d, 0, sizeof(d));
		memset(img, 0, sizeof(img));
		memset(vc, 0, sizeof(vc));
		d.params.s2sz = 33 + (uint32_t)rnd(16);     /* 33..48 */
		d.params.num_bps = 1 + (uint32_t)rnd(1);
		d.params.num_wps = 1;
		d.params.hash_algo = (uint8_t)rnd(2);
		d.ripas_level = 2 + (int)rnd(2);
		/* RAM: up to 3 ranges of up to 3 MiB, at granule offsets,
		 * sometimes touching, starting at 1 GiB or 0. */
		a = rnd(2) ? 0x40000000 : 0;
		for (i = 0; i < nram; i++) {
			if (i && rnd(3) == 0)
				a += 0; /* touching */
			else
				a += rnd(0x400) * 0x1000;
			ram[i].base = a;
			ram[i].size = (1 + rnd(768)) * 0x1000;
			a += ram[i].size;
		}
		d.ram = ram;
		d.nram = nram;
		/* Images inside RAM, ascending, not sharing granules. */
		for (i = 0; i < nram && nimg < 4; i++) {
			uint64_t room = ram[i].size, len;

			if (rnd(3) == 0)
				continue;
			len = 1 + rnd(room < 40000 ? room : 40000);
			img[nimg].ipa = ram[i].base;
			img[nimg].data = blobs[nimg];
			img[nimg].len = len;
			img[nimg].measured = rnd(3) != 0;
			nimg++;
		}
		d.images = img;
		d.nimages = nimg;
		d.nvcpus = 1 + rnd(3);
		for (i = 0; i < d.nvcpus; i++) {
			vc[i].mpidr = i;
			vc[i].pc = ram[0].base + rnd(16) * 0x1000;
			vc[i].gprs[0] = rnd(UINT64_MAX);
			vc[i].runnable = i == 0 || rnd(2);
		}
		d.vcpus = vc;
		launch_and_destroy(&d);
		/* The v12+ kernels' order: data and RECs, then INIT_RIPAS
		 * stepping over the populated granules (the boot vCPU alone
		 * runnable). */
		d.order = RLM_LAUNCH_ORDER_KVM_ACTIVATE;
		for (i = 1; i < d.nvcpus; i++)
			vc[i].runnable = false;
		launch_and_destroy(&d);
	}
}

/* Issue 12 item 1 on the mock RMM: firmware flash at IPA 0 outside RAM
 * (no RIPAS over it) and an initrd at a 4-byte aligned address; the
 * realm's RIM is the predicted one and the launch log replays to it. */
static void test_flash_and_unaligned(void **state)
{
	static const struct rlm_launch_ram ram[] = { { 0x40000000, 0x400000 } };
	static uint8_t fw[10] = "FW CONTENT", kern[0x2001], initrd[0x1234];
	struct rlm_launch_image ims[3] = {
		{ 0, fw, sizeof(fw), true, "firmware" },
		{ 0x40000000, kern, sizeof(kern), true, "kernel" },
		{ 0x40103004, initrd, sizeof(initrd), true, "initrd" },
	};
	struct rlm_launch_vcpu vc = { .mpidr = 0, .pc = 0, .runnable = true };
	struct rlm_launch_desc d;

	(void)state;
	memset(kern, 0x5a, sizeof(kern));
	for (size_t i = 0; i < sizeof(initrd); i++)
		initrd[i] = (uint8_t)(i * 13);
	memset(&d, 0, sizeof(d));
	d.params.s2sz = 40;
	d.params.num_bps = 1;
	d.params.num_wps = 1;
	d.params.hash_algo = RLM_RMI_HASH_SHA_256;
	d.ram = ram;
	d.nram = 1;
	d.images = ims;
	d.nimages = 3;
	d.vcpus = &vc;
	d.nvcpus = 1;
	d.ripas_level = 2;
	launch_and_destroy(&d);
	ims[0].measured = false; /* unmeasured firmware too */
	launch_and_destroy(&d);
}

static void test_refusal_reported(void **state)
{
	static const struct rlm_launch_ram ram[] = { { 0x40000000, 0x200000 } };
	struct rlm_launch_vcpu v = { .mpidr = 0, .runnable = true };
	struct rlm_launch_desc d;

	(void)state;
	memset(&d, 0, sizeof(d));
	d.params.s2sz = 40;
	d.params.num_bps = 1;
	d.params.num_wps = 1;
	d.ram = ram;
	d.nram = 1;
	d.vcpus = &v;
	d.nvcpus = 1;
	d.ripas_level = 2;
	/* The RMM refuses the second RTT_CREATE: step 3 (create, L2? no: the
	 * only table) -> inject on the first RTT_CREATE. */
	assert_int_equal(rlm_mock_inject(F.m, RLM_SMC_RMI_RTT_CREATE, 1,
					 RLM_RMI_RETURN(RLM_RMI_ERROR_RTT, 1)), 0);
	assert_int_equal(rlm_launch_execute(&d, &F.env, &F.st), RLM_ERMI);
	assert_int_equal(F.st.failed_step, 2);
	assert_int_equal(F.st.failed_op, RLM_LOP_RTT_CREATE);
	assert_int_equal(F.st.rmi.status, RLM_RMI_ERROR_RTT);
	assert_int_equal(F.st.rmi.index, 1);
	/* What was built is returned. */
	assert_int_equal(rlm_launch_teardown(&d, &F.env, &F.st), 0);
	assert_int_equal(rlm_mock_delegated_count(F.m), 0);
	assert_int_equal(F.gp.nused, 0);

	/* The RD's own delegation refused: no RD in st, so teardown does not
	 * "destroy" a granule that went back to the pool (it used to, and
	 * quarantined it). */
	assert_int_equal(rlm_mock_inject(F.m, RLM_SMC_RMI_GRANULE_DELEGATE, 1,
					 RLM_RMI_RETURN(RLM_RMI_ERROR_INPUT, 0)), 0);
	assert_int_equal(rlm_launch_execute(&d, &F.env, &F.st), RLM_ERMI);
	assert_int_equal(F.st.failed_step, 1);
	assert_int_equal(F.st.failed_op, RLM_LOP_REALM_CREATE);
	assert_int_equal(F.st.rd, 0);
	assert_int_equal(rlm_launch_teardown(&d, &F.env, &F.st), 0);
	assert_int_equal(F.st.leaked, 0);
	assert_int_equal(F.gp.quarantined, 0);
	assert_int_equal(F.gp.nused, 0);
	assert_int_equal(rlm_mock_delegated_count(F.m), 0);

	/* A RIM that differs is reported at the step it first differs. */
	F.corrupt = true;
	F.checks = 0;
	assert_int_equal(rlm_launch_execute(&d, &F.env, &F.st), RLM_EMISMATCH);
	/* Checks after REALM_CREATE, RTT_CREATE, then after the INIT_RIPAS
	 * group (steps 3-4): the third one differs -> step 4. */
	assert_int_equal(F.checks, 3);
	assert_int_equal(F.st.failed_step, 4);
	assert_int_equal(F.st.failed_op, RLM_LOP_RIPAS_MEASURE);
	F.corrupt = false;
	assert_int_equal(rlm_launch_teardown(&d, &F.env, &F.st), 0);
	assert_int_equal(rlm_mock_delegated_count(F.m), 0);

	/* An undelegate that fails: the granule is quarantined, counted,
	 * never handed out again; all others come back. */
	assert_int_equal(rlm_launch_execute(&d, &F.env, &F.st), 0);
	assert_int_equal(rlm_mock_inject(F.m, RLM_SMC_RMI_GRANULE_UNDELEGATE, 1,
					 RLM_RMI_RETURN(RLM_RMI_ERROR_INPUT, 0)), 0);
	assert_int_equal(rlm_launch_teardown(&d, &F.env, &F.st), RLM_EIO);
	assert_int_equal(F.st.leaked, 1);
	assert_int_equal(F.gp.quarantined, 1);
	assert_int_equal(F.gp.nused, 1);
	assert_int_equal(rlm_mock_delegated_count(F.m), 1);
	rlm_mock_inject_clear(F.m);

	/* Bad input. */
	assert_int_equal(rlm_launch_execute(NULL, &F.env, &F.st), RLM_EINVAL);
	assert_int_equal(rlm_launch_execute(&d, NULL, &F.st), RLM_EINVAL);
	assert_int_equal(rlm_launch_execute(&d, &F.env, NULL), RLM_EINVAL);
	assert_int_equal(rlm_launch_teardown(&d, NULL, &F.st), RLM_EINVAL);
}

/* ---- one RTT owner: what the RMM, the executor and the manager see ---- */

struct rtt_rec {
	uint64_t ipa, pa;
	int level;
	int destroyed;
};

static struct rtt_rec CREATED[256];
static size_t NCREATED, NDESTROYED;

/* Forwards to the mock and notes every RTT_CREATE / RTT_DESTROY that
 * succeeded. */
static int rec_call(void *ctx, struct rlm_smc_regs *r)
{
	uint64_t fid = r->x[0], ipa = r->x[2], pa = r->x[2];
	int level = (int)r->x[3], ret;

	(void)ctx;
	if (fid == RLM_SMC_RMI_RTT_CREATE) {
		ipa = r->x[3];
		level = (int)r->x[4];
	}
	ret = rlm_conduit_call(&F.c, r);
	if (ret || r->x[0] != RLM_RMI_SUCCESS)
		return ret;
	if (fid == RLM_SMC_RMI_RTT_CREATE) {
		assert_true(NCREATED < RLM_ARRAY_SIZE(CREATED));
		CREATED[NCREATED].ipa = ipa;
		CREATED[NCREATED].pa = pa;
		CREATED[NCREATED].level = level;
		CREATED[NCREATED++].destroyed = 0;
	} else if (fid == RLM_SMC_RMI_RTT_DESTROY) {
		size_t i;

		for (i = 0; i < NCREATED; i++)
			if (CREATED[i].ipa == ipa && CREATED[i].level == level &&
			    !CREATED[i].destroyed)
				break;
		assert_true(i < NCREATED);
		assert_true(CREATED[i].pa == r->x[1]);   /* the granule back */
		CREATED[i].destroyed = 1;
		NDESTROYED++;
	}
	return 0;
}

static void *rec_ns_map(void *ctx, uint64_t pa, size_t len)
{
	(void)ctx;
	return rlm_conduit_ns_map(&F.c, pa, len);
}

static const struct rlm_conduit_ops REC_OPS = { "rtt-record", rec_call, rec_ns_map };

/* After a launch the manager holds exactly the tables the RMM created,
 * at the granules the RMM has in its parents' entries. */
static void check_owner_agrees(const struct rlm_launch_counts *cnt)
{
	const struct rlm_rtt_mgr *m = F.st.rtt;

	assert_int_equal(NCREATED, cnt->rtts_ram + cnt->rtts_data);
	assert_int_equal(rlm_rtt_mgr_count(m), NCREATED);
	for (size_t i = 0; i < NCREATED; i++) {
		const struct rtt_rec *t = &CREATED[i];
		struct rlm_rtt_entry e;
		uint32_t j, hits = 0;

		assert_true(rlm_rtt_mgr_has(m, t->ipa, t->level));
		for (j = 0; j < m->cap; j++)
			if (m->nodes[j].state && m->nodes[j].ipa == t->ipa &&
			    m->nodes[j].level == t->level) {
				assert_true(m->nodes[j].pa == t->pa);
				hits++;
			}
		assert_int_equal(hits, 1);
		assert_int_equal(rlm_rmi_rtt_read_entry(&F.c, F.st.rd, t->ipa,
							t->level - 1, &e, NULL), 0);
		assert_int_equal(e.state, RLM_RMI_TABLE);
		assert_true(e.desc == t->pa);
	}
}

static void test_one_rtt_owner(void **state)
{
	static uint8_t kernel[20000];
	static const struct rlm_launch_ram ram[] = {
		{ 0x40000000, 0x300000 }, { 0x40300000, 0x1000 },
		{ 0x7ffff000, 0x402000 },
	};
	struct rlm_launch_image img[2] = {
		{ 0x40000000, kernel, sizeof(kernel), true, "kernel" },
		{ 0x80000000, kernel, 5000, false, "dtb" },
	};
	struct rlm_launch_vcpu v[2] = {
		{ .mpidr = 0, .pc = 0x40000000, .runnable = true },
		{ .mpidr = 1, .runnable = false },
	};
	const uint64_t unprot = UINT64_C(1) << 39;   /* s2sz 40 */
	struct rlm_conduit rec = { &REC_OPS, NULL };
	struct rlm_launch_counts cnt;
	struct rlm_launch_desc d;
	struct rlm_rim pred;
	char why[256];

	(void)state;
	for (size_t i = 0; i < sizeof(kernel); i++)
		kernel[i] = (uint8_t)(i * 13);
	F.env.c = &rec;
	memset(&d, 0, sizeof(d));
	d.params.s2sz = 40;
	d.params.num_bps = 1;
	d.params.num_wps = 1;
	d.ram = ram;
	d.nram = RLM_ARRAY_SIZE(ram);
	d.images = img;
	d.nimages = 2;
	d.vcpus = v;
	d.nvcpus = 2;
	for (d.ripas_level = 2; d.ripas_level <= 3; d.ripas_level++) {
		assert_int_equal(rlm_launch_predict(&d, &pred, &cnt), 0);
		NCREATED = NDESTROYED = 0;
		assert_int_equal(rlm_launch_execute(&d, &F.env, &F.st), 0);
		check_owner_agrees(&cnt);
		/* Tables made through the manager after the launch (an
		 * unprotected mapping) are the launch's to tear down too. */
		assert_int_equal(rlm_rtt_mgr_map_unprotected(F.st.rtt, unprot + 0x40000000,
							     0x1000, UINT64_C(0x300000000),
							     0, NULL), 0);
		assert_int_equal(rlm_rtt_mgr_count(F.st.rtt), NCREATED);
		assert_int_equal(NCREATED, cnt.rtts_ram + cnt.rtts_data + 2);
		assert_int_equal(rlm_launch_teardown(&d, &F.env, &F.st), 0);
		assert_int_equal(NDESTROYED, NCREATED);   /* each table once */
		assert_int_equal(rlm_rtt_mgr_count(F.st.rtt), 0);
		assert_int_equal(rlm_mock_delegated_count(F.m), 0);
		assert_int_equal(F.st.delegated, 0);
		assert_int_equal(F.st.leaked, 0);
		assert_int_equal(F.gp.nused, 0);
		assert_int_equal(rlm_mock_check(F.m, why, sizeof(why)), 0);
	}

	/* Teardown through the manager alone: the executor has no tables of
	 * its own left to destroy, and every granule comes back. */
	d.nimages = 0;
	d.ripas_level = 3;
	assert_int_equal(rlm_launch_predict(&d, &pred, &cnt), 0);
	NCREATED = NDESTROYED = 0;
	assert_int_equal(rlm_launch_execute(&d, &F.env, &F.st), 0);
	check_owner_agrees(&cnt);
	assert_int_equal(rlm_rtt_mgr_destroy_all(F.st.rtt, NULL), 0);
	assert_int_equal(rlm_rtt_mgr_count(F.st.rtt), 0);
	assert_int_equal(NDESTROYED, NCREATED);
	assert_int_equal(rlm_launch_teardown(&d, &F.env, &F.st), 0);
	assert_int_equal(NDESTROYED, NCREATED);   /* no table destroyed twice */
	assert_int_equal(rlm_mock_delegated_count(F.m), 0);
	assert_int_equal(F.st.delegated, 0);
	assert_int_equal(F.st.leaked, 0);
	assert_int_equal(F.gp.nused, 0);

	/* Without node storage the executor refuses before any RMI call. */
	uint64_t c0 = rlm_mock_calls(F.m);

	F.st.rtt_nodes = NULL;
	assert_int_equal(rlm_launch_execute(&d, &F.env, &F.st), RLM_EINVAL);
	F.st.rtt_nodes = F.rtt_nodes;
	F.st.rtt_cap = 6;
	assert_int_equal(rlm_launch_execute(&d, &F.env, &F.st), RLM_ERANGE);
	F.st.rtt = NULL;
	assert_int_equal(rlm_launch_execute(&d, &F.env, &F.st), RLM_EINVAL);
	assert_true(rlm_mock_calls(F.m) == c0);
	/* Too few nodes for the plan: refused at the table that does not
	 * fit, before its RMI calls, and what was built comes back. */
	F.st.rtt = &F.rtt;
	F.st.rtt_cap = 4;   /* 3 tables */
	assert_true(cnt.rtts_ram + cnt.rtts_data > 3);
	NCREATED = 0;
	assert_int_equal(rlm_launch_execute(&d, &F.env, &F.st), RLM_ENOMEM);
	assert_int_equal(F.st.failed_op, RLM_LOP_RTT_CREATE);
	assert_int_equal(NCREATED, 3);
	assert_int_equal(rlm_launch_teardown(&d, &F.env, &F.st), 0);
	assert_int_equal(rlm_mock_delegated_count(F.m), 0);
	assert_int_equal(F.gp.nused, 0);
	F.st.rtt_cap = RLM_ARRAY_SIZE(F.rtt_nodes);
}

static void test_gpool(void **state)
{
	uint64_t bits[2], pa, pb;
	struct rlm_gpool p;
	struct rlm_granule_pool ops;

	(void)state;
	assert_int_equal(rlm_gpool_init(&p, 0x1000, 100, bits, 2), 0);
	rlm_gpool_ops(&p, &ops);
	assert_int_equal(ops.get(ops.ctx, 16, &pa), 0);
	assert_true(pa == 0x1000);
	assert_int_equal(ops.get(ops.ctx, 90, &pb), RLM_ENOMEM);
	assert_int_equal(ops.get(ops.ctx, 84, &pb), 0);
	assert_true(pb == 0x1000 + 16 * 0x1000);
	assert_int_equal(ops.get(ops.ctx, 1, &pb), RLM_ENOMEM);
	ops.put(ops.ctx, pa);
	ops.put(ops.ctx, pa + 0x2000);
	ops.quarantine(ops.ctx, pa + 0x1000);
	assert_int_equal(ops.get(ops.ctx, 1, &pb), 0);
	assert_true(pb == pa);
	assert_int_equal(ops.get(ops.ctx, 1, &pb), 0);
	assert_true(pb == pa + 0x2000); /* the quarantined one is skipped */
	assert_int_equal(ops.get(ops.ctx, 0, &pb), RLM_EINVAL);
	assert_int_equal(rlm_gpool_init(&p, 0x1800, 100, bits, 2), RLM_EALIGN);
	assert_int_equal(rlm_gpool_init(&p, 0x1000, 200, bits, 2), RLM_ENOSPC);
	assert_int_equal(rlm_gpool_init(NULL, 0x1000, 100, bits, 2), RLM_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_random_layouts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusal_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flash_and_unaligned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_rtt_owner, setup, teardown),
		cmocka_unit_test(test_gpool),
	};

	return cmocka_run_group_tests_name("launch_exec", tests, NULL, NULL);
}
