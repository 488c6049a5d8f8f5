/* SPDX-License-Identifier: BSD-3-Clause */
/* Fuzz REC exit decoding: any 2 KiB RmiRecExit unpacks, and packing what
 * was unpacked reproduces every byte the layout defines. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <realm/realm.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rlm_rec_exit ex, again;
	uint8_t page[RLM_REC_EXIT_SIZE], out[RLM_REC_EXIT_SIZE];

	/* Zeroed so the struct comparison below sees no stale padding. */
	memset(&ex, 0, sizeof(ex));
	memset(&again, 0, sizeof(again));
	/* A short input must be refused, not read past. */
	if (rlm_unpack_rec_exit(&ex, data, size) == 0 && size < RLM_REC_EXIT_SIZE)
		abort();
	memset(page, 0, sizeof(page));
	memcpy(page, data, size < sizeof(page) ? size : sizeof(page));
	if (rlm_unpack_rec_exit(&ex, page, sizeof(page)))
		abort();
	if (rlm_pack_rec_exit(&ex, out, sizeof(out)))
		abort();
	if (rlm_unpack_rec_exit(&again, out, sizeof(out)))
		abort();
	if (memcmp(&ex, &again, sizeof(ex)) != 0)
		abort();
	return 0;
}
