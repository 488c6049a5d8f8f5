/* SPDX-License-Identifier: BSD-3-Clause */
/* Byte-exact packing of the RMI/RSI parameter pages (see realm/pack.h). */
#include <realm/pack.h>
#include <realm/error.h>
#include "core/bytes.h"

int rlm_pack_realm_params(const struct rlm_realm_params *p, uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_REALM_PARAMS_SIZE);

	if (rc)
		return rc;
	rlm_memset(buf, 0, RLM_REALM_PARAMS_SIZE);
	rlm_put_le64(buf + RLM_REALM_PARAMS_FLAGS_OFF, p->flags);
	rlm_put_le32(buf + RLM_REALM_PARAMS_S2SZ_OFF, p->s2sz);
	rlm_put_le32(buf + RLM_REALM_PARAMS_SVE_VL_OFF, p->sve_vl);
	rlm_put_le32(buf + RLM_REALM_PARAMS_NUM_BPS_OFF, p->num_bps);
	rlm_put_le32(buf + RLM_REALM_PARAMS_NUM_WPS_OFF, p->num_wps);
	rlm_put_le32(buf + RLM_REALM_PARAMS_PMU_NUM_CTRS_OFF, p->pmu_num_ctrs);
	rlm_put_le8(buf + RLM_REALM_PARAMS_HASH_ALGO_OFF, p->hash_algo);
	rlm_memcpy(buf + RLM_REALM_PARAMS_RPV_OFF, p->rpv, RLM_RPV_SIZE);
	rlm_put_le16(buf + RLM_REALM_PARAMS_VMID_OFF, p->vmid);
	rlm_put_le64(buf + RLM_REALM_PARAMS_RTT_BASE_OFF, p->rtt_base);
	rlm_put_le64(buf + RLM_REALM_PARAMS_RTT_LEVEL_START_OFF, (uint64_t)p->rtt_level_start);
	rlm_put_le32(buf + RLM_REALM_PARAMS_RTT_NUM_START_OFF, p->rtt_num_start);
	return 0;
}

int rlm_unpack_realm_params(struct rlm_realm_params *p, const uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_REALM_PARAMS_SIZE);

	if (rc)
		return rc;
	p->flags = rlm_get_le64(buf + RLM_REALM_PARAMS_FLAGS_OFF);
	p->s2sz = rlm_get_le32(buf + RLM_REALM_PARAMS_S2SZ_OFF);
	p->sve_vl = rlm_get_le32(buf + RLM_REALM_PARAMS_SVE_VL_OFF);
	p->num_bps = rlm_get_le32(buf + RLM_REALM_PARAMS_NUM_BPS_OFF);
	p->num_wps = rlm_get_le32(buf + RLM_REALM_PARAMS_NUM_WPS_OFF);
	p->pmu_num_ctrs = rlm_get_le32(buf + RLM_REALM_PARAMS_PMU_NUM_CTRS_OFF);
	p->hash_algo = rlm_get_le8(buf + RLM_REALM_PARAMS_HASH_ALGO_OFF);
	rlm_memcpy(p->rpv, buf + RLM_REALM_PARAMS_RPV_OFF, RLM_RPV_SIZE);
	p->vmid = rlm_get_le16(buf + RLM_REALM_PARAMS_VMID_OFF);
	p->rtt_base = rlm_get_le64(buf + RLM_REALM_PARAMS_RTT_BASE_OFF);
	p->rtt_level_start = (int64_t)rlm_get_le64(buf + RLM_REALM_PARAMS_RTT_LEVEL_START_OFF);
	p->rtt_num_start = rlm_get_le32(buf + RLM_REALM_PARAMS_RTT_NUM_START_OFF);
	return 0;
}

