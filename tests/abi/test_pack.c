/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Byte-exact packing of every ABI page.  Each test fills every field with
 * a distinct value, packs into a buffer pre-filled with junk, and compares
 * the whole page with one built here by hand at the offsets of the
 * sources (TF-RMM rmm-spec-v1.0-rel0 smc-rmi.h / smc-rsi.h SET_MEMBER
 * offsets; Linux rmi_smc.h / rsi_smc.h unions), written as numbers, not
 * through the RLM_*_OFF constants: so every field lands at its offset,
 * little-endian, with its width, and every reserved byte is zero.  Then
 * unpack and compare each field, and refuse bad arguments.
 */
#include "test_util.h"

#include <realm/realm.h>

#define PAGE 4096

/* Little-endian writer for the expected page (independent of core/bytes.h). */
static void le(uint8_t *p, uint64_t v, unsigned int width)
{
	unsigned int i;

	for (i = 0; i < width; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* A distinct value for field k, with a distinct byte in every position. */
static uint64_t val(unsigned int k)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < 8; i++)
		v |= (uint64_t)(uint8_t)(0x11 * (i + 1) + 3 * k) << (8 * i);
	return v;
}

static void expect_page(const uint8_t *got, const uint8_t *want, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (got[i] != want[i])
			fail_msg("byte 0x%zx: packed 0x%02x, expected 0x%02x", i,
				 got[i], want[i]);
}

/* ---- RmiRealmParams ---------------------------------------------------- */

static void fill_realm_params(struct rlm_realm_params *p)
{
	unsigned int i;

	memset(p, 0, sizeof(*p));
	p->flags = val(1);
	p->s2sz = (uint32_t)val(2);
	p->sve_vl = (uint32_t)val(3);
	p->num_bps = (uint32_t)val(4);
	p->num_wps = (uint32_t)val(5);
	p->pmu_num_ctrs = (uint32_t)val(6);
	p->hash_algo = (uint8_t)val(7);
	for (i = 0; i < 64; i++)
		p->rpv[i] = (uint8_t)(0x80 + i);
	p->vmid = (uint16_t)val(8);
	p->rtt_base = val(9);
	p->rtt_level_start = -1;
	p->rtt_num_start = (uint32_t)val(10);
}

static void test_realm_params(void **state)
{
	struct rlm_realm_params p, q;
	uint8_t buf[PAGE + 16], want[PAGE];
	unsigned int i;

	(void)state;
	fill_realm_params(&p);
	memset(buf, 0xa5, sizeof(buf));
	assert_int_equal(rlm_pack_realm_params(&p, buf, PAGE), 0);
	/* nothing written past the page */
	for (i = PAGE; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0xa5);

	memset(want, 0, sizeof(want));
	le(want + 0x000, p.flags, 8);
	le(want + 0x008, p.s2sz, 4);
	le(want + 0x010, p.sve_vl, 4);
	le(want + 0x018, p.num_bps, 4);
	le(want + 0x020, p.num_wps, 4);
	le(want + 0x028, p.pmu_num_ctrs, 4);
	le(want + 0x030, p.hash_algo, 1);
	memcpy(want + 0x400, p.rpv, 64);
	le(want + 0x800, p.vmid, 2);
	le(want + 0x808, p.rtt_base, 8);
	le(want + 0x810, (uint64_t)p.rtt_level_start, 8);
	le(want + 0x818, p.rtt_num_start, 4);
	expect_page(buf, want, PAGE);
	/* spot checks that read like the specification */
	assert_int_equal(buf[0x810], 0xff);
	assert_int_equal(buf[0x817], 0xff);
	assert_int_equal(buf[0x030], (uint8_t)val(7));

	memset(&q, 0x5a, sizeof(q));
	assert_int_equal(rlm_unpack_realm_params(&q, buf, PAGE), 0);
	assert_true(q.flags == p.flags);
	assert_true(q.s2sz == p.s2sz);
	assert_true(q.sve_vl == p.sve_vl);
	assert_true(q.num_bps == p.num_bps);
	assert_true(q.num_wps == p.num_wps);
	assert_true(q.pmu_num_ctrs == p.pmu_num_ctrs);
	assert_true(q.hash_algo == p.hash_algo);
	assert_memory_equal(q.rpv, p.rpv, 64);
	assert_true(q.vmid == p.vmid);
	assert_true(q.rtt_base == p.rtt_base);
	assert_true(q.rtt_level_start == -1);
	assert_true(q.rtt_num_start == p.rtt_num_start);

	/* unpack reads only the defined widths: junk in reserved bytes is ignored */
	memset(want, 0xee, sizeof(want));
	le(want + 0x008, 48, 4);
	le(want + 0x810, 2, 8);
	assert_int_equal(rlm_unpack_realm_params(&q, want, PAGE), 0);
	assert_int_equal(q.s2sz, 48);
	assert_int_equal(q.hash_algo, 0xee);
	assert_int_equal(q.vmid, 0xeeee);
	assert_true(q.rtt_level_start == 2);
}

