/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Typed RMI 1.0 calls (host -> RMM) over a conduit.
 *
 * One function per RMI command.  Each one checks what the library can judge
 * on its own (NULL pointers, granule alignment of the addresses of granules,
 * RTT level range, unknown flag bits) and refuses a bad argument WITHOUT
 * making any call; then it places the arguments in X1.. (FID in X0), makes
 * the call and decodes X0 and the result registers.  Everything that depends
 * on RMM state (granule states, IPA range and alignment for a level, realm
 * state) is left to the RMM, so the typed calls can also drive the RMM's own
 * failure paths.
 *
 * Return value:
 *   0             the RMM answered RMI_SUCCESS; every output is filled.
 *   RLM_ERMI      the RMM answered an error status; res holds it, and the
 *                 outputs the specification defines for that error are
 *                 filled (e.g. `top` on RMI_ERROR_RTT for DATA_DESTROY,
 *                 RTT_DESTROY and RTT_UNMAP_UNPROTECTED, lower/higher for
 *                 VERSION); other outputs are left untouched.
 *   RLM_ECONDUIT  the conduit failed, or X0 was SMCCC NOT_SUPPORTED (-1):
 *                 no RMM (or no such command) behind it.
 *   RLM_EMALFORMED X0 is not an RMI 1.0 return value (bits above 15 set,
 *                 or a non-zero index with RMI_SUCCESS).
 *   RLM_EINVAL    NULL conduit/output pointer, or unknown flag bits.
 *   RLM_EALIGN    a granule address is not 4 KiB aligned.
 *   RLM_ERANGE    an RTT level outside -1..3.
 * res may be NULL.  On an argument error res is not touched; after a
 * transport failure res->x0 is SMCCC NOT_SUPPORTED and status/index 0xff;
 * otherwise res holds the raw and decoded X0.
 *
 * Register assignments checked against TF-RMM rmm-spec-v1.0-rel0
 * (lib/smc/include/smc-rmi.h comments, the handler table in
 * runtime/core/handler.c, and the handlers in runtime/rmi/ that write the
 * results: smc_rtt_read_entry, smc_data_destroy, smc_rtt_destroy,
 * smc_rtt_fold, map_unmap_ns, smc_rtt_init_ripas, smc_rtt_set_ripas,
 * smc_version) and Linux arch/arm64/include/asm/rmi_smc.h.
 */
#ifndef RLM_RMI_H
#define RLM_RMI_H

#include <realm/env.h>
#include <realm/abi.h>
#include <realm/conduit.h>
#include <realm/pack.h>
#include <realm/version.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The decoded X0 of an RMI call. */
struct rlm_rmi_result {
	uint64_t x0;     /* raw X0 */
	uint8_t status;  /* RLM_RMI_SUCCESS, RLM_RMI_ERROR_* */
	uint8_t index;   /* e.g. the RTT level of RMI_ERROR_RTT (255 = -1) */
};

/* The RTT level in an RMI_ERROR_RTT index (the byte is a signed level). */
static inline int rlm_rmi_index_level(uint8_t index)
{
	return index >= 0x80 ? (int)index - 256 : (int)index;
}

/* RmiRecMpidr: valid iff only the Aff fields are set (TF-RMM rec.h). */
static inline bool rlm_rmi_mpidr_valid(uint64_t mpidr)
{
	return (mpidr & ~RLM_RMI_MPIDR_VALID_MASK) == 0;
}

/* REC index of a valid RmiRecMpidr: Aff3:Aff2:Aff1:Aff0[3:0]. */
static inline uint64_t rlm_rmi_mpidr_to_index(uint64_t mpidr)
{
	return (mpidr & RLM_RMI_MPIDR_AFF0) |
	       ((mpidr & (RLM_RMI_MPIDR_AFF1 | RLM_RMI_MPIDR_AFF2 |
			  RLM_RMI_MPIDR_AFF3)) >> 4);
}

