/* SPDX-License-Identifier: BSD-3-Clause */
/* Realm memory flows on the RTT manager; see realm/rmem.h. */
#include <realm/rmem.h>
#include <realm/error.h>

static int unmap_ns_(struct rlm_rmem *r, uint64_t ipa, uint64_t size,
		     bool fold, struct rlm_rmi_result *res);

static uint64_t blk_(uint64_t ipa, int level)
{
	return ipa & ~(rlm_rtt_entry_size(level - 1) - 1);
}

/* The level of the entry mapping ipa: the deepest table the shadow has. */
static int entry_level_(const struct rlm_rtt_mgr *m, uint64_t ipa)
{
	int l;

	for (l = m->g.start_level + 1; l <= RLM_RTT_MAX_LEVEL; l++)
		if (!rlm_rtt_mgr_has(m, ipa, l))
			return l - 1;
	return RLM_RTT_MAX_LEVEL;
}

/* A granule back to the pool: undelegated, or quarantined if the RMM
 * refuses (counted as leaked). */
static int give_back_(struct rlm_rtt_mgr *m, uint64_t pa)
{
	m->rmi_calls++;
	if (rlm_rmi_granule_undelegate(m->c, pa, NULL) == 0) {
		m->pool.put(m->pool.ctx, pa);
		return 0;
	}
	m->pool.quarantine(m->pool.ctx, pa);
	m->leaked++;
	return RLM_EIO;
}

static void keep_(struct rlm_rmi_result *res, const struct rlm_rmi_result *r)
{
	if (res)
		*res = *r;
}

int rlm_rmem_init(struct rlm_rmem *r, struct rlm_rtt_mgr *rtt,
		  struct rlm_ripas *ripas, struct rlm_ripas *map)
{
	if (!r || !rtt || !ripas || !map)
		return RLM_EINVAL;
	if (ripas->space != rlm_rtt_par_size(&rtt->g) ||
	    map->space != rlm_rtt_ipa_size(&rtt->g))
		return RLM_ERANGE;
	rlm_memset(r, 0, sizeof(*r));
	r->rtt = rtt;
	r->ripas = ripas;
	r->map = map;
	return 0;
}

/* Count of granules of value what in [base, top). */
static uint64_t count_(const struct rlm_ripas *t, uint64_t base, uint64_t top,
		       uint8_t what)
{
	uint64_t n = 0;

	while (base < top) {
		uint8_t v;
		uint64_t reached;

		if (rlm_ripas_query(t, base, top, &v, &reached))
			break;
		if (v == what)
			n += (reached - base) >> RLM_GRANULE_SHIFT;
		base = reached;
	}
	return n;
}

static int set_map_(struct rlm_rmem *r, uint64_t base, uint64_t top,
		    uint8_t what)
{
	uint64_t d, n;

	if (base >= top)
		return 0;
	d = count_(r->map, base, top, RLM_RMEM_DATA);
	n = count_(r->map, base, top, RLM_RMEM_NS);
	if (rlm_ripas_set(r->map, base, top, what, NULL, NULL))
		return RLM_ENOMEM;
	r->data -= d;
	r->ns -= n;
	if (what == RLM_RMEM_DATA)
		r->data += (top - base) >> RLM_GRANULE_SHIFT;
	else if (what == RLM_RMEM_NS)
		r->ns += (top - base) >> RLM_GRANULE_SHIFT;
	return 0;
}

int rlm_rmem_note(struct rlm_rmem *r, uint64_t base, uint64_t top,
		  uint8_t what)
{
	uint64_t par;

	if (!r)
		return RLM_EINVAL;
	if ((base | top) & RLM_GRANULE_MASK)
		return RLM_EALIGN;
	par = rlm_rtt_par_size(&r->rtt->g);
	if (base >= top || top > r->map->space || what > RLM_RMEM_NS ||
	    (what == RLM_RMEM_DATA && top > par) ||
	    (what == RLM_RMEM_NS && base < par))
		return RLM_ERANGE;
	return set_map_(r, base, top, what);
}

int rlm_rmem_fault_protected(struct rlm_rmem *r, uint64_t ipa,
			     struct rlm_rmi_result *res)
{
	struct rlm_rtt_mgr *m;
	struct rlm_rmi_result rr;
	uint8_t v;
	uint64_t pa;
	int ret;