/* ---- RmiRecParams ------------------------------------------------------ */

static void test_rec_params(void **state)
{
	struct rlm_rec_params p, q;
	uint8_t buf[PAGE], want[PAGE];
	unsigned int i;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.flags = val(1);
	p.mpidr = val(2);
	p.pc = val(3);
	for (i = 0; i < 8; i++)
		p.gprs[i] = val(10 + i);
	p.num_aux = val(4);
	for (i = 0; i < 16; i++)
		p.aux[i] = val(30 + i);

	memset(buf, 0xa5, sizeof(buf));
	assert_int_equal(rlm_pack_rec_params(&p, buf, sizeof(buf)), 0);
	memset(want, 0, sizeof(want));
	le(want + 0x000, p.flags, 8);
	le(want + 0x100, p.mpidr, 8);
	le(want + 0x200, p.pc, 8);
	for (i = 0; i < 8; i++)
		le(want + 0x300 + 8 * i, p.gprs[i], 8);
	le(want + 0x800, p.num_aux, 8);
	for (i = 0; i < 16; i++)
		le(want + 0x808 + 8 * i, p.aux[i], 8);
	expect_page(buf, want, PAGE);

	memset(&q, 0x5a, sizeof(q));
	assert_int_equal(rlm_unpack_rec_params(&q, buf, sizeof(buf)), 0);
	assert_true(q.flags == p.flags && q.mpidr == p.mpidr && q.pc == p.pc);
	assert_memory_equal(q.gprs, p.gprs, sizeof(p.gprs));
	assert_true(q.num_aux == p.num_aux);
	assert_memory_equal(q.aux, p.aux, sizeof(p.aux));
}

/* ---- RmiRecEnter / RmiRecExit ------------------------------------------ */

static void test_rec_enter(void **state)
{
	struct rlm_rec_enter p, q;
	uint8_t buf[PAGE], want[0x800];
	unsigned int i;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.flags = val(1);
	for (i = 0; i < 31; i++)
		p.gprs[i] = val(10 + i);
	p.gicv3_hcr = val(2);
	for (i = 0; i < 16; i++)
		p.gicv3_lrs[i] = val(50 + i);

	memset(buf, 0xa5, sizeof(buf));
	assert_int_equal(rlm_pack_rec_enter(&p, buf, 0x800), 0);
	/* the exit half is not touched */
	for (i = 0x800; i < PAGE; i++)
		assert_int_equal(buf[i], 0xa5);
	memset(want, 0, sizeof(want));
	le(want + 0x000, p.flags, 8);
	for (i = 0; i < 31; i++)
		le(want + 0x200 + 8 * i, p.gprs[i], 8);
	le(want + 0x300, p.gicv3_hcr, 8);
	for (i = 0; i < 16; i++)
		le(want + 0x308 + 8 * i, p.gicv3_lrs[i], 8);
	expect_page(buf, want, 0x800);

	memset(&q, 0x5a, sizeof(q));
	assert_int_equal(rlm_unpack_rec_enter(&q, buf, 0x800), 0);
	assert_true(q.flags == p.flags && q.gicv3_hcr == p.gicv3_hcr);
	assert_memory_equal(q.gprs, p.gprs, sizeof(p.gprs));
	assert_memory_equal(q.gicv3_lrs, p.gicv3_lrs, sizeof(p.gicv3_lrs));
}

static void fill_rec_exit(struct rlm_rec_exit *p)
{
	unsigned int i;

	memset(p, 0, sizeof(*p));
	p->exit_reason = (uint8_t)val(1);
	p->esr = val(2);
	p->far = val(3);
	p->hpfar = val(4);
	for (i = 0; i < 31; i++)
		p->gprs[i] = val(10 + i);
	p->gicv3_hcr = val(5);
	for (i = 0; i < 16; i++)
		p->gicv3_lrs[i] = val(50 + i);
	p->gicv3_misr = val(6);
	p->gicv3_vmcr = val(7);
	p->cntp_ctl = val(8);
	p->cntp_cval = val(9);
	p->cntv_ctl = val(70);
	p->cntv_cval = val(71);
	p->ripas_base = val(72);
	p->ripas_top = val(73);
	p->ripas_value = (uint8_t)val(74);
	p->imm = (uint16_t)val(75);
	p->pmu_ovf_status = (uint8_t)val(76);
}

