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

/* One RIPAS measurement (RMM 1.0 RTT_INIT_RIPAS: once per RTT entry). */
int rlm_rim_extend_ripas(struct rlm_rim *rim, uint64_t base, uint64_t top);

/* RSI_MEASUREMENT_EXTEND on a 64-byte REM; size 0..64. */
int rlm_rem_extend(enum rlm_hash_algo algo, uint8_t rem[RLM_HASH_MAX_SIZE],
		   const uint8_t *data, size_t size);

#endif /* RLM_MEASURE_H */
