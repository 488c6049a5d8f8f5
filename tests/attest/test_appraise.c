/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RMM 2.0 tokens, bare platform tokens and appraisal against trust
 * anchor / reference value stores (realm/token.h).  Vectors: TF-M tools'
 * example tokens, Trustee's CCA token and stores, rust-ccatoken's
 * cca-token-01 with ta-tfa.json and rv.json (tests/vectors/SOURCES.md).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

#include <realm/cbor.h>
#include <realm/error.h>
#include <realm/measure.h>
#include <realm/token.h>

#define TFM "tokens/tf-m-tools/"
#define RT "tokens/rust-ccatoken/"
#define TR "tokens/trustee/"

static uint8_t *vec(const char *rel, size_t *len)
{
	char path[512];

	return tu_read_file(tu_vector_path(rel, path, sizeof(path)), len);
}

struct dec {
	uint8_t *buf;
	size_t len;
	struct rlm_token tok;
	int ret;
};

static struct dec *dec_file(const char *rel, int (*fn)(const uint8_t *, size_t,
						       struct rlm_token *))
{
	struct dec *d = calloc(1, sizeof(*d));

	assert_non_null(d);
	d->buf = vec(rel, &d->len);
	d->ret = fn(d->buf, d->len, &d->tok);
	return d;
}

static void dec_free(struct dec *d)
{
	free(d->buf);
	free(d);
}

static struct rlm_token_key *pem_key(const char *rel)
{
	struct rlm_token_key *k = NULL;
	size_t len;
	uint8_t *b = vec(rel, &len);

	assert_int_equal(rlm_token_key_load(b, len, NULL, 0, &k), 0);
	free(b);
	return k;
}

/* ---- RMM 2.0 and legacy TF-M tools tokens ---------------------------------- */

static void test_tfm_2_0_token_verifies(void **state)
{
	struct dec *d = dec_file(TFM "cca_example_token.cbor", rlm_token_decode);
	struct rlm_token_key *k = pem_key(TFM "cca_platform.pem");
	struct rlm_token_result res;
	const struct rlm_token_realm *r = &d->tok.realm;

	(void)state;
	assert_int_equal(d->ret, 0);
	assert_int_equal(d->tok.collection_tag, RLM_TOKEN_TAG_CMW_COLLECTION);
	assert_int_equal(r->profile_version, 2);
	assert_true(r->rak_is_cose_key);
	assert_int_equal(r->instance_id.len, 33);
	assert_int_equal(r->instance_id.ptr[0], 0x01);
	assert_int_equal(r->instance_id.ptr[32], 0x21); /* 01 02 .. 21 */
	assert_int_equal(r->mec_policy, RLM_TOKEN_MEC_PRIVATE);
	assert_false(r->mec_policy_text);
	assert_int_equal(r->rim.len, 32);
	assert_true(r->hash_algo.len == 7 && !memcmp(r->hash_algo.ptr, "sha-256", 7));
	assert_int_equal(rlm_token_verify(&d->tok, k, &res), 0);
	assert_int_equal(res.platform_signature, RLM_TOKEN_OK);
	assert_int_equal(res.realm_signature, RLM_TOKEN_OK);
	assert_int_equal(res.binding, RLM_TOKEN_OK);
	rlm_token_key_free(k);
	dec_free(d);
}

static void test_tfm_legacy_token_verifies(void **state)
{
	struct dec *d = dec_file(TFM "cca_example_token_legacy.cbor", rlm_token_decode);
	struct rlm_token_key *k = pem_key(TFM "cca_platform.pem");
	struct rlm_token_result res;

	(void)state;
	assert_int_equal(d->ret, 0);
	assert_int_equal(d->tok.realm.profile_version, 0);
	assert_false(d->tok.realm.rak_is_cose_key);
	/* this form carries the MEC policy (1) and the realm instance id
	 * without a profile: checked, accepted */
	assert_int_equal(d->tok.realm.mec_policy, RLM_TOKEN_MEC_PRIVATE);
	assert_int_equal(d->tok.realm.instance_id.len, 33);
	assert_int_equal(rlm_token_verify(&d->tok, k, &res), 0);
	rlm_token_key_free(k);
	dec_free(d);
}

/* 1.0 forms keep decoding as before: the 2023 profile and none. */
static void test_older_profiles_still_decode(void **state)
{
	struct dec *a = dec_file(RT "cca-token-draft-ffm-00.cbor", rlm_token_decode);
	struct dec *b = dec_file(RT "cca-token-01.cbor", rlm_token_decode);

	(void)state;
	assert_int_equal(a->ret, 0);
	assert_int_equal(a->tok.realm.profile_version, 1);
	assert_int_equal(b->ret, 0);
	assert_int_equal(b->tok.realm.profile_version, 0);
	dec_free(a);
	dec_free(b);
}

/* ---- Bare platform tokens ------------------------------------------------------ */

static void test_bare_platform_token(void **state)
{
	struct dec *strict = dec_file(TFM "cca_example_platform_token.cbor", rlm_token_decode);
	struct dec *d = dec_file(TFM "cca_example_platform_token.cbor",
				 rlm_token_decode_platform_token);
	struct dec *any = dec_file(TFM "cca_example_platform_token.cbor", rlm_token_decode_any);
	struct dec *coll = dec_file(TFM "cca_example_token.cbor", rlm_token_decode_platform_token);
	struct dec *full = dec_file(TFM "cca_example_token.cbor", rlm_token_decode);
	struct rlm_token_key *k = pem_key(TFM "cca_platform.pem");
	struct rlm_token_key *other = NULL;
	struct rlm_token_result res;

	(void)state;
	/* another P-384 key: the example's RAK */
	assert_int_equal(full->ret, 0);
	assert_int_equal(rlm_token_key_from_point(full->tok.realm.rak_point,
						  RLM_TOKEN_RAK_POINT_SIZE, &other), 0);
	/* the collection decoder still wants a collection */
	assert_int_equal(strict->ret, RLM_EMALFORMED);
	/* and the bare decoder wants a bare COSE_Sign1 */
	assert_int_equal(coll->ret, RLM_EMALFORMED);
	assert_int_equal(d->ret, 0);
	assert_int_equal(any->ret, 0);
	assert_true(d->tok.platform_only);
	assert_int_equal(d->tok.collection_tag, RLM_COSE_TAG_SIGN1);
	assert_int_equal(d->tok.platform.sw_count, 13);
	assert_int_equal(d->tok.platform.challenge.len, 32);
	assert_int_equal(rlm_token_verify(&d->tok, k, &res), 0);
	assert_int_equal(res.platform_signature, RLM_TOKEN_OK);
	assert_int_equal(res.realm_signature, RLM_TOKEN_SKIPPED);
	assert_int_equal(res.binding, RLM_TOKEN_SKIPPED);
	assert_int_equal(res.verdict, RLM_TOKEN_OK);
	/* a P-384 key that did not sign it */
	assert_int_equal(rlm_token_verify(&d->tok, other, &res), RLM_EVERIFY);
	assert_int_equal(res.platform_signature, RLM_TOKEN_BAD);
	assert_int_equal(res.verdict, RLM_TOKEN_BAD);
	/* no key: not verified */
	assert_int_equal(rlm_token_verify(&d->tok, NULL, &res), RLM_EVERIFY);
	/* a flipped signature byte */
	d->buf[d->len - 1] ^= 1;
	assert_int_equal(rlm_token_decode_platform_token(d->buf, d->len, &d->tok), 0);
	assert_int_equal(rlm_token_verify(&d->tok, k, &res), RLM_EVERIFY);
	/* truncated */
	assert_int_not_equal(rlm_token_decode_any(d->buf, d->len - 1, &d->tok), 0);
	rlm_token_key_free(k);
	rlm_token_key_free(other);
	dec_free(strict);
	dec_free(d);
	dec_free(any);
	dec_free(coll);
	dec_free(full);
}

