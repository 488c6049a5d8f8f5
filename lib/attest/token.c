/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CCA attestation token decoding, claim rules, binding and reference
 * values (portable core).  Claim rules as veraison/ccatoken and
 * veraison/psatoken apply them (checked in realm/common.go,
 * realm/iclaims.go ValidateClaims, platform/claims.go, platform/lifecycle.go,
 * psatoken claims_common.go and swcomponent.go):
 *  realm:    challenge 64 B, RPV 64 B, RIM and each of exactly 4 REMs
 *            32/48/64 B, hash algorithm non-empty, RAK (raw 97-byte point
 *            without a profile, EC2 COSE_Key with one), RAK hash algorithm;
 *            profile optional: none (RMM 1.0 form), the 2023 1.0.0
 *            profile, or the 2024 2.0.0 profile of RMM 2.0 (TF-RMM main
 *            attestation_token.c), which adds claim 256 (realm instance
 *            id, 33-byte RAND UEID) and 44243 (MEC policy, integer 0/1),
 *            both mandatory there and checked when present otherwise.
 *  platform: profile (2023 or legacy), one challenge of 32/48/64 B,
 *            implementation id 32 B, instance id 33 B starting 0x01,
 *            config, lifecycle in a defined range, at least one software
 *            component (measurement and signer id 32/48/64 B each), hash
 *            algorithm an IANA name; verification service optional but
 *            non-empty.
 * Unknown claims (integer or text keys) are ignored, as veraison does.
 */
#include <realm/cbor.h>
#include <realm/error.h>
#include <realm/token.h>

static int tok_fail_(struct rlm_token *t, const char *where, int64_t claim,
		     const char *what, int err)
{
	t->err_where = where;
	t->err_claim = claim;
	t->err_what = what;
	return err;
}

static bool psa_hash_len_(size_t n)
{
	return n == 32 || n == 48 || n == 64;
}

/* ---- COSE_Sign1 ------------------------------------------------------------ */

static int cose_protected_(const uint8_t *p, size_t n, int64_t *alg)
{
	struct rlm_cbor c;
	uint64_t cnt, i;
	int64_t key;
	bool have = false;
	int ret;

	ret = rlm_cbor_decode(&c, p, n, NULL);
	if (ret)
		return ret;
	ret = rlm_cbor_get_map(&c, &cnt);
	if (ret)
		return ret;
	for (i = 0; i < cnt; i++) {
		ret = rlm_cbor_get_int(&c, &key);
		if (ret == RLM_EMALFORMED) { /* text label */
			ret = rlm_cbor_skip(&c, NULL, NULL);
			key = 0;
		}
		if (ret)
			return ret;
		if (key == 1) {
			ret = rlm_cbor_get_int(&c, alg);
			have = true;
		} else {
			ret = rlm_cbor_skip(&c, NULL, NULL);
		}
		if (ret)
			return ret;
	}
	return have ? 0 : RLM_EMALFORMED;
}

int rlm_cose_sign1_decode(const uint8_t *buf, size_t len,
			  struct rlm_cose_sign1 *out)
{
	struct rlm_cbor c;
	uint64_t v;
	const uint8_t *p;
	size_t n;
	int ret;

	if (!out || (!buf && len))
		return RLM_EINVAL;
	rlm_memset(out, 0, sizeof(*out));
	ret = rlm_cbor_decode(&c, buf, len, NULL);
	if (ret)
		return ret;
	ret = rlm_cbor_get_tag(&c, &v);
	if (ret || v != RLM_COSE_TAG_SIGN1)
		return RLM_EMALFORMED;
	ret = rlm_cbor_get_array(&c, &v);
	if (ret || v != 4)
		return RLM_EMALFORMED;
	ret = rlm_cbor_get_bstr(&c, &p, &n);
	if (ret)
		return ret;
	out->protected_hdr.ptr = p;
	out->protected_hdr.len = n;
	ret = cose_protected_(p, n, &out->alg);
	if (ret)
		return RLM_EMALFORMED;
	ret = rlm_cbor_get_map(&c, &v); /* unprotected: not used */
	if (ret)
		return ret;
	for (; v; v--) {
		ret = rlm_cbor_skip(&c, NULL, NULL);
		if (!ret)
			ret = rlm_cbor_skip(&c, NULL, NULL);
		if (ret)
			return ret;
	}
	ret = rlm_cbor_get_bstr(&c, &p, &n); /* detached (nil) payloads refused */
	if (ret)
		return ret;
	out->payload.ptr = p;
	out->payload.len = n;
	ret = rlm_cbor_get_bstr(&c, &p, &n);
	if (ret)
		return ret;
	out->signature.ptr = p;
	out->signature.len = n;
	out->raw.ptr = buf;
	out->raw.len = len;
	return 0;
}

