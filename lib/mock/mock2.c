/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The mock RMM's RMM 2.0 (beta) personality, selected by
 * cfg.abi = RLM_RMI_V2_0: one handler per row of RLM_RMI2_COMMANDS
 * (realm/abi2.h), answering as TF-RMM main at the pinned commit
 *   9a7f8ef46378320ad69140a42e51c1ccf5914661 (docs/rmi2.md)
 * does on a platform without device assignment, SMMUs, MEC or auxiliary
 * planes.  Each handler performs its checks in the order of that
 * commit's handler (named in a comment above it), which was read to
 * establish the order; the code is our own model.  Granules, RTTs, RECs
 * and the realm's side are the 1.0 personality's (mock-store.c,
 * mock-rtt.c, mock-realm.c); what 2.0 answers differently lives here.
 */
#include "mock_int.h"

#include <core/bytes.h>
#include <realm/pack2.h>
#include <realm/rmi2.h>

/* The arguments X1.. (a[0] = X1), the answer in x (X0..X4 zeroed first:
 * TF-RMM handle_ns_smc clears the result registers before the handler). */
typedef void mock_rmi2_fn_(struct rlm_mock *m, const uint64_t *a,
			   struct rlm_smc_regs *x);

#define M2_NARGS 6

/* ---- FEATURES (runtime/rmi/feature.c) ------------------------------------ */

/* Register 0: S2SZ, LPA2, SVE, breakpoints and watchpoints from the
 * platform (cfg.feat_reg0, whose low 26 bits are laid out as in 1.0); PMU
 * fields zero (the pin reports no PMU under 2.0: get_feature_register_0). */
static uint64_t feat0_(const struct rlm_mock *m)
{
	return m->cfg.feat_reg0 & RLM_GENMASK(25, 0);
}

/* Register 1: 4 KiB granules, SHA-256 and SHA-512, MAX_RECS_ORDER the
 * 10-bit granule refcount, L0GPTSZ 30 bits (0), PPS 48 bits (5). */
static uint64_t feat1_(void)
{
	return RLM_RMI2_FEATURE_REGISTER_1_GRAN_SZ_4K |
	       RLM_RMI2_FEATURE_REGISTER_1_HASH_SHA_256 |
	       RLM_RMI2_FEATURE_REGISTER_1_HASH_SHA_512 |
	       RLM_FIELD_PREP(RLM_RMI2_FEATURE_REGISTER_1_MAX_RECS_ORDER, 10) |
	       RLM_FIELD_PREP(RLM_RMI2_FEATURE_REGISTER_1_PPS, 5);
}

/* Register 2: no device assignment (DA_EN 0: TF-RMM after
 * feature_da_disable(), when no SMMU initialises; the fake_host build
 * reports 0xa1).  Register 3: RTT_PLANE AUX (0: a tree per plane), no S2AP
 * indirect, MAX_AUX_PLANES 3 (REALM_CREATE and REALM_DESTROY model the
 * planes' VMIDs and root tables; the RTT_AUX_* commands do not).
 * Register 4: MEC_COUNT as fake_host reports it (0xfffe; MEC changes
 * nothing the model answers). */
static uint64_t feat_(const struct rlm_mock *m, uint64_t index)
{
	switch (index) {
	case 0: return feat0_(m);
	case 1: return feat1_();
	case 3: return RLM_FIELD_PREP(RLM_RMI2_FEATURE_REGISTER_3_MAX_NUM_AUX_PLANES,
				      RLM_RMI2_MAX_AUX_PLANES);
	case 4: return 0xfffe;
	default: return 0;
	}
}

static void m2_features(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	x->x[0] = RLM_RMI_SUCCESS;
	x->x[1] = feat_(m, a[0]);
}

/* ---- VERSION (runtime/rmi/version.c smc_version) ------------------------- */

static void m2_version(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	(void)m;
	if (a[0] == RLM_RMI_ABI_VERSION_2_0) {
		x->x[0] = RLM_RMI_SUCCESS;
		x->x[1] = a[0];
	} else {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		x->x[1] = RLM_RMI_ABI_VERSION_2_0;
	}
	x->x[2] = RLM_RMI_ABI_VERSION_2_0;
}

/* ---- RMM bootstrap (runtime/rmi/granule.c, activate.c) ------------------- */

/* smc_rmm_config_get / _set: a non-zero 4 KiB aligned tracked NS granule */
static bool config_page_ok_(const struct rlm_mock *m, uint64_t pa)
{
	return pa && !(pa & RLM_GRANULE_MASK) && mock_gis_(m, pa, G_NS);
}

static void m2_rmm_config_get(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	struct rlm_rmm_config2 c = { 0, RLM_RMI_GRANULE_SIZE_4KB };
	uint8_t *p;

	if (!config_page_ok_(m, a[0]) ||
	    !(p = rlm_mock_ns_ptr(m, a[0], RLM_RMI2_RMM_CONFIG_SIZE))) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	rlm_pack_rmm_config2(&c, p, RLM_RMI2_RMM_CONFIG_SIZE);
	x->x[0] = RLM_RMI_SUCCESS;
}

static void m2_rmm_config_set(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	struct rlm_rmm_config2 c;

	if (!config_page_ok_(m, a[0])) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	rlm_unpack_rmm_config2(&c, mock_ns_read_(m, a[0]), RLM_RMI2_RMM_CONFIG_SIZE);
	/* only 4 KiB granules, 1 GiB tracking regions (value 0 for both) */
	x->x[0] = (c.granule_size != RLM_RMI_GRANULE_SIZE_4KB || c.tracking_region_size != 0)
		  ? RLM_RMI_ERROR_INPUT : RLM_RMI_SUCCESS;
}

static void m2_rmm_activate(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	(void)a;
	if (m->rmm2_active) {
		x->x[0] = RLM_RMI_ERROR_GLOBAL;
		return;
	}
	m->rmm2_active = 1;
	x->x[0] = RLM_RMI_SUCCESS;
}

/* smc_granule_tracking_get: tracked memory is conventional, fine-grained;
 * an aligned range elsewhere below the PA size is valid but untracked. */
static void m2_granule_tracking_get(struct rlm_mock *m, const uint64_t *a,
				    struct rlm_smc_regs *x)
{
	uint64_t start = a[0], end = a[1], max_pa = (UINT64_C(1) << m->cfg.pa_bits) - 1;

	x->x[0] = RLM_RMI_ERROR_INPUT;
	if (start > max_pa || end > max_pa || start > end || end - start < RLM_GRANULE_SIZE)
		return;
	if ((start | end) & RLM_GRANULE_MASK)
		return;
	x->x[0] = RLM_RMI_SUCCESS;
	x->x[1] = 0;	/* RMI_MEM_CATEGORY_CONVENTIONAL */
	x->x[2] = mock_gidx_(m, start) != UINT64_MAX ? 2 /* FINE */ : 1 /* NONE */;
	x->x[3] = end;
}

/* ---- granules (runtime/rmi/granule.c smc_granule_range_(un)delegate):
 * at the pin one granule per call; X1 the next address (the base on
 * failure). ---------------------------------------------------------------- */

static void range_(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x, bool del)
{
	uint64_t addr = a[0], end = a[1];

	x->x[0] = RLM_RMI_ERROR_INPUT;
	x->x[1] = addr;
	if ((addr & RLM_GRANULE_MASK) || (end & RLM_GRANULE_MASK) ||
	    addr > UINT64_MAX - RLM_GRANULE_SIZE || end < addr + RLM_GRANULE_SIZE)
		return;
	x->x[0] = del ? mock_g_delegate_(m, addr) : mock_g_undelegate_(m, addr);
	if (x->x[0] == RLM_RMI_SUCCESS)
		x->x[1] = addr + RLM_GRANULE_SIZE;
}

static void m2_granule_range_delegate(struct rlm_mock *m, const uint64_t *a,
				      struct rlm_smc_regs *x)
{
	range_(m, a, x, true);
}

static void m2_granule_range_undelegate(struct rlm_mock *m, const uint64_t *a,
					struct rlm_smc_regs *x)
{
	range_(m, a, x, false);
}

/* ---- realms (runtime/rmi/realm.c) ---------------------------------------- */

static bool vmid_taken_(const struct rlm_mock *m, unsigned int v)
{
	return (m->vmids[v / 64] >> (v % 64)) & 1;
}

/* lib/arch vmid_alloc: from the first free VMID (the hint) upwards, then
 * from 0; UINT32_MAX when all are in use. */
static uint32_t vmid_alloc_(struct rlm_mock *m)
{
	unsigned int n = 1u << m->cfg.vmid_bits, v;

	for (v = 0; v < n; v++) {
		if (!vmid_taken_(m, v)) {
			m->vmids[v / 64] |= UINT64_C(1) << (v % 64);
			return v;
		}
	}
	return UINT32_MAX;
}

