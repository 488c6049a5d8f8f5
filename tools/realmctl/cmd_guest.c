/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realmctl guest: inside a realm, through the realm-shim module.
 *   guest [--device PATH] info [--json]
 *   guest [--device PATH] measurements [--json]
 *   guest [--device PATH] extend INDEX (--event TEXT | --file F) [--type N]
 *   guest [--device PATH] token --challenge HEX [--verify] [-o FILE]
 *   guest [--device PATH] log [--json] [-o FILE]   (dump + replay check)
 *   guest replay LOGFILE [--json]                  (offline replay)
 */
#include <stdlib.h>
#include <string.h>

#include <realm/conduit-shim.h>
#include <realm/guest.h>

#include "realmctl.h"
#include "rlm_config.h"
#if RLM_HAVE_OPENSSL
#include <realm/token.h>
#endif

static void usage(void)
{
	cli_err("usage: realmctl guest [--device PATH] info|measurements [--json]\n"
		"       realmctl guest [--device PATH] extend INDEX (--event TEXT | --file F) [--type N]\n"
		"       realmctl guest [--device PATH] token --challenge HEX [--verify] [-o FILE]\n"
		"       realmctl guest [--device PATH] log [--json] [-o FILE]\n"
		"       realmctl guest replay LOGFILE [--json]");
}

struct gopts {
	const char *device, *event, *file, *out, *challenge, *pos;
	bool json, verify;
	uint64_t type;
};

static int parse(int argc, char **argv, int i, struct gopts *o)
{
	for (; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--json"))
			o->json = true;
		else if (!strcmp(a, "--verify"))
			o->verify = true;
		else if (!strcmp(a, "--event") && i + 1 < argc)
			o->event = argv[++i];
		else if (!strcmp(a, "--file") && i + 1 < argc)
			o->file = argv[++i];
		else if (!strcmp(a, "-o") && i + 1 < argc)
			o->out = argv[++i];
		else if (!strcmp(a, "--challenge") && i + 1 < argc)
			o->challenge = argv[++i];
		else if (!strcmp(a, "--type") && i + 1 < argc) {
			if (cli_parse_u64(argv[++i], &o->type) || o->type > 0xffffffffu)
				return -1;
		} else if (a[0] != '-' && !o->pos)
			o->pos = a;
		else
			return -1;
	}
	return 0;
}

static int open_guest(const struct gopts *o, struct rlm_shim_conduit *s,
		      struct rlm_guest *g)
{
	struct rlm_conduit c;
	int err = rlm_shim_conduit_open(s, o->device, &c);

	if (err) {
		cli_err("cannot open %s (is the realm-shim module loaded?)",
			o->device ? o->device : "/dev/realm-shim");
		return CLI_USAGE;
	}
	err = rlm_guest_init(g, &c, RLM_SHIM_CONDUIT_IPA, s->granule);
	if (err) {
		cli_err("RSI handshake through the shim failed: %s", rlm_strerror(err));
		rlm_shim_conduit_close(s);
		return CLI_USAGE;
	}
	return 0;
}

static int write_out(const char *path, const uint8_t *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(p, 1, n, f) != n) {
		cli_err("%s: cannot write", path);
		if (f)
			fclose(f);
		return CLI_USAGE;
	}
	fclose(f);
	return 0;
}

