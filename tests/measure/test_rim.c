/* SPDX-License-Identifier: BSD-3-Clause */
/* RIM/REM arithmetic against the upstream known answers. */
#include "test_util.h"
#include <realm/realm.h>

struct rim_vec {
	uint32_t s2sz, num_bps, num_wps;
	uint8_t hash_algo;
	const char *rim;
};

/* tests/vectors/measurements/upstream_rim_vectors.json (veraison
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

/* rlm_rim_extend_image (parallel) == rlm_rim_extend_blob (streaming,
 * sequential) == the rlm_rim_extend_data loop over zero-padded pages, for
 * any thread count and image size. */
static void test_rim_image_parallel(void **state)
{
	static const size_t sizes[] = { 1, 4095, 4096, 4097, 3 * 4096 + 5,
					256 * 4096, 256 * 4096 + 1, 1300 * 4096 + 77 };
	static const unsigned int threads[] = { 1, 2, 3, 8, 0 };
	size_t si, off, i, nthr = RLM_ARRAY_SIZE(threads);
	uint8_t *img = malloc(1300 * 4096 + 77);
	uint8_t page[4096];

	(void)state;
	assert_non_null(img);
	for (i = 0; i < 1300 * 4096 + 77; i++)
		img[i] = (uint8_t)(i * 2654435761u >> 13);
	for (si = 0; si < RLM_ARRAY_SIZE(sizes); si++) {
		for (uint8_t algo = 0; algo < 2; algo++) {
			struct rlm_realm_params p;
			struct rlm_rim base, ref, blob, par;
			size_t len = sizes[si];

			memset(&p, 0, sizeof(p));
			p.s2sz = 44;
			p.hash_algo = algo;
			assert_int_equal(rlm_rim_init(&base, &p), 0);
			ref = base;
			/* the small sizes the slow way; the others via blob */
			if (len < 300 * 4096) {
				for (off = 0; off < len; off += 4096) {
					memset(page, 0, sizeof(page));
					memcpy(page, img + off, len - off < 4096 ? len - off : 4096);
					assert_int_equal(rlm_rim_extend_data(&ref, 0x40000000 + off,
									     1, page), 0);
				}
			}
			blob = base;
			assert_int_equal(rlm_rim_extend_blob(&blob, 0x40000000, img, len, 1), 0);
			if (len < 300 * 4096)
				assert_memory_equal(ref.value, blob.value, 64);
			for (i = 0; i < nthr; i++) {
				par = base;
				assert_int_equal(rlm_rim_extend_image(&par, 0x40000000, img, len, 1,
								      threads[i]), 0);
				assert_memory_equal(par.value, blob.value, 64);
			}
			/* address-only measurement ignores the bytes */
			par = base;
			ref = base;
			assert_int_equal(rlm_rim_extend_image(&par, 0x40000000, img, len, 0,
							      threads[nthr - 1]), 0);
			assert_int_equal(rlm_rim_extend_blob(&ref, 0x40000000, NULL, len, 0), 0);
			assert_memory_equal(par.value, ref.value, 64);
			assert_memory_not_equal(par.value, blob.value, 64);
		}
	}
	{
		struct rlm_rim r;
		struct rlm_realm_params p;

		memset(&p, 0, sizeof(p));
		assert_int_equal(rlm_rim_init(&r, &p), 0);
		assert_int_equal(rlm_rim_extend_image(&r, 0x1001, img, 10, 1, 1), RLM_EINVAL);
		assert_int_equal(rlm_rim_extend_image(&r, 0x1000, NULL, 10, 1, 1), RLM_EINVAL);
		assert_int_equal(rlm_rim_extend_image(&r, 0x1000, img, 10, 2, 1), RLM_EINVAL);
		assert_int_equal(rlm_rim_extend_image(NULL, 0x1000, img, 10, 1, 1), RLM_EINVAL);
		assert_int_equal(rlm_rim_extend_image(&r, UINT64_MAX & ~0xfffULL, img, 8193, 1, 1),
				 RLM_ERANGE);
		{
			struct rlm_rim before = r;

			assert_int_equal(rlm_rim_extend_image(&r, 0x1000, img, 0, 1, 1), 0);
			assert_memory_equal(before.value, r.value, 64);
		}
		assert_int_equal(rlm_rim_extend_blob(&r, UINT64_MAX - 10, img, 100, 1), RLM_ERANGE);
		assert_int_equal(rlm_rim_extend_blob(&r, 0, NULL, 100, 1), RLM_EINVAL);
		assert_int_equal(rlm_rim_extend_blob(&r, 0, img, 100, 3), RLM_EINVAL);
	}
	free(img);
}

