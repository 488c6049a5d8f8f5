/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RMI 2.0 multi-call engine (realm/rmi2.h): one loop for every
 * command that may answer RMI_INCOMPLETE.  The protocol, as TF-RMM main
 * 9a7f8ef46378320ad69140a42e51c1ccf5914661 runs it (runtime/rmi/sro.c,
 * lib/sro_context/src/sro_aux.c, runtime/core/handler.c):
 *  - the first INCOMPLETE carries the operation handle in X1 (kept for the
 *    whole operation); X0 [9:8] says what the RMM wants next: donate
 *    (X2 an RmiOpMemDonateReq), reclaim, or nothing (OP_CONTINUE);
 *  - OP_MEM_DONATE(handle, list, n) answers the granules it consumed in X1
 *    (in list order; the rest stay the host's);
 *  - OP_MEM_RECLAIM(handle, list, n) writes X1 entries into the list; its
 *    final answer may carry the failed command's status;
 *  - OP_CONTINUE(handle, flags) and OP_CANCEL(handle) answer like the
 *    command; BUSY / BLOCKED change nothing and may be retried.
 */
#include <realm/rmi2.h>
#include <realm/error.h>
#include "abi/call.h"

#define STEPS_DEFAULT_ 4096u

struct ans_ {
	uint8_t st, mr;
	bool cc;
};

static bool op_ok_(const struct rlm_rmi2_op *op)
{
	return op && rlm_conduit_ok_(op->c) && op->mem && op->mem->donate &&
	       op->mem->reclaim && op->list && op->list_cap > 0 &&
	       op->list_cap <= RLM_RMI_ADDR_LIST_MAX && (op->list_pa & 7) == 0 &&
	       (op->list_pa & RLM_GRANULE_MASK) / 8 + op->list_cap <=
		       RLM_RMI_ADDR_LIST_MAX;
}

/* One call, retried on BUSY / BLOCKED; r in: the call, out: the answer. */
static int call_(struct rlm_rmi2_op *op, struct rlm_smc_regs *r,
		 struct rlm_rmi_result *res, struct ans_ *a)
{
	const struct rlm_smc_regs in = *r;
	unsigned int max = op->max_steps ? op->max_steps : STEPS_DEFAULT_;
	unsigned int tries = 0;
	uint8_t ix = 0;
	int rc;

	for (;;) {
		if (op->calls >= max)
			return RLM_E2BIG;
		*r = in;
		op->calls++;
		rc = rlm_call_raw_(op->c, r);
		if (rc)
			return rc;
		rc = rlm_rmi2_decode(r->x[0], &a->st, &ix, &a->mr, &a->cc);
		if (res) {
			res->x0 = r->x[0];
			res->status = rc ? 0 : a->st;
			res->index = rc ? 0 : ix;
		}
		if (rc)
			return rc;
		if (a->st != RLM_RMI_BUSY && a->st != RLM_RMI_BLOCKED)
			return 0;
		if (tries++ >= op->max_retries)
			return RLM_EBUSY;
		op->retries++;
	}
}

static void set2_(struct rlm_smc_regs *r, uint64_t fid, uint64_t a1,
		  uint64_t a2, uint64_t a3)
{
	rlm_regs_set_(r, fid, a1, a2, a3, 0, 0);
}

static uint64_t desc_(uint64_t pa, uint64_t cnt, uint8_t state)
{
	return RLM_FIELD_PREP(RLM_RMI_ADDR_RDESC_4K_SZ, RLM_RMI_PAGE_L3) |
	       RLM_FIELD_PREP(RLM_RMI_ADDR_RDESC_4K_CNT, cnt) |
	       (pa & RLM_RMI_ADDR_RDESC_4K_ADDR) |
	       (state ? RLM_RMI_ADDR_RDESC_4K_ST : 0);
}

/* Give back the granules of list[0..n) past the first `used`. */
static void give_back_(struct rlm_rmi2_op *op, size_t n, uint64_t used,
		       uint8_t state)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint64_t cnt = RLM_FIELD_GET(RLM_RMI_ADDR_RDESC_4K_CNT, op->list[i]);
		uint64_t base = op->list[i] & RLM_RMI_ADDR_RDESC_4K_ADDR;

		if (used >= cnt) {
			used -= cnt;
			continue;
		}
		op->mem->reclaim(op->mem_ctx, state, base + used * RLM_GRANULE_SIZE,
				 cnt - used);
		used = 0;
	}
}

