/* SPDX-License-Identifier: BSD-3-Clause */
/* RTT manager: shadow tables, creation on demand, recovery by the level an
 * RMI_ERROR_RTT reports; see realm/rtt_mgr.h. */
#include <realm/rtt_mgr.h>
#include <realm/error.h>
#include <realm/rmi2.h>
#include "rtt_mgr_int.h"

#define FREE_ 0
#define USED_ 1
#define BLOCK_ 3

/* ---- the calls, per RMI generation (m->abi) ---------------------------- */

#define RANGE_RETRIES_ 8u  /* BUSY answers to a 2.0 range (un)delegate */

static int delegate_(const struct rlm_rtt_mgr *m, uint64_t pa,
		     struct rlm_rmi_result *res)
{
	if (m->abi == RLM_RMI_V2_0)
		return rlm_rmi2_granule_range_delegate_all(m->c, pa,
							   pa + RLM_GRANULE_SIZE,
							   RANGE_RETRIES_, NULL, res);
	return rlm_rmi_granule_delegate(m->c, pa, res);
}

static int undelegate_(const struct rlm_rtt_mgr *m, uint64_t pa)
{
	if (m->abi == RLM_RMI_V2_0)
		return rlm_rmi2_granule_range_undelegate_all(m->c, pa,
							     pa + RLM_GRANULE_SIZE,
							     RANGE_RETRIES_, NULL,
							     NULL);
	return rlm_rmi_granule_undelegate(m->c, pa, NULL);
}

static int rtt_create_(const struct rlm_rtt_mgr *m, uint64_t pa, uint64_t ipa,
		       int level, struct rlm_rmi_result *res)
{
	if (m->abi == RLM_RMI_V2_0)
		return rlm_rmi2_rtt_create(m->c, m->rd, pa, ipa, level, res);
	return rlm_rmi_rtt_create(m->c, m->rd, pa, ipa, level, res);
}

static int rtt_destroy_(const struct rlm_rtt_mgr *m, uint64_t ipa, int level,
			uint64_t *pa, uint64_t *top, struct rlm_rmi_result *res)
{
	if (m->abi == RLM_RMI_V2_0)
		return rlm_rmi2_rtt_destroy(m->c, m->rd, ipa, level, pa, top, res);
	return rlm_rmi_rtt_destroy(m->c, m->rd, ipa, level, pa, top, res);
}

/* RTT_READ_ENTRY: is the entry at level a table, and where is it? */
static int read_table_(const struct rlm_rtt_mgr *m, uint64_t ipa, int level,
		       bool *table, uint64_t *pa, struct rlm_rmi_result *res)
{
	int ret;

	if (m->abi == RLM_RMI_V2_0) {
		struct rlm_rmi2_rtt_entry e;

		ret = rlm_rmi2_rtt_read_entry(m->c, m->rd, ipa, level, &e, res);
		*table = ret == 0 && e.state == RLM_RMI_TABLE;
		*pa = ret == 0 ? e.desc : 0;
	} else {
		struct rlm_rtt_entry e;

		ret = rlm_rmi_rtt_read_entry(m->c, m->rd, ipa, level, &e, res);
		*table = ret == 0 && e.state == RLM_RMI_TABLE;
		*pa = ret == 0 ? e.desc : 0;
	}
	return ret;
}

static int rtt_fold_(const struct rlm_rtt_mgr *m, uint64_t ipa, int level,
		     uint64_t *pa, struct rlm_rmi_result *res)
{
	if (m->abi == RLM_RMI_V2_0)
		return rlm_rmi2_rtt_fold(m->c, m->rd, ipa, level, pa, res);
	return rlm_rmi_rtt_fold(m->c, m->rd, ipa, level, pa, res);
}

static uint32_t home_(const struct rlm_rtt_mgr *m, uint64_t ipa, int level)
{
	uint64_t h = ((ipa >> RLM_GRANULE_SHIFT) ^ ((uint64_t)(level + 1) << 58)) *
		     UINT64_C(0x9e3779b97f4a7c15);

	return (uint32_t)(h >> 32) & (m->cap - 1);
}

