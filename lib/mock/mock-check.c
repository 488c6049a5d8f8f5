/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The mock RMM's invariants: every granule in exactly one state and
 * claimed by exactly one owner, reference counts equal to the references
 * (RTT: table and assigned protected entries, as TF-RMM counts them; RD:
 * its RECs), every RTT and REC object reachable from a live realm, RTT
 * entries consistent with the half of IPA space they describe.
 */
#include "mock_int.h"

#include <rlm_config.h>

/*
 * The checker is not the code under test: in a fuzzing build (clang with
 * -fsanitize=fuzzer-no-link) it is left out of the coverage
 * instrumentation.  Its loops would otherwise add several hundred edges
 * and comparison hooks to every input, which libFuzzer then books as
 * features of each input (most of fuzz_mock's time), while the states they
 * reflect are already told apart by the RMI handlers' own coverage.  What
 * the checks verify is unchanged; only the fuzzer's feedback skips them.
 */
#if defined(__clang__) && __clang_major__ >= 13
#pragma clang attribute push(__attribute__((no_sanitize("coverage"))), apply_to = function)
#define MOCK_CHECK_NO_COVERAGE_ 1
#endif

struct ck_ {
	struct rlm_mock *m;
	char *why;
	size_t len;
	int bad;
};

static void put_str_(struct ck_ *k, size_t *pos, const char *s)
{
	while (*s && *pos + 1 < k->len)
		k->why[(*pos)++] = *s++;
}

static int fail_(struct ck_ *k, const char *msg, uint64_t v)
{
	static const char hex[] = "0123456789abcdef";
	size_t pos = 0;
	char num[19];
	int i, n = 0;

	if (k->bad++)
		return RLM_ESTATE;
	if (!k->why || !k->len)
		return RLM_ESTATE;
	put_str_(k, &pos, msg);
	num[n++] = ' ';
	num[n++] = '0';
	num[n++] = 'x';
	for (i = 15; i > 0 && !((v >> (4 * i)) & 0xf); i--)
		;
	for (; i >= 0; i--)
		num[n++] = hex[(v >> (4 * i)) & 0xf];
	num[n] = 0;
	put_str_(k, &pos, num);
	k->why[pos] = 0;
	return RLM_ESTATE;
}

/* Claim granule pa for an owner expecting state st. */
static void claim_(struct ck_ *k, uint64_t pa, int st, const char *what)
{
	uint64_t *e;

	if (mock_gidx_(k->m, pa) == UINT64_MAX) {
		fail_(k, what, pa);
		return;
	}
	e = mock_gh_entry_(k->m, pa);
	if (!e || (int)GH_STATE(*e) != st) {
		fail_(k, "granule in the wrong state for its owner:", pa);
		return;
	}
	if (*e & GH_MARK) {
		fail_(k, "granule claimed twice:", pa);
		return;
	}
	*e |= GH_MARK;
}

static void walk_rtt_(struct ck_ *k, const struct mock_realm *r, uint32_t ri,
		      uint32_t ti, int level, uint64_t base)
{
	struct rlm_mock *m = k->m;
	struct mock_rtt *t;
	uint64_t size = mock_map_size_(level), ipa_size = UINT64_C(1) << r->s2sz;
	uint64_t par = ipa_size >> 1;
	uint32_t refs = 0;
	unsigned int i;

	if (ti >= m->rtt_hi || !m->rtts[ti].used) {
		fail_(k, "table entry names a free RTT object:", ti);
		return;
	}
	t = &m->rtts[ti];
	if (t->mark) {
		fail_(k, "RTT reachable twice:", t->pa);
		return;
	}
	t->mark = 1;
	if (t->level != level || t->realm != ri)
		fail_(k, "RTT level or owner inconsistent:", t->pa);
	claim_(k, t->pa, G_RTT, "RTT outside tracked memory:");
	for (i = 0; i < MOCK_RTT_ENTRIES && !k->bad; i++) {
		uint64_t e = t->e[i], ipa = base + (uint64_t)i * size;
		unsigned int kind = E_KIND(e);

		if ((level < 0 && i >= 16) || ipa >= ipa_size || (i && ipa == 0)) {
			if (e)
				fail_(k, "entry beyond the IPA space is set:", t->pa);
			continue;
		}
		switch (kind) {
		case K_UNASSIGNED:
		case K_ASSIGNED:
			if (ipa >= par)
				fail_(k, "protected entry in the unprotected half:", ipa);
			if (E_RIPAS(e) > RLM_RIPAS_DESTROYED)
				fail_(k, "bad RIPAS at:", ipa);
			if (kind == K_UNASSIGNED) {
				if (E_PAYLOAD(e))
					fail_(k, "unassigned entry with an address:", ipa);
				break;
			}
			if (level < RLM_RTT_MIN_BLOCK_LEVEL)
				fail_(k, "block below level 1 at:", ipa);
			refs++;
			{
				uint64_t pa = E_PAYLOAD(e), g;

				if (pa & (size - 1))
					fail_(k, "misaligned block at:", ipa);
				for (g = 0; g < size && !k->bad; g += RLM_GRANULE_SIZE)
					claim_(k, pa + g, G_DATA, "data outside tracked memory:");
			}
			break;
		case K_UNASSIGNED_NS:
		case K_ASSIGNED_NS:
			if (ipa < par)
				fail_(k, "NS entry in the protected half:", ipa);
			if (kind == K_UNASSIGNED_NS && E_PAYLOAD(e))
				fail_(k, "unassigned NS entry with a descriptor:", ipa);
			if (kind == K_ASSIGNED_NS && level < RLM_RTT_MIN_BLOCK_LEVEL)
				fail_(k, "NS block below level 1 at:", ipa);
			break;
		case K_TABLE:
			if (level >= 3) {
				fail_(k, "table entry at level 3:", ipa);
				break;
			}
			refs++;
			walk_rtt_(k, r, ri, (uint32_t)E_PAYLOAD(e), level + 1, ipa);
			break;
		default:
			fail_(k, "unknown entry kind at:", ipa);
		}
	}
	if (!k->bad && refs != t->refcount)
		fail_(k, "RTT refcount differs from its live entries:", t->pa);
}

