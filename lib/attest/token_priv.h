/* SPDX-License-Identifier: BSD-3-Clause */
/* Internal helpers shared by the userspace token files. */
#ifndef RLM_ATTEST_TOKEN_PRIV_H
#define RLM_ATTEST_TOKEN_PRIV_H

#include <realm/env.h>

/* COSE r||s (n bytes) to a DER ECDSA-Sig-Value. */
int rlm_token_rs_to_der_(const uint8_t *rs, size_t n, uint8_t *der, size_t cap,
			 size_t *dlen);

struct rlm_token_key;
/* The key's public point (uncompressed). */
int rlm_token_key_point_(const struct rlm_token_key *k, uint8_t *out,
			 size_t cap, size_t *len);

/* PEM text (SubjectPublicKeyInfo, NUL-terminated) of an OpenSSL EVP_PKEY:
 * 0 and *len with the NUL, RLM_ENOSPC with *len the size needed. */
int rlm_token_pem_of_(const void *evp_pkey, char *out, size_t cap, size_t *len);

/* base64url (or base64) text of n chars, '=' padding ends it, into
 * out[cap]: 0 and *olen; RLM_EMALFORMED for a bad character or overflow. */
int rlm_token_b64url_decode_(const char *s, size_t n, uint8_t *out, size_t cap,
			     size_t *olen);

#endif
