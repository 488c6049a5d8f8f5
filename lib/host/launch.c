/* SPDX-License-Identifier: BSD-3-Clause */
/* Launch planner: canonical operation walk and RIM prediction; see
 * realm/launch.h. */
#include <realm/launch.h>
#include <realm/error.h>
#include <realm/hash.h>

static const uint8_t zero_granule_[RLM_GRANULE_SIZE];

struct walk_ {
	const struct rlm_launch_desc *d;
	struct rlm_rtt_geom g;
	struct rlm_realm_params params;   /* as REALM_CREATE sends them */
	struct rlm_realm_params2 params2; /* the same, abi 2.0 */
	const struct rlm_rim_rules *rules; /* d->abi's */
	rlm_launch_visit_fn fn;
	void *arg;
	int L;                            /* ripas level */
	bool ka;                          /* RLM_LAUNCH_ORDER_KVM_ACTIVATE */
	/* ka: the last table the INIT_RIPAS walk created at each level (the
	 * walk ascends, so earlier ones cover addresses it has passed) */
	bool have[RLM_RTT_MAX_LEVEL + 2];
	uint64_t last[RLM_RTT_MAX_LEVEL + 2];
};

static uint64_t ram_end_(const struct rlm_launch_ram *r)
{
	return r->base + r->size;
}

static bool ram_intersects_(const struct rlm_launch_desc *d, uint64_t b,
			    uint64_t t)
{
	size_t i;

	for (i = 0; i < d->nram; i++)
		if (d->ram[i].base < t && ram_end_(&d->ram[i]) > b)
			return true;
	return false;
}

/* [b, t) lies inside the union of RAM ranges (adjacent ranges join). */
static bool ram_covers_(const struct rlm_launch_desc *d, uint64_t b, uint64_t t)
{
	uint64_t cur = b;
	size_t i;

	for (i = 0; i < d->nram && cur < t; i++) {
		if (ram_end_(&d->ram[i]) <= cur)
			continue;
		if (d->ram[i].base > cur)
			return false;
		cur = ram_end_(&d->ram[i]);
	}
	return cur >= t;
}

/* Is there (will there be, before INIT_RIPAS) a table at level l for the
 * block at blk of the size of a level l-1 entry? */
static bool ram_table_(const struct walk_ *w, uint64_t blk, int l)
{
	uint64_t end = blk + rlm_rtt_entry_size(l - 1);

	if (l <= w->g.start_level)
		return true; /* the root */
	if (w->ka)
		return false; /* no INIT_RIPAS before data: no RAM tables yet */
	if (!ram_intersects_(w->d, blk, end))
		return false;
	return l <= w->L || !ram_covers_(w->d, blk, end);
}

static int emit_(struct walk_ *w, struct rlm_launch_op *op)
{
	/* A version whose INIT_RIPAS measures nothing has no such op. */
	if (op->type == RLM_LOP_RIPAS_MEASURE && !w->rules->ripas_measured)
		return 0;
	return w->fn(w->arg, op);
}

static int emit_rtt_(struct walk_ *w, uint64_t ipa, int level, bool data)
{
	struct rlm_launch_op op;

	rlm_memset(&op, 0, sizeof(op));
	op.type = RLM_LOP_RTT_CREATE;
	op.ipa = ipa;
	op.level = level;
	op.data_rtt = data;
	return emit_(w, &op);
}

/* Tables at level l under blk (size of a level l-1 entry), parent first. */
static int ram_tables_(struct walk_ *w, uint64_t blk, int l)
{
	uint64_t end = blk + rlm_rtt_entry_size(l - 1), csz, next = blk;
	size_t i;
	int ret;

	if (!ram_table_(w, blk, l))
		return 0;
	ret = emit_rtt_(w, blk, l, false);
	if (ret || l == RLM_RTT_MAX_LEVEL)
		return ret;
	csz = rlm_rtt_entry_size(l);
	for (i = 0; i < w->d->nram; i++) {
		const struct rlm_launch_ram *r = &w->d->ram[i];
		uint64_t c, stop = ram_end_(r) < end ? ram_end_(r) : end;

		if (ram_end_(r) <= blk || r->base >= end)
			continue;
		c = r->base & ~(csz - 1);
		if (c < next)
			c = next;
		for (; c < stop; c += csz) {
			ret = ram_tables_(w, c, l + 1);
			if (ret)
				return ret;
		}
		next = c;
	}
	return 0;
}

