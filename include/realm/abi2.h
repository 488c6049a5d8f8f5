/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMI 2.0 (beta) ABI tables: function IDs, the command table, the return
 * encoding of RMI_INCOMPLETE, the donation request, realm flags and the
 * FEATURES registers 0..4.  2.0 is still a beta: every number here is
 * checked against TF-RMM at one pinned commit,
 *   TF-RMM main 9a7f8ef46378320ad69140a42e51c1ccf5914661 (2026-07-22)
 *   lib/smc/include/smc-rmi.h (FIDs, fields) and runtime/core/handler.c
 *   (argument / result register counts),
 * (Arm DEN0137 2.0 beta).  A beta change is an edit of one table here.
 * The statuses 0..16 are RLM_RMI_STATUSES in realm/abi.h (2.0 defines all).
 */
#ifndef RLM_ABI2_H
#define RLM_ABI2_H

#include <realm/abi.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RLM_RMI_ABI_VERSION_2_0 RLM_RMI_ABI_VERSION(2, 0) /* 0x20000 */

/* ---- RMI 2.0 function IDs -------------------------------------------- */

#define RLM_SMC_RMI2_VERSION RLM_SMC_RMI_CALL(0x0150)
#define RLM_SMC_RMI2_RTT_DATA_MAP_INIT RLM_SMC_RMI_CALL(0x0153)
#define RLM_SMC_RMI2_REALM_ACTIVATE RLM_SMC_RMI_CALL(0x0157)
#define RLM_SMC_RMI2_REALM_CREATE RLM_SMC_RMI_CALL(0x0158)
#define RLM_SMC_RMI2_REALM_DESTROY RLM_SMC_RMI_CALL(0x0159)
#define RLM_SMC_RMI2_REC_CREATE RLM_SMC_RMI_CALL(0x015a)
#define RLM_SMC_RMI2_REC_DESTROY RLM_SMC_RMI_CALL(0x015b)
#define RLM_SMC_RMI2_REC_ENTER RLM_SMC_RMI_CALL(0x015c)
#define RLM_SMC_RMI2_RTT_CREATE RLM_SMC_RMI_CALL(0x015d)
#define RLM_SMC_RMI2_RTT_DESTROY RLM_SMC_RMI_CALL(0x015e)
#define RLM_SMC_RMI2_RTT_READ_ENTRY RLM_SMC_RMI_CALL(0x0161)
#define RLM_SMC_RMI2_RTT_DEV_VALIDATE RLM_SMC_RMI_CALL(0x0163)
#define RLM_SMC_RMI2_PSCI_COMPLETE RLM_SMC_RMI_CALL(0x0164)
#define RLM_SMC_RMI2_FEATURES RLM_SMC_RMI_CALL(0x0165)
#define RLM_SMC_RMI2_RTT_FOLD RLM_SMC_RMI_CALL(0x0166)
#define RLM_SMC_RMI2_RTT_INIT_RIPAS RLM_SMC_RMI_CALL(0x0168)
#define RLM_SMC_RMI2_RTT_SET_RIPAS RLM_SMC_RMI_CALL(0x0169)
#define RLM_SMC_RMI2_VSMMU_CREATE RLM_SMC_RMI_CALL(0x016a)
#define RLM_SMC_RMI2_VSMMU_DESTROY RLM_SMC_RMI_CALL(0x016b)
#define RLM_SMC_RMI2_VSMMU_MAP RLM_SMC_RMI_CALL(0x016c)
#define RLM_SMC_RMI2_VSMMU_UNMAP RLM_SMC_RMI_CALL(0x016d)
#define RLM_SMC_RMI2_RMM_CONFIG_SET RLM_SMC_RMI_CALL(0x016e)
#define RLM_SMC_RMI2_PSMMU_IRQ_NOTIFY RLM_SMC_RMI_CALL(0x016f)
#define RLM_SMC_RMI2_PDEV_ABORT RLM_SMC_RMI_CALL(0x0174)
#define RLM_SMC_RMI2_PDEV_COMMUNICATE RLM_SMC_RMI_CALL(0x0175)
#define RLM_SMC_RMI2_PDEV_CREATE RLM_SMC_RMI_CALL(0x0176)
#define RLM_SMC_RMI2_PDEV_DESTROY RLM_SMC_RMI_CALL(0x0177)
#define RLM_SMC_RMI2_PDEV_GET_STATE RLM_SMC_RMI_CALL(0x0178)
#define RLM_SMC_RMI2_PDEV_STREAM_KEY_REFRESH RLM_SMC_RMI_CALL(0x017a)
#define RLM_SMC_RMI2_PDEV_SET_PUBKEY RLM_SMC_RMI_CALL(0x017b)
#define RLM_SMC_RMI2_PDEV_STOP RLM_SMC_RMI_CALL(0x017c)
#define RLM_SMC_RMI2_RTT_AUX_CREATE RLM_SMC_RMI_CALL(0x017d)
#define RLM_SMC_RMI2_RTT_AUX_DESTROY RLM_SMC_RMI_CALL(0x017e)
#define RLM_SMC_RMI2_RTT_AUX_FOLD RLM_SMC_RMI_CALL(0x017f)
#define RLM_SMC_RMI2_RTT_AUX_MAP_PROTECTED RLM_SMC_RMI_CALL(0x0180)
#define RLM_SMC_RMI2_RTT_AUX_MAP_UNPROTECTED RLM_SMC_RMI_CALL(0x0181)
#define RLM_SMC_RMI2_RTT_AUX_UNMAP_PROTECTED RLM_SMC_RMI_CALL(0x0183)
#define RLM_SMC_RMI2_RTT_AUX_UNMAP_UNPROTECTED RLM_SMC_RMI_CALL(0x0184)
#define RLM_SMC_RMI2_VDEV_ABORT RLM_SMC_RMI_CALL(0x0185)
#define RLM_SMC_RMI2_VDEV_COMMUNICATE RLM_SMC_RMI_CALL(0x0186)
#define RLM_SMC_RMI2_VDEV_CREATE RLM_SMC_RMI_CALL(0x0187)
#define RLM_SMC_RMI2_VDEV_DESTROY RLM_SMC_RMI_CALL(0x0188)
#define RLM_SMC_RMI2_VDEV_GET_STATE RLM_SMC_RMI_CALL(0x0189)
#define RLM_SMC_RMI2_VDEV_UNLOCK RLM_SMC_RMI_CALL(0x018a)
#define RLM_SMC_RMI2_RTT_SET_S2AP RLM_SMC_RMI_CALL(0x018b)
#define RLM_SMC_RMI2_VDEV_COMPLETE RLM_SMC_RMI_CALL(0x018e)
#define RLM_SMC_RMI2_VDEV_GET_INTERFACE_REPORT RLM_SMC_RMI_CALL(0x01d0)
#define RLM_SMC_RMI2_VDEV_GET_MEASUREMENTS RLM_SMC_RMI_CALL(0x01d1)
#define RLM_SMC_RMI2_VDEV_LOCK RLM_SMC_RMI_CALL(0x01d2)
#define RLM_SMC_RMI2_VDEV_START RLM_SMC_RMI_CALL(0x01d3)
#define RLM_SMC_RMI2_PSMMU_ACTIVATE RLM_SMC_RMI_CALL(0x01d7)
#define RLM_SMC_RMI2_PSMMU_DEACTIVATE RLM_SMC_RMI_CALL(0x01d8)
#define RLM_SMC_RMI2_PSMMU_ST_L2_CREATE RLM_SMC_RMI_CALL(0x01db)
#define RLM_SMC_RMI2_PSMMU_ST_L2_DESTROY RLM_SMC_RMI_CALL(0x01dc)
#define RLM_SMC_RMI2_GRANULE_TRACKING_GET RLM_SMC_RMI_CALL(0x01e1)
#define RLM_SMC_RMI2_GRANULE_TRACKING_SET RLM_SMC_RMI_CALL(0x01e3)
#define RLM_SMC_RMI2_RMM_CONFIG_GET RLM_SMC_RMI_CALL(0x01ec)
#define RLM_SMC_RMI2_GRANULE_RANGE_DELEGATE RLM_SMC_RMI_CALL(0x01f1)
#define RLM_SMC_RMI2_GRANULE_RANGE_UNDELEGATE RLM_SMC_RMI_CALL(0x01f2)
#define RLM_SMC_RMI2_GPT_L1_CREATE RLM_SMC_RMI_CALL(0x01f3)
#define RLM_SMC_RMI2_GPT_L1_DESTROY RLM_SMC_RMI_CALL(0x01f4)
#define RLM_SMC_RMI2_RTT_DATA_MAP RLM_SMC_RMI_CALL(0x01f5)
#define RLM_SMC_RMI2_RTT_DATA_UNMAP RLM_SMC_RMI_CALL(0x01f6)
#define RLM_SMC_RMI2_RTT_DEV_MAP RLM_SMC_RMI_CALL(0x01f7)
#define RLM_SMC_RMI2_RTT_DEV_UNMAP RLM_SMC_RMI_CALL(0x01f8)
#define RLM_SMC_RMI2_RTT_UNPROT_MAP RLM_SMC_RMI_CALL(0x01fb)
#define RLM_SMC_RMI2_RTT_UNPROT_UNMAP RLM_SMC_RMI_CALL(0x01fc)
#define RLM_SMC_RMI2_REALM_TERMINATE RLM_SMC_RMI_CALL(0x0201)
#define RLM_SMC_RMI2_RMM_ACTIVATE RLM_SMC_RMI_CALL(0x0202)
#define RLM_SMC_RMI2_OP_CONTINUE RLM_SMC_RMI_CALL(0x0203)
#define RLM_SMC_RMI2_PDEV_STREAM_CONNECT RLM_SMC_RMI_CALL(0x0204)
#define RLM_SMC_RMI2_PDEV_STREAM_DISCONNECT RLM_SMC_RMI_CALL(0x0205)
#define RLM_SMC_RMI2_PDEV_STREAM_COMPLETE RLM_SMC_RMI_CALL(0x0206)
#define RLM_SMC_RMI2_PDEV_STREAM_KEY_PURGE RLM_SMC_RMI_CALL(0x0207)
#define RLM_SMC_RMI2_OP_MEM_DONATE RLM_SMC_RMI_CALL(0x0208)
#define RLM_SMC_RMI2_OP_MEM_RECLAIM RLM_SMC_RMI_CALL(0x0209)
#define RLM_SMC_RMI2_OP_CANCEL RLM_SMC_RMI_CALL(0x020a)

