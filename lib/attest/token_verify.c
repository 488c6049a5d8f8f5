/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Token verification with OpenSSL (userspace): platform keys from PEM,
 * JWK or trust-anchor lists, COSE_Sign1 ES256/ES384 verification (RFC
 * 9052 Sig_structure "Signature1", empty external AAD, signature r||s),
 * and the full CCA order: platform signature, realm signature with the
 * RAK, binding (RMM 1.0 spec A7.2.3; veraison/ccatoken Evidence.Verify).
 * Without OpenSSL the same functions exist and answer RLM_ENOTSUP (end of
 * file).
 */
#include "rlm_config.h"

#if RLM_HAVE_OPENSSL
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <realm/cbor.h>
#include <realm/error.h>
#include <realm/token.h>

#include "attest/token_priv.h"

struct rlm_token_key {
	EVP_PKEY *pk;
	int bits; /* 256 or 384 */
};

int rlm_token_pem_of_(const void *evp_pkey, char *out, size_t cap, size_t *len)
{
	BIO *bio;
	char *p;
	long n;
	int ret = 0;

	if (!evp_pkey || !len)
		return RLM_EINVAL;
	bio = BIO_new(BIO_s_mem());
	if (!bio || !PEM_write_bio_PUBKEY(bio, evp_pkey)) {
		BIO_free(bio);
		return RLM_ECRYPTO;
	}
	n = BIO_get_mem_data(bio, &p);
	*len = (size_t)n + 1;
	if (!out || cap < (size_t)n + 1) {
		ret = RLM_ENOSPC;
	} else {
		memcpy(out, p, (size_t)n);
		out[n] = 0;
	}
	BIO_free(bio);
	return ret;
}

int rlm_token_key_pem(const struct rlm_token_key *key, char *out, size_t cap,
		      size_t *len)
{
	if (!key)
		return RLM_EINVAL;
	return rlm_token_pem_of_(key->pk, out, cap, len);
}

void rlm_token_key_free(struct rlm_token_key *key)
{
	if (!key)
		return;
	EVP_PKEY_free(key->pk);
	free(key);
}

static int key_wrap_(EVP_PKEY *pk, struct rlm_token_key **out)
{
	struct rlm_token_key *k;
	char group[64];
	size_t glen = 0;
	int bits;

	if (EVP_PKEY_get_base_id(pk) != EVP_PKEY_EC ||
	    !EVP_PKEY_get_utf8_string_param(pk, OSSL_PKEY_PARAM_GROUP_NAME,
					    group, sizeof(group), &glen)) {
		EVP_PKEY_free(pk);
		return RLM_ENOTSUP; /* not an EC key */
	}
	if (!strcmp(group, "prime256v1") || !strcmp(group, "P-256"))
		bits = 256;
	else if (!strcmp(group, "secp384r1") || !strcmp(group, "P-384"))
		bits = 384;
	else {
		EVP_PKEY_free(pk);
		return RLM_ENOTSUP; /* curve other than P-256 / P-384 */
	}
	k = calloc(1, sizeof(*k));
	if (!k) {
		EVP_PKEY_free(pk);
		return RLM_ENOMEM;
	}
	k->pk = pk;
	k->bits = bits;
	*out = k;
	return 0;
}

int rlm_token_key_point_(const struct rlm_token_key *k, uint8_t *out,
			 size_t cap, size_t *len)
{
	if (!k || !len ||
	    !EVP_PKEY_get_octet_string_param(k->pk, OSSL_PKEY_PARAM_PUB_KEY, out,
					     cap, len))
		return RLM_EINVAL;
	return 0;
}

int rlm_token_key_from_point(const uint8_t *pt, size_t len,
			     struct rlm_token_key **key)
{
	OSSL_PARAM_BLD *bld;
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *ctx = NULL, *chk = NULL;
	EVP_PKEY *pk = NULL;
	const char *group;
	int ret = RLM_ECRYPTO;

