/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Attestation tokens for the mock RMM (userspace, OpenSSL): a platform key
 * (P-256 or P-384, generated or given), one RAK (P-384) per realm created
 * on first use, and a tag-907 CMW collection in the current form
 * (draft-ffm-rats-cca-token; the profile veraison's testGoodCCAToken uses):
 * realm claims with the 2023 realm profile and the RAK as a COSE_Key, a
 * platform token whose challenge is SHA-256 of the exact RAK claim bytes.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <realm/cbor.h>
#include <realm/error.h>
#include <realm/token.h>

struct rak_entry {
	uint64_t rd;
	EVP_PKEY *key;
};

struct rlm_mock_attest_openssl {
	EVP_PKEY *platform;
	int platform_bits;
	uint8_t instance_id[33];
	uint8_t implementation_id[32];
	struct rak_entry *raks;
	size_t nraks, capraks;
};

static EVP_PKEY *ec_generate_(int bits)
{
	return EVP_EC_gen(bits == 256 ? "P-256" : "P-384");
}

static int ec_bits_(EVP_PKEY *pk)
{
	char group[64];
	size_t glen;

	if (EVP_PKEY_get_base_id(pk) != EVP_PKEY_EC ||
	    !EVP_PKEY_get_utf8_string_param(pk, OSSL_PKEY_PARAM_GROUP_NAME,
					    group, sizeof(group), &glen))
		return 0;
	if (!strcmp(group, "prime256v1"))
		return 256;
	if (!strcmp(group, "secp384r1"))
		return 384;
	return 0;
}

int rlm_mock_attest_openssl_new(const struct rlm_mock_attest_config *cfg,
				struct rlm_mock_attest_openssl **out)
{
	struct rlm_mock_attest_openssl *a;
	int bits = cfg && cfg->platform_curve ? cfg->platform_curve : 384;
	size_t i;

	if (!out)
		return RLM_EINVAL;
	*out = NULL;
	if (bits != 256 && bits != 384)
		return RLM_ENOTSUP;
	a = calloc(1, sizeof(*a));
	if (!a)
		return RLM_ENOMEM;
	if (cfg && cfg->platform_key_pem) {
		BIO *bio = BIO_new_mem_buf(cfg->platform_key_pem, -1);

		a->platform = bio ? PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL) : NULL;
		BIO_free(bio);
		if (!a->platform) {
			free(a);
			return RLM_EMALFORMED;
		}
		bits = ec_bits_(a->platform);
		if (!bits) {
			rlm_mock_attest_openssl_free(a);
			return RLM_ENOTSUP;
		}
	} else {
		a->platform = ec_generate_(bits);
		if (!a->platform) {
			free(a);
			return RLM_ECRYPTO;
		}
	}
	a->platform_bits = bits;
	if (cfg && cfg->instance_id) {
		memcpy(a->instance_id, cfg->instance_id, 33);
	} else {
		a->instance_id[0] = 0x01; /* RAND UEID */
		for (i = 1; i < 33; i++)
			a->instance_id[i] = (uint8_t)(0xa0 + i);
	}
	if (cfg && cfg->implementation_id)
		memcpy(a->implementation_id, cfg->implementation_id, 32);
	else
		for (i = 0; i < 32; i++)
			a->implementation_id[i] = (uint8_t)(0x50 + i);
	*out = a;
	return 0;
}

void rlm_mock_attest_openssl_free(struct rlm_mock_attest_openssl *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->nraks; i++)
		EVP_PKEY_free(a->raks[i].key);
	free(a->raks);
	EVP_PKEY_free(a->platform);
	free(a);
}

static EVP_PKEY *rak_for_(struct rlm_mock_attest_openssl *a, uint64_t rd)
{
	struct rak_entry *n;
	size_t i;

	for (i = 0; i < a->nraks; i++)
		if (a->raks[i].rd == rd)
			return a->raks[i].key;
	if (a->nraks == a->capraks) {
		size_t cap = a->capraks ? 2 * a->capraks : 8;

		n = realloc(a->raks, cap * sizeof(*n));
		if (!n)
			return NULL;
		a->raks = n;
		a->capraks = cap;
	}
	a->raks[a->nraks].key = ec_generate_(384);
	if (!a->raks[a->nraks].key)
		return NULL;
	a->raks[a->nraks].rd = rd;
	return a->raks[a->nraks++].key;
}

