/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The mock RMM's granule store: granule states, the RD/REC object and page
 * hashes, the page store, the RTT arena, the stage 2 walk, and the two RMI
 * commands that only change a granule's state (GRANULE_DELEGATE/UNDELEGATE).
 *
 * Each handler performs its checks in the order of the reference RMM,
 * TF-RMM tag rmm-spec-v1.0-rel0 (runtime/rmi/granule.c, lib/s2tt/src/s2tt.c), which was read to establish that
 * order; the code here is our own model.
 */
#include "mock_int.h"

#include <core/bytes.h>

/* ---- granules ----------------------------------------------------------- */

uint64_t mock_gidx_(const struct rlm_mock *m, uint64_t pa)
{
	const struct rlm_mock_config *c = &m->cfg;

	if (pa & RLM_GRANULE_MASK)
		return UINT64_MAX;
	if (pa >= c->pool_base && (pa - c->pool_base) / RLM_GRANULE_SIZE < c->pool_granules)
		return (pa - c->pool_base) / RLM_GRANULE_SIZE;
	if (pa >= c->ns_base && (pa - c->ns_base) / RLM_GRANULE_SIZE < c->ns_granules)
		return c->pool_granules + (pa - c->ns_base) / RLM_GRANULE_SIZE;
	return UINT64_MAX;
}

/* ---- the granule hash (open addressing, linear probing) ---------------- */

/* Neighbouring granules get neighbouring slots (a realm's granules are
 * mostly runs: their entries share memory pages); the key's bits above
 * the table size are mixed in so ranges a table size apart do not pile up. */
static uint32_t gh_home_(uint64_t key, uint32_t mask)
{
	uint64_t hi = (key & ~(uint64_t)(mask >> 1)) * UINT64_C(0x9E3779B97F4A7C15);

	/* every other slot: a run of granules leaves gaps, so probes and
	 * deletions stop after a slot or two (the table is at most half full) */
	return (uint32_t)(2 * key + (hi >> 29)) & mask;
}

/* The slot of granule gi, or the empty slot where it would go. */
static uint32_t gh_slot_(const struct rlm_mock *m, uint64_t gi)
{
	uint32_t s = gh_home_(gi + 1, m->gh_mask);

	while (m->gh[s] && GH_KEY(m->gh[s]) != gi + 1)
		s = (s + 1) & m->gh_mask;
	return s;
}

static unsigned int gh_get_(const struct rlm_mock *m, uint64_t gi)
{
	uint64_t v = m->gh[gh_slot_(m, gi)];

	return v ? GH_STATE(v) : G_NS;
}

/* Backward-shift deletion (no tombstones). */
static void gh_del_slot_(struct rlm_mock *m, uint32_t s)
{
	uint64_t *h = m->gh;
	uint32_t mask = m->gh_mask, j = s;

	h[s] = 0;
	m->gh_count--;
	for (;;) {
		uint32_t home;

		j = (j + 1) & mask;
		if (!h[j])
			return;
		home = gh_home_(GH_KEY(h[j]), mask);
		if ((j > s && (home <= s || home > j)) ||
		    (j < s && (home <= s && home > j))) {
			h[s] = h[j];
			h[j] = 0;
			s = j;
		}
	}
}

/* Set granule gi's state; false when a new entry does not fit (capacity). */
static bool gh_set_(struct rlm_mock *m, uint64_t gi, unsigned int st)
{
	uint32_t s = gh_slot_(m, gi);
	unsigned int old = m->gh[s] ? GH_STATE(m->gh[s]) : G_NS;

	if (old == st)
		return true;
	if (old == G_NS) {
		if (m->gh_count >= m->gh_max)
			return false;
		m->gh_count++;
		if (m->journal_n < m->journal_cap)
			m->journal[m->journal_n++] = gi;
		else
			m->journal_lost = true;
	}
	if (gi >= m->cfg.pool_granules) {
		if (old == G_NS)
			m->gh_ns++;
		else if (st == G_NS)
			m->gh_ns--;
	}
	if (old != G_NS)
		m->gcount[old]--;
	if (st != G_NS)
		m->gcount[st]++;
	if (st == G_NS)
		gh_del_slot_(m, s);
	else
		m->gh[s] = GH_MAKE(gi, st);
	return true;
}

