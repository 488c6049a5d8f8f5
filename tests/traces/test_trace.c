/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RMI trace runner (realm/trace.h) against a fake RMM: a conduit that
 * records every call and answers from a script, host memory in an array.
 * Every value form, every output rule, every malformed-trace error, and
 * robustness on arbitrary input.
 */
#include "test_util.h"

#include <realm/abi.h>
#include <realm/error.h>
#include <realm/pack.h>
#include <realm/rmi.h>
#include <realm/trace.h>
#include <abi/call.h>

#define POOL_BASE UINT64_C(0x1000000000)
#define POOL_N 64
#define NS_BASE UINT64_C(0x2000000000)
#define NS_N 8
#define SCRATCH (NS_BASE + NS_N * RLM_GRANULE_SIZE)
#define G(n) (POOL_BASE + (uint64_t)(n) * RLM_GRANULE_SIZE)
#define NS(n) (NS_BASE + (uint64_t)(n) * RLM_GRANULE_SIZE)

#define MAX_CALLS 64

struct fake {
	uint8_t ns[NS_N + 1][RLM_GRANULE_SIZE]; /* + the scratch page */
	uint8_t realm_page[RLM_GRANULE_SIZE];
	struct rlm_smc_regs calls[MAX_CALLS];   /* what the runner sent */
	unsigned int ncalls;
	struct rlm_smc_regs answers[MAX_CALLS]; /* scripted results */
	unsigned int nanswers;
	struct rlm_smc_regs queued[MAX_CALLS];  /* realm calls */
	uint64_t queued_rec[MAX_CALLS];
	unsigned int nqueued;
	uint64_t mem_rd, mem_ipa;
	int conduit_fail;
	int queue_fail;
	bool no_ns;
	uint8_t exit_page[RLM_REC_EXIT_SIZE];   /* copied on REC_ENTER */
	bool write_exit;
	/* output */
	char out[64][RLM_TRACE_MAX_OUT];
	unsigned int nout;
};

static int fake_call(void *ctx, struct rlm_smc_regs *r)
{
	struct fake *f = ctx;
	unsigned int i = f->ncalls;

	if (f->conduit_fail)
		return RLM_ECONDUIT;
	if (i < MAX_CALLS)
		f->calls[i] = *r;
	f->ncalls++;
	if (r->x[0] == RLM_SMC_RMI_REC_ENTER && f->write_exit &&
	    r->x[2] >= NS_BASE && r->x[2] < NS_BASE + NS_N * RLM_GRANULE_SIZE)
		memcpy(f->ns[(r->x[2] - NS_BASE) / RLM_GRANULE_SIZE] +
		       RLM_REC_RUN_EXIT_OFF, f->exit_page, RLM_REC_EXIT_SIZE);
	if (i < f->nanswers)
		*r = f->answers[i];
	else
		memset(r, 0, sizeof(*r));
	return 0;
}

static const struct rlm_conduit_ops fake_ops = {
	.name = "fake",
	.call = fake_call,
	.ns_map = NULL,
};

static void *fake_ns_ptr(void *ctx, uint64_t pa, size_t len)
{
	struct fake *f = ctx;
	uint64_t off;

	if (f->no_ns || pa < NS_BASE)
		return NULL;
	off = pa - NS_BASE;
	if (off >= (NS_N + 1) * RLM_GRANULE_SIZE ||
	    len > (NS_N + 1) * RLM_GRANULE_SIZE - off)
		return NULL;
	return &f->ns[0][0] + off;
}

static int fake_measurement(void *ctx, uint64_t rd, unsigned int index,
			    uint8_t out[64], size_t *hash_size)
{
	unsigned int i;

	(void)ctx;
	if (rd != G(0) || index > 4)
		return RLM_EINVAL;
	for (i = 0; i < 64; i++)
		out[i] = (uint8_t)(i + index);
	*hash_size = 32;
	return 0;
}

static int fake_queue(void *ctx, uint64_t rec, const struct rlm_smc_regs *call)
{
	struct fake *f = ctx;

	if (f->queue_fail || f->nqueued >= MAX_CALLS)
		return RLM_ENOMEM;
	f->queued[f->nqueued] = *call;
	f->queued_rec[f->nqueued++] = rec;
	return 0;
}

static void *fake_realm_mem(void *ctx, uint64_t rd, uint64_t ipa, size_t len)
{
	struct fake *f = ctx;

	if (ipa & RLM_GRANULE_MASK || len > 16)
		return NULL;
	f->mem_rd = rd;
	f->mem_ipa = ipa;
	return f->realm_page;
}

static void print_cb(void *arg, const char *line, size_t len)
{
	struct fake *f = arg;

	assert_int_equal(strlen(line), len);
	assert_true(len < RLM_TRACE_MAX_OUT);
	if (f->nout < 64)
		snprintf(f->out[f->nout], RLM_TRACE_MAX_OUT, "%s", line);
	f->nout++;
}

static struct fake *fake_new(struct rlm_trace_env *env)
{
	struct fake *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	memset(env, 0, sizeof(*env));
	env->rmi.ops = &fake_ops;
	env->rmi.ctx = f;
	env->ctx = f;
	env->ns_ptr = fake_ns_ptr;
	env->measurement = fake_measurement;
	env->realm_queue = fake_queue;
	env->realm_mem = fake_realm_mem;
	env->pool_base = POOL_BASE;
	env->pool_granules = POOL_N;
	env->ns_base = NS_BASE;
	env->ns_granules = NS_N;
	env->scratch = SCRATCH;
	return f;
}

/* Run a NUL-terminated trace from an exactly-sized heap copy (so ASan
 * catches any read past the end). */
static int run(struct fake *f, const struct rlm_trace_env *env,
	       const char *text, struct rlm_trace_result *res)
{
	size_t n = strlen(text);
	char *buf = malloc(n ? n : 1);
	int err;

	assert_non_null(buf);
	memcpy(buf, text, n);
	err = rlm_trace_run(buf, n, env, print_cb, f, res);
	free(buf);
	return err;
}

static void answer(struct fake *f, unsigned int i, uint64_t x0, uint64_t x1,
		   uint64_t x2, uint64_t x3, uint64_t x4)
{
	rlm_regs_set_(&f->answers[i], x0, x1, x2, x3, x4, 0);
	if (i + 1 > f->nanswers)
		f->nanswers = i + 1;
}

/* ---- Values ------------------------------------------------------------ */

static void test_value_forms(void **state)
{
	struct rlm_trace_env env;
	struct fake *f = fake_new(&env);
	struct rlm_trace_result res;

	(void)state;
	assert_int_equal(run(f, &env,
		"granule_delegate addr=123\n"
		"granule_delegate addr=0x7b\n"
		"granule_delegate addr=0X7B\n"
		"granule_delegate addr=4K\n"
		"granule_delegate addr=2M\n"
		"granule_delegate addr=1G\n"
		"granule_delegate addr=0x2M\n"
		"granule_delegate addr=g0\n"
		"granule_delegate addr=g63\n"
		"granule_delegate addr=ns7\n"
		"granule_delegate addr=ns5|0xd8\n"
		"granule_delegate addr=g1|0x10|0x3\n"
		"rtt_create rd=g0 rtt=g1 ipa=0 level=-1\n"
		"features index=0xffffffffffffffff\n"
		"features index=18446744073709551615\n"
		"features index=-9223372036854775808\n",
		&res), 0);
	assert_int_equal(f->ncalls, 16);
	assert_int_equal(f->calls[0].x[1], 123);
	assert_int_equal(f->calls[1].x[1], 0x7b);
	assert_int_equal(f->calls[2].x[1], 0x7b);
	assert_int_equal(f->calls[3].x[1], 4096);
	assert_int_equal(f->calls[4].x[1], 2 << 20);
	assert_int_equal(f->calls[5].x[1], UINT64_C(1) << 30);
	assert_int_equal(f->calls[6].x[1], 2 << 20);
	assert_int_equal(f->calls[7].x[1], G(0));
	assert_int_equal(f->calls[8].x[1], G(63));
	assert_int_equal(f->calls[9].x[1], NS(7));
	assert_int_equal(f->calls[10].x[1], NS(5) | 0xd8);
	assert_int_equal(f->calls[11].x[1], G(1) | 0x13);
	assert_int_equal(f->calls[12].x[0], RLM_SMC_RMI_RTT_CREATE);
	assert_int_equal(f->calls[12].x[1], G(0));
	assert_int_equal(f->calls[12].x[2], G(1));
	assert_int_equal(f->calls[12].x[3], 0);
	assert_int_equal(f->calls[12].x[4], UINT64_MAX);
	assert_int_equal(f->calls[13].x[1], UINT64_MAX);
	assert_int_equal(f->calls[14].x[1], UINT64_MAX);
	assert_int_equal(f->calls[15].x[1], UINT64_C(1) << 63);
	assert_int_equal(res.commands, 16);
	assert_int_equal(res.failed, 0);
	free(f);
}

