/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TCG2 crypto-agile event logs, ACPI CCEL, the realm launch log and their
 * replay (formats in realm/eventlog.h).  Numbers checked in: TCG PC Client
 * Platform Firmware Profile (event types, TCG_EfiSpecIdEvent, TCG_PCR_EVENT2);
 * TCG algorithm registry (TPM_ALG_*); veraison cca-realm-measurements
 * docs/measurement-log.md, src/event_log.rs and tests/event_log.rs (tag ids,
 * payloads, VM VERSION, blob events, PCR to MR mapping); Linux
 * include/acpi/actbl2.h struct acpi_table_ccel (CCEL layout).
 */
#include <realm/eventlog.h>
#include <realm/error.h>
#include "core/bytes.h"

#define SPEC_ID_SIG_ "Spec ID Event03"   /* 15 chars + NUL = 16 bytes */
#define VM_VERSION_SIG_ "VM VERSION"      /* NUL-padded to 16 bytes */
#define HDR_FIXED_ 32u                    /* index, type, sha1 digest, size */

static int fail_(struct rlm_tcg_error *err, size_t off, const char *what, int rc)
{
	if (err) {
		err->offset = off;
		err->what = what;
	}
	return rc;
}

size_t rlm_tcg_alg_size(uint16_t alg)
{
	switch (alg) {
	case RLM_TPM_ALG_SHA1: return 20;
	case RLM_TPM_ALG_SHA256: return 32;
	case RLM_TPM_ALG_SHA384: return 48;
	case RLM_TPM_ALG_SHA512: return 64;
	case RLM_TPM_ALG_SM3_256: return 32;
	}
	return 0;
}

uint16_t rlm_tcg_alg_of(enum rlm_hash_algo algo)
{
	switch (algo) {
	case RLM_HASH_SHA256: return RLM_TPM_ALG_SHA256;
	case RLM_HASH_SHA384: return RLM_TPM_ALG_SHA384;
	case RLM_HASH_SHA512: return RLM_TPM_ALG_SHA512;
	}
	return 0;
}

int rlm_tcg_alg_to_hash(uint16_t alg, enum rlm_hash_algo *algo)
{
	if (!algo)
		return RLM_EINVAL;
	switch (alg) {
	case RLM_TPM_ALG_SHA256: *algo = RLM_HASH_SHA256; return 0;
	case RLM_TPM_ALG_SHA384: *algo = RLM_HASH_SHA384; return 0;
	case RLM_TPM_ALG_SHA512: *algo = RLM_HASH_SHA512; return 0;
	}
	return RLM_ENOTSUP;
}

int rlm_tcg_log_open(struct rlm_tcg_log *log, const uint8_t *buf, size_t len,
		     struct rlm_tcg_error *err)
{
	const uint8_t *s;
	uint32_t size, n, i, j;
	size_t need;

	if (!log || (!buf && len))
		return fail_(err, 0, "no log", RLM_EINVAL);
	rlm_memset(log, 0, sizeof(*log));
	if (len < HDR_FIXED_)
		return fail_(err, 0, "truncated header event", RLM_ETRUNC);
	if (rlm_get_le32(buf) != 0 || rlm_get_le32(buf + 4) != RLM_EV_NO_ACTION)
		return fail_(err, 0, "first event is not an EV_NO_ACTION in PCR 0",
			     RLM_EMALFORMED);
	for (i = 8; i < 28; i++)
		if (buf[i])
			return fail_(err, 8, "header event digest is not zero",
				     RLM_EMALFORMED);
	size = rlm_get_le32(buf + 28);
	if (size > len - HDR_FIXED_)
		return fail_(err, 28, "header event size runs past the log", RLM_ETRUNC);
	if (size < RLM_TCG_SPEC_ID_SIZE_MIN)
		return fail_(err, 28, "header event too small for a Spec ID event",
			     RLM_EMALFORMED);
	s = buf + HDR_FIXED_;
	if (rlm_memcmp(s, SPEC_ID_SIG_, 16))
		return fail_(err, HDR_FIXED_, "no \"Spec ID Event03\" signature",
			     RLM_EMALFORMED);
	log->platform_class = rlm_get_le32(s + 16);
	log->version_minor = s[20];
	log->version_major = s[21];
	log->errata = s[22];
	log->uintn_size = s[23];
	if (log->version_major != 2)
		return fail_(err, HDR_FIXED_ + 21, "family version is not 2.0",
			     RLM_EMALFORMED);
	if (log->uintn_size != 1 && log->uintn_size != 2)
		return fail_(err, HDR_FIXED_ + 23, "bad uintnSize", RLM_EMALFORMED);
	n = rlm_get_le32(s + 24);
	if (n == 0 || n > RLM_TCG_MAX_ALGS)
		return fail_(err, HDR_FIXED_ + 24, "algorithm count out of range (1..8)",
			     RLM_EMALFORMED);
	/* 28 fixed bytes, 4 per algorithm, then vendorInfoSize. */
	need = 28 + 4 * (size_t)n + 1;
	if (need > size)
		return fail_(err, HDR_FIXED_ + 24, "algorithm list runs past the header",
			     RLM_ETRUNC);
	for (i = 0; i < n; i++) {
		const uint8_t *a = s + 28 + 4 * i;
		uint16_t id = rlm_get_le16(a), sz = rlm_get_le16(a + 2);

		if (!rlm_tcg_alg_size(id))
			return fail_(err, (size_t)(a - buf), "unknown hash algorithm",
				     RLM_ENOTSUP);
		if (sz != rlm_tcg_alg_size(id))
			return fail_(err, (size_t)(a - buf) + 2,
				     "digest size does not match the algorithm",
				     RLM_EMALFORMED);
		for (j = 0; j < i; j++)
			if (log->algs[j].id == id)
				return fail_(err, (size_t)(a - buf),
					     "algorithm listed twice", RLM_EMALFORMED);
		log->algs[i].id = id;
		log->algs[i].size = sz;
	}
	if (need + s[need - 1] != size)
		return fail_(err, HDR_FIXED_ + need - 1,
			     "vendor info size does not fill the header event",
			     RLM_EMALFORMED);
	log->nalgs = n;
	log->buf = buf;
	log->len = len;
	log->first_event = HDR_FIXED_ + size;
	return 0;
}