/*
 * The RMI 2.0 commands, one row each, in FID order:
 *   X(NAME, verb, in, out)  (as RLM_RMI_COMMANDS in realm/abi.h)
 * NAME is TF-RMM's (FID RLM_SMC_RMI2_<NAME>); in / out are the argument
 * registers X1..X<in> and the result registers besides X0, from TF-RMM's
 * handler table at the pinned commit.  -1: the command has a FID but no
 * handler at the pin (VSMMU_*, PSMMU_IRQ_NOTIFY): registers not yet known.
 * GRANULE_TRACKING_SET and GPT_L1_DESTROY have no handler either; their
 * counts are from smc-rmi.h's command comments.
 */
#define RLM_RMI2_COMMANDS(X) \
	X(VERSION, version, 1, 2) \
	X(RTT_DATA_MAP_INIT, rtt_data_map_init, 5, 0) \
	X(REALM_ACTIVATE, realm_activate, 1, 0) \
	X(REALM_CREATE, realm_create, 2, 0) \
	X(REALM_DESTROY, realm_destroy, 1, 0) \
	X(REC_CREATE, rec_create, 3, 0) \
	X(REC_DESTROY, rec_destroy, 1, 0) \
	X(REC_ENTER, rec_enter, 2, 0) \
	X(RTT_CREATE, rtt_create, 4, 0) \
	X(RTT_DESTROY, rtt_destroy, 3, 2) \
	X(RTT_READ_ENTRY, rtt_read_entry, 3, 4) \
	X(RTT_DEV_VALIDATE, rtt_dev_validate, 4, 1) \
	X(PSCI_COMPLETE, psci_complete, 3, 0) \
	X(FEATURES, features, 1, 1) \
	X(RTT_FOLD, rtt_fold, 3, 1) \
	X(RTT_INIT_RIPAS, rtt_init_ripas, 3, 1) \
	X(RTT_SET_RIPAS, rtt_set_ripas, 4, 1) \
	X(VSMMU_CREATE, vsmmu_create, -1, -1) \
	X(VSMMU_DESTROY, vsmmu_destroy, -1, -1) \
	X(VSMMU_MAP, vsmmu_map, -1, -1) \
	X(VSMMU_UNMAP, vsmmu_unmap, -1, -1) \
	X(RMM_CONFIG_SET, rmm_config_set, 1, 0) \
	X(PSMMU_IRQ_NOTIFY, psmmu_irq_notify, -1, -1) \
	X(PDEV_ABORT, pdev_abort, 1, 0) \
	X(PDEV_COMMUNICATE, pdev_communicate, 2, 0) \
	X(PDEV_CREATE, pdev_create, 2, 0) \
	X(PDEV_DESTROY, pdev_destroy, 1, 0) \
	X(PDEV_GET_STATE, pdev_get_state, 1, 1) \
	X(PDEV_STREAM_KEY_REFRESH, pdev_stream_key_refresh, 3, 0) \
	X(PDEV_SET_PUBKEY, pdev_set_pubkey, 2, 0) \
	X(PDEV_STOP, pdev_stop, 1, 0) \
	X(RTT_AUX_CREATE, rtt_aux_create, 5, 0) \
	X(RTT_AUX_DESTROY, rtt_aux_destroy, 4, 2) \
	X(RTT_AUX_FOLD, rtt_aux_fold, 4, 1) \
	X(RTT_AUX_MAP_PROTECTED, rtt_aux_map_protected, 3, 4) \
	X(RTT_AUX_MAP_UNPROTECTED, rtt_aux_map_unprotected, 3, 3) \
	X(RTT_AUX_UNMAP_PROTECTED, rtt_aux_unmap_protected, 3, 1) \
	X(RTT_AUX_UNMAP_UNPROTECTED, rtt_aux_unmap_unprotected, 3, 2) \
	X(VDEV_ABORT, vdev_abort, 3, 0) \
	X(VDEV_COMMUNICATE, vdev_communicate, 4, 0) \
	X(VDEV_CREATE, vdev_create, 4, 0) \
	X(VDEV_DESTROY, vdev_destroy, 3, 0) \
	X(VDEV_GET_STATE, vdev_get_state, 1, 1) \
	X(VDEV_UNLOCK, vdev_unlock, 3, 1) \
	X(RTT_SET_S2AP, rtt_set_s2ap, 4, 1) \
	X(VDEV_COMPLETE, vdev_complete, 2, 0) \
	X(VDEV_GET_INTERFACE_REPORT, vdev_get_interface_report, 3, 0) \
	X(VDEV_GET_MEASUREMENTS, vdev_get_measurements, 4, 0) \
	X(VDEV_LOCK, vdev_lock, 3, 0) \
	X(VDEV_START, vdev_start, 3, 0) \
	X(PSMMU_ACTIVATE, psmmu_activate, 2, 0) \
	X(PSMMU_DEACTIVATE, psmmu_deactivate, 1, 0) \
	X(PSMMU_ST_L2_CREATE, psmmu_st_l2_create, 2, 0) \
	X(PSMMU_ST_L2_DESTROY, psmmu_st_l2_destroy, 2, 0) \
	X(GRANULE_TRACKING_GET, granule_tracking_get, 2, 3) \
	X(GRANULE_TRACKING_SET, granule_tracking_set, 3, 0) \
	X(RMM_CONFIG_GET, rmm_config_get, 1, 0) \
	X(GRANULE_RANGE_DELEGATE, granule_range_delegate, 2, 1) \
	X(GRANULE_RANGE_UNDELEGATE, granule_range_undelegate, 2, 1) \
	X(GPT_L1_CREATE, gpt_l1_create, 1, 0) \
	X(GPT_L1_DESTROY, gpt_l1_destroy, 1, 0) \
	X(RTT_DATA_MAP, rtt_data_map, 5, 1) \
	X(RTT_DATA_UNMAP, rtt_data_unmap, 5, 3) \
	X(RTT_DEV_MAP, rtt_dev_map, 6, 1) \
	X(RTT_DEV_UNMAP, rtt_dev_unmap, 5, 3) \
	X(RTT_UNPROT_MAP, rtt_unprot_map, 5, 1) \
	X(RTT_UNPROT_UNMAP, rtt_unprot_unmap, 5, 3) \
	X(REALM_TERMINATE, realm_terminate, 1, 0) \
	X(RMM_ACTIVATE, rmm_activate, 0, 0) \
	X(OP_CONTINUE, op_continue, 2, 2) \
	X(PDEV_STREAM_CONNECT, pdev_stream_connect, 1, 1) \
	X(PDEV_STREAM_DISCONNECT, pdev_stream_disconnect, 3, 0) \
	X(PDEV_STREAM_COMPLETE, pdev_stream_complete, 3, 0) \
	X(PDEV_STREAM_KEY_PURGE, pdev_stream_key_purge, 3, 0) \
	X(OP_MEM_DONATE, op_mem_donate, 3, 2) \
	X(OP_MEM_RECLAIM, op_mem_reclaim, 3, 1) \
	X(OP_CANCEL, op_cancel, 1, 0)

