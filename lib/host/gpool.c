/* SPDX-License-Identifier: BSD-3-Clause */
/* A bitmap granule pool for launches and the RTT manager (realm/alloc.h). */
#include <realm/alloc.h>
#include <realm/abi.h>
#include <realm/error.h>

static bool used_(const struct rlm_gpool *p, uint64_t i)
{
	return (p->used[i / 64] >> (i % 64)) & 1;
}

static void mark_(struct rlm_gpool *p, uint64_t i, bool v)
{
	if (v)
		p->used[i / 64] |= UINT64_C(1) << (i % 64);
	else
		p->used[i / 64] &= ~(UINT64_C(1) << (i % 64));
}

int rlm_gpool_init(struct rlm_gpool *p, uint64_t base, uint64_t n,
		   uint64_t *storage, size_t words)
{
	if (!p || !storage || !n)
		return RLM_EINVAL;
	if (base & RLM_GRANULE_MASK)
		return RLM_EALIGN;
	if (words < RLM_GPOOL_WORDS(n))
		return RLM_ENOSPC;
	p->base = base;
	p->n = n;
	p->used = storage;
	p->nused = 0;
	p->quarantined = 0;
	p->hint = 0;
	rlm_memset(storage, 0, RLM_GPOOL_WORDS(n) * sizeof(uint64_t));
	return 0;
}

static int get_(void *ctx, unsigned int cnt, uint64_t *pa)
{
	struct rlm_gpool *p = ctx;
	uint64_t start, i, run = 0, tries;

	if (!cnt || cnt > p->n)
		return RLM_EINVAL;
	/* One pass from the hint, wrapping; runs do not wrap. */
	for (tries = 0, i = p->hint; tries < p->n; tries++, i++) {
		if (i == p->n) {
			i = 0;
			run = 0;
		}
		if (i % 64 == 0 && run == 0 && i + 64 <= p->n &&
		    p->used[i / 64] == ~UINT64_C(0)) {
			i += 63;
			tries += 63;
			continue;
		}
		if (used_(p, i)) {
			run = 0;
			continue;
		}
		if (++run == cnt) {
			start = i + 1 - cnt;
			for (i = start; i < start + cnt; i++)
				mark_(p, i, true);
			p->nused += cnt;
			p->hint = (start + cnt) % p->n;
			*pa = p->base + start * RLM_GRANULE_SIZE;
			return 0;
		}
	}
	return RLM_ENOMEM;
}

static void put_(void *ctx, uint64_t pa)
{
	struct rlm_gpool *p = ctx;
	uint64_t i = (pa - p->base) / RLM_GRANULE_SIZE;

	if (pa < p->base || i >= p->n || !used_(p, i))
		return;
	mark_(p, i, false);
	p->nused--;
}

static void quarantine_(void *ctx, uint64_t pa)
{
	struct rlm_gpool *p = ctx;
	uint64_t i = (pa - p->base) / RLM_GRANULE_SIZE;

	if (pa < p->base || i >= p->n)
		return;
	/* Stays marked used for good. */
	p->quarantined++;
}

void rlm_gpool_ops(struct rlm_gpool *p, struct rlm_granule_pool *ops)
{
	if (!ops)
		return;
	ops->get = get_;
	ops->put = put_;
	ops->quarantine = quarantine_;
	ops->ctx = p;
}
