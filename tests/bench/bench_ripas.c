/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RIPAS tracker benchmark (docs/benchmarks.md): 100,000
 * random RIPAS changes over a 1 TiB IPA space, then 10 M random lookups,
 * against a one-byte-per-granule array doing the same work in the same run.
 * Prints the memory held and the lookup time of both, and their ratios.
 * Changes: random granule base, random length of 1..1024 granules, random
 * RIPAS among EMPTY and RAM (what a guest asks with RSI_IPA_STATE_SET).
 * Lookups run in ROUNDS interleaved rounds (array, tracker, array, ...)
 * and the best round of each is kept: the machines are shared.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <realm/realm.h>
#include <realm/ripas.h>
#include "bench_util.h"

#define SPACE (UINT64_C(1) << 40)
#define NGRAN (SPACE >> RLM_GRANULE_SHIFT)
#define CHANGES 100000
#define LOOKUPS 10000000
#define ROUNDS 5

static uint64_t rng = 0x2545f4914f6cdd1dull;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

#define now bench_now

int main(void)
{
	uint8_t *arr = calloc(NGRAN, 1);
	uint64_t *ops = malloc(CHANGES * 3 * sizeof(uint64_t));
	uint64_t *look = malloc(LOOKUPS * sizeof(uint64_t));
	struct rlm_ripas *t;
	uint64_t sum_a = 0, sum_t = 0;
	double t0, t_arr_set, t_tree_set, t_arr_get, t_tree_get;
	int i, r;

	bench_print_machine("ripas");
	if (!arr || !ops || !look || rlm_ripas_new(SPACE, RLM_RIPAS_EMPTY, &t)) {
		fprintf(stderr, "out of memory\n");
		return 1;
	}
	/* Touch the whole array so both sides hold their memory. */
	memset(arr, RLM_RIPAS_EMPTY, NGRAN);
	for (i = 0; i < CHANGES; i++) {
		uint64_t b = rnd() % NGRAN, len = 1 + rnd() % 1024;

		if (b + len > NGRAN)
			len = NGRAN - b;
		ops[3 * i] = b;
		ops[3 * i + 1] = len;
		ops[3 * i + 2] = rnd() & 1;
	}
	for (i = 0; i < LOOKUPS; i++)
		look[i] = (rnd() % NGRAN) << RLM_GRANULE_SHIFT;

	t0 = now();
	for (i = 0; i < CHANGES; i++)
		memset(arr + ops[3 * i], (int)ops[3 * i + 2], ops[3 * i + 1]);
	t_arr_set = now() - t0;
	t0 = now();
	for (i = 0; i < CHANGES; i++)
		if (rlm_ripas_set_grow(t, ops[3 * i] << RLM_GRANULE_SHIFT,
				       (ops[3 * i] + ops[3 * i + 1]) << RLM_GRANULE_SHIFT,
				       (uint8_t)ops[3 * i + 2], NULL, NULL)) {
			fprintf(stderr, "set failed\n");
			return 1;
		}
	t_tree_set = now() - t0;

	t_arr_get = t_tree_get = 1e9;
	for (r = 0; r < ROUNDS; r++) {
		double ta, tt;

		sum_a = sum_t = 0;
		t0 = now();
		for (i = 0; i < LOOKUPS; i++)
			sum_a += arr[look[i] >> RLM_GRANULE_SHIFT];
		ta = now() - t0;
		t0 = now();
		for (i = 0; i < LOOKUPS; i++) {
			uint8_t v;

			rlm_ripas_get(t, look[i], &v, NULL, NULL);
			sum_t += v;
		}
		tt = now() - t0;
		t_arr_get = ta < t_arr_get ? ta : t_arr_get;
		t_tree_get = tt < t_tree_get ? tt : t_tree_get;
	}
	if (sum_a != sum_t || rlm_ripas_check(t)) {
		fprintf(stderr, "tracker and array disagree (%llu vs %llu)\n",
			(unsigned long long)sum_t, (unsigned long long)sum_a);
		return 1;
	}

	size_t held = sizeof(*t) + t->mem_len, used = rlm_ripas_bytes_used(t);
	double mem_ratio = (double)NGRAN / (double)held;
	double look_ratio = t_tree_get / t_arr_get;

	printf("ripas: %d changes over 1 TiB, %llu ranges\n", CHANGES,
	       (unsigned long long)rlm_ripas_count(t));
	printf("figure, baseline, ratio\n");
	printf("ripas memory held (bytes), %zu, array %llu, %.1fx less (target >= 100x)%s\n",
	       held, (unsigned long long)NGRAN, mem_ratio,
	       mem_ratio >= 100 ? "" : "  BELOW TARGET");
	printf("ripas memory in use (bytes), %zu, array %llu, %.1fx less\n",
	       used, (unsigned long long)NGRAN, (double)NGRAN / (double)used);
	printf("ripas lookups (M/s, best of %d), %.1f, array %.1f, %.2fx the array's time (target <= 1.5x)%s\n",
	       ROUNDS, LOOKUPS / t_tree_get / 1e6, LOOKUPS / t_arr_get / 1e6, look_ratio,
	       look_ratio <= 1.5 ? "" : "  BELOW TARGET");
	printf("ripas changes (k/s), %.0f, array %.0f, %.2fx the array's time\n",
	       CHANGES / t_tree_set / 1e3, CHANGES / t_arr_set / 1e3,
	       t_tree_set / t_arr_set);
	bench_print_load("ripas");
	rlm_ripas_free(t);
	free(arr);
	free(ops);
	free(look);
	return 0;
}
