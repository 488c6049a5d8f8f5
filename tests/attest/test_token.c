/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CCA attestation tokens: every vector in tests/vectors/tokens gives the
 * outcome docs/attestation.md documents; the veraison claim-set
 * negatives (.diag, converted at test time) name the claim at fault;
 * malformed and hostile input everywhere; the mock RMM token builder
 * round-trips through the verifier; reference values name the claim that
 * differs.
 */
#include <ctype.h>
#include <stdlib.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "test_util.h"

#include <realm/cbor.h>
#include <realm/error.h>
#include <realm/token.h>
#include <realm/mock.h>

#define VT "tokens/veraison-ccatoken/"
#define RT "tokens/rust-ccatoken/"

static uint8_t *vec(const char *rel, size_t *len)
{
	char path[512];

	return tu_read_file(tu_vector_path(rel, path, sizeof(path)), len);
}

static struct rlm_token_key *load_key(const char *rel, const struct rlm_token *t,
				      int expect)
{
	struct rlm_token_key *k = NULL;
	size_t len;
	uint8_t *b = vec(rel, &len);
	int ret = rlm_token_key_load(b, len, t ? t->platform.instance_id.ptr : NULL,
				     t ? t->platform.instance_id.len : 0, &k);

	free(b);
	assert_int_equal(ret, expect);
	if (expect)
		assert_null(k);
	return k;
}

/* Decode a token into a heap copy of exactly its size (ASan over-reads). */
struct decoded {
	uint8_t *buf;
	struct rlm_token tok;
	int ret;
};

static struct decoded *decode_bytes(const uint8_t *p, size_t len)
{
	struct decoded *d = calloc(1, sizeof(*d));

	assert_non_null(d);
	d->buf = malloc(len ? len : 1);
	assert_non_null(d->buf);
	memcpy(d->buf, p, len);
	d->ret = rlm_token_decode(d->buf, len, &d->tok);
	return d;
}

static struct decoded *decode_file(const char *rel)
{
	size_t len;
	uint8_t *b = vec(rel, &len);
	struct decoded *d = decode_bytes(b, len);

	free(b);
	return d;
}

static void decoded_free(struct decoded *d)
{
	free(d->buf);
	free(d);
}

/* ---- Every token vector and its documented outcome ------------------------ */

struct outcome {
	const char *token;
	const char *key;
	enum rlm_token_status plat, realm, binding;
};

