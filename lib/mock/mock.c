/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The mock RMM: state, granules and the RMI 1.0 commands.
 *
 * Each handler performs its checks in the order of the reference RMM,
 * TF-RMM tag rmm-spec-v1.0-rel0 (runtime/rmi/{granule,realm,rec,rtt,
 * feature,system}.c, lib/s2tt/src/s2tt.c, runtime/core/handler.c), which
 * was read to establish that order; the code here is our own model.
 */
#include "mock_int.h"

#include <core/bytes.h>

#define MOCK_RTT_LEVEL_LPA2_MIN (-1)

/* ---- geometry --------------------------------------------------------- */

static unsigned int lvl_lsb_(int level)
{
	return (unsigned int)((3 - level) * 9 + 12);
}

uint64_t mock_map_size_(int level)
{
	return UINT64_C(1) << lvl_lsb_(level);
}

/* TF-RMM s2tte_is_addr_lvl_aligned: no bits outside [oa-1 : lsb]. */
static bool lvl_aligned_(uint64_t addr, int level, bool lpa2)
{
	unsigned int oa = lpa2 ? 52 : 48;
	uint64_t mask = RLM_GENMASK(oa - 1, lvl_lsb_(level));

	return addr == (addr & mask);
}

static uint64_t ipa_size_(const struct mock_realm *r)
{
	return UINT64_C(1) << r->s2sz;
}

static bool in_par_(const struct mock_realm *r, uint64_t addr)
{
	return addr < (ipa_size_(r) >> 1);
}

static bool valid_map_addr_(const struct mock_realm *r, uint64_t addr, int level)
{
	return addr < ipa_size_(r) && lvl_aligned_(addr, level, r->lpa2);
}

static unsigned int addr_idx_(uint64_t addr, int level)
{
	unsigned int stride = level < 0 ? 4 : 9;

	return (unsigned int)((addr >> lvl_lsb_(level)) & ((UINT64_C(1) << stride) - 1));
}

/* Host NS descriptor <-> output address (LPA2 keeps OA[51:50] in [9:8]). */
static uint64_t ns_lvl_mask_(int level, bool lpa2)
{
	uint64_t mask = RLM_GENMASK(47, lvl_lsb_(level));

	if (lpa2)
		mask |= RLM_GENMASK(9, 8) | RLM_GENMASK(49, 48);
	return mask;
}

#define NS_ATTR_MASK (RLM_GENMASK(4, 2) | RLM_GENMASK(7, 6))
#define NS_MEMATTR_MASK RLM_GENMASK(4, 2)
#define NS_MEMATTR_FWB_RESERVED (UINT64_C(1) << 4)

uint64_t mock_ns_desc_pa_(uint64_t desc, int level, bool lpa2)
{
	uint64_t pa = desc & ns_lvl_mask_(level, lpa2);

	if (lpa2) {
		pa &= ~RLM_GENMASK(9, 8);
		pa |= ((desc >> 8) & 3) << 50;
	}
	return pa;
}

static uint64_t ns_pa_desc_(uint64_t pa, bool lpa2)
{
	uint64_t d = pa;

	if (lpa2) {
		d &= ~RLM_GENMASK(51, 50);
		d |= ((pa >> 50) & 3) << 8;
	}
	return d;
}

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

int mock_gstate_(const struct rlm_mock *m, uint64_t pa)
{
	uint64_t i = mock_gidx_(m, pa);

	return i == UINT64_MAX ? -1 : (m->gstate[i] & G_STATE_MASK);
}

/* TF-RMM find_lock_granule: tracked, aligned, and in the expected state. */
static bool gis_(const struct rlm_mock *m, uint64_t pa, int state)
{
	return mock_gstate_(m, pa) == state;
}

static void gset_(struct rlm_mock *m, uint64_t pa, int state)
{
	uint64_t i = mock_gidx_(m, pa);

	if (i != UINT64_MAX)
		m->gstate[i] = (uint8_t)state;
}

/* find_lock_two_granules: duplicates fail, either in the wrong state fails. */
static bool two_(const struct rlm_mock *m, uint64_t a, int sa, uint64_t b, int sb)
{
	if (a == b)
		return false;
	return gis_(m, a, sa) && gis_(m, b, sb);
}

/* ---- hashes: RD/REC objects and stored pages ---------------------------- */

static uint32_t hslot_(uint64_t key, uint32_t mask)
{
	key *= UINT64_C(0x9E3779B97F4A7C15);
	return (uint32_t)(key >> 32) & mask;
}

static uint32_t h_find_(const struct mock_hslot *h, uint32_t mask, uint64_t gi)
{
	uint32_t s = hslot_(gi + 1, mask);

	while (h[s].key) {
		if (h[s].key == gi + 1)
			return h[s].val;
		s = (s + 1) & mask;
	}
	return MOCK_NONE;
}

static void h_put_(struct mock_hslot *h, uint32_t mask, uint64_t gi, uint32_t val)
{
	uint32_t s = hslot_(gi + 1, mask);

	while (h[s].key && h[s].key != gi + 1)
		s = (s + 1) & mask;
	h[s].key = gi + 1;
	h[s].val = val;
}

/* Linear probing deletion with backward shift (no tombstones). */
static void h_del_(struct mock_hslot *h, uint32_t mask, uint64_t gi)
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
	return h_find_(m->objh, m->objh_mask, gi);
}

static struct mock_realm *realm_of_(struct rlm_mock *m, uint64_t rd)
{
	uint32_t i;

	if (!gis_(m, rd, G_RD))
		return NULL;
	i = mock_obj_find_(m, rd);
	return i == MOCK_NONE ? NULL : &m->realms[i];
}

static struct mock_rec *rec_of_(struct rlm_mock *m, uint64_t rec)
{
	uint32_t i;

	if (!gis_(m, rec, G_REC))
		return NULL;
	i = mock_obj_find_(m, rec);
	return i == MOCK_NONE ? NULL : &m->recs[i];
}

uint8_t *mock_page_find_(const struct rlm_mock *m, uint64_t pa)
{
	uint32_t i;

	if (!m->cfg.max_pages)
		return NULL;
	i = h_find_(m->pageh, m->pageh_mask, pa >> RLM_GRANULE_SHIFT);
	return i == MOCK_NONE ? NULL : m->pages + (size_t)i * RLM_GRANULE_SIZE;
}

uint8_t *mock_page_get_(struct rlm_mock *m, uint64_t pa)
{
	uint8_t *p = mock_page_find_(m, pa);
	uint32_t i;

	if (p)
		return p;
	if (!m->page_nfree || !m->pages) {	/* no store, or it is full */
		m->capacity_exhausted = true;
		return NULL;
	}
	i = m->page_free[--m->page_nfree];
	h_put_(m->pageh, m->pageh_mask, pa >> RLM_GRANULE_SHIFT, i);
	p = m->pages + (size_t)i * RLM_GRANULE_SIZE;
	rlm_memset(p, 0, RLM_GRANULE_SIZE);
	return p;
}

