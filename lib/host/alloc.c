/* SPDX-License-Identifier: BSD-3-Clause */
/* VMID and MECID allocators; see realm/alloc.h. */
#include <realm/alloc.h>
#include <realm/error.h>

static bool bit_get_(const uint64_t *b, uint32_t i)
{
	return (b[i / 64] >> (i % 64)) & 1;
}

static void bit_set_(uint64_t *b, uint32_t i, bool v)
{
	if (v)
		b[i / 64] |= UINT64_C(1) << (i % 64);
	else
		b[i / 64] &= ~(UINT64_C(1) << (i % 64));
}

/* First clear bit in [from, count) then [0, from), skipping whole words;
 * count if none. */
static uint32_t find_clear_(const uint64_t *b, uint32_t count, uint32_t from)
{
	uint32_t pass, i;

	for (pass = 0; pass < 2; pass++) {
		uint32_t lo = pass ? 0 : from, hi = pass ? from : count;

		for (i = lo; i < hi;) {
			if ((i % 64) == 0 && i + 64 <= hi && b[i / 64] == ~UINT64_C(0)) {
				i += 64;
				continue;
			}
			if (!bit_get_(b, i))
				return i;
			i++;
		}
	}
	return count;
}

int rlm_vmid_init(struct rlm_vmid_alloc *a, uint64_t *storage, size_t words,
		  unsigned int vmid_bits)
{
	if (!a || !storage)
		return RLM_EINVAL;
	if (vmid_bits < 1 || vmid_bits > 16)
		return RLM_ERANGE;
	if (words < RLM_ALLOC_WORDS(UINT32_C(1) << vmid_bits))
		return RLM_ENOSPC;
	a->bits = storage;
	a->count = UINT32_C(1) << vmid_bits;
	a->used = 0;
	a->hint = 0;
	rlm_memset(storage, 0, RLM_ALLOC_WORDS(a->count) * sizeof(uint64_t));
	return 0;
}

int rlm_vmid_alloc(struct rlm_vmid_alloc *a, uint16_t *vmid)
{
	uint32_t i;

	if (!a || !vmid || !a->bits)
		return RLM_EINVAL;
	if (a->used == a->count)
		return RLM_ENOSPC;
	i = find_clear_(a->bits, a->count, a->hint);
	bit_set_(a->bits, i, true);
	a->used++;
	a->hint = i + 1 >= a->count ? 0 : i + 1;
	*vmid = (uint16_t)i;
	return 0;
}

int rlm_vmid_reserve(struct rlm_vmid_alloc *a, uint16_t vmid)
{
	if (!a || !a->bits)
		return RLM_EINVAL;
	if (vmid >= a->count)
		return RLM_ERANGE;
	if (bit_get_(a->bits, vmid))
		return RLM_EEXIST;
	bit_set_(a->bits, vmid, true);
	a->used++;
	return 0;
}

int rlm_vmid_free(struct rlm_vmid_alloc *a, uint16_t vmid)
{
	if (!a || !a->bits)
		return RLM_EINVAL;
	if (vmid >= a->count)
		return RLM_ERANGE;
	if (!bit_get_(a->bits, vmid))
		return RLM_ENOENT;
	bit_set_(a->bits, vmid, false);
	a->used--;
	return 0;
}

int rlm_mecid_init(struct rlm_mecid_alloc *a, uint64_t *storage, size_t words,
		   uint32_t max_mecid, uint32_t shared_mecid)
{
	if (!a)
		return RLM_EINVAL;
	rlm_memset(a, 0, sizeof(*a));
	if (max_mecid == 0)
		return 0; /* no MEC: everything is MECID 0 */
	if (!storage)
		return RLM_EINVAL;
	if (max_mecid > 0xffff || shared_mecid > max_mecid)
		return RLM_ERANGE;
	if (words < RLM_ALLOC_WORDS((size_t)max_mecid + 1))
		return RLM_ENOSPC;
	a->bits = storage;
	a->max = max_mecid;
	a->shared = shared_mecid;
	rlm_memset(storage, 0, RLM_ALLOC_WORDS((size_t)max_mecid + 1) *
		   sizeof(uint64_t));
	bit_set_(storage, shared_mecid, true); /* never private */
	a->hint = 0;
	return 0;
}

int rlm_mecid_get(struct rlm_mecid_alloc *a, enum rlm_mec_policy policy,
		  uint32_t *mecid, bool *set_shared)
{
	uint32_t i;

	if (!a || !mecid || !set_shared)
		return RLM_EINVAL;
	if (policy != RLM_MEC_SHARED && policy != RLM_MEC_PRIVATE)
		return RLM_EINVAL;
	*set_shared = false;
	if (a->max == 0) {
		*mecid = 0;
		return 0;
	}
	if (policy == RLM_MEC_SHARED) {
		if (a->shared_refs == UINT32_MAX)
			return RLM_ENOSPC;
		*set_shared = a->shared_refs == 0;
		a->shared_refs++;
		*mecid = a->shared;
		return 0;
	}
	i = find_clear_(a->bits, a->max + 1, a->hint);
	if (i > a->max)
		return RLM_ENOSPC;
	bit_set_(a->bits, i, true);
	a->private_used++;
	a->hint = i + 1 > a->max ? 0 : i + 1;
	*mecid = i;
	return 0;
}

int rlm_mecid_put(struct rlm_mecid_alloc *a, uint32_t mecid, bool *set_private)
{
	if (!a || !set_private)
		return RLM_EINVAL;
	*set_private = false;
	if (a->max == 0)
		return mecid == 0 ? 0 : RLM_ENOENT;
	if (mecid > a->max)
		return RLM_ERANGE;
	if (mecid == a->shared) {
		if (a->shared_refs == 0)
			return RLM_ENOENT;
		a->shared_refs--;
		*set_private = a->shared_refs == 0;
		return 0;
	}
	if (!bit_get_(a->bits, mecid))
		return RLM_ENOENT;
	bit_set_(a->bits, mecid, false);
	a->private_used--;
	return 0;
}