void mock_gh_reset_(struct rlm_mock *m)
{
	uint32_t i;

	if (m->gh_count && m->journal_lost) {
		rlm_memset(m->gh, 0, ((size_t)m->gh_mask + 1) * sizeof(uint64_t));
	} else {
		for (i = 0; i < m->journal_n && m->gh_count; i++) {
			uint32_t s = gh_slot_(m, m->journal[i]);

			if (m->gh[s])
				gh_del_slot_(m, s);
		}
	}
	m->gh_count = 0;
	m->gh_ns = 0;
	m->journal_n = 0;
	m->journal_lost = false;
	rlm_memset(m->gcount, 0, sizeof(m->gcount));
}

int mock_gstate_(const struct rlm_mock *m, uint64_t pa)
{
	uint64_t i = mock_gidx_(m, pa);

	return i == UINT64_MAX ? -1 : (int)gh_get_(m, i);
}

/* TF-RMM find_lock_granule: tracked, aligned, and in the expected state. */
bool mock_gis_(const struct rlm_mock *m, uint64_t pa, int state)
{
	return mock_gstate_(m, pa) == state;
}

/* Between non-NS states (an entry exists: the change always fits). */
void mock_gset_(struct rlm_mock *m, uint64_t pa, int state)
{
	uint64_t i = mock_gidx_(m, pa);

	if (i != UINT64_MAX)
		(void)gh_set_(m, i, (unsigned int)state);
}

/* find_lock_two_granules: duplicates fail, either in the wrong state fails. */
bool mock_two_(const struct rlm_mock *m, uint64_t a, int sa, uint64_t b, int sb)
{
	if (a == b)
		return false;
	return mock_gis_(m, a, sa) && mock_gis_(m, b, sb);
}

/* ---- hashes: RD/REC objects and stored pages ---------------------------- */

static uint32_t hslot_(uint64_t key, uint32_t mask)
{
	key *= UINT64_C(0x9E3779B97F4A7C15);
	return (uint32_t)(key >> 32) & mask;
}

uint32_t mock_h_find_(const struct mock_hslot *h, uint32_t mask, uint64_t gi)
{
	uint32_t s = hslot_(gi + 1, mask);

	while (h[s].key) {
		if (h[s].key == gi + 1)
			return h[s].val;
		s = (s + 1) & mask;
	}
	return MOCK_NONE;
}

void mock_h_put_(struct mock_hslot *h, uint32_t mask, uint64_t gi, uint32_t val)
{
	uint32_t s = hslot_(gi + 1, mask);

	while (h[s].key && h[s].key != gi + 1)
		s = (s + 1) & mask;
	h[s].key = gi + 1;
	h[s].val = val;
}

/* Linear probing deletion with backward shift (no tombstones). */
void mock_h_del_(struct mock_hslot *h, uint32_t mask, uint64_t gi)
{
	uint32_t s = hslot_(gi + 1, mask), j;

	while (h[s].key && h[s].key != gi + 1)
		s = (s + 1) & mask;
	if (!h[s].key)
		return;
	h[s].key = 0;
	j = s;
	for (;;) {
		uint32_t home;

		j = (j + 1) & mask;
		if (!h[j].key)
			return;
		home = hslot_(h[j].key, mask);
		/* Can h[j] move to s?  Only if home is not in (s, j]. */
		if ((j > s && (home <= s || home > j)) ||
		    (j < s && (home <= s && home > j))) {
			h[s] = h[j];
			h[j].key = 0;
			s = j;
		}
	}
}

uint32_t mock_obj_find_(const struct rlm_mock *m, uint64_t pa)
{
	uint64_t gi = mock_gidx_(m, pa);

	if (gi == UINT64_MAX)
		return MOCK_NONE;
	return mock_h_find_(m->objh, m->objh_mask, gi);
}

struct mock_realm *mock_realm_of_(struct rlm_mock *m, uint64_t rd)
{
	uint32_t i;

	if (!mock_gis_(m, rd, G_RD))
		return NULL;
	i = mock_obj_find_(m, rd);
	return i == MOCK_NONE ? NULL : &m->realms[i];
}

