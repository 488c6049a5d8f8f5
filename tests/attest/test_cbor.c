/* SPDX-License-Identifier: BSD-3-Clause */
/* The strict CBOR decoder and the encoder. */
#include <stdlib.h>

#include "test_util.h"

#include <realm/cbor.h>
#include <realm/error.h>

static int dec_hex(const char *hex)
{
	uint8_t buf[256];
	struct rlm_cbor c;
	long n = tu_unhex(hex, buf, sizeof(buf));

	assert_true(n >= 0);
	/* copy to an exact-size heap buffer so ASan catches any over-read */
	uint8_t *p = malloc(n ? (size_t)n : 1);
	int ret;

	assert_non_null(p);
	memcpy(p, buf, (size_t)n);
	ret = rlm_cbor_decode(&c, p, (size_t)n, NULL);
	free(p);
	return ret;
}

static void test_wellformed(void **state)
{
	(void)state;
	assert_int_equal(dec_hex("00"), 0);
	assert_int_equal(dec_hex("17"), 0);
	assert_int_equal(dec_hex("1818"), 0);
	assert_int_equal(dec_hex("190100"), 0);
	assert_int_equal(dec_hex("1a00010000"), 0);
	assert_int_equal(dec_hex("1b0000000100000000"), 0);
	assert_int_equal(dec_hex("20"), 0);           /* -1 */
	assert_int_equal(dec_hex("3903e7"), 0);       /* -1000 */
	assert_int_equal(dec_hex("40"), 0);           /* h'' */
	assert_int_equal(dec_hex("4401020304"), 0);
	assert_int_equal(dec_hex("6449455446"), 0);   /* "IETF" */
	assert_int_equal(dec_hex("62c3bc"), 0);       /* "ü" */
	assert_int_equal(dec_hex("80"), 0);
	assert_int_equal(dec_hex("83010203"), 0);
	assert_int_equal(dec_hex("a0"), 0);
	assert_int_equal(dec_hex("a201020304"), 0);
	assert_int_equal(dec_hex("a2616101616202"), 0);  /* {"a":1,"b":2} */
	assert_int_equal(dec_hex("c11a514b67b0"), 0);    /* tag 1 */
	assert_int_equal(dec_hex("f4"), 0);
	assert_int_equal(dec_hex("f5"), 0);
	assert_int_equal(dec_hex("f6"), 0);
	assert_int_equal(dec_hex("f7"), 0);
	assert_int_equal(dec_hex("f93c00"), 0);          /* half float, opaque */
	assert_int_equal(dec_hex("fb3ff199999999999a"), 0);
}