int rlm_pack_rec_params(const struct rlm_rec_params *p, uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_REC_PARAMS_SIZE);

	if (rc)
		return rc;
	rlm_memset(buf, 0, RLM_REC_PARAMS_SIZE);
	rlm_put_le64(buf + RLM_REC_PARAMS_FLAGS_OFF, p->flags);
	rlm_put_le64(buf + RLM_REC_PARAMS_MPIDR_OFF, p->mpidr);
	rlm_put_le64(buf + RLM_REC_PARAMS_PC_OFF, p->pc);
	rlm_put_le64_array(buf + RLM_REC_PARAMS_GPRS_OFF, p->gprs, RLM_REC_CREATE_NR_GPRS);
	rlm_put_le64(buf + RLM_REC_PARAMS_NUM_AUX_OFF, p->num_aux);
	rlm_put_le64_array(buf + RLM_REC_PARAMS_AUX_OFF, p->aux, RLM_REC_PARAMS_AUX_GRANULES);
	return 0;
}

int rlm_unpack_rec_params(struct rlm_rec_params *p, const uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_REC_PARAMS_SIZE);

	if (rc)
		return rc;
	p->flags = rlm_get_le64(buf + RLM_REC_PARAMS_FLAGS_OFF);
	p->mpidr = rlm_get_le64(buf + RLM_REC_PARAMS_MPIDR_OFF);
	p->pc = rlm_get_le64(buf + RLM_REC_PARAMS_PC_OFF);
	rlm_get_le64_array(p->gprs, buf + RLM_REC_PARAMS_GPRS_OFF, RLM_REC_CREATE_NR_GPRS);
	p->num_aux = rlm_get_le64(buf + RLM_REC_PARAMS_NUM_AUX_OFF);
	rlm_get_le64_array(p->aux, buf + RLM_REC_PARAMS_AUX_OFF, RLM_REC_PARAMS_AUX_GRANULES);
	return 0;
}

int rlm_pack_rec_enter(const struct rlm_rec_enter *p, uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_REC_ENTER_SIZE);

	if (rc)
		return rc;
	rlm_memset(buf, 0, RLM_REC_ENTER_SIZE);
	rlm_put_le64(buf + RLM_REC_ENTER_FLAGS_OFF, p->flags);
	rlm_put_le64_array(buf + RLM_REC_ENTER_GPRS_OFF, p->gprs, RLM_REC_RUN_GPRS);
	rlm_put_le64(buf + RLM_REC_ENTER_GICV3_HCR_OFF, p->gicv3_hcr);
	rlm_put_le64_array(buf + RLM_REC_ENTER_GICV3_LRS_OFF, p->gicv3_lrs, RLM_REC_MAX_GIC_NUM_LRS);
	return 0;
}

int rlm_unpack_rec_enter(struct rlm_rec_enter *p, const uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_REC_ENTER_SIZE);

	if (rc)
		return rc;
	p->flags = rlm_get_le64(buf + RLM_REC_ENTER_FLAGS_OFF);
	rlm_get_le64_array(p->gprs, buf + RLM_REC_ENTER_GPRS_OFF, RLM_REC_RUN_GPRS);
	p->gicv3_hcr = rlm_get_le64(buf + RLM_REC_ENTER_GICV3_HCR_OFF);
	rlm_get_le64_array(p->gicv3_lrs, buf + RLM_REC_ENTER_GICV3_LRS_OFF, RLM_REC_MAX_GIC_NUM_LRS);
	return 0;
}

