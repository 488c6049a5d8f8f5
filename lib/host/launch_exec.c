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
 */
#include <realm/launch.h>
#include <realm/error.h>
#include <realm/rmi.h>
#include <realm/rtt_mgr.h>

struct exec_ {
	const struct rlm_launch_desc *d;
	const struct rlm_launch_env *env;
	struct rlm_launch_state *st;
	bool check_pending;
};

static int fail_(struct exec_ *x, const struct rlm_launch_op *op, int ret,
		 const struct rlm_rmi_result *res)
{
	x->st->failed_step = x->st->steps;
	x->st->failed_op = op->type;
	if (res)
		x->st->rmi = *res;
	return ret;
}

/* A delegated granule (n contiguous). */
static int take_(struct exec_ *x, unsigned int n, uint64_t *pa,
		 struct rlm_rmi_result *res)
{
	const struct rlm_granule_pool *p = &x->env->pool;
	unsigned int i;
	int ret;

	ret = p->get(p->ctx, n, pa);
	if (ret)
		return ret;
	for (i = 0; i < n; i++) {
		ret = rlm_rmi_granule_delegate(x->env->c,
					       *pa + (uint64_t)i * RLM_GRANULE_SIZE, res);
		if (ret) {
			unsigned int j;

			for (j = i; j < n; j++)
				p->put(p->ctx, *pa + (uint64_t)j * RLM_GRANULE_SIZE);
			/* give back what this call took */
			while (i--) {
				uint64_t g = *pa + (uint64_t)i * RLM_GRANULE_SIZE;

				if (rlm_rmi_granule_undelegate(x->env->c, g, NULL) == 0) {
					x->st->delegated--;
					p->put(p->ctx, g);
				} else {
					x->st->leaked++;
					p->quarantine(p->ctx, g);
				}
			}
			return ret;
		}
		x->st->delegated++;
	}
	return 0;
}

/* Undelegate and return one granule (the quarantine policy on failure). */
static int give_back_(const struct rlm_launch_env *env,
		      struct rlm_launch_state *st, uint64_t pa)
{
	if (rlm_rmi_granule_undelegate(env->c, pa, NULL) == 0) {
		env->pool.put(env->pool.ctx, pa);
		st->delegated--;
		return 0;
	}
	env->pool.quarantine(env->pool.ctx, pa);
	st->leaked++;
	st->delegated--;
	return RLM_EIO;
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

static int do_realm_create_(struct exec_ *x, const struct rlm_launch_op *op,
			    struct rlm_rmi_result *res)
{
	struct rlm_launch_state *st = x->st;
	struct rlm_realm_params p = *op->params;
	int ret;

	ret = take_(x, 1, &st->rd, res);
	if (ret)
		return ret;
	st->num_root = p.rtt_num_start;
	ret = take_(x, st->num_root, &st->rtt_base, res);
	if (ret) {
		(void)give_back_(x->env, st, st->rd);
		st->rd = 0;
		return ret;
	}
	p.rtt_base = st->rtt_base;
	p.vmid = x->env->vmid;
	ret = rlm_pack_realm_params(&p, x->env->ns_buf, RLM_REALM_PARAMS_SIZE);
	if (ret)
		return ret;
	ret = rlm_rmi_realm_create(x->env->c, st->rd, x->env->ns_pa, res);
	if (!ret)
		st->rtt->rd = st->rd;
	if (ret) {
		unsigned int i;

		/* Nothing uses them: they go straight back. */
		for (i = 0; i < st->num_root; i++)
			(void)give_back_(x->env, st, st->rtt_base +
					 (uint64_t)i * RLM_GRANULE_SIZE);
		(void)give_back_(x->env, st, st->rd);
		st->rd = 0;
		st->num_root = 0;
		return ret;
	}
	return rlm_rmi_rec_aux_count(x->env->c, st->rd, &st->aux_count, res);
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

static int do_data_(struct exec_ *x, const struct rlm_launch_op *op,
		    struct rlm_rmi_result *res)
{
	uint64_t pa;
	int ret;

