/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internals of the RMI trace runner (lib/trace): the table types
 * (tables.c), the parsed line and the context the parser (parse.c) and the
 * executor (exec.c) share.  Not a public header.
 */
#ifndef RLM_TRACE_INT_H
#define RLM_TRACE_INT_H

#include <string.h>

#include <realm/abi.h>
#include <realm/abi2.h>
#include <realm/pack2.h>
#include <realm/rmi2.h>
#include <realm/error.h>
#include <realm/mock.h>
#include <realm/trace.h>

/* The mock's pseudo calls for a trapped WFI/WFE (realm/mock.h). */
#ifndef RLM_MOCK_REALM_WFI
#define RLM_MOCK_REALM_WFI UINT64_C(0xffff0000f1f10001)
#define RLM_MOCK_REALM_WFE UINT64_C(0xffff0000f1f10002)
#endif

/* ---- Tables (tables.c) --------------------------------------------------- */

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
	K_LIST3,   /* up to 3 comma-separated values (into the gprs slots) */
	K_ALIST,   /* RMI address list: items A or A..B (into aux, pairs) */
	K_MSTATE,  /* delegated | undelegated | 0 | 1 */
	K_GRANSZ,  /* 4k | 16k | 64k | N (RmiGranuleSize) */
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
	/* RMI 2.0 */
	T_REALM_CREATE2, /* + RmiRealmParams (2.0) */
	T_REC_CREATE2,  /* + RmiRecParams (2.0) */
	T_CONFIG_SET,   /* + RmiRmmConfig */
	T_CONFIG_GET,   /* X1 = an RmiRmmConfig page the RMM fills */
	T_OP,           /* OP_CONTINUE / OP_CANCEL: X1 = the handle */
	T_OP_DONATE,    /* + the runner's RMI address list */
	T_OP_RECLAIM,   /* + a list the RMM fills */
	T_RAW,          /* not modelled yet: x1..xN, results printed raw */
	T_UNKNOWN,      /* registers not known at the pinned commit */
	T_RMM,          /* the "rmm 1.0|2.0" directive */
};

enum otype {
	O_NONE, O_VERSION, O_VALUE, O_COUNT, O_RTT_DESTROY, O_FOLD,
	O_READ_ENTRY, O_TOP, O_DATA_DESTROY, O_REC_ENTER,
	/* RMI 2.0 */
	O_REC_ENTER2, O_READ_ENTRY2, O_NEXT, O_TRACKING, O_UNMAP, O_CONSUMED,
	O_RECLAIM, O_CONFIG, O_RAW,
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
	unsigned int nout;      /* result registers (O_RAW) */
};

/* realm_create: x1 = rd, x2 = the params page; the rest fill the page. */
enum {
	RC_RD, RC_LPA2, RC_SVE, RC_PMU, RC_S2SZ, RC_SVE_VL, RC_NUM_BPS,
	RC_NUM_WPS, RC_PMU_NUM_CTRS, RC_HASH, RC_RPV, RC_VMID, RC_RTT_BASE,
	RC_RTT_LEVEL_START, RC_RTT_NUM_START, RC_FLAGS, RC_PARAMS,
};
/* rec_create: x1 = rd, x2 = rec, x3 = the params page. */
enum {
	RE_RD, RE_REC, RE_RUNNABLE, RE_MPIDR, RE_PC, RE_GPRS, RE_AUX,
	RE_FLAGS, RE_PARAMS,
};
/* realm_create (2.0): x1 = rd, x2 = the params page. */
enum {
	R2_RD, R2_LPA2, R2_SVE, R2_PMU, R2_FLAGS0, R2_S2SZ, R2_SVE_VL,
	R2_NUM_BPS, R2_NUM_WPS, R2_PMU_NUM_CTRS, R2_HASH, R2_RPV, R2_RTT_BASE,
	R2_RTT_LEVEL_START, R2_RTT_NUM_START, R2_FLAGS1, R2_NUM_AUX_PLANES,
	R2_ATS_PLANE, R2_AUX_RTT_BASE, R2_PARAMS,
};
/* rec_create (2.0): x1 = rd, x2 = rec, x3 = the params page. */
enum {
	E2_RD, E2_REC, E2_RUNNABLE, E2_MPIDR, E2_PC, E2_GPRS, E2_FLAGS,
	E2_PARAMS,
};
/* rmm_config_set: x1 = the config page. */
enum { CF_TRACKING_REGION_SIZE, CF_GRANULE_SIZE, CF_CONFIG };
/* op_mem_donate: handle, list (the runner's page), count, state. */
enum { OD_HANDLE, OD_LIST, OD_COUNT, OD_STATE };
/* op_mem_reclaim: handle, count (entries the list can take). */
enum { OR_HANDLE, OR_COUNT };
/* A list item of K_ALIST holds at most this many 4 KiB granules (the
 * count field of RmiAddrRangeDesc4KB). */