/* Every command's FID and argument registers. */
static void test_registers(void **state)
{
	static const struct {
		const char *line;
		uint64_t fid;
		uint64_t x[5];
	} t[] = {
		{ "version req=0x20000", RLM_SMC_RMI_VERSION, { 0x20000 } },
		{ "version", RLM_SMC_RMI_VERSION, { 0x10000 } },
		{ "features index=1", RLM_SMC_RMI_FEATURES, { 1 } },
		{ "granule_delegate addr=g2", RLM_SMC_RMI_GRANULE_DELEGATE, { G(2) } },
		{ "granule_undelegate addr=g2", RLM_SMC_RMI_GRANULE_UNDELEGATE, { G(2) } },
		{ "realm_activate rd=g1", RLM_SMC_RMI_REALM_ACTIVATE, { G(1) } },
		{ "realm_destroy rd=g1", RLM_SMC_RMI_REALM_DESTROY, { G(1) } },
		{ "rec_aux_count rd=g1", RLM_SMC_RMI_REC_AUX_COUNT, { G(1) } },
		{ "rec_destroy rec=g3", RLM_SMC_RMI_REC_DESTROY, { G(3) } },
		{ "rec_enter rec=g3 run=ns1", RLM_SMC_RMI_REC_ENTER, { G(3), NS(1) } },
		{ "psci_complete calling=g3 target=g4 status=-3",
		  RLM_SMC_RMI_PSCI_COMPLETE, { G(3), G(4), (uint64_t)-3 } },
		{ "rtt_create rd=g1 rtt=g2 ipa=0x200000 level=3",
		  RLM_SMC_RMI_RTT_CREATE, { G(1), G(2), 0x200000, 3 } },
		{ "rtt_destroy rd=g1 ipa=0x200000 level=3",
		  RLM_SMC_RMI_RTT_DESTROY, { G(1), 0x200000, 3 } },
		{ "rtt_fold rd=g1 ipa=0x200000 level=3",
		  RLM_SMC_RMI_RTT_FOLD, { G(1), 0x200000, 3 } },
		{ "rtt_read_entry rd=g1 ipa=0x1000 level=3",
		  RLM_SMC_RMI_RTT_READ_ENTRY, { G(1), 0x1000, 3 } },
		{ "rtt_map_unprotected rd=g1 ipa=0x8000000000 level=3 desc=ns5|0xd8",
		  RLM_SMC_RMI_RTT_MAP_UNPROTECTED,
		  { G(1), UINT64_C(0x8000000000), 3, NS(5) | 0xd8 } },
		{ "rtt_unmap_unprotected rd=g1 ipa=0x8000000000 level=3",
		  RLM_SMC_RMI_RTT_UNMAP_UNPROTECTED,
		  { G(1), UINT64_C(0x8000000000), 3 } },
		{ "rtt_init_ripas rd=g1 base=0 top=2M",
		  RLM_SMC_RMI_RTT_INIT_RIPAS, { G(1), 0, 2 << 20 } },
		{ "rtt_set_ripas rd=g1 rec=g3 base=0x1000 top=0x2000",
		  RLM_SMC_RMI_RTT_SET_RIPAS, { G(1), G(3), 0x1000, 0x2000 } },
		{ "data_create rd=g1 data=g4 ipa=0x1000 src=ns2 flags=1",
		  RLM_SMC_RMI_DATA_CREATE, { G(1), G(4), 0x1000, NS(2), 1 } },
		{ "data_create_unknown rd=g1 data=g4 ipa=0x1000",
		  RLM_SMC_RMI_DATA_CREATE_UNKNOWN, { G(1), G(4), 0x1000 } },
		{ "data_destroy rd=g1 ipa=0x1000",
		  RLM_SMC_RMI_DATA_DESTROY, { G(1), 0x1000 } },
	};
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct rlm_trace_env env;
		struct fake *f = fake_new(&env);
		struct rlm_trace_result res;

		assert_int_equal(run(f, &env, t[i].line, &res), 0);
		assert_int_equal(f->ncalls, 1);
		assert_int_equal(f->calls[0].x[0], t[i].fid);
		for (k = 0; k < 5; k++)
			assert_int_equal(f->calls[0].x[k + 1], t[i].x[k]);
		free(f);
	}
}

static void test_realm_params(void **state)
{
	struct rlm_trace_env env;
	struct fake *f = fake_new(&env);
	struct rlm_trace_result res;
	struct rlm_realm_params p;
	unsigned int i;

	(void)state;
	assert_int_equal(run(f, &env, "realm_create rd=g0 rtt_base=g1\n", &res), 0);
	assert_int_equal(f->calls[0].x[0], RLM_SMC_RMI_REALM_CREATE);
	assert_int_equal(f->calls[0].x[1], G(0));
	assert_int_equal(f->calls[0].x[2], SCRATCH);
	assert_int_equal(rlm_unpack_realm_params(&p, f->ns[NS_N], RLM_GRANULE_SIZE), 0);
	/* the documented defaults */
	assert_int_equal(p.flags, 0);
	assert_int_equal(p.s2sz, 40);
	assert_int_equal(p.sve_vl, 0);
	assert_int_equal(p.num_bps, 1);
	assert_int_equal(p.num_wps, 1);
	assert_int_equal(p.pmu_num_ctrs, 0);
	assert_int_equal(p.hash_algo, RLM_RMI_HASH_SHA_256);
	for (i = 0; i < RLM_RPV_SIZE; i++)
		assert_int_equal(p.rpv[i], 0);
	assert_int_equal(p.vmid, 1);
	assert_int_equal(p.rtt_base, G(1));
	assert_int_equal(p.rtt_level_start, 1);
	assert_int_equal(p.rtt_num_start, 1);

	f->ncalls = 0;
	assert_int_equal(run(f, &env,
		"realm_create rd=g0 rtt_base=g1 lpa2=1 sve=1 pmu=1 s2sz=52 "
		"sve_vl=3 num_bps=6 num_wps=5 pmu_num_ctrs=31 hash=sha512 "
		"rpv=0102030405 vmid=0xffff rtt_level_start=-1 rtt_num_start=16 "
		"flags=0x8\n", &res), 0);
	assert_int_equal(rlm_unpack_realm_params(&p, f->ns[NS_N], RLM_GRANULE_SIZE), 0);
	assert_int_equal(p.flags, 0xf);
	assert_int_equal(p.s2sz, 52);
	assert_int_equal(p.sve_vl, 3);
	assert_int_equal(p.num_bps, 6);
	assert_int_equal(p.num_wps, 5);
	assert_int_equal(p.pmu_num_ctrs, 31);
	assert_int_equal(p.hash_algo, RLM_RMI_HASH_SHA_512);
	assert_int_equal(p.rpv[0], 1);
	assert_int_equal(p.rpv[4], 5);
	assert_int_equal(p.rpv[5], 0);
	assert_int_equal(p.vmid, 0xffff);
	assert_int_equal(p.rtt_level_start, -1);
	assert_int_equal(p.rtt_num_start, 16);

	/* hash=N passes a raw (bad) algorithm byte */
	f->ncalls = 0;
	assert_int_equal(run(f, &env, "realm_create rd=g0 rtt_base=g1 hash=7\n",
			     &res), 0);
	assert_int_equal(f->ns[NS_N][RLM_REALM_PARAMS_HASH_ALGO_OFF], 7);

	/* params=: written at an NS granule, passed raw otherwise */
	f->ncalls = 0;
	assert_int_equal(run(f, &env,
		"realm_create rd=g0 rtt_base=g9 params=ns3\n"
		"realm_create rd=g0 rtt_base=g9 params=ns3|0x10\n"
		"realm_create rd=g0 rtt_base=g9 params=g5\n", &res), 0);
	assert_int_equal(f->calls[0].x[2], NS(3));
	assert_int_equal(rlm_unpack_realm_params(&p, f->ns[3], RLM_GRANULE_SIZE), 0);
	assert_int_equal(p.rtt_base, G(9));
	assert_int_equal(f->calls[1].x[2], NS(3) | 0x10);
	assert_int_equal(f->calls[2].x[2], G(5));
	free(f);
}

