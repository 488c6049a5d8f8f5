/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Typed RMI 2.0 (beta) calls for a realm's life (realm/rmi2.h).  FIDs and
 * argument / result registers: realm/abi2.h's table, checked against TF-RMM
 * main 9a7f8ef46378320ad69140a42e51c1ccf5914661 (smc-rmi.h comments,
 * runtime/core/handler.c counts); which commands answer INCOMPLETE:
 * runtime/rmi/sro.c's handle table (REC_CREATE, REC_DESTROY, RTT_DATA_MAP,
 * RTT_DATA_UNMAP, RTT_UNPROT_UNMAP among the realm's).
 */
#include <realm/rmi2.h>
#include <realm/error.h>
#include "abi/call2.h"

static bool level_ok_(int level)
{
	return level >= RLM_RTT_MIN_LEVEL_LPA2 && level <= RLM_RTT_MAX_LEVEL;
}

static int simple_(const struct rlm_conduit *c, uint64_t fid, uint64_t a1,
		   uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
		   struct rlm_smc_regs *r, struct rlm_rmi_result *res)
{
	if (!rlm_conduit_ok_(c))
		return RLM_EINVAL;
	rlm_regs_set_(r, fid, a1, a2, a3, a4, a5);
	return rlm_rmi2_call_(c, r, res);
}

int rlm_rmi2_features_read(const struct rlm_conduit *c,
			   struct rlm_rmi2_features *out,
			   struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;
	uint64_t reg[5];
	unsigned int i;
	int rc;

	if (!rlm_conduit_ok_(c) || !out)
		return RLM_EINVAL;
	for (i = 0; i < 5; i++) {
		rc = simple_(c, RLM_SMC_RMI2_FEATURES, i, 0, 0, 0, 0, &r, res);
		if (rc)
			return rc;
		reg[i] = r.x[1];
	}
	return rlm_rmi2_features_decode(reg, out);
}

static int range_(const struct rlm_conduit *c, uint64_t fid, uint64_t base,
		  uint64_t top, uint64_t *next, struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!rlm_conduit_ok_(c) || !next)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(base) || !rlm_granule_aligned_(top))
		return RLM_EALIGN;
	if (top <= base)
		return RLM_ERANGE;
	rc = simple_(c, fid, base, top, 0, 0, 0, &r, res);
	if (rc == 0)
		*next = r.x[1];
	return rc;
}

int rlm_rmi2_granule_range_delegate(const struct rlm_conduit *c, uint64_t base,
				    uint64_t top, uint64_t *next,
				    struct rlm_rmi_result *res)
{
	return range_(c, RLM_SMC_RMI2_GRANULE_RANGE_DELEGATE, base, top, next, res);
}

int rlm_rmi2_granule_range_undelegate(const struct rlm_conduit *c,
				      uint64_t base, uint64_t top,
				      uint64_t *next, struct rlm_rmi_result *res)
{
	return range_(c, RLM_SMC_RMI2_GRANULE_RANGE_UNDELEGATE, base, top, next,
		      res);
}

static int range_all_(const struct rlm_conduit *c, uint64_t fid, uint64_t base,
		      uint64_t top, unsigned int max_retries, uint64_t *done,
		      struct rlm_rmi_result *res)
{
	struct rlm_rmi_result local;
	unsigned int busy = 0;
	uint64_t at = base, next = 0;
	int rc = 0;

	if (!res)
		res = &local;
	while (at < top) {
		rc = range_(c, fid, at, top, &next, res);
		if (rc == RLM_ERMI && res->status == RLM_RMI_BUSY &&
		    busy++ < max_retries)
			continue;
		if (rc)
			break;
		/* progress must be forward, granule-aligned, within the range */
		if (next <= at || next > top || !rlm_granule_aligned_(next)) {
			rc = RLM_EMALFORMED;
			break;
		}
		at = next;
		busy = 0;
	}
	if (rc == RLM_ERMI && res->status == RLM_RMI_BUSY)
		rc = RLM_EBUSY;
	if (done)
		*done = at;
	return rc;
}

