/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Realm memory flows at the RMI level: the host operations a realm's life
 * needs after launch, as the Linux host series does them (the v10 "arm64:
 * RME" KVM series, arch/arm64/kvm/rme.c), built on the RTT manager (the one
 * owner of the realm's tables and of the granule pool).
 *
 *  - RIPAS change exits (realm_set_ipa_state()): RTT_SET_RIPAS to the end
 *    of the range, creating the tables the walk needs first; RAM -> EMPTY
 *    then destroys and undelegates the DATA granules of the range
 *    (realm_unmap_private_range(): a block is unfolded with RTT_CREATE
 *    first, and a level 3 table left uniform is folded back).
 *  - Protected faults (realm_map_protected() for memory the realm may
 *    use): a fresh delegated granule mapped with DATA_CREATE_UNKNOWN (the
 *    RMM hands it over zeroed).
 *  - The unprotected alias (realm_map_non_secure() / the shared unmap):
 *    RTT_MAP_UNPROTECTED on a fault, RTT_UNMAP_UNPROTECTED on demand; a
 *    partial unmap of a block unfolds it first and folds the table back
 *    when nothing is mapped under it any more.
 *
 * No probing: where the series learns the state from an RMI_ERROR_RTT
 * (a missing table, a block under DATA_DESTROY, an unmapped granule), the
 * flows consult two mirrors instead and make only the calls the state
 * requires: the RTT manager's shadow (which tables exist) and a map of
 * what each granule holds (struct rlm_ripas used as a range map, values
 * RLM_RMEM_*), plus the VMM's RIPAS tracker.  Every granule taken from
 * the pool goes back to it (or to its quarantine, counted in the RTT
 * manager's leaked, if the RMM refuses to undelegate it).
 *
 * Portable core: no allocation (the mirrors live in caller memory).
 */
#ifndef RLM_RMEM_H
#define RLM_RMEM_H

#include <realm/env.h>
#include <realm/rtt_mgr.h>
#include <realm/ripas.h>
#include <realm/exit.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What a granule of IPA space holds (the map's values). */
#define RLM_RMEM_NONE 0   /* nothing mapped (HIPAS UNASSIGNED) */
#define RLM_RMEM_DATA 1   /* a DATA granule (protected half) */
#define RLM_RMEM_NS 2     /* host memory (unprotected half) */
/* The same, with a page not known to continue the run its level 3 table
 * maps (so that table cannot fold back into a block): mapped off the run,
 * or noted with rlm_rmem_note(). */
#define RLM_RMEM_DATA_OFF 3
#define RLM_RMEM_NS_OFF 4

struct rlm_rmem {
	struct rlm_rtt_mgr *rtt;
	struct rlm_ripas *ripas;  /* the VMM's RIPAS mirror: [0, par size) */
	struct rlm_ripas *map;    /* RLM_RMEM_* over [0, IPA size) */
	uint64_t data;            /* DATA granules mapped */
	uint64_t ns;              /* unprotected granules mapped */
	uint64_t unfolds, folds;  /* blocks split to unmap/destroy part; tables
				   * folded back */
};

/*
 * rtt: the realm's RTT manager; ripas: a tracker of the protected half
 * (space = rlm_rtt_par_size()); map: a tracker of the whole IPA space
 * (space = rlm_rtt_ipa_size()) initialised to RLM_RMEM_NONE.  Both hold
 * ranges in the caller's block: a flow that would need more answers
 * RLM_ENOMEM before any RMI call (give a bigger block with
 * rlm_ripas_move() and call again).
 */
int rlm_rmem_init(struct rlm_rmem *r, struct rlm_rtt_mgr *rtt,
		  struct rlm_ripas *ripas, struct rlm_ripas *map);

/* Record what exists already (e.g. DATA a launch created, value
 * RLM_RMEM_DATA, or NS mappings made through the RTT manager). */
int rlm_rmem_note(struct rlm_rmem *r, uint64_t base, uint64_t top,
		  uint8_t what);

/*
 * A realm touched protected IPA ipa with nothing mapped: map a fresh
 * delegated granule there with DATA_CREATE_UNKNOWN (tables created as
 * needed).  RLM_EEXIST if the map says it holds DATA (no call made).
 */
int rlm_rmem_fault_protected(struct rlm_rmem *r, uint64_t ipa,
			     struct rlm_rmi_result *res);

/*
 * Map [ipa, ipa + size) of the unprotected half to host memory pa
 * (attrs as rlm_rtt_mgr_map_unprotected(); blocks where aligned).
 * RLM_EEXIST if any of it is mapped already (no call made).
 */
int rlm_rmem_map_unprotected(struct rlm_rmem *r, uint64_t ipa, uint64_t size,
			     uint64_t pa, uint64_t attrs,
			     struct rlm_rmi_result *res);

/*
 * Unmap whatever is mapped in [ipa, ipa + size) of the unprotected half:
 * a block only partly inside is unfolded first; a level 3 table left with
 * nothing mapped is folded back.
 */
int rlm_rmem_unmap_unprotected(struct rlm_rmem *r, uint64_t ipa, uint64_t size,
			       struct rlm_rmi_result *res);

/*
 * Destroy the DATA granules of [base, top) (protected half) and give them
 * back undelegated; blocks are unfolded first; RIPAS RAM granules become
 * DESTROYED (the RMM's rule, mirrored in the tracker); with fold, a level 3 table
 * left uniform (nothing mapped, one RIPAS) is folded back.
 */
int rlm_rmem_destroy_data(struct rlm_rmem *r, uint64_t base, uint64_t top,
			  bool fold, struct rlm_rmi_result *res);

/*
 * Complete a RIPAS_CHANGE exit x of the REC rec and prepare the entry e
 * (RIPAS_RESPONSE).  accept false: refused, nothing else happens (the
 * RMM reports a refusal to the realm only for a request for RAM: TF-RMM
 * rmm-spec-v1.0-rel0 runtime/core/run.c complete_set_ripas()).  accept
 * true: RTT_SET_RIPAS over [base, top) to completion (tables the walk
 * needs created first, as realm_set_ipa_state() does after its
 * ERROR_RTT), the tracker updated (cb sees the conversions), and for
 * RAM -> EMPTY the range's DATA destroyed and folded back.
 */
int rlm_rmem_ripas_change(struct rlm_rmem *r, uint64_t rec,
			  const struct rlm_exit *x, bool accept,
			  struct rlm_rec_enter *e, rlm_ripas_change_fn cb,
			  void *arg, struct rlm_rmi_result *res);

/*
 * Teardown: destroy every DATA granule, unmap the unprotected half and
 * release every table (rlm_rtt_mgr_release_all()).  Afterwards the realm
 * holds no granule of the pool and REALM_DESTROY can follow.
 */
int rlm_rmem_release(struct rlm_rmem *r, struct rlm_rmi_result *res);

#ifdef __cplusplus
}
#endif

#endif /* RLM_RMEM_H */
