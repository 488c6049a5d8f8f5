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
	{ #verb, RLM_SMC_RMI_##name, in, TR_##name, out },

/* ---- RMI 2.0 ------------------------------------------------------------
 * Keys are the argument names of TF-RMM main 9a7f8ef's smc-rmi.h command
 * comments (Arm DEN0137 2.0 beta) in lower case, in X1.. order.
 */
static const struct key_def k2_version[] = {
	{ "req", K_VAL, 1, false, RLM_RMI_ABI_VERSION_2_0 },
};
static const struct key_def k2_range[] = {
	{ "base", K_VAL, 1, true, 0 },
	{ "top", K_VAL, 2, true, 0 },
};
static const struct key_def k2_tracking_set[] = {
	{ "addr", K_VAL, 1, true, 0 },
	{ "category", K_VAL, 2, true, 0 },
	{ "state", K_VAL, 3, true, 0 },
};
static const struct key_def k2_map[] = {
	{ "rd", K_VAL, 1, true, 0 },
	{ "base", K_VAL, 2, true, 0 },
	{ "top", K_VAL, 3, true, 0 },
	{ "flags", K_VAL, 4, true, 0 },
	{ "oaddr", K_VAL, 5, true, 0 },
};
static const struct key_def k2_op[] = {
	{ "handle", K_VAL, 1, false, 0 },   /* default: the last INCOMPLETE's */
	{ "flags", K_VAL, 2, false, 0 },
};
static const struct key_def k2_cancel[] = {
	{ "handle", K_VAL, 1, false, 0 },
};
static const struct key_def k2_donate[] = {
	[OD_HANDLE] = { "handle", K_VAL, 1, false, 0 },
	[OD_LIST] = { "list", K_ALIST, 0, true, 0 },
	[OD_COUNT] = { "count", K_VAL, 0, false, 0 },  /* default: the items */
	[OD_STATE] = { "state", K_MSTATE, 0, false, 0 }, /* default: as asked */
};
static const struct key_def k2_reclaim[] = {
	[OR_HANDLE] = { "handle", K_VAL, 1, false, 0 },
	[OR_COUNT] = { "count", K_VAL, 3, false, RLM_RMI_ADDR_LIST_MAX },
};
static const struct key_def k2_config_set[] = {
	[CF_TRACKING_REGION_SIZE] = { "tracking_region_size", K_VAL, 0, false, 0 },
	[CF_GRANULE_SIZE] = { "granule_size", K_GRANSZ, 0, false,
			      RLM_RMI_GRANULE_SIZE_4KB },
	[CF_CONFIG] = { "config", K_VAL, 0, false, 0 },
};
static const struct key_def k2_config_get[] = {
	{ "config", K_VAL, 0, false, 0 },
};
static const struct key_def k2_realm_create[] = {
	[R2_RD] = { "rd", K_VAL, 1, true, 0 },
	[R2_LPA2] = { "lpa2", K_BOOL, 0, false, 0 },
	[R2_SVE] = { "sve", K_BOOL, 0, false, 0 },
	[R2_PMU] = { "pmu", K_BOOL, 0, false, 0 },
	[R2_FLAGS0] = { "flags0", K_VAL, 0, false, 0 },
	[R2_S2SZ] = { "s2sz", K_U32, 0, false, 40 },
	[R2_SVE_VL] = { "sve_vl", K_U32, 0, false, 0 },
	[R2_NUM_BPS] = { "num_bps", K_U32, 0, false, 1 },
	[R2_NUM_WPS] = { "num_wps", K_U32, 0, false, 1 },
	[R2_PMU_NUM_CTRS] = { "pmu_num_ctrs", K_U32, 0, false, 0 },
	[R2_HASH] = { "hash", K_HASH, 0, false, RLM_RMI_HASH_SHA_256 },
	[R2_RPV] = { "rpv", K_HEX64, 0, false, 0 },
	[R2_RTT_BASE] = { "rtt_base", K_VAL, 0, true, 0 },
	[R2_RTT_LEVEL_START] = { "rtt_level_start", K_VAL, 0, false, 1 },
	[R2_RTT_NUM_START] = { "rtt_num_start", K_U32, 0, false, 1 },
	[R2_FLAGS1] = { "flags1", K_VAL, 0, false, 0 },
	[R2_NUM_AUX_PLANES] = { "num_aux_planes", K_U32, 0, false, 0 },
	[R2_ATS_PLANE] = { "ats_plane", K_VAL, 0, false, 0 },
	[R2_AUX_RTT_BASE] = { "aux_rtt_base", K_LIST3, 0, false, 0 },
	[R2_PARAMS] = { "params", K_VAL, 0, false, 0 },
};
static const struct key_def k2_rec_create[] = {
	[E2_RD] = { "rd", K_VAL, 1, true, 0 },
	[E2_REC] = { "rec", K_VAL, 2, true, 0 },
	[E2_RUNNABLE] = { "runnable", K_BOOL, 0, false, 1 },
	[E2_MPIDR] = { "mpidr", K_VAL, 0, false, 0 },
	[E2_PC] = { "pc", K_VAL, 0, false, 0 },
	[E2_GPRS] = { "gprs", K_GPRS, 0, false, 0 },
	[E2_FLAGS] = { "flags", K_VAL, 0, false, 0 },
	[E2_PARAMS] = { "params", K_VAL, 0, false, 0 },
};
/* Commands librealm does not model yet: their registers by number. */
static const struct key_def k2_raw[] = {
	{ "x1", K_VAL, 1, true, 0 }, { "x2", K_VAL, 2, true, 0 },
	{ "x3", K_VAL, 3, true, 0 }, { "x4", K_VAL, 4, true, 0 },
	{ "x5", K_VAL, 5, true, 0 }, { "x6", K_VAL, 6, true, 0 },
};

/*
 * The 2.0 commands are the rows of RLM_RMI2_COMMANDS (realm/abi2.h): verb,
 * FID and register counts from there; here per command its line type,
 * result printer and keys (TR2_<NAME>(in)).  RAW: keys x1..x<in>, results
 * x1..x<out> printed in hex; NONE: registers not known at the pin.
 */
#define RAW(in) T_RAW, O_RAW, k2_raw, (unsigned int)(in)
#define NONE(in) T_UNKNOWN, O_NONE, k_none, 0
#define TR2_VERSION(in) T_RMI, O_VERSION, KEYS(k2_version)
#define TR2_RTT_DATA_MAP_INIT(in) T_RMI, O_NONE, KEYS(k_data_create)
#define TR2_REALM_ACTIVATE(in) T_RMI, O_NONE, KEYS(k_rd)
#define TR2_REALM_CREATE(in) T_REALM_CREATE2, O_NONE, KEYS(k2_realm_create)
#define TR2_REALM_DESTROY(in) T_RMI, O_NONE, KEYS(k_rd)
#define TR2_REC_CREATE(in) T_REC_CREATE2, O_NONE, KEYS(k2_rec_create)
#define TR2_REC_DESTROY(in) T_RMI, O_NONE, KEYS(k_rec)
#define TR2_REC_ENTER(in) T_RMI, O_REC_ENTER2, KEYS(k_rec_enter)
#define TR2_RTT_CREATE(in) T_RMI, O_NONE, KEYS(k_rtt_create)
#define TR2_RTT_DESTROY(in) T_RMI, O_RTT_DESTROY, KEYS(k_rd_ipa_level)
#define TR2_RTT_READ_ENTRY(in) T_RMI, O_READ_ENTRY2, KEYS(k_rd_ipa_level)
#define TR2_RTT_DEV_VALIDATE(in) RAW(in)
#define TR2_PSCI_COMPLETE(in) T_RMI, O_NONE, KEYS(k_psci_complete)
#define TR2_FEATURES(in) T_RMI, O_VALUE, KEYS(k_features)
#define TR2_RTT_FOLD(in) T_RMI, O_FOLD, KEYS(k_rd_ipa_level)
#define TR2_RTT_INIT_RIPAS(in) T_RMI, O_TOP, KEYS(k_init_ripas)
#define TR2_RTT_SET_RIPAS(in) T_RMI, O_TOP, KEYS(k_set_ripas)
#define TR2_VSMMU_CREATE(in) NONE(in)
#define TR2_VSMMU_DESTROY(in) NONE(in)
#define TR2_VSMMU_MAP(in) NONE(in)
#define TR2_VSMMU_UNMAP(in) NONE(in)
#define TR2_RMM_CONFIG_SET(in) T_CONFIG_SET, O_NONE, KEYS(k2_config_set)
#define TR2_PSMMU_IRQ_NOTIFY(in) NONE(in)
#define TR2_PDEV_ABORT(in) RAW(in)
#define TR2_PDEV_COMMUNICATE(in) RAW(in)
#define TR2_PDEV_CREATE(in) RAW(in)
#define TR2_PDEV_DESTROY(in) RAW(in)
#define TR2_PDEV_GET_STATE(in) RAW(in)
#define TR2_PDEV_STREAM_KEY_REFRESH(in) RAW(in)
#define TR2_PDEV_SET_PUBKEY(in) RAW(in)
#define TR2_PDEV_STOP(in) RAW(in)
#define TR2_RTT_AUX_CREATE(in) RAW(in)
#define TR2_RTT_AUX_DESTROY(in) RAW(in)
#define TR2_RTT_AUX_FOLD(in) RAW(in)
#define TR2_RTT_AUX_MAP_PROTECTED(in) RAW(in)
#define TR2_RTT_AUX_MAP_UNPROTECTED(in) RAW(in)
#define TR2_RTT_AUX_UNMAP_PROTECTED(in) RAW(in)
#define TR2_RTT_AUX_UNMAP_UNPROTECTED(in) RAW(in)
#define TR2_VDEV_ABORT(in) RAW(in)
#define TR2_VDEV_COMMUNICATE(in) RAW(in)
#define TR2_VDEV_CREATE(in) RAW(in)
#define TR2_VDEV_DESTROY(in) RAW(in)
#define TR2_VDEV_GET_STATE(in) RAW(in)
#define TR2_VDEV_UNLOCK(in) RAW(in)
#define TR2_RTT_SET_S2AP(in) T_RMI, O_TOP, KEYS(k_set_ripas)
#define TR2_VDEV_COMPLETE(in) RAW(in)
#define TR2_VDEV_GET_INTERFACE_REPORT(in) RAW(in)
#define TR2_VDEV_GET_MEASUREMENTS(in) RAW(in)
#define TR2_VDEV_LOCK(in) RAW(in)
#define TR2_VDEV_START(in) RAW(in)
#define TR2_PSMMU_ACTIVATE(in) RAW(in)
#define TR2_PSMMU_DEACTIVATE(in) RAW(in)
#define TR2_PSMMU_ST_L2_CREATE(in) RAW(in)
#define TR2_PSMMU_ST_L2_DESTROY(in) RAW(in)
#define TR2_GRANULE_TRACKING_GET(in) T_RMI, O_TRACKING, KEYS(k2_range)
#define TR2_GRANULE_TRACKING_SET(in) T_RMI, O_NONE, KEYS(k2_tracking_set)
#define TR2_RMM_CONFIG_GET(in) T_CONFIG_GET, O_CONFIG, KEYS(k2_config_get)
#define TR2_GRANULE_RANGE_DELEGATE(in) T_RMI, O_NEXT, KEYS(k2_range)
#define TR2_GRANULE_RANGE_UNDELEGATE(in) T_RMI, O_NEXT, KEYS(k2_range)
#define TR2_GPT_L1_CREATE(in) T_RMI, O_NONE, KEYS(k_addr)
#define TR2_GPT_L1_DESTROY(in) T_RMI, O_NONE, KEYS(k_addr)
#define TR2_RTT_DATA_MAP(in) T_RMI, O_TOP, KEYS(k2_map)
#define TR2_RTT_DATA_UNMAP(in) T_RMI, O_UNMAP, KEYS(k2_map)
#define TR2_RTT_DEV_MAP(in) RAW(in)
#define TR2_RTT_DEV_UNMAP(in) RAW(in)
#define TR2_RTT_UNPROT_MAP(in) T_RMI, O_TOP, KEYS(k2_map)
#define TR2_RTT_UNPROT_UNMAP(in) T_RMI, O_UNMAP, KEYS(k2_map)
#define TR2_REALM_TERMINATE(in) T_RMI, O_NONE, KEYS(k_rd)
#define TR2_RMM_ACTIVATE(in) T_RMI, O_NONE, k_none, 0
#define TR2_OP_CONTINUE(in) T_OP, O_NONE, KEYS(k2_op)
#define TR2_PDEV_STREAM_CONNECT(in) RAW(in)
#define TR2_PDEV_STREAM_DISCONNECT(in) RAW(in)
#define TR2_PDEV_STREAM_COMPLETE(in) RAW(in)
#define TR2_PDEV_STREAM_KEY_PURGE(in) RAW(in)
#define TR2_OP_MEM_DONATE(in) T_OP_DONATE, O_CONSUMED, KEYS(k2_donate)
#define TR2_OP_MEM_RECLAIM(in) T_OP_RECLAIM, O_RECLAIM, KEYS(k2_reclaim)
#define TR2_OP_CANCEL(in) T_OP, O_NONE, KEYS(k2_cancel)

/* RAW rows take x1..x<in> from k2_raw: every 2.0 row fits it. */
#define RAW_FITS(name, verb, in, out) \
	_Static_assert((in) <= (int)(sizeof(k2_raw) / sizeof(k2_raw[0])) && \
		       (out) <= 9, "RMI2 " #name ": more registers than k2_raw");
RLM_RMI2_COMMANDS(RAW_FITS)

#define TR2_ROW(name, verb, in, out) \
	{ #verb, RLM_SMC_RMI2_##name, (in) < 0 ? 0u : (unsigned int)(in), \
	  TR2_##name(in), (out) < 0 ? 0u : (unsigned int)(out) },

/* 1.0 rows, the runner's own lines (both versions), 2.0 rows. */
static const struct cmd_def cmds[] = {
	RLM_RMI_COMMANDS(TR_ROW)
	/* the runner's own lines */
	{ "measurement", 0, 0, T_MEASUREMENT, O_NONE, KEYS(k_measurement), 0 },
	{ "ns_fill", 0, 0, T_NS_FILL, O_NONE, k_none, 0, 0 },
	{ "ns_write", 0, 0, T_NS_WRITE, O_NONE, KEYS(k_ns_write), 0 },
	{ "realm", 0, 0, T_REALM, O_NONE, KEYS(k_rec), 0 },
	RLM_RMI2_COMMANDS(TR2_ROW)
};

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))
#define NOWN 4u
/* an operator and an operand to chain, so no parentheses */
#define COUNT_ROW(name, verb, in, out) + 1 /* NOLINT(bugprone-macro-parentheses) */
enum { N10 = 0 RLM_RMI_COMMANDS(COUNT_ROW) };
_Static_assert(NCMDS <= 255, "a record names its command in a byte");

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

const struct cmd_def *trace_cmd_find_(unsigned int abi, struct slice verb)
{
	/* 1.0: [0, N10 + NOWN); 2.0: [N10, NCMDS) (the own lines in both) */
	size_t k = abi == RLM_RMI_V2_0 ? N10 : 0;
	size_t end = abi == RLM_RMI_V2_0 ? NCMDS : N10 + NOWN;

	for (; k < end; k++)
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

