/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Attestation tokens for the mock RMM, portable core: the claim encoding
 * and the tag-907 CMW collection every provider shares
 * (rlm_mock_token_build; draft-ffm-rats-cca-token, the profile veraison's
 * testGoodCCAToken uses: realm claims with the 2023 realm profile and the
 * RAK as a COSE_Key, a platform token whose challenge is SHA-256 of the
 * exact RAK claim bytes), and the portable provider that signs with the
 * core's own ECDSA (realm/ecdsa.h) so the kernel module can attest.
 *
 * The collection is written straight into the caller's buffer: its sizes
 * are measured first (the encoder counts without a buffer), then each
 * COSE_Sign1 is laid down with its payload in place, the Sig_structure
 * ["Signature1", protected, h'', payload] is hashed as a stream (its
 * header, then the payload bytes already in the buffer), and the
 * signature is written after the payload.
 */
#include <realm/cbor.h>
#include <realm/ecdsa.h>
#include <realm/error.h>
#include <realm/mock.h>
#include <realm/token.h>

static const char *hash_text_(enum rlm_hash_algo a)
{
	switch (a) {
	case RLM_HASH_SHA256: return "sha-256";
	case RLM_HASH_SHA384: return "sha-384";
	case RLM_HASH_SHA512: return "sha-512";
	}
	return NULL;
}

/* The RAK as a COSE_Key {kty: EC2, crv: P-384, x, y}. */
static int cose_key_(const uint8_t *point, uint8_t *out, size_t cap, size_t *len)
{
	struct rlm_cbor_enc e;

	rlm_cbor_enc_init(&e, out, cap);
	rlm_cbor_put_map(&e, 4);
	rlm_cbor_put_int(&e, 1);
	rlm_cbor_put_int(&e, 2);
	rlm_cbor_put_int(&e, -1);
	rlm_cbor_put_int(&e, 2);
	rlm_cbor_put_int(&e, -2);
	rlm_cbor_put_bstr(&e, point + 1, 48);
	rlm_cbor_put_int(&e, -3);
	rlm_cbor_put_bstr(&e, point + 49, 48);
	return rlm_cbor_enc_finish(&e, len);
}

static void realm_claims_(struct rlm_cbor_enc *e, const struct rlm_mock_claims *cl,
			  const uint8_t *cose_key, size_t klen)
{
	size_t hs = rlm_hash_size(cl->hash_algo), i;

	rlm_cbor_put_map(e, 8);
	rlm_cbor_put_uint(e, RLM_CLAIM_PROFILE);
	rlm_cbor_put_tstr(e, RLM_TOKEN_REALM_PROFILE);
	rlm_cbor_put_uint(e, RLM_CLAIM_CHALLENGE);
	rlm_cbor_put_bstr(e, cl->challenge, 64);
	rlm_cbor_put_uint(e, RLM_CLAIM_REALM_RPV);
	rlm_cbor_put_bstr(e, cl->rpv, 64);
	rlm_cbor_put_uint(e, RLM_CLAIM_REALM_HASH_ALGO);
	rlm_cbor_put_tstr(e, hash_text_(cl->hash_algo));
	rlm_cbor_put_uint(e, RLM_CLAIM_REALM_RAK);
	rlm_cbor_put_bstr(e, cose_key, klen);
	rlm_cbor_put_uint(e, RLM_CLAIM_REALM_RIM);
	rlm_cbor_put_bstr(e, cl->rim, hs);
	rlm_cbor_put_uint(e, RLM_CLAIM_REALM_REM);
	rlm_cbor_put_array(e, 4);
	for (i = 0; i < 4; i++)
		rlm_cbor_put_bstr(e, cl->rem[i], hs);
	rlm_cbor_put_uint(e, RLM_CLAIM_REALM_RAK_HASH_ALGO);
	rlm_cbor_put_tstr(e, "sha-256");
}