/* A provider whose digest fails after a number of calls. */
static int fail_after_;

static int failing_digest(enum rlm_hash_algo algo, const void *data, size_t len,
			  uint8_t *out)
{
	/* atomic: the image helper calls this from several threads */
	if (__atomic_fetch_sub(&fail_after_, 1, __ATOMIC_RELAXED) <= 0)
		return RLM_ECRYPTO;
	return rlm_hash_builtin.digest(algo, data, len, out);
}

/* A hash failure part-way through an image: the error comes back and the
 * RIM is left as it was (nothing half done), on one thread or several. */
static void test_rim_image_hash_failure(void **state)
{
	static const unsigned int threads[] = { 1, 2 };
	struct rlm_hash_provider failing = rlm_hash_builtin;
	size_t len = 600 * 4096, i;
	uint8_t *img = calloc(len, 1);
	struct rlm_realm_params p;
	struct rlm_rim r, before;

	(void)state;
	assert_non_null(img);
	failing.name = "failing";
	failing.digest = failing_digest;
	memset(&p, 0, sizeof(p));
	assert_int_equal(rlm_rim_init(&r, &p), 0);
	before = r;
	assert_int_equal(rlm_hash_set_provider(&failing), 0);
	for (i = 0; i < RLM_ARRAY_SIZE(threads); i++) {
		/* part-way: 1200 digests would be needed */
		__atomic_store_n(&fail_after_, 700, __ATOMIC_RELAXED);
		assert_int_equal(rlm_rim_extend_image(&r, 0x40000000, img, len, 1,
						      threads[i]), RLM_ECRYPTO);
		assert_memory_equal(r.value, before.value, 64);
	}
	assert_int_equal(rlm_hash_set_provider(NULL), 0);
	assert_int_equal(rlm_rim_extend_image(&r, 0x40000000, img, len, 1, 1), 0);
	assert_memory_not_equal(r.value, before.value, 64);
	free(img);
}

