/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RMI trace runner's tables: every command and realm call of the trace
 * format (docs/rmi-trace.md) with its keys.  The RMI and RSI rows come from
 * the command tables of realm/abi.h.
 */
#include <string.h>

#include <realm/rmi.h>

#include "trace_int.h"

#define KEYS(k) (k), (unsigned int)(sizeof(k) / sizeof((k)[0]))

static const struct key_def k_version[] = {
	{ "req", K_VAL, 1, false, 0x10000 },
};
static const struct key_def k_features[] = {
	{ "index", K_VAL, 1, true, 0 },
};
static const struct key_def k_addr[] = {
	{ "addr", K_VAL, 1, true, 0 },
};
static const struct key_def k_rd[] = {
	{ "rd", K_VAL, 1, true, 0 },
};
static const struct key_def k_rec[] = {
	{ "rec", K_VAL, 1, true, 0 },
};
static const struct key_def k_rec_enter[] = {
	{ "rec", K_VAL, 1, true, 0 },
	{ "run", K_VAL, 2, true, 0 },
};
static const struct key_def k_psci_complete[] = {
	{ "calling", K_VAL, 1, true, 0 },
	{ "target", K_VAL, 2, true, 0 },
	{ "status", K_VAL, 3, true, 0 },
};
static const struct key_def k_rtt_create[] = {
	{ "rd", K_VAL, 1, true, 0 },
	{ "rtt", K_VAL, 2, true, 0 },
	{ "ipa", K_VAL, 3, true, 0 },
	{ "level", K_VAL, 4, true, 0 },
};
static const struct key_def k_rd_ipa_level[] = {
	{ "rd", K_VAL, 1, true, 0 },
	{ "ipa", K_VAL, 2, true, 0 },
	{ "level", K_VAL, 3, true, 0 },
};
static const struct key_def k_map_unprotected[] = {
	{ "rd", K_VAL, 1, true, 0 },
	{ "ipa", K_VAL, 2, true, 0 },
	{ "level", K_VAL, 3, true, 0 },
	{ "desc", K_VAL, 4, true, 0 },
};
static const struct key_def k_init_ripas[] = {
	{ "rd", K_VAL, 1, true, 0 },
	{ "base", K_VAL, 2, true, 0 },
	{ "top", K_VAL, 3, true, 0 },
};
static const struct key_def k_set_ripas[] = {
	{ "rd", K_VAL, 1, true, 0 },
	{ "rec", K_VAL, 2, true, 0 },
	{ "base", K_VAL, 3, true, 0 },
	{ "top", K_VAL, 4, true, 0 },
};
static const struct key_def k_data_create[] = {
	{ "rd", K_VAL, 1, true, 0 },
	{ "data", K_VAL, 2, true, 0 },
	{ "ipa", K_VAL, 3, true, 0 },
	{ "src", K_VAL, 4, true, 0 },
	{ "flags", K_VAL, 5, true, 0 },
};
static const struct key_def k_data_create_unknown[] = {
	{ "rd", K_VAL, 1, true, 0 },
	{ "data", K_VAL, 2, true, 0 },
	{ "ipa", K_VAL, 3, true, 0 },
};
static const struct key_def k_data_destroy[] = {
	{ "rd", K_VAL, 1, true, 0 },
	{ "ipa", K_VAL, 2, true, 0 },
};