int rlm_cose_sig_structure(const struct rlm_cose_sign1 *s, uint8_t *out,
			   size_t cap, size_t *len)
{
	struct rlm_cbor_enc e;

	if (!s || !len)
		return RLM_EINVAL;
	rlm_cbor_enc_init(&e, out, cap);
	rlm_cbor_put_array(&e, 4);
	rlm_cbor_put_tstr(&e, "Signature1");
	rlm_cbor_put_bstr(&e, s->protected_hdr.ptr, s->protected_hdr.len);
	rlm_cbor_put_bstr(&e, NULL, 0); /* external AAD: empty */
	rlm_cbor_put_bstr(&e, s->payload.ptr, s->payload.len);
	return rlm_cbor_enc_finish(&e, len);
}

/* ---- Claims ------------------------------------------------------------------ */

/* Read a claim key: integer keys as they are; text keys -> *is_text. */
static int claim_key_(struct rlm_cbor *c, int64_t *key, bool *is_text)
{
	struct rlm_cbor_item it;
	int ret = rlm_cbor_peek(c, &it);

	if (ret)
		return ret;
	*is_text = false;
	if (it.major == RLM_CBOR_TSTR) {
		*is_text = true;
		*key = 0;
		return rlm_cbor_skip(c, NULL, NULL);
	}
	return rlm_cbor_get_int(c, key);
}

/* One integer-keyed entry: read its value at c into ctx (or skip it). */
typedef int (*claim_fn_)(struct rlm_cbor *c, int64_t key, void *ctx,
			 const char **why);

/* Where claims_walk_() stopped. */
struct walk_ {
	int64_t key;          /* the key of the failing entry (0 if text) */
	enum { AT_KEY_, AT_TEXT_, AT_CLAIM_ } at;
};

/*
 * The one claim-map decoder (claims, software components, COSE_Key): for
 * each of the n entries of the map at c, an integer key goes to fn with
 * its value; a text key is skipped with its value (unknown claims are
 * ignored, as veraison does).  Returns 0 or fn's error, the key's or the
 * skip's, with w saying which.
 */
static int claims_walk_(struct rlm_cbor *c, uint64_t n, claim_fn_ fn, void *ctx,
			const char **why, struct walk_ *w)
{
	uint64_t i;
	bool text;
	int ret;

	w->key = 0;
	for (i = 0; i < n; i++) {
		ret = claim_key_(c, &w->key, &text);
		if (ret) {
			w->at = AT_KEY_;
			return ret;
		}
		if (text) {
			ret = rlm_cbor_skip(c, NULL, NULL);
			if (ret) {
				w->at = AT_TEXT_;
				return ret;
			}
			continue;
		}
		ret = fn(c, w->key, ctx, why);
		if (ret) {
			w->at = AT_CLAIM_;
			return ret;
		}
	}
	return 0;
}

/* A claims set (the payload of a realm or platform token): a map walked by
 * fn, errors reported against where. */
static int decode_claims_(const uint8_t *buf, size_t len, struct rlm_token *t,
			  const char *where, claim_fn_ fn, void *ctx)
{
	static const char *const at_what[] = { "claim key", "claim" };
	const char *why = "wrong type";
	struct rlm_cbor c;
	struct walk_ w;
	uint64_t n;
	int ret;

	ret = rlm_cbor_decode(&c, buf, len, NULL);
	if (ret)
		return tok_fail_(t, where, 0, "claims are not strict CBOR", ret);
	ret = rlm_cbor_get_map(&c, &n);
	if (ret)
		return tok_fail_(t, where, 0, "claims are not a map", ret);
	ret = claims_walk_(&c, n, fn, ctx, &why, &w);
	if (ret && w.at != AT_CLAIM_)
		return tok_fail_(t, where, 0, at_what[w.at], ret);
	if (ret)
		return tok_fail_(t, where, w.key, why, ret);
	return 0;
}

static int platform_part_(struct rlm_token *t);

static int get_bytes_(struct rlm_cbor *c, struct rlm_bytes *b)
{
	return rlm_cbor_get_bstr(c, &b->ptr, &b->len);
}

static int get_text_(struct rlm_cbor *c, struct rlm_bytes *b)
{
	const char *p;
	int ret = rlm_cbor_get_tstr(c, &p, &b->len);

	if (!ret)
		b->ptr = (const uint8_t *)p;
	return ret;
}

/* An EAT nonce: a bstr, or an array of bstr of which we accept exactly one. */
static int get_nonce_(struct rlm_cbor *c, struct rlm_bytes *b, const char **why)
{
	struct rlm_cbor_item it;
	uint64_t n;
	int ret = rlm_cbor_peek(c, &it);

	if (ret)
		return ret;
	if (it.major == RLM_CBOR_BSTR)
		return get_bytes_(c, b);
	ret = rlm_cbor_get_array(c, &n);
	if (ret)
		return ret;
	if (n != 1) {
		*why = "exactly one challenge expected";
		return RLM_EMALFORMED;
	}
	return get_bytes_(c, b);
}