static void platform_claims_(struct rlm_cbor_enc *e, const struct rlm_mock_token_keys *k,
			     const uint8_t *binder)
{
	uint8_t sw_meas[32], signer[32];
	size_t i;

	for (i = 0; i < 32; i++) {
		sw_meas[i] = (uint8_t)(0x11 * (i % 16));
		signer[i] = (uint8_t)(0xc0 + i);
	}
	rlm_cbor_put_map(e, 9);
	rlm_cbor_put_uint(e, RLM_CLAIM_PROFILE);
	rlm_cbor_put_tstr(e, RLM_TOKEN_PLATFORM_PROFILE);
	rlm_cbor_put_uint(e, RLM_CLAIM_CHALLENGE);
	rlm_cbor_put_bstr(e, binder, RLM_SHA256_SIZE);
	rlm_cbor_put_uint(e, RLM_CLAIM_PLAT_IMPLEMENTATION_ID);
	rlm_cbor_put_bstr(e, k->implementation_id, 32);
	rlm_cbor_put_uint(e, RLM_CLAIM_PLAT_INSTANCE_ID);
	rlm_cbor_put_bstr(e, k->instance_id, 33);
	rlm_cbor_put_uint(e, RLM_CLAIM_PLAT_CONFIG);
	rlm_cbor_put_bstr(e, "\xcf\xcf\xcf\xcf", 4);
	rlm_cbor_put_uint(e, RLM_CLAIM_PLAT_LIFECYCLE);
	rlm_cbor_put_uint(e, 0x3000); /* secured */
	rlm_cbor_put_uint(e, RLM_CLAIM_PLAT_SW_COMPONENTS);
	rlm_cbor_put_array(e, 1);
	rlm_cbor_put_map(e, 4);
	rlm_cbor_put_uint(e, 1);
	rlm_cbor_put_tstr(e, "RMM");
	rlm_cbor_put_uint(e, 2);
	rlm_cbor_put_bstr(e, sw_meas, 32);
	rlm_cbor_put_uint(e, 5);
	rlm_cbor_put_bstr(e, signer, 32);
	rlm_cbor_put_uint(e, 6);
	rlm_cbor_put_tstr(e, "sha-256");
	rlm_cbor_put_uint(e, RLM_CLAIM_PLAT_VERIFICATION_SERVICE);
	rlm_cbor_put_tstr(e, "https://librealm.invalid/mock-verifier");
	rlm_cbor_put_uint(e, RLM_CLAIM_PLAT_HASH_ALGO);
	rlm_cbor_put_tstr(e, "sha-256");
}

/* Which claims a Sign1 carries. */
struct payload_ {
	bool platform;
	const struct rlm_mock_token_keys *k;
	const struct rlm_mock_claims *cl;
	const uint8_t *cose_key;
	size_t klen;
	const uint8_t *binder;
};

static void put_payload_(struct rlm_cbor_enc *e, const struct payload_ *p)
{
	if (p->platform)
		platform_claims_(e, p->k, p->binder);
	else
		realm_claims_(e, p->cl, p->cose_key, p->klen);
}

static size_t payload_size_(const struct payload_ *p)
{
	struct rlm_cbor_enc e;
	size_t n = 0;

	rlm_cbor_enc_init(&e, NULL, 0);
	put_payload_(&e, p);
	(void)rlm_cbor_enc_finish(&e, &n);
	return n;
}

/* Protected header {1: alg}. */
static void protected_(int bits, uint8_t *prot, size_t *plen)
{
	struct rlm_cbor_enc pe;

	rlm_cbor_enc_init(&pe, prot, 8);
	rlm_cbor_put_map(&pe, 1);
	rlm_cbor_put_int(&pe, 1);
	rlm_cbor_put_int(&pe, bits == 256 ? RLM_COSE_ALG_ES256 : RLM_COSE_ALG_ES384);
	(void)rlm_cbor_enc_finish(&pe, plen);
}

/* Encoded size of the COSE_Sign1 with a payload of plen bytes. */
static size_t sign1_size_(int bits, size_t plen)
{
	uint8_t prot[8];
	size_t protlen, sig = bits == 256 ? 64 : 96;

	protected_(bits, prot, &protlen);
	return rlm_cbor_head_size(RLM_COSE_TAG_SIGN1) + 1 +
	       rlm_cbor_head_size(protlen) + protlen + 1 +
	       rlm_cbor_head_size(plen) + plen + rlm_cbor_head_size(sig) + sig;
}

