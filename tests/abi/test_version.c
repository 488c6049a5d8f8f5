/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI/RSI version handshake: VERSION(1.0) goes out in X1; SUCCESS accepts,
 * ERROR_INPUT (the RMM does not implement 1.0; TF-RMM smc_version and
 * handle_rsi_version) is RLM_EVERSION with both versions reported, any
 * other status is an RMM error, no answer is a conduit error.
 */
#include "rec_util.h"

static void check_describe(const struct rlm_version_info *info, const char *want)
{
	char buf[128];

	assert_int_equal(rlm_version_describe(info, buf, sizeof(buf)), 0);
	assert_string_equal(buf, want);
}

static void test_rmi_match(void **state)
{
	struct rlm_version_info info;

	(void)state;
	ru_reset();
	ru_answer(RLM_RMI_SUCCESS, 0x10000, 0x10000, 0, 0);
	assert_int_equal(rlm_rmi_handshake(&ru_.c, &info), 0);
	ru_check_in(0, 0xC4000150, RU_ARGS(0x10000));
	assert_true(info.answered);
	assert_int_equal(info.iface, RLM_VERSION_IFACE_RMI);
	assert_true(info.requested == 0x10000 && info.lower == 0x10000 &&
		    info.higher == 0x10000);
	assert_int_equal(info.status, 0);
	check_describe(&info, "RMM implements RMI 1.0..1.0; librealm speaks 1.0 (compatible)");

	/* an RMM implementing 1.0 up to 1.1 says SUCCESS for 1.0 */
	ru_reset();
	ru_answer(RLM_RMI_SUCCESS, 0x10000, 0x10001, 0, 0);
	assert_int_equal(rlm_rmi_handshake(&ru_.c, &info), 0);
	check_describe(&info, "RMM implements RMI 1.0..1.1; librealm speaks 1.0 (compatible)");
}

static void test_rmi_newer_and_older(void **state)
{
	struct rlm_version_info info;

	(void)state;
	ru_reset();
	ru_answer(RLM_RMI_ERROR_INPUT, 0x20000, 0x20000, 0, 0);
	assert_int_equal(rlm_rmi_handshake(&ru_.c, &info), RLM_EVERSION);
	assert_true(info.answered && info.lower == 0x20000 && info.higher == 0x20000);
	assert_int_equal(info.status, RLM_RMI_ERROR_INPUT);
	check_describe(&info, "RMM implements RMI 2.0..2.0; librealm speaks 1.0");

	ru_reset();
	ru_answer(RLM_RMI_ERROR_INPUT, 0x00009, 0x00012, 0, 0);
	assert_int_equal(rlm_rmi_handshake(&ru_.c, &info), RLM_EVERSION);
	check_describe(&info, "RMM implements RMI 0.9..0.18; librealm speaks 1.0");

	ru_reset();
	ru_answer(RLM_RMI_ERROR_INPUT, 0x10001, 0x20003, 0, 0);
	assert_int_equal(rlm_rmi_handshake(&ru_.c, &info), RLM_EVERSION);
	check_describe(&info, "RMM implements RMI 1.1..2.3; librealm speaks 1.0");
}

