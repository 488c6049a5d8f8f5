/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Typed RMI 1.0 calls (see realm/rmi.h).  Register assignments: TF-RMM
 * rmm-spec-v1.0-rel0 lib/smc/include/smc-rmi.h and the handler table in
 * runtime/core/handler.c (inputs/outputs per command), checked against the
 * handlers that write res->x[1..4] in runtime/rmi/rtt.c and system.c.
 */
#include <realm/rmi.h>
#include <realm/error.h>
#include "abi/call.h"

int rlm_rmi_decode(uint64_t x0, uint8_t *status, uint8_t *index)
{
	uint8_t st = (uint8_t)RLM_RMI_RETURN_STATUS(x0);
	uint8_t ix = (uint8_t)RLM_RMI_RETURN_INDEX(x0);

	if (status)
		*status = st;
	if (index)
		*index = ix;
	if (x0 == RLM_SMCCC_NOT_SUPPORTED)
		return RLM_ECONDUIT;
	/* RMM 1.0: X0 is status | index << 8; index is zero on success. */
	if ((x0 >> 16) != 0 || (st == RLM_RMI_SUCCESS && ix != 0))
		return RLM_EMALFORMED;
	return 0;
}

/*
 * Names from the one status table (RLM_RMI_STATUSES in realm/abi.h); a value
 * without a row answers "RMI_STATUS_UNKNOWN", never NULL, so the result can
 * always be printed.
 */
#define RMI_STATUS_NAME_(n) [RLM_RMI_##n] = "RMI_" #n,
static const char *const rmi_status_names_[] = {
	RLM_RMI_STATUSES(RMI_STATUS_NAME_)
};

const char *rlm_rmi_status_name(unsigned int status)
{
	RLM_STATIC_ASSERT(RLM_ARRAY_SIZE(rmi_status_names_) ==
			  RLM_RMI_STATUS_LAST + 1,
			  "the table ends at the last status value");
	if (status >= RLM_ARRAY_SIZE(rmi_status_names_) ||
	    !rmi_status_names_[status])
		return "RMI_STATUS_UNKNOWN";
	return rmi_status_names_[status];
}

/* Make the call in r and decode X0 into res. */
static int rmi_call_(const struct rlm_conduit *c, struct rlm_smc_regs *r,
		     struct rlm_rmi_result *res)
{
	uint8_t st, ix;
	int rc;

	if (rlm_call_raw_(c, r)) {
		if (res) {
			res->x0 = RLM_SMCCC_NOT_SUPPORTED;
			res->status = 0xff;
			res->index = 0xff;
		}
		return RLM_ECONDUIT;
	}
	rc = rlm_rmi_decode(r->x[0], &st, &ix);
	if (res) {
		res->x0 = r->x[0];
		res->status = st;
		res->index = ix;
	}
	if (rc)
		return rc;
	return st == RLM_RMI_SUCCESS ? 0 : RLM_ERMI;
}

/* Was the answer RMI_ERROR_RTT (so `top` outputs are defined)? */
static bool rmi_is_error_rtt_(const struct rlm_smc_regs *r)
{
	return RLM_RMI_RETURN_STATUS(r->x[0]) == RLM_RMI_ERROR_RTT &&
	       (r->x[0] >> 16) == 0;
}

static bool level_ok_(int level)
{
	return level >= RLM_RTT_MIN_LEVEL_LPA2 && level <= RLM_RTT_MAX_LEVEL;
}

/* A level travels sign-extended in a 64-bit register (TF-RMM: long). */
static uint64_t level_reg_(int level)
{
	return (uint64_t)(int64_t)level;
}

/* The common case: up to five arguments, no outputs. */
static int rmi_simple_(const struct rlm_conduit *c, uint64_t fid, uint64_t a1,
		       uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
		       struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;

	rlm_regs_set_(&r, fid, a1, a2, a3, a4, a5);
	return rmi_call_(c, &r, res);
}

