/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TCG2 crypto-agile event logs (TCG PC Client Platform Firmware Profile,
 * "Crypto Agile Log Entries Format"), the ACPI CCEL table, the realm launch
 * measurement log, and their replay into the RIM and REMs.
 *
 * Log layout (all little-endian, packed):
 *  - header event in SHA-1 log format: u32 PCR index (0), u32 type
 *    (EV_NO_ACTION), u8 digest[20] (zero), u32 size, then TCG_EfiSpecIdEvent:
 *    signature[16] "Spec ID Event03\0", u32 platformClass, u8 familyVersion
 *    minor, u8 major, u8 specErrata, u8 uintnSize, u32 numberOfAlgorithms,
 *    {u16 algorithmId, u16 digestSize} x n, u8 vendorInfoSize, vendorInfo;
 *  - events: u32 index, u32 type, u32 digest count, {u16 alg, digest} x count,
 *    u32 size, data[size].
 * Realm launch log (veraison cca-realm-measurements docs/measurement-log.md,
 * src/event_log.rs, tests/event_log.rs; checked there): EV_NO_ACTION
 * "VM VERSION" {signature[16], name[32], version[40], u64 log_start,
 * log_size, ram_size, u32 num_cpus}; EV_EVENT_TAG {u32 id, u32 size, data}
 * with id 1 REALM_CREATE {u64 flags; u8 s2sz, sve_vl, num_bps, num_wps,
 * pmu_num_ctrs, hash_algo} (14 bytes, the values as RmiRealmParams measures
 * them), 2 INIT_RIPAS {u64 base, size}, 3 REC_CREATE {u64 flags, pc,
 * gprs[8]}; images as EV_POST_CODE2 or EV_EFI_PLATFORM_FIRMWARE_BLOB2 with
 * UEFI_PLATFORM_FIRMWARE_BLOB2 {u8 desc size, desc, u64 base, u64 size}
 * and the digests of the whole image (no digest = loaded unmeasured).
 *
 * Parsers take (buf, len), keep no global state, never read outside buf,
 * and refuse: truncation, digest counts above the header's algorithm count,
 * algorithms the header does not list or that are unknown, digest sizes
 * that are not the algorithm's, duplicate algorithms, and bytes after the
 * last event other than all-0x00 or all-0xFF padding (a fixed-size log area).
 */
#ifndef RLM_EVENTLOG_H
#define RLM_EVENTLOG_H

#include <realm/env.h>
#include <realm/hash.h>
#include <realm/measure.h>