static void page_drop_(struct rlm_mock *m, uint64_t pa)
{
	uint32_t i;

	if (!m->cfg.max_pages)
		return;
	i = h_find_(m->pageh, m->pageh_mask, pa >> RLM_GRANULE_SHIFT);
	if (i == MOCK_NONE)
		return;
	h_del_(m->pageh, m->pageh_mask, pa >> RLM_GRANULE_SHIFT);
	m->page_free[m->page_nfree++] = i;
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

static uint32_t rtt_alloc_(struct rlm_mock *m, uint64_t pa, int level, uint32_t realm)
{
	uint32_t i = m->rtt_free;
	struct mock_rtt *t;

	if (i == MOCK_NONE) {
		m->capacity_exhausted = true;
		return MOCK_NONE;
	}
	t = &m->rtts[i];
	m->rtt_free = t->next_free;
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

static void rtt_free_(struct rlm_mock *m, uint32_t i)
{
	struct mock_rtt *t = &m->rtts[i];

	t->used = 0;
	t->next_free = m->rtt_free;
	m->rtt_free = i;
	m->rtts_used--;
}

/* ---- stage 2 walk (TF-RMM s2tt_walk_lock_unlock) ----------------------- */

void mock_walk_(const struct rlm_mock *m, const struct mock_realm *r,
		uint64_t ipa, int level, struct mock_walk *w)
{
	int sl = (int)r->start_level;	/* -1..3: a number, not a character */
	uint64_t sl_idx = (ipa & (ipa_size_(r) - 1)) >> lvl_lsb_(sl);
	uint32_t t = r->roots[0];
	int l;

	if (sl_idx >= MOCK_RTT_ENTRIES)
		t = r->roots[sl_idx >> 9];
	for (l = sl; l < level; l++) {
		uint64_t e = m->rtts[t].e[addr_idx_(ipa, l)];

		if (E_KIND(e) != K_TABLE)
			break;
		t = (uint32_t)E_PAYLOAD(e);
	}
	w->rtt = t;
	w->level = l;
	w->idx = addr_idx_(ipa, l);
}

static bool e_live_(uint64_t e)
{
	unsigned int k = E_KIND(e);

	return k == K_TABLE || k == K_ASSIGNED || k == K_ASSIGNED_NS;
}

/* TF-RMM s2tt_skip_non_live_entries (entries past a level -1 table's 16
 * are the zero rest of its granule: not live). */
static uint64_t skip_non_live_(const struct rlm_mock *m, uint64_t addr,
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

/* ---- configuration and init ------------------------------------------- */

void rlm_mock_config_default(struct rlm_mock_config *cfg)
{
	if (!cfg)
		return;
	rlm_memset(cfg, 0, sizeof(*cfg));
	cfg->feat_reg0 = UINT64_C(0x283fc104130);
	/* Outside the trace format's forbidden ranges ([1 GiB, 4 GiB),
	 * [512 GiB, 1 TiB), the page 0xfffffffff000, >= 2^48): the NS area
	 * below 1 GiB, the pool from 4 GiB (room for pools up to 508 GiB). */
	cfg->pool_base = UINT64_C(0x100000000);
	cfg->pool_granules = 16384;
	cfg->ns_base = UINT64_C(0x20000000);
	cfg->ns_granules = 1024;
	cfg->pa_bits = 48;
	cfg->vmid_bits = 8;
	cfg->rec_aux_count = RLM_REC_AUX_COUNT_TFRMM;
	cfg->feat_hpmn0 = false;
	cfg->max_realms = 16;
	cfg->max_recs = 64;
	cfg->max_rtts = 2048;
	cfg->max_pages = 1024;
	cfg->rsi_queue_len = 128;
}

static uint32_t pow2_at_least_(uint64_t n)
{
	uint64_t p = 16;

	while (p < n)
		p <<= 1;
	return (uint32_t)p;
}

struct layout_ {
	size_t gstate, ns, realms, recs, queues, rtts, pages, page_free, objh, pageh, total;
	uint32_t objh_n, pageh_n;
};

static size_t al_(size_t v)
{
	return (v + 63) & ~(size_t)63;
}

static bool layout_(const struct rlm_mock_config *c, struct layout_ *l)
{
	uint64_t tot, off;

	if (!c || (c->pool_base & 0x1fffff) || (c->ns_base & 0x1fffff) ||
	    c->pa_bits < 32 || c->pa_bits > 52 ||
	    (c->vmid_bits != 8 && c->vmid_bits != 16) ||
	    c->rec_aux_count > RLM_REC_PARAMS_AUX_GRANULES ||
	    c->pool_granules > (UINT64_C(1) << 32) || c->ns_granules > (UINT64_C(1) << 24) ||
	    c->max_realms == 0 || c->max_realms > 65536 || c->max_recs > (1u << 24) ||
	    c->max_rtts > (1u << 24) || c->max_pages > (1u << 22) ||
	    c->rsi_queue_len > 4096)
		return false;
	/* Pool and NS area inside the PA width and not overlapping. */
	if (c->pool_base + c->pool_granules * RLM_GRANULE_SIZE > (UINT64_C(1) << c->pa_bits) ||
	    c->ns_base + c->ns_granules * RLM_GRANULE_SIZE > (UINT64_C(1) << c->pa_bits))
		return false;
	if (c->pool_granules && c->ns_granules &&
	    c->pool_base < c->ns_base + c->ns_granules * RLM_GRANULE_SIZE &&
	    c->ns_base < c->pool_base + c->pool_granules * RLM_GRANULE_SIZE)
		return false;
	tot = c->pool_granules + c->ns_granules;
	l->objh_n = pow2_at_least_(2 * ((uint64_t)c->max_realms + c->max_recs));
	l->pageh_n = pow2_at_least_(2 * (uint64_t)c->max_pages);
	off = al_(sizeof(struct rlm_mock));
	l->gstate = off; off += al_(tot);
	l->ns = off; off += al_(c->ns_granules * RLM_GRANULE_SIZE);
	l->realms = off; off += al_((uint64_t)c->max_realms * sizeof(struct mock_realm));
	l->recs = off; off += al_((uint64_t)c->max_recs * sizeof(struct mock_rec));
	l->queues = off;
	off += al_((uint64_t)(c->max_recs ? c->max_recs : 1) * c->rsi_queue_len *
		   sizeof(struct mock_qent));
	l->rtts = off; off += al_((uint64_t)c->max_rtts * sizeof(struct mock_rtt));
	l->pages = off; off += al_((uint64_t)c->max_pages * RLM_GRANULE_SIZE);
	l->page_free = off; off += al_((uint64_t)c->max_pages * sizeof(uint32_t));
	l->objh = off; off += al_((uint64_t)l->objh_n * sizeof(struct mock_hslot));
	l->pageh = off; off += al_((uint64_t)l->pageh_n * sizeof(struct mock_hslot));
	if (off > (uint64_t)SIZE_MAX)
		return false;
	l->total = (size_t)off;
	return true;
}

size_t rlm_mock_size(const struct rlm_mock_config *cfg)
{
	struct layout_ l;

	return layout_(cfg, &l) ? l.total : 0;
}

int rlm_mock_init(struct rlm_mock **mock, void *mem, size_t len,
		  const struct rlm_mock_config *cfg)
{
	struct layout_ l;
	struct rlm_mock *m;
	uint8_t *b = mem;
	uint32_t i;

	if (!mock || !mem || !cfg)
		return RLM_EINVAL;
	if ((uintptr_t)mem & 15)
		return RLM_EALIGN;
	if (!layout_(cfg, &l))
		return RLM_EINVAL;
	if (len < l.total)
		return RLM_ENOSPC;
	m = mem;
	rlm_memset(m, 0, sizeof(*m));
	m->cfg = *cfg;
	m->total_granules = cfg->pool_granules + cfg->ns_granules;
	m->gstate = b + l.gstate;
	m->ns_mem = b + l.ns;
	m->realms = (struct mock_realm *)(void *)(b + l.realms);
	m->recs = (struct mock_rec *)(void *)(b + l.recs);
	m->queues = (struct mock_qent *)(void *)(b + l.queues);
	m->q_cap = (cfg->max_recs ? cfg->max_recs : 1) * cfg->rsi_queue_len;
	m->q_n = 0;
	m->rtts = (struct mock_rtt *)(void *)(b + l.rtts);
	m->pages = b + l.pages;
	m->page_free = (uint32_t *)(void *)(b + l.page_free);
	m->objh = (struct mock_hslot *)(void *)(b + l.objh);
	m->objh_mask = l.objh_n - 1;
	m->pageh = (struct mock_hslot *)(void *)(b + l.pageh);
	m->pageh_mask = l.pageh_n - 1;
	rlm_memset(m->gstate, 0, (size_t)m->total_granules);
	rlm_memset(m->ns_mem, 0, (size_t)cfg->ns_granules * RLM_GRANULE_SIZE);
	rlm_memset(m->objh, 0, (size_t)l.objh_n * sizeof(struct mock_hslot));
	rlm_memset(m->pageh, 0, (size_t)l.pageh_n * sizeof(struct mock_hslot));
	for (i = 0; i < cfg->max_realms; i++) {
		m->realms[i].used = 0;
		m->realms[i].next_free = i + 1 < cfg->max_realms ? i + 1 : MOCK_NONE;
	}
	m->realm_free = cfg->max_realms ? 0 : MOCK_NONE;
	for (i = 0; i < cfg->max_recs; i++) {
		m->recs[i].used = 0;
		m->recs[i].next_free = i + 1 < cfg->max_recs ? i + 1 : MOCK_NONE;
	}
	m->rec_free = cfg->max_recs ? 0 : MOCK_NONE;
	for (i = 0; i < cfg->max_rtts; i++) {
		m->rtts[i].used = 0;
		m->rtts[i].mark = 0;
		m->rtts[i].next_free = i + 1 < cfg->max_rtts ? i + 1 : MOCK_NONE;
	}
	m->rtt_free = cfg->max_rtts ? 0 : MOCK_NONE;
	for (i = 0; i < cfg->max_pages; i++)
		m->page_free[i] = cfg->max_pages - 1 - i;
	m->page_nfree = cfg->max_pages;
	m->tok_owner = MOCK_NONE;
	*mock = m;
	return 0;
}

int rlm_mock_set_features(struct rlm_mock *m, uint64_t feat_reg0)
{
	uint32_t i;

	if (!m)
		return RLM_EINVAL;
	for (i = 0; i < m->cfg.max_realms; i++)
		if (m->realms[i].used)
			return RLM_ESTATE;
	m->cfg.feat_reg0 = feat_reg0;
	return 0;
}

void *rlm_mock_ns_ptr(struct rlm_mock *m, uint64_t pa, size_t len)
{
	const struct rlm_mock_config *c;

	if (!m || !len)
		return NULL;
	c = &m->cfg;
	if (pa >= c->ns_base && pa - c->ns_base <= c->ns_granules * RLM_GRANULE_SIZE &&
	    len <= c->ns_granules * RLM_GRANULE_SIZE - (pa - c->ns_base))
		return m->ns_mem + (pa - c->ns_base);
	if ((pa & RLM_GRANULE_MASK) + len <= RLM_GRANULE_SIZE &&
	    gis_(m, pa & ~RLM_GRANULE_MASK, G_NS)) {
		uint8_t *p = mock_page_get_(m, pa & ~RLM_GRANULE_MASK);

		return p ? p + (pa & RLM_GRANULE_MASK) : NULL;
	}
	return NULL;
}

int rlm_mock_measurement(struct rlm_mock *m, uint64_t rd, unsigned int index,
			 uint8_t out[64], size_t *hash_size)
{
	struct mock_realm *r;

	if (!m || !out || index >= RLM_MEASUREMENT_SLOTS)
		return RLM_EINVAL;
	r = realm_of_(m, rd);
	if (!r)
		return RLM_EINVAL;
	rlm_memcpy(out, r->meas[index], RLM_HASH_MAX_SIZE);
	if (hash_size)
		*hash_size = rlm_hash_size((enum rlm_hash_algo)r->hash_algo);
	return 0;
}

/* ---- RMI: version, features, granules ---------------------------------- */

static void rmi_version_(struct rlm_smc_regs *x)
{
	uint64_t v = RLM_RMI_ABI_VERSION(1, 0);

	x->x[0] = x->x[1] == v ? RLM_RMI_SUCCESS : RLM_RMI_ERROR_INPUT;
	x->x[1] = v;
	x->x[2] = v;
}

static uint64_t g_delegate_(struct rlm_mock *m, uint64_t addr)
{
	uint64_t gi = mock_gidx_(m, addr);

	if (gi == UINT64_MAX || m->gstate[gi] != G_NS)
		return RLM_RMI_ERROR_INPUT;
	m->gstate[gi] = G_DELEGATED;
	page_drop_(m, addr); /* the RMM scrubs a delegated granule */
	if (gi < m->cfg.pool_granules)
		m->pool_delegated++;
	else
		rlm_memset(m->ns_mem + (gi - m->cfg.pool_granules) * RLM_GRANULE_SIZE,
			   0, RLM_GRANULE_SIZE);
	return RLM_RMI_SUCCESS;
}

static uint64_t g_undelegate_(struct rlm_mock *m, uint64_t addr)
{
	uint64_t gi = mock_gidx_(m, addr);

	if (gi == UINT64_MAX || m->gstate[gi] != G_DELEGATED)
		return RLM_RMI_ERROR_INPUT;
	m->gstate[gi] = G_NS;
	if (gi < m->cfg.pool_granules)
		m->pool_delegated--;
	return RLM_RMI_SUCCESS;
}

/* ---- RMI: realms --------------------------------------------------------- */

static bool vmid_test_(const struct rlm_mock *m, unsigned int v)
{
	return (m->vmids[v / 64] >> (v % 64)) & 1;
}

static void vmid_set_(struct rlm_mock *m, unsigned int v, bool on)
{
	if (on)
		m->vmids[v / 64] |= UINT64_C(1) << (v % 64);
	else
		m->vmids[v / 64] &= ~(UINT64_C(1) << (v % 64));
}

/* TF-RMM s2_inconsistent_sl / validate_ipa_bits_and_sl */
static bool ipa_bits_sl_ok_(const struct rlm_mock *m, unsigned int ipa_bits,
			    int64_t sl, bool lpa2)
{
	unsigned int max_bits = lpa2 ? 52 : 48, levels, smin, smax;
	int64_t min_sl = lpa2 ? -1 : 0;

	if (ipa_bits < 32 || ipa_bits > max_bits)
		return false;
	if (sl < min_sl || sl > 3)
		return false;
	if (sl == 0 && m->cfg.pa_bits < 44)
		return false;
	levels = (unsigned int)(3 - sl);
	smin = levels * 9 + 12 + 1;
	smax = smin + ((sl == -1 && lpa2) ? 3 : 8);
	if (sl > 0 || (sl == 0 && lpa2))
		smax += 4;
	return ipa_bits >= smin && ipa_bits <= smax;
}

static uint64_t num_root_rtts_(unsigned int ipa_bits, int64_t sl)
{
	unsigned int levels = (unsigned int)(3 - sl);
	unsigned int sl_bits = levels * 9 + 12 + 9;

	if (sl_bits >= ipa_bits)
		return 1;
	return UINT64_C(1) << (ipa_bits - sl_bits);
}

static bool realm_params_ok_(struct rlm_mock *m, const struct rlm_realm_params *p)
{
	uint64_t f = m->cfg.feat_reg0;
	bool lpa2 = p->flags & RLM_RMI_REALM_PARAM_FLAG_LPA2;

	if (lpa2 && !(f & RLM_RMI_FEATURE_REGISTER_0_LPA2))
		return false;
	if (p->s2sz < 32 || p->s2sz > RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_S2SZ, f))
		return false;
	if (p->num_bps == 0 || p->num_bps > RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_NUM_BPS, f) ||
	    p->num_wps == 0 || p->num_wps > RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_NUM_WPS, f))
		return false;
	if (p->flags & RLM_RMI_REALM_PARAM_FLAG_SVE) {
		if (!(f & RLM_RMI_FEATURE_REGISTER_0_SVE_EN))
			return false;
		if (p->sve_vl > RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_SVE_VL, f))
			return false;
	}
	if (p->flags & RLM_RMI_REALM_PARAM_FLAG_PMU) {
		if (p->pmu_num_ctrs > RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_PMU_NUM_CTRS, f))
			return false;
		if (p->pmu_num_ctrs == 0 && !m->cfg.feat_hpmn0)
			return false;
	}
	if (!ipa_bits_sl_ok_(m, p->s2sz, p->rtt_level_start, lpa2))
		return false;
	if (num_root_rtts_(p->s2sz, p->rtt_level_start) != p->rtt_num_start)
		return false;
	if (p->hash_algo != RLM_RMI_HASH_SHA_256 && p->hash_algo != RLM_RMI_HASH_SHA_512)
		return false;
	/* vmid_reserve: in range for the VMID width and not in use */
	if (p->vmid >= (1u << m->cfg.vmid_bits))
		return false;
	if (vmid_test_(m, p->vmid) && (m->cfg.vmid_strict || p->vmid % 64 < 16))
		return false;
	vmid_set_(m, p->vmid, true);
	return true;
}

