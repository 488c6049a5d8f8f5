/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * realmctl token: verify, show and (for tests) build CCA attestation tokens.
 *
 *   realmctl token verify TOKEN [--platform-key KEY.pem|KEY.jwk|TA.json]
 *                         [--ref-rim HEX] [--ref-rpv HEX] [--ref-challenge HEX]
 *                         [--ref-rem0..3 HEX] [--ref-hash-algo NAME] [--json]
 *   realmctl token appraise TOKEN --ta-store FILE --rv-store FILE
 *                         [--nonce HEX] [--json]
 *   realmctl token show TOKEN
 *   realmctl token build-mock OUT [--platform-pem PEM_OUT] [--curve 256|384]
 *                         [--challenge HEX] [--hash sha256|sha512]
 *
 * TOKEN is a collection (tag 907 or 399) or a bare platform token (one
 * COSE_Sign1, tag 18).
 *
 * Exit: 0 fully verified (platform key given, signatures, binding and any
 * reference values ok); 1 verification failed or skipped; 2 usage,
 * unreadable or malformed input (a bad store included).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "realmctl.h"
#include "rlm_config.h"

#if RLM_HAVE_OPENSSL

static const char *status_str(enum rlm_token_status s)
{
	return s == RLM_TOKEN_OK ? "ok" : s == RLM_TOKEN_BAD ? "bad" : "skipped";
}

static void json_bytes_or_null(struct json *j, const struct rlm_bytes *b)
{
	if (b->ptr)
		json_hex(j, b->ptr, b->len);
	else
		json_null(j);
}

static void json_text_or_null(struct json *j, const struct rlm_bytes *b)
{
	char buf[512];
	size_t n;

	if (!b->ptr) {
		json_null(j);
		return;
	}
	n = b->len < sizeof(buf) - 1 ? b->len : sizeof(buf) - 1;
	memcpy(buf, b->ptr, n);
	buf[n] = 0;
	json_str(j, buf);
}

static void json_realm(struct json *j, const struct rlm_token_realm *r);
static void json_platform(struct json *j, const struct rlm_token_platform *p);

static void json_claims(struct json *j, const struct rlm_token *t)
{
	const struct rlm_token_realm *r = &t->realm;
	const struct rlm_token_platform *p = &t->platform;

	json_key(j, "collection");
	json_u64(j, t->collection_tag);
	json_key(j, "form");
	json_str(j, t->platform_only ? "platform" : "collection");
	json_key(j, "realm");
	if (t->platform_only)
		json_null(j);
	else
		json_realm(j, r);
	(void)r;
	json_key(j, "platform");
	json_platform(j, p);
}

static void json_realm(struct json *j, const struct rlm_token_realm *r)
{
	size_t i;

	json_obj_begin(j);
	json_key(j, "profile");
	json_text_or_null(j, &r->profile);
	json_key(j, "challenge");
	json_bytes_or_null(j, &r->challenge);
	json_key(j, "rpv");
	json_bytes_or_null(j, &r->rpv);
	json_key(j, "rim");
	json_bytes_or_null(j, &r->rim);
	json_key(j, "rem");
	json_arr_begin(j);
	for (i = 0; i < 4; i++)
		json_bytes_or_null(j, &r->rem[i]);
	json_arr_end(j);
	json_key(j, "hash_algo");
	json_text_or_null(j, &r->hash_algo);
	json_key(j, "rak");
	json_bytes_or_null(j, &r->rak);
	json_key(j, "rak_format");
	json_str(j, r->rak_is_cose_key ? "cose_key" : "raw");
	json_key(j, "rak_hash_algo");
	json_text_or_null(j, &r->rak_hash_algo);
	json_key(j, "profile_version");
	json_u64(j, r->profile_version);
	json_key(j, "instance_id");
	json_bytes_or_null(j, &r->instance_id);
	json_key(j, "mec_policy");
	if (r->mec_policy == RLM_TOKEN_MEC_ABSENT)
		json_null(j);
	else
		json_str(j, r->mec_policy == RLM_TOKEN_MEC_PRIVATE ? "private" : "shared");
	json_obj_end(j);
}