/* RIPAS ranges split into the largest RTT entries that fit. */
static void test_rim_ripas_range(void **state)
{
	struct rlm_realm_params p;
	struct rlm_rim a, b;
	uint64_t x;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.s2sz = 40;   /* start level 1 after concatenation: 1G, 2M, 4K */
	assert_int_equal(rlm_rim_init(&a, &p), 0);
	b = a;
	/* [4K, 1G + 2M + 8K): 511 x 4K, 511 x 2M, then 2M, 4K, 4K */
	assert_int_equal(rlm_rim_extend_ripas_range(&a, 40, 0x1000, 0x40000000 + 0x200000 + 0x2000), 0);
	for (x = 0x1000; x < 0x200000; x += 0x1000)
		assert_int_equal(rlm_rim_extend_ripas(&b, x, x + 0x1000), 0);
	for (x = 0x200000; x < 0x40000000; x += 0x200000)
		assert_int_equal(rlm_rim_extend_ripas(&b, x, x + 0x200000), 0);
	assert_int_equal(rlm_rim_extend_ripas(&b, 0x40000000, 0x40200000), 0);
	assert_int_equal(rlm_rim_extend_ripas(&b, 0x40200000, 0x40201000), 0);
	assert_int_equal(rlm_rim_extend_ripas(&b, 0x40201000, 0x40202000), 0);
	assert_memory_equal(a.value, b.value, 64);
	/* a whole aligned GiB is one entry */
	assert_int_equal(rlm_rim_extend_ripas_range(&a, 40, 0x40000000, 0x80000000), 0);
	assert_int_equal(rlm_rim_extend_ripas(&b, 0x40000000, 0x80000000), 0);
	assert_memory_equal(a.value, b.value, 64);
	/* s2sz 48: level 0 start, 512 GiB entries */
	b = a;
	assert_int_equal(rlm_rim_extend_ripas_range(&a, 48, 0, 0x8000000000ULL), 0);
	assert_int_equal(rlm_rim_extend_ripas(&b, 0, 0x8000000000ULL), 0);
	assert_memory_equal(a.value, b.value, 64);
	/* s2sz 36: 26 bits above 4 KiB: start level 2 with 16 concatenated
	 * tables, so the biggest entry is 2 MiB */
	b = a;
	assert_int_equal(rlm_rim_extend_ripas_range(&a, 36, 0, 0x400000), 0);
	assert_int_equal(rlm_rim_extend_ripas(&b, 0, 0x200000), 0);
	assert_int_equal(rlm_rim_extend_ripas(&b, 0x200000, 0x400000), 0);
	assert_memory_equal(a.value, b.value, 64);
	/* bad input */
	assert_int_equal(rlm_rim_extend_ripas_range(&a, 40, 0x1000, 0x1000), RLM_EINVAL);
	assert_int_equal(rlm_rim_extend_ripas_range(&a, 40, 0x1001, 0x2000), RLM_EINVAL);
	assert_int_equal(rlm_rim_extend_ripas_range(&a, 31, 0, 0x2000), RLM_EINVAL);
	assert_int_equal(rlm_rim_extend_ripas_range(&a, 40, 0, 0x10000000000ULL), RLM_ERANGE);
	assert_int_equal(rlm_rim_extend_ripas_range(NULL, 40, 0, 0x1000), RLM_EINVAL);
}

static void test_refvals_json(void **state)
{
	struct rlm_realm_mrs m;
	uint8_t rpv[64];
	char out[1024], small[40];
	size_t len;

	(void)state;
	memset(&m, 0, sizeof(m));
	memset(rpv, 0xab, sizeof(rpv));
	assert_int_equal(rlm_refvals_json(&m, rpv, out, sizeof(out), &len), RLM_EINVAL);
	m.have_rim = true;
	m.algo = RLM_HASH_SHA256;
	m.rim[0] = 0x12;
	m.rem[3][31] = 0xff;
	assert_int_equal(rlm_refvals_json(&m, rpv, out, sizeof(out), &len), 0);
	assert_int_equal(len, strlen(out));
	assert_non_null(strstr(out, "\"hash_algo\":\"sha-256\""));
	assert_non_null(strstr(out, "\"rim\":\"12000000"));
	assert_non_null(strstr(out, "00ff\"],\"rpv\":\"abab"));
	assert_null(strstr(out, "0000000000000000000000000000000000000000000000000000000000000000000"));
	assert_int_equal(rlm_refvals_json(&m, rpv, small, sizeof(small), &len), RLM_ENOSPC);
	assert_int_equal(small[0], 0);
	m.algo = RLM_HASH_SHA512;
	assert_int_equal(rlm_refvals_json(&m, NULL, out, sizeof(out), NULL), 0);
	assert_non_null(strstr(out, "sha-512"));
	assert_int_equal(strlen(out), 14 + 7 + 8 + 130 + 8 + 4 * 130 + 3 + 8 + 130 + 1);
	m.algo = RLM_HASH_SHA384;
	assert_int_equal(rlm_refvals_json(&m, NULL, out, sizeof(out), NULL), RLM_EINVAL);
	assert_int_equal(rlm_refvals_json(NULL, NULL, out, sizeof(out), NULL), RLM_EINVAL);
}

/* One measurement-map {0: key, 1: {2: [[alg, value]]}}: checks key and alg,
 * returns the value. */
