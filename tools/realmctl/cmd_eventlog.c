/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realmctl eventlog: TCG2 event logs (CCEL, realm launch logs).
 *   eventlog show LOG [--json]
 *   eventlog ccel TABLE [--json]     (the ACPI CCEL table, e.g.
 *                                     /sys/firmware/acpi/tables/CCEL)
 *   eventlog replay LOG [--image FILE]... [--pcr] [--hash ALG] [--json]
 *   eventlog compare LOG [--rim HEX] [--rem H0,H1,H2,H3] [--image FILE]...
 *                    [--pcr] [--json]
 * Also the image matching and log loading realmctl measure uses.
 */
#include <stdlib.h>
#include <string.h>

#include "realmctl.h"
#include "cmd_eventlog.h"

void evl_images_free(struct evl_images *im)
{
	unsigned int i;

	for (i = 0; i < im->n; i++)
		free(im->data[i]);
	im->n = 0;
}

int evl_images_add(struct evl_images *im, const char *path)
{
	int rc;

	if (im->n == EVL_MAX_IMAGES) {
		cli_err("too many --image files (at most %d)", EVL_MAX_IMAGES);
		return CLI_USAGE;
	}
	rc = cli_read_file(path, &im->data[im->n], &im->len[im->n]);
	if (rc) {
		cli_err("cannot read image %s: %s", path, rlm_strerror(rc));
		return CLI_USAGE;
	}
	im->path[im->n++] = path;
	return 0;
}

/* The image whose hash equals the event's first SHA-2 digest. */
static int evl_find_image(void *arg, const struct rlm_tcg_event *ev,
			  const struct rlm_tcg_blob *blob, const uint8_t **data,
			  size_t *len)
{
	struct evl_images *im = arg;
	unsigned int i, d;

	(void)blob;
	for (d = 0; d < ev->ndigests; d++) {
		enum rlm_hash_algo a;

		if (rlm_tcg_alg_to_hash(ev->digests[d].alg, &a))
			continue;
		for (i = 0; i < im->n; i++) {
			uint8_t h[RLM_HASH_MAX_SIZE];

			if (rlm_hash_digest(a, im->data[i], im->len[i], h))
				return RLM_ECRYPTO;
			if (!memcmp(h, ev->digests[d].value, rlm_hash_size(a))) {
				*data = im->data[i];
				*len = im->len[i];
				return 0;
			}
		}
		break;
	}
	return RLM_ENOENT;
}

void evl_opts(struct rlm_tcg_replay_opts *o, struct evl_images *im, bool pcr)
{
	memset(o, 0, sizeof(*o));
	o->image = evl_find_image;
	o->image_arg = im;
	/* A CC event log's index is the CC MR index; --pcr for a TPM log. */
	if (pcr)
		o->flags |= RLM_TCG_REPLAY_PCR;
}

int evl_report(const char *path, int rc, const struct rlm_tcg_error *err)
{
	if (err->what)
		cli_err("%s: %s at offset %zu (0x%zx): %s (%s)", path,
			rc == RLM_ENOENT ? "cannot replay" : "malformed event log",
			err->offset, err->offset, err->what, rlm_strerror(rc));
	else
		cli_err("%s: %s", path, rlm_strerror(rc));
	if (rc == RLM_ETRUNC)
		cli_err("%s: the log is cut; --allow-truncated replays the whole events"
			" before the cut", path);
	return CLI_USAGE;
}

static const char *mr_name(int mr)
{
	static const char *const n[RLM_MR_COUNT] = { "rim", "rem0", "rem1", "rem2", "rem3" };

	return mr >= 0 && mr < RLM_MR_COUNT ? n[mr] : "?";
}

