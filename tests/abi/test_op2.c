/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RMI 2.0 multi-call engine over a scripted conduit answering as
 * TF-RMM main 9a7f8ef's SRO code does (runtime/rmi/sro.c,
 * lib/sro_context/src/sro_aux.c): REC_CREATE asks for 16 delegated L3
 * granules (X0 = INCOMPLETE | DONATE << 8 | CAN_CANCEL << 10, X1 the
 * handle, X2 the RmiOpMemDonateReq), OP_MEM_DONATE answers the granules
 * consumed in X1, OP_MEM_RECLAIM writes RmiAddrRangeDesc4KB entries and
 * their number in X1, OP_CONTINUE finishes.  Every register sent and
 * every list entry handed over is checked; FIDs as numbers
 * (OP_CONTINUE 0xC4000203, OP_MEM_DONATE 0xC4000208, OP_MEM_RECLAIM
 * 0xC4000209, OP_CANCEL 0xC400020A, REC_CREATE 0xC400015A,
 * REC_DESTROY 0xC400015B).
 */
#include "rec_util.h"

#include <realm/realm.h>

#define F_REC_CREATE 0xC400015AULL
#define F_REC_DESTROY 0xC400015BULL
#define F_CONTINUE 0xC4000203ULL
#define F_DONATE 0xC4000208ULL
#define F_RECLAIM 0xC4000209ULL
#define F_CANCEL 0xC400020AULL

#define INC 13ULL
#define MR_DONATE (1ULL << 8)
#define MR_RECLAIM (2ULL << 8)
#define CANCEL_OK (1ULL << 10)
#define HANDLE 0x7700ULL
#define LIST_PA 0x9000f000ULL /* the list fills the last granule's start */
/* RmiOpMemDonateReq: L3 [1:0], count [15:2], contig [16], state [17] */
#define DREQ(n) ((uint64_t)(n) << 2)

/* ---- a scripted RMM with list effects ----------------------------------- */

struct step {
	uint64_t x0, x1, x2;
	uint64_t write[4];  /* written into the list before answering */
	unsigned int nwrite;
};

static struct {
	struct step steps[32];
	unsigned int n;
	uint64_t seen[32][8]; /* the list as each call found it */
} fk;
static uint64_t list[512];

static int fake(void *arg, size_t index, struct rlm_smc_regs *r)
{
	const struct step *s;
	unsigned int i;

	(void)arg;
	assert_true(index < fk.n);
	memcpy(fk.seen[index], list, sizeof(fk.seen[index]));
	s = &fk.steps[index];
	for (i = 0; i < s->nwrite; i++)
		list[i] = s->write[i];
	for (i = 0; i < RLM_SMC_NREGS; i++)
		r->x[i] = 0;
	r->x[0] = s->x0;
	r->x[1] = s->x1;
	r->x[2] = s->x2;
	return 0;
}

static void step(uint64_t x0, uint64_t x1, uint64_t x2)
{
	assert_true(fk.n < 32);
	fk.steps[fk.n].x0 = x0;
	fk.steps[fk.n].x1 = x1;
	fk.steps[fk.n].x2 = x2;
	fk.steps[fk.n].nwrite = 0;
	fk.n++;
}

static void step_write(uint64_t x0, uint64_t x1, const uint64_t *w,
		       unsigned int nw)
{
	step(x0, x1, 0);
	memcpy(fk.steps[fk.n - 1].write, w, nw * sizeof(*w));
	fk.steps[fk.n - 1].nwrite = nw;
}

/* ---- the caller's allocator ---------------------------------------------- */

struct pool {
	uint64_t next;          /* next PA handed out */
	uint64_t gap_after;     /* skip a granule after this many (0: never) */
	unsigned int limit;     /* granules it may give in all */
	unsigned int given, returned, calls;
	int fail;               /* error once limit reached (0: RLM_ENOMEM) */
	uint64_t back_base[8], back_cnt[8];
	uint8_t back_state[8];
	unsigned int nback;
	bool saw_contig;
};
static struct pool pl;

