/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Realm measurements (RMM 1.0, DEN0137 "Realm measurement"; checked
 * against TF-RMM rmm-spec-v1.0-rel0 lib/measurement and runtime/rmi):
 *
 *  RIM at REALM_CREATE = H(zeroed 4 KiB RmiRealmParams holding only flags,
 *  s2sz, sve_vl, num_bps, num_wps, pmu_num_ctrs and hash_algo).
 *  Each later measured event: RIM = H(256-byte descriptor) with
 *    type u8 @0x0, len u64 = 0x100 @0x8, current RIM[64] @0x10, and
 *    DATA  (0): ipa @0x50, flags @0x58, content hash[64] @0x60
 *    REC   (1): H(zeroed RmiRecParams with flags, pc, gprs)[64] @0x50
 *    RIPAS (2): base @0x50, top @0x58.
 *  REM extend: REM = H(REM[0:hash size] || data[0:size]).
 *
 * Measurement values are 64-byte buffers, zero past the hash size.
 */
#ifndef RLM_MEASURE_H
#define RLM_MEASURE_H

#include <realm/env.h>
#include <realm/hash.h>
#include <realm/pack.h>
#include <realm/pack2.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RLM_MEASURE_DESC_SIZE 0x100
#define RLM_MEASURE_DESC_TYPE_DATA 0
#define RLM_MEASURE_DESC_TYPE_REC 1
#define RLM_MEASURE_DESC_TYPE_RIPAS 2

#define RLM_MEASURE_DESC_TYPE_OFF 0x00
#define RLM_MEASURE_DESC_LEN_OFF 0x08
#define RLM_MEASURE_DESC_RIM_OFF 0x10
#define RLM_MEASURE_DESC_DATA_IPA_OFF 0x50
#define RLM_MEASURE_DESC_DATA_FLAGS_OFF 0x58
#define RLM_MEASURE_DESC_DATA_CONTENT_OFF 0x60
#define RLM_MEASURE_DESC_REC_CONTENT_OFF 0x50
#define RLM_MEASURE_DESC_RIPAS_BASE_OFF 0x50
#define RLM_MEASURE_DESC_RIPAS_TOP_OFF 0x58

/* A running RIM. */
struct rlm_rim {
	enum rlm_hash_algo algo;
	uint8_t value[RLM_HASH_MAX_SIZE];
};

/* The RIM REALM_CREATE gives for these parameters (algo from p->hash_algo).
 * RLM_EINVAL for an unknown hash algorithm. */
int rlm_rim_init(struct rlm_rim *rim, const struct rlm_realm_params *p);

/*
 * What the RMM measures, per RMI version: one table per version
 * (lib/measure/rim.c), so a 2.0 beta change is one table edit.
 *  1.0: REALM_CREATE hashes a zeroed RmiRealmParams page holding flags,
 *       s2sz, sve_vl, num_bps, num_wps, pmu_num_ctrs and hash_algo
 *       (SHA-256 or SHA-512); RTT_INIT_RIPAS measures each RTT entry.
 *  2.0 (TF-RMM main 9a7f8ef46378320ad69140a42e51c1ccf5914661,
 *       app/attestation/rmm_stub/src/rim.c, runtime/rmi/realm.c, rtt.c,
 *       rtt_map.c, rec.c): REALM_CREATE hashes a zeroed 2.0 RmiRealmParams
 *       page holding flags0 (not flags1, planes, ATS plane, RPV or RTT
 *       fields), s2sz, sve_vl, num_bps, num_wps, pmu_num_ctrs and the
 *       algorithm (SHA-256, SHA-512 or SHA-384); RTT_INIT_RIPAS measures
 *       nothing; RTT_DATA_MAP_INIT(rd, data, ipa, src, flags) extends the
 *       DATA descriptor of 1.0 DATA_CREATE (rlm_rim_extend_data*());
 *       REC_CREATE of a runnable REC hashes a zeroed 2.0 RmiRecParams page
 *       holding flags, pc and gprs (the same offsets as 1.0) into the REC
 *       descriptor (rlm_rim_extend_rec2()).
 * The descriptors (DATA, REC) are the same in both versions.  The data
 * extends accept any algorithm of either version; rlm_rim_extend_rec()
 * and rlm_rim_extend_rec2() their version's; INIT_RIPAS only the
 * algorithms of a version that measures it.
 */