static bool all_padding_(const uint8_t *p, size_t n)
{
	size_t i;

	if (!n)
		return true;
	if (p[0] != 0 && p[0] != 0xff)
		return false;
	for (i = 1; i < n; i++)
		if (p[i] != p[0])
			return false;
	return true;
}

static const struct rlm_tcg_alg *log_alg_(const struct rlm_tcg_alg *algs,
					  uint32_t n, uint16_t id)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (algs[i].id == id)
			return &algs[i];
	return NULL;
}

int rlm_tcg_log_next(const struct rlm_tcg_log *log, size_t *pos,
		     struct rlm_tcg_event *ev, struct rlm_tcg_error *err)
{
	size_t p, start, rest;
	uint32_t i, j;

	if (!log || !pos || !ev || !log->buf)
		return fail_(err, 0, "no log", RLM_EINVAL);
	p = start = *pos;
	if (p < log->first_event || p > log->len)
		return fail_(err, p, "position outside the log", RLM_ERANGE);
	rest = log->len - p;
	if (all_padding_(log->buf + p, rest))
		return RLM_ENOENT;
	/* An all-0x00 (or all-0xFF) event header starts the padding of a
	 * fixed-size log area: what follows must be padding too. */
	if (all_padding_(log->buf + p, rest < 16 ? rest : 16))
		return fail_(err, p, "bytes after the end of the log", RLM_EMALFORMED);
	ev->ndigests = 0;
	ev->data = NULL;
	ev->data_size = 0;
	if (rest < 12)
		return fail_(err, p, "truncated event header", RLM_ETRUNC);
	ev->offset = start;
	ev->index = rlm_get_le32(log->buf + p);
	ev->type = rlm_get_le32(log->buf + p + 4);
	ev->ndigests = rlm_get_le32(log->buf + p + 8);
	if (ev->ndigests > log->nalgs)
		return fail_(err, p + 8, "digest count exceeds the header's algorithms",
			     RLM_EMALFORMED);
	p += 12;
	for (i = 0; i < ev->ndigests; i++) {
		const struct rlm_tcg_alg *a;
		uint16_t id;

		if (log->len - p < 2)
			return fail_(err, p, "truncated digest", RLM_ETRUNC);
		id = rlm_get_le16(log->buf + p);
		a = log_alg_(log->algs, log->nalgs, id);
		if (!a)
			return fail_(err, p, "digest of an algorithm the header does not list",
				     RLM_EMALFORMED);
		for (j = 0; j < i; j++)
			if (ev->digests[j].alg == id)
				return fail_(err, p, "two digests of one algorithm",
					     RLM_EMALFORMED);
		p += 2;
		if (log->len - p < a->size)
			return fail_(err, p, "truncated digest", RLM_ETRUNC);
		ev->digests[i].alg = id;
		ev->digests[i].size = a->size;
		ev->digests[i].value = log->buf + p;
		p += a->size;
	}
	if (log->len - p < 4)
		return fail_(err, p, "truncated event size", RLM_ETRUNC);
	ev->data_size = rlm_get_le32(log->buf + p);
	p += 4;
	if (ev->data_size > log->len - p)
		return fail_(err, p - 4, "event data runs past the log", RLM_ETRUNC);
	ev->data = log->buf + p;
	p += ev->data_size;
	ev->length = p - start;
	*pos = p;
	return 0;
}

