/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host-side allocators (portable core, caller storage): VMIDs, MECIDs and
 * the granule pool launches and the RTT manager take granules from.
 *
 * VMIDs: RMM 1.0 lets the host choose each realm's VMID (RmiRealmParams
 * vmid); it must be below 2^vmid_bits (8 or 16, from the platform) and
 * unique among live realms (TF-RMM vmid_reserve()).  A bitmap allocator.
 *
 * MECIDs (RMM 1.1 memory encryption contexts, the seed kernel series'
 * policy): a realm either gets a private MECID of its own from a bitmap,
 * or uses the one shared MECID, which is reference counted: the first user
 * must make it shared (RMI_MEC_SET_SHARED, which the RMM accepts only on a
 * PRIVATE_UNASSIGNED MECID) and the last may return it
 * (RMI_MEC_SET_PRIVATE); the allocator says when.  A realm that configures
 * nothing uses the shared MECID.  When the RMM has no MEC support
 * (max_mecid 0 in feature register 1), every realm gets MECID 0 and no
 * RMI call is needed.  MECIDs run 0..max_mecid; the shared one is never
 * handed out as private.
 */
#ifndef RLM_ALLOC_H
#define RLM_ALLOC_H

#include <realm/env.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 64-bit words a bitmap of n ids needs. */
#define RLM_ALLOC_WORDS(n) (((size_t)(n) + 63) / 64)

struct rlm_vmid_alloc {
	uint64_t *bits;
	uint32_t count;    /* 2^vmid_bits */
	uint32_t used;
	uint32_t hint;
};

/* vmid_bits 1..16; storage holds RLM_ALLOC_WORDS(1 << vmid_bits) words. */
int rlm_vmid_init(struct rlm_vmid_alloc *a, uint64_t *storage, size_t words,
		  unsigned int vmid_bits);
/* Lowest free VMID at or after the last one handed out (wrapping);
 * RLM_ENOSPC when all are used. */
int rlm_vmid_alloc(struct rlm_vmid_alloc *a, uint16_t *vmid);
/* Take a specific VMID: RLM_EEXIST if in use, RLM_ERANGE if too wide. */
int rlm_vmid_reserve(struct rlm_vmid_alloc *a, uint16_t vmid);
/* RLM_ENOENT if vmid was not allocated. */
int rlm_vmid_free(struct rlm_vmid_alloc *a, uint16_t vmid);

enum rlm_mec_policy {
	RLM_MEC_SHARED = 0,   /* the default: nothing configured */
	RLM_MEC_PRIVATE = 1,
};

struct rlm_mecid_alloc {
	uint64_t *bits;
	uint32_t max;          /* highest MECID; 0: no MEC support */
	uint32_t shared;       /* the shared MECID */
	uint32_t shared_refs;
	uint32_t private_used;
	uint32_t hint;
};

/*
 * max_mecid from RMI_FEATURES(1) (0: no MEC); shared_mecid <= max_mecid
 * (ignored without MEC).  storage: RLM_ALLOC_WORDS(max_mecid + 1) words
 * (may be NULL without MEC).
 */
int rlm_mecid_init(struct rlm_mecid_alloc *a, uint64_t *storage, size_t words,
		   uint32_t max_mecid, uint32_t shared_mecid);
/*
 * A MECID for a new realm.  *set_shared is true when the caller must issue
 * RMI_MEC_SET_SHARED(*mecid) before REALM_CREATE (first shared user).
 * RLM_ENOSPC when no private MECID is left.
 */
int rlm_mecid_get(struct rlm_mecid_alloc *a, enum rlm_mec_policy policy,
		  uint32_t *mecid, bool *set_shared);
/*
 * Give back a destroyed realm's MECID.  *set_private is true when that was
 * the last user of the shared MECID (the caller may issue
 * RMI_MEC_SET_PRIVATE).  RLM_ENOENT for a MECID not handed out.
 */
int rlm_mecid_put(struct rlm_mecid_alloc *a, uint32_t mecid, bool *set_private);

/* ---- Granules -------------------------------------------------------- */

/*
 * Where the granules come from.  get: n physically contiguous free
 * granules (n > 1 only for the root RTTs).  put: a granule back to the
 * host after a successful undelegate.  quarantine: a granule that failed
 * to undelegate; it is reported, set aside and must never be reused.
 */
struct rlm_granule_pool {
	int (*get)(void *ctx, unsigned int n, uint64_t *pa);
	void (*put)(void *ctx, uint64_t pa);
	void (*quarantine)(void *ctx, uint64_t pa);
	void *ctx;
};

/*
 * A simple granule pool over [base, base + n granules) with a bitmap in
 * caller storage (RLM_GPOOL_WORDS(n) words): first fit, contiguous runs
 * for the root RTTs, quarantined granules never handed out again.
 */
#define RLM_GPOOL_WORDS(n) (((size_t)(n) + 63) / 64)
struct rlm_gpool {
	uint64_t base;
	uint64_t n;
	uint64_t *used;
	uint64_t nused;
	uint64_t quarantined;
	uint64_t hint;
};
int rlm_gpool_init(struct rlm_gpool *p, uint64_t base, uint64_t n,
		   uint64_t *storage, size_t words);
/* The struct rlm_granule_pool ops of this pool. */
void rlm_gpool_ops(struct rlm_gpool *p, struct rlm_granule_pool *ops);

#ifdef __cplusplus
}
#endif

#endif /* RLM_ALLOC_H */
