/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Typed RSI calls and their loops through the recording conduit.  FIDs and
 * registers written out from TF-RMM rmm-spec-v1.0-rel0 smc-rsi.h and its
 * handlers, and Linux rsi_smc.h; the loops follow Linux's rules
 * (arch/arm64/include/asm/rsi.h, drivers/virt/coco/arm-cca-guest).
 */
#include "rec_util.h"

#define SENT 0x5e5e5e5e5e5e5e5eULL

/* ---- every command once ------------------------------------------------- */

struct cmd {
	const char *name;
	uint64_t fid;
	int (*call)(const struct rlm_conduit *c, uint64_t *out,
		    struct rlm_rsi_result *res);
};

static const uint8_t chal64[64] = {
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c,
	0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18,
	0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x24,
	0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f, 0x30,
	0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x3b, 0x3c,
	0x3d, 0x3e, 0x3f, 0x40,
};

static int c_version(const struct rlm_conduit *c, uint64_t *o, struct rlm_rsi_result *r)
{
	return rlm_rsi_version(c, 0x10000, &o[0], &o[1], r);
}
static int c_features(const struct rlm_conduit *c, uint64_t *o, struct rlm_rsi_result *r)
{
	return rlm_rsi_features(c, 0, &o[0], r);
}
static int c_meas_read(const struct rlm_conduit *c, uint64_t *o, struct rlm_rsi_result *r)
{
	uint8_t v[64];
	int rc;

	memset(v, 0x5e, sizeof(v));
	rc = rlm_rsi_measurement_read(c, 0, v, r);
	memcpy(&o[0], v, 8);
	return rc;
}
static int c_meas_extend(const struct rlm_conduit *c, uint64_t *o, struct rlm_rsi_result *r)
{
	(void)o;
	return rlm_rsi_measurement_extend(c, 1, chal64, 64, r);
}
static int c_token_init(const struct rlm_conduit *c, uint64_t *o, struct rlm_rsi_result *r)
{
	return rlm_rsi_attestation_token_init(c, chal64, 64, &o[0], r);
}
static int c_token_continue(const struct rlm_conduit *c, uint64_t *o, struct rlm_rsi_result *r)
{
	bool more = false;

	return rlm_rsi_attestation_token_continue(c, 0x40001000, 0, 4096, &o[0],
						  &more, r);
}
static int c_realm_config(const struct rlm_conduit *c, uint64_t *o, struct rlm_rsi_result *r)
{
	(void)o;
	return rlm_rsi_realm_config(c, 0x40002000, r);
}
static int c_state_set(const struct rlm_conduit *c, uint64_t *o, struct rlm_rsi_result *r)
{
	return rlm_rsi_ipa_state_set(c, 0x40000000, 0x40010000, RLM_RIPAS_RAM,
				     RLM_RSI_CHANGE_DESTROYED, &o[0], &o[1], r);
}
static int c_state_get(const struct rlm_conduit *c, uint64_t *o, struct rlm_rsi_result *r)
{
	uint8_t ripas = 0x5e;
	int rc = rlm_rsi_ipa_state_get(c, 0x40000000, 0x40010000, &o[0], &ripas, r);

	if (ripas != 0x5e)
		o[1] = ripas;
	return rc;
}
static int c_host_call(const struct rlm_conduit *c, uint64_t *o, struct rlm_rsi_result *r)
{
	(void)o;
	return rlm_rsi_host_call(c, 0x40003100, r);
}

/* FIDs as numbers (smc-rsi.h: SMC64_RSI_FID(offset) = 0xC4000190 + offset). */
static const struct cmd cmds[] = {
	{ "VERSION", 0xC4000190, c_version },
	{ "FEATURES", 0xC4000191, c_features },
	{ "MEASUREMENT_READ", 0xC4000192, c_meas_read },
	{ "MEASUREMENT_EXTEND", 0xC4000193, c_meas_extend },
	{ "ATTESTATION_TOKEN_INIT", 0xC4000194, c_token_init },
	{ "ATTESTATION_TOKEN_CONTINUE", 0xC4000195, c_token_continue },
	{ "REALM_CONFIG", 0xC4000196, c_realm_config },
	{ "IPA_STATE_SET", 0xC4000197, c_state_set },
	{ "IPA_STATE_GET", 0xC4000198, c_state_get },
	{ "HOST_CALL", 0xC4000199, c_host_call },
};
#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

static void outs_reset(uint64_t *o)
{
	o[0] = o[1] = o[2] = o[3] = SENT;
}

static void test_every_command_fid(void **state)
{
	uint64_t out[4];
	size_t i;

	(void)state;
	assert_int_equal(NCMDS, 10);
	for (i = 0; i < NCMDS; i++) {
		ru_reset();
		ru_answer(RLM_RSI_SUCCESS, 0x1000, 0, 0, 0);
		outs_reset(out);
		assert_int_equal(cmds[i].call(&ru_.c, out, NULL), 0);
		assert_int_equal(ru_count(), 1);
		if (ru_in(0)->x[0] != cmds[i].fid)
			fail_msg("%s: FID 0x%llx", cmds[i].name,
				 (unsigned long long)ru_in(0)->x[0]);
	}
}

/*
 * The command table in realm/abi.h (RLM_RSI_COMMANDS) against this test's own
 * list: the same 10 commands with the same FIDs, in FID order, and each typed
 * call fills exactly the table's argument registers (the last one is not
 * zero in these calls but the index 0 of FEATURES and
 * MEASUREMENT_READ; everything above it is).
 */
struct row {
	const char *name;
	uint64_t fid;
	unsigned int in, out;
};

#define ROW(n, v, i, o) { #n, RLM_SMC_RSI_##n, i, o },
static const struct row table[] = { RLM_RSI_COMMANDS(ROW) };
#undef ROW