const uint8_t *rlm_tcg_event_digest(const struct rlm_tcg_event *ev, uint16_t alg)
{
	uint32_t i;

	if (!ev)
		return NULL;
	for (i = 0; i < ev->ndigests && i < RLM_TCG_MAX_ALGS; i++)
		if (ev->digests[i].alg == alg)
			return ev->digests[i].value;
	return NULL;
}

int rlm_tcg_parse_blob(const uint8_t *data, size_t len, struct rlm_tcg_blob *b)
{
	if (!b || (!data && len))
		return RLM_EINVAL;
	if (len < 1)
		return RLM_ETRUNC;
	b->desc_len = data[0];
	if (len - 1 < (size_t)b->desc_len + 16)
		return RLM_ETRUNC;
	if (len - 1 != (size_t)b->desc_len + 16)
		return RLM_EMALFORMED;
	b->desc = data + 1;
	b->base = rlm_get_le64(data + 1 + b->desc_len);
	b->size = rlm_get_le64(data + 9 + b->desc_len);
	return 0;
}

int rlm_tcg_parse_tagged(const uint8_t *data, size_t len, struct rlm_tcg_tagged *t)
{
	if (!t || (!data && len))
		return RLM_EINVAL;
	if (len < 8)
		return RLM_ETRUNC;
	t->id = rlm_get_le32(data);
	t->size = rlm_get_le32(data + 4);
	if (t->size > len - 8)
		return RLM_ETRUNC;
	if (t->size != len - 8)
		return RLM_EMALFORMED;
	t->data = data + 8;
	return 0;
}

static int exact_(const uint8_t *data, size_t len, size_t want)
{
	if (!data)
		return RLM_EINVAL;
	if (len < want)
		return RLM_ETRUNC;
	return len == want ? 0 : RLM_EMALFORMED;
}

int rlm_realm_log_parse_realm_create(const uint8_t *data, size_t len,
				     struct rlm_realm_params *p)
{
	int rc = p ? exact_(data, len, RLM_REALM_LOG_REALM_CREATE_SIZE) : RLM_EINVAL;

	if (rc)
		return rc;
	rlm_memset(p, 0, sizeof(*p));
	p->flags = rlm_get_le64(data);
	if (p->flags & ~(uint64_t)(RLM_RMI_REALM_PARAM_FLAG_LPA2 |
				   RLM_RMI_REALM_PARAM_FLAG_SVE |
				   RLM_RMI_REALM_PARAM_FLAG_PMU))
		return RLM_EMALFORMED;
	p->s2sz = data[8];
	p->sve_vl = data[9];
	p->num_bps = data[10];
	p->num_wps = data[11];
	p->pmu_num_ctrs = data[12];
	p->hash_algo = data[13];
	if (p->hash_algo != RLM_RMI_HASH_SHA_256 && p->hash_algo != RLM_RMI_HASH_SHA_512)
		return RLM_ENOTSUP;
	if (p->s2sz < 32 || p->s2sz > 52)
		return RLM_EMALFORMED;
	return 0;
}

int rlm_realm_log_parse_init_ripas(const uint8_t *data, size_t len,
				   uint64_t *base, uint64_t *size)
{
	int rc = base && size ? exact_(data, len, RLM_REALM_LOG_INIT_RIPAS_SIZE)
			      : RLM_EINVAL;

	if (rc)
		return rc;
	*base = rlm_get_le64(data);
	*size = rlm_get_le64(data + 8);
	if (!*size || ((*base | *size) & RLM_GRANULE_MASK) || *size > UINT64_MAX - *base)
		return RLM_EMALFORMED;
	return 0;
}

int rlm_realm_log_parse_rec_create(const uint8_t *data, size_t len,
				   struct rlm_rec_params *p)
{
	unsigned int i;
	int rc = p ? exact_(data, len, RLM_REALM_LOG_REC_CREATE_SIZE) : RLM_EINVAL;

	if (rc)
		return rc;
	rlm_memset(p, 0, sizeof(*p));
	p->flags = rlm_get_le64(data);
	if (p->flags & ~(uint64_t)RLM_REC_PARAMS_FLAG_RUNNABLE)
		return RLM_EMALFORMED;
	p->pc = rlm_get_le64(data + 8);
	for (i = 0; i < RLM_REC_CREATE_NR_GPRS; i++)
		p->gprs[i] = rlm_get_le64(data + 16 + 8 * i);
	return 0;
}

int rlm_realm_log_parse_vm_version(const uint8_t *data, size_t len,
				   struct rlm_realm_log_vm_version *v)
{
	static const uint8_t sig[16] = VM_VERSION_SIG_;

	if (!v || !data)
		return RLM_EINVAL;
	if (len < 16 || rlm_memcmp(data, sig, 16))
		return RLM_ENOENT;
	if (len < RLM_REALM_LOG_VM_VERSION_SIZE)
		return RLM_ETRUNC;
	if (len != RLM_REALM_LOG_VM_VERSION_SIZE)
		return RLM_EMALFORMED;
	rlm_memset(v, 0, sizeof(*v));
	rlm_memcpy(v->name, data + 16, 32);
	rlm_memcpy(v->version, data + 48, 40);
	v->log_start = rlm_get_le64(data + 88);
	v->log_size = rlm_get_le64(data + 96);
	v->ram_size = rlm_get_le64(data + 104);
	v->num_cpus = rlm_get_le32(data + 112);
	return 0;
}