static void test_rec_exit(void **state)
{
	struct rlm_rec_exit p, q;
	uint8_t buf[PAGE], want[0x800];
	unsigned int i;

	(void)state;
	fill_rec_exit(&p);
	memset(buf, 0xa5, sizeof(buf));
	/* the exit half of an RmiRecRun page */
	assert_int_equal(rlm_pack_rec_exit(&p, buf + 0x800, 0x800), 0);
	for (i = 0; i < 0x800; i++)
		assert_int_equal(buf[i], 0xa5);
	memset(want, 0, sizeof(want));
	le(want + 0x000, p.exit_reason, 1);
	le(want + 0x100, p.esr, 8);
	le(want + 0x108, p.far, 8);
	le(want + 0x110, p.hpfar, 8);
	for (i = 0; i < 31; i++)
		le(want + 0x200 + 8 * i, p.gprs[i], 8);
	le(want + 0x300, p.gicv3_hcr, 8);
	for (i = 0; i < 16; i++)
		le(want + 0x308 + 8 * i, p.gicv3_lrs[i], 8);
	le(want + 0x388, p.gicv3_misr, 8);
	le(want + 0x390, p.gicv3_vmcr, 8);
	le(want + 0x400, p.cntp_ctl, 8);
	le(want + 0x408, p.cntp_cval, 8);
	le(want + 0x410, p.cntv_ctl, 8);
	le(want + 0x418, p.cntv_cval, 8);
	le(want + 0x500, p.ripas_base, 8);
	le(want + 0x508, p.ripas_top, 8);
	le(want + 0x510, p.ripas_value, 1);
	le(want + 0x600, p.imm, 2);
	le(want + 0x700, p.pmu_ovf_status, 1);
	expect_page(buf + 0x800, want, 0x800);

	memset(&q, 0x5a, sizeof(q));
	assert_int_equal(rlm_unpack_rec_exit(&q, buf + 0x800, 0x800), 0);
	assert_true(q.exit_reason == p.exit_reason && q.esr == p.esr &&
		    q.far == p.far && q.hpfar == p.hpfar);
	assert_memory_equal(q.gprs, p.gprs, sizeof(p.gprs));
	assert_true(q.gicv3_hcr == p.gicv3_hcr && q.gicv3_misr == p.gicv3_misr &&
		    q.gicv3_vmcr == p.gicv3_vmcr);
	assert_memory_equal(q.gicv3_lrs, p.gicv3_lrs, sizeof(p.gicv3_lrs));
	assert_true(q.cntp_ctl == p.cntp_ctl && q.cntp_cval == p.cntp_cval &&
		    q.cntv_ctl == p.cntv_ctl && q.cntv_cval == p.cntv_cval);
	assert_true(q.ripas_base == p.ripas_base && q.ripas_top == p.ripas_top &&
		    q.ripas_value == p.ripas_value);
	assert_true(q.imm == p.imm && q.pmu_ovf_status == p.pmu_ovf_status);

	/* TF-RMM writes exit_reason as a u64 and imm as a u32: the upper bytes
	 * are zero there, and the unpacker must read only the spec's width. */
	memset(want, 0, sizeof(want));
	le(want + 0x000, RLM_RMI_EXIT_HOST_CALL, 8);
	le(want + 0x600, 0x1234, 4);
	want[0x001] = 0xcc; /* junk above the 8-bit field */
	want[0x602] = 0xcc;
	assert_int_equal(rlm_unpack_rec_exit(&q, want, 0x800), 0);
	assert_int_equal(q.exit_reason, RLM_RMI_EXIT_HOST_CALL);
	assert_int_equal(q.imm, 0x1234);
}

/* ---- RsiRealmConfig / RsiHostCall --------------------------------------- */

static void test_rsi_realm_config(void **state)
{
	struct rlm_rsi_realm_config p, q;
	uint8_t buf[PAGE], want[PAGE];
	unsigned int i;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.ipa_width = val(1);
	p.hash_algo = (uint8_t)val(2);
	for (i = 0; i < 64; i++)
		p.rpv[i] = (uint8_t)(0xc0 ^ i);
	memset(buf, 0xa5, sizeof(buf));
	assert_int_equal(rlm_pack_rsi_realm_config(&p, buf, sizeof(buf)), 0);
	memset(want, 0, sizeof(want));
	le(want + 0x000, p.ipa_width, 8);
	le(want + 0x008, p.hash_algo, 1);
	memcpy(want + 0x200, p.rpv, 64);
	expect_page(buf, want, PAGE);

	memset(&q, 0x5a, sizeof(q));
	assert_int_equal(rlm_unpack_rsi_realm_config(&q, buf, sizeof(buf)), 0);
	assert_true(q.ipa_width == p.ipa_width && q.hash_algo == p.hash_algo);
	assert_memory_equal(q.rpv, p.rpv, 64);
}