static int pub_point_(EVP_PKEY *pk, uint8_t *out, size_t cap, size_t *len)
{
	if (!EVP_PKEY_get_octet_string_param(pk, OSSL_PKEY_PARAM_PUB_KEY, out,
					     cap, len))
		return RLM_ECRYPTO;
	return 0;
}

/* A COSE_Sign1 over payload, signed with k (ES256 / ES384), appended to e. */
static int sign1_(struct rlm_cbor_enc *e, EVP_PKEY *k, int bits,
		  const uint8_t *payload, size_t plen)
{
	struct rlm_cbor_enc pe, se;
	uint8_t prot[8], der[160], rs[96];
	uint8_t *tbs;
	size_t protlen, tbslen, dlen = sizeof(der), coord = bits == 256 ? 32 : 48;
	const unsigned char *dp;
	ECDSA_SIG *sig;
	EVP_MD_CTX *md;
	int ok;

	rlm_cbor_enc_init(&pe, prot, sizeof(prot));
	rlm_cbor_put_map(&pe, 1);
	rlm_cbor_put_int(&pe, 1);
	rlm_cbor_put_int(&pe, bits == 256 ? RLM_COSE_ALG_ES256 : RLM_COSE_ALG_ES384);
	if (rlm_cbor_enc_finish(&pe, &protlen))
		return RLM_ECRYPTO;

	tbslen = plen + 64;
	tbs = malloc(tbslen);
	if (!tbs)
		return RLM_ENOMEM;
	rlm_cbor_enc_init(&se, tbs, tbslen);
	rlm_cbor_put_array(&se, 4);
	rlm_cbor_put_tstr(&se, "Signature1");
	rlm_cbor_put_bstr(&se, prot, protlen);
	rlm_cbor_put_bstr(&se, NULL, 0);
	rlm_cbor_put_bstr(&se, payload, plen);
	if (rlm_cbor_enc_finish(&se, &tbslen)) {
		free(tbs);
		return RLM_ECRYPTO;
	}
	md = EVP_MD_CTX_new();
	ok = md && EVP_DigestSignInit(md, NULL, bits == 256 ? EVP_sha256() : EVP_sha384(),
				      NULL, k) == 1 &&
	     EVP_DigestSign(md, der, &dlen, tbs, tbslen) == 1;
	EVP_MD_CTX_free(md);
	free(tbs);
	if (!ok)
		return RLM_ECRYPTO;
	dp = der;
	sig = d2i_ECDSA_SIG(NULL, &dp, (long)dlen);
	if (!sig)
		return RLM_ECRYPTO;
	ok = BN_bn2binpad(ECDSA_SIG_get0_r(sig), rs, (int)coord) == (int)coord &&
	     BN_bn2binpad(ECDSA_SIG_get0_s(sig), rs + coord, (int)coord) == (int)coord;
	ECDSA_SIG_free(sig);
	if (!ok)
		return RLM_ECRYPTO;
	rlm_cbor_put_tag(e, RLM_COSE_TAG_SIGN1);
	rlm_cbor_put_array(e, 4);
	rlm_cbor_put_bstr(e, prot, protlen);
	rlm_cbor_put_map(e, 0);
	rlm_cbor_put_bstr(e, payload, plen);
	rlm_cbor_put_bstr(e, rs, 2 * coord);
	return 0;
}

static const char *hash_text_(enum rlm_hash_algo a)
{
	switch (a) {
	case RLM_HASH_SHA256: return "sha-256";
	case RLM_HASH_SHA384: return "sha-384";
	case RLM_HASH_SHA512: return "sha-512";
	}
	return NULL;
}

