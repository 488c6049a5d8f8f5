/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Event log building: a TCG2 crypto-agile log's header and events, and the
 * realm launch log's events (VM VERSION, REALM_CREATE, INIT_RIPAS,
 * REC_CREATE, blobs) as veraison cca-realm-measurements
 * docs/measurement-log.md describes them (formats in realm/eventlog.h).
 */
#include <realm/eventlog.h>
#include <realm/error.h>
#include "core/bytes.h"
#include "measure/eventlog_priv.h"

int rlm_tcg_build_init(struct rlm_tcg_builder *b, uint8_t *buf, size_t cap,
		       const uint16_t *algs, unsigned int nalgs)
{
	unsigned int i, j;
	size_t need;
	uint8_t *s;

	if (!b || !buf || !algs || !nalgs || nalgs > RLM_TCG_MAX_ALGS)
		return RLM_EINVAL;
	rlm_memset(b, 0, sizeof(*b));
	for (i = 0; i < nalgs; i++) {
		if (!rlm_tcg_alg_size(algs[i]))
			return RLM_ENOTSUP;
		for (j = 0; j < i; j++)
			if (algs[j] == algs[i])
				return RLM_EINVAL;
		b->algs[i].id = algs[i];
		b->algs[i].size = (uint16_t)rlm_tcg_alg_size(algs[i]);
	}
	need = HDR_FIXED_ + 28 + 4 * (size_t)nalgs + 1;
	if (cap < need)
		return RLM_ENOSPC;
	rlm_memset(buf, 0, need);
	rlm_put_le32(buf + 4, RLM_EV_NO_ACTION);
	rlm_put_le32(buf + 28, (uint32_t)(need - HDR_FIXED_));
	s = buf + HDR_FIXED_;
	rlm_memcpy(s, SPEC_ID_SIG_, 16);
	s[21] = 2;      /* TPM library family 2.0 */
	s[22] = 106;    /* spec errata, as the realm log proposal writes it */
	s[23] = 2;      /* uintnSize: 64-bit UINTN */
	rlm_put_le32(s + 24, nalgs);
	for (i = 0; i < nalgs; i++) {
		rlm_put_le16(s + 28 + 4 * i, b->algs[i].id);
		rlm_put_le16(s + 30 + 4 * i, b->algs[i].size);
	}
	b->buf = buf;
	b->cap = cap;
	b->len = need;
	b->nalgs = nalgs;
	return 0;
}

size_t rlm_tcg_build_event_size(const struct rlm_tcg_builder *b,
				unsigned int ndigests, size_t data_size)
{
	size_t n = 16 + data_size;
	unsigned int i;

	if (!b)
		return 0;
	for (i = 0; i < ndigests && i < b->nalgs; i++)
		n += 2 + b->algs[i].size;
	return n;
}

int rlm_tcg_build_event(struct rlm_tcg_builder *b, uint32_t index, uint32_t type,
			const struct rlm_tcg_digest *d, unsigned int nd,
			const void *data, size_t size)
{
	size_t need = 16 + size, p;
	unsigned int i, j;
	uint8_t *o;

	if (!b || !b->buf || (nd && !d) || (!data && size) || nd > b->nalgs ||
	    size > UINT32_MAX)
		return RLM_EINVAL;
	for (i = 0; i < nd; i++) {
		const struct rlm_tcg_alg *a = log_alg_(b->algs, b->nalgs, d[i].alg);

		if (!a || !d[i].value)
			return RLM_EINVAL;
		for (j = 0; j < i; j++)
			if (d[j].alg == d[i].alg)
				return RLM_EINVAL;
		need += 2 + a->size;
	}
	if (b->cap - b->len < need)
		return RLM_ENOSPC;
	o = b->buf + b->len;
	rlm_put_le32(o, index);
	rlm_put_le32(o + 4, type);
	rlm_put_le32(o + 8, nd);
	p = 12;
	for (i = 0; i < nd; i++) {
		size_t sz = rlm_tcg_alg_size(d[i].alg);

		rlm_put_le16(o + p, d[i].alg);
		rlm_memcpy(o + p + 2, d[i].value, sz);
		p += 2 + sz;
	}
	rlm_put_le32(o + p, (uint32_t)size);
	if (size)
		rlm_memcpy(o + p + 4, data, size);
	b->len += need;
	return 0;
}

int rlm_tcg_build_event_hashed(struct rlm_tcg_builder *b, uint32_t index,
			       uint32_t type, const void *measured, size_t mlen,
			       const void *data, size_t size)
{
	uint8_t vals[RLM_TCG_MAX_ALGS][RLM_HASH_MAX_SIZE];
	struct rlm_tcg_digest d[RLM_TCG_MAX_ALGS];
	size_t need;
	int rc;

	if (!b || !b->buf || (!measured && mlen))
		return RLM_EINVAL;
	rc = build_begin_(b, index, type, b->nalgs, size, &need);
	if (!rc)
		rc = hash_all_(b, measured, mlen, vals, d);
	if (!rc)
		rc = rlm_tcg_build_event(b, index, type, d, b->nalgs, data, size);
	return rc;
}

