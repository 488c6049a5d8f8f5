/* SPDX-License-Identifier: BSD-3-Clause */
/* REC exits: every reason decoded from a packed RmiRecExit page, MMIO
 * reads/writes of each size, aborts, PSCI, RIPAS changes (accept, partial,
 * reject), host calls, SEA injection, and malformed exits. */
#include "test_util.h"
#include <realm/realm.h>
#include <realm/exit.h>

static struct rlm_rtt_geom G; /* s2sz 40: protected [0, 2^39) */
#define UNPROT (UINT64_C(1) << 39)

static int setup(void **state)
{
	(void)state;
	return rlm_rtt_geom_init(&G, 40, 1, false);
}

/* Build, pack into a page half and decode from the bytes. */
static int decode(const struct rlm_rec_exit *x, struct rlm_exit *o)
{
	uint8_t page[RLM_REC_EXIT_SIZE];

	assert_int_equal(rlm_pack_rec_exit(x, page, sizeof(page)), 0);
	return rlm_exit_decode_page(page, sizeof(page), &G, o);
}

static uint64_t dabt_esr(unsigned int sas, bool write, bool sf, bool isv)
{
	return (UINT64_C(0x24) << RLM_ESR_EC_SHIFT) |
	       (isv ? RLM_ESR_ISV : 0) | ((uint64_t)sas << RLM_ESR_SAS_SHIFT) |
	       (sf ? RLM_ESR_SF : 0) | (write ? RLM_ESR_WNR : 0) |
	       0x07 /* FSC: translation fault, level 3 */;
}

static uint64_t hpfar_of(uint64_t ipa)
{
	return (ipa >> 12) << 4;
}

static void test_mmio(void **state)
{
	(void)state;
	for (unsigned int sas = 0; sas < 4; sas++) {
		for (int w = 0; w < 2; w++) {
			struct rlm_rec_exit x;
			struct rlm_exit o;
			struct rlm_rec_enter e;
			uint64_t ipa = UNPROT + 0x9000000 + 0x10 + sas;
			unsigned int size = 1u << sas;
			uint64_t mask = size == 8 ? ~UINT64_C(0) : (UINT64_C(1) << (8 * size)) - 1;

			memset(&x, 0, sizeof(x));
			x.exit_reason = RLM_RMI_EXIT_SYNC;
			x.esr = dabt_esr(sas, w, true, true);
			x.hpfar = hpfar_of(ipa);
			x.far = ipa & 0xfff;
			if (w)
				x.gprs[0] = 0x0123456789abcdefull & mask;
			assert_int_equal(decode(&x, &o), 0);
			assert_int_equal(o.kind, RLM_EXIT_MMIO);
			assert_true(o.mmio.ipa == ipa);
			assert_int_equal(o.mmio.size, size);
			assert_int_equal(o.mmio.write, w);
			assert_true(o.mmio.sf);
			rlm_exit_enter_init(&e);
			if (w) {
				assert_true(o.mmio.data == (0x0123456789abcdefull & mask));
				assert_int_equal(rlm_exit_complete_mmio_read(&e, &o, 1), RLM_ESTATE);
				assert_int_equal(rlm_exit_complete_mmio_write(&e, &o), 0);
				assert_true(e.gprs[0] == 0);
			} else {
				assert_int_equal(rlm_exit_complete_mmio_write(&e, &o), RLM_ESTATE);
				assert_int_equal(rlm_exit_complete_mmio_read(&e, &o,
									    0xfedcba9876543210ull), 0);
				/* The value goes back in gprs[0], cut to the size. */
				assert_true(e.gprs[0] == (0xfedcba9876543210ull & mask));
			}
			assert_true(e.flags == RLM_REC_ENTER_FLAG_EMULATED_MMIO);
			/* The enter page carries exactly that. */
			uint8_t page[RLM_REC_ENTER_SIZE];
			struct rlm_rec_enter back;

			assert_int_equal(rlm_pack_rec_enter(&e, page, sizeof(page)), 0);
			assert_int_equal(rlm_unpack_rec_enter(&back, page, sizeof(page)), 0);
			assert_true(back.flags == RLM_REC_ENTER_FLAG_EMULATED_MMIO);
			assert_true(back.gprs[0] == e.gprs[0]);
			/* The host may refuse instead: SEA, never both. */
			assert_int_equal(rlm_exit_inject_sea(&e, &o, &G), 0);
			assert_true(e.flags == RLM_REC_ENTER_FLAG_INJECT_SEA);
		}
	}
}

