/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 2.0 (beta) at run time: version negotiation (RMI 1.0 / 2.0 and
 * RSI 1.0 / 1.1), the RMM_CONFIG_SET / RMM_ACTIVATE bootstrap, the
 * multi-call engine for RMI_INCOMPLETE answers and typed 2.0 calls.
 * Numbers and behaviour checked against TF-RMM main
 * 9a7f8ef46378320ad69140a42e51c1ccf5914661: runtime/rmi/version.c
 * (smc_version), runtime/rsi/version.c (handle_rsi_version: RSI 1.0 and
 * 1.1), runtime/core/handler.c (only VERSION, FEATURES, RMM_CONFIG_GET and
 * GRANULE_TRACKING_GET before RMM_ACTIVATE; CONFIG_SET / ACTIVATE answer
 * ERROR_GLOBAL outside the init state), runtime/rmi/granule.c
 * (smc_rmm_config_set), runtime/rmi/activate.c; Arm DEN0137 2.0 beta.
 */
#ifndef RLM_RMI2_H
#define RLM_RMI2_H

#include <realm/abi2.h>
#include <realm/conduit.h>
#include <realm/rmi.h>
#include <realm/version.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The RSI revisions a guest may negotiate (TF-RMM main implements both). */
#define RLM_RSI_ABI_VERSION_1_0 UINT64_C(0x10000)
#define RLM_RSI_ABI_VERSION_1_1 UINT64_C(0x10001)

/* ---- Negotiation ------------------------------------------------------- */

struct rlm_negotiation {
	unsigned int iface;           /* RLM_VERSION_IFACE_RMI / _RSI */
	uint64_t version;             /* the revision agreed; 0: none */
	enum rlm_rmi_abi abi;         /* RMI: the table to drive it with */
	unsigned int asked;           /* VERSION calls made: 1 or 2 */
	struct rlm_version_info first; /* the answer to the preferred revision */
	struct rlm_version_info last;  /* the answer that decided */
};

/*
 * Ask the RMM for RMI 2.0 (prefer RLM_RMI_V2_0) or 1.0 (RLM_RMI_V1_0);
 * when it answers ERROR_INPUT and its range [X1, X2] holds the other
 * revision librealm speaks, ask for that one.  The revision is agreed only
 * on a SUCCESS answer to the revision asked (TF-RMM's smc_version answers
 * SUCCESS with X1 = the request, ERROR_INPUT with X1 = X2 = its highest).
 * 0: out->version / out->abi say which; RLM_EVERSION: neither revision is
 * implemented (out->last tells the RMM's range, rlm_version_describe()
 * prints it); RLM_ERMI: VERSION answered another status; the conduit's
 * error if no RMM answered; RLM_EINVAL for NULL or an unknown prefer.
 */
int rlm_rmi_negotiate(const struct rlm_conduit *c, enum rlm_rmi_abi prefer,
		      struct rlm_negotiation *out);

/*
 * The same for a guest's RSI: prefer RLM_RSI_ABI_VERSION_1_1 (falls back
 * to 1.0) or RLM_RSI_ABI_VERSION_1_0 (falls back to 1.1).  RLM_ERSI for a
 * status other than SUCCESS / ERROR_INPUT.
 */
int rlm_rsi_negotiate(const struct rlm_conduit *c, uint64_t prefer,
		      struct rlm_negotiation *out);

/* ---- RMM bootstrap (2.0) ------------------------------------------------ */

/* RMM_CONFIG_GET / RMM_CONFIG_SET: PA of a 4 KiB-aligned RmiRmmConfig
 * page (realm/pack2.h); RMM_ACTIVATE takes no argument. */
int rlm_rmi2_rmm_config_get(const struct rlm_conduit *c, uint64_t config,
			    struct rlm_rmi_result *res);
int rlm_rmi2_rmm_config_set(const struct rlm_conduit *c, uint64_t config,
			    struct rlm_rmi_result *res);
int rlm_rmi2_rmm_activate(const struct rlm_conduit *c,
			  struct rlm_rmi_result *res);
/*
 * RMM_CONFIG_SET(config) then RMM_ACTIVATE: an RMM 2.0 refuses every
 * command but VERSION, FEATURES, RMM_CONFIG_GET and GRANULE_TRACKING_GET
 * (ERROR_GLOBAL) until both succeeded.  The caller packs the page
 * (rlm_pack_rmm_config2) at config.  RLM_ERMI with res naming the status
 * of the call that failed (ERROR_GLOBAL: the RMM is past its init state,
 * already activated); *step (may be NULL) says which call answered last:
 * 1 CONFIG_SET, 2 ACTIVATE.
 */
