/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The realm side of the mock RMM: REC_ENTER running queued RSI / PSCI
 * calls (or a callback), exits, completions by the host (RTT_SET_RIPAS and
 * the RIPAS response, host call results, PSCI_COMPLETE), attestation
 * through the token hook, and the RSI conduit with its built-in host.
 */
#include "mock_fx.h"

#define RD 0
#define REC0 10
#define REC1 11
#define REC2 12
#define RUN 2

/* An ACTIVE realm: RAM [0, 0x10000), DATA at 0x1000, 0x2000, 0x3000;
 * REC0 (MPIDR 0, runnable), REC1 (1, not runnable), REC2 (2, runnable). */
static void setup(struct fx *f, uint8_t hash)
{
	struct rlm_realm_params p;
	unsigned int i;

	fx_init(f);
	fx_delegate(f, G(f, RD));
	fx_delegate_range(f, 1, 2);
	fx_params(&p, G(f, 1));
	p.hash_algo = hash;
	for (i = 0; i < 64; i++)
		p.rpv[i] = (uint8_t)(0xc0 + i);
	assert_int_equal(fx_realm_create_p(f, G(f, RD), &p), FX_OK);
	fx_rtt(f, RD, 3, 0, 2);
	fx_rtt(f, RD, 4, 0, 3);
	assert_int_equal(CALL3(f, RTT_INIT_RIPAS, G(f, RD), 0, 0x10000), FX_OK);
	memset(rlm_mock_ns_ptr(f->m, NS(f, 1), 4096), 0x5a, 4096);
	for (i = 0; i < 3; i++) {
		fx_delegate(f, G(f, 5 + i));
		assert_int_equal(CALL5(f, DATA_CREATE, G(f, RD), G(f, 5 + i), 0x1000 * (i + 1ull),
				       NS(f, 1), 0), FX_OK);
	}
	fx_rec(f, RD, REC0, 0, true, 100);
	fx_rec(f, RD, REC1, 1, false, 116);
	fx_rec(f, RD, REC2, 2, true, 132);
	assert_int_equal(CALL1(f, REALM_ACTIVATE, G(f, RD)), FX_OK);
}

static uint64_t enter(struct fx *f, unsigned int rec, struct rlm_rec_exit *ex)
{
	return fx_enter(f, G(f, rec), RUN, ex);
}

static void test_empty_queue_irq(void **state)
{
	struct fx f;
	struct rlm_rec_exit ex;
	struct rlm_smc_regs r;

	(void)state;
	setup(&f, 0);
	memset(rlm_mock_ns_ptr(f.m, NS(&f, RUN), 4096), 0xff, 4096);
	fx_enter_flags(&f, RUN, 0);
	memset((uint8_t *)rlm_mock_ns_ptr(f.m, NS(&f, RUN), 4096) + 8, 0, 0x7f8);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_IRQ);
	assert_int_equal(ex.esr, 0);
	assert_int_equal(ex.gprs[0], 0); /* the whole exit half is rewritten */
	assert_int_equal(rlm_mock_realm_last_result(f.m, G(&f, REC0), &r), RLM_ENOENT);
	/* state checks */
	assert_int_equal(enter(&f, REC1, NULL), FX_REC);
	assert_int_equal(CALL2(&f, REC_ENTER, G(&f, REC0), NS(&f, RUN) + 8), FX_INPUT);
	assert_int_equal(CALL2(&f, REC_ENTER, G(&f, REC0), G(&f, 5)), FX_INPUT);
	assert_int_equal(CALL2(&f, REC_ENTER, G(&f, 5), NS(&f, RUN)), FX_INPUT);
	/* INJECT_SEA / EMULATED_MMIO without a data abort to complete */
	fx_enter_flags(&f, RUN, RLM_REC_ENTER_FLAG_INJECT_SEA);
	assert_int_equal(enter(&f, REC0, NULL), FX_REC);
	fx_enter_flags(&f, RUN, RLM_REC_ENTER_FLAG_EMULATED_MMIO);
	assert_int_equal(enter(&f, REC0, NULL), FX_REC);
	fx_enter_flags(&f, RUN, RLM_REC_ENTER_FLAG_TRAP_WFI | RLM_REC_ENTER_FLAG_TRAP_WFE);
	assert_int_equal(enter(&f, REC0, NULL), FX_OK);
	fx_fini(&f);
}

