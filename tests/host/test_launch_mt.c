/* SPDX-License-Identifier: BSD-3-Clause */
/* rlm_launch_predict_threads: the same RIM and counts as the one-thread
 * rlm_launch_predict on 1..5 threads, for plans with firmware outside RAM,
 * unaligned and partial granules, unmeasured images and several batches of
 * granules; the errors of a bad plan come back unchanged. */
#include "test_util.h"
#include <realm/realm.h>
#include <realm/launch.h>

static struct rlm_launch_vcpu vcpus[2] = {
	{ .mpidr = 0, .pc = 0x40000000, .runnable = true },
	{ .mpidr = 1, .pc = 0, .runnable = false },
};

static void desc_(struct rlm_launch_desc *d, const struct rlm_launch_ram *ram,
		  struct rlm_launch_image *ims, size_t n, unsigned int hash)
{
	memset(d, 0, sizeof(*d));
	d->params.s2sz = 40;
	d->params.num_bps = 1;
	d->params.num_wps = 1;
	d->params.hash_algo = (uint8_t)hash;
	d->ram = ram;
	d->nram = 1;
	d->images = ims;
	d->nimages = n;
	d->vcpus = vcpus;
	d->nvcpus = 2;
	d->ripas_level = 2;
}

static void same_(const struct rlm_launch_desc *d)
{
	struct rlm_launch_counts c1, cn;
	struct rlm_rim r1, rn;
	unsigned int t;

	assert_int_equal(rlm_launch_predict(d, &r1, &c1), 0);
	for (t = 0; t <= 5; t++) {
		memset(&rn, 0, sizeof(rn));
		memset(&cn, 0xff, sizeof(cn));
		assert_int_equal(rlm_launch_predict_threads(d, &rn, &cn, t), 0);
		assert_int_equal(rn.algo, r1.algo);
		assert_memory_equal(rn.value, r1.value, sizeof(r1.value));
		assert_memory_equal(&cn, &c1, sizeof(c1));
	}
	/* counts optional */
	assert_int_equal(rlm_launch_predict_threads(d, &rn, NULL, 2), 0);
	assert_memory_equal(rn.value, r1.value, sizeof(r1.value));
}

static void test_same_as_one_thread(void **state)
{
	static const struct rlm_launch_ram ram = { 0x40000000, 0x4000000 };
	static uint8_t fw[10] = "FW CONTENT", initrd[0x1234], dtb[100];
	size_t klen = 300 * 4096 + 17, i;   /* > 4 batches of granules */
	uint8_t *kern = malloc(klen);
	struct rlm_launch_image ims[4] = {
		{ 0, fw, sizeof(fw), true, "firmware" },
		{ 0x40000000, NULL, 0, true, "kernel" },
		{ 0x40200004, initrd, sizeof(initrd), true, "initrd" },
		{ 0x40300000, dtb, sizeof(dtb), false, "dtb" },
	};
	struct rlm_launch_desc d;

	(void)state;
	assert_non_null(kern);
	for (i = 0; i < klen; i++)
		kern[i] = (uint8_t)(i * 2654435761u >> 24);
	for (i = 0; i < sizeof(initrd); i++)
		initrd[i] = (uint8_t)(i * 7 + 1);
	memset(dtb, 0xd7, sizeof(dtb));
	ims[1].data = kern;
	ims[1].len = klen;
	desc_(&d, &ram, ims, 4, RLM_RMI_HASH_SHA_256);
	same_(&d);
	desc_(&d, &ram, ims, 4, RLM_RMI_HASH_SHA_512);
	same_(&d);
	/* No measured image at all: the plain walk. */
	desc_(&d, &ram, ims + 3, 1, RLM_RMI_HASH_SHA_256);
	same_(&d);
	free(kern);
}

static void test_bad_plans(void **state)
{
	static const struct rlm_launch_ram ram = { 0x40000000, 0x200000 };
	static uint8_t a[0x3000], b[0x10];
	struct rlm_launch_image ims[2] = {
		{ 0x40000000, a, sizeof(a), true, "kernel" },
		{ 0x40002ff0, b, sizeof(b), true, "initrd" },   /* shares a granule */
	};
	struct rlm_launch_desc d;
	struct rlm_rim rim;

	(void)state;
	desc_(&d, &ram, ims, 2, RLM_RMI_HASH_SHA_256);
	assert_int_equal(rlm_launch_predict_threads(&d, &rim, NULL, 2),
			 rlm_launch_predict(&d, &rim, NULL));
	assert_int_equal(rlm_launch_predict_threads(&d, &rim, NULL, 2), RLM_ERANGE);
	assert_int_equal(rlm_launch_predict_threads(NULL, &rim, NULL, 2), RLM_EINVAL);
	assert_int_equal(rlm_launch_predict_threads(&d, NULL, NULL, 2), RLM_EINVAL);
	desc_(&d, &ram, ims, 1, 7);   /* unknown hash */
	assert_int_equal(rlm_launch_predict_threads(&d, &rim, NULL, 2),
			 rlm_launch_predict(&d, &rim, NULL));
	assert_int_not_equal(rlm_launch_predict(&d, &rim, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_as_one_thread),
		cmocka_unit_test(test_bad_plans),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
