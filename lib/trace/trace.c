/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RMI trace runner: parser, executor and printer of the trace format
 * in docs/rmi-trace.md.  Userspace; no global state, no allocation; every
 * read is bounded by the caller's length.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <realm/abi.h>
#include <realm/error.h>
#include <realm/hex.h>
#include <realm/mock.h>
#include <realm/pack.h>
#include <realm/rmi.h>
#include <realm/trace.h>

#include "abi/call.h"

/* The mock's pseudo calls for a trapped WFI/WFE (realm/mock.h). */
#ifndef RLM_MOCK_REALM_WFI
#define RLM_MOCK_REALM_WFI UINT64_C(0xffff0000f1f10001)
#define RLM_MOCK_REALM_WFE UINT64_C(0xffff0000f1f10002)
#endif

/* ---- Tables ------------------------------------------------------------ */

enum kkind {
	K_VAL,     /* any value expression (64-bit) */
	K_BOOL,    /* 0 or 1 */
	K_U8,
	K_U16,
	K_U32,
	K_HASH,    /* sha256 | sha512 | N (8-bit) */
	K_RIPAS,   /* empty | ram | destroyed | N (8-bit) */
	K_HEX64,   /* up to 64 bytes of hex */
	K_HEXPAGE, /* up to 4096 bytes of hex */
	K_AUX,     /* list of granules: gA..gB, comma separated items */
	K_GPRS,    /* up to 8 comma-separated values */
};

struct key_def {
	const char *name;
	enum kkind kind;
	unsigned char reg;      /* X register it goes to (0: none) */
	bool required;
	uint64_t dflt;
};

enum ctype {
	T_RMI,          /* plain registers */
	T_REALM_CREATE, /* + RmiRealmParams */
	T_REC_CREATE,   /* + RmiRecParams */
	T_MEASUREMENT,  /* introspection */
	T_NS_FILL,
	T_NS_WRITE,
	T_REALM,        /* queue a realm call */
};

enum otype {
	O_NONE, O_VERSION, O_VALUE, O_COUNT, O_RTT_DESTROY, O_FOLD,
	O_READ_ENTRY, O_TOP, O_DATA_DESTROY, O_REC_ENTER,
};

#define MAX_KEYS 20

struct cmd_def {
	const char *name;
	uint64_t fid;
	unsigned int nregs;     /* argument registers X1..X<nregs> */
	enum ctype type;
	enum otype out;
	const struct key_def *keys;
	unsigned int nkeys;
};

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
enum {
	RC_RD, RC_LPA2, RC_SVE, RC_PMU, RC_S2SZ, RC_SVE_VL, RC_NUM_BPS,
	RC_NUM_WPS, RC_PMU_NUM_CTRS, RC_HASH, RC_RPV, RC_VMID, RC_RTT_BASE,
	RC_RTT_LEVEL_START, RC_RTT_NUM_START, RC_FLAGS, RC_PARAMS,
};
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
enum {
	RE_RD, RE_REC, RE_RUNNABLE, RE_MPIDR, RE_PC, RE_GPRS, RE_AUX,
	RE_FLAGS, RE_PARAMS,
};
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

/* Realm calls: keys go to X1.. in order unless the kind says otherwise. */
enum rkind { R_PLAIN, R_EXTEND, R_TOKEN_INIT, R_HOST_CALL, R_SMC };

struct call_def {
	const char *name;
	uint64_t fid;
	unsigned int nregs;     /* argument registers X1..X<nregs> */
	enum rkind kind;
	const struct key_def *keys;
	unsigned int nkeys;
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

#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))
#define NCALLS (sizeof(calls) / sizeof(calls[0]))

/* Statuses: the names of rlm_rmi_status_name() (RLM_RMI_STATUSES). */
#define NSTATUS (RLM_RMI_STATUS_LAST + 1u)
/* Pseudo-status of a call the RMM does not know (X0 = -1). */
#define ST_SMC_UNKNOWN 0x100u

const char *rlm_trace_status_name(unsigned int status)
{
	return rlm_rmi_status_name(status);
}

/* ---- Parsed line -------------------------------------------------------- */

#define MAX_AUX 64
#define MAX_GPRS RLM_REC_CREATE_NR_GPRS
#define MAX_HEX 4096

struct pline {
	unsigned int lineno;
	const struct cmd_def *cmd;
	const struct call_def *call;    /* realm lines */
	uint64_t v[MAX_KEYS];           /* by index into cmd->keys */
	uint32_t have;
	uint64_t cv[MAX_KEYS];          /* realm lines: by index into call->keys */
	uint32_t chave;
	uint64_t pos[2];                /* ns_fill / ns_write positionals */
	unsigned int npos;
	uint64_t aux[MAX_AUX];
	unsigned int naux;
	uint64_t gprs[MAX_GPRS];
	unsigned int ngprs;
	uint8_t hex[MAX_HEX];
	size_t hexlen;
	bool has_exp;
	unsigned int exp_status;
	int exp_index;                  /* -1: not given */
};

struct limits {
	uint64_t pool_base, pool_granules, ns_base, ns_granules;
};

struct ctx {
	const struct rlm_trace_env *env;
	struct limits lim;
	struct rlm_trace_result *res;
	/* rec -> rd, learnt from successful rec_create (host_call imm=) */
	uint64_t rec_rd[64][2];
	unsigned int nrec;
	rlm_trace_print_fn print_fn;
	void *print_arg;
};

struct slice {
	const char *p;
	size_t n;
};

static bool sl_eq(struct slice s, const char *lit)
{
	size_t n = strlen(lit);

	return s.n == n && !memcmp(s.p, lit, n);
}

/* Set the error (first one wins); always returns RLM_EMALFORMED. */
static int perr(struct rlm_trace_result *res, unsigned int line,
		const char *what, struct slice tok)
{
	size_t n = tok.n > 40 ? 40 : tok.n;

	if (res->error_line)
		return RLM_EMALFORMED;
	res->error_line = line;
	if (tok.p)
		snprintf(res->error, sizeof(res->error), "%s '%.*s%s'", what,
			 (int)n, tok.p, tok.n > n ? "..." : "");
	else
		snprintf(res->error, sizeof(res->error), "%s", what);
	return RLM_EMALFORMED;
}

/* ---- Values -------------------------------------------------------------- */

enum vres { V_OK = 0, V_BAD = 1, V_RANGE = 2 };

/* *x = *x * 10 + d; nonzero on overflow. */
static int mul10_add(uint64_t *x, unsigned int d)
{
	if (*x > UINT64_MAX / 10 ||
	    (*x == UINT64_MAX / 10 && d > UINT64_MAX % 10))
		return 1;
	*x = *x * 10 + d;
	return 0;
}

/* Digits only (decimal), no sign, no suffix: a granule index. */
static enum vres parse_index(struct slice s, uint64_t *v)
{
	uint64_t x = 0;
	size_t i;