/* The node of key (ipa, level): a table or a block record. */
static struct rlm_rtt_node *find_any_(const struct rlm_rtt_mgr *m, uint64_t ipa,
				      int level)
{
	uint32_t i = home_(m, ipa, level), n;

	for (n = 0; n < m->cap; n++, i = (i + 1) & (m->cap - 1)) {
		struct rlm_rtt_node *e = &m->nodes[i];

		if (e->state == FREE_)
			return NULL;
		if (e->ipa == ipa && e->level == level)
			return e;
	}
	return NULL;
}

/* The table at (ipa, level), if the shadow has it. */
static struct rlm_rtt_node *find_(const struct rlm_rtt_mgr *m, uint64_t ipa,
				  int level)
{
	struct rlm_rtt_node *e = find_any_(m, ipa, level);

	return e && e->state == USED_ ? e : NULL;
}

/* Can the shadow hold one more table (at most 3/4 of the nodes used)? */
static bool room_(const struct rlm_rtt_mgr *m)
{
	return ((uint64_t)m->count + m->blocks + 1) * 4 <= (uint64_t)m->cap * 3;
}

/*
 * fresh: the table was just made by RTT_CREATE: if the shadow recorded the
 * block it replaces, the RMM filled the table with that block's pages
 * (DEN0137 1.0-rel0 B4.3.15), so the table starts BASE at the block's
 * output; otherwise (or for a table adopted) it starts NEW.
 */
static int insert_(struct rlm_rtt_mgr *m, uint64_t ipa, int level, uint64_t pa,
		   bool fresh)
{
	struct rlm_rtt_node *e = find_any_(m, ipa, level);
	uint32_t i;

	if (e && e->state == USED_)
		return RLM_EEXIST;
	if (e) {
		/* A recorded block became this table. */
		e->state = USED_;
		e->pa = pa;
		e->flags = fresh ? RLM_RTT_NODE_BASE : RLM_RTT_NODE_NEW;
		m->blocks--;
		m->count++;
		return 0;
	}
	if (!room_(m))
		return RLM_ENOMEM;
	for (i = home_(m, ipa, level); m->nodes[i].state != FREE_;
	     i = (i + 1) & (m->cap - 1))
		;
	m->nodes[i].ipa = ipa;
	m->nodes[i].pa = pa;
	m->nodes[i].level = (int8_t)level;
	m->nodes[i].state = USED_;
	m->nodes[i].out = 0;
	m->nodes[i].flags = RLM_RTT_NODE_NEW;
	m->count++;
	return 0;
}

/* Linear-probing deletion by backward shift (no tombstones). */
static void remove_(struct rlm_rtt_mgr *m, struct rlm_rtt_node *e)
{
	uint32_t mask = m->cap - 1, i = (uint32_t)(e - m->nodes), j = i;

	if (e->state == BLOCK_)
		m->blocks--;
	else
		m->count--;
	for (;;) {
		uint32_t k;

		j = (j + 1) & mask;
		if (m->nodes[j].state == FREE_)
			break;
		k = home_(m, m->nodes[j].ipa, m->nodes[j].level);
		if ((j > i && (k <= i || k > j)) || (j < i && k <= i && k > j)) {
			m->nodes[i] = m->nodes[j];
			i = j;
		}
	}
	m->nodes[i].state = FREE_;
}

/* Room for one more table: a block record (only ever a hint for folding
 * back) gives way if the nodes are full. */
static bool make_room_(struct rlm_rtt_mgr *m)
{
	uint32_t i;

	for (i = 0; !room_(m) && m->blocks && i < m->cap; i++)
		if (m->nodes[i].state == BLOCK_)
			remove_(m, &m->nodes[i--]);
	return room_(m);
}

static uint64_t blk_(uint64_t ipa, int level)
{
	return ipa & ~(rlm_rtt_entry_size(level - 1) - 1);
}

int rlm_rtt_mgr_init(struct rlm_rtt_mgr *m, const struct rlm_conduit *c,
		     uint64_t rd, const struct rlm_rtt_geom *g,
		     const struct rlm_granule_pool *pool,
		     struct rlm_rtt_node *nodes, uint32_t cap)
{
	uint32_t i;

	if (!m || !c || !g || !pool || !pool->get || !pool->put ||
	    !pool->quarantine || !nodes)
		return RLM_EINVAL;
	if (cap < 4 || (cap & (cap - 1)))
		return RLM_ERANGE;
	rlm_memset(m, 0, sizeof(*m));
	m->c = c;
	m->rd = rd;
	m->g = *g;
	m->pool = *pool;
	m->nodes = nodes;
	m->cap = cap;
	for (i = 0; i < cap; i++)
		nodes[i].state = FREE_;
	return 0;
}

