/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Byte-exact packing of the RMI 2.0 (beta) pages.  The expected pages are
 * built here by hand at the offsets of TF-RMM main
 * 9a7f8ef46378320ad69140a42e51c1ccf5914661 lib/smc/include/smc-rmi.h
 * (SET_MEMBER_RMI offsets of rmi_realm_params, rmi_rec_params,
 * rmi_rec_enter, rmi_rec_exit, rmi_rmm_config), written as numbers, not
 * through the RLM_RMI2_*_OFF constants, so a wrong table entry fails here.
 * Every field gets a distinct value, the buffer starts as junk, the whole
 * page is compared (reserved bytes zero), then unpacked field by field.
 */
#include "test_util.h"

#include <realm/realm.h>

#define PAGE 4096

static void le(uint8_t *p, uint64_t v, unsigned int width)
{
	unsigned int i;

	for (i = 0; i < width; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t val(unsigned int k)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < 8; i++)
		v |= (uint64_t)(uint8_t)(0x13 * (i + 1) + 5 * k) << (8 * i);
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

/* ---- RmiRealmParams 2.0 ------------------------------------------------ */

static void fill_realm2(struct rlm_realm_params2 *p)
{
	unsigned int i;

	memset(p, 0, sizeof(*p));
	/* every defined flags0 bit: LPA2 0, SVE 1, PMU 2, DA 3, MEC policy [8:7] */
	p->flags0 = 0x18f;
	p->s2sz = (uint32_t)val(2);
	p->sve_vl = (uint32_t)val(3);
	p->num_bps = (uint32_t)val(4);
	p->num_wps = (uint32_t)val(5);
	p->pmu_num_ctrs = (uint32_t)val(6);
	p->hash_algo = 2; /* SHA-384 */
	p->num_aux_planes = 3;
	for (i = 0; i < 64; i++)
		p->rpv[i] = (uint8_t)(0xa0 + i);
	p->ats_plane = val(8);
	p->rtt_base = val(9);
	p->rtt_level_start = -1;
	p->rtt_num_start = (uint32_t)val(10);
	p->flags1 = 0x3; /* RTT_TREE_PP 0, S2AP_ENC 1 */
	for (i = 0; i < 3; i++)
		p->aux_rtt_base[i] = val(11 + i);
}

static void test_realm_params2(void **state)
{
	struct rlm_realm_params2 p, q;
	static uint8_t got[PAGE], want[PAGE];
	unsigned int i;

	(void)state;
	fill_realm2(&p);
	memset(got, 0xcc, sizeof(got));
	memset(want, 0, sizeof(want));
	le(want + 0x000, 0x18f, 8);
	le(want + 0x008, (uint32_t)val(2), 4);
	le(want + 0x010, (uint32_t)val(3), 4);
	le(want + 0x018, (uint32_t)val(4), 4);
	le(want + 0x020, (uint32_t)val(5), 4);
	le(want + 0x028, (uint32_t)val(6), 4);
	want[0x030] = 2;
	le(want + 0x038, 3, 4);
	for (i = 0; i < 64; i++)
		want[0x400 + i] = (uint8_t)(0xa0 + i);
	le(want + 0x440, val(8), 8);
	le(want + 0x808, val(9), 8);
	le(want + 0x810, UINT64_MAX, 8);
	le(want + 0x818, (uint32_t)val(10), 4);
	le(want + 0x820, 3, 8);
	le(want + 0xf80, val(11), 8);
	le(want + 0xf88, val(12), 8);
	le(want + 0xf90, val(13), 8);
	assert_int_equal(rlm_pack_realm_params2(&p, got, PAGE), 0);
	expect_page(got, want, PAGE);
	/* 1.0's VMID slot (0x800) stays zero: the RMM owns VMIDs in 2.0 */
	assert_int_equal(got[0x800], 0);
	assert_int_equal(got[0x801], 0);

	memset(&q, 0x5a, sizeof(q));
	assert_int_equal(rlm_unpack_realm_params2(&q, want, PAGE), 0);
	assert_int_equal(q.flags0, p.flags0);
	assert_int_equal(q.s2sz, p.s2sz);
	assert_int_equal(q.sve_vl, p.sve_vl);
	assert_int_equal(q.num_bps, p.num_bps);
	assert_int_equal(q.num_wps, p.num_wps);
	assert_int_equal(q.pmu_num_ctrs, p.pmu_num_ctrs);
	assert_int_equal(q.hash_algo, 2);
	assert_int_equal(q.num_aux_planes, 3);
	assert_memory_equal(q.rpv, p.rpv, 64);
	assert_int_equal(q.ats_plane, p.ats_plane);
	assert_int_equal(q.rtt_base, p.rtt_base);
	assert_true(q.rtt_level_start == -1);
	assert_int_equal(q.rtt_num_start, p.rtt_num_start);
	assert_int_equal(q.flags1, 3);
	for (i = 0; i < 3; i++)
		assert_int_equal(q.aux_rtt_base[i], p.aux_rtt_base[i]);
}

static void test_realm_params2_bad(void **state)
{
	struct rlm_realm_params2 p;
	static uint8_t buf[PAGE];

	(void)state;
	fill_realm2(&p);
	assert_int_equal(rlm_pack_realm_params2(NULL, buf, PAGE), RLM_EINVAL);
	assert_int_equal(rlm_pack_realm_params2(&p, NULL, PAGE), RLM_EINVAL);
	assert_int_equal(rlm_pack_realm_params2(&p, buf, PAGE - 1), RLM_ENOSPC);
	assert_int_equal(rlm_unpack_realm_params2(&p, buf, PAGE - 1), RLM_ENOSPC);
	assert_int_equal(rlm_unpack_realm_params2(NULL, buf, PAGE), RLM_EINVAL);
	/* undefined flags0 bits 4..6 and 9, flags1 bit 2, four aux planes */
	p.flags0 = 0x10;
	assert_int_equal(rlm_pack_realm_params2(&p, buf, PAGE), RLM_EINVAL);
	p.flags0 = 0x200;
	assert_int_equal(rlm_pack_realm_params2(&p, buf, PAGE), RLM_EINVAL);
	p.flags0 = 0;
	p.flags1 = 0x4;
	assert_int_equal(rlm_pack_realm_params2(&p, buf, PAGE), RLM_EINVAL);
	p.flags1 = 0;
	p.num_aux_planes = 4;
	assert_int_equal(rlm_pack_realm_params2(&p, buf, PAGE), RLM_EINVAL);
	p.num_aux_planes = 0;
	assert_int_equal(rlm_pack_realm_params2(&p, buf, PAGE), 0);
}

/* ---- RmiRecParams 2.0: no aux granules --------------------------------- */

static void test_rec_params2(void **state)
{
	struct rlm_rec_params2 p, q;
	static uint8_t got[PAGE], want[PAGE];
	unsigned int i;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.flags = 1;
	p.mpidr = val(1);
	p.pc = val(2);
	for (i = 0; i < 8; i++)
		p.gprs[i] = val(3 + i);
	memset(got, 0xcc, sizeof(got));
	memset(want, 0, sizeof(want));
	le(want + 0x000, 1, 8);
	le(want + 0x100, val(1), 8);
	le(want + 0x200, val(2), 8);
	for (i = 0; i < 8; i++)
		le(want + 0x300 + 8 * i, val(3 + i), 8);
	assert_int_equal(rlm_pack_rec_params2(&p, got, PAGE), 0);
	expect_page(got, want, PAGE);
	/* 1.0's num_aux (0x800) and aux[] (0x808..) are reserved: zero */
	for (i = 0x800; i < 0x888; i++)
		assert_int_equal(got[i], 0);
	memset(&q, 0x5a, sizeof(q));
	assert_int_equal(rlm_unpack_rec_params2(&q, want, PAGE), 0);
	assert_memory_equal(&q, &p, sizeof(p));
	assert_int_equal(rlm_pack_rec_params2(&p, got, PAGE - 1), RLM_ENOSPC);
	assert_int_equal(rlm_pack_rec_params2(NULL, got, PAGE), RLM_EINVAL);
	assert_int_equal(rlm_unpack_rec_params2(&q, NULL, PAGE), RLM_EINVAL);
}

/* ---- RmiRecEnter / RmiRecExit 2.0 -------------------------------------- */

static void test_rec_enter2(void **state)
{
	struct rlm_rec_enter2 p, q;
	static uint8_t got[0x800], want[0x800];
	unsigned int i;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.flags = RLM_RMI2_REC_ENTER_FLAG_FORCE_P0 | RLM_RMI2_REC_ENTER_FLAG_EMUL_MMIO;
	assert_int_equal(p.flags, 0x81); /* bits 7 and 0 (REC_ENTRY_FLAG_*) */
	for (i = 0; i < 31; i++)
		p.gprs[i] = val(20 + i);
	memset(got, 0xcc, sizeof(got));
	memset(want, 0, sizeof(want));
	le(want + 0x000, 0x81, 8);
	for (i = 0; i < 31; i++)
		le(want + 0x200 + 8 * i, val(20 + i), 8);
	assert_int_equal(rlm_pack_rec_enter2(&p, got, 0x800), 0);
	expect_page(got, want, 0x800);
	/* no GIC fields: 1.0's gicv3_hcr (0x300) and lrs stay zero */
	for (i = 0x300; i < 0x388; i++)
		assert_int_equal(got[i], 0);
	memset(&q, 0x5a, sizeof(q));
	assert_int_equal(rlm_unpack_rec_enter2(&q, want, 0x800), 0);
	assert_memory_equal(&q, &p, sizeof(p));
	assert_int_equal(rlm_pack_rec_enter2(&p, got, 0x7ff), RLM_ENOSPC);
	assert_int_equal(rlm_unpack_rec_enter2(NULL, got, 0x800), RLM_EINVAL);
}

static void test_rec_exit2(void **state)
{
	struct rlm_rec_exit2 p, q;
	static uint8_t got[0x800], want[0x800];
	unsigned int i;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.exit_reason = RLM_RMI_EXIT_DEV_MEM_MAP;
	assert_int_equal(p.exit_reason, 9);
	assert_int_equal(RLM_RMI_EXIT_S2AP_CHANGE, 7);
	assert_int_equal(RLM_RMI_EXIT_VDEV_REQUEST, 8);
	assert_int_equal(RLM_RMI_EXIT_VDEV_P2P_BINDING, 10);
	p.esr = val(1);
	p.far = val(2);
	p.hpfar = val(3);
	p.rtt_tree = val(4);
	p.rtt_level = -1;
	for (i = 0; i < 31; i++)
		p.gprs[i] = val(40 + i);
	p.cntp_ctl = val(5);
	p.cntp_cval = val(6);
	p.cntv_ctl = val(7);
	p.cntv_cval = val(8);
	p.ripas_base = val(9);
	p.ripas_top = val(10);
	p.ripas_value = 1;
	p.s2ap_base = val(11);
	p.s2ap_top = val(12);
	p.vdev_id_1 = val(13);
	p.vdev_id_2 = val(14);
	p.dev_mem_base = val(15);
	p.dev_mem_top = val(16);
	p.dev_mem_pa = val(17);
	p.imm = (uint32_t)val(18);
	p.plane = val(19);
	p.pmu_ovf_status = val(20);

	memset(got, 0xcc, sizeof(got));
	memset(want, 0, sizeof(want));
	le(want + 0x000, 9, 8);
	le(want + 0x100, val(1), 8);
	le(want + 0x108, val(2), 8);
	le(want + 0x110, val(3), 8);
	le(want + 0x118, val(4), 8);
	le(want + 0x120, UINT64_MAX, 8);
	for (i = 0; i < 31; i++)
		le(want + 0x200 + 8 * i, val(40 + i), 8);
	le(want + 0x400, val(5), 8);
	le(want + 0x408, val(6), 8);
	le(want + 0x410, val(7), 8);
	le(want + 0x418, val(8), 8);
	le(want + 0x500, val(9), 8);
	le(want + 0x508, val(10), 8);
	want[0x510] = 1;
	le(want + 0x520, val(11), 8);
	le(want + 0x528, val(12), 8);
	le(want + 0x530, val(13), 8);
	le(want + 0x538, val(14), 8);
	le(want + 0x540, val(15), 8);
	le(want + 0x548, val(16), 8);
	le(want + 0x550, val(17), 8);
	le(want + 0x600, (uint32_t)val(18), 4);
	le(want + 0x608, val(19), 8);
	le(want + 0x700, val(20), 8);
	assert_int_equal(rlm_pack_rec_exit2(&p, got, 0x800), 0);
	expect_page(got, want, 0x800);

	memset(&q, 0x5a, sizeof(q));
	assert_int_equal(rlm_unpack_rec_exit2(&q, want, 0x800), 0);
	assert_int_equal(q.exit_reason, 9);
	assert_int_equal(q.esr, p.esr);
	assert_int_equal(q.far, p.far);
	assert_int_equal(q.hpfar, p.hpfar);
	assert_int_equal(q.rtt_tree, p.rtt_tree);
	assert_true(q.rtt_level == -1);
	assert_memory_equal(q.gprs, p.gprs, sizeof(p.gprs));
	assert_int_equal(q.cntp_ctl, p.cntp_ctl);
	assert_int_equal(q.cntp_cval, p.cntp_cval);
	assert_int_equal(q.cntv_ctl, p.cntv_ctl);
	assert_int_equal(q.cntv_cval, p.cntv_cval);
	assert_int_equal(q.ripas_base, p.ripas_base);
	assert_int_equal(q.ripas_top, p.ripas_top);
	assert_int_equal(q.ripas_value, 1);
	assert_int_equal(q.s2ap_base, p.s2ap_base);
	assert_int_equal(q.s2ap_top, p.s2ap_top);
	assert_int_equal(q.vdev_id_1, p.vdev_id_1);
	assert_int_equal(q.vdev_id_2, p.vdev_id_2);
	assert_int_equal(q.dev_mem_base, p.dev_mem_base);
	assert_int_equal(q.dev_mem_top, p.dev_mem_top);
	assert_int_equal(q.dev_mem_pa, p.dev_mem_pa);
	assert_int_equal(q.imm, p.imm);
	assert_int_equal(q.plane, p.plane);
	assert_int_equal(q.pmu_ovf_status, p.pmu_ovf_status);
	assert_int_equal(rlm_pack_rec_exit2(&p, got, 0x7ff), RLM_ENOSPC);
	assert_int_equal(rlm_unpack_rec_exit2(&q, NULL, 0x800), RLM_EINVAL);
}

static void test_rmm_config2(void **state)
{
	struct rlm_rmm_config2 p = { 1, RLM_RMI_GRANULE_SIZE_64KB }, q;
	static uint8_t got[PAGE], want[PAGE];

	(void)state;
	assert_int_equal(RLM_RMI_GRANULE_SIZE_4KB, 0);
	assert_int_equal(RLM_RMI_GRANULE_SIZE_16KB, 1);
	assert_int_equal(RLM_RMI_GRANULE_SIZE_64KB, 2);
	memset(got, 0xcc, sizeof(got));
	memset(want, 0, sizeof(want));
	le(want + 0x0, 1, 8);
	le(want + 0x8, 2, 8);
	assert_int_equal(rlm_pack_rmm_config2(&p, got, PAGE), 0);
	expect_page(got, want, PAGE);
	memset(&q, 0x5a, sizeof(q));
	assert_int_equal(rlm_unpack_rmm_config2(&q, want, PAGE), 0);
	assert_int_equal(q.tracking_region_size, 1);
	assert_int_equal(q.granule_size, 2);
	assert_int_equal(rlm_pack_rmm_config2(&p, got, 15), RLM_ENOSPC);
	assert_int_equal(rlm_pack_rmm_config2(NULL, got, PAGE), RLM_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_realm_params2),
		cmocka_unit_test(test_realm_params2_bad),
		cmocka_unit_test(test_rec_params2),
		cmocka_unit_test(test_rec_enter2),
		cmocka_unit_test(test_rec_exit2),
		cmocka_unit_test(test_rmm_config2),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