int rlm_rmi_version(const struct rlm_conduit *c, uint64_t requested,
		    uint64_t *lower, uint64_t *higher, struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!rlm_conduit_ok_(c) || !lower || !higher)
		return RLM_EINVAL;
	rlm_regs_set_(&r, RLM_SMC_RMI_VERSION, requested, 0, 0, 0, 0);
	rc = rmi_call_(c, &r, res);
	/* lower/higher are defined whatever the status (smc_version). */
	if (rc == 0 || rc == RLM_ERMI) {
		*lower = r.x[1];
		*higher = r.x[2];
	}
	return rc;
}

int rlm_rmi_features(const struct rlm_conduit *c, uint64_t index,
		     uint64_t *value, struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!rlm_conduit_ok_(c) || !value)
		return RLM_EINVAL;
	rlm_regs_set_(&r, RLM_SMC_RMI_FEATURES, index, 0, 0, 0, 0);
	rc = rmi_call_(c, &r, res);
	if (rc == 0)
		*value = r.x[1];
	return rc;
}

/* Commands whose one argument is a granule address. */
static int rmi_granule_cmd_(const struct rlm_conduit *c, uint64_t fid,
			    uint64_t addr, struct rlm_rmi_result *res)
{
	if (!rlm_conduit_ok_(c))
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(addr))
		return RLM_EALIGN;
	return rmi_simple_(c, fid, addr, 0, 0, 0, 0, res);
}

int rlm_rmi_granule_delegate(const struct rlm_conduit *c, uint64_t addr,
			     struct rlm_rmi_result *res)
{
	return rmi_granule_cmd_(c, RLM_SMC_RMI_GRANULE_DELEGATE, addr, res);
}

int rlm_rmi_granule_undelegate(const struct rlm_conduit *c, uint64_t addr,
			       struct rlm_rmi_result *res)
{
	return rmi_granule_cmd_(c, RLM_SMC_RMI_GRANULE_UNDELEGATE, addr, res);
}

int rlm_rmi_data_create(const struct rlm_conduit *c, uint64_t rd, uint64_t data,
			uint64_t ipa, uint64_t src, uint64_t flags,
			struct rlm_rmi_result *res)
{
	if (!rlm_conduit_ok_(c))
		return RLM_EINVAL;
	if (flags & ~(uint64_t)RLM_RMI_MEASURE_CONTENT)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd) || !rlm_granule_aligned_(data) ||
	    !rlm_granule_aligned_(src))
		return RLM_EALIGN;
	return rmi_simple_(c, RLM_SMC_RMI_DATA_CREATE, rd, data, ipa, src, flags,
			   res);
}

int rlm_rmi_data_create_unknown(const struct rlm_conduit *c, uint64_t rd,
				uint64_t data, uint64_t ipa,
				struct rlm_rmi_result *res)
{
	if (!rlm_conduit_ok_(c))
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd) || !rlm_granule_aligned_(data))
		return RLM_EALIGN;
	return rmi_simple_(c, RLM_SMC_RMI_DATA_CREATE_UNKNOWN, rd, data, ipa, 0,
			   0, res);
}

int rlm_rmi_data_destroy(const struct rlm_conduit *c, uint64_t rd, uint64_t ipa,
			 uint64_t *data, uint64_t *top, struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!rlm_conduit_ok_(c) || !data || !top)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd))
		return RLM_EALIGN;
	rlm_regs_set_(&r, RLM_SMC_RMI_DATA_DESTROY, rd, ipa, 0, 0, 0);
	rc = rmi_call_(c, &r, res);
	if (rc == 0)
		*data = r.x[1];
	if (rc == 0 || (rc == RLM_ERMI && rmi_is_error_rtt_(&r)))
		*top = r.x[2];
	return rc;
}

int rlm_rmi_realm_activate(const struct rlm_conduit *c, uint64_t rd,
			   struct rlm_rmi_result *res)
{
	return rmi_granule_cmd_(c, RLM_SMC_RMI_REALM_ACTIVATE, rd, res);
}