	if (!pt || !key)
		return RLM_EINVAL;
	*key = NULL;
	if (len == 65)
		group = "prime256v1";
	else if (len == 97)
		group = "secp384r1";
	else
		return RLM_EMALFORMED;
	if (pt[0] != 0x04)
		return RLM_EMALFORMED; /* uncompressed points only */
	bld = OSSL_PARAM_BLD_new();
	if (!bld)
		return RLM_ENOMEM;
	if (!OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, group, 0) ||
	    !OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pt, len))
		goto out;
	params = OSSL_PARAM_BLD_to_param(bld);
	ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (!params || !ctx || EVP_PKEY_fromdata_init(ctx) <= 0)
		goto out;
	if (EVP_PKEY_fromdata(ctx, &pk, EVP_PKEY_PUBLIC_KEY, params) <= 0) {
		ERR_clear_error(); /* leave no stale error for the caller */
		ret = RLM_EVERIFY; /* not a point on the curve */
		goto out;
	}
	chk = EVP_PKEY_CTX_new_from_pkey(NULL, pk, NULL);
	/* on-curve and range checks; P-256/P-384 have cofactor 1, so the
	 * order check of the full EVP_PKEY_public_check adds nothing */
	if (!chk || EVP_PKEY_public_check_quick(chk) <= 0) {
		ERR_clear_error();
		ret = RLM_EVERIFY;
		goto out;
	}
	ret = key_wrap_(pk, key);
	pk = NULL;
out:
	EVP_PKEY_free(pk);
	EVP_PKEY_CTX_free(chk);
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	return ret;
}

/* ---- A very small JSON reader (just enough for JWK and anchor lists) ---- */

struct js {
	const char *p, *end;
	int depth;
};

static void js_ws_(struct js *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' ||
				 *j->p == '\r'))
		j->p++;
}

static bool js_eat_(struct js *j, char c)
{
	js_ws_(j);
	if (j->p < j->end && *j->p == c) {
		j->p++;
		return true;
	}
	return false;
}

/* A string without unescaping (escapes are kept raw; keys and values we
 * use never need them). */
static int js_str_(struct js *j, const char **s, size_t *n)
{
	const char *q;

	if (!js_eat_(j, '"'))
		return RLM_EMALFORMED;
	q = j->p;
	while (j->p < j->end && *j->p != '"') {
		if (*j->p == '\\') {
			if (j->end - j->p < 2)
				return RLM_EMALFORMED;
			j->p++;
		}
		j->p++;
	}
	if (j->p >= j->end)
		return RLM_EMALFORMED;
	*s = q;
	*n = (size_t)(j->p - q);
	j->p++;
	return 0;
}

static int js_skip_(struct js *j)
{
	const char *s;
	size_t n;
	int ret;

	js_ws_(j);
	if (j->p >= j->end)
		return RLM_EMALFORMED;
	if (*j->p == '"')
		return js_str_(j, &s, &n);
	if (*j->p == '{' || *j->p == '[') {
		char close = *j->p == '{' ? '}' : ']';
		bool obj = *j->p == '{';

		if (++j->depth > 16)
			return RLM_E2BIG;
		j->p++;
		if (js_eat_(j, close)) {
			j->depth--;
			return 0;
		}
		do {
			if (obj) {
				ret = js_str_(j, &s, &n);
				if (ret || !js_eat_(j, ':'))
					return RLM_EMALFORMED;
			}
			ret = js_skip_(j);
			if (ret)
				return ret;
		} while (js_eat_(j, ','));
		if (!js_eat_(j, close))
			return RLM_EMALFORMED;
		j->depth--;
		return 0;
	}
	/* number, true, false, null */
	if (!strchr("-0123456789tfn", *j->p))
		return RLM_EMALFORMED;
	while (j->p < j->end && strchr("+-.0123456789eEtruefalsn", *j->p))
		j->p++;
	return 0;
}

static bool js_key_is_(const char *s, size_t n, const char *k)
{
	return strlen(k) == n && !memcmp(s, k, n);
}

int rlm_token_b64url_decode_(const char *s, size_t n, uint8_t *out, size_t cap,
			     size_t *olen)
{
	uint32_t acc = 0;
	size_t i, o = 0;
	int bits = 0;

	for (i = 0; i < n; i++) {
		char c = s[i];
		int v;

		if (c >= 'A' && c <= 'Z')
			v = c - 'A';
		else if (c >= 'a' && c <= 'z')
			v = c - 'a' + 26;
		else if (c >= '0' && c <= '9')
			v = c - '0' + 52;
		else if (c == '-' || c == '+')
			v = 62;
		else if (c == '_' || c == '/')
			v = 63;
		else if (c == '=')
			break;
		else
			return RLM_EMALFORMED;
		acc = acc << 6 | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o >= cap)
				return RLM_EMALFORMED;
			out[o++] = (uint8_t)(acc >> bits);
		}
	}
	*olen = o;
	return 0;
}

static int hex_eq_(const char *s, size_t n, const uint8_t *b, size_t blen)
{
	size_t i;

	if (n != 2 * blen)
		return 0;
	for (i = 0; i < blen; i++) {
		unsigned int v = 0;
		int k;

		for (k = 0; k < 2; k++) {
			char c = s[2 * i + (size_t)k];

			v <<= 4;
			if (c >= '0' && c <= '9')
				v |= (unsigned int)(c - '0');
			else if (c >= 'a' && c <= 'f')
				v |= (unsigned int)(c - 'a' + 10);
			else if (c >= 'A' && c <= 'F')
				v |= (unsigned int)(c - 'A' + 10);
			else
				return 0;
		}
		if (v != b[i])
			return 0;
	}
	return 1;
}

