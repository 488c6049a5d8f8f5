/* SPDX-License-Identifier: BSD-3-Clause */
/* RIPAS tracker: property test against a one-byte-per-granule model on
 * random operations, callbacks, capacity exhaustion, moves, bad input. */
#include "test_util.h"
#include <realm/realm.h>
#include <realm/ripas.h>

#define G RLM_GRANULE_SIZE

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	uint64_t x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}

struct cb_rec {
	uint64_t base, top;
	uint8_t old, new_;
};

struct cb_log {
	struct cb_rec r[8192];
	size_t n;
};

static void cb_record(void *arg, uint64_t base, uint64_t top, uint8_t old,
		      uint8_t new_)
{
	struct cb_log *l = arg;

	assert_true(l->n < RLM_ARRAY_SIZE(l->r));
	l->r[l->n++] = (struct cb_rec){ base, top, old, new_ };
}

/* The tracker equals the model granule by granule, range by range. */
static void compare(const struct rlm_ripas *t, const uint8_t *model,
		    uint64_t ngran)
{
	uint64_t a = 0, ranges = 0;

	assert_int_equal(rlm_ripas_check(t), 0);
	while (a < ngran * G) {
		uint64_t base, top;
		uint8_t v;

		assert_int_equal(rlm_ripas_get(t, a, &v, &base, &top), 0);
		assert_true(base == a);
		assert_true(top > a && top <= ngran * G);
		for (uint64_t g = a / G; g < top / G; g++)
			assert_int_equal(model[g], v);
		/* Maximal: the next granule differs. */
		if (top < ngran * G)
			assert_int_not_equal(model[top / G], v);
		ranges++;
		a = top;
	}
	assert_true(ranges == rlm_ripas_count(t));
}

static uint64_t max_ranges;

static void random_ops(struct rlm_ripas *t, uint8_t *model, uint64_t ngran,
		       unsigned int ops, bool grow)
{
	static struct cb_log log;

	for (unsigned int i = 0; i < ops; i++) {
		uint64_t b = rnd() % ngran, len;
		uint8_t v = (uint8_t)(rnd() % 4);

		switch (rnd() % 64) {
		case 0: len = ngran - b; break;              /* to the end */
		case 1: case 2: case 3: len = 1 + rnd() % 200; break; /* medium */
		default: len = 1 + rnd() % 4; break;          /* small */
		}
		if (b + len > ngran)
			len = ngran - b;
		if (rnd() % 500 == 0) {
			b = 0;
			len = ngran;
		}
		log.n = 0;
		int r = grow ? rlm_ripas_set_grow(t, b * G, (b + len) * G, v,
						   cb_record, &log)
			     : rlm_ripas_set(t, b * G, (b + len) * G, v,
					     cb_record, &log);
		if (r == RLM_ENOMEM) {
			print_message("ENOMEM after %u ops: nidx %u ranges %llu\n", i, t->nidx, (unsigned long long)rlm_ripas_count(t));
			assert_false(grow);
			assert_int_equal(log.n, 0);
			compare(t, model, ngran);
			return;
		}
		assert_int_equal(r, 0);
		/* Callbacks: ascending, disjoint, exactly the changed granules. */
		uint64_t g = b, ci = 0;

		for (; g < b + len; g++) {
			if (model[g] == v)
				continue;
			while (ci < log.n && log.r[ci].top <= g * G)
				ci++;
			assert_true(ci < log.n);
			assert_true(log.r[ci].base <= g * G && g * G < log.r[ci].top);
			assert_int_equal(log.r[ci].old, model[g]);
			assert_int_equal(log.r[ci].new_, v);
		}
		for (size_t k = 0; k < log.n; k++) {
			assert_true(log.r[k].base < log.r[k].top);
			assert_true(log.r[k].base >= b * G && log.r[k].top <= (b + len) * G);
			if (k)
				assert_true(log.r[k - 1].top <= log.r[k].base);
			for (uint64_t x = log.r[k].base / G; x < log.r[k].top / G; x++)
				assert_int_not_equal(model[x], v);
		}
		memset(model + b, v, len);
		if (rlm_ripas_count(t) > max_ranges)
			max_ranges = rlm_ripas_count(t);
		if (i % 16 == 0 || len > 100)
			compare(t, model, ngran);
		/* Random point lookups and range queries. */
		for (int q = 0; q < 8; q++) {
			uint64_t x = rnd() % ngran, y = x + 1 + rnd() % 64;
			uint64_t reached;
			uint8_t rv;

			if (y > ngran)
				y = ngran;
			assert_int_equal(rlm_ripas_get(t, x * G + rnd() % G, &rv, NULL, NULL), 0);
			assert_int_equal(rv, model[x]);
			assert_int_equal(rlm_ripas_query(t, x * G, y * G, &rv, &reached), 0);
			assert_int_equal(rv, model[x]);
			uint64_t e = x;

			while (e < y && model[e] == model[x])
				e++;
			assert_true(reached == e * G);
			assert_int_equal(rlm_ripas_expect(t, x * G, y * G, model[x]),
					 e == y ? 0 : RLM_EMISMATCH);
		}
	}
	compare(t, model, ngran);
}

