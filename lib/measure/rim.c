/* SPDX-License-Identifier: BSD-3-Clause */
/* RIM and REM arithmetic (see realm/measure.h for the formats). */
#include <realm/measure.h>
#include <realm/error.h>
#include "core/bytes.h"

/*
 * What REALM_CREATE, RTT_INIT_RIPAS and REC_CREATE measure, one table per
 * RMI version (realm/measure.h).  DATA_CREATE (1.0) and RTT_DATA_MAP_INIT
 * (2.0) build the same DATA descriptor: TF-RMM main 9a7f8ef
 * app/attestation/rmm_stub/src/measurement_descs.h keeps the 1.0 layout.
 */
static const struct rlm_rim_rules rim_rules_v1_0_ = {
	/* TF-RMM rmm-spec-v1.0-rel0 lib/measurement, runtime/rmi/realm.c */
	.abi = RLM_RMI_V1_0,
	.hash_algos = RLM_BIT(RLM_HASH_SHA256) | RLM_BIT(RLM_HASH_SHA512),
	.ripas_measured = true,
	.realm_flags_off = RLM_REALM_PARAMS_FLAGS_OFF,
	.s2sz_off = RLM_REALM_PARAMS_S2SZ_OFF,
	.sve_vl_off = RLM_REALM_PARAMS_SVE_VL_OFF,
	.num_bps_off = RLM_REALM_PARAMS_NUM_BPS_OFF,
	.num_wps_off = RLM_REALM_PARAMS_NUM_WPS_OFF,
	.pmu_num_ctrs_off = RLM_REALM_PARAMS_PMU_NUM_CTRS_OFF,
	.hash_algo_off = RLM_REALM_PARAMS_HASH_ALGO_OFF,
	.rec_flags_off = RLM_REC_PARAMS_FLAGS_OFF,
	.rec_pc_off = RLM_REC_PARAMS_PC_OFF,
	.rec_gprs_off = RLM_REC_PARAMS_GPRS_OFF,
};

static const struct rlm_rim_rules rim_rules_v2_0_ = {
	/*
	 * TF-RMM main 9a7f8ef46378320ad69140a42e51c1ccf5914661:
	 * runtime/rmi/realm.c validate_realm_params() accepts RMI_HASH_SHA_256,
	 * _512 and _384; app/attestation/rmm_stub/src/rim.c
	 * measurement_realm_params_measure() copies flags0, s2sz, sve_vl,
	 * num_bps, num_wps, pmu_num_ctrs and algorithm into a zeroed
	 * struct rmi_realm_params (lib/smc/include/smc-rmi.h, 0x1000 bytes)
	 * and hashes it; runtime/rmi/rtt.c smc_rtt_init_ripas() measures
	 * nothing; runtime/rmi/rec.c smc_rec_create() measures a runnable REC
	 * with measurement_rec_params_measure(): flags, pc and gprs in a
	 * zeroed 2.0 struct rmi_rec_params (0x1000 bytes).
	 */
	.abi = RLM_RMI_V2_0,
	.hash_algos = RLM_BIT(RLM_HASH_SHA256) | RLM_BIT(RLM_HASH_SHA512) |
		      RLM_BIT(RLM_HASH_SHA384),
	.ripas_measured = false,
	.realm_flags_off = RLM_RMI2_REALM_PARAMS_FLAGS0_OFF,
	.s2sz_off = RLM_RMI2_REALM_PARAMS_S2SZ_OFF,
	.sve_vl_off = RLM_RMI2_REALM_PARAMS_SVE_VL_OFF,
	.num_bps_off = RLM_RMI2_REALM_PARAMS_NUM_BPS_OFF,
	.num_wps_off = RLM_RMI2_REALM_PARAMS_NUM_WPS_OFF,
	.pmu_num_ctrs_off = RLM_RMI2_REALM_PARAMS_PMU_NUM_CTRS_OFF,
	.hash_algo_off = RLM_RMI2_REALM_PARAMS_HASH_ALGO_OFF,
	.rec_flags_off = RLM_RMI2_REC_PARAMS_FLAGS_OFF,
	.rec_pc_off = RLM_RMI2_REC_PARAMS_PC_OFF,
	.rec_gprs_off = RLM_RMI2_REC_PARAMS_GPRS_OFF,
};

/* The measured fields end before this offset in every version's pages
 * (the buffers rim_init_() and rim_extend_rec_() fill by table offset). */