int rlm_ccel_parse(const uint8_t *buf, size_t len, struct rlm_ccel *c)
{
	uint32_t tlen;
	uint8_t sum = 0;
	size_t i;

	if (!buf || !c)
		return RLM_EINVAL;
	if (len < RLM_CCEL_SIZE)
		return RLM_ETRUNC;
	if (rlm_memcmp(buf, "CCEL", 4))
		return RLM_EMALFORMED;
	tlen = rlm_get_le32(buf + 4);
	if (tlen < RLM_CCEL_SIZE)
		return RLM_EMALFORMED;
	if (tlen > len)
		return RLM_ETRUNC;
	if (tlen != len)
		return RLM_EMALFORMED;   /* trailing bytes */
	for (i = 0; i < len; i++)
		sum = (uint8_t)(sum + buf[i]);
	if (sum)
		return RLM_EVERIFY;
	rlm_memset(c, 0, sizeof(*c));
	c->revision = buf[8];
	rlm_memcpy(c->oem_id, buf + 10, 6);
	rlm_memcpy(c->oem_table_id, buf + 16, 8);
	/* ACPI header is 36 bytes; then CC type, subtype, u16 reserved,
	 * u64 log area minimum length, u64 log area start address. */
	c->cc_type = buf[36];
	c->cc_subtype = buf[37];
	c->log_min_length = rlm_get_le64(buf + 40);
	c->log_start = rlm_get_le64(buf + 48);
	return 0;
}

/* ---- building ---- */

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