/* s2_inconsistent_sl / validate_ipa_bits_and_sl (as in 1.0) */
static bool ipa_bits_sl_ok_(const struct rlm_mock *m, uint64_t ipa_bits, int64_t sl, bool lpa2)
{
	unsigned int levels, smin, smax;

	if (ipa_bits < 32 || ipa_bits > (lpa2 ? 52u : 48u))
		return false;
	if (sl < (lpa2 ? -1 : 0) || sl > 3)
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

static uint64_t num_root_rtts_(uint64_t ipa_bits, int64_t sl)
{
	unsigned int sl_bits = (unsigned int)(3 - sl) * 9 + 12 + 9;

	return sl_bits >= ipa_bits ? 1 : UINT64_C(1) << (ipa_bits - sl_bits);
}

/* validate_realm_params, in its order */
static bool realm_params2_ok_(const struct rlm_mock *m, const struct rlm_realm_params2 *p)
{
	uint64_t f0 = feat0_(m), f3 = feat_(m, 3), f2 = feat_(m, 2);
	bool lpa2 = (p->flags0 & RLM_RMI_REALM_FLAGS0_LPA2) != 0;
	uint64_t mec = RLM_FIELD_GET(RLM_RMI_REALM_FLAGS0_MEC_POLICY, p->flags0);

	if (lpa2 && !(f0 & RLM_RMI2_FEATURE_REGISTER_0_LPA2))
		return false;
	if (p->s2sz < 32 || p->s2sz > RLM_FIELD_GET(RLM_RMI2_FEATURE_REGISTER_0_S2SZ, f0))
		return false;
	if (p->num_bps == 0 || p->num_bps > RLM_FIELD_GET(RLM_RMI2_FEATURE_REGISTER_0_NUM_BPS, f0) ||
	    p->num_wps == 0 || p->num_wps > RLM_FIELD_GET(RLM_RMI2_FEATURE_REGISTER_0_NUM_WPS, f0))
		return false;
	if (p->flags0 & RLM_RMI_REALM_FLAGS0_SVE) {
		if (!(f0 & RLM_RMI2_FEATURE_REGISTER_0_SVE_EN))
			return false;
		if (p->sve_vl > RLM_FIELD_GET(RLM_RMI2_FEATURE_REGISTER_0_SVE_VL, f0))
			return false;
	}
	if (p->flags0 & RLM_RMI_REALM_FLAGS0_PMU) {
		if (p->pmu_num_ctrs > RLM_FIELD_GET(RLM_RMI2_FEATURE_REGISTER_0_PMU_NUM_CTRS, f0))
			return false;
		if (p->pmu_num_ctrs == 0 && !m->cfg.feat_hpmn0)
			return false;
	}
	if ((p->flags0 & RLM_RMI_REALM_FLAGS0_DA) && !(f2 & RLM_RMI2_FEATURE_REGISTER_2_DA_EN))
		return false;
	if (mec != 0 && mec != 1)	/* RMI_MEC_POLICY_SHARED / _PRIVATE */
		return false;
	if (!ipa_bits_sl_ok_(m, p->s2sz, p->rtt_level_start, lpa2))
		return false;
	if (num_root_rtts_(p->s2sz, p->rtt_level_start) != p->rtt_num_start)
		return false;
	if (p->num_aux_planes > RLM_FIELD_GET(RLM_RMI2_FEATURE_REGISTER_3_MAX_NUM_AUX_PLANES, f3))
		return false;
	if (p->ats_plane > p->num_aux_planes)
		return false;
	if (p->num_aux_planes) {
		bool pp = (p->flags1 & RLM_RMI_REALM_FLAGS1_RTT_TREE_PP) != 0;
		bool ind = (p->flags1 & RLM_RMI_REALM_FLAGS1_S2AP_ENC) != 0;

		/* RTT_PLANE AUX: a tree per plane, with direct S2AP */
		if (!pp || ind)
			return false;
	}
	if ((p->flags1 & RLM_RMI_REALM_FLAGS1_S2AP_ENC) &&
	    !(f3 & RLM_RMI2_FEATURE_REGISTER_3_RTT_S2AP_INDIRECT))
		return false;
	{
		uint64_t al = (uint64_t)p->rtt_num_start * RLM_GRANULE_SIZE - 1;
		uint32_t i;

		if (p->rtt_base & al)
			return false;
		for (i = 0; i < p->num_aux_planes; i++)
			if (p->aux_rtt_base[i] & al)
				return false;
	}
	return p->hash_algo == RLM_RMI_HASH_SHA_256 || p->hash_algo == RLM_RMI_HASH_SHA_512 ||
	       p->hash_algo == RLM_RMI_HASH_SHA_384;
}

static void vmid_free_(struct rlm_mock *m, uint32_t v)
{
	m->vmids[v / 64] &= ~(UINT64_C(1) << (v % 64));
}

/* revert_sl_rtts: trees [0, t) whole and the first i roots of tree t */
static void roots_revert_(struct rlm_mock *m, const struct rlm_realm_params2 *p, uint32_t t,
			  uint32_t i)
{
	uint32_t k, j;

	for (k = 0; k <= t && k <= p->num_aux_planes; k++) {
		uint64_t b = k ? p->aux_rtt_base[k - 1] : p->rtt_base;
		uint32_t nj = k < t ? p->rtt_num_start : i;

		for (j = 0; j < nj; j++)
			mock_gset_(m, b + (uint64_t)j * RLM_GRANULE_SIZE, G_DELEGATED);
	}
}

/* smc_realm_create: params page, validation, VMID (ERROR_GLOBAL when none
 * is free), MECID (always, without FEAT_MEC), the root RTTs then the RD
 * DELEGATED (an RD among the roots fails as the RD). */
static uint64_t realm_create2_(struct rlm_mock *m, uint64_t rd, uint64_t params)
{
	struct rlm_realm_params2 p;
	struct mock_realm *r;
	uint32_t ri, i, n, tr, vmid, vm[RLM_RMI2_MAX_AUX_PLANES + 1] = { 0 };
	uint64_t ipa = 0, sl_size;
	struct rlm_rim rim;

	if (!mock_gis_(m, params, G_NS))
		return RLM_RMI_ERROR_INPUT;
	rlm_unpack_realm_params2(&p, mock_ns_read_(m, params), RLM_GRANULE_SIZE);
	if (!realm_params2_ok_(m, &p))
		return RLM_RMI_ERROR_INPUT;
	/* a VMID per plane (ERROR_GLOBAL, the ones taken given back) */
	for (i = 0; i <= p.num_aux_planes; i++) {
		vm[i] = vmid_alloc_(m);
		if (vm[i] == UINT32_MAX) {
			while (i--)
				vmid_free_(m, vm[i]);
			return RLM_RMI_ERROR_GLOBAL;
		}
	}
	vmid = vm[0];
	n = p.rtt_num_start;
	/* transition_sl_rtts: each tree's roots DELEGATED -> RTT in turn (an
	 * alias among them fails), then the RD DELEGATED */
	for (tr = 0; tr <= p.num_aux_planes; tr++) {
		uint64_t b = tr ? p.aux_rtt_base[tr - 1] : p.rtt_base;

		for (i = 0; i < n; i++) {
			if (!mock_gis_(m, b + (uint64_t)i * RLM_GRANULE_SIZE, G_DELEGATED)) {
				roots_revert_(m, &p, tr, i);
				goto bad;
			}
			mock_gset_(m, b + (uint64_t)i * RLM_GRANULE_SIZE, tr ? G_AUX_ROOT : G_RTT);
		}
	}
	if (!mock_gis_(m, rd, G_DELEGATED)) {
		roots_revert_(m, &p, p.num_aux_planes + 1, 0);
		goto bad;
	}
	/* Capacity of the model (not an RMM condition). */
	if (m->cfg.max_rtts - m->rtts_used < n || (ri = mock_realm_alloc_(m)) == MOCK_NONE) {
		m->capacity_exhausted = true;
		roots_revert_(m, &p, p.num_aux_planes + 1, 0);
		goto bad;
	}
	r = &m->realms[ri];
	rlm_memset(r, 0, sizeof(*r));
	r->used = 1;
	r->next_free = MOCK_NONE;
	r->rd = rd;
	r->state = REALM_NEW;
	r->s2sz = p.s2sz;
	r->lpa2 = (p.flags0 & RLM_RMI_REALM_FLAGS0_LPA2) != 0;
	r->sve = (p.flags0 & RLM_RMI_REALM_FLAGS0_SVE) != 0;
	r->pmu = (p.flags0 & RLM_RMI_REALM_FLAGS0_PMU) != 0;
	r->sve_vl = r->sve ? p.sve_vl : 0;
	r->num_bps = p.num_bps;
	r->num_wps = p.num_wps;
	r->pmu_num_ctrs = p.pmu_num_ctrs;
	r->hash_algo = p.hash_algo;
	r->start_level = (int8_t)p.rtt_level_start;
	r->num_roots = (uint8_t)n;
	r->vmid = (uint16_t)vmid;
	r->num_rec_aux = MOCK_SRO_AUX;	/* rd->num_rec_aux = MAX_REC_AUX_GRANULES */
	r->num_aux_planes = (uint8_t)p.num_aux_planes;
	for (i = 0; i < p.num_aux_planes; i++) {
		r->aux_vmid[i] = (uint16_t)vm[i + 1];
		r->aux_rtt_base[i] = p.aux_rtt_base[i];
	}
	rlm_memcpy(r->rpv, p.rpv, RLM_RPV_SIZE);
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
	}
	rlm_memset(&rim, 0, sizeof(rim));
	rlm_rim_init2(&rim, &p);
	rlm_memcpy(r->meas[RLM_MEASUREMENT_RIM], rim.value, RLM_HASH_MAX_SIZE);
	mock_h_put_(m->objh, m->objh_mask, mock_gidx_(m, rd), ri);
	mock_gset_(m, rd, G_RD);
	return RLM_RMI_SUCCESS;
bad:
	/* every plane's VMID was taken above (vm[0..num_aux_planes]) */
	for (i = 0; i <= p.num_aux_planes && i < RLM_RMI2_MAX_AUX_PLANES + 1; i++)
		vmid_free_(m, vm[i]);
	(void)vmid;
	return RLM_RMI_ERROR_INPUT;
}

static void m2_realm_create(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	x->x[0] = realm_create2_(m, a[0], a[1]);
}

/* smc_realm_activate: as 1.0 */
static void m2_realm_activate(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	struct mock_realm *r = mock_realm_of_(m, a[0]);

	if (!r)
		x->x[0] = RLM_RMI_ERROR_INPUT;
	else if (r->state != REALM_NEW)
		x->x[0] = RLM_RMI_ERROR_REALM;
	else {
		r->state = REALM_ACTIVE;
		x->x[0] = RLM_RMI_SUCCESS;
	}
}

