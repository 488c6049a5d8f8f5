/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internal helpers shared by the event log files: eventlog_parse.c (TCG2
 * logs, launch log payloads, CCEL), eventlog_build.c (writing logs),
 * eventlog_replay.c (replay and compare) and eventlog_rem.c (logged REM
 * extension).  Formats in realm/eventlog.h.  The helpers are static
 * inline so the library exports no new symbols.
 */
#ifndef RLM_MEASURE_EVENTLOG_PRIV_H
#define RLM_MEASURE_EVENTLOG_PRIV_H

#include <realm/eventlog.h>
#include <realm/error.h>
#include "core/bytes.h"

#define SPEC_ID_SIG_ "Spec ID Event03"   /* 15 chars + NUL = 16 bytes */
#define VM_VERSION_SIG_ "VM VERSION"      /* NUL-padded to 16 bytes */
#define HDR_FIXED_ 32u                    /* index, type, sha1 digest, size */

/* Fill err (if given) with where and what failed; returns rc. */
static inline int fail_(struct rlm_tcg_error *err, size_t off, const char *what,
			int rc)
{
	if (err) {
		err->offset = off;
		err->what = what;
	}
	return rc;
}

/* The entry of algorithm id among n header algorithms, or NULL. */
static inline const struct rlm_tcg_alg *log_alg_(const struct rlm_tcg_alg *algs,
						 uint32_t n, uint16_t id)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		if (algs[i].id == id)
			return &algs[i];
	return NULL;
}

static inline bool all_padding_(const uint8_t *p, size_t n)
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

/*
 * rlm_tcg_log_next(), inline: the replay calls it once per event, where a
 * call through the PLT and the checks it cannot hoist are a visible share
 * of a REM event's cost (one 64-byte SHA-256).
 */
static inline int log_next_(const struct rlm_tcg_log *log, size_t *pos,
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
		/*
		 * QEMU's CCA branch (hw/tpm/tpm_log.c tpm_log_add_event) gives
		 * an EV_NO_ACTION event one digest of algorithm 0, zeros the
		 * size of the log's algorithm: accepted when the header lists
		 * one algorithm, so that size is known.
		 */
		if (!a && id == 0 && ev->type == RLM_EV_NO_ACTION && log->nalgs == 1)
			a = &log->algs[0];
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

/*
 * Header and digests of an event; data is written by the caller.  Room
 * check for nd digests (the first nd header algorithms) and dsize data
 * bytes: *need is the event's size; RLM_ENOSPC if it does not fit.
 */
static inline int build_begin_(struct rlm_tcg_builder *b, uint32_t index,
			       uint32_t type, unsigned int nd, size_t dsize,
			       size_t *need)
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

/* Digests of measured for every header algorithm into vals. */
static inline int hash_all_(const struct rlm_tcg_builder *b, const void *measured,
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

#endif /* RLM_MEASURE_EVENTLOG_PRIV_H */
