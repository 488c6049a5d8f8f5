/* SPDX-License-Identifier: BSD-3-Clause */
/* Launch planner: operation order, which RTTs exist when INIT_RIPAS runs,
 * and the predicted RIM, against the rmi-trace.md example and RIMs built
 * by hand with rlm_rim_*. */
#include "test_util.h"
#include <realm/realm.h>
#include <realm/launch.h>

#define MAX_OPS 4096

struct rec_ops {
	struct rlm_launch_op op[MAX_OPS];
	struct rlm_rim rim_after[MAX_OPS];
	const struct rlm_launch_desc *d;
	struct rlm_rim rim;
	struct rlm_realm_params params; /* op->params lives only in the visit */
	size_t n;
	int stop_at;
};

static struct rec_ops R;

static int record(void *arg, const struct rlm_launch_op *op)
{
	struct rec_ops *r = arg;

	assert_true(r->n < MAX_OPS);
	assert_int_equal(rlm_launch_rim_step(&r->rim, r->d, op), 0);
	r->op[r->n] = *op;
	if (op->type == RLM_LOP_REALM_CREATE) {
		r->params = *op->params;
		r->op[r->n].params = &r->params;
	}
	r->rim_after[r->n] = r->rim;
	r->n++;
	if (r->stop_at && (int)r->n == r->stop_at)
		return 77;
	return 0;
}

static void walk(const struct rlm_launch_desc *d)
{
	memset(&R, 0, sizeof(R));
	R.d = d;
	assert_int_equal(rlm_launch_walk(d, record, &R), 0);
}

static struct rlm_launch_vcpu boot = { .mpidr = 0, .pc = 0x80000000, .runnable = true };

static void base_desc(struct rlm_launch_desc *d, const struct rlm_launch_ram *ram,
		      size_t nram, int level)
{
	memset(d, 0, sizeof(*d));
	d->params.s2sz = 40;
	d->params.num_bps = 1;
	d->params.num_wps = 1;
	d->params.hash_algo = RLM_RMI_HASH_SHA_256;
	d->ram = ram;
	d->nram = nram;
	d->vcpus = &boot;
	d->nvcpus = 1;
	d->ripas_level = level;
}

static void hexeq(const struct rlm_rim *rim, const char *hex)
{
	char h[129];

	tu_hex(rim->value, rlm_hash_size(rim->algo), h);
	assert_string_equal(h, hex);
}

/* rmi-trace.md: s2sz 40, an L2 table over [0, 1G), INIT_RIPAS [0, 2M). */
static const char *trace_rim =
	"7f8c7d7dd5d0845f56a62190d6d1fd15458a1132897bf0041ea3e0720af799d1";

static void test_trace_example(void **state)
{
	static const struct rlm_launch_ram ram[] = { { 0, 0x200000 } };
	struct rlm_launch_desc d;

	(void)state;
	base_desc(&d, ram, 1, 2);
	walk(&d);
	assert_int_equal(R.n, 6);
	assert_int_equal(R.op[0].type, RLM_LOP_REALM_CREATE);
	assert_int_equal(R.op[0].params->rtt_level_start, 1);
	assert_int_equal(R.op[0].params->rtt_num_start, 2);
	assert_int_equal(R.op[1].type, RLM_LOP_RTT_CREATE);
	assert_true(R.op[1].ipa == 0 && R.op[1].level == 2 && !R.op[1].data_rtt);
	assert_int_equal(R.op[2].type, RLM_LOP_INIT_RIPAS);
	assert_true(R.op[2].ipa == 0 && R.op[2].top == 0x200000);
	assert_int_equal(R.op[3].type, RLM_LOP_RIPAS_MEASURE);
	assert_true(R.op[3].ipa == 0 && R.op[3].top == 0x200000 && R.op[3].level == 2);
	hexeq(&R.rim_after[3], trace_rim);
	assert_int_equal(R.op[4].type, RLM_LOP_REC_CREATE);
	assert_int_equal(R.op[5].type, RLM_LOP_ACTIVATE);
	/* Two touching ranges are one INIT_RIPAS, one 2 MiB entry: same RIM. */
	static const struct rlm_launch_ram split[] = { { 0, 0x100000 }, { 0x100000, 0x100000 } };

	base_desc(&d, split, 2, 2);
	walk(&d);
	assert_int_equal(R.op[2].type, RLM_LOP_INIT_RIPAS);
	assert_true(R.op[2].top == 0x200000);
	assert_int_equal(R.op[3].type, RLM_LOP_RIPAS_MEASURE);
	hexeq(&R.rim_after[3], trace_rim);
	assert_int_equal(R.op[4].type, RLM_LOP_REC_CREATE);
}

