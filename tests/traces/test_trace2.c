/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RMI trace runner under RMM 2.0 (docs/rmi-trace.md "RMM 2.0") against
 * a scripted fake RMM: every register of every call the runner makes is
 * checked (all 18), answers come from a script, host memory is an array.
 * Every 2.0 line type, the INCOMPLETE fields, address lists, the rmm
 * directive, malformed 2.0 lines, and 1.0 unchanged next to them.
 */
#include "test_util.h"

#include <realm/abi.h>
#include <realm/abi2.h>
#include <realm/error.h>
#include <realm/pack2.h>
#include <realm/rmi2.h>
#include <realm/trace.h>
#include <abi/call.h>
#include <core/bytes.h>

#define POOL_BASE UINT64_C(0x1000000000)
#define POOL_N 64
#define NS_BASE UINT64_C(0x2000000000)
#define NS_N 8
#define SCRATCH (NS_BASE + NS_N * RLM_GRANULE_SIZE)
#define LIST (SCRATCH + RLM_GRANULE_SIZE)
#define G(n) (POOL_BASE + (uint64_t)(n) * RLM_GRANULE_SIZE)
#define NS(n) (NS_BASE + (uint64_t)(n) * RLM_GRANULE_SIZE)

#define MAX_CALLS 32
#define MAX_OUT 32

struct fake {
	uint8_t ns[NS_N + 2][RLM_GRANULE_SIZE]; /* + scratch, list pages */
	struct rlm_smc_regs calls[MAX_CALLS];   /* what the runner sent */
	unsigned int ncalls;
	struct rlm_smc_regs answers[MAX_CALLS]; /* scripted results */
	unsigned int nanswers;
	/* at call number write_at, copy write[0..write_len) to write_pa
	 * before answering (the RMM writing a page: exit, list, config) */
	unsigned int write_at;
	uint64_t write_pa;
	uint8_t write[RLM_GRANULE_SIZE];
	size_t write_len;
	/* copies of the scratch and list pages as the RMM saw them */
	uint8_t seen[MAX_CALLS][RLM_GRANULE_SIZE];
	uint8_t seenl[MAX_CALLS][RLM_GRANULE_SIZE];
	char out[MAX_OUT][RLM_TRACE_MAX_OUT];
	unsigned int nout;
	uint8_t realm_page[16];
	size_t realm_len;
	unsigned int nqueued;
	uint32_t rnd;           /* nonzero: random answers (mutation test) */
};