/* Parse a JWK object at j into a key. */
static int jwk_object_(struct js *j, struct rlm_token_key **key)
{
	const char *k, *v, *crv = NULL, *x = NULL, *y = NULL, *kty = NULL;
	size_t kn, vn, crvn = 0, xn = 0, yn = 0, ktyn = 0, coord, got;
	uint8_t pt[97];
	int ret;

	if (!js_eat_(j, '{'))
		return RLM_EMALFORMED;
	if (!js_eat_(j, '}')) {
		do {
			ret = js_str_(j, &k, &kn);
			if (ret || !js_eat_(j, ':'))
				return RLM_EMALFORMED;
			js_ws_(j);
			if (j->p < j->end && *j->p == '"' &&
			    (js_key_is_(k, kn, "kty") || js_key_is_(k, kn, "crv") ||
			     js_key_is_(k, kn, "x") || js_key_is_(k, kn, "y"))) {
				ret = js_str_(j, &v, &vn);
				if (ret)
					return ret;
				if (js_key_is_(k, kn, "kty")) { kty = v; ktyn = vn; }
				else if (js_key_is_(k, kn, "crv")) { crv = v; crvn = vn; }
				else if (js_key_is_(k, kn, "x")) { x = v; xn = vn; }
				else { y = v; yn = vn; }
			} else {
				ret = js_skip_(j);
				if (ret)
					return ret;
			}
		} while (js_eat_(j, ','));
		if (!js_eat_(j, '}'))
			return RLM_EMALFORMED;
	}
	if (!kty || !crv || !x || !y)
		return RLM_EMALFORMED;
	if (!js_key_is_(kty, ktyn, "EC"))
		return RLM_ENOTSUP; /* RSA, OKP...: wrong key type */
	if (js_key_is_(crv, crvn, "P-256"))
		coord = 32;
	else if (js_key_is_(crv, crvn, "P-384"))
		coord = 48;
	else
		return RLM_ENOTSUP; /* wrong curve */
	pt[0] = 0x04;
	if (rlm_token_b64url_decode_(x, xn, pt + 1, coord, &got) || got != coord)
		return RLM_EMALFORMED;
	if (rlm_token_b64url_decode_(y, yn, pt + 1 + coord, coord, &got) || got != coord)
		return RLM_EMALFORMED;
	return rlm_token_key_from_point(pt, 1 + 2 * coord, key);
}

/* [{"instance-id": hex, "pkey": JWK, ...}, ...] */
static int anchor_list_(struct js *j, const uint8_t *inst, size_t inst_len,
			struct rlm_token_key **key)
{
	const char *k, *v;
	size_t kn, vn;
	int ret;

	if (!js_eat_(j, '['))
		return RLM_EMALFORMED;
	if (js_eat_(j, ']'))
		return RLM_ENOENT;
	do {
		struct js pkey = { NULL, NULL, 0 };
		bool match = !inst;

		if (!js_eat_(j, '{'))
			return RLM_EMALFORMED;
		if (!js_eat_(j, '}')) {
			do {
				ret = js_str_(j, &k, &kn);
				if (ret || !js_eat_(j, ':'))
					return RLM_EMALFORMED;
				js_ws_(j);
				if (js_key_is_(k, kn, "instance-id")) {
					ret = js_str_(j, &v, &vn);
					if (ret)
						return ret;
					if (inst && hex_eq_(v, vn, inst, inst_len))
						match = true;
				} else {
					if (js_key_is_(k, kn, "pkey"))
						pkey.p = j->p;
					ret = js_skip_(j);
					if (ret)
						return ret;
					if (pkey.p && !pkey.end)
						pkey.end = j->p;
				}
			} while (js_eat_(j, ','));
			if (!js_eat_(j, '}'))
				return RLM_EMALFORMED;
		}
		if (match && pkey.p)
			return jwk_object_(&pkey, key);
	} while (js_eat_(j, ','));
	if (!js_eat_(j, ']'))
		return RLM_EMALFORMED;
	return RLM_ENOENT;
}

static bool has_pem_begin_(const uint8_t *b, size_t n)
{
	size_t i;

	for (i = 0; i + 10 <= n; i++)
		if (!memcmp(b + i, "-----BEGIN", 10))
			return true;
	return false;
}