static bool hash_name_ok_(const struct rlm_bytes *b)
{
	static const char *const names[] = {
		"md2", "md5", "sha-1", "sha-224", "sha-256", "sha-384",
		"sha-512", "shake128", "shake256",
	};
	size_t i;

	for (i = 0; i < RLM_ARRAY_SIZE(names); i++)
		if (rlm_cbor_tstr_eq((const char *)b->ptr, b->len, names[i]))
			return true;
	return false;
}

struct cose_key_ {
	uint8_t *pt;
	bool kty, crv, x, y;
};

static int cose_key_field_(struct rlm_cbor *c, int64_t key, void *ctx,
			   const char **why)
{
	struct cose_key_ *k = ctx;
	const uint8_t *p;
	size_t plen;
	int64_t v;
	int ret;

	(void)why;
	switch (key) {
	case 1:
	case -1:
		ret = rlm_cbor_get_int(c, &v);
		if (ret)
			return ret;
		if (v != 2) /* kty EC2; crv P-384 */
			return RLM_EMALFORMED;
		if (key == 1)
			k->kty = true;
		else
			k->crv = true;
		return 0;
	case -2:
	case -3:
		ret = rlm_cbor_get_bstr(c, &p, &plen);
		if (ret)
			return ret;
		if (plen != 48)
			return RLM_EMALFORMED;
		rlm_memcpy(k->pt + (key == -2 ? 1 : 49), p, 48);
		if (key == -2)
			k->x = true;
		else
			k->y = true;
		return 0;
	default:
		return rlm_cbor_skip(c, NULL, NULL);
	}
}

/* COSE_Key (RFC 9052/9053): {1: 2 (EC2), -1: 2 (P-384), -2: x, -3: y}. */
static int cose_key_p384_(const struct rlm_bytes *k, uint8_t pt[97])
{
	struct cose_key_ ck = { pt, false, false, false, false };
	const char *why = NULL;
	struct rlm_cbor c;
	struct walk_ w;
	uint64_t n;
	int ret;

	ret = rlm_cbor_decode(&c, k->ptr, k->len, NULL);
	if (ret)
		return ret;
	ret = rlm_cbor_get_map(&c, &n);
	if (ret)
		return ret;
	ret = claims_walk_(&c, n, cose_key_field_, &ck, &why, &w);
	if (ret)
		return ret;
	if (!ck.kty || !ck.crv || !ck.x || !ck.y)
		return RLM_EMALFORMED;
	pt[0] = 0x04;
	return 0;
}

#define REALM_ "realm"
#define PLATFORM_ "platform"

struct realm_claims_ {
	struct rlm_token_realm *r;
	bool have_rem;
};

/* 44243: an integer 0 (shared) / 1 (private) as TF-RMM main writes it
 * (attestation_token.c, QCBOREncode_AddInt64ToMapN(..., is_pvt_mecid ?
 * 1 : 0)), or the text "shared"/"private" of draft-ffm-rats-cca-token-03
 * (veraison/rust-ccatoken src/token/realm_2024.rs). */
static int mec_policy_(struct rlm_cbor *c, struct rlm_token_realm *r,
		       const char **why)
{
	struct rlm_cbor_item it;
	struct rlm_bytes b;
	int64_t v;
	int ret = rlm_cbor_peek(c, &it);

	if (ret)
		return ret;
	if (it.major == RLM_CBOR_TSTR) {
		ret = get_text_(c, &b);
		if (ret)
			return ret;
		r->mec_policy_text = true;
		if (rlm_cbor_tstr_eq((const char *)b.ptr, b.len, "shared"))
			r->mec_policy = RLM_TOKEN_MEC_SHARED;
		else if (rlm_cbor_tstr_eq((const char *)b.ptr, b.len, "private"))
			r->mec_policy = RLM_TOKEN_MEC_PRIVATE;
		else {
			*why = "MEC policy text must be \"shared\" or \"private\"";
			return RLM_EMALFORMED;
		}
		return 0;
	}
	ret = rlm_cbor_get_int(c, &v);
	if (ret)
		return ret;
	if (v != RLM_TOKEN_MEC_SHARED && v != RLM_TOKEN_MEC_PRIVATE) {
		*why = "MEC policy must be 0 (shared) or 1 (private)";
		return RLM_EMALFORMED;
	}
	r->mec_policy = (int)v;
	return 0;
}