/* The RmiRecMpidr of REC index (index < 2^28). */
static inline uint64_t rlm_rmi_index_to_mpidr(uint64_t index)
{
	return (index & 0xf) | ((index << 4) & (RLM_RMI_MPIDR_AFF1 |
			RLM_RMI_MPIDR_AFF2 | RLM_RMI_MPIDR_AFF3));
}

/* One RTT entry as RMI_RTT_READ_ENTRY reports it. */
struct rlm_rtt_entry {
	int level;       /* X1: level the walk reached (-1..3) */
	uint8_t state;   /* X2: RLM_RMI_UNASSIGNED / ASSIGNED / TABLE */
	uint64_t desc;   /* X3: output address / NS descriptor / table PA */
	uint8_t ripas;   /* X4: RLM_RIPAS_* */
};

/*
 * Decode an RMI return value: status = bits [7:0], index = bits [15:8].
 * Returns 0 for a well-formed RMI 1.0 return value, RLM_ECONDUIT for SMCCC
 * NOT_SUPPORTED (-1), RLM_EMALFORMED otherwise (status and index are still
 * written from the low 16 bits).  status/index may be NULL.
 */
int rlm_rmi_decode(uint64_t x0, uint8_t *status, uint8_t *index);

/*
 * "RMI_SUCCESS", "RMI_ERROR_RTT", ... for every status of RLM_RMI_STATUSES
 * (including the names later RMM versions define); "RMI_STATUS_UNKNOWN" for
 * any other value.  Never NULL.
 */
const char *rlm_rmi_status_name(unsigned int status);

/* ---- one function per RMI 1.0 command --------------------------------- */

/* VERSION: X1 requested -> X1 lower, X2 higher (filled on any status). */
int rlm_rmi_version(const struct rlm_conduit *c, uint64_t requested,
		    uint64_t *lower, uint64_t *higher, struct rlm_rmi_result *res);
/* FEATURES: X1 index -> X1 value (index 0 is the only one RMM 1.0 defines;
 * others answer 0, so they are not refused here). */
int rlm_rmi_features(const struct rlm_conduit *c, uint64_t index,
		     uint64_t *value, struct rlm_rmi_result *res);
/*
 * RmiFeatureRegister0 (Arm DEN0137 1.0-rel0, RMI_FEATURES index 0), field
 * by field as RLM_RMI_FEATURE_REGISTER_0_* define them.  Counts are the
 * register's values: num_bps/num_wps are the limits RmiRealmParams'
 * num_bps/num_wps are checked against, sve_vl the largest vector length
 * (in 128-bit units, minus one) a realm may request.
 */
struct rlm_rmi_features0 {
	uint32_t s2sz;            /* largest IPA width */
	bool lpa2;
	bool sve_en;
	uint32_t sve_vl;
	uint32_t num_bps, num_wps;
	bool pmu_en;
	uint32_t pmu_num_ctrs;
	bool hash_sha_256, hash_sha_512;
	uint32_t gicv3_num_lrs;
	uint32_t max_recs_order;
};
void rlm_rmi_features0_decode(uint64_t reg, struct rlm_rmi_features0 *f);
/* RMI_FEATURES(0), decoded. */
int rlm_rmi_features0_read(const struct rlm_conduit *c,
			   struct rlm_rmi_features0 *f);
/*
 * Would REALM_CREATE accept p's features on this RMM?  0, or RLM_ERANGE (a
 * count or width beyond the limit, a zero breakpoint/watchpoint count)
 * or RLM_ENOTSUP (a feature or hash the RMM lacks), with *field (if
 * given) naming the parameter: "s2sz", "lpa2", "num_bps", "num_wps",
 * "sve", "sve_vl", "pmu", "pmu_num_ctrs", "hash_algo".  The geometry
 * (rtt_level_start, rtt_num_start) and vmid are not checked here.
 */
int rlm_rmi_features0_check(const struct rlm_rmi_features0 *f,
			    const struct rlm_realm_params *p, const char **field);
int rlm_rmi_granule_delegate(const struct rlm_conduit *c, uint64_t addr,
			     struct rlm_rmi_result *res);
