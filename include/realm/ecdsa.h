/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ECDSA over NIST P-256 and P-384 (FIPS 186-4 section 6, SEC 1 v2 section
 * 4.1), portable core: no allocation, no libc, small stack frames, so the
 * mock RMM can sign attestation tokens inside the kernel module (the
 * kernel crypto API cannot sign ECDSA) and freestanding.
 *
 * Nonces are deterministic (RFC 6979 section 3.2, HMAC with the hash whose
 * size the digest has: 32 bytes SHA-256, 48 SHA-384, 64 SHA-512; the
 * library's own SHA-2, whatever hash provider is installed).
 *
 * NOT CONSTANT TIME.  This signer exists for the mock RMM's attestation
 * tokens and for tests; its running time and memory accesses depend on
 * the private key and the nonce.  Do not use it to protect real secrets.
 *
 * Integers are big-endian byte strings of the curve's size (32 or 48);
 * points are uncompressed (0x04 || X || Y, 65 or 97 bytes); signatures are
 * r || s (64 or 96 bytes), the COSE form.
 */
#ifndef RLM_ECDSA_H
#define RLM_ECDSA_H

#include <realm/env.h>

#ifdef __cplusplus
extern "C" {
#endif

enum rlm_ecdsa_curve {
	RLM_ECDSA_P256 = 256,
	RLM_ECDSA_P384 = 384,
};

#define RLM_ECDSA_MAX_SCALAR 48
#define RLM_ECDSA_MAX_POINT 97
#define RLM_ECDSA_MAX_SIG 96

/* Scalar size in bytes (32 or 48), or 0 for an unknown curve. */
size_t rlm_ecdsa_size(enum rlm_ecdsa_curve curve);

/* 0 if priv (exactly rlm_ecdsa_size bytes) is in [1, n-1]; RLM_ERANGE if
 * it is 0 or >= n; RLM_EINVAL for NULL, a wrong size or curve. */
int rlm_ecdsa_check_private(enum rlm_ecdsa_curve curve, const uint8_t *priv,
			    size_t len);

/*
 * A private key from seed material: the first rlm_ecdsa_size bytes of
 * SHA-512(counter(4, big-endian) || seed), for counter 0, 1, ... until the
 * value is in [1, n-1] (FIPS 186-4 B.4.2's candidate testing).  The same
 * seed always gives the same key.  priv receives rlm_ecdsa_size bytes.
 */
int rlm_ecdsa_key_from_seed(enum rlm_ecdsa_curve curve, const void *seed,
			    size_t seed_len, uint8_t *priv, size_t cap);

/* The public point d*G, uncompressed: 0 and *len, or RLM_ENOSPC with *len
 * the size needed; RLM_ERANGE for a private key out of range. */
int rlm_ecdsa_public(enum rlm_ecdsa_curve curve, const uint8_t *priv,
		     size_t priv_len, uint8_t *point, size_t cap, size_t *len);

/*
 * Sign a message digest (32, 48 or 64 bytes; bits2int keeps its leftmost
 * curve-size bytes): r || s into sig, 0 and *len, RLM_ENOSPC with *len
 * the size needed, RLM_EINVAL / RLM_ERANGE for bad input.
 */
int rlm_ecdsa_sign(enum rlm_ecdsa_curve curve, const uint8_t *priv,
		   size_t priv_len, const uint8_t *digest, size_t digest_len,
		   uint8_t *sig, size_t cap, size_t *len);

/* RFC 6979's nonce k for (priv, digest) (exposed for the known-answer
 * tests): rlm_ecdsa_size bytes into k. */
int rlm_ecdsa_rfc6979_k(enum rlm_ecdsa_curve curve, const uint8_t *priv,
			size_t priv_len, const uint8_t *digest, size_t digest_len,
			uint8_t *k, size_t cap);

/*
 * Verify r || s over a digest with an uncompressed public point.  0 when
 * valid; RLM_EVERIFY for a wrong signature, r or s out of [1, n-1], or a
 * point not on the curve; RLM_EINVAL for NULL or wrong sizes.
 */
int rlm_ecdsa_verify(enum rlm_ecdsa_curve curve, const uint8_t *point,
		     size_t point_len, const uint8_t *digest, size_t digest_len,
		     const uint8_t *sig, size_t sig_len);

#ifdef __cplusplus
}
#endif

#endif /* RLM_ECDSA_H */