/* smc_realm_terminate: any state to ZOMBIE once no REC is running (the
 * mock runs one call at a time: always). */
static void m2_realm_terminate(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	struct mock_realm *r = mock_realm_of_(m, a[0]);

	if (!r) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	r->state = REALM_ZOMBIE;
	x->x[0] = RLM_RMI_SUCCESS;
}

/* smc_realm_destroy: an RD (INPUT) without RECs (REALM), ZOMBIE (REALM),
 * root RTTs without references (REALM). */
static void m2_realm_destroy(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	struct mock_realm *r = mock_realm_of_(m, a[0]);
	uint32_t i, ri;

	if (!r) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	x->x[0] = RLM_RMI_ERROR_REALM;
	if (r->refcount || r->state != REALM_ZOMBIE)
		return;
	for (i = 0; i < r->num_roots; i++)
		if (m->rtts[r->roots[i]].refcount)
			return;
	vmid_free_(m, r->vmid);
	for (i = 0; i < r->num_aux_planes; i++) {
		uint32_t j;

		vmid_free_(m, r->aux_vmid[i]);
		for (j = 0; j < r->num_roots; j++)
			mock_gset_(m, r->aux_rtt_base[i] + (uint64_t)j * RLM_GRANULE_SIZE,
				   G_DELEGATED);
	}
	for (i = 0; i < r->num_roots; i++) {
		mock_gset_(m, m->rtts[r->roots[i]].pa, G_DELEGATED);
		mock_rtt_free_(m, r->roots[i]);
	}
	ri = (uint32_t)(r - m->realms);
	mock_h_del_(m->objh, m->objh_mask, mock_gidx_(m, a[0]));
	if (m->tok_owner != MOCK_NONE && m->recs[m->tok_owner].realm == ri)
		m->tok_owner = MOCK_NONE;
	mock_realm_free_(m, ri);
	mock_gset_(m, a[0], G_DELEGATED);
	x->x[0] = RLM_RMI_SUCCESS;
}


/* ---- RTTs (runtime/rmi/rtt.c, rtt_map.c) --------------------------------- */

/* A 1.0 handler whose checks and answers 2.0 keeps: the arguments back in
 * X1.. (the dispatch zeroed X1..X4). */
static void as_1_0_(mock_rmi_fn_ *fn, struct rlm_mock *m, const uint64_t *a,
		    struct rlm_smc_regs *x)
{
	unsigned int k;

	for (k = 0; k < M2_NARGS; k++)
		x->x[k + 1] = a[k];
	fn(m, x);
}

/* rtt_create / rtt_destroy / rtt_fold: the primary tree as in 1.0 (RD and
 * RTT granules, structure level and alignment, LPA2 width, the walk). */
static void m2_rtt_create(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	as_1_0_(mock_rmi_rtt_create_, m, a, x);
}

static void m2_rtt_destroy(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	as_1_0_(mock_rmi_rtt_destroy_, m, a, x);
}

static void m2_rtt_fold(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	as_1_0_(mock_rmi_rtt_fold_, m, a, x);
}

/* smc_rtt_read_entry: as 1.0, but an ASSIGNED DESTROYED entry reports its
 * output address (1.0 reported 0). */
static void m2_rtt_read_entry(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	as_1_0_(mock_rmi_rtt_read_entry_, m, a, x);
	if (x->x[0] == RLM_RMI_SUCCESS && x->x[2] == RLM_RMI_ASSIGNED &&
	    x->x[4] == RLM_RIPAS_DESTROYED) {
		struct mock_realm *r = mock_realm_of_(m, a[0]);
		struct mock_walk w;

		mock_walk_(m, r, a[1], (int)(int64_t)a[2], &w);
		x->x[3] = E_PAYLOAD(m->rtts[w.rtt].e[w.idx]);
	}
}

/* smc_rtt_init_ripas: measures nothing in 2.0; EMPTY entries, unassigned
 * or assigned, become RAM; RAM entries are passed over. */
static void m2_rtt_init_ripas(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	uint64_t base = a[1], top = a[2], size, addr;
	struct mock_realm *r;
	struct mock_walk w;
	struct mock_rtt *t;
	unsigned int i, ne;

	if (top <= base) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	r = mock_realm_of_(m, a[0]);
	if (!r || !mock_valid_map_addr_(r, base, 3) || !mock_valid_map_addr_(r, top, 3) ||
	    !mock_in_par_(r, base) || !mock_in_par_(r, top - RLM_GRANULE_SIZE)) {
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
		x->x[0] = mock_rtt_err_(w.level);
		return;
	}
	t = &m->rtts[w.rtt];
	mock_rtt_dirty_(m, w.rtt);
	ne = w.level < 0 ? 16 : MOCK_RTT_ENTRIES;
	for (i = w.idx; i < ne; i++) {
		uint64_t next = addr + size, e = t->e[i];
		unsigned int k = E_KIND(e);

		if (next > top)
			break;
		if ((k != K_UNASSIGNED && k != K_ASSIGNED) ||
		    (E_RIPAS(e) != RLM_RIPAS_EMPTY && E_RIPAS(e) != RLM_RIPAS_RAM))
			break;
		t->e[i] = E_MAKE(k, RLM_RIPAS_RAM, E_PAYLOAD(e));
		addr = next;
	}
	if (addr > base) {
		x->x[0] = RLM_RMI_SUCCESS;
		x->x[1] = addr;
	} else {
		x->x[0] = mock_rtt_err_(w.level);
	}
}

/* smc_rtt_data_map_init: flags, DATA = RD, the source page, the RD, NEW,
 * the IPA, the LPA2 width, the walk, an unassigned entry, DATA = the leaf
 * RTT, DATA DELEGATED; measured with the 1.0 DATA descriptor
 * (rlm_rim_rules(RLM_RMI_V2_0)). */
static uint64_t data_map_init_(struct rlm_mock *m, uint64_t rd, uint64_t data, uint64_t ipa,
			       uint64_t src, uint64_t flags)
{
	struct mock_realm *r;
	struct mock_walk w;
	uint64_t *e;

	if (flags != RLM_RMI_NO_MEASURE_CONTENT && flags != RLM_RMI_MEASURE_CONTENT)
		return RLM_RMI_ERROR_INPUT;
	if (data == rd || !mock_gis_(m, src, G_NS))
		return RLM_RMI_ERROR_INPUT;
	r = mock_realm_of_(m, rd);
	if (!r)
		return RLM_RMI_ERROR_INPUT;
	if (r->state != REALM_NEW)
		return RLM_RMI_ERROR_REALM;
	if (!mock_in_par_(r, ipa) || !mock_valid_map_addr_(r, ipa, 3))
		return RLM_RMI_ERROR_INPUT;
	if (!r->lpa2 && data >= (UINT64_C(1) << 48))
		return RLM_RMI_ERROR_INPUT;
	mock_walk_(m, r, ipa, 3, &w);
	if (w.level != 3)
		return mock_rtt_err_(w.level);
	e = &m->rtts[w.rtt].e[w.idx];
	if (E_KIND(*e) != K_UNASSIGNED && E_KIND(*e) != K_UNASSIGNED_NS)
		return mock_rtt_err_(3);
	if (data == m->rtts[w.rtt].pa || !mock_gis_(m, data, G_DELEGATED))
		return RLM_RMI_ERROR_INPUT;
	mock_rim_extend_data_(m, r, ipa, flags, src);
	mock_store_content_(m, data, src);
	*e = E_MAKE(K_ASSIGNED, RLM_RIPAS_RAM, data);
	m->rtts[w.rtt].refcount++;
	mock_rtt_dirty_(m, w.rtt);
	mock_gset_(m, data, G_DATA);
	return RLM_RMI_SUCCESS;
}

static void m2_rtt_data_map_init(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	x->x[0] = data_map_init_(m, a[0], a[1], a[2], a[3], a[4]);
}

/* smc_rtt_set_ripas: 2.0 first refuses a top not granule aligned (1.0
 * made progress up to the last whole entry); then as 1.0. */
static void m2_rtt_set_ripas(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	if (a[3] <= a[2] || (a[3] & RLM_GRANULE_MASK)) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	as_1_0_(mock_rmi_rtt_set_ripas_, m, a, x);
}


/* ---- multi-call operations (runtime/rmi/sro.c, lib/sro_context) -------- */

#define INCOMPLETE_(req, s) (RLM_RMI_INCOMPLETE | \
	RLM_FIELD_PREP(RLM_RMI2_RETURN_MEM_REQ, (req)) | \
	((s)->can_cancel ? RLM_RMI2_RETURN_CAN_CANCEL : 0))
#define RDESC_CNT_MAX 1023u

/* sro_ctx_reserve: the first FREE context (single-threaded: none RESERVED
 * outside a call, so none free means all sealed: BLOCKED). */
static struct mock_sro *sro_reserve_(struct rlm_mock *m, uint32_t cmd, uint64_t xfer,
				     uint32_t expected)
{
	uint32_t i;

	for (i = 0; i < MOCK_SRO_CTXS; i++) {
		struct mock_sro *s = &m->sro[i];

		if (s->state != SRO_FREE)
			continue;
		rlm_memset(s, 0, sizeof(*s));
		s->state = SRO_SEALED;	/* sealed when the call returns */
		s->cmd = cmd;
		s->transfer_req = xfer;
		s->expected = expected;
		s->mem_state = RLM_RMI_OP_MEM_DELEGATED;
		return s;
	}
	return NULL;
}

/* sro_ctx_find: a sealed context by handle */
static struct mock_sro *sro_find_(struct rlm_mock *m, uint64_t handle)
{
	if (handle >= MOCK_SRO_CTXS || m->sro[handle].state != SRO_SEALED)
		return NULL;
	return &m->sro[handle];
}