static void test_version_features_measurements(void **state)
{
	struct fx f;
	struct rlm_rec_exit ex;
	struct rlm_smc_regs r, c;
	uint8_t rem[64] = { 0 }, data[64], out[64];
	size_t hs;
	unsigned int i;

	(void)state;
	setup(&f, RLM_RMI_HASH_SHA_512);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_VERSION, 0x10000, 0, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_IRQ);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_SUCCESS);
	assert_int_equal(r.x[1], 0x10000);
	assert_int_equal(r.x[2], 0x10000);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_VERSION, 0x20000, 0, 0, 0);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_FEATURES, 0, 0, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_SUCCESS);
	assert_int_equal(r.x[1], 0);
	/* MEASUREMENT_EXTEND: REM = H(REM || data[0:size]) */
	memset(&c, 0, sizeof(c));
	c.x[0] = RLM_SMC_RSI_MEASUREMENT_EXTEND;
	c.x[1] = 2;
	c.x[2] = 48;
	for (i = 0; i < 64; i++)
		data[i] = (uint8_t)i;
	for (i = 0; i < 8; i++)
		c.x[3 + i] = rlm_get_le64(data + 8 * i);
	assert_int_equal(rlm_mock_realm_queue(f.m, G(&f, REC0), &c), 0);
	/* bad index / size: ERROR_INPUT, nothing extended */
	c.x[1] = 0;
	assert_int_equal(rlm_mock_realm_queue(f.m, G(&f, REC0), &c), 0);
	c.x[1] = 5;
	assert_int_equal(rlm_mock_realm_queue(f.m, G(&f, REC0), &c), 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_ERROR_INPUT);
	rlm_rem_extend(RLM_HASH_SHA512, rem, data, 48);
	assert_int_equal(rlm_mock_measurement(f.m, G(&f, RD), 2, out, &hs), 0);
	assert_int_equal(hs, 64);
	assert_memory_equal(out, rem, 64);
	c.x[1] = 1;
	c.x[2] = 65;
	assert_int_equal(rlm_mock_realm_queue(f.m, G(&f, REC0), &c), 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_ERROR_INPUT);
	/* MEASUREMENT_READ of a SHA-512 REM: all 8 words in X1..X8 */
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_MEASUREMENT_READ, 2, 0, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_SUCCESS);
	for (i = 0; i < 8; i++)
		assert_int_equal(r.x[1 + i], rlm_get_le64(rem + 8 * i));
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_MEASUREMENT_READ, 5, 0, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_ERROR_INPUT);
	/* unknown SMC: SMCCC NOT_SUPPORTED to the realm; SMCCC_VERSION 1.2 */
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_FID(0x1a0), 0, 0, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], UINT64_C(0xffffffffffffffff));
	fx_queue(&f, G(&f, REC0), 0x80000000, 0, 0, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], 0x10002);
	fx_fini(&f);

	/* SHA-256: words 4..7 read as zero */
	setup(&f, RLM_RMI_HASH_SHA_256);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_MEASUREMENT_READ, 0, 0, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(rlm_mock_measurement(f.m, G(&f, RD), 0, out, &hs), 0);
	for (i = 0; i < 4; i++)
		assert_int_equal(r.x[1 + i], rlm_get_le64(out + 8 * i));
	for (i = 4; i < 8; i++)
		assert_int_equal(r.x[1 + i], 0);
	fx_fini(&f);
}

static void test_realm_config(void **state)
{
	struct fx f;
	struct rlm_rec_exit ex;
	struct rlm_smc_regs r;
	struct rlm_rsi_realm_config cfg;
	uint8_t *p;
	unsigned int i;

	(void)state;
	setup(&f, RLM_RMI_HASH_SHA_512);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_REALM_CONFIG, 0x2000, 0, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_SUCCESS);
	p = rlm_mock_realm_mem(f.m, G(&f, RD), 0x2000, 4096);
	assert_non_null(p);
	assert_int_equal(rlm_unpack_rsi_realm_config(&cfg, p, 4096), 0);
	assert_int_equal(cfg.ipa_width, 40);
	assert_int_equal(cfg.hash_algo, RLM_RSI_HASH_SHA_512);
	for (i = 0; i < 64; i++)
		assert_int_equal(cfg.rpv[i], 0xc0 + i);
	/* only the fields are written: the page's other bytes keep the data */
	assert_int_equal(p[0x100], 0x5a);
	/* unaligned, unprotected: ERROR_INPUT, realm continues */
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_REALM_CONFIG, 0x2008, 0, 0, 0);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_REALM_CONFIG, UINT64_C(0x8000000000), 0, 0, 0);
	/* RIPAS EMPTY: ERROR_INPUT */
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_REALM_CONFIG, 0x20000, 0, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_IRQ);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_ERROR_INPUT);
	/* RIPAS RAM but no page: a stage 2 abort reported to the host */
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_REALM_CONFIG, 0x5000, 0, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_SYNC);
	assert_int_equal(ex.esr, (UINT64_C(36) << 26) | (4 + 3));
	assert_int_equal(ex.far, 0);
	assert_int_equal(ex.hpfar, 0x5000 >> 8);
	/* walk stopping at level 2 */
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_REALM_CONFIG, 0x200000, 0, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_IRQ); /* EMPTY at level 2 */
	assert_null(rlm_mock_realm_mem(f.m, G(&f, RD), 0x5000, 16));
	assert_null(rlm_mock_realm_mem(f.m, G(&f, RD), 0x2ff0, 32));
	assert_null(rlm_mock_realm_mem(f.m, G(&f, 5), 0x2000, 16));
	fx_fini(&f);
}