/* ---- 2.0 claim rules on hand-built claim sets ------------------------------------ */

enum { F_NO_INST = 1, F_NO_MEC = 2, F_MEC_TEXT = 4, F_MEC_BAD = 8,
       F_INST_SHORT = 16, F_INST_TYPE = 32, F_MEC_BADTEXT = 64, F_PROFILE_2023 = 128 };

/* A realm claim set in the 2.0 form with the RAK of the TF-M example. */
static size_t realm_claims(const struct rlm_token *src, unsigned int f,
			   uint8_t *out, size_t cap)
{
	struct rlm_cbor_enc e;
	uint8_t inst[33];
	size_t n = 10, len, i;

	memset(inst, 0xab, sizeof(inst));
	inst[0] = 0x01;
	if (f & F_NO_INST)
		n--;
	if (f & F_NO_MEC)
		n--;
	rlm_cbor_enc_init(&e, out, cap);
	rlm_cbor_put_map(&e, n);
	rlm_cbor_put_uint(&e, RLM_CLAIM_PROFILE);
	rlm_cbor_put_tstr(&e, f & F_PROFILE_2023 ? RLM_TOKEN_REALM_PROFILE
						 : RLM_TOKEN_REALM_PROFILE_2_0);
	rlm_cbor_put_uint(&e, RLM_CLAIM_CHALLENGE);
	rlm_cbor_put_bstr(&e, src->realm.challenge.ptr, 64);
	if (!(f & F_NO_INST)) {
		rlm_cbor_put_uint(&e, RLM_CLAIM_REALM_INSTANCE_ID);
		if (f & F_INST_TYPE)
			rlm_cbor_put_tstr(&e, "01abab");
		else
			rlm_cbor_put_bstr(&e, inst, f & F_INST_SHORT ? 32 : 33);
	}
	rlm_cbor_put_uint(&e, RLM_CLAIM_REALM_RPV);
	rlm_cbor_put_bstr(&e, src->realm.rpv.ptr, 64);
	rlm_cbor_put_uint(&e, RLM_CLAIM_REALM_HASH_ALGO);
	rlm_cbor_put_tstr(&e, "sha-384");
	rlm_cbor_put_uint(&e, RLM_CLAIM_REALM_RAK);
	rlm_cbor_put_bstr(&e, src->realm.rak.ptr, src->realm.rak.len);
	rlm_cbor_put_uint(&e, RLM_CLAIM_REALM_RAK_HASH_ALGO);
	rlm_cbor_put_tstr(&e, "sha-256");
	if (!(f & F_NO_MEC)) {
		rlm_cbor_put_uint(&e, RLM_CLAIM_REALM_MEC_POLICY);
		if (f & F_MEC_TEXT)
			rlm_cbor_put_tstr(&e, "shared");
		else if (f & F_MEC_BADTEXT)
			rlm_cbor_put_tstr(&e, "hello");
		else
			rlm_cbor_put_uint(&e, f & F_MEC_BAD ? 2 : 0);
	}
	rlm_cbor_put_uint(&e, RLM_CLAIM_REALM_RIM);
	{
		uint8_t m[48];

		memset(m, 0x5a, sizeof(m));
		rlm_cbor_put_bstr(&e, m, 48);
		rlm_cbor_put_uint(&e, RLM_CLAIM_REALM_REM);
		rlm_cbor_put_array(&e, 4);
		for (i = 0; i < 4; i++)
			rlm_cbor_put_bstr(&e, m, 48);
	}
	assert_int_equal(rlm_cbor_enc_finish(&e, &len), 0);
	return len;
}

static void test_realm_2_0_claim_rules(void **state)
{
	static const struct {
		unsigned int f;
		int ret;
		int64_t claim;
		int mec;
	} cases[] = {
		{ 0, 0, 0, RLM_TOKEN_MEC_SHARED },
		{ F_MEC_TEXT, 0, 0, RLM_TOKEN_MEC_SHARED },
		{ F_NO_INST, RLM_EMALFORMED, RLM_CLAIM_REALM_INSTANCE_ID, 0 },
		{ F_NO_MEC, RLM_EMALFORMED, RLM_CLAIM_REALM_MEC_POLICY, 0 },
		{ F_MEC_BAD, RLM_EMALFORMED, RLM_CLAIM_REALM_MEC_POLICY, 0 },
		{ F_MEC_BADTEXT, RLM_EMALFORMED, RLM_CLAIM_REALM_MEC_POLICY, 0 },
		{ F_INST_SHORT, RLM_EMALFORMED, RLM_CLAIM_REALM_INSTANCE_ID, 0 },
		{ F_INST_TYPE, RLM_EMALFORMED, RLM_CLAIM_REALM_INSTANCE_ID, 0 },
		/* the 2023 profile: both optional, still checked when present */
		{ F_PROFILE_2023 | F_NO_INST | F_NO_MEC, 0, 0, RLM_TOKEN_MEC_ABSENT },
		{ F_PROFILE_2023 | F_INST_SHORT, RLM_EMALFORMED, RLM_CLAIM_REALM_INSTANCE_ID, 0 },
		{ F_PROFILE_2023 | F_MEC_BAD, RLM_EMALFORMED, RLM_CLAIM_REALM_MEC_POLICY, 0 },
	};
	struct dec *d = dec_file(TFM "cca_example_token.cbor", rlm_token_decode);
	struct rlm_token *t = calloc(1, sizeof(*t));
	uint8_t buf[1024];
	size_t i, n;

	(void)state;
	assert_int_equal(d->ret, 0);
	assert_non_null(t);
	for (i = 0; i < RLM_ARRAY_SIZE(cases); i++) {
		int ret;

		n = realm_claims(&d->tok, cases[i].f, buf, sizeof(buf));
		ret = rlm_token_decode_realm_claims(buf, n, t);
		if (ret != cases[i].ret)
			fail_msg("case %zu: %d (%s, claim %lld)", i, ret,
				 t->err_what ? t->err_what : "-", (long long)t->err_claim);
		if (ret) {
			assert_int_equal(t->err_claim, cases[i].claim);
		} else {
			assert_int_equal(t->realm.mec_policy, cases[i].mec);
			assert_int_equal(t->realm.rim.len, 48); /* sha-384 */
		}
	}
	free(t);
	dec_free(d);
}

/* ---- Stores ---------------------------------------------------------------------- */