int rlm_rmi_granule_undelegate(const struct rlm_conduit *c, uint64_t addr,
			       struct rlm_rmi_result *res);
/* DATA_CREATE: rd, data, ipa, src, flags (RLM_RMI_[NO_]MEASURE_CONTENT). */
int rlm_rmi_data_create(const struct rlm_conduit *c, uint64_t rd, uint64_t data,
			uint64_t ipa, uint64_t src, uint64_t flags,
			struct rlm_rmi_result *res);
int rlm_rmi_data_create_unknown(const struct rlm_conduit *c, uint64_t rd,
				uint64_t data, uint64_t ipa,
				struct rlm_rmi_result *res);
/* DATA_DESTROY: X1 data PA (success), X2 top (success and RMI_ERROR_RTT). */
int rlm_rmi_data_destroy(const struct rlm_conduit *c, uint64_t rd, uint64_t ipa,
			 uint64_t *data, uint64_t *top, struct rlm_rmi_result *res);
int rlm_rmi_realm_activate(const struct rlm_conduit *c, uint64_t rd,
			   struct rlm_rmi_result *res);
/* REALM_CREATE: rd, PA of a packed RmiRealmParams page. */
int rlm_rmi_realm_create(const struct rlm_conduit *c, uint64_t rd,
			 uint64_t params, struct rlm_rmi_result *res);
int rlm_rmi_realm_destroy(const struct rlm_conduit *c, uint64_t rd,
			  struct rlm_rmi_result *res);
/* REC_CREATE: rd, rec, PA of a packed RmiRecParams page. */
int rlm_rmi_rec_create(const struct rlm_conduit *c, uint64_t rd, uint64_t rec,
		       uint64_t params, struct rlm_rmi_result *res);
int rlm_rmi_rec_destroy(const struct rlm_conduit *c, uint64_t rec,
			struct rlm_rmi_result *res);
/* REC_ENTER: rec, PA of the RmiRecRun page. */
int rlm_rmi_rec_enter(const struct rlm_conduit *c, uint64_t rec, uint64_t run,
		      struct rlm_rmi_result *res);
int rlm_rmi_rtt_create(const struct rlm_conduit *c, uint64_t rd, uint64_t rtt,
		       uint64_t ipa, int level, struct rlm_rmi_result *res);
/* RTT_DESTROY: X1 RTT PA (success), X2 top (success and RMI_ERROR_RTT). */
int rlm_rmi_rtt_destroy(const struct rlm_conduit *c, uint64_t rd, uint64_t ipa,
			int level, uint64_t *rtt, uint64_t *top,
			struct rlm_rmi_result *res);
int rlm_rmi_rtt_map_unprotected(const struct rlm_conduit *c, uint64_t rd,
				uint64_t ipa, int level, uint64_t desc,
				struct rlm_rmi_result *res);
/* RTT_READ_ENTRY: X1 walk level, X2 state, X3 desc, X4 ripas. */
int rlm_rmi_rtt_read_entry(const struct rlm_conduit *c, uint64_t rd,
			   uint64_t ipa, int level, struct rlm_rtt_entry *entry,
			   struct rlm_rmi_result *res);
/* RTT_UNMAP_UNPROTECTED: X1 top (success and RMI_ERROR_RTT). */
int rlm_rmi_rtt_unmap_unprotected(const struct rlm_conduit *c, uint64_t rd,
				  uint64_t ipa, int level, uint64_t *top,
				  struct rlm_rmi_result *res);
/* PSCI_COMPLETE: calling rec, target rec, PSCI status (RLM_PSCI_RET_*). */
int rlm_rmi_psci_complete(const struct rlm_conduit *c, uint64_t calling_rec,
			  uint64_t target_rec, int64_t psci_status,
			  struct rlm_rmi_result *res);
/* RTT_FOLD: X1 PA of the folded RTT (success). */
int rlm_rmi_rtt_fold(const struct rlm_conduit *c, uint64_t rd, uint64_t ipa,
		     int level, uint64_t *rtt, struct rlm_rmi_result *res);