static void test_ipa_state_set(void **state)
{
	struct fx f;
	struct rlm_rec_exit ex;
	struct rlm_smc_regs r;

	(void)state;
	setup(&f, 0);
	/* to EMPTY over [0x4000, 0x20000): exit RIPAS_CHANGE */
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_IPA_STATE_SET, 0x4000, 0x20000, RLM_RIPAS_EMPTY, 0);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_IPA_STATE_GET, 0x4000, 0x20000, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_RIPAS_CHANGE);
	assert_int_equal(ex.ripas_base, 0x4000);
	assert_int_equal(ex.ripas_top, 0x20000);
	assert_int_equal(ex.ripas_value, RLM_RIPAS_EMPTY);
	/* the host must start at the base and stay below the top */
	assert_int_equal(CALL4(&f, RTT_SET_RIPAS, G(&f, RD), G(&f, REC0), 0x5000, 0x20000), FX_INPUT);
	assert_int_equal(CALL4(&f, RTT_SET_RIPAS, G(&f, RD), G(&f, REC0), 0x4000, 0x21000), FX_INPUT);
	assert_int_equal(CALL4(&f, RTT_SET_RIPAS, G(&f, RD), G(&f, REC2), 0x4000, 0x8000), FX_INPUT);
	assert_int_equal(CALL4(&f, RTT_SET_RIPAS, G(&f, RD), G(&f, REC0), 0x4000, 0x8000), FX_OK);
	assert_int_equal(f.r.x[1], 0x8000);
	/* entries already EMPTY count as progress */
	assert_int_equal(CALL4(&f, RTT_SET_RIPAS, G(&f, RD), G(&f, REC0), 0x8000, 0x20000), FX_OK);
	assert_int_equal(f.r.x[1], 0x20000);
	assert_int_equal(CALL4(&f, RTT_SET_RIPAS, G(&f, RD), G(&f, REC0), 0x10000, 0x20000), FX_INPUT);
	/* the next entry completes the call: progress and ACCEPT */
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	/* IPA_STATE_GET ran after it: EMPTY up to the end */
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_SUCCESS);
	assert_int_equal(r.x[1], 0x20000);
	assert_int_equal(r.x[2], RLM_RIPAS_EMPTY);
	/* DATA stayed assigned but now EMPTY */
	{
		uint64_t e;

		assert_int_equal(CALL3(&f, RTT_READ_ENTRY, G(&f, RD), 0x3000, 3), FX_OK);
		assert_int_equal(f.r.x[2], RLM_RMI_ASSIGNED);
		assert_int_equal(f.r.x[4], RLM_RIPAS_RAM);
		e = f.r.x[1];
		(void)e;
	}
	fx_fini(&f);
}

static void test_ipa_state_set_reject(void **state)
{
	struct fx f;
	struct rlm_rec_exit ex;
	struct rlm_smc_regs r;

	(void)state;
	setup(&f, 0);
	/* RAM request, partly done, host rejects: REJECT with the progress */
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_IPA_STATE_SET, 0x10000, 0x14000, RLM_RIPAS_RAM, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(CALL4(&f, RTT_SET_RIPAS, G(&f, RD), G(&f, REC0), 0x10000, 0x12000), FX_OK);
	fx_enter_flags(&f, RUN, RLM_REC_ENTER_FLAG_RIPAS_RESPONSE);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_SUCCESS);
	assert_int_equal(r.x[1], 0x12000);
	assert_int_equal(r.x[2], RLM_RSI_REJECT);
	/* completed: another SET_RIPAS for it is refused */
	assert_int_equal(CALL4(&f, RTT_SET_RIPAS, G(&f, RD), G(&f, REC0), 0x12000, 0x14000), FX_INPUT);
	/* RAM request fully done: the reject flag does not matter */
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_IPA_STATE_SET, 0x12000, 0x14000, RLM_RIPAS_RAM, 0);
	fx_enter_flags(&f, RUN, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(CALL4(&f, RTT_SET_RIPAS, G(&f, RD), G(&f, REC0), 0x12000, 0x14000), FX_OK);
	fx_enter_flags(&f, RUN, RLM_REC_ENTER_FLAG_RIPAS_RESPONSE);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[1], 0x14000);
	assert_int_equal(r.x[2], RLM_RSI_ACCEPT);
	/* an EMPTY request cannot be rejected (TF-RMM complete_set_ripas) */
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_IPA_STATE_SET, 0x12000, 0x14000, RLM_RIPAS_EMPTY, 0);
	fx_enter_flags(&f, RUN, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_enter_flags(&f, RUN, RLM_REC_ENTER_FLAG_RIPAS_RESPONSE);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[1], 0x12000);
	assert_int_equal(r.x[2], RLM_RSI_ACCEPT);
	/* DESTROYED needs CHANGE_DESTROYED */
	fx_enter_flags(&f, RUN, 0);
	assert_int_equal(CALL2(&f, DATA_DESTROY, G(&f, RD), 0x1000), FX_OK);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_IPA_STATE_SET, 0x1000, 0x2000, RLM_RIPAS_RAM, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(CALL4(&f, RTT_SET_RIPAS, G(&f, RD), G(&f, REC0), 0x1000, 0x2000), FX_RTT(3));
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_IPA_STATE_SET, 0x1000, 0x2000, RLM_RIPAS_RAM,
		 RLM_RSI_CHANGE_DESTROYED);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(CALL4(&f, RTT_SET_RIPAS, G(&f, RD), G(&f, REC0), 0x1000, 0x2000), FX_OK);
	assert_int_equal(CALL3(&f, RTT_READ_ENTRY, G(&f, RD), 0x1000, 3), FX_OK);
	assert_int_equal(f.r.x[4], RLM_RIPAS_RAM);
	/* invalid requests: ERROR_INPUT inside the realm, no exit */
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_IPA_STATE_SET, 0x1000, 0x1000, RLM_RIPAS_RAM, 0);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_IPA_STATE_SET, 0x1001, 0x2000, RLM_RIPAS_RAM, 0);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_IPA_STATE_SET, 0x1000, 0x2000, RLM_RIPAS_DESTROYED, 0);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_IPA_STATE_SET, 0x1000, UINT64_C(0x8000001000),
		 RLM_RIPAS_RAM, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_IRQ);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_ERROR_INPUT);
	/* IPA_STATE_GET bounds */
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_IPA_STATE_GET, 0x2000, 0x2000, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_ERROR_INPUT);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_IPA_STATE_GET, 0x0, 0x400000, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_SUCCESS);
	assert_int_equal(r.x[1], 0x14000); /* RAM up to the EMPTY part */
	assert_int_equal(r.x[2], RLM_RIPAS_RAM);
	fx_fini(&f);
}