static uint64_t realm_create_(struct rlm_mock *m, uint64_t rd, uint64_t params)
{
	struct rlm_realm_params p;
	struct mock_realm *r;
	uint32_t ri, i, n;
	uint64_t ipa = 0, sl_size;
	struct rlm_rim rim;

	if (!gis_(m, params, G_NS))
		return RLM_RMI_ERROR_INPUT;
	rlm_unpack_realm_params(&p, mock_ns_read_(m, params), RLM_GRANULE_SIZE);
	if (!realm_params_ok_(m, &p))
		return RLM_RMI_ERROR_INPUT;
	n = p.rtt_num_start;
	/* addr_is_contained(rtt_base, rtt_base + n * 4K, rd) */
	{
		uint64_t end = p.rtt_base + (uint64_t)n * RLM_GRANULE_SIZE;

		if (p.rtt_base <= end - 1 && rd >= p.rtt_base && rd <= end - 1) {
			vmid_set_(m, p.vmid, false);
			return RLM_RMI_ERROR_INPUT;
		}
	}
	if (!gis_(m, rd, G_DELEGATED))
		goto bad;
	for (i = 0; i < n; i++)
		if (!gis_(m, p.rtt_base + (uint64_t)i * RLM_GRANULE_SIZE, G_DELEGATED))
			goto bad;
	/* Capacity of the model (not an RMM condition). */
	ri = m->realm_free;
	if (ri == MOCK_NONE || m->cfg.max_rtts - m->rtts_used < n) {
		m->capacity_exhausted = true;
		goto bad;
	}
	r = &m->realms[ri];
	m->realm_free = r->next_free;
	rlm_memset(r, 0, sizeof(*r));
	r->used = 1;
	r->next_free = MOCK_NONE;
	r->rd = rd;
	r->state = REALM_NEW;
	r->s2sz = p.s2sz;
	r->lpa2 = (p.flags & RLM_RMI_REALM_PARAM_FLAG_LPA2) != 0;
	r->sve = (p.flags & RLM_RMI_REALM_PARAM_FLAG_SVE) != 0;
	r->pmu = (p.flags & RLM_RMI_REALM_PARAM_FLAG_PMU) != 0;
	r->sve_vl = r->sve ? p.sve_vl : 0;
	r->num_bps = p.num_bps;
	r->num_wps = p.num_wps;
	r->pmu_num_ctrs = p.pmu_num_ctrs;
	r->hash_algo = p.hash_algo;
	r->start_level = (int8_t)p.rtt_level_start;
	r->num_roots = (uint8_t)n;
	r->vmid = p.vmid;
	r->num_rec_aux = m->cfg.rec_aux_count;
	rlm_memcpy(r->rpv, p.rpv, RLM_RPV_SIZE);
	/* Root RTTs: entries below IPA size are unassigned EMPTY (protected
	 * half) or unassigned NS; the rest of each granule stays zero. */
	sl_size = mock_map_size_(r->start_level);
	for (i = 0; i < n; i++) {
		uint64_t pa = p.rtt_base + (uint64_t)i * RLM_GRANULE_SIZE;
		uint32_t ti = rtt_alloc_(m, pa, r->start_level, ri);
		unsigned int e, ne = r->start_level < 0 ? 16 : MOCK_RTT_ENTRIES;
		struct mock_rtt *t = &m->rtts[ti];

		rlm_memset(t->e, 0, sizeof(t->e));
		for (e = 0; e < ne && ipa < ipa_size_(r); e++, ipa += sl_size)
			t->e[e] = in_par_(r, ipa) ? E_MAKE(K_UNASSIGNED, RLM_RIPAS_EMPTY, 0)
						  : E_MAKE(K_UNASSIGNED_NS, 0, 0);
		r->roots[i] = ti;
		gset_(m, pa, G_RTT);
	}
	rlm_rim_init(&rim, &p);
	rlm_memcpy(r->meas[RLM_MEASUREMENT_RIM], rim.value, RLM_HASH_MAX_SIZE);
	h_put_(m->objh, m->objh_mask, mock_gidx_(m, rd), ri);
	gset_(m, rd, G_RD);
	return RLM_RMI_SUCCESS;
bad:
	vmid_set_(m, p.vmid, false);
	return RLM_RMI_ERROR_INPUT;
}