static int all_ram_tables_(struct walk_ *w)
{
	int sl = w->g.start_level;
	uint64_t rsz = rlm_rtt_entry_size(sl), next = 0;
	size_t i;
	int ret;

	if (sl == RLM_RTT_MAX_LEVEL)
		return 0;
	for (i = 0; i < w->d->nram; i++) {
		const struct rlm_launch_ram *r = &w->d->ram[i];
		uint64_t c = r->base & ~(rsz - 1);

		if (c < next)
			c = next;
		for (; c < ram_end_(r); c += rsz) {
			ret = ram_tables_(w, c, sl + 1);
			if (ret)
				return ret;
		}
		next = c;
	}
	return 0;
}

static int init_ripas_(struct walk_ *w)
{
	struct rlm_launch_op op;
	size_t i = 0;
	int ret;

	while (i < w->d->nram) {
		uint64_t b = w->d->ram[i].base, t = ram_end_(&w->d->ram[i]), a;

		/* Join touching ranges: one INIT_RIPAS loop. */
		while (i + 1 < w->d->nram && w->d->ram[i + 1].base == t)
			t = ram_end_(&w->d->ram[++i]);
		i++;
		rlm_memset(&op, 0, sizeof(op));
		op.type = RLM_LOP_INIT_RIPAS;
		op.ipa = b;
		op.top = t;
		ret = emit_(w, &op);
		if (ret)
			return ret;
		for (a = b; a < t;) {
			int l = w->g.start_level;
			uint64_t sz;

			while (l < RLM_RTT_MAX_LEVEL &&
			       ram_table_(w, a & ~(rlm_rtt_entry_size(l) - 1), l + 1))
				l++;
			sz = rlm_rtt_entry_size(l);
			if ((a & (sz - 1)) || a + sz > t)
				return RLM_ESTATE; /* cannot happen: tables cover RAM */
			op.type = RLM_LOP_RIPAS_MEASURE;
			op.ipa = a;
			op.top = a + sz;
			op.level = l;
			ret = emit_(w, &op);
			if (ret)
				return ret;
			a += sz;
		}
	}
	return 0;
}

static uint64_t img_start_(const struct rlm_launch_image *im)
{
	return im->ipa & ~RLM_GRANULE_MASK;
}

static uint64_t img_end_(const struct rlm_launch_image *im)
{
	return (im->ipa + im->len + RLM_GRANULE_MASK) & ~RLM_GRANULE_MASK;
}

static int data_tables_(struct walk_ *w)
{
	uint64_t last[RLM_RTT_MAX_LEVEL + 2];
	bool have[RLM_RTT_MAX_LEVEL + 2] = { false };
	size_t i;
	int l, ret;

	for (i = 0; i < w->d->nimages; i++) {
		const struct rlm_launch_image *im = &w->d->images[i];
		uint64_t g;

		for (g = img_start_(im); g < img_end_(im); g += RLM_GRANULE_SIZE) {
			for (l = w->g.start_level + 1; l <= RLM_RTT_MAX_LEVEL; l++) {
				uint64_t blk = g & ~(rlm_rtt_entry_size(l - 1) - 1);

				if (ram_table_(w, blk, l) ||
				    (have[l + 1] && last[l + 1] == blk))
					continue;
				ret = emit_rtt_(w, blk, l, true);
				if (ret)
					return ret;
				have[l + 1] = true;
				last[l + 1] = blk;
			}
		}
	}
	return 0;
}

static int data_(struct walk_ *w, bool measured)
{
	struct rlm_launch_op op;
	size_t i;
	int ret;

	for (i = 0; i < w->d->nimages; i++) {
		const struct rlm_launch_image *im = &w->d->images[i];
		uint64_t g, off = 0;

		if (im->measured != measured)
			continue;
		/*
		 * The first granule of an unaligned image holds zeros up to
		 * the image (TF-RMM measures the whole granule the VMM gave).
		 */
		for (g = img_start_(im); off < im->len; g += RLM_GRANULE_SIZE) {
			size_t at = (size_t)(g < im->ipa ? im->ipa - g : 0);
			uint64_t n = RLM_GRANULE_SIZE - at;

			if (n > im->len - off)
				n = im->len - off;
			rlm_memset(&op, 0, sizeof(op));
			op.type = RLM_LOP_DATA;
			op.ipa = g;
			op.flags = measured ? RLM_RMI_MEASURE_CONTENT :
					      RLM_RMI_NO_MEASURE_CONTENT;
			op.content = im->data + off;
			op.content_len = (size_t)n;
			op.content_off = at;
			op.image = i;
			off += n;
			ret = emit_(w, &op);
			if (ret)
				return ret;
		}
	}
	return 0;
}

