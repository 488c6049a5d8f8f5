/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Arm CCA attestation tokens (RMM 1.0 spec section A7.2; claim keys and
 * validation rules checked against veraison/ccatoken evidence.go,
 * realm/common.go, realm/claims.go, platform/claims.go and
 * veraison/psatoken claims_common.go, swcomponent.go).
 *
 *  collection  tag 907 {44234: [263, bstr platform], 44241: [263, bstr realm]}
 *              or legacy tag 399 {44234: bstr platform, 44241: bstr realm}
 *  each token  COSE_Sign1, tag 18: [bstr protected {1: alg}, {unprotected},
 *              bstr payload (claims map), bstr signature r||s]
 *
 * Decoding, the claim checks, the binding and the reference-value check
 * are portable core (no allocation: every field points into the caller's
 * buffer, which must outlive the struct).  Signatures and key loading
 * (OpenSSL) are userspace only.  The mock RMM's token builder is part of
 * the mock (realm/mock.h, the test tier).
 */
#ifndef RLM_TOKEN_H
#define RLM_TOKEN_H

#include <realm/env.h>
#include <realm/hash.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Collection forms and keys. */
#define RLM_TOKEN_TAG_CMW_COLLECTION 907
#define RLM_TOKEN_TAG_LEGACY_COLLECTION 399
#define RLM_TOKEN_KEY_PLATFORM 44234
#define RLM_TOKEN_KEY_REALM 44241
#define RLM_TOKEN_CMW_CONTENT_TYPE 263 /* CMW record type veraison writes and we require */
#define RLM_COSE_TAG_SIGN1 18
#define RLM_COSE_ALG_ES256 (-7)
#define RLM_COSE_ALG_ES384 (-35)

/* Claim keys. */
#define RLM_CLAIM_PROFILE 265
#define RLM_CLAIM_CHALLENGE 10
#define RLM_CLAIM_REALM_RPV 44235
#define RLM_CLAIM_REALM_HASH_ALGO 44236
#define RLM_CLAIM_REALM_RAK 44237
#define RLM_CLAIM_REALM_RIM 44238
#define RLM_CLAIM_REALM_REM 44239
#define RLM_CLAIM_REALM_RAK_HASH_ALGO 44240
#define RLM_CLAIM_PLAT_IMPLEMENTATION_ID 2396
#define RLM_CLAIM_PLAT_INSTANCE_ID 256
#define RLM_CLAIM_PLAT_CONFIG 2401
#define RLM_CLAIM_PLAT_LIFECYCLE 2395
#define RLM_CLAIM_PLAT_SW_COMPONENTS 2399
#define RLM_CLAIM_PLAT_VERIFICATION_SERVICE 2400
#define RLM_CLAIM_PLAT_HASH_ALGO 2402

#define RLM_TOKEN_REALM_PROFILE "tag:arm.com,2023:realm#1.0.0"
#define RLM_TOKEN_PLATFORM_PROFILE "tag:arm.com,2023:cca_platform#1.0.0"
#define RLM_TOKEN_PLATFORM_PROFILE_LEGACY "http://arm.com/CCA-SSD/1.0.0"

#define RLM_TOKEN_MAX_SW_COMPONENTS 32
#define RLM_TOKEN_RAK_POINT_SIZE 97 /* 0x04 || X(48) || Y(48), P-384 */

/* A byte range inside the token buffer; ptr NULL = absent. */
struct rlm_bytes {
	const uint8_t *ptr;
	size_t len;
};

struct rlm_cose_sign1 {
	struct rlm_bytes raw;       /* the whole tagged COSE_Sign1 */
	struct rlm_bytes protected_hdr; /* content of the protected bstr */
	struct rlm_bytes payload;   /* content of the payload bstr */
	struct rlm_bytes signature; /* r || s */
	int64_t alg;                /* from the protected header */
};

struct rlm_token_sw_component {
	struct rlm_bytes type;        /* 1, tstr, optional */
	struct rlm_bytes measurement; /* 2, bstr 32/48/64 */
	struct rlm_bytes version;     /* 4, tstr, optional */
	struct rlm_bytes signer_id;   /* 5, bstr 32/48/64 */
	struct rlm_bytes hash_algo;   /* 6, tstr, optional */
};

struct rlm_token_platform {
	struct rlm_bytes profile;
	bool legacy_profile;          /* "http://arm.com/CCA-SSD/1.0.0" */
	struct rlm_bytes challenge;   /* 32, 48 or 64 bytes */
	struct rlm_bytes implementation_id; /* 32 */
	struct rlm_bytes instance_id; /* 33, first byte 0x01 */
	struct rlm_bytes config;
	uint16_t lifecycle;
	struct rlm_bytes verification_service; /* optional */
	struct rlm_bytes hash_algo;
	size_t sw_count;
	struct rlm_token_sw_component sw[RLM_TOKEN_MAX_SW_COMPONENTS];
};

struct rlm_token_realm {
	struct rlm_bytes profile;     /* optional */
	struct rlm_bytes challenge;   /* 64 */
	struct rlm_bytes rpv;         /* 64 */
	struct rlm_bytes hash_algo;   /* e.g. "sha-256" */
	struct rlm_bytes rak;         /* exact bytes of claim 44237 (bstr content) */
	bool rak_is_cose_key;         /* COSE_Key (profile present) or raw point */
	uint8_t rak_point[RLM_TOKEN_RAK_POINT_SIZE];
	struct rlm_bytes rim;         /* 32, 48 or 64 */
	struct rlm_bytes rem[4];
	struct rlm_bytes rak_hash_algo;
};