static uint32_t next_rnd(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

static void *fake_realm_mem(void *ctx, uint64_t rd, uint64_t ipa, size_t len)
{
	struct fake *f = ctx;

	if (rd != G(0) || ipa != 0x1000 || len > sizeof(f->realm_page))
		return NULL;
	f->realm_len = len;
	return f->realm_page;
}

static int fake_queue(void *ctx, uint64_t rec, const struct rlm_smc_regs *call)
{
	struct fake *f = ctx;

	(void)rec;
	(void)call;
	f->nqueued++;
	return 0;
}

static void *fake_ns_ptr(void *ctx, uint64_t pa, size_t len)
{
	struct fake *f = ctx;
	uint64_t off;

	if (pa < NS_BASE)
		return NULL;
	off = pa - NS_BASE;
	if (off >= (NS_N + 2) * RLM_GRANULE_SIZE ||
	    len > (NS_N + 2) * RLM_GRANULE_SIZE - off)
		return NULL;
	return &f->ns[0][0] + off;
}

static int fake_call(void *ctx, struct rlm_smc_regs *r)
{
	struct fake *f = ctx;
	unsigned int i = f->ncalls;

	assert_true(i < MAX_CALLS);
	f->calls[i] = *r;
	memcpy(f->seen[i], f->ns[NS_N], RLM_GRANULE_SIZE);
	memcpy(f->seenl[i], f->ns[NS_N + 1], RLM_GRANULE_SIZE);
	f->ncalls++;
	if (f->write_len && f->write_at == i) {
		uint8_t *p = fake_ns_ptr(f, f->write_pa, f->write_len);

		assert_non_null(p);
		memcpy(p, f->write, f->write_len);
	}
	if (f->rnd) {
		/* any status, INCOMPLETE with any request and donation,
		 * anything in the list page the runner reads back */
		static const uint64_t x0s[] = { 0, 1, 4, 0x104, 0xd, 0x10d,
						0x20d, 0x50d, 0x30d, 0xff,
						RLM_SMCCC_NOT_SUPPORTED };
		unsigned int k;

		memset(r, 0, sizeof(*r));
		r->x[0] = x0s[next_rnd(&f->rnd) % (sizeof(x0s) / sizeof(x0s[0]))];
		for (k = 1; k < 5; k++)
			r->x[k] = (uint64_t)next_rnd(&f->rnd) << 32 |
				  next_rnd(&f->rnd);
		if (next_rnd(&f->rnd) & 1)
			r->x[1] = G(next_rnd(&f->rnd) % 80) |
				  (next_rnd(&f->rnd) & 0xfff);
		for (k = 0; k < 64; k++)
			f->ns[NS_N + 1][next_rnd(&f->rnd) % RLM_GRANULE_SIZE] =
				(uint8_t)next_rnd(&f->rnd);
		return 0;
	}
	if (i < f->nanswers)
		*r = f->answers[i];
	else
		memset(r, 0, sizeof(*r));
	return 0;
}

static const struct rlm_conduit_ops fake_ops = {
	.name = "fake2",
	.call = fake_call,
	.ns_map = NULL,
};

static void print_cb(void *arg, const char *line, size_t len)
{
	struct fake *f = arg;

	assert_int_equal(strlen(line), len);
	assert_true(f->nout < MAX_OUT);
	snprintf(f->out[f->nout++], RLM_TRACE_MAX_OUT, "%s", line);
}

static struct fake *fake_new(struct rlm_trace_env *env, enum rlm_rmi_abi abi)
{
	struct fake *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	memset(env, 0, sizeof(*env));
	env->rmi.ops = &fake_ops;
	env->rmi.ctx = f;
	env->ctx = f;
	env->ns_ptr = fake_ns_ptr;
	env->realm_mem = fake_realm_mem;
	env->realm_queue = fake_queue;
	env->pool_base = POOL_BASE;
	env->pool_granules = POOL_N;
	env->ns_base = NS_BASE;
	env->ns_granules = NS_N;
	env->scratch = SCRATCH;
	env->scratch_list = LIST;
	env->abi = abi;
	return f;
}

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

/* Call i carried exactly X0 = fid, X1..X6 = a[0..6), every other register
 * zero. */
static void check_call(const struct fake *f, unsigned int i, uint64_t fid,
		       uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
		       uint64_t a5, uint64_t a6)
{
	const uint64_t want[7] = { fid, a1, a2, a3, a4, a5, a6 };
	unsigned int k;

	assert_true(i < f->ncalls);
	for (k = 0; k < RLM_SMC_NREGS; k++) {
		uint64_t w = k < 7 ? want[k] : 0;

		if (f->calls[i].x[k] != w)
			fail_msg("call %u X%u: 0x%llx, want 0x%llx", i, k,
				 (unsigned long long)f->calls[i].x[k],
				 (unsigned long long)w);
	}
}

static void check_out(const struct fake *f, unsigned int i, const char *want)
{
	assert_true(i < f->nout);
	if (strcmp(f->out[i], want))
		fail_msg("line %u:\n  got  '%s'\n  want '%s'", i, f->out[i],
			 want);
}

/* ---- The rmm directive -------------------------------------------------- */

static void test_directive(void **state)
{
	struct rlm_trace_env env;
	struct fake *f = fake_new(&env, RLM_RMI_V2_0);
	struct rlm_trace_result res;
	enum rlm_rmi_abi abi;
	bool declared;
	static const char t2[] = "# a 2.0 trace\n\nrmm 2.0\nversion\n";

	(void)state;
	/* env 2.0 + rmm 2.0: version asks 2.0 by default */
	answer(f, 0, 0, 0x20000, 0x20000, 0, 0);
	assert_int_equal(run(f, &env, t2, &res), 0);
	check_call(f, 0, RLM_SMC_RMI2_VERSION, 0x20000, 0, 0, 0, 0, 0);
	check_out(f, 0, "4: version -> RMI_SUCCESS lower=0x20000 higher=0x20000");
	free(f);

	/* env 1.0 (the default, 0) + rmm 2.0: refused, nothing runs */
	f = fake_new(&env, RLM_RMI_V1_0);
	assert_int_equal(run(f, &env, t2, &res), RLM_EMALFORMED);
	assert_int_equal(res.error_line, 3);
	assert_non_null(strstr(res.error, "the trace is for RMM 2.0 but the runner drives RMM 1.0"));
	assert_int_equal(f->ncalls, 0);
	assert_int_equal(f->nout, 0);
	/* and the other way round */
	env.abi = RLM_RMI_V2_0;
	assert_int_equal(run(f, &env, "rmm 1.0\nversion\n", &res), RLM_EMALFORMED);
	assert_int_equal(res.error_line, 1);
	assert_non_null(strstr(res.error, "the trace is for RMM 1.0 but the runner drives RMM 2.0"));
	assert_int_equal(f->ncalls, 0);
	/* an env with a version that does not exist */
	env.abi = (enum rlm_rmi_abi)2;
	assert_int_equal(run(f, &env, "version\n", &res), RLM_EINVAL);
	assert_int_equal(rlm_trace_check("version\n", 8, &env, &res), RLM_EINVAL);
	assert_int_equal(f->ncalls, 0);

	/* without an env the directive decides */
	assert_int_equal(rlm_trace_check(t2, strlen(t2), NULL, &res), 0);
	assert_int_equal(rlm_trace_check("rmm 2.0\ndata_destroy rd=g0 ipa=0\n",
					 33, NULL, &res), RLM_EMALFORMED);
	assert_int_equal(res.error_line, 2);
	assert_int_equal(rlm_trace_check("rmm 2.0\nrmm_activate\n", 21, NULL,
					 &res), 0);

	/* rlm_trace_abi: the declared version, or 1.0 undeclared */
	assert_int_equal(rlm_trace_abi(t2, strlen(t2), &abi, &declared), 0);
	assert_int_equal(abi, RLM_RMI_V2_0);
	assert_true(declared);
	assert_int_equal(rlm_trace_abi("# x\r\nrmm 1.0 # c\n", 18, &abi,
				       &declared), 0);
	assert_int_equal(abi, RLM_RMI_V1_0);
	assert_true(declared);
	assert_int_equal(rlm_trace_abi("version\nrmm 2.0\n", 16, &abi,
				       &declared), 0);
	assert_int_equal(abi, RLM_RMI_V1_0);
	assert_false(declared);
	assert_int_equal(rlm_trace_abi("", 0, &abi, NULL), 0);
	assert_int_equal(abi, RLM_RMI_V1_0);
	assert_int_equal(rlm_trace_abi("rmm 3.0\n", 8, &abi, NULL),
			 RLM_EMALFORMED);
	assert_int_equal(rlm_trace_abi(NULL, 1, &abi, NULL), RLM_EINVAL);
	assert_int_equal(rlm_trace_abi("x", 1, NULL, NULL), RLM_EINVAL);
	free(f);
}

/* ---- Plain-register commands --------------------------------------------- */

static void test_commands(void **state)
{
	struct rlm_trace_env env;
	struct fake *f = fake_new(&env, RLM_RMI_V2_0);
	struct rlm_trace_result res;
	unsigned int n = 0;

	(void)state;
	answer(f, n++, 0, 0x104130, 0, 0, 0);            /* features */
	answer(f, n++, 0, G(3), 0, 0, 0);                /* range delegate */
	answer(f, n++, 1, G(2), 0, 0, 0);                /* range undelegate */
	answer(f, n++, 0, 0, 2, G(8), 0);                /* tracking_get */
	answer(f, n++, 0, 0, 0, 0, 0);                   /* tracking_set */
	answer(f, n++, 0, 0, 0, 0, 0);                   /* rmm_activate */
	answer(f, n++, 11, 0, 0, 0, 0);                  /* realm_activate */
	answer(f, n++, 0, 0, 0, 0, 0);                   /* realm_terminate */
	answer(f, n++, 0, 0, 0, 0, 0);                   /* realm_destroy */
	answer(f, n++, 0, 0, 0, 0, 0);                   /* rtt_create */
	answer(f, n++, 0, G(4), 0x40000000, 0, 0);       /* rtt_destroy */
	answer(f, n++, 0x104, 0, 0x200000, 0, 0);        /* rtt_destroy RTT/1 */
	answer(f, n++, 0, 3, 3, NS(2) | 0x40, 0);        /* read_entry */
	answer(f, n++, 0, 2, 5, 0, 2);                   /* read_entry aux */
	answer(f, n++, 0, G(6), 0, 0, 0);                /* rtt_fold */
	answer(f, n++, 0, 0x200000, 0, 0, 0);            /* init_ripas */
	answer(f, n++, 0, 0x1000, 0, 0, 0);              /* set_ripas */
	answer(f, n++, 0, 0x3000, 0, 0, 0);              /* set_s2ap */
	answer(f, n++, 0, 0, 0, 0, 0);                   /* data_map_init */
	answer(f, n++, 0, 0x8000, 0, 0, 0);              /* rtt_data_map */
	answer(f, n++, 0, 0x8000, 0x11, 2, 0);           /* rtt_data_unmap */
	answer(f, n++, 0, 0x9000, 0, 0, 0);              /* unprot_map */
	answer(f, n++, 0, 0x9000, NS(5) | 0x4, 0, 0);    /* unprot_unmap */
	answer(f, n++, 0, 0, 0, 0, 0);                   /* psci_complete */
	answer(f, n++, 0, 0, 0, 0, 0);                   /* gpt_l1_create */
	answer(f, n++, 0, G(9), 0, 0, 0);                /* pdev_get_state */
	answer(f, n++, RLM_SMCCC_NOT_SUPPORTED, 0, 0, 0, 0); /* pdev_abort */
	answer(f, n++, 1, 0x20000, 0x20000, 0, 0);       /* version 1.0 */
	assert_int_equal(run(f, &env,
		"features index=0\n"
		"granule_range_delegate base=g2 top=g4\n"
		"granule_range_undelegate base=g2 top=g3 => RMI_ERROR_INPUT/0\n"
		"granule_tracking_get base=g0 top=g8\n"
		"granule_tracking_set addr=g0 category=1 state=3\n"
		"rmm_activate\n"
		"realm_activate rd=g0 => RMI_ERROR_GLOBAL\n"
		"realm_terminate rd=g0\n"
		"realm_destroy rd=g0\n"
		"rtt_create rd=g0 rtt=g4 ipa=0x40000000 level=2\n"
		"rtt_destroy rd=g0 ipa=0x40000000 level=2\n"
		"rtt_destroy rd=g0 ipa=0 level=-1\n"
		"rtt_read_entry rd=g0 ipa=0 level=3\n"
		"rtt_read_entry rd=g0 ipa=0 level=2\n"
		"rtt_fold rd=g0 ipa=0 level=2\n"
		"rtt_init_ripas rd=g0 base=0 top=0x200000\n"
		"rtt_set_ripas rd=g0 rec=g1 base=0 top=0x1000\n"
		"rtt_set_s2ap rd=g0 rec=g1 base=0 top=0x3000\n"
		"rtt_data_map_init rd=g0 data=g7 ipa=0x1000 src=ns1 flags=1\n"
		"rtt_data_map rd=g0 base=0 top=0x8000 flags=0 oaddr=g8\n"
		"rtt_data_unmap rd=g0 base=0 top=0x8000 flags=0 oaddr=0\n"
		"rtt_unprot_map rd=g0 base=0x1000 top=0x9000 flags=0xc oaddr=ns2\n"
		"rtt_unprot_unmap rd=g0 base=0x1000 top=0x9000 flags=0 oaddr=0\n"
		"psci_complete calling=g1 target=g2 status=0\n"
		"gpt_l1_create addr=0x40000000\n"
		"pdev_get_state x1=g9\n"
		"pdev_abort x1=g9 => SMC_UNKNOWN\n"
		"version req=0x10000 => RMI_ERROR_INPUT\n", &res), 0);
	assert_int_equal(f->ncalls, n);
	assert_int_equal(res.commands, n);
	assert_int_equal(res.expected, 4);
	assert_int_equal(res.failed, 0);
	n = 0;
	check_call(f, n, RLM_SMC_RMI2_FEATURES, 0, 0, 0, 0, 0, 0);
	check_out(f, n++, "1: features -> RMI_SUCCESS value=0x104130");
	check_call(f, n, RLM_SMC_RMI2_GRANULE_RANGE_DELEGATE, G(2), G(4), 0, 0, 0, 0);
	check_out(f, n++, "2: granule_range_delegate -> RMI_SUCCESS next=g3");
	check_call(f, n, RLM_SMC_RMI2_GRANULE_RANGE_UNDELEGATE, G(2), G(3), 0, 0, 0, 0);
	check_out(f, n++, "3: granule_range_undelegate -> RMI_ERROR_INPUT/0");
	check_call(f, n, RLM_SMC_RMI2_GRANULE_TRACKING_GET, G(0), G(8), 0, 0, 0, 0);
	check_out(f, n++, "4: granule_tracking_get -> RMI_SUCCESS category=0x0 state=0x2 top=g8");
	check_call(f, n, RLM_SMC_RMI2_GRANULE_TRACKING_SET, G(0), 1, 3, 0, 0, 0);
	check_out(f, n++, "5: granule_tracking_set -> RMI_SUCCESS");
	check_call(f, n, RLM_SMC_RMI2_RMM_ACTIVATE, 0, 0, 0, 0, 0, 0);
	check_out(f, n++, "6: rmm_activate -> RMI_SUCCESS");
	check_call(f, n, RLM_SMC_RMI2_REALM_ACTIVATE, G(0), 0, 0, 0, 0, 0);
	check_out(f, n++, "7: realm_activate -> RMI_ERROR_GLOBAL/0");
	check_call(f, n, RLM_SMC_RMI2_REALM_TERMINATE, G(0), 0, 0, 0, 0, 0);
	check_out(f, n++, "8: realm_terminate -> RMI_SUCCESS");
	check_call(f, n, RLM_SMC_RMI2_REALM_DESTROY, G(0), 0, 0, 0, 0, 0);
	check_out(f, n++, "9: realm_destroy -> RMI_SUCCESS");
	check_call(f, n, RLM_SMC_RMI2_RTT_CREATE, G(0), G(4), 0x40000000, 2, 0, 0);
	check_out(f, n++, "10: rtt_create -> RMI_SUCCESS");
	check_call(f, n, RLM_SMC_RMI2_RTT_DESTROY, G(0), 0x40000000, 2, 0, 0, 0);
	check_out(f, n++, "11: rtt_destroy -> RMI_SUCCESS rtt=g4 top=0x40000000");
	check_call(f, n, RLM_SMC_RMI2_RTT_DESTROY, G(0), 0, (uint64_t)-1, 0, 0, 0);
	check_out(f, n++, "12: rtt_destroy -> RMI_ERROR_RTT/1 top=0x200000");
	check_call(f, n, RLM_SMC_RMI2_RTT_READ_ENTRY, G(0), 0, 3, 0, 0, 0);
	check_out(f, n++, "13: rtt_read_entry -> RMI_SUCCESS walk_level=0x3 state=ASSIGNED_DEV ripas=EMPTY desc=ns2|0x40");
	check_out(f, n++, "14: rtt_read_entry -> RMI_SUCCESS walk_level=0x2 state=AUX_DESTROYED ripas=DESTROYED desc=0x0");
	check_call(f, n, RLM_SMC_RMI2_RTT_FOLD, G(0), 0, 2, 0, 0, 0);
	check_out(f, n++, "15: rtt_fold -> RMI_SUCCESS rtt=g6");
	check_call(f, n, RLM_SMC_RMI2_RTT_INIT_RIPAS, G(0), 0, 0x200000, 0, 0, 0);
	check_out(f, n++, "16: rtt_init_ripas -> RMI_SUCCESS top=0x200000");
	check_call(f, n, RLM_SMC_RMI2_RTT_SET_RIPAS, G(0), G(1), 0, 0x1000, 0, 0);
	check_out(f, n++, "17: rtt_set_ripas -> RMI_SUCCESS top=0x1000");
	check_call(f, n, RLM_SMC_RMI2_RTT_SET_S2AP, G(0), G(1), 0, 0x3000, 0, 0);
	check_out(f, n++, "18: rtt_set_s2ap -> RMI_SUCCESS top=0x3000");
	check_call(f, n, RLM_SMC_RMI2_RTT_DATA_MAP_INIT, G(0), G(7), 0x1000, NS(1), 1, 0);
	check_out(f, n++, "19: rtt_data_map_init -> RMI_SUCCESS");
	check_call(f, n, RLM_SMC_RMI2_RTT_DATA_MAP, G(0), 0, 0x8000, 0, G(8), 0);
	check_out(f, n++, "20: rtt_data_map -> RMI_SUCCESS top=0x8000");
	check_call(f, n, RLM_SMC_RMI2_RTT_DATA_UNMAP, G(0), 0, 0x8000, 0, 0, 0);
	check_out(f, n++, "21: rtt_data_unmap -> RMI_SUCCESS top=0x8000 range=0x11 count=0x2");
	check_call(f, n, RLM_SMC_RMI2_RTT_UNPROT_MAP, G(0), 0x1000, 0x9000, 0xc, NS(2), 0);
	check_out(f, n++, "22: rtt_unprot_map -> RMI_SUCCESS top=0x9000");
	check_call(f, n, RLM_SMC_RMI2_RTT_UNPROT_UNMAP, G(0), 0x1000, 0x9000, 0, 0, 0);
	/* RmiAddrRangeDesc: the PA symbolic, count and size after it */
	check_out(f, n++, "23: rtt_unprot_unmap -> RMI_SUCCESS top=0x9000 range=ns5|0x4 count=0x0");
	check_call(f, n, RLM_SMC_RMI2_PSCI_COMPLETE, G(1), G(2), 0, 0, 0, 0);
	check_out(f, n++, "24: psci_complete -> RMI_SUCCESS");
	check_call(f, n, RLM_SMC_RMI2_GPT_L1_CREATE, 0x40000000, 0, 0, 0, 0, 0);
	check_out(f, n++, "25: gpt_l1_create -> RMI_SUCCESS");
	/* a command not modelled yet: x1..x<in> in, x1..x<out> out */
	check_call(f, n, RLM_SMC_RMI2_PDEV_GET_STATE, G(9), 0, 0, 0, 0, 0);
	check_out(f, n++, "26: pdev_get_state -> RMI_SUCCESS x1=g9");
	check_call(f, n, RLM_SMC_RMI2_PDEV_ABORT, G(9), 0, 0, 0, 0, 0);
	check_out(f, n++, "27: pdev_abort -> SMC_UNKNOWN");
	check_call(f, n, RLM_SMC_RMI2_VERSION, 0x10000, 0, 0, 0, 0, 0);
	check_out(f, n++, "28: version -> RMI_ERROR_INPUT/0 lower=0x20000 higher=0x20000");
	free(f);
}

/* ---- Inline pages -------------------------------------------------------- */

static void test_realm_params2(void **state)
{
	struct rlm_trace_env env;
	struct fake *f = fake_new(&env, RLM_RMI_V2_0);
	struct rlm_trace_result res;
	struct rlm_realm_params2 p;
	const uint8_t *pg;
	unsigned int i;

	(void)state;
	assert_int_equal(run(f, &env, "realm_create rd=g0 rtt_base=g1\n", &res), 0);
	check_call(f, 0, RLM_SMC_RMI2_REALM_CREATE, G(0), SCRATCH, 0, 0, 0, 0);
	check_out(f, 0, "1: realm_create -> RMI_SUCCESS");
	assert_int_equal(rlm_unpack_realm_params2(&p, f->seen[0], RLM_GRANULE_SIZE), 0);
	/* the documented defaults (as 1.0's; no VMID in 2.0) */
	assert_int_equal(p.flags0, 0);
	assert_int_equal(p.flags1, 0);
	assert_int_equal(p.s2sz, 40);
	assert_int_equal(p.sve_vl, 0);
	assert_int_equal(p.num_bps, 1);
	assert_int_equal(p.num_wps, 1);
	assert_int_equal(p.pmu_num_ctrs, 0);
	assert_int_equal(p.hash_algo, RLM_RMI_HASH_SHA_256);
	assert_int_equal(p.num_aux_planes, 0);
	assert_int_equal(p.ats_plane, 0);
	for (i = 0; i < RLM_RPV_SIZE; i++)
		assert_int_equal(p.rpv[i], 0);
	assert_int_equal(p.rtt_base, G(1));
	assert_int_equal(p.rtt_level_start, 1);
	assert_int_equal(p.rtt_num_start, 1);
	for (i = 0; i < RLM_RMI2_MAX_AUX_PLANES; i++)
		assert_int_equal(p.aux_rtt_base[i], 0);

	f->ncalls = 0;
	f->nout = 0;
	assert_int_equal(run(f, &env,
		"realm_create rd=g0 rtt_base=g1 lpa2=1 sve=1 pmu=1 s2sz=52 "
		"sve_vl=3 num_bps=6 num_wps=5 pmu_num_ctrs=31 hash=sha384 "
		"rpv=0102030405 rtt_level_start=-1 rtt_num_start=16 "
		"flags0=0x8 flags1=0x3 num_aux_planes=2 ats_plane=1 "
		"aux_rtt_base=g10,g11\n", &res), 0);
	assert_int_equal(rlm_unpack_realm_params2(&p, f->seen[0], RLM_GRANULE_SIZE), 0);
	assert_int_equal(p.flags0, 0xf);
	assert_int_equal(p.flags1, 3);
	assert_int_equal(p.s2sz, 52);
	assert_int_equal(p.sve_vl, 3);
	assert_int_equal(p.num_bps, 6);
	assert_int_equal(p.num_wps, 5);
	assert_int_equal(p.pmu_num_ctrs, 31);
	assert_int_equal(p.hash_algo, RLM_RMI_HASH_SHA_384);
	assert_int_equal(p.rpv[0], 1);
	assert_int_equal(p.rpv[4], 5);
	assert_int_equal(p.rpv[5], 0);
	assert_int_equal(p.rtt_level_start, -1);
	assert_int_equal(p.rtt_num_start, 16);
	assert_int_equal(p.num_aux_planes, 2);
	assert_int_equal(p.ats_plane, 1);
	assert_int_equal(p.aux_rtt_base[0], G(10));
	assert_int_equal(p.aux_rtt_base[1], G(11));
	assert_int_equal(p.aux_rtt_base[2], 0);

	/* raw values the 2.0 packer would refuse still reach the page, so a
	 * trace can test that the RMM refuses them */
	f->ncalls = 0;
	assert_int_equal(run(f, &env,
		"realm_create rd=g0 rtt_base=g1 flags0=0x8000 flags1=0x4 "
		"num_aux_planes=9 hash=7\n", &res), 0);
	pg = f->seen[0];
	assert_int_equal(rlm_get_le64(pg + RLM_RMI2_REALM_PARAMS_FLAGS0_OFF), 0x8000);
	assert_int_equal(rlm_get_le64(pg + RLM_RMI2_REALM_PARAMS_FLAGS1_OFF), 4);
	assert_int_equal(rlm_get_le32(pg + RLM_RMI2_REALM_PARAMS_NUM_AUX_PLANES_OFF), 9);
	assert_int_equal(pg[RLM_RMI2_REALM_PARAMS_HASH_ALGO_OFF], 7);

	/* params=: written at an NS granule, passed raw otherwise */
	f->ncalls = 0;
	assert_int_equal(run(f, &env,
		"realm_create rd=g0 rtt_base=g9 params=ns3\n"
		"realm_create rd=g0 rtt_base=g9 params=ns3|0x10\n"
		"realm_create rd=g0 rtt_base=g9 params=g5\n", &res), 0);
	check_call(f, 0, RLM_SMC_RMI2_REALM_CREATE, G(0), NS(3), 0, 0, 0, 0);
	assert_int_equal(rlm_unpack_realm_params2(&p, f->ns[3], RLM_GRANULE_SIZE), 0);
	assert_int_equal(p.rtt_base, G(9));
	check_call(f, 1, RLM_SMC_RMI2_REALM_CREATE, G(0), NS(3) | 0x10, 0, 0, 0, 0);
	check_call(f, 2, RLM_SMC_RMI2_REALM_CREATE, G(0), G(5), 0, 0, 0, 0);
	free(f);
}

static void test_rec_params2_and_config(void **state)
{
	struct rlm_trace_env env;
	struct fake *f = fake_new(&env, RLM_RMI_V2_0);
	struct rlm_trace_result res;
	struct rlm_rec_params2 p;
	struct rlm_rmm_config2 cf;

	(void)state;
	answer(f, 1, 1, 0, 0, 0, 0);
	answer(f, 3, 1, 0, 0, 0, 0);
	assert_int_equal(run(f, &env,
		"rec_create rd=g0 rec=g1\n"
		"rec_create rd=g0 rec=g2 runnable=0 mpidr=0x101 pc=0x80000 "
		"gprs=1,2,3 flags=0x10 => RMI_ERROR_INPUT\n"
		"rmm_config_set\n"
		"rmm_config_set tracking_region_size=1 granule_size=16k config=ns4 => RMI_ERROR_INPUT/0\n"
		"rmm_config_set granule_size=7 config=ns4|8\n", &res), 0);
	check_call(f, 0, RLM_SMC_RMI2_REC_CREATE, G(0), G(1), SCRATCH, 0, 0, 0);
	assert_int_equal(rlm_unpack_rec_params2(&p, f->seen[0], RLM_GRANULE_SIZE), 0);
	assert_int_equal(p.flags, RLM_REC_PARAMS_FLAG_RUNNABLE);
	assert_int_equal(p.mpidr, 0);
	assert_int_equal(p.pc, 0);
	assert_int_equal(p.gprs[0], 0);
	check_call(f, 1, RLM_SMC_RMI2_REC_CREATE, G(0), G(2), SCRATCH, 0, 0, 0);
	assert_int_equal(rlm_unpack_rec_params2(&p, f->seen[1], RLM_GRANULE_SIZE), 0);
	assert_int_equal(p.flags, 0x10);
	assert_int_equal(p.mpidr, 0x101);
	assert_int_equal(p.pc, 0x80000);
	assert_int_equal(p.gprs[0], 1);
	assert_int_equal(p.gprs[2], 3);
	assert_int_equal(p.gprs[3], 0);
	/* RmiRmmConfig: the defaults (0, 4 KiB), then given values */
	check_call(f, 2, RLM_SMC_RMI2_RMM_CONFIG_SET, SCRATCH, 0, 0, 0, 0, 0);
	assert_int_equal(rlm_unpack_rmm_config2(&cf, f->seen[2], RLM_GRANULE_SIZE), 0);
	assert_int_equal(cf.tracking_region_size, 0);
	assert_int_equal(cf.granule_size, RLM_RMI_GRANULE_SIZE_4KB);
	check_call(f, 3, RLM_SMC_RMI2_RMM_CONFIG_SET, NS(4), 0, 0, 0, 0, 0);
	assert_int_equal(rlm_unpack_rmm_config2(&cf, f->ns[4], RLM_GRANULE_SIZE), 0);
	assert_int_equal(cf.tracking_region_size, 1);
	assert_int_equal(cf.granule_size, RLM_RMI_GRANULE_SIZE_16KB);
	check_call(f, 4, RLM_SMC_RMI2_RMM_CONFIG_SET, NS(4) | 8, 0, 0, 0, 0, 0);
	check_out(f, 0, "1: rec_create -> RMI_SUCCESS");
	check_out(f, 1, "2: rec_create -> RMI_ERROR_INPUT/0");
	check_out(f, 3, "4: rmm_config_set -> RMI_ERROR_INPUT/0");

	/* rmm_config_get: the RMM fills the page, the line prints it */
	free(f);
	f = fake_new(&env, RLM_RMI_V2_0);
	f->write_at = 0;
	f->write_pa = SCRATCH;
	cf.tracking_region_size = 0;
	cf.granule_size = 2;
	assert_int_equal(rlm_pack_rmm_config2(&cf, f->write, sizeof(f->write)), 0);
	f->write_len = RLM_RMI2_RMM_CONFIG_SIZE;
	answer(f, 1, 1, 0, 0, 0, 0);
	assert_int_equal(run(f, &env, "rmm_config_get\nrmm_config_get config=ns1\n",
			     &res), 0);
	check_call(f, 0, RLM_SMC_RMI2_RMM_CONFIG_GET, SCRATCH, 0, 0, 0, 0, 0);
	check_out(f, 0, "1: rmm_config_get -> RMI_SUCCESS tracking_region_size=0x0 granule_size=0x2");
	check_call(f, 1, RLM_SMC_RMI2_RMM_CONFIG_GET, NS(1), 0, 0, 0, 0, 0);
	check_out(f, 1, "2: rmm_config_get -> RMI_ERROR_INPUT/0");
	free(f);
}

/* ---- Multi-call operations ----------------------------------------------- */

static uint64_t rdesc(uint64_t pa, uint64_t cnt, bool undelegated)
{
	return RLM_FIELD_PREP(RLM_RMI_ADDR_RDESC_4K_SZ, RLM_RMI_PAGE_L3) |
	       RLM_FIELD_PREP(RLM_RMI_ADDR_RDESC_4K_CNT, cnt) |
	       (pa & RLM_RMI_ADDR_RDESC_4K_ADDR) |
	       (undelegated ? RLM_RMI_ADDR_RDESC_4K_ST : 0);
}

static void test_incomplete_create(void **state)
{
	struct rlm_trace_env env;
	struct fake *f = fake_new(&env, RLM_RMI_V2_0);
	struct rlm_trace_result res;
	const uint8_t *l;

	(void)state;
	/* REC_CREATE answers as TF-RMM does: INCOMPLETE + DONATE of 16
	 * non-contiguous delegated L3 granules, handle 7 */
	answer(f, 0, 0x10d, 7, 0x40, 0, 0);
	/* two donations of 8: more needed, then all (NONE) */
	answer(f, 1, 0x10d, 8, 0x20, 0, 0);
	answer(f, 2, 0x00d, 8, 0, 0, 0);
	answer(f, 3, 0, 0, 0, 0, 0);
	assert_int_equal(run(f, &env,
		"rmm 2.0\n"
		"rec_create rd=g0 rec=g1 => RMI_INCOMPLETE\n"
		"op_mem_donate list=g10..g17 => RMI_INCOMPLETE\n"
		"op_mem_donate handle=7 list=g20,g22..g27,g30 => RMI_INCOMPLETE/0\n"
		"op_continue => RMI_SUCCESS\n", &res), 0);
	assert_int_equal(res.expected, 4);
	assert_int_equal(res.failed, 0);
	check_call(f, 0, RLM_SMC_RMI2_REC_CREATE, G(0), G(1), SCRATCH, 0, 0, 0);
	check_out(f, 0, "2: rec_create -> RMI_INCOMPLETE handle=0x7 req=donate size=l3 count=0x10 contig=0 state=delegated cancel=0");
	/* the handle defaults to the last INCOMPLETE's; the list is the
	 * runner's page, one descriptor per item */
	check_call(f, 1, RLM_SMC_RMI2_OP_MEM_DONATE, 7, LIST, 1, 0, 0, 0);
	l = f->seenl[1];
	assert_int_equal(rlm_get_le64(l), rdesc(G(10), 8, false));
	assert_int_equal(rlm_get_le64(l + 8), 0);
	check_out(f, 1, "3: op_mem_donate -> RMI_INCOMPLETE consumed=0x8 req=donate size=l3 count=0x8 contig=0 state=delegated cancel=0");
	check_call(f, 2, RLM_SMC_RMI2_OP_MEM_DONATE, 7, LIST, 3, 0, 0, 0);
	l = f->seenl[2];
	assert_int_equal(rlm_get_le64(l), rdesc(G(20), 1, false));
	assert_int_equal(rlm_get_le64(l + 8), rdesc(G(22), 6, false));
	assert_int_equal(rlm_get_le64(l + 16), rdesc(G(30), 1, false));
	assert_int_equal(rlm_get_le64(l + 24), 0);
	check_out(f, 2, "4: op_mem_donate -> RMI_INCOMPLETE consumed=0x8 req=none cancel=0");
	check_call(f, 3, RLM_SMC_RMI2_OP_CONTINUE, 7, 0, 0, 0, 0, 0);
	check_out(f, 3, "5: op_continue -> RMI_SUCCESS");
	/* TF-RMM reads the RmiRecParams at the final OP_CONTINUE: the
	 * address lists must not have overwritten them */
	{
		struct rlm_rec_params2 p;

		assert_int_equal(rlm_unpack_rec_params2(&p, f->seen[3],
							RLM_GRANULE_SIZE), 0);
		assert_int_equal(p.flags, RLM_REC_PARAMS_FLAG_RUNNABLE);
		assert_int_equal(p.gprs[0], 0);
	}
	free(f);

	/* scratch_list 0: the granule after scratch */
	f = fake_new(&env, RLM_RMI_V2_0);
	env.scratch_list = 0;
	assert_int_equal(run(f, &env, "op_mem_donate list=g1\n", &res), 0);
	check_call(f, 0, RLM_SMC_RMI2_OP_MEM_DONATE, 0, SCRATCH + RLM_GRANULE_SIZE,
		   1, 0, 0, 0);
	/* a list page ns_ptr does not map (or unaligned): the op lines stop
	 * the run there */
	env.scratch_list = NS_BASE - RLM_GRANULE_SIZE;
	assert_int_equal(run(f, &env, "op_continue\nop_mem_donate list=g1\n",
			     &res), RLM_ESTATE);
	assert_int_equal(res.error_line, 2);
	assert_non_null(strstr(res.error, "env.scratch_list"));
	assert_int_equal(f->ncalls, 2);
	env.scratch_list = LIST | 8;
	assert_int_equal(run(f, &env, "op_mem_reclaim\n", &res), RLM_ESTATE);
	assert_int_equal(f->ncalls, 2);
	free(f);

	/* a contiguous undelegated request with can-cancel: the donation's
	 * state follows it unless state= says otherwise; count= overrides;
	 * a request with reserved bits prints raw */
	f = fake_new(&env, RLM_RMI_V2_0);
	answer(f, 0, 0x50d, 3, RLM_RMI_OP_DONATE_MEM_STATE |
	       RLM_RMI_OP_DONATE_MEM_CONTIG | (4 << 2) | RLM_RMI_BLOCK_L2,
	       0, 0);
	answer(f, 1, 0x501, 0, 0, 0, 0);
	answer(f, 2, 0x10d, 1, UINT64_C(1) << 40, 0, 0);
	answer(f, 3, 0x40d, 0, 0, 0, 0);
	answer(f, 4, 0, 0, 0, 0, 0);
	answer(f, 5, 1, 0, 0, 0, 0);
	assert_int_equal(run(f, &env,
		"rtt_data_map rd=g0 base=0 top=0x800000 flags=0 oaddr=g32\n"
		"op_mem_donate list=g32..g35 count=9 => RMI_ERROR_INPUT\n"
		"op_mem_donate list=g36 state=delegated\n"
		"op_continue flags=1\n"
		"op_cancel\n"
		"op_cancel handle=0x55\n", &res), 0);
	check_out(f, 0, "1: rtt_data_map -> RMI_INCOMPLETE handle=0x3 req=donate size=l2 count=0x4 contig=1 state=undelegated cancel=1");
	check_call(f, 1, RLM_SMC_RMI2_OP_MEM_DONATE, 3, LIST, 9, 0, 0, 0);
	assert_int_equal(rlm_get_le64(f->seenl[1]), rdesc(G(32), 4, true));
	/* not an INCOMPLETE: the index prints, no fields */
	check_out(f, 1, "2: op_mem_donate -> RMI_ERROR_INPUT/5");
	check_call(f, 2, RLM_SMC_RMI2_OP_MEM_DONATE, 3, LIST, 1, 0, 0, 0);
	assert_int_equal(rlm_get_le64(f->seenl[2]), rdesc(G(36), 1, false));
	check_out(f, 2, "3: op_mem_donate -> RMI_INCOMPLETE consumed=0x1 req=donate donate=0x10000000000 cancel=0");
	check_call(f, 3, RLM_SMC_RMI2_OP_CONTINUE, 3, 1, 0, 0, 0, 0);
	check_out(f, 3, "4: op_continue -> RMI_INCOMPLETE req=none cancel=1");
	check_call(f, 4, RLM_SMC_RMI2_OP_CANCEL, 3, 0, 0, 0, 0, 0);
	check_out(f, 4, "5: op_cancel -> RMI_SUCCESS");
	check_call(f, 5, RLM_SMC_RMI2_OP_CANCEL, 0x55, 0, 0, 0, 0, 0);
	check_out(f, 5, "6: op_cancel -> RMI_ERROR_INPUT/0");
	free(f);
}

static void test_incomplete_reclaim(void **state)
{
	struct rlm_trace_env env;
	struct fake *f = fake_new(&env, RLM_RMI_V2_0);
	struct rlm_trace_result res;
	uint64_t list[4];

	(void)state;
	/* REC_DESTROY: INCOMPLETE + RECLAIM, handle 9; the reclaim writes
	 * three descriptors, one undelegated, one a block */
	answer(f, 0, 0x20d, 9, 0, 0, 0);
	answer(f, 1, 0x00d, 3, 0, 0, 0);
	answer(f, 2, 0, 0, 0, 0, 0);
	answer(f, 3, 0x00d, 0, 0, 0, 0);
	list[0] = rdesc(G(10), 16, false);
	list[1] = rdesc(G(40), 1, true);
	list[2] = RLM_FIELD_PREP(RLM_RMI_ADDR_RDESC_4K_SZ, RLM_RMI_BLOCK_L2) |
		  RLM_FIELD_PREP(RLM_RMI_ADDR_RDESC_4K_CNT, 1) | G(0);
	list[3] = 0;
	rlm_put_le64_array(f->write, list, 4);
	f->write_len = sizeof(list);
	f->write_pa = LIST;
	f->write_at = 1;
	memset(f->ns[NS_N + 1], 0xee, RLM_GRANULE_SIZE);
	assert_int_equal(run(f, &env,
		"rec_destroy rec=g1\n"
		"op_mem_reclaim\n"
		"op_continue\n"
		"op_mem_reclaim handle=9 count=4\n", &res), 0);
	check_call(f, 0, RLM_SMC_RMI2_REC_DESTROY, G(1), 0, 0, 0, 0, 0);
	check_out(f, 0, "1: rec_destroy -> RMI_INCOMPLETE handle=0x9 req=reclaim cancel=0");
	/* the runner's list page, zeroed, 512 entries */
	check_call(f, 1, RLM_SMC_RMI2_OP_MEM_RECLAIM, 9, LIST,
		   RLM_RMI_ADDR_LIST_MAX, 0, 0, 0);
	assert_int_equal(rlm_get_le64(f->seenl[1]), 0);
	check_out(f, 1, "2: op_mem_reclaim -> RMI_INCOMPLETE count=0x3 reclaimed=g10..g25,g40:u,0x1000000005 req=none cancel=0");
	check_call(f, 2, RLM_SMC_RMI2_OP_CONTINUE, 9, 0, 0, 0, 0, 0);
	check_out(f, 2, "3: op_continue -> RMI_SUCCESS");
	check_call(f, 3, RLM_SMC_RMI2_OP_MEM_RECLAIM, 9, LIST, 4, 0, 0, 0);
	check_out(f, 3, "4: op_mem_reclaim -> RMI_INCOMPLETE count=0x0 req=none cancel=0");
	free(f);
}

/* ---- REC_ENTER's 2.0 exit page ------------------------------------------- */

static void test_rec_exit2(void **state)
{
	static const struct {
		uint8_t reason;
		const char *want;
	} t[] = {
		{ RLM_RMI_EXIT_SYNC, "1: rec_enter -> RMI_SUCCESS exit=SYNC esr=0x92000046 far=0x3000 hpfar=0x30 rtt_tree=0x1 rtt_level=0xffffffffffffffff plane=0x2" },
		{ RLM_RMI_EXIT_IRQ, "1: rec_enter -> RMI_SUCCESS exit=IRQ plane=0x2" },
		{ RLM_RMI_EXIT_PSCI, "1: rec_enter -> RMI_SUCCESS exit=PSCI gpr0=0x84000008 gpr1=0x1 gpr2=0x2 gpr3=0x3 plane=0x2" },
		{ RLM_RMI_EXIT_RIPAS_CHANGE, "1: rec_enter -> RMI_SUCCESS exit=RIPAS_CHANGE ripas_base=0x1000 ripas_top=0x5000 ripas_value=RAM plane=0x2" },
		{ RLM_RMI_EXIT_HOST_CALL, "1: rec_enter -> RMI_SUCCESS exit=HOST_CALL imm=0xabcd plane=0x2" },
		{ RLM_RMI_EXIT_S2AP_CHANGE, "1: rec_enter -> RMI_SUCCESS exit=S2AP_CHANGE s2ap_base=0x6000 s2ap_top=0x7000 plane=0x2" },
		{ RLM_RMI_EXIT_VDEV_REQUEST, "1: rec_enter -> RMI_SUCCESS exit=VDEV_REQUEST vdev_id_1=0x11 vdev_id_2=0x22 plane=0x2" },
		{ RLM_RMI_EXIT_DEV_MEM_MAP, "1: rec_enter -> RMI_SUCCESS exit=DEV_MEM_MAP dev_mem_base=0x8000 dev_mem_top=0x9000 dev_mem_pa=g3 plane=0x2" },
		{ RLM_RMI_EXIT_VDEV_P2P_BINDING, "1: rec_enter -> RMI_SUCCESS exit=VDEV_P2P_BINDING vdev_id_1=0x11 vdev_id_2=0x22 plane=0x2" },
		{ 11, "1: rec_enter -> RMI_SUCCESS exit=0xb plane=0x2" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct rlm_trace_env env;
		struct fake *f = fake_new(&env, RLM_RMI_V2_0);
		struct rlm_trace_result res;
		struct rlm_rec_exit2 x;

		memset(&x, 0, sizeof(x));
		x.exit_reason = t[i].reason;
		x.esr = 0x92000046;
		x.far = 0x3000;
		x.hpfar = 0x30;
		x.rtt_tree = 1;
		x.rtt_level = -1;
		x.gprs[0] = 0x84000008;
		x.gprs[1] = 1;
		x.gprs[2] = 2;
		x.gprs[3] = 3;
		x.ripas_base = 0x1000;
		x.ripas_top = 0x5000;
		x.ripas_value = 1;
		x.s2ap_base = 0x6000;
		x.s2ap_top = 0x7000;
		x.vdev_id_1 = 0x11;
		x.vdev_id_2 = 0x22;
		x.dev_mem_base = 0x8000;
		x.dev_mem_top = 0x9000;
		x.dev_mem_pa = G(3);
		x.imm = 0xabcd;
		x.plane = 2;
		assert_int_equal(rlm_pack_rec_exit2(&x, f->write, sizeof(f->write)), 0);
		f->write_len = RLM_RMI2_REC_EXIT_SIZE;
		f->write_pa = NS(2) + RLM_REC_RUN_EXIT_OFF;
		f->write_at = 0;
		assert_int_equal(run(f, &env, "rec_enter rec=g1 run=ns2\n", &res), 0);
		check_call(f, 0, RLM_SMC_RMI2_REC_ENTER, G(1), NS(2), 0, 0, 0, 0);
		check_out(f, 0, t[i].want);
		free(f);
	}
}

/* host_call imm= under 2.0 fills TF-RMM's 32-bit imm (1.0: 16 bits), once
 * the REC is known (also from an INCOMPLETE rec_create). */
static void test_host_call_imm2(void **state)
{
	unsigned int pass;

	(void)state;
	for (pass = 0; pass < 2; pass++) {
		struct rlm_trace_env env;
		struct fake *f = fake_new(&env, pass ? RLM_RMI_V2_0 :
						       RLM_RMI_V1_0);
		struct rlm_trace_result res;

		memset(f->realm_page, 0x5a, sizeof(f->realm_page));
		answer(f, 0, pass ? 0x10d : 0, 0, 0x40, 0, 0);
		assert_int_equal(run(f, &env,
			"rec_create rd=g0 rec=g1\n"
			"realm rec=g1 host_call ipa=0x1000 imm=0x1234\n", &res), 0);
		assert_int_equal(f->nqueued, 1);
		assert_int_equal(f->realm_len, pass ? 4 : 2);
		assert_int_equal(f->realm_page[0], 0x34);
		assert_int_equal(f->realm_page[1], 0x12);
		assert_int_equal(f->realm_page[2], pass ? 0 : 0x5a);
		assert_int_equal(f->realm_page[3], pass ? 0 : 0x5a);
		assert_int_equal(f->realm_page[4], 0x5a);
		free(f);
	}
}

/* ---- Malformed 2.0 lines --------------------------------------------------- */

static void test_malformed2(void **state)
{
	static const struct {
		enum rlm_rmi_abi abi;
		const char *trace;
		unsigned int line;
		const char *msg;
	} t[] = {
		{ RLM_RMI_V2_0, "version\nfoo\n", 2, "unknown command 'foo'" },
		{ RLM_RMI_V2_0, "granule_delegate addr=g0", 1, "an RMI 1.0 command in an RMM 2.0 trace 'granule_delegate'" },
		{ RLM_RMI_V2_0, "data_create rd=g0 data=g1 ipa=0 src=ns0 flags=0", 1, "an RMI 1.0 command in an RMM 2.0 trace" },
		{ RLM_RMI_V2_0, "rec_aux_count rd=g0", 1, "an RMI 1.0 command" },
		{ RLM_RMI_V1_0, "rmm_activate", 1, "an RMI 2.0 command in an RMM 1.0 trace (rmm 2.0 / --rmm 2.0) 'rmm_activate'" },
		{ RLM_RMI_V1_0, "op_continue", 1, "an RMI 2.0 command in an RMM 1.0 trace" },
		{ RLM_RMI_V1_0, "realm_terminate rd=g0", 1, "an RMI 2.0 command" },
		{ RLM_RMI_V2_0, "vsmmu_create", 1, "no registers known for this command at TF-RMM 9a7f8ef 'vsmmu_create'" },
		{ RLM_RMI_V2_0, "psmmu_irq_notify x1=0", 1, "no registers known" },
		{ RLM_RMI_V2_0, "rec_create rd=g0 rec=g1 aux=g2..g17", 1, "unknown key 'aux'" },
		{ RLM_RMI_V2_0, "realm_create rd=g0 rtt_base=g1 vmid=1", 1, "unknown key 'vmid'" },
		{ RLM_RMI_V2_0, "realm_create rd=g0 rtt_base=g1 flags=1", 1, "unknown key 'flags'" },
		{ RLM_RMI_V1_0, "realm_create rd=g0 rtt_base=g1 flags0=1", 1, "unknown key 'flags0'" },
		{ RLM_RMI_V1_0, "realm_create rd=g0 rtt_base=g1 hash=sha384", 1, "bad value for hash" },
		{ RLM_RMI_V2_0, "realm_create rd=g0", 1, "missing required key 'rtt_base'" },
		{ RLM_RMI_V2_0, "realm_create rd=g0 rtt_base=g1 aux_rtt_base=1,2,3,4", 1, "value out of range for aux_rtt_base" },
		{ RLM_RMI_V2_0, "realm_create rd=g0 rtt_base=g1 aux_rtt_base=1..2", 1, "bad value for aux_rtt_base" },
		{ RLM_RMI_V2_0, "realm_create rd=g0 rtt_base=g1 num_aux_planes=0x100000000", 1, "value out of range for num_aux_planes" },
		{ RLM_RMI_V2_0, "op_mem_donate", 1, "missing required key 'list'" },
		{ RLM_RMI_V2_0, "op_mem_donate list=", 1, "bad value for list" },
		{ RLM_RMI_V2_0, "op_mem_donate list=g2..g1", 1, "bad value for list" },
		{ RLM_RMI_V2_0, "op_mem_donate list=g1|1", 1, "bad value for list" },
		{ RLM_RMI_V2_0, "op_mem_donate list=g1..g2|0x800", 1, "bad value for list" },
		{ RLM_RMI_V2_0, "op_mem_donate list=g1,,g2", 1, "bad value for list" },
		{ RLM_RMI_V2_0, "op_mem_donate list=g1..", 1, "bad value for list" },
		{ RLM_RMI_V2_0, "op_mem_donate list=gx", 1, "bad value for list" },
		{ RLM_RMI_V2_0, "op_mem_donate list=g64", 1, "value out of range for list" },
		{ RLM_RMI_V2_0, "op_mem_donate list=0x10000000000000", 1, "value out of range for list" },
		/* 1024 granules do not fit one descriptor's count */
		{ RLM_RMI_V2_0, "op_mem_donate list=0x40000000..0x403ff000", 1, "value out of range for list" },
		{ RLM_RMI_V2_0, "op_mem_donate list=g0,g1,g2,g3,g4,g5,g6,g7,g8,g9,g10,g11,g12,g13,g14,g15,"
		  "g16,g17,g18,g19,g20,g21,g22,g23,g24,g25,g26,g27,g28,g29,g30,g31,g32", 1, "value out of range for list" },
		{ RLM_RMI_V2_0, "op_mem_donate list=g1 state=2", 1, "value out of range for state" },
		{ RLM_RMI_V2_0, "op_mem_donate list=g1 state=moved", 1, "bad value for state" },
		{ RLM_RMI_V2_0, "op_mem_donate list=g1 list=g2", 1, "duplicate key 'list'" },
		{ RLM_RMI_V2_0, "op_mem_reclaim list=g1", 1, "unknown key 'list'" },
		{ RLM_RMI_V2_0, "op_continue x1=1", 1, "unknown key 'x1'" },
		{ RLM_RMI_V2_0, "rmm_activate x1=1", 1, "unknown key 'x1'" },
		{ RLM_RMI_V2_0, "rmm_config_set granule_size=huge", 1, "bad value for granule_size" },
		{ RLM_RMI_V2_0, "pdev_get_state", 1, "missing required key 'x1'" },
		{ RLM_RMI_V2_0, "pdev_get_state x1=1 x2=2", 1, "unknown key 'x2'" },
		{ RLM_RMI_V2_0, "granule_range_delegate base=g0", 1, "missing required key 'top'" },
		{ RLM_RMI_V2_0, "ns_fill ns0 0\nrmm 2.0\n", 2, "rmm must come before the first command" },
		{ RLM_RMI_V2_0, "rmm 2.0\nrmm 2.0\n", 2, "second rmm line" },
		{ RLM_RMI_V2_0, "rmm\n", 1, "rmm needs one version" },
		{ RLM_RMI_V2_0, "rmm 2.0 1.0\n", 1, "rmm needs one version" },
		{ RLM_RMI_V2_0, "rmm 2\n", 1, "unknown RMM version '2'" },
		{ RLM_RMI_V2_0, "rmm v2.0\n", 1, "unknown RMM version" },
		{ RLM_RMI_V2_0, "rmm 2.0 => RMI_SUCCESS\n", 1, "no result to expect" },
		{ RLM_RMI_V2_0, "RMM 2.0\n", 1, "unknown command 'RMM'" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct rlm_trace_env env;
		struct fake *f = fake_new(&env, t[i].abi);
		struct rlm_trace_result res;
		int err;

		err = run(f, &env, t[i].trace, &res);
		if (err != RLM_EMALFORMED || res.error_line != t[i].line ||
		    !strstr(res.error, t[i].msg))
			fail_msg("case %zu '%s': err %d line %u msg '%s'", i,
				 t[i].trace, err, res.error_line, res.error);
		assert_int_equal(f->ncalls, 0);
		assert_int_equal(f->nout, 0);
		assert_int_equal(rlm_trace_check(t[i].trace, strlen(t[i].trace),
						 &env, &res), RLM_EMALFORMED);
		assert_int_equal(res.error_line, t[i].line);
		free(f);
	}
}

/* ---- 1.0 next to 2.0 ------------------------------------------------------- */

static void test_v1_unchanged(void **state)
{
	static const char body[] =
		"version\n"
		"granule_delegate addr=g0\n"
		"realm_create rd=g0 rtt_base=g1 vmid=3\n"
		"rec_create rd=g0 rec=g2 aux=g3..g4\n"
		"rtt_read_entry rd=g0 ipa=0 level=3\n";
	char withdir[256];
	struct rlm_trace_env env;
	struct fake *f;
	struct rlm_trace_result res;
	unsigned int k, pass;
	char first[8][RLM_TRACE_MAX_OUT];
	struct rlm_smc_regs calls[8];

	(void)state;
	snprintf(withdir, sizeof(withdir), "rmm 1.0\n%s", body);
	for (pass = 0; pass < 2; pass++) {
		f = fake_new(&env, RLM_RMI_V1_0);
		answer(f, 0, 0, 0x10000, 0x10000, 0, 0);
		/* a 1.0 status 13 keeps its index: no 2.0 INCOMPLETE fields */
		answer(f, 1, 0x30d, 0, 0, 0, 0);
		answer(f, 4, 0, 3, 5, 0, 1);
		assert_int_equal(run(f, &env, pass ? withdir : body, &res), 0);
		assert_int_equal(f->ncalls, 5);
		check_call(f, 0, RLM_SMC_RMI_VERSION, 0x10000, 0, 0, 0, 0, 0);
		check_call(f, 1, RLM_SMC_RMI_GRANULE_DELEGATE, G(0), 0, 0, 0, 0, 0);
		check_call(f, 2, RLM_SMC_RMI_REALM_CREATE, G(0), SCRATCH, 0, 0, 0, 0);
		check_call(f, 3, RLM_SMC_RMI_REC_CREATE, G(0), G(2), SCRATCH, 0, 0, 0);
		check_out(f, 1, pass ? "3: granule_delegate -> RMI_INCOMPLETE/3" :
				       "2: granule_delegate -> RMI_INCOMPLETE/3");
		/* a 1.0 read_entry names 1.0 states only */
		check_out(f, 4, pass ? "6: rtt_read_entry -> RMI_SUCCESS walk_level=0x3 state=0x5 ripas=RAM desc=0x0" :
				       "5: rtt_read_entry -> RMI_SUCCESS walk_level=0x3 state=0x5 ripas=RAM desc=0x0");
		if (!pass) {
			for (k = 0; k < 5; k++) {
				memcpy(first[k], f->out[k], RLM_TRACE_MAX_OUT);
				calls[k] = f->calls[k];
			}
		} else {
			/* the same calls, the same text after the line number */
			for (k = 0; k < 5; k++) {
				assert_memory_equal(&calls[k], &f->calls[k],
						    sizeof(calls[k]));
				assert_string_equal(strchr(first[k], ':'),
						    strchr(f->out[k], ':'));
			}
		}
		free(f);
	}
}

/* Mutated 2.0 traces against an RMM answering at random: every result is
 * one of the documented ones, a malformed trace runs nothing, no line is
 * longer than RLM_TRACE_MAX_OUT, and nothing reads past the input (ASan). */
static void test_mutations2(void **state)
{
	static const char base[] =
		"rmm 2.0\nrmm_config_set granule_size=16k\nrmm_activate\n"
		"granule_range_delegate base=g0 top=g2 => RMI_SUCCESS\n"
		"realm_create rd=g0 rtt_base=g1 s2sz=48 rtt_level_start=0 flags1=1 aux_rtt_base=g2,g3\n"
		"rec_create rd=g0 rec=g2 pc=0x1000 gprs=1 => RMI_INCOMPLETE\n"
		"op_mem_donate list=g10..g25,g30 count=2\nop_mem_reclaim count=4\n"
		"op_continue flags=1\nop_cancel handle=3\n"
		"realm rec=g2 host_call ipa=0x1000 imm=5\n"
		"rec_enter rec=g2 run=ns1\nrtt_read_entry rd=g0 ipa=0 level=3\n"
		"rtt_data_unmap rd=g0 base=0 top=0x2000 flags=1 oaddr=0\n"
		"granule_tracking_get base=g0 top=g1\nrmm_config_get config=ns2\n"
		"pdev_get_state x1=g5 # c\n";
	static const char alphabet[] = "gns0x19=|.,-# \n\t=>RMI_INCOMPLETEop_rmm2.0";
	uint32_t seed = 4242;
	unsigned int it, ran = 0;
	size_t n = sizeof(base) - 1;
	char *buf = malloc(n + 64);

	(void)state;
	assert_non_null(buf);
	for (it = 0; it < 3000; it++) {
		struct rlm_trace_env env;
		struct fake *f = fake_new(&env, RLM_RMI_V2_0);
		struct rlm_trace_result res;
		size_t len = n, k, muts;
		char *exact;
		int err;

		memcpy(buf, base, n);
		f->rnd = next_rnd(&seed) | 1;
		for (k = 0; k < NS_N + 2; k++)
			memset(f->ns[k], (int)(next_rnd(&seed) & 0xff),
			       RLM_GRANULE_SIZE);
		muts = next_rnd(&seed) % 4;     /* 0: the base, random answers */
		for (k = 0; k < muts && len; k++) {
			size_t pos = next_rnd(&seed) % len;

			switch (next_rnd(&seed) % 4) {
			case 0:
				buf[pos] = alphabet[next_rnd(&seed) %
						    (sizeof(alphabet) - 1)];
				break;
			case 1:
				memmove(buf + pos, buf + pos + 1, len - pos - 1);
				len--;
				break;
			case 2:
				buf[pos] = (char)next_rnd(&seed);
				break;
			default:
				len = pos;
				break;
			}
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
			assert_int_equal(f->nout, 0);
		} else {
			assert_int_equal(res.commands, f->nout);
			ran += f->nout;
		}
		free(exact);
		free(f);
	}
	free(buf);
	/* most mutants still run, and print */
	assert_true(ran > 3000 * 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_directive),
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_realm_params2),
		cmocka_unit_test(test_rec_params2_and_config),
		cmocka_unit_test(test_incomplete_create),
		cmocka_unit_test(test_incomplete_reclaim),
		cmocka_unit_test(test_rec_exit2),
		cmocka_unit_test(test_host_call_imm2),
		cmocka_unit_test(test_malformed2),
		cmocka_unit_test(test_v1_unchanged),
		cmocka_unit_test(test_mutations2),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
