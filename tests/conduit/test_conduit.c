/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Conduits: the recording/scripted conduit (what every typed-call test
 * stands on), the SMCCC register-set decision, and the arm64 SMC conduit's
 * ops table -- plus, on aarch64, proof that an SMC from EL0 is refused
 * (SIGILL), which is why userspace must go through the shim.
 */
#include "test_util.h"

#include <setjmp.h>
#include <signal.h>

#include <realm/testing.h>

/* The SMC conduit exists exactly on aarch64 (lib/conduit/meson.build). */
#if defined(__aarch64__) != defined(RLM_HAVE_SMC_ARM64)
#error "smc-arm64 conduit declared on the wrong CPU"
#endif

static void regs_fill(struct rlm_smc_regs *r, uint64_t base)
{
	unsigned int i;

	for (i = 0; i < RLM_SMC_NREGS; i++)
		r->x[i] = base + i;
}

static void test_record_script(void **state)
{
	struct rlm_record rec;
	struct rlm_record_call log[4];
	struct rlm_smc_regs script[2], r;
	struct rlm_conduit c;
	const struct rlm_record_call *e;
	unsigned int i;

	(void)state;
	regs_fill(&script[0], 0x100);
	regs_fill(&script[1], 0x200);
	rlm_record_init(&rec, log, 4);
	rlm_record_script(&rec, script, 2);
	rlm_record_conduit(&rec, &c);
	assert_ptr_equal(c.ops, &rlm_record_ops);
	assert_string_equal(c.ops->name, "record");
	assert_ptr_equal(c.ctx, &rec);
	assert_int_equal(rlm_record_count(&rec), 0);
	assert_int_equal(rlm_record_script_left(&rec), 2);

	/* first call: all 18 result registers come from script[0] */
	regs_fill(&r, 0xC4000150);
	assert_int_equal(rlm_conduit_call(&c, &r), 0);
	for (i = 0; i < RLM_SMC_NREGS; i++)
		assert_true(r.x[i] == 0x100 + i);
	e = rlm_record_get(&rec, 0);
	assert_non_null(e);
	for (i = 0; i < RLM_SMC_NREGS; i++) {
		assert_true(e->in.x[i] == 0xC4000150 + i);
		assert_true(e->out.x[i] == 0x100 + i);
	}
	assert_int_equal(e->rc, 0);

	regs_fill(&r, 7);
	assert_int_equal(rlm_conduit_call(&c, &r), 0);
	assert_true(r.x[0] == 0x200 && r.x[17] == 0x211);
	assert_int_equal(rlm_record_script_left(&rec), 0);

	/* the script ran out: the call fails, and is still counted and logged */
	regs_fill(&r, 9);
	assert_int_equal(rlm_conduit_call(&c, &r), RLM_ECONDUIT);
	assert_int_equal(rlm_record_count(&rec), 3);
	e = rlm_record_get(&rec, 2);
	assert_non_null(e);
	assert_int_equal(e->rc, RLM_ECONDUIT);
	assert_true(e->in.x[0] == 9);
	assert_null(rlm_record_get(&rec, 3));

	/* the log overflows: calls are still counted, not recorded */
	assert_int_equal(rlm_conduit_call(&c, &r), RLM_ECONDUIT);
	assert_int_equal(rlm_conduit_call(&c, &r), RLM_ECONDUIT);
	assert_int_equal(rlm_record_count(&rec), 5);
	assert_non_null(rlm_record_get(&rec, 3));
	assert_null(rlm_record_get(&rec, 4));

	/* reset forgets calls; a new script restarts */
	rlm_record_reset(&rec);
	assert_int_equal(rlm_record_count(&rec), 0);
	assert_null(rlm_record_get(&rec, 0));
	rlm_record_script(&rec, script, 1);
	assert_int_equal(rlm_conduit_call(&c, &r), 0);
	assert_true(r.x[0] == 0x100);
	assert_int_equal(rlm_record_count(&rec), 1);
}

struct cb_state {
	size_t seen[4];
	unsigned int n;
};

static int answer_cb(void *arg, size_t index, struct rlm_smc_regs *r)
{
	struct cb_state *s = arg;

	s->seen[s->n++] = index;
	if (index == 1)
		return RLM_EIO; /* transport failure on the second call */
	r->x[0] = 0;
	r->x[1] = r->x[1] * 2;
	return 0;
}

