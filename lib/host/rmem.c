/* SPDX-License-Identifier: BSD-3-Clause */
/* Realm memory flows on the RTT manager; see realm/rmem.h. */
#include <realm/rmem.h>
#include <realm/error.h>
#include "rtt_mgr_int.h"

static int unmap_ns_(struct rlm_rmem *r, uint64_t ipa, uint64_t size,
		     bool fold, struct rlm_rmi_result *res);
static bool stale_(struct rlm_rtt_mgr *m, int ret,
		   const struct rlm_rmi_result *rr, uint64_t ipa, int want);
static int fold_back_(struct rlm_rmem *r, uint64_t base, uint64_t top,
		      struct rlm_rmi_result *res);

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

/* Granules mapped (DATA or NS) in [base, top). */
static uint64_t mapped_(const struct rlm_ripas *t, uint64_t base, uint64_t top)
{
	return ((top - base) >> RLM_GRANULE_SHIFT) -
	       count_(t, base, top, RLM_RMEM_NONE);
}

#define L3_ RLM_RTT_MAX_LEVEL
#define TBL_ (rlm_rtt_entry_size(L3_ - 1))   /* what a level 3 table maps */

/* The value of a page off its table's run. */
static uint8_t off_(uint8_t what)
{
	return what == RLM_RMEM_DATA ? RLM_RMEM_DATA_OFF :
	       what == RLM_RMEM_NS ? RLM_RMEM_NS_OFF : what;
}

/*
 * [s, e) of the level 3 table t was just mapped to out (PA | NS attrs,
 * contiguous; the map already says what, on the run): with nothing else
 * mapped under the table its run starts here; otherwise the pages are on
 * the run only if they continue it (a NEW table has none).  Pages off the
 * run are marked so in the map; if the map has no room for that, the
 * table loses its run.
 */
static void track_table_(struct rlm_rmem *r, struct rlm_rtt_node *t,
			 uint64_t s, uint64_t e, uint64_t out, uint8_t what)
{
	uint64_t others = mapped_(r->map, t->ipa, t->ipa + TBL_) -
			  ((e - s) >> RLM_GRANULE_SHIFT);
	uint64_t base = out - (s - t->ipa);

	if (!others) {
		t->out = base;
		t->flags = RLM_RTT_NODE_BASE;
	} else if (t->flags != RLM_RTT_NODE_BASE || t->out != base) {
		if (rlm_ripas_set(r->map, s, e, off_(what), NULL, NULL))
			t->flags &= (uint8_t)~RLM_RTT_NODE_BASE;
	}
}

/* [s, e) was mapped to out: every level 3 table under it keeps its run. */
static void track_(struct rlm_rmem *r, uint64_t s, uint64_t e, uint64_t out,
		   uint8_t what)
{
	uint64_t b;

	for (b = blk_(s, L3_); b < e; b += TBL_) {
		struct rlm_rtt_node *t = rlm_rtt_mgr_node_(r->rtt, b, L3_);
		uint64_t ss = b > s ? b : s, ee = b + TBL_ < e ? b + TBL_ : e;

		if (t)
			track_table_(r, t, ss, ee, out + (ss - s), what);
	}
}

static int set_map_(struct rlm_rmem *r, uint64_t base, uint64_t top,
		    uint8_t what)
{
	uint64_t d, n;

	if (base >= top)
		return 0;
	d = count_(r->map, base, top, RLM_RMEM_DATA) +
	    count_(r->map, base, top, RLM_RMEM_DATA_OFF);
	n = count_(r->map, base, top, RLM_RMEM_NS) +
	    count_(r->map, base, top, RLM_RMEM_NS_OFF);
	if (rlm_ripas_set(r->map, base, top, what, NULL, NULL))
		return RLM_ENOMEM;
	r->data -= d;
	r->ns -= n;
	if (what == RLM_RMEM_DATA || what == RLM_RMEM_DATA_OFF)
		r->data += (top - base) >> RLM_GRANULE_SHIFT;
	else if (what == RLM_RMEM_NS || what == RLM_RMEM_NS_OFF)
		r->ns += (top - base) >> RLM_GRANULE_SHIFT;
	return 0;
}