static void test_command_table(void **state)
{
	uint64_t out[4];
	size_t i, k;

	(void)state;
	assert_int_equal(sizeof(table) / sizeof(table[0]), NCMDS);
	for (i = 0; i < NCMDS; i++) {
		assert_string_equal(table[i].name, cmds[i].name);
		assert_true(table[i].fid == cmds[i].fid);
		assert_true(table[i].out <= 8);
		ru_reset();
		ru_answer(RLM_RSI_SUCCESS, 0x1000, 0, 0, 0);
		outs_reset(out);
		assert_int_equal(cmds[i].call(&ru_.c, out, NULL), 0);
		if (table[i].fid != RLM_SMC_RSI_FEATURES && /* index 0 */
		    table[i].fid != RLM_SMC_RSI_MEASUREMENT_READ &&
		    !ru_in(0)->x[table[i].in])
			fail_msg("%s: X%u is zero", table[i].name, table[i].in);
		for (k = table[i].in + 1; k < RLM_SMC_NREGS; k++)
			if (ru_in(0)->x[k])
				fail_msg("%s: X%zu set, the table says %u arguments",
					 table[i].name, k, table[i].in);
	}
}

static void test_every_command_errors(void **state)
{
	static const uint64_t errs[] = { 1, 2, 4 };
	struct rlm_rsi_result res;
	uint64_t out[4];
	size_t i, s, k;

	(void)state;
	for (i = 0; i < NCMDS; i++) {
		for (s = 0; s < 3; s++) {
			ru_reset();
			ru_answer(errs[s], 0x1111, 0x2222, 0x3333, 0x4444);
			outs_reset(out);
			assert_int_equal(cmds[i].call(&ru_.c, out, &res), RLM_ERSI);
			assert_true(res.x0 == errs[s]);
			assert_int_equal(res.status, errs[s]);
			for (k = 0; k < 4; k++) {
				bool filled = cmds[i].fid == 0xC4000190 && k < 2;

				if (filled != (out[k] != SENT))
					fail_msg("%s status %llu: out[%zu] %s",
						 cmds[i].name,
						 (unsigned long long)errs[s], k,
						 filled ? "not filled" : "written");
			}
		}
		/* INCOMPLETE is an error for all but TOKEN_CONTINUE */
		ru_reset();
		ru_answer(RLM_RSI_INCOMPLETE, 0, 0, 0, 0);
		outs_reset(out);
		assert_int_equal(cmds[i].call(&ru_.c, out, &res),
				 cmds[i].fid == 0xC4000195 ? 0 : RLM_ERSI);
		assert_int_equal(res.status, RLM_RSI_INCOMPLETE);

		/* not an RSI status */
		ru_reset();
		ru_answer(5, 0, 0, 0, 0);
		ru_answer(0x100, 0, 0, 0, 0);
		assert_int_equal(cmds[i].call(&ru_.c, out, &res), RLM_EMALFORMED);
		assert_int_equal(cmds[i].call(&ru_.c, out, &res), RLM_EMALFORMED);

		/* no RMM, transport failure, script exhausted, no conduit */
		ru_reset();
		rlm_record_callback(&ru_.rec, ru_not_supported, NULL);
		assert_int_equal(cmds[i].call(&ru_.c, out, &res), RLM_ECONDUIT);
		assert_true(res.x0 == RLM_SMCCC_NOT_SUPPORTED);
		rlm_record_callback(&ru_.rec, ru_transport_fails, NULL);
		assert_int_equal(cmds[i].call(&ru_.c, out, &res), RLM_ECONDUIT);
		ru_reset();
		assert_int_equal(cmds[i].call(&ru_.c, out, &res), RLM_ECONDUIT);
		assert_int_equal(ru_count(), 1);
		assert_int_equal(cmds[i].call(NULL, out, &res), RLM_EINVAL);
		assert_int_equal(ru_count(), 1);
	}
}

/* ---- register encoding, command by command ------------------------------ */