static void json_platform(struct json *j, const struct rlm_token_platform *p)
{
	size_t i;

	json_obj_begin(j);
	json_key(j, "profile");
	json_text_or_null(j, &p->profile);
	json_key(j, "challenge");
	json_bytes_or_null(j, &p->challenge);
	json_key(j, "instance_id");
	json_bytes_or_null(j, &p->instance_id);
	json_key(j, "implementation_id");
	json_bytes_or_null(j, &p->implementation_id);
	json_key(j, "config");
	json_bytes_or_null(j, &p->config);
	json_key(j, "lifecycle");
	json_u64(j, p->lifecycle);
	json_key(j, "hash_algo");
	json_text_or_null(j, &p->hash_algo);
	json_key(j, "verification_service");
	json_text_or_null(j, &p->verification_service);
	json_key(j, "sw_components");
	json_arr_begin(j);
	for (i = 0; i < p->sw_count; i++) {
		const struct rlm_token_sw_component *s = &p->sw[i];

		json_obj_begin(j);
		json_key(j, "type");
		json_text_or_null(j, &s->type);
		json_key(j, "measurement");
		json_bytes_or_null(j, &s->measurement);
		json_key(j, "version");
		json_text_or_null(j, &s->version);
		json_key(j, "signer_id");
		json_bytes_or_null(j, &s->signer_id);
		json_key(j, "hash_algo");
		json_text_or_null(j, &s->hash_algo);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_obj_end(j);
}

static void decode_error(const char *path, const struct rlm_token *t, int ret,
			 bool as_json)
{
	char msg[256];

	if (t->err_claim)
		snprintf(msg, sizeof(msg), "%s: key %lld: %s", t->err_where,
			 (long long)t->err_claim, t->err_what);
	else
		snprintf(msg, sizeof(msg), "%s: %s",
			 t->err_where ? t->err_where : "token",
			 t->err_what ? t->err_what : "invalid");
	cli_err("%s: malformed token (%s): %s", path, msg, rlm_errname(ret));
	if (as_json) {
		struct json j;

		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "verdict");
		json_str(&j, "malformed");
		json_key(&j, "error");
		json_str(&j, rlm_errname(ret));
		json_key(&j, "detail");
		json_str(&j, msg);
		json_obj_end(&j);
		json_finish(&j);
	}
}

/* Hex option into a malloc'd buffer. */
static int opt_hex(const char *s, uint8_t **out, size_t *len)
{
	size_t cap = strlen(s) / 2 + 1;
	long n;

	*out = malloc(cap);
	if (!*out)
		return -1;
	n = cli_unhex(s, *out, cap);
	if (n < 0) {
		free(*out);
		*out = NULL;
		return -1;
	}
	*len = (size_t)n;
	return 0;
}

