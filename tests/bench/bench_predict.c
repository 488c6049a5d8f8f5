/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * predict: the RIM of a launch with a 64 MiB kernel image (1 GiB of RAM,
 * SHA-256, one vCPU), against the baseline of hashing that image once with
 * OpenSSL (EVP SHA-256, one call), measured in the same run.  The target
 * (issue 12) is a ratio of at most 1.1, for rlm_launch_predict_threads()
 * on every online CPU (the content hashes spread, the descriptors chained
 * on one thread).  Also printed: the one-thread rlm_launch_predict(),
 * whose floor is 70/64 = 1.094 of the baseline (per granule, the page's
 * 64 SHA-256 blocks and its padding block, then 5 blocks of the 256-byte
 * descriptor), in wall and in thread CPU time (steadier under load).
 * Best of several interleaved runs each, so a loaded machine's stalls
 * count less.
 */
#include <stdio.h>
#include <stdlib.h>

#include <openssl/evp.h>

#include <realm/realm.h>
#include <realm/launch.h>
#include "bench_util.h"

#define IMG_SIZE (64u << 20)
#define RUNS 15

static double openssl_once(const uint8_t *img, uint8_t out[32], double *cpu)
{
	unsigned int k = 0;
	double t = bench_now(), c = bench_cpu_now();

	if (!EVP_Digest(img, IMG_SIZE, out, &k, EVP_sha256(), NULL) || k != 32) {
		fprintf(stderr, "EVP_Digest failed\n");
		exit(1);
	}
	*cpu = bench_cpu_now() - c;
	return bench_now() - t;
}

int main(void)
{
	static const struct rlm_launch_ram ram = { 0x40000000, 0x40000000 };
	struct rlm_launch_vcpu v = { .mpidr = 0, .pc = 0x40000000, .runnable = true };
	struct rlm_launch_image im = { 0x40000000, NULL, IMG_SIZE, true, "kernel" };
	struct rlm_launch_desc d;
	struct rlm_rim rim, first;
	uint8_t dg[32];
	double best_p = 1e9, best_o = 1e9, best_mt = 1e9, cpu_p = 1e9, cpu_o = 1e9, t, c;
	uint8_t *img = malloc(IMG_SIZE);
	int i;

	if (!img)
		return 1;
	for (i = 0; i < (int)IMG_SIZE; i++)
		img[i] = (uint8_t)(i * 2654435761u >> 24);
	im.data = img;
	memset(&d, 0, sizeof(d));
	d.params.s2sz = 40;
	d.params.num_bps = 1;
	d.params.num_wps = 1;
	d.params.hash_algo = RLM_RMI_HASH_SHA_256;
	d.ram = &ram;
	d.nram = 1;
	d.images = &im;
	d.nimages = 1;
	d.vcpus = &v;
	d.nvcpus = 1;
	d.ripas_level = 1;
	bench_print_machine("predict");
	memset(&first, 0, sizeof(first));
	for (i = 0; i < RUNS; i++) {
		/* Interleaved, so all see the same load. */
		t = openssl_once(img, dg, &c);
		if (t < best_o)
			best_o = t;
		if (c < cpu_o)
			cpu_o = c;
		t = bench_now();
		c = bench_cpu_now();
		if (rlm_launch_predict(&d, &rim, NULL)) {
			fprintf(stderr, "predict failed\n");
			return 1;
		}
		c = bench_cpu_now() - c;
		t = bench_now() - t;
		if (t < best_p)
			best_p = t;
		if (c < cpu_p)
			cpu_p = c;
		/* Same input, same RIM every run (a real result, not skipped work). */
		if (i == 0)
			first = rim;
		else if (memcmp(first.value, rim.value, 32))
			return 1;
		t = bench_now();
		if (rlm_launch_predict_threads(&d, &rim, NULL, 0)) {
			fprintf(stderr, "predict (threads) failed\n");
			return 1;
		}
		t = bench_now() - t;
		if (t < best_mt)
			best_mt = t;
		if (memcmp(first.value, rim.value, 32)) {
			fprintf(stderr, "threaded predict gives another RIM\n");
			return 1;
		}
	}
	printf("predict 64 MiB kernel (rlm_launch_predict_threads, %ld threads): %.1f ms;"
	       " baseline OpenSSL SHA-256 of the image once: %.1f ms; ratio %.3f (target <= 1.1)%s\n",
	       sysconf(_SC_NPROCESSORS_ONLN), best_mt * 1e3, best_o * 1e3, best_mt / best_o,
	       best_mt / best_o <= 1.1 ? "" : "  BELOW TARGET");
	printf("predict 64 MiB kernel (rlm_launch_predict, 1 thread): %.1f ms; same baseline;"
	       " ratio %.3f (reported; floor 70/64 = 1.094)\n",
	       best_p * 1e3, best_p / best_o);
	printf("predict 64 MiB kernel (rlm_launch_predict, 1 thread), thread CPU time: %.1f ms;"
	       " baseline %.1f ms; ratio %.3f (reported)\n",
	       cpu_p * 1e3, cpu_o * 1e3, cpu_p / cpu_o);
	bench_print_load("predict");
	free(img);
	return 0;
}
