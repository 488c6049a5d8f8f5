/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The mock RMM: configuration and memory layout, the RMI dispatch (one
 * handler per row of the command table), the conduit, and the hooks for
 * users' tests.  The handlers live in mock-store.c (granules), mock-rd.c
 * (realms, RECs), mock-rtt.c (RTTs, RIPAS), mock-data.c (DATA) and
 * mock-realm.c (REC_ENTER, PSCI_COMPLETE and the realm's side).
 */
#include "mock_int.h"

#include <core/bytes.h>

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
	size_t gh, ns, realms, recs, queues, rtts, pages, page_free, objh, pageh;
	size_t page_ref, journal, ns_dirty, sro, total;
	uint32_t objh_n, pageh_n, gh_n, gmax, journal_n;
};

static size_t al_(size_t v)
{
	return (v + 63) & ~(size_t)63;
}

#define MOCK_AUTO_MAX_GRANULES (UINT64_C(1) << 21)

static bool layout_(const struct rlm_mock_config *c, struct layout_ *l)
{
	uint64_t tot, off, gmax;

	if (!c || (c->abi != RLM_RMI_V1_0 && c->abi != RLM_RMI_V2_0) || (c->pool_base & 0x1fffff) || (c->ns_base & 0x1fffff) ||
	    c->pa_bits < 32 || c->pa_bits > 52 ||
	    (c->vmid_bits != 8 && c->vmid_bits != 16) ||
	    c->rec_aux_count > RLM_REC_PARAMS_AUX_GRANULES ||
	    c->pool_granules > (UINT64_C(1) << 32) || c->ns_granules > (UINT64_C(1) << 24) ||
	    c->max_realms == 0 || c->max_realms > 65536 || c->max_recs > (1u << 24) ||
	    c->max_rtts > (1u << 24) || c->max_pages > (1u << 22) ||
	    c->rsi_queue_len > 4096 || c->max_granules > (UINT32_C(1) << 28))
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
	gmax = c->max_granules ? c->max_granules
			       : (tot < MOCK_AUTO_MAX_GRANULES ? tot : MOCK_AUTO_MAX_GRANULES);
	if (gmax > tot)
		gmax = tot;
	l->gmax = (uint32_t)gmax;
	l->gh_n = pow2_at_least_(2 * gmax);
	l->journal_n = (uint32_t)(2 * gmax < 8192 ? (2 * gmax < 16 ? 16 : 2 * gmax) : 8192);
	l->objh_n = pow2_at_least_(2 * ((uint64_t)c->max_realms + c->max_recs));
	l->pageh_n = pow2_at_least_(2 * (uint64_t)c->max_pages);
	off = al_(sizeof(struct rlm_mock));
	l->gh = off; off += al_((uint64_t)l->gh_n * sizeof(uint64_t));
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
	l->page_ref = off; off += al_((uint64_t)c->max_pages * sizeof(uint32_t));
	l->journal = off; off += al_((uint64_t)l->journal_n * sizeof(uint64_t));
	l->ns_dirty = off; off += al_((c->ns_granules + 7) / 8);
	l->sro = off;
	if (c->abi == RLM_RMI_V2_0)
		off += al_((uint64_t)MOCK_SRO_CTXS * sizeof(struct mock_sro));
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

/* The state after init, given the block's variable parts are zero. */
static void init_counters_(struct rlm_mock *m)
{
	m->realm_free = m->rec_free = m->rtt_free = MOCK_NONE;
	m->realm_hi = m->rec_hi = m->rtt_hi = m->page_hi = 0;
	m->page_nfree = 0;
	m->share_page = MOCK_NONE;
	m->q_n = 0;
	m->tok_owner = MOCK_NONE;
}

static int init_(struct rlm_mock **mock, void *mem, size_t len,
		 const struct rlm_mock_config *cfg, bool zeroed)
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
	m->gh = (uint64_t *)(void *)(b + l.gh);
	m->gh_mask = l.gh_n - 1;
	m->gh_max = l.gmax;
	m->ns_mem = b + l.ns;
	m->realms = (struct mock_realm *)(void *)(b + l.realms);
	m->recs = (struct mock_rec *)(void *)(b + l.recs);
	m->queues = (struct mock_qent *)(void *)(b + l.queues);
	m->q_cap = (cfg->max_recs ? cfg->max_recs : 1) * cfg->rsi_queue_len;
	m->rtts = (struct mock_rtt *)(void *)(b + l.rtts);
	m->pages = b + l.pages;
	m->page_free = (uint32_t *)(void *)(b + l.page_free);
	m->objh = (struct mock_hslot *)(void *)(b + l.objh);
	m->objh_mask = l.objh_n - 1;
	m->pageh = (struct mock_hslot *)(void *)(b + l.pageh);
	m->pageh_mask = l.pageh_n - 1;
	m->page_ref = (uint32_t *)(void *)(b + l.page_ref);
	m->journal = (uint64_t *)(void *)(b + l.journal);
	m->journal_cap = l.journal_n;
	m->ns_dirty = b + l.ns_dirty;
	m->sro = cfg->abi == RLM_RMI_V2_0 ? (struct mock_sro *)(void *)(b + l.sro) : NULL;
	m->zeroed_init = zeroed;
	if (!zeroed) {
		/* Only what must read as zero: the hashes, NS content, the
		 * bitmap.  Arenas are used from their high-water
		 * marks and written before they are read. */
		rlm_memset(m->gh, 0, (size_t)l.gh_n * sizeof(uint64_t));
		rlm_memset(m->ns_mem, 0, (size_t)cfg->ns_granules * RLM_GRANULE_SIZE);
		rlm_memset(m->objh, 0, (size_t)l.objh_n * sizeof(struct mock_hslot));
		rlm_memset(m->pageh, 0, (size_t)l.pageh_n * sizeof(struct mock_hslot));
		rlm_memset(m->ns_dirty, 0, (size_t)(cfg->ns_granules + 7) / 8);
		if (m->sro)
			for (i = 0; i < MOCK_SRO_CTXS; i++)
				m->sro[i].state = SRO_FREE;
	}
	init_counters_(m);
	*mock = m;
	return 0;
}

