/* SPDX-License-Identifier: BSD-3-Clause */
/* Fuzz the host's REC exit decoder: any exit page decodes or is refused as
 * malformed; what decodes obeys the rules (MMIO only in the unprotected
 * half, sizes 1..8, RIPAS changes aligned inside the protected half) and
 * its completions never set contradictory flags. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <realm/realm.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t page[RLM_REC_EXIT_SIZE];
	struct rlm_rtt_geom g;
	struct rlm_rec_enter e;
	struct rlm_exit x;
	int ret;

	if (size < 1)
		return 0;
	if (rlm_rtt_geom_default(&g, 32 + data[0] % 17, false))
		abort();
	memset(page, 0, sizeof(page));
	memcpy(page, data + 1, size - 1 < sizeof(page) ? size - 1 : sizeof(page));
	ret = rlm_exit_decode_page(page, sizeof(page), &g, &x);
	if (ret == RLM_EMALFORMED)
		return 0;
	if (ret)
		abort();
	rlm_exit_enter_init(&e);
	switch (x.kind) {
	case RLM_EXIT_MMIO:
		if (rlm_rtt_is_protected(&g, x.mmio.ipa) ||
		    x.mmio.ipa >= rlm_rtt_ipa_size(&g) ||
		    (x.mmio.size != 1 && x.mmio.size != 2 && x.mmio.size != 4 &&
		     x.mmio.size != 8))
			abort();
		if (x.mmio.write ? rlm_exit_complete_mmio_write(&e, &x) :
				   rlm_exit_complete_mmio_read(&e, &x, ~UINT64_C(0)))
			abort();
		if (x.mmio.size < 8 && (e.gprs[0] >> (8 * x.mmio.size)))
			abort();
		if (rlm_exit_inject_sea(&e, &x, &g) ||
		    (e.flags & RLM_REC_ENTER_FLAG_EMULATED_MMIO))
			abort();
		break;
	case RLM_EXIT_RIPAS_CHANGE:
		if ((x.ripas.base | x.ripas.top) & RLM_GRANULE_MASK ||
		    x.ripas.base >= x.ripas.top || x.ripas.top > rlm_rtt_par_size(&g))
			abort();
		if (rlm_exit_ripas_reject(&e, &x) ||
		    e.flags != RLM_REC_ENTER_FLAG_RIPAS_RESPONSE)
			abort();
		break;
	case RLM_EXIT_PSCI:
		if (x.psci.action < RLM_PSCI_ACT_NOTE ||
		    x.psci.action > RLM_PSCI_ACT_SYSTEM_RESET)
			abort();
		break;
	default:
		if (rlm_exit_complete_mmio_read(&e, &x, 0) != RLM_ESTATE)
			abort();
		break;
	}
	return 0;
}
