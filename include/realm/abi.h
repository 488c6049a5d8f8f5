/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 1.0 and RSI 1.0 ABI: function IDs, statuses, feature-register fields,
 * RIPAS / RTT-entry / exit-reason / flag values and the byte layouts of the
 * parameter pages.  Names are the Linux kernel's (arch/arm64/include/asm/
 * rmi_smc.h and rsi_smc.h) with RLM_ in front.  Values: RMM specification
 * DEN0137 1.0-rel0, checked against TF-RMM rmm-spec-v1.0-rel0
 * lib/smc/include/smc-rmi.h and smc-rsi.h, and Linux rmi_smc.h / rsi_smc.h.
 *
 * Layouts are described by offsets, not C structs of the wire format: the
 * pages are packed byte by byte (see realm/pack.h).
 */
#ifndef RLM_ABI_H
#define RLM_ABI_H

#include <realm/env.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RLM_BIT(n) (UINT64_C(1) << (n))
/* Mask of bits [h:l] */
#define RLM_GENMASK(h, l) \
	((~UINT64_C(0) >> (63 - (h))) & (~UINT64_C(0) << (l)))
/* Field helpers for SHIFT/WIDTH pairs */
#define RLM_FIELD_GET(mask, v) (((uint64_t)(v) & (mask)) >> rlm_ctz64_(mask))
#define RLM_FIELD_PREP(mask, v) (((uint64_t)(v) << rlm_ctz64_(mask)) & (mask))

static inline unsigned int rlm_ctz64_(uint64_t m)
{
	unsigned int n = 0;

	if (!m)
		return 0;
	while (!(m & 1)) {
		m >>= 1;
		n++;
	}
	return n;
}

#define RLM_GRANULE_SHIFT 12
#define RLM_GRANULE_SIZE (UINT64_C(1) << RLM_GRANULE_SHIFT)
#define RLM_GRANULE_MASK (RLM_GRANULE_SIZE - 1)

/* ---- SMCCC ------------------------------------------------------------ */

#define RLM_SMCCC_FAST_CALL RLM_BIT(31)
#define RLM_SMCCC_SMC_64 RLM_BIT(30)
#define RLM_SMCCC_OWNER_STANDARD (UINT64_C(4) << 24)
#define RLM_SMCCC_NOT_SUPPORTED UINT64_C(0xffffffffffffffff) /* -1 */
/* SMCCC_VERSION (Arm DEN0028): answers 0x10001 for 1.1, 0x10002 for 1.2 */
#define RLM_SMCCC_VERSION_FID UINT64_C(0x80000000)
#define RLM_SMCCC_ARCH_FEATURES_FID UINT64_C(0x80000001)
#define RLM_SMCCC_VERSION_1_1 UINT64_C(0x10001)
#define RLM_SMCCC_VERSION_1_2 UINT64_C(0x10002)

#define RLM_SMC_RMI_CALL(n) \
	(RLM_SMCCC_FAST_CALL | RLM_SMCCC_SMC_64 | RLM_SMCCC_OWNER_STANDARD | (n))
#define RLM_SMC_RSI_FID(n) RLM_SMC_RMI_CALL(n)

/* ---- RMI 1.0 function IDs -------------------------------------------- */