struct mock_rec *mock_rec_of_(struct rlm_mock *m, uint64_t rec)
{
	uint32_t i;

	if (!mock_gis_(m, rec, G_REC))
		return NULL;
	i = mock_obj_find_(m, rec);
	return i == MOCK_NONE ? NULL : &m->recs[i];
}

uint8_t *mock_page_find_(const struct rlm_mock *m, uint64_t pa)
{
	uint32_t i;

	if (!m->cfg.max_pages)
		return NULL;
	i = mock_h_find_(m->pageh, m->pageh_mask, pa >> RLM_GRANULE_SHIFT);
	return i == MOCK_NONE ? NULL : m->pages + (size_t)i * RLM_GRANULE_SIZE;
}

static uint32_t page_alloc_(struct rlm_mock *m)
{
	if (m->page_nfree)
		return m->page_free[--m->page_nfree];
	if (m->page_hi < m->cfg.max_pages)
		return m->page_hi++;
	m->capacity_exhausted = true;	/* no store, or it is full */
	return MOCK_NONE;
}

uint8_t *mock_page_get_(struct rlm_mock *m, uint64_t pa)
{
	uint64_t key = pa >> RLM_GRANULE_SHIFT;
	uint32_t i = m->cfg.max_pages ? mock_h_find_(m->pageh, m->pageh_mask, key) : MOCK_NONE;
	uint32_t j;

	if (i != MOCK_NONE && m->page_ref[i] == 1)
		return m->pages + (size_t)i * RLM_GRANULE_SIZE;
	j = page_alloc_(m);
	if (j == MOCK_NONE)
		return NULL;
	m->page_ref[j] = 1;
	if (i != MOCK_NONE) {	/* shared: copy on write */
		m->page_ref[i]--;
		rlm_memcpy(m->pages + (size_t)j * RLM_GRANULE_SIZE,
			   m->pages + (size_t)i * RLM_GRANULE_SIZE, RLM_GRANULE_SIZE);
	} else {
		m->page_maps++;
		rlm_memset(m->pages + (size_t)j * RLM_GRANULE_SIZE, 0, RLM_GRANULE_SIZE);
	}
	mock_h_put_(m->pageh, m->pageh_mask, key, j);
	return m->pages + (size_t)j * RLM_GRANULE_SIZE;
}

void mock_page_store_(struct rlm_mock *m, uint64_t pa, const uint8_t *c)
{
	uint32_t sp = m->share_page;
	uint8_t *p;

	mock_page_drop_(m, pa);
	if (sp != MOCK_NONE && m->page_ref[sp] &&
	    !rlm_memcmp(m->pages + (size_t)sp * RLM_GRANULE_SIZE, c, RLM_GRANULE_SIZE)) {
		m->page_ref[sp]++;
		m->page_maps++;
		mock_h_put_(m->pageh, m->pageh_mask, pa >> RLM_GRANULE_SHIFT, sp);
		return;
	}
	p = mock_page_get_(m, pa);
	if (!p)
		return;
	rlm_memcpy(p, c, RLM_GRANULE_SIZE);
	m->share_page = mock_h_find_(m->pageh, m->pageh_mask, pa >> RLM_GRANULE_SHIFT);
}

void mock_page_drop_(struct rlm_mock *m, uint64_t pa)
{
	uint32_t i;

	if (!m->page_maps)
		return;
	i = mock_h_find_(m->pageh, m->pageh_mask, pa >> RLM_GRANULE_SHIFT);
	if (i == MOCK_NONE)
		return;
	mock_h_del_(m->pageh, m->pageh_mask, pa >> RLM_GRANULE_SHIFT);
	m->page_maps--;
	if (--m->page_ref[i] == 0) {
		m->page_free[m->page_nfree++] = i;
		if (m->share_page == i)
			m->share_page = MOCK_NONE;
	}
}

/* Pages in use (the page store's high-water mark less the free ones). */
uint32_t mock_pages_used_(const struct rlm_mock *m)
{
	return m->page_hi - m->page_nfree;
}