	if (!r)
		return RLM_EINVAL;
	m = r->rtt;
	ipa &= ~(uint64_t)RLM_GRANULE_MASK;
	if (ipa >= rlm_rtt_par_size(&m->g))
		return RLM_ERANGE;
	ret = rlm_ripas_get(r->map, ipa, &v, NULL, NULL);
	if (ret)
		return ret;
	if (v != RLM_RMEM_NONE)
		return RLM_EEXIST;   /* the map knows: no call */
	/* Room in the map first, so a created granule is never lost. */
	ret = set_map_(r, ipa, ipa + RLM_GRANULE_SIZE, RLM_RMEM_DATA);
	if (ret)
		return ret;
	ret = rlm_rtt_mgr_ensure(m, ipa, RLM_RTT_MAX_LEVEL, res);
	if (ret)
		goto undo;
	ret = m->pool.get(m->pool.ctx, 1, &pa);
	if (ret)
		goto undo;
	m->rmi_calls++;
	ret = rlm_rmi_granule_delegate(m->c, pa, &rr);
	if (ret) {
		m->pool.put(m->pool.ctx, pa);
		keep_(res, &rr);
		goto undo;
	}
	/* realm_create_protected_data_page(): DATA_CREATE_UNKNOWN (DEN0137
	 * 1.0-rel0 B4.3.2), the RMM zeroes the granule. */
	m->rmi_calls++;
	ret = rlm_rmi_data_create_unknown(m->c, m->rd, pa, ipa, &rr);
	if (ret) {
		keep_(res, &rr);
		(void)give_back_(m, pa);
		goto undo;
	}
	return 0;
undo:
	(void)set_map_(r, ipa, ipa + RLM_GRANULE_SIZE, RLM_RMEM_NONE);
	return ret;
}

/*
 * A level 3 table over [b, b + 2 MiB) left uniform (nothing mapped; in the
 * protected half one RIPAS too) folds into its parent entry (RTT_FOLD,
 * DEN0137 1.0-rel0 B4.3.13; the series' realm_fold_rtt_level()).
 */
static int fold_back_(struct rlm_rmem *r, uint64_t base, uint64_t top,
		      struct rlm_rmi_result *res)
{
	struct rlm_rtt_mgr *m = r->rtt;
	uint64_t sz = rlm_rtt_entry_size(RLM_RTT_MAX_LEVEL - 1), b;
	uint64_t par = rlm_rtt_par_size(&m->g);

	if (m->g.start_level + 1 > RLM_RTT_MAX_LEVEL)
		return 0;   /* the level 3 table is a root: nothing folds */
	for (b = blk_(base, RLM_RTT_MAX_LEVEL); b < top; b += sz) {
		uint8_t v;
		uint64_t reached;
		int ret;

		if (!rlm_rtt_mgr_has(m, b, RLM_RTT_MAX_LEVEL))
			continue;
		if (rlm_ripas_query(r->map, b, b + sz, &v, &reached) ||
		    v != RLM_RMEM_NONE || reached != b + sz)
			continue;
		if (b < par && (rlm_ripas_query(r->ripas, b, b + sz, &v,
						&reached) || reached != b + sz))
			continue;
		ret = rlm_rtt_mgr_fold(m, b, RLM_RTT_MAX_LEVEL, res);
		if (ret)
			return ret;
		r->folds++;
	}
	return 0;
}

/*
 * The entry mapping a must not reach outside [lo, hi): unfold blocks
 * (RTT_CREATE under an assigned entry, DEN0137 1.0-rel0 B4.3.15) until it
 * does, or until it is a page.  want: the deepest level needed anyway.
 */
static int fit_(struct rlm_rmem *r, uint64_t a, uint64_t lo, uint64_t hi,
		int want, int *level, struct rlm_rmi_result *res)
{
	struct rlm_rtt_mgr *m = r->rtt;

	for (;;) {
		int l = entry_level_(m, a);
		uint64_t sz = rlm_rtt_entry_size(l), eb = a & ~(sz - 1);
		int ret;

		if (l >= want && eb >= lo && hi - eb >= sz) {
			*level = l;
			return 0;
		}
		ret = rlm_rtt_mgr_create(m, a & ~(sz - 1), l + 1, res);
		if (ret)
			return ret;
		r->unfolds++;
	}
}

static int destroy_run_(struct rlm_rmem *r, uint64_t a, uint64_t top,
			uint64_t *done, struct rlm_rmi_result *res)
{
	struct rlm_rtt_mgr *m = r->rtt;

	while (a < top) {
		struct rlm_rmi_result rr;
		uint64_t pa, next;
		int l, ret;

		/* DATA_DESTROY works on pages only: a block is unfolded
		 * first (the series does it after an ERROR_RTT(2)). */
		ret = fit_(r, a, a, a + RLM_GRANULE_SIZE, RLM_RTT_MAX_LEVEL, &l,
			   res);
		if (ret)
			return ret;
		m->rmi_calls++;
		ret = rlm_rmi_data_destroy(m->c, m->rd, a, &pa, &next, &rr);
		if (ret) {
			keep_(res, &rr);
			return ret;
		}
		a += RLM_GRANULE_SIZE;
		*done = a;
		ret = give_back_(m, pa);
		if (ret)
			return ret;
	}
	return 0;
}

