/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Which calls need the SMCCC 1.2 register set (see realm/conduit-smc.h).
 * Portable, so the decision is tested on every host, not only on arm64.
 */
#include <realm/conduit-smc.h>
#include <realm/abi.h>

bool rlm_smc_needs_smccc_1_2(uint64_t fid)
{
	switch (fid) {
	case RLM_SMC_RSI_MEASUREMENT_READ:       /* results X1..X8 */
	case RLM_SMC_RSI_MEASUREMENT_EXTEND:     /* arguments X1..X10 */
	case RLM_SMC_RSI_ATTESTATION_TOKEN_INIT: /* arguments X1..X8 */
	case RLM_SMC_RSI_HOST_CALL:              /* X4..X17 preserved */
	case RLM_SMC_RMI_RTT_READ_ENTRY:         /* results X1..X4 */
		return true;
	default:
		return false;
	}
}