void mock_ns_touch_(struct rlm_mock *m, uint64_t pa, size_t len)
{
	uint64_t g, last;

	if (!len)
		return;
	g = (pa - m->cfg.ns_base) >> RLM_GRANULE_SHIFT;
	last = (pa + len - 1 - m->cfg.ns_base) >> RLM_GRANULE_SHIFT;
	for (; g <= last && g < m->cfg.ns_granules; g++)
		m->ns_dirty[g / 8] |= (uint8_t)(1u << (g % 8));
}

/* Content of an NS granule (NS area, or an undelegated pool granule). */
const uint8_t *mock_ns_read_(struct rlm_mock *m, uint64_t pa)
{
	const struct rlm_mock_config *c = &m->cfg;
	const uint8_t *p;

	if (pa >= c->ns_base && (pa - c->ns_base) / RLM_GRANULE_SIZE < c->ns_granules)
		return m->ns_mem + (pa - c->ns_base);
	p = mock_page_find_(m, pa);
	if (p)
		return p;
	rlm_memset(m->scratch, 0, RLM_GRANULE_SIZE);
	return m->scratch;
}

/* ---- object arenas ---------------------------------------------------- */

uint32_t mock_rtt_alloc_(struct rlm_mock *m, uint64_t pa, int level, uint32_t realm)
{
	uint32_t i = m->rtt_free;
	struct mock_rtt *t;

	if (i != MOCK_NONE) {
		m->rtt_free = m->rtts[i].next_free;
	} else if (m->rtt_hi < m->cfg.max_rtts) {
		i = m->rtt_hi++;
	} else {
		m->capacity_exhausted = true;
		return MOCK_NONE;
	}
	t = &m->rtts[i];
	t->pa = pa;
	t->refcount = 0;
	t->realm = realm;
	t->level = (int8_t)level;
	t->used = 1;
	t->mark = 0;
	t->next_free = MOCK_NONE;
	m->rtts_used++;
	return i;
}

void mock_rtt_free_(struct rlm_mock *m, uint32_t i)
{
	struct mock_rtt *t = &m->rtts[i];

	t->used = 0;
	t->next_free = m->rtt_free;
	m->rtt_free = i;
	m->rtts_used--;
}

uint32_t mock_realm_alloc_(struct rlm_mock *m)
{
	uint32_t i = m->realm_free;

	if (i != MOCK_NONE)
		m->realm_free = m->realms[i].next_free;
	else if (m->realm_hi < m->cfg.max_realms)
		i = m->realm_hi++;
	else
		return MOCK_NONE;
	m->nrealms++;
	return i;
}

void mock_realm_free_(struct rlm_mock *m, uint32_t i)
{
	m->realms[i].used = 0;
	m->realms[i].next_free = m->realm_free;
	m->realm_free = i;
	m->nrealms--;
}

uint32_t mock_rec_alloc_(struct rlm_mock *m)
{
	uint32_t i = m->rec_free;

	if (i != MOCK_NONE)
		m->rec_free = m->recs[i].next_free;
	else if (m->rec_hi < m->cfg.max_recs)
		i = m->rec_hi++;
	else
		return MOCK_NONE;
	m->nrecs++;
	return i;
}

void mock_rec_free_(struct rlm_mock *m, uint32_t i)
{
	m->recs[i].used = 0;
	m->recs[i].next_free = m->rec_free;
	m->rec_free = i;
	m->nrecs--;
}

/* ---- stage 2 walk (TF-RMM s2tt_walk_lock_unlock) ----------------------- */

void mock_walk_(const struct rlm_mock *m, const struct mock_realm *r,
		uint64_t ipa, int level, struct mock_walk *w)
{
	int sl = (int)r->start_level;	/* -1..3: a number, not a character */
	uint64_t sl_idx = (ipa & (mock_ipa_size_(r) - 1)) >> mock_lvl_lsb_(sl);
	uint32_t t = r->roots[0];
	int l;

	if (sl_idx >= MOCK_RTT_ENTRIES)
		t = r->roots[sl_idx >> 9];
	for (l = sl; l < level; l++) {
		uint64_t e = m->rtts[t].e[mock_addr_idx_(ipa, l)];

		if (E_KIND(e) != K_TABLE)
			break;
		t = (uint32_t)E_PAYLOAD(e);
	}
	w->rtt = t;
	w->level = l;
	w->idx = mock_addr_idx_(ipa, l);
}