/* DATA_DESTROY turns RIPAS RAM into DESTROYED (DEN0137 1.0-rel0 B4.3.5;
 * TF-RMM rel0 smc_data_destroy()): the tracker follows. */
static int mark_destroyed_(struct rlm_rmem *r, uint64_t a, uint64_t top)
{
	while (a < top) {
		uint8_t v;
		uint64_t reached;
		int ret = rlm_ripas_query(r->ripas, a, top, &v, &reached);

		if (ret)
			return ret;
		if (v == RLM_RIPAS_RAM) {
			ret = rlm_ripas_set(r->ripas, a, reached, RLM_RIPAS_DESTROYED,
					    NULL, NULL);
			if (ret)
				return ret;
		}
		a = reached;
	}
	return 0;
}

static int destroy_data_(struct rlm_rmem *r, uint64_t base, uint64_t top,
			 bool fold, bool track, struct rlm_rmi_result *res);

int rlm_rmem_destroy_data(struct rlm_rmem *r, uint64_t base, uint64_t top,
			  bool fold, struct rlm_rmi_result *res)
{
	if (!r)
		return RLM_EINVAL;
	if ((base | top) & RLM_GRANULE_MASK)
		return RLM_EALIGN;
	if (base >= top || top > rlm_rtt_par_size(&r->rtt->g))
		return RLM_ERANGE;
	return destroy_data_(r, base, top, fold, true, res);
}

/* track: mirror RAM -> DESTROYED in the tracker (not when the realm is
 * going away: scattered pages would only fill its block). */
static int destroy_data_(struct rlm_rmem *r, uint64_t base, uint64_t top,
			 bool fold, bool track, struct rlm_rmi_result *res)
{
	uint64_t a;
	int ret = 0;
	for (a = base; a < top && !ret;) {
		uint8_t v;
		uint64_t reached, done;

		ret = rlm_ripas_query(r->map, a, top, &v, &reached);
		if (ret)
			return ret;
		if (v != RLM_RMEM_DATA) {
			a = reached;
			continue;
		}
		done = a;
		ret = destroy_run_(r, a, reached, &done, res);
		/* Shrinking a range never needs room in the map. */
		(void)set_map_(r, a, done, RLM_RMEM_NONE);
		if (!ret && track && done > a)
			ret = mark_destroyed_(r, a, done);
		a = reached;
	}
	if (!ret && fold)
		ret = fold_back_(r, base, top, res);
	return ret;
}

static int range_ns_(const struct rlm_rmem *r, uint64_t ipa, uint64_t size)
{
	const struct rlm_rtt_geom *g = &r->rtt->g;

	if ((ipa | size) & RLM_GRANULE_MASK)
		return RLM_EALIGN;
	if (!size || ipa < rlm_rtt_par_size(g) ||
	    size > rlm_rtt_ipa_size(g) - ipa)
		return RLM_ERANGE;
	return 0;
}

int rlm_rmem_map_unprotected(struct rlm_rmem *r, uint64_t ipa, uint64_t size,
			     uint64_t pa, uint64_t attrs,
			     struct rlm_rmi_result *res)
{
	uint8_t v;
	uint64_t reached;
	int ret;

	if (!r)
		return RLM_EINVAL;
	ret = range_ns_(r, ipa, size);
	if (ret)
		return ret;
	ret = rlm_ripas_query(r->map, ipa, ipa + size, &v, &reached);
	if (ret)
		return ret;
	if (v != RLM_RMEM_NONE || reached != ipa + size)
		return RLM_EEXIST;
	ret = set_map_(r, ipa, ipa + size, RLM_RMEM_NS);
	if (ret)
		return ret;
	ret = rlm_rtt_mgr_map_unprotected(r->rtt, ipa, size, pa, attrs, res);
	if (ret) {
		/* What was mapped before the failure must still be undone:
		 * unmap the whole range (the map says all of it is NS). */
		(void)unmap_ns_(r, ipa, size, false, NULL);
	}
	return ret;
}

int rlm_rmem_unmap_unprotected(struct rlm_rmem *r, uint64_t ipa, uint64_t size,
			       struct rlm_rmi_result *res)
{
	return unmap_ns_(r, ipa, size, true, res);
}

