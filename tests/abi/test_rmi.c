/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Typed RMI calls through the recording conduit: for every command, the FID
 * and each argument in its register (numbers written out from TF-RMM
 * rmm-spec-v1.0-rel0 smc-rmi.h and its handler table), every output decoded
 * from its register, error statuses as RLM_ERMI with status and index, the
 * outputs RMI_ERROR_RTT defines, conduit failures, and every bad argument
 * refused with zero calls made.  Then the RTT_INIT_RIPAS / RTT_SET_RIPAS
 * loops.
 */
#include "rec_util.h"

#define RD     0x0000000080010000ULL
#define DATA   0x0000000080020000ULL
#define SRC    0x0000000090030000ULL
#define IPA    0x0000000040005000ULL
#define REC    0x0000000080040000ULL
#define REC2   0x0000000080041000ULL
#define PARAMS 0x0000000090050000ULL
#define RUN    0x0000000090060000ULL
#define RTT    0x0000000080070000ULL
#define DESC   0x0040000090080443ULL
#define SENT   0x5e5e5e5e5e5e5e5eULL /* outputs not written keep this */

/* ---- every command once, with valid arguments ----------------------------- */

struct cmd {
	const char *name;
	uint64_t fid;
	/* Make the call; outputs into out[0..3] (untouched ones stay SENT). */
	int (*call)(const struct rlm_conduit *c, uint64_t *out,
		    struct rlm_rmi_result *res);
	/* Outputs filled on RMI_ERROR_RTT (bit i = out[i]). */
	unsigned int rtt_outs;
};

static int c_version(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	return rlm_rmi_version(c, 0x10000, &o[0], &o[1], r);
}
static int c_features(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	return rlm_rmi_features(c, 0, &o[0], r);
}
static int c_delegate(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	(void)o;
	return rlm_rmi_granule_delegate(c, DATA, r);
}
static int c_undelegate(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	(void)o;
	return rlm_rmi_granule_undelegate(c, DATA, r);
}
static int c_data_create(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	(void)o;
	return rlm_rmi_data_create(c, RD, DATA, IPA, SRC, 1, r);
}
static int c_data_create_unknown(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	(void)o;
	return rlm_rmi_data_create_unknown(c, RD, DATA, IPA, r);
}
static int c_data_destroy(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	return rlm_rmi_data_destroy(c, RD, IPA, &o[0], &o[1], r);
}
static int c_realm_activate(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	(void)o;
	return rlm_rmi_realm_activate(c, RD, r);
}
static int c_realm_create(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	(void)o;
	return rlm_rmi_realm_create(c, RD, PARAMS, r);
}
static int c_realm_destroy(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	(void)o;
	return rlm_rmi_realm_destroy(c, RD, r);
}
static int c_rec_create(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	(void)o;
	return rlm_rmi_rec_create(c, RD, REC, PARAMS, r);
}
static int c_rec_destroy(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	(void)o;
	return rlm_rmi_rec_destroy(c, REC, r);
}
static int c_rec_enter(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	(void)o;
	return rlm_rmi_rec_enter(c, REC, RUN, r);
}
static int c_rtt_create(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	(void)o;
	return rlm_rmi_rtt_create(c, RD, RTT, IPA, 2, r);
}
static int c_rtt_destroy(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	return rlm_rmi_rtt_destroy(c, RD, IPA, 2, &o[0], &o[1], r);
}
static int c_map_unprotected(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	(void)o;
	return rlm_rmi_rtt_map_unprotected(c, RD, IPA, 3, DESC, r);
}
static int c_read_entry(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	struct rlm_rtt_entry e;
	int rc;

	e.level = 99;
	e.state = 0x5e;
	e.desc = SENT;
	e.ripas = 0x5e;
	rc = rlm_rmi_rtt_read_entry(c, RD, IPA, 3, &e, r);
	if (e.level != 99) {
		o[0] = (uint64_t)(int64_t)e.level;
		o[1] = e.state;
		o[2] = e.desc;
		o[3] = e.ripas;
	}
	return rc;
}
static int c_unmap_unprotected(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	return rlm_rmi_rtt_unmap_unprotected(c, RD, IPA, 3, &o[0], r);
}
static int c_psci_complete(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	(void)o;
	return rlm_rmi_psci_complete(c, REC, REC2, RLM_PSCI_RET_SUCCESS, r);
}
static int c_rtt_fold(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	return rlm_rmi_rtt_fold(c, RD, IPA, 2, &o[0], r);
}
static int c_aux_count(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	return rlm_rmi_rec_aux_count(c, RD, &o[0], r);
}
static int c_init_ripas(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	return rlm_rmi_rtt_init_ripas(c, RD, 0x40000000, 0x40200000, &o[0], r);
}
static int c_set_ripas(const struct rlm_conduit *c, uint64_t *o, struct rlm_rmi_result *r)
{
	return rlm_rmi_rtt_set_ripas(c, RD, REC, 0x40000000, 0x40200000, &o[0], r);
}

/* FIDs as numbers (TF-RMM smc-rmi.h: SMC64_RMI_FID(offset) = 0xC4000150 + offset). */
static const struct cmd cmds[] = {
	{ "VERSION", 0xC4000150, c_version, 0 },
	{ "GRANULE_DELEGATE", 0xC4000151, c_delegate, 0 },
	{ "GRANULE_UNDELEGATE", 0xC4000152, c_undelegate, 0 },
	{ "DATA_CREATE", 0xC4000153, c_data_create, 0 },
	{ "DATA_CREATE_UNKNOWN", 0xC4000154, c_data_create_unknown, 0 },
	{ "DATA_DESTROY", 0xC4000155, c_data_destroy, 1u << 1 },
	{ "REALM_ACTIVATE", 0xC4000157, c_realm_activate, 0 },
	{ "REALM_CREATE", 0xC4000158, c_realm_create, 0 },
	{ "REALM_DESTROY", 0xC4000159, c_realm_destroy, 0 },
	{ "REC_CREATE", 0xC400015A, c_rec_create, 0 },
	{ "REC_DESTROY", 0xC400015B, c_rec_destroy, 0 },
	{ "REC_ENTER", 0xC400015C, c_rec_enter, 0 },
	{ "RTT_CREATE", 0xC400015D, c_rtt_create, 0 },
	{ "RTT_DESTROY", 0xC400015E, c_rtt_destroy, 1u << 1 },
	{ "RTT_MAP_UNPROTECTED", 0xC400015F, c_map_unprotected, 0 },
	{ "RTT_READ_ENTRY", 0xC4000161, c_read_entry, 0 },
	{ "RTT_UNMAP_UNPROTECTED", 0xC4000162, c_unmap_unprotected, 1u << 0 },
	{ "PSCI_COMPLETE", 0xC4000164, c_psci_complete, 0 },
	{ "FEATURES", 0xC4000165, c_features, 0 },
	{ "RTT_FOLD", 0xC4000166, c_rtt_fold, 0 },
	{ "REC_AUX_COUNT", 0xC4000167, c_aux_count, 0 },
	{ "RTT_INIT_RIPAS", 0xC4000168, c_init_ripas, 0 },
	{ "RTT_SET_RIPAS", 0xC4000169, c_set_ripas, 0 },
};
#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