int rlm_tcg_build_event_zero(struct rlm_tcg_builder *b, uint32_t index,
			     uint32_t type, const void *data, size_t size)
{
	static const uint8_t zero[RLM_HASH_MAX_SIZE];
	struct rlm_tcg_digest d[RLM_TCG_MAX_ALGS];
	uint32_t i;

	if (!b || !b->buf)
		return RLM_EINVAL;
	for (i = 0; i < b->nalgs; i++) {
		d[i].alg = b->algs[i].id;
		d[i].size = b->algs[i].size;
		d[i].value = zero;
	}
	return rlm_tcg_build_event(b, index, type, d, b->nalgs, data, size);
}

int rlm_realm_log_add_vm_version(struct rlm_tcg_builder *b,
				 const struct rlm_realm_log_vm_version *v)
{
	uint8_t e[RLM_REALM_LOG_VM_VERSION_SIZE];
	size_t n;

	if (!b || !v)
		return RLM_EINVAL;
	rlm_memset(e, 0, sizeof(e));
	rlm_memcpy(e, VM_VERSION_SIG_, sizeof(VM_VERSION_SIG_) - 1);
	for (n = 0; n < 32 && v->name[n]; n++)
		e[16 + n] = (uint8_t)v->name[n];
	for (n = 0; n < 40 && v->version[n]; n++)
		e[48 + n] = (uint8_t)v->version[n];
	rlm_put_le64(e + 88, v->log_start);
	rlm_put_le64(e + 96, v->log_size);
	rlm_put_le64(e + 104, v->ram_size);
	rlm_put_le32(e + 112, v->num_cpus);
	return rlm_tcg_build_event_zero(b, 0, RLM_EV_NO_ACTION, e, sizeof(e));
}

static int add_tagged_(struct rlm_tcg_builder *b, uint32_t id, const uint8_t *p,
		       size_t n)
{
	uint8_t e[8 + RLM_REALM_LOG_REC_CREATE_SIZE];

	rlm_put_le32(e, id);
	rlm_put_le32(e + 4, (uint32_t)n);
	rlm_memcpy(e + 8, p, n);
	return rlm_tcg_build_event_hashed(b, 0, RLM_EV_EVENT_TAG, e, 8 + n, e, 8 + n);
}

int rlm_realm_log_add_realm_create(struct rlm_tcg_builder *b,
				   const struct rlm_realm_params *p)
{
	uint8_t e[RLM_REALM_LOG_REALM_CREATE_SIZE];

	if (!b || !p || p->s2sz > 0xff || p->sve_vl > 0xff || p->num_bps > 0xff ||
	    p->num_wps > 0xff || p->pmu_num_ctrs > 0xff)
		return RLM_EINVAL;
	rlm_put_le64(e, p->flags);
	e[8] = (uint8_t)p->s2sz;
	e[9] = (uint8_t)p->sve_vl;
	e[10] = (uint8_t)p->num_bps;
	e[11] = (uint8_t)p->num_wps;
	e[12] = (uint8_t)p->pmu_num_ctrs;
	e[13] = p->hash_algo;
	return add_tagged_(b, RLM_REALM_LOG_REALM_CREATE, e, sizeof(e));
}

int rlm_realm_log_add_init_ripas(struct rlm_tcg_builder *b, uint64_t base,
				 uint64_t size)
{
	uint8_t e[RLM_REALM_LOG_INIT_RIPAS_SIZE];

	if (!b)
		return RLM_EINVAL;
	rlm_put_le64(e, base);
	rlm_put_le64(e + 8, size);
	return add_tagged_(b, RLM_REALM_LOG_INIT_RIPAS, e, sizeof(e));
}

int rlm_realm_log_add_rec_create(struct rlm_tcg_builder *b,
				 const struct rlm_rec_params *p)
{
	uint8_t e[RLM_REALM_LOG_REC_CREATE_SIZE];
	unsigned int i;

	if (!b || !p)
		return RLM_EINVAL;
	rlm_put_le64(e, p->flags);
	rlm_put_le64(e + 8, p->pc);
	for (i = 0; i < RLM_REC_CREATE_NR_GPRS; i++)
		rlm_put_le64(e + 16 + 8 * i, p->gprs[i]);
	return add_tagged_(b, RLM_REALM_LOG_REC_CREATE, e, sizeof(e));
}

int rlm_realm_log_add_blob(struct rlm_tcg_builder *b, uint32_t type,
			   const char *desc, uint64_t base, const void *image,
			   uint64_t len)
{
	uint8_t e[1 + 255 + 16];
	size_t n = 0;

	if (!b || !desc || (type != RLM_EV_POST_CODE2 &&
			    type != RLM_EV_EFI_PLATFORM_FIRMWARE_BLOB2) ||
	    (image && (uint64_t)(size_t)len != len))
		return RLM_EINVAL;
	while (desc[n])
		if (++n > 254)
			return RLM_E2BIG;
	n++;   /* the NUL is part of the description, as the proposal logs it */
	e[0] = (uint8_t)n;
	rlm_memcpy(e + 1, desc, n);
	rlm_put_le64(e + 1 + n, base);
	rlm_put_le64(e + 9 + n, len);
	if (!image)
		return rlm_tcg_build_event(b, 0, type, NULL, 0, e, n + 17);
	return rlm_tcg_build_event_hashed(b, 0, type, image, (size_t)len, e, n + 17);
}