/* *shortage: the request could not be met before any call was made. */
static int donate_(struct rlm_rmi2_op *op, struct rlm_smc_regs *r,
		   struct rlm_rmi_result *res, struct ans_ *a, bool *shortage)
{
	uint64_t pa[RLM_RMI2_OP_BATCH];
	uint8_t bs = 0, state = 0;
	uint16_t count = 0;
	bool contig = false;
	size_t n, i, nd = 0;
	uint64_t given, used;
	int k, rc;

	rc = rlm_rmi2_donate_req_decode(r->x[2], &bs, &count, &contig, &state);
	if (rc)
		return rc;
	*shortage = true;
	if (bs != RLM_RMI_PAGE_L3 || (contig && count > RLM_RMI_ADDR_RDESC_4K_CNT_MAX))
		return RLM_ENOTSUP;
	if (count == 0)
		return RLM_EMALFORMED;
	if (contig) {
		k = op->mem->donate(op->mem_ctx, state, true, pa, count);
		if (k < 0)
			return k;
		if ((unsigned int)k != count) {
			if (k > 0)
				op->mem->reclaim(op->mem_ctx, state, pa[0], (uint64_t)k);
			return RLM_ENOMEM;
		}
		op->list[0] = desc_(pa[0], count, state);
		nd = 1;
		given = count;
	} else {
		n = count < RLM_RMI2_OP_BATCH ? count : RLM_RMI2_OP_BATCH;
		k = op->mem->donate(op->mem_ctx, state, false, pa, n);
		if (k < 0)
			return k;
		if (k == 0)
			return RLM_ENOMEM;
		if ((size_t)k > n)
			return RLM_EINVAL;
		given = 0;
		for (i = 0; i < (size_t)k; i++) {
			uint64_t prev = nd ? op->list[nd - 1] : 0;
			uint64_t pcnt = RLM_FIELD_GET(RLM_RMI_ADDR_RDESC_4K_CNT, prev);
			uint64_t pend = (prev & RLM_RMI_ADDR_RDESC_4K_ADDR) +
					pcnt * RLM_GRANULE_SIZE;

			if (nd && pend == pa[i] && pcnt < RLM_RMI_ADDR_RDESC_4K_CNT_MAX) {
				op->list[nd - 1] = desc_(prev & RLM_RMI_ADDR_RDESC_4K_ADDR,
							 pcnt + 1, state);
			} else if (nd < op->list_cap) {
				op->list[nd++] = desc_(pa[i], 1, state);
			} else {
				/* no room in the list: keep it */
				op->mem->reclaim(op->mem_ctx, state, pa[i], 1);
				continue;
			}
			given++;
		}
	}
	*shortage = false;
	set2_(r, RLM_SMC_RMI2_OP_MEM_DONATE, op->handle, op->list_pa, nd);
	op->donations++;
	rc = call_(op, r, res, a);
	/* consumed granules in X1 when the RMM took the list in */
	used = (rc == 0 && (a->st == RLM_RMI_INCOMPLETE || a->st == RLM_RMI_SUCCESS))
		       ? r->x[1] : 0;
	if (used > given) {
		used = given;
		rc = rc ? rc : RLM_EMALFORMED;
	}
	op->donated += used;
	give_back_(op, nd, used, state);
	return rc;
}

static int reclaim_(struct rlm_rmi2_op *op, struct rlm_smc_regs *r,
		    struct rlm_rmi_result *res, struct ans_ *a)
{
	uint64_t n, i;
	int rc;

