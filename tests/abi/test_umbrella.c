/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A program that includes nothing but <realm/realm.h>, built against the
 * public dependency (installed include directory only), sees every RMI/RSI
 * 1.0 constant under its Linux name with RLM_ in front, and the typed-call
 * API, and <realm/config.h>.  Compile-time checks, then a run-time check.
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

static int calls_;

static int count_call_(void *ctx, struct rlm_smc_regs *regs)
{
	(void)ctx;
	calls_++;
	regs->x[0] = RLM_RMI_SUCCESS;
	return 0;
}

int main(void)
{
	static const struct rlm_conduit_ops ops = { "count", count_call_, NULL };
	struct rlm_conduit c = { &ops, NULL };
	struct rlm_rmi_result res;

	/* the typed calls, the conduit and the error codes are all visible */
	if (rlm_rmi_granule_delegate(&c, 0x1001, &res) != RLM_EALIGN)
		return 1;
	if (calls_ != 0)
		return 2;
	if (rlm_rmi_granule_delegate(&c, 0x1000, &res) != 0)
		return 3;
	/* the build configuration is visible too, and matches the library */
	if (RLM_HAVE_LIBFDT == 0 && rlm_dt_check(NULL, 0, 48, NULL) != RLM_ENOTSUP)
		return 5;
	return calls_ == 1 ? 0 : 4;
}