int rlm_rtt_mgr_adopt(struct rlm_rtt_mgr *m, uint64_t ipa, int level,
		      uint64_t pa)
{
	int ret;

	if (!m)
		return RLM_EINVAL;
	ret = rlm_rtt_check_structure(&m->g, ipa, level);
	if (ret)
		return ret;
	if (!find_(m, ipa, level))
		(void)make_room_(m);
	return insert_(m, ipa, level, pa, false);
}

bool rlm_rtt_mgr_has(const struct rlm_rtt_mgr *m, uint64_t ipa, int level)
{
	if (!m || level > RLM_RTT_MAX_LEVEL || ipa >= rlm_rtt_ipa_size(&m->g))
		return false;
	if (level <= m->g.start_level)
		return true;
	return find_(m, blk_(ipa, level), level) != NULL;
}

static void give_back_(struct rlm_rtt_mgr *m, uint64_t pa)
{
	m->rmi_calls++;
	if (undelegate_(m, pa) == 0) {
		m->pool.put(m->pool.ctx, pa);
	} else {
		m->pool.quarantine(m->pool.ctx, pa);
		m->leaked++;
	}
}

/* Drop every node (table or block record) at level or deeper inside the
 * block an entry at level - 1 maps around ipa; the number of tables. */
static int forget_(struct rlm_rtt_mgr *m, uint64_t ipa, int level)
{
	uint64_t lo = blk_(ipa, level), sz = rlm_rtt_entry_size(level - 1);
	uint32_t i = 0;
	int n = 0;

	while (i < m->cap) {
		struct rlm_rtt_node *e = &m->nodes[i];

		if (e->state != FREE_ && e->level >= level && e->ipa >= lo &&
		    e->ipa - lo < sz) {
			if (e->state == USED_)
				n++;
			remove_(m, e);   /* may shift another into slot i */
			continue;
		}
		i++;
	}
	return n;
}

/* Forget the shadow's tables deeper than level for ipa: the walk stopped
 * at level, so the entry there is no table and nothing lies under it. */
static void forget_below_(struct rlm_rtt_mgr *m, uint64_t ipa, int level)
{
	if (level < RLM_RTT_MAX_LEVEL)
		(void)forget_(m, ipa, level + 1);
}

int rlm_rtt_mgr_forget(struct rlm_rtt_mgr *m, uint64_t ipa, int level)
{
	if (!m)
		return RLM_EINVAL;
	if (level <= m->g.start_level || level > RLM_RTT_MAX_LEVEL ||
	    ipa >= rlm_rtt_ipa_size(&m->g))
		return RLM_ERANGE;
	return forget_(m, ipa, level);
}

static int create_(struct rlm_rtt_mgr *m, uint64_t ipa, int level,
		   struct rlm_rmi_result *res, int *restart)
{
	uint64_t b = blk_(ipa, level), pa;
	struct rlm_rmi_result r;
	int ret;

	/* Room first: a table the RMM created but the shadow cannot hold
	 * would be lost to teardown. */
	if (!make_room_(m))
		return RLM_ENOMEM;
	ret = m->pool.get(m->pool.ctx, 1, &pa);
	if (ret)
		return ret;
	m->rmi_calls++;
	ret = delegate_(m, pa, &r);
	if (ret) {
		m->pool.put(m->pool.ctx, pa);
		if (res)
			*res = r;
		return ret;
	}
	m->rmi_calls++;
	ret = rtt_create_(m, pa, b, level, &r);
	if (ret == 0)
		return insert_(m, b, level, pa, true);
	give_back_(m, pa);
	if (res)
		*res = r;
	if (ret != RLM_ERMI || r.status != RLM_RMI_ERROR_RTT)
		return ret;
	if (rlm_rmi_index_level(r.index) == level - 1) {
		/* Created behind our back: adopt it. */
		bool table;
		uint64_t tpa;

		m->rmi_calls++;
		ret = read_table_(m, b, level - 1, &table, &tpa, &r);
		if (ret)
			return ret;
		if (!table)
			return RLM_ESTATE;
		return insert_(m, b, level, tpa, false);
	}
	/* The walk stopped higher up: the shadow was wrong there. */
	forget_below_(m, ipa, rlm_rmi_index_level(r.index));
	*restart = 1;
	return 0;
}

