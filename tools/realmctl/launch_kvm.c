/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realmctl launch --kvm-model: the plan launched through the KVM backend
 * (rlm_kvm_launch) on the model of a kernel series over the mock RMM,
 * then the boot vCPU runs the guest program (RIM read, a RIPAS change,
 * CPU_ON of the others, SYSTEM_OFF) with rlm_kvm_run.
 */
#include <stdlib.h>
#include <string.h>

#include "launch.h"
#include <realm/kvm.h>
#include <realm/kvm-model.h>

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
	struct rlm_kvm_launch *l = calloc(1, sizeof(*l));
	struct rlm_kvm k;
	uint64_t calls;
	size_t hs;
	int ret = LAUNCH_FAILED;

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
	prog.nvcpus = (unsigned int)o->nvcpus;
	prog.entry = p->vcpus[0].pc;
	/* the last 8K of the first RAM range becomes shared */
	prog.empty_base = o->ram[0].base + o->ram[0].size - 0x2000;
	prog.empty_top = o->ram[0].base + o->ram[0].size;
	memset(&c, 0, sizeof(c));
	c.series = (enum rlm_kvm_series)o->kvm_model;
	c.mock = m;
	c.mock_cfg = &mc;
	c.num_bps = p->d.params.num_bps;
	c.num_wps = p->d.params.num_wps;
	c.populate_chunk = c.series == RLM_KVM_V10 || c.series == RLM_KVM_NV_RMI ? 0 : 0x10000;
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
	r->ret = rlm_kvm_launch(&k, &p->d, l);
	if (r->ret)
		cli_err("kvm launch (%s) failed at %s: %s", rlm_kvm_series_name(k.series),
			l->failed_step ? l->failed_step : "?", k.why);
	else {
		r->ret = rlm_kvm_run(&l->vcpus[0], NULL, NULL, &st);
		if (r->ret)
			cli_err("KVM_RUN loop: %s (%s)", rlm_strerror(r->ret), k.why);
		else if (st.last != RLM_KVM_X_SHUTDOWN)
			r->ret = RLM_ESTATE;
	}
	rlm_kvm_model_info(model, &info);
	if (!r->ret && info.rd &&
	    rlm_mock_measurement(m, info.rd, 0, r->rim, &hs) == 0)
		r->match = !memcmp(r->rim, p->pred.value, 64) && info.rec0_pc != 0 &&
			   (!o->have_dtb || info.rec0_x0 == o->dtb_ipa) && prog.rim_read &&
			   !memcmp(prog.rim, p->pred.value, 64);
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
