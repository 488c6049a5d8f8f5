/* SPDX-License-Identifier: BSD-3-Clause */
/* Fuzz the RIPAS tracker: each 3 input bytes are a change (base, length,
 * value) over a 512-granule space in a block small enough to run out;
 * after each, the tracker's invariants hold and it equals a per-granule
 * model (a refused change leaves both untouched). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <realm/realm.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NG 512

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint64_t mem[1024];
	uint8_t model[NG];
	struct rlm_ripas t;
	size_t i;

	memset(model, 0, sizeof(model));
	if (rlm_ripas_init(&t, mem, rlm_ripas_mem_size(4), NG * 4096ull, 0))
		abort();
	for (i = 0; i + 3 <= size; i += 3) {
		uint64_t b = (uint64_t)data[i] * 2, len = 1 + data[i + 1] % 64;
		uint8_t v = data[i + 2] % 4;
		int r;

		if (b + len > NG)
			len = NG - b;
		r = rlm_ripas_set(&t, b * 4096, (b + len) * 4096, v, NULL, NULL);
		if (r == RLM_ENOMEM)
			continue;
		if (r)
			abort();
		memset(model + b, v, len);
		if (rlm_ripas_check(&t))
			abort();
	}
	for (i = 0; i < NG; i++) {
		uint8_t v;

		if (rlm_ripas_get(&t, i * 4096, &v, NULL, NULL) || v != model[i])
			abort();
	}
	return 0;
}