int rlm_rmi2_granule_range_delegate_all(const struct rlm_conduit *c,
					uint64_t base, uint64_t top,
					unsigned int max_retries, uint64_t *done,
					struct rlm_rmi_result *res)
{
	return range_all_(c, RLM_SMC_RMI2_GRANULE_RANGE_DELEGATE, base, top,
			  max_retries, done, res);
}

int rlm_rmi2_granule_range_undelegate_all(const struct rlm_conduit *c,
					  uint64_t base, uint64_t top,
					  unsigned int max_retries,
					  uint64_t *done,
					  struct rlm_rmi_result *res)
{
	return range_all_(c, RLM_SMC_RMI2_GRANULE_RANGE_UNDELEGATE, base, top,
			  max_retries, done, res);
}

static int rd_only_(const struct rlm_conduit *c, uint64_t fid, uint64_t rd,
		    struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;

	if (!rlm_granule_aligned_(rd))
		return RLM_EALIGN;
	return simple_(c, fid, rd, 0, 0, 0, 0, &r, res);
}

int rlm_rmi2_realm_create(const struct rlm_conduit *c, uint64_t rd,
			  uint64_t params, struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;

	if (!rlm_granule_aligned_(rd) || !rlm_granule_aligned_(params))
		return RLM_EALIGN;
	return simple_(c, RLM_SMC_RMI2_REALM_CREATE, rd, params, 0, 0, 0, &r, res);
}

int rlm_rmi2_realm_activate(const struct rlm_conduit *c, uint64_t rd,
			    struct rlm_rmi_result *res)
{
	return rd_only_(c, RLM_SMC_RMI2_REALM_ACTIVATE, rd, res);
}

int rlm_rmi2_realm_terminate(const struct rlm_conduit *c, uint64_t rd,
			     struct rlm_rmi_result *res)
{
	return rd_only_(c, RLM_SMC_RMI2_REALM_TERMINATE, rd, res);
}

int rlm_rmi2_realm_destroy(const struct rlm_conduit *c, uint64_t rd,
			   struct rlm_rmi_result *res)
{
	return rd_only_(c, RLM_SMC_RMI2_REALM_DESTROY, rd, res);
}

static int op_(struct rlm_rmi2_op *op, uint64_t fid, uint64_t a1, uint64_t a2,
	       uint64_t a3, uint64_t a4, uint64_t a5, struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;

	if (!op)
		return RLM_EINVAL;
	rlm_regs_set_(&r, fid, a1, a2, a3, a4, a5);
	return rlm_rmi2_op_run(op, &r, res);
}

int rlm_rmi2_rec_create(struct rlm_rmi2_op *op, uint64_t rd, uint64_t rec,
			uint64_t params, struct rlm_rmi_result *res)
{
	if (!rlm_granule_aligned_(rd) || !rlm_granule_aligned_(rec) ||
	    !rlm_granule_aligned_(params))
		return RLM_EALIGN;
	return op_(op, RLM_SMC_RMI2_REC_CREATE, rd, rec, params, 0, 0, res);
}

int rlm_rmi2_rec_destroy(struct rlm_rmi2_op *op, uint64_t rec,
			 struct rlm_rmi_result *res)
{
	if (!rlm_granule_aligned_(rec))
		return RLM_EALIGN;
	return op_(op, RLM_SMC_RMI2_REC_DESTROY, rec, 0, 0, 0, 0, res);
}

int rlm_rmi2_rec_enter(const struct rlm_conduit *c, uint64_t rec,
		       uint64_t run, struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;

	if (!rlm_granule_aligned_(rec) || !rlm_granule_aligned_(run))
		return RLM_EALIGN;
	return simple_(c, RLM_SMC_RMI2_REC_ENTER, rec, run, 0, 0, 0, &r, res);
}