/* Realms and RECs (no RTT walk): cheap, run by both checks. */
static void check_objects_(struct ck_ *k, bool claim, uint64_t *nrealms)
{
	struct rlm_mock *m = k->m;
	uint32_t i, j, naux = 0, nrec = 0, npart = 0, nauxroot = 0;

	*nrealms = 0;
	for (i = 0; i < m->realm_hi && !k->bad; i++) {
		struct mock_realm *r = &m->realms[i];
		uint32_t recs = 0;

		if (!r->used)
			continue;
		(*nrealms)++;
		if (claim)
			claim_(k, r->rd, G_RD, "RD outside tracked memory:");
		else if (!mock_gis_(m, r->rd, G_RD))
			fail_(k, "granule in the wrong state for its owner:", r->rd);
		if (mock_obj_find_(m, r->rd) != i)
			fail_(k, "RD not found by its address:", r->rd);
		/* (a VMID reused under the host-build quirk may have been
		 * released by the other realm: only reserved => some realm) */
		if (!((m->vmids[r->vmid / 64] >> (r->vmid % 64)) & 1) &&
		    (m->cfg.vmid_strict || r->vmid % 64 < 16))
			fail_(k, "realm VMID not reserved:", r->vmid);
		if (r->state > (m->cfg.abi == RLM_RMI_V2_0 ? REALM_ZOMBIE : REALM_SYSTEM_OFF))
			fail_(k, "bad realm state:", r->rd);
		/* 2.0: the auxiliary planes' root tables */
		for (j = 0; j < (uint32_t)r->num_aux_planes * r->num_roots && !k->bad; j++) {
			uint64_t pa = r->aux_rtt_base[j / r->num_roots] +
				      (uint64_t)(j % r->num_roots) * RLM_GRANULE_SIZE;

			if (claim)
				claim_(k, pa, G_AUX_ROOT, "aux root RTT outside tracked memory:");
			else if (!mock_gis_(m, pa, G_AUX_ROOT))
				fail_(k, "granule in the wrong state for its owner:", pa);
			nauxroot++;
		}
		for (j = 0; j < m->rec_hi; j++)
			if (m->recs[j].used && m->recs[j].realm == i)
				recs++;
		if (!k->bad && recs != r->refcount)
			fail_(k, "RD refcount differs from its RECs:", r->rd);
	}
	for (i = 0; i < m->rec_hi && !k->bad; i++) {
		struct mock_rec *c = &m->recs[i];

		if (!c->used)
			continue;
		nrec++;
		if (c->realm >= m->realm_hi || !m->realms[c->realm].used) {
			fail_(k, "REC of a destroyed realm:", c->pa);
			break;
		}
		if (c->rec_idx >= m->realms[c->realm].rec_count)
			fail_(k, "REC index beyond the realm's REC count:", c->pa);
		if (claim)
			claim_(k, c->pa, G_REC, "REC outside tracked memory:");
		else if (!mock_gis_(m, c->pa, G_REC))
			fail_(k, "granule in the wrong state for its owner:", c->pa);
		if (mock_obj_find_(m, c->pa) != i)
			fail_(k, "REC not found by its address:", c->pa);
		for (j = 0; j < c->num_aux && !k->bad; j++) {
			if (claim)
				claim_(k, c->aux[j], G_REC_AUX, "REC aux outside tracked memory:");
			else if (!mock_gis_(m, c->aux[j], G_REC_AUX))
				fail_(k, "granule in the wrong state for its owner:", c->aux[j]);
		}
		naux += c->num_aux;
	}
	/* 2.0: a sealed operation owns its PARTIAL object granule and the aux
	 * granules donated and not yet given back */
	for (i = 0; m->sro && i < MOCK_SRO_CTXS && !k->bad; i++) {
		const struct mock_sro *s = &m->sro[i];
		uint64_t lo = 0, hi = 0, a;

		if (s->state != SRO_SEALED)
			continue;
		npart++;
		if (claim)
			claim_(k, s->obj, G_PARTIAL, "operation object outside tracked memory:");
		else if (!mock_gis_(m, s->obj, G_PARTIAL))
			fail_(k, "granule in the wrong state for its owner:", s->obj);
		if (s->cb == SRO_CB_DONATE || s->cb == SRO_CB_CREATE) {
			hi = s->transferred;
		} else if (s->cb == SRO_CB_RECLAIM) {
			lo = s->transferred;
			hi = s->transferred + s->requested;
		}
		if (hi > MOCK_SRO_AUX) {
			fail_(k, "operation holds too many aux granules:", s->obj);
			break;
		}
		for (a = lo; a < hi && !k->bad; a++) {
			if (claim)
				claim_(k, s->aux[a], G_REC_AUX, "REC aux outside tracked memory:");
			else if (!mock_gis_(m, s->aux[a], G_REC_AUX))
				fail_(k, "granule in the wrong state for its owner:", s->aux[a]);
		}
		naux += (uint32_t)(hi - lo);
	}
	if (k->bad)
		return;
	if (*nrealms != m->nrealms || nrec != m->nrecs)
		fail_(k, "object arena count wrong:", nrec);
	/* every granule in an owned state has an owner: counted */
	else if (m->gcount[G_RD] != *nrealms)
		fail_(k, "granule state without an owner, RDs:", m->gcount[G_RD]);
	else if (m->gcount[G_REC] != nrec)
		fail_(k, "granule state without an owner, RECs:", m->gcount[G_REC]);
	else if (m->gcount[G_REC_AUX] != naux)
		fail_(k, "granule state without an owner, REC aux:", m->gcount[G_REC_AUX]);
	else if (m->gcount[G_RTT] != m->rtts_used)
		fail_(k, "granule state without an owner, RTTs:", m->gcount[G_RTT]);
	else if (m->gcount[G_PARTIAL] != npart)
		fail_(k, "granule state without an owner, operations:", m->gcount[G_PARTIAL]);
	else if (m->gcount[G_AUX_ROOT] != nauxroot)
		fail_(k, "granule state without an owner, aux roots:", m->gcount[G_AUX_ROOT]);
}

