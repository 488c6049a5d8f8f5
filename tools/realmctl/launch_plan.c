/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realmctl launch: the plan.  Sorts what the command line gave, fills in the
 * defaults (one RAM range, entry at the first image), builds the launch
 * descriptor, predicts the RIM and writes the launch measurement log.
 */
#include <stdlib.h>
#include <string.h>

#include "launch.h"
#include <realm/kvm.h>

static int cmp_load_(const void *a, const void *b)
{
	const struct launch_load *x = a, *y = b;

	return x->im.ipa < y->im.ipa ? -1 : x->im.ipa > y->im.ipa;
}

static int cmp_ram_(const void *a, const void *b)
{
	const struct rlm_launch_ram *x = a, *y = b;

	return x->base < y->base ? -1 : x->base > y->base;
}

/* The launch measurement log, replayable to the same RIM. */
static int write_log_(const struct launch_opts *o, struct launch_plan *p)
{
	size_t cap = 4096 + (p->cnt.ripas_entries + p->cnt.recs) * 192 + o->nload * 512;
	uint8_t *lb = malloc(cap);
	FILE *f;
	int ret;

	ret = lb ? rlm_launch_log(&p->d, "realmctl", lb, cap, &p->log_len) : RLM_ENOMEM;
	f = ret ? NULL : fopen(o->log_path, "wb");
	if (f) {
		/* fclose whatever fwrite did: a short write must not leak f */
		bool whole = fwrite(lb, 1, p->log_len, f) == p->log_len;

		ret = (fclose(f) == 0 && whole) ? 0 : RLM_EIO;
	}
	free(lb);
	if (!f || ret) {
		cli_err("cannot write the launch log to %s", o->log_path);
		return LAUNCH_BAD_INPUT;
	}
	return LAUNCH_OK;
}

/* --refvals: rlm_refvals_json's form, what token appraise --rv-store reads. */
static int write_refvals_(const char *path, const struct rlm_realm_mrs *m,
			  const uint8_t *rpv)
{
	char out[1024];
	size_t n = 0;
	FILE *f;
	bool ok;
	int rc = rlm_refvals_json(m, rpv, out, sizeof(out), &n);

	if (rc) {
		cli_err("--refvals %s: %s", path, rlm_strerror(rc));
		return rc;
	}
	f = fopen(path, "w");
	ok = f && fprintf(f, "%s\n", out) > 0;
	if (f && fclose(f))
		ok = false;
	if (!ok) {
		cli_err("--refvals %s: cannot write", path);
		return RLM_EIO;
	}
	return 0;
}

int launch_plan_build(struct launch_opts *o, struct launch_plan *p)
{
	struct rlm_launch_desc *d = &p->d;
	uint64_t entry = o->entry;
	size_t i;
	int ret;

	memset(p, 0, sizeof(*p));
	if (!o->nram) {
		o->ram[0].base = 0x40000000;
		o->ram[0].size = 0x10000000;
		o->nram = 1;
	}
	qsort(o->ram, o->nram, sizeof(o->ram[0]), cmp_ram_);
	qsort(o->loads, o->nload, sizeof(o->loads[0]), cmp_load_);
	for (i = 0; i < o->nload; i++) {
		p->images[i] = o->loads[i].im;
		p->img_granules += (p->images[i].len + 4095) / 4096;
	}
	if (!o->have_entry)
		entry = o->nload ? p->images[0].ipa : o->ram[0].base;
	for (i = 0; i < o->nvcpus; i++) {
		p->vcpus[i].mpidr = i;
		p->vcpus[i].pc = entry;
		p->vcpus[i].runnable = i == 0;
	}
	if (o->have_dtb)
		p->vcpus[0].gprs[0] = o->dtb_ipa;
	for (i = 0; i < 8; i++)
		if (o->have_gpr[i])
			p->vcpus[0].gprs[i] = o->gpr[i];
	d->params.s2sz = (uint32_t)o->ipa_bits;
	d->params.num_bps = (uint32_t)o->num_bps - 1;
	d->params.num_wps = (uint32_t)o->num_wps - 1;
	if (o->sve_vl) {
		d->params.flags |= RLM_RMI_REALM_PARAM_FLAG_SVE;
		d->params.sve_vl = (uint32_t)(o->sve_vl / 128 - 1);
	}
	if (o->pmu) {
		d->params.flags |= RLM_RMI_REALM_PARAM_FLAG_PMU;
		d->params.pmu_num_ctrs = (uint32_t)o->pmu_num_ctrs;
	}
	if (o->lpa2)
		d->params.flags |= RLM_RMI_REALM_PARAM_FLAG_LPA2;
	memcpy(d->params.rpv, o->rpv, sizeof(d->params.rpv));
	d->params.hash_algo = (uint8_t)o->hash;
	d->ram = o->ram;
	d->nram = o->nram;
	d->images = p->images;
	d->nimages = o->nload;
	d->vcpus = p->vcpus;
	d->nvcpus = o->nvcpus;
	d->ripas_level = (int)o->ripas_level;
	d->abi = (enum rlm_rmi_abi)o->rmm;
	/* --kvm-model: predict in the order that series' kernel measures */
	d->order = o->kvm_model ? rlm_kvm_series_order((enum rlm_kvm_series)o->kvm_model) :
		   RLM_LAUNCH_ORDER_RMM;
	ret = rlm_launch_predict(d, &p->pred, &p->cnt);
	if (ret) {
		cli_err("invalid layout: %s", rlm_strerror(ret));
		return LAUNCH_BAD_INPUT;
	}
	if (o->corim_path || o->refvals_path) {
		/* Reference values before the launch: REMs are zero. */
		struct rlm_realm_mrs m;

		memset(&m, 0, sizeof(m));
		m.algo = p->pred.algo;
		m.have_rim = true;
		memcpy(m.rim, p->pred.value, rlm_hash_size(p->pred.algo));
		if (o->corim_path && cli_write_corim("--corim", o->corim_path, &m, o->rpv, 0))
			return LAUNCH_BAD_INPUT;
		if (o->refvals_path && write_refvals_(o->refvals_path, &m, o->rpv))
			return LAUNCH_BAD_INPUT;
	}
	return o->log_path ? write_log_(o, p) : LAUNCH_OK;
}
