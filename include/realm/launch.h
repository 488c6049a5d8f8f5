/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Launch planner: from a description of a realm (parameters, RAM, images,
 * vCPUs, the RTT level INIT_RIPAS works at) to the canonical RMI operation
 * sequence (veraison cca-realm-measurements docs/realm-vm.md: REALM_CREATE;
 * INIT_RIPAS over all RAM; DATA_CREATE of the measured images granule by
 * granule in ascending IPA; REC_CREATE; unmeasured data; ACTIVATE) and the
 * RIM it will give, computed without running anything.
 *
 * RMM 1.0 measures RTT_INIT_RIPAS once per RTT entry, at the level the
 * walk reaches (TF-RMM rmm-spec-v1.0-rel0 smc_rtt_init_ripas()), so the
 * plan fixes which RTTs exist when INIT_RIPAS runs: with ripas_level L,
 * RAM is covered by tables down to level L, and deeper tables only where
 * a level-L entry is not entirely RAM.  A level-L entry wholly inside RAM
 * is then measured once; the rest is measured in smaller entries.  The
 * tables data needs (level 3 under each image granule) are created after
 * INIT_RIPAS and are not measured.
 *
 * RAM ranges touching each other are one range for INIT_RIPAS (an RTT
 * entry may span both).  The plan is produced by a walk that calls a
 * visitor for each operation, so it needs no memory; the same walk
 * drives prediction, listing and execution.  Portable core.
 */
#ifndef RLM_LAUNCH_H
#define RLM_LAUNCH_H

#include <realm/env.h>
#include <realm/pack.h>
#include <realm/rtt.h>
#include <realm/measure.h>
#include <realm/alloc.h>
#include <realm/conduit.h>
#include <realm/rmi.h>
#include <realm/eventlog.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rlm_launch_ram {
	uint64_t base, size;        /* granule aligned */
};

struct rlm_launch_image {
	/*
	 * Any address in the protected IPA space, inside RAM or not (a
	 * firmware flash at IPA 0 is DATA_CREATEd with no RIPAS entry over
	 * it).  An unaligned image starts mid-granule: the granule holds
	 * zeros before it, as the RMM measures what the VMM copied there;
	 * the last granule is zero-padded.  Images may not share a granule.
	 */
	uint64_t ipa;
	const uint8_t *data;
	uint64_t len;
	bool measured;              /* DATA_CREATE flags: measure content */
	const char *name;           /* for logs (optional) */
};

struct rlm_launch_vcpu {
	uint64_t mpidr;
	uint64_t pc;
	uint64_t gprs[RLM_REC_CREATE_NR_GPRS];
	bool runnable;
};

/*
 * The order in which the realm's host measures (what precedes what in
 * the RIM).  RMM: the canonical sequence above (the executor, kvmtool, v10
 * and NVIDIA's multiplexed kernels: INIT_RIPAS is a VMM step before any
 * data).  KVM_ACTIVATE: the v12, v13 and v14 kernel series, which have no
 * INIT_RIPAS step: REALM_CREATE at the first populate; every image's
 * DATA_CREATE (the measured ones, then the unmeasured ones, each ascending,
 * with the tables data needs); a REC per vCPU at the first KVM_RUN, only
 * the vCPU with MPIDR 0 runnable; then INIT_RIPAS over each RAM range,
 * walked as the kernel walks it ("[PATCH v12/v13/v14] arm64: RMI: Set RIPAS
 * of initial memslots": set_ripas_of_protected_regions() at
 * kvm_activate_realm(), realm_init_ipa_state() -> ripas_change(): on
 * RMI_ERROR_RTT, tables down to find_map_level(), or, when the walk already
 * reaches that level, the page is skipped - a populated granule keeps its
 * state and is not measured again); then ACTIVATE.  ripas_level plays no
 * part in that order: the tables are the ones data and that walk create.
 */
enum rlm_launch_order {
	RLM_LAUNCH_ORDER_RMM = 0,
	RLM_LAUNCH_ORDER_KVM_ACTIVATE,
};

