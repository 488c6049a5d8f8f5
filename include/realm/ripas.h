/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RIPAS tracker: a VMM's record of the RIPAS of every granule of a realm's
 * protected IPA space, stored as ranges (never one entry per granule).
 *
 * The ranges live in a two-level B+tree in memory the caller provides: the
 * upper level is a sorted array of the first address of each leaf, a leaf
 * is a sorted run of up to RLM_RIPAS_LEAF_KEYS range starts.  Each range
 * start is one 64-bit word (the granule-aligned address, RIPAS in the low
 * bits), adjacent ranges with the same RIPAS are always merged, so memory
 * is proportional to the number of ranges.  A bucket table
 * (RLM_RIPAS_BUCKETS_PER_LEAF 32-bit words per leaf of the block) maps the
 * top bits of an address to the leaf and slot of the range holding the
 * bucket's start, so a lookup is one table read and a compare of usually
 * one to four keys of one leaf; a change refills the buckets over the
 * leaves it touched.  A change costs O(leaf size + number of leaves) word
 * moves.
 *
 * The tracker is the VMM's mirror, not the RMM's state: it is updated when
 * the VMM runs INIT_RIPAS or accepts a realm's RIPAS change (a RIPAS_CHANGE
 * exit followed by RTT_SET_RIPAS; a rejected change, via the RIPAS_RESPONSE
 * flag, leaves it alone).  The change callback reports every sub-range whose
 * RIPAS changes, which is where a VMM flips guest_memfd private/shared
 * attributes (private = any RIPAS but EMPTY: RAM, DESTROYED and DEV memory
 * is protected memory).
 *
 * Portable core: no allocation.  rlm_ripas_new() and rlm_ripas_set_grow()
 * (userspace) manage the memory themselves.
 */
#ifndef RLM_RIPAS_H
#define RLM_RIPAS_H

#include <realm/env.h>
#include <realm/abi.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RLM_RIPAS_LEAF_KEYS 63
#define RLM_RIPAS_VALUE_MASK UINT64_C(0xfff)
/* Lookup buckets per leaf of the block (a power of two of them in all). */
#define RLM_RIPAS_BUCKETS_PER_LEAF 64

struct rlm_ripas_leaf {
	uint32_t n;
	uint32_t next_free;
	uint64_t key[RLM_RIPAS_LEAF_KEYS];
};

struct rlm_ripas {
	uint64_t space;                /* tracked space: [0, space) */
	void *mem;                     /* the caller's block */
	size_t mem_len;
	struct rlm_ripas_leaf *leaf;   /* leaf pool (cap) */
	uint64_t *imin;                /* first address of each leaf, in order */
	uint32_t *ileaf;               /* the leaf at each index position */
	uint32_t *bpos;                /* per bucket (nbuckets + 1): leaf id << 6
					* | slot of the key holding its start */
	uint32_t nbuckets;             /* a power of two, <= BUCKETS_PER_LEAF * cap */
	uint32_t bshift;               /* bucket of ipa: ipa >> bshift */
	uint32_t bdirty;               /* index changed since the last rebuild */
	uint64_t dirty_lo, dirty_hi;   /* buckets to refill: starts in [lo, hi] */
	uint32_t cap;                  /* leaves the block holds */
	uint32_t nidx;                 /* leaves in use */
	uint32_t hw;                   /* pool high-water mark */
	uint32_t free_head;            /* free-leaf list */
	uint64_t nranges;
};

/* Called for each maximal sub-range whose RIPAS changes (old != new). */
typedef void (*rlm_ripas_change_fn)(void *arg, uint64_t base, uint64_t top,
				    uint8_t old_ripas, uint8_t new_ripas);

/* Private (guest_memfd private) memory: every RIPAS except EMPTY. */
static inline bool rlm_ripas_is_private(uint8_t ripas)
{
	return ripas != RLM_RIPAS_EMPTY;
}

/* Bytes of memory needed for a tracker of `leaves` leaves (each leaf holds
 * up to RLM_RIPAS_LEAF_KEYS ranges). */
size_t rlm_ripas_mem_size(uint32_t leaves);

/*
 * Start tracking [0, space) (space granule aligned, non-zero) with every
 * granule at ripas `initial`, in mem (8-byte aligned, room for 1 leaf at
 * least).  RLM_EINVAL / RLM_EALIGN / RLM_ENOSPC.
 */
int rlm_ripas_init(struct rlm_ripas *t, void *mem, size_t len, uint64_t space,
		   uint8_t initial);

/* Move the tracker into another block (larger, or at least big enough for
 * the leaves in use); the old block is no longer used afterwards. */
int rlm_ripas_move(struct rlm_ripas *t, void *mem, size_t len);

/*
 * Set [base, top) to ripas.  cb (optional) sees each sub-range whose value
 * changes, before the tracker changes.  RLM_EALIGN (not granule aligned),
 * RLM_ERANGE (empty, reversed or past the space, ripas > 255), RLM_ENOMEM
 * (block full: nothing changed, no callback made).
 */
int rlm_ripas_set(struct rlm_ripas *t, uint64_t base, uint64_t top,
		  uint8_t ripas, rlm_ripas_change_fn cb, void *arg);

/* INIT_RIPAS of [base, top): RIPAS RAM. */
int rlm_ripas_init_ripas(struct rlm_ripas *t, uint64_t base, uint64_t top,
			 rlm_ripas_change_fn cb, void *arg);

/* The RIPAS at ipa and the range [*base, *top) of that value holding it
 * (base/top optional).  RLM_ERANGE past the space. */
int rlm_ripas_get(const struct rlm_ripas *t, uint64_t ipa, uint8_t *ripas,
		  uint64_t *base, uint64_t *top);

/*
 * Query [base, top): the RIPAS at base and how far it extends inside the
 * range (*reached == top when the range is uniform), like RSI_IPA_STATE_GET.
 */
int rlm_ripas_query(const struct rlm_ripas *t, uint64_t base, uint64_t top,
		    uint8_t *ripas, uint64_t *reached);

/* 0 if every granule of [base, top) has this RIPAS, RLM_EMISMATCH if not. */
int rlm_ripas_expect(const struct rlm_ripas *t, uint64_t base, uint64_t top,
		     uint8_t ripas);

/* Ranges held, and bytes of the block in use (leaves + index + header). */
uint64_t rlm_ripas_count(const struct rlm_ripas *t);
size_t rlm_ripas_bytes_used(const struct rlm_ripas *t);

/* Structural invariants (sorted, merged, index consistent): 0 or
 * RLM_ESTATE. */
int rlm_ripas_check(const struct rlm_ripas *t);

/* ---- Userspace convenience -------------------------------------------- */

/* A tracker in a malloc'd block that grows on demand; rlm_ripas_free(). */
int rlm_ripas_new(uint64_t space, uint8_t initial, struct rlm_ripas **t);
/* rlm_ripas_set(), growing the block of a tracker made by rlm_ripas_new(). */
int rlm_ripas_set_grow(struct rlm_ripas *t, uint64_t base, uint64_t top,
		       uint8_t ripas, rlm_ripas_change_fn cb, void *arg);
void rlm_ripas_free(struct rlm_ripas *t);

#ifdef __cplusplus
}
#endif

#endif /* RLM_RIPAS_H */