int rlm_rmi2_rmm_bootstrap(const struct rlm_conduit *c, uint64_t config,
			   unsigned int *step, struct rlm_rmi_result *res);


/* ---- Multi-call operations (RMI_INCOMPLETE) ---------------------------- */

/*
 * RmiAddrRangeDesc4KB, one u64 entry of an RMI address list (the list of
 * OP_MEM_DONATE / OP_MEM_RECLAIM; TF-RMM smc-rmi.h RMI_ADDR_RDESC_4K_*):
 * block size [1:0] (RLM_RMI_PAGE_L3 ..), count [11:2], address >> 12
 * [51:12], state [63] (RLM_RMI_OP_MEM_DELEGATED / _UNDELEGATED).
 */
#define RLM_RMI_ADDR_RDESC_4K_SZ RLM_GENMASK(1, 0)
#define RLM_RMI_ADDR_RDESC_4K_CNT RLM_GENMASK(11, 2)
#define RLM_RMI_ADDR_RDESC_4K_ADDR RLM_GENMASK(51, 12)
#define RLM_RMI_ADDR_RDESC_4K_ST RLM_BIT(63)
#define RLM_RMI_ADDR_RDESC_4K_CNT_MAX 1023
/* An address list fills at most one granule (TF-RMM ADDR_LIST_MAX_RANGES) */
#define RLM_RMI_ADDR_LIST_MAX 512
/* Granules asked from the allocator at a time (non-contiguous donations) */
#define RLM_RMI2_OP_BATCH 32

/*
 * The caller's granules.  donate(): give up to n granules in state
 * (RLM_RMI_OP_MEM_DELEGATED or _UNDELEGATED), their PAs in pa[0..k);
 * return k (1..n) or a negative RLM_E* (RLM_ENOMEM: none left).  With
 * contig the k granules are one run starting at pa[0] (pa[1..k) unused),
 * aligned to its power-of-two size, and k must be n.
 * reclaim(): take back count granules from base in state: granules the
 * RMM returned, or ones it did not consume.
 */
struct rlm_rmi2_mem_ops {
	int (*donate)(void *ctx, uint8_t state, bool contig, uint64_t *pa,
		      size_t n);
	void (*reclaim)(void *ctx, uint8_t state, uint64_t base,
			uint64_t count);
};

/*
 * One operation driven to its end.  The caller fills the inputs (c, mem,
 * mem_ctx, list / list_pa / list_cap: an RMI address list in memory both
 * the caller and the RMM see, 8-byte aligned, not crossing a granule;
 * max_retries, max_steps); the engine fills the rest.
 */
struct rlm_rmi2_op {
	const struct rlm_conduit *c;
	const struct rlm_rmi2_mem_ops *mem;
	void *mem_ctx;
	uint64_t *list;          /* CPU view of the address list */
	uint64_t list_pa;        /* its PA */
	size_t list_cap;         /* entries (1..RLM_RMI_ADDR_LIST_MAX) */
	unsigned int max_retries; /* BUSY / BLOCKED answers retried per call */
	unsigned int max_steps;  /* calls in all; 0: 4096 */
	uint64_t continue_flags; /* OP_CONTINUE X2 (RLM_RMI_CONTINUE_BEYOND_FLAG) */
	/* out */
	uint64_t handle;         /* X1 of the first INCOMPLETE */
	bool started;            /* an INCOMPLETE was answered */
	bool pending;            /* the operation is not finished (can't cancel) */
	bool can_cancel;         /* the last INCOMPLETE's bit 10 */
	unsigned int calls, retries, donations, reclaims, continues;
	uint64_t donated, reclaimed; /* granules */
	struct rlm_smc_regs out; /* the final answer's registers */
};

/*
 * Run cmd (X0 the FID, X1.. its arguments) and every call its INCOMPLETE
 * answers ask for: OP_MEM_DONATE with granules from mem->donate,
 * OP_MEM_RECLAIM returning granules to mem->reclaim, OP_CONTINUE; BUSY and
 * BLOCKED answers are retried up to max_retries times.  When the
 * allocator fails and the operation can be cancelled, OP_CANCEL and the
 * reclaims that follow return every donated granule before the
 * allocator's error is returned.  0 when the final status is SUCCESS
 * (op->out holds its registers), RLM_ERMI with res naming another status,
 * RLM_EBUSY when the retries ran out, RLM_ENOTSUP for a donation in blocks
 * larger than a page, RLM_EMALFORMED for an answer outside the encoding,
 * the conduit's error, RLM_EINVAL for a bad op.
 */