#define RLM_SMC_RMI2_FIRST RLM_SMC_RMI2_VERSION
#define RLM_SMC_RMI2_LAST RLM_SMC_RMI2_OP_CANCEL

/* ---- Return encoding (RmiResultDataIncomplete) ----------------------- */

/* X0 bits [7:0] status, [9:8] memory request, bit 10 can-cancel */
#define RLM_RMI2_RETURN_MEM_REQ RLM_GENMASK(9, 8)
#define RLM_RMI2_RETURN_CAN_CANCEL RLM_BIT(10)
/* RmiOpMemReq */
#define RLM_RMI_OP_MEM_REQ_NONE 0
#define RLM_RMI_OP_MEM_REQ_DONATE 1
#define RLM_RMI_OP_MEM_REQ_RECLAIM 2
/* RmiOpCanCancel */
#define RLM_RMI_OP_CANNOT_CANCEL 0
#define RLM_RMI_OP_CAN_CANCEL 1

/* RmiOpMemDonateReq (X2 of an INCOMPLETE asking for a donation) */
#define RLM_RMI_OP_DONATE_BLK_SIZE RLM_GENMASK(1, 0)
#define RLM_RMI_OP_DONATE_BLK_COUNT RLM_GENMASK(15, 2)
#define RLM_RMI_OP_DONATE_MEM_CONTIG RLM_BIT(16)
#define RLM_RMI_OP_DONATE_MEM_STATE RLM_BIT(17)
/* block sizes */
#define RLM_RMI_PAGE_L3 0
#define RLM_RMI_BLOCK_L2 1
#define RLM_RMI_BLOCK_L1 2
#define RLM_RMI_BLOCK_L0 3
#define RLM_RMI_OP_MEM_NON_CONTIG 0
#define RLM_RMI_OP_MEM_CONTIG 1
#define RLM_RMI_OP_MEM_DELEGATED 0
#define RLM_RMI_OP_MEM_UNDELEGATED 1
/* RmiOpMemReclaimFlags, RmiContinueFlags */
#define RLM_RMI_OP_RECLAIM_MEM_STATE RLM_BIT(0)
#define RLM_RMI_CONTINUE_BEYOND_FLAG RLM_BIT(0)
/* RmiAddrType (the output of RTT_*UNMAP) and RmiRttUnmapFlags */
#define RLM_RMI_ADDR_TYPE_NONE 0
#define RLM_RMI_ADDR_TYPE_SINGLE 1
#define RLM_RMI_ADDR_TYPE_LIST 2
#define RLM_RMI_RTT_UNMAP_FLAGS_OADDR_TYPE RLM_GENMASK(1, 0)
#define RLM_RMI_RTT_UNMAP_FLAGS_LIST_COUNT RLM_GENMASK(15, 2)