int rlm_rmi2_psci_complete(const struct rlm_conduit *c, uint64_t calling,
			   uint64_t target, uint64_t status,
			   struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;

	if (!rlm_granule_aligned_(calling) || !rlm_granule_aligned_(target))
		return RLM_EALIGN;
	return simple_(c, RLM_SMC_RMI2_PSCI_COMPLETE, calling, target, status, 0,
		       0, &r, res);
}

int rlm_rmi2_rtt_create(const struct rlm_conduit *c, uint64_t rd,
			uint64_t rtt, uint64_t ipa, int level,
			struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;

	if (!rlm_granule_aligned_(rd) || !rlm_granule_aligned_(rtt))
		return RLM_EALIGN;
	if (!level_ok_(level))
		return RLM_ERANGE;
	return simple_(c, RLM_SMC_RMI2_RTT_CREATE, rd, rtt, ipa,
		       (uint64_t)(int64_t)level, 0, &r, res);
}

int rlm_rmi2_rtt_destroy(const struct rlm_conduit *c, uint64_t rd,
			 uint64_t ipa, int level, uint64_t *rtt, uint64_t *top,
			 struct rlm_rmi_result *res)
{
	struct rlm_rmi_result local;
	struct rlm_smc_regs r;
	int rc;

	if (!rtt || !top)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd))
		return RLM_EALIGN;
	if (!level_ok_(level))
		return RLM_ERANGE;
	if (!res)
		res = &local;
	rc = simple_(c, RLM_SMC_RMI2_RTT_DESTROY, rd, ipa, (uint64_t)(int64_t)level,
		     0, 0, &r, res);
	if (rc == 0)
		*rtt = r.x[1];
	if (rc == 0 || (rc == RLM_ERMI && res->status == RLM_RMI_ERROR_RTT))
		*top = r.x[2];
	return rc;
}

int rlm_rmi2_rtt_init_ripas(const struct rlm_conduit *c, uint64_t rd,
			    uint64_t base, uint64_t top, uint64_t *out_top,
			    struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!out_top)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd) || !rlm_granule_aligned_(base) ||
	    !rlm_granule_aligned_(top))
		return RLM_EALIGN;
	if (top <= base)
		return RLM_ERANGE;
	rc = simple_(c, RLM_SMC_RMI2_RTT_INIT_RIPAS, rd, base, top, 0, 0, &r, res);
	if (rc == 0)
		*out_top = r.x[1];
	return rc;
}

int rlm_rmi2_rtt_data_map_init(const struct rlm_conduit *c, uint64_t rd,
			       uint64_t data, uint64_t ipa, uint64_t src,
			       uint64_t flags, struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;

	if (!rlm_granule_aligned_(rd) || !rlm_granule_aligned_(data) ||
	    !rlm_granule_aligned_(ipa) || !rlm_granule_aligned_(src))
		return RLM_EALIGN;
	if (flags > RLM_RMI_MEASURE_CONTENT)
		return RLM_EINVAL;
	return simple_(c, RLM_SMC_RMI2_RTT_DATA_MAP_INIT, rd, data, ipa, src, flags,
		       &r, res);
}

static int map_check_(uint64_t rd, uint64_t base, uint64_t top)
{
	if (!rlm_granule_aligned_(rd) || !rlm_granule_aligned_(base) ||
	    !rlm_granule_aligned_(top))
		return RLM_EALIGN;
	return top <= base ? RLM_ERANGE : 0;
}

int rlm_rmi2_rtt_data_map(struct rlm_rmi2_op *op, uint64_t rd, uint64_t base,
			  uint64_t top, uint64_t flags, uint64_t oaddr,
			  uint64_t *next, struct rlm_rmi_result *res)
{
	int rc;

	if (!next)
		return RLM_EINVAL;
	rc = map_check_(rd, base, top);
	if (rc)
		return rc;
	rc = op_(op, RLM_SMC_RMI2_RTT_DATA_MAP, rd, base, top, flags, oaddr, res);
	if (rc == 0)
		*next = op->out.x[1];
	return rc;
}

