/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Every ABI constant of realm/abi.h against the value written out here by
 * hand from the primary sources: TF-RMM rmm-spec-v1.0-rel0
 * lib/smc/include/smc-rmi.h and smc-rsi.h, Linux arch/arm64/include/asm/
 * rmi_smc.h and rsi_smc.h, Arm DEN0028 (SMCCC), DEN0022 (PSCI) and
 * DEN0137 1.0-rel0 (the RMI and RSI commands and types).  Changing any FID,
 * status, bit position or offset makes this fail; check_constants.py fails
 * if a constant is added to abi.h without a line here.
 *
 * The only librealm header included is the umbrella <realm/realm.h>: this
 * also proves a program including just that sees every constant.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <realm/realm.h>

struct konst {
	const char *name;
	uint64_t value;     /* the header's */
	uint64_t expected;  /* the sources' */
};

#define K(name, expected) { #name, (uint64_t)(name), (uint64_t)(expected) }
#define KS(name, expected) { #name, (uint64_t)(int64_t)(name), (uint64_t)(int64_t)(expected) }

static const struct konst konsts[] = {
	/* granules */
	K(RLM_GRANULE_SHIFT, 12),
	K(RLM_GRANULE_SIZE, 0x1000),
	K(RLM_GRANULE_MASK, 0xfff),

	/* SMCCC (DEN0028) */
	K(RLM_SMCCC_FAST_CALL, 0x80000000),
	K(RLM_SMCCC_SMC_64, 0x40000000),
	K(RLM_SMCCC_OWNER_STANDARD, 0x04000000),
	K(RLM_SMCCC_NOT_SUPPORTED, 0xffffffffffffffffULL),
	K(RLM_SMCCC_VERSION_FID, 0x80000000),
	K(RLM_SMCCC_ARCH_FEATURES_FID, 0x80000001),
	K(RLM_SMCCC_VERSION_1_1, 0x10001),
	K(RLM_SMCCC_VERSION_1_2, 0x10002),

	/* RMI 1.0 FIDs (smc-rmi.h: SMC64_RMI_FID(0x0..0x19) from 0xC4000150) */
	K(RLM_SMC_RMI_VERSION, 0xC4000150),
	K(RLM_SMC_RMI_GRANULE_DELEGATE, 0xC4000151),
	K(RLM_SMC_RMI_GRANULE_UNDELEGATE, 0xC4000152),
	K(RLM_SMC_RMI_DATA_CREATE, 0xC4000153),
	K(RLM_SMC_RMI_DATA_CREATE_UNKNOWN, 0xC4000154),
	K(RLM_SMC_RMI_DATA_DESTROY, 0xC4000155),
	K(RLM_SMC_RMI_REALM_ACTIVATE, 0xC4000157),
	K(RLM_SMC_RMI_REALM_CREATE, 0xC4000158),
	K(RLM_SMC_RMI_REALM_DESTROY, 0xC4000159),
	K(RLM_SMC_RMI_REC_CREATE, 0xC400015A),
	K(RLM_SMC_RMI_REC_DESTROY, 0xC400015B),
	K(RLM_SMC_RMI_REC_ENTER, 0xC400015C),
	K(RLM_SMC_RMI_RTT_CREATE, 0xC400015D),
	K(RLM_SMC_RMI_RTT_DESTROY, 0xC400015E),
	K(RLM_SMC_RMI_RTT_MAP_UNPROTECTED, 0xC400015F),
	K(RLM_SMC_RMI_RTT_READ_ENTRY, 0xC4000161),
	K(RLM_SMC_RMI_RTT_UNMAP_UNPROTECTED, 0xC4000162),
	K(RLM_SMC_RMI_PSCI_COMPLETE, 0xC4000164),
	K(RLM_SMC_RMI_FEATURES, 0xC4000165),
	K(RLM_SMC_RMI_RTT_FOLD, 0xC4000166),
	K(RLM_SMC_RMI_REC_AUX_COUNT, 0xC4000167),
	K(RLM_SMC_RMI_RTT_INIT_RIPAS, 0xC4000168),
	K(RLM_SMC_RMI_RTT_SET_RIPAS, 0xC4000169),
	K(RLM_SMC_RMI_FIRST, 0xC4000150),
	K(RLM_SMC_RMI_LAST, 0xC4000169),
	K(RLM_RMI_ABI_MAJOR_VERSION, 1),
	K(RLM_RMI_ABI_MINOR_VERSION, 0),

	/* RMI statuses */
	K(RLM_RMI_SUCCESS, 0),
	K(RLM_RMI_ERROR_INPUT, 1),
	K(RLM_RMI_ERROR_REALM, 2),
	K(RLM_RMI_ERROR_REC, 3),
	K(RLM_RMI_ERROR_RTT, 4),
	K(RLM_RMI_ERROR_COUNT_1_0, 5),
	K(RLM_RMI_ERROR_NOT_SUPPORTED, 5),
	K(RLM_RMI_ERROR_DEVICE, 6),
	K(RLM_RMI_ERROR_RTT_AUX, 7),
	K(RLM_RMI_ERROR_PSMMU_ST, 8),
	K(RLM_RMI_ERROR_DPT, 9),
	K(RLM_RMI_BUSY, 10),
	K(RLM_RMI_ERROR_GLOBAL, 11),
	K(RLM_RMI_ERROR_TRACKING, 12),
	K(RLM_RMI_INCOMPLETE, 13),
	K(RLM_RMI_BLOCKED, 14),
	K(RLM_RMI_ERROR_GPT, 15),
	K(RLM_RMI_ERROR_GRANULE, 16),
	K(RLM_RMI_STATUS_LAST, 16),
	K(RLM_RMI_REALM_ERROR_NEW, 0),
	K(RLM_RMI_REALM_ERROR_SYSTEM_OFF, 1),

	/* RIPAS, RTT entry states, flags */
	K(RLM_RIPAS_EMPTY, 0),
	K(RLM_RIPAS_RAM, 1),
	K(RLM_RIPAS_DESTROYED, 2),
	K(RLM_RIPAS_DEV, 3),
	K(RLM_RMI_EMPTY, 0),
	K(RLM_RMI_RAM, 1),
	K(RLM_RMI_DESTROYED, 2),
	K(RLM_RMI_DEV, 3),
	K(RLM_RSI_RIPAS_EMPTY, 0),
	K(RLM_RSI_RIPAS_RAM, 1),
	K(RLM_RSI_RIPAS_DESTROYED, 2),
	K(RLM_RSI_RIPAS_DEV, 3),
	K(RLM_RMI_UNASSIGNED, 0),
	K(RLM_RMI_ASSIGNED, 1),
	K(RLM_RMI_TABLE, 2),
	K(RLM_RMI_NO_MEASURE_CONTENT, 0),
	K(RLM_RMI_MEASURE_CONTENT, 1),
	K(RLM_RMI_FEATURE_FALSE, 0),
	K(RLM_RMI_FEATURE_TRUE, 1),
	K(RLM_RMI_ACCEPT, 0),
	K(RLM_RMI_REJECT, 1),
	K(RLM_RMI_PMU_OVERFLOW_NOT_ACTIVE, 0),
	K(RLM_RMI_PMU_OVERFLOW_ACTIVE, 1),

	/* RTT geometry */
	K(RLM_RTT_MIN_LEVEL, 0),
	KS(RLM_RTT_MIN_LEVEL_LPA2, -1),
	K(RLM_RTT_MAX_LEVEL, 3),
	K(RLM_RTT_PAGE_LEVEL, 3),
	K(RLM_RTT_MIN_BLOCK_LEVEL, 1),
	K(RLM_RTT_ENTRIES, 512),
	K(RLM_RTT_MAX_NUM_START, 16),

	/* Feature register 0 (smc-rmi.h SHIFT/WIDTH pairs) */
	K(RLM_RMI_FEATURE_REGISTER_0_INDEX, 0),
	K(RLM_RMI_FEATURE_REGISTER_0_S2SZ, 0xffULL),
	K(RLM_RMI_FEATURE_REGISTER_0_LPA2, 0x100ULL),
	K(RLM_RMI_FEATURE_REGISTER_0_SVE_EN, 0x200ULL),
	K(RLM_RMI_FEATURE_REGISTER_0_SVE_VL, 0x3c00ULL),
	K(RLM_RMI_FEATURE_REGISTER_0_NUM_BPS, 0xfc000ULL),
	K(RLM_RMI_FEATURE_REGISTER_0_NUM_WPS, 0x3f00000ULL),
	K(RLM_RMI_FEATURE_REGISTER_0_PMU_EN, 0x4000000ULL),
	K(RLM_RMI_FEATURE_REGISTER_0_PMU_NUM_CTRS, 0xf8000000ULL),
	K(RLM_RMI_FEATURE_REGISTER_0_HASH_SHA_256, 0x100000000ULL),
	K(RLM_RMI_FEATURE_REGISTER_0_HASH_SHA_512, 0x200000000ULL),
	K(RLM_RMI_FEATURE_REGISTER_0_GICV3_NUM_LRS, 0x3c00000000ULL),
	K(RLM_RMI_FEATURE_REGISTER_0_MAX_RECS_ORDER, 0x3c000000000ULL),

	/* RmiRealmParams */
	K(RLM_RMI_REALM_PARAM_FLAG_LPA2, 1),
	K(RLM_RMI_REALM_PARAM_FLAG_SVE, 2),
	K(RLM_RMI_REALM_PARAM_FLAG_PMU, 4),
	K(RLM_RMI_HASH_SHA_256, 0),
	K(RLM_RMI_HASH_SHA_512, 1),
	K(RLM_RMI_HASH_SHA_384, 2),
	K(RLM_RPV_SIZE, 64),
	K(RLM_REALM_PARAMS_FLAGS_OFF, 0x000),
	K(RLM_REALM_PARAMS_S2SZ_OFF, 0x008),
	K(RLM_REALM_PARAMS_SVE_VL_OFF, 0x010),
	K(RLM_REALM_PARAMS_NUM_BPS_OFF, 0x018),
	K(RLM_REALM_PARAMS_NUM_WPS_OFF, 0x020),
	K(RLM_REALM_PARAMS_PMU_NUM_CTRS_OFF, 0x028),
	K(RLM_REALM_PARAMS_HASH_ALGO_OFF, 0x030),
	K(RLM_REALM_PARAMS_RPV_OFF, 0x400),
	K(RLM_REALM_PARAMS_VMID_OFF, 0x800),
	K(RLM_REALM_PARAMS_RTT_BASE_OFF, 0x808),
	K(RLM_REALM_PARAMS_RTT_LEVEL_START_OFF, 0x810),
	K(RLM_REALM_PARAMS_RTT_NUM_START_OFF, 0x818),
	K(RLM_REALM_PARAMS_SIZE, 0x1000),

	/* RmiRecMpidr (TF-RMM arch.h RMI_MPIDR_AFF<n>_SHIFT/WIDTH) */
	K(RLM_RMI_MPIDR_AFF0, 0x0000000f),
	K(RLM_RMI_MPIDR_AFF1, 0x0000ff00),
	K(RLM_RMI_MPIDR_AFF2, 0x00ff0000),
	K(RLM_RMI_MPIDR_AFF3, 0xff000000),
	K(RLM_RMI_MPIDR_VALID_MASK, 0xffffff0f),

	/* RmiRecParams */
	K(RLM_REC_PARAMS_FLAG_RUNNABLE, 1),
	K(RLM_REC_CREATE_NR_GPRS, 8),
	K(RLM_REC_PARAMS_AUX_GRANULES, 16),
	K(RLM_REC_AUX_COUNT_TFRMM, 16),
	K(RLM_REC_PARAMS_FLAGS_OFF, 0x000),
	K(RLM_REC_PARAMS_MPIDR_OFF, 0x100),
	K(RLM_REC_PARAMS_PC_OFF, 0x200),
	K(RLM_REC_PARAMS_GPRS_OFF, 0x300),
	K(RLM_REC_PARAMS_NUM_AUX_OFF, 0x800),
	K(RLM_REC_PARAMS_AUX_OFF, 0x808),
	K(RLM_REC_PARAMS_SIZE, 0x1000),

	/* RmiRecEnter */
	K(RLM_REC_ENTER_FLAG_EMULATED_MMIO, 0x01),
	K(RLM_REC_ENTER_FLAG_INJECT_SEA, 0x02),
	K(RLM_REC_ENTER_FLAG_TRAP_WFI, 0x04),
	K(RLM_REC_ENTER_FLAG_TRAP_WFE, 0x08),
	K(RLM_REC_ENTER_FLAG_RIPAS_RESPONSE, 0x10),
	K(RLM_REC_ENTER_FLAGS_ALL_1_0, 0x1f),
	K(RLM_REC_RUN_GPRS, 31),
	K(RLM_REC_MAX_GIC_NUM_LRS, 16),
	K(RLM_REC_RUN_ENTER_OFF, 0x000),
	K(RLM_REC_RUN_EXIT_OFF, 0x800),
	K(RLM_REC_RUN_SIZE, 0x1000),
	K(RLM_REC_ENTER_FLAGS_OFF, 0x000),
	K(RLM_REC_ENTER_GPRS_OFF, 0x200),
	K(RLM_REC_ENTER_GICV3_HCR_OFF, 0x300),
	K(RLM_REC_ENTER_GICV3_HCR_HOST, 0x40feULL),   /* TF-RMM rel0 ICH_HCR_EL2_NS_MASK */
	K(RLM_REC_ENTER_GICV3_LRS_OFF, 0x308),
	K(RLM_REC_ENTER_SIZE, 0x800),

	/* RmiRecExit */
	K(RLM_RMI_EXIT_SYNC, 0),
	K(RLM_RMI_EXIT_IRQ, 1),
	K(RLM_RMI_EXIT_FIQ, 2),
	K(RLM_RMI_EXIT_PSCI, 3),
	K(RLM_RMI_EXIT_RIPAS_CHANGE, 4),
	K(RLM_RMI_EXIT_HOST_CALL, 5),
	K(RLM_RMI_EXIT_SERROR, 6),
	K(RLM_REC_EXIT_REASON_SYNC, 0),
	K(RLM_REC_EXIT_REASON_IRQ, 1),
	K(RLM_REC_EXIT_REASON_FIQ, 2),
	K(RLM_REC_EXIT_REASON_PSCI, 3),
	K(RLM_REC_EXIT_REASON_RIPAS_CHANGE, 4),
	K(RLM_REC_EXIT_REASON_HOST_CALL, 5),
	K(RLM_REC_EXIT_REASON_SERROR, 6),
	K(RLM_REC_EXIT_REASON_OFF, 0x000),
	K(RLM_REC_EXIT_ESR_OFF, 0x100),
	K(RLM_REC_EXIT_FAR_OFF, 0x108),
	K(RLM_REC_EXIT_HPFAR_OFF, 0x110),
	K(RLM_REC_EXIT_GPRS_OFF, 0x200),
	K(RLM_REC_EXIT_GICV3_HCR_OFF, 0x300),
	K(RLM_REC_EXIT_GICV3_LRS_OFF, 0x308),
	K(RLM_REC_EXIT_GICV3_MISR_OFF, 0x388),
	K(RLM_REC_EXIT_GICV3_VMCR_OFF, 0x390),
	K(RLM_REC_EXIT_CNTP_CTL_OFF, 0x400),
	K(RLM_REC_EXIT_CNTP_CVAL_OFF, 0x408),
	K(RLM_REC_EXIT_CNTV_CTL_OFF, 0x410),
	K(RLM_REC_EXIT_CNTV_CVAL_OFF, 0x418),
	K(RLM_REC_EXIT_RIPAS_BASE_OFF, 0x500),
	K(RLM_REC_EXIT_RIPAS_TOP_OFF, 0x508),
	K(RLM_REC_EXIT_RIPAS_VALUE_OFF, 0x510),
	K(RLM_REC_EXIT_IMM_OFF, 0x600),
	K(RLM_REC_EXIT_PMU_OVF_STATUS_OFF, 0x700),
	K(RLM_REC_EXIT_SIZE, 0x800),

	/* RSI 1.0 */
	K(RLM_RSI_ABI_VERSION_MAJOR, 1),
	K(RLM_RSI_ABI_VERSION_MINOR, 0),
	K(RLM_RSI_ABI_VERSION, 0x10000),
	K(RLM_RSI_SUCCESS, 0),
	K(RLM_RSI_ERROR_INPUT, 1),
	K(RLM_RSI_ERROR_STATE, 2),
	K(RLM_RSI_INCOMPLETE, 3),
	K(RLM_RSI_ERROR_UNKNOWN, 4),
	K(RLM_RSI_STATUS_LAST, 4),
	K(RLM_SMC_RSI_ABI_VERSION, 0xC4000190),
	K(RLM_SMC_RSI_VERSION, 0xC4000190),
	K(RLM_SMC_RSI_FEATURES, 0xC4000191),
	K(RLM_SMC_RSI_MEASUREMENT_READ, 0xC4000192),
	K(RLM_SMC_RSI_MEASUREMENT_EXTEND, 0xC4000193),
	K(RLM_SMC_RSI_ATTESTATION_TOKEN_INIT, 0xC4000194),
	K(RLM_SMC_RSI_ATTESTATION_TOKEN_CONTINUE, 0xC4000195),
	K(RLM_SMC_RSI_REALM_CONFIG, 0xC4000196),
	K(RLM_SMC_RSI_IPA_STATE_SET, 0xC4000197),
	K(RLM_SMC_RSI_IPA_STATE_GET, 0xC4000198),
	K(RLM_SMC_RSI_HOST_CALL, 0xC4000199),
	K(RLM_RSI_NO_CHANGE_DESTROYED, 0),
	K(RLM_RSI_CHANGE_DESTROYED, 1),
	K(RLM_RSI_ACCEPT, 0),
	K(RLM_RSI_REJECT, 1),
	K(RLM_MEASUREMENT_SLOTS, 5),
	K(RLM_MEASUREMENT_RIM, 0),
	K(RLM_MEASUREMENT_REM0, 1),
	K(RLM_MEASUREMENT_REM1, 2),
	K(RLM_MEASUREMENT_REM2, 3),
	K(RLM_MEASUREMENT_REM3, 4),
	K(RLM_MEASUREMENT_MAX_SIZE, 64),
	K(RLM_CHALLENGE_SIZE, 64),
	K(RLM_CHALLENGE_MIN_SIZE, 32),
	K(RLM_RSI_REALM_CONFIG_IPA_WIDTH_OFF, 0x000),
	K(RLM_RSI_REALM_CONFIG_HASH_ALGO_OFF, 0x008),
	K(RLM_RSI_REALM_CONFIG_RPV_OFF, 0x200),
	K(RLM_RSI_REALM_CONFIG_SIZE, 0x1000),
	K(RLM_RSI_HASH_SHA_256, 0),
	K(RLM_RSI_HASH_SHA_512, 1),
	K(RLM_RSI_HOST_CALL_NR_GPRS, 31),
	K(RLM_RSI_HOST_CALL_IMM_OFF, 0x000),
	K(RLM_RSI_HOST_CALL_GPRS_OFF, 0x008),
	K(RLM_RSI_HOST_CALL_SIZE, 0x100),

	/* PSCI (DEN0022) as realms call it and TF-RMM runtime/rsi/psci.c handles it */
	K(RLM_PSCI_VERSION, 0x84000000),
	K(RLM_PSCI_CPU_SUSPEND_AARCH64, 0xC4000001),
	K(RLM_PSCI_CPU_OFF, 0x84000002),
	K(RLM_PSCI_CPU_ON_AARCH64, 0xC4000003),
	K(RLM_PSCI_AFFINITY_INFO_AARCH64, 0xC4000004),
	K(RLM_PSCI_SYSTEM_OFF, 0x84000008),
	K(RLM_PSCI_SYSTEM_RESET, 0x84000009),
	K(RLM_PSCI_FEATURES, 0x8400000A),
	KS(RLM_PSCI_RET_SUCCESS, 0),
	KS(RLM_PSCI_RET_NOT_SUPPORTED, -1),
	KS(RLM_PSCI_RET_INVALID_PARAMS, -2),
	KS(RLM_PSCI_RET_DENIED, -3),
	KS(RLM_PSCI_RET_ALREADY_ON, -4),
	KS(RLM_PSCI_RET_ON_PENDING, -5),
	KS(RLM_PSCI_RET_INTERNAL_FAILURE, -6),
	KS(RLM_PSCI_RET_NOT_PRESENT, -7),
	KS(RLM_PSCI_RET_DISABLED, -8),
	KS(RLM_PSCI_RET_INVALID_ADDRESS, -9),
	K(RLM_PSCI_AFFINITY_ON, 0),
	K(RLM_PSCI_AFFINITY_OFF, 1),
	K(RLM_PSCI_AFFINITY_ON_PENDING, 2),
};

