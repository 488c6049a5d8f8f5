/* SPDX-License-Identifier: BSD-3-Clause */
/* Fuzz the RMI trace runner: any bytes parse or are refused with a line
 * number, and executing against a trivial RMM never crashes or reads past
 * the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <realm/testing.h>
#include <realm/trace.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NS_N 4
/* the ns pool, the runner's scratch page and (2.0) its address-list page */
static uint8_t ns_mem[NS_N + 2][RLM_GRANULE_SIZE];

static int ok_call(void *ctx, struct rlm_smc_regs *r)
{
	(void)ctx;
	/* answer with X1's low bits as a status, so every status and output
	 * path is taken (2.0: INCOMPLETE's request and can-cancel bits too) */
	r->x[0] = r->x[1] & 0x7ff;
	return 0;
}

static const struct rlm_conduit_ops ops = { "fuzz", ok_call, NULL };

static void *ns_ptr(void *ctx, uint64_t pa, size_t len)
{
	uint64_t base = 0x2000000000;

	(void)ctx;
	if (pa < base || pa - base >= sizeof(ns_mem) ||
	    len > sizeof(ns_mem) - (pa - base))
		return NULL;
	return &ns_mem[0][0] + (pa - base);
}

static int queue(void *ctx, uint64_t rec, const struct rlm_smc_regs *c)
{
	(void)ctx;
	(void)c;
	return rec & 1 ? RLM_ENOMEM : 0;
}

static void print(void *arg, const char *line, size_t len)
{
	(void)arg;
	if (strlen(line) != len || len >= RLM_TRACE_MAX_OUT)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rlm_trace_env env;
	struct rlm_trace_result res;
	int err, chk;

	memset(&env, 0, sizeof(env));
	env.rmi.ops = &ops;
	env.ns_ptr = ns_ptr;
	env.realm_queue = queue;
	env.pool_base = 0x1000000000;
	env.pool_granules = 64;
	env.ns_base = 0x2000000000;
	env.ns_granules = NS_N;
	env.scratch = env.ns_base + NS_N * RLM_GRANULE_SIZE;
	/* the version the trace declares (2.0 with "rmm 2.0"), else 1.0;
	 * scratch_list 0: the page after scratch */
	if (rlm_trace_abi((const char *)data, size, &env.abi, NULL))
		env.abi = RLM_RMI_V1_0;
	chk = rlm_trace_check((const char *)data, size, &env, &res);
	if (chk && (chk != RLM_EMALFORMED || !res.error_line))
		abort();
	err = rlm_trace_run((const char *)data, size, &env, print, NULL, &res);
	/* parse-only and run agree on whether the trace is well formed */
	if ((chk == RLM_EMALFORMED) != (err == RLM_EMALFORMED))
		abort();
	if (err && err != RLM_EMISMATCH && err != RLM_EMALFORMED &&
	    err != RLM_ESTATE)
		abort();
	return 0;
}