int rlm_rtt_mgr_ensure(struct rlm_rtt_mgr *m, uint64_t ipa, int level,
		       struct rlm_rmi_result *res)
{
	int l, ret, tries;

	if (!m)
		return RLM_EINVAL;
	if (level > RLM_RTT_MAX_LEVEL || ipa >= rlm_rtt_ipa_size(&m->g))
		return RLM_ERANGE;
	for (tries = 0; tries < 2 * RLM_RTT_MAX_LEVEL + 2; tries++) {
		int restart = 0;

		for (l = m->g.start_level + 1; l <= level && !restart; l++) {
			if (find_(m, blk_(ipa, l), l))
				continue;
			ret = create_(m, ipa, l, res, &restart);
			if (ret)
				return ret;
		}
		if (!restart)
			return 0;
	}
	return RLM_ESTATE;
}

int rlm_rtt_mgr_create(struct rlm_rtt_mgr *m, uint64_t ipa, int level,
		       struct rlm_rmi_result *res)
{
	uint64_t pa;
	int ret;

	if (!m)
		return RLM_EINVAL;
	ret = rlm_rtt_check_structure(&m->g, ipa, level);
	if (ret)
		return ret;
	if (find_(m, ipa, level))
		return RLM_EEXIST;
	if (!rlm_rtt_mgr_has(m, ipa, level - 1))
		return RLM_ESTATE;   /* the parent first */
	if (!make_room_(m))
		return RLM_ENOMEM;
	ret = m->pool.get(m->pool.ctx, 1, &pa);
	if (ret)
		return ret;
	m->rmi_calls++;
	ret = delegate_(m, pa, res);
	if (ret) {
		m->pool.put(m->pool.ctx, pa);
		return ret;
	}
	m->rmi_calls++;
	ret = rtt_create_(m, pa, ipa, level, res);
	if (ret) {
		give_back_(m, pa);
		return ret;
	}
	return insert_(m, ipa, level, pa, true);   /* room was checked */
}

/* The largest entry for [a, end) mapping to pa: levels 1..3 (not above the
 * root). */
static int map_level_(const struct rlm_rtt_mgr *m, uint64_t a, uint64_t end,
		      uint64_t pa)
{
	int l = m->g.start_level > RLM_RTT_MIN_BLOCK_LEVEL ? m->g.start_level :
							     RLM_RTT_MIN_BLOCK_LEVEL;

	for (; l < RLM_RTT_MAX_LEVEL; l++) {
		uint64_t sz = rlm_rtt_entry_size(l);

		if (!((a | pa) & (sz - 1)) && end - a >= sz)
			return l;
	}
	return RLM_RTT_MAX_LEVEL;
}

static int range_ok_(const struct rlm_rtt_mgr *m, uint64_t ipa, uint64_t size)
{
	if ((ipa | size) & RLM_GRANULE_MASK)
		return RLM_EALIGN;
	if (!size || ipa < rlm_rtt_par_size(&m->g) ||
	    size > rlm_rtt_ipa_size(&m->g) - ipa)
		return RLM_ERANGE;
	return 0;
}

int rlm_rtt_mgr_map_unprotected(struct rlm_rtt_mgr *m, uint64_t ipa,
				uint64_t size, uint64_t pa, uint64_t attrs,
				struct rlm_rmi_result *res)
{
	uint64_t a, end;
	int ret;

	if (!m)
		return RLM_EINVAL;
	ret = range_ok_(m, ipa, size);
	if (ret)
		return ret;
	if (pa & RLM_GRANULE_MASK)
		return RLM_EALIGN;
	if (attrs & ~UINT64_C(0xfc))
		return RLM_EINVAL;
	if (m->abi != RLM_RMI_V1_0)
		return RLM_ENOTSUP;
	end = ipa + size;
	for (a = ipa; a < end;) {
		uint64_t out = pa + (a - ipa);
		int l = map_level_(m, a, end, out), tries;
		struct rlm_rmi_result r;

		for (tries = 0; tries < 2; tries++) {
			ret = rlm_rtt_mgr_ensure(m, a, l, res);
			if (ret)
				return ret;
			m->rmi_calls++;
			ret = rlm_rmi_rtt_map_unprotected(m->c, m->rd, a, l,
							  out | attrs, &r);
			if (ret == RLM_ERMI && r.status == RLM_RMI_ERROR_RTT &&
			    rlm_rmi_index_level(r.index) < l) {
				/* A table went away behind our back. */
				forget_below_(m, a, rlm_rmi_index_level(r.index));
				continue;
			}
			break;
		}
		if (ret) {
			if (res)
				*res = r;
			return ret;
		}
		if (l < RLM_RTT_MAX_LEVEL)
			rlm_rtt_mgr_block_(m, a, l + 1, out | attrs);
		a += rlm_rtt_entry_size(l);
	}
	return 0;
}

