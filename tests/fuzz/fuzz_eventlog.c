/* SPDX-License-Identifier: BSD-3-Clause */
/* Fuzz the event-log parsers: any bytes as a TCG2 log (walk, replay with a
 * dummy image lookup, compare), as a CCEL table and as each realm-log
 * payload.  Nothing may crash or read outside the input; a log that walks
 * cleanly must have events that lie inside it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <realm/realm.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int no_image(void *arg, const struct rlm_tcg_event *ev,
		    const struct rlm_tcg_blob *blob, const uint8_t **d, size_t *len)
{
	/* Hand back a zero image of the blob's size when small. */
	static const uint8_t zero[8192];

	(void)arg;
	(void)ev;
	if (blob->size > sizeof(zero))
		return RLM_ENOENT;
	*d = zero;
	*len = (size_t)blob->size;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rlm_tcg_replay_opts o;
	struct rlm_tcg_log log;
	struct rlm_tcg_event ev;
	struct rlm_realm_mrs m;
	struct rlm_tcg_divergence d;
	struct rlm_ccel c;
	struct rlm_realm_params p;
	struct rlm_rec_params r;
	struct rlm_realm_log_vm_version v;
	struct rlm_tcg_blob b;
	struct rlm_tcg_tagged t;
	uint64_t x, y;
	size_t pos, n;

	if (!rlm_tcg_log_open(&log, data, size, NULL)) {
		pos = log.first_event;
		while (!rlm_tcg_log_next(&log, &pos, &ev, NULL)) {
			if (ev.offset + ev.length > size || pos > size ||
			    (ev.data_size && ev.data + ev.data_size > data + size))
				abort();
		}
	}
	memset(&o, 0, sizeof(o));
	o.image = no_image;
	o.max_granules = 4096; /* bounded work per input */
	(void)rlm_tcg_replay(data, size, &o, &m, &n, NULL);
	o.flags = RLM_TCG_REPLAY_MR_INDEX;
	memset(&m, 0, sizeof(m));
	m.algo = RLM_HASH_SHA256;
	m.have_rim = true;
	(void)rlm_tcg_compare(data, size, &o, &m, &d, NULL);
	(void)rlm_ccel_parse(data, size, &c);
	(void)rlm_realm_log_parse_realm_create(data, size, &p);
	(void)rlm_realm_log_parse_rec_create(data, size, &r);
	(void)rlm_realm_log_parse_init_ripas(data, size, &x, &y);
	(void)rlm_realm_log_parse_vm_version(data, size, &v);
	(void)rlm_tcg_parse_blob(data, size, &b);
	(void)rlm_tcg_parse_tagged(data, size, &t);
	return 0;
}