/* realm_create: x1 = rd, x2 = the params page; the rest fill the page. */
static const struct key_def k_realm_create[] = {
	[RC_RD] = { "rd", K_VAL, 1, true, 0 },
	[RC_LPA2] = { "lpa2", K_BOOL, 0, false, 0 },
	[RC_SVE] = { "sve", K_BOOL, 0, false, 0 },
	[RC_PMU] = { "pmu", K_BOOL, 0, false, 0 },
	[RC_S2SZ] = { "s2sz", K_U32, 0, false, 40 },
	[RC_SVE_VL] = { "sve_vl", K_U32, 0, false, 0 },
	[RC_NUM_BPS] = { "num_bps", K_U32, 0, false, 1 },
	[RC_NUM_WPS] = { "num_wps", K_U32, 0, false, 1 },
	[RC_PMU_NUM_CTRS] = { "pmu_num_ctrs", K_U32, 0, false, 0 },
	[RC_HASH] = { "hash", K_HASH, 0, false, RLM_RMI_HASH_SHA_256 },
	[RC_RPV] = { "rpv", K_HEX64, 0, false, 0 },
	[RC_VMID] = { "vmid", K_U16, 0, false, 1 },
	[RC_RTT_BASE] = { "rtt_base", K_VAL, 0, true, 0 },
	[RC_RTT_LEVEL_START] = { "rtt_level_start", K_VAL, 0, false, 1 },
	[RC_RTT_NUM_START] = { "rtt_num_start", K_U32, 0, false, 1 },
	[RC_FLAGS] = { "flags", K_VAL, 0, false, 0 },
	[RC_PARAMS] = { "params", K_VAL, 0, false, 0 },
};

/* rec_create: x1 = rd, x2 = rec, x3 = the params page. */
static const struct key_def k_rec_create[] = {
	[RE_RD] = { "rd", K_VAL, 1, true, 0 },
	[RE_REC] = { "rec", K_VAL, 2, true, 0 },
	[RE_RUNNABLE] = { "runnable", K_BOOL, 0, false, 1 },
	[RE_MPIDR] = { "mpidr", K_VAL, 0, false, 0 },
	[RE_PC] = { "pc", K_VAL, 0, false, 0 },
	[RE_GPRS] = { "gprs", K_GPRS, 0, false, 0 },
	[RE_AUX] = { "aux", K_AUX, 0, false, 0 },
	[RE_FLAGS] = { "flags", K_VAL, 0, false, 0 },
	[RE_PARAMS] = { "params", K_VAL, 0, false, 0 },
};

static const struct key_def k_measurement[] = {
	{ "rd", K_VAL, 0, true, 0 },
	{ "index", K_U32, 0, true, 0 },
};
static const struct key_def k_ns_write[] = {
	{ "off", K_VAL, 0, false, 0 },
	{ "hex", K_HEXPAGE, 0, true, 0 },
};
static const struct key_def k_none[1] = { { NULL, K_VAL, 0, false, 0 } };

/*
 * The trace's RMI commands are the rows of RLM_RMI_COMMANDS (realm/abi.h):
 * verb and FID from there, and here per command how its line is run
 * (TR_<NAME>: line type, result printer, keys).
 */
#define TR_VERSION T_RMI, O_VERSION, KEYS(k_version)
#define TR_GRANULE_DELEGATE T_RMI, O_NONE, KEYS(k_addr)
#define TR_GRANULE_UNDELEGATE T_RMI, O_NONE, KEYS(k_addr)
#define TR_DATA_CREATE T_RMI, O_NONE, KEYS(k_data_create)
#define TR_DATA_CREATE_UNKNOWN T_RMI, O_NONE, KEYS(k_data_create_unknown)
#define TR_DATA_DESTROY T_RMI, O_DATA_DESTROY, KEYS(k_data_destroy)
#define TR_REALM_ACTIVATE T_RMI, O_NONE, KEYS(k_rd)
#define TR_REALM_CREATE T_REALM_CREATE, O_NONE, KEYS(k_realm_create)
#define TR_REALM_DESTROY T_RMI, O_NONE, KEYS(k_rd)
#define TR_REC_CREATE T_REC_CREATE, O_NONE, KEYS(k_rec_create)
#define TR_REC_DESTROY T_RMI, O_NONE, KEYS(k_rec)
#define TR_REC_ENTER T_RMI, O_REC_ENTER, KEYS(k_rec_enter)
#define TR_RTT_CREATE T_RMI, O_NONE, KEYS(k_rtt_create)
#define TR_RTT_DESTROY T_RMI, O_RTT_DESTROY, KEYS(k_rd_ipa_level)
#define TR_RTT_MAP_UNPROTECTED T_RMI, O_NONE, KEYS(k_map_unprotected)
#define TR_RTT_READ_ENTRY T_RMI, O_READ_ENTRY, KEYS(k_rd_ipa_level)
#define TR_RTT_UNMAP_UNPROTECTED T_RMI, O_TOP, KEYS(k_rd_ipa_level)
#define TR_PSCI_COMPLETE T_RMI, O_NONE, KEYS(k_psci_complete)
#define TR_FEATURES T_RMI, O_VALUE, KEYS(k_features)
#define TR_RTT_FOLD T_RMI, O_FOLD, KEYS(k_rd_ipa_level)
#define TR_REC_AUX_COUNT T_RMI, O_COUNT, KEYS(k_rd)
#define TR_RTT_INIT_RIPAS T_RMI, O_TOP, KEYS(k_init_ripas)
#define TR_RTT_SET_RIPAS T_RMI, O_TOP, KEYS(k_set_ripas)

