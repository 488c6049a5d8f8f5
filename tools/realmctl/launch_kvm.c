/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realmctl launch --kvm-model: the plan launched through the KVM backend
 * (rlm_kvm_launch) on the model of a kernel series over the mock RMM,
 * then the boot vCPU runs the guest program (RIM read, an attestation
 * token, a RIPAS change, CPU_ON of the others, SYSTEM_OFF) with
 * rlm_kvm_run; the token is verified (signatures, challenge, RIM = the
 * prediction) against the mock's platform key.
 */
#include <stdlib.h>
#include <string.h>

#include "launch.h"
#include <realm/kvm.h>
#include <realm/kvm-model.h>
#include <realm/token.h>

/* The verifier's side: decode, verify both signatures and the binding
 * (when librealm has a verifier: OpenSSL), then the challenge and the RIM
 * against the prediction. */
static int verify_token_(const struct rlm_mock_attest_portable *att, const uint8_t *buf,
			 size_t len, const struct rlm_kvm_model_program *prog,
			 const struct launch_plan *p)
{
	static struct rlm_token tok;
	struct rlm_token_refvals ref;
	struct rlm_token_result vr;
	struct rlm_token_key *key = NULL;
	const char *claim = NULL;
	uint8_t point[97];
	size_t pointlen = 0;
	int ok = 0, ret;

	if (rlm_token_decode(buf, len, &tok)) {
		cli_err("token: malformed");
		return 0;
	}
	if (rlm_mock_attest_portable_platform_point(att, point, sizeof(point), &pointlen)) {
		cli_err("token: no platform key");
		return 0;
	}
	memset(&vr, 0, sizeof(vr));
	memset(&ref, 0, sizeof(ref));
	ref.challenge = prog->challenge;
	ref.challenge_len = sizeof(prog->challenge);
	ref.rim = p->pred.value;
	ref.rim_len = rlm_hash_size(p->pred.algo);
	ret = rlm_token_key_from_point(point, pointlen, &key);
	if (ret && ret != RLM_ENOTSUP)
		cli_err("token: platform key: %s", rlm_strerror(ret));
	else if (!ret && rlm_token_verify(&tok, key, &vr))
		cli_err("token: does not verify (%s)", vr.reason ? vr.reason : "?");
	else if (rlm_token_check_refvals(&tok, &ref, &claim))
		cli_err("token: claim %s differs from the reference", claim ? claim : "?");
	else
		ok = 1;
	rlm_token_key_free(key);
	return ok;
}

/* The first measured image's first granule holds the guest's token. */
static uint64_t token_ipa_(const struct launch_plan *p)
{
	size_t i;

	for (i = 0; i < p->d.nimages; i++)
		if (p->d.images[i].measured)
			return p->d.images[i].ipa;
	return 0;
}

int launch_execute_kvm_model(const struct launch_opts *o, const struct launch_plan *p,
			     struct launch_result *r)
{
	struct rlm_kvm_model_config c;
	struct rlm_kvm_model_program prog;
	struct rlm_kvm_model_info info;
	struct rlm_kvm_run_stats st;
	struct rlm_mock_config mc;
	struct rlm_kvm_config kc;
	struct rlm_kvm_model *model = NULL;
	struct rlm_mock *m = NULL;
	static struct rlm_mock_attest_portable att;
	struct rlm_kvm_launch *l = calloc(1, sizeof(*l));
	struct rlm_kvm k;
	uint64_t calls;
	size_t hs;
	int ret = LAUNCH_FAILED, gic_fd = -1;