static void test_aborts(void **state)
{
	struct rlm_rec_exit x;
	struct rlm_exit o;
	struct rlm_rec_enter e;

	(void)state;
	/* Data abort without ISV in the protected half: a fault to serve. */
	memset(&x, 0, sizeof(x));
	x.exit_reason = RLM_RMI_EXIT_SYNC;
	x.esr = dabt_esr(0, false, false, false);
	x.hpfar = hpfar_of(0x80042000);
	x.far = 0x123;
	assert_int_equal(decode(&x, &o), 0);
	assert_int_equal(o.kind, RLM_EXIT_DATA_ABORT);
	assert_true(o.fault_ipa == 0x80042123);
	rlm_exit_enter_init(&e);
	/* No SEA injection for the protected half. */
	assert_int_equal(rlm_exit_inject_sea(&e, &o, &G), RLM_ESTATE);
	assert_int_equal(rlm_exit_complete_mmio_read(&e, &o, 0), RLM_ESTATE);
	/* ... but for an unprotected abort without ISV, yes. */
	x.hpfar = hpfar_of(UNPROT + 0x1000);
	assert_int_equal(decode(&x, &o), 0);
	assert_int_equal(rlm_exit_inject_sea(&e, &o, &G), 0);
	assert_true(e.flags == RLM_REC_ENTER_FLAG_INJECT_SEA);
	/* External abort, instruction abort, WFI, WFE, sysreg, other. */
	x.esr = dabt_esr(0, false, false, false) | RLM_ESR_EA | RLM_ESR_FSC_SEA;
	assert_int_equal(decode(&x, &o), 0);
	assert_int_equal(o.kind, RLM_EXIT_EXT_ABORT);
	x.esr = (UINT64_C(0x20) << RLM_ESR_EC_SHIFT) | 0x0f;
	assert_int_equal(decode(&x, &o), 0);
	assert_int_equal(o.kind, RLM_EXIT_INSTR_ABORT);
	assert_int_equal(rlm_exit_inject_sea(&e, &o, &G), RLM_ESTATE);
	memset(&x, 0, sizeof(x));
	x.esr = UINT64_C(0x01) << RLM_ESR_EC_SHIFT;
	assert_int_equal(decode(&x, &o), 0);
	assert_int_equal(o.kind, RLM_EXIT_WFI);
	x.esr |= 1;
	assert_int_equal(decode(&x, &o), 0);
	assert_int_equal(o.kind, RLM_EXIT_WFE);
	x.esr = UINT64_C(0x18) << RLM_ESR_EC_SHIFT;
	assert_int_equal(decode(&x, &o), 0);
	assert_int_equal(o.kind, RLM_EXIT_SYSREG);
	x.esr = UINT64_C(0x07) << RLM_ESR_EC_SHIFT;
	assert_int_equal(decode(&x, &o), 0);
	assert_int_equal(o.kind, RLM_EXIT_SYNC_OTHER);
	assert_string_equal(rlm_exit_kind_name(o.kind), "SYNC");
}