static struct rlm_appraisal_store *store(const char *ta_rel, const char *rv_rel)
{
	struct rlm_appraisal_store *s = NULL;
	char err[256] = "";
	uint8_t *b;
	size_t len;

	assert_int_equal(rlm_appraisal_store_new(&s), 0);
	if (ta_rel) {
		b = vec(ta_rel, &len);
		assert_int_equal(rlm_appraisal_store_add_ta(s, b, len, err, sizeof(err)), 0);
		free(b);
	}
	if (rv_rel) {
		b = vec(rv_rel, &len);
		assert_int_equal(rlm_appraisal_store_add_rv(s, b, len, err, sizeof(err)), 0);
		free(b);
	}
	return s;
}

static int add_rv_str(struct rlm_appraisal_store *s, const char *json, char *err,
		      size_t cap)
{
	return rlm_appraisal_store_add_rv(s, (const uint8_t *)json, strlen(json), err, cap);
}

static int add_ta_str(struct rlm_appraisal_store *s, const char *json, char *err,
		      size_t cap)
{
	return rlm_appraisal_store_add_ta(s, (const uint8_t *)json, strlen(json), err, cap);
}

static void check_all_ok(const struct rlm_appraisal *a, bool plat_rv)
{
	assert_int_equal(a->group[RLM_APPRAISE_PLATFORM_SIGNATURE], RLM_TOKEN_OK);
	assert_int_equal(a->group[RLM_APPRAISE_REALM_SIGNATURE], RLM_TOKEN_OK);
	assert_int_equal(a->group[RLM_APPRAISE_BINDING], RLM_TOKEN_OK);
	assert_int_equal(a->group[RLM_APPRAISE_PLATFORM_REFVALS],
			 plat_rv ? RLM_TOKEN_OK : RLM_TOKEN_SKIPPED);
	assert_int_equal(a->group[RLM_APPRAISE_REALM_REFVALS], RLM_TOKEN_OK);
	assert_string_equal(a->first_claim, "");
	assert_null(a->reason);
	assert_int_equal(a->realm.instance_identity, RLM_AR4SI_TRUSTWORTHY_INSTANCE);
	assert_int_equal(a->platform.instance_identity, RLM_AR4SI_TRUSTWORTHY_INSTANCE);
	assert_int_equal(a->realm_status, RLM_EAR_TIER_AFFIRMING);
}

static void test_appraise_rust_ccatoken_pass(void **state)
{
	struct dec *d = dec_file(RT "cca-token-01.cbor", rlm_token_decode);
	struct rlm_appraisal_store *s = store(RT "ta-tfa.json", RT "rv.json");
	struct rlm_appraisal a;

	(void)state;
	assert_int_equal(d->ret, 0);
	assert_int_equal(rlm_token_appraise(&d->tok, s, NULL, 0, &a), 0);
	check_all_ok(&a, true);
	/* what rust-ccatoken's appraise_platform sets on a match */
	assert_int_equal(a.platform.hardware, RLM_AR4SI_GENUINE_HARDWARE);
	assert_int_equal(a.platform.executables, RLM_AR4SI_APPROVED_BOOT);
	assert_int_equal(a.platform.configuration, RLM_AR4SI_APPROVED_CONFIG);
	assert_int_equal(a.platform.runtime_opaque, RLM_AR4SI_ISOLATED_MEMORY_RUNTIME);
	assert_int_equal(a.platform.file_system, 0);
	/* isolated_rt (32) is a warning-tier claim: veraison's platform
	 * status for a fully matched platform is "warning" */
	assert_int_equal(a.platform_status, RLM_EAR_TIER_WARNING);
	/* REMs were given: approved run time */
	assert_int_equal(a.realm.executables, RLM_AR4SI_APPROVED_RUNTIME);
	assert_int_equal(a.group[RLM_APPRAISE_NONCE], RLM_TOKEN_SKIPPED);
	/* the challenge as the nonce: 0xAB x 64 */
	{
		uint8_t n[64];

		memset(n, 0xab, sizeof(n));
		assert_int_equal(rlm_token_appraise(&d->tok, s, n, 64, &a), 0);
		assert_int_equal(a.group[RLM_APPRAISE_NONCE], RLM_TOKEN_OK);
		n[63] = 0;
		assert_int_equal(rlm_token_appraise(&d->tok, s, n, 64, &a), RLM_EMISMATCH);
		assert_int_equal(a.group[RLM_APPRAISE_NONCE], RLM_TOKEN_BAD);
		assert_string_equal(a.first_claim, "realm.challenge");
		/* a short nonce is zero-padded: cannot equal 0xAB x 64 */
		assert_int_equal(rlm_token_appraise(&d->tok, s, n, 8, &a), RLM_EMISMATCH);
		assert_int_equal(rlm_token_appraise(&d->tok, s, n, 65, &a), RLM_EINVAL);
	}
	rlm_appraisal_store_free(s);
	dec_free(d);
}

static void test_appraise_trustee_pass(void **state)
{
	struct dec *d = dec_file(TR "cca-example-token.cbor", rlm_token_decode);
	struct rlm_appraisal_store *s = store(TR "tastore.json", TR "rvstore.json");
	struct rlm_appraisal a;

	(void)state;
	assert_int_equal(d->ret, 0);
	assert_int_equal(rlm_token_appraise(&d->tok, s, NULL, 0, &a), 0);
	check_all_ok(&a, true);
	assert_int_equal(d->tok.platform.sw_count, 13);
	rlm_appraisal_store_free(s);
	dec_free(d);
}

/* ---- Reference values built from the token, one claim changed ------------------- */

struct sb {
	char *p;
	size_t n, cap;
};

static void sb_add(struct sb *b, const char *fmt, ...)
{
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
	va_end(ap);
	assert_true(k >= 0 && (size_t)k < b->cap - b->n);
	b->n += (size_t)k;
}

/* hex of v, the byte at flip (if < n) changed */
static void sb_hex(struct sb *b, const struct rlm_bytes *v, size_t flip)
{
	size_t i;

	sb_add(b, "\"");
	for (i = 0; i < v->len; i++)
		sb_add(b, "%02X", v->ptr[i] ^ (i == flip ? 0x01 : 0));
	sb_add(b, "\"");
}

enum perturb {
	P_NONE, P_IMPL, P_CONFIG, P_SW_MEAS, P_SW_SIGNER, P_SW_TYPE, P_SW_VERSION,
	P_SW_COUNT, P_RIM, P_RPV, P_REM2, P_RAK_HASH, P_HASH,
};

#define NOFLIP ((size_t)-1)