static void test_host_call(void **state)
{
	struct fx f;
	struct rlm_rec_exit ex;
	struct rlm_smc_regs r;
	uint8_t *p, *run;
	unsigned int i;

	(void)state;
	setup(&f, 0);
	p = rlm_mock_realm_mem(f.m, G(&f, RD), 0x2100, 256);
	assert_non_null(p);
	rlm_put_le32(p, 0xabcd1234);
	for (i = 0; i < 31; i++)
		rlm_put_le64(p + 8 + 8 * i, 100 + i);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_HOST_CALL, 0x2100, 0, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_HOST_CALL);
	assert_int_equal(ex.imm, 0x1234);
	run = rlm_mock_ns_ptr(f.m, NS(&f, RUN), 4096);
	/* the exit's immediate is 32 bits wide in the reference */
	assert_int_equal(rlm_get_le32(run + 0x800 + RLM_REC_EXIT_IMM_OFF), 0xabcd1234);
	for (i = 0; i < 31; i++)
		assert_int_equal(ex.gprs[i], 100 + i);
	/* the host answers in the entry's gprs */
	for (i = 0; i < 31; i++)
		rlm_put_le64(run + RLM_REC_ENTER_GPRS_OFF + 8 * i, 1000 + i);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_IRQ);
	for (i = 0; i < 31; i++)
		assert_int_equal(rlm_get_le64(p + 8 + 8 * i), 1000 + i);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_SUCCESS);
	assert_int_equal(r.x[1], 0x2100);
	/* bad addresses */
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_HOST_CALL, 0x2108, 0, 0, 0);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_HOST_CALL, UINT64_C(0x8000000000), 0, 0, 0);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_HOST_CALL, 0x20000, 0, 0, 0); /* EMPTY */
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_IRQ);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_ERROR_INPUT);
	/* RAM without a page: stage 2 abort, then the realm moves on */
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_HOST_CALL, 0x9000, 0, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_SYNC);
	assert_int_equal(ex.hpfar, 0x90);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_IRQ);
	fx_fini(&f);
}