static uint64_t sro_handle_(const struct rlm_mock *m, const struct mock_sro *s)
{
	return (uint64_t)(s - m->sro);
}

/* rmi_op_donate_req_encode: the largest block size dividing the size */
static uint64_t donate_req_(uint64_t bytes, bool contig)
{
	int level;

	for (level = 0; level <= 3; level++) {
		uint64_t blk = UINT64_C(1) << mock_lvl_lsb_(level);

		if (bytes % blk || bytes / blk > 16383)
			continue;
		return RLM_FIELD_PREP(RLM_RMI_OP_DONATE_BLK_SIZE, 3 - level) |
		       RLM_FIELD_PREP(RLM_RMI_OP_DONATE_BLK_COUNT, bytes / blk) |
		       (contig ? RLM_RMI_OP_DONATE_MEM_CONTIG : 0);
	}
	return 0;
}

static uint64_t rdesc_blk_(uint64_t d)
{
	return UINT64_C(1) << mock_lvl_lsb_(3 - (int)RLM_FIELD_GET(RLM_RMI_ADDR_RDESC_4K_SZ, d));
}

/* sro_aux_op_start_reclaim: give back n granules, then answer err */
static void start_reclaim_(struct rlm_mock *m, struct mock_sro *s, struct rlm_smc_regs *x,
			   bool seal, uint64_t err, uint64_t n)
{
	s->cb = SRO_CB_RECLAIM;
	s->ret_err = err;
	s->requested = n;
	s->transferred = 0;
	x->x[0] = INCOMPLETE_(RLM_RMI_OP_MEM_REQ_RECLAIM, s);
	x->x[1] = seal ? sro_handle_(m, s) : 0;
	x->x[2] = 0;
}

/* addr_list_add_block for one 4 KiB granule: onto either end of a range */
static void out_add_(struct mock_sro *s, uint64_t pa)
{
	unsigned int i;

	for (i = 0; i < s->out_n; i++) {
		uint64_t d = s->out[i], base = d & RLM_RMI_ADDR_RDESC_4K_ADDR;
		uint64_t cnt = RLM_FIELD_GET(RLM_RMI_ADDR_RDESC_4K_CNT, d);

		if (cnt >= RDESC_CNT_MAX)
			continue;
		if (pa == base - RLM_GRANULE_SIZE) {
			s->out[i] = (d & ~RLM_RMI_ADDR_RDESC_4K_ADDR & ~RLM_RMI_ADDR_RDESC_4K_CNT) |
				    pa | RLM_FIELD_PREP(RLM_RMI_ADDR_RDESC_4K_CNT, cnt + 1);
			return;
		}
		if (pa == base + cnt * RLM_GRANULE_SIZE) {
			s->out[i] = (d & ~RLM_RMI_ADDR_RDESC_4K_CNT) |
				    RLM_FIELD_PREP(RLM_RMI_ADDR_RDESC_4K_CNT, cnt + 1);
			return;
		}
	}
	s->out[s->out_n++] = pa | RLM_FIELD_PREP(RLM_RMI_ADDR_RDESC_4K_CNT, 1);
}

/* sro_obj_memory_reclaim */
static void cb_reclaim_(struct rlm_mock *m, struct mock_sro *s, struct rlm_smc_regs *x)
{
	uint64_t n = s->requested < s->range_desc_count ? s->requested : s->range_desc_count, i;

	for (i = 0; i < n; i++) {
		uint64_t pa = s->aux[s->transferred + i];

		mock_gset_(m, pa, G_DELEGATED);
		out_add_(s, pa);
	}
	s->requested -= n;
	s->transferred += n;
	if (s->requested == 0) {
		x->x[0] = INCOMPLETE_(RLM_RMI_OP_MEM_REQ_NONE, s);
		s->cb = SRO_CB_FINISH;
	} else {
		x->x[0] = INCOMPLETE_(RLM_RMI_OP_MEM_REQ_RECLAIM, s);
	}
	x->x[1] = n;
	x->x[2] = 0;
}

/* sro_aux_op_reclaim_finish: the object granule back to DELEGATED */
static void cb_finish_(struct rlm_mock *m, struct mock_sro *s, struct rlm_smc_regs *x)
{
	mock_gset_(m, s->obj, G_DELEGATED);
	x->x[0] = s->ret_err;
	x->x[2] = 0;
}

/* sro_obj_memory_donate: the list (n descriptors in m->scratch) */
static void cb_donate_(struct rlm_mock *m, struct mock_sro *s, struct rlm_smc_regs *x,
		       uint32_t n)
{
	uint64_t done = 0;
	uint32_t i;

	for (i = 0; i < n; i++) {
		uint64_t d = rlm_get_le64(m->scratch + 8 * i), j;
		uint64_t cnt = RLM_FIELD_GET(RLM_RMI_ADDR_RDESC_4K_CNT, d);
		uint64_t base = d & RLM_RMI_ADDR_RDESC_4K_ADDR;

		for (j = 0; j < cnt; j++) {
			uint64_t pa = base + j * RLM_GRANULE_SIZE;

			if (!mock_gis_(m, pa, G_DELEGATED)) {
				if (done == 0) {
					start_reclaim_(m, s, x, false, RLM_RMI_ERROR_INPUT,
						       s->transferred);
					return;
				}
				goto stop;
			}
			mock_gset_(m, pa, G_REC_AUX);
			s->aux[s->transferred + done++] = pa;
		}
	}
stop:
	s->transferred += done;
	if (s->transferred < s->requested) {
		x->x[0] = INCOMPLETE_(RLM_RMI_OP_MEM_REQ_DONATE, s);
		x->x[2] = donate_req_((s->requested - s->transferred) * RLM_GRANULE_SIZE,
				      s->is_contig);
	} else {
		x->x[0] = INCOMPLETE_(RLM_RMI_OP_MEM_REQ_NONE, s);
		x->x[2] = 0;
		s->cb = SRO_CB_CREATE;
	}
	x->x[1] = done;
}

static void rec_create_continue_(struct rlm_mock *m, struct mock_sro *s,
				 struct rlm_smc_regs *x);

/* rmi_op_dispatch: the context's callback, then what its answer asks next */
static void sro_dispatch_(struct rlm_mock *m, struct mock_sro *s, uint32_t fid,
			  struct rlm_smc_regs *x, uint32_t ndesc)
{
	switch (s->cb) {
	case SRO_CB_DONATE: cb_donate_(m, s, x, ndesc); break;
	case SRO_CB_CREATE: rec_create_continue_(m, s, x); break;
	case SRO_CB_RECLAIM: cb_reclaim_(m, s, x); break;
	default: cb_finish_(m, s, x); break;
	}
	if (RLM_RMI_RETURN_STATUS(x->x[0]) == RLM_RMI_INCOMPLETE) {
		uint64_t req = RLM_FIELD_GET(RLM_RMI2_RETURN_MEM_REQ, x->x[0]);

		s->can_cancel = (x->x[0] & RLM_RMI2_RETURN_CAN_CANCEL) != 0;
		if (req == RLM_RMI_OP_MEM_REQ_DONATE) {
			s->transfer_req = rdesc_blk_(x->x[2] & RLM_RMI_OP_DONATE_BLK_SIZE) *
				RLM_FIELD_GET(RLM_RMI_OP_DONATE_BLK_COUNT, x->x[2]);
			s->is_contig = (x->x[2] & RLM_RMI_OP_DONATE_MEM_CONTIG) != 0;
			s->mem_state = (x->x[2] & RLM_RMI_OP_DONATE_MEM_STATE) ?
				RLM_RMI_OP_MEM_UNDELEGATED : RLM_RMI_OP_MEM_DELEGATED;
			s->expected = (uint32_t)RLM_SMC_RMI2_OP_MEM_DONATE;
		} else if (req == RLM_RMI_OP_MEM_REQ_RECLAIM) {
			s->expected = (uint32_t)RLM_SMC_RMI2_OP_MEM_RECLAIM;
		} else {
			s->expected = (uint32_t)RLM_SMC_RMI2_OP_CONTINUE;
		}
		if (req == RLM_RMI_OP_MEM_REQ_RECLAIM ||
		    (fid == (uint32_t)RLM_SMC_RMI2_OP_MEM_RECLAIM && x->x[1] > 0)) {
			s->reclaim_res = x->x[0];
			s->prev_exp = s->expected;
		}
	} else {
		s->expected = (uint32_t)RLM_SMC_RMI2_OP_CONTINUE;
	}
}

/* smc_op_mem_donate */
static void m2_op_mem_donate(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	struct mock_sro *s = sro_find_(m, a[0]);
	uint64_t list = a[1], cnt = a[2], off, total = 0;
	uint32_t i, valid = 0;
	const uint8_t *src;

	if (!s) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	x->x[0] = RLM_RMI_ERROR_INPUT;
	if (s->expected != (uint32_t)RLM_SMC_RMI2_OP_MEM_DONATE || (list & 7))
		return;
	off = (list & RLM_GRANULE_MASK) / 8;
	if (cnt > RLM_RMI_ADDR_LIST_MAX)
		cnt = RLM_RMI_ADDR_LIST_MAX;
	if (cnt + off > RLM_RMI_ADDR_LIST_MAX)
		cnt = RLM_RMI_ADDR_LIST_MAX - off;
	if (!mock_gis_(m, list & ~(uint64_t)RLM_GRANULE_MASK, G_NS))
		return;
	src = mock_ns_read_(m, list & ~(uint64_t)RLM_GRANULE_MASK);
	/* memmove: src is m->scratch itself for a pool granule with no content */
	rlm_memmove(m->scratch, src + off * 8, (size_t)cnt * 8);
	/* addr_list_validate */
	for (i = 0; i < cnt; i++) {
		uint64_t d = rlm_get_le64(m->scratch + 8 * i);
		uint64_t n = RLM_FIELD_GET(RLM_RMI_ADDR_RDESC_4K_CNT, d), blk = rdesc_blk_(d);

		if (!n)
			continue;
		if (s->is_contig && ++valid > 1)
			return;
		if ((d & RLM_RMI_ADDR_RDESC_4K_ADDR) & (blk - 1))
			return;
		if (((d & RLM_RMI_ADDR_RDESC_4K_ST) != 0) != (s->mem_state != 0))
			return;
		if (s->is_contig && (((blk * n) & (blk * n - 1)) ||
				     ((d & RLM_RMI_ADDR_RDESC_4K_ADDR) & (blk * n - 1))))
			return;
		total += blk * n;
	}
	if (total > s->transfer_req)
		return;
	if (s->is_contig && total && total != s->transfer_req)
		return;
	s->range_desc_count = cnt;
	s->list_output = 0;
	sro_dispatch_(m, s, (uint32_t)RLM_SMC_RMI2_OP_MEM_DONATE, x, (uint32_t)cnt);
}