/* Append the COSE_Sign1 of p, signed, to e (a measuring encoder, or one
 * that has run out of room, gets a zero signature of the right size). */
static int put_sign1_(struct rlm_cbor_enc *e, int bits, const struct payload_ *p,
		      size_t plen)
{
	enum rlm_hash_algo algo = bits == 256 ? RLM_HASH_SHA256 : RLM_HASH_SHA384;
	struct rlm_cbor_enc se;
	struct rlm_hash_ctx h;
	uint8_t prot[8], hdr[32], dg[RLM_HASH_MAX_SIZE], rs[96];
	size_t protlen, hlen, start, sig = bits == 256 ? 64 : 96;
	int err;

	protected_(bits, prot, &protlen);
	rlm_cbor_put_tag(e, RLM_COSE_TAG_SIGN1);
	rlm_cbor_put_array(e, 4);
	rlm_cbor_put_bstr(e, prot, protlen);
	rlm_cbor_put_map(e, 0);
	rlm_cbor_put_head(e, RLM_CBOR_BSTR, plen);
	start = e->len;
	put_payload_(e, p);
	if (e->len - start != plen)
		return RLM_EINVAL;
	rlm_memset(rs, 0, sizeof(rs));
	if (!e->err && e->buf) {
		/* Sig_structure = [ "Signature1", protected, h'', payload ] */
		rlm_cbor_enc_init(&se, hdr, sizeof(hdr));
		rlm_cbor_put_array(&se, 4);
		rlm_cbor_put_tstr(&se, "Signature1");
		rlm_cbor_put_bstr(&se, prot, protlen);
		rlm_cbor_put_bstr(&se, NULL, 0);
		rlm_cbor_put_head(&se, RLM_CBOR_BSTR, plen);
		err = rlm_cbor_enc_finish(&se, &hlen);
		if (!err)
			err = rlm_hash_init_with(&h, algo, &rlm_hash_builtin);
		if (!err)
			err = rlm_hash_update(&h, hdr, hlen);
		if (!err)
			err = rlm_hash_update(&h, e->buf + start, plen);
		if (!err)
			err = rlm_hash_final(&h, dg);
		if (!err)
			err = p->k->sign(p->k->ctx, p->platform, dg, rlm_hash_size(algo),
					 rs, sig);
		if (err)
			return err;
	}
	rlm_cbor_put_bstr(e, rs, sig);
	return 0;
}

int rlm_mock_token_build(const struct rlm_mock_token_keys *k,
			 const struct rlm_mock_claims *cl,
			 uint8_t *out, size_t cap, size_t *len)
{
	struct rlm_cbor_enc e;
	struct payload_ pp, rp;
	uint8_t cose_key[128], binder[RLM_HASH_MAX_SIZE];
	size_t klen, ppl, rpl;
	int err;

	if (!k || !cl || !len || !k->sign || !k->rak_point || !k->instance_id ||
	    !k->implementation_id || (k->platform_bits != 256 && k->platform_bits != 384))
		return RLM_EINVAL;
	if (!rlm_hash_size(cl->hash_algo) || !hash_text_(cl->hash_algo))
		return RLM_EINVAL;
	err = cose_key_(k->rak_point, cose_key, sizeof(cose_key), &klen);
	if (!err)
		err = rlm_hash_digest_with(&rlm_hash_builtin, RLM_HASH_SHA256, cose_key,
					   klen, binder);
	if (err)
		return err;
	pp = (struct payload_){ .platform = true, .k = k, .cl = cl,
				.cose_key = cose_key, .klen = klen, .binder = binder };
	rp = pp;
	rp.platform = false;
	ppl = payload_size_(&pp);
	rpl = payload_size_(&rp);

	/* 907({44234: [263, bstr platform], 44241: [263, bstr realm]}) */
	rlm_cbor_enc_init(&e, out, out ? cap : 0);
	rlm_cbor_put_tag(&e, RLM_TOKEN_TAG_CMW_COLLECTION);
	rlm_cbor_put_map(&e, 2);
	rlm_cbor_put_uint(&e, RLM_TOKEN_KEY_PLATFORM);
	rlm_cbor_put_array(&e, 2);
	rlm_cbor_put_uint(&e, RLM_TOKEN_CMW_CONTENT_TYPE);
	rlm_cbor_put_head(&e, RLM_CBOR_BSTR, sign1_size_(k->platform_bits, ppl));
	err = put_sign1_(&e, k->platform_bits, &pp, ppl);
	if (err)
		return err;
	rlm_cbor_put_uint(&e, RLM_TOKEN_KEY_REALM);
	rlm_cbor_put_array(&e, 2);
	rlm_cbor_put_uint(&e, RLM_TOKEN_CMW_CONTENT_TYPE);
	rlm_cbor_put_head(&e, RLM_CBOR_BSTR, sign1_size_(384, rpl));
	err = put_sign1_(&e, 384, &rp, rpl);
	if (err)
		return err;
	return rlm_cbor_enc_finish(&e, len);
}

