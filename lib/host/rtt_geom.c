/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RTT geometry.  The validity rules follow RMM 1.0 as checked in TF-RMM
 * rmm-spec-v1.0-rel0 (runtime/rmi/realm.c, runtime/rmi/rtt.c,
 * lib/s2tt/include/s2tt.h); see realm/rtt.h for the statement of them.
 */
#include <realm/rtt.h>
#include <realm/error.h>

/* Range of s2sz a start level can translate: [min, max], or false. */
static bool sl_ipa_range_(int sl, bool lpa2, unsigned int *min,
			  unsigned int *max)
{
	unsigned int below, lo, hi;

	if (sl < (lpa2 ? RLM_RTT_MIN_LEVEL_LPA2 : RLM_RTT_MIN_LEVEL) ||
	    sl > RLM_RTT_MAX_LEVEL)
		return false;
	/* Bits resolved below the start level, plus the page offset. */
	below = (unsigned int)(RLM_RTT_MAX_LEVEL - sl) * RLM_RTT_STRIDE +
		RLM_GRANULE_SHIFT;
	lo = below + 1;
	hi = below + (sl == RLM_RTT_MIN_LEVEL_LPA2 ? RLM_RTT_STRIDE_LM1 :
		      RLM_RTT_STRIDE);
	/* Up to 16 concatenated root tables: 4 more bits. */
	if (sl > 0 || (sl == 0 && lpa2))
		hi += 4;
	if (lo < RLM_RTT_MIN_IPA_BITS)
		lo = RLM_RTT_MIN_IPA_BITS;
	if (hi > (lpa2 ? RLM_RTT_MAX_IPA_BITS_LPA2 : RLM_RTT_MAX_IPA_BITS))
		hi = lpa2 ? RLM_RTT_MAX_IPA_BITS_LPA2 : RLM_RTT_MAX_IPA_BITS;
	if (lo > hi)
		return false;
	*min = lo;
	*max = hi;
	return true;
}

int rlm_rtt_num_root(unsigned int s2sz, int start_level, bool lpa2,
		     unsigned int *num_root)
{
	unsigned int lo, hi, one;

	if (!num_root)
		return RLM_EINVAL;
	if (!sl_ipa_range_(start_level, lpa2, &lo, &hi) || s2sz < lo ||
	    s2sz > hi)
		return RLM_ERANGE;
	/* Bits one root table resolves (with everything below it). */
	one = (unsigned int)(RLM_RTT_MAX_LEVEL - start_level + 1) *
		      RLM_RTT_STRIDE + RLM_GRANULE_SHIFT;
	*num_root = s2sz <= one ? 1u : 1u << (s2sz - one);
	return 0;
}

int rlm_rtt_geom_init(struct rlm_rtt_geom *g, unsigned int s2sz,
		      int start_level, bool lpa2)
{
	unsigned int n;
	int ret;

	if (!g)
		return RLM_EINVAL;
	ret = rlm_rtt_num_root(s2sz, start_level, lpa2, &n);
	if (ret)
		return ret;
	g->s2sz = s2sz;
	g->start_level = start_level;
	g->lpa2 = lpa2;
	g->num_root = n;
	/* Entries at the start level that the IPA space uses. */
	g->root_entries = (unsigned int)(UINT64_C(1) <<
		(s2sz - rlm_rtt_entry_shift(start_level)));
	return 0;
}

int rlm_rtt_geom_default(struct rlm_rtt_geom *g, unsigned int s2sz, bool lpa2)
{
	int sl;

	if (!g)
		return RLM_EINVAL;
	for (sl = RLM_RTT_MAX_LEVEL; sl >= RLM_RTT_MIN_LEVEL_LPA2; sl--)
		if (rlm_rtt_geom_init(g, s2sz, sl, lpa2) == 0)
			return 0;
	return RLM_ERANGE;
}

int rlm_rtt_geom_check_pa_bits(const struct rlm_rtt_geom *g,
			       unsigned int pa_bits)
{
	if (!g)
		return RLM_EINVAL;
	/* TF-RMM validate_ipa_bits_and_sl(): SL 0 is invalid below 44 PA
	 * bits (AArch64.S2InvalidSL with FEAT_TTST). */
	if (g->start_level == 0 && pa_bits < RLM_RTT_MIN_PA_BITS_SL0)
		return RLM_ERANGE;
	return 0;
}

int rlm_rtt_geom_from_params(struct rlm_rtt_geom *g,
			     const struct rlm_realm_params *p)
{
	int ret;

	if (!g || !p)
		return RLM_EINVAL;
	if (p->rtt_level_start < RLM_RTT_MIN_LEVEL_LPA2 ||
	    p->rtt_level_start > RLM_RTT_MAX_LEVEL)
		return RLM_ERANGE;
	ret = rlm_rtt_geom_init(g, p->s2sz, (int)p->rtt_level_start,
				(p->flags & RLM_RMI_REALM_PARAM_FLAG_LPA2) != 0);
	if (ret)
		return ret;
	if (p->rtt_num_start != g->num_root)
		return RLM_EMISMATCH;
	return 0;
}