static int token_verify(int argc, char **argv)
{
	const char *path = NULL, *keypath = NULL, *ref_hash = NULL;
	struct rlm_token_refvals ref;
	uint8_t *ref_bufs[7] = { NULL };
	struct rlm_token_key *key = NULL;
	struct rlm_token_result res;
	struct rlm_token *t = NULL;
	uint8_t *buf = NULL, *kbuf = NULL;
	size_t len, klen;
	bool as_json = false, have_ref = false, ref_ok = true;
	const char *ref_claim = NULL, *key_problem = NULL;
	struct json j;
	int i, ret, rc = CLI_USAGE;

	memset(&ref, 0, sizeof(ref));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		int slot = -1;

		if (!strcmp(a, "--json")) {
			as_json = true;
		} else if (!strcmp(a, "--platform-key") && i + 1 < argc) {
			keypath = argv[++i];
		} else if (!strcmp(a, "--ref-hash-algo") && i + 1 < argc) {
			ref_hash = argv[++i];
			have_ref = true;
		} else if (!strcmp(a, "--ref-rim") && i + 1 < argc) {
			slot = 0;
		} else if (!strcmp(a, "--ref-rpv") && i + 1 < argc) {
			slot = 1;
		} else if (!strcmp(a, "--ref-challenge") && i + 1 < argc) {
			slot = 2;
		} else if (!strncmp(a, "--ref-rem", 9) && a[9] >= '0' && a[9] <= '3' &&
			   !a[10] && i + 1 < argc) {
			slot = 3 + (a[9] - '0');
		} else if (a[0] != '-' && !path) {
			path = a;
		} else {
			goto usage;
		}
		if (slot >= 0) {
			size_t n;

			if (opt_hex(argv[++i], &ref_bufs[slot], &n)) {
				cli_err("%s: not hex", argv[i]);
				goto out;
			}
			have_ref = true;
			if (slot == 0) { ref.rim = ref_bufs[0]; ref.rim_len = n; }
			else if (slot == 1) { ref.rpv = ref_bufs[1]; ref.rpv_len = n; }
			else if (slot == 2) { ref.challenge = ref_bufs[2]; ref.challenge_len = n; }
			else { ref.rem[slot - 3] = ref_bufs[slot]; ref.rem_len[slot - 3] = n; }
		}
	}
	if (!path)
		goto usage;
	ref.hash_algo = ref_hash;
	ret = cli_read_file(path, &buf, &len);
	if (ret) {
		cli_err("%s: cannot read: %s", path, rlm_strerror(ret));
		goto out;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		goto out;
	ret = rlm_token_decode_any(buf, len, t);
	if (ret) {
		decode_error(path, t, ret, as_json);
		goto out;
	}
	if (keypath) {
		ret = cli_read_file(keypath, &kbuf, &klen);
		if (ret) {
			cli_err("%s: cannot read: %s", keypath, rlm_strerror(ret));
			goto out;
		}
		ret = rlm_token_key_load(kbuf, klen, t->platform.instance_id.ptr,
					 t->platform.instance_id.len, &key);
		if (ret == RLM_ENOENT)
			key_problem = "no trust anchor for the token's instance id";
		else if (ret == RLM_EVERIFY)
			key_problem = "platform key is not a valid point on its curve";
		else if (ret == RLM_ENOTSUP)
			key_problem = "platform key is not an EC P-256/P-384 key";
		else if (ret) {
			cli_err("%s: unreadable platform key: %s", keypath,
				rlm_errname(ret));
			goto out;
		}
	}
	rlm_token_verify(t, key, &res);
	if (key_problem) {
		res.platform_signature = RLM_TOKEN_BAD;
		res.verdict = RLM_TOKEN_BAD;
		res.reason = key_problem;
	}
	if (have_ref) {
		ret = rlm_token_check_refvals(t, &ref, &ref_claim);
		ref_ok = !ret;
		if (!ref_ok) {
			res.verdict = RLM_TOKEN_BAD;
			if (!res.reason)
				res.reason = "a claim differs from its reference value";
		}
	}
	rc = res.verdict == RLM_TOKEN_OK ? CLI_OK : CLI_FAIL;
	if (as_json) {
		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "platform_signature");
		json_str(&j, status_str(res.platform_signature));
		json_key(&j, "realm_signature");
		json_str(&j, status_str(res.realm_signature));
		json_key(&j, "binding");
		json_str(&j, status_str(res.binding));
		if (have_ref) {
			json_key(&j, "reference");
			json_obj_begin(&j);
			json_key(&j, "result");
			json_str(&j, ref_ok ? "ok" : "bad");
			json_key(&j, "claim");
			if (ref_claim)
				json_str(&j, ref_claim);
			else
				json_null(&j);
			json_obj_end(&j);
		}
		json_key(&j, "verdict");
		json_str(&j, status_str(res.verdict));
		json_key(&j, "reason");
		if (res.reason)
			json_str(&j, res.reason);
		else
			json_null(&j);
		json_claims(&j, t);
		json_obj_end(&j);
		json_finish(&j);
	} else {
		printf("platform signature: %s\n", status_str(res.platform_signature));
		printf("realm signature:    %s\n", status_str(res.realm_signature));
		printf("binding:            %s\n", status_str(res.binding));
		if (have_ref && ref_claim)
			printf("reference values:   bad (%s differs)\n", ref_claim);
		else if (have_ref)
			printf("reference values:   ok\n");
		printf("verdict:            %s%s%s\n", status_str(res.verdict),
		       res.reason ? " - " : "", res.reason ? res.reason : "");
	}
	goto out;