static int pool_donate(void *ctx, uint8_t state, bool contig, uint64_t *pa, size_t n)
{
	struct pool *p = ctx;
	size_t i;

	(void)state;
	p->calls++;
	p->saw_contig = contig;
	if (p->given >= p->limit)
		return p->fail ? p->fail : RLM_ENOMEM;
	if (n > p->limit - p->given)
		n = p->limit - p->given;
	for (i = 0; i < n; i++) {
		if (p->gap_after && p->given == p->gap_after)
			p->next += 0x1000;
		pa[i] = p->next;
		p->next += 0x1000;
		p->given++;
	}
	return (int)n;
}

static void pool_reclaim(void *ctx, uint8_t state, uint64_t base, uint64_t count)
{
	struct pool *p = ctx;

	if (p->nback < 8) {
		p->back_base[p->nback] = base;
		p->back_cnt[p->nback] = count;
		p->back_state[p->nback] = state;
		p->nback++;
	}
	p->returned += (unsigned int)count;
}

static const struct rlm_rmi2_mem_ops pool_ops = { pool_donate, pool_reclaim };

static struct rlm_rmi2_op op;

static struct rlm_conduit *setup(unsigned int limit)
{
	struct rlm_conduit *c = ru_reset();

	memset(&fk, 0, sizeof(fk));
	memset(list, 0xee, sizeof(list));
	memset(&pl, 0, sizeof(pl));
	pl.next = 0x80000000;
	pl.limit = limit;
	rlm_record_callback(&ru_.rec, fake, NULL);
	memset(&op, 0, sizeof(op));
	op.c = c;
	op.mem = &pool_ops;
	op.mem_ctx = &pl;
	op.list = list;
	op.list_pa = LIST_PA;
	op.list_cap = 8;
	op.max_retries = 2;
	return c;
}

static struct rlm_smc_regs rec_create_cmd(void)
{
	struct rlm_smc_regs r;

	memset(&r, 0, sizeof(r));
	r.x[0] = F_REC_CREATE;
	r.x[1] = 0x81000000;
	r.x[2] = 0x81001000;
	r.x[3] = 0x90000000;
	return r;
}

/* ---- tests ------------------------------------------------------------- */

static void test_rec_create_donation(void **state)
{
	struct rlm_smc_regs cmd = rec_create_cmd();
	struct rlm_rmi_result res;

	(void)state;
	setup(64);
	pl.gap_after = 10; /* 10 adjacent granules, a hole, 6 more */
	step(INC | MR_DONATE | CANCEL_OK, HANDLE, DREQ(16));
	step(INC | CANCEL_OK, 16, 0);
	step(0, 0, 0);
	assert_int_equal(rlm_rmi2_op_run(&op, &cmd, &res), 0);
	assert_int_equal(res.status, 0);
	assert_int_equal(ru_count(), 3);
	ru_check_in(0, F_REC_CREATE, RU_ARGS(0x81000000, 0x81001000, 0x90000000));
	ru_check_in(1, F_DONATE, RU_ARGS(HANDLE, LIST_PA, 2));
	ru_check_in(2, F_CONTINUE, RU_ARGS(HANDLE, 0));
	/* two runs: 0x80000000 x10 and 0x8000b000 x6, L3, delegated */
	assert_int_equal(fk.seen[1][0], 0x80000000ULL | (10 << 2));
	assert_int_equal(fk.seen[1][1], 0x8000b000ULL | (6 << 2));
	assert_int_equal(op.handle, HANDLE);
	assert_int_equal(op.donated, 16);
	assert_int_equal(op.donations, 1);
	assert_int_equal(op.continues, 1);
	assert_int_equal(op.calls, 3);
	assert_false(op.pending);
	assert_int_equal(pl.given, 16);
	assert_int_equal(pl.returned, 0);
	assert_false(pl.saw_contig);
}