static char *rv_from_token(const struct rlm_token *t, enum perturb p)
{
	struct sb b = { malloc(16384), 0, 16384 };
	size_t i, nsw = t->platform.sw_count - (p == P_SW_COUNT);

	assert_non_null(b.p);
	sb_add(&b, "{\"platform\":[{\"implementation-id\":");
	sb_hex(&b, &t->platform.implementation_id, p == P_IMPL ? 0 : NOFLIP);
	sb_add(&b, ",\"platform-configuration\":");
	sb_hex(&b, &t->platform.config, p == P_CONFIG ? 0 : NOFLIP);
	sb_add(&b, ",\"sw-components\":[");
	for (i = 0; i < nsw; i++) {
		const struct rlm_token_sw_component *c = &t->platform.sw[i];

		sb_add(&b, "%s{\"measurement-value\":", i ? "," : "");
		sb_hex(&b, &c->measurement, p == P_SW_MEAS && i == 3 ? 5 : NOFLIP);
		sb_add(&b, ",\"signer-id\":");
		sb_hex(&b, &c->signer_id, p == P_SW_SIGNER && i == 1 ? 0 : NOFLIP);
		if (c->type.ptr)
			sb_add(&b, ",\"component-type\":\"%.*s%s\"", (int)c->type.len,
			       (const char *)c->type.ptr, p == P_SW_TYPE && i == 2 ? "x" : "");
		if (c->version.ptr)
			sb_add(&b, ",\"version\":\"%.*s%s\"", (int)c->version.len,
			       (const char *)c->version.ptr, p == P_SW_VERSION && i == 0 ? "x" : "");
		sb_add(&b, "}");
	}
	sb_add(&b, "]}],\"realm\":[{\"initial-measurement\":");
	sb_hex(&b, &t->realm.rim, p == P_RIM ? 0 : NOFLIP);
	sb_add(&b, ",\"personalization-value\":");
	sb_hex(&b, &t->realm.rpv, p == P_RPV ? 63 : NOFLIP);
	sb_add(&b, ",\"extensible-measurements\":[");
	for (i = 0; i < 4; i++) {
		sb_add(&b, "%s", i ? "," : "");
		sb_hex(&b, &t->realm.rem[i], p == P_REM2 && i == 2 ? 0 : NOFLIP);
	}
	sb_add(&b, "],\"rak-hash-algorithm\":\"%s\"", p == P_RAK_HASH ? "sha-512" : "sha-256");
	sb_add(&b, ",\"hash-algo-id\":\"%s\"}]}", p == P_HASH ? "sha-384" : "sha-256");
	return b.p;
}

static void test_appraise_names_first_differing_claim(void **state)
{
	static const struct {
		enum perturb p;
		const char *claim;
		enum rlm_appraisal_group g;
		int8_t exec;
	} cases[] = {
		{ P_IMPL, "platform.implementation-id", RLM_APPRAISE_PLATFORM_REFVALS, 0 },
		{ P_CONFIG, "platform.platform-configuration", RLM_APPRAISE_PLATFORM_REFVALS, 0 },
		{ P_SW_MEAS, "platform.sw-components[3].measurement-value", RLM_APPRAISE_PLATFORM_REFVALS, 0 },
		{ P_SW_SIGNER, "platform.sw-components[1].signer-id", RLM_APPRAISE_PLATFORM_REFVALS, 0 },
		{ P_SW_TYPE, "platform.sw-components[2].component-type", RLM_APPRAISE_PLATFORM_REFVALS, 0 },
		{ P_SW_VERSION, "platform.sw-components[0].version", RLM_APPRAISE_PLATFORM_REFVALS, 0 },
		{ P_SW_COUNT, "platform.sw-components", RLM_APPRAISE_PLATFORM_REFVALS, 0 },
		{ P_RIM, "realm.initial-measurement", RLM_APPRAISE_REALM_REFVALS, RLM_AR4SI_UNRECOGNIZED_RUNTIME },
		{ P_RPV, "realm.personalization-value", RLM_APPRAISE_REALM_REFVALS, RLM_AR4SI_CONTRAINDICATED_RUNTIME },
		{ P_REM2, "realm.extensible-measurements[2]", RLM_APPRAISE_REALM_REFVALS, RLM_AR4SI_CONTRAINDICATED_RUNTIME },
		{ P_RAK_HASH, "realm.public-key-hash-algo-id", RLM_APPRAISE_REALM_REFVALS, RLM_AR4SI_CONTRAINDICATED_RUNTIME },
		{ P_HASH, "realm.hash-algo-id", RLM_APPRAISE_REALM_REFVALS, RLM_AR4SI_CONTRAINDICATED_RUNTIME },
	};
	struct dec *d = dec_file(RT "cca-token-01.cbor", rlm_token_decode);
	struct rlm_appraisal a;
	char err[256];
	size_t i;

	(void)state;
	assert_int_equal(d->ret, 0);
	{
		/* unperturbed: passes (the generator is right) */
		struct rlm_appraisal_store *s = store(RT "ta-tfa.json", NULL);
		char *j = rv_from_token(&d->tok, P_NONE);

		assert_int_equal(add_rv_str(s, j, err, sizeof(err)), 0);
		assert_int_equal(rlm_token_appraise(&d->tok, s, NULL, 0, &a), 0);
		check_all_ok(&a, true);
		free(j);
		rlm_appraisal_store_free(s);
	}
	for (i = 0; i < RLM_ARRAY_SIZE(cases); i++) {
		struct rlm_appraisal_store *s = store(RT "ta-tfa.json", NULL);
		char *j = rv_from_token(&d->tok, cases[i].p);

		assert_int_equal(add_rv_str(s, j, err, sizeof(err)), 0);
		assert_int_equal(rlm_token_appraise(&d->tok, s, NULL, 0, &a), RLM_EMISMATCH);
		assert_string_equal(a.first_claim, cases[i].claim);
		assert_non_null(a.reason);
		assert_int_equal(a.group[cases[i].g], RLM_TOKEN_BAD);
		if (cases[i].g == RLM_APPRAISE_PLATFORM_REFVALS) {
			/* rust-ccatoken: unrecognised hardware, realm no claim */
			assert_int_equal(a.platform.hardware, RLM_AR4SI_UNRECOGNIZED_HARDWARE);
			assert_int_equal(a.platform_status, RLM_EAR_TIER_CONTRAINDICATED);
			assert_int_equal(a.realm.instance_identity, 0);
			assert_int_equal(a.realm.executables, 0);
			assert_int_equal(a.group[RLM_APPRAISE_REALM_REFVALS], RLM_TOKEN_SKIPPED);
		} else {
			assert_int_equal(a.group[RLM_APPRAISE_PLATFORM_REFVALS], RLM_TOKEN_OK);
			assert_int_equal(a.realm.executables, cases[i].exec);
			assert_int_not_equal(a.realm_status, RLM_EAR_TIER_AFFIRMING);
		}
		/* a second, matching reference value makes it pass */
		free(j);
		j = rv_from_token(&d->tok, P_NONE);
		assert_int_equal(add_rv_str(s, j, err, sizeof(err)), 0);
		assert_int_equal(rlm_token_appraise(&d->tok, s, NULL, 0, &a), 0);
		free(j);
		rlm_appraisal_store_free(s);
	}
	dec_free(d);
}

/* ---- Verification failures ---------------------------------------------------------- */

