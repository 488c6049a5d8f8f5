/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rlm_launch_predict_threads(): the RIM of a launch plan with the content
 * hashes of its measured granules spread over threads (userspace).
 *
 * The RIM is a chain: each DATA descriptor carries the RIM before it, so
 * the descriptors are hashed in order, on the calling thread.  The content
 * hash of each measured granule (65 of the 70 SHA-256 blocks a 4 KiB
 * granule costs) depends on nothing but the granule, so a first walk of
 * the plan lists the measured granules, every thread (the caller included)
 * hashes them in batches, and a second walk chains, taking each content
 * hash as soon as its batch is done (the caller hashes a batch itself
 * rather than wait).  The result is rlm_launch_predict()'s, which the
 * tests check.
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <realm/launch.h>
#include <realm/measure.h>
#include <realm/error.h>

#define BATCH_ 64   /* granules per batch: 256 KiB of image */

struct mt_rec_ {
	const uint8_t *content;
	size_t len, off;
};

struct mt_job_ {
	const struct rlm_launch_desc *d;
	const struct rlm_hash_provider *prov;
	enum rlm_hash_algo algo;
	struct mt_rec_ *recs;
	size_t nrecs, cap, nbatches;
	uint8_t *hashes;                 /* nrecs * RLM_HASH_MAX_SIZE */
	atomic_size_t next_batch;        /* first batch nobody claimed */
	atomic_uchar *done;              /* per batch: hashed */
	void *done_mem;                  /* the block done lives in */
	atomic_int err;
	/* second walk */
	struct rlm_rim *rim;
	struct rlm_launch_counts c;
	size_t at;                       /* next record to chain */
};

static bool measured_(const struct rlm_launch_op *op)
{
	return op->type == RLM_LOP_DATA && op->flags == RLM_RMI_MEASURE_CONTENT &&
	       op->content && op->content_off <= RLM_GRANULE_SIZE &&
	       op->content_len <= RLM_GRANULE_SIZE - op->content_off;
}

static int collect_(void *arg, const struct rlm_launch_op *op)
{
	struct mt_job_ *j = arg;

	const struct rlm_launch_image *im;

	if (!measured_(op))
		return 0;
	/* Content kept past the visit must be the caller's image bytes. */
	im = op->image < j->d->nimages ? &j->d->images[op->image] : NULL;
	if (!im || !im->data || op->content < im->data ||
	    (uint64_t)(op->content - im->data) + op->content_len > im->len)
		return RLM_ENOTSUP;
	if (j->nrecs == j->cap) {
		size_t cap = j->cap ? 2 * j->cap : 1024;
		struct mt_rec_ *r = realloc(j->recs, cap * sizeof(*r));

		if (!r)
			return RLM_ENOMEM;
		j->recs = r;
		j->cap = cap;
	}
	j->recs[j->nrecs].content = op->content;
	j->recs[j->nrecs].len = op->content_len;
	j->recs[j->nrecs].off = op->content_off;
	j->nrecs++;
	return 0;
}

/* The content hash of a granule: its bytes at off, zero around them. */
static int hash_rec_(const struct mt_job_ *j, const struct mt_rec_ *r, uint8_t *out)
{
	uint8_t page[RLM_GRANULE_SIZE];

	memset(out, 0, RLM_HASH_MAX_SIZE);
	if (r->len == RLM_GRANULE_SIZE)
		return rlm_hash_digest_with(j->prov, j->algo, r->content,
					    RLM_GRANULE_SIZE, out);
	memset(page, 0, sizeof(page));
	memcpy(page + r->off, r->content, r->len);
	return rlm_hash_digest_with(j->prov, j->algo, page, sizeof(page), out);
}

/* Claim and hash the next batch; false when none is left. */
static bool hash_next_(struct mt_job_ *j)
{
	size_t b = atomic_fetch_add(&j->next_batch, 1), i, end;
	int rc = 0;

	if (b >= j->nbatches)
		return false;
	end = (b + 1) * BATCH_ < j->nrecs ? (b + 1) * BATCH_ : j->nrecs;
	for (i = b * BATCH_; i < end && !rc; i++)
		rc = hash_rec_(j, &j->recs[i], j->hashes + i * RLM_HASH_MAX_SIZE);
	if (rc) {
		int zero = 0;

		atomic_compare_exchange_strong(&j->err, &zero, rc);
	}
	atomic_store_explicit(&j->done[b], 1, memory_order_release);
	return true;
}