static bool e_live_(uint64_t e)
{
	unsigned int k = E_KIND(e);

	return k == K_TABLE || k == K_ASSIGNED || k == K_ASSIGNED_NS;
}

/* TF-RMM s2tt_skip_non_live_entries (entries past a level -1 table's 16
 * are the zero rest of its granule: not live). */
uint64_t mock_skip_non_live_(const struct rlm_mock *m, uint64_t addr,
			       const struct mock_walk *w)
{
	const struct mock_rtt *t = &m->rtts[w->rtt];
	uint64_t size = mock_map_size_(w->level);
	unsigned int i;

	if (e_live_(t->e[w->idx]))
		return addr;
	addr &= ~(size - 1);
	for (i = w->idx + 1; i < MOCK_RTT_ENTRIES; i++)
		if (e_live_(t->e[i]))
			break;
	return addr + (uint64_t)(i - w->idx) * size;
}

/* ---- RMI: granules --------------------------------------------------------- */

uint64_t mock_g_delegate_(struct rlm_mock *m, uint64_t addr)
{
	uint64_t gi = mock_gidx_(m, addr);

	uint32_t s;

	if (gi == UINT64_MAX)
		return RLM_RMI_ERROR_INPUT;
	s = gh_slot_(m, gi);
	if (m->gh[s])			/* not G_NS */
		return RLM_RMI_ERROR_INPUT;
	if (m->gh_count >= m->gh_max) {	/* max_granules: the model's limit */
		m->capacity_exhausted = true;
		return RLM_RMI_ERROR_INPUT;
	}
	/* insert at the empty slot found (gh_set_ without a second probe) */
	m->gh[s] = GH_MAKE(gi, G_DELEGATED);
	m->gh_count++;
	m->gcount[G_DELEGATED]++;
	if (gi >= m->cfg.pool_granules)
		m->gh_ns++;
	if (m->journal_n < m->journal_cap)
		m->journal[m->journal_n++] = gi;
	else
		m->journal_lost = true;
	mock_page_drop_(m, addr); /* the RMM scrubs a delegated granule */
	if (gi < m->cfg.pool_granules) {
		m->pool_delegated++;
	} else {
		uint64_t n = gi - m->cfg.pool_granules;

		if (m->ns_dirty[n / 8] & (1u << (n % 8)))
			rlm_memset(m->ns_mem + n * RLM_GRANULE_SIZE, 0, RLM_GRANULE_SIZE);
	}
	return RLM_RMI_SUCCESS;
}

uint64_t mock_g_undelegate_(struct rlm_mock *m, uint64_t addr)
{
	uint64_t gi = mock_gidx_(m, addr);

	uint32_t s;

	if (gi == UINT64_MAX)
		return RLM_RMI_ERROR_INPUT;
	s = gh_slot_(m, gi);
	if (!m->gh[s] || GH_STATE(m->gh[s]) != G_DELEGATED)
		return RLM_RMI_ERROR_INPUT;
	m->gcount[G_DELEGATED]--;
	gh_del_slot_(m, s);
	if (gi < m->cfg.pool_granules)
		m->pool_delegated--;
	else
		m->gh_ns--;
	return RLM_RMI_SUCCESS;
}

/* The full check's view of the hash. */
uint64_t *mock_gh_slots_(const struct rlm_mock *m, uint32_t *n)
{
	*n = m->gh_mask + 1;
	return m->gh;
}

uint64_t *mock_gh_entry_(const struct rlm_mock *m, uint64_t pa)
{
	uint64_t gi = mock_gidx_(m, pa);
	uint32_t s;

	if (gi == UINT64_MAX)
		return NULL;
	s = gh_slot_(m, gi);
	return m->gh[s] ? &m->gh[s] : NULL;
}

void mock_rmi_granule_delegate_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	x->x[0] = mock_g_delegate_(m, x->x[1]);
}

void mock_rmi_granule_undelegate_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	x->x[0] = mock_g_undelegate_(m, x->x[1]);
}
