/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hashing.  The portable core carries its own SHA-256/384/512 so it works
 * unchanged in the kernel and freestanding; faster providers (OpenSSL in
 * userspace, the kernel crypto API in the shim) plug in behind
 * struct rlm_hash_provider below.
 *
 * Provider selection: rlm_hash_init() and rlm_hash_digest() dispatch
 * through the provider set with rlm_hash_set_provider(), or, when none was
 * set, through rlm_hash_default_provider(): the built-in SHA-2 unless the
 * environment names another with rlm_hash_set_default_source().  librealm
 * (userspace) names OpenSSL when it has it (lib/crypto/hash-default-user.c:
 * a load-time hook that only stores a function; OpenSSL itself is set up
 * lazily on first use).  A context remembers the provider it was started
 * with.
 */
#ifndef RLM_HASH_H
#define RLM_HASH_H

#include <realm/env.h>

#ifdef __cplusplus
extern "C" {
#endif

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

struct rlm_hash_provider;

struct rlm_hash_ctx {
	enum rlm_hash_algo algo;
	const struct rlm_hash_provider *prov; /* set by rlm_hash_init() */
	void *state;             /* provider-owned state (NULL for built-in) */
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

/*
 * A hash implementation.  Every op returns 0 or a negative RLM_E*.
 *  init:   start ctx for algo (ctx->algo and ctx->prov are already set);
 *          the provider may keep its state in ctx->state or in the built-in
 *          fields of the context.
 *  update: absorb len bytes (data may be NULL when len is 0).
 *  final:  write the digest size bytes to out and release the state; the
 *          context is unusable afterwards (init it again).
 *  abort:  release the state of a context that will not be finalized
 *          (may be NULL when init allocates nothing).
 *  digest: one shot; out receives the digest size bytes (callers zero the
 *          rest).  Must be safe to call from several threads at once.
 *  supports: whether the provider implements algo.
 */
struct rlm_hash_provider {
	const char *name;
	bool (*supports)(enum rlm_hash_algo algo);
	int (*init)(struct rlm_hash_ctx *ctx);
	int (*update)(struct rlm_hash_ctx *ctx, const void *data, size_t len);
	int (*final)(struct rlm_hash_ctx *ctx, uint8_t *out);
	void (*abort)(struct rlm_hash_ctx *ctx);
	int (*digest)(enum rlm_hash_algo algo, const void *data, size_t len, uint8_t *out);
};

/* The portable FIPS 180-4 implementation of the core (always available). */
extern const struct rlm_hash_provider rlm_hash_builtin;

/* The provider used when none was set (see above); never NULL. */
const struct rlm_hash_provider *rlm_hash_default_provider(void);
/*
 * For an environment's setup: fn names the default provider (asked on each
 * lookup, so it may set itself up lazily; it returns NULL when it cannot,
 * and the built-in one is used).  NULL fn: the built-in provider.
 */
void rlm_hash_set_default_source(const struct rlm_hash_provider *(*fn)(void));
/* The provider rlm_hash_* use now; never NULL. */
const struct rlm_hash_provider *rlm_hash_get_provider(void);
/*
 * Make p the provider of every later rlm_hash_init()/rlm_hash_digest();
 * NULL returns to the default.  RLM_EINVAL if p lacks an op or does not
 * support SHA-256 and SHA-512 (the RMM 1.0 realm hashes).  Set it before
 * other threads hash; contexts already started keep their provider.
 */
int rlm_hash_set_provider(const struct rlm_hash_provider *p);

/* Start a context with the current provider (rlm_hash_init) or with p.
 * A started context holds provider resources until rlm_hash_final() or
 * rlm_hash_abort() (every error return of update/final releases them). */
int rlm_hash_init(struct rlm_hash_ctx *ctx, enum rlm_hash_algo algo);
int rlm_hash_init_with(struct rlm_hash_ctx *ctx, enum rlm_hash_algo algo,
		       const struct rlm_hash_provider *p);
/* Release a started context without a digest (safe on a finished one). */
void rlm_hash_abort(struct rlm_hash_ctx *ctx);
int rlm_hash_update(struct rlm_hash_ctx *ctx, const void *data, size_t len);
/* Writes rlm_hash_size() bytes to out (which must hold RLM_HASH_MAX_SIZE). */
int rlm_hash_final(struct rlm_hash_ctx *ctx, uint8_t *out);
/* One-shot; out must hold RLM_HASH_MAX_SIZE bytes; bytes past the digest
 * size are zeroed (the RMM's 64-byte measurement convention). */
int rlm_hash_digest(enum rlm_hash_algo algo, const void *data, size_t len, uint8_t *out);
/* The same with a given provider. */
int rlm_hash_digest_with(const struct rlm_hash_provider *p, enum rlm_hash_algo algo,
			 const void *data, size_t len, uint8_t *out);

#if !defined(__KERNEL__) && !defined(RLM_ENV_FREESTANDING)
/* Userspace: the OpenSSL (EVP) provider, or NULL in a build without
 * OpenSSL.  SHA-256, SHA-384, SHA-512. */
const struct rlm_hash_provider *rlm_hash_openssl_provider(void);
#endif
#if defined(__KERNEL__)
/* Kernel module: the crypto API provider (lib/crypto/hash-kernel.c).
 * Call rlm_hash_kernel_setup() before using it, teardown at module exit. */
extern const struct rlm_hash_provider rlm_hash_kernel;
int rlm_hash_kernel_setup(void);
void rlm_hash_kernel_teardown(void);
#endif

#ifdef __cplusplus
}
#endif

#endif /* RLM_HASH_H */