static int do_info(const struct gopts *o, struct rlm_guest *g)
{
	struct rlm_guest_config cfg;
	uint64_t feat = 0;

	rlm_guest_config(g, &cfg);
	rlm_guest_features(g, 0, &feat);
	if (o->json) {
		struct json j;

		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "rsi_version");
		json_u64(&j, g->rsi_version);
		json_key(&j, "features0");
		json_u64(&j, feat);
		json_key(&j, "ipa_bits");
		json_u64(&j, cfg.ipa_bits);
		json_key(&j, "hash");
		json_str(&j, rlm_hash_name(cfg.hash_algo));
		json_key(&j, "rpv");
		json_hex(&j, cfg.rpv, sizeof(cfg.rpv));
		json_obj_end(&j);
		json_finish(&j);
	} else {
		printf("RSI %llu.%llu, features 0x%llx, IPA width %u, %s\n",
		       (unsigned long long)(g->rsi_version >> 16),
		       (unsigned long long)(g->rsi_version & 0xffff),
		       (unsigned long long)feat, cfg.ipa_bits,
		       rlm_hash_name(cfg.hash_algo));
		printf("rpv ");
		cli_print_hex(stdout, cfg.rpv, sizeof(cfg.rpv));
		printf("\n");
	}
	return CLI_OK;
}

static int do_measurements(const struct gopts *o, struct rlm_guest *g)
{
	static const char *const names[5] = { "rim", "rem0", "rem1", "rem2", "rem3" };
	uint8_t v[5][64];
	size_t hs = 0;
	unsigned int i;
	struct json j;

	for (i = 0; i < 5; i++) {
		int err = rlm_guest_measurement_read(g, i, v[i], &hs);

		if (err) {
			cli_err("MEASUREMENT_READ %u: %s", i, rlm_strerror(err));
			return CLI_USAGE;
		}
	}
	if (o->json) {
		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "hash");
		json_str(&j, rlm_hash_name(g->cfg.hash_algo));
		for (i = 0; i < 5; i++) {
			json_key(&j, names[i]);
			json_hex(&j, v[i], hs);
		}
		json_obj_end(&j);
		json_finish(&j);
	} else {
		for (i = 0; i < 5; i++) {
			printf("%s:%s ", names[i], rlm_hash_name(g->cfg.hash_algo));
			cli_print_hex(stdout, v[i], hs);
			printf("\n");
		}
	}
	return CLI_OK;
}

static int do_extend(const struct gopts *o, struct rlm_shim_conduit *s,
		     struct rlm_guest *g)
{
	uint64_t index;
	uint8_t *data = NULL, digest[64];
	size_t len = 0;
	int err;

	if (!o->pos || cli_parse_u64(o->pos, &index) || index < 1 || index > 4 ||
	    !o->event == !o->file) {
		cli_err("extend: INDEX is 1..4 (REM0..REM3), and one of --event/--file");
		return CLI_USAGE;
	}
	if (o->file) {
		if (cli_read_file(o->file, &data, &len)) {
			cli_err("%s: cannot read", o->file);
			return CLI_USAGE;
		}
	}
	err = rlm_shim_extend_event(s, (unsigned int)index,
				    o->type ? (uint32_t)o->type : RLM_TCG_EV_IPL,
				    o->file ? (const void *)data : o->event,
				    o->file ? len : strlen(o->event), digest);
	free(data);
	if (err) {
		cli_err("extend: %s", err == RLM_EPERM ? "not permitted (needs CAP_SYS_ADMIN)"
							: rlm_strerror(err));
		return err == RLM_EPERM ? CLI_FAIL : CLI_USAGE;
	}
	cli_print_hex(stdout, digest, rlm_hash_size(g->cfg.hash_algo));
	printf("\n");
	return CLI_OK;
}

/*
 * Check a token the realm just produced: it decodes, its realm signature
 * (with the RAK it carries) and binding verify, and it carries our
 * challenge (zero-padded) and the REMs we read now.  The platform
 * signature needs the platform's key: `realmctl token verify
 * --platform-key` does that part.
 */
