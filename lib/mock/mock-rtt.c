/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The mock RMM's stage 2 tables and RIPAS: RTT_CREATE / DESTROY / FOLD,
 * RTT_MAP/UNMAP_UNPROTECTED, RTT_READ_ENTRY, RTT_INIT_RIPAS and
 * RTT_SET_RIPAS (and mock_set_ripas_, which the realm side shares).
 *
 * Each handler performs its checks in the order of the reference RMM,
 * TF-RMM tag rmm-spec-v1.0-rel0 (runtime/rmi/rtt.c, lib/s2tt/src/s2tt.c), which was read to establish that
 * order; the code here is our own model.
 */
#include "mock_int.h"

#include <core/bytes.h>

/* ---- RMI: RTTs ------------------------------------------------------------ */

static bool structure_args_ok_(const struct mock_realm *r, uint64_t addr, int64_t level)
{
	if (level < r->start_level + 1 || level > 3)
		return false;
	return mock_valid_map_addr_(r, addr, (int)level - 1);
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

	if (!mock_two_(m, rtt, G_DELEGATED, rd, G_RD))
		return RLM_RMI_ERROR_INPUT;
	r = mock_realm_of_(m, rd);
	if (!structure_args_ok_(r, addr, level))
		return RLM_RMI_ERROR_INPUT;
	if (!r->lpa2 && rtt >= (UINT64_C(1) << 48))
		return RLM_RMI_ERROR_INPUT;
	l = (int)level;
	mock_walk_(m, r, addr, l - 1, &w);
	if (w.level != l - 1)
		return mock_rtt_err_(w.level);
	pt = &m->rtts[w.rtt];
	pe = pt->e[w.idx];
	k = E_KIND(pe);
	if (k == K_TABLE)
		return mock_rtt_err_(l - 1);
	ri = (uint32_t)(r - m->realms);
	ci = mock_rtt_alloc_(m, rtt, l, ri);
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
		uint64_t attrs = E_PAYLOAD(pe) & MOCK_NS_ATTR_MASK;

		for (i = 0; i < MOCK_RTT_ENTRIES; i++)
			ct->e[i] = E_MAKE(K_ASSIGNED_NS, 0,
					  attrs | mock_ns_pa_desc_(pa + i * size, r->lpa2));
		pt->refcount++;
		break;
	}
	default:
		break;
	}
	pt->e[w.idx] = E_MAKE(K_TABLE, 0, ci);
	mock_rtt_dirty_(m, w.rtt);
	mock_rtt_dirty_(m, ci);
	mock_gset_(m, rtt, G_RTT);
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
	if (!mock_lvl_aligned_(base, level - 1, r->lpa2))
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
		if (ns && (E_PAYLOAD(e) & MOCK_NS_ATTR_MASK) != (E_PAYLOAD(e0) & MOCK_NS_ATTR_MASK))
			return false;
	}
	*first = base;
	return true;
}

void mock_rmi_rtt_fold_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	uint64_t rd = x->x[1], addr = x->x[2];
	int64_t level = (int64_t)x->x[3];
	struct mock_realm *r = mock_realm_of_(m, rd);
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
		x->x[0] = mock_rtt_err_(w.level);
		return;
	}
	pt = &m->rtts[w.rtt];
	pe = pt->e[w.idx];
	if (E_KIND(pe) != K_TABLE) {
		x->x[0] = mock_rtt_err_(l - 1);
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
				x->x[0] = mock_rtt_err_(w.level);
				return;
			}
			ne = e0;
		} else {
			x->x[0] = mock_rtt_err_(l);
			return;
		}
		pt->refcount--;
	} else if (ct->refcount == MOCK_RTT_ENTRIES) {
		if (l <= RLM_RTT_MIN_BLOCK_LEVEL) {
			x->x[0] = mock_rtt_err_(w.level);
			return;
		}
		if (!maps_block_(r, ct, l, K_ASSIGNED, &base)) {
			x->x[0] = mock_rtt_err_(l);
			return;
		}
		ne = E_MAKE(K_ASSIGNED, E_RIPAS(ct->e[0]), base);
	} else {
		x->x[0] = mock_rtt_err_(l);
		return;
	}
	x->x[0] = RLM_RMI_SUCCESS;
	x->x[1] = ct->pa;
	pt->e[w.idx] = ne;
	mock_rtt_dirty_(m, w.rtt);
	mock_gset_(m, ct->pa, G_DELEGATED);
	mock_rtt_free_(m, ci);
}

void mock_rmi_rtt_destroy_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	uint64_t rd = x->x[1], addr = x->x[2];
	int64_t level = (int64_t)x->x[3];
	struct mock_realm *r = mock_realm_of_(m, rd);
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
		x->x[0] = mock_rtt_err_(w.level);
		x->x[2] = mock_skip_non_live_(m, addr, &w);
		return;
	}
	ci = (uint32_t)E_PAYLOAD(pe);
	ct = &m->rtts[ci];
	if (ct->refcount) {
		x->x[0] = mock_rtt_err_(l);
		x->x[2] = mock_skip_non_live_(m, addr, &w);
		return;
	}
	x->x[0] = RLM_RMI_SUCCESS;
	x->x[1] = ct->pa;
	pt->e[w.idx] = mock_in_par_(r, addr) ? E_MAKE(K_UNASSIGNED, RLM_RIPAS_DESTROYED, 0)
					: E_MAKE(K_UNASSIGNED_NS, 0, 0);
	pt->refcount--;
	mock_rtt_dirty_(m, w.rtt);
	mock_gset_(m, ct->pa, G_DELEGATED);
	mock_rtt_free_(m, ci);
	x->x[2] = mock_skip_non_live_(m, addr, &w);
}

