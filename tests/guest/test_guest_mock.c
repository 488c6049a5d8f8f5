/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The guest API against the library's mock RMM: a realm booted by the
 * launch planner (the shim's plan, shim-kmod/shim_realm.h), played through
 * rlm_mock_rsi_conduit.  The RIM is the planner's prediction; extends with
 * the event log replay to the REMs the RMM holds; RIPAS changes follow
 * Linux's loop and the encrypted-mapping rule; with the OpenSSL attestation
 * provider the token carries the challenge and the measurements and
 * verifies.
 */
#include "test_util.h"
#include <realm/testing.h>
#include <realm/guest.h>
#include <realm/launch.h>
#include <realm/rtt_mgr.h>
#include <realm/mock.h>
#if RLM_TEST_HAVE_TOKEN
#include <realm/token.h>
#endif

#include "shim_realm.h"

static struct rlm_mock *M;
static struct rlm_launch_state ST;
static struct rlm_rtt_mgr RTT;
static struct rlm_rtt_node RTT_NODES[32];
static uint64_t RECS[17];
static uint64_t next_pa;
static struct rlm_mock_config CFG;
static struct shim_realm_plan PLAN;
static struct rlm_guest G;

static int pool_get(void *ctx, unsigned int n, uint64_t *pa)
{
	uint64_t size = (uint64_t)n * RLM_GRANULE_SIZE;
	uint64_t base = (next_pa + size - 1) / size * size;

	(void)ctx;
	if (base + size > CFG.pool_base + CFG.pool_granules * RLM_GRANULE_SIZE)
		return RLM_ENOMEM;
	*pa = base;
	next_pa = base + size;
	return 0;
}

static void pool_put(void *ctx, uint64_t pa)
{
	(void)ctx;
	(void)pa;
}

static int setup(void **state)
{
	struct rlm_launch_env env;
	struct rlm_conduit rmi, rsi;
	void *buf;

	(void)state;
	rlm_mock_config_default(&CFG);
	CFG.pool_granules = 256;
	assert_int_equal(rlm_mock_new(&CFG, &M), 0);
	rlm_mock_conduit(M, &rmi);
	next_pa = CFG.pool_base;
	shim_realm_plan(&PLAN);
	memset(&env, 0, sizeof(env));
	env.c = &rmi;
	env.pool.get = pool_get;
	env.pool.put = pool_put;
	env.pool.quarantine = pool_put;
	env.ns_pa = CFG.ns_base;
	env.ns_buf = rlm_mock_ns_ptr(M, CFG.ns_base, RLM_GRANULE_SIZE);
	env.vmid = 1;
	memset(&ST, 0, sizeof(ST));
	ST.rtt = &RTT;
	ST.rtt_nodes = RTT_NODES;
	ST.rtt_cap = RLM_ARRAY_SIZE(RTT_NODES);
	ST.recs = RECS;
	ST.recs_cap = RLM_ARRAY_SIZE(RECS);
	assert_int_equal(rlm_launch_execute(&PLAN.d, &env, &ST), 0);
	assert_int_equal(rlm_mock_rsi_conduit(M, ST.recs[0], &rsi), 0);
	buf = rlm_mock_realm_mem(M, ST.rd, SHIM_REALM_BUF_IPA, RLM_GRANULE_SIZE);
	assert_non_null(buf);
	assert_int_equal(rlm_guest_init(&G, &rsi, SHIM_REALM_BUF_IPA, buf), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rlm_mock_free(M);
	M = NULL;
	return 0;
}

static void test_config_and_rim(void **state)
{
	struct rlm_guest_config cfg;
	struct rlm_rim rim;
	uint8_t v[64], host[64];
	size_t hs;

	(void)state;
	assert_int_equal(rlm_guest_config(&G, &cfg), 0);
	assert_int_equal(cfg.ipa_bits, SHIM_REALM_IPA_BITS);
	assert_int_equal(cfg.hash_algo, RLM_HASH_SHA256);
	assert_memory_equal(cfg.rpv, shim_realm_rpv, 64);
	assert_int_equal(G.rsi_version >> 16, 1);
	/* The realm sees the RIM the planner predicted and the host reads. */
	assert_int_equal(rlm_guest_measurement_read(&G, 0, v, &hs), 0);
	assert_int_equal(hs, 32);
	assert_int_equal(rlm_launch_predict(&PLAN.d, &rim, NULL), 0);
	assert_memory_equal(v, rim.value, 64);
	assert_int_equal(rlm_mock_measurement(M, ST.rd, 0, host, &hs), 0);
	assert_memory_equal(v, host, 64);
	assert_int_equal(rlm_guest_shared_alias(&G, 0x1000), 0x100001000ULL);
}

static void test_extend_with_log(void **state)
{
	static uint8_t logbuf[8192];
	struct rlm_guest_log log;
	uint8_t rems[4][64], v[64];
	size_t count, hs;
	unsigned int i;

	(void)state;
	assert_int_equal(rlm_guest_log_init(&log, logbuf, sizeof(logbuf), G.cfg.hash_algo), 0);
	for (i = 0; i < 20; i++) {
		char ev[40];

		snprintf(ev, sizeof(ev), "guest component %u", i);
		assert_int_equal(rlm_guest_extend_event(&G, &log, 1 + i % 4, RLM_TCG_EV_IPL,
							ev, strlen(ev), NULL), 0);
	}
	assert_int_equal(rlm_guest_log_replay(logbuf, log.tcg.len, NULL, rems, &count), 0);
	assert_int_equal(count, 20);
	for (i = 0; i < 4; i++) {
		assert_int_equal(rlm_guest_measurement_read(&G, 1 + i, v, NULL), 0);
		assert_memory_equal(v, rems[i], 64);
		/* The host's view of the same realm agrees. */
		assert_int_equal(rlm_mock_measurement(M, ST.rd, 1 + i, v, &hs), 0);
		assert_memory_equal(v, rems[i], 64);
	}
	/* Raw extends of any size 0..64 go through; 65 is refused. */
	assert_int_equal(rlm_guest_measurement_extend(&G, 4, "abc", 3), 0);
	assert_int_equal(rlm_guest_measurement_extend(&G, 4, NULL, 0), 0);
	assert_int_equal(rlm_guest_measurement_extend(&G, 4, logbuf, 65), RLM_E2BIG);
	assert_int_equal(rlm_guest_measurement_read(&G, 5, v, NULL), RLM_ERANGE);
}

static void test_ripas(void **state)
{
	uint64_t top, done;
	uint8_t ripas;
	bool ok;

	(void)state;
	assert_int_equal(rlm_guest_range_may_map_encrypted(&G, 0, SHIM_REALM_RAM_TOP, &ok), 0);
	assert_true(ok);
	assert_int_equal(rlm_guest_range_may_map_encrypted(&G, 0, SHIM_REALM_RAM_TOP + 0x1000,
							   &ok), 0);
	assert_false(ok);
	/* Give a bounce buffer back to the host as Linux does (RAM -> EMPTY). */
	assert_int_equal(rlm_guest_set_ripas(&G, 0x200000, 0x400000, RLM_RSI_RIPAS_EMPTY,
					     0, &done), 0);
	assert_int_equal(done, 0x400000);
	assert_int_equal(rlm_guest_ipa_state_get(&G, 0x200000, 0x600000, &top, &ripas), 0);
	assert_int_equal(ripas, RLM_RSI_RIPAS_EMPTY);
	assert_int_equal(top, 0x400000);
	assert_int_equal(rlm_guest_range_may_map_encrypted(&G, 0x100000, 0x300000, &ok), 0);
	assert_false(ok);
	/* ... and take it back. */
	assert_int_equal(rlm_guest_set_ripas(&G, 0x200000, 0x400000, RLM_RSI_RIPAS_RAM,
					     0, &done), 0);
	assert_int_equal(rlm_guest_range_may_map_encrypted(&G, 0x100000, 0x300000, &ok), 0);
	assert_true(ok);
	/* Outside the protected half: refused before any call. */
	assert_int_equal(rlm_guest_set_ripas(&G, 0, 0x100001000ULL, RLM_RSI_RIPAS_RAM, 0, NULL),
			 RLM_ERANGE);
}

static void test_token(void **state)
{
	static uint8_t tok[16384];
	uint8_t ch[64];
	size_t len;

	(void)state;
	memset(ch, 0x5a, sizeof(ch));
	/* Without an attestation provider the RMM answers ERROR_STATE. */
	assert_int_equal(rlm_guest_token(&G, ch, 64, tok, sizeof(tok), &len), RLM_ERSI);
	assert_int_equal(rlm_guest_token(&G, ch, 31, tok, sizeof(tok), &len), RLM_ERANGE);
#if RLM_TEST_HAVE_TOKEN
	{
		static struct rlm_mock_attest_portable a;
		struct rlm_mock_attest prov;
		struct rlm_token t;
		struct rlm_token_result res;
		struct rlm_token_key *pk;
		uint8_t pt[128], rim[64], rem[64];
		size_t ptlen, hs;

		assert_int_equal(rlm_mock_attest_portable_init(&a, NULL, &prov), 0);
		rlm_mock_set_attest(M, &prov);
		assert_int_equal(rlm_guest_measurement_extend(&G, 2, "x", 1), 0);
		/* A 48-byte challenge: zero-padded to 64 in the token. */
		assert_int_equal(rlm_guest_token(&G, ch, 48, tok, sizeof(tok), &len), 0);
		assert_true(len > 64);
		assert_int_equal(rlm_token_decode(tok, len, &t), 0);
		assert_int_equal(t.realm.challenge.len, 64);
		assert_memory_equal(t.realm.challenge.ptr, ch, 48);
		assert_true(t.realm.challenge.ptr[48] == 0 && t.realm.challenge.ptr[63] == 0);
		assert_int_equal(rlm_guest_measurement_read(&G, 0, rim, &hs), 0);
		assert_int_equal(t.realm.rim.len, hs);
		assert_memory_equal(t.realm.rim.ptr, rim, hs);
		assert_int_equal(rlm_guest_measurement_read(&G, 2, rem, NULL), 0);
		assert_memory_equal(t.realm.rem[1].ptr, rem, hs);
		assert_memory_equal(t.realm.rpv.ptr, shim_realm_rpv, 64);
		assert_int_equal(rlm_mock_attest_portable_platform_point(&a, pt, sizeof(pt), &ptlen), 0);
		assert_int_equal(rlm_token_key_from_point(pt, ptlen, &pk), 0);
		assert_int_equal(rlm_token_verify(&t, pk, &res), 0);
		assert_int_equal(res.verdict, RLM_TOKEN_OK);
		/* A buffer too small: drained, ENOSPC, the size needed. */
		assert_int_equal(rlm_guest_token(&G, ch, 64, tok, 100, &len), RLM_ENOSPC);
		assert_true(len > 100);
		rlm_token_key_free(pk);
		rlm_mock_set_attest(M, NULL);
	}
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_config_and_rim, setup, teardown),
		cmocka_unit_test_setup_teardown(test_extend_with_log, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ripas, setup, teardown),
		cmocka_unit_test_setup_teardown(test_token, setup, teardown),
	};

	return cmocka_run_group_tests_name("guest-mock", tests, NULL, NULL);
}
