/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The core's ECDSA signer (realm/ecdsa.h) against OpenSSL signing the same
 * digests with the same keys, alternating in one run, medians.  Prints
 * figure, baseline, ratio per curve.  The core signer is a mock's (not
 * constant time, no assembly): its target is "well under 50 ms" a token
 * signature, not OpenSSL's speed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <realm/ecdsa.h>
#include "bench_util.h"

#define ITERS 101

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int bench(enum rlm_ecdsa_curve c)
{
	static double ours[ITERS], theirs[ITERS];
	size_t bytes = rlm_ecdsa_size(c), dl = bytes, len;
	EVP_PKEY *k = EVP_EC_gen(c == RLM_ECDSA_P256 ? "P-256" : "P-384");
	EVP_PKEY_CTX *ctx = k ? EVP_PKEY_CTX_new(k, NULL) : NULL;
	uint8_t priv[48], dg[64], sig[96], der[160];
	BIGNUM *d = NULL;
	int i;

	if (!ctx || !EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_PRIV_KEY, &d) ||
	    BN_bn2binpad(d, priv, (int)bytes) != (int)bytes ||
	    EVP_PKEY_sign_init(ctx) != 1) {
		printf("P-%d: OpenSSL set-up failed\n", (int)c);
		return 1;
	}
	BN_clear_free(d);
	for (i = 0; i < ITERS; i++) {
		size_t dlen = sizeof(der);
		double t0, t1, t2;

		RAND_bytes(dg, sizeof(dg));
		t0 = now();
		if (rlm_ecdsa_sign(c, priv, bytes, dg, dl, sig, sizeof(sig), &len))
			return 1;
		t1 = now();
		if (EVP_PKEY_sign(ctx, der, &dlen, dg, dl) != 1)
			return 1;
		t2 = now();
		ours[i] = t1 - t0;
		theirs[i] = t2 - t1;
	}
	qsort(ours, ITERS, sizeof(double), cmp_double);
	qsort(theirs, ITERS, sizeof(double), cmp_double);
	printf("ecdsa sign P-%d: %.3f ms (core signer), baseline OpenSSL %.3f ms, "
	       "ratio %.3f (speed, ours/OpenSSL); target < 50 ms\n", (int)c,
	       ours[ITERS / 2] * 1e3, theirs[ITERS / 2] * 1e3,
	       theirs[ITERS / 2] / ours[ITERS / 2]);
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(k);
	return ours[ITERS / 2] < 0.050 ? 0 : 1;
}

int main(void)
{
	int rc;

	bench_print_machine("ecdsa-sign");
	rc = bench(RLM_ECDSA_P256) | bench(RLM_ECDSA_P384);
	bench_print_load("ecdsa-sign");
	return rc;
}