#define RLM_SMC_RMI_VERSION RLM_SMC_RMI_CALL(0x0150)
#define RLM_SMC_RMI_GRANULE_DELEGATE RLM_SMC_RMI_CALL(0x0151)
#define RLM_SMC_RMI_GRANULE_UNDELEGATE RLM_SMC_RMI_CALL(0x0152)
#define RLM_SMC_RMI_DATA_CREATE RLM_SMC_RMI_CALL(0x0153)
#define RLM_SMC_RMI_DATA_CREATE_UNKNOWN RLM_SMC_RMI_CALL(0x0154)
#define RLM_SMC_RMI_DATA_DESTROY RLM_SMC_RMI_CALL(0x0155)
#define RLM_SMC_RMI_REALM_ACTIVATE RLM_SMC_RMI_CALL(0x0157)
#define RLM_SMC_RMI_REALM_CREATE RLM_SMC_RMI_CALL(0x0158)
#define RLM_SMC_RMI_REALM_DESTROY RLM_SMC_RMI_CALL(0x0159)
#define RLM_SMC_RMI_REC_CREATE RLM_SMC_RMI_CALL(0x015a)
#define RLM_SMC_RMI_REC_DESTROY RLM_SMC_RMI_CALL(0x015b)
#define RLM_SMC_RMI_REC_ENTER RLM_SMC_RMI_CALL(0x015c)
#define RLM_SMC_RMI_RTT_CREATE RLM_SMC_RMI_CALL(0x015d)
#define RLM_SMC_RMI_RTT_DESTROY RLM_SMC_RMI_CALL(0x015e)
#define RLM_SMC_RMI_RTT_MAP_UNPROTECTED RLM_SMC_RMI_CALL(0x015f)
#define RLM_SMC_RMI_RTT_READ_ENTRY RLM_SMC_RMI_CALL(0x0161)
#define RLM_SMC_RMI_RTT_UNMAP_UNPROTECTED RLM_SMC_RMI_CALL(0x0162)
#define RLM_SMC_RMI_PSCI_COMPLETE RLM_SMC_RMI_CALL(0x0164)
#define RLM_SMC_RMI_FEATURES RLM_SMC_RMI_CALL(0x0165)
#define RLM_SMC_RMI_RTT_FOLD RLM_SMC_RMI_CALL(0x0166)
#define RLM_SMC_RMI_REC_AUX_COUNT RLM_SMC_RMI_CALL(0x0167)
#define RLM_SMC_RMI_RTT_INIT_RIPAS RLM_SMC_RMI_CALL(0x0168)
#define RLM_SMC_RMI_RTT_SET_RIPAS RLM_SMC_RMI_CALL(0x0169)

/*
 * The RMI 1.0 commands, one row each, in FID order: the one list that the
 * library, the mock RMM, the trace runner and realmctl are built from.
 *   X(NAME, verb, in, out)
 * NAME  the FID is RLM_SMC_RMI_<NAME>, the specification's name RMI_<NAME>;
 * verb  the same name in lower case (the trace format's command);
 * in    argument registers: X1..X<in>;
 * out   result registers besides the status in X0: X1..X<out>.
 * Registers: DEN0137 1.0-rel0 B4.3 (the command definitions).
 */
#define RLM_RMI_COMMANDS(X) \
	X(VERSION, version, 1, 2) \
	X(GRANULE_DELEGATE, granule_delegate, 1, 0) \
	X(GRANULE_UNDELEGATE, granule_undelegate, 1, 0) \
	X(DATA_CREATE, data_create, 5, 0) \
	X(DATA_CREATE_UNKNOWN, data_create_unknown, 3, 0) \
	X(DATA_DESTROY, data_destroy, 2, 2) \
	X(REALM_ACTIVATE, realm_activate, 1, 0) \
	X(REALM_CREATE, realm_create, 2, 0) \
	X(REALM_DESTROY, realm_destroy, 1, 0) \
	X(REC_CREATE, rec_create, 3, 0) \
	X(REC_DESTROY, rec_destroy, 1, 0) \
	X(REC_ENTER, rec_enter, 2, 0) \
	X(RTT_CREATE, rtt_create, 4, 0) \
	X(RTT_DESTROY, rtt_destroy, 3, 2) \
	X(RTT_MAP_UNPROTECTED, rtt_map_unprotected, 4, 0) \
	X(RTT_READ_ENTRY, rtt_read_entry, 3, 4) \
	X(RTT_UNMAP_UNPROTECTED, rtt_unmap_unprotected, 3, 1) \
	X(PSCI_COMPLETE, psci_complete, 3, 0) \
	X(FEATURES, features, 1, 1) \
	X(RTT_FOLD, rtt_fold, 3, 1) \
	X(REC_AUX_COUNT, rec_aux_count, 1, 1) \
	X(RTT_INIT_RIPAS, rtt_init_ripas, 3, 1) \
	X(RTT_SET_RIPAS, rtt_set_ripas, 4, 1)