static void test_appraise_trust_anchor_failures(void **state)
{
	struct dec *d = dec_file(RT "cca-token-01.cbor", rlm_token_decode);
	struct dec *bug = dec_file(RT "bug-33-repro.cbor", rlm_token_decode);
	struct rlm_appraisal_store *s;
	struct rlm_appraisal a;
	char err[256], ta[512];

	(void)state;
	assert_int_equal(d->ret, 0);
	assert_int_equal(bug->ret, 0);
	/* no anchor for the instance id (ta.json is another platform's) */
	s = store(RT "ta.json", RT "rv.json");
	assert_int_equal(rlm_token_appraise(&d->tok, s, NULL, 0, &a), RLM_EVERIFY);
	assert_int_equal(a.platform.instance_identity, RLM_AR4SI_UNRECOGNIZED_INSTANCE);
	assert_int_equal(a.realm.instance_identity, 0);
	assert_int_equal(a.group[RLM_APPRAISE_PLATFORM_SIGNATURE], RLM_TOKEN_BAD);
	assert_string_equal(a.first_claim, "platform.instance-id");
	rlm_appraisal_store_free(s);
	/* the anchor's instance id with another key: crypto failed */
	s = store(NULL, RT "rv.json");
	snprintf(ta, sizeof(ta),
		 "[{\"instance-id\":\"0107060504030201000f0e0d0c0b0a090817161514131211101f1e1d1c1b1a1918\","
		 "\"implementation-id\":\"7f454c4602010100000000000000000003003e00010000005058000000000000\","
		 "\"pkey\":{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"TKRFE_RwSXooI8DdatPOYg_uiKm2XrtT_uEMEvqQZrw\","
		 "\"y\":\"CRx3H8NHN1lcxqKi92P0OsZBxX3VFaktllpD3SjtN7s\"}}]");
	assert_int_equal(add_ta_str(s, ta, err, sizeof(err)), 0);
	assert_int_equal(rlm_token_appraise(&d->tok, s, NULL, 0, &a), RLM_EVERIFY);
	assert_int_equal(a.platform.instance_identity, RLM_AR4SI_CRYPTO_FAILED);
	assert_int_equal(a.platform.hardware, RLM_AR4SI_CRYPTO_FAILED);
	assert_int_equal(a.platform_status, RLM_EAR_TIER_CONTRAINDICATED);
	assert_int_equal(a.group[RLM_APPRAISE_PLATFORM_SIGNATURE], RLM_TOKEN_BAD);
	rlm_appraisal_store_free(s);
	/* bug-33: signatures fine, binding broken: realm all crypto failed */
	s = store(RT "ta-tfa.json", NULL);
	assert_int_equal(rlm_token_appraise(&bug->tok, s, NULL, 0, &a), RLM_EVERIFY);
	assert_int_equal(a.platform.instance_identity, RLM_AR4SI_TRUSTWORTHY_INSTANCE);
	assert_int_equal(a.realm.instance_identity, RLM_AR4SI_CRYPTO_FAILED);
	assert_int_equal(a.group[RLM_APPRAISE_BINDING], RLM_TOKEN_BAD);
	rlm_appraisal_store_free(s);
	/* bad arguments */
	assert_int_equal(rlm_token_appraise(NULL, s, NULL, 0, &a), RLM_EINVAL);
	dec_free(d);
	dec_free(bug);
}

/* ---- librealm's own reference values (refvals JSON, predict --json) ------------------ */

static void test_appraise_librealm_refvals(void **state)
{
	struct dec *d = dec_file(TFM "cca_example_token.cbor", rlm_token_decode);
	struct rlm_appraisal_store *s;
	struct rlm_appraisal a;
	struct sb b = { malloc(4096), 0, 4096 };
	char err[256];
	size_t i;

	(void)state;
	assert_int_equal(d->ret, 0);
	/* rlm_refvals_json's form */
	sb_add(&b, "{\"hash_algo\":\"sha-256\",\"rim\":");
	sb_hex(&b, &d->tok.realm.rim, NOFLIP);
	sb_add(&b, ",\"rem\":[");
	for (i = 0; i < 4; i++) {
		sb_add(&b, "%s", i ? "," : "");
		sb_hex(&b, &d->tok.realm.rem[i], NOFLIP);
	}
	sb_add(&b, "],\"rpv\":");
	sb_hex(&b, &d->tok.realm.rpv, NOFLIP);
	sb_add(&b, "}");
	s = store(NULL, NULL);
	assert_int_equal(add_rv_str(s, b.p, err, sizeof(err)), 0);
	/* P-384 platform key of the TF-M example (cca_platform.pem), as JWK:
	 * the same key as rust-ccatoken's ta-tfa.json */
	{
		char ta[600];

		snprintf(ta, sizeof(ta),
			 "[{\"instance-id\":\"0107060504030201000f0e0d0c0b0a090817161514131211101f1e1d1c1b1a1918\","
			 "\"implementation-id\":\"7f454c4602010100000000000000000003003e00010000005058000000000000\","
			 "\"pkey\":{\"crv\":\"P-384\",\"kty\":\"EC\","
			 "\"x\":\"IShnxS4rlQiwpCCpBWDzlNLfqiG911FP8akBr-fh94uxHU5m-Kijivp2r2oxxN6M\","
			 "\"y\":\"hM4tr8mWQli1P61xh3T0ViDREbF26DGOEYfbAjWjGNN7pZf-6A4OTHYqEryz6m7U\"}}]");
		assert_int_equal(add_ta_str(s, ta, err, sizeof(err)), 0);
	}
	assert_int_equal(rlm_token_appraise(&d->tok, s, NULL, 0, &a), 0);
	check_all_ok(&a, false);
	assert_int_equal(a.realm.executables, RLM_AR4SI_APPROVED_RUNTIME);
	rlm_appraisal_store_free(s);

	/* predict's documented form: "hash": "sha256", REMs null where not
	 * predictable; only the RIM checked -> approved boot */
	b.n = 0;
	sb_add(&b, "{\"rim\":");
	sb_hex(&b, &d->tok.realm.rim, NOFLIP);
	sb_add(&b, ",\"hash\":\"sha256\",\"rem\":[null,null,null,null]}");
	s = store(RT "ta-tfa.json", NULL);
	assert_int_equal(add_rv_str(s, b.p, err, sizeof(err)), 0);
	assert_int_equal(rlm_token_appraise(&d->tok, s, NULL, 0, &a), 0);
	assert_int_equal(a.realm.executables, RLM_AR4SI_APPROVED_BOOT);
	/* and "sha512" is a different hash */
	rlm_appraisal_store_free(s);
	b.n = 0;
	sb_add(&b, "[{\"rim\":");
	sb_hex(&b, &d->tok.realm.rim, NOFLIP);
	sb_add(&b, ",\"hash\":\"sha512\"}]");
	s = store(RT "ta-tfa.json", NULL);
	assert_int_equal(add_rv_str(s, b.p, err, sizeof(err)), 0);
	assert_int_equal(rlm_token_appraise(&d->tok, s, NULL, 0, &a), RLM_EMISMATCH);
	assert_string_equal(a.first_claim, "realm.hash-algo-id");
	rlm_appraisal_store_free(s);
	free(b.p);
	dec_free(d);
}

/* ---- Realm reference values as CoRIM / CoMID (rlm_refvals_corim) ------------- */

static void replace_all(uint8_t *b, size_t n, const char *from, const char *to)
{
	size_t k = strlen(from), i;

	for (i = 0; i + k <= n; i++)
		if (!memcmp(b + i, from, k))
			memcpy(b + i, to, k);
}