static void test_vector_outcomes(void **state)
{
	static const struct outcome cases[] = {
		/* veraison: CMW (907) and legacy (399) forms, ES256 platform */
		{ VT "testGoodCCAToken.cbor", VT "testIAK.jwk.json", 0, 0, 0 },
		{ VT "testGoodCCAToken.cbor", RT "ta-02-ok.json", 0, 0, 0 },
		{ VT "testGoodLegacyCCAToken.cbor", VT "testIAK.jwk.json", 0, 0, 0 },
		{ VT "testGoodLegacyCCAToken.cbor", RT "ta-02-ok.pkey.jwk", 0, 0, 0 },
		/* TF-RMM sample token (ES384 platform, raw RAK) */
		{ VT "testRMMLegacyEvidence.cbor", VT "testRMMCPAK.jwk.json", 0, 0, 0 },
		{ VT "tf-rmm_cca_token.cbor", VT "tf-rmm_cca_platform.pub", 0, 0, 0 },
		{ VT "tf-rmm_cca_token.cbor", VT "tf-rmm_cca_platform.pem", 0, 0, 0 },
		{ RT "cca-token-01.cbor", RT "ta-tfa.json", 0, 0, 0 },
		{ RT "cca-token-01.cbor", RT "ta-tfa.pkey.jwk", 0, 0, 0 },
		{ RT "cca-token-01.cbor", RT "cpak.json", 0, 0, 0 },
		{ RT "cca-token-02.cbor", RT "ta-02-ok.json", 0, 0, 0 },
		{ RT "cca-token-02.cbor", RT "ta-02-ok.pkey.jwk", 0, 0, 0 },
		/* draft-ffm-00: RAK as COSE_Key, 2023 profiles */
		{ RT "cca-token-draft-ffm-00.cbor", RT "ta-tfa.json", 0, 0, 0 },
		/* both signatures valid, binding broken */
		{ RT "bug-33-repro.cbor", RT "ta-tfa.json", 0, 0, RLM_TOKEN_BAD },
		/* a valid key of another platform: platform signature fails */
		{ VT "tf-rmm_cca_token.cbor", VT "testAltIAK.jwk.json", RLM_TOKEN_BAD, 0, 0 },
		{ RT "cca-token-02.cbor", VT "testAltIAK.jwk.json", RLM_TOKEN_BAD, 0, 0 },
		{ VT "testGoodCCAToken.cbor", VT "testRMMCPAK.jwk.json", RLM_TOKEN_BAD, 0, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < RLM_ARRAY_SIZE(cases); i++) {
		const struct outcome *c = &cases[i];
		struct decoded *d = decode_file(c->token);
		struct rlm_token_result res;
		struct rlm_token_key *k;
		int ret;

		print_message("%s with %s\n", c->token, c->key);
		assert_int_equal(d->ret, 0);
		k = load_key(c->key, &d->tok, 0);
		ret = rlm_token_verify(&d->tok, k, &res);
		assert_int_equal(res.platform_signature, c->plat);
		assert_int_equal(res.realm_signature, c->realm);
		assert_int_equal(res.binding, c->binding);
		if (c->plat || c->realm || c->binding) {
			assert_int_equal(ret, RLM_EVERIFY);
			assert_int_equal(res.verdict, RLM_TOKEN_BAD);
			assert_non_null(res.reason);
		} else {
			assert_int_equal(ret, 0);
			assert_int_equal(res.verdict, RLM_TOKEN_OK);
			assert_null(res.reason);
		}
		/* without a key the platform signature is skipped: never "ok" */
		ret = rlm_token_verify(&d->tok, NULL, &res);
		assert_int_equal(ret, RLM_EVERIFY);
		assert_int_equal(res.platform_signature, RLM_TOKEN_SKIPPED);
		assert_int_equal(res.realm_signature, c->realm);
		assert_int_equal(res.verdict, RLM_TOKEN_BAD);
		rlm_token_key_free(k);
		decoded_free(d);
	}
}

static void test_ta02_bad(void **state)
{
	struct decoded *d = decode_file(RT "cca-token-02.cbor");
	struct rlm_token_result res;

	(void)state;
	assert_int_equal(d->ret, 0);
	/* ta-02-bad's point is not on P-256: the platform key is unusable */
	load_key(RT "ta-02-bad.json", &d->tok, RLM_EVERIFY);
	load_key(RT "ta-02-bad.pkey.jwk", NULL, RLM_EVERIFY);
	/* ta.json anchors another instance id */
	load_key(RT "ta.json", &d->tok, RLM_ENOENT);
	assert_int_equal(rlm_token_verify(&d->tok, NULL, &res), RLM_EVERIFY);
	assert_int_not_equal(res.platform_signature, RLM_TOKEN_OK);
	decoded_free(d);
}

static void test_bad_unwrapped(void **state)
{
	struct decoded *d = decode_file(VT "testBadUnwrappedTokens.cbor");

	(void)state;
	assert_int_equal(d->ret, RLM_EMALFORMED);
	assert_string_equal(d->tok.err_where, "collection");
	assert_int_equal(d->tok.err_claim, RLM_TOKEN_KEY_PLATFORM);
	assert_non_null(strstr(d->tok.err_what, "byte string"));
	decoded_free(d);
}

static void test_tf_rmm_claims(void **state)
{
	struct decoded *d = decode_file(VT "tf-rmm_cca_token.cbor");
	const struct rlm_token *t = &d->tok;
	static const char rpv[] = "The quick brown fox jumps over 13 lazy dogs.";
	size_t i;

	(void)state;
	assert_int_equal(d->ret, 0);
	assert_int_equal(t->collection_tag, 399);
	assert_int_equal(t->platform_token.alg, RLM_COSE_ALG_ES384);
	assert_int_equal(t->realm_token.alg, RLM_COSE_ALG_ES384);
	assert_int_equal(t->realm.challenge.len, 64);
	for (i = 0; i < 64; i++)
		assert_int_equal(t->realm.challenge.ptr[i], 0xab);
	assert_int_equal(t->realm.rpv.len, 64);
	assert_memory_equal(t->realm.rpv.ptr, rpv, strlen(rpv));
	assert_int_equal(t->realm.rim.len, 32);
	for (i = 0; i < 32; i++)
		assert_int_equal(t->realm.rim.ptr[i], 0);
	for (i = 0; i < 4; i++)
		assert_int_equal(t->realm.rem[i].len, 32);
	assert_true(rlm_cbor_tstr_eq((const char *)t->realm.hash_algo.ptr,
				     t->realm.hash_algo.len, "sha-256"));
	assert_null(t->realm.profile.ptr);
	assert_false(t->realm.rak_is_cose_key);
	assert_int_equal(t->realm.rak.len, 97);
	assert_true(t->platform.legacy_profile);
	assert_int_equal(t->platform.lifecycle, 0x3003);
	assert_int_equal(t->platform.sw_count, 4);
	assert_true(rlm_cbor_tstr_eq((const char *)t->platform.sw[0].type.ptr,
				     t->platform.sw[0].type.len, "BL"));
	assert_true(rlm_cbor_tstr_eq((const char *)t->platform.sw[0].version.ptr,
				     t->platform.sw[0].version.len, "3.4.2"));
	assert_non_null(t->platform.sw[0].hash_algo.ptr);
	assert_null(t->platform.sw[1].hash_algo.ptr);
	assert_int_equal(t->platform.instance_id.len, 33);
	assert_int_equal(t->platform.implementation_id.len, 32);
	assert_int_equal(rlm_token_check_binding(t), 0);
	decoded_free(d);

	/* the draft-ffm token: COSE_Key RAK and 2023 profiles */
	d = decode_file(RT "cca-token-draft-ffm-00.cbor");
	assert_int_equal(d->ret, 0);
	assert_true(d->tok.realm.rak_is_cose_key);
	assert_int_equal(d->tok.realm.rak.len, 107);
	assert_int_equal(d->tok.realm.rak_point[0], 4);
	assert_false(d->tok.platform.legacy_profile);
	assert_int_equal(d->tok.platform.sw_count, 13);
	decoded_free(d);
}

/* ---- Bare claim sets ----------------------------------------------------- */

static void test_claim_set_files(void **state)
{
	struct rlm_token t;
	uint8_t *b;
	size_t len;

	(void)state;
	b = vec(RT "realm-claims.cbor", &len);
	assert_int_equal(rlm_token_decode_realm_claims(b, len, &t), 0);
	free(b);
	/* extra claims, integer or text keys, are tolerated */
	b = vec(RT "realm-claims+spurious-numeric-key.cbor", &len);
	assert_int_equal(rlm_token_decode_realm_claims(b, len, &t), 0);
	free(b);
	b = vec(RT "realm-claims+spurious-text-key.cbor", &len);
	assert_int_equal(rlm_token_decode_realm_claims(b, len, &t), 0);
	free(b);
	b = vec(RT "realm-claims-missing-challenge.cbor", &len);
	assert_int_equal(rlm_token_decode_realm_claims(b, len, &t), RLM_EMALFORMED);
	assert_int_equal(t.err_claim, RLM_CLAIM_CHALLENGE);
	assert_string_equal(t.err_what, "missing");
	free(b);
	b = vec(RT "platform-claims.cbor", &len);
	assert_int_equal(rlm_token_decode_platform_claims(b, len, &t), 0);
	free(b);
	/* rust-ccatoken's hand-made negatives */
	assert_int_equal(rlm_token_decode_realm_claims((const uint8_t *)"\xa0", 1, &t), RLM_EMALFORMED);
	assert_int_equal(rlm_token_decode_realm_claims((const uint8_t *)"\xff\xff\xff\xff", 4, &t), RLM_EMALFORMED);
	assert_int_equal(rlm_token_decode_realm_claims((const uint8_t *)"\xa1\x0a\x0a", 3, &t), RLM_EMALFORMED);
	assert_int_equal(t.err_claim, RLM_CLAIM_CHALLENGE);
	assert_int_equal(rlm_token_decode_realm_claims(
		(const uint8_t *)"\xa1\x0a\x48\xde\xad\xbe\xef\xde\xad\xbe\xef", 11, &t), RLM_EMALFORMED);
}

/* ---- CBOR diagnostic notation (test helper) ------------------------------- */

struct diag {
	const char *p;
};

static void diag_ws(struct diag *d)
{
	for (;;) {
		while (isspace((unsigned char)*d->p))
			d->p++;
		if (*d->p == '/') { /* comment */
			d->p = strchr(d->p + 1, '/');
			assert_non_null(d->p);
			d->p++;
			continue;
		}
		return;
	}
}

static void diag_value(struct diag *d, struct rlm_cbor_enc *e);

/* Items up to the closing character into a temporary buffer; count them. */
static void diag_items(struct diag *d, char close, bool pairs,
		       struct rlm_cbor_enc *e, uint8_t major)
{
	uint8_t *tmp = malloc(65536);
	struct rlm_cbor_enc te;
	uint64_t n = 0;
	size_t len;

	assert_non_null(tmp);
	rlm_cbor_enc_init(&te, tmp, 65536);
	diag_ws(d);
	while (*d->p != close) {
		diag_value(d, &te);
		if (pairs) {
			diag_ws(d);
			assert_int_equal(*d->p, ':');
			d->p++;
			diag_value(d, &te);
		}
		n++;
		diag_ws(d);
		if (*d->p == ',') {
			d->p++;
			diag_ws(d);
		}
	}
	d->p++;
	assert_int_equal(rlm_cbor_enc_finish(&te, &len), 0);
	if (major != RLM_CBOR_BSTR)
		rlm_cbor_put_head(e, major, n);
	else
		rlm_cbor_put_head(e, RLM_CBOR_BSTR, len);
	rlm_cbor_put_raw(e, tmp, len);
	free(tmp);
}

static void diag_value(struct diag *d, struct rlm_cbor_enc *e)
{
	diag_ws(d);
	if (*d->p == '{') {
		d->p++;
		diag_items(d, '}', true, e, RLM_CBOR_MAP);
	} else if (*d->p == '[') {
		d->p++;
		diag_items(d, ']', false, e, RLM_CBOR_ARRAY);
	} else if (d->p[0] == '<' && d->p[1] == '<') {
		d->p += 2;
		diag_items(d, '>', false, e, RLM_CBOR_BSTR);
		assert_int_equal(*d->p, '>');
		d->p++;
	} else if (d->p[0] == 'h' && d->p[1] == '\'') {
		const char *end = strchr(d->p + 2, '\'');
		size_t n = (size_t)(end - d->p - 2);
		char *hex = strndup(d->p + 2, n);
		uint8_t *bin = malloc(n / 2 + 1);
		long l = tu_unhex(hex, bin, n / 2 + 1);

		assert_true(l >= 0);
		rlm_cbor_put_bstr(e, bin, (size_t)l);
		free(hex);
		free(bin);
		d->p = end + 1;
	} else if (*d->p == '"') {
		const char *end = strchr(d->p + 1, '"');

		rlm_cbor_put_tstr_n(e, d->p + 1, (size_t)(end - d->p - 1));
		d->p = end + 1;
	} else {
		char *end;
		long long v = strtoll(d->p, &end, 10);

		assert_true(end != d->p);
		d->p = end;
		diag_ws(d);
		if (*d->p == '(') { /* tag */
			d->p++;
			rlm_cbor_put_tag(e, (uint64_t)v);
			diag_value(d, e);
			diag_ws(d);
			assert_int_equal(*d->p, ')');
			d->p++;
		} else {
			rlm_cbor_put_int(e, v);
		}
	}
}

static uint8_t *diag_file(const char *rel, size_t *len)
{
	size_t n;
	uint8_t *text = vec(rel, &n);
	char *s = malloc(n + 1);
	uint8_t *out = malloc(65536);
	struct rlm_cbor_enc e;
	struct diag d;

	memcpy(s, text, n);
	s[n] = 0;
	free(text);
	d.p = s;
	rlm_cbor_enc_init(&e, out, 65536);
	diag_value(&d, &e);
	assert_int_equal(rlm_cbor_enc_finish(&e, len), 0);
	free(s);
	return out;
}

struct diag_case {
	const char *file;
	bool realm;
	int expect;
	int64_t claim;
};

static void test_veraison_claim_sets(void **state)
{
	static const struct diag_case cases[] = {
		{ VT "platform_CcaPlatformClaimsAll.diag", false, 0, 0 },
		{ VT "platform_CcaPlatformClaimsMandatoryOnly.diag", false, 0, 0 },
		{ VT "platform_CcaPlatformExample.diag", false, 0, 0 },
		{ VT "platform_CcaPlatformLegacyClaimsAll.diag", false, 0, 0 },
		{ VT "platform_CcaPlatformLegacyClaimsMandatoryOnly.diag", false, 0, 0 },
		{ VT "platform_CcaPlatformClaimsInvalidMultiNonce.diag", false, RLM_EMALFORMED, RLM_CLAIM_CHALLENGE },
		{ VT "platform_CcaPlatformClaimsMissingMandatoryNonce.diag", false, RLM_EMALFORMED, RLM_CLAIM_CHALLENGE },
		{ VT "realm_CcaRealmClaimsAll.diag", true, 0, 0 },
		{ VT "realm_CcaRealmExample.diag", true, 0, 0 },
		{ VT "realm_CcaRealmLegacyClaimsAll.diag", true, 0, 0 },
		{ VT "realm_CcaClaimsMissingMandExtendedMeas.diag", true, RLM_EMALFORMED, RLM_CLAIM_REALM_REM },
		{ VT "realm_CcaClaimsMissingMandHashAlgID.diag", true, RLM_EMALFORMED, RLM_CLAIM_REALM_HASH_ALGO },
		{ VT "realm_CcaClaimsMissingMandInitialMeas.diag", true, RLM_EMALFORMED, RLM_CLAIM_REALM_RIM },
		{ VT "realm_CcaClaimsMissingMandPubKey.diag", true, RLM_EMALFORMED, RLM_CLAIM_REALM_RAK },
		{ VT "realm_CcaRealmClaimsMissingMandNonce.diag", true, RLM_EMALFORMED, RLM_CLAIM_CHALLENGE },
	};
	size_t i, len;

	(void)state;
	for (i = 0; i < RLM_ARRAY_SIZE(cases); i++) {
		struct rlm_token t;
		uint8_t *b = diag_file(cases[i].file, &len);
		int ret;

		print_message("%s\n", cases[i].file);
		ret = cases[i].realm ? rlm_token_decode_realm_claims(b, len, &t)
				     : rlm_token_decode_platform_claims(b, len, &t);
		assert_int_equal(ret, cases[i].expect);
		if (ret)
			assert_int_equal(t.err_claim, cases[i].claim);
		free(b);
	}
}

/* ---- Hostile and malformed tokens ------------------------------------------ */

/* Re-assemble a collection from parts, for the mutations below. */
static size_t make_collection(uint8_t *out, size_t cap, uint64_t tag,
			      const struct rlm_bytes *plat, const struct rlm_bytes *realm,
			      uint64_t cmw_type)
{
	struct rlm_cbor_enc e;
	size_t len;

	rlm_cbor_enc_init(&e, out, cap);
	rlm_cbor_put_tag(&e, tag);
	rlm_cbor_put_map(&e, realm ? 2 : 1);
	rlm_cbor_put_uint(&e, RLM_TOKEN_KEY_PLATFORM);
	if (tag == 907) {
		rlm_cbor_put_array(&e, 2);
		rlm_cbor_put_uint(&e, cmw_type);
	}
	rlm_cbor_put_bstr(&e, plat->ptr, plat->len);
	if (realm) {
		rlm_cbor_put_uint(&e, RLM_TOKEN_KEY_REALM);
		if (tag == 907) {
			rlm_cbor_put_array(&e, 2);
			rlm_cbor_put_uint(&e, cmw_type);
		}
		rlm_cbor_put_bstr(&e, realm->ptr, realm->len);
	}
	assert_int_equal(rlm_cbor_enc_finish(&e, &len), 0);
	return len;
}

static size_t make_sign1(uint8_t *out, size_t cap, bool tagged, int64_t alg,
			 const struct rlm_bytes *payload, const uint8_t *sig,
			 size_t siglen)
{
	struct rlm_cbor_enc e, pe;
	uint8_t prot[16];
	size_t len, plen;

	rlm_cbor_enc_init(&pe, prot, sizeof(prot));
	rlm_cbor_put_map(&pe, 1);
	rlm_cbor_put_int(&pe, 1);
	rlm_cbor_put_int(&pe, alg);
	assert_int_equal(rlm_cbor_enc_finish(&pe, &plen), 0);
	rlm_cbor_enc_init(&e, out, cap);
	if (tagged)
		rlm_cbor_put_tag(&e, 18);
	rlm_cbor_put_array(&e, 4);
	rlm_cbor_put_bstr(&e, prot, plen);
	rlm_cbor_put_map(&e, 0);
	rlm_cbor_put_bstr(&e, payload->ptr, payload->len);
	rlm_cbor_put_bstr(&e, sig, siglen);
	assert_int_equal(rlm_cbor_enc_finish(&e, &len), 0);
	return len;
}

static int decode_ret(const uint8_t *p, size_t len, struct rlm_token_result *res)
{
	struct decoded *d = decode_bytes(p, len);
	int ret = d->ret;

	if (!ret && res)
		rlm_token_verify(&d->tok, NULL, res);
	decoded_free(d);
	return ret;
}

static void test_hostile_collections(void **state)
{
	struct decoded *g = decode_file(VT "tf-rmm_cca_token.cbor");
	const struct rlm_token *t = &g->tok;
	struct rlm_bytes pt = t->platform_token.raw, rt = t->realm_token.raw;
	struct rlm_token_result res;
	static uint8_t buf[8192], s1[4096];
	uint8_t sig[96];
	size_t len, i;

	(void)state;
	assert_int_equal(g->ret, 0);
	/* the reassembled token is fine in both forms */
	len = make_collection(buf, sizeof(buf), 907, &pt, &rt, 263);
	assert_int_equal(decode_ret(buf, len, &res), 0);
	assert_int_equal(res.realm_signature, RLM_TOKEN_OK);
	assert_int_equal(res.binding, RLM_TOKEN_OK);
	len = make_collection(buf, sizeof(buf), 399, &pt, &rt, 0);
	assert_int_equal(decode_ret(buf, len, NULL), 0);
	/* every truncation: an error, never a crash */
	for (i = 0; i < len; i++)
		assert_int_not_equal(decode_ret(buf, i, NULL), 0);
	/* trailing byte */
	buf[len] = 0;
	assert_int_equal(decode_ret(buf, len + 1, NULL), RLM_EMALFORMED);
	/* wrong collection tag, CMW type, realm token missing */
	len = make_collection(buf, sizeof(buf), 400, &pt, &rt, 263);
	assert_int_equal(decode_ret(buf, len, NULL), RLM_EMALFORMED);
	len = make_collection(buf, sizeof(buf), 907, &pt, &rt, 264);
	assert_int_equal(decode_ret(buf, len, NULL), RLM_EMALFORMED);
	len = make_collection(buf, sizeof(buf), 399, &pt, NULL, 0);
	assert_int_equal(decode_ret(buf, len, NULL), RLM_EMALFORMED);
	/* platform and realm swapped: the realm token has no platform claims */
	len = make_collection(buf, sizeof(buf), 399, &rt, &pt, 0);
	assert_int_equal(decode_ret(buf, len, NULL), RLM_EMALFORMED);
	/* not a collection at all */
	assert_int_equal(decode_ret((const uint8_t *)"\xa0", 1, NULL), RLM_EMALFORMED);
	assert_int_equal(decode_ret((const uint8_t *)"", 0, NULL), RLM_ETRUNC);
	assert_int_equal(decode_ret(pt.ptr, pt.len, NULL), RLM_EMALFORMED); /* tag 18, not 907 */

	/* COSE_Sign1 mutations of the realm token */
	memcpy(sig, t->realm_token.signature.ptr, 96);
	len = make_sign1(s1, sizeof(s1), false, -35, &t->realm_token.payload, sig, 96);
	{
		struct rlm_bytes r = { s1, len };
		size_t l2 = make_collection(buf, sizeof(buf), 399, &pt, &r, 0);

		assert_int_equal(decode_ret(buf, l2, NULL), RLM_EMALFORMED); /* untagged */
	}
	len = make_sign1(s1, sizeof(s1), true, -7, &t->realm_token.payload, sig, 96);
	{
		struct rlm_bytes r = { s1, len };
		size_t l2 = make_collection(buf, sizeof(buf), 399, &pt, &r, 0);

		assert_int_equal(decode_ret(buf, l2, NULL), RLM_EMALFORMED); /* realm not ES384 */
	}
	/* signature of the wrong length: decodes, realm signature bad */
	len = make_sign1(s1, sizeof(s1), true, -35, &t->realm_token.payload, sig, 95);
	{
		struct rlm_bytes r = { s1, len };
		size_t l2 = make_collection(buf, sizeof(buf), 399, &pt, &r, 0);

		assert_int_equal(decode_ret(buf, l2, &res), 0);
		assert_int_equal(res.realm_signature, RLM_TOKEN_BAD);
		assert_int_equal(res.binding, RLM_TOKEN_OK);
	}
	/* one flipped signature bit */
	sig[10] ^= 1;
	len = make_sign1(s1, sizeof(s1), true, -35, &t->realm_token.payload, sig, 96);
	{
		struct rlm_bytes r = { s1, len };
		size_t l2 = make_collection(buf, sizeof(buf), 399, &pt, &r, 0);

		assert_int_equal(decode_ret(buf, l2, &res), 0);
		assert_int_equal(res.realm_signature, RLM_TOKEN_BAD);
	}
	/* r and s all zero / all 0xff (out of range for the curve) */
	memset(sig, 0, sizeof(sig));
	len = make_sign1(s1, sizeof(s1), true, -35, &t->realm_token.payload, sig, 96);
	{
		struct rlm_bytes r = { s1, len };
		size_t l2 = make_collection(buf, sizeof(buf), 399, &pt, &r, 0);

		assert_int_equal(decode_ret(buf, l2, &res), 0);
		assert_int_equal(res.realm_signature, RLM_TOKEN_BAD);
	}
	memset(sig, 0xff, sizeof(sig));
	len = make_sign1(s1, sizeof(s1), true, -35, &t->realm_token.payload, sig, 96);
	{
		struct rlm_bytes r = { s1, len };
		size_t l2 = make_collection(buf, sizeof(buf), 399, &pt, &r, 0);

		assert_int_equal(decode_ret(buf, l2, &res), 0);
		assert_int_equal(res.realm_signature, RLM_TOKEN_BAD);
	}
	/* a platform algorithm we do not accept (EdDSA -8) */
	len = make_sign1(s1, sizeof(s1), true, -8, &t->platform_token.payload,
			 t->platform_token.signature.ptr, t->platform_token.signature.len);
	{
		struct rlm_bytes p = { s1, len };
		size_t l2 = make_collection(buf, sizeof(buf), 399, &p, &rt, 0);

		assert_int_equal(decode_ret(buf, l2, NULL), RLM_EMALFORMED);
	}
	decoded_free(g);
}

static void test_payload_tamper(void **state)
{
	size_t len, i, off = 0;
	uint8_t *tok = vec(VT "tf-rmm_cca_token.cbor", &len);
	static const char rpv[] = "The quick brown fox";
	struct rlm_token_result res;
	struct decoded *d;

	(void)state;
	/* change one RPV byte: claims still valid, realm signature fails */
	for (i = 0; i + sizeof(rpv) - 1 <= len; i++)
		if (!memcmp(tok + i, rpv, sizeof(rpv) - 1)) {
			off = i;
			break;
		}
	assert_true(off > 0);
	tok[off] ^= 0x20;
	d = decode_bytes(tok, len);
	assert_int_equal(d->ret, 0);
	assert_int_equal(rlm_token_verify(&d->tok, NULL, &res), RLM_EVERIFY);
	assert_int_equal(res.realm_signature, RLM_TOKEN_BAD);
	assert_int_equal(res.binding, RLM_TOKEN_OK);
	decoded_free(d);
	tok[off] ^= 0x20;
	/* change one RAK byte: the key is then almost surely not on the
	 * curve, the binding breaks too; no crash either way */
	d = decode_bytes(tok, len);
	off = (size_t)(d->tok.realm.rak.ptr - d->buf) + 40;
	decoded_free(d);
	tok[off] ^= 1;
	d = decode_bytes(tok, len);
	assert_int_equal(d->ret, 0);
	assert_int_equal(rlm_token_verify(&d->tok, NULL, &res), RLM_EVERIFY);
	assert_int_equal(res.realm_signature, RLM_TOKEN_BAD);
	assert_int_equal(res.binding, RLM_TOKEN_BAD);
	decoded_free(d);
	/* the RAK's 0x04 prefix changed: not a raw uncompressed point */
	tok[off] ^= 1;
	tok[off - 40] = 0x02;
	d = decode_bytes(tok, len);
	assert_int_equal(d->ret, RLM_EMALFORMED);
	assert_int_equal(d->tok.err_claim, RLM_CLAIM_REALM_RAK);
	decoded_free(d);
	free(tok);
}

/* ---- Keys: wrong type, wrong curve, bad syntax ------------------------------ */

static char *pem_of(EVP_PKEY *pk)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *p, *out;
	long n;

	assert_non_null(b);
	assert_int_equal(PEM_write_bio_PUBKEY(b, pk), 1);
	n = BIO_get_mem_data(b, &p);
	out = strndup(p, (size_t)n);
	BIO_free(b);
	return out;
}

