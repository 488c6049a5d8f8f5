/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The guest API: what code running inside a realm (a guest kernel, the shim
 * module, a guest agent through the shim's ioctls) asks of the RMM, with
 * Linux's semantics (arch/arm64 rsi.c/rsi_cmds.h, drivers/virt/coco/
 * arm-cca-guest; Arm DEN0137 1.0-rel0 B5).  Portable core: no allocation.
 *
 * A guest needs one 4 KiB granule of protected memory for the calls that
 * exchange a buffer with the RMM (REALM_CONFIG, ATTESTATION_TOKEN_CONTINUE):
 * its IPA and its CPU view are given to rlm_guest_init().
 *
 * Event log: measurement extends are recorded in a TCG2 crypto-agile event
 * log (realm/eventlog.h: one digest per event, the realm's algorithm), so a
 * verifier can replay it against the REMs.  An event's index is the CC MR
 * index of its REM (1..4 = REM0..3), as a CC event log stores it (UEFI
 * 2.10 EFI_CC_MEASUREMENT_PROTOCOL.MapPcrToMrIndex maps PCRs to it when
 * firmware measures); its digest is H(event data), and that digest
 * extends the REM.
 */
#ifndef RLM_GUEST_H
#define RLM_GUEST_H

#include <realm/env.h>
#include <realm/conduit.h>
#include <realm/hash.h>
#include <realm/eventlog.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RLM_GUEST_GRANULE 4096
#define RLM_GUEST_CHALLENGE_MIN 32
#define RLM_GUEST_CHALLENGE_MAX 64
#define RLM_GUEST_NUM_MEASUREMENTS 5 /* RIM + REM0..3 */

struct rlm_guest_config {
	unsigned int ipa_bits;        /* IPA width */
	enum rlm_hash_algo hash_algo; /* the realm's measurement algorithm */
	uint8_t rpv[64];              /* Realm Personalization Value */
};

struct rlm_guest {
	struct rlm_conduit conduit;
	uint64_t buf_ipa;
	uint8_t *buf;                 /* CPU view of buf_ipa, 4 KiB */
	struct rlm_guest_config cfg;  /* read at init */
	uint64_t rsi_version;         /* the RMM's higher RSI version */
};

/*
 * Start talking to the RMM: RSI_VERSION (1.0 must be accepted, else
 * RLM_EVERSION) and REALM_CONFIG into the granule.  buf_ipa must be 4 KiB
 * aligned (RLM_EALIGN) and buf non-NULL.
 */
int rlm_guest_init(struct rlm_guest *g, const struct rlm_conduit *c,
		   uint64_t buf_ipa, void *buf);

/* The realm configuration read at init. */
int rlm_guest_config(const struct rlm_guest *g, struct rlm_guest_config *cfg);

/* RSI_VERSION(requested) raw: lower and higher revisions, RSI status. */
int rlm_guest_version(const struct rlm_guest *g, uint64_t requested,
		      uint64_t *lower, uint64_t *higher, uint64_t *status);
/* RSI_FEATURES(index). */
int rlm_guest_features(const struct rlm_guest *g, uint64_t index, uint64_t *value);

/* The shared (unprotected) alias of an IPA: the top IPA bit set. */
uint64_t rlm_guest_shared_alias(const struct rlm_guest *g, uint64_t ipa);
/* Whether ipa lies in the protected half (and inside the IPA space). */
bool rlm_guest_ipa_is_protected(const struct rlm_guest *g, uint64_t ipa);

/*
 * Set the RIPAS of [start, end) (4 KiB aligned, start < end, protected
 * half) to ripas (RLM_RSI_RIPAS_EMPTY or _RAM), Linux's loop: call
 * IPA_STATE_SET until done; an error status is RLM_ERSI, a returned base
 * outside (start, end] RLM_ERANGE, REJECT RLM_EPERM.  *done (may be NULL)
 * is where the change stopped.
 */
int rlm_guest_set_ripas(const struct rlm_guest *g, uint64_t start, uint64_t end,
			unsigned int ripas, uint64_t flags, uint64_t *done);
/* One IPA_STATE_GET: the RIPAS of [base, *top). */
int rlm_guest_ipa_state_get(const struct rlm_guest *g, uint64_t base,
			    uint64_t end, uint64_t *top, uint8_t *ripas);
/*
 * Linux's rule for mapping [start, end) encrypted: true iff no part of it
 * is RIPAS EMPTY (RAM, DESTROYED and DEV count as protected).
 */
int rlm_guest_range_may_map_encrypted(const struct rlm_guest *g, uint64_t start,
				      uint64_t end, bool *ok);

/*
 * MEASUREMENT_READ of index 0 (RIM) .. 4 (REM3): 64 bytes (zero past the
 * hash size); *hash_size (may be NULL) is the realm's digest size.
 */
int rlm_guest_measurement_read(const struct rlm_guest *g, unsigned int index,
			       uint8_t value[64], size_t *hash_size);
/* MEASUREMENT_EXTEND of index 1..4 with 0..64 bytes. */
int rlm_guest_measurement_extend(const struct rlm_guest *g, unsigned int index,
				 const void *data, size_t size);

/*
 * Attestation token for a 32..64-byte challenge (zero-padded to 64):
 * TOKEN_INIT, then TOKEN_CONTINUE through the granule until complete.
 * *len is the token's size; RLM_ENOSPC when cap is too small (the token
 * is drained and *len says how much is needed).
 */
int rlm_guest_token(const struct rlm_guest *g, const uint8_t *challenge,
		    size_t challenge_len, uint8_t *out, size_t cap, size_t *len);

/* ---- TCG2 event log ----------------------------------------------------- */

/* TCG event types used here (realm/eventlog.h has the full list). */
#define RLM_TCG_EV_NO_ACTION RLM_EV_NO_ACTION
#define RLM_TCG_EV_EVENT_TAG RLM_EV_EVENT_TAG
#define RLM_TCG_EV_IPL RLM_EV_IPL

/* Largest event description an extend takes. */
#define RLM_GUEST_EVENT_MAX (1u << 20)

/* A log being written: the measure component's TCG2 builder. */
struct rlm_guest_log {
	struct rlm_tcg_builder tcg;  /* tcg.buf, tcg.len: the log's bytes */
	size_t count;                /* events after the header */
	enum rlm_hash_algo algo;
};

/* Start a log in buf (writes the Spec ID header).  RLM_ENOSPC if cap is
 * too small even for the header. */
int rlm_guest_log_init(struct rlm_guest_log *log, void *buf, size_t cap,
		       enum rlm_hash_algo algo);

/*
 * Measure an event: digest = H(event), extend REM index (1..4) with the
 * digest, append the record to log.  The log is checked for room first
 * (RLM_ENOSPC, nothing extended).  digest_out (may be NULL, 64 bytes)
 * receives the digest.
 */
int rlm_guest_extend_event(const struct rlm_guest *g, struct rlm_guest_log *log,
			   unsigned int index, uint32_t event_type,
			   const void *event, size_t event_len,
			   uint8_t *digest_out);

/*
 * Same with a digest the caller computed (hash-size bytes; e.g. a write of
 * one digest to a REM file): the record holds digest and event as given.
 */
int rlm_guest_extend_digest(const struct rlm_guest *g, struct rlm_guest_log *log,
			    unsigned int index, uint32_t event_type,
			    const uint8_t *digest, const void *event,
			    size_t event_len);

/*
 * Replay a log: the four REMs (index 1..4 -> rems[0..3], 64 bytes each)
 * that its records give from zero; *algo (may be NULL) the log's algorithm;
 * *count (may be NULL) the measurement records, the ones rlm_guest_log_next()
 * yields (EV_NO_ACTION records are not counted).
 * Checks the header and every record (RLM_EMALFORMED / RLM_ETRUNC).
 */
int rlm_guest_log_replay(const uint8_t *log, size_t len,
			 enum rlm_hash_algo *algo, uint8_t rems[4][64],
			 size_t *count);

/* One record of a log, pointing into the log's bytes. */
struct rlm_guest_log_event {
	uint32_t index;            /* RSI measurement (CC MR) index 1..4 */
	uint32_t type;             /* TCG event type */
	enum rlm_hash_algo algo;
	const uint8_t *digest;
	size_t digest_len;
	const uint8_t *data;       /* the event description */
	size_t data_len;
};

/*
 * Iterate over a log's records: start with *off = 0; each call fills ev
 * and advances *off; RLM_ENOENT after the last record; RLM_EMALFORMED /
 * RLM_ETRUNC for a bad header or record.
 */
int rlm_guest_log_next(const uint8_t *log, size_t len, size_t *off,
		       struct rlm_guest_log_event *ev);

/* TPM algorithm id of a hash (TCG Algorithm Registry), 0 if unknown. */
uint16_t rlm_tcg_alg_id(enum rlm_hash_algo algo);

#ifdef __cplusplus
}
#endif

#endif /* RLM_GUEST_H */