int rlm_pack_rec_exit(const struct rlm_rec_exit *p, uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_REC_EXIT_SIZE);

	if (rc)
		return rc;
	rlm_memset(buf, 0, RLM_REC_EXIT_SIZE);
	rlm_put_le8(buf + RLM_REC_EXIT_REASON_OFF, p->exit_reason);
	rlm_put_le64(buf + RLM_REC_EXIT_ESR_OFF, p->esr);
	rlm_put_le64(buf + RLM_REC_EXIT_FAR_OFF, p->far);
	rlm_put_le64(buf + RLM_REC_EXIT_HPFAR_OFF, p->hpfar);
	rlm_put_le64_array(buf + RLM_REC_EXIT_GPRS_OFF, p->gprs, RLM_REC_RUN_GPRS);
	rlm_put_le64(buf + RLM_REC_EXIT_GICV3_HCR_OFF, p->gicv3_hcr);
	rlm_put_le64_array(buf + RLM_REC_EXIT_GICV3_LRS_OFF, p->gicv3_lrs, RLM_REC_MAX_GIC_NUM_LRS);
	rlm_put_le64(buf + RLM_REC_EXIT_GICV3_MISR_OFF, p->gicv3_misr);
	rlm_put_le64(buf + RLM_REC_EXIT_GICV3_VMCR_OFF, p->gicv3_vmcr);
	rlm_put_le64(buf + RLM_REC_EXIT_CNTP_CTL_OFF, p->cntp_ctl);
	rlm_put_le64(buf + RLM_REC_EXIT_CNTP_CVAL_OFF, p->cntp_cval);
	rlm_put_le64(buf + RLM_REC_EXIT_CNTV_CTL_OFF, p->cntv_ctl);
	rlm_put_le64(buf + RLM_REC_EXIT_CNTV_CVAL_OFF, p->cntv_cval);
	rlm_put_le64(buf + RLM_REC_EXIT_RIPAS_BASE_OFF, p->ripas_base);
	rlm_put_le64(buf + RLM_REC_EXIT_RIPAS_TOP_OFF, p->ripas_top);
	rlm_put_le8(buf + RLM_REC_EXIT_RIPAS_VALUE_OFF, p->ripas_value);
	rlm_put_le16(buf + RLM_REC_EXIT_IMM_OFF, p->imm);
	rlm_put_le8(buf + RLM_REC_EXIT_PMU_OVF_STATUS_OFF, p->pmu_ovf_status);
	return 0;
}

int rlm_unpack_rec_exit(struct rlm_rec_exit *p, const uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_REC_EXIT_SIZE);

	if (rc)
		return rc;
	p->exit_reason = rlm_get_le8(buf + RLM_REC_EXIT_REASON_OFF);
	p->esr = rlm_get_le64(buf + RLM_REC_EXIT_ESR_OFF);
	p->far = rlm_get_le64(buf + RLM_REC_EXIT_FAR_OFF);
	p->hpfar = rlm_get_le64(buf + RLM_REC_EXIT_HPFAR_OFF);
	rlm_get_le64_array(p->gprs, buf + RLM_REC_EXIT_GPRS_OFF, RLM_REC_RUN_GPRS);
	p->gicv3_hcr = rlm_get_le64(buf + RLM_REC_EXIT_GICV3_HCR_OFF);
	rlm_get_le64_array(p->gicv3_lrs, buf + RLM_REC_EXIT_GICV3_LRS_OFF, RLM_REC_MAX_GIC_NUM_LRS);
	p->gicv3_misr = rlm_get_le64(buf + RLM_REC_EXIT_GICV3_MISR_OFF);
	p->gicv3_vmcr = rlm_get_le64(buf + RLM_REC_EXIT_GICV3_VMCR_OFF);
	p->cntp_ctl = rlm_get_le64(buf + RLM_REC_EXIT_CNTP_CTL_OFF);
	p->cntp_cval = rlm_get_le64(buf + RLM_REC_EXIT_CNTP_CVAL_OFF);
	p->cntv_ctl = rlm_get_le64(buf + RLM_REC_EXIT_CNTV_CTL_OFF);
	p->cntv_cval = rlm_get_le64(buf + RLM_REC_EXIT_CNTV_CVAL_OFF);
	p->ripas_base = rlm_get_le64(buf + RLM_REC_EXIT_RIPAS_BASE_OFF);
	p->ripas_top = rlm_get_le64(buf + RLM_REC_EXIT_RIPAS_TOP_OFF);
	p->ripas_value = rlm_get_le8(buf + RLM_REC_EXIT_RIPAS_VALUE_OFF);
	p->imm = rlm_get_le16(buf + RLM_REC_EXIT_IMM_OFF);
	p->pmu_ovf_status = rlm_get_le8(buf + RLM_REC_EXIT_PMU_OVF_STATUS_OFF);
	return 0;
}

