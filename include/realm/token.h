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
#define RLM_CLAIM_REALM_MEC_POLICY 44243   /* 2.0 profile: integer 0/1 */
#define RLM_CLAIM_REALM_INSTANCE_ID 256    /* 2.0 profile: UEID, 33 bytes */
#define RLM_CLAIM_PLAT_IMPLEMENTATION_ID 2396
#define RLM_CLAIM_PLAT_INSTANCE_ID 256
#define RLM_CLAIM_PLAT_CONFIG 2401
#define RLM_CLAIM_PLAT_LIFECYCLE 2395
#define RLM_CLAIM_PLAT_SW_COMPONENTS 2399
#define RLM_CLAIM_PLAT_VERIFICATION_SERVICE 2400
#define RLM_CLAIM_PLAT_HASH_ALGO 2402

#define RLM_TOKEN_REALM_PROFILE "tag:arm.com,2023:realm#1.0.0"
/* RMM 2.0 tokens (TF-RMM main app/attestation/el0_app/src/
 * attestation_defs_priv.h and attestation_token.c; TF-M tools
 * iat-verifier cca_example_token.yaml). */
#define RLM_TOKEN_REALM_PROFILE_2_0 "tag:arm.com,2024:realm#2.0.0"
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
	/* Which realm profile: 0 none (RMM 1.0 form, raw RAK), 1 the 2023
	 * 1.0.0 profile, 2 the 2024 2.0.0 profile. */
	unsigned int profile_version;
	struct rlm_bytes instance_id; /* 256: 33 bytes, 0x01 (RAND UEID) first;
				       * mandatory with the 2.0 profile */
	/* 44243: RLM_TOKEN_MEC_* (an integer with the 2.0 profile, where
	 * TF-RMM writes 1 for a private MECID and 0 for shared; the text
	 * "private"/"shared" of the draft-ffm-rats-cca-token-03 form is
	 * accepted too, with mec_policy_text set). */
	int mec_policy;
	bool mec_policy_text;
};

#define RLM_TOKEN_MEC_ABSENT (-1)
#define RLM_TOKEN_MEC_SHARED 0
#define RLM_TOKEN_MEC_PRIVATE 1