/* Header and digests of an event; data is written by the caller. */
static int build_begin_(struct rlm_tcg_builder *b, uint32_t index, uint32_t type,
			unsigned int nd, size_t dsize, size_t *need)
{
	size_t n = 16 + dsize;
	unsigned int i;

	if (!b || !b->buf || nd > b->nalgs || dsize > UINT32_MAX)
		return RLM_EINVAL;
	for (i = 0; i < nd; i++)
		n += 2 + b->algs[i].size;   /* sizes used to check room only */
	(void)index;
	(void)type;
	*need = n;
	return b->cap - b->len < n ? RLM_ENOSPC : 0;
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

/* Digests of measured for every header algorithm into vals. */
static int hash_all_(const struct rlm_tcg_builder *b, const void *measured,
		     size_t mlen, uint8_t vals[][RLM_HASH_MAX_SIZE],
		     struct rlm_tcg_digest *d)
{
	uint32_t i;
	int rc;

	for (i = 0; i < b->nalgs; i++) {
		enum rlm_hash_algo h;

		if (rlm_tcg_alg_to_hash(b->algs[i].id, &h))
			return RLM_ENOTSUP;
		rc = rlm_hash_digest(h, measured, mlen, vals[i]);
		if (rc)
			return rc;
		d[i].alg = b->algs[i].id;
		d[i].size = b->algs[i].size;
		d[i].value = vals[i];
	}
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

/* ---- replay ---- */

unsigned int rlm_tcg_pcr_to_mr(uint32_t pcr)
{
	if (pcr == 0)
		return RLM_MR_RIM;
	if (pcr == 1 || pcr == 7)
		return RLM_MR_REM(0);
	if (pcr <= 6)
		return RLM_MR_REM(1);
	if (pcr <= 15)
		return RLM_MR_REM(2);
	return RLM_MR_REM(3);
}

uint32_t rlm_tcg_mr_to_pcr(unsigned int mr)
{
	static const uint32_t pcr[RLM_MR_COUNT] = { 0, 1, 2, 8, 16 };

	return mr < RLM_MR_COUNT ? pcr[mr] : 16;
}

static int event_mr_(const struct rlm_tcg_replay_opts *o, uint32_t index,
		     unsigned int *mr)
{
	/* A CC event log stores the CC MR index: firmware maps PCR to MR when
	 * it measures (UEFI 2.10 EFI_CC_MEASUREMENT_PROTOCOL.MapPcrToMrIndex;
	 * EDK2 ArmCcaPkg's implementation).  Only a TPM log needs the map. */
	if (o && (o->flags & RLM_TCG_REPLAY_PCR)) {
		*mr = rlm_tcg_pcr_to_mr(index);
		return 0;
	}
	if (index >= RLM_MR_COUNT)
		return RLM_EMALFORMED;
	*mr = index;
	return 0;
}

/* replay_rim_event_: a measured blob without its image (not an error). */
#define RIM_NEEDS_IMAGES_ 2

static bool is_blob_(uint32_t type)
{
	return type == RLM_EV_POST_CODE2 || type == RLM_EV_EFI_PLATFORM_FIRMWARE_BLOB2;
}

static int replay_rim_event_(const struct rlm_tcg_event *ev,
			     const struct rlm_tcg_replay_opts *o,
			     const struct rlm_realm_params *rp,
			     struct rlm_rim *rim, bool *created, uint64_t *budget,
			     struct rlm_tcg_error *err)
{
	struct rlm_tcg_tagged t;
	struct rlm_tcg_blob blob;
	int rc;

	if (ev->type == RLM_EV_EVENT_TAG) {
		uint64_t base, size;
		struct rlm_rec_params rec;

		rc = rlm_tcg_parse_tagged(ev->data, ev->data_size, &t);
		if (rc)
			return fail_(err, ev->offset, "malformed tagged event", rc);
		if (t.id == RLM_REALM_LOG_REALM_CREATE) {
			rc = rlm_rim_init(rim, rp);
			*created = !rc;
			return rc ? fail_(err, ev->offset, "REALM_CREATE refused", rc) : 0;
		}
		if (!*created)
			return fail_(err, ev->offset, "RIM event before REALM_CREATE",
				     RLM_EMALFORMED);
		if (t.id == RLM_REALM_LOG_INIT_RIPAS) {
			rc = rlm_realm_log_parse_init_ripas(t.data, t.size, &base, &size);
			if (!rc)
				rc = rlm_rim_extend_ripas_range(rim, rp->s2sz, base,
								base + size);
			return rc ? fail_(err, ev->offset, "bad INIT_RIPAS event", rc) : 0;
		}
		if (t.id == RLM_REALM_LOG_REC_CREATE) {
			rc = rlm_realm_log_parse_rec_create(t.data, t.size, &rec);
			if (rc)
				return fail_(err, ev->offset, "bad REC_CREATE event", rc);
			/* The RMM does not measure a REC that is not runnable. */
			if (!(rec.flags & RLM_REC_PARAMS_FLAG_RUNNABLE))
				return 0;
			return rlm_rim_extend_rec(rim, &rec);
		}
		return fail_(err, ev->offset, "unknown realm log tag", RLM_EMALFORMED);
	}
	if (!is_blob_(ev->type))
		return fail_(err, ev->offset, "event type cannot be replayed into the RIM",
			     RLM_EMALFORMED);
	if (!*created)
		return fail_(err, ev->offset, "RIM event before REALM_CREATE",
			     RLM_EMALFORMED);
	rc = rlm_tcg_parse_blob(ev->data, ev->data_size, &blob);
	if (rc)
		return fail_(err, ev->offset, "malformed blob event", rc);
	if (blob.base > (UINT64_C(1) << (rp->s2sz - 1)) ||
	    blob.size > (UINT64_C(1) << (rp->s2sz - 1)) - blob.base)
		return fail_(err, ev->offset, "blob outside the protected IPA space",
			     RLM_ERANGE);
	{
		/* granules the blob spans (it lies below 2^51: no overflow) */
		uint64_t ng = ((blob.base & RLM_GRANULE_MASK) + blob.size +
			       RLM_GRANULE_MASK) >> RLM_GRANULE_SHIFT;

		if (ng > *budget)
			return fail_(err, ev->offset,
				     "blobs larger than the replay's granule limit",
				     RLM_ERANGE);
		*budget -= ng;
	}
	if (ev->ndigests == 0) {
		/* Loaded unmeasured: the addresses only.  Stream in chunks so a
		 * size_t narrower than u64 cannot truncate. */
		uint64_t base = blob.base, left = blob.size;

		rc = 0;
		while (left && !rc) {
			uint64_t k = 0x40000000 - (base & RLM_GRANULE_MASK);

			if (k > left)
				k = left;
			rc = rlm_rim_extend_blob(rim, base, NULL, (size_t)k,
						 RLM_RMI_NO_MEASURE_CONTENT);
			base += k;
			left -= k;
		}
		return rc;
	}
	{
		const uint8_t *img = NULL, *want;
		uint8_t h[RLM_HASH_MAX_SIZE];
		size_t ilen = 0;
		enum rlm_hash_algo ha;
		uint32_t i;

		if (!o || !o->image)
			return RIM_NEEDS_IMAGES_;
		rc = o->image(o->image_arg, ev, &blob, &img, &ilen);
		if (rc == RLM_ENOENT)
			return RIM_NEEDS_IMAGES_;
		if (rc)
			return fail_(err, ev->offset, "no image matches the blob's digest",
				     RLM_EIO);
		if (!img || (uint64_t)ilen != blob.size)
			return fail_(err, ev->offset, "image size differs from the blob size",
				     RLM_EMISMATCH);
		/* Check the image against a digest we can compute. */
		want = NULL;
		for (i = 0; i < ev->ndigests && !want; i++)
			if (!rlm_tcg_alg_to_hash(ev->digests[i].alg, &ha))
				want = ev->digests[i].value;
		if (!want)
			return fail_(err, ev->offset, "blob has no SHA-2 digest", RLM_ENOTSUP);
		rc = rlm_hash_digest(ha, img, ilen, h);
		if (rc)
			return rc;
		if (rlm_memcmp(h, want, rlm_hash_size(ha)))
			return fail_(err, ev->offset, "image does not match the blob's digest",
				     RLM_EMISMATCH);
		return rlm_rim_extend_blob(rim, blob.base, img, ilen,
					   RLM_RMI_MEASURE_CONTENT);
	}
}

/* A RIM event of a log without REALM_CREATE: only its container. */
static int check_rim_container_(const struct rlm_tcg_event *ev,
				struct rlm_tcg_error *err)
{
	struct rlm_tcg_tagged t;
	struct rlm_tcg_blob b;
	int rc = 0;

	if (is_blob_(ev->type))
		rc = rlm_tcg_parse_blob(ev->data, ev->data_size, &b);
	else if (ev->type == RLM_EV_EVENT_TAG)
		rc = rlm_tcg_parse_tagged(ev->data, ev->data_size, &t);
	return rc ? fail_(err, ev->offset, "malformed event data", rc) : 0;
}

static int pick_algo_(const struct rlm_tcg_log *log,
		      const struct rlm_tcg_replay_opts *o, bool have_rc,
		      const struct rlm_realm_params *rp, enum rlm_hash_algo *algo)
{
	uint32_t i;

	if (have_rc) {
		*algo = (enum rlm_hash_algo)rp->hash_algo;
		return 0;
	}
	if (o && (o->flags & RLM_TCG_REPLAY_HASH_SET)) {
		if (o->algo != RLM_HASH_SHA256 && o->algo != RLM_HASH_SHA512 &&
		    o->algo != RLM_HASH_SHA384)
			return RLM_EINVAL;
		*algo = o->algo;
		return 0;
	}
	for (i = 0; i < log->nalgs; i++) {
		if (log->algs[i].id == RLM_TPM_ALG_SHA256) {
			*algo = RLM_HASH_SHA256;
			return 0;
		}
		if (log->algs[i].id == RLM_TPM_ALG_SHA512) {
			*algo = RLM_HASH_SHA512;
			return 0;
		}
	}
	return RLM_ENOTSUP;
}

#define RESTART_ 1

/*
 * One pass over the log.  forced: the REALM_CREATE parameters are known
 * (second pass).  Without them the realm hash is a guess until REALM_CREATE
 * shows up; if events before it depended on the guess, RESTART_ comes back
 * with *rp filled and the caller replays again with it forced.
 */
static int replay_pass_(const struct rlm_tcg_log *log,
			const struct rlm_tcg_replay_opts *o,
			struct rlm_realm_params *rp, bool forced,
			struct rlm_realm_mrs *mrs, size_t *nevents,
			struct rlm_tcg_error *err)
{
	struct rlm_tcg_event ev;
	struct rlm_rim rim;
	bool created = false, dependent = false, rim_lost = false;
	uint64_t budget = o && o->max_granules ? o->max_granules
					       : RLM_TCG_REPLAY_MAX_GRANULES;
	size_t pos, n = 0;
	int rc;

	rlm_memset(mrs, 0, sizeof(*mrs));
	rc = pick_algo_(log, o, forced, rp, &mrs->algo);
	if (rc)
		return fail_(err, 0, "no usable realm hash algorithm", rc);
	rlm_memset(&rim, 0, sizeof(rim));
	rim.algo = mrs->algo;
	pos = log->first_event;
	while (!(rc = rlm_tcg_log_next(log, &pos, &ev, err))) {
		unsigned int mr;
		int touched = -1;

		/* EV_NO_ACTION: never extended, whatever its index; recognised
		 * by the signature its data starts with (TCG PC Client PFP
		 * 10.4.5: "Spec ID Event03", "StartupLocality"..., the launch
		 * log's "VM VERSION"); one with an unknown signature is skipped. */
		if (ev.type != RLM_EV_NO_ACTION && event_mr_(o, ev.index, &mr))
			return fail_(err, ev.offset, "MR index out of range", RLM_EMALFORMED);
		if (ev.type == RLM_EV_NO_ACTION) {
			struct rlm_realm_log_vm_version v;

			rc = rlm_realm_log_parse_vm_version(ev.data, ev.data_size, &v);
			if (rc && rc != RLM_ENOENT)
				return fail_(err, ev.offset, "malformed VM VERSION event", rc);
		} else if (mr == RLM_MR_RIM && rim_lost) {
			/* The RIM is unknown already: its events are only parsed. */
			rc = check_rim_container_(&ev, err);
			if (rc)
				return rc;
		} else if (mr == RLM_MR_RIM) {
			struct rlm_tcg_tagged t;
			bool is_rc = ev.type == RLM_EV_EVENT_TAG &&
				     !rlm_tcg_parse_tagged(ev.data, ev.data_size, &t) &&
				     t.id == RLM_REALM_LOG_REALM_CREATE;

			if (is_rc && created)
				return fail_(err, ev.offset, "second REALM_CREATE event",
					     RLM_EMALFORMED);
			if (is_rc && !forced) {
				rc = rlm_realm_log_parse_realm_create(t.data, t.size, rp);
				if (rc)
					return fail_(err, ev.offset,
						     "malformed REALM_CREATE payload", rc);
				if (dependent)
					return RESTART_;
				forced = true;
				mrs->algo = rim.algo = (enum rlm_hash_algo)rp->hash_algo;
			}
			if (!forced) {
				/* No REALM_CREATE yet: a log without a RIM so far. */
				rc = check_rim_container_(&ev, err);
				if (rc)
					return rc;
				dependent = true;
			} else {
				rc = replay_rim_event_(&ev, o, rp, &rim, &created, &budget, err);
				if (rc == RIM_NEEDS_IMAGES_) {
					/* No launch image for a measured blob: the
					 * REMs still replay, the RIM cannot. */
					rim_lost = true;
					rlm_memset(mrs->rim, 0, RLM_HASH_MAX_SIZE);
					mrs->have_rim = false;
					mrs->rim_needs_images = true;
					if (err) {
						err->offset = ev.offset;
						err->what = "the RIM needs the launch images";
					}
				} else if (rc) {
					return rc;
				} else {
					rlm_memcpy(mrs->rim, rim.value, RLM_HASH_MAX_SIZE);
					mrs->have_rim = created;
					touched = RLM_MR_RIM;
				}
			}
		} else {
			const uint8_t *dg = rlm_tcg_event_digest(&ev,
								 rlm_tcg_alg_of(mrs->algo));

			if (!dg)
				return fail_(err, ev.offset,
					     "REM event has no digest of the realm hash",
					     RLM_EMALFORMED);
			rc = rlm_rem_extend(mrs->algo, mrs->rem[mr - 1], dg,
					    rlm_hash_size(mrs->algo));
			if (rc)
				return fail_(err, ev.offset, "REM extension failed", rc);
			touched = (int)mr;
			if (!forced)
				dependent = true;
		}
		if (o && o->observe)
			o->observe(o->observe_arg, n, &ev, touched, mrs);
		n++;
	}
	if (rc != RLM_ENOENT)
		return rc;
	if (nevents)
		*nevents = n;
	return 0;
}

int rlm_tcg_replay(const uint8_t *buf, size_t len,
		   const struct rlm_tcg_replay_opts *o,
		   struct rlm_realm_mrs *mrs, size_t *nevents,
		   struct rlm_tcg_error *err)
{
	struct rlm_tcg_log log;
	struct rlm_realm_params rp;
	int rc;

	if (!mrs)
		return fail_(err, 0, "no output", RLM_EINVAL);
	rlm_memset(mrs, 0, sizeof(*mrs));
	rc = rlm_tcg_log_open(&log, buf, len, err);
	if (rc)
		return rc;
	rlm_memset(&rp, 0, sizeof(rp));
	rc = replay_pass_(&log, o, &rp, false, mrs, nevents, err);
	if (rc == RESTART_)
		rc = replay_pass_(&log, o, &rp, true, mrs, nevents, err);
	if (rc)
		rlm_memset(mrs, 0, sizeof(*mrs));
	return rc;
}

/* ---- compare ---- */

struct cmp_state_ {
	const struct rlm_realm_mrs *expected;
	bool matching[RLM_MR_COUNT], ever[RLM_MR_COUNT], cand_set[RLM_MR_COUNT];
	bool cand_matched[RLM_MR_COUNT];
	size_t cand[RLM_MR_COUNT], cand_off[RLM_MR_COUNT];
	uint32_t cand_type[RLM_MR_COUNT];
	rlm_tcg_observe_fn chain;
	void *chain_arg;
};

static const uint8_t *mr_val_(const struct rlm_realm_mrs *m, int mr)
{
	return mr == RLM_MR_RIM ? m->rim : m->rem[mr - 1];
}

static void cmp_reset_(struct cmp_state_ *s)
{
	static const uint8_t zero[RLM_HASH_MAX_SIZE];
	int mr;

	for (mr = 0; mr < RLM_MR_COUNT; mr++) {
		s->matching[mr] = !rlm_memcmp(mr_val_(s->expected, mr), zero, sizeof(zero));
		s->ever[mr] = s->cand_set[mr] = s->cand_matched[mr] = false;
	}
}

static void cmp_observe_(void *arg, size_t event_no, const struct rlm_tcg_event *ev,
			 int mr, const struct rlm_realm_mrs *now)
{
	struct cmp_state_ *s = arg;

	if (s->chain)
		s->chain(s->chain_arg, event_no, ev, mr, now);
	if (event_no == 0)
		cmp_reset_(s);   /* a replay that restarted (see replay_pass_) */
	if (mr < 0)
		return;
	/* The first event after the last point where the value matched (or
	 * the MR's first event when it never matched). */
	if (s->matching[mr] || !s->cand_set[mr]) {
		s->cand[mr] = event_no;
		s->cand_off[mr] = ev->offset;
		s->cand_type[mr] = ev->type;
		s->cand_matched[mr] = s->matching[mr];
		s->cand_set[mr] = true;
	}
	s->matching[mr] = !rlm_memcmp(mr_val_(now, mr), mr_val_(s->expected, mr),
				      RLM_HASH_MAX_SIZE);
	if (s->matching[mr])
		s->ever[mr] = true;
}

int rlm_tcg_compare(const uint8_t *buf, size_t len,
		    const struct rlm_tcg_replay_opts *opts,
		    const struct rlm_realm_mrs *expected,
		    struct rlm_tcg_divergence *d, struct rlm_tcg_error *err)
{
	struct rlm_tcg_replay_opts o;
	struct rlm_realm_mrs got;
	struct cmp_state_ s;
	size_t n = 0;
	int mr, rc;

	if (!expected || !d)
		return fail_(err, 0, "no expected values", RLM_EINVAL);
	rlm_memset(d, 0, sizeof(*d));
	d->mr = -1;
	rlm_memset(&s, 0, sizeof(s));
	s.expected = expected;
	cmp_reset_(&s);
	if (opts)
		o = *opts;
	else
		rlm_memset(&o, 0, sizeof(o));
	s.chain = o.observe;
	s.chain_arg = o.observe_arg;
	o.observe = cmp_observe_;
	o.observe_arg = &s;
	rc = rlm_tcg_replay(buf, len, &o, &got, &n, err);
	if (rc)
		return rc;
	if (got.algo != expected->algo)
		return fail_(err, 0, "the log's realm hash differs from the expected one",
			     RLM_EMISMATCH);
	d->event_no = SIZE_MAX;
	for (mr = 0; mr < RLM_MR_COUNT; mr++) {
		size_t at;

		if (mr == RLM_MR_RIM && (!expected->have_rim || !got.have_rim))
			continue;
		if (!rlm_memcmp(mr_val_(&got, mr), mr_val_(expected, mr), RLM_HASH_MAX_SIZE))
			continue;
		at = s.cand_set[mr] ? s.cand[mr] : n;
		if (at < d->event_no) {
			d->mr = mr;
			d->event_no = at;
			d->offset = s.cand_set[mr] ? s.cand_off[mr] : 0;
			d->type = s.cand_set[mr] ? s.cand_type[mr] : 0;
			d->matched_before = s.cand_set[mr] ? s.cand_matched[mr] : s.matching[mr];
		}
	}
	if (d->mr < 0) {
		d->event_no = 0;
		return 0;
	}
	return RLM_EMISMATCH;
}

/* ---- logged REM extension ---- */

int rlm_rem_log_extend(const struct rlm_rem_log *rl, unsigned int rem,
		       uint32_t type, const void *data, size_t size,
		       uint8_t digest[RLM_HASH_MAX_SIZE])
{
	uint8_t vals[RLM_TCG_MAX_ALGS][RLM_HASH_MAX_SIZE];
	struct rlm_tcg_digest d[RLM_TCG_MAX_ALGS];
	uint8_t dg[RLM_HASH_MAX_SIZE];
	struct rlm_tcg_builder *b;
	enum rlm_hash_algo algo;
	size_t need, hs;
	int rc;

	if (!rl || !rl->log || !rl->mrs || rem > 3 || (!data && size) ||
	    type == RLM_EV_NO_ACTION)
		return RLM_EINVAL;
	b = rl->log;
	algo = rl->mrs->algo;
	hs = rlm_hash_size(algo);
	if (!hs || algo == RLM_HASH_SHA384 || !log_alg_(b->algs, b->nalgs,
							 rlm_tcg_alg_of(algo)))
		return RLM_EINVAL;   /* the log must carry the realm's hash */
	rc = build_begin_(b, RLM_MR_REM(rem), type, b->nalgs,
			  size, &need);
	if (rc)
		return rc;
	rc = hash_all_(b, data, size, vals, d);
	if (rc)
		return rc;
	rc = rlm_hash_digest(algo, data, size, dg);
	if (rc)
		return rc;
	if (rl->extend) {
		rc = rl->extend(rl->arg, RLM_MR_REM(rem), dg, hs);
		if (rc)
			return rc;
	}
	/* Room was checked above: this cannot fail now. */
	rc = rlm_tcg_build_event(b, RLM_MR_REM(rem), type, d,
				 b->nalgs, data, size);
	if (rc)
		return rc;
	rc = rlm_rem_extend(algo, rl->mrs->rem[rem], dg, hs);
	if (!rc && digest)
		rlm_memcpy(digest, dg, RLM_HASH_MAX_SIZE);
	return rc;
}
