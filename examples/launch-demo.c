/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * launch-demo: a VMM in miniature, on the mock RMM.
 *
 *  1. plan a realm (RAM, a "kernel" image, two vCPUs) and predict its RIM;
 *  2. launch it, checking the realm's RIM against the prediction;
 *  3. attest it: the guest measures its agent into REM0 and fetches a token
 *     for a verifier's nonce; the verifier checks both signatures, the
 *     binding, the nonce, the RIM against the prediction and REM0 against
 *     a replay of what the guest extended;
 *  4. run a scripted guest: it shares a bounce buffer (RIPAS change), makes
 *     a host call, starts its second CPU (PSCI CPU_ON) and powers off;
 *     the VMM handles each exit, mirroring RIPAS in its tracker;
 *  5. tear the realm down and check that every granule came back.
 *
 * Exit status 0 when all of that holds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <realm/testing.h>

#define RAM_BASE UINT64_C(0x40000000)
#define RAM_SIZE UINT64_C(0x01000000)        /* 16 MiB */
#define BOUNCE UINT64_C(0x40800000)          /* a 2 MiB block to share */
#define HOSTCALL_IPA (RAM_BASE + 0x800)      /* inside the kernel image */
#define TOKEN_IPA (RAM_BASE + 0x2000)        /* the guest's token granule */

static struct rlm_mock *m;
static struct rlm_conduit c;

#define CHECK(cond, ...) do { if (!(cond)) { \
	fprintf(stderr, "launch-demo: " __VA_ARGS__); fputc('\n', stderr); \
	exit(1); } } while (0)

static int rim_check(void *ctx, uint64_t rd, const struct rlm_rim *predicted)
{
	uint8_t v[64];
	size_t hs;

	(void)ctx;
	return rlm_mock_measurement(m, rd, 0, v, &hs) ||
	       memcmp(v, predicted->value, 64) != 0;
}

static void on_ripas(void *arg, uint64_t base, uint64_t top, uint8_t old_ripas,
		     uint8_t new_ripas)
{
	(void)arg;
	if (rlm_ripas_is_private(old_ripas) != rlm_ripas_is_private(new_ripas))
		printf("  guest_memfd: [%#llx, %#llx) becomes %s\n",
		       (unsigned long long)base, (unsigned long long)top,
		       rlm_ripas_is_private(new_ripas) ? "private" : "shared");
}

static void queue(uint64_t rec, uint64_t x0, uint64_t x1, uint64_t x2,
		  uint64_t x3, uint64_t x4)
{
	struct rlm_smc_regs r;

	memset(&r, 0, sizeof(r));
	r.x[0] = x0;
	r.x[1] = x1;
	r.x[2] = x2;
	r.x[3] = x3;
	r.x[4] = x4;
	CHECK(rlm_mock_realm_queue(m, rec, &r) == 0, "cannot queue a guest call");
}

static void print_hex(const char *label, const uint8_t *p, size_t n)
{
	printf("%s", label);
	for (size_t i = 0; i < n; i++)
		printf("%02x", p[i]);
	printf("\n");
}

