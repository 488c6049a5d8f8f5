/* SPDX-License-Identifier: BSD-3-Clause */
/* Hash providers: every provider agrees with the built-in SHA-2 (itself
 * checked against FIPS 180-4 example digests) on random inputs fed in odd
 * chunks; dispatch through rlm_hash_set_provider(); bad input. */
#include "test_util.h"
#include <pthread.h>
#include <realm/realm.h>
#include "rlm_config.h"

static const enum rlm_hash_algo algos[] = { RLM_HASH_SHA256, RLM_HASH_SHA384,
					    RLM_HASH_SHA512 };

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 16);
}

static void test_builtin_fips_examples(void **state)
{
	/* FIPS 180-4 / NIST CSRC example values for "abc". */
	static const char *const want[] = {
		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
		"cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
		"8086072ba1e7cc2358baeca134c825a7",
		"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
		"2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
	};
	uint8_t out[64];
	char hex[129];
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		assert_int_equal(rlm_hash_digest_with(&rlm_hash_builtin, algos[i], "abc", 3, out), 0);
		tu_hex(out, rlm_hash_size(algos[i]), hex);
		assert_string_equal(hex, want[i]);
		/* zero past the digest size */
		for (size_t j = rlm_hash_size(algos[i]); j < 64; j++)
			assert_int_equal(out[j], 0);
	}
}

static const struct rlm_hash_provider *providers[4];
static size_t nproviders;

static void collect_providers(void)
{
	nproviders = 0;
	providers[nproviders++] = &rlm_hash_builtin;
	if (rlm_hash_openssl_provider())
		providers[nproviders++] = rlm_hash_openssl_provider();
}

/* Hash buf with provider p in random chunks (sizes 0..200, and some of
 * exactly the block size and one off). */
static void chunked(const struct rlm_hash_provider *p, enum rlm_hash_algo a,
		    const uint8_t *buf, size_t len, uint8_t *out)
{
	static const size_t odd[] = { 1, 63, 64, 65, 127, 128, 129, 0, 3, 1000 };
	struct rlm_hash_ctx ctx;
	size_t off = 0, k = 0;

	assert_int_equal(rlm_hash_init_with(&ctx, a, p), 0);
	while (off < len) {
		size_t n = (k & 1) ? odd[(k / 2) % RLM_ARRAY_SIZE(odd)] : rnd() % 200;

		if (n > len - off)
			n = len - off;
		assert_int_equal(rlm_hash_update(&ctx, buf + off, n), 0);
		off += n;
		k++;
	}
	memset(out, 0, 64);
	assert_int_equal(rlm_hash_final(&ctx, out), 0);
}

static void test_providers_agree(void **state)
{
	static uint8_t buf[70000];
	size_t i, pi, ai, len;

	(void)state;
	collect_providers();
#if RLM_HAVE_OPENSSL
	assert_int_equal(nproviders, 2); /* OpenSSL is built in: it must load */
	assert_string_equal(rlm_hash_default_provider()->name, "openssl");
#else
	assert_string_equal(rlm_hash_default_provider()->name, "builtin");
#endif
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)rnd();
	for (i = 0; i < 120; i++) {
		len = i < 100 ? rnd() % 600 : rnd() % sizeof(buf);
		if (i < 20)
			len = 55 + i; /* padding boundaries of both block sizes */
		for (ai = 0; ai < 3; ai++) {
			uint8_t ref[64], got[64];

			assert_int_equal(rlm_hash_digest_with(&rlm_hash_builtin, algos[ai],
							      buf, len, ref), 0);
			for (pi = 0; pi < nproviders; pi++) {
				assert_int_equal(rlm_hash_digest_with(providers[pi], algos[ai],
								      buf, len, got), 0);
				assert_memory_equal(ref, got, 64);
				chunked(providers[pi], algos[ai], buf, len, got);
				assert_memory_equal(ref, got, rlm_hash_size(algos[ai]));
			}
		}
	}
	/* the empty message */
	for (pi = 0; pi < nproviders; pi++) {
		uint8_t a[64], b[64];

		assert_int_equal(rlm_hash_digest_with(providers[pi], RLM_HASH_SHA256, NULL, 0, a), 0);
		assert_int_equal(rlm_hash_digest_with(&rlm_hash_builtin, RLM_HASH_SHA256, "", 0, b), 0);
		assert_memory_equal(a, b, 64);
	}
}