/* smc_op_mem_reclaim */
static void m2_op_mem_reclaim(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	uint64_t list = a[1], cnt = a[2], off = (list & RLM_GRANULE_MASK) / 8, n, i;
	struct mock_sro *s;
	uint8_t *dst;

	if (cnt > RLM_RMI_ADDR_LIST_MAX)
		cnt = RLM_RMI_ADDR_LIST_MAX;
	if (cnt + off > RLM_RMI_ADDR_LIST_MAX)
		cnt = RLM_RMI_ADDR_LIST_MAX - off;
	s = sro_find_(m, a[0]);
	x->x[0] = RLM_RMI_ERROR_INPUT;
	if (!s || (list & 7) || s->expected != (uint32_t)RLM_SMC_RMI2_OP_MEM_RECLAIM)
		return;
	if (cnt == 0) {
		x->x[0] = INCOMPLETE_(RLM_RMI_OP_MEM_REQ_RECLAIM, s);
		return;
	}
	if (s->out_n == 0 || !s->list_output) {
		s->range_desc_count = cnt;
		s->list_output = 1;
		s->out_n = 0;
		sro_dispatch_(m, s, (uint32_t)RLM_SMC_RMI2_OP_MEM_RECLAIM, x, 0);
	}
	if (!s->out_n)
		return;
	s->expected = (uint32_t)RLM_SMC_RMI2_OP_MEM_RECLAIM;
	n = s->out_n < cnt ? s->out_n : cnt;
	if (!mock_gis_(m, list & ~(uint64_t)RLM_GRANULE_MASK, G_NS) ||
	    !(dst = rlm_mock_ns_ptr(m, list, (size_t)n * 8))) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		x->x[1] = 0;
		return;
	}
	for (i = 0; i < n; i++)
		rlm_put_le64(dst + 8 * i, s->out[i]);
	s->out_n = (uint8_t)(s->out_n - n);
	rlm_memmove(s->out, s->out + n, (size_t)s->out_n * 8);
	if (!s->out_n) {
		x->x[0] = s->reclaim_res;
		s->expected = s->prev_exp;
	} else {
		x->x[0] = INCOMPLETE_(RLM_RMI_OP_MEM_REQ_RECLAIM, s);
	}
	x->x[1] = n;
}

/* smc_op_continue: a finished operation frees its context */
static void m2_op_continue(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	struct mock_sro *s = sro_find_(m, a[0]);
	uint64_t st;

	if (!s || s->expected != (uint32_t)RLM_SMC_RMI2_OP_CONTINUE) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	s->flags = a[1];
	sro_dispatch_(m, s, (uint32_t)RLM_SMC_RMI2_OP_CONTINUE, x, 0);
	st = RLM_RMI_RETURN_STATUS(x->x[0]);
	if (st != RLM_RMI_INCOMPLETE && st != RLM_RMI_BUSY)
		s->state = SRO_FREE;
}

/* smc_op_cancel: REC_CREATE and REC_DESTROY, the only operations modelled,
 * reserve their contexts as not cancellable. */
static void m2_op_cancel(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	(void)sro_find_(m, a[0]);
	x->x[0] = RLM_RMI_ERROR_INPUT;
}


/* ---- RTT_DATA_UNMAP / RTT_UNPROT_UNMAP (runtime/rmi/rtt_unmap.c) -------- */

/* RmiRttUnmapFlags and RmiAddrType (smc-rmi.h at the pin) */
#define UNMAP_OADDR_TYPE RLM_GENMASK(1, 0)
#define UNMAP_LIST_COUNT RLM_GENMASK(15, 2)
#define ADDR_TYPE_NONE 0
#define ADDR_TYPE_SINGLE 1
#define ADDR_TYPE_LIST 2

/* validate_unmap_inputs, in its order; *lc the list capacity for LIST */
static bool unmap_inputs_ok_(const struct rlm_mock *m, const struct mock_realm *r,
			     uint64_t base, uint64_t top, uint64_t flags, uint64_t oaddr,
			     bool par, uint64_t *lc)
{
	uint64_t type = RLM_FIELD_GET(UNMAP_OADDR_TYPE, flags);
	uint64_t cnt = RLM_FIELD_GET(UNMAP_LIST_COUNT, flags), room;

	if (((base | top) & RLM_GRANULE_MASK) || top <= base)
		return false;
	if (!mock_valid_map_addr_(r, base, 3) || !mock_valid_map_addr_(r, top - RLM_GRANULE_SIZE, 3))
		return false;
	if (mock_in_par_(r, base) != par || mock_in_par_(r, top - RLM_GRANULE_SIZE) != par)
		return false;
	*lc = 0;
	switch (type) {
	case ADDR_TYPE_NONE:
	case ADDR_TYPE_SINGLE:
		return oaddr == 0 && cnt == 0;
	case ADDR_TYPE_LIST:
		if (cnt == 0 || (oaddr & 7) ||
		    !mock_gis_(m, oaddr & ~(uint64_t)RLM_GRANULE_MASK, G_NS))
			return false;
		room = RLM_RMI_ADDR_LIST_MAX - (oaddr & RLM_GRANULE_MASK) / 8;
		*lc = cnt < room ? cnt : room;
		return true;
	default:
		return false;
	}
}

/* addr_list_add_block onto an output list of at most max ranges, kept
 * little-endian in buf (m->scratch: one granule, 512 ranges) */
static bool out_list_add_(uint8_t *buf, uint32_t *n, uint32_t max, uint64_t pa,
			  int level, bool undelegated)
{
	uint64_t blk = mock_map_size_(level), st = undelegated ? RLM_RMI_ADDR_RDESC_4K_ST : 0;
	uint64_t sz = (uint64_t)(3 - level);
	uint32_t i;

	for (i = 0; i < *n; i++) {
		uint64_t d = rlm_get_le64(buf + 8 * i), b = d & RLM_RMI_ADDR_RDESC_4K_ADDR;
		uint64_t c = RLM_FIELD_GET(RLM_RMI_ADDR_RDESC_4K_CNT, d);

		if (rdesc_blk_(d) != blk || (d & RLM_RMI_ADDR_RDESC_4K_ST) != st || c >= RDESC_CNT_MAX)
			continue;
		if (pa == b - blk) {
			rlm_put_le64(buf + 8 * i,
				     (d & ~(RLM_RMI_ADDR_RDESC_4K_ADDR | RLM_RMI_ADDR_RDESC_4K_CNT)) |
				     pa | RLM_FIELD_PREP(RLM_RMI_ADDR_RDESC_4K_CNT, c + 1));
			return true;
		}
		if (pa == b + c * blk) {
			rlm_put_le64(buf + 8 * i, (d & ~RLM_RMI_ADDR_RDESC_4K_CNT) |
				     RLM_FIELD_PREP(RLM_RMI_ADDR_RDESC_4K_CNT, c + 1));
			return true;
		}
	}
	if (*n >= max)
		return false;
	rlm_put_le64(buf + 8 * (*n)++, pa | st | RLM_FIELD_PREP(RLM_RMI_ADDR_RDESC_4K_CNT, 1) |
		     RLM_FIELD_PREP(RLM_RMI_ADDR_RDESC_4K_SZ, sz));
	return true;
}

/* smc_rtt_data_unmap / smc_rtt_unprot_unmap: a context, the RD, the
 * inputs, the walk and alignment, then one sweep of the leaf table (the
 * model never yields: no interrupt is ever pending).  Allowed in every
 * realm state.  X1 the IPA reached, X2 the SINGLE range, X3 the LIST
 * entries written. */
enum { UNMAP_DATA, UNMAP_UNPROT, UNMAP_DEV };