static int add_rv_bytes(struct rlm_appraisal_store **s, const uint8_t *b, size_t n,
			char *err, size_t cap)
{
	rlm_appraisal_store_free(*s);
	*s = store(RT "ta-tfa.json", NULL);
	return rlm_appraisal_store_add_rv(*s, b, n, err, cap);
}

static void test_appraise_corim(void **state)
{
	struct dec *d = dec_file(TFM "cca_example_token.cbor", rlm_token_decode);
	struct rlm_appraisal_store *s = NULL;
	struct rlm_appraisal a;
	struct rlm_realm_mrs m;
	uint8_t c[2048], bad[2048];
	char err[256];
	size_t n, i;

	(void)state;
	assert_int_equal(d->ret, 0);
	assert_int_equal(d->tok.realm.rim.len, 32);
	assert_int_equal(d->tok.realm.rpv.len, 64);
	memset(&m, 0, sizeof(m));
	m.algo = RLM_HASH_SHA256;
	m.have_rim = true;
	memcpy(m.rim, d->tok.realm.rim.ptr, 32);
	for (i = 0; i < 4; i++) {
		assert_int_equal(d->tok.realm.rem[i].len, 32);
		memcpy(m.rem[i], d->tok.realm.rem[i].ptr, 32);
	}
	/* The CoRIM: every realm value checked -> approved runtime */
	assert_int_equal(rlm_refvals_corim(&m, d->tok.realm.rpv.ptr, NULL, 0, c, sizeof(c), &n), 0);
	assert_int_equal(add_rv_bytes(&s, c, n, err, sizeof(err)), 0);
	assert_int_equal(rlm_token_appraise(&d->tok, s, NULL, 0, &a), 0);
	check_all_ok(&a, false);
	assert_int_equal(a.realm.executables, RLM_AR4SI_APPROVED_RUNTIME);
	/* The bare CoMID, as cca-realm-measurements writes it */
	assert_int_equal(rlm_refvals_corim(&m, d->tok.realm.rpv.ptr, NULL, RLM_REFVALS_COMID,
					   c, sizeof(c), &n), 0);
	assert_int_equal(add_rv_bytes(&s, c, n, err, sizeof(err)), 0);
	assert_int_equal(rlm_token_appraise(&d->tok, s, NULL, 0, &a), 0);
	assert_int_equal(a.realm.executables, RLM_AR4SI_APPROVED_RUNTIME);
	/* REMs left out: the RIM alone -> approved boot */
	assert_int_equal(rlm_refvals_corim(&m, d->tok.realm.rpv.ptr, NULL, RLM_REFVALS_NO_REMS,
					   c, sizeof(c), &n), 0);
	assert_int_equal(add_rv_bytes(&s, c, n, err, sizeof(err)), 0);
	assert_int_equal(rlm_token_appraise(&d->tok, s, NULL, 0, &a), 0);
	assert_int_equal(a.realm.executables, RLM_AR4SI_APPROVED_BOOT);
	/* A different RIM, a different RPV: named */
	m.rim[5] ^= 1;
	assert_int_equal(rlm_refvals_corim(&m, d->tok.realm.rpv.ptr, NULL, 0, c, sizeof(c), &n), 0);
	assert_int_equal(add_rv_bytes(&s, c, n, err, sizeof(err)), 0);
	assert_int_equal(rlm_token_appraise(&d->tok, s, NULL, 0, &a), RLM_EMISMATCH);
	assert_string_equal(a.first_claim, "realm.initial-measurement");
	m.rim[5] ^= 1;
	assert_int_equal(rlm_refvals_corim(&m, NULL, NULL, 0, c, sizeof(c), &n), 0);
	assert_int_equal(add_rv_bytes(&s, c, n, err, sizeof(err)), 0);
	assert_int_equal(rlm_token_appraise(&d->tok, s, NULL, 0, &a), RLM_EMISMATCH);
	assert_string_equal(a.first_claim, "realm.personalization-value");
	/* SHA-512 values do not endorse a SHA-256 realm */
	m.algo = RLM_HASH_SHA512;
	assert_int_equal(rlm_refvals_corim(&m, d->tok.realm.rpv.ptr, NULL, 0, c, sizeof(c), &n), 0);
	assert_int_equal(add_rv_bytes(&s, c, n, err, sizeof(err)), 0);
	assert_int_equal(rlm_token_appraise(&d->tok, s, NULL, 0, &a), RLM_EMISMATCH);
	m.algo = RLM_HASH_SHA256;

	/* Bad CoRIMs: refused with the reason, nothing added */
	assert_int_equal(rlm_refvals_corim(&m, d->tok.realm.rpv.ptr, NULL, 0, c, sizeof(c), &n), 0);
	for (i = 1; i < n; i += 7) {            /* cut anywhere */
		err[0] = 0;
		assert_int_equal(add_rv_bytes(&s, c, i, err, sizeof(err)), RLM_EMALFORMED);
		assert_non_null(strstr(err, "CoRIM"));
	}
	memcpy(bad, c, n);
	bad[1] = 0xf4;                          /* tag 500: not an unsigned CoRIM */
	assert_int_equal(add_rv_bytes(&s, bad, n, err, sizeof(err)), RLM_EMALFORMED);
	assert_non_null(strstr(err, "501"));
	memcpy(bad, c, n);
	replace_all(bad, n, "cca.rim", "cca.rix");
	assert_int_equal(add_rv_bytes(&s, bad, n, err, sizeof(err)), RLM_EMALFORMED);
	assert_non_null(strstr(err, "cca.rim"));
	memcpy(bad, c, n);
	replace_all(bad, n, "sha-256", "sha-999");
	assert_int_equal(add_rv_bytes(&s, bad, n, err, sizeof(err)), RLM_ENOTSUP);
	assert_non_null(strstr(err, "sha-999"));
	memcpy(bad, c, n);
	bad[n] = 0;                             /* a byte after the item */
	assert_int_equal(add_rv_bytes(&s, bad, n + 1, err, sizeof(err)), RLM_EMALFORMED);
	/* the RPV is a 560-tagged 64-byte string */
	memcpy(bad, c, n);
	for (i = 0; i + 3 < n; i++)
		if (bad[i] == 0xd9 && bad[i + 1] == 0x02 && bad[i + 2] == 0x30 &&
		    bad[i + 3] == 0x58 && bad[i + 4] == 64)
			bad[i + 2] = 0x31;      /* 561 */
	assert_int_equal(add_rv_bytes(&s, bad, n, err, sizeof(err)), RLM_EMALFORMED);
	assert_non_null(strstr(err, "cca.rpv"));
	/* Random byte flips (a fixed xorshift): refused or read, never more
	 * (ASan runs this in tests/run.sh) */
	{
		uint32_t x = 0x12345678u;
		int r, k;

		for (k = 0; k < 3000; k++) {
			memcpy(bad, c, n);
			for (i = 0; i < 1 + (size_t)(k % 4); i++) {
				x ^= x << 13;
				x ^= x >> 17;
				x ^= x << 5;
				bad[x % n] = (uint8_t)(x >> 8);
			}
			r = add_rv_bytes(&s, bad, n, err, sizeof(err));
			assert_true(r == 0 || r == RLM_EMALFORMED || r == RLM_ENOTSUP);
		}
	}
	rlm_appraisal_store_free(s);
	s = store(RT "ta-tfa.json", NULL);
	/* the store was left as it was: no realm values, the realm not appraised */
	assert_int_equal(rlm_token_appraise(&d->tok, s, NULL, 0, &a), 0);
	assert_int_equal(a.group[RLM_APPRAISE_REALM_REFVALS], RLM_TOKEN_SKIPPED);
	rlm_appraisal_store_free(s);
	dec_free(d);
}