static void outs_reset(uint64_t *o)
{
	o[0] = o[1] = o[2] = o[3] = SENT;
}

/* RMI 1.0 has 23 commands; each has one typed function with its FID. */
static void test_every_command_fid(void **state)
{
	uint64_t out[4];
	size_t i, j;

	(void)state;
	assert_int_equal(NCMDS, 23);
	for (i = 0; i < NCMDS; i++) {
		for (j = i + 1; j < NCMDS; j++)
			assert_true(cmds[i].fid != cmds[j].fid);
		ru_reset();
		ru_answer(RLM_RMI_SUCCESS, 0x1000, 0x2000, 0x3000, 1);
		outs_reset(out);
		assert_int_equal(cmds[i].call(&ru_.c, out, NULL), 0);
		assert_int_equal(ru_count(), 1);
		if (ru_in(0)->x[0] != cmds[i].fid)
			fail_msg("%s: FID 0x%llx", cmds[i].name,
				 (unsigned long long)ru_in(0)->x[0]);
	}
}

/*
 * The command table in realm/abi.h (RLM_RMI_COMMANDS) against this test's own
 * list: the same 23 commands with the same FIDs, in FID order; each typed
 * call puts nothing above the table's argument count (X<in+1>.. stay zero)
 * and, on success, returns exactly the table's number of result registers.
 */
struct row {
	const char *name, *verb;
	uint64_t fid;
	unsigned int in, out;
};

#define ROW(n, v, i, o) { #n, #v, RLM_SMC_RMI_##n, i, o },
static const struct row table[] = { RLM_RMI_COMMANDS(ROW) };
#undef ROW

static void test_command_table(void **state)
{
	uint64_t out[4];
	size_t i, j, k, nout;

	(void)state;
	assert_int_equal(sizeof(table) / sizeof(table[0]), NCMDS);
	for (i = 0; i < NCMDS; i++) {
		const struct cmd *c = NULL;

		for (j = 0; j < NCMDS; j++)
			if (!strcmp(cmds[j].name, table[i].name))
				c = &cmds[j];
		if (!c)
			fail_msg("%s: not an RMI 1.0 command", table[i].name);
		assert_true(table[i].fid == c->fid);
		assert_true(table[i].fid >= RLM_SMC_RMI_FIRST &&
			    table[i].fid <= RLM_SMC_RMI_LAST);
		if (i)
			assert_true(table[i].fid > table[i - 1].fid);
		/* the verb is the name in lower case */
		assert_int_equal(strlen(table[i].verb), strlen(table[i].name));
		for (k = 0; table[i].name[k]; k++)
			assert_int_equal(table[i].verb[k],
					 table[i].name[k] >= 'A' && table[i].name[k] <= 'Z' ?
					 table[i].name[k] - 'A' + 'a' : table[i].name[k]);
		ru_reset();
		ru_answer(RLM_RMI_SUCCESS, 0x1000, 0x2000, 0x3000, 1);
		outs_reset(out);
		assert_int_equal(c->call(&ru_.c, out, NULL), 0);
		for (k = table[i].in + 1; k < RLM_SMC_NREGS; k++)
			if (ru_in(0)->x[k])
				fail_msg("%s: X%zu set, the table says %u arguments",
					 table[i].name, k, table[i].in);
		/* the last argument is never zero in these calls (but
		 * FEATURES' index 0 and PSCI_COMPLETE's status SUCCESS) */
		if (table[i].fid != RLM_SMC_RMI_PSCI_COMPLETE &&
		    table[i].fid != RLM_SMC_RMI_FEATURES)
			if (!ru_in(0)->x[table[i].in])
				fail_msg("%s: X%u is zero", table[i].name, table[i].in);
		for (nout = 0, k = 0; k < 4; k++)
			nout += out[k] != SENT;
		if (nout != table[i].out)
			fail_msg("%s: %zu results, the table says %u",
				 table[i].name, nout, table[i].out);
	}
}

/* Every error status maps to RLM_ERMI with status and index decoded. */
static void test_every_command_error_status(void **state)
{
	static const uint64_t statuses[] = {
		0x0001, /* ERROR_INPUT */
		0x0002, /* ERROR_REALM, index 0 (NEW) */
		0x0102, /* ERROR_REALM, index 1 (SYSTEM_OFF) */
		0x0003, /* ERROR_REC */
		0x0204, /* ERROR_RTT at level 2 */
		0xff04, /* ERROR_RTT at level -1 */
		0x0005, /* a 1.1 status: still an error */
	};
	struct rlm_rmi_result res;
	uint64_t out[4];
	size_t i, s, k;

	(void)state;
	for (i = 0; i < NCMDS; i++) {
		for (s = 0; s < sizeof(statuses) / sizeof(statuses[0]); s++) {
			bool rtt = (statuses[s] & 0xff) == RLM_RMI_ERROR_RTT;

			ru_reset();
			ru_answer(statuses[s], 0x1111, 0x2222, 0x3333, 0x4444);
			outs_reset(out);
			memset(&res, 0, sizeof(res));
			assert_int_equal(cmds[i].call(&ru_.c, out, &res), RLM_ERMI);
			assert_int_equal(ru_count(), 1);
			assert_true(res.x0 == statuses[s]);
			assert_int_equal(res.status, statuses[s] & 0xff);
			assert_int_equal(res.index, statuses[s] >> 8);
			for (k = 0; k < 4; k++) {
				bool filled = rtt && (cmds[i].rtt_outs & (1u << k));

				/* VERSION's outputs are defined on every status */
				if (cmds[i].fid == 0xC4000150 && k < 2)
					filled = true;
				if (filled && out[k] == SENT)
					fail_msg("%s status 0x%llx: out[%zu] not filled",
						 cmds[i].name,
						 (unsigned long long)statuses[s], k);
				if (!filled && out[k] != SENT)
					fail_msg("%s status 0x%llx: out[%zu] written",
						 cmds[i].name,
						 (unsigned long long)statuses[s], k);
			}
		}
	}
}

