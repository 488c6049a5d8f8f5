/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Byte-exact packing of the RMI 2.0 (beta) pages; the offsets are the
 * tables of realm/pack2.h (TF-RMM 9a7f8ef46378320ad69140a42e51c1ccf5914661).
 */
#include <realm/pack2.h>
#include <realm/error.h>
#include "core/bytes.h"

#define FLAGS0_DEFINED_ RLM_RMI_REALM_FLAGS0_DEFINED
#define FLAGS1_DEFINED_ RLM_RMI_REALM_FLAGS1_DEFINED

int rlm_pack_realm_params2(const struct rlm_realm_params2 *p, uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_RMI2_REALM_PARAMS_SIZE);

	if (rc)
		return rc;
	if ((p->flags0 & ~(uint64_t)FLAGS0_DEFINED_) ||
	    (p->flags1 & ~(uint64_t)FLAGS1_DEFINED_) ||
	    p->num_aux_planes > RLM_RMI2_MAX_AUX_PLANES)
		return RLM_EINVAL;
	rlm_memset(buf, 0, RLM_RMI2_REALM_PARAMS_SIZE);
	rlm_put_le64(buf + RLM_RMI2_REALM_PARAMS_FLAGS0_OFF, p->flags0);
	rlm_put_le32(buf + RLM_RMI2_REALM_PARAMS_S2SZ_OFF, p->s2sz);
	rlm_put_le32(buf + RLM_RMI2_REALM_PARAMS_SVE_VL_OFF, p->sve_vl);
	rlm_put_le32(buf + RLM_RMI2_REALM_PARAMS_NUM_BPS_OFF, p->num_bps);
	rlm_put_le32(buf + RLM_RMI2_REALM_PARAMS_NUM_WPS_OFF, p->num_wps);
	rlm_put_le32(buf + RLM_RMI2_REALM_PARAMS_PMU_NUM_CTRS_OFF, p->pmu_num_ctrs);
	rlm_put_le8(buf + RLM_RMI2_REALM_PARAMS_HASH_ALGO_OFF, p->hash_algo);
	rlm_put_le32(buf + RLM_RMI2_REALM_PARAMS_NUM_AUX_PLANES_OFF, p->num_aux_planes);
	rlm_memcpy(buf + RLM_RMI2_REALM_PARAMS_RPV_OFF, p->rpv, RLM_RPV_SIZE);
	rlm_put_le64(buf + RLM_RMI2_REALM_PARAMS_ATS_PLANE_OFF, p->ats_plane);
	rlm_put_le64(buf + RLM_RMI2_REALM_PARAMS_RTT_BASE_OFF, p->rtt_base);
	rlm_put_le64(buf + RLM_RMI2_REALM_PARAMS_RTT_LEVEL_START_OFF,
		     (uint64_t)p->rtt_level_start);
	rlm_put_le32(buf + RLM_RMI2_REALM_PARAMS_RTT_NUM_START_OFF, p->rtt_num_start);
	rlm_put_le64(buf + RLM_RMI2_REALM_PARAMS_FLAGS1_OFF, p->flags1);
	rlm_put_le64_array(buf + RLM_RMI2_REALM_PARAMS_AUX_RTT_BASE_OFF, p->aux_rtt_base,
		RLM_RMI2_MAX_AUX_PLANES);
	return 0;
}

int rlm_unpack_realm_params2(struct rlm_realm_params2 *p, const uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_RMI2_REALM_PARAMS_SIZE);

	if (rc)
		return rc;
	p->flags0 = rlm_get_le64(buf + RLM_RMI2_REALM_PARAMS_FLAGS0_OFF);
	p->s2sz = rlm_get_le32(buf + RLM_RMI2_REALM_PARAMS_S2SZ_OFF);
	p->sve_vl = rlm_get_le32(buf + RLM_RMI2_REALM_PARAMS_SVE_VL_OFF);
	p->num_bps = rlm_get_le32(buf + RLM_RMI2_REALM_PARAMS_NUM_BPS_OFF);
	p->num_wps = rlm_get_le32(buf + RLM_RMI2_REALM_PARAMS_NUM_WPS_OFF);
	p->pmu_num_ctrs = rlm_get_le32(buf + RLM_RMI2_REALM_PARAMS_PMU_NUM_CTRS_OFF);
	p->hash_algo = rlm_get_le8(buf + RLM_RMI2_REALM_PARAMS_HASH_ALGO_OFF);
	p->num_aux_planes = rlm_get_le32(buf + RLM_RMI2_REALM_PARAMS_NUM_AUX_PLANES_OFF);
	rlm_memcpy(p->rpv, buf + RLM_RMI2_REALM_PARAMS_RPV_OFF, RLM_RPV_SIZE);
	p->ats_plane = rlm_get_le64(buf + RLM_RMI2_REALM_PARAMS_ATS_PLANE_OFF);
	p->rtt_base = rlm_get_le64(buf + RLM_RMI2_REALM_PARAMS_RTT_BASE_OFF);
	p->rtt_level_start =
		(int64_t)rlm_get_le64(buf + RLM_RMI2_REALM_PARAMS_RTT_LEVEL_START_OFF);
	p->rtt_num_start = rlm_get_le32(buf + RLM_RMI2_REALM_PARAMS_RTT_NUM_START_OFF);
	p->flags1 = rlm_get_le64(buf + RLM_RMI2_REALM_PARAMS_FLAGS1_OFF);
	rlm_get_le64_array(p->aux_rtt_base, buf + RLM_RMI2_REALM_PARAMS_AUX_RTT_BASE_OFF,
		RLM_RMI2_MAX_AUX_PLANES);
	return 0;
}

