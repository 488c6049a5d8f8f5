/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RMI trace runner's executor: runs each parsed line against the model
 * (through the conduit and the hooks of struct rlm_trace_env) and prints
 * its result line.
 */
#include <stdio.h>
#include <string.h>

#include <realm/pack.h>
#include <realm/pack2.h>
#include <realm/rmi.h>
#include <realm/rmi2.h>

#include "abi/call.h"
#include "core/bytes.h"
#include "trace_int.h"

struct out {
	char s[RLM_TRACE_MAX_OUT];
	size_t n;
};

/*
 * The result line is built by appending (no printf per field); what does
 * not fit in RLM_TRACE_MAX_OUT - 1 bytes is cut, and the text stays
 * NUL-terminated.
 */
static void out_mem(struct out *o, const char *s, size_t n)
{
	size_t room = sizeof(o->s) - 1 - o->n;

	if (n > room)
		n = room;
	memcpy(o->s + o->n, s, n);
	o->n += n;
	o->s[o->n] = 0;
}

static void out_s(struct out *o, const char *s)
{
	out_mem(o, s, strlen(s));
}

static const char hexdig[] = "0123456789abcdef";

/* Lower-case hex, no leading zeros, "0x" first. */
static void out_x(struct out *o, uint64_t v)
{
	char b[18];
	size_t i = sizeof(b);

	do {
		b[--i] = hexdig[v & 15];
		v >>= 4;
	} while (v);
	b[--i] = 'x';
	b[--i] = '0';
	out_mem(o, b + i, sizeof(b) - i);
}