static void test_property_fixed_block(void **state)
{
	const uint64_t ngran = 5000;
	uint8_t *model = calloc(ngran, 1);
	size_t len = rlm_ripas_mem_size(200);
	void *mem = malloc(len);
	struct rlm_ripas t;

	(void)state;
	assert_non_null(model);
	assert_non_null(mem);
	assert_int_equal(rlm_ripas_init(&t, mem, len, ngran * G, RLM_RIPAS_EMPTY), 0);
	compare(&t, model, ngran);
	max_ranges = 0;
	random_ops(&t, model, ngran, 20000, false);
	print_message("max ranges %llu\n", (unsigned long long)max_ranges);
	assert_true(max_ranges > 6 * RLM_RIPAS_LEAF_KEYS); /* leaves were split */
	free(mem);
	free(model);
}

static void test_property_grow(void **state)
{
	const uint64_t ngran = 3000;
	uint8_t *model = malloc(ngran);
	struct rlm_ripas *t;

	(void)state;
	assert_non_null(model);
	memset(model, RLM_RIPAS_RAM, ngran);
	assert_int_equal(rlm_ripas_new(ngran * G, RLM_RIPAS_RAM, &t), 0);
	random_ops(t, model, ngran, 20000, true);
	/* Memory proportional to ranges: within 8 bytes a range plus leaf
	 * slack (leaves at least a third full) and the header. */
	assert_true(rlm_ripas_bytes_used(t) <=
		    sizeof(*t) + (rlm_ripas_count(t) / 21 + 2) *
				 rlm_ripas_mem_size(1));
	/* Erase everything: one range, memory shrinks back. */
	assert_int_equal(rlm_ripas_set_grow(t, 0, ngran * G, RLM_RIPAS_EMPTY, NULL, NULL), 0);
	assert_int_equal(rlm_ripas_count(t), 1);
	assert_int_equal(rlm_ripas_check(t), 0);
	assert_true(rlm_ripas_bytes_used(t) == sizeof(*t) + rlm_ripas_mem_size(1));
	rlm_ripas_free(t);
	rlm_ripas_free(NULL);
	free(model);
}

/* Exhaust a small block: the failed change leaves the tracker unchanged;
 * after a move to a bigger block the same change succeeds. */
static void test_enomem_and_move(void **state)
{
	const uint64_t ngran = 4096;
	uint8_t *model = calloc(ngran, 1);
	size_t len = rlm_ripas_mem_size(3), len2 = rlm_ripas_mem_size(64);
	void *mem = malloc(len), *mem2 = malloc(len2);
	struct rlm_ripas t;
	uint64_t g;
	int r = 0;

	(void)state;
	assert_int_equal(rlm_ripas_init(&t, mem, len, ngran * G, 0), 0);
	/* Alternate single granules: two ranges each. */
	for (g = 1; g < ngran; g += 2) {
		r = rlm_ripas_set(&t, g * G, (g + 1) * G, 1, NULL, NULL);
		if (r)
			break;
		model[g] = 1;
	}
	assert_int_equal(r, RLM_ENOMEM);
	compare(&t, model, ngran);
	/* Too small a destination. */
	assert_int_equal(rlm_ripas_move(&t, mem2, rlm_ripas_mem_size(t.nidx - 1)), RLM_ENOSPC);
	assert_int_equal(rlm_ripas_move(&t, mem2, len2), 0);
	free(mem);
	compare(&t, model, ngran);
	assert_int_equal(rlm_ripas_set(&t, g * G, (g + 1) * G, 1, NULL, NULL), 0);
	model[g] = 1;
	compare(&t, model, ngran);
	/* Merging back: set all to 1 and 0 again. */
	assert_int_equal(rlm_ripas_set(&t, 0, ngran * G, 1, NULL, NULL), 0);
	memset(model, 1, ngran);
	compare(&t, model, ngran);
	free(mem2);
	free(model);
}