	memset(r, 0, sizeof(*r));
	rlm_mock_config_default(&mc);
	if (p->img_granules + p->cnt.rtts_ram + p->cnt.rtts_data + 64 + o->nvcpus * 17 >
	    mc.pool_granules)
		mc.pool_granules = p->img_granules + p->cnt.rtts_ram + p->cnt.rtts_data +
				   64 + o->nvcpus * 17;
	if (p->cnt.rtts_ram + p->cnt.rtts_data + 16 > mc.max_rtts)
		mc.max_rtts = (uint32_t)(p->cnt.rtts_ram + p->cnt.rtts_data + 16);
	if (!l || rlm_mock_new(&mc, &m)) {
		cli_err("cannot set up the mock RMM");
		goto out;
	}
	memset(&prog, 0, sizeof(prog));
	{
		struct rlm_mock_attest prov;

		if (rlm_mock_attest_portable_init(&att, NULL, &prov) == 0) {
			rlm_mock_set_attest(m, &prov);
			prog.token_ipa = token_ipa_(p);
		}
	}
	for (size_t i = 0; i < sizeof(prog.challenge); i++)
		prog.challenge[i] = (uint8_t)(0x3c ^ (i * 11));
	prog.nvcpus = (unsigned int)o->nvcpus;
	prog.entry = p->vcpus[0].pc;
	/* the last 8K of the first RAM range becomes shared */
	prog.empty_base = o->ram[0].base + o->ram[0].size - 0x2000;
	prog.empty_top = o->ram[0].base + o->ram[0].size;
	memset(&c, 0, sizeof(c));
	c.series = (enum rlm_kvm_series)o->kvm_model;
	c.mock = m;
	c.mock_cfg = &mc;
	c.populate_chunk = c.series == RLM_KVM_V10 || c.series == RLM_KVM_NV_RMI ? 0 : 0x10000;
	c.host_lpa2 = o->lpa2;   /* --lpa2: a host whose stage 2 uses LPA2 */
	/* the model kernel's MECIDs: 1..15 private, 0 shared */
	c.max_mecid = 15;
	c.program = rlm_kvm_model_program;
	c.program_arg = &prog;
	if (rlm_kvm_model_new(&c, &model)) {
		cli_err("cannot set up the KVM model");
		goto out;
	}
	rlm_kvm_model_kvm_config(model, &kc);
	calls = rlm_mock_calls(m);
	if (rlm_kvm_open(&k, &kc)) {
		cli_err("kvm: %s", k.why);
		goto out;
	}
	/* The RMM's limits, as the shim would read them on real hardware. */
	rlm_kvm_set_limits(&k, mc.feat_reg0);
	if (o->mec)
		rlm_kvm_set_mec(&k, o->mec == 2 ? RLM_MEC_PRIVATE : RLM_MEC_SHARED);
	r->ret = rlm_kvm_launch(&k, &p->d, l);
	if (r->ret)
		cli_err("kvm launch (%s) failed at %s: %s", rlm_kvm_series_name(k.series),
			l->failed_step ? l->failed_step : "?", k.why);
	else {
		/* the vGICv3 a realm needs, at QEMU virt's addresses, once
		 * every vCPU exists and before the first KVM_RUN */
		struct rlm_kvm_gic gic = { 0x08000000, 0x080a0000, (unsigned int)o->nvcpus, 0 };

		r->ret = rlm_kvm_vgic_create(&l->vm, &gic, &gic_fd);
		if (!r->ret)
			r->ret = rlm_kvm_vgic_init(&l->vm, gic_fd);
		if (r->ret)
			cli_err("vGICv3: %s", k.why);
	}
	if (!r->ret) {
		r->ret = rlm_kvm_run(&l->vcpus[0], NULL, NULL, &st);
		if (r->ret)
			cli_err("KVM_RUN loop: %s (%s)", rlm_strerror(r->ret), k.why);
		else if (st.last != RLM_KVM_X_SHUTDOWN)
			r->ret = RLM_ESTATE;
		r->exits = st.exits;
		r->memory_faults = st.memory_faults;
		r->mmio = st.mmio;
		r->hypercalls = st.hypercalls;
		r->shutdowns = st.last == RLM_KVM_X_SHUTDOWN;
		r->resets = st.last == RLM_KVM_X_RESET;
	}
	rlm_kvm_model_info(model, &info);
	r->kvm = true;
	r->series = rlm_kvm_series_name(k.series);
	r->entry_pc = info.rec0_pc;
	r->x0 = info.rec0_x0;
	r->token = -1;
	r->token_len = prog.token_len;
	r->mec_set = info.mec_set;
	r->mec_private = info.mec_private;
	r->mecid = info.mecid;
	if (!r->ret && info.rd && prog.token_ipa) {
		const uint8_t *tb = rlm_mock_realm_mem(m, info.rd, prog.token_ipa,
						       (size_t)prog.token_len);

		r->token = prog.token_done && tb &&
			   verify_token_(&att, tb, (size_t)prog.token_len, &prog, p);
		if (!prog.token_done)
			cli_err("token: the guest could not fetch one (RSI status %llu)",
				(unsigned long long)prog.token_error);
	}
	if (!r->ret && info.rd &&
	    rlm_mock_measurement(m, info.rd, 0, r->rim, &hs) == 0)
		r->match = !memcmp(r->rim, p->pred.value, 64) && info.rec0_pc != 0 &&
			   info.gic_ready &&
			   (!o->have_dtb || info.rec0_x0 == o->dtb_ipa) && prog.rim_read &&
			   !memcmp(prog.rim, p->pred.value, 64) && r->token != 0;
	r->gic = info.gic_ready;
	if (gic_fd >= 0)
		k.ops->close(k.ctx, gic_fd);
	rlm_kvm_launch_close(l);
	r->leaked = rlm_kvm_model_teardown(model);
	rlm_kvm_close(&k);
	r->calls = rlm_mock_calls(m) - calls;
	ret = LAUNCH_OK;
out:
	rlm_kvm_model_free(model);
	if (m)
		rlm_mock_free(m);
	free(l);
	return ret;
}