/* Every reserved VMID belongs to a live realm: the reserved bits (within
 * the first words words) equal the distinct reserved VMIDs of the realms. */
static void check_vmids_(struct ck_ *k, uint64_t nrealms, uint32_t words)
{
	struct rlm_mock *m = k->m;
	uint64_t nbits = 0, nowned = 0;
	uint32_t i, j;

	for (i = 0; i < words; i++) {
		uint64_t v = m->vmids[i];

		for (; v; v &= v - 1)
			nbits++;
	}
	for (i = 0; i < m->realm_hi; i++) {
		unsigned int vmid = m->realms[i].vmid;

		if (!m->realms[i].used || !((m->vmids[vmid / 64] >> (vmid % 64)) & 1))
			continue;
		for (j = 0; j < i; j++)
			if (m->realms[j].used && m->realms[j].vmid == vmid)
				break;
		if (j == i)
			nowned++;
		/* 2.0: the planes' VMIDs, allocated distinct by the RMM */
		nowned += m->realms[i].num_aux_planes;
		nrealms += m->realms[i].num_aux_planes;
	}
	if (!k->bad && nbits != nowned)
		fail_(k, "VMID reserved without a realm:", nbits - nowned);
	if (!k->bad && nbits > nrealms)
		fail_(k, "more VMIDs reserved than realms:", nbits);
	if (!k->bad && m->capacity_exhausted)
		fail_(k, "model capacity exhausted (raise max_*):", 0);
}

