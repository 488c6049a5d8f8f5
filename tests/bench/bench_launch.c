/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI calls to populate and tear down 1 GiB of measured realm data through
 * the launch planner/executor on the mock RMM, against the specification's
 * floor for that work: per data granule delegate + DATA_CREATE +
 * DATA_DESTROY + undelegate, per RTT the layout needs delegate +
 * RTT_CREATE + RTT_DESTROY + undelegate (docs/benchmarks.md).  Target
 * <= 1.01x.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <realm/testing.h>
#include <realm/launch.h>

#include "rlm_config.h"
#include "bench_util.h"

/* 1 GiB; a mock built with invariant checks after every call (meson
 * option mock_invariants) is quadratic, so that build runs 32 MiB and
 * says so. */
#ifndef BENCH_SHIFT
#if RLM_MOCK_CHECK_INVARIANTS
#define BENCH_SHIFT 25
#else
#define BENCH_SHIFT 30
#endif
#endif
#define GIB (UINT64_C(1) << BENCH_SHIFT)

int main(void)
{
	static struct rlm_rtt_node rtt_nodes[1024];
	static struct rlm_rtt_mgr rtt;
	static uint64_t recs[17];
	struct rlm_mock_config cfg;
	struct rlm_mock *m;
	struct rlm_conduit c;
	struct rlm_gpool gp;
	struct rlm_launch_env env;
	struct rlm_launch_state st;
	struct rlm_launch_counts cnt;
	struct rlm_launch_ram ram = { GIB, GIB };
	struct rlm_launch_image img;
	struct rlm_launch_vcpu v = { .mpidr = 0, .pc = GIB, .runnable = true };
	struct rlm_launch_desc d;
	struct rlm_rim pred;
	uint64_t *bits, calls, floor, n = (GIB >> 12) + 4096;
	uint8_t *data = malloc(GIB);
	struct timespec t0, t1;
	int ret;

	bench_print_machine("launch");
	rlm_mock_config_default(&cfg);
	cfg.pool_granules = n;
	cfg.max_rtts = 4096;
	cfg.max_pages = 16;
	bits = calloc(RLM_GPOOL_WORDS(n), sizeof(uint64_t));
	if (!data || !bits || rlm_mock_new(&cfg, &m)) {
		fprintf(stderr, "bench_launch: setup failed\n");
		return 1;
	}
	for (uint64_t i = 0; i < GIB; i += 4096)
		memset(data + i, (int)(i >> 12) | 1, 64);
	rlm_mock_conduit(m, &c);
	rlm_gpool_init(&gp, cfg.pool_base, n, bits, RLM_GPOOL_WORDS(n));
	memset(&env, 0, sizeof(env));
	env.c = &c;
	rlm_gpool_ops(&gp, &env.pool);
	env.ns_pa = cfg.ns_base;
	env.ns_buf = rlm_mock_ns_ptr(m, cfg.ns_base, 4096);
	memset(&st, 0, sizeof(st));
	st.rtt = &rtt;
	st.rtt_nodes = rtt_nodes;
	st.rtt_cap = 1024;
	st.recs = recs;
	st.recs_cap = 17;

	memset(&d, 0, sizeof(d));
	d.params.s2sz = 40;
	d.params.num_bps = 1;
	d.params.num_wps = 1;
	d.ram = &ram;
	d.nram = 1;
	img = (struct rlm_launch_image){ GIB, data, GIB, true, "data" };
	d.images = &img;
	d.nimages = 1;
	d.vcpus = &v;
	d.nvcpus = 1;
	d.ripas_level = 2;
	/* Counting only (no hashing): which tables the layout needs. */
	img.measured = false;
	ret = rlm_launch_predict(&d, &pred, &cnt);
	img.measured = true;
	if (ret) {
		fprintf(stderr, "bench_launch: plan: %s\n", rlm_strerror(ret));
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	calls = rlm_mock_calls(m);
	ret = rlm_launch_execute(&d, &env, &st);
	if (!ret)
		ret = rlm_launch_teardown(&d, &env, &st);
	calls = rlm_mock_calls(m) - calls;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (ret || rlm_mock_delegated_count(m)) {
		fprintf(stderr, "bench_launch: %s, %llu granules left\n", rlm_strerror(ret),
			(unsigned long long)rlm_mock_delegated_count(m));
		return 1;
	}
	floor = 4 * (cnt.data_measured + cnt.data_unmeasured) +
		4 * (cnt.rtts_ram + cnt.rtts_data);
	double ratio = (double)calls / (double)floor;

	if (BENCH_SHIFT != 30)
		printf("launch: mock invariant checks are on: %llu MiB instead of 1 GiB\n",
		       (unsigned long long)(GIB >> 20));
	printf("launch: %llu MiB measured data, %llu data granules, %llu RTTs, %.1f s\n",
	       (unsigned long long)(GIB >> 20),
	       (unsigned long long)(cnt.data_measured + cnt.data_unmeasured),
	       (unsigned long long)(cnt.rtts_ram + cnt.rtts_data),
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9);
	printf("figure, baseline, ratio\n");
	printf("rmi calls populate+teardown (calls), %llu, floor %llu, %.5fx (target <= 1.01x)%s\n",
	       (unsigned long long)calls, (unsigned long long)floor, ratio,
	       ratio <= 1.01 ? "" : "  BELOW TARGET");
	bench_print_load("launch");
	rlm_mock_free(m);
	free(bits);
	free(data);
	return 0;
}
