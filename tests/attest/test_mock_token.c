/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * End to end through the mock RMM: a realm (measured data page, a REC)
 * extends REM0, asks for a token with RSI_ATTESTATION_TOKEN_INIT and
 * CONTINUE into its own memory; the token, built by the mock's provider
 * (the core's ECDSA, what the kernel module runs), verifies with OpenSSL,
 * binds, and carries exactly the realm's RIM, REMs and the challenge it
 * asked with (checked against rlm_mock_measurement); and that provider's
 * own API.
 */
#include <stdlib.h>

#include "test_util.h"
#include "mock_fx.h"

#include <realm/token.h>
#include <realm/mock.h>

/* provider: the platform curve, 384 or 256; 0: no configuration (P-384) */
static void token_from_mock_realm_(int provider)
{
	struct rlm_mock_attest_portable pa;
	struct rlm_mock_attest prov;
	struct rlm_conduit rsi;
	struct rlm_smc_regs r;
	struct rlm_token_result res;
	struct rlm_token_key *key;
	struct rlm_token *t;
	struct fx f;
	uint8_t challenge[64], rim[64], rem0[64], *src, *tok, *copy;
	size_t hs, plen, len, i;
	uint64_t rd, rec, bound;

	fx_init(&f);
	rd = G(&f, 0);
	fx_realm(&f, 0, 1, 1);                       /* RD 0, roots 1..2 */
	fx_rtt(&f, 0, 3, 0, 2);                      /* L2 and L3 tables for IPA 0 */
	fx_rtt(&f, 0, 4, 0, 3);
	assert_int_equal(CALL3(&f, RTT_INIT_RIPAS, rd, 0, RLM_GRANULE_SIZE), FX_OK);
	src = rlm_mock_ns_ptr(f.m, NS(&f, 10), RLM_GRANULE_SIZE);
	assert_non_null(src);
	memset(src, 0x5c, RLM_GRANULE_SIZE);
	fx_delegate(&f, G(&f, 5));
	assert_int_equal(CALL5(&f, DATA_CREATE, rd, G(&f, 5), 0, NS(&f, 10),
			       RLM_RMI_MEASURE_CONTENT), FX_OK);
	fx_rec(&f, 0, 6, 0, true, 7);
	rec = G(&f, 6);
	assert_int_equal(CALL1(&f, REALM_ACTIVATE, rd), FX_OK);

	if (provider) {
		struct rlm_mock_attest_portable_config pc = { .platform_curve = provider };

		assert_int_equal(rlm_mock_attest_portable_init(&pa, &pc, &prov), 0);
	} else {
		assert_int_equal(rlm_mock_attest_portable_init(&pa, NULL, &prov), 0);
	}
	rlm_mock_set_attest(f.m, &prov);
	assert_int_equal(rlm_mock_rsi_conduit(f.m, rec, &rsi), 0);

	/* REM0 extend with 32 bytes */
	memset(&r, 0, sizeof(r));
	r.x[0] = RLM_SMC_RSI_MEASUREMENT_EXTEND;
	r.x[1] = 1;
	r.x[2] = 32;
	for (i = 3; i < 7; i++)
		r.x[i] = 0x0101010101010101ull * i;
	assert_int_equal(rlm_conduit_call(&rsi, &r), 0);
	assert_int_equal(r.x[0], RLM_RSI_SUCCESS);

	/* TOKEN_INIT with a 64-byte challenge in X1..X8 (little-endian) */
	for (i = 0; i < 64; i++)
		challenge[i] = (uint8_t)(0xc0 ^ i);
	memset(&r, 0, sizeof(r));
	r.x[0] = RLM_SMC_RSI_ATTESTATION_TOKEN_INIT;
	for (i = 0; i < 8; i++)
		r.x[1 + i] = rlm_get_le64(challenge + 8 * i);
	assert_int_equal(rlm_conduit_call(&rsi, &r), 0);
	assert_int_equal(r.x[0], RLM_RSI_SUCCESS);
	bound = r.x[1];
	assert_true(bound >= 1024);

	/* CONTINUE into the realm's page at IPA 0 until SUCCESS */
	len = 0;
	for (i = 0; i < 16; i++) {
		memset(&r, 0, sizeof(r));
		r.x[0] = RLM_SMC_RSI_ATTESTATION_TOKEN_CONTINUE;
		r.x[1] = 0;
		r.x[2] = len;
		r.x[3] = 512; /* small chunks: exercise INCOMPLETE */
		assert_int_equal(rlm_conduit_call(&rsi, &r), 0);
		if (r.x[0] != RLM_RSI_INCOMPLETE && r.x[0] != RLM_RSI_SUCCESS)
			fail_msg("TOKEN_CONTINUE status %llu", (unsigned long long)r.x[0]);
		len += r.x[1];
		if (r.x[0] == RLM_RSI_SUCCESS)
			break;
	}
	assert_int_equal(r.x[0], RLM_RSI_SUCCESS);
	assert_true(len > 0 && len <= bound && len <= RLM_GRANULE_SIZE);
	tok = rlm_mock_realm_mem(f.m, rd, 0, len);
	assert_non_null(tok);
	copy = malloc(len);
	memcpy(copy, tok, len);

	t = calloc(1, sizeof(*t));
	assert_int_equal(rlm_token_decode(copy, len, t), 0);
	{
		uint8_t pt[97];

		assert_int_equal(rlm_mock_attest_portable_platform_point(&pa, pt, sizeof(pt),
									 &plen), 0);
		assert_int_equal(plen, provider == 256 ? 65 : 97);
		assert_int_equal(rlm_token_key_from_point(pt, plen, &key), 0);
		assert_int_equal(t->platform_token.alg, provider == 256 ? RLM_COSE_ALG_ES256
								       : RLM_COSE_ALG_ES384);
		/* the RAK the token carries is the realm's derived one */
		assert_int_equal(rlm_mock_attest_portable_rak_point(&pa, rd, pt, sizeof(pt),
								    &plen), 0);
		assert_memory_equal(t->realm.rak_point, pt, 97);
	}
	assert_int_equal(rlm_token_verify(t, key, &res), 0);
	assert_int_equal(res.verdict, RLM_TOKEN_OK);

	/* the claims are the realm's */
	assert_int_equal(rlm_mock_measurement(f.m, rd, 0, rim, &hs), 0);
	assert_int_equal(hs, 32);
	assert_int_equal(t->realm.rim.len, hs);
	assert_memory_equal(t->realm.rim.ptr, rim, hs);
	assert_int_equal(rlm_mock_measurement(f.m, rd, 1, rem0, &hs), 0);
	assert_memory_equal(t->realm.rem[0].ptr, rem0, hs);
	for (i = 0; i < hs; i++)
		if (rem0[i])
			break;
	assert_true(i < hs); /* REM0 was extended */
	assert_memory_equal(t->realm.challenge.ptr, challenge, 64);
	assert_true(rlm_cbor_tstr_eq((const char *)t->realm.hash_algo.ptr,
				     t->realm.hash_algo.len, "sha-256"));
	{
		struct rlm_token_refvals ref;
		const char *claim;

		memset(&ref, 0, sizeof(ref));
		ref.rim = rim;
		ref.rim_len = 64;
		ref.rem[0] = rem0;
		ref.rem_len[0] = 64;
		ref.challenge = challenge;
		ref.challenge_len = 64;
		ref.hash_algo = "sha-256";
		assert_int_equal(rlm_token_check_refvals(t, &ref, &claim), 0);
		rim[0] ^= 1;
		assert_int_equal(rlm_token_check_refvals(t, &ref, &claim), RLM_EMISMATCH);
		assert_string_equal(claim, "rim");
	}

	/* without a provider the RMM answers ERROR_STATE */
	rlm_mock_set_attest(f.m, NULL);
	memset(&r, 0, sizeof(r));
	r.x[0] = RLM_SMC_RSI_ATTESTATION_TOKEN_INIT;
	assert_int_equal(rlm_conduit_call(&rsi, &r), 0);
	assert_int_equal(r.x[0], RLM_RSI_ERROR_STATE);

	rlm_token_key_free(key);
	free(t);
	free(copy);
	fx_fini(&f);
}

static void test_token_from_mock_realm(void **state)
{
	(void)state;
	token_from_mock_realm_(0);
}

static void test_portable_token_from_mock_realm(void **state)
{
	(void)state;
	token_from_mock_realm_(384);
	token_from_mock_realm_(256);
}

static void claims_(struct rlm_mock_claims *cl, uint64_t rd)
{
	size_t i;

	memset(cl, 0, sizeof(*cl));
	cl->rd = rd;
	cl->hash_algo = RLM_HASH_SHA512;
	for (i = 0; i < 64; i++) {
		cl->challenge[i] = (uint8_t)i;
		cl->rim[i] = (uint8_t)(0x80 + i);
		cl->rem[2][i] = (uint8_t)(0x40 + i);
	}
}

/* The portable provider directly: deterministic keys and tokens, each
 * realm its own RAK, the seed choosing every key, and bad input. */
static void test_portable_provider(void **state)
{
	struct rlm_mock_attest_portable a, b;
	struct rlm_mock_attest_portable_config cfg;
	struct rlm_mock_attest prov;
	struct rlm_mock_claims cl;
	struct rlm_token_result res;
	struct rlm_token_key *key;
	struct rlm_token *t;
	uint8_t *t1, *t2, pt[97], pt2[97], rak1[97], rak2[97];
	size_t l1, l2, plen, need = 0;

	(void)state;
	t1 = malloc(8192);
	t2 = malloc(8192);
	t = calloc(1, sizeof(*t));
	assert_true(t1 && t2 && t);
	assert_int_equal(rlm_mock_attest_portable_init(&a, NULL, &prov), 0);
	assert_ptr_equal(prov.ctx, &a);
	claims_(&cl, 0x1000);
	assert_int_equal(prov.token(prov.ctx, &cl, t1, 8192, &l1), 0);
	assert_int_equal(rlm_mock_attest_portable_token(&a, &cl, t2, 8192, &l2), 0);
	assert_int_equal(l1, l2);
	assert_memory_equal(t1, t2, l1);           /* RFC 6979: deterministic */
	assert_int_equal(rlm_token_decode(t1, l1, t), 0);
	assert_int_equal(rlm_mock_attest_portable_platform_point(&a, pt, sizeof(pt), &plen), 0);
	assert_int_equal(rlm_token_key_from_point(pt, plen, &key), 0);
	assert_int_equal(rlm_token_verify(t, key, &res), 0);
	assert_memory_equal(t->realm.rem[2].ptr, cl.rem[2], 64);
	/* instance ID: 0x01 || SHA-256(platform point) */
	{
		uint8_t h[64];

		assert_int_equal(rlm_hash_digest(RLM_HASH_SHA256, pt, plen, h), 0);
		assert_int_equal(t->platform.instance_id.len, 33);
		assert_int_equal(t->platform.instance_id.ptr[0], 1);
		assert_memory_equal(t->platform.instance_id.ptr + 1, h, 32);
	}
	/* measuring: NULL buffer or a short one gives the size */
	assert_int_equal(rlm_mock_attest_portable_token(&a, &cl, NULL, 0, &need), RLM_ENOSPC);
	assert_int_equal(need, l1);
	need = 0;
	assert_int_equal(rlm_mock_attest_portable_token(&a, &cl, t2, l1 - 1, &need), RLM_ENOSPC);
	assert_int_equal(need, l1);
	/* a tampered token fails */
	t1[l1 - 5] ^= 1;
	assert_int_equal(rlm_token_decode(t1, l1, t), 0);
	assert_int_equal(rlm_token_verify(t, key, &res), RLM_EVERIFY);
	assert_int_equal(res.realm_signature, RLM_TOKEN_BAD);
	rlm_token_key_free(key);

	/* another realm: another RAK, same platform key */
	assert_int_equal(rlm_mock_attest_portable_rak_point(&a, 0x1000, rak1, sizeof(rak1), &plen), 0);
	assert_int_equal(rlm_mock_attest_portable_rak_point(&a, 0x2000, rak2, sizeof(rak2), &plen), 0);
	assert_memory_not_equal(rak1, rak2, 97);
	/* another seed: other keys; the same seed again: the same keys */
	memset(&cfg, 0, sizeof(cfg));
	cfg.seed = (const uint8_t *)"another seed";
	cfg.seed_len = 12;
	assert_int_equal(rlm_mock_attest_portable_init(&b, &cfg, NULL), 0);
	assert_int_equal(rlm_mock_attest_portable_platform_point(&b, pt2, sizeof(pt2), &plen), 0);
	assert_memory_not_equal(pt, pt2, 97);
	assert_int_equal(rlm_mock_attest_portable_rak_point(&b, 0x1000, rak2, sizeof(rak2), &plen), 0);
	assert_memory_not_equal(rak1, rak2, 97);
	assert_int_equal(rlm_mock_attest_portable_init(&b, NULL, NULL), 0);
	assert_int_equal(rlm_mock_attest_portable_platform_point(&b, pt2, sizeof(pt2), &plen), 0);
	assert_memory_equal(pt, pt2, 97);

	/* bad input */
	assert_int_equal(rlm_mock_attest_portable_init(NULL, NULL, NULL), RLM_EINVAL);
	cfg.platform_curve = 521;
	assert_int_equal(rlm_mock_attest_portable_init(&b, &cfg, NULL), RLM_ENOTSUP);
	cfg.platform_curve = 0;
	cfg.seed_len = RLM_MOCK_ATTEST_SEED_MAX + 1;
	assert_int_equal(rlm_mock_attest_portable_init(&b, &cfg, NULL), RLM_EINVAL);
	cfg.seed = NULL;
	cfg.seed_len = 1;
	assert_int_equal(rlm_mock_attest_portable_init(&b, &cfg, NULL), RLM_EINVAL);
	assert_int_equal(rlm_mock_attest_portable_token(NULL, &cl, t1, 8192, &l1), RLM_EINVAL);
	assert_int_equal(rlm_mock_attest_portable_token(&a, NULL, t1, 8192, &l1), RLM_EINVAL);
	assert_int_equal(rlm_mock_attest_portable_token(&a, &cl, t1, 8192, NULL), RLM_EINVAL);
	cl.hash_algo = (enum rlm_hash_algo)7;
	assert_int_equal(rlm_mock_attest_portable_token(&a, &cl, t1, 8192, &l1), RLM_EINVAL);
	assert_int_equal(rlm_mock_attest_portable_platform_point(&a, pt, 96, &plen), RLM_ENOSPC);
	assert_int_equal(plen, 97);
	assert_int_equal(rlm_mock_attest_portable_platform_point(NULL, pt, 97, &plen), RLM_EINVAL);
	assert_int_equal(rlm_mock_attest_portable_rak_point(&a, 1, pt, 96, &plen), RLM_ENOSPC);
	memset(&b, 0, sizeof(b));                  /* never initialised */
	assert_int_equal(rlm_mock_attest_portable_token(&b, &cl, t1, 8192, &l1), RLM_EINVAL);
	assert_int_equal(rlm_mock_token_build(NULL, &cl, t1, 8192, &l1), RLM_EINVAL);
	free(t);
	free(t1);
	free(t2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_token_from_mock_realm),
		cmocka_unit_test(test_portable_token_from_mock_realm),
		cmocka_unit_test(test_portable_provider),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
