/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Logged REM extension: extend a REM and append the matching event to a
 * TCG2 log in one step (realm/eventlog.h).
 */
#include <realm/eventlog.h>
#include <realm/error.h>
#include "core/bytes.h"
#include "measure/eventlog_priv.h"

int rlm_rem_log_extend(const struct rlm_rem_log *rl, unsigned int rem,
		       uint32_t type, const void *data, size_t size,
		       uint8_t digest[RLM_HASH_MAX_SIZE])
{
	uint8_t vals[RLM_TCG_MAX_ALGS][RLM_HASH_MAX_SIZE];
	struct rlm_tcg_digest d[RLM_TCG_MAX_ALGS];
	uint8_t dg[RLM_HASH_MAX_SIZE];
	struct rlm_tcg_builder *b;
	enum rlm_hash_algo algo;
	size_t need, hs;
	int rc;

	if (!rl || !rl->log || !rl->mrs || rem > 3 || (!data && size) ||
	    type == RLM_EV_NO_ACTION)
		return RLM_EINVAL;
	b = rl->log;
	algo = rl->mrs->algo;
	hs = rlm_hash_size(algo);
	if (!hs || algo == RLM_HASH_SHA384 || !log_alg_(b->algs, b->nalgs,
							 rlm_tcg_alg_of(algo)))
		return RLM_EINVAL;   /* the log must carry the realm's hash */
	rc = build_begin_(b, RLM_MR_REM(rem), type, b->nalgs,
			  size, &need);
	if (rc)
		return rc;
	rc = hash_all_(b, data, size, vals, d);
	if (rc)
		return rc;
	rc = rlm_hash_digest(algo, data, size, dg);
	if (rc)
		return rc;
	if (rl->extend) {
		rc = rl->extend(rl->arg, RLM_MR_REM(rem), dg, hs);
		if (rc)
			return rc;
	}
	/* Room was checked above: this cannot fail now. */
	rc = rlm_tcg_build_event(b, RLM_MR_REM(rem), type, d,
				 b->nalgs, data, size);
	if (rc)
		return rc;
	rc = rlm_rem_extend(algo, rl->mrs->rem[rem], dg, hs);
	if (!rc && digest)
		rlm_memcpy(digest, dg, RLM_HASH_MAX_SIZE);
	return rc;
}