static int check_(struct ck_ *k)
{
	struct rlm_mock *m = k->m;
	uint64_t pool_nonns = 0, nrealms = 0, *gh;
	uint32_t i, j, nrtt = 0, ngh, nent = 0;

	for (i = 0; i < m->realm_hi && !k->bad; i++) {
		struct mock_realm *r = &m->realms[i];
		uint64_t sl = mock_map_size_(r->start_level);

		if (!r->used)
			continue;
		for (j = 0; j < r->num_roots && !k->bad; j++)
			walk_rtt_(k, r, i, r->roots[j], r->start_level,
				  (uint64_t)j * sl * (r->start_level < 0 ? 16 : MOCK_RTT_ENTRIES));
	}
	check_objects_(k, true, &nrealms);
	for (i = 0; i < m->rtt_hi && !k->bad; i++) {
		if (!m->rtts[i].used)
			continue;
		nrtt++;
		if (!m->rtts[i].mark)
			fail_(k, "RTT not reachable from a live realm:", m->rtts[i].pa);
	}
	if (!k->bad && nrtt != m->rtts_used)
		fail_(k, "RTT arena count wrong:", nrtt);
	gh = mock_gh_slots_(m, &ngh);
	for (i = 0; i < ngh && !k->bad; i++) {
		uint64_t s = gh[i], gi;
		unsigned int st = GH_STATE(s);

		if (!s)
			continue;
		nent++;
		gi = GH_KEY(s) - 1;
		if (st == G_NS || st >= G_NSTATES)
			fail_(k, "granule in an unknown state, index", gi);
		else if (st >= G_RD && !(s & GH_MARK))
			fail_(k, "granule state without an owner, index", gi);
		if (gi < m->cfg.pool_granules)
			pool_nonns++;
	}
	if (!k->bad && nent != m->gh_count)
		fail_(k, "granule hash count wrong:", nent);
	if (!k->bad && pool_nonns != m->pool_delegated)
		fail_(k, "delegated count wrong:", pool_nonns);
	/* realm_create refuses VMIDs beyond the configured width */
	check_vmids_(k, nrealms, (UINT32_C(1) << m->cfg.vmid_bits) / 64);
	return k->bad ? RLM_ESTATE : 0;
}

/* One RTT on its own: what the full walk checks of it, without claims. */
static void check_rtt_local_(struct ck_ *k, uint32_t ti)
{
	struct rlm_mock *m = k->m;
	const struct mock_rtt *t = &m->rtts[ti];
	const struct mock_realm *r;
	uint64_t size, ipa_size, par, base = 0;
	uint32_t refs = 0;
	unsigned int i;
	int level;

	if (!t->used)
		return;		/* freed in this call */
	if (t->realm >= m->realm_hi || !m->realms[t->realm].used) {
		fail_(k, "RTT of a destroyed realm:", t->pa);
		return;
	}
	r = &m->realms[t->realm];
	level = t->level;
	if (level < r->start_level || level > 3) {
		fail_(k, "RTT level or owner inconsistent:", t->pa);
		return;
	}
	if (!mock_gis_(m, t->pa, G_RTT))
		fail_(k, "granule in the wrong state for its owner:", t->pa);
	size = mock_map_size_(level);
	ipa_size = UINT64_C(1) << r->s2sz;
	par = ipa_size >> 1;
	/* the table's base IPA is not stored: the entries' protected/NS
	 * half is checked by the full walk only */
	(void)par;
	(void)base;
	for (i = 0; i < MOCK_RTT_ENTRIES && !k->bad; i++) {
		uint64_t e = t->e[i];
		unsigned int kind = E_KIND(e);

		if (level < 0 && i >= 16) {
			if (e)
				fail_(k, "entry beyond the IPA space is set:", t->pa);
			continue;
		}
		switch (kind) {
		case K_UNASSIGNED:
		case K_ASSIGNED:
			if (E_RIPAS(e) > RLM_RIPAS_DESTROYED)
				fail_(k, "bad RIPAS in RTT:", t->pa);
			if (kind == K_UNASSIGNED) {
				if (E_PAYLOAD(e))
					fail_(k, "unassigned entry with an address:", t->pa);
				break;
			}
			if (level < RLM_RTT_MIN_BLOCK_LEVEL)
				fail_(k, "block below level 1 in RTT:", t->pa);
			refs++;
			{
				uint64_t pa = E_PAYLOAD(e), g;

				if (pa & (size - 1))
					fail_(k, "misaligned block in RTT:", t->pa);
				for (g = 0; g < size && !k->bad; g += RLM_GRANULE_SIZE)
					if (!mock_gis_(m, pa + g, G_DATA))
						fail_(k, "granule in the wrong state for its owner:",
						      pa + g);
			}
			break;
		case K_UNASSIGNED_NS:
		case K_ASSIGNED_NS:
			if (kind == K_UNASSIGNED_NS && E_PAYLOAD(e))
				fail_(k, "unassigned NS entry with a descriptor:", t->pa);
			if (kind == K_ASSIGNED_NS && level < RLM_RTT_MIN_BLOCK_LEVEL)
				fail_(k, "NS block below level 1 in RTT:", t->pa);
			break;
		case K_TABLE: {
			uint32_t ci = (uint32_t)E_PAYLOAD(e);

			if (level >= 3) {
				fail_(k, "table entry at level 3 in RTT:", t->pa);
				break;
			}
			refs++;
			if (ci >= m->rtt_hi || !m->rtts[ci].used)
				fail_(k, "table entry names a free RTT object:", ci);
			else if (m->rtts[ci].level != level + 1 || m->rtts[ci].realm != t->realm)
				fail_(k, "RTT level or owner inconsistent:", m->rtts[ci].pa);
			break;
		}
		default:
			fail_(k, "unknown entry kind in RTT:", t->pa);
		}
	}
	if (!k->bad && refs != t->refcount)
		fail_(k, "RTT refcount differs from its live entries:", t->pa);
}

