/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Appraisal of CCA tokens against trust anchors and reference values
 * (userspace).  Store formats: veraison/rust-ccatoken src/store/
 * data-model.cddl (as Trustee's local CCA verifier reads them); the
 * verification and appraisal steps and the AR4SI values they write:
 * rust-ccatoken src/token/evidence.rs (Evidence::verify, ::appraise);
 * claim values and tiers: veraison/ear trustclaim.go, trusttier.go,
 * ear_appraisal.go.  See realm/token.h for the rules.
 */
#include "rlm_config.h"

#include <realm/error.h>
#include <realm/token.h>

int rlm_ar4si_tier(int c)
{
	if (c >= -1 && c <= 1)
		return RLM_EAR_TIER_NONE;
	if ((c >= -32 && c <= -2) || (c >= 2 && c <= 31))
		return RLM_EAR_TIER_AFFIRMING;
	if ((c >= -96 && c <= -33) || (c >= 32 && c <= 95))
		return RLM_EAR_TIER_WARNING;
	return RLM_EAR_TIER_CONTRAINDICATED;
}

int rlm_trust_vector_status(const struct rlm_trust_vector *tv)
{
	const int8_t v[8] = {
		tv->instance_identity, tv->configuration, tv->executables,
		tv->file_system, tv->hardware, tv->runtime_opaque,
		tv->storage_opaque, tv->sourced_data,
	};
	int worst = RLM_EAR_TIER_NONE, i, t;

	for (i = 0; i < 8; i++) {
		t = rlm_ar4si_tier(v[i]);
		if (t > worst)
			worst = t;
	}
	return worst;
}

const char *rlm_ear_tier_name(int tier)
{
	switch (tier) {
	case RLM_EAR_TIER_NONE: return "none";
	case RLM_EAR_TIER_AFFIRMING: return "affirming";
	case RLM_EAR_TIER_WARNING: return "warning";
	case RLM_EAR_TIER_CONTRAINDICATED: return "contraindicated";
	default: return NULL;
	}
}

const char *rlm_appraisal_group_name(enum rlm_appraisal_group g)
{
	static const char *const n[RLM_APPRAISE_GROUPS] = {
		"platform-signature", "realm-signature", "binding", "nonce",
		"platform-reference-values", "realm-reference-values",
	};

	return (unsigned int)g < RLM_APPRAISE_GROUPS ? n[g] : NULL;
}

#if RLM_HAVE_OPENSSL
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <realm/cbor.h>

#include "attest/token_priv.h"

#define STORE_MAX_BYTES (16u << 20)
#define JSON_MAX_DEPTH 32
#define HASH_NAME_MAX 16

/* ---- A small JSON tree (strings are slices of the input) ----------------- */

enum jt_ { J_NULL_, J_BOOL_, J_NUM_, J_STR_, J_ARR_, J_OBJ_ };

struct jv_ {
	enum jt_ t;
	const char *s;  /* J_STR_: raw content (escapes kept), J_NUM_: text */
	size_t n;
	const char *key; /* member name when inside an object */
	size_t keylen;
	struct jv_ *kid;
	size_t nkid;
};

struct jp_ {
	const char *p, *end, *start;
	int depth;
	char *err;
	size_t errcap;
};

static void errf_(char *err, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void errf_(char *err, size_t cap, const char *fmt, ...)
{
	va_list ap;

	if (!err || !cap)
		return;
	va_start(ap, fmt);
	vsnprintf(err, cap, fmt, ap);
	va_end(ap);
}

static void jfree_(struct jv_ *v)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < v->nkid; i++)
		jfree_(&v->kid[i]);
	free(v->kid);
	v->kid = NULL;
	v->nkid = 0;
}

static void jws_(struct jp_ *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' ||
				 *j->p == '\r'))
		j->p++;
}

static int jsyntax_(struct jp_ *j, const char *what)
{
	errf_(j->err, j->errcap, "malformed JSON at offset %zu: %s",
	      (size_t)(j->p - j->start), what);
	return RLM_EMALFORMED;
}

static int jstr_(struct jp_ *j, const char **s, size_t *n)
{
	const char *q;

	if (j->p >= j->end || *j->p != '"')
		return jsyntax_(j, "string expected");
	q = ++j->p;
	while (j->p < j->end && *j->p != '"') {
		if ((unsigned char)*j->p < 0x20)
			return jsyntax_(j, "control character in a string");
		if (*j->p == '\\') {
			j->p++;
			if (j->p >= j->end || !strchr("\"\\/bfnrtu", *j->p))
				return jsyntax_(j, "bad escape");
		}
		j->p++;
	}
	if (j->p >= j->end)
		return jsyntax_(j, "unterminated string");
	*s = q;
	*n = (size_t)(j->p - q);
	j->p++;
	return 0;
}

static int jvalue_(struct jp_ *j, struct jv_ *v);

static int jpush_(struct jp_ *j, struct jv_ *v, size_t *cap)
{
	struct jv_ *k;

	if (v->nkid == *cap) {
		size_t nc = *cap ? *cap * 2 : 4;

		k = realloc(v->kid, nc * sizeof(*k));
		if (!k) {
			errf_(j->err, j->errcap, "out of memory");
			return RLM_ENOMEM;
		}
		v->kid = k;
		*cap = nc;
	}
	memset(&v->kid[v->nkid], 0, sizeof(v->kid[0]));
	v->nkid++;
	return 0;
}

static int jcontainer_(struct jp_ *j, struct jv_ *v, bool obj)
{
	char close = obj ? '}' : ']';
	size_t cap = 0;
	int ret;

	v->t = obj ? J_OBJ_ : J_ARR_;
	if (++j->depth > JSON_MAX_DEPTH) {
		errf_(j->err, j->errcap, "JSON nested deeper than %d", JSON_MAX_DEPTH);
		return RLM_E2BIG;
	}
	j->p++;
	jws_(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		j->depth--;
		return 0;
	}
	for (;;) {
		struct jv_ *k;

		ret = jpush_(j, v, &cap);
		if (ret)
			return ret;
		k = &v->kid[v->nkid - 1];
		jws_(j);
		if (obj) {
			ret = jstr_(j, &k->key, &k->keylen);
			if (ret)
				return ret;
			jws_(j);
			if (j->p >= j->end || *j->p != ':')
				return jsyntax_(j, "':' expected");
			j->p++;
		}
		ret = jvalue_(j, k);
		if (ret)
			return ret;
		jws_(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == close) {
			j->p++;
			j->depth--;
			return 0;
		}
		return jsyntax_(j, obj ? "',' or '}' expected" : "',' or ']' expected");
	}
}