static int unmap_ns_(struct rlm_rmem *r, uint64_t ipa, uint64_t size,
		     bool fold, struct rlm_rmi_result *res)
{
	struct rlm_rtt_mgr *m;
	uint64_t a, end;
	int ret;

	if (!r)
		return RLM_EINVAL;
	ret = range_ns_(r, ipa, size);
	if (ret)
		return ret;
	m = r->rtt;
	end = ipa + size;
	for (a = ipa; a < end;) {
		struct rlm_rmi_result rr;
		uint8_t v;
		uint64_t reached, top;
		int l;

		ret = rlm_ripas_query(r->map, a, end, &v, &reached);
		if (ret)
			return ret;
		if (v != RLM_RMEM_NS) {
			a = reached;
			continue;
		}
		/* A block reaching outside the range is unfolded first. */
		ret = fit_(r, a, ipa, end, RLM_RTT_MIN_BLOCK_LEVEL, &l, res);
		if (ret)
			return ret;
		m->rmi_calls++;
		ret = rlm_rmi_rtt_unmap_unprotected(m->c, m->rd, a, l, &top, &rr);
		if (ret) {
			keep_(res, &rr);
			return ret;
		}
		(void)set_map_(r, a, a + rlm_rtt_entry_size(l), RLM_RMEM_NONE);
		a += rlm_rtt_entry_size(l);
	}
	return fold ? fold_back_(r, ipa, end, res) : 0;
}

/* The level RTT_SET_RIPAS must reach for [ipa, top): the series'
 * find_map_level(). */
static int map_level_(const struct rlm_rtt_geom *g, uint64_t ipa, uint64_t top)
{
	int l = RLM_RTT_MAX_LEVEL;

	while (l > g->start_level + 1) {
		uint64_t sz = rlm_rtt_entry_size(l - 1);

		if ((ipa & (sz - 1)) || top - ipa < sz)
			break;
		l--;
	}
	return l;
}

int rlm_rmem_ripas_change(struct rlm_rmem *r, uint64_t rec,
			  const struct rlm_exit *x, bool accept,
			  struct rlm_rec_enter *e, rlm_ripas_change_fn cb,
			  void *arg, struct rlm_rmi_result *res)
{
	struct rlm_rtt_mgr *m;
	uint64_t ipa, top;
	int ret;

	if (!r || !x || !e)
		return RLM_EINVAL;
	if (x->kind != RLM_EXIT_RIPAS_CHANGE)
		return RLM_ESTATE;
	if (!accept)
		return rlm_exit_ripas_reject(e, x);
	m = r->rtt;
	top = x->ripas.top;
	if (top > rlm_rtt_par_size(&m->g) || x->ripas.base >= top)
		return RLM_ERANGE;
	e->flags &= ~(uint64_t)RLM_REC_ENTER_FLAG_RIPAS_RESPONSE;
	for (ipa = x->ripas.base; ipa < top;) {
		struct rlm_rmi_result rr;
		uint64_t next = 0;

		/* The tables the walk needs, before the call: the series
		 * creates them after an ERROR_RTT at the level the walk
		 * stopped; the shadow knows that level already. */
		ret = rlm_rtt_mgr_ensure(m, ipa, map_level_(&m->g, ipa, top), res);
		if (ret)
			return ret;
		m->rmi_calls++;
		ret = rlm_rmi_rtt_set_ripas(m->c, m->rd, rec, ipa, top, &next, &rr);
		if (ret || next <= ipa || next > top) {
			keep_(res, &rr);
			if (!ret)
				ret = RLM_EMALFORMED;
			/* Mirror what did change. */
			if (ipa > x->ripas.base)
				(void)rlm_exit_ripas_applied(r->ripas, x, ipa, cb, arg);
			return ret;
		}
		ipa = next;
	}
	ret = rlm_exit_ripas_applied(r->ripas, x, top, cb, arg);
	if (ret)
		return ret;
	/* RAM -> EMPTY: the DATA behind the range goes (realm_set_ipa_state()
	 * then realm_unmap_private_range()); entries are ASSIGNED EMPTY now
	 * and become UNASSIGNED EMPTY. */
	if (x->ripas.value == RLM_RIPAS_EMPTY)
		return rlm_rmem_destroy_data(r, x->ripas.base, top, true, res);
	return 0;
}

int rlm_rmem_release(struct rlm_rmem *r, struct rlm_rmi_result *res)
{
	const struct rlm_rtt_geom *g;
	int ret, err = 0;

	if (!r)
		return RLM_EINVAL;
	g = &r->rtt->g;
	ret = destroy_data_(r, 0, rlm_rtt_par_size(g), false, false, res);
	if (ret)
		err = ret;
	ret = unmap_ns_(r, rlm_rtt_par_size(g),
			rlm_rtt_ipa_size(g) - rlm_rtt_par_size(g), false,
			err ? NULL : res);
	if (ret && !err)
		err = ret;
	ret = rlm_rtt_mgr_release_all(r->rtt, NULL, NULL, err ? NULL : res);
	if (ret && !err)
		err = ret;
	return err;
}
