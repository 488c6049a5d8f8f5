/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Randomized realm launches through the mock RMM: the RIM the mock keeps
 * equals the incremental calculator fed the same RMI events, and equals the
 * replay of the launch log a VMM would write for them (three independent
 * paths to one value).
 */
#include "../mock/mock_fx.h"

static uint64_t rng = 0x853c49e6748fea9bULL;
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 20);
}

struct img {
	const uint8_t *data;
	size_t len;
};

static int find_img(void *arg, const struct rlm_tcg_event *ev,
		    const struct rlm_tcg_blob *blob, const uint8_t **data, size_t *len)
{
	const struct img *im = arg;

	(void)ev;
	(void)blob;
	*data = im->data;
	*len = im->len;
	return 0;
}

static void one_launch(uint8_t algo)
{
	static uint8_t logbuf[16384];
	static const uint16_t algs[] = { RLM_TPM_ALG_SHA256, RLM_TPM_ALG_SHA512 };
	struct fx f;
	struct rlm_realm_params p;
	struct rlm_rec_params rp;
	struct rlm_tcg_builder b;
	struct rlm_tcg_replay_opts o;
	struct rlm_realm_mrs m;
	struct rlm_rim rim;
	struct img im;
	uint8_t mock_rim[64], *image, *src;
	uint64_t rd, base, top, ipa, next_g = 3;
	size_t hs, npages, i, nunm;
	unsigned int k;

	fx_init(&f);
	rd = G(&f, 0);
	fx_delegate(&f, rd);
	fx_delegate_range(&f, 1, 2);
	fx_params(&p, G(&f, 1));
	p.hash_algo = algo;
	assert_int_equal(fx_realm_create_p(&f, rd, &p), FX_OK);
	assert_int_equal(rlm_rim_init(&rim, &p), 0);
	assert_int_equal(rlm_tcg_build_init(&b, logbuf, sizeof(logbuf), algs, 2), 0);
	assert_int_equal(rlm_realm_log_add_realm_create(&b, &p), 0);

	/* L2 table for [0, 1G), L3 for the 2 MiB block at 2 MiB * k. */
	fx_rtt(&f, 0, next_g++, 0, 2);
	k = 1 + rnd() % 8;
	fx_rtt(&f, 0, next_g++, (uint64_t)k << 21, 3);

	/* INIT_RIPAS of a random sub-2 MiB range in that L3 table: one
	 * measurement per 4 KiB entry, as the log's model says too. */
	npages = 2 + rnd() % 24;
	base = ((uint64_t)k << 21) + (uint64_t)(rnd() % 64) * RLM_GRANULE_SIZE;
	top = base + (npages + 4) * RLM_GRANULE_SIZE;
	for (ipa = base; ipa < top;) {
		assert_int_equal(CALL3(&f, RTT_INIT_RIPAS, rd, ipa, top), FX_OK);
		assert_true(f.r.x[1] > ipa && f.r.x[1] <= top);
		ipa = f.r.x[1];
	}
	for (ipa = base; ipa < top; ipa += RLM_GRANULE_SIZE)
		assert_int_equal(rlm_rim_extend_ripas(&rim, ipa, ipa + RLM_GRANULE_SIZE), 0);
	assert_int_equal(rlm_realm_log_add_init_ripas(&b, base, top - base), 0);

	/* An image of random length copied into npages measured granules,
	 * then a few unmeasured ones. */
	im.len = (npages - 1) * RLM_GRANULE_SIZE + 1 + rnd() % RLM_GRANULE_SIZE;
	image = malloc(im.len);
	assert_non_null(image);
	for (i = 0; i < im.len; i++)
		image[i] = (uint8_t)rnd();
	im.data = image;
	src = rlm_mock_ns_ptr(f.m, NS(&f, 5), RLM_GRANULE_SIZE);
	assert_non_null(src);
	for (i = 0; i < npages; i++) {
		size_t n = im.len - i * RLM_GRANULE_SIZE;
		uint64_t data = G(&f, next_g++);

		memset(src, 0, RLM_GRANULE_SIZE);
		memcpy(src, image + i * RLM_GRANULE_SIZE, n < RLM_GRANULE_SIZE ? n : RLM_GRANULE_SIZE);
		fx_delegate(&f, data);
		assert_int_equal(CALL5(&f, DATA_CREATE, rd, data, base + i * RLM_GRANULE_SIZE,
				       NS(&f, 5), RLM_RMI_MEASURE_CONTENT), FX_OK);
		assert_int_equal(rlm_rim_extend_data(&rim, base + i * RLM_GRANULE_SIZE,
						     RLM_RMI_MEASURE_CONTENT, src), 0);
	}
	assert_int_equal(rlm_realm_log_add_blob(&b, RLM_EV_POST_CODE2, "KERNEL", base,
						image, im.len), 0);
	nunm = 1 + rnd() % 3;
	for (i = 0; i < nunm; i++) {
		uint64_t data = G(&f, next_g++);

		ipa = base + (npages + i) * RLM_GRANULE_SIZE;
		memset(src, 0xee, RLM_GRANULE_SIZE);
		fx_delegate(&f, data);
		assert_int_equal(CALL5(&f, DATA_CREATE, rd, data, ipa, NS(&f, 5),
				       RLM_RMI_NO_MEASURE_CONTENT), FX_OK);
		assert_int_equal(rlm_rim_extend_data(&rim, ipa, 0, NULL), 0);
	}
	assert_int_equal(rlm_realm_log_add_blob(&b, RLM_EV_POST_CODE2, "DTB",
						base + npages * RLM_GRANULE_SIZE, NULL,
						nunm * RLM_GRANULE_SIZE), 0);

	/* The boot REC (measured) and a second one, not runnable (not). */
	fx_rec_params(&f, &rp, 0, true, next_g);
	fx_delegate(&f, G(&f, next_g + 16));
	fx_delegate_range(&f, next_g, 16);
	rp.pc = base;
	for (i = 0; i < 8; i++)
		rp.gprs[i] = ((uint64_t)rnd() << 20) ^ rnd();
	assert_int_equal(fx_rec_create_p(&f, rd, G(&f, next_g + 16), &rp), FX_OK);
	assert_int_equal(rlm_rim_extend_rec(&rim, &rp), 0);
	assert_int_equal(rlm_realm_log_add_rec_create(&b, &rp), 0);
	next_g += 17;
	fx_rec_params(&f, &rp, 1, false, next_g);
	fx_delegate(&f, G(&f, next_g + 16));
	fx_delegate_range(&f, next_g, 16);
	assert_int_equal(fx_rec_create_p(&f, rd, G(&f, next_g + 16), &rp), FX_OK);
	assert_int_equal(rlm_realm_log_add_rec_create(&b, &rp), 0);

	/* mock == incremental == log replay */
	assert_int_equal(rlm_mock_measurement(f.m, rd, 0, mock_rim, &hs), 0);
	assert_int_equal(hs, rlm_hash_size(rim.algo));
	assert_memory_equal(mock_rim, rim.value, 64);
	memset(&o, 0, sizeof(o));
	o.image = find_img;
	o.image_arg = &im;
	assert_int_equal(rlm_tcg_replay(logbuf, b.len, &o, &m, NULL, NULL), 0);
	assert_true(m.have_rim);
	assert_memory_equal(m.rim, mock_rim, 64);
	free(image);
	fx_fini(&f);
}

static void test_mock_agrees(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < 12; i++)
		one_launch((uint8_t)(i & 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mock_agrees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