/* No RMM (SMCCC -1), a failing transport, a malformed X0. */
static void test_every_command_conduit_failures(void **state)
{
	struct rlm_rmi_result res;
	uint64_t out[4];
	size_t i, k;

	(void)state;
	for (i = 0; i < NCMDS; i++) {
		ru_reset();
		rlm_record_callback(&ru_.rec, ru_not_supported, NULL);
		outs_reset(out);
		assert_int_equal(cmds[i].call(&ru_.c, out, &res), RLM_ECONDUIT);
		assert_int_equal(ru_count(), 1);
		assert_true(res.x0 == RLM_SMCCC_NOT_SUPPORTED);

		ru_reset();
		rlm_record_callback(&ru_.rec, ru_transport_fails, NULL);
		assert_int_equal(cmds[i].call(&ru_.c, out, &res), RLM_ECONDUIT);
		assert_int_equal(ru_count(), 1);

		/* the script ran out: also a conduit failure */
		ru_reset();
		assert_int_equal(cmds[i].call(&ru_.c, out, NULL), RLM_ECONDUIT);

		/* bits above 15, and an index with SUCCESS, are not RMI 1.0 */
		ru_reset();
		ru_answer(0x10000, 1, 2, 3, 4);
		ru_answer(0x0100, 1, 2, 3, 4);
		assert_int_equal(cmds[i].call(&ru_.c, out, &res), RLM_EMALFORMED);
		assert_int_equal(cmds[i].call(&ru_.c, out, &res), RLM_EMALFORMED);
		assert_int_equal(res.status, 0);
		assert_int_equal(res.index, 1);
		for (k = 0; k < 4; k++)
			assert_true(out[k] == SENT);

		/* no conduit, or a conduit without call(): refused */
		{
			struct rlm_conduit empty = { NULL, NULL };
			struct rlm_conduit_ops noops = { "none", NULL, NULL };
			struct rlm_conduit nocall = { &noops, NULL };

			assert_int_equal(cmds[i].call(NULL, out, &res), RLM_EINVAL);
			assert_int_equal(cmds[i].call(&empty, out, &res), RLM_EINVAL);
			assert_int_equal(cmds[i].call(&nocall, out, &res), RLM_EINVAL);
		}
	}
}

/* ---- register encoding and decoding, command by command ------------------ */

static void test_version(void **state)
{
	struct rlm_rmi_result res;
	uint64_t lo = 0, hi = 0;

	(void)state;
	ru_reset();
	ru_answer(RLM_RMI_SUCCESS, 0x10000, 0x10002, 0, 0);
	assert_int_equal(rlm_rmi_version(&ru_.c, 0x10000, &lo, &hi, &res), 0);
	ru_check_in(0, 0xC4000150, RU_ARGS(0x10000));
	assert_true(lo == 0x10000 && hi == 0x10002);
	assert_true(res.x0 == 0 && res.status == 0 && res.index == 0);

	ru_reset();
	assert_int_equal(rlm_rmi_version(&ru_.c, 0x10000, NULL, &hi, &res), RLM_EINVAL);
	assert_int_equal(rlm_rmi_version(&ru_.c, 0x10000, &lo, NULL, &res), RLM_EINVAL);
	assert_int_equal(ru_count(), 0);
}

static void test_features(void **state)
{
	uint64_t v = 0;

	(void)state;
	ru_reset();
	ru_answer(RLM_RMI_SUCCESS, 0x283fc104130ULL, 0, 0, 0);
	ru_answer(RLM_RMI_SUCCESS, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi_features(&ru_.c, 0, &v, NULL), 0);
	ru_check_in(0, 0xC4000165, RU_ARGS(0));
	assert_true(v == 0x283fc104130ULL);
	/* other indices are the RMM's to answer (0 in 1.0): passed through */
	assert_int_equal(rlm_rmi_features(&ru_.c, 7, &v, NULL), 0);
	ru_check_in(1, 0xC4000165, RU_ARGS(7));
	assert_true(v == 0);
	assert_int_equal(rlm_rmi_features(&ru_.c, 0, NULL, NULL), RLM_EINVAL);
	assert_int_equal(ru_count(), 2);
}