static void *worker_(void *arg)
{
	struct mt_job_ *j = arg;

	while (!atomic_load(&j->err) && hash_next_(j))
		;
	return NULL;
}

static int chain_(void *arg, const struct rlm_launch_op *op)
{
	struct mt_job_ *j = arg;
	struct rlm_launch_counts *c = &j->c;
	size_t b;
	int rc;

	switch (op->type) {
	case RLM_LOP_RTT_CREATE:
		if (op->data_rtt)
			c->rtts_data++;
		else
			c->rtts_ram++;
		break;
	case RLM_LOP_INIT_RIPAS:
		c->ripas_ranges++;
		break;
	case RLM_LOP_RIPAS_MEASURE:
		c->ripas_entries++;
		break;
	case RLM_LOP_DATA:
		if (op->flags == RLM_RMI_MEASURE_CONTENT)
			c->data_measured++;
		else
			c->data_unmeasured++;
		break;
	case RLM_LOP_REC_CREATE:
		c->recs++;
		c->recs_runnable += op->vcpu < j->d->nvcpus &&
				    j->d->vcpus[op->vcpu].runnable;
		break;
	default:
		break;
	}
	if (!measured_(op))
		return rlm_launch_rim_step(j->rim, j->d, op);
	if (j->at >= j->nrecs || j->recs[j->at].content != op->content)
		return RLM_ESTATE;   /* the two walks differ: cannot happen */
	b = j->at / BATCH_;
	while (!atomic_load_explicit(&j->done[b], memory_order_acquire)) {
		/* Hash a later batch rather than wait; yield when none is left. */
		if (!hash_next_(j))
			sched_yield();
	}
	rc = atomic_load(&j->err);
	if (rc)
		return rc;
	rc = rlm_rim_extend_data_hash(j->rim, op->ipa, op->flags,
				      j->hashes + j->at * RLM_HASH_MAX_SIZE);
	j->at++;
	return rc;
}

int rlm_launch_predict_threads(const struct rlm_launch_desc *d, struct rlm_rim *rim,
			       struct rlm_launch_counts *counts, unsigned int nthreads)
{
	struct mt_job_ j;
	pthread_t *tids = NULL;
	unsigned int i, started = 0;
	size_t b;
	int rc;

	if (!d || !rim)
		return RLM_EINVAL;
	if (!nthreads) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		nthreads = n > 0 ? (unsigned int)n : 1;
	}
	if (nthreads > 256)
		nthreads = 256;
	if (nthreads == 1)
		return rlm_launch_predict(d, rim, counts);
	memset(&j, 0, sizeof(j));
	j.d = d;
	j.rim = rim;
	j.algo = (enum rlm_hash_algo)d->params.hash_algo;
	j.prov = rlm_hash_get_provider();
	rc = rlm_launch_walk(d, collect_, &j);
	if (rc == RLM_ENOTSUP)
		rc = 0, j.nrecs = 0;
	if (rc || !j.nrecs || !rlm_hash_size(j.algo) || !j.prov->supports(j.algo)) {
		/* Nothing to spread (or an error the plain walk reports). */
		free(j.recs);
		return rc ? rc : rlm_launch_predict(d, rim, counts);
	}
	j.nbatches = (j.nrecs + BATCH_ - 1) / BATCH_;
	j.hashes = malloc(j.nrecs * RLM_HASH_MAX_SIZE);
	j.done_mem = malloc(j.nbatches * sizeof(*j.done));
	j.done = j.done_mem;
	tids = calloc(nthreads - 1, sizeof(*tids));
	if (!j.hashes || !j.done || !tids) {
		rc = RLM_ENOMEM;
		goto out;
	}
	for (b = 0; b < j.nbatches; b++)
		atomic_init(&j.done[b], 0);
	atomic_init(&j.next_batch, 0);
	atomic_init(&j.err, 0);
	for (i = 0; i + 1 < nthreads && i < j.nbatches; i++) {
		if (pthread_create(&tids[i], NULL, worker_, &j))
			break; /* fewer threads give the same result */
		started++;
	}
	rc = rlm_launch_walk(d, chain_, &j);
	if (!rc && j.at != j.nrecs)
		rc = RLM_ESTATE;
	/* Stop the workers early on an error: claim what is left. */
	atomic_store(&j.next_batch, j.nbatches);
	for (i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	if (!rc && counts)
		*counts = j.c;
out:
	free(tids);
	free(j.done_mem);
	free(j.hashes);
	free(j.recs);
	return rc;
}
