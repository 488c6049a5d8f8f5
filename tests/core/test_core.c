/* SPDX-License-Identifier: BSD-3-Clause */
/* Core: error strings, byte order, hashing known answers, ABI page packing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <realm/realm.h>
#include "core/bytes.h"

static void hex(const uint8_t *p, size_t n, char *out)
{
	static const char d[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = d[p[i] >> 4];
		out[2 * i + 1] = d[p[i] & 15];
	}
	out[2 * n] = 0;
}

static void test_strerror_every_code(void **state)
{
	int e;

	(void)state;
	for (e = 0; e > RLM_ERR_MIN_; e--) {
		const char *s = rlm_strerror(e);
		const char *n = rlm_errname(e);

		assert_non_null(s);
		assert_true(strlen(s) > 3);
		assert_string_not_equal(s, "unknown error");
		assert_true(strncmp(n, "RLM_", 4) == 0);
	}
	/* Distinct descriptions for distinct codes. */
	for (e = -1; e > RLM_ERR_MIN_; e--)
		assert_string_not_equal(rlm_strerror(e), rlm_strerror(e + 1));
	assert_string_equal(rlm_strerror(RLM_ERR_MIN_), "unknown error");
	assert_string_equal(rlm_strerror(1), "unknown error");
	assert_string_equal(rlm_strerror(-1000), "unknown error");
	assert_string_equal(rlm_errname(RLM_EINVAL), "RLM_EINVAL");
	assert_string_equal(rlm_errname(RLM_EEXIST), "RLM_EEXIST");
	assert_string_equal(rlm_errname(5), "RLM_E?");
}

static void test_byte_order(void **state)
{
	uint8_t b[8];

	(void)state;
	rlm_put_le64(b, 0x0102030405060708ULL);
	assert_int_equal(b[0], 0x08);
	assert_int_equal(b[7], 0x01);
	assert_true(rlm_get_le64(b) == 0x0102030405060708ULL);
	rlm_put_be64(b, 0x0102030405060708ULL);
	assert_int_equal(b[0], 0x01);
	assert_int_equal(b[7], 0x08);
	assert_true(rlm_get_be64(b) == 0x0102030405060708ULL);
	rlm_put_le16(b, 0xabcd);
	assert_int_equal(b[0], 0xcd);
	assert_int_equal(rlm_get_le16(b), 0xabcd);
	rlm_put_be32(b, 0xdeadbeef);
	assert_int_equal(b[0], 0xde);
	assert_int_equal(rlm_get_be32(b), 0xdeadbeef);
	assert_int_equal(rlm_get_le32(b), 0xefbeadde);
}

struct kat {
	enum rlm_hash_algo algo;
	const char *msg;
	const char *digest;
};