/* ---- The portable provider ------------------------------------------------ */

/* A fixed default seed: any constant will do for a mock. */
static const uint8_t default_seed_[] = "librealm mock RMM attestation seed";

/* label || seed [|| rd, 8 bytes big-endian] → a private key. */
static int derive_(const struct rlm_mock_attest_portable *a, const char *label,
		   size_t label_len, bool with_rd, uint64_t rd,
		   enum rlm_ecdsa_curve curve, uint8_t *priv)
{
	uint8_t buf[16 + RLM_MOCK_ATTEST_SEED_MAX + 8];
	size_t n = 0;
	int i, err;

	rlm_memcpy(buf, label, label_len);
	n += label_len;
	rlm_memcpy(buf + n, a->seed, a->seed_len);
	n += a->seed_len;
	if (with_rd)
		for (i = 7; i >= 0; i--)
			buf[n++] = (uint8_t)(rd >> (8 * i));
	err = rlm_ecdsa_key_from_seed(curve, buf, n, priv, 48);
	rlm_memzero_explicit(buf, sizeof(buf));
	return err;
}

struct portable_sign_ {
	const struct rlm_mock_attest_portable *a;
	const uint8_t *rak_priv;
};

static int portable_sign_(void *ctx, bool platform, const uint8_t *digest,
			  size_t digest_len, uint8_t *rs, size_t rs_len)
{
	const struct portable_sign_ *s = ctx;
	size_t len = 0;

	if (platform)
		return rlm_ecdsa_sign(s->a->platform_bits == 256 ? RLM_ECDSA_P256 : RLM_ECDSA_P384,
				      s->a->platform_priv,
				      s->a->platform_bits == 256 ? 32 : 48,
				      digest, digest_len, rs, rs_len, &len);
	return rlm_ecdsa_sign(RLM_ECDSA_P384, s->rak_priv, 48, digest, digest_len,
			      rs, rs_len, &len);
}

int rlm_mock_attest_portable_token(const struct rlm_mock_attest_portable *a,
				   const struct rlm_mock_claims *claims,
				   uint8_t *out, size_t cap, size_t *len)
{
	struct rlm_mock_token_keys k;
	struct portable_sign_ s;
	uint8_t rak[48], point[97];
	size_t plen;
	int err;

	if (!a || !claims || !len || !a->platform_point_len)
		return RLM_EINVAL;
	err = derive_(a, "rak", 3, true, claims->rd, RLM_ECDSA_P384, rak);
	if (!err)
		err = rlm_ecdsa_public(RLM_ECDSA_P384, rak, 48, point, sizeof(point), &plen);
	if (!err) {
		s.a = a;
		s.rak_priv = rak;
		rlm_memset(&k, 0, sizeof(k));
		k.platform_bits = a->platform_bits;
		k.rak_point = point;
		k.instance_id = a->instance_id;
		k.implementation_id = a->implementation_id;
		k.sign = portable_sign_;
		k.ctx = &s;
		err = rlm_mock_token_build(&k, claims, out, cap, len);
	}
	rlm_memzero_explicit(rak, sizeof(rak));
	return err;
}

