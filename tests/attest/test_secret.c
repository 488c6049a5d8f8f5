/* SPDX-License-Identifier: BSD-3-Clause */
/* EFI secret area: GUID text, parse, find, delete (wipe), build, bad areas. */
#include <stdlib.h>

#include "test_util.h"

#include <realm/error.h>
#include <realm/secret.h>

#define G1 "736869e5-84f0-4973-92ec-06879ce3da0b" /* a LUKS key GUID */
#define G2 "11111111-2222-3333-4444-555555555555"

static size_t build_two(uint8_t *buf, size_t cap)
{
	struct rlm_secret_builder b;
	struct rlm_guid g1, g2;
	size_t len;

	assert_int_equal(rlm_guid_parse(G1, &g1), 0);
	assert_int_equal(rlm_guid_parse(G2, &g2), 0);
	assert_int_equal(rlm_secret_build_init(&b, buf, cap), 0);
	assert_int_equal(rlm_secret_build_add(&b, &g1, "passphrase", 10), 0);
	assert_int_equal(rlm_secret_build_add(&b, &g2, "", 0), 0);
	assert_int_equal(rlm_secret_build_finish(&b, &len), 0);
	assert_int_equal(len, 20 + 30 + 20);
	return len;
}

/* exact-size heap copy so ASan sees over-reads */
static int check_copy(const uint8_t *a, size_t len, size_t *count)
{
	uint8_t *p = malloc(len ? len : 1);
	int ret;

	memcpy(p, a, len);
	ret = rlm_secret_area_check(p, len, count);
	free(p);
	return ret;
}

static void test_guid_text(void **state)
{
	struct rlm_guid g;
	char s[RLM_GUID_STR_LEN + 1];

	(void)state;
	rlm_guid_format(&rlm_secret_table_header_guid, s);
	assert_string_equal(s, "1e74f542-71dd-4d66-963e-ef4287ff173b");
	rlm_guid_format(&rlm_secret_config_table_guid, s);
	assert_string_equal(s, "adf956ad-e98c-484c-ae11-b51c7d336447");
	assert_int_equal(rlm_guid_parse("1E74F542-71DD-4D66-963E-EF4287FF173B", &g), 0);
	assert_memory_equal(g.b, rlm_secret_table_header_guid.b, 16);
	/* EFI byte order: first field little-endian */
	assert_int_equal(g.b[0], 0x42);
	assert_int_equal(g.b[3], 0x1e);
	assert_int_equal(rlm_guid_parse("1e74f542-71dd-4d66-963e-ef4287ff173", &g), RLM_EMALFORMED);
	assert_int_equal(rlm_guid_parse("1e74f542-71dd-4d66-963e-ef4287ff173bb", &g), RLM_EMALFORMED);
	assert_int_equal(rlm_guid_parse("1e74f542x71dd-4d66-963e-ef4287ff173b", &g), RLM_EMALFORMED);
	assert_int_equal(rlm_guid_parse("1e74f54g-71dd-4d66-963e-ef4287ff173b", &g), RLM_EMALFORMED);
	assert_int_equal(rlm_guid_parse("", &g), RLM_EMALFORMED);
	assert_int_equal(rlm_guid_parse(NULL, &g), RLM_EINVAL);
}

static void test_parse_find(void **state)
{
	uint8_t buf[256];
	struct rlm_secret_entry e;
	struct rlm_guid g;
	char s[RLM_GUID_STR_LEN + 1];
	size_t len = build_two(buf, sizeof(buf)), cur = 0, count;

	(void)state;
	assert_int_equal(check_copy(buf, len, &count), 0);
	assert_int_equal(count, 2);
	assert_int_equal(rlm_secret_area_next(buf, len, &cur, &e), 0);
	rlm_guid_format(&e.guid, s);
	assert_string_equal(s, G1);
	assert_int_equal(e.len, 10);
	assert_memory_equal(e.data, "passphrase", 10);
	assert_int_equal(rlm_secret_area_next(buf, len, &cur, &e), 0);
	assert_int_equal(e.len, 0);
	assert_int_equal(rlm_secret_area_next(buf, len, &cur, &e), RLM_ENOENT);
	assert_int_equal(rlm_guid_parse(G2, &g), 0);
	assert_int_equal(rlm_secret_area_find(buf, len, &g, &e), 0);
	assert_int_equal(e.offset, 50);
	/* page padding after the declared length is allowed */
	memset(buf + len, 0xee, 16);
	assert_int_equal(check_copy(buf, len + 16, &count), 0);
	assert_int_equal(rlm_guid_parse("00000000-0000-0000-0000-000000000001", &g), 0);
	assert_int_equal(rlm_secret_area_find(buf, len, &g, &e), RLM_ENOENT);
}