int rlm_token_key_load(const uint8_t *buf, size_t len, const uint8_t *inst_id,
		       size_t inst_len, struct rlm_token_key **key)
{
	struct js j;
	BIO *bio;
	EVP_PKEY *pk;
	int ret;

	if (!buf || !key)
		return RLM_EINVAL;
	*key = NULL;
	if (len > (1u << 20))
		return RLM_E2BIG;
	j.p = (const char *)buf;
	j.end = j.p + len;
	j.depth = 0;
	js_ws_(&j);
	if (j.p < j.end && (*j.p == '{' || *j.p == '[')) {
		ret = *j.p == '{' ? jwk_object_(&j, key)
				  : anchor_list_(&j, inst_id, inst_len, key);
		return ret;
	}
	if (!has_pem_begin_(buf, len))
		return RLM_EMALFORMED;
	bio = BIO_new_mem_buf(buf, (int)len);
	if (!bio)
		return RLM_ENOMEM;
	pk = PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
	if (!pk) {
		(void)BIO_reset(bio);
		pk = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
	}
	BIO_free(bio);
	ERR_clear_error();
	if (!pk)
		return RLM_EMALFORMED;
	return key_wrap_(pk, key);
}

/* ---- COSE_Sign1 verification ------------------------------------------- */

/* Everything of the Sig_structure before the payload content. */
static int sig_prefix_(const struct rlm_cose_sign1 *s, uint8_t *out,
		       size_t cap, size_t *len)
{
	struct rlm_cbor_enc e;

	rlm_cbor_enc_init(&e, out, cap);
	rlm_cbor_put_array(&e, 4);
	rlm_cbor_put_tstr(&e, "Signature1");
	rlm_cbor_put_bstr(&e, s->protected_hdr.ptr, s->protected_hdr.len);
	rlm_cbor_put_bstr(&e, NULL, 0);
	rlm_cbor_put_head(&e, RLM_CBOR_BSTR, s->payload.len);
	return rlm_cbor_enc_finish(&e, len);
}

int rlm_token_rs_to_der_(const uint8_t *rs, size_t n, uint8_t *der, size_t cap,
			 size_t *dlen)
{
	ECDSA_SIG *sig = ECDSA_SIG_new();
	BIGNUM *r, *s;
	unsigned char *p = der;
	int l;

	if (!sig)
		return RLM_ENOMEM;
	r = BN_bin2bn(rs, (int)(n / 2), NULL);
	s = BN_bin2bn(rs + n / 2, (int)(n / 2), NULL);
	if (!r || !s || !ECDSA_SIG_set0(sig, r, s)) {
		BN_free(r);
		BN_free(s);
		ECDSA_SIG_free(sig);
		return RLM_ECRYPTO;
	}
	l = i2d_ECDSA_SIG(sig, NULL);
	if (l <= 0 || (size_t)l > cap) {
		ECDSA_SIG_free(sig);
		return RLM_ENOSPC;
	}
	l = i2d_ECDSA_SIG(sig, &p);
	ECDSA_SIG_free(sig);
	*dlen = (size_t)l;
	return 0;
}

int rlm_cose_sign1_verify(const struct rlm_cose_sign1 *s,
			  const struct rlm_token_key *key)
{
	uint8_t prefix[512], der[160];
	size_t plen, dlen, coord;
	EVP_MD_CTX *md;
	const EVP_MD *h;
	int ret, ok;

	if (!s || !key || !s->payload.ptr || !s->signature.ptr)
		return RLM_EINVAL;
	if (s->alg == RLM_COSE_ALG_ES256 && key->bits == 256) {
		h = EVP_sha256();
		coord = 32;
	} else if (s->alg == RLM_COSE_ALG_ES384 && key->bits == 384) {
		h = EVP_sha384();
		coord = 48;
	} else {
		return RLM_EVERIFY; /* algorithm does not match the key */
	}
	if (s->signature.len != 2 * coord)
		return RLM_EVERIFY;
	ret = sig_prefix_(s, prefix, sizeof(prefix), &plen);
	if (ret)
		return ret == RLM_ENOSPC ? RLM_E2BIG : ret;
	ret = rlm_token_rs_to_der_(s->signature.ptr, s->signature.len, der,
				   sizeof(der), &dlen);
	if (ret)
		return ret;
	md = EVP_MD_CTX_new();
	if (!md)
		return RLM_ENOMEM;
	ok = EVP_DigestVerifyInit(md, NULL, h, NULL, key->pk) == 1 &&
	     EVP_DigestVerifyUpdate(md, prefix, plen) == 1 &&
	     EVP_DigestVerifyUpdate(md, s->payload.ptr, s->payload.len) == 1 &&
	     EVP_DigestVerifyFinal(md, der, dlen) == 1;
	EVP_MD_CTX_free(md);
	if (!ok)
		ERR_clear_error();
	return ok ? 0 : RLM_EVERIFY;
}

