/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Benchmark: peak memory of a full realm lifecycle on the mock RMM
 * (16,384 DATA granules from a non-zero source page, their RTTs, two
 * RECs, then the teardown) against the same lifecycle's count of granules
 * times 4 KiB (what a model keeping every granule's page would hold),
 * measured in the same run.  The mock's block is reserved for a 64 GiB
 * pool; its cost is the resident memory it adds (/proc/self/statm).
 * Prints "figure, baseline, ratio" (lower is better) and the per-granule
 * costs rlm_mock_mem_stats reports.
 */
#include <realm/testing.h>
#include <abi/call.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_util.h"

#define NDATA 16384u
#define CHK(e) do { if ((e) != 0) { fprintf(stderr, "%s:%d: %s failed\n", __FILE__, __LINE__, #e); exit(1); } } while (0)

static struct rlm_mock *m;
static uint64_t granules_used;

static uint64_t call(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
		     uint64_t a5)
{
	struct rlm_smc_regs r;

	rlm_regs_set_(&r, fid, a1, a2, a3, a4, a5);
	rlm_mock_rmi(m, &r);
	return r.x[0];
}

static size_t rss(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	unsigned long size = 0, res = 0;

	if (!f || fscanf(f, "%lu %lu", &size, &res) != 2) {
		fprintf(stderr, "cannot read /proc/self/statm\n");
		exit(1);
	}
	fclose(f);
	return (size_t)res * (size_t)sysconf(_SC_PAGESIZE);
}

static void delegate(uint64_t pa)
{
	CHK(call(RLM_SMC_RMI_GRANULE_DELEGATE, pa, 0, 0, 0, 0));
	granules_used++;
}

int main(void)
{
	struct rlm_mock_config cfg;
	struct rlm_mock_mem_stats st;
	struct rlm_realm_params p;
	struct rlm_rec_params rp;
	uint64_t g, ns, i, rec;
	size_t before, peak;
	double figure, baseline;

	bench_print_machine("mock_memory");
	rlm_mock_config_default(&cfg);
	cfg.pool_granules = (UINT64_C(64) << 30) / 4096;
	cfg.max_rtts = 16384;
	cfg.max_pages = 4096;
	g = cfg.pool_base;
	ns = cfg.ns_base;
#define GR(n) (g + (uint64_t)(n) * 4096)
	before = rss();
	CHK(rlm_mock_new(&cfg, &m));
	memset(rlm_mock_ns_ptr(m, ns + 4096, 4096), 0x5a, 4096); /* the source page */
	for (i = 0; i < 40; i++)
		delegate(GR(i));
	memset(&p, 0, sizeof(p));
	p.s2sz = 40;
	p.num_bps = p.num_wps = 1;
	p.vmid = 1;
	p.rtt_base = GR(1);
	p.rtt_level_start = 1;
	p.rtt_num_start = 2;
	CHK(rlm_pack_realm_params(&p, rlm_mock_ns_ptr(m, ns + 4096 * 10, 4096), 4096));
	CHK(call(RLM_SMC_RMI_REALM_CREATE, GR(0), ns + 4096 * 10, 0, 0, 0));
	CHK(call(RLM_SMC_RMI_RTT_CREATE, GR(0), GR(3), 0, 2, 0));
	for (i = 0; i < NDATA / 512; i++)
		CHK(call(RLM_SMC_RMI_RTT_CREATE, GR(0), GR(4 + i), i << 21, 3, 0));
	for (i = 0; i < NDATA; i++) {
		delegate(GR(1000 + i));
		CHK(call(RLM_SMC_RMI_DATA_CREATE, GR(0), GR(1000 + i), i * 4096, ns + 4096,
			 RLM_RMI_MEASURE_CONTENT));
	}
	for (rec = 0; rec < 2; rec++) {
		memset(&rp, 0, sizeof(rp));
		rp.flags = 1;
		rp.mpidr = rec;
		rp.num_aux = 16;
		for (i = 0; i < 16; i++) {
			rp.aux[i] = GR(100 + rec * 16 + i);
			delegate(rp.aux[i]);
		}
		delegate(GR(80 + rec));
		CHK(rlm_pack_rec_params(&rp, rlm_mock_ns_ptr(m, ns + 4096 * 11, 4096), 4096));
		CHK(call(RLM_SMC_RMI_REC_CREATE, GR(0), GR(80 + rec), ns + 4096 * 11, 0, 0));
	}
	CHK(call(RLM_SMC_RMI_REALM_ACTIVATE, GR(0), 0, 0, 0, 0));
	peak = rss();
	CHK(rlm_mock_mem_stats(m, &st));
	/* teardown: everything goes back */
	for (rec = 0; rec < 2; rec++)
		CHK(call(RLM_SMC_RMI_REC_DESTROY, GR(80 + rec), 0, 0, 0, 0));
	for (i = 0; i < NDATA; i++)
		CHK(call(RLM_SMC_RMI_DATA_DESTROY, GR(0), i * 4096, 0, 0, 0));
	for (i = 0; i < NDATA / 512; i++)
		CHK(call(RLM_SMC_RMI_RTT_DESTROY, GR(0), i << 21, 3, 0, 0));
	CHK(call(RLM_SMC_RMI_RTT_DESTROY, GR(0), 0, 2, 0, 0));
	CHK(call(RLM_SMC_RMI_REALM_DESTROY, GR(0), 0, 0, 0, 0));
	if (rlm_mock_delegated_count(m) != granules_used) {
		fprintf(stderr, "teardown left granules in use\n");
		return 1;
	}
#undef GR
	figure = (double)(peak > before ? peak - before : 0);
	baseline = (double)granules_used * 4096.0;
	printf("lifecycle: %llu granules delegated (%u DATA), %llu RTTs, %llu pages stored\n",
	       (unsigned long long)granules_used, NDATA, (unsigned long long)st.rtts,
	       (unsigned long long)st.pages);
	printf("mock block reserved for a 64 GiB pool: %zu MiB; resident at peak: %.1f MiB\n",
	       st.block_bytes >> 20, figure / 1048576.0);
	printf("bytes per delegated granule: %zu; per mapped DATA granule: %zu (+4 KiB when its "
	       "content is stored)\n", st.per_delegated, st.per_data);
	printf("figure, baseline, ratio: %.0f, %.0f, %.4f\n", figure, baseline, figure / baseline);
	bench_print_load("mock_memory");
	rlm_mock_free(m);
	return 0;
}
