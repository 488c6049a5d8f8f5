/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stage-2 (RTT) geometry of a realm, 4 KiB granules: which (s2sz, start
 * level, LPA2) combinations are valid, how many levels and concatenated
 * root tables they imply, entry sizes, table indices, the protected /
 * unprotected split and the argument checks the RMM applies to RTT commands.
 *
 * The rules are those of RMM 1.0 as TF-RMM rmm-spec-v1.0-rel0 implements
 * them (checked in runtime/rmi/realm.c validate_ipa_bits_and_sl(),
 * s2_inconsistent_sl(), s2_num_root_rtts(); runtime/rmi/rtt.c
 * validate_rtt_structure_cmds(), validate_rtt_map_cmds(),
 * validate_rtt_entry_cmds(); lib/s2tt/include/s2tt.h):
 *  - s2sz 32..48, or 32..52 with LPA2;
 *  - start level 0..3, or -1..3 with LPA2 (level -1 resolves 4 bits, 16
 *    entries, and never concatenates);
 *  - with L = 3 - start levels below the root, the root resolves
 *    s2sz - (9L + 12) bits: at least 1, at most 9 (level -1: 4), plus up
 *    to 4 more bits as 2..16 concatenated root tables when start > 0, or
 *    start == 0 with LPA2;
 *  - rtt_num_start must equal the number of concatenated root tables.
 *  - start level 0 needs a PA width of at least 44 bits (the only
 *    platform-dependent rule: rlm_rtt_geom_check_pa_bits()).
 *
 * Portable core: no allocation, no libc.
 */
#ifndef RLM_RTT_H
#define RLM_RTT_H

#include <realm/env.h>
#include <realm/abi.h>
#include <realm/pack.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RLM_RTT_MIN_IPA_BITS 32
#define RLM_RTT_MAX_IPA_BITS 48
#define RLM_RTT_MAX_IPA_BITS_LPA2 52
#define RLM_RTT_STRIDE 9            /* bits resolved per level */
#define RLM_RTT_STRIDE_LM1 4        /* bits resolved at level -1 (LPA2) */
#define RLM_RTT_ENTRIES_LM1 16
#define RLM_RTT_MIN_PA_BITS_SL0 44  /* start level 0 needs PA >= 44 bits */

struct rlm_rtt_geom {
	unsigned int s2sz;        /* IPA width in bits */
	int start_level;          /* -1..2 */
	bool lpa2;
	unsigned int num_root;    /* concatenated root tables (1..16) */
	unsigned int root_entries;/* entries over all root tables */
};

/*
 * Number of concatenated root tables (s2_num_root_rtts()) for a valid
 * combination; RLM_ERANGE if the combination is invalid.
 */
int rlm_rtt_num_root(unsigned int s2sz, int start_level, bool lpa2,
		     unsigned int *num_root);

/* Fill g for a combination: RLM_ERANGE if it is not valid (see above). */
int rlm_rtt_geom_init(struct rlm_rtt_geom *g, unsigned int s2sz,
		      int start_level, bool lpa2);

/*
 * The geometry a VMM normally picks (what Linux KVM does: the fewest levels,
 * using up to 16 concatenated root tables): the deepest valid start level.
 */
int rlm_rtt_geom_default(struct rlm_rtt_geom *g, unsigned int s2sz, bool lpa2);

/* RLM_ERANGE if the platform's PA width forbids this geometry (start 0). */
int rlm_rtt_geom_check_pa_bits(const struct rlm_rtt_geom *g,
			       unsigned int pa_bits);

/* From / into realm parameters (s2sz, flags LPA2, rtt_level_start,
 * rtt_num_start).  from_params checks rtt_num_start too. */
int rlm_rtt_geom_from_params(struct rlm_rtt_geom *g,
			     const struct rlm_realm_params *p);
int rlm_rtt_geom_to_params(const struct rlm_rtt_geom *g,
			   struct rlm_realm_params *p);

/* Levels walked from the start level to level 3 (inclusive). */
static inline unsigned int rlm_rtt_levels(const struct rlm_rtt_geom *g)
{
	return (unsigned int)(RLM_RTT_MAX_LEVEL - g->start_level + 1);
}