static int realm_claim_(struct rlm_cbor *c, int64_t key, void *ctx,
			const char **why)
{
	struct realm_claims_ *rc = ctx;
	struct rlm_token_realm *r = rc->r;
	uint64_t m, j;
	int ret;

	switch (key) {
	case RLM_CLAIM_PROFILE:
		return get_text_(c, &r->profile);
	case RLM_CLAIM_CHALLENGE:
		return get_nonce_(c, &r->challenge, why);
	case RLM_CLAIM_REALM_RPV:
		return get_bytes_(c, &r->rpv);
	case RLM_CLAIM_REALM_HASH_ALGO:
		return get_text_(c, &r->hash_algo);
	case RLM_CLAIM_REALM_RAK:
		return get_bytes_(c, &r->rak);
	case RLM_CLAIM_REALM_RIM:
		return get_bytes_(c, &r->rim);
	case RLM_CLAIM_REALM_RAK_HASH_ALGO:
		return get_text_(c, &r->rak_hash_algo);
	case RLM_CLAIM_REALM_INSTANCE_ID:
		return get_bytes_(c, &r->instance_id);
	case RLM_CLAIM_REALM_MEC_POLICY:
		return mec_policy_(c, r, why);
	case RLM_CLAIM_REALM_REM:
		ret = rlm_cbor_get_array(c, &m);
		if (!ret && m != 4) {
			*why = "exactly 4 REMs expected";
			ret = RLM_EMALFORMED;
		}
		for (j = 0; !ret && j < m; j++)
			ret = get_bytes_(c, &r->rem[j]);
		rc->have_rem = !ret;
		return ret;
	default:
		return rlm_cbor_skip(c, NULL, NULL);
	}
}

int rlm_token_decode_realm_claims(const uint8_t *buf, size_t len,
				  struct rlm_token *t)
{
	struct realm_claims_ rc;
	struct rlm_token_realm *r;
	uint64_t j;
	int ret;

	if (!t || (!buf && len))
		return RLM_EINVAL;
	r = &t->realm;
	rlm_memset(r, 0, sizeof(*r));
	r->mec_policy = RLM_TOKEN_MEC_ABSENT;
	rc.r = r;
	rc.have_rem = false;
	ret = decode_claims_(buf, len, t, REALM_, realm_claim_, &rc);
	if (ret)
		return ret;
	/* Mandatory claims and their syntax, in veraison's order. */
	if (!r->challenge.ptr)
		return tok_fail_(t, REALM_, RLM_CLAIM_CHALLENGE, "missing", RLM_EMALFORMED);
	if (r->challenge.len != 64)
		return tok_fail_(t, REALM_, RLM_CLAIM_CHALLENGE, "must be 64 bytes", RLM_EMALFORMED);
	if (!r->rpv.ptr)
		return tok_fail_(t, REALM_, RLM_CLAIM_REALM_RPV, "missing", RLM_EMALFORMED);
	if (r->rpv.len != 64)
		return tok_fail_(t, REALM_, RLM_CLAIM_REALM_RPV, "must be 64 bytes", RLM_EMALFORMED);
	if (!r->rim.ptr)
		return tok_fail_(t, REALM_, RLM_CLAIM_REALM_RIM, "missing", RLM_EMALFORMED);
	if (!psa_hash_len_(r->rim.len))
		return tok_fail_(t, REALM_, RLM_CLAIM_REALM_RIM, "must be 32, 48 or 64 bytes", RLM_EMALFORMED);
	if (!rc.have_rem)
		return tok_fail_(t, REALM_, RLM_CLAIM_REALM_REM, "missing", RLM_EMALFORMED);
	for (j = 0; j < 4; j++)
		if (!psa_hash_len_(r->rem[j].len))
			return tok_fail_(t, REALM_, RLM_CLAIM_REALM_REM, "each REM must be 32, 48 or 64 bytes", RLM_EMALFORMED);
	if (!r->hash_algo.ptr)
		return tok_fail_(t, REALM_, RLM_CLAIM_REALM_HASH_ALGO, "missing", RLM_EMALFORMED);
	if (!r->hash_algo.len)
		return tok_fail_(t, REALM_, RLM_CLAIM_REALM_HASH_ALGO, "empty", RLM_EMALFORMED);
	if (!r->rak.ptr)
		return tok_fail_(t, REALM_, RLM_CLAIM_REALM_RAK, "missing", RLM_EMALFORMED);
	if (!r->rak_hash_algo.ptr)
		return tok_fail_(t, REALM_, RLM_CLAIM_REALM_RAK_HASH_ALGO, "missing", RLM_EMALFORMED);
	if (!r->rak_hash_algo.len)
		return tok_fail_(t, REALM_, RLM_CLAIM_REALM_RAK_HASH_ALGO, "empty", RLM_EMALFORMED);
	if (!r->profile.ptr)
		r->profile_version = 0;
	else if (rlm_cbor_tstr_eq((const char *)r->profile.ptr, r->profile.len,
				  RLM_TOKEN_REALM_PROFILE))
		r->profile_version = 1;
	else if (rlm_cbor_tstr_eq((const char *)r->profile.ptr, r->profile.len,
				  RLM_TOKEN_REALM_PROFILE_2_0))
		r->profile_version = 2;
	else
		return tok_fail_(t, REALM_, RLM_CLAIM_PROFILE, "unknown realm profile", RLM_EMALFORMED);
	/* 2.0: the realm instance id and the MEC policy are mandatory (TF-RMM
	 * main writes both; rust-ccatoken realm_2024.rs requires both). */
	if (r->profile_version == 2 && !r->instance_id.ptr)
		return tok_fail_(t, REALM_, RLM_CLAIM_REALM_INSTANCE_ID, "missing (mandatory with the 2.0 profile)", RLM_EMALFORMED);
	if (r->instance_id.ptr &&
	    (r->instance_id.len != 33 || r->instance_id.ptr[0] != 0x01))
		return tok_fail_(t, REALM_, RLM_CLAIM_REALM_INSTANCE_ID, "must be 33 bytes starting 0x01 (RAND UEID)", RLM_EMALFORMED);
	if (r->profile_version == 2 && r->mec_policy == RLM_TOKEN_MEC_ABSENT)
		return tok_fail_(t, REALM_, RLM_CLAIM_REALM_MEC_POLICY, "missing (mandatory with the 2.0 profile)", RLM_EMALFORMED);
	/* The RAK: COSE_Key with a profile, raw P-384 point without. */
	if (r->profile.ptr) {
		r->rak_is_cose_key = true;
		if (cose_key_p384_(&r->rak, r->rak_point))
			return tok_fail_(t, REALM_, RLM_CLAIM_REALM_RAK,
					 "not an EC2 P-384 COSE_Key", RLM_EMALFORMED);
	} else {
		if (r->rak.len != RLM_TOKEN_RAK_POINT_SIZE || r->rak.ptr[0] != 0x04)
			return tok_fail_(t, REALM_, RLM_CLAIM_REALM_RAK,
					 "not a 97-byte uncompressed P-384 point", RLM_EMALFORMED);
		rlm_memcpy(r->rak_point, r->rak.ptr, RLM_TOKEN_RAK_POINT_SIZE);
	}
	return 0;
}