static int jvalue_(struct jp_ *j, struct jv_ *v)
{
	const char *q;

	jws_(j);
	if (j->p >= j->end)
		return jsyntax_(j, "value expected");
	switch (*j->p) {
	case '{':
		return jcontainer_(j, v, true);
	case '[':
		return jcontainer_(j, v, false);
	case '"':
		v->t = J_STR_;
		return jstr_(j, &v->s, &v->n);
	default:
		break;
	}
	q = j->p;
	if ((size_t)(j->end - q) >= 4 && !memcmp(q, "null", 4)) {
		v->t = J_NULL_;
		j->p += 4;
		return 0;
	}
	if ((size_t)(j->end - q) >= 4 && !memcmp(q, "true", 4)) {
		v->t = J_BOOL_;
		j->p += 4;
		return 0;
	}
	if ((size_t)(j->end - q) >= 5 && !memcmp(q, "false", 5)) {
		v->t = J_BOOL_;
		j->p += 5;
		return 0;
	}
	if (*q == '-' || (*q >= '0' && *q <= '9')) {
		while (j->p < j->end && strchr("+-.0123456789eE", *j->p))
			j->p++;
		v->t = J_NUM_;
		v->s = q;
		v->n = (size_t)(j->p - q);
		return 0;
	}
	return jsyntax_(j, "unexpected character");
}

static int jparse_(const uint8_t *buf, size_t len, struct jv_ *root,
		   char *err, size_t errcap)
{
	struct jp_ j;
	int ret;

	memset(root, 0, sizeof(*root));
	if (len > STORE_MAX_BYTES) {
		errf_(err, errcap, "store larger than %u bytes", STORE_MAX_BYTES);
		return RLM_E2BIG;
	}
	j.p = j.start = (const char *)buf;
	j.end = j.p + len;
	j.depth = 0;
	j.err = err;
	j.errcap = errcap;
	ret = jvalue_(&j, root);
	if (!ret) {
		jws_(&j);
		if (j.p != j.end)
			ret = jsyntax_(&j, "trailing data after the JSON value");
	}
	if (ret)
		jfree_(root);
	return ret;
}

static const struct jv_ *jget_(const struct jv_ *o, const char *key)
{
	size_t i, n = strlen(key);

	for (i = 0; i < o->nkid; i++)
		if (o->kid[i].keylen == n && !memcmp(o->kid[i].key, key, n))
			return &o->kid[i];
	return NULL;
}

/* ---- Field readers --------------------------------------------------------- */