static void print_mrs(const struct rlm_realm_mrs *m, size_t nev, bool as_json)
{
	size_t hs = rlm_hash_size(m->algo);
	struct json j;
	int i;

	if (!as_json) {
		printf("events: %zu\nhash: %s\n", nev, rlm_hash_name(m->algo));
		if (m->have_rim) {
			printf("rim: ");
			cli_print_hex(stdout, m->rim, hs);
			printf("\n");
		} else if (m->rim_needs_images) {
			printf("rim: needs the launch images (--image)\n");
		}
		for (i = 0; i < 4; i++) {
			printf("rem%d: ", i);
			cli_print_hex(stdout, m->rem[i], hs);
			printf("\n");
		}
		return;
	}
	json_init(&j, stdout);
	json_obj_begin(&j);
	json_key(&j, "events");
	json_u64(&j, nev);
	json_key(&j, "hash");
	json_str(&j, rlm_hash_name(m->algo));
	if (m->have_rim) {
		json_key(&j, "rim");
		json_hex(&j, m->rim, hs);
	} else if (m->rim_needs_images) {
		json_key(&j, "rim_needs_images");
		json_bool(&j, true);
	}
	json_key(&j, "rem");
	json_arr_begin(&j);
	for (i = 0; i < 4; i++)
		json_hex(&j, m->rem[i], hs);
	json_arr_end(&j);
	json_obj_end(&j);
	json_finish(&j);
}

static int usage(void)
{
	cli_err("usage: realmctl eventlog show LOG [--json]\n"
		"       realmctl eventlog ccel TABLE [--json]\n"
		"       realmctl eventlog replay LOG [--image FILE]... [--pcr]"
		" [--hash sha256|sha512] [--json]\n"
		"       realmctl eventlog compare LOG [--rim HEX] [--rem H0,H1,H2,H3]"
		" [--image FILE]... [--pcr] [--json]");
	return CLI_USAGE;
}

static int cmd_show(const char *path, const uint8_t *buf, size_t len, bool as_json)
{
	struct rlm_tcg_error err = { 0, NULL };
	struct rlm_tcg_log log;
	struct rlm_tcg_event ev;
	struct json j;
	size_t pos, n = 0;
	uint32_t i;
	int rc;

	rc = rlm_tcg_log_open(&log, buf, len, &err);
	if (rc)
		return evl_report(path, rc, &err);
	/* Walk once to validate, so nothing is printed for a bad log. */
	pos = log.first_event;
	while (!(rc = rlm_tcg_log_next(&log, &pos, &ev, &err)))
		n++;
	if (rc != RLM_ENOENT)
		return evl_report(path, rc, &err);
	if (as_json) {
		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "algorithms");
		json_arr_begin(&j);
		for (i = 0; i < log.nalgs; i++)
			json_u64(&j, log.algs[i].id);
		json_arr_end(&j);
		json_key(&j, "events");
		json_arr_begin(&j);
	} else {
		printf("algorithms:");
		for (i = 0; i < log.nalgs; i++)
			printf(" 0x%04x", log.algs[i].id);
		printf("\n");
	}
	pos = log.first_event;
	n = 0;
	while (!rlm_tcg_log_next(&log, &pos, &ev, &err)) {
		struct rlm_tcg_blob b;
		struct rlm_tcg_tagged t;
		bool blob = (ev.type == RLM_EV_POST_CODE2 ||
			     ev.type == RLM_EV_EFI_PLATFORM_FIRMWARE_BLOB2) &&
			    !rlm_tcg_parse_blob(ev.data, ev.data_size, &b);
		bool tag = ev.type == RLM_EV_EVENT_TAG &&
			   !rlm_tcg_parse_tagged(ev.data, ev.data_size, &t);

		if (as_json) {
			json_obj_begin(&j);
			json_key(&j, "offset");
			json_u64(&j, ev.offset);
			json_key(&j, "index");
			json_u64(&j, ev.index);
			json_key(&j, "type");
			json_u64(&j, ev.type);
			json_key(&j, "digests");
			json_obj_begin(&j);
			for (i = 0; i < ev.ndigests; i++) {
				char k[8];

				snprintf(k, sizeof(k), "0x%04x", ev.digests[i].alg);
				json_key(&j, k);
				json_hex(&j, ev.digests[i].value, ev.digests[i].size);
			}
			json_obj_end(&j);
			json_key(&j, "size");
			json_u64(&j, ev.data_size);
			if (blob) {
				char d[256];

				memcpy(d, b.desc, b.desc_len);
				d[b.desc_len] = 0;
				json_key(&j, "blob");
				json_str(&j, d);
				json_key(&j, "base");
				json_u64(&j, b.base);
				json_key(&j, "length");
				json_u64(&j, b.size);
			}
			if (tag) {
				json_key(&j, "tag");
				json_u64(&j, t.id);
			}
			json_obj_end(&j);
		} else {
			printf("%4zu @0x%05zx pcr %u type 0x%08x size %u", n, ev.offset,
			       ev.index, ev.type, ev.data_size);
			if (blob)
				printf(" blob \"%.*s\" base 0x%llx length 0x%llx",
				       (int)strnlen((const char *)b.desc, b.desc_len), b.desc,
				       (unsigned long long)b.base, (unsigned long long)b.size);
			if (tag)
				printf(" tag %u", t.id);
			printf("\n");
		}
		n++;
	}
	if (as_json) {
		json_arr_end(&j);
		json_obj_end(&j);
		json_finish(&j);
	}
	return CLI_OK;
}