static uint64_t realm_activate_(struct rlm_mock *m, uint64_t rd)
{
	struct mock_realm *r = realm_of_(m, rd);

	if (!r)
		return RLM_RMI_ERROR_INPUT;
	if (r->state != REALM_NEW)
		return RLM_RMI_ERROR_REALM;
	r->state = REALM_ACTIVE;
	return RLM_RMI_SUCCESS;
}

static uint64_t realm_destroy_(struct rlm_mock *m, uint64_t rd)
{
	struct mock_realm *r = realm_of_(m, rd);
	uint32_t i, ri;

	if (!r)
		return RLM_RMI_ERROR_INPUT;
	if (r->refcount)
		return RLM_RMI_ERROR_REALM;
	for (i = 0; i < r->num_roots; i++)
		if (m->rtts[r->roots[i]].refcount)
			return RLM_RMI_ERROR_REALM;
	vmid_set_(m, r->vmid, false);
	for (i = 0; i < r->num_roots; i++) {
		gset_(m, m->rtts[r->roots[i]].pa, G_DELEGATED);
		rtt_free_(m, r->roots[i]);
	}
	ri = (uint32_t)(r - m->realms);
	h_del_(m->objh, m->objh_mask, mock_gidx_(m, rd));
	if (m->tok_owner != MOCK_NONE && m->recs[m->tok_owner].realm == ri)
		m->tok_owner = MOCK_NONE;
	r->used = 0;
	r->next_free = m->realm_free;
	m->realm_free = ri;
	gset_(m, rd, G_DELEGATED);
	return RLM_RMI_SUCCESS;
}

/* ---- RMI: RECs ----------------------------------------------------------- */

static bool mpidr_valid_(uint64_t mpidr)
{
	return (mpidr & ~(RLM_GENMASK(3, 0) | RLM_GENMASK(15, 8) |
			  RLM_GENMASK(23, 16) | RLM_GENMASK(31, 24))) == 0;
}

static uint64_t mpidr_idx_(uint64_t mpidr)
{
	return (mpidr & 0xf) | ((mpidr & RLM_GENMASK(15, 8)) >> 4) |
	       ((mpidr & RLM_GENMASK(23, 16)) >> 4) | ((mpidr & RLM_GENMASK(31, 24)) >> 4);
}

