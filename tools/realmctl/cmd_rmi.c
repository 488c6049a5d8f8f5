/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realmctl rmi run [--rmm 1.0|2.0] [--features k=v,...] TRACE
 *
 * Runs an RMI trace (docs/rmi-trace.md) against the mock RMM and prints
 * one result line per command.  Exit 0: every expectation held; 1: at
 * least one failed; 2: usage, unreadable or malformed trace.
 */
#include <stdlib.h>
#include <string.h>

#include <realm/trace.h>
#include <rlm_config.h>
#if RLM_HAVE_OPENSSL
#include <realm/token.h>
#endif

#include "realmctl.h"
#include "trace/trace_int.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: realmctl rmi run [--rmm 1.0|2.0] [--features k=v,...] TRACE\n"
		"  TRACE: an RMI trace file (docs/rmi-trace.md), - for stdin\n"
		"  --rmm: the RMI version the mock answers and the trace is run as\n"
		"    (default: the trace's 'rmm' line, else 1.0)\n"
		"  --features: change RMI_FEATURES(0) of the mock before the run;\n"
		"    k = s2sz, lpa2, sve, sve_vl, num_bps, num_wps, pmu,\n"
		"        pmu_num_ctrs, sha256, sha512, gicv3_num_lrs,\n"
		"        max_recs_order, or raw=0x... (the whole register)\n"
		"exit: 0 all expectations held, 1 one failed, 2 bad usage or trace\n");
}

struct feat_field {
	const char *name;
	uint64_t mask;
};

static const struct feat_field feat_fields[] = {
	{ "s2sz", RLM_RMI_FEATURE_REGISTER_0_S2SZ },
	{ "lpa2", RLM_RMI_FEATURE_REGISTER_0_LPA2 },
	{ "sve", RLM_RMI_FEATURE_REGISTER_0_SVE_EN },
	{ "sve_vl", RLM_RMI_FEATURE_REGISTER_0_SVE_VL },
	{ "num_bps", RLM_RMI_FEATURE_REGISTER_0_NUM_BPS },
	{ "num_wps", RLM_RMI_FEATURE_REGISTER_0_NUM_WPS },
	{ "pmu", RLM_RMI_FEATURE_REGISTER_0_PMU_EN },
	{ "pmu_num_ctrs", RLM_RMI_FEATURE_REGISTER_0_PMU_NUM_CTRS },
	{ "sha256", RLM_RMI_FEATURE_REGISTER_0_HASH_SHA_256 },
	{ "sha512", RLM_RMI_FEATURE_REGISTER_0_HASH_SHA_512 },
	{ "gicv3_num_lrs", RLM_RMI_FEATURE_REGISTER_0_GICV3_NUM_LRS },
	{ "max_recs_order", RLM_RMI_FEATURE_REGISTER_0_MAX_RECS_ORDER },
};

/* Apply "k=v,k=v" to *reg in order.  0, or -1 after printing why. */
static int apply_features(const char *spec, uint64_t *reg)
{
	char item[128];
	const char *p = spec;

	if (!*spec) {
		cli_err("rmi run: --features needs k=v,...");
		return -1;
	}
	while (*p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char *eq;
		uint64_t v;
		size_t i;

		if (n == 0 || n >= sizeof(item)) {
			cli_err("rmi run: bad --features item '%.*s'", (int)n, p);
			return -1;
		}
		memcpy(item, p, n);
		item[n] = 0;
		p += n + (end ? 1 : 0);
		if (end && !*p) {
			cli_err("rmi run: --features ends with ','");
			return -1;
		}
		eq = strchr(item, '=');
		if (!eq || eq == item || cli_parse_u64(eq + 1, &v)) {
			cli_err("rmi run: bad --features item '%s' (want k=v)", item);
			return -1;
		}
		*eq = 0;
		if (!strcmp(item, "raw")) {
			*reg = v;
			continue;
		}
		for (i = 0; i < sizeof(feat_fields) / sizeof(feat_fields[0]); i++)
			if (!strcmp(item, feat_fields[i].name))
				break;
		if (i == sizeof(feat_fields) / sizeof(feat_fields[0])) {
			cli_err("rmi run: unknown feature '%s'", item);
			return -1;
		}
		if (v > RLM_FIELD_GET(feat_fields[i].mask, ~UINT64_C(0))) {
			cli_err("rmi run: feature %s=%s out of range", item, eq + 1);
			return -1;
		}
		*reg = (*reg & ~feat_fields[i].mask) |
		       RLM_FIELD_PREP(feat_fields[i].mask, v);
	}
	return 0;
}