static void test_unaligned_edges(void **state)
{
	/* 4 MiB of RAM starting 4 KiB past 2 GiB. */
	static const struct rlm_launch_ram ram[] = { { 0x80001000, 0x400000 } };
	struct rlm_launch_desc d;
	struct rlm_launch_counts c;
	struct rlm_rim rim, hand;
	size_t i, nm = 0;

	(void)state;
	base_desc(&d, ram, 1, 2);
	walk(&d);
	/* L2 table for the 1 GiB block, L3 tables for the two partial 2 MiB
	 * blocks, none for the full one in between; parents first. */
	assert_int_equal(R.op[1].type, RLM_LOP_RTT_CREATE);
	assert_true(R.op[1].ipa == 0x80000000 && R.op[1].level == 2);
	assert_true(R.op[2].ipa == 0x80000000 && R.op[2].level == 3);
	assert_true(R.op[3].ipa == 0x80400000 && R.op[3].level == 3);
	assert_int_equal(R.op[4].type, RLM_LOP_INIT_RIPAS);
	/* Measured: 511 pages, one 2 MiB block, one page. */
	memset(&hand, 0, sizeof(hand));
	assert_int_equal(rlm_rim_init(&hand, R.op[0].params), 0);
	for (uint64_t a = 0x80001000; a < 0x80200000; a += 0x1000)
		assert_int_equal(rlm_rim_extend_ripas(&hand, a, a + 0x1000), 0);
	assert_int_equal(rlm_rim_extend_ripas(&hand, 0x80200000, 0x80400000), 0);
	assert_int_equal(rlm_rim_extend_ripas(&hand, 0x80400000, 0x80401000), 0);
	for (i = 0; i < R.n; i++)
		if (R.op[i].type == RLM_LOP_RIPAS_MEASURE) {
			nm++;
			if (R.op[i].top - R.op[i].ipa == 0x200000)
				assert_int_equal(R.op[i].level, 2);
			else
				assert_int_equal(R.op[i].level, 3);
		}
	assert_int_equal(nm, 513);
	assert_memory_equal(R.rim_after[4 + 513].value, hand.value, 64);
	assert_int_equal(rlm_launch_predict(&d, &rim, &c), 0);
	assert_int_equal(c.rtts_ram, 3);
	assert_int_equal(c.ripas_entries, 513);
	assert_int_equal(c.ripas_ranges, 1);
	assert_int_equal(c.recs, 1);
	assert_int_equal(c.recs_runnable, 1);
	/* The final RIM adds the REC. */
	struct rlm_rec_params rp;

	memset(&rp, 0, sizeof(rp));
	rp.flags = RLM_REC_PARAMS_FLAG_RUNNABLE;
	rp.pc = 0x80000000;
	assert_int_equal(rlm_rim_extend_rec(&hand, &rp), 0);
	assert_memory_equal(rim.value, hand.value, 64);

	/* At level 3 every page is an entry: 1024 measurements. */
	base_desc(&d, ram, 1, 3);
	assert_int_equal(rlm_launch_predict(&d, &rim, &c), 0);
	assert_int_equal(c.ripas_entries, 1024);
	assert_int_equal(c.rtts_ram, 1 + 3);
	assert_memory_not_equal(rim.value, hand.value, 64);
}

static void test_data_and_recs(void **state)
{
	static const struct rlm_launch_ram ram[] = { { 0x80000000, 0x800000 } };
	static uint8_t kernel[5000], dtb[100], initrd[0x3000];
	struct rlm_launch_image img[3];
	struct rlm_launch_vcpu vcpus[3];
	struct rlm_launch_desc d;
	struct rlm_launch_counts c;
	struct rlm_rim rim, hand;
	uint8_t page[4096];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(kernel); i++)
		kernel[i] = (uint8_t)(i * 7);
	memset(dtb, 0xd7, sizeof(dtb));
	memset(initrd, 0x1d, sizeof(initrd));
	memset(img, 0, sizeof(img));
	img[0] = (struct rlm_launch_image){ 0x80000000, kernel, sizeof(kernel), true, "kernel" };
	img[1] = (struct rlm_launch_image){ 0x80200000, initrd, sizeof(initrd), false, "initrd" };
	img[2] = (struct rlm_launch_image){ 0x80600000, dtb, sizeof(dtb), true, "dtb" };
	memset(vcpus, 0, sizeof(vcpus));
	vcpus[0] = (struct rlm_launch_vcpu){ .mpidr = 0, .pc = 0x80000000, .runnable = true };
	vcpus[0].gprs[0] = 0x80600000;
	vcpus[1] = (struct rlm_launch_vcpu){ .mpidr = 1, .pc = 0, .runnable = false };
	vcpus[2] = (struct rlm_launch_vcpu){ .mpidr = 2, .pc = 0x1234, .runnable = true };
	base_desc(&d, ram, 1, 2);
	d.images = img;
	d.nimages = 3;
	d.vcpus = vcpus;
	d.nvcpus = 3;
	d.params.hash_algo = RLM_RMI_HASH_SHA_512;
	walk(&d);
	/* Order: create, L2, INIT_RIPAS + 4 entries, 3 data L3 tables, kernel
	 * (2 pages), dtb (1), 3 RECs, initrd (3, unmeasured), activate. */
	static const enum rlm_launch_op_type want[] = {
		RLM_LOP_REALM_CREATE, RLM_LOP_RTT_CREATE, RLM_LOP_INIT_RIPAS,
		RLM_LOP_RIPAS_MEASURE, RLM_LOP_RIPAS_MEASURE, RLM_LOP_RIPAS_MEASURE,
		RLM_LOP_RIPAS_MEASURE, RLM_LOP_RTT_CREATE, RLM_LOP_RTT_CREATE,
		RLM_LOP_RTT_CREATE, RLM_LOP_DATA, RLM_LOP_DATA, RLM_LOP_DATA,
		RLM_LOP_REC_CREATE, RLM_LOP_REC_CREATE, RLM_LOP_REC_CREATE,
		RLM_LOP_DATA, RLM_LOP_DATA, RLM_LOP_DATA, RLM_LOP_ACTIVATE,
	};
	assert_int_equal(R.n, RLM_ARRAY_SIZE(want));
	for (i = 0; i < R.n; i++)
		assert_int_equal(R.op[i].type, want[i]);
	assert_true(R.op[7].data_rtt && R.op[7].ipa == 0x80000000 && R.op[7].level == 3);
	assert_true(R.op[8].ipa == 0x80200000 && R.op[9].ipa == 0x80600000);
	assert_true(R.op[11].ipa == 0x80001000 && R.op[11].content_len == 5000 - 4096);
	assert_true(R.op[12].ipa == 0x80600000 && R.op[12].content_len == 100);
	assert_true(R.op[16].flags == RLM_RMI_NO_MEASURE_CONTENT && R.op[18].ipa == 0x80202000);

	/* The RIM by hand. */
	assert_int_equal(rlm_rim_init(&hand, R.op[0].params), 0);
	for (uint64_t a = 0x80000000; a < 0x80800000; a += 0x200000)
		assert_int_equal(rlm_rim_extend_ripas(&hand, a, a + 0x200000), 0);
	memcpy(page, kernel, 4096);
	assert_int_equal(rlm_rim_extend_data(&hand, 0x80000000, 1, page), 0);
	memset(page, 0, sizeof(page));
	memcpy(page, kernel + 4096, 5000 - 4096);
	assert_int_equal(rlm_rim_extend_data(&hand, 0x80001000, 1, page), 0);
	memset(page, 0, sizeof(page));
	memcpy(page, dtb, 100);
	assert_int_equal(rlm_rim_extend_data(&hand, 0x80600000, 1, page), 0);
	for (i = 0; i < 3; i += 2) {
		struct rlm_rec_params rp;

		memset(&rp, 0, sizeof(rp));
		rp.flags = RLM_REC_PARAMS_FLAG_RUNNABLE;
		rp.pc = vcpus[i].pc;
		memcpy(rp.gprs, vcpus[i].gprs, sizeof(rp.gprs));
		assert_int_equal(rlm_rim_extend_rec(&hand, &rp), 0);
	}
	for (uint64_t a = 0x80200000; a < 0x80203000; a += 0x1000)
		assert_int_equal(rlm_rim_extend_data(&hand, a, 0, NULL), 0);
	assert_int_equal(rlm_launch_predict(&d, &rim, &c), 0);
	assert_int_equal(rim.algo, RLM_HASH_SHA512);
	assert_memory_equal(rim.value, hand.value, 64);
	assert_int_equal(c.rtts_data, 3);
	assert_int_equal(c.data_measured, 3);
	assert_int_equal(c.data_unmeasured, 3);
	assert_int_equal(c.recs, 3);
	assert_int_equal(c.recs_runnable, 2);

	/* At ripas level 3 the data needs no table of its own. */
	d.ripas_level = 3;
	assert_int_equal(rlm_launch_predict(&d, &rim, &c), 0);
	assert_int_equal(c.rtts_data, 0);
	assert_int_equal(c.rtts_ram, 1 + 4);

	/* A visitor's error stops the walk and comes back. */
	memset(&R, 0, sizeof(R));
	R.d = &d;
	R.stop_at = 5;
	assert_int_equal(rlm_launch_walk(&d, record, &R), 77);
	assert_int_equal(R.n, 5);
}