void mock_rmi_rtt_map_unprotected_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	uint64_t rd = x->x[1], addr = x->x[2], desc = x->x[4];
	int64_t level = (int64_t)x->x[3];
	struct mock_realm *r;
	struct mock_walk w;
	uint64_t *e;

	x->x[0] = RLM_RMI_ERROR_INPUT;
	if (level < RLM_RTT_MIN_BLOCK_LEVEL || level > 3)
		return;
	r = mock_realm_of_(m, rd);
	if (!r)
		return;
	/* host_ns_s2tte_is_valid */
	if ((desc & ~(mock_ns_lvl_mask_((int)level, r->lpa2) | MOCK_NS_ATTR_MASK)) ||
	    (desc & MOCK_NS_MEMATTR_MASK) == MOCK_NS_MEMATTR_FWB_RESERVED)
		return;
	if (!mock_valid_map_addr_(r, addr, (int)level) || mock_in_par_(r, addr))
		return;
	mock_walk_(m, r, addr, (int)level, &w);
	if (w.level != level) {
		x->x[0] = mock_rtt_err_(w.level);
		return;
	}
	e = &m->rtts[w.rtt].e[w.idx];
	if (E_KIND(*e) != K_UNASSIGNED_NS) {
		x->x[0] = mock_rtt_err_((int)level);
		return;
	}
	*e = E_MAKE(K_ASSIGNED_NS, 0, desc);
	mock_rtt_dirty_(m, w.rtt);
	x->x[0] = RLM_RMI_SUCCESS;
}

void mock_rmi_rtt_unmap_unprotected_(struct rlm_mock *m, struct rlm_smc_regs *x)
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
	r = mock_realm_of_(m, rd);
	if (!r || !mock_valid_map_addr_(r, addr, (int)level) || mock_in_par_(r, addr))
		return;
	mock_walk_(m, r, addr, (int)level, &w);
	e = &m->rtts[w.rtt].e[w.idx];
	if (w.level != level || E_KIND(*e) != K_ASSIGNED_NS) {
		x->x[0] = mock_rtt_err_(w.level);
	} else {
		*e = E_MAKE(K_UNASSIGNED_NS, 0, 0);
		mock_rtt_dirty_(m, w.rtt);
		x->x[0] = RLM_RMI_SUCCESS;
	}
	x->x[1] = mock_skip_non_live_(m, addr, &w);
}

void mock_rmi_rtt_read_entry_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	uint64_t rd = x->x[1], addr = x->x[2], e;
	int64_t level = (int64_t)x->x[3];
	struct mock_realm *r = mock_realm_of_(m, rd);
	struct mock_walk w;

	x->x[1] = x->x[2] = x->x[3] = x->x[4] = 0;
	if (!r || level < r->start_level || level > 3 ||
	    !mock_valid_map_addr_(r, addr, (int)level)) {
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
		x->x[3] = E_PAYLOAD(e) & (mock_ns_lvl_mask_(w.level, r->lpa2) | MOCK_NS_ATTR_MASK);
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

void mock_rmi_rtt_create_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	x->x[0] = rtt_create_(m, x->x[1], x->x[2], x->x[3], (int64_t)x->x[4]);
}

/* ---- RMI: RIPAS ------------------------------------------------------------ */

void mock_rmi_rtt_init_ripas_(struct rlm_mock *m, struct rlm_smc_regs *x)
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
	r = mock_realm_of_(m, rd);
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
		x->x[0] = mock_rtt_err_(w.level);
	}
}

/*
 * TF-RMM update_ripas: <0 stop, 0 done (changed or not).  A DESTROYED
 * entry without RSI_CHANGE_DESTROYED stops the walk on its way to RAM; on
 * its way to EMPTY it does so under 1.0 (rmm-spec-v1.0-rel0) but not under
 * 2.0 (TF-RMM 9a7f8ef turns unassigned and assigned DESTROYED entries
 * EMPTY whatever the flag).
 */
static int update_ripas_(uint64_t *ep, unsigned int want, bool cd, bool v2)
{
	uint64_t e = *ep;
	unsigned int k = E_KIND(e), rp = E_RIPAS(e);

	if (k != K_UNASSIGNED && k != K_ASSIGNED)
		return -1;
	if (rp == want)
		return 0;
	if (rp == RLM_RIPAS_DESTROYED && !cd && (want == RLM_RIPAS_RAM || !v2))
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
	if (!mock_valid_map_addr_(r, base, w.level)) {
		*out = mock_rtt_err_(w.level);
		return 0;
	}
	size = mock_map_size_(w.level);
	addr = base & ~(size - 1);
	t = &m->rtts[w.rtt];
	mock_rtt_dirty_(m, w.rtt);
	for (i = w.idx; i < MOCK_RTT_ENTRIES; i++) {
		if (addr + size > top)
			break;
		if (update_ripas_(&t->e[i], c->sr.ripas, c->sr.change_destroyed,
				 m->cfg.abi == RLM_RMI_V2_0) < 0)
			break;
		addr += size;
	}
	if (addr > base) {
		*out = RLM_RMI_SUCCESS;
		c->sr.addr = addr;
		return 1;
	}
	*out = mock_rtt_err_(w.level);
	return 0;
}

void mock_rmi_rtt_set_ripas_(struct rlm_mock *m, struct rlm_smc_regs *x)
{
	uint64_t rd = x->x[1], rec = x->x[2], base = x->x[3], top = x->x[4], st;
	struct mock_realm *r;
	struct mock_rec *c;

	x->x[1] = 0;
	if (top <= base || !mock_two_(m, rd, G_RD, rec, G_REC)) {
		x->x[0] = RLM_RMI_ERROR_INPUT;
		return;
	}
	r = mock_realm_of_(m, rd);
	c = mock_rec_of_(m, rec);
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