static int hexval_(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Hex string v into out (at most cap bytes); lens: accepted lengths
 * (0-terminated list; NULL = any non-empty up to cap). */
static int fhex_(const struct jv_ *v, const char *where, uint8_t *out,
		 size_t cap, size_t *olen, const size_t *lens, char *err,
		 size_t errcap)
{
	size_t i, n;

	if (!v || v->t != J_STR_) {
		errf_(err, errcap, "%s: %s", where, v ? "not a hex string" : "missing");
		return RLM_EMALFORMED;
	}
	if (v->n % 2 || !v->n) {
		errf_(err, errcap, "%s: not an even number of hex digits", where);
		return RLM_EMALFORMED;
	}
	n = v->n / 2;
	if (n > cap) {
		errf_(err, errcap, "%s: %zu bytes, at most %zu", where, n, cap);
		return RLM_EMALFORMED;
	}
	if (lens) {
		bool ok = false;

		for (i = 0; lens[i]; i++)
			ok = ok || lens[i] == n;
		if (!ok) {
			errf_(err, errcap, "%s: wrong length (%zu bytes)", where, n);
			return RLM_EMALFORMED;
		}
	}
	for (i = 0; i < n; i++) {
		int hi = hexval_(v->s[2 * i]), lo = hexval_(v->s[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			errf_(err, errcap, "%s: not hex", where);
			return RLM_EMALFORMED;
		}
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	*olen = n;
	return 0;
}

static const size_t meas_lens_[] = { 32, 48, 64, 0 };

/* IANA hash names (the CDDL's hash-algo-id-type); predict's "sha256" and
 * "sha512" spellings are taken as "sha-256" and "sha-512". */
static int fhash_(const struct jv_ *v, const char *where, char out[HASH_NAME_MAX],
		  char *err, size_t errcap)
{
	static const char *const iana[] = {
		"md2", "md5", "sha-1", "sha-224", "sha-256", "sha-384",
		"sha-512", "shake128", "shake256",
	};
	static const char *const alias[][2] = {
		{ "sha256", "sha-256" }, { "sha384", "sha-384" }, { "sha512", "sha-512" },
	};
	size_t i;

	if (!v || v->t != J_STR_) {
		errf_(err, errcap, "%s: %s", where, v ? "not a string" : "missing");
		return RLM_EMALFORMED;
	}
	for (i = 0; i < RLM_ARRAY_SIZE(iana); i++)
		if (strlen(iana[i]) == v->n && !memcmp(v->s, iana[i], v->n)) {
			snprintf(out, HASH_NAME_MAX, "%s", iana[i]);
			return 0;
		}
	for (i = 0; i < RLM_ARRAY_SIZE(alias); i++)
		if (strlen(alias[i][0]) == v->n && !memcmp(v->s, alias[i][0], v->n)) {
			snprintf(out, HASH_NAME_MAX, "%s", alias[i][1]);
			return 0;
		}
	errf_(err, errcap, "%s: unknown hash algorithm \"%.*s\"", where,
	      (int)(v->n > 32 ? 32 : v->n), v->s);
	return RLM_ENOTSUP;
}

static int fstrdup_(const struct jv_ *v, const char *where, char **out,
		    char *err, size_t errcap)
{
	*out = NULL;
	if (!v)
		return 0;
	if (v->t != J_STR_) {
		errf_(err, errcap, "%s: not a string", where);
		return RLM_EMALFORMED;
	}
	*out = malloc(v->n + 1);
	if (!*out)
		return RLM_ENOMEM;
	memcpy(*out, v->s, v->n);
	(*out)[v->n] = 0;
	return 0;
}

static bool jstr_is_(const struct jv_ *v, const char *s)
{
	return v && v->t == J_STR_ && strlen(s) == v->n && !memcmp(v->s, s, v->n);
}

/* A JWK EC public key (RFC 7517/7518): kty "EC", crv P-256|P-384, x, y. */
static int fjwk_(const struct jv_ *v, const char *where,
		 struct rlm_token_key **key, char *err, size_t errcap)
{
	const struct jv_ *kty, *crv, *x, *y;
	uint8_t pt[97];
	size_t coord, got;
	int ret;

	if (!v || v->t != J_OBJ_) {
		errf_(err, errcap, "%s: %s", where, v ? "not a JWK object" : "missing");
		return RLM_EMALFORMED;
	}
	kty = jget_(v, "kty");
	crv = jget_(v, "crv");
	x = jget_(v, "x");
	y = jget_(v, "y");
	if (!kty || kty->t != J_STR_) {
		errf_(err, errcap, "%s: \"kty\" missing", where);
		return RLM_EMALFORMED;
	}
	if (!jstr_is_(kty, "EC")) {
		errf_(err, errcap, "%s: unsupported key type \"%.*s\" (EC only)", where,
		      (int)(kty->n > 16 ? 16 : kty->n), kty->s);
		return RLM_ENOTSUP;
	}
	if (!crv || crv->t != J_STR_) {
		errf_(err, errcap, "%s: \"crv\" missing", where);
		return RLM_EMALFORMED;
	}
	if (jstr_is_(crv, "P-256"))
		coord = 32;
	else if (jstr_is_(crv, "P-384"))
		coord = 48;
	else {
		errf_(err, errcap, "%s: unsupported curve \"%.*s\" (P-256, P-384)",
		      where, (int)(crv->n > 16 ? 16 : crv->n), crv->s);
		return RLM_ENOTSUP;
	}
	if (!x || x->t != J_STR_ || !y || y->t != J_STR_) {
		errf_(err, errcap, "%s: \"x\" or \"y\" missing", where);
		return RLM_EMALFORMED;
	}
	pt[0] = 0x04;
	if (rlm_token_b64url_decode_(x->s, x->n, pt + 1, coord, &got) || got != coord ||
	    rlm_token_b64url_decode_(y->s, y->n, pt + 1 + coord, coord, &got) || got != coord) {
		errf_(err, errcap, "%s: x/y not base64url coordinates of the curve's size", where);
		return RLM_EMALFORMED;
	}
	ret = rlm_token_key_from_point(pt, 1 + 2 * coord, key);
	if (ret == RLM_EVERIFY || ret == RLM_EMALFORMED) {
		errf_(err, errcap, "%s: not a point on its curve", where);
		return RLM_EMALFORMED;
	}
	return ret;
}

/* ---- The store ---------------------------------------------------------------- */

struct ta_ {
	uint8_t inst[33];
	uint8_t impl[32];
	struct rlm_token_key *key;
};

struct swc_ {
	uint8_t mval[64], sid[64];
	size_t mlen, slen;
	char *type, *version;
};

struct prv_ {
	uint8_t impl[32];
	uint8_t config[256];
	size_t config_len;
	struct swc_ *sw;
	size_t nsw;
};

struct rrv_ {
	uint8_t rim[64], rpv[64], rem[4][64];
	size_t rim_len, rpv_len, rem_len[4]; /* rem_len 0: not checked */
	bool have_rpv;
	char hash[HASH_NAME_MAX], rak_hash[HASH_NAME_MAX]; /* "" not checked */
};

struct rlm_appraisal_store {
	struct ta_ *ta;
	size_t nta;
	struct prv_ *p;
	size_t np;
	struct rrv_ *r;
	size_t nr;
};

int rlm_appraisal_store_new(struct rlm_appraisal_store **out)
{
	if (!out)
		return RLM_EINVAL;
	*out = calloc(1, sizeof(**out));
	return *out ? 0 : RLM_ENOMEM;
}

static void prv_free_(struct prv_ *p)
{
	size_t i;

	for (i = 0; i < p->nsw; i++) {
		free(p->sw[i].type);
		free(p->sw[i].version);
	}
	free(p->sw);
}

void rlm_appraisal_store_free(struct rlm_appraisal_store *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->nta; i++)
		rlm_token_key_free(s->ta[i].key);
	for (i = 0; i < s->np; i++)
		prv_free_(&s->p[i]);
	free(s->ta);
	free(s->p);
	free(s->r);
	free(s);
}

static int ta_entry_(const struct jv_ *e, size_t idx, struct ta_ *ta, char *err,
		     size_t errcap)
{
	static const size_t l33[] = { 33, 0 }, l32[] = { 32, 0 };
	char where[64];
	size_t n;
	int ret;

	memset(ta, 0, sizeof(*ta));
	if (e->t != J_OBJ_) {
		errf_(err, errcap, "ta-store[%zu]: not an object", idx);
		return RLM_EMALFORMED;
	}
	snprintf(where, sizeof(where), "ta-store[%zu].instance-id", idx);
	ret = fhex_(jget_(e, "instance-id"), where, ta->inst, 33, &n, l33, err, errcap);
	if (ret)
		return ret;
	if (ta->inst[0] != 0x01) {
		errf_(err, errcap, "%s: must start 01 (RAND UEID)", where);
		return RLM_EMALFORMED;
	}
	snprintf(where, sizeof(where), "ta-store[%zu].implementation-id", idx);
	ret = fhex_(jget_(e, "implementation-id"), where, ta->impl, 32, &n, l32, err, errcap);
	if (ret)
		return ret;
	snprintf(where, sizeof(where), "ta-store[%zu].pkey", idx);
	return fjwk_(jget_(e, "pkey"), where, &ta->key, err, errcap);
}

int rlm_appraisal_store_add_ta(struct rlm_appraisal_store *s,
			       const uint8_t *json, size_t len, char *err,
			       size_t errcap)
{
	struct jv_ root;
	struct ta_ *nt;
	size_t i;
	int ret;

	if (!s || !json)
		return RLM_EINVAL;
	ret = jparse_(json, len, &root, err, errcap);
	if (ret)
		return ret;
	if (root.t != J_ARR_) {
		errf_(err, errcap, "ta-store: not an array of trust anchors");
		ret = RLM_EMALFORMED;
		goto out;
	}
	nt = realloc(s->ta, (s->nta + root.nkid + 1) * sizeof(*nt));
	if (!nt) {
		ret = RLM_ENOMEM;
		goto out;
	}
	s->ta = nt;
	for (i = 0; i < root.nkid; i++) {
		ret = ta_entry_(&root.kid[i], i, &s->ta[s->nta + i], err, errcap);
		if (ret) {
			while (i--)
				rlm_token_key_free(s->ta[s->nta + i].key);
			goto out;
		}
	}
	s->nta += root.nkid;
out:
	jfree_(&root);
	return ret;
}

static int swc_entry_(const struct jv_ *e, const char *pw, size_t idx,
		      struct swc_ *c, char *err, size_t errcap)
{
	char where[96];
	int ret;

	if (e->t != J_OBJ_) {
		errf_(err, errcap, "%s.sw-components[%zu]: not an object", pw, idx);
		return RLM_EMALFORMED;
	}
	snprintf(where, sizeof(where), "%s.sw-components[%zu].measurement-value", pw, idx);
	ret = fhex_(jget_(e, "measurement-value"), where, c->mval, 64, &c->mlen,
		    meas_lens_, err, errcap);
	if (ret)
		return ret;
	snprintf(where, sizeof(where), "%s.sw-components[%zu].signer-id", pw, idx);
	ret = fhex_(jget_(e, "signer-id"), where, c->sid, 64, &c->slen,
		    meas_lens_, err, errcap);
	if (ret)
		return ret;
	snprintf(where, sizeof(where), "%s.sw-components[%zu].component-type", pw, idx);
	ret = fstrdup_(jget_(e, "component-type"), where, &c->type, err, errcap);
	if (ret)
		return ret;
	snprintf(where, sizeof(where), "%s.sw-components[%zu].version", pw, idx);
	ret = fstrdup_(jget_(e, "version"), where, &c->version, err, errcap);
	if (ret)
		return ret;
	if (jget_(e, "hash-algo-id")) {
		char h[HASH_NAME_MAX];

		snprintf(where, sizeof(where), "%s.sw-components[%zu].hash-algo-id", pw, idx);
		ret = fhash_(jget_(e, "hash-algo-id"), where, h, err, errcap);
	}
	return ret;
}

static int prv_entry_(const struct jv_ *e, size_t idx, struct prv_ *p,
		      char *err, size_t errcap)
{
	static const size_t l32[] = { 32, 0 };
	const struct jv_ *sw;
	char pw[32], where[96];
	size_t n, i;
	int ret;

	memset(p, 0, sizeof(*p));
	snprintf(pw, sizeof(pw), "platform[%zu]", idx);
	if (e->t != J_OBJ_) {
		errf_(err, errcap, "%s: not an object", pw);
		return RLM_EMALFORMED;
	}
	snprintf(where, sizeof(where), "%s.implementation-id", pw);
	ret = fhex_(jget_(e, "implementation-id"), where, p->impl, 32, &n, l32, err, errcap);
	if (ret)
		return ret;
	snprintf(where, sizeof(where), "%s.platform-configuration", pw);
	ret = fhex_(jget_(e, "platform-configuration"), where, p->config,
		    sizeof(p->config), &p->config_len, NULL, err, errcap);
	if (ret)
		return ret;
	sw = jget_(e, "sw-components");
	if (!sw || sw->t != J_ARR_ || !sw->nkid) {
		errf_(err, errcap, "%s.sw-components: %s", pw,
		      !sw ? "missing" : "not a non-empty array");
		return RLM_EMALFORMED;
	}
	if (sw->nkid > RLM_TOKEN_MAX_SW_COMPONENTS) {
		errf_(err, errcap, "%s.sw-components: more than %d", pw,
		      RLM_TOKEN_MAX_SW_COMPONENTS);
		return RLM_E2BIG;
	}
	p->sw = calloc(sw->nkid, sizeof(*p->sw));
	if (!p->sw)
		return RLM_ENOMEM;
	p->nsw = sw->nkid;
	for (i = 0; i < sw->nkid; i++) {
		ret = swc_entry_(&sw->kid[i], pw, i, &p->sw[i], err, errcap);
		if (ret)
			return ret;
	}
	return 0;
}

/* A realm reference value: the ccatoken form ("initial-measurement"...)
 * or librealm's ("rim"...), told apart by which RIM key it has. */
static int rrv_entry_(const struct jv_ *e, const char *rw, struct rrv_ *r,
		      char *err, size_t errcap)
{
	static const size_t l64[] = { 64, 0 };
	const struct jv_ *rim, *rem, *rpv, *h, *rak;
	bool ours;
	char where[96];
	size_t i;
	int ret;

	memset(r, 0, sizeof(*r));
	if (e->t != J_OBJ_) {
		errf_(err, errcap, "%s: not an object", rw);
		return RLM_EMALFORMED;
	}
	rim = jget_(e, "initial-measurement");
	ours = !rim && jget_(e, "rim");
	if (ours) {
		rim = jget_(e, "rim");
		rem = jget_(e, "rem");
		rpv = jget_(e, "rpv");
		h = jget_(e, "hash_algo") ? jget_(e, "hash_algo") : jget_(e, "hash");
		rak = NULL;
	} else {
		rem = jget_(e, "extensible-measurements");
		rpv = jget_(e, "personalization-value");
		h = jget_(e, "hash-algo-id");
		rak = jget_(e, "rak-hash-algorithm");
	}
	snprintf(where, sizeof(where), "%s.%s", rw, ours ? "rim" : "initial-measurement");
	ret = fhex_(rim, where, r->rim, 64, &r->rim_len, meas_lens_, err, errcap);
	if (ret)
		return ret;
	if (rem) {
		snprintf(where, sizeof(where), "%s.%s", rw, ours ? "rem" : "extensible-measurements");
		if (rem->t != J_ARR_ || rem->nkid != 4) {
			errf_(err, errcap, "%s: not an array of 4", where);
			return RLM_EMALFORMED;
		}
		for (i = 0; i < 4; i++) {
			if (ours && rem->kid[i].t == J_NULL_)
				continue; /* not predictable: not checked */
			snprintf(where, sizeof(where), "%s.%s[%zu]", rw,
				 ours ? "rem" : "extensible-measurements", i);
			ret = fhex_(&rem->kid[i], where, r->rem[i], 64,
				    &r->rem_len[i], meas_lens_, err, errcap);
			if (ret)
				return ret;
		}
	}
	if (rpv) {
		snprintf(where, sizeof(where), "%s.%s", rw, ours ? "rpv" : "personalization-value");
		ret = fhex_(rpv, where, r->rpv, 64, &r->rpv_len, l64, err, errcap);
		if (ret)
			return ret;
		r->have_rpv = true;
	}
	if (h) {
		snprintf(where, sizeof(where), "%s.%s", rw, ours ? "hash_algo" : "hash-algo-id");
		ret = fhash_(h, where, r->hash, err, errcap);
		if (ret)
			return ret;
	}
	if (!ours) {
		/* mandatory in the CDDL (realm-claims) and in RealmRefValue */
		snprintf(where, sizeof(where), "%s.rak-hash-algorithm", rw);
		ret = fhash_(rak, where, r->rak_hash, err, errcap);
		if (ret)
			return ret;
	}
	return 0;
}

static int grow_(void **arr, size_t have, size_t add, size_t sz)
{
	void *n = realloc(*arr, (have + add + 1) * sz);

	if (!n)
		return RLM_ENOMEM;
	*arr = n;
	return 0;
}

/* ---- Realm reference values as CoRIM / CoMID --------------------------------
 * What rlm_refvals_corim() and veraison's cca-realm-measurements write: a
 * concise-mid-tag (bare, or 506(bstr) inside an unsigned CoRIM 501 map's
 * tags, key 1) whose reference triples [env, [measurement-map...]] carry
 * "cca.rim", "cca.rem0".."cca.rem3" as digests [[alg, value]] and "cca.rpv"
 * as raw-value 560(bytes).  Keys this reader does not use are skipped; a
 * triple without "cca.rim" is not a realm reference value (an error). */

#define CORIM_ERR_(msg) do { errf_(err, errcap, "rv-store (CoRIM): %s", msg); \
			     return RLM_EMALFORMED; } while (0)

static int corim_key_(struct rlm_cbor *c, uint64_t *k)
{
	struct rlm_cbor_item it;

	if (rlm_cbor_peek(c, &it) || it.major != RLM_CBOR_UINT)
		return RLM_EMALFORMED;
	return rlm_cbor_get_uint(c, k);
}

/* measurement-values-map: digests (2) or raw-value (4). */
static int corim_mval_(struct rlm_cbor *c, struct rrv_ *r, int which, char *err,
		       size_t errcap)
{
	const uint8_t *v;
	const char *a;
	size_t n, an;
	uint64_t nm, k, na, tag;
	bool got = false;
	char alg[HASH_NAME_MAX];

	if (rlm_cbor_get_map(c, &nm))
		CORIM_ERR_("measurement values: not a map");
	while (nm--) {
		if (corim_key_(c, &k))
			CORIM_ERR_("measurement values: a key is not an integer");
		if (which >= 0 && which <= 4 && k == 2) {         /* digests */
			if (rlm_cbor_get_array(c, &na) || na == 0)
				CORIM_ERR_("digests: not a non-empty array");
			if (rlm_cbor_get_array(c, &k) || k != 2 ||
			    rlm_cbor_get_tstr(c, &a, &an) ||
			    rlm_cbor_get_bstr(c, &v, &n))
				CORIM_ERR_("digest: not [\"sha-256\"|\"sha-512\", bytes]");
			if (an >= sizeof(alg) || (n != 32 && n != 48 && n != 64))
				CORIM_ERR_("digest: algorithm or length not a realm hash");
			memcpy(alg, a, an);
			alg[an] = 0;
			if (strcmp(alg, "sha-256") && strcmp(alg, "sha-384") &&
			    strcmp(alg, "sha-512")) {
				errf_(err, errcap, "rv-store (CoRIM): digest: unknown algorithm \"%s\"", alg);
				return RLM_ENOTSUP;
			}
			if (r->hash[0] && strcmp(r->hash, alg))
				CORIM_ERR_("digests of two algorithms");
			memcpy(r->hash, alg, an + 1);
			if (which == 0) {
				memcpy(r->rim, v, n);
				r->rim_len = n;
			} else {
				memcpy(r->rem[which - 1], v, n);
				r->rem_len[which - 1] = n;
			}
			while (--na)             /* further digests: skipped */
				if (rlm_cbor_skip(c, NULL, NULL))
					CORIM_ERR_("digests: malformed");
			got = true;
		} else if (which == 5 && k == 4) {                /* raw-value */
			if (rlm_cbor_get_tag(c, &tag) || tag != 560 ||
			    rlm_cbor_get_bstr(c, &v, &n) || n != 64)
				CORIM_ERR_("cca.rpv: not raw-value 560(64 bytes)");
			memcpy(r->rpv, v, 64);
			r->rpv_len = 64;
			r->have_rpv = true;
			got = true;
		} else if (rlm_cbor_skip(c, NULL, NULL)) {
			CORIM_ERR_("measurement values: malformed");
		}
	}
	if (!got && which >= 0)
		CORIM_ERR_(which == 5 ? "cca.rpv without a raw-value" : "a realm measurement without a digest");
	return 0;
}

static int corim_mmap_(struct rlm_cbor *c, struct rrv_ *r, bool *rim, char *err,
		       size_t errcap)
{
	static const char *const names[] = { "cca.rim", "cca.rem0", "cca.rem1",
					     "cca.rem2", "cca.rem3", "cca.rpv" };
	struct rlm_cbor_item it;
	const char *key;
	size_t kn, i;
	uint64_t nm, k;
	int which = -1, ret;

	if (rlm_cbor_get_map(c, &nm))
		CORIM_ERR_("measurement-map: not a map");
	while (nm--) {
		if (corim_key_(c, &k))
			CORIM_ERR_("measurement-map: a key is not an integer");
		if (k == 0 && !rlm_cbor_peek(c, &it) && it.major == RLM_CBOR_TSTR) {
			if (rlm_cbor_get_tstr(c, &key, &kn))
				CORIM_ERR_("mkey: malformed");
			for (i = 0; i < RLM_ARRAY_SIZE(names); i++)
				if (rlm_cbor_tstr_eq(key, kn, names[i]))
					which = (int)i;
		} else if (k == 1) {
			/* mkey (0) comes first in the CoMID's canonical order */
			ret = corim_mval_(c, r, which, err, errcap);
			if (ret)
				return ret;
			if (which == 0)
				*rim = true;
		} else if (rlm_cbor_skip(c, NULL, NULL)) {
			CORIM_ERR_("measurement-map: malformed");
		}
	}
	return 0;
}

/* One CoMID: its reference triples, appended to s. */
static int corim_comid_(struct rlm_appraisal_store *s, const uint8_t *b, size_t len,
			size_t *added, char *err, size_t errcap)
{
	struct rlm_cbor c;
	uint64_t nm, k, nt, ntr, n, nmm;
	bool rim;
	int ret;

	rlm_cbor_init(&c, b, len);
	if (rlm_cbor_get_map(&c, &nm))
		CORIM_ERR_("concise-mid-tag: not a map");
	while (nm--) {
		if (corim_key_(&c, &k))
			CORIM_ERR_("concise-mid-tag: a key is not an integer");
		if (k != 4) {
			if (rlm_cbor_skip(&c, NULL, NULL))
				CORIM_ERR_("concise-mid-tag: malformed");
			continue;
		}
		if (rlm_cbor_get_map(&c, &nt))
			CORIM_ERR_("triples: not a map");
		while (nt--) {
			if (corim_key_(&c, &k))
				CORIM_ERR_("triples: a key is not an integer");
			if (k != 0) {
				if (rlm_cbor_skip(&c, NULL, NULL))
					CORIM_ERR_("triples: malformed");
				continue;
			}
			if (rlm_cbor_get_array(&c, &ntr))
				CORIM_ERR_("reference-triples: not an array");
			ret = grow_((void **)&s->r, s->nr + *added, ntr, sizeof(*s->r));
			if (ret)
				return ret;
			while (ntr--) {
				struct rrv_ *r = &s->r[s->nr + *added];

				memset(r, 0, sizeof(*r));
				rim = false;
				if (rlm_cbor_get_array(&c, &n) || n != 2 ||
				    rlm_cbor_skip(&c, NULL, NULL) ||    /* environment */
				    rlm_cbor_get_array(&c, &nmm))
					CORIM_ERR_("reference triple: not [environment, [measurements]]");
				while (nmm--) {
					ret = corim_mmap_(&c, r, &rim, err, errcap);
					if (ret)
						return ret;
				}
				if (!rim)
					CORIM_ERR_("a reference triple without \"cca.rim\"");
				++*added;
			}
		}
	}
	return 0;
}

static int corim_add_rv_(struct rlm_appraisal_store *s, const uint8_t *b, size_t len,
			 char *err, size_t errcap)
{
	struct rlm_cbor c;
	struct rlm_cbor_item it;
	const uint8_t *tb;
	size_t added = 0, tl;
	uint64_t tag, nm, k, ntags;
	int ret;

	if (rlm_cbor_decode(&c, b, len, NULL))
		CORIM_ERR_("not one well-formed CBOR item");
	if (rlm_cbor_peek(&c, &it))
		CORIM_ERR_("malformed");
	if (it.major == RLM_CBOR_MAP) {          /* a bare CoMID */
		ret = corim_comid_(s, b, len, &added, err, errcap);
		goto done;
	}
	if (rlm_cbor_get_tag(&c, &tag) || tag != 501)
		CORIM_ERR_("neither an unsigned CoRIM 501 nor a CoMID map");
	if (rlm_cbor_get_map(&c, &nm))
		CORIM_ERR_("corim-map: not a map");
	ret = 0;
	while (nm-- && !ret) {
		if (corim_key_(&c, &k))
			CORIM_ERR_("corim-map: a key is not an integer");
		if (k != 1) {
			if (rlm_cbor_skip(&c, NULL, NULL))
				CORIM_ERR_("corim-map: malformed");
			continue;
		}
		if (rlm_cbor_get_array(&c, &ntags))
			CORIM_ERR_("tags: not an array");
		while (ntags-- && !ret) {
			if (rlm_cbor_get_tag(&c, &tag))
				CORIM_ERR_("tags: an entry is not a tagged tag");
			if (tag != 506) {              /* CoSWID, CoTL: not ours */
				if (rlm_cbor_skip(&c, NULL, NULL))
					CORIM_ERR_("tags: malformed");
				continue;
			}
			if (rlm_cbor_get_bstr(&c, &tb, &tl))
				CORIM_ERR_("506: not a byte string");
			{
				struct rlm_cbor inner;

				if (rlm_cbor_decode(&inner, tb, tl, NULL))
					CORIM_ERR_("506: not one well-formed CoMID");
			}
			ret = corim_comid_(s, tb, tl, &added, err, errcap);
		}
	}
done:
	if (!ret && !added)
		CORIM_ERR_("no realm reference values (\"cca.rim\")");
	if (!ret)
		s->nr += added;
	return ret;
}

int rlm_appraisal_store_add_rv(struct rlm_appraisal_store *s,
			       const uint8_t *json, size_t len, char *err,
			       size_t errcap)
{
	const struct jv_ *plat = NULL, *realm = NULL;
	struct jv_ root, single;
	char rw[32];
	size_t i, np = 0, nr = 0;
	int ret;

	if (!s || !json)
		return RLM_EINVAL;
	/* CBOR (a tag or a map head) is a CoRIM or CoMID: JSON starts with
	 * whitespace, '{' or '['. */
	if (len && (json[0] >> 5 == RLM_CBOR_TAG || json[0] >> 5 == RLM_CBOR_MAP))
		return corim_add_rv_(s, json, len, err, errcap);
	ret = jparse_(json, len, &root, err, errcap);
	if (ret)
		return ret;
	memset(&single, 0, sizeof(single));
	if (root.t == J_OBJ_ && (jget_(&root, "rim") || jget_(&root, "initial-measurement"))) {
		/* one realm reference value (librealm's refvals / predict) */
		single.t = J_ARR_;
		single.kid = &root;
		single.nkid = 1;
		realm = &single;
	} else if (root.t == J_ARR_) {
		realm = &root;
	} else if (root.t == J_OBJ_) {
		plat = jget_(&root, "platform");
		realm = jget_(&root, "realm");
		if (!plat && !realm) {
			errf_(err, errcap, "rv-store: neither \"platform\" nor \"realm\" reference values");
			ret = RLM_EMALFORMED;
			goto out;
		}
		if ((plat && plat->t != J_ARR_) || (realm && realm->t != J_ARR_)) {
			errf_(err, errcap, "rv-store: \"%s\" is not an array",
			      plat && plat->t != J_ARR_ ? "platform" : "realm");
			ret = RLM_EMALFORMED;
			goto out;
		}
	} else {
		errf_(err, errcap, "rv-store: not an object");
		ret = RLM_EMALFORMED;
		goto out;
	}
	if (plat) {
		ret = grow_((void **)&s->p, s->np, plat->nkid, sizeof(*s->p));
		if (ret)
			goto out;
		for (i = 0; i < plat->nkid; i++, np++) {
			ret = prv_entry_(&plat->kid[i], i, &s->p[s->np + i], err, errcap);
			if (ret) {
				np++; /* free the partial entry too */
				goto undo;
			}
		}
	}
	if (realm) {
		ret = grow_((void **)&s->r, s->nr, realm->nkid, sizeof(*s->r));
		if (ret)
			goto undo;
		for (i = 0; i < realm->nkid; i++, nr++) {
			snprintf(rw, sizeof(rw), "realm[%zu]", i);
			ret = rrv_entry_(&realm->kid[i], rw, &s->r[s->nr + i], err, errcap);
			if (ret)
				goto undo;
		}
	}
	s->np += np;
	s->nr += nr;
	goto out;
undo:
	for (i = 0; i < np; i++)
		prv_free_(&s->p[s->np + i]);
out:
	if (single.kid != &root)
		jfree_(&single);
	jfree_(&root);
	return ret;
}

/* ---- Appraisal ----------------------------------------------------------------- */

static bool bytes_eq_(const struct rlm_bytes *b, const uint8_t *v, size_t n)
{
	return b->ptr && b->len == n && !memcmp(b->ptr, v, n);
}

static bool text_eq_(const struct rlm_bytes *b, const char *s)
{
	return b->ptr && b->len == strlen(s) && !memcmp(b->ptr, s, b->len);
}

static void tv_all_(struct rlm_trust_vector *tv, int8_t v)
{
	tv->instance_identity = tv->configuration = tv->executables = v;
	tv->file_system = tv->hardware = tv->runtime_opaque = v;
	tv->storage_opaque = tv->sourced_data = v;
}

/* The first claim of platform reference value p that differs, or NULL. */
static const char *platform_diff_(const struct rlm_token_platform *t,
				  const struct prv_ *p, char *buf, size_t cap)
{
	size_t i;

	if (!bytes_eq_(&t->config, p->config, p->config_len))
		return "platform.platform-configuration";
	for (i = 0; i < p->nsw && i < t->sw_count; i++) {
		const struct rlm_token_sw_component *c = &t->sw[i];
		const struct swc_ *r = &p->sw[i];
		const char *f = NULL;

		if (!bytes_eq_(&c->measurement, r->mval, r->mlen))
			f = "measurement-value";
		else if (!bytes_eq_(&c->signer_id, r->sid, r->slen))
			f = "signer-id";
		else if (r->type && !text_eq_(&c->type, r->type))
			f = "component-type";
		else if (r->version && !text_eq_(&c->version, r->version))
			f = "version";
		if (f) {
			snprintf(buf, cap, "platform.sw-components[%zu].%s", i, f);
			return buf;
		}
	}
	if (p->nsw != t->sw_count)
		return "platform.sw-components";
	return NULL;
}

/* Zero-padded equality (a 64-byte RPV given shorter, a nonce). */
static bool padded_eq_(const struct rlm_bytes *b, const uint8_t *v, size_t n)
{
	size_t m = b->len > n ? b->len : n, i;

	for (i = 0; i < m; i++)
		if ((i < b->len ? b->ptr[i] : 0) != (i < n ? v[i] : 0))
			return false;
	return true;
}

static const char *realm_diff_(const struct rlm_token_realm *t,
			       const struct rrv_ *r, char *buf, size_t cap)
{
	size_t i;

	if (r->hash[0] && !text_eq_(&t->hash_algo, r->hash))
		return "realm.hash-algo-id";
	if (r->have_rpv && !padded_eq_(&t->rpv, r->rpv, r->rpv_len))
		return "realm.personalization-value";
	if (r->rak_hash[0] && !text_eq_(&t->rak_hash_algo, r->rak_hash))
		return "realm.public-key-hash-algo-id";
	for (i = 0; i < 4; i++)
		if (r->rem_len[i] && !bytes_eq_(&t->rem[i], r->rem[i], r->rem_len[i])) {
			snprintf(buf, cap, "realm.extensible-measurements[%zu]", i);
			return buf;
		}
	return NULL;
}

static void first_(struct rlm_appraisal *a, const char *claim, const char *why)
{
	if (!a->first_claim[0] && claim)
		snprintf(a->first_claim, sizeof(a->first_claim), "%s", claim);
	if (!a->reason)
		a->reason = why;
}

static void appraise_platform_(const struct rlm_token *tok,
			       const struct rlm_appraisal_store *s,
			       struct rlm_appraisal *a)
{
	char buf[64];
	size_t i;
	bool known = false;

	if (!s->np) {
		a->group[RLM_APPRAISE_PLATFORM_REFVALS] = RLM_TOKEN_SKIPPED;
		return;
	}
	for (i = 0; i < s->np; i++) {
		const char *d;

		if (!bytes_eq_(&tok->platform.implementation_id, s->p[i].impl, 32))
			continue;
		d = platform_diff_(&tok->platform, &s->p[i], buf, sizeof(buf));
		if (!d) {
			a->platform.instance_identity = RLM_AR4SI_TRUSTWORTHY_INSTANCE;
			a->platform.hardware = RLM_AR4SI_GENUINE_HARDWARE;
			a->platform.executables = RLM_AR4SI_APPROVED_BOOT;
			a->platform.configuration = RLM_AR4SI_APPROVED_CONFIG;
			a->platform.runtime_opaque = RLM_AR4SI_ISOLATED_MEMORY_RUNTIME;
			a->group[RLM_APPRAISE_PLATFORM_REFVALS] = RLM_TOKEN_OK;
			return;
		}
		if (!known) {
			/* report against the first candidate */
			first_(a, d, "a platform claim differs from its reference value");
		}
		known = true;
	}
	a->platform.hardware = RLM_AR4SI_UNRECOGNIZED_HARDWARE;
	a->group[RLM_APPRAISE_PLATFORM_REFVALS] = RLM_TOKEN_BAD;
	if (!known)
		first_(a, "platform.implementation-id",
		       "no platform reference value for the implementation id");
}

static void appraise_realm_(const struct rlm_token *tok,
			    const struct rlm_appraisal_store *s,
			    struct rlm_appraisal *a)
{
	const struct rlm_token_realm *t = &tok->realm;
	char buf[64];
	size_t i;
	bool known = false;

	if (!s->nr) {
		a->group[RLM_APPRAISE_REALM_REFVALS] = RLM_TOKEN_SKIPPED;
		return;
	}
	for (i = 0; i < s->nr; i++) {
		const struct rrv_ *r = &s->r[i];
		const char *d;
		size_t k;
		bool rem = false;

		if (!bytes_eq_(&t->rim, r->rim, r->rim_len))
			continue;
		d = realm_diff_(t, r, buf, sizeof(buf));
		if (!d) {
			for (k = 0; k < 4; k++)
				rem = rem || r->rem_len[k];
			a->realm.executables = rem ? RLM_AR4SI_APPROVED_RUNTIME
						   : RLM_AR4SI_APPROVED_BOOT;
			a->group[RLM_APPRAISE_REALM_REFVALS] = RLM_TOKEN_OK;
			return;
		}
		if (!known)
			first_(a, d, "a realm claim differs from its reference value");
		known = true;
	}
	a->group[RLM_APPRAISE_REALM_REFVALS] = RLM_TOKEN_BAD;
	if (known) {
		a->realm.executables = RLM_AR4SI_CONTRAINDICATED_RUNTIME;
	} else {
		a->realm.executables = RLM_AR4SI_UNRECOGNIZED_RUNTIME;
		first_(a, "realm.initial-measurement",
		       "no realm reference value for the RIM");
	}
}

int rlm_token_appraise(const struct rlm_token *tok,
		       const struct rlm_appraisal_store *s,
		       const uint8_t *nonce, size_t nonce_len,
		       struct rlm_appraisal *a)
{
	const struct ta_ *ta = NULL;
	struct rlm_token_result res;
	size_t i;
	int ret;

	if (!tok || !s || !a || (!nonce && nonce_len) || nonce_len > 64)
		return RLM_EINVAL;
	memset(a, 0, sizeof(*a));
	for (i = 0; i < RLM_APPRAISE_GROUPS; i++)
		a->group[i] = RLM_TOKEN_SKIPPED;
	a->has_realm = !tok->platform_only;

	/* Verification (Evidence::verify). */
	for (i = 0; i < s->nta && !ta; i++)
		if (bytes_eq_(&tok->platform.instance_id, s->ta[i].inst, 33))
			ta = &s->ta[i];
	if (!ta) {
		a->platform.instance_identity = RLM_AR4SI_UNRECOGNIZED_INSTANCE;
		a->group[RLM_APPRAISE_PLATFORM_SIGNATURE] = RLM_TOKEN_BAD;
		first_(a, "platform.instance-id",
		       "no trust anchor for the platform's instance id");
		ret = RLM_EVERIFY;
		goto status;
	}
	ret = rlm_token_verify(tok, ta->key, &res);
	if (ret && ret != RLM_EVERIFY)
		return ret;
	a->group[RLM_APPRAISE_PLATFORM_SIGNATURE] = res.platform_signature;
	if (res.platform_signature != RLM_TOKEN_OK) {
		tv_all_(&a->platform, RLM_AR4SI_CRYPTO_FAILED);
		first_(a, NULL, res.reason);
		ret = RLM_EVERIFY;
		goto status;
	}
	a->platform.instance_identity = RLM_AR4SI_TRUSTWORTHY_INSTANCE;
	if (a->has_realm) {
		a->group[RLM_APPRAISE_REALM_SIGNATURE] = res.realm_signature;
		a->group[RLM_APPRAISE_BINDING] = res.binding;
		if (res.verdict != RLM_TOKEN_OK) {
			tv_all_(&a->realm, RLM_AR4SI_CRYPTO_FAILED);
			first_(a, NULL, res.reason);
			ret = RLM_EVERIFY;
			goto status;
		}
		a->realm.instance_identity = RLM_AR4SI_TRUSTWORTHY_INSTANCE;
	}

	/* Freshness (Trustee compares the realm challenge with its report
	 * data, zero-padded to 64 bytes). */
	if (nonce) {
		const struct rlm_bytes *ch = a->has_realm ? &tok->realm.challenge
							  : &tok->platform.challenge;
		bool ok = padded_eq_(ch, nonce, nonce_len);

		a->group[RLM_APPRAISE_NONCE] = ok ? RLM_TOKEN_OK : RLM_TOKEN_BAD;
		if (!ok)
			first_(a, a->has_realm ? "realm.challenge" : "platform.challenge",
			       "the challenge is not the expected nonce");
	}

	/* Appraisal (Evidence::appraise). */
	appraise_platform_(tok, s, a);
	if (a->has_realm) {
		if (a->group[RLM_APPRAISE_PLATFORM_REFVALS] == RLM_TOKEN_BAD) {
			/* platform not recognised: nothing can be said of the realm */
			tv_all_(&a->realm, RLM_AR4SI_NO_CLAIM);
		} else {
			appraise_realm_(tok, s, a);
		}
	}
	ret = 0;
	for (i = 0; i < RLM_APPRAISE_GROUPS; i++)
		if (a->group[i] == RLM_TOKEN_BAD)
			ret = RLM_EMISMATCH;
status:
	a->platform_status = rlm_trust_vector_status(&a->platform);
	a->realm_status = rlm_trust_vector_status(&a->realm);
	return ret;
}

#else /* !RLM_HAVE_OPENSSL */

int rlm_appraisal_store_new(struct rlm_appraisal_store **out)
{
	if (out)
		*out = NULL;
	return RLM_ENOTSUP;
}

void rlm_appraisal_store_free(struct rlm_appraisal_store *s)
{
	(void)s; /* none can exist */
}

int rlm_appraisal_store_add_ta(struct rlm_appraisal_store *s,
			       const uint8_t *json, size_t len, char *err,
			       size_t errcap)
{
	(void)s; (void)json; (void)len;
	if (err && errcap)
		err[0] = 0;
	return RLM_ENOTSUP;
}

int rlm_appraisal_store_add_rv(struct rlm_appraisal_store *s,
			       const uint8_t *json, size_t len, char *err,
			       size_t errcap)
{
	(void)s; (void)json; (void)len;
	if (err && errcap)
		err[0] = 0;
	return RLM_ENOTSUP;
}

int rlm_token_appraise(const struct rlm_token *tok,
		       const struct rlm_appraisal_store *s,
		       const uint8_t *nonce, size_t nonce_len,
		       struct rlm_appraisal *a)
{
	(void)tok; (void)s; (void)nonce; (void)nonce_len; (void)a;
	return RLM_ENOTSUP;
}

#endif /* RLM_HAVE_OPENSSL */
