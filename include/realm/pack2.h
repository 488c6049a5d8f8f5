/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 2.0 (beta) parameter pages: the byte offsets (one table per page,
 * the RLM_RMI2_*_OFF macros) and their byte-exact little-endian packing.
 * Offsets checked against TF-RMM main 9a7f8ef46378320ad69140a42e51c1ccf5914661
 * lib/smc/include/smc-rmi.h (struct rmi_realm_params, rmi_rec_params,
 * rmi_rec_enter, rmi_rec_exit, rmi_rmm_config); Arm DEN0137 2.0 beta.
 * A beta change of a layout is an edit of its offset table here.
 * The 1.0 pages are realm/pack.h; nothing here changes them.
 */
#ifndef RLM_PACK2_H
#define RLM_PACK2_H

#include <realm/abi2.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- RmiRealmParams (2.0): no VMID (the RMM owns VMIDs), flags0/flags1,
 * auxiliary planes, ATS plane, auxiliary RTT bases. ------------------- */
#define RLM_RMI2_REALM_PARAMS_FLAGS0_OFF 0x000         /* u64 RmiRealmFlags0 */
#define RLM_RMI2_REALM_PARAMS_S2SZ_OFF 0x008           /* u32 */
#define RLM_RMI2_REALM_PARAMS_SVE_VL_OFF 0x010         /* u32 */
#define RLM_RMI2_REALM_PARAMS_NUM_BPS_OFF 0x018        /* u32 */
#define RLM_RMI2_REALM_PARAMS_NUM_WPS_OFF 0x020        /* u32 */
#define RLM_RMI2_REALM_PARAMS_PMU_NUM_CTRS_OFF 0x028   /* u32 */
#define RLM_RMI2_REALM_PARAMS_HASH_ALGO_OFF 0x030      /* u8 RmiHashAlgorithm */
#define RLM_RMI2_REALM_PARAMS_NUM_AUX_PLANES_OFF 0x038 /* u32 */
#define RLM_RMI2_REALM_PARAMS_RPV_OFF 0x400            /* u8[64] */
#define RLM_RMI2_REALM_PARAMS_ATS_PLANE_OFF 0x440      /* u64 */
#define RLM_RMI2_REALM_PARAMS_RTT_BASE_OFF 0x808       /* u64 */
#define RLM_RMI2_REALM_PARAMS_RTT_LEVEL_START_OFF 0x810 /* s64 */
#define RLM_RMI2_REALM_PARAMS_RTT_NUM_START_OFF 0x818  /* u32 */
#define RLM_RMI2_REALM_PARAMS_FLAGS1_OFF 0x820         /* u64 RmiRealmFlags1 */
#define RLM_RMI2_REALM_PARAMS_AUX_RTT_BASE_OFF 0xF80   /* u64[3] */
#define RLM_RMI2_REALM_PARAMS_SIZE 0x1000
#define RLM_RMI2_MAX_AUX_PLANES 3                      /* MAX_AUX_PLANES */

/* ---- RmiRecParams (2.0): no aux granules (REC_CREATE asks for them as
 * an INCOMPLETE donation instead). ------------------------------------ */
#define RLM_RMI2_REC_PARAMS_FLAGS_OFF 0x000  /* u64 */
#define RLM_RMI2_REC_PARAMS_MPIDR_OFF 0x100  /* u64 */
#define RLM_RMI2_REC_PARAMS_PC_OFF 0x200     /* u64 */
#define RLM_RMI2_REC_PARAMS_GPRS_OFF 0x300   /* u64[8] */
#define RLM_RMI2_REC_PARAMS_SIZE 0x1000

/* ---- RmiRecEnter (2.0): flags and GPRs only (no GIC fields). --------- */
#define RLM_RMI2_REC_ENTER_FLAGS_OFF 0x000   /* u64 */
#define RLM_RMI2_REC_ENTER_GPRS_OFF 0x200    /* u64[31] */
#define RLM_RMI2_REC_ENTER_SIZE 0x800        /* the first half of RmiRecRun */
/* RmiRecEnterFlags (2.0) */
#define RLM_RMI2_REC_ENTER_FLAG_EMUL_MMIO RLM_BIT(0)
#define RLM_RMI2_REC_ENTER_FLAG_INJECT_SEA RLM_BIT(1)
#define RLM_RMI2_REC_ENTER_FLAG_TRAP_WFI RLM_BIT(2)
#define RLM_RMI2_REC_ENTER_FLAG_TRAP_WFE RLM_BIT(3)
#define RLM_RMI2_REC_ENTER_FLAG_RIPAS_RESPONSE RLM_BIT(4)
#define RLM_RMI2_REC_ENTER_FLAG_S2AP_RESPONSE RLM_BIT(5)
#define RLM_RMI2_REC_ENTER_FLAG_DEV_MEM_RESPONSE RLM_BIT(6)
#define RLM_RMI2_REC_ENTER_FLAG_FORCE_P0 RLM_BIT(7)