static void unmap_(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x, int flavor)
{
	uint64_t base = a[1], top = a[2], flags = a[3], oaddr = a[4], lc = 0, addr, size, prev = ~(uint64_t)0;
	uint32_t type = (uint32_t)RLM_FIELD_GET(UNMAP_OADDR_TYPE, flags), n = 0, max, i, first;
	uint8_t *out = m->scratch;
	struct mock_realm *r;
	struct mock_walk w;
	struct mock_rtt *t;
	bool found = false, data = flavor != UNMAP_UNPROT;

	for (i = 0; i < MOCK_SRO_CTXS && !found; i++)
		found = m->sro[i].state == SRO_FREE;
	if (!found) {
		x->x[0] = RLM_RMI_BLOCKED;
		return;
	}
	x->x[0] = RLM_RMI_ERROR_INPUT;
	r = mock_realm_of_(m, a[0]);
	if (!r || !unmap_inputs_ok_(m, r, base, top, flags, oaddr, data, &lc))
		return;
	mock_walk_(m, r, base, 3, &w);
	size = mock_map_size_(w.level);
	if (base & (size - 1)) {
		x->x[0] = mock_rtt_err_(w.level);
		return;
	}
	max = type == ADDR_TYPE_LIST ? (uint32_t)lc : type == ADDR_TYPE_SINGLE ? 1 :
	      RLM_RMI_ADDR_LIST_MAX;
	t = &m->rtts[w.rtt];
	first = w.idx;
	addr = base;
	for (i = first; i < (w.level < 0 ? 16u : MOCK_RTT_ENTRIES); i++, addr += size) {
		uint64_t e = t->e[i], pa;
		unsigned int k = E_KIND(e);
		bool live = k == K_TABLE || k == (data ? K_ASSIGNED : K_ASSIGNED_NS);

		if (!live || k == K_TABLE || addr + size > top) {
			if (live || addr + size > top) {
				if (i == first) {
					x->x[0] = mock_rtt_err_(w.level);
					return;
				}
				break;
			}
			continue;
		}
		if (flavor == UNMAP_DEV) {	/* never assigned device memory */
			if (i == first) {
				x->x[0] = mock_rtt_err_(w.level);
				return;
			}
			break;
		}
		pa = data ? E_PAYLOAD(e) : mock_ns_desc_pa_(E_PAYLOAD(e), w.level, r->lpa2);
		if (type == ADDR_TYPE_SINGLE && prev != ~(uint64_t)0 && pa != prev + size)
			break;
		if (!out_list_add_(out, &n, max, pa, w.level, !data))
			break;
		if (data) {
			uint64_t g;

			/* the drain: DATA granules back to DELEGATED */
			for (g = 0; g < size; g += RLM_GRANULE_SIZE) {
				mock_page_drop_(m, pa + g);
				mock_gset_(m, pa + g, G_DELEGATED);
			}
			t->e[i] = E_MAKE(K_UNASSIGNED, E_RIPAS(e) == RLM_RIPAS_EMPTY ?
					 RLM_RIPAS_EMPTY : RLM_RIPAS_DESTROYED, 0);
			t->refcount--;
		} else {
			t->e[i] = E_MAKE(K_UNASSIGNED_NS, 0, 0);
		}
		mock_rtt_dirty_(m, w.rtt);
		prev = pa;
	}
	/* rtt_unmap_format_result */
	x->x[0] = RLM_RMI_SUCCESS;
	x->x[1] = addr;
	if (n && type == ADDR_TYPE_SINGLE) {
		x->x[2] = rlm_get_le64(out) & ~RLM_RMI_ADDR_RDESC_4K_ST;
	} else if (n && type == ADDR_TYPE_LIST) {
		uint8_t *dst = rlm_mock_ns_ptr(m, oaddr, (size_t)n * 8);

		for (i = 0; dst && i < n; i++)
			rlm_put_le64(dst + 8 * i, rlm_get_le64(out + 8 * i));
		x->x[3] = n;
	}
}

static void m2_rtt_data_unmap(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	unmap_(m, a, x, UNMAP_DATA);
}

static void m2_rtt_unprot_unmap(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	unmap_(m, a, x, UNMAP_UNPROT);
}


/* ---- RTT_DATA_MAP / RTT_UNPROT_MAP (runtime/rmi/rtt_map.c) --------------- */

/* RmiRttUnprotMapFlags beyond the common oaddr type and list count */
#define UNPROT_MEMATTR RLM_GENMASK(18, 16)
#define UNPROT_S2AP RLM_GENMASK(22, 19)
#define S2AP_DIRECT_WRITE RLM_BIT(0)
#define S2AP_DIRECT_READ RLM_BIT(1)

/* The input address list: descriptors in m->scratch, consumed in order. */
struct map_list_ {
	uint32_t n, cur;
	uint64_t left;	/* blocks left in descriptor cur */
	uint64_t next;	/* the next block's PA */
};

static uint64_t ml_desc_(const struct rlm_mock *m, uint32_t i)
{
	return rlm_get_le64(m->scratch + 8 * i);
}

static int desc_level_(uint64_t d)
{
	return 3 - (int)RLM_FIELD_GET(RLM_RMI_ADDR_RDESC_4K_SZ, d);
}

/* validate_map_inputs_common, in its order: the realm NEW or ACTIVE, the
 * range, the output address (SINGLE: a descriptor, LIST: the NS list), the
 * first descriptor's level (and state, for data), the base aligned to it
 * (level 1..3), the top in the IPA space, the half; then a range shorter
 * than one block is ERROR_RTT at that level. */
static uint64_t map_inputs_(struct rlm_mock *m, const struct mock_realm *r, uint64_t base,
			    uint64_t top, uint64_t flags, uint64_t oaddr, bool data,
			    struct map_list_ *l, int *level)
{
	uint64_t type = RLM_FIELD_GET(UNMAP_OADDR_TYPE, flags);
	uint64_t cnt = RLM_FIELD_GET(UNMAP_LIST_COUNT, flags), d;
	bool in_par;

	if (r->state != REALM_NEW && r->state != REALM_ACTIVE)
		return RLM_RMI_ERROR_REALM;
	if (top <= base)
		return RLM_RMI_ERROR_INPUT;
	if (type == ADDR_TYPE_SINGLE) {
		rlm_put_le64(m->scratch, oaddr);
		l->n = 1;
	} else if (type == ADDR_TYPE_LIST) {
		uint64_t off = oaddr & RLM_GRANULE_MASK, room = (RLM_GRANULE_SIZE - off) / 8;

		if (off & 7)
			return RLM_RMI_ERROR_INPUT;
		if (cnt > room)
			cnt = room;
		if (cnt == 0 || !mock_gis_(m, oaddr & ~(uint64_t)RLM_GRANULE_MASK, G_NS))
			return RLM_RMI_ERROR_INPUT;
		/* memmove: mock_ns_read_ may hand back m->scratch itself */
		rlm_memmove(m->scratch, mock_ns_read_(m, oaddr & ~(uint64_t)RLM_GRANULE_MASK) + off,
			   (size_t)cnt * 8);
		l->n = (uint32_t)cnt;
	} else {
		return RLM_RMI_ERROR_INPUT;
	}
	l->cur = 0;
	d = ml_desc_(m, 0);
	l->left = RLM_FIELD_GET(RLM_RMI_ADDR_RDESC_4K_CNT, d);
	l->next = d & RLM_RMI_ADDR_RDESC_4K_ADDR;
	*level = desc_level_(d);
	if (data && (d & RLM_RMI_ADDR_RDESC_4K_ST))
		return RLM_RMI_ERROR_INPUT;
	in_par = mock_in_par_(r, base) && mock_in_par_(r, top - RLM_GRANULE_SIZE);
	if (*level < RLM_RTT_MIN_BLOCK_LEVEL || !mock_valid_map_addr_(r, base, *level) ||
	    !mock_valid_map_addr_(r, top - RLM_GRANULE_SIZE, 3) || in_par != data)
		return RLM_RMI_ERROR_INPUT;
	if (top - base < mock_map_size_(*level))
		return mock_rtt_err_(*level);
	return RLM_RMI_SUCCESS;
}

/* map_pop_next_block */
static uint64_t map_pop_(struct rlm_mock *m, const struct mock_realm *r, struct map_list_ *l,
			 bool data, int level, uint64_t out_top, uint64_t top, uint64_t *pa)
{
	uint64_t d, size = mock_map_size_(level);

	while (l->left == 0) {
		if (++l->cur >= l->n)
			return RLM_RMI_ERROR_INPUT;
		d = ml_desc_(m, l->cur);
		l->left = RLM_FIELD_GET(RLM_RMI_ADDR_RDESC_4K_CNT, d);
		l->next = d & RLM_RMI_ADDR_RDESC_4K_ADDR;
	}
	d = ml_desc_(m, l->cur);
	*pa = l->next;
	l->next += mock_map_size_(desc_level_(d));
	l->left--;
	if (data && (d & RLM_RMI_ADDR_RDESC_4K_ST))
		return RLM_RMI_ERROR_INPUT;
	if (desc_level_(d) != level || out_top + size > top)
		return mock_rtt_err_(level);
	if (*pa & (size - 1))
		return RLM_RMI_ERROR_INPUT;
	if (!r->lpa2 && *pa + size > (UINT64_C(1) << 48))
		return RLM_RMI_ERROR_INPUT;
	return RLM_RMI_SUCCESS;
}

/* data_map_one_entry and its drain: an entry already assigned the same PA
 * is progress, another PA or a non-unassigned entry ERROR_RTT; the block's
 * granules go DELEGATED -> DATA (zeroed), one not DELEGATED rolls the
 * entry back: ERROR_INPUT.  The entry keeps its RIPAS. */
static uint64_t data_map_entry_(struct rlm_mock *m, struct mock_rtt *t, unsigned int i,
				uint64_t pa, int level)
{
	uint64_t e = t->e[i], size = mock_map_size_(level), g;

	if (E_KIND(e) == K_ASSIGNED)
		return E_PAYLOAD(e) == pa ? RLM_RMI_SUCCESS : mock_rtt_err_(level);
	if (E_KIND(e) != K_UNASSIGNED)
		return mock_rtt_err_(level);
	for (g = 0; g < size; g += RLM_GRANULE_SIZE)
		if (!mock_gis_(m, pa + g, G_DELEGATED))
			return RLM_RMI_ERROR_INPUT;
	for (g = 0; g < size; g += RLM_GRANULE_SIZE) {
		mock_page_drop_(m, pa + g);
		mock_gset_(m, pa + g, G_DATA);
	}
	t->e[i] = E_MAKE(K_ASSIGNED, E_RIPAS(e), pa);
	t->refcount++;
	return RLM_RMI_SUCCESS;
}

/* unprot_map_one_entry: host_ns_s2tte_is_valid (the reserved memory
 * attribute), then an unassigned NS entry, or the same mapping again */
