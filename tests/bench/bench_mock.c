/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Benchmark: mock RMM calls per second over full realm lifecycles
 * (delegate, create, RTTs, data, RECs, activate, enter, teardown) against
 * the same number of calls to an empty conduit, measured in the same run.
 * Prints "figure, baseline, ratio".
 */
#include <realm/testing.h>
#include <abi/call.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"

static int empty_call(void *ctx, struct rlm_smc_regs *r)
{
	(void)ctx;
	r->x[0] = 0;
	return 0;
}

static const struct rlm_conduit_ops empty_ops = { "empty", empty_call, NULL };

static uint64_t ncalls;

static uint64_t call(const struct rlm_conduit *c, uint64_t fid, uint64_t a1, uint64_t a2,
		     uint64_t a3, uint64_t a4, uint64_t a5)
{
	struct rlm_smc_regs r;

	rlm_regs_set_(&r, fid, a1, a2, a3, a4, a5);
	if (rlm_conduit_call(c, &r)) {
		fprintf(stderr, "conduit failed\n");
		exit(1);
	}
	ncalls++;
	return r.x[0];
}

#define CHK(e) do { if ((e) != 0) { fprintf(stderr, "%s:%d: %s failed\n", __FILE__, __LINE__, #e); exit(1); } } while (0)

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* One lifecycle: 1 realm, 2 RECs, 64 data pages, SET_RIPAS round trip. */
static void lifecycle(struct rlm_mock *m, const struct rlm_conduit *c,
		      const struct rlm_mock_config *cfg)
{
	const uint64_t g = cfg->pool_base, ns = cfg->ns_base, run = ns + 2 * 4096;
	struct rlm_realm_params p;
	struct rlm_rec_params rp;
	struct rlm_smc_regs q;
	uint64_t i, rec;
#define GR(n) (g + (uint64_t)(n) * 4096)

	for (i = 0; i < 200; i++)
		CHK(call(c, RLM_SMC_RMI_GRANULE_DELEGATE, GR(i), 0, 0, 0, 0));
	memset(&p, 0, sizeof(p));
	p.s2sz = 40;
	p.num_bps = p.num_wps = 1;
	p.vmid = 1;
	p.rtt_base = GR(1);
	p.rtt_level_start = 1;
	p.rtt_num_start = 2;
	CHK(rlm_pack_realm_params(&p, rlm_mock_ns_ptr(m, ns + 4096 * 10, 4096), 4096));
	CHK(call(c, RLM_SMC_RMI_REALM_CREATE, GR(0), ns + 4096 * 10, 0, 0, 0));
	CHK(call(c, RLM_SMC_RMI_RTT_CREATE, GR(0), GR(3), 0, 2, 0));
	CHK(call(c, RLM_SMC_RMI_RTT_CREATE, GR(0), GR(4), 0, 3, 0));
	CHK(call(c, RLM_SMC_RMI_RTT_INIT_RIPAS, GR(0), 0, 0x40000, 0, 0));
	for (i = 0; i < 64; i++)
		CHK(call(c, RLM_SMC_RMI_DATA_CREATE, GR(0), GR(10 + i), i * 4096, ns + 4096, 0));
	for (rec = 0; rec < 2; rec++) {
		memset(&rp, 0, sizeof(rp));
		rp.flags = 1;
		rp.mpidr = rec;
		rp.num_aux = 16;
		for (i = 0; i < 16; i++)
			rp.aux[i] = GR(100 + rec * 16 + i);
		CHK(rlm_pack_rec_params(&rp, rlm_mock_ns_ptr(m, ns + 4096 * 11, 4096), 4096));
		CHK(call(c, RLM_SMC_RMI_REC_CREATE, GR(0), GR(80 + rec), ns + 4096 * 11, 0, 0));
	}
	CHK(call(c, RLM_SMC_RMI_REALM_ACTIVATE, GR(0), 0, 0, 0, 0));
	memset(&q, 0, sizeof(q));
	q.x[0] = RLM_SMC_RSI_IPA_STATE_SET;
	q.x[1] = 0x40000;
	q.x[2] = 0x80000;
	q.x[3] = RLM_RIPAS_RAM;
	CHK(rlm_mock_realm_queue(m, GR(80), &q));
	CHK(call(c, RLM_SMC_RMI_REC_ENTER, GR(80), run, 0, 0, 0));
	CHK(call(c, RLM_SMC_RMI_RTT_SET_RIPAS, GR(0), GR(80), 0x40000, 0x80000, 0));
	CHK(call(c, RLM_SMC_RMI_REC_ENTER, GR(80), run, 0, 0, 0));
	CHK(call(c, RLM_SMC_RMI_REC_ENTER, GR(81), run, 0, 0, 0));
	for (rec = 0; rec < 2; rec++)
		CHK(call(c, RLM_SMC_RMI_REC_DESTROY, GR(80 + rec), 0, 0, 0, 0));
	for (i = 0; i < 64; i++)
		CHK(call(c, RLM_SMC_RMI_DATA_DESTROY, GR(0), i * 4096, 0, 0, 0));
	CHK(call(c, RLM_SMC_RMI_RTT_DESTROY, GR(0), 0, 3, 0, 0));
	CHK(call(c, RLM_SMC_RMI_RTT_DESTROY, GR(0), 0, 2, 0, 0));
	CHK(call(c, RLM_SMC_RMI_REALM_DESTROY, GR(0), 0, 0, 0, 0));
	for (i = 0; i < 200; i++)
		CHK(call(c, RLM_SMC_RMI_GRANULE_UNDELEGATE, GR(i), 0, 0, 0, 0));
#undef GR
}

int main(void)
{
	struct rlm_mock_config cfg;
	struct rlm_mock *m;
	struct rlm_conduit mc, ec = { &empty_ops, NULL };
	uint64_t n, i, per_round = 0, round, rounds = 8, lifecycles = 60;
	double t0, t, t_mock = 0, t_empty = 0, mock_rate, empty_rate;

	bench_print_machine("mock_calls");
	rlm_mock_config_default(&cfg);
	CHK(rlm_mock_new(&cfg, &m));
	rlm_mock_conduit(m, &mc);
	lifecycle(m, &mc, &cfg); /* warm up */
	/* Rounds of mock lifecycles and of as many empty calls, interleaved;
	 * the best round of each is kept (load hits both alike). */
	for (round = 0; round < rounds; round++) {
		ncalls = 0;
		t0 = now();
		for (i = 0; i < lifecycles; i++)
			lifecycle(m, &mc, &cfg);
		t = now() - t0;
		per_round = ncalls;
		if (!round || t < t_mock)
			t_mock = t;
		t0 = now();
		for (i = 0; i < per_round; i++)
			call(&ec, RLM_SMC_RMI_VERSION, 0x10000, 0, 0, 0, 0);
		t = now() - t0;
		if (!round || t < t_empty)
			t_empty = t;
	}
	n = per_round;
	mock_rate = (double)n / t_mock;
	empty_rate = (double)n / t_empty;
	printf("mock RMI calls/s over %llu realm lifecycles (%llu calls), best of %llu rounds: %.0f\n",
	       (unsigned long long)lifecycles, (unsigned long long)n,
	       (unsigned long long)rounds, mock_rate);
	printf("empty conduit calls/s (same number of calls, best round): %.0f\n", empty_rate);
	printf("figure, baseline, ratio: %.0f, %.0f, %.4f\n", mock_rate, empty_rate,
	       mock_rate / empty_rate);
	bench_print_load("mock_calls");
	rlm_mock_free(m);
	return 0;
}