static void test_malformed(void **state)
{
	(void)state;
	/* empty, truncated heads and strings */
	assert_int_equal(dec_hex(""), RLM_ETRUNC);
	assert_int_equal(dec_hex("18"), RLM_ETRUNC);
	assert_int_equal(dec_hex("1901"), RLM_ETRUNC);
	assert_int_equal(dec_hex("1b00000001"), RLM_ETRUNC);
	assert_int_equal(dec_hex("4401"), RLM_ETRUNC);
	assert_int_equal(dec_hex("5bffffffffffffffff00"), RLM_ETRUNC); /* length past end */
	assert_int_equal(dec_hex("830102"), RLM_ETRUNC);
	assert_int_equal(dec_hex("9bffffffffffffffff"), RLM_E2BIG); /* over the entry limit */
	assert_int_equal(dec_hex("98ff00"), RLM_ETRUNC);  /* 255 elements announced, 1 present */
	assert_int_equal(dec_hex("b8ff0000"), RLM_ETRUNC);
	assert_int_equal(dec_hex("a101"), RLM_ETRUNC);
	assert_int_equal(dec_hex("c1"), RLM_ETRUNC);
	/* indefinite lengths and break */
	assert_int_equal(dec_hex("5f4101ff"), RLM_EMALFORMED);
	assert_int_equal(dec_hex("9f01ff"), RLM_EMALFORMED);
	assert_int_equal(dec_hex("bf0102ff"), RLM_EMALFORMED);
	assert_int_equal(dec_hex("ff"), RLM_EMALFORMED);
	/* reserved additional info */
	assert_int_equal(dec_hex("1c"), RLM_EMALFORMED);
	assert_int_equal(dec_hex("3e"), RLM_EMALFORMED);
	/* not shortest form */
	assert_int_equal(dec_hex("1817"), RLM_EMALFORMED);
	assert_int_equal(dec_hex("190017"), RLM_EMALFORMED);
	assert_int_equal(dec_hex("1a0000ffff"), RLM_EMALFORMED);
	assert_int_equal(dec_hex("1b00000000ffffffff"), RLM_EMALFORMED);
	assert_int_equal(dec_hex("5801ff"), RLM_EMALFORMED);
	assert_int_equal(dec_hex("d81201"), RLM_EMALFORMED); /* tag 18 long form */
	/* trailing bytes */
	assert_int_equal(dec_hex("0000"), RLM_EMALFORMED);
	assert_int_equal(dec_hex("a0ff"), RLM_EMALFORMED);
	/* duplicate keys, including nested maps */
	assert_int_equal(dec_hex("a201020103"), RLM_EMALFORMED);
	assert_int_equal(dec_hex("a2616101616102"), RLM_EMALFORMED);
	assert_int_equal(dec_hex("a101a201020103"), RLM_EMALFORMED);
	assert_int_equal(dec_hex("a3010203040105"), RLM_EMALFORMED);
	/* invalid UTF-8: lone continuation, overlong, surrogate, truncated */
	assert_int_equal(dec_hex("6180"), RLM_EMALFORMED);
	assert_int_equal(dec_hex("62c0af"), RLM_EMALFORMED);
	assert_int_equal(dec_hex("63eda080"), RLM_EMALFORMED);
	assert_int_equal(dec_hex("61c3"), RLM_EMALFORMED);
	/* simple values other than false/true/null/undefined */
	assert_int_equal(dec_hex("e0"), RLM_EMALFORMED);
	assert_int_equal(dec_hex("f820"), RLM_EMALFORMED);
	assert_int_equal(dec_hex("f818"), RLM_EMALFORMED);
}

static void test_limits(void **state)
{
	struct rlm_cbor_limits lim = { 3, 4, 64 };
	uint8_t deep[64], buf[16];
	struct rlm_cbor c;
	size_t i;

	(void)state;
	/* nesting: [[[0]]] is depth 3 (allowed), [[[[0]]]] is 4 */
	memset(deep, 0x81, sizeof(deep));
	deep[4] = 0;
	assert_int_equal(rlm_cbor_decode(&c, deep, 5, &lim), RLM_E2BIG);
	deep[3] = 0;
	assert_int_equal(rlm_cbor_decode(&c, deep, 4, &lim), 0);
	/* the default depth limit: 64 nested arrays refused */
	memset(deep, 0x81, sizeof(deep));
	deep[63] = 0;
	assert_int_equal(rlm_cbor_decode(&c, deep, 64, NULL), RLM_E2BIG);
	/* nested tags count as depth */
	memset(deep, 0xc1, sizeof(deep));
	deep[63] = 0;
	assert_int_equal(rlm_cbor_decode(&c, deep, 64, NULL), RLM_E2BIG);
	/* entries */
	buf[0] = 0x85;
	for (i = 1; i < 6; i++)
		buf[i] = 0;
	assert_int_equal(rlm_cbor_decode(&c, buf, 6, &lim), RLM_E2BIG);
	buf[0] = 0x84;
	assert_int_equal(rlm_cbor_decode(&c, buf, 5, &lim), 0);
	/* total size */
	{
		uint8_t big[65];

		big[0] = 0x58;
		big[1] = 63;
		memset(big + 2, 0, 63);
		assert_int_equal(rlm_cbor_decode(&c, big, 65, &lim), RLM_E2BIG);
	}
	/* arguments */
	assert_int_equal(rlm_cbor_decode(NULL, buf, 1, NULL), RLM_EINVAL);
	assert_int_equal(rlm_cbor_decode(&c, NULL, 1, NULL), RLM_EINVAL);
}