static void test_simple_reasons(void **state)
{
	static const struct {
		uint8_t reason;
		enum rlm_exit_kind kind;
		const char *name;
	} rows[] = {
		{ RLM_RMI_EXIT_IRQ, RLM_EXIT_IRQ, "IRQ" },
		{ RLM_RMI_EXIT_FIQ, RLM_EXIT_FIQ, "FIQ" },
		{ RLM_RMI_EXIT_SERROR, RLM_EXIT_SERROR, "SERROR" },
	};
	struct rlm_rec_exit x;
	struct rlm_exit o;

	(void)state;
	for (size_t i = 0; i < RLM_ARRAY_SIZE(rows); i++) {
		memset(&x, 0, sizeof(x));
		x.exit_reason = rows[i].reason;
		x.esr = 0xbf000000; /* SError syndrome: reported, not decoded */
		assert_int_equal(decode(&x, &o), 0);
		assert_int_equal(o.kind, rows[i].kind);
		assert_int_equal(o.reason, rows[i].reason);
		assert_string_equal(rlm_exit_kind_name(o.kind), rows[i].name);
	}
	/* Every reason past SERROR is unknown to RMM 1.0. */
	for (unsigned int r = 7; r < 256; r++) {
		memset(&x, 0, sizeof(x));
		x.exit_reason = (uint8_t)r;
		assert_int_equal(decode(&x, &o), RLM_EMALFORMED);
	}
	assert_string_equal(rlm_exit_kind_name((enum rlm_exit_kind)99), "?");
}

static void test_psci(void **state)
{
	static const struct {
		uint64_t fid;
		enum rlm_psci_action act;
		uint64_t target;
	} rows[] = {
		{ RLM_PSCI_CPU_ON_AARCH64, RLM_PSCI_ACT_COMPLETE, 0x100000001ull },
		{ 0x84000003, RLM_PSCI_ACT_COMPLETE, 0x1 },  /* SMC32: 32 bits */
		{ RLM_PSCI_AFFINITY_INFO_AARCH64, RLM_PSCI_ACT_COMPLETE, 0x100000001ull },
		{ 0x84000004, RLM_PSCI_ACT_COMPLETE, 0x1 },
		{ RLM_PSCI_CPU_OFF, RLM_PSCI_ACT_NOTE, 0 },
		{ RLM_PSCI_CPU_SUSPEND_AARCH64, RLM_PSCI_ACT_NOTE, 0 },
		{ 0x84000001, RLM_PSCI_ACT_NOTE, 0 },
		{ RLM_PSCI_SYSTEM_OFF, RLM_PSCI_ACT_SYSTEM_OFF, 0 },
		{ RLM_PSCI_SYSTEM_RESET, RLM_PSCI_ACT_SYSTEM_RESET, 0 },
	};
	struct rlm_rec_exit x;
	struct rlm_exit o;

	(void)state;
	for (size_t i = 0; i < RLM_ARRAY_SIZE(rows); i++) {
		memset(&x, 0, sizeof(x));
		x.exit_reason = RLM_RMI_EXIT_PSCI;
		x.gprs[0] = rows[i].fid;
		x.gprs[1] = 0x100000001ull; /* target MPIDR */
		x.gprs[2] = 0x80000000;     /* entry point */
		x.gprs[3] = 0x42;           /* context id */
		assert_int_equal(decode(&x, &o), 0);
		assert_int_equal(o.kind, RLM_EXIT_PSCI);
		assert_int_equal(o.psci.fid, (uint32_t)rows[i].fid);
		assert_int_equal(o.psci.action, rows[i].act);
		assert_true(o.psci.target_mpidr == rows[i].target);
		assert_true(o.psci.args[1] == 0x80000000 && o.psci.args[2] == 0x42);
	}
	/* Functions the RMM answers itself never exit; garbage FIDs. */
	static const uint64_t bad[] = { RLM_PSCI_VERSION, RLM_PSCI_FEATURES,
					0xC4000150, 0, 0x1C4000003ull };

	for (size_t i = 0; i < RLM_ARRAY_SIZE(bad); i++) {
		memset(&x, 0, sizeof(x));
		x.exit_reason = RLM_RMI_EXIT_PSCI;
		x.gprs[0] = bad[i];
		assert_int_equal(decode(&x, &o), RLM_EMALFORMED);
	}
}

struct conv {
	int n;
	uint64_t base[8], top[8];
	bool to_private[8];
};

static void conv_cb(void *arg, uint64_t base, uint64_t top, uint8_t old, uint8_t new_)
{
	struct conv *c = arg;

	if (rlm_ripas_is_private(old) == rlm_ripas_is_private(new_))
		return;
	assert_true(c->n < 8);
	c->base[c->n] = base;
	c->top[c->n] = top;
	c->to_private[c->n++] = rlm_ripas_is_private(new_);
}