static int cmd_ccel(const char *path, const uint8_t *buf, size_t len, bool as_json)
{
	struct rlm_ccel c;
	struct json j;
	int rc = rlm_ccel_parse(buf, len, &c);

	if (rc) {
		cli_err("%s: not a valid CCEL table: %s", path,
			rc == RLM_EVERIFY ? "bad checksum" : rlm_strerror(rc));
		return CLI_USAGE;
	}
	if (!as_json) {
		printf("revision: %u\noem: %s %s\ncc type: %u\ncc subtype: %u\n"
		       "log minimum length: 0x%llx\nlog start: 0x%llx\n", c.revision,
		       c.oem_id, c.oem_table_id, c.cc_type, c.cc_subtype,
		       (unsigned long long)c.log_min_length,
		       (unsigned long long)c.log_start);
		return CLI_OK;
	}
	json_init(&j, stdout);
	json_obj_begin(&j);
	json_key(&j, "revision");
	json_u64(&j, c.revision);
	json_key(&j, "oem_id");
	json_str(&j, c.oem_id);
	json_key(&j, "oem_table_id");
	json_str(&j, c.oem_table_id);
	json_key(&j, "cc_type");
	json_u64(&j, c.cc_type);
	json_key(&j, "cc_subtype");
	json_u64(&j, c.cc_subtype);
	json_key(&j, "log_min_length");
	json_u64(&j, c.log_min_length);
	json_key(&j, "log_start");
	json_u64(&j, c.log_start);
	json_obj_end(&j);
	json_finish(&j);
	return CLI_OK;
}