static void test_appraise_bare_platform(void **state)
{
	struct dec *d = dec_file(TFM "cca_example_platform_token.cbor", rlm_token_decode_any);
	struct dec *full = dec_file(TFM "cca_example_token.cbor", rlm_token_decode);
	struct rlm_appraisal_store *s = store(RT "ta-tfa.json", TR "rvstore.json");
	struct rlm_appraisal a;

	(void)state;
	assert_int_equal(d->ret, 0);
	assert_int_equal(full->ret, 0);
	/* Trustee's platform reference values are those of the TF-M example */
	assert_int_equal(rlm_token_appraise(&d->tok, s, NULL, 0, &a), 0);
	assert_false(a.has_realm);
	assert_int_equal(a.group[RLM_APPRAISE_PLATFORM_SIGNATURE], RLM_TOKEN_OK);
	assert_int_equal(a.group[RLM_APPRAISE_PLATFORM_REFVALS], RLM_TOKEN_OK);
	assert_int_equal(a.group[RLM_APPRAISE_REALM_SIGNATURE], RLM_TOKEN_SKIPPED);
	assert_int_equal(a.group[RLM_APPRAISE_REALM_REFVALS], RLM_TOKEN_SKIPPED);
	assert_int_equal(a.realm_status, RLM_EAR_TIER_NONE);
	/* the nonce of a bare platform token is its own challenge */
	assert_int_equal(rlm_token_appraise(&d->tok, s, d->tok.platform.challenge.ptr,
					    d->tok.platform.challenge.len, &a), 0);
	assert_int_equal(a.group[RLM_APPRAISE_NONCE], RLM_TOKEN_OK);
	/* the full 2.0 token against Trustee's stores: platform passes, the
	 * realm's RIM is not Trustee's */
	assert_int_equal(rlm_token_appraise(&full->tok, s, NULL, 0, &a), RLM_EMISMATCH);
	assert_int_equal(a.group[RLM_APPRAISE_PLATFORM_REFVALS], RLM_TOKEN_OK);
	assert_string_equal(a.first_claim, "realm.initial-measurement");
	assert_int_equal(a.realm.executables, RLM_AR4SI_UNRECOGNIZED_RUNTIME);
	rlm_appraisal_store_free(s);
	dec_free(d);
	dec_free(full);
}

/* ---- Bad stores ------------------------------------------------------------------------ */

#define GOOD_JWK "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"TKRFE_RwSXooI8DdatPOYg_uiKm2XrtT_uEMEvqQZrw\",\"y\":\"CRx3H8NHN1lcxqKi92P0OsZBxX3VFaktllpD3SjtN7s\"}"
#define INST "\"instance-id\":\"01AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\""
#define IMPL "\"implementation-id\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\""
#define H32 "\"0000000000000000000000000000000000000000000000000000000000000000\""

static void test_bad_ta_stores(void **state)
{
	static const struct {
		const char *json;
		int ret;
		const char *msg;
	} cases[] = {
		{ "", RLM_EMALFORMED, "malformed JSON at offset 0" },
		{ "[{" INST ",", RLM_EMALFORMED, "malformed JSON" },
		{ "[{" INST "}] x", RLM_EMALFORMED, "trailing data" },
		{ "[{\"instance-id\":\"01\\q\"}]", RLM_EMALFORMED, "bad escape" },
		{ "{}", RLM_EMALFORMED, "not an array" },
		{ "[{" IMPL ",\"pkey\":" GOOD_JWK "}]", RLM_EMALFORMED, "ta-store[0].instance-id: missing" },
		{ "[{" INST ",\"pkey\":" GOOD_JWK "}]", RLM_EMALFORMED, "ta-store[0].implementation-id: missing" },
		{ "[{" INST "," IMPL "}]", RLM_EMALFORMED, "ta-store[0].pkey: missing" },
		{ "[{\"instance-id\":\"02AA\"," IMPL ",\"pkey\":" GOOD_JWK "}]", RLM_EMALFORMED, "instance-id: wrong length" },
		{ "[{" INST ",\"implementation-id\":\"ZZ\",\"pkey\":" GOOD_JWK "}]", RLM_EMALFORMED, "implementation-id: wrong length" },
		{ "[{" INST "," IMPL ",\"pkey\":{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}}]", RLM_ENOTSUP, "unsupported key type \"RSA\"" },
		{ "[{" INST "," IMPL ",\"pkey\":{\"kty\":\"EC\",\"crv\":\"P-521\",\"x\":\"AA\",\"y\":\"AA\"}}]", RLM_ENOTSUP, "unsupported curve \"P-521\"" },
		{ "[{" INST "," IMPL ",\"pkey\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}}]", RLM_EMALFORMED, "coordinates" },
		{ "[{" INST "," IMPL ",\"pkey\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"TKRFE_RwSXooI8DdatPOYg_uiKm2XrtT_uEMEvqQZrw\",\"y\":\"CRx3H8NHN1lcxqKi92P0OsZBxX3VFaktllpD3SjtN7A\"}}]", RLM_EMALFORMED, "not a point on its curve" },
	};
	char deep[200];
	size_t i;

	(void)state;
	for (i = 0; i < RLM_ARRAY_SIZE(cases); i++) {
		struct rlm_appraisal_store *s;
		char err[256] = "";

		assert_int_equal(rlm_appraisal_store_new(&s), 0);
		assert_int_equal(add_ta_str(s, cases[i].json, err, sizeof(err)), cases[i].ret);
		if (!strstr(err, cases[i].msg))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err, cases[i].msg);
		rlm_appraisal_store_free(s);
	}
	/* too deep */
	memset(deep, '[', sizeof(deep) - 1);
	deep[sizeof(deep) - 1] = 0;
	{
		struct rlm_appraisal_store *s;
		char err[128];

		assert_int_equal(rlm_appraisal_store_new(&s), 0);
		assert_int_equal(add_ta_str(s, deep, err, sizeof(err)), RLM_E2BIG);
		/* a good store still loads after bad ones; err may be NULL */
		assert_int_equal(add_ta_str(s, "[{" INST "," IMPL ",\"pkey\":" GOOD_JWK "}]", NULL, 0), 0);
		rlm_appraisal_store_free(s);
	}
	assert_int_equal(rlm_appraisal_store_new(NULL), RLM_EINVAL);
}

