/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 1.0/2.0 and RSI 1.0/1.1 negotiation and the RMM 2.0 bootstrap over
 * the recording conduit: the answers are those of TF-RMM main 9a7f8ef
 * (smc_version: SUCCESS with X1 = the request, ERROR_INPUT with
 * X1 = X2 = its highest; handle_rsi_version likewise over 1.0..1.1) and
 * of an RMM 1.0; every register sent is checked, FIDs written as numbers
 * (RMI VERSION 0xC4000150, RMM_CONFIG_SET 0xC400016E, RMM_CONFIG_GET
 * 0xC40001EC, RMM_ACTIVATE 0xC4000202, RSI VERSION 0xC4000190).
 */
#include "rec_util.h"

#include <realm/realm.h>

#define V10 0x10000ULL
#define V11 0x10001ULL
#define V20 0x20000ULL
#define FID_RMI_VERSION 0xC4000150ULL
#define FID_RSI_VERSION 0xC4000190ULL

static void test_prefer2_on_rmm2(void **state)
{
	struct rlm_conduit *c = ru_reset();
	struct rlm_negotiation n;

	(void)state;
	ru_answer(0, V20, V20, 0, 0);
	assert_int_equal(rlm_rmi_negotiate(c, RLM_RMI_V2_0, &n), 0);
	assert_int_equal(n.version, V20);
	assert_int_equal(n.abi, RLM_RMI_V2_0);
	assert_int_equal(n.asked, 1);
	assert_int_equal(n.iface, RLM_VERSION_IFACE_RMI);
	assert_int_equal(ru_count(), 1);
	ru_check_in(0, FID_RMI_VERSION, RU_ARGS(V20));
	assert_true(n.first.answered);
	assert_int_equal(n.first.lower, V20);
}

static void test_prefer2_on_rmm1(void **state)
{
	struct rlm_conduit *c = ru_reset();
	struct rlm_negotiation n;

	(void)state;
	/* an RMM 1.0: refuses 2.0, implements 1.0..1.0 */
	ru_answer(RLM_RMI_ERROR_INPUT, V10, V10, 0, 0);
	ru_answer(0, V10, V10, 0, 0);
	assert_int_equal(rlm_rmi_negotiate(c, RLM_RMI_V2_0, &n), 0);
	assert_int_equal(n.version, V10);
	assert_int_equal(n.abi, RLM_RMI_V1_0);
	assert_int_equal(n.asked, 2);
	assert_int_equal(ru_count(), 2);
	ru_check_in(0, FID_RMI_VERSION, RU_ARGS(V20));
	ru_check_in(1, FID_RMI_VERSION, RU_ARGS(V10));
	assert_int_equal(n.first.status, RLM_RMI_ERROR_INPUT);
	assert_int_equal(n.last.status, 0);
}