int rlm_pack_rsi_realm_config(const struct rlm_rsi_realm_config *p, uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_RSI_REALM_CONFIG_SIZE);

	if (rc)
		return rc;
	rlm_memset(buf, 0, RLM_RSI_REALM_CONFIG_SIZE);
	rlm_put_le64(buf + RLM_RSI_REALM_CONFIG_IPA_WIDTH_OFF, p->ipa_width);
	rlm_put_le8(buf + RLM_RSI_REALM_CONFIG_HASH_ALGO_OFF, p->hash_algo);
	rlm_memcpy(buf + RLM_RSI_REALM_CONFIG_RPV_OFF, p->rpv, RLM_RPV_SIZE);
	return 0;
}

int rlm_unpack_rsi_realm_config(struct rlm_rsi_realm_config *p, const uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_RSI_REALM_CONFIG_SIZE);

	if (rc)
		return rc;
	p->ipa_width = rlm_get_le64(buf + RLM_RSI_REALM_CONFIG_IPA_WIDTH_OFF);
	p->hash_algo = rlm_get_le8(buf + RLM_RSI_REALM_CONFIG_HASH_ALGO_OFF);
	rlm_memcpy(p->rpv, buf + RLM_RSI_REALM_CONFIG_RPV_OFF, RLM_RPV_SIZE);
	return 0;
}

int rlm_pack_rsi_host_call(const struct rlm_rsi_host_call *p, uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_RSI_HOST_CALL_SIZE);

	if (rc)
		return rc;
	rlm_memset(buf, 0, RLM_RSI_HOST_CALL_SIZE);
	rlm_put_le16(buf + RLM_RSI_HOST_CALL_IMM_OFF, p->imm);
	rlm_put_le64_array(buf + RLM_RSI_HOST_CALL_GPRS_OFF, p->gprs, RLM_RSI_HOST_CALL_NR_GPRS);
	return 0;
}

int rlm_unpack_rsi_host_call(struct rlm_rsi_host_call *p, const uint8_t *buf, size_t len)
{
	int rc = rlm_page_args_check(p, buf, len, RLM_RSI_HOST_CALL_SIZE);

	if (rc)
		return rc;
	p->imm = rlm_get_le16(buf + RLM_RSI_HOST_CALL_IMM_OFF);
	rlm_get_le64_array(p->gprs, buf + RLM_RSI_HOST_CALL_GPRS_OFF, RLM_RSI_HOST_CALL_NR_GPRS);
	return 0;
}

/* Pin the layouts: the last field of each page must end inside the page. */
RLM_STATIC_ASSERT(RLM_REALM_PARAMS_RTT_NUM_START_OFF + 4 <= RLM_REALM_PARAMS_SIZE, "realm params");
RLM_STATIC_ASSERT(RLM_REALM_PARAMS_RPV_OFF + RLM_RPV_SIZE <= RLM_REALM_PARAMS_VMID_OFF, "rpv");
RLM_STATIC_ASSERT(RLM_REC_PARAMS_GPRS_OFF + 8 * RLM_REC_CREATE_NR_GPRS <= RLM_REC_PARAMS_NUM_AUX_OFF, "rec gprs");
RLM_STATIC_ASSERT(RLM_REC_PARAMS_AUX_OFF + 8 * RLM_REC_PARAMS_AUX_GRANULES <= RLM_REC_PARAMS_SIZE, "rec aux");
RLM_STATIC_ASSERT(RLM_REC_ENTER_GPRS_OFF + 8 * RLM_REC_RUN_GPRS <= RLM_REC_ENTER_GICV3_HCR_OFF, "enter gprs");
RLM_STATIC_ASSERT(RLM_REC_ENTER_GICV3_LRS_OFF + 8 * RLM_REC_MAX_GIC_NUM_LRS <= RLM_REC_ENTER_SIZE, "enter lrs");
RLM_STATIC_ASSERT(RLM_REC_EXIT_GICV3_LRS_OFF + 8 * RLM_REC_MAX_GIC_NUM_LRS == RLM_REC_EXIT_GICV3_MISR_OFF, "exit lrs");
RLM_STATIC_ASSERT(RLM_REC_EXIT_GPRS_OFF + 8 * RLM_REC_RUN_GPRS <= RLM_REC_EXIT_GICV3_HCR_OFF, "exit gprs");
RLM_STATIC_ASSERT(RLM_REC_RUN_EXIT_OFF + RLM_REC_EXIT_SIZE == RLM_REC_RUN_SIZE, "rec run");
RLM_STATIC_ASSERT(RLM_RSI_HOST_CALL_GPRS_OFF + 8 * RLM_RSI_HOST_CALL_NR_GPRS <= RLM_RSI_HOST_CALL_SIZE, "host call");

