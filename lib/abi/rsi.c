/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Typed RSI 1.0 calls and their loops (see realm/rsi.h).  Register
 * assignments: TF-RMM rmm-spec-v1.0-rel0 lib/smc/include/smc-rsi.h and the
 * handlers (runtime/rsi/memory.c: IPA_STATE_SET X1..X4 in, IPA_STATE_GET
 * X1/X2 in and out; runtime/rmi/run.c complete_set_ripas: X1 new base,
 * X2 response; realm_attest.c: MEASUREMENT_READ X1..X8 out, EXTEND X1
 * index, X2 size, X3..X10 data, TOKEN_INIT X1..X8 challenge -> X1 bound,
 * TOKEN_CONTINUE X1 IPA, X2 offset, X3 size -> X1 written; host_call.c).
 * The loops follow Linux arm64 (rsi.h rsi_set_memory_range,
 * arm-cca-guest.c; DEN0137 1.0-rel0 RSI_IPA_STATE_SET, attestation flow).
 */
#include <realm/rsi.h>
#include <realm/error.h>
#include "abi/call.h"
#include "core/bytes.h"

int rlm_rsi_decode(uint64_t x0, uint8_t *status)
{
	if (status)
		*status = (uint8_t)x0;
	if (x0 == RLM_SMCCC_NOT_SUPPORTED)
		return RLM_ECONDUIT;
	if (x0 > RLM_RSI_ERROR_UNKNOWN)
		return RLM_EMALFORMED;
	return 0;
}

/* Names from RLM_RSI_STATUSES; "RSI_STATUS_UNKNOWN" (never NULL) otherwise. */
#define RSI_STATUS_NAME_(n) [RLM_RSI_##n] = "RSI_" #n,
static const char *const rsi_status_names_[] = {
	RLM_RSI_STATUSES(RSI_STATUS_NAME_)
};

const char *rlm_rsi_status_name(unsigned int status)
{
	RLM_STATIC_ASSERT(RLM_ARRAY_SIZE(rsi_status_names_) ==
			  RLM_RSI_STATUS_LAST + 1,
			  "the table ends at the last status value");
	if (status >= RLM_ARRAY_SIZE(rsi_status_names_) ||
	    !rsi_status_names_[status])
		return "RSI_STATUS_UNKNOWN";
	return rsi_status_names_[status];
}

/*
 * Make the call in r and decode X0 into res.  Returns 0 for RSI_SUCCESS and,
 * if incomplete_ok, for RSI_INCOMPLETE.
 */
static int rsi_call_(const struct rlm_conduit *c, struct rlm_smc_regs *r,
		     struct rlm_rsi_result *res, bool incomplete_ok)
{
	uint8_t st;
	int rc;

	if (rlm_call_raw_(c, r)) {
		if (res) {
			res->x0 = RLM_SMCCC_NOT_SUPPORTED;
			res->status = 0xff;
		}
		return RLM_ECONDUIT;
	}
	rc = rlm_rsi_decode(r->x[0], &st);
	if (res) {
		res->x0 = r->x[0];
		res->status = st;
	}
	if (rc)
		return rc;
	if (st == RLM_RSI_SUCCESS || (incomplete_ok && st == RLM_RSI_INCOMPLETE))
		return 0;
	return RLM_ERSI;
}

static int rsi_simple_(const struct rlm_conduit *c, uint64_t fid, uint64_t a1,
		       uint64_t a2, uint64_t a3, uint64_t a4,
		       struct rlm_smc_regs *r, struct rlm_rsi_result *res)
{
	rlm_regs_set_(r, fid, a1, a2, a3, a4, 0);
	return rsi_call_(c, r, res, false);
}

int rlm_rsi_version(const struct rlm_conduit *c, uint64_t requested,
		    uint64_t *lower, uint64_t *higher, struct rlm_rsi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!rlm_conduit_ok_(c) || !lower || !higher)
		return RLM_EINVAL;
	rc = rsi_simple_(c, RLM_SMC_RSI_VERSION, requested, 0, 0, 0, &r, res);
	/* TF-RMM handle_rsi_version sets X1/X2 whatever the status. */
	if (rc == 0 || rc == RLM_ERSI) {
		*lower = r.x[1];
		*higher = r.x[2];
	}
	return rc;
}