struct rlm_launch_desc {
	/*
	 * flags (LPA2/SVE/PMU), s2sz, sve_vl, num_bps, num_wps, pmu_num_ctrs,
	 * hash_algo, rpv, vmid.  rtt_level_start/rtt_num_start: when
	 * rtt_num_start is 0 the default geometry (rlm_rtt_geom_default) is
	 * used and written into the REALM_CREATE parameters.
	 */
	struct rlm_realm_params params;
	const struct rlm_launch_ram *ram;      /* ascending, not overlapping */
	size_t nram;
	const struct rlm_launch_image *images; /* ascending, not overlapping */
	size_t nimages;
	const struct rlm_launch_vcpu *vcpus;   /* ascending MPIDR; [0] boots */
	size_t nvcpus;
	int ripas_level;                       /* start level .. 3, >= 1 */
	enum rlm_launch_order order;           /* 0: RLM_LAUNCH_ORDER_RMM */
	/*
	 * The RMI version whose rules the RIM follows (rlm_rim_rules()); 0:
	 * RLM_RMI_V1_0.  RLM_RMI_V2_0: REALM_CREATE sends params as a 2.0
	 * RmiRealmParams (op.params2: params.flags as flags0, which must hold
	 * only RLM_RMI_REALM_FLAGS0_DEFINED bits; flags1 0, no auxiliary
	 * planes; params.vmid must be 0, the RMM owns VMIDs); SHA-384 is
	 * allowed; INIT_RIPAS is still walked (RIPAS must be RAM) but measures
	 * nothing, so no RIPAS_MEASURE op is visited; DATA stands for
	 * RTT_DATA_MAP_INIT, which measures as DATA_CREATE; REC_CREATE
	 * measures the 2.0 RmiRecParams.  rlm_launch_execute() /
	 * rlm_launch_teardown() drive an RMM 2.0 (see there); the launch log
	 * of a 2.0 plan has no INIT_RIPAS event.
	 */
	enum rlm_rmi_abi abi;
};

enum rlm_launch_op_type {
	RLM_LOP_REALM_CREATE = 1,
	RLM_LOP_RTT_CREATE,      /* ipa, level */
	RLM_LOP_INIT_RIPAS,      /* [ipa, top): one call loop over a RAM range */
	RLM_LOP_RIPAS_MEASURE,   /* [ipa, top): one RTT entry INIT_RIPAS measures */
	RLM_LOP_DATA,            /* ipa, flags, content (4096 bytes, padded) */
	RLM_LOP_REC_CREATE,      /* vcpu */
	RLM_LOP_ACTIVATE,
};

struct rlm_launch_op {
	enum rlm_launch_op_type type;
	uint64_t ipa, top;
	int level;
	uint64_t flags;                 /* DATA: RLM_RMI_[NO_]MEASURE_CONTENT */
	const uint8_t *content;         /* DATA: the granule's bytes ... */
	size_t content_len;             /* ... this many ... */
	size_t content_off;             /* ... at this offset; the rest is zero */
	size_t image;                   /* DATA: index into images */
	size_t vcpu;                    /* REC_CREATE: index into vcpus */
	bool data_rtt;                  /* RTT_CREATE: for data, not RAM */
	const struct rlm_realm_params *params; /* REALM_CREATE: as sent
						* (valid during the visit) */
	const struct rlm_realm_params2 *params2; /* REALM_CREATE, abi 2.0:
						  * as sent; NULL for 1.0 */
};

/* Return 0 to continue; anything else stops the walk and is returned.
 * op and what it points to are valid only during the call. */
typedef int (*rlm_launch_visit_fn)(void *arg, const struct rlm_launch_op *op);

/*
 * Check a description; fills the geometry it implies.  RLM_EINVAL (NULL,
 * no RAM, no vCPU, boot vCPU not runnable, unknown hash or order; order
 * KVM_ACTIVATE: a runnable vCPU other than MPIDR 0; unknown abi, a hash
 * or flags the abi does not define, 2.0 with a vmid), RLM_EALIGN
 * (unaligned RAM), RLM_ERANGE (outside the protected half, bad level,
 * overlapping or unsorted ranges, images sharing a granule, MPIDRs not
 * ascending).
 */