static uint64_t rec_create_(struct rlm_mock *m, uint64_t rd, uint64_t rec, uint64_t params)
{
	struct rlm_rec_params p;
	struct mock_realm *r;
	struct mock_rec *c;
	uint32_t naux, i, ci;
	uint64_t ret;

	if (!gis_(m, params, G_NS))
		return RLM_RMI_ERROR_INPUT;
	rlm_unpack_rec_params(&p, mock_ns_read_(m, params), RLM_GRANULE_SIZE);
	naux = (uint32_t)p.num_aux;
	if (naux > RLM_REC_PARAMS_AUX_GRANULES)
		return RLM_RMI_ERROR_INPUT;
	for (i = 0; i < naux; i++) {
		if (!gis_(m, p.aux[i], G_DELEGATED)) {
			while (i--)
				gset_(m, p.aux[i], G_DELEGATED);
			return RLM_RMI_ERROR_INPUT;
		}
		gset_(m, p.aux[i], G_REC_AUX);
	}
	r = NULL;
	if (!two_(m, rec, G_DELEGATED, rd, G_RD)) {
		ret = RLM_RMI_ERROR_INPUT;
		goto out_free;
	}
	r = realm_of_(m, rd);
	if (r->refcount == MOCK_REFCOUNT_MAX || r->state != REALM_NEW) {
		ret = RLM_RMI_ERROR_REALM;
		goto out_free;
	}
	if (!mpidr_valid_(p.mpidr) || mpidr_idx_(p.mpidr) != r->rec_count ||
	    naux != r->num_rec_aux) {
		ret = RLM_RMI_ERROR_INPUT;
		goto out_free;
	}
	ci = m->rec_free;
	if (ci == MOCK_NONE) {
		m->capacity_exhausted = true;
		ret = RLM_RMI_ERROR_INPUT;
		goto out_free;
	}
	c = &m->recs[ci];
	m->rec_free = c->next_free;
	rlm_memset(c, 0, sizeof(*c));
	c->used = 1;
	c->next_free = MOCK_NONE;
	c->pa = rec;
	c->mock = m;
	c->realm = (uint32_t)(r - m->realms);
	c->rec_idx = r->rec_count;
	c->num_aux = naux;
	for (i = 0; i < naux; i++)
		c->aux[i] = p.aux[i];
	for (i = 0; i < RLM_REC_CREATE_NR_GPRS; i++)
		c->regs[i] = p.gprs[i];
	c->runnable = (p.flags & RLM_REC_PARAMS_FLAG_RUNNABLE) != 0;
	if (c->runnable) {
		struct rlm_rim rim;

		rim.algo = (enum rlm_hash_algo)r->hash_algo;
		rlm_memcpy(rim.value, r->meas[0], RLM_HASH_MAX_SIZE);
		rlm_rim_extend_rec(&rim, &p);
		rlm_memcpy(r->meas[0], rim.value, RLM_HASH_MAX_SIZE);
	}
	r->refcount++;
	r->rec_count++;
	h_put_(m->objh, m->objh_mask, mock_gidx_(m, rec), ci);
	gset_(m, rec, G_REC);
	return RLM_RMI_SUCCESS;
out_free:
	for (i = 0; i < naux; i++)
		gset_(m, p.aux[i], G_DELEGATED);
	return ret;
}

static uint64_t rec_destroy_(struct rlm_mock *m, uint64_t rec)
{
	struct mock_rec *c = rec_of_(m, rec);
	uint32_t i, ci;

	if (!c)
		return RLM_RMI_ERROR_INPUT;
	for (i = 0; i < c->num_aux; i++)
		gset_(m, c->aux[i], G_DELEGATED);
	m->realms[c->realm].refcount--;
	ci = (uint32_t)(c - m->recs);
	if (m->tok_owner == ci)
		m->tok_owner = MOCK_NONE;
	h_del_(m->objh, m->objh_mask, mock_gidx_(m, rec));
	c->used = 0;
	c->next_free = m->rec_free;
	m->rec_free = ci;
	gset_(m, rec, G_DELEGATED);
	return RLM_RMI_SUCCESS;
}

static void rec_aux_count_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	struct mock_realm *r = realm_of_(m, x->x[1]);

	if (!r) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	x->x[0] = RLM_RMI_SUCCESS;
	x->x[1] = r->num_rec_aux;
}

/* ---- RMI: RTTs ------------------------------------------------------------ */

static bool structure_args_ok_(const struct mock_realm *r, uint64_t addr, int64_t level)
{
	if (level < r->start_level + 1 || level > 3)
		return false;
	return valid_map_addr_(r, addr, (int)level - 1);
}

static uint64_t rtt_err_(int level)
{
	return RLM_RMI_RETURN(RLM_RMI_ERROR_RTT, (uint8_t)(int8_t)level);
}

static uint64_t rtt_create_(struct rlm_mock *m, uint64_t rd, uint64_t rtt,
			    uint64_t addr, int64_t level)
{
	struct mock_realm *r;
	struct mock_walk w;
	struct mock_rtt *pt, *ct;
	uint64_t pe, size;
	uint32_t ci, ri;
	unsigned int i, k;
	int l;

	if (!two_(m, rtt, G_DELEGATED, rd, G_RD))
		return RLM_RMI_ERROR_INPUT;
	r = realm_of_(m, rd);
	if (!structure_args_ok_(r, addr, level))
		return RLM_RMI_ERROR_INPUT;
	if (!r->lpa2 && rtt >= (UINT64_C(1) << 48))
		return RLM_RMI_ERROR_INPUT;
	l = (int)level;
	mock_walk_(m, r, addr, l - 1, &w);
	if (w.level != l - 1)
		return rtt_err_(w.level);
	pt = &m->rtts[w.rtt];
	pe = pt->e[w.idx];
	k = E_KIND(pe);
	if (k == K_TABLE)
		return rtt_err_(l - 1);
	ri = (uint32_t)(r - m->realms);
	ci = rtt_alloc_(m, rtt, l, ri);
	if (ci == MOCK_NONE)
		return RLM_RMI_ERROR_INPUT;
	ct = &m->rtts[ci];
	size = mock_map_size_(l);
	switch (k) {
	case K_UNASSIGNED:
	case K_UNASSIGNED_NS:
		for (i = 0; i < MOCK_RTT_ENTRIES; i++)
			ct->e[i] = pe;
		pt->refcount++;
		break;
	case K_ASSIGNED: {
		uint64_t pa = E_PAYLOAD(pe);

		for (i = 0; i < MOCK_RTT_ENTRIES; i++)
			ct->e[i] = E_MAKE(K_ASSIGNED, E_RIPAS(pe), pa + i * size);
		ct->refcount = MOCK_RTT_ENTRIES;
		break;
	}
	case K_ASSIGNED_NS: {
		uint64_t pa = mock_ns_desc_pa_(E_PAYLOAD(pe), l - 1, r->lpa2);
		uint64_t attrs = E_PAYLOAD(pe) & NS_ATTR_MASK;

		for (i = 0; i < MOCK_RTT_ENTRIES; i++)
			ct->e[i] = E_MAKE(K_ASSIGNED_NS, 0,
					  attrs | ns_pa_desc_(pa + i * size, r->lpa2));
		pt->refcount++;
		break;
	}
	default:
		break;
	}
	pt->e[w.idx] = E_MAKE(K_TABLE, 0, ci);
	gset_(m, rtt, G_RTT);
	return RLM_RMI_SUCCESS;
}

static bool uniform_(const struct mock_rtt *t, uint64_t e)
{
	unsigned int i;

	for (i = 0; i < MOCK_RTT_ENTRIES; i++)
		if (t->e[i] != e)
			return false;
	return true;
}

/* TF-RMM table_maps_block: same kind (and RIPAS / NS attributes),
 * contiguous output addresses, first one aligned to the parent level. */
static bool maps_block_(const struct mock_realm *r, const struct mock_rtt *t, int level,
			unsigned int kind, uint64_t *first)
{
	uint64_t e0 = t->e[0], size = mock_map_size_(level), base;
	unsigned int i;
	bool ns = kind == K_ASSIGNED_NS;

	if (E_KIND(e0) != kind)
		return false;
	base = ns ? mock_ns_desc_pa_(E_PAYLOAD(e0), level, r->lpa2) : E_PAYLOAD(e0);
	if (!lvl_aligned_(base, level - 1, r->lpa2))
		return false;
	for (i = 1; i < MOCK_RTT_ENTRIES; i++) {
		uint64_t e = t->e[i];
		uint64_t pa;

		if (E_KIND(e) != kind)
			return false;
		if (!ns && E_RIPAS(e) != E_RIPAS(e0))
			return false;
		pa = ns ? mock_ns_desc_pa_(E_PAYLOAD(e), level, r->lpa2) : E_PAYLOAD(e);
		if (pa != base + i * size)
			return false;
		if (ns && (E_PAYLOAD(e) & NS_ATTR_MASK) != (E_PAYLOAD(e0) & NS_ATTR_MASK))
			return false;
	}
	*first = base;
	return true;
}