int rlm_pack_rec_params2(const struct rlm_rec_params2 *p, uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_RMI2_REC_PARAMS_SIZE);

	if (rc)
		return rc;
	rlm_memset(buf, 0, RLM_RMI2_REC_PARAMS_SIZE);
	rlm_put_le64(buf + RLM_RMI2_REC_PARAMS_FLAGS_OFF, p->flags);
	rlm_put_le64(buf + RLM_RMI2_REC_PARAMS_MPIDR_OFF, p->mpidr);
	rlm_put_le64(buf + RLM_RMI2_REC_PARAMS_PC_OFF, p->pc);
	rlm_put_le64_array(buf + RLM_RMI2_REC_PARAMS_GPRS_OFF, p->gprs, RLM_REC_CREATE_NR_GPRS);
	return 0;
}

int rlm_unpack_rec_params2(struct rlm_rec_params2 *p, const uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_RMI2_REC_PARAMS_SIZE);

	if (rc)
		return rc;
	p->flags = rlm_get_le64(buf + RLM_RMI2_REC_PARAMS_FLAGS_OFF);
	p->mpidr = rlm_get_le64(buf + RLM_RMI2_REC_PARAMS_MPIDR_OFF);
	p->pc = rlm_get_le64(buf + RLM_RMI2_REC_PARAMS_PC_OFF);
	rlm_get_le64_array(p->gprs, buf + RLM_RMI2_REC_PARAMS_GPRS_OFF, RLM_REC_CREATE_NR_GPRS);
	return 0;
}

int rlm_pack_rec_enter2(const struct rlm_rec_enter2 *p, uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_RMI2_REC_ENTER_SIZE);

	if (rc)
		return rc;
	rlm_memset(buf, 0, RLM_RMI2_REC_ENTER_SIZE);
	rlm_put_le64(buf + RLM_RMI2_REC_ENTER_FLAGS_OFF, p->flags);
	rlm_put_le64_array(buf + RLM_RMI2_REC_ENTER_GPRS_OFF, p->gprs, RLM_REC_RUN_GPRS);
	return 0;
}

int rlm_unpack_rec_enter2(struct rlm_rec_enter2 *p, const uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_RMI2_REC_ENTER_SIZE);

	if (rc)
		return rc;
	p->flags = rlm_get_le64(buf + RLM_RMI2_REC_ENTER_FLAGS_OFF);
	rlm_get_le64_array(p->gprs, buf + RLM_RMI2_REC_ENTER_GPRS_OFF, RLM_REC_RUN_GPRS);
	return 0;
}

