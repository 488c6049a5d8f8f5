/* SPDX-License-Identifier: BSD-3-Clause */
/* TCG2 event logs: the shared vector, realm launch logs built here and
 * replayed (cross-checked against the incremental calculator), logged REM
 * extension, compare, CCEL, and every kind of bad input. */
#include "test_util.h"

#include <time.h>
#include <realm/realm.h>

static uint64_t rng = 0x243f6a8885a308d3ULL;
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

/* Parse a log held in an exact-size heap copy so ASan sees any over-read. */
static int replay_copy(const uint8_t *log, size_t len,
		       const struct rlm_tcg_replay_opts *o,
		       struct rlm_realm_mrs *m, size_t *n, struct rlm_tcg_error *e)
{
	uint8_t *c = malloc(len ? len : 1);
	int rc;

	assert_non_null(c);
	memcpy(c, log, len);
	rc = rlm_tcg_replay(c, len, o, m, n, e);
	free(c);
	return rc;
}

static void test_bootlog_vector(void **state)
{
	static const char *const desc[] = { "KERNEL", "INITRD", "DTB" };
	static const uint64_t base[] = { 0x80000000, 0x8addd3fc, 0x8fe00000 };
	static const uint64_t size[] = { 0x2ba9a00, 0x5022c00, 0x10000 };
	char path[512];
	size_t len, pos, n = 0;
	uint8_t *buf = tu_read_file(tu_vector_path("measurements/realm-bootlog.bin",
						   path, sizeof(path)), &len);
	struct rlm_tcg_log log;
	struct rlm_tcg_event ev;
	struct rlm_tcg_blob blob;
	struct rlm_realm_mrs m;
	struct rlm_tcg_error err;
	uint8_t zero[64] = { 0 };
	int rc;

	(void)state;
	assert_int_equal(len, 512);
	assert_int_equal(rlm_tcg_log_open(&log, buf, len, &err), 0);
	assert_int_equal(log.nalgs, 1);
	assert_int_equal(log.algs[0].id, RLM_TPM_ALG_SHA256);
	assert_int_equal(log.algs[0].size, 32);
	assert_int_equal(log.version_major, 2);
	assert_int_equal(log.errata, 106);
	assert_int_equal(log.first_event, 65);
	pos = log.first_event;
	while (!(rc = rlm_tcg_log_next(&log, &pos, &ev, &err))) {
		assert_true(n < 3);
		assert_int_equal(ev.index, 0);
		assert_int_equal(ev.type, RLM_EV_POST_CODE2);
		assert_int_equal(ev.ndigests, 1);
		assert_non_null(rlm_tcg_event_digest(&ev, RLM_TPM_ALG_SHA256));
		assert_null(rlm_tcg_event_digest(&ev, RLM_TPM_ALG_SHA512));
		assert_int_equal(rlm_tcg_parse_blob(ev.data, ev.data_size, &blob), 0);
		assert_int_equal(blob.desc_len, strlen(desc[n]) + 1);
		assert_memory_equal(blob.desc, desc[n], blob.desc_len);
		assert_int_equal(blob.base, base[n]);
		assert_int_equal(blob.size, size[n]);
		n++;
	}
	assert_int_equal(rc, RLM_ENOENT);
	assert_int_equal(n, 3);
	assert_int_equal(pos, 284); /* the rest of the 512-byte area is zero */
	/* Replay: no REALM_CREATE, so no RIM; PCR0 only, so REMs stay zero. */
	assert_int_equal(replay_copy(buf, len, NULL, &m, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_false(m.have_rim);
	assert_int_equal(m.algo, RLM_HASH_SHA256);
	for (int i = 0; i < 4; i++)
		assert_memory_equal(m.rem[i], zero, 64);
	/* Truncated anywhere inside the events: an error, never a crash. */
	for (size_t l = 0; l < 284; l++) {
		size_t from = l < 65 ? 0 : l < 139 ? 65 : l < 213 ? 139 : 213, k;
		bool zeros = l >= 65;

		for (k = from; k < l && zeros; k++)
			zeros = buf[k] == 0;
		rc = replay_copy(buf, l, NULL, &m, &n, &err);
		if (zeros)   /* an event boundary, or what looks like padding */
			assert_int_equal(rc, 0);
		else
			assert_int_equal(rc, RLM_ETRUNC);
	}
	/* Non-zero bytes in the padding are garbage. */
	buf[400] = 0x42;
	assert_int_not_equal(replay_copy(buf, len, NULL, &m, &n, &err), 0);
	assert_int_equal(err.offset, 284);
	free(buf);
}

/* ---- realm launch logs ---- */

struct images {
	const uint8_t *data[4];
	size_t len[4];
	unsigned int n, calls;
};

/* Find an image by the SHA-256 digest in the event. */
static int find_image(void *arg, const struct rlm_tcg_event *ev,
		      const struct rlm_tcg_blob *blob, const uint8_t **data,
		      size_t *len)
{
	struct images *im = arg;
	const uint8_t *want = rlm_tcg_event_digest(ev, RLM_TPM_ALG_SHA256);
	unsigned int i;

	(void)blob;
	im->calls++;
	for (i = 0; i < im->n; i++) {
		uint8_t h[64];

		assert_int_equal(rlm_hash_digest(RLM_HASH_SHA256, im->data[i], im->len[i], h), 0);
		if (want && !memcmp(h, want, 32)) {
			*data = im->data[i];
			*len = im->len[i];
			return 0;
		}
	}
	return RLM_ENOENT;
}

struct launch {
	struct rlm_realm_params rp;
	struct rlm_rec_params rec;
	uint8_t *kernel, *initrd;
	size_t klen, ilen;
	uint64_t kbase, ibase, dtb_base, dtb_len;
};

static void launch_init(struct launch *L, uint8_t algo)
{
	size_t i;

	memset(L, 0, sizeof(*L));
	L->rp.s2sz = 40;
	L->rp.num_bps = 5;
	L->rp.num_wps = 3;
	L->rp.flags = RLM_RMI_REALM_PARAM_FLAG_SVE;
	L->rp.sve_vl = 3;
	L->rp.hash_algo = algo;
	L->rec.flags = RLM_REC_PARAMS_FLAG_RUNNABLE;
	L->rec.pc = 0x80000000;
	L->rec.gprs[0] = 0x88000000;
	L->klen = 5 * 4096 + 123;          /* partial last granule */
	L->ilen = 3 * 4096 + 7;
	L->kernel = malloc(L->klen);
	L->initrd = malloc(L->ilen);
	for (i = 0; i < L->klen; i++)
		L->kernel[i] = (uint8_t)rnd();
	for (i = 0; i < L->ilen; i++)
		L->initrd[i] = (uint8_t)rnd();
	L->kbase = 0x80000000;
	L->ibase = 0x84000000 + 0x3fc;      /* not granule aligned */
	L->dtb_base = 0x8fe00000;
	L->dtb_len = 0x2000;
}

static void launch_free(struct launch *L)
{
	free(L->kernel);
	free(L->initrd);
}

/* The log a VMM writes for L (canonical order). */
static size_t launch_log(const struct launch *L, uint8_t *buf, size_t cap,
			 const uint16_t *algs, unsigned int nalgs)
{
	struct rlm_tcg_builder b;
	struct rlm_realm_log_vm_version v;

	memset(&v, 0, sizeof(v));
	strcpy(v.name, "kvmtool");
	strcpy(v.version, "3.18");
	v.ram_size = 1 << 30;
	v.num_cpus = 2;
	assert_int_equal(rlm_tcg_build_init(&b, buf, cap, algs, nalgs), 0);
	assert_int_equal(rlm_realm_log_add_vm_version(&b, &v), 0);
	assert_int_equal(rlm_realm_log_add_realm_create(&b, &L->rp), 0);
	assert_int_equal(rlm_realm_log_add_init_ripas(&b, 0x80000000, 0x10000000), 0);
	assert_int_equal(rlm_realm_log_add_blob(&b, RLM_EV_POST_CODE2, "KERNEL", L->kbase,
						L->kernel, L->klen), 0);
	assert_int_equal(rlm_realm_log_add_blob(&b, RLM_EV_POST_CODE2, "INITRD", L->ibase,
						L->initrd, L->ilen), 0);
	assert_int_equal(rlm_realm_log_add_blob(&b, RLM_EV_POST_CODE2, "DTB", L->dtb_base,
						NULL, L->dtb_len), 0);
	assert_int_equal(rlm_realm_log_add_rec_create(&b, &L->rec), 0);
	return b.len;
}

/* The same launch through the incremental calculator, one RMI event per
 * call (what a VMM driving the RMM computes), with RIPAS split by hand. */
static void launch_rim_direct(const struct launch *L, struct rlm_rim *rim)
{
	uint8_t page[4096];
	size_t off;
	uint64_t a;

	assert_int_equal(rlm_rim_init(rim, &L->rp), 0);
	/* s2sz 40: start level 1 (concatenated), blocks 1G/2M/4K; the range
	 * [2G, 2G+256M) is 128 2 MiB entries. */
	for (a = 0x80000000; a < 0x90000000; a += 0x200000)
		assert_int_equal(rlm_rim_extend_ripas(rim, a, a + 0x200000), 0);
	for (off = 0; off < L->klen; off += 4096) {
		memset(page, 0, sizeof(page));
		memcpy(page, L->kernel + off, L->klen - off < 4096 ? L->klen - off : 4096);
		assert_int_equal(rlm_rim_extend_data(rim, L->kbase + off, 1, page), 0);
	}
	/* initrd at 0x...3fc: first granule has 0x3fc zero bytes in front */
	{
		size_t front = L->ibase & 0xfff, done = 0;
		uint64_t g = L->ibase & ~0xfffULL;

		while (done < L->ilen) {
			size_t n = 4096 - front;

			if (n > L->ilen - done)
				n = L->ilen - done;
			memset(page, 0, sizeof(page));
			memcpy(page + front, L->initrd + done, n);
			assert_int_equal(rlm_rim_extend_data(rim, g, 1, page), 0);
			done += n;
			front = 0;
			g += 4096;
		}
	}
	for (a = L->dtb_base; a < L->dtb_base + L->dtb_len; a += 4096)
		assert_int_equal(rlm_rim_extend_data(rim, a, 0, NULL), 0);
	assert_int_equal(rlm_rim_extend_rec(rim, &L->rec), 0);
}

static void test_launch_log_replay(void **state)
{
	static const uint16_t algs2[] = { RLM_TPM_ALG_SHA256, RLM_TPM_ALG_SHA512 };
	static uint8_t buf[8192];
	struct images im = { { NULL }, { 0 }, 0, 0 };
	struct rlm_tcg_replay_opts o;
	struct rlm_tcg_error err;
	struct rlm_realm_mrs m;
	struct rlm_rim want;
	struct launch L;
	size_t len, n;
	uint8_t algo;

	(void)state;
	for (algo = 0; algo < 2; algo++) {
		launch_init(&L, algo);
		len = launch_log(&L, buf, sizeof(buf), algs2, 2);
		launch_rim_direct(&L, &want);
		memset(&o, 0, sizeof(o));
		im.data[0] = L.kernel;
		im.len[0] = L.klen;
		im.data[1] = L.initrd;
		im.len[1] = L.ilen;
		im.n = 2;
		im.calls = 0;
		o.image = find_image;
		o.image_arg = &im;
		assert_int_equal(replay_copy(buf, len, &o, &m, &n, &err), 0);
		assert_int_equal(n, 7);
		assert_int_equal(im.calls, 2);
		assert_true(m.have_rim);
		assert_int_equal(m.algo, algo);
		assert_memory_equal(m.rim, want.value, 64);
		/* Without the images the RIM cannot be rebuilt: the REMs still
		 * replay, and the replay says what the RIM needs. */
		{
			struct rlm_realm_mrs full = m;

			o.image = NULL;
			memset(&err, 0, sizeof(err));
			assert_int_equal(replay_copy(buf, len, &o, &m, &n, &err), 0);
			assert_int_equal(n, 7);
			assert_false(m.have_rim);
			assert_true(m.rim_needs_images);
			assert_string_equal(err.what, "the RIM needs the launch images");
			assert_memory_equal(m.rem, full.rem, sizeof(m.rem));
			assert_false(full.rim_needs_images);
		}
		/* A different image with the same size: refused by digest. */
		o.image = find_image;
		im.n = 2;
		L.initrd[5] ^= 1;
		assert_int_equal(replay_copy(buf, len, &o, &m, &n, &err), 0);
		assert_false(m.have_rim);
		assert_true(m.rim_needs_images);
		L.initrd[5] ^= 1;
		launch_free(&L);
	}
}

/* The upstream known answer through the log path: a log with only
 * REALM_CREATE (tests/event_log.rs of cca-realm-measurements). */
static void test_launch_log_known_answer(void **state)
{
	static const uint16_t alg[] = { RLM_TPM_ALG_SHA256 };
	uint8_t buf[1024];
	struct rlm_tcg_builder b;
	struct rlm_realm_params p;
	struct rlm_realm_mrs m;
	char hex[129];
	size_t n;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.s2sz = 48;
	p.num_bps = 5;
	p.num_wps = 3;
	assert_int_equal(rlm_tcg_build_init(&b, buf, sizeof(buf), alg, 1), 0);
	assert_int_equal(rlm_realm_log_add_realm_create(&b, &p), 0);
	assert_int_equal(replay_copy(buf, b.len, NULL, &m, &n, NULL), 0);
	assert_int_equal(n, 1);
	assert_true(m.have_rim);
	tu_hex(m.rim, 32, hex);
	assert_string_equal(hex, "8960d56826370aaa6fc9b3a041d4240689582ba41e2ad8bb8f9adf6d2a0cd5e7");
}

/* ---- logged REM extension ---- */

struct fake_realm {
	enum rlm_hash_algo algo;
	uint8_t rem[4][64];
	unsigned int calls;
	int fail;
};

/* RSI_MEASUREMENT_EXTEND as a realm performs it. */
static int fake_extend(void *arg, unsigned int index, const uint8_t *data, size_t size)
{
	struct fake_realm *r = arg;

	r->calls++;
	if (r->fail)
		return r->fail;
	assert_true(index >= 1 && index <= 4);
	assert_int_equal(size, rlm_hash_size(r->algo));
	return rlm_rem_extend(r->algo, r->rem[index - 1], data, size);
}

static void test_rem_log(void **state)
{
	static const uint16_t algs[] = { RLM_TPM_ALG_SHA512, RLM_TPM_ALG_SHA256,
					 RLM_TPM_ALG_SHA384 };
	uint8_t buf[4096], dg[64], h[64];
	struct rlm_tcg_builder b;
	struct rlm_realm_mrs shadow, m;
	struct fake_realm realm;
	struct rlm_rem_log rl;
	size_t n, before;
	char ev[64];
	int i;

	(void)state;
	memset(&shadow, 0, sizeof(shadow));
	memset(&realm, 0, sizeof(realm));
	shadow.algo = realm.algo = RLM_HASH_SHA256;
	assert_int_equal(rlm_tcg_build_init(&b, buf, sizeof(buf), algs, 3), 0);
	rl.log = &b;
	rl.mrs = &shadow;
	rl.extend = fake_extend;
	rl.arg = &realm;
	for (i = 0; i < 9; i++) {
		snprintf(ev, sizeof(ev), "event %d", i);
		assert_int_equal(rlm_rem_log_extend(&rl, (unsigned)i % 4, RLM_EV_IPL,
						    ev, strlen(ev), dg), 0);
		assert_int_equal(rlm_hash_digest(RLM_HASH_SHA256, ev, strlen(ev), h), 0);
		assert_memory_equal(dg, h, 64);
	}
	assert_int_equal(realm.calls, 9);
	assert_memory_equal(shadow.rem, realm.rem, sizeof(realm.rem));
	/* The log replays to what the realm holds (header lists SHA-512 first,
	 * so the realm hash must be given). */
	{
		struct rlm_tcg_replay_opts o;

		memset(&o, 0, sizeof(o));
		o.flags = RLM_TCG_REPLAY_HASH_SET;
		o.algo = RLM_HASH_SHA256;
		assert_int_equal(replay_copy(buf, b.len, &o, &m, &n, NULL), 0);
		assert_int_equal(n, 9);
		assert_false(m.have_rim);
		assert_memory_equal(m.rem, realm.rem, sizeof(realm.rem));
		/* and without: the first SHA-2 of the header (SHA-512) */
		assert_int_equal(replay_copy(buf, b.len, NULL, &m, &n, NULL), 0);
		assert_int_equal(m.algo, RLM_HASH_SHA512);
	}
	/* A failing extension logs nothing. */
	before = b.len;
	realm.fail = RLM_ERSI;
	assert_int_equal(rlm_rem_log_extend(&rl, 0, RLM_EV_IPL, "x", 1, NULL), RLM_ERSI);
	assert_int_equal(b.len, before);
	assert_memory_equal(shadow.rem, realm.rem, sizeof(realm.rem));
	realm.fail = 0;
	/* A full log: nothing extended. */
	b.cap = b.len + 20;
	n = realm.calls;
	assert_int_equal(rlm_rem_log_extend(&rl, 1, RLM_EV_IPL, "y", 1, NULL), RLM_ENOSPC);
	assert_int_equal(realm.calls, n);
	assert_int_equal(b.len, before);
	b.cap = sizeof(buf);
	/* Bad input. */
	assert_int_equal(rlm_rem_log_extend(&rl, 4, RLM_EV_IPL, "y", 1, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rem_log_extend(&rl, 0, RLM_EV_IPL, NULL, 1, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rem_log_extend(&rl, 0, RLM_EV_NO_ACTION, "y", 1, NULL), RLM_EINVAL);
	assert_int_equal(rlm_rem_log_extend(NULL, 0, RLM_EV_IPL, "y", 1, NULL), RLM_EINVAL);
	/* the log must carry the realm's hash */
	{
		static const uint16_t only384[] = { RLM_TPM_ALG_SHA384 };
		struct rlm_tcg_builder b2;
		uint8_t buf2[512];

		assert_int_equal(rlm_tcg_build_init(&b2, buf2, sizeof(buf2), only384, 1), 0);
		rl.log = &b2;
		assert_int_equal(rlm_rem_log_extend(&rl, 0, RLM_EV_IPL, "y", 1, NULL), RLM_EINVAL);
	}
	/* a SHA-1 log cannot be hashed here */
	{
		static const uint16_t sha1[] = { RLM_TPM_ALG_SHA256, RLM_TPM_ALG_SHA1 };
		struct rlm_tcg_builder b3;
		uint8_t buf3[512];

		assert_int_equal(rlm_tcg_build_init(&b3, buf3, sizeof(buf3), sha1, 2), 0);
		rl.log = &b3;
		assert_int_equal(rlm_rem_log_extend(&rl, 0, RLM_EV_IPL, "y", 1, NULL), RLM_ENOTSUP);
		assert_int_equal(b3.len, 32 + 28 + 8 + 1);
	}
}

/* REALM_CREATE after REM events: the REMs use the realm's hash (SHA-256)
 * even though the header lists SHA-512 first; compare still names the
 * right event after the replay restarts. */
static void test_realm_create_late(void **state)
{
	static const uint16_t algs[] = { RLM_TPM_ALG_SHA512, RLM_TPM_ALG_SHA256 };
	uint8_t buf[2048], rem0[64] = { 0 }, h[64];
	struct rlm_tcg_builder b;
	struct rlm_realm_params p;
	struct rlm_realm_mrs m, want;
	struct rlm_tcg_divergence d;
	size_t n;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.s2sz = 48;
	p.num_bps = 5;
	p.num_wps = 3;
	assert_int_equal(rlm_tcg_build_init(&b, buf, sizeof(buf), algs, 2), 0);
	assert_int_equal(rlm_tcg_build_event_hashed(&b, 1, RLM_EV_IPL, "a", 1, "a", 1), 0);
	assert_int_equal(rlm_realm_log_add_realm_create(&b, &p), 0);
	assert_int_equal(rlm_tcg_build_event_hashed(&b, 1, RLM_EV_IPL, "b", 1, "b", 1), 0);
	assert_int_equal(replay_copy(buf, b.len, NULL, &m, &n, NULL), 0);
	assert_int_equal(n, 3);
	assert_int_equal(m.algo, RLM_HASH_SHA256);
	assert_true(m.have_rim);
	assert_int_equal(rlm_hash_digest(RLM_HASH_SHA256, "a", 1, h), 0);
	assert_int_equal(rlm_rem_extend(RLM_HASH_SHA256, rem0, h, 32), 0);
	assert_int_equal(rlm_hash_digest(RLM_HASH_SHA256, "b", 1, h), 0);
	assert_int_equal(rlm_rem_extend(RLM_HASH_SHA256, rem0, h, 32), 0);
	assert_memory_equal(m.rem[0], rem0, 64);
	/* the realm only saw "a": event 2 is the first it lacks */
	want = m;
	memset(want.rem[0], 0, 64);
	assert_int_equal(rlm_hash_digest(RLM_HASH_SHA256, "a", 1, h), 0);
	assert_int_equal(rlm_rem_extend(RLM_HASH_SHA256, want.rem[0], h, 32), 0);
	assert_int_equal(rlm_tcg_compare(buf, b.len, NULL, &want, &d, NULL), RLM_EMISMATCH);
	assert_int_equal(d.mr, RLM_MR_REM(0));
	assert_int_equal(d.event_no, 2);
	assert_true(d.matched_before);
}

/* ---- compare ---- */

static void test_compare(void **state)
{
	static const uint16_t alg[] = { RLM_TPM_ALG_SHA256 };
	uint8_t buf[4096];
	struct rlm_tcg_builder b;
	struct rlm_realm_mrs shadow, actual;
	struct rlm_tcg_divergence d;
	struct rlm_tcg_error err;
	struct rlm_rem_log rl;
	struct launch L;
	size_t len_at_token;
	int i;

	(void)state;
	launch_init(&L, 0);
	memset(&shadow, 0, sizeof(shadow));
	shadow.algo = RLM_HASH_SHA256;
	assert_int_equal(rlm_tcg_build_init(&b, buf, sizeof(buf), alg, 1), 0);
	assert_int_equal(rlm_realm_log_add_realm_create(&b, &L.rp), 0);
	assert_int_equal(rlm_realm_log_add_rec_create(&b, &L.rec), 0);
	rl.log = &b;
	rl.mrs = &shadow;
	rl.extend = NULL;
	rl.arg = NULL;
	for (i = 0; i < 4; i++)
		assert_int_equal(rlm_rem_log_extend(&rl, (unsigned)i & 1, RLM_EV_IPL, &i,
						    sizeof(i), NULL), 0);
	/* what the realm reports: the replayed values */
	assert_int_equal(rlm_tcg_replay(buf, b.len, NULL, &actual, NULL, NULL), 0);
	assert_true(actual.have_rim);
	assert_int_equal(rlm_tcg_compare(buf, b.len, NULL, &actual, &d, &err), 0);
	assert_int_equal(d.mr, -1);
	/* The log gains events the realm never extended: event 6 (REM1). */
	len_at_token = b.len;
	assert_int_equal(rlm_tcg_build_event_hashed(&b, 2, RLM_EV_IPL, "late", 4, "late", 4), 0);
	assert_int_equal(rlm_tcg_build_event_hashed(&b, 1, RLM_EV_IPL, "late", 4, "late", 4), 0);
	assert_int_equal(rlm_tcg_compare(buf, b.len, NULL, &actual, &d, &err), RLM_EMISMATCH);
	assert_int_equal(d.mr, RLM_MR_REM(1));
	assert_int_equal(d.event_no, 6);
	assert_int_equal(d.offset, len_at_token);
	assert_int_equal(d.type, RLM_EV_IPL);
	assert_true(d.matched_before);
	b.len = len_at_token;
	/* A REM value no prefix of the log gives: its first event is named. */
	actual.rem[0][3] ^= 1;
	assert_int_equal(rlm_tcg_compare(buf, b.len, NULL, &actual, &d, &err), RLM_EMISMATCH);
	assert_int_equal(d.mr, RLM_MR_REM(0));
	assert_int_equal(d.event_no, 2);
	assert_false(d.matched_before);
	actual.rem[0][3] ^= 1;
	/* A RIM the log does not produce: REALM_CREATE (event 0). */
	actual.rim[0] ^= 1;
	assert_int_equal(rlm_tcg_compare(buf, b.len, NULL, &actual, &d, &err), RLM_EMISMATCH);
	assert_int_equal(d.mr, RLM_MR_RIM);
	assert_int_equal(d.event_no, 0);
	/* ... unless the caller has no RIM to compare */
	actual.have_rim = false;
	assert_int_equal(rlm_tcg_compare(buf, b.len, NULL, &actual, &d, &err), 0);
	actual.have_rim = true;
	actual.rim[0] ^= 1;
	/* A REM the realm extended but the log lacks: no event accounts for it. */
	actual.rem[3][0] = 1;
	assert_int_equal(rlm_tcg_compare(buf, b.len, NULL, &actual, &d, &err), RLM_EMISMATCH);
	assert_int_equal(d.mr, RLM_MR_REM(3));
	assert_int_equal(d.event_no, 6);   /* past the last event */
	actual.rem[3][0] = 0;
	/* hash mismatch */
	actual.algo = RLM_HASH_SHA512;
	assert_int_equal(rlm_tcg_compare(buf, b.len, NULL, &actual, &d, &err), RLM_EMISMATCH);
	assert_int_equal(rlm_tcg_compare(buf, b.len, NULL, NULL, &d, &err), RLM_EINVAL);
	launch_free(&L);
}

/* ---- bad input ---- */

/* A small valid log: header {sha256}, one REM event, one blob. */
static size_t small_log(uint8_t *buf, size_t cap)
{
	static const uint16_t alg[] = { RLM_TPM_ALG_SHA256 };
	struct rlm_tcg_builder b;

	assert_int_equal(rlm_tcg_build_init(&b, buf, cap, alg, 1), 0);
	assert_int_equal(rlm_tcg_build_event_size(&b, 1, 3), 53);
	assert_int_equal(rlm_tcg_build_event_size(&b, 0, 0), 16);
	/* index 3: the CC MR index of REM2 */
	assert_int_equal(rlm_tcg_build_event_hashed(&b, 3, RLM_EV_IPL, "cmd", 3, "cmd", 3), 0);
	assert_int_equal(rlm_realm_log_add_blob(&b, RLM_EV_POST_CODE2, "DTB", 0x1000, "d", 1), 0);
	return b.len;
}

static int open_copy(const uint8_t *buf, size_t len, struct rlm_tcg_error *err)
{
	struct rlm_realm_mrs m;

	return replay_copy(buf, len, NULL, &m, NULL, err);
}

/* A CC event log as firmware writes it: MR indexes, EV_NO_ACTION events
 * with any signature and any index among the measurements (skipped),
 * a RIM event without REALM_CREATE, and the log area's zero padding. */
static void test_cc_log_semantics(void **state)
{
	static const uint16_t alg[] = { RLM_TPM_ALG_SHA256 };
	static const char *const noact[] = {
		"StartupLocality\0\3", "Vendor Thing, no known signature", "SP800-155 Event",
	};
	/* event data lengths: the locality byte; the others with their NUL
	 * (never past the literal: ASan) */
	static const size_t noact_len[] = { 17, 33, 16 };
	uint8_t buf[4096], want[4][64], h[RLM_HASH_MAX_SIZE];
	struct rlm_tcg_builder b;
	struct rlm_tcg_replay_opts o;
	struct rlm_realm_mrs m;
	struct rlm_tcg_error err;
	size_t n, len;
	unsigned int i;

	(void)state;
	memset(want, 0, sizeof(want));
	assert_int_equal(rlm_tcg_build_init(&b, buf, sizeof(buf), alg, 1), 0);
	/* a RIM event (index 0) of firmware: parsed, never a REM */
	assert_int_equal(rlm_tcg_build_event_hashed(&b, 0, RLM_EV_POST_CODE, "fw", 2, "fw", 2), 0);
	for (i = 1; i <= 4; i++) {
		char ev[16];

		snprintf(ev, sizeof(ev), "event %u", i);
		assert_int_equal(rlm_tcg_build_event_hashed(&b, i, RLM_EV_IPL, ev, strlen(ev),
							    ev, strlen(ev)), 0);
		assert_int_equal(rlm_hash_digest(RLM_HASH_SHA256, ev, strlen(ev), h), 0);
		assert_int_equal(rlm_rem_extend(RLM_HASH_SHA256, want[i - 1], h, 32), 0);
		if (i <= 3) /* EV_NO_ACTION: indexes 0, 0xffffffff, 7 */
			assert_int_equal(rlm_tcg_build_event_zero(&b, i == 1 ? 0 : i == 2 ? 0xffffffffu : 7,
								  RLM_EV_NO_ACTION, noact[i - 1],
								  noact_len[i - 1]), 0);
	}
	len = b.len + 2048; /* the rest of the CCEL area */
	memset(buf + b.len, 0, len - b.len);
	memset(&err, 0, sizeof(err));
	assert_int_equal(replay_copy(buf, len, NULL, &m, &n, &err), 0);
	assert_int_equal(n, 8);
	assert_false(m.have_rim);
	assert_false(m.rim_needs_images);
	for (i = 0; i < 4; i++)
		assert_memory_equal(m.rem[i], want[i], 32);
	/* read as a TPM log: 3 and 4 are PCRs of REM1 */
	memset(&o, 0, sizeof(o));
	o.flags = RLM_TCG_REPLAY_PCR;
	assert_int_equal(replay_copy(buf, len, &o, &m, &n, &err), 0);
	assert_memory_equal(m.rem[0], want[0], 32);
	assert_int_equal(m.rem[2][0] | m.rem[3][0] | m.rem[3][31], 0);
	/* a measurement (not EV_NO_ACTION) with no CC MR index: refused */
	assert_int_equal(rlm_tcg_build_event_hashed(&b, 5, RLM_EV_IPL, "x", 1, "x", 1), 0);
	assert_int_equal(replay_copy(buf, b.len, NULL, &m, &n, &err), RLM_EMALFORMED);
	assert_string_equal(err.what, "MR index out of range");
}

static void test_bad_header(void **state)
{
	uint8_t buf[512], c[512];
	struct rlm_tcg_error err;
	struct rlm_tcg_log log;
	size_t len = small_log(buf, sizeof(buf));

	(void)state;
	assert_int_equal(len, 65 + 53 + 71);
	assert_int_equal(open_copy(buf, len, &err), 0);
#define MUT(off, val, rc) do { memcpy(c, buf, len); c[off] = (val); \
		assert_int_equal(open_copy(c, len, &err), rc); } while (0)
	MUT(0, 1, RLM_EMALFORMED);                /* header PCR != 0 */
	MUT(4, 6, RLM_EMALFORMED);                /* header type != EV_NO_ACTION */
	MUT(10, 1, RLM_EMALFORMED);               /* SHA-1 digest not zero */
	MUT(32, 's', RLM_EMALFORMED);             /* signature */
	MUT(53, 1, RLM_EMALFORMED);               /* family version 1 */
	MUT(55, 4, RLM_EMALFORMED);               /* uintnSize */
	MUT(56, 0, RLM_EMALFORMED);               /* no algorithm */
	MUT(56, 9, RLM_EMALFORMED);               /* 9 algorithms */
	MUT(56, 2, RLM_ETRUNC);                   /* list runs past the header */
	MUT(60, 0x99, RLM_ENOTSUP);               /* unknown algorithm */
	MUT(62, 20, RLM_EMALFORMED);              /* SHA-256 with 20 bytes */
	MUT(64, 1, RLM_EMALFORMED);               /* vendor size vs event size */
	MUT(28, 0x20, RLM_EMALFORMED);            /* header event size 32 */
	MUT(28, 10, RLM_EMALFORMED);              /* below a Spec ID event */
	MUT(29, 0x10, RLM_ETRUNC);                /* size past the log */
	/* header event of a log listing SHA-256 twice */
	{
		static const uint16_t twice[] = { RLM_TPM_ALG_SHA256, RLM_TPM_ALG_SHA256 };
		struct rlm_tcg_builder b;

		assert_int_equal(rlm_tcg_build_init(&b, c, sizeof(c), twice, 2), RLM_EINVAL);
		memcpy(c, buf, len);
	}
	assert_int_equal(rlm_tcg_log_open(&log, NULL, 10, &err), RLM_EINVAL);
	assert_int_equal(rlm_tcg_log_open(NULL, buf, len, &err), RLM_EINVAL);
	assert_int_equal(rlm_tcg_log_open(&log, buf, 31, &err), RLM_ETRUNC);
}

static void test_bad_events(void **state)
{
	uint8_t buf[512], c[600];
	struct rlm_tcg_error err;
	size_t len = small_log(buf, sizeof(buf)), l;
	const size_t e1 = 65, e2 = 65 + 53;

	(void)state;
	/* every truncation */
	for (l = 0; l < len; l++) {
		int rc = open_copy(buf, l, &err);

		size_t from = l < e1 ? 0 : l < e2 ? e1 : e2, k;
		bool zeros = l >= e1;

		for (k = from; k < l && zeros; k++)
			zeros = buf[k] == 0;
		if (l == e1 || l == e2 || zeros)
			assert_int_equal(rc, 0); /* a boundary, or looks like padding */
		else if (l < 32)
			assert_int_equal(rc, RLM_ETRUNC);
		else
			assert_true(rc == RLM_ETRUNC || rc == RLM_EMALFORMED);
	}
	MUT(e1 + 8, 2, RLM_EMALFORMED);            /* 2 digests, header has 1 */
	MUT(e1 + 8, 0xff, RLM_EMALFORMED);         /* oversized count */
	MUT(e1 + 11, 0x80, RLM_EMALFORMED);
	MUT(e1 + 12, 0x0d, RLM_EMALFORMED);        /* SHA-512 not in header */
	MUT(e1 + 12, 0x04, RLM_EMALFORMED);        /* SHA-1 not in header */
	MUT(e1 + 49, 0xff, RLM_ETRUNC);            /* event size huge */
	MUT(e1 + 46, 0xff, RLM_ETRUNC);
	MUT(e1 + 12, 0x0c, RLM_EMALFORMED);        /* SHA-384 not in header */
	/* blob event with a bad payload */
	MUT(e2 + 50, 3, RLM_EMALFORMED);           /* data size 3: not a blob */
	/* trailing bytes */
	memcpy(c, buf, len);
	memset(c + len, 0, 40);
	assert_int_equal(open_copy(c, len + 40, &err), 0);
	memset(c + len, 0xff, 40);
	assert_int_equal(open_copy(c, len + 40, &err), 0);
	c[len + 39] = 0;                           /* mixed padding: garbage */
	assert_int_equal(open_copy(c, len + 40, &err), RLM_EMALFORMED);
	assert_true(err.offset >= len);
	memcpy(c + len, "\x01\x02\x03", 3);
	assert_int_equal(open_copy(c, len + 3, &err), RLM_ETRUNC);
	assert_int_equal(err.offset, len);
	/* The index: a CC MR index by default (8 is out of range), a PCR
	 * (8 -> REM2) only when asked. */
	{
		struct rlm_tcg_replay_opts o;
		struct rlm_realm_mrs m, pcr;

		memset(&o, 0, sizeof(o));
		assert_int_equal(replay_copy(buf, len, &o, &m, NULL, &err), 0);
		assert_int_not_equal(m.rem[2][0] | m.rem[2][1], 0);
		o.flags = RLM_TCG_REPLAY_MR_INDEX; /* the default, said */
		assert_int_equal(replay_copy(buf, len, &o, &pcr, NULL, &err), 0);
		assert_memory_equal(&m, &pcr, sizeof(m));
		memcpy(c, buf, len);
		c[e1] = 8;
		o.flags = 0;
		assert_int_equal(replay_copy(c, len, &o, &pcr, NULL, &err), RLM_EMALFORMED);
		assert_string_equal(err.what, "MR index out of range");
		o.flags = RLM_TCG_REPLAY_PCR;      /* PCR 8 -> REM2 */
		assert_int_equal(replay_copy(c, len, &o, &pcr, NULL, &err), 0);
		assert_memory_equal(pcr.rem[2], m.rem[2], 64);
		c[e1] = 2;                         /* MR 2 = REM1, PCR 2 too */
		assert_int_equal(replay_copy(c, len, &o, &m, NULL, &err), 0);
		assert_int_not_equal(m.rem[1][0] | m.rem[1][1], 0);
		o.flags = 0;
		assert_int_equal(replay_copy(c, len, &o, &m, NULL, &err), 0);
		assert_int_not_equal(m.rem[1][0] | m.rem[1][1], 0);
		c[e1] = 4;                         /* MR 4 = REM3; PCR 4 = REM1 */
		assert_int_equal(replay_copy(c, len, &o, &m, NULL, &err), 0);
		assert_int_not_equal(m.rem[3][0] | m.rem[3][1], 0);
		o.flags = RLM_TCG_REPLAY_PCR;
		assert_int_equal(replay_copy(c, len, &o, &m, NULL, &err), 0);
		assert_int_equal(m.rem[3][0] | m.rem[3][1], 0);
		assert_int_not_equal(m.rem[1][0] | m.rem[1][1], 0);
	}
	/* random mutations: never a crash or an over-read (ASan) */
	for (l = 0; l < 3000; l++) {
		size_t k, nm = 1 + rnd() % 4;

		memcpy(c, buf, len);
		for (k = 0; k < nm; k++)
			c[rnd() % len] = (uint8_t)rnd();
		(void)open_copy(c, len - (rnd() % 3 == 0 ? rnd() % len : 0), &err);
	}
}

static void test_bad_realm_events(void **state)
{
	static const uint16_t alg[] = { RLM_TPM_ALG_SHA256 };
	uint8_t buf[2048], pl[100];
	struct rlm_tcg_builder b;
	struct rlm_realm_params p, q;
	struct rlm_rec_params rec;
	struct rlm_tcg_error err;
	struct rlm_realm_mrs m;
	struct rlm_tcg_tagged t;
	struct rlm_tcg_blob bl;
	struct rlm_realm_log_vm_version v;
	uint64_t base, size;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.s2sz = 40;
	/* RIM event before REALM_CREATE */
	assert_int_equal(rlm_tcg_build_init(&b, buf, sizeof(buf), alg, 1), 0);
	assert_int_equal(rlm_realm_log_add_init_ripas(&b, 0, 0x1000), 0);
	assert_int_equal(rlm_realm_log_add_realm_create(&b, &p), 0);
	assert_int_equal(replay_copy(buf, b.len, NULL, &m, NULL, &err), RLM_EMALFORMED);
	assert_string_equal(err.what, "RIM event before REALM_CREATE");
	/* two REALM_CREATE */
	assert_int_equal(rlm_tcg_build_init(&b, buf, sizeof(buf), alg, 1), 0);
	assert_int_equal(rlm_realm_log_add_realm_create(&b, &p), 0);
	assert_int_equal(rlm_realm_log_add_realm_create(&b, &p), 0);
	assert_int_equal(replay_copy(buf, b.len, NULL, &m, NULL, &err), RLM_EMALFORMED);
	/* unknown tag id in PCR 0 */
	assert_int_equal(rlm_tcg_build_init(&b, buf, sizeof(buf), alg, 1), 0);
	assert_int_equal(rlm_realm_log_add_realm_create(&b, &p), 0);
	memset(pl, 0, sizeof(pl));
	pl[0] = 9;
	assert_int_equal(rlm_tcg_build_event_zero(&b, 0, RLM_EV_EVENT_TAG, pl, 8), 0);
	assert_int_equal(replay_copy(buf, b.len, NULL, &m, NULL, &err), RLM_EMALFORMED);
	/* an event type the RIM cannot hold */
	assert_int_equal(rlm_tcg_build_init(&b, buf, sizeof(buf), alg, 1), 0);
	assert_int_equal(rlm_realm_log_add_realm_create(&b, &p), 0);
	assert_int_equal(rlm_tcg_build_event_hashed(&b, 0, RLM_EV_SEPARATOR, "x", 1, "x", 1), 0);
	assert_int_equal(replay_copy(buf, b.len, NULL, &m, NULL, &err), RLM_EMALFORMED);
	/* INIT_RIPAS beyond the protected half of a 40-bit IPA space */
	assert_int_equal(rlm_tcg_build_init(&b, buf, sizeof(buf), alg, 1), 0);
	assert_int_equal(rlm_realm_log_add_realm_create(&b, &p), 0);
	assert_int_equal(rlm_realm_log_add_init_ripas(&b, 0x7ffffff000ULL, 0x2000), 0);
	assert_int_equal(replay_copy(buf, b.len, NULL, &m, NULL, &err), RLM_ERANGE);
	/* unmeasured blob at the end of the address space */
	assert_int_equal(rlm_tcg_build_init(&b, buf, sizeof(buf), alg, 1), 0);
	assert_int_equal(rlm_realm_log_add_realm_create(&b, &p), 0);
	assert_int_equal(rlm_realm_log_add_blob(&b, RLM_EV_POST_CODE2, "X", UINT64_MAX - 10,
						NULL, 100), 0);
	assert_int_equal(replay_copy(buf, b.len, NULL, &m, NULL, &err), RLM_ERANGE);
	/* REM event without the realm's digest */
	assert_int_equal(rlm_tcg_build_init(&b, buf, sizeof(buf), alg, 1), 0);
	assert_int_equal(rlm_tcg_build_event(&b, 1, RLM_EV_IPL, NULL, 0, "x", 1), 0);
	assert_int_equal(replay_copy(buf, b.len, NULL, &m, NULL, &err), RLM_EMALFORMED);

	/* payload parsers: exact sizes, flags, ranges */
	memset(pl, 0, sizeof(pl));
	pl[8] = 40;
	assert_int_equal(rlm_realm_log_parse_realm_create(pl, 14, &q), 0);
	assert_int_equal(rlm_realm_log_parse_realm_create(pl, 13, &q), RLM_ETRUNC);
	assert_int_equal(rlm_realm_log_parse_realm_create(pl, 15, &q), RLM_EMALFORMED);
	pl[13] = 2;   /* SHA-384: not an RMM 1.0 realm hash */
	assert_int_equal(rlm_realm_log_parse_realm_create(pl, 14, &q), RLM_ENOTSUP);
	pl[13] = 0;
	pl[0] = 8;    /* unknown realm flag */
	assert_int_equal(rlm_realm_log_parse_realm_create(pl, 14, &q), RLM_EMALFORMED);
	pl[0] = 0;
	pl[8] = 20;   /* s2sz too small */
	assert_int_equal(rlm_realm_log_parse_realm_create(pl, 14, &q), RLM_EMALFORMED);
	memset(pl, 0, sizeof(pl));
	assert_int_equal(rlm_realm_log_parse_init_ripas(pl, 16, &base, &size), RLM_EMALFORMED);
	pl[8] = 0x10;     /* size 0x10: not granules */
	assert_int_equal(rlm_realm_log_parse_init_ripas(pl, 16, &base, &size), RLM_EMALFORMED);
	pl[8] = 0;
	pl[9] = 0x10;     /* size 0x1000 */
	assert_int_equal(rlm_realm_log_parse_init_ripas(pl, 16, &base, &size), 0);
	assert_int_equal(size, 0x1000);
	pl[0] = 1;        /* unaligned base */
	assert_int_equal(rlm_realm_log_parse_init_ripas(pl, 16, &base, &size), RLM_EMALFORMED);
	assert_int_equal(rlm_realm_log_parse_init_ripas(pl, 17, &base, &size), RLM_EMALFORMED);
	memset(pl, 0xff, 8);  /* base + size overflows */
	pl[0] = 0;
	assert_int_equal(rlm_realm_log_parse_init_ripas(pl, 16, &base, &size), RLM_EMALFORMED);
	memset(pl, 0, sizeof(pl));
	pl[0] = 1;
	assert_int_equal(rlm_realm_log_parse_rec_create(pl, 80, &rec), 0);
	assert_int_equal(rlm_realm_log_parse_rec_create(pl, 79, &rec), RLM_ETRUNC);
	pl[0] = 3;
	assert_int_equal(rlm_realm_log_parse_rec_create(pl, 80, &rec), RLM_EMALFORMED);
	/* tagged / blob containers */
	memset(pl, 0, sizeof(pl));
	pl[4] = 4;
	assert_int_equal(rlm_tcg_parse_tagged(pl, 12, &t), 0);
	assert_int_equal(rlm_tcg_parse_tagged(pl, 11, &t), RLM_ETRUNC);
	assert_int_equal(rlm_tcg_parse_tagged(pl, 13, &t), RLM_EMALFORMED);
	assert_int_equal(rlm_tcg_parse_tagged(pl, 7, &t), RLM_ETRUNC);
	pl[0] = 3;
	assert_int_equal(rlm_tcg_parse_blob(pl, 20, &bl), 0);
	assert_int_equal(rlm_tcg_parse_blob(pl, 19, &bl), RLM_ETRUNC);
	assert_int_equal(rlm_tcg_parse_blob(pl, 21, &bl), RLM_EMALFORMED);
	assert_int_equal(rlm_tcg_parse_blob(pl, 0, &bl), RLM_ETRUNC);
	pl[0] = 0xff;
	assert_int_equal(rlm_tcg_parse_blob(pl, 100, &bl), RLM_ETRUNC);
	/* VM VERSION */
	memset(pl, 0, sizeof(pl));
	assert_int_equal(rlm_realm_log_parse_vm_version(pl, 100, &v), RLM_ENOENT);
	{
		uint8_t vv[120];

		memset(vv, 0, sizeof(vv));
		memcpy(vv, "VM VERSION", 10);
		memset(vv + 16, 'A', 32);     /* name with no NUL: stays bounded */
		vv[112] = 4;
		assert_int_equal(rlm_realm_log_parse_vm_version(vv, 116, &v), 0);
		assert_int_equal(strlen(v.name), 32);
		assert_int_equal(v.num_cpus, 4);
		assert_int_equal(rlm_realm_log_parse_vm_version(vv, 115, &v), RLM_ETRUNC);
		assert_int_equal(rlm_realm_log_parse_vm_version(vv, 117, &v), RLM_EMALFORMED);
	}
	/* builders refuse what they cannot write */
	assert_int_equal(rlm_tcg_build_init(&b, buf, 60, alg, 1), RLM_ENOSPC);
	assert_int_equal(rlm_tcg_build_init(&b, buf, sizeof(buf), alg, 0), RLM_EINVAL);
	{
		static const uint16_t unk[] = { 0x77 };

		assert_int_equal(rlm_tcg_build_init(&b, buf, sizeof(buf), unk, 1), RLM_ENOTSUP);
	}
	assert_int_equal(rlm_tcg_build_init(&b, buf, 100, alg, 1), 0);
	assert_int_equal(rlm_realm_log_add_rec_create(&b, &rec), RLM_ENOSPC);
	assert_int_equal(b.len, 65);
	assert_int_equal(rlm_realm_log_add_blob(&b, 5, "X", 0, NULL, 1), RLM_EINVAL);
}

/*
 * Found by fuzz_eventlog (a timeout): an unmeasured blob may claim half the
 * IPA space, and replaying it hashed one RIM extension per granule (2^27
 * for a 40-bit realm) before answering.  The replay now refuses a log
 * whose blobs span more granules than opts.max_granules (default
 * RLM_TCG_REPLAY_MAX_GRANULES), and the budget is over all blobs of a log.
 */
static void test_blob_granule_limit(void **state)
{
	static const uint16_t alg[] = { RLM_TPM_ALG_SHA256 };
	struct rlm_tcg_replay_opts o;
	struct rlm_tcg_builder b;
	struct rlm_realm_params p;
	struct rlm_tcg_error err;
	struct rlm_realm_mrs m;
	uint8_t buf[1024];
	time_t t0 = time(NULL);

	(void)state;
	memset(&p, 0, sizeof(p));
	p.s2sz = 40;
	/* 512 GiB - 4 KiB unmeasured: over the default limit, refused at once */
	assert_int_equal(rlm_tcg_build_init(&b, buf, sizeof(buf), alg, 1), 0);
	assert_int_equal(rlm_realm_log_add_realm_create(&b, &p), 0);
	assert_int_equal(rlm_realm_log_add_blob(&b, RLM_EV_POST_CODE2, "RAM", 0x1000, NULL,
						(UINT64_C(1) << 39) - 0x1000), 0);
	assert_int_equal(replay_copy(buf, b.len, NULL, &m, NULL, &err), RLM_ERANGE);
	assert_string_equal(err.what, "blobs larger than the replay's granule limit");
	assert_true(time(NULL) - t0 < 5);
	/* two blobs of 3 granules (one starts unaligned, spanning 3) and a
	 * limit of 6 replay; a limit of 5 does not */
	assert_int_equal(rlm_tcg_build_init(&b, buf, sizeof(buf), alg, 1), 0);
	assert_int_equal(rlm_realm_log_add_realm_create(&b, &p), 0);
	assert_int_equal(rlm_realm_log_add_blob(&b, RLM_EV_POST_CODE2, "A", 0x10000, NULL,
						0x3000), 0);
	assert_int_equal(rlm_realm_log_add_blob(&b, RLM_EV_POST_CODE2, "B", 0x20800, NULL,
						0x2000), 0);
	memset(&o, 0, sizeof(o));
	o.max_granules = 6;
	assert_int_equal(replay_copy(buf, b.len, &o, &m, NULL, &err), 0);
	assert_true(m.have_rim);
	o.max_granules = 5;
	assert_int_equal(replay_copy(buf, b.len, &o, &m, NULL, &err), RLM_ERANGE);
	/* the default limit itself replays */
	assert_int_equal(replay_copy(buf, b.len, NULL, &m, NULL, &err), 0);
}

/* ---- CCEL ---- */

static void make_ccel(uint8_t *t)
{
	uint8_t sum = 0;
	int i;

	memset(t, 0, RLM_CCEL_SIZE);
	memcpy(t, "CCEL", 4);
	t[4] = RLM_CCEL_SIZE;
	t[8] = 1;
	memcpy(t + 10, "LINARO", 6);
	memcpy(t + 16, "QEMUVIRT", 8);
	t[36] = 3;
	t[37] = 0;
	t[40] = 0x00;
	t[41] = 0x00;
	t[42] = 0x01;                  /* LAML 0x10000 */
	t[48 + 4] = 0x01;              /* LASA 0x100000000 */
	for (i = 0; i < RLM_CCEL_SIZE; i++)
		sum = (uint8_t)(sum + t[i]);
	t[9] = (uint8_t)(0x100 - sum);
}

static void test_ccel(void **state)
{
	uint8_t t[RLM_CCEL_SIZE + 4];
	struct rlm_ccel c;
	size_t l;

	(void)state;
	make_ccel(t);
	assert_int_equal(rlm_ccel_parse(t, RLM_CCEL_SIZE, &c), 0);
	assert_int_equal(c.cc_type, 3);
	assert_int_equal(c.log_min_length, 0x10000);
	assert_int_equal(c.log_start, 0x100000000ULL);
	assert_string_equal(c.oem_id, "LINARO");
	assert_string_equal(c.oem_table_id, "QEMUVIRT");
	for (l = 0; l < RLM_CCEL_SIZE; l++)
		assert_int_equal(rlm_ccel_parse(t, l, &c), RLM_ETRUNC);
	assert_int_equal(rlm_ccel_parse(t, RLM_CCEL_SIZE + 1, &c), RLM_EMALFORMED);
	t[50] ^= 1;
	assert_int_equal(rlm_ccel_parse(t, RLM_CCEL_SIZE, &c), RLM_EVERIFY);
	make_ccel(t);
	t[0] = 'X';
	assert_int_equal(rlm_ccel_parse(t, RLM_CCEL_SIZE, &c), RLM_EMALFORMED);
	make_ccel(t);
	t[4] = 60;
	assert_int_equal(rlm_ccel_parse(t, RLM_CCEL_SIZE, &c), RLM_ETRUNC);
	t[4] = 40;
	assert_int_equal(rlm_ccel_parse(t, RLM_CCEL_SIZE, &c), RLM_EMALFORMED);
	assert_int_equal(rlm_ccel_parse(NULL, RLM_CCEL_SIZE, &c), RLM_EINVAL);
}

static void observe_nothing(void *arg, size_t event_no, const struct rlm_tcg_event *ev,
			    int mr, const struct rlm_realm_mrs *now)
{
	size_t *count = arg;

	(void)event_no;
	(void)ev;
	(void)mr;
	(void)now;
	(*count)++;
}

/*
 * Replay reads a SHA-256 log's runs of REM events on a fast path that an
 * observer turns off: every one-byte change of an event amid such a run
 * (each field, to 0x00, 0xFF and a flipped bit), read as a CC and as a TPM
 * log, must give the general path's result: code, error and its offset,
 * event count and MRs.
 */
static void test_replay_fast_path_agrees(void **state)
{
	static const uint16_t alg[] = { RLM_TPM_ALG_SHA256 };
	static const uint8_t vals[3] = { 0x00, 0xff, 0x01 };
	uint8_t buf[2048], c[2048];
	struct rlm_tcg_builder b;
	struct rlm_tcg_replay_opts o, obs;
	struct rlm_realm_mrs m1, m2;
	struct rlm_tcg_error e1, e2;
	size_t n1, n2, seen, len, at = 0, evlen = 0, off;
	unsigned int i, v, pcr;
	int rc1, rc2, bad = 0;

	(void)state;
	assert_int_equal(rlm_tcg_build_init(&b, buf, sizeof(buf), alg, 1), 0);
	for (i = 0; i < 12; i++) {
		char ev[8];

		if (i == 6)
			at = b.len;
		snprintf(ev, sizeof(ev), "ev %u", i);
		assert_int_equal(rlm_tcg_build_event_hashed(&b, 1 + i % 3, RLM_EV_IPL, ev,
							    strlen(ev), ev, strlen(ev)), 0);
		if (i == 6)
			evlen = b.len - at;
	}
	len = b.len;
	assert_int_equal(evlen, 50 + 4);
	for (pcr = 0; pcr < 2; pcr++) {
		memset(&o, 0, sizeof(o));
		o.flags = pcr ? RLM_TCG_REPLAY_PCR : 0;
		obs = o;
		obs.observe = observe_nothing;
		obs.observe_arg = &seen;
		for (off = at; off < at + evlen; off++) {
			for (v = 0; v < 3; v++) {
				memcpy(c, buf, len);
				c[off] = v == 2 ? (uint8_t)(c[off] ^ 1) : vals[v];
				memset(&e1, 0, sizeof(e1));
				memset(&e2, 0, sizeof(e2));
				seen = 0;
				rc1 = replay_copy(c, len, &o, &m1, &n1, &e1);
				rc2 = replay_copy(c, len, &obs, &m2, &n2, &e2);
				assert_int_equal(rc1, rc2);
				assert_int_equal(e1.offset, e2.offset);
				assert_true(e1.what == e2.what ||
					    (e1.what && e2.what && !strcmp(e1.what, e2.what)));
				assert_memory_equal(&m1, &m2, sizeof(m1));
				if (!rc1)
					assert_int_equal(n1, n2);
				bad += rc1 != 0;
			}
		}
		/* the unchanged log: both paths replay all 12 events */
		assert_int_equal(replay_copy(buf, len, &o, &m1, &n1, &e1), 0);
		seen = 0;
		assert_int_equal(replay_copy(buf, len, &obs, &m2, &n2, &e2), 0);
		assert_int_equal(n1, 12);
		assert_int_equal(n2, 12);
		assert_int_equal(seen, 12);
		assert_memory_equal(&m1, &m2, sizeof(m1));
	}
	/* the changes did reach errors (index, count, algorithm, size...) */
	assert_true(bad > 20);
}

static void test_pcr_mapping(void **state)
{
	static const unsigned int want[24] = { 0, 1, 2, 2, 2, 2, 2, 1, 3, 3, 3, 3, 3, 3,
					       3, 3, 4, 4, 4, 4, 4, 4, 4, 4 };
	unsigned int i;

	(void)state;
	for (i = 0; i < 24; i++)
		assert_int_equal(rlm_tcg_pcr_to_mr(i), want[i]);
	assert_int_equal(rlm_tcg_pcr_to_mr(0xffffffff), 4);
	for (i = 0; i < RLM_MR_COUNT; i++)
		assert_int_equal(rlm_tcg_pcr_to_mr(rlm_tcg_mr_to_pcr(i)), i);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bootlog_vector),
		cmocka_unit_test(test_launch_log_replay),
		cmocka_unit_test(test_launch_log_known_answer),
		cmocka_unit_test(test_rem_log),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_realm_create_late),
		cmocka_unit_test(test_bad_header),
		cmocka_unit_test(test_cc_log_semantics),
		cmocka_unit_test(test_bad_events),
		cmocka_unit_test(test_bad_realm_events),
		cmocka_unit_test(test_blob_granule_limit),
		cmocka_unit_test(test_ccel),
		cmocka_unit_test(test_pcr_mapping),
		cmocka_unit_test(test_replay_fast_path_agrees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