static void rtt_fold_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	uint64_t rd = x->x[1], addr = x->x[2];
	int64_t level = (int64_t)x->x[3];
	struct mock_realm *r = realm_of_(m, rd);
	struct mock_walk w;
	struct mock_rtt *pt, *ct;
	uint64_t pe, ne, base;
	uint32_t ci;
	int l;

	if (!r || !structure_args_ok_(r, addr, level)) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	l = (int)level;
	mock_walk_(m, r, addr, l - 1, &w);
	if (w.level != l - 1) {
		x->x[0] = rtt_err_(w.level);
		return;
	}
	pt = &m->rtts[w.rtt];
	pe = pt->e[w.idx];
	if (E_KIND(pe) != K_TABLE) {
		x->x[0] = rtt_err_(l - 1);
		return;
	}
	ci = (uint32_t)E_PAYLOAD(pe);
	ct = &m->rtts[ci];
	if (ct->refcount == 0) {
		uint64_t e0 = ct->e[0];
		unsigned int k0 = E_KIND(e0);

		if ((k0 == K_UNASSIGNED || k0 == K_UNASSIGNED_NS) && uniform_(ct, e0)) {
			ne = e0;
		} else if (maps_block_(r, ct, l, K_ASSIGNED_NS, &base)) {
			if (l <= RLM_RTT_MIN_BLOCK_LEVEL) {
				x->x[0] = rtt_err_(w.level);
				return;
			}
			ne = e0;
		} else {
			x->x[0] = rtt_err_(l);
			return;
		}
		pt->refcount--;
	} else if (ct->refcount == MOCK_RTT_ENTRIES) {
		if (l <= RLM_RTT_MIN_BLOCK_LEVEL) {
			x->x[0] = rtt_err_(w.level);
			return;
		}
		if (!maps_block_(r, ct, l, K_ASSIGNED, &base)) {
			x->x[0] = rtt_err_(l);
			return;
		}
		ne = E_MAKE(K_ASSIGNED, E_RIPAS(ct->e[0]), base);
	} else {
		x->x[0] = rtt_err_(l);
		return;
	}
	x->x[0] = RLM_RMI_SUCCESS;
	x->x[1] = ct->pa;
	pt->e[w.idx] = ne;
	gset_(m, ct->pa, G_DELEGATED);
	rtt_free_(m, ci);
}

static void rtt_destroy_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	uint64_t rd = x->x[1], addr = x->x[2];
	int64_t level = (int64_t)x->x[3];
	struct mock_realm *r = realm_of_(m, rd);
	struct mock_walk w;
	struct mock_rtt *pt, *ct;
	uint64_t pe;
	uint32_t ci;
	int l;

	x->x[1] = 0;
	x->x[2] = 0;
	if (!r || !structure_args_ok_(r, addr, level)) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	l = (int)level;
	mock_walk_(m, r, addr, l - 1, &w);
	pt = &m->rtts[w.rtt];
	pe = pt->e[w.idx];
	if (w.level != l - 1 || E_KIND(pe) != K_TABLE) {
		x->x[0] = rtt_err_(w.level);
		x->x[2] = skip_non_live_(m, addr, &w);
		return;
	}
	ci = (uint32_t)E_PAYLOAD(pe);
	ct = &m->rtts[ci];
	if (ct->refcount) {
		x->x[0] = rtt_err_(l);
		x->x[2] = skip_non_live_(m, addr, &w);
		return;
	}
	x->x[0] = RLM_RMI_SUCCESS;
	x->x[1] = ct->pa;
	pt->e[w.idx] = in_par_(r, addr) ? E_MAKE(K_UNASSIGNED, RLM_RIPAS_DESTROYED, 0)
					: E_MAKE(K_UNASSIGNED_NS, 0, 0);
	pt->refcount--;
	gset_(m, ct->pa, G_DELEGATED);
	rtt_free_(m, ci);
	x->x[2] = skip_non_live_(m, addr, &w);
}

static void map_unprotected_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	uint64_t rd = x->x[1], addr = x->x[2], desc = x->x[4];
	int64_t level = (int64_t)x->x[3];
	struct mock_realm *r;
	struct mock_walk w;
	uint64_t *e;

	x->x[0] = RLM_RMI_ERROR_INPUT;
	if (level < RLM_RTT_MIN_BLOCK_LEVEL || level > 3)
		return;
	r = realm_of_(m, rd);
	if (!r)
		return;
	/* host_ns_s2tte_is_valid */
	if ((desc & ~(ns_lvl_mask_((int)level, r->lpa2) | NS_ATTR_MASK)) ||
	    (desc & NS_MEMATTR_MASK) == NS_MEMATTR_FWB_RESERVED)
		return;
	if (!valid_map_addr_(r, addr, (int)level) || in_par_(r, addr))
		return;
	mock_walk_(m, r, addr, (int)level, &w);
	if (w.level != level) {
		x->x[0] = rtt_err_(w.level);
		return;
	}
	e = &m->rtts[w.rtt].e[w.idx];
	if (E_KIND(*e) != K_UNASSIGNED_NS) {
		x->x[0] = rtt_err_((int)level);
		return;
	}
	*e = E_MAKE(K_ASSIGNED_NS, 0, desc);
	x->x[0] = RLM_RMI_SUCCESS;
}

static void unmap_unprotected_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	uint64_t rd = x->x[1], addr = x->x[2];
	int64_t level = (int64_t)x->x[3];
	struct mock_realm *r;
	struct mock_walk w;
	uint64_t *e;

	x->x[0] = RLM_RMI_ERROR_INPUT;
	x->x[1] = 0;
	if (level < RLM_RTT_MIN_BLOCK_LEVEL || level > 3)
		return;
	r = realm_of_(m, rd);
	if (!r || !valid_map_addr_(r, addr, (int)level) || in_par_(r, addr))
		return;
	mock_walk_(m, r, addr, (int)level, &w);
	e = &m->rtts[w.rtt].e[w.idx];
	if (w.level != level || E_KIND(*e) != K_ASSIGNED_NS) {
		x->x[0] = rtt_err_(w.level);
	} else {
		*e = E_MAKE(K_UNASSIGNED_NS, 0, 0);
		x->x[0] = RLM_RMI_SUCCESS;
	}
	x->x[1] = skip_non_live_(m, addr, &w);
}

static void read_entry_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	uint64_t rd = x->x[1], addr = x->x[2], e;
	int64_t level = (int64_t)x->x[3];
	struct mock_realm *r = realm_of_(m, rd);
	struct mock_walk w;

	x->x[1] = x->x[2] = x->x[3] = x->x[4] = 0;
	if (!r || level < r->start_level || level > 3 ||
	    !valid_map_addr_(r, addr, (int)level)) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	mock_walk_(m, r, addr, (int)level, &w);
	e = m->rtts[w.rtt].e[w.idx];
	x->x[0] = RLM_RMI_SUCCESS;
	x->x[1] = (uint64_t)(int64_t)w.level;
	switch (E_KIND(e)) {
	case K_UNASSIGNED:
		x->x[2] = RLM_RMI_UNASSIGNED;
		x->x[4] = E_RIPAS(e);
		break;
	case K_ASSIGNED:
		x->x[2] = RLM_RMI_ASSIGNED;
		x->x[3] = E_RIPAS(e) == RLM_RIPAS_DESTROYED ? 0 : E_PAYLOAD(e);
		x->x[4] = E_RIPAS(e);
		break;
	case K_UNASSIGNED_NS:
		x->x[2] = RLM_RMI_UNASSIGNED;
		x->x[4] = RLM_RIPAS_EMPTY;
		break;
	case K_ASSIGNED_NS:
		x->x[2] = RLM_RMI_ASSIGNED;
		x->x[3] = E_PAYLOAD(e) & (ns_lvl_mask_(w.level, r->lpa2) | NS_ATTR_MASK);
		x->x[4] = RLM_RIPAS_EMPTY;
		break;
	case K_TABLE:
		x->x[2] = RLM_RMI_TABLE;
		x->x[3] = m->rtts[E_PAYLOAD(e)].pa;
		x->x[4] = RLM_RIPAS_EMPTY;
		break;
	default:
		break;
	}
}

/* ---- RMI: data -------------------------------------------------------- */