/* One row per u64 field of RmiRecExit 2.0 (the struct member, its offset). */
#define EXIT2_U64_(X) \
	X(esr, RLM_RMI2_REC_EXIT_ESR_OFF) \
	X(far, RLM_RMI2_REC_EXIT_FAR_OFF) \
	X(hpfar, RLM_RMI2_REC_EXIT_HPFAR_OFF) \
	X(rtt_tree, RLM_RMI2_REC_EXIT_RTT_TREE_OFF) \
	X(cntp_ctl, RLM_RMI2_REC_EXIT_CNTP_CTL_OFF) \
	X(cntp_cval, RLM_RMI2_REC_EXIT_CNTP_CVAL_OFF) \
	X(cntv_ctl, RLM_RMI2_REC_EXIT_CNTV_CTL_OFF) \
	X(cntv_cval, RLM_RMI2_REC_EXIT_CNTV_CVAL_OFF) \
	X(ripas_base, RLM_RMI2_REC_EXIT_RIPAS_BASE_OFF) \
	X(ripas_top, RLM_RMI2_REC_EXIT_RIPAS_TOP_OFF) \
	X(s2ap_base, RLM_RMI2_REC_EXIT_S2AP_BASE_OFF) \
	X(s2ap_top, RLM_RMI2_REC_EXIT_S2AP_TOP_OFF) \
	X(vdev_id_1, RLM_RMI2_REC_EXIT_VDEV_ID_1_OFF) \
	X(vdev_id_2, RLM_RMI2_REC_EXIT_VDEV_ID_2_OFF) \
	X(dev_mem_base, RLM_RMI2_REC_EXIT_DEV_MEM_BASE_OFF) \
	X(dev_mem_top, RLM_RMI2_REC_EXIT_DEV_MEM_TOP_OFF) \
	X(dev_mem_pa, RLM_RMI2_REC_EXIT_DEV_MEM_PA_OFF) \
	X(plane, RLM_RMI2_REC_EXIT_PLANE_OFF) \
	X(pmu_ovf_status, RLM_RMI2_REC_EXIT_PMU_OVF_STATUS_OFF)

int rlm_pack_rec_exit2(const struct rlm_rec_exit2 *p, uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_RMI2_REC_EXIT_SIZE);

	if (rc)
		return rc;
	rlm_memset(buf, 0, RLM_RMI2_REC_EXIT_SIZE);
	rlm_put_le64(buf + RLM_RMI2_REC_EXIT_REASON_OFF, p->exit_reason);
#define PUT_(m, off) rlm_put_le64(buf + (off), p->m);
	EXIT2_U64_(PUT_)
#undef PUT_
	rlm_put_le64(buf + RLM_RMI2_REC_EXIT_RTT_LEVEL_OFF, (uint64_t)p->rtt_level);
	rlm_put_le64_array(buf + RLM_RMI2_REC_EXIT_GPRS_OFF, p->gprs, RLM_REC_RUN_GPRS);
	rlm_put_le8(buf + RLM_RMI2_REC_EXIT_RIPAS_VALUE_OFF, p->ripas_value);
	rlm_put_le32(buf + RLM_RMI2_REC_EXIT_IMM_OFF, p->imm);
	return 0;
}

int rlm_unpack_rec_exit2(struct rlm_rec_exit2 *p, const uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_RMI2_REC_EXIT_SIZE);

	if (rc)
		return rc;
	/* exit_reason is a u64 slot; the reasons defined fit bits [7:0] */
	p->exit_reason = rlm_get_le8(buf + RLM_RMI2_REC_EXIT_REASON_OFF);
#define GET_(m, off) p->m = rlm_get_le64(buf + (off));
	EXIT2_U64_(GET_)
#undef GET_
	p->rtt_level = (int64_t)rlm_get_le64(buf + RLM_RMI2_REC_EXIT_RTT_LEVEL_OFF);
	rlm_get_le64_array(p->gprs, buf + RLM_RMI2_REC_EXIT_GPRS_OFF, RLM_REC_RUN_GPRS);
	p->ripas_value = rlm_get_le8(buf + RLM_RMI2_REC_EXIT_RIPAS_VALUE_OFF);
	p->imm = rlm_get_le32(buf + RLM_RMI2_REC_EXIT_IMM_OFF);
	return 0;
}

int rlm_pack_rmm_config2(const struct rlm_rmm_config2 *p, uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_RMI2_RMM_CONFIG_SIZE);

	if (rc)
		return rc;
	rlm_memset(buf, 0, RLM_RMI2_RMM_CONFIG_SIZE);
	rlm_put_le64(buf + RLM_RMI2_RMM_CONFIG_TRACKING_REGION_SIZE_OFF,
		     p->tracking_region_size);
	rlm_put_le64(buf + RLM_RMI2_RMM_CONFIG_GRANULE_SIZE_OFF, p->granule_size);
	return 0;
}

int rlm_unpack_rmm_config2(struct rlm_rmm_config2 *p, const uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_RMI2_RMM_CONFIG_SIZE);

	if (rc)
		return rc;
	p->tracking_region_size =
		rlm_get_le64(buf + RLM_RMI2_RMM_CONFIG_TRACKING_REGION_SIZE_OFF);
	p->granule_size = rlm_get_le64(buf + RLM_RMI2_RMM_CONFIG_GRANULE_SIZE_OFF);
	return 0;
}