static void test_geometries(void **state)
{
	/* LPA2 start level -1 and start 0 with 16 roots; start 2 with 8. */
	static const struct rlm_launch_ram ram[] = { { 0x40000000, 0x40000000 } };
	struct rlm_launch_desc d;
	struct rlm_launch_counts c;
	struct rlm_rim rim;

	(void)state;
	base_desc(&d, ram, 1, 1);
	d.params.s2sz = 52;
	d.params.flags = RLM_RMI_REALM_PARAM_FLAG_LPA2;
	d.params.rtt_level_start = -1;
	d.params.rtt_num_start = 1;
	walk(&d);
	/* Level 0 and level 1 tables, then one 1 GiB entry. */
	assert_true(R.op[1].level == 0 && R.op[1].ipa == 0);
	assert_true(R.op[2].level == 1 && R.op[2].ipa == 0);
	assert_int_equal(R.op[3].type, RLM_LOP_INIT_RIPAS);
	assert_true(R.op[4].type == RLM_LOP_RIPAS_MEASURE && R.op[4].level == 1 &&
		    R.op[4].top - R.op[4].ipa == 0x40000000);
	d.params.rtt_num_start = 0; /* default geometry: start 0, 16 roots */
	d.params.rtt_level_start = 0;
	walk(&d);
	assert_int_equal(R.op[0].params->rtt_level_start, 0);
	assert_int_equal(R.op[0].params->rtt_num_start, 16);
	assert_true(R.op[1].level == 1);
	/* 33-bit space, start level 2: only L3 tables at level 3. */
	static const struct rlm_launch_ram small[] = { { 0x1000, 0x3000 } };

	base_desc(&d, small, 1, 3);
	d.params.s2sz = 33;
	assert_int_equal(rlm_launch_predict(&d, &rim, &c), 0);
	assert_int_equal(c.rtts_ram, 1);
	assert_int_equal(c.ripas_entries, 3);
	/* ripas level 2 there: the 2 MiB block is partial, so still pages. */
	d.ripas_level = 2;
	assert_int_equal(rlm_launch_predict(&d, &rim, &c), 0);
	assert_int_equal(c.rtts_ram, 1);
	assert_int_equal(c.ripas_entries, 3);
}

static int noop(void *arg, const struct rlm_launch_op *op)
{
	(void)arg;
	(void)op;
	return 0;
}