/* Parse "h0,h1,h2,h3" into 4 REMs of hs bytes. */
static int parse_rems(const char *s, uint8_t rem[4][RLM_HASH_MAX_SIZE], size_t *hs)
{
	char tmp[4 * 130 + 8];
	char *save = NULL, *tok;
	int i = 0;

	if (strlen(s) >= sizeof(tmp))
		return -1;
	strcpy(tmp, s);
	for (tok = strtok_r(tmp, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		long n;

		if (i == 4)
			return -1;
		n = cli_unhex(tok, rem[i], RLM_HASH_MAX_SIZE);
		if (n != 32 && n != 64)
			return -1;
		if (*hs && *hs != (size_t)n)
			return -1;
		*hs = (size_t)n;
		i++;
	}
	return i == 4 ? 0 : -1;
}

int cmd_eventlog(int argc, char **argv)
{
	struct evl_images im = { .n = 0 };
	struct rlm_tcg_error err = { 0, NULL };
	struct rlm_tcg_replay_opts o;
	struct rlm_realm_mrs m, want;
	const char *sub, *path = NULL, *rim_hex = NULL, *rem_arg = NULL, *hash = NULL;
	bool as_json = false, pcr = false;
	uint8_t *buf = NULL;
	size_t len, nev = 0, hs = 0;
	int i, rc, ret = CLI_USAGE;

	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("realmctl eventlog show|replay|compare LOG ...: TCG2 event logs\n");
		return CLI_OK;
	}
	if (argc < 3)
		return usage();
	sub = argv[1];
	if (strcmp(sub, "show") && strcmp(sub, "replay") && strcmp(sub, "compare") &&
	    strcmp(sub, "ccel"))
		return usage();
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			as_json = true;
		} else if (!strcmp(argv[i], "--mr-index")) {
			pcr = false; /* the default */
		} else if (!strcmp(argv[i], "--pcr")) {
			pcr = true;
		} else if (!strcmp(argv[i], "--image") && i + 1 < argc) {
			if (evl_images_add(&im, argv[++i]))
				goto out;
		} else if (!strcmp(argv[i], "--hash") && i + 1 < argc) {
			hash = argv[++i];
		} else if (!strcmp(argv[i], "--rim") && i + 1 < argc) {
			rim_hex = argv[++i];
		} else if (!strcmp(argv[i], "--rem") && i + 1 < argc) {
			rem_arg = argv[++i];
		} else if (!path && !(argv[i][0] == '-' && argv[i][1])) {
			path = argv[i];
		} else {	/* an unknown option, or a second path */
			ret = usage();
			goto out;
		}
	}
	if (!path) {
		ret = usage();
		goto out;
	}
	rc = cli_read_file(path, &buf, &len);
	if (rc) {
		cli_err("cannot read %s: %s", path, rlm_strerror(rc));
		goto out;
	}
	if (!strcmp(sub, "show")) {
		ret = cmd_show(path, buf, len, as_json);
		goto out;
	}
	if (!strcmp(sub, "ccel")) {
		ret = cmd_ccel(path, buf, len, as_json);
		goto out;
	}
	evl_opts(&o, &im, pcr);
	if (hash) {
		o.flags |= RLM_TCG_REPLAY_HASH_SET;
		if (!strcmp(hash, "sha256")) {
			o.algo = RLM_HASH_SHA256;
		} else if (!strcmp(hash, "sha512")) {
			o.algo = RLM_HASH_SHA512;
		} else {
			cli_err("unknown hash '%s' (sha256 or sha512)", hash);
			goto out;
		}
	}
	if (!strcmp(sub, "replay")) {
		rc = rlm_tcg_replay(buf, len, &o, &m, &nev, &err);
		if (rc) {
			ret = evl_report(path, rc, &err);
			goto out;
		}
		print_mrs(&m, nev, as_json);
		ret = CLI_OK;
		goto out;
	}
	/* compare */
	memset(&want, 0, sizeof(want));
	if (!rim_hex && !rem_arg) {
		cli_err("compare needs --rim and/or --rem");
		goto out;
	}
	if (rem_arg && parse_rems(rem_arg, want.rem, &hs)) {
		cli_err("--rem wants four hex values of 32 or 64 bytes, comma separated");
		goto out;
	}
	if (rim_hex) {
		long n = cli_unhex(rim_hex, want.rim, RLM_HASH_MAX_SIZE);

		if ((n != 32 && n != 64) || (hs && (size_t)n != hs)) {
			cli_err("--rim wants a hex value of 32 or 64 bytes (the REMs' size)");
			goto out;
		}
		hs = (size_t)n;
		want.have_rim = true;
	}
	want.algo = hs == 32 ? RLM_HASH_SHA256 : RLM_HASH_SHA512;
	if (!rem_arg) {
		/* Only the RIM was given: take the REMs the log gives, so they
		 * compare equal and only the RIM is checked. */
		struct rlm_realm_mrs got;

		rc = rlm_tcg_replay(buf, len, &o, &got, NULL, &err);
		if (rc) {
			ret = evl_report(path, rc, &err);
			goto out;
		}
		memcpy(want.rem, got.rem, sizeof(want.rem));
	}
	{
		struct rlm_tcg_divergence d;
		struct json j;

		rc = rlm_tcg_compare(buf, len, &o, &want, &d, &err);
		if (rc && rc != RLM_EMISMATCH) {
			ret = evl_report(path, rc, &err);
			goto out;
		}
		if (rc == RLM_EMISMATCH && d.mr < 0) {
			cli_err("%s: %s", path, err.what ? err.what : "hash algorithm differs");
			ret = CLI_FAIL;
			goto out;
		}
		ret = rc ? CLI_FAIL : CLI_OK;
		if (as_json) {
			json_init(&j, stdout);
			json_obj_begin(&j);
			json_key(&j, "match");
			json_bool(&j, !rc);
			if (rc) {
				json_key(&j, "mr");
				json_str(&j, mr_name(d.mr));
				json_key(&j, "event");
				json_u64(&j, d.event_no);
				json_key(&j, "offset");
				json_u64(&j, d.offset);
				json_key(&j, "type");
				json_u64(&j, d.type);
				json_key(&j, "matched_before");
				json_bool(&j, d.matched_before);
			}
			json_obj_end(&j);
			json_finish(&j);
		} else if (!rc) {
			printf("match\n");
		} else {
			printf("%s differs: first diverging event %zu (offset 0x%zx, type 0x%x)%s\n",
			       mr_name(d.mr), d.event_no, d.offset, d.type,
			       d.matched_before ? ": logged but not in the value read" :
			       "");
		}
	}
out:
	free(buf);
	evl_images_free(&im);
	return ret;
}