/* A provider that counts calls and delegates to the built-in one. */
static int counted;
static bool cnt_supports(enum rlm_hash_algo a) { return a != RLM_HASH_SHA384; }
static int cnt_init(struct rlm_hash_ctx *c) { counted++; return rlm_hash_builtin.init(c); }
static int cnt_update(struct rlm_hash_ctx *c, const void *d, size_t n) { return rlm_hash_builtin.update(c, d, n); }
static int cnt_final(struct rlm_hash_ctx *c, uint8_t *o) { return rlm_hash_builtin.final(c, o); }
static int cnt_digest(enum rlm_hash_algo a, const void *d, size_t n, uint8_t *o)
{
	counted += 100;
	return rlm_hash_builtin.digest(a, d, n, o);
}
static const struct rlm_hash_provider counting = {
	"counting", cnt_supports, cnt_init, cnt_update, cnt_final, NULL, cnt_digest,
};

static void test_dispatch(void **state)
{
	struct rlm_hash_provider bad = counting;
	struct rlm_hash_ctx ctx;
	uint8_t a[64], b[64];

	(void)state;
	counted = 0;
	assert_int_equal(rlm_hash_set_provider(&counting), 0);
	assert_ptr_equal(rlm_hash_get_provider(), &counting);
	assert_int_equal(rlm_hash_digest(RLM_HASH_SHA256, "x", 1, a), 0);
	assert_int_equal(counted, 100);
	assert_int_equal(rlm_hash_init(&ctx, RLM_HASH_SHA512), 0);
	assert_int_equal(counted, 101);
	assert_int_equal(rlm_hash_update(&ctx, "x", 1), 0);
	assert_int_equal(rlm_hash_final(&ctx, b), 0);
	/* the provider refuses SHA-384 */
	assert_int_equal(rlm_hash_digest(RLM_HASH_SHA384, "x", 1, a), RLM_ENOTSUP);
	assert_int_equal(rlm_hash_init(&ctx, RLM_HASH_SHA384), RLM_ENOTSUP);
	/* RIM arithmetic goes through the provider too */
	{
		struct rlm_realm_params p;
		struct rlm_rim rim;

		memset(&p, 0, sizeof(p));
		p.s2sz = 40;
		counted = 0;
		assert_int_equal(rlm_rim_init(&rim, &p), 0);
		assert_int_equal(rlm_rim_extend_ripas(&rim, 0, 0x1000), 0);
		assert_true(counted >= 101);
	}
	/* back to the default */
	assert_int_equal(rlm_hash_set_provider(NULL), 0);
	assert_ptr_equal(rlm_hash_get_provider(), rlm_hash_default_provider());
	counted = 0;
	assert_int_equal(rlm_hash_digest(RLM_HASH_SHA256, "x", 1, b), 0);
	assert_int_equal(counted, 0);
	assert_memory_equal(a, b, 64);
	/* incomplete providers are refused and leave the current one */
	bad.digest = NULL;
	assert_int_equal(rlm_hash_set_provider(&bad), RLM_EINVAL);
	bad = counting;
	bad.final = NULL;
	assert_int_equal(rlm_hash_set_provider(&bad), RLM_EINVAL);
	assert_ptr_equal(rlm_hash_get_provider(), rlm_hash_default_provider());
}

