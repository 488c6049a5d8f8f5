/* SPDX-License-Identifier: BSD-3-Clause */
/* RIPAS tracker in a malloc'd block that grows on demand (userspace). */
#include <stdlib.h>

#include <realm/ripas.h>
#include <realm/error.h>

#define RIPAS_FIRST_LEAVES_ 4

int rlm_ripas_new(uint64_t space, uint8_t initial, struct rlm_ripas **out)
{
	struct rlm_ripas *t;
	size_t len = rlm_ripas_mem_size(RIPAS_FIRST_LEAVES_);
	void *mem;
	int ret;

	if (!out)
		return RLM_EINVAL;
	t = calloc(1, sizeof(*t));
	mem = malloc(len);
	if (!t || !mem) {
		free(t);
		free(mem);
		return RLM_ENOMEM;
	}
	ret = rlm_ripas_init(t, mem, len, space, initial);
	if (ret) {
		free(t);
		free(mem);
		return ret;
	}
	*out = t;
	return 0;
}

int rlm_ripas_set_grow(struct rlm_ripas *t, uint64_t base, uint64_t top,
		       uint8_t ripas, rlm_ripas_change_fn cb, void *arg)
{
	int ret;

	if (!t)
		return RLM_EINVAL;
	ret = rlm_ripas_set(t, base, top, ripas, cb, arg);
	if (ret == RLM_ENOMEM) {
		/* Grow by a quarter (at least two leaves): the block stays
		 * within 25% of what the ranges need. */
		uint32_t cap = t->cap + t->cap / 4 + 2;
		size_t len = rlm_ripas_mem_size(cap);
		void *old = t->mem, *mem = malloc(len);

		if (!mem)
			return RLM_ENOMEM;
		ret = rlm_ripas_move(t, mem, len);
		if (ret) {
			free(mem);
			return ret;
		}
		free(old);
		ret = rlm_ripas_set(t, base, top, ripas, cb, arg);
	}
	return ret;
}

void rlm_ripas_free(struct rlm_ripas *t)
{
	if (!t)
		return;
	free(t->mem);
	free(t);
}
