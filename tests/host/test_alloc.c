/* SPDX-License-Identifier: BSD-3-Clause */
/* VMID and MECID allocators against a simple model; the MEC policy. */
#include "test_util.h"
#include <realm/realm.h>
#include <realm/alloc.h>

static void test_vmid_exhaust(void **state)
{
	for (unsigned int bits = 1; bits <= 16; bits++) {
		uint64_t st[RLM_ALLOC_WORDS(65536)];
		struct rlm_vmid_alloc a;
		uint32_t n = 1u << bits;
		uint16_t v;

		(void)state;
		assert_int_equal(rlm_vmid_init(&a, st, RLM_ARRAY_SIZE(st), bits), 0);
		for (uint32_t i = 0; i < n; i++) {
			assert_int_equal(rlm_vmid_alloc(&a, &v), 0);
			assert_int_equal(v, i); /* ascending from 0 */
		}
		assert_int_equal(rlm_vmid_alloc(&a, &v), RLM_ENOSPC);
		/* Free one in the middle: it is the next handed out. */
		assert_int_equal(rlm_vmid_free(&a, (uint16_t)(n / 2)), 0);
		assert_int_equal(rlm_vmid_free(&a, (uint16_t)(n / 2)), RLM_ENOENT);
		assert_int_equal(rlm_vmid_alloc(&a, &v), 0);
		assert_int_equal(v, n / 2);
		assert_int_equal(rlm_vmid_reserve(&a, 0), RLM_EEXIST);
		if (bits < 16)
			assert_int_equal(rlm_vmid_reserve(&a, (uint16_t)n), RLM_ERANGE);
	}
}

static void test_vmid_random(void **state)
{
	uint64_t st[RLM_ALLOC_WORDS(256)];
	bool model[256] = { false };
	struct rlm_vmid_alloc a;
	unsigned int used = 0;

	(void)state;
	assert_int_equal(rlm_vmid_init(&a, st, RLM_ARRAY_SIZE(st), 8), 0);
	srand(7);
	for (int i = 0; i < 100000; i++) {
		uint16_t v = (uint16_t)(rand() % 256);

		switch (rand() % 3) {
		case 0: {
			int r = rlm_vmid_alloc(&a, &v);

			if (used == 256) {
				assert_int_equal(r, RLM_ENOSPC);
			} else {
				assert_int_equal(r, 0);
				assert_false(model[v]);
				model[v] = true;
				used++;
			}
			break;
		}
		case 1:
			assert_int_equal(rlm_vmid_reserve(&a, v), model[v] ? RLM_EEXIST : 0);
			used += !model[v];
			model[v] = true;
			break;
		default:
			assert_int_equal(rlm_vmid_free(&a, v), model[v] ? 0 : RLM_ENOENT);
			used -= model[v];
			model[v] = false;
		}
		assert_int_equal(a.used, used);
	}
}

static void test_vmid_bad(void **state)
{
	uint64_t st[4];
	struct rlm_vmid_alloc a;
	uint16_t v;

	(void)state;
	assert_int_equal(rlm_vmid_init(NULL, st, 4, 8), RLM_EINVAL);
	assert_int_equal(rlm_vmid_init(&a, NULL, 4, 8), RLM_EINVAL);
	assert_int_equal(rlm_vmid_init(&a, st, 4, 0), RLM_ERANGE);
	assert_int_equal(rlm_vmid_init(&a, st, 4, 17), RLM_ERANGE);
	assert_int_equal(rlm_vmid_init(&a, st, 3, 8), RLM_ENOSPC);
	assert_int_equal(rlm_vmid_init(&a, st, 4, 9), RLM_ENOSPC);
	assert_int_equal(rlm_vmid_init(&a, st, 4, 8), 0);
	assert_int_equal(rlm_vmid_alloc(&a, NULL), RLM_EINVAL);
	assert_int_equal(rlm_vmid_alloc(NULL, &v), RLM_EINVAL);
	assert_int_equal(rlm_vmid_free(&a, 256), RLM_ERANGE);
	assert_int_equal(rlm_vmid_free(NULL, 1), RLM_EINVAL);
	assert_int_equal(rlm_vmid_reserve(NULL, 1), RLM_EINVAL);
}

static void test_mecid_no_mec(void **state)
{
	struct rlm_mecid_alloc a;
	uint32_t m = 99;
	bool flag = true;

	(void)state;
	/* No MEC support: MECID 0 for everyone, no RMI call ever needed. */
	assert_int_equal(rlm_mecid_init(&a, NULL, 0, 0, 5), 0);
	for (int i = 0; i < 10; i++) {
		assert_int_equal(rlm_mecid_get(&a, i & 1 ? RLM_MEC_PRIVATE : RLM_MEC_SHARED,
					       &m, &flag), 0);
		assert_int_equal(m, 0);
		assert_false(flag);
	}
	assert_int_equal(rlm_mecid_put(&a, 0, &flag), 0);
	assert_false(flag);
	assert_int_equal(rlm_mecid_put(&a, 3, &flag), RLM_ENOENT);
}

