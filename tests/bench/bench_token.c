/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Token verification rate vs the raw OpenSSL verifications the token needs
 * (docs/benchmarks.md): figure = full rlm_token_decode + rlm_token_verify
 * (strict CBOR, claim rules, RAK import, both ECDSA verifications,
 * binding hash); baseline = EVP_DigestVerify of the two Sig_structures
 * with keys already loaded and DER signatures already built.  Both are
 * timed in the same run, interleaved in rounds so noise hits both alike.
 * Target: ratio >= 0.9.  Prints; never fails on speed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <realm/error.h>
#include <realm/token.h>

#include "attest/token_priv.h"
#include "bench_util.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

#define WARMUP 20
#define ITERS 400

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *b;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	b = malloc((size_t)n);
	if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
		free(b);
		b = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return b;
}

/* One pre-built raw verification. */
struct raw {
	EVP_PKEY *pk;
	const EVP_MD *md;
	uint8_t *tbs;
	size_t tbs_len;
	uint8_t der[160];
	size_t der_len;
};

static EVP_PKEY *pkey_of(const uint8_t *pt, size_t len)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	OSSL_PARAM params[3];
	EVP_PKEY *pk = NULL;

	params[0] = OSSL_PARAM_construct_utf8_string("group",
		(char *)(len == 65 ? "prime256v1" : "secp384r1"), 0);
	params[1] = OSSL_PARAM_construct_octet_string("pub", (void *)(uintptr_t)pt, len);
	params[2] = OSSL_PARAM_construct_end();
	if (ctx && EVP_PKEY_fromdata_init(ctx) > 0)
		EVP_PKEY_fromdata(ctx, &pk, EVP_PKEY_PUBLIC_KEY, params);
	EVP_PKEY_CTX_free(ctx);
	return pk;
}

static int raw_prepare(struct raw *r, const struct rlm_cose_sign1 *s,
		       const uint8_t *pt, size_t ptlen)
{
	r->pk = pkey_of(pt, ptlen);
	r->md = s->alg == RLM_COSE_ALG_ES256 ? EVP_sha256() : EVP_sha384();
	if (rlm_cose_sig_structure(s, NULL, 0, &r->tbs_len) != RLM_ENOSPC)
		return -1;
	r->tbs = malloc(r->tbs_len);
	if (!r->pk || !r->tbs ||
	    rlm_cose_sig_structure(s, r->tbs, r->tbs_len, &r->tbs_len) ||
	    rlm_token_rs_to_der_(s->signature.ptr, s->signature.len, r->der,
				 sizeof(r->der), &r->der_len))
		return -1;
	return 0;
}

static int raw_verify(const struct raw *r)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	int ok = md && EVP_DigestVerifyInit(md, NULL, r->md, NULL, r->pk) == 1 &&
		 EVP_DigestVerify(md, r->der, r->der_len, r->tbs, r->tbs_len) == 1;

	EVP_MD_CTX_free(md);
	return ok ? 0 : -1;
}

static int bench_one(const char *label, const char *tokpath, const char *keypath)
{
	struct rlm_token *t = calloc(1, sizeof(*t));
	struct rlm_token_key *key = NULL;
	struct rlm_token_result res;
	struct raw rp, rr;
	uint8_t *tok, *kb;
	size_t tlen, klen;
	double t_full = 0, t_raw = 0, t0;
	static double d_full[ITERS], d_raw[ITERS];
	long i;
	int bad = 0;
	uint8_t ppt[97];
	size_t ppt_len;

	tok = read_file(tokpath, &tlen);
	kb = read_file(keypath, &klen);
	if (!t || !tok || !kb || rlm_token_decode(tok, tlen, t) ||
	    rlm_token_key_load(kb, klen, t->platform.instance_id.ptr,
			       t->platform.instance_id.len, &key) ||
	    rlm_token_verify(t, key, &res)) {
		printf("%s: cannot set up (%s, %s)\n", label, tokpath, keypath);
		return 1;
	}
	/* the same platform key, as a raw point, for the baseline */
	if (rlm_token_key_point_(key, ppt, sizeof(ppt), &ppt_len))
		return 1;
	if (raw_prepare(&rp, &t->platform_token, ppt, ppt_len) ||
	    raw_prepare(&rr, &t->realm_token, t->realm.rak_point, 97) ||
	    raw_verify(&rp) || raw_verify(&rr)) {
		printf("%s: raw OpenSSL set-up failed\n", label);
		return 1;
	}
	/* Alternate one full verification and one raw pair, timing each, so
	 * that noise on this shared machine hits both alike; rates from the
	 * medians (robust to preemption), totals printed too. */
	for (i = 0; i < WARMUP + ITERS; i++) {
		struct rlm_token tt;
		double t1;

		t0 = now();
		bad |= rlm_token_decode(tok, tlen, &tt);
		bad |= rlm_token_verify(&tt, key, &res);
		t1 = now();
		bad |= raw_verify(&rp);
		bad |= raw_verify(&rr);
		if (i >= WARMUP) {
			d_full[i - WARMUP] = t1 - t0;
			d_raw[i - WARMUP] = now() - t1;
			t_full += d_full[i - WARMUP];
			t_raw += d_raw[i - WARMUP];
		}
	}
	if (bad) {
		printf("%s: a verification failed during the run\n", label);
		return 1;
	}
	qsort(d_full, ITERS, sizeof(double), cmp_double);
	qsort(d_raw, ITERS, sizeof(double), cmp_double);
	{
		double fig = 1.0 / d_full[ITERS / 2], base = 1.0 / d_raw[ITERS / 2];
		double ratio = fig / base;

		printf("token verify %s: %.0f tokens/s, baseline raw OpenSSL %.0f/s, "
		       "ratio %.3f%s (means: %.0f/s vs %.0f/s)\n",
		       label, fig, base, ratio,
		       ratio >= 0.9 ? "" : "  (below the 0.9 target)",
		       ITERS / t_full, ITERS / t_raw);
	}
	EVP_PKEY_free(rp.pk);
	EVP_PKEY_free(rr.pk);
	free(rp.tbs);
	free(rr.tbs);
	rlm_token_key_free(key);
	free(kb);
	free(tok);
	free(t);
	return 0;
}

int main(void)
{
	const char *v = getenv("RLM_VECTORS");
	char tok[512], key[512];
	int rc = 0;

	bench_print_machine("token-verify");
	if (!v) {
		printf("RLM_VECTORS not set\n");
		return 1;
	}
	snprintf(tok, sizeof(tok), "%s/tokens/veraison-ccatoken/tf-rmm_cca_token.cbor", v);
	snprintf(key, sizeof(key), "%s/tokens/veraison-ccatoken/tf-rmm_cca_platform.pub", v);
	rc |= bench_one("ES384+ES384 (tf-rmm)", tok, key);
	snprintf(tok, sizeof(tok), "%s/tokens/veraison-ccatoken/testGoodCCAToken.cbor", v);
	snprintf(key, sizeof(key), "%s/tokens/veraison-ccatoken/testIAK.jwk.json", v);
	rc |= bench_one("ES256+ES384 (veraison CMW)", tok, key);
	bench_print_load("token-verify");
	return rc;
}
