/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RIM of a whole image loaded as measured data, with the granule
 * content hashes spread over threads.  Work is cut in batches of granules;
 * every thread (the caller included) loops: chain the next batch if its
 * hashes are ready and nobody is chaining, else hash the next batch, else
 * wait.  A ring of batch slots bounds memory whatever the image size.
 *
 * The hashing is what OpenSSL alone would do for the same bytes: the
 * provider is looked up once, each granule is one digest call, and the
 * DATA descriptor is built once and then only its IPA, content hash and
 * RIM fields are rewritten per granule (the RIM in place), so a RIM costs
 * the 70 SHA-256 blocks per granule and little else.
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include <realm/measure.h>
#include <realm/error.h>

#define BATCH_GRANULES_ 256   /* 1 MiB of image per batch */

struct img_job_ {
	struct rlm_rim *rim;
	const struct rlm_hash_provider *prov;
	size_t hs;                              /* digest size */
	uint8_t desc[RLM_MEASURE_DESC_SIZE];    /* the chain's descriptor */
	const uint8_t *data;
	size_t len;
	uint64_t ipa, flags;
	size_t ngranules, nbatches, ring;
	uint8_t *hashes;       /* ring * BATCH_GRANULES_ * RLM_HASH_MAX_SIZE */
	size_t *slot_batch;    /* batch held by each slot, or SIZE_MAX */
	size_t next_hash, chained;
	bool chaining;
	int err;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

static uint8_t *slot_hash_(struct img_job_ *j, size_t batch, size_t i)
{
	return j->hashes + ((batch % j->ring) * BATCH_GRANULES_ + i) * RLM_HASH_MAX_SIZE;
}

/* Content hash of granule g, zero-padding the last partial one. */
static int granule_hash_(const struct img_job_ *j, size_t g, uint8_t *out)
{
	size_t off = g * RLM_GRANULE_SIZE;

	if (j->len - off >= RLM_GRANULE_SIZE)
		return j->prov->digest(j->rim->algo, j->data + off, RLM_GRANULE_SIZE, out);
	{
		uint8_t page[RLM_GRANULE_SIZE];

		memset(page, 0, sizeof(page));
		memcpy(page, j->data + off, j->len - off);
		return j->prov->digest(j->rim->algo, page, RLM_GRANULE_SIZE, out);
	}
}

/* Extend the chain held in desc (j->desc or a copy) by granule g whose
 * content hash is h. */
static int chain_one_(const struct img_job_ *j, uint8_t *desc, size_t g,
		      const uint8_t *h)
{
	uint8_t out[RLM_HASH_MAX_SIZE];
	uint64_t ipa = j->ipa + (uint64_t)g * RLM_GRANULE_SIZE;
	unsigned int i;
	int rc;

	for (i = 0; i < 8; i++)
		desc[RLM_MEASURE_DESC_DATA_IPA_OFF + i] = (uint8_t)(ipa >> (8 * i));
	memcpy(desc + RLM_MEASURE_DESC_DATA_CONTENT_OFF, h, j->hs);
	rc = j->prov->digest(j->rim->algo, desc, RLM_MEASURE_DESC_SIZE, out);
	if (!rc)
		memcpy(desc + RLM_MEASURE_DESC_RIM_OFF, out, j->hs);
	return rc;
}

static size_t batch_end_(const struct img_job_ *j, size_t b)
{
	size_t end = (b + 1) * BATCH_GRANULES_;

	return end < j->ngranules ? end : j->ngranules;
}

static int hash_batch_(struct img_job_ *j, size_t b)
{
	size_t g, end = batch_end_(j, b);
	int rc = 0;

	for (g = b * BATCH_GRANULES_; g < end && !rc; g++)
		rc = granule_hash_(j, g, slot_hash_(j, b, g - b * BATCH_GRANULES_));
	return rc;
}

/*
 * The chain of batch b on a copy of the descriptor on this thread's stack,
 * written back once: rewriting j->desc per granule would pull the cache
 * lines it shares with the fields every hashing thread reads per granule
 * (prov, rim, data, len) away from them, a line bounce per granule.
 * One thread chains at a time (j->chaining, under j->mu).
 */
static int chain_batch_(struct img_job_ *j, size_t b)
{
	uint8_t desc[RLM_MEASURE_DESC_SIZE];
	size_t g, end = batch_end_(j, b);
	int rc = 0;

	memcpy(desc, j->desc, sizeof(desc));
	for (g = b * BATCH_GRANULES_; g < end && !rc; g++)
		rc = chain_one_(j, desc, g, slot_hash_(j, b, g - b * BATCH_GRANULES_));
	if (!rc)
		memcpy(j->desc, desc, sizeof(desc));
	return rc;
}

static void *img_worker_(void *arg)
{
	struct img_job_ *j = arg;
	size_t b;
	int rc;

	pthread_mutex_lock(&j->mu);
	while (!j->err && j->chained < j->nbatches) {
		if (!j->chaining && j->slot_batch[j->chained % j->ring] == j->chained) {
			b = j->chained;
			j->chaining = true;
			pthread_mutex_unlock(&j->mu);
			rc = chain_batch_(j, b);
			pthread_mutex_lock(&j->mu);
			j->chaining = false;
			j->slot_batch[b % j->ring] = SIZE_MAX;
			j->chained++;
			if (rc && !j->err)
				j->err = rc;
			pthread_cond_broadcast(&j->cv);
		} else if (j->next_hash < j->nbatches &&
			   j->next_hash < j->chained + j->ring) {
			b = j->next_hash++;
			pthread_mutex_unlock(&j->mu);
			rc = hash_batch_(j, b);
			pthread_mutex_lock(&j->mu);
			j->slot_batch[b % j->ring] = b;
			if (rc && !j->err)
				j->err = rc;
			pthread_cond_broadcast(&j->cv);
		} else {
			pthread_cond_wait(&j->cv, &j->mu);
		}
	}
	pthread_mutex_unlock(&j->mu);
	return NULL;
}

int rlm_rim_extend_image(struct rlm_rim *rim, uint64_t ipa, const void *data,
			 size_t len, uint64_t flags, unsigned int nthreads)
{
	struct img_job_ j;
	pthread_t *tids = NULL;
	unsigned int i, started = 0;
	size_t k;

	if (!rim || (!data && len) || (ipa & RLM_GRANULE_MASK) ||
	    flags > RLM_RMI_MEASURE_CONTENT || rlm_hash_size(rim->algo) == 0 ||
	    rim->algo == RLM_HASH_SHA384)
		return RLM_EINVAL;
	if (!len)
		return 0;
	memset(&j, 0, sizeof(j));
	j.rim = rim;
	j.data = data;
	j.len = len;
	j.ipa = ipa;
	j.flags = flags;
	j.ngranules = len / RLM_GRANULE_SIZE + !!(len & RLM_GRANULE_MASK);
	if ((uint64_t)j.ngranules > (UINT64_MAX - ipa) / RLM_GRANULE_SIZE + 1)
		return RLM_ERANGE;
	if (flags == RLM_RMI_NO_MEASURE_CONTENT) {
		/* Address-only measurements: nothing to hash in parallel. */
		int rc = 0;

		for (k = 0; k < j.ngranules && !rc; k++)
			rc = rlm_rim_extend_data_hash(rim, ipa + k * RLM_GRANULE_SIZE,
						      flags, NULL);
		return rc;
	}
	j.prov = rlm_hash_get_provider();
	if (!j.prov->supports(rim->algo))
		return RLM_ENOTSUP;
	j.hs = rlm_hash_size(rim->algo);
	j.desc[RLM_MEASURE_DESC_TYPE_OFF] = RLM_MEASURE_DESC_TYPE_DATA;
	for (i = 0; i < 8; i++) {
		j.desc[RLM_MEASURE_DESC_LEN_OFF + i] =
			(uint8_t)((uint64_t)RLM_MEASURE_DESC_SIZE >> (8 * i));
		j.desc[RLM_MEASURE_DESC_DATA_FLAGS_OFF + i] = (uint8_t)(flags >> (8 * i));
	}
	memcpy(j.desc + RLM_MEASURE_DESC_RIM_OFF, rim->value, RLM_HASH_MAX_SIZE);
	if (!nthreads) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		nthreads = n > 0 ? (unsigned int)n : 1;
	}
	if (nthreads > 256)
		nthreads = 256;
	j.nbatches = (j.ngranules + BATCH_GRANULES_ - 1) / BATCH_GRANULES_;
	if (nthreads == 1 || j.nbatches == 1) {
		/* One thread: hash and chain in one pass, no ring. */
		uint8_t h[RLM_HASH_MAX_SIZE];
		int rc = 0;

		for (k = 0; k < j.ngranules && !rc; k++) {
			rc = granule_hash_(&j, k, h);
			if (!rc)
				rc = chain_one_(&j, j.desc, k, h);
		}
		if (!rc)
			memcpy(rim->value, j.desc + RLM_MEASURE_DESC_RIM_OFF,
			       RLM_HASH_MAX_SIZE);
		return rc;
	}
	j.ring = 4 * (size_t)nthreads;
	if (j.ring > j.nbatches)
		j.ring = j.nbatches;
	j.hashes = malloc(j.ring * BATCH_GRANULES_ * RLM_HASH_MAX_SIZE);
	j.slot_batch = malloc(j.ring * sizeof(*j.slot_batch));
	/* nthreads > 1 here: the one-thread case returned above */
	tids = calloc(nthreads - 1, sizeof(*tids));
	if (!j.hashes || !j.slot_batch || !tids) {
		free(j.hashes);
		free(j.slot_batch);
		free(tids);
		return RLM_ENOMEM;
	}
	memset(j.hashes, 0, j.ring * BATCH_GRANULES_ * RLM_HASH_MAX_SIZE);
	for (k = 0; k < j.ring; k++)
		j.slot_batch[k] = SIZE_MAX;
	pthread_mutex_init(&j.mu, NULL);
	pthread_cond_init(&j.cv, NULL);
	for (i = 0; i + 1 < nthreads && i + 1 < j.nbatches; i++) {
		if (pthread_create(&tids[i], NULL, img_worker_, &j))
			break; /* fewer threads still give the same result */
		started++;
	}
	img_worker_(&j);
	for (i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	pthread_cond_destroy(&j.cv);
	pthread_mutex_destroy(&j.mu);
	free(tids);
	free(j.slot_batch);
	free(j.hashes);
	if (!j.err)
		memcpy(rim->value, j.desc + RLM_MEASURE_DESC_RIM_OFF, RLM_HASH_MAX_SIZE);
	return j.err;
}