static void test_every_constant(void **state)
{
	size_t i, bad = 0;

	(void)state;
	for (i = 0; i < sizeof(konsts) / sizeof(konsts[0]); i++) {
		if (konsts[i].value != konsts[i].expected) {
			printf("%s = 0x%llx, sources say 0x%llx\n", konsts[i].name,
			       (unsigned long long)konsts[i].value,
			       (unsigned long long)konsts[i].expected);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
	/* Not a vacuous table. */
	assert_true(sizeof(konsts) / sizeof(konsts[0]) > 200);
}

/* Names are unique (a copy-paste line would hide a missing constant). */
static void test_names_unique(void **state)
{
	size_t i, j, n = sizeof(konsts) / sizeof(konsts[0]);

	(void)state;
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (!strcmp(konsts[i].name, konsts[j].name))
				fail_msg("%s listed twice", konsts[i].name);
}

/* The function-like macros of abi.h. */
static void test_macros(void **state)
{
	(void)state;
	assert_true(RLM_BIT(0) == 1 && RLM_BIT(63) == 0x8000000000000000ULL);
	assert_true(RLM_GENMASK(7, 0) == 0xff);
	assert_true(RLM_GENMASK(63, 0) == ~0ULL);
	assert_true(RLM_GENMASK(41, 38) == 0x3c000000000ULL);
	assert_true(RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_SVE_VL, 0x2400) == 9);
	assert_true(RLM_FIELD_PREP(RLM_RMI_FEATURE_REGISTER_0_NUM_WPS, 0x3f) ==
		    0x3f00000ULL);
	/* Out-of-field bits are dropped. */
	assert_true(RLM_FIELD_PREP(RLM_RMI_FEATURE_REGISTER_0_LPA2, 3) == 0x100);
	assert_true(RLM_SMC_RMI_CALL(0x150) == 0xC4000150);
	assert_true(RLM_SMC_RSI_FID(0x199) == 0xC4000199);
	assert_true(RLM_RMI_ABI_VERSION(1, 0) == 0x10000);
	assert_true(RLM_RMI_ABI_VERSION(2, 3) == 0x20003);
	assert_true(RLM_RMI_ABI_VERSION_GET_MAJOR(0x20003) == 2);
	assert_true(RLM_RMI_ABI_VERSION_GET_MINOR(0x20003) == 3);
	assert_true(RLM_RSI_ABI_VERSION_GET_MAJOR(0x10005) == 1);
	assert_true(RLM_RSI_ABI_VERSION_GET_MINOR(0x10005) == 5);
	assert_true(RLM_RMI_RETURN_STATUS(0x0304) == 4);
	assert_true(RLM_RMI_RETURN_INDEX(0x0304) == 3);
	assert_true(RLM_RMI_RETURN_INDEX(0xff04) == 0xff);
	assert_true(RLM_RMI_RETURN(RLM_RMI_ERROR_RTT, 2) == 0x0204);
	/* level -1 travels as index 255 */
	assert_true(RLM_RMI_RETURN(RLM_RMI_ERROR_RTT, -1) == 0xff04);
	/* the decoded level of an ERROR_RTT index */
	assert_int_equal(rlm_rmi_index_level(0xff), -1);
	assert_int_equal(rlm_rmi_index_level(3), 3);
	assert_int_equal(rlm_rmi_index_level(0), 0);
}

/* RmiRecMpidr <-> REC index, as TF-RMM rec_mpidr_to_idx computes it. */
static void test_mpidr(void **state)
{
	uint64_t i;

	(void)state;
	assert_true(rlm_rmi_mpidr_valid(0));
	assert_true(rlm_rmi_mpidr_valid(0xffffff0f));
	assert_false(rlm_rmi_mpidr_valid(0x10));        /* Aff0[7:4] is RES0 */
	assert_false(rlm_rmi_mpidr_valid(1ULL << 32));  /* no Aff3 at [39:32] */
	assert_false(rlm_rmi_mpidr_valid(1ULL << 31 << 1));
	assert_true(rlm_rmi_mpidr_to_index(0x0f) == 15);
	assert_true(rlm_rmi_mpidr_to_index(0x100) == 16);
	assert_true(rlm_rmi_mpidr_to_index(0x10000) == 0x1000);
	assert_true(rlm_rmi_mpidr_to_index(0x01000000) == 0x100000);
	assert_true(rlm_rmi_mpidr_to_index(0xffffff0f) == 0xfffffff);
	assert_true(rlm_rmi_index_to_mpidr(16) == 0x100);
	assert_true(rlm_rmi_index_to_mpidr(17) == 0x101);
	for (i = 0; i < 5000; i += 7)
		assert_true(rlm_rmi_mpidr_to_index(rlm_rmi_index_to_mpidr(i)) == i &&
			    rlm_rmi_mpidr_valid(rlm_rmi_index_to_mpidr(i)));
}

/* The feature register of the trace runner's default platform decodes as
 * rmi-trace.md lists it: S2SZ 48, LPA2, no SVE, 1 BP, 1 WP, PMU with 31
 * counters, SHA-256 and SHA-512, no GIC LRs, MAX_RECS_ORDER 10. */
static void test_feature_register_decode(void **state)
{
	const uint64_t f = 0x283fc104130ULL;

	(void)state;
	assert_int_equal(RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_S2SZ, f), 0x30);
	assert_int_equal(RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_LPA2, f), 1);
	assert_int_equal(RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_SVE_EN, f), 0);
	assert_int_equal(RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_SVE_VL, f), 0);
	assert_int_equal(RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_NUM_BPS, f), 1);
	assert_int_equal(RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_NUM_WPS, f), 1);
	assert_int_equal(RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_PMU_EN, f), 1);
	assert_int_equal(RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_PMU_NUM_CTRS, f), 0x1f);
	assert_int_equal(RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_HASH_SHA_256, f), 1);
	assert_int_equal(RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_HASH_SHA_512, f), 1);
	assert_int_equal(RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_GICV3_NUM_LRS, f), 0);
	assert_int_equal(RLM_FIELD_GET(RLM_RMI_FEATURE_REGISTER_0_MAX_RECS_ORDER, f), 0xa);
}