#define REALM_MEASURED_END_ 0x38
#define REC_MEASURED_END_ (0x300 + 8 * RLM_REC_CREATE_NR_GPRS)
RLM_STATIC_ASSERT(RLM_REALM_PARAMS_FLAGS_OFF + 8 <= REALM_MEASURED_END_ &&
	       RLM_REALM_PARAMS_S2SZ_OFF + 4 <= REALM_MEASURED_END_ &&
	       RLM_REALM_PARAMS_SVE_VL_OFF + 4 <= REALM_MEASURED_END_ &&
	       RLM_REALM_PARAMS_NUM_BPS_OFF + 4 <= REALM_MEASURED_END_ &&
	       RLM_REALM_PARAMS_NUM_WPS_OFF + 4 <= REALM_MEASURED_END_ &&
	       RLM_REALM_PARAMS_PMU_NUM_CTRS_OFF + 4 <= REALM_MEASURED_END_ &&
	       RLM_REALM_PARAMS_HASH_ALGO_OFF + 1 <= REALM_MEASURED_END_,
	       "1.0 measured RmiRealmParams fields past the buffer");
RLM_STATIC_ASSERT(RLM_RMI2_REALM_PARAMS_FLAGS0_OFF + 8 <= REALM_MEASURED_END_ &&
	       RLM_RMI2_REALM_PARAMS_S2SZ_OFF + 4 <= REALM_MEASURED_END_ &&
	       RLM_RMI2_REALM_PARAMS_SVE_VL_OFF + 4 <= REALM_MEASURED_END_ &&
	       RLM_RMI2_REALM_PARAMS_NUM_BPS_OFF + 4 <= REALM_MEASURED_END_ &&
	       RLM_RMI2_REALM_PARAMS_NUM_WPS_OFF + 4 <= REALM_MEASURED_END_ &&
	       RLM_RMI2_REALM_PARAMS_PMU_NUM_CTRS_OFF + 4 <= REALM_MEASURED_END_ &&
	       RLM_RMI2_REALM_PARAMS_HASH_ALGO_OFF + 1 <= REALM_MEASURED_END_,
	       "2.0 measured RmiRealmParams fields past the buffer");
RLM_STATIC_ASSERT(RLM_REC_PARAMS_FLAGS_OFF + 8 <= REC_MEASURED_END_ &&
	       RLM_REC_PARAMS_PC_OFF + 8 <= REC_MEASURED_END_ &&
	       RLM_REC_PARAMS_GPRS_OFF + 8 * RLM_REC_CREATE_NR_GPRS <= REC_MEASURED_END_ &&
	       RLM_RMI2_REC_PARAMS_FLAGS_OFF + 8 <= REC_MEASURED_END_ &&
	       RLM_RMI2_REC_PARAMS_PC_OFF + 8 <= REC_MEASURED_END_ &&
	       RLM_RMI2_REC_PARAMS_GPRS_OFF + 8 * RLM_REC_CREATE_NR_GPRS <= REC_MEASURED_END_,
	       "measured RmiRecParams fields past the buffer");

int rlm_rim_rules(enum rlm_rmi_abi abi, const struct rlm_rim_rules **out)
{
	if (!out)
		return RLM_EINVAL;
	switch (abi) {
	case RLM_RMI_V1_0:
		*out = &rim_rules_v1_0_;
		return 0;
	case RLM_RMI_V2_0:
		*out = &rim_rules_v2_0_;
		return 0;
	default:
		return RLM_EINVAL;
	}
}

/* An algorithm some version's REALM_CREATE accepts (the descriptors are
 * the same in every version; the RIM's algorithm was checked by the
 * version's init). */
static bool rlm_algo_ok_(enum rlm_hash_algo a)
{
	return ((unsigned int)a < 32) &&
	       (((rim_rules_v1_0_.hash_algos | rim_rules_v2_0_.hash_algos) >>
		 (unsigned int)a) & 1u);
}

/* An algorithm a version that measures RTT_INIT_RIPAS accepts. */
static bool rlm_ripas_algo_ok_(enum rlm_hash_algo a)
{
	uint32_t m = 0;

	if (rim_rules_v1_0_.ripas_measured)
		m |= rim_rules_v1_0_.hash_algos;
	if (rim_rules_v2_0_.ripas_measured)
		m |= rim_rules_v2_0_.hash_algos;
	return ((unsigned int)a < 32) && ((m >> (unsigned int)a) & 1u);
}

/* Feed n zero bytes: the measured pages are mostly zero, and a 4 KiB
 * page on the stack is too much for kernel use. */