/* ---- RLM_LAUNCH_ORDER_KVM_ACTIVATE: INIT_RIPAS after data and RECs ---- */

/* Does an image's granule lie in [b, t)? (Data came with tables down to
 * level 3 over each of its granules.) */
static bool ka_data_in_(const struct walk_ *w, uint64_t b, uint64_t t)
{
	size_t i;

	for (i = 0; i < w->d->nimages; i++)
		if (img_start_(&w->d->images[i]) < t && img_end_(&w->d->images[i]) > b)
			return true;
	return false;
}

/* A table at level l over blk (the size of a level l-1 entry) exists. */
static bool ka_table_(const struct walk_ *w, uint64_t blk, int l)
{
	if (l <= w->g.start_level)
		return true;
	if (w->have[l] && w->last[l] == blk)
		return true;
	return ka_data_in_(w, blk, blk + rlm_rtt_entry_size(l - 1));
}

/* The level the RMM's walk reaches at a. */
static int ka_depth_(const struct walk_ *w, uint64_t a)
{
	int l = w->g.start_level;

	while (l < RLM_RTT_MAX_LEVEL &&
	       ka_table_(w, a & ~(rlm_rtt_entry_size(l) - 1), l + 1))
		l++;
	return l;
}

/* The kernel's find_map_level(): the lowest level (largest block) whose
 * entry at a is aligned and inside [a, t), not above the start level. */
static int ka_map_level_(const struct walk_ *w, uint64_t a, uint64_t t)
{
	int l = RLM_RTT_MAX_LEVEL;

	while (l > w->g.start_level) {
		uint64_t sz = rlm_rtt_entry_size(l - 1);

		if ((a & (sz - 1)) || a + sz > t)
			break;
		l--;
	}
	return l;
}

/* At a (< t): 1 an entry INIT_RIPAS measures (level *lvl), 0 a populated
 * granule (skipped), -1 tables missing (the RMM answers RMI_ERROR_RTT at
 * *lvl, below the map level). */
static int ka_at_(const struct walk_ *w, uint64_t a, uint64_t t, int *lvl)
{
	int l = ka_depth_(w, a);
	uint64_t sz = rlm_rtt_entry_size(l);

	*lvl = l;
	if (l == RLM_RTT_MAX_LEVEL && ka_data_in_(w, a, a + RLM_GRANULE_SIZE))
		return 0;
	if ((a & (sz - 1)) || a + sz > t)
		return -1;
	return 1;
}

static int ka_init_ripas_(struct walk_ *w)
{
	struct rlm_launch_op op;
	size_t i;
	int ret, l, k;

	for (i = 0; i < w->d->nram; i++) {
		uint64_t a = w->d->ram[i].base, t = ram_end_(&w->d->ram[i]);

		while (a < t) {
			uint64_t e = a;

			/* A run of measured entries: one INIT_RIPAS loop. */
			while (e < t && ka_at_(w, e, t, &l) == 1)
				e += rlm_rtt_entry_size(l);
			if (e > a) {
				rlm_memset(&op, 0, sizeof(op));
				op.type = RLM_LOP_INIT_RIPAS;
				op.ipa = a;
				op.top = e;
				ret = emit_(w, &op);
				for (; !ret && a < e; a = op.top) {
					(void)ka_at_(w, a, t, &l);
					op.type = RLM_LOP_RIPAS_MEASURE;
					op.ipa = a;
					op.top = a + rlm_rtt_entry_size(l);
					op.level = l;
					ret = emit_(w, &op);
				}
				if (ret)
					return ret;
				continue;
			}
			if (ka_at_(w, a, t, &l) == 0) {
				a += RLM_GRANULE_SIZE;   /* populated: skipped */
				continue;
			}
			/* realm_create_rtt_levels(a, l, find_map_level()) */
			for (k = l + 1; k <= ka_map_level_(w, a, t); k++) {
				uint64_t blk = a & ~(rlm_rtt_entry_size(k - 1) - 1);

				ret = emit_rtt_(w, blk, k, false);
				if (ret)
					return ret;
				w->have[k] = true;
				w->last[k] = blk;
			}
			if (ka_map_level_(w, a, t) <= l)
				return RLM_ESTATE; /* cannot happen: see ka_at_ */
		}
	}
	return 0;
}