/* The feature-register fields tile bits [41:0] without overlap. */
static void test_feature_fields_tile(void **state)
{
	static const uint64_t fields[] = {
		RLM_RMI_FEATURE_REGISTER_0_S2SZ, RLM_RMI_FEATURE_REGISTER_0_LPA2,
		RLM_RMI_FEATURE_REGISTER_0_SVE_EN, RLM_RMI_FEATURE_REGISTER_0_SVE_VL,
		RLM_RMI_FEATURE_REGISTER_0_NUM_BPS, RLM_RMI_FEATURE_REGISTER_0_NUM_WPS,
		RLM_RMI_FEATURE_REGISTER_0_PMU_EN, RLM_RMI_FEATURE_REGISTER_0_PMU_NUM_CTRS,
		RLM_RMI_FEATURE_REGISTER_0_HASH_SHA_256,
		RLM_RMI_FEATURE_REGISTER_0_HASH_SHA_512,
		RLM_RMI_FEATURE_REGISTER_0_GICV3_NUM_LRS,
		RLM_RMI_FEATURE_REGISTER_0_MAX_RECS_ORDER,
	};
	uint64_t all = 0;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		assert_true((all & fields[i]) == 0);
		all |= fields[i];
	}
	assert_true(all == RLM_GENMASK(41, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_constant),
		cmocka_unit_test(test_names_unique),
		cmocka_unit_test(test_macros),
		cmocka_unit_test(test_mpidr),
		cmocka_unit_test(test_feature_register_decode),
		cmocka_unit_test(test_feature_fields_tile),
	};

	return cmocka_run_group_tests_name("abi-constants", tests, NULL, NULL);
}