int rlm_mock_init(struct rlm_mock **mock, void *mem, size_t len,
		  const struct rlm_mock_config *cfg)
{
	return init_(mock, mem, len, cfg, false);
}

int rlm_mock_init_zeroed(struct rlm_mock **mock, void *mem, size_t len,
			 const struct rlm_mock_config *cfg)
{
	return init_(mock, mem, len, cfg, true);
}

int rlm_mock_reset(struct rlm_mock *m)
{
	uint32_t i;

	if (!m)
		return RLM_EINVAL;
	mock_gh_reset_(m);
	/* objects: their hash entries (the arenas restart from zero) */
	for (i = 0; i < m->realm_hi; i++)
		if (m->realms[i].used)
			mock_h_del_(m->objh, m->objh_mask, mock_gidx_(m, m->realms[i].rd));
	for (i = 0; i < m->rec_hi; i++)
		if (m->recs[i].used)
			mock_h_del_(m->objh, m->objh_mask, mock_gidx_(m, m->recs[i].pa));
	if (m->page_maps)
		rlm_memset(m->pageh, 0, ((size_t)m->pageh_mask + 1) * sizeof(struct mock_hslot));
	m->page_maps = 0;
	/* NS content written since the last reset */
	for (i = 0; i < (m->cfg.ns_granules + 7) / 8; i++) {
		unsigned int b;

		if (!m->ns_dirty[i])
			continue;
		for (b = 0; b < 8; b++)
			if (m->ns_dirty[i] & (1u << b))
				rlm_memset(m->ns_mem + ((uint64_t)i * 8 + b) * RLM_GRANULE_SIZE,
					   0, RLM_GRANULE_SIZE);
		m->ns_dirty[i] = 0;
	}
	init_counters_(m);
	m->rtts_used = 0;
	m->pool_delegated = 0;
	m->nrealms = m->nrecs = 0;
	m->calls = 0;
	m->log_count = 0;
	m->tok_len = 0;
	m->capacity_exhausted = false;
	m->violation = false;
	m->rmm2_active = 0;
	if (m->sro)
		for (i = 0; i < MOCK_SRO_CTXS; i++)
			m->sro[i].state = SRO_FREE;
	m->src_cache_valid = 0;
	m->ndirty_rtt = 0;
	m->dirty_lost = false;
	rlm_memset(m->inject, 0, sizeof(m->inject));
	m->ninject = 0;
	rlm_memset(m->vmids, 0, sizeof(m->vmids));
	return 0;
}

int rlm_mock_set_features(struct rlm_mock *m, uint64_t feat_reg0)
{
	uint32_t i;

	if (!m)
		return RLM_EINVAL;
	for (i = 0; i < m->realm_hi; i++)
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
	    len <= c->ns_granules * RLM_GRANULE_SIZE - (pa - c->ns_base)) {
		mock_ns_touch_(m, pa, len);
		return m->ns_mem + (pa - c->ns_base);
	}
	if ((pa & RLM_GRANULE_MASK) + len <= RLM_GRANULE_SIZE &&
	    mock_gis_(m, pa & ~RLM_GRANULE_MASK, G_NS)) {
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
	r = mock_realm_of_(m, rd);
	if (!r)
		return RLM_EINVAL;
	rlm_memcpy(out, r->meas[index], RLM_HASH_MAX_SIZE);
	if (hash_size)
		*hash_size = rlm_hash_size((enum rlm_hash_algo)r->hash_algo);
	return 0;
}