int rlm_launch_check(const struct rlm_launch_desc *d, struct rlm_rtt_geom *g)
{
	const struct rlm_rim_rules *rules;
	uint64_t par, prev_end = 0;
	size_t i;
	int ret, min_l;

	if (!d || !g || !d->ram || !d->nram || !d->vcpus || !d->nvcpus ||
	    (d->nimages && !d->images))
		return RLM_EINVAL;
	if (rlm_rim_rules(d->abi, &rules))
		return RLM_EINVAL;
	if (d->params.hash_algo >= 32 ||
	    !((rules->hash_algos >> d->params.hash_algo) & 1u))
		return RLM_EINVAL;
	if (d->abi == RLM_RMI_V2_0 &&
	    (d->params.vmid || (d->params.flags & ~(uint64_t)RLM_RMI_REALM_FLAGS0_DEFINED)))
		return RLM_EINVAL;
	if (d->params.rtt_num_start == 0)
		ret = rlm_rtt_geom_default(g, d->params.s2sz,
				(d->params.flags & RLM_RMI_REALM_PARAM_FLAG_LPA2) != 0);
	else
		ret = rlm_rtt_geom_from_params(g, &d->params);
	if (ret)
		return ret == RLM_EMISMATCH ? RLM_ERANGE : ret;
	min_l = g->start_level > 1 ? g->start_level : 1;
	if (d->ripas_level < min_l || d->ripas_level > RLM_RTT_MAX_LEVEL)
		return RLM_ERANGE;
	par = rlm_rtt_par_size(g);
	for (i = 0; i < d->nram; i++) {
		const struct rlm_launch_ram *r = &d->ram[i];

		if ((r->base | r->size) & RLM_GRANULE_MASK)
			return RLM_EALIGN;
		if (!r->size || r->base < prev_end || r->base > par ||
		    r->size > par - r->base)
			return RLM_ERANGE;
		prev_end = ram_end_(r);
	}
	prev_end = 0;
	for (i = 0; i < d->nimages; i++) {
		const struct rlm_launch_image *im = &d->images[i];

		if (!im->data || !im->len)
			return RLM_EINVAL;
		/* Inside RAM or not (firmware flash), but in the protected
		 * half and not sharing a granule with the previous image. */
		if ((i && img_start_(im) < prev_end) || im->len > par ||
		    im->ipa > par - im->len || img_end_(im) > par)
			return RLM_ERANGE;
		prev_end = img_end_(im);
	}
	if (!d->vcpus[0].runnable)
		return RLM_EINVAL;
	if (d->order != RLM_LAUNCH_ORDER_RMM &&
	    d->order != RLM_LAUNCH_ORDER_KVM_ACTIVATE)
		return RLM_EINVAL;
	/* v12+ kernels: RUNNABLE for vcpu_id 0 only (kvm_create_rec()) */
	for (i = 0; d->order == RLM_LAUNCH_ORDER_KVM_ACTIVATE && i < d->nvcpus; i++)
		if (d->vcpus[i].runnable != (d->vcpus[i].mpidr == 0))
			return RLM_EINVAL;
	for (i = 1; i < d->nvcpus; i++)
		if (d->vcpus[i].mpidr <= d->vcpus[i - 1].mpidr)
			return RLM_ERANGE;
	return 0;
}

