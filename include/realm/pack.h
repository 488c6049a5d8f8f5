/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ABI pages as C structures with natural types, and their byte-exact
 * little-endian packing.  pack() writes every byte of the page (reserved
 * bytes zero); unpack() reads the fields the specification defines.
 * Field widths are those of the RMM specification and TF-RMM's smc-rmi.h.
 */
#ifndef RLM_PACK_H
#define RLM_PACK_H

#include <realm/abi.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rlm_realm_params {
	uint64_t flags;        /* RLM_RMI_REALM_PARAM_FLAG_* */
	uint32_t s2sz;
	uint32_t sve_vl;
	uint32_t num_bps;
	uint32_t num_wps;
	uint32_t pmu_num_ctrs;
	uint8_t hash_algo;     /* RLM_RMI_HASH_* */
	uint8_t rpv[RLM_RPV_SIZE];
	uint16_t vmid;
	uint64_t rtt_base;
	int64_t rtt_level_start;
	uint32_t rtt_num_start;
};

struct rlm_rec_params {
	uint64_t flags;        /* RLM_REC_PARAMS_FLAG_* */
	uint64_t mpidr;
	uint64_t pc;
	uint64_t gprs[RLM_REC_CREATE_NR_GPRS];
	uint64_t num_aux;
	uint64_t aux[RLM_REC_PARAMS_AUX_GRANULES];
};

struct rlm_rec_enter {
	uint64_t flags;        /* RLM_REC_ENTER_FLAG_* */
	uint64_t gprs[RLM_REC_RUN_GPRS];
	uint64_t gicv3_hcr;
	uint64_t gicv3_lrs[RLM_REC_MAX_GIC_NUM_LRS];
};

struct rlm_rec_exit {
	uint8_t exit_reason;   /* RLM_RMI_EXIT_* */
	uint64_t esr;
	uint64_t far;
	uint64_t hpfar;
	uint64_t gprs[RLM_REC_RUN_GPRS];
	uint64_t gicv3_hcr;
	uint64_t gicv3_lrs[RLM_REC_MAX_GIC_NUM_LRS];
	uint64_t gicv3_misr;
	uint64_t gicv3_vmcr;
	uint64_t cntp_ctl;
	uint64_t cntp_cval;
	uint64_t cntv_ctl;
	uint64_t cntv_cval;
	uint64_t ripas_base;
	uint64_t ripas_top;
	uint8_t ripas_value;
	uint16_t imm;
	uint8_t pmu_ovf_status;
};

struct rlm_rsi_realm_config {
	uint64_t ipa_width;
	uint8_t hash_algo;     /* RLM_RSI_HASH_* */
	uint8_t rpv[RLM_RPV_SIZE];
};

struct rlm_rsi_host_call {
	uint16_t imm;
	uint64_t gprs[RLM_RSI_HOST_CALL_NR_GPRS];
};

/*
 * Each pack function needs a buffer of at least the layout's size
 * (RLM_*_SIZE) and returns RLM_ENOSPC if len is smaller, RLM_EINVAL for
 * NULL pointers, 0 on success.
 */
int rlm_pack_realm_params(const struct rlm_realm_params *p, uint8_t *buf, size_t len);
int rlm_unpack_realm_params(struct rlm_realm_params *p, const uint8_t *buf, size_t len);
int rlm_pack_rec_params(const struct rlm_rec_params *p, uint8_t *buf, size_t len);
int rlm_unpack_rec_params(struct rlm_rec_params *p, const uint8_t *buf, size_t len);
/* RmiRecEnter / RmiRecExit: buf is the half (RLM_REC_ENTER_SIZE bytes). */
int rlm_pack_rec_enter(const struct rlm_rec_enter *p, uint8_t *buf, size_t len);
int rlm_unpack_rec_enter(struct rlm_rec_enter *p, const uint8_t *buf, size_t len);
int rlm_pack_rec_exit(const struct rlm_rec_exit *p, uint8_t *buf, size_t len);
int rlm_unpack_rec_exit(struct rlm_rec_exit *p, const uint8_t *buf, size_t len);
int rlm_pack_rsi_realm_config(const struct rlm_rsi_realm_config *p, uint8_t *buf, size_t len);
int rlm_unpack_rsi_realm_config(struct rlm_rsi_realm_config *p, const uint8_t *buf, size_t len);
int rlm_pack_rsi_host_call(const struct rlm_rsi_host_call *p, uint8_t *buf, size_t len);
int rlm_unpack_rsi_host_call(struct rlm_rsi_host_call *p, const uint8_t *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* RLM_PACK_H */