static int rlm_hash_zeros_(struct rlm_hash_ctx *ctx, size_t n)
{
	static const uint8_t zero[256];
	int rc = 0;

	while (n && !rc) {
		size_t k = n < sizeof(zero) ? n : sizeof(zero);

		rc = rlm_hash_update(ctx, zero, k);
		n -= k;
	}
	return rc;
}

/* Hash a 4 KiB page whose first len bytes are head and the rest zero. */
static int rlm_hash_page_(enum rlm_hash_algo algo, const uint8_t *head,
			  size_t len, uint8_t out[RLM_HASH_MAX_SIZE])
{
	struct rlm_hash_ctx ctx;
	int rc = rlm_hash_init(&ctx, algo);

	if (!rc)
		rc = rlm_hash_update(&ctx, head, len);
	if (!rc)
		rc = rlm_hash_zeros_(&ctx, RLM_GRANULE_SIZE - len);
	if (!rc) {
		rlm_memset(out, 0, RLM_HASH_MAX_SIZE);
		rc = rlm_hash_final(&ctx, out);
	}
	return rc;
}

/* REALM_CREATE's RIM under one version's rules. */
static int rim_init_(struct rlm_rim *rim, const struct rlm_rim_rules *r,
		     uint64_t flags, uint32_t s2sz, uint32_t sve_vl,
		     uint32_t num_bps, uint32_t num_wps, uint32_t pmu_num_ctrs,
		     uint8_t hash_algo)
{
	/* Only the first 0x38 bytes of the measured page can be non-zero. */
	uint8_t page[REALM_MEASURED_END_];
	enum rlm_hash_algo algo = (enum rlm_hash_algo)hash_algo;

	if (hash_algo >= 32 || !((r->hash_algos >> hash_algo) & 1u))
		return RLM_EINVAL;
	rlm_memset(page, 0, sizeof(page));
	rlm_put_le64(page + r->realm_flags_off, flags);
	rlm_put_le32(page + r->s2sz_off, s2sz);
	rlm_put_le32(page + r->sve_vl_off, sve_vl);
	rlm_put_le32(page + r->num_bps_off, num_bps);
	rlm_put_le32(page + r->num_wps_off, num_wps);
	rlm_put_le32(page + r->pmu_num_ctrs_off, pmu_num_ctrs);
	rlm_put_le8(page + r->hash_algo_off, hash_algo);
	rim->algo = algo;
	return rlm_hash_page_(algo, page, sizeof(page), rim->value);
}

int rlm_rim_init(struct rlm_rim *rim, const struct rlm_realm_params *p)
{
	if (!rim || !p)
		return RLM_EINVAL;
	return rim_init_(rim, &rim_rules_v1_0_, p->flags, p->s2sz, p->sve_vl,
			 p->num_bps, p->num_wps, p->pmu_num_ctrs, p->hash_algo);
}

int rlm_rim_init2(struct rlm_rim *rim, const struct rlm_realm_params2 *p)
{
	/* Only flags0 of the two flag words, and none of the planes, RPV or
	 * RTT fields (TF-RMM main 9a7f8ef rmm_stub/src/rim.c). */
	if (!rim || !p)
		return RLM_EINVAL;
	return rim_init_(rim, &rim_rules_v2_0_, p->flags0, p->s2sz, p->sve_vl,
			 p->num_bps, p->num_wps, p->pmu_num_ctrs, p->hash_algo);
}

/* Start a descriptor: type, length, current RIM. */
static void rlm_desc_begin_(uint8_t *d, const struct rlm_rim *rim, uint8_t type)
{
	rlm_memset(d, 0, RLM_MEASURE_DESC_SIZE);
	rlm_put_le8(d + RLM_MEASURE_DESC_TYPE_OFF, type);
	rlm_put_le64(d + RLM_MEASURE_DESC_LEN_OFF, RLM_MEASURE_DESC_SIZE);
	rlm_memcpy(d + RLM_MEASURE_DESC_RIM_OFF, rim->value, RLM_HASH_MAX_SIZE);
}

static int rlm_desc_finish_(struct rlm_rim *rim, const uint8_t *d)
{
	return rlm_hash_digest(rim->algo, d, RLM_MEASURE_DESC_SIZE, rim->value);
}

int rlm_rim_granule_hash(enum rlm_hash_algo algo, const uint8_t *content,
			 uint8_t out[RLM_HASH_MAX_SIZE])
{
	if (!content || !out || !rlm_algo_ok_(algo))
		return RLM_EINVAL;
	return rlm_hash_digest(algo, content, RLM_GRANULE_SIZE, out);
}