/* Many ranges in one lookup bucket: ranges packed at the bottom of a big
 * space, so a bucket holds keys of many leaves (the lookup falls back to
 * the index search), then 20 ranges inside one later bucket (more keys in
 * one leaf than a lookup compares without a search); lookups must still
 * find every range. */
/*
 * The bucket table follows the leaves in use, not the block's capacity: a
 * roomy tracker (65,536 leaves) holding a few ranges once refilled all of
 * its 4 M buckets on every change (test_rmem took 16 s instead of 1).
 */
static void test_buckets_follow_leaves(void **state)
{
	size_t len = rlm_ripas_mem_size(1 << 16);
	void *mem = malloc(len);
	struct rlm_ripas t;
	uint64_t g;
	uint8_t v;

	(void)state;
	assert_non_null(mem);
	assert_int_equal(rlm_ripas_init(&t, mem, len, UINT64_C(1) << 40, 0), 0);
	assert_true(t.nbuckets <= 4 * RLM_RIPAS_BUCKETS_PER_LEAF);
	for (g = 0; g < 20000; g++) {
		uint64_t a = (g * UINT64_C(0x9e3779b1) % (UINT64_C(1) << 28)) * G;

		assert_int_equal(rlm_ripas_set(&t, a, a + G, 1 + (uint8_t)(g & 1), NULL, NULL), 0);
		assert_true(t.nbuckets >= (uint64_t)RLM_RIPAS_BUCKETS_PER_LEAF * t.nidx);
		assert_true(t.nbuckets <= (uint64_t)4 * RLM_RIPAS_BUCKETS_PER_LEAF * t.nidx);
		if (g % 4096 == 0)
			assert_int_equal(rlm_ripas_check(&t), 0);
	}
	assert_int_equal(rlm_ripas_check(&t), 0);
	assert_int_equal(rlm_ripas_get(&t, 0x9e3779b1ull % (UINT64_C(1) << 28) * G, &v, NULL, NULL), 0);
	assert_int_equal(v, 2);
	/* All gone again: the table shrinks back. */
	assert_int_equal(rlm_ripas_set(&t, 0, UINT64_C(1) << 40, 0, NULL, NULL), 0);
	assert_int_equal(t.nidx, 1);
	assert_true(t.nbuckets <= 4 * RLM_RIPAS_BUCKETS_PER_LEAF);
	assert_int_equal(rlm_ripas_check(&t), 0);
	assert_int_equal(rlm_ripas_get(&t, UINT64_C(1) << 39, &v, NULL, NULL), 0);
	assert_int_equal(v, 0);
	free(mem);
}

static void test_clustered_buckets(void **state)
{
	const uint64_t ngran = 1 << 20, packed = 2048;
	uint8_t *model = calloc(packed, 1);
	size_t len = rlm_ripas_mem_size(128);
	void *mem = malloc(len);
	struct rlm_ripas t;
	uint64_t g, base, top;
	uint8_t v;

	(void)state;
	assert_non_null(model);
	assert_non_null(mem);
	assert_int_equal(rlm_ripas_init(&t, mem, len, ngran * G, 0), 0);
	for (g = 1; g < packed; g += 2) {
		assert_int_equal(rlm_ripas_set(&t, g * G, (g + 1) * G, 1, NULL, NULL), 0);
		model[g] = 1;
	}
	assert_true(t.nidx > 8);
	/* All those leaves start in the first few buckets. */
	assert_true(t.imin[t.nidx - 1] >> t.bshift < 32);
	assert_int_equal(rlm_ripas_check(&t), 0);
	for (g = 0; g < packed; g++) {
		assert_int_equal(rlm_ripas_get(&t, g * G + (g % G), &v, &base, &top), 0);
		assert_int_equal(v, model[g]);
		assert_true(base == g * G);
		assert_true(top == (g + 1) * G);
	}
	assert_int_equal(rlm_ripas_get(&t, (ngran - 1) * G, &v, &base, &top), 0);
	assert_int_equal(v, 0);
	assert_true(base == packed * G && top == ngran * G);

	/* 20 single granules in bucket 100 (granules 1, 3, .., 39 of it). */
	const uint64_t b100 = UINT64_C(100) << t.bshift, per = (UINT64_C(1) << t.bshift) / G;

	assert_true(per >= 64 && (b100 >> t.bshift) + 1 < t.nbuckets);
	for (g = 1; g < 40; g += 2)
		assert_int_equal(rlm_ripas_set(&t, b100 + g * G, b100 + (g + 1) * G, 2,
					       NULL, NULL), 0);
	assert_int_equal(rlm_ripas_check(&t), 0);
	/* One leaf, more than 4 slots apart: the in-leaf search. */
	assert_true(t.bpos[100] >> 6 == t.bpos[101] >> 6);
	assert_true((t.bpos[101] & 63) - (t.bpos[100] & 63) > 3);
	for (g = 0; g < per; g++) {
		uint8_t want = g < 40 && (g & 1) ? 2 : 0;

		assert_int_equal(rlm_ripas_get(&t, b100 + g * G + 5, &v, NULL, NULL), 0);
		assert_int_equal(v, want);
		assert_int_equal(rlm_ripas_get(&t, b100 + g * G, &v, &base, &top), 0);
		assert_int_equal(v, want);
		if (g > 0 && g < 40) {
			assert_true(base == b100 + g * G);
			assert_true(top == b100 + (g + 1) * G);
		}
	}
	free(mem);
	free(model);
}