static void test_rmi_error_and_no_rmm(void **state)
{
	struct rlm_version_info info;

	(void)state;
	ru_reset();
	ru_answer(RLM_RMI_ERROR_REALM, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi_handshake(&ru_.c, &info), RLM_ERMI);
	assert_int_equal(info.status, RLM_RMI_ERROR_REALM);
	check_describe(&info, "RMM answered RMI_VERSION with RMI_ERROR_REALM; librealm speaks 1.0");

	ru_reset();
	rlm_record_callback(&ru_.rec, ru_not_supported, NULL);
	assert_int_equal(rlm_rmi_handshake(&ru_.c, &info), RLM_ECONDUIT);
	assert_false(info.answered);
	check_describe(&info, "no RMM answered RMI_VERSION; librealm speaks 1.0");

	ru_reset();
	rlm_record_callback(&ru_.rec, ru_transport_fails, NULL);
	assert_int_equal(rlm_rmi_handshake(&ru_.c, &info), RLM_ECONDUIT);
	assert_false(info.answered);

	ru_reset();
	ru_answer(0x12345678, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi_handshake(&ru_.c, &info), RLM_EMALFORMED);
	assert_false(info.answered);

	ru_reset();
	assert_int_equal(rlm_rmi_handshake(&ru_.c, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rmi_handshake(NULL, &info), RLM_EINVAL);
	assert_int_equal(ru_count(), 0);
}

static void test_rsi(void **state)
{
	struct rlm_version_info info;

	(void)state;
	ru_reset();
	ru_answer(RLM_RSI_SUCCESS, 0x10000, 0x10000, 0, 0);
	assert_int_equal(rlm_rsi_handshake(&ru_.c, &info), 0);
	ru_check_in(0, 0xC4000190, RU_ARGS(0x10000));
	assert_int_equal(info.iface, RLM_VERSION_IFACE_RSI);
	check_describe(&info, "RMM implements RSI 1.0..1.0; librealm speaks 1.0 (compatible)");

	ru_reset();
	ru_answer(RLM_RSI_ERROR_INPUT, 0x20000, 0x20001, 0, 0);
	assert_int_equal(rlm_rsi_handshake(&ru_.c, &info), RLM_EVERSION);
	assert_true(info.lower == 0x20000 && info.higher == 0x20001);
	check_describe(&info, "RMM implements RSI 2.0..2.1; librealm speaks 1.0");

	ru_reset();
	ru_answer(RLM_RSI_ERROR_STATE, 0, 0, 0, 0);
	assert_int_equal(rlm_rsi_handshake(&ru_.c, &info), RLM_ERSI);
	check_describe(&info, "RMM answered RSI_VERSION with RSI_ERROR_STATE; librealm speaks 1.0");

	ru_reset();
	rlm_record_callback(&ru_.rec, ru_not_supported, NULL);
	assert_int_equal(rlm_rsi_handshake(&ru_.c, &info), RLM_ECONDUIT);
	check_describe(&info, "no RMM answered RSI_VERSION; librealm speaks 1.0");

	ru_reset();
	assert_int_equal(rlm_rsi_handshake(&ru_.c, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rsi_handshake(NULL, &info), RLM_EINVAL);
	assert_int_equal(ru_count(), 0);
}

static void test_describe_bounds(void **state)
{
	struct rlm_version_info info;
	char buf[64];

	(void)state;
	memset(&info, 0, sizeof(info));
	info.answered = true;
	info.requested = 0x10000;
	info.lower = info.higher = 0xffff0000ULL; /* 65535.0 */
	info.status = RLM_RMI_ERROR_INPUT;
	check_describe(&info, "RMM implements RMI 65535.0..65535.0; librealm speaks 1.0");

	memset(buf, 'x', sizeof(buf));
	assert_int_equal(rlm_version_describe(&info, buf, 10), RLM_ENOSPC);
	assert_int_equal(strlen(buf), 9);
	assert_memory_equal(buf, "RMM imple", 9);
	assert_int_equal(buf[10], 'x'); /* nothing past len */
	assert_int_equal(rlm_version_describe(&info, buf, 1), RLM_ENOSPC);
	assert_int_equal(buf[0], 0);
	assert_int_equal(rlm_version_describe(&info, buf, 0), RLM_EINVAL);
	assert_int_equal(rlm_version_describe(NULL, buf, sizeof(buf)), RLM_EINVAL);
	assert_int_equal(rlm_version_describe(&info, NULL, sizeof(buf)), RLM_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rmi_match),
		cmocka_unit_test(test_rmi_newer_and_older),
		cmocka_unit_test(test_rmi_error_and_no_rmm),
		cmocka_unit_test(test_rsi),
		cmocka_unit_test(test_describe_bounds),
	};

	return cmocka_run_group_tests_name("abi-version", tests, NULL, NULL);
}
