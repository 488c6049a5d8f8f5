/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Measurement benchmarks (README.md, Performance), each against
 * a baseline timed in the same run; prints "figure, baseline, ratio".
 *  (a) RIM of a 1 GiB image loaded as measured data (rlm_rim_extend_image,
 *      default provider) vs OpenSSL SHA-256 over the same 1 GiB in 4 KiB
 *      EVP_DigestUpdate calls on one thread.  Targets: >= 0.95x on one
 *      thread, >= 1.8x on two.
 *  (b) replay of a 10,000-event log (REM events, SHA-256) vs OpenSSL
 *      one-shot SHA-256 of the same extension inputs (REM || digest) plus
 *      the same event data.  Target >= 0.9x.
 *  Also printed against the stricter one-shot-per-granule baseline: a RIM
 *  hashes 70 SHA-256 blocks per granule (65 content + 5 descriptor) where
 *  the baseline hashes 65, so one thread tops out near 0.93x there.
 * Ratios are throughput ratios (baseline time / figure time); the best of
 * three runs of each is kept, as the machines are shared.  Below-target
 * ratios are printed plainly; speed is tracked, not asserted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <realm/realm.h>
#include "rlm_config.h"

#if RLM_HAVE_OPENSSL
#include <openssl/evp.h>

#define IMAGE_SIZE ((size_t)1 << 30)
#define NEVENTS 10000
#define REPS 20

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double openssl_sha256_4k(const uint8_t *img, size_t len)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	EVP_MD *md = EVP_MD_fetch(NULL, "SHA256", NULL);
	unsigned char out[64];
	unsigned int n;
	double t0 = now();
	size_t off;

	/* The fastest EVP use: explicitly fetched digest, one context. */
	EVP_DigestInit_ex2(c, md, NULL);
	for (off = 0; off < len; off += 4096)
		EVP_DigestUpdate(c, img + off, 4096);
	EVP_DigestFinal_ex(c, out, &n);
	t0 = now() - t0;
	EVP_MD_CTX_free(c);
	EVP_MD_free(md);
	return t0;
}

/* A stricter baseline: one-shot SHA-256 of each 4 KiB granule (on this
 * class of machine OpenSSL hashes separate 4 KiB messages faster than one
 * 1 GiB stream fed 4 KiB at a time). */
static double openssl_sha256_granules(const uint8_t *img, size_t len)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	EVP_MD *md = EVP_MD_fetch(NULL, "SHA256", NULL);
	unsigned char out[64];
	unsigned int n;
	double t0 = now();
	size_t off;

	for (off = 0; off < len; off += 4096) {
		EVP_DigestInit_ex2(c, md, NULL);
		EVP_DigestUpdate(c, img + off, 4096);
		EVP_DigestFinal_ex(c, out, &n);
	}
	t0 = now() - t0;
	EVP_MD_CTX_free(c);
	EVP_MD_free(md);
	return t0;
}

static double rim_image(const uint8_t *img, size_t len, unsigned int threads,
			uint8_t *value)
{
	struct rlm_realm_params p;
	struct rlm_rim rim;
	double t0;

	memset(&p, 0, sizeof(p));
	p.s2sz = 48;
	p.num_bps = 1;
	p.num_wps = 1;
	if (rlm_rim_init(&rim, &p))
		abort();
	t0 = now();
	if (rlm_rim_extend_image(&rim, 0x40000000, img, len, RLM_RMI_MEASURE_CONTENT,
				 threads))
		abort();
	t0 = now() - t0;
	memcpy(value, rim.value, 64);
	return t0;
}

static void report(const char *what, double fig, double base, double target)
{
	double ratio = base / fig;

	printf("%s: %.3f s, baseline %.3f s, ratio %.2fx (target >= %.2fx)%s\n", what,
	       fig, base, ratio, target, ratio < target ? "  BELOW TARGET" : "");
}