/* Bit position of the address an entry at level covers (level -1..3;
 * 0 outside). */
static inline unsigned int rlm_rtt_entry_shift(int level)
{
	if (level < RLM_RTT_MIN_LEVEL_LPA2 || level > RLM_RTT_MAX_LEVEL)
		return 0;
	return (unsigned int)((RLM_RTT_MAX_LEVEL - level) * RLM_RTT_STRIDE) +
	       RLM_GRANULE_SHIFT;
}

/* Bytes one entry at level maps: 4K, 2M, 1G, 512G, 256T (level -1);
 * 0 for a level outside -1..3. */
static inline uint64_t rlm_rtt_entry_size(int level)
{
	if (level < RLM_RTT_MIN_LEVEL_LPA2 || level > RLM_RTT_MAX_LEVEL)
		return 0;
	return UINT64_C(1) << rlm_rtt_entry_shift(level);
}

/* The whole IPA space and its protected half [0, 2^(s2sz-1)). */
static inline uint64_t rlm_rtt_ipa_size(const struct rlm_rtt_geom *g)
{
	return UINT64_C(1) << g->s2sz;
}
static inline uint64_t rlm_rtt_par_size(const struct rlm_rtt_geom *g)
{
	return UINT64_C(1) << (g->s2sz - 1);
}
static inline bool rlm_rtt_is_protected(const struct rlm_rtt_geom *g,
					uint64_t ipa)
{
	return ipa < rlm_rtt_par_size(g);
}

/* The unprotected alias of a protected IPA (bit s2sz-1 set):
 * RLM_ERANGE if ipa is not in the protected half. */
int rlm_rtt_unprotected_alias(const struct rlm_rtt_geom *g, uint64_t ipa,
			      uint64_t *alias);
/* The protected IPA an unprotected one aliases: RLM_ERANGE if ipa is not in
 * the unprotected half. */
int rlm_rtt_protected_of(const struct rlm_rtt_geom *g, uint64_t ipa,
			 uint64_t *prot);

/*
 * Index of the entry mapping ipa in its table at level.  At the start level
 * the index runs across the concatenated root tables (0..root_entries-1),
 * so table = index / 512; below it, 0..511.  RLM_ERANGE for a level outside
 * start..3 or an IPA outside the space.
 */
int rlm_rtt_index(const struct rlm_rtt_geom *g, uint64_t ipa, int level,
		  unsigned int *index);

/* ipa inside the IPA space and aligned to an entry at level. */
bool rlm_rtt_aligned(const struct rlm_rtt_geom *g, uint64_t ipa, int level);

/*
 * The RMM's argument checks (0, or RLM_ERANGE for the level / address
 * range, RLM_EALIGN for alignment):
 *  structure: RTT_CREATE / RTT_DESTROY / RTT_FOLD: level start+1..3, ipa
 *             aligned to an entry at level - 1;
 *  map:       RTT_MAP/UNMAP_UNPROTECTED: level 1..3, aligned at level;
 *  entry:     RTT_READ_ENTRY: level start..3, aligned at level.
 */
int rlm_rtt_check_structure(const struct rlm_rtt_geom *g, uint64_t ipa,
			    int level);
int rlm_rtt_check_map(const struct rlm_rtt_geom *g, uint64_t ipa, int level);
int rlm_rtt_check_entry(const struct rlm_rtt_geom *g, uint64_t ipa, int level);

/*
 * Non-root tables a walk to `level` needs to reach every entry of
 * [base, top) at that level (levels start+1..level), written per level to
 * per_level[level + 1] (optional, 5 entries) and in total to *count.
 * RLM_ERANGE if the range leaves the IPA space, RLM_EALIGN if it is not
 * aligned to granules.
 */
int rlm_rtt_tables_for_range(const struct rlm_rtt_geom *g, uint64_t base,
			     uint64_t top, int level, uint64_t *count,
			     uint64_t per_level[5]);

#ifdef __cplusplus
}
#endif

#endif /* RLM_RTT_H */