/* FIDs of the table above span [FIRST, LAST] (with gaps). */
#define RLM_SMC_RMI_FIRST RLM_SMC_RMI_VERSION
#define RLM_SMC_RMI_LAST RLM_SMC_RMI_RTT_SET_RIPAS

#define RLM_RMI_ABI_MAJOR_VERSION 1
#define RLM_RMI_ABI_MINOR_VERSION 0
#define RLM_RMI_ABI_VERSION_GET_MAJOR(v) ((uint64_t)(v) >> 16)
#define RLM_RMI_ABI_VERSION_GET_MINOR(v) ((uint64_t)(v) & 0xFFFF)
#define RLM_RMI_ABI_VERSION(major, minor) \
	(((uint64_t)(major) << 16) | (uint64_t)(minor))

/* ---- RMI return values ------------------------------------------------- */

#define RLM_RMI_RETURN_STATUS(ret) ((uint64_t)(ret) & 0xFF)
#define RLM_RMI_RETURN_INDEX(ret) (((uint64_t)(ret) >> 8) & 0xFF)
#define RLM_RMI_RETURN(status, index) \
	((uint64_t)(status) | ((uint64_t)(index) & 0xFF) << 8)

#define RLM_RMI_SUCCESS 0
#define RLM_RMI_ERROR_INPUT 1
#define RLM_RMI_ERROR_REALM 2
#define RLM_RMI_ERROR_REC 3
#define RLM_RMI_ERROR_RTT 4
#define RLM_RMI_ERROR_COUNT_1_0 5 /* statuses defined by RMM 1.0 */
/* RMM 1.1 and later */
#define RLM_RMI_ERROR_NOT_SUPPORTED 5
#define RLM_RMI_ERROR_DEVICE 6
#define RLM_RMI_ERROR_RTT_AUX 7
/* RMM 2.0 */
#define RLM_RMI_ERROR_PSMMU_ST 8
#define RLM_RMI_ERROR_DPT 9
#define RLM_RMI_BUSY 10
#define RLM_RMI_ERROR_GLOBAL 11
#define RLM_RMI_ERROR_TRACKING 12
#define RLM_RMI_INCOMPLETE 13
#define RLM_RMI_BLOCKED 14
#define RLM_RMI_ERROR_GPT 15
#define RLM_RMI_ERROR_GRANULE 16

/*
 * The RMI statuses, one row each, in value order from 0 (every value up to
 * the last has a row): X(NAME), the value is RLM_RMI_<NAME>, the name
 * RMI_<NAME>.  1.0 defines the first five; the rest come from later
 * versions and are named so that a newer RMM's answer prints readably.
 */
#define RLM_RMI_STATUSES(X) \
	X(SUCCESS) X(ERROR_INPUT) X(ERROR_REALM) X(ERROR_REC) X(ERROR_RTT) \
	X(ERROR_NOT_SUPPORTED) X(ERROR_DEVICE) X(ERROR_RTT_AUX) \
	X(ERROR_PSMMU_ST) X(ERROR_DPT) X(BUSY) X(ERROR_GLOBAL) \
	X(ERROR_TRACKING) X(INCOMPLETE) X(BLOCKED) X(ERROR_GPT) \
	X(ERROR_GRANULE)
#define RLM_RMI_STATUS_LAST RLM_RMI_ERROR_GRANULE

/* REC_ENTER's RMI_ERROR_REALM index */
#define RLM_RMI_REALM_ERROR_NEW 0
#define RLM_RMI_REALM_ERROR_SYSTEM_OFF 1

/* ---- RIPAS and RTT entries ------------------------------------------- */