int rlm_rsi_features(const struct rlm_conduit *c, uint64_t index,
		     uint64_t *value, struct rlm_rsi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!rlm_conduit_ok_(c) || !value)
		return RLM_EINVAL;
	rc = rsi_simple_(c, RLM_SMC_RSI_FEATURES, index, 0, 0, 0, &r, res);
	if (rc == 0)
		*value = r.x[1];
	return rc;
}

int rlm_rsi_measurement_read(const struct rlm_conduit *c, unsigned int index,
			     uint8_t value[RLM_MEASUREMENT_MAX_SIZE],
			     struct rlm_rsi_result *res)
{
	struct rlm_smc_regs r;
	unsigned int i;
	int rc;

	if (!rlm_conduit_ok_(c) || !value)
		return RLM_EINVAL;
	if (index >= RLM_MEASUREMENT_SLOTS)
		return RLM_ERANGE;
	rc = rsi_simple_(c, RLM_SMC_RSI_MEASUREMENT_READ, index, 0, 0, 0, &r, res);
	if (rc == 0)
		for (i = 0; i < RLM_MEASUREMENT_MAX_SIZE / 8; i++)
			rlm_put_le64(value + 8 * i, r.x[1 + i]);
	return rc;
}

int rlm_rsi_measurement_extend(const struct rlm_conduit *c, unsigned int index,
			       const uint8_t *data, size_t size,
			       struct rlm_rsi_result *res)
{
	struct rlm_smc_regs r;

	if (!rlm_conduit_ok_(c) || (!data && size))
		return RLM_EINVAL;
	if (index < RLM_MEASUREMENT_REM0 || index >= RLM_MEASUREMENT_SLOTS)
		return RLM_ERANGE;
	if (size > RLM_MEASUREMENT_MAX_SIZE)
		return RLM_E2BIG;
	rlm_regs_set_(&r, RLM_SMC_RSI_MEASUREMENT_EXTEND, index, size, 0, 0, 0);
	rlm_regs_pack_le_(&r, 3, data, size);
	return rsi_call_(c, &r, res, false);
}

int rlm_rsi_attestation_token_init(const struct rlm_conduit *c,
				   const uint8_t *challenge, size_t challenge_len,
				   uint64_t *max_size, struct rlm_rsi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!rlm_conduit_ok_(c) || !challenge || !max_size)
		return RLM_EINVAL;
	if (challenge_len < RLM_CHALLENGE_MIN_SIZE ||
	    challenge_len > RLM_CHALLENGE_SIZE)
		return RLM_ERANGE;
	rlm_regs_set_(&r, RLM_SMC_RSI_ATTESTATION_TOKEN_INIT, 0, 0, 0, 0, 0);
	rlm_regs_pack_le_(&r, 1, challenge, challenge_len);
	rc = rsi_call_(c, &r, res, false);
	if (rc == 0)
		*max_size = r.x[1];
	return rc;
}

int rlm_rsi_attestation_token_continue(const struct rlm_conduit *c,
				       uint64_t granule_ipa, uint64_t offset,
				       uint64_t size, uint64_t *written,
				       bool *more, struct rlm_rsi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!rlm_conduit_ok_(c) || !written || !more)
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(granule_ipa))
		return RLM_EALIGN;
	if (offset >= RLM_GRANULE_SIZE || size > RLM_GRANULE_SIZE - offset)
		return RLM_ERANGE;
	rlm_regs_set_(&r, RLM_SMC_RSI_ATTESTATION_TOKEN_CONTINUE, granule_ipa,
		      offset, size, 0, 0);
	rc = rsi_call_(c, &r, res, true);
	if (rc == 0) {
		*written = r.x[1];
		*more = r.x[0] == RLM_RSI_INCOMPLETE;
	}
	return rc;
}

int rlm_rsi_realm_config(const struct rlm_conduit *c, uint64_t config_ipa,
			 struct rlm_rsi_result *res)
{
	struct rlm_smc_regs r;

	if (!rlm_conduit_ok_(c))
		return RLM_EINVAL;
	if (!rlm_granule_aligned_(config_ipa))
		return RLM_EALIGN;
	return rsi_simple_(c, RLM_SMC_RSI_REALM_CONFIG, config_ipa, 0, 0, 0, &r,
			   res);
}