static void test_bad_desc(void **state)
{
	static const struct rlm_launch_ram ram[] = { { 0x80000000, 0x400000 } };
	static const struct rlm_launch_ram bad_order[] = { { 0x80400000, 0x1000 }, { 0x80000000, 0x1000 } };
	static const struct rlm_launch_ram overlap[] = { { 0x80000000, 0x2000 }, { 0x80001000, 0x1000 } };
	static const struct rlm_launch_ram unal[] = { { 0x80000800, 0x1000 } };
	static const struct rlm_launch_ram past[] = { { UINT64_C(0x7ffffff000), 0x2000 } };
	static uint8_t blob[10];
	struct rlm_launch_image im = { 0x80000000, blob, 10, true, "x" };
	struct rlm_launch_vcpu v2[2] = { { .mpidr = 1, .runnable = true }, { .mpidr = 1 } };
	struct rlm_launch_desc d;
	struct rlm_rtt_geom g;
	struct rlm_rim rim;

	(void)state;
	base_desc(&d, ram, 1, 2);
	assert_int_equal(rlm_launch_check(&d, &g), 0);
	assert_int_equal(rlm_launch_check(NULL, &g), RLM_EINVAL);
	assert_int_equal(rlm_launch_check(&d, NULL), RLM_EINVAL);
	assert_int_equal(rlm_launch_walk(&d, NULL, NULL), RLM_EINVAL);
	assert_int_equal(rlm_launch_predict(&d, NULL, NULL), RLM_EINVAL);
#define BAD(expr, err) do { base_desc(&d, ram, 1, 2); expr; \
	assert_int_equal(rlm_launch_check(&d, &g), err); \
	assert_int_equal(rlm_launch_walk(&d, noop, NULL), err); } while (0)
	BAD(d.nram = 0, RLM_EINVAL);
	BAD(d.ram = NULL, RLM_EINVAL);
	BAD(d.nvcpus = 0, RLM_EINVAL);
	BAD(d.params.hash_algo = 2, RLM_EINVAL);
	BAD(d.params.s2sz = 31, RLM_ERANGE);
	BAD(d.params.rtt_num_start = 3, RLM_ERANGE);
	BAD(d.ripas_level = 0, RLM_ERANGE);
	BAD(d.ripas_level = 4, RLM_ERANGE);
	BAD((d.ram = bad_order, d.nram = 2), RLM_ERANGE);
	BAD((d.ram = overlap, d.nram = 2), RLM_ERANGE);
	BAD(d.ram = unal, RLM_EALIGN);
	BAD(d.ram = past, RLM_ERANGE);
	/* Past the protected half (s2sz 40: 2^39). */
	BAD((d.images = &im, d.nimages = 1, im.ipa = UINT64_C(0x7ffffff000),
	     im.len = 0x1001), RLM_ERANGE);
	BAD((d.images = &im, d.nimages = 1, im.ipa = UINT64_C(0x8000000000)), RLM_ERANGE);
	BAD((d.images = &im, d.nimages = 1, im.ipa = UINT64_MAX - 4), RLM_ERANGE);
	BAD((d.images = &im, d.nimages = 1, im.ipa = 0x80000000, im.len = 0), RLM_EINVAL);
	BAD((d.images = NULL, d.nimages = 1), RLM_EINVAL);
	BAD((d.vcpus = v2, d.nvcpus = 2), RLM_ERANGE);
	BAD((v2[0].runnable = false, d.vcpus = v2), RLM_EINVAL);
	(void)rim;
	assert_string_equal(rlm_launch_op_name(RLM_LOP_DATA), "DATA_CREATE");
	assert_string_equal(rlm_launch_op_name((enum rlm_launch_op_type)0), "?");
}

/*
 * RLM_LAUNCH_ORDER_KVM_ACTIVATE (the v12+ kernels): data, RECs, then
 * INIT_RIPAS per RAM range as ripas_change() walks it, built by hand.
 * RAM [1G + 1M, 1G + 5M) and one data granule at 1G + 1M + 4K: the data
 * brought an L2 table over [1G, 2G) and an L3 table over [1G, 1G + 2M);
 * the walk measures [1G + 1M, + 4K) at L3, steps over
 * the data granule, measures the rest of that table at L3, then
 * [1G + 2M, 1G + 4M) as one L2 entry, then creates an L3 table over
 * [1G + 4M, 1G + 6M) (the L2 entry does not fit) and measures 256 entries.
 */