int rlm_launch_walk(const struct rlm_launch_desc *d, rlm_launch_visit_fn fn,
		    void *arg)
{
	struct rlm_launch_op op;
	struct walk_ w;
	size_t i;
	int ret;

	if (!fn)
		return RLM_EINVAL;
	ret = rlm_launch_check(d, &w.g);
	if (ret)
		return ret;
	w.d = d;
	w.fn = fn;
	w.arg = arg;
	w.L = d->ripas_level;
	w.ka = d->order == RLM_LAUNCH_ORDER_KVM_ACTIVATE;
	rlm_memset(w.have, 0, sizeof(w.have));
	rlm_memset(w.last, 0, sizeof(w.last));
	w.params = d->params;
	(void)rlm_rtt_geom_to_params(&w.g, &w.params);
	(void)rlm_rim_rules(d->abi, &w.rules);
	rlm_memset(&w.params2, 0, sizeof(w.params2));
	w.params2.flags0 = w.params.flags;
	w.params2.s2sz = w.params.s2sz;
	w.params2.sve_vl = w.params.sve_vl;
	w.params2.num_bps = w.params.num_bps;
	w.params2.num_wps = w.params.num_wps;
	w.params2.pmu_num_ctrs = w.params.pmu_num_ctrs;
	w.params2.hash_algo = w.params.hash_algo;
	rlm_memcpy(w.params2.rpv, w.params.rpv, sizeof(w.params2.rpv));
	w.params2.rtt_base = w.params.rtt_base;
	w.params2.rtt_level_start = w.params.rtt_level_start;
	w.params2.rtt_num_start = w.params.rtt_num_start;

	rlm_memset(&op, 0, sizeof(op));
	op.type = RLM_LOP_REALM_CREATE;
	op.params = &w.params;
	op.params2 = d->abi == RLM_RMI_V2_0 ? &w.params2 : NULL;
	ret = emit_(&w, &op);
	if (!ret && w.ka) {
		ret = data_tables_(&w);
		if (!ret)
			ret = data_(&w, true);
		if (!ret)
			ret = data_(&w, false);
		for (i = 0; !ret && i < d->nvcpus; i++) {
			rlm_memset(&op, 0, sizeof(op));
			op.type = RLM_LOP_REC_CREATE;
			op.vcpu = i;
			ret = emit_(&w, &op);
		}
		if (!ret)
			ret = ka_init_ripas_(&w);
		if (!ret) {
			rlm_memset(&op, 0, sizeof(op));
			op.type = RLM_LOP_ACTIVATE;
			ret = emit_(&w, &op);
		}
		return ret;
	}
	if (!ret)
		ret = all_ram_tables_(&w);
	if (!ret)
		ret = init_ripas_(&w);
	if (!ret)
		ret = data_tables_(&w);
	if (!ret)
		ret = data_(&w, true);
	for (i = 0; !ret && i < d->nvcpus; i++) {
		rlm_memset(&op, 0, sizeof(op));
		op.type = RLM_LOP_REC_CREATE;
		op.vcpu = i;
		ret = emit_(&w, &op);
	}
	if (!ret)
		ret = data_(&w, false);
	if (!ret) {
		rlm_memset(&op, 0, sizeof(op));
		op.type = RLM_LOP_ACTIVATE;
		ret = emit_(&w, &op);
	}
	return ret;
}