#define RLM_RIPAS_EMPTY 0
#define RLM_RIPAS_RAM 1
#define RLM_RIPAS_DESTROYED 2
#define RLM_RIPAS_DEV 3 /* RMM 1.1 */
/* The kernel's RMI-side names for the same values */
#define RLM_RMI_EMPTY RLM_RIPAS_EMPTY
#define RLM_RMI_RAM RLM_RIPAS_RAM
#define RLM_RMI_DESTROYED RLM_RIPAS_DESTROYED
#define RLM_RMI_DEV RLM_RIPAS_DEV
/* ... and the guest (RSI) names */
#define RLM_RSI_RIPAS_EMPTY RLM_RIPAS_EMPTY
#define RLM_RSI_RIPAS_RAM RLM_RIPAS_RAM
#define RLM_RSI_RIPAS_DESTROYED RLM_RIPAS_DESTROYED
#define RLM_RSI_RIPAS_DEV RLM_RIPAS_DEV

#define RLM_RMI_UNASSIGNED 0
#define RLM_RMI_ASSIGNED 1
#define RLM_RMI_TABLE 2

#define RLM_RMI_NO_MEASURE_CONTENT 0
#define RLM_RMI_MEASURE_CONTENT 1

/* RmiFeature */
#define RLM_RMI_FEATURE_FALSE 0
#define RLM_RMI_FEATURE_TRUE 1

/* RmiResponse (RmiRecEnter.flags.ripas_response) */
#define RLM_RMI_ACCEPT 0
#define RLM_RMI_REJECT 1

/* RmiPmuOverflowStatus (RmiRecExit.pmu_ovf_status) */
#define RLM_RMI_PMU_OVERFLOW_NOT_ACTIVE 0
#define RLM_RMI_PMU_OVERFLOW_ACTIVE 1

#define RLM_RTT_MIN_LEVEL 0
#define RLM_RTT_MIN_LEVEL_LPA2 (-1)
#define RLM_RTT_MAX_LEVEL 3
#define RLM_RTT_PAGE_LEVEL 3
#define RLM_RTT_MIN_BLOCK_LEVEL 1
#define RLM_RTT_ENTRIES 512
#define RLM_RTT_MAX_NUM_START 16

/* ---- Feature register 0 ---------------------------------------------- */

#define RLM_RMI_FEATURE_REGISTER_0_INDEX 0
#define RLM_RMI_FEATURE_REGISTER_0_S2SZ RLM_GENMASK(7, 0)
#define RLM_RMI_FEATURE_REGISTER_0_LPA2 RLM_BIT(8)
#define RLM_RMI_FEATURE_REGISTER_0_SVE_EN RLM_BIT(9)
#define RLM_RMI_FEATURE_REGISTER_0_SVE_VL RLM_GENMASK(13, 10)
#define RLM_RMI_FEATURE_REGISTER_0_NUM_BPS RLM_GENMASK(19, 14)
#define RLM_RMI_FEATURE_REGISTER_0_NUM_WPS RLM_GENMASK(25, 20)
#define RLM_RMI_FEATURE_REGISTER_0_PMU_EN RLM_BIT(26)
#define RLM_RMI_FEATURE_REGISTER_0_PMU_NUM_CTRS RLM_GENMASK(31, 27)
#define RLM_RMI_FEATURE_REGISTER_0_HASH_SHA_256 RLM_BIT(32)
#define RLM_RMI_FEATURE_REGISTER_0_HASH_SHA_512 RLM_BIT(33)
#define RLM_RMI_FEATURE_REGISTER_0_GICV3_NUM_LRS RLM_GENMASK(37, 34)
#define RLM_RMI_FEATURE_REGISTER_0_MAX_RECS_ORDER RLM_GENMASK(41, 38)

/* ---- RmiRealmParams ---------------------------------------------------- */

#define RLM_RMI_REALM_PARAM_FLAG_LPA2 RLM_BIT(0)
#define RLM_RMI_REALM_PARAM_FLAG_SVE RLM_BIT(1)
#define RLM_RMI_REALM_PARAM_FLAG_PMU RLM_BIT(2)

#define RLM_RMI_HASH_SHA_256 0
#define RLM_RMI_HASH_SHA_512 1
#define RLM_RMI_HASH_SHA_384 2 /* RMM 2.0 */