usage:
	cli_err("usage: realmctl token verify TOKEN [--platform-key KEY] [--ref-rim HEX] "
		"[--ref-rpv HEX] [--ref-challenge HEX] [--ref-rem0..3 HEX] "
		"[--ref-hash-algo NAME] [--json]");
out:
	for (i = 0; i < 7; i++)
		free(ref_bufs[i]);
	rlm_token_key_free(key);
	free(kbuf);
	free(buf);
	free(t);
	return rc;
}

static void show_bytes(const char *name, const struct rlm_bytes *b)
{
	printf("  %-22s ", name);
	if (b->ptr)
		cli_print_hex(stdout, b->ptr, b->len);
	else
		printf("(absent)");
	printf("\n");
}

static void show_text(const char *name, const struct rlm_bytes *b)
{
	if (b->ptr)
		printf("  %-22s %.*s\n", name, (int)b->len, (const char *)b->ptr);
	else
		printf("  %-22s (absent)\n", name);
}

static int token_show(int argc, char **argv)
{
	struct rlm_token *t;
	uint8_t *buf;
	size_t len, i;
	char name[32];
	int ret;

	if (argc != 2 || argv[1][0] == '-') {
		cli_err("usage: realmctl token show TOKEN");
		return CLI_USAGE;
	}
	ret = cli_read_file(argv[1], &buf, &len);
	if (ret) {
		cli_err("%s: cannot read: %s", argv[1], rlm_strerror(ret));
		return CLI_USAGE;
	}
	t = calloc(1, sizeof(*t));
	if (!t) {
		free(buf);
		return CLI_USAGE;
	}
	ret = rlm_token_decode_any(buf, len, t);
	if (ret) {
		decode_error(argv[1], t, ret, false);
		free(t);
		free(buf);
		return CLI_USAGE;
	}
	if (t->platform_only) {
		printf("CCA platform token on its own (COSE_Sign1, tag 18)\n");
		goto platform;
	}
	printf("CCA token, collection tag %llu (%s)\n",
	       (unsigned long long)t->collection_tag,
	       t->collection_tag == RLM_TOKEN_TAG_CMW_COLLECTION ? "CMW" : "legacy");
	printf("realm token (ES384):\n");
	show_text("profile", &t->realm.profile);
	show_bytes("challenge", &t->realm.challenge);
	show_bytes("personalization value", &t->realm.rpv);
	show_text("hash algorithm", &t->realm.hash_algo);
	show_bytes("RIM", &t->realm.rim);
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "REM%zu", i);
		show_bytes(name, &t->realm.rem[i]);
	}
	printf("  %-22s %s, %zu bytes\n", "RAK",
	       t->realm.rak_is_cose_key ? "COSE_Key" : "raw P-384 point",
	       t->realm.rak.len);
	show_text("RAK hash algorithm", &t->realm.rak_hash_algo);
	if (t->realm.instance_id.ptr)
		show_bytes("realm instance id", &t->realm.instance_id);
	if (t->realm.mec_policy != RLM_TOKEN_MEC_ABSENT)
		printf("  %-22s %s\n", "MEC policy",
		       t->realm.mec_policy == RLM_TOKEN_MEC_PRIVATE ? "private" : "shared");
platform:
	printf("platform token (%s):\n",
	       t->platform_token.alg == RLM_COSE_ALG_ES256 ? "ES256" : "ES384");
	show_text("profile", &t->platform.profile);
	show_bytes("challenge", &t->platform.challenge);
	show_bytes("implementation id", &t->platform.implementation_id);
	show_bytes("instance id", &t->platform.instance_id);
	show_bytes("config", &t->platform.config);
	printf("  %-22s 0x%04x\n", "lifecycle", t->platform.lifecycle);
	show_text("hash algorithm", &t->platform.hash_algo);
	show_text("verification service", &t->platform.verification_service);
	for (i = 0; i < t->platform.sw_count; i++) {
		const struct rlm_token_sw_component *s = &t->platform.sw[i];

		printf("  software component %zu:\n", i);
		show_text("  type", &s->type);
		show_bytes("  measurement", &s->measurement);
		show_text("  version", &s->version);
		show_bytes("  signer id", &s->signer_id);
		show_text("  hash algorithm", &s->hash_algo);
	}
	free(t);
	free(buf);
	return CLI_OK;
}