static int verify_token(struct rlm_guest *g, const uint8_t *tok, size_t len,
			const uint8_t ch[64])
{
#if RLM_HAVE_OPENSSL
	static struct rlm_token t;
	struct rlm_token_result res;
	uint8_t rim[64];
	size_t hs = 0;

	if (rlm_token_decode(tok, len, &t)) {
		cli_err("token: does not decode (%s, claim %lld: %s)",
			t.err_where ? t.err_where : "?", (long long)t.err_claim,
			t.err_what ? t.err_what : "?");
		return CLI_FAIL;
	}
	if (rlm_token_verify(&t, NULL, &res) && res.realm_signature != RLM_TOKEN_OK) {
		cli_err("token: %s", res.reason ? res.reason : "does not verify");
		return CLI_FAIL;
	}
	if (res.binding != RLM_TOKEN_OK) {
		cli_err("token: platform/realm binding: %s", res.reason ? res.reason : "bad");
		return CLI_FAIL;
	}
	if (t.realm.challenge.len != 64 || memcmp(t.realm.challenge.ptr, ch, 64) != 0) {
		cli_err("token: carries another challenge");
		return CLI_FAIL;
	}
	if (rlm_guest_measurement_read(g, 0, rim, &hs) || t.realm.rim.len != hs ||
	    memcmp(t.realm.rim.ptr, rim, hs) != 0) {
		cli_err("token: its RIM is not the realm's");
		return CLI_FAIL;
	}
	fprintf(stderr, "token verified: realm signature, binding, challenge, RIM "
		"(platform signature: realmctl token verify --platform-key)\n");
	return CLI_OK;
#else
	cli_err("token: --verify needs a realmctl built with OpenSSL");
	return CLI_USAGE;
#endif
}

static int do_token(const struct gopts *o, struct rlm_guest *g)
{
	uint8_t ch[64], *tok;
	long n = o->challenge ? cli_unhex(o->challenge, ch, sizeof(ch)) : -1;
	size_t len = 0;
	int err, rc = CLI_OK;

	if (n < RLM_GUEST_CHALLENGE_MIN || n > RLM_GUEST_CHALLENGE_MAX) {
		cli_err("token: --challenge takes 32..64 bytes of hex");
		return CLI_USAGE;
	}
	tok = malloc(64 * 1024);
	if (!tok)
		return CLI_USAGE;
	memset(ch + n, 0, sizeof(ch) - (size_t)n);
	err = rlm_guest_token(g, ch, (size_t)n, tok, 64 * 1024, &len);
	if (err) {
		cli_err("token: %s", rlm_strerror(err));
		free(tok);
		return CLI_FAIL;
	}
	if (o->verify)
		rc = verify_token(g, tok, len, ch);
	if (rc == CLI_OK && o->out)
		rc = write_out(o->out, tok, len);
	else if (rc == CLI_OK)
		fwrite(tok, 1, len, stdout);
	free(tok);
	return rc;
}

/* Print the log's events, replay it, compare with the REMs if g is given. */
static int show_log(const struct gopts *o, const uint8_t *log, size_t len,
		    struct rlm_guest *g)
{
	struct rlm_guest_log_event ev;
	uint8_t rems[4][64], v[64];
	enum rlm_hash_algo algo;
	size_t off = 0, count, i;
	bool match = true;
	struct json j;
	int err;