struct rlm_token {
	uint64_t collection_tag;      /* 907 or 399; 18 for a bare platform token */
	bool platform_only;           /* a bare platform token: no realm part */
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

/*
 * Decode a bare platform token: one COSE_Sign1 (tag 18) whose payload is
 * a platform claim set, not wrapped in a collection (TF-M tools'
 * `check_iat -t CCA-plat-token` form).  Sets tok->platform_only and
 * collection_tag 18; the realm part stays empty.  Errors as
 * rlm_token_decode.
 */
int rlm_token_decode_platform_token(const uint8_t *buf, size_t len,
				    struct rlm_token *tok);

/* Either form: a collection (907/399) or a bare platform token (18). */
int rlm_token_decode_any(const uint8_t *buf, size_t len, struct rlm_token *tok);

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

/* ---- Userspace: appraisal against trust anchors and reference values ---- */

/*
 * AR4SI trustworthiness vector (draft-ietf-rats-ar4si section 2.3) as
 * veraison/ear's TrustVector holds it: one signed claim per component;
 * 0 = no claim.  Tiers: -1..1 none, 2..31 affirming, 32..95 warning,
 * 96..127 contraindicated (ear trustclaim.go GetTier; negatives mirror).
 */
struct rlm_trust_vector {
	int8_t instance_identity;
	int8_t configuration;
	int8_t executables;
	int8_t file_system;
	int8_t hardware;
	int8_t runtime_opaque;
	int8_t storage_opaque;
	int8_t sourced_data;
};

/* AR4SI claim values (veraison/ear trustclaim.go). */
#define RLM_AR4SI_VERIFIER_MALFUNCTION (-1)
#define RLM_AR4SI_NO_CLAIM 0
#define RLM_AR4SI_UNEXPECTED_EVIDENCE 1
#define RLM_AR4SI_CRYPTO_FAILED 99
#define RLM_AR4SI_TRUSTWORTHY_INSTANCE 2
#define RLM_AR4SI_UNRECOGNIZED_INSTANCE 97
#define RLM_AR4SI_APPROVED_CONFIG 2
#define RLM_AR4SI_APPROVED_RUNTIME 2
#define RLM_AR4SI_APPROVED_BOOT 3
#define RLM_AR4SI_UNRECOGNIZED_RUNTIME 33
#define RLM_AR4SI_CONTRAINDICATED_RUNTIME 96
#define RLM_AR4SI_GENUINE_HARDWARE 2
#define RLM_AR4SI_UNRECOGNIZED_HARDWARE 97
#define RLM_AR4SI_ISOLATED_MEMORY_RUNTIME 32

/* EAR status tiers (veraison/ear trusttier.go). */
#define RLM_EAR_TIER_NONE 0
#define RLM_EAR_TIER_AFFIRMING 2
#define RLM_EAR_TIER_WARNING 32
#define RLM_EAR_TIER_CONTRAINDICATED 96

/* The tier of one claim value, and the EAR status of a vector (the worst
 * tier of its claims, ear Appraisal.UpdateStatusFromTrustVector). */
int rlm_ar4si_tier(int claim);
int rlm_trust_vector_status(const struct rlm_trust_vector *tv);
/* "none", "affirming", "warning", "contraindicated" (NULL otherwise). */
const char *rlm_ear_tier_name(int tier);

/*
 * Trust anchors and reference values, in the JSON store formats of
 * veraison/rust-ccatoken (src/store/data-model.cddl, cpak.rs,
 * platformrefvalue.rs, realmrefvalue.rs) that Trustee's local CCA
 * verifier reads (confidential-containers/trustee deps/verifier/src/cca/
 * local.rs, ta-store / rv-store):
 *  TA store  [{"instance-id": hex 33, "implementation-id": hex 32,
 *              "pkey": JWK EC P-256/P-384}...]
 *  RV store  {"platform": [{"implementation-id": hex 32,
 *              "platform-configuration": hex, "sw-components":
 *              [{"measurement-value": hex, "signer-id": hex,
 *                "component-type"?: text, "version"?: text}...]}...],
 *             "realm": [{"initial-measurement": hex,
 *              "extensible-measurements"?: [4 hex],
 *              "personalization-value"?: hex 64,
 *              "rak-hash-algorithm": name, "hash-algo-id"?: name}...]}
 * The RV store also takes librealm's own reference values (rlm_refvals_json
 * and `realmctl predict --json`): {"rim": hex, "rem"?: [4 hex or null],
 * "rpv"?: hex, "hash_algo"|"hash"?: "sha-256"|"sha256"...}, or an array of
 * them: realm reference values only.  And realm reference values as CBOR:
 * the CoRIM or bare CoMID that rlm_refvals_corim() and veraison's
 * cca-realm-measurements write (each reference triple needs "cca.rim";
 * "cca.rem0".."cca.rem3" and "cca.rpv" are checked when present); a store
 * that starts with a CBOR tag or map head is read so.
 * Loading is cumulative.  0; RLM_EMALFORMED (JSON syntax, a missing field,
 * a wrong length or type), RLM_ENOTSUP (an unknown hash algorithm, key
 * type or curve), RLM_E2BIG (too large or too deep), RLM_ENOMEM, with a
 * message naming the field in err (may be NULL).
 */
struct rlm_appraisal_store;
int rlm_appraisal_store_new(struct rlm_appraisal_store **out);
void rlm_appraisal_store_free(struct rlm_appraisal_store *s);
int rlm_appraisal_store_add_ta(struct rlm_appraisal_store *s,
			       const uint8_t *json, size_t len, char *err,
			       size_t errcap);
int rlm_appraisal_store_add_rv(struct rlm_appraisal_store *s,
			       const uint8_t *json, size_t len, char *err,
			       size_t errcap);

/* The claim groups an appraisal judges. */
enum rlm_appraisal_group {
	RLM_APPRAISE_PLATFORM_SIGNATURE = 0, /* trust anchor found, signature */
	RLM_APPRAISE_REALM_SIGNATURE,        /* RAK signature */
	RLM_APPRAISE_BINDING,                /* platform challenge = H(RAK) */
	RLM_APPRAISE_NONCE,                  /* realm challenge = --nonce */
	RLM_APPRAISE_PLATFORM_REFVALS,       /* impl id, config, sw components */
	RLM_APPRAISE_REALM_REFVALS,          /* RIM, hash, RPV, REMs */
	RLM_APPRAISE_GROUPS
};
/* "platform-signature", "realm-signature", "binding", "nonce",
 * "platform-reference-values", "realm-reference-values". */
const char *rlm_appraisal_group_name(enum rlm_appraisal_group g);

struct rlm_appraisal {
	enum rlm_token_status group[RLM_APPRAISE_GROUPS];
	struct rlm_trust_vector platform; /* EAR submod CCA_SSD_PLATFORM */
	struct rlm_trust_vector realm;    /* EAR submod CCA_REALM */
	int platform_status, realm_status; /* RLM_EAR_TIER_* */
	bool has_realm;                   /* false for a bare platform token */
	/* The first claim that differs, e.g. "realm.initial-measurement",
	 * "platform.sw-components[3].measurement-value"; "" if none. */
	char first_claim[64];
	const char *reason;               /* first failure in words, or NULL */
};

/*
 * Verify and appraise a decoded token as veraison/rust-ccatoken's
 * Evidence::verify then Evidence::appraise do (src/token/evidence.rs),
 * filling both trust vectors with the values they set:
 *  - the platform key is the trust anchor whose instance-id is the
 *    platform's (none: instance-identity 97, realm no claim); platform
 *    signature (fails: all 99), realm signature and binding (fail: realm
 *    all 99), else instance-identity 2 for each;
 *  - platform reference values with the token's implementation id (none:
 *    hardware 97 and the realm is not appraised); one whose configuration
 *    and software components (in order; type and version when the
 *    reference gives them) equal the token's gives instance-identity 2,
 *    hardware 2, executables 3, configuration 2, runtime-opaque 32;
 *    none equal: hardware 97.  A store without any platform reference
 *    value skips this group (realm-only stores such as predict's);
 *  - realm reference values with the token's RIM (none: executables 33,
 *    the standard unrecognized_rt, where rust-ccatoken writes a private
 *    -97); one whose given hash algorithm, RPV, RAK hash algorithm and
 *    REMs all equal the token's gives executables 2 (REMs given) or 3;
 *    none: executables 96;
 *  - nonce (optional, up to 64 bytes, zero-padded as Trustee pads report
 *    data): equal to the realm challenge (the platform challenge for a
 *    bare platform token).
 * 0 when no group is BAD; RLM_EVERIFY (a signature, anchor or binding),
 * RLM_EMISMATCH (a reference value or the nonce; first_claim names the
 * first claim that differs), RLM_EINVAL; RLM_ENOTSUP without OpenSSL.
 */
int rlm_token_appraise(const struct rlm_token *tok,
		       const struct rlm_appraisal_store *s,
		       const uint8_t *nonce, size_t nonce_len,
		       struct rlm_appraisal *a);

#ifdef __cplusplus
}
#endif

#endif /* RLM_TOKEN_H */