static uint64_t unprot_map_entry_(struct mock_rtt *t, unsigned int i, uint64_t pa, int level,
				  uint64_t attrs, bool lpa2)
{
	uint64_t desc = mock_ns_pa_desc_(pa, lpa2) | attrs, e = t->e[i];

	if ((desc & MOCK_NS_MEMATTR_MASK) == MOCK_NS_MEMATTR_FWB_RESERVED)
		return RLM_RMI_ERROR_INPUT;
	if (E_KIND(e) != K_UNASSIGNED_NS)
		return E_KIND(e) == K_ASSIGNED_NS && E_PAYLOAD(e) == E_PAYLOAD(desc) ?
		       RLM_RMI_SUCCESS : mock_rtt_err_(level);
	t->e[i] = E_MAKE(K_ASSIGNED_NS, 0, desc);
	return RLM_RMI_SUCCESS;
}

/* smc_rtt_data_map / smc_rtt_unprot_map: (data: a context) the RD, the
 * inputs (unprot: the S2AP bits), the walk to the first block's level,
 * then block after block up to top; partial progress is SUCCESS with X1
 * the IPA reached.  The model never yields (no interrupt is pending). */
static void map_(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x, bool data)
{
	uint64_t base = a[1], top = a[2], flags = a[3], ret, out_top = base, attrs = 0;
	struct map_list_ l;
	struct mock_realm *r;
	struct mock_walk w;
	struct mock_rtt *t;
	unsigned int i;
	int level = 3;

	if (data) {
		for (i = 0; i < MOCK_SRO_CTXS && m->sro[i].state != SRO_FREE; i++)
			;
		if (i == MOCK_SRO_CTXS) {
			x->x[0] = RLM_RMI_BLOCKED;
			return;
		}
	}
	r = mock_realm_of_(m, a[0]);
	if (!r) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	ret = map_inputs_(m, r, base, top, flags, a[4], data, &l, &level);
	if (ret == RLM_RMI_SUCCESS && !data) {
		uint64_t s2ap = RLM_FIELD_GET(UNPROT_S2AP, flags);

		if (s2ap & ~(S2AP_DIRECT_READ | S2AP_DIRECT_WRITE))
			ret = RLM_RMI_ERROR_INPUT;
		attrs = (RLM_FIELD_GET(UNPROT_MEMATTR, flags) << 2) |
			((s2ap & S2AP_DIRECT_READ) ? RLM_BIT(6) : 0) |
			((s2ap & S2AP_DIRECT_WRITE) ? RLM_BIT(7) : 0);
	}
	if (ret != RLM_RMI_SUCCESS) {
		x->x[0] = ret;
		return;
	}
	mock_walk_(m, r, base, level, &w);
	if (w.level != level) {
		x->x[0] = mock_rtt_err_(w.level);
		return;
	}
	t = &m->rtts[w.rtt];
	for (i = w.idx; i < (level < 0 ? 16u : MOCK_RTT_ENTRIES); i++) {
		uint64_t pa = 0;

		ret = map_pop_(m, r, &l, data, level, out_top, top, &pa);
		if (ret != RLM_RMI_SUCCESS)
			break;
		ret = data ? data_map_entry_(m, t, i, pa, level)
			   : unprot_map_entry_(t, i, pa, level, attrs, r->lpa2);
		if (ret != RLM_RMI_SUCCESS)
			break;
		mock_rtt_dirty_(m, w.rtt);
		out_top += mock_map_size_(level);
	}
	/* map_partial_progress_finalize */
	if (out_top > base)
		ret = RLM_RMI_SUCCESS;
	if (ret == RLM_RMI_SUCCESS)
		x->x[1] = out_top;
	x->x[0] = ret;
}

static void m2_rtt_data_map(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	map_(m, a, x, true);
}

static void m2_rtt_unprot_map(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	map_(m, a, x, false);
}

/* ---- RECs (runtime/rmi/rec.c) --------------------------------------------- */

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

/* smc_rec_create: the REC granule DELEGATED, a context, then ask for the
 * MAX_REC_AUX_GRANULES aux granules; nothing else is looked at yet. */
static void m2_rec_create(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	struct mock_sro *s;

	if (!mock_gis_(m, a[1], G_DELEGATED)) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	s = sro_reserve_(m, (uint32_t)RLM_SMC_RMI2_REC_CREATE, MOCK_SRO_AUX * RLM_GRANULE_SIZE,
			 (uint32_t)RLM_SMC_RMI2_OP_MEM_DONATE);
	if (!s) {
		x->x[0] = RLM_RMI_BLOCKED;
		return;
	}
	mock_gset_(m, a[1], G_PARTIAL);
	s->rd = a[0];
	s->params = a[2];
	s->obj = a[1];
	s->cb = SRO_CB_DONATE;
	s->requested = MOCK_SRO_AUX;
	x->x[0] = INCOMPLETE_(RLM_RMI_OP_MEM_REQ_DONATE, s);
	x->x[2] = RLM_FIELD_PREP(RLM_RMI_OP_DONATE_BLK_COUNT, MOCK_SRO_AUX);
	x->x[1] = sro_handle_(m, s);
}

/* rec_create_continue: the parameter page, the REC (PARTIAL) and RD, the
 * RD's reference count, NEW, the MPIDR, the aux count; a failure gives
 * the donated granules back first. */
static uint64_t rec_create_check_(struct rlm_mock *m, struct mock_sro *s,
				  struct rlm_rec_params2 *p, struct mock_realm **rp)
{
	struct mock_realm *r;

	if (!mock_gis_(m, s->params, G_NS))
		return RLM_RMI_ERROR_INPUT;
	rlm_unpack_rec_params2(p, mock_ns_read_(m, s->params), RLM_GRANULE_SIZE);
	if (!mock_two_(m, s->obj, G_PARTIAL, s->rd, G_RD))
		return RLM_RMI_ERROR_INPUT;
	r = mock_realm_of_(m, s->rd);
	if (r->refcount == MOCK_REFCOUNT_MAX || r->state != REALM_NEW)
		return RLM_RMI_ERROR_REALM;
	if (!mpidr_valid_(p->mpidr) || mpidr_idx_(p->mpidr) != r->rec_count ||
	    s->transferred != r->num_rec_aux)
		return RLM_RMI_ERROR_INPUT;
	*rp = r;
	return RLM_RMI_SUCCESS;
}

static void rec_create_continue_(struct rlm_mock *m, struct mock_sro *s,
				 struct rlm_smc_regs *x)
{
	struct rlm_rec_params2 p;
	struct mock_realm *r = NULL;
	struct mock_rec *c;
	uint64_t ret = rec_create_check_(m, s, &p, &r);
	uint32_t i, ci = MOCK_NONE;

	if (ret == RLM_RMI_SUCCESS) {
		ci = mock_rec_alloc_(m);
		if (ci == MOCK_NONE) {
			m->capacity_exhausted = true;
			ret = RLM_RMI_ERROR_INPUT;
		}
	}
	if (ret != RLM_RMI_SUCCESS) {
		start_reclaim_(m, s, x, false, ret, s->transferred);
		return;
	}
	c = &m->recs[ci];
	rlm_memset(c, 0, sizeof(*c));
	c->used = 1;
	c->next_free = MOCK_NONE;
	c->pa = s->obj;
	c->mock = m;
	c->realm = (uint32_t)(r - m->realms);
	c->rec_idx = r->rec_count;
	c->num_aux = (uint32_t)s->transferred;
	for (i = 0; i < c->num_aux; i++)
		c->aux[i] = s->aux[i];
	for (i = 0; i < RLM_REC_CREATE_NR_GPRS; i++)
		c->regs[i] = p.gprs[i];
	c->runnable = (p.flags & RLM_REC_PARAMS_FLAG_RUNNABLE) != 0;
	if (c->runnable) {
		struct rlm_rim rim;

		rim.algo = (enum rlm_hash_algo)r->hash_algo;
		rlm_memcpy(rim.value, r->meas[0], RLM_HASH_MAX_SIZE);
		rlm_rim_extend_rec2(&rim, &p);
		rlm_memcpy(r->meas[0], rim.value, RLM_HASH_MAX_SIZE);
	}
	r->refcount++;
	r->rec_count++;
	mock_h_put_(m->objh, m->objh_mask, mock_gidx_(m, s->obj), ci);
	mock_gset_(m, s->obj, G_REC);
	x->x[0] = RLM_RMI_SUCCESS;
	x->x[1] = 0;
	x->x[2] = 0;
}

/* smc_rec_destroy: a context first, then the REC (the mock never runs one
 * during a call: not busy); the REC goes, its aux granules come back
 * through OP_MEM_RECLAIM, the REC granule with the final OP_CONTINUE. */
