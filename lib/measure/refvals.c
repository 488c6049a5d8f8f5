/* SPDX-License-Identifier: BSD-3-Clause */
/* Reference values of a planned launch as JSON (see realm/measure.h). */

#include <realm/measure.h>
#include <realm/error.h>
#include <realm/hex.h>
#include <realm/cbor.h>

#include <stdbool.h>
#include <string.h>

struct out_ {
	char *p;
	size_t cap, len;
};

static void put_(struct out_ *o, const char *s)
{
	for (; *s; s++, o->len++)
		if (o->len + 1 < o->cap)
			o->p[o->len] = *s;
}

static void put_hex_(struct out_ *o, const uint8_t *v, size_t n)
{
	char c[2 * 32 + 1];
	size_t i, k;

	put_(o, "\"");
	for (i = 0; i < n; i += k) {
		k = n - i < 32 ? n - i : 32;
		rlm_hex_encode(v + i, k, c);
		put_(o, c);
	}
	put_(o, "\"");
}

int rlm_refvals_json(const struct rlm_realm_mrs *mrs, const uint8_t *rpv,
		     char *out, size_t cap, size_t *len)
{
	static const uint8_t zero[RLM_RPV_SIZE];
	struct out_ o = { out, cap, 0 };
	size_t hs;
	unsigned int i;

	if (!mrs || !out || !cap || !mrs->have_rim ||
	    (mrs->algo != RLM_HASH_SHA256 && mrs->algo != RLM_HASH_SHA512))
		return RLM_EINVAL;
	hs = rlm_hash_size(mrs->algo);
	put_(&o, "{\"hash_algo\":\"");
	put_(&o, mrs->algo == RLM_HASH_SHA256 ? "sha-256" : "sha-512");
	put_(&o, "\",\"rim\":");
	put_hex_(&o, mrs->rim, hs);
	put_(&o, ",\"rem\":[");
	for (i = 0; i < 4; i++) {
		if (i)
			put_(&o, ",");
		put_hex_(&o, mrs->rem[i], hs);
	}
	put_(&o, "],\"rpv\":");
	put_hex_(&o, rpv ? rpv : zero, RLM_RPV_SIZE);
	put_(&o, "}");
	if (o.len + 1 > cap) {
		out[0] = 0;
		return RLM_ENOSPC;
	}
	out[o.len] = 0;
	if (len)
		*len = o.len;
	return 0;
}

/* ---- CoRIM / CoMID ------------------------------------------------------ */

/* CBOR tags of the CoRIM draft (draft-ietf-rats-corim) and RFC 8949. */
#define CORIM_TAG_URI 32u
#define CORIM_TAG_UNSIGNED_CORIM 501u
#define CORIM_TAG_COMID 506u
#define CORIM_TAG_BYTES 560u
#define CORIM_REALM_PROFILE "http://arm.com/cca/realm/1"

static void put_mmap_digest_(struct rlm_cbor_enc *e, const char *key,
			     const char *alg, const uint8_t *v, size_t n)
{
	rlm_cbor_put_map(e, 2);
	rlm_cbor_put_uint(e, 0);        /* mkey */
	rlm_cbor_put_tstr(e, key);
	rlm_cbor_put_uint(e, 1);        /* mval */
	rlm_cbor_put_map(e, 1);
	rlm_cbor_put_uint(e, 2);        /* digests */
	rlm_cbor_put_array(e, 1);
	rlm_cbor_put_array(e, 2);
	rlm_cbor_put_tstr(e, alg);
	rlm_cbor_put_bstr(e, v, n);
}

