/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Benchmark: the RMI trace runner's lines per second on a large lifecycle
 * trace (tests/bench/gen_lifecycle.py: ~60,000 commands), against a
 * baseline measured in the same run: reading the same file and splitting
 * every line into its whitespace-separated tokens (the least any runner
 * must do).  Two figures: the parse alone (rlm_trace_check) and the whole
 * run on a fresh mock RMM (parse + every RMI call + the result lines; the
 * mock is built before and freed after the timed part).  Rounds run
 * interleaved and the best of each is kept.
 *
 * usage: bench_trace TRACE
 */
#include <realm/testing.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"

#define ROUNDS 5

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* The baseline's work: lines, and per line its tokens (spaces, tabs). */
static unsigned long tokenise(const char *b, size_t len, unsigned long *lines)
{
	unsigned long toks = 0, sum = 0;
	size_t i = 0;

	*lines = 0;
	while (i < len) {
		const char *nl = memchr(b + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - b) : len;

		(*lines)++;
		while (i < end) {
			size_t s;

			while (i < end && (b[i] == ' ' || b[i] == '\t' ||
					   b[i] == '\r'))
				i++;
			s = i;
			while (i < end && b[i] != ' ' && b[i] != '\t' &&
			       b[i] != '\r')
				i++;
			if (i > s) {
				toks++;
				sum += (unsigned char)b[s] + (i - s);
			}
		}
		i = end + 1;
	}
	return toks + (sum & 1);
}

struct sink {
	unsigned long lines;
	unsigned long bytes;
};

static void sink_line(void *arg, const char *line, size_t len)
{
	struct sink *s = arg;

	s->lines++;
	s->bytes += len + (unsigned char)line[0];
}

static void *env_ns_ptr(void *ctx, uint64_t pa, size_t len)
{
	return rlm_mock_ns_ptr(ctx, pa, len);
}

static int env_measurement(void *ctx, uint64_t rd, unsigned int index,
			   uint8_t out[64], size_t *hash_size)
{
	return rlm_mock_measurement(ctx, rd, index, out, hash_size);
}

static int env_queue(void *ctx, uint64_t rec, const struct rlm_smc_regs *call)
{
	return rlm_mock_realm_queue(ctx, rec, call);
}

static void *env_realm_mem(void *ctx, uint64_t rd, uint64_t ipa, size_t len)
{
	return rlm_mock_realm_mem(ctx, rd, ipa, len);
}

/* The mock and the environment `realmctl rmi run` uses. */
static struct rlm_mock *make_mock(struct rlm_trace_env *env)
{
	struct rlm_mock_config cfg;
	struct rlm_mock *m;

	rlm_mock_config_default(&cfg);
	cfg.pool_granules = 65536;
	cfg.ns_granules = 4096;
	cfg.max_realms = 1024;
	cfg.max_recs = 4096;
	cfg.max_rtts = 16384;
	cfg.max_pages = 4096;
	memset(env, 0, sizeof(*env));
	env->pool_base = cfg.pool_base;
	env->pool_granules = cfg.pool_granules;
	env->ns_base = cfg.ns_base;
	env->ns_granules = cfg.ns_granules;
	env->scratch = cfg.ns_base + cfg.ns_granules * RLM_GRANULE_SIZE;
	cfg.ns_granules += 1;
	if (rlm_mock_new(&cfg, &m)) {
		fprintf(stderr, "bench_trace: cannot make the mock\n");
		exit(1);
	}
	rlm_mock_conduit(m, &env->rmi);
	env->ctx = m;
	env->ns_ptr = env_ns_ptr;
	env->measurement = env_measurement;
	env->realm_queue = env_queue;
	env->realm_mem = env_realm_mem;
	return m;
}

int main(int argc, char **argv)
{
	double best_base = 1e30, best_parse = 1e30, best_run = 1e30;
	unsigned long lines = 0, cmds = 0;
	int round;

	if (argc != 2) {
		fprintf(stderr, "usage: bench_trace TRACE\n");
		return 2;
	}
	bench_print_machine("bench_trace");
	for (round = 0; round < ROUNDS; round++) {
		struct rlm_trace_result res;
		struct rlm_trace_env env;
		struct rlm_mock *m;
		struct sink sk = { 0, 0 };
		unsigned long nl, toks;
		double t0, t;
		size_t len;
		char *buf;
		int err;

		/* baseline: read + tokenise */
		t0 = bench_now();
		buf = read_file(argv[1], &len);
		if (!buf) {
			fprintf(stderr, "bench_trace: cannot read %s\n", argv[1]);
			return 1;
		}
		toks = tokenise(buf, len, &nl);
		free(buf);
		t = bench_now() - t0;
		if (t < best_base)
			best_base = t;
		if (!toks)
			return 1;

		/* figure 1: read + parse */
		make_mock(&env);   /* only for the pool limits */
		rlm_mock_free(env.ctx);
		env.ctx = NULL;
		t0 = bench_now();
		buf = read_file(argv[1], &len);
		err = buf ? rlm_trace_check(buf, len, &env, &res) : -1;
		free(buf);
		t = bench_now() - t0;
		if (err || res.lines != nl) {
			fprintf(stderr, "bench_trace: check failed (%d) at %u: %s\n",
				err, res.error_line, res.error);
			return 1;
		}
		if (t < best_parse)
			best_parse = t;

		/* figure 2: read + run on a fresh mock */
		m = make_mock(&env);
		t0 = bench_now();
		buf = read_file(argv[1], &len);
		err = buf ? rlm_trace_run(buf, len, &env, sink_line, &sk, &res)
			  : -1;
		free(buf);
		t = bench_now() - t0;
		rlm_mock_free(m);
		if (err || sk.lines != res.commands) {
			fprintf(stderr, "bench_trace: run failed (%d) at %u: %s\n",
				err, res.error_line, res.error);
			return 1;
		}
		if (t < best_run)
			best_run = t;
		lines = nl;
		cmds = res.commands;
	}
	printf("trace: %s, %lu lines, %lu commands\n", argv[1], lines, cmds);
	printf("baseline: read + tokenise: %.0f lines/s (%.1f ms)\n",
	       (double)lines / best_base, best_base * 1e3);
	printf("parse (rlm_trace_check): %.0f lines/s (%.1f ms), ratio %.3fx of the baseline\n",
	       (double)lines / best_parse, best_parse * 1e3, best_base / best_parse);
	printf("run (rlm_trace_run on the mock): %.0f lines/s (%.1f ms), ratio %.3fx of the baseline\n",
	       (double)lines / best_run, best_run * 1e3, best_base / best_run);
	bench_print_load("bench_trace");
	return 0;
}