int rlm_mock_attest_openssl_token(struct rlm_mock_attest_openssl *a,
				  const struct rlm_mock_claims *cl,
				  uint8_t *out, size_t cap, size_t *len)
{
	struct rlm_cbor_enc e, ke;
	uint8_t point[97], cose_key[128], binder[RLM_HASH_MAX_SIZE];
	uint8_t realm_claims[1024], plat_claims[1024], sw_meas[32], signer[32];
	uint8_t *realm_tok = NULL, *plat_tok = NULL;
	size_t plen, klen, rclen, pclen, rtlen = 0, ptlen = 0, hs, i;
	const char *hname;
	EVP_PKEY *rak;
	int ret;

	if (!a || !cl || !len)
		return RLM_EINVAL;
	hs = rlm_hash_size(cl->hash_algo);
	hname = hash_text_(cl->hash_algo);
	if (!hs || !hname)
		return RLM_EINVAL;
	rak = rak_for_(a, cl->rd);
	if (!rak)
		return RLM_ECRYPTO;
	ret = pub_point_(rak, point, sizeof(point), &plen);
	if (ret || plen != 97)
		return RLM_ECRYPTO;

	/* RAK as COSE_Key {kty: EC2, crv: P-384, x, y} */
	rlm_cbor_enc_init(&ke, cose_key, sizeof(cose_key));
	rlm_cbor_put_map(&ke, 4);
	rlm_cbor_put_int(&ke, 1);
	rlm_cbor_put_int(&ke, 2);
	rlm_cbor_put_int(&ke, -1);
	rlm_cbor_put_int(&ke, 2);
	rlm_cbor_put_int(&ke, -2);
	rlm_cbor_put_bstr(&ke, point + 1, 48);
	rlm_cbor_put_int(&ke, -3);
	rlm_cbor_put_bstr(&ke, point + 49, 48);
	if (rlm_cbor_enc_finish(&ke, &klen))
		return RLM_ECRYPTO;

	/* realm claims */
	rlm_cbor_enc_init(&e, realm_claims, sizeof(realm_claims));
	rlm_cbor_put_map(&e, 8);
	rlm_cbor_put_uint(&e, RLM_CLAIM_PROFILE);
	rlm_cbor_put_tstr(&e, RLM_TOKEN_REALM_PROFILE);
	rlm_cbor_put_uint(&e, RLM_CLAIM_CHALLENGE);
	rlm_cbor_put_bstr(&e, cl->challenge, 64);
	rlm_cbor_put_uint(&e, RLM_CLAIM_REALM_RPV);
	rlm_cbor_put_bstr(&e, cl->rpv, 64);
	rlm_cbor_put_uint(&e, RLM_CLAIM_REALM_HASH_ALGO);
	rlm_cbor_put_tstr(&e, hname);
	rlm_cbor_put_uint(&e, RLM_CLAIM_REALM_RAK);
	rlm_cbor_put_bstr(&e, cose_key, klen);
	rlm_cbor_put_uint(&e, RLM_CLAIM_REALM_RIM);
	rlm_cbor_put_bstr(&e, cl->rim, hs);
	rlm_cbor_put_uint(&e, RLM_CLAIM_REALM_REM);
	rlm_cbor_put_array(&e, 4);
	for (i = 0; i < 4; i++)
		rlm_cbor_put_bstr(&e, cl->rem[i], hs);
	rlm_cbor_put_uint(&e, RLM_CLAIM_REALM_RAK_HASH_ALGO);
	rlm_cbor_put_tstr(&e, "sha-256");
	if (rlm_cbor_enc_finish(&e, &rclen))
		return RLM_ECRYPTO;

	/* platform claims: challenge = SHA-256(RAK claim bytes) */
	ret = rlm_hash_digest(RLM_HASH_SHA256, cose_key, klen, binder);
	if (ret)
		return ret;
	for (i = 0; i < 32; i++) {
		sw_meas[i] = (uint8_t)(0x11 * (i % 16));
		signer[i] = (uint8_t)(0xc0 + i);
	}
	rlm_cbor_enc_init(&e, plat_claims, sizeof(plat_claims));
	rlm_cbor_put_map(&e, 9);
	rlm_cbor_put_uint(&e, RLM_CLAIM_PROFILE);
	rlm_cbor_put_tstr(&e, RLM_TOKEN_PLATFORM_PROFILE);
	rlm_cbor_put_uint(&e, RLM_CLAIM_CHALLENGE);
	rlm_cbor_put_bstr(&e, binder, RLM_SHA256_SIZE);
	rlm_cbor_put_uint(&e, RLM_CLAIM_PLAT_IMPLEMENTATION_ID);
	rlm_cbor_put_bstr(&e, a->implementation_id, 32);
	rlm_cbor_put_uint(&e, RLM_CLAIM_PLAT_INSTANCE_ID);
	rlm_cbor_put_bstr(&e, a->instance_id, 33);
	rlm_cbor_put_uint(&e, RLM_CLAIM_PLAT_CONFIG);
	rlm_cbor_put_bstr(&e, "\xcf\xcf\xcf\xcf", 4);
	rlm_cbor_put_uint(&e, RLM_CLAIM_PLAT_LIFECYCLE);
	rlm_cbor_put_uint(&e, 0x3000); /* secured */
	rlm_cbor_put_uint(&e, RLM_CLAIM_PLAT_SW_COMPONENTS);
	rlm_cbor_put_array(&e, 1);
	rlm_cbor_put_map(&e, 4);
	rlm_cbor_put_uint(&e, 1);
	rlm_cbor_put_tstr(&e, "RMM");
	rlm_cbor_put_uint(&e, 2);
	rlm_cbor_put_bstr(&e, sw_meas, 32);
	rlm_cbor_put_uint(&e, 5);
	rlm_cbor_put_bstr(&e, signer, 32);
	rlm_cbor_put_uint(&e, 6);
	rlm_cbor_put_tstr(&e, "sha-256");
	rlm_cbor_put_uint(&e, RLM_CLAIM_PLAT_VERIFICATION_SERVICE);
	rlm_cbor_put_tstr(&e, "https://librealm.invalid/mock-verifier");
	rlm_cbor_put_uint(&e, RLM_CLAIM_PLAT_HASH_ALGO);
	rlm_cbor_put_tstr(&e, "sha-256");
	if (rlm_cbor_enc_finish(&e, &pclen))
		return RLM_ECRYPTO;

	/* the two COSE_Sign1 */
	rtlen = rclen + 256;
	ptlen = pclen + 256;
	realm_tok = malloc(rtlen);
	plat_tok = malloc(ptlen);
	if (!realm_tok || !plat_tok) {
		ret = RLM_ENOMEM;
		goto out;
	}
	rlm_cbor_enc_init(&e, realm_tok, rtlen);
	ret = sign1_(&e, rak, 384, realm_claims, rclen);
	if (!ret)
		ret = rlm_cbor_enc_finish(&e, &rtlen);
	if (ret)
		goto out;
	rlm_cbor_enc_init(&e, plat_tok, ptlen);
	ret = sign1_(&e, a->platform, a->platform_bits, plat_claims, pclen);
	if (!ret)
		ret = rlm_cbor_enc_finish(&e, &ptlen);
	if (ret)
		goto out;

	/* the collection: 907({44234: [263, bstr], 44241: [263, bstr]}) */
	rlm_cbor_enc_init(&e, out, out ? cap : 0);
	rlm_cbor_put_tag(&e, RLM_TOKEN_TAG_CMW_COLLECTION);
	rlm_cbor_put_map(&e, 2);
	rlm_cbor_put_uint(&e, RLM_TOKEN_KEY_PLATFORM);
	rlm_cbor_put_array(&e, 2);
	rlm_cbor_put_uint(&e, RLM_TOKEN_CMW_CONTENT_TYPE);
	rlm_cbor_put_bstr(&e, plat_tok, ptlen);
	rlm_cbor_put_uint(&e, RLM_TOKEN_KEY_REALM);
	rlm_cbor_put_array(&e, 2);
	rlm_cbor_put_uint(&e, RLM_TOKEN_CMW_CONTENT_TYPE);
	rlm_cbor_put_bstr(&e, realm_tok, rtlen);
	ret = rlm_cbor_enc_finish(&e, len);
out:
	free(realm_tok);
	free(plat_tok);
	return ret;
}