#define RLM_RPV_SIZE 64

#define RLM_REALM_PARAMS_FLAGS_OFF 0x000         /* u64 */
#define RLM_REALM_PARAMS_S2SZ_OFF 0x008          /* u32 in a u64 slot */
#define RLM_REALM_PARAMS_SVE_VL_OFF 0x010        /* u32 in a u64 slot */
#define RLM_REALM_PARAMS_NUM_BPS_OFF 0x018       /* u32 in a u64 slot */
#define RLM_REALM_PARAMS_NUM_WPS_OFF 0x020       /* u32 in a u64 slot */
#define RLM_REALM_PARAMS_PMU_NUM_CTRS_OFF 0x028  /* u32 in a u64 slot */
#define RLM_REALM_PARAMS_HASH_ALGO_OFF 0x030     /* u8 */
#define RLM_REALM_PARAMS_RPV_OFF 0x400           /* u8[64] */
#define RLM_REALM_PARAMS_VMID_OFF 0x800          /* u16 */
#define RLM_REALM_PARAMS_RTT_BASE_OFF 0x808      /* u64 */
#define RLM_REALM_PARAMS_RTT_LEVEL_START_OFF 0x810 /* s64 */
#define RLM_REALM_PARAMS_RTT_NUM_START_OFF 0x818 /* u32 */
#define RLM_REALM_PARAMS_SIZE 0x1000

/* ---- RmiRecParams ------------------------------------------------------ */

#define RLM_REC_PARAMS_FLAG_RUNNABLE RLM_BIT(0)
#define RLM_REC_CREATE_NR_GPRS 8
#define RLM_REC_PARAMS_AUX_GRANULES 16
#define RLM_REC_AUX_COUNT_TFRMM 16 /* what TF-RMM 1.0 asks for */

/*
 * RmiRecMpidr (TF-RMM rmm-spec-v1.0-rel0 lib/arch/include/arch.h
 * RMI_MPIDR_AFF<n>): Aff0[3:0] (GICv3: 16 RECs per cluster), Aff1[15:8],
 * Aff2[23:16], Aff3[31:24]; every other bit is zero.  The REC index is
 * Aff3:Aff2:Aff1:Aff0[3:0] (RECs are created in ascending index order).
 */
#define RLM_RMI_MPIDR_AFF0 RLM_GENMASK(3, 0)
#define RLM_RMI_MPIDR_AFF1 RLM_GENMASK(15, 8)
#define RLM_RMI_MPIDR_AFF2 RLM_GENMASK(23, 16)
#define RLM_RMI_MPIDR_AFF3 RLM_GENMASK(31, 24)
#define RLM_RMI_MPIDR_VALID_MASK \
	(RLM_RMI_MPIDR_AFF0 | RLM_RMI_MPIDR_AFF1 | RLM_RMI_MPIDR_AFF2 | \
	 RLM_RMI_MPIDR_AFF3)

#define RLM_REC_PARAMS_FLAGS_OFF 0x000   /* u64 */
#define RLM_REC_PARAMS_MPIDR_OFF 0x100   /* u64 */
#define RLM_REC_PARAMS_PC_OFF 0x200      /* u64 */
#define RLM_REC_PARAMS_GPRS_OFF 0x300    /* u64[8] */
#define RLM_REC_PARAMS_NUM_AUX_OFF 0x800 /* u64 */
#define RLM_REC_PARAMS_AUX_OFF 0x808     /* u64[16] */
#define RLM_REC_PARAMS_SIZE 0x1000

/* ---- RmiRecRun = RmiRecEnter + RmiRecExit ------------------------------ */

#define RLM_REC_ENTER_FLAG_EMULATED_MMIO RLM_BIT(0)
#define RLM_REC_ENTER_FLAG_INJECT_SEA RLM_BIT(1)
#define RLM_REC_ENTER_FLAG_TRAP_WFI RLM_BIT(2)
#define RLM_REC_ENTER_FLAG_TRAP_WFE RLM_BIT(3)
#define RLM_REC_ENTER_FLAG_RIPAS_RESPONSE RLM_BIT(4)
#define RLM_REC_ENTER_FLAGS_ALL_1_0 RLM_GENMASK(4, 0)