int rlm_rtt_mgr_unmap_unprotected(struct rlm_rtt_mgr *m, uint64_t ipa,
				  uint64_t size, struct rlm_rmi_result *res)
{
	uint64_t a, end;
	int ret;

	if (!m)
		return RLM_EINVAL;
	ret = range_ok_(m, ipa, size);
	if (ret)
		return ret;
	if (m->abi != RLM_RMI_V1_0)
		return RLM_ENOTSUP;
	end = ipa + size;
	for (a = ipa; a < end;) {
		int l = map_level_(m, a, end, a);
		struct rlm_rmi_result r;
		uint64_t top = a;

		for (;;) {
			/* The shadow knows where there is no table: no probe. */
			while (l > RLM_RTT_MIN_BLOCK_LEVEL && !rlm_rtt_mgr_has(m, a, l))
				l--;
			m->rmi_calls++;
			ret = rlm_rmi_rtt_unmap_unprotected(m->c, m->rd, a, l, &top, &r);
			if (ret == RLM_ERMI && r.status == RLM_RMI_ERROR_RTT &&
			    top == a && l < RLM_RTT_MAX_LEVEL &&
			    rlm_rtt_mgr_has(m, a, l + 1)) {
				l++;   /* mapped in smaller pieces */
				continue;
			}
			break;
		}
		if (ret == RLM_ERMI && r.status == RLM_RMI_ERROR_RTT && top > a) {
			a = top;  /* nothing mapped there */
			continue;
		}
		if (ret) {
			if (res)
				*res = r;
			return ret;
		}
		if (l < RLM_RTT_MAX_LEVEL)
			rlm_rtt_mgr_unblock_(m, a, l + 1);
		a = top > a ? top : a + rlm_rtt_entry_size(l);
	}
	return 0;
}

int rlm_rtt_mgr_fold_(struct rlm_rtt_mgr *m, uint64_t ipa, int level,
		      bool block, struct rlm_rmi_result *res)
{
	struct rlm_rtt_node *e;
	uint64_t pa;
	int ret;

	if (!m)
		return RLM_EINVAL;
	ret = rlm_rtt_check_structure(&m->g, blk_(ipa, level), level);
	if (ret)
		return ret;
	e = find_(m, blk_(ipa, level), level);
	if (!e)
		return RLM_ENOENT; /* the shadow knows: no call */
	m->rmi_calls++;
	ret = rtt_fold_(m, e->ipa, level, &pa, res);
	if (ret)
		return ret;
	if (block && e->flags == RLM_RTT_NODE_BASE) {
		/* The table became the block it maps: keep its output. */
		e->state = BLOCK_;
		e->pa = 0;
		m->count--;
		m->blocks++;
	} else {
		remove_(m, e);
	}
	give_back_(m, pa);
	return 0;
}

int rlm_rtt_mgr_fold(struct rlm_rtt_mgr *m, uint64_t ipa, int level,
		     struct rlm_rmi_result *res)
{
	return rlm_rtt_mgr_fold_(m, ipa, level, false, res);
}

struct rlm_rtt_node *rlm_rtt_mgr_node_(const struct rlm_rtt_mgr *m,
				       uint64_t ipa, int level)
{
	if (level <= m->g.start_level || level > RLM_RTT_MAX_LEVEL)
		return NULL;
	return find_(m, blk_(ipa, level), level);
}

