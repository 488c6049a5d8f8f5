// SPDX-License-Identifier: BSD-3-Clause
/*
 * realm-shim without an RMM: the library's mock RMM runs inside the
 * kernel, the launch planner boots a realm in it at load (the plan in
 * shim_realm.h), and the shim's RSI calls play that realm's vCPU through
 * rlm_mock_rsi_conduit.  Everything lives in one vmalloc'd block (the
 * mock allocates nothing) plus the launch state.
 *
 * Attestation: the mock's portable provider (lib/mock/mock-attest.c)
 * builds the tokens and signs them with the core's
 * ECDSA (the kernel crypto API cannot sign ECDSA): a fixed P-384 platform
 * key and a RAK derived from the default seed, so a verifier can check
 * the tokens with the platform key the module publishes in sysfs
 * (platform_key).  A mock: those keys are public knowledge.
 */
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include <realm/error.h>
#include <realm/launch.h>
#include <realm/rtt_mgr.h>
#include <realm/mock.h>
#include <realm/shim-uapi.h>
#include <realm/token.h>

#include "shim.h"
#include "shim_realm.h"

struct shim_mock {
	struct rlm_mock *m;
	void *mem;
	struct rlm_conduit rmi;
	struct rlm_mock_config cfg;
	uint64_t next;            /* bump allocator over the mock's pool */
	struct shim_realm_plan plan;
	struct rlm_launch_state st;
	struct rlm_rtt_mgr rtt;
	struct rlm_rtt_node rtt_nodes[32];
	uint64_t recs[1 + 16];
	struct rlm_mock_attest_portable attest;
	struct rlm_mock_attest prov;
};

static int pool_get(void *ctx, unsigned int n, uint64_t *pa)
{
	struct shim_mock *s = ctx;
	uint64_t size = (uint64_t)n * RLM_GRANULE_SIZE;
	uint64_t base = (s->next + size - 1) / size * size; /* root RTTs: aligned */

	if (base + size > s->cfg.pool_base + s->cfg.pool_granules * RLM_GRANULE_SIZE)
		return RLM_ENOMEM;
	*pa = base;
	s->next = base + size;
	return 0;
}

/* The realm lives until unload, when the whole mock goes: nothing to return. */
static void pool_put(void *ctx, uint64_t pa)
{
}

static void pool_quarantine(void *ctx, uint64_t pa)
{
}

int shim_mock_start(struct shim_backend *b)
{
	struct rlm_launch_env env;
	struct shim_mock *s;
	size_t size;
	int err;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	rlm_mock_config_default(&s->cfg);
	s->cfg.pool_granules = 256;
	s->cfg.ns_granules = 4;
	s->cfg.max_realms = 1;
	s->cfg.max_recs = 1;
	s->cfg.max_rtts = 32;
	s->cfg.max_pages = 16;
	s->cfg.rsi_queue_len = 4;
	size = rlm_mock_size(&s->cfg);
	s->mem = size ? vzalloc(size) : NULL;
	if (!s->mem) {
		kfree(s);
		return -ENOMEM;
	}
	err = rlm_mock_init(&s->m, s->mem, size, &s->cfg);
	if (err)
		goto fail;
	rlm_mock_conduit(s->m, &s->rmi);
	s->next = s->cfg.pool_base;
	err = rlm_mock_attest_portable_init(&s->attest, NULL, &s->prov);
	if (err)
		goto fail;
	rlm_mock_set_attest(s->m, &s->prov);

	shim_realm_plan(&s->plan);
	memset(&env, 0, sizeof(env));
	env.c = &s->rmi;
	env.pool.get = pool_get;
	env.pool.put = pool_put;
	env.pool.quarantine = pool_quarantine;
	env.pool.ctx = s;
	env.ns_pa = s->cfg.ns_base;
	env.ns_buf = rlm_mock_ns_ptr(s->m, s->cfg.ns_base, RLM_GRANULE_SIZE);
	env.vmid = 1;
	s->st.rtt = &s->rtt;
	s->st.rtt_nodes = s->rtt_nodes;
	s->st.rtt_cap = ARRAY_SIZE(s->rtt_nodes);
	s->st.recs = s->recs;
	s->st.recs_cap = ARRAY_SIZE(s->recs);
	err = env.ns_buf ? rlm_launch_execute(&s->plan.d, &env, &s->st) : RLM_EINVAL;
	if (err) {
		pr_err("realm-shim: launching the mock realm failed at step %zu (%s): %s\n",
		       s->st.failed_step, rlm_launch_op_name(s->st.failed_op),
		       rlm_strerror(err));
		goto fail;
	}
	err = rlm_mock_rsi_conduit(s->m, s->st.recs[0], &b->conduit);
	if (err)
		goto fail;
	b->buf = rlm_mock_realm_mem(s->m, s->st.rd, SHIM_REALM_BUF_IPA, RLM_GRANULE_SIZE);
	if (!b->buf) {
		err = RLM_ENOENT;
		goto fail;
	}
	b->buf_ipa = SHIM_REALM_BUF_IPA;
	b->kind = RLM_SHIM_BACKEND_MOCK;
	b->platform_key = s->attest.platform_point;
	b->platform_key_len = s->attest.platform_point_len;
	b->priv = s;
	return 0;
fail:
	vfree(s->mem);
	kfree_sensitive(s);
	return -ENODEV;
}

void shim_mock_stop(struct shim_backend *b)
{
	struct shim_mock *s = b->priv;

	if (!s)
		return;
	vfree(s->mem);
	kfree_sensitive(s);
	b->priv = NULL;
	b->platform_key = NULL;
	b->platform_key_len = 0;
}
