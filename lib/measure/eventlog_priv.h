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