static void test_mecid_policy(void **state)
{
	uint64_t st[RLM_ALLOC_WORDS(16)];
	struct rlm_mecid_alloc a;
	uint32_t m, priv[16];
	bool set_shared, set_private;
	int n = 0;

	(void)state;
	/* MECIDs 0..15, shared one = 1. */
	assert_int_equal(rlm_mecid_init(&a, st, RLM_ARRAY_SIZE(st), 15, 1), 0);
	/* Default (nothing configured): shared; the first user sets it. */
	assert_int_equal(rlm_mecid_get(&a, RLM_MEC_SHARED, &m, &set_shared), 0);
	assert_int_equal(m, 1);
	assert_true(set_shared);
	assert_int_equal(rlm_mecid_get(&a, RLM_MEC_SHARED, &m, &set_shared), 0);
	assert_int_equal(m, 1);
	assert_false(set_shared);
	assert_int_equal(a.shared_refs, 2);
	/* Private ones: 15 available (all but the shared one), distinct. */
	while (rlm_mecid_get(&a, RLM_MEC_PRIVATE, &m, &set_shared) == 0) {
		assert_false(set_shared);
		assert_int_not_equal(m, 1);
		for (int j = 0; j < n; j++)
			assert_int_not_equal(priv[j], m);
		priv[n++] = m;
	}
	assert_int_equal(n, 15);
	assert_int_equal(rlm_mecid_get(&a, RLM_MEC_PRIVATE, &m, &set_shared), RLM_ENOSPC);
	/* Shared users still fine when privates run out. */
	assert_int_equal(rlm_mecid_get(&a, RLM_MEC_SHARED, &m, &set_shared), 0);
	assert_int_equal(a.shared_refs, 3);
	/* Release: the last shared user is told to return it. */
	assert_int_equal(rlm_mecid_put(&a, 1, &set_private), 0);
	assert_false(set_private);
	assert_int_equal(rlm_mecid_put(&a, 1, &set_private), 0);
	assert_false(set_private);
	assert_int_equal(rlm_mecid_put(&a, 1, &set_private), 0);
	assert_true(set_private);
	assert_int_equal(rlm_mecid_put(&a, 1, &set_private), RLM_ENOENT);
	/* ... and the next shared user sets it again. */
	assert_int_equal(rlm_mecid_get(&a, RLM_MEC_SHARED, &m, &set_shared), 0);
	assert_true(set_shared);
	/* A private one freed is reusable; double free refused. */
	assert_int_equal(rlm_mecid_put(&a, priv[3], &set_private), 0);
	assert_false(set_private);
	assert_int_equal(rlm_mecid_put(&a, priv[3], &set_private), RLM_ENOENT);
	assert_int_equal(rlm_mecid_get(&a, RLM_MEC_PRIVATE, &m, &set_shared), 0);
	assert_int_equal(m, priv[3]);
	assert_int_equal(rlm_mecid_put(&a, 16, &set_private), RLM_ERANGE);
	/* Bad input. */
	assert_int_equal(rlm_mecid_get(&a, (enum rlm_mec_policy)7, &m, &set_shared), RLM_EINVAL);
	assert_int_equal(rlm_mecid_get(&a, RLM_MEC_SHARED, NULL, &set_shared), RLM_EINVAL);
	assert_int_equal(rlm_mecid_get(&a, RLM_MEC_SHARED, &m, NULL), RLM_EINVAL);
	assert_int_equal(rlm_mecid_put(NULL, 1, &set_private), RLM_EINVAL);
	assert_int_equal(rlm_mecid_init(&a, st, RLM_ARRAY_SIZE(st), 15, 16), RLM_ERANGE);
	assert_int_equal(rlm_mecid_init(&a, st, RLM_ARRAY_SIZE(st), 64, 1), RLM_ENOSPC);
	assert_int_equal(rlm_mecid_init(&a, NULL, 1, 15, 1), RLM_EINVAL);
	assert_int_equal(rlm_mecid_init(&a, st, 1, 0x10000, 1), RLM_ERANGE);
	assert_int_equal(rlm_mecid_init(NULL, st, 1, 15, 1), RLM_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vmid_exhaust),
		cmocka_unit_test(test_vmid_random),
		cmocka_unit_test(test_vmid_bad),
		cmocka_unit_test(test_mecid_no_mec),
		cmocka_unit_test(test_mecid_policy),
	};

	return cmocka_run_group_tests_name("alloc", tests, NULL, NULL);
}
