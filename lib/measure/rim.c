/* SPDX-License-Identifier: BSD-3-Clause */
/* RIM and REM arithmetic (see realm/measure.h for the formats). */
#include <realm/measure.h>
#include <realm/error.h>
#include "core/bytes.h"

static bool rlm_algo_ok_(enum rlm_hash_algo a)
{
	return a == RLM_HASH_SHA256 || a == RLM_HASH_SHA512;
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

int rlm_rim_init(struct rlm_rim *rim, const struct rlm_realm_params *p)
{
	/* Only the first 0x38 bytes of the measured page can be non-zero. */
	uint8_t page[RLM_REALM_PARAMS_HASH_ALGO_OFF + 8];
	enum rlm_hash_algo algo;

	if (!rim || !p)
		return RLM_EINVAL;
	algo = (enum rlm_hash_algo)p->hash_algo;
	if (!rlm_algo_ok_(algo))
		return RLM_EINVAL;
	rlm_memset(page, 0, sizeof(page));
	rlm_put_le64(page + RLM_REALM_PARAMS_FLAGS_OFF, p->flags);
	rlm_put_le32(page + RLM_REALM_PARAMS_S2SZ_OFF, p->s2sz);
	rlm_put_le32(page + RLM_REALM_PARAMS_SVE_VL_OFF, p->sve_vl);
	rlm_put_le32(page + RLM_REALM_PARAMS_NUM_BPS_OFF, p->num_bps);
	rlm_put_le32(page + RLM_REALM_PARAMS_NUM_WPS_OFF, p->num_wps);
	rlm_put_le32(page + RLM_REALM_PARAMS_PMU_NUM_CTRS_OFF, p->pmu_num_ctrs);
	rlm_put_le8(page + RLM_REALM_PARAMS_HASH_ALGO_OFF, p->hash_algo);
	rim->algo = algo;
	return rlm_hash_page_(algo, page, sizeof(page), rim->value);
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

int rlm_rim_extend_rec(struct rlm_rim *rim, const struct rlm_rec_params *p)
{
	/* Measured fields end with gprs[7]; the rest of the page is zero. */
	uint8_t page[RLM_REC_PARAMS_GPRS_OFF + 8 * RLM_REC_CREATE_NR_GPRS];
	uint8_t d[RLM_MEASURE_DESC_SIZE];
	unsigned int i;
	int rc;

	if (!rim || !p || !rlm_algo_ok_(rim->algo) ||
	    !(p->flags & RLM_REC_PARAMS_FLAG_RUNNABLE))
		return RLM_EINVAL;
	rlm_memset(page, 0, sizeof(page));
	rlm_put_le64(page + RLM_REC_PARAMS_FLAGS_OFF, p->flags);
	rlm_put_le64(page + RLM_REC_PARAMS_PC_OFF, p->pc);
	for (i = 0; i < RLM_REC_CREATE_NR_GPRS; i++)
		rlm_put_le64(page + RLM_REC_PARAMS_GPRS_OFF + 8 * i, p->gprs[i]);
	rlm_desc_begin_(d, rim, RLM_MEASURE_DESC_TYPE_REC);
	rc = rlm_hash_page_(rim->algo, page, sizeof(page),
			    d + RLM_MEASURE_DESC_REC_CONTENT_OFF);
	if (rc)
		return rc;
	return rlm_desc_finish_(rim, d);
}

int rlm_rim_extend_ripas(struct rlm_rim *rim, uint64_t base, uint64_t top)
{
	uint8_t d[RLM_MEASURE_DESC_SIZE];

	if (!rim || !rlm_algo_ok_(rim->algo) || top <= base)
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

	if (!rim || !rlm_algo_ok_(rim->algo) || s2sz < 32 || s2sz > 52 ||
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