static void test_bad_rv_stores(void **state)
{
	static const struct {
		const char *json;
		int ret;
		const char *msg;
	} cases[] = {
		{ "{\"realm\":[{\"initial-measurement\":" H32 "}", RLM_EMALFORMED, "malformed JSON" },
		{ "{\"realm\":[{\"initial-measurement\":" H32 ",}]}", RLM_EMALFORMED, "malformed JSON" },
		{ "\"rim\"", RLM_EMALFORMED, "not an object" },
		{ "{\"other\":[]}", RLM_EMALFORMED, "neither" },
		{ "{\"platform\":{}}", RLM_EMALFORMED, "\"platform\" is not an array" },
		{ "{\"realm\":[{\"rak-hash-algorithm\":\"sha-256\"}]}", RLM_EMALFORMED, "realm[0].initial-measurement: missing" },
		{ "{\"realm\":[{\"initial-measurement\":" H32 "}]}", RLM_EMALFORMED, "realm[0].rak-hash-algorithm: missing" },
		{ "{\"realm\":[{\"initial-measurement\":" H32 ",\"rak-hash-algorithm\":\"sha-999\"}]}", RLM_ENOTSUP, "unknown hash algorithm \"sha-999\"" },
		{ "{\"realm\":[{\"initial-measurement\":\"00\",\"rak-hash-algorithm\":\"sha-256\"}]}", RLM_EMALFORMED, "initial-measurement: wrong length" },
		{ "{\"realm\":[{\"initial-measurement\":" H32 ",\"rak-hash-algorithm\":\"sha-256\",\"extensible-measurements\":[" H32 "]}]}", RLM_EMALFORMED, "extensible-measurements: not an array of 4" },
		{ "{\"realm\":[{\"initial-measurement\":" H32 ",\"rak-hash-algorithm\":\"sha-256\",\"personalization-value\":" H32 "}]}", RLM_EMALFORMED, "personalization-value: wrong length" },
		{ "{\"platform\":[{" IMPL ",\"platform-configuration\":\"CF\"}]}", RLM_EMALFORMED, "platform[0].sw-components: missing" },
		{ "{\"platform\":[{" IMPL ",\"platform-configuration\":\"CF\",\"sw-components\":[]}]}", RLM_EMALFORMED, "not a non-empty array" },
		{ "{\"platform\":[{" IMPL ",\"sw-components\":[{\"measurement-value\":" H32 ",\"signer-id\":" H32 "}]}]}", RLM_EMALFORMED, "platform[0].platform-configuration: missing" },
		{ "{\"platform\":[{" IMPL ",\"platform-configuration\":\"CF\",\"sw-components\":[{\"measurement-value\":" H32 "}]}]}", RLM_EMALFORMED, "platform[0].sw-components[0].signer-id: missing" },
		{ "{\"platform\":[{" IMPL ",\"platform-configuration\":\"CF\",\"sw-components\":[{\"measurement-value\":\"0G\",\"signer-id\":" H32 "}]}]}", RLM_EMALFORMED, "measurement-value: wrong length" },
		{ "{\"platform\":[{" IMPL ",\"platform-configuration\":\"CF\",\"sw-components\":[{\"measurement-value\":" H32 ",\"signer-id\":" H32 ",\"hash-algo-id\":\"md4\"}]}]}", RLM_ENOTSUP, "unknown hash algorithm \"md4\"" },
		{ "{\"platform\":[{" IMPL ",\"platform-configuration\":\"CF\",\"sw-components\":[{\"measurement-value\":" H32 ",\"signer-id\":" H32 ",\"version\":3}]}]}", RLM_EMALFORMED, "version: not a string" },
		{ "{\"rim\":" H32 ",\"hash\":\"sha3-256\"}", RLM_ENOTSUP, "unknown hash algorithm \"sha3-256\"" },
		{ "{\"rim\":\"XYZ\"}", RLM_EMALFORMED, "rim: not an even number" },
		{ "{\"rim\":" H32 ",\"rem\":[null,null,null]}", RLM_EMALFORMED, "rem: not an array of 4" },
		{ "[{\"rim\":" H32 "},{\"hash\":\"sha256\"}]", RLM_EMALFORMED, "realm[1].initial-measurement: missing" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < RLM_ARRAY_SIZE(cases); i++) {
		struct rlm_appraisal_store *s;
		char err[256] = "";

		assert_int_equal(rlm_appraisal_store_new(&s), 0);
		assert_int_equal(add_rv_str(s, cases[i].json, err, sizeof(err)), cases[i].ret);
		if (!strstr(err, cases[i].msg))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err, cases[i].msg);
		rlm_appraisal_store_free(s);
	}
}

static void test_tiers(void **state)
{
	struct rlm_trust_vector tv;

	(void)state;
	assert_int_equal(rlm_ar4si_tier(0), RLM_EAR_TIER_NONE);
	assert_int_equal(rlm_ar4si_tier(-1), RLM_EAR_TIER_NONE);
	assert_int_equal(rlm_ar4si_tier(2), RLM_EAR_TIER_AFFIRMING);
	assert_int_equal(rlm_ar4si_tier(31), RLM_EAR_TIER_AFFIRMING);
	assert_int_equal(rlm_ar4si_tier(32), RLM_EAR_TIER_WARNING);
	assert_int_equal(rlm_ar4si_tier(-97), RLM_EAR_TIER_CONTRAINDICATED);
	assert_int_equal(rlm_ar4si_tier(96), RLM_EAR_TIER_CONTRAINDICATED);
	assert_int_equal(rlm_ar4si_tier(99), RLM_EAR_TIER_CONTRAINDICATED);
	memset(&tv, 0, sizeof(tv));
	assert_int_equal(rlm_trust_vector_status(&tv), RLM_EAR_TIER_NONE);
	tv.instance_identity = 2;
	assert_int_equal(rlm_trust_vector_status(&tv), RLM_EAR_TIER_AFFIRMING);
	tv.sourced_data = 32;
	assert_int_equal(rlm_trust_vector_status(&tv), RLM_EAR_TIER_WARNING);
	tv.storage_opaque = 96;
	assert_int_equal(rlm_trust_vector_status(&tv), RLM_EAR_TIER_CONTRAINDICATED);
	assert_string_equal(rlm_ear_tier_name(RLM_EAR_TIER_WARNING), "warning");
	assert_null(rlm_ear_tier_name(5));
	assert_string_equal(rlm_appraisal_group_name(RLM_APPRAISE_BINDING), "binding");
	assert_null(rlm_appraisal_group_name(RLM_APPRAISE_GROUPS));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tfm_2_0_token_verifies),
		cmocka_unit_test(test_tfm_legacy_token_verifies),
		cmocka_unit_test(test_older_profiles_still_decode),
		cmocka_unit_test(test_bare_platform_token),
		cmocka_unit_test(test_realm_2_0_claim_rules),
		cmocka_unit_test(test_appraise_rust_ccatoken_pass),
		cmocka_unit_test(test_appraise_trustee_pass),
		cmocka_unit_test(test_appraise_names_first_differing_claim),
		cmocka_unit_test(test_appraise_trust_anchor_failures),
		cmocka_unit_test(test_appraise_librealm_refvals),
		cmocka_unit_test(test_appraise_corim),
		cmocka_unit_test(test_appraise_bare_platform),
		cmocka_unit_test(test_bad_ta_stores),
		cmocka_unit_test(test_bad_rv_stores),
		cmocka_unit_test(test_tiers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