int rlm_rmem_note(struct rlm_rmem *r, uint64_t base, uint64_t top,
		  uint8_t what)
{
	uint64_t par, b;
	int ret;

	if (!r)
		return RLM_EINVAL;
	if ((base | top) & RLM_GRANULE_MASK)
		return RLM_EALIGN;
	par = rlm_rtt_par_size(&r->rtt->g);
	if (base >= top || top > r->map->space || what > RLM_RMEM_NS ||
	    (what == RLM_RMEM_DATA && top > par) ||
	    (what == RLM_RMEM_NS && base < par))
		return RLM_ERANGE;
	/* Pages whose addresses the host does not know: off any run; a
	 * block of them keeps no record. */
	ret = set_map_(r, base, top, off_(what));
	if (ret)
		return ret;
	for (b = blk_(base, L3_); b < top; b += TBL_)
		if (!rlm_rtt_mgr_node_(r->rtt, b, L3_))
			rlm_rtt_mgr_unblock_(r->rtt, b, L3_);
	return 0;
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
	if (stale_(m, ret, &rr, ipa, L3_)) {
		/* The table went behind the shadow's back: again, once. */
		ret = rlm_rtt_mgr_ensure(m, ipa, L3_, res);
		if (ret) {
			(void)give_back_(m, pa);
			goto undo;
		}
		m->rmi_calls++;
		ret = rlm_rmi_data_create_unknown(m->c, m->rd, pa, ipa, &rr);
	}
	if (ret) {
		keep_(res, &rr);
		(void)give_back_(m, pa);
		goto undo;
	}
	track_(r, ipa, ipa + RLM_GRANULE_SIZE, pa, RLM_RMEM_DATA);
	return fold_back_(r, ipa, ipa + RLM_GRANULE_SIZE, res);
undo:
	(void)set_map_(r, ipa, ipa + RLM_GRANULE_SIZE, RLM_RMEM_NONE);
	return ret;
}

/*
 * Did an RMI_ERROR_RTT show the shadow stale at ipa: the walk stopped at a
 * level above want where the shadow has a table below it (gone behind its
 * back)?  Then the shadow forgets those tables and the caller retries.
 */
static bool stale_(struct rlm_rtt_mgr *m, int ret,
		   const struct rlm_rmi_result *rr, uint64_t ipa, int want)
{
	int l;

	if (ret != RLM_ERMI || rr->status != RLM_RMI_ERROR_RTT)
		return false;
	l = rlm_rmi_index_level(rr->index);
	if (l < m->g.start_level || l >= want || !rlm_rtt_mgr_has(m, ipa, l + 1))
		return false;
	(void)rlm_rtt_mgr_forget(m, ipa, l + 1);
	return true;
}

/* Is the RIPAS of [b, top) one value (the tracker covers the protected
 * half only; the unprotected half has none)? */
static bool one_ripas_(const struct rlm_rmem *r, uint64_t b, uint64_t top)
{
	uint8_t v;
	uint64_t reached;

	if (b >= rlm_rtt_par_size(&r->rtt->g))
		return true;
	return !rlm_ripas_query(r->ripas, b, top, &v, &reached) &&
	       reached == top;
}

/*
 * What RTT_FOLD of the level 3 table at b would make, from the mirrors
 * (TF-RMM rmm-spec-v1.0-rel0 smc_rtt_fold(): 512 entries of one kind):
 * 0 nothing (mixed), 1 an unassigned entry (nothing mapped, one RIPAS),
 * 2 a block (every entry mapped, of one kind, the pages of one run
 * starting 2 MiB-aligned, for DATA one RIPAS).
 */
static int foldable_(const struct rlm_rmem *r, const struct rlm_rtt_node *t)
{
	uint64_t b = t->ipa, top = b + TBL_, reached;
	uint8_t v;

	if (rlm_ripas_query(r->map, b, top, &v, &reached) || reached != top)
		return 0;
	if (!one_ripas_(r, b, top))
		return 0;
	if (v == RLM_RMEM_NONE)
		return 1;
	if ((v != RLM_RMEM_DATA && v != RLM_RMEM_NS) ||
	    t->flags != RLM_RTT_NODE_BASE)
		return 0;
	/* The PA (NS attributes in the low bits) aligned to the block. */
	if ((t->out & ~(uint64_t)RLM_GRANULE_MASK) & (TBL_ - 1))
		return 0;
	return 2;
}

/*
 * Every level 3 table over [base, top) left uniform folds into its parent
 * entry (RTT_FOLD, DEN0137 1.0-rel0 B4.3.13; the series'
 * realm_fold_rtt_level()): into an unassigned entry when nothing is mapped
 * under it, into a block when its pages are one run again.  A table gone
 * behind the shadow's back (ERROR_RTT above level 3) is forgotten.
 */
