/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Event log replay into the RIM and REMs, and comparison against expected
 * values (formats in realm/eventlog.h).  PCR to MR mapping as veraison
 * cca-realm-measurements docs/measurement-log.md gives it.
 */
#include <realm/eventlog.h>
#include <realm/error.h>
#include "core/bytes.h"
#include "measure/eventlog_priv.h"

unsigned int rlm_tcg_pcr_to_mr(uint32_t pcr)
{
	if (pcr == 0)
		return RLM_MR_RIM;
	if (pcr == 1 || pcr == 7)
		return RLM_MR_REM(0);
	if (pcr <= 6)
		return RLM_MR_REM(1);
	if (pcr <= 15)
		return RLM_MR_REM(2);
	return RLM_MR_REM(3);
}

uint32_t rlm_tcg_mr_to_pcr(unsigned int mr)
{
	static const uint32_t pcr[RLM_MR_COUNT] = { 0, 1, 2, 8, 16 };

	return mr < RLM_MR_COUNT ? pcr[mr] : 16;
}

static int event_mr_(const struct rlm_tcg_replay_opts *o, uint32_t index,
		     unsigned int *mr)
{
	/* A CC event log stores the CC MR index: firmware maps PCR to MR when
	 * it measures (UEFI 2.10 EFI_CC_MEASUREMENT_PROTOCOL.MapPcrToMrIndex;
	 * EDK2 ArmCcaPkg's implementation).  Only a TPM log needs the map. */
	if (o && (o->flags & RLM_TCG_REPLAY_PCR)) {
		*mr = rlm_tcg_pcr_to_mr(index);
		return 0;
	}
	if (index >= RLM_MR_COUNT)
		return RLM_EMALFORMED;
	*mr = index;
	return 0;
}

/* replay_rim_event_: a measured blob without its image (not an error). */
#define RIM_NEEDS_IMAGES_ 2

static bool is_blob_(uint32_t type)
{
	return type == RLM_EV_POST_CODE2 || type == RLM_EV_EFI_PLATFORM_FIRMWARE_BLOB2;
}

static int replay_rim_event_(const struct rlm_tcg_event *ev,
			     const struct rlm_tcg_replay_opts *o,
			     const struct rlm_realm_params *rp,
			     struct rlm_rim *rim, bool *created, uint64_t *budget,
			     struct rlm_tcg_error *err)
{
	struct rlm_tcg_tagged t;
	struct rlm_tcg_blob blob;
	int rc;