/* ---- RmiRealmFlags0 / RmiRealmFlags1 --------------------------------- */

#define RLM_RMI_REALM_FLAGS0_LPA2 RLM_BIT(0)
#define RLM_RMI_REALM_FLAGS0_SVE RLM_BIT(1)
#define RLM_RMI_REALM_FLAGS0_PMU RLM_BIT(2)
#define RLM_RMI_REALM_FLAGS0_DA RLM_BIT(3)
#define RLM_RMI_REALM_FLAGS0_MEC_POLICY RLM_GENMASK(8, 7)
#define RLM_RMI_REALM_FLAGS1_RTT_TREE_PP RLM_BIT(0)
#define RLM_RMI_REALM_FLAGS1_S2AP_ENC RLM_BIT(1)
/* Every bit RmiRealmFlags0 / RmiRealmFlags1 define (2.0) */
#define RLM_RMI_REALM_FLAGS0_DEFINED (RLM_RMI_REALM_FLAGS0_LPA2 | \
	RLM_RMI_REALM_FLAGS0_SVE | RLM_RMI_REALM_FLAGS0_PMU | \
	RLM_RMI_REALM_FLAGS0_DA | RLM_RMI_REALM_FLAGS0_MEC_POLICY)
#define RLM_RMI_REALM_FLAGS1_DEFINED (RLM_RMI_REALM_FLAGS1_RTT_TREE_PP | \
	RLM_RMI_REALM_FLAGS1_S2AP_ENC)