static void test_kvm_activate_order(void **state)
{
	static const struct rlm_launch_ram ram = { 0x40100000, 0x400000 };
	static uint8_t blob[0x1000];
	struct rlm_launch_image img = { .ipa = 0x40101000, .data = blob,
					.len = sizeof(blob), .measured = true };
	struct rlm_launch_vcpu v2[2] = {
		{ .mpidr = 0, .pc = 0x40101000, .runnable = true },
		{ .mpidr = 1, .pc = 0x40101000, .runnable = false },
	};
	struct rlm_launch_desc d;
	struct rlm_launch_counts cnt;
	struct rlm_rim rim, pred;
	struct rlm_rec_params rp;
	uint64_t a;
	size_t n = 0;

	(void)state;
	memset(blob, 0xa5, sizeof(blob));
	base_desc(&d, &ram, 1, 2);
	d.images = &img;
	d.nimages = 1;
	d.vcpus = v2;
	d.nvcpus = 2;
	d.order = RLM_LAUNCH_ORDER_KVM_ACTIVATE;
	walk(&d);
	/* REALM_CREATE, the data's two tables, DATA, two RECs */
	assert_int_equal(R.op[0].type, RLM_LOP_REALM_CREATE);
	assert_true(R.op[1].type == RLM_LOP_RTT_CREATE && R.op[1].level == 2 &&
		    R.op[1].ipa == 0x40000000 && R.op[1].data_rtt);
	assert_true(R.op[2].type == RLM_LOP_RTT_CREATE && R.op[2].level == 3 &&
		    R.op[2].ipa == 0x40000000);
	assert_true(R.op[3].type == RLM_LOP_DATA && R.op[3].ipa == 0x40101000);
	assert_true(R.op[4].type == RLM_LOP_REC_CREATE && R.op[4].vcpu == 0);
	assert_true(R.op[5].type == RLM_LOP_REC_CREATE && R.op[5].vcpu == 1);
	/* INIT_RIPAS [1G+1M, +4K), then [1G+1M+8K, 1G+4M), then the table */
	assert_true(R.op[6].type == RLM_LOP_INIT_RIPAS && R.op[6].ipa == 0x40100000 &&
		    R.op[6].top == 0x40101000);
	assert_true(R.op[7].type == RLM_LOP_RIPAS_MEASURE && R.op[7].level == 3);
	assert_true(R.op[8].type == RLM_LOP_INIT_RIPAS && R.op[8].ipa == 0x40102000 &&
		    R.op[8].top == 0x40400000);
	assert_true(R.op[9 + 253].type == RLM_LOP_RIPAS_MEASURE &&
		    R.op[9 + 253].ipa == 0x401ff000 && R.op[9 + 253].level == 3);
	assert_true(R.op[9 + 254].type == RLM_LOP_RIPAS_MEASURE &&
		    R.op[9 + 254].ipa == 0x40200000 && R.op[9 + 254].top == 0x40400000 &&
		    R.op[9 + 254].level == 2);
	assert_true(R.op[264].type == RLM_LOP_RTT_CREATE && R.op[264].level == 3 &&
		    R.op[264].ipa == 0x40400000 && !R.op[264].data_rtt);
	assert_true(R.op[265].type == RLM_LOP_INIT_RIPAS && R.op[265].ipa == 0x40400000 &&
		    R.op[265].top == 0x40500000);
	assert_int_equal(R.op[R.n - 1].type, RLM_LOP_ACTIVATE);
	assert_int_equal(R.n, 266 + 256 + 1);
	assert_int_equal(rlm_launch_predict(&d, &pred, &cnt), 0);
	assert_true(cnt.ripas_entries == 1 + 254 + 1 + 256 && cnt.ripas_ranges == 3);
	assert_true(cnt.rtts_data == 2 && cnt.rtts_ram == 1 && cnt.recs == 2);
	/* by hand */
	assert_int_equal(rlm_rim_init(&rim, &R.params), 0);
	assert_int_equal(rlm_rim_extend_data(&rim, 0x40101000, RLM_RMI_MEASURE_CONTENT, blob), 0);
	memset(&rp, 0, sizeof(rp));
	rp.flags = RLM_REC_PARAMS_FLAG_RUNNABLE;
	rp.pc = 0x40101000;
	assert_int_equal(rlm_rim_extend_rec(&rim, &rp), 0);
	for (a = 0x40100000; a < 0x40500000;) {
		uint64_t sz = (a >= 0x40200000 && a < 0x40400000) ? 0x200000 : 0x1000;

		if (a == 0x40101000) {
			a += 0x1000;
			continue;
		}
		assert_int_equal(rlm_rim_extend_ripas(&rim, a, a + sz), 0);
		a += sz;
		n++;
	}
	assert_true(n == 1 + 254 + 1 + 256);
	assert_memory_equal(rim.value, pred.value, 32);
	/* the canonical order measures the same operations otherwise */
	d.order = RLM_LAUNCH_ORDER_RMM;
	assert_int_equal(rlm_launch_predict(&d, &rim, NULL), 0);
	assert_memory_not_equal(rim.value, pred.value, 32);
	/* v12+ make only vcpu 0 runnable; an unknown order is refused */
	d.order = RLM_LAUNCH_ORDER_KVM_ACTIVATE;
	v2[1].runnable = true;
	assert_int_equal(rlm_launch_predict(&d, &rim, NULL), RLM_EINVAL);
	v2[1].runnable = false;
	d.order = (enum rlm_launch_order)7;
	assert_int_equal(rlm_launch_predict(&d, &rim, NULL), RLM_EINVAL);
}

/* Hash the images' granules as the RMM would see them, independently of
 * the planner: rlm_rim_extend_blob() (used by log replay). */
static void manual_rim(struct rlm_rim *rim, const struct rlm_launch_desc *d,
		       const struct rlm_realm_params *p)
{
	size_t i;

	assert_int_equal(rlm_rim_init(rim, p), 0);
	for (i = 0; i < d->nram; i++)
		assert_int_equal(rlm_rim_extend_ripas_range(rim, p->s2sz, d->ram[i].base,
							    d->ram[i].base + d->ram[i].size), 0);
	for (i = 0; i < d->nimages; i++)
		assert_int_equal(rlm_rim_extend_blob(rim, d->images[i].ipa, d->images[i].data,
						     (size_t)d->images[i].len,
						     RLM_RMI_MEASURE_CONTENT), 0);
	for (i = 0; i < d->nvcpus; i++) {
		struct rlm_rec_params rp;

		if (!d->vcpus[i].runnable)
			continue;
		memset(&rp, 0, sizeof(rp));
		rp.flags = RLM_REC_PARAMS_FLAG_RUNNABLE;
		rp.mpidr = d->vcpus[i].mpidr;
		rp.pc = d->vcpus[i].pc;
		memcpy(rp.gprs, d->vcpus[i].gprs, sizeof(rp.gprs));
		assert_int_equal(rlm_rim_extend_rec(rim, &rp), 0);
	}
}