static const uint8_t *corim_digest_(struct rlm_cbor *c, const char *key,
				    const char *alg, size_t *vlen)
{
	const char *s;
	const uint8_t *v;
	size_t n;
	uint64_t u;

	assert_int_equal(rlm_cbor_get_map(c, &u), 0);
	assert_int_equal(u, 2);
	assert_int_equal(rlm_cbor_get_uint(c, &u), 0);
	assert_int_equal(u, 0);
	assert_int_equal(rlm_cbor_get_tstr(c, &s, &n), 0);
	assert_true(rlm_cbor_tstr_eq(s, n, key));
	assert_int_equal(rlm_cbor_get_uint(c, &u), 0);
	assert_int_equal(u, 1);
	assert_int_equal(rlm_cbor_get_map(c, &u), 0);
	assert_int_equal(u, 1);
	assert_int_equal(rlm_cbor_get_uint(c, &u), 0);
	assert_int_equal(u, 2);
	assert_int_equal(rlm_cbor_get_array(c, &u), 0);
	assert_int_equal(u, 1);
	assert_int_equal(rlm_cbor_get_array(c, &u), 0);
	assert_int_equal(u, 2);
	assert_int_equal(rlm_cbor_get_tstr(c, &s, &n), 0);
	assert_true(rlm_cbor_tstr_eq(s, n, alg));
	assert_int_equal(rlm_cbor_get_bstr(c, &v, vlen), 0);
	return v;
}

/* Walk a CoMID as cca-realm-measurements writes it; nrem 0 or 4. */
static void corim_check_comid_(const uint8_t *b, size_t len, const struct rlm_realm_mrs *m,
			       const uint8_t *rpv, const uint8_t *id, unsigned int nrem)
{
	const char *alg = m->algo == RLM_HASH_SHA256 ? "sha-256" : "sha-512";
	size_t hs = rlm_hash_size(m->algo), n;
	char key[16];
	struct rlm_cbor c;
	const uint8_t *v;
	const char *s;
	uint64_t u;
	unsigned int i;

	assert_int_equal(rlm_cbor_decode(&c, b, len, NULL), 0);
	assert_int_equal(rlm_cbor_get_map(&c, &u), 0);
	assert_int_equal(u, 2);
	assert_int_equal(rlm_cbor_get_uint(&c, &u), 0);
	assert_int_equal(u, 1);                            /* tag-identity */
	assert_int_equal(rlm_cbor_get_map(&c, &u), 0);
	assert_int_equal(u, 1);
	assert_int_equal(rlm_cbor_get_uint(&c, &u), 0);
	assert_int_equal(u, 0);
	assert_int_equal(rlm_cbor_get_bstr(&c, &v, &n), 0);
	assert_int_equal(n, 16);
	assert_memory_equal(v, id, 16);
	assert_int_equal(rlm_cbor_get_uint(&c, &u), 0);
	assert_int_equal(u, 4);                            /* triples */
	assert_int_equal(rlm_cbor_get_map(&c, &u), 0);
	assert_int_equal(u, 1);
	assert_int_equal(rlm_cbor_get_uint(&c, &u), 0);
	assert_int_equal(u, 0);                            /* reference-triples */
	assert_int_equal(rlm_cbor_get_array(&c, &u), 0);
	assert_int_equal(u, 1);
	assert_int_equal(rlm_cbor_get_array(&c, &u), 0);
	assert_int_equal(u, 2);
	assert_int_equal(rlm_cbor_get_map(&c, &u), 0);
	assert_int_equal(u, 1);
	assert_int_equal(rlm_cbor_get_uint(&c, &u), 0);
	assert_int_equal(u, 0);                            /* class */
	assert_int_equal(rlm_cbor_get_map(&c, &u), 0);
	assert_int_equal(u, 1);
	assert_int_equal(rlm_cbor_get_uint(&c, &u), 0);
	assert_int_equal(u, 0);                            /* class-id */
	assert_int_equal(rlm_cbor_get_tag(&c, &u), 0);
	assert_int_equal(u, 560);
	assert_int_equal(rlm_cbor_get_bstr(&c, &v, &n), 0);
	assert_int_equal(n, hs);
	assert_memory_equal(v, m->rim, hs);
	assert_int_equal(rlm_cbor_get_array(&c, &u), 0);
	assert_int_equal(u, 2 + nrem);
	v = corim_digest_(&c, "cca.rim", alg, &n);
	assert_int_equal(n, hs);
	assert_memory_equal(v, m->rim, hs);
	for (i = 0; i < nrem; i++) {
		snprintf(key, sizeof(key), "cca.rem%u", i);
		v = corim_digest_(&c, key, alg, &n);
		assert_int_equal(n, hs);
		assert_memory_equal(v, m->rem[i], hs);
	}
	assert_int_equal(rlm_cbor_get_map(&c, &u), 0);
	assert_int_equal(u, 2);
	assert_int_equal(rlm_cbor_get_uint(&c, &u), 0);
	assert_int_equal(rlm_cbor_get_tstr(&c, &s, &n), 0);
	assert_true(rlm_cbor_tstr_eq(s, n, "cca.rpv"));
	assert_int_equal(rlm_cbor_get_uint(&c, &u), 0);
	assert_int_equal(u, 1);
	assert_int_equal(rlm_cbor_get_map(&c, &u), 0);
	assert_int_equal(rlm_cbor_get_uint(&c, &u), 0);
	assert_int_equal(u, 4);                            /* raw-value */
	assert_int_equal(rlm_cbor_get_tag(&c, &u), 0);
	assert_int_equal(u, 560);
	assert_int_equal(rlm_cbor_get_bstr(&c, &v, &n), 0);
	assert_int_equal(n, 64);
	assert_memory_equal(v, rpv, 64);
	assert_true(rlm_cbor_at_end(&c));
}