static void test_ripas_change(void **state)
{
	uint64_t mem[1024];
	struct rlm_ripas t;
	struct rlm_rec_exit x;
	struct rlm_exit o;
	struct rlm_rec_enter e;
	struct conv c = { 0 };
	uint8_t v;

	(void)state;
	assert_int_equal(rlm_ripas_init(&t, mem, sizeof(mem), rlm_rtt_par_size(&G),
					RLM_RIPAS_EMPTY), 0);
	assert_int_equal(rlm_ripas_init_ripas(&t, 0x80000000, 0x90000000, NULL, NULL), 0);
	/* Guest shares a 64 KiB bounce buffer. */
	memset(&x, 0, sizeof(x));
	x.exit_reason = RLM_RMI_EXIT_RIPAS_CHANGE;
	x.ripas_base = 0x88000000;
	x.ripas_top = 0x88010000;
	x.ripas_value = RLM_RIPAS_EMPTY;
	assert_int_equal(decode(&x, &o), 0);
	assert_int_equal(o.kind, RLM_EXIT_RIPAS_CHANGE);
	assert_true(o.ripas.base == 0x88000000 && o.ripas.top == 0x88010000);
	/* RTT_SET_RIPAS got half way: the tracker follows exactly that. */
	assert_int_equal(rlm_exit_ripas_applied(&t, &o, 0x88008000, conv_cb, &c), 0);
	assert_int_equal(c.n, 1);
	assert_true(c.base[0] == 0x88000000 && c.top[0] == 0x88008000 && !c.to_private[0]);
	assert_int_equal(rlm_ripas_get(&t, 0x88008000, &v, NULL, NULL), 0);
	assert_int_equal(v, RLM_RIPAS_RAM);
	assert_int_equal(rlm_exit_ripas_applied(&t, &o, 0x88010000, conv_cb, &c), 0);
	assert_int_equal(rlm_ripas_expect(&t, 0x88000000, 0x88010000, RLM_RIPAS_EMPTY), 0);
	assert_int_equal(c.n, 2);
	/* Bad progress values. */
	assert_int_equal(rlm_exit_ripas_applied(&t, &o, 0x88000000, NULL, NULL), RLM_ERANGE);
	assert_int_equal(rlm_exit_ripas_applied(&t, &o, 0x88011000, NULL, NULL), RLM_ERANGE);
	assert_int_equal(rlm_exit_ripas_applied(&t, &o, 0x88000800, NULL, NULL), RLM_EALIGN);
	assert_int_equal(rlm_exit_ripas_applied(NULL, &o, 0x88010000, NULL, NULL), RLM_EINVAL);
	/* Reject: the flag, and the tracker does not move. */
	x.ripas_value = RLM_RIPAS_RAM;
	assert_int_equal(decode(&x, &o), 0);
	rlm_exit_enter_init(&e);
	assert_int_equal(rlm_exit_ripas_reject(&e, &o), 0);
	assert_true(e.flags == RLM_REC_ENTER_FLAG_RIPAS_RESPONSE);
	assert_int_equal(rlm_ripas_expect(&t, 0x88000000, 0x88010000, RLM_RIPAS_EMPTY), 0);
	assert_int_equal(rlm_exit_complete_mmio_write(&e, &o), RLM_ESTATE);
	/* Malformed changes. */
	static const struct { uint64_t b, t; uint8_t v; } bad[] = {
		{ 0x1000, 0x1000, RLM_RIPAS_RAM },          /* empty */
		{ 0x2000, 0x1000, RLM_RIPAS_RAM },          /* reversed */
		{ 0x1800, 0x2000, RLM_RIPAS_RAM },          /* unaligned */
		{ 0x1000, 0x2800, RLM_RIPAS_RAM },
		{ 0x1000, UNPROT + 0x1000, RLM_RIPAS_RAM }, /* past the protected half */
		{ 0x1000, 0x2000, RLM_RIPAS_DESTROYED },    /* not requestable */
		{ 0x1000, 0x2000, RLM_RIPAS_DEV },
		{ 0x1000, 0x2000, 7 },
	};
	for (size_t i = 0; i < RLM_ARRAY_SIZE(bad); i++) {
		x.ripas_base = bad[i].b;
		x.ripas_top = bad[i].t;
		x.ripas_value = bad[i].v;
		assert_int_equal(decode(&x, &o), RLM_EMALFORMED);
	}
}

