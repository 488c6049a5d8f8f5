// SPDX-License-Identifier: BSD-3-Clause
/*
 * realm-shim on an arm64 realm: RSI calls are real SMCs, made through the
 * library's arm64 SMC conduit (realm/conduit-smc.h).  The granule the RMM
 * writes (REALM_CONFIG, attestation token) is a page of the kernel's
 * linear map: in a realm its physical address is its (protected) IPA.
 */
#include <linux/arm-smccc.h>
#include <linux/gfp.h>
#include <linux/printk.h>
#include <linux/mm.h>
#include <asm/memory.h>

#include <realm/conduit-smc.h>
#include <realm/shim-uapi.h>

#include "shim.h"

int shim_smc_start(struct shim_backend *b)
{
	void *page;

	/* An RMM answers SMCs from a realm; in a guest whose firmware calls
	 * are HVCs (or that has none) an SMC traps as undefined: do not issue
	 * one (Linux arm64_rsi_init() makes the same check). */
	if (arm_smccc_1_1_get_conduit() != SMCCC_CONDUIT_SMC) {
		pr_err("realm-shim: not a realm (the SMCCC conduit is not SMC)\n");
		return -ENODEV;
	}
	page = (void *)get_zeroed_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	rlm_smc_arm64_conduit(&b->conduit);
	b->buf = page;
	b->buf_ipa = virt_to_phys(page);
	b->kind = RLM_SHIM_BACKEND_SMC;
	return 0;
}

void shim_smc_stop(struct shim_backend *b)
{
	if (b->buf)
		free_page((unsigned long)b->buf);
	b->buf = NULL;
}