/*
 * Issue 12 item 1: QEMU's -bios flash at IPA 0, outside RAM (DATA measured,
 * no RIPAS entry over it), and kvmtool's initrd at a 4-byte aligned
 * address (the granule is zero-filled before it, TF-RMM measuring the
 * whole granule).
 */
static void test_outside_ram_and_unaligned(void **state)
{
	static const struct rlm_launch_ram ram[] = { { 0x40000000, 0x200000 } };
	static uint8_t fw[10] = "FW CONTENT", initrd[0x1234], kern[0x2001];
	struct rlm_launch_image ims[3] = {
		{ 0, fw, sizeof(fw), true, "firmware" },
		{ 0x40000000, kern, sizeof(kern), true, "kernel" },
		{ 0x40003004, initrd, sizeof(initrd), true, "initrd" },
	};
	struct rlm_launch_desc d;
	struct rlm_launch_counts c;
	struct rlm_rim rim, want;
	size_t i, ndata = 0;

	(void)state;
	for (i = 0; i < sizeof(initrd); i++)
		initrd[i] = (uint8_t)(i * 7 + 1);
	memset(kern, 0xa5, sizeof(kern));
	base_desc(&d, ram, 1, 2);
	d.images = ims;
	d.nimages = 3;
	assert_int_equal(rlm_launch_predict(&d, &rim, &c), 0);
	walk(&d);
	manual_rim(&want, &d, &R.params);
	assert_memory_equal(rim.value, want.value, 32);
	/* 1 fw granule, 3 kernel, initrd 0x40003004..0x40004238: 2 */
	assert_int_equal(c.data_measured, 6);
	for (i = 0; i < R.n; i++) {
		if (R.op[i].type == RLM_LOP_RIPAS_MEASURE)
			assert_true(R.op[i].ipa >= 0x40000000);
		if (R.op[i].type != RLM_LOP_DATA)
			continue;
		if (ndata == 0) {
			assert_int_equal(R.op[i].ipa, 0);
			assert_int_equal(R.op[i].content_len, 10);
		}
		if (ndata == 4) { /* initrd's first granule */
			assert_int_equal(R.op[i].ipa, 0x40003000);
			assert_int_equal(R.op[i].content_off, 4);
			assert_int_equal(R.op[i].content_len, 4092);
		}
		if (ndata == 5) {
			assert_int_equal(R.op[i].ipa, 0x40004000);
			assert_int_equal(R.op[i].content_off, 0);
			assert_int_equal(R.op[i].content_len, 0x1234 - 4092);
		}
		ndata++;
	}
	assert_int_equal(ndata, 6);
	/* Differs from the same bytes at the aligned address. */
	ims[2].ipa = 0x40003000;
	assert_int_equal(rlm_launch_predict(&d, &want, NULL), 0);
	assert_memory_not_equal(rim.value, want.value, 32);
	/* The kernel's last granule and the initrd's first are the same. */
	ims[2].ipa = 0x40002ff0;
	assert_int_equal(rlm_launch_predict(&d, &want, NULL), RLM_ERANGE);
	ims[2].ipa = 0x40003000;
	ims[0].ipa = 0x40000000; /* firmware over the kernel */
	assert_int_equal(rlm_launch_predict(&d, &want, NULL), RLM_ERANGE);
}

/* RIPAS at level 1: a 1 GiB entry measured once (kvmtool and QEMU with a
 * 1 GiB aligned RAM and 3- or 4-level tables). */
static void test_ripas_level1(void **state)
{
	static const struct rlm_launch_ram ram[] = { { 0x40000000, 0x40200000 } };
	struct rlm_launch_desc d;
	struct rlm_launch_counts c;
	struct rlm_rim rim, want;
	size_t i;

	(void)state;
	base_desc(&d, ram, 1, 1);
	d.params.s2sz = 48;
	assert_int_equal(rlm_launch_predict(&d, &rim, &c), 0);
	assert_int_equal(c.ripas_entries, 2); /* 1 GiB + 2 MiB */
	walk(&d);
	for (i = 0; i < R.n && R.op[i].type != RLM_LOP_RIPAS_MEASURE; i++)
		;
	assert_true(i < R.n);
	assert_int_equal(R.op[i].level, 1);
	assert_int_equal(R.op[i].top - R.op[i].ipa, 0x40000000);
	assert_int_equal(R.op[i + 1].level, 2);
	manual_rim(&want, &d, &R.params);
	assert_memory_equal(rim.value, want.value, 32);
	/* s2sz 36 starts at level 1: level 1 allowed; s2sz 34 starts at
	 * level 2 (concatenated tables): no level 1 entries to measure. */
	d.params.s2sz = 36;
	assert_int_equal(rlm_launch_predict(&d, &rim, &c), 0);
	assert_int_equal(c.ripas_entries, 2);
	d.params.s2sz = 34;
	assert_int_equal(rlm_launch_predict(&d, &rim, &c), RLM_ERANGE);
}

/* ---- Launch logs as QEMU's CCA branch writes them (issue 12 item 3) ----
 * Written byte by byte here from the layout of target/arm/kvm-rme.c and
 * hw/tpm/tpm_log.c of that branch, not with librealm's log builder:
 * EV_NO_ACTION "VM VERSION" as a 112-byte struct with one digest of
 * algorithm 0; EV_EVENT_TAG events with no digest (REALM_CREATE payload
 * of 16 bytes, its tail padding included); image blobs with a digest;
 * the LOG area as a blob without one. */