static void test_host_call(void **state)
{
	struct rlm_rec_exit x;
	struct rlm_exit o;
	struct rlm_rec_enter e;
	uint64_t answer[RLM_REC_RUN_GPRS];

	(void)state;
	memset(&x, 0, sizeof(x));
	x.exit_reason = RLM_RMI_EXIT_HOST_CALL;
	x.imm = 0xbeef;
	for (int i = 0; i < RLM_REC_RUN_GPRS; i++) {
		x.gprs[i] = 0x1000u + (uint64_t)i;
		answer[i] = ~x.gprs[i];
	}
	assert_int_equal(decode(&x, &o), 0);
	assert_int_equal(o.kind, RLM_EXIT_HOST_CALL);
	assert_int_equal(o.imm, 0xbeef);
	assert_true(o.gprs[30] == 0x101e);
	rlm_exit_enter_init(&e);
	assert_int_equal(rlm_exit_host_call_return(&e, &o, answer), 0);
	assert_memory_equal(e.gprs, answer, sizeof(answer));
	assert_true(e.flags == 0);
	assert_int_equal(rlm_exit_host_call_return(&e, &o, NULL), RLM_EINVAL);
	assert_int_equal(rlm_exit_inject_sea(&e, &o, &G), RLM_ESTATE);
	assert_int_equal(rlm_exit_ripas_reject(&e, &o), RLM_ESTATE);
}

static void test_malformed(void **state)
{
	struct rlm_rec_exit x;
	struct rlm_exit o;
	uint8_t page[RLM_REC_EXIT_SIZE];

	(void)state;
	memset(&x, 0, sizeof(x));
	x.exit_reason = RLM_RMI_EXIT_SYNC;
	/* Emulatable abort in the protected half. */
	x.esr = dabt_esr(2, false, true, true);
	x.hpfar = hpfar_of(0x80000000);
	assert_int_equal(decode(&x, &o), RLM_EMALFORMED);
	/* ... or outside the IPA space. */
	x.hpfar = hpfar_of(UINT64_C(1) << 40);
	assert_int_equal(decode(&x, &o), RLM_EMALFORMED);
	/* 8-byte access into a 32-bit register. */
	x.hpfar = hpfar_of(UNPROT);
	x.esr = dabt_esr(3, false, false, true);
	assert_int_equal(decode(&x, &o), RLM_EMALFORMED);
	/* A write value wider than the access. */
	x.esr = dabt_esr(1, true, true, true);
	x.gprs[0] = 0x10000;
	assert_int_equal(decode(&x, &o), RLM_EMALFORMED);
	x.gprs[0] = 0xffff;
	assert_int_equal(decode(&x, &o), 0);
	/* A read with a value, or a non-emulatable abort with one. */
	x.esr = dabt_esr(1, false, true, true);
	assert_int_equal(decode(&x, &o), RLM_EMALFORMED);
	x.esr = dabt_esr(1, false, true, false);
	assert_int_equal(decode(&x, &o), RLM_EMALFORMED);
	/* Truncated page, NULLs. */
	assert_int_equal(rlm_pack_rec_exit(&x, page, sizeof(page)), 0);
	assert_int_equal(rlm_exit_decode_page(page, sizeof(page) - 1, &G, &o), RLM_ENOSPC);
	assert_int_equal(rlm_exit_decode_page(NULL, sizeof(page), &G, &o), RLM_EINVAL);
	assert_int_equal(rlm_exit_decode_page(page, sizeof(page), NULL, &o), RLM_EINVAL);
	assert_int_equal(rlm_exit_decode(&x, &G, NULL), RLM_EINVAL);
	assert_int_equal(rlm_exit_decode(NULL, &G, &o), RLM_EINVAL);
	assert_int_equal(rlm_exit_complete_mmio_read(NULL, &o, 0), RLM_EINVAL);
	assert_int_equal(rlm_exit_complete_mmio_write(NULL, &o), RLM_EINVAL);
	assert_int_equal(rlm_exit_inject_sea(NULL, &o, &G), RLM_EINVAL);
	assert_int_equal(rlm_exit_ripas_reject(NULL, &o), RLM_EINVAL);
	rlm_exit_enter_init(NULL);
	/* Random exits never crash the decoder, and what decodes is sane. */
	uint64_t r = 0x9e3779b97f4a7c15ull;

	for (int i = 0; i < 20000; i++) {
		for (size_t j = 0; j < sizeof(page); j += 8) {
			r ^= r << 13;
			r ^= r >> 7;
			r ^= r << 17;
			memcpy(page + j, &r, 8);
		}
		page[0] %= 8;
		if (r & 1)
			page[RLM_REC_EXIT_ESR_OFF + 3] = (uint8_t)(0x24 << 2 | ((r >> 8) & 3));
		if (r & 2) /* mostly plausible addresses */
			page[RLM_REC_EXIT_HPFAR_OFF + 4] &= 0x0f;
		if (rlm_exit_decode_page(page, sizeof(page), &G, &o) == 0 &&
		    o.kind == RLM_EXIT_MMIO) {
			assert_false(rlm_rtt_is_protected(&G, o.mmio.ipa));
			assert_true(o.mmio.ipa < (UINT64_C(1) << 40));
			assert_true(o.mmio.size == 1 || o.mmio.size == 2 ||
				    o.mmio.size == 4 || o.mmio.size == 8);
		}
	}
}

