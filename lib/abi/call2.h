/* SPDX-License-Identifier: BSD-3-Clause */
/* Internal: one RMI 2.0 call with X0 decoded in the 2.0 encoding. */
#ifndef RLM_ABI_CALL2_H
#define RLM_ABI_CALL2_H

#include <realm/abi2.h>
#include <realm/rmi.h>
#include "abi/call.h"

/* 0 on SUCCESS, RLM_ERMI for another status (res says which),
 * RLM_EMALFORMED for an X0 outside the encoding, the conduit's error. */
static inline int rlm_rmi2_call_(const struct rlm_conduit *c,
				 struct rlm_smc_regs *r,
				 struct rlm_rmi_result *res)
{
	uint8_t st = 0, ix = 0;
	int rc = rlm_call_raw_(c, r);

	if (rc)
		return rc;
	if (res) {
		res->x0 = r->x[0];
		res->status = 0;
		res->index = 0;
	}
	rc = rlm_rmi2_decode(r->x[0], &st, &ix, NULL, NULL);
	if (rc)
		return rc;
	if (res) {
		res->status = st;
		res->index = ix;
	}
	return st == RLM_RMI_SUCCESS ? 0 : RLM_ERMI;
}

#endif /* RLM_ABI_CALL2_H */