/* ---- RmiRecExit (2.0): no GIC fields; RTT tree/level, S2AP change,
 * device requests, plane. --------------------------------------------- */
#define RLM_RMI2_REC_EXIT_REASON_OFF 0x000       /* u64 (reason in [7:0]) */
#define RLM_RMI2_REC_EXIT_ESR_OFF 0x100          /* u64 */
#define RLM_RMI2_REC_EXIT_FAR_OFF 0x108          /* u64 */
#define RLM_RMI2_REC_EXIT_HPFAR_OFF 0x110        /* u64 */
#define RLM_RMI2_REC_EXIT_RTT_TREE_OFF 0x118     /* u64 */
#define RLM_RMI2_REC_EXIT_RTT_LEVEL_OFF 0x120    /* s64 */
#define RLM_RMI2_REC_EXIT_GPRS_OFF 0x200         /* u64[31] */
#define RLM_RMI2_REC_EXIT_CNTP_CTL_OFF 0x400     /* u64 */
#define RLM_RMI2_REC_EXIT_CNTP_CVAL_OFF 0x408    /* u64 */
#define RLM_RMI2_REC_EXIT_CNTV_CTL_OFF 0x410     /* u64 */
#define RLM_RMI2_REC_EXIT_CNTV_CVAL_OFF 0x418    /* u64 */
#define RLM_RMI2_REC_EXIT_RIPAS_BASE_OFF 0x500   /* u64 */
#define RLM_RMI2_REC_EXIT_RIPAS_TOP_OFF 0x508    /* u64 */
#define RLM_RMI2_REC_EXIT_RIPAS_VALUE_OFF 0x510  /* u8 */
#define RLM_RMI2_REC_EXIT_S2AP_BASE_OFF 0x520    /* u64 */
#define RLM_RMI2_REC_EXIT_S2AP_TOP_OFF 0x528     /* u64 */
#define RLM_RMI2_REC_EXIT_VDEV_ID_1_OFF 0x530    /* u64 */
#define RLM_RMI2_REC_EXIT_VDEV_ID_2_OFF 0x538    /* u64 */
#define RLM_RMI2_REC_EXIT_DEV_MEM_BASE_OFF 0x540 /* u64 */
#define RLM_RMI2_REC_EXIT_DEV_MEM_TOP_OFF 0x548  /* u64 */
#define RLM_RMI2_REC_EXIT_DEV_MEM_PA_OFF 0x550   /* u64 */
#define RLM_RMI2_REC_EXIT_IMM_OFF 0x600          /* u32 */
#define RLM_RMI2_REC_EXIT_PLANE_OFF 0x608        /* u64 */
#define RLM_RMI2_REC_EXIT_PMU_OVF_STATUS_OFF 0x700 /* u64 */
#define RLM_RMI2_REC_EXIT_SIZE 0x800             /* the second half */
/* RmiRecExitReason values 7..10 are new in 2.0 (0..6 as in 1.0) */
#define RLM_RMI_EXIT_S2AP_CHANGE 7
#define RLM_RMI_EXIT_VDEV_REQUEST 8
#define RLM_RMI_EXIT_DEV_MEM_MAP 9
#define RLM_RMI_EXIT_VDEV_P2P_BINDING 10

/* ---- RmiRmmConfig (RMM_CONFIG_SET / RMM_CONFIG_GET) ------------------- */
#define RLM_RMI2_RMM_CONFIG_TRACKING_REGION_SIZE_OFF 0x000 /* u64 */
#define RLM_RMI2_RMM_CONFIG_GRANULE_SIZE_OFF 0x008         /* u64 RmiGranuleSize */
#define RLM_RMI2_RMM_CONFIG_SIZE 0x1000
#define RLM_RMI_GRANULE_SIZE_4KB 0
#define RLM_RMI_GRANULE_SIZE_16KB 1
#define RLM_RMI_GRANULE_SIZE_64KB 2