	ret = take_(x, 1, &pa, res);
	if (ret)
		return ret;
	rlm_memset(x->env->ns_buf, 0, RLM_GRANULE_SIZE);
	rlm_memcpy(x->env->ns_buf + op->content_off, op->content, op->content_len);
	ret = rlm_rmi_data_create(x->env->c, x->st->rd, pa, op->ipa,
				  x->env->ns_pa, op->flags, res);
	if (ret)
		(void)give_back_(x->env, x->st, pa);
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
		ret = take_(x, 1, &st->recs[st->nrecs], res);
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
		(void)give_back_(x->env, st, st->recs[--st->nrecs]);
	return ret;
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
		ret = rlm_rmi_rtt_init_ripas_range(x->env->c, x->st->rd, op->ipa,
						   op->top, &progress, &res);
		break;
	case RLM_LOP_DATA:
		ret = do_data_(x, op, &res);
		break;
	case RLM_LOP_REC_CREATE:
		ret = do_rec_(x, op, &res);
		break;
	case RLM_LOP_ACTIVATE:
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

static bool env_ok_(const struct rlm_launch_env *env)
{
	return env && env->c && env->pool.get && env->pool.put &&
	       env->pool.quarantine && env->ns_buf;
}

int rlm_launch_execute(const struct rlm_launch_desc *d,
		       const struct rlm_launch_env *env,
		       struct rlm_launch_state *st)
{
	struct rlm_rtt_geom g;
	struct exec_ x;
	int ret;

	if (!d || !env_ok_(env) || !st || !st->rtt || (st->recs_cap && !st->recs))
		return RLM_EINVAL;
	/* The executor speaks RMI 1.0 only (docs/rmi2.md "Not yet"). */
	if (d->abi != RLM_RMI_V1_0)
		return RLM_ENOTSUP;
	ret = rlm_launch_check(d, &g);
	if (ret)
		return ret;
	/* The realm's tables: the manager's, from the first RTT_CREATE on
	 * (it learns the RD at REALM_CREATE). */
	ret = rlm_rtt_mgr_init(st->rtt, env->c, 0, &g, &env->pool, st->rtt_nodes,
			       st->rtt_cap);
	if (ret)
		return ret;
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
	uint64_t par;        /* size of the protected half */
	int err;
};

static void note_(struct teardown_ *t, int ret)
{
	if (ret && !t->err)
		t->err = ret;
}

static void destroy_data_(struct teardown_ *t, uint64_t ipa)
{
	uint64_t pa, top;
	int ret = rlm_rmi_data_destroy(t->env->c, t->st->rd, ipa, &pa, &top, NULL);

	if (ret == 0)
		note_(t, give_back_(t->env, t->st, pa));
	/* RMI_ERROR_RTT: nothing there (never created): nothing to return. */
}

static int data_visit_(void *arg, const struct rlm_launch_op *op)
{
	struct teardown_ *t = arg;

	if (op->type == RLM_LOP_DATA && t->st->rd)
		destroy_data_(t, op->ipa);
	return 0;
}

/* A table the RMM still finds live: destroy what its entries hold
 * (called back by the RTT manager's release). */
static void empty_table_(void *arg, uint64_t ipa, int level)
{
	struct teardown_ *t = arg;
	uint64_t sz = rlm_rtt_entry_size(level), a;
	unsigned int i;

	for (i = 0, a = ipa; i < RLM_RTT_ENTRIES; i++, a += sz) {
		struct rlm_rtt_entry e;
		uint64_t top;

		if (rlm_rmi_rtt_read_entry(t->env->c, t->st->rd, a, level, &e, NULL))
			continue;
		if (e.level != level || e.state != RLM_RMI_ASSIGNED)
			continue;
		if (a >= t->par)
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

	if (!d || !env_ok_(env) || !st)
		return RLM_EINVAL;
	if (d->abi != RLM_RMI_V1_0)
		return RLM_ENOTSUP;
	if (rlm_launch_check(d, &g))
		return RLM_EINVAL;
	t.par = rlm_rtt_par_size(&g);
	t.env = env;
	t.st = st;
	t.err = 0;
	/* 1. Data, from the plan (no probing). */
	if (st->rd)
		(void)rlm_launch_walk(d, data_visit_, &t);
	/* 2. RECs, then their granules. */
	for (i = 0; i < st->nrecs; i += 1 + st->aux_count) {
		note_(&t, rlm_rmi_rec_destroy(env->c, st->recs[i], NULL));
	}
	while (st->nrecs)
		note_(&t, give_back_(env, st, st->recs[--st->nrecs]));
	/* 3. The tables, bottom-up, by their owner: a live one is emptied
	 * (empty_table_) and destroyed again, one that stays is quarantined. */
	if (st->rtt && st->rtt->nodes) {
		uint64_t leaked = st->rtt->leaked;

		note_(&t, rlm_rtt_mgr_release_all(st->rtt, empty_table_, &t, NULL));
		st->leaked += st->rtt->leaked - leaked;
	}
	/* 4. The realm, its root RTTs and the RD. */
	if (st->rd) {
		int ret = rlm_rmi_realm_destroy(env->c, st->rd, NULL);

		note_(&t, ret);
		if (ret == 0) {
			for (i = 0; i < st->num_root; i++)
				note_(&t, give_back_(env, st, st->rtt_base +
						      i * RLM_GRANULE_SIZE));
			note_(&t, give_back_(env, st, st->rd));
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