static void test_rec_params(void **state)
{
	struct rlm_trace_env env;
	struct fake *f = fake_new(&env);
	struct rlm_trace_result res;
	struct rlm_rec_params p;
	unsigned int i;

	(void)state;
	assert_int_equal(run(f, &env,
		"rec_create rd=g0 rec=g1 mpidr=0x100 pc=0x80000000 "
		"gprs=1,2,0x3 aux=g10..g25\n", &res), 0);
	assert_int_equal(f->calls[0].x[0], RLM_SMC_RMI_REC_CREATE);
	assert_int_equal(f->calls[0].x[1], G(0));
	assert_int_equal(f->calls[0].x[2], G(1));
	assert_int_equal(f->calls[0].x[3], SCRATCH);
	assert_int_equal(rlm_unpack_rec_params(&p, f->ns[NS_N], RLM_GRANULE_SIZE), 0);
	assert_int_equal(p.flags, RLM_REC_PARAMS_FLAG_RUNNABLE);
	assert_int_equal(p.mpidr, 0x100);
	assert_int_equal(p.pc, 0x80000000);
	assert_int_equal(p.gprs[0], 1);
	assert_int_equal(p.gprs[2], 3);
	assert_int_equal(p.gprs[3], 0);
	assert_int_equal(p.num_aux, 16);
	for (i = 0; i < 16; i++)
		assert_int_equal(p.aux[i], G(10 + i));

	f->ncalls = 0;
	assert_int_equal(run(f, &env,
		"rec_create rd=g0 rec=g1 runnable=0 aux=g3,g2,g5..g6,ns1|0x10\n",
		&res), 0);
	assert_int_equal(rlm_unpack_rec_params(&p, f->ns[NS_N], RLM_GRANULE_SIZE), 0);
	assert_int_equal(p.flags, 0);
	assert_int_equal(p.num_aux, 5);
	assert_int_equal(p.aux[0], G(3));
	assert_int_equal(p.aux[1], G(2));
	assert_int_equal(p.aux[2], G(5));
	assert_int_equal(p.aux[3], G(6));
	assert_int_equal(p.aux[4], NS(1) | 0x10);
	assert_int_equal(p.aux[5], 0);

	/* more aux granules than the page holds: count says so */
	f->ncalls = 0;
	assert_int_equal(run(f, &env, "rec_create rd=g0 rec=g1 aux=g10..g29\n",
			     &res), 0);
	assert_int_equal(rlm_unpack_rec_params(&p, f->ns[NS_N], RLM_GRANULE_SIZE), 0);
	assert_int_equal(p.num_aux, 20);
	assert_int_equal(p.aux[15], G(25));
	free(f);
}

static void test_ns_memory(void **state)
{
	struct rlm_trace_env env;
	struct fake *f = fake_new(&env);
	struct rlm_trace_result res;

	(void)state;
	assert_int_equal(run(f, &env,
		"ns_fill ns2 0xab\n"
		"ns_write ns2 off=0x10 hex=deadbeef\n"
		"ns_write ns2 hex=0x0102\n"
		"ns_write ns3 off=4094 hex=ffee\n", &res), 0);
	assert_int_equal(f->ncalls, 0);
	assert_int_equal(res.commands, 0);
	assert_int_equal(f->nout, 0);
	assert_int_equal(f->ns[2][0], 1);
	assert_int_equal(f->ns[2][1], 2);
	assert_int_equal(f->ns[2][2], 0xab);
	assert_int_equal(f->ns[2][0x10], 0xde);
	assert_int_equal(f->ns[2][0x13], 0xef);
	assert_int_equal(f->ns[2][0x14], 0xab);
	assert_int_equal(f->ns[2][4095], 0xab);
	assert_int_equal(f->ns[3][4094], 0xff);
	assert_int_equal(f->ns[3][4095], 0xee);

	/* memory the model does not have: a line-numbered run-time error */
	assert_int_equal(run(f, &env, "version\nns_fill g3 1\n", &res), RLM_ESTATE);
	assert_int_equal(res.error_line, 2);
	assert_int_equal(f->nout, 1);
	free(f);
}

static void test_realm_calls(void **state)
{
	struct rlm_trace_env env;
	struct fake *f = fake_new(&env);
	struct rlm_trace_result res;

	(void)state;
	assert_int_equal(run(f, &env,
		"realm rec=g3 measurement_extend index=1 data=0102030405060708090a\n"
		"realm rec=g3 measurement_extend index=2 size=64 data=ff\n"
		"realm rec=g3 measurement_read index=0\n"
		"realm rec=g3 ipa_state_set base=0x1000 top=0x3000 ripas=ram flags=1\n"
		"realm rec=g3 ipa_state_get base=0 top=0x1000\n"
		"realm rec=g3 psci_cpu_on target_mpidr=1 entry=0x8000\n"
		"realm rec=g3 psci_affinity_info target_mpidr=2 lowest_level=0\n"
		"realm rec=g3 psci_system_off\n"
		"realm rec=g3 attestation_token_init challenge=11223344\n"
		"realm rec=g3 smc fid=0xc4000190 x1=5 x10=6\n"
		"realm rec=g3 realm_config ipa=0x2000\n"
		"realm rec=g3 ipa_state_set base=0 top=0x1000 ripas=empty\n"
		"realm rec=g3 version\n"
		"realm rec=g3 wfi\n"
		"realm rec=g3 wfe\n", &res), 0);
	assert_int_equal(f->nqueued, 15);
	assert_int_equal(f->queued[13].x[0], UINT64_C(0xffff0000f1f10001));
	assert_int_equal(f->queued[14].x[0], UINT64_C(0xffff0000f1f10002));
	assert_int_equal(f->ncalls, 0);
	assert_int_equal(f->queued_rec[0], G(3));
	assert_int_equal(f->queued[0].x[0], RLM_SMC_RSI_MEASUREMENT_EXTEND);
	assert_int_equal(f->queued[0].x[1], 1);
	assert_int_equal(f->queued[0].x[2], 10);       /* size: the data's length */
	assert_int_equal(f->queued[0].x[3], UINT64_C(0x0807060504030201));
	assert_int_equal(f->queued[0].x[4], 0x0a09);
	assert_int_equal(f->queued[0].x[5], 0);
	assert_int_equal(f->queued[1].x[2], 64);
	assert_int_equal(f->queued[1].x[3], 0xff);
	assert_int_equal(f->queued[2].x[0], RLM_SMC_RSI_MEASUREMENT_READ);
	assert_int_equal(f->queued[3].x[0], RLM_SMC_RSI_IPA_STATE_SET);
	assert_int_equal(f->queued[3].x[1], 0x1000);
	assert_int_equal(f->queued[3].x[2], 0x3000);
	assert_int_equal(f->queued[3].x[3], RLM_RIPAS_RAM);
	assert_int_equal(f->queued[3].x[4], 1);
	assert_int_equal(f->queued[4].x[0], RLM_SMC_RSI_IPA_STATE_GET);
	assert_int_equal(f->queued[5].x[0], RLM_PSCI_CPU_ON_AARCH64);
	assert_int_equal(f->queued[5].x[1], 1);
	assert_int_equal(f->queued[5].x[2], 0x8000);
	assert_int_equal(f->queued[6].x[0], RLM_PSCI_AFFINITY_INFO_AARCH64);
	assert_int_equal(f->queued[6].x[1], 2);
	assert_int_equal(f->queued[7].x[0], RLM_PSCI_SYSTEM_OFF);
	assert_int_equal(f->queued[8].x[0], RLM_SMC_RSI_ATTESTATION_TOKEN_INIT);
	assert_int_equal(f->queued[8].x[1], 0x44332211);
	assert_int_equal(f->queued[9].x[0], 0xc4000190);
	assert_int_equal(f->queued[9].x[1], 5);
	assert_int_equal(f->queued[9].x[10], 6);
	assert_int_equal(f->queued[10].x[0], RLM_SMC_RSI_REALM_CONFIG);
	assert_int_equal(f->queued[10].x[1], 0x2000);
	assert_int_equal(f->queued[11].x[3], RLM_RIPAS_EMPTY);
	assert_int_equal(f->queued[12].x[0], RLM_SMC_RSI_ABI_VERSION);
	assert_int_equal(f->queued[12].x[1], RLM_RSI_ABI_VERSION);

	/* the model refuses the queue: a line-numbered run-time error */
	f->queue_fail = 1;
	assert_int_equal(run(f, &env, "\n\nrealm rec=g3 psci_cpu_off\n", &res),
			 RLM_ESTATE);
	assert_int_equal(res.error_line, 3);
	free(f);
}