static void test_bad_keys(void **state)
{
	struct rlm_token_key *k = NULL;
	EVP_PKEY *pk;
	char *pem;
	static const char *const bad_jwks[] = {
		"",
		"{",
		"{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"TKRFE_RwSXooI8DdatPOYg_uiKm2XrtT_uEMEvqQZrw\"}",
		"{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"TKRF\",\"y\":\"4Etl\"}",
		"{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"!!!!\",\"y\":\"4Etl\"}",
		"{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"TKRFE_RwSXooI8DdatPOYg_uiKm2XrtT_uEMEvqQZrwAAAA\",\"y\":\"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM\"}",
		"[{\"instance-id\":\"01\",\"pkey\":{\"kty\":\"EC\"",
		"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
		"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
		"not a key",
	};
	size_t i;
	int ret;

	(void)state;
	for (i = 0; i < RLM_ARRAY_SIZE(bad_jwks); i++) {
		ret = rlm_token_key_load((const uint8_t *)bad_jwks[i], strlen(bad_jwks[i]),
					 NULL, 0, &k);
		print_message("bad key %zu: %s\n", i, rlm_errname(ret));
		assert_true(ret == RLM_EMALFORMED || ret == RLM_E2BIG || ret == RLM_ENOENT);
		assert_null(k);
	}
	/* wrong key type and curve in JWK */
	ret = rlm_token_key_load((const uint8_t *)"{\"kty\":\"RSA\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}",
				 48, NULL, 0, &k);
	assert_int_equal(ret, RLM_ENOTSUP);
	ret = rlm_token_key_load((const uint8_t *)"{\"kty\":\"EC\",\"crv\":\"P-521\",\"x\":\"AA\",\"y\":\"AA\"}",
				 48, NULL, 0, &k);
	assert_int_equal(ret, RLM_ENOTSUP);
	/* wrong curve and wrong key type in PEM */
	pk = EVP_EC_gen("P-521");
	assert_non_null(pk);
	pem = pem_of(pk);
	assert_int_equal(rlm_token_key_load((const uint8_t *)pem, strlen(pem), NULL, 0, &k), RLM_ENOTSUP);
	free(pem);
	EVP_PKEY_free(pk);
	pk = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	assert_non_null(pk);
	pem = pem_of(pk);
	assert_int_equal(rlm_token_key_load((const uint8_t *)pem, strlen(pem), NULL, 0, &k), RLM_ENOTSUP);
	free(pem);
	EVP_PKEY_free(pk);
	/* points: wrong size, compressed, not on the curve */
	{
		uint8_t pt[97];

		memset(pt, 0, sizeof(pt));
		pt[0] = 4;
		assert_int_equal(rlm_token_key_from_point(pt, 96, &k), RLM_EMALFORMED);
		assert_int_equal(rlm_token_key_from_point(pt, 97, &k), RLM_EVERIFY);
		pt[0] = 2;
		assert_int_equal(rlm_token_key_from_point(pt, 97, &k), RLM_EMALFORMED);
		assert_int_equal(rlm_token_key_from_point(NULL, 97, &k), RLM_EINVAL);
	}
	/* a P-256 key against an ES384 token: the algorithm does not match */
	{
		struct decoded *d = decode_file(VT "tf-rmm_cca_token.cbor");
		struct rlm_token_key *k256 = load_key(VT "testIAK.jwk.json", NULL, 0);

		assert_int_equal(rlm_cose_sign1_verify(&d->tok.platform_token, k256), RLM_EVERIFY);
		rlm_token_key_free(k256);
		decoded_free(d);
	}
}