static int write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (!f)
		return -1;
	ok = fwrite(p, 1, n, f) == n;
	ok = (fclose(f) == 0) && ok;
	return ok ? 0 : -1;
}

static int token_build_mock(int argc, char **argv)
{
	struct rlm_mock_attest_portable_config cfg = { 0 };
	static struct rlm_mock_attest_portable pa;
	struct rlm_token_key *key = NULL;
	uint8_t pt[RLM_ECDSA_MAX_POINT];
	struct rlm_mock_claims cl;
	const char *out = NULL, *pem_out = NULL;
	uint8_t tok[8192];
	char pem[1024];
	size_t len, i;
	int ret, rc = CLI_USAGE;

	memset(&cl, 0, sizeof(cl));
	cl.rd = 0x1000;
	cl.hash_algo = RLM_HASH_SHA256;
	memset(cl.challenge, 0xab, sizeof(cl.challenge));
	for (i = 0; i < 64; i++)
		cl.rpv[i] = (uint8_t)i;
	for (i = 1; i < (size_t)argc; i++) {
		if (!strcmp(argv[i], "--platform-pem") && i + 1 < (size_t)argc) {
			pem_out = argv[++i];
		} else if (!strcmp(argv[i], "--portable")) {
			/* accepted for compatibility: the only provider */
		} else if (!strcmp(argv[i], "--curve") && i + 1 < (size_t)argc) {
			uint64_t bits;

			if (cli_parse_u64(argv[++i], &bits) ||
			    (bits != 256 && bits != 384))
				goto usage;
			cfg.platform_curve = (int)bits;
		} else if (!strcmp(argv[i], "--challenge") && i + 1 < (size_t)argc) {
			memset(cl.challenge, 0, sizeof(cl.challenge));
			if (cli_unhex(argv[++i], cl.challenge, sizeof(cl.challenge)) < 0)
				goto usage;
		} else if (!strcmp(argv[i], "--hash") && i + 1 < (size_t)argc) {
			i++;
			if (!strcmp(argv[i], "sha256"))
				cl.hash_algo = RLM_HASH_SHA256;
			else if (!strcmp(argv[i], "sha512"))
				cl.hash_algo = RLM_HASH_SHA512;
			else
				goto usage;
		} else if (argv[i][0] != '-' && !out) {
			out = argv[i];
		} else {
			goto usage;
		}
	}
	if (!out)
		goto usage;
	/* A recognisable, non-zero RIM and REMs. */
	rlm_hash_digest(cl.hash_algo, "librealm mock RIM", 17, cl.rim);
	for (i = 0; i < 4; i++)
		rlm_hash_digest(cl.hash_algo, &i, 1, cl.rem[i]);
	/* The mock's provider (what the kernel module runs too): keys
	 * derived from the default seed, the core's ECDSA. */
	ret = rlm_mock_attest_portable_init(&pa, &cfg, NULL);
	if (!ret)
		ret = rlm_mock_attest_portable_token(&pa, &cl, tok, sizeof(tok), &len);
	if (!ret && pem_out)
		ret = rlm_mock_attest_portable_platform_point(&pa, pt, sizeof(pt), &i);
	if (!ret && pem_out)
		ret = rlm_token_key_from_point(pt, i, &key);
	if (!ret && pem_out)
		ret = rlm_token_key_pem(key, pem, sizeof(pem), &i);
	rlm_token_key_free(key);
	if (ret) {
		cli_err("building the token: %s", rlm_strerror(ret));
		goto done;
	}
	if (write_file(out, tok, len) || (pem_out && write_file(pem_out, pem, strlen(pem)))) {
		cli_err("cannot write output");
		goto done;
	}
	rc = CLI_OK;
	goto done;
usage:
	cli_err("usage: realmctl token build-mock OUT [--platform-pem PEM_OUT] "
		"[--curve 256|384] [--challenge HEX] [--hash sha256|sha512] [--portable]");
done:
	return rc;
}