static void test_partial_consumption(void **state)
{
	struct rlm_smc_regs cmd = rec_create_cmd();
	struct rlm_rmi_result res;

	(void)state;
	setup(64);
	step(INC | MR_DONATE | CANCEL_OK, HANDLE, DREQ(16));
	/* took 10 of 16, wants 6 more */
	step(INC | MR_DONATE | CANCEL_OK, 10, DREQ(6));
	step(INC | CANCEL_OK, 6, 0);
	step(0, 0, 0);
	assert_int_equal(rlm_rmi2_op_run(&op, &cmd, &res), 0);
	ru_check_in(1, F_DONATE, RU_ARGS(HANDLE, LIST_PA, 1));
	ru_check_in(2, F_DONATE, RU_ARGS(HANDLE, LIST_PA, 1));
	assert_int_equal(fk.seen[1][0], 0x80000000ULL | (16 << 2));
	/* the 6 not taken went back: 0x8000a000.. */
	assert_int_equal(pl.nback, 1);
	assert_int_equal(pl.back_base[0], 0x8000a000ULL);
	assert_int_equal(pl.back_cnt[0], 6);
	assert_int_equal(pl.back_state[0], RLM_RMI_OP_MEM_DELEGATED);
	/* the second donation is fresh granules 0x80010000.. */
	assert_int_equal(fk.seen[2][0], 0x80010000ULL | (6 << 2));
	assert_int_equal(op.donated, 16);
	assert_int_equal(op.donations, 2);
}

static void test_contig_undelegated(void **state)
{
	struct rlm_smc_regs cmd = rec_create_cmd();
	struct rlm_rmi_result res;

	(void)state;
	setup(64);
	/* 4 contiguous undelegated granules: contig bit 16, state bit 17 */
	step(INC | MR_DONATE, HANDLE, DREQ(4) | (1ULL << 16) | (1ULL << 17));
	step(INC, 4, 0);
	step(0, 0, 0);
	assert_int_equal(rlm_rmi2_op_run(&op, &cmd, &res), 0);
	assert_true(pl.saw_contig);
	ru_check_in(1, F_DONATE, RU_ARGS(HANDLE, LIST_PA, 1));
	assert_int_equal(fk.seen[1][0], 0x80000000ULL | (4 << 2) | (1ULL << 63));
}

static void test_shortage_cancels(void **state)
{
	struct rlm_smc_regs cmd = rec_create_cmd();
	struct rlm_rmi_result res;
	const uint64_t back[1] = { 0x80000000ULL | (8 << 2) };

	(void)state;
	setup(8);
	step(INC | MR_DONATE | CANCEL_OK, HANDLE, DREQ(16));
	step(INC | MR_DONATE | CANCEL_OK, 8, DREQ(8));
	/* the pool is dry: cancel, and the RMM hands the 8 back */
	step(INC | MR_RECLAIM | CANCEL_OK, 0, 0);
	step_write(INC | CANCEL_OK, 1, back, 1);
	step(0, 0, 0);
	assert_int_equal(rlm_rmi2_op_run(&op, &cmd, &res), RLM_ENOMEM);
	assert_int_equal(ru_count(), 5);
	ru_check_in(2, F_CANCEL, RU_ARGS(HANDLE));
	ru_check_in(3, F_RECLAIM, RU_ARGS(HANDLE, LIST_PA, 8));
	ru_check_in(4, F_CONTINUE, RU_ARGS(HANDLE, 0));
	/* the engine cleared the list before the reclaim */
	assert_int_equal(fk.seen[3][0], 0);
	assert_int_equal(op.donated, 8);
	assert_int_equal(op.reclaimed, 8);
	assert_int_equal(pl.returned, 8);
	assert_int_equal(pl.back_base[0], 0x80000000ULL);
	assert_false(op.pending);
}