void rlm_rtt_mgr_block_(struct rlm_rtt_mgr *m, uint64_t ipa, int level,
			uint64_t out)
{
	struct rlm_rtt_node *e;
	uint64_t b = blk_(ipa, level);
	uint32_t i;

	if (level <= m->g.start_level || level > RLM_RTT_MAX_LEVEL)
		return;
	e = find_any_(m, b, level);
	if (e) {
		if (e->state == BLOCK_)
			e->out = out;
		return;   /* a table: the entry above is no block */
	}
	if (!room_(m))
		return;   /* unrecorded: an unfold starts NEW */
	for (i = home_(m, b, level); m->nodes[i].state != FREE_;
	     i = (i + 1) & (m->cap - 1))
		;
	e = &m->nodes[i];
	e->ipa = b;
	e->pa = 0;
	e->out = out;
	e->level = (int8_t)level;
	e->state = BLOCK_;
	e->flags = RLM_RTT_NODE_BASE;
	m->blocks++;
}

void rlm_rtt_mgr_unblock_(struct rlm_rtt_mgr *m, uint64_t ipa, int level)
{
	struct rlm_rtt_node *e;

	if (level <= m->g.start_level || level > RLM_RTT_MAX_LEVEL)
		return;
	e = find_any_(m, blk_(ipa, level), level);
	if (e && e->state == BLOCK_)
		remove_(m, e);
}

/*
 * Destroy every table below the root, deepest level first.  release: the
 * realm is going away, so nothing may stay behind: a live table is given
 * to empty() and destroyed again, and one that still cannot be destroyed
 * (or that the walk no longer reaches) has its granule quarantined and is
 * forgotten.  Otherwise a live table stays and a table gone behind the
 * manager's back is forgotten.  Returns the first error.
 */
static int destroy_tables_(struct rlm_rtt_mgr *m, bool release,
			   rlm_rtt_mgr_empty_fn empty, void *arg,
			   struct rlm_rmi_result *res)
{
	int l, err = 0;

	for (l = RLM_RTT_MAX_LEVEL; l > m->g.start_level; l--) {
		uint32_t i = 0;

		while (i < m->cap) {
			struct rlm_rtt_node *e = &m->nodes[i];
			struct rlm_rmi_result r;
			uint64_t pa, top;
			int ret;

			if (e->state == BLOCK_ && release) {
				remove_(m, e);   /* the realm goes: no block stays */
				continue;
			}
			if (e->state != USED_ || e->level != l) {
				i++;
				continue;
			}
			m->rmi_calls++;
			ret = rtt_destroy_(m, e->ipa, l, &pa, &top, &r);
			if (ret == RLM_ERMI && r.status == RLM_RMI_ERROR_RTT &&
			    rlm_rmi_index_level(r.index) == l && release && empty) {
				/* Live entries the shadow does not know: empty, retry. */
				empty(arg, e->ipa, l);
				m->rmi_calls++;
				ret = rtt_destroy_(m, e->ipa, l, &pa, &top, &r);
			}
			if (ret == 0) {
				uint64_t leaked = m->leaked;

				remove_(m, e);   /* may shift another into slot i */
				give_back_(m, pa);
				if (release && m->leaked != leaked && !err)
					err = RLM_EIO;
				continue;
			}
			if (!release && ret == RLM_ERMI &&
			    r.status == RLM_RMI_ERROR_RTT &&
			    rlm_rmi_index_level(r.index) < l) {
				remove_(m, e);   /* gone behind our back */
				continue;
			}
			if (!err) {
				err = ret;
				if (res)
					*res = r;
			}
			if (release) {
				/* Still referenced by the realm: set aside. */
				m->pool.quarantine(m->pool.ctx, e->pa);
				m->leaked++;
				remove_(m, e);
				continue;
			}
			i++;
		}
	}
	return err;
}

int rlm_rtt_mgr_destroy_all(struct rlm_rtt_mgr *m, struct rlm_rmi_result *res)
{
	if (!m)
		return RLM_EINVAL;
	return destroy_tables_(m, false, NULL, NULL, res);
}

int rlm_rtt_mgr_release_all(struct rlm_rtt_mgr *m, rlm_rtt_mgr_empty_fn empty,
			    void *arg, struct rlm_rmi_result *res)
{
	if (!m)
		return RLM_EINVAL;
	return destroy_tables_(m, true, empty, arg, res);
}

uint32_t rlm_rtt_mgr_cap_for(uint64_t tables)
{
	uint64_t cap = 4;

	if (tables > UINT32_MAX)
		return 0;
	while (tables * 4 > cap * 3) {
		if (cap == UINT64_C(1) << 31)
			return 0;
		cap *= 2;
	}
	return (uint32_t)cap;
}