static void test_psci(void **state)
{
	struct fx f;
	struct rlm_rec_exit ex;
	struct rlm_smc_regs r;

	(void)state;
	setup(&f, 0);
	/* CPU_ON of REC1: PSCI exit, REC0 blocked until PSCI_COMPLETE */
	fx_queue(&f, G(&f, REC0), RLM_PSCI_CPU_ON_AARCH64, 1, 0x1000, 0x77, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_PSCI);
	assert_int_equal(ex.gprs[0], RLM_PSCI_CPU_ON_AARCH64);
	assert_int_equal(ex.gprs[1], 1);
	assert_int_equal(ex.gprs[2], 0);
	assert_int_equal(ex.gprs[3], 0);
	assert_int_equal(enter(&f, REC0, NULL), FX_REC);
	assert_int_equal(CALL3(&f, PSCI_COMPLETE, G(&f, REC0), G(&f, REC2), 0), FX_INPUT);
	assert_int_equal(CALL3(&f, PSCI_COMPLETE, G(&f, REC0), G(&f, REC1), 5), FX_INPUT);
	assert_int_equal(CALL3(&f, PSCI_COMPLETE, G(&f, REC2), G(&f, REC1), 0), FX_INPUT);
	assert_int_equal(CALL3(&f, PSCI_COMPLETE, G(&f, REC0), G(&f, REC1), 0), FX_OK);
	assert_int_equal(CALL3(&f, PSCI_COMPLETE, G(&f, REC0), G(&f, REC1), 0), FX_INPUT);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_PSCI_RET_SUCCESS);
	/* REC1 now runs */
	assert_int_equal(enter(&f, REC1, &ex), FX_OK);
	/* CPU_ON again: already on; DENIED then is an input error */
	fx_queue(&f, G(&f, REC0), RLM_PSCI_CPU_ON_AARCH64, 1, 0x1000, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(CALL3(&f, PSCI_COMPLETE, G(&f, REC0), G(&f, REC1), (uint64_t)-3), FX_INPUT);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], (uint64_t)(int64_t)RLM_PSCI_RET_ALREADY_ON);
	/* in-realm answers: self, unknown MPIDR, unprotected entry */
	fx_queue(&f, G(&f, REC0), RLM_PSCI_CPU_ON_AARCH64, 0, 0x1000, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], (uint64_t)(int64_t)RLM_PSCI_RET_ALREADY_ON);
	fx_queue(&f, G(&f, REC0), RLM_PSCI_CPU_ON_AARCH64, 3, 0x1000, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], (uint64_t)(int64_t)RLM_PSCI_RET_INVALID_PARAMS);
	fx_queue(&f, G(&f, REC0), RLM_PSCI_CPU_ON_AARCH64, 2, UINT64_C(0x8000000000), 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], (uint64_t)(int64_t)RLM_PSCI_RET_INVALID_ADDRESS);
	/* AFFINITY_INFO: self ON in the realm; others via the host */
	fx_queue(&f, G(&f, REC0), RLM_PSCI_AFFINITY_INFO_AARCH64, 0, 0, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_PSCI_AFFINITY_ON);
	fx_queue(&f, G(&f, REC0), RLM_PSCI_AFFINITY_INFO_AARCH64, 1, 1, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], (uint64_t)(int64_t)RLM_PSCI_RET_INVALID_PARAMS);
	/* REC1 turns itself off */
	fx_queue(&f, G(&f, REC1), RLM_PSCI_CPU_OFF, 0, 0, 0, 0);
	assert_int_equal(enter(&f, REC1, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_PSCI);
	assert_int_equal(ex.gprs[0], RLM_PSCI_CPU_OFF);
	assert_int_equal(enter(&f, REC1, NULL), FX_REC);
	fx_queue(&f, G(&f, REC0), RLM_PSCI_AFFINITY_INFO_AARCH64, 1, 0, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_PSCI);
	assert_int_equal(CALL3(&f, PSCI_COMPLETE, G(&f, REC0), G(&f, REC1), (uint64_t)-3), FX_INPUT);
	assert_int_equal(CALL3(&f, PSCI_COMPLETE, G(&f, REC0), G(&f, REC1), 0), FX_OK);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_PSCI_AFFINITY_OFF);
	/* DENIED CPU_ON leaves the target off */
	fx_queue(&f, G(&f, REC0), RLM_PSCI_CPU_ON_AARCH64, 1, 0x1000, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(CALL3(&f, PSCI_COMPLETE, G(&f, REC0), G(&f, REC1), (uint64_t)-3), FX_OK);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], (uint64_t)(int64_t)RLM_PSCI_RET_DENIED);
	assert_int_equal(enter(&f, REC1, NULL), FX_REC);
	/* PSCI_VERSION and FEATURES answered in the realm */
	fx_queue(&f, G(&f, REC0), RLM_PSCI_VERSION, 0, 0, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], 0x10001);
	fx_queue(&f, G(&f, REC0), RLM_PSCI_FEATURES, RLM_PSCI_CPU_ON_AARCH64, 0, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], 0);
	fx_queue(&f, G(&f, REC0), RLM_PSCI_FEATURES, 0x8400000c, 0, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], (uint64_t)(int64_t)RLM_PSCI_RET_NOT_SUPPORTED);
	/* SYSTEM_OFF: the realm is off for good */
	fx_queue(&f, G(&f, REC2), RLM_PSCI_SYSTEM_OFF, 0, 0, 0, 0);
	assert_int_equal(enter(&f, REC2, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_PSCI);
	assert_int_equal(ex.gprs[0], RLM_PSCI_SYSTEM_OFF);
	assert_int_equal(enter(&f, REC2, NULL), RLM_RMI_RETURN(RLM_RMI_ERROR_REALM, 1));
	assert_int_equal(enter(&f, REC0, NULL), RLM_RMI_RETURN(RLM_RMI_ERROR_REALM, 1));
	assert_int_equal(CALL1(&f, REALM_ACTIVATE, G(&f, RD)), FX_REALM);
	fx_fini(&f);
}