	if (ev->type == RLM_EV_EVENT_TAG) {
		uint64_t base, size;
		struct rlm_rec_params rec;

		rc = rlm_tcg_parse_tagged(ev->data, ev->data_size, &t);
		if (rc)
			return fail_(err, ev->offset, "malformed tagged event", rc);
		if (t.id == RLM_REALM_LOG_REALM_CREATE) {
			rc = rlm_rim_init(rim, rp);
			*created = !rc;
			return rc ? fail_(err, ev->offset, "REALM_CREATE refused", rc) : 0;
		}
		if (!*created)
			return fail_(err, ev->offset, "RIM event before REALM_CREATE",
				     RLM_EMALFORMED);
		if (t.id == RLM_REALM_LOG_INIT_RIPAS) {
			rc = rlm_realm_log_parse_init_ripas(t.data, t.size, &base, &size);
			if (!rc)
				rc = rlm_rim_extend_ripas_range(rim, rp->s2sz, base,
								base + size);
			return rc ? fail_(err, ev->offset, "bad INIT_RIPAS event", rc) : 0;
		}
		if (t.id == RLM_REALM_LOG_REC_CREATE) {
			rc = rlm_realm_log_parse_rec_create(t.data, t.size, &rec);
			if (rc)
				return fail_(err, ev->offset, "bad REC_CREATE event", rc);
			/* The RMM does not measure a REC that is not runnable. */
			if (!(rec.flags & RLM_REC_PARAMS_FLAG_RUNNABLE))
				return 0;
			return rlm_rim_extend_rec(rim, &rec);
		}
		return fail_(err, ev->offset, "unknown realm log tag", RLM_EMALFORMED);
	}
	if (!is_blob_(ev->type))
		return fail_(err, ev->offset, "event type cannot be replayed into the RIM",
			     RLM_EMALFORMED);
	if (!*created)
		return fail_(err, ev->offset, "RIM event before REALM_CREATE",
			     RLM_EMALFORMED);
	rc = rlm_tcg_parse_blob(ev->data, ev->data_size, &blob);
	if (rc)
		return fail_(err, ev->offset, "malformed blob event", rc);
	if (blob.base > (UINT64_C(1) << (rp->s2sz - 1)) ||
	    blob.size > (UINT64_C(1) << (rp->s2sz - 1)) - blob.base)
		return fail_(err, ev->offset, "blob outside the protected IPA space",
			     RLM_ERANGE);
	{
		/* granules the blob spans (it lies below 2^51: no overflow) */
		uint64_t ng = ((blob.base & RLM_GRANULE_MASK) + blob.size +
			       RLM_GRANULE_MASK) >> RLM_GRANULE_SHIFT;

		if (ng > *budget)
			return fail_(err, ev->offset,
				     "blobs larger than the replay's granule limit",
				     RLM_ERANGE);
		*budget -= ng;
	}
	if (ev->ndigests == 0) {
		/* Loaded unmeasured: the addresses only.  Stream in chunks so a
		 * size_t narrower than u64 cannot truncate. */
		uint64_t base = blob.base, left = blob.size;

		rc = 0;
		while (left && !rc) {
			uint64_t k = 0x40000000 - (base & RLM_GRANULE_MASK);

			if (k > left)
				k = left;
			rc = rlm_rim_extend_blob(rim, base, NULL, (size_t)k,
						 RLM_RMI_NO_MEASURE_CONTENT);
			base += k;
			left -= k;
		}
		return rc;
	}
	{
		const uint8_t *img = NULL, *want;
		uint8_t h[RLM_HASH_MAX_SIZE];
		size_t ilen = 0;
		enum rlm_hash_algo ha;
		uint32_t i;

		if (!o || !o->image)
			return RIM_NEEDS_IMAGES_;
		rc = o->image(o->image_arg, ev, &blob, &img, &ilen);
		if (rc == RLM_ENOENT)
			return RIM_NEEDS_IMAGES_;
		if (rc)
			return fail_(err, ev->offset, "no image matches the blob's digest",
				     RLM_EIO);
		if (!img || (uint64_t)ilen != blob.size)
			return fail_(err, ev->offset, "image size differs from the blob size",
				     RLM_EMISMATCH);
		/* Check the image against a digest we can compute. */
		want = NULL;
		for (i = 0; i < ev->ndigests && !want; i++)
			if (!rlm_tcg_alg_to_hash(ev->digests[i].alg, &ha))
				want = ev->digests[i].value;
		if (!want)
			return fail_(err, ev->offset, "blob has no SHA-2 digest", RLM_ENOTSUP);
		rc = rlm_hash_digest(ha, img, ilen, h);
		if (rc)
			return rc;
		if (rlm_memcmp(h, want, rlm_hash_size(ha)))
			return fail_(err, ev->offset, "image does not match the blob's digest",
				     RLM_EMISMATCH);
		return rlm_rim_extend_blob(rim, blob.base, img, ilen,
					   RLM_RMI_MEASURE_CONTENT);
	}
}

/* A RIM event of a log without REALM_CREATE: only its container. */
static int check_rim_container_(const struct rlm_tcg_event *ev,
				struct rlm_tcg_error *err)
{
	struct rlm_tcg_tagged t;
	struct rlm_tcg_blob b;
	int rc = 0;

	if (is_blob_(ev->type))
		rc = rlm_tcg_parse_blob(ev->data, ev->data_size, &b);
	else if (ev->type == RLM_EV_EVENT_TAG)
		rc = rlm_tcg_parse_tagged(ev->data, ev->data_size, &t);
	return rc ? fail_(err, ev->offset, "malformed event data", rc) : 0;
}

static int pick_algo_(const struct rlm_tcg_log *log,
		      const struct rlm_tcg_replay_opts *o, bool have_rc,
		      const struct rlm_realm_params *rp, enum rlm_hash_algo *algo)
{
	uint32_t i;

	if (have_rc) {
		*algo = (enum rlm_hash_algo)rp->hash_algo;
		return 0;
	}
	if (o && (o->flags & RLM_TCG_REPLAY_HASH_SET)) {
		if (o->algo != RLM_HASH_SHA256 && o->algo != RLM_HASH_SHA512 &&
		    o->algo != RLM_HASH_SHA384)
			return RLM_EINVAL;
		*algo = o->algo;
		return 0;
	}
	for (i = 0; i < log->nalgs; i++) {
		if (log->algs[i].id == RLM_TPM_ALG_SHA256) {
			*algo = RLM_HASH_SHA256;
			return 0;
		}
		if (log->algs[i].id == RLM_TPM_ALG_SHA512) {
			*algo = RLM_HASH_SHA512;
			return 0;
		}
	}
	return RLM_ENOTSUP;
}

