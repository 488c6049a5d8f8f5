/* SPDX-License-Identifier: BSD-3-Clause */
/* The launch measurement log of a plan (see realm/launch.h), written with
 * the event-log builder of realm/eventlog.h. */
#include <realm/launch.h>
#include <realm/error.h>

struct log_ {
	const struct rlm_launch_desc *d;
	struct rlm_tcg_builder b;
	const char *name;
	size_t last_image;  /* the image whose blob event was written last */
	bool any_image;
};

static int log_image_(struct log_ *l, size_t i)
{
	const struct rlm_launch_image *im = &l->d->images[i];

	return rlm_realm_log_add_blob(&l->b, RLM_EV_POST_CODE2,
				      im->name ? im->name : "image", im->ipa,
				      im->measured ? im->data : NULL, im->len);
}

static int log_visit_(void *arg, const struct rlm_launch_op *op)
{
	struct log_ *l = arg;

	switch (op->type) {
	case RLM_LOP_REALM_CREATE: {
		struct rlm_realm_log_vm_version v;
		uint64_t ram = 0;
		size_t i, n;

		rlm_memset(&v, 0, sizeof(v));
		for (n = 0; l->name && l->name[n] && n < 32; n++)
			v.name[n] = l->name[n];
		rlm_memcpy(v.version, "librealm", sizeof("librealm"));
		for (i = 0; i < l->d->nram; i++)
			ram += l->d->ram[i].size;
		v.ram_size = ram;
		v.num_cpus = (uint32_t)l->d->nvcpus;
		if (rlm_realm_log_add_vm_version(&l->b, &v))
			return RLM_ENOSPC;
		return rlm_realm_log_add_realm_create(&l->b, op->params);
	}
	case RLM_LOP_RIPAS_MEASURE:
		return rlm_realm_log_add_init_ripas(&l->b, op->ipa, op->top - op->ipa);
	case RLM_LOP_DATA:
		/* One blob event per image, at its first granule. */
		if (l->any_image && l->last_image == op->image)
			return 0;
		l->any_image = true;
		l->last_image = op->image;
		return log_image_(l, op->image);
	case RLM_LOP_REC_CREATE: {
		const struct rlm_launch_vcpu *v = &l->d->vcpus[op->vcpu];
		struct rlm_rec_params rp;

		if (!v->runnable)
			return 0; /* not measured, not logged */
		rlm_memset(&rp, 0, sizeof(rp));
		rp.flags = RLM_REC_PARAMS_FLAG_RUNNABLE;
		rp.mpidr = v->mpidr;
		rp.pc = v->pc;
		rlm_memcpy(rp.gprs, v->gprs, sizeof(rp.gprs));
		return rlm_realm_log_add_rec_create(&l->b, &rp);
	}
	default:
		return 0;
	}
}

int rlm_launch_log(const struct rlm_launch_desc *d, const char *name,
		   uint8_t *buf, size_t cap, size_t *len)
{
	struct log_ l;
	uint16_t alg;
	int ret;

	if (!d || !buf || !len)
		return RLM_EINVAL;
	/*
	 * 2.0 (TF-RMM 9a7f8ef rim.c, measurement_descs.h): REALM_CREATE
	 * measures the same fields at the same offsets as 1.0 (flags0 in
	 * 1.0's flags), a runnable REC the same flags / pc / gprs, data the
	 * same descriptor, and INIT_RIPAS nothing: the walk visits no
	 * RIPAS_MEASURE op, so the log has no INIT_RIPAS event and the 1.0
	 * pages replay to the 2.0 RIM.
	 */
	alg = rlm_tcg_alg_of((enum rlm_hash_algo)d->params.hash_algo);
	if (!alg)
		return RLM_EINVAL;
	rlm_memset(&l, 0, sizeof(l));
	l.d = d;
	l.name = name;
	ret = rlm_tcg_build_init(&l.b, buf, cap, &alg, 1);
	if (!ret)
		ret = rlm_launch_walk(d, log_visit_, &l);
	if (ret)
		return ret;
	*len = l.b.len;
	return 0;
}