static void test_shortage_cannot_cancel(void **state)
{
	struct rlm_smc_regs cmd = rec_create_cmd();
	struct rlm_rmi_result res;

	(void)state;
	setup(0);
	pl.fail = RLM_EIO;
	step(INC | MR_DONATE, HANDLE, DREQ(16));
	/* the allocator's own error comes back; no OP_CANCEL without bit 10 */
	assert_int_equal(rlm_rmi2_op_run(&op, &cmd, &res), RLM_EIO);
	assert_int_equal(ru_count(), 1);
	assert_true(op.pending);
	assert_true(op.started);
	assert_false(op.can_cancel);
	/* cancel refused by the engine: the RMM said it cannot be cancelled */
	assert_int_equal(rlm_rmi2_op_cancel(&op, &res), RLM_EPERM);
	assert_int_equal(ru_count(), 1);
}

static void test_rec_destroy_reclaim(void **state)
{
	struct rlm_smc_regs cmd;
	struct rlm_rmi_result res;
	const uint64_t w1[2] = { 0x80000000ULL | (10 << 2),
				 0x8000b000ULL | (5 << 2) | (1ULL << 63) };
	const uint64_t w2[1] = { 0x80200000ULL | (1 << 2) | 1 /* an L2 block */ };

	(void)state;
	setup(0);
	memset(&cmd, 0, sizeof(cmd));
	cmd.x[0] = F_REC_DESTROY;
	cmd.x[1] = 0x81001000;
	step(INC | MR_RECLAIM, HANDLE, 0);
	step_write(INC | MR_RECLAIM, 2, w1, 2);
	step_write(0, 1, w2, 1);
	assert_int_equal(rlm_rmi2_op_run(&op, &cmd, &res), 0);
	ru_check_in(0, F_REC_DESTROY, RU_ARGS(0x81001000));
	ru_check_in(1, F_RECLAIM, RU_ARGS(HANDLE, LIST_PA, 8));
	ru_check_in(2, F_RECLAIM, RU_ARGS(HANDLE, LIST_PA, 8));
	assert_int_equal(pl.nback, 3);
	assert_int_equal(pl.back_cnt[0], 10);
	assert_int_equal(pl.back_state[0], RLM_RMI_OP_MEM_DELEGATED);
	assert_int_equal(pl.back_base[1], 0x8000b000ULL);
	assert_int_equal(pl.back_state[1], RLM_RMI_OP_MEM_UNDELEGATED);
	assert_int_equal(pl.back_base[2], 0x80200000ULL);
	assert_int_equal(pl.back_cnt[2], 512);
	assert_int_equal(op.reclaimed, 10 + 5 + 512);
	assert_int_equal(op.reclaims, 2);
}

static void test_busy_blocked(void **state)
{
	struct rlm_smc_regs cmd = rec_create_cmd();
	struct rlm_rmi_result res;

	(void)state;
	setup(64);
	step(RLM_RMI_BUSY, 0, 0);
	step(RLM_RMI_BLOCKED, 0, 0);
	step(INC, HANDLE, 0);
	step(RLM_RMI_BUSY, 0, 0);
	step(0, 0, 0);
	assert_int_equal(rlm_rmi2_op_run(&op, &cmd, &res), 0);
	assert_int_equal(op.retries, 3);
	ru_check_in(1, F_REC_CREATE, RU_ARGS(0x81000000, 0x81001000, 0x90000000));
	ru_check_in(2, F_REC_CREATE, RU_ARGS(0x81000000, 0x81001000, 0x90000000));
	ru_check_in(3, F_CONTINUE, RU_ARGS(HANDLE, 0));
	ru_check_in(4, F_CONTINUE, RU_ARGS(HANDLE, 0));

	/* retries run out */
	setup(64);
	op.max_retries = 1;
	step(RLM_RMI_BLOCKED, 0, 0);
	step(RLM_RMI_BLOCKED, 0, 0);
	assert_int_equal(rlm_rmi2_op_run(&op, &cmd, &res), RLM_EBUSY);
	assert_int_equal(res.status, RLM_RMI_BLOCKED);
	assert_int_equal(ru_count(), 2);
}