int rlm_rmi_realm_create(const struct rlm_conduit *c, uint64_t rd,
			 uint64_t params, struct rlm_rmi_result *res)
{
	if (!rlm_conduit_ok_(c))
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd) || !rlm_granule_aligned_(params))
		return RLM_EALIGN;
	return rmi_simple_(c, RLM_SMC_RMI_REALM_CREATE, rd, params, 0, 0, 0, res);
}

int rlm_rmi_realm_destroy(const struct rlm_conduit *c, uint64_t rd,
			  struct rlm_rmi_result *res)
{
	return rmi_granule_cmd_(c, RLM_SMC_RMI_REALM_DESTROY, rd, res);
}

int rlm_rmi_rec_create(const struct rlm_conduit *c, uint64_t rd, uint64_t rec,
		       uint64_t params, struct rlm_rmi_result *res)
{
	if (!rlm_conduit_ok_(c))
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd) || !rlm_granule_aligned_(rec) ||
	    !rlm_granule_aligned_(params))
		return RLM_EALIGN;
	return rmi_simple_(c, RLM_SMC_RMI_REC_CREATE, rd, rec, params, 0, 0, res);
}

int rlm_rmi_rec_destroy(const struct rlm_conduit *c, uint64_t rec,
			struct rlm_rmi_result *res)
{
	return rmi_granule_cmd_(c, RLM_SMC_RMI_REC_DESTROY, rec, res);
}

int rlm_rmi_rec_enter(const struct rlm_conduit *c, uint64_t rec, uint64_t run,
		      struct rlm_rmi_result *res)
{
	if (!rlm_conduit_ok_(c))
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rec) || !rlm_granule_aligned_(run))
		return RLM_EALIGN;
	return rmi_simple_(c, RLM_SMC_RMI_REC_ENTER, rec, run, 0, 0, 0, res);
}

int rlm_rmi_rtt_create(const struct rlm_conduit *c, uint64_t rd, uint64_t rtt,
		       uint64_t ipa, int level, struct rlm_rmi_result *res)
{
	if (!rlm_conduit_ok_(c))
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd) || !rlm_granule_aligned_(rtt))
		return RLM_EALIGN;
	if (!level_ok_(level))
		return RLM_ERANGE;
	return rmi_simple_(c, RLM_SMC_RMI_RTT_CREATE, rd, rtt, ipa,
			   level_reg_(level), 0, res);
}

int rlm_rmi_rtt_destroy(const struct rlm_conduit *c, uint64_t rd, uint64_t ipa,
			int level, uint64_t *rtt, uint64_t *top,
			struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!rlm_conduit_ok_(c) || !rtt || !top)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd))
		return RLM_EALIGN;
	if (!level_ok_(level))
		return RLM_ERANGE;
	rlm_regs_set_(&r, RLM_SMC_RMI_RTT_DESTROY, rd, ipa, level_reg_(level), 0,
		      0);
	rc = rmi_call_(c, &r, res);
	if (rc == 0)
		*rtt = r.x[1];
	if (rc == 0 || (rc == RLM_ERMI && rmi_is_error_rtt_(&r)))
		*top = r.x[2];
	return rc;
}

int rlm_rmi_rtt_map_unprotected(const struct rlm_conduit *c, uint64_t rd,
				uint64_t ipa, int level, uint64_t desc,
				struct rlm_rmi_result *res)
{
	if (!rlm_conduit_ok_(c))
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd))
		return RLM_EALIGN;
	if (!level_ok_(level))
		return RLM_ERANGE;
	return rmi_simple_(c, RLM_SMC_RMI_RTT_MAP_UNPROTECTED, rd, ipa,
			   level_reg_(level), desc, 0, res);
}

int rlm_rmi_rtt_read_entry(const struct rlm_conduit *c, uint64_t rd,
			   uint64_t ipa, int level, struct rlm_rtt_entry *entry,
			   struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!rlm_conduit_ok_(c) || !entry)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd))
		return RLM_EALIGN;
	if (!level_ok_(level))
		return RLM_ERANGE;
	rlm_regs_set_(&r, RLM_SMC_RMI_RTT_READ_ENTRY, rd, ipa, level_reg_(level),
		      0, 0);
	rc = rmi_call_(c, &r, res);
	if (rc == 0) {
		/* X1 is a signed level (TF-RMM: wi.last_level, a long). */
		entry->level = (int)(int64_t)r.x[1];
		entry->state = (uint8_t)r.x[2];
		entry->desc = r.x[3];
		entry->ripas = (uint8_t)r.x[4];
	}
	return rc;
}