int rlm_rtt_geom_to_params(const struct rlm_rtt_geom *g,
			   struct rlm_realm_params *p)
{
	if (!g || !p)
		return RLM_EINVAL;
	p->s2sz = g->s2sz;
	if (g->lpa2)
		p->flags |= RLM_RMI_REALM_PARAM_FLAG_LPA2;
	else
		p->flags &= ~RLM_RMI_REALM_PARAM_FLAG_LPA2;
	p->rtt_level_start = g->start_level;
	p->rtt_num_start = g->num_root;
	return 0;
}

int rlm_rtt_unprotected_alias(const struct rlm_rtt_geom *g, uint64_t ipa,
			      uint64_t *alias)
{
	if (!g || !alias)
		return RLM_EINVAL;
	if (!rlm_rtt_is_protected(g, ipa))
		return RLM_ERANGE;
	*alias = ipa | rlm_rtt_par_size(g);
	return 0;
}

int rlm_rtt_protected_of(const struct rlm_rtt_geom *g, uint64_t ipa,
			 uint64_t *prot)
{
	if (!g || !prot)
		return RLM_EINVAL;
	if (ipa < rlm_rtt_par_size(g) || ipa >= rlm_rtt_ipa_size(g))
		return RLM_ERANGE;
	*prot = ipa & ~rlm_rtt_par_size(g);
	return 0;
}

static bool level_ok_(const struct rlm_rtt_geom *g, int level)
{
	return level >= g->start_level && level <= RLM_RTT_MAX_LEVEL;
}

int rlm_rtt_index(const struct rlm_rtt_geom *g, uint64_t ipa, int level,
		  unsigned int *index)
{
	uint64_t i;

	if (!g || !index)
		return RLM_EINVAL;
	if (!level_ok_(g, level) || ipa >= rlm_rtt_ipa_size(g))
		return RLM_ERANGE;
	i = ipa >> rlm_rtt_entry_shift(level);
	if (level > g->start_level)
		i &= RLM_RTT_ENTRIES - 1;
	*index = (unsigned int)i;
	return 0;
}

bool rlm_rtt_aligned(const struct rlm_rtt_geom *g, uint64_t ipa, int level)
{
	if (!g || level < RLM_RTT_MIN_LEVEL_LPA2 || level > RLM_RTT_MAX_LEVEL)
		return false;
	return ipa < rlm_rtt_ipa_size(g) &&
	       (ipa & (rlm_rtt_entry_size(level) - 1)) == 0;
}

static int addr_check_(const struct rlm_rtt_geom *g, uint64_t ipa, int level)
{
	if (ipa >= rlm_rtt_ipa_size(g))
		return RLM_ERANGE;
	if (ipa & (rlm_rtt_entry_size(level) - 1))
		return RLM_EALIGN;
	return 0;
}

int rlm_rtt_check_structure(const struct rlm_rtt_geom *g, uint64_t ipa,
			    int level)
{
	if (!g)
		return RLM_EINVAL;
	if (level < g->start_level + 1 || level > RLM_RTT_MAX_LEVEL)
		return RLM_ERANGE;
	return addr_check_(g, ipa, level - 1);
}

int rlm_rtt_check_map(const struct rlm_rtt_geom *g, uint64_t ipa, int level)
{
	if (!g)
		return RLM_EINVAL;
	if (level < RLM_RTT_MIN_BLOCK_LEVEL || level > RLM_RTT_MAX_LEVEL)
		return RLM_ERANGE;
	return addr_check_(g, ipa, level);
}

int rlm_rtt_check_entry(const struct rlm_rtt_geom *g, uint64_t ipa, int level)
{
	if (!g)
		return RLM_EINVAL;
	if (!level_ok_(g, level))
		return RLM_ERANGE;
	return addr_check_(g, ipa, level);
}

int rlm_rtt_tables_for_range(const struct rlm_rtt_geom *g, uint64_t base,
			     uint64_t top, int level, uint64_t *count,
			     uint64_t per_level[5])
{
	uint64_t total = 0;
	int l;

	if (!g || !count)
		return RLM_EINVAL;
	if (!level_ok_(g, level) || base > top || top > rlm_rtt_ipa_size(g))
		return RLM_ERANGE;
	if ((base | top) & RLM_GRANULE_MASK)
		return RLM_EALIGN;
	if (per_level)
		for (l = 0; l < 5; l++)
			per_level[l] = 0;
	for (l = g->start_level + 1; l <= level && base < top; l++) {
		/* One table per (level - 1) entry the range touches. */
		unsigned int sh = rlm_rtt_entry_shift(l - 1);
		uint64_t n = ((top - 1) >> sh) - (base >> sh) + 1;

		if (per_level)
			per_level[l + 1] = n;
		total += n;
	}
	*count = total;
	return 0;
}