static void test_record_callback(void **state)
{
	struct rlm_record rec;
	struct rlm_record_call log[4];
	struct rlm_smc_regs r;
	struct rlm_conduit c;
	struct cb_state s;

	(void)state;
	memset(&s, 0, sizeof(s));
	rlm_record_init(&rec, log, 4);
	rlm_record_callback(&rec, answer_cb, &s);
	rlm_record_conduit(&rec, &c);
	memset(&r, 0, sizeof(r));
	r.x[1] = 21;
	assert_int_equal(rlm_conduit_call(&c, &r), 0);
	assert_true(r.x[1] == 42);
	assert_int_equal(rlm_conduit_call(&c, &r), RLM_EIO);
	assert_int_equal(rlm_record_get(&rec, 1)->rc, RLM_EIO);
	assert_int_equal(rlm_conduit_call(&c, &r), 0);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.seen[0], 0);
	assert_int_equal(s.seen[1], 1);
	assert_int_equal(s.seen[2], 2);
	/* a script replaces the callback */
	rlm_record_script(&rec, NULL, 0);
	assert_int_equal(rlm_conduit_call(&c, &r), RLM_ECONDUIT);
	assert_int_equal(s.n, 3);
}

static void test_record_without_log_and_null(void **state)
{
	struct rlm_record rec;
	struct rlm_smc_regs script[1], r;
	struct rlm_conduit c;

	(void)state;
	regs_fill(&script[0], 0x300);
	rlm_record_init(&rec, NULL, 10); /* no log: only counting */
	rlm_record_script(&rec, script, 1);
	rlm_record_conduit(&rec, &c);
	assert_int_equal(rlm_conduit_call(&c, &r), 0);
	assert_int_equal(rlm_record_count(&rec), 1);
	assert_null(rlm_record_get(&rec, 0));

	/* NULL-safe helpers */
	rlm_record_init(NULL, NULL, 0);
	rlm_record_script(NULL, script, 1);
	rlm_record_callback(NULL, answer_cb, NULL);
	rlm_record_reset(NULL);
	rlm_record_conduit(&rec, NULL);
	assert_int_equal(rlm_record_count(NULL), 0);
	assert_null(rlm_record_get(NULL, 0));
	assert_int_equal(rlm_record_script_left(NULL), 0);
	assert_int_equal(rlm_record_ops.call(NULL, &r), RLM_EINVAL);
	assert_int_equal(rlm_record_ops.call(&rec, NULL), RLM_EINVAL);

	/* the generic conduit entry points */
	assert_int_equal(rlm_conduit_call(NULL, &r), RLM_EINVAL);
	assert_int_equal(rlm_conduit_call(&c, NULL), RLM_EINVAL);
	assert_null(rlm_conduit_ns_map(&c, 0x1000, 8)); /* the recorder maps nothing */
	assert_null(rlm_conduit_ns_map(NULL, 0x1000, 8));
}

/* The recorder's optional view of host memory (ns_map). */
static void test_record_ns_window(void **state)
{
	static uint8_t mem[8192];
	struct rlm_record rec;
	struct rlm_conduit c;

	(void)state;
	rlm_record_init(&rec, NULL, 0);
	rlm_record_conduit(&rec, &c);
	assert_null(rlm_conduit_ns_map(&c, 0x90000000, 8));
	rlm_record_ns(&rec, 0x90000000, mem, sizeof(mem));
	assert_ptr_equal(rlm_conduit_ns_map(&c, 0x90000000, 8), mem);
	assert_ptr_equal(rlm_conduit_ns_map(&c, 0x90001000, 4096), mem + 4096);
	assert_ptr_equal(rlm_conduit_ns_map(&c, 0x90002000, 0), mem + 8192);
	assert_null(rlm_conduit_ns_map(&c, 0x90001001, 4096)); /* runs past the end */
	assert_null(rlm_conduit_ns_map(&c, 0x8ffff000, 8));   /* below */
	assert_null(rlm_conduit_ns_map(&c, 0x90002000, 1));   /* above */
	assert_null(rlm_conduit_ns_map(&c, ~0ULL, 2));        /* wraps */
	assert_null(rlm_conduit_ns_map(&c, 0x90000000, (size_t)-1));
	rlm_record_ns(&rec, 0, NULL, 100);
	assert_null(rlm_conduit_ns_map(&c, 0, 8));
	rlm_record_ns(NULL, 0, mem, 1);
	assert_null(rlm_record_ops.ns_map(NULL, 0, 1));
}