/* Timer, PMU and GIC state come out of every exit, from the page too
 * (DEN0137 1.0-rel0 B4.4.12 RmiRecExit). */
static void test_exit_state(void **state)
{
	struct rlm_rec_exit x;
	struct rlm_exit o;
	uint8_t page[RLM_REC_EXIT_SIZE];
	unsigned int i;

	(void)state;
	memset(&x, 0, sizeof(x));
	x.exit_reason = RLM_RMI_EXIT_IRQ;
	x.cntv_ctl = RLM_CNT_CTL_ENABLE | RLM_CNT_CTL_ISTATUS;
	x.cntv_cval = 0x1234567;
	x.cntp_ctl = RLM_CNT_CTL_ENABLE | RLM_CNT_CTL_IMASK | RLM_CNT_CTL_ISTATUS;
	x.cntp_cval = 0x7654321;
	x.pmu_ovf_status = RLM_RMI_PMU_OVERFLOW_ACTIVE;
	x.gicv3_hcr = 0x1;
	for (i = 0; i < RLM_REC_MAX_GIC_NUM_LRS; i++)
		x.gicv3_lrs[i] = 0xa000000000000000ull | i;
	x.gicv3_misr = 0x2;
	x.gicv3_vmcr = 0xff000003;
	assert_int_equal(rlm_pack_rec_exit(&x, page, sizeof(page)), 0);
	assert_int_equal(rlm_exit_decode_page(page, sizeof(page), &G, &o), 0);
	assert_int_equal(o.kind, RLM_EXIT_IRQ);
	assert_true(o.timer.cntv_ctl == x.cntv_ctl && o.timer.cntv_cval == 0x1234567);
	assert_true(o.timer.cntp_ctl == x.cntp_ctl && o.timer.cntp_cval == 0x7654321);
	assert_true(rlm_exit_timer_fired(o.timer.cntv_ctl));
	assert_false(rlm_exit_timer_fired(o.timer.cntp_ctl));   /* masked */
	assert_false(rlm_exit_timer_fired(RLM_CNT_CTL_ISTATUS)); /* disabled */
	assert_false(rlm_exit_timer_fired(RLM_CNT_CTL_ENABLE));  /* not yet */
	assert_int_equal(o.pmu_ovf_status, RLM_RMI_PMU_OVERFLOW_ACTIVE);
	assert_true(o.gic.hcr == 1 && o.gic.misr == 2 && o.gic.vmcr == 0xff000003);
	for (i = 0; i < RLM_REC_MAX_GIC_NUM_LRS; i++)
		assert_true(o.gic.lrs[i] == (0xa000000000000000ull | i));
	/* Also on a decode that fails the reason: state still there. */
	x.exit_reason = 0x7f;
	assert_int_equal(rlm_exit_decode(&x, &G, &o), RLM_EMALFORMED);
	assert_true(o.gic.vmcr == 0xff000003);
}

