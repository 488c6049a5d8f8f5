/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The OpenSSL hash provider (userspace): SHA-256, SHA-384 and SHA-512
 * through EVP.  The message digests are fetched once (pthread_once); the
 * one-shot digest reuses one EVP_MD_CTX per thread and algorithm (kept
 * under a pthread key whose destructor frees it), because creating a
 * context per 4 KiB granule would cost more than the hashing.
 *
 * Where OpenSSL still has them (3.x, unless built without the 3.0
 * deprecated interfaces), the one-shot digest uses the SHA256_ / SHA512_
 * functions instead: the same assembly, without the provider context
 * that EVP_DigestInit_ex2 frees and allocates again on every call (a
 * malloc, a free and a cleanse per digest, about a twentieth of the time
 * of a 4 KiB granule's RIM and more of a 64-byte REM extension).
 */
#include <realm/hash.h>
#include <realm/error.h>
#include "rlm_config.h"

#if RLM_HAVE_OPENSSL
/* The SHA256_ / SHA512_ functions are deprecated in 3.0, not removed. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <pthread.h>
#include <stdlib.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#define NALGO_ 3

static pthread_once_t ossl_once_ = PTHREAD_ONCE_INIT;
static pthread_key_t ossl_key_;
static bool ossl_ok_;
static EVP_MD *ossl_md_[NALGO_];

struct ossl_tls_ {
	EVP_MD_CTX *ctx[NALGO_];
};

static void ossl_tls_free_(void *p)
{
	struct ossl_tls_ *t = p;
	unsigned int i;

	for (i = 0; i < NALGO_; i++)
		EVP_MD_CTX_free(t->ctx[i]);
	free(t);
}

static void ossl_setup_(void)
{
	static const char *const names[NALGO_] = {
		[RLM_HASH_SHA256] = "SHA256",
		[RLM_HASH_SHA512] = "SHA512",
		[RLM_HASH_SHA384] = "SHA384",
	};
	unsigned int i;

	if (pthread_key_create(&ossl_key_, ossl_tls_free_))
		return;
	for (i = 0; i < NALGO_; i++) {
		ossl_md_[i] = EVP_MD_fetch(NULL, names[i], NULL);
		if (!ossl_md_[i])
			return;
	}
	ossl_ok_ = true;
}

static bool ossl_supports_(enum rlm_hash_algo algo)
{
	return rlm_hash_size(algo) != 0;
}

static int ossl_init_(struct rlm_hash_ctx *ctx)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();

	if (!c)
		return RLM_ENOMEM;
	if (!EVP_DigestInit_ex2(c, ossl_md_[ctx->algo], NULL)) {
		EVP_MD_CTX_free(c);
		return RLM_ECRYPTO;
	}
	ctx->state = c;
	return 0;
}

static int ossl_update_(struct rlm_hash_ctx *ctx, const void *data, size_t len)
{
	return EVP_DigestUpdate(ctx->state, data, len) ? 0 : RLM_ECRYPTO;
}

static int ossl_final_(struct rlm_hash_ctx *ctx, uint8_t *out)
{
	unsigned int n = 0;
	int ok = EVP_DigestFinal_ex(ctx->state, out, &n);

	EVP_MD_CTX_free(ctx->state);
	ctx->state = NULL;
	return ok && n == rlm_hash_size(ctx->algo) ? 0 : RLM_ECRYPTO;
}

static void ossl_abort_(struct rlm_hash_ctx *ctx)
{
	EVP_MD_CTX_free(ctx->state);
	ctx->state = NULL;
}

/* Fast per-thread access; the key only frees the contexts at thread exit. */
static _Thread_local struct ossl_tls_ *ossl_tls_cur_;

static EVP_MD_CTX *ossl_thread_ctx_(enum rlm_hash_algo algo)
{
	struct ossl_tls_ *t = ossl_tls_cur_;

	if (!t) {
		t = calloc(1, sizeof(*t));
		if (!t)
			return NULL;
		if (pthread_setspecific(ossl_key_, t)) {
			free(t);
			return NULL;
		}
		ossl_tls_cur_ = t;
	}
	if (!t->ctx[algo])
		t->ctx[algo] = EVP_MD_CTX_new();
	return t->ctx[algo];
}

static int ossl_digest_(enum rlm_hash_algo algo, const void *data, size_t len,
			uint8_t *out)
{
	EVP_MD_CTX *c;
	unsigned int n = 0;

#ifndef OPENSSL_NO_DEPRECATED_3_0
	if (algo == RLM_HASH_SHA256) {
		SHA256_CTX s;

		if (!SHA256_Init(&s) || !SHA256_Update(&s, data, len) ||
		    !SHA256_Final(out, &s))
			return RLM_ECRYPTO;
		return 0;
	}
	if (algo == RLM_HASH_SHA512) {
		SHA512_CTX s;

		if (!SHA512_Init(&s) || !SHA512_Update(&s, data, len) ||
		    !SHA512_Final(out, &s))
			return RLM_ECRYPTO;
		return 0;
	}
	if (algo == RLM_HASH_SHA384) {
		SHA512_CTX s;

		if (!SHA384_Init(&s) || !SHA384_Update(&s, data, len) ||
		    !SHA384_Final(out, &s))
			return RLM_ECRYPTO;
		return 0;
	}
#endif
	if ((unsigned int)algo >= NALGO_)
		return RLM_EINVAL;
	c = ossl_thread_ctx_(algo);

	if (!c)
		return RLM_ENOMEM;
	if (!EVP_DigestInit_ex2(c, ossl_md_[algo], NULL) ||
	    !EVP_DigestUpdate(c, data, len) || !EVP_DigestFinal_ex(c, out, &n) ||
	    n != rlm_hash_size(algo))
		return RLM_ECRYPTO;
	return 0;
}

static const struct rlm_hash_provider ossl_provider_ = {
	.name = "openssl",
	.supports = ossl_supports_,
	.init = ossl_init_,
	.update = ossl_update_,
	.final = ossl_final_,
	.abort = ossl_abort_,
	.digest = ossl_digest_,
};

const struct rlm_hash_provider *rlm_hash_openssl_provider(void)
{
	if (pthread_once(&ossl_once_, ossl_setup_) || !ossl_ok_)
		return NULL;
	return &ossl_provider_;
}

#else /* !RLM_HAVE_OPENSSL */

const struct rlm_hash_provider *rlm_hash_openssl_provider(void)
{
	return NULL;
}

#endif