#define RLM_RMI_S2AP_DIRECT 0
#define RLM_RMI_S2AP_INDIRECT 1

/* ---- FEATURES registers 0..4 (2.0) ----------------------------------- */

#define RLM_RMI2_FEATURE_REGISTER_0_S2SZ RLM_GENMASK(7, 0)
#define RLM_RMI2_FEATURE_REGISTER_0_LPA2 RLM_BIT(8)
#define RLM_RMI2_FEATURE_REGISTER_0_SVE_EN RLM_BIT(9)
#define RLM_RMI2_FEATURE_REGISTER_0_SVE_VL RLM_GENMASK(13, 10)
#define RLM_RMI2_FEATURE_REGISTER_0_NUM_BPS RLM_GENMASK(19, 14)
#define RLM_RMI2_FEATURE_REGISTER_0_NUM_WPS RLM_GENMASK(25, 20)
#define RLM_RMI2_FEATURE_REGISTER_0_PMU_EN RLM_BIT(26)
#define RLM_RMI2_FEATURE_REGISTER_0_PMU_NUM_CTRS RLM_GENMASK(31, 27)
#define RLM_RMI2_FEATURE_REGISTER_1_GRAN_SZ_4K RLM_BIT(0)
#define RLM_RMI2_FEATURE_REGISTER_1_GRAN_SZ_16K RLM_BIT(1)
#define RLM_RMI2_FEATURE_REGISTER_1_GRAN_SZ_64K RLM_BIT(2)
#define RLM_RMI2_FEATURE_REGISTER_1_HASH_SHA_256 RLM_BIT(3)
#define RLM_RMI2_FEATURE_REGISTER_1_HASH_SHA_384 RLM_BIT(4)
#define RLM_RMI2_FEATURE_REGISTER_1_HASH_SHA_512 RLM_BIT(5)
#define RLM_RMI2_FEATURE_REGISTER_1_MAX_RECS_ORDER RLM_GENMASK(9, 6)
#define RLM_RMI2_FEATURE_REGISTER_1_L0GPTSZ RLM_GENMASK(13, 10)
#define RLM_RMI2_FEATURE_REGISTER_1_PPS RLM_GENMASK(16, 14)
#define RLM_RMI2_FEATURE_REGISTER_2_DA_EN RLM_BIT(0)
#define RLM_RMI2_FEATURE_REGISTER_2_DA_COH RLM_BIT(1)
#define RLM_RMI2_FEATURE_REGISTER_2_VSMMU RLM_BIT(2)
#define RLM_RMI2_FEATURE_REGISTER_2_ATS RLM_BIT(3)
#define RLM_RMI2_FEATURE_REGISTER_2_MAX_VDEVS_ORDER RLM_GENMASK(7, 4)
#define RLM_RMI2_FEATURE_REGISTER_2_VDEV_KROU RLM_BIT(8)
#define RLM_RMI2_FEATURE_REGISTER_2_NON_TEE_STREAM RLM_BIT(9)
#define RLM_RMI2_FEATURE_REGISTER_3_MAX_NUM_AUX_PLANES RLM_GENMASK(3, 0)
#define RLM_RMI2_FEATURE_REGISTER_3_RTT_PLANE RLM_GENMASK(5, 4)
#define RLM_RMI2_FEATURE_REGISTER_3_RTT_S2AP_INDIRECT RLM_BIT(6)
/* register 4: the whole 64 bits are MEC_COUNT */