	if (!s.n)
		return V_BAD;
	for (i = 0; i < s.n; i++) {
		if (s.p[i] < '0' || s.p[i] > '9')
			return V_BAD;
		if (mul10_add(&x, (unsigned int)(s.p[i] - '0')))
			return V_RANGE;
	}
	*v = x;
	return V_OK;
}

/* [-] (0x HEX | DEC) [K|M|G] */
static enum vres parse_int(struct slice s, uint64_t *v)
{
	bool neg = false;
	unsigned int shift = 0;
	uint64_t x = 0;
	size_t i;

	if (s.n && s.p[0] == '-') {
		neg = true;
		s.p++;
		s.n--;
	}
	if (s.n && (s.p[s.n - 1] == 'K' || s.p[s.n - 1] == 'M' ||
		    s.p[s.n - 1] == 'G')) {
		shift = s.p[s.n - 1] == 'K' ? 10 : s.p[s.n - 1] == 'M' ? 20 : 30;
		s.n--;
	}
	if (!s.n)
		return V_BAD;
	if (s.n > 2 && s.p[0] == '0' && (s.p[1] == 'x' || s.p[1] == 'X')) {
		for (i = 2; i < s.n; i++) {
			int d = rlm_hex_digit(s.p[i]);

			if (d < 0)
				return V_BAD;
			if (x >> 60)
				return V_RANGE;
			x = (x << 4) | (uint64_t)d;
		}
	} else {
		for (i = 0; i < s.n; i++) {
			if (s.p[i] < '0' || s.p[i] > '9')
				return V_BAD;
			if (mul10_add(&x, (unsigned int)(s.p[i] - '0')))
				return V_RANGE;
		}
	}
	if (shift && x > (UINT64_MAX >> shift))
		return V_RANGE;
	x <<= shift;
	if (neg) {
		if (x > (UINT64_C(1) << 63))
			return V_RANGE;
		x = (uint64_t)0 - x;
	}
	*v = x;
	return V_OK;
}

static enum vres parse_term(const struct limits *lim, struct slice s,
			    uint64_t *v)
{
	uint64_t n;
	enum vres r;

	if (s.n >= 2 && s.p[0] == 'g' && s.p[1] >= '0' && s.p[1] <= '9') {
		r = parse_index((struct slice){ s.p + 1, s.n - 1 }, &n);
		if (r)
			return r;
		if (n >= lim->pool_granules)
			return V_RANGE;
		*v = lim->pool_base + n * RLM_GRANULE_SIZE;
		return V_OK;
	}
	if (s.n >= 3 && s.p[0] == 'n' && s.p[1] == 's' && s.p[2] >= '0' &&
	    s.p[2] <= '9') {
		r = parse_index((struct slice){ s.p + 2, s.n - 2 }, &n);
		if (r)
			return r;
		if (n >= lim->ns_granules)
			return V_RANGE;
		*v = lim->ns_base + n * RLM_GRANULE_SIZE;
		return V_OK;
	}
	return parse_int(s, v);
}

/* term ('|' term)* */
static enum vres parse_expr(const struct limits *lim, struct slice s,
			    uint64_t *v)
{
	uint64_t acc = 0, t;
	size_t i, start = 0;
	enum vres r;

	if (!s.n)
		return V_BAD;
	for (i = 0; i <= s.n; i++) {
		if (i < s.n && s.p[i] != '|')
			continue;
		r = parse_term(lim, (struct slice){ s.p + start, i - start }, &t);
		if (r)
			return r;
		acc |= t;
		start = i + 1;
	}
	*v = acc;
	return V_OK;
}

static enum vres parse_hex(struct slice s, uint8_t *out, size_t cap,
			   size_t *len)
{
	long n;

	if (s.n >= 2 && s.p[0] == '0' && (s.p[1] == 'x' || s.p[1] == 'X')) {
		s.p += 2;
		s.n -= 2;
	}
	if (!s.n)
		return V_BAD;
	n = rlm_hex_decode(s.p, s.n, out, cap);
	if (n == RLM_ENOSPC)
		return V_RANGE;
	if (n < 0)
		return V_BAD;
	*len = (size_t)n;
	return V_OK;
}

/* Find ".." in s; its offset or s.n. */
static size_t find_dots(struct slice s)
{
	size_t i;

	for (i = 0; i + 1 < s.n; i++)
		if (s.p[i] == '.' && s.p[i + 1] == '.')
			return i;
	return s.n;
}

/* Comma-separated items; with ranges (A..B, 4K step) if allow_range. */
static enum vres parse_list(const struct limits *lim, struct slice s,
			    bool allow_range, uint64_t *out, unsigned int cap,
			    unsigned int *count)
{
	size_t i, start = 0;
	unsigned int n = 0;
	enum vres r;

	if (!s.n)
		return V_BAD;
	for (i = 0; i <= s.n; i++) {
		struct slice it;
		size_t dots;
		uint64_t a, b;

		if (i < s.n && s.p[i] != ',')
			continue;
		it = (struct slice){ s.p + start, i - start };
		start = i + 1;
		dots = find_dots(it);
		if (dots < it.n) {
			if (!allow_range)
				return V_BAD;
			r = parse_expr(lim, (struct slice){ it.p, dots }, &a);
			if (!r)
				r = parse_expr(lim, (struct slice){
					it.p + dots + 2, it.n - dots - 2 }, &b);
			if (r)
				return r;
			if (b < a || (b - a) % RLM_GRANULE_SIZE)
				return V_BAD;
			if ((b - a) / RLM_GRANULE_SIZE >= cap - n)
				return V_RANGE;
			for (;;) {
				out[n++] = a;
				if (a == b)
					break;
				a += RLM_GRANULE_SIZE;
			}
		} else {
			if (n >= cap)
				return V_RANGE;
			r = parse_expr(lim, it, &out[n]);
			if (r)
				return r;
			n++;
		}
	}
	*count = n;
	return V_OK;
}

/* One key=value into the line (keyed by def index). */
static int parse_value(struct ctx *c, struct pline *pl,
		       const struct key_def *k, struct slice val,
		       uint64_t *slot)
{
	enum vres r = V_OK;
	uint64_t v = 0;

	switch (k->kind) {
	case K_HASH:
		if (sl_eq(val, "sha256"))
			v = RLM_RMI_HASH_SHA_256;
		else if (sl_eq(val, "sha512"))
			v = RLM_RMI_HASH_SHA_512;
		else if (!(r = parse_int(val, &v)) && v > 0xff)
			r = V_RANGE;
		break;
	case K_RIPAS:
		if (sl_eq(val, "empty"))
			v = RLM_RIPAS_EMPTY;
		else if (sl_eq(val, "ram"))
			v = RLM_RIPAS_RAM;
		else if (sl_eq(val, "destroyed"))
			v = RLM_RIPAS_DESTROYED;
		else if (!(r = parse_int(val, &v)) && v > 0xff)
			r = V_RANGE;
		break;
	case K_HEX64:
		r = parse_hex(val, pl->hex, 64, &pl->hexlen);
		break;
	case K_HEXPAGE:
		r = parse_hex(val, pl->hex, MAX_HEX, &pl->hexlen);
		break;
	case K_AUX:
		r = parse_list(&c->lim, val, true, pl->aux, MAX_AUX, &pl->naux);
		break;
	case K_GPRS:
		r = parse_list(&c->lim, val, false, pl->gprs, MAX_GPRS,
			       &pl->ngprs);
		break;
	default:
		r = parse_expr(&c->lim, val, &v);
		if (r)
			break;
		if ((k->kind == K_BOOL && v > 1) ||
		    (k->kind == K_U8 && v > 0xff) ||
		    (k->kind == K_U16 && v > 0xffff) ||
		    (k->kind == K_U32 && v > 0xffffffff))
			r = V_RANGE;
		break;
	}
	if (r) {
		char what[48];

		snprintf(what, sizeof(what), "%s for %s",
			 r == V_RANGE ? "value out of range" : "bad value",
			 k->name);
		return perr(c->res, pl->lineno, what, val);
	}
	*slot = v;
	return 0;
}

static bool key_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
	       ch == '_';
}