static void bench_image(void)
{
	uint8_t *img = malloc(IMAGE_SIZE);
	uint8_t v1[64], v2[64];
	double base = 1e9, base_g = 1e9, f1 = 1e9, f2 = 1e9, t;
	size_t i;
	int r;

	if (!img)
		abort();
	for (i = 0; i < IMAGE_SIZE; i += 8) {
		uint64_t x = i * 0x9e3779b97f4a7c15ULL;

		memcpy(img + i, &x, 8);
	}
	for (r = 0; r < 3; r++) {
		t = openssl_sha256_4k(img, IMAGE_SIZE);
		base = t < base ? t : base;
		t = openssl_sha256_granules(img, IMAGE_SIZE);
		base_g = t < base_g ? t : base_g;
		t = rim_image(img, IMAGE_SIZE, 1, v1);
		f1 = t < f1 ? t : f1;
		t = rim_image(img, IMAGE_SIZE, 2, v2);
		f2 = t < f2 ? t : f2;
		if (memcmp(v1, v2, 64)) {
			printf("RIM differs between 1 and 2 threads\n");
			exit(1);
		}
	}
	printf("hash provider: %s\n", rlm_hash_get_provider()->name);
	report("RIM of 1 GiB image, 1 thread (vs OpenSSL SHA-256 4 KiB calls, 1 thread)",
	       f1, base, 0.95);
	report("RIM of 1 GiB image, 2 threads (vs OpenSSL SHA-256 4 KiB calls, 1 thread)",
	       f2, base, 1.8);
	report("RIM of 1 GiB image, 1 thread (vs OpenSSL one-shot SHA-256 per 4 KiB granule)",
	       f1, base_g, 0.95);
	report("RIM of 1 GiB image, 2 threads (vs OpenSSL one-shot SHA-256 per 4 KiB granule)",
	       f2, base_g, 1.8);
	free(img);
}

static void bench_replay(void)
{
	static const uint16_t alg[] = { RLM_TPM_ALG_SHA256 };
	size_t cap = 64 + (size_t)NEVENTS * 128, i, n;
	uint8_t *buf = malloc(cap), **inputs;
	struct rlm_tcg_builder b;
	struct rlm_realm_mrs m;
	double base = 1e9, base_ext = 1e9, fig = 1e9, t;
	uint8_t data[48];
	int r, rep;

	if (!buf || rlm_tcg_build_init(&b, buf, cap, alg, 1))
		abort();
	for (i = 0; i < NEVENTS; i++) {
		memset(data, (int)i, sizeof(data));
		memcpy(data, &i, sizeof(i));
		if (rlm_tcg_build_event_hashed(&b, 8 + (uint32_t)(i % 9), RLM_EV_IPL,
					       data, sizeof(data), data, sizeof(data)))
			abort();
	}
	/* Baseline inputs: each event's REM || digest and its data. */
	inputs = calloc(NEVENTS, sizeof(*inputs));
	for (i = 0; i < NEVENTS; i++) {
		inputs[i] = malloc(64);
		memset(inputs[i], (int)i, 64);
	}
	/* 10 rounds of 20 repetitions: a replay takes about a millisecond. */
	for (r = 0; r < 10; r++) {
		EVP_MD_CTX *c = EVP_MD_CTX_new();
		EVP_MD *md = EVP_MD_fetch(NULL, "SHA256", NULL);
		unsigned char out[64];
		unsigned int k;

		t = now();
		for (rep = 0; rep < REPS; rep++)
		for (i = 0; i < NEVENTS; i++) {
			EVP_DigestInit_ex2(c, md, NULL);
			EVP_DigestUpdate(c, inputs[i], 64);
			EVP_DigestFinal_ex(c, out, &k);
		}
		t = now() - t;
		base_ext = t < base_ext ? t : base_ext;
		t = now();
		for (rep = 0; rep < REPS; rep++)
		for (i = 0; i < NEVENTS; i++) {
			EVP_DigestInit_ex2(c, md, NULL);
			EVP_DigestUpdate(c, inputs[i], 64);
			EVP_DigestFinal_ex(c, out, &k);
			EVP_DigestInit_ex2(c, md, NULL);
			EVP_DigestUpdate(c, inputs[i], sizeof(data));
			EVP_DigestFinal_ex(c, out, &k);
		}
		t = now() - t;
		EVP_MD_CTX_free(c);
		EVP_MD_free(md);
		base = t < base ? t : base;
		t = now();
		for (rep = 0; rep < REPS; rep++)
			if (rlm_tcg_replay(buf, b.len, NULL, &m, &n, NULL) || n != NEVENTS)
				abort();
		t = now() - t;
		fig = t < fig ? t : fig;
	}
	report("replay of a 10,000-event log (vs OpenSSL SHA-256 of the digests and event data)",
	       fig, base, 0.9);
	/* Stricter: the replay does not rehash event data, so compare with
	 * the extension hashing alone too. */
	report("replay of a 10,000-event log (vs OpenSSL SHA-256 of REM||digest only)",
	       fig, base_ext, 0.9);
	for (i = 0; i < NEVENTS; i++)
		free(inputs[i]);
	free(inputs);
	free(buf);
}

int main(void)
{
	bench_image();
	bench_replay();
	return 0;
}

#else
int main(void)
{
	printf("benchmarks need OpenSSL (the baseline): not built with it\n");
	return 77;
}
#endif