struct qlog { uint8_t *b; size_t n, cap; uint16_t alg; size_t dsz; };

static void q_put(struct qlog *q, const void *p, size_t n)
{
	assert_true(q->n + n <= q->cap);
	memcpy(q->b + q->n, p, n);
	q->n += n;
}

static void q_u16(struct qlog *q, uint16_t v) { uint8_t b[2] = { (uint8_t)v, (uint8_t)(v >> 8) }; q_put(q, b, 2); }
static void q_u32(struct qlog *q, uint32_t v) { q_u16(q, (uint16_t)v); q_u16(q, (uint16_t)(v >> 16)); }

static void q_header(struct qlog *q)
{
	static const uint8_t zero20[20];

	q_u32(q, 0);
	q_u32(q, RLM_EV_NO_ACTION);
	q_put(q, zero20, 20);
	q_u32(q, 33);
	q_put(q, "Spec ID Event03", 16);
	q_u32(q, 0);               /* platform class */
	q_put(q, "\0\2\x6a\2", 4); /* minor, major, revision 106, uintn 2 */
	q_u32(q, 1);
	q_u16(q, q->alg);
	q_u16(q, (uint16_t)q->dsz);
	q_put(q, "", 1);           /* vendor info size */
}

/* digest: NULL with alg0 true: one zero digest of algorithm 0; NULL
 * otherwise: no digest. */
static void q_event(struct qlog *q, uint32_t type, const uint8_t *digest, bool alg0,
		    const void *data, size_t n)
{
	static const uint8_t zero[64];

	q_u32(q, 0);
	q_u32(q, type);
	if (digest || alg0) {
		q_u32(q, 1);
		q_u16(q, alg0 ? 0 : q->alg);
		q_put(q, digest ? digest : zero, q->dsz);
	} else {
		q_u32(q, 0);
	}
	q_u32(q, (uint32_t)n);
	q_put(q, data, n);
}

static void q_tag(struct qlog *q, uint32_t id, const uint8_t *p, size_t n)
{
	uint8_t e[8 + 96];

	assert_true(n <= 96);
	for (int i = 0; i < 4; i++) {
		e[i] = (uint8_t)(id >> (8 * i));
		e[4 + i] = (uint8_t)(n >> (8 * i));
	}
	memcpy(e + 8, p, n);
	q_event(q, RLM_EV_EVENT_TAG, NULL, false, e, 8 + n);
}

static void q_blob(struct qlog *q, const char *desc, uint64_t base, const uint8_t *img,
		   uint64_t len, enum rlm_hash_algo h)
{
	uint8_t e[64], dg[64];
	size_t dl = strlen(desc) + 1, i;

	e[0] = (uint8_t)dl;
	memcpy(e + 1, desc, dl);
	for (i = 0; i < 8; i++) {
		e[1 + dl + i] = (uint8_t)(base >> (8 * i));
		e[9 + dl + i] = (uint8_t)(len >> (8 * i));
	}
	if (img)
		assert_int_equal(rlm_hash_digest(h, img, (size_t)len, dg), 0);
	q_event(q, RLM_EV_POST_CODE2, img ? dg : NULL, false, e, 17 + dl);
}

static size_t qemu_log(const struct rlm_launch_desc *d, uint8_t *buf, size_t cap)
{
	struct qlog q = { buf, 0, cap, 0, 0 };
	uint8_t vv[112], rc[16], r[80];
	size_t i;
	int k;

	q.alg = d->params.hash_algo == RLM_RMI_HASH_SHA_256 ? RLM_TPM_ALG_SHA256
							    : RLM_TPM_ALG_SHA512;
	q.dsz = d->params.hash_algo == RLM_RMI_HASH_SHA_256 ? 32 : 64;
	q_header(&q);
	memset(vv, 0, sizeof(vv));
	memcpy(vv, "VM VERSION", 10);
	memcpy(vv + 16, "QEMU", 4);
	memcpy(vv + 48, "9.2.0", 5);
	for (k = 0; k < 8; k++)
		vv[88 + k] = (uint8_t)(d->ram[0].size >> (8 * k));
	vv[96] = (uint8_t)d->nvcpus;
	q_event(&q, RLM_EV_NO_ACTION, NULL, true, vv, sizeof(vv));
	memset(rc, 0xee, sizeof(rc));
	for (k = 0; k < 8; k++)
		rc[k] = (uint8_t)(d->params.flags >> (8 * k));
	rc[8] = (uint8_t)d->params.s2sz;
	rc[9] = (uint8_t)d->params.sve_vl;
	rc[10] = (uint8_t)d->params.num_bps;
	rc[11] = (uint8_t)d->params.num_wps;
	rc[12] = (uint8_t)d->params.pmu_num_ctrs;
	rc[13] = d->params.hash_algo;
	rc[14] = rc[15] = 0; /* padding */
	q_tag(&q, 1, rc, 16);
	for (i = 0; i < d->nram; i++) {
		for (k = 0; k < 8; k++) {
			r[k] = (uint8_t)(d->ram[i].base >> (8 * k));
			r[8 + k] = (uint8_t)(d->ram[i].size >> (8 * k));
		}
		q_tag(&q, 2, r, 16);
	}
	for (i = 0; i < d->nimages; i++)
		if (d->images[i].measured)
			q_blob(&q, d->images[i].name, d->images[i].ipa, d->images[i].data,
			       d->images[i].len, (enum rlm_hash_algo)d->params.hash_algo);
	memset(r, 0, sizeof(r));
	r[0] = 1; /* runnable */
	for (k = 0; k < 8; k++) {
		r[8 + k] = (uint8_t)(d->vcpus[0].pc >> (8 * k));
		r[16 + k] = (uint8_t)(d->vcpus[0].gprs[0] >> (8 * k));
	}
	q_tag(&q, 3, r, 80);
	for (i = 0; i < d->nimages; i++)
		if (!d->images[i].measured)
			q_blob(&q, d->images[i].name, d->images[i].ipa, NULL,
			       d->images[i].len, (enum rlm_hash_algo)d->params.hash_algo);
	return q.n;
}