int rlm_rmi_rtt_unmap_unprotected(const struct rlm_conduit *c, uint64_t rd,
				  uint64_t ipa, int level, uint64_t *top,
				  struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!rlm_conduit_ok_(c) || !top)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd))
		return RLM_EALIGN;
	if (!level_ok_(level))
		return RLM_ERANGE;
	rlm_regs_set_(&r, RLM_SMC_RMI_RTT_UNMAP_UNPROTECTED, rd, ipa,
		      level_reg_(level), 0, 0);
	rc = rmi_call_(c, &r, res);
	if (rc == 0 || (rc == RLM_ERMI && rmi_is_error_rtt_(&r)))
		*top = r.x[1];
	return rc;
}

int rlm_rmi_psci_complete(const struct rlm_conduit *c, uint64_t calling_rec,
			  uint64_t target_rec, int64_t psci_status,
			  struct rlm_rmi_result *res)
{
	if (!rlm_conduit_ok_(c))
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(calling_rec) || !rlm_granule_aligned_(target_rec))
		return RLM_EALIGN;
	return rmi_simple_(c, RLM_SMC_RMI_PSCI_COMPLETE, calling_rec, target_rec,
			   (uint64_t)psci_status, 0, 0, res);
}

int rlm_rmi_rtt_fold(const struct rlm_conduit *c, uint64_t rd, uint64_t ipa,
		     int level, uint64_t *rtt, struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!rlm_conduit_ok_(c) || !rtt)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd))
		return RLM_EALIGN;
	if (!level_ok_(level))
		return RLM_ERANGE;
	rlm_regs_set_(&r, RLM_SMC_RMI_RTT_FOLD, rd, ipa, level_reg_(level), 0, 0);
	rc = rmi_call_(c, &r, res);
	if (rc == 0)
		*rtt = r.x[1];
	return rc;
}

int rlm_rmi_rec_aux_count(const struct rlm_conduit *c, uint64_t rd,
			  uint64_t *count, struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!rlm_conduit_ok_(c) || !count)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd))
		return RLM_EALIGN;
	rlm_regs_set_(&r, RLM_SMC_RMI_REC_AUX_COUNT, rd, 0, 0, 0, 0);
	rc = rmi_call_(c, &r, res);
	if (rc == 0)
		*count = r.x[1];
	return rc;
}

int rlm_rmi_rtt_init_ripas(const struct rlm_conduit *c, uint64_t rd,
			   uint64_t base, uint64_t top, uint64_t *out_top,
			   struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!rlm_conduit_ok_(c) || !out_top)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd))
		return RLM_EALIGN;
	rlm_regs_set_(&r, RLM_SMC_RMI_RTT_INIT_RIPAS, rd, base, top, 0, 0);
	rc = rmi_call_(c, &r, res);
	if (rc == 0)
		*out_top = r.x[1];
	return rc;
}

int rlm_rmi_rtt_set_ripas(const struct rlm_conduit *c, uint64_t rd,
			  uint64_t rec, uint64_t base, uint64_t top,
			  uint64_t *out_top, struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!rlm_conduit_ok_(c) || !out_top)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd) || !rlm_granule_aligned_(rec))
		return RLM_EALIGN;
	rlm_regs_set_(&r, RLM_SMC_RMI_RTT_SET_RIPAS, rd, rec, base, top, 0);
	rc = rmi_call_(c, &r, res);
	if (rc == 0)
		*out_top = r.x[1];
	return rc;
}

/* ---- parameter pages through the conduit ---------------------------------- */

int rlm_rmi_realm_create_params(const struct rlm_conduit *c, uint64_t rd,
				uint64_t params_pa,
				const struct rlm_realm_params *params,
				struct rlm_rmi_result *res)
{
	uint8_t *page;
	int rc;