static void test_bad_input(void **state)
{
	struct rlm_hash_ctx ctx;
	uint8_t out[64];
	size_t pi;

	(void)state;
	collect_providers();
	for (pi = 0; pi < nproviders; pi++) {
		const struct rlm_hash_provider *p = providers[pi];

		assert_int_equal(rlm_hash_init_with(NULL, RLM_HASH_SHA256, p), RLM_EINVAL);
		assert_int_equal(rlm_hash_init_with(&ctx, (enum rlm_hash_algo)7, p), RLM_EINVAL);
		assert_int_equal(rlm_hash_init_with(&ctx, RLM_HASH_SHA256, NULL), RLM_EINVAL);
		/* a failed init leaves a context that refuses use */
		assert_int_equal(rlm_hash_update(&ctx, "x", 1), RLM_EINVAL);
		assert_int_equal(rlm_hash_final(&ctx, out), RLM_EINVAL);
		/* NULL data with a length aborts the context */
		assert_int_equal(rlm_hash_init_with(&ctx, RLM_HASH_SHA256, p), 0);
		assert_int_equal(rlm_hash_update(&ctx, NULL, 5), RLM_EINVAL);
		assert_int_equal(rlm_hash_final(&ctx, out), RLM_EINVAL);
		/* NULL out releases it */
		assert_int_equal(rlm_hash_init_with(&ctx, RLM_HASH_SHA512, p), 0);
		assert_int_equal(rlm_hash_final(&ctx, NULL), RLM_EINVAL);
		assert_int_equal(rlm_hash_update(&ctx, "x", 1), RLM_EINVAL);
		/* abort is safe, twice */
		assert_int_equal(rlm_hash_init_with(&ctx, RLM_HASH_SHA384, p), 0);
		assert_int_equal(rlm_hash_update(&ctx, "abc", 3), 0);
		rlm_hash_abort(&ctx);
		rlm_hash_abort(&ctx);
		rlm_hash_abort(NULL);
		/* final twice */
		assert_int_equal(rlm_hash_init_with(&ctx, RLM_HASH_SHA256, p), 0);
		assert_int_equal(rlm_hash_final(&ctx, out), 0);
		assert_int_equal(rlm_hash_final(&ctx, out), RLM_EINVAL);
		assert_int_equal(rlm_hash_digest_with(p, RLM_HASH_SHA256, "x", 1, NULL), RLM_EINVAL);
		assert_int_equal(rlm_hash_digest_with(p, RLM_HASH_SHA256, NULL, 1, out), RLM_EINVAL);
		assert_int_equal(rlm_hash_digest_with(p, (enum rlm_hash_algo)-1, "x", 1, out), RLM_EINVAL);
	}
	assert_int_equal(rlm_hash_size((enum rlm_hash_algo)3), 0);
	assert_null(rlm_hash_name((enum rlm_hash_algo)3));
}

/* Many threads hashing at once through the default provider (the OpenSSL
 * one keeps a context per thread) get the built-in's answers. */
struct thr { uint8_t buf[5000]; uint8_t want[64]; int ok; };

static void *thr_fn(void *arg)
{
	struct thr *t = arg;
	uint8_t got[64];
	int i;

	t->ok = 1;
	for (i = 0; i < 300; i++) {
		if (rlm_hash_digest(RLM_HASH_SHA512, t->buf, sizeof(t->buf), got) ||
		    memcmp(got, t->want, 64))
			t->ok = 0;
	}
	return NULL;
}

static void test_threads(void **state)
{
	struct thr t[6];
	pthread_t id[6];
	int i;

	(void)state;
	for (i = 0; i < 6; i++) {
		memset(t[i].buf, i * 17 + 1, sizeof(t[i].buf));
		assert_int_equal(rlm_hash_digest_with(&rlm_hash_builtin, RLM_HASH_SHA512,
						      t[i].buf, sizeof(t[i].buf), t[i].want), 0);
		assert_int_equal(pthread_create(&id[i], NULL, thr_fn, &t[i]), 0);
	}
	for (i = 0; i < 6; i++) {
		pthread_join(id[i], NULL);
		assert_int_equal(t[i].ok, 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_fips_examples),
		cmocka_unit_test(test_providers_agree),
		cmocka_unit_test(test_dispatch),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