#define RLM_REC_RUN_GPRS 31
#define RLM_REC_MAX_GIC_NUM_LRS 16

#define RLM_REC_RUN_ENTER_OFF 0x000
#define RLM_REC_RUN_EXIT_OFF 0x800
#define RLM_REC_RUN_SIZE 0x1000

/* Offsets inside the RmiRecEnter half */
#define RLM_REC_ENTER_FLAGS_OFF 0x000      /* u64 */
#define RLM_REC_ENTER_GPRS_OFF 0x200       /* u64[31] */
#define RLM_REC_ENTER_GICV3_HCR_OFF 0x300  /* u64 */
/* The ICH_HCR_EL2 bits a host may set in RmiRecEnter.gicv3_hcr (UIE,
 * LRENPIE, NPIE, VGrp0EIE, VGrp0DIE, VGrp1EIE, VGrp1DIE, TDIR): TF-RMM
 * rmm-spec-v1.0-rel0 lib/gic ICH_HCR_EL2_NS_MASK; REC_ENTER fails on any
 * other. */
#define RLM_REC_ENTER_GICV3_HCR_HOST (RLM_GENMASK(7, 1) | RLM_BIT(14))
#define RLM_REC_ENTER_GICV3_LRS_OFF 0x308  /* u64[16] */
#define RLM_REC_ENTER_SIZE 0x800

/* Exit reasons (the kernel's RMI_EXIT_* and the REC_EXIT_REASON_*) */
#define RLM_RMI_EXIT_SYNC 0x00
#define RLM_RMI_EXIT_IRQ 0x01
#define RLM_RMI_EXIT_FIQ 0x02
#define RLM_RMI_EXIT_PSCI 0x03
#define RLM_RMI_EXIT_RIPAS_CHANGE 0x04
#define RLM_RMI_EXIT_HOST_CALL 0x05
#define RLM_RMI_EXIT_SERROR 0x06
#define RLM_REC_EXIT_REASON_SYNC RLM_RMI_EXIT_SYNC
#define RLM_REC_EXIT_REASON_IRQ RLM_RMI_EXIT_IRQ
#define RLM_REC_EXIT_REASON_FIQ RLM_RMI_EXIT_FIQ
#define RLM_REC_EXIT_REASON_PSCI RLM_RMI_EXIT_PSCI
#define RLM_REC_EXIT_REASON_RIPAS_CHANGE RLM_RMI_EXIT_RIPAS_CHANGE
#define RLM_REC_EXIT_REASON_HOST_CALL RLM_RMI_EXIT_HOST_CALL
#define RLM_REC_EXIT_REASON_SERROR RLM_RMI_EXIT_SERROR

/* Offsets inside the RmiRecExit half */
#define RLM_REC_EXIT_REASON_OFF 0x000      /* u8 */
#define RLM_REC_EXIT_ESR_OFF 0x100         /* u64 */
#define RLM_REC_EXIT_FAR_OFF 0x108         /* u64 */
#define RLM_REC_EXIT_HPFAR_OFF 0x110       /* u64 */
#define RLM_REC_EXIT_GPRS_OFF 0x200        /* u64[31] */
#define RLM_REC_EXIT_GICV3_HCR_OFF 0x300   /* u64 */
#define RLM_REC_EXIT_GICV3_LRS_OFF 0x308   /* u64[16] */
#define RLM_REC_EXIT_GICV3_MISR_OFF 0x388  /* u64 */
#define RLM_REC_EXIT_GICV3_VMCR_OFF 0x390  /* u64 */
#define RLM_REC_EXIT_CNTP_CTL_OFF 0x400    /* u64 */
#define RLM_REC_EXIT_CNTP_CVAL_OFF 0x408   /* u64 */
#define RLM_REC_EXIT_CNTV_CTL_OFF 0x410    /* u64 */
#define RLM_REC_EXIT_CNTV_CVAL_OFF 0x418   /* u64 */
#define RLM_REC_EXIT_RIPAS_BASE_OFF 0x500  /* u64 */
#define RLM_REC_EXIT_RIPAS_TOP_OFF 0x508   /* u64 */
#define RLM_REC_EXIT_RIPAS_VALUE_OFF 0x510 /* u8 */
#define RLM_REC_EXIT_IMM_OFF 0x600         /* u16 */
#define RLM_REC_EXIT_PMU_OVF_STATUS_OFF 0x700 /* u8 */
#define RLM_REC_EXIT_SIZE 0x800

