/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Typed RSI 1.0 calls (realm -> RMM) over a conduit, and the loops the
 * specification implies (IPA_STATE_SET / IPA_STATE_GET progress, attestation
 * token retrieval).
 *
 * Conventions are those of realm/rmi.h: arguments the library can judge on
 * its own are refused before any call (RLM_EINVAL NULL pointer or unknown
 * flag bits, RLM_EALIGN unaligned granule / host-call address, RLM_ERANGE
 * measurement index or RIPAS value out of range, RLM_E2BIG extend size over
 * 64, RLM_ENOSPC caller's buffer too small); 0 on RSI_SUCCESS; RLM_ERSI when
 * the RMM answered an error status (res holds it); RLM_ECONDUIT when the
 * conduit failed or answered SMCCC NOT_SUPPORTED (-1); RLM_EMALFORMED when
 * X0 is not an RSI status.  res may be NULL.
 *
 * Register assignments checked against TF-RMM rmm-spec-v1.0-rel0
 * (lib/smc/include/smc-rsi.h; runtime/rsi/memory.c, realm_attest.c,
 * host_call.c, system.c; runtime/rmi/run.c complete_set_ripas) and Linux
 * arch/arm64/include/asm/rsi_smc.h, rsi_cmds.h.
 *
 * Realms make RSI calls with `smc #0` from EL1; see realm/conduit-smc.h.
 */
#ifndef RLM_RSI_H
#define RLM_RSI_H

#include <realm/env.h>
#include <realm/abi.h>
#include <realm/conduit.h>
#include <realm/pack.h>
#include <realm/version.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The decoded X0 of an RSI call (RSI statuses are the whole of X0). */
struct rlm_rsi_result {
	uint64_t x0;     /* raw X0 */
	uint8_t status;  /* RLM_RSI_SUCCESS, RLM_RSI_ERROR_*, RLM_RSI_INCOMPLETE */
};

/*
 * Decode an RSI return value.  0 for RSI_SUCCESS..RSI_ERROR_UNKNOWN,
 * RLM_ECONDUIT for SMCCC NOT_SUPPORTED (-1), RLM_EMALFORMED otherwise
 * (status = low byte).  status may be NULL.
 */
int rlm_rsi_decode(uint64_t x0, uint8_t *status);

/* "RSI_SUCCESS", "RSI_INCOMPLETE", ... for every status of RLM_RSI_STATUSES;
 * "RSI_STATUS_UNKNOWN" for any other value.  Never NULL. */
const char *rlm_rsi_status_name(unsigned int status);

/* ---- one function per RSI 1.0 command --------------------------------- */

/* VERSION: X1 requested -> X1 lower, X2 higher (filled on any status). */
int rlm_rsi_version(const struct rlm_conduit *c, uint64_t requested,
		    uint64_t *lower, uint64_t *higher, struct rlm_rsi_result *res);
/* FEATURES: X1 index -> X1 value (RSI 1.0 answers 0 for every index). */
int rlm_rsi_features(const struct rlm_conduit *c, uint64_t index,
		     uint64_t *value, struct rlm_rsi_result *res);
/*
 * MEASUREMENT_READ: index 0 (RIM) .. 4 (REM3) -> X1..X8, written to
 * value[0..63] little-endian per register (bytes past the hash length are
 * what the RMM returns: zero).
 */
int rlm_rsi_measurement_read(const struct rlm_conduit *c, unsigned int index,
			     uint8_t value[RLM_MEASUREMENT_MAX_SIZE],
			     struct rlm_rsi_result *res);
/*
 * MEASUREMENT_EXTEND: index 1..4, size 0..64 bytes of data packed
 * little-endian into X3..X10 (zero-padded).  data may be NULL iff size 0.
 */
int rlm_rsi_measurement_extend(const struct rlm_conduit *c, unsigned int index,
			       const uint8_t *data, size_t size,
			       struct rlm_rsi_result *res);
/*
 * ATTESTATION_TOKEN_INIT: a 32..64-byte challenge, zero-padded to 64 and
 * packed little-endian into X1..X8 -> X1 upper bound of the token size.
 */
int rlm_rsi_attestation_token_init(const struct rlm_conduit *c,
				   const uint8_t *challenge, size_t challenge_len,
				   uint64_t *max_size, struct rlm_rsi_result *res);
/*
 * ATTESTATION_TOKEN_CONTINUE: granule IPA (4 KiB aligned), offset, size
 * (offset + size <= 4096) -> X1 bytes written.  Returns 0 for RSI_SUCCESS
 * (the token is complete) and for RSI_INCOMPLETE (*more = true: call
 * again); *written is filled for both.
 */
int rlm_rsi_attestation_token_continue(const struct rlm_conduit *c,
				       uint64_t granule_ipa, uint64_t offset,
				       uint64_t size, uint64_t *written,
				       bool *more, struct rlm_rsi_result *res);
/* REALM_CONFIG: IPA of a 4 KiB-aligned RsiRealmConfig buffer. */
int rlm_rsi_realm_config(const struct rlm_conduit *c, uint64_t config_ipa,
			 struct rlm_rsi_result *res);
/*
 * IPA_STATE_SET: base, top, ripas (EMPTY or RAM), flags
 * (RLM_RSI_[NO_]CHANGE_DESTROYED) -> X1 new base, X2 response
 * (RLM_RSI_ACCEPT / RLM_RSI_REJECT).  One call; see the range loop below.
 */
int rlm_rsi_ipa_state_set(const struct rlm_conduit *c, uint64_t base,
			  uint64_t top, unsigned int ripas, uint64_t flags,
			  uint64_t *new_base, uint64_t *response,
			  struct rlm_rsi_result *res);
/* IPA_STATE_GET: base, end -> X1 top of the region with X2 ripas. */
int rlm_rsi_ipa_state_get(const struct rlm_conduit *c, uint64_t base,
			  uint64_t end, uint64_t *top, uint8_t *ripas,
			  struct rlm_rsi_result *res);
/* HOST_CALL: IPA of an RsiHostCall, 256-byte aligned (so inside a granule). */
int rlm_rsi_host_call(const struct rlm_conduit *c, uint64_t host_call_ipa,
		      struct rlm_rsi_result *res);

/* ---- convenience over a CPU view of the IPA ----------------------------- */

/*
 * REALM_CONFIG into the granule at config_ipa, whose CPU view is buf
 * (RLM_RSI_REALM_CONFIG_SIZE bytes), then unpack it into cfg.
 */
int rlm_rsi_realm_config_read(const struct rlm_conduit *c, uint64_t config_ipa,
			      const uint8_t *buf, size_t buf_len,
			      struct rlm_rsi_realm_config *cfg,
			      struct rlm_rsi_result *res);
/*
 * HOST_CALL with hc packed into buf (CPU view of host_call_ipa, at least
 * RLM_RSI_HOST_CALL_SIZE bytes), then hc unpacked from it (the host's
 * answer in gprs).
 */
int rlm_rsi_host_call_exchange(const struct rlm_conduit *c,
			       uint64_t host_call_ipa, uint8_t *buf,
			       size_t buf_len, struct rlm_rsi_host_call *hc,
			       struct rlm_rsi_result *res);

/* ---- the loops the specification implies ------------------------------ */

/*
 * Set the RIPAS of [start, end) with Linux's rules (arm64 rsi_set_memory_range):
 * call IPA_STATE_SET, then an error status is RLM_ERSI; a REJECT response
 * is RLM_EPERM (the new base may equal start: the host refused at once);
 * an ACCEPT whose new base is outside (start, end] is RLM_ERANGE (so the
 * loop always advances); a response that is neither is RLM_EMALFORMED;
 * otherwise continue from the new base until end.  *progress (always
 * written) is how far the RIPAS is known to have changed.  start == end
 * makes no call; start > end is RLM_EINVAL.
 */
int rlm_rsi_set_ipa_state_range(const struct rlm_conduit *c, uint64_t start,
				uint64_t end, unsigned int ripas, uint64_t flags,
				uint64_t *progress, struct rlm_rsi_result *res);

/*
 * Walk IPA_STATE_GET over [start, end): for each region cb(arg, base, top,
 * ripas).  A non-zero return from cb stops the walk and is returned.  A top
 * outside (base, end] is RLM_ERANGE.  start == end makes no call.
 */
typedef int (*rlm_rsi_ripas_cb)(void *arg, uint64_t base, uint64_t top,
				uint8_t ripas);
int rlm_rsi_ipa_state_walk(const struct rlm_conduit *c, uint64_t start,
			   uint64_t end, rlm_rsi_ripas_cb cb, void *arg,
			   struct rlm_rsi_result *res);

/*
 * Linux's rule for mapping a range encrypted: true iff no part of
 * [start, end) is RIPAS EMPTY (RAM, DESTROYED and DEV count as protected).
 * Stops at the first EMPTY region.
 */
int rlm_rsi_range_is_protected(const struct rlm_conduit *c, uint64_t start,
			       uint64_t end, bool *protected_,
			       struct rlm_rsi_result *res);

/*
 * Retrieve an attestation token: ATTESTATION_TOKEN_INIT with the challenge
 * (32..64 bytes, zero-padded to 64), then ATTESTATION_TOKEN_CONTINUE into
 * one 4 KiB granule given as its IPA and its CPU view (granule), with
 * offset/size, until the granule is full or the status is not
 * RSI_INCOMPLETE; each filled granule is copied to out; repeat while
 * RSI_INCOMPLETE.
 *
 * *token_len is always written: the token's length on success; on
 * RLM_ENOSPC (out_cap too small) the whole token is still drained from the
 * RMM and *token_len is the size needed (out holds the first out_cap
 * bytes).  A chunk larger than asked for, or a token longer than the
 * bound TOKEN_INIT gave, is RLM_ERANGE; an error status is RLM_ERSI (then
 * *token_len is what was copied so far).  RSI_INCOMPLETE with no bytes is
 * normal while the RMM signs (TF-RMM returns to the realm between signing
 * steps), so there is no limit on calls that make no progress.
 */
int rlm_rsi_attestation_token(const struct rlm_conduit *c,
			      const uint8_t *challenge, size_t challenge_len,
			      uint64_t granule_ipa, uint8_t *granule,
			      uint8_t *out, size_t out_cap, size_t *token_len,
			      struct rlm_rsi_result *res);

/* ---- version handshake -------------------------------------------------- */

/*
 * RSI_VERSION(1.0): RSI_SUCCESS accepts; RSI_ERROR_INPUT is RLM_EVERSION
 * with lower/higher in info; another status RLM_ERSI; no answer RLM_ECONDUIT.
 */
int rlm_rsi_handshake(const struct rlm_conduit *c, struct rlm_version_info *info);

#ifdef __cplusplus
}
#endif

#endif /* RLM_RSI_H */