static void rim_extend_data_(struct rlm_mock *m, struct mock_realm *r, uint64_t ipa,
			     uint64_t flags, uint64_t src)
{
	struct rlm_rim rim;

	rim.algo = (enum rlm_hash_algo)r->hash_algo;
	rlm_memcpy(rim.value, r->meas[0], RLM_HASH_MAX_SIZE);
	if (flags == RLM_RMI_MEASURE_CONTENT) {
		const uint8_t *c = mock_ns_read_(m, src);

		if (!m->src_cache_valid || m->src_cache_algo != r->hash_algo ||
		    rlm_memcmp(c, m->src_cache, RLM_GRANULE_SIZE)) {
			rlm_memcpy(m->src_cache, c, RLM_GRANULE_SIZE);
			rlm_rim_granule_hash(rim.algo, c, m->src_cache_hash);
			m->src_cache_algo = r->hash_algo;
			m->src_cache_valid = 1;
		}
		rlm_rim_extend_data_hash(&rim, ipa, flags, m->src_cache_hash);
	} else {
		rlm_rim_extend_data_hash(&rim, ipa, flags, NULL);
	}
	rlm_memcpy(r->meas[0], rim.value, RLM_HASH_MAX_SIZE);
}

/* Keep a DATA granule's initial content when it is not all zero and the
 * page store is less than half full (realm pages are read by RSI calls);
 * otherwise the content is not kept and the realm reads zeros. */
static void store_content_(struct rlm_mock *m, uint64_t data, uint64_t src)
{
	const uint8_t *c = mock_ns_read_(m, src);
	unsigned int i;
	uint8_t *p;

	for (i = 0; i < RLM_GRANULE_SIZE; i++)
		if (c[i])
			break;
	/* half of the store stays free for pages RSI calls need */
	if (i == RLM_GRANULE_SIZE || m->page_nfree <= m->cfg.max_pages / 2)
		return;
	p = mock_page_get_(m, data);
	if (p)
		rlm_memcpy(p, c, RLM_GRANULE_SIZE);
}

static uint64_t data_create_(struct rlm_mock *m, uint64_t rd, uint64_t data,
			     uint64_t ipa, uint64_t src, uint64_t flags, bool unknown)
{
	struct mock_realm *r;
	struct mock_walk w;
	uint64_t *e;

	if (!unknown) {
		if (flags != RLM_RMI_NO_MEASURE_CONTENT && flags != RLM_RMI_MEASURE_CONTENT)
			return RLM_RMI_ERROR_INPUT;
		if (!gis_(m, src, G_NS))
			return RLM_RMI_ERROR_INPUT;
	}
	if (!two_(m, data, G_DELEGATED, rd, G_RD))
		return RLM_RMI_ERROR_INPUT;
	r = realm_of_(m, rd);
	if (!unknown && r->state != REALM_NEW)
		return RLM_RMI_ERROR_REALM;
	if (!in_par_(r, ipa) || !valid_map_addr_(r, ipa, 3))
		return RLM_RMI_ERROR_INPUT;
	if (!r->lpa2 && data >= (UINT64_C(1) << 48))
		return RLM_RMI_ERROR_INPUT;
	mock_walk_(m, r, ipa, 3, &w);
	if (w.level != 3)
		return rtt_err_(w.level);
	e = &m->rtts[w.rtt].e[w.idx];
	if (E_KIND(*e) != K_UNASSIGNED && E_KIND(*e) != K_UNASSIGNED_NS)
		return rtt_err_(3);
	if (!unknown) {
		rim_extend_data_(m, r, ipa, flags, src);
		store_content_(m, data, src);
		*e = E_MAKE(K_ASSIGNED, RLM_RIPAS_RAM, data);
	} else {
		*e = E_MAKE(K_ASSIGNED, E_RIPAS(*e), data);
	}
	m->rtts[w.rtt].refcount++;
	gset_(m, data, G_DATA);
	return RLM_RMI_SUCCESS;
}

static void data_destroy_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	uint64_t rd = x->x[1], ipa = x->x[2], *e, pa;
	struct mock_realm *r = realm_of_(m, rd);
	struct mock_walk w;

	x->x[1] = 0;
	x->x[2] = 0;
	if (!r || !in_par_(r, ipa) || !valid_map_addr_(r, ipa, 3)) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	mock_walk_(m, r, ipa, 3, &w);
	if (w.level != 3) {
		x->x[0] = rtt_err_(w.level);
		x->x[2] = skip_non_live_(m, ipa, &w);
		return;
	}
	e = &m->rtts[w.rtt].e[w.idx];
	if (E_KIND(*e) != K_ASSIGNED) {
		x->x[0] = rtt_err_(3);
		x->x[2] = skip_non_live_(m, ipa, &w);
		return;
	}
	pa = E_PAYLOAD(*e);
	*e = E_MAKE(K_UNASSIGNED, E_RIPAS(*e) == RLM_RIPAS_EMPTY ? RLM_RIPAS_EMPTY
							   : RLM_RIPAS_DESTROYED, 0);
	m->rtts[w.rtt].refcount--;
	page_drop_(m, pa);
	gset_(m, pa, G_DELEGATED);
	x->x[0] = RLM_RMI_SUCCESS;
	x->x[1] = pa;
	x->x[2] = skip_non_live_(m, ipa, &w);
}

/* ---- RMI: RIPAS ------------------------------------------------------------ */

static void init_ripas_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	uint64_t rd = x->x[1], base = x->x[2], top = x->x[3], size, addr;
	struct mock_realm *r;
	struct mock_walk w;
	struct mock_rtt *t;
	struct rlm_rim rim;
	unsigned int i, ne;

	x->x[1] = 0;
	if (top <= base) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	r = realm_of_(m, rd);
	if (!r || !valid_map_addr_(r, base, 3) || !valid_map_addr_(r, top, 3) ||
	    !in_par_(r, base) || !in_par_(r, top - RLM_GRANULE_SIZE)) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	if (r->state != REALM_NEW) {
		x->x[0] = RLM_RMI_ERROR_REALM;
		return;
	}
	mock_walk_(m, r, base, 3, &w);
	size = mock_map_size_(w.level);
	addr = base & ~(size - 1);
	if (addr != base) {
		x->x[0] = rtt_err_(w.level);
		return;
	}
	t = &m->rtts[w.rtt];
	ne = w.level < 0 ? 16 : MOCK_RTT_ENTRIES;
	rim.algo = (enum rlm_hash_algo)r->hash_algo;
	rlm_memcpy(rim.value, r->meas[0], RLM_HASH_MAX_SIZE);
	for (i = w.idx; i < ne; i++) {
		uint64_t next = addr + size, e = t->e[i];

		if (next > top)
			break;
		if (E_KIND(e) != K_UNASSIGNED ||
		    (E_RIPAS(e) != RLM_RIPAS_EMPTY && E_RIPAS(e) != RLM_RIPAS_RAM))
			break;
		t->e[i] = E_MAKE(K_UNASSIGNED, RLM_RIPAS_RAM, 0);
		rlm_rim_extend_ripas(&rim, addr, next);
		addr = next;
	}
	rlm_memcpy(r->meas[0], rim.value, RLM_HASH_MAX_SIZE);
	if (addr > base) {
		x->x[0] = RLM_RMI_SUCCESS;
		x->x[1] = addr;
	} else {
		x->x[0] = rtt_err_(w.level);
	}
}

/* TF-RMM update_ripas: <0 stop, 0 done (changed or not). */
static int update_ripas_(uint64_t *ep, unsigned int want, bool cd)
{
	uint64_t e = *ep;
	unsigned int k = E_KIND(e), rp = E_RIPAS(e);

	if (k != K_UNASSIGNED && k != K_ASSIGNED)
		return -1;
	if (rp == want)
		return 0;
	if (rp == RLM_RIPAS_DESTROYED && !cd)
		return -1;
	if (rp != RLM_RIPAS_EMPTY && rp != RLM_RIPAS_RAM && rp != RLM_RIPAS_DESTROYED)
		return 0;
	*ep = E_MAKE(k, want, E_PAYLOAD(e));
	return 0;
}