/* Which FIDs need the SMCCC 1.2 register set (numbers, not macros). */
static void test_smccc_register_set(void **state)
{
	static const uint64_t need12[] = {
		0xC4000192, /* RSI_MEASUREMENT_READ: X1..X8 out */
		0xC4000193, /* RSI_MEASUREMENT_EXTEND: X3..X10 in */
		0xC4000194, /* RSI_ATTESTATION_TOKEN_INIT: X1..X8 in */
		0xC4000199, /* RSI_HOST_CALL */
		0xC4000161, /* RMI_RTT_READ_ENTRY: X1..X4 out */
	};
	uint64_t fid;
	size_t i, n12 = 0;

	(void)state;
	for (i = 0; i < sizeof(need12) / sizeof(need12[0]); i++)
		assert_true(rlm_smc_needs_smccc_1_2(need12[i]));
	/* everything else in the RMI and RSI ranges fits SMCCC 1.1 */
	for (fid = 0xC4000150; fid <= 0xC40001AF; fid++)
		n12 += rlm_smc_needs_smccc_1_2(fid);
	assert_int_equal(n12, 5);
	assert_false(rlm_smc_needs_smccc_1_2(0x84000000)); /* PSCI_VERSION */
	assert_false(rlm_smc_needs_smccc_1_2(0x80000000)); /* SMCCC_VERSION */
	assert_false(rlm_smc_needs_smccc_1_2(0x00000000C4000192ULL | (1ULL << 32)));
}

#if defined(RLM_HAVE_SMC_ARM64)
static void test_smc_arm64_ops(void **state)
{
	struct rlm_conduit c = { NULL, (void *)1 };

	(void)state;
	rlm_smc_arm64_conduit(&c);
	assert_ptr_equal(c.ops, &rlm_smc_arm64_ops);
	assert_null(c.ctx);
	assert_string_equal(c.ops->name, "smc-arm64");
	assert_non_null(c.ops->call);
	assert_null(c.ops->ns_map);
	assert_null(rlm_conduit_ns_map(&c, 0x1000, 8));
	/* argument checks happen before any smc */
	assert_int_equal(c.ops->call(NULL, NULL), RLM_EINVAL);
	assert_int_equal(rlm_conduit_call(&c, NULL), RLM_EINVAL);
	rlm_smc_arm64_conduit(NULL);
}

/*
 * An SMC from EL0 is UNDEFINED: the kernel (or qemu-user) delivers SIGILL.
 * Catch it and jump back, once through the SMCCC 1.1 path and once through
 * the 1.2 path.  (A forked child would do too, but qemu-user 7.2 leaves a
 * child killed by a signal as a spinning zombie.)
 */
static sigjmp_buf smc_jump;
static volatile sig_atomic_t smc_signal;

static void on_sigill(int sig)
{
	smc_signal = sig;
	siglongjmp(smc_jump, 1);
}

static void smc_expect_sigill(uint64_t fid)
{
	struct sigaction sa, old;
	struct rlm_conduit c;
	struct rlm_smc_regs r;
	volatile bool returned = false;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigill;
	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGILL, &sa, &old), 0);
	smc_signal = 0;
	if (!sigsetjmp(smc_jump, 1)) {
		memset(&r, 0, sizeof(r));
		r.x[0] = fid;
		r.x[1] = 0x10000;
		rlm_smc_arm64_conduit(&c);
		rlm_conduit_call(&c, &r);
		returned = true; /* only if the SMC did not trap */
	}
	assert_int_equal(sigaction(SIGILL, &old, NULL), 0);
	assert_false(returned);
	assert_int_equal(smc_signal, SIGILL);
}

static void test_smc_from_el0_traps(void **state)
{
	(void)state;
	smc_expect_sigill(0xC4000150); /* RMI_VERSION: SMCCC 1.1 path */
	smc_expect_sigill(0xC4000192); /* RSI_MEASUREMENT_READ: SMCCC 1.2 path */
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_script),
		cmocka_unit_test(test_record_callback),
		cmocka_unit_test(test_record_without_log_and_null),
		cmocka_unit_test(test_record_ns_window),
		cmocka_unit_test(test_smccc_register_set),
#if defined(RLM_HAVE_SMC_ARM64)
		cmocka_unit_test(test_smc_arm64_ops),
		cmocka_unit_test(test_smc_from_el0_traps),
#endif
	};

	return cmocka_run_group_tests_name("conduit", tests, NULL, NULL);
}