static void test_rsi_host_call(void **state)
{
	struct rlm_rsi_host_call p, q;
	uint8_t buf[0x100 + 8], want[0x100];
	unsigned int i;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.imm = (uint16_t)val(1);
	for (i = 0; i < 31; i++)
		p.gprs[i] = val(10 + i);
	memset(buf, 0xa5, sizeof(buf));
	assert_int_equal(rlm_pack_rsi_host_call(&p, buf, 0x100), 0);
	for (i = 0x100; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0xa5);
	memset(want, 0, sizeof(want));
	le(want + 0x000, p.imm, 2);
	for (i = 0; i < 31; i++)
		le(want + 0x008 + 8 * i, p.gprs[i], 8);
	expect_page(buf, want, 0x100);
	/* 31 registers end exactly at the end of the 256-byte structure */
	assert_int_equal(buf[0xff], (uint8_t)(p.gprs[30] >> 56));

	memset(&q, 0x5a, sizeof(q));
	assert_int_equal(rlm_unpack_rsi_host_call(&q, buf, 0x100), 0);
	assert_true(q.imm == p.imm);
	assert_memory_equal(q.gprs, p.gprs, sizeof(p.gprs));
}

/* ---- bad arguments, for every pack/unpack pair -------------------------- */

typedef int (*pack_fn)(const void *p, uint8_t *buf, size_t len);
typedef int (*unpack_fn)(void *p, const uint8_t *buf, size_t len);

struct layout {
	const char *name;
	pack_fn pack;
	unpack_fn unpack;
	size_t size;
};

/* Wrappers with one signature (no calls through mismatched pointer types). */
#define WRAP(n, type)                                                     \
	static int pack_##n(const void *p, uint8_t *buf, size_t len)     \
	{                                                                 \
		return rlm_pack_##n((const type *)p, buf, len);           \
	}                                                                 \
	static int unpack_##n(void *p, const uint8_t *buf, size_t len)   \
	{                                                                 \
		return rlm_unpack_##n((type *)p, buf, len);               \
	}
WRAP(realm_params, struct rlm_realm_params)
WRAP(rec_params, struct rlm_rec_params)
WRAP(rec_enter, struct rlm_rec_enter)
WRAP(rec_exit, struct rlm_rec_exit)
WRAP(rsi_realm_config, struct rlm_rsi_realm_config)
WRAP(rsi_host_call, struct rlm_rsi_host_call)

#define LAYOUT(n, sz) { #n, pack_##n, unpack_##n, sz }

static const struct layout layouts[] = {
	LAYOUT(realm_params, 0x1000),
	LAYOUT(rec_params, 0x1000),
	LAYOUT(rec_enter, 0x800),
	LAYOUT(rec_exit, 0x800),
	LAYOUT(rsi_realm_config, 0x1000),
	LAYOUT(rsi_host_call, 0x100),
};

static void test_bad_args(void **state)
{
	union {
		struct rlm_realm_params a;
		struct rlm_rec_params b;
		struct rlm_rec_enter c;
		struct rlm_rec_exit d;
		struct rlm_rsi_realm_config e;
		struct rlm_rsi_host_call f;
	} obj;
	uint8_t buf[PAGE];
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
		const struct layout *l = &layouts[i];

		memset(&obj, 0x11, sizeof(obj));
		assert_int_equal(l->pack(NULL, buf, sizeof(buf)), RLM_EINVAL);
		assert_int_equal(l->pack(&obj, NULL, sizeof(buf)), RLM_EINVAL);
		assert_int_equal(l->unpack(NULL, buf, sizeof(buf)), RLM_EINVAL);
		assert_int_equal(l->unpack(&obj, NULL, sizeof(buf)), RLM_EINVAL);
		/* short buffers: refused, nothing written */
		memset(buf, 0xa5, sizeof(buf));
		assert_int_equal(l->pack(&obj, buf, l->size - 1), RLM_ENOSPC);
		assert_int_equal(l->pack(&obj, buf, 0), RLM_ENOSPC);
		for (j = 0; j < sizeof(buf); j++)
			if (buf[j] != 0xa5)
				fail_msg("%s: short pack wrote byte %zu", l->name, j);
		assert_int_equal(l->unpack(&obj, buf, l->size - 1), RLM_ENOSPC);
		assert_int_equal(l->unpack(&obj, buf, 0), RLM_ENOSPC);
		/* exactly the size is enough */
		assert_int_equal(l->pack(&obj, buf, l->size), 0);
		assert_int_equal(l->unpack(&obj, buf, l->size), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_realm_params),
		cmocka_unit_test(test_rec_params),
		cmocka_unit_test(test_rec_enter),
		cmocka_unit_test(test_rec_exit),
		cmocka_unit_test(test_rsi_realm_config),
		cmocka_unit_test(test_rsi_host_call),
		cmocka_unit_test(test_bad_args),
	};

	return cmocka_run_group_tests_name("abi-pack", tests, NULL, NULL);
}