int rlm_token_verify(const struct rlm_token *tok,
		     const struct rlm_token_key *platform_key,
		     struct rlm_token_result *res)
{
	struct rlm_token_key *rak = NULL;
	int ret;

	if (!tok || !res)
		return RLM_EINVAL;
	res->platform_signature = RLM_TOKEN_SKIPPED;
	res->realm_signature = RLM_TOKEN_BAD;
	res->binding = RLM_TOKEN_BAD;
	res->verdict = RLM_TOKEN_BAD;
	res->reason = NULL;

	/* 1. platform signature */
	if (platform_key) {
		ret = rlm_cose_sign1_verify(&tok->platform_token, platform_key);
		res->platform_signature = ret ? RLM_TOKEN_BAD : RLM_TOKEN_OK;
		if (ret)
			res->reason = "platform token signature does not verify with the platform key";
	} else {
		res->reason = "no platform key: platform signature not checked";
	}
	if (tok->platform_only) {
		/* A bare platform token: nothing else to check. */
		res->realm_signature = RLM_TOKEN_SKIPPED;
		res->binding = RLM_TOKEN_SKIPPED;
		if (res->platform_signature == RLM_TOKEN_OK) {
			res->verdict = RLM_TOKEN_OK;
			return 0;
		}
		return RLM_EVERIFY;
	}
	/* 2. realm signature with the RAK it carries */
	ret = rlm_token_key_from_point(tok->realm.rak_point,
				       RLM_TOKEN_RAK_POINT_SIZE, &rak);
	if (!ret) {
		ret = rlm_cose_sign1_verify(&tok->realm_token, rak);
		rlm_token_key_free(rak);
		if (!ret)
			res->realm_signature = RLM_TOKEN_OK;
		else if (!res->reason)
			res->reason = "realm token signature does not verify with its RAK";
	} else if (!res->reason) {
		res->reason = "realm attestation key is not a valid P-384 point";
	}
	/* 3. binding */
	ret = rlm_token_check_binding(tok);
	if (!ret)
		res->binding = RLM_TOKEN_OK;
	else if (!res->reason)
		res->reason = ret == RLM_ENOTSUP
			? "unsupported RAK hash algorithm"
			: "platform challenge is not the hash of the realm attestation key";
	if (res->platform_signature == RLM_TOKEN_OK &&
	    res->realm_signature == RLM_TOKEN_OK && res->binding == RLM_TOKEN_OK) {
		res->verdict = RLM_TOKEN_OK;
		return 0;
	}
	return RLM_EVERIFY;
}

#else /* !RLM_HAVE_OPENSSL */

#include <realm/error.h>
#include <realm/token.h>

int rlm_token_key_load(const uint8_t *buf, size_t len, const uint8_t *inst_id,
		       size_t inst_len, struct rlm_token_key **key)
{
	(void)buf; (void)len; (void)inst_id; (void)inst_len;
	if (key)
		*key = NULL;
	return RLM_ENOTSUP;
}

int rlm_token_key_from_point(const uint8_t *pt, size_t len,
			     struct rlm_token_key **key)
{
	(void)pt; (void)len;
	if (key)
		*key = NULL;
	return RLM_ENOTSUP;
}

void rlm_token_key_free(struct rlm_token_key *key)
{
	(void)key; /* no key can exist */
}

int rlm_token_key_pem(const struct rlm_token_key *key, char *out, size_t cap,
		      size_t *len)
{
	(void)key; (void)out; (void)cap; (void)len;
	return RLM_ENOTSUP;
}

int rlm_cose_sign1_verify(const struct rlm_cose_sign1 *s,
			  const struct rlm_token_key *key)
{
	(void)s; (void)key;
	return RLM_ENOTSUP;
}

int rlm_token_verify(const struct rlm_token *tok,
		     const struct rlm_token_key *platform_key,
		     struct rlm_token_result *res)
{
	(void)platform_key;
	if (!tok || !res)
		return RLM_EINVAL;
	res->platform_signature = RLM_TOKEN_SKIPPED;
	res->realm_signature = RLM_TOKEN_SKIPPED;
	res->binding = RLM_TOKEN_SKIPPED;
	res->verdict = RLM_TOKEN_BAD;
	res->reason = "built without OpenSSL: signatures not checked";
	return RLM_ENOTSUP;
}

#endif /* RLM_HAVE_OPENSSL */
