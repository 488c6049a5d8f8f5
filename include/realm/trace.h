/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RMI trace runner (docs/rmi-trace.md): parses a plain-text script of
 * RMI commands, executes it against any RMM reachable through a conduit
 * (normally the mock RMM) and prints one result line per command.
 *
 * Userspace only.  The runner keeps no global state and allocates nothing;
 * it reads exactly [buf, buf + len) (no NUL terminator needed) and never
 * crashes on any input, so it is also a fuzz target.  A trace is parsed
 * completely before the first command runs: a malformed trace produces no
 * result line at all, only a line-numbered error.
 */
#ifndef RLM_TRACE_H
#define RLM_TRACE_H

#include <realm/env.h>
#include <realm/abi2.h>
#include <realm/conduit.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Longest accepted trace line, in bytes (an ns_write of a whole granule). */
#define RLM_TRACE_MAX_LINE 10240
/* Longest result line the runner prints (without the newline). */
#define RLM_TRACE_MAX_OUT 512

/*
 * What the runner needs from the model it drives.  Only rmi and ns_ptr are
 * mandatory; a missing hook makes the lines that need it fail at run time
 * with a line-numbered error.
 */
struct rlm_trace_env {
	struct rlm_conduit rmi;   /* RMI calls (FIDs 0xC4000150..) */
	void *ctx;                /* passed to every hook below */
	/* Host memory [pa, pa + len) for the CPU, or NULL (ns_fill, ns_write,
	 * parameter pages, the REC run page). */
	void *(*ns_ptr)(void *ctx, uint64_t pa, size_t len);
	/* Measurement index of the realm whose RD is at rd (64 bytes, the
	 * hash size in *hash_size); negative if rd is not an RD or index is
	 * out of range. */
	int (*measurement)(void *ctx, uint64_t rd, unsigned int index,
			   uint8_t out[64], size_t *hash_size);
	/* Queue an RSI/PSCI call for the realm on REC rec (x[0] = FID). */
	int (*realm_queue)(void *ctx, uint64_t rec,
			   const struct rlm_smc_regs *call);
	/* Realm memory at IPA of realm rd (host_call imm=), or NULL. */
	void *(*realm_mem)(void *ctx, uint64_t rd, uint64_t ipa, size_t len);
	/* gN = pool_base + N * 4K for N < pool_granules. */
	uint64_t pool_base;
	uint64_t pool_granules;
	/* nsN = ns_base + N * 4K for N < ns_granules. */
	uint64_t ns_base;
	uint64_t ns_granules;
	/* PA of one host granule of the runner's own, outside both ranges
	 * above (ns_ptr must map it): RmiRealmParams / RmiRecParams, and
	 * under 2.0 RmiRmmConfig. */
	uint64_t scratch;
	/* The RMI version the trace is run as: RLM_RMI_V1_0 (0: every 1.0
	 * trace and output unchanged) or RLM_RMI_V2_0 (the rows of
	 * RLM_RMI2_COMMANDS, docs/rmi-trace.md "RMM 2.0").  A trace whose
	 * "rmm" line names the other version is malformed. */
	enum rlm_rmi_abi abi;
	/* 2.0: PA of another host granule of the runner's own, outside the
	 * pools and not scratch (ns_ptr must map it): the RMI address lists
	 * of op_mem_donate / op_mem_reclaim; 0: scratch + 4 KiB.  If ns_ptr
	 * does not map it, those lines stop the run. */
	uint64_t scratch_list;
};

/* Called once per result line: text without the newline, NUL-terminated. */
typedef void (*rlm_trace_print_fn)(void *arg, const char *line, size_t len);

struct rlm_trace_result {
	unsigned int lines;       /* trace lines read */
	unsigned int commands;    /* result lines printed */
	unsigned int expected;    /* lines with an => expectation */
	unsigned int failed;      /* expectations that failed */
	unsigned int error_line;  /* 1-based line of the error, 0 if none */
	char error[160];          /* what is wrong (NUL-terminated) */
};

/*
 * Parse the whole trace without executing anything.
 * 0 if it is well formed; RLM_EMALFORMED with res->error_line and
 * res->error otherwise; RLM_EINVAL for NULL arguments.  env may be NULL
 * (then gN/nsN indices are checked against the spec's minimum pools:
 * 16384 and 1024 granules).
 */
int rlm_trace_check(const char *buf, size_t len,
		    const struct rlm_trace_env *env,
		    struct rlm_trace_result *res);

/*
 * Check, then execute the trace, calling print for each result line.
 * Returns 0 when every command ran and every expectation held;
 * RLM_EMISMATCH when at least one expectation failed (res->failed);
 * RLM_EMALFORMED for a malformed trace (nothing executed);
 * RLM_ESTATE when a line could not be carried out (a hook refused, e.g.
 * ns_write to memory the model does not have, or a realm line for a
 * granule that is not a REC) — execution stops there, res->error_line and
 * res->error say why; RLM_ECONDUIT when the conduit failed;
 * RLM_EINVAL for NULL arguments or an env without rmi/ns_ptr; RLM_ENOMEM
 * when the parsed trace does not fit in memory (each line is parsed once
 * into a compact record, about 8 bytes per value, before the first runs).
 */
int rlm_trace_run(const char *buf, size_t len,
		  const struct rlm_trace_env *env,
		  rlm_trace_print_fn print, void *arg,
		  struct rlm_trace_result *res);

/*
 * The RMI version a trace declares in its "rmm 1.0" / "rmm 2.0" line
 * (before its first command): *abi, and *declared (may be NULL) true;
 * without such a line *abi = RLM_RMI_V1_0 and *declared false.  Reads only
 * the lines up to the first command; RLM_EMALFORMED for a bad rmm line,
 * RLM_EINVAL for NULL arguments.  A runner that picks its RMM by the trace
 * (realmctl rmi run without --rmm) calls this first.
 */
int rlm_trace_abi(const char *buf, size_t len, enum rlm_rmi_abi *abi,
		  bool *declared);

/*
 * RMI status name: the same as rlm_rmi_status_name() (one table,
 * RLM_RMI_STATUSES): "RMI_ERROR_RTT", ..., "RMI_STATUS_UNKNOWN" for a value
 * without a name; never NULL.  (A result line prints such a value as
 * RMI_STATUS_0xNN, see docs/rmi-trace.md.)
 */
const char *rlm_trace_status_name(unsigned int status);

#ifdef __cplusplus
}
#endif

#endif /* RLM_TRACE_H */
