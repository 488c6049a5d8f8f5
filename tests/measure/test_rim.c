/* SPDX-License-Identifier: BSD-3-Clause */
/* RIM/REM arithmetic against the upstream known answers. */
#include "test_util.h"
#include <realm/realm.h>

struct rim_vec {
	uint32_t s2sz, num_bps, num_wps;
	uint8_t hash_algo;
	const char *rim;
};

/* ../shared/vectors/measurements/upstream_rim_vectors.json (veraison
 * cca-realm-measurements: src/realm_config.rs test_rim, tests/event_log.rs) */
static const struct rim_vec vecs[] = {
	{ 48, 1, 1, 0, "6739dfb22b75ee1268d08dfa8369f501bc0b066243553f069f560d1fa1172973" },
	{ 48, 1, 1, 1, "799e434048fb57eb9d4f0e2a2b98158720377252deab2bdfcd69b5a8f82237f434bd6bb1c75bf160a2d49382f733b3439a3ff769e4ea5dd9a6f72239d44bbbab" },
	{ 48, 5, 3, 0, "8960d56826370aaa6fc9b3a041d4240689582ba41e2ad8bb8f9adf6d2a0cd5e7" },
};

static void test_rim_realm_create_vectors(void **state)
{
	char h[129];
	size_t i;

	(void)state;
	for (i = 0; i < RLM_ARRAY_SIZE(vecs); i++) {
		struct rlm_realm_params p;
		struct rlm_rim rim;

		memset(&p, 0, sizeof(p));
		p.s2sz = vecs[i].s2sz;
		p.num_bps = vecs[i].num_bps;
		p.num_wps = vecs[i].num_wps;
		p.hash_algo = vecs[i].hash_algo;
		/* Unmeasured fields must not change the RIM. */
		memset(p.rpv, 0x5a, sizeof(p.rpv));
		p.vmid = 7;
		p.rtt_base = 0x88000000;
		p.rtt_level_start = 1;
		p.rtt_num_start = 2;
		assert_int_equal(rlm_rim_init(&rim, &p), 0);
		tu_hex(rim.value, rlm_hash_size(rim.algo), h);
		assert_string_equal(h, vecs[i].rim);
		if (rim.algo == RLM_HASH_SHA256)
			for (size_t j = 32; j < 64; j++)
				assert_int_equal(rim.value[j], 0);
	}
}

/* The example of rmi-trace.md: realm s2sz=40, sha256; RTTs at L2 for
 * [0, 1G) and at L3 for [2M, 4M); INIT_RIPAS over [0, 2M) finds no L3 table
 * there, so the walk stops at level 2 and one 2 MiB entry is measured. */
static void test_rim_trace_example(void **state)
{
	struct rlm_realm_params p;
	struct rlm_rim rim;
	char h[129];
	(void)state;
	memset(&p, 0, sizeof(p));
	p.s2sz = 40;
	p.num_bps = 1;
	p.num_wps = 1;
	assert_int_equal(rlm_rim_init(&rim, &p), 0);
	assert_int_equal(rlm_rim_extend_ripas(&rim, 0, 0x200000), 0);
	tu_hex(rim.value, 32, h);
	assert_string_equal(h, "7f8c7d7dd5d0845f56a62190d6d1fd15458a1132897bf0041ea3e0720af799d1");
}

static void test_rem_extend(void **state)
{
	uint8_t rem[64] = { 0 }, expect[64], buf[32 + 64];
	uint8_t data[64];

	(void)state;
	memset(data, 0xab, sizeof(data));
	/* REM = H(REM[0:32] || data[0:size]) */
	memset(buf, 0, 32);
	memcpy(buf + 32, data, 20);
	assert_int_equal(rlm_hash_digest(RLM_HASH_SHA256, buf, 52, expect), 0);
	assert_int_equal(rlm_rem_extend(RLM_HASH_SHA256, rem, data, 20), 0);
	assert_memory_equal(rem, expect, 64);
	/* size 0 hashes the REM alone */
	memcpy(buf, rem, 32);
	assert_int_equal(rlm_hash_digest(RLM_HASH_SHA256, buf, 32, expect), 0);
	assert_int_equal(rlm_rem_extend(RLM_HASH_SHA256, rem, NULL, 0), 0);
	assert_memory_equal(rem, expect, 64);
	/* bad input */
	assert_int_equal(rlm_rem_extend(RLM_HASH_SHA256, rem, data, 65), RLM_EINVAL);
	assert_int_equal(rlm_rem_extend(RLM_HASH_SHA256, NULL, data, 1), RLM_EINVAL);
	assert_int_equal(rlm_rem_extend(RLM_HASH_SHA256, rem, NULL, 1), RLM_EINVAL);
	assert_int_equal(rlm_rem_extend((enum rlm_hash_algo)5, rem, data, 1), RLM_EINVAL);
}

static void test_rim_bad_input(void **state)
{
	struct rlm_realm_params p;
	struct rlm_rec_params rp;
	struct rlm_rim rim;
	uint8_t page[4096] = { 0 };

	(void)state;
	memset(&p, 0, sizeof(p));
	p.hash_algo = 2; /* SHA-384 is not an RMM 1.0 realm hash */
	assert_int_equal(rlm_rim_init(&rim, &p), RLM_EINVAL);
	assert_int_equal(rlm_rim_init(NULL, &p), RLM_EINVAL);
	p.hash_algo = 0;
	assert_int_equal(rlm_rim_init(&rim, &p), 0);
	assert_int_equal(rlm_rim_extend_data(&rim, 0x1000, 2, page), RLM_EINVAL);
	assert_int_equal(rlm_rim_extend_data(&rim, 0x1000, 1, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rim_extend_data(&rim, 0x1001, 0, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rim_extend_ripas(&rim, 0x2000, 0x1000), RLM_EINVAL);
	memset(&rp, 0, sizeof(rp));
	assert_int_equal(rlm_rim_extend_rec(&rim, &rp), RLM_EINVAL); /* not runnable */
	rp.flags = RLM_REC_PARAMS_FLAG_RUNNABLE;
	assert_int_equal(rlm_rim_extend_rec(&rim, &rp), 0);
}

static void test_rim_data_unmeasured_ignores_content(void **state)
{
	struct rlm_realm_params p;
	struct rlm_rim a, b;
	uint8_t page[4096];

	(void)state;
	memset(&p, 0, sizeof(p));
	p.hash_algo = RLM_HASH_SHA512;
	assert_int_equal(rlm_rim_init(&a, &p), 0);
	b = a;
	memset(page, 1, sizeof(page));
	assert_int_equal(rlm_rim_extend_data(&a, 0x8000, 0, page), 0);
	assert_int_equal(rlm_rim_extend_data(&b, 0x8000, 0, NULL), 0);
	assert_memory_equal(a.value, b.value, 64);
	/* measured content changes the RIM */
	assert_int_equal(rlm_rim_extend_data(&a, 0x9000, 1, page), 0);
	page[4095] ^= 1;
	assert_int_equal(rlm_rim_extend_data(&b, 0x9000, 1, page), 0);
	assert_memory_not_equal(a.value, b.value, 64);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rim_realm_create_vectors),
		cmocka_unit_test(test_rim_trace_example),
		cmocka_unit_test(test_rem_extend),
		cmocka_unit_test(test_rim_bad_input),
		cmocka_unit_test(test_rim_data_unmeasured_ignores_content),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