static void test_errors(void **state)
{
	struct rlm_smc_regs cmd = rec_create_cmd();
	struct rlm_rmi_result res;

	(void)state;
	/* a final error status */
	setup(64);
	step(RLM_RMI_ERROR_REALM | (1 << 8), 0, 0);
	assert_int_equal(rlm_rmi2_op_run(&op, &cmd, &res), RLM_ERMI);
	assert_int_equal(res.status, RLM_RMI_ERROR_REALM);
	assert_int_equal(res.index, 1);
	assert_false(op.started);

	/* the RMM claims to have consumed more than given */
	setup(64);
	step(INC | MR_DONATE, HANDLE, DREQ(2));
	step(INC, 3, 0);
	assert_int_equal(rlm_rmi2_op_run(&op, &cmd, &res), RLM_EMALFORMED);

	/* more reclaim entries than the list holds */
	setup(64);
	step(INC | MR_RECLAIM, HANDLE, 0);
	step(0, 9, 0);
	assert_int_equal(rlm_rmi2_op_run(&op, &cmd, &res), RLM_EMALFORMED);

	/* X0 outside the encoding */
	setup(64);
	step(INC | (1ULL << 11), HANDLE, 0);
	assert_int_equal(rlm_rmi2_op_run(&op, &cmd, &res), RLM_EMALFORMED);

	/* an L2 block donation: not supported, so cancelled */
	setup(64);
	step(INC | MR_DONATE | CANCEL_OK, HANDLE, DREQ(1) | RLM_RMI_BLOCK_L2);
	step(0, 0, 0);
	assert_int_equal(rlm_rmi2_op_run(&op, &cmd, &res), RLM_ENOTSUP);
	ru_check_in(1, F_CANCEL, RU_ARGS(HANDLE));
	assert_int_equal(pl.calls, 0);

	/* a never-ending operation stops at max_steps */
	setup(64);
	op.max_steps = 5;
	for (unsigned int i = 0; i < 6; i++)
		step(INC, HANDLE, 0);
	assert_int_equal(rlm_rmi2_op_run(&op, &cmd, &res), RLM_E2BIG);
	assert_int_equal(ru_count(), 5);
	assert_true(op.pending);
}

static void test_bad_op(void **state)
{
	struct rlm_smc_regs cmd = rec_create_cmd();
	struct rlm_rmi_result res;

	(void)state;
	setup(64);
	assert_int_equal(rlm_rmi2_op_run(&op, NULL, &res), RLM_EINVAL);
	assert_int_equal(rlm_rmi2_op_run(NULL, &cmd, &res), RLM_EINVAL);
	op.list_cap = 0;
	assert_int_equal(rlm_rmi2_op_run(&op, &cmd, &res), RLM_EINVAL);
	op.list_cap = 513;
	assert_int_equal(rlm_rmi2_op_run(&op, &cmd, &res), RLM_EINVAL);
	/* 8 entries from 0x...ffc8 would cross the granule */
	op.list_cap = 8;
	op.list_pa = 0x9000ffd0;
	assert_int_equal(rlm_rmi2_op_run(&op, &cmd, &res), RLM_EINVAL);
	op.list_pa = 0x9000ffc0;
	op.list = NULL;
	assert_int_equal(rlm_rmi2_op_run(&op, &cmd, &res), RLM_EINVAL);
	op.list = list;
	op.list_pa = 0x9000f004;
	assert_int_equal(rlm_rmi2_op_run(&op, &cmd, &res), RLM_EINVAL);
	op.list_pa = LIST_PA;
	op.mem = NULL;
	assert_int_equal(rlm_rmi2_op_run(&op, &cmd, &res), RLM_EINVAL);
	op.mem = &pool_ops;
	/* nothing started: nothing to cancel */
	assert_int_equal(rlm_rmi2_op_cancel(&op, &res), RLM_EINVAL);
	assert_int_equal(ru_count(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rec_create_donation),
		cmocka_unit_test(test_partial_consumption),
		cmocka_unit_test(test_contig_undelegated),
		cmocka_unit_test(test_shortage_cancels),
		cmocka_unit_test(test_shortage_cannot_cancel),
		cmocka_unit_test(test_rec_destroy_reclaim),
		cmocka_unit_test(test_busy_blocked),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_bad_op),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