static int fold_back_(struct rlm_rmem *r, uint64_t base, uint64_t top,
		      struct rlm_rmi_result *res)
{
	struct rlm_rtt_mgr *m = r->rtt;
	uint64_t b;

	if (m->g.start_level + 1 > L3_)
		return 0;   /* the level 3 table is a root: nothing folds */
	for (b = blk_(base, L3_); b < top; b += TBL_) {
		struct rlm_rtt_node *t = rlm_rtt_mgr_node_(m, b, L3_);
		struct rlm_rmi_result rr;
		int how, ret;

		if (!t)
			continue;
		how = foldable_(r, t);
		if (!how)
			continue;
		ret = rlm_rtt_mgr_fold_(m, b, L3_, how == 2, &rr);
		if (stale_(m, ret, &rr, b, L3_))
			continue;
		if (ret) {
			keep_(res, &rr);
			return ret;
		}
		r->folds++;
	}
	return 0;
}

/*
 * The entry mapping a must not reach outside [lo, hi): unfold blocks
 * (RTT_CREATE under an assigned entry, DEN0137 1.0-rel0 B4.3.15) until it
 * does, or until it is a page.  want: the deepest level needed anyway.
 * The RTT manager recovers if its shadow was stale.
 */
static int fit_(struct rlm_rmem *r, uint64_t a, uint64_t lo, uint64_t hi,
		int want, int *level, struct rlm_rmi_result *res)
{
	struct rlm_rtt_mgr *m = r->rtt;

	for (;;) {
		int l = entry_level_(m, a);
		uint64_t sz = rlm_rtt_entry_size(l), eb = a & ~(sz - 1);
		uint32_t n = m->count;
		int ret;

		if (l >= want && eb >= lo && hi - eb >= sz) {
			*level = l;
			return 0;
		}
		ret = rlm_rtt_mgr_ensure(m, a, l + 1, res);
		if (ret)
			return ret;
		if (m->count > n)
			r->unfolds++;
	}
}

static int destroy_run_(struct rlm_rmem *r, uint64_t a, uint64_t top,
			uint64_t *done, struct rlm_rmi_result *res)
{
	struct rlm_rtt_mgr *m = r->rtt;
	unsigned int tries = 0;

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
		if (stale_(m, ret, &rr, a, L3_) && ++tries < 4)
			continue;   /* unfold again where the table went */
		if (ret) {
			keep_(res, &rr);
			return ret;
		}
		tries = 0;
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
		if (v != RLM_RMEM_DATA && v != RLM_RMEM_DATA_OFF) {
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
		return ret;
	}
	/* A page that completes a run folds its table back into a block. */
	track_(r, ipa, ipa + size, pa | attrs, RLM_RMEM_NS);
	return fold_back_(r, ipa, ipa + size, res);
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
	unsigned int tries = 0;
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
		if (v != RLM_RMEM_NS && v != RLM_RMEM_NS_OFF) {
			a = reached;
			continue;
		}
		/* A block reaching outside the range is unfolded first. */
		ret = fit_(r, a, ipa, end, RLM_RTT_MIN_BLOCK_LEVEL, &l, res);
		if (ret)
			return ret;
		m->rmi_calls++;
		ret = rlm_rmi_rtt_unmap_unprotected(m->c, m->rd, a, l, &top, &rr);
		if (stale_(m, ret, &rr, a, l) && ++tries < 4)
			continue;   /* a table went: fit again */
		if (ret) {
			keep_(res, &rr);
			return ret;
		}
		tries = 0;
		if (l < L3_)
			rlm_rtt_mgr_unblock_(m, a, l + 1);
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
	unsigned int tries = 0;
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
		int want = map_level_(&m->g, ipa, top);

		/* The tables the walk needs, before the call: the series
		 * creates them after an ERROR_RTT at the level the walk
		 * stopped; the shadow knows that level already. */
		ret = rlm_rtt_mgr_ensure(m, ipa, want, res);
		if (ret)
			return ret;
		m->rmi_calls++;
		ret = rlm_rmi_rtt_set_ripas(m->c, m->rd, rec, ipa, top, &next, &rr);
		if (stale_(m, ret, &rr, ipa, RLM_RTT_MAX_LEVEL + 1) && ++tries < 4)
			continue;   /* a table went: create it again */
		tries = 0;
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
	/* EMPTY -> RAM: a table whose RIPAS is one again folds back. */
	return fold_back_(r, x->ripas.base, top, res);
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