/*
 * Pin every offset to the value of the specification (RMM 1.0-rel0; TF-RMM
 * smc-rmi.h / smc-rsi.h SET_MEMBER offsets): editing one in abi.h by
 * mistake stops the build.
 */
RLM_STATIC_ASSERT(RLM_REALM_PARAMS_FLAGS_OFF == 0x000, "realm_params_flags_off");
RLM_STATIC_ASSERT(RLM_REALM_PARAMS_S2SZ_OFF == 0x008, "realm_params_s2sz_off");
RLM_STATIC_ASSERT(RLM_REALM_PARAMS_SVE_VL_OFF == 0x010, "realm_params_sve_vl_off");
RLM_STATIC_ASSERT(RLM_REALM_PARAMS_NUM_BPS_OFF == 0x018, "realm_params_num_bps_off");
RLM_STATIC_ASSERT(RLM_REALM_PARAMS_NUM_WPS_OFF == 0x020, "realm_params_num_wps_off");
RLM_STATIC_ASSERT(RLM_REALM_PARAMS_PMU_NUM_CTRS_OFF == 0x028, "realm_params_pmu_num_ctrs_off");
RLM_STATIC_ASSERT(RLM_REALM_PARAMS_HASH_ALGO_OFF == 0x030, "realm_params_hash_algo_off");
RLM_STATIC_ASSERT(RLM_REALM_PARAMS_RPV_OFF == 0x400, "realm_params_rpv_off");
RLM_STATIC_ASSERT(RLM_REALM_PARAMS_VMID_OFF == 0x800, "realm_params_vmid_off");
RLM_STATIC_ASSERT(RLM_REALM_PARAMS_RTT_BASE_OFF == 0x808, "realm_params_rtt_base_off");
RLM_STATIC_ASSERT(RLM_REALM_PARAMS_RTT_LEVEL_START_OFF == 0x810, "realm_params_rtt_level_start_off");
RLM_STATIC_ASSERT(RLM_REALM_PARAMS_RTT_NUM_START_OFF == 0x818, "realm_params_rtt_num_start_off");
RLM_STATIC_ASSERT(RLM_REC_PARAMS_FLAGS_OFF == 0x000, "rec_params_flags_off");
RLM_STATIC_ASSERT(RLM_REC_PARAMS_MPIDR_OFF == 0x100, "rec_params_mpidr_off");
RLM_STATIC_ASSERT(RLM_REC_PARAMS_PC_OFF == 0x200, "rec_params_pc_off");
RLM_STATIC_ASSERT(RLM_REC_PARAMS_GPRS_OFF == 0x300, "rec_params_gprs_off");
RLM_STATIC_ASSERT(RLM_REC_PARAMS_NUM_AUX_OFF == 0x800, "rec_params_num_aux_off");
RLM_STATIC_ASSERT(RLM_REC_PARAMS_AUX_OFF == 0x808, "rec_params_aux_off");
RLM_STATIC_ASSERT(RLM_REC_RUN_ENTER_OFF == 0x000, "rec_run_enter_off");
RLM_STATIC_ASSERT(RLM_REC_RUN_EXIT_OFF == 0x800, "rec_run_exit_off");
RLM_STATIC_ASSERT(RLM_REC_ENTER_FLAGS_OFF == 0x000, "rec_enter_flags_off");
RLM_STATIC_ASSERT(RLM_REC_ENTER_GPRS_OFF == 0x200, "rec_enter_gprs_off");
RLM_STATIC_ASSERT(RLM_REC_ENTER_GICV3_HCR_OFF == 0x300, "rec_enter_gicv3_hcr_off");
RLM_STATIC_ASSERT(RLM_REC_ENTER_GICV3_LRS_OFF == 0x308, "rec_enter_gicv3_lrs_off");
RLM_STATIC_ASSERT(RLM_REC_EXIT_REASON_OFF == 0x000, "rec_exit_reason_off");
RLM_STATIC_ASSERT(RLM_REC_EXIT_ESR_OFF == 0x100, "rec_exit_esr_off");
RLM_STATIC_ASSERT(RLM_REC_EXIT_FAR_OFF == 0x108, "rec_exit_far_off");
RLM_STATIC_ASSERT(RLM_REC_EXIT_HPFAR_OFF == 0x110, "rec_exit_hpfar_off");
RLM_STATIC_ASSERT(RLM_REC_EXIT_GPRS_OFF == 0x200, "rec_exit_gprs_off");
RLM_STATIC_ASSERT(RLM_REC_EXIT_GICV3_HCR_OFF == 0x300, "rec_exit_gicv3_hcr_off");
RLM_STATIC_ASSERT(RLM_REC_EXIT_GICV3_LRS_OFF == 0x308, "rec_exit_gicv3_lrs_off");
RLM_STATIC_ASSERT(RLM_REC_EXIT_GICV3_MISR_OFF == 0x388, "rec_exit_gicv3_misr_off");
RLM_STATIC_ASSERT(RLM_REC_EXIT_GICV3_VMCR_OFF == 0x390, "rec_exit_gicv3_vmcr_off");
RLM_STATIC_ASSERT(RLM_REC_EXIT_CNTP_CTL_OFF == 0x400, "rec_exit_cntp_ctl_off");
RLM_STATIC_ASSERT(RLM_REC_EXIT_CNTP_CVAL_OFF == 0x408, "rec_exit_cntp_cval_off");
RLM_STATIC_ASSERT(RLM_REC_EXIT_CNTV_CTL_OFF == 0x410, "rec_exit_cntv_ctl_off");
RLM_STATIC_ASSERT(RLM_REC_EXIT_CNTV_CVAL_OFF == 0x418, "rec_exit_cntv_cval_off");
RLM_STATIC_ASSERT(RLM_REC_EXIT_RIPAS_BASE_OFF == 0x500, "rec_exit_ripas_base_off");
RLM_STATIC_ASSERT(RLM_REC_EXIT_RIPAS_TOP_OFF == 0x508, "rec_exit_ripas_top_off");
RLM_STATIC_ASSERT(RLM_REC_EXIT_RIPAS_VALUE_OFF == 0x510, "rec_exit_ripas_value_off");
RLM_STATIC_ASSERT(RLM_REC_EXIT_IMM_OFF == 0x600, "rec_exit_imm_off");
RLM_STATIC_ASSERT(RLM_REC_EXIT_PMU_OVF_STATUS_OFF == 0x700, "rec_exit_pmu_ovf_status_off");
RLM_STATIC_ASSERT(RLM_RSI_REALM_CONFIG_IPA_WIDTH_OFF == 0x000, "rsi_realm_config_ipa_width_off");
RLM_STATIC_ASSERT(RLM_RSI_REALM_CONFIG_HASH_ALGO_OFF == 0x008, "rsi_realm_config_hash_algo_off");
RLM_STATIC_ASSERT(RLM_RSI_REALM_CONFIG_RPV_OFF == 0x200, "rsi_realm_config_rpv_off");
RLM_STATIC_ASSERT(RLM_RSI_HOST_CALL_IMM_OFF == 0x000, "rsi_host_call_imm_off");
RLM_STATIC_ASSERT(RLM_RSI_HOST_CALL_GPRS_OFF == 0x008, "rsi_host_call_gprs_off");
RLM_STATIC_ASSERT(RLM_REALM_PARAMS_SIZE == 0x1000 && RLM_REC_PARAMS_SIZE == 0x1000, "param pages");
RLM_STATIC_ASSERT(RLM_REC_ENTER_SIZE == 0x800 && RLM_REC_EXIT_SIZE == 0x800, "rec run halves");
RLM_STATIC_ASSERT(RLM_RSI_REALM_CONFIG_SIZE == 0x1000 && RLM_RSI_HOST_CALL_SIZE == 0x100, "rsi layouts");
