/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realmctl launch: the run.  A mock RMM sized for the plan, a granule pool
 * over its memory, rlm_launch_execute checking the realm's RIM against the
 * prediction after every measured step, then teardown and a count of the
 * granules that did not come back.
 */
#include <stdlib.h>
#include <string.h>

#include "launch.h"
#include <realm/rtt_mgr.h>
#include <realm/rmi2.h>
#include <realm/pack2.h>

struct check_ {
	struct rlm_mock *m;
	uint8_t rim[64];
};

/* rlm_launch_env.check: the realm's RIM so far against the prediction. */
static int check_(void *ctx, uint64_t rd, const struct rlm_rim *predicted)
{
	struct check_ *c = ctx;
	size_t hs;

	if (rlm_mock_measurement(c->m, rd, 0, c->rim, &hs))
		return 1;
	return memcmp(c->rim, predicted->value, 64) != 0;
}

/* What the launch needs from the host, with the mock as the RMM. */
struct mock_host_ {
	struct rlm_mock_config cfg;
	struct rlm_mock *m;
	struct rlm_conduit c;
	struct rlm_gpool gp;
	uint64_t *bits;
	struct rlm_rtt_mgr rtt;            /* the realm's tables' owner */
	struct rlm_rtt_node *rtt_nodes;
	uint32_t rtt_cap;
	uint64_t *recs;
};

/* The host the command line describes: a feature register (Arm DEN0137
 * 1.0-rel0 RmiFeatureRegister0) offering at least what the realm asks. */
static void raise_field_(uint64_t *f, uint64_t mask, uint64_t want)
{
	uint64_t shift = (uint64_t)__builtin_ctzll(mask);

	if (((*f & mask) >> shift) < want)
		*f = (*f & ~mask) | ((want << shift) & mask);
}

static void raise_features_(uint64_t *f, const struct rlm_realm_params *rp)
{
	raise_field_(f, RLM_RMI_FEATURE_REGISTER_0_S2SZ, rp->s2sz);
	raise_field_(f, RLM_RMI_FEATURE_REGISTER_0_NUM_BPS, rp->num_bps);
	raise_field_(f, RLM_RMI_FEATURE_REGISTER_0_NUM_WPS, rp->num_wps);
	if (rp->flags & RLM_RMI_REALM_PARAM_FLAG_LPA2)
		*f |= RLM_RMI_FEATURE_REGISTER_0_LPA2;
	if (rp->flags & RLM_RMI_REALM_PARAM_FLAG_SVE) {
		*f |= RLM_RMI_FEATURE_REGISTER_0_SVE_EN;
		raise_field_(f, RLM_RMI_FEATURE_REGISTER_0_SVE_VL, rp->sve_vl);
	}
	if (rp->flags & RLM_RMI_REALM_PARAM_FLAG_PMU) {
		*f |= RLM_RMI_FEATURE_REGISTER_0_PMU_EN;
		raise_field_(f, RLM_RMI_FEATURE_REGISTER_0_PMU_NUM_CTRS, rp->pmu_num_ctrs);
	}
}

/* NS pages past ns_buf: the donation list and the RmiRmmConfig page. */
#define LIST_NS_ 1
#define CONFIG_NS_ 2

/* An RMM 2.0: negotiate the version, then RMM_CONFIG_SET + RMM_ACTIVATE. */
static int rmm2_up_(struct mock_host_ *h)
{
	struct rlm_rmm_config2 rc;
	struct rlm_negotiation n;
	struct rlm_rmi_result res;
	uint64_t pa = h->cfg.ns_base + CONFIG_NS_ * 4096;
	uint8_t *page = rlm_mock_ns_ptr(h->m, pa, 4096);
	unsigned int step = 0;
	int ret;

	ret = rlm_rmi_negotiate(&h->c, RLM_RMI_V2_0, &n);
	if (ret || n.abi != RLM_RMI_V2_0) {
		cli_err("launch: the RMM does not speak RMI 2.0: %s",
			ret ? rlm_strerror(ret) : "it agreed on 1.0");
		return LAUNCH_FAILED;
	}
	memset(&rc, 0, sizeof(rc));
	rc.granule_size = RLM_RMI_GRANULE_SIZE_4KB;
	if (!page || rlm_pack_rmm_config2(&rc, page, 4096)) {
		cli_err("launch: cannot write the RMM configuration page");
		return LAUNCH_FAILED;
	}
	ret = rlm_rmi2_rmm_bootstrap(&h->c, pa, &step, &res);
	if (ret) {
		cli_err("launch: RMM bootstrap failed at %s: %s",
			step == 1 ? "RMM_CONFIG_SET" : "RMM_ACTIVATE",
			ret == RLM_ERMI ? rlm_rmi_status_name(res.status) : rlm_strerror(ret));
		return LAUNCH_FAILED;
	}
	return LAUNCH_OK;
}