static const char *tstat(enum rlm_token_status s)
{
	return s == RLM_TOKEN_OK ? "ok" : s == RLM_TOKEN_BAD ? "bad" : "skipped";
}

static void json_tv(struct json *j, const struct rlm_trust_vector *tv)
{
	static const char *const names[8] = {
		"instance-identity", "configuration", "executables", "file-system",
		"hardware", "runtime-opaque", "storage-opaque", "sourced-data",
	};
	const int8_t v[8] = {
		tv->instance_identity, tv->configuration, tv->executables,
		tv->file_system, tv->hardware, tv->runtime_opaque,
		tv->storage_opaque, tv->sourced_data,
	};
	int i;

	/* ear's TrustVector JSON: integers, zero claims omitted */
	json_obj_begin(j);
	for (i = 0; i < 8; i++) {
		if (!v[i])
			continue;
		json_key(j, names[i]);
		json_i64(j, v[i]);
	}
	json_obj_end(j);
}

static void json_submod(struct json *j, const char *name, int status,
			const struct rlm_trust_vector *tv)
{
	json_key(j, name);
	json_obj_begin(j);
	json_key(j, "ear.status");
	json_str(j, rlm_ear_tier_name(status));
	json_key(j, "ear.trustworthiness-vector");
	json_tv(j, tv);
	json_obj_end(j);
}

static int load_store(const char *path, bool ta, struct rlm_appraisal_store *s)
{
	char err[256] = "";
	uint8_t *buf;
	size_t len;
	int ret = cli_read_file(path, &buf, &len);

	if (ret) {
		cli_err("%s: cannot read: %s", path, rlm_strerror(ret));
		return ret;
	}
	ret = ta ? rlm_appraisal_store_add_ta(s, buf, len, err, sizeof(err))
		 : rlm_appraisal_store_add_rv(s, buf, len, err, sizeof(err));
	free(buf);
	if (ret)
		cli_err("%s: bad %s store: %s (%s)", path, ta ? "trust anchor" : "reference value",
			err, rlm_errname(ret));
	return ret;
}