static void test_cursor(void **state)
{
	/* {1: -7, "k": [h'0102', "x", true], 3: 907(null)} */
	uint8_t buf[64];
	long n = tu_unhex("a30126616b834201026178f503d9038bf6", buf, sizeof(buf));
	struct rlm_cbor c;
	struct rlm_cbor_item it;
	uint64_t u;
	int64_t i;
	const uint8_t *p;
	const char *s;
	size_t len;
	bool b;

	(void)state;
	assert_true(n > 0);
	assert_int_equal(rlm_cbor_decode(&c, buf, (size_t)n, NULL), 0);
	assert_int_equal(rlm_cbor_get_array(&c, &u), RLM_EMALFORMED); /* wrong type, no move */
	assert_int_equal(rlm_cbor_get_map(&c, &u), 0);
	assert_int_equal(u, 3);
	assert_int_equal(rlm_cbor_get_int(&c, &i), 0);
	assert_int_equal(i, 1);
	assert_int_equal(rlm_cbor_get_uint(&c, &u), RLM_EMALFORMED);
	assert_int_equal(rlm_cbor_get_int(&c, &i), 0);
	assert_int_equal(i, -7);
	assert_int_equal(rlm_cbor_get_tstr(&c, &s, &len), 0);
	assert_true(rlm_cbor_tstr_eq(s, len, "k"));
	assert_false(rlm_cbor_tstr_eq(s, len, "kk"));
	assert_false(rlm_cbor_tstr_eq(s, len, ""));
	assert_int_equal(rlm_cbor_peek(&c, &it), 0);
	assert_int_equal(it.major, RLM_CBOR_ARRAY);
	assert_int_equal(rlm_cbor_get_array(&c, &u), 0);
	assert_int_equal(u, 3);
	assert_int_equal(rlm_cbor_get_bstr(&c, &p, &len), 0);
	assert_int_equal(len, 2);
	assert_int_equal(p[1], 2);
	assert_int_equal(rlm_cbor_skip(&c, &p, &len), 0);
	assert_int_equal(len, 2);
	assert_int_equal(rlm_cbor_get_bool(&c, &b), 0);
	assert_true(b);
	assert_int_equal(rlm_cbor_get_uint(&c, &u), 0);
	assert_int_equal(u, 3);
	assert_int_equal(rlm_cbor_get_tag(&c, &u), 0);
	assert_int_equal(u, 907);
	assert_int_equal(rlm_cbor_next(&c, &it), 0);
	assert_int_equal(it.major, RLM_CBOR_SIMPLE);
	assert_int_equal(it.val, RLM_CBOR_NULL);
	assert_true(rlm_cbor_at_end(&c));
	assert_int_equal(rlm_cbor_next(&c, &it), RLM_ETRUNC);
	assert_int_equal(rlm_cbor_skip(&c, NULL, NULL), RLM_ETRUNC);
}

static void test_int_range(void **state)
{
	uint8_t buf[9];
	struct rlm_cbor c;
	int64_t i;
	uint64_t u;

	(void)state;
	tu_unhex("1b7fffffffffffffff", buf, 9);
	rlm_cbor_init(&c, buf, 9);
	assert_int_equal(rlm_cbor_get_int(&c, &i), 0);
	assert_true(i == INT64_MAX);
	tu_unhex("1b8000000000000000", buf, 9);
	rlm_cbor_init(&c, buf, 9);
	assert_int_equal(rlm_cbor_get_int(&c, &i), RLM_EMALFORMED);
	assert_int_equal(rlm_cbor_get_uint(&c, &u), 0);
	assert_true(u == 0x8000000000000000ull);
	tu_unhex("3b7fffffffffffffff", buf, 9);
	rlm_cbor_init(&c, buf, 9);
	assert_int_equal(rlm_cbor_get_int(&c, &i), 0);
	assert_true(i == INT64_MIN);
	tu_unhex("3b8000000000000000", buf, 9);
	rlm_cbor_init(&c, buf, 9);
	assert_int_equal(rlm_cbor_get_int(&c, &i), RLM_EMALFORMED);
}