static void test_host_call_imm(void **state)
{
	struct rlm_trace_env env;
	struct fake *f = fake_new(&env);
	struct rlm_trace_result res;

	(void)state;
	/* imm= needs the REC's realm (learnt from rec_create) and memory
	 * there; without them the call is queued and imm is not written */
	assert_int_equal(run(f, &env, "realm rec=g3 host_call ipa=0x2000 imm=7\n",
			     &res), 0);
	assert_int_equal(f->realm_page[0], 0);
	assert_int_equal(f->nqueued, 1);
	assert_int_equal(run(f, &env,
		"rec_create rd=g1 rec=g3\n"
		"realm rec=g3 host_call ipa=0x2000 imm=0x1234\n", &res), 0);
	assert_int_equal(f->mem_rd, G(1));
	assert_int_equal(f->mem_ipa, 0x2000);
	assert_int_equal(f->realm_page[0], 0x34);
	assert_int_equal(f->realm_page[1], 0x12);
	assert_int_equal(f->queued[1].x[0], RLM_SMC_RSI_HOST_CALL);
	assert_int_equal(f->queued[1].x[1], 0x2000);
	/* no realm memory at that IPA: not written */
	f->realm_page[0] = 0;
	assert_int_equal(run(f, &env, "realm rec=g3 host_call ipa=0x2010 imm=9\n",
			     &res), 0);
	assert_int_equal(f->realm_page[0], 0);
	/* rec_create failed: nothing learnt */
	f->ncalls = 0;
	answer(f, 0, RLM_RMI_ERROR_INPUT, 0, 0, 0, 0);
	f->mem_rd = 0;
	assert_int_equal(run(f, &env,
		"rec_create rd=g2 rec=g4\n"
		"realm rec=g4 host_call ipa=0x2000 imm=1\n", &res), 0);
	assert_int_equal(f->mem_rd, 0);
	/* rec_destroy forgets */
	f->ncalls = 0;
	f->nanswers = 0;
	assert_int_equal(run(f, &env,
		"rec_create rd=g2 rec=g4\n"
		"rec_destroy rec=g4\n"
		"realm rec=g4 host_call ipa=0x2000 imm=1\n", &res), 0);
	assert_int_equal(f->mem_rd, 0);
	free(f);
}

/* ---- Output ------------------------------------------------------------- */