/* Step 3: the guest's side through the RSI conduit, then the verifier's. */
static void attest(uint64_t rd, uint64_t rec0, const struct rlm_rim *pred,
		   const struct rlm_mock_attest_portable *att)
{
	static uint8_t token[16384];
	static const char agent[] = "demo guest agent 1.0";
	uint8_t nonce[64], digest[RLM_HASH_MAX_SIZE], rem0[64], expect_rem0[64];
	uint8_t *granule = rlm_mock_realm_mem(m, rd, TOKEN_IPA, 4096);
	struct rlm_token_refvals ref;
	struct rlm_token_result vr;
	struct rlm_token_key *key = NULL;
	struct rlm_rsi_result rr;
	struct rlm_conduit rsi;
	static struct rlm_token tok;
	const char *claim = NULL;
	uint8_t point[RLM_ECDSA_MAX_POINT];
	size_t toklen = 0, pointlen = 0;
	int ret;

	CHECK(granule, "token granule not in realm memory");
	for (size_t i = 0; i < sizeof(nonce); i++)
		nonce[i] = (uint8_t)(0xa5 ^ (i * 7));
	/* The guest: measure the agent into REM0, then fetch a token. */
	CHECK(rlm_mock_rsi_conduit(m, rec0, &rsi) == 0, "no RSI conduit");
	CHECK(rlm_hash_digest(RLM_HASH_SHA256, agent, strlen(agent), digest) == 0, "hash");
	CHECK(rlm_rsi_measurement_extend(&rsi, RLM_MEASUREMENT_REM0, digest,
					 RLM_SHA256_SIZE, &rr) == 0, "extend REM0");
	CHECK(rlm_rsi_measurement_read(&rsi, RLM_MEASUREMENT_REM0, rem0, &rr) == 0,
	      "read REM0");
	CHECK(rlm_rsi_attestation_token(&rsi, nonce, sizeof(nonce), TOKEN_IPA, granule,
					token, sizeof(token), &toklen, &rr) == 0,
	      "token retrieval (RSI status %u)", rr.status);
	printf("attested: guest extended REM0 and fetched a %zu-byte token\n", toklen);

	/* The verifier: decode, verify, compare with the reference values. */
	CHECK(rlm_token_decode(token, toklen, &tok) == 0, "token malformed: %s %s",
	      tok.err_where ? tok.err_where : "", tok.err_what ? tok.err_what : "");
	CHECK(rlm_mock_attest_portable_platform_point(att, point, sizeof(point),
						      &pointlen) == 0, "platform key");
	ret = rlm_token_key_from_point(point, pointlen, &key);
	if (ret == RLM_ENOTSUP) /* librealm built without OpenSSL */
		printf("signatures: not checked (librealm built without OpenSSL)\n");
	else
		CHECK(ret == 0 && rlm_token_verify(&tok, key, &vr) == 0,
		      "token does not verify: %s", ret ? rlm_strerror(ret) :
		      vr.reason ? vr.reason : "?");
	memset(expect_rem0, 0, sizeof(expect_rem0));
	CHECK(rlm_rem_extend(RLM_HASH_SHA256, expect_rem0, digest, RLM_SHA256_SIZE) == 0,
	      "replay");
	CHECK(memcmp(expect_rem0, rem0, sizeof(rem0)) == 0, "REM0 read back differs");
	memset(&ref, 0, sizeof(ref));
	ref.challenge = nonce;
	ref.challenge_len = sizeof(nonce);
	ref.rim = pred->value;
	ref.rim_len = rlm_hash_size(pred->algo);
	ref.rem[0] = expect_rem0;
	ref.rem_len[0] = RLM_SHA256_SIZE;
	ref.hash_algo = "sha-256";
	CHECK(rlm_token_check_refvals(&tok, &ref, &claim) == 0, "claim %s differs",
	      claim ? claim : "?");
	printf("verified: platform and realm signatures, binding, nonce,\n"
	       "          RIM = the planner's prediction, REM0 = replay of the agent\n");
	rlm_token_key_free(key);
}

