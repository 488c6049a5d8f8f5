/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A strict CBOR (RFC 8949) decoder and a small encoder, portable core:
 * no allocation, the caller owns every buffer, results point into the
 * input.
 *
 * Strict means: one definite-length item and nothing after it; no
 * indefinite lengths; every integer, length and tag number in its shortest
 * form; no duplicate keys in a map (compared by encoded bytes, which the
 * shortest-form rule makes exact for integer and string keys); text
 * strings are valid UTF-8; simple values other than false/true/null/
 * undefined are refused; nesting depth, container sizes and total size
 * are bounded.  Anything else is RLM_EMALFORMED, an item running past the
 * end of the buffer RLM_ETRUNC; the decoder never reads past buf + len.
 *
 * Usage: rlm_cbor_decode() checks the whole buffer once, then the cursor
 * functions walk it (they still bounds-check every step).  Duplicate-key
 * detection re-walks earlier keys (no memory to remember them), so a map
 * costs O(entries^2) skips; max_entries bounds it.
 *
 * Why our own and not a Debian library: bookworm packages libcbor 0.8
 * (libcbor-dev); tinycbor and QCBOR are not packaged.  libcbor decodes
 * into heap-allocated item trees (cbor_load), which the portable core
 * cannot use (no allocation, kernel build), and neither its tree nor its
 * streaming decoder refuses duplicate map keys or non-shortest integers
 * or bounds nesting: every rule above would have had to be written on top
 * of it anyway.
 */
#ifndef RLM_CBOR_H
#define RLM_CBOR_H

#include <realm/env.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Major types. */
#define RLM_CBOR_UINT 0
#define RLM_CBOR_NINT 1
#define RLM_CBOR_BSTR 2
#define RLM_CBOR_TSTR 3
#define RLM_CBOR_ARRAY 4
#define RLM_CBOR_MAP 5
#define RLM_CBOR_TAG 6
#define RLM_CBOR_SIMPLE 7

#define RLM_CBOR_FALSE 20
#define RLM_CBOR_TRUE 21
#define RLM_CBOR_NULL 22
#define RLM_CBOR_UNDEFINED 23

/* Default limits (rlm_cbor_decode with lim == NULL). */
#define RLM_CBOR_DEFAULT_MAX_DEPTH 16
#define RLM_CBOR_DEFAULT_MAX_ENTRIES 256
#define RLM_CBOR_DEFAULT_MAX_SIZE (1u << 20)

struct rlm_cbor_limits {
	unsigned int max_depth;   /* nesting of arrays, maps and tags */
	uint32_t max_entries;     /* elements of one array / pairs of one map */
	size_t max_size;          /* total encoded size */
};

/* One decoded header.  For strings, ptr/len are the content; for every
 * item, start is its first byte in the buffer. */
struct rlm_cbor_item {
	uint8_t major;            /* RLM_CBOR_* */
	uint64_t val;             /* uint; n for -1-n; length; count; tag; simple */
	const uint8_t *ptr;       /* string content (BSTR/TSTR), else NULL */
	size_t len;               /* string length */
	const uint8_t *start;     /* first byte of the item's header */
};

/* A cursor over (buf, len). */
struct rlm_cbor {
	const uint8_t *buf;
	size_t len;
	size_t pos;
};

/*
 * Check that buf holds exactly one well-formed item under the strict rules
 * above (lim NULL: the defaults), and point the cursor at it.
 */
int rlm_cbor_decode(struct rlm_cbor *c, const uint8_t *buf, size_t len,
		    const struct rlm_cbor_limits *lim);

/* A cursor over buf without the whole-buffer check (for data already
 * checked, e.g. the content of a bstr inside a checked item). */
void rlm_cbor_init(struct rlm_cbor *c, const uint8_t *buf, size_t len);

/* True when the cursor has consumed every byte. */
bool rlm_cbor_at_end(const struct rlm_cbor *c);