static void test_output(void **state)
{
	struct rlm_trace_env env;
	struct fake *f = fake_new(&env);
	struct rlm_trace_result res;
	static const char *const want[] = {
		"1: version -> RMI_SUCCESS lower=0x10000 higher=0x10000",
		"2: version -> RMI_ERROR_INPUT/0 lower=0x10000 higher=0x10000",
		"3: features -> RMI_SUCCESS value=0x283fc104130",
		"4: rec_aux_count -> RMI_SUCCESS count=0x10",
		"5: rec_aux_count -> RMI_ERROR_INPUT/0",
		"6: rtt_destroy -> RMI_SUCCESS rtt=g5 top=0x0",
		"7: rtt_destroy -> RMI_ERROR_RTT/2 top=0x40000000",
		"8: rtt_fold -> RMI_SUCCESS rtt=g63",
		"9: rtt_fold -> RMI_ERROR_RTT/3",
		"10: data_destroy -> RMI_SUCCESS data=g7 top=0x200000",
		"11: data_destroy -> RMI_ERROR_RTT/255 top=0x1000",
		"12: rtt_unmap_unprotected -> RMI_SUCCESS top=0x8000200000",
		"13: rtt_unmap_unprotected -> RMI_ERROR_RTT/3 top=0x8000002000",
		"14: rtt_init_ripas -> RMI_SUCCESS top=0x3000",
		"15: rtt_set_ripas -> RMI_SUCCESS top=0x4000",
		"16: rtt_set_ripas -> RMI_ERROR_REC/0",
		"17: rtt_read_entry -> RMI_SUCCESS walk_level=0x3 state=ASSIGNED ripas=RAM desc=g5",
		"18: rtt_read_entry -> RMI_SUCCESS walk_level=0x3 state=ASSIGNED ripas=EMPTY desc=ns5|0xd8",
		"19: rtt_read_entry -> RMI_SUCCESS walk_level=0x3 state=ASSIGNED ripas=EMPTY desc=ns6|0x3d8",
		"20: rtt_read_entry -> RMI_SUCCESS walk_level=0x2 state=UNASSIGNED ripas=DESTROYED desc=0x0",
		"21: rtt_read_entry -> RMI_SUCCESS walk_level=0x2 state=TABLE ripas=EMPTY desc=0x400000d8",
		"22: rtt_read_entry -> RMI_SUCCESS walk_level=0xffffffffffffffff state=0x7 ripas=0x9 desc=ns1",
		"23: rtt_read_entry -> RMI_ERROR_INPUT/0",
		"24: rtt_destroy -> RMI_SUCCESS rtt=0x1234 top=0xfffffffffffff000",
		"25: granule_delegate -> RMI_ERROR_GRANULE/7",
		"26: granule_delegate -> RMI_STATUS_0x42/1",
		"27: granule_delegate -> SMC_UNKNOWN",
		"28: measurement -> RMI_SUCCESS value=0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20",
		"29: measurement -> RMI_ERROR_INPUT/0",
		"30: measurement -> RMI_ERROR_INPUT/0",
		"31: realm_create -> RMI_SUCCESS",
		"32: rtt_destroy -> RMI_ERROR_INPUT/0",
	};
	const char *trace =
		"version\nversion req=0x20000\nfeatures index=0\n"
		"rec_aux_count rd=g0\nrec_aux_count rd=g1\n"
		"rtt_destroy rd=g0 ipa=0 level=3\nrtt_destroy rd=g0 ipa=0 level=3\n"
		"rtt_fold rd=g0 ipa=0 level=3\nrtt_fold rd=g0 ipa=0 level=3\n"
		"data_destroy rd=g0 ipa=0x1000\ndata_destroy rd=g0 ipa=0x1000\n"
		"rtt_unmap_unprotected rd=g0 ipa=0x8000001000 level=3\n"
		"rtt_unmap_unprotected rd=g0 ipa=0x8000001000 level=3\n"
		"rtt_init_ripas rd=g0 base=0x2000 top=0x3000\n"
		"rtt_set_ripas rd=g0 rec=g1 base=0x3000 top=0x4000\n"
		"rtt_set_ripas rd=g0 rec=g1 base=0x3000 top=0x4000\n"
		"rtt_read_entry rd=g0 ipa=0 level=3\nrtt_read_entry rd=g0 ipa=0 level=3\n"
		"rtt_read_entry rd=g0 ipa=0 level=3\nrtt_read_entry rd=g0 ipa=0 level=3\n"
		"rtt_read_entry rd=g0 ipa=0 level=3\nrtt_read_entry rd=g0 ipa=0 level=3\n"
		"rtt_read_entry rd=g0 ipa=0 level=3\n"
		"rtt_destroy rd=g0 ipa=0 level=3\n"
		"granule_delegate addr=g1\ngranule_delegate addr=g1\n"
		"granule_delegate addr=g1\n"
		"measurement rd=g0 index=1\nmeasurement rd=g0 index=5\n"
		"measurement rd=g1 index=0\n"
		"realm_create rd=g0 rtt_base=g1\n"
		"rtt_destroy rd=g0 ipa=0 level=3\n";
	unsigned int i = 0, n = 0;

	(void)state;
	answer(f, i++, 0, 0x10000, 0x10000, 0, 0);
	answer(f, i++, 1, 0x10000, 0x10000, 0, 0);
	answer(f, i++, 0, UINT64_C(0x283fc104130), 0, 0, 0);
	answer(f, i++, 0, 16, 0, 0, 0);
	answer(f, i++, 1, 16, 0, 0, 0);
	answer(f, i++, 0, G(5), 0, 0, 0);
	answer(f, i++, RLM_RMI_RETURN(4, 2), G(5), 0x40000000, 0, 0);
	answer(f, i++, 0, G(63), 0, 0, 0);
	answer(f, i++, RLM_RMI_RETURN(4, 3), G(63), 0, 0, 0);
	answer(f, i++, 0, G(7), 0x200000, 0, 0);
	answer(f, i++, RLM_RMI_RETURN(4, 255), G(7), 0x1000, 0, 0);
	answer(f, i++, 0, UINT64_C(0x8000200000), 0, 0, 0);
	answer(f, i++, RLM_RMI_RETURN(4, 3), UINT64_C(0x8000002000), 0, 0, 0);
	answer(f, i++, 0, 0x3000, 0, 0, 0);
	answer(f, i++, 0, 0x4000, 0, 0, 0);
	answer(f, i++, 3, 0x4000, 0, 0, 0);
	answer(f, i++, 0, 3, RLM_RMI_ASSIGNED, G(5), RLM_RIPAS_RAM);
	answer(f, i++, 0, 3, RLM_RMI_ASSIGNED, NS(5) | 0xd8, 0);
	answer(f, i++, 0, 3, RLM_RMI_ASSIGNED, NS(6) | 0x3d8, 0);
	answer(f, i++, 0, 2, RLM_RMI_UNASSIGNED, 0, RLM_RIPAS_DESTROYED);
	answer(f, i++, 0, 2, RLM_RMI_TABLE, 0x400000d8, 0);
	answer(f, i++, 0, UINT64_MAX, 7, NS(1), 9);
	answer(f, i++, 1, 3, 1, 1, 1);
	answer(f, i++, 0, 0x1234, UINT64_C(0xfffffffffffff000), 0, 0);
	answer(f, i++, RLM_RMI_RETURN(RLM_RMI_ERROR_GRANULE, 7), 0, 0, 0, 0);
	answer(f, i++, RLM_RMI_RETURN(0x42, 1), 0, 0, 0, 0);
	answer(f, i++, RLM_SMCCC_NOT_SUPPORTED, 0, 0, 0, 0);
	answer(f, i++, 0, 0, 0, 0, 0);              /* realm_create */
	answer(f, i++, 1, G(5), 0x1000, 0, 0);      /* rtt_destroy, INPUT */
	assert_int_equal(run(f, &env, trace, &res), 0);
	assert_int_equal(f->nout, sizeof(want) / sizeof(want[0]));
	for (n = 0; n < f->nout; n++)
		assert_string_equal(f->out[n], want[n]);
	assert_int_equal(res.commands, f->nout);
	free(f);
}