static int provider_token_(void *ctx, const struct rlm_mock_claims *claims,
			   uint8_t *out, size_t cap, size_t *len)
{
	return rlm_mock_attest_portable_token(ctx, claims, out, cap, len);
}

int rlm_mock_attest_portable_init(struct rlm_mock_attest_portable *a,
				  const struct rlm_mock_attest_portable_config *cfg,
				  struct rlm_mock_attest *prov)
{
	int bits = cfg && cfg->platform_curve ? cfg->platform_curve : 384;
	enum rlm_ecdsa_curve curve = bits == 256 ? RLM_ECDSA_P256 : RLM_ECDSA_P384;
	uint8_t h[RLM_HASH_MAX_SIZE];
	size_t i;
	int err;

	if (!a)
		return RLM_EINVAL;
	if (bits != 256 && bits != 384)
		return RLM_ENOTSUP;
	if (cfg && ((!cfg->seed && cfg->seed_len) ||
		    cfg->seed_len > RLM_MOCK_ATTEST_SEED_MAX))
		return RLM_EINVAL;
	rlm_memset(a, 0, sizeof(*a));
	a->platform_bits = bits;
	if (cfg && cfg->seed) {
		rlm_memcpy(a->seed, cfg->seed, cfg->seed_len);
		a->seed_len = cfg->seed_len;
	} else {
		a->seed_len = sizeof(default_seed_) - 1;
		rlm_memcpy(a->seed, default_seed_, a->seed_len);
	}
	err = derive_(a, "platform", 8, false, 0, curve, a->platform_priv);
	if (!err)
		err = rlm_ecdsa_public(curve, a->platform_priv, bits / 8, a->platform_point,
				       sizeof(a->platform_point), &a->platform_point_len);
	if (!err && !(cfg && cfg->instance_id))
		err = rlm_hash_digest_with(&rlm_hash_builtin, RLM_HASH_SHA256,
					   a->platform_point, a->platform_point_len, h);
	if (err) {
		rlm_memzero_explicit(a, sizeof(*a));
		return err;
	}
	if (cfg && cfg->instance_id) {
		rlm_memcpy(a->instance_id, cfg->instance_id, 33);
	} else {
		a->instance_id[0] = 0x01; /* RAND UEID, like a real CCA platform */
		rlm_memcpy(a->instance_id + 1, h, 32);
	}
	if (cfg && cfg->implementation_id)
		rlm_memcpy(a->implementation_id, cfg->implementation_id, 32);
	else
		for (i = 0; i < 32; i++)
			a->implementation_id[i] = (uint8_t)(0x50 + i);
	if (prov) {
		prov->token = provider_token_;
		prov->ctx = a;
	}
	return 0;
}

int rlm_mock_attest_portable_platform_point(const struct rlm_mock_attest_portable *a,
					    uint8_t *out, size_t cap, size_t *len)
{
	if (!a || !len || !a->platform_point_len)
		return RLM_EINVAL;
	*len = a->platform_point_len;
	if (!out || cap < *len)
		return RLM_ENOSPC;
	rlm_memcpy(out, a->platform_point, *len);
	return 0;
}

int rlm_mock_attest_portable_rak_point(const struct rlm_mock_attest_portable *a,
				       uint64_t rd, uint8_t *out, size_t cap,
				       size_t *len)
{
	uint8_t rak[48];
	int err;

	if (!a || !len || !a->platform_point_len)
		return RLM_EINVAL;
	err = derive_(a, "rak", 3, true, rd, RLM_ECDSA_P384, rak);
	if (!err)
		err = rlm_ecdsa_public(RLM_ECDSA_P384, rak, 48, out, cap, len);
	rlm_memzero_explicit(rak, sizeof(rak));
	return err;
}