#ifdef __cplusplus
extern "C" {
#endif

/* TCG algorithm registry identifiers (TPM_ALG_*). */
#define RLM_TPM_ALG_SHA1 0x0004
#define RLM_TPM_ALG_SHA256 0x000B
#define RLM_TPM_ALG_SHA384 0x000C
#define RLM_TPM_ALG_SHA512 0x000D
#define RLM_TPM_ALG_SM3_256 0x0012

/* Event types (PC Client Platform Firmware Profile, "Event Types"). */
#define RLM_EV_PREBOOT_CERT 0x00000000
#define RLM_EV_POST_CODE 0x00000001
#define RLM_EV_NO_ACTION 0x00000003
#define RLM_EV_SEPARATOR 0x00000004
#define RLM_EV_ACTION 0x00000005
#define RLM_EV_EVENT_TAG 0x00000006
#define RLM_EV_IPL 0x0000000D
#define RLM_EV_POST_CODE2 0x00000013
#define RLM_EV_EFI_PLATFORM_FIRMWARE_BLOB2 0x8000000A

#define RLM_TCG_MAX_ALGS 8
#define RLM_TCG_SPEC_ID_SIZE_MIN 33 /* Spec ID event data with one algorithm */

/* Realm launch log: EV_EVENT_TAG ids and payload sizes. */
#define RLM_REALM_LOG_REALM_CREATE 1
#define RLM_REALM_LOG_INIT_RIPAS 2
#define RLM_REALM_LOG_REC_CREATE 3
#define RLM_REALM_LOG_REALM_CREATE_SIZE 14
#define RLM_REALM_LOG_INIT_RIPAS_SIZE 16
#define RLM_REALM_LOG_REC_CREATE_SIZE 80
#define RLM_REALM_LOG_VM_VERSION_SIZE 116
/* QEMU's CCA branch writes a 112-byte form (no log address; flags). */
#define RLM_REALM_LOG_VM_VERSION_QEMU_SIZE 112

/* CC measurement register index (= RSI measurement index). */
#define RLM_MR_RIM 0
#define RLM_MR_REM(n) (1 + (n))
#define RLM_MR_COUNT 5

/* Where parsing stopped and why (what is a static string). */
struct rlm_tcg_error {
	size_t offset;
	const char *what;
};

struct rlm_tcg_alg {
	uint16_t id;
	uint16_t size;
};

/* An opened log: the Spec ID header, and the bytes it covers. */
struct rlm_tcg_log {
	const uint8_t *buf;
	size_t len;
	size_t first_event;          /* offset of the first event after the header */
	uint32_t platform_class;
	uint8_t version_minor, version_major, errata, uintn_size;
	uint32_t nalgs;
	struct rlm_tcg_alg algs[RLM_TCG_MAX_ALGS];
};

struct rlm_tcg_digest {
	uint16_t alg;
	uint16_t size;
	const uint8_t *value;        /* points into the log */
};

struct rlm_tcg_event {
	size_t offset;               /* of the event in the log */
	size_t length;               /* bytes it occupies */
	uint32_t index;              /* PCR (or MR) index as written */
	uint32_t type;
	uint32_t ndigests;
	struct rlm_tcg_digest digests[RLM_TCG_MAX_ALGS];
	uint32_t data_size;
	const uint8_t *data;         /* points into the log */
};

/* Digest size of a TCG algorithm we know, 0 otherwise. */
size_t rlm_tcg_alg_size(uint16_t alg);
/* TCG algorithm id of a librealm hash (0 for none), and back (RLM_ENOTSUP). */
uint16_t rlm_tcg_alg_of(enum rlm_hash_algo algo);
int rlm_tcg_alg_to_hash(uint16_t alg, enum rlm_hash_algo *algo);

/* Parse the header event.  err (optional) says where and why on failure. */
int rlm_tcg_log_open(struct rlm_tcg_log *log, const uint8_t *buf, size_t len,
		     struct rlm_tcg_error *err);
/*
 * The event at *pos (start with log->first_event); advances *pos.
 * 0 with ev filled, RLM_ENOENT at the end of the log, or RLM_ETRUNC /
 * RLM_EMALFORMED / RLM_ENOTSUP with err filled.
 */
int rlm_tcg_log_next(const struct rlm_tcg_log *log, size_t *pos,
		     struct rlm_tcg_event *ev, struct rlm_tcg_error *err);
/* The digest of alg in ev, or NULL. */
const uint8_t *rlm_tcg_event_digest(const struct rlm_tcg_event *ev, uint16_t alg);

/* UEFI_PLATFORM_FIRMWARE_BLOB2 (exactly 1 + desc + 16 bytes). */
struct rlm_tcg_blob {
	uint8_t desc_len;
	const uint8_t *desc;
	uint64_t base, size;
};
int rlm_tcg_parse_blob(const uint8_t *data, size_t len, struct rlm_tcg_blob *b);

/* TCG_PCClientTaggedEvent (exactly 8 + size bytes). */
struct rlm_tcg_tagged {
	uint32_t id;
	uint32_t size;
	const uint8_t *data;
};
int rlm_tcg_parse_tagged(const uint8_t *data, size_t len, struct rlm_tcg_tagged *t);

/* Realm launch log payloads (exact sizes; unknown flag bits refused). */
int rlm_realm_log_parse_realm_create(const uint8_t *data, size_t len,
				     struct rlm_realm_params *p);
int rlm_realm_log_parse_init_ripas(const uint8_t *data, size_t len,
				   uint64_t *base, uint64_t *size);
int rlm_realm_log_parse_rec_create(const uint8_t *data, size_t len,
				   struct rlm_rec_params *p);
struct rlm_realm_log_vm_version {
	char name[33], version[41];  /* NUL-terminated copies */
	uint64_t log_start, log_size, ram_size;
	uint32_t num_cpus;
};
/* RLM_ENOENT if data is not a "VM VERSION" event. */
int rlm_realm_log_parse_vm_version(const uint8_t *data, size_t len,
				   struct rlm_realm_log_vm_version *v);

/* ---- ACPI CCEL table ---- */
#define RLM_CCEL_SIZE 56
struct rlm_ccel {
	uint8_t revision;
	char oem_id[7];
	char oem_table_id[9];
	uint8_t cc_type, cc_subtype;
	uint64_t log_min_length;     /* LAML */
	uint64_t log_start;          /* LASA */
};
/* Exactly one table: signature "CCEL", length == len >= 56, checksum 0. */
int rlm_ccel_parse(const uint8_t *buf, size_t len, struct rlm_ccel *c);

/* ---- building logs (caller-provided buffer, no allocation) ---- */
struct rlm_tcg_builder {
	uint8_t *buf;
	size_t cap, len;
	uint32_t nalgs;
	struct rlm_tcg_alg algs[RLM_TCG_MAX_ALGS];
};
/* Write the Spec ID header listing algs (known, distinct, 1..8). */
int rlm_tcg_build_init(struct rlm_tcg_builder *b, uint8_t *buf, size_t cap,
		       const uint16_t *algs, unsigned int nalgs);
/* Bytes an event with these digests and data size takes. */
size_t rlm_tcg_build_event_size(const struct rlm_tcg_builder *b,
				unsigned int ndigests, size_t data_size);
/* Append an event with the given digests (each alg in the header). */
int rlm_tcg_build_event(struct rlm_tcg_builder *b, uint32_t index, uint32_t type,
			const struct rlm_tcg_digest *d, unsigned int nd,
			const void *data, size_t size);
/* Append an event whose digests (every header algorithm) are of measured
 * (mlen bytes), and whose data is data.  RLM_ENOTSUP if the header lists
 * an algorithm librealm cannot compute (SHA-1, SM3). */
int rlm_tcg_build_event_hashed(struct rlm_tcg_builder *b, uint32_t index,
			       uint32_t type, const void *measured, size_t mlen,
			       const void *data, size_t size);
/* Append an event with all-zero digests for every header algorithm. */
int rlm_tcg_build_event_zero(struct rlm_tcg_builder *b, uint32_t index,
			     uint32_t type, const void *data, size_t size);

/* Realm launch log events (index 0, as the proposal writes them). */
int rlm_realm_log_add_vm_version(struct rlm_tcg_builder *b,
				 const struct rlm_realm_log_vm_version *v);
int rlm_realm_log_add_realm_create(struct rlm_tcg_builder *b,
				   const struct rlm_realm_params *p);
int rlm_realm_log_add_init_ripas(struct rlm_tcg_builder *b, uint64_t base,
				 uint64_t size);
int rlm_realm_log_add_rec_create(struct rlm_tcg_builder *b,
				 const struct rlm_rec_params *p);
/* An image of len bytes at base, described by desc (<= 255 bytes incl.
 * NUL); type EV_POST_CODE2 or EV_EFI_PLATFORM_FIRMWARE_BLOB2.  image NULL
 * logs it as loaded unmeasured (no digest). */
int rlm_realm_log_add_blob(struct rlm_tcg_builder *b, uint32_t type,
			   const char *desc, uint64_t base, const void *image,
			   uint64_t len);

/* ---- replay ---- */

/* The MR a TPM PCR index maps to (UEFI CC mapping; PCR16+ -> REM3). */
unsigned int rlm_tcg_pcr_to_mr(uint32_t pcr);
/* The PCR librealm writes for an MR: RIM 0, REM0 1, REM1 2, REM2 8, REM3 16. */
uint32_t rlm_tcg_mr_to_pcr(unsigned int mr);

/*
 * An image a blob event describes: point *data at its len bytes (the file
 * as loaded, blob.size long) or return RLM_ENOENT.  The replay checks it
 * against the event's digest.
 */
typedef int (*rlm_tcg_image_fn)(void *arg, const struct rlm_tcg_event *ev,
				const struct rlm_tcg_blob *blob,
				const uint8_t **data, size_t *len);
/* Called after each event with the MR it touched (or -1) and the values so
 * far.  When REALM_CREATE follows events that depended on the realm hash,
 * the replay starts again with that hash: event numbers restart at 0. */
typedef void (*rlm_tcg_observe_fn)(void *arg, size_t event_no,
				   const struct rlm_tcg_event *ev, int mr,
				   const struct rlm_realm_mrs *now);

/*
 * The index field: by default the CC MR index (0 RIM, 1..4 REM0..3), as a
 * CC event log stores it (the ACPI CCEL log, the logs librealm writes:
 * firmware maps PCR to MR when it measures, UEFI 2.10
 * EFI_CC_MEASUREMENT_PROTOCOL.MapPcrToMrIndex, EDK2 ArmCcaPkg); with
 * RLM_TCG_REPLAY_PCR a TPM PCR, mapped by rlm_tcg_pcr_to_mr() (TPM logs).
 * RLM_TCG_REPLAY_MR_INDEX is the default and kept for source compatibility.
 */
#define RLM_TCG_REPLAY_MR_INDEX (1u << 0)
#define RLM_TCG_REPLAY_PCR (1u << 3)
#define RLM_TCG_REPLAY_HASH_SET (1u << 1) /* use opts.algo for the REMs */
/* A log cut inside its last event: replay the whole events, return 0 and
 * say where the cut is in err (offset of the cut event, what). */
#define RLM_TCG_REPLAY_ALLOW_TRUNCATED (1u << 2)

struct rlm_tcg_replay_opts {
	uint32_t flags;
	enum rlm_hash_algo algo;     /* with RLM_TCG_REPLAY_HASH_SET */
	rlm_tcg_image_fn image;
	void *image_arg;
	rlm_tcg_observe_fn observe;
	void *observe_arg;
	/* Most blob granules (measured or not) one replay hashes; a log asking
	 * for more fails with RLM_ERANGE instead of hashing for hours (an
	 * unmeasured blob may claim half the IPA space).  0: the default. */
	uint64_t max_granules;
};
#define RLM_TCG_REPLAY_MAX_GRANULES (UINT64_C(1) << 22) /* 16 GiB */

/*
 * Replay a log: EV_NO_ACTION events are never extended (a VM VERSION one
 * is checked, others skipped); REM events (index != RIM) extend REM[n]
 * with the event's digest of the realm hash, as RSI_MEASUREMENT_EXTEND; RIM
 * events of a
 * realm launch log (one with REALM_CREATE) rebuild the RIM: REALM_CREATE,
 * INIT_RIPAS (rlm_rim_extend_ripas_range), REC_CREATE, blobs granule by
 * granule (images from opts->image, checked against the log's digest;
 * unmeasured blobs by address).  A measured blob without its image (no
 * opts->image, or it answers RLM_ENOENT) is not an error: the REMs replay,
 * mrs->have_rim is false, mrs->rim_needs_images true and err (if given)
 * says so at that event's offset.  Without REALM_CREATE, RIM events are only
 * parsed and mrs->have_rim stays false.  The realm hash is REALM_CREATE's,
 * else opts->algo, else the first SHA-256/SHA-512 of the header.
 * nevents (optional) counts the events after the header.
 */
int rlm_tcg_replay(const uint8_t *buf, size_t len,
		   const struct rlm_tcg_replay_opts *opts,
		   struct rlm_realm_mrs *mrs, size_t *nevents,
		   struct rlm_tcg_error *err);

/* Where a replay first departs from the values read from a realm/token. */
struct rlm_tcg_divergence {
	int mr;                      /* MR index, -1 when everything matches */
	size_t event_no;             /* first diverging event (0-based after the
				      * header); == number of events if the log
				      * lacks the events that made the value */
	size_t offset;               /* its offset in the log (0 if none) */
	uint32_t type;               /* its type */
	bool matched_before;         /* the MR had the expected value just
				      * before this event: the log holds events
				      * the realm did not extend (or differ) */
};
/*
 * Replay and compare with expected (its algo must be the log's realm hash;
 * its RIM is compared only when expected->have_rim and the log defines a
 * RIM).  0 if every value matches; RLM_EMISMATCH with d naming the first
 * event (lowest event number over the differing MRs) after the last point
 * where that MR still held the expected value, or its first event if it
 * never did.  Other errors as rlm_tcg_replay().
 */
int rlm_tcg_compare(const uint8_t *buf, size_t len,
		    const struct rlm_tcg_replay_opts *opts,
		    const struct rlm_realm_mrs *expected,
		    struct rlm_tcg_divergence *d, struct rlm_tcg_error *err);

/* ---- REM extension that is always logged ---- */
/*
 * rlm_rem_log_extend() hashes event data with the realm hash (and with
 * every other algorithm of the log), makes room for the event in the log
 * first (RLM_ENOSPC: nothing extended), then performs the extension through
 * extend (RSI_MEASUREMENT_EXTEND of index 1 + rem with the digest; NULL for
 * a model with no realm), then appends the event
 * and updates mrs->rem.  The event's index is the CC MR index (1 + rem).
 * An extend failure leaves log and mrs unchanged.
 */
struct rlm_rem_log {
	struct rlm_tcg_builder *log;
	struct rlm_realm_mrs *mrs;
	int (*extend)(void *arg, unsigned int index, const uint8_t *data, size_t size);
	void *arg;
};
int rlm_rem_log_extend(const struct rlm_rem_log *rl, unsigned int rem,
		       uint32_t type, const void *data, size_t size,
		       uint8_t digest[RLM_HASH_MAX_SIZE]);

#ifdef __cplusplus
}
#endif

#endif /* RLM_EVENTLOG_H */
