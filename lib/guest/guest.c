/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The guest API (realm/guest.h): checks a guest can make on its own (the
 * protected half, alignment), on top of the typed RSI calls and their
 * loops (realm/rsi.h, Linux's semantics), plus the TCG2 event log.
 */
#include <realm/guest.h>
#include <realm/abi.h>
#include <realm/error.h>
#include <realm/measure.h>
#include <realm/pack.h>
#include <realm/rsi.h>
#include <realm/version.h>

#include "core/bytes.h"

static int check_guest_(const struct rlm_guest *g)
{
	return g && g->conduit.ops && g->buf ? 0 : RLM_EINVAL;
}

int rlm_guest_version(const struct rlm_guest *g, uint64_t requested,
		      uint64_t *lower, uint64_t *higher, uint64_t *status)
{
	struct rlm_rsi_result res;
	uint64_t lo = 0, hi = 0;
	int err;

	if (!g || !g->conduit.ops)
		return RLM_EINVAL;
	err = rlm_rsi_version(&g->conduit, requested, &lo, &hi, &res);
	if (err && err != RLM_ERSI)
		return err;
	if (lower)
		*lower = lo;
	if (higher)
		*higher = hi;
	if (status)
		*status = res.status;
	return 0;
}

int rlm_guest_features(const struct rlm_guest *g, uint64_t index, uint64_t *value)
{
	if (check_guest_(g) || !value)
		return RLM_EINVAL;
	return rlm_rsi_features(&g->conduit, index, value, NULL);
}

int rlm_guest_init(struct rlm_guest *g, const struct rlm_conduit *c,
		   uint64_t buf_ipa, void *buf)
{
	struct rlm_rsi_realm_config rc;
	struct rlm_version_info vi;
	int err;

	if (!g || !c || !c->ops || !buf)
		return RLM_EINVAL;
	if (buf_ipa & (RLM_GUEST_GRANULE - 1))
		return RLM_EALIGN;
	rlm_memset(g, 0, sizeof(*g));
	g->conduit = *c;
	g->buf_ipa = buf_ipa;
	g->buf = buf;
	err = rlm_rsi_handshake(c, &vi);
	if (err)
		return err;
	g->rsi_version = vi.higher;
	err = rlm_rsi_realm_config_read(c, buf_ipa, g->buf, RLM_GUEST_GRANULE,
					&rc, NULL);
	if (err)
		return err;
	if (rc.ipa_width < 2 || rc.ipa_width > 64 ||
	    !rlm_hash_size((enum rlm_hash_algo)rc.hash_algo))
		return RLM_EMALFORMED;
	g->cfg.ipa_bits = (unsigned int)rc.ipa_width;
	g->cfg.hash_algo = (enum rlm_hash_algo)rc.hash_algo;
	rlm_memcpy(g->cfg.rpv, rc.rpv, sizeof(g->cfg.rpv));
	return 0;
}

int rlm_guest_config(const struct rlm_guest *g, struct rlm_guest_config *cfg)
{
	if (check_guest_(g) || !cfg)
		return RLM_EINVAL;
	*cfg = g->cfg;
	return 0;
}

uint64_t rlm_guest_shared_alias(const struct rlm_guest *g, uint64_t ipa)
{
	if (!g || g->cfg.ipa_bits < 1 || g->cfg.ipa_bits > 64)
		return ipa;
	return ipa | ((uint64_t)1 << (g->cfg.ipa_bits - 1));
}

bool rlm_guest_ipa_is_protected(const struct rlm_guest *g, uint64_t ipa)
{
	if (!g || g->cfg.ipa_bits < 1 || g->cfg.ipa_bits > 64)
		return false;
	return ipa < ((uint64_t)1 << (g->cfg.ipa_bits - 1));
}

/* [start, end) aligned, non-empty and inside the protected half. */
static int check_range_(const struct rlm_guest *g, uint64_t start, uint64_t end)
{
	if (check_guest_(g))
		return RLM_EINVAL;
	if ((start | end) & (RLM_GUEST_GRANULE - 1))
		return RLM_EALIGN;
	if (start >= end)
		return RLM_EINVAL;
	if (!rlm_guest_ipa_is_protected(g, end - 1))
		return RLM_ERANGE;
	return 0;
}

int rlm_guest_set_ripas(const struct rlm_guest *g, uint64_t start, uint64_t end,
			unsigned int ripas, uint64_t flags, uint64_t *done)
{
	uint64_t progress = start;
	int err = check_range_(g, start, end);

	if (!err && ripas != RLM_RSI_RIPAS_EMPTY && ripas != RLM_RSI_RIPAS_RAM)
		err = RLM_ERANGE;
	if (!err)
		err = rlm_rsi_set_ipa_state_range(&g->conduit, start, end, ripas,
						  flags, &progress, NULL);
	if (done)
		*done = progress;
	return err;
}

int rlm_guest_ipa_state_get(const struct rlm_guest *g, uint64_t base,
			    uint64_t end, uint64_t *top, uint8_t *ripas)
{
	uint64_t t;
	uint8_t r;
	int err = check_range_(g, base, end);

	if (err)
		return err;
	if (!top || !ripas)
		return RLM_EINVAL;
	err = rlm_rsi_ipa_state_get(&g->conduit, base, end, &t, &r, NULL);
	if (err)
		return err;
	/* The walk's rule: the answer must make progress inside the range. */
	if (t <= base || t > end || r > RLM_RSI_RIPAS_DEV)
		return RLM_ERANGE;
	*top = t;
	*ripas = r;
	return 0;
}

int rlm_guest_range_may_map_encrypted(const struct rlm_guest *g, uint64_t start,
				      uint64_t end, bool *ok)
{
	int err;

	if (!ok)
		return RLM_EINVAL;
	*ok = false;
	err = check_range_(g, start, end);
	if (err)
		return err;
	return rlm_rsi_range_is_protected(&g->conduit, start, end, ok, NULL);
}

int rlm_guest_measurement_read(const struct rlm_guest *g, unsigned int index,
			       uint8_t value[64], size_t *hash_size)
{
	int err;

	if (check_guest_(g) || !value)
		return RLM_EINVAL;
	err = rlm_rsi_measurement_read(&g->conduit, index, value, NULL);
	if (!err && hash_size)
		*hash_size = rlm_hash_size(g->cfg.hash_algo);
	return err;
}

int rlm_guest_measurement_extend(const struct rlm_guest *g, unsigned int index,
				 const void *data, size_t size)
{
	if (check_guest_(g))
		return RLM_EINVAL;
	return rlm_rsi_measurement_extend(&g->conduit, index, data, size, NULL);
}

int rlm_guest_token(const struct rlm_guest *g, const uint8_t *challenge,
		    size_t challenge_len, uint8_t *out, size_t cap, size_t *len)
{
	if (len)
		*len = 0;
	if (check_guest_(g) || !len)
		return RLM_EINVAL;
	return rlm_rsi_attestation_token(&g->conduit, challenge, challenge_len,
					 g->buf_ipa, g->buf, out, cap, len, NULL);
}

/* ---- TCG2 event log ----------------------------------------------------- */

/*
 * Layout (TCG PC Client Platform Firmware Profile, section 10): the header
 * is a TCG_PCClientPCREvent (pcrIndex u32, eventType u32 = EV_NO_ACTION,
 * digest[20] = 0, eventDataSize u32) holding TCG_EfiSpecIdEvent
 * ("Spec ID Event03\0", platformClass u32, specVersionMinor u8 = 0,
 * specVersionMajor u8 = 2, specErrata u8 = 2, uintnSize u8 = 2,
 * numberOfAlgorithms u32 = 1, {algorithmId u16, digestSize u16},
 * vendorInfoSize u8 = 0).  Records are TCG_PCR_EVENT2: pcrIndex u32,
 * eventType u32, digests.count u32 = 1, algorithmId u16, digest,
 * eventSize u32, event.  All little-endian.
 */
#define SPEC_ID_DATA_LEN 33u /* 16 + 4 + 4x1 + 4 + 4 + 1 */
#define HEADER_LEN (4u + 4u + 20u + 4u + SPEC_ID_DATA_LEN)
#define RECORD_FIXED_LEN (4u + 4u + 4u + 2u + 4u)
#define EVENT_MAX_LEN (1u << 20)

static const char spec_id_sig[16] = "Spec ID Event03";

uint16_t rlm_tcg_alg_id(enum rlm_hash_algo algo)
{
	switch (algo) {
	case RLM_HASH_SHA256: return 0x000B;
	case RLM_HASH_SHA384: return 0x000C;
	case RLM_HASH_SHA512: return 0x000D;
	default: return 0;
	}
}

int rlm_guest_log_init(struct rlm_guest_log *log, void *buf, size_t cap,
		       enum rlm_hash_algo algo)
{
	uint8_t *p = buf;

	if (!log || !buf)
		return RLM_EINVAL;
	if (!rlm_tcg_alg_id(algo))
		return RLM_EINVAL;
	if (cap < HEADER_LEN)
		return RLM_ENOSPC;
	rlm_memset(p, 0, HEADER_LEN);
	rlm_put_le32(p + 4, RLM_TCG_EV_NO_ACTION);
	rlm_put_le32(p + 28, SPEC_ID_DATA_LEN);
	p += 32;
	rlm_memcpy(p, spec_id_sig, sizeof(spec_id_sig));
	/* platformClass u32 @16 = 0, specVersionMinor @20 = 0 */
	p[21] = 2;  /* specVersionMajor */
	p[22] = 2;  /* specErrata */
	p[23] = 2;  /* uintnSize: 64-bit UINTN */
	rlm_put_le32(p + 24, 1);                       /* numberOfAlgorithms */
	rlm_put_le16(p + 28, rlm_tcg_alg_id(algo));    /* algorithmId */
	rlm_put_le16(p + 30, (uint16_t)rlm_hash_size(algo)); /* digestSize */
	/* vendorInfoSize u8 @32 = 0 */
	log->buf = buf;
	log->cap = cap;
	log->len = HEADER_LEN;
	log->count = 0;
	log->algo = algo;
	return 0;
}

/* Extend REM index with digest (hash size bytes) and log the event. */
static int extend_logged_(const struct rlm_guest *g, struct rlm_guest_log *log,
			  unsigned int index, uint32_t event_type,
			  const uint8_t *digest, const void *event,
			  size_t event_len)
{
	size_t hs, need;
	uint8_t *p;
	int err;

	if (check_guest_(g) || !log || !log->buf || (!event && event_len))
		return RLM_EINVAL;
	if (index < 1 || index >= RLM_GUEST_NUM_MEASUREMENTS)
		return RLM_ERANGE;
	if (log->algo != g->cfg.hash_algo)
		return RLM_EMISMATCH;
	if (event_len > EVENT_MAX_LEN)
		return RLM_E2BIG;
	hs = rlm_hash_size(log->algo);
	need = RECORD_FIXED_LEN + hs + event_len;
	if (log->len > log->cap || log->cap - log->len < need)
		return RLM_ENOSPC;
	err = rlm_guest_measurement_extend(g, index, digest, hs);
	if (err)
		return err;
	p = log->buf + log->len;
	rlm_put_le32(p, index);
	rlm_put_le32(p + 4, event_type);
	rlm_put_le32(p + 8, 1);
	rlm_put_le16(p + 12, rlm_tcg_alg_id(log->algo));
	rlm_memcpy(p + 14, digest, hs);
	rlm_put_le32(p + 14 + hs, (uint32_t)event_len);
	if (event_len)
		rlm_memcpy(p + 18 + hs, event, event_len);
	log->len += need;
	log->count++;
	return 0;
}

int rlm_guest_extend_event(const struct rlm_guest *g, struct rlm_guest_log *log,
			   unsigned int index, uint32_t event_type,
			   const void *event, size_t event_len,
			   uint8_t *digest_out)
{
	uint8_t digest[RLM_HASH_MAX_SIZE];
	int err;

	if (check_guest_(g) || !log || (!event && event_len))
		return RLM_EINVAL;
	if (event_len > EVENT_MAX_LEN)
		return RLM_E2BIG;
	err = rlm_hash_digest(log->algo, event, event_len, digest);
	if (err)
		return err;
	err = extend_logged_(g, log, index, event_type, digest, event, event_len);
	if (!err && digest_out)
		rlm_memcpy(digest_out, digest, RLM_HASH_MAX_SIZE);
	return err;
}

int rlm_guest_extend_digest(const struct rlm_guest *g, struct rlm_guest_log *log,
			    unsigned int index, uint32_t event_type,
			    const uint8_t *digest, const void *event,
			    size_t event_len)
{
	if (!digest)
		return RLM_EINVAL;
	return extend_logged_(g, log, index, event_type, digest, event, event_len);
}

/* The log's header: its algorithm, or an error. */
static int log_header_(const uint8_t *log, size_t len, enum rlm_hash_algo *algo)
{
	const uint8_t *sid = log + 32;
	uint16_t alg;

	if (len < HEADER_LEN)
		return RLM_ETRUNC;
	if (rlm_get_le32(log) != 0 || rlm_get_le32(log + 4) != RLM_TCG_EV_NO_ACTION ||
	    rlm_get_le32(log + 28) != SPEC_ID_DATA_LEN ||
	    rlm_memcmp(sid, spec_id_sig, sizeof(spec_id_sig)) != 0 ||
	    rlm_get_le32(sid + 24) != 1 || sid[32] != 0)
		return RLM_EMALFORMED;
	alg = rlm_get_le16(sid + 28);
	if (alg == rlm_tcg_alg_id(RLM_HASH_SHA256))
		*algo = RLM_HASH_SHA256;
	else if (alg == rlm_tcg_alg_id(RLM_HASH_SHA384))
		*algo = RLM_HASH_SHA384;
	else if (alg == rlm_tcg_alg_id(RLM_HASH_SHA512))
		*algo = RLM_HASH_SHA512;
	else
		return RLM_EMALFORMED;
	if (rlm_get_le16(sid + 30) != rlm_hash_size(*algo))
		return RLM_EMALFORMED;
	return 0;
}

int rlm_guest_log_next(const uint8_t *log, size_t len, size_t *off,
		       struct rlm_guest_log_event *ev)
{
	enum rlm_hash_algo a;
	const uint8_t *p;
	size_t hs;
	uint32_t elen;
	int err;

	if (!log || !off || !ev)
		return RLM_EINVAL;
	err = log_header_(log, len, &a);
	if (err)
		return err;
	if (*off == 0)
		*off = HEADER_LEN;
	if (*off < HEADER_LEN || *off > len)
		return RLM_EINVAL;
	if (*off == len)
		return RLM_ENOENT;
	hs = rlm_hash_size(a);
	p = log + *off;
	if (len - *off < RECORD_FIXED_LEN + hs)
		return RLM_ETRUNC;
	ev->index = rlm_get_le32(p);
	ev->type = rlm_get_le32(p + 4);
	if (ev->index < 1 || ev->index > 4 || rlm_get_le32(p + 8) != 1 ||
	    rlm_get_le16(p + 12) != rlm_tcg_alg_id(a))
		return RLM_EMALFORMED;
	elen = rlm_get_le32(p + 14 + hs);
	if (elen > len - *off - RECORD_FIXED_LEN - hs)
		return RLM_ETRUNC;
	ev->algo = a;
	ev->digest = p + 14;
	ev->digest_len = hs;
	ev->data = p + 18 + hs;
	ev->data_len = elen;
	*off += RECORD_FIXED_LEN + hs + elen;
	return 0;
}

int rlm_guest_log_replay(const uint8_t *log, size_t len,
			 enum rlm_hash_algo *algo, uint8_t rems[4][64],
			 size_t *count)
{
	struct rlm_guest_log_event ev;
	enum rlm_hash_algo a;
	size_t off = 0, n = 0;
	int err;

	if (!log || !rems)
		return RLM_EINVAL;
	err = log_header_(log, len, &a);
	if (err)
		return err;
	rlm_memset(rems, 0, 4 * 64);
	while (!(err = rlm_guest_log_next(log, len, &off, &ev))) {
		rlm_rem_extend(a, rems[ev.index - 1], ev.digest, ev.digest_len);
		n++;
	}
	if (err != RLM_ENOENT)
		return err;
	if (algo)
		*algo = a;
	if (count)
		*count = n;
	return 0;
}