int rlm_launch_check(const struct rlm_launch_desc *d, struct rlm_rtt_geom *g);

/* Walk the canonical operation sequence. */
int rlm_launch_walk(const struct rlm_launch_desc *d, rlm_launch_visit_fn fn,
		    void *arg);

struct rlm_launch_counts {
	uint64_t rtts_ram;        /* tables created before INIT_RIPAS */
	uint64_t rtts_data;       /* tables created for data */
	uint64_t ripas_entries;   /* RIPAS measurements */
	uint64_t ripas_ranges;    /* INIT_RIPAS loops */
	uint64_t data_measured;
	uint64_t data_unmeasured;
	uint64_t recs;
	uint64_t recs_runnable;
};

/* The RIM the plan gives (and optionally what it is made of). */
int rlm_launch_predict(const struct rlm_launch_desc *d, struct rlm_rim *rim,
		       struct rlm_launch_counts *counts);

/* "REALM_CREATE", "RTT_CREATE", ... */
const char *rlm_launch_op_name(enum rlm_launch_op_type t);

/*
 * A running prediction: feed it ops in walk order; after each op, rim is
 * the RIM the realm should have.  Lets an executor compare step by step.
 */
int rlm_launch_rim_step(struct rlm_rim *rim, const struct rlm_launch_desc *d,
			const struct rlm_launch_op *op);


/* ---- Executing a plan over RMI, and tearing the realm down ------------- */


struct rlm_rtt_mgr;     /* realm/rtt_mgr.h */
struct rlm_rtt_node;

struct rlm_launch_env {
	const struct rlm_conduit *c;
	struct rlm_granule_pool pool;
	uint8_t *ns_buf;          /* one NS scratch page the library writes ... */
	uint64_t ns_pa;           /* ... and its PA, given to the RMM */
	uint16_t vmid;
	/*
	 * Optional: after each step that changes the RIM, compare with the
	 * realm's own (e.g. rlm_mock_measurement); return 0 when equal.
	 */
	int (*check)(void *ctx, uint64_t rd, const struct rlm_rim *predicted);
	void *check_ctx;
	/*
	 * RMI 2.0 only (unused for 1.0): an RMI address list for the
	 * OP_MEM_DONATE / OP_MEM_RECLAIM calls of REC_CREATE / REC_DESTROY
	 * and for nothing else (realm/rmi2.h struct rlm_rmi2_op): CPU view,
	 * PA, entries (1..RLM_RMI_ADDR_LIST_MAX, 8-byte aligned, within one
	 * granule), in NS memory apart from ns_buf, which holds the
	 * RmiRecParams the RMM reads after the donations.
	 */
	uint64_t *list;
	uint64_t list_pa;
	size_t list_cap;
};

/* What a launched realm holds; storage from the caller, sized with
 * rlm_launch_predict()'s counts. */
struct rlm_launch_state {
	uint64_t rd;
	uint64_t rtt_base;
	unsigned int num_root;
	/*
	 * The tables below the root have one owner, the RTT manager rtt
	 * (realm/rtt_mgr.h): rlm_launch_execute() sets it up over rtt_nodes
	 * (rtt_cap entries: rlm_rtt_mgr_cap_for(rtts_ram + rtts_data) or
	 * more), creates every table through it and rlm_launch_teardown()
	 * destroys them through it.  It stays usable in between.
	 */
	struct rlm_rtt_mgr *rtt;
	struct rlm_rtt_node *rtt_nodes;
	uint32_t rtt_cap;
	uint64_t *recs;                  /* cap: nvcpus * (1 + 16) */
	size_t recs_cap, nrecs;          /* REC then its aux granules */
	uint64_t aux_count;
	struct rlm_rim predicted;        /* prediction so far */
	/* Results */
	size_t steps;                    /* operations executed */
	size_t failed_step;              /* first step that failed / differed */
	enum rlm_launch_op_type failed_op;
	struct rlm_rmi_result rmi;       /* the RMM's answer at failed_step */
	uint64_t leaked;                 /* granules quarantined (tables too) */
	uint64_t delegated;              /* granules delegated and not yet back,
					  * but for the tables rtt holds
					  * (rlm_rtt_mgr_count(rtt)) */
};

