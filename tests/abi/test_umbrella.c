/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A program that includes nothing but <realm/realm.h>, built against the
 * public dependency (installed include directory only), sees every RMI/RSI
 * 1.0 constant under its Linux name with RLM_ in front, and the typed-call
 * API.  Compile-time checks, then a run-time check so the test executes.
 */
#include <realm/realm.h>

_Static_assert(RLM_SMC_RMI_DATA_CREATE == 0xC4000153, "DATA_CREATE");
_Static_assert(RLM_SMC_RMI_RTT_SET_RIPAS == 0xC4000169, "RTT_SET_RIPAS");
_Static_assert(RLM_RMI_ERROR_RTT == 4, "ERROR_RTT");
_Static_assert(RLM_SMC_RSI_IPA_STATE_SET == 0xC4000197, "IPA_STATE_SET");
_Static_assert(RLM_SMC_RSI_HOST_CALL == 0xC4000199, "HOST_CALL");
_Static_assert(RLM_RIPAS_DESTROYED == 2, "RIPAS_DESTROYED");
_Static_assert(RLM_REC_EXIT_REASON_RIPAS_CHANGE == 4, "RIPAS_CHANGE");
_Static_assert(RLM_RMI_FEATURE_REGISTER_0_MAX_RECS_ORDER == 0x3c000000000ULL, "feat");
_Static_assert(RLM_REC_EXIT_IMM_OFF == 0x600, "imm");
_Static_assert(RLM_RSI_REALM_CONFIG_RPV_OFF == 0x200, "rpv");

int main(void)
{
	struct rlm_record rec;
	struct rlm_conduit c;
	struct rlm_rmi_result res;

	/* the typed calls, the recorder and the error codes are all visible */
	rlm_record_init(&rec, NULL, 0);
	rlm_record_conduit(&rec, &c);
	if (rlm_rmi_granule_delegate(&c, 0x1001, &res) != RLM_EALIGN)
		return 1;
	if (rlm_record_count(&rec) != 0)
		return 2;
	if (rlm_rmi_granule_delegate(&c, 0x1000, &res) != RLM_ECONDUIT)
		return 3;
	return rlm_record_count(&rec) == 1 ? 0 : 4;
}