static void test_prefer1_on_rmm2(void **state)
{
	struct rlm_conduit *c = ru_reset();
	struct rlm_negotiation n;
	char buf[128];

	(void)state;
	/* TF-RMM main: VERSION(1.0) -> ERROR_INPUT, X1 = X2 = 2.0 */
	ru_answer(RLM_RMI_ERROR_INPUT, V20, V20, 0, 0);
	ru_answer(0, V20, V20, 0, 0);
	assert_int_equal(rlm_rmi_negotiate(c, RLM_RMI_V1_0, &n), 0);
	assert_int_equal(n.version, V20);
	assert_int_equal(n.abi, RLM_RMI_V2_0);
	assert_int_equal(n.asked, 2);
	ru_check_in(0, FID_RMI_VERSION, RU_ARGS(V10));
	ru_check_in(1, FID_RMI_VERSION, RU_ARGS(V20));
	/* the first answer still describes the mismatch */
	assert_int_equal(rlm_version_describe(&n.first, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "RMM implements RMI 2.0..2.0; librealm speaks 1.0");
	assert_int_equal(rlm_version_describe(&n.last, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "RMM implements RMI 2.0..2.0; librealm speaks 2.0 (compatible)");
}

static void test_prefer1_on_rmm1(void **state)
{
	struct rlm_conduit *c = ru_reset();
	struct rlm_negotiation n;

	(void)state;
	ru_answer(0, V10, V10, 0, 0);
	assert_int_equal(rlm_rmi_negotiate(c, RLM_RMI_V1_0, &n), 0);
	assert_int_equal(n.version, V10);
	assert_int_equal(n.abi, RLM_RMI_V1_0);
	assert_int_equal(n.asked, 1);
	assert_int_equal(ru_count(), 1);
	ru_check_in(0, FID_RMI_VERSION, RU_ARGS(V10));
}

static void test_neither(void **state)
{
	struct rlm_conduit *c = ru_reset();
	struct rlm_negotiation n;

	(void)state;
	/* range 3.0..3.0: 1.0 is outside, so no second call */
	ru_answer(RLM_RMI_ERROR_INPUT, 0x30000, 0x30000, 0, 0);
	assert_int_equal(rlm_rmi_negotiate(c, RLM_RMI_V2_0, &n), RLM_EVERSION);
	assert_int_equal(n.version, 0);
	assert_int_equal(n.asked, 1);
	assert_int_equal(ru_count(), 1);
	assert_int_equal(n.last.higher, 0x30000);

	/* range 1.1..2.1 holds 2.0 but the RMM refuses it too */
	c = ru_reset();
	ru_answer(RLM_RMI_ERROR_INPUT, 0x10001, 0x20001, 0, 0);
	ru_answer(RLM_RMI_ERROR_INPUT, 0x20001, 0x20001, 0, 0);
	assert_int_equal(rlm_rmi_negotiate(c, RLM_RMI_V1_0, &n), RLM_EVERSION);
	assert_int_equal(n.asked, 2);
	assert_int_equal(n.version, 0);
	ru_check_in(1, FID_RMI_VERSION, RU_ARGS(V20));

	/* a range that holds 1.0 but lies below it: 2.0 preferred, 1.0 < lower */
	c = ru_reset();
	ru_answer(RLM_RMI_ERROR_INPUT, 0x10001, 0x10002, 0, 0);
	assert_int_equal(rlm_rmi_negotiate(c, RLM_RMI_V2_0, &n), RLM_EVERSION);
	assert_int_equal(ru_count(), 1);
}

static void test_other_status_and_no_rmm(void **state)
{
	struct rlm_conduit *c = ru_reset();
	struct rlm_negotiation n;

	(void)state;
	ru_answer(RLM_RMI_ERROR_NOT_SUPPORTED, V20, V20, 0, 0);
	assert_int_equal(rlm_rmi_negotiate(c, RLM_RMI_V2_0, &n), RLM_ERMI);
	assert_int_equal(n.asked, 1);
	assert_int_equal(n.first.status, RLM_RMI_ERROR_NOT_SUPPORTED);
	/* fallback asked, then a status other than ERROR_INPUT */
	c = ru_reset();
	ru_answer(RLM_RMI_ERROR_INPUT, V10, V20, 0, 0);
	ru_answer(RLM_RMI_ERROR_GLOBAL, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi_negotiate(c, RLM_RMI_V1_0, &n), RLM_ERMI);
	assert_int_equal(n.asked, 2);
	/* nothing answers */
	c = ru_reset();
	rlm_record_callback(&ru_.rec, ru_not_supported, NULL);
	assert_int_equal(rlm_rmi_negotiate(c, RLM_RMI_V2_0, &n), RLM_ECONDUIT);
	assert_false(n.first.answered);
	assert_int_equal(n.version, 0);
}

static void test_bad_args(void **state)
{
	struct rlm_conduit *c = ru_reset();
	struct rlm_negotiation n;

	(void)state;
	assert_int_equal(rlm_rmi_negotiate(NULL, RLM_RMI_V2_0, &n), RLM_EINVAL);
	assert_int_equal(rlm_rmi_negotiate(c, RLM_RMI_V2_0, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rmi_negotiate(c, (enum rlm_rmi_abi)7, &n), RLM_EINVAL);
	assert_int_equal(rlm_rsi_negotiate(c, 0x20000, &n), RLM_EINVAL);
	assert_int_equal(rlm_rsi_negotiate(NULL, V11, &n), RLM_EINVAL);
	assert_int_equal(rlm_rsi_negotiate(c, V11, NULL), RLM_EINVAL);
	assert_int_equal(ru_count(), 0);
}

static void test_rsi(void **state)
{
	struct rlm_conduit *c = ru_reset();
	struct rlm_negotiation n;

	(void)state;
	assert_int_equal(RLM_RSI_ABI_VERSION_1_0, V10);
	assert_int_equal(RLM_RSI_ABI_VERSION_1_1, V11);
	/* TF-RMM main: 1.1 implemented */
	ru_answer(0, V11, V11, 0, 0);
	assert_int_equal(rlm_rsi_negotiate(c, V11, &n), 0);
	assert_int_equal(n.version, V11);
	assert_int_equal(n.iface, RLM_VERSION_IFACE_RSI);
	ru_check_in(0, FID_RSI_VERSION, RU_ARGS(V11));
	/* an RMM with RSI 1.0 only */
	c = ru_reset();
	ru_answer(RLM_RSI_ERROR_INPUT, V10, V10, 0, 0);
	ru_answer(0, V10, V10, 0, 0);
	assert_int_equal(rlm_rsi_negotiate(c, V11, &n), 0);
	assert_int_equal(n.version, V10);
	assert_int_equal(n.asked, 2);
	ru_check_in(0, FID_RSI_VERSION, RU_ARGS(V11));
	ru_check_in(1, FID_RSI_VERSION, RU_ARGS(V10));
	/* prefer 1.0 on TF-RMM main: 1.0 is implemented, one call */
	c = ru_reset();
	ru_answer(0, V10, V11, 0, 0);
	assert_int_equal(rlm_rsi_negotiate(c, V10, &n), 0);
	assert_int_equal(n.version, V10);
	assert_int_equal(n.asked, 1);
	/* an RMM with 2.0 only: neither */
	c = ru_reset();
	ru_answer(RLM_RSI_ERROR_INPUT, V20, V20, 0, 0);
	assert_int_equal(rlm_rsi_negotiate(c, V11, &n), RLM_EVERSION);
	assert_int_equal(ru_count(), 1);
	/* another RSI status */
	c = ru_reset();
	ru_answer(2, 0, 0, 0, 0);
	assert_int_equal(rlm_rsi_negotiate(c, V11, &n), RLM_ERSI);
}

static void test_bootstrap(void **state)
{
	struct rlm_conduit *c = ru_reset();
	struct rlm_rmi_result res;
	unsigned int step = 9;

	(void)state;
	ru_answer(0, 0, 0, 0, 0);
	ru_answer(0, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi2_rmm_bootstrap(c, 0x88000000, &step, &res), 0);
	assert_int_equal(step, 2);
	assert_int_equal(ru_count(), 2);
	ru_check_in(0, 0xC400016EULL, RU_ARGS(0x88000000));
	ru_check_in(1, 0xC4000202ULL, NULL, 0);

	/* already active: CONFIG_SET answers ERROR_GLOBAL, no ACTIVATE */
	c = ru_reset();
	ru_answer(RLM_RMI_ERROR_GLOBAL, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi2_rmm_bootstrap(c, 0x88000000, &step, &res), RLM_ERMI);
	assert_int_equal(step, 1);
	assert_int_equal(res.status, RLM_RMI_ERROR_GLOBAL);
	assert_int_equal(ru_count(), 1);

	/* config refused (ERROR_INPUT: a granule size it does not support) */
	c = ru_reset();
	ru_answer(RLM_RMI_ERROR_INPUT, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi2_rmm_bootstrap(c, 0x88000000, NULL, &res), RLM_ERMI);
	assert_int_equal(res.status, RLM_RMI_ERROR_INPUT);

	/* ACTIVATE fails */
	c = ru_reset();
	ru_answer(0, 0, 0, 0, 0);
	ru_answer(RLM_RMI_ERROR_GLOBAL, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi2_rmm_bootstrap(c, 0x88000000, &step, &res), RLM_ERMI);
	assert_int_equal(step, 2);
	assert_int_equal(res.status, RLM_RMI_ERROR_GLOBAL);

	/* a malformed X0 (bits above 15) is not a status */
	c = ru_reset();
	ru_answer(0x10000, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi2_rmm_bootstrap(c, 0x88000000, &step, &res),
			 RLM_EMALFORMED);

	/* bad input: no call made */
	c = ru_reset();
	assert_int_equal(rlm_rmi2_rmm_bootstrap(c, 0x88000010, &step, &res), RLM_EINVAL);
	assert_int_equal(step, 0);
	assert_int_equal(rlm_rmi2_rmm_bootstrap(c, 0, &step, &res), RLM_EINVAL);
	assert_int_equal(rlm_rmi2_rmm_bootstrap(NULL, 0x88000000, &step, &res), RLM_EINVAL);
	assert_int_equal(ru_count(), 0);
}

static void test_config_get(void **state)
{
	struct rlm_conduit *c = ru_reset();
	struct rlm_rmi_result res;

	(void)state;
	ru_answer(0, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi2_rmm_config_get(c, 0x90001000, &res), 0);
	ru_check_in(0, 0xC40001ECULL, RU_ARGS(0x90001000));
	ru_answer(RLM_RMI_ERROR_INPUT, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi2_rmm_config_get(c, 0x90001000, &res), RLM_ERMI);
	assert_int_equal(res.status, RLM_RMI_ERROR_INPUT);
	assert_int_equal(rlm_rmi2_rmm_config_get(c, 0x90001008, &res), RLM_EINVAL);
	assert_int_equal(ru_count(), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prefer2_on_rmm2),
		cmocka_unit_test(test_prefer2_on_rmm1),
		cmocka_unit_test(test_prefer1_on_rmm2),
		cmocka_unit_test(test_prefer1_on_rmm1),
		cmocka_unit_test(test_neither),
		cmocka_unit_test(test_other_status_and_no_rmm),
		cmocka_unit_test(test_bad_args),
		cmocka_unit_test(test_rsi),
		cmocka_unit_test(test_bootstrap),
		cmocka_unit_test(test_config_get),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
