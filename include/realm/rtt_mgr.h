/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RTT manager: a shadow of which RTTs a realm has, so the host creates only
 * the tables a mapping needs and never makes a failing RMI call as a probe
 * when its shadow already knows.  Tables live in a hash table of nodes in
 * caller storage (portable core).
 *
 * For callers that change the tables behind its back, every operation
 * recovers the way Linux does, from the level an RMI_ERROR_RTT reports:
 *  - RTT_CREATE answering ERROR_RTT(level - 1) means the table is already
 *    there: its address is read with RTT_READ_ENTRY and adopted, and the
 *    granule meant for it goes back;
 *  - an ERROR_RTT at a level shallower than the shadow believed means the
 *    walk stopped there: the shadow forgets the tables below that level
 *    for this address and creates them again.
 */
#ifndef RLM_RTT_MGR_H
#define RLM_RTT_MGR_H

#include <realm/env.h>
#include <realm/rtt.h>
#include <realm/rmi.h>
#include <realm/alloc.h>
#include <realm/abi2.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rlm_rtt_node {
	uint64_t ipa;       /* base of the block the table maps */
	uint64_t pa;        /* the table's granule */
	uint64_t out;       /* with RLM_RTT_NODE_BASE: what the block the
			     * table would fold into maps (PA | NS attrs) */
	int8_t level;
	uint8_t state;      /* 0 free, 1 a table, 3 a block record: no table,
			     * the entry above maps the block out */
	uint8_t flags;      /* RLM_RTT_NODE_* */
};

/*
 * Per-table state for folding back (rlm_rmem): a table the shadow has just
 * created or adopted is NEW (nothing known of its entries); BASE: the run
 * its pages continue starts at out (rlm_rmem's map says which pages do).
 * A table made by unfolding a block the shadow recorded (the RMM fills it
 * with the block's pages) starts BASE.
 */
#define RLM_RTT_NODE_NEW 0x1
#define RLM_RTT_NODE_BASE 0x2

struct rlm_rtt_mgr {
	const struct rlm_conduit *c;
	uint64_t rd;
	struct rlm_rtt_geom g;
	struct rlm_granule_pool pool;
	struct rlm_rtt_node *nodes;
	uint32_t cap;              /* power of two */
	uint32_t count;
	uint32_t blocks;           /* block records (state 3) */
	uint64_t leaked;           /* granules that failed to undelegate */
	uint64_t rmi_calls;        /* RMI calls this manager made */
	/*
	 * The RMI generation the RMM speaks (0 after rlm_rtt_mgr_init: 1.0).
	 * RLM_RMI_V2_0: granules are delegated and undelegated with
	 * GRANULE_RANGE_(UN)DELEGATE, tables made and destroyed with the 2.0
	 * calls (same FIDs and registers as 1.0 at TF-RMM 9a7f8ef); the
	 * unprotected map / unmap answer RLM_ENOTSUP (2.0 has
	 * RTT_UNPROT_MAP / UNMAP with other arguments, not driven here yet).
	 */
	enum rlm_rmi_abi abi;
};

/* nodes: cap entries (a power of two; at most 3/4 are ever used).  Block
 * records share them but give way to tables when they are full. */
int rlm_rtt_mgr_init(struct rlm_rtt_mgr *m, const struct rlm_conduit *c,
		     uint64_t rd, const struct rlm_rtt_geom *g,
		     const struct rlm_granule_pool *pool,
		     struct rlm_rtt_node *nodes, uint32_t cap);

/* Record a table that exists (e.g. created by a launch). */
int rlm_rtt_mgr_adopt(struct rlm_rtt_mgr *m, uint64_t ipa, int level,
		      uint64_t pa);

/* Does the shadow hold a table at level covering ipa (roots: always)? */
bool rlm_rtt_mgr_has(const struct rlm_rtt_mgr *m, uint64_t ipa, int level);

/* Make every table down to level exist for ipa (parents first). */
int rlm_rtt_mgr_ensure(struct rlm_rtt_mgr *m, uint64_t ipa, int level,
		       struct rlm_rmi_result *res);

/*
 * Create exactly the table at level for ipa (aligned to an entry at
 * level - 1), for a caller that plans every table (the launch executor):
 * RLM_EEXIST if the shadow has it, RLM_ESTATE if its parent is neither a
 * root nor in the shadow, RLM_ENOMEM if the shadow is full, all before
 * any RMI call.  No recovery: a refusal comes back as it is (RLM_ERMI,
 * res) and the table's granule goes back.
 */
int rlm_rtt_mgr_create(struct rlm_rtt_mgr *m, uint64_t ipa, int level,
		       struct rlm_rmi_result *res);

/*
 * Map [ipa, ipa + size) of the unprotected half to host memory at pa with
 * the attribute bits attrs (MemAttr[4:2], S2AP[7:6]), using the largest
 * entries alignment allows (level 1 or 2 blocks, else pages).
 */
int rlm_rtt_mgr_map_unprotected(struct rlm_rtt_mgr *m, uint64_t ipa,
				uint64_t size, uint64_t pa, uint64_t attrs,
				struct rlm_rmi_result *res);
/* Unmap what map_unprotected mapped over [ipa, ipa + size). */
int rlm_rtt_mgr_unmap_unprotected(struct rlm_rtt_mgr *m, uint64_t ipa,
				  uint64_t size, struct rlm_rmi_result *res);

/*
 * The RMM's tables changed behind the shadow's back (an RMI_ERROR_RTT says
 * a walk stopped above a table the shadow has): forget the table at level
 * covering ipa and every table and block record under it, with no RMI
 * call (their granules are no longer the manager's to give back).
 * Returns the number of tables forgotten, or RLM_EINVAL / RLM_ERANGE.
 */
int rlm_rtt_mgr_forget(struct rlm_rtt_mgr *m, uint64_t ipa, int level);

/* RTT_FOLD the table at level covering ipa (its granule goes back). */
int rlm_rtt_mgr_fold(struct rlm_rtt_mgr *m, uint64_t ipa, int level,
		     struct rlm_rmi_result *res);

/* Destroy every table below the root, bottom-up, returning each granule.
 * A table the RMM still finds live stays (RLM_ERMI, res says where). */
int rlm_rtt_mgr_destroy_all(struct rlm_rtt_mgr *m, struct rlm_rmi_result *res);

/* Called for a table RTT_DESTROY finds live (RMI_ERROR_RTT at its own
 * level): destroy what its entries hold. */
typedef void (*rlm_rtt_mgr_empty_fn)(void *arg, uint64_t ipa, int level);

/*
 * Teardown of a realm going away: destroy every table below the root,
 * bottom-up, returning each granule, and leave the manager holding none.
 * A table the RMM finds live is given to empty (if not NULL) and destroyed
 * again; one that still cannot be destroyed, or that the walk no longer
 * reaches, has its granule quarantined (counted in leaked) and is
 * forgotten.  Returns 0, the first refusal (RLM_ERMI, res) or RLM_EIO if
 * a granule failed to undelegate.
 */
int rlm_rtt_mgr_release_all(struct rlm_rtt_mgr *m, rlm_rtt_mgr_empty_fn empty,
			    void *arg, struct rlm_rmi_result *res);

/* The node count (a power of two) that holds tables tables; 0 if none
 * does. */
uint32_t rlm_rtt_mgr_cap_for(uint64_t tables);

static inline uint32_t rlm_rtt_mgr_count(const struct rlm_rtt_mgr *m)
{
	return m ? m->count : 0;
}

#ifdef __cplusplus
}
#endif

#endif /* RLM_RTT_MGR_H */
