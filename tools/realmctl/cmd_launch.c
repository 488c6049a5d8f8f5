/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realmctl launch: plan a realm launch, predict its RIM without running
 * anything, run the plan on the mock RMM, compare the realm's RIM with the
 * prediction step by step, tear the realm down and count what came back.
 */
#include <stdlib.h>
#include <string.h>

#include "realmctl.h"
#include <realm/launch.h>
#include <realm/rtt_mgr.h>

#define MAX_RAM 16
#define MAX_LOAD 16
#define MAX_VCPUS 16

static const char usage_[] =
	"usage: realmctl launch --mock [--hash sha256|sha512] [--ipa-bits N]\n"
	"         [--ram BASE:SIZE]... [--load FILE@IPA]... [--load-unmeasured FILE@IPA]...\n"
	"         [--vcpus N] [--entry PC] [--ripas-level 2|3] [--log OUT] [--json]";

struct load_ {
	struct rlm_launch_image im;
	uint8_t *buf;
};

static int cmp_load_(const void *a, const void *b)
{
	const struct load_ *x = a, *y = b;

	return x->im.ipa < y->im.ipa ? -1 : x->im.ipa > y->im.ipa;
}

static int cmp_ram_(const void *a, const void *b)
{
	const struct rlm_launch_ram *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

struct check_ {
	struct rlm_mock *m;
	uint8_t rim[64];
};

static int check_(void *ctx, uint64_t rd, const struct rlm_rim *predicted)
{
	struct check_ *c = ctx;
	size_t hs;

	if (rlm_mock_measurement(c->m, rd, 0, c->rim, &hs))
		return 1;
	return memcmp(c->rim, predicted->value, 64) != 0;
}

static int parse_load_(const char *arg, bool measured, struct load_ *l)
{
	char path[4096];
	const char *at = strrchr(arg, '@');
	size_t len;

	if (!at || at == arg || (size_t)(at - arg) >= sizeof(path))
		return -1;
	memcpy(path, arg, (size_t)(at - arg));
	path[at - arg] = 0;
	if (cli_parse_u64(at + 1, &l->im.ipa))
		return -1;
	if (cli_read_file(path, &l->buf, &len)) {
		cli_err("cannot read %s", path);
		return -2;
	}
	if (!len) {
		cli_err("%s is empty", path);
		free(l->buf);
		l->buf = NULL;
		return -2;
	}
	l->im.data = l->buf;
	l->im.len = len;
	l->im.measured = measured;
	l->im.name = at == arg ? "" : arg;
	return 0;
}

int cmd_launch(int argc, char **argv)
{
	struct rlm_launch_ram ram[MAX_RAM];
	struct rlm_launch_image images[MAX_LOAD];
	struct load_ loads[MAX_LOAD];
	struct rlm_launch_vcpu vcpus[MAX_VCPUS];
	struct rlm_launch_desc d;
	struct rlm_launch_counts cnt;
	struct rlm_rim pred;
	size_t nram = 0, nload = 0, i;
	uint64_t nvcpus = 1, entry = 0, ipa_bits = 40, level = 2;
	bool as_json = false, have_mock = false, have_entry = false;
	int hash = RLM_RMI_HASH_SHA_256, ret, rc = CLI_USAGE;
	struct rlm_mock_config cfg;
	struct rlm_mock *m = NULL;
	struct rlm_conduit c;
	struct rlm_gpool gp;
	uint64_t *bits = NULL, calls = 0, pool_n, img_granules = 0;
	struct rlm_launch_env env;
	struct rlm_launch_state st;
	struct rlm_rtt_node *rtt_nodes = NULL;
	struct rlm_rtt_mgr rtt;
	uint32_t rtt_cap;
	uint64_t *recs = NULL;
	struct check_ chk;
	const char *log_path = NULL;
	size_t log_len = 0;

	memset(loads, 0, sizeof(loads));
	for (i = 1; i < (size_t)argc; i++) {
		const char *a = argv[i], *v = i + 1 < (size_t)argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--mock")) {
			have_mock = true;
		} else if (!strcmp(a, "--json")) {
			as_json = true;
		} else if (!strcmp(a, "--hash") && v) {
			i++;
			if (!strcmp(v, "sha256"))
				hash = RLM_RMI_HASH_SHA_256;
			else if (!strcmp(v, "sha512"))
				hash = RLM_RMI_HASH_SHA_512;
			else
				goto usage;
		} else if (!strcmp(a, "--ipa-bits") && v) {
			i++;
			if (cli_parse_u64(v, &ipa_bits) || ipa_bits < 32 || ipa_bits > 48)
				goto usage;
		} else if (!strcmp(a, "--ram") && v) {
			const char *colon = strchr(v, ':');
			char base[64];

			i++;
			if (!colon || nram == MAX_RAM || (size_t)(colon - v) >= sizeof(base))
				goto usage;
			memcpy(base, v, (size_t)(colon - v));
			base[colon - v] = 0;
			if (cli_parse_u64(base, &ram[nram].base) ||
			    cli_parse_u64(colon + 1, &ram[nram].size))
				goto usage;
			nram++;
		} else if ((!strcmp(a, "--load") || !strcmp(a, "--load-unmeasured")) && v) {
			i++;
			if (nload == MAX_LOAD)
				goto usage;
			ret = parse_load_(v, !strcmp(a, "--load"), &loads[nload]);
			if (ret == -1)
				goto usage;
			if (ret)
				goto out;
			nload++;
		} else if (!strcmp(a, "--vcpus") && v) {
			i++;
			if (cli_parse_u64(v, &nvcpus) || !nvcpus || nvcpus > MAX_VCPUS)
				goto usage;
		} else if (!strcmp(a, "--entry") && v) {
			i++;
			if (cli_parse_u64(v, &entry))
				goto usage;
			have_entry = true;
		} else if (!strcmp(a, "--log") && v) {
			i++;
			log_path = v;
		} else if (!strcmp(a, "--ripas-level") && v) {
			i++;
			if (cli_parse_u64(v, &level) || level < 2 || level > 3)
				goto usage;
		} else {
			goto usage;
		}
	}
	if (!have_mock) {
		cli_err("launch runs on the mock RMM only: add --mock");
		goto usage;
	}
	if (!nram) {
		ram[0].base = 0x40000000;
		ram[0].size = 0x10000000;
		nram = 1;
	}
	qsort(ram, nram, sizeof(ram[0]), cmp_ram_);
	qsort(loads, nload, sizeof(loads[0]), cmp_load_);
	for (i = 0; i < nload; i++) {
		images[i] = loads[i].im;
		img_granules += (images[i].len + 4095) / 4096;
	}
	if (!have_entry)
		entry = nload ? images[0].ipa : ram[0].base;
	memset(vcpus, 0, sizeof(vcpus));
	for (i = 0; i < nvcpus; i++) {
		vcpus[i].mpidr = i;
		vcpus[i].pc = entry;
		vcpus[i].runnable = i == 0;
	}
	memset(&d, 0, sizeof(d));
	d.params.s2sz = (uint32_t)ipa_bits;
	d.params.num_bps = 1;
	d.params.num_wps = 1;
	d.params.hash_algo = (uint8_t)hash;
	d.ram = ram;
	d.nram = nram;
	d.images = images;
	d.nimages = nload;
	d.vcpus = vcpus;
	d.nvcpus = nvcpus;
	d.ripas_level = (int)level;
	ret = rlm_launch_predict(&d, &pred, &cnt);
	if (ret) {
		cli_err("invalid layout: %s", rlm_strerror(ret));
		goto out;
	}

	/* The launch measurement log, replayable to the same RIM. */
	if (log_path) {
		size_t cap = 4096 + (cnt.ripas_entries + cnt.recs) * 192 + nload * 512;
		uint8_t *lb = malloc(cap);
		FILE *f;

		ret = lb ? rlm_launch_log(&d, "realmctl", lb, cap, &log_len) : RLM_ENOMEM;
		f = ret ? NULL : fopen(log_path, "wb");
		if (!f || fwrite(lb, 1, log_len, f) != log_len || fclose(f)) {
			cli_err("cannot write the launch log to %s", log_path);
			free(lb);
			goto out;
		}
		free(lb);
	}

	/* The mock, sized for this launch. */
	rlm_mock_config_default(&cfg);
	pool_n = img_granules + cnt.rtts_ram + cnt.rtts_data + 64 + nvcpus * 17;
	if (pool_n > cfg.pool_granules)
		cfg.pool_granules = pool_n;
	if (cnt.rtts_ram + cnt.rtts_data + 16 > cfg.max_rtts)
		cfg.max_rtts = (uint32_t)(cnt.rtts_ram + cnt.rtts_data + 16);
	ret = rlm_mock_new(&cfg, &m);
	bits = calloc(RLM_GPOOL_WORDS(cfg.pool_granules), sizeof(uint64_t));
	rtt_cap = rlm_rtt_mgr_cap_for(cnt.rtts_ram + cnt.rtts_data);
	rtt_nodes = rtt_cap ? calloc(rtt_cap, sizeof(*rtt_nodes)) : NULL;
	recs = calloc(nvcpus * 17, sizeof(*recs));
	rc = CLI_FAIL;
	if (ret || !bits || !rtt_nodes || !recs) {
		cli_err("cannot set up the mock RMM");
		goto out;
	}
	rlm_mock_conduit(m, &c);
	rlm_gpool_init(&gp, cfg.pool_base, cfg.pool_granules, bits,
		       RLM_GPOOL_WORDS(cfg.pool_granules));
	memset(&env, 0, sizeof(env));
	env.c = &c;
	rlm_gpool_ops(&gp, &env.pool);
	env.ns_pa = cfg.ns_base;
	env.ns_buf = rlm_mock_ns_ptr(m, cfg.ns_base, 4096);
	chk.m = m;
	env.check = check_;
	env.check_ctx = &chk;
	memset(&st, 0, sizeof(st));
	st.rtt = &rtt;
	st.rtt_nodes = rtt_nodes;
	st.rtt_cap = rtt_cap;
	st.recs = recs;
	st.recs_cap = nvcpus * 17;

	calls = rlm_mock_calls(m);
	ret = rlm_launch_execute(&d, &env, &st);
	if (ret)
		cli_err("launch: %s at step %zu (%s)%s%s", rlm_strerror(ret),
			st.failed_step, rlm_launch_op_name(st.failed_op),
			ret == RLM_ERMI ? ", RMM said " : "",
			ret == RLM_ERMI ? rlm_rmi_status_name(st.rmi.status) : "");
	else
		(void)check_(&chk, st.rd, &pred); /* the final RIM, for the report */
	if (ret)
		memset(chk.rim, 0, sizeof(chk.rim));
	(void)rlm_launch_teardown(&d, &env, &st);
	calls = rlm_mock_calls(m) - calls;
	uint64_t leaked = rlm_mock_delegated_count(m) + st.leaked;
	bool match = ret == 0 && !memcmp(chk.rim, pred.value, 64);
	size_t hs = rlm_hash_size(pred.algo);

	if (as_json) {
		struct json j;

		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "hash");
		json_str(&j, rlm_hash_name(pred.algo));
		json_key(&j, "rim_predicted");
		json_hex(&j, pred.value, hs);
		json_key(&j, "rim_realm");
		json_hex(&j, chk.rim, hs);
		json_key(&j, "match");
		json_bool(&j, match);
		json_key(&j, "rmi_calls");
		json_u64(&j, calls);
		json_key(&j, "granules_leaked");
		json_u64(&j, leaked);
		json_key(&j, "rtts");
		json_u64(&j, cnt.rtts_ram + cnt.rtts_data);
		json_key(&j, "data_granules");
		json_u64(&j, cnt.data_measured + cnt.data_unmeasured);
		json_key(&j, "ripas_measurements");
		json_u64(&j, cnt.ripas_entries);
		json_key(&j, "recs");
		json_u64(&j, cnt.recs);
		if (log_path) {
			json_key(&j, "log_bytes");
			json_u64(&j, log_len);
		}
		if (ret) {
			json_key(&j, "failed_step");
			json_u64(&j, st.failed_step);
			json_key(&j, "failed_op");
			json_str(&j, rlm_launch_op_name(st.failed_op));
		}
		json_obj_end(&j);
		json_finish(&j);
	} else {
		printf("realm launched on the mock RMM (%s, %u-bit IPA, %zu RAM range%s)\n",
		       rlm_hash_name(pred.algo), (unsigned int)ipa_bits, nram,
		       nram == 1 ? "" : "s");
		printf("  rim predicted:   ");
		cli_print_hex(stdout, pred.value, hs);
		printf("\n  rim realm:       ");
		cli_print_hex(stdout, chk.rim, hs);
		printf("\n  match:           %s\n", match ? "yes" : "NO");
		printf("  rmi calls:       %llu\n", (unsigned long long)calls);
		printf("  granules leaked: %llu\n", (unsigned long long)leaked);
	}
	rc = match && !leaked ? CLI_OK : CLI_FAIL;
	goto out;
usage:
	cli_err("%s", usage_);
	rc = CLI_USAGE;
out:
	for (i = 0; i < MAX_LOAD; i++)
		free(loads[i].buf);
	free(bits);
	free(rtt_nodes);
	free(recs);
	if (m)
		rlm_mock_free(m);
	return rc;
}