static int check_changed_(struct ck_ *k)
{
	struct rlm_mock *m = k->m;
	uint64_t nrealms;
	uint32_t i;

	for (i = 0; i < m->ndirty_rtt && !k->bad; i++)
		check_rtt_local_(k, m->dirty_rtt[i]);
	if (!k->bad)
		check_objects_(k, false, &nrealms);
	if (!k->bad && m->gcount[G_NS] != 0)
		fail_(k, "granule hash holds an undelegated granule:", m->gcount[G_NS]);
	if (!k->bad && (m->gh_count > m->gh_max ||
			m->pool_delegated + m->gh_ns != m->gh_count))
		fail_(k, "delegated count wrong:", m->pool_delegated);
	if (!k->bad)
		check_vmids_(k, nrealms, (UINT32_C(1) << m->cfg.vmid_bits) / 64);
	return k->bad ? RLM_ESTATE : 0;
}

int rlm_mock_check(const struct rlm_mock *cm, char *why, size_t why_len)
{
	struct ck_ k;
	uint64_t *gh;
	uint32_t i, ngh;
	int ret;

	if (!cm)
		return RLM_EINVAL;
	/* The check marks granules and RTTs in place and clears the marks
	 * before returning: logically const. */
	k.m = (struct rlm_mock *)(uintptr_t)cm;
	k.why = why;
	k.len = why_len;
	k.bad = 0;
	if (why && why_len)
		why[0] = 0;
	ret = check_(&k);
	gh = mock_gh_slots_(k.m, &ngh);
	for (i = 0; i < ngh; i++)
		gh[i] &= ~GH_MARK;
	for (i = 0; i < k.m->rtt_hi; i++)
		k.m->rtts[i].mark = 0;
	return ret;
}

int rlm_mock_check_changed(const struct rlm_mock *cm, char *why, size_t why_len)
{
	struct ck_ k;

	if (!cm)
		return RLM_EINVAL;
	if (cm->full_checks || cm->dirty_lost)
		return rlm_mock_check(cm, why, why_len);
	k.m = (struct rlm_mock *)(uintptr_t)cm;
	k.why = why;
	k.len = why_len;
	k.bad = 0;
	if (why && why_len)
		why[0] = 0;
	return check_changed_(&k);
}

void rlm_mock_set_full_checks(struct rlm_mock *m, bool full)
{
	if (m)
		m->full_checks = full;
}

void rlm_mock_set_violation_handler(struct rlm_mock *m,
				    void (*fn)(void *arg, const char *why), void *arg)
{
	if (!m)
		return;
	m->violation_fn = fn;
	m->violation_arg = arg;
}

bool rlm_mock_violated(const struct rlm_mock *m)
{
	return m && m->violation;
}

void mock_after_call_(struct rlm_mock *m, struct rlm_smc_regs *regs)
{
#if RLM_MOCK_CHECK_INVARIANTS
	char why[160];

	if (rlm_mock_check_changed(m, why, sizeof(why)) == 0)
		return;
	m->violation = true;
	if (m->violation_fn)
		m->violation_fn(m->violation_arg, why);
	regs->x[0] = RLM_MOCK_X0_INVARIANT_VIOLATION;
#else
	(void)m;
	(void)regs;
#endif
}

#ifdef MOCK_CHECK_NO_COVERAGE_
#pragma clang attribute pop
#endif