static void put_comid_(struct rlm_cbor_enc *e, const struct rlm_realm_mrs *mrs,
		       const uint8_t *rpv, const uint8_t *id, bool rems)
{
	static const char *const rem_key[4] = { "cca.rem0", "cca.rem1",
						"cca.rem2", "cca.rem3" };
	const char *alg = mrs->algo == RLM_HASH_SHA256 ? "sha-256" : "sha-512";
	size_t hs = rlm_hash_size(mrs->algo);
	unsigned int i;

	rlm_cbor_put_map(e, 2);
	rlm_cbor_put_uint(e, 1);        /* tag-identity */
	rlm_cbor_put_map(e, 1);
	rlm_cbor_put_uint(e, 0);        /* tag-id: a UUID */
	rlm_cbor_put_bstr(e, id, 16);
	rlm_cbor_put_uint(e, 4);        /* triples */
	rlm_cbor_put_map(e, 1);
	rlm_cbor_put_uint(e, 0);        /* reference-triples */
	rlm_cbor_put_array(e, 1);
	rlm_cbor_put_array(e, 2);       /* [environment, [measurements]] */
	rlm_cbor_put_map(e, 1);
	rlm_cbor_put_uint(e, 0);        /* class */
	rlm_cbor_put_map(e, 1);
	rlm_cbor_put_uint(e, 0);        /* class-id: tagged-bytes RIM */
	rlm_cbor_put_tag(e, CORIM_TAG_BYTES);
	rlm_cbor_put_bstr(e, mrs->rim, hs);
	rlm_cbor_put_array(e, rems ? 6 : 2);
	put_mmap_digest_(e, "cca.rim", alg, mrs->rim, hs);
	for (i = 0; rems && i < 4; i++)
		put_mmap_digest_(e, rem_key[i], alg, mrs->rem[i], hs);
	rlm_cbor_put_map(e, 2);
	rlm_cbor_put_uint(e, 0);
	rlm_cbor_put_tstr(e, "cca.rpv");
	rlm_cbor_put_uint(e, 1);
	rlm_cbor_put_map(e, 1);
	rlm_cbor_put_uint(e, 4);        /* raw-value: tagged-bytes */
	rlm_cbor_put_tag(e, CORIM_TAG_BYTES);
	rlm_cbor_put_bstr(e, rpv, RLM_RPV_SIZE);
}

int rlm_refvals_corim(const struct rlm_realm_mrs *mrs, const uint8_t *rpv,
		      const uint8_t *tag_id, unsigned int flags, uint8_t *out,
		      size_t cap, size_t *len)
{
	static const uint8_t zero[RLM_RPV_SIZE];
	static const char hexd[] = "0123456789abcdef";
	struct rlm_cbor_enc e, m;
	bool rems = !(flags & RLM_REFVALS_NO_REMS);
	uint8_t id[16];
	char uuid[37];
	size_t clen, k, i;
	int rc;

	if (!mrs || !len || (!out && cap) || !mrs->have_rim ||
	    (flags & ~(RLM_REFVALS_COMID | RLM_REFVALS_NO_REMS)) ||
	    (mrs->algo != RLM_HASH_SHA256 && mrs->algo != RLM_HASH_SHA512))
		return RLM_EINVAL;
	if (!rpv)
		rpv = zero;
	if (tag_id) {
		memcpy(id, tag_id, sizeof(id));
	} else {
		/* RFC 9562 UUIDv8 (custom): the RIM's first bytes. */
		memcpy(id, mrs->rim, sizeof(id));
		id[6] = (uint8_t)((id[6] & 0x0f) | 0x80);
		id[8] = (uint8_t)((id[8] & 0x3f) | 0x80);
	}
	rlm_cbor_enc_init(&e, out, cap);
	if (flags & RLM_REFVALS_COMID) {
		put_comid_(&e, mrs, rpv, id, rems);
		return rlm_cbor_enc_finish(&e, len);
	}
	rlm_cbor_enc_init(&m, NULL, 0);
	put_comid_(&m, mrs, rpv, id, rems);
	rc = rlm_cbor_enc_finish(&m, &clen);
	if (rc != 0 && rc != RLM_ENOSPC)
		return rc;
	for (i = 0, k = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			uuid[k++] = '-';
		uuid[k++] = hexd[id[i] >> 4];
		uuid[k++] = hexd[id[i] & 15];
	}
	uuid[k] = 0;
	rlm_cbor_put_tag(&e, CORIM_TAG_UNSIGNED_CORIM);
	rlm_cbor_put_map(&e, 3);
	rlm_cbor_put_uint(&e, 0);       /* id */
	rlm_cbor_put_tstr(&e, uuid);
	rlm_cbor_put_uint(&e, 1);       /* tags */
	rlm_cbor_put_array(&e, 1);
	rlm_cbor_put_tag(&e, CORIM_TAG_COMID);
	rlm_cbor_put_head(&e, RLM_CBOR_BSTR, clen); /* bstr .cbor concise-mid-tag */
	put_comid_(&e, mrs, rpv, id, rems);
	rlm_cbor_put_uint(&e, 3);       /* profile: a URI */
	rlm_cbor_put_tag(&e, CORIM_TAG_URI);
	rlm_cbor_put_tstr(&e, CORIM_REALM_PROFILE);
	return rlm_cbor_enc_finish(&e, len);
}