int rlm_rsi_ipa_state_set(const struct rlm_conduit *c, uint64_t base,
			  uint64_t top, unsigned int ripas, uint64_t flags,
			  uint64_t *new_base, uint64_t *response,
			  struct rlm_rsi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!rlm_conduit_ok_(c) || !new_base || !response)
		return RLM_EINVAL;
	if (flags & ~(uint64_t)RLM_RSI_CHANGE_DESTROYED)
		return RLM_EINVAL;
	/* RSI 1.0 lets a realm ask for EMPTY or RAM only (TF-RMM memory.c). */
	if (ripas > RLM_RIPAS_RAM)
		return RLM_ERANGE;
	rc = rsi_simple_(c, RLM_SMC_RSI_IPA_STATE_SET, base, top, ripas, flags,
			 &r, res);
	if (rc == 0) {
		*new_base = r.x[1];
		*response = r.x[2];
	}
	return rc;
}

int rlm_rsi_ipa_state_get(const struct rlm_conduit *c, uint64_t base,
			  uint64_t end, uint64_t *top, uint8_t *ripas,
			  struct rlm_rsi_result *res)
{
	struct rlm_smc_regs r;
	int rc;

	if (!rlm_conduit_ok_(c) || !top || !ripas)
		return RLM_EINVAL;
	rc = rsi_simple_(c, RLM_SMC_RSI_IPA_STATE_GET, base, end, 0, 0, &r, res);
	if (rc == 0) {
		*top = r.x[1];
		*ripas = (uint8_t)r.x[2];
	}
	return rc;
}

int rlm_rsi_host_call(const struct rlm_conduit *c, uint64_t host_call_ipa,
		      struct rlm_rsi_result *res)
{
	struct rlm_smc_regs r;

	if (!rlm_conduit_ok_(c))
		return RLM_EINVAL;
	if (host_call_ipa & (RLM_RSI_HOST_CALL_SIZE - 1))
		return RLM_EALIGN;
	return rsi_simple_(c, RLM_SMC_RSI_HOST_CALL, host_call_ipa, 0, 0, 0, &r,
			   res);
}

/* ---- over a CPU view ------------------------------------------------------ */

int rlm_rsi_realm_config_read(const struct rlm_conduit *c, uint64_t config_ipa,
			      const uint8_t *buf, size_t buf_len,
			      struct rlm_rsi_realm_config *cfg,
			      struct rlm_rsi_result *res)
{
	int rc;

	if (!rlm_conduit_ok_(c) || !buf || !cfg)
		return RLM_EINVAL;
	if (buf_len < RLM_RSI_REALM_CONFIG_SIZE)
		return RLM_ENOSPC;
	if (!rlm_granule_aligned_(config_ipa))
		return RLM_EALIGN;
	rc = rlm_rsi_realm_config(c, config_ipa, res);
	if (rc)
		return rc;
	return rlm_unpack_rsi_realm_config(cfg, buf, buf_len);
}

int rlm_rsi_host_call_exchange(const struct rlm_conduit *c,
			       uint64_t host_call_ipa, uint8_t *buf,
			       size_t buf_len, struct rlm_rsi_host_call *hc,
			       struct rlm_rsi_result *res)
{
	int rc;

	if (!rlm_conduit_ok_(c) || !buf || !hc)
		return RLM_EINVAL;
	if (buf_len < RLM_RSI_HOST_CALL_SIZE)
		return RLM_ENOSPC;
	if (host_call_ipa & (RLM_RSI_HOST_CALL_SIZE - 1))
		return RLM_EALIGN;
	rc = rlm_pack_rsi_host_call(hc, buf, buf_len);
	if (rc)
		return rc;
	rc = rlm_rsi_host_call(c, host_call_ipa, res);
	if (rc)
		return rc;
	return rlm_unpack_rsi_host_call(hc, buf, buf_len);
}

/* ---- loops ---------------------------------------------------------------- */