struct rlm_rim_rules {
	enum rlm_rmi_abi abi;
	uint32_t hash_algos;       /* RLM_BIT(enum rlm_hash_algo) REALM_CREATE accepts */
	bool ripas_measured;       /* RTT_INIT_RIPAS extends the RIM */
	/* where REALM_CREATE's measured fields sit in its hashed page */
	uint16_t realm_flags_off;  /* 1.0 flags, 2.0 flags0 (u64) */
	uint16_t s2sz_off, sve_vl_off, num_bps_off, num_wps_off, pmu_num_ctrs_off;
	uint16_t hash_algo_off;    /* u8 */
	/* where REC_CREATE's measured fields sit in its hashed page */
	uint16_t rec_flags_off, rec_pc_off, rec_gprs_off;
};

/* The rules of one version; RLM_EINVAL for an unknown version or NULL. */
int rlm_rim_rules(enum rlm_rmi_abi abi, const struct rlm_rim_rules **out);

/* RMM 2.0 REALM_CREATE's RIM (see above); RLM_EINVAL for NULL or an
 * algorithm 2.0 does not accept. */
int rlm_rim_init2(struct rlm_rim *rim, const struct rlm_realm_params2 *p);

/*
 * DATA_CREATE of a granule at ipa.  flags is the RMI flags argument:
 * RLM_RMI_MEASURE_CONTENT hashes content (4096 bytes, required then);
 * RLM_RMI_NO_MEASURE_CONTENT measures the address only (content ignored).
 */
int rlm_rim_extend_data(struct rlm_rim *rim, uint64_t ipa, uint64_t flags,
			const uint8_t *content);
/* Same, with the granule's content hash already computed (64-byte buffer,
 * zero past the hash size); lets callers hash granules in parallel. */
int rlm_rim_extend_data_hash(struct rlm_rim *rim, uint64_t ipa, uint64_t flags,
			     const uint8_t *content_hash);
/* The content hash rlm_rim_extend_data_hash() expects. */
int rlm_rim_granule_hash(enum rlm_hash_algo algo, const uint8_t *content,
			 uint8_t out[RLM_HASH_MAX_SIZE]);

/* REC_CREATE of a runnable REC (callers skip non-runnable RECs: the RMM
 * does not measure them; this function refuses them with RLM_EINVAL). */
int rlm_rim_extend_rec(struct rlm_rim *rim, const struct rlm_rec_params *p);

/* RMM 2.0 REC_CREATE of a runnable REC (RLM_EINVAL otherwise, as for
 * rlm_rim_extend_rec()). */
int rlm_rim_extend_rec2(struct rlm_rim *rim, const struct rlm_rec_params2 *p);

/* One RIPAS measurement (RMM 1.0 RTT_INIT_RIPAS: once per RTT entry; RMM
 * 2.0 measures none, so a SHA-384 RIM gets RLM_EINVAL). */
int rlm_rim_extend_ripas(struct rlm_rim *rim, uint64_t base, uint64_t top);

/* RSI_MEASUREMENT_EXTEND on a 64-byte REM; size 0..64.  SHA-384 too (a
 * 2.0 realm: TF-RMM main 9a7f8ef el0_app attest_measurement.c
 * app_do_extend() hashes the REM's hash size, then the data). */
int rlm_rem_extend(enum rlm_hash_algo algo, uint8_t rem[RLM_HASH_MAX_SIZE],
		   const uint8_t *data, size_t size);

/*
 * The RIPAS measurements of one INIT_RIPAS range as an RMM 1.0 realm with
 * s2sz IPA bits sees them when the host maps with the largest blocks that
 * fit (one measurement per RTT entry: the largest entry size, from the
 * start level down to 4 KiB, that is aligned at the current address and
 * fits before top).  The start level uses concatenated tables when the
 * initial level would have 16 entries or fewer.  This is the model the
 * launch measurement log assumes (veraison cca-realm-measurements
 * src/realm.rs, rim_init_ripas and translation_block_sizes); a host whose
 * RTTs are shaped differently calls rlm_rim_extend_ripas() per entry.
 */
int rlm_rim_extend_ripas_range(struct rlm_rim *rim, uint32_t s2sz,
			       uint64_t base, uint64_t top);

