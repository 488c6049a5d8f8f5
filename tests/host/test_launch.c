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
	};

	return cmocka_run_group_tests_name("launch", tests, NULL, NULL);
}