/* tok is "key=value": find the key in defs and store the value. */
static int parse_kv(struct ctx *c, struct pline *pl, struct slice tok,
		    const struct key_def *defs, unsigned int ndefs,
		    uint64_t *vals, uint32_t *have)
{
	struct slice key, val;
	size_t eq;
	unsigned int i;

	for (eq = 0; eq < tok.n && tok.p[eq] != '='; eq++)
		;
	if (eq == tok.n || eq == 0)
		return perr(c->res, pl->lineno, "expected key=value, got", tok);
	key = (struct slice){ tok.p, eq };
	val = (struct slice){ tok.p + eq + 1, tok.n - eq - 1 };
	for (i = 0; i < key.n; i++)
		if (!key_char(key.p[i]))
			return perr(c->res, pl->lineno, "bad key", key);
	for (i = 0; i < ndefs; i++)
		if (sl_eq(key, defs[i].name))
			break;
	if (i == ndefs)
		return perr(c->res, pl->lineno, "unknown key", key);
	if (*have & (UINT32_C(1) << i))
		return perr(c->res, pl->lineno, "duplicate key", key);
	*have |= UINT32_C(1) << i;
	return parse_value(c, pl, &defs[i], val, &vals[i]);
}

static int check_required(struct ctx *c, struct pline *pl,
			  const struct key_def *defs, unsigned int ndefs,
			  uint64_t *vals, uint32_t have)
{
	unsigned int i;

	for (i = 0; i < ndefs; i++) {
		if (have & (UINT32_C(1) << i))
			continue;
		if (defs[i].required)
			return perr(c->res, pl->lineno, "missing required key",
				    (struct slice){ defs[i].name,
						    strlen(defs[i].name) });
		vals[i] = defs[i].dflt;
	}
	return 0;
}

static bool blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

/* Next whitespace-separated token of *s (advances *s); n == 0 at end. */
static struct slice next_tok(struct slice *s)
{
	struct slice t;

	while (s->n && blank(s->p[0])) {
		s->p++;
		s->n--;
	}
	t.p = s->p;
	t.n = 0;
	while (t.n < s->n && !blank(s->p[t.n]))
		t.n++;
	s->p += t.n;
	s->n -= t.n;
	return t;
}