/* FEATURES registers 0..4 of an RMM 2.0, decoded */
struct rlm_rmi2_features {
	uint8_t s2sz;
	bool lpa2, sve_en, pmu_en;
	uint8_t sve_vl, num_bps, num_wps, pmu_num_ctrs;
	bool gran_4k, gran_16k, gran_64k;
	bool sha_256, sha_384, sha_512;
	uint8_t max_recs_order, l0gptsz, pps;
	bool da_en, da_coh, vsmmu, ats, vdev_krou, non_tee_stream;
	uint8_t max_vdevs_order;
	uint8_t max_num_aux_planes, rtt_plane;
	bool rtt_s2ap_indirect;
	uint64_t mec_count;
};

/* Decode registers reg[0..4]; RLM_EINVAL on a NULL pointer. */
int rlm_rmi2_features_decode(const uint64_t reg[5],
			     struct rlm_rmi2_features *out);

/*
 * Decode an RMI 2.0 X0: status (bits [7:0], must be a defined status
 * 0..16), index (bits [15:8] for statuses other than INCOMPLETE), and for
 * INCOMPLETE the memory request and can-cancel bit.  RLM_ECONDUIT for
 * SMCCC_NOT_SUPPORTED, RLM_EINVAL for an undefined status or set bits
 * outside the encoding.  Any output pointer may be NULL.
 */