/* ---- Sig_structure --------------------------------------------------------- */

static void test_sig_structure(void **state)
{
	struct decoded *d = decode_file(VT "testGoodCCAToken.cbor");
	const struct rlm_cose_sign1 *s = &d->tok.realm_token;
	uint8_t out[2048];
	size_t len, need;
	struct rlm_cbor c;
	const uint8_t *p;
	const char *txt;
	size_t n;
	uint64_t cnt;

	(void)state;
	assert_int_equal(rlm_cose_sig_structure(s, NULL, 0, &need), RLM_ENOSPC);
	assert_int_equal(rlm_cose_sig_structure(s, out, sizeof(out), &len), 0);
	assert_int_equal(len, need);
	assert_int_equal(rlm_cbor_decode(&c, out, len, NULL), 0);
	assert_int_equal(rlm_cbor_get_array(&c, &cnt), 0);
	assert_int_equal(cnt, 4);
	assert_int_equal(rlm_cbor_get_tstr(&c, &txt, &n), 0);
	assert_true(rlm_cbor_tstr_eq(txt, n, "Signature1"));
	assert_int_equal(rlm_cbor_get_bstr(&c, &p, &n), 0);
	assert_memory_equal(p, s->protected_hdr.ptr, n);
	assert_int_equal(rlm_cbor_get_bstr(&c, &p, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(rlm_cbor_get_bstr(&c, &p, &n), 0);
	assert_int_equal(n, s->payload.len);
	decoded_free(d);
}

/* ---- Reference values --------------------------------------------------------- */

static void test_refvals(void **state)
{
	struct decoded *d = decode_file(VT "tf-rmm_cca_token.cbor");
	struct rlm_token_refvals ref;
	uint8_t zero[64] = { 0 }, ab[64], one[32] = { 1 };
	const char *claim;

	(void)state;
	memset(ab, 0xab, sizeof(ab));
	memset(&ref, 0, sizeof(ref));
	ref.challenge = ab;
	ref.challenge_len = 64;
	/* TF-RMM's RPV: the sentence, then repeated to fill 64 bytes */
	ref.rpv = (const uint8_t *)"The quick brown fox jumps over 13 lazy dogs."
				   "The quick brown fox ";
	ref.rpv_len = 64;
	ref.rim = zero;
	ref.rim_len = 64;
	ref.rem[0] = ref.rem[1] = ref.rem[2] = ref.rem[3] = zero;
	ref.rem_len[0] = ref.rem_len[1] = ref.rem_len[2] = 32;
	ref.rem_len[3] = 64; /* a 64-byte register value: zero-padded comparison */
	ref.hash_algo = "sha-256";
	assert_int_equal(rlm_token_check_refvals(&d->tok, &ref, &claim), 0);
	assert_null(claim);
	ref.rem[2] = one;
	assert_int_equal(rlm_token_check_refvals(&d->tok, &ref, &claim), RLM_EMISMATCH);
	assert_string_equal(claim, "rem2");
	ref.rim = one;
	ref.rim_len = 32;
	assert_int_equal(rlm_token_check_refvals(&d->tok, &ref, &claim), RLM_EMISMATCH);
	assert_string_equal(claim, "rim");
	ref.rpv_len = 5;
	assert_int_equal(rlm_token_check_refvals(&d->tok, &ref, &claim), RLM_EMISMATCH);
	assert_string_equal(claim, "rpv");
	ab[63] = 0;
	assert_int_equal(rlm_token_check_refvals(&d->tok, &ref, &claim), RLM_EMISMATCH);
	assert_string_equal(claim, "challenge");
	ref.hash_algo = "sha-512";
	assert_int_equal(rlm_token_check_refvals(&d->tok, &ref, &claim), RLM_EMISMATCH);
	assert_string_equal(claim, "hash_algo");
	assert_int_equal(rlm_token_check_refvals(NULL, &ref, &claim), RLM_EINVAL);
	decoded_free(d);
}

/* ---- The mock RMM's token builder ---------------------------------------------- */

static void mock_roundtrip(int curve, enum rlm_hash_algo algo)
{
	static const uint8_t other_seed[] = "another mock platform";
	struct rlm_mock_attest_portable_config cfg = { .platform_curve = curve };
	static struct rlm_mock_attest_portable a, other;
	struct rlm_mock_claims cl;
	struct rlm_token_key *k, *kp, *ko, *kt;
	struct rlm_token_result res;
	struct rlm_mock_attest prov;
	static uint8_t tok[8192], tok2[8192];
	uint8_t point[97];
	char pem[1024];
	size_t len, len2, plen, hs = rlm_hash_size(algo), i;
	struct decoded *d, *d2;

	memset(&cl, 0, sizeof(cl));
	cl.rd = 0x80000000;
	cl.hash_algo = algo;
	for (i = 0; i < 64; i++) {
		cl.challenge[i] = (uint8_t)(i * 3);
		cl.rpv[i] = (uint8_t)(255 - i);
		cl.rim[i] = i < hs ? (uint8_t)(i + 1) : 0;
	}
	memset(cl.rem[3], 0x77, hs);
	assert_int_equal(rlm_mock_attest_portable_init(&a, &cfg, &prov), 0);
	assert_ptr_equal(prov.ctx, &a);
	assert_int_equal(prov.token(prov.ctx, &cl, tok, sizeof(tok), &len), 0);
	/* too small a buffer: ENOSPC and the size needed */
	assert_int_equal(rlm_mock_attest_portable_token(&a, &cl, tok2, 100, &len2), RLM_ENOSPC);
	assert_true(len2 > 100);

	d = decode_bytes(tok, len);
	assert_int_equal(d->ret, 0);
	assert_int_equal(d->tok.collection_tag, 907);
	assert_int_equal(d->tok.platform_token.alg, curve == 256 ? -7 : -35);
	assert_memory_equal(d->tok.realm.challenge.ptr, cl.challenge, 64);
	assert_memory_equal(d->tok.realm.rpv.ptr, cl.rpv, 64);
	assert_int_equal(d->tok.realm.rim.len, hs);
	assert_memory_equal(d->tok.realm.rim.ptr, cl.rim, hs);
	assert_memory_equal(d->tok.realm.rem[3].ptr, cl.rem[3], hs);
	assert_true(d->tok.realm.rak_is_cose_key);
	assert_non_null(d->tok.realm.profile.ptr);

	/* verify with the raw point and with its PEM export */
	assert_int_equal(rlm_mock_attest_portable_platform_point(&a, point, sizeof(point), &plen), 0);
	assert_int_equal(plen, curve == 256 ? 65u : 97u);
	assert_int_equal(rlm_token_key_from_point(point, plen, &kp), 0);
	assert_int_equal(rlm_token_verify(&d->tok, kp, &res), 0);
	assert_int_equal(res.verdict, RLM_TOKEN_OK);
	assert_int_equal(rlm_token_key_pem(kp, pem, sizeof(pem), &plen), 0);
	assert_int_equal(rlm_token_key_load((const uint8_t *)pem, strlen(pem), NULL, 0, &k), 0);
	assert_int_equal(rlm_token_verify(&d->tok, k, &res), 0);
	assert_int_equal(rlm_mock_attest_portable_platform_point(&a, point, 10, &plen), RLM_ENOSPC);

	/* same realm: same RAK; another realm: another RAK */
	assert_int_equal(rlm_mock_attest_portable_token(&a, &cl, tok2, sizeof(tok2), &len2), 0);
	d2 = decode_bytes(tok2, len2);
	assert_int_equal(d2->ret, 0);
	assert_memory_equal(d2->tok.realm.rak_point, d->tok.realm.rak_point, 97);
	decoded_free(d2);
	cl.rd += 0x1000;
	assert_int_equal(rlm_mock_attest_portable_token(&a, &cl, tok2, sizeof(tok2), &len2), 0);
	d2 = decode_bytes(tok2, len2);
	assert_int_equal(d2->ret, 0);
	assert_memory_not_equal(d2->tok.realm.rak_point, d->tok.realm.rak_point, 97);
	assert_int_equal(rlm_token_verify(&d2->tok, k, &res), 0);
	/* the RAK the provider reports is the one the token carries */
	assert_int_equal(rlm_mock_attest_portable_rak_point(&a, cl.rd, point, sizeof(point), &plen), 0);
	assert_int_equal(plen, 97u);
	assert_memory_equal(point, d2->tok.realm.rak_point, 97);
	assert_int_equal(rlm_token_key_from_point(point, plen, &kt), 0);
	assert_int_equal(rlm_cose_sign1_verify(&d2->tok.realm_token, kt), 0);
	rlm_token_key_free(kt);
	decoded_free(d2);

	/* another mock platform's key does not verify this platform token */
	cfg.seed = other_seed;
	cfg.seed_len = sizeof(other_seed) - 1;
	assert_int_equal(rlm_mock_attest_portable_init(&other, &cfg, NULL), 0);
	assert_int_equal(rlm_mock_attest_portable_platform_point(&other, point, sizeof(point), &plen), 0);
	assert_int_equal(rlm_token_key_from_point(point, plen, &ko), 0);
	assert_int_equal(rlm_token_verify(&d->tok, ko, &res), RLM_EVERIFY);
	assert_int_equal(res.platform_signature, RLM_TOKEN_BAD);
	assert_int_equal(res.realm_signature, RLM_TOKEN_OK);
	assert_int_equal(res.binding, RLM_TOKEN_OK);

	rlm_token_key_free(ko);
	rlm_token_key_free(kp);
	rlm_token_key_free(k);
	decoded_free(d);
}

static void test_mock_attest(void **state)
{
	struct rlm_mock_attest_portable_config cfg = { .platform_curve = 521 };
	static struct rlm_mock_attest_portable a;
	static const uint8_t seed[RLM_MOCK_ATTEST_SEED_MAX + 1];

	(void)state;
	mock_roundtrip(384, RLM_HASH_SHA256);
	mock_roundtrip(256, RLM_HASH_SHA512);
	mock_roundtrip(384, RLM_HASH_SHA384);
	assert_int_equal(rlm_mock_attest_portable_init(&a, &cfg, NULL), RLM_ENOTSUP);
	cfg.platform_curve = 0;
	cfg.seed = seed;
	cfg.seed_len = sizeof(seed); /* one byte too many */
	assert_int_equal(rlm_mock_attest_portable_init(&a, &cfg, NULL), RLM_EINVAL);
	cfg.seed = NULL;
	cfg.seed_len = 1; /* a length without bytes */
	assert_int_equal(rlm_mock_attest_portable_init(&a, &cfg, NULL), RLM_EINVAL);
	assert_int_equal(rlm_mock_attest_portable_init(NULL, NULL, NULL), RLM_EINVAL);
}

/* The same seed gives the same platform key (a verifier can keep it), and
 * tokens from either instance verify with it. */
static void test_mock_attest_fixed_key(void **state)
{
	static const uint8_t seed[] = "a fixed mock platform";
	struct rlm_mock_attest_portable_config cfg = { .seed = seed,
						      .seed_len = sizeof(seed) - 1 };
	static struct rlm_mock_attest_portable a, b;
	struct rlm_mock_claims cl;
	struct rlm_token_key *k;
	struct rlm_token_result res;
	static uint8_t tok[8192];
	uint8_t pa[97], pb[97];
	size_t len, la, lb;
	struct decoded *d;

	(void)state;
	memset(&cl, 0, sizeof(cl));
	cl.hash_algo = RLM_HASH_SHA256;
	assert_int_equal(rlm_mock_attest_portable_init(&a, &cfg, NULL), 0);
	assert_int_equal(rlm_mock_attest_portable_init(&b, &cfg, NULL), 0);
	assert_int_equal(rlm_mock_attest_portable_platform_point(&a, pa, sizeof(pa), &la), 0);
	assert_int_equal(rlm_mock_attest_portable_platform_point(&b, pb, sizeof(pb), &lb), 0);
	assert_int_equal(la, lb);
	assert_memory_equal(pa, pb, la);
	assert_int_equal(rlm_mock_attest_portable_token(&b, &cl, tok, sizeof(tok), &len), 0);
	d = decode_bytes(tok, len);
	assert_int_equal(d->ret, 0);
	assert_int_equal(rlm_token_key_from_point(pa, la, &k), 0);
	assert_int_equal(rlm_token_verify(&d->tok, k, &res), 0);
	rlm_token_key_free(k);
	decoded_free(d);
}

/* ---- Every claim rule, one variation at a time ----------------------------- */

enum {
	V_OK,
	/* platform */
	P_NO_PROFILE, P_BAD_PROFILE, P_LEGACY_PROFILE, P_NO_CHAL, P_CHAL_31, P_CHAL_48,
	P_CHAL_ARRAY1, P_CHAL_TEXT, P_NO_IMPL, P_IMPL_31, P_NO_INST, P_INST_TYPE, P_INST_32,
	P_NO_CONFIG, P_NO_LC, P_LC_BAD, P_LC_NEG, P_LC_BIG, P_NO_SW, P_SW_EMPTY, P_SW_32,
	P_SW_33, P_SW_NO_MEAS, P_SW_MEAS_20, P_SW_NO_SIGNER, P_SW_NOT_MAP, P_SW_TYPE_INT,
	P_VSI_EMPTY, P_NO_VSI, P_NO_HASH, P_HASH_BAD, P_EXTRA_TEXT_KEY, P_NOT_MAP,
	/* realm */
	R_NO_PROFILE_RAW, R_BAD_PROFILE, R_NO_CHAL, R_CHAL_32, R_NO_RPV, R_RPV_63, R_NO_RIM,
	R_RIM_33, R_RIM_48, R_NO_REM, R_REM_3, R_REM_5, R_REM_BAD_LEN, R_REM_NOT_BSTR,
	R_NO_HASH, R_HASH_EMPTY, R_NO_RAK, R_RAK_RAW_WITH_PROFILE, R_RAK_COSE_NO_PROFILE,
	R_RAK_CRV_P256, R_RAK_KTY_OKP, R_RAK_X_47, R_RAK_NO_Y, R_RAK_NOT_CBOR,
	R_NO_RAK_HASH, R_RAK_HASH_EMPTY, R_EXTRA_INT_KEY,
};

static void put_sw(struct rlm_cbor_enc *e, int v, uint8_t fill)
{
	uint8_t m[64];

	memset(m, fill, sizeof(m));
	if (v == P_SW_NOT_MAP) {
		rlm_cbor_put_bstr(e, m, 32);
		return;
	}
	rlm_cbor_put_map(e, (v == P_SW_NO_MEAS || v == P_SW_NO_SIGNER) ? 2 : 3);
	rlm_cbor_put_uint(e, 1);
	if (v == P_SW_TYPE_INT)
		rlm_cbor_put_uint(e, 7);
	else
		rlm_cbor_put_tstr(e, "BL");
	if (v != P_SW_NO_MEAS) {
		rlm_cbor_put_uint(e, 2);
		rlm_cbor_put_bstr(e, m, v == P_SW_MEAS_20 ? 20 : 32);
	}
	if (v != P_SW_NO_SIGNER) {
		rlm_cbor_put_uint(e, 5);
		rlm_cbor_put_bstr(e, m, 48);
	}
}

/* Entries go to a scratch encoder and are counted; then the map head. */
#define ENTRY(k) do { n++; rlm_cbor_put_int(&b, (k)); } while (0)

static size_t platform_claims(uint8_t *out, size_t cap, int v)
{
	static uint8_t tmp[16384];
	struct rlm_cbor_enc b, e;
	uint8_t x[64];
	size_t len, i, n = 0, sw = v == P_SW_EMPTY ? 0 : v == P_SW_32 ? 32 : v == P_SW_33 ? 33 : 2;

	memset(x, 0x01, sizeof(x));
	rlm_cbor_enc_init(&b, tmp, sizeof(tmp));
	if (v != P_NO_PROFILE) {
		ENTRY(265);
		rlm_cbor_put_tstr(&b, v == P_BAD_PROFILE ? "http://arm.com/psa/2.0.0" :
				  v == P_LEGACY_PROFILE ? RLM_TOKEN_PLATFORM_PROFILE_LEGACY :
				  RLM_TOKEN_PLATFORM_PROFILE);
	}
	if (v != P_NO_CHAL) {
		ENTRY(10);
		if (v == P_CHAL_ARRAY1)
			rlm_cbor_put_array(&b, 1);
		if (v == P_CHAL_TEXT)
			rlm_cbor_put_tstr(&b, "nonce");
		else
			rlm_cbor_put_bstr(&b, x, v == P_CHAL_31 ? 31 : v == P_CHAL_48 ? 48 : 32);
	}
	if (v != P_NO_IMPL) {
		ENTRY(2396);
		rlm_cbor_put_bstr(&b, x, v == P_IMPL_31 ? 31 : 32);
	}
	if (v != P_NO_INST) {
		uint8_t inst[33];

		memset(inst, 0x22, sizeof(inst));
		inst[0] = v == P_INST_TYPE ? 0x02 : 0x01;
		ENTRY(256);
		rlm_cbor_put_bstr(&b, inst, v == P_INST_32 ? 32 : 33);
	}
	if (v != P_NO_CONFIG) {
		ENTRY(2401);
		rlm_cbor_put_bstr(&b, x, 3);
	}
	if (v != P_NO_LC) {
		ENTRY(2395);
		if (v == P_LC_NEG)
			rlm_cbor_put_int(&b, -1);
		else
			rlm_cbor_put_uint(&b, v == P_LC_BAD ? 0x3100 : v == P_LC_BIG ? 0x13000 : 0x3000);
	}
	if (v != P_NO_SW) {
		ENTRY(2399);
		rlm_cbor_put_array(&b, sw);
		for (i = 0; i < sw; i++)
			put_sw(&b, i == 1 ? v : V_OK, (uint8_t)(0x30 + i));
	}
	if (v != P_NO_VSI) {
		ENTRY(2400);
		rlm_cbor_put_tstr(&b, v == P_VSI_EMPTY ? "" : "https://verifier.example");
	}
	if (v != P_NO_HASH) {
		ENTRY(2402);
		rlm_cbor_put_tstr(&b, v == P_HASH_BAD ? "SHA256" : "sha-256");
	}
	if (v == P_EXTRA_TEXT_KEY) {
		n++;
		rlm_cbor_put_tstr(&b, "vendor-claim");
		rlm_cbor_put_array(&b, 0);
	}
	assert_int_equal(rlm_cbor_enc_finish(&b, &len), 0);
	rlm_cbor_enc_init(&e, out, cap);
	if (v == P_NOT_MAP)
		rlm_cbor_put_array(&e, n * 2);
	else
		rlm_cbor_put_map(&e, n);
	rlm_cbor_put_raw(&e, tmp, len);
	assert_int_equal(rlm_cbor_enc_finish(&e, &len), 0);
	return len;
}

static size_t cose_key(uint8_t *out, int v, const uint8_t *pt)
{
	struct rlm_cbor_enc e;
	size_t len;

	rlm_cbor_enc_init(&e, out, 256);
	rlm_cbor_put_map(&e, v == R_RAK_NO_Y ? 3 : 4);
	rlm_cbor_put_int(&e, 1);
	rlm_cbor_put_int(&e, v == R_RAK_KTY_OKP ? 1 : 2);
	rlm_cbor_put_int(&e, -1);
	rlm_cbor_put_int(&e, v == R_RAK_CRV_P256 ? 1 : 2);
	rlm_cbor_put_int(&e, -2);
	rlm_cbor_put_bstr(&e, pt + 1, v == R_RAK_X_47 ? 47 : 48);
	if (v != R_RAK_NO_Y) {
		rlm_cbor_put_int(&e, -3);
		rlm_cbor_put_bstr(&e, pt + 49, 48);
	}
	assert_int_equal(rlm_cbor_enc_finish(&e, &len), 0);
	return len;
}

static size_t realm_claims(uint8_t *out, size_t cap, int v)
{
	static uint8_t tmp[4096];
	struct rlm_cbor_enc b, e;
	uint8_t x[64], pt[97], key[256];
	size_t len, i, n = 0, klen, nrem = v == R_REM_3 ? 3 : v == R_REM_5 ? 5 : 4;
	bool profile = v != R_NO_PROFILE_RAW && v != R_RAK_COSE_NO_PROFILE;

	memset(x, 0x43, sizeof(x));
	memset(pt, 0x11, sizeof(pt));
	pt[0] = 4;
	rlm_cbor_enc_init(&b, tmp, sizeof(tmp));
	if (profile) {
		ENTRY(265);
		rlm_cbor_put_tstr(&b, v == R_BAD_PROFILE ? "tag:arm.com,2023:realm#2.0.0"
						      : RLM_TOKEN_REALM_PROFILE);
	}
	if (v != R_NO_CHAL) {
		ENTRY(10);
		rlm_cbor_put_bstr(&b, x, v == R_CHAL_32 ? 32 : 64);
	}
	if (v != R_NO_RPV) {
		ENTRY(44235);
		rlm_cbor_put_bstr(&b, x, v == R_RPV_63 ? 63 : 64);
	}
	if (v != R_NO_RIM) {
		ENTRY(44238);
		rlm_cbor_put_bstr(&b, x, v == R_RIM_33 ? 33 : v == R_RIM_48 ? 48 : 32);
	}
	if (v != R_NO_REM) {
		ENTRY(44239);
		rlm_cbor_put_array(&b, nrem);
		for (i = 0; i < nrem; i++) {
			if (v == R_REM_NOT_BSTR && i == 2)
				rlm_cbor_put_uint(&b, 0);
			else
				rlm_cbor_put_bstr(&b, x, v == R_REM_BAD_LEN && i == 3 ? 16 : 32);
		}
	}
	if (v != R_NO_HASH) {
		ENTRY(44236);
		rlm_cbor_put_tstr(&b, v == R_HASH_EMPTY ? "" : "sha-256");
	}
	if (v != R_NO_RAK) {
		ENTRY(44237);
		if (v == R_RAK_NOT_CBOR)
			rlm_cbor_put_bstr(&b, "\xa1\x01", 2);
		else if ((profile && v != R_RAK_RAW_WITH_PROFILE) || v == R_RAK_COSE_NO_PROFILE) {
			klen = cose_key(key, v, pt);
			rlm_cbor_put_bstr(&b, key, klen);
		} else {
			rlm_cbor_put_bstr(&b, pt, 97);
		}
	}
	if (v != R_NO_RAK_HASH) {
		ENTRY(44240);
		rlm_cbor_put_tstr(&b, v == R_RAK_HASH_EMPTY ? "" : "sha-512");
	}
	if (v == R_EXTRA_INT_KEY) {
		ENTRY(-70000);
		rlm_cbor_put_map(&b, 0);
	}
	assert_int_equal(rlm_cbor_enc_finish(&b, &len), 0);
	rlm_cbor_enc_init(&e, out, cap);
	rlm_cbor_put_map(&e, n);
	rlm_cbor_put_raw(&e, tmp, len);
	assert_int_equal(rlm_cbor_enc_finish(&e, &len), 0);
	return len;
}

struct rule {
	int variant;
	int expect;
	int64_t claim;
};

static void test_claim_rules(void **state)
{
	static const struct rule plat[] = {
		{ V_OK, 0, 0 },
		{ P_LEGACY_PROFILE, 0, 0 }, { P_CHAL_48, 0, 0 }, { P_CHAL_ARRAY1, 0, 0 },
		{ P_SW_32, 0, 0 }, { P_NO_VSI, 0, 0 }, { P_EXTRA_TEXT_KEY, 0, 0 },
		{ P_NO_PROFILE, RLM_EMALFORMED, 265 }, { P_BAD_PROFILE, RLM_EMALFORMED, 265 },
		{ P_NO_CHAL, RLM_EMALFORMED, 10 }, { P_CHAL_31, RLM_EMALFORMED, 10 },
		{ P_CHAL_TEXT, RLM_EMALFORMED, 10 },
		{ P_NO_IMPL, RLM_EMALFORMED, 2396 }, { P_IMPL_31, RLM_EMALFORMED, 2396 },
		{ P_NO_INST, RLM_EMALFORMED, 256 }, { P_INST_TYPE, RLM_EMALFORMED, 256 },
		{ P_INST_32, RLM_EMALFORMED, 256 }, { P_NO_CONFIG, RLM_EMALFORMED, 2401 },
		{ P_NO_LC, RLM_EMALFORMED, 2395 }, { P_LC_BAD, RLM_EMALFORMED, 2395 },
		{ P_LC_NEG, RLM_EMALFORMED, 2395 }, { P_LC_BIG, RLM_EMALFORMED, 2395 },
		{ P_NO_SW, RLM_EMALFORMED, 2399 }, { P_SW_EMPTY, RLM_EMALFORMED, 2399 },
		{ P_SW_33, RLM_E2BIG, 2399 }, { P_SW_NO_MEAS, RLM_EMALFORMED, 2399 },
		{ P_SW_MEAS_20, RLM_EMALFORMED, 2399 }, { P_SW_NO_SIGNER, RLM_EMALFORMED, 2399 },
		{ P_SW_NOT_MAP, RLM_EMALFORMED, 2399 }, { P_SW_TYPE_INT, RLM_EMALFORMED, 2399 },
		{ P_VSI_EMPTY, RLM_EMALFORMED, 2400 }, { P_NO_HASH, RLM_EMALFORMED, 2402 },
		{ P_HASH_BAD, RLM_EMALFORMED, 2402 }, { P_NOT_MAP, RLM_EMALFORMED, 0 },
	};
	static const struct rule realm[] = {
		{ V_OK, 0, 0 }, { R_NO_PROFILE_RAW, 0, 0 }, { R_RIM_48, 0, 0 },
		{ R_EXTRA_INT_KEY, 0, 0 },
		{ R_BAD_PROFILE, RLM_EMALFORMED, 265 },
		{ R_NO_CHAL, RLM_EMALFORMED, 10 }, { R_CHAL_32, RLM_EMALFORMED, 10 },
		{ R_NO_RPV, RLM_EMALFORMED, 44235 }, { R_RPV_63, RLM_EMALFORMED, 44235 },
		{ R_NO_RIM, RLM_EMALFORMED, 44238 }, { R_RIM_33, RLM_EMALFORMED, 44238 },
		{ R_NO_REM, RLM_EMALFORMED, 44239 }, { R_REM_3, RLM_EMALFORMED, 44239 },
		{ R_REM_5, RLM_EMALFORMED, 44239 }, { R_REM_BAD_LEN, RLM_EMALFORMED, 44239 },
		{ R_REM_NOT_BSTR, RLM_EMALFORMED, 44239 },
		{ R_NO_HASH, RLM_EMALFORMED, 44236 }, { R_HASH_EMPTY, RLM_EMALFORMED, 44236 },
		{ R_NO_RAK, RLM_EMALFORMED, 44237 }, { R_RAK_RAW_WITH_PROFILE, RLM_EMALFORMED, 44237 },
		{ R_RAK_COSE_NO_PROFILE, RLM_EMALFORMED, 44237 },
		{ R_RAK_CRV_P256, RLM_EMALFORMED, 44237 }, { R_RAK_KTY_OKP, RLM_EMALFORMED, 44237 },
		{ R_RAK_X_47, RLM_EMALFORMED, 44237 }, { R_RAK_NO_Y, RLM_EMALFORMED, 44237 },
		{ R_RAK_NOT_CBOR, RLM_EMALFORMED, 44237 },
		{ R_NO_RAK_HASH, RLM_EMALFORMED, 44240 }, { R_RAK_HASH_EMPTY, RLM_EMALFORMED, 44240 },
	};
	static uint8_t buf[16384];
	struct rlm_token t;
	size_t i, len;
	int ret;

	(void)state;
	for (i = 0; i < RLM_ARRAY_SIZE(plat); i++) {
		len = platform_claims(buf, sizeof(buf), plat[i].variant);
		ret = rlm_token_decode_platform_claims(buf, len, &t);
		print_message("platform variant %d: %s %s\n", plat[i].variant,
			      rlm_errname(ret), ret ? t.err_what : "");
		assert_int_equal(ret, plat[i].expect);
		if (ret)
			assert_int_equal(t.err_claim, plat[i].claim);
	}
	for (i = 0; i < RLM_ARRAY_SIZE(realm); i++) {
		len = realm_claims(buf, sizeof(buf), realm[i].variant);
		ret = rlm_token_decode_realm_claims(buf, len, &t);
		print_message("realm variant %d: %s %s\n", realm[i].variant,
			      rlm_errname(ret), ret ? t.err_what : "");
		assert_int_equal(ret, realm[i].expect);
		if (ret)
			assert_int_equal(t.err_claim, realm[i].claim);
	}
	/* a good claim set parses every field */
	len = platform_claims(buf, sizeof(buf), V_OK);
	assert_int_equal(rlm_token_decode_platform_claims(buf, len, &t), 0);
	assert_int_equal(t.platform.sw_count, 2);
	assert_int_equal(t.platform.lifecycle, 0x3000);
	assert_int_equal(t.platform.sw[1].signer_id.len, 48);
	assert_false(t.platform.legacy_profile);
	len = realm_claims(buf, sizeof(buf), V_OK);
	assert_int_equal(rlm_token_decode_realm_claims(buf, len, &t), 0);
	assert_true(t.realm.rak_is_cose_key);
	assert_int_equal(t.realm.rak_point[0], 4);
	assert_int_equal(t.realm.rak_point[96], 0x11);
}

/* Oversized input: refused before any parsing. */
static void test_oversized(void **state)
{
	size_t big = (1u << 20) + 1;
	uint8_t *b = calloc(1, big);
	struct rlm_token t;

	(void)state;
	b[0] = 0x5a; /* a bstr filling exactly 1 MiB (the default limit) */
	b[1] = 0x00; b[2] = 0x0f; b[3] = 0xff; b[4] = 0xfb;
	assert_int_equal(rlm_token_decode(b, big, &t), RLM_E2BIG);
	assert_int_equal(rlm_token_decode(b, 1u << 20, &t), RLM_EMALFORMED); /* a bstr, not a tag */
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vector_outcomes),
		cmocka_unit_test(test_ta02_bad),
		cmocka_unit_test(test_bad_unwrapped),
		cmocka_unit_test(test_tf_rmm_claims),
		cmocka_unit_test(test_claim_set_files),
		cmocka_unit_test(test_veraison_claim_sets),
		cmocka_unit_test(test_claim_rules),
		cmocka_unit_test(test_oversized),
		cmocka_unit_test(test_hostile_collections),
		cmocka_unit_test(test_payload_tamper),
		cmocka_unit_test(test_bad_keys),
		cmocka_unit_test(test_sig_structure),
		cmocka_unit_test(test_refvals),
		cmocka_unit_test(test_mock_attest),
		cmocka_unit_test(test_mock_attest_fixed_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