	rlm_memset(op->list, 0, op->list_cap * sizeof(op->list[0]));
	set2_(r, RLM_SMC_RMI2_OP_MEM_RECLAIM, op->handle, op->list_pa, op->list_cap);
	op->reclaims++;
	rc = call_(op, r, res, a);
	if (rc)
		return rc;
	n = r->x[1];
	if (n > op->list_cap)
		return RLM_EMALFORMED;
	for (i = 0; i < n; i++) {
		uint64_t d = op->list[i];
		uint64_t sz = RLM_FIELD_GET(RLM_RMI_ADDR_RDESC_4K_SZ, d);
		uint64_t cnt = RLM_FIELD_GET(RLM_RMI_ADDR_RDESC_4K_CNT, d);
		/* a level-(3 - sz) block is 512^sz granules */
		uint64_t granules = cnt << (9 * sz);

		if (!cnt)
			continue;
		op->mem->reclaim(op->mem_ctx,
				 (d & RLM_RMI_ADDR_RDESC_4K_ST) ? RLM_RMI_OP_MEM_UNDELEGATED
								: RLM_RMI_OP_MEM_DELEGATED,
				 d & RLM_RMI_ADDR_RDESC_4K_ADDR, granules);
		op->reclaimed += granules;
	}
	return 0;
}

/*
 * From an answer a (registers r), follow INCOMPLETE answers to the final
 * one.  cancelling: a donation request is then out of protocol.
 */
static int drive_(struct rlm_rmi2_op *op, struct rlm_smc_regs *r,
		  struct rlm_rmi_result *res, struct ans_ *a, bool cancelling)
{
	bool short_ = false;
	int rc;

	while (a->st == RLM_RMI_INCOMPLETE) {
		op->pending = true;
		op->can_cancel = a->cc;
		switch (a->mr) {
		case RLM_RMI_OP_MEM_REQ_DONATE:
			if (cancelling)
				return RLM_EMALFORMED;
			rc = donate_(op, r, res, a, &short_);
			if (rc) {
				/* no granules (or a request we cannot meet):
				 * undo what was donated if the RMM lets us */
				if (short_ && op->can_cancel)
					(void)rlm_rmi2_op_cancel(op, res);
				return rc;
			}
			break;
		case RLM_RMI_OP_MEM_REQ_RECLAIM:
			rc = reclaim_(op, r, res, a);
			if (rc)
				return rc;
			break;
		default:
			set2_(r, RLM_SMC_RMI2_OP_CONTINUE, op->handle,
			      op->continue_flags, 0);
			op->continues++;
			rc = call_(op, r, res, a);
			if (rc)
				return rc;
			break;
		}
	}
	op->pending = false;
	op->out = *r;
	return a->st == RLM_RMI_SUCCESS ? 0 : RLM_ERMI;
}

int rlm_rmi2_op_run(struct rlm_rmi2_op *op, const struct rlm_smc_regs *cmd,
		    struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;
	struct ans_ a = { 0, 0, false };
	int rc;

	if (!op_ok_(op) || !cmd)
		return RLM_EINVAL;
	op->handle = 0;
	op->started = op->pending = op->can_cancel = false;
	op->calls = op->retries = op->donations = op->reclaims = op->continues = 0;
	op->donated = op->reclaimed = 0;
	rlm_memset(&op->out, 0, sizeof(op->out));
	r = *cmd;
	rc = call_(op, &r, res, &a);
	if (rc)
		return rc;
	if (a.st == RLM_RMI_INCOMPLETE) {
		op->handle = r.x[1];
		op->started = true;
	}
	return drive_(op, &r, res, &a, false);
}

int rlm_rmi2_op_cancel(struct rlm_rmi2_op *op, struct rlm_rmi_result *res)
{
	struct rlm_smc_regs r;
	struct ans_ a = { 0, 0, false };
	int rc;

	if (!op_ok_(op) || !op->started || !op->pending)
		return RLM_EINVAL;
	if (!op->can_cancel)
		return RLM_EPERM;
	set2_(&r, RLM_SMC_RMI2_OP_CANCEL, op->handle, 0, 0);
	rc = call_(op, &r, res, &a);
	if (rc)
		return rc;
	return drive_(op, &r, res, &a, true);
}