static void test_encoder_roundtrip(void **state)
{
	static const int64_t ints[] = { 0, 1, 23, 24, 255, 256, 65535, 65536,
		4294967295ll, 4294967296ll, INT64_MAX, -1, -24, -25, -256, -257,
		-65537, INT64_MIN };
	uint8_t buf[512], small[4];
	struct rlm_cbor_enc e;
	struct rlm_cbor c;
	size_t len, i;
	int64_t v;
	uint64_t n;

	(void)state;
	rlm_cbor_enc_init(&e, buf, sizeof(buf));
	rlm_cbor_put_array(&e, RLM_ARRAY_SIZE(ints) + 5);
	for (i = 0; i < RLM_ARRAY_SIZE(ints); i++)
		rlm_cbor_put_int(&e, ints[i]);
	rlm_cbor_put_bstr(&e, "abc", 3);
	rlm_cbor_put_tstr(&e, "text");
	rlm_cbor_put_tag(&e, 18);
	rlm_cbor_put_map(&e, 1);
	rlm_cbor_put_uint(&e, 1);
	rlm_cbor_put_bool(&e, false);
	rlm_cbor_put_null(&e);
	rlm_cbor_put_bstr(&e, NULL, 0);
	assert_int_equal(rlm_cbor_enc_finish(&e, &len), 0);
	/* the strict decoder accepts everything the encoder writes */
	assert_int_equal(rlm_cbor_decode(&c, buf, len, NULL), 0);
	assert_int_equal(rlm_cbor_get_array(&c, &n), 0);
	for (i = 0; i < RLM_ARRAY_SIZE(ints); i++) {
		assert_int_equal(rlm_cbor_get_int(&c, &v), 0);
		assert_true(v == ints[i]);
	}
	/* too small: sticky ENOSPC, size still counted */
	rlm_cbor_enc_init(&e, small, sizeof(small));
	rlm_cbor_put_bstr(&e, "abcdef", 6);
	rlm_cbor_put_uint(&e, 1);
	assert_int_equal(rlm_cbor_enc_finish(&e, &len), RLM_ENOSPC);
	assert_int_equal(len, 8);
	/* measuring with no buffer */
	rlm_cbor_enc_init(&e, NULL, 0);
	rlm_cbor_put_uint(&e, 65536);
	assert_int_equal(rlm_cbor_enc_finish(&e, &len), RLM_ENOSPC);
	assert_int_equal(len, 5);
	assert_int_equal(rlm_cbor_head_size(23), 1);
	assert_int_equal(rlm_cbor_head_size(24), 2);
	assert_int_equal(rlm_cbor_head_size(0x100000000ull), 9);
}

/* Every prefix and every single-byte corruption of real tokens: an error
 * or success, never a crash or an over-read (exact-size heap copies). */
static void test_vectors_truncated_and_flipped(void **state)
{
	static const char *const files[] = {
		"tokens/veraison-ccatoken/testGoodCCAToken.cbor",
		"tokens/rust-ccatoken/cca-token-01.cbor",
		"tokens/rust-ccatoken/bug-33-repro.cbor",
	};
	char path[512];
	size_t f, i, len;
	struct rlm_cbor c;

	(void)state;
	for (f = 0; f < RLM_ARRAY_SIZE(files); f++) {
		uint8_t *tok = tu_read_file(tu_vector_path(files[f], path, sizeof(path)), &len);

		assert_int_equal(rlm_cbor_decode(&c, tok, len, NULL), 0);
		for (i = 0; i < len; i++) {
			uint8_t *p = malloc(i ? i : 1);

			memcpy(p, tok, i);
			assert_int_not_equal(rlm_cbor_decode(&c, p, i, NULL), 0);
			free(p);
		}
		for (i = 0; i < len; i += 3) {
			uint8_t *p = malloc(len);

			memcpy(p, tok, len);
			p[i] ^= (uint8_t)(0x5a + i);
			(void)rlm_cbor_decode(&c, p, len, NULL);
			free(p);
		}
		free(tok);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wellformed),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_cursor),
		cmocka_unit_test(test_int_range),
		cmocka_unit_test(test_encoder_roundtrip),
		cmocka_unit_test(test_vectors_truncated_and_flipped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