static int sw_field_(struct rlm_cbor *c, int64_t key, void *ctx,
		     const char **why)
{
	struct rlm_token_sw_component *s = ctx;

	(void)why;
	switch (key) {
	case 1:
		return get_text_(c, &s->type);
	case 2:
		return get_bytes_(c, &s->measurement);
	case 4:
		return get_text_(c, &s->version);
	case 5:
		return get_bytes_(c, &s->signer_id);
	case 6:
		return get_text_(c, &s->hash_algo);
	default:
		return rlm_cbor_skip(c, NULL, NULL);
	}
}

static int sw_component_(struct rlm_cbor *c, struct rlm_token_sw_component *s,
			 const char **why)
{
	struct walk_ w;
	uint64_t n;
	int ret;

	ret = rlm_cbor_get_map(c, &n);
	if (ret) {
		*why = "software component is not a map";
		return ret;
	}
	ret = claims_walk_(c, n, sw_field_, s, why, &w);
	if (ret) {
		if (w.at != AT_KEY_)
			*why = "software component field of the wrong type";
		return ret;
	}
	if (!s->measurement.ptr || !psa_hash_len_(s->measurement.len)) {
		*why = "software component measurement missing or not 32/48/64 bytes";
		return RLM_EMALFORMED;
	}
	if (!s->signer_id.ptr || !psa_hash_len_(s->signer_id.len)) {
		*why = "software component signer id missing or not 32/48/64 bytes";
		return RLM_EMALFORMED;
	}
	return 0;
}

static bool lifecycle_ok_(uint64_t v)
{
	/* CCA platform lifecycle ranges (veraison platform/lifecycle.go):
	 * 0x0000-0x00ff unknown, then 0x1000..0x6000 each + 0xff. */
	if (v <= 0xff)
		return true;
	return v >= 0x1000 && v <= 0x60ff && (v & 0xf00) == 0;
}

struct platform_claims_ {
	struct rlm_token_platform *p;
	uint64_t lc;
	bool have_lc, have_sw;
};

static int platform_claim_(struct rlm_cbor *c, int64_t key, void *ctx,
			   const char **why)
{
	struct platform_claims_ *pc = ctx;
	struct rlm_token_platform *p = pc->p;
	uint64_t m, j;
	int ret;

	switch (key) {
	case RLM_CLAIM_PROFILE:
		return get_text_(c, &p->profile);
	case RLM_CLAIM_CHALLENGE:
		return get_nonce_(c, &p->challenge, why);
	case RLM_CLAIM_PLAT_IMPLEMENTATION_ID:
		return get_bytes_(c, &p->implementation_id);
	case RLM_CLAIM_PLAT_INSTANCE_ID:
		return get_bytes_(c, &p->instance_id);
	case RLM_CLAIM_PLAT_CONFIG:
		return get_bytes_(c, &p->config);
	case RLM_CLAIM_PLAT_LIFECYCLE:
		ret = rlm_cbor_get_uint(c, &pc->lc);
		pc->have_lc = !ret;
		return ret;
	case RLM_CLAIM_PLAT_VERIFICATION_SERVICE:
		return get_text_(c, &p->verification_service);
	case RLM_CLAIM_PLAT_HASH_ALGO:
		return get_text_(c, &p->hash_algo);
	case RLM_CLAIM_PLAT_SW_COMPONENTS:
		ret = rlm_cbor_get_array(c, &m);
		if (ret)
			return ret;
		if (m > RLM_TOKEN_MAX_SW_COMPONENTS) {
			*why = "too many software components";
			return RLM_E2BIG;
		}
		for (j = 0; !ret && j < m; j++)
			ret = sw_component_(c, &p->sw[j], why);
		p->sw_count = (size_t)m;
		pc->have_sw = !ret;
		return ret;
	default:
		return rlm_cbor_skip(c, NULL, NULL);
	}
}

