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
#include <realm/eventlog.h>
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

/* ---- TCG2 event log: the measure component's builder and replay --------- */

uint16_t rlm_tcg_alg_id(enum rlm_hash_algo algo)
{
	return rlm_tcg_alg_of(algo);
}

int rlm_guest_log_init(struct rlm_guest_log *log, void *buf, size_t cap,
		       enum rlm_hash_algo algo)
{
	uint16_t alg = rlm_tcg_alg_of(algo);
	int err;

	if (!log || !buf || !alg)
		return RLM_EINVAL;
	rlm_memset(log, 0, sizeof(*log));
	err = rlm_tcg_build_init(&log->tcg, buf, cap, &alg, 1);
	if (err)
		return err;
	log->algo = algo;
	return 0;
}

static int rsi_extend_(void *arg, unsigned int index, const uint8_t *data,
		       size_t size)
{
	return rlm_guest_measurement_extend(arg, index, data, size);
}

int rlm_guest_extend_event(const struct rlm_guest *g, struct rlm_guest_log *log,
			   unsigned int index, uint32_t event_type,
			   const void *event, size_t event_len,
			   uint8_t *digest_out)
{
	struct rlm_realm_mrs mrs; /* scratch: the RMM holds the REMs */
	struct rlm_guest gc;      /* the callback's (non-const) argument */
	struct rlm_rem_log rl;
	uint8_t digest[RLM_HASH_MAX_SIZE];
	int err;

	if (check_guest_(g) || !log || !log->tcg.buf || (!event && event_len))
		return RLM_EINVAL;
	if (index < 1 || index >= RLM_GUEST_NUM_MEASUREMENTS)
		return RLM_ERANGE;
	if (log->algo != g->cfg.hash_algo)
		return RLM_EMISMATCH;
	if (event_len > RLM_GUEST_EVENT_MAX)
		return RLM_E2BIG;
	rlm_memset(&mrs, 0, sizeof(mrs));
	mrs.algo = log->algo;
	rl.log = &log->tcg;
	rl.mrs = &mrs;
	rl.extend = rsi_extend_;
	gc = *g;
	rl.arg = &gc;
	err = rlm_rem_log_extend(&rl, index - 1, event_type, event, event_len, digest);
	if (err)
		return err;
	log->count++;
	if (digest_out)
		rlm_memcpy(digest_out, digest, RLM_HASH_MAX_SIZE);
	return 0;
}

int rlm_guest_extend_digest(const struct rlm_guest *g, struct rlm_guest_log *log,
			    unsigned int index, uint32_t event_type,
			    const uint8_t *digest, const void *event,
			    size_t event_len)
{
	struct rlm_tcg_digest d;
	size_t hs;
	int err;

	if (check_guest_(g) || !log || !log->tcg.buf || !digest ||
	    (!event && event_len))
		return RLM_EINVAL;
	if (index < 1 || index >= RLM_GUEST_NUM_MEASUREMENTS)
		return RLM_ERANGE;
	if (log->algo != g->cfg.hash_algo)
		return RLM_EMISMATCH;
	if (event_len > RLM_GUEST_EVENT_MAX)
		return RLM_E2BIG;
	hs = rlm_hash_size(log->algo);
	if (log->tcg.len > log->tcg.cap ||
	    log->tcg.cap - log->tcg.len < rlm_tcg_build_event_size(&log->tcg, 1, event_len))
		return RLM_ENOSPC;
	err = rlm_guest_measurement_extend(g, index, digest, hs);
	if (err)
		return err;
	d.alg = rlm_tcg_alg_of(log->algo);
	d.size = (uint16_t)hs;
	d.value = digest;
	err = rlm_tcg_build_event(&log->tcg, index, event_type,
				  &d, 1, event, event_len);
	if (!err)
		log->count++;
	return err;
}

int rlm_guest_log_next(const uint8_t *log, size_t len, size_t *off,
		       struct rlm_guest_log_event *ev)
{
	struct rlm_tcg_log l;
	struct rlm_tcg_event e;
	enum rlm_hash_algo algo;
	const uint8_t *dg;
	int err;

	if (!log || !off || !ev)
		return RLM_EINVAL;
	err = rlm_tcg_log_open(&l, log, len, NULL);
	if (err)
		return err;
	if (l.nalgs != 1 || rlm_tcg_alg_to_hash(l.algs[0].id, &algo))
		return RLM_EMALFORMED;
	if (*off == 0)
		*off = l.first_event;
	if (*off < l.first_event || *off > len)
		return RLM_EINVAL;
	/* EV_NO_ACTION records are not measurements: skipped */
	do
		err = rlm_tcg_log_next(&l, off, &e, NULL);
	while (!err && e.type == RLM_EV_NO_ACTION);
	if (err)
		return err;
	dg = rlm_tcg_event_digest(&e, l.algs[0].id);
	/* a REM log holds REM records only (CC MR index 1..4), never the
	 * RIM's */
	if (!dg || e.index == RLM_MR_RIM || e.index >= RLM_MR_COUNT)
		return RLM_EMALFORMED;
	ev->index = e.index;
	ev->type = e.type;
	ev->algo = algo;
	ev->digest = dg;
	ev->digest_len = rlm_hash_size(algo);
	ev->data = e.data;
	ev->data_len = e.data_size;
	return 0;
}

int rlm_guest_log_replay(const uint8_t *log, size_t len,
			 enum rlm_hash_algo *algo, uint8_t rems[4][64],
			 size_t *count)
{
	struct rlm_realm_mrs mrs;
	struct rlm_guest_log_event ev;
	size_t off = 0, records = 0;
	int err;

	if (!log || !rems)
		return RLM_EINVAL;
	/* Every record as rlm_guest_log_next() reads it first: one SHA-2
	 * algorithm, REM records only (a RIM event would need images, an
	 * unknown algorithm cannot be replayed: both are not a REM log). */
	while ((err = rlm_guest_log_next(log, len, &off, &ev)) == 0)
		records++;
	if (err != RLM_ENOENT)
		return err == RLM_ETRUNC ? RLM_ETRUNC : RLM_EMALFORMED;
	err = rlm_tcg_replay(log, len, NULL, &mrs, NULL, NULL);
	if (err)
		return err == RLM_ETRUNC ? RLM_ETRUNC : RLM_EMALFORMED;
	rlm_memcpy(rems, mrs.rem, 4 * 64);
	if (algo)
		*algo = mrs.algo;
	/* the records rlm_guest_log_next() yields (rlm_tcg_replay() would
	 * count the EV_NO_ACTION ones too) */
	if (count)
		*count = records;
	return 0;
}