/* ---- RMI: version and features ------------------------------------------- */

void mock_rmi_version_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	uint64_t v = RLM_RMI_ABI_VERSION(1, 0);

	(void)m;

	x->x[0] = x->x[1] == v ? RLM_RMI_SUCCESS : RLM_RMI_ERROR_INPUT;
	x->x[1] = v;
	x->x[2] = v;
}

void mock_rmi_features_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	uint64_t a1 = x->x[1];

	x->x[0] = RLM_RMI_SUCCESS;
	x->x[1] = a1 == 0 ? m->cfg.feat_reg0 : 0;
}

/* ---- dispatch ------------------------------------------------------------- */

/* One handler per row of RLM_RMI_COMMANDS, by FID (the table's gaps stay
 * NULL: SMCCC NOT_SUPPORTED, as for any FID the RMM does not know). */
#define MOCK_RMI_SLOT_(name, verb, in, out) \
	[RLM_SMC_RMI_##name - RLM_SMC_RMI_FIRST] = mock_rmi_##verb##_,
static mock_rmi_fn_ *const mock_rmi_handlers_[] = {
	RLM_RMI_COMMANDS(MOCK_RMI_SLOT_)
};

static void dispatch_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	uint32_t fid = (uint32_t)x->x[0] & ~(uint32_t)RLM_BIT(16); /* SVE hint */
	uint32_t i = fid - (uint32_t)RLM_SMC_RMI_FIRST;

	RLM_STATIC_ASSERT(RLM_ARRAY_SIZE(mock_rmi_handlers_) ==
			  RLM_SMC_RMI_LAST - RLM_SMC_RMI_FIRST + 1,
			  "a slot for every FID of the RMI range");
	if (i < RLM_ARRAY_SIZE(mock_rmi_handlers_) && mock_rmi_handlers_[i])
		mock_rmi_handlers_[i](m, x);
	else
		x->x[0] = RLM_SMCCC_NOT_SUPPORTED;
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
	if (m->log)
		in = *regs;
	m->calls++;
	m->ndirty_rtt = 0;
	m->dirty_lost = false;
	for (i = 0; i < MOCK_MAX_INJECT && m->ninject; i++) {
		struct mock_inject *j = &m->inject[i];

		if (j->left && j->fid == norm_fid_(regs->x[0]) && --j->left == 0) {
			m->ninject--;
			regs->x[0] = j->ret;
			injected = true;
			break;
		}
	}
	if (!injected) {
		if (m->cfg.abi == RLM_RMI_V1_0)
			dispatch_(m, regs);
		else
			mock2_dispatch_(m, regs);
	}
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
			m->ninject++;
			return 0;
		}
	}
	return RLM_ENOMEM;
}

void rlm_mock_inject_clear(struct rlm_mock *m)
{
	if (!m)
		return;
	rlm_memset(m->inject, 0, sizeof(m->inject));
	m->ninject = 0;
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

int rlm_mock_mem_stats(const struct rlm_mock *m, struct rlm_mock_mem_stats *st)
{
	struct layout_ l;
	size_t slot_share;

	if (!m || !st || !layout_(&m->cfg, &l))
		return RLM_EINVAL;
	rlm_memset(st, 0, sizeof(*st));
	/* a hash slot per granule of capacity, at most half the slots used */
	slot_share = l.gmax ? ((size_t)l.gh_n * sizeof(uint64_t) + l.gmax - 1) / l.gmax : 0;
	st->block_bytes = l.total;
	st->granules = m->gh_count;
	st->data_granules = m->gcount[G_DATA];
	st->rtts = m->rtts_used;
	st->pages = mock_pages_used_(m);
	st->per_delegated = slot_share;
	/* its slot and one entry's share of a level 3 RTT */
	st->per_data = slot_share +
		(sizeof(struct mock_rtt) + MOCK_RTT_ENTRIES - 1) / MOCK_RTT_ENTRIES;
	st->used_bytes = sizeof(struct rlm_mock) +
		(size_t)m->gh_count * slot_share +
		(size_t)m->rtts_used * sizeof(struct mock_rtt) +
		(size_t)m->nrealms * sizeof(struct mock_realm) +
		(size_t)m->nrecs * sizeof(struct mock_rec) +
		(size_t)st->pages * (RLM_GRANULE_SIZE + sizeof(uint32_t)) +
		(size_t)m->page_maps * 2 * sizeof(struct mock_hslot) +
		(size_t)m->q_n * sizeof(struct mock_qent);
	return 0;
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