int rlm_token_decode_platform_claims(const uint8_t *buf, size_t len,
				     struct rlm_token *t)
{
	struct platform_claims_ pc;
	struct rlm_token_platform *p;
	uint64_t lc;
	int ret;

	if (!t || (!buf && len))
		return RLM_EINVAL;
	p = &t->platform;
	rlm_memset(p, 0, sizeof(*p));
	rlm_memset(&pc, 0, sizeof(pc));
	pc.p = p;
	ret = decode_claims_(buf, len, t, PLATFORM_, platform_claim_, &pc);
	if (ret)
		return ret;
	lc = pc.lc;
	if (!p->profile.ptr)
		return tok_fail_(t, PLATFORM_, RLM_CLAIM_PROFILE, "missing", RLM_EMALFORMED);
	if (rlm_cbor_tstr_eq((const char *)p->profile.ptr, p->profile.len,
			     RLM_TOKEN_PLATFORM_PROFILE_LEGACY))
		p->legacy_profile = true;
	else if (!rlm_cbor_tstr_eq((const char *)p->profile.ptr, p->profile.len,
				   RLM_TOKEN_PLATFORM_PROFILE))
		return tok_fail_(t, PLATFORM_, RLM_CLAIM_PROFILE, "unknown platform profile", RLM_EMALFORMED);
	if (!p->challenge.ptr)
		return tok_fail_(t, PLATFORM_, RLM_CLAIM_CHALLENGE, "missing", RLM_EMALFORMED);
	if (!psa_hash_len_(p->challenge.len))
		return tok_fail_(t, PLATFORM_, RLM_CLAIM_CHALLENGE, "must be 32, 48 or 64 bytes", RLM_EMALFORMED);
	if (!pc.have_lc)
		return tok_fail_(t, PLATFORM_, RLM_CLAIM_PLAT_LIFECYCLE, "missing", RLM_EMALFORMED);
	if (!lifecycle_ok_(lc))
		return tok_fail_(t, PLATFORM_, RLM_CLAIM_PLAT_LIFECYCLE, "not a defined lifecycle state", RLM_EMALFORMED);
	p->lifecycle = (uint16_t)lc;
	if (!p->implementation_id.ptr)
		return tok_fail_(t, PLATFORM_, RLM_CLAIM_PLAT_IMPLEMENTATION_ID, "missing", RLM_EMALFORMED);
	if (p->implementation_id.len != 32)
		return tok_fail_(t, PLATFORM_, RLM_CLAIM_PLAT_IMPLEMENTATION_ID, "must be 32 bytes", RLM_EMALFORMED);
	if (!pc.have_sw || !p->sw_count)
		return tok_fail_(t, PLATFORM_, RLM_CLAIM_PLAT_SW_COMPONENTS, "at least one software component required", RLM_EMALFORMED);
	if (!p->instance_id.ptr)
		return tok_fail_(t, PLATFORM_, RLM_CLAIM_PLAT_INSTANCE_ID, "missing", RLM_EMALFORMED);
	if (p->instance_id.len != 33 || p->instance_id.ptr[0] != 0x01)
		return tok_fail_(t, PLATFORM_, RLM_CLAIM_PLAT_INSTANCE_ID, "must be 33 bytes starting 0x01 (RAND UEID)", RLM_EMALFORMED);
	if (p->verification_service.ptr && !p->verification_service.len)
		return tok_fail_(t, PLATFORM_, RLM_CLAIM_PLAT_VERIFICATION_SERVICE, "empty", RLM_EMALFORMED);
	if (!p->config.ptr)
		return tok_fail_(t, PLATFORM_, RLM_CLAIM_PLAT_CONFIG, "missing", RLM_EMALFORMED);
	if (!p->hash_algo.ptr)
		return tok_fail_(t, PLATFORM_, RLM_CLAIM_PLAT_HASH_ALGO, "missing", RLM_EMALFORMED);
	if (!hash_name_ok_(&p->hash_algo))
		return tok_fail_(t, PLATFORM_, RLM_CLAIM_PLAT_HASH_ALGO, "not an IANA hash name", RLM_EMALFORMED);
	return 0;
}

