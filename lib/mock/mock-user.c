/* SPDX-License-Identifier: BSD-3-Clause */
/* Userspace convenience for the mock RMM: allocate, init, free. */
#define _DEFAULT_SOURCE 1 /* MAP_ANONYMOUS */
#include <realm/mock.h>
#include <realm/error.h>

#include <rlm_config.h>

#include "mock_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

static void rlm_mock_abort_(void *arg, const char *why)
{
	(void)arg;
	fprintf(stderr, "librealm mock RMM: INVARIANT VIOLATED: %s\n", why);
	abort();
}

int rlm_mock_new(const struct rlm_mock_config *cfg, struct rlm_mock **mock)
{
	struct rlm_mock_config def;
	size_t size;
	void *mem;
	int ret;

	if (!mock)
		return RLM_EINVAL;
	*mock = NULL;
	if (!cfg) {
		rlm_mock_config_default(&def);
		cfg = &def;
	}
	size = rlm_mock_size(cfg);
	if (!size)
		return RLM_EINVAL;
	/* A fresh anonymous mapping: zero, and backed by memory only where
	 * the mock writes (calloc may write the whole block, e.g. under
	 * MALLOC_PERTURB_). */
	mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		return RLM_ENOMEM;
#ifdef MADV_NOHUGEPAGE
	/* The block is touched sparsely: on a host whose transparent huge
	 * pages are "always", each touch would make 2 MiB resident. */
	(void)madvise(mem, size, MADV_NOHUGEPAGE);
#endif
	ret = rlm_mock_init_zeroed(mock, mem, size, cfg);
	if (ret) {
		munmap(mem, size);
		return ret;
	}
	if (RLM_MOCK_CHECK_INVARIANTS)
		rlm_mock_set_violation_handler(*mock, rlm_mock_abort_, NULL);
	return 0;
}

void rlm_mock_free(struct rlm_mock *m)
{
	/* rlm_mock_init places the mock at the start of the block, whose
	 * size follows from the configuration (features do not change it). */
	if (m)
		munmap(m, rlm_mock_size(&m->cfg));
}