/*
 * The common event read without log_next_'s searches: not the start of
 * padding (its first byte is neither 0x00 nor 0xFF), one digest of every
 * header algorithm in the header's order, all within the log.  Such an
 * event is one log_next_ accepts, and it fills ev the same way; anything
 * else (every error included) answers false and goes through log_next_,
 * so what a replay accepts and the errors it names do not change.  A REM
 * event costs one 64-byte SHA-256, against which log_next_'s general
 * checks were a measurable share (docs/benchmarks.md, replay).
 */
static inline bool log_next_fast_(const struct rlm_tcg_log *log, size_t *pos,
				  struct rlm_tcg_event *ev)
{
	const uint8_t *e;
	size_t rest, p;
	uint32_t i, ds;

	if (*pos > log->len || *pos < log->first_event)
		return false;
	e = log->buf + *pos;
	rest = log->len - *pos;
	if (rest < 16 || e[0] == 0 || e[0] == 0xff ||
	    rlm_get_le32(e + 8) != log->nalgs)
		return false;
	p = 12;
	for (i = 0; i < log->nalgs; i++) {
		if (rest - p < 2u + log->algs[i].size ||
		    rlm_get_le16(e + p) != log->algs[i].id)
			return false;
		ev->digests[i].alg = log->algs[i].id;
		ev->digests[i].size = log->algs[i].size;
		ev->digests[i].value = e + p + 2;
		p += 2u + log->algs[i].size;
	}
	if (rest - p < 4)
		return false;
	ds = rlm_get_le32(e + p);
	p += 4;
	if (ds > rest - p)
		return false;
	ev->offset = *pos;
	ev->index = rlm_get_le32(e);
	ev->type = rlm_get_le32(e + 4);
	ev->ndigests = log->nalgs;
	ev->data_size = ds;
	ev->data = e + p;
	ev->length = p + ds;
	*pos += p + ds;
	return true;
}

#define RESTART_ 1

/*
 * rlm_rem_extend() with the provider looked up once per pass: a REM event
 * is one 64- or 128-byte digest, where the lookup is a visible share.
 * direct256: the provider was checked (once) to hash SHA-256, so its
 * digest is called as is (a REM's bytes past the digest stay zero, as
 * rlm_hash_digest_with would leave them).  The algorithms
 * rlm_rem_extend() refuses still go through it.
 */
static int rem_extend_(const struct rlm_hash_provider *hp, bool direct256,
		       enum rlm_hash_algo algo, uint8_t rem[RLM_HASH_MAX_SIZE],
		       const uint8_t *dg)
{
	uint8_t buf[2 * RLM_HASH_MAX_SIZE];
	size_t hs;

	if (algo == RLM_HASH_SHA256 && direct256) {
		/* In place: the REM's unused half holds the digest while it is
		 * hashed, then is cleared again. */
		int rc;

		rlm_memcpy(rem + 32, dg, 32);
		rc = hp->digest(RLM_HASH_SHA256, rem, 64, rem);
		rlm_memset(rem + 32, 0, 32);
		return rc;
	}
	hs = rlm_hash_size(algo);
	if (algo != RLM_HASH_SHA256 && algo != RLM_HASH_SHA512)
		return rlm_rem_extend(algo, rem, dg, hs);
	rlm_memcpy(buf, rem, hs);
	rlm_memcpy(buf + hs, dg, hs);
	return rlm_hash_digest_with(hp, algo, buf, 2 * hs, rem);
}

/*
 * A run of REM events of a SHA-256 realm in a log of one algorithm (SHA-256),
 * the bulk of a guest's log, replayed from *pos without the general loop's
 * dispatch: each is read as log_next_fast_ reads it (so only an event the
 * general path accepts), and must be neither EV_NO_ACTION nor of the RIM.
 * The first event that is not one of these ends the run, unconsumed, for
 * the general loop.  The REM is hashed in place as rem_extend_ does.
 * Returns the events replayed; a failed hash comes back in *rc with *pos
 * at the failing event.
 */