static int host_init_(struct mock_host_ *h, const struct launch_plan *p, uint64_t nvcpus)
{
	const struct rlm_launch_counts *cnt = &p->cnt;
	uint64_t pool_n;
	int ret;

	rlm_mock_config_default(&h->cfg);
	h->cfg.abi = p->d.abi;
	raise_features_(&h->cfg.feat_reg0, &p->d.params);
	pool_n = p->img_granules + cnt->rtts_ram + cnt->rtts_data + 64 + nvcpus * 17;
	if (pool_n > h->cfg.pool_granules)
		h->cfg.pool_granules = pool_n;
	if (cnt->rtts_ram + cnt->rtts_data + 16 > h->cfg.max_rtts)
		h->cfg.max_rtts = (uint32_t)(cnt->rtts_ram + cnt->rtts_data + 16);
	ret = rlm_mock_new(&h->cfg, &h->m);
	h->bits = calloc(RLM_GPOOL_WORDS(h->cfg.pool_granules), sizeof(uint64_t));
	h->rtt_cap = rlm_rtt_mgr_cap_for(cnt->rtts_ram + cnt->rtts_data);
	h->rtt_nodes = h->rtt_cap ? calloc(h->rtt_cap, sizeof(*h->rtt_nodes)) : NULL;
	h->recs = calloc(nvcpus * 17, sizeof(*h->recs));
	if (ret || !h->bits || !h->rtt_nodes || !h->recs) {
		cli_err("cannot set up the mock RMM");
		return LAUNCH_FAILED;
	}
	rlm_mock_conduit(h->m, &h->c);
	if (p->d.abi == RLM_RMI_V2_0 && rmm2_up_(h))
		return LAUNCH_FAILED;
	rlm_gpool_init(&h->gp, h->cfg.pool_base, h->cfg.pool_granules, h->bits,
		       RLM_GPOOL_WORDS(h->cfg.pool_granules));
	return LAUNCH_OK;
}

static void host_free_(struct mock_host_ *h)
{
	free(h->bits);
	free(h->rtt_nodes);
	free(h->recs);
	if (h->m)
		rlm_mock_free(h->m);
}

static void run_(const struct launch_plan *p, uint64_t nvcpus, struct mock_host_ *h,
		 struct launch_result *r)
{
	struct rlm_launch_env env;
	struct rlm_launch_state st;
	struct check_ chk;
	uint64_t calls;
	int ret;

	memset(&env, 0, sizeof(env));
	env.c = &h->c;
	rlm_gpool_ops(&h->gp, &env.pool);
	env.ns_pa = h->cfg.ns_base;
	env.ns_buf = rlm_mock_ns_ptr(h->m, h->cfg.ns_base, 4096);
	env.list_pa = h->cfg.ns_base + LIST_NS_ * 4096;
	env.list = rlm_mock_ns_ptr(h->m, env.list_pa, 4096);
	env.list_cap = RLM_RMI_ADDR_LIST_MAX;
	chk.m = h->m;
	env.check = check_;
	env.check_ctx = &chk;
	memset(&st, 0, sizeof(st));
	st.rtt = &h->rtt;
	st.rtt_nodes = h->rtt_nodes;
	st.rtt_cap = h->rtt_cap;
	st.recs = h->recs;
	st.recs_cap = nvcpus * 17;

	calls = rlm_mock_calls(h->m);
	ret = rlm_launch_execute(&p->d, &env, &st);
	if (ret)
		cli_err("launch: %s at step %zu (%s)%s%s", rlm_strerror(ret),
			st.failed_step, rlm_launch_op_name(st.failed_op),
			ret == RLM_ERMI ? ", RMM said " : "",
			ret == RLM_ERMI ? rlm_rmi_status_name(st.rmi.status) : "");
	else
		(void)check_(&chk, st.rd, &p->pred); /* the final RIM, for the report */
	if (ret)
		memset(chk.rim, 0, sizeof(chk.rim));
	(void)rlm_launch_teardown(&p->d, &env, &st);

	r->ret = ret;
	r->failed_step = st.failed_step;
	r->failed_op = st.failed_op;
	memcpy(r->rim, chk.rim, sizeof(r->rim));
	r->calls = rlm_mock_calls(h->m) - calls;
	r->leaked = rlm_mock_delegated_count(h->m) + st.leaked;
	r->match = ret == 0 && !memcmp(chk.rim, p->pred.value, 64);
}

int launch_execute_mock(const struct launch_opts *o, const struct launch_plan *p,
			struct launch_result *r)
{
	struct mock_host_ h;
	int ret;

	memset(&h, 0, sizeof(h));
	memset(r, 0, sizeof(*r));
	ret = host_init_(&h, p, o->nvcpus);
	if (!ret)
		run_(p, o->nvcpus, &h, r);
	host_free_(&h);
	return ret;
}