/* "=> STATUS[/INDEX]" (s starts after "=>"). */
static int parse_expect(struct ctx *c, struct pline *pl, struct slice s)
{
	struct slice st = next_tok(&s), rest, name, idx;
	size_t slash;
	uint64_t ix;
	unsigned int i;

	if (!st.n)
		return perr(c->res, pl->lineno, "missing status after =>",
			    (struct slice){ NULL, 0 });
	rest = next_tok(&s);
	if (rest.n)
		return perr(c->res, pl->lineno, "garbage after expectation",
			    rest);
	for (slash = 0; slash < st.n && st.p[slash] != '/'; slash++)
		;
	name = (struct slice){ st.p, slash };
	for (i = 0; i < NSTATUS; i++)
		if (sl_eq(name, rlm_rmi_status_name(i)))
			break;
	if (i == NSTATUS) {
		if (!sl_eq(name, "SMC_UNKNOWN"))
			return perr(c->res, pl->lineno, "unknown status", name);
		i = ST_SMC_UNKNOWN;
	}
	pl->exp_status = i;
	pl->exp_index = -1;
	if (slash < st.n) {
		idx = (struct slice){ st.p + slash + 1, st.n - slash - 1 };
		if (parse_index(idx, &ix) || ix > 255)
			return perr(c->res, pl->lineno, "bad expected index",
				    idx);
		pl->exp_index = (int)ix;
	}
	pl->has_exp = true;
	return 0;
}

/* Parse one line (without its newline).  Returns 0 with pl->cmd == NULL
 * for a blank or comment-only line. */
static int parse_line(struct ctx *c, struct pline *pl, struct slice line)
{
	struct slice tok, body;
	size_t i, arrow;
	unsigned int k;
	int err;

	pl->cmd = NULL;
	pl->call = NULL;
	/* Every key gets its value or default in check_required(); zeroing
	 * first keeps a stale value from an earlier line out of reach. */
	memset(pl->v, 0, sizeof(pl->v));
	memset(pl->cv, 0, sizeof(pl->cv));
	pl->have = pl->chave = 0;
	pl->npos = pl->naux = pl->ngprs = 0;
	pl->hexlen = 0;
	pl->has_exp = false;
	pl->exp_index = -1;

	for (i = 0; i < line.n && line.p[i] != '#'; i++) {
		unsigned char ch = (unsigned char)line.p[i];

		if ((ch < 0x20 && ch != '\t' && ch != '\r') || ch >= 0x7f)
			return perr(c->res, pl->lineno,
				    "invalid character in line",
				    (struct slice){ NULL, 0 });
	}
	body = (struct slice){ line.p, i };
	for (arrow = 0; arrow + 1 < body.n; arrow++)
		if (body.p[arrow] == '=' && body.p[arrow + 1] == '>')
			break;
	if (arrow + 1 < body.n) {
		struct slice ex = { body.p + arrow + 2, body.n - arrow - 2 };

		body.n = arrow;
		tok = body;
		if (!next_tok(&tok).n)
			return perr(c->res, pl->lineno,
				    "expectation without a command",
				    (struct slice){ NULL, 0 });
		err = parse_expect(c, pl, ex);
		if (err)
			return err;
	}
	tok = next_tok(&body);
	if (!tok.n)
		return 0;
	for (k = 0; k < NCMDS; k++)
		if (sl_eq(tok, cmds[k].name))
			break;
	if (k == NCMDS)
		return perr(c->res, pl->lineno, "unknown command", tok);
	pl->cmd = &cmds[k];

	if (pl->cmd->type == T_NS_FILL || pl->cmd->type == T_NS_WRITE ||
	    pl->cmd->type == T_REALM)
		if (pl->has_exp)
			return perr(c->res, pl->lineno,
				    "no result to expect for", tok);

	while ((tok = next_tok(&body)).n) {
		bool has_eq = memchr(tok.p, '=', tok.n) != NULL;

		if (pl->cmd->type == T_NS_FILL || pl->cmd->type == T_NS_WRITE) {
			if (!has_eq) {
				enum vres r;

				if (pl->npos >= (pl->cmd->type == T_NS_FILL ?
						 2u : 1u))
					return perr(c->res, pl->lineno,
						    "too many values", tok);
				r = parse_expr(&c->lim, tok,
					       &pl->pos[pl->npos]);
				if (r == V_RANGE)
					return perr(c->res, pl->lineno,
						    "value out of range", tok);
				if (r)
					return perr(c->res, pl->lineno,
						    "bad value", tok);
				pl->npos++;
				continue;
			}
		} else if (pl->cmd->type == T_REALM && !has_eq) {
			if (pl->call)
				return perr(c->res, pl->lineno,
					    "second realm call", tok);
			for (k = 0; k < NCALLS; k++)
				if (sl_eq(tok, calls[k].name))
					break;
			if (k == NCALLS)
				return perr(c->res, pl->lineno,
					    "unknown realm call", tok);
			pl->call = &calls[k];
			continue;
		}
		if (pl->call)
			err = parse_kv(c, pl, tok, pl->call->keys,
				       pl->call->nkeys, pl->cv, &pl->chave);
		else
			err = parse_kv(c, pl, tok, pl->cmd->keys,
				       pl->cmd->nkeys, pl->v, &pl->have);
		if (err)
			return err;
	}

	err = check_required(c, pl, pl->cmd->keys, pl->cmd->nkeys, pl->v,
			     pl->have);
	if (err)
		return err;
	switch (pl->cmd->type) {
	case T_NS_FILL:
		if (pl->npos != 2)
			return perr(c->res, pl->lineno,
				    "ns_fill needs an address and a byte",
				    (struct slice){ NULL, 0 });
		if (pl->pos[0] & RLM_GRANULE_MASK)
			return perr(c->res, pl->lineno,
				    "ns_fill address is not granule aligned",
				    (struct slice){ NULL, 0 });
		if (pl->pos[1] > 0xff)
			return perr(c->res, pl->lineno,
				    "ns_fill byte out of range",
				    (struct slice){ NULL, 0 });
		break;
	case T_NS_WRITE:
		if (pl->npos != 1)
			return perr(c->res, pl->lineno,
				    "ns_write needs an address",
				    (struct slice){ NULL, 0 });
		if (pl->pos[0] & RLM_GRANULE_MASK)
			return perr(c->res, pl->lineno,
				    "ns_write address is not granule aligned",
				    (struct slice){ NULL, 0 });
		/* off + hex must stay inside the granule */
		if (pl->v[0] >= RLM_GRANULE_SIZE ||
		    pl->hexlen > RLM_GRANULE_SIZE - pl->v[0])
			return perr(c->res, pl->lineno,
				    "ns_write off/hex out of range: past the granule",
				    (struct slice){ NULL, 0 });
		break;
	case T_REALM:
		if (!pl->call)
			return perr(c->res, pl->lineno,
				    "realm line without a call",
				    (struct slice){ NULL, 0 });
		err = check_required(c, pl, pl->call->keys, pl->call->nkeys,
				     pl->cv, pl->chave);
		if (err)
			return err;
		break;
	default:
		break;
	}
	return 0;
}