/* The next item's header without moving. */
int rlm_cbor_peek(const struct rlm_cbor *c, struct rlm_cbor_item *it);

/*
 * Read the next header and move past it; for BSTR/TSTR also past the
 * content.  Containers are entered (the cursor is at their first element),
 * a tag is consumed and the cursor is at the tagged item.
 */
int rlm_cbor_next(struct rlm_cbor *c, struct rlm_cbor_item *it);

/* Skip one whole item (with everything it contains).  If start/end are
 * non-NULL they receive the item's encoded bytes [start, end). */
int rlm_cbor_skip(struct rlm_cbor *c, const uint8_t **start, size_t *len);

/* Typed reads: RLM_EMALFORMED if the next item has another type (the
 * cursor does not move then). */
int rlm_cbor_get_uint(struct rlm_cbor *c, uint64_t *v);
int rlm_cbor_get_int(struct rlm_cbor *c, int64_t *v);      /* uint or nint in int64 range */
int rlm_cbor_get_bstr(struct rlm_cbor *c, const uint8_t **p, size_t *len);
int rlm_cbor_get_tstr(struct rlm_cbor *c, const char **p, size_t *len);
int rlm_cbor_get_array(struct rlm_cbor *c, uint64_t *n);
int rlm_cbor_get_map(struct rlm_cbor *c, uint64_t *n);
int rlm_cbor_get_tag(struct rlm_cbor *c, uint64_t *tag);
int rlm_cbor_get_bool(struct rlm_cbor *c, bool *v);

/* Text string equality helper: tstr (p, len) == NUL-terminated s. */
bool rlm_cbor_tstr_eq(const char *p, size_t len, const char *s);

/* ---- Encoder ------------------------------------------------------------- */

/*
 * Writes into buf (cap bytes).  Errors are sticky: once the buffer is too
 * small the encoder keeps counting, so rlm_cbor_enc_finish() reports the
 * size needed with RLM_ENOSPC.  buf may be NULL with cap 0 to measure.
 */
struct rlm_cbor_enc {
	uint8_t *buf;
	size_t cap;
	size_t len;
	int err;
};

void rlm_cbor_enc_init(struct rlm_cbor_enc *e, uint8_t *buf, size_t cap);
void rlm_cbor_put_uint(struct rlm_cbor_enc *e, uint64_t v);
void rlm_cbor_put_int(struct rlm_cbor_enc *e, int64_t v);
void rlm_cbor_put_bstr(struct rlm_cbor_enc *e, const void *p, size_t len);
void rlm_cbor_put_tstr(struct rlm_cbor_enc *e, const char *s); /* NUL-terminated */
void rlm_cbor_put_tstr_n(struct rlm_cbor_enc *e, const char *s, size_t len);
void rlm_cbor_put_array(struct rlm_cbor_enc *e, uint64_t n);
void rlm_cbor_put_map(struct rlm_cbor_enc *e, uint64_t n);
void rlm_cbor_put_tag(struct rlm_cbor_enc *e, uint64_t tag);
void rlm_cbor_put_bool(struct rlm_cbor_enc *e, bool v);
void rlm_cbor_put_null(struct rlm_cbor_enc *e);
/* A header only: (major, n), e.g. a BSTR header before writing content. */
void rlm_cbor_put_head(struct rlm_cbor_enc *e, uint8_t major, uint64_t n);
/* Bytes that are already CBOR (or string content after put_head). */
void rlm_cbor_put_raw(struct rlm_cbor_enc *e, const void *p, size_t len);
/* 0 and *len = bytes written; RLM_ENOSPC with *len = bytes needed. */
int rlm_cbor_enc_finish(const struct rlm_cbor_enc *e, size_t *len);

/* Size of a header for argument n (1, 2, 3, 5 or 9). */
size_t rlm_cbor_head_size(uint64_t n);

#ifdef __cplusplus
}
#endif

#endif /* RLM_CBOR_H */
