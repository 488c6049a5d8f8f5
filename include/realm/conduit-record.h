/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The recording conduit: a scripted RMM for tests.
 *
 * It records every call's registers (what went in, what came back) into a
 * log the caller provides, and answers each call either from a script of
 * result register sets (one per call, in order) or from a callback.  When
 * the script runs out, the call fails with RLM_ECONDUIT (and is still
 * counted), so a library function that makes one call too many is caught.
 *
 * Portable core: no allocation; the caller owns the log and the script.
 *
 *	struct rlm_record rec;
 *	struct rlm_record_call log[8];
 *	struct rlm_smc_regs script[1] = { { .x = { RLM_RMI_SUCCESS } } };
 *	struct rlm_conduit c;
 *
 *	rlm_record_init(&rec, log, 8);
 *	rlm_record_script(&rec, script, 1);
 *	rlm_record_conduit(&rec, &c);
 *	rlm_rmi_granule_delegate(&c, 0x80000000, NULL);
 *	// rlm_record_count(&rec) == 1, log[0].in.x[1] == 0x80000000
 */
#ifndef RLM_CONDUIT_RECORD_H
#define RLM_CONDUIT_RECORD_H

#include <realm/env.h>
#include <realm/conduit.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rlm_record_call {
	struct rlm_smc_regs in;   /* registers as the library passed them */
	struct rlm_smc_regs out;  /* registers as the conduit returned them */
	int rc;                   /* what the conduit's call() returned */
};

/*
 * A callback answering call number `index` (0-based): read regs->x[0..17]
 * (FID and arguments), write the results into regs, return 0, or a
 * negative RLM_E* code to simulate a transport failure.
 */
typedef int (*rlm_record_fn)(void *arg, size_t index, struct rlm_smc_regs *regs);

struct rlm_record {
	struct rlm_record_call *log;     /* caller's log */
	size_t log_cap;                  /* entries in log */
	size_t calls;                    /* calls made (may exceed log_cap) */
	const struct rlm_smc_regs *script;
	size_t script_len;
	size_t script_pos;
	rlm_record_fn fn;
	void *fn_arg;
	uint64_t ns_base;                /* optional host-memory window */
	uint8_t *ns_mem;
	size_t ns_len;
};

/* Start empty: no script, no callback (every call fails), no calls. */
void rlm_record_init(struct rlm_record *r, struct rlm_record_call *log,
		     size_t log_cap);
/*
 * Answer the next calls from script[0..n-1]: each answer replaces all 18
 * result registers.  Replaces any callback; restarts the script.
 */
void rlm_record_script(struct rlm_record *r, const struct rlm_smc_regs *script,
		       size_t n);
/* Answer every call with fn (replaces any script). */
void rlm_record_callback(struct rlm_record *r, rlm_record_fn fn, void *arg);
/*
 * Give the conduit a view of host memory: ns_map(pa, len) returns
 * mem + (pa - base) when [pa, pa + len) lies inside [base, base + len),
 * NULL otherwise (and always NULL without a window).
 */
void rlm_record_ns(struct rlm_record *r, uint64_t base, uint8_t *mem, size_t len);
/* Forget the recorded calls (script position and callback are kept). */
void rlm_record_reset(struct rlm_record *r);
/* A conduit that records into r. */
void rlm_record_conduit(struct rlm_record *r, struct rlm_conduit *c);

/* Calls made so far. */
size_t rlm_record_count(const struct rlm_record *r);
/* Call i's recorded registers, or NULL if i was not recorded. */
const struct rlm_record_call *rlm_record_get(const struct rlm_record *r,
					     size_t i);
/* Script entries not consumed yet. */
size_t rlm_record_script_left(const struct rlm_record *r);

extern const struct rlm_conduit_ops rlm_record_ops;

#ifdef __cplusplus
}
#endif

#endif /* RLM_CONDUIT_RECORD_H */
