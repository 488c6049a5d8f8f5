/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A realm on the mock RMM for the host suites and benchmarks (header-only,
 * test code only): the mock, a granule pool over its delegable memory, an
 * RD with two concatenated level 1 roots (s2sz 40), then, once the caller
 * has set up what must precede activation (tables, INIT_RIPAS), one
 * runnable REC and activation; and the way back, every granule returned.
 * Each step returns 0 or the first failure (a negative RLM_E*), so that
 * cmocka suites assert it and benchmarks exit on it.
 */
#ifndef RLM_TEST_REALM_FIXTURE_H
#define RLM_TEST_REALM_FIXTURE_H

#include <string.h>
#include <realm/realm.h>
#include <realm/testing.h>

#define TU_REALM_MAX_AUX 16

struct tu_realm {
	struct rlm_mock *m;
	struct rlm_mock_config cfg;
	struct rlm_conduit c;
	struct rlm_gpool gp;
	struct rlm_granule_pool pool;
	struct rlm_rtt_geom g;
	uint64_t rd, root, rec, aux[TU_REALM_MAX_AUX], naux;
};

#define TU_TRY_(x) do { int rc_ = (x); if (rc_) return rc_; } while (0)

static inline int tu_give_(struct tu_realm *r, uint64_t pa)
{
	TU_TRY_(rlm_rmi_granule_undelegate(&r->c, pa, NULL));
	r->pool.put(r->pool.ctx, pa);
	return 0;
}

/*
 * The mock (GICV3_NUM_LRS lrs if not 0), the pool over bits (words of
 * RLM_GPOOL_WORDS() for the mock's granules), the RD and its roots, the
 * realm created.
 */
static inline int tu_realm_new(struct tu_realm *r, uint64_t *bits, size_t words,
			       unsigned int lrs)
{
	struct rlm_realm_params p;
	uint8_t *ns;

	memset(r, 0, sizeof(*r));
	rlm_mock_config_default(&r->cfg);
	if (lrs)
		r->cfg.feat_reg0 = (r->cfg.feat_reg0 & ~RLM_RMI_FEATURE_REGISTER_0_GICV3_NUM_LRS) |
				   RLM_FIELD_PREP(RLM_RMI_FEATURE_REGISTER_0_GICV3_NUM_LRS,
						  lrs - 1);
	TU_TRY_(rlm_mock_new(&r->cfg, &r->m));
	rlm_mock_conduit(r->m, &r->c);
	TU_TRY_(rlm_gpool_init(&r->gp, r->cfg.pool_base, r->cfg.pool_granules, bits, words));
	rlm_gpool_ops(&r->gp, &r->pool);
	TU_TRY_(rlm_rtt_geom_init(&r->g, 40, 1, false));
	TU_TRY_(r->pool.get(r->pool.ctx, 1, &r->rd));
	TU_TRY_(r->pool.get(r->pool.ctx, 2, &r->root));
	TU_TRY_(rlm_rmi_granule_delegate(&r->c, r->rd, NULL));
	TU_TRY_(rlm_rmi_granule_delegate(&r->c, r->root, NULL));
	TU_TRY_(rlm_rmi_granule_delegate(&r->c, r->root + 0x1000, NULL));
	memset(&p, 0, sizeof(p));
	p.num_bps = 1;
	p.num_wps = 1;
	p.rtt_base = r->root;
	TU_TRY_(rlm_rtt_geom_to_params(&r->g, &p));
	ns = rlm_mock_ns_ptr(r->m, r->cfg.ns_base, 4096);
	if (!ns)
		return RLM_ERANGE;
	TU_TRY_(rlm_pack_realm_params(&p, ns, 4096));
	return rlm_rmi_realm_create(&r->c, r->rd, r->cfg.ns_base, NULL);
}

/* One runnable REC (its auxiliary granules from the pool), activation. */
static inline int tu_realm_rec(struct tu_realm *r)
{
	struct rlm_rec_params rp;
	uint64_t i;

	TU_TRY_(rlm_rmi_rec_aux_count(&r->c, r->rd, &r->naux, NULL));
	if (r->naux > TU_REALM_MAX_AUX)
		return RLM_ERANGE;
	TU_TRY_(r->pool.get(r->pool.ctx, 1, &r->rec));
	TU_TRY_(rlm_rmi_granule_delegate(&r->c, r->rec, NULL));
	memset(&rp, 0, sizeof(rp));
	rp.flags = RLM_REC_PARAMS_FLAG_RUNNABLE;
	rp.num_aux = r->naux;
	for (i = 0; i < r->naux; i++) {
		TU_TRY_(r->pool.get(r->pool.ctx, 1, &r->aux[i]));
		TU_TRY_(rlm_rmi_granule_delegate(&r->c, r->aux[i], NULL));
		rp.aux[i] = r->aux[i];
	}
	TU_TRY_(rlm_rmi_rec_create_params(&r->c, r->rd, r->rec, r->cfg.ns_base, &rp, NULL));
	return rlm_rmi_realm_activate(&r->c, r->rd, NULL);
}

/* The REC destroyed, its granules back in the pool. */
static inline int tu_realm_rec_destroy(struct tu_realm *r)
{
	uint64_t i;

	TU_TRY_(rlm_rmi_rec_destroy(&r->c, r->rec, NULL));
	TU_TRY_(tu_give_(r, r->rec));
	for (i = 0; i < r->naux; i++)
		TU_TRY_(tu_give_(r, r->aux[i]));
	return 0;
}

/* The realm destroyed (its tables gone first), the RD and roots back. */
static inline int tu_realm_destroy(struct tu_realm *r)
{
	TU_TRY_(rlm_rmi_realm_destroy(&r->c, r->rd, NULL));
	TU_TRY_(tu_give_(r, r->rd));
	TU_TRY_(tu_give_(r, r->root));
	return tu_give_(r, r->root + 0x1000);
}

#endif /* RLM_TEST_REALM_FIXTURE_H */