/* ---- RSI 1.0 ----------------------------------------------------------- */

#define RLM_RSI_ABI_VERSION_MAJOR 1
#define RLM_RSI_ABI_VERSION_MINOR 0
#define RLM_RSI_ABI_VERSION \
	(((uint64_t)RLM_RSI_ABI_VERSION_MAJOR << 16) | RLM_RSI_ABI_VERSION_MINOR)
#define RLM_RSI_ABI_VERSION_GET_MAJOR(v) ((uint64_t)(v) >> 16)
#define RLM_RSI_ABI_VERSION_GET_MINOR(v) ((uint64_t)(v) & 0xFFFF)

#define RLM_RSI_SUCCESS 0
#define RLM_RSI_ERROR_INPUT 1
#define RLM_RSI_ERROR_STATE 2
#define RLM_RSI_INCOMPLETE 3
#define RLM_RSI_ERROR_UNKNOWN 4

/* The RSI statuses, as RLM_RMI_STATUSES: X(NAME), value RLM_RSI_<NAME>. */
#define RLM_RSI_STATUSES(X) \
	X(SUCCESS) X(ERROR_INPUT) X(ERROR_STATE) X(INCOMPLETE) X(ERROR_UNKNOWN)
#define RLM_RSI_STATUS_LAST RLM_RSI_ERROR_UNKNOWN

#define RLM_SMC_RSI_ABI_VERSION RLM_SMC_RSI_FID(0x190)
#define RLM_SMC_RSI_VERSION RLM_SMC_RSI_ABI_VERSION
#define RLM_SMC_RSI_FEATURES RLM_SMC_RSI_FID(0x191)
#define RLM_SMC_RSI_MEASUREMENT_READ RLM_SMC_RSI_FID(0x192)
#define RLM_SMC_RSI_MEASUREMENT_EXTEND RLM_SMC_RSI_FID(0x193)
#define RLM_SMC_RSI_ATTESTATION_TOKEN_INIT RLM_SMC_RSI_FID(0x194)
#define RLM_SMC_RSI_ATTESTATION_TOKEN_CONTINUE RLM_SMC_RSI_FID(0x195)
#define RLM_SMC_RSI_REALM_CONFIG RLM_SMC_RSI_FID(0x196)
#define RLM_SMC_RSI_IPA_STATE_SET RLM_SMC_RSI_FID(0x197)
#define RLM_SMC_RSI_IPA_STATE_GET RLM_SMC_RSI_FID(0x198)
#define RLM_SMC_RSI_HOST_CALL RLM_SMC_RSI_FID(0x199)

/*
 * The RSI 1.0 commands, as RLM_RMI_COMMANDS: X(NAME, verb, in, out), the
 * FID RLM_SMC_RSI_<NAME>, the name RSI_<NAME>.  Registers: DEN0137
 * 1.0-rel0 B5.3 (MEASUREMENT_EXTEND: index, size, then the 64 bytes in
 * X3..X10; MEASUREMENT_READ answers them in X1..X8; TOKEN_INIT takes the
 * challenge in X1..X8).
 */