/*
 * WFI / WFE exit to the host only when RmiRecEnter.flags asks for the trap
 * (trap_wfi bit 2, trap_wfe bit 3; TF-RMM run.c -> HCR_EL2.TWI / TWE).
 * Untrapped, they complete in the realm: the REC goes on to its next call
 * and the last call's result stays as it was.  (The mock used to trap them
 * always.)
 */
static void queue_wfx(struct fx *f, uint64_t what)
{
	struct rlm_smc_regs c;

	memset(&c, 0, sizeof(c));
	c.x[0] = what;
	assert_int_equal(rlm_mock_realm_queue(f->m, G(f, REC0), &c), 0);
}

static void test_wfx(void **state)
{
	struct fx f;
	struct rlm_rec_exit ex;
	struct rlm_smc_regs r;

	(void)state;
	setup(&f, 0);
	/* no trap flags: both run in the realm, which then makes its call */
	fx_enter_flags(&f, RUN, 0);
	queue_wfx(&f, RLM_MOCK_REALM_WFI);
	queue_wfx(&f, RLM_MOCK_REALM_WFE);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_VERSION, RLM_RSI_ABI_VERSION, 0, 0, 0);
	queue_wfx(&f, RLM_MOCK_REALM_WFI);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_IRQ);
	assert_int_equal(ex.esr, 0);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_SUCCESS);   /* RSI_VERSION's, not the WFI's */

	/* both trapped: each exits with EC_WFX, TI 0 (WFI) or 1 (WFE) */
	fx_enter_flags(&f, RUN, RLM_REC_ENTER_FLAG_TRAP_WFI | RLM_REC_ENTER_FLAG_TRAP_WFE);
	queue_wfx(&f, RLM_MOCK_REALM_WFI);
	queue_wfx(&f, RLM_MOCK_REALM_WFE);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_SYNC);
	assert_int_equal(ex.esr, UINT64_C(1) << 26);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_SYNC);
	assert_int_equal(ex.esr, (UINT64_C(1) << 26) | 1);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_IRQ);

	/* each flag traps only its own instruction */
	fx_enter_flags(&f, RUN, RLM_REC_ENTER_FLAG_TRAP_WFE);
	queue_wfx(&f, RLM_MOCK_REALM_WFI);
	queue_wfx(&f, RLM_MOCK_REALM_WFE);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_SYNC);
	assert_int_equal(ex.esr, (UINT64_C(1) << 26) | 1);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_IRQ);
	fx_enter_flags(&f, RUN, RLM_REC_ENTER_FLAG_TRAP_WFI);
	queue_wfx(&f, RLM_MOCK_REALM_WFE);
	queue_wfx(&f, RLM_MOCK_REALM_WFI);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_SYNC);
	assert_int_equal(ex.esr, UINT64_C(1) << 26);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_IRQ);
	fx_fini(&f);
}

/* A token builder for the tests: the claims, in a recognisable layout. */
static int fake_token(void *ctx, const struct rlm_mock_claims *cl, uint8_t *out, size_t cap,
		      size_t *len)
{
	size_t n = *(size_t *)ctx, i;

	if (n > cap)
		return RLM_ENOSPC;
	for (i = 0; i < n; i++)
		out[i] = (uint8_t)(i * 13 + cl->challenge[i % 64]);
	memcpy(out, cl->challenge, 8);
	*len = n;
	return 0;
}