static void test_semantics(void **state)
{
	uint64_t mem[512];
	struct rlm_ripas t;
	struct cb_log *log = calloc(1, sizeof(*log));
	uint64_t base, top, reached;
	uint8_t v;

	(void)state;
	assert_non_null(log);
	assert_int_equal(rlm_ripas_init(&t, mem, sizeof(mem), UINT64_C(1) << 39,
					RLM_RIPAS_EMPTY), 0);
	/* INIT_RIPAS of two RAM banks; private conversions reported. */
	assert_int_equal(rlm_ripas_init_ripas(&t, 0x80000000, 0xc0000000, cb_record, log), 0);
	assert_int_equal(log->n, 1);
	assert_true(log->r[0].base == 0x80000000 && log->r[0].top == 0xc0000000);
	assert_true(!rlm_ripas_is_private(log->r[0].old) && rlm_ripas_is_private(log->r[0].new_));
	assert_int_equal(rlm_ripas_init_ripas(&t, 0xc0000000, 0x100000000, NULL, NULL), 0);
	assert_int_equal(rlm_ripas_count(&t), 3); /* merged: EMPTY RAM EMPTY */
	assert_int_equal(rlm_ripas_get(&t, 0x90000000, &v, &base, &top), 0);
	assert_true(v == RLM_RIPAS_RAM && base == 0x80000000 && top == 0x100000000);
	/* A guest shares a bounce buffer: RAM -> EMPTY in the middle. */
	log->n = 0;
	assert_int_equal(rlm_ripas_set(&t, 0x90000000, 0x90200000, RLM_RIPAS_EMPTY,
				       cb_record, log), 0);
	assert_int_equal(log->n, 1);
	assert_int_equal(log->r[0].old, RLM_RIPAS_RAM);
	assert_int_equal(rlm_ripas_count(&t), 5);
	assert_int_equal(rlm_ripas_query(&t, 0x80000000, 0xa0000000, &v, &reached), 0);
	assert_true(v == RLM_RIPAS_RAM && reached == 0x90000000);
	assert_int_equal(rlm_ripas_expect(&t, 0x90000000, 0x90200000, RLM_RIPAS_EMPTY), 0);
	assert_int_equal(rlm_ripas_expect(&t, 0x90000000, 0x90201000, RLM_RIPAS_EMPTY),
			 RLM_EMISMATCH);
	/* Setting what is already there changes nothing, no callback. */
	log->n = 0;
	assert_int_equal(rlm_ripas_set(&t, 0x90000000, 0x90100000, RLM_RIPAS_EMPTY,
				       cb_record, log), 0);
	assert_int_equal(log->n, 0);
	/* Private again: back to 3 ranges. */
	assert_int_equal(rlm_ripas_set(&t, 0x90000000, 0x90200000, RLM_RIPAS_RAM, NULL, NULL), 0);
	assert_int_equal(rlm_ripas_count(&t), 3);
	/* The last granule of the space. */
	assert_int_equal(rlm_ripas_set(&t, (UINT64_C(1) << 39) - G, UINT64_C(1) << 39,
				       RLM_RIPAS_DESTROYED, NULL, NULL), 0);
	assert_int_equal(rlm_ripas_get(&t, (UINT64_C(1) << 39) - 1, &v, &base, &top), 0);
	assert_true(v == RLM_RIPAS_DESTROYED && top == UINT64_C(1) << 39);
	assert_int_equal(rlm_ripas_check(&t), 0);
	free(log);
}