static size_t rem_run_(const struct rlm_tcg_log *log,
		       const struct rlm_tcg_replay_opts *o,
		       const struct rlm_hash_provider *hp,
		       uint8_t (*rem)[RLM_HASH_MAX_SIZE], size_t *pos, int *rc)
{
	const uint8_t *buf = log->buf;
	size_t p = *pos, len = log->len, n = 0;

	*rc = 0;
	if (p < log->first_event)
		return 0;
	while (p <= len && len - p >= 50) {
		const uint8_t *e = buf + p;
		uint32_t ds;
		unsigned int mr;
		uint8_t *r;

		/* index, type, count 1, SHA-256 id, 32-byte digest, size */
		if (e[0] == 0 || e[0] == 0xff || rlm_get_le32(e + 8) != 1 ||
		    rlm_get_le16(e + 12) != RLM_TPM_ALG_SHA256 ||
		    rlm_get_le32(e + 4) == RLM_EV_NO_ACTION)
			break;
		ds = rlm_get_le32(e + 46);
		if (ds > len - p - 50 || event_mr_(o, rlm_get_le32(e), &mr) ||
		    mr == RLM_MR_RIM)
			break;
		r = rem[mr - 1];
		rlm_memcpy(r + 32, e + 14, 32);
		*rc = hp->digest(RLM_HASH_SHA256, r, 64, r);
		rlm_memset(r + 32, 0, 32);
		if (*rc)
			break;
		p += 50 + (size_t)ds;
		n++;
	}
	*pos = p;
	return n;
}

/*
 * One pass over the log.  forced: the REALM_CREATE parameters are known
 * (second pass).  Without them the realm hash is a guess until REALM_CREATE
 * shows up; if events before it depended on the guess, RESTART_ comes back
 * with *rp filled and the caller replays again with it forced.
 */
static int replay_pass_(const struct rlm_tcg_log *log,
			const struct rlm_tcg_replay_opts *o,
			struct rlm_realm_params *rp, bool forced,
			struct rlm_realm_mrs *mrs, size_t *nevents,
			struct rlm_tcg_error *err)
{
	struct rlm_tcg_event ev;
	struct rlm_rim rim;
	bool created = false, dependent = false, rim_lost = false;
	uint64_t budget = o && o->max_granules ? o->max_granules
					       : RLM_TCG_REPLAY_MAX_GRANULES;
	size_t pos, n = 0;
	const struct rlm_hash_provider *hp = rlm_hash_get_provider();
	bool direct256 = hp && hp->digest && hp->supports &&
			 hp->supports(RLM_HASH_SHA256);
	uint16_t want;   /* TCG id of the realm hash: the REM digest's */
	bool run;
	int rc;