static void test_version_features(void **state)
{
	uint64_t lo, hi, v;

	(void)state;
	ru_reset();
	ru_answer(0, 0x10000, 0x10001, 0, 0);
	ru_answer(0, 0, 0, 0, 0);
	assert_int_equal(rlm_rsi_version(&ru_.c, 0x10000, &lo, &hi, NULL), 0);
	ru_check_in(0, 0xC4000190, RU_ARGS(0x10000));
	assert_true(lo == 0x10000 && hi == 0x10001);
	assert_int_equal(rlm_rsi_features(&ru_.c, 3, &v, NULL), 0);
	ru_check_in(1, 0xC4000191, RU_ARGS(3));
	assert_true(v == 0);
	assert_int_equal(rlm_rsi_version(&ru_.c, 0x10000, NULL, &hi, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rsi_version(&ru_.c, 0x10000, &lo, NULL, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rsi_features(&ru_.c, 0, NULL, NULL), RLM_EINVAL);
	assert_int_equal(ru_count(), 2);
}

static void test_measurement_read(void **state)
{
	uint64_t x[RLM_SMC_NREGS];
	uint8_t v[64];
	unsigned int i, idx;

	(void)state;
	ru_reset();
	for (idx = 0; idx < 5; idx++) {
		memset(x, 0, sizeof(x));
		for (i = 1; i <= 8; i++)
			x[i] = 0x0102030405060708ULL * i + idx;
		x[9] = 0xbad; /* past X8: not part of the value */
		ru_answer_regs(x);
	}
	for (idx = 0; idx < 5; idx++) {
		memset(v, 0xee, sizeof(v));
		assert_int_equal(rlm_rsi_measurement_read(&ru_.c, idx, v, NULL), 0);
		ru_check_in(idx, 0xC4000192, RU_ARGS(idx));
		/* little-endian per register, X1 first */
		for (i = 0; i < 8; i++) {
			uint64_t reg = 0x0102030405060708ULL * (i + 1) + idx;
			unsigned int b;

			for (b = 0; b < 8; b++)
				assert_int_equal(v[8 * i + b], (uint8_t)(reg >> (8 * b)));
		}
	}
	assert_int_equal(rlm_rsi_measurement_read(&ru_.c, 5, v, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rsi_measurement_read(&ru_.c, 1000, v, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rsi_measurement_read(&ru_.c, 0, NULL, NULL), RLM_EINVAL);
	assert_int_equal(ru_count(), 5);
}

static void test_measurement_extend(void **state)
{
	const struct rlm_smc_regs *in;
	uint8_t data[65];
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(0xa0 + i);
	ru_reset();
	ru_answer(0, 0, 0, 0, 0);
	ru_answer(0, 0, 0, 0, 0);
	ru_answer(0, 0, 0, 0, 0);
	ru_answer(0, 0, 0, 0, 0);

	/* 64 bytes: X3..X10, little-endian */
	assert_int_equal(rlm_rsi_measurement_extend(&ru_.c, 4, data, 64, NULL), 0);
	in = ru_in(0);
	assert_true(in->x[0] == 0xC4000193);
	assert_true(in->x[1] == 4 && in->x[2] == 64);
	assert_true(in->x[3] == 0xa7a6a5a4a3a2a1a0ULL);
	assert_true(in->x[10] == 0xdfdedddcdbdad9d8ULL);
	assert_true(in->x[11] == 0);

	/* 5 bytes: zero-padded, nothing past X3 */
	assert_int_equal(rlm_rsi_measurement_extend(&ru_.c, 1, data, 5, NULL), 0);
	ru_check_in(1, 0xC4000193, RU_ARGS(1, 5, 0x000000a4a3a2a1a0ULL));

	/* 0 bytes, data may be NULL */
	assert_int_equal(rlm_rsi_measurement_extend(&ru_.c, 2, NULL, 0, NULL), 0);
	ru_check_in(2, 0xC4000193, RU_ARGS(2, 0));
	/* 9 bytes spill into X4 */
	assert_int_equal(rlm_rsi_measurement_extend(&ru_.c, 3, data, 9, NULL), 0);
	ru_check_in(3, 0xC4000193, RU_ARGS(3, 9, 0xa7a6a5a4a3a2a1a0ULL, 0xa8));

	/* refused: RIM (0) is not extendable, index past REM3, size over 64,
	 * NULL data with a size */
	assert_int_equal(rlm_rsi_measurement_extend(&ru_.c, 0, data, 8, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rsi_measurement_extend(&ru_.c, 5, data, 8, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rsi_measurement_extend(&ru_.c, 1, data, 65, NULL), RLM_E2BIG);
	assert_int_equal(rlm_rsi_measurement_extend(&ru_.c, 1, data, (size_t)-1, NULL), RLM_E2BIG);
	assert_int_equal(rlm_rsi_measurement_extend(&ru_.c, 1, NULL, 1, NULL), RLM_EINVAL);
	assert_int_equal(ru_count(), 4);
}

static void test_token_init_continue(void **state)
{
	const struct rlm_smc_regs *in;
	uint8_t c32[32];
	uint64_t bound = SENT, written = SENT;
	bool more = false;
	unsigned int i;

	(void)state;
	memcpy(c32, chal64, 32);
	ru_reset();
	ru_answer(0, 4096 * 3, 0, 0, 0);
	ru_answer(0, 4096, 0, 0, 0);
	ru_answer(RLM_RSI_INCOMPLETE, 100, 0, 0, 0);
	ru_answer(RLM_RSI_SUCCESS, 7, 0, 0, 0);

	assert_int_equal(rlm_rsi_attestation_token_init(&ru_.c, chal64, 64, &bound, NULL), 0);
	in = ru_in(0);
	assert_true(in->x[0] == 0xC4000194);
	assert_true(in->x[1] == 0x0807060504030201ULL);
	assert_true(in->x[8] == 0x403f3e3d3c3b3a39ULL);
	for (i = 9; i < RLM_SMC_NREGS; i++)
		assert_true(in->x[i] == 0);
	assert_true(bound == 4096 * 3);

	/* 32 bytes: zero-padded to 64 */
	assert_int_equal(rlm_rsi_attestation_token_init(&ru_.c, c32, 32, &bound, NULL), 0);
	ru_check_in(1, 0xC4000194, RU_ARGS(0x0807060504030201ULL, 0x100f0e0d0c0b0a09ULL,
					   0x1817161514131211ULL, 0x201f1e1d1c1b1a19ULL));

	assert_int_equal(rlm_rsi_attestation_token_continue(&ru_.c, 0x40001000, 16, 4080,
							    &written, &more, NULL), 0);
	ru_check_in(2, 0xC4000195, RU_ARGS(0x40001000, 16, 4080));
	assert_true(written == 100 && more);
	assert_int_equal(rlm_rsi_attestation_token_continue(&ru_.c, 0x40001000, 0, 4096,
							    &written, &more, NULL), 0);
	assert_true(written == 7 && !more);

	/* refused */
	assert_int_equal(rlm_rsi_attestation_token_init(&ru_.c, chal64, 31, &bound, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rsi_attestation_token_init(&ru_.c, chal64, 65, &bound, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rsi_attestation_token_init(&ru_.c, chal64, 0, &bound, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rsi_attestation_token_init(&ru_.c, NULL, 64, &bound, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rsi_attestation_token_init(&ru_.c, chal64, 64, NULL, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rsi_attestation_token_continue(&ru_.c, 0x40001008, 0, 4096,
							    &written, &more, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rsi_attestation_token_continue(&ru_.c, 0x40001000, 4096, 0,
							    &written, &more, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rsi_attestation_token_continue(&ru_.c, 0x40001000, 1, 4096,
							    &written, &more, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rsi_attestation_token_continue(&ru_.c, 0x40001000, 8,
							    ~0ULL - 4, &written, &more, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rsi_attestation_token_continue(&ru_.c, 0x40001000, 0, 4096,
							    NULL, &more, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rsi_attestation_token_continue(&ru_.c, 0x40001000, 0, 4096,
							    &written, NULL, NULL), RLM_EINVAL);
	assert_int_equal(ru_count(), 4);
}

static void test_realm_config_and_host_call(void **state)
{
	(void)state;
	ru_reset();
	ru_answer(0, 0, 0, 0, 0);
	ru_answer(0, 0, 0, 0, 0);
	ru_answer(0, 0, 0, 0, 0);
	assert_int_equal(rlm_rsi_realm_config(&ru_.c, 0x40002000, NULL), 0);
	ru_check_in(0, 0xC4000196, RU_ARGS(0x40002000));
	assert_int_equal(rlm_rsi_host_call(&ru_.c, 0x40003f00, NULL), 0);
	ru_check_in(1, 0xC4000199, RU_ARGS(0x40003f00));
	assert_int_equal(rlm_rsi_host_call(&ru_.c, 0x40004000, NULL), 0);

	assert_int_equal(rlm_rsi_realm_config(&ru_.c, 0x40002800, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rsi_host_call(&ru_.c, 0x40003f80, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rsi_host_call(&ru_.c, 0x40003001, NULL), RLM_EALIGN);
	assert_int_equal(ru_count(), 3);
}

static void test_ipa_state_set_get(void **state)
{
	uint64_t nb = SENT, resp = SENT, top = SENT;
	uint8_t ripas = 0x5e;

	(void)state;
	ru_reset();
	ru_answer(0, 0x40008000, RLM_RSI_REJECT, 0, 0);
	ru_answer(0, 0x40004000, RLM_RIPAS_DESTROYED, 0, 0);
	assert_int_equal(rlm_rsi_ipa_state_set(&ru_.c, 0x40000000, 0x40010000,
					       RLM_RIPAS_EMPTY, RLM_RSI_NO_CHANGE_DESTROYED,
					       &nb, &resp, NULL), 0);
	ru_check_in(0, 0xC4000197, RU_ARGS(0x40000000, 0x40010000, 0, 0));
	assert_true(nb == 0x40008000 && resp == RLM_RSI_REJECT);
	assert_int_equal(rlm_rsi_ipa_state_get(&ru_.c, 0x40000000, 0x40010000, &top,
					       &ripas, NULL), 0);
	ru_check_in(1, 0xC4000198, RU_ARGS(0x40000000, 0x40010000));
	assert_true(top == 0x40004000);
	assert_int_equal(ripas, RLM_RIPAS_DESTROYED);

	/* ripas beyond RAM, unknown flags, NULL outputs: refused */
	assert_int_equal(rlm_rsi_ipa_state_set(&ru_.c, 0, 0x1000, RLM_RIPAS_DESTROYED, 0,
					       &nb, &resp, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rsi_ipa_state_set(&ru_.c, 0, 0x1000, RLM_RIPAS_DEV, 0,
					       &nb, &resp, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rsi_ipa_state_set(&ru_.c, 0, 0x1000, RLM_RIPAS_RAM, 2,
					       &nb, &resp, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rsi_ipa_state_set(&ru_.c, 0, 0x1000, RLM_RIPAS_RAM, 0,
					       NULL, &resp, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rsi_ipa_state_set(&ru_.c, 0, 0x1000, RLM_RIPAS_RAM, 0,
					       &nb, NULL, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rsi_ipa_state_get(&ru_.c, 0, 0x1000, NULL, &ripas, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rsi_ipa_state_get(&ru_.c, 0, 0x1000, &top, NULL, NULL), RLM_EINVAL);
	assert_int_equal(ru_count(), 2);
}

/* REALM_CONFIG and HOST_CALL over a CPU view the fake RMM writes into. */
static uint8_t shared_page[4096];

static int fake_config_host(void *arg, size_t index, struct rlm_smc_regs *r)
{
	(void)arg;
	(void)index;
	if (r->x[0] == 0xC4000196) {
		memset(shared_page, 0, sizeof(shared_page));
		shared_page[0] = 41;          /* ipa_width */
		shared_page[8] = 1;           /* SHA-512 */
		memset(shared_page + 0x200, 0xab, 64);
		r->x[0] = 0;
	} else if (r->x[0] == 0xC4000199) {
		uint8_t *hc = shared_page + (r->x[1] & 0xfff);

		/* the host answers in gprs[0] = imm + 1 */
		hc[8] = (uint8_t)(hc[0] + 1);
		r->x[0] = 0;
	} else {
		r->x[0] = RLM_SMCCC_NOT_SUPPORTED;
	}
	return 0;
}

static void test_config_read_and_host_call_exchange(void **state)
{
	struct rlm_rsi_realm_config cfg;
	struct rlm_rsi_host_call hc;
	unsigned int i;

	(void)state;
	ru_reset();
	rlm_record_callback(&ru_.rec, fake_config_host, NULL);
	assert_int_equal(rlm_rsi_realm_config_read(&ru_.c, 0x40002000, shared_page,
						   sizeof(shared_page), &cfg, NULL), 0);
	assert_int_equal(cfg.ipa_width, 41);
	assert_int_equal(cfg.hash_algo, RLM_RSI_HASH_SHA_512);
	for (i = 0; i < 64; i++)
		assert_int_equal(cfg.rpv[i], 0xab);

	memset(&hc, 0, sizeof(hc));
	hc.imm = 0x42;
	hc.gprs[30] = 0x77;
	assert_int_equal(rlm_rsi_host_call_exchange(&ru_.c, 0x40003300, shared_page + 0x300,
						    256, &hc, NULL), 0);
	ru_check_in(1, 0xC4000199, RU_ARGS(0x40003300));
	assert_true(hc.gprs[0] == 0x43 && hc.gprs[30] == 0x77 && hc.imm == 0x42);

	assert_int_equal(rlm_rsi_realm_config_read(&ru_.c, 0x40002000, shared_page, 4095,
						   &cfg, NULL), RLM_ENOSPC);
	assert_int_equal(rlm_rsi_realm_config_read(&ru_.c, 0x40002010, shared_page, 4096,
						   &cfg, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rsi_realm_config_read(&ru_.c, 0x40002000, NULL, 4096,
						   &cfg, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rsi_realm_config_read(&ru_.c, 0x40002000, shared_page, 4096,
						   NULL, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rsi_host_call_exchange(&ru_.c, 0x40003300, shared_page, 255,
						    &hc, NULL), RLM_ENOSPC);
	assert_int_equal(rlm_rsi_host_call_exchange(&ru_.c, 0x40003380, shared_page, 256,
						    &hc, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rsi_host_call_exchange(&ru_.c, 0x40003300, shared_page, 256,
						    NULL, NULL), RLM_EINVAL);
	assert_int_equal(ru_count(), 2);
}

static void test_decode_and_names(void **state)
{
	uint8_t st = 0x77;
	unsigned int i;

	(void)state;
	assert_int_equal(rlm_rsi_decode(0, &st), 0);
	assert_int_equal(st, 0);
	assert_int_equal(rlm_rsi_decode(3, &st), 0);
	assert_int_equal(st, 3);
	assert_int_equal(rlm_rsi_decode(4, NULL), 0);
	assert_int_equal(rlm_rsi_decode(5, &st), RLM_EMALFORMED);
	assert_int_equal(rlm_rsi_decode(0x100, &st), RLM_EMALFORMED);
	assert_int_equal(rlm_rsi_decode(~0ULL, &st), RLM_ECONDUIT);
	assert_string_equal(rlm_rsi_status_name(0), "RSI_SUCCESS");
	assert_string_equal(rlm_rsi_status_name(1), "RSI_ERROR_INPUT");
	assert_string_equal(rlm_rsi_status_name(2), "RSI_ERROR_STATE");
	assert_string_equal(rlm_rsi_status_name(3), "RSI_INCOMPLETE");
	assert_string_equal(rlm_rsi_status_name(4), "RSI_ERROR_UNKNOWN");
	assert_int_equal(RLM_RSI_STATUS_LAST, RLM_RSI_ERROR_UNKNOWN);
	for (i = 0; i <= RLM_RSI_STATUS_LAST; i++) {
		assert_int_equal(strncmp(rlm_rsi_status_name(i), "RSI_", 4), 0);
		assert_string_not_equal(rlm_rsi_status_name(i), "RSI_STATUS_UNKNOWN");
	}
	assert_string_equal(rlm_rsi_status_name(5), "RSI_STATUS_UNKNOWN");
	assert_string_equal(rlm_rsi_status_name(~0u), "RSI_STATUS_UNKNOWN");
}

/* ---- IPA_STATE_SET loop ---------------------------------------------------- */

static void test_set_ipa_state_range(void **state)
{
	struct rlm_rsi_result res;
	uint64_t progress = SENT;

	(void)state;
	/* progress over three calls */
	ru_reset();
	ru_answer(0, 0x40004000, RLM_RSI_ACCEPT, 0, 0);
	ru_answer(0, 0x40005000, RLM_RSI_ACCEPT, 0, 0);
	ru_answer(0, 0x40010000, RLM_RSI_ACCEPT, 0, 0);
	assert_int_equal(rlm_rsi_set_ipa_state_range(&ru_.c, 0x40000000, 0x40010000,
						     RLM_RIPAS_RAM, RLM_RSI_CHANGE_DESTROYED,
						     &progress, &res), 0);
	assert_int_equal(ru_count(), 3);
	ru_check_in(0, 0xC4000197, RU_ARGS(0x40000000, 0x40010000, 1, 1));
	ru_check_in(1, 0xC4000197, RU_ARGS(0x40004000, 0x40010000, 1, 1));
	ru_check_in(2, 0xC4000197, RU_ARGS(0x40005000, 0x40010000, 1, 1));
	assert_true(progress == 0x40010000);

	/* REJECT after partial progress: RLM_EPERM, progress = new base */
	ru_reset();
	ru_answer(0, 0x40004000, RLM_RSI_ACCEPT, 0, 0);
	ru_answer(0, 0x40006000, RLM_RSI_REJECT, 0, 0);
	assert_int_equal(rlm_rsi_set_ipa_state_range(&ru_.c, 0x40000000, 0x40010000,
						     RLM_RIPAS_RAM, 0, &progress, &res),
			 RLM_EPERM);
	assert_int_equal(ru_count(), 2);
	assert_true(progress == 0x40006000);

	/* REJECT at once (no progress): still RLM_EPERM, not a range error */
	ru_reset();
	ru_answer(0, 0x40000000, RLM_RSI_REJECT, 0, 0);
	assert_int_equal(rlm_rsi_set_ipa_state_range(&ru_.c, 0x40000000, 0x40010000,
						     RLM_RIPAS_RAM, 0, &progress, &res),
			 RLM_EPERM);
	assert_true(progress == 0x40000000);

	/* top outside (start, end]: no progress, overshoot, backwards */
	ru_reset();
	ru_answer(0, 0x40000000, RLM_RSI_ACCEPT, 0, 0);
	assert_int_equal(rlm_rsi_set_ipa_state_range(&ru_.c, 0x40000000, 0x40010000,
						     RLM_RIPAS_EMPTY, 0, &progress, &res),
			 RLM_ERANGE);
	assert_int_equal(ru_count(), 1);
	ru_reset();
	ru_answer(0, 0x40002000, RLM_RSI_ACCEPT, 0, 0);
	ru_answer(0, 0x40011000, RLM_RSI_ACCEPT, 0, 0);
	assert_int_equal(rlm_rsi_set_ipa_state_range(&ru_.c, 0x40000000, 0x40010000,
						     RLM_RIPAS_EMPTY, 0, &progress, &res),
			 RLM_ERANGE);
	assert_true(progress == 0x40002000);
	ru_reset();
	ru_answer(0, 0x3ffff000, RLM_RSI_ACCEPT, 0, 0);
	assert_int_equal(rlm_rsi_set_ipa_state_range(&ru_.c, 0x40000000, 0x40010000,
						     RLM_RIPAS_EMPTY, 0, &progress, &res),
			 RLM_ERANGE);
	/* a REJECT with a base outside the range is a range error too */
	ru_reset();
	ru_answer(0, 0x40020000, RLM_RSI_REJECT, 0, 0);
	assert_int_equal(rlm_rsi_set_ipa_state_range(&ru_.c, 0x40000000, 0x40010000,
						     RLM_RIPAS_RAM, 0, &progress, &res),
			 RLM_ERANGE);
	/* a response that is neither ACCEPT nor REJECT */
	ru_reset();
	ru_answer(0, 0x40001000, 7, 0, 0);
	assert_int_equal(rlm_rsi_set_ipa_state_range(&ru_.c, 0x40000000, 0x40010000,
						     RLM_RIPAS_RAM, 0, &progress, &res),
			 RLM_EMALFORMED);

	/* error status */
	ru_reset();
	ru_answer(RLM_RSI_ERROR_INPUT, 0, 0, 0, 0);
	assert_int_equal(rlm_rsi_set_ipa_state_range(&ru_.c, 0x40000000, 0x40010000,
						     RLM_RIPAS_RAM, 0, &progress, &res),
			 RLM_ERSI);
	assert_int_equal(res.status, RLM_RSI_ERROR_INPUT);
	assert_true(progress == 0x40000000);

	/* empty range: no call; bad arguments: no call */
	ru_reset();
	assert_int_equal(rlm_rsi_set_ipa_state_range(&ru_.c, 0x40000000, 0x40000000,
						     RLM_RIPAS_RAM, 0, &progress, &res), 0);
	assert_int_equal(rlm_rsi_set_ipa_state_range(&ru_.c, 0x40001000, 0x40000000,
						     RLM_RIPAS_RAM, 0, &progress, &res),
			 RLM_EINVAL);
	assert_int_equal(rlm_rsi_set_ipa_state_range(&ru_.c, 0x40000000, 0x40001000,
						     RLM_RIPAS_DESTROYED, 0, &progress, &res),
			 RLM_ERANGE);
	assert_int_equal(rlm_rsi_set_ipa_state_range(&ru_.c, 0x40000000, 0x40001000,
						     RLM_RIPAS_RAM, 4, &progress, &res),
			 RLM_EINVAL);
	assert_int_equal(rlm_rsi_set_ipa_state_range(&ru_.c, 0x40000000, 0x40001000,
						     RLM_RIPAS_RAM, 0, NULL, &res),
			 RLM_EINVAL);
	assert_int_equal(ru_count(), 0);
}

/* ---- IPA_STATE_GET walk ---------------------------------------------------- */

struct walk_log {
	uint64_t base[8], top[8];
	uint8_t ripas[8];
	unsigned int n;
	unsigned int stop_at; /* return 5 from this region (0 = never) */
};

static int walk_cb(void *arg, uint64_t base, uint64_t top, uint8_t ripas)
{
	struct walk_log *w = arg;

	assert_true(w->n < 8);
	w->base[w->n] = base;
	w->top[w->n] = top;
	w->ripas[w->n] = ripas;
	w->n++;
	return w->n == w->stop_at ? 5 : 0;
}

static void test_ipa_state_walk(void **state)
{
	struct walk_log w;
	bool prot = false;

	(void)state;
	ru_reset();
	ru_answer(0, 0x40002000, RLM_RIPAS_RAM, 0, 0);
	ru_answer(0, 0x40003000, RLM_RIPAS_DESTROYED, 0, 0);
	ru_answer(0, 0x40008000, RLM_RIPAS_EMPTY, 0, 0);
	memset(&w, 0, sizeof(w));
	assert_int_equal(rlm_rsi_ipa_state_walk(&ru_.c, 0x40000000, 0x40008000, walk_cb,
						&w, NULL), 0);
	assert_int_equal(w.n, 3);
	ru_check_in(0, 0xC4000198, RU_ARGS(0x40000000, 0x40008000));
	ru_check_in(1, 0xC4000198, RU_ARGS(0x40002000, 0x40008000));
	ru_check_in(2, 0xC4000198, RU_ARGS(0x40003000, 0x40008000));
	assert_true(w.base[1] == 0x40002000 && w.top[1] == 0x40003000);
	assert_int_equal(w.ripas[0], RLM_RIPAS_RAM);
	assert_int_equal(w.ripas[1], RLM_RIPAS_DESTROYED);
	assert_int_equal(w.ripas[2], RLM_RIPAS_EMPTY);

	/* the callback stops the walk */
	ru_reset();
	ru_answer(0, 0x40002000, RLM_RIPAS_RAM, 0, 0);
	ru_answer(0, 0x40003000, RLM_RIPAS_RAM, 0, 0);
	memset(&w, 0, sizeof(w));
	w.stop_at = 1;
	assert_int_equal(rlm_rsi_ipa_state_walk(&ru_.c, 0x40000000, 0x40008000, walk_cb,
						&w, NULL), 5);
	assert_int_equal(ru_count(), 1);

	/* a top outside (base, end] */
	ru_reset();
	ru_answer(0, 0x40000000, RLM_RIPAS_RAM, 0, 0);
	memset(&w, 0, sizeof(w));
	assert_int_equal(rlm_rsi_ipa_state_walk(&ru_.c, 0x40000000, 0x40008000, walk_cb,
						&w, NULL), RLM_ERANGE);
	assert_int_equal(w.n, 0);
	ru_reset();
	ru_answer(0, 0x40009000, RLM_RIPAS_RAM, 0, 0);
	assert_int_equal(rlm_rsi_ipa_state_walk(&ru_.c, 0x40000000, 0x40008000, walk_cb,
						&w, NULL), RLM_ERANGE);
	/* an error status */
	ru_reset();
	ru_answer(RLM_RSI_ERROR_INPUT, 0, 0, 0, 0);
	assert_int_equal(rlm_rsi_ipa_state_walk(&ru_.c, 0x40000000, 0x40008000, walk_cb,
						&w, NULL), RLM_ERSI);

	/* Linux's "may map encrypted" rule */
	ru_reset();
	ru_answer(0, 0x40002000, RLM_RIPAS_RAM, 0, 0);
	ru_answer(0, 0x40008000, RLM_RIPAS_DESTROYED, 0, 0);
	assert_int_equal(rlm_rsi_range_is_protected(&ru_.c, 0x40000000, 0x40008000, &prot,
						    NULL), 0);
	assert_true(prot);
	ru_reset();
	ru_answer(0, 0x40002000, RLM_RIPAS_RAM, 0, 0);
	ru_answer(0, 0x40003000, RLM_RIPAS_EMPTY, 0, 0);
	ru_answer(0, 0x40008000, RLM_RIPAS_RAM, 0, 0);
	assert_int_equal(rlm_rsi_range_is_protected(&ru_.c, 0x40000000, 0x40008000, &prot,
						    NULL), 0);
	assert_false(prot);
	assert_int_equal(ru_count(), 2); /* stopped at the EMPTY region */
	ru_reset();
	ru_answer(RLM_RSI_ERROR_INPUT, 0, 0, 0, 0);
	assert_int_equal(rlm_rsi_range_is_protected(&ru_.c, 0x40000000, 0x40008000, &prot,
						    NULL), RLM_ERSI);

	/* no calls for empty ranges and bad arguments */
	ru_reset();
	assert_int_equal(rlm_rsi_ipa_state_walk(&ru_.c, 0x40000000, 0x40000000, walk_cb,
						&w, NULL), 0);
	assert_int_equal(rlm_rsi_ipa_state_walk(&ru_.c, 0x40001000, 0x40000000, walk_cb,
						&w, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rsi_ipa_state_walk(&ru_.c, 0x40000000, 0x40001000, NULL,
						&w, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rsi_range_is_protected(&ru_.c, 0x40000000, 0x40001000, NULL,
						    NULL), RLM_EINVAL);
	assert_int_equal(rlm_rsi_range_is_protected(&ru_.c, 0x40001000, 0x40000000, &prot,
						    NULL), RLM_EINVAL);
	assert_int_equal(ru_count(), 0);
}

/* ---- attestation token retrieval ---------------------------------------- */

#define GRANULE_IPA 0x40100000ULL

/* A fake RMM that serves a token into the realm's granule, in chunks. */
struct fake_token {
	uint8_t token[12000];
	size_t len;
	size_t pos;
	size_t chunk;            /* most bytes per CONTINUE */
	unsigned int stall;      /* every stall-th CONTINUE makes no progress */
	uint64_t bound;          /* TOKEN_INIT's answer */
	unsigned int continues;
	unsigned int fail_at;    /* CONTINUE number answering ERROR_STATE (0 = never) */
	uint64_t overreport;     /* added to X1 (a lying RMM) */
	uint8_t granule[4096];   /* the realm's page, as the RMM sees it */
	uint64_t chal[8];
};

static int fake_token_cb(void *arg, size_t index, struct rlm_smc_regs *r)
{
	struct fake_token *t = arg;
	uint64_t off, size, n;
	unsigned int i;

	(void)index;
	if (r->x[0] == 0xC4000194) {
		for (i = 0; i < 8; i++)
			t->chal[i] = r->x[1 + i];
		t->pos = 0;
		r->x[0] = 0;
		r->x[1] = t->bound;
		return 0;
	}
	if (r->x[0] != 0xC4000195 || r->x[1] != GRANULE_IPA) {
		r->x[0] = RLM_RSI_ERROR_INPUT;
		return 0;
	}
	t->continues++;
	if (t->fail_at && t->continues == t->fail_at) {
		r->x[0] = RLM_RSI_ERROR_STATE;
		return 0;
	}
	off = r->x[2];
	size = r->x[3];
	assert_true(off < 4096 && off + size <= 4096);
	if (t->stall && t->continues % t->stall == 0) {
		r->x[0] = RLM_RSI_INCOMPLETE;
		r->x[1] = 0;
		return 0;
	}
	n = t->len - t->pos;
	if (n > size)
		n = size;
	if (n > t->chunk)
		n = t->chunk;
	memcpy(t->granule + off, t->token + t->pos, n);
	t->pos += n;
	r->x[0] = t->pos == t->len ? RLM_RSI_SUCCESS : RLM_RSI_INCOMPLETE;
	r->x[1] = n + t->overreport;
	return 0;
}

static struct fake_token ft;

static void fake_token_setup(size_t len, size_t chunk, unsigned int stall)
{
	size_t i;

	memset(&ft, 0, sizeof(ft));
	for (i = 0; i < sizeof(ft.token); i++)
		ft.token[i] = (uint8_t)(i * 7 + (i >> 8));
	ft.len = len;
	ft.chunk = chunk;
	ft.stall = stall;
	ft.bound = 12000;
	ru_reset();
	rlm_record_callback(&ru_.rec, fake_token_cb, &ft);
}

static void test_token_several_granules(void **state)
{
	static uint8_t out[12000];
	struct rlm_rsi_result res;
	size_t len = 0;

	(void)state;
	/* 10000 bytes: three granules, 1500-byte chunks, a stall every 3rd */
	fake_token_setup(10000, 1500, 3);
	memset(out, 0, sizeof(out));
	assert_int_equal(rlm_rsi_attestation_token(&ru_.c, chal64, 64, GRANULE_IPA,
						   ft.granule, out, sizeof(out), &len,
						   &res), 0);
	assert_int_equal(len, 10000);
	assert_memory_equal(out, ft.token, 10000);
	assert_int_equal(res.status, RLM_RSI_SUCCESS);
	assert_true(ft.chal[0] == 0x0807060504030201ULL);
	assert_true(ft.chal[7] == 0x403f3e3d3c3b3a39ULL);
	/* first call TOKEN_INIT, then CONTINUE at offset 0 of a fresh granule */
	assert_true(ru_in(0)->x[0] == 0xC4000194);
	ru_check_in(1, 0xC4000195, RU_ARGS(GRANULE_IPA, 0, 4096));
	ru_check_in(2, 0xC4000195, RU_ARGS(GRANULE_IPA, 1500, 2596));
	/* 7 productive calls + 3 stalls + INIT */
	assert_int_equal(ru_count(), 1 + ft.continues);
	assert_true(ft.continues >= 7);

	/* a 32-byte challenge is zero-padded */
	fake_token_setup(100, 4096, 0);
	assert_int_equal(rlm_rsi_attestation_token(&ru_.c, chal64, 32, GRANULE_IPA,
						   ft.granule, out, sizeof(out), &len,
						   NULL), 0);
	assert_int_equal(len, 100);
	assert_true(ft.chal[3] == 0x201f1e1d1c1b1a19ULL && ft.chal[4] == 0 &&
		    ft.chal[7] == 0);
	assert_int_equal(ru_count(), 2);

	/* exactly one granule, and exactly the caller's buffer */
	fake_token_setup(4096, 4096, 0);
	assert_int_equal(rlm_rsi_attestation_token(&ru_.c, chal64, 64, GRANULE_IPA,
						   ft.granule, out, 4096, &len, NULL), 0);
	assert_int_equal(len, 4096);
	assert_memory_equal(out, ft.token, 4096);
}

static void test_token_buffer_too_small(void **state)
{
	uint8_t out[5000];
	size_t len = 0;

	(void)state;
	fake_token_setup(10000, 3000, 0);
	memset(out, 0, sizeof(out));
	assert_int_equal(rlm_rsi_attestation_token(&ru_.c, chal64, 64, GRANULE_IPA,
						   ft.granule, out, sizeof(out), &len,
						   NULL), RLM_ENOSPC);
	/* the needed size, and the part that fitted */
	assert_int_equal(len, 10000);
	assert_memory_equal(out, ft.token, sizeof(out));
	assert_int_equal(ft.pos, 10000); /* drained */

	/* a zero-capacity query returns the size */
	fake_token_setup(777, 4096, 0);
	assert_int_equal(rlm_rsi_attestation_token(&ru_.c, chal64, 64, GRANULE_IPA,
						   ft.granule, NULL, 0, &len, NULL),
			 RLM_ENOSPC);
	assert_int_equal(len, 777);
}

static void test_token_failures(void **state)
{
	static uint8_t out[12000];
	struct rlm_rsi_result res;
	size_t len = 99;

	(void)state;
	/* an error status in the middle */
	fake_token_setup(10000, 1000, 0);
	ft.fail_at = 6;
	assert_int_equal(rlm_rsi_attestation_token(&ru_.c, chal64, 64, GRANULE_IPA,
						   ft.granule, out, sizeof(out), &len,
						   &res), RLM_ERSI);
	assert_int_equal(res.status, RLM_RSI_ERROR_STATE);
	assert_int_equal(ru_count(), 1 + 6);
	assert_int_equal(len, 4096); /* one full granule had been copied */

	/* TOKEN_INIT fails */
	fake_token_setup(100, 100, 0);
	rlm_record_callback(&ru_.rec, ru_not_supported, NULL);
	assert_int_equal(rlm_rsi_attestation_token(&ru_.c, chal64, 64, GRANULE_IPA,
						   ft.granule, out, sizeof(out), &len,
						   NULL), RLM_ECONDUIT);
	assert_int_equal(ru_count(), 1);

	/* an RMM claiming it wrote more than asked */
	fake_token_setup(10000, 4000, 0);
	ft.overreport = 200;
	assert_int_equal(rlm_rsi_attestation_token(&ru_.c, chal64, 64, GRANULE_IPA,
						   ft.granule, out, sizeof(out), &len,
						   NULL), RLM_ERANGE);

	/* a token longer than TOKEN_INIT's bound */
	fake_token_setup(10000, 4096, 0);
	ft.bound = 5000;
	assert_int_equal(rlm_rsi_attestation_token(&ru_.c, chal64, 64, GRANULE_IPA,
						   ft.granule, out, sizeof(out), &len,
						   NULL), RLM_ERANGE);

	/* bad arguments: no call */
	fake_token_setup(100, 100, 0);
	assert_int_equal(rlm_rsi_attestation_token(&ru_.c, chal64, 31, GRANULE_IPA,
						   ft.granule, out, sizeof(out), &len,
						   NULL), RLM_ERANGE);
	assert_int_equal(rlm_rsi_attestation_token(&ru_.c, chal64, 65, GRANULE_IPA,
						   ft.granule, out, sizeof(out), &len,
						   NULL), RLM_ERANGE);
	assert_int_equal(rlm_rsi_attestation_token(&ru_.c, chal64, 64, GRANULE_IPA + 8,
						   ft.granule, out, sizeof(out), &len,
						   NULL), RLM_EALIGN);
	assert_int_equal(rlm_rsi_attestation_token(&ru_.c, NULL, 64, GRANULE_IPA,
						   ft.granule, out, sizeof(out), &len,
						   NULL), RLM_EINVAL);
	assert_int_equal(rlm_rsi_attestation_token(&ru_.c, chal64, 64, GRANULE_IPA,
						   NULL, out, sizeof(out), &len, NULL),
			 RLM_EINVAL);
	assert_int_equal(rlm_rsi_attestation_token(&ru_.c, chal64, 64, GRANULE_IPA,
						   ft.granule, NULL, 10, &len, NULL),
			 RLM_EINVAL);
	assert_int_equal(rlm_rsi_attestation_token(&ru_.c, chal64, 64, GRANULE_IPA,
						   ft.granule, out, sizeof(out), NULL,
						   NULL), RLM_EINVAL);
	assert_int_equal(ru_count(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_command_fid),
		cmocka_unit_test(test_command_table),
		cmocka_unit_test(test_every_command_errors),
		cmocka_unit_test(test_version_features),
		cmocka_unit_test(test_measurement_read),
		cmocka_unit_test(test_measurement_extend),
		cmocka_unit_test(test_token_init_continue),
		cmocka_unit_test(test_realm_config_and_host_call),
		cmocka_unit_test(test_ipa_state_set_get),
		cmocka_unit_test(test_config_read_and_host_call_exchange),
		cmocka_unit_test(test_decode_and_names),
		cmocka_unit_test(test_set_ipa_state_range),
		cmocka_unit_test(test_ipa_state_walk),
		cmocka_unit_test(test_token_several_granules),
		cmocka_unit_test(test_token_buffer_too_small),
		cmocka_unit_test(test_token_failures),
	};

	return cmocka_run_group_tests_name("abi-rsi", tests, NULL, NULL);
}