#define RLM_RSI_COMMANDS(X) \
	X(VERSION, version, 1, 2) \
	X(FEATURES, features, 1, 1) \
	X(MEASUREMENT_READ, measurement_read, 1, 8) \
	X(MEASUREMENT_EXTEND, measurement_extend, 10, 0) \
	X(ATTESTATION_TOKEN_INIT, attestation_token_init, 8, 1) \
	X(ATTESTATION_TOKEN_CONTINUE, attestation_token_continue, 3, 1) \
	X(REALM_CONFIG, realm_config, 1, 0) \
	X(IPA_STATE_SET, ipa_state_set, 4, 2) \
	X(IPA_STATE_GET, ipa_state_get, 2, 2) \
	X(HOST_CALL, host_call, 1, 0)

#define RLM_RSI_NO_CHANGE_DESTROYED 0
#define RLM_RSI_CHANGE_DESTROYED 1
#define RLM_RSI_ACCEPT 0
#define RLM_RSI_REJECT 1

/* Measurement slots */
#define RLM_MEASUREMENT_SLOTS 5          /* RIM + 4 REMs */
#define RLM_MEASUREMENT_RIM 0
#define RLM_MEASUREMENT_REM0 1
#define RLM_MEASUREMENT_REM1 2
#define RLM_MEASUREMENT_REM2 3
#define RLM_MEASUREMENT_REM3 4
#define RLM_MEASUREMENT_MAX_SIZE 64      /* bytes in X1..X8 / X3..X10 */
#define RLM_CHALLENGE_SIZE 64            /* bytes in X1..X8 of TOKEN_INIT */
#define RLM_CHALLENGE_MIN_SIZE 32        /* Linux arm-cca-guest's minimum */

/* RsiRealmConfig (4 KiB) */
#define RLM_RSI_REALM_CONFIG_IPA_WIDTH_OFF 0x000 /* u64 */
#define RLM_RSI_REALM_CONFIG_HASH_ALGO_OFF 0x008 /* u8 */
#define RLM_RSI_REALM_CONFIG_RPV_OFF 0x200       /* u8[64] */
#define RLM_RSI_REALM_CONFIG_SIZE 0x1000
#define RLM_RSI_HASH_SHA_256 0
#define RLM_RSI_HASH_SHA_512 1

/* RsiHostCall (256 bytes, 256-byte aligned, inside one granule) */
#define RLM_RSI_HOST_CALL_NR_GPRS 31
#define RLM_RSI_HOST_CALL_IMM_OFF 0x000  /* u16 */
#define RLM_RSI_HOST_CALL_GPRS_OFF 0x008 /* u64[31] */
#define RLM_RSI_HOST_CALL_SIZE 0x100

/* ---- PSCI (what a realm calls and the host completes) ------------------ */

#define RLM_PSCI_VERSION 0x84000000
#define RLM_PSCI_CPU_SUSPEND_AARCH64 0xC4000001
#define RLM_PSCI_CPU_OFF 0x84000002
#define RLM_PSCI_CPU_ON_AARCH64 0xC4000003
#define RLM_PSCI_AFFINITY_INFO_AARCH64 0xC4000004
#define RLM_PSCI_SYSTEM_OFF 0x84000008
#define RLM_PSCI_SYSTEM_RESET 0x84000009
#define RLM_PSCI_FEATURES 0x8400000A

#define RLM_PSCI_RET_SUCCESS 0
#define RLM_PSCI_RET_NOT_SUPPORTED (-1)
#define RLM_PSCI_RET_INVALID_PARAMS (-2)
#define RLM_PSCI_RET_DENIED (-3)
#define RLM_PSCI_RET_ALREADY_ON (-4)
#define RLM_PSCI_RET_ON_PENDING (-5)
#define RLM_PSCI_RET_INTERNAL_FAILURE (-6)
#define RLM_PSCI_RET_NOT_PRESENT (-7)
#define RLM_PSCI_RET_DISABLED (-8)
#define RLM_PSCI_RET_INVALID_ADDRESS (-9)

#define RLM_PSCI_AFFINITY_ON 0
#define RLM_PSCI_AFFINITY_OFF 1
#define RLM_PSCI_AFFINITY_ON_PENDING 2

#ifdef __cplusplus
}
#endif

#endif /* RLM_ABI_H */