	rlm_memset(mrs, 0, sizeof(*mrs));
	rc = pick_algo_(log, o, forced, rp, &mrs->algo);
	if (rc)
		return fail_(err, 0, "no usable realm hash algorithm", rc);
	rlm_memset(&rim, 0, sizeof(rim));
	rim.algo = mrs->algo;
	want = rlm_tcg_alg_of(mrs->algo);
	pos = log->first_event;
	/* rem_run_ serves a SHA-256 realm's log of one algorithm, when no
	 * observer needs each event. */
	run = direct256 && log->nalgs == 1 && log->algs[0].id == RLM_TPM_ALG_SHA256 &&
	      !(o && o->observe);
	for (;;) {
		unsigned int mr;
		int touched = -1;

		if (run && mrs->algo == RLM_HASH_SHA256) {
			size_t k = rem_run_(log, o, hp, mrs->rem, &pos, &rc);

			if (rc)
				return fail_(err, pos, "REM extension failed", rc);
			if (k) {
				n += k;
				if (!forced)
					dependent = true;
			}
		}
		if (!log_next_fast_(log, &pos, &ev)) {
			rc = log_next_(log, &pos, &ev, err);
			if (rc)
				break;
		}

		/* EV_NO_ACTION: never extended, whatever its index; recognised
		 * by the signature its data starts with (TCG PC Client PFP
		 * 10.4.5: "Spec ID Event03", "StartupLocality"..., the launch
		 * log's "VM VERSION"); one with an unknown signature is skipped. */
		if (ev.type != RLM_EV_NO_ACTION && event_mr_(o, ev.index, &mr))
			return fail_(err, ev.offset, "MR index out of range", RLM_EMALFORMED);
		if (ev.type == RLM_EV_NO_ACTION) {
			struct rlm_realm_log_vm_version v;

			rc = rlm_realm_log_parse_vm_version(ev.data, ev.data_size, &v);
			if (rc && rc != RLM_ENOENT)
				return fail_(err, ev.offset, "malformed VM VERSION event", rc);
		} else if (mr == RLM_MR_RIM && rim_lost) {
			/* The RIM is unknown already: its events are only parsed. */
			rc = check_rim_container_(&ev, err);
			if (rc)
				return rc;
		} else if (mr == RLM_MR_RIM) {
			struct rlm_tcg_tagged t;
			bool is_rc = ev.type == RLM_EV_EVENT_TAG &&
				     !rlm_tcg_parse_tagged(ev.data, ev.data_size, &t) &&
				     t.id == RLM_REALM_LOG_REALM_CREATE;

			if (is_rc && created)
				return fail_(err, ev.offset, "second REALM_CREATE event",
					     RLM_EMALFORMED);
			if (is_rc && !forced) {
				rc = rlm_realm_log_parse_realm_create(t.data, t.size, rp);
				if (rc)
					return fail_(err, ev.offset,
						     "malformed REALM_CREATE payload", rc);
				if (dependent)
					return RESTART_;
				forced = true;
				mrs->algo = rim.algo = (enum rlm_hash_algo)rp->hash_algo;
				want = rlm_tcg_alg_of(mrs->algo);
			}
			if (!forced) {
				/* No REALM_CREATE yet: a log without a RIM so far. */
				rc = check_rim_container_(&ev, err);
				if (rc)
					return rc;
				dependent = true;
			} else {
				rc = replay_rim_event_(&ev, o, rp, &rim, &created, &budget, err);
				if (rc == RIM_NEEDS_IMAGES_) {
					/* No launch image for a measured blob: the
					 * REMs still replay, the RIM cannot. */
					rim_lost = true;
					rlm_memset(mrs->rim, 0, RLM_HASH_MAX_SIZE);
					mrs->have_rim = false;
					mrs->rim_needs_images = true;
					if (err) {
						err->offset = ev.offset;
						err->what = "the RIM needs the launch images";
					}
				} else if (rc) {
					return rc;
				} else {
					rlm_memcpy(mrs->rim, rim.value, RLM_HASH_MAX_SIZE);
					mrs->have_rim = created;
					touched = RLM_MR_RIM;
				}
			}
		} else {
			const uint8_t *dg = NULL;
			uint32_t i;

			/* rlm_tcg_event_digest(), inline (ndigests <= nalgs
			 * <= RLM_TCG_MAX_ALGS: log_next_ checked) */
			for (i = 0; i < ev.ndigests; i++)
				if (ev.digests[i].alg == want) {
					dg = ev.digests[i].value;
					break;
				}
			if (!dg)
				return fail_(err, ev.offset,
					     "REM event has no digest of the realm hash",
					     RLM_EMALFORMED);
			rc = rem_extend_(hp, direct256, mrs->algo, mrs->rem[mr - 1], dg);
			if (rc)
				return fail_(err, ev.offset, "REM extension failed", rc);
			touched = (int)mr;
			if (!forced)
				dependent = true;
		}
		if (o && o->observe)
			o->observe(o->observe_arg, n, &ev, touched, mrs);
		n++;
	}
	if (rc == RLM_ETRUNC && o && (o->flags & RLM_TCG_REPLAY_ALLOW_TRUNCATED)) {
		/* err names the cut; what was whole stands. */
		if (nevents)
			*nevents = n;
		return 0;
	}
	if (rc != RLM_ENOENT)
		return rc;
	if (err && !rim_lost) {
		/* a whole log: no error to name (a lost RIM keeps its reason) */
		err->offset = 0;
		err->what = NULL;
	}
	if (nevents)
		*nevents = n;
	return 0;
}

int rlm_tcg_replay(const uint8_t *buf, size_t len,
		   const struct rlm_tcg_replay_opts *o,
		   struct rlm_realm_mrs *mrs, size_t *nevents,
		   struct rlm_tcg_error *err)
{
	struct rlm_tcg_log log;
	struct rlm_realm_params rp;
	int rc;

	if (!mrs)
		return fail_(err, 0, "no output", RLM_EINVAL);
	rlm_memset(mrs, 0, sizeof(*mrs));
	rc = rlm_tcg_log_open(&log, buf, len, err);
	if (rc)
		return rc;
	rlm_memset(&rp, 0, sizeof(rp));
	rc = replay_pass_(&log, o, &rp, false, mrs, nevents, err);
	if (rc == RESTART_)
		rc = replay_pass_(&log, o, &rp, true, mrs, nevents, err);
	if (rc)
		rlm_memset(mrs, 0, sizeof(*mrs));
	return rc;
}