static void print_line(void *arg, const char *line, size_t len)
{
	(void)arg;
	fwrite(line, 1, len, stdout);
	putc('\n', stdout);
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

static int run_trace(const char *path, const char *features, const char *rmm)
{
	static char outbuf[1 << 16];
	struct rlm_trace_result res;
	struct rlm_trace_env env;
	struct trace_prog prog;
	struct ctx tc;
	struct rlm_mock_config cfg;
	struct rlm_mock *m = NULL;
	static struct rlm_mock_attest_portable att;
	struct rlm_mock_attest prov;
	uint8_t *buf = NULL;
	size_t len = 0;
	uint64_t feat;
	int err, rc;

	rlm_mock_config_default(&cfg);
	/*
	 * Traces may use any granule of the pools the spec promises (at least
	 * 16384 g and 1024 ns); give more, as the reference host build does
	 * (65536 / 4096), and capacities no trace can exhaust before the RMM
	 * model itself answers (every pool granule may become an RTT; VMIDs
	 * allow 256 realms), so a capacity limit never decides an answer.
	 */
	cfg.pool_granules = 65536;
	cfg.ns_granules = 4096;
	cfg.max_realms = 1024;
	cfg.max_recs = 4096;
	cfg.max_rtts = 16384;
	cfg.max_pages = 4096;
	feat = cfg.feat_reg0;
	if (features && apply_features(features, &feat))
		return CLI_USAGE;
	err = cli_read_file(path, &buf, &len);
	if (err) {
		cli_err("rmi run: cannot read %s: %s", path, rlm_strerror(err));
		return CLI_USAGE;
	}
	/* The RMI version: --rmm, else the trace's own "rmm" line (a
	 * mismatch between the two is the parser's error, with its line). */
	if (rmm) {
		cfg.abi = !strcmp(rmm, "2.0") ? RLM_RMI_V2_0 : RLM_RMI_V1_0;
	} else {
		enum rlm_rmi_abi abi = RLM_RMI_V1_0;

		/* a bad rmm line: left to the parse below, with its line */
		if (!rlm_trace_abi((const char *)buf, len, &abi, NULL))
			cfg.abi = abi;
	}
	/*
	 * RMM 2.0's range commands compare addresses across the two areas
	 * (GRANULE_RANGE_DELEGATE base=nsN top=gM is refused as top < base
	 * only if NS memory lies above the pool), so under 2.0 the NS area
	 * follows the pool, as the reference host build lays its DRAM out;
	 * 1.0 keeps the layout its traces were recorded with.
	 */
	if (cfg.abi == RLM_RMI_V2_0)
		cfg.ns_base = cfg.pool_base + cfg.pool_granules * RLM_GRANULE_SIZE;
	if (cfg.abi == RLM_RMI_V2_0 && features) {
		cli_err("rmi run: --features sets RMM 1.0's feature register 0; "
			"not available with RMM 2.0");
		free(buf);
		return CLI_USAGE;
	}
	/* The trace sees cfg.ns_granules NS granules; the one after them is
	 * the runner's own parameter page (2.0: then its address list). */
	memset(&env, 0, sizeof(env));
	env.pool_base = cfg.pool_base;
	env.pool_granules = cfg.pool_granules;
	env.ns_base = cfg.ns_base;
	env.ns_granules = cfg.ns_granules;
	env.scratch = cfg.ns_base + cfg.ns_granules * RLM_GRANULE_SIZE;
	env.abi = cfg.abi;
	cfg.ns_granules += 1;
	if (cfg.abi == RLM_RMI_V2_0) {
		/* and one more for the RMI address lists (2.0) */
		env.scratch_list = env.scratch + RLM_GRANULE_SIZE;
		cfg.ns_granules += 1;
	}
	/*
	 * The trace is parsed once, whole, into compact records (what
	 * rlm_trace_run does, in two steps here): a malformed trace is refused
	 * before the mock is even built, and the text is freed before the run.
	 */
	trace_ctx_init_(&tc, &env, &res);
	err = trace_compile_(&tc, (const char *)buf, len, &prog);
	free(buf);
	buf = NULL;
	if (!err) {
		err = rlm_mock_new(&cfg, &m);
		if (err && cfg.abi == RLM_RMI_V2_0) {
			cli_err("rmi run: this mock RMM cannot answer as RMM 2.0 "
				"(rlm_mock_new: %s); run the trace against "
				"another RMM 2.0 model", rlm_strerror(err));
			trace_prog_free_(&prog);
			return CLI_USAGE;
		}
		if (!err && cfg.abi == RLM_RMI_V1_0)
			err = rlm_mock_set_features(m, feat);
		if (err) {
			cli_err("rmi run: cannot set up the mock RMM: %s",
				rlm_strerror(err));
			rlm_mock_free(m);
			trace_prog_free_(&prog);
			return CLI_USAGE;
		}
		/* RSI attestation tokens, signed by the mock's default keys */
		err = rlm_mock_attest_portable_init(&att, NULL, &prov);
		if (err) {
			cli_err("rmi run: cannot set up attestation: %s",
				rlm_strerror(err));
			rlm_mock_free(m);
			trace_prog_free_(&prog);
			return CLI_USAGE;
		}
		rlm_mock_set_attest(m, &prov);
		rlm_mock_conduit(m, &env.rmi);
		env.ctx = m;
		env.ns_ptr = env_ns_ptr;
		env.measurement = env_measurement;
		env.realm_queue = env_queue;
		env.realm_mem = env_realm_mem;
		/* result lines go out in 64 KiB writes */
		setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
		err = trace_exec_(&tc, &prog, print_line, NULL);
		trace_prog_free_(&prog);
		rlm_mock_free(m);
	}
	fflush(stdout);
	switch (err) {
	case 0:
		rc = CLI_OK;
		break;
	case RLM_EMISMATCH:
		cli_err("rmi run: %s: %u of %u expectations failed", path,
			res.failed, res.expected);
		rc = CLI_FAIL;
		break;
	default:
		if (res.error_line)
			cli_err("rmi run: %s:%u: %s", path, res.error_line,
				res.error);
		else
			cli_err("rmi run: %s: %s", path, rlm_strerror(err));
		rc = CLI_USAGE;
		break;
	}
	return rc;
}

int cmd_rmi(int argc, char **argv)
{
	const char *features = NULL, *trace = NULL, *rmm = NULL;
	int i;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? CLI_USAGE : CLI_OK;
	}
	if (strcmp(argv[1], "run")) {
		cli_err("rmi: unknown subcommand '%s'", argv[1]);
		usage(stderr);
		return CLI_USAGE;
	}
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--features") && i + 1 < argc && !features) {
			features = argv[++i];
		} else if (!strncmp(argv[i], "--features=", 11) && !features) {
			features = argv[i] + 11;
		} else if ((!strcmp(argv[i], "--rmm") && i + 1 < argc) ||
			   !strncmp(argv[i], "--rmm=", 6)) {
			const char *v = argv[i][5] == '=' ? argv[i] + 6 :
							    argv[++i];

			if (rmm || (strcmp(v, "1.0") && strcmp(v, "2.0"))) {
				cli_err("rmi run: --rmm takes 1.0 or 2.0, once");
				usage(stderr);
				return CLI_USAGE;
			}
			rmm = v;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return CLI_OK;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			cli_err("rmi run: unknown option '%s'", argv[i]);
			usage(stderr);
			return CLI_USAGE;
		} else if (!trace) {
			trace = argv[i];
		} else {
			cli_err("rmi run: more than one TRACE");
			usage(stderr);
			return CLI_USAGE;
		}
	}
	if (!trace) {
		cli_err("rmi run: no TRACE given");
		usage(stderr);
		return CLI_USAGE;
	}
	return run_trace(trace, features, rmm);
}