int rlm_rmi2_op_run(struct rlm_rmi2_op *op, const struct rlm_smc_regs *cmd,
		    struct rlm_rmi_result *res);
/* OP_CANCEL the started operation op->handle and drive the reclaims to
 * the end; RLM_EINVAL if nothing is pending, RLM_EPERM if the RMM's last
 * INCOMPLETE said it cannot be cancelled (TF-RMM answers ERROR_INPUT). */
int rlm_rmi2_op_cancel(struct rlm_rmi2_op *op, struct rlm_rmi_result *res);

/* ---- Typed RMI 2.0 calls for a realm's life ----------------------------- */

/*
 * Arguments in TF-RMM's order (smc-rmi.h command comments at the pin);
 * addresses that name granules must be 4 KiB aligned (RLM_EALIGN), RTT
 * levels -1..3 (RLM_ERANGE).  Outputs are written on SUCCESS only, except
 * where noted.  The calls marked (op) may answer INCOMPLETE and run
 * through rlm_rmi2_op_run(): op carries the conduit and the allocator,
 * and op->out the final registers.
 */
/* FEATURES registers 0..4, decoded. */
int rlm_rmi2_features_read(const struct rlm_conduit *c,
			   struct rlm_rmi2_features *out,
			   struct rlm_rmi_result *res);
/* GRANULE_RANGE_(UN)DELEGATE: [base, top) -> X1 the next granule to do
 * (written on SUCCESS; a partial range is SUCCESS with next < top). */
int rlm_rmi2_granule_range_delegate(const struct rlm_conduit *c, uint64_t base,
				    uint64_t top, uint64_t *next,
				    struct rlm_rmi_result *res);
int rlm_rmi2_granule_range_undelegate(const struct rlm_conduit *c,
				      uint64_t base, uint64_t top,
				      uint64_t *next, struct rlm_rmi_result *res);
/* The whole range, call after call (BUSY retried up to max_retries);
 * *done (may be NULL) the address reached. */
int rlm_rmi2_granule_range_delegate_all(const struct rlm_conduit *c,
					uint64_t base, uint64_t top,
					unsigned int max_retries, uint64_t *done,
					struct rlm_rmi_result *res);
int rlm_rmi2_granule_range_undelegate_all(const struct rlm_conduit *c,
					  uint64_t base, uint64_t top,
					  unsigned int max_retries,
					  uint64_t *done,
					  struct rlm_rmi_result *res);
/* REALM_CREATE: rd, PA of an RmiRealmParams 2.0 page (realm/pack2.h). */
int rlm_rmi2_realm_create(const struct rlm_conduit *c, uint64_t rd,
			  uint64_t params, struct rlm_rmi_result *res);
int rlm_rmi2_realm_activate(const struct rlm_conduit *c, uint64_t rd,
			    struct rlm_rmi_result *res);
/* REALM_TERMINATE: before REALM_DESTROY in 2.0. */
int rlm_rmi2_realm_terminate(const struct rlm_conduit *c, uint64_t rd,
			     struct rlm_rmi_result *res);
int rlm_rmi2_realm_destroy(const struct rlm_conduit *c, uint64_t rd,
			   struct rlm_rmi_result *res);
/* (op) REC_CREATE: rd, rec, PA of an RmiRecParams 2.0 page; the aux
 * granules the RMM asks for come from op's allocator. */
int rlm_rmi2_rec_create(struct rlm_rmi2_op *op, uint64_t rd, uint64_t rec,
			uint64_t params, struct rlm_rmi_result *res);
/* (op) REC_DESTROY: the aux granules go back to op's allocator. */
int rlm_rmi2_rec_destroy(struct rlm_rmi2_op *op, uint64_t rec,
			 struct rlm_rmi_result *res);
/* REC_ENTER: rec, PA of the RmiRecRun page (realm/pack2.h halves). */
int rlm_rmi2_rec_enter(const struct rlm_conduit *c, uint64_t rec,
		       uint64_t run, struct rlm_rmi_result *res);
/* PSCI_COMPLETE: calling REC, target REC, PSCI status. */
int rlm_rmi2_psci_complete(const struct rlm_conduit *c, uint64_t calling,
			   uint64_t target, uint64_t status,
			   struct rlm_rmi_result *res);
/* RTT_CREATE: rd, rtt, ipa, level. */
int rlm_rmi2_rtt_create(const struct rlm_conduit *c, uint64_t rd,
			uint64_t rtt, uint64_t ipa, int level,
			struct rlm_rmi_result *res);