static void test_attestation(void **state)
{
	struct fx f;
	struct rlm_rec_exit ex;
	struct rlm_smc_regs r, c;
	struct rlm_mock_attest at;
	size_t toklen = 6000, got = 0, i;
	uint8_t *buf;
	uint8_t expect[6000];
	struct rlm_mock_claims cl;

	(void)state;
	setup(&f, 0);
	/* without a token builder: ERROR_STATE */
	memset(&c, 0, sizeof(c));
	c.x[0] = RLM_SMC_RSI_ATTESTATION_TOKEN_INIT;
	for (i = 0; i < 8; i++)
		c.x[1 + i] = 0x0101010101010101ull * (i + 1);
	assert_int_equal(rlm_mock_realm_queue(f.m, G(&f, REC0), &c), 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_ERROR_STATE);
	/* CONTINUE without INIT: ERROR_STATE; bad arguments: ERROR_INPUT */
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_ATTESTATION_TOKEN_CONTINUE, 0x3000, 0, 4096, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_ERROR_STATE);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_ATTESTATION_TOKEN_CONTINUE, 0x3000, 4096, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_ERROR_INPUT);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_ATTESTATION_TOKEN_CONTINUE, 0x3000, 16, 4090, 0);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_ATTESTATION_TOKEN_CONTINUE, 0x3010, 0, 16, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_ERROR_INPUT);

	at.token = fake_token;
	at.ctx = &toklen;
	rlm_mock_set_attest(f.m, &at);
	assert_int_equal(rlm_mock_realm_queue(f.m, G(&f, REC0), &c), 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_SUCCESS);
	assert_int_equal(r.x[1], 8192); /* upper bound, granules */
	memset(&cl, 0, sizeof(cl));
	for (i = 0; i < 8; i++)
		rlm_put_le64(cl.challenge + 8 * i, c.x[1 + i]);
	assert_int_equal(fake_token(&toklen, &cl, expect, sizeof(expect), &i), 0);
	/* pieces of 1000 bytes into the page at 0x3000, offset 100 */
	buf = rlm_mock_realm_mem(f.m, G(&f, RD), 0x3000, 4096);
	assert_non_null(buf);
	while (got < toklen) {
		fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_ATTESTATION_TOKEN_CONTINUE, 0x3000, 100, 1000, 0);
		assert_int_equal(enter(&f, REC0, &ex), FX_OK);
		fx_last(&f, G(&f, REC0), &r);
		assert_true(r.x[1] > 0 && r.x[1] <= 1000);
		assert_memory_equal(buf + 100, expect + got, r.x[1]);
		got += r.x[1];
		assert_int_equal(r.x[0], got < toklen ? RLM_RSI_INCOMPLETE : RLM_RSI_SUCCESS);
	}
	/* done: another CONTINUE is ERROR_STATE; size 0 after INIT: INCOMPLETE */
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_ATTESTATION_TOKEN_CONTINUE, 0x3000, 0, 64, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_ERROR_STATE);
	assert_int_equal(rlm_mock_realm_queue(f.m, G(&f, REC0), &c), 0);
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_ATTESTATION_TOKEN_CONTINUE, 0x3000, 0, 0, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_INCOMPLETE);
	assert_int_equal(r.x[1], 0);
	/* the buffer at an EMPTY IPA: ERROR_INPUT */
	fx_queue(&f, G(&f, REC0), RLM_SMC_RSI_ATTESTATION_TOKEN_CONTINUE, 0x20000, 0, 64, 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_ERROR_INPUT);
	/* a builder that fails: ERROR_UNKNOWN */
	toklen = 100000;
	assert_int_equal(rlm_mock_realm_queue(f.m, G(&f, REC0), &c), 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	fx_last(&f, G(&f, REC0), &r);
	assert_int_equal(r.x[0], RLM_RSI_ERROR_UNKNOWN);
	rlm_mock_set_attest(f.m, NULL);
	fx_fini(&f);
}

/* A callback plays the realm: extends REM0 three times, then stops. */
struct cb_state {
	int calls;
	int saw_prev;
};

static int cb_realm(void *arg, uint64_t rec, const struct rlm_smc_regs *prev,
		    struct rlm_smc_regs *next)
{
	struct cb_state *s = arg;

	(void)rec;
	if (prev) {
		assert_int_equal(prev->x[0], RLM_RSI_SUCCESS);
		s->saw_prev++;
	}
	if (s->calls == 3)
		return 0;
	s->calls++;
	next->x[0] = RLM_SMC_RSI_MEASUREMENT_EXTEND;
	next->x[1] = 1;
	next->x[2] = 1;
	next->x[3] = (uint64_t)s->calls;
	return 1;
}

static void test_callback(void **state)
{
	struct fx f;
	struct rlm_rec_exit ex;
	struct cb_state s = { 0, 0 };
	uint8_t rem[64] = { 0 }, out[64], d;
	size_t hs;

	(void)state;
	setup(&f, 0);
	assert_int_equal(rlm_mock_realm_callback(f.m, G(&f, REC0), cb_realm, &s), 0);
	assert_int_equal(enter(&f, REC0, &ex), FX_OK);
	assert_int_equal(ex.exit_reason, RLM_RMI_EXIT_IRQ);
	assert_int_equal(s.calls, 3);
	assert_int_equal(s.saw_prev, 3);
	for (d = 1; d <= 3; d++)
		rlm_rem_extend(RLM_HASH_SHA256, rem, &d, 1);
	assert_int_equal(rlm_mock_measurement(f.m, G(&f, RD), 1, out, &hs), 0);
	assert_memory_equal(out, rem, 32);
	assert_int_equal(rlm_mock_realm_callback(f.m, G(&f, RD), cb_realm, &s), RLM_ENOENT);
	assert_int_equal(rlm_mock_realm_callback(NULL, G(&f, REC0), cb_realm, &s), RLM_EINVAL);
	fx_fini(&f);
}