int mock_set_ripas_(struct rlm_mock *m, struct mock_realm *r, struct mock_rec *c,
		    uint64_t base, uint64_t top, uint64_t *out)
{
	struct mock_walk w;
	struct mock_rtt *t;
	uint64_t size, addr;
	unsigned int i;

	mock_walk_(m, r, base, 3, &w);
	if (!valid_map_addr_(r, base, w.level)) {
		*out = rtt_err_(w.level);
		return 0;
	}
	size = mock_map_size_(w.level);
	addr = base & ~(size - 1);
	t = &m->rtts[w.rtt];
	for (i = w.idx; i < MOCK_RTT_ENTRIES; i++) {
		if (addr + size > top)
			break;
		if (update_ripas_(&t->e[i], c->sr.ripas, c->sr.change_destroyed) < 0)
			break;
		addr += size;
	}
	if (addr > base) {
		*out = RLM_RMI_SUCCESS;
		c->sr.addr = addr;
		return 1;
	}
	*out = rtt_err_(w.level);
	return 0;
}

static void set_ripas_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	uint64_t rd = x->x[1], rec = x->x[2], base = x->x[3], top = x->x[4], st;
	struct mock_realm *r;
	struct mock_rec *c;

	x->x[1] = 0;
	if (top <= base || !two_(m, rd, G_RD, rec, G_REC)) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	r = realm_of_(m, rd);
	c = rec_of_(m, rec);
	if (&m->realms[c->realm] != r) {
		x->x[0] = RLM_RMI_ERROR_REC;
		return;
	}
	if (base != c->sr.addr || top > c->sr.top) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	if (mock_set_ripas_(m, r, c, base, top, &st))
		x->x[1] = c->sr.addr;
	x->x[0] = st;
}

/* ---- dispatch ------------------------------------------------------------- */

static void dispatch_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	uint32_t fid = (uint32_t)x->x[0] & ~(uint32_t)RLM_BIT(16); /* SVE hint */
	uint64_t a1 = x->x[1], a2 = x->x[2], a3 = x->x[3], a4 = x->x[4], a5 = x->x[5];

	switch (fid) {
	case RLM_SMC_RMI_VERSION:
		rmi_version_(x);
		return;
	case RLM_SMC_RMI_FEATURES:
		x->x[0] = RLM_RMI_SUCCESS;
		x->x[1] = a1 == 0 ? m->cfg.feat_reg0 : 0;
		return;
	case RLM_SMC_RMI_GRANULE_DELEGATE:
		x->x[0] = g_delegate_(m, a1);
		return;
	case RLM_SMC_RMI_GRANULE_UNDELEGATE:
		x->x[0] = g_undelegate_(m, a1);
		return;
	case RLM_SMC_RMI_REALM_CREATE:
		x->x[0] = realm_create_(m, a1, a2);
		return;
	case RLM_SMC_RMI_REALM_ACTIVATE:
		x->x[0] = realm_activate_(m, a1);
		return;
	case RLM_SMC_RMI_REALM_DESTROY:
		x->x[0] = realm_destroy_(m, a1);
		return;
	case RLM_SMC_RMI_REC_CREATE:
		x->x[0] = rec_create_(m, a1, a2, a3);
		return;
	case RLM_SMC_RMI_REC_DESTROY:
		x->x[0] = rec_destroy_(m, a1);
		return;
	case RLM_SMC_RMI_REC_AUX_COUNT:
		rec_aux_count_(m, x);
		return;
	case RLM_SMC_RMI_REC_ENTER:
		mock_rec_enter_(m, x);
		return;
	case RLM_SMC_RMI_PSCI_COMPLETE:
		x->x[0] = (uint64_t)mock_psci_complete_(m, a1, a2, a3);
		return;
	case RLM_SMC_RMI_RTT_CREATE:
		x->x[0] = rtt_create_(m, a1, a2, a3, (int64_t)a4);
		return;
	case RLM_SMC_RMI_RTT_DESTROY:
		rtt_destroy_(m, x);
		return;
	case RLM_SMC_RMI_RTT_FOLD:
		rtt_fold_(m, x);
		return;
	case RLM_SMC_RMI_RTT_MAP_UNPROTECTED:
		map_unprotected_(m, x);
		return;
	case RLM_SMC_RMI_RTT_UNMAP_UNPROTECTED:
		unmap_unprotected_(m, x);
		return;
	case RLM_SMC_RMI_RTT_READ_ENTRY:
		read_entry_(m, x);
		return;
	case RLM_SMC_RMI_RTT_INIT_RIPAS:
		init_ripas_(m, x);
		return;
	case RLM_SMC_RMI_RTT_SET_RIPAS:
		set_ripas_(m, x);
		return;
	case RLM_SMC_RMI_DATA_CREATE:
		x->x[0] = data_create_(m, a1, a2, a3, a4, a5, false);
		return;
	case RLM_SMC_RMI_DATA_CREATE_UNKNOWN:
		x->x[0] = data_create_(m, a1, a2, a3, 0, 0, true);
		return;
	case RLM_SMC_RMI_DATA_DESTROY:
		data_destroy_(m, x);
		return;
	default:
		x->x[0] = RLM_SMCCC_NOT_SUPPORTED;
		return;
	}
}

static uint32_t norm_fid_(uint64_t fid)
{
	return (uint32_t)fid & ~(uint32_t)RLM_BIT(16);
}

void rlm_mock_rmi(struct rlm_mock *m, struct rlm_smc_regs *regs)
{
	struct rlm_smc_regs in;
	unsigned int i;
	bool injected = false;

	if (!m || !regs)
		return;
	in = *regs;
	m->calls++;
	for (i = 0; i < MOCK_MAX_INJECT; i++) {
		struct mock_inject *j = &m->inject[i];

		if (j->left && j->fid == norm_fid_(regs->x[0]) && --j->left == 0) {
			regs->x[0] = j->ret;
			injected = true;
			break;
		}
	}
	if (!injected)
		dispatch_(m, regs);
	if (m->log && m->log_cap) {
		struct rlm_mock_log_entry *le = &m->log[m->log_count % m->log_cap];

		le->in = in;
		le->out = *regs;
	}
	if (m->log)
		m->log_count++;
	mock_after_call_(m, regs);
}

static int conduit_call_(void *ctx, struct rlm_smc_regs *regs)
{
	rlm_mock_rmi(ctx, regs);
	return 0;
}

static void *conduit_ns_map_(void *ctx, uint64_t pa, size_t len)
{
	return rlm_mock_ns_ptr(ctx, pa, len);
}

static const struct rlm_conduit_ops mock_conduit_ops_ = {
	.name = "mock",
	.call = conduit_call_,
	.ns_map = conduit_ns_map_,
};

void rlm_mock_conduit(struct rlm_mock *m, struct rlm_conduit *c)
{
	if (!c)
		return;
	c->ops = &mock_conduit_ops_;
	c->ctx = m;
}

/* ---- for users' tests ----------------------------------------------------- */

int rlm_mock_inject(struct rlm_mock *m, uint64_t fid, unsigned int nth, uint64_t ret)
{
	unsigned int i;

	if (!m || nth == 0)
		return RLM_EINVAL;
	for (i = 0; i < MOCK_MAX_INJECT; i++) {
		if (!m->inject[i].left) {
			m->inject[i].fid = norm_fid_(fid);
			m->inject[i].left = nth;
			m->inject[i].ret = ret;
			return 0;
		}
	}
	return RLM_ENOMEM;
}

void rlm_mock_inject_clear(struct rlm_mock *m)
{
	if (m)
		rlm_memset(m->inject, 0, sizeof(m->inject));
}

void rlm_mock_set_log(struct rlm_mock *m, struct rlm_mock_log_entry *buf, size_t cap)
{
	if (!m)
		return;
	m->log = cap ? buf : NULL;
	m->log_cap = buf ? cap : 0;
	m->log_count = 0;
}

size_t rlm_mock_log_count(const struct rlm_mock *m)
{
	return m ? m->log_count : 0;
}

uint64_t rlm_mock_calls(const struct rlm_mock *m)
{
	return m ? m->calls : 0;
}

uint64_t rlm_mock_delegated_count(const struct rlm_mock *m)
{
	return m ? m->pool_delegated : 0;
}

void rlm_mock_set_attest(struct rlm_mock *m, const struct rlm_mock_attest *a)
{
	if (!m)
		return;
	if (a)
		m->attest = *a;
	else
		rlm_memset(&m->attest, 0, sizeof(m->attest));
	m->tok_owner = MOCK_NONE;
}