struct rlm_token {
	uint64_t collection_tag;      /* 907 or 399 */
	struct rlm_cose_sign1 platform_token;
	struct rlm_cose_sign1 realm_token;
	struct rlm_token_platform platform;
	struct rlm_token_realm realm;
	/* Where decoding failed: which token ("collection", "platform",
	 * "realm"), which claim key (0 = none) and why. */
	const char *err_where;
	int64_t err_claim;
	const char *err_what;
};

/*
 * Decode a collection: strict CBOR, both COSE_Sign1, every claim, the
 * mandatory-claim and claim-syntax rules.  0, or RLM_EMALFORMED /
 * RLM_ETRUNC / RLM_E2BIG with tok->err_* saying where.
 */
int rlm_token_decode(const uint8_t *buf, size_t len, struct rlm_token *tok);

/* Decode one COSE_Sign1 (tag 18 required) that fills exactly (buf, len). */
int rlm_cose_sign1_decode(const uint8_t *buf, size_t len,
			  struct rlm_cose_sign1 *out);

/* Bare claim sets (the payloads): used by rlm_token_decode, exposed for
 * tools and tests.  err_* as for rlm_token_decode (tok may be a scratch
 * struct). */
int rlm_token_decode_realm_claims(const uint8_t *buf, size_t len,
				  struct rlm_token *tok);
int rlm_token_decode_platform_claims(const uint8_t *buf, size_t len,
				     struct rlm_token *tok);

/*
 * COSE Sig_structure ["Signature1", protected, h'' (external AAD),
 * payload] of a Sign1 into out.  0 and *len, or RLM_ENOSPC with *len the
 * size needed.
 */
int rlm_cose_sig_structure(const struct rlm_cose_sign1 *s, uint8_t *out,
			   size_t cap, size_t *len);

/* "sha-256" / "sha-384" / "sha-512" → algo; RLM_ENOTSUP for other names. */
int rlm_token_hash_algo(const struct rlm_bytes *name, enum rlm_hash_algo *algo);

/*
 * The binding: platform challenge == H_44240(claim 44237 bytes).
 * 0, RLM_EVERIFY if it differs, RLM_ENOTSUP for an unknown hash name.
 */
int rlm_token_check_binding(const struct rlm_token *tok);

/* Expected values; a NULL / zero-length field is not checked. */
struct rlm_token_refvals {
	const uint8_t *challenge; size_t challenge_len;
	const uint8_t *rpv; size_t rpv_len;
	const uint8_t *rim; size_t rim_len;
	const uint8_t *rem[4]; size_t rem_len[4];
	const char *hash_algo;      /* "sha-256"... */
};

/*
 * Compare the realm claims with reference values.  0 when all match;
 * RLM_EMISMATCH with *claim = the first claim that differs ("challenge",
 * "rpv", "rim", "rem0".."rem3", "hash_algo").  A value shorter than the
 * claim is compared as zero-padded (the RMM's 64-byte convention).
 */
int rlm_token_check_refvals(const struct rlm_token *tok,
			    const struct rlm_token_refvals *ref,
			    const char **claim);

/* ---- Userspace: verification with OpenSSL ------------------------------- */

struct rlm_token_key; /* an EC public key (P-256 or P-384) */

/*
 * Load a platform key: PEM (public key or EC private key), a JWK object
 * {"kty":"EC","crv":"P-256|P-384","x","y"}, or a trust-anchor list
 * [{"instance-id": hex, "pkey": JWK}...] from which the entry whose
 * instance-id equals inst_id is taken (inst_id NULL: the first).
 * RLM_EMALFORMED (syntax), RLM_ENOENT (no anchor for inst_id),
 * RLM_EVERIFY (not a valid point on its curve), RLM_ENOTSUP (curve).
 */
int rlm_token_key_load(const uint8_t *buf, size_t len, const uint8_t *inst_id,
		       size_t inst_len, struct rlm_token_key **key);
/* From an uncompressed point (65 bytes P-256, 97 bytes P-384). */
int rlm_token_key_from_point(const uint8_t *pt, size_t len,
			     struct rlm_token_key **key);
void rlm_token_key_free(struct rlm_token_key *key);
/* The key as PEM text (SubjectPublicKeyInfo, NUL-terminated): 0 and *len
 * (with the NUL), or RLM_ENOSPC with *len = the size needed. */
int rlm_token_key_pem(const struct rlm_token_key *key, char *out, size_t cap,
		      size_t *len);

/* Verify one COSE_Sign1 with key: 0, RLM_EVERIFY (bad signature, wrong
 * length, algorithm not matching the key's curve). */
int rlm_cose_sign1_verify(const struct rlm_cose_sign1 *s,
			  const struct rlm_token_key *key);

enum rlm_token_status {
	RLM_TOKEN_OK = 0,
	RLM_TOKEN_BAD = 1,
	RLM_TOKEN_SKIPPED = 2,
};

struct rlm_token_result {
	enum rlm_token_status platform_signature;
	enum rlm_token_status realm_signature;
	enum rlm_token_status binding;
	enum rlm_token_status verdict; /* OK only if all three are OK */
	const char *reason;            /* first failure, or NULL */
};

/*
 * Verify a decoded token in veraison ccatoken's order: platform signature
 * (skipped if platform_key is NULL), realm signature with the RAK it
 * carries, binding.  0 when fully verified; RLM_EVERIFY otherwise, with
 * res saying which part failed.
 */
int rlm_token_verify(const struct rlm_token *tok,
		     const struct rlm_token_key *platform_key,
		     struct rlm_token_result *res);

#ifdef __cplusplus
}
#endif

#endif /* RLM_TOKEN_H */