int main(void)
{
	static uint8_t kernel[3 * 4096];
	static struct rlm_rtt_node rtt_nodes[64];
	static struct rlm_rtt_mgr rtt;
	static uint64_t recs[2 * 17], bits[RLM_GPOOL_WORDS(16384)];
	struct rlm_launch_ram ram = { RAM_BASE, RAM_SIZE };
	struct rlm_launch_image img = { RAM_BASE, kernel, sizeof(kernel), true, "kernel" };
	struct rlm_launch_vcpu vcpus[2] = {
		{ .mpidr = 0, .pc = RAM_BASE + 0x1000, .runnable = true },
		{ .mpidr = 1, .pc = 0, .runnable = false },
	};
	struct rlm_mock_config cfg;
	struct rlm_launch_desc d;
	struct rlm_launch_env env;
	struct rlm_launch_state st;
	struct rlm_launch_counts cnt;
	struct rlm_rtt_geom g;
	struct rlm_gpool gp;
	struct rlm_ripas *tracker;
	struct rlm_rim pred;
	struct rlm_rec_enter enter;
	uint64_t run_pa, rec[2];
	uint8_t *run;
	bool off = false;
	int ret, exits = 0, r;

	/* 1. The plan. */
	for (size_t i = 0; i < sizeof(kernel); i++)
		kernel[i] = (uint8_t)(i * 13 + 1);
	memset(&d, 0, sizeof(d));
	d.params.s2sz = 40;
	d.params.num_bps = 1;
	d.params.num_wps = 1;
	d.params.hash_algo = RLM_RMI_HASH_SHA_256;
	d.ram = &ram;
	d.nram = 1;
	d.images = &img;
	d.nimages = 1;
	d.vcpus = vcpus;
	d.nvcpus = 2;
	d.ripas_level = 2;
	CHECK(rlm_launch_predict(&d, &pred, &cnt) == 0, "bad plan");
	CHECK(rlm_launch_check(&d, &g) == 0, "bad geometry");
	printf("plan: %llu RTTs, %llu RIPAS measurements, %llu data granules, %llu RECs\n",
	       (unsigned long long)cnt.rtts_ram + cnt.rtts_data,
	       (unsigned long long)cnt.ripas_entries,
	       (unsigned long long)cnt.data_measured + cnt.data_unmeasured,
	       (unsigned long long)cnt.recs);

	/* 2. Launch on the mock. */
	rlm_mock_config_default(&cfg);
	CHECK(rlm_mock_new(&cfg, &m) == 0, "no mock");
	rlm_mock_conduit(m, &c);
	static struct rlm_mock_attest_portable att;
	struct rlm_mock_attest prov;

	CHECK(rlm_mock_attest_portable_init(&att, NULL, &prov) == 0,
	      "no attestation provider");
	rlm_mock_set_attest(m, &prov);
	rlm_gpool_init(&gp, cfg.pool_base, cfg.pool_granules, bits, RLM_ARRAY_SIZE(bits));
	memset(&env, 0, sizeof(env));
	env.c = &c;
	rlm_gpool_ops(&gp, &env.pool);
	env.ns_pa = cfg.ns_base;
	env.ns_buf = rlm_mock_ns_ptr(m, env.ns_pa, 4096);
	env.check = rim_check;
	memset(&st, 0, sizeof(st));
	st.rtt = &rtt;
	st.rtt_nodes = rtt_nodes;
	st.rtt_cap = RLM_ARRAY_SIZE(rtt_nodes);
	st.recs = recs;
	st.recs_cap = RLM_ARRAY_SIZE(recs);
	ret = rlm_launch_execute(&d, &env, &st);
	CHECK(ret == 0, "launch failed: %s at step %zu", rlm_strerror(ret), st.failed_step);
	printf("launched: RIM matches the prediction at every step\n");
	print_hex("  RIM ", pred.value, rlm_hash_size(pred.algo));
	rec[0] = st.recs[0];
	rec[1] = st.recs[1 + st.aux_count];

	/* 3. Attestation. */
	attest(st.rd, rec[0], &pred, &att);

	/* The VMM's RIPAS mirror. */
	CHECK(rlm_ripas_new(rlm_rtt_par_size(&g), RLM_RIPAS_EMPTY, &tracker) == 0, "tracker");
	CHECK(rlm_ripas_set_grow(tracker, RAM_BASE, RAM_BASE + RAM_SIZE, RLM_RIPAS_RAM,
				 on_ripas, NULL) == 0, "tracker init");

	/* 4. The guest's script, and the host call block it points to. */
	{
		struct rlm_rsi_host_call hc;
		uint8_t *p = rlm_mock_realm_mem(m, st.rd, HOSTCALL_IPA, RLM_RSI_HOST_CALL_SIZE);

		CHECK(p, "host call block not in realm memory");
		memset(&hc, 0, sizeof(hc));
		hc.imm = 0x42;
		hc.gprs[0] = 0xfeed;
		rlm_pack_rsi_host_call(&hc, p, RLM_RSI_HOST_CALL_SIZE);
	}
	queue(rec[0], RLM_SMC_RSI_IPA_STATE_SET, BOUNCE, BOUNCE + 0x200000,
	      RLM_RIPAS_EMPTY, RLM_RSI_NO_CHANGE_DESTROYED);
	queue(rec[0], RLM_SMC_RSI_HOST_CALL, HOSTCALL_IPA, 0, 0, 0);
	queue(rec[0], RLM_PSCI_CPU_ON_AARCH64, 1, RAM_BASE + 0x2000, 0x77, 0);
	queue(rec[0], RLM_PSCI_SYSTEM_OFF, 0, 0, 0, 0);

	run_pa = cfg.ns_base + 4096;
	run = rlm_mock_ns_ptr(m, run_pa, 4096);
	rlm_exit_enter_init(&enter);
	while (!off && exits < 32) {
		struct rlm_rmi_result res;
		struct rlm_exit x;

		rlm_pack_rec_enter(&enter, run, RLM_REC_ENTER_SIZE);
		r = rlm_rmi_rec_enter(&c, rec[0], run_pa, &res);
		if (r == RLM_ERMI && res.status == RLM_RMI_ERROR_REALM && res.index == 1)
			break; /* SYSTEM_OFF */
		CHECK(r == 0, "REC_ENTER: %s", rlm_rmi_status_name(res.status));
		exits++;
		CHECK(rlm_exit_decode_page(run + RLM_REC_RUN_EXIT_OFF, RLM_REC_EXIT_SIZE,
					   &g, &x) == 0, "malformed exit");
		rlm_exit_enter_init(&enter);
		printf("exit %d: %s\n", exits, rlm_exit_kind_name(x.kind));
		switch (x.kind) {
		case RLM_EXIT_RIPAS_CHANGE: {
			uint64_t done;

			/* Accept: apply with RTT_SET_RIPAS, mirror what was done. */
			r = rlm_rmi_rtt_set_ripas_range(&c, st.rd, rec[0], x.ripas.base,
							x.ripas.top, &done, &res);
			CHECK(r == 0, "RTT_SET_RIPAS: %s", rlm_rmi_status_name(res.status));
			CHECK(rlm_exit_ripas_applied(tracker, &x, done, on_ripas, NULL) == 0,
			      "tracker");
			break;
		}
		case RLM_EXIT_HOST_CALL: {
			uint64_t answer[RLM_REC_RUN_GPRS] = { 0 };

			printf("  host call imm %#x, x0 %#llx\n", x.imm,
			       (unsigned long long)x.gprs[0]);
			answer[0] = x.gprs[0] + 1;
			rlm_exit_host_call_return(&enter, &x, answer);
			break;
		}
		case RLM_EXIT_PSCI:
			if (x.psci.action == RLM_PSCI_ACT_COMPLETE) {
				printf("  PSCI %#x for MPIDR %#llx\n", x.psci.fid,
				       (unsigned long long)x.psci.target_mpidr);
				CHECK(x.psci.target_mpidr == 1, "unknown target");
				r = rlm_rmi_psci_complete(&c, rec[0], rec[1],
							  RLM_PSCI_RET_SUCCESS, &res);
				CHECK(r == 0, "PSCI_COMPLETE: %s",
				      rlm_rmi_status_name(res.status));
			} else if (x.psci.action == RLM_PSCI_ACT_SYSTEM_OFF) {
				printf("  system off\n");
				off = true;
			}
			break;
		default:
			break; /* IRQ etc.: just enter again */
		}
	}
	CHECK(off, "the guest never powered off");
	CHECK(rlm_ripas_expect(tracker, BOUNCE, BOUNCE + 0x200000, RLM_RIPAS_EMPTY) == 0,
	      "bounce buffer not shared");
	{
		struct rlm_smc_regs last;

		CHECK(rlm_mock_realm_last_result(m, rec[0], &last) == 0, "result");
	}

	/* 5. Teardown. */
	ret = rlm_launch_teardown(&d, &env, &st);
	CHECK(ret == 0, "teardown: %s", rlm_strerror(ret));
	CHECK(rlm_mock_delegated_count(m) == 0, "%llu granules still delegated",
	      (unsigned long long)rlm_mock_delegated_count(m));
	CHECK(gp.nused == 0 && st.leaked == 0, "granules leaked");
	printf("torn down: every granule returned (%llu RMI calls in all)\n",
	       (unsigned long long)rlm_mock_calls(m));
	rlm_ripas_free(tracker);
	rlm_mock_free(m);
	rlm_memzero_explicit(&att, sizeof(att));
	printf("summary: planned, launched, measured, attested, %d exits handled, "
	       "torn down with nothing leaked\n", exits);
	return 0;
}
