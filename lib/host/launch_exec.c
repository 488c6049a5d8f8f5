/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Executing a launch plan over RMI and tearing the realm down.  The plan
 * already names every RTT the layout needs, so no RMI call is made as a
 * probe: each data granule costs delegate + DATA_CREATE (+ DATA_DESTROY +
 * undelegate at teardown), each table delegate + RTT_CREATE (+ RTT_DESTROY
 * + undelegate).  The tables belong to the RTT manager (realm/rtt_mgr.h):
 * the executor creates them through it, one by one as the plan names them,
 * and teardown releases them through it.  Teardown falls back to reading
 * a table's entries only when the RMM reports that table still live
 * (RMI_ERROR_RTT at its level: someone changed the tables behind the
 * plan's back).
 *
 * RMI 2.0 (TF-RMM main 9a7f8ef46378320ad69140a42e51c1ccf5914661) runs the
 * same walk with that generation's calls: GRANULE_RANGE_(UN)DELEGATE
 * (runtime/rmi/granule.c), REALM_CREATE with the 2.0 RmiRealmParams
 * (realm.c smc_realm_create: the RMM picks the VMIDs), RTT_INIT_RIPAS
 * (rtt.c), RTT_DATA_MAP_INIT (rtt_map.c), REC_CREATE asking for its
 * auxiliary granules with INCOMPLETE / OP_MEM_DONATE and REC_DESTROY
 * handing them back with OP_MEM_RECLAIM (rec.c, lib/sro_context
 * sro_aux.c: delegated L3 granules, not cancellable), REALM_TERMINATE
 * before the data is unmapped with RTT_DATA_UNMAP (rtt_unmap.c: the PA in
 * the SINGLE output range) and REALM_DESTROY (realm.c: a ZOMBIE realm
 * whose root tables hold nothing).  Each call is picked per generation in
 * one place below; the walk, the RIM check and the teardown order are
 * shared.
 */
#include <realm/launch.h>
#include <realm/error.h>
#include <realm/rmi.h>
#include <realm/rmi2.h>
#include <realm/pack2.h>
#include <realm/rtt_mgr.h>

#define RETRIES_ 8u  /* BUSY / BLOCKED answers retried per 2.0 call */

struct exec_;

/* The 2.0 donation allocator over env->pool: the granules the RMM holds
 * for one REC sit in st->recs[first + 1 ..]. */
struct donor_ {
	const struct rlm_launch_env *env;
	struct rlm_launch_state *st;
	size_t first;        /* the REC's slot */
	size_t end;          /* teardown: end of its aux slots (compact: 0) */
	bool stray;          /* the RMM returned a granule not its to give */
	int err;             /* a delegate / pool error while donating */
	uint64_t resv;       /* a delegated run taken before REC_CREATE ... */
	size_t nresv, used;  /* ... of nresv granules, used handed out */
};

struct exec_ {
	const struct rlm_launch_desc *d;
	const struct rlm_launch_env *env;
	struct rlm_launch_state *st;
	bool check_pending;
};

/* ---- per-generation granule calls ---------------------------------------- */

static int delegate_(const struct rlm_launch_env *env, enum rlm_rmi_abi abi,
		     uint64_t pa, unsigned int n, unsigned int *done,
		     struct rlm_rmi_result *res)
{
	unsigned int i;
	int ret;

	if (abi == RLM_RMI_V2_0) {
		uint64_t top = pa + (uint64_t)n * RLM_GRANULE_SIZE, reached = pa;

		ret = rlm_rmi2_granule_range_delegate_all(env->c, pa, top, RETRIES_,
							  &reached, res);
		if (reached < pa || reached > top)
			reached = ret ? pa : top;
		*done = (unsigned int)((reached - pa) / RLM_GRANULE_SIZE);
		return ret;
	}
	for (i = 0; i < n; i++) {
		ret = rlm_rmi_granule_delegate(env->c,
					       pa + (uint64_t)i * RLM_GRANULE_SIZE, res);
		if (ret) {
			*done = i;
			return ret;
		}
	}
	*done = n;
	return 0;
}

static int undelegate_(const struct rlm_launch_env *env, enum rlm_rmi_abi abi,
		       uint64_t pa)
{
	if (abi == RLM_RMI_V2_0)
		return rlm_rmi2_granule_range_undelegate_all(env->c, pa,
							     pa + RLM_GRANULE_SIZE,
							     RETRIES_, NULL, NULL);
	return rlm_rmi_granule_undelegate(env->c, pa, NULL);
}

static int fail_(struct exec_ *x, const struct rlm_launch_op *op, int ret,
		 const struct rlm_rmi_result *res)
{
	x->st->failed_step = x->st->steps;
	x->st->failed_op = op->type;
	if (res)
		x->st->rmi = *res;
	return ret;
}

/* Undelegate and return one granule (the quarantine policy on failure). */
static int give_back_(const struct rlm_launch_env *env, enum rlm_rmi_abi abi,
		      struct rlm_launch_state *st, uint64_t pa)
{
	st->delegated--;
	if (undelegate_(env, abi, pa) == 0) {
		env->pool.put(env->pool.ctx, pa);
		return 0;
	}
	env->pool.quarantine(env->pool.ctx, pa);
	st->leaked++;
	return RLM_EIO;
}

/* Delegated granules (n contiguous) from the pool: all or none. */
static int take_(const struct rlm_launch_env *env, enum rlm_rmi_abi abi,
		 struct rlm_launch_state *st, unsigned int n, uint64_t *pa,
		 struct rlm_rmi_result *res)
{
	const struct rlm_granule_pool *p = &env->pool;
	unsigned int i, done = 0;
	int ret;

	ret = p->get(p->ctx, n, pa);
	if (ret)
		return ret;
	ret = delegate_(env, abi, *pa, n, &done, res);
	st->delegated += done;
	if (!ret)
		return 0;
	for (i = done; i < n; i++)
		p->put(p->ctx, *pa + (uint64_t)i * RLM_GRANULE_SIZE);
	/* give back what this call delegated */
	for (i = done; i-- > 0;)
		(void)give_back_(env, abi, st, *pa + (uint64_t)i * RLM_GRANULE_SIZE);
	return ret;
}

static int check_rim_(struct exec_ *x)
{
	if (!x->env->check || !x->check_pending)
		return 0;
	x->check_pending = false;
	if (x->env->check(x->env->check_ctx, x->st->rd, &x->st->predicted))
		return RLM_EMISMATCH;
	return 0;
}

/*
 * 2.0: the root RTTs as a run aligned to its size (validate_realm_params
 * at TF-RMM 9a7f8ef refuses an rtt_base not aligned to rtt_num_start
 * granules): 2n - 1 granules hold such a run; the rest goes back.
 */
static int take_roots2_(const struct rlm_launch_env *env,
			struct rlm_launch_state *st, unsigned int n, uint64_t *pa,
			struct rlm_rmi_result *res)
{
	const struct rlm_granule_pool *p = &env->pool;
	uint64_t base, a, size = (uint64_t)n * RLM_GRANULE_SIZE, g;
	int ret;

	if (n <= 1)
		return take_(env, RLM_RMI_V2_0, st, n, pa, res);
	ret = p->get(p->ctx, 2 * n - 1, &base);
	if (ret)
		return ret;
	a = (base + size - 1) / size * size;
	for (g = base; g < base + (2 * (uint64_t)n - 1) * RLM_GRANULE_SIZE;
	     g += RLM_GRANULE_SIZE)
		if (g < a || g >= a + size)
			p->put(p->ctx, g);
	*pa = a;
	{
		unsigned int i, done = 0;

		ret = delegate_(env, RLM_RMI_V2_0, a, n, &done, res);
		st->delegated += done;
		if (!ret)
			return 0;
		for (i = done; i < n; i++)
			p->put(p->ctx, a + (uint64_t)i * RLM_GRANULE_SIZE);
		for (i = done; i-- > 0;)
			(void)give_back_(env, RLM_RMI_V2_0, st,
					 a + (uint64_t)i * RLM_GRANULE_SIZE);
	}
	return ret;
}

static int do_realm_create_(struct exec_ *x, const struct rlm_launch_op *op,
			    struct rlm_rmi_result *res)
{
	const struct rlm_launch_env *env = x->env;
	struct rlm_launch_state *st = x->st;
	enum rlm_rmi_abi abi = x->d->abi;
	struct rlm_realm_params p = *op->params;
	unsigned int i;
	int ret;

	if (abi == RLM_RMI_V2_0 && !op->params2)
		return RLM_EINVAL;
	ret = take_(env, abi, st, 1, &st->rd, res);
	if (ret) {
		st->rd = 0;   /* nothing for teardown to destroy */
		return ret;
	}
	st->num_root = p.rtt_num_start;
	if (abi == RLM_RMI_V2_0)
		ret = take_roots2_(env, st, st->num_root, &st->rtt_base, res);
	else
		ret = take_(env, abi, st, st->num_root, &st->rtt_base, res);
	if (ret) {
		(void)give_back_(env, abi, st, st->rd);
		st->rd = 0;
		st->num_root = 0;
		return ret;
	}
	if (abi == RLM_RMI_V2_0) {
		struct rlm_realm_params2 p2 = *op->params2;

		p2.rtt_base = st->rtt_base;
		ret = rlm_pack_realm_params2(&p2, env->ns_buf,
					     RLM_RMI2_REALM_PARAMS_SIZE);
		if (!ret)
			ret = rlm_rmi2_realm_create(env->c, st->rd, env->ns_pa, res);
	} else {
		p.rtt_base = st->rtt_base;
		p.vmid = env->vmid;
		ret = rlm_pack_realm_params(&p, env->ns_buf, RLM_REALM_PARAMS_SIZE);
		if (!ret)
			ret = rlm_rmi_realm_create(env->c, st->rd, env->ns_pa, res);
	}
	if (ret) {
		/* Nothing uses them: they go straight back. */
		for (i = 0; i < st->num_root; i++)
			(void)give_back_(env, abi, st, st->rtt_base +
					 (uint64_t)i * RLM_GRANULE_SIZE);
		(void)give_back_(env, abi, st, st->rd);
		st->rd = 0;
		st->num_root = 0;
		return ret;
	}
	st->rtt->rd = st->rd;
	/* 2.0 has no REC_AUX_COUNT: the RMM asks for them at REC_CREATE. */
	if (abi == RLM_RMI_V2_0)
		return 0;
	return rlm_rmi_rec_aux_count(env->c, st->rd, &st->aux_count, res);
}

/* The table the plan names, through the manager (no probing, no recovery). */
static int do_rtt_(struct exec_ *x, const struct rlm_launch_op *op,
		   struct rlm_rmi_result *res)
{
	struct rlm_rtt_mgr *m = x->st->rtt;
	uint64_t leaked = m->leaked;
	int ret = rlm_rtt_mgr_create(m, op->ipa, op->level, res);

	x->st->leaked += m->leaked - leaked;
	return ret;
}

/* ---- 2.0: the RMM's requests for granules -------------------------------- */

#define NONE_ UINT64_MAX  /* a slot whose granule went back (teardown) */

/* OP_MEM_DONATE: delegated granules from the pool, kept after the REC. */
static int donate_cb_(void *ctx, uint8_t state, bool contig, uint64_t *pa,
		      size_t n)
{
	struct donor_ *dn = ctx;
	struct rlm_launch_state *st = dn->st;
	const struct rlm_granule_pool *p = &dn->env->pool;
	size_t k;
	int ret;

	/* TF-RMM asks for delegated granules only (sro_aux.c). */
	if (state != RLM_RMI_OP_MEM_DELEGATED || dn->end)
		return dn->err = RLM_ENOTSUP;
	if (contig) {
		if (n > UINT32_MAX || st->nrecs + n > st->recs_cap)
			return dn->err = RLM_ENOMEM;
		if (dn->nresv - dn->used >= n) {
			pa[0] = dn->resv + dn->used * RLM_GRANULE_SIZE;
			dn->used += n;
		} else {
			ret = take_(dn->env, RLM_RMI_V2_0, st, (unsigned int)n,
				    &pa[0], NULL);
			if (ret)
				return dn->err = ret;
		}
		for (k = 0; k < n; k++)
			st->recs[st->nrecs++] = pa[0] + (uint64_t)k * RLM_GRANULE_SIZE;
		return (int)n;
	}
	for (k = 0; k < n && st->nrecs < st->recs_cap; k++) {
		if (dn->used < dn->nresv) {
			pa[k] = dn->resv + dn->used++ * RLM_GRANULE_SIZE;
			st->recs[st->nrecs++] = pa[k];
			continue;
		}
		ret = take_(dn->env, RLM_RMI_V2_0, st, 1, &pa[k], NULL);
		if (ret) {
			dn->err = ret;
			break;
		}
		st->recs[st->nrecs++] = pa[k];
	}
	(void)p;
	return k ? (int)k : (dn->err ? dn->err : RLM_ENOMEM);
}

/* OP_MEM_RECLAIM and the granules a donation did not use: back to the
 * pool, out of the REC's slots. */
static void reclaim_cb_(void *ctx, uint8_t state, uint64_t base, uint64_t count)
{
	struct donor_ *dn = ctx;
	struct rlm_launch_state *st = dn->st;
	uint64_t g;

	if (count > st->recs_cap) {
		dn->stray = true;   /* more than we ever gave */
		return;
	}
	for (g = 0; g < count; g++) {
		uint64_t pa = base + g * RLM_GRANULE_SIZE;
		size_t end = dn->end ? dn->end : st->nrecs, j;

		for (j = dn->first + 1; j < end && st->recs[j] != pa; j++)
			;
		if (j == end) {
			dn->stray = true;   /* not this REC's: leave it alone */
			continue;
		}
		if (dn->end) {
			st->recs[j] = NONE_;
		} else {
			st->recs[j] = st->recs[st->nrecs - 1];
			st->nrecs--;
		}
		if (state == RLM_RMI_OP_MEM_DELEGATED) {
			(void)give_back_(dn->env, RLM_RMI_V2_0, st, pa);
		} else {
			st->delegated--;
			dn->env->pool.put(dn->env->pool.ctx, pa);
		}
	}
}

static const struct rlm_rmi2_mem_ops donor_ops_ = { donate_cb_, reclaim_cb_ };

static void op_init_(struct rlm_rmi2_op *op, struct donor_ *dn,
		     const struct rlm_launch_env *env,
		     struct rlm_launch_state *st, size_t first, size_t end)
{
	rlm_memset(op, 0, sizeof(*op));
	rlm_memset(dn, 0, sizeof(*dn));
	dn->env = env;
	dn->st = st;
	dn->first = first;
	dn->end = end;
	op->c = env->c;
	op->mem = &donor_ops_;
	op->mem_ctx = dn;
	op->list = env->list;
	op->list_pa = env->list_pa;
	op->list_cap = env->list_cap;
	op->max_retries = RETRIES_;
}

/* REC_DESTROY through the engine: the RMM reclaims its auxiliary
 * granules into the pool; then the REC granule and whatever the RMM kept
 * go back (a granule it still holds fails to undelegate: quarantined). */
static int rec_destroy2_(const struct rlm_launch_env *env,
			 struct rlm_launch_state *st, size_t first, size_t end)
{
	struct rlm_rmi2_op op;
	struct donor_ dn;
	size_t j;
	int ret, r2;

	op_init_(&op, &dn, env, st, first, end);
	ret = rlm_rmi2_rec_destroy(&op, st->recs[first], NULL);
	if (!ret && dn.stray)
		ret = RLM_EMALFORMED;
	for (j = end; j-- > first;) {
		if (st->recs[j] == NONE_)
			continue;
		r2 = give_back_(env, RLM_RMI_V2_0, st, st->recs[j]);
		st->recs[j] = NONE_;
		if (!ret)
			ret = r2;
	}
	return ret;
}

static int do_data_(struct exec_ *x, const struct rlm_launch_op *op,
		    struct rlm_rmi_result *res)
{
	enum rlm_rmi_abi abi = x->d->abi;
	uint64_t pa;
	int ret;

	ret = take_(x->env, abi, x->st, 1, &pa, res);
	if (ret)
		return ret;
	rlm_memset(x->env->ns_buf, 0, RLM_GRANULE_SIZE);
	rlm_memcpy(x->env->ns_buf + op->content_off, op->content, op->content_len);
	if (abi == RLM_RMI_V2_0)
		ret = rlm_rmi2_rtt_data_map_init(x->env->c, x->st->rd, pa, op->ipa,
						 x->env->ns_pa, op->flags, res);
	else
		ret = rlm_rmi_data_create(x->env->c, x->st->rd, pa, op->ipa,
					  x->env->ns_pa, op->flags, res);
	if (ret)
		(void)give_back_(x->env, abi, x->st, pa);
	return ret;
}

/* 2.0: the REC granule, then REC_CREATE asking for its auxiliary ones. */
static int do_rec2_(struct exec_ *x, const struct rlm_launch_op *op,
		    struct rlm_rmi_result *res)
{
	const struct rlm_launch_vcpu *v = &x->d->vcpus[op->vcpu];
	const struct rlm_launch_env *env = x->env;
	struct rlm_launch_state *st = x->st;
	struct rlm_rec_params2 rp;
	struct rlm_rmi2_op rop;
	struct donor_ dn;
	size_t first = st->nrecs, j, want;
	int ret;

	if (st->nrecs + 1 > st->recs_cap)
		return RLM_ENOMEM;
	rlm_memset(&rp, 0, sizeof(rp));
	rp.flags = v->runnable ? RLM_REC_PARAMS_FLAG_RUNNABLE : 0;
	rp.mpidr = v->mpidr;
	rp.pc = v->pc;
	rlm_memcpy(rp.gprs, v->gprs, sizeof(rp.gprs));
	ret = rlm_pack_rec_params2(&rp, env->ns_buf, RLM_RMI2_REC_PARAMS_SIZE);
	if (ret)
		return ret;
	ret = take_(env, RLM_RMI_V2_0, st, 1, &st->recs[first], res);
	if (ret)
		return ret;
	st->nrecs++;
	op_init_(&rop, &dn, env, st, first, 0);
	/*
	 * The auxiliary granules, delegated in one run before the call: REC
	 * creation cannot be cancelled (sro_ctx_reserve(..., false, ...) in
	 * rec.c), so an allocator running dry halfway would strand the REC
	 * and what it was given.  As many as the first REC took (TF-RMM:
	 * rd->num_rec_aux, MAX_REC_AUX_GRANULES = 16 at the pin).  A pool
	 * without such a run fails the step before the RMM sees it.
	 */
	want = first == 0 ? RLM_REC_PARAMS_AUX_GRANULES : st->aux_count;
	if (want) {
		uint64_t base;
		unsigned int done = 0;

		ret = st->nrecs + want <= st->recs_cap ?
			      env->pool.get(env->pool.ctx, (unsigned int)want, &base) :
			      RLM_ENOMEM;
		if (ret)
			goto unreserve;
		ret = delegate_(env, RLM_RMI_V2_0, base, (unsigned int)want, &done,
				res);
		st->delegated += done;
		for (j = done; j < want; j++)
			env->pool.put(env->pool.ctx, base + j * RLM_GRANULE_SIZE);
		dn.resv = base;
		dn.nresv = done;
		if (ret)
			goto unreserve;
	}
	ret = rlm_rmi2_rec_create(&rop, st->rd, st->recs[first], env->ns_pa, res);
	if (!ret && dn.stray)
		ret = RLM_EMALFORMED;
unreserve:
	/* what the RMM did not ask for */
	for (j = dn.nresv; j-- > dn.used;)
		(void)give_back_(env, RLM_RMI_V2_0, st, dn.resv + j * RLM_GRANULE_SIZE);
	dn.nresv = dn.used;
	if (!ret) {
		size_t n = st->nrecs - first - 1;

		/* Every REC holds as many (TF-RMM: rd->num_rec_aux); the
		 * teardown walks st->recs in steps of 1 + aux_count. */
		if (first == 0)
			st->aux_count = n;
		if (n == st->aux_count)
			return 0;
		ret = RLM_EMALFORMED;
		(void)rec_destroy2_(env, st, first, st->nrecs);
		st->nrecs = first;
		return ret;
	}
	if (rop.pending) {
		/* Stuck mid-operation (not cancellable): the RMM holds the REC
		 * and what was donated; none of it can be given back. */
		for (j = first; j < st->nrecs; j++) {
			env->pool.quarantine(env->pool.ctx, st->recs[j]);
			st->leaked++;
			st->delegated--;
		}
		st->nrecs = first;
		return ret;
	}
	/* The RMM reclaimed what it took (sro_aux_op_start_reclaim) and the
	 * REC granule is delegated again: all of it goes back. */
	while (st->nrecs > first)
		(void)give_back_(env, RLM_RMI_V2_0, st, st->recs[--st->nrecs]);
	return ret;
}

static int do_rec_(struct exec_ *x, const struct rlm_launch_op *op,
		   struct rlm_rmi_result *res)
{
	const struct rlm_launch_vcpu *v = &x->d->vcpus[op->vcpu];
	struct rlm_launch_state *st = x->st;
	struct rlm_rec_params rp;
	size_t first = st->nrecs;
	uint64_t i;
	int ret;

	if (x->d->abi == RLM_RMI_V2_0)
		return do_rec2_(x, op, res);
	if (st->aux_count > RLM_REC_PARAMS_AUX_GRANULES)
		return RLM_ERANGE;
	if (st->nrecs + 1 + st->aux_count > st->recs_cap)
		return RLM_ENOMEM;
	rlm_memset(&rp, 0, sizeof(rp));
	rp.flags = v->runnable ? RLM_REC_PARAMS_FLAG_RUNNABLE : 0;
	rp.mpidr = v->mpidr;
	rp.pc = v->pc;
	rlm_memcpy(rp.gprs, v->gprs, sizeof(rp.gprs));
	rp.num_aux = st->aux_count;
	for (i = 0; i < 1 + st->aux_count; i++) {
		ret = take_(x->env, RLM_RMI_V1_0, st, 1, &st->recs[st->nrecs], res);
		if (ret)
			goto undo;
		st->nrecs++;
		if (i)
			rp.aux[i - 1] = st->recs[st->nrecs - 1];
	}
	ret = rlm_pack_rec_params(&rp, x->env->ns_buf, RLM_REC_PARAMS_SIZE);
	if (!ret)
		ret = rlm_rmi_rec_create(x->env->c, st->rd, st->recs[first],
					 x->env->ns_pa, res);
	if (!ret)
		return 0;
undo:
	while (st->nrecs > first)
		(void)give_back_(x->env, RLM_RMI_V1_0, st, st->recs[--st->nrecs]);
	return ret;
}

/* RTT_INIT_RIPAS over [base, top): 2.0 answers the top reached, call after
 * call (rtt.c smc_rtt_init_ripas stops at table ends). */
static int init_ripas2_(const struct rlm_launch_env *env, uint64_t rd,
			uint64_t base, uint64_t top, struct rlm_rmi_result *res)
{
	while (base < top) {
		uint64_t reached = base;
		int ret = rlm_rmi2_rtt_init_ripas(env->c, rd, base, top, &reached,
						  res);

		if (ret)
			return ret;
		if (reached <= base || reached > top)
			return RLM_EMALFORMED;
		base = reached;
	}
	return 0;
}

static int exec_visit_(void *arg, const struct rlm_launch_op *op)
{
	struct exec_ *x = arg;
	struct rlm_rmi_result res = { 0, 0, 0 };
	uint64_t progress;
	int ret = 0;

	/* Compare once a group of measurements is complete. */
	if (op->type != RLM_LOP_RIPAS_MEASURE) {
		ret = check_rim_(x);
		if (ret)
			return ret; /* failed_step: the previous step */
	}
	x->st->steps++;
	switch (op->type) {
	case RLM_LOP_REALM_CREATE:
		ret = do_realm_create_(x, op, &res);
		break;
	case RLM_LOP_RTT_CREATE:
		ret = do_rtt_(x, op, &res);
		break;
	case RLM_LOP_INIT_RIPAS:
		if (x->d->abi == RLM_RMI_V2_0)
			ret = init_ripas2_(x->env, x->st->rd, op->ipa, op->top, &res);
		else
			ret = rlm_rmi_rtt_init_ripas_range(x->env->c, x->st->rd,
							   op->ipa, op->top,
							   &progress, &res);
		break;
	case RLM_LOP_DATA:
		ret = do_data_(x, op, &res);
		break;
	case RLM_LOP_REC_CREATE:
		ret = do_rec_(x, op, &res);
		break;
	case RLM_LOP_ACTIVATE:
		if (x->d->abi == RLM_RMI_V2_0)
			ret = rlm_rmi2_realm_activate(x->env->c, x->st->rd, &res);
		else
			ret = rlm_rmi_realm_activate(x->env->c, x->st->rd, &res);
		break;
	default:
		break;
	}
	if (ret)
		return fail_(x, op, ret, &res);
	ret = rlm_launch_rim_step(&x->st->predicted, x->d, op);
	if (ret)
		return fail_(x, op, ret, NULL);
	x->check_pending = true;
	x->st->failed_step = x->st->steps; /* where a mismatch would show */
	x->st->failed_op = op->type;
	return 0;
}

static bool env_ok_(const struct rlm_launch_env *env, enum rlm_rmi_abi abi)
{
	if (!env || !env->c || !env->pool.get || !env->pool.put ||
	    !env->pool.quarantine || !env->ns_buf)
		return false;
	/* 2.0: the address list of the REC donations (rlm_rmi2_op_run's
	 * rules; a bad one would only show at the first REC). */
	if (abi == RLM_RMI_V2_0)
		return env->list && env->list_cap > 0 &&
		       env->list_cap <= RLM_RMI_ADDR_LIST_MAX &&
		       (env->list_pa & 7) == 0 &&
		       (env->list_pa & RLM_GRANULE_MASK) / 8 + env->list_cap <=
			       RLM_RMI_ADDR_LIST_MAX;
	return true;
}

int rlm_launch_execute(const struct rlm_launch_desc *d,
		       const struct rlm_launch_env *env,
		       struct rlm_launch_state *st)
{
	struct rlm_rtt_geom g;
	struct exec_ x;
	int ret;

	if (!d || !env_ok_(env, d->abi) || !st || !st->rtt ||
	    (st->recs_cap && !st->recs))
		return RLM_EINVAL;
	ret = rlm_launch_check(d, &g);
	if (ret)
		return ret;
	/* The realm's tables: the manager's, from the first RTT_CREATE on
	 * (it learns the RD at REALM_CREATE). */
	ret = rlm_rtt_mgr_init(st->rtt, env->c, 0, &g, &env->pool, st->rtt_nodes,
			       st->rtt_cap);
	if (ret)
		return ret;
	st->rtt->abi = d->abi;
	st->rd = 0;
	st->rtt_base = 0;
	st->num_root = 0;
	st->nrecs = 0;
	st->aux_count = 0;
	st->steps = 0;
	st->failed_step = 0;
	st->leaked = 0;
	st->delegated = 0;
	rlm_memset(&st->rmi, 0, sizeof(st->rmi));
	rlm_memset(&st->predicted, 0, sizeof(st->predicted));
	x.d = d;
	x.env = env;
	x.st = st;
	x.check_pending = false;
	ret = rlm_launch_walk(d, exec_visit_, &x);
	if (!ret)
		ret = check_rim_(&x);
	if (!ret)
		st->failed_step = 0;
	return ret;
}

/* ---- teardown ------------------------------------------------------------ */

struct teardown_ {
	const struct rlm_launch_env *env;
	struct rlm_launch_state *st;
	enum rlm_rmi_abi abi;
	uint64_t par;        /* size of the protected half */
	int err;
};

static void note_(struct teardown_ *t, int ret)
{
	if (ret && !t->err)
		t->err = ret;
}

/* 2.0: RTT_DATA_UNMAP (or RTT_UNPROT_UNMAP) of [ipa, ipa + size); the
 * protected pages come back in the SINGLE output range, delegated. */
static void unmap2_(struct teardown_ *t, uint64_t ipa, uint64_t size, bool prot)
{
	struct rlm_rmi2_unmap_out out = { 0, 0, 0 };
	struct rlm_rmi2_op op;
	struct donor_ dn;
	uint64_t pa, n, i;
	int ret;

	/* no REC slots: a reclaim request here would be a stray */
	op_init_(&op, &dn, t->env, t->st, t->st->nrecs, t->st->nrecs + 1);
	if (!prot) {
		(void)rlm_rmi2_rtt_unprot_unmap(&op, t->st->rd, ipa, ipa + size,
						RLM_FIELD_PREP(RLM_RMI_RTT_UNMAP_FLAGS_OADDR_TYPE,
							       RLM_RMI_ADDR_TYPE_NONE),
						0, &out, NULL);
		return;
	}
	ret = rlm_rmi2_rtt_data_unmap(&op, t->st->rd, ipa, ipa + size,
				      RLM_FIELD_PREP(RLM_RMI_RTT_UNMAP_FLAGS_OADDR_TYPE,
						     RLM_RMI_ADDR_TYPE_SINGLE),
				      0, &out, NULL);
	if (ret || !out.range)
		return;  /* nothing mapped there (never created) */
	pa = out.range & RLM_RMI_ADDR_RDESC_4K_ADDR;
	n = RLM_FIELD_GET(RLM_RMI_ADDR_RDESC_4K_CNT, out.range)
	    << (9 * RLM_FIELD_GET(RLM_RMI_ADDR_RDESC_4K_SZ, out.range));
	if (n > size / RLM_GRANULE_SIZE) {
		note_(t, RLM_EMALFORMED);  /* more than the range holds */
		return;
	}
	for (i = 0; i < n; i++)
		note_(t, give_back_(t->env, t->abi, t->st, pa + i * RLM_GRANULE_SIZE));
}

static void destroy_data_(struct teardown_ *t, uint64_t ipa)
{
	uint64_t pa, top;
	int ret;

	if (t->abi == RLM_RMI_V2_0) {
		unmap2_(t, ipa, RLM_GRANULE_SIZE, true);
		return;
	}
	ret = rlm_rmi_data_destroy(t->env->c, t->st->rd, ipa, &pa, &top, NULL);
	if (ret == 0)
		note_(t, give_back_(t->env, t->abi, t->st, pa));
	/* RMI_ERROR_RTT: nothing there (never created): nothing to return. */
}

static int data_visit_(void *arg, const struct rlm_launch_op *op)
{
	struct teardown_ *t = arg;

	if (op->type == RLM_LOP_DATA && t->st->rd)
		destroy_data_(t, op->ipa);
	return 0;
}

/* Is the entry at level around a assigned (live, ours to remove)? */
static bool assigned_(struct teardown_ *t, uint64_t a, int level)
{
	if (t->abi == RLM_RMI_V2_0) {
		struct rlm_rmi2_rtt_entry e;

		if (rlm_rmi2_rtt_read_entry(t->env->c, t->st->rd, a, level, &e, NULL))
			return false;
		return e.level == level && e.state == RLM_RMI_ASSIGNED;
	} else {
		struct rlm_rtt_entry e;

		if (rlm_rmi_rtt_read_entry(t->env->c, t->st->rd, a, level, &e, NULL))
			return false;
		return e.level == level && e.state == RLM_RMI_ASSIGNED;
	}
}

/* A table the RMM still finds live: destroy what its entries hold
 * (called back by the RTT manager's release). */
static void empty_table_(void *arg, uint64_t ipa, int level)
{
	struct teardown_ *t = arg;
	uint64_t sz = rlm_rtt_entry_size(level), a;
	unsigned int i;

	for (i = 0, a = ipa; i < RLM_RTT_ENTRIES; i++, a += sz) {
		uint64_t top;

		if (!assigned_(t, a, level))
			continue;
		if (t->abi == RLM_RMI_V2_0)
			unmap2_(t, a, sz, a < t->par);
		else if (a >= t->par)
			(void)rlm_rmi_rtt_unmap_unprotected(t->env->c, t->st->rd, a,
							    level, &top, NULL);
		else if (level == RLM_RTT_PAGE_LEVEL)
			destroy_data_(t, a);
	}
}

int rlm_launch_teardown(const struct rlm_launch_desc *d,
			const struct rlm_launch_env *env,
			struct rlm_launch_state *st)
{
	struct rlm_rtt_geom g;
	struct teardown_ t;
	size_t i;

	if (!d || !env_ok_(env, d->abi) || !st)
		return RLM_EINVAL;
	if (rlm_launch_check(d, &g))
		return RLM_EINVAL;
	t.par = rlm_rtt_par_size(&g);
	t.env = env;
	t.st = st;
	t.abi = d->abi;
	t.err = 0;
	/* 0. 2.0: the realm stops for good (REALM_DESTROY wants a ZOMBIE;
	 * RECs and data go while it is one). */
	if (st->rd && t.abi == RLM_RMI_V2_0)
		note_(&t, rlm_rmi2_realm_terminate(env->c, st->rd, NULL));
	/* 1. Data, from the plan (no probing). */
	if (st->rd)
		(void)rlm_launch_walk(d, data_visit_, &t);
	/* 2. RECs, then their granules. */
	if (t.abi == RLM_RMI_V2_0) {
		for (i = 0; i < st->nrecs; i += 1 + st->aux_count)
			note_(&t, rec_destroy2_(env, st, i,
						i + 1 + st->aux_count <= st->nrecs ?
						i + 1 + st->aux_count : st->nrecs));
		st->nrecs = 0;
	} else {
		for (i = 0; i < st->nrecs; i += 1 + st->aux_count) {
			note_(&t, rlm_rmi_rec_destroy(env->c, st->recs[i], NULL));
		}
		while (st->nrecs)
			note_(&t, give_back_(env, t.abi, st, st->recs[--st->nrecs]));
	}
	/* 3. The tables, bottom-up, by their owner: a live one is emptied
	 * (empty_table_) and destroyed again, one that stays is quarantined. */
	if (st->rtt && st->rtt->nodes) {
		uint64_t leaked = st->rtt->leaked;

		note_(&t, rlm_rtt_mgr_release_all(st->rtt, empty_table_, &t, NULL));
		st->leaked += st->rtt->leaked - leaked;
	}
	/* 4. The realm, its root RTTs and the RD. */
	if (st->rd) {
		int ret = t.abi == RLM_RMI_V2_0 ?
				  rlm_rmi2_realm_destroy(env->c, st->rd, NULL) :
				  rlm_rmi_realm_destroy(env->c, st->rd, NULL);

		note_(&t, ret);
		if (ret == 0) {
			for (i = 0; i < st->num_root; i++)
				note_(&t, give_back_(env, t.abi, st, st->rtt_base +
						      i * RLM_GRANULE_SIZE));
			note_(&t, give_back_(env, t.abi, st, st->rd));
		} else {
			for (i = 0; i < st->num_root; i++)
				env->pool.quarantine(env->pool.ctx,
						     st->rtt_base + i * RLM_GRANULE_SIZE);
			env->pool.quarantine(env->pool.ctx, st->rd);
			st->leaked += st->num_root + 1;
			st->delegated -= st->num_root + 1;
		}
		st->rd = 0;
		st->num_root = 0;
	}
	return t.err;
}
