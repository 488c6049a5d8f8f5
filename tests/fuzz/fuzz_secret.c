/* SPDX-License-Identifier: BSD-3-Clause */
/* Fuzz the EFI secret-area parser: a checked area iterates to its end
 * with entries inside the declared length; deleting wipes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <realm/realm.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rlm_secret_entry e;
	size_t count, n = 0, cur = 0;
	uint8_t *copy;

	if (rlm_secret_area_check(data, size, &count))
		return 0;
	while (rlm_secret_area_next(data, size, &cur, &e) == 0) {
		if (e.data < data || e.data + e.len > data + size)
			abort();
		n++;
	}
	if (n != count)
		abort();
	if (!count)
		return 0;
	copy = malloc(size);
	memcpy(copy, data, size);
	cur = 0;
	if (rlm_secret_area_next(copy, size, &cur, &e) ||
	    rlm_secret_area_delete(copy, size, &e.guid) ||
	    rlm_secret_area_check(copy, size, &n) || n >= count)
		abort();
	free(copy);
	return 0;
}