int rlm_launch_rim_step(struct rlm_rim *rim, const struct rlm_launch_desc *d,
			const struct rlm_launch_op *op)
{
	const struct rlm_rim_rules *rules;

	if (!rim || !d || !op || rlm_rim_rules(d->abi, &rules))
		return RLM_EINVAL;
	switch (op->type) {
	case RLM_LOP_REALM_CREATE:
		if (d->abi == RLM_RMI_V2_0)
			return op->params2 ? rlm_rim_init2(rim, op->params2) : RLM_EINVAL;
		return rlm_rim_init(rim, op->params);
	case RLM_LOP_RIPAS_MEASURE:
		if (!rules->ripas_measured)
			return 0;
		return rlm_rim_extend_ripas(rim, op->ipa, op->top);
	case RLM_LOP_DATA:
		if (op->flags == RLM_RMI_MEASURE_CONTENT) {
			struct rlm_hash_ctx h;
			uint8_t digest[RLM_HASH_MAX_SIZE];
			int ret;

			if (op->content_off > RLM_GRANULE_SIZE ||
			    op->content_len > RLM_GRANULE_SIZE - op->content_off ||
			    !op->content)
				return RLM_EINVAL;
			/* A whole granule: the one-shot path (no hash context
			 * set up and torn down per granule; the predict
			 * benchmark). */
			if (op->content_len == RLM_GRANULE_SIZE)
				return rlm_rim_extend_data(rim, op->ipa, op->flags,
							   op->content);
			rlm_memset(digest, 0, sizeof(digest));
			ret = rlm_hash_init(&h, rim->algo);
			if (!ret && op->content_off)
				ret = rlm_hash_update(&h, zero_granule_, op->content_off);
			if (!ret)
				ret = rlm_hash_update(&h, op->content, op->content_len);
			if (!ret)
				ret = rlm_hash_update(&h, zero_granule_,
						      RLM_GRANULE_SIZE - op->content_off -
						      op->content_len);
			if (!ret)
				ret = rlm_hash_final(&h, digest);
			if (!ret)
				ret = rlm_rim_extend_data_hash(rim, op->ipa, op->flags,
							       digest);
			return ret;
		}
		return rlm_rim_extend_data(rim, op->ipa, op->flags, NULL);
	case RLM_LOP_REC_CREATE: {
		const struct rlm_launch_vcpu *v;
		struct rlm_rec_params rp;

		if (op->vcpu >= d->nvcpus)
			return RLM_EINVAL;
		v = &d->vcpus[op->vcpu];
		if (!v->runnable)
			return 0; /* the RMM does not measure it */
		if (d->abi == RLM_RMI_V2_0) {
			struct rlm_rec_params2 rp2;

			rlm_memset(&rp2, 0, sizeof(rp2));
			rp2.flags = RLM_REC_PARAMS_FLAG_RUNNABLE;
			rp2.mpidr = v->mpidr;
			rp2.pc = v->pc;
			rlm_memcpy(rp2.gprs, v->gprs, sizeof(rp2.gprs));
			return rlm_rim_extend_rec2(rim, &rp2);
		}
		rlm_memset(&rp, 0, sizeof(rp));
		rp.flags = RLM_REC_PARAMS_FLAG_RUNNABLE;
		rp.mpidr = v->mpidr;
		rp.pc = v->pc;
		rlm_memcpy(rp.gprs, v->gprs, sizeof(rp.gprs));
		return rlm_rim_extend_rec(rim, &rp);
	}
	default:
		return 0;
	}
}

struct predict_ {
	const struct rlm_launch_desc *d;
	struct rlm_rim *rim;
	struct rlm_launch_counts c;
};

static int predict_visit_(void *arg, const struct rlm_launch_op *op)
{
	struct predict_ *p = arg;

	switch (op->type) {
	case RLM_LOP_RTT_CREATE:
		if (op->data_rtt)
			p->c.rtts_data++;
		else
			p->c.rtts_ram++;
		break;
	case RLM_LOP_INIT_RIPAS:
		p->c.ripas_ranges++;
		break;
	case RLM_LOP_RIPAS_MEASURE:
		p->c.ripas_entries++;
		break;
	case RLM_LOP_DATA:
		if (op->flags == RLM_RMI_MEASURE_CONTENT)
			p->c.data_measured++;
		else
			p->c.data_unmeasured++;
		break;
	case RLM_LOP_REC_CREATE:
		p->c.recs++;
		p->c.recs_runnable += p->d->vcpus[op->vcpu].runnable;
		break;
	default:
		break;
	}
	return rlm_launch_rim_step(p->rim, p->d, op);
}

int rlm_launch_predict(const struct rlm_launch_desc *d, struct rlm_rim *rim,
		       struct rlm_launch_counts *counts)
{
	struct predict_ p;
	int ret;

	if (!d || !rim)
		return RLM_EINVAL;
	rlm_memset(&p, 0, sizeof(p));
	p.d = d;
	p.rim = rim;
	ret = rlm_launch_walk(d, predict_visit_, &p);
	if (!ret && counts)
		*counts = p.c;
	return ret;
}

const char *rlm_launch_op_name(enum rlm_launch_op_type t)
{
	switch (t) {
	case RLM_LOP_REALM_CREATE: return "REALM_CREATE";
	case RLM_LOP_RTT_CREATE: return "RTT_CREATE";
	case RLM_LOP_INIT_RIPAS: return "INIT_RIPAS";
	case RLM_LOP_RIPAS_MEASURE: return "RIPAS_MEASURE";
	case RLM_LOP_DATA: return "DATA_CREATE";
	case RLM_LOP_REC_CREATE: return "REC_CREATE";
	case RLM_LOP_ACTIVATE: return "REALM_ACTIVATE";
	default: return "?";
	}
}
