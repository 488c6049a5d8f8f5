/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Event log parsing: TCG2 crypto-agile logs, the realm launch log's
 * payloads and the ACPI CCEL table (formats in realm/eventlog.h).  Numbers
 * checked in: TCG PC Client Platform Firmware Profile (event types,
 * TCG_EfiSpecIdEvent, TCG_PCR_EVENT2); TCG algorithm registry (TPM_ALG_*);
 * veraison cca-realm-measurements docs/measurement-log.md, src/event_log.rs
 * and tests/event_log.rs (tag ids, payloads, VM VERSION, blob events); Linux
 * include/acpi/actbl2.h struct acpi_table_ccel (CCEL layout).
 */
#include <realm/eventlog.h>
#include <realm/error.h>
#include "core/bytes.h"
#include "measure/eventlog_priv.h"

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

int rlm_tcg_log_next(const struct rlm_tcg_log *log, size_t *pos,
		     struct rlm_tcg_event *ev, struct rlm_tcg_error *err)
{
	return log_next_(log, pos, ev, err);
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
	int rc;

	/*
	 * 14 bytes packed (veraison cca-realm-measurements docs/
	 * measurement-log.md, kvmtool), or 16: QEMU's CCA branch logs the C
	 * struct with its 2 bytes of tail padding, which must be zero.
	 */
	if (p && data && len == RLM_REALM_LOG_REALM_CREATE_SIZE + 2) {
		if (data[14] || data[15])
			return RLM_EMALFORMED;
		len = RLM_REALM_LOG_REALM_CREATE_SIZE;
	}
	rc = p ? exact_(data, len, RLM_REALM_LOG_REALM_CREATE_SIZE) : RLM_EINVAL;
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
	if (len == RLM_REALM_LOG_VM_VERSION_QEMU_SIZE) {
		/*
		 * QEMU's CCA branch (target/arm/kvm-rme.c EventLogVmmVersion):
		 * signature, name, version, u64 ram_size @88, u32 num_cpus
		 * @96, 4 bytes of padding, u64 flags @104; no log address.
		 */
		rlm_memset(v, 0, sizeof(*v));
		rlm_memcpy(v->name, data + 16, 32);
		rlm_memcpy(v->version, data + 48, 40);
		v->ram_size = rlm_get_le64(data + 88);
		v->num_cpus = rlm_get_le32(data + 96);
		return 0;
	}
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