static int token_appraise(int argc, char **argv)
{
	const char *path = NULL, *ta = NULL, *rv = NULL, *nonce_hex = NULL;
	struct rlm_appraisal_store *s = NULL;
	struct rlm_appraisal a;
	struct rlm_token *t = NULL;
	uint8_t *buf = NULL, *nonce = NULL;
	size_t len, nonce_len = 0, g;
	bool as_json = false;
	struct json j;
	int i, ret, rc = CLI_USAGE;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			as_json = true;
		else if (!strcmp(argv[i], "--ta-store") && i + 1 < argc)
			ta = argv[++i];
		else if (!strcmp(argv[i], "--rv-store") && i + 1 < argc)
			rv = argv[++i];
		else if (!strcmp(argv[i], "--nonce") && i + 1 < argc)
			nonce_hex = argv[++i];
		else if (argv[i][0] != '-' && !path)
			path = argv[i];
		else
			goto usage;
	}
	if (!path || !ta || !rv)
		goto usage;
	if (nonce_hex) {
		if (opt_hex(nonce_hex, &nonce, &nonce_len) || !nonce_len || nonce_len > 64) {
			cli_err("--nonce %s: not 1 to 64 bytes of hex", nonce_hex);
			goto out;
		}
	}
	ret = cli_read_file(path, &buf, &len);
	if (ret) {
		cli_err("%s: cannot read: %s", path, rlm_strerror(ret));
		goto out;
	}
	t = calloc(1, sizeof(*t));
	if (!t || rlm_appraisal_store_new(&s))
		goto out;
	ret = rlm_token_decode_any(buf, len, t);
	if (ret) {
		decode_error(path, t, ret, as_json);
		goto out;
	}
	if (load_store(ta, true, s) || load_store(rv, false, s))
		goto out;
	ret = rlm_token_appraise(t, s, nonce, nonce_len, &a);
	if (ret && ret != RLM_EVERIFY && ret != RLM_EMISMATCH) {
		cli_err("%s: appraisal failed: %s", path, rlm_strerror(ret));
		goto out;
	}
	rc = ret ? CLI_FAIL : CLI_OK;
	if (as_json) {
		json_init(&j, stdout);
		json_obj_begin(&j);
		json_key(&j, "verdict");
		json_str(&j, ret ? "fail" : "pass");
		json_key(&j, "first_claim");
		if (a.first_claim[0])
			json_str(&j, a.first_claim);
		else
			json_null(&j);
		json_key(&j, "reason");
		if (a.reason)
			json_str(&j, a.reason);
		else
			json_null(&j);
		json_key(&j, "groups");
		json_obj_begin(&j);
		for (g = 0; g < RLM_APPRAISE_GROUPS; g++) {
			json_key(&j, rlm_appraisal_group_name((enum rlm_appraisal_group)g));
			json_str(&j, tstat(a.group[g]));
		}
		json_obj_end(&j);
		/* An EAR claims-set (draft-ietf-rats-ear; veraison/ear ear.go)
		 * with Trustee's submodule names (trustee deps/verifier/src/
		 * cca/local.rs); not signed. */
		json_key(&j, "ear");
		json_obj_begin(&j);
		json_key(&j, "eat_profile");
		json_str(&j, "tag:github.com,2023:veraison/ear");
		json_key(&j, "iat");
		json_i64(&j, (int64_t)time(NULL));
		json_key(&j, "ear.verifier-id");
		json_obj_begin(&j);
		json_key(&j, "build");
		json_str(&j, "librealm realmctl " RLM_VERSION_STRING);
		json_key(&j, "developer");
		json_str(&j, "librealm");
		json_obj_end(&j);
		if (nonce) {
			json_key(&j, "eat_nonce");
			json_hex(&j, nonce, nonce_len);
		}
		json_key(&j, "submods");
		json_obj_begin(&j);
		json_submod(&j, "CCA_SSD_PLATFORM", a.platform_status, &a.platform);
		if (a.has_realm)
			json_submod(&j, "CCA_REALM", a.realm_status, &a.realm);
		json_obj_end(&j);
		json_obj_end(&j);
		json_obj_end(&j);
		json_finish(&j);
	} else {
		for (g = 0; g < RLM_APPRAISE_GROUPS; g++)
			printf("%-26s %s\n", rlm_appraisal_group_name((enum rlm_appraisal_group)g),
			       tstat(a.group[g]));
		printf("%-26s %s\n", "CCA_SSD_PLATFORM", rlm_ear_tier_name(a.platform_status));
		if (a.has_realm)
			printf("%-26s %s\n", "CCA_REALM", rlm_ear_tier_name(a.realm_status));
		printf("verdict:                   %s", ret ? "fail" : "pass");
		if (a.first_claim[0])
			printf(" - %s differs", a.first_claim);
		if (a.reason)
			printf(" (%s)", a.reason);
		printf("\n");
	}
	goto out;
usage:
	cli_err("usage: realmctl token appraise TOKEN --ta-store FILE --rv-store FILE "
		"[--nonce HEX] [--json]");
out:
	rlm_appraisal_store_free(s);
	free(nonce);
	free(buf);
	free(t);
	return rc;
}

int cmd_token(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "appraise"))
		return token_appraise(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "verify"))
		return token_verify(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "show"))
		return token_show(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "build-mock"))
		return token_build_mock(argc - 1, argv + 1);
	cli_err("usage: realmctl token verify|appraise|show|build-mock ...");
	return CLI_USAGE;
}
#else /* !RLM_HAVE_OPENSSL */
int cmd_token(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_err("token: this realmctl was built without OpenSSL");
	return CLI_USAGE;
}
#endif