static void test_bad_input(void **state)
{
	uint64_t mem[512];
	struct rlm_ripas t;
	uint64_t r64;
	uint8_t v;

	(void)state;
	assert_int_equal(rlm_ripas_init(NULL, mem, sizeof(mem), 1 << 20, 0), RLM_EINVAL);
	assert_int_equal(rlm_ripas_init(&t, NULL, sizeof(mem), 1 << 20, 0), RLM_EINVAL);
	assert_int_equal(rlm_ripas_init(&t, (uint8_t *)mem + 4, sizeof(mem) - 8, 1 << 20, 0),
			 RLM_EALIGN);
	assert_int_equal(rlm_ripas_init(&t, mem, sizeof(mem), (1 << 20) + 1, 0), RLM_EALIGN);
	assert_int_equal(rlm_ripas_init(&t, mem, sizeof(mem), 0, 0), RLM_ERANGE);
	assert_int_equal(rlm_ripas_init(&t, mem, rlm_ripas_mem_size(1) - 1, 1 << 20, 0),
			 RLM_ENOSPC);
	assert_int_equal(rlm_ripas_init(&t, mem, sizeof(mem), 1 << 20, 0), 0);
	assert_int_equal(rlm_ripas_set(NULL, 0, G, 1, NULL, NULL), RLM_EINVAL);
	assert_int_equal(rlm_ripas_set(&t, 1, G, 1, NULL, NULL), RLM_EALIGN);
	assert_int_equal(rlm_ripas_set(&t, 0, G + 1, 1, NULL, NULL), RLM_EALIGN);
	assert_int_equal(rlm_ripas_set(&t, G, G, 1, NULL, NULL), RLM_ERANGE);
	assert_int_equal(rlm_ripas_set(&t, 2 * G, G, 1, NULL, NULL), RLM_ERANGE);
	assert_int_equal(rlm_ripas_set(&t, 0, (1 << 20) + G, 1, NULL, NULL), RLM_ERANGE);
	assert_int_equal(rlm_ripas_get(&t, 1 << 20, &v, NULL, NULL), RLM_ERANGE);
	assert_int_equal(rlm_ripas_get(&t, 0, NULL, NULL, NULL), RLM_EINVAL);
	assert_int_equal(rlm_ripas_get(NULL, 0, &v, NULL, NULL), RLM_EINVAL);
	assert_int_equal(rlm_ripas_query(&t, 0, 0, &v, &r64), RLM_ERANGE);
	assert_int_equal(rlm_ripas_query(&t, 0, G, NULL, &r64), RLM_EINVAL);
	assert_int_equal(rlm_ripas_query(&t, 0, G, &v, NULL), RLM_EINVAL);
	assert_int_equal(rlm_ripas_query(&t, 0x800, G, &v, &r64), RLM_EALIGN);
	assert_int_equal(rlm_ripas_expect(&t, 0, 2 << 20, 0), RLM_ERANGE);
	assert_int_equal(rlm_ripas_move(&t, NULL, 4096), RLM_EINVAL);
	assert_int_equal(rlm_ripas_move(NULL, mem, 4096), RLM_EINVAL);
	assert_int_equal(rlm_ripas_check(NULL), RLM_EINVAL);
	assert_int_equal(rlm_ripas_count(NULL), 0);
	assert_int_equal(rlm_ripas_bytes_used(NULL), 0);
	assert_int_equal(rlm_ripas_new(0, 0, &(struct rlm_ripas *){ NULL }), RLM_ERANGE);
	assert_int_equal(rlm_ripas_new(1 << 20, 0, NULL), RLM_EINVAL);
	assert_int_equal(rlm_ripas_set_grow(NULL, 0, G, 0, NULL, NULL), RLM_EINVAL);
	/* A corrupted tracker is caught by the checker. */
	assert_int_equal(rlm_ripas_set(&t, G, 2 * G, 1, NULL, NULL), 0);
	assert_int_equal(rlm_ripas_check(&t), 0);
	t.leaf[t.ileaf[0]].key[1] = G | 0; /* same value as its neighbour */
	assert_int_equal(rlm_ripas_check(&t), RLM_ESTATE);
	t.leaf[t.ileaf[0]].key[1] = G | 1;
	t.nranges++;
	assert_int_equal(rlm_ripas_check(&t), RLM_ESTATE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_semantics),
		cmocka_unit_test(test_property_fixed_block),
		cmocka_unit_test(test_property_grow),
		cmocka_unit_test(test_enomem_and_move),
		cmocka_unit_test(test_clustered_buckets),
		cmocka_unit_test(test_buckets_follow_leaves),
		cmocka_unit_test(test_bad_input),
	};

	return cmocka_run_group_tests_name("ripas", tests, NULL, NULL);
}