static int provider_token_(void *ctx, const struct rlm_mock_claims *claims,
			   uint8_t *out, size_t cap, size_t *len)
{
	return rlm_mock_attest_openssl_token(ctx, claims, out, cap, len);
}

void rlm_mock_attest_openssl_provider(struct rlm_mock_attest_openssl *a,
				      struct rlm_mock_attest *out)
{
	if (!out)
		return;
	out->token = provider_token_;
	out->ctx = a;
}

int rlm_mock_attest_openssl_platform_pem(struct rlm_mock_attest_openssl *a,
					 char *out, size_t cap, size_t *len)
{
	BIO *bio;
	char *p;
	long n;
	int ret = 0;

	if (!a || !len)
		return RLM_EINVAL;
	bio = BIO_new(BIO_s_mem());
	if (!bio || !PEM_write_bio_PUBKEY(bio, a->platform)) {
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

int rlm_mock_attest_openssl_platform_point(struct rlm_mock_attest_openssl *a,
					   uint8_t *out, size_t cap, size_t *len)
{
	size_t need;

	if (!a || !len)
		return RLM_EINVAL;
	need = a->platform_bits == 256 ? 65 : 97;
	*len = need;
	if (!out || cap < need)
		return RLM_ENOSPC;
	return pub_point_(a->platform, out, cap, len);
}