/* ---- The collection ----------------------------------------------------------- */

int rlm_token_decode(const uint8_t *buf, size_t len, struct rlm_token *t)
{
	struct rlm_cbor c;
	struct rlm_bytes ptok = { NULL, 0 }, rtok = { NULL, 0 }, *dst;
	struct rlm_cbor_item it;
	uint64_t tag, n, i, v;
	int64_t key;
	int ret;

	if (!t || (!buf && len))
		return RLM_EINVAL;
	rlm_memset(t, 0, sizeof(*t));
	t->realm.mec_policy = RLM_TOKEN_MEC_ABSENT;
	ret = rlm_cbor_decode(&c, buf, len, NULL);
	if (ret)
		return tok_fail_(t, "collection", 0, "not strict CBOR", ret);
	ret = rlm_cbor_get_tag(&c, &tag);
	if (ret || (tag != RLM_TOKEN_TAG_CMW_COLLECTION &&
		    tag != RLM_TOKEN_TAG_LEGACY_COLLECTION))
		return tok_fail_(t, "collection", 0, "not a tag 907 or 399 collection", RLM_EMALFORMED);
	t->collection_tag = tag;
	ret = rlm_cbor_get_map(&c, &n);
	if (ret)
		return tok_fail_(t, "collection", 0, "not a map", ret);
	for (i = 0; i < n; i++) {
		ret = rlm_cbor_get_int(&c, &key);
		if (ret)
			return tok_fail_(t, "collection", 0, "key is not an integer", ret);
		if (key == RLM_TOKEN_KEY_PLATFORM)
			dst = &ptok;
		else if (key == RLM_TOKEN_KEY_REALM)
			dst = &rtok;
		else
			dst = NULL;
		if (!dst) {
			ret = rlm_cbor_skip(&c, NULL, NULL);
			if (ret)
				return tok_fail_(t, "collection", key, "entry", ret);
			continue;
		}
		if (tag == RLM_TOKEN_TAG_CMW_COLLECTION) {
			/* CMW record: [content type 263, bstr token] */
			ret = rlm_cbor_get_array(&c, &v);
			if (ret || v != 2)
				return tok_fail_(t, "collection", key, "CMW entry is not [type, token]", RLM_EMALFORMED);
			ret = rlm_cbor_get_uint(&c, &v);
			if (ret || v != RLM_TOKEN_CMW_CONTENT_TYPE)
				return tok_fail_(t, "collection", key, "CMW content type is not 263", RLM_EMALFORMED);
		}
		ret = rlm_cbor_peek(&c, &it);
		if (ret)
			return tok_fail_(t, "collection", key, "entry", ret);
		if (it.major != RLM_CBOR_BSTR)
			return tok_fail_(t, "collection", key, "token not wrapped in a byte string", RLM_EMALFORMED);
		ret = get_bytes_(&c, dst);
		if (ret)
			return tok_fail_(t, "collection", key, "entry", ret);
	}
	if (!ptok.ptr)
		return tok_fail_(t, "collection", RLM_TOKEN_KEY_PLATFORM, "platform token missing", RLM_EMALFORMED);
	if (!rtok.ptr)
		return tok_fail_(t, "collection", RLM_TOKEN_KEY_REALM, "realm token missing", RLM_EMALFORMED);
	ret = rlm_cose_sign1_decode(ptok.ptr, ptok.len, &t->platform_token);
	if (ret)
		return tok_fail_(t, PLATFORM_, 0, "not a COSE_Sign1 (tag 18)", ret);
	ret = rlm_cose_sign1_decode(rtok.ptr, rtok.len, &t->realm_token);
	if (ret)
		return tok_fail_(t, REALM_, 0, "not a COSE_Sign1 (tag 18)", ret);
	if (t->realm_token.alg != RLM_COSE_ALG_ES384)
		return tok_fail_(t, REALM_, 0, "realm token algorithm is not ES384", RLM_EMALFORMED);
	ret = platform_part_(t);
	if (ret)
		return ret;
	return rlm_token_decode_realm_claims(t->realm_token.payload.ptr,
					     t->realm_token.payload.len, t);
}

/* Platform token algorithm and claims of a decoded COSE_Sign1. */
static int platform_part_(struct rlm_token *t)
{
	if (t->platform_token.alg != RLM_COSE_ALG_ES256 &&
	    t->platform_token.alg != RLM_COSE_ALG_ES384)
		return tok_fail_(t, PLATFORM_, 0, "platform token algorithm is not ES256/ES384", RLM_EMALFORMED);
	return rlm_token_decode_platform_claims(t->platform_token.payload.ptr,
						t->platform_token.payload.len, t);
}

int rlm_token_decode_platform_token(const uint8_t *buf, size_t len,
				    struct rlm_token *t)
{
	int ret;