#define TR_ROW(name, verb, in, out) \
	{ #verb, RLM_SMC_RMI_##name, in, TR_##name },

static const struct cmd_def cmds[] = {
	RLM_RMI_COMMANDS(TR_ROW)
	/* the runner's own lines */
	{ "measurement", 0, 0, T_MEASUREMENT, O_NONE, KEYS(k_measurement) },
	{ "ns_fill", 0, 0, T_NS_FILL, O_NONE, k_none, 0 },
	{ "ns_write", 0, 0, T_NS_WRITE, O_NONE, KEYS(k_ns_write) },
	{ "realm", 0, 0, T_REALM, O_NONE, KEYS(k_rec) },
};

static const struct key_def c_version[] = {
	{ "req", K_VAL, 1, false, RLM_RSI_ABI_VERSION },
};
static const struct key_def c_index[] = {
	{ "index", K_VAL, 1, true, 0 },
};
static const struct key_def c_extend[] = {
	{ "index", K_VAL, 1, true, 0 },
	{ "size", K_VAL, 2, false, 0 },   /* default: the data's length */
	{ "data", K_HEX64, 0, false, 0 },
};
static const struct key_def c_token_init[] = {
	{ "challenge", K_HEX64, 0, false, 0 },
};
static const struct key_def c_token_continue[] = {
	{ "ipa", K_VAL, 1, true, 0 },
	{ "offset", K_VAL, 2, false, 0 },
	{ "size", K_VAL, 3, false, 0x1000 },
};
static const struct key_def c_ipa[] = {
	{ "ipa", K_VAL, 1, true, 0 },
};
static const struct key_def c_state_set[] = {
	{ "base", K_VAL, 1, true, 0 },
	{ "top", K_VAL, 2, true, 0 },
	{ "ripas", K_RIPAS, 3, true, 0 },
	{ "flags", K_VAL, 4, false, 0 },
};
static const struct key_def c_state_get[] = {
	{ "base", K_VAL, 1, true, 0 },
	{ "top", K_VAL, 2, true, 0 },
};
static const struct key_def c_host_call[] = {
	{ "ipa", K_VAL, 1, true, 0 },
	{ "imm", K_U16, 0, false, 0 },
};
static const struct key_def c_cpu_on[] = {
	{ "target_mpidr", K_VAL, 1, true, 0 },
	{ "entry", K_VAL, 2, true, 0 },
	{ "context_id", K_VAL, 3, false, 0 },
};
static const struct key_def c_affinity[] = {
	{ "target_mpidr", K_VAL, 1, true, 0 },
	{ "lowest_level", K_VAL, 2, false, 0 },
};
static const struct key_def c_psci_features[] = {
	{ "fid", K_VAL, 1, true, 0 },
};
static const struct key_def c_smc[] = {
	{ "fid", K_VAL, 0, true, 0 },
	{ "x1", K_VAL, 1, false, 0 }, { "x2", K_VAL, 2, false, 0 },
	{ "x3", K_VAL, 3, false, 0 }, { "x4", K_VAL, 4, false, 0 },
	{ "x5", K_VAL, 5, false, 0 }, { "x6", K_VAL, 6, false, 0 },
	{ "x7", K_VAL, 7, false, 0 }, { "x8", K_VAL, 8, false, 0 },
	{ "x9", K_VAL, 9, false, 0 }, { "x10", K_VAL, 10, false, 0 },
};

/* Realm calls: the rows of RLM_RSI_COMMANDS (TC_<NAME>: kind, keys), then
 * PSCI, a raw SMC and the trapped WFI/WFE. */
#define TC_VERSION R_PLAIN, KEYS(c_version)
#define TC_FEATURES R_PLAIN, KEYS(c_index)
#define TC_MEASUREMENT_READ R_PLAIN, KEYS(c_index)
#define TC_MEASUREMENT_EXTEND R_EXTEND, KEYS(c_extend)
#define TC_ATTESTATION_TOKEN_INIT R_TOKEN_INIT, KEYS(c_token_init)
#define TC_ATTESTATION_TOKEN_CONTINUE R_PLAIN, KEYS(c_token_continue)
#define TC_REALM_CONFIG R_PLAIN, KEYS(c_ipa)
#define TC_IPA_STATE_SET R_PLAIN, KEYS(c_state_set)
#define TC_IPA_STATE_GET R_PLAIN, KEYS(c_state_get)
#define TC_HOST_CALL R_HOST_CALL, KEYS(c_host_call)

#define TC_ROW(name, verb, in, out) \
	{ #verb, RLM_SMC_RSI_##name, in, TC_##name },

static const struct call_def calls[] = {
	RLM_RSI_COMMANDS(TC_ROW)
	{ "psci_version", RLM_PSCI_VERSION, 0, R_PLAIN, k_none, 0 },
	{ "psci_cpu_on", RLM_PSCI_CPU_ON_AARCH64, 3, R_PLAIN, KEYS(c_cpu_on) },
	{ "psci_cpu_off", RLM_PSCI_CPU_OFF, 0, R_PLAIN, k_none, 0 },
	{ "psci_affinity_info", RLM_PSCI_AFFINITY_INFO_AARCH64, 2, R_PLAIN,
	  KEYS(c_affinity) },
	{ "psci_system_off", RLM_PSCI_SYSTEM_OFF, 0, R_PLAIN, k_none, 0 },
	{ "psci_system_reset", RLM_PSCI_SYSTEM_RESET, 0, R_PLAIN, k_none, 0 },
	{ "psci_features", RLM_PSCI_FEATURES, 1, R_PLAIN,
	  KEYS(c_psci_features) },
	{ "smc", 0, 10, R_SMC, KEYS(c_smc) },
	/* not SMCs: a WFI/WFE the host traps (REC exit SYNC) */
	{ "wfi", RLM_MOCK_REALM_WFI, 0, R_PLAIN, k_none, 0 },
	{ "wfe", RLM_MOCK_REALM_WFE, 0, R_PLAIN, k_none, 0 },
};

const struct cmd_def *trace_cmd_find_(struct slice verb)
{
	size_t k;

	for (k = 0; k < sizeof(cmds) / sizeof(cmds[0]); k++)
		if (sl_eq(verb, cmds[k].name))
			return &cmds[k];
	return NULL;
}

const struct call_def *trace_call_find_(struct slice verb)
{
	size_t k;

	for (k = 0; k < sizeof(calls) / sizeof(calls[0]); k++)
		if (sl_eq(verb, calls[k].name))
			return &calls[k];
	return NULL;
}

unsigned int trace_cmd_idx_(const struct cmd_def *cd)
{
	return (unsigned int)(cd - cmds);
}

const struct cmd_def *trace_cmd_at_(unsigned int idx)
{
	return &cmds[idx];
}

unsigned int trace_call_idx_(const struct call_def *cd)
{
	return (unsigned int)(cd - calls);
}

const struct call_def *trace_call_at_(unsigned int idx)
{
	return &calls[idx];
}

const char *rlm_trace_status_name(unsigned int status)
{
	return rlm_rmi_status_name(status);
}