static void test_refvals_corim(void **state)
{
	static const uint8_t zero[64];
	struct rlm_realm_mrs m;
	uint8_t rpv[64], id[16], out[1024], out2[1024], small[100];
	struct rlm_cbor c;
	const uint8_t *v;
	const char *s;
	size_t len, len2, need, n;
	uint64_t u;
	char uuid[37];
	unsigned int i;

	(void)state;
	memset(&m, 0, sizeof(m));
	memset(rpv, 0xab, sizeof(rpv));
	for (i = 0; i < 16; i++)
		id[i] = (uint8_t)(0xa0 + i);
	/* no RIM: nothing to endorse */
	assert_int_equal(rlm_refvals_corim(&m, rpv, id, 0, out, sizeof(out), &len), RLM_EINVAL);
	m.have_rim = true;
	m.algo = RLM_HASH_SHA256;
	for (i = 0; i < 32; i++)
		m.rim[i] = (uint8_t)(i + 1);
	m.rem[2][0] = 0x77;

	/* The bare CoMID, given tag-id. */
	assert_int_equal(rlm_refvals_corim(&m, rpv, id, RLM_REFVALS_COMID, out, sizeof(out), &len), 0);
	corim_check_comid_(out, len, &m, rpv, id, 4);
	/* REMs left out */
	assert_int_equal(rlm_refvals_corim(&m, NULL, id, RLM_REFVALS_COMID | RLM_REFVALS_NO_REMS,
					   out, sizeof(out), &len), 0);
	corim_check_comid_(out, len, &m, zero, id, 0);

	/* The CoRIM: 501({0: uuid text, 1: [506(bstr CoMID)], 3: 32(profile)}) */
	assert_int_equal(rlm_refvals_corim(&m, rpv, id, RLM_REFVALS_COMID, out2, sizeof(out2), &len2), 0);
	assert_int_equal(rlm_refvals_corim(&m, rpv, id, 0, out, sizeof(out), &len), 0);
	assert_int_equal(rlm_cbor_decode(&c, out, len, NULL), 0);
	assert_int_equal(rlm_cbor_get_tag(&c, &u), 0);
	assert_int_equal(u, 501);
	assert_int_equal(rlm_cbor_get_map(&c, &u), 0);
	assert_int_equal(u, 3);
	assert_int_equal(rlm_cbor_get_uint(&c, &u), 0);
	assert_int_equal(u, 0);
	assert_int_equal(rlm_cbor_get_tstr(&c, &s, &n), 0);
	assert_int_equal(n, 36);
	memcpy(uuid, s, n);
	uuid[n] = 0;
	assert_string_equal(uuid, "a0a1a2a3-a4a5-a6a7-a8a9-aaabacadaeaf");
	assert_int_equal(rlm_cbor_get_uint(&c, &u), 0);
	assert_int_equal(u, 1);
	assert_int_equal(rlm_cbor_get_array(&c, &u), 0);
	assert_int_equal(u, 1);
	assert_int_equal(rlm_cbor_get_tag(&c, &u), 0);
	assert_int_equal(u, 506);
	assert_int_equal(rlm_cbor_get_bstr(&c, &v, &n), 0);
	assert_int_equal(n, len2);                 /* the same CoMID, bytewise */
	assert_memory_equal(v, out2, n);
	assert_int_equal(rlm_cbor_get_uint(&c, &u), 0);
	assert_int_equal(u, 3);
	assert_int_equal(rlm_cbor_get_tag(&c, &u), 0);
	assert_int_equal(u, 32);
	assert_int_equal(rlm_cbor_get_tstr(&c, &s, &n), 0);
	assert_true(rlm_cbor_tstr_eq(s, n, "http://arm.com/cca/realm/1"));
	assert_true(rlm_cbor_at_end(&c));

	/* No tag-id: derived from the RIM (UUIDv8 bits), stable. */
	assert_int_equal(rlm_refvals_corim(&m, rpv, NULL, RLM_REFVALS_COMID, out, sizeof(out), &len), 0);
	memcpy(id, m.rim, 16);
	id[6] = (uint8_t)((id[6] & 0x0f) | 0x80);
	id[8] = (uint8_t)((id[8] & 0x3f) | 0x80);
	corim_check_comid_(out, len, &m, rpv, id, 4);
	assert_int_equal(rlm_refvals_corim(&m, rpv, NULL, RLM_REFVALS_COMID, out2, sizeof(out2), &len2), 0);
	assert_int_equal(len, len2);
	assert_memory_equal(out, out2, len);

	/* SHA-512: 64-byte values */
	m.algo = RLM_HASH_SHA512;
	m.rim[63] = 0x5a;
	assert_int_equal(rlm_refvals_corim(&m, rpv, id, RLM_REFVALS_COMID, out, sizeof(out), &len), 0);
	corim_check_comid_(out, len, &m, rpv, id, 4);

	/* Short buffers: RLM_ENOSPC with the size needed, then it fits. */
	assert_int_equal(rlm_refvals_corim(&m, rpv, id, 0, NULL, 0, &need), RLM_ENOSPC);
	assert_int_equal(rlm_refvals_corim(&m, rpv, id, 0, small, sizeof(small), &n), RLM_ENOSPC);
	assert_int_equal(n, need);
	assert_int_equal(rlm_refvals_corim(&m, rpv, id, 0, out, need, &len), 0);
	assert_int_equal(len, need);

	/* Bad input */
	assert_int_equal(rlm_refvals_corim(&m, rpv, id, 0, out, sizeof(out), NULL), RLM_EINVAL);
	assert_int_equal(rlm_refvals_corim(&m, rpv, id, 0, NULL, 10, &len), RLM_EINVAL);
	assert_int_equal(rlm_refvals_corim(&m, rpv, id, 1u << 7, out, sizeof(out), &len), RLM_EINVAL);
	assert_int_equal(rlm_refvals_corim(NULL, rpv, id, 0, out, sizeof(out), &len), RLM_EINVAL);
	m.algo = RLM_HASH_SHA384;
	assert_int_equal(rlm_refvals_corim(&m, rpv, id, 0, out, sizeof(out), &len), RLM_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rim_realm_create_vectors),
		cmocka_unit_test(test_rim_trace_example),
		cmocka_unit_test(test_rem_extend),
		cmocka_unit_test(test_rim_bad_input),
		cmocka_unit_test(test_rim_data_unmeasured_ignores_content),
		cmocka_unit_test(test_rim_image_parallel),
		cmocka_unit_test(test_rim_image_hash_failure),
		cmocka_unit_test(test_rim_ripas_range),
		cmocka_unit_test(test_refvals_json),
		cmocka_unit_test(test_refvals_corim),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