/* ---- compare ---- */

struct cmp_state_ {
	const struct rlm_realm_mrs *expected;
	bool matching[RLM_MR_COUNT], ever[RLM_MR_COUNT], cand_set[RLM_MR_COUNT];
	bool cand_matched[RLM_MR_COUNT];
	size_t cand[RLM_MR_COUNT], cand_off[RLM_MR_COUNT];
	uint32_t cand_type[RLM_MR_COUNT];
	rlm_tcg_observe_fn chain;
	void *chain_arg;
};

static const uint8_t *mr_val_(const struct rlm_realm_mrs *m, int mr)
{
	return mr == RLM_MR_RIM ? m->rim : m->rem[mr - 1];
}

static void cmp_reset_(struct cmp_state_ *s)
{
	static const uint8_t zero[RLM_HASH_MAX_SIZE];
	int mr;

	for (mr = 0; mr < RLM_MR_COUNT; mr++) {
		s->matching[mr] = !rlm_memcmp(mr_val_(s->expected, mr), zero, sizeof(zero));
		s->ever[mr] = s->cand_set[mr] = s->cand_matched[mr] = false;
	}
}

static void cmp_observe_(void *arg, size_t event_no, const struct rlm_tcg_event *ev,
			 int mr, const struct rlm_realm_mrs *now)
{
	struct cmp_state_ *s = arg;

	if (s->chain)
		s->chain(s->chain_arg, event_no, ev, mr, now);
	if (event_no == 0)
		cmp_reset_(s);   /* a replay that restarted (see replay_pass_) */
	if (mr < 0)
		return;
	/* The first event after the last point where the value matched (or
	 * the MR's first event when it never matched). */
	if (s->matching[mr] || !s->cand_set[mr]) {
		s->cand[mr] = event_no;
		s->cand_off[mr] = ev->offset;
		s->cand_type[mr] = ev->type;
		s->cand_matched[mr] = s->matching[mr];
		s->cand_set[mr] = true;
	}
	s->matching[mr] = !rlm_memcmp(mr_val_(now, mr), mr_val_(s->expected, mr),
				      RLM_HASH_MAX_SIZE);
	if (s->matching[mr])
		s->ever[mr] = true;
}

int rlm_tcg_compare(const uint8_t *buf, size_t len,
		    const struct rlm_tcg_replay_opts *opts,
		    const struct rlm_realm_mrs *expected,
		    struct rlm_tcg_divergence *d, struct rlm_tcg_error *err)
{
	struct rlm_tcg_replay_opts o;
	struct rlm_realm_mrs got;
	struct cmp_state_ s;
	size_t n = 0;
	int mr, rc;

	if (!expected || !d)
		return fail_(err, 0, "no expected values", RLM_EINVAL);
	rlm_memset(d, 0, sizeof(*d));
	d->mr = -1;
	rlm_memset(&s, 0, sizeof(s));
	s.expected = expected;
	cmp_reset_(&s);
	if (opts)
		o = *opts;
	else
		rlm_memset(&o, 0, sizeof(o));
	s.chain = o.observe;
	s.chain_arg = o.observe_arg;
	o.observe = cmp_observe_;
	o.observe_arg = &s;
	rc = rlm_tcg_replay(buf, len, &o, &got, &n, err);
	if (rc)
		return rc;
	if (got.algo != expected->algo)
		return fail_(err, 0, "the log's realm hash differs from the expected one",
			     RLM_EMISMATCH);
	d->event_no = SIZE_MAX;
	for (mr = 0; mr < RLM_MR_COUNT; mr++) {
		size_t at;

		if (mr == RLM_MR_RIM && (!expected->have_rim || !got.have_rim))
			continue;
		if (!rlm_memcmp(mr_val_(&got, mr), mr_val_(expected, mr), RLM_HASH_MAX_SIZE))
			continue;
		at = s.cand_set[mr] ? s.cand[mr] : n;
		if (at < d->event_no) {
			d->mr = mr;
			d->event_no = at;
			d->offset = s.cand_set[mr] ? s.cand_off[mr] : 0;
			d->type = s.cand_set[mr] ? s.cand_type[mr] : 0;
			d->matched_before = s.cand_set[mr] ? s.cand_matched[mr] : s.matching[mr];
		}
	}
	if (d->mr < 0) {
		d->event_no = 0;
		return 0;
	}
	return RLM_EMISMATCH;
}