/*
 * Run the plan: delegate, create, populate, activate.  d->abi 2.0 (TF-RMM
 * main 9a7f8ef): granules delegated with GRANULE_RANGE_DELEGATE (a
 * contiguous run at a time), REALM_CREATE with an RmiRealmParams 2.0 page
 * (no VMID: env->vmid unused), RTT_INIT_RIPAS looped to the range's top,
 * RTT_DATA_MAP_INIT from env->ns_buf, REC_CREATE through
 * rlm_rmi2_op_run() with the auxiliary granules the RMM asks for taken
 * from env->pool, delegated, and kept in st->recs after their REC
 * (env->list carries the address list), REALM_ACTIVATE.  On an RMM refusal
 * RLM_ERMI with st->failed_step / rmi set; on a RIM that differs from the
 * prediction RLM_EMISMATCH with st->failed_step the first step after which
 * the realm's RIM is not the predicted one.  Whatever was built stays in
 * st for rlm_launch_teardown().
 */
int rlm_launch_execute(const struct rlm_launch_desc *d,
		       const struct rlm_launch_env *env,
		       struct rlm_launch_state *st);

/*
 * Destroy everything the launch built and return every granule (after a
 * failed rlm_launch_execute() too: every step that failed gave back what
 * it took, the rest is in st).  2.0: REALM_TERMINATE first, then
 * RTT_DATA_UNMAP per data granule (the PA comes back in the SINGLE range),
 * REC_DESTROY through rlm_rmi2_op_run() (the reclaimed auxiliary granules
 * undelegated into env->pool), tables, REALM_DESTROY, root RTTs and RD,
 * with GRANULE_RANGE_UNDELEGATE.  1.0: data
 * (from the plan; tables the RMM still finds live are emptied entry by
 * entry), RECs and their aux granules, every table the RTT manager
 * st->rtt holds, bottom-up (rlm_rtt_mgr_release_all()), the realm, the
 * root RTTs and the RD.  A granule that fails to undelegate goes to the
 * pool's quarantine and is counted in st->leaked.
 */
int rlm_launch_teardown(const struct rlm_launch_desc *d,
			const struct rlm_launch_env *env,
			struct rlm_launch_state *st);


/* ---- The launch measurement log ----------------------------------------- */

/*
 * Write the realm launch measurement log of the plan (TCG2 crypto-agile,
 * the format of veraison cca-realm-measurements docs/measurement-log.md) into
 * buf: VM VERSION, REALM_CREATE, one INIT_RIPAS event per RTT entry the
 * RMM measures (so a replay gives the same RIM whatever RTT shape the plan
 * chose), the measured images, the runnable RECs, the unmeasured images,
 * in the plan's order.  abi 2.0: the same events (2.0 measures the same
 * REALM_CREATE and REC fields at the same offsets) but no INIT_RIPAS,
 * which 2.0 does not measure, so the 1.0 replay gives the 2.0 RIM.
 * name (optional) goes into VM VERSION.  *len gets
 * the bytes written; RLM_ENOSPC if cap is too small.
 */
int rlm_launch_log(const struct rlm_launch_desc *d, const char *name,
		   uint8_t *buf, size_t cap, size_t *len);

/*
 * Userspace: rlm_launch_predict() with the content hashes of the measured
 * granules computed on nthreads threads (0: one per online CPU; 1: the
 * plain walk); the descriptors are chained on the calling thread.  Same
 * RIM and counts; RLM_ENOMEM when the granule list cannot be allocated.
 */
int rlm_launch_predict_threads(const struct rlm_launch_desc *d, struct rlm_rim *rim,
			       struct rlm_launch_counts *counts, unsigned int nthreads);

#ifdef __cplusplus
}
#endif

#endif /* RLM_LAUNCH_H */
