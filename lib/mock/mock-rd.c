/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The mock RMM's realms and RECs: REALM_CREATE / ACTIVATE / DESTROY,
 * REC_CREATE / DESTROY and REC_AUX_COUNT (REC_ENTER and PSCI_COMPLETE run the
 * realm: mock-realm.c).
 *
 * Each handler performs its checks in the order of the reference RMM,
 * TF-RMM tag rmm-spec-v1.0-rel0 (runtime/rmi/realm.c, rec.c), which was read to establish that
 * order; the code here is our own model.
 */
#include "mock_int.h"

#include <core/bytes.h>

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

	if (!mock_gis_(m, params, G_NS))
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
	if (!mock_gis_(m, rd, G_DELEGATED))
		goto bad;
	for (i = 0; i < n; i++)
		if (!mock_gis_(m, p.rtt_base + (uint64_t)i * RLM_GRANULE_SIZE, G_DELEGATED))
			goto bad;
	/* Capacity of the model (not an RMM condition). */
	if (m->cfg.max_rtts - m->rtts_used < n ||
	    (ri = mock_realm_alloc_(m)) == MOCK_NONE) {
		m->capacity_exhausted = true;
		goto bad;
	}
	r = &m->realms[ri];
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
		uint32_t ti = mock_rtt_alloc_(m, pa, r->start_level, ri);
		unsigned int e, ne = r->start_level < 0 ? 16 : MOCK_RTT_ENTRIES;
		struct mock_rtt *t = &m->rtts[ti];

		rlm_memset(t->e, 0, sizeof(t->e));
		mock_rtt_dirty_(m, ti);
		for (e = 0; e < ne && ipa < mock_ipa_size_(r); e++, ipa += sl_size)
			t->e[e] = mock_in_par_(r, ipa) ? E_MAKE(K_UNASSIGNED, RLM_RIPAS_EMPTY, 0)
						  : E_MAKE(K_UNASSIGNED_NS, 0, 0);
		r->roots[i] = ti;
		mock_gset_(m, pa, G_RTT);
	}
	rlm_rim_init(&rim, &p);
	rlm_memcpy(r->meas[RLM_MEASUREMENT_RIM], rim.value, RLM_HASH_MAX_SIZE);
	mock_h_put_(m->objh, m->objh_mask, mock_gidx_(m, rd), ri);
	mock_gset_(m, rd, G_RD);
	return RLM_RMI_SUCCESS;
bad:
	vmid_set_(m, p.vmid, false);
	return RLM_RMI_ERROR_INPUT;
}

static uint64_t realm_activate_(struct rlm_mock *m, uint64_t rd)
{
	struct mock_realm *r = mock_realm_of_(m, rd);

	if (!r)
		return RLM_RMI_ERROR_INPUT;
	if (r->state != REALM_NEW)
		return RLM_RMI_ERROR_REALM;
	r->state = REALM_ACTIVE;
	return RLM_RMI_SUCCESS;
}

static uint64_t realm_destroy_(struct rlm_mock *m, uint64_t rd)
{
	struct mock_realm *r = mock_realm_of_(m, rd);
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
		mock_gset_(m, m->rtts[r->roots[i]].pa, G_DELEGATED);
		mock_rtt_free_(m, r->roots[i]);
	}
	ri = (uint32_t)(r - m->realms);
	mock_h_del_(m->objh, m->objh_mask, mock_gidx_(m, rd));
	if (m->tok_owner != MOCK_NONE && m->recs[m->tok_owner].realm == ri)
		m->tok_owner = MOCK_NONE;
	mock_realm_free_(m, ri);
	mock_gset_(m, rd, G_DELEGATED);
	return RLM_RMI_SUCCESS;
}

void mock_rmi_realm_create_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	x->x[0] = realm_create_(m, x->x[1], x->x[2]);
}

void mock_rmi_realm_activate_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	x->x[0] = realm_activate_(m, x->x[1]);
}

void mock_rmi_realm_destroy_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	x->x[0] = realm_destroy_(m, x->x[1]);
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

	if (!mock_gis_(m, params, G_NS))
		return RLM_RMI_ERROR_INPUT;
	rlm_unpack_rec_params(&p, mock_ns_read_(m, params), RLM_GRANULE_SIZE);
	naux = (uint32_t)p.num_aux;
	if (naux > RLM_REC_PARAMS_AUX_GRANULES)
		return RLM_RMI_ERROR_INPUT;
	for (i = 0; i < naux; i++) {
		if (!mock_gis_(m, p.aux[i], G_DELEGATED)) {
			while (i--)
				mock_gset_(m, p.aux[i], G_DELEGATED);
			return RLM_RMI_ERROR_INPUT;
		}
		mock_gset_(m, p.aux[i], G_REC_AUX);
	}
	r = NULL;
	if (!mock_two_(m, rec, G_DELEGATED, rd, G_RD)) {
		ret = RLM_RMI_ERROR_INPUT;
		goto out_free;
	}
	r = mock_realm_of_(m, rd);
	if (r->refcount == MOCK_REFCOUNT_MAX || r->state != REALM_NEW) {
		ret = RLM_RMI_ERROR_REALM;
		goto out_free;
	}
	if (!mpidr_valid_(p.mpidr) || mpidr_idx_(p.mpidr) != r->rec_count ||
	    naux != r->num_rec_aux) {
		ret = RLM_RMI_ERROR_INPUT;
		goto out_free;
	}
	ci = mock_rec_alloc_(m);
	if (ci == MOCK_NONE) {
		m->capacity_exhausted = true;
		ret = RLM_RMI_ERROR_INPUT;
		goto out_free;
	}
	c = &m->recs[ci];
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
	mock_h_put_(m->objh, m->objh_mask, mock_gidx_(m, rec), ci);
	mock_gset_(m, rec, G_REC);
	return RLM_RMI_SUCCESS;
out_free:
	for (i = 0; i < naux; i++)
		mock_gset_(m, p.aux[i], G_DELEGATED);
	return ret;
}

void mock_rec_remove_(struct rlm_mock *m, struct mock_rec *c)
{
	uint32_t ci = (uint32_t)(c - m->recs);

	m->realms[c->realm].refcount--;
	if (m->tok_owner == ci)
		m->tok_owner = MOCK_NONE;
	mock_h_del_(m->objh, m->objh_mask, mock_gidx_(m, c->pa));
	mock_rec_free_(m, ci);
}

static uint64_t rec_destroy_(struct rlm_mock *m, uint64_t rec)
{
	struct mock_rec *c = mock_rec_of_(m, rec);
	uint32_t i;

	if (!c)
		return RLM_RMI_ERROR_INPUT;
	for (i = 0; i < c->num_aux; i++)
		mock_gset_(m, c->aux[i], G_DELEGATED);
	mock_rec_remove_(m, c);
	mock_gset_(m, rec, G_DELEGATED);
	return RLM_RMI_SUCCESS;
}

void mock_rmi_rec_aux_count_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	struct mock_realm *r = mock_realm_of_(m, x->x[1]);

	if (!r) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	x->x[0] = RLM_RMI_SUCCESS;
	x->x[1] = r->num_rec_aux;
}

void mock_rmi_rec_create_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	x->x[0] = rec_create_(m, x->x[1], x->x[2], x->x[3]);
}

void mock_rmi_rec_destroy_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	x->x[0] = rec_destroy_(m, x->x[1]);
}