struct qimages { const struct rlm_launch_desc *d; };

static int q_image(void *arg, const struct rlm_tcg_event *ev, const struct rlm_tcg_blob *blob,
		   const uint8_t **data, size_t *len)
{
	const struct rlm_launch_desc *d = arg;

	(void)ev;
	for (size_t i = 0; i < d->nimages; i++)
		if (d->images[i].ipa == blob->base) {
			*data = d->images[i].data;
			*len = (size_t)d->images[i].len;
			return 0;
		}
	return RLM_ENOENT;
}

static void test_qemu_launch_log(void **state)
{
	static const struct rlm_launch_ram ram[] = { { 0x40000000, 0x800000 } };
	static uint8_t fw[10] = "FW CONTENT", dtb[0x1801], logarea[0x10000];
	static uint8_t buf[8192], cut[8192];
	struct rlm_launch_image ims[3] = {
		{ 0, fw, sizeof(fw), true, "FIRMWARE" },
		{ 0x40000000, dtb, sizeof(dtb), true, "DTB" },
		{ 0x40200000, logarea, sizeof(logarea), false, "LOG" },
	};
	struct rlm_launch_vcpu vc = { .mpidr = 0, .pc = 0, .runnable = true };
	struct rlm_tcg_replay_opts o;
	struct rlm_tcg_error err;
	struct rlm_realm_mrs m;
	struct rlm_launch_desc d;
	struct rlm_rim rim;
	size_t len, n, full;
	int h;

	(void)state;
	memset(dtb, 0x33, sizeof(dtb));
	for (h = 0; h < 2; h++) {
		base_desc(&d, ram, 1, 2);
		d.params.hash_algo = (uint8_t)h;
		d.params.num_bps = 5;
		d.params.num_wps = 5;
		d.images = ims;
		d.nimages = 3;
		d.vcpus = &vc;
		assert_int_equal(rlm_launch_predict(&d, &rim, NULL), 0);
		len = qemu_log(&d, buf, sizeof(buf));
		memset(&o, 0, sizeof(o));
		o.image = q_image;
		o.image_arg = &d;
		assert_int_equal(rlm_tcg_replay(buf, len, &o, &m, &n, &err), 0);
		assert_true(m.have_rim);
		assert_memory_equal(m.rim, rim.value, 64);
		full = n;
		/* A REALM_CREATE padding byte that is not zero: refused. */
		{
			/* A REALM_CREATE padding byte that is not zero, a VM
			 * VERSION of another size: refused, with the offset. */
			size_t rc_pad = 0, i;

			for (i = 0; i + 16 <= len; i++)
				if (!memcmp(buf + i, "VM VERSION", 10))
					break;
			memcpy(cut, buf, len);
			/* REALM_CREATE tag payload follows the 112-byte VM
			 * VERSION: header 12, data 8 + 16, padding at +14. */
			rc_pad = i + 112 + 12 + 4 + 8 + 14;
			assert_int_equal(cut[rc_pad], 0);
			cut[rc_pad] = 1;
			assert_int_equal(rlm_tcg_replay(cut, len, &o, &m, &n, &err), RLM_EMALFORMED);
			assert_string_equal(err.what, "malformed REALM_CREATE payload");
			memcpy(cut, buf, len);
			cut[i - 4] = 111; /* VM VERSION size */
			assert_int_not_equal(rlm_tcg_replay(cut, len, &o, &m, &n, &err), 0);
		}
		/* Cut inside the last event (the LOG blob): an error naming
		 * an offset inside it; allowed, the whole events replay and the
		 * cut is still named. */
		assert_int_equal(rlm_tcg_replay(buf, len - 3, &o, &m, &n, &err), RLM_ETRUNC);
		assert_true(err.offset > 0 && err.offset < len);
		assert_non_null(err.what);
		o.flags = RLM_TCG_REPLAY_ALLOW_TRUNCATED;
		assert_int_equal(rlm_tcg_replay(buf, len - 3, &o, &m, &n, &err), 0);
		assert_int_equal(n, full - 1);
		assert_non_null(err.what);
		assert_true(err.offset > 0 && err.offset < len);
		assert_true(m.have_rim);
		assert_memory_not_equal(m.rim, rim.value, 64); /* the LOG is missing */
		/* Whole log with the flag: no cut named. */
		assert_int_equal(rlm_tcg_replay(buf, len, &o, &m, &n, &err), 0);
		assert_null(err.what);
		assert_memory_equal(m.rim, rim.value, 64);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trace_example),
		cmocka_unit_test(test_unaligned_edges),
		cmocka_unit_test(test_data_and_recs),
		cmocka_unit_test(test_geometries),
		cmocka_unit_test(test_bad_desc),
		cmocka_unit_test(test_outside_ram_and_unaligned),
		cmocka_unit_test(test_ripas_level1),
		cmocka_unit_test(test_kvm_activate_order),
		cmocka_unit_test(test_qemu_launch_log),
	};

	return cmocka_run_group_tests_name("launch", tests, NULL, NULL);
}