/* REC_AUX_COUNT: X1 number of auxiliary granules a REC of rd needs. */
int rlm_rmi_rec_aux_count(const struct rlm_conduit *c, uint64_t rd,
			  uint64_t *count, struct rlm_rmi_result *res);
/* RTT_INIT_RIPAS: rd, base, top -> X1 top reached (success). */
int rlm_rmi_rtt_init_ripas(const struct rlm_conduit *c, uint64_t rd,
			   uint64_t base, uint64_t top, uint64_t *out_top,
			   struct rlm_rmi_result *res);
/* RTT_SET_RIPAS: rd, rec, base, top -> X1 top reached (success). */
int rlm_rmi_rtt_set_ripas(const struct rlm_conduit *c, uint64_t rd,
			  uint64_t rec, uint64_t base, uint64_t top,
			  uint64_t *out_top, struct rlm_rmi_result *res);

/* ---- parameter pages through the conduit's view of host memory --------- */

/*
 * These pack a parameter page into host memory at its PA, through
 * rlm_conduit_ns_map() (RLM_ENOTSUP when the conduit cannot map it), then
 * make the call.  Argument checks are those of the plain calls.
 */
int rlm_rmi_realm_create_params(const struct rlm_conduit *c, uint64_t rd,
				uint64_t params_pa,
				const struct rlm_realm_params *params,
				struct rlm_rmi_result *res);
int rlm_rmi_rec_create_params(const struct rlm_conduit *c, uint64_t rd,
			      uint64_t rec, uint64_t params_pa,
			      const struct rlm_rec_params *params,
			      struct rlm_rmi_result *res);
/*
 * REC_ENTER with enter packed into the RmiRecEnter half of the run page at
 * run_pa; on RMI_SUCCESS the RmiRecExit half is unpacked into exit.
 */
int rlm_rmi_rec_enter_run(const struct rlm_conduit *c, uint64_t rec,
			  uint64_t run_pa, const struct rlm_rec_enter *enter,
			  struct rlm_rec_exit *exit, struct rlm_rmi_result *res);

/* ---- the loops the specification implies ------------------------------ */

/*
 * RTT_INIT_RIPAS over [base, top): call, continue from the returned top,
 * until top is reached.  *progress is always written: the address up to
 * which the RIPAS was initialised (base if nothing was done).  Stops at
 * the first error (RLM_ERMI with res, e.g. RMI_ERROR_RTT when an RTT is
 * missing: create it and call again from *progress).  An answer outside
 * (current base, top] is RLM_ERANGE (the RMM misbehaved; no further call).
 * base == top makes no call; base > top is RLM_EINVAL.
 */
int rlm_rmi_rtt_init_ripas_range(const struct rlm_conduit *c, uint64_t rd,
				 uint64_t base, uint64_t top, uint64_t *progress,
				 struct rlm_rmi_result *res);
/* RTT_SET_RIPAS over [base, top) for rec, the same way. */
int rlm_rmi_rtt_set_ripas_range(const struct rlm_conduit *c, uint64_t rd,
				uint64_t rec, uint64_t base, uint64_t top,
				uint64_t *progress, struct rlm_rmi_result *res);

/* ---- version handshake (struct rlm_version_info: realm/version.h) ---- */

/*
 * RMI_VERSION(1.0).  RMI_SUCCESS means the RMM implements the requested
 * revision (RMM spec: status SUCCESS iff supported; TF-RMM smc_version)
 * and the handshake succeeds.  RMI_ERROR_INPUT means it does not:
 * RLM_EVERSION, with lower/higher in info (rlm_version_describe() names
 * both sides).  Any other status is RLM_ERMI; no answer is RLM_ECONDUIT.
 */
int rlm_rmi_handshake(const struct rlm_conduit *c, struct rlm_version_info *info);

#ifdef __cplusplus
}
#endif

#endif /* RLM_RMI_H */