/* RTT_DESTROY: rd, ipa, level -> X1 rtt (SUCCESS), X2 top (SUCCESS and
 * ERROR_RTT). */
int rlm_rmi2_rtt_destroy(const struct rlm_conduit *c, uint64_t rd,
			 uint64_t ipa, int level, uint64_t *rtt, uint64_t *top,
			 struct rlm_rmi_result *res);
/* RTT_INIT_RIPAS: rd, base, top -> X1 the top reached (not measured in
 * 2.0). */
int rlm_rmi2_rtt_init_ripas(const struct rlm_conduit *c, uint64_t rd,
			    uint64_t base, uint64_t top, uint64_t *out_top,
			    struct rlm_rmi_result *res);
/* RTT_SET_RIPAS: rd, rec, base, top -> X1 the top reached (answering a
 * RIPAS_CHANGE exit). */
int rlm_rmi2_rtt_set_ripas(const struct rlm_conduit *c, uint64_t rd,
			   uint64_t rec, uint64_t base, uint64_t top,
			   uint64_t *out_top, struct rlm_rmi_result *res);
/* RTT_FOLD: rd, ipa, level -> X1 the PA of the RTT folded. */
int rlm_rmi2_rtt_fold(const struct rlm_conduit *c, uint64_t rd, uint64_t ipa,
		      int level, uint64_t *rtt, struct rlm_rmi_result *res);
/* RTT_READ_ENTRY: rd, ipa, level -> X1 walk level, X2 state, X3 the
 * entry, X4 RIPAS (SUCCESS only). */
struct rlm_rmi2_rtt_entry {
	int64_t level;
	uint64_t state;  /* RmiRttEntryState (2.0 adds ASSIGNED_DEV 3, AUX_DESTROYED 5) */
	uint64_t desc;
	uint64_t ripas;
};
int rlm_rmi2_rtt_read_entry(const struct rlm_conduit *c, uint64_t rd,
			    uint64_t ipa, int level,
			    struct rlm_rmi2_rtt_entry *out,
			    struct rlm_rmi_result *res);
/* RTT_DATA_MAP_INIT: rd, data, ipa, src, flags (RLM_RMI_[NO_]MEASURE_CONTENT):
 * 1.0's DATA_CREATE at a new FID. */
int rlm_rmi2_rtt_data_map_init(const struct rlm_conduit *c, uint64_t rd,
			       uint64_t data, uint64_t ipa, uint64_t src,
			       uint64_t flags, struct rlm_rmi_result *res);
/* (op) RTT_DATA_MAP: rd, [base, top), flags (RmiRttProtMapFlags), output
 * address (descriptor) -> X1 the next IPA to map. */
int rlm_rmi2_rtt_data_map(struct rlm_rmi2_op *op, uint64_t rd, uint64_t base,
			  uint64_t top, uint64_t flags, uint64_t oaddr,
			  uint64_t *next, struct rlm_rmi_result *res);
/* RTT_UNPROT_MAP: the same for unprotected IPAs (RmiRttUnprotMapFlags). */
int rlm_rmi2_rtt_unprot_map(const struct rlm_conduit *c, uint64_t rd,
			    uint64_t base, uint64_t top, uint64_t flags,
			    uint64_t oaddr, uint64_t *next,
			    struct rlm_rmi_result *res);
/* The unmap results: X1 the top unmapped, X2 the output range
 * (RmiAddrRangeDesc, SINGLE), X3 the entries written to the output list. */
struct rlm_rmi2_unmap_out {
	uint64_t top;
	uint64_t range;
	uint64_t count;
};
/* (op) RTT_DATA_UNMAP / RTT_UNPROT_UNMAP: rd, [base, top), flags
 * (RmiRttUnmapFlags), output address set descriptor. */
int rlm_rmi2_rtt_data_unmap(struct rlm_rmi2_op *op, uint64_t rd, uint64_t base,
			    uint64_t top, uint64_t flags, uint64_t oaddr,
			    struct rlm_rmi2_unmap_out *out,
			    struct rlm_rmi_result *res);
int rlm_rmi2_rtt_unprot_unmap(struct rlm_rmi2_op *op, uint64_t rd,
			      uint64_t base, uint64_t top, uint64_t flags,
			      uint64_t oaddr, struct rlm_rmi2_unmap_out *out,
			      struct rlm_rmi_result *res);

#ifdef __cplusplus
}
#endif

#endif /* RLM_RMI2_H */