int rlm_rmi2_rtt_unprot_map(const struct rlm_conduit *c, uint64_t rd,
			    uint64_t base, uint64_t top, uint64_t flags,
			    uint64_t oaddr, uint64_t *next,
			    struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!next)
		return RLM_EINVAL;
	rc = map_check_(rd, base, top);
	if (rc)
		return rc;
	rc = simple_(c, RLM_SMC_RMI2_RTT_UNPROT_MAP, rd, base, top, flags, oaddr,
		     &r, res);
	if (rc == 0)
		*next = r.x[1];
	return rc;
}

static int unmap_(struct rlm_rmi2_op *op, uint64_t fid, uint64_t rd,
		  uint64_t base, uint64_t top, uint64_t flags, uint64_t oaddr,
		  struct rlm_rmi2_unmap_out *out, struct rlm_rmi_result *res)
{
	int rc;

	if (!out)
		return RLM_EINVAL;
	rc = map_check_(rd, base, top);
	if (rc)
		return rc;
	rc = op_(op, fid, rd, base, top, flags, oaddr, res);
	if (rc == 0) {
		out->top = op->out.x[1];
		out->range = op->out.x[2];
		out->count = op->out.x[3];
	}
	return rc;
}

int rlm_rmi2_rtt_data_unmap(struct rlm_rmi2_op *op, uint64_t rd, uint64_t base,
			    uint64_t top, uint64_t flags, uint64_t oaddr,
			    struct rlm_rmi2_unmap_out *out,
			    struct rlm_rmi_result *res)
{
	return unmap_(op, RLM_SMC_RMI2_RTT_DATA_UNMAP, rd, base, top, flags, oaddr,
		      out, res);
}

int rlm_rmi2_rtt_unprot_unmap(struct rlm_rmi2_op *op, uint64_t rd,
			      uint64_t base, uint64_t top, uint64_t flags,
			      uint64_t oaddr, struct rlm_rmi2_unmap_out *out,
			      struct rlm_rmi_result *res)
{
	return unmap_(op, RLM_SMC_RMI2_RTT_UNPROT_UNMAP, rd, base, top, flags,
		      oaddr, out, res);
}

int rlm_rmi2_rtt_set_ripas(const struct rlm_conduit *c, uint64_t rd,
			   uint64_t rec, uint64_t base, uint64_t top,
			   uint64_t *out_top, struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!out_top)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd) || !rlm_granule_aligned_(rec) ||
	    !rlm_granule_aligned_(base) || !rlm_granule_aligned_(top))
		return RLM_EALIGN;
	if (top <= base)
		return RLM_ERANGE;
	rc = simple_(c, RLM_SMC_RMI2_RTT_SET_RIPAS, rd, rec, base, top, 0, &r, res);
	if (rc == 0)
		*out_top = r.x[1];
	return rc;
}

int rlm_rmi2_rtt_fold(const struct rlm_conduit *c, uint64_t rd, uint64_t ipa,
		      int level, uint64_t *rtt, struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!rtt)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd))
		return RLM_EALIGN;
	if (!level_ok_(level))
		return RLM_ERANGE;
	rc = simple_(c, RLM_SMC_RMI2_RTT_FOLD, rd, ipa, (uint64_t)(int64_t)level, 0,
		     0, &r, res);
	if (rc == 0)
		*rtt = r.x[1];
	return rc;
}

int rlm_rmi2_rtt_read_entry(const struct rlm_conduit *c, uint64_t rd,
			    uint64_t ipa, int level,
			    struct rlm_rmi2_rtt_entry *out,
			    struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!out)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(rd))
		return RLM_EALIGN;
	if (!level_ok_(level))
		return RLM_ERANGE;
	rc = simple_(c, RLM_SMC_RMI2_RTT_READ_ENTRY, rd, ipa,
		     (uint64_t)(int64_t)level, 0, 0, &r, res);
	if (rc == 0) {
		out->level = (int64_t)r.x[1];
		out->state = r.x[2];
		out->desc = r.x[3];
		out->ripas = r.x[4];
	}
	return rc;
}