int rlm_rmi2_decode(uint64_t x0, uint8_t *status, uint8_t *index,
		    uint8_t *mem_req, bool *can_cancel);

/* Decode an RmiOpMemDonateReq (X2); RLM_EINVAL for reserved bits set. */
int rlm_rmi2_donate_req_decode(uint64_t x2, uint8_t *blk_size,
			       uint16_t *count, bool *contig, uint8_t *state);

/* ---- Tables by version ----------------------------------------------- */

enum rlm_rmi_abi {
	RLM_RMI_V1_0 = 0,
	RLM_RMI_V2_0 = 1,
};

struct rlm_abi_cmd {
	const char *name; /* "RMI_REALM_CREATE" */
	const char *verb; /* "realm_create" */
	uint64_t fid;
	int8_t in, out; /* -1: not known at the pinned commit */
};

struct rlm_abi_table {
	enum rlm_rmi_abi abi;
	uint64_t version; /* RLM_RMI_ABI_VERSION(major, minor) */
	const struct rlm_abi_cmd *cmds;
	size_t count;
};

/* The command table of one ABI version; RLM_EINVAL for an unknown one. */
int rlm_abi_table(enum rlm_rmi_abi abi, const struct rlm_abi_table **out);
/* Find a FID in a table; RLM_ENOENT when the version has no such command. */
int rlm_abi_find(const struct rlm_abi_table *t, uint64_t fid,
		 const struct rlm_abi_cmd **out);

#ifdef __cplusplus
}
#endif

#endif /* RLM_ABI2_H */