/* Walks the lines of buf, calling fn for each parsed command. */
typedef int (*line_fn)(struct ctx *c, struct pline *pl);

static int walk(struct ctx *c, const char *buf, size_t len,
		struct pline *pl, line_fn fn)
{
	size_t pos = 0;
	unsigned int lineno = 0;
	int err;

	while (pos < len) {
		size_t end = pos;
		struct slice line;

		while (end < len && buf[end] != '\n')
			end++;
		lineno++;
		c->res->lines = lineno;
		pl->lineno = lineno;
		if (end - pos > RLM_TRACE_MAX_LINE)
			return perr(c->res, lineno, "line too long",
				    (struct slice){ NULL, 0 });
		line = (struct slice){ buf + pos, end - pos };
		pos = end < len ? end + 1 : end;
		err = parse_line(c, pl, line);
		if (err)
			return err;
		if (pl->cmd && fn) {
			err = fn(c, pl);
			if (err)
				return err;
		}
	}
	return 0;
}

/* ---- Execution --------------------------------------------------------- */

struct out {
	char s[RLM_TRACE_MAX_OUT];
	size_t n;
};

static void outf(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void outf(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (o->n >= sizeof(o->s) - 1)
		return;
	va_start(ap, fmt);
	r = vsnprintf(o->s + o->n, sizeof(o->s) - o->n, fmt, ap);
	va_end(ap);
	if (r > 0)
		o->n += (size_t)r < sizeof(o->s) - o->n ?
			(size_t)r : sizeof(o->s) - o->n - 1;
}

static int rerr(struct ctx *c, unsigned int line, int code, const char *msg,
		uint64_t v)
{
	c->res->error_line = line;
	snprintf(c->res->error, sizeof(c->res->error), "%s 0x%llx", msg,
		 (unsigned long long)v);
	return code;
}

/* A pool or NS granule's symbolic name, else hex. */
static void out_sym(struct ctx *c, struct out *o, uint64_t a)
{
	const struct limits *l = &c->lim;

	if (!(a & RLM_GRANULE_MASK) && a >= l->pool_base &&
	    (a - l->pool_base) / RLM_GRANULE_SIZE < l->pool_granules)
		outf(o, "g%llu", (unsigned long long)((a - l->pool_base) /
						      RLM_GRANULE_SIZE));
	else if (!(a & RLM_GRANULE_MASK) && a >= l->ns_base &&
		 (a - l->ns_base) / RLM_GRANULE_SIZE < l->ns_granules)
		outf(o, "ns%llu", (unsigned long long)((a - l->ns_base) /
						       RLM_GRANULE_SIZE));
	else
		outf(o, "0x%llx", (unsigned long long)a);
}

static bool is_sym(struct ctx *c, uint64_t a)
{
	const struct limits *l = &c->lim;

	return (a >= l->pool_base &&
		(a - l->pool_base) / RLM_GRANULE_SIZE < l->pool_granules) ||
	       (a >= l->ns_base &&
		(a - l->ns_base) / RLM_GRANULE_SIZE < l->ns_granules);
}

static void out_desc(struct ctx *c, struct out *o, uint64_t d)
{
	uint64_t pa = d & RLM_GENMASK(47, 12), attr = d & ~RLM_GENMASK(47, 12);

	if (!is_sym(c, pa)) {
		outf(o, "0x%llx", (unsigned long long)d);
		return;
	}
	out_sym(c, o, pa);
	if (attr)
		outf(o, "|0x%llx", (unsigned long long)attr);
}

static void out_name(struct out *o, const char *const *names, unsigned int n,
		     uint64_t v)
{
	if (v < n)
		outf(o, "%s", names[v]);
	else
		outf(o, "0x%llx", (unsigned long long)v);
}

static const char *const state_names[] = { "UNASSIGNED", "ASSIGNED", "TABLE" };
static const char *const ripas_names[] = { "EMPTY", "RAM", "DESTROYED" };
static const char *const exit_names[] = {
	"SYNC", "IRQ", "FIQ", "PSCI", "RIPAS_CHANGE", "HOST_CALL", "SERROR",
};

static int out_rec_exit(struct ctx *c, struct out *o, uint64_t run,
			unsigned int line)
{
	const struct rlm_trace_env *e = c->env;
	struct rlm_rec_exit x;
	uint8_t *p = e->ns_ptr(e->ctx, run, RLM_REC_RUN_SIZE);
	unsigned int i;

	if (!p || rlm_unpack_rec_exit(&x, p + RLM_REC_RUN_EXIT_OFF,
				      RLM_REC_EXIT_SIZE))
		return rerr(c, line, RLM_ESTATE,
			    "rec_enter: cannot read the run page", run);
	outf(o, " exit=");
	out_name(o, exit_names, 7, x.exit_reason);
	switch (x.exit_reason) {
	case RLM_RMI_EXIT_SYNC:
	case RLM_RMI_EXIT_SERROR:
		outf(o, " esr=0x%llx far=0x%llx hpfar=0x%llx",
		     (unsigned long long)x.esr, (unsigned long long)x.far,
		     (unsigned long long)x.hpfar);
		break;
	case RLM_RMI_EXIT_PSCI:
		for (i = 0; i < 4; i++)
			outf(o, " gpr%u=0x%llx", i,
			     (unsigned long long)x.gprs[i]);
		break;
	case RLM_RMI_EXIT_RIPAS_CHANGE:
		outf(o, " ripas_base=0x%llx ripas_top=0x%llx ripas_value=",
		     (unsigned long long)x.ripas_base,
		     (unsigned long long)x.ripas_top);
		out_name(o, ripas_names, 3, x.ripas_value);
		break;
	case RLM_RMI_EXIT_HOST_CALL:
		/* the reference's imm is 32 bits wide (TF-RMM smc-rmi.h) */
		{
			const uint8_t *q = p + RLM_REC_RUN_EXIT_OFF + RLM_REC_EXIT_IMM_OFF;

			outf(o, " imm=0x%x", (unsigned int)q[0] | (unsigned int)q[1] << 8 |
			     (unsigned int)q[2] << 16 | (unsigned int)q[3] << 24);
		}
		break;
	default:
		break;
	}
	return 0;
}

static void print_status(struct out *o, unsigned int st, unsigned int ix)
{
	if (st == ST_SMC_UNKNOWN)
		outf(o, "SMC_UNKNOWN");
	else if (st < NSTATUS)
		outf(o, "%s", rlm_rmi_status_name(st));
	else
		outf(o, "RMI_STATUS_0x%x", st);
	if (st != RLM_RMI_SUCCESS && st != ST_SMC_UNKNOWN)
		outf(o, "/%u", ix);
}

static int write_params(struct ctx *c, struct pline *pl, uint64_t *pa)
{
	const struct rlm_trace_env *e = c->env;
	bool rc = pl->cmd->type == T_REALM_CREATE;
	unsigned int pidx = rc ? RC_PARAMS : RE_PARAMS;
	uint64_t where = e->scratch;
	uint8_t *page;
	unsigned int i;

	if (pl->have & (UINT32_C(1) << pidx)) {
		/* params=ADDR: written there if it is a host granule the
		 * model has, else passed as it is (to test bad pointers) */
		*pa = pl->v[pidx];
		if (*pa & RLM_GRANULE_MASK)
			return 0;
		page = e->ns_ptr(e->ctx, *pa, RLM_GRANULE_SIZE);
		if (!page)
			return 0;
	} else {
		*pa = where;
		page = e->ns_ptr(e->ctx, where, RLM_GRANULE_SIZE);
		if (!page)
			return rerr(c, pl->lineno, RLM_ESTATE,
				    "cannot map the runner's parameter page",
				    where);
	}
	if (rc) {
		struct rlm_realm_params p;

		memset(&p, 0, sizeof(p));
		p.flags = pl->v[RC_FLAGS] |
			  (pl->v[RC_LPA2] ? RLM_RMI_REALM_PARAM_FLAG_LPA2 : 0) |
			  (pl->v[RC_SVE] ? RLM_RMI_REALM_PARAM_FLAG_SVE : 0) |
			  (pl->v[RC_PMU] ? RLM_RMI_REALM_PARAM_FLAG_PMU : 0);
		p.s2sz = (uint32_t)pl->v[RC_S2SZ];
		p.sve_vl = (uint32_t)pl->v[RC_SVE_VL];
		p.num_bps = (uint32_t)pl->v[RC_NUM_BPS];
		p.num_wps = (uint32_t)pl->v[RC_NUM_WPS];
		p.pmu_num_ctrs = (uint32_t)pl->v[RC_PMU_NUM_CTRS];
		p.hash_algo = (uint8_t)pl->v[RC_HASH];
		if (pl->have & (UINT32_C(1) << RC_RPV))
			memcpy(p.rpv, pl->hex, pl->hexlen);
		p.vmid = (uint16_t)pl->v[RC_VMID];
		p.rtt_base = pl->v[RC_RTT_BASE];
		p.rtt_level_start = (int64_t)pl->v[RC_RTT_LEVEL_START];
		p.rtt_num_start = (uint32_t)pl->v[RC_RTT_NUM_START];
		return rlm_pack_realm_params(&p, page, RLM_GRANULE_SIZE) ?
		       rerr(c, pl->lineno, RLM_ESTATE, "cannot pack params", 0) : 0;
	} else {
		struct rlm_rec_params p;

		memset(&p, 0, sizeof(p));
		p.flags = pl->v[RE_FLAGS] |
			  (pl->v[RE_RUNNABLE] ? RLM_REC_PARAMS_FLAG_RUNNABLE : 0);
		p.mpidr = pl->v[RE_MPIDR];
		p.pc = pl->v[RE_PC];
		for (i = 0; i < pl->ngprs; i++)
			p.gprs[i] = pl->gprs[i];
		p.num_aux = pl->naux;
		for (i = 0; i < pl->naux && i < RLM_REC_PARAMS_AUX_GRANULES; i++)
			p.aux[i] = pl->aux[i];
		return rlm_pack_rec_params(&p, page, RLM_GRANULE_SIZE) ?
		       rerr(c, pl->lineno, RLM_ESTATE, "cannot pack params", 0) : 0;
	}
}

static uint64_t rec_to_rd(struct ctx *c, uint64_t rec, bool *found)
{
	unsigned int i;

	for (i = 0; i < c->nrec; i++)
		if (c->rec_rd[i][0] == rec) {
			*found = true;
			return c->rec_rd[i][1];
		}
	*found = false;
	return 0;
}

static void rec_forget(struct ctx *c, uint64_t rec)
{
	unsigned int i;

	for (i = 0; i < c->nrec; i++)
		if (c->rec_rd[i][0] == rec) {
			c->rec_rd[i][0] = c->rec_rd[c->nrec - 1][0];
			c->rec_rd[i][1] = c->rec_rd[c->nrec - 1][1];
			c->nrec--;
			return;
		}
}

/* A line's keys into the registers they name: X0 = x0, X1..X<nregs> from the
 * keys (a register no key names is zero). */
static void fill_regs(struct rlm_smc_regs *r, uint64_t x0, unsigned int nregs,
		      const struct key_def *keys, unsigned int nkeys,
		      const uint64_t *vals)
{
	uint64_t a[RLM_SMC_NREGS - 1];
	unsigned int i;

	memset(a, 0, sizeof(a));
	for (i = 0; i < nkeys; i++)
		if (keys[i].reg)
			a[keys[i].reg - 1] = vals[i];
	rlm_regs_fill_(r, x0, a, nregs);
}

static int exec_realm(struct ctx *c, struct pline *pl)
{
	const struct rlm_trace_env *e = c->env;
	const struct call_def *cd = pl->call;
	struct rlm_smc_regs r;
	uint64_t rec = pl->v[0];

	fill_regs(&r, cd->fid, cd->nregs, cd->keys, cd->nkeys, pl->cv);
	switch (cd->kind) {
	case R_EXTEND:
		if (!(pl->chave & 2))   /* size: the data's length */
			r.x[2] = pl->hexlen;
		rlm_regs_pack_le_(&r, 3, pl->hex, pl->hexlen);
		break;
	case R_TOKEN_INIT:
		if (pl->chave & 1)
			rlm_regs_pack_le_(&r, 1, pl->hex, pl->hexlen);
		break;
	case R_SMC:
		r.x[0] = pl->cv[0];
		break;
	case R_HOST_CALL:
		if (pl->chave & 2) {
			/* imm= goes into the RsiHostCall if the realm has
			 * memory there; if not, the call itself will fail in
			 * the realm, which is what the trace tests */
			bool found;
			uint64_t rd = rec_to_rd(c, rec, &found);
			uint8_t *p = NULL;

			if (found && e->realm_mem)
				p = e->realm_mem(e->ctx, rd, pl->cv[0], 2);
			if (p) {
				p[0] = (uint8_t)pl->cv[1];
				p[1] = (uint8_t)(pl->cv[1] >> 8);
			}
		}
		break;
	default:
		break;
	}
	if (!e->realm_queue || e->realm_queue(e->ctx, rec, &r))
		return rerr(c, pl->lineno, RLM_ESTATE,
			    "realm: cannot queue a call for rec", rec);
	return 0;
}

static int exec_line(struct ctx *c, struct pline *pl)
{
	const struct rlm_trace_env *e = c->env;
	const struct cmd_def *cd = pl->cmd;
	struct rlm_smc_regs r;
	struct out o;
	unsigned int st = 0, ix = 0, i;
	uint8_t *p;
	int err;

	switch (cd->type) {
	case T_NS_FILL:
		p = e->ns_ptr(e->ctx, pl->pos[0], RLM_GRANULE_SIZE);
		if (!p)
			return rerr(c, pl->lineno, RLM_ESTATE,
				    "ns_fill: not host memory:", pl->pos[0]);
		memset(p, (int)pl->pos[1], RLM_GRANULE_SIZE);
		return 0;
	case T_NS_WRITE:
		p = e->ns_ptr(e->ctx, pl->pos[0], RLM_GRANULE_SIZE);
		if (!p)
			return rerr(c, pl->lineno, RLM_ESTATE,
				    "ns_write: not host memory:", pl->pos[0]);
		memcpy(p + pl->v[0], pl->hex, pl->hexlen);
		return 0;
	case T_REALM:
		return exec_realm(c, pl);
	default:
		break;
	}

	o.n = 0;
	o.s[0] = 0;
	outf(&o, "%u: %s -> ", pl->lineno, cd->name);

	if (cd->type == T_MEASUREMENT) {
		uint8_t m[64];
		size_t hs = 0;

		if (!e->measurement)
			return rerr(c, pl->lineno, RLM_ESTATE,
				    "measurement: the model has no introspection",
				    0);
		if (e->measurement(e->ctx, pl->v[0], (unsigned int)pl->v[1], m,
				   &hs) || hs > sizeof(m)) {
			st = RLM_RMI_ERROR_INPUT;
			print_status(&o, st, 0);
		} else {
			print_status(&o, st, 0);
			outf(&o, " value=");
			for (i = 0; i < hs; i++)
				outf(&o, "%02x", m[i]);
		}
		goto done;
	}

	fill_regs(&r, cd->fid, cd->nregs, cd->keys, cd->nkeys, pl->v);
	if (cd->type == T_REALM_CREATE || cd->type == T_REC_CREATE) {
		uint64_t pa;

		err = write_params(c, pl, &pa);
		if (err)
			return err;
		r.x[cd->type == T_REALM_CREATE ? 2 : 3] = pa;
	}
	{
		uint64_t in1 = r.x[1], in2 = r.x[2];

		err = rlm_conduit_call(&e->rmi, &r);
		if (err)
			return rerr(c, pl->lineno, RLM_ECONDUIT,
				    "the conduit failed on FID", cd->fid);
		if (r.x[0] == RLM_SMCCC_NOT_SUPPORTED) {
			st = ST_SMC_UNKNOWN;
		} else {
			st = (unsigned int)RLM_RMI_RETURN_STATUS(r.x[0]);
			ix = (unsigned int)RLM_RMI_RETURN_INDEX(r.x[0]);
		}
		print_status(&o, st, ix);
		if (cd->out == O_VERSION && st != ST_SMC_UNKNOWN) {
			outf(&o, " lower=0x%llx higher=0x%llx",
			     (unsigned long long)r.x[1],
			     (unsigned long long)r.x[2]);
		} else if (st == RLM_RMI_ERROR_RTT &&
			   (cd->out == O_RTT_DESTROY ||
			    cd->out == O_DATA_DESTROY)) {
			outf(&o, " top=0x%llx", (unsigned long long)r.x[2]);
		} else if (st == RLM_RMI_ERROR_RTT && cd->out == O_TOP &&
			   cd->fid == RLM_SMC_RMI_RTT_UNMAP_UNPROTECTED) {
			outf(&o, " top=0x%llx", (unsigned long long)r.x[1]);
		} else if (st == RLM_RMI_SUCCESS) {
			switch (cd->out) {
			case O_VALUE:
				outf(&o, " value=0x%llx",
				     (unsigned long long)r.x[1]);
				break;
			case O_COUNT:
				outf(&o, " count=0x%llx",
				     (unsigned long long)r.x[1]);
				break;
			case O_RTT_DESTROY:
				outf(&o, " rtt=");
				out_sym(c, &o, r.x[1]);
				outf(&o, " top=0x%llx",
				     (unsigned long long)r.x[2]);
				break;
			case O_FOLD:
				outf(&o, " rtt=");
				out_sym(c, &o, r.x[1]);
				break;
			case O_DATA_DESTROY:
				outf(&o, " data=");
				out_sym(c, &o, r.x[1]);
				outf(&o, " top=0x%llx",
				     (unsigned long long)r.x[2]);
				break;
			case O_TOP:
				outf(&o, " top=0x%llx",
				     (unsigned long long)r.x[1]);
				break;
			case O_READ_ENTRY:
				outf(&o, " walk_level=0x%llx state=",
				     (unsigned long long)r.x[1]);
				out_name(&o, state_names, 3, r.x[2]);
				outf(&o, " ripas=");
				out_name(&o, ripas_names, 3, r.x[4]);
				outf(&o, " desc=");
				out_desc(c, &o, r.x[3]);
				break;
			case O_REC_ENTER:
				err = out_rec_exit(c, &o, in2, pl->lineno);
				if (err)
					return err;
				break;
			default:
				break;
			}
			if (cd->type == T_REC_CREATE) {
				rec_forget(c, in2);
				if (c->nrec < 64) {
					c->rec_rd[c->nrec][0] = in2;
					c->rec_rd[c->nrec][1] = in1;
					c->nrec++;
				}
			} else if (cd->fid == RLM_SMC_RMI_REC_DESTROY) {
				rec_forget(c, in1);
			}
		}
	}
done:
	c->res->commands++;
	if (pl->has_exp) {
		c->res->expected++;
		if (st != pl->exp_status ||
		    (pl->exp_index >= 0 && ix != (unsigned int)pl->exp_index)) {
			c->res->failed++;
			outf(&o, " EXPECTATION FAILED");
		}
	}
	if (c->print_fn)
		c->print_fn(c->print_arg, o.s, o.n);
	return 0;
}

/* ---- Entry points ------------------------------------------------------ */

static void ctx_init(struct ctx *c, const struct rlm_trace_env *env,
		     struct rlm_trace_result *res)
{
	memset(res, 0, sizeof(*res));
	memset(c, 0, sizeof(*c));
	c->env = env;
	c->res = res;
	if (env) {
		c->lim.pool_base = env->pool_base;
		c->lim.pool_granules = env->pool_granules;
		c->lim.ns_base = env->ns_base;
		c->lim.ns_granules = env->ns_granules;
	} else {
		/* the spec's minimum pools, at arbitrary distinct bases */
		c->lim.pool_base = UINT64_C(0x1000000000);
		c->lim.pool_granules = 16384;
		c->lim.ns_base = UINT64_C(0x2000000000);
		c->lim.ns_granules = 1024;
	}
}

int rlm_trace_check(const char *buf, size_t len,
		    const struct rlm_trace_env *env,
		    struct rlm_trace_result *res)
{
	struct ctx c;
	struct pline pl;

	if (!res)
		return RLM_EINVAL;
	ctx_init(&c, env, res);
	if (!buf && len)
		return RLM_EINVAL;
	return walk(&c, buf, len, &pl, NULL);
}

int rlm_trace_run(const char *buf, size_t len,
		  const struct rlm_trace_env *env,
		  rlm_trace_print_fn print, void *arg,
		  struct rlm_trace_result *res)
{
	struct ctx c;
	struct pline pl;
	int err;

	if (!res)
		return RLM_EINVAL;
	ctx_init(&c, env, res);
	if ((!buf && len) || !env || !env->rmi.ops || !env->ns_ptr)
		return RLM_EINVAL;
	err = walk(&c, buf, len, &pl, NULL);
	if (err)
		return err;
	c.print_fn = print;
	c.print_arg = arg;
	err = walk(&c, buf, len, &pl, exec_line);
	if (err)
		return err;
	return res->failed ? RLM_EMISMATCH : 0;
}