static const struct kat kats[] = {
	{ RLM_HASH_SHA256, "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ RLM_HASH_SHA256, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ RLM_HASH_SHA256, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ RLM_HASH_SHA512, "", "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e" },
	{ RLM_HASH_SHA512, "abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f" },
	{ RLM_HASH_SHA384, "abc", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7" },
};

static void test_hash_kat(void **state)
{
	uint8_t out[RLM_HASH_MAX_SIZE];
	char h[2 * RLM_HASH_MAX_SIZE + 1];
	size_t i;

	(void)state;
	for (i = 0; i < RLM_ARRAY_SIZE(kats); i++) {
		memset(out, 0xee, sizeof(out));
		assert_int_equal(rlm_hash_digest(kats[i].algo, kats[i].msg,
						 strlen(kats[i].msg), out), 0);
		hex(out, rlm_hash_size(kats[i].algo), h);
		assert_string_equal(h, kats[i].digest);
		/* bytes past the digest are zero (64-byte measurement slots) */
		for (size_t j = rlm_hash_size(kats[i].algo); j < sizeof(out); j++)
			assert_int_equal(out[j], 0);
	}
}

static void test_hash_million_a_streaming(void **state)
{
	struct rlm_hash_ctx ctx;
	uint8_t chunk[1000], out[RLM_HASH_MAX_SIZE];
	char h[2 * RLM_HASH_MAX_SIZE + 1];
	int i;

	(void)state;
	memset(chunk, 'a', sizeof(chunk));
	assert_int_equal(rlm_hash_init(&ctx, RLM_HASH_SHA256), 0);
	/* odd-sized pieces exercise the partial-block path */
	for (i = 0; i < 1000; i++) {
		assert_int_equal(rlm_hash_update(&ctx, chunk, 333), 0);
		assert_int_equal(rlm_hash_update(&ctx, chunk, 667), 0);
	}
	assert_int_equal(rlm_hash_final(&ctx, out), 0);
	hex(out, 32, h);
	assert_string_equal(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void test_hash_bad_input(void **state)
{
	struct rlm_hash_ctx ctx;
	uint8_t out[RLM_HASH_MAX_SIZE];

	(void)state;
	assert_int_equal(rlm_hash_init(NULL, RLM_HASH_SHA256), RLM_EINVAL);
	assert_int_equal(rlm_hash_init(&ctx, (enum rlm_hash_algo)7), RLM_EINVAL);
	assert_int_equal(rlm_hash_digest(RLM_HASH_SHA256, NULL, 1, out), RLM_EINVAL);
	assert_int_equal(rlm_hash_digest(RLM_HASH_SHA256, "x", 1, NULL), RLM_EINVAL);
	assert_int_equal(rlm_hash_size((enum rlm_hash_algo)9), 0);
	assert_null(rlm_hash_name((enum rlm_hash_algo)9));
	assert_string_equal(rlm_hash_name(RLM_HASH_SHA512), "sha512");
	/* An empty update (even with a NULL pointer) changes nothing, also
	 * with a partial block buffered (clang-tidy found memcpy(d, NULL, 0)). */
	{
		uint8_t a[RLM_HASH_MAX_SIZE], b[RLM_HASH_MAX_SIZE];

		assert_int_equal(rlm_hash_init(&ctx, RLM_HASH_SHA256), 0);
		assert_int_equal(rlm_hash_update(&ctx, "ab", 2), 0);
		assert_int_equal(rlm_hash_update(&ctx, NULL, 0), 0);
		assert_int_equal(rlm_hash_update(&ctx, "c", 1), 0);
		assert_int_equal(rlm_hash_final(&ctx, a), 0);
		assert_int_equal(rlm_hash_digest(RLM_HASH_SHA256, "abc", 3, b), 0);
		assert_memory_equal(a, b, 32);
	}
}

static void test_hex(void **state)
{
	uint8_t out[4] = { 0xee, 0xee, 0xee, 0xee };
	char text[9];

	(void)state;
	assert_int_equal(rlm_hex_digit('0'), 0);
	assert_int_equal(rlm_hex_digit('f'), 15);
	assert_int_equal(rlm_hex_digit('F'), 15);
	assert_int_equal(rlm_hex_digit('g'), -1);
	assert_int_equal(rlm_hex_digit('x'), -1);
	assert_int_equal(rlm_hex_decode("00aBfF", 6, out, sizeof(out)), 3);
	assert_int_equal(out[0], 0x00);
	assert_int_equal(out[1], 0xab);
	assert_int_equal(out[2], 0xff);
	assert_int_equal(out[3], 0xee);
	/* only n characters are read: no NUL needed */
	assert_int_equal(rlm_hex_decode("12zz", 2, out, sizeof(out)), 1);
	assert_int_equal(out[0], 0x12);
	assert_int_equal(rlm_hex_decode("", 0, out, 0), 0);
	/* odd length, bad digit, too long: errors, nothing written */
	memset(out, 0xee, sizeof(out));
	assert_int_equal(rlm_hex_decode("abc", 3, out, sizeof(out)), RLM_EMALFORMED);
	assert_int_equal(rlm_hex_decode("0g", 2, out, sizeof(out)), RLM_EMALFORMED);
	assert_int_equal(rlm_hex_decode("0x12", 4, out, sizeof(out)), RLM_EMALFORMED);
	assert_int_equal(rlm_hex_decode("0011223344", 10, out, sizeof(out)), RLM_ENOSPC);
	assert_int_equal(rlm_hex_decode(NULL, 2, out, sizeof(out)), RLM_EMALFORMED);
	assert_int_equal(out[0], 0xee);
	rlm_hex_encode((const uint8_t *)"\x01\xab\xff\x00", 4, text);
	assert_string_equal(text, "01abff00");
}

/* The one hex encoder (the CLI, reference values and GUIDs use it): every
 * byte value, lower case, two digits each, NUL-terminated, round trip. */
static void test_hex_encode_all_bytes(void **state)
{
	uint8_t b[256], back[256];
	char text[2 * 256 + 1], one[3];
	unsigned int i;

	(void)state;
	for (i = 0; i < 256; i++)
		b[i] = (uint8_t)i;
	memset(text, 'x', sizeof(text));
	rlm_hex_encode(b, 256, text);
	assert_int_equal(strlen(text), 512);
	for (i = 0; i < 256; i++) {
		snprintf(one, sizeof(one), "%02x", i);
		assert_memory_equal(text + 2 * i, one, 2);
	}
	assert_int_equal(rlm_hex_decode(text, 512, back, sizeof(back)), 256);
	assert_memory_equal(back, b, 256);
	memset(text, 'x', sizeof(text));
	rlm_hex_encode(b, 0, text);   /* nothing but the NUL */
	assert_int_equal(text[0], 0);
	assert_int_equal(text[1], 'x');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strerror_every_code),
		cmocka_unit_test(test_byte_order),
		cmocka_unit_test(test_hash_kat),
		cmocka_unit_test(test_hash_million_a_streaming),
		cmocka_unit_test(test_hash_bad_input),
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_hex_encode_all_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