/*
 * DATA_CREATE of every granule a blob of len bytes loaded at base covers,
 * sequentially, in ascending IPA order: base need not be granule aligned
 * (the bytes before it in its first granule are zero, like the tail of the
 * last one).  With RLM_RMI_NO_MEASURE_CONTENT only the addresses are
 * measured and data may be NULL.  Streams through the hash: no page buffer.
 */
int rlm_rim_extend_blob(struct rlm_rim *rim, uint64_t base, const void *data,
			size_t len, uint64_t flags);

/* The five measurements of a realm (64-byte values, zero past the size). */
struct rlm_realm_mrs {
	enum rlm_hash_algo algo;
	bool have_rim;               /* the RIM is known (log: REALM_CREATE seen) */
	uint8_t rim[RLM_HASH_MAX_SIZE];
	uint8_t rem[4][RLM_HASH_MAX_SIZE];
	bool rim_needs_images;       /* log replay: a measured blob had no image */
};

#if !defined(__KERNEL__) && !defined(RLM_ENV_FREESTANDING)
/*
 * Userspace: reference values of a launch as one JSON object, written
 * NUL-terminated to out (cap bytes; RLM_ENOSPC if it does not fit, *len
 * (optional) gets the length without the NUL):
 *   {"hash_algo": "sha-256"|"sha-512", "rim": hex, "rem": [4 x hex],
 *    "rpv": hex}
 * Values are lower-case hex of the hash size (the RPV: 64 bytes); the
 * algorithm is spelt as the realm token's claim 44236 spells it, so a token
 * check can compare strings.  rpv NULL means all-zero.  RLM_EINVAL unless
 * mrs->have_rim (a reference without a RIM checks nothing).
 */
int rlm_refvals_json(const struct rlm_realm_mrs *mrs, const uint8_t *rpv,
		     char *out, size_t cap, size_t *len);

/*
 * Userspace: the same reference values as CBOR, in the shape veraison's
 * cca-realm-measurements writes them (its realm_comid.rs, draft-ydb-rats-
 * cca-endorsements): a concise-mid-tag {1: {0: tag-id}, 4: {0: [[env, [
 * measurement-map...]]]}} whose environment is class {0: 560(RIM)}, with one
 * measurement-map per value, mkey "cca.rim", "cca.rem0".."cca.rem3" holding
 * digests [[ "sha-256"|"sha-512", value ]], and "cca.rpv" holding raw-value
 * 560(64-byte RPV).  By default the CoMID is wrapped in an unsigned CoRIM,
 * 501({0: corim-id (the UUID as text), 1: [506(bstr .cbor CoMID)],
 * 3: 32("http://arm.com/cca/realm/1")}), the profile veraison's CCA scheme
 * accepts; RLM_REFVALS_COMID writes the bare CoMID (as cca-realm-measurements
 * --endorsements-output does).  RLM_REFVALS_NO_REMS leaves the REMs out
 * (unknown, e.g. firmware extends them).  tag_id (16 bytes, a UUID) NULL:
 * derived from the RIM (UUID version 8), so the same launch gives the same
 * bytes.  RLM_EINVAL unless mrs->have_rim; RLM_ENOSPC with *len = the size
 * needed when cap is short (out may be NULL with cap 0 to measure).
 */
#define RLM_REFVALS_COMID   (1u << 0)
#define RLM_REFVALS_NO_REMS (1u << 1)
int rlm_refvals_corim(const struct rlm_realm_mrs *mrs, const uint8_t *rpv,
		      const uint8_t *tag_id, unsigned int flags, uint8_t *out,
		      size_t cap, size_t *len);

/*
 * Userspace: DATA_CREATE of a whole image loaded at ipa (granule aligned),
 * granule by granule in ascending IPA order, the last partial granule
 * zero-padded as the RMM sees it (the host copies the image into zeroed
 * granules).  flags as for rlm_rim_extend_data().  The content hashes are
 * computed by nthreads threads (0 = one per online CPU, 1 = the calling
 * thread only); the RIM chain stays sequential, so the result equals the
 * rlm_rim_extend_data() loop for any thread count.  len 0 measures nothing.
 * RLM_ERANGE if the image would run past the end of the IPA space.
 */
int rlm_rim_extend_image(struct rlm_rim *rim, uint64_t ipa, const void *data,
			 size_t len, uint64_t flags, unsigned int nthreads);
#endif

#ifdef __cplusplus
}
#endif

#endif /* RLM_MEASURE_H */