static void test_rec_exit_output(void **state)
{
	static const struct {
		struct rlm_rec_exit x;
		const char *want;
	} t[] = {
		{ { .exit_reason = RLM_RMI_EXIT_IRQ, .esr = 5 },
		  "1: rec_enter -> RMI_SUCCESS exit=IRQ" },
		{ { .exit_reason = RLM_RMI_EXIT_FIQ },
		  "1: rec_enter -> RMI_SUCCESS exit=FIQ" },
		{ { .exit_reason = RLM_RMI_EXIT_SYNC, .esr = 0x5a000000,
		    .far = 0x1000, .hpfar = 0x10 },
		  "1: rec_enter -> RMI_SUCCESS exit=SYNC esr=0x5a000000 far=0x1000 hpfar=0x10" },
		{ { .exit_reason = RLM_RMI_EXIT_SERROR, .esr = 1 },
		  "1: rec_enter -> RMI_SUCCESS exit=SERROR esr=0x1 far=0x0 hpfar=0x0" },
		{ { .exit_reason = RLM_RMI_EXIT_PSCI,
		    .gprs = { 0xc4000003, 1, 0x8000, 0, 9 } },
		  "1: rec_enter -> RMI_SUCCESS exit=PSCI gpr0=0xc4000003 gpr1=0x1 gpr2=0x8000 gpr3=0x0" },
		{ { .exit_reason = RLM_RMI_EXIT_RIPAS_CHANGE, .ripas_base = 0x1000,
		    .ripas_top = 0x200000, .ripas_value = RLM_RIPAS_RAM },
		  "1: rec_enter -> RMI_SUCCESS exit=RIPAS_CHANGE ripas_base=0x1000 ripas_top=0x200000 ripas_value=RAM" },
		{ { .exit_reason = RLM_RMI_EXIT_RIPAS_CHANGE,
		    .ripas_value = RLM_RIPAS_EMPTY },
		  "1: rec_enter -> RMI_SUCCESS exit=RIPAS_CHANGE ripas_base=0x0 ripas_top=0x0 ripas_value=EMPTY" },
		{ { .exit_reason = RLM_RMI_EXIT_HOST_CALL, .imm = 0xbeef },
		  "1: rec_enter -> RMI_SUCCESS exit=HOST_CALL imm=0xbeef" },
		{ { .exit_reason = 0x17 },
		  "1: rec_enter -> RMI_SUCCESS exit=0x17" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct rlm_trace_env env;
		struct fake *f = fake_new(&env);
		struct rlm_trace_result res;

		assert_int_equal(rlm_pack_rec_exit(&t[i].x, f->exit_page,
						   sizeof(f->exit_page)), 0);
		f->write_exit = true;
		assert_int_equal(run(f, &env, "rec_enter rec=g3 run=ns4\n", &res), 0);
		assert_int_equal(f->nout, 1);
		assert_string_equal(f->out[0], t[i].want);
		free(f);
	}
	/* failure: no exit fields; run page the runner cannot read */
	{
		struct rlm_trace_env env;
		struct fake *f = fake_new(&env);
		struct rlm_trace_result res;

		answer(f, 0, RLM_RMI_RETURN(RLM_RMI_ERROR_REALM, 1), 0, 0, 0, 0);
		assert_int_equal(run(f, &env, "rec_enter rec=g3 run=ns4\n"
				     "rec_enter rec=g3 run=g4\n", &res),
				 RLM_ESTATE);
		assert_string_equal(f->out[0], "1: rec_enter -> RMI_ERROR_REALM/1");
		assert_int_equal(res.error_line, 2);
		free(f);
	}
}

static void test_expectations(void **state)
{
	struct rlm_trace_env env;
	struct fake *f = fake_new(&env);
	struct rlm_trace_result res;

	(void)state;
	answer(f, 0, 0, 0, 0, 0, 0);
	answer(f, 1, RLM_RMI_RETURN(4, 2), 0, 0, 0, 0);
	answer(f, 2, RLM_RMI_RETURN(4, 2), 0, 0, 0, 0);
	answer(f, 3, RLM_RMI_RETURN(4, 2), 0, 0, 0, 0);
	answer(f, 4, RLM_RMI_RETURN(4, 2), 0, 0, 0, 0);
	assert_int_equal(run(f, &env,
		"granule_delegate addr=g1 => RMI_SUCCESS\n"
		"granule_delegate addr=g1 => RMI_ERROR_RTT\n"
		"granule_delegate addr=g1 => RMI_ERROR_RTT/2   # comment\n"
		"granule_delegate addr=g1\t=>\tRMI_ERROR_RTT/3\n"
		"granule_delegate addr=g1 => RMI_ERROR_INPUT\r\n", &res),
		RLM_EMISMATCH);
	assert_int_equal(res.expected, 5);
	assert_int_equal(res.failed, 2);
	assert_string_equal(f->out[0], "1: granule_delegate -> RMI_SUCCESS");
	assert_string_equal(f->out[1], "2: granule_delegate -> RMI_ERROR_RTT/2");
	assert_string_equal(f->out[2], "3: granule_delegate -> RMI_ERROR_RTT/2");
	assert_string_equal(f->out[3],
		"4: granule_delegate -> RMI_ERROR_RTT/2 EXPECTATION FAILED");
	assert_string_equal(f->out[4],
		"5: granule_delegate -> RMI_ERROR_RTT/2 EXPECTATION FAILED");

	/* SMC_UNKNOWN and the measurement introspection can be expected */
	f->ncalls = 0;
	f->nout = 0;
	answer(f, 0, RLM_SMCCC_NOT_SUPPORTED, 0, 0, 0, 0);
	assert_int_equal(run(f, &env,
		"granule_delegate addr=g1 => SMC_UNKNOWN\n"
		"measurement rd=g1 index=0 => RMI_ERROR_INPUT/0\n"
		"measurement rd=g0 index=0 => RMI_SUCCESS\n", &res), 0);
	assert_int_equal(res.failed, 0);
	free(f);
}

/* ---- Malformed traces ----------------------------------------------------- */

static void test_malformed(void **state)
{
	static const struct {
		const char *trace;
		unsigned int line;
		const char *msg;
	} t[] = {
		{ "version\nfoo\n", 2, "unknown command 'foo'" },
		{ "granule_delegate addr=g0 size=1", 1, "unknown key 'size'" },
		{ "granule_delegate", 1, "missing required key 'addr'" },
		{ "granule_delegate addr=g0 addr=g1", 1, "duplicate key 'addr'" },
		{ "granule_delegate addr=", 1, "bad value for addr" },
		{ "granule_delegate addr=gq", 1, "bad value for addr" },
		{ "granule_delegate addr=g", 1, "bad value for addr" },
		{ "granule_delegate addr=0x", 1, "bad value for addr" },
		{ "granule_delegate addr=12Q", 1, "bad value for addr" },
		{ "granule_delegate addr=1|", 1, "bad value for addr" },
		{ "granule_delegate addr=|1", 1, "bad value for addr" },
		{ "granule_delegate addr=--1", 1, "bad value for addr" },
		{ "granule_delegate addr=-", 1, "bad value for addr" },
		{ "granule_delegate addr=-g1", 1, "bad value for addr" },
		{ "granule_delegate addr=g64", 1, "value out of range for addr" },
		{ "granule_delegate addr=ns8", 1, "value out of range for addr" },
		{ "granule_delegate addr=g99999999999999999999", 1, "value out of range" },
		{ "granule_delegate addr=18446744073709551616", 1, "value out of range" },
		{ "granule_delegate addr=0x10000000000000000", 1, "value out of range" },
		{ "granule_delegate addr=17179869184G", 1, "value out of range" },
		{ "granule_delegate addr=-9223372036854775809", 1, "value out of range" },
		{ "realm_create rd=g0 rtt_base=g1 sve=2", 1, "value out of range for sve" },
		{ "realm_create rd=g0 rtt_base=g1 s2sz=0x100000000", 1, "value out of range for s2sz" },
		{ "realm_create rd=g0 rtt_base=g1 hash=256", 1, "value out of range for hash" },
		{ "realm_create rd=g0 rtt_base=g1 hash=sha384", 1, "bad value for hash" },
		{ "realm_create rd=g0 rtt_base=g1 rpv=0x", 1, "bad value for rpv" },
		{ "realm_create rd=g0 rtt_base=g1 rpv=abc", 1, "bad value for rpv" },
		{ "realm_create rd=g0 rtt_base=g1 rpv=zz", 1, "bad value for rpv" },
		{ "realm_create rd=g0 rpv=00", 1, "missing required key 'rtt_base'" },
		{ "rec_create rd=g0 rec=g1 aux=g1..", 1, "bad value for aux" },
		{ "rec_create rd=g0 rec=g1 aux=g2..g1", 1, "bad value for aux" },
		{ "rec_create rd=g0 rec=g1 aux=g1..g1|1", 1, "bad value for aux" },
		{ "rec_create rd=g0 rec=g1 aux=g1,,g2", 1, "bad value for aux" },
		{ "rec_create rd=g0 rec=g1 aux=g0..g63,g1", 1, "value out of range for aux" },
		{ "rec_create rd=g0 rec=g1 gprs=1..2", 1, "bad value for gprs" },
		{ "rec_create rd=g0 rec=g1 gprs=1,2,3,4,5,6,7,8,9", 1, "value out of range for gprs" },
		{ "version => RMI_SUCCESS extra", 1, "garbage after expectation 'extra'" },
		{ "version =>", 1, "missing status after =>" },
		{ "version => RMI_NOPE", 1, "unknown status 'RMI_NOPE'" },
		{ "version => RMI_ERROR_RTT/", 1, "bad expected index" },
		{ "version => RMI_ERROR_RTT/256", 1, "bad expected index" },
		{ "version => RMI_ERROR_RTT/x", 1, "bad expected index" },
		{ "=> RMI_SUCCESS", 1, "expectation without a command" },
		{ "ns_fill ns1", 1, "ns_fill needs an address and a byte" },
		{ "ns_fill ns1 1 2", 1, "too many values" },
		{ "ns_fill ns1 256", 1, "ns_fill byte out of range" },
		{ "ns_fill ns1|1 0", 1, "not granule aligned" },
		{ "ns_fill ns9 0", 1, "value out of range" },
		{ "ns_fill nsx 0", 1, "bad value" },
		{ "ns_write ns1 off=0", 1, "missing required key 'hex'" },
		{ "ns_write off=0 hex=00", 1, "ns_write needs an address" },
		{ "ns_write ns1 off=4096 hex=00", 1, "past the granule" },
		{ "ns_write ns1 off=4095 hex=0000", 1, "past the granule" },
		{ "ns_write ns1 off=-1 hex=00", 1, "past the granule" },
		{ "ns_write ns1 hex=00 => RMI_SUCCESS", 1, "no result to expect" },
		{ "realm rec=g1", 1, "realm line without a call" },
		{ "realm psci_cpu_off", 1, "missing required key 'rec'" },
		{ "realm rec=g1 jump", 1, "unknown realm call 'jump'" },
		{ "realm rec=g1 wfi x1=1", 1, "unknown key 'x1'" },
		{ "realm rec=g1 psci_cpu_off psci_cpu_off", 1, "second realm call" },
		{ "realm rec=g1 psci_cpu_on entry=1", 1, "missing required key 'target_mpidr'" },
		{ "realm rec=g1 psci_cpu_on target_mpidr=1 entry=1 bogus=1", 1, "unknown key 'bogus'" },
		{ "realm rec=g1 ipa_state_set base=0 top=1 ripas=maybe", 1, "bad value for ripas" },
		{ "realm rec=g1 measurement_extend index=1 data=" \
		  "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000ff",
		  1, "value out of range for data" },
		{ "realm rec=g1 => RMI_SUCCESS", 1, "no result to expect" },
		{ "granule_delegate g0", 1, "expected key=value" },
		{ "granule_delegate =g0", 1, "expected key=value" },
		{ "granule_delegate ADDR=g0", 1, "bad key 'ADDR'" },
		{ "granule_delegate addr=g0\x01", 1, "invalid character" },
		{ "granule_delegate addr=g0\xc3\xa9", 1, "invalid character" },
		{ "VERSION", 1, "unknown command" },
		{ "\n\n\n   version extra", 4, "expected key=value" },
		/* the one scan of a line: "=>" ends a token, the first one only */
		{ "granule_delegate addr=>RMI_SUCCESS", 1, "expected key=value, got 'addr'" },
		{ "version => RMI_SUCCESS => RMI_SUCCESS", 1, "garbage after expectation '=>'" },
		{ "version => RMI_SUCCESS\x01 # ok", 1, "invalid character" },
		{ "version req=1 => RMI_NOPE x\x7f", 1, "invalid character" },
		{ "version\t=>\tRMI_SUCCESS\tx", 1, "garbage after expectation 'x'" },
		{ "version req=1=2", 1, "bad value for req" },
		/* more tokens than a line can use: the first one too many */
		{ "realm_create rd=g0 rtt_base=g1 lpa2=0 sve=0 pmu=0 s2sz=40 sve_vl=0 "
		  "num_bps=1 num_wps=1 pmu_num_ctrs=0 hash=sha256 rpv=00 vmid=1 "
		  "rtt_level_start=1 rtt_num_start=1 flags=0 params=0 a=1 b=1 c=1 d=1 "
		  "e=1 f=1 g=1 h=1 i=1 j=1 k=1 l=1 m=1 n=1 o=1 p=1 q=1 r=1 s=1",
		  1, "unknown key 'a'" },
		{ "granule_delegate addr=g0 addr=g0 addr=g0 addr=g0 addr=g0 addr=g0 "
		  "addr=g0 addr=g0 addr=g0 addr=g0 addr=g0 addr=g0 addr=g0 addr=g0 "
		  "addr=g0 addr=g0 addr=g0 addr=g0 addr=g0 addr=g0 addr=g0 addr=g0 "
		  "addr=g0 addr=g0 addr=g0 addr=g0 addr=g0 addr=g0 addr=g0 addr=g0 "
		  "addr=g0 addr=g0 addr=g0 addr=g0", 1, "duplicate key 'addr'" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct rlm_trace_env env;
		struct fake *f = fake_new(&env);
		struct rlm_trace_result res;
		int err;

		err = run(f, &env, t[i].trace, &res);
		if (err != RLM_EMALFORMED || res.error_line != t[i].line ||
		    !strstr(res.error, t[i].msg))
			fail_msg("case %zu '%s': err %d line %u msg '%s'", i,
				 t[i].trace, err, res.error_line, res.error);
		/* nothing ran, nothing printed */
		assert_int_equal(f->ncalls, 0);
		assert_int_equal(f->nout, 0);
		assert_int_equal(f->nqueued, 0);
		/* the same verdict from the parse-only entry point */
		assert_int_equal(rlm_trace_check(t[i].trace, strlen(t[i].trace),
						 &env, &res), RLM_EMALFORMED);
		assert_int_equal(res.error_line, t[i].line);
		free(f);
	}
}

static void test_long_lines(void **state)
{
	struct rlm_trace_env env;
	struct fake *f = fake_new(&env);
	struct rlm_trace_result res;
	size_t n = RLM_TRACE_MAX_LINE + 100;
	char *t = malloc(n + 1);
	char *hex = malloc(2 * 4096 + 64);

	(void)state;
	assert_non_null(t);
	assert_non_null(hex);
	/* a whole-granule ns_write fits in a line */
	memset(hex, 'a', 2 * 4096);
	hex[2 * 4096] = 0;
	snprintf(t, n, "ns_write ns1 off=0 hex=%s\n", hex);
	assert_int_equal(run(f, &env, t, &res), 0);
	assert_int_equal(f->ns[1][4095], 0xaa);
	/* one byte more than the limit */
	memset(t, ' ', RLM_TRACE_MAX_LINE + 1);
	memcpy(t, "version", 7);
	t[RLM_TRACE_MAX_LINE + 1] = '\n';
	t[RLM_TRACE_MAX_LINE + 2] = 0;
	assert_int_equal(run(f, &env, t, &res), RLM_EMALFORMED);
	assert_int_equal(res.error_line, 1);
	assert_non_null(strstr(res.error, "line too long"));
	/* exactly the limit is fine */
	t[RLM_TRACE_MAX_LINE] = '\n';
	t[RLM_TRACE_MAX_LINE + 1] = 0;
	assert_int_equal(run(f, &env, t, &res), 0);
	free(t);
	free(hex);
	free(f);
}

/*
 * The parsed trace is kept as records in 256 KiB chunks: a trace whose
 * records fill several chunks (ns_write of whole granules, 4 KiB each)
 * runs every line in order with its own values, and "=>" glued to a token
 * still ends it.
 */
static void test_records(void **state)
{
	struct rlm_trace_env env;
	struct fake *f = fake_new(&env);
	struct rlm_trace_result res;
	size_t cap = 200 * (2 * 4096 + 64) + 256, n = 0;
	char *t = malloc(cap);
	unsigned int i, j;

	(void)state;
	assert_non_null(t);
	for (i = 0; i < 200; i++) {
		n += (size_t)snprintf(t + n, cap - n, "ns_write ns%u hex=", i % NS_N);
		for (j = 0; j < 4096; j++)
			n += (size_t)snprintf(t + n, cap - n, "%02x",
					      (unsigned int)((i + j) & 0xff));
		t[n++] = '\n';
	}
	n += (size_t)snprintf(t + n, cap - n,
			      "version=>RMI_SUCCESS\nversion req=0x20000 =>RMI_ERROR_INPUT/3\n");
	answer(f, 1, RLM_RMI_ERROR_INPUT | (3 << 8), 0, 0, 0, 0);
	assert_int_equal(run(f, &env, t, &res), 0);
	assert_int_equal(res.lines, 202);
	assert_int_equal(res.commands, 2);
	assert_int_equal(res.expected, 2);
	assert_int_equal(f->nout, 2);
	assert_string_equal(f->out[0], "201: version -> RMI_SUCCESS lower=0x0 higher=0x0");
	assert_string_equal(f->out[1], "202: version -> RMI_ERROR_INPUT/3 lower=0x0 higher=0x0");
	assert_int_equal(f->calls[1].x[1], 0x20000);
	/* each ns granule holds the last of its writes: line 193 + k */
	for (i = 0; i < NS_N; i++)
		for (j = 0; j < 4096; j += 1021)
			assert_int_equal(f->ns[(192 + i) % NS_N][j],
					 (192 + i + j) & 0xff);
	/* the same text checks, and a record store that is not kept */
	assert_int_equal(rlm_trace_check(t, n, &env, &res), 0);
	assert_int_equal(res.lines, 202);
	free(t);
	free(f);
}

/* ---- Robustness ----------------------------------------------------------- */

static void test_edges(void **state)
{
	struct rlm_trace_env env;
	struct fake *f = fake_new(&env);
	struct rlm_trace_result res;
	struct rlm_trace_env bad;
	unsigned int i;

	(void)state;
	assert_int_equal(rlm_trace_run("", 0, &env, print_cb, f, &res), 0);
	assert_int_equal(res.lines, 0);
	assert_int_equal(rlm_trace_run(NULL, 0, &env, print_cb, f, &res), 0);
	assert_int_equal(rlm_trace_run(NULL, 5, &env, print_cb, f, &res), RLM_EINVAL);
	assert_int_equal(rlm_trace_run("version", 7, NULL, print_cb, f, &res), RLM_EINVAL);
	assert_int_equal(rlm_trace_run("version", 7, &env, print_cb, f, NULL), RLM_EINVAL);
	assert_int_equal(rlm_trace_check("version", 7, NULL, NULL), RLM_EINVAL);
	assert_int_equal(rlm_trace_check(NULL, 1, NULL, &res), RLM_EINVAL);
	bad = env;
	bad.rmi.ops = NULL;
	assert_int_equal(rlm_trace_run("version", 7, &bad, print_cb, f, &res), RLM_EINVAL);
	bad = env;
	bad.ns_ptr = NULL;
	assert_int_equal(rlm_trace_run("version", 7, &bad, print_cb, f, &res), RLM_EINVAL);
	/* no print callback: runs silently */
	assert_int_equal(rlm_trace_run("version\n", 8, &env, NULL, NULL, &res), 0);
	assert_int_equal(res.commands, 1);
	/* the spec's minimum pools without an env */
	assert_int_equal(rlm_trace_check("granule_delegate addr=g16383", 28, NULL, &res), 0);
	assert_int_equal(rlm_trace_check("granule_delegate addr=g16384", 28, NULL, &res),
			 RLM_EMALFORMED);
	assert_int_equal(rlm_trace_check("ns_fill ns1023 0", 16, NULL, &res), 0);
	assert_int_equal(rlm_trace_check("ns_fill ns1024 0", 16, NULL, &res), RLM_EMALFORMED);
	/* no final newline; CRLF; a comment with => in it; blank lines */
	f->ncalls = 0;
	f->nout = 0;
	assert_int_equal(run(f, &env, "# => nothing\r\n\r\n  \t\nversion # x => y\r\nversion", &res), 0);
	assert_int_equal(f->nout, 2);
	assert_string_equal(f->out[0], "4: version -> RMI_SUCCESS lower=0x0 higher=0x0");
	assert_string_equal(f->out[1], "5: version -> RMI_SUCCESS lower=0x0 higher=0x0");
	/* the conduit fails: line-numbered, stops */
	f->conduit_fail = 1;
	assert_int_equal(run(f, &env, "version\nversion\n", &res), RLM_ECONDUIT);
	assert_int_equal(res.error_line, 1);
	f->conduit_fail = 0;
	/* the model cannot map the parameter page */
	f->no_ns = true;
	assert_int_equal(run(f, &env, "realm_create rd=g0 rtt_base=g1", &res), RLM_ESTATE);
	f->no_ns = false;
	/* no measurement hook */
	bad = env;
	bad.measurement = NULL;
	assert_int_equal(rlm_trace_run("measurement rd=g0 index=0", 25, &bad,
				       print_cb, f, &res), RLM_ESTATE);
	/* no queue hook */
	bad = env;
	bad.realm_queue = NULL;
	assert_int_equal(rlm_trace_run("realm rec=g1 psci_cpu_off", 25, &bad,
				       print_cb, f, &res), RLM_ESTATE);
	assert_string_equal(rlm_trace_status_name(4), "RMI_ERROR_RTT");
	assert_string_equal(rlm_trace_status_name(16), "RMI_ERROR_GRANULE");
	/* one behaviour with rlm_rmi_status_name: never NULL */
	assert_string_equal(rlm_trace_status_name(17), "RMI_STATUS_UNKNOWN");
	assert_string_equal(rlm_trace_status_name(~0u), "RMI_STATUS_UNKNOWN");
	for (i = 0; i <= RLM_RMI_STATUS_LAST + 1; i++)
		assert_ptr_equal(rlm_trace_status_name(i), rlm_rmi_status_name(i));
	free(f);
}

/* Random mutations of a valid trace: never a crash, never a read past the
 * end (ASan), always 0, EMISMATCH, EMALFORMED or ESTATE. */
static void test_mutations(void **state)
{
	static const char base[] =
		"granule_delegate addr=g0 => RMI_SUCCESS\n"
		"realm_create rd=g0 rtt_base=g1 s2sz=40 rtt_num_start=2 rpv=0102 hash=sha512\n"
		"rec_create rd=g0 rec=g2 aux=g3..g18 gprs=1,2 mpidr=0x100\n"
		"ns_write ns1 off=0x10 hex=deadbeef\nns_fill ns2 0xab\n"
		"realm rec=g2 measurement_extend index=1 data=0102\n"
		"rec_enter rec=g2 run=ns3 => RMI_ERROR_REC/0\n"
		"rtt_read_entry rd=g0 ipa=0x1000 level=-1 # c\n"
		"measurement rd=g0 index=0\n";
	static const char alphabet[] = "gns0x19=|.,-# \n\t=>RMI_SUCCESSKMGrdab\r";
	uint32_t seed = 12345;
	unsigned int it;
	size_t n = sizeof(base) - 1;
	char *buf = malloc(n + 64);

	(void)state;
	assert_non_null(buf);
	for (it = 0; it < 20000; it++) {
		struct rlm_trace_env env;
		struct fake *f = fake_new(&env);
		struct rlm_trace_result res;
		size_t len = n, k, muts;
		char *exact;
		int err;

		memcpy(buf, base, n);
		seed = seed * 1103515245 + 12345;
		muts = 1 + (seed >> 16) % 4;
		for (k = 0; k < muts; k++) {
			size_t pos;

			seed = seed * 1103515245 + 12345;
			pos = (seed >> 8) % len;
			switch ((seed >> 4) % 4) {
			case 0: /* replace */
				buf[pos] = alphabet[(seed >> 20) % (sizeof(alphabet) - 1)];
				break;
			case 1: /* delete */
				memmove(buf + pos, buf + pos + 1, len - pos - 1);
				len--;
				break;
			case 2: /* random byte */
				buf[pos] = (char)(seed >> 24);
				break;
			default: /* truncate */
				len = pos;
				break;
			}
			if (!len)
				break;
		}
		exact = malloc(len ? len : 1);
		assert_non_null(exact);
		memcpy(exact, buf, len);
		err = rlm_trace_run(exact, len, &env, print_cb, f, &res);
		assert_true(err == 0 || err == RLM_EMISMATCH ||
			    err == RLM_EMALFORMED || err == RLM_ESTATE);
		if (err == RLM_EMALFORMED) {
			assert_true(res.error_line >= 1);
			assert_int_equal(f->ncalls, 0);
		}
		free(exact);
		free(f);
	}
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_forms),
		cmocka_unit_test(test_registers),
		cmocka_unit_test(test_realm_params),
		cmocka_unit_test(test_rec_params),
		cmocka_unit_test(test_ns_memory),
		cmocka_unit_test(test_realm_calls),
		cmocka_unit_test(test_host_call_imm),
		cmocka_unit_test(test_output),
		cmocka_unit_test(test_rec_exit_output),
		cmocka_unit_test(test_expectations),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_long_lines),
		cmocka_unit_test(test_records),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_mutations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