static void test_granule_delegate_undelegate(void **state)
{
	(void)state;
	ru_reset();
	ru_answer(0, 0, 0, 0, 0);
	ru_answer(0, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi_granule_delegate(&ru_.c, 0x88001000, NULL), 0);
	assert_int_equal(rlm_rmi_granule_undelegate(&ru_.c, 0x88002000, NULL), 0);
	ru_check_in(0, 0xC4000151, RU_ARGS(0x88001000));
	ru_check_in(1, 0xC4000152, RU_ARGS(0x88002000));
	/* unaligned: refused, no call */
	assert_int_equal(rlm_rmi_granule_delegate(&ru_.c, 0x88001800, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_granule_delegate(&ru_.c, 0x88001001, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_granule_undelegate(&ru_.c, 0x88002008, NULL), RLM_EALIGN);
	assert_int_equal(ru_count(), 2);
}

static void test_data_create(void **state)
{
	(void)state;
	ru_reset();
	ru_answer(0, 0, 0, 0, 0);
	ru_answer(0, 0, 0, 0, 0);
	ru_answer(0, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi_data_create(&ru_.c, RD, DATA, IPA, SRC,
					     RLM_RMI_MEASURE_CONTENT, NULL), 0);
	ru_check_in(0, 0xC4000153, RU_ARGS(RD, DATA, IPA, SRC, 1));
	assert_int_equal(rlm_rmi_data_create(&ru_.c, RD, DATA, IPA, SRC,
					     RLM_RMI_NO_MEASURE_CONTENT, NULL), 0);
	ru_check_in(1, 0xC4000153, RU_ARGS(RD, DATA, IPA, SRC, 0));
	assert_int_equal(rlm_rmi_data_create_unknown(&ru_.c, RD, DATA, IPA, NULL), 0);
	ru_check_in(2, 0xC4000154, RU_ARGS(RD, DATA, IPA));

	/* unknown flag bits, unaligned granules: refused, no call */
	assert_int_equal(rlm_rmi_data_create(&ru_.c, RD, DATA, IPA, SRC, 2, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rmi_data_create(&ru_.c, RD, DATA, IPA, SRC, 1ULL << 63, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rmi_data_create(&ru_.c, RD + 8, DATA, IPA, SRC, 0, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_data_create(&ru_.c, RD, DATA + 8, IPA, SRC, 0, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_data_create(&ru_.c, RD, DATA, IPA, SRC + 8, 0, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_data_create_unknown(&ru_.c, RD + 1, DATA, IPA, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_data_create_unknown(&ru_.c, RD, DATA + 1, IPA, NULL), RLM_EALIGN);
	assert_int_equal(ru_count(), 3);
}

static void test_data_destroy(void **state)
{
	struct rlm_rmi_result res;
	uint64_t data = SENT, top = SENT;

	(void)state;
	ru_reset();
	ru_answer(0, DATA, 0x40006000, 0, 0);
	assert_int_equal(rlm_rmi_data_destroy(&ru_.c, RD, IPA, &data, &top, &res), 0);
	ru_check_in(0, 0xC4000155, RU_ARGS(RD, IPA));
	assert_true(data == DATA && top == 0x40006000);

	/* ERROR_RTT: top (X2) is defined, data (X1) is not */
	data = top = SENT;
	ru_answer(0x0204, 0x1234, 0x40200000, 0, 0);
	assert_int_equal(rlm_rmi_data_destroy(&ru_.c, RD, IPA, &data, &top, &res), RLM_ERMI);
	assert_int_equal(res.status, RLM_RMI_ERROR_RTT);
	assert_int_equal(rlm_rmi_index_level(res.index), 2);
	assert_true(data == SENT && top == 0x40200000);

	assert_int_equal(rlm_rmi_data_destroy(&ru_.c, RD, IPA, NULL, &top, &res), RLM_EINVAL);
	assert_int_equal(rlm_rmi_data_destroy(&ru_.c, RD, IPA, &data, NULL, &res), RLM_EINVAL);
	assert_int_equal(rlm_rmi_data_destroy(&ru_.c, RD | 0x10, IPA, &data, &top, &res), RLM_EALIGN);
	assert_int_equal(ru_count(), 2);
}

static void test_realm_calls(void **state)
{
	(void)state;
	ru_reset();
	ru_answer(0, 0, 0, 0, 0);
	ru_answer(0, 0, 0, 0, 0);
	ru_answer(0, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi_realm_create(&ru_.c, RD, PARAMS, NULL), 0);
	assert_int_equal(rlm_rmi_realm_activate(&ru_.c, RD, NULL), 0);
	assert_int_equal(rlm_rmi_realm_destroy(&ru_.c, RD, NULL), 0);
	ru_check_in(0, 0xC4000158, RU_ARGS(RD, PARAMS));
	ru_check_in(1, 0xC4000157, RU_ARGS(RD));
	ru_check_in(2, 0xC4000159, RU_ARGS(RD));

	assert_int_equal(rlm_rmi_realm_create(&ru_.c, RD + 0x800, PARAMS, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_realm_create(&ru_.c, RD, PARAMS + 0x800, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_realm_activate(&ru_.c, RD + 4, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_realm_destroy(&ru_.c, RD + 4, NULL), RLM_EALIGN);
	assert_int_equal(ru_count(), 3);
}

static void test_rec_calls(void **state)
{
	struct rlm_rmi_result res;
	uint64_t n = 0;

	(void)state;
	ru_reset();
	ru_answer(0, 0, 0, 0, 0);
	ru_answer(0, 0, 0, 0, 0);
	ru_answer(0, 0, 0, 0, 0);
	ru_answer(0, 16, 0, 0, 0);
	ru_answer(0, 0, 0, 0, 0);
	ru_answer(0x0102, 0, 0, 0, 0); /* ERROR_REALM index 1: SYSTEM_OFF */
	assert_int_equal(rlm_rmi_rec_create(&ru_.c, RD, REC, PARAMS, NULL), 0);
	assert_int_equal(rlm_rmi_rec_enter(&ru_.c, REC, RUN, NULL), 0);
	assert_int_equal(rlm_rmi_rec_destroy(&ru_.c, REC, NULL), 0);
	assert_int_equal(rlm_rmi_rec_aux_count(&ru_.c, RD, &n, NULL), 0);
	assert_int_equal(rlm_rmi_psci_complete(&ru_.c, REC, REC2,
					       RLM_PSCI_RET_DENIED, NULL), 0);
	ru_check_in(0, 0xC400015A, RU_ARGS(RD, REC, PARAMS));
	ru_check_in(1, 0xC400015C, RU_ARGS(REC, RUN));
	ru_check_in(2, 0xC400015B, RU_ARGS(REC));
	ru_check_in(3, 0xC4000167, RU_ARGS(RD));
	assert_true(n == 16);
	/* the PSCI status travels sign-extended: -3 */
	ru_check_in(4, 0xC4000164, RU_ARGS(REC, REC2, 0xfffffffffffffffdULL));
	assert_int_equal(rlm_rmi_rec_enter(&ru_.c, REC, RUN, &res), RLM_ERMI);
	assert_int_equal(res.status, RLM_RMI_ERROR_REALM);
	assert_int_equal(res.index, RLM_RMI_REALM_ERROR_SYSTEM_OFF);

	assert_int_equal(rlm_rmi_rec_create(&ru_.c, RD + 1, REC, PARAMS, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rec_create(&ru_.c, RD, REC + 1, PARAMS, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rec_create(&ru_.c, RD, REC, PARAMS + 1, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rec_enter(&ru_.c, REC + 0x100, RUN, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rec_enter(&ru_.c, REC, RUN + 0x100, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rec_destroy(&ru_.c, REC + 0x100, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rec_aux_count(&ru_.c, RD + 0x100, &n, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rec_aux_count(&ru_.c, RD, NULL, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rmi_psci_complete(&ru_.c, REC + 8, REC2, 0, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_psci_complete(&ru_.c, REC, REC2 + 8, 0, NULL), RLM_EALIGN);
	assert_int_equal(ru_count(), 6);
}

static void test_rtt_create_destroy_fold(void **state)
{
	struct rlm_rmi_result res;
	uint64_t rtt = SENT, top = SENT;
	int level;

	(void)state;
	ru_reset();
	/* every level -1..3 travels sign-extended in X4 / X3 */
	for (level = -1; level <= 3; level++)
		ru_answer(0, 0, 0, 0, 0);
	for (level = -1; level <= 3; level++)
		assert_int_equal(rlm_rmi_rtt_create(&ru_.c, RD, RTT, IPA, level, NULL), 0);
	ru_check_in(0, 0xC400015D, RU_ARGS(RD, RTT, IPA, 0xffffffffffffffffULL));
	ru_check_in(1, 0xC400015D, RU_ARGS(RD, RTT, IPA, 0));
	ru_check_in(4, 0xC400015D, RU_ARGS(RD, RTT, IPA, 3));

	ru_answer(0, RTT, 0x40400000, 0, 0);
	assert_int_equal(rlm_rmi_rtt_destroy(&ru_.c, RD, IPA, 2, &rtt, &top, &res), 0);
	ru_check_in(5, 0xC400015E, RU_ARGS(RD, IPA, 2));
	assert_true(rtt == RTT && top == 0x40400000);
	/* ERROR_RTT(1): top defined, rtt not */
	rtt = top = SENT;
	ru_answer(0x0104, 0x9999, 0x40600000, 0, 0);
	assert_int_equal(rlm_rmi_rtt_destroy(&ru_.c, RD, IPA, 2, &rtt, &top, &res), RLM_ERMI);
	assert_int_equal(res.status, 4);
	assert_int_equal(res.index, 1);
	assert_true(rtt == SENT && top == 0x40600000);
	/* ERROR_INPUT: neither */
	ru_answer(0x0001, 0x9999, 0x9999, 0, 0);
	assert_int_equal(rlm_rmi_rtt_destroy(&ru_.c, RD, IPA, 2, &rtt, &top, &res), RLM_ERMI);
	assert_true(rtt == SENT && top == 0x40600000);

	ru_answer(0, RTT, 0, 0, 0);
	rtt = SENT;
	assert_int_equal(rlm_rmi_rtt_fold(&ru_.c, RD, IPA, 3, &rtt, &res), 0);
	ru_check_in(8, 0xC4000166, RU_ARGS(RD, IPA, 3));
	assert_true(rtt == RTT);
	assert_int_equal(ru_count(), 9);

	/* bad arguments */
	assert_int_equal(rlm_rmi_rtt_create(&ru_.c, RD, RTT, IPA, -2, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rmi_rtt_create(&ru_.c, RD, RTT, IPA, 4, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rmi_rtt_create(&ru_.c, RD + 8, RTT, IPA, 3, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rtt_create(&ru_.c, RD, RTT + 8, IPA, 3, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rtt_destroy(&ru_.c, RD, IPA, 4, &rtt, &top, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rmi_rtt_destroy(&ru_.c, RD, IPA, -2, &rtt, &top, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rmi_rtt_destroy(&ru_.c, RD + 8, IPA, 3, &rtt, &top, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rtt_destroy(&ru_.c, RD, IPA, 3, NULL, &top, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rmi_rtt_destroy(&ru_.c, RD, IPA, 3, &rtt, NULL, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rmi_rtt_fold(&ru_.c, RD, IPA, 4, &rtt, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rmi_rtt_fold(&ru_.c, RD, IPA, -5, &rtt, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rmi_rtt_fold(&ru_.c, RD + 8, IPA, 3, &rtt, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rtt_fold(&ru_.c, RD, IPA, 3, NULL, NULL), RLM_EINVAL);
	assert_int_equal(ru_count(), 9);
}

static void test_rtt_map_unmap_unprotected(void **state)
{
	struct rlm_rmi_result res;
	uint64_t top = SENT;

	(void)state;
	ru_reset();
	ru_answer(0, 0, 0, 0, 0);
	ru_answer(0, 0x80000000, 0, 0, 0);
	ru_answer(0x0304, 0x80200000, 0, 0, 0);
	assert_int_equal(rlm_rmi_rtt_map_unprotected(&ru_.c, RD, 0x8000000000ULL, 3, DESC, NULL), 0);
	ru_check_in(0, 0xC400015F, RU_ARGS(RD, 0x8000000000ULL, 3, DESC));
	assert_int_equal(rlm_rmi_rtt_unmap_unprotected(&ru_.c, RD, 0x8000000000ULL, 2, &top, NULL), 0);
	ru_check_in(1, 0xC4000162, RU_ARGS(RD, 0x8000000000ULL, 2));
	assert_true(top == 0x80000000);
	/* ERROR_RTT: top (X1) is defined (TF-RMM map_unmap_ns) */
	top = SENT;
	assert_int_equal(rlm_rmi_rtt_unmap_unprotected(&ru_.c, RD, 0x8000000000ULL, 3, &top, &res), RLM_ERMI);
	assert_int_equal(res.status, RLM_RMI_ERROR_RTT);
	assert_int_equal(res.index, 3);
	assert_true(top == 0x80200000);

	assert_int_equal(rlm_rmi_rtt_map_unprotected(&ru_.c, RD, IPA, 4, DESC, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rmi_rtt_map_unprotected(&ru_.c, RD, IPA, -2, DESC, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rmi_rtt_map_unprotected(&ru_.c, RD + 2, IPA, 3, DESC, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rtt_unmap_unprotected(&ru_.c, RD, IPA, 4, &top, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rmi_rtt_unmap_unprotected(&ru_.c, RD + 2, IPA, 3, &top, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rtt_unmap_unprotected(&ru_.c, RD, IPA, 3, NULL, NULL), RLM_EINVAL);
	assert_int_equal(ru_count(), 3);
}

static void test_rtt_read_entry(void **state)
{
	struct rlm_rtt_entry e;

	(void)state;
	ru_reset();
	ru_answer(0, 2, RLM_RMI_ASSIGNED, 0x88000000, RLM_RIPAS_RAM);
	ru_answer(0, 0xffffffffffffffffULL, RLM_RMI_TABLE, RTT, RLM_RIPAS_EMPTY);
	ru_answer(0, 3, RLM_RMI_UNASSIGNED, 0, RLM_RIPAS_DESTROYED);
	assert_int_equal(rlm_rmi_rtt_read_entry(&ru_.c, RD, IPA, 3, &e, NULL), 0);
	ru_check_in(0, 0xC4000161, RU_ARGS(RD, IPA, 3));
	assert_int_equal(e.level, 2);
	assert_int_equal(e.state, RLM_RMI_ASSIGNED);
	assert_true(e.desc == 0x88000000);
	assert_int_equal(e.ripas, RLM_RIPAS_RAM);
	/* walk level -1 comes back as X1 = -1 */
	assert_int_equal(rlm_rmi_rtt_read_entry(&ru_.c, RD, IPA, -1, &e, NULL), 0);
	ru_check_in(1, 0xC4000161, RU_ARGS(RD, IPA, 0xffffffffffffffffULL));
	assert_int_equal(e.level, -1);
	assert_int_equal(e.state, RLM_RMI_TABLE);
	assert_true(e.desc == RTT);
	assert_int_equal(e.ripas, RLM_RIPAS_EMPTY);
	assert_int_equal(rlm_rmi_rtt_read_entry(&ru_.c, RD, IPA, 0, &e, NULL), 0);
	assert_int_equal(e.level, 3);
	assert_int_equal(e.ripas, RLM_RIPAS_DESTROYED);

	assert_int_equal(rlm_rmi_rtt_read_entry(&ru_.c, RD, IPA, 4, &e, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rmi_rtt_read_entry(&ru_.c, RD, IPA, -2, &e, NULL), RLM_ERANGE);
	assert_int_equal(rlm_rmi_rtt_read_entry(&ru_.c, RD + 0x10, IPA, 3, &e, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rtt_read_entry(&ru_.c, RD, IPA, 3, NULL, NULL), RLM_EINVAL);
	assert_int_equal(ru_count(), 3);
}

static void test_init_set_ripas(void **state)
{
	struct rlm_rmi_result res;
	uint64_t top = SENT;

	(void)state;
	ru_reset();
	ru_answer(0, 0x40200000, 0, 0, 0);
	ru_answer(0, 0x40201000, 0, 0, 0);
	ru_answer(0x0204, 0x55, 0, 0, 0);
	assert_int_equal(rlm_rmi_rtt_init_ripas(&ru_.c, RD, 0x40000000, 0x40400000, &top, NULL), 0);
	ru_check_in(0, 0xC4000168, RU_ARGS(RD, 0x40000000, 0x40400000));
	assert_true(top == 0x40200000);
	assert_int_equal(rlm_rmi_rtt_set_ripas(&ru_.c, RD, REC, 0x40200000, 0x40400000, &top, NULL), 0);
	ru_check_in(1, 0xC4000169, RU_ARGS(RD, REC, 0x40200000, 0x40400000));
	assert_true(top == 0x40201000);
	/* on error the top is not defined: untouched */
	assert_int_equal(rlm_rmi_rtt_set_ripas(&ru_.c, RD, REC, 0x40201000, 0x40400000, &top, &res), RLM_ERMI);
	assert_true(top == 0x40201000);
	assert_int_equal(res.index, 2);

	assert_int_equal(rlm_rmi_rtt_init_ripas(&ru_.c, RD + 8, 0, 0x1000, &top, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rtt_init_ripas(&ru_.c, RD, 0, 0x1000, NULL, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rmi_rtt_set_ripas(&ru_.c, RD + 8, REC, 0, 0x1000, &top, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rtt_set_ripas(&ru_.c, RD, REC + 8, 0, 0x1000, &top, NULL), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rtt_set_ripas(&ru_.c, RD, REC, 0, 0x1000, NULL, NULL), RLM_EINVAL);
	assert_int_equal(ru_count(), 3);
}

/* ---- decoding helpers ----------------------------------------------------- */

static void test_decode_and_names(void **state)
{
	uint8_t st = 0x77, ix = 0x77;
	unsigned int i;

	(void)state;
	assert_int_equal(rlm_rmi_decode(0, &st, &ix), 0);
	assert_int_equal(st, 0);
	assert_int_equal(ix, 0);
	assert_int_equal(rlm_rmi_decode(0xff04, &st, &ix), 0);
	assert_int_equal(st, 4);
	assert_int_equal(ix, 0xff);
	assert_int_equal(rlm_rmi_decode(0x0102, &st, &ix), 0);
	assert_int_equal(st, 2);
	assert_int_equal(ix, 1);
	assert_int_equal(rlm_rmi_decode(0x0001, NULL, NULL), 0);
	assert_int_equal(rlm_rmi_decode(~0ULL, &st, &ix), RLM_ECONDUIT);
	assert_int_equal(rlm_rmi_decode(0x10004, &st, &ix), RLM_EMALFORMED);
	assert_int_equal(st, 4);
	assert_int_equal(rlm_rmi_decode(0x0300, &st, &ix), RLM_EMALFORMED);
	assert_int_equal(ix, 3);
	assert_int_equal(rlm_rmi_decode(0x8000000000000000ULL, NULL, NULL), RLM_EMALFORMED);

	assert_string_equal(rlm_rmi_status_name(0), "RMI_SUCCESS");
	assert_string_equal(rlm_rmi_status_name(1), "RMI_ERROR_INPUT");
	assert_string_equal(rlm_rmi_status_name(2), "RMI_ERROR_REALM");
	assert_string_equal(rlm_rmi_status_name(3), "RMI_ERROR_REC");
	assert_string_equal(rlm_rmi_status_name(4), "RMI_ERROR_RTT");
	assert_string_equal(rlm_rmi_status_name(5), "RMI_ERROR_NOT_SUPPORTED");
	assert_string_equal(rlm_rmi_status_name(10), "RMI_BUSY");
	assert_string_equal(rlm_rmi_status_name(13), "RMI_INCOMPLETE");
	assert_string_equal(rlm_rmi_status_name(16), "RMI_ERROR_GRANULE");
	/* every value of the table has its name, none is NULL */
	for (i = 0; i <= RLM_RMI_STATUS_LAST; i++) {
		assert_non_null(rlm_rmi_status_name(i));
		assert_int_equal(strncmp(rlm_rmi_status_name(i), "RMI_", 4), 0);
		assert_string_not_equal(rlm_rmi_status_name(i), "RMI_STATUS_UNKNOWN");
	}
	assert_string_equal(rlm_rmi_status_name(17), "RMI_STATUS_UNKNOWN");
	assert_string_equal(rlm_rmi_status_name(255), "RMI_STATUS_UNKNOWN");
	assert_string_equal(rlm_rmi_status_name(~0u), "RMI_STATUS_UNKNOWN");
}

/* ---- the loops ------------------------------------------------------------ */

static void test_init_ripas_range(void **state)
{
	struct rlm_rmi_result res;
	uint64_t progress = SENT;

	(void)state;
	/* three calls, each continuing from the returned top */
	ru_reset();
	ru_answer(0, 0x40200000, 0, 0, 0);
	ru_answer(0, 0x40201000, 0, 0, 0);
	ru_answer(0, 0x40400000, 0, 0, 0);
	assert_int_equal(rlm_rmi_rtt_init_ripas_range(&ru_.c, RD, 0x40000000, 0x40400000,
						      &progress, &res), 0);
	assert_int_equal(ru_count(), 3);
	ru_check_in(0, 0xC4000168, RU_ARGS(RD, 0x40000000, 0x40400000));
	ru_check_in(1, 0xC4000168, RU_ARGS(RD, 0x40200000, 0x40400000));
	ru_check_in(2, 0xC4000168, RU_ARGS(RD, 0x40201000, 0x40400000));
	assert_true(progress == 0x40400000);

	/* partial progress then ERROR_RTT(2): stop, report how far */
	ru_reset();
	ru_answer(0, 0x40200000, 0, 0, 0);
	ru_answer(0x0204, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi_rtt_init_ripas_range(&ru_.c, RD, 0x40000000, 0x40400000,
						      &progress, &res), RLM_ERMI);
	assert_int_equal(ru_count(), 2);
	assert_true(progress == 0x40200000);
	assert_int_equal(res.status, RLM_RMI_ERROR_RTT);
	assert_int_equal(res.index, 2);

	/* an error on the first call: no progress */
	ru_reset();
	ru_answer(0x0001, 0, 0, 0, 0);
	assert_int_equal(rlm_rmi_rtt_init_ripas_range(&ru_.c, RD, 0x40000000, 0x40400000,
						      &progress, &res), RLM_ERMI);
	assert_true(progress == 0x40000000);

	/* the RMM answers a top that does not advance, or overshoots */
	ru_reset();
	ru_answer(0, 0x40000000, 0, 0, 0);
	assert_int_equal(rlm_rmi_rtt_init_ripas_range(&ru_.c, RD, 0x40000000, 0x40400000,
						      &progress, &res), RLM_ERANGE);
	assert_int_equal(ru_count(), 1);
	ru_reset();
	ru_answer(0, 0x40200000, 0, 0, 0);
	ru_answer(0, 0x40600000, 0, 0, 0);
	assert_int_equal(rlm_rmi_rtt_init_ripas_range(&ru_.c, RD, 0x40000000, 0x40400000,
						      &progress, &res), RLM_ERANGE);
	assert_int_equal(ru_count(), 2);
	assert_true(progress == 0x40200000);
	ru_reset();
	ru_answer(0, 0x3ff00000, 0, 0, 0);
	assert_int_equal(rlm_rmi_rtt_init_ripas_range(&ru_.c, RD, 0x40000000, 0x40400000,
						      &progress, &res), RLM_ERANGE);

	/* empty range: no call; reversed or bad arguments: no call */
	ru_reset();
	assert_int_equal(rlm_rmi_rtt_init_ripas_range(&ru_.c, RD, 0x40000000, 0x40000000,
						      &progress, &res), 0);
	assert_true(progress == 0x40000000);
	assert_int_equal(rlm_rmi_rtt_init_ripas_range(&ru_.c, RD, 0x40001000, 0x40000000,
						      &progress, &res), RLM_EINVAL);
	assert_int_equal(rlm_rmi_rtt_init_ripas_range(&ru_.c, RD + 8, 0x40000000, 0x40400000,
						      &progress, &res), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rtt_init_ripas_range(&ru_.c, RD, 0x40000000, 0x40400000,
						      NULL, &res), RLM_EINVAL);
	assert_int_equal(rlm_rmi_rtt_init_ripas_range(NULL, RD, 0x40000000, 0x40400000,
						      &progress, &res), RLM_EINVAL);
	assert_int_equal(ru_count(), 0);
}

static void test_set_ripas_range(void **state)
{
	struct rlm_rmi_result res;
	uint64_t progress = SENT;

	(void)state;
	ru_reset();
	ru_answer(0, 0x40001000, 0, 0, 0);
	ru_answer(0, 0x40003000, 0, 0, 0);
	assert_int_equal(rlm_rmi_rtt_set_ripas_range(&ru_.c, RD, REC, 0x40000000, 0x40003000,
						     &progress, &res), 0);
	assert_int_equal(ru_count(), 2);
	ru_check_in(0, 0xC4000169, RU_ARGS(RD, REC, 0x40000000, 0x40003000));
	ru_check_in(1, 0xC4000169, RU_ARGS(RD, REC, 0x40001000, 0x40003000));
	assert_true(progress == 0x40003000);

	ru_reset();
	ru_answer(0, 0x40001000, 0, 0, 0);
	ru_answer(0x0003, 0, 0, 0, 0); /* ERROR_REC */
	assert_int_equal(rlm_rmi_rtt_set_ripas_range(&ru_.c, RD, REC, 0x40000000, 0x40003000,
						     &progress, &res), RLM_ERMI);
	assert_true(progress == 0x40001000);
	assert_int_equal(res.status, RLM_RMI_ERROR_REC);

	ru_reset();
	ru_answer(0, 0x40004000, 0, 0, 0);
	assert_int_equal(rlm_rmi_rtt_set_ripas_range(&ru_.c, RD, REC, 0x40000000, 0x40003000,
						     &progress, &res), RLM_ERANGE);
	assert_true(progress == 0x40000000);

	ru_reset();
	assert_int_equal(rlm_rmi_rtt_set_ripas_range(&ru_.c, RD, REC, 0x40003000, 0x40000000,
						     &progress, &res), RLM_EINVAL);
	assert_int_equal(rlm_rmi_rtt_set_ripas_range(&ru_.c, RD, REC + 8, 0x40000000, 0x40003000,
						     &progress, &res), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rtt_set_ripas_range(&ru_.c, RD, REC, 0x40000000, 0x40003000,
						     NULL, &res), RLM_EINVAL);
	assert_int_equal(ru_count(), 0);
}

/* ---- parameter pages through the conduit's host-memory view ------------- */

#define NS_BASE 0x0000000090000000ULL
static uint8_t ns_mem[4 * 4096];

/* A fake RMM that reads the enter half and writes an exit into the run page. */
static int fake_rec_enter(void *arg, size_t index, struct rlm_smc_regs *r)
{
	uint8_t *run;

	(void)arg;
	(void)index;
	if (r->x[0] != 0xC400015C) {
		r->x[0] = 0; /* REALM_CREATE / REC_CREATE: accept */
		return 0;
	}
	run = ns_mem + (r->x[2] - NS_BASE);
	/* exit_reason HOST_CALL, imm = enter.gprs[0] low 16 bits, gprs[0] = flags */
	memset(run + 0x800, 0, 0x800);
	run[0x800] = RLM_RMI_EXIT_HOST_CALL;
	run[0x800 + 0x600] = run[0x200];
	run[0x800 + 0x601] = run[0x201];
	run[0x800 + 0x200] = run[0x000];
	r->x[0] = 0;
	return 0;
}

static void test_param_pages(void **state)
{
	struct rlm_realm_params rp;
	struct rlm_rec_params cp;
	struct rlm_rec_enter en;
	struct rlm_rec_exit ex;
	struct rlm_rmi_result res;

	(void)state;
	memset(&rp, 0, sizeof(rp));
	rp.s2sz = 40;
	rp.rtt_base = RTT;
	rp.rtt_level_start = 1;
	memset(&cp, 0, sizeof(cp));
	cp.flags = RLM_REC_PARAMS_FLAG_RUNNABLE;
	cp.pc = 0x80000;
	memset(&en, 0, sizeof(en));
	en.flags = RLM_REC_ENTER_FLAG_TRAP_WFI;
	en.gprs[0] = 0x1234;

	/* no host-memory view: nothing is packed, no call */
	ru_reset();
	assert_int_equal(rlm_rmi_realm_create_params(&ru_.c, RD, NS_BASE, &rp, &res), RLM_ENOTSUP);
	assert_int_equal(rlm_rmi_rec_create_params(&ru_.c, RD, REC, NS_BASE, &cp, &res), RLM_ENOTSUP);
	assert_int_equal(rlm_rmi_rec_enter_run(&ru_.c, REC, NS_BASE, &en, &ex, &res), RLM_ENOTSUP);
	assert_int_equal(ru_count(), 0);

	rlm_record_ns(&ru_.rec, NS_BASE, ns_mem, sizeof(ns_mem));
	rlm_record_callback(&ru_.rec, fake_rec_enter, NULL);
	memset(ns_mem, 0xa5, sizeof(ns_mem));
	assert_int_equal(rlm_rmi_realm_create_params(&ru_.c, RD, NS_BASE + 0x1000, &rp, &res), 0);
	ru_check_in(0, 0xC4000158, RU_ARGS(RD, NS_BASE + 0x1000));
	assert_int_equal(ns_mem[0x1000 + 0x008], 40);
	assert_int_equal(ns_mem[0x1000 + 0x810], 1);
	assert_int_equal(ns_mem[0x1000 + 0xfff], 0); /* whole page packed */
	assert_int_equal(ns_mem[0x0fff], 0xa5);      /* nothing outside */
	assert_int_equal(ns_mem[0x2000], 0xa5);

	assert_int_equal(rlm_rmi_rec_create_params(&ru_.c, RD, REC, NS_BASE + 0x2000, &cp, &res), 0);
	ru_check_in(1, 0xC400015A, RU_ARGS(RD, REC, NS_BASE + 0x2000));
	assert_int_equal(ns_mem[0x2000], 1);
	assert_int_equal(ns_mem[0x2000 + 0x202], 0x08); /* pc 0x80000 */

	memset(&ex, 0, sizeof(ex));
	assert_int_equal(rlm_rmi_rec_enter_run(&ru_.c, REC, NS_BASE + 0x3000, &en, &ex, &res), 0);
	ru_check_in(2, 0xC400015C, RU_ARGS(REC, NS_BASE + 0x3000));
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_HOST_CALL);
	assert_int_equal(ex.imm, 0x1234);
	assert_true(ex.gprs[0] == RLM_REC_ENTER_FLAG_TRAP_WFI);

	/* an error status: the exit is not unpacked */
	ru_script_restart();
	ru_answer(0x0003, 0, 0, 0, 0);
	memset(&ex, 0x77, sizeof(ex));
	assert_int_equal(rlm_rmi_rec_enter_run(&ru_.c, REC, NS_BASE + 0x3000, &en, &ex, &res), RLM_ERMI);
	assert_int_equal(res.status, RLM_RMI_ERROR_REC);
	assert_int_equal(ex.exit_reason, 0x77);

	/* outside the window, unaligned, NULL: no call */
	rlm_record_reset(&ru_.rec);
	assert_int_equal(rlm_rmi_realm_create_params(&ru_.c, RD, NS_BASE + 0x4000, &rp, &res), RLM_ENOTSUP);
	assert_int_equal(rlm_rmi_realm_create_params(&ru_.c, RD, NS_BASE + 0x10, &rp, &res), RLM_EALIGN);
	assert_int_equal(rlm_rmi_realm_create_params(&ru_.c, RD + 1, NS_BASE, &rp, &res), RLM_EALIGN);
	assert_int_equal(rlm_rmi_realm_create_params(&ru_.c, RD, NS_BASE, NULL, &res), RLM_EINVAL);
	assert_int_equal(rlm_rmi_rec_create_params(&ru_.c, RD, REC + 1, NS_BASE, &cp, &res), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rec_create_params(&ru_.c, RD, REC, NS_BASE, NULL, &res), RLM_EINVAL);
	assert_int_equal(rlm_rmi_rec_enter_run(&ru_.c, REC, NS_BASE + 0x3800, &en, &ex, &res), RLM_EALIGN);
	assert_int_equal(rlm_rmi_rec_enter_run(&ru_.c, REC, NS_BASE, NULL, &ex, &res), RLM_EINVAL);
	assert_int_equal(rlm_rmi_rec_enter_run(&ru_.c, REC, NS_BASE, &en, NULL, &res), RLM_EINVAL);
	assert_int_equal(rlm_rmi_rec_enter_run(NULL, REC, NS_BASE, &en, &ex, &res), RLM_EINVAL);
	assert_int_equal(ru_count(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_command_fid),
		cmocka_unit_test(test_command_table),
		cmocka_unit_test(test_every_command_error_status),
		cmocka_unit_test(test_every_command_conduit_failures),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_features),
		cmocka_unit_test(test_granule_delegate_undelegate),
		cmocka_unit_test(test_data_create),
		cmocka_unit_test(test_data_destroy),
		cmocka_unit_test(test_realm_calls),
		cmocka_unit_test(test_rec_calls),
		cmocka_unit_test(test_rtt_create_destroy_fold),
		cmocka_unit_test(test_rtt_map_unmap_unprotected),
		cmocka_unit_test(test_rtt_read_entry),
		cmocka_unit_test(test_init_set_ripas),
		cmocka_unit_test(test_decode_and_names),
		cmocka_unit_test(test_init_ripas_range),
		cmocka_unit_test(test_set_ripas_range),
		cmocka_unit_test(test_param_pages),
	};

	return cmocka_run_group_tests_name("abi-rmi", tests, NULL, NULL);
}