	if (!t || (!buf && len))
		return RLM_EINVAL;
	rlm_memset(t, 0, sizeof(*t));
	t->realm.mec_policy = RLM_TOKEN_MEC_ABSENT;
	ret = rlm_cose_sign1_decode(buf, len, &t->platform_token);
	if (ret)
		return tok_fail_(t, PLATFORM_, 0, "not a COSE_Sign1 (tag 18)", ret);
	t->collection_tag = RLM_COSE_TAG_SIGN1;
	t->platform_only = true;
	return platform_part_(t);
}

int rlm_token_decode_any(const uint8_t *buf, size_t len, struct rlm_token *t)
{
	struct rlm_cbor c;
	uint64_t tag;

	if (!t || (!buf && len))
		return RLM_EINVAL;
	/* Only the outer tag decides; each decoder checks everything. */
	if (!rlm_cbor_decode(&c, buf, len, NULL) && !rlm_cbor_get_tag(&c, &tag) &&
	    tag == RLM_COSE_TAG_SIGN1)
		return rlm_token_decode_platform_token(buf, len, t);
	return rlm_token_decode(buf, len, t);
}

/* ---- Binding and reference values ---------------------------------------------- */

int rlm_token_hash_algo(const struct rlm_bytes *name, enum rlm_hash_algo *algo)
{
	const char *s;

	if (!name || !algo)
		return RLM_EINVAL;
	s = (const char *)name->ptr;
	if (rlm_cbor_tstr_eq(s, name->len, "sha-256"))
		*algo = RLM_HASH_SHA256;
	else if (rlm_cbor_tstr_eq(s, name->len, "sha-384"))
		*algo = RLM_HASH_SHA384;
	else if (rlm_cbor_tstr_eq(s, name->len, "sha-512"))
		*algo = RLM_HASH_SHA512;
	else
		return RLM_ENOTSUP;
	return 0;
}

int rlm_token_check_binding(const struct rlm_token *t)
{
	uint8_t h[RLM_HASH_MAX_SIZE];
	enum rlm_hash_algo algo;
	size_t hs;
	int ret;

	if (!t || !t->realm.rak.ptr || !t->platform.challenge.ptr)
		return RLM_EINVAL;
	ret = rlm_token_hash_algo(&t->realm.rak_hash_algo, &algo);
	if (ret)
		return ret;
	ret = rlm_hash_digest(algo, t->realm.rak.ptr, t->realm.rak.len, h);
	if (ret)
		return ret;
	hs = rlm_hash_size(algo);
	if (t->platform.challenge.len != hs ||
	    rlm_memcmp(t->platform.challenge.ptr, h, hs))
		return RLM_EVERIFY;
	return 0;
}

/* claim == ref, with the shorter of the two zero-extended. */
static bool padded_eq_(const struct rlm_bytes *claim, const uint8_t *ref,
		       size_t ref_len)
{
	size_t n = claim->len > ref_len ? claim->len : ref_len, i;

	for (i = 0; i < n; i++) {
		uint8_t a = i < claim->len ? claim->ptr[i] : 0;
		uint8_t b = i < ref_len ? ref[i] : 0;

		if (a != b)
			return false;
	}
	return true;
}

int rlm_token_check_refvals(const struct rlm_token *t,
			    const struct rlm_token_refvals *ref,
			    const char **claim)
{
	static const char *const rem_names[4] = { "rem0", "rem1", "rem2", "rem3" };
	const char *dummy;
	size_t i;

	if (!t || !ref)
		return RLM_EINVAL;
	if (!claim)
		claim = &dummy;
	*claim = NULL;
	if (ref->hash_algo &&
	    !rlm_cbor_tstr_eq((const char *)t->realm.hash_algo.ptr,
			      t->realm.hash_algo.len, ref->hash_algo)) {
		*claim = "hash_algo";
		return RLM_EMISMATCH;
	}
	if (ref->challenge && ref->challenge_len &&
	    !padded_eq_(&t->realm.challenge, ref->challenge, ref->challenge_len)) {
		*claim = "challenge";
		return RLM_EMISMATCH;
	}
	if (ref->rpv && ref->rpv_len &&
	    !padded_eq_(&t->realm.rpv, ref->rpv, ref->rpv_len)) {
		*claim = "rpv";
		return RLM_EMISMATCH;
	}
	if (ref->rim && ref->rim_len &&
	    !padded_eq_(&t->realm.rim, ref->rim, ref->rim_len)) {
		*claim = "rim";
		return RLM_EMISMATCH;
	}
	for (i = 0; i < 4; i++) {
		if (ref->rem[i] && ref->rem_len[i] &&
		    !padded_eq_(&t->realm.rem[i], ref->rem[i], ref->rem_len[i])) {
			*claim = rem_names[i];
			return RLM_EMISMATCH;
		}
	}
	return 0;
}