static void m2_rec_destroy(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	struct mock_sro *s = sro_reserve_(m, (uint32_t)RLM_SMC_RMI2_REC_DESTROY, 0,
					  (uint32_t)RLM_SMC_RMI2_OP_MEM_RECLAIM);
	struct mock_rec *c;
	uint32_t i;

	if (!s) {
		x->x[0] = RLM_RMI_BLOCKED;
		return;
	}
	c = mock_rec_of_(m, a[0]);
	if (!c) {
		s->state = SRO_FREE;
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	s->obj = a[0];
	for (i = 0; i < c->num_aux && i < MOCK_SRO_AUX; i++)
		s->aux[i] = c->aux[i];
	mock_rec_remove_(m, c);
	mock_gset_(m, a[0], G_PARTIAL);
	start_reclaim_(m, s, x, true, RLM_RMI_SUCCESS, i);
}

/* smc_psci_complete: both addresses granule aligned, then as 1.0 */
static void m2_psci_complete(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	if ((a[0] | a[1]) & RLM_GRANULE_MASK) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	as_1_0_(mock_rmi_psci_complete_, m, a, x);
}

/* runtime/rmi/run.c smc_rec_enter (mock-realm.c) */
static void m2_rec_enter(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	mock_rec_enter2_(m, a[0], a[1], x);
}


/* ---- features the model has not: device assignment, SMMUs, auxiliary
 * planes, GPT tables --------------------------------------------------------- */

/* pdev.c, vdev.c: every handler first refuses when DA is off
 * (is_rmi_feat_da_enabled(); FEATURES register 2 says DA_EN 0) with
 * SMC_NOT_SUPPORTED (-1, X1 0), psmmu.c with RMI_ERROR_NOT_SUPPORTED;
 * PDEV_STREAM_KEY_PURGE is RMI_ERROR_NOT_SUPPORTED whatever the platform */
#define M2_NO_DA_(verb) \
	static void m2_##verb(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x) \
	{ (void)m; (void)a; x->x[0] = RLM_SMCCC_NOT_SUPPORTED; }
#define M2_NO_DA_RMI_(verb) \
	static void m2_##verb(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x) \
	{ (void)m; (void)a; x->x[0] = RLM_RMI_ERROR_NOT_SUPPORTED; }
M2_NO_DA_(pdev_abort)
M2_NO_DA_(pdev_communicate)
M2_NO_DA_(pdev_create)
M2_NO_DA_(pdev_destroy)
M2_NO_DA_(pdev_get_state)
M2_NO_DA_(pdev_stream_key_refresh)
M2_NO_DA_(pdev_set_pubkey)
M2_NO_DA_(pdev_stop)
M2_NO_DA_(vdev_abort)
M2_NO_DA_(vdev_communicate)
M2_NO_DA_(vdev_create)
M2_NO_DA_(vdev_destroy)
M2_NO_DA_(vdev_get_state)
M2_NO_DA_(vdev_unlock)
M2_NO_DA_(vdev_complete)
M2_NO_DA_(vdev_get_interface_report)
M2_NO_DA_(vdev_get_measurements)
M2_NO_DA_(vdev_lock)
M2_NO_DA_(vdev_start)
M2_NO_DA_(pdev_stream_connect)
M2_NO_DA_(pdev_stream_disconnect)
M2_NO_DA_(pdev_stream_complete)
M2_NO_DA_RMI_(psmmu_activate)
M2_NO_DA_RMI_(psmmu_deactivate)
M2_NO_DA_RMI_(psmmu_st_l2_create)
M2_NO_DA_RMI_(psmmu_st_l2_destroy)
M2_NO_DA_RMI_(pdev_stream_key_purge)

/* rtt.c aux commands: the RD (and RTT) granules, then validate_aux_rtt_args
 * fails for a realm without auxiliary planes: ERROR_INPUT whatever comes */
#define M2_NO_AUX_(verb) \
	static void m2_##verb(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x) \
	{ (void)m; (void)a; x->x[0] = RLM_RMI_ERROR_INPUT; }
M2_NO_AUX_(rtt_aux_create)
M2_NO_AUX_(rtt_aux_destroy)
M2_NO_AUX_(rtt_aux_fold)
M2_NO_AUX_(rtt_aux_unmap_protected)
M2_NO_AUX_(rtt_aux_unmap_unprotected)

/* smc_rtt_aux_map_(un)protected check the realm state before the aux tree */
static void m2_rtt_aux_map_protected(struct rlm_mock *m, const uint64_t *a,
				     struct rlm_smc_regs *x);
static void m2_rtt_aux_map_unprotected(struct rlm_mock *m, const uint64_t *a,
				       struct rlm_smc_regs *x)
{
	m2_rtt_aux_map_protected(m, a, x);
}

static void m2_rtt_aux_map_protected(struct rlm_mock *m, const uint64_t *a,
				     struct rlm_smc_regs *x)
{
	struct mock_realm *r = mock_realm_of_(m, a[0]);

	x->x[0] = r && r->state != REALM_NEW && r->state != REALM_ACTIVE ?
		  RLM_RMI_ERROR_REALM : RLM_RMI_ERROR_INPUT;
}

/* smc_rtt_set_s2ap / smc_rtt_dev_validate: the range, the RD and REC, the
 * REC's realm; then the range must be the REC's pending request, and the
 * model's realms never make one (S2AP change, device memory): INPUT */
static void rec_request_(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	struct mock_rec *c;

	x->x[0] = RLM_RMI_ERROR_INPUT;
	if (a[3] <= a[2] || (a[3] & RLM_GRANULE_MASK) || !mock_two_(m, a[0], G_RD, a[1], G_REC))
		return;
	c = mock_rec_of_(m, a[1]);
	if (&m->realms[c->realm] != mock_realm_of_(m, a[0]))
		x->x[0] = RLM_RMI_ERROR_REC;
}

static void m2_rtt_set_s2ap(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	rec_request_(m, a, x);
}

static void m2_rtt_dev_validate(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	rec_request_(m, a, x);
}

/* smc_rtt_dev_map: a context, the RD, the realm NEW or ACTIVE
 * (validate_map_inputs_common), then inputs and the VDEV granule: there
 * is none in the model, so ERROR_INPUT */
static void m2_rtt_dev_map(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	struct mock_realm *r;
	uint32_t i;

	for (i = 0; i < MOCK_SRO_CTXS && m->sro[i].state != SRO_FREE; i++)
		;
	if (i == MOCK_SRO_CTXS) {
		x->x[0] = RLM_RMI_BLOCKED;
		return;
	}
	r = mock_realm_of_(m, a[0]);
	x->x[0] = r && r->state != REALM_NEW && r->state != REALM_ACTIVE ?
		  RLM_RMI_ERROR_REALM : RLM_RMI_ERROR_INPUT;
}

/* smc_rtt_dev_unmap: the unmap sweep of rtt_unmap.c whose first live entry
 * is never device memory in the model (ERROR_RTT there, a stop later) */
static void m2_rtt_dev_unmap(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	unmap_(m, a, x, UNMAP_DEV);
}

/* granule.c smc_gpt_l1_create: L1 tables are static at the pin */
static void m2_gpt_l1_create(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x)
{
	(void)m;
	x->x[0] = (a[0] & ((UINT64_C(1) << 30) - 1)) ? RLM_RMI_ERROR_INPUT : RLM_RMI_ERROR_GPT;
}

/* ---- not modelled -------------------------------------------------------- */

/* A command of the table the model does not implement yet: NOT_SUPPORTED
 * (SMCCC), never a silent success (docs/mock.md lists them). */
#define M2_NOT_MODELLED_(verb) \
	static void m2_##verb(struct rlm_mock *m, const uint64_t *a, struct rlm_smc_regs *x) \
	{ (void)m; (void)a; x->x[0] = RLM_SMCCC_NOT_SUPPORTED; }

M2_NOT_MODELLED_(vsmmu_create)
M2_NOT_MODELLED_(vsmmu_destroy)
M2_NOT_MODELLED_(vsmmu_map)
M2_NOT_MODELLED_(vsmmu_unmap)
M2_NOT_MODELLED_(psmmu_irq_notify)
M2_NOT_MODELLED_(granule_tracking_set)
M2_NOT_MODELLED_(gpt_l1_destroy)

/* ---- dispatch (runtime/core/handler.c handle_ns_smc) --------------------- */

#define M2_SLOT_(name, verb, in, out) \
	[RLM_SMC_RMI2_##name - RLM_SMC_RMI2_FIRST] = m2_##verb,
static mock_rmi2_fn_ *const m2_handlers_[] = {
	RLM_RMI2_COMMANDS(M2_SLOT_)
};

/* A row of the table without a handler at the pin (its in count -1, or
 * GRANULE_TRACKING_SET / GPT_L1_DESTROY): SMC_UNKNOWN, as for a gap. */
static bool m2_has_handler_(uint32_t fid)
{
	return fid != RLM_SMC_RMI2_VSMMU_CREATE && fid != RLM_SMC_RMI2_VSMMU_DESTROY &&
	       fid != RLM_SMC_RMI2_VSMMU_MAP && fid != RLM_SMC_RMI2_VSMMU_UNMAP &&
	       fid != RLM_SMC_RMI2_PSMMU_IRQ_NOTIFY &&
	       fid != RLM_SMC_RMI2_GRANULE_TRACKING_SET && fid != RLM_SMC_RMI2_GPT_L1_DESTROY;
}

void mock2_dispatch_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	uint32_t fid = (uint32_t)x->x[0] & ~(uint32_t)RLM_BIT(16); /* SVE hint */
	uint32_t i = fid - (uint32_t)RLM_SMC_RMI2_FIRST;
	uint64_t a[M2_NARGS];
	unsigned int k;

	for (k = 0; k < M2_NARGS; k++)
		a[k] = x->x[k + 1];
	for (k = 1; k <= 4; k++)
		x->x[k] = 0;
	if (i >= RLM_ARRAY_SIZE(m2_handlers_) || !m2_handlers_[i] || !m2_has_handler_(fid)) {
		x->x[0] = RLM_SMCCC_NOT_SUPPORTED;
		return;
	}
	switch (fid) {
	case RLM_SMC_RMI2_FEATURES:
	case RLM_SMC_RMI2_VERSION:
	case RLM_SMC_RMI2_RMM_CONFIG_GET:
	case RLM_SMC_RMI2_GRANULE_TRACKING_GET:
		break;
	case RLM_SMC_RMI2_RMM_CONFIG_SET:
	case RLM_SMC_RMI2_RMM_ACTIVATE:
		if (m->rmm2_active) {
			x->x[0] = RLM_RMI_ERROR_GLOBAL;
			return;
		}
		break;
	default:
		if (!m->rmm2_active) {
			x->x[0] = RLM_RMI_ERROR_GLOBAL;
			return;
		}
		break;
	}
	m2_handlers_[i](m, a, x);
}