static void test_delete_wipes(void **state)
{
	uint8_t buf[256];
	struct rlm_secret_entry e;
	struct rlm_guid g;
	size_t len = build_two(buf, sizeof(buf)), count, i;

	(void)state;
	assert_int_equal(rlm_guid_parse(G1, &g), 0);
	assert_int_equal(rlm_secret_area_delete(buf, len, &g), 0);
	for (i = 0; i < 10; i++)
		assert_int_equal(buf[40 + i], 0);  /* data wiped */
	for (i = 0; i < 16; i++)
		assert_int_equal(buf[20 + i], 0);  /* GUID nulled: deleted */
	assert_int_equal(rlm_secret_area_check(buf, len, &count), 0);
	assert_int_equal(count, 1);
	assert_int_equal(rlm_secret_area_find(buf, len, &g, &e), RLM_ENOENT);
	assert_int_equal(rlm_secret_area_delete(buf, len, &g), RLM_ENOENT);
}

static void test_bad_areas(void **state)
{
	uint8_t buf[256], bad[256];
	size_t len = build_two(buf, sizeof(buf)), i;

	(void)state;
	/* truncated: every prefix shorter than the declared length */
	for (i = 0; i < len; i++)
		assert_int_not_equal(check_copy(buf, i, NULL), 0);
	assert_int_equal(check_copy(buf, 19, NULL), RLM_ETRUNC);
	/* wrong header GUID: no secrets */
	memcpy(bad, buf, len);
	bad[0] ^= 1;
	assert_int_equal(check_copy(bad, len, NULL), RLM_ENOENT);
	/* total length < 20, > buffer */
	memcpy(bad, buf, len);
	bad[16] = 19; bad[17] = 0;
	assert_int_equal(check_copy(bad, len, NULL), RLM_EMALFORMED);
	memcpy(bad, buf, len);
	bad[16] = (uint8_t)(len + 1);
	assert_int_equal(check_copy(bad, len, NULL), RLM_ETRUNC);
	bad[16] = 0; bad[19] = 0x80; /* 2 GiB */
	assert_int_equal(check_copy(bad, len, NULL), RLM_ETRUNC);
	/* entry length < 20 */
	memcpy(bad, buf, len);
	bad[36] = 19;
	assert_int_equal(check_copy(bad, len, NULL), RLM_EMALFORMED);
	memcpy(bad, buf, len);
	bad[36] = 0;
	assert_int_equal(check_copy(bad, len, NULL), RLM_EMALFORMED);
	/* entry past the declared length */
	memcpy(bad, buf, len);
	bad[36] = 31;
	assert_int_equal(check_copy(bad, len, NULL), RLM_EMALFORMED);
	bad[36] = 0xff; bad[37] = 0xff;
	assert_int_equal(check_copy(bad, len, NULL), RLM_ETRUNC);
	/* trailing bytes inside the declared length (shorter than a header) */
	memcpy(bad, buf, len);
	memset(bad + len, 0, 7);
	bad[16] = (uint8_t)(len + 7);
	assert_int_equal(check_copy(bad, len + 7, NULL), RLM_EMALFORMED);
	/* an empty area is fine */
	bad[16] = 20;
	assert_int_equal(check_copy(bad, 20, NULL), 0);
	assert_int_equal(rlm_secret_area_check(NULL, 20, NULL), RLM_EINVAL);
}

static void test_builder_errors(void **state)
{
	struct rlm_secret_builder b;
	struct rlm_guid g, zero;
	uint8_t buf[40];
	size_t len;

	(void)state;
	memset(&zero, 0, sizeof(zero));
	assert_int_equal(rlm_guid_parse(G1, &g), 0);
	assert_int_equal(rlm_secret_build_init(&b, buf, 19), RLM_ENOSPC);
	assert_int_equal(rlm_secret_build_init(&b, buf, sizeof(buf)), 0);
	assert_int_equal(rlm_secret_build_add(&b, &zero, "x", 1), RLM_EINVAL);
	assert_int_equal(rlm_secret_build_add(&b, &g, NULL, 1), RLM_EINVAL);
	assert_int_equal(rlm_secret_build_add(&b, &g, "", 0), 0);
	assert_int_equal(rlm_secret_build_add(&b, &g, "x", 1), RLM_ENOSPC);
	/* sticky */
	assert_int_equal(rlm_secret_build_add(&b, &g, "", 0), RLM_ENOSPC);
	assert_int_equal(rlm_secret_build_finish(&b, &len), RLM_ENOSPC);
	assert_int_equal(len, 40); /* what was built before the failure */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guid_text),
		cmocka_unit_test(test_parse_find),
		cmocka_unit_test(test_delete_wipes),
		cmocka_unit_test(test_bad_areas),
		cmocka_unit_test(test_builder_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