	err = rlm_guest_log_replay(log, len, &algo, rems, &count);
	if (err) {
		cli_err("event log: %s", rlm_strerror(err));
		return CLI_USAGE;
	}
	for (i = 0; g && i < 4; i++) {
		if (rlm_guest_measurement_read(g, (unsigned int)i + 1, v, NULL) ||
		    memcmp(v, rems[i], 64) != 0)
			match = false;
	}
	if (o->json) {
		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "hash");
		json_str(&j, rlm_hash_name(algo));
		json_key(&j, "events");
		json_arr_begin(&j);
		while (!rlm_guest_log_next(log, len, &off, &ev)) {
			json_obj_begin(&j);
			json_key(&j, "index");
			json_u64(&j, ev.index);
			json_key(&j, "type");
			json_u64(&j, ev.type);
			json_key(&j, "digest");
			json_hex(&j, ev.digest, ev.digest_len);
			json_key(&j, "event");
			json_hex(&j, ev.data, ev.data_len);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		json_key(&j, "replay");
		json_arr_begin(&j);
		for (i = 0; i < 4; i++)
			json_hex(&j, rems[i], rlm_hash_size(algo));
		json_arr_end(&j);
		if (g) {
			json_key(&j, "matches_rems");
			json_bool(&j, match);
		}
		json_obj_end(&j);
		json_finish(&j);
	} else {
		while (!rlm_guest_log_next(log, len, &off, &ev)) {
			printf("rem%u type 0x%x ", ev.index - 1, ev.type);
			cli_print_hex(stdout, ev.digest, ev.digest_len);
			printf(" %.*s\n", (int)ev.data_len, (const char *)ev.data);
		}
		for (i = 0; i < 4; i++) {
			printf("replay rem%zu ", i);
			cli_print_hex(stdout, rems[i], rlm_hash_size(algo));
			printf("\n");
		}
		printf("%zu events", count);
		if (g)
			printf(", replay %s the REMs", match ? "matches" : "DOES NOT match");
		printf("\n");
	}
	return match ? CLI_OK : CLI_FAIL;
}

static int do_log(const struct gopts *o, struct rlm_shim_conduit *s,
		  struct rlm_guest *g)
{
	size_t len = 0, count;
	uint8_t *log;
	int err, rc;

	err = rlm_shim_log_read(s, NULL, 0, &len, &count);
	if (err && err != RLM_ENOSPC) {
		cli_err("log: %s", rlm_strerror(err));
		return CLI_USAGE;
	}
	log = malloc(len + 4096);
	if (!log)
		return CLI_USAGE;
	err = rlm_shim_log_read(s, log, len + 4096, &len, &count);
	if (err) {
		cli_err("log: %s", rlm_strerror(err));
		free(log);
		return CLI_USAGE;
	}
	if (o->out)
		rc = write_out(o->out, log, len);
	else
		rc = show_log(o, log, len, g);
	free(log);
	return rc;
}

int cmd_guest(int argc, char **argv)
{
	struct gopts o = { 0 };
	struct rlm_shim_conduit s;
	struct rlm_guest g;
	const char *sub;
	int i = 1, rc;

	if (argc > 2 && !strcmp(argv[1], "--device")) {
		o.device = argv[2];
		i = 3;
	}
	if (i >= argc) {
		usage();
		return CLI_USAGE;
	}
	sub = argv[i];
	if (!strcmp(sub, "--help")) {
		printf("realmctl guest [--device PATH] info|measurements|extend|token|log ...\n"
		       "realmctl guest replay LOGFILE [--json]\n");
		return CLI_OK;
	}
	if (parse(argc, argv, i + 1, &o)) {
		usage();
		return CLI_USAGE;
	}
	if (!strcmp(sub, "replay")) {
		uint8_t *log;
		size_t len;

		if (!o.pos) {
			usage();
			return CLI_USAGE;
		}
		if (cli_read_file(o.pos, &log, &len)) {
			cli_err("%s: cannot read", o.pos);
			return CLI_USAGE;
		}
		rc = show_log(&o, log, len, NULL);
		free(log);
		return rc;
	}
	if (strcmp(sub, "info") != 0 && strcmp(sub, "measurements") != 0 &&
	    strcmp(sub, "extend") != 0 && strcmp(sub, "token") != 0 &&
	    strcmp(sub, "log") != 0) {
		usage();
		return CLI_USAGE;
	}
	rc = open_guest(&o, &s, &g);
	if (rc)
		return rc;
	if (!strcmp(sub, "info"))
		rc = do_info(&o, &g);
	else if (!strcmp(sub, "measurements"))
		rc = do_measurements(&o, &g);
	else if (!strcmp(sub, "extend"))
		rc = do_extend(&o, &s, &g);
	else if (!strcmp(sub, "token"))
		rc = do_token(&o, &g);
	else
		rc = do_log(&o, &s, &g);
	rlm_shim_conduit_close(&s);
	return rc;
}