struct rlm_realm_params2 {
	uint64_t flags0;        /* RLM_RMI_REALM_FLAGS0_* (measured) */
	uint32_t s2sz;
	uint32_t sve_vl;
	uint32_t num_bps;
	uint32_t num_wps;
	uint32_t pmu_num_ctrs;
	uint8_t hash_algo;      /* RLM_RMI_HASH_* (SHA-384 = 2 allowed) */
	uint32_t num_aux_planes;
	uint8_t rpv[RLM_RPV_SIZE];
	uint64_t ats_plane;
	uint64_t rtt_base;
	int64_t rtt_level_start;
	uint32_t rtt_num_start;
	uint64_t flags1;        /* RLM_RMI_REALM_FLAGS1_* */
	uint64_t aux_rtt_base[RLM_RMI2_MAX_AUX_PLANES];
};

struct rlm_rec_params2 {
	uint64_t flags;         /* RLM_REC_PARAMS_FLAG_* */
	uint64_t mpidr;
	uint64_t pc;
	uint64_t gprs[RLM_REC_CREATE_NR_GPRS];
};

struct rlm_rec_enter2 {
	uint64_t flags;         /* RLM_RMI2_REC_ENTER_FLAG_* */
	uint64_t gprs[RLM_REC_RUN_GPRS];
};

struct rlm_rec_exit2 {
	uint8_t exit_reason;    /* RLM_RMI_EXIT_* */
	uint64_t esr, far, hpfar;
	uint64_t rtt_tree;
	int64_t rtt_level;
	uint64_t gprs[RLM_REC_RUN_GPRS];
	uint64_t cntp_ctl, cntp_cval, cntv_ctl, cntv_cval;
	uint64_t ripas_base, ripas_top;
	uint8_t ripas_value;
	uint64_t s2ap_base, s2ap_top;
	uint64_t vdev_id_1, vdev_id_2;
	uint64_t dev_mem_base, dev_mem_top, dev_mem_pa;
	uint32_t imm;
	uint64_t plane;
	uint64_t pmu_ovf_status;
};

struct rlm_rmm_config2 {
	uint64_t tracking_region_size; /* RMI_GRAN_*_TRACKING_REGION_SIZE_* */
	uint64_t granule_size;         /* RLM_RMI_GRANULE_SIZE_* */
};

/*
 * As realm/pack.h: buf holds at least the page's RLM_RMI2_*_SIZE bytes
 * (RLM_ENOSPC otherwise), RLM_EINVAL for NULL pointers.  pack() writes
 * every byte (reserved ones zero); unpack() reads the defined fields.
 * rlm_pack_realm_params2 refuses (RLM_EINVAL) num_aux_planes above
 * RLM_RMI2_MAX_AUX_PLANES and flags0/flags1 bits the 2.0 format does not
 * define: such a page would only be refused by the RMM.
 */
int rlm_pack_realm_params2(const struct rlm_realm_params2 *p, uint8_t *buf, size_t len);
int rlm_unpack_realm_params2(struct rlm_realm_params2 *p, const uint8_t *buf, size_t len);
int rlm_pack_rec_params2(const struct rlm_rec_params2 *p, uint8_t *buf, size_t len);
int rlm_unpack_rec_params2(struct rlm_rec_params2 *p, const uint8_t *buf, size_t len);
int rlm_pack_rec_enter2(const struct rlm_rec_enter2 *p, uint8_t *buf, size_t len);
int rlm_unpack_rec_enter2(struct rlm_rec_enter2 *p, const uint8_t *buf, size_t len);
int rlm_pack_rec_exit2(const struct rlm_rec_exit2 *p, uint8_t *buf, size_t len);
int rlm_unpack_rec_exit2(struct rlm_rec_exit2 *p, const uint8_t *buf, size_t len);
int rlm_pack_rmm_config2(const struct rlm_rmm_config2 *p, uint8_t *buf, size_t len);
int rlm_unpack_rmm_config2(struct rlm_rmm_config2 *p, const uint8_t *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* RLM_PACK2_H */
