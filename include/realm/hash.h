/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hashing.  The portable core carries its own SHA-256/384/512 so it works
 * unchanged in the kernel and freestanding; faster providers (OpenSSL in
 * userspace, the kernel crypto API in the shim) plug in behind
 * struct rlm_hash_provider (see realm/measure.h).
 */
#ifndef RLM_HASH_H
#define RLM_HASH_H

#include <realm/env.h>

/* Values equal the RMI encoding of the realm hash algorithm. */
enum rlm_hash_algo {
	RLM_HASH_SHA256 = 0,
	RLM_HASH_SHA512 = 1,
	RLM_HASH_SHA384 = 2,
};

#define RLM_HASH_MAX_SIZE 64
#define RLM_SHA256_SIZE 32
#define RLM_SHA384_SIZE 48
#define RLM_SHA512_SIZE 64

struct rlm_hash_ctx {
	enum rlm_hash_algo algo;
	uint64_t total;          /* bytes hashed so far */
	uint32_t buflen;
	union {
		uint32_t s256[8];
		uint64_t s512[8];
	} h;
	uint8_t buf[128];
};

/* Digest size in bytes, or 0 for an unknown algorithm. */
size_t rlm_hash_size(enum rlm_hash_algo algo);
/* "sha256", "sha384", "sha512", or NULL. */
const char *rlm_hash_name(enum rlm_hash_algo algo);

int rlm_hash_init(struct rlm_hash_ctx *ctx, enum rlm_hash_algo algo);
int rlm_hash_update(struct rlm_hash_ctx *ctx, const void *data, size_t len);
/* Writes rlm_hash_size() bytes to out (which must hold RLM_HASH_MAX_SIZE). */
int rlm_hash_final(struct rlm_hash_ctx *ctx, uint8_t *out);
/* One-shot; out must hold RLM_HASH_MAX_SIZE bytes; bytes past the digest
 * size are zeroed (the RMM's 64-byte measurement convention). */
int rlm_hash_digest(enum rlm_hash_algo algo, const void *data, size_t len, uint8_t *out);

#endif /* RLM_HASH_H */