/* The RSI conduit: calls complete at once; a built-in host answers. */
static void test_rsi_conduit(void **state)
{
	struct fx f;
	struct rlm_conduit c;
	struct rlm_smc_regs r;
	uint8_t *p;

	(void)state;
	setup(&f, 0);
	assert_int_equal(rlm_mock_rsi_conduit(f.m, G(&f, RD), &c), RLM_ENOENT);
	assert_int_equal(rlm_mock_rsi_conduit(f.m, G(&f, REC0), &c), 0);
	memset(&r, 0, sizeof(r));
	r.x[0] = RLM_SMC_RSI_VERSION;
	r.x[1] = 0x10000;
	assert_int_equal(rlm_conduit_call(&c, &r), 0);
	assert_int_equal(r.x[0], RLM_RSI_SUCCESS);
	/* RIPAS change accepted by the built-in host */
	memset(&r, 0, sizeof(r));
	r.x[0] = RLM_SMC_RSI_IPA_STATE_SET;
	r.x[1] = 0x4000;
	r.x[2] = 0x8000;
	r.x[3] = RLM_RIPAS_EMPTY;
	assert_int_equal(rlm_conduit_call(&c, &r), 0);
	assert_int_equal(r.x[0], RLM_RSI_SUCCESS);
	assert_int_equal(r.x[1], 0x8000);
	assert_int_equal(r.x[2], RLM_RSI_ACCEPT);
	assert_int_equal(CALL3(&f, RTT_READ_ENTRY, G(&f, RD), 0x5000, 3), FX_OK);
	assert_int_equal(f.r.x[4], RLM_RIPAS_EMPTY);
	/* host call answered unchanged */
	p = rlm_mock_realm_mem(f.m, G(&f, RD), 0x1000, 256);
	rlm_put_le64(p + 8, 42);
	memset(&r, 0, sizeof(r));
	r.x[0] = RLM_SMC_RSI_HOST_CALL;
	r.x[1] = 0x1000;
	assert_int_equal(rlm_conduit_call(&c, &r), 0);
	assert_int_equal(r.x[0], RLM_RSI_SUCCESS);
	assert_int_equal(rlm_get_le64(p + 8), 42);
	/* CPU_ON completed by the built-in host */
	memset(&r, 0, sizeof(r));
	r.x[0] = RLM_PSCI_CPU_ON_AARCH64;
	r.x[1] = 1;
	r.x[2] = 0x1000;
	assert_int_equal(rlm_conduit_call(&c, &r), 0);
	assert_int_equal(r.x[0], RLM_PSCI_RET_SUCCESS);
	assert_int_equal(enter(&f, REC1, NULL), FX_OK);
	/* a realm that is not ACTIVE cannot run */
	memset(&r, 0, sizeof(r));
	r.x[0] = RLM_PSCI_SYSTEM_OFF;
	assert_int_equal(rlm_conduit_call(&c, &r), 0);
	r.x[0] = RLM_SMC_RSI_VERSION;
	assert_int_equal(rlm_conduit_call(&c, &r), RLM_ESTATE);
	fx_fini(&f);
}

static void test_queue_limits(void **state)
{
	struct fx f;
	struct rlm_smc_regs c, r;
	unsigned int i;

	(void)state;
	setup(&f, 0);
	memset(&c, 0, sizeof(c));
	c.x[0] = RLM_SMC_RSI_FEATURES;
	/* the queue is pooled: max_recs * rsi_queue_len calls in all */
	for (i = 0; i < f.cfg.max_recs * f.cfg.rsi_queue_len - 1; i++)
		assert_int_equal(rlm_mock_realm_queue(f.m, G(&f, REC0), &c), 0);
	/* any granule address: calls wait for a REC there */
	assert_int_equal(rlm_mock_realm_queue(f.m, G(&f, 40), &c), 0);
	assert_int_equal(rlm_mock_realm_queue(f.m, G(&f, REC0), &c), RLM_ENOMEM);
	assert_int_equal(rlm_mock_realm_queue(f.m, G(&f, 40) + 8, &c), RLM_EALIGN);
	assert_int_equal(rlm_mock_realm_queue(f.m, G(&f, REC0), NULL), RLM_EINVAL);
	assert_int_equal(rlm_mock_realm_queue(NULL, G(&f, REC0), &c), RLM_EINVAL);
	assert_int_equal(rlm_mock_realm_last_result(f.m, G(&f, REC0), NULL), RLM_EINVAL);
	assert_int_equal(rlm_mock_realm_last_result(f.m, G(&f, 5), &r), RLM_ENOENT);
	assert_int_equal(enter(&f, REC0, NULL), FX_OK);
	assert_int_equal(rlm_mock_realm_queue(f.m, G(&f, REC0), &c), 0);
	fx_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_queue_irq),
		cmocka_unit_test(test_version_features_measurements),
		cmocka_unit_test(test_realm_config),
		cmocka_unit_test(test_ipa_state_set),
		cmocka_unit_test(test_ipa_state_set_reject),
		cmocka_unit_test(test_host_call),
		cmocka_unit_test(test_psci),
		cmocka_unit_test(test_wfx),
		cmocka_unit_test(test_attestation),
		cmocka_unit_test(test_callback),
		cmocka_unit_test(test_rsi_conduit),
		cmocka_unit_test(test_queue_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