int rlm_rim_extend_data_hash(struct rlm_rim *rim, uint64_t ipa, uint64_t flags,
			     const uint8_t *content_hash)
{
	uint8_t d[RLM_MEASURE_DESC_SIZE];

	if (!rim || !rlm_algo_ok_(rim->algo) || flags > RLM_RMI_MEASURE_CONTENT ||
	    (ipa & RLM_GRANULE_MASK))
		return RLM_EINVAL;
	if (flags == RLM_RMI_MEASURE_CONTENT && !content_hash)
		return RLM_EINVAL;
	rlm_desc_begin_(d, rim, RLM_MEASURE_DESC_TYPE_DATA);
	rlm_put_le64(d + RLM_MEASURE_DESC_DATA_IPA_OFF, ipa);
	rlm_put_le64(d + RLM_MEASURE_DESC_DATA_FLAGS_OFF, flags);
	if (flags == RLM_RMI_MEASURE_CONTENT)
		rlm_memcpy(d + RLM_MEASURE_DESC_DATA_CONTENT_OFF, content_hash,
			   rlm_hash_size(rim->algo));
	return rlm_desc_finish_(rim, d);
}

int rlm_rim_extend_data(struct rlm_rim *rim, uint64_t ipa, uint64_t flags,
			const uint8_t *content)
{
	uint8_t h[RLM_HASH_MAX_SIZE];
	int rc;

	if (!rim || !rlm_algo_ok_(rim->algo) || flags > RLM_RMI_MEASURE_CONTENT)
		return RLM_EINVAL;
	if (flags == RLM_RMI_NO_MEASURE_CONTENT)
		return rlm_rim_extend_data_hash(rim, ipa, flags, NULL);
	rc = rlm_rim_granule_hash(rim->algo, content, h);
	if (rc)
		return rc;
	return rlm_rim_extend_data_hash(rim, ipa, flags, h);
}

/* REC_CREATE of a runnable REC under one version's rules. */
static int rim_extend_rec_(struct rlm_rim *rim, const struct rlm_rim_rules *r,
			   uint64_t flags, uint64_t pc, const uint64_t *gprs)
{
	/* Measured fields end with gprs[7]; the rest of the page is zero. */
	uint8_t page[REC_MEASURED_END_];
	uint8_t d[RLM_MEASURE_DESC_SIZE];
	unsigned int i;
	int rc;

	if (!((r->hash_algos >> (unsigned int)rim->algo) & 1u) ||
	    !(flags & RLM_REC_PARAMS_FLAG_RUNNABLE))
		return RLM_EINVAL;
	rlm_memset(page, 0, sizeof(page));
	rlm_put_le64(page + r->rec_flags_off, flags);
	rlm_put_le64(page + r->rec_pc_off, pc);
	for (i = 0; i < RLM_REC_CREATE_NR_GPRS; i++)
		rlm_put_le64(page + r->rec_gprs_off + 8 * i, gprs[i]);
	rlm_desc_begin_(d, rim, RLM_MEASURE_DESC_TYPE_REC);
	rc = rlm_hash_page_(rim->algo, page, sizeof(page),
			    d + RLM_MEASURE_DESC_REC_CONTENT_OFF);
	if (rc)
		return rc;
	return rlm_desc_finish_(rim, d);
}

int rlm_rim_extend_rec(struct rlm_rim *rim, const struct rlm_rec_params *p)
{
	if (!rim || !p || (unsigned int)rim->algo >= 32)
		return RLM_EINVAL;
	return rim_extend_rec_(rim, &rim_rules_v1_0_, p->flags, p->pc, p->gprs);
}

int rlm_rim_extend_rec2(struct rlm_rim *rim, const struct rlm_rec_params2 *p)
{
	if (!rim || !p || (unsigned int)rim->algo >= 32)
		return RLM_EINVAL;
	return rim_extend_rec_(rim, &rim_rules_v2_0_, p->flags, p->pc, p->gprs);
}

int rlm_rim_extend_ripas(struct rlm_rim *rim, uint64_t base, uint64_t top)
{
	uint8_t d[RLM_MEASURE_DESC_SIZE];

	if (!rim || !rlm_ripas_algo_ok_(rim->algo) || top <= base)
		return RLM_EINVAL;
	rlm_desc_begin_(d, rim, RLM_MEASURE_DESC_TYPE_RIPAS);
	rlm_put_le64(d + RLM_MEASURE_DESC_RIPAS_BASE_OFF, base);
	rlm_put_le64(d + RLM_MEASURE_DESC_RIPAS_TOP_OFF, top);
	return rlm_desc_finish_(rim, d);
}