#define ALIST_MAX_RANGES (MAX_AUX / 2)

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

/* Statuses: the names of rlm_rmi_status_name() (RLM_RMI_STATUSES). */
#define NSTATUS (RLM_RMI_STATUS_LAST + 1u)
/* Pseudo-status of a call the RMM does not know (X0 = -1). */
#define ST_SMC_UNKNOWN 0x100u

/* ---- The parsed line and the context (parse.c, exec.c) ------------------ */

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
	unsigned int abi;               /* enum rlm_rmi_abi the trace is run as */
	bool abi_fixed;                 /* by env (a directive must agree) */
	bool abi_declared;              /* the trace had an "rmm" line */
	bool seen_cmd;                  /* a command line was parsed */
	/* 2.0: the last INCOMPLETE answer to a command (not an OP_*) */
	uint64_t handle;
	uint8_t donate_state;           /* the last donation request's state */
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

/* s equals the NUL-terminated lit: one pass, stops at the first
 * difference (no strlen of the table's names per token). */
static inline bool sl_eq(struct slice s, const char *lit)
{
	size_t i;

	for (i = 0; i < s.n; i++)
		if (!lit[i] || lit[i] != s.p[i])
			return false;
	return !lit[s.n];
}

/* The command definitions of one RMI version (enum rlm_rmi_abi) by name;
 * NULL if there is none. */
const struct cmd_def *trace_cmd_find_(unsigned int abi, struct slice verb);
/* The realm-call definitions by name; NULL if there is none. */
const struct call_def *trace_call_find_(struct slice verb);
/* Their positions in the tables, and back (the compiled records). */
unsigned int trace_cmd_idx_(const struct cmd_def *cd);
const struct cmd_def *trace_cmd_at_(unsigned int idx);
unsigned int trace_call_idx_(const struct call_def *cd);
const struct call_def *trace_call_at_(unsigned int idx);

/* ---- Parser (parse.c) ------------------------------------------------------ */

/* Set the error (first one wins); always returns RLM_EMALFORMED. */
int trace_perr_(struct rlm_trace_result *res, unsigned int line,
		const char *what, struct slice tok);

/*
 * A compiled trace: every command line, parsed once, as a compact record
 * (the line's header, then only the values it has) in chunks of 256 KiB,
 * so that a run allocates per chunk, never per command, and need not keep
 * the trace's text.
 */
struct rec_hdr {
	uint32_t lineno;
	uint32_t have, chave;
	uint16_t hexlen;
	uint16_t exp_status;
	uint8_t cmd;            /* index into the command table */
	uint8_t call;           /* index into the realm calls + 1; 0: none */
	uint8_t npos, naux, ngprs;
	uint8_t has_exp;
	int16_t exp_index;
};
#define REC_HDR_WORDS 3
_Static_assert(sizeof(struct rec_hdr) == REC_HDR_WORDS * 8,
	       "a record header is three words");
/* then v[cmd->nkeys], cv[call->nkeys], pos[npos], aux[naux], gprs[ngprs],
 * hex[hexlen] (zero-padded to a word) */

#define TRACE_CHUNK_WORDS 32768
struct trace_chunk {
	struct trace_chunk *next;
	size_t used;            /* words */
	uint64_t w[TRACE_CHUNK_WORDS];
};

struct trace_prog {
	struct trace_chunk *head, *tail;
	unsigned int lines;     /* lines of the trace */
};

/* Parses buf whole (every line tokenised once) into *prog, or only checks
 * it when prog is NULL.  0, RLM_EMALFORMED (res has the line and what),
 * or RLM_ENOMEM. */
int trace_compile_(struct ctx *c, const char *buf, size_t len,
		   struct trace_prog *prog);
void trace_prog_free_(struct trace_prog *prog);
/* Runs a compiled trace (exec.c): 0, RLM_EMISMATCH if an expectation
 * failed, or the error that stopped the run. */
int trace_exec_(struct ctx *c, const struct trace_prog *prog,
		rlm_trace_print_fn print, void *arg);

void trace_ctx_init_(struct ctx *c, const struct rlm_trace_env *env,
		     struct rlm_trace_result *res);

#endif /* RLM_TRACE_INT_H */