static void out_u(struct out *o, uint64_t v)
{
	char b[20];
	size_t i = sizeof(b);

	do {
		b[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	out_mem(o, b + i, sizeof(b) - i);
}

/* " key=0x..." */
static void out_kx(struct out *o, const char *key, uint64_t v)
{
	out_s(o, key);
	out_x(o, v);
}

static int rerr(struct ctx *c, unsigned int line, int code, const char *msg,
		uint64_t v)
{
	c->res->error_line = line;
	snprintf(c->res->error, sizeof(c->res->error), "%s 0x%llx", msg,
		 (unsigned long long)v);
	return code;
}

/* A pool or NS granule's symbolic name, else hex. */
static void out_sym(struct ctx *c, struct out *o, uint64_t a)
{
	const struct limits *l = &c->lim;

	if (!(a & RLM_GRANULE_MASK) && a >= l->pool_base &&
	    (a - l->pool_base) / RLM_GRANULE_SIZE < l->pool_granules)
{
		out_mem(o, "g", 1);
		out_u(o, (a - l->pool_base) / RLM_GRANULE_SIZE);
	}
	else if (!(a & RLM_GRANULE_MASK) && a >= l->ns_base &&
		 (a - l->ns_base) / RLM_GRANULE_SIZE < l->ns_granules)
{
		out_mem(o, "ns", 2);
		out_u(o, (a - l->ns_base) / RLM_GRANULE_SIZE);
	}
	else
		out_x(o, a);
}

static bool is_sym(struct ctx *c, uint64_t a)
{
	const struct limits *l = &c->lim;

	return (a >= l->pool_base &&
		(a - l->pool_base) / RLM_GRANULE_SIZE < l->pool_granules) ||
	       (a >= l->ns_base &&
		(a - l->ns_base) / RLM_GRANULE_SIZE < l->ns_granules);
}

static void out_desc(struct ctx *c, struct out *o, uint64_t d)
{
	uint64_t pa = d & RLM_GENMASK(47, 12), attr = d & ~RLM_GENMASK(47, 12);

	if (!is_sym(c, pa)) {
		out_x(o, d);
		return;
	}
	out_sym(c, o, pa);
	if (attr)
		out_kx(o, "|", attr);
}

static void out_name(struct out *o, const char *const *names, unsigned int n,
		     uint64_t v)
{
	if (v < n)
		out_s(o, names[v]);
	else
		out_x(o, v);
}

static const char *const state_names[] = { "UNASSIGNED", "ASSIGNED", "TABLE" };
static const char *const ripas_names[] = { "EMPTY", "RAM", "DESTROYED" };
static const char *const exit_names[] = {
	"SYNC", "IRQ", "FIQ", "PSCI", "RIPAS_CHANGE", "HOST_CALL", "SERROR",
};

static const char *const state2_names[] = {
	"UNASSIGNED", "ASSIGNED", "TABLE", "ASSIGNED_DEV", NULL,
	"AUX_DESTROYED",
};
static const char *const exit2_names[] = {
	"SYNC", "IRQ", "FIQ", "PSCI", "RIPAS_CHANGE", "HOST_CALL", "SERROR",
	"S2AP_CHANGE", "VDEV_REQUEST", "DEV_MEM_MAP", "VDEV_P2P_BINDING",
};

static void out_name2(struct out *o, const char *const *names, unsigned int n,
		      uint64_t v)
{
	if (v < n && names[v])
		out_s(o, names[v]);
	else
		out_x(o, v);
}

/* RmiRecExit (2.0) of the run page: the fields the exit reason defines. */
static int out_rec_exit2(struct ctx *c, struct out *o, uint64_t run,
			 unsigned int line)
{
	const struct rlm_trace_env *e = c->env;
	struct rlm_rec_exit2 x;
	uint8_t *p = e->ns_ptr(e->ctx, run, RLM_REC_RUN_SIZE);
	unsigned int i;

	if (!p || rlm_unpack_rec_exit2(&x, p + RLM_REC_RUN_EXIT_OFF,
				       RLM_RMI2_REC_EXIT_SIZE))
		return rerr(c, line, RLM_ESTATE,
			    "rec_enter: cannot read the run page", run);
	out_s(o, " exit=");
	out_name2(o, exit2_names, 11, x.exit_reason);
	switch (x.exit_reason) {
	case RLM_RMI_EXIT_SYNC:
	case RLM_RMI_EXIT_SERROR:
		out_kx(o, " esr=", x.esr);
		out_kx(o, " far=", x.far);
		out_kx(o, " hpfar=", x.hpfar);
		out_kx(o, " rtt_tree=", x.rtt_tree);
		out_kx(o, " rtt_level=", (uint64_t)x.rtt_level);
		break;
	case RLM_RMI_EXIT_PSCI:
		for (i = 0; i < 4; i++) {
			char k[] = " gprN=";

			k[4] = (char)('0' + i);
			out_kx(o, k, x.gprs[i]);
		}
		break;
	case RLM_RMI_EXIT_RIPAS_CHANGE:
		out_kx(o, " ripas_base=", x.ripas_base);
		out_kx(o, " ripas_top=", x.ripas_top);
		out_s(o, " ripas_value=");
		out_name(o, ripas_names, 3, x.ripas_value);
		break;
	case RLM_RMI_EXIT_HOST_CALL:
		out_kx(o, " imm=", x.imm);
		break;
	case RLM_RMI_EXIT_S2AP_CHANGE:
		out_kx(o, " s2ap_base=", x.s2ap_base);
		out_kx(o, " s2ap_top=", x.s2ap_top);
		break;
	case RLM_RMI_EXIT_VDEV_REQUEST:
	case RLM_RMI_EXIT_VDEV_P2P_BINDING:
		out_kx(o, " vdev_id_1=", x.vdev_id_1);
		out_kx(o, " vdev_id_2=", x.vdev_id_2);
		break;
	case RLM_RMI_EXIT_DEV_MEM_MAP:
		out_kx(o, " dev_mem_base=", x.dev_mem_base);
		out_kx(o, " dev_mem_top=", x.dev_mem_top);
		out_s(o, " dev_mem_pa=");
		out_sym(c, o, x.dev_mem_pa);
		break;
	default:
		break;
	}
	if (x.plane)
		out_kx(o, " plane=", x.plane);
	return 0;
}

static int out_rec_exit(struct ctx *c, struct out *o, uint64_t run,
			unsigned int line)
{
	const struct rlm_trace_env *e = c->env;
	struct rlm_rec_exit x;
	uint8_t *p = e->ns_ptr(e->ctx, run, RLM_REC_RUN_SIZE);
	unsigned int i;

	if (!p || rlm_unpack_rec_exit(&x, p + RLM_REC_RUN_EXIT_OFF,
				      RLM_REC_EXIT_SIZE))
		return rerr(c, line, RLM_ESTATE,
			    "rec_enter: cannot read the run page", run);
	out_s(o, " exit=");
	out_name(o, exit_names, 7, x.exit_reason);
	switch (x.exit_reason) {
	case RLM_RMI_EXIT_SYNC:
	case RLM_RMI_EXIT_SERROR:
		out_kx(o, " esr=", x.esr);
		out_kx(o, " far=", x.far);
		out_kx(o, " hpfar=", x.hpfar);
		break;
	case RLM_RMI_EXIT_PSCI:
		for (i = 0; i < 4; i++) {
			char k[] = " gprN=";

			k[4] = (char)('0' + i);
			out_kx(o, k, x.gprs[i]);
		}
		break;
	case RLM_RMI_EXIT_RIPAS_CHANGE:
		out_kx(o, " ripas_base=", x.ripas_base);
		out_kx(o, " ripas_top=", x.ripas_top);
		out_s(o, " ripas_value=");
		out_name(o, ripas_names, 3, x.ripas_value);
		break;
	case RLM_RMI_EXIT_HOST_CALL:
		/* the reference's imm is 32 bits wide (TF-RMM smc-rmi.h) */
		{
			const uint8_t *q = p + RLM_REC_RUN_EXIT_OFF + RLM_REC_EXIT_IMM_OFF;

			out_kx(o, " imm=", (uint64_t)q[0] | (uint64_t)q[1] << 8 |
			       (uint64_t)q[2] << 16 | (uint64_t)q[3] << 24);
		}
		break;
	default:
		break;
	}
	return 0;
}

/* incomplete2: an RMI 2.0 INCOMPLETE, whose bits [15:8] are no index
 * (its fields follow, out_incomplete). */
static void print_status(struct out *o, unsigned int st, unsigned int ix,
			 bool incomplete2)
{
	if (st == ST_SMC_UNKNOWN)
		out_s(o, "SMC_UNKNOWN");
	else if (st < NSTATUS)
		out_s(o, rlm_rmi_status_name(st));
	else
		out_kx(o, "RMI_STATUS_", st);
	if (st != RLM_RMI_SUCCESS && st != ST_SMC_UNKNOWN && !incomplete2)
{
		out_mem(o, "/", 1);
		out_u(o, ix);
	}
}

static int write_params(struct ctx *c, struct pline *pl, uint64_t *pa)
{
	const struct rlm_trace_env *e = c->env;
	bool rc = pl->cmd->type == T_REALM_CREATE;
	unsigned int pidx = rc ? RC_PARAMS : RE_PARAMS;
	uint64_t where = e->scratch;
	uint8_t *page;
	unsigned int i;

	if (pl->have & (UINT32_C(1) << pidx)) {
		/* params=ADDR: written there if it is a host granule the
		 * model has, else passed as it is (to test bad pointers) */
		*pa = pl->v[pidx];
		if (*pa & RLM_GRANULE_MASK)
			return 0;
		page = e->ns_ptr(e->ctx, *pa, RLM_GRANULE_SIZE);
		if (!page)
			return 0;
	} else {
		*pa = where;
		page = e->ns_ptr(e->ctx, where, RLM_GRANULE_SIZE);
		if (!page)
			return rerr(c, pl->lineno, RLM_ESTATE,
				    "cannot map the runner's parameter page",
				    where);
	}
	if (rc) {
		struct rlm_realm_params p;

		memset(&p, 0, sizeof(p));
		p.flags = pl->v[RC_FLAGS] |
			  (pl->v[RC_LPA2] ? RLM_RMI_REALM_PARAM_FLAG_LPA2 : 0) |
			  (pl->v[RC_SVE] ? RLM_RMI_REALM_PARAM_FLAG_SVE : 0) |
			  (pl->v[RC_PMU] ? RLM_RMI_REALM_PARAM_FLAG_PMU : 0);
		p.s2sz = (uint32_t)pl->v[RC_S2SZ];
		p.sve_vl = (uint32_t)pl->v[RC_SVE_VL];
		p.num_bps = (uint32_t)pl->v[RC_NUM_BPS];
		p.num_wps = (uint32_t)pl->v[RC_NUM_WPS];
		p.pmu_num_ctrs = (uint32_t)pl->v[RC_PMU_NUM_CTRS];
		p.hash_algo = (uint8_t)pl->v[RC_HASH];
		if (pl->have & (UINT32_C(1) << RC_RPV))
			memcpy(p.rpv, pl->hex, pl->hexlen);
		p.vmid = (uint16_t)pl->v[RC_VMID];
		p.rtt_base = pl->v[RC_RTT_BASE];
		p.rtt_level_start = (int64_t)pl->v[RC_RTT_LEVEL_START];
		p.rtt_num_start = (uint32_t)pl->v[RC_RTT_NUM_START];
		return rlm_pack_realm_params(&p, page, RLM_GRANULE_SIZE) ?
		       rerr(c, pl->lineno, RLM_ESTATE, "cannot pack params", 0) : 0;
	} else {
		struct rlm_rec_params p;

		memset(&p, 0, sizeof(p));
		p.flags = pl->v[RE_FLAGS] |
			  (pl->v[RE_RUNNABLE] ? RLM_REC_PARAMS_FLAG_RUNNABLE : 0);
		p.mpidr = pl->v[RE_MPIDR];
		p.pc = pl->v[RE_PC];
		for (i = 0; i < pl->ngprs; i++)
			p.gprs[i] = pl->gprs[i];
		p.num_aux = pl->naux;
		for (i = 0; i < pl->naux && i < RLM_REC_PARAMS_AUX_GRANULES; i++)
			p.aux[i] = pl->aux[i];
		return rlm_pack_rec_params(&p, page, RLM_GRANULE_SIZE) ?
		       rerr(c, pl->lineno, RLM_ESTATE, "cannot pack params", 0) : 0;
	}
}

/*
 * The page a 2.0 line passes: the runner's scratch page, or params= /
 * config= ADDR (written there only if it is a granule-aligned host granule
 * the model has; any other ADDR is passed as it is).  *page NULL: pass
 * *pa without writing.
 */
static int page_for(struct ctx *c, struct pline *pl, unsigned int key,
		    uint64_t *pa, uint8_t **page)
{
	const struct rlm_trace_env *e = c->env;

	*page = NULL;
	if (pl->have & (UINT32_C(1) << key)) {
		*pa = pl->v[key];
		if (!(*pa & RLM_GRANULE_MASK))
			*page = e->ns_ptr(e->ctx, *pa, RLM_GRANULE_SIZE);
		return 0;
	}
	*pa = e->scratch;
	*page = e->ns_ptr(e->ctx, *pa, RLM_GRANULE_SIZE);
	if (!*page)
		return rerr(c, pl->lineno, RLM_ESTATE,
			    "cannot map the runner's parameter page", *pa);
	return 0;
}

/* RmiRealmParams / RmiRecParams (2.0), RmiRmmConfig. */
static int write_params2(struct ctx *c, struct pline *pl, uint64_t *pa)
{
	const uint64_t *v = pl->v;
	uint8_t *page;
	unsigned int i;
	int err;

	switch (pl->cmd->type) {
	case T_REALM_CREATE2: {
		struct rlm_realm_params2 p;

		err = page_for(c, pl, R2_PARAMS, pa, &page);
		if (err || !page)
			return err;
		memset(&p, 0, sizeof(p));
		p.s2sz = (uint32_t)v[R2_S2SZ];
		p.sve_vl = (uint32_t)v[R2_SVE_VL];
		p.num_bps = (uint32_t)v[R2_NUM_BPS];
		p.num_wps = (uint32_t)v[R2_NUM_WPS];
		p.pmu_num_ctrs = (uint32_t)v[R2_PMU_NUM_CTRS];
		p.hash_algo = (uint8_t)v[R2_HASH];
		if (pl->have & (UINT32_C(1) << R2_RPV))
			memcpy(p.rpv, pl->hex, pl->hexlen);
		p.ats_plane = v[R2_ATS_PLANE];
		p.rtt_base = v[R2_RTT_BASE];
		p.rtt_level_start = (int64_t)v[R2_RTT_LEVEL_START];
		p.rtt_num_start = (uint32_t)v[R2_RTT_NUM_START];
		for (i = 0; i < pl->ngprs && i < RLM_RMI2_MAX_AUX_PLANES; i++)
			p.aux_rtt_base[i] = pl->gprs[i];
		if (rlm_pack_realm_params2(&p, page, RLM_GRANULE_SIZE))
			return rerr(c, pl->lineno, RLM_ESTATE,
				    "cannot pack params", 0);
		/* the raw fields the packer would check (flags0 / flags1
		 * bits 2.0 does not define, more planes than it has): the
		 * trace may test that the RMM refuses them */
		rlm_put_le64(page + RLM_RMI2_REALM_PARAMS_FLAGS0_OFF,
			     v[R2_FLAGS0] |
			     (v[R2_LPA2] ? RLM_RMI_REALM_FLAGS0_LPA2 : 0) |
			     (v[R2_SVE] ? RLM_RMI_REALM_FLAGS0_SVE : 0) |
			     (v[R2_PMU] ? RLM_RMI_REALM_FLAGS0_PMU : 0));
		rlm_put_le64(page + RLM_RMI2_REALM_PARAMS_FLAGS1_OFF,
			     v[R2_FLAGS1]);
		rlm_put_le32(page + RLM_RMI2_REALM_PARAMS_NUM_AUX_PLANES_OFF,
			     (uint32_t)v[R2_NUM_AUX_PLANES]);
		return 0;
	}
	case T_REC_CREATE2: {
		struct rlm_rec_params2 p;

		err = page_for(c, pl, E2_PARAMS, pa, &page);
		if (err || !page)
			return err;
		memset(&p, 0, sizeof(p));
		p.flags = v[E2_FLAGS] |
			  (v[E2_RUNNABLE] ? RLM_REC_PARAMS_FLAG_RUNNABLE : 0);
		p.mpidr = v[E2_MPIDR];
		p.pc = v[E2_PC];
		for (i = 0; i < pl->ngprs; i++)
			p.gprs[i] = pl->gprs[i];
		return rlm_pack_rec_params2(&p, page, RLM_GRANULE_SIZE) ?
		       rerr(c, pl->lineno, RLM_ESTATE, "cannot pack params", 0) : 0;
	}
	default: {      /* T_CONFIG_SET */
		struct rlm_rmm_config2 p;

		err = page_for(c, pl, CF_CONFIG, pa, &page);
		if (err || !page)
			return err;
		p.tracking_region_size = v[CF_TRACKING_REGION_SIZE];
		p.granule_size = v[CF_GRANULE_SIZE];
		return rlm_pack_rmm_config2(&p, page, RLM_GRANULE_SIZE) ?
		       rerr(c, pl->lineno, RLM_ESTATE, "cannot pack config", 0) : 0;
	}
	}
}

/* The runner's address-list page: env.scratch_list, 0 meaning the
 * granule after env.scratch (its own granule: a REC's parameters on
 * env.scratch are read only at the final OP_CONTINUE in TF-RMM 9a7f8ef,
 * rec.c).  *pa its address; NULL if ns_ptr does not map it. */
static uint8_t *list_page(struct ctx *c, uint64_t *pa)
{
	const struct rlm_trace_env *e = c->env;

	*pa = e->scratch_list ? e->scratch_list :
				e->scratch + RLM_GRANULE_SIZE;
	if (*pa & RLM_GRANULE_MASK)
		return NULL;
	return e->ns_ptr(e->ctx, *pa, RLM_GRANULE_SIZE);
}

/* op_mem_donate: the address list into the list page; X2, X3. */
static int write_list(struct ctx *c, struct pline *pl, struct rlm_smc_regs *r)
{
	uint64_t lpa;
	uint8_t *page = list_page(c, &lpa);
	uint64_t st = (pl->have & (UINT32_C(1) << OD_STATE)) ?
		      pl->v[OD_STATE] : c->donate_state;
	unsigned int i, n = pl->naux / 2;

	if (!page)
		return rerr(c, pl->lineno, RLM_ESTATE,
			    "cannot map the runner's address list page (env.scratch_list)",
			    lpa);
	memset(page, 0, RLM_GRANULE_SIZE);
	for (i = 0; i < n; i++)
		rlm_put_le64(page + 8 * i,
			     RLM_FIELD_PREP(RLM_RMI_ADDR_RDESC_4K_SZ,
					    RLM_RMI_PAGE_L3) |
			     RLM_FIELD_PREP(RLM_RMI_ADDR_RDESC_4K_CNT,
					    pl->aux[2 * i + 1]) |
			     (pl->aux[2 * i] & RLM_RMI_ADDR_RDESC_4K_ADDR) |
			     (st ? RLM_RMI_ADDR_RDESC_4K_ST : 0));
	r->x[2] = lpa;
	r->x[3] = (pl->have & (UINT32_C(1) << OD_COUNT)) ? pl->v[OD_COUNT] : n;
	return 0;
}

/* op_mem_reclaim's answer: " count=N reclaimed=ITEM,..." with ITEM a
 * granule (SYM), a run (SYM..SYM), ":u" after an undelegated one, or the
 * raw descriptor in hex for a block or an address without a name. */
static void out_reclaimed(struct ctx *c, struct out *o, uint64_t n)
{
	uint64_t lpa;
	const uint8_t *page = list_page(c, &lpa);
	uint64_t i;

	out_kx(o, " count=", n);
	if (!n || !page)
		return;
	out_s(o, " reclaimed=");
	for (i = 0; i < n && i < RLM_RMI_ADDR_LIST_MAX; i++) {
		uint64_t d = rlm_get_le64(page + 8 * i);
		uint64_t pa = d & RLM_RMI_ADDR_RDESC_4K_ADDR;
		uint64_t cnt = RLM_FIELD_GET(RLM_RMI_ADDR_RDESC_4K_CNT, d);
		uint64_t last = pa + (cnt ? cnt - 1 : 0) * RLM_GRANULE_SIZE;

		if (i)
			out_mem(o, ",", 1);
		if (RLM_FIELD_GET(RLM_RMI_ADDR_RDESC_4K_SZ, d) !=
		    RLM_RMI_PAGE_L3 || !cnt || !is_sym(c, pa) ||
		    !is_sym(c, last) || (d & RLM_GENMASK(62, 52))) {
			out_x(o, d);
			continue;
		}
		out_sym(c, o, pa);
		if (cnt > 1) {
			out_mem(o, "..", 2);
			out_sym(c, o, last);
		}
		if (d & RLM_RMI_ADDR_RDESC_4K_ST)
			out_mem(o, ":u", 2);
	}
	if (i < n)
		out_s(o, ",...");
}

static const char *const blk_names[] = { "l3", "l2", "l1", "l0" };

/* The fields of a 2.0 INCOMPLETE answer (X0 [9:8] request, bit 10
 * can-cancel; X2 the donation request). */
static void out_incomplete(struct ctx *c, struct out *o, const struct pline *pl,
			   const struct rlm_smc_regs *r)
{
	unsigned int req = (unsigned int)RLM_FIELD_GET(RLM_RMI2_RETURN_MEM_REQ,
						       r->x[0]);
	enum ctype t = pl->cmd->type;

	if (t != T_OP && t != T_OP_DONATE && t != T_OP_RECLAIM) {
		/* the first INCOMPLETE of an operation: X1 its handle */
		c->handle = r->x[1];
		out_kx(o, " handle=", r->x[1]);
	}
	if (req == RLM_RMI_OP_MEM_REQ_DONATE) {
		uint8_t bs, state;
		uint16_t count;
		bool contig;

		out_s(o, " req=donate");
		if (rlm_rmi2_donate_req_decode(r->x[2], &bs, &count, &contig,
					       &state)) {
			out_kx(o, " donate=", r->x[2]);
		} else {
			c->donate_state = state;
			out_s(o, " size=");
			out_s(o, blk_names[bs & 3]);
			out_kx(o, " count=", count);
			out_s(o, contig ? " contig=1" : " contig=0");
			out_s(o, state ? " state=undelegated" : " state=delegated");
		}
	} else if (req == RLM_RMI_OP_MEM_REQ_RECLAIM) {
		out_s(o, " req=reclaim");
	} else if (req == RLM_RMI_OP_MEM_REQ_NONE) {
		out_s(o, " req=none");
	} else {
		out_kx(o, " req=", req);
	}
	out_s(o, (r->x[0] & RLM_RMI2_RETURN_CAN_CANCEL) ? " cancel=1" :
							   " cancel=0");
}

static uint64_t rec_to_rd(struct ctx *c, uint64_t rec, bool *found)
{
	unsigned int i;

	for (i = 0; i < c->nrec; i++)
		if (c->rec_rd[i][0] == rec) {
			*found = true;
			return c->rec_rd[i][1];
		}
	*found = false;
	return 0;
}

static void rec_forget(struct ctx *c, uint64_t rec)
{
	unsigned int i;

	for (i = 0; i < c->nrec; i++)
		if (c->rec_rd[i][0] == rec) {
			c->rec_rd[i][0] = c->rec_rd[c->nrec - 1][0];
			c->rec_rd[i][1] = c->rec_rd[c->nrec - 1][1];
			c->nrec--;
			return;
		}
}

/* A line's keys into the registers they name: X0 = x0, X1..X<nregs> from the
 * keys (a register no key names is zero). */
static void fill_regs(struct rlm_smc_regs *r, uint64_t x0, unsigned int nregs,
		      const struct key_def *keys, unsigned int nkeys,
		      const uint64_t *vals)
{
	uint64_t a[RLM_SMC_NREGS - 1];
	unsigned int i;

	memset(a, 0, sizeof(a));
	for (i = 0; i < nkeys; i++)
		if (keys[i].reg)
			a[keys[i].reg - 1] = vals[i];
	rlm_regs_fill_(r, x0, a, nregs);
}

static int exec_realm(struct ctx *c, struct pline *pl)
{
	const struct rlm_trace_env *e = c->env;
	const struct call_def *cd = pl->call;
	struct rlm_smc_regs r;
	uint64_t rec = pl->v[0];

	if (!cd)        /* the parser sets it on every realm line */
		return rerr(c, pl->lineno, RLM_EINVAL, "realm: no call on line", pl->lineno);
	fill_regs(&r, cd->fid, cd->nregs, cd->keys, cd->nkeys, pl->cv);
	switch (cd->kind) {
	case R_EXTEND:
		if (!(pl->chave & 2))   /* size: the data's length */
			r.x[2] = pl->hexlen;
		rlm_regs_pack_le_(&r, 3, pl->hex, pl->hexlen);
		break;
	case R_TOKEN_INIT:
		if (pl->chave & 1)
			rlm_regs_pack_le_(&r, 1, pl->hex, pl->hexlen);
		break;
	case R_SMC:
		r.x[0] = pl->cv[0];
		break;
	case R_HOST_CALL:
		if (pl->chave & 2) {
			/* imm= goes into the RsiHostCall if the realm has
			 * memory there; if not, the call itself will fail in
			 * the realm, which is what the trace tests */
			bool found;
			uint64_t rd = rec_to_rd(c, rec, &found);
			/* 2.0: TF-RMM 9a7f8ef's RsiHostCall imm is 32 bits
			 * wide and copied whole to the exit: the runner writes
			 * all four bytes (1.0: the spec's 16) */
			size_t n = c->abi == RLM_RMI_V2_0 ? 4 : 2;
			uint8_t *p = NULL;

			if (found && e->realm_mem)
				p = e->realm_mem(e->ctx, rd, pl->cv[0], n);
			if (p) {
				p[0] = (uint8_t)pl->cv[1];
				p[1] = (uint8_t)(pl->cv[1] >> 8);
				if (n == 4)
					p[2] = p[3] = 0;
			}
		}
		break;
	default:
		break;
	}
	if (!e->realm_queue || e->realm_queue(e->ctx, rec, &r))
		return rerr(c, pl->lineno, RLM_ESTATE,
			    "realm: cannot queue a call for rec", rec);
	return 0;
}

static int exec_line(struct ctx *c, struct pline *pl)
{
	const struct rlm_trace_env *e = c->env;
	const struct cmd_def *cd = pl->cmd;
	struct rlm_smc_regs r;
	struct out o;
	unsigned int st = 0, ix = 0, i;
	uint8_t *p;
	int err;

	switch (cd->type) {
	case T_NS_FILL:
		p = e->ns_ptr(e->ctx, pl->pos[0], RLM_GRANULE_SIZE);
		if (!p)
			return rerr(c, pl->lineno, RLM_ESTATE,
				    "ns_fill: not host memory:", pl->pos[0]);
		memset(p, (int)pl->pos[1], RLM_GRANULE_SIZE);
		return 0;
	case T_NS_WRITE:
		p = e->ns_ptr(e->ctx, pl->pos[0], RLM_GRANULE_SIZE);
		if (!p)
			return rerr(c, pl->lineno, RLM_ESTATE,
				    "ns_write: not host memory:", pl->pos[0]);
		memcpy(p + pl->v[0], pl->hex, pl->hexlen);
		return 0;
	case T_REALM:
		return exec_realm(c, pl);
	default:
		break;
	}

	o.n = 0;
	o.s[0] = 0;
	out_u(&o, pl->lineno);
	out_mem(&o, ": ", 2);
	out_s(&o, cd->name);
	out_mem(&o, " -> ", 4);

	if (cd->type == T_MEASUREMENT) {
		uint8_t m[64];
		size_t hs = 0;

		if (!e->measurement)
			return rerr(c, pl->lineno, RLM_ESTATE,
				    "measurement: the model has no introspection",
				    0);
		if (e->measurement(e->ctx, pl->v[0], (unsigned int)pl->v[1], m,
				   &hs) || hs > sizeof(m)) {
			st = RLM_RMI_ERROR_INPUT;
			print_status(&o, st, 0, false);
		} else {
			print_status(&o, st, 0, false);
			out_s(&o, " value=");
			for (i = 0; i < hs; i++) {
				char b[2] = { hexdig[m[i] >> 4], hexdig[m[i] & 15] };

				out_mem(&o, b, 2);
			}
		}
		goto done;
	}

	fill_regs(&r, cd->fid, cd->nregs, cd->keys, cd->nkeys, pl->v);
	switch (cd->type) {
	case T_REALM_CREATE:
	case T_REC_CREATE: {
		uint64_t pa;

		err = write_params(c, pl, &pa);
		if (err)
			return err;
		r.x[cd->type == T_REALM_CREATE ? 2 : 3] = pa;
		break;
	}
	case T_REALM_CREATE2:
	case T_REC_CREATE2:
	case T_CONFIG_SET: {
		uint64_t pa;

		err = write_params2(c, pl, &pa);
		if (err)
			return err;
		r.x[cd->type == T_REALM_CREATE2 ? 2 :
		    cd->type == T_REC_CREATE2 ? 3 : 1] = pa;
		break;
	}
	case T_CONFIG_GET:
		r.x[1] = (pl->have & 1) ? pl->v[0] : e->scratch;
		break;
	case T_OP:
		if (!(pl->have & 1))
			r.x[1] = c->handle;
		break;
	case T_OP_DONATE:
		if (!(pl->have & (UINT32_C(1) << OD_HANDLE)))
			r.x[1] = c->handle;
		err = write_list(c, pl, &r);
		if (err)
			return err;
		break;
	case T_OP_RECLAIM: {
		uint64_t lpa;
		uint8_t *page = list_page(c, &lpa);

		if (!page)
			return rerr(c, pl->lineno, RLM_ESTATE,
				    "cannot map the runner's address list page (env.scratch_list)",
				    lpa);
		memset(page, 0, RLM_GRANULE_SIZE);
		if (!(pl->have & (UINT32_C(1) << OR_HANDLE)))
			r.x[1] = c->handle;
		r.x[2] = lpa;
		break;
	}
	default:
		break;
	}
	{
		uint64_t in1 = r.x[1], in2 = r.x[2];
		bool v2 = c->abi == RLM_RMI_V2_0, incomplete2 = false;

		err = rlm_conduit_call(&e->rmi, &r);
		if (err)
			return rerr(c, pl->lineno, RLM_ECONDUIT,
				    "the conduit failed on FID", cd->fid);
		if (r.x[0] == RLM_SMCCC_NOT_SUPPORTED) {
			st = ST_SMC_UNKNOWN;
		} else {
			st = (unsigned int)RLM_RMI_RETURN_STATUS(r.x[0]);
			ix = (unsigned int)RLM_RMI_RETURN_INDEX(r.x[0]);
			if (v2 && st == RLM_RMI_INCOMPLETE) {
				incomplete2 = true;
				ix = 0;
			}
		}
		print_status(&o, st, ix, incomplete2);
		if (cd->out == O_VERSION && st != ST_SMC_UNKNOWN) {
			out_kx(&o, " lower=", r.x[1]);
			out_kx(&o, " higher=", r.x[2]);
		} else if (st == RLM_RMI_ERROR_RTT &&
			   (cd->out == O_RTT_DESTROY ||
			    cd->out == O_DATA_DESTROY)) {
			out_kx(&o, " top=", r.x[2]);
		} else if (st == RLM_RMI_ERROR_RTT && cd->out == O_TOP &&
			   !v2 && cd->fid == RLM_SMC_RMI_RTT_UNMAP_UNPROTECTED) {
			out_kx(&o, " top=", r.x[1]);
		} else if (incomplete2 && cd->out == O_CONSUMED) {
			out_kx(&o, " consumed=", r.x[1]);
		} else if (incomplete2 && cd->out == O_RECLAIM) {
			out_reclaimed(c, &o, r.x[1]);
		} else if (st == RLM_RMI_SUCCESS) {
			switch (cd->out) {
			case O_VALUE:
				out_kx(&o, " value=", r.x[1]);
				break;
			case O_COUNT:
				out_kx(&o, " count=", r.x[1]);
				break;
			case O_RTT_DESTROY:
				out_s(&o, " rtt=");
				out_sym(c, &o, r.x[1]);
				out_kx(&o, " top=", r.x[2]);
				break;
			case O_FOLD:
				out_s(&o, " rtt=");
				out_sym(c, &o, r.x[1]);
				break;
			case O_DATA_DESTROY:
				out_s(&o, " data=");
				out_sym(c, &o, r.x[1]);
				out_kx(&o, " top=", r.x[2]);
				break;
			case O_TOP:
				out_kx(&o, " top=", r.x[1]);
				break;
			case O_READ_ENTRY:
			case O_READ_ENTRY2:
				out_kx(&o, " walk_level=", r.x[1]);
				out_s(&o, " state=");
				if (cd->out == O_READ_ENTRY2)
					out_name2(&o, state2_names, 6, r.x[2]);
				else
					out_name(&o, state_names, 3, r.x[2]);
				out_s(&o, " ripas=");
				out_name(&o, ripas_names, 3, r.x[4]);
				out_s(&o, " desc=");
				out_desc(c, &o, r.x[3]);
				break;
			case O_REC_ENTER:
				err = out_rec_exit(c, &o, in2, pl->lineno);
				if (err)
					return err;
				break;
			case O_REC_ENTER2:
				err = out_rec_exit2(c, &o, in2, pl->lineno);
				if (err)
					return err;
				break;
			case O_NEXT:
				out_s(&o, " next=");
				out_sym(c, &o, r.x[1]);
				break;
			case O_TRACKING:
				out_kx(&o, " category=", r.x[1]);
				out_kx(&o, " state=", r.x[2]);
				out_s(&o, " top=");
				out_sym(c, &o, r.x[3]);
				break;
			case O_UNMAP:
				/* range: an RmiAddrRangeDesc, PA | count | size */
				out_kx(&o, " top=", r.x[1]);
				out_s(&o, " range=");
				out_desc(c, &o, r.x[2]);
				out_kx(&o, " count=", r.x[3]);
				break;
			case O_CONSUMED:
				out_kx(&o, " consumed=", r.x[1]);
				break;
			case O_RECLAIM:
				out_reclaimed(c, &o, r.x[1]);
				break;
			case O_CONFIG: {
				uint8_t *pg = e->ns_ptr(e->ctx, in1,
							RLM_GRANULE_SIZE);
				struct rlm_rmm_config2 cf;

				if (!(in1 & RLM_GRANULE_MASK) && pg &&
				    !rlm_unpack_rmm_config2(&cf, pg,
							   RLM_GRANULE_SIZE)) {
					out_kx(&o, " tracking_region_size=",
					       cf.tracking_region_size);
					out_kx(&o, " granule_size=",
					       cf.granule_size);
				}
				break;
			}
			case O_RAW:
				for (i = 1; i <= cd->nout && i < 10; i++) {
					char k[] = " xN=";

					k[2] = (char)('0' + i);
					out_s(&o, k);
					out_desc(c, &o, r.x[i]);
				}
				break;
			default:
				break;
			}
		}
		if (incomplete2)
			out_incomplete(c, &o, pl, &r);
		if (st == RLM_RMI_SUCCESS || incomplete2) {
			if (cd->type == T_REC_CREATE ||
			    cd->type == T_REC_CREATE2) {
				rec_forget(c, in2);
				if (c->nrec < 64) {
					c->rec_rd[c->nrec][0] = in2;
					c->rec_rd[c->nrec][1] = in1;
					c->nrec++;
				}
			} else if (st == RLM_RMI_SUCCESS &&
				   cd->fid == RLM_SMC_RMI_REC_DESTROY) {
				rec_forget(c, in1);
			}
		}
	}
done:
	c->res->commands++;
	if (pl->has_exp) {
		c->res->expected++;
		if (st != pl->exp_status ||
		    (pl->exp_index >= 0 && ix != (unsigned int)pl->exp_index)) {
			c->res->failed++;
			out_s(&o, " EXPECTATION FAILED");
		}
	}
	if (c->print_fn)
		c->print_fn(c->print_arg, o.s, o.n);
	return 0;
}

/* Records back into a line (the parser's struct, which exec_line reads). */
static const uint64_t *rec_load(const uint64_t *w, struct pline *pl)
{
	struct rec_hdr h;
	unsigned int nk, nck = 0;

	memcpy(&h, w, sizeof(h));
	w += REC_HDR_WORDS;
	pl->lineno = h.lineno;
	pl->cmd = trace_cmd_at_(h.cmd);
	pl->call = h.call ? trace_call_at_(h.call - 1u) : NULL;
	pl->have = h.have;
	pl->chave = h.chave;
	pl->hexlen = h.hexlen;
	pl->exp_status = h.exp_status;
	pl->npos = h.npos;
	pl->naux = h.naux;
	pl->ngprs = h.ngprs;
	pl->has_exp = h.has_exp;
	pl->exp_index = h.exp_index;
	nk = pl->cmd->nkeys;
	memcpy(pl->v, w, nk * sizeof(*w));
	memset(pl->v + nk, 0, (MAX_KEYS - nk) * sizeof(*w));
	w += nk;
	if (pl->call) {
		nck = pl->call->nkeys;
		memcpy(pl->cv, w, nck * sizeof(*w));
		w += nck;
	}
	memset(pl->cv + nck, 0, (MAX_KEYS - nck) * sizeof(*w));
	memcpy(pl->pos, w, pl->npos * sizeof(*w));
	w += pl->npos;
	memcpy(pl->aux, w, pl->naux * sizeof(*w));
	w += pl->naux;
	memcpy(pl->gprs, w, pl->ngprs * sizeof(*w));
	w += pl->ngprs;
	memcpy(pl->hex, w, pl->hexlen);
	return w + (pl->hexlen + 7) / 8;
}

int trace_exec_(struct ctx *c, const struct trace_prog *prog,
		rlm_trace_print_fn print, void *arg)
{
	const struct trace_chunk *ch;
	struct pline pl;
	int err;

	c->print_fn = print;
	c->print_arg = arg;
	for (ch = prog->head; ch; ch = ch->next) {
		const uint64_t *w = ch->w, *end = ch->w + ch->used;

		while (w < end) {
			w = rec_load(w, &pl);
			c->res->lines = pl.lineno;
			err = exec_line(c, &pl);
			if (err)
				return err;
		}
	}
	c->res->lines = prog->lines;
	return c->res->failed ? RLM_EMISMATCH : 0;
}

int rlm_trace_run(const char *buf, size_t len,
		  const struct rlm_trace_env *env,
		  rlm_trace_print_fn print, void *arg,
		  struct rlm_trace_result *res)
{
	struct trace_prog prog;
	struct ctx c;
	int err;

	if (!res)
		return RLM_EINVAL;
	trace_ctx_init_(&c, env, res);
	if ((!buf && len) || !env || !env->rmi.ops || !env->ns_ptr ||
	    (env->abi != RLM_RMI_V1_0 && env->abi != RLM_RMI_V2_0))
		return RLM_EINVAL;
	/* the whole trace is parsed (once) before its first command runs */
	err = trace_compile_(&c, buf, len, &prog);
	if (err)
		return err;
	err = trace_exec_(&c, &prog, print, arg);
	trace_prog_free_(&prog);
	return err;
}