	if (!rlm_conduit_ok_(c) || !params)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd) || !rlm_granule_aligned_(params_pa))
		return RLM_EALIGN;
	page = rlm_conduit_ns_map(c, params_pa, RLM_REALM_PARAMS_SIZE);
	if (!page)
		return RLM_ENOTSUP;
	rc = rlm_pack_realm_params(params, page, RLM_REALM_PARAMS_SIZE);
	if (rc)
		return rc;
	return rlm_rmi_realm_create(c, rd, params_pa, res);
}

int rlm_rmi_rec_create_params(const struct rlm_conduit *c, uint64_t rd,
			      uint64_t rec, uint64_t params_pa,
			      const struct rlm_rec_params *params,
			      struct rlm_rmi_result *res)
{
	uint8_t *page;
	int rc;

	if (!rlm_conduit_ok_(c) || !params)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd) || !rlm_granule_aligned_(rec) ||
	    !rlm_granule_aligned_(params_pa))
		return RLM_EALIGN;
	page = rlm_conduit_ns_map(c, params_pa, RLM_REC_PARAMS_SIZE);
	if (!page)
		return RLM_ENOTSUP;
	rc = rlm_pack_rec_params(params, page, RLM_REC_PARAMS_SIZE);
	if (rc)
		return rc;
	return rlm_rmi_rec_create(c, rd, rec, params_pa, res);
}

int rlm_rmi_rec_enter_run(const struct rlm_conduit *c, uint64_t rec,
			  uint64_t run_pa, const struct rlm_rec_enter *enter,
			  struct rlm_rec_exit *exit, struct rlm_rmi_result *res)
{
	uint8_t *run;
	int rc;

	if (!rlm_conduit_ok_(c) || !enter || !exit)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rec) || !rlm_granule_aligned_(run_pa))
		return RLM_EALIGN;
	run = rlm_conduit_ns_map(c, run_pa, RLM_REC_RUN_SIZE);
	if (!run)
		return RLM_ENOTSUP;
	rc = rlm_pack_rec_enter(enter, run + RLM_REC_RUN_ENTER_OFF,
				RLM_REC_ENTER_SIZE);
	if (rc)
		return rc;
	rc = rlm_rmi_rec_enter(c, rec, run_pa, res);
	if (rc)
		return rc;
	return rlm_unpack_rec_exit(exit, run + RLM_REC_RUN_EXIT_OFF,
				   RLM_REC_EXIT_SIZE);
}

/* ---- loops --------------------------------------------------------------- */

int rlm_rmi_rtt_init_ripas_range(const struct rlm_conduit *c, uint64_t rd,
				 uint64_t base, uint64_t top, uint64_t *progress,
				 struct rlm_rmi_result *res)
{
	uint64_t cur = base, next;
	int rc;

	if (!rlm_conduit_ok_(c) || !progress)
		return RLM_EINVAL;
	*progress = base;
	if (base > top)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd))
		return RLM_EALIGN;
	while (cur < top) {
		rc = rlm_rmi_rtt_init_ripas(c, rd, cur, top, &next, res);
		if (rc)
			return rc;
		if (next <= cur || next > top)
			return RLM_ERANGE;
		cur = next;
		*progress = cur;
	}
	return 0;
}

int rlm_rmi_rtt_set_ripas_range(const struct rlm_conduit *c, uint64_t rd,
				uint64_t rec, uint64_t base, uint64_t top,
				uint64_t *progress, struct rlm_rmi_result *res)
{
	uint64_t cur = base, next;
	int rc;

	if (!rlm_conduit_ok_(c) || !progress)
		return RLM_EINVAL;
	*progress = base;
	if (base > top)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd) || !rlm_granule_aligned_(rec))
		return RLM_EALIGN;
	while (cur < top) {
		rc = rlm_rmi_rtt_set_ripas(c, rd, rec, cur, top, &next, res);
		if (rc)
			return rc;
		if (next <= cur || next > top)
			return RLM_ERANGE;
		cur = next;
		*progress = cur;
	}
	return 0;
}
