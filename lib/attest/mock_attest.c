/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Attestation tokens for the mock RMM (userspace, OpenSSL): a platform key
 * (P-256 or P-384, generated or given), one RAK (P-384) per realm created
 * on first use, and OpenSSL's ECDSA.  The claims and the tag-907 CMW
 * collection are the core's (rlm_mock_token_build in mock_attest_core.c,
 * shared with the portable provider the kernel module uses).
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

#include "attest/token_priv.h"

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

/* r || s of an ECDSA signature of digest with k (the claims, their
 * encoding and the collection are the core's: rlm_mock_token_build). */
struct openssl_sign_ {
	struct rlm_mock_attest_openssl *a;
	EVP_PKEY *rak;
};

static int openssl_sign_(void *ctx, bool platform, const uint8_t *digest,
			 size_t digest_len, uint8_t *rs, size_t rs_len)
{
	const struct openssl_sign_ *s = ctx;
	EVP_PKEY *k = platform ? s->a->platform : s->rak;
	uint8_t der[160];
	size_t dlen = sizeof(der), coord = rs_len / 2;
	const unsigned char *dp = der;
	EVP_PKEY_CTX *pc = EVP_PKEY_CTX_new(k, NULL);
	ECDSA_SIG *sig;
	int ok;

	ok = pc && EVP_PKEY_sign_init(pc) == 1 &&
	     EVP_PKEY_sign(pc, der, &dlen, digest, digest_len) == 1;
	EVP_PKEY_CTX_free(pc);
	if (!ok)
		return RLM_ECRYPTO;
	sig = d2i_ECDSA_SIG(NULL, &dp, (long)dlen);
	if (!sig)
		return RLM_ECRYPTO;
	ok = BN_bn2binpad(ECDSA_SIG_get0_r(sig), rs, (int)coord) == (int)coord &&
	     BN_bn2binpad(ECDSA_SIG_get0_s(sig), rs + coord, (int)coord) == (int)coord;
	ECDSA_SIG_free(sig);
	return ok ? 0 : RLM_ECRYPTO;
}

int rlm_mock_attest_openssl_token(struct rlm_mock_attest_openssl *a,
				  const struct rlm_mock_claims *cl,
				  uint8_t *out, size_t cap, size_t *len)
{
	struct rlm_mock_token_keys k;
	struct openssl_sign_ s;
	uint8_t point[97];
	size_t plen;
	int ret;

	if (!a || !cl || !len)
		return RLM_EINVAL;
	if (!rlm_hash_size(cl->hash_algo))
		return RLM_EINVAL;
	s.a = a;
	s.rak = rak_for_(a, cl->rd);
	if (!s.rak)
		return RLM_ECRYPTO;
	ret = pub_point_(s.rak, point, sizeof(point), &plen);
	if (ret || plen != 97)
		return RLM_ECRYPTO;
	memset(&k, 0, sizeof(k));
	k.platform_bits = a->platform_bits;
	k.rak_point = point;
	k.instance_id = a->instance_id;
	k.implementation_id = a->implementation_id;
	k.sign = openssl_sign_;
	k.ctx = &s;
	return rlm_mock_token_build(&k, cl, out, cap, len);
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
	if (!a || !len)
		return RLM_EINVAL;
	return rlm_token_pem_of_(a->platform, out, cap, len);
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