/* RecEnter's list registers: up to GICV3_NUM_LRS (count - 1 in the
 * feature register), the rest zero. */
static void test_enter_gic(void **state)
{
	struct rlm_rec_enter e;
	uint64_t lrs[RLM_REC_MAX_GIC_NUM_LRS + 1];
	uint64_t f3 = RLM_FIELD_PREP(RLM_RMI_FEATURE_REGISTER_0_GICV3_NUM_LRS, 3);
	uint64_t f15 = RLM_FIELD_PREP(RLM_RMI_FEATURE_REGISTER_0_GICV3_NUM_LRS, 15);
	unsigned int i;

	(void)state;
	for (i = 0; i < RLM_ARRAY_SIZE(lrs); i++)
		lrs[i] = 0x5000 + i;
	assert_int_equal(rlm_exit_gic_num_lrs(f3), 4);
	assert_int_equal(rlm_exit_gic_num_lrs(f15), 16);
	assert_int_equal(rlm_exit_gic_num_lrs(0), 1);
	rlm_exit_enter_init(&e);
	for (i = 0; i < RLM_REC_MAX_GIC_NUM_LRS; i++)
		e.gicv3_lrs[i] = 0xdead;
	assert_int_equal(rlm_exit_enter_set_gic(&e, f3, 0x2, lrs, 4), 0);
	assert_true(e.gicv3_hcr == 2);
	for (i = 0; i < RLM_REC_MAX_GIC_NUM_LRS; i++)
		assert_true(e.gicv3_lrs[i] == (i < 4 ? 0x5000 + i : 0));
	/* More than the RMM reports: refused, e unchanged. */
	assert_int_equal(rlm_exit_enter_set_gic(&e, f3, 0x4, lrs, 5), RLM_ERANGE);
	assert_true(e.gicv3_hcr == 2 && e.gicv3_lrs[4] == 0);
	/* ICH_HCR_EL2 bits the RMM keeps (En, EOIcount, TC, ...): refused. */
	assert_int_equal(rlm_exit_enter_set_gic(&e, f3, 0x1, lrs, 1), RLM_EINVAL);
	assert_int_equal(rlm_exit_enter_set_gic(&e, f3, 0x100, lrs, 1), RLM_EINVAL);
	assert_int_equal(rlm_exit_enter_set_gic(&e, f3, RLM_BIT(15), lrs, 1), RLM_EINVAL);
	assert_true(e.gicv3_hcr == 2 && e.gicv3_lrs[0] == 0x5000);
	assert_int_equal(rlm_exit_enter_set_gic(&e, f3, RLM_REC_ENTER_GICV3_HCR_HOST, lrs, 1), 0);
	assert_int_equal(rlm_exit_enter_set_gic(&e, f15, 0, lrs, 16), 0);
	assert_true(e.gicv3_lrs[15] == 0x500f);
	assert_int_equal(rlm_exit_enter_set_gic(&e, f15, 0, lrs, 17), RLM_ERANGE);
	assert_int_equal(rlm_exit_enter_set_gic(&e, f15, 0, NULL, 0), 0);
	assert_true(e.gicv3_lrs[0] == 0);
	assert_int_equal(rlm_exit_enter_set_gic(&e, f15, 0, NULL, 1), RLM_EINVAL);
	assert_int_equal(rlm_exit_enter_set_gic(NULL, f15, 0, lrs, 1), RLM_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mmio),
		cmocka_unit_test(test_aborts),
		cmocka_unit_test(test_simple_reasons),
		cmocka_unit_test(test_psci),
		cmocka_unit_test(test_ripas_change),
		cmocka_unit_test(test_host_call),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_exit_state),
		cmocka_unit_test(test_enter_gic),
	};

	return cmocka_run_group_tests_name("exit", tests, setup, NULL);
}