int rlm_rem_extend(enum rlm_hash_algo algo, uint8_t rem[RLM_HASH_MAX_SIZE],
		   const uint8_t *data, size_t size)
{
	uint8_t buf[2 * RLM_HASH_MAX_SIZE];
	size_t hs;

	if (!rem || (!data && size) || size > RLM_MEASUREMENT_MAX_SIZE ||
	    !rlm_algo_ok_(algo))
		return RLM_EINVAL;
	/* One-shot over REM || data: at most 128 bytes. */
	hs = rlm_hash_size(algo);
	rlm_memcpy(buf, rem, hs);
	if (size)
		rlm_memcpy(buf + hs, data, size);
	return rlm_hash_digest(algo, buf, hs + size, rem);
}

int rlm_rim_extend_ripas_range(struct rlm_rim *rim, uint32_t s2sz,
			       uint64_t base, uint64_t top)
{
	unsigned int table_bits, levels, start, l;
	int rc = 0;

	if (!rim || !rlm_ripas_algo_ok_(rim->algo) || s2sz < 32 || s2sz > 52 ||
	    top <= base || ((base | top) & RLM_GRANULE_MASK))
		return RLM_EINVAL;
	if (top > (UINT64_C(1) << (s2sz - 1)))
		return RLM_ERANGE;
	/* Levels a 4 KiB-granule stage 2 with s2sz bits needs; the initial
	 * level is concatenated away when it would hold <= 16 entries. */
	table_bits = s2sz - RLM_GRANULE_SHIFT;
	levels = (table_bits + 8) / 9;
	if (table_bits - 9 * (levels - 1) <= 4)
		levels--;
	start = 4 - levels;
	while (base < top && !rc) {
		uint64_t size = RLM_GRANULE_SIZE;

		for (l = start; l < 3; l++) {
			uint64_t s = RLM_GRANULE_SIZE << (9 * (3 - l));

			if (!(base & (s - 1)) && top - base >= s) {
				size = s;
				break;
			}
		}
		rc = rlm_rim_extend_ripas(rim, base, base + size);
		base += size;
	}
	return rc;
}

int rlm_rim_extend_blob(struct rlm_rim *rim, uint64_t base, const void *data,
			size_t len, uint64_t flags)
{
	const uint8_t *p = data;
	uint64_t ipa = base & ~RLM_GRANULE_MASK;
	size_t front = (size_t)(base - ipa), total;
	int rc = 0;

	if (!rim || !rlm_algo_ok_(rim->algo) || flags > RLM_RMI_MEASURE_CONTENT ||
	    (flags == RLM_RMI_MEASURE_CONTENT && !data && len))
		return RLM_EINVAL;
	if (len > SIZE_MAX - RLM_GRANULE_SIZE || base > UINT64_MAX - RLM_GRANULE_SIZE ||
	    (uint64_t)len > UINT64_MAX - RLM_GRANULE_SIZE - base)
		return RLM_ERANGE;
	total = front + len;
	while (total && !rc) {
		/* This granule: front zeros, n data bytes, zeros to 4 KiB. */
		size_t n = RLM_GRANULE_SIZE - front;
		uint8_t h[RLM_HASH_MAX_SIZE];
		struct rlm_hash_ctx ctx;

		if (n > total - front)
			n = total - front;
		if (flags == RLM_RMI_MEASURE_CONTENT) {
			rc = rlm_hash_init(&ctx, rim->algo);
			if (!rc)
				rc = rlm_hash_zeros_(&ctx, front);
			if (!rc)
				rc = rlm_hash_update(&ctx, p, n);
			if (!rc)
				rc = rlm_hash_zeros_(&ctx, RLM_GRANULE_SIZE - front - n);
			if (!rc) {
				rlm_memset(h, 0, sizeof(h));
				rc = rlm_hash_final(&ctx, h);
			} else {
				rlm_hash_abort(&ctx);
			}
			p += n;
		}
		if (!rc)
			rc = rlm_rim_extend_data_hash(rim, ipa, flags, flags ? h : NULL);
		total -= front + n;
		front = 0;
		ipa += RLM_GRANULE_SIZE;
	}
	return rc;
}