int rlm_rsi_set_ipa_state_range(const struct rlm_conduit *c, uint64_t start,
				uint64_t end, unsigned int ripas, uint64_t flags,
				uint64_t *progress, struct rlm_rsi_result *res)
{
	uint64_t next, response;
	int rc;

	if (!rlm_conduit_ok_(c) || !progress)
		return RLM_EINVAL;
	*progress = start;
	if (start > end || (flags & ~(uint64_t)RLM_RSI_CHANGE_DESTROYED))
		return RLM_EINVAL;
	if (ripas > RLM_RIPAS_RAM)
		return RLM_ERANGE;
	while (start != end) {
		rc = rlm_rsi_ipa_state_set(c, start, end, ripas, flags, &next,
					   &response, res);
		if (rc)
			return rc;
		/*
		 * A REJECT may come with no progress at all (TF-RMM
		 * complete_set_ripas answers the base it reached), so it is
		 * judged before the progress rule.
		 */
		if (response == RLM_RSI_REJECT && next >= start && next <= end) {
			*progress = next;
			return RLM_EPERM;
		}
		if (next <= start || next > end)
			return RLM_ERANGE;
		if (response != RLM_RSI_ACCEPT)
			return RLM_EMALFORMED;
		start = next;
		*progress = start;
	}
	return 0;
}

int rlm_rsi_ipa_state_walk(const struct rlm_conduit *c, uint64_t start,
			   uint64_t end, rlm_rsi_ripas_cb cb, void *arg,
			   struct rlm_rsi_result *res)
{
	uint64_t top;
	uint8_t ripas;
	int rc;

	if (!rlm_conduit_ok_(c) || !cb || start > end)
		return RLM_EINVAL;
	while (start < end) {
		rc = rlm_rsi_ipa_state_get(c, start, end, &top, &ripas, res);
		if (rc)
			return rc;
		if (top <= start || top > end)
			return RLM_ERANGE;
		rc = cb(arg, start, top, ripas);
		if (rc)
			return rc;
		start = top;
	}
	return 0;
}

struct protected_walk_ {
	bool found_empty;
};

static int protected_cb_(void *arg, uint64_t base, uint64_t top, uint8_t ripas)
{
	struct protected_walk_ *w = arg;

	(void)base;
	(void)top;
	if (ripas == RLM_RIPAS_EMPTY) {
		w->found_empty = true;
		return 1; /* stop */
	}
	return 0;
}

int rlm_rsi_range_is_protected(const struct rlm_conduit *c, uint64_t start,
			       uint64_t end, bool *protected_,
			       struct rlm_rsi_result *res)
{
	struct protected_walk_ w = { false };
	int rc;

	if (!rlm_conduit_ok_(c) || !protected_ || start > end)
		return RLM_EINVAL;
	rc = rlm_rsi_ipa_state_walk(c, start, end, protected_cb_, &w, res);
	if (rc < 0)
		return rc;
	*protected_ = !w.found_empty;
	return 0;
}

int rlm_rsi_attestation_token(const struct rlm_conduit *c,
			      const uint8_t *challenge, size_t challenge_len,
			      uint64_t granule_ipa, uint8_t *granule,
			      uint8_t *out, size_t out_cap, size_t *token_len,
			      struct rlm_rsi_result *res)
{
	uint64_t bound, total = 0, offset, written;
	bool more = true;
	int rc;

	if (!rlm_conduit_ok_(c) || !challenge || !granule || !token_len ||
	    (!out && out_cap))
		return RLM_EINVAL;
	*token_len = 0;
	if (challenge_len < RLM_CHALLENGE_MIN_SIZE ||
	    challenge_len > RLM_CHALLENGE_SIZE)
		return RLM_ERANGE;
	if (!rlm_granule_aligned_(granule_ipa))
		return RLM_EALIGN;

	rc = rlm_rsi_attestation_token_init(c, challenge, challenge_len, &bound,
					    res);
	if (rc)
		return rc;
	while (more) {
		/* Fill the granule until it is full or the token is done. */
		offset = 0;
		do {
			rc = rlm_rsi_attestation_token_continue(c, granule_ipa,
						offset, RLM_GRANULE_SIZE - offset,
						&written, &more, res);
			if (rc)
				goto out;
			if (written > RLM_GRANULE_SIZE - offset) {
				rc = RLM_ERANGE;
				goto out;
			}
			offset += written;
		} while (more && offset < RLM_GRANULE_SIZE);

		if (offset > bound - total) {
			rc = RLM_ERANGE; /* longer than TOKEN_INIT promised */
			goto out;
		}
		if (total < out_cap) {
			size_t n = (size_t)offset;

			if (n > out_cap - (size_t)total)
				n = out_cap - (size_t)total;
			rlm_memcpy(out + total, granule, n);
		}
		total += offset;
	}
	rc = total > out_cap ? RLM_ENOSPC : 0;
out:
	*token_len = (size_t)total;
	return rc;
}
